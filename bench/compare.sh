#!/bin/sh
# Benchmark of issue 17 (prints figures, asserts nothing; `make bench`):
# vanthu beside its anchors on the same documents, run alternately in
# the same run, one line per figure: name, vanthu's median, the
# anchor's median, the ratio and the target.
#   - the reference server with N generated documents (BENCH_SIZES,
#     default "10000 100000"), synced into vanthu's cache;
#   - the bytes of a full sync on the wire beside one gzip stream of the
#     same JSON, its requests, and a refresh with nothing new;
#   - search per key (bench/inbox-search, on the cache);
#   - the same documents as a Maildir for mutt and neomutt: first screen
#     time and RSS, bytes per cursor move at 80x24 (and in the slow-link
#     display beside mutt's arrow_cursor), the largest repaint of a key
#     in the slow-link display, start-up CPU and shared libraries
#     (bench/compare.py);
#   - signing a 10 MB PDF beside mutool sign (bench/sign-pdf.sh).
# mutt, neomutt and GNU time come from Debian: tools/install-deps
# --bench installs them (never needed by make check); an anchor not
# installed shows "-".
#   VANTHU=./vanthu top_srcdir=. top_builddir=. sh bench/compare.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${VANTHU:=$top_builddir/vanthu}"
: "${PYTHON3:=python3}"
: "${BENCH_SIZES:=10000 100000}"
: "${BENCH_RUNS:=5}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench-cmp.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
for a in mutt neomutt; do
	command -v "$a" >/dev/null 2>&1 ||
	    echo "compare: $a is not installed (tools/install-deps --bench)"
done

# stat NAME FIELD: a field of the http-stats line in $tmp/NAME.err.
stat() {
	sed -n "s/^http-stats: .*$2=\([0-9]*\).*/\1/p" "$tmp/$1.err" | tail -n 1
}

[ -x "$top_builddir/bench/inbox-search" ] ||
    make -C "$top_builddir" bench/inbox-search >/dev/null || exit 1
printf '%-38s vanthu %-10s %-20s ratio %-6s target %s\n' "figure" \
    "(median)" "anchor (median)" "v/a" ""
for N in $BENCH_SIZES; do
	label=$((N / 1000))k
	export XDG_CONFIG_HOME="$tmp/$label/c" XDG_STATE_HOME="$tmp/$label/s"
	export XDG_CACHE_HOME="$tmp/$label/k"
	mkdir -p "$XDG_CONFIG_HOME/vanthu"
	echo "== $label: making $N documents, syncing them, writing the" \
	    "Maildir" >&2
	"$top_srcdir/tests/server/refserver" --state "$tmp/$label/srv" \
	    --port 0 --documents "$N" --quiet >"$tmp/url" 2>"$tmp/server.log" &
	pid=$!
	i=0
	while [ ! -s "$tmp/url" ] && [ $i -lt 6000 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	URL=$(head -n 1 "$tmp/url")
	printf 'server = %s\nca_file = %s\n' "$URL" \
	    "$tmp/$label/srv/tls-ca.pem" >"$XDG_CONFIG_HOME/vanthu/config"
	echo chutich-2026 | "$VANTHU" login --username chutich \
	    --password-stdin >/dev/null || exit 1

	VANTHU_HTTP_STATS=1 "$VANTHU" sync >/dev/null 2>"$tmp/full.err" ||
	    exit 1
	wire=$(($(stat full sent) + $(stat full received)))
	one=$("$PYTHON3" "$top_srcdir/bench/gzip-stream.py" "$URL" \
	    "$tmp/$label/srv/tls-ca.pem" chutich chutich-2026)
	awk -v v="$wire" -v a="$one" -v l="$label" 'BEGIN {
	    printf "%-38s vanthu %-10.0f %-20s ratio %-6.2f target %s\n",
	    "full sync " l " on the wire (KB)", v / 1024,
	    sprintf("%.0f one gzip stream", a / 1024), v / a, "<= 1.05" }'
	printf '%-38s vanthu %-10s %-20s ratio %-6s target %s\n' \
	    "full sync $label requests" "$(stat full requests)" "-" "-" "-"
	VANTHU_HTTP_STATS=1 "$VANTHU" sync >/dev/null 2>"$tmp/none.err"
	printf '%-38s vanthu %-10s %-20s ratio %-6s target %s\n' \
	    "refresh, nothing new (bytes)" \
	    "$(($(stat none sent) + $(stat none received)))" "-" "-" \
	    "< 1 KB with TLS (HTTP bytes only here)"
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=

	cache=$(dirname "$(find "$XDG_CACHE_HOME" -name inbox -type f |
	    head -n 1)")
	# (its other lines: bench/inbox-search alone, or make bench-detail)
	"$top_builddir/bench/inbox-search" "$cache" "hoang hoa" "$label" |
	    grep '^search per key'
	"$VANTHU" inbox --offline --json |
	    "$PYTHON3" "$top_srcdir/bench/mkmaildir.py" "$tmp/$label/Maildir"
	mkdir -p "$tmp/$label/work"
	"$PYTHON3" "$top_srcdir/bench/compare.py" "$VANTHU" \
	    "$tmp/$label/Maildir" "$tmp/$label/work" "$BENCH_RUNS" "$label"
done
echo "== signing" >&2
sh "$top_srcdir/bench/sign-pdf.sh" 10 "$BENCH_RUNS"
