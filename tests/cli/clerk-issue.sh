#!/bin/sh
# The whole outgoing path against the reference server: the leader signs
# a draft, the clerk issues it with vanthu draft issue (number and date
# reserved by the server and written into the PDF's fields, agency
# signature, upload); the issued PDF reads "Số: NN/QĐ-UBND" and the date
# line (pdftotext), both signatures are valid (pdfsig, openssl, vanthu
# verify), the outgoing register lists it, and the district, another
# organ on the server, receives it.  A failed signature gives the
# number back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl pdftotext
core_setup
core_server_start --seed demo
SIGN_STATE=$tmp/srv
if [ -z "$URL" ] || [ ! -f "$SIGN_STATE/signing-ca-key.pem" ]; then
	t_skip "draft issue" "the reference server did not start"
	t_done
fi
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$SIGN_STATE/signing-ca.pem" \
    -d "sql:$tmp/nss"
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
trust_file = $SIGN_STATE/signing-ca.pem
EOF

draft() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py "$2"
}
fetch_current() {
	fc_tok=$(api_token chutich)
	fc_att=$(api_get "$fc_tok" "/drafts/$1" |
	    jq_py "j['current_version']['attachment_id']")
	curl -s --cacert "$CA" -H "Authorization: Bearer $fc_tok" \
	    -o "$2" "$URL/api/v1/attachments/$fc_att"
}

# The leader signs d1 (its version carries the empty number and date
# fields and no DỰ THẢO mark).
mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
echo "$TOKEN_PIN" | vt draft sign d1 --yes --pin-stdin >"$tmp/out" 2>&1; rc=$?
t_is "the leader signs d1" 0 "$rc"
t_is "d1 is signed" signed "$(draft d1 'j["state"]')"
fetch_current d1 "$tmp/signed.pdf"
out=$(vt draft issue d1 --yes 2>&1); rc=$?
t_is "the leader cannot issue (exit 5)" 5 "$rc"
t_is "... and no number was reserved" None "$(draft d1 'j["reservation"]')"

mk_token vanthu "$tmp/tok-clerk"
vt_login vanthu >/dev/null
# A wrong PIN: nothing is sent and the number goes back.
out=$(echo 000000 | vt draft issue d1 --yes --pin-stdin 2>&1); rc=$?
t_is "a wrong PIN exits 6" 6 "$rc"
t_match "... and gives the number back" 'The number [0-9]{2,}/QĐ-UBND was given back' \
    "$out"
t_is "... the server holds no number for d1" None \
    "$(draft d1 'j["reservation"]')"
t_is "... d1 is still signed, not issued" signed "$(draft d1 'j["state"]')"

out=$(echo "$TOKEN_PIN" | vt draft issue d1 --yes --pin-stdin \
    --to chuyenvien1 2>"$tmp/err"); rc=$?
