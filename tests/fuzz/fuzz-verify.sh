#!/bin/sh
# A short libFuzzer run of the PDF signature verifier
# (tests/fuzz/fuzz-verify.c) under AddressSanitizer and UBSan, from
# signed PDFs (a personal signature, a personal then an agency
# signature, a signed incoming document), an unsigned one and the
# hostile files of tests/tools/hostile-pdf, trusting the CA that
# signed them; the inputs that once crashed are in the corpus.
# Skipped when configure found no clang.  "make fuzz" runs it longer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/fuzz/fuzz-lib.sh"

FUZZ_TRUST="$top_srcdir/tests/fuzz/verify-ca.pem"
export FUZZ_TRUST
fuzz_run "verify" "$top_builddir/tests/fuzz/fuzz-verify" \
    "$top_srcdir/tests/fuzz/corpus-verify" 300 200000
t_done
