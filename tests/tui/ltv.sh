#!/bin/sh
# Signatures that last, from the interface (the same pipeline as
# "vanthu draft sign" and "draft issue"): the confirmation screen shows
# the PAdES level the signature will have and a key changes it.  The
# timestamp authority down: the signing stops with the reason on the
# screen, says B-B is still possible, sends nothing; back up, the same
# screen signs at B-T, and the server's copy has the timestamp.  B-LT
# chosen with the key: the OCSP responder down refuses it (B-T still
# possible), back up it signs with the DSS.  The clerk issues at B-LTA
# chosen with the key, on a Vietnamese screen when the locale exists.
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
# draft ID EXPR: EXPR of the draft's JSON (j) on the server.
draft() {
	curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
	    "$tui_url/api/v1/drafts/$1" |
	    "$PYTHON3" -c "import json,sys; j=json.load(sys.stdin); print($2)"
}
# wait_state ID STATE: wait (60 s at most) until the server says STATE.
wait_state() {
	ws_n=0
	while [ "$(draft "$1" 'j["state"]')" != "$2" ] && [ $ws_n -lt 600 ]; do
		sleep 0.1
		ws_n=$((ws_n + 1))
	done
	[ "$(draft "$1" 'j["state"]')" = "$2" ]
}
# server_copy ID FILE: the current version the server keeps.
server_copy() {
	curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
	    -o "$2" "$tui_url/api/v1/attachments/$(draft "$1" \
	    'j["current_version"]["attachment_id"]')"
}
mkdir -p "$tui_tmp/nss"
certutil -N --empty-password -d "sql:$tui_tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$tui_state/signing-ca.pem" \
    -d "sql:$tui_tmp/nss"
# open SEARCH: from the list of drafts to sign, open the draft found.
open_draft() {
	tui_keys /
	tui_type "$1"
	tui_keys Enter Enter
	tui_wait '^-+ (Page 1 of [0-9]+|Trang 1/[0-9]+) -+$' 20
}
# check_text NAME PATTERN: tui_check on the screen's text with its
# lines joined (a long message wraps where its numbers put it).
check_text() {
	ct_end=$(( $(date +%s) + 60 ))
	while ! tui_screen | tr '\n' ' ' | tr -s ' ' | grep -Eq -- "$2" &&
	    [ "$(date +%s)" -lt "$ct_end" ]; do
		sleep 0.1
	done
	t_match "$1" "$2" "$(tui_screen | tr '\n' ' ' | tr -s ' ')"
}
# pin PIN: at the PIN prompt, type it.
pin() {
	tui_wait '^(Mã )?PIN:' 10
	tui_type "$1"
	tui_keys Enter
}

tui_start 100 30 LC_ALL=C SOFTHSM2_CONF="$conf" -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys 3
tui_check "the drafts to sign" 'Drafts to sign \(([0-9]+)\)'

# --- d1: the TSA down, then up: B-T ------------------------------------
n1=$(draft d1 'len(j["versions"])')
open_draft 'thanh lap ban chi huy'
tui_keys s
tui_check "the confirmation screen" 'You are about to sign this document' 20
tui_check "it shows the level: B-T with tsa_url set" \
    'Level: +PAdES B-T: with a timestamp from the timestamp authority' 20
tui_check "and the key that changes it" '\(press l to change the level' 5
tui_check "the key is in the hints line" 'l Level' 5
admin pki '{"tsa":"down"}'
tui_keys s
pin 246810
tui_check "TSA down: the message says there is no timestamp" \
    'no timestamp' 60
tui_check "TSA down: the screen says nothing was sent" \
    'Not signed, nothing was sent:' 30
check_text "TSA down: and that B-B is still possible" \
    'B-B, without a timestamp, is still possible'
t_is "TSA down: d1 still waits for its signer" awaiting_signer \
    "$(draft d1 'j["state"]')"
