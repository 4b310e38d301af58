#!/bin/sh
# Hostile input to the signing commands (the breaker's findings): form
# field trees that loop, terminal control characters from certificates,
# tokens and PDFs, absurd --visible boxes and --image files, -o -.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require timeout
sign_setup
HOSTILE="$PYTHON3 $top_srcdir/tests/tools/hostile-pdf"

# verify FILE: vanthu verify with a time limit; sets $rc, $out.
verify() {
	out=$(timeout 20 "$VANTHU" verify "$@" 2>&1); rc=$?
}

# A field tree that loops, or is a graph with 2^30 paths: bounded work,
# "damaged" for a loop (exit 7), each field once for a shared subtree.
$HOSTILE loop "$tmp/loop.pdf"
verify "$tmp/loop.pdf"
t_is "a /Kids loop: damaged PDF (exit 7), at once" 7 "$rc"
t_match "a /Kids loop is named" 'form field tree loops' "$out"
$HOSTILE dag "$tmp/dag.pdf"
verify "$tmp/dag.pdf"
t_is "a shared /Kids graph: one signature, not valid (exit 6), at once" \
    6 "$rc"
t_is "a shared /Kids graph: its field is reported once" 1 \
    "$(printf '%s\n' "$out" | grep -c '^Signature [0-9]')"
$HOSTILE parent "$tmp/parent.pdf"
verify "$tmp/parent.pdf"
t_is "a /Parent loop: damaged PDF (exit 7)" 7 "$rc"
t_done
