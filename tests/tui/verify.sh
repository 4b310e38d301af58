#!/bin/sh
# The clerk's check of an incoming document in the interface: the
# document view shows the verdict of its signatures, the same as
# vanthu verify (the seeded "công điện" is signed with SHA-1, which is
# refused by name).
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
tui_config "trust_file = $top_srcdir/tests/server/seed/sender-ca.pem"

tui_start 120 40 LC_ALL=C -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys '/'
tui_type 'tau thuyen ven bien'
tui_keys Enter
tui_keys Enter
tui_check "the document is open" 'áp thấp nhiệt đới' 20
tui_check "the verdict above the text" \
    '^Digital signatures: WARNING, NOT all valid \(details after the text\)' 30
tui_check "one line per signature" \
    '^Signature 1: UBND huyện Hoằng Hóa - NOT VALID' 5
tui_keys '/'
tui_type 'not allowed'
tui_keys Enter
tui_check "the details: SHA-1 is a disallowed hash" \
    'Integrity: +the signature uses the hash SHA1, which is not allowed' 5
cli=$("$VANTHU" verify --trust-file \
    "$top_srcdir/tests/server/seed/sender-ca.pem" \
    "$top_srcdir/tests/server/seed/pdf/in-cd-phong-chong-bao-so.pdf" |
    grep 'Result:')
t_match "the same result line as vanthu verify" "$(printf '%s' "$cli" |
    sed 's/^ *//; s/[][().*]/./g')" "$(tui_screen)"
tui_keys End
tui_check "the details follow the text" '^-+ Digital signatures: details -+$' 5
tui_check "the signer is named" 'Signer: +UBND huyện Hoằng Hóa' 5
# The attached files list the verdict of each PDF's signatures.
tui_keys t
tui_check "the attachments" 'Attached files' 10
tui_check "the PDF's signatures: NOT valid" 'PDF +NOT valid' 10
tui_keys q
tui_keys q Q
tui_wait_exit 5
tui_stop
t_done
