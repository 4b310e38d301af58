#!/bin/sh
# vanthu sign on a real terminal (tmux): the PIN is asked on the
# terminal without echo, after the token's PIN state; an encrypted PDF's
# password is asked there too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

softhsm=/usr/lib/softhsm/libsofthsm2.so
for tool in tmux pdfsig qpdf certutil mutool openssl softhsm2-util; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		t_skip "signing on a terminal" "$tool is not installed"
		t_done
	fi
done
if [ ! -f "$softhsm" ]; then
	t_skip "signing on a terminal" "SoftHSM2 is not installed"
	t_done
fi
d=$tui_tmp
mkdir -p "$d/state" "$d/nss"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Test CA" \
    -keyout "$d/state/signing-ca-key.pem" -out "$d/state/signing-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
certutil -N --empty-password -d "sql:$d/nss" >/dev/null 2>&1
certutil -A -n ca -t "CT,C,C" -i "$d/state/signing-ca.pem" -d "sql:$d/nss"
"$top_srcdir/tests/tools/mktoken" --state "$d/state" --user chutich \
    --full-name "Nguyễn Văn Hùng" --out "$d/tok" --pin 73915 >"$d/tok.env"
conf=$(sed -n 's/^SOFTHSM2_CONF=//p' "$d/tok.env")
printf '%%%%MediaBox 0 0 595 842\n' >"$d/page.txt"
mutool create -o "$d/in.pdf" "$d/page.txt"
qpdf --encrypt user owner 256 -- "$d/in.pdf" "$d/enc.pdf"

tui_start 100 12 LC_ALL=C.UTF-8 SOFTHSM2_CONF="$conf" -- sign "$d/in.pdf" \
    -o "$d/out.pdf" --module "$softhsm"
tui_check "the PIN state is shown first" 'Token vanthu-chutich: PIN ready'
tui_check "the PIN is asked on the terminal" 'PIN for token vanthu-chutich:'
tui_type 73915
tui_keys Enter
tui_wait_exit 20
t_is "sign on a terminal exits 0" 0 "$(tui_exit_status)"
t_nomatch "the PIN is not echoed" '73915' "$(tui_screen)"
t_match "signed" 'Signed: ' "$(tui_screen)"
t_match "pdfsig: valid" 'Signature is Valid\.' \
    "$(pdfsig -nssdir "sql:$d/nss" "$d/out.pdf" 2>&1)"
tui_stop

# The password of an encrypted PDF, then the PIN.
tui_start 100 12 LC_ALL=C.UTF-8 SOFTHSM2_CONF="$conf" -- sign "$d/enc.pdf" \
    -o "$d/enc-out.pdf" --module "$softhsm"
tui_check "the PDF's password is asked" 'Password for .*enc\.pdf:'
tui_type user
tui_keys Enter
tui_check "then the PIN" 'PIN for token vanthu-chutich:'
tui_type 73915
tui_keys Enter
tui_wait_exit 20
t_is "signing the encrypted PDF exits 0" 0 "$(tui_exit_status)"
t_nomatch "the password is not echoed" 'user' "$(tui_screen | grep Password)"
t_match "pdfsig: the encrypted PDF's signature is valid" 'Signature is Valid\.' \
    "$(pdfsig -upw user -nssdir "sql:$d/nss" "$d/enc-out.pdf" 2>&1)"
tui_stop

# Several certificates match the key URI: listed, the user picks one.
"$top_srcdir/tests/tools/mktoken" --state "$d/state" --user vanthu \
    --role clerk --full-name "Trần Thị Mai" --out "$d/tokc" --pin 24680 \
    >"$d/tokc.env"
confc=$(sed -n 's/^SOFTHSM2_CONF=//p' "$d/tokc.env")
tui_start 120 16 LC_ALL=C.UTF-8 SOFTHSM2_CONF="$confc" -- sign "$d/in.pdf" \
    -o "$d/pick.pdf" --module "$softhsm" --key "pkcs11:token=vanthu-vanthu"
tui_check "the matching certificates are listed" 'Several certificates match'
tui_check "the user is asked to pick" 'Certificate to use \[1-2\]:'
second=$(tui_screen | sed -n 's/^  2) .*CN=\([^,]*\),.*/\1/p')
tui_type 2
tui_keys Enter
tui_check "then the PIN" 'PIN for token vanthu-vanthu:'
tui_type 24680
tui_keys Enter
tui_wait_exit 20
t_is "signing with the picked certificate exits 0" 0 "$(tui_exit_status)"
t_match "the picked certificate signed" "Common Name: $second" \
    "$(pdfsig -nssdir "sql:$d/nss" "$d/pick.pdf" 2>&1)"
tui_stop
t_done
