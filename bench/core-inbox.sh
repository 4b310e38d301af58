#!/bin/sh
# Benchmark of the core client (prints figures, asserts nothing):
# a reference server with N generated incoming documents (default
# 10,000); time and peak RSS of "vanthu inbox" from the network (full
# sync) and from the cache; HTTP bytes of a full sync and of a refresh
# with nothing new; requests per command.
#   VANTHU=./vanthu top_srcdir=. sh bench/core-inbox.sh [N]
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VANTHU:=$top_srcdir/vanthu}"
: "${PYTHON3:=python3}"
N=${1:-10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench.XXXXXX")
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

# run NAME CMD...: one run; prints seconds, peak RSS and HTTP figures.
run() {
	name=$1
	shift
	VANTHU_HTTP_STATS=1 /usr/bin/time -f 'time %e s  peak RSS %M KB' \
	    "$@" >"$tmp/out" 2>"$tmp/err"
	stats=$(grep '^http-stats:' "$tmp/err" | sed 's/^http-stats: //')
	t=$(grep '^time ' "$tmp/err")
	printf '%-34s %s  %s\n' "$name" "$t" "${stats:-no requests}"
}

docs=$("$VANTHU" inbox --offline 2>/dev/null | wc -l)
echo "reference server with $N generated documents (+ seed)"
run "inbox (first: full sync, network)" "$VANTHU" inbox
echo "  documents listed: $(wc -l <"$tmp/out")"
run "inbox, refresh with nothing new" "$VANTHU" inbox
run "sync, nothing new" "$VANTHU" sync
for k in 1 2 3; do
	run "inbox --offline (cache) run $k" "$VANTHU" inbox --offline
done
run "inbox --offline --search" "$VANTHU" inbox --offline --search "hoang hoa"
run "inbox --offline --json" "$VANTHU" inbox --offline --json
# (the text line's first columns are marks: take the id from the JSON)
doc=$("$VANTHU" inbox --offline --json | "$PYTHON3" -c \
    'import json, sys; print(json.load(sys.stdin)["documents"][0]["id"])')
run "show (first time)" "$VANTHU" show "$doc"
run "show (again: If-None-Match, 304)" "$VANTHU" show "$doc"
run "comment" "$VANTHU" comment "$doc" "Ý kiến đo thử"
run "sync after one change" "$VANTHU" sync
run "drafts" "$VANTHU" drafts
run "outbox" "$VANTHU" outbox
rm -rf "$XDG_CACHE_HOME/vanthu"
run "sync from an empty cache (full)" "$VANTHU" sync
echo "cache size: $(du -sk "$XDG_CACHE_HOME/vanthu" | cut -f 1) KB;" \
    "bytes are HTTP headers and bodies as sent (gzip), TLS framing and"
echo "the TLS handshake (one per command) are not counted."
