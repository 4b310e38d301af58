#!/bin/sh
# vanthu token list, vanthu sign (personal, then the agency signature on
# top, the attachment form) and vanthu verify, with a SoftHSM2 token made
# at test time; every signature is checked with pdfsig and openssl.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require
sign_setup
M="--module $SOFTHSM_MODULE"
CA="$tmp/state/signing-ca.pem"

# A clerk's token holds the personal and the agency certificate.
mk_token vanthu "$tmp/tok" --role clerk --full-name "Trần Thị Mai"
t_is "mktoken prints the token label" "vanthu-vanthu" "$TOKEN_LABEL"
t_match "mktoken prints a PIN" '^[0-9]{6}$' "$TOKEN_PIN"
t_match "mktoken prints the agency key URI" '^pkcs11:token=vanthu-vanthu;id=%02' \
    "$AGENCY_KEY_URI"
t_ok "the token lives in the test directory" test -d "$tmp/tok/tokens"

# shellcheck disable=SC2086
out=$("$VANTHU" token list $M 2>&1); rc=$?
t_is "token list exits 0" 0 "$rc"
t_match "token list names the token" '^Token: vanthu-vanthu' "$out"
t_match "token list shows the PIN state" 'PIN: ready' "$out"
t_match "token list shows the personal subject" \
    'Subject: +UID=vanthu,CN=Trần Thị Mai,O=UBND xã Hoằng Quý' "$out"
t_match "token list marks the agency certificate" 'Certificate [0-9] \(agency\)' \
    "$out"
t_match "token list shows the issuer" 'Issuer: +CN=Test signing CA' "$out"
t_match "token list shows the validity" \
    'Valid: +from [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9:]+ to [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9:]+' "$out"
t_match "token list shows the key usage" \
    'Key usage: digitalSignature, nonRepudiation' "$out"
t_match "token list gives the key URI" 'Key: +pkcs11:token=vanthu-vanthu;id=%01' \
    "$out"
# Through p11-kit's proxy module (the default), which loads SoftHSM2.
if [ -f /usr/lib/x86_64-linux-gnu/p11-kit-proxy.so ] &&
    [ -f /usr/share/p11-kit/modules/softhsm2.module ]; then
	out=$("$VANTHU" token list 2>&1)
	t_match "the default module (p11-kit proxy) finds the token" \
	    '^Token: vanthu-vanthu' "$out"
else
	t_skip "the default module (p11-kit proxy) finds the token" \
	    "p11-kit proxy or its SoftHSM2 registration missing"
fi

make_pdf "$tmp/draft.pdf" 2
sum_before=$(sha256sum <"$tmp/draft.pdf")

# The personal signature.
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/signed.pdf" \
    $M --pin-stdin --position "CHỦ TỊCH" --reason "Ký ban hành" \
    >"$tmp/out" 2>&1; rc=$?
t_is "sign exits 0" 0 "$rc"
t_match "sign says what it signs and as whom" \
    'Signing .*draft.pdf \(2 pages\) as .*CN=Trần Thị Mai' "$(cat "$tmp/out")"
t_is "the input file is unchanged" "$sum_before" \
    "$(sha256sum <"$tmp/draft.pdf")"
check_signature "personal" "$tmp/signed.pdf" 1 "$tmp/draft.pdf"
t_nomatch "no /Lock in the signature field" '/Lock' \
    "$(qpdf --qdf --object-streams=disable "$tmp/signed.pdf" - | tr -d '\0')"
t_match "the signature dictionary has /M" '/M \(D:[0-9]{14}\+07'"'"'00'"'"'\)' \
    "$(qpdf --qdf --object-streams=disable "$tmp/signed.pdf" - | tr -d '\0')"

out=$("$VANTHU" verify --trust-file "$CA" "$tmp/signed.pdf"); rc=$?
t_is "verify of the signed file exits 0" 0 "$rc"
t_match "verify names the signer" 'Signer: +Trần Thị Mai \(vanthu\)' "$out"
t_match "verify shows the time from /M" \
    'Signing time: +[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9:]{8}$' "$out"
t_match "verify: integrity" 'Integrity: +intact' "$out"
t_match "verify: trusted" 'Certificate: +trusted' "$out"
t_match "verify: covers the whole file" 'Changed after: +no' "$out"
t_match "verify shows the SubFilter" '\(ETSI\.CAdES\.detached, SHA256\)' "$out"

