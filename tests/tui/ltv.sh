#!/bin/sh
# Signatures that last, from the interface: with tsa_url set, a draft
# signed in the interface is signed at B-T (the same pipeline as
# "vanthu draft sign"); with the timestamp authority down the interface
# says there is no timestamp and sends nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ]; then
	t_skip "signing from the interface" "SoftHSM2 is not installed"
	t_done
fi
if ! tui_refserver || [ ! -s "$tui_state/tsa-url" ]; then
	t_ok "the reference server starts with its TSA" false
	t_done
fi
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user chutich \
    --out "$tui_tmp/token" --pin 246810 >"$tui_tmp/token.env" 2>&1
t_ok "a SoftHSM token for the leader" grep -q '^KEY_URI=' "$tui_tmp/token.env"
key_uri=$(sed -n 's/^KEY_URI=//p' "$tui_tmp/token.env")
conf=$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token.env")
tui_config "pkcs11_module = $softhsm" "key_uri = $key_uri" \
    "trust_file = $tui_state/signing-ca.pem" \
    "tsa_url = $(cat "$tui_state/tsa-url")"
ca=$tui_state/tls-ca.pem
admin() {
	curl -s --cacert "$ca" -H 'Content-Type: application/json' \
	    -d "$2" "$tui_url/admin/$1" >/dev/null
}
token=$(curl -s --cacert "$ca" "$tui_url/api/v1/auth/login" \
    -H 'Content-Type: application/json' \
    -d '{"username":"chutich","password":"chutich-2026"}' |
    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["token"])')

tui_start 80 24 LC_ALL=C SOFTHSM2_CONF="$conf" -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys 3
tui_check "the drafts to sign" 'Drafts to sign \(([0-9]+)\)'

# The TSA down: the signing stops with the reason, nothing is sent.
admin pki '{"tsa":"down"}'
tui_keys Enter
tui_check "the draft's text" '^-+ Page 1 of [0-9]+ -+$' 20
tui_keys s
tui_check "the confirmation screen" 'You are about to sign this document' 20
tui_keys s
tui_wait '^PIN:' 5
tui_type 246810
tui_keys Enter
tui_check "TSA down: the message says there is no timestamp" \
    'no timestamp' 30
tui_keys q
tui_stop
admin pki '{"tsa":"up"}'
st=$(curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
    "$tui_url/api/v1/drafts/d1" | "$PYTHON3" -c '
import json, sys
print(json.load(sys.stdin)["state"])')
t_is "TSA down: nothing was sent, d1 still waits for its signer" \
    awaiting_signer "$st"
t_done
