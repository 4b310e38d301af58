#!/bin/sh
# Benchmark of the compact inbox (issue 17, memory; prints figures,
# asserts nothing): for each size in INBOX_SIZES (default "10000
# 100000"), a reference server with that many generated documents is
# synced into vanthu's cache, then:
#   - the interface's first screen (`vanthu ui --offline`, 80x24): its
#     RSS, the base RSS (the same screen with the inbox file set aside:
#     libraries, MuPDF's context, curses, drafts) and the RSS per
#     document beyond that base; the CPU time per key of a search typed
#     and erased key by key, redraw included (bench/inbox-ui.py);
#   - `vanthu inbox --offline`, plain and --sort due/organ: peak RSS
#     and CPU time;
#   - the compact inbox's own bytes per document, load time and search
#     per key (typed then erased, the core's incremental search) with
#     the first screen's rows read back (bench/inbox-search).
#   VANTHU=./vanthu top_srcdir=. top_builddir=. sh bench/inbox-model.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${VANTHU:=$top_builddir/vanthu}"
: "${PYTHON3:=python3}"
: "${INBOX_SIZES:=10000 100000}"
: "${BENCH_RUNS:=3}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench-inbox.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

for N in $INBOX_SIZES; do
	label=$((N / 1000))k
	export XDG_CONFIG_HOME="$tmp/$label/c" XDG_STATE_HOME="$tmp/$label/s"
	export XDG_CACHE_HOME="$tmp/$label/k"
	mkdir -p "$XDG_CONFIG_HOME/vanthu"
	# The previous size's address must not be read before the new
	# server's shell truncates the file.
	rm -f "$tmp/url"
	"$top_srcdir/tests/server/refserver" --state "$tmp/$label/srv" \
	    --port 0 --documents "$N" --quiet >"$tmp/url" 2>"$tmp/server.log" &
	pid=$!
	i=0
	while [ ! -s "$tmp/url" ] && [ $i -lt 6000 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	URL=$(head -n 1 "$tmp/url")
	if [ -z "$URL" ]; then
		echo "inbox-model: the reference server did not start:"
		tail -n 5 "$tmp/server.log"
		exit 1
	fi
	printf 'server = %s\nca_file = %s\n' "$URL" \
	    "$tmp/$label/srv/tls-ca.pem" >"$XDG_CONFIG_HOME/vanthu/config"
	echo chutich-2026 | "$VANTHU" login --username chutich \
	    --password-stdin >/dev/null || exit 1
	"$VANTHU" sync >/dev/null || exit 1
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=
	inbox=$(find "$XDG_CACHE_HOME" -name inbox -type f | head -n 1)
	docs=$("$VANTHU" inbox --offline | wc -l)
	echo "== $label: $docs documents in the cache" \
	    "($(($(wc -c <"$inbox") / 1024)) KB)"

	# The base: the same first screen without the inbox file.
	mv "$inbox" "$inbox.aside"
	base=$("$PYTHON3" "$top_srcdir/bench/inbox-ui.py" "$VANTHU" base 0 0 \
	    "" "$BENCH_RUNS" | awk '{ print $(NF - 1) }')
	mv "$inbox.aside" "$inbox"
	echo "base RSS (first screen, no inbox) $base KB"
	"$PYTHON3" "$top_srcdir/bench/inbox-ui.py" "$VANTHU" "$label" \
	    "$docs" "$base" "hoang hoa" "$BENCH_RUNS"

	for args in "" "--sort due" "--sort organ"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f "%M %U %S" -o "$tmp/time" "$VANTHU" inbox \
		    --offline $args >/dev/null
		awk -v n="inbox --offline $args" '{
		    printf "%-34s peak RSS %.1f MB, CPU %.0f ms\n", n,
		    $1 / 1024, ($2 + $3) * 1000 }' "$tmp/time"
	done
	"$top_builddir/bench/inbox-search" "$(dirname "$inbox")" "hoang hoa" \
	    "$label"
done