t_is "vanthu draft issue d1 exits 0" 0 "$rc"
t_is "d1 is issued" issued "$(draft d1 'j["state"]')"
num=$(draft d1 'j["code_number"]')
t_match "the server gave a two-digit number" '^[0-9]{2,}$' "$num"
day=$(draft d1 'j["issued_date"]')
line=$("$PYTHON3" -c '
import sys, datetime
d = datetime.date.fromisoformat(sys.argv[1])
m = "%02d" % d.month if d.month <= 2 else str(d.month)
print("Hoằng Quý, ngày %02d tháng %s năm %d" % (d.day, m, d.year))' "$day")
t_match "it showed the number before signing" "Number: +Số: $num/QĐ-UBND" "$out"
t_match "it showed the date line" "Date: +$line" "$out"
t_match "it showed page 1 with the number in place" "\| .*Số: $num/QĐ-UBND" "$out"
t_match "it showed the recipients" 'Recipients: +UBND huyện Hoằng Hóa' "$out"
t_match "it says it was issued" "Issued: Số: $num/QĐ-UBND" "$out"

fetch_current d1 "$tmp/issued.pdf"
text=$(pdftotext "$tmp/issued.pdf" -)
t_match "pdftotext: the number of the server (Số: $num/QĐ-UBND)" \
    "Số: $num/QĐ-UBND" "$text"
t_match "pdftotext: the date line" "$line" "$text"
t_nomatch "pdftotext: no DỰ THẢO mark" 'DỰ THẢO' "$text"
check_signature "the leader's signature" "$tmp/issued.pdf" 1 "$tmp/signed.pdf"
check_signature "the agency signature" "$tmp/issued.pdf" 2 "$tmp/signed.pdf"
t_match "pdfsig: the agency signer" 'UBND xã Hoằng Quý' \
    "$(pdfsig -nssdir "sql:$tmp/nss" "$tmp/issued.pdf" 2>&1)"
vt verify "$tmp/issued.pdf" >"$tmp/verify" 2>&1; rc=$?
t_is "vanthu verify of the issued PDF exits 0" 0 "$rc"
# The fields the clerk filled go by their Decree 30 labels, not by
# their names in the PDF; two signatures are counted as two.
t_match "verify names the number field by its label" \
    'revision 3: form field “Number, notation” was filled in \[form filled: allowed\]' \
    "$(cat "$tmp/verify")"
t_match "and the place-and-date field" \
    'revision 3: form field “Place, date of issue” was filled in' \
    "$(cat "$tmp/verify")"
t_nomatch "no internal field name" 'code_number|promulgation_date' \
    "$(cat "$tmp/verify")"
t_match "two signatures, counted as such" '^All 2 signatures are valid\.$' \
    "$(cat "$tmp/verify")"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
	gmo=$top_builddir/po/vi.gmo
	[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
	mkdir -p "$tmp/loc/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" vt verify \
	    "$tmp/issued.pdf" 2>&1)
	t_match "in Vietnamese: Số, ký hiệu" \
	    'phiên bản 3: trường biểu mẫu “Số, ký hiệu” đã được điền' "$out"
	t_match "in Vietnamese: Địa danh, ngày ban hành" \
	    'phiên bản 3: trường biểu mẫu “Địa danh, ngày ban hành” đã được điền' \
	    "$out"
else
	t_skip "verify in Vietnamese" "no vi_VN.UTF-8 locale"
fi
t_match "the number fields hold the server's values" \
    "code_number	Số: $num/QĐ-UBND" "$(vt draft fields --show "$tmp/issued.pdf")"

# The outgoing register (Vietnamese headings, dd/mm/yyyy).
out=$(vt outgoing-register); rc=$?
t_is "outgoing-register exits 0" 0 "$rc"
t_match "it is the sổ đăng ký văn bản đi" '^SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM [0-9]{4}' "$out"
ddmm=$(echo "$day" | awk -F- '{ print $3 "/" $2 "/" $1 }')
t_match "it lists the number and the date (dd/mm/yyyy)" \
    "$num/QĐ-UBND +$ddmm" "$out"
t_match "the type and subject" 'Quyết định: Về việc thành lập Ban Chỉ huy' "$out"
t_match "the signer" 'Người ký: Nguyễn Văn Hùng \(TM\. Chủ tịch\)' "$out"
t_match "the recipients" 'Nơi nhận: UBND huyện Hoằng Hóa; Phạm Minh Tuấn' "$out"
t_match "the copies" 'Số lượng bản: 2' "$out"
out=$(LANG=C LANGUAGE= vt outgoing-register); rc=$?
t_match "the headings stay Vietnamese in the C locale" 'Người ký:' "$out"
t_match "--json is the server's register" "'number_notation': '$num/QĐ-UBND'" \
    "$(vt outgoing-register --json | jq_py 'j["items"]')"

# The recipients: the district receives it; the specialist too.
vt_login vanthuhuyen >/dev/null
out=$(vt inbox 2>&1); rc=$?
t_is "the district's clerk lists the inbox" 0 "$rc"
t_match "the district received $num/QĐ-UBND" "$num/QĐ-UBND" "$out"
t_match "... from the commune" 'Về việc thành lập Ban Chỉ huy' "$out"
vt_login chuyenvien1 >/dev/null
t_match "the specialist named with --to received it" "$num/QĐ-UBND" \
    "$(vt inbox 2>&1)"
t_done
