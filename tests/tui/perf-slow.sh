#!/bin/sh
# Issue 17: the slow-link display (slow_link = yes) shows the same rows,
# columns and title as the normal one (first screen, next page, a
# document's reader), the selected row marked by an
# arrow instead of a reverse-video bar; moving the selection really
# writes fewer bytes to the terminal (counted with tmux pipe-pane, not
# timed); a list scrolls by half a screen; a bad value is refused in
# the user's language; auto turns it on over SSH when the terminal
# answers slowly.  '/' narrowing: typing more letters and deleting
# them gives the rows of a fresh search.
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
# The cache, written from the command line (the interface's login has
# tests of its own).
echo chutich-2026 | "$VANTHU" login --username chutich --password-stdin \
    >/dev/null 2>&1 && "$VANTHU" sync >/dev/null 2>&1
t_is "log in and sync" 0 "$?"
# The first document of the list (by arrival, as the interface sorts),
# opened once so that its reader has content offline.
top=$("$VANTHU" inbox --offline --sort arrival --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["documents"][0]["id"])')
"$VANTHU" show "$top" >/dev/null 2>&1
t_is "the first document opened online ($top)" 0 "$?"
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=

# screen_e: the screen with its colours and attributes (a bar that moves
# changes only those).
screen_e() {
	tmux -L "$tui_sock" capture-pane -p -e 2>/dev/null
}

# press_wait KEY: press KEY and wait (60 s at most) until the screen,
# attributes included, changes.
press_wait() {
	pw_before=$(screen_e | md5sum)
	tui_keys "$1"
	pw_d=$(( $(date +%s) + 60 ))
	while [ "$(screen_e | md5sum)" = "$pw_before" ] &&
	    [ "$(date +%s)" -lt $pw_d ]; do
		sleep 0.02
	done
}

# quit_ui: leave (Q); a session still ending after 5 s (its worker may
# be waiting to retry the unreachable server) goes with its tmux server:
# what it does then is not what this test is about.
quit_ui() {
	tui_keys Q
	tui_wait_exit 5 || tui_stop
}

# stable_screen: the screen once two captures 0.2 s apart agree (60 s
# at most), what a worker thread had to draw included.
stable_screen() {
	ss_prev=$(tui_screen)
	ss_d=$(( $(date +%s) + 60 ))
	while sleep 0.2; do
		ss_now=$(tui_screen)
		[ "$ss_now" = "$ss_prev" ] && break
		[ "$(date +%s)" -ge $ss_d ] && break
		ss_prev=$ss_now
	done
	printf '%s\n' "$ss_prev"
}

# bytes_for NAME KEY N PATTERN: press KEY N times (each time waiting for
# the screen to change), recording what vanthu writes; then wait for
# PATTERN and print the byte count.
bytes_for() {
	rm -f "$tui_tmp/$1.bytes" "$tui_tmp/$1.done"
	tmux -L "$tui_sock" pipe-pane -o \
	    "cat >'$tui_tmp/$1.bytes'; touch '$tui_tmp/$1.done'"
	k=0
	while [ $k -lt "$3" ]; do
		press_wait "$2"
		k=$((k + 1))
	done
	tui_wait "$4" 60
	tmux -L "$tui_sock" pipe-pane
	d=$(( $(date +%s) + 60 ))
	while [ ! -f "$tui_tmp/$1.done" ] && [ "$(date +%s)" -lt $d ]; do
		sleep 0.05
	done
	wc -c <"$tui_tmp/$1.bytes"
}

# other_screens MODE: from the first row, the next page of the list
# (PageDown) and the first document's reader (Home, Enter), saved as
# $tui_tmp/MODE.page and MODE.reader; back to the list.
other_screens() {
	press_wait NPage
	tui_screen >"$tui_tmp/$1.page"
	press_wait Home
	tui_keys Enter
	tui_wait 'q Back' 60
	stable_screen >"$tui_tmp/$1.reader"
	tui_keys q
	tui_wait 'Incoming documents \(' 60
}

