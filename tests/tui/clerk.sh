#!/bin/sh
# The clerk in the interface: the documents awaiting registration, the
# register key on an arrived document (the signature verdict, the
# question, the registration or the return to the sender, checked on
# the server), and only the actions the role may take offered (hints,
# help, keys) for the clerk and for a leader.
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
tui_config "trust_file = $top_srcdir/tests/server/seed/sender-ca.pem"
ca="$tui_state/tls-ca.pem"
token=$(curl -s --cacert "$ca" "$tui_url/api/v1/auth/login" \
    -d '{"username":"vanthu","password":"vanthu-2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# doc_get ID EXPR: EXPR of the document's JSON (j) on the server.
doc_get() {
	curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
	    "$tui_url/api/v1/incoming/$1" |
	    python3 -c "import json,sys; j=json.load(sys.stdin); print($2)"
}
# arrived TEXT: the id of the arrived document whose subject has TEXT.
arrived() {
	curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
	    "$tui_url/api/v1/incoming?status=01&limit=200" |
	    python3 -c "import json,sys; j=json.load(sys.stdin); print([d['id'] for d in j['items'] if '$1' in d['subject']][0])"
}
# wait_status ID STATUS: wait (60 s at most) for the server to say so.
wait_status() {
	n=0
	while [ "$(doc_get "$1" 'j["status"]')" != "$2" ] && [ $n -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(doc_get "$1" 'j["status"]')" = "$2" ]
}
signed=$(arrived 'lịch tiếp công dân')
changed=$(arrived 'bị sửa sau khi ký')
narrived=$(curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
    "$tui_url/api/v1/incoming?status=01&limit=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

tui_start 120 30 LC_ALL=C -- ui --user vanthu
t_ok "the clerk logs in" tui_login vanthu vanthu-2026

# The documents awaiting registration.
tui_keys v
tui_check "v in the list shows only the documents awaiting registration" \
    "\\($narrived\\) \\[awaiting registration\\]" 10
tui_keys '?'
tui_check "the help lists the filter" 'To register +show only documents awaiting registration'
tui_keys q

# A document with a valid signature: the verdict, then registered.
tui_keys / ; tui_type 'lich tiep cong dan'; tui_keys Enter Enter
tui_wait '^-+ Page 1 of' 30
tui_check "the clerk is offered Register in the key hints" 'v Register'
t_nomatch "and not Assign" ' Assign' "$(tui_screen | tail -n 2)"
tui_keys '?'
tui_check "the help lists Register" 'Register +clerk: check the signature'
t_nomatch "but not Assign" 'Assign +assign the document' "$(tui_screen)"
tui_keys q
tui_keys a
tui_check "a, pressed anyway, is refused with the reason" \
    'only a leader may assign documents'
t_nomatch "and no people picker opens" 'choose the people' "$(tui_screen)"
tui_keys v
tui_check "v shows the verdict and asks" \
    'the digital signature is valid and trusted\. Register it in the incoming register\? \(y = yes'
tui_keys y
# Queued, then (quickly) sent: either message may be on screen.
tui_check "the registration is queued" \
    'Registration queued|Registered in the incoming register' 10
t_ok "the server registered it" wait_status "$signed" 03
t_is "with today's date" "$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)" \
    "$(doc_get "$signed" 'j["arrival_date"]')"
t_is "and the verdict in the register's note" "True" \
    "$(doc_get "$signed" 'j["history"][-1]["note"].endswith("Chữ ký số hợp lệ")')"
tui_keys q

# A document changed after signing: flagged, returned to the sender.
tui_keys / ; tui_type 'bi sua sau khi ky'; tui_keys Enter Enter
tui_wait '^-+ Page 1 of' 30
tui_keys v
tui_check "a document changed after signing is flagged" \
    'the document was CHANGED after it was signed\. Return it to the sender\?'
tui_keys y
tui_check "the reason is asked, the verdict offered" \
    'Reason for the sender: Văn bản bị sửa đổi sau khi ký số'
tui_keys Enter
tui_check "the return is queued" \
    'Return to the sender queued|Returned with the reason given' 10
t_ok "the server returned it" wait_status "$changed" 02
t_is "with the reason" "Văn bản bị sửa đổi sau khi ký số" \
    "$(doc_get "$changed" 'j["history"][-1]["note"]')"
t_is "and no arrival number" "None" "$(doc_get "$changed" 'j["arrival_number"]')"
tui_keys v
tui_check "v on it again: not awaiting registration" \
    'This document is not awaiting registration \(returned\)'
tui_keys Q
tui_wait_exit 30
tui_stop

# A leader: assign offered, register not.
rm -rf "$XDG_STATE_HOME/vanthu" "$XDG_CACHE_HOME/vanthu"
tui_start 120 30 LC_ALL=C -- ui --user chutich
t_ok "a leader logs in" tui_login chutich chutich-2026
tui_keys / ; tui_type 'Giay moi du Hoi nghi'; tui_keys Enter Enter
tui_wait '^-+ Page 1 of' 30
tui_check "the leader is offered Assign" 'a Assign'
t_nomatch "and not Register" 'v Register' "$(tui_screen | tail -n 2)"
tui_keys v
tui_check "v is refused with the reason" \
    'only the clerk \(văn thư\) may register incoming documents'
tui_keys Q
tui_wait_exit 30
t_done
