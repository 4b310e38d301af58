#!/bin/sh
# Signatures that last (issue 15) against the reference server's real
# TSA, OCSP responder and CRL (tests/server/vtserver/pki.py): each PAdES
# level made and checked by pdfsig, openssl ts -verify and qpdf --check;
# the DSS; verify offline from the DSS; revocation before and after a
# B-T signature; the TSA and the OCSP responder down.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed none --quiet
S=$tmp/srv
SIGN_STATE=$S
if [ -z "$URL" ] || [ ! -s "$S/tsa-url" ]; then
	t_skip "long-term signatures" "the reference server did not start"
	t_done
fi
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$S/signing-ca.pem" -d "sql:$tmp/nss"
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF2
pkcs11_module = $SOFTHSM_MODULE
trust_file = $S/signing-ca.pem
tsa_url = $(cat "$S/tsa-url")
EOF2
admin() {
	curl -s --cacert "$CA" -H 'Content-Type: application/json' \
	    -d "$2" "$URL/admin/$1"
}
# sign IN OUT [OPTIONS]: sign with the current token, PIN on stdin.
sign() {
	s_in=$1 s_out=$2
	shift 2
	echo "$TOKEN_PIN" | vt sign "$s_in" -o "$s_out" --pin-stdin \
	    --key "$KEY_URI" --invisible "$@"
}
# tst FILE: signature 1's signature value (FILE.sig) and its signature
# timestamp token (FILE.tst), from the CMS (RFC 5652 SignerInfo).
tst() {
	sig_extract "$1" 1 "$tmp/x" >/dev/null
	"$PYTHON3" - "$tmp/x.der" "$1" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
def tlv(b, i):
    t = b[i]; n = b[i + 1]; i += 2
    if n & 0x80:
        k = n & 0x7f; n = int.from_bytes(b[i:i + k], "big"); i += k
    return t, b[i:i + n], i + n
def items(b):
    i, out = 0, []
    while i < len(b):
        t, v, j = tlv(b, i); out.append((t, v, b[i:j])); i = j
    return out
_, ci, _ = tlv(d, 0)
sd = items(items(ci)[1][1])[0][1]          # [0] EXPLICIT SignedData
si = items(items(sd)[-1][1])[0][1]         # last: signerInfos, first
f = items(si)
sig = [x for x in f if x[0] == 0x04][0][1]
una = [x for x in f if x[0] == 0xa1]
open(sys.argv[2] + ".sig", "wb").write(sig)
if una:
    for a in items(una[0][1]):
        oid, vals = items(a[1])[0], items(a[1])[1]
        if oid[1] == bytes.fromhex("2a864886f70d010910020e"):
            open(sys.argv[2] + ".tst", "wb").write(items(vals[1])[0][2])
PY
}
# check_lt NAME FILE ORIGINAL: signature 1 of a B-T or later file
# (its timestamp token has a signingTime of its own: not checked here).
check_lt() {
	cl_out=$(pdfsig_sig "$2" 1)
	t_match "$1: pdfsig: Signature is Valid" 'Signature is Valid\.' "$cl_out"
	t_match "$1: pdfsig: Certificate is Trusted" \
	    'Certificate is Trusted\.' "$cl_out"
	t_match "$1: pdfsig: ETSI.CAdES.detached" \
	    'Signature Type: ETSI\.CAdES\.detached' "$cl_out"
	t_ok "$1: openssl cms verifies it over its ByteRange and chain" \
	    cms_verify "$2" 1
	cl_q=$(qpdf --check "$2" 2>&1)
	t_match "$1: qpdf --check is clean" \
	    'No syntax or stream encoding errors' "$cl_q"
	t_ok "$1: the original is a byte prefix" \
	    cmp -n "$(wc -c <"$3")" "$3" "$2"
}
# dss_has FILE KEY: the DSS of FILE has KEY (its last DSS dictionary).
dss_has() {
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null |
	    grep -a -q "$2"
}

make_pdf "$tmp/in.pdf"
mk_token chutich "$tmp/tok-leader"
leader_env=$tmp/tok-leader

# --- B-B and B-T -----------------------------------------------------
out=$(sign "$tmp/in.pdf" "$tmp/bb.pdf" --level B-B 2>&1)
t_is "B-B signed" 0 $?
t_match "B-B: the level is said" 'PAdES B-B' "$out"
check_signature "B-B" "$tmp/bb.pdf" 1 "$tmp/in.pdf"
tst "$tmp/bb.pdf"
t_ok "B-B: no signature timestamp" test ! -f "$tmp/bb.pdf.tst"

