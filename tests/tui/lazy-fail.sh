#!/bin/sh
# A library loaded on first use (vanthu/lazy.h) that cannot be loaded
# while the interface runs: the program says which and why, and gives
# the terminal back first (the normal screen, not curses' alternate
# one; found by the breaker of 2026-12-02).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config
printf '%s\n' chutich-2026 | "$VANTHU" login --username chutich \
    --password-stdin >/dev/null 2>&1
t_is "logged in from the command line" 0 $?
mkdir -p "$tui_tmp/lib"
: >"$tui_tmp/lib/libcurl.so.4"	# an empty file: not a library
tui_start 80 24 LC_ALL=C "LD_LIBRARY_PATH=$tui_tmp/lib" -- ui
t_ok "vanthu ends at its first request" tui_wait_exit 60
t_is "with the status of an internal error" 1 "$(tui_exit_status)"
# The whole pane with what scrolled off it, wrapped lines joined.
msg=$(tmux -L "$tui_sock" capture-pane -p -J -S -200)
t_match "naming the library" 'cannot load .* from libcurl\.so\.4' "$msg"
t_match "and what to do" 'reinstall the package that provides it' "$msg"
t_is "on the normal screen: curses gave the terminal back" 0 \
    "$(tmux -L "$tui_sock" display -p '#{alternate_on}')"
tui_stop
t_done