t_is "TSA down: no version was uploaded" "$n1" "$(draft d1 'len(j["versions"])')"
tui_wait_gone 'Reading the token again' 60
admin pki '{"tsa":"up"}'
tui_keys s
pin 246810
tui_check "TSA up: signed at B-T from the same screen" 'Signed and checked' 60
t_ok "the server took it" wait_state d1 signed
server_copy d1 "$tui_tmp/d1.pdf"
p=$(pdfsig -nssdir "sql:$tui_tmp/nss" "$tui_tmp/d1.pdf" 2>&1)
t_match "B-T: pdfsig: the server's copy is valid" 'Signature is Valid\.' "$p"
j=$("$VANTHU" verify --json "$tui_tmp/d1.pdf")
t_is "B-T: vanthu verify of the server's copy exits 0" 0 $?
t_match "B-T: it has a valid signature timestamp" \
    '"signature_timestamp":[[:space:]]*"valid"' "$j"
tui_keys q
tui_wait 'Drafts to sign' 20

# --- d7: B-LT chosen with the key; the OCSP responder down, then up ------
n7=$(draft d7 'len(j["versions"])')
open_draft 'giong lua'
tui_keys s
tui_check "d7: the confirmation screen" 'You are about to sign' 20
tui_keys l
tui_check "l: the level becomes B-LT" \
    'Level: +PAdES B-LT: with a timestamp and the validation data' 10
admin pki '{"ocsp":"down"}'
tui_keys s
pin 246810
tui_check "OCSP down: the screen says nothing was sent" \
    'Not signed, nothing was sent:' 60
check_text "OCSP down: B-LT refused, the screen says why" \
    'B-LT refused, nothing was written: .*revocation'
check_text "OCSP down: and that B-T is still possible" \
    'B-T is still possible'
t_is "OCSP down: d7 still waits for its signer" awaiting_signer \
    "$(draft d7 'j["state"]')"
t_is "OCSP down: no version was uploaded" "$n7" "$(draft d7 'len(j["versions"])')"
tui_wait_gone 'Reading the token again' 60
tui_check "the level chosen is kept" 'Level: +PAdES B-LT' 10
admin pki '{"ocsp":"up"}'
tui_keys s
pin 246810
tui_check "OCSP up: signed at B-LT" 'Signed and checked' 60
t_ok "the server took it" wait_state d7 signed
server_copy d7 "$tui_tmp/d7.pdf"
t_ok "B-LT: the server's copy has a DSS with VRI" sh -c \
    "qpdf --qdf --object-streams=disable '$tui_tmp/d7.pdf' - 2>/dev/null |
    grep -a -q /VRI"
p=$(pdfsig -nssdir "sql:$tui_tmp/nss" "$tui_tmp/d7.pdf" 2>&1)
t_match "B-LT: pdfsig: valid" 'Signature is Valid\.' "$p"
v=$("$VANTHU" verify --offline "$tui_tmp/d7.pdf")
t_is "B-LT: vanthu verify --offline answers from the DSS" 0 $?
t_match "B-LT: the validation data is kept" 'Long-term: ' "$v"
tui_keys q
tui_stop

# --- the clerk issues d1 at B-LTA (in Vietnamese when possible) ---------
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user vanthu \
    --role clerk --out "$tui_tmp/ctoken" --pin 135790 \
    >"$tui_tmp/ctoken.env" 2>&1
tui_config "pkcs11_module = $softhsm" \
    "agency_key_uri = $(sed -n 's/^AGENCY_KEY_URI=//p' "$tui_tmp/ctoken.env")" \
    "trust_file = $tui_state/signing-ca.pem" \
    "tsa_url = $(cat "$tui_state/tsa-url")"
cconf=$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/ctoken.env")
# The clerk's own session and cache, as on the clerk's PC.
XDG_STATE_HOME=$tui_tmp/state-clerk XDG_CACHE_HOME=$tui_tmp/cache-clerk
mkdir -p "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
if dir=$(tui_vi_localedir); then
	tui_start 100 30 LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" \
	    SOFTHSM2_CONF="$cconf" -- ui --user vanthu
	vi=1
