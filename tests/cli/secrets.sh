#!/bin/sh
# A PIN never reaches the disk through a core dump (issue 19): while the
# PIN is awaited, the process's core size limit is 0, whatever limit
# the shell gave it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require
sign_setup
mk_token chutich "$tmp/tok" --full-name "Lê Văn Bình"
make_pdf "$tmp/draft.pdf"
mkfifo "$tmp/pin"
# The shell allows core dumps; vanthu waits for its PIN on the FIFO.
(ulimit -c unlimited 2>/dev/null || ulimit -c 1000000
 exec "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/out.pdf" \
    --module "$SOFTHSM_MODULE" --key "$KEY_URI" --pin-stdin \
    <"$tmp/pin" >"$tmp/out" 2>&1) &
pid=$!
exec 3>"$tmp/pin"
n=0
while ! grep -q 'PIN' "$tmp/out" 2>/dev/null && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
t_match "vanthu is waiting for the PIN" 'PIN' "$(cat "$tmp/out")"
limits=$(grep 'Max core file size' "/proc/$pid/limits" 2>&1)
t_match "while it waits, its core file size limit is 0 (soft and hard)" \
    'Max core file size +0 +0 ' "$limits"
echo "$TOKEN_PIN" >&3
exec 3>&-
wait "$pid"
t_is "then it signs" 0 "$?"
t_ok "the signed file is written" test -s "$tmp/out.pdf"
t_done
