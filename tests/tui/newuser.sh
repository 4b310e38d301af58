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

if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config
tui_start 100 30 LC_ALL=C -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026

# A draft: n is the next search match (as the help says), i annotates.
tui_keys 3
tui_check "the drafts to sign" 'Drafts to sign \([1-9]'
tui_keys Enter
tui_check "a draft's text" '^-+ Page 1 of [0-9]+ -+$' 20
tui_keys /
tui_type 'can cu'
tui_keys Enter
tui_wait_gone '^Search:' 5
first=$(tui_selected)
t_match "the search finds a line" 'Căn cứ' "$first"
tui_keys n
tui_wait_gone "^$first\$" 5
t_match "n goes to the next match" 'Căn cứ' "$(tui_selected)"
t_nomatch "n does not annotate" '^Note on page' "$(tui_screen)"
tui_keys i
tui_check "i annotates" '^Note on page 1'
tui_keys Escape
tui_check "Esc cancels" 'Cancelled: nothing was done'
tui_keys q
tui_wait 'Drafts to sign' 5

t_done
