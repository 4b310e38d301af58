#!/bin/sh
# The specialist's drafts end to end against the reference server: a
# draft made from a PDF built at test time; the leader sees it awaiting
# them, annotates page 1 on a quoted line and returns it; the specialist
# sees the reason and the annotation (drafts --mine), revises with a
# second PDF; draft diff shows the changed words; the leader approves
# and signs with a SoftHSM2 token; the clerk issues it (vanthu draft
# issue: the server's number and date in the fields added at
# submission, the agency signature) and the issued PDF verifies
# (vanthu verify, pdfsig, openssl cms, qpdf --check).  Nobody but the
# drafter, and never in a state that allows none, may revise: refused
# before anything is queued.  Bad metadata and bad files get clear
# errors, in Vietnamese under vi_VN.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

MKDRAFTPDF="$top_srcdir/tests/tools/mkdraftpdf"
sign_require curl pdftotext
core_setup
core_server_start --seed demo --pdf-limit 300000
SIGN_STATE=$tmp/srv
if [ -z "$URL" ]; then
	t_skip "drafts" "the reference server did not start"
	t_done
fi
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<CONF
pkcs11_module = $SOFTHSM_MODULE
trust_file = $SIGN_STATE/signing-ca.pem
CONF

"$PYTHON3" "$MKDRAFTPDF" "$tmp/v1.pdf" \
    "Điều 1. Thành lập tổ công tác rà soát hộ nghèo xã Hoằng Quý." \
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
"$PYTHON3" "$MKDRAFTPDF" "$tmp/v2.pdf" \
    "Điều 1. Thành lập Ban chỉ đạo công tác rà soát hộ nghèo xã Hoằng Quý năm 2026." \
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."

# draft_json ID: the server's view of a draft, as JSON.
draft_json() {
	api_get "$(api_token chutich)" "/drafts/$1"
}

vt_login chuyenvien1 >/dev/null
out=$(vt draft new --types); rc=$?
t_is "draft new --types exits 0" 0 "$rc"
t_match "the types show their abbreviation" 'QyĐ +Quy định' "$out"
t_match "công văn is listed" '"" +Công văn' "$out"

out=$(vt draft new "$tmp/v1.pdf" --type QĐ \
    --subject "Về việc thành lập tổ rà soát hộ nghèo năm 2026" \
    --urgency 1 --due 20/12/2030 --signer chutich --competence TM. \
    --position "CHỦ TỊCH" --recipient "UBND huyện Hoằng Hóa" \
    --recipient "Lưu: VT" --json 2>"$tmp/err"); rc=$?
t_is "draft new exits 0" 0 "$rc"
id=$(printf '%s' "$out" | jq_py 'j["id"]')
t_match "--json prints the new draft" '^d[0-9]+$' "$id"
t_is "its due date, from dd/mm/yyyy" "2030-12-20" \
    "$(printf '%s' "$out" | jq_py 'j["due_date"]')"
t_is "its recipients" "['UBND huyện Hoằng Hóa', 'Lưu: VT']" \
    "$(printf '%s' "$out" | jq_py 'j["recipients"]')"
t_is "the server has it awaiting the signer" "awaiting_signer TM. CHỦ TỊCH" \
    "$(draft_json "$id" | jq_py 'j["state"]+" "+j["signer_competence"]+" "+j["signer_position"]')"
t_is "the server has the file" "1" \
    "$(draft_json "$id" | jq_py 'j["versions"][0]["page_amount"]')"

# At submission the empty number and date fields were added where the
# "Số:" and date lines are (Decree 30 boxes 3 and 4), for the clerk.
fetch_current() {
	fc_tok=$(api_token chutich)
	fc_att=$(api_get "$fc_tok" "/drafts/$1" |
	    jq_py 'j["current_version"]["attachment_id"]')
	curl -s --cacert "$CA" -H "Authorization: Bearer $fc_tok" \
	    -o "$2" "$URL/api/v1/attachments/$fc_att"
}
fetch_current "$id" "$tmp/sent1.pdf"
qpdf --qdf --object-streams=disable "$tmp/sent1.pdf" "$tmp/sent1.qdf"
t_is "the number and date fields were added at submission" \
    "/T (code_number) /T (promulgation_date)" \
    "$(grep -a -o '/T (code_number)\|/T (promulgation_date)' "$tmp/sent1.qdf" | sort | tr '\n' ' ' | sed 's/ $//')"
t_ok "the submitted file passes qpdf --check" qpdf --check "$tmp/sent1.pdf"
t_match "its text is still there" 'Thành lập tổ công tác' \
    "$(pdftotext "$tmp/sent1.pdf" - 2>/dev/null)"

