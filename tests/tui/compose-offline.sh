#!/bin/sh
# The specialist in the interface without the server (vanthu ui
# --offline): a new draft (the signer typed, as the people cannot be
# listed) and a new version of a returned draft wait in the outbox with
# their files; nothing reaches the server until vanthu is back online,
# then each arrives exactly once, and a second sync sends nothing more.
# The boxes of the number and date fields can be given in the form.
# The words changed between the two versions are shown with d.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config
: "${PYTHON3:=python3}"
MKDRAFTPDF="$top_srcdir/tests/tools/mkdraftpdf"
mkdir -p "$HOME/du-thao"
"$PYTHON3" "$MKDRAFTPDF" "$HOME/du-thao/tb-v1.pdf" \
    "Thông báo lịch trực cơ quan dịp Tết Dương lịch."
"$PYTHON3" "$MKDRAFTPDF" "$HOME/du-thao/tb-v2.pdf" \
    "Thông báo lịch trực cơ quan dịp Tết Dương lịch năm 2027."
# No "Số:" line here: the drafter says where the fields go.
"$PYTHON3" "$MKDRAFTPDF" "$HOME/du-thao/kh-offline.pdf" \
    --number "Kính gửi: các bộ phận" --date "Kế hoạch" \
    "Kế hoạch kiểm tra hồ sơ đất đai tồn đọng."

