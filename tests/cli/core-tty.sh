#!/bin/sh
# Passwords typed on a terminal (tmux): read without echo at login, and
# asked again when the session expired, so that the action goes out at
# once (re-login on 401).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
core_setup
sock="vtcore$$"
trap 'tmux -L "$sock" kill-server >/dev/null 2>&1; core_cleanup' EXIT
core_server_start
obs=$(api_token phochutich)

# run_tty ARGS...: run vanthu ARGS in a new tmux pane; status in $tmp/st.
run_tty() {
	rm -f "$tmp/st"
	{
		echo '#!/bin/sh'
		printf 'XDG_CONFIG_HOME=%s XDG_STATE_HOME=%s XDG_CACHE_HOME=%s ' \
		    "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
		printf 'HOME=%s LC_ALL=C.UTF-8 LANGUAGE= %s' "$HOME" "$VANTHU"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf '\necho $? >%s\n' "$tmp/st"
	} >"$tmp/run.sh"
	chmod +x "$tmp/run.sh"
	tmux -L "$sock" kill-server >/dev/null 2>&1
	echo 'set-option -g remain-on-exit on' >"$tmp/tmux.conf"
	tmux -L "$sock" -f "$tmp/tmux.conf" new-session -d -x 100 -y 20 \
	    "$tmp/run.sh"
}

# wait_screen PATTERN: wait (60 s at most: a loaded machine is slow) until
# the pane shows PATTERN.
wait_screen() {
	i=0
	while [ $i -lt 600 ]; do
		tmux -L "$sock" capture-pane -p >"$tmp/screen" 2>/dev/null
		grep -q -- "$1" "$tmp/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

wait_status() {
	i=0
	while [ ! -s "$tmp/st" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$tmp/st" 2>/dev/null
}

run_tty login --username chutich
t_ok "login asks for the password on the terminal" \
    wait_screen 'Password for chutich on'
tmux -L "$sock" send-keys 'chutich-2026' Enter
t_is "login with the typed password exits 0" 0 "$(wait_status)"
wait_screen 'Logged in as' >/dev/null
t_match "login succeeded" 'Logged in as Nguyễn Văn Hùng' "$(cat "$tmp/screen")"
t_nomatch "the password was not echoed" 'chutich-2026' "$(cat "$tmp/screen")"

vt inbox >/dev/null
doc=$(vt inbox --offline --json | jq_py '[d["id"] for d in j["documents"] if d["status"] not in ("02","06")][0]')
before=$(comment_count "$obs" "$doc")
curl -s --cacert "$CA" -H 'Content-Type: application/json' \
    -d '{"kind": "expire_tokens", "username": "chutich"}' \
    "$URL/admin/faults" >/dev/null
run_tty comment "$doc" "Ý kiến sau khi đăng nhập lại"
t_ok "an expired session asks for the password again" \
    wait_screen 'session has expired. Password for chutich'
tmux -L "$sock" send-keys 'chutich-2026' Enter
t_is "the comment then goes out (exit 0)" 0 "$(wait_status)"
t_is "exactly once" $((before + 1)) "$(comment_count "$obs" "$doc")"
t_nomatch "the password was not echoed" 'chutich-2026' \
    "$(tmux -L "$sock" capture-pane -p)"
t_is "the outbox is empty" 0 "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_done
