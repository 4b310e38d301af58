#!/bin/sh
# Open an incoming document and read its text; search in it; history;
# comment on it and see the server record the comment; at 80x24 and
# 120x40.
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

for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	tui_start "$cols" "$rows" LC_ALL=C -- ui --user chutich
	t_ok "$size: log in" tui_login chutich chutich-2026

	# Search without accents, then open what was found.
	tui_keys '/'
	tui_type 'hoang hoa'
	tui_keys Enter
	tui_keys Enter
	tui_check "$size: the reader shows the metadata" '^Number, notation: [0-9]+/'
	tui_check "$size: the search found Hoằng Hóa" 'Hoằng Hóa'
	tui_check "$size: the text of the PDF is shown" '^-+ Page 1 of [0-9]+ -+$' 20
	tui_check "$size: the hints of the reader" 'c Comment'
	tui_keys '/'
	tui_type 'cong hoa xa hoi'
	tui_keys Enter
	tui_check "$size: search in the text ignores accents" 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
	tui_keys PageDown PageUp End Home
	tui_keys h
	tui_check "$size: history and comments" 'Processing history'
	tui_keys q
	tui_check "$size: back in the reader" 'c Comment'

	# Comment: typed on the message line, queued, sent.
	tui_keys c
	tui_check "$size: the comment prompt" '^Comment \(\^E: editor\):'
	tui_type "Ý kiến thử $size: giao văn phòng"
	tui_keys Enter
	tui_check "$size: the comment is sent" 'Comment sent' 20
	tui_keys h
	tui_check "$size: the comment comes back from the server" "Ý kiến thử $size: giao văn phòng" 20
	tui_keys q q
	tui_check "$size: back to the inbox" 'Incoming documents'
	tui_keys 4
	tui_check "$size: nothing left in the outbox" 'Outbox \(0\)'
	tui_keys Q
	tui_wait_exit 5
	t_is "$size: Q quits" 0 "$(tui_exit_status)"
	tui_stop
	rm -rf "$XDG_STATE_HOME"/* "$XDG_CACHE_HOME"/*
done
t_done
