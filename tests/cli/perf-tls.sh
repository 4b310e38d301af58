#!/bin/sh
# Issue 17, the wire: a refresh in a new process resumes the TLS session
# the last process kept on disk (the reference server logs whether each
# handshake was resumed), with the same results; the session file is
# the user's own, 0600, and a damaged, loosened, linked or foreign one is
# ignored (a full handshake, nothing else changes); HTTP/2 is used where
# the server offers it (nghttpx in front of the reference server), with
# the same inbox and drafts as over HTTP/1.1.  A session past its
# lifetime is not offered either.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
hs="$tmp/srv/tls-handshakes.log"

# last_handshake: "resumed" or "full", the server's word on the last one.
last_handshake() {
	tail -n 1 "$hs" | cut -d ' ' -f 1
}

# synced NAME: a sync in a new process, its stats in $tmp/NAME.err.
synced() {
	VANTHU_HTTP_STATS=1 "$VANTHU" sync >"$tmp/$1.out" 2>"$tmp/$1.err"
}

# snapshot NAME: the cached inbox and drafts as vanthu lists them.
snapshot() {
	vt inbox --offline --json >"$tmp/$1.inbox" &&
	    vt drafts --all --offline --json >"$tmp/$1.drafts"
}

stat_of() {
	sed -n "s/^http-stats: .*$2=\([0-9]*\).*/\1/p" "$tmp/$1.err" | tail -n 1
}

