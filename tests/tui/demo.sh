#!/bin/sh
# make demo's script (tools/demo): the server starts, the login is filled
# in, Enter logs in, the inbox fills, the leader signs a draft; when
# vanthu quits the clerk issues the signed drafts (number and date in
# the PDF, agency signature), the demo shows the top of the issued PDF
# and the outgoing register, and the server is stopped and its files
# removed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "make demo" "tmux is not installed"
	t_done
fi
demo_dir="$tui_tmp/demo"
cat >"$tui_tmp/demo.sh" <<SCRIPT
#!/bin/sh
env VANTHU='$VANTHU' top_srcdir='$top_srcdir' LC_ALL=C TMPDIR='$tui_tmp' \
    sh '$top_srcdir/tools/demo'
echo \$? >'$tui_tmp/status'
SCRIPT
tui_nstart=1
tui_sock="vt$$-1"
echo 'set-option -g remain-on-exit on' >"$tui_tmp/tmux.conf"
tmux -L "$tui_sock" -f "$tui_tmp/tmux.conf" new-session -d -x 80 -y 24 \
    "sh '$tui_tmp/demo.sh'"
tui_check "the demo opens the login screen" 'Log in to the document server' 60
tui_check "the leader is filled in" 'User name: +chutich'
tui_check "the demo server is used" 'Server: +https://127\.0\.0\.1:[0-9]+'
tui_check "the demo's PIN is shown inside the interface" 'password is filled in; (token PIN 123456|no token to sign with)'
tui_check "the saved password shows as filled in" '^  Password: +\(saved\)'
tui_keys Enter
tui_check "logged in without typing the password" 'Incoming documents \([1-9]' 30
tui_check "the inbox is filled from the demo server" 'Updated|Up to date' 30
# The seeded Công điện, signed by the sending agency (PAdES, SHA-256):
# valid and trusted in the demo's configuration.
tui_keys /
tui_type 'tau thuyen ven bien'
tui_keys Enter Enter
tui_check "the seeded Công điện is open" '^Digital signatures: ' 30
tui_check "its signature is valid and trusted" \
    '^Digital signatures: all valid' 30
tui_keys q
tui_keys 3
tui_check "drafts to sign for the leader" 'Drafts to sign \([1-9]'
demo_tmp=$(ls -d "$tui_tmp"/vanthu-demo.* 2>/dev/null | head -n 1)
t_ok "the demo keeps its files in a temporary directory" test -d "$demo_tmp/server"
t_ok "a SoftHSM token was made for the leader" test -f "$demo_tmp/token/softhsm2.conf"
t_match "the demo configuration names the token" '^key_uri = pkcs11:' \
    "$(cat "$demo_tmp/config/vanthu/config")"
# The leader signs the first draft to sign (PIN 123456).
tui_keys Enter
tui_check "the draft's text" '^-+ Page 1 of [0-9]+ -+$' 30
tui_keys s
tui_check "the signing confirmation" 'You are about to sign this document' 30
tui_keys s
tui_check "the PIN is asked" '^PIN:'
tui_type 123456
tui_keys Enter
tui_check "the leader's signature is sent" 'Signed document sent to the server' 60
tui_keys q
tui_check "back to the drafts to sign" 'Drafts to sign' 20
tui_keys q
tui_wait_exit 120
t_is "the demo ends with vanthu" 0 "$(tui_exit_status)"
all=$(tmux -L "$tui_sock" capture-pane -p -S -400 2>/dev/null)
t_match "the clerk issues the drafts the leader signed" \
    '\$ vanthu draft issue d[0-9]+' "$all"
issued=$(printf '%s\n' "$all" | grep -c 'Issued: Số: [0-9][0-9]*/')
printf '%s\n' "$all" | grep -E 'vanthu draft issue|Issued:|vanthu draft issue:' |
    sed 's/^/# /'
tried=$(printf '%s\n' "$all" | grep -c '^\$ vanthu draft issue d[0-9]')
# The draft the leader signed here and the one the seed signed (d10,
# PAdES SHA-256 like every seeded signature): every issue succeeds.
t_ok "the clerk issued every signed draft ($issued of $tried)" \
    test "$issued" -eq "$tried" -a "$tried" -ge 2
t_nomatch "no issue is refused" '^vanthu( draft issue)?: ' "$all"
t_match "the outgoing register is shown" 'SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM' "$all"
top=$(printf '%s\n' "$all" | sed -n '/pdftotext):$/,$p')
t_match "the issued PDF shows the number" 'Số: [0-9]{2,}/[^ ]+' "$top"
t_match "... and the date line" \
    'Hoằng Quý, ngày [0-9]{2} tháng [0-9]{1,2} năm [0-9]{4}' "$top"
t_nomatch "... and no DỰ THẢO mark" 'DỰ THẢO' "$top"
tui_check "it says the server is stopped" 'reference server is stopped'
t_ok "the temporary directory is removed" test ! -e "$demo_tmp"
t_nomatch "no reference server is left running" "refserver --state $demo_tmp" \
    "$(ps -eo args 2>/dev/null)"
tui_stop
t_done
