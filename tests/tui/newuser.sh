#!/bin/sh
# Findings of the new-user trial (docs: /work/notes/newuser.md): the
# help lists a key once, key hints are words, the login with a saved
# password, search-next in a draft, the outbox's refused actions,
# messages after actions, quitting with actions not sent yet.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi

# Help: Enter (^M, ^J and the keypad's Enter) is one line.
tui_start 100 30 LC_ALL=C -- ui --offline
tui_check "the inbox" '^ vanthu +Incoming documents'
tui_keys '?'
tui_check "the help screen" 'Help: keys of this screen'
t_is "Enter is listed once" 1 "$(tui_screen | grep -c '^Enter ')"
t_nomatch "hints are words, not identifiers" \
    'LogIn|ToReview|ToSign|NextPg|PrevPage|PrevPg|NextPage|MyRole' \
    "$(tui_screen)"
tui_keys q
tui_check "hints read as words" '2 To review'
tui_keys Q
tui_wait_exit 5
tui_stop

t_done