out=$(sign "$tmp/in.pdf" "$tmp/bt.pdf" 2>&1)
t_is "B-T signed (the default with tsa_url)" 0 $?
t_match "B-T: the level is said" 'PAdES B-T' "$out"
check_lt "B-T" "$tmp/bt.pdf" "$tmp/in.pdf"
tst "$tmp/bt.pdf"
t_ok "B-T: the signature timestamp token is there" test -s "$tmp/bt.pdf.tst"
v=$(openssl ts -verify -in "$tmp/bt.pdf.tst" -token_in \
    -data "$tmp/bt.pdf.sig" -CAfile "$S/signing-ca.pem" 2>&1)
t_match "B-T: openssl ts -verify: the imprint is the signature value's" \
    'Verification: OK' "$v"
printf 'x' >>"$tmp/bt.pdf.sig"
v=$(openssl ts -verify -in "$tmp/bt.pdf.tst" -token_in \
    -data "$tmp/bt.pdf.sig" -CAfile "$S/signing-ca.pem" 2>&1)
t_nomatch "B-T: and not over other bytes" 'Verification: OK' "$v"
v=$(vt verify "$tmp/bt.pdf")
t_is "B-T verifies" 0 $?
t_match "B-T: the timestamp's time is shown, dd/mm/yyyy hh:mm:ss" \
    'Timestamp: +[0-3][0-9]/[01][0-9]/20[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-5][0-9]$' "$v"
t_match "B-T: not revoked at the signing time (OCSP)" \
    'not revoked at the signing time .*OCSP responder' "$v"
j=$(vt verify --json "$tmp/bt.pdf")
t_match "B-T: JSON: the signature timestamp" \
    '"signature_timestamp":[[:space:]]*"valid"' "$j"
t_match "B-T: JSON: the revocation status" '"revocation":[[:space:]]*"good"' "$j"

# --- B-LT and B-LTA ------------------------------------------------------
sign "$tmp/in.pdf" "$tmp/blt.pdf" --level B-LT >/dev/null 2>&1
t_is "B-LT signed" 0 $?
check_lt "B-LT" "$tmp/blt.pdf" "$tmp/in.pdf"
t_ok "B-LT: the DSS has certificates" dss_has "$tmp/blt.pdf" '/Certs'
t_ok "B-LT: and OCSP responses" dss_has "$tmp/blt.pdf" '/OCSPs'
t_ok "B-LT: and a VRI entry" dss_has "$tmp/blt.pdf" '/VRI'
sign "$tmp/in.pdf" "$tmp/blta.pdf" --level B-LTA >/dev/null 2>&1
t_is "B-LTA signed" 0 $?
check_lt "B-LTA" "$tmp/blta.pdf" "$tmp/in.pdf"
p=$(pdfsig -nssdir "sql:$tmp/nss" "$tmp/blta.pdf" 2>&1)
# poppler 22.12 lists a document timestamp (type "unknown") without
# checking it; vanthu verify and openssl ts check it below.
t_match "B-LTA: pdfsig sees the document timestamp field" \
    'Signature Field Name: DocTimeStamp' "$p"
t_match "B-LTA: which covers the whole document" 'Total document signed' "$p"
sig_extract "$tmp/blta.pdf" 2 "$tmp/dts" >/dev/null
v=$(openssl ts -verify -in "$tmp/dts.der" -token_in -data "$tmp/dts.data" \
    -CAfile "$S/signing-ca.pem" 2>&1)
t_match "B-LTA: openssl ts -verify: the document timestamp's imprint" \
    'Verification: OK' "$v"
v=$(vt verify "$tmp/blta.pdf")
t_is "B-LTA verifies" 0 $?
t_match "B-LTA: the document timestamp is listed" \
    'Timestamp 2: DocTimeStamp' "$v"
t_match "B-LTA: a signature and a document timestamp, counted apart" \
    '^All are valid: 1 signature and 1 document timestamp\.$' "$v"
t_nomatch "B-LTA: the timestamp is not counted as a signature" \
    '2 signatures' "$v"
t_match "B-LTA: the validation data is kept" 'Long-term: ' "$v"

# vanthu extend: B-T to B-LTA.
vt extend "$tmp/bt.pdf" -o "$tmp/ext.pdf" --level B-LTA 2>"$tmp/err"
t_is "extend B-T to B-LTA" 0 $?
t_ok "extend: the original is a byte prefix" \
    cmp -n "$(wc -c <"$tmp/bt.pdf")" "$tmp/bt.pdf" "$tmp/ext.pdf"
q=$(qpdf --check "$tmp/ext.pdf" 2>&1)
t_match "extend: qpdf --check is clean" 'No syntax or stream encoding errors' "$q"
t_ok "extend: the DSS is there" dss_has "$tmp/ext.pdf" '/VRI'
t_ok "extend: it verifies" vt verify "$tmp/ext.pdf"
vt extend "$tmp/in.pdf" -o "$tmp/none.pdf" 2>"$tmp/err"
t_is "extend: an unsigned file is refused" 6 $?
t_ok "extend: and nothing is written" test ! -e "$tmp/none.pdf"

