#!/bin/sh
# vanthu verify compares each later revision with the one a signature
# covers, object by object: changes that are not allowed make the
# signature "valid for the revision it signed, but the document was
# changed after it", whatever later signature covers them.  The attack
# files are made here, with vanthu sign (SoftHSM2) and MuPDF.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"
. "$top_srcdir/tests/cli/verify-lib.sh"

sign_require
sign_setup
mk_token vanthu "$tmp/tok" --role clerk --full-name "Trần Thị Mai"
# vsign IN OUT [OPTION]: vanthu sign with the test token.
vsign() {
	vs_in=$1 vs_out=$2
	shift 2
	echo "$TOKEN_PIN" | "$VANTHU" sign "$vs_in" -o "$vs_out" \
	    --module "$SOFTHSM_MODULE" --pin-stdin "$@" >/dev/null 2>&1
}

make_pdf "$tmp/draft.pdf"
# The number and date form fields exist when the leader signs.
$PDFEDIT textfield "$tmp/draft.pdf" "$tmp/form.pdf" so_ky_hieu
$PDFEDIT prefs "$tmp/form.pdf" "$tmp/form2.pdf"
t_ok "the leader signs (vanthu sign)" vsign "$tmp/form2.pdf" "$tmp/signed.pdf"

# The clerk's path: fill the number, then the agency signature: allowed.
$PDFEDIT fill "$tmp/signed.pdf" "$tmp/filled.pdf" "15/QĐ-UBND"
t_ok "the clerk's agency signature" vsign "$tmp/filled.pdf" \
    "$tmp/issued.pdf" --agency
vt "$tmp/issued.pdf"
t_is "form filled then agency signature: exit 0" 0 "$rc"
t_match "the leader's signature covers revision 4 of 6" \
    'Covers: +revision 4 of 6' "$out"
t_match "form filled, in a clerk's words, allowed" \
    'revision 5: form field so_ky_hieu was filled in \[form filled: allowed\]' \
    "$out"
t_match "the agency signature added, allowed" \
    'revision 6: signature field Signature2 was added \[signature added: allowed\]' \
    "$out"
t_is "--json: the same structure" \
    "True form_fill so_ky_hieu True signature True 0" \
    "$(vj "$tmp/issued.pdf" 'd["valid"], s[0]["changes"][0]["class"], s[0]["changes"][0]["field"], s[0]["changes"][0]["allowed"], s[0]["changes"][1]["class"], s[0]["changes"][1]["allowed"], len(s[1]["changes"])')"
t_is "pdfsig: the leader's signature is valid" "Signature is Valid." \
    "$(pdfsig_says "$tmp/issued.pdf" 1)"

# Page content replaced after the first signature, then a second one.
$PDFEDIT content "$tmp/signed.pdf" "$tmp/paid.pdf" "Pay 1000000 VND"
t_ok "the agency signs over the change" vsign "$tmp/paid.pdf" \
    "$tmp/paid2.pdf" --agency
vt "$tmp/paid2.pdf"
t_is "content replaced then signed again: exit 6" 6 "$rc"
t_match "says page 1 content was replaced, not allowed" \
    'revision 5: page 1 content was replaced \[modification: NOT ALLOWED\]' \
    "$out"
t_match "the first is valid only for the revision it signed" \
    'Result: +NOT VALID: valid for the revision it signed, but the document was changed after it' \
    "$out"
t_is "--json: first not valid, second valid, document not valid" \
    "False True False modification False" \
    "$(vj "$tmp/paid2.pdf" 's[0]["valid"], s[1]["valid"], d["valid"], s[0]["changes"][0]["class"], s[0]["changes"][0]["allowed"]')"
t_match "not 'all valid'" 'NOT all valid' "$out"
# pdfsig checks only the bytes: both signatures are intact.
t_is "pdfsig: the first signature's bytes are intact too" \
    "Signature is Valid." "$(pdfsig_says "$tmp/paid2.pdf" 1)"