# The normal display.
tui_start 100 30 LC_ALL=C.UTF-8 -- ui --offline
tui_check "the normal display shows the inbox" 'Incoming documents \(' 60
tui_wait 'Urgent' 60
tui_screen >"$tui_tmp/normal.screen"
first=$(tui_selected)
t_ok "the normal display selects with a bar" test -n "$first"
normal=$(bytes_for normal Down 4 '.')
sel=$(tui_selected)
t_ok "Down moves the bar" test "$sel" != "$first"
other_screens normal
t_nomatch "the first document reads offline" 'Not available offline' \
    "$(cat "$tui_tmp/normal.reader")"
quit_ui

# The slow-link display: the same content, an arrow.
tui_config "slow_link = yes"
tui_start 100 30 LC_ALL=C.UTF-8 -- ui --offline
tui_check "the slow-link display shows the inbox" 'Incoming documents \(' 60
tui_wait 'Urgent' 60
tui_screen >"$tui_tmp/slow.screen"
esc=$(printf '\033')
t_is "no row of the list is drawn in reverse video" 0 \
    "$(tmux -L "$tui_sock" capture-pane -p -e | sed -n '3,25p' |
    grep -c "${esc}\\[[0-9;]*7[;m]")"
t_is "the arrow is on the first row" "->" \
    "$(sed -n 3p "$tui_tmp/slow.screen" | cut -c 1-2)"
# (The title's right end tells what waits in the outbox: reading the
# document in the normal display queued its read mark.)
t_is "the same title" "$(sed -n 1p "$tui_tmp/normal.screen" | cut -c 1-40)" \
    "$(sed -n 1p "$tui_tmp/slow.screen" | cut -c 1-40)"
# Rows: the same text after the arrow's two columns (the subject, the
# one column that gives up width, is two columns shorter: compare the
# columns before it and the first letters of it).
sed -n '2,20p' "$tui_tmp/normal.screen" | cut -c 1-70 >"$tui_tmp/n.rows"
sed -n '2,20p' "$tui_tmp/slow.screen" | cut -c 3-72 >"$tui_tmp/s.rows"
cmp -s "$tui_tmp/n.rows" "$tui_tmp/s.rows"
t_is "the same rows and columns" 0 "$?"
[ $? -eq 0 ] || diff "$tui_tmp/n.rows" "$tui_tmp/s.rows" | sed 's/^/# /'
slow=$(bytes_for slow Down 4 '^->')
other_screens slow
sed -n '2,26p' "$tui_tmp/normal.page" | cut -c 1-70 >"$tui_tmp/n.page"
sed -n '2,26p' "$tui_tmp/slow.page" | cut -c 3-72 >"$tui_tmp/s.page"
cmp -s "$tui_tmp/n.page" "$tui_tmp/s.page"
t_is "the next page (PageDown): the same rows" 0 "$?"
[ $? -eq 0 ] || diff "$tui_tmp/n.page" "$tui_tmp/s.page" | sed 's/^/# /'
# (Line 1's right end counts the outbox: each reading queued a mark.)
for m in normal slow; do
	{ sed -n 1p "$tui_tmp/$m.reader" | cut -c 1-60
	  sed -n '2,$p' "$tui_tmp/$m.reader"; } >"$tui_tmp/$m.r"
done
cmp -s "$tui_tmp/normal.r" "$tui_tmp/slow.r"
same=$?
t_is "a document's reader: the same screen" 0 "$same"
[ "$same" -eq 0 ] ||
    diff "$tui_tmp/normal.r" "$tui_tmp/slow.r" | sed 's/^/# /'
press_wait Down
press_wait Down
press_wait Down
press_wait Down
t_is "Down moves the arrow (row 4 of the list)" "->" \
    "$(tui_line 7 | cut -c 1-2)"
t_is "the row it left has none" "  " "$(tui_line 3 | cut -c 1-2)"
t_ok "moving the selection writes less ($slow bytes, normal $normal)" \
    test "$slow" -lt "$normal"
