#!/bin/sh
# vanthu sign refuses bad input with a clear message, the documented exit
# status, and writes nothing: wrong PIN, unusable certificates, no token,
# encrypted, damaged (repaired) and broken PDFs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require
sign_setup
M="--module $SOFTHSM_MODULE"
make_pdf "$tmp/draft.pdf"
mkdir "$tmp/out"

# try NAME PIN [SIGN ARGS]: sign draft.pdf into out/NAME.pdf; sets $rc, $err.
try() {
	try_name=$1 try_pin=$2
	shift 2
	# shellcheck disable=SC2086
	err=$(printf '%s\n' "$try_pin" | "$VANTHU" sign "$tmp/draft.pdf" \
	    -o "$tmp/out/$try_name.pdf" --pin-stdin $M "$@" 2>&1 >/dev/null)
	rc=$?
}
nothing_written() {
	t_is "$1: nothing is written" "" "$(ls "$tmp/out")"
}

mk_token chutich "$tmp/tok" --full-name "Nguyễn Văn Hùng"
good_conf=$SOFTHSM2_CONF
good_pin=$TOKEN_PIN

try wrongpin 000000
t_is "wrong PIN exits 6" 6 "$rc"
t_match "wrong PIN says so" 'Wrong PIN' "$err"
t_match "wrong PIN tells exactly what the token says about tries left" \
    "Wrong PIN: the token does not say how many tries are left" "$err"
nothing_written "wrong PIN"
# shellcheck disable=SC2086
out=$("$VANTHU" token list $M 2>&1)
t_match "token list then shows the PIN state" 'PIN: a wrong PIN was entered' "$out"
t_match "token list says the token does not count the tries for us" \
    'the token does not say how many tries are left' "$out"

try nopin ""
t_is "an empty PIN cancels (exit 1)" 1 "$rc"
t_match "an empty PIN says no PIN was given" 'no PIN was given' "$err"
nothing_written "empty PIN"

try nokey "$good_pin" --key "pkcs11:token=vanthu-chutich;id=%77"
t_is "a key URI that matches nothing exits 6" 6 "$rc"
t_match "the unmatched URI is named" 'no certificate on the token matches' "$err"
try pinuri "$good_pin" --key "pkcs11:token=x?pin-value=1234"
t_is "a URI holding the PIN is refused (exit 1)" 1 "$rc"
t_match "the refusal explains" 'must not hold the PIN' "$err"
try agency "$good_pin" --agency
t_is "a leader's token has no agency certificate (exit 6)" 6 "$rc"
t_match "it says so" 'no agency certificate' "$err"
nothing_written "bad key choice"

# Certificates that must not sign.
mk_token chutich "$tmp/tok-exp" --expired
try expired "$TOKEN_PIN"
t_is "an expired certificate exits 6" 6 "$rc"
t_match "it says when it expired" 'certificate expired on [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}' "$err"
mk_token chutich "$tmp/tok-future" --not-yet-valid
try future "$TOKEN_PIN"
t_is "a not-yet-valid certificate exits 6" 6 "$rc"
t_match "it says from when it is valid" 'not valid before [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}' "$err"
mk_token chutich "$tmp/tok-ku" --key-usage "critical,keyEncipherment"
try keyusage "$TOKEN_PIN"
t_is "a certificate without digitalSignature/nonRepudiation exits 6" 6 "$rc"
t_match "it names the key usage" 'neither digitalSignature nor nonRepudiation' \
    "$err"
nothing_written "unusable certificates"

# No token: an empty token store, and a module that does not load.
mkdir -p "$tmp/empty/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\n' \
    "$tmp/empty/tokens" >"$tmp/empty/softhsm2.conf"
