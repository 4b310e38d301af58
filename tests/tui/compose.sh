#!/bin/sh
# The specialist in the interface: N opens the form of a new draft; the
# file is chosen by path with Tab completion, the type, urgency, signer
# and reviewers with pickers, the other fields typed; s sends it and the
# server has it.  My drafts (5) shows whose turn it is; after the
# leader returns it, the draft view shows the reason and the annotation
# (in the list, and inside the page's text under the line it quotes),
# and u uploads a new version; once the draft is with its signer, u
# says why no version can be uploaded.
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
mkdir -p "$HOME/du-thao"
"$PYTHON3" "$top_srcdir/tests/tools/mkdraftpdf" \
    "$HOME/du-thao/ke-hoach-ve-sinh-v1.pdf" \
    "Kế hoạch tổng vệ sinh môi trường thôn Hà Đông."
"$PYTHON3" "$top_srcdir/tests/tools/mkdraftpdf" \
    "$HOME/du-thao/ke-hoach-ve-sinh-v2.pdf" \
    "Kế hoạch tổng vệ sinh môi trường thôn Hà Đông năm 2026."

# server_draft SUBJECT EXPR: EXPR (Python, on the draft d) of the
# draft with SUBJECT, as the signer sees it on the server.
server_draft() {
	curl -s --cacert "$tui_state/tls-ca.pem" -H "Authorization: Bearer $(
	    curl -s --cacert "$tui_state/tls-ca.pem" \
	    -H 'Content-Type: application/json' \
	    -d '{"username":"phochutich","password":"phochutich-2026"}' \
	    "$tui_url/api/v1/auth/login" |
	    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["token"])')" \
	    "$tui_url/api/v1/drafts?scope=all&limit=200" |
	    "$PYTHON3" -c "import json,sys
for d in json.load(sys.stdin)['items']:
    if d['subject'] == '$1':
        print($2)"
}

tui_start 100 30 LC_ALL=C.UTF-8 -- ui --user chuyenvien1
t_ok "log in" tui_login chuyenvien1 chuyenvien1-2026
tui_keys N
tui_check "N opens the form of a new draft" 'New draft'
tui_check "the form lists the fields" '^Document type'
tui_check "Enter edits a field, and its hint says so" 'Enter Edit( |$)'

# The file, by path with Tab completion.
tui_keys Enter
tui_wait '^File \(Tab completes\):'
tui_type '~/du-t'
tui_keys Tab
tui_check "Tab completes the directory" '^File \(Tab completes\): ~/du-thao/'
tui_type 'ke'
tui_keys Tab
tui_check "Tab completes the common part of the names" \
    'completes\): ~/du-thao/ke-hoach-ve-sinh-v$'
tui_type '1.pdf'
tui_keys Enter
tui_check "the file is in the form" 'File \(PDF\) +/.*/du-thao/ke-hoach-ve-sinh-v1.pdf'

# The type with its abbreviation, from the picker.
tui_keys Down Enter
tui_check "the type picker shows the abbreviations" 'KH +Kế hoạch'
tui_check "in the picker Enter chooses" 'Enter Choose( |$)'
tui_keys /
tui_type 'ke hoach'
tui_keys Enter Enter
tui_check "the type is chosen" 'Document type +KH – Kế hoạch'

tui_keys Down Enter
tui_wait '^Subject \(trích yếu\):'
tui_type 'Kế hoạch tổng vệ sinh môi trường'
tui_keys Enter
tui_check "the subject is in the form" 'Subject +Kế hoạch tổng vệ sinh'
tui_keys Down Enter
tui_check "the urgency picker" 'hỏa tốc|Urgency'
tui_keys Down Enter
tui_keys Down Enter
tui_wait '^Deadline \(dd/mm/yyyy\):'
tui_type '31/02/2026'
tui_keys Enter
tui_check "an impossible date is told at once" 'Not a date'
tui_keys Enter C-u
tui_type '28/12/2030'
tui_keys Enter
tui_check "the deadline is in the form" 'Deadline +28/12/2030'

# The signer among the leaders only; then a reviewer marked with Space.
tui_keys Down Enter
tui_check "the signer picker lists the leaders" 'Nguyễn Văn Hùng'
tui_check_gone "and not the specialists" 'Hoàng Thị Lan'
tui_keys Enter
tui_check "the signer is chosen, with the position line" \
    'Signer +Nguyễn Văn Hùng \(chutich\)'
