#!/bin/sh
# The interface's signing refuses what the command line refuses, as both
# run the one draft-signing pipeline: a draft whose server hash does not
# match the file, a page count that differs from the server's, and a
# result that does not verify (the certificate does not chain to
# trust_file).  Nothing is queued or sent in any of these cases.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ] || ! command -v openssl >/dev/null 2>&1; then
	t_skip "signing refusals" "SoftHSM2 or openssl is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
ca="$tui_state/tls-ca.pem"
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user chutich \
    --out "$tui_tmp/token" --pin 246810 >"$tui_tmp/token.env" 2>&1
t_ok "a SoftHSM token for the leader" grep -q '^KEY_URI=' "$tui_tmp/token.env"
key_uri=$(sed -n 's/^KEY_URI=//p' "$tui_tmp/token.env")
SOFTHSM2_CONF=$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token.env")
export SOFTHSM2_CONF
good_trust="trust_file = $tui_state/signing-ca.pem"
tui_config "pkcs11_module = $softhsm" "key_uri = $key_uri" "$good_trust"
echo chutich-2026 | "$VANTHU" login --username chutich --password-stdin \
    >/dev/null 2>&1
t_ok "the command line logs in" test -n "$(ls "$XDG_STATE_HOME"/vanthu 2>/dev/null)"

# api METHOD PATH [JSON]: the server's API as the leader, with curl.
api() {
	curl -s --cacert "$ca" -X "$1" -H "Authorization: Bearer $tok" \
	    -H 'Content-Type: application/json' ${3:+-d "$3"} \
	    "$tui_url/api/v1$2"
}
tok=$(curl -s --cacert "$ca" "$tui_url/api/v1/auth/login" \
    -H 'Content-Type: application/json' \
    -d '{"username":"chutich","password":"chutich-2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# The drafts waiting for the leader's signature.
drafts=$(api GET "/drafts?limit=100" | python3 -c '
import json, sys
for d in json.load(sys.stdin)["items"]:
    if d["awaiting_me"] and d["state"] in ("awaiting_signer", "approved"):
        print(d["id"])')
t_ok "drafts wait for the leader's signature" test -n "$drafts"
first=$(echo "$drafts" | head -n 1)
state() {
	api GET "/drafts/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'
}
states_before=$(for d in $drafts; do state "$d"; done | tr '\n' ' ')
# lie FIELD VALUE: the server's answers for each draft say its current
# version's FIELD is VALUE (a field fault, docs/api.md section 10).
lie() {
	for d in $drafts; do
		api GET "/drafts/$d" | python3 -c '
import json, sys
j = json.load(sys.stdin)
v = j["current_version"]
v[sys.argv[2]] = json.loads(sys.argv[3])
print(json.dumps({"kind": "field", "method": "GET", "count": -1,
                  "path_prefix": "/api/v1/drafts/" + sys.argv[1],
                  "field": "current_version", "value": v}))
' "$d" "$1" "$2" >"$tui_tmp/fault.json"
		curl -s --cacert "$ca" -H 'Content-Type: application/json' \
		    -d @"$tui_tmp/fault.json" "$tui_url/admin/faults" >/dev/null
	done
}
faults_clear() {
	curl -s --cacert "$ca" -X DELETE "$tui_url/admin/faults" >/dev/null
}
# cli_sign ID: vanthu draft sign on the command line; output in $out.
cli_sign() {
	out=$(echo 246810 | "$VANTHU" draft sign "$1" --yes --pin-stdin 2>&1)
}
# ui_open_first: the interface on the first draft to sign, its text shown.
ui_open_first() {
	tui_start 100 30 LC_ALL=C -- ui
	tui_wait 'Drafts to sign|Inbox' 60
	tui_keys 3
	tui_wait 'Drafts to sign \([1-9]' 60
	tui_keys Enter
	tui_wait '^-+ Page 1 of [0-9]+ -+$' 60
}
outbox_empty() {
	test "$("$VANTHU" outbox --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["actions"]))')" = 0
}

# 1. A page count that differs: the server says 7 pages, the file has 1.
lie page_amount 7
cli_sign "$first"; rc=$?
t_is "command line: a page count that differs is refused (exit 5)" 5 "$rc"
t_match "command line: it says the page counts" 'server says 7 pages but the file has 1' "$out"
ui_open_first
tui_keys s
tui_check "interface: the same refusal" 'server says 7 pages but the file has 1' 60
tui_check_gone "interface: no confirmation screen" 'You are about to sign' 5
tui_stop
faults_clear
rm -rf "$XDG_CACHE_HOME"/*
t_ok "nothing was queued" outbox_empty

# 2. The server's hash does not match the file.  On the command line the
# server's version hash is not the downloaded file's; in the interface
# the file shown is not the server's version.
lie sha256 '"0000000000000000000000000000000000000000000000000000000000000000"'
cli_sign "$first"; rc=$?
t_is "command line: a hash that does not match is refused (exit 5)" 5 "$rc"
t_match "command line: it says the file is not the server's version" \
    "not the server's version \\(SHA-256" "$out"
faults_clear
rm -rf "$XDG_CACHE_HOME"/*
ui_open_first
# The cached copy the view shows (att/SHA256, docs/design.md).
shown=$(find "$XDG_CACHE_HOME" -type f -path '*/att/*' | head -n 1)
t_ok "the file shown is in the cache" test -f "$shown"
printf '%% not the server version\n' >>"$shown"
tui_keys s
tui_check "interface: the file shown is not the server's version" \
    "not the server's version" 60
tui_check_gone "interface: no confirmation screen" 'You are about to sign' 5
tui_stop
t_ok "nothing was queued" outbox_empty
rm -rf "$XDG_CACHE_HOME"/*

# 3. A result that does not verify: trust_file names another CA, so the
# new signature's certificate does not chain to it.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Other CA" \
    -keyout "$tui_tmp/other-key.pem" -out "$tui_tmp/other-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
tui_config "pkcs11_module = $softhsm" "key_uri = $key_uri" \
    "trust_file = $tui_tmp/other-ca.pem"
cli_sign "$first"; rc=$?
t_is "command line: a result that does not verify is refused (exit 6)" 6 "$rc"
t_match "command line: it says which signature" 'signature 1 .* does not verify' "$out"
ui_open_first
tui_keys s
tui_check "interface: the confirmation screen" 'You are about to sign' 60
tui_keys s
tui_wait '^PIN:' 60
tui_type 246810
tui_keys Enter
tui_check "interface: the same refusal" 'signature 1 .* does not verify' 60
tui_check_gone "interface: nothing was sent" 'Signed and checked' 5
tui_stop
t_ok "nothing was queued" outbox_empty
t_is "no draft changed state on the server" "$states_before" \
    "$(for d in $drafts; do state "$d"; done | tr '\n' ' ')"
t_done