SOFTHSM2_CONF=$tmp/empty/softhsm2.conf
try notoken 1234
t_is "no token exits 6" 6 "$rc"
t_match "no token says plug it in" 'No signing token is plugged in' "$err"
out=$("$VANTHU" token list --module "$SOFTHSM_MODULE" 2>&1); rc=$?
t_is "token list without a token exits 6" 6 "$rc"
t_match "token list says no token" 'sees no token' "$out"
SOFTHSM2_CONF=$good_conf
err=$(echo 1234 | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/out/m.pdf" \
    --pin-stdin --module "$tmp/no-such-module.so" 2>&1); rc=$?
t_is "a module that does not load exits 6" 6 "$rc"
t_match "it names the module" 'cannot load the PKCS#11 module .*no-such-module' \
    "$err"
nothing_written "no token"

# PDFs that cannot be signed.
qpdf --encrypt user owner 256 -- "$tmp/draft.pdf" "$tmp/enc.pdf"
# shellcheck disable=SC2086
err=$(echo "$good_pin" | "$VANTHU" sign "$tmp/enc.pdf" -o "$tmp/out/enc.pdf" \
    --pin-stdin $M 2>&1 </dev/null); rc=$?
t_is "an encrypted PDF without its password exits 7" 7 "$rc"
t_match "it asks for the password" 'protected by a password.*--password' "$err"
# shellcheck disable=SC2086
err=$(echo "$good_pin" | "$VANTHU" sign "$tmp/enc.pdf" -o "$tmp/out/enc.pdf" \
    --pin-stdin $M --password wrong 2>&1); rc=$?
t_is "a wrong PDF password exits 7" 7 "$rc"
t_match "it says the password is wrong" 'wrong password' "$err"
nothing_written "encrypted PDF"
# shellcheck disable=SC2086
echo "$good_pin" | "$VANTHU" sign "$tmp/enc.pdf" -o "$tmp/enc-signed.pdf" \
    --pin-stdin $M --password user >/dev/null 2>&1; rc=$?
t_is "an encrypted PDF with its password is signed" 0 "$rc"
out=$(pdfsig -upw user -nssdir "sql:$tmp/nss" "$tmp/enc-signed.pdf" 2>&1)
t_match "pdfsig: the encrypted PDF's signature is valid" 'Signature is Valid\.' \
    "$out"
t_match "pdfsig: and trusted" 'Certificate is Trusted\.' "$out"
t_ok "the encrypted original is a byte prefix" \
    cmp -n "$(wc -c <"$tmp/enc.pdf")" "$tmp/enc.pdf" "$tmp/enc-signed.pdf"
out=$("$VANTHU" verify --trust-file "$tmp/state/signing-ca.pem" \
    --password user "$tmp/enc-signed.pdf"); rc=$?
t_is "verify --password of the encrypted signed PDF exits 0" 0 "$rc"

# A PDF whose cross-reference table points nowhere: MuPDF must repair it
# to read it, and cannot then write an incremental update.
"$PYTHON3" -c '
import sys
d = open(sys.argv[1], "rb").read()
i = d.rfind(b"startxref")
open(sys.argv[2], "wb").write(d[:i] + b"startxref\n999999\n%%EOF\n")' \
    "$tmp/raw.pdf" "$tmp/damaged.pdf"
err=$(echo "$good_pin" | "$VANTHU" sign "$tmp/damaged.pdf" \
    -o "$tmp/out/dmg.pdf" --pin-stdin --module "$SOFTHSM_MODULE" 2>&1); rc=$?
t_is "a PDF that needs repair exits 7" 7 "$rc"
t_match "it says it is damaged and cannot be signed" \
    'damaged and cannot be signed.*incremental update' "$err"
t_nomatch "it does not ask for the PIN first" 'PIN for token' "$err"
head -c 2000 /dev/urandom >"$tmp/garbage.pdf"
err=$(echo "$good_pin" | "$VANTHU" sign "$tmp/garbage.pdf" \
    -o "$tmp/out/g.pdf" --pin-stdin --module "$SOFTHSM_MODULE" 2>&1); rc=$?
t_is "a broken PDF exits 7" 7 "$rc"
t_match "it says the PDF is damaged or unreadable" 'damaged or unreadable' "$err"
err=$("$VANTHU" sign "$tmp/none.pdf" -o "$tmp/out/n.pdf" 2>&1); rc=$?
t_is "a missing input exits 1" 1 "$rc"
t_match "it names the file" 'none\.pdf: No such file' "$err"
nothing_written "bad PDFs"

# A document certified with no changes allowed (DocMDP P 1).
cat >"$tmp/docmdp.js" <<'EOF'
var doc = new PDFDocument(scriptArgs[0]);
var sig = doc.addObject({ Type: "Sig", Filter: "Adobe.PPKLite",
    SubFilter: "ETSI.CAdES.detached", Reference: [{ Type: "SigRef",
    TransformMethod: "DocMDP", TransformParams: { Type: "TransformParams",
    P: 1, V: "1.2" } }] });
doc.getTrailer().Root.Perms = { DocMDP: sig };
doc.save(scriptArgs[1], "incremental");
EOF
mutool run "$tmp/docmdp.js" "$tmp/draft.pdf" "$tmp/certified.pdf"
err=$(echo "$good_pin" | "$VANTHU" sign "$tmp/certified.pdf" \
    -o "$tmp/out/cert.pdf" --pin-stdin --module "$SOFTHSM_MODULE" 2>&1); rc=$?
t_is "a document certified with no changes allowed exits 7" 7 "$rc"
t_match "it says why" 'no changes allowed \(DocMDP' "$err"
nothing_written "certified PDF"

# The input is never the output.
err=$("$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/draft.pdf" 2>&1); rc=$?
t_is "signing in place is refused (exit 2)" 2 "$rc"
ln -s "$tmp/draft.pdf" "$tmp/link.pdf"
err=$("$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/link.pdf" 2>&1); rc=$?
t_is "signing in place through a link is refused (exit 2)" 2 "$rc"
err=$("$VANTHU" sign "$tmp/draft.pdf" 2>&1); rc=$?
t_is "no -o is a usage error" 2 "$rc"
err=$("$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/x.pdf" --visible 1,2 2>&1); rc=$?
t_is "a bad --visible is a usage error" 2 "$rc"
t_done
