#!/bin/sh
# Benchmark of issue 17 (prints figures, asserts nothing; `make bench`):
# vanthu beside its anchors on the same documents, run alternately in
# the same run, one line per figure: name, vanthu's median, the
# anchor's median, the ratio and the target.
#   - the reference server with N generated documents (BENCH_SIZES,
#     default "10000 100000"), synced into vanthu's cache;
#   - the bytes of a full sync on the wire (TLS included, counted by a
#     relay: bench/wirelib.sh) beside one gzip stream of the same JSON,
#     its requests, and a refresh with nothing new in a new process
#     beside a TLS session resumption alone (openssl s_client);
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
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null;
    rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
. "$top_srcdir/bench/wirelib.sh"
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
printf '%-40s vanthu %-10s %-24s ratio %-6s target %s\n' "figure" \
    "(median)" "anchor (median)" "v/a" ""
first=first
for N in $BENCH_SIZES; do
	label=$((N / 1000))k
	export XDG_CONFIG_HOME="$tmp/$label/c" XDG_STATE_HOME="$tmp/$label/s"
	export XDG_CACHE_HOME="$tmp/$label/k"
	mkdir -p "$XDG_CONFIG_HOME/vanthu"
	echo "== $label: making $N documents, syncing them, writing the" \
	    "Maildir" >&2
	: >"$tmp/url"
	"$top_srcdir/tests/server/refserver" --state "$tmp/$label/srv" \
	    --port 0 --documents "$N" --quiet >"$tmp/url" 2>"$tmp/server.log" &
	pids="$pids $!"
	i=0
	while [ ! -s "$tmp/url" ] && [ $i -lt 6000 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	URL=$(head -n 1 "$tmp/url")
	ca="$tmp/$label/srv/tls-ca.pem"
	# vanthu talks to the server through a relay that counts the bytes
	# on the wire (TLS included).
	relay "r$label" "${URL##*:}"
	printf 'server = https://127.0.0.1:%s\nca_file = %s\n' \
	    "$(cat "$tmp/r$label.port")" "$ca" >"$XDG_CONFIG_HOME/vanthu/config"
	echo chutich-2026 | "$VANTHU" login --username chutich \
	    --password-stdin >/dev/null || exit 1

	wire=$(wire "r$label" sh -c 'VANTHU_HTTP_STATS=1 "$0" sync 2>"$1"' \
	    "$VANTHU" "$tmp/full.err")
	grep -q '^http-stats:' "$tmp/full.err" || exit 1
	one=$("$PYTHON3" "$top_srcdir/bench/gzip-stream.py" "$URL" "$ca" \
	    chutich chutich-2026)
	awk -v v="$wire" -v a="$one" -v l="$label" 'BEGIN {
	    printf "%-40s vanthu %-10.0f %-24s ratio %-6.3f target %s\n",
	    "full sync " l " on the wire (KB)", v / 1024,
	    sprintf("%.0f one gzip stream", a / 1024), v / a,
	    "<= 1.05 (TLS included)" }'
	printf '%-40s vanthu %-10s %-24s ratio %-6s target %s\n' \
	    "full sync $label requests" "$(stat full requests)" "-" "-" "-"
	# A refresh with nothing new, each in a new process resuming the
	# TLS session the last one kept, beside a TLS resumption alone.
	r=
	k=0
	while [ $k -lt "$BENCH_RUNS" ]; do
		r="$r $(wire "r$label" "$VANTHU" sync)"
		k=$((k + 1))
	done
	r=$(echo "$r" | median)
	floor=$(tls_floor "r$label" "$ca")
	awk -v v="$r" -v a="$floor" 'BEGIN {
	    printf "%-40s vanthu %-10d %-24s ratio %-6.2f target %s\n",
	    "refresh, nothing new (bytes)", v,
	    sprintf("%d TLS resumed alone", a), v / a,
	    "< 1 KB (TLS included)" }'
	floor=$(tls_floor_min "r$label" "$ca")
	printf '%-40s vanthu %-10s %-24s ratio %-6s target %s\n' \
	    "TLS resumed alone, smallest hello" "-" \
	    "$floor bytes" "-" "- (the floor of any client)"
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	pids=

	cache=$(dirname "$(find "$XDG_CACHE_HOME" -name inbox -type f |
	    head -n 1)")
	# (its other lines: bench/inbox-search alone, or make bench-detail)
	"$top_builddir/bench/inbox-search" "$cache" "hoang hoa" "$label" |
	    grep '^search per key'
	"$VANTHU" inbox --offline --json |
	    "$PYTHON3" "$top_srcdir/bench/mkmaildir.py" "$tmp/$label/Maildir"
	mkdir -p "$tmp/$label/work"
	"$PYTHON3" "$top_srcdir/bench/compare.py" "$VANTHU" \
	    "$tmp/$label/Maildir" "$tmp/$label/work" "$BENCH_RUNS" "$label" \
	    $first
	first=
done
echo "== signing" >&2
sh "$top_srcdir/bench/sign-pdf.sh" 10 "$BENCH_RUNS"
