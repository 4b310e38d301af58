#!/bin/sh
# Every fault the reference server can inject (docs/api.md section 10):
# no crash, no lost and no duplicated action.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
obs=$(api_token phochutich)
vt_login chutich >/dev/null
doc=$(vt inbox --json | jq_py '[d["id"] for d in j["documents"] if d["status"] not in ("02","06") and d["attachment_count"] == 1][0]')
vt show "$doc" >/dev/null
P="/api/v1/incoming/$doc/comments"
n=$(comment_count "$obs" "$doc")

# comment_fault NAME RULE: comment under the fault; it must arrive once.
comment_fault() {
	faults_clear
	fault "$2"
	vt comment "$doc" "Ý kiến: $1" >"$tmp/out" 2>&1
	rc=$?
	t_is "$1: comment exits 0" 0 "$rc"
	n=$((n + 1))
	t_is "$1: the comment arrived exactly once" "$n" \
	    "$(comment_count "$obs" "$doc")"
}
comment_fault "dropped connection" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "drop"}'
comment_fault "503 with Retry-After" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "status", "status": 503, "retry_after": 1, "count": 2}'
comment_fault "500" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "status", "status": 500}'
comment_fault "truncated answer" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "truncate"}'
comment_fault "invalid JSON answer" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "badjson"}'
comment_fault "slow answer" \
    '{"path_prefix": "'"$P"'", "method": "POST", "kind": "delay", "delay_ms": 1500}'

# A server that keeps failing: the action is kept, then sent once.
faults_clear
fault '{"path_prefix": "'"$P"'", "method": "POST", "kind": "status", "status": 503, "retry_after": 0, "count": -1}'
err=$(vt comment "$doc" "Ý kiến khi máy chủ lỗi" 2>&1); rc=$?
t_is "503 for good: comment exits 3" 3 "$rc"
t_match "503 for good: the action is kept" 'kept' "$err"
t_is "503 for good: nothing arrived" "$n" "$(comment_count "$obs" "$doc")"
faults_clear
vt outbox flush >/dev/null
n=$((n + 1))
t_is "503 for good: sent once afterwards" "$n" "$(comment_count "$obs" "$doc")"

# Expired token: kept, then sent once after logging in again.
curl -s --cacert "$CA" -H 'Content-Type: application/json' \
    -d '{"kind": "expire_tokens", "username": "chutich"}' \
    "$URL/admin/faults" >/dev/null
err=$(vt comment "$doc" "Ý kiến sau khi hết phiên" 2>&1); rc=$?
t_is "expired token: comment exits 4" 4 "$rc"
t_match "expired token: the action is kept" 'kept in the outbox' "$err"
t_is "expired token: nothing arrived" "$n" "$(comment_count "$obs" "$doc")"
# A second action behind the kept one: the same reason, the same status
# (breaker F3: it was "the server cannot be reached", exit 3).
err=$(vt comment "$doc" "Ý kiến thứ hai sau khi hết phiên" 2>&1); rc=$?
t_is "expired token, second action: comment exits 4" 4 "$rc"
t_match "expired token, second action: log in again" \
    'session has expired.*vanthu login' "$err"
t_nomatch "expired token, second action: not a network failure" \
    'cannot be reached' "$err"
err=$(vt outbox flush 2>&1); rc=$?
t_is "expired token: outbox flush exits 4" 4 "$rc"
t_match "expired token: the waiting actions are counted" \
    'the 2 action.s. waiting in the outbox are kept' "$err"
out=$(vt_login chutich); rc=$?
t_is "expired token: login again" 0 "$rc"
n=$((n + 2))
t_is "expired token: the kept actions were sent once" "$n" \
    "$(comment_count "$obs" "$doc")"
t_match "expired token: login says so" 'Sent 2' "$out"

# Faults on reading: retried, or refused cleanly.
for kind in drop truncate badjson; do
	faults_clear
	fault '{"path_prefix": "/api/v1/incoming/'"$doc"'", "method": "GET", "kind": "'$kind'"}'
	vt show "$doc" >"$tmp/out" 2>&1
	t_is "$kind once on a document: show recovers" 0 "$?"
