#!/bin/sh
# The clerk's incoming side against the reference server: vanthu
# register (signature verdict, registration, refusal), two clerks
# registering at once (real concurrent processes), offline registration
# sent exactly once, the incoming register, and role gating before
# anything is sent.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
echo "trust_file = $top_srcdir/tests/server/seed/sender-ca.pem" \
    >>"$XDG_CONFIG_HOME/vanthu/config"
clerk=$(api_token vanthu)
today=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
dmy=$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)

# arrived SUBJECT-PART: the id of the arrived document whose subject
# contains SUBJECT-PART.
arrived() {
	api_get "$clerk" "/incoming?status=01&limit=200" |
	    jq_py "[d['id'] for d in j['items'] if '$1' in d['subject']][0]"
}
doc_field() {
	api_get "$clerk" "/incoming/$1" | jq_py "j$2"
}
last_number() {
	api_get "$clerk" "/registers/incoming?limit=1000" |
	    jq_py 'max(i["arrival_number"] for i in j["items"])'
}
new_doc() {
	curl -s --cacert "$CA" -H 'Content-Type: application/json' \
	    -d "{\"subject\": \"$1\"}" "$URL/admin/incoming" | jq_py 'j["id"]'
}

signed=$(arrived 'lịch tiếp công dân')
unsigned=$(arrived 'Giấy mời dự Hội nghị')
changed=$(arrived 'bị sửa sau khi ký')
broken=$(arrived 'hỏng chữ ký')
vt_login vanthu >/dev/null
t_is "inbox --arrived lists the documents awaiting registration" \
    "$(api_get "$clerk" "/incoming?status=01&limit=1" | jq_py 'j["total"]')" \
    "$(vt inbox --arrived | wc -l)"
t_match "the signed one among them" "$signed" "$(vt inbox --arrived)"

# A valid signature: the verdict, then the next number and today's date.
before=$(last_number)
out=$(vt register "$signed" --yes); rc=$?
t_is "register --yes exits 0" 0 "$rc"
t_match "the verdict is shown" 'Digital signature: the digital signature is valid and trusted' "$out"
t_match "with the signer" 'Signer: +UBND huyện Hoằng Hóa' "$out"
t_is "the server gave the next arrival number" $((before + 1)) \
    "$(doc_field "$signed" '["arrival_number"]')"
t_is "and today's date (Vietnam time)" "$today" \
    "$(doc_field "$signed" '["arrival_date"]')"
t_is "the document is registered (03)" "03" "$(doc_field "$signed" '["status"]')"
t_match "the number is printed" "Registered: arrival number $((before + 1)), arrival date $dmy" "$out"
t_is "the verdict is the register's note" "Chữ ký số hợp lệ" \
    "$(doc_field "$signed" '["history"][-1]["note"]' | sed 's/.* — //')"
err=$(vt register "$signed" --yes 2>&1); rc=$?
t_is "registering it again is refused (exit 5)" 5 "$rc"
t_match "saying it is not awaiting registration" 'is not awaiting registration' "$err"

# Flagged documents: no signature, changed after signing, broken.
out=$(setsid -w "$VANTHU" register "$unsigned" 2>&1 </dev/null); rc=$?
t_match "an unsigned document is flagged" 'has NO digital signature' "$out"
t_match "and the clerk is offered to refuse it" 'WARNING: .*returned to its sender' "$out"
t_is "without a terminal and without --yes: usage error" 2 "$rc"
t_is "and nothing was registered" "01" "$(doc_field "$unsigned" '["status"]')"
out=$(setsid -w "$VANTHU" register "$changed" 2>&1 </dev/null)
t_match "a document changed after signing is flagged" 'CHANGED after it was signed' "$out"
out=$(setsid -w "$VANTHU" register "$broken" 2>&1 </dev/null)
t_match "a broken signature is flagged" 'signature is BROKEN' "$out"

