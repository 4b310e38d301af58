#!/bin/sh
# A new draft and a revision made offline wait in the outbox with their
# file (the original may be gone meanwhile) and arrive exactly once when
# the server is back; an answer lost on the way (the connection dropped
# after the server stored the draft) does not make a second draft.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

MKDRAFTPDF="$top_srcdir/tests/tools/mkdraftpdf"
core_setup
core_server_start --seed demo
if [ -z "$URL" ]; then
	t_skip "offline drafts" "the reference server did not start"
	t_done
fi
tok=$(api_token chuyenvien3)
# mine SUBJECT: how many of chuyenvien3's drafts have SUBJECT.
mine() {
	api_get "$tok" "/drafts?scope=all&role=drafter&limit=200" |
	    jq_py "sum(1 for d in j['items'] if d['subject'] == '$1')"
}
"$PYTHON3" "$MKDRAFTPDF" "$tmp/v1.pdf" "Kế hoạch tổ chức tết trồng cây."
"$PYTHON3" "$MKDRAFTPDF" "$tmp/v2.pdf" "Kế hoạch tổ chức tết trồng cây xuân 2027."
# text_of ID N: the text of version N of draft ID on the server.
text_of() {
	to_att=$(api_get "$tok" "/drafts/$1" |
	    jq_py "j['versions'][$2 - 1]['attachment_id']")
	curl -s --cacert "$CA" -H "Authorization: Bearer $tok" \
	    -o "$tmp/got.pdf" "$URL/api/v1/attachments/$to_att"
	pdftotext "$tmp/got.pdf" - 2>/dev/null | tr '\n' ' '
}
vt_login chuyenvien3 >/dev/null

# Offline: the new draft is kept in the outbox with its file.
core_server_stop
err=$(vt draft new "$tmp/v1.pdf" --type KH --subject "Kế hoạch trồng cây" \
    --signer phochutich 2>&1); rc=$?
t_is "draft new offline exits 3" 3 "$rc"
t_match "it says the draft is kept" 'kept and will be sent later' "$err"
t_is "the outbox holds it" "pending:draft_new" \
    "$(vt outbox --json | jq_py 'j["actions"][0]["state"]+":"+j["actions"][0]["kind"]')"
rm -f "$tmp/v1.pdf"
core_server_start
t_is "nothing arrived while offline" 0 "$(mine 'Kế hoạch trồng cây')"
out=$(vt outbox flush); rc=$?
t_is "flush with the server back exits 0" 0 "$rc"
t_is "the draft arrived once" 1 "$(mine 'Kế hoạch trồng cây')"
vt outbox flush >/dev/null
vt sync >/dev/null
t_is "flushing again sends nothing more" 1 "$(mine 'Kế hoạch trồng cây')"
id=$(api_get "$tok" "/drafts?scope=all&role=drafter&limit=200" |
    jq_py "[d['id'] for d in j['items'] if d['subject'] == 'Kế hoạch trồng cây'][0]")
t_match "with the file that was queued, though the original is gone" \
    'Kế hoạch tổ chức tết trồng cây\.' "$(text_of "$id" 1)"

# The signer returns it; the revision is made offline.
api_post "$(api_token phochutich)" "/drafts/$id/return" \
    '{"reason": "Bổ sung thời gian"}' >/dev/null
vt sync >/dev/null
core_server_stop
err=$(vt draft revise "$id" "$tmp/v2.pdf" 2>&1); rc=$?
t_is "draft revise offline exits 3" 3 "$rc"
rm -f "$tmp/v2.pdf"
core_server_start
vt outbox flush >/dev/null; rc=$?
t_is "the revision is sent when the server is back" 0 "$rc"
vt outbox flush >/dev/null
t_is "the revision arrived once" 2 \
    "$(api_get "$tok" "/drafts/$id" | jq_py 'len(j["versions"])')"
t_match "with the revised file" 'trồng cây xuân 2027' "$(text_of "$id" 2)"

# The answer is lost after the server stored the draft: the retry with
# the same Idempotency-Key gets the stored answer, not a second draft.
"$PYTHON3" "$MKDRAFTPDF" "$tmp/v3.pdf" "Thông báo lịch tiếp công dân."
# (retries = 2 in the test configuration: three attempts, all cut.)
fault '{"path_prefix": "/api/v1/drafts", "method": "POST", "kind": "drop", "count": 3}'
vt draft new "$tmp/v3.pdf" --type TB --subject "Thông báo lịch tiếp dân" \
    --signer chutich >/dev/null 2>&1; rc=$?
t_is "a dropped answer keeps the draft in the outbox (exit 3)" 3 "$rc"
t_is "the server stored it once" 1 "$(mine 'Thông báo lịch tiếp dân')"
vt outbox flush >/dev/null; rc=$?
t_is "the retry succeeds" 0 "$rc"
t_is "still one draft, not two" 1 "$(mine 'Thông báo lịch tiếp dân')"
t_is "the outbox is empty" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_done
