#!/bin/sh
# The interface and the token's PIN (issue 19): the PIN state comes from
# the token's flags, word for word; on the last try before the token
# locks (CKF_USER_PIN_FINAL_TRY, which SoftHSM keeps but never sets by
# itself: tests/tools/token-flags sets it) the interface asks before the
# PIN, and "no" spends nothing; after signing and after logging in,
# neither the PIN nor the password is anywhere in the process's memory
# nor in any file vanthu wrote.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ]; then
	t_skip "the PIN from the interface" "SoftHSM2 is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
pin=58293716
password=chutich-2026
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user chutich \
    --out "$tui_tmp/token" --pin "$pin" >"$tui_tmp/token.env" 2>&1
t_ok "a SoftHSM token for the leader" grep -q '^KEY_URI=' "$tui_tmp/token.env"
conf=$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token.env")
flags=$("$top_srcdir/tests/tools/token-flags" "$tui_tmp/token" +final_try)
t_is "the token now keeps CKF_USER_PIN_FINAL_TRY" 131072 "$(( flags & 0x20000 ))"
tui_config "pkcs11_module = $softhsm" \
    "key_uri = $(sed -n 's/^KEY_URI=//p' "$tui_tmp/token.env")" \
    "trust_file = $tui_state/signing-ca.pem"

mkdir -p "$tui_tmp/t"
tui_start 100 24 LC_ALL=C SOFTHSM2_CONF="$conf" TMPDIR="$tui_tmp/t" -- \
    ui --user chutich
t_ok "log in" tui_login chutich "$password"
tui_keys 3
tui_check "the drafts to sign" 'Drafts to sign \([1-9]'
tui_keys Enter
tui_check "the draft's text" '^-+ Page 1 of [0-9]+ -+$' 20
tui_keys s
tui_check "the confirmation screen" 'You are about to sign this document' 20
tui_check "the PIN state says it is the last try" \
    'PIN state: +LAST TRY: the next wrong PIN locks the token'
t_ok "signing works in a private directory of TMPDIR" \
    test -d "$(ls -d "$tui_tmp"/t/vanthu-sign-* 2>/dev/null | head -n 1)"

# "No" to the last try: no PIN asked, the token not tried.
tui_keys s
tui_check "the last try is confirmed first" \
    'The next wrong PIN locks the token\. Use the last try\?'
tui_keys n
tui_check "no: nothing is spent" 'The last try was not used: nothing was signed'
t_nomatch "no PIN was asked" '^PIN' "$(tui_screen)"
t_is "the token was not tried (no CKF_USER_PIN_COUNT_LOW)" "$flags" \
    "$("$top_srcdir/tests/tools/token-flags" "$tui_tmp/token")"

# "Yes": the PIN prompt says it is the last try; the right PIN signs.
tui_keys s
tui_wait 'Use the last try\?' 10
tui_keys y
tui_check "the PIN prompt says it is the last try" \
    '^PIN \(LAST TRY before the token locks\):'
tui_type "$pin"
tui_wait '^PIN \(LAST TRY before the token locks\): \*{8}$' 10
pane=$(tmux -L "$tui_sock" list-panes -F '#{pane_pid}' | head -n 1)
vt_pid=$(ps -o pid= --ppid "$pane" | tr -d ' ' | head -n 1)
can_scan=
if [ "$(id -u)" = 0 ] && [ -n "$vt_pid" ] && [ -r "/proc/$vt_pid/maps" ]; then
	can_scan=1
	# While it is being typed the PIN is in memory (its secret buffer):
	# the scan below can see it when it is there.
	t_match "the memory scan finds the PIN while it is typed" \
	    "^$pin [1-9]" "$("$top_srcdir/tests/tools/memgrep" "$vt_pid" "$pin")"
fi
tui_keys Enter
tui_check "signed and checked" 'Signed and checked' 30
tui_check "the server accepts the upload" 'Signed document sent to the server' 30
t_is "the work directory is gone once signed" "" "$(ls "$tui_tmp/t")"

# The PIN and the password are kept nowhere: not in the memory of the
# running vanthu (every mapping, also those left out of core dumps)...
if [ -n "$can_scan" ]; then
	mem=$("$top_srcdir/tests/tools/memgrep" "$vt_pid" "$pin" "$password" \
	    "$(sed -n 's/^TOKEN_LABEL=//p' "$tui_tmp/token.env")")
	t_match "the memory scan reads the process (it finds the token's label)" \
	    'vanthu-chutich [1-9]' "$mem"
	t_match "the PIN is nowhere in vanthu's memory after signing" \
	    "^$pin 0\$" "$mem"
	t_match "the password is nowhere in vanthu's memory after logging in" \
	    "^$password 0\$" "$mem"
else
	t_skip "the memory of the process" "reading it needs root"
fi
tui_stop
# ... nor in any file it wrote (session, cache, outbox, configuration).
t_is "the PIN is in no file vanthu wrote" "" \
    "$(grep -rl -- "$pin" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" \
    "$XDG_CONFIG_HOME" "$HOME" 2>/dev/null)"
t_is "the password is in no file vanthu wrote" "" \
    "$(grep -rl -- "$password" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" \
    "$XDG_CONFIG_HOME" "$HOME" 2>/dev/null)"
t_ok "vanthu wrote files there (the session, the cache)" \
    test -n "$(find "$XDG_STATE_HOME" "$XDG_CACHE_HOME" -type f | head -n 1)"
t_done