# The leader sees it awaiting them, annotates page 1 and returns it.
vt_login chutich >/dev/null
out=$(vt drafts); rc=$?
t_is "the leader's drafts exit 0" 0 "$rc"
t_match "the new draft awaits the leader" "^> $id " "$out"
vt draft annotate "$id" --page 1 --quote "tổ công tác" \
    "Đề nghị sửa thành Ban chỉ đạo" >/dev/null 2>&1; rc=$?
t_is "the leader annotates page 1" 0 "$rc"
vt draft return "$id" --reason "Bổ sung năm thực hiện, sửa tên tổ" \
    >/dev/null 2>&1; rc=$?
t_is "the leader returns it" 0 "$rc"

# The specialist sees the reason and the annotation next to page 1.
vt_login chuyenvien1 >/dev/null
out=$(vt drafts --mine); rc=$?
t_is "drafts --mine exits 0" 0 "$rc"
t_match "it is returned and awaits me" "^> $id +returned" "$out"
t_match "whose turn: mine" 'Next: Phạm Minh Tuấn' "$out"
t_match "the return reason" 'Reason returned: Bổ sung năm thực hiện' "$out"
t_match "the annotation's page" '^ +Page 1:' "$out"
t_match "the quoted line" '«tổ công tác»' "$out"
t_match "the note with its author" 'Nguyễn Văn Hùng: Đề nghị sửa thành Ban chỉ đạo' "$out"
out=$(vt drafts --mine --json)
t_is "drafts --mine --json has the reason" "Bổ sung năm thực hiện, sửa tên tổ" \
    "$(printf '%s' "$out" | jq_py "[d for d in j['drafts'] if d['id']=='$id'][0]['return_reason']")"
t_is "drafts --mine lists only mine" "True" \
    "$(printf '%s' "$out" | jq_py "all('drafter' in d['my_roles'] for d in j['drafts'])")"

# Nobody but the drafter revises: the leader's copy (synced above)
# says so before the file is read or anything queued.
vt_login chutich >/dev/null
vt drafts >/dev/null 2>&1
err=$(vt draft revise "$id" "$tmp/v2.pdf" 2>&1); rc=$?
t_is "the leader cannot revise it (exit 5)" 5 "$rc"
t_match "... told why" "only the drafter of $id \\(Phạm Minh Tuấn\\)" "$err"
t_is "... nothing is queued" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_is "... and the server has one version" 1 \
    "$(draft_json "$id" | jq_py 'len(j["versions"])')"
vt_login chuyenvien1 >/dev/null

# Revise with a second PDF; the history keeps both versions.
out=$(vt draft revise "$id" "$tmp/v2.pdf" 2>&1); rc=$?
t_is "draft revise exits 0" 0 "$rc"
t_match "it says version 2" "Draft $id, version 2" "$out"
t_is "both versions are kept" "2 awaiting_signer" \
    "$(draft_json "$id" | jq_py 'str(len(j["versions"]))+" "+j["state"]')"

# Back to the signer, it cannot be revised again until it is returned.
err=$(vt draft revise "$id" "$tmp/v1.pdf" 2>&1); rc=$?
t_is "revising a draft that awaits the signer exits 5" 5 "$rc"
t_match "... and says why" "draft $id is to the signer: a new version can be uploaded only while it is returned" "$err"
t_is "... nothing is queued" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_is "... still two versions" 2 "$(draft_json "$id" | jq_py 'len(j["versions"])')"

out=$(vt draft diff "$id"); rc=$?
t_is "draft diff exits 0" 0 "$rc"
t_match "the deleted word" '\[-tổ-\]' "$out"
t_match "the added words" '\{\+Ban chỉ đạo\+\}' "$out"
t_match "the added year" '\{\+năm 2026\+\}' "$out"
t_match "the counts" '5 words added, 1 word deleted' "$out"
out=$(vt draft diff "$id" 2 1 --json)
t_is "draft diff V1 V2 --json, reversed" "5 1" \
    "$(printf '%s' "$out" | jq_py 'str(j["deleted"])+" "+str(j["added"])')"

fetch_current "$id" "$tmp/sent2.pdf"
qpdf --qdf --object-streams=disable "$tmp/sent2.pdf" "$tmp/sent2.qdf"
t_is "the revision got the fields too" 2 \
    "$(grep -a -c '/T (code_number)\|/T (promulgation_date)' "$tmp/sent2.qdf")"

# The leader approves and signs the revised version.
mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
vt draft approve "$id" >/dev/null 2>&1; rc=$?
t_is "the leader approves the revision" 0 "$rc"
echo "$TOKEN_PIN" | vt draft sign "$id" --yes --pin-stdin >"$tmp/sign.out" \
    2>&1; rc=$?