else
	tui_start 100 30 LC_ALL=C SOFTHSM2_CONF="$cconf" -- ui --user vanthu
	vi=
fi
# tui_login, in either language.
tui_wait 'Đăng nhập hệ thống quản lý văn bản|Log in to the document server' 20
tui_keys Enter
tui_wait '^(Tên đăng nhập|User name):' 10
tui_keys C-u
tui_type vanthu
tui_keys Enter
tui_wait '^(Mật khẩu|Password):' 10
tui_type vanthu-2026
tui_keys Enter
tui_check "the clerk logs in" 'Đã đồng bộ|Đã cập nhật|Updated|Up to date' 30
tui_keys 3
tui_check "the clerk's drafts to sign" '(Dự thảo chờ ký|Drafts to sign) \([1-9]' 20
open_draft 'thanh lap ban chi huy'
tui_keys s
if [ -n "$vi" ]; then
	tui_check "issue (vi): the level is shown in Vietnamese" \
	    'Mức chữ ký: +PAdES B-T: có dấu thời gian' 30
	tui_check "issue (vi): the key to change it, in Vietnamese" \
	    '\(nhấn l để đổi mức chữ ký' 10
	tui_check "issue (vi): the key hint in Vietnamese" 'l Mức ký' 10
else
	tui_check "issue: the level is shown" 'Level: +PAdES B-T' 30
	tui_check "issue: the key hint" 'l Level' 10
fi
tui_keys l
tui_wait 'PAdES B-LT:' 10
tui_keys l
tui_check "issue: l l: the level becomes B-LTA" 'PAdES B-LTA:' 10
n1=$(draft d1 'len(j["versions"])')
admin pki '{"ocsp":"down"}'
tui_keys s
pin 135790
if [ -n "$vi" ]; then
	tui_check "issue, OCSP down (vi): the screen says why, in Vietnamese" \
	    'Chưa ký, chưa gửi gì:' 60
	check_text "issue, OCSP down (vi): why, and that B-T is still possible" \
	    'không ký được ở mức B-LTA, chưa ghi gì: .*vẫn có thể ký mức B-T'
else
	tui_check "issue, OCSP down: the screen says why" \
	    'Not signed, nothing was sent:' 60
	check_text "issue, OCSP down: B-T is still possible" \
	    'B-LTA refused, nothing was written: .*B-T is still possible'
fi
t_is "issue, OCSP down: d1 is still signed, not issued" signed \
    "$(draft d1 'j["state"]')"
t_is "issue, OCSP down: nothing was uploaded" "$n1" \
    "$(draft d1 'len(j["versions"])')"
tui_wait_gone 'Đang đọc lại token|Reading the token again' 60
admin pki '{"ocsp":"up"}'
tui_keys s
pin 135790
tui_check "issued and checked" 'Đã cấp số, ký và kiểm tra|Issued and checked' 60
t_ok "the server issued d1" wait_state d1 issued
server_copy d1 "$tui_tmp/d1-issued.pdf"
v=$("$VANTHU" verify "$tui_tmp/d1-issued.pdf")
t_is "issue B-LTA: vanthu verify of the server's copy exits 0" 0 $?
t_match "issue B-LTA: the leader's, the agency's and the document timestamp" \
    'All are valid: 2 signatures and 1 document timestamp\.' "$v"
t_match "issue B-LTA: the document timestamp is listed" \
    'Timestamp 3: DocTimeStamp' "$v"
p=$(pdfsig -nssdir "sql:$tui_tmp/nss" "$tui_tmp/d1-issued.pdf" 2>&1)
t_match "issue B-LTA: pdfsig: the leader's signature is valid" \
    'Signature #1:.*' "$(printf '%s\n' "$p" | tr '\n' ' ' |
    grep -o 'Signature #1:.*Signature #2:' | grep 'Signature is Valid')"
t_match "issue B-LTA: pdfsig: the agency's is valid" \
    'Signature is Valid' "$(printf '%s\n' "$p" | tr '\n' ' ' |
    grep -o 'Signature #2:.*Signature #3:')"
tui_stop
t_done