done
# (a cached document is asked for with If-None-Match: 304 has no body to
# damage, so use documents never opened)
i=0
for kind in truncate badjson; do
	i=$((i + 1))
	d2=$(vt inbox --offline --json | jq_py '[d["id"] for d in j["documents"] if d["id"] != "'"$doc"'"]['$i']')
	faults_clear
	fault '{"path_prefix": "/api/v1/incoming/'"$d2"'", "method": "GET", "kind": "'$kind'", "count": -1}'
	vt show "$d2" --json >"$tmp/out" 2>"$tmp/err"
	rc=$?
	t_is "$kind for good: show fails cleanly (exit 1)" 1 "$rc"
	t_match "$kind for good: the message says so" 'malformed' "$(cat "$tmp/err")"
done
faults_clear
# The list as the server has it now (the documents shown are read).
online=$(vt inbox)
fault '{"path_prefix": "/api/v1/sync", "kind": "status", "status": 500, "count": -1}'
out=$(vt inbox 2>"$tmp/err"); rc=$?
t_is "500 on sync: inbox exits 1 (server failure)" 1 "$rc"
t_is "500 on sync: the cached inbox is listed" "$online" "$out"
faults_clear
fault '{"path_prefix": "/api/v1/incoming/'"$doc"'", "method": "GET", "kind": "delay", "delay_ms": 1000}'
vt show "$doc" >/dev/null 2>&1
t_is "a slow answer is waited for" 0 "$?"

# Oversized answers are refused without exhausting memory.
faults_clear
echo "max_response_mb = 1" >>"$XDG_CONFIG_HOME/vanthu/config"
fault '{"path_prefix": "/api/v1/incoming/'"$doc"'", "method": "GET", "kind": "oversize", "size": 3000000, "count": -1}'
vt show "$doc" --json >"$tmp/out" 2>"$tmp/err"; rc=$?
t_match "an oversized answer is refused" 'too large' "$(cat "$tmp/err")"
t_is "an oversized answer exits 1" 1 "$rc"
faults_clear
vt show "$doc" >/dev/null
t_is "after the oversized answer all is well" 0 "$?"

# A download interrupted in the middle is resumed with Range.
faults_clear
att=$(vt show "$doc" --json | jq_py 'j["attachments"][0]["id"]')
sha=$(vt show "$doc" --json | jq_py 'j["attachments"][0]["sha256"]')
fault '{"path_prefix": "/api/v1/attachments/'"$att"'", "method": "GET", "kind": "drop"}'
vt get "$doc" -o "$tmp/a.pdf" >/dev/null 2>"$tmp/err"; rc=$?
t_is "an interrupted download completes" 0 "$rc"
t_is "with the right SHA-256" "$sha" "$(sha256sum "$tmp/a.pdf" | cut -d ' ' -f 1)"
t_match "by asking for the rest (206 Partial Content)" \
    "GET /api/v1/attachments/$att HTTP/1.1\" 206" "$(cat "$tmp/server.log")"

# A download longer than the size the server announced is stopped at
# that size, and nothing is left to resume from (breaker F8: it went on
# to the 256 MiB download limit).
size=$(vt show "$doc" --json | jq_py 'j["attachments"][0]["size"]')
faults_clear
rm -f "$tmp/b.pdf"
find "$XDG_CACHE_HOME" -path '*/att/*' -type f -exec rm -f {} +
fault '{"path_prefix": "/api/v1/attachments/'"$att"'", "method": "GET", "kind": "oversize", "size": 20000000}'
vt get "$doc" -o "$tmp/b.pdf" >/dev/null 2>"$tmp/err"; rc=$?
t_is "longer than announced: get exits 1" 1 "$rc"
t_match "longer than announced: stopped at the announced size" \
    "too large: more than $size bytes" "$(cat "$tmp/err")"
t_ok "longer than announced: nothing written" test ! -e "$tmp/b.pdf"
t_is "longer than announced: no partial file left" 0 \
    "$(find "$XDG_CACHE_HOME" -name '*.part' | wc -l)"
faults_clear

t_is "the outbox is empty at the end" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_done
