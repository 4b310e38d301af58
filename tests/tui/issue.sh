#!/bin/sh
# The clerk issues a signed draft from the interface (the draft the seed
# signed, d10, PAdES SHA-256): the confirmation shows the number and the
# date line the server reserved; cancelling gives the number back; a
# recipient is added (an unknown one refused) and receives it; then the
# PIN, the number and date filled in, the agency signature, the upload.  The issued PDF is checked with the independent tools:
# pdftotext (the number the server gave, the date line, no "DỰ THẢO"),
# pdfsig (both signatures valid), qpdf --check, and vanthu verify (the
# leader's signature followed only by the number filled in and the
# agency signature).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ]; then
	t_skip "issuing from the interface" "SoftHSM2 is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
ca="$tui_state/tls-ca.pem"
token=$(curl -s --cacert "$ca" "$tui_url/api/v1/auth/login" \
    -d '{"username":"vanthu","password":"vanthu-2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# draft EXPR: EXPR of d10's JSON (j) on the server.
draft() {
	curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
	    "$tui_url/api/v1/drafts/d10" |
	    python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}
# wait_draft EXPR VALUE: wait (60 s at most) until EXPR is VALUE.
wait_draft() {
	n=0
	while [ "$(draft "$1")" != "$2" ] && [ $n -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ "$(draft "$1")" = "$2" ]
}
t_is "the seed signed d10" signed "$(draft 'j["state"]')"

"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user vanthu \
    --role clerk --out "$tui_tmp/token" --pin 135790 >"$tui_tmp/token.env" 2>&1
t_ok "a SoftHSM token for the clerk, with the agency key" \
    grep -q '^AGENCY_KEY_URI=' "$tui_tmp/token.env"
tui_config "pkcs11_module = $softhsm" \
    "agency_key_uri = $(sed -n 's/^AGENCY_KEY_URI=//p' "$tui_tmp/token.env")" \
    "trust_file = $tui_state/signing-ca.pem"
tui_start 100 30 LC_ALL=C \
    SOFTHSM2_CONF="$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token.env")" \
    -- ui --user vanthu
t_ok "the clerk logs in" tui_login vanthu vanthu-2026
tui_keys 3
tui_check "signed drafts wait for the clerk" 'Drafts to sign \([1-9]'
tui_keys / ; tui_type 'cai cach hanh chinh'; tui_keys Enter Enter
tui_check "d10, signed by its signer" '^State: signed' 20
tui_wait '^-+ Page 1 of' 20
tui_check "the clerk's key hint says Issue" 's Issue' 5
t_nomatch "not Sign" 's Sign' "$(tui_screen | tail -n 2)"
tui_keys '?'
tui_check "the help says what issuing does" \
    'Issue +number, date and agency signature of a signed draft' 10
tui_keys q
tui_wait '^State: signed' 10

# The number is reserved and shown; q gives it back.
tui_keys s
tui_check "the issue is confirmed first" 'Issue: confirm' 30
tui_check "with the number the server reserved" \
    'Number: +Số: [0-9]{2,}/BC-UBND' 30
tui_check "and the place and date line" \
    'Date: +Hoằng Quý, ngày [0-9]{2} tháng [0-9]{1,2} năm [0-9]{4}'
t_match "the server holds that number" "Số: $(draft \
    'j["reservation"]["number_notation"]')" "$(tui_screen)"
tui_check "the agency signature" 'Signature: +agency \(seal\)'
tui_keys q
tui_check "cancelling gives the number back" \
    'The number [0-9]{2,}/BC-UBND was given back' 30
t_ok "the server holds no number for d10" wait_draft 'j["reservation"]' None
t_is "d10 is still signed" signed "$(draft 'j["state"]')"

# Issued: the PIN, the fields filled, the agency signature, the upload.
tui_keys s
tui_check "the confirmation again" 'Number: +Số: [0-9]{2,}/BC-UBND' 30
# The clerk adds recipients at issue time (draft issue --to).
tui_check "the key to add a recipient is offered" 't Recipient' 5
tui_keys t
tui_check "a recipient is asked" 'Also send it to \(organ_id or username\):' 10
tui_type 'khong-co-ai'
tui_keys Enter
tui_check "an unknown recipient is refused, the server's reason shown" \
    'Không biết nơi nhận .khong-co-ai' 30
