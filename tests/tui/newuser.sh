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
# (on the first or the second screenful of the help, as the number of
# the list's own keys, which come first, decides)
if [ "$(tui_screen | grep -c '^Enter ')" -eq 0 ]; then
	tui_keys NPage
	tui_wait '^Enter ' 5
fi
t_is "Enter is listed once" 1 "$(tui_screen | grep -c '^Enter ')"
t_nomatch "hints are words, not identifiers" \
    'LogIn|ToReview|ToSign|NextPg|PrevPage|PrevPg|NextPage|MyRole' \
    "$(tui_screen)"
t_nomatch "the function column is words, not binding names" \
    'filter-unread|view-inbox|search-next' "$(tui_screen)"
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

# Search in the list: which match of how many.
tui_keys /
tui_type 'hoang hoa'
tui_keys Enter
tui_check "the search narrows the list and says how many rows" '[0-9]+ rows show "hoang hoa" \(/ again: change or clear\)'
tui_check "the title says what the list is narrowed to" 'Incoming documents \([0-9]+\) \[/hoang hoa\]'
tui_keys / Enter
tui_check_gone "an empty search shows every row again" '\[/hoang hoa\]'

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
tui_check "in a draft too, the match count" 'Match 1 of [0-9]+ \(n: next\)'
tui_keys n
tui_wait_gone "^$first\$" 5
t_match "n goes to the next match" 'Căn cứ' "$(tui_selected)"
t_nomatch "n does not annotate" '^Note on page' "$(tui_screen)"
tui_keys i
tui_check "i annotates" '^Note on page 1'
tui_keys Escape
tui_check "Esc cancels" 'Cancelled: nothing was done'

# Approving: the message says so in words; a second approval is refused
# here, with no question and nothing left in the outbox.
tui_keys a
tui_wait '^Approve the draft' 5
tui_keys y
tui_check "the approval is sent, said in words" 'Approval sent' 20
tui_keys Home
tui_check "the server says approved" '^State: approved' 20
tui_keys a
tui_check "a second approval is refused at once" 'You have already approved this draft'
t_nomatch "without a question" '^Approve the draft' "$(tui_screen)"
t_is "nothing is queued for it" "" "$("$VANTHU" outbox 2>&1 | grep approve)"
tui_keys q
tui_wait 'Drafts to sign' 5

# The outbox: empty, it says so; a refused action (an assignment to
# nobody, from the command line) shows its full reason on Enter, and D
# drops it after a confirmation.
tui_keys 4
tui_check "the empty outbox says nothing waits" 'Nothing waiting to be sent\.'
t_nomatch "and does not offer to fetch" 'fetch them from the server' "$(tui_screen)"
"$VANTHU" assign i49 --lead nobody --due 2026-12-05 >"$tui_tmp/assign.out" 2>&1
t_is "the server refuses an assignment to nobody" 5 "$?"
reason=$("$VANTHU" outbox 2>&1 | tail -n 1)
echo "# outbox: $reason"
tui_keys 1 4
tui_check "the refused action is listed, action name in words" 'refused +assign +2815/QĐ-UBND'
tui_keys Enter
tui_check "Enter shows the refused action" 'Refused action'
tui_check "with the server's answer" "^The server's answer:"
tui_check "the reason in full" "Không có người dùng 'nobody' \\(HTTP 4"
tui_check "and how to drop it" 'not sent again.*press D'
t_nomatch "no offer to send it now" 'to send now' "$(tui_screen)"
tui_keys q
tui_wait 'Outbox \(1\)' 5
tui_keys D
tui_check "dropping asks first" '^Drop the refused action \(assign, 2815/QĐ-UBND\)\? It will not be sent\. \(y = yes'
tui_keys n
tui_check "n keeps it" 'Cancelled: nothing was done'
tui_keys D
tui_wait '^Drop the refused action' 5
tui_keys y
tui_check "y drops it" 'Dropped: the action was removed from the outbox'
tui_check "the outbox is empty" 'Outbox \(0\)'
t_nomatch "the command line's outbox is empty too" 'assign' "$("$VANTHU" outbox 2>&1)"
tui_keys 1
tui_keys Q
tui_wait_exit 10
t_is "nothing to send: Q quits at once" 0 "$(tui_exit_status)"
tui_stop

# Quitting with an action not sent yet (offline): a question first.
tui_start 100 30 LC_ALL=C -- ui --offline
tui_check "offline inbox" 'Incoming documents \([1-9]'
tui_keys c
tui_wait '^Comment' 5
tui_type 'Chờ gửi'
tui_keys Enter
tui_check "the comment waits" 'to send: 1'
tui_keys Q
tui_check "Q asks first, saying they are sent next time" '^Quit vanthu\? 1 action is not sent yet; it is kept and sent next time\. \(y = yes'
tui_keys n
tui_check "n stays" 'Not quitting'
t_ok "still running" test ! -s "$tui_tmp/status"
tui_keys q
tui_check "q on the last screen asks too" '^Quit vanthu\? 1 action is not sent yet'
tui_keys y
tui_wait_exit 10
t_is "y quits" 0 "$(tui_exit_status)"
tui_stop

# Vietnamese: help names the screen and the functions in words; the
# outbox names the action (the comment left above) in Vietnamese.
if dir=$(tui_vi_localedir); then
	tui_start 100 30 LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" -- ui --offline
	tui_check "vi_VN: the inbox" 'Văn bản đến'
	tui_keys '?'
	tui_check "vi_VN: help names the screen in Vietnamese" 'Trợ giúp: các phím của màn hình này \(danh sách\)'
	tui_check "vi_VN: the function column in Vietnamese" '^u +Chưa đọc '
	t_nomatch "vi_VN: no binding names" 'filter-unread|view-inbox' "$(tui_screen)"
	tui_keys q 4
	tui_check "vi_VN: the outbox names the action in Vietnamese" 'chờ gửi +ý kiến'
	tui_stop
else
	t_skip "vi_VN: help and outbox in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi

t_done
