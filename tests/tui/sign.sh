#!/bin/sh
# Sign a draft with a SoftHSM token from the interface: the confirmation
# screen (subject, number, pages, hash prefix, certificate, PIN state), a
# wrong PIN (refused, tries said), the right PIN typed hidden; the
# signed file is checked and uploaded, and the reference server accepts
# it (the draft comes back signed, with the leader's verified signature).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ]; then
	t_skip "signing from the interface" "SoftHSM2 is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user chutich \
    --out "$tui_tmp/token" --pin 246810 >"$tui_tmp/token.env" 2>&1
t_ok "a SoftHSM token for the leader" grep -q '^KEY_URI=' "$tui_tmp/token.env"
key_uri=$(sed -n 's/^KEY_URI=//p' "$tui_tmp/token.env")
conf=$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token.env")
tui_config "pkcs11_module = $softhsm" "key_uri = $key_uri" \
    "trust_file = $tui_state/signing-ca.pem"

tui_start 80 24 LC_ALL=C SOFTHSM2_CONF="$conf" -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys 3
tui_check "the drafts to sign" 'Drafts to sign \(([0-9]+)\)'
n_before=$(tui_line 1 | sed -n 's/.*Drafts to sign (\([0-9]*\)).*/\1/p')
tui_keys Enter
tui_check "the draft's text" '^-+ Page 1 of [0-9]+ -+$' 20
tui_check "the leader's key hint says Sign" 's Sign' 5
subject=$(tui_line 2 | cut -c1-30)
tui_keys s
tui_check "the confirmation screen" 'You are about to sign this document' 20
tui_check "it shows the subject" "Subject: +$(printf '%s' "$subject" | cut -c1-20)"
tui_check "it shows the page count" 'Pages: +[0-9]+'
tui_check "it shows the hash prefix" "SHA-256: +[0-9a-f]{16}\\.\\.\\. \\(the server's version\\)"
tui_check "it shows the certificate" 'Certificate: +Nguyễn Văn Hùng'
tui_check "it shows the PIN state" 'PIN state: +ready'

# A long subject and the level's hint wrap under their value (column
# 22), not back to column 0, at 80 and at 100 columns.
under_value() {
	tui_screen | awk -v pat="$1" '
	    found { exit !($0 ~ /^                     [^ ]/) }
	    $0 ~ pat { found = 1 }
	    END { if (!found) exit 1 }'
}
for cols in 80 100; do
	tui_resize "$cols" 24
	tui_wait_line 1 "^ vanthu Sign: confirm {$((cols - 36)),}online" 60
	t_ok "$cols columns: the subject wraps under itself" \
	    under_value '^  Subject: '
	t_ok "$cols columns: so does the level's hint" \
	    under_value '^ +\(press l to change the level'
done
tui_resize 80 24
# The help lists Enter once (it signs, whichever code the terminal sends).
tui_keys '?'
tui_check "the signing screen's help" 'Help: keys of this screen \(signing\)'
t_is "Enter is listed once" 1 "$(tui_screen | grep -c '^Enter ')"
t_match "and it signs" '^Enter +Sign ' "$(tui_screen)"
tui_keys q
tui_check "back to the confirmation" 'You are about to sign this document'

# A wrong PIN: refused, nothing sent, the state says a try was lost.
tui_keys s
tui_check "the PIN is asked" '^PIN:'
tui_type 000000
tui_check "the PIN is hidden" '^PIN: \*{6}$'
tui_keys Enter
tui_check "a wrong PIN is refused" '[Ww]rong PIN|PIN.*incorrect' 20
tui_check "the PIN state is read again" 'PIN state: +a wrong PIN was entered'

# The right PIN.
tui_keys s
tui_wait '^PIN:' 5
tui_type 246810
tui_keys Enter
tui_check "signed and checked" 'Signed and checked' 30
tui_check "the server accepts the upload" 'Signed document sent to the server' 30
tui_check "the draft is signed on the server" '^State: signed' 30
tui_keys Home
tui_check "the server verified the leader's signature" '^Signed by: Nguyễn Văn Hùng \(personal\)' 10
tui_keys q
tui_check "the draft left the list to sign" "Drafts to sign \\($((n_before - 1))\\)" 20
tui_keys 4
tui_check "nothing waits in the outbox" 'Outbox \(0\)'
tui_stop

# The clerk adds the agency signature to a draft the leader signed.
rm -rf "$XDG_STATE_HOME"/* "$XDG_CACHE_HOME"/*
"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user vanthu \
    --out "$tui_tmp/token2" --pin 135790 >"$tui_tmp/token2.env" 2>&1
t_ok "a SoftHSM token for the clerk, with the agency key" \
    grep -q '^AGENCY_KEY_URI=' "$tui_tmp/token2.env"
tui_config "pkcs11_module = $softhsm" \
    "agency_key_uri = $(sed -n 's/^AGENCY_KEY_URI=//p' "$tui_tmp/token2.env")" \
    "trust_file = $tui_state/signing-ca.pem"
tui_start 80 24 LC_ALL=C \
    SOFTHSM2_CONF="$(sed -n 's/^SOFTHSM2_CONF=//p' "$tui_tmp/token2.env")" \
    -- ui --user vanthu
t_ok "the clerk logs in" tui_login vanthu vanthu-2026
tui_keys 3
tui_check "signed drafts wait for the clerk" 'Drafts to sign \([1-9]'
tui_keys Enter
tui_check "a draft the leader signed" '^State: signed' 20
tui_wait '^-+ Page 1 of' 20
tui_keys s
tui_check "the agency signature is confirmed first" 'Signature: +agency \(seal\)' 20
tui_check "with the agency certificate" 'Certificate: +UBND xã Hoằng Quý'
tui_keys s
tui_wait '^PIN:' 5
tui_type 135790
tui_keys Enter
tui_check "the agency signature is made and checked (the issue)" '(Signed|Issued) and checked' 30
tui_check "the server issues the document" '^State: issued' 30
tui_keys Home
tui_check "with a number given by the server" '^Number, notation: [0-9]+/' 10
tui_check "both signatures verified by the server" '^Signed by: UBND xã Hoằng Quý \(agency\)' 10
tui_stop
t_done