t_nomatch "... and not added" 'Recipient added' "$(tui_screen)"
tui_keys t
tui_wait 'Also send it to' 10
tui_type 'chuyenvien1'
tui_keys Enter
tui_check "a person of the commune is added" 'Recipient added: chuyenvien1' 30
tui_check "and listed among the recipients" '^ +Phạm Minh Tuấn$' 10
number_line=$(tui_screen | sed -n 's/^ *Number: *//p' | head -n 1)
date_line=$(tui_screen | sed -n 's/^ *Date: *//p' | head -n 1)
tui_keys s
tui_wait '^PIN:' 10
tui_type 135790
tui_keys Enter
tui_check "issued and checked" 'Issued and checked' 60
tui_check "the server issues the document" '^State: issued' 60
num=$(draft 'j["code_number"]')
t_is "the server's number is the one shown" "$number_line" "Số: $num/BC-UBND"
tui_keys Home
tui_check "the number in the draft's details" "^Number, notation: $num/BC-UBND" 10
# The registers in the interface: O and I in the lists.
tui_keys q
tui_check "back in the list" 'Drafts to sign' 10
tui_keys '?'
tui_check "the help lists the outgoing register" \
    'Outgoing reg\. +the outgoing register of the year' 10
tui_keys q
tui_keys O
tui_check "O shows the outgoing register" '^SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM [0-9]{4}$' 30
tui_check "with the document just issued" "^ +[0-9]+\. $num/BC-UBND +[0-9]{2}/[0-9]{2}/[0-9]{4}$" 10
tui_check "its signer" 'Người ký: Lê Thị Hương \(KT\. Phó Chủ tịch\)' 10
tui_check "its recipients" 'Nơi nhận: .*Phạm Minh Tuấn' 10
tui_keys q
tui_keys I
tui_check "I shows the incoming register" '^SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM [0-9]{4}$' 30
tui_check "arrival numbers, senders" 'Tác giả: ' 10
tui_keys q
tui_stop

# Distribution: the person added receives it in the incoming list.
tok_cv=$(curl -s --cacert "$ca" "$tui_url/api/v1/auth/login" \
    -d '{"username":"chuyenvien1","password":"chuyenvien1-2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
t_match "the person added received $num/BC-UBND" "'$num', 'BC-UBND'" \
    "$(curl -s --cacert "$ca" -H "Authorization: Bearer $tok_cv" \
    "$tui_url/api/v1/incoming?limit=200" |
    python3 -c 'import json,sys; print([(d["code_number"], d["code_notation"]) for d in json.load(sys.stdin)["items"]])')"

# The issued file, checked by the independent tools.
att=$(draft 'j["current_version"]["attachment_id"]')
curl -s --cacert "$ca" -H "Authorization: Bearer $token" \
    -o "$tui_tmp/issued.pdf" "$tui_url/api/v1/attachments/$att"
text=$(pdftotext "$tui_tmp/issued.pdf" - 2>/dev/null)
t_match "pdftotext: the server's number ($number_line)" "$number_line" "$text"
t_match "pdftotext: the date line" "$date_line" "$text"
t_nomatch "pdftotext: no DỰ THẢO mark" 'DỰ THẢO' "$text"
mkdir -p "$tui_tmp/nss"
certutil -N --empty-password -d "sql:$tui_tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$tui_state/signing-ca.pem" \
    -d "sql:$tui_tmp/nss" >/dev/null 2>&1
sig=$(pdfsig -nssdir "sql:$tui_tmp/nss" "$tui_tmp/issued.pdf" 2>&1)
t_is "pdfsig: two valid signatures" 2 \
    "$(printf '%s\n' "$sig" | grep -c 'Signature Validation: Signature is Valid\.')"
t_is "pdfsig: both SHA-256" 2 \
    "$(printf '%s\n' "$sig" | grep -c 'Signing Hash Algorithm: SHA-256')"
t_match "qpdf --check finds no error" 'No syntax or stream encoding errors' \
    "$(qpdf --check "$tui_tmp/issued.pdf" 2>&1)"
out=$("$VANTHU" verify --trust-file "$tui_state/signing-ca.pem" \
    "$tui_tmp/issued.pdf" 2>&1); rc=$?
t_is "vanthu verify exits 0" 0 "$rc"
printf '%s\n' "$out" | sed 's/^/# /'
t_match "the leader's signature, then only allowed changes" \
    'Changed after: +only by allowed changes' "$out"
t_match "... the number filled in" \
    'revision [0-9]+: form field “Number, notation” was filled in \[form filled: allowed\]' \
    "$out"
t_match "... the date filled in" \
    'revision [0-9]+: form field “Place, date of issue” was filled in \[form filled: allowed\]' \
    "$out"
t_match "... and the agency signature added" \
    'revision [0-9]+: signature field .* was added \[signature added: allowed\]' \
    "$out"
t_match "the second signature is the agency's" \
    'Signer: +UBND xã Hoằng Quý .*\[agency\]' \
    "$(printf '%s\n' "$out" | sed -n '/^Signature 2:/,$p')"
t_nomatch "nothing NOT ALLOWED" 'NOT ALLOWED' "$out"
t_done
