#!/bin/sh
# Signing with a remote token: "p11-kit server" serves the SoftHSM2
# token on a unix socket (as on the official's PC, the socket then
# forwarded with ssh -R) and vanthu uses p11-kit's client module.  Also
# the token going away between choosing the key and signing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

CLIENT=/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so
sign_require p11-kit
if [ ! -f "$CLIENT" ]; then
	t_skip "remote token" "p11-kit's client module is not installed"
	t_done
fi
sign_setup
mk_token chutich "$tmp/tok" --full-name "Nguyễn Văn Hùng"
make_pdf "$tmp/draft.pdf"
sock=$tmp/p11kit.sock

# serve: start p11-kit server for the token in the background.
serve() {
	rm -f "$sock"
	p11-kit server -f -s --provider "$SOFTHSM_MODULE" -n "$sock" \
	    "pkcs11:token=$TOKEN_LABEL" >"$tmp/server.out" 2>&1 &
	server_pid=$!
	sign_pids="$sign_pids $server_pid"
	n=0
	while [ ! -S "$sock" ] && [ "$n" -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}
# unserve: stop the server and the process serving each connection.
unserve() {
	kids=$(pgrep -P "$server_pid" 2>/dev/null)
	# shellcheck disable=SC2086
	kill $kids "$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
}

serve
t_ok "p11-kit server listens" test -S "$sock"
t_match "p11-kit server prints its address" "P11_KIT_SERVER_ADDRESS=unix:path=$sock" \
    "$(cat "$tmp/server.out")"
# The remote side sees only the socket, not the token store.
remote() {
	env -u SOFTHSM2_CONF P11_KIT_SERVER_ADDRESS="unix:path=$sock" "$@"
}
out=$(remote "$VANTHU" token list --module "$CLIENT" 2>&1); rc=$?
t_is "token list through the client module exits 0" 0 "$rc"
t_match "it sees the remote token" "^Token: $TOKEN_LABEL" "$out"
t_match "and its certificate" 'CN=Nguyễn Văn Hùng' "$out"
echo "$TOKEN_PIN" | remote "$VANTHU" sign "$tmp/draft.pdf" \
    -o "$tmp/remote.pdf" --pin-stdin --module "$CLIENT" >/dev/null 2>&1; rc=$?
t_is "sign through the client module exits 0" 0 "$rc"
check_signature "remote" "$tmp/remote.pdf" 1 "$tmp/draft.pdf"

# The token goes away while vanthu waits for the PIN: a clear error,
# no hang, nothing written.
mkfifo "$tmp/pin"
(remote timeout 60 "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/gone.pdf" \
    --pin-stdin --module "$CLIENT" <"$tmp/pin" >"$tmp/gone.out" 2>&1
    echo "rc=$?" >>"$tmp/gone.out") &
signer=$!
exec 3>"$tmp/pin"
n=0
while ! grep -q 'PIN' "$tmp/gone.out" 2>/dev/null && [ "$n" -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
unserve
echo "$TOKEN_PIN" >&3
exec 3>&-
wait "$signer"
out=$(cat "$tmp/gone.out")
t_match "a token gone before signing exits 6" 'rc=6' "$out"
t_match "it says the token was removed" 'token was removed or stopped answering' \
    "$out"
t_ok "nothing is written" test ! -e "$tmp/gone.pdf"
t_done