# --- revocation ---------------------------------------------------------
# Revoked after the B-T signing: good at the signing time.  The index
# keeps seconds: start the revocation in a later second.
t0=$(date +%s)
while [ "$(date +%s)" = "$t0" ]; do :; done
r=$(admin revoke '{"username":"chutich","reason":"keyCompromise"}')
t_match "the leader's certificate is revoked on the server" '"revoked":1' "$r"
v=$(vt verify "$tmp/bt.pdf")
t_is "B-T made before the revocation still verifies" 0 $?
t_match "and says good at the signing time, revoked later" \
    'good at the signing time .*revoked later.*key was compromised' "$v"
v=$(vt verify "$tmp/bb.pdf")
t_is "B-B (no timestamp) after the revocation: not valid" 6 $?
t_match "and says revoked, with the reason" \
    'REVOKED on .*key was compromised' "$v"
t_match "its result: the signing time is not proven, revoked since DATE" \
    'Result: +NOT VALID: the signing time is not proven by a timestamp and the certificate is revoked since [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}$' \
    "$v"
t_nomatch "not 'revoked before the signing time' (nothing proves that time)" \
    'revoked before the signing time' "$v"
v=$(vt verify --offline "$tmp/blt.pdf")
t_is "B-LT offline: its DSS predates the revocation: valid" 0 $?

# Revoked before signing.
mk_token phochutich "$tmp/tok-deputy"
admin revoke '{"username":"phochutich","reason":"superseded"}' >/dev/null
sign "$tmp/in.pdf" "$tmp/rev-bt.pdf" >/dev/null 2>&1
t_is "a revoked certificate still signs at B-T" 0 $?
v=$(vt verify "$tmp/rev-bt.pdf")
t_is "verify reports it" 6 $?
t_match "as revoked before the signing time" \
    'REVOKED on .*certificate was replaced' "$v"
t_match "a B-T signature's result still says so (its time is proven)" \
    'Result: +NOT VALID: the certificate was revoked before the signing time' \
    "$v"
out=$(sign "$tmp/in.pdf" "$tmp/rev-blt.pdf" --level B-LT 2>&1)
t_is "B-LT with a revoked certificate is refused" 6 $?
t_match "saying why" 'revoked' "$out"
t_ok "and nothing is written" test ! -e "$tmp/rev-blt.pdf"

# --- services down ------------------------------------------------------
mk_token phochutich "$tmp/tok-deputy2" >/dev/null
admin pki '{"tsa":"down"}' >/dev/null
out=$(sign "$tmp/in.pdf" "$tmp/tsa-down.pdf" 2>&1)
t_is "TSA down: B-T fails" 3 $?
t_match "TSA down: the message names the timestamp" 'timestamp' "$out"
t_ok "TSA down: nothing is written" test ! -e "$tmp/tsa-down.pdf"
sign "$tmp/in.pdf" "$tmp/tsa-down-bb.pdf" --level B-B >/dev/null 2>&1
t_is "TSA down: B-B still signs" 0 $?
admin pki '{"tsa":"up","ocsp":"down"}' >/dev/null
out=$(sign "$tmp/in.pdf" "$tmp/ocsp-down.pdf" --level B-LT 2>&1)
t_is "OCSP down: B-LT refused (exit 3: the responder)" 3 $?
t_match "OCSP down: with the reason and B-T offered" \
    'B-LT refused.*B-T is still possible' "$out"
t_ok "OCSP down: nothing is written" test ! -e "$tmp/ocsp-down.pdf"
sign "$tmp/in.pdf" "$tmp/ocsp-down-bt.pdf" --level B-T >/dev/null 2>&1
t_is "OCSP down: B-T still signs" 0 $?
v=$(vt verify "$tmp/ocsp-down-bt.pdf")
t_is "OCSP down: verify does not say valid" 6 $?
t_match "OCSP down: revocation unknown, said so" 'UNKNOWN' "$v"

# --- no network at all: the DSS answers --------------------------------
core_server_stop
v=$(vt verify --offline "$tmp/blta.pdf")
t_is "offline: B-LTA verifies from its DSS" 0 $?
t_match "offline: from the OCSP response in the file" \
    'OCSP response in the file' "$v"
v=$(vt verify "$tmp/ext.pdf")
t_is "server down: the extended B-T verifies from its DSS" 0 $?
v=$(vt verify --offline "$tmp/bt.pdf")
t_is "offline: B-T without DSS: the answer kept from the last check" 0 $?
t_match "offline: it says the answer was kept" \
    'OCSP response kept from an earlier check' "$v"
v=$(XDG_CACHE_HOME=$tmp/empty-cache vt verify --offline "$tmp/bt.pdf")
t_is "offline, nothing kept: B-T without DSS is not valid" 6 $?
t_match "offline, nothing kept: the status is unknown, said so" 'UNKNOWN' "$v"
t_done
