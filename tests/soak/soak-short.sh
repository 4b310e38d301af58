#!/bin/sh
# The short soak of make check (issue 19): 50 runs of queue + flush
# under the reference server's faults and 50 kill -9 runs (flush,
# comment, draft sign) against the real server and its SQLite database;
# every queued action arrives exactly once, nothing local is damaged.
# "make soak" runs the long campaign (tests/soak/soak.py).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

: "${PYTHON3:=python3}"
if ! command -v "$PYTHON3" >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 (the reference server) is not installed"
	exit 0
fi
exec "$PYTHON3" "$top_srcdir/tests/soak/soak.py" --tap --self-check \
    --vanthu "$VANTHU" \
    --fault-runs "${SOAK_SHORT_FAULT_RUNS:-50}" \
    --kill-runs "${SOAK_SHORT_KILL_RUNS:-50}" \
    --sign-kills "${SOAK_SHORT_SIGN_KILLS:-10}"