vt_login chutich >/dev/null
t_is "the login's handshake is a full one" full "$(last_handshake)"
tlsdir="$XDG_CACHE_HOME/vanthu/tls"
set -- "$tlsdir"/*
t_is "one session is kept on disk" 1 "$#"
sess=$1
t_is "the session file is 0600" 600 "$(stat -c %a "$sess")"
t_is "in a 0700 directory" 700 "$(stat -c %a "$tlsdir")"
t_match "it names its server and trust" \
    "^https://127\.0\.0\.1:$PORT [0-9a-f]{64}\$" "$(sed -n 2p "$sess")"

synced full; rc=$?
t_is "a sync in a new process exits 0" 0 "$rc"
t_is "and resumes the kept session (server side)" resumed "$(last_handshake)"
t_is "and says so (client side)" 1 "$(stat_of full tls_resumed)"
snapshot ref
n=$(jq_py 'len(j["documents"])' <"$tmp/ref.inbox")
t_ok "the inbox has documents ($n)" test "$n" -gt 20

synced again; rc=$?
t_is "a refresh with nothing new exits 0" 0 "$rc"
t_match "and is up to date" 'Up to date' "$(cat "$tmp/again.out")"
t_is "it resumed too" resumed "$(last_handshake)"
snapshot again
cmp -s "$tmp/ref.inbox" "$tmp/again.inbox" &&
    cmp -s "$tmp/ref.drafts" "$tmp/again.drafts"
t_is "the same inbox and drafts after resumed handshakes" 0 "$?"

# A damaged session file: ignored, a full handshake, then a good one.
good="$tmp/good.session"
cp -p "$sess" "$good"
sed -n 1,2p "$good" >"$sess"
printf 'not DER at all' >>"$sess"
synced damaged; rc=$?
t_is "a damaged session file: the sync still works" 0 "$rc"
t_is "with a full handshake" full "$(last_handshake)"
synced after; rc=$?
t_is "and the next process resumes the new session" resumed \
    "$(last_handshake)"

# Sessions made to look older: their start moved SECONDS back in the
# file (age SESSION SECONDS), the file otherwise sound.
cat >"$tmp/age.py" <<'EOF'
import sys
# SSL_SESSION (OpenSSL's ASN.1): a SEQUENCE whose [1] holds the start
# time (an INTEGER, seconds since 1970), after the two header lines.
path, shift = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
start = data.index(b"\n", data.index(b"\n") + 1) + 1
der = bytearray(data[start:])


def tlv(i):
    tag, n = der[i], der[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(der[i:i + k], "big")
        i += k
    return tag, i, n


_, i, n = tlv(0)
end = i + n
while i < end:
    tag, j, n = tlv(i)
    if tag == 0xa1:
        _, k, m = tlv(j)
        t = int.from_bytes(der[k:k + m], "big") - shift
        der[k:k + m] = t.to_bytes(m, "big")
        break
    i = j + n
else:
    sys.exit("no time in the session")
open(path, "wb").write(data[:start] + bytes(der))
EOF
age() {
	"$PYTHON3" "$tmp/age.py" "$@"
}
cp -p "$good" "$sess"
age "$sess" 60
synced minute; rc=$?
t_is "a session a minute older: the sync works" 0 "$rc"
t_is "and resumes it (the aged file is sound)" resumed "$(last_handshake)"
cp -p "$good" "$sess"
age "$sess" 86400
synced old; rc=$?
t_is "a session past its lifetime (a day): the sync works" 0 "$rc"
t_is "without offering it" full "$(last_handshake)"

# A session file others could read is not trusted (and is replaced).
cp -p "$good" "$sess"
chmod 644 "$sess"
synced loose; rc=$?
t_is "a session file of mode 644: the sync works" 0 "$rc"
t_is "without resuming it" full "$(last_handshake)"
t_is "the new session file is 0600 again" 600 "$(stat -c %a "$sess")"

# A symbolic link is not followed, even to a good session.
cp -p "$good" "$tmp/elsewhere"
rm -f "$sess"
ln -s "$tmp/elsewhere" "$sess"
synced link; rc=$?
t_is "a session file that is a symbolic link: the sync works" 0 "$rc"
t_is "without resuming through the link" full "$(last_handshake)"
t_ok "the link was replaced by a file" test ! -L "$sess"

# Another trust (another CA file): its own session, never the first.
cp "$CA" "$tmp/ca-copy.pem"
sed -i "s|^ca_file = .*|ca_file = $tmp/ca-copy.pem|" \
    "$XDG_CONFIG_HOME/vanthu/config"
synced trust; rc=$?
t_is "another CA file: the sync works" 0 "$rc"
t_is "with a full handshake" full "$(last_handshake)"
set -- "$tlsdir"/*
t_is "and a second session file" 2 "$#"
for f in "$@"; do
	[ "$f" != "$sess" ] && other=$f
done
# The first trust's session under the second trust's name: its key line
# says it is not for this trust, so it is not offered (the server would
# take it: only vanthu's check stands in the way).
cp -p "$sess" "$other"
synced foreign; rc=$?
t_is "a session of another trust under this trust's name: sync works" \
    0 "$rc"
t_is "without resuming it" full "$(last_handshake)"
sed -i "s|^ca_file = .*|ca_file = $CA|" "$XDG_CONFIG_HOME/vanthu/config"

# HTTP/2 where the server offers it: nghttpx terminates TLS in front of
# the reference server (tools/install-deps installs nghttp2-proxy).
NGHTTPX=$(command -v nghttpx || echo /usr/sbin/nghttpx)
t_ok "nghttpx is installed (tools/install-deps: nghttp2-proxy)" \
    test -x "$NGHTTPX"
if [ -x "$NGHTTPX" ]; then
	p2=$("$PYTHON3" -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$NGHTTPX" --conf=/dev/null -f "127.0.0.1,$p2" \
	    -b "localhost,$PORT;;tls;sni=localhost" --cacert="$CA" --no-ocsp \
	    --single-thread --errorlog-file="$tmp/nghttpx.err" \
	    --accesslog-file="$tmp/nghttpx.log" \
	    "$tmp/srv/tls-key.pem" "$tmp/srv/tls-cert.pem" 2>>"$tmp/nghttpx.err" &
	h2pid=$!
	trap 'kill "$h2pid" 2>/dev/null; core_cleanup' EXIT
	n=0
	until curl -s -o /dev/null --cacert "$CA" "https://127.0.0.1:$p2/" ||
	    [ $n -ge 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	sed -i "s|^server = .*|server = https://127.0.0.1:$p2|" \
	    "$XDG_CONFIG_HOME/vanthu/config"
	vt_login chutich >/dev/null
	synced h2; rc=$?
	t_is "a sync through an HTTP/2 server exits 0" 0 "$rc"
	t_ok "its requests went over HTTP/2 (client side)" \
	    test "$(stat_of h2 http2)" -ge 2
	t_match "and the server saw HTTP/2" '"GET /api/v1/incoming\?[^"]* HTTP/2"' \
	    "$(cat "$tmp/nghttpx.log")"
	snapshot h2
	cmp -s "$tmp/ref.inbox" "$tmp/h2.inbox"
	t_is "the same inbox over HTTP/2" 0 "$?"
	cmp -s "$tmp/ref.drafts" "$tmp/h2.drafts"
	t_is "the same drafts over HTTP/2" 0 "$?"
	synced h2again; rc=$?
	t_is "a new process resumes the TLS session of the HTTP/2 server" 1 \
	    "$(stat_of h2again tls_resumed)"
	kill "$h2pid" 2>/dev/null
	wait "$h2pid" 2>/dev/null
fi
t_done
