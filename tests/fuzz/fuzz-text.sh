#!/bin/sh
# A short libFuzzer run of the text core (tests/fuzz/fuzz-text.c): the
# sanitiser, folding, widths, collation and the legacy converters under
# AddressSanitizer and UBSan.  Skipped when configure found no clang.
# "make fuzz" runs it for longer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

fuzzer="$top_builddir/tests/fuzz/fuzz-text"
if [ ! -x "$fuzzer" ]; then
	echo "1..0 # SKIP clang (libFuzzer) not found by configure"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/corpus"
cp "$top_srcdir"/tests/fuzz/corpus/* "$tmp/corpus/"
(cd "$tmp" && ASAN_OPTIONS=detect_leaks=1 "$fuzzer" -runs=20000 \
    -max_total_time=20 -max_len=512 -seed=1 corpus >"$tmp/log" 2>&1)
rc=$?
t_is "libFuzzer: 20000 runs without a crash, leak or bad output" 0 "$rc"
if [ "$rc" -ne 0 ]; then
	tail -n 40 "$tmp/log" | sed 's/^/# /'
fi
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$tmp/log")
t_match "libFuzzer reports the runs it did" '^[0-9]+$' "$runs"
t_done
