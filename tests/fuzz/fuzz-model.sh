#!/bin/sh
# A short libFuzzer run of the model parsing of every API answer
# (tests/fuzz/fuzz-model.c) under AddressSanitizer and UBSan, from the
# seed corpus of real answers of the reference server
# (tests/fuzz/corpus-model, made by tests/fuzz/mkcorpus-model); the
# inputs that once crashed are in the corpus.  Skipped when configure
# found no clang.  "make fuzz" runs it for longer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/fuzz/fuzz-lib.sh"

fuzz_run "model" "$top_builddir/tests/fuzz/fuzz-model" \
    "$top_srcdir/tests/fuzz/corpus-model" 3000 65536 \
    -dict="$top_srcdir/tests/fuzz/model.dict"
t_done
