#!/bin/sh
# Start-up loads only what a command needs (issue 17): the program is
# not linked with libcurl nor HarfBuzz's subsetter; it opens them when a
# command first uses them (src/lazy-*.c).  Seen through the dynamic
# loader's own trace (LD_DEBUG=files): --version, convert and a cached
# read (inbox --offline) load neither, yet login and sync still reach
# the reference server (libcurl loaded then) and the cached inbox they
# wrote reads back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
core_setup

# loaded NAME CMD...: the sonames CMD's process loaded, one per line
# (stdout and stderr of CMD itself in $tmp/NAME.out).
loaded() {
	l_name=$1
	shift
	LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/$l_name.ld" "$@" \
	    >"$tmp/$l_name.out" 2>&1
	l_rc=$?
	sed -n 's/^ *[0-9]*:[[:space:]]*file=\([^ ]*\) .*/\1/p' \
	    "$tmp/$l_name.ld".* | sort -u
	rm -f "$tmp/$l_name.ld".*
	return $l_rc
}

libs=$(loaded version "$VANTHU" --version)
t_is "--version runs" 0 "$?"
t_match "the trace lists the libraries --version loads" 'libc\.so' "$libs"
t_nomatch "--version loads no libcurl" 'libcurl' "$libs"
t_nomatch "--version loads no HarfBuzz" 'libharfbuzz' "$libs"

libs=$(echo 'Uû ban nh©n d©n' | loaded convert "$VANTHU" convert \
    --from tcvn3)
t_is "convert runs" 0 "$?"
t_match "convert still converts" 'ban nhân dân' "$(cat "$tmp/convert.out")"
t_nomatch "convert loads no libcurl" 'libcurl' "$libs"

core_server_start
libs=$(echo chutich-2026 | loaded login "$VANTHU" login --username chutich \
    --password-stdin)
t_is "login reaches the server" 0 "$?"
t_match "login loads libcurl when it needs it" 'libcurl\.so' "$libs"
libs=$(loaded sync "$VANTHU" sync)
t_is "sync reaches the server" 0 "$?"
core_server_stop

libs=$(loaded inbox "$VANTHU" inbox --offline)
t_is "inbox --offline reads the cache" 0 "$?"
t_match "the cached inbox lists the synced documents" '[0-9]' \
    "$(head -n 3 "$tmp/inbox.out")"
t_nomatch "inbox --offline loads no libcurl" 'libcurl' "$libs"
t_nomatch "inbox --offline loads no HarfBuzz" 'libharfbuzz' "$libs"
t_done
