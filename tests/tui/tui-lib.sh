# Helpers for the terminal interface's tests: vanthu runs in a detached
# tmux server on a private socket; the tests type keys with send-keys and
# read the screen with capture-pane.  Screens are waited for by polling
# (with a time limit), never with fixed sleeps.  Source after tests/lib.sh.

# Each tui_start gets a tmux server of its own (a server being killed
# must not take the next session with it).
tui_nstart=0
tui_sock="vt$$"
tui_tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-tui.XXXXXX")
tui_server_pid=

tui_cleanup() {
	i=0
	while [ $i -le $tui_nstart ]; do
		tmux -L "vt$$-$i" kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	tmux -L "$tui_sock" kill-server >/dev/null 2>&1
	if [ -n "$tui_server_pid" ]; then
		kill "$tui_server_pid" 2>/dev/null
		wait "$tui_server_pid" 2>/dev/null
	fi
	rm -rf "$tui_tmp"
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# Isolated XDG directories: nothing of the user's is read or written.
export XDG_CONFIG_HOME="$tui_tmp/config"
export XDG_STATE_HOME="$tui_tmp/state"
export XDG_CACHE_HOME="$tui_tmp/cache"
export XDG_DATA_HOME="$tui_tmp/data"
export HOME="$tui_tmp/home"
mkdir -p "$XDG_CONFIG_HOME/vanthu" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" \
    "$HOME"

# tui_have_tmux: whether tmux can run here.
tui_have_tmux() {
	command -v tmux >/dev/null 2>&1
}

# tui_start COLS ROWS [VAR=VALUE]... -- ARGS...: run vanthu ARGS in a
# COLS x ROWS terminal, with the variables set (TERM, LC_ALL...).
tui_start() {
	tui_cols=$1 tui_rows=$2
	shift 2
	tui_nstart=$((tui_nstart + 1))
	tui_sock="vt$$-$tui_nstart"
	tui_env=
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		tui_env="$tui_env '$1'"
		shift
	done
	[ "$1" = "--" ] && shift
	tui_args=
	for a in "$@"; do
		tui_args="$tui_args '$a'"
	done
	rm -f "$tui_tmp/status"
	printf '#!/bin/sh\nenv XDG_CONFIG_HOME=%s XDG_STATE_HOME=%s XDG_CACHE_HOME=%s HOME=%s %s %s %s\necho $? >%s\n' \
	    "'$XDG_CONFIG_HOME'" "'$XDG_STATE_HOME'" "'$XDG_CACHE_HOME'" \
	    "'$HOME'" "$tui_env" "'$VANTHU'" "$tui_args" \
	    "'$tui_tmp/status'" >"$tui_tmp/run.sh"
	chmod +x "$tui_tmp/run.sh"
	# The pane stays after the program ends, to read its last screen.
	echo 'set-option -g remain-on-exit on' >"$tui_tmp/tmux.conf"
	tmux -L "$tui_sock" -f "$tui_tmp/tmux.conf" new-session -d \
	    -x "$tui_cols" -y "$tui_rows" "$tui_tmp/run.sh"
}

# tui_screen: the screen as text.
tui_screen() {
	tmux -L "$tui_sock" capture-pane -p 2>/dev/null
}

# tui_keys KEY...: type keys (tmux key names: Enter, Escape, Down, C-l...).
tui_keys() {
	tmux -L "$tui_sock" send-keys "$@" 2>/dev/null
}

# tui_type TEXT: type TEXT literally.
tui_type() {
	tmux -L "$tui_sock" send-keys -l "$1" 2>/dev/null
}

# tui_bound SECONDS: how long a wait may last.  A wait returns as soon as
# what it waits for happens, so its bound only matters when the program
# is wrong; it is at least 60 s, as a loaded 2-core machine can stall a
# test for many seconds (tui_wait_strict keeps a bound that is part of
# the behaviour under test).
tui_bound() {
	if [ "${1:-60}" -lt 60 ]; then echo 60; else echo "$1"; fi
}

# tui_wait PATTERN [SECONDS]: wait until the screen matches grep -E
# PATTERN; returns 1 after SECONDS (at least 60, see tui_bound) without it.
tui_wait() {
	tui_wait_strict "$1" "$(tui_bound "${2:-60}")"
}

# tui_wait_strict PATTERN SECONDS: tui_wait with exactly that bound.
tui_wait_strict() {
	tui_deadline=$(( $(date +%s) + $2 ))
	while :; do
		if tui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		[ "$(date +%s)" -ge "$tui_deadline" ] && return 1
		tmux -L "$tui_sock" has-session 2>/dev/null || return 1
		sleep 0.05
	done
}

# tui_wait_gone PATTERN [SECONDS]: wait until PATTERN is not on screen.
tui_wait_gone() {
	tui_deadline=$(( $(date +%s) + $(tui_bound "${2:-60}") ))
	while :; do
		if ! tui_screen | grep -Eq -- "$1"; then
			return 0
		fi
		[ "$(date +%s)" -ge "$tui_deadline" ] && return 1
		sleep 0.05
	done
}

# tui_wait_line N PATTERN [SECONDS]: wait until line N matches PATTERN.
tui_wait_line() {
	tui_deadline=$(( $(date +%s) + ${3:-10} ))
	while :; do
		if tui_line "$1" | grep -Eq -- "$2"; then
			return 0
		fi
		[ "$(date +%s)" -ge "$tui_deadline" ] && return 1
		sleep 0.05
	done
}

# tui_resize COLS ROWS: resize the terminal.
tui_resize() {
	tmux -L "$tui_sock" resize-window -t 0 -x "$1" -y "$2" 2>/dev/null
}

# tui_exited: whether the program has ended.
tui_exited() {
	[ -s "$tui_tmp/status" ]
}

# tui_wait_exit [SECONDS]: wait for the program to end.
tui_wait_exit() {
	tui_deadline=$(( $(date +%s) + ${1:-10} ))
	until tui_exited; do
		[ "$(date +%s)" -ge "$tui_deadline" ] && return 1
		sleep 0.05
	done
}

# tui_exit_status: the program's exit status once it ended.
tui_exit_status() {
	cat "$tui_tmp/status" 2>/dev/null
}

# tui_stop: end the tmux server (the program with it).
tui_stop() {
	tmux -L "$tui_sock" kill-server >/dev/null 2>&1
}

# tui_line N: line N (1-based) of the screen.
tui_line() {
	tui_screen | sed -n "${1}p"
}

# tui_check NAME PATTERN [SECONDS]: a TAP check that the screen shows
# PATTERN (waiting for it); prints the screen on failure.
tui_check() {
	t_n=$((t_n + 1))
	if tui_wait "$2" "${3:-10}"; then
		echo "ok $t_n - $1"
	else
		echo "not ok $t_n - $1"
		echo "# pattern: $2"
		tui_screen | sed 's/^/# |/'
		t_failed=$((t_failed + 1))
	fi
}

# tui_check_gone NAME PATTERN: a TAP check that PATTERN went away.
tui_check_gone() {
	t_n=$((t_n + 1))
	if tui_wait_gone "$2" "${3:-10}"; then
		echo "ok $t_n - $1"
	else
		echo "not ok $t_n - $1"
		echo "# still there: $2"
		tui_screen | sed 's/^/# |/'
		t_failed=$((t_failed + 1))
	fi
}

# tui_vi_localedir: a directory with the built Vietnamese catalogue, or
# nothing when there is none (or no vi_VN.UTF-8 locale).
tui_vi_localedir() {
	locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' || return 1
	for g in "$top_builddir/po/vi.gmo" "$top_srcdir/po/vi.gmo"; do
		if [ -f "$g" ]; then
			mkdir -p "$tui_tmp/locale/vi/LC_MESSAGES"
			cp "$g" "$tui_tmp/locale/vi/LC_MESSAGES/vanthu.mo"
			echo "$tui_tmp/locale"
			return 0
		fi
	done
	return 1
}

# tui_refserver [ARGS...]: start the reference server with a fresh
# state; sets tui_url and tui_state.  Returns 1 if it does not start.
tui_refserver() {
	tui_state="$tui_tmp/server"
	"$top_srcdir/tests/server/refserver" --state "$tui_state" --port 0 \
	    "$@" >"$tui_tmp/server.out" 2>"$tui_tmp/server.err" &
	tui_server_pid=$!
	tui_deadline=$(( $(date +%s) + 60 ))
	while ! grep -q '^https://' "$tui_tmp/server.out" 2>/dev/null; do
		if ! kill -0 "$tui_server_pid" 2>/dev/null ||
		    [ "$(date +%s)" -ge "$tui_deadline" ]; then
			cat "$tui_tmp/server.err" | sed 's/^/# server: /'
			return 1
		fi
		sleep 0.05
	done
	tui_url=$(grep '^https://' "$tui_tmp/server.out" | head -n 1)
}

# tui_selected: the text of the first line drawn in reverse video (the
# selected row of a list).
tui_selected() {
	tui_esc=$(printf '\033')
	tmux -L "$tui_sock" capture-pane -p -e 2>/dev/null |
	    sed -n "2,\$ { /${tui_esc}\\[[0-9;]*7[;m]/ { p; q; } }" |
	    sed "s/${tui_esc}\\[[0-9;]*m//g"
}

# tui_config: a configuration for the reference server started by
# tui_refserver, plus any extra lines given.
tui_config() {
	{
		echo "server = $tui_url"
		echo "ca_file = $tui_state/tls-ca.pem"
		for l in "$@"; do
			echo "$l"
		done
	} >"$XDG_CONFIG_HOME/vanthu/config"
}

# tui_login USER PASSWORD: on the login screen, log in and wait for the
# first sync to finish.  Returns 1 when it does not.
tui_login() {
	tui_wait 'Log in to the document server' 10 || return 1
	tui_keys Enter
	tui_wait '^User name:' 5 || return 1
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
	tui_wait '^Password:' 5 || return 1
	tui_type "$2"
	tui_keys Enter
	tui_wait 'Updated|Up to date' 30
}
