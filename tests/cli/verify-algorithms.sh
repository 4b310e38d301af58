#!/bin/sh
# vanthu verify: every signature dictionary listed however malformed,
# the key types and hashes Vietnamese CAs issue (RSA PKCS#1 v1.5 and
# PSS, ECDSA, Ed25519, Ed448), document timestamps from `openssl ts`,
# encapsulated CMS refused, DocMDP honoured, encryption named.  The
# files are signed here by tests/tools/mksig with OpenSSL keys.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"
. "$top_srcdir/tests/cli/verify-lib.sh"

sign_require
sign_setup
make_pdf "$tmp/draft.pdf"
signer rsa -newkey rsa:2048
signer ec -newkey ec -pkeyopt ec_paramgen_curve:P-256
signer ed25519 -newkey ed25519
signer ed448 -newkey ed448

# ECDSA P-256 (pdfsig verifies it too).
$MKSIG "$tmp/draft.pdf" "$tmp/ec.pdf" --field EC --key "$tmp/ec.key" \
    --cert "$tmp/ec.pem"
vt "$tmp/ec.pdf"
t_is "ECDSA P-256: exit 0" 0 "$rc"
t_match "ECDSA P-256 is named" 'Algorithm: +ECDSA P-256' "$out"
t_is "pdfsig agrees: valid" "Signature is Valid." "$(pdfsig_says "$tmp/ec.pdf" 1)"

# Ed25519 (SHA-512, RFC 8419) and Ed448 (SHAKE256): poppler 22.12 cannot
# check EdDSA, so a changed byte must make them fail here.
$MKSIG "$tmp/draft.pdf" "$tmp/ed.pdf" --field Ed --key "$tmp/ed25519.key" \
    --cert "$tmp/ed25519.pem"
vt "$tmp/ed.pdf"
t_is "Ed25519: exit 0" 0 "$rc"
t_match "Ed25519 with SHA-512" 'Ed \(ETSI.CAdES.detached, SHA512\)' "$out"
t_match "Ed25519 intact" 'Integrity: +intact' "$out"
$MKSIG "$tmp/draft.pdf" "$tmp/ed448.pdf" --field Ed448 \
    --key "$tmp/ed448.key" --cert "$tmp/ed448.pem"
vt "$tmp/ed448.pdf"
t_is "Ed448 with SHAKE256: exit 0" 0 "$rc"
t_match "Ed448 named, SHAKE256" 'Algorithm: +Ed448' "$out"
"$PYTHON3" -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"QUYET DINH")
d[i] = ord("X")
open(sys.argv[2], "wb").write(d)' "$tmp/ed.pdf" "$tmp/ed-bad.pdf"
vt "$tmp/ed-bad.pdf"
t_is "Ed25519 over a changed byte: exit 6" 6 "$rc"
t_match "says the bytes changed" 'Integrity: +the signed bytes were changed' "$out"

# The ESS signing-certificate-v2 attribute must name the signer: a
# signature whose attributes name another certificate is refused.
$MKSIG "$tmp/draft.pdf" "$tmp/ess.pdf" --field Ess --key "$tmp/ed25519.key" \
    --cert "$tmp/ed25519.pem" --ess "$tmp/ed25519.pem"
vt "$tmp/ess.pdf"
t_is "signing-certificate-v2 naming the signer: exit 0" 0 "$rc"
$MKSIG "$tmp/draft.pdf" "$tmp/ess-other.pdf" --field Ess --key \
    "$tmp/ed25519.key" --cert "$tmp/ed25519.pem" --ess "$tmp/rsa.pem"
vt "$tmp/ess-other.pdf"
t_is "signing-certificate-v2 naming another certificate: exit 6" 6 "$rc"
t_match "says so" 'name another certificate than the one that signed' "$out"

# RSA-PSS and SHA3-256; SHA-1 is named as a disallowed hash.
$MKSIG "$tmp/draft.pdf" "$tmp/pss.pdf" --field PSS --key "$tmp/rsa.key" \
    --cert "$tmp/rsa.pem" --pss --md sha384
vt "$tmp/pss.pdf"
t_is "RSA-PSS with SHA-384: exit 0" 0 "$rc"
t_match "RSA-PSS named" 'Algorithm: +RSA-PSS' "$out"
t_is "pdfsig agrees: valid" "Signature is Valid." "$(pdfsig_says "$tmp/pss.pdf" 1)"
$MKSIG "$tmp/draft.pdf" "$tmp/sha3.pdf" --field S3 --key "$tmp/rsa.key" \
    --cert "$tmp/rsa.pem" --md sha3-256
