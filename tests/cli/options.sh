#!/bin/sh
# The program's GNU-style options, exit statuses and translation.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

out=$("$VANTHU" --version); rc=$?
t_is "--version exits 0" 0 "$rc"
t_match "--version names the program and version" '^vanthu [0-9]+\.[0-9]+\.[0-9]+$' "$(echo "$out" | head -n 1)"
t_match "--version states the licence" 'AGPLv3\+' "$out"

out=$("$VANTHU" --help); rc=$?
t_is "--help exits 0" 0 "$rc"
t_match "--help shows usage" '^Usage: vanthu \[OPTION\]' "$out"
t_match "--help lists the version command" '^  version ' "$out"

"$VANTHU" --no-such-option >/dev/null 2>&1; rc=$?
t_is "an unknown option exits 2" 2 "$rc"
err=$("$VANTHU" no-such-command 2>&1 >/dev/null); rc=$?
t_is "an unknown command exits 2" 2 "$rc"
t_match "an unknown command is named" "unknown command 'no-such-command'" "$err"

out=$("$VANTHU" version); rc=$?
t_is "the version command exits 0" 0 "$rc"
t_match "the version command prints the version" '^vanthu ' "$out"
"$VANTHU" version extra >/dev/null 2>&1; rc=$?
t_is "the version command refuses operands" 2 "$rc"

# Vietnamese from po/vi.po when the locale is vi_VN.UTF-8.
# gettext builds vi.gmo in the source tree's po/, or the build tree's.
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	tmp=$(mktemp -d)
	mkdir -p "$tmp/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/vi/LC_MESSAGES/vanthu.mo"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" --help)
	t_match "--help in Vietnamese" '^Cách dùng: vanthu' "$out"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" bogus 2>&1)
	t_match "errors in Vietnamese" 'lệnh không rõ' "$out"
	rm -rf "$tmp"
else
	t_skip "--help in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
	t_skip "errors in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi
t_done
