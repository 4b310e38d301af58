#!/bin/sh
# The token's PIN state on the command line (issue 19): every state the
# PKCS#11 token flags can tell is said exactly, in English and in
# Vietnamese, before the PIN; a locked PIN is never tried; the last try
# before the token locks (CKF_USER_PIN_FINAL_TRY) is spent only after a
# person says yes on the terminal, never from a script.  SoftHSM 2.6
# itself only sets CKF_USER_PIN_COUNT_LOW (after a wrong PIN, cleared by
# a right one); tests/tools/token-flags gives the token the other
# flags, which SoftHSM then reports as a card would.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

softhsm=/usr/lib/softhsm/libsofthsm2.so
for tool in tmux mutool openssl softhsm2-util python3 setsid; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		t_skip "PIN states" "$tool is not installed"
		t_done
	fi
done
if [ ! -f "$softhsm" ]; then
	t_skip "PIN states" "SoftHSM2 is not installed"
	t_done
fi
d=$tui_tmp
flags="$top_srcdir/tests/tools/token-flags"
pin=40716283
mkdir -p "$d/state"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Test CA" \
    -keyout "$d/state/signing-ca-key.pem" -out "$d/state/signing-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
"$top_srcdir/tests/tools/mktoken" --state "$d/state" --user chutich \
    --full-name "Nguyễn Văn Hùng" --out "$d/tok" --pin "$pin" >"$d/tok.env"
SOFTHSM2_CONF=$(sed -n 's/^SOFTHSM2_CONF=//p' "$d/tok.env")
export SOFTHSM2_CONF
printf '%%%%MediaBox 0 0 595 842\n' >"$d/page.txt"
mutool create -o "$d/in.pdf" "$d/page.txt"
vi_dir=$(tui_vi_localedir) || vi_dir=

# sign_script NAME PIN [ENV...]: vanthu sign with the PIN on standard
# input and no terminal at all (a script); sets out, rc.
sign_script() {
	ss_name=$1 ss_pin=$2
	shift 2
	out=$(echo "$ss_pin" | env "$@" setsid "$VANTHU" sign "$d/in.pdf" \
	    -o "$d/$ss_name.pdf" --module "$softhsm" --pin-stdin 2>&1)
	rc=$?
}

out=$(LC_ALL=C.UTF-8 "$VANTHU" token list --module "$softhsm" 2>&1)
t_match "a fresh token is ready" \
    'PIN: ready \(no wrong PIN since the last right one\)' "$out"

# What SoftHSM really does after a wrong PIN: CKF_USER_PIN_COUNT_LOW.
sign_script wrong 11111111 LC_ALL=C.UTF-8
t_is "a wrong PIN exits 6" 6 "$rc"
t_match "a wrong PIN says exactly what the token tells" \
    'Wrong PIN: the token does not say how many tries are left; each wrong PIN brings it closer to locking' "$out"
t_is "SoftHSM set CKF_USER_PIN_COUNT_LOW" 65536 \
    "$(( $("$flags" "$d/tok") & 0x10000 ))"
out=$(LC_ALL=C.UTF-8 "$VANTHU" token list --module "$softhsm" 2>&1)
t_match "the state says a wrong PIN was entered and no count is known" \
    'PIN: a wrong PIN was entered since the last right one; the token does not say how many tries are left' "$out"
sign_script right "$pin" LC_ALL=C.UTF-8
t_is "the right PIN signs" 0 "$rc"
t_is "SoftHSM cleared CKF_USER_PIN_COUNT_LOW" 0 \
    "$(( $("$flags" "$d/tok") & 0x10000 ))"

# The last try: never from a script, not even with the right PIN.
before=$("$flags" "$d/tok" +final_try)
sign_script final "$pin" LC_ALL=C.UTF-8
t_is "the last try from a script exits 1" 1 "$rc"
t_match "it says the state" 'PIN LAST TRY: the next wrong PIN locks the token' "$out"
t_match "it says why it stops" \
    'vanthu uses the last try only after a person confirms it on a terminal' "$out"
