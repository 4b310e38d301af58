#!/bin/sh
# No server can hang vanthu (issue 19): a server that trickles 2 bytes
# every 100 ms (above curl's low-speed limit, so that alone never stops
# it) is cut at the overall deadline (request_timeout, here 3 s) with a
# clear message, for a JSON answer and for a download, and no partial
# file is left behind.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --quiet
vt_login chutich >/dev/null
vt inbox >/dev/null
doc=$(vt inbox --json | jq_py '[d["id"] for d in j["documents"] if d["attachment_count"] == 1][0]')
vt show "$doc" >/dev/null
echo "request_timeout = 3" >>"$XDG_CONFIG_HOME/vanthu/config"

fault '{"path_prefix": "/api/v1/sync", "kind": "trickle", "count": -1}'
out=$(timeout 50 "$VANTHU" inbox 2>&1 >/dev/null); rc=$?
t_ok "inbox against a trickling server ends by itself" test "$rc" -ne 124
t_is "with the network exit status (3), the cached list shown" 3 "$rc"
t_match "saying the server did not finish in time" \
    'did not finish its answer within 3 seconds' "$out"
faults_clear

fault '{"path_prefix": "/api/v1/attachments/", "kind": "trickle", "count": -1}'
out=$(timeout 50 "$VANTHU" get "$doc" -o "$tmp/file.pdf" 2>&1); rc=$?
t_ok "get against a trickling server ends by itself" test "$rc" -ne 124
t_ok "and fails" test "$rc" -ne 0
t_match "saying the server did not finish in time" \
    'did not finish its answer within 3 seconds' "$out"
t_is "no partial file is left behind" "" \
    "$(find "$XDG_CACHE_HOME" "$tmp" -name '*.part*' 2>/dev/null)"
t_ok "nor the output file" test ! -e "$tmp/file.pdf"
faults_clear
out=$(timeout 50 "$VANTHU" get "$doc" -o "$tmp/file.pdf" 2>&1); rc=$?
t_is "with the server well again, get works" 0 "$rc"
t_done
