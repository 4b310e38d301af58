#!/bin/sh
# Ctrl-C (SIGINT), kill (SIGTERM) or a closed terminal (SIGHUP) during a
# real signing with a SoftHSM2 token leaves no OUT.vanthu-XXXXXX beside
# the output and no output; the input stays byte for byte as it was; the
# process ends as the signal asks (status 128+N).  The signing is held in
# the middle, its temporary file written, by a time-stamping service
# that takes the request and never answers (level B-T).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require
sign_setup
mk_token chutich "$tmp/tok" --full-name "Nguyễn Văn Hùng"
make_pdf "$tmp/in.pdf"
sum_before=$(sha256sum <"$tmp/in.pdf")

# A time-stamping service that reads the request and answers nothing:
# it writes its port, then "asked" once a request came.
python3 - "$tmp/tsa.port" "$tmp/tsa.asked" <<'EOF' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
deadline = time.time() + 600
s.settimeout(1)
while time.time() < deadline:
    try:
        c, _ = s.accept()
    except socket.timeout:
        continue
    c.settimeout(5)
    try:
        c.recv(65536)
    except socket.timeout:
        pass
    held.append(c)
    with open(sys.argv[2], "a") as f:
        f.write("asked\n")
EOF
tsa_pid=$!
sign_pids="$tsa_pid"
n=0
while [ ! -s "$tmp/tsa.port" ] && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
cat >"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
tsa_url = http://127.0.0.1:$(cat "$tmp/tsa.port")/
EOF

# interrupt SIGNAL: sign in.pdf into out.pdf at level B-T, wait until the
# request reached the service (the temporary file is being written),
# send SIGNAL; sets rc, and seen to what was beside the output then.
# vanthu runs with the signals' default actions (a script's background
# job would have SIGINT ignored).
interrupt() {
	rm -f "$tmp/tsa.asked" "$tmp/sign.err"
	printf '%s\n' "$TOKEN_PIN" >"$tmp/pin"
	python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$VANTHU" sign "$tmp/in.pdf" \
	    -o "$tmp/out/out.pdf" --key "$KEY_URI" --level B-T --pin-stdin \
	    <"$tmp/pin" 2>"$tmp/sign.err" &
	signer=$!
	n=0
	while [ ! -s "$tmp/tsa.asked" ] && [ $n -lt 1200 ] &&
	    kill -0 "$signer" 2>/dev/null; do
		sleep 0.05
		n=$((n + 1))
	done
	seen=$(cd "$tmp/out" && ls)
	kill "-$1" "$signer"
	wait "$signer"
	rc=$?
}

mkdir "$tmp/out"
for sig in INT TERM HUP; do
	case $sig in
	INT) num=2 ;;
	TERM) num=15 ;;
	HUP) num=1 ;;
	esac
	interrupt "$sig"
	t_match "SIG$sig: the signing was under way (its temporary written)" \
	    '^out\.pdf\.vanthu-[A-Za-z0-9]{6}$' "$seen"
	t_is "SIG$sig: vanthu ends as the signal asks (status $((128 + num)))" \
	    "$((128 + num))" "$rc"
	t_is "SIG$sig: nothing is left beside the output" "" \
	    "$(cd "$tmp/out" && ls)"
	t_is "SIG$sig: the input is unchanged" "$sum_before" \
	    "$(sha256sum <"$tmp/in.pdf")"
done

t_done
