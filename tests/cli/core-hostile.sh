#!/bin/sh
# A hostile or broken server's paging (breaker finding F1): the client
# stops with "malformed answer" instead of paging for ever.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
# More than one page of 200 documents.
core_server_start --documents 200
vt_login chutich >/dev/null

# requests PATTERN: how many requests the server logged matching PATTERN.
requests() {
	grep -c "$1" "$tmp/server.log"
}

# F1: the same cursor offered again and again.
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "pageloop", "count": -1}'
before=$(requests 'GET /api/v1/incoming?')
timeout 30 "$VANTHU" inbox >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "repeated cursor: inbox stops with exit 1" 1 "$rc"
t_match "repeated cursor: the message says so" 'same page was offered twice' \
    "$(cat "$tmp/err")"
t_ok "repeated cursor: a few requests only" \
    test "$(($(requests 'GET /api/v1/incoming?') - before))" -le 6

# F1: more items than the total the server announced.
faults_clear
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "field", "field": "total", "value": 3, "count": -1}'
timeout 30 "$VANTHU" inbox >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "items beyond total: inbox exits 1" 1 "$rc"
t_match "items beyond total: the message says so" 'more items than the total' \
    "$(cat "$tmp/err")"

t_done