t_is "the leader signs it" 0 "$rc"
t_is "the draft is signed on the server" "signed 3" \
    "$(draft_json "$id" | jq_py 'j["state"]+" "+str(len(j["versions"]))')"
fetch_current "$id" "$tmp/signed.pdf"

# The clerk issues it: the number and date the server gives go into the
# fields added at submission, then the agency signature.
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$SIGN_STATE/signing-ca.pem" \
    -d "sql:$tmp/nss"
mk_token vanthu "$tmp/tok-clerk"
vt_login vanthu >/dev/null
out=$(echo "$TOKEN_PIN" | vt draft issue "$id" --yes --pin-stdin 2>&1); rc=$?
t_is "the clerk issues it (vanthu draft issue)" 0 "$rc"
num=$(draft_json "$id" | jq_py 'j["code_number"]')
t_is "the draft is issued, with a number" "issued yes" \
    "$(draft_json "$id" | jq_py 'j["state"]+" "+("yes" if j["code_number"] else "no")')"
t_match "it says so with the number" "Issued: Số: $num/QĐ-UBND" "$out"
fetch_current "$id" "$tmp/issued.pdf"
text=$(pdftotext "$tmp/issued.pdf" - 2>/dev/null)
t_match "the issued PDF reads the number in its field" "Số: $num/QĐ-UBND" "$text"
t_match "... and the revised text" 'Ban chỉ đạo công tác rà soát hộ nghèo' "$text"
check_signature "the leader's signature" "$tmp/issued.pdf" 1 "$tmp/signed.pdf"
check_signature "the agency signature" "$tmp/issued.pdf" 2 "$tmp/signed.pdf"
vt verify "$tmp/issued.pdf" >"$tmp/verify" 2>&1; rc=$?
t_is "vanthu verify of the issued PDF exits 0" 0 "$rc"
t_match "vanthu verify finds both signatures" '2 signatures' \
    "$(cat "$tmp/verify")"

# A draft without a "Số:" line is sent as it is, with a warning.
"$PYTHON3" "$MKDRAFTPDF" "$tmp/nohead.pdf" --number "Kính gửi: UBND huyện" \
    --date "Báo cáo nhanh" "Tình hình mưa lũ trên địa bàn xã."
vt_login chuyenvien1 >/dev/null
out=$(vt draft new "$tmp/nohead.pdf" --type BC --subject "Báo cáo nhanh mưa lũ" \
    --signer chutich --json 2>"$tmp/err"); rc=$?
t_is "a draft without a number line is sent" 0 "$rc"
t_match "with a warning that names the missing line" \
    'number and date fields were not added .*Số' "$(cat "$tmp/err")"
t_is "byte for byte as it was" "$(sha256sum <"$tmp/nohead.pdf" | cut -c1-64)" \
    "$(printf '%s' "$out" | jq_py 'j["current_version"]["sha256"]')"

# A file that has the fields already: the warning names the user's
# file, not the temporary copy the fields were tried in.
cp "$top_srcdir/tests/server/seed/pdf/dt-qd-ban-chi-dao-v2.pdf" \
    "$tmp/has-fields.pdf"
out=$(vt draft new "$tmp/has-fields.pdf" --type QĐ --subject \
    "Quyết định có sẵn ô số" --signer chutich --json 2>"$tmp/err"); rc=$?
t_is "a draft that has the fields already is sent" 0 "$rc"
t_match "the warning names the user's file" \
    "fields were not added \\($tmp/has-fields\\.pdf already has the number and date fields\\)" \
    "$(cat "$tmp/err")"
t_nomatch "and no temporary file" 'vanthu-submit' "$(cat "$tmp/err")"

# The drafter may say where the fields go (points from the top left).
out=$(vt draft new "$tmp/nohead.pdf" --type BC --subject "Báo cáo có ô số" \
    --signer chutich --number-box 60,86,200,16 --date-box 300,86,240,16 \
    --json 2>"$tmp/err"); rc=$?
t_is "draft new with the boxes given exits 0" 0 "$rc"
fetch_current "$(printf '%s' "$out" | jq_py 'j["id"]')" "$tmp/boxed.pdf"
qpdf --qdf --object-streams=disable "$tmp/boxed.pdf" "$tmp/boxed.qdf"
t_is "the fields are in the boxes given" 2 \
    "$(grep -a -c '/T (code_number)\|/T (promulgation_date)' "$tmp/boxed.qdf")"
err=$(vt draft new "$tmp/nohead.pdf" --type BC --subject "x" \
    --signer chutich --number-box 60,80 2>&1); rc=$?
t_is "a box that is not one is a usage error" 2 "$rc"
t_match "and says how to write it" 'not a box: "60,80"' "$err"

