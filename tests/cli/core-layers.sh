#!/bin/sh
# The layers (docs/design.md): the core library (lib/, include/vanthu/)
# never includes a command-line or interface header nor curses, and the
# built core calls no terminal function and never names /dev/tty: the
# command line and the interface ask the person, the core never does.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# Headers of the command line and the interface, and curses.
bad_include='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]*/)?((cmd|cmd-[A-Za-z0-9_-]+|ui|ui-[A-Za-z0-9_-]+)\.h|n?cursesw?\.h|ncursesw/[^">]*|term\.h)[">]'
# Terminal functions: the core never reads a terminal.
tty_syms='^(tcgetattr|tcsetattr|isatty|getpass|ttyname|ttyname_r)$'

# core_files DIR: the core's sources and headers under DIR (the
# command line's and the interface's headers in include/vanthu/ are
# theirs: cmd.h, ui.h).
core_files() {
	for f in "$1"/lib/*.c "$1"/lib/*.h "$1"/include/vanthu/*.h; do
		[ -f "$f" ] || continue
		case ${f##*/} in
		cmd.h|ui.h|ui-*.h) continue ;;
		esac
		printf '%s\n' "$f"
	done
}

# bad_includes DIR: "FILE:LINE:TEXT" of each forbidden include.
bad_includes() {
	core_files "$1" | while read -r f; do
		grep -n -E "$bad_include" "$f" /dev/null || true
	done | sed "s|^$1/||"
}

# tty_refs ARCHIVE: the terminal functions ARCHIVE calls, and
# "/dev/tty" when it holds that string.
tty_refs() {
	nm -u "$1" 2>/dev/null | awk '{ print $NF }' | grep -E "$tty_syms" |
	    sort -u
	if LC_ALL=C grep -a -q '/dev/tty' "$1"; then
		echo /dev/tty
	fi
}

# First, that each check sees what it looks for (a check that cannot
# fail proves nothing): a made-up core that breaks every rule.
fake=$(mktemp -d "${TMPDIR:-/tmp}/vt-layers.XXXXXX")
trap 'rm -rf "$fake"' EXIT
mkdir -p "$fake/lib" "$fake/include/vanthu"
cat >"$fake/lib/bad.c" <<'C'
#include "vanthu/cmd.h"
#include "../src/cmd-core.h"
 #  include <ncursesw/curses.h>
#include "ui-int.h"
#include <termios.h>
#include "vanthu/error.h"
C
printf '#include <curses.h>\n' >"$fake/include/vanthu/bad.h"
printf '#include "vanthu/cmd.h"\n' >"$fake/include/vanthu/ui.h"
t_is "the include check finds what is forbidden" \
    "include/vanthu/bad.h:1 lib/bad.c:1 lib/bad.c:2 lib/bad.c:3 lib/bad.c:4" \
    "$(bad_includes "$fake" | cut -d: -f1,2 | sort | tr '\n' ' ' |
    sed 's/ $//')"
cat >"$fake/tty.c" <<'C'
#include <stdio.h>
#include <termios.h>
#include <unistd.h>
int vt_bad(void);
int vt_bad(void)
{
	struct termios t;
	FILE *f = fopen("/dev/tty", "r");

	if (f != NULL)
		fclose(f);
	return isatty(0) + tcgetattr(0, &t);
}
C
if ${CC:-cc} -c -o "$fake/tty.o" "$fake/tty.c" 2>/dev/null &&
    ar rc "$fake/libbad.a" "$fake/tty.o" 2>/dev/null; then
	t_is "the library check finds terminal calls and /dev/tty" \
	    "/dev/tty isatty tcgetattr" \
	    "$(tty_refs "$fake/libbad.a" | sort | tr '\n' ' ' | sed 's/ $//')"
else
	t_skip "the library check finds terminal calls and /dev/tty" \
	    "no C compiler"
fi

# Then the real core.
t_is "no core file includes a command-line, interface or curses header" \
    "" "$(bad_includes "$top_srcdir")"
lib="$top_builddir/lib/libvtcore.a"
t_ok "the core library is built" test -s "$lib"
t_is "the core library calls no terminal function and never opens /dev/tty" \
    "" "$(tty_refs "$lib" | tr '\n' ' ' | sed 's/ $//')"
t_done
