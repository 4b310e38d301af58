#!/bin/sh
# The clerk's check of an incoming document in the interface: the
# document view shows the verdict of its signatures, the same as
# vanthu verify: the seeded "công điện" (PAdES, SHA-256, signed by the
# sending agency) is valid; its copy whose signed bytes were damaged in
# transit is not.
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

tui_start 120 40 LC_ALL=C -- ui --user vanthu
t_ok "log in" tui_login vanthu vanthu-2026
seed=$top_srcdir/tests/server/seed/pdf
# result PDF: vanthu verify's result line for PDF, as a pattern.
result() {
	"$VANTHU" verify --trust-file \
	    "$top_srcdir/tests/server/seed/sender-ca.pem" "$1" |
	    grep 'Result:' | sed 's/^ *//; s/[][().*]/./g'
}
tui_keys '/'
tui_type 'tau thuyen ven bien'
tui_keys Enter
tui_keys Enter
tui_check "the document is open" 'áp thấp nhiệt đới' 20
tui_check "the verdict above the text" \
    '^Digital signatures: all valid \(details after the text\)' 30
tui_check "one line per signature" \
    '^Signature 1: UBND huyện Hoằng Hóa - VALID' 5
tui_keys End
tui_check "the details follow the text" '^-+ Digital signatures: details -+$' 5
tui_check "the signer is named" 'Signer: +UBND huyện Hoằng Hóa' 5
tui_check "SHA-256, PAdES" 'ETSI\.CAdES\.detached, SHA256' 5
tui_check "the certificate is trusted" 'Certificate: +trusted' 5
t_match "the same result line as vanthu verify" \
    "$(result "$seed/in-cd-phong-chong-bao-so.pdf")" "$(tui_screen)"
# The attached files list the verdict of each PDF's signatures.
tui_keys t
tui_check "the attachments" 'Attached files' 10
tui_check "the PDF's signatures: valid" 'PDF +valid' 10
tui_keys q
tui_keys q
# The copy damaged in transit: the signed bytes do not match.
tui_keys '/'
tui_type 'hong chu ky'
tui_keys Enter
tui_keys Enter
tui_check "the damaged copy is open" 'tệp hỏng chữ ký' 20
tui_check "its verdict above the text" \
    '^Digital signatures: WARNING, NOT all valid \(details after the text\)' 30
tui_check "NOT VALID on its line" \
    '^Signature 1: UBND huyện Hoằng Hóa - NOT VALID' 5
tui_keys '/'
tui_type 'were changed'
tui_keys Enter
tui_check "the details: the signed bytes changed" \
    'Integrity: +the signed bytes were changed or the signature is damaged' 5
t_match "the same result line as vanthu verify" \
    "$(result "$seed/in-cd-phong-chong-bao-so-hong.pdf")" "$(tui_screen)"
tui_keys t
tui_check "the attachments" 'Attached files' 10
tui_check "the PDF's signatures: NOT valid" 'PDF +NOT valid' 10
tui_keys q
tui_keys q Q
tui_wait_exit 5
tui_stop

# No trust_file: the intact signature's signer is not checked (NOT
# VERIFIED, not NOT VALID); the interface names the setting
# (vanthu.conf(5)), never the command line's --trust-file, in the
# verdict and for L.
tui_config
tui_start 120 40 LC_ALL=C -- ui
tui_check "logged in still (no trust_file now)" 'Incoming documents' 30
tui_keys '/'
tui_type 'tau thuyen ven bien'
tui_keys Enter
tui_keys Enter
tui_check "the document is open" 'áp thấp nhiệt đới' 20
tui_check "intact, its signer not checked: not 'NOT all valid'" \
    '^Digital signatures: intact, but the SIGNER was NOT CHECKED: trust_file is not set \(details after the text\)' 30
tui_check "NOT VERIFIED on its line, not NOT VALID" \
    '^Signature 1: UBND huyện Hoằng Hóa - NOT VERIFIED: no trusted certificate to check the signer' 5
t_nomatch "no NOT VALID anywhere" 'NOT VALID|NOT all valid' "$(tui_screen)"
tui_keys t
tui_check "the attachments (no trust_file)" 'Attached files' 10
tui_check "the PDF's signatures: not checked" 'PDF +not checked' 10
tui_keys q
tui_check "back in the document" 'áp thấp nhiệt đới' 10
tui_keys End
tui_check "the certificate line names the setting" \
    'Certificate: +not checked: no trusted certificates \(set trust_file in the configuration, see vanthu\.conf\(5\)\)' 30
t_nomatch "not the command line's option" '--trust-file' "$(tui_screen)"
tui_keys L
tui_check "L says to set trust_file, before asking for a folder" \
    'Set trust_file in the configuration \(see vanthu\.conf\(5\)\)' 10
t_nomatch "L does not name --trust-file" '--trust-file' "$(tui_screen)"
tui_stop
# Still without trust_file: the damaged copy is NOT VALID, as with it.
tui_start 120 40 LC_ALL=C -- ui
tui_check "logged in (no trust_file)" 'Incoming documents' 30
tui_keys '/'
tui_type 'hong chu ky'
tui_keys Enter
tui_keys Enter
tui_check "the damaged copy is open" 'tệp hỏng chữ ký' 20
tui_check "no trust_file, damaged: WARNING, NOT all valid" \
    '^Digital signatures: WARNING, NOT all valid \(details after the text\)' 30
tui_check "no trust_file, damaged: NOT VALID on its line" \
    '^Signature 1: UBND huyện Hoằng Hóa - NOT VALID$' 5
t_nomatch "no trust_file, damaged: not 'not checked'" 'NOT CHECKED|NOT VERIFIED' \
    "$(tui_screen)"
tui_stop
t_done