t_match "pdfsig: and it does not cover the whole document" \
    'Not total document signed' "$(pdfsig_sig "$tmp/paid2.pdf" 1)"

# The same verdict in Vietnamese under vi_VN (the catalogue compiled
# here from po/vi.po, so that it is the current one).
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' &&
    msgfmt -o "$tmp/loc/vi/LC_MESSAGES/vanthu.mo" "$top_srcdir/po/vi.po"
then
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp/loc "$VANTHU" verify \
	    --trust-file "$tmp/state/signing-ca.pem" "$tmp/paid2.pdf")
	t_match "in Vietnamese: page 1 content was replaced, not allowed" \
	    'nội dung trang 1 bị thay thế \[sửa đổi: KHÔNG ĐƯỢC PHÉP\]' "$out"
	t_match "in Vietnamese: valid only for the revision it signed" \
	    'KHÔNG HỢP LỆ: hợp lệ với phiên bản đã ký, nhưng văn bản đã bị sửa sau đó' \
	    "$out"
else
	t_skip "verify in Vietnamese" "no vi_VN.UTF-8 locale or msgfmt"
fi

# The content stream object rewritten in place.
$PDFEDIT rewrite "$tmp/signed.pdf" "$tmp/rewrite.pdf"
vt "$tmp/rewrite.pdf"
t_is "content stream rewritten in place: exit 6" 6 "$rc"
t_match "page 1 content was replaced" 'page 1 content was replaced' "$out"

# The appearance stream of the signed field overridden.
$PDFEDIT sigap "$tmp/signed.pdf" "$tmp/sigap.pdf"
vt "$tmp/sigap.pdf"
t_is "signed field's appearance overridden: exit 6" 6 "$rc"
t_match "names the signature field's appearance" \
    'the appearance of signature field Signature1 was replaced \[modification' \
    "$out"

# An object the signed catalog refers to rewritten.
$PDFEDIT catalog "$tmp/signed.pdf" "$tmp/catalog.pdf"
vt "$tmp/catalog.pdf"
t_is "catalog-referenced object rewritten: exit 6" 6 "$rc"
t_match "names the catalog entry" \
    'an object under the document catalog entry /ViewerPreferences was changed' \
    "$out"

# An annotation added: allowed without DocMDP.
$PDFEDIT annot "$tmp/signed.pdf" "$tmp/annot.pdf"
vt "$tmp/annot.pdf"
t_is "annotation added without DocMDP: exit 0" 0 "$rc"
t_match "annotation added, allowed" \
    'an annotation \(Text\) was added on page 1 \[annotation: allowed\]' "$out"

# DSS added, then a further signature: allowed.
openssl x509 -in "$tmp/state/signing-ca.pem" -outform DER -out "$tmp/ca.der"
$PDFEDIT dss "$tmp/signed.pdf" "$tmp/dss.pdf" "$tmp/ca.der"
t_ok "a signature after the DSS" vsign "$tmp/dss.pdf" "$tmp/dss2.pdf" --agency
vt "$tmp/dss2.pdf"
t_is "DSS and a signature added: exit 0" 0 "$rc"
t_match "validation data, allowed" \
    'validation data \(DSS\) was added or updated \[validation data added: allowed\]' \
    "$out"

# Bytes appended that are no PDF update.
cp "$tmp/issued.pdf" "$tmp/junk.pdf"
printf 'garbage after the end\n' >>"$tmp/junk.pdf"
vt "$tmp/junk.pdf"
t_is "junk appended: exit 6" 6 "$rc"
t_match "names the appended bytes" 'bytes were added at the end that are not a valid update' \
    "$out"

# The attack files are well-formed PDFs (qpdf's independent check).
t_ok "qpdf --check is clean on the attack file" qpdf --check "$tmp/paid2.pdf"

t_done