# The clerk's agency signature on top: the first stays valid.
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/signed.pdf" -o "$tmp/issued.pdf" \
    $M --pin-stdin --agency >"$tmp/out" 2>&1; rc=$?
t_is "agency sign exits 0" 0 "$rc"
check_signature "agency" "$tmp/issued.pdf" 2 "$tmp/signed.pdf"
check_signature "personal after agency" "$tmp/issued.pdf" 1 "$tmp/draft.pdf"
out=$(pdfsig_sig "$tmp/issued.pdf" 2)
t_match "pdfsig: the agency signer" 'Common Name: UBND xã Hoằng Quý' "$out"

out=$("$VANTHU" verify --trust-file "$CA" --json "$tmp/issued.pdf"); rc=$?
t_is "verify --json of two signatures exits 0" 0 "$rc"
j=$(printf '%s' "$out" | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
s = d["signatures"]
print(d["valid"], len(s), s[0]["valid"], s[0]["signer"]["kind"],
      s[0]["bytes_after"] > 0, s[0]["changed_after_uncovered"],
      s[1]["valid"], s[1]["signer"]["kind"], s[1]["bytes_after"],
      s[1]["subfilter"])')
t_is "verify --json: both valid, personal then agency" \
    "True 2 True personal True False True agency 0 ETSI.CAdES.detached" "$j"

# Changes after the last signature and changed signed bytes.
cp "$tmp/issued.pdf" "$tmp/appended.pdf"
printf '%% appended\n' >>"$tmp/appended.pdf"
out=$("$VANTHU" verify --trust-file "$CA" "$tmp/appended.pdf"); rc=$?
t_is "verify: bytes after the last signature exit 6" 6 "$rc"
t_match "verify says the document changed after it" 'Changed after: +YES' "$out"
"$PYTHON3" -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"QUYET DINH")
d[i] = ord("X")
open(sys.argv[2], "wb").write(d)' "$tmp/signed.pdf" "$tmp/tampered.pdf"
out=$("$VANTHU" verify --trust-file "$CA" "$tmp/tampered.pdf"); rc=$?
t_is "verify: a changed signed byte exits 6" 6 "$rc"
t_match "verify says the bytes changed" 'Integrity: +the signed bytes were changed' \
    "$out"
openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null \
    -out "$tmp/other-ca.pem" -subj "/CN=Other CA" 2>/dev/null
out=$("$VANTHU" verify --trust-file "$tmp/other-ca.pem" "$tmp/signed.pdf"); rc=$?
t_is "verify: another trust anchor exits 6" 6 "$rc"
t_match "verify says the certificate is not trusted" \
    'Certificate: +unable to get local issuer certificate' "$out"
out=$("$VANTHU" verify --trust-file "$CA" "$tmp/draft.pdf"); rc=$?
t_is "verify: an unsigned file exits 6" 6 "$rc"
t_match "verify says there are no signatures" 'no signatures' "$out"

