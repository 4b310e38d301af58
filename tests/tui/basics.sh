#!/bin/sh
# The interface's frame without a server: title bar, key hints, help,
# key bindings from the configuration, resize, TERM=vt100, Vietnamese
# and C locales, quitting.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi

# esc_names_hint_key NAME MESSAGE QUIT_LABEL WANT: Esc on the first screen
# shows MESSAGE followed by a key; that key is WANT, and it is the key
# the hint bar shows before QUIT_LABEL.
esc_names_hint_key() {
	tui_keys Escape
	tui_check "$1: Esc on the first screen names the key that leaves" \
	    "$2 [^ ]+\$"
	said=$(tui_screen | grep -E "$2 [^ ]+\$" | sed 's/.* //' | head -n 1)
	hint=$(tui_screen | tail -n 2 | grep -oE "(^| )[^ ]+ $3( |\$)" |
	    awk '{ print $1 }' | head -n 1)
	t_is "$1: the message names the key the hint bar shows" "$hint" "$said"
	t_is "$1: that key is $4" "$4" "$said"
	tui_check "$1: vanthu still runs after Esc" '^ vanthu|Văn bản đến'
}

# 80x24, English (C locale).
tui_start 80 24 LC_ALL=C -- ui --offline
tui_check "80x24: the title bar names the inbox" '^ vanthu +Incoming documents'
tui_check "80x24: the title bar says offline" 'offline *$'
tui_check "80x24: the column titles" '^Flag +Arr\. +Number +Date +From +Subject +Due'
tui_check "80x24: key hints on the last two lines" '^\? Help +q Quit +Enter Open'
t_is "80x24: hints are on line 23" "1" \
    "$(tui_line 23 | grep -c '^? Help')"
tui_keys '?'
tui_check "? opens the help screen" 'Help: keys of this screen \(lists\)'
tui_check "the help lists the filters" 'Unread +show only unread'
tui_keys q
tui_check "q goes back to the inbox" '^ vanthu +Incoming documents'
tui_keys x
tui_check "an unbound key says so" 'Key x does nothing here; press \? for help'
esc_names_hint_key "80x24" "This is the first screen; to leave vanthu press" \
    Quit q
t_ok "Esc did not quit" test ! -s "$tui_tmp/status"
tui_keys '/'
tui_check "/ asks for a search" '^Search:'
# The one-line editor steps over grapheme clusters: "ằ" typed
# decomposed (a, U+0306, U+0300) is one Backspace, one Left.
nfd=$(printf 'Ho\141\314\206\314\200ng')
tui_type "$nfd"
tui_check "decomposed text is typed" "^Search: $nfd\$"
tui_keys BSpace BSpace BSpace
tui_check "one Backspace removes a whole cluster" '^Search: Ho$'
tui_type "$(printf '\141\314\206\314\200')x"
tui_keys Left Left
tui_type 'y'
tui_check "Left moves over a whole cluster" "^Search: Hoy$(printf '\141\314\206\314\200')x\$"
tui_keys Escape
tui_check_gone "Esc cancels the search at once" '^Search:' 2

# Resize to 120x40 while running: everything is drawn again in place.
tui_resize 120 40
t_ok "after a resize to 120x40 the hints are on line 39" \
    tui_wait_line 39 '^\? Help +q Quit'
t_ok "after a resize the title bar is 120 columns wide" \
    tui_wait_line 1 '^ vanthu .{100,}offline'
t_is "nothing is left of the old hint line" "" \
    "$(tui_line 23 | tr -d ' ')"
tui_check "120x40: wide columns" '^Flag +Arr\. +Number +Date +From +Subject +Due'
tui_keys q
tui_wait_exit 5
t_ok "q on the inbox quits" tui_exited
t_is "quitting exits 0" 0 "$(tui_exit_status)"
tui_stop

# Key bindings from the configuration file (neomutt-style bind).
cat >"$XDG_CONFIG_HOME/vanthu/config" <<'CONF'
# a user's bindings
bind = inbox <f2> help
bind = generic x quit
CONF
tui_start 80 24 LC_ALL=C -- ui --offline
tui_check "started with bindings" '^ vanthu +Incoming documents'
tui_keys F2
tui_check "a key bound in the configuration runs its function" 'Help: keys of this screen'
# The help wraps long lines: the binding may be further down.
tui_keys /
tui_type "F2 "
tui_keys Enter
tui_check "the help shows the new binding" '^F2 +Help '
tui_keys q
tui_check "back to the inbox" '^ vanthu +Incoming documents'
tui_keys x
tui_wait_exit 5
t_ok "a rebound key quits" tui_exited
tui_stop

# q unbound: the hint bar and Esc's message name the quit key instead
# (never Esc, which does not leave the first screen).
cat >"$XDG_CONFIG_HOME/vanthu/config" <<'CONF'
bind = generic q noop
CONF
tui_start 80 24 LC_ALL=C -- ui --offline
tui_check "q unbound: the inbox" '^ vanthu +Incoming documents'
esc_names_hint_key "q unbound" "This is the first screen; to leave vanthu press" \
    Quit Q
tui_keys Q
tui_wait_exit 5
t_ok "q unbound: the key named quits" tui_exited
tui_stop

cat >"$XDG_CONFIG_HOME/vanthu/config" <<'CONF'
bind = inbox x no-such-function
CONF
tui_start 80 24 LC_ALL=C -- ui --offline
tui_check "a wrong bind line is reported with its line" "Configuration file, line 1: unknown function 'no-such-function'"
tui_stop
rm -f "$XDG_CONFIG_HOME/vanthu/config"

# TERM=vt100: no colours, still usable (reverse video and bold).
tui_start 80 24 LC_ALL=C TERM=vt100 -- ui --offline
tui_check "TERM=vt100: the inbox" '^ vanthu +Incoming documents'
tui_check "TERM=vt100: the hints" '^\? Help +q Quit'
tui_keys '?'
tui_check "TERM=vt100: help" 'Help: keys of this screen'
tui_keys Escape
tui_check "TERM=vt100: Esc goes back" '^ vanthu +Incoming documents'
tui_stop

# Vietnamese under vi_VN.UTF-8.
if dir=$(tui_vi_localedir); then
	tui_start 80 24 LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" -- ui --offline
	tui_check "vi_VN: the title in Vietnamese" 'Văn bản đến'
	tui_check "vi_VN: key hints in Vietnamese" '^\? Trợ giúp'
	tui_check "vi_VN: offline in Vietnamese" 'ngoại tuyến *$'
	esc_names_hint_key "vi_VN" "Đây là màn hình đầu; muốn thoát vanthu hãy nhấn" \
	    Thoát q
	tui_keys '?'
	tui_check "vi_VN: help in Vietnamese" 'Trợ giúp'
	tui_stop
else
	t_skip "vi_VN: the title in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi

# No terminal: a clear message, not a broken screen.
err=$("$VANTHU" ui --offline </dev/null 2>&1 >/dev/null); rc=$?
t_is "without a terminal ui exits 1" 1 "$rc"
t_match "without a terminal ui says why" 'needs a terminal' "$err"
t_done