t_ok "nothing is signed" test ! -e "$d/final.pdf"
t_is "the token was not tried (its flags did not change)" "$before" \
    "$("$flags" "$d/tok")"
if [ -n "$vi_dir" ]; then
	sign_script final-vi "$pin" LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$vi_dir"
	t_match "in Vietnamese: the state" \
	    'LẦN THỬ CUỐI CÙNG: nhập sai mã PIN lần nữa token sẽ bị khóa' "$out"
	t_match "in Vietnamese: why it stops" \
	    'vanthu chỉ dùng lần thử cuối cùng khi người dùng xác nhận' "$out"
else
	t_skip "the last try in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi

# On a terminal: the question first; "no" spends nothing, "yes" asks
# the PIN as the last try.
tui_start 100 12 LC_ALL=C.UTF-8 SOFTHSM2_CONF="$SOFTHSM2_CONF" -- sign \
    "$d/in.pdf" -o "$d/tty-no.pdf" --module "$softhsm"
tui_check "the state is shown first" \
    'Token vanthu-chutich: PIN LAST TRY: the next wrong PIN locks the token'
tui_check "the last try is asked about" \
    'The next wrong PIN locks the token\. Use the last try\? \[y/N\]'
tui_type n
tui_keys Enter
tui_wait_exit 20
t_is "no: exit 1" 1 "$(tui_exit_status)"
t_match "no: nothing was signed" 'the last try was not used: nothing was signed' \
    "$(tui_screen)"
t_nomatch "no: the PIN was not asked" 'PIN for token' "$(tui_screen)"
t_ok "no: nothing written" test ! -e "$d/tty-no.pdf"
t_is "no: the token was not tried" "$before" "$("$flags" "$d/tok")"
tui_stop
tui_start 100 12 LC_ALL=C.UTF-8 SOFTHSM2_CONF="$SOFTHSM2_CONF" -- sign \
    "$d/in.pdf" -o "$d/tty-yes.pdf" --module "$softhsm"
tui_check "asked again" 'Use the last try\? \[y/N\]'
tui_type y
tui_keys Enter
tui_check "yes: the PIN prompt says it is the last try" \
    'PIN for token vanthu-chutich \(LAST TRY\):'
tui_type "$pin"
tui_keys Enter
tui_wait_exit 20
t_is "yes and the right PIN: signed (exit 0)" 0 "$(tui_exit_status)"
t_ok "the signed file is written" test -s "$d/tty-yes.pdf"
tui_stop

# Locked: refused before any PIN, with what to do; the SO PIN too.
"$flags" "$d/tok" -final_try +locked >/dev/null
before=$("$flags" "$d/tok")
sign_script locked "$pin" LC_ALL=C.UTF-8
t_is "a locked PIN exits 6" 6 "$rc"
t_match "it says locked and what to do" \
    "LOCKED: the token refuses the PIN; unblock it with the token's tool and its unblocking code \\(SO PIN, PUK\\), or ask the certificate issuer" "$out"
t_is "a locked token is not tried" "$before" "$("$flags" "$d/tok")"
if [ -n "$vi_dir" ]; then
	sign_script locked-vi "$pin" LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$vi_dir"
	t_match "locked, in Vietnamese" 'ĐÃ KHÓA: token không nhận mã PIN nữa' "$out"
else
	t_skip "locked, in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi
"$flags" "$d/tok" +so_locked >/dev/null
out=$(LC_ALL=C.UTF-8 "$VANTHU" token list --module "$softhsm" 2>&1)
t_match "user and SO PIN locked: only the issuer can help" \
    'unblocking code \(SO PIN\) is locked too; only the certificate issuer can help' "$out"

# SoftHSM reports CKF_USER_PIN_INITIALIZED from its own PIN record,
# whatever the stored flags say: the state "no PIN set" is checked on
# the core's mapping (tests/unit/test-pin-state).
t_done