t_ok "at most 40 bytes per move ($slow for 4)" test "$slow" -le 160
# Half a screen per scroll: past the first row shown, the selection
# comes back to the middle of the screen, not to its first row.
# arrow_line: the screen line of the arrow; wait_arrow OP N: wait until
# that line compares to N as test's OP says.
arrow_line() {
	tui_screen | grep -n '^->' | cut -d: -f1 | head -n 1
}
wait_arrow() {
	d=$(( $(date +%s) + 60 ))
	until test "$(arrow_line)" "$1" "$2"; do
		[ "$(date +%s)" -ge $d ] && return 1
		sleep 0.05
	done
}
tui_keys NPage
wait_arrow -gt 0
line=$(arrow_line)
while [ "$line" -gt 3 ]; do
	tui_keys Up
	wait_arrow -eq $((line - 1))
	line=$((line - 1))
done
t_is "the arrow is on the first row shown" 3 "$(arrow_line)"
tui_keys Up
wait_arrow -ne 3
line=$(arrow_line)
t_ok "one Up more scrolls half a screen: the arrow in the middle (line $line)" \
    test "$line" -gt 10 -a "$line" -lt 20
quit_ui

# The help at 80x24, in both displays: wrapped to the columns left
# beside the arrow, never cut ("…" at a line's end).
for mode in no yes; do
	tui_config "slow_link = $mode"
	tui_start 80 24 LC_ALL=C.UTF-8 -- ui --offline
	tui_wait 'Incoming documents \(' 60
	tui_keys '?'
	tui_wait 'again: all' 60
	stable_screen >"$tui_tmp/help-$mode"
	t_is "slow_link = $mode: no line of the help is cut at 80 columns" 0 \
	    "$(grep -c '…$' "$tui_tmp/help-$mode")"
	quit_ui
done

# slow_link = auto (the default) over SSH: the terminal's answer to a
# cursor position request, timed at start (tests/tui/slow-rtt.py plays
# the terminal and answers at once, or after 400 ms).
tui_config
: "${PYTHON3:=python3}"
t_is "auto over SSH, a terminal that answers at once: the bar" bar \
    "$("$PYTHON3" "$top_srcdir/tests/tui/slow-rtt.py" "$VANTHU" 0)"
t_is "auto over SSH, an answer after 400 ms: the arrow" arrow \
    "$("$PYTHON3" "$top_srcdir/tests/tui/slow-rtt.py" "$VANTHU" 400)"

# A bad value is refused when the configuration is read, as any other
# setting's: with the file and line, by the interface and the command
# line alike (never taken silently for another value).
tui_config "slow_link = maybe"
tui_start 160 30 LC_ALL=C.UTF-8 -- ui --offline
tui_check "a bad slow_link is refused, with the file and line" \
    'config:[0-9]+: slow_link must be yes, no or auto' 60
tui_stop
out=$(LC_ALL=C.UTF-8 "$VANTHU" inbox --offline 2>&1); rc=$?
t_is "the command line refuses it too (configuration error)" 1 "$rc"
t_match "with the same words" \
    'Configuration error: .*config:[0-9]+: slow_link must be yes, no or auto' \
    "$out"
if loc=$(tui_vi_localedir); then
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$loc" "$VANTHU" inbox \
	    --offline 2>&1)
	t_match "in Vietnamese too" \
	    'config:[0-9]+: slow_link phải là yes, no hoặc auto' "$out"
else
	t_skip "in Vietnamese too" "no vi_VN.UTF-8 locale or catalogue"
fi

# Incremental search: narrowing letter by letter, then deleting, gives
# the rows a fresh search gives.
tui_config
tui_start 100 30 LC_ALL=C.UTF-8 -- ui --offline
tui_wait 'Urgent' 60
tui_keys /
tui_wait '^Search:' 60
tui_type 'hoang hoa'
tui_wait 'rows? show|Search: hoang hoa' 60
tui_keys Enter
tui_check "typed letter by letter: rows shown" 'rows? shows? "hoang hoa"' 60
typed=$(tui_screen | sed -n '3,26p')
tui_keys /
tui_wait '^Search:' 60
tui_keys C-u
tui_type 'hoang hoa xyz'
tui_keys BSpace BSpace BSpace BSpace Enter
tui_check "after deleting letters: rows shown" 'rows? shows? "hoang hoa"' 60
t_is "the same rows as typed in one go" "$typed" \
    "$(tui_screen | sed -n '3,26p')"
quit_ui
t_done
