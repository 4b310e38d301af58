#!/bin/sh
# The manual pages are lint-clean.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

for page in "$top_srcdir"/man/*.[0-9]; do
	name=$(basename "$page")
	if command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -Tlint -W warning "$page" 2>&1)
		t_is "$name is lint-clean (mandoc)" "" "$out"
	else
		out=$(groff -ww -z -man "$page" 2>&1)
		t_is "$name is lint-clean (groff)" "" "$out"
	fi
done
t_done
