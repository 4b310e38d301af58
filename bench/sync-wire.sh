#!/bin/sh
# Benchmark of issue 17, the wire (prints figures, asserts nothing): the
# bytes on the wire (TCP payload: TLS records with handshakes, HTTP
# headers, compressed bodies; counted by bench/wire-relay.py between
# vanthu and the server) of
#   - a full sync of N generated documents beside one gzip stream of the
#     same JSON (bench/gzip-stream.py), target <= 1.05;
#   - a refresh with nothing new in a new process (vanthu sync: the delta
#     and the dossiers), resuming the TLS session kept on disk, beside
#     the same refresh without it (a full handshake), target < 1 KB;
#   - the same refresh beside a TLS session resumption alone (openssl
#     s_client, no HTTP): the floor under any refresh over TLS 1.3;
#   - both over HTTP/2 and HTTP/1.1 through nghttpx in front of the
#     reference server (HPACK against repeated headers).
# One line per figure: name, vanthu's median, the anchor's median, the
# ratio and the target (BENCH_RUNS runs of each refresh, default 5).
#   VANTHU=./vanthu top_srcdir=. top_builddir=. sh bench/sync-wire.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${VANTHU:=$top_builddir/vanthu}"
: "${PYTHON3:=python3}"
: "${BENCH_SIZES:=10000}"
: "${BENCH_RUNS:=5}"
NGHTTPX=$(command -v nghttpx || echo /usr/sbin/nghttpx)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench-wire.XXXXXX")
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null;
    rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

. "$top_srcdir/bench/wirelib.sh"

# nghttpx_front NAME PORT ALPN: nghttpx on a free port in front of the
# reference server on PORT, offering ALPN ("h2,http/1.1" or
# "http/1.1"); its port in $tmp/NAME.port.
nghttpx_front() {
	p=$("$PYTHON3" -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$NGHTTPX" --conf=/dev/null -f "127.0.0.1,$p" \
	    -b "localhost,$2;;tls;sni=localhost" --cacert="$srv/tls-ca.pem" \
	    --no-ocsp --single-thread --npn-list="$3" \
	    --errorlog-file="$tmp/$1.err" "$srv/tls-key.pem" \
	    "$srv/tls-cert.pem" 2>>"$tmp/$1.err" &
	pids="$pids $!"
	i=0
	until curl -s -o /dev/null --cacert "$srv/tls-ca.pem" \
	    "https://127.0.0.1:$p/" || [ $i -ge 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "$p" >"$tmp/$1.port"
}

# use NAME: vanthu's configuration and directories for route NAME (the
# relay $tmp/NAME-r in front of it).
use() {
	export XDG_CONFIG_HOME="$tmp/$1/c" XDG_STATE_HOME="$tmp/$1/s"
	export XDG_CACHE_HOME="$tmp/$1/k"
	mkdir -p "$XDG_CONFIG_HOME/vanthu"
	printf 'server = https://127.0.0.1:%s\nca_file = %s\n' \
	    "$(cat "$tmp/$1-r.port")" "$srv/tls-ca.pem" \
	    >"$XDG_CONFIG_HOME/vanthu/config"
}

# line NAME VALUE ANCHOR ANCHOR-NAME TARGET: one figure.
line() {
	awk -v n="$1" -v v="$2" -v a="$3" -v an="$4" -v t="$5" 'BEGIN {
	    printf "%-40s vanthu %-9d %-24s ratio %-6.3f target %s\n",
	    n, v, a " " an, (a > 0 ? v / a : 0), t }'
}

# refreshes NAME: BENCH_RUNS no-change refreshes in new processes, the
# kept TLS session resumed; then as many without it.  Prints "RESUMED
# FULL" (medians, bytes).
refreshes() {
	r= f=
	k=0
	while [ $k -lt "$BENCH_RUNS" ]; do
		r="$r $(wire "$1" "$VANTHU" sync)"
		rm -rf "$XDG_CACHE_HOME/vanthu/tls"
		f="$f $(wire "$1" "$VANTHU" sync)"
		k=$((k + 1))
	done
	echo "$(echo "$r" | median) $(echo "$f" | median)"
}

for N in $BENCH_SIZES; do
	label=$((N / 1000))k
	srv="$tmp/srv-$label"
	"$top_srcdir/tests/server/refserver" --state "$srv" --port 0 \
	    --documents "$N" --quiet >"$tmp/url" 2>"$tmp/server.log" &
	pids="$pids $!"
	wait_file "$tmp/url"
	URL=$(head -n 1 "$tmp/url")
	port=${URL##*:}
	echo "== $label: $N generated documents and the demo commune's"
	one=$("$PYTHON3" "$top_srcdir/bench/gzip-stream.py" "$URL" \
	    "$srv/tls-ca.pem" chutich chutich-2026)

	relay direct-r "$port"
	routes=direct
	if [ -x "$NGHTTPX" ]; then
		nghttpx_front h2 "$port" "h2,http/1.1"
		nghttpx_front h1 "$port" "http/1.1"
		relay h2-r "$(cat "$tmp/h2.port")"
		relay h1-r "$(cat "$tmp/h1.port")"
		routes="direct h2 h1"
	else
		echo "sync-wire: nghttpx is not installed (tools/install-deps):" \
		    "no HTTP/2 figures"
	fi
	for r in $routes; do
		use "$r"
		case $r in
		direct) what="reference server, HTTP/1.1" ;;
		h2) what="nghttpx, HTTP/2" ;;
		h1) what="nghttpx, HTTP/1.1" ;;
		esac
		echo chutich-2026 | "$VANTHU" login --username chutich \
		    --password-stdin >/dev/null 2>&1 || exit 1
		full=$(wire "$r-r" "$VANTHU" sync)
		eval "full_$r=$full"
		line "full sync $label ($what)" "$full" "$one" \
		    "one-gzip-stream" "<= 1.05"
		set -- $(refreshes "$r-r")
		eval "refresh_$r=$1"
		line "refresh, nothing new ($what)" "$1" "$2" \
		    "full-handshake" "< 1024 B"
		line "refresh, nothing new ($what)" "$1" \
		    "$(tls_floor "$r-r" "$srv/tls-ca.pem")" \
		    "TLS-resumption-alone" "< 1024 B"
	done
	if [ -n "${full_h2:-}" ]; then
		line "full sync $label, HTTP/2 vs HTTP/1.1" "$full_h2" \
		    "$full_h1" "HTTP/1.1" "< 1"
		line "refresh, nothing new, HTTP/2 vs 1.1" "$refresh_h2" \
		    "$refresh_h1" "HTTP/1.1" "< 1"
	fi
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	pids=
done
