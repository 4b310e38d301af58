#!/bin/sh
# po/vi.po translates every user-visible string, and POTFILES.in lists
# every source file that has one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top_srcdir" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
have=$(grep -l -E '(^|[^A-Za-z0-9_])N?_\("' lib/*.c src/*.c src/*/*.c 2>/dev/null | sort)
missing=$(printf '%s\n' "$have" | while read -r f; do
	printf '%s\n' "$listed" | grep -qx "$f" || echo "$f"; done)
t_is "POTFILES.in lists every file with strings" "" "$missing"

# shellcheck disable=SC2086
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o "$tmp/vanthu.pot" \
    $listed 2>"$tmp/err"
t_ok "xgettext extracts the strings" test -s "$tmp/vanthu.pot"
msgmerge -q -o "$tmp/vi.po" po/vi.po "$tmp/vanthu.pot" 2>>"$tmp/err"
untr=$(msgattrib --untranslated --no-obsolete "$tmp/vi.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/vi.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry (msgid "") whenever it prints any.
t_is "no untranslated message in vi.po" 0 "$untr"
t_is "no fuzzy message in vi.po" 0 "$fuzzy"
t_ok "vi.po compiles with format checks" msgfmt -c -o "$tmp/vi.mo" po/vi.po
t_done
