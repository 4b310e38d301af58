#!/bin/sh
# A hostile or broken server's paging and sync tokens (breaker findings
# F1, F2): the client stops with "malformed answer" instead of paging
# for ever, never stores a huge token, and recovers from a cache that an
# older version poisoned with one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
# More than one page of 200 documents (pages of 200, not the default
# 1000, so that the listing has a next cursor to loop on).
core_server_start --documents 200
echo "page_size = 200" >>"$XDG_CONFIG_HOME/vanthu/config"
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

# F2: a 5 MB sync token is refused, not stored.
faults_clear
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "field", "field": "sync_token", "value": "A", "repeat": 5000000}'
timeout 30 "$VANTHU" inbox >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "huge sync token: inbox exits 1" 1 "$rc"
t_match "huge sync token: malformed answer" 'sync_token: not a valid token' \
    "$(cat "$tmp/err")"
big=$(find "$XDG_CACHE_HOME" -type f -size +1M | wc -l)
t_is "huge sync token: nothing big in the cache" 0 "$big"
faults_clear
timeout 30 "$VANTHU" inbox >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "then a healthy server: inbox exits 0" 0 "$rc"
n=$(wc -l <"$tmp/out")
t_ok "the inbox lists the 250 documents" test "$n" -ge 250

# F2: a cache poisoned by an older version (a 5 MB token in the inbox
# header) makes a full sync, not "cannot reach the server" for ever.
inbox=$(find "$XDG_CACHE_HOME" -type f -name inbox | head -n 1)
"$PYTHON3" - "$inbox" <<'EOF'
import sys
p = sys.argv[1]
with open(p, "rb") as f:
    lines = f.read().split(b"\n", 1)
magic = lines[0].split(b"\t", 1)[0]
with open(p, "wb") as f:
    f.write(magic + b"\t" + b"A" * 5000000 + b"\n" + lines[1])
EOF
timeout 30 "$VANTHU" sync >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "poisoned cache: sync exits 0" 0 "$rc"
t_nomatch "poisoned cache: no network error" 'reach' "$(cat "$tmp/err")"
t_ok "poisoned cache: the token was replaced" test "$(wc -c <"$inbox")" -lt 1000000
timeout 30 "$VANTHU" inbox >"$tmp/out" 2>"$tmp/err"; rc=$?
t_is "poisoned cache: inbox exits 0 afterwards" 0 "$rc"
t_done
