#!/bin/sh
# Offline use: with the server stopped the cached inbox is listed and a
# comment is kept in the outbox; when the server is back it is sent
# exactly once.  And kill -9 while sending: sent exactly once after a
# restart.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
obs=$(api_token phochutich)
vt_login chutich >/dev/null
doc=$(vt inbox --json | jq_py '[d["id"] for d in j["documents"] if d["status"] not in ("02","06") and d["attachment_count"] == 1][0]')
vt show "$doc" >/dev/null
vt get "$doc" -o "$tmp/online.pdf" >/dev/null
# The list as the server has it now (the document shown is read).
online=$(vt inbox)
t_match "the document shown is listed read (no N)" "^ .. $doc " "$online"
before=$(comment_count "$obs" "$doc")

core_server_stop
out=$(vt inbox --offline); rc=$?
t_is "inbox --offline exits 0 with the server stopped" 0 "$rc"
t_is "inbox --offline lists the cached inbox" "$online" "$out"
out=$(vt inbox 2>"$tmp/err"); rc=$?
t_is "inbox without the server exits 3" 3 "$rc"
t_is "and still lists the cached inbox" "$online" "$out"
t_match "saying it may be out of date" 'cached' "$(cat "$tmp/err")"
out=$(vt show "$doc" 2>"$tmp/err"); rc=$?
t_is "show of a cached document offline exits 3" 3 "$rc"
t_match "and shows the cached copy" '^History:' "$out"
vt get "$doc" -o "$tmp/offline.pdf" >/dev/null 2>&1; rc=$?
t_is "get of a downloaded attachment works offline" 0 "$rc"
t_ok "and gives the same file" cmp "$tmp/online.pdf" "$tmp/offline.pdf"
err=$(vt comment "$doc" "Ý kiến khi mất mạng" 2>&1); rc=$?
t_is "comment offline exits 3" 3 "$rc"
t_match "comment offline says it is kept" 'kept and will be sent later' "$err"
t_is "the outbox holds it as pending" "pending:comment" \
    "$(vt outbox --json | jq_py 'j["actions"][0]["state"]+":"+j["actions"][0]["kind"]')"
vt outbox flush >/dev/null 2>&1
t_is "flush while offline keeps it" 1 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"

core_server_start
t_is "nothing was sent while offline" "$before" "$(comment_count "$obs" "$doc")"
out=$(vt outbox flush); rc=$?
t_is "outbox flush with the server back exits 0" 0 "$rc"
t_match "it reports one sent" 'Sent 1' "$out"
t_is "the comment arrived once" $((before + 1)) "$(comment_count "$obs" "$doc")"
vt outbox flush >/dev/null
vt sync >/dev/null
t_is "flushing again sends nothing more" $((before + 1)) \
    "$(comment_count "$obs" "$doc")"
t_is "the outbox is empty" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"

# kill -9 while the server holds the answer back (it has done the
# action): after a restart the action is sent exactly once.  The answer
# is held for a minute, so that the kill comes before it however slowly
# the poll below runs on a loaded machine (the server's threads are
# daemons: nothing waits for that minute).
before=$(comment_count "$obs" "$doc")
fault '{"path_prefix": "/api/v1/incoming/'"$doc"'/comments", "method": "POST", "kind": "delay", "delay_ms": 60000, "count": 1}'
vt comment "$doc" "Gửi khi bị ngắt" >/dev/null 2>&1 &
pid=$!
n=0
while [ "$(comment_count "$obs" "$doc")" = "$before" ] && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
t_is "the server did the action before the kill" $((before + 1)) \
    "$(comment_count "$obs" "$doc")"
t_is "the killed action is still in the outbox" 1 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"
faults_clear
out=$(vt outbox flush); rc=$?
t_is "flush after the kill exits 0" 0 "$rc"
t_is "the action was not done twice" $((before + 1)) \
    "$(comment_count "$obs" "$doc")"
t_is "the outbox is empty again" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"

# kill -9 before the server has seen it: sent once after restart.
core_server_stop
vt comment "$doc" "Gửi lại sau" >/dev/null 2>&1
core_server_start
vt_login chutich >/dev/null
t_is "login sends what waited" $((before + 2)) "$(comment_count "$obs" "$doc")"
t_done
