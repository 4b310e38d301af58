# bench/wirelib.sh: counting the bytes on the wire, for bench/compare.sh
# and bench/sync-wire.sh (sourced; they set $tmp, $pids, $top_srcdir and
# $PYTHON3).  Every figure is the TCP payload of a connection (TLS
# records: handshakes, HTTP headers, compressed bodies) counted by
# bench/wire-relay.py between the client and the server.

# wait_file FILE: until FILE is not empty (60 s at most).
wait_file() {
	i=0
	while [ ! -s "$1" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# relay NAME PORT: a counting relay to 127.0.0.1:PORT; its port in
# $tmp/NAME.port, one "UP DOWN" line per connection in $tmp/NAME.log.
relay() {
	: >"$tmp/$1.log"
	"$PYTHON3" "$top_srcdir/bench/wire-relay.py" 127.0.0.1 "$2" \
	    "$tmp/$1.log" >"$tmp/$1.port" &
	pids="$pids $!"
	wait_file "$tmp/$1.port"
}

# wire NAME CMD...: run CMD (output thrown away); print the bytes its
# connections carried through relay NAME (up + down), once the relay
# has logged them.
wire() {
	log="$tmp/$1.log"
	shift
	before=$(wc -l <"$log")
	"$@" >/dev/null 2>&1
	i=0
	while [ "$(wc -l <"$log")" -le "$before" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	tail -n "+$((before + 1))" "$log" | awk '{ n += $1 + $2 } END {
	    print n + 0 }'
}

# tls_floor NAME CAFILE: the bytes of a TLS session resumption alone
# through relay NAME (openssl s_client with the session of its own first
# connection, one byte of data, close_notify): what any request over
# TLS pays in a new process, before HTTP.
tls_floor() {
	p=$(cat "$tmp/$1.port")
	# (the session ticket comes after the handshake: wait for it)
	(sleep 1; echo) | wire "$1" openssl s_client -connect \
	    "127.0.0.1:$p" -CAfile "$2" -sess_out "$tmp/floor.sess" >/dev/null
	(sleep 1; echo) | wire "$1" openssl s_client -connect \
	    "127.0.0.1:$p" -CAfile "$2" -sess_in "$tmp/floor.sess"
}

# tls_floor_min NAME CAFILE: tls_floor with the smallest ClientHello
# OpenSSL sends (one cipher suite, AES-128, one group, no middlebox
# compatibility): the least any client pays for the resumption alone.
tls_floor_min() {
	p=$(cat "$tmp/$1.port")
	o="-no_middlebox -ciphersuites TLS_AES_128_GCM_SHA256 -cipher ECDHE-RSA-AES128-GCM-SHA256 -groups X25519 -sigalgs rsa_pss_rsae_sha256:ecdsa_secp256r1_sha256"
	# shellcheck disable=SC2086
	(sleep 1; echo) | wire "$1" openssl s_client -connect \
	    "127.0.0.1:$p" -CAfile "$2" -sess_out "$tmp/floor-min.sess" \
	    $o >/dev/null
	# shellcheck disable=SC2086
	(sleep 1; echo) | wire "$1" openssl s_client -connect \
	    "127.0.0.1:$p" -CAfile "$2" -sess_in "$tmp/floor-min.sess" $o
}

# median: the median of the numbers on stdin (0 when none).
median() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
	    print NR ? v[int((NR + 1) / 2)] : 0 }'
}