# Refuse with a reason: returned to the sender, never numbered.
out=$(vt register "$changed" --refuse "Văn bản bị sửa sau khi ký số"); rc=$?
t_is "register --refuse exits 0" 0 "$rc"
t_is "the document is returned (02)" "02" "$(doc_field "$changed" '["status"]')"
t_is "with the reason" "Văn bản bị sửa sau khi ký số" \
    "$(doc_field "$changed" '["history"][-1]["note"]')"
t_is "and without an arrival number" "None" \
    "$(doc_field "$changed" '["arrival_number"]')"
t_is "refusing used no number" $((before + 1)) "$(last_number)"

# Two clerks at once, each on their own machine (session, outbox):
# real concurrent processes get distinct consecutive numbers.
for n in 1 2 3 4 5 6; do
	eval "d$n=\$(new_doc 'Văn bản đến cùng lúc $n')"
done
second="$tmp/clerk2"
mkdir -p "$second/config/vanthu" "$second/home"
cp "$XDG_CONFIG_HOME/vanthu/config" "$second/config/vanthu/config"
as2() {
	XDG_CONFIG_HOME="$second/config" XDG_STATE_HOME="$second/state" \
	XDG_CACHE_HOME="$second/cache" HOME="$second/home" "$VANTHU" "$@"
}
echo vanthu-2026 | as2 login --username vanthu --password-stdin >/dev/null
before=$(last_number)
pids=
for n in 1 2 3 4 5 6; do
	who=vt
	[ $((n % 2)) = 0 ] && who=as2
	eval "$who register \$d$n --yes >\"$tmp/r$n\" 2>&1; echo \$? >\"$tmp/s$n\"" &
	pids="$pids $!"
done
# Not a bare "wait": the server is a background job too.
for p in $pids; do
	wait "$p"
done
ok=0
for n in 1 2 3 4 5 6; do
	[ "$(cat "$tmp/s$n")" = 0 ] && ok=$((ok + 1))
done
t_is "six registrations by two clerks at once all succeed" 6 "$ok"
got=$(for n in 1 2 3 4 5 6; do eval "doc_field \$d$n '[\"arrival_number\"]'"; done | sort -n | tr '\n' ' ')
want=$(for n in 1 2 3 4 5 6; do echo $((before + n)); done | tr '\n' ' ')
t_is "distinct consecutive numbers" "$want" "$got"

# Offline: queued, sent exactly once when the server is back, even when
# the first answer is lost on the way.
off=$(new_doc 'Văn bản vào sổ khi mất mạng')
vt show "$off" >/dev/null
before=$(last_number)
core_server_stop
out=$(vt register "$off" --yes 2>&1); rc=$?
t_is "offline, register exits 3 (kept)" 3 "$rc"
t_match "saying the server gives the number later" 'number will be given by the server' "$out"
t_is "one action waits in the outbox" 1 "$(vt outbox 2>/dev/null | grep -c register)"
core_server_start
fault '{"kind": "drop", "path_prefix": "/api/v1/incoming/'"$off"'/register"}'
vt outbox flush >/dev/null 2>&1
vt outbox flush >/dev/null 2>&1
t_is "the outbox is empty afterwards" 0 "$(vt outbox 2>/dev/null | grep -c register)"
t_is "registered once, with the next number" $((before + 1)) \
    "$(doc_field "$off" '["arrival_number"]')"
t_is "one registration step in its history" 1 \
    "$(doc_field "$off" '["history"]' | tr "'" '"' | grep -o '"registered"' | wc -l)"
nxt=$(new_doc 'Văn bản sau khi có mạng lại')
vt register "$nxt" --yes >/dev/null 2>&1
t_is "no number was used up by the retry" $((before + 2)) \
    "$(doc_field "$nxt" '["arrival_number"]')"