# Choosing among the clerk's two certificates by URI.
# shellcheck disable=SC2086
err=$(echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/amb.pdf" \
    $M --pin-stdin --key "pkcs11:token=vanthu-vanthu" 2>&1 >/dev/null); rc=$?
t_is "a URI matching two certificates exits 6" 6 "$rc"
t_match "it lists both to choose from" \
    '2 certificates match; choose one with --key: pkcs11:token=vanthu-vanthu;id=%0[12];type=private, pkcs11:token=vanthu-vanthu;id=%0[12]' \
    "$err"
t_ok "nothing is written" test ! -e "$tmp/amb.pdf"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/byobj.pdf" \
    $M --pin-stdin --key "pkcs11:token=vanthu-vanthu;object=agency" \
    --attachment >/dev/null 2>&1; rc=$?
t_is "the agency key chosen by object label signs" 0 "$rc"
t_match "with the agency certificate" 'Common Name: UBND xã Hoằng Quý' \
    "$(pdfsig_sig "$tmp/byobj.pdf" 1)"

# An incoming document signed by the sending agency (seeded with the
# sending agencies' own test CA, PAdES B-B: ETSI.CAdES.detached,
# SHA-256): valid and trusted with that CA, not with ours.  (SHA-1 is
# refused by name: tests/cli/verify-algorithms.sh.)
in_signed=$top_srcdir/tests/server/seed/pdf/in-cd-phong-chong-bao-so.pdf
out=$("$VANTHU" verify --trust-file \
    "$top_srcdir/tests/server/seed/sender-ca.pem" "$in_signed"); rc=$?
t_is "verify of the sender's signature exits 0" 0 "$rc"
t_match "it names the sending agency" \
    'Signer: +UBND huyện Hoằng Hóa \(AGENCY:000\.00\.31\.H56\) \[agency\]' \
    "$out"
t_match "it shows the SubFilter and the hash" \
    '\(ETSI\.CAdES\.detached, SHA256\)' "$out"
t_match "it is VALID" 'Result: +VALID' "$out"
sig=$(pdfsig_sig "$in_signed" 1)
t_match "pdfsig: the signature is valid" 'Signature is Valid\.' "$sig"
t_match "pdfsig: SHA-256" 'Signing Hash Algorithm: SHA-256' "$sig"
t_match "qpdf --check finds no error" 'No syntax or stream encoding errors' \
    "$(qpdf --check "$in_signed" 2>&1)"
"$VANTHU" verify --trust-file "$CA" "$in_signed" >/dev/null; rc=$?
t_is "the sender's signature is not trusted with our CA (exit 6)" 6 "$rc"

# The attachment form: agency key, top right of page 1, no image.
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/attach.pdf" \
    $M --pin-stdin --attachment --code "15/QĐ-UBND" >/dev/null 2>&1; rc=$?
t_is "attachment-form sign exits 0" 0 "$rc"
check_signature "attachment" "$tmp/attach.pdf" 1 "$tmp/draft.pdf"
field=$(mutool show "$tmp/attach.pdf" Root/AcroForm/Fields 2>/dev/null |
    grep -o '[0-9][0-9]* 0 R' | head -n 1 | cut -d' ' -f1)
rect=$(mutool show "$tmp/attach.pdf" "$field" 2>/dev/null | grep '/Rect')
t_match "the attachment form sits at the top right of page 1" \
    '/Rect *\[ *3[0-9]{2}(\.[0-9]+)? 7[0-9]{2}' "$rect"

# A chosen place, with the key given by URI, and an invisible signature.
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/placed.pdf" \
    $M --pin-stdin --key "$KEY_URI" --visible 2,300,500,200,100 \
    >/dev/null 2>&1; rc=$?
t_is "sign --key URI --visible exits 0" 0 "$rc"
check_signature "placed" "$tmp/placed.pdf" 1 "$tmp/draft.pdf"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/invis.pdf" \
    $M --pin-stdin --invisible >/dev/null 2>&1; rc=$?
t_is "sign --invisible exits 0" 0 "$rc"
check_signature "invisible" "$tmp/invis.pdf" 1 "$tmp/draft.pdf"

# A signature image, and the draft's own empty signature field.
mutool draw -o "$tmp/sig.png" -r 12 "$tmp/draft.pdf" 1 2>/dev/null
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/image.pdf" \
    $M --pin-stdin --image "$tmp/sig.png" >/dev/null 2>&1; rc=$?
t_is "sign --image exits 0" 0 "$rc"
check_signature "with image" "$tmp/image.pdf" 1 "$tmp/draft.pdf"
t_match "the appearance holds the image" '/Subtype /Image' \
    "$(qpdf --qdf --object-streams=disable "$tmp/image.pdf" - | tr -d '\0')"
cat >"$tmp/field.js" <<'EOF'
var doc = new PDFDocument(scriptArgs[0]);
var page = doc.findPage(0);
var w = doc.addObject({ Type: "Annot", Subtype: "Widget", FT: "Sig",
    T: doc.newString("ChuKyLanhDao"), Rect: [320, 120, 540, 220], F: 4,
    P: page });
page.Annots = [w];
doc.getTrailer().Root.AcroForm = { Fields: [w] };
doc.save(scriptArgs[1], "incremental");
EOF
mutool run "$tmp/field.js" "$tmp/draft.pdf" "$tmp/withfield.pdf"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/withfield.pdf" \
    -o "$tmp/field-signed.pdf" $M --pin-stdin >/dev/null 2>&1; rc=$?
t_is "signing a draft with an empty field exits 0" 0 "$rc"
check_signature "in the field" "$tmp/field-signed.pdf" 1 "$tmp/withfield.pdf"
t_match "the draft's field is the one signed" \
    'Signature Field Name: ChuKyLanhDao' \
    "$(pdfsig_sig "$tmp/field-signed.pdf" 1)"
t_is "no other signature field was added" 1 \
    "$(pdfsig "$tmp/field-signed.pdf" 2>/dev/null | grep -c '^Signature #')"
qdf=$(qpdf --qdf --object-streams=disable "$tmp/field-signed.pdf" - |
    tr -d '\0')
t_match "the field keeps its place" '/Rect \[\s*320\s+120\s+540\s+220\s*\]' \
    "$(printf '%s' "$qdf" | tr '\n' ' ')"
t_match "the field got an appearance" '/AP' "$qdf"

# The configuration: pkcs11_module, key_uri, agency_key_uri, trust_file.
cat >"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
key_uri = $KEY_URI
agency_key_uri = $AGENCY_KEY_URI
trust_file = $CA
signer_position = CHỦ TỊCH
EOF
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/conf.pdf" \
    --pin-stdin >/dev/null 2>&1; rc=$?
t_is "sign with the module and key from the configuration exits 0" 0 "$rc"
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/conf.pdf" -o "$tmp/conf2.pdf" \
    --pin-stdin --agency >/dev/null 2>&1; rc=$?
t_is "agency sign with agency_key_uri exits 0" 0 "$rc"
out=$("$VANTHU" verify "$tmp/conf2.pdf"); rc=$?
t_is "verify with trust_file from the configuration exits 0" 0 "$rc"
t_match "both signers are listed" 'Trần Thị Mai.*UBND xã Hoằng Quý' \
    "$(echo "$out" | tr '\n' ' ')"
# A document of some megabytes (a scan: an image of noise): written,
# flushed to disk while it is hashed and signed (lib/pdf-io.c), whole.
"$PYTHON3" - "$tmp/noise.ppm" <<'EOF'
import random, sys
w, h = 1000, 1000
with open(sys.argv[1], "wb") as f:
    f.write(b"P6 %d %d 255\n" % (w, h))
    f.write(random.Random(17).randbytes(w * h * 3))
EOF
cat >"$tmp/big.txt" <<EOF
%%MediaBox 0 0 595 842
%%Font F1 Times-Roman
%%Image Im1 $tmp/noise.ppm
BT /F1 14 Tf 72 770 Td (Scan) Tj ET
q 451 0 0 451 72 300 cm /Im1 Do Q
EOF
mutool create -o "$tmp/big.pdf" "$tmp/big.txt"
big=$(wc -c <"$tmp/big.pdf")
t_ok "a PDF of more than 2 MB ($big bytes)" test "$big" -gt 2000000
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/big.pdf" -o "$tmp/big-signed.pdf" \
    $M --pin-stdin >"$tmp/out" 2>&1; rc=$?
t_is "signing it exits 0" 0 "$rc"
check_signature "large" "$tmp/big-signed.pdf" 1 "$tmp/big.pdf"
cmp -n "$big" -s "$tmp/big.pdf" "$tmp/big-signed.pdf"
t_is "the signed file begins with the whole document" 0 "$?"
t_ok "qpdf --check: the large signed file" qpdf --check "$tmp/big-signed.pdf"
t_is "no temporary file is left" "" \
    "$(find "$tmp" -maxdepth 1 -name '*.vanthu-*')"

# The disk reports a write-back error to the early flush only (Linux
# tells it once per open file; tests/tools/failsync.so): the signing
# fails with it, and nothing is written.
if [ -f "${top_builddir:-.}/tests/tools/failsync.so" ]; then
	# shellcheck disable=SC2086
	echo "$TOKEN_PIN" | ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    LD_PRELOAD="${top_builddir:-.}/tests/tools/failsync.so" \
	    "$VANTHU" sign "$tmp/big.pdf" -o "$tmp/big-eio.pdf" $M \
	    --pin-stdin >"$tmp/out" 2>&1; rc=$?
	t_ok "a flush error: the signing fails (exit $rc)" test "$rc" -ne 0
	t_match "and says so: the file could not be written" 'File error: .*big-eio\.pdf: Input/output error' "$(cat "$tmp/out")"
	t_ok "no signed file is left" test ! -e "$tmp/big-eio.pdf"
	t_is "nor any temporary" "" \
	    "$(find "$tmp" -maxdepth 1 -name 'big-eio.pdf.*')"
else
	t_skip "a flush error: the signing fails" "tests/tools/failsync.so not built"
fi

echo 'pkcs11_module = /nonexistent/module.so' >"$XDG_CONFIG_HOME/vanthu/config"
out=$("$VANTHU" token list 2>&1); rc=$?
t_is "token list uses pkcs11_module from the configuration" 6 "$rc"
t_match "and names it when it does not load" '/nonexistent/module\.so' "$out"
t_done
