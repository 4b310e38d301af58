#!/bin/sh
# Terminals and languages with real data: Vietnamese under vi_VN.UTF-8,
# TERM=vt100 (no colours: bold, underline and reverse video), and a
# resize while a slow sync runs (the screen answers meanwhile).
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

# Vietnamese.
if dir=$(tui_vi_localedir); then
	tui_start 80 24 LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" -- ui --user chutich
	tui_check "vi_VN: the login screen" 'Đăng nhập hệ thống quản lý văn bản'
	tui_keys Enter
	tui_wait '^Tên đăng nhập:' 5
	tui_keys Enter
	tui_wait '^Mật khẩu:' 5
	tui_type chutich-2026
	tui_keys Enter
	tui_check "vi_VN: the inbox" '^ vanthu +Văn bản đến \([1-9]' 30
	tui_check "vi_VN: the sync message" 'Đã cập nhật' 30
	tui_check "vi_VN: column titles" '^Dấu +S\.đến +Số, ký hiệu +Ngày +Cơ quan ban h'
	tui_check "vi_VN: key hints" '^\? Trợ giúp +q Thoát +Enter Mở'
	# Every row's date column starts at the same screen column,
	# whatever the marks and Vietnamese letters before it.
	pos=$(tui_screen | sed -n '3,20p' | "${PYTHON3:-python3}" -c '
import re, sys
cols = set()
for line in sys.stdin:
    m = re.search(r" [0-9]{2}/[0-9]{2} ", line)
    if m:
        cols.add(m.start())
print(len(cols))')
	t_is "vi_VN: the date column is aligned on every row" 1 "$pos"
	tui_keys '/'
	tui_type 'hoang hoa'
	tui_keys Enter Enter
	tui_check "vi_VN: the reader" '^Số, ký hiệu: '
	tui_check "vi_VN: page rules" '^-+ Trang 1/[0-9]+ -+$' 20
	tui_keys '?'
	tui_check "vi_VN: help" 'Trợ giúp: các phím của màn hình này'
	tui_stop
	rm -rf "$XDG_STATE_HOME"/* "$XDG_CACHE_HOME"/*
else
	t_skip "vi_VN: the interface in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi

# TERM=vt100: no colours; unread rows are bold, the selection reversed.
tui_start 80 24 LC_ALL=C TERM=vt100 -- ui --user chutich
t_ok "vt100: log in" tui_login chutich chutich-2026
esc=$(printf '\033')
screen=$(tmux -L "$tui_sock" capture-pane -p -e)
t_match "vt100: the selected row is in reverse video" "${esc}\\[[0-9;]*7[;m]" "$screen"
t_match "vt100: unread rows are bold" "${esc}\\[[0-9;]*1[;m] *N " "$screen"
t_nomatch "vt100: no colours are used" "${esc}\\[[0-9;]*3[0-7][;m]" "$screen"
tui_keys Down Down Enter
tui_check "vt100: a document opens" '^Number, notation: ' 20
tui_keys q
tui_check "vt100: back" 'Incoming documents'

# Resize while a slow sync runs: the reference server delays /sync.
curl -sf --cacert "$tui_state/tls-ca.pem" -H 'Content-Type: application/json' \
    -d '{"path_prefix": "/api/v1/sync", "kind": "delay", "delay_ms": 4000, "count": 1}' \
    "$tui_url/admin/faults" >/dev/null
t_ok "a slow sync is arranged on the server" test $? -eq 0
tui_keys g
tui_check "the sync runs in the background" 'Synchronising' 5
tui_resize 120 40
t_ok "during the sync, resized to 120x40: hints at the bottom" \
    tui_wait_line 39 '^\? Help +q Quit' 5
t_ok "the title bar still shows the sync" tui_wait_line 1 'Synchronising' 3
tui_keys '?'
tui_check "the screen answers keys during the sync" 'Help: keys of this screen'
tui_keys q
tui_resize 80 24
t_ok "resized back to 80x24" tui_wait_line 23 '^\? Help +q Quit' 5
tui_check "the sync ends" 'Updated|Up to date' 20
tui_check_gone "the progress indicator goes away" 'Synchronising' 5
t_ok "the layout is whole after it" tui_wait_line 2 '^Flag +Arr\.' 3

# Quitting during a sync that hangs: the worker is cancelled at once.
curl -sf --cacert "$tui_state/tls-ca.pem" -H 'Content-Type: application/json' \
    -d '{"path_prefix": "/api/v1/sync", "kind": "delay", "delay_ms": 20000, "count": 1}' \
    "$tui_url/admin/faults" >/dev/null
tui_keys g
tui_check "a sync that hangs" 'Synchronising' 5
tui_keys Q
t_ok "Q quits within seconds, without waiting for the server" tui_wait_exit 6
t_is "and exits 0" 0 "$(tui_exit_status)"
tui_stop
t_done
