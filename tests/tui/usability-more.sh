#!/bin/sh
# Issue 16, the rest: the key-hint lines of each list offer what an
# older official needs (sort and "due soon" among them), whole words,
# at 80x24 and 60x20, in Vietnamese and English; the outbox names its
# actions by number/notation as "vanthu outbox" does; an attachment
# that no viewer shows falls back from mailcap to xdg-open to vanthu's
# own text view, and nothing those programs print reaches the screen;
# a sync that cannot open the outbox says so.
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
tui_config
hints() {
	tui_screen | tail -n 2
}

# ---- The hint lines, English, 80x24 then 60x20.
tui_start 80 24 LC_ALL=C.UTF-8 -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_check "80x24: the inbox offers sort" 's Sort'
tui_check "80x24: and what is due soon" 'h Due soon'
tui_check "80x24: and the lists to sign and review" '3 To sign'
tui_check "80x24: and sync" 'g Sync'
t_nomatch "80x24: no hint is cut short" '…' "$(hints)"
tui_keys 4
tui_check "80x24: the outbox offers drop" 'D Drop'
t_nomatch "80x24: but not the inbox's filters" 'Due soon|Unread' "$(hints)"
tui_keys 1
tui_resize 60 20
tui_check "60x20: sort still offered" 's Sort'
tui_check "60x20: due soon still offered" 'h Due soon'
t_nomatch "60x20: no hint is cut short" '…' "$(hints)"
# The help wraps what a key does instead of cutting it.
tui_keys '?'
tui_check "60x20: the help" 'Help: keys of this screen'
tui_check "60x20: a long help line goes on below" \
    '^ {20,}(deadline|urgency|date)'
t_nomatch "60x20: nothing in the help is cut short" '…' \
    "$(tui_screen | sed -n '2,17p')"
tui_keys q
tui_resize 80 24

# A sync that cannot open the outbox says so (nothing is sent in
# silence).
ob=$(find "$XDG_STATE_HOME" -type d -path '*/outbox/*' -name '*@chutich')
mv "$ob" "$ob.away"
echo 'not a folder' >"$ob"
tui_keys g
tui_check "a sync that cannot open the outbox says so" \
    'What waits to be sent was not sent: the outbox cannot be opened' 30
rm -f "$ob"
mv "$ob.away" "$ob"
tui_keys g
tui_check "and the next sync is clean again" 'Up to date|Updated' 30

# ---- Attachments: mailcap, then xdg-open, then the text view.
mkdir -p "$tui_tmp/bin"
for prog in run-mailcap xdg-open; do
	cat >"$tui_tmp/bin/$prog" <<EOF2
#!/bin/sh
echo "$prog \$*" >>"$tui_tmp/viewers.log"
echo "NOISE-FROM-$prog on stderr" >&2
echo "NOISE-FROM-$prog on stdout"
exit 1
EOF2
	chmod +x "$tui_tmp/bin/$prog"
done
tui_keys Q
tui_wait_exit 30
tui_start 80 24 LC_ALL=C.UTF-8 "PATH=$tui_tmp/bin:$PATH" DISPLAY=:99 \
    -- ui
tui_wait 'Updated|Up to date' 30
tui_keys Enter
tui_check "a document opens" '^-+ Page 1 of' 20
tui_keys t
tui_check "its files" 'Signatures'
tui_keys v
tui_check "no viewer could show it: vanthu shows its text" \
    'Shown as text: no viewer program was found' 30
tui_check "the text view has the PDF's pages" '^-+ Page 1 of [0-9]+ -+$'
t_is "mailcap was asked first, with the file's type, then xdg-open" \
    "run-mailcap --action=view application/pdf: xdg-open" \
    "$(sed 's/^\(run-mailcap --action=view application\/pdf:\).*/\1/; s/^\(xdg-open\) .*/\1/' "$tui_tmp/viewers.log" | tr '\n' ' ' | sed 's/ $//')"
t_nomatch "nothing they printed is on the screen" 'NOISE-FROM' "$(tui_screen)"
tui_keys q q q Q
tui_wait_exit 30
t_nomatch "nor left on the terminal after quitting" 'NOISE-FROM' "$(tui_screen)"

# Without a graphical display xdg-open is not tried; a mailcap viewer
# that works is used, and the text view is not opened.
: >"$tui_tmp/viewers.log"
sed -i 's/^exit 1$/exit 0/' "$tui_tmp/bin/run-mailcap"
tui_start 80 24 LC_ALL=C.UTF-8 "PATH=$tui_tmp/bin:$PATH" DISPLAY= \
    WAYLAND_DISPLAY= -- ui
tui_wait 'Updated|Up to date' 30
tui_keys Enter
tui_wait '^-+ Page 1 of' 20
tui_keys t
tui_wait 'Signatures' 10
tui_keys v
tui_check "a mailcap viewer that works is used" \
    'The file was opened in its viewer' 30
t_is "and only it" "run-mailcap" "$(cut -d' ' -f1 "$tui_tmp/viewers.log")"
tui_keys q q

# ---- The outbox names the action by number/notation, as the command
# line does; a sync that cannot open the outbox says so.
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=
tui_keys Enter
tui_wait '^-+ Page 1 of' 20
tui_keys c
tui_wait '^Comment' 10
tui_type 'Ý kiến khi mất mạng'
tui_keys Enter
tui_check "the comment waits" 'to send: [0-9]+ *$' 30
tui_keys q 4
number=$("$VANTHU" outbox --json | python3 -c 'import json,sys; print([a["number_notation"] for a in json.load(sys.stdin)["actions"] if a["kind"] == "comment"][0])')
t_match "vanthu outbox knows the number" '/' "$number"
tui_check "the interface's outbox shows the same number" \
    "^waiting +comment +$number "
tui_keys Q
tui_wait_exit 30

# ---- Vietnamese: the same hints, whole words.
if dir=$(tui_vi_localedir); then
	tui_start 80 24 LC_ALL=vi_VN.UTF-8 "VANTHU_LOCALEDIR=$dir" -- ui --offline
	tui_check "vi_VN 80x24: sort and due soon" 's Sắp xếp +h Sắp hạn'
	t_nomatch "vi_VN 80x24: no hint is cut short" '…' "$(hints)"
	tui_resize 60 20
	tui_check "vi_VN 60x20: sort and due soon still there" \
	    's Sắp xếp +h Sắp hạn'
	t_nomatch "vi_VN 60x20: no hint is cut short" '…' "$(hints)"
	tui_keys 4
	tui_check "vi_VN: the outbox offers drop" 'D Bỏ'
	tui_keys Q
	tui_wait_exit 30
else
	t_skip "vi_VN hints" "no vi_VN.UTF-8 locale or catalogue"
fi
t_done