tui_check "the position line comes from the signer" 'Position line +Chủ tịch UBND xã'
tui_keys Down Enter
tui_check "the reviewer picker" 'Lê Thị Hương'
tui_check_gone "the signer is not offered as a reviewer" 'Nguyễn Văn Hùng'
tui_keys /
tui_type 'huong'
tui_keys Enter Space Enter
tui_check "the reviewer is chosen" 'Reviewers +Lê Thị Hương \(phochutich\)'
tui_keys Down Enter
tui_keys Down Down Enter
tui_check "the competence is chosen" 'Competence +KT\.'
tui_keys Down Down Enter
tui_wait '^Recipients, separated'
tui_type 'UBND huyện Hoằng Hóa; Lưu: VT'
tui_keys Enter
tui_keys s
tui_check "sending asks first" 'Send the draft .Kế hoạch tổng vệ sinh'
tui_keys y
tui_check "the draft is sent" 'sent|queued' 20
tui_ok=
for i in 1 2 3 4 5 6 7 8 9 10; do
	got=$(server_draft 'Kế hoạch tổng vệ sinh môi trường' \
	    'd["type_code"]+" "+d["state"]+" "+d["signer_competence"]+" "+"|".join(d["recipients"])')
	[ -n "$got" ] && break
	sleep 1
done
t_is "the server has the draft with its metadata" \
    "KH in_review KT. UBND huyện Hoằng Hóa|Lưu: VT" "$got"
id=$(server_draft 'Kế hoạch tổng vệ sinh môi trường' 'd["id"]')

# My drafts: whose turn it is.
tui_keys g
tui_wait 'Updated|Up to date' 30
tui_keys 5
tui_check "my drafts" 'My drafts \([1-9]'
tui_check "whose turn: the reviewer" 'Lê Thị Hương +Kế hoạch tổng vệ sinh'

# The reviewer annotates and returns it (through the API).
tok=$(curl -s --cacert "$tui_state/tls-ca.pem" -H 'Content-Type: application/json' \
    -d '{"username":"phochutich","password":"phochutich-2026"}' \
    "$tui_url/api/v1/auth/login" |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["token"])')
vid=$(curl -s --cacert "$tui_state/tls-ca.pem" -H "Authorization: Bearer $tok" \
    "$tui_url/api/v1/drafts/$id" |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["current_version"]["id"])')
curl -s --cacert "$tui_state/tls-ca.pem" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/json' \
    -d "{\"version_id\": \"$vid\", \"page\": 1, \"quote\": \"thôn Hà Đông\", \"note\": \"Ghi rõ năm thực hiện\"}" \
    "$tui_url/api/v1/drafts/$id/annotations" >/dev/null
curl -s --cacert "$tui_state/tls-ca.pem" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/json' -d '{"reason": "Thiếu thời gian thực hiện"}' \
    "$tui_url/api/v1/drafts/$id/return" >/dev/null
tui_keys g
tui_wait 'Updated|Up to date' 30
tui_check "returned, my turn" '^>.*Phạm Minh Tuấn +Kế hoạch tổng vệ sinh.*returned' 20
tui_keys Enter
tui_check "the draft view shows the reason" 'Reason returned: Thiếu thời gian thực hiện' 20
tui_check "and the annotation with its page" 'page 1, Lê Thị Hương'
tui_check "and the quoted line" '"thôn Hà Đông"'

# note_under LINE NOTE: whether the screen shows NOTE (a regex) on the
# row right under the row that holds LINE (a fixed string).
note_under() {
	tui_screen | awk -v q="$1" -v n="$2" '
	    seen { if ($0 ~ n) ok = 1; seen = 0 }
	    index($0, q) { seen = 1 }
	    END { exit !ok }'
}
# Down, line by line, until the quoted line and the note are on screen.
got=no
for i in $(seq 1 90); do
	if note_under 'vệ sinh môi trường thôn Hà Đông' \
	    '>> Annotation by Lê Thị Hương .*Ghi rõ năm thực hiện'; then
		got=yes
		break
	fi
	tui_keys Down
	sleep 0.3
done
t_is "the annotation stands in the page's text, under the line it quotes" yes "$got"
[ "$got" = yes ] || tui_screen | sed 's/^/# |/'

# u: the new version, by path.
tui_keys u
tui_wait '^New version, file'
tui_type '~/du-thao/ke-hoach-ve-sinh-v2.pdf'
tui_keys Enter
tui_check "sending the version asks first" 'as the new version\?'
tui_keys y
tui_check "the new version is sent" 'sent|queued' 20
got=
for i in 1 2 3 4 5 6 7 8 9 10; do
	got=$(server_draft 'Kế hoạch tổng vệ sinh môi trường' \
	    'str(d["current_version"]["number"])+" "+d["state"]')
	[ "$got" = "2 in_review" ] && break
	sleep 1
done
t_is "the server has version 2, back in review" "2 in_review" "$got"

# The reviewer approves: the draft is with its signer now, and u says
# why no new version can be uploaded (nothing is queued).
curl -s --cacert "$tui_state/tls-ca.pem" -H "Authorization: Bearer $tok" \
    -H 'Content-Type: application/json' -d '{}' \
    "$tui_url/api/v1/drafts/$id/approve" >/dev/null
tui_keys g
tui_wait 'Updated|Up to date' 30
tui_check "the view shows it is with the signer" 'State: to the signer' 30
tui_keys u
tui_check "u says why no version can be uploaded now" \
    "draft $id is to the signer: a new version can be uploaded only"
tui_check_gone "no file is asked for" '^New version, file' 
tui_keys q Q
tui_wait_exit 10
t_done
