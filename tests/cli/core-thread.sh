#!/bin/sh
# The threading model the TUI relies on (vanthu/api.h): a sync in a
# worker thread while the main thread reads the cache, and cancelling
# a sync that the server holds back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

prog="$top_builddir/tests/unit/test-api-thread"
core_setup
core_server_start
vt_login chutich >/dev/null
# The worker does the full sync, held back a second by the server, while
# the main thread keeps reading the cache.
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "delay", "delay_ms": 1000, "count": 1}'
"$prog" sync >"$tmp/tap" 2>&1
grep '^\(not \)\{0,1\}ok ' "$tmp/tap" >"$tmp/lines"
while read -r line; do
	case $line in
	"ok "*) t_ok "${line#ok [0-9]* - }" true ;;
	*) t_ok "${line#not ok [0-9]* - }" false ;;
	esac
done <"$tmp/lines"
t_is "the worker ran its checks" 4 "$(wc -l <"$tmp/lines")"

fault '{"path_prefix": "/api/v1/sync", "kind": "delay", "delay_ms": 6000, "count": -1}'
"$prog" cancel >"$tmp/tap" 2>&1
grep '^\(not \)\{0,1\}ok ' "$tmp/tap" >"$tmp/lines"
while read -r line; do
	case $line in
	"ok "*) t_ok "${line#ok [0-9]* - }" true ;;
	*) t_ok "${line#not ok [0-9]* - }" false ;;
	esac
done <"$tmp/lines"
t_is "the cancel checks ran" 2 "$(wc -l <"$tmp/lines")"
faults_clear
t_done
