# vanthu test library for shell tests: prints TAP (one "ok"/"not ok" line
# per check, the plan at the end).  Source it, call the checks, then
# t_done.  $VANTHU is the built program, $top_srcdir the source tree.

t_n=0
t_failed=0
: "${VANTHU:=vanthu}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL="${LC_ALL:-C.UTF-8}"
export LANGUAGE=

# t_ok NAME COMMAND...: passes when COMMAND exits 0.
t_ok() {
	t_name=$1; shift
	t_n=$((t_n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $t_n - $t_name"
	else
		echo "not ok $t_n - $t_name"
		t_failed=$((t_failed + 1))
	fi
}

# t_is NAME EXPECTED ACTUAL: passes when the two strings are equal.
t_is() {
	t_n=$((t_n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $t_n - $1"
	else
		echo "not ok $t_n - $1"
		printf '# expected: %s\n# got:      %s\n' "$2" "$3" |
		    sed '3,$s/^/# /'
		t_failed=$((t_failed + 1))
	fi
}

# t_match NAME PATTERN TEXT: passes when grep -E PATTERN finds TEXT.
t_match() {
	t_n=$((t_n + 1))
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		echo "ok $t_n - $1"
	else
		echo "not ok $t_n - $1"
		printf '%s\n' "# pattern: $2" "# in:" "$3" | sed 's/^/# /'
		t_failed=$((t_failed + 1))
	fi
}

# t_nomatch NAME PATTERN TEXT: passes when PATTERN is not in TEXT.
t_nomatch() {
	t_n=$((t_n + 1))
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		echo "not ok $t_n - $1"
		printf '%s\n' "# unexpected: $2" "# in:" "$3" | sed 's/^/# /'
		t_failed=$((t_failed + 1))
	else
		echo "ok $t_n - $1"
	fi
}

# t_skip NAME REASON: a check that cannot run here.
t_skip() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $1 # SKIP $2"
}

# t_done: print the plan; exit status tells the harness nothing more.
t_done() {
	echo "1..$t_n"
	exit 0
}