vt "$tmp/sha3.pdf"
t_is "RSA PKCS#1 v1.5 with SHA3-256: exit 0" 0 "$rc"
$MKSIG "$tmp/draft.pdf" "$tmp/sha1.pdf" --field S1 --key "$tmp/rsa.key" \
    --cert "$tmp/rsa.pem" --md sha1
vt "$tmp/sha1.pdf"
t_is "SHA-1: exit 6" 6 "$rc"
t_match "SHA-1 is a disallowed hash, not tampering" \
    'the signature uses the hash SHA1, which is not allowed' "$out"
t_is "pdfsig: SHA-1 bytes intact (our refusal is policy)" \
    "Signature is Valid." "$(pdfsig_says "$tmp/sha1.pdf" 1)"

# Encapsulated CMS for ETSI.CAdES.detached: refused with the reason.
$MKSIG "$tmp/draft.pdf" "$tmp/encap.pdf" --field Enc --key "$tmp/rsa.key" \
    --cert "$tmp/rsa.pem" --nodetach
vt "$tmp/encap.pdf"
t_is "encapsulated CMS: exit 6" 6 "$rc"
t_match "says it must be detached" 'encapsulated\); a PDF signature must be detached' \
    "$out"
t_nomatch "pdfsig does not call it valid either" '^Signature is Valid' \
    "$(pdfsig_says "$tmp/encap.pdf" 1)"

# Malformed ByteRanges: listed, each with its anomaly, NOT VALID.
for kind in two six gap past-eof overlap; do
	$MKSIG "$tmp/draft.pdf" "$tmp/br-$kind.pdf" --field "BR-$kind" \
	    --key "$tmp/rsa.key" --cert "$tmp/rsa.pem" --byterange "$kind"
	vt "$tmp/br-$kind.pdf"
	t_is "ByteRange $kind: exit 6" 6 "$rc"
	t_match "ByteRange $kind: the signature is listed" \
	    "^Signature 1: BR-$kind" "$out"
	t_match "ByteRange $kind: NOT VALID" 'Result: +NOT VALID' "$out"
	case $kind in
	two) want='has 2 numbers instead of 4' ;;
	six) want='has 6 numbers instead of 4' ;;
	gap) want='left out of the /ByteRange are not exactly the /Contents' ;;
	past-eof) want='reaches past the end of the file' ;;
	overlap) want='overlap or go backwards' ;;
	esac
	t_match "ByteRange $kind: the anomaly is named" "Anomaly: .*$want" "$out"
done
t_is "--json: 6 numbers counted, anomaly, not valid" "6 True False" \
    "$(vj "$tmp/br-six.pdf" 's[0]["byte_range_len"], "anomaly" in s[0], s[0]["valid"]')"
t_match "pdfsig: a ByteRange past the end is illegal" \
    'not yet been verified|Illegal' "$(pdfsig -nssdir "sql:$tmp/nss" \
    "$tmp/br-past-eof.pdf" 2>&1)"
t_match "pdfsig: 2 numbers do not verify either" 'Mismatch|not yet|corrupt' \
    "$(pdfsig_says "$tmp/br-two.pdf" 1)"

# A document timestamp (openssl ts) after a signature.
openssl req -newkey rsa:2048 -nodes -keyout "$tmp/tsa.key" \
    -subj "/CN=Test TSA" -out "$tmp/tsa.csr" 2>/dev/null
printf 'extendedKeyUsage=critical,timeStamping\n' >"$tmp/tsa.ext"
openssl x509 -req -in "$tmp/tsa.csr" -CA "$tmp/state/signing-ca.pem" \
    -CAkey "$tmp/state/signing-ca-key.pem" -CAcreateserial -days 30 \
    -extfile "$tmp/tsa.ext" -out "$tmp/tsa.pem" 2>/dev/null
echo 01 >"$tmp/tsaserial"
cat >"$tmp/ts.cnf" <<EOC
[ tsa ]
default_tsa = t
[ t ]
serial = $tmp/tsaserial
signer_cert = $tmp/tsa.pem
signer_key = $tmp/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
ess_cert_id_alg = sha256
EOC
$MKSIG "$tmp/ec.pdf" "$tmp/ts.pdf" --field DocTS --timestamp "$tmp/ts.cnf"
vt "$tmp/ts.pdf"
t_is "signature then document timestamp: exit 0" 0 "$rc"
t_match "shown as a timestamp with its time" \
    'Timestamp 2: DocTS \(ETSI.RFC3161, SHA256\).*Authority: +Test TSA.*Time: +[0-9/]{10} [0-9:]{8}' \
    "$(printf '%s' "$out" | tr '\n' ' ')"