api() {
	curl -s --cacert "$tui_state/tls-ca.pem" "$@"
}
token() {
	api -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$1\",\"password\":\"$1-2026\"}" \
	    "$tui_url/api/v1/auth/login" |
	    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
# count SUBJECT: how many of chuyenvien1's drafts have SUBJECT.
count() {
	api -H "Authorization: Bearer $(token chuyenvien1)" \
	    "$tui_url/api/v1/drafts?scope=all&role=drafter&limit=200" |
	    "$PYTHON3" -c "import json,sys
print(sum(1 for d in json.load(sys.stdin)['items'] if d['subject'] == '$1'))"
}
# versions ID: how many versions draft ID has on the server.
versions() {
	api -H "Authorization: Bearer $(token chuyenvien1)" \
	    "$tui_url/api/v1/drafts/$1" |
	    "$PYTHON3" -c 'import json,sys; print(len(json.load(sys.stdin)["versions"]))'
}

# Online first: log in, start a draft, sync, the signer returns it,
# sync again (the change brings the draft's detail into the copy).
echo chuyenvien1-2026 | "$VANTHU" login --username chuyenvien1 \
    --password-stdin >/dev/null
id=$("$VANTHU" draft new "$HOME/du-thao/tb-v1.pdf" --type TB \
    --subject "Thông báo lịch trực Tết" --signer chutich --json |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["id"])')
t_match "a draft to revise" '^d[0-9]+$' "$id"
"$VANTHU" sync >/dev/null 2>&1
api -H "Authorization: Bearer $(token chutich)" \
    -H 'Content-Type: application/json' -d '{"reason": "Ghi rõ năm"}' \
    "$tui_url/api/v1/drafts/$id/return" >/dev/null
"$VANTHU" sync >/dev/null 2>&1

tui_start 100 30 LC_ALL=C.UTF-8 -- ui --offline
tui_check "vanthu starts offline" 'offline *$'

# A new draft: the signer's user name is typed (no list offline).
tui_keys N
tui_check "N opens the form" 'New draft'
tui_keys Enter
tui_wait '^File \(Tab completes\):'
tui_type '~/du-thao/kh-offline.pdf'
tui_keys Enter
tui_keys Down Enter
tui_check "the type picker" 'KH +Kế hoạch'
tui_keys /
tui_type 'ke hoach'
tui_keys Enter Enter
tui_keys Down Enter
tui_wait '^Subject \(trích yếu\):'
tui_type 'Kế hoạch kiểm tra hồ sơ đất đai'
tui_keys Enter
tui_keys Down Down Down Enter
tui_check "offline, the signer's user name is asked" \
    "^Signer \\(a leader's user name\\):"
tui_type 'chutich'
tui_keys Enter
tui_check "the signer is in the form" 'Signer +chutich'
tui_check "the boxes are found from the text unless given" \
    'Number field box +\(found from the'
tui_keys Down Down Down Down Down Enter
tui_wait '^Number field box, X,Y,W,H'
tui_type '60,80'
tui_keys Enter
tui_check "a box that is not one is told at once" 'not a box: "60,80"'
tui_keys Enter C-u
tui_type '60,86,200,16'
tui_keys Enter
tui_check "the number box is in the form" 'Number field box +60,86,200,16'
tui_keys Down Enter
tui_wait '^Date field box, X,Y,W,H'
tui_type '300,86,240,16'
tui_keys Enter
tui_check "the date box is in the form" 'Date field box +300,86,240,16'
tui_keys s
tui_check "sending asks first" 'Send the draft .Kế hoạch kiểm tra'
tui_keys y
tui_check "the draft is queued with its file" 'New draft queued'

# The returned draft: a new version, queued too.
tui_keys 5
tui_check "my drafts, from the offline copy" 'Thông báo lịch trực Tết'
tui_keys /
tui_type 'lich truc'
tui_keys Enter Enter
tui_check "the returned draft opens" 'Reason returned: Ghi rõ năm'
tui_keys u
tui_wait '^New version, file'
tui_type '~/du-thao/tb-v2.pdf'
tui_keys Enter
tui_check "sending the version asks first" 'as the new version\?'
tui_keys y
tui_check "the version is queued with its file" 'New version queued'
tui_keys q Q
tui_wait_exit 10
t_is "nothing reached the server while offline" "0 1" \
    "$(count 'Kế hoạch kiểm tra hồ sơ đất đai') $(versions "$id")"
rm -f "$HOME/du-thao/kh-offline.pdf" "$HOME/du-thao/tb-v2.pdf"

# Online again: the outbox is sent, each action once.
tui_start 100 30 LC_ALL=C.UTF-8 -- ui
tui_check "online, the outbox is sent and the copy synced" \
    'Sent: 2 actions that were waiting|Updated|Up to date' 60
got=
for i in $(seq 1 60); do
	got="$(count 'Kế hoạch kiểm tra hồ sơ đất đai') $(versions "$id")"
	[ "$got" = "1 2" ] && break
	sleep 1
done
t_is "the new draft and the new version arrived, with their files gone here" \
    "1 2" "$got"
tui_keys g
tui_wait 'Updated|Up to date' 60
t_is "a second sync sends nothing more" "1 2" \
    "$(count 'Kế hoạch kiểm tra hồ sơ đất đai') $(versions "$id")"
tok=$(token chuyenvien1)
att=$(api -H "Authorization: Bearer $tok" \
    "$tui_url/api/v1/drafts?scope=all&role=drafter&limit=200" |
    "$PYTHON3" -c "import json,sys
print([d for d in json.load(sys.stdin)['items']
       if d['subject'] == 'Kế hoạch kiểm tra hồ sơ đất đai'][0]
      ['current_version']['attachment_id'])")
api -H "Authorization: Bearer $tok" -o "$tui_tmp/kh.pdf" \
    "$tui_url/api/v1/attachments/$att"
qpdf --qdf --object-streams=disable "$tui_tmp/kh.pdf" "$tui_tmp/kh.qdf"
t_is "the number and date fields are in the drafter's boxes" \
    "/T (code_number) /T (promulgation_date)" \
    "$(grep -a -o '/T (code_number)\|/T (promulgation_date)' "$tui_tmp/kh.qdf" |
    sort | tr '\n' ' ' | sed 's/ $//')"
# (60,86,200,16 from the top left of an A4 page: x 60..260, y 740..756)
t_match "... the number field is in the box given" \
    '/Rect \[ 60 740 260 756 \] /Subtype /Widget /T \(code_number\)' \
    "$(tr -s ' \n' '  ' <"$tui_tmp/kh.qdf")"

# d: the words changed between the two versions of the returned draft.
tui_keys 5
tui_check "my drafts" 'Thông báo lịch trực Tết'
tui_keys /
tui_type 'lich truc'
tui_keys Enter Enter
tui_check "the draft has its second version" 'Version: 2 ' 30
tui_check "d is offered on my own draft" 'd Changes'
tui_keys d
tui_check "d shows the words changed" 'Dương lịch \{\+năm 2027\+\}' 60
tui_check "... with the counts" '2 words added, 0 words deleted' 10
tui_keys q q Q
tui_wait_exit 10

# Bad metadata and a file that is not a PDF: told in Vietnamese under
# vi_VN, and nothing is queued.
if dir=$(tui_vi_localedir); then
	printf 'PK\003\004 not a pdf' >"$HOME/du-thao/ghi-chu.pdf"
	tui_start 100 30 LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" -- \
	    ui --offline
	tui_check "vi: vanthu starts offline" 'ngoại tuyến *$'
	tui_keys N
	tui_check "vi: the form" 'Dự thảo mới'
	tui_keys Enter
	tui_wait '^Tệp \(Tab'
	tui_type '~/du-thao/ghi-chu.pdf'
	tui_keys Enter
	tui_keys s
	tui_check "vi: no type: told in Vietnamese" 'mã loại văn bản ""'
	tui_keys Down Enter
	tui_keys /
	tui_type 'thong bao'
	tui_keys Enter Enter
	tui_keys Down Enter
	tui_wait '^Trích yếu:'
	tui_type 'Thông báo thử'
	tui_keys Enter
	tui_keys Down Down Down Enter
	tui_wait '^Người ký \(tên đăng nhập'
	tui_type 'chutich'
	tui_keys Enter
	tui_keys s
	tui_check "vi: sending asks first" 'Gửi dự thảo .Thông báo thử'
	tui_keys y
	tui_check "vi: not a PDF: told in Vietnamese" \
	    'ghi-chu\.pdf không phải t'
	tui_check "vi: nothing is queued (the form stays)" 'Dự thảo mới'
	tui_keys q q Q
	tui_wait_exit 10
	t_is "vi: the outbox is empty" 0 \
	    "$("$VANTHU" outbox --json | "$PYTHON3" -c 'import json,sys; print(len(json.load(sys.stdin)["actions"]))')"
else
	for n in 1 2 3 4 5 6 7; do
		t_skip "the form in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
	done
fi
t_done
