#!/bin/sh
# Revocation data must be fresh, and validation data never mends a
# signature (issue 15; found by the breaker of 2026-12-02):
# - a "good" OCSP answer issued before the signing time proves nothing
#   of it: a B-T signature made after the signer's certificate was
#   revoked (key compromise) stays NOT VALID when somebody adds the DSS
#   of an older B-LT file (an allowed-looking incremental update), online
#   and offline, and when only such an answer is at hand it is UNKNOWN;
# - extend refuses a signature whose bytes were changed, and a document
#   changed after signing, and writes nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed none --quiet
S=$tmp/srv
SIGN_STATE=$S
if [ -z "$URL" ] || [ ! -s "$S/tsa-url" ]; then
	t_skip "fresh revocation data" "the reference server did not start"
	t_done
fi
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF2
pkcs11_module = $SOFTHSM_MODULE
trust_file = $S/signing-ca.pem
tsa_url = $(cat "$S/tsa-url")
EOF2
sign() {
	echo "$TOKEN_PIN" | vt sign "$1" -o "$2" --pin-stdin --key "$KEY_URI" \
	    --invisible --level "$3" >/dev/null 2>&1
}
# mutool run graft.js WITH_DSS PDF OUT: PDF with WITH_DSS's DSS, added
# as an incremental update (what extend adds, from another file).
cat >"$tmp/graft.js" <<'EOF2'
var src = new PDFDocument(scriptArgs[0]);
var dst = new PDFDocument(scriptArgs[1]);
dst.getTrailer().Root.DSS = dst.graftObject(src.getTrailer().Root.DSS);
dst.save(scriptArgs[2], "incremental");
EOF2

make_pdf "$tmp/in.pdf"
mk_token chutich "$tmp/tok" --export
sign "$tmp/in.pdf" "$tmp/blt.pdf" B-LT
t_is "B-LT signed while the certificate is good" 0 $?
# The revocation comes a second later than that answer, the signature
# a second after it: the answer in blt.pdf's DSS predates both.
sleep 1
curl -s --cacert "$CA" -H 'Content-Type: application/json' \
    -d '{"username":"chutich","reason":"keyCompromise"}' \
    "$URL/admin/revoke" >/dev/null
sleep 1
sign "$tmp/in.pdf" "$tmp/bt.pdf" B-T
t_is "B-T signed with the compromised key after the revocation" 0 $?
out=$(echo "$TOKEN_PIN" | vt sign "$tmp/in.pdf" -o "$tmp/blt2.pdf" \
    --pin-stdin --key "$KEY_URI" --invisible --level B-LT 2>&1); rc=$?
t_is "B-LT with the revoked certificate: refused (6)" 6 "$rc"
t_match "saying it was revoked" 'B-LT refused, nothing was written: .*was revoked on' \
    "$out"
t_nomatch "and offering no lower level (new-user trial)" 'still possible' "$out"
mutool run "$tmp/graft.js" "$tmp/blt.pdf" "$tmp/bt.pdf" "$tmp/grafted.pdf"
t_ok "the old DSS grafted on it" test -s "$tmp/grafted.pdf"

out=$(vt verify "$tmp/grafted.pdf"); rc=$?
t_is "online: NOT VALID whatever the file's old answer says" 6 "$rc"
t_match "revoked before the signing time, from the responder" \
    'REVOKED on .*before .*the key was compromised; from the OCSP responder' \
    "$out"
t_nomatch "never 'not revoked at the signing time'" \
    'not revoked at the signing time' "$out"
out=$(XDG_CACHE_HOME=$tmp/empty vt verify --offline "$tmp/grafted.pdf")
rc=$?
t_is "offline, only the old answer at hand: NOT VALID" 6 "$rc"
t_match "its status UNKNOWN, saying the answer is older than the signature" \
    'revocation status UNKNOWN: the revocation data at hand was issued before the signing time' \
    "$out"
j=$(XDG_CACHE_HOME=$tmp/empty vt verify --offline --json "$tmp/grafted.pdf")
t_match "JSON: unknown" '"revocation":[[:space:]]*"unknown"' "$j"
out=$(XDG_CACHE_HOME=$tmp/empty2 vt verify --offline "$tmp/blt.pdf"); rc=$?
t_is "the B-LT file itself, offline: its answer is fresh, VALID" 0 "$rc"
t_match "good at the signing time, from the file" \
    'not revoked at the signing time .*from the OCSP response in the file' \
    "$out"
out=$(vt verify "$tmp/blt.pdf"); rc=$?
t_is "online, after the revocation: still VALID (signed before it)" 0 "$rc"
t_match "and the later revocation is told, with its reason" \
    'good at the signing time .*; revoked later, on .*the key was compromised; from the OCSP responder' \
    "$out"

# extend never puts validation data on a broken or changed signature.
make_pdf "$tmp/in2.pdf"
mk_token chuyenvien1 "$tmp/tok2" --export
sign "$tmp/in2.pdf" "$tmp/good.pdf" B-T
t_is "a good B-T file" 0 $?
"$PYTHON3" - "$tmp/good.pdf" "$tmp/flipped.pdf" <<'EOF2'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[11] ^= 0x01
open(sys.argv[2], "wb").write(bytes(d))
EOF2
out=$(vt extend "$tmp/flipped.pdf" -o "$tmp/flipped-lta.pdf" \
    --level B-LTA 2>&1); rc=$?
t_is "extend of a signature whose bytes changed: refused (6)" 6 "$rc"
t_match "saying the signature does not match" \
    'signature 1 does not match the document .*nothing was written' "$out"
t_ok "nothing written" test ! -e "$tmp/flipped-lta.pdf"
mutool run "$top_srcdir/tests/tools/tamper-after-sign.js" "$tmp/good.pdf" \
    "$tmp/tampered.pdf" >/dev/null 2>&1
out=$(vt extend "$tmp/tampered.pdf" -o "$tmp/tampered-lta.pdf" \
    --level B-LTA 2>&1); rc=$?
t_is "extend of a document changed after signing: refused (6)" 6 "$rc"
t_match "saying it was changed after the signature" \
    'changed after signature 1 in a way the signature does not allow' "$out"
t_ok "nothing written" test ! -e "$tmp/tampered-lta.pdf"
out=$(vt extend "$tmp/good.pdf" -o "$tmp/good-lta.pdf" --level B-LTA 2>&1)
t_is "the untouched file extends" 0 $?
t_done
