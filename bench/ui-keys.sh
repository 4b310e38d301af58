#!/bin/sh
# Benchmark of the terminal interface (prints figures, asserts nothing):
# a 10,000-document inbox synced into the cache from the reference
# server, then, with the server stopped and vanthu offline, in a
# pseudo-terminal of 80x24 and 120x40, in the normal and the slow-link
# display (slow_link = yes): the time from start to the first full inbox
# screen, and the bytes written to the terminal per key press for every
# key of the inbox and of a document's reader (target in the slow-link
# display: at most 20 bytes per cursor move and 300 per key that
# repaints the screen at 80x24).
#   VANTHU=./vanthu top_srcdir=. sh bench/ui-keys.sh [N]
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VANTHU:=$top_srcdir/vanthu}"
: "${PYTHON3:=python3}"
N=${1:-10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench-ui.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
export XDG_CONFIG_HOME="$tmp/c" XDG_STATE_HOME="$tmp/s" XDG_CACHE_HOME="$tmp/k"
mkdir -p "$XDG_CONFIG_HOME/vanthu"
"$top_srcdir/tests/server/refserver" --state "$tmp/srv" --port 0 \
    --documents "$N" >"$tmp/url" 2>"$tmp/server.log" &
pid=$!
i=0
while [ ! -s "$tmp/url" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
URL=$(head -n 1 "$tmp/url")
printf 'server = %s\nca_file = %s\n' "$URL" "$tmp/srv/tls-ca.pem" \
    >"$XDG_CONFIG_HOME/vanthu/config"
echo chutich-2026 | "$VANTHU" login --username chutich --password-stdin \
    >/dev/null || exit 1
"$VANTHU" sync >/dev/null || exit 1
kill "$pid"; wait "$pid" 2>/dev/null; pid=

cp "$XDG_CONFIG_HOME/vanthu/config" "$tmp/slow.conf"
echo "slow_link = yes" >>"$tmp/slow.conf"
for size in 80x24 120x40; do
	for mode in normal slow_link; do
		echo "-- ${size}, ${mode} display"
		"$PYTHON3" "$top_srcdir/bench/ui-pty.py" "$VANTHU" \
		    "${size%x*}" "${size#*x}" \
		    $([ "$mode" = slow_link ] && echo "$tmp/slow.conf")
	done
done
