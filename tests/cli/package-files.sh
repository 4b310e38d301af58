#!/bin/sh
# What a packager installs beside the program: the system-wide
# configuration under XDG_CONFIG_DIRS, the example configuration, and the
# bash completion (commands, options, ids of cached documents and drafts).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --quiet
user_cfg="$XDG_CONFIG_HOME/vanthu/config"

# System-wide configuration: read first, the user's file overrides it.
sys="$tmp/xdg1" sys2="$tmp/xdg2"
mkdir -p "$sys/vanthu" "$sys2/vanthu"
grep -v '^server' "$user_cfg" >"$tmp/user-noserver"
printf 'server = %s\n' "$URL" >"$sys/vanthu/config"
printf 'server = https://127.0.0.1:1\n' >"$sys2/vanthu/config"
cp "$tmp/user-noserver" "$user_cfg"
XDG_CONFIG_DIRS="$sys:$sys2"
export XDG_CONFIG_DIRS
t_ok "the server comes from the first directory of XDG_CONFIG_DIRS" \
    sh -c 'echo chutich-2026 | "$VANTHU" login --username chutich --password-stdin'
printf 'server = https://127.0.0.1:1\n' >>"$user_cfg"
out=$("$VANTHU" inbox 2>&1)
t_match "the user's file overrides the system's server" \
    "https://127\\.0\\.0\\.1:1[^0-9]" "$out"
cp "$tmp/user-noserver" "$user_cfg"
printf 'server https://x\n' >"$sys2/vanthu/config"
out=$("$VANTHU" inbox --offline 2>&1)
rc=$?
t_is "a broken system file is an error" 1 "$rc"
t_match "the error names the system file" "$sys2/vanthu/config:1" "$out"
rm "$sys2/vanthu/config"
unset XDG_CONFIG_DIRS
out=$(XDG_CONFIG_DIRS="$sys" "$VANTHU" inbox --json)
t_is "inbox works with only the system's server" 0 "$?"

# The example configuration names every key of vanthu.conf(5).
keys=$(sed -n 's/^\.It Ic \([a-z_]*\) No = .*/\1/p' \
    "$top_srcdir/man/vanthu.conf.5" | sort -u)
missing=
for k in $keys; do
	grep -q "^#\{0,1\}$k = " "$top_srcdir/docs/examples/config" ||
	    missing="$missing $k"
done
t_is "the example configuration has every key of vanthu.conf(5)" "" \
    "$missing"
grep -v '^#' "$top_srcdir/docs/examples/config" | grep -v '^$' >"$tmp/ex"
t_is "the example configuration sets nothing (all comments)" "" \
    "$(cat "$tmp/ex")"

# Bash completion, with bash-completion's own helpers.
bc=/usr/share/bash-completion/bash_completion
if [ ! -r "$bc" ] || ! command -v bash >/dev/null 2>&1; then
	t_skip "bash completion" "bash-completion is not installed"
	t_done
fi
XDG_CONFIG_DIRS="$sys"
export XDG_CONFIG_DIRS
"$VANTHU" drafts --all >/dev/null 2>&1
cat >"$tmp/comp.bash" <<'EOF2'
. /usr/share/bash-completion/bash_completion
. "$top_srcdir/contrib/vanthu.bash"
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_vanthu
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
EOF2
comp() {
	PATH="$(dirname "$VANTHU"):$PATH" bash -c '. "$1"; shift; comp "$@"' \
	    comp "$tmp/comp.bash" "$@"
}
t_match "commands complete" "verify" "$(comp vanthu ve)"
t_is "'inb' completes to inbox only" "inbox" "$(comp vanthu inb)"
t_is "'inc' completes to incoming-register" "incoming-register" "$(comp vanthu inc)"
t_match "options of a command complete" "--unread" "$(comp vanthu inbox --u)"
t_match "draft subcommands complete" "approve" "$(comp vanthu draft a)"
ids=$("$VANTHU" inbox --offline --json | grep -o '"id": *"[^"]*"' |
    head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
t_ok "the cache has a document id ($ids)" test -n "$ids"
t_match "document ids come from the cache" "$ids" "$(comp vanthu show '')"
did=$("$VANTHU" drafts --all --offline --json | grep -o '"id": *"[^"]*"' |
    head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
t_match "draft ids come from the cache" "$did" "$(comp vanthu draft show '')"
t_done