t_match "the signature allows it" \
    'a document timestamp was added \(field DocTS\) \[document timestamp added: allowed\]' \
    "$out"
t_is "--json: kind timestamp, integrity, trusted" "timestamp True True" \
    "$(vj "$tmp/ts.pdf" 's[1]["kind"], s[1]["integrity"], s[1]["trusted"]')"
"$PYTHON3" -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.rfind(b"/M(D:")
d[i + 5] = ord("1")
open(sys.argv[2], "wb").write(d)' "$tmp/ts.pdf" "$tmp/ts-bad.pdf"
vt "$tmp/ts-bad.pdf"
t_match "a timestamp over changed bytes: its imprint does not match" \
    'the timestamp was made for other bytes' "$out"

# DocMDP P=1: an annotation added is refused; P=3 allows it; DSS always.
for p in 1 3; do
	$MKSIG "$tmp/draft.pdf" "$tmp/cert$p.pdf" --field Cert --key \
	    "$tmp/rsa.key" --cert "$tmp/rsa.pem" --docmdp "$p"
	$PDFEDIT annot "$tmp/cert$p.pdf" "$tmp/cert$p-annot.pdf"
done
vt "$tmp/cert1-annot.pdf"
t_is "DocMDP P=1 and an annotation: exit 6" 6 "$rc"
t_match "the annotation is not allowed" '\[annotation: NOT ALLOWED\]' "$out"
t_match "the permission is shown" 'changes allowed at level 1' "$out"
vt "$tmp/cert3-annot.pdf"
t_is "DocMDP P=3 and an annotation: exit 0" 0 "$rc"
openssl x509 -in "$tmp/state/signing-ca.pem" -outform DER -out "$tmp/ca.der"
$PDFEDIT dss "$tmp/cert1.pdf" "$tmp/cert1-dss.pdf" "$tmp/ca.der"
vt "$tmp/cert1-dss.pdf"
t_is "DocMDP P=1 and DSS added: exit 0" 0 "$rc"
t_is "pdfsig: the certification signature is valid" "Signature is Valid." \
    "$(pdfsig_says "$tmp/cert1-annot.pdf" 1)"

# FieldMDP: a signature that locks the field so_ky_hieu refuses its
# filling afterwards; one that locks another field allows it.
$PDFEDIT textfield "$tmp/draft.pdf" "$tmp/tf.pdf" so_ky_hieu
for f in so_ky_hieu ngay_ky; do
	$MKSIG "$tmp/tf.pdf" "$tmp/lock-$f.pdf" --field Lock --key \
	    "$tmp/rsa.key" --cert "$tmp/rsa.pem" --lock "$f"
	$PDFEDIT fill "$tmp/lock-$f.pdf" "$tmp/lock-$f-filled.pdf" "15/QĐ-UBND"
done
vt "$tmp/lock-so_ky_hieu-filled.pdf"
t_is "FieldMDP locks so_ky_hieu, then it is filled: exit 6" 6 "$rc"
t_match "the filling of the locked field is not allowed" \
    'form field so_ky_hieu was filled in \[form filled: NOT ALLOWED\]' "$out"
vt "$tmp/lock-ngay_ky-filled.pdf"
t_is "FieldMDP locks another field: filling so_ky_hieu is allowed" 0 "$rc"
# A lock covers fields that existed: a signature field added later
# under a locked name is a new signature, allowed.
$MKSIG "$tmp/lock-ngay_ky.pdf" "$tmp/lock-new.pdf" --field ngay_ky \
    --key "$tmp/ec.key" --cert "$tmp/ec.pem"
vt "$tmp/lock-new.pdf"
t_is "a new signature field under a locked name: exit 0" 0 "$rc"
t_match "it is a signature added, allowed" \
    'signature field ngay_ky was added \[signature added: allowed\]' "$out"

# Encryption for certificates is named; a malformed /Encrypt refused.
HOSTILE="$PYTHON3 $top_srcdir/tests/tools/hostile-pdf"
$HOSTILE pubsec "$tmp/pubsec.pdf"
vt "$tmp/pubsec.pdf"
t_is "Adobe.PubSec: exit 7" 7 "$rc"
t_match "named, not 'damaged'" \
    "encrypted for specific recipients' certificates \\(Adobe.PubSec\\); vanthu cannot open it" \
    "$out"
$HOSTILE badencrypt "$tmp/badenc.pdf"
vt "$tmp/badenc.pdf"
t_is "a malformed /Encrypt: exit 7" 7 "$rc"
t_match "refused, not ignored" 'encryption dictionary \(/Encrypt\) is malformed' \
    "$out"

t_done
