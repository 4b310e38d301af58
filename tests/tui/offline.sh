#!/bin/sh
# Offline first: with the server gone, the cached inbox and an opened
# document still show, a comment is queued (the title bar counts it),
# and it is sent once when the server is back.
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
port=${tui_url##*:}

tui_start 80 24 LC_ALL=C -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys Enter
tui_check "a document opens (and is cached)" '^-+ Page 1 of' 20
number=$(tui_screen | sed -n 's/^Number, notation: //p' | head -n 1)
tui_keys q

# The server goes away.
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=
tui_keys g
tui_check "the sync fails: offline" 'offline *$' 20
tui_keys Enter
tui_check "the document still opens from the cache" "^Number, notation: $number" 10
tui_check "its text too" '^-+ Page 1 of' 10
tui_check "it says the copy is the saved one" 'Offline: showing the saved copy'
tui_keys c
tui_wait '^Comment' 5
tui_type 'Ý kiến viết khi mất mạng'
tui_keys Enter
# The comment waits, alone: the document was marked read when it was
# opened online, so opening it offline queues no read mark.
tui_check "the comment waits in the outbox (title bar)" 'offline +to send: 1 *$' 20
# Opened again (twice), still nothing more to send.
tui_keys q Enter
tui_check "opened again offline" "^Number, notation: $number" 20
tui_keys q Enter
tui_check "and again" "^Number, notation: $number" 20
tui_keys q
tui_check "still one action to send" 'offline +to send: 1 *$' 20
tui_keys 4
tui_check "the outbox lists the comment" '^waiting +comment ' 5
t_nomatch "and no read mark" 'mark read' "$(tui_screen)"

# The server comes back on the same port with the same state.
"$top_srcdir/tests/server/refserver" --state "$tui_state" --port "$port" \
    >"$tui_tmp/server2.out" 2>"$tui_tmp/server2.err" &
tui_server_pid=$!
i=0
while ! grep -q '^https://' "$tui_tmp/server2.out" 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
tui_keys g
tui_check "back online, the comment is sent: nothing waits" 'Outbox \(0\)' 30
t_nomatch "the title bar counts nothing to send" 'to send' "$(tui_line 1)"
tui_check "online again" 'online *$'
tui_keys 1 Enter
tui_wait '^-+ Page 1 of' 20
tui_keys h
tui_check "the server has the comment" 'Ý kiến viết khi mất mạng' 20
n=$(tui_screen | sed -n '/^Comments$/,$p' | grep -c 'Ý kiến viết khi mất mạng')
t_is "it was sent exactly once (one comment)" 1 "$n"
tui_stop
t_done
