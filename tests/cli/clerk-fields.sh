#!/bin/sh
# The number and date form fields (Decree 30 boxes 3 and 4): added to a
# draft over its own "Số:" and date lines, signed by the leader, filled
# by the clerk as an incremental update that keeps the signature valid
# (pdfsig, openssl, vanthu verify), found by pdftotext once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require pdftotext
sign_setup
M="--module $SOFTHSM_MODULE"
SEED="$top_srcdir/tests/server/seed/pdf"

# The seed drafts' latest versions (what the signer signs) carry the
# fields and no "DỰ THẢO" mark; the earlier version of one draft has
# neither fields nor a number: blanks, as weasyprint made it.
for f in "$SEED"/dt-*.pdf; do
	case $f in *-v1.pdf) continue ;; esac
	t_match "seed $(basename "$f"): the number field is there, empty" \
	    '^code_number	\(empty\)' "$("$VANTHU" draft fields --show "$f")"
	t_nomatch "seed $(basename "$f"): no DỰ THẢO mark" 'DỰ THẢO' \
	    "$(pdftotext "$f" -)"
done
cp "$SEED/dt-qd-ban-chi-dao-v1.pdf" "$tmp/draft.pdf"
"$VANTHU" draft fields "$tmp/draft.pdf" -o "$tmp/fields.pdf" \
    >"$tmp/out" 2>&1; rc=$?
t_is "draft fields exits 0" 0 "$rc"
t_match "qpdf --check: clean after adding the fields" \
    'No syntax or stream encoding errors' "$(qpdf --check "$tmp/fields.pdf" 2>&1)"
out=$("$VANTHU" draft fields --show "$tmp/fields.pdf")
t_match "the number field exists and is empty" \
    '^code_number	\(empty\)' "$out"
t_match "the date field exists and is empty" \
    'promulgation_date	\(empty\)' "$out"
json=$(qpdf --json --json-key=acroform "$tmp/fields.pdf")
t_match "qpdf sees a text field code_number" \
    '"fullname": "code_number"' "$json"
t_match "qpdf sees a text field promulgation_date" \
    '"fullname": "promulgation_date"' "$json"
text=$(pdftotext -layout "$tmp/fields.pdf" -)
t_is "the draft's \"Số:\" line shows once (moved into the field)" 1 \
    "$(printf '%s\n' "$text" | grep -c 'Số: */QĐ-UBND')"
t_is "the draft's date line shows once" 1 \
    "$(printf '%s\n' "$text" | grep -c 'Hoằng Quý, ngày')"
out=$("$VANTHU" draft fields "$tmp/fields.pdf" -o "$tmp/x.pdf" 2>&1); rc=$?
t_is "adding the fields twice is refused" 1 "$rc"
t_match "... saying they are there" 'already has the number and date' "$out"

# A PDF without a "Số:" line: the message says what is missing.
make_pdf "$tmp/plain.pdf"
out=$("$VANTHU" draft fields "$tmp/plain.pdf" -o "$tmp/x.pdf" 2>&1); rc=$?
t_is "no \"Số:\" line: refused" 1 "$rc"
t_match "... saying where the number goes" 'no line "Số: \.\.\./\.\.\."' "$out"
t_ok "... and nothing is written" test ! -e "$tmp/x.pdf"
# Boxes given by the caller.
"$VANTHU" draft fields "$tmp/plain.pdf" -o "$tmp/boxes.pdf" \
    --number-box 60,90,150,16 --date-box 300,90,230,16; rc=$?
t_is "boxes given by the caller: exits 0" 0 "$rc"
t_match "... both fields exist" 'promulgation_date	\(empty\)' \
    "$("$VANTHU" draft fields --show "$tmp/boxes.pdf")"

# The leader signs.
mk_token chutich "$tmp/tok" --full-name "Nguyễn Văn Hùng"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/fields.pdf" -o "$tmp/signed.pdf" \
    $M --pin-stdin >"$tmp/out" 2>&1; rc=$?
t_is "the leader signs the draft with its fields" 0 "$rc"
out=$("$VANTHU" draft fields "$tmp/signed.pdf" -o "$tmp/x.pdf" 2>&1); rc=$?
t_is "adding fields to a signed PDF is refused" 1 "$rc"

# The clerk fills them.
"$VANTHU" draft fields "$tmp/signed.pdf" -o "$tmp/filled.pdf" \
    --fill "07/QĐ-UBND" --place "Hoằng Quý" --date 2026-02-05; rc=$?
t_is "filling exits 0" 0 "$rc"
check_signature "after filling" "$tmp/filled.pdf" 1 "$tmp/signed.pdf"
out=$("$VANTHU" draft fields --show "$tmp/filled.pdf")
t_match "the number field holds the line" '^code_number	Số: 07/QĐ-UBND$' "$out"
t_match "the date field holds the line (05, 02: leading zeros)" \
    'promulgation_date	Hoằng Quý, ngày 05 tháng 02 năm 2026$' "$out"
text=$(pdftotext "$tmp/filled.pdf" -)
t_match "pdftotext finds the number" 'Số: 07/QĐ-UBND' "$text"
t_match "pdftotext finds the date line" \
    'Hoằng Quý, ngày 05 tháng 02 năm 2026' "$text"
t_nomatch "pdftotext no longer finds the empty number" 'Số: */QĐ' "$text"
# The clerk's agency signature covers the filled fields.
mk_token vanthu "$tmp/clerk" --role clerk --full-name "Trần Thị Mai"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/filled.pdf" -o "$tmp/issued.pdf" \
    $M --pin-stdin --agency >"$tmp/out" 2>&1; rc=$?
t_is "the clerk's agency signature over the filled fields" 0 "$rc"
check_signature "agency" "$tmp/issued.pdf" 2 "$tmp/filled.pdf"
t_ok "the leader's signature stays valid under both updates" \
    cms_verify "$tmp/issued.pdf" 1
"$VANTHU" verify --trust-file "$tmp/state/signing-ca.pem" "$tmp/issued.pdf" \
    >"$tmp/verify" 2>&1; rc=$?
t_is "vanthu verify: both signatures valid (exit 0)" 0 "$rc"
t_match "pdftotext of the issued PDF finds the number" 'Số: 07/QĐ-UBND' \
    "$(pdftotext "$tmp/issued.pdf" -)"
size=$(($(wc -c <"$tmp/filled.pdf") - $(wc -c <"$tmp/signed.pdf")))
t_ok "the update with two font subsets is small ($size bytes)" \
    test "$size" -lt 30000
out=$("$VANTHU" draft fields "$tmp/filled.pdf" -o "$tmp/x.pdf" \
    --fill "08/QĐ-UBND" --place "Hoằng Quý" --date 2026-02-05 2>&1); rc=$?
t_is "filling twice is refused" 1 "$rc"
t_match "... saying it has a number" 'already has a number and date' "$out"
out=$("$VANTHU" draft fields "$tmp/signed.pdf" -o "$tmp/x.pdf" \
    --fill "08" --place "Hoằng Quý" --date 2026-02-05 2>&1); rc=$?
t_is "--fill without a notation is a usage error" 2 "$rc"

t_done
