#!/bin/sh
# The Vietnamese manual pages translate all of the English ones: every
# command, option, configuration key, environment variable and exit
# status of man/NAME is also in man/vi/NAME (a page that gains a command
# or an option in English must gain it in Vietnamese too).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# The words that must be in both: ".It Cm a b" items, "Fl \-opt" options,
# "Ic key No =" configuration keys, "Ev VAR" variables, ".It N" statuses.
terms() {
	{
		sed -n 's/^\.It Cm \([a-z-]*\)\( [a-z-]*\)\{0,1\}.*/Cm \1\2/p' "$1" |
		    sed 's/ Ar$//; s/ Oo$//; s/ Op$//; s/ Fl$//'
		grep -o 'Fl \\-[a-z\\-]*' "$1"
		grep -o 'Ic [a-z_]* No =' "$1"
		grep -o 'Ev [A-Z_][A-Z_]*' "$1"
		grep '^\.It [0-9]$' "$1"
	} | sort -u
}

for en in "$top_srcdir"/man/*.[0-9]; do
	name=$(basename "$en")
	vi="$top_srcdir/man/vi/$name"
	t_ok "$name has a Vietnamese translation" test -s "$vi"
	[ -s "$vi" ] || continue
	missing=$(terms "$en" | while read -r term; do
		grep -qF -- "$term" "$vi" || printf '%s; ' "$term"
	done)
	t_is "man/vi/$name has every command, option, key and variable of man/$name" \
	    "" "$missing"
	if command -v mandoc >/dev/null 2>&1; then
		t_is "man/vi/$name is lint-clean (mandoc)" "" \
		    "$(mandoc -Tlint -W warning "$vi" 2>&1)"
	fi
	t_ok "man/vi/$name is written in Vietnamese" \
	    grep -q 'Ti\\\[u1EBF\]ng Vi\\\[u1EC7\]t\|v\\\[u0103\]n b\\\[u1EA3\]n\|c\\\[u1EA5\]u h\\\[u00EC\]nh' "$vi"
done
t_done
