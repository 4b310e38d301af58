#!/bin/sh
# Issue 17: '/' in the inbox, typed key by key in the real interface
# and erased with Backspace, shows at every key the rows a fresh search
# of what the prompt holds gives (`vanthu inbox --search`, the same core
# search): with and without diacritics, in capitals, several words, a
# query that matches nothing then is corrected.  Each Backspace gives
# back exactly the screen shown when that text was typed (the core keeps
# the earlier answers: vt_isearch), and Enter then Esc leave the list as
# a fresh search leaves it.  Behaviour only: nothing is timed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
# Enough documents for searches that narrow step by step.
if ! tui_refserver --documents 1500; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config
echo chutich-2026 | "$VANTHU" login --username chutich --password-stdin \
    >/dev/null 2>&1 && "$VANTHU" sync >/dev/null 2>&1
t_is "log in and sync" 0 "$?"
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=

# count TEXT: how many documents a fresh search of TEXT finds.
count() {
	if [ -z "$1" ]; then
		"$VANTHU" inbox --offline | wc -l | tr -d ' '
	else
		"$VANTHU" inbox --offline --search "$1" | wc -l | tr -d ' '
	fi
}

# body: the list as shown (title and rows; the prompt below is not).
body() {
	tui_screen | sed -n '1,27p'
}

# at TEXT: wait until the prompt holds TEXT and the title counts the
# rows a fresh search of TEXT finds (the prompt is drawn after the
# list, in the same update); a TAP check.  The list is kept in $shown.
at() {
	want=$(count "$1")
	# The screen does not show spaces at the end of a line.
	p=$(printf '%s' "$1" | sed 's/ *$//')
	t_n=$((t_n + 1))
	if tui_wait "^Search: $p\$" 60 &&
	    tui_wait "Incoming documents \\($want\\)" 60; then
		echo "ok $t_n - \"$1\": $want rows, as a fresh search"
	else
		echo "not ok $t_n - \"$1\": $want rows, as a fresh search"
		tui_screen | sed 's/^/# |/'
		t_failed=$((t_failed + 1))
	fi
	shown=$(body)
}

tui_start 100 30 LC_ALL=C.UTF-8 -- ui --offline
tui_check "the inbox" "Incoming documents \\($(count '')\\)" 60
first=$(tui_screen | sed -n 3p)

# session NAME CHARACTER...: type the characters one key at a time,
# then erase them one Backspace at a time; every screen on the way back
# is the one shown when the same text was typed.  The screen of the
# whole text is kept in $tui_tmp/NAME.
session() {
	name=$1
	shift
	tui_keys /
	tui_wait '^Search:' 60
	typed= i=0
	for c in "$@"; do
		typed="$typed$c"
		tui_type "$c"
		at "$typed"
		i=$((i + 1))
		printf '%s\n' "$typed" >"$tui_tmp/text.$i"
		printf '%s\n' "$shown" >"$tui_tmp/typed.$i"
	done
	printf '%s\n' "$shown" >"$tui_tmp/$name"
	while [ $i -gt 1 ]; do
		i=$((i - 1))
		typed=$(cat "$tui_tmp/text.$i")
		tui_keys BSpace
		at "$typed"
		t_is "Backspace to \"$typed\": the screen shown when typed" \
		    "$(cat "$tui_tmp/typed.$i")" "$shown"
	done
	tui_keys BSpace Escape
	tui_wait_gone '^Search:' 60
}

session diacritics h o ằ n g ' ' h ó a
# The first row is found all along, so the selection stays on it and
# the screens compared have the same first row (its number and date;
# its cells scroll to show the words found).
t_is "the first row is found by every key" \
    "$(printf '%s\n' "$first" | cut -c1-28)" \
    "$(sed -n 3p "$tui_tmp/diacritics" | cut -c1-28)"
session plain h o a n g ' ' h o a
t_is "without diacritics: the rows found with them" \
    "$(cat "$tui_tmp/diacritics")" "$(cat "$tui_tmp/plain")"
session capitals H O Ằ N G ' ' H O Á
t_is "in capitals: the same rows" \
    "$(cat "$tui_tmp/diacritics")" "$(cat "$tui_tmp/capitals")"
# Three words narrowing step by step, some letters with their marks.
session plan k ế ' ' h o ạ c h ' ' n ă m
# Nothing, then corrected: Backspace brings the rows back.
session nothing h o a n g ' ' h o a x
t_match "a query that matches nothing says so" 'Nothing matches here' \
    "$(cat "$tui_tmp/nothing")"

# Several words, a word deleted in the middle of the prompt: the rows of
# a fresh search each time.
tui_keys /
tui_wait '^Search:' 60
tui_type 'hoa thi'
at 'hoa thi'
tui_keys Home Right Right Right BSpace BSpace BSpace
at ' thi'
tui_keys Delete
at 'thi'
tui_keys End
tui_type ' hoằng'
at 'thi hoằng'
tui_keys Enter
tui_check "Enter keeps the rows found" \
    "Incoming documents \\($(count 'thi hoằng')\\) \\[/thi hoằng\\]" 60
tui_keys /
tui_wait '^Search:' 60
tui_keys Enter
tui_check "an empty search shows all again" \
    "Incoming documents \\($(count '')\\)" 60
tui_wait_gone '\[/' 60
t_is "the first row as at the start" "$first" "$(tui_screen | sed -n 3p)"
# The oldest documents (two years back): a date of another year shows
# its year, never a day and month that would read as this year's.
year=$(TZ=Asia/Ho_Chi_Minh date +%Y)
tui_keys End
tui_wait "Incoming documents \\($(count '')\\)" 60
old=$(tui_screen | sed -n '3,26p' | grep -c ' 20[0-9][0-9] *$')
t_ok "at the end, deadlines of other years show their year ($old)" \
    test "$old" -gt 0
t_is "and none of them is shown as a day and month" "" \
    "$(tui_screen | sed -n '3,26p' | grep -v " $year" | grep ' [0-3][0-9]/[01][0-9] ')"
tui_keys q
tui_wait_exit 60
t_done
