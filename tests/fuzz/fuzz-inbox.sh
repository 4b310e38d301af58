#!/bin/sh
# A short libFuzzer run of the cached inbox file and the compact inbox
# (tests/fuzz/fuzz-inbox.c) under AddressSanitizer and UBSan, from a
# seed corpus of inbox files of both formats (tests/fuzz/corpus-inbox).
# Skipped when configure found no clang.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/fuzz/fuzz-lib.sh"

fuzz_run "inbox" "$top_builddir/tests/fuzz/fuzz-inbox" \
    "$top_srcdir/tests/fuzz/corpus-inbox" 3000 16384
t_done