# Bad metadata and bad files: clear errors, nothing sent.
vt_login chuyenvien1 >/dev/null
before=$(api_get "$(api_token vanthu)" "/drafts?scope=all" | jq_py 'j["total"]')
err=$(vt draft new "$tmp/v1.pdf" --type XYZ --subject "x" --signer chutich \
    2>&1); rc=$?
t_is "an unknown type code exits 1" 1 "$rc"
t_match "an unknown type code is named" 'unknown document type code "XYZ"' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type TB --subject "x" \
    --signer chuyenvien2 2>&1)
t_match "a signer who is not a leader" 'the signer must be a leader; Hoàng Thị Lan' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type TB --subject "  " --signer chutich \
    2>&1)
t_match "an empty subject" 'subject \(trích yếu\) is empty' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type TB --subject "x" --signer chutich \
    --due 31/02/2026 2>&1)
t_match "an impossible due date" 'not a date: "31/02/2026"' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type TB --subject "x" --signer chutich \
    --due 01/01/2020 2>&1); rc=$?
t_is "a due date already past is refused" 1 "$rc"
t_match "saying so, with today's date" \
    'the due date 01/01/2020 is already past \(today is [0-3][0-9]/[01][0-9]/20[0-9]{2}\)' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type QD --subject "x" --signer chutich 2>&1)
t_match "a type code typed without its diacritic: the right one is offered" \
    'unknown document type code "QD": did you mean QĐ \(Quyết định\)\?' "$err"
err=$(vt draft new "$tmp/v1.pdf" --type hđ --subject "x" --signer chutich 2>&1)
t_match "never guessed between two types (HD and HĐ)" \
    'did you mean HD \(Hướng dẫn\), HĐ \(Hợp đồng\)\?' "$err"
printf 'PK\003\004 not a pdf' >"$tmp/note.txt"
err=$(vt draft new "$tmp/note.txt" --type TB --subject "x" --signer chutich \
    2>&1)
t_match "a file that is not a PDF" 'note.txt is not a PDF file' "$err"
printf 'PK\003\004 word' >"$tmp/du-thao.docx"
err=$(PATH=/nonexistent vt draft new "$tmp/du-thao.docx" \
    --type TB --subject "x" --signer chutich 2>&1)
t_match "a .docx without LibreOffice" 'LibreOffice is not installed' "$err"
t_is "nothing was created" "$before" \
    "$(api_get "$(api_token vanthu)" "/drafts?scope=all" | jq_py 'j["total"]')"
# Over the server's limit (300000 bytes here): 413 with the limit.
"$PYTHON3" "$MKDRAFTPDF" "$tmp/big.pdf" --pad 400000 "Phụ lục ảnh chụp."
err=$(vt draft new "$tmp/big.pdf" --type TB --subject "Quá lớn" \
    --signer chutich 2>&1); rc=$?
t_is "a file over the server's limit exits 5" 5 "$rc"
t_match "the limit is told" 'refused by the server: .*300000' "$err"

# In Vietnamese under vi_VN.
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	mkdir -p "$tmp/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/vi/LC_MESSAGES/vanthu.mo"
	vi() { LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" "$@"; }
	err=$(vi draft new "$tmp/v1.pdf" --type XYZ --subject x \
	    --signer chutich 2>&1)
	t_match "unknown type, in Vietnamese" 'mã loại văn bản "XYZ"' "$err"
	err=$(vi draft new "$tmp/v1.pdf" --type TB --subject x \
	    --signer chuyenvien2 2>&1)
	t_match "not a leader, in Vietnamese" 'người ký phải là lãnh đạo' "$err"
	err=$(vi draft new "$tmp/note.txt" --type TB --subject x \
	    --signer chutich 2>&1)
	t_match "not a PDF, in Vietnamese" 'không phải tệp PDF' "$err"
	err=$(PATH=/nonexistent vi draft new "$tmp/du-thao.docx" --type TB \
	    --subject x --signer chutich 2>&1)
	t_match "no LibreOffice, in Vietnamese" 'chưa cài LibreOffice' "$err"
	err=$(vi draft new "$tmp/big.pdf" --type TB --subject "Quá lớn 2" \
	    --signer chutich 2>&1)
	t_match "over the limit, in Vietnamese" 'máy chủ từ chối: .*300000' "$err"
	err=$(vi draft revise "$id" "$tmp/v1.pdf" 2>&1)
	t_match "an issued draft is not revised, in Vietnamese" \
	    "dự thảo $id đang ở trạng thái .*chỉ được tải phiên bản mới khi" "$err"
else
	for n in 1 2 3 4 5 6; do
		t_skip "messages in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
	done
fi
t_done
