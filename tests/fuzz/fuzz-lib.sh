# Helpers of the libFuzzer tests (sourced after tests/lib.sh).

# fuzz_run NAME FUZZER CORPUS RUNS MAX_LEN [LIBFUZZER OPTIONS]: run
# FUZZER (a built libFuzzer program; a TAP skip when configure found no
# clang) for RUNS inputs at most (40 s at most) on a copy of the seed
# corpus CORPUS, and check that it ends without a crash, leak or failed
# check and did the runs.
fuzz_run() {
	fr_name=$1 fr_bin=$2 fr_corpus=$3 fr_runs=$4 fr_len=$5
	shift 5
	if [ ! -x "$fr_bin" ]; then
		echo "1..0 # SKIP clang (libFuzzer) not found by configure"
		exit 0
	fi
	fr_tmp=$(mktemp -d)
	trap 'rm -rf "$fr_tmp"' EXIT
	mkdir "$fr_tmp/corpus"
	cp "$fr_corpus"/* "$fr_tmp/corpus/"
	(cd "$fr_tmp" && ASAN_OPTIONS=detect_leaks=1 "$fr_bin" \
	    -runs="$fr_runs" -max_total_time=40 -max_len="$fr_len" -seed=1 \
	    "$@" corpus >"$fr_tmp/log" 2>&1)
	fr_rc=$?
	t_is "$fr_name: libFuzzer ends without a crash, leak or failed check" \
	    0 "$fr_rc"
	if [ "$fr_rc" -ne 0 ]; then
		tail -n 40 "$fr_tmp/log" | sed 's/^/# /'
	fi
	fr_done=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$fr_tmp/log")
	t_match "$fr_name: libFuzzer reports the runs it did" '^[0-9]+$' \
	    "$fr_done"
	fr_cov=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$fr_tmp/log")
	t_match "$fr_name: the seeds reach the code (coverage counted)" \
	    '^[1-9][0-9]*$' "$fr_cov"
}
