#!/bin/sh
# vanthu's own files on disk (issue 19): a cache file replaced by a named
# pipe or grown to 1 GB is refused at once (fstat, not read), a damaged
# cache is named as local damage with how to recover, a session file
# that is a symbolic link is named as such, and a configuration file
# that starts with a UTF-8 byte order mark is read.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --quiet
vt_login chutich >/dev/null
vt drafts >/dev/null
drafts=$(find "$XDG_CACHE_HOME" -name drafts.json | head -n 1)
t_ok "the drafts are cached" test -s "$drafts"
cp "$drafts" "$tmp/drafts.json"

rm "$drafts"
mkfifo "$drafts"
out=$(timeout 30 "$VANTHU" drafts --offline 2>&1); rc=$?
t_ok "a named pipe in the cache does not block (not killed by timeout)" \
    test "$rc" -ne 124
t_match "it is named as a named pipe" 'named pipe' "$out"
rm "$drafts"
truncate -s 1G "$drafts"
/usr/bin/time -f '%M' -o "$tmp/rss" "$VANTHU" drafts --offline \
    >/dev/null 2>"$tmp/err"
t_ok "a 1 GB cache file is refused" test -s "$tmp/err"
t_ok "without reading it (peak memory under 100 MB)" \
    test "$(tail -n 1 "$tmp/rss")" -lt 100000
rm "$drafts"
printf '{"drafts": [' >"$drafts"
out=$("$VANTHU" drafts --offline 2>&1)
t_match "a damaged cache is local damage, not the server's fault" \
    'A file vanthu keeps on this computer is damaged' "$out"
t_nomatch "(not 'the server sent a malformed answer')" \
    'server sent a malformed' "$out"
t_match "and says how to recover" "vanthu sync" "$out"
out=$("$VANTHU" drafts 2>&1); rc=$?
t_is "a sync repairs it" 0 "$rc"

session=$(find "$XDG_STATE_HOME" -name session | head -n 1)
mv "$session" "$tmp/session"
ln -s "$tmp/session" "$session"
out=$("$VANTHU" inbox 2>&1)
t_match "a session that is a symbolic link is named as such" \
    'symbolic link' "$out"
t_nomatch "(not 'mode 777')" 'mode 777' "$out"
rm "$session"
mv "$tmp/session" "$session"

cfg="$XDG_CONFIG_HOME/vanthu/config"
{ printf '\357\273\277'; cat "$cfg"; } >"$tmp/bom"
cp "$tmp/bom" "$cfg"
out=$("$VANTHU" inbox 2>&1); rc=$?
t_is "a configuration with a byte order mark is read" 0 "$rc"
t_nomatch "(no 'bad key')" 'bad key' "$out"
t_done