# The incoming register: Decree 30's columns, dd/mm/yyyy, --json.
out=$(vt incoming-register); rc=$?
t_is "incoming-register exits 0" 0 "$rc"
t_match "its title" "^SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM ${today%%-*}$" "$out"
out2=$(vt incoming-register --year 2001); rc=$?
t_is "a year with nothing registered exits 0" 0 "$rc"
t_is "and says so instead of an empty table" \
    "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 2001
(Chưa có văn bản đến nào được vào sổ.)" "$out2"
# (Long headings wrap inside their column.)
for h in 'Số đến' 'Ngày đến' 'Tác giả' 'Số, ký hiệu' 'Ngày tháng' \
    'Tên loại và trích yếu' 'Đơn vị hoặc người' 'Hạn giải' 'Ghi chú'; do
	t_match "heading $h" "$h" "$(printf '%s\n' "$out" | sed -n 3,6p)"
done
num=$(doc_field "$signed" '["arrival_number"]')
t_match "the registered document's row: number and date dd/mm/yyyy" \
    "^$num +│ $dmy │ UBND huyện " "$out"
json=$(vt incoming-register --json); rc=$?
t_is "incoming-register --json exits 0" 0 "$rc"
t_is "--json lists every registered document of the year" \
    "$(api_get "$clerk" /registers/incoming?limit=1 | jq_py 'j["total"]')" \
    "$(echo "$json" | jq_py 'j["count"]')"
t_is "--json has the register's fields" "True" \
    "$(echo "$json" | jq_py 'all(k in j["items"][0] for k in ("arrival_number","arrival_date","organ","number_notation","issued_date","type_name","subject","receivers","due_date","notes"))')"
t_is "--year 1999 is empty" 0 \
    "$(vt incoming-register --year 1999 --json | jq_py 'j["count"]')"
vt incoming-register --year 99 >/dev/null 2>&1
t_is "a bad --year is a usage error" 2 "$?"

# Role gating: refused before anything is sent, in Vietnamese.
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo" 2>/dev/null
vi() {
	LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" "$VANTHU" "$@"
}
err=$(VANTHU_HTTP_STATS=1 vt assign "$signed" --lead chuyenvien1 --due 31/12/2030 2>&1); rc=$?
t_is "a clerk may not assign (exit 5)" 5 "$rc"
t_match "saying why" 'only a leader may assign' "$err"
t_match "nothing was sent" 'requests=0 ' "$err"
t_is "nothing was queued" 0 "$(vt outbox 2>/dev/null | grep -c assign)"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	err=$(vi assign "$signed" --lead chuyenvien1 --due 31/12/2030 2>&1)
	t_match "the refusal is in Vietnamese" 'chỉ lãnh đạo được phân công' "$err"
	out=$(vi register "$nxt" --yes 2>&1)
	t_match "register speaks Vietnamese too" 'không chờ vào sổ' "$out"
else
	t_skip "the refusal is in Vietnamese" "no vi_VN.UTF-8 locale"
	t_skip "register speaks Vietnamese too" "no vi_VN.UTF-8 locale"
fi
vt logout >/dev/null 2>&1
vt_login chutich >/dev/null
err=$(VANTHU_HTTP_STATS=1 vt register "$unsigned" --yes 2>&1); rc=$?
t_is "a leader may not register (exit 5)" 5 "$rc"
t_match "the reason" 'only the clerk' "$err"
t_match "before any request" 'requests=0 ' "$err"
t_is "the document still awaits registration" "01" "$(doc_field "$unsigned" '["status"]')"
vt logout >/dev/null 2>&1
vt_login chuyenvien1 >/dev/null
vt register "$unsigned" --refuse "Gửi nhầm" >/dev/null 2>&1
t_is "a specialist may not refuse" 5 "$?"
vt return "$unsigned" --reason "Gửi nhầm" >/dev/null 2>&1
t_is "nor return" 5 "$?"
t_is "the document still awaits registration" "01" "$(doc_field "$unsigned" '["status"]')"
t_done
