#!/bin/sh
# The core library must build and run without a terminal: no curses in it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

lib="$top_builddir/lib/libvtcore.a"
t_ok "the core library exists" test -s "$lib"
syms=$(nm -u "$lib" 2>/dev/null | awk '{ print $NF }' |
    grep -E '^(initscr|newterm|endwin|newwin|wrefresh|doupdate|wgetch|wnoutrefresh|keypad|mvwaddn?w?str|waddn?w?str|start_color|stdscr|curscr|LINES|COLS)$' || true)
t_is "the core calls no curses function" "" "$syms"
incs=$(grep -l -E '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/)' \
    "$top_srcdir"/lib/*.c "$top_srcdir"/include/vanthu/*.h 2>/dev/null || true)
t_is "no core source includes curses" "" "$incs"
t_done
