#!/bin/sh
# Log in against the reference server, browse the inbox, search without
# accents, filters, views; 80x24 and 120x40; then offline from the cache.
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
cat >"$XDG_CONFIG_HOME/vanthu/config" <<CONF
server = $tui_url
ca_file = $tui_state/tls-ca.pem
CONF

# Log in at 80x24.
tui_start 80 24 LC_ALL=C -- ui --user chutich
tui_check "the login screen comes first" 'Log in to the document server'
tui_check "the user name is filled in" 'User name: +chutich'
tui_keys Enter
tui_check "the user name can be edited" '^User name: chutich'
tui_keys Enter
tui_check "the password is asked" '^Password:'
tui_type 'chutich-2026'
tui_check "the password is hidden" '^Password: \*{12}$'
tui_keys Enter
tui_check "logged in: the inbox" '^ vanthu +Incoming documents \([1-9][0-9]*\)' 20
tui_check "the sync fills the inbox" '^ *N?.... +[0-9]+ [0-9]+/' 20
tui_check "the sync says it is done" 'Updated: [0-9]+ (changed|documents)' 20
tui_check "online" 'online *$'
t_nomatch "no error on screen" 'Cannot|error|failed' "$(tui_screen)"

# Columns: the number/notation column is aligned on every row, whatever
# the Vietnamese text before it.
cols=$(tui_screen | sed -n '3,20p' | awk '{ print index($0, "/") }' | sort -u | wc -l)
t_ok "dates and numbers stay in their columns" test "$cols" -le 3

# Browsing: Down moves the selection, End goes to the last, Home back.
tui_keys Down Down
tui_keys End
tui_check "End reaches the last document" 'Incoming documents'
tui_keys Home
tui_keys PageDown
tui_keys PageUp

# Search without accents: "hoang hoa" finds "Hoằng Hóa".
tui_keys '/'
tui_type 'hoang hoa'
tui_check "the search is typed on the message line" '^Search: hoang hoa'
tui_keys Enter
t_nomatch "the search finds a document" 'Not found' "$(tui_screen)"
tui_keys Enter
tui_check "the document found is about Hoằng Hóa" 'Hoằng Hóa'
tui_keys q
tui_check "back to the inbox" '^ vanthu +Incoming documents'
tui_keys /
tui_type 'xyzzy khong co'
tui_keys Enter
tui_check "a search without result says so" 'Not found: xyzzy khong co'

# Filters.
tui_keys u
tui_check "u shows only unread" 'Incoming documents \([0-9]+\) \[unread\]'
# Opening one marks it read, in the list too (the cached inbox's row,
# vt_read_mark_sent), not only after the next sync.
nunread=$(tui_screen | sed -n 's/.*Incoming documents (\([0-9]*\)) \[unread\].*/\1/p' |
    head -n 1)
tui_keys Enter
tui_check "an unread document opens" '^Number, notation: ' 20
tui_keys q
tui_check "back in the list it is read: one unread less" \
    "Incoming documents \\($((nunread - 1))\\) \\[unread\\]" 20
tui_keys u o
tui_check "o shows only overdue" '\[overdue\]'
tui_keys o
tui_keys '!'
tui_check "! shows only urgent" '\[urgent\]'
tui_keys '!' m
tui_check "m shows only mine" '\[my role\]'
tui_keys m

# Views.
tui_keys 3
tui_check "3 shows the drafts to sign" 'Drafts to sign \([0-9]+\)'
tui_keys 2
tui_check "2 shows the drafts to review" 'Drafts to review'
tui_keys 4
tui_check "4 shows the outbox" 'Outbox \(0\)'
tui_keys 1
tui_check "1 back to the inbox" 'Incoming documents'

# 120x40.
tui_resize 120 40
t_ok "120x40: the hints move to the bottom" tui_wait_line 39 '^\? Help'
tui_check "120x40: full dates" ' [0-9]{2}/[0-9]{2}/20[0-9]{2} '
tui_keys q
tui_wait_exit 5
t_is "q quits with status 0" 0 "$(tui_exit_status)"
tui_stop

# Offline: the server is gone; the inbox comes from the cache at once.
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=
tui_start 80 24 LC_ALL=C -- ui
tui_check "offline: the cached inbox is shown" '^ vanthu +Incoming documents \([1-9][0-9]*\)' 5
tui_check "offline: it says so" 'offline *$' 20
tui_check "offline: the reason is shown" 'reach|connect' 20
tui_stop
t_done
