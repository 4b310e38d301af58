#!/bin/sh
# Issue 16: an older official uses vanthu without help, in vi_VN at
# 80x24, 60x20 and 120x40: nothing typed is lost (Esc asks, resizes
# redraw the prompt and the question), Esc never quits, the quit
# question fits, the list narrows to what '/' finds with the words
# highlighted, the deadline stays readable at 60 columns, annotations
# quote their line, Vietnam time whatever TZ, offline honestly, and no
# English word of a fixed list on any screen or in "vanthu show".
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
if ! dir=$(tui_vi_localedir); then
	t_skip "usability in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config
VI="LC_ALL=vi_VN.UTF-8"
LD="VANTHU_LOCALEDIR=$dir"

# English words that must not show in the Vietnamese interface.
english='(^|[^A-Za-z])(Up|PgDn|arrived|registered|forbidden|signatures?|signature\(s\)|pages)([^A-Za-z]|$)'
seen="$tui_tmp/screens"
: >"$seen"
# vi_login USER PASSWORD: log in on the Vietnamese login screen and wait
# for the first sync.
vi_login() {
	tui_wait 'Đăng nhập hệ thống quản lý văn bản|Đã đồng bộ|Đã cập nhật|Đã gửi' \
	    30 || return 1
	tui_screen | grep -q 'Đăng nhập hệ thống' || return 0
	tui_keys Enter
	tui_wait '^Tên đăng nhập:' 5 || return 1
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
	tui_wait '^Mật khẩu:' 5 || return 1
	tui_type "$2"
	tui_keys Enter
	tui_wait 'Đã đồng bộ|Đã cập nhật|Đã gửi' 30
}
# snap: keep the screen, for the check of English words at the end.
snap() {
	tui_screen >>"$seen"
}

# ---- 80x24: log in, comment, Esc, the question, no, the text is kept.
tui_start 80 24 "$VI" "$LD" -- ui --user chutich
t_ok "80x24: log in" vi_login chutich chutich-2026
snap
tui_keys Escape
tui_check "80x24: Esc on the first screen does not quit" \
    'Đây là màn hình đầu; muốn thoát vanthu hãy nhấn'
t_ok "80x24: vanthu still runs" test ! -s "$tui_tmp/status"
tui_keys Enter
tui_check "80x24: a document opens" '^Số, ký hiệu: ' 20
snap
tui_keys c
tui_check "80x24: the comment prompt" '^Ý kiến'
tui_type 'Đề nghị phòng Tư pháp xử lý'
tui_keys Escape
tui_check "80x24: Esc on typed text asks first" \
    '^Bỏ nội dung vừa nhập\? .*\(c = có, k = không\)'
snap
tui_keys k
tui_check "80x24: answer no: the text is still there" \
    '^Ý kiến.*Đề nghị phòng Tư pháp xử lý'
# Ctrl-C (pressed to copy, or by habit) is Esc: it asks, and vanthu stays.
tui_keys C-c
tui_check "80x24: Ctrl-C on typed text asks as Esc does" \
    '^Bỏ nội dung vừa nhập\? .*\(c = có, k = không\)'
t_ok "80x24: Ctrl-C did not end vanthu" test ! -s "$tui_tmp/status"
tui_keys k
tui_check "80x24: after Ctrl-C, no: the text is still there" \
    '^Ý kiến.*Đề nghị phòng Tư pháp xử lý'

# Resize during the prompt, then during a question.
tui_resize 60 20
tui_check "60x20: the prompt is drawn again after a resize" \
    'phòng Tư pháp xử lý'
tui_keys Escape
tui_check "60x20: the question" '^Bỏ nội dung vừa nhập\?'
tui_resize 120 40
tui_check "120x40: the question is drawn again after a resize" \
    '^Bỏ nội dung vừa nhập\? .*\(c = có, k = không\)'
snap
tui_keys k
tui_check "120x40: the text survived both resizes" \
    '^Ý kiến.*Đề nghị phòng Tư pháp xử lý'
tui_keys Enter
tui_check "the comment is sent" 'Đã gửi ý kiến' 30
tui_resize 80 24
tui_keys q

# '/' narrows the list; the words found are highlighted.
tui_check "back to the inbox" 'Văn bản đến \([0-9]+\)'
all=$(tui_line 1 | sed -n 's/.*Văn bản đến (\([0-9]*\)).*/\1/p')
tui_keys /
tui_type 'hoang hoa'
tui_keys Enter
tui_check "the list is narrowed to the matches" \
    'Văn bản đến \([0-9]+\) \[/hoang hoa\]'
some=$(tui_line 1 | sed -n 's/.*Văn bản đến (\([0-9]*\)).*/\1/p')
t_ok "fewer rows than before ($some of $all)" \
    test "${some:-0}" -gt 0 -a "${some:-0}" -lt "${all:-0}"
rows=$(tui_screen | sed -n '3,21p' | grep -c '[0-9]/[0-9]')
hits=$(tui_screen | sed -n '3,21p' | grep -c 'Hoằng')
tui_screen | sed 's/^/# |/'
t_is "every row shown has Hoằng Hóa" "$rows" "$hits"
esc=$(printf '\033')
t_match "the matched words are highlighted" \
    "${esc}\\[[0-9;]*4[;0-9]*mHoằng" \
    "$(tmux -L "$tui_sock" capture-pane -p -e)"
snap
tui_keys /
tui_keys Enter
tui_check "an empty search shows all again" "Văn bản đến \\($all\\)"
# Esc takes a search and a filter away at once; then it says how to leave.
tui_keys /
tui_type 'hoang hoa'
tui_keys Enter u
tui_check "a search and the unread filter" '\[/hoang hoa\]'
tui_keys Escape
tui_check "Esc: every row again" "Văn bản đến \\($all\\)"
tui_check "Esc: it says so" 'Đã bỏ tìm kiếm và bộ lọc'
tui_check_gone "Esc: no search left in the title" '\[/hoang hoa\]'
tui_keys Escape
tui_check "Esc again: how to leave" \
    'Đây là màn hình đầu; muốn thoát vanthu hãy nhấn'

# Sort by deadline, and what is due within some days.
tui_keys s s
tui_check "s sorts (by deadline)" '\[theo hạn xử lý\]'
tui_keys h
tui_check "h asks for the number of days" '^Hạn xử lý trong bao nhiêu ngày tới'
tui_keys C-u
tui_type 30
tui_keys Enter
tui_check "h: due within 30 days" '\[hạn trong 30 ngày tới\]'
tui_keys h
tui_check_gone "h again: all" 'hạn trong 30 ngày tới'

# The quit question, at 80 columns, whole.
tui_keys 4
tui_check "the outbox" 'vanthu +Chờ gửi'
snap
tui_keys 1 q
tui_check "q quits at once when nothing is pending" '' 1
tui_wait_exit 10
t_is "q quit" 0 "$(tui_exit_status)"
tui_stop

# ---- Offline: the quit question, reading offline, an uncached document.
# Cache a document's details, then make it unread again in the cache
# (as a document read on another computer would be).
set -- $("$VANTHU" inbox --json | python3 -c '
import json, sys
docs = json.load(sys.stdin)["documents"]
d = [d for d in docs if not d["read"] and d["number_notation"]][0]
print(d["id"], d["number_notation"])')
id=$1 num=$2
"$VANTHU" show "$id" >/dev/null 2>&1
find "$XDG_CACHE_HOME" -type f -name '*.json*' | while read -r f; do
	sed -i "s/\"id\":\"$id\",\\(.*\\)\"read\":true/\"id\":\"$id\",\\1\"read\":false/" "$f"
done
sed -i 's/"read":true/"read":false/' \
    $(grep -rl "\"id\":\"$id\"" "$XDG_CACHE_HOME" | grep -v inbox) 2>/dev/null
tui_start 80 24 "$VI" "$LD" -- ui --offline
tui_check "offline: the inbox" 'Văn bản đến'
tui_keys /
tui_type "$num"
tui_keys Enter Enter
tui_check "offline: an unread cached document opens (no crash)" \
    '^Số, ký hiệu: ' 10
t_ok "offline: vanthu still runs" test ! -s "$tui_tmp/status"
tui_check "offline: reading it queued the read mark" 'chờ gửi: 1'
t_is "the outbox keeps the read mark" 1 "$("$VANTHU" outbox --json |
    python3 -c '
import json, sys
print(sum(a["kind"] == "read" and a["target"] == sys.argv[1]
          for a in json.load(sys.stdin)["actions"]))' "$id")"
tui_keys q
tui_keys Q
tui_check "the quit question fits at 80 columns" \
    '^Thoát vanthu\? Còn 1 thao tác chưa gửi'
tui_check "the answer keys show" '\(c = có, k = không\)'
snap
tui_keys k
tui_check "no: not quitting" 'Chưa thoát'
tui_resize 60 20
tui_keys Q
tui_check "60x20: the question, then its explanation" '^Thoát vanthu\?'
tui_check "60x20: the answer keys still show" '\(c = có, k = không\)'
snap
tui_keys k
# An uncached document: says so within 2 seconds.
other=$("$VANTHU" inbox --offline --json | python3 -c '
import json, sys, os
docs = json.load(sys.stdin)["documents"]
d = [d for d in docs if d["id"] != sys.argv[2] and d["number_notation"] and
     not os.path.exists(os.path.join(sys.argv[1], d["id"] + ".json"))]
print(d[-1]["number_notation"])' \
    "$(dirname "$(find "$XDG_CACHE_HOME" -name "$id.json" | head -n 1)")" "$id")
tui_keys /
tui_type "$other"
tui_keys Enter Enter
tui_check "offline: an uncached document says so within 2 s" \
    'Không xem được khi ngoại tuyến' 2
snap
tui_keys q
# 60x20: the deadline column is whole.
tui_check "60x20: the deadline column has its title" 'Hạn *$'
t_match "60x20: deadlines are readable (dd/mm)" '[0-9][0-9]/[0-9][0-9] *$' \
    "$(tui_screen | sed -n '3,15p')"
snap
tui_stop

# ---- Login: the password is typed at once on the login screen.
"$VANTHU" logout >/dev/null 2>&1
mkdir -p "$tui_tmp/nobin"
tui_start 120 40 "$VI" "$LD" EDITOR= VISUAL= PATH="$tui_tmp/nobin" -- \
    ui --user chutich
tui_check "120x40: the login screen" 'Đăng nhập hệ thống quản lý văn bản' 20
tui_type 'chutich-2026'
tui_check "typing goes straight into the password, hidden" \
    '^Mật khẩu: \*{12}'
tui_keys Enter
tui_check "120x40: logged in" 'Đã đồng bộ|Đã cập nhật|Đã gửi' 30
t_is "online again: the queued read mark was sent" 0 \
    "$("$VANTHU" outbox --json | python3 -c '
import json, sys
print(sum(a["kind"] == "read" for a in json.load(sys.stdin)["actions"]))')"
tui_keys 3
tui_check "the drafts to sign" 'Dự thảo chờ ký \([1-9]' 20
tui_keys Enter
tui_check "a draft's text" '^-+ Trang 1/[0-9]+ -+$' 20
tui_keys '>'
tui_keys i
tui_check "the note prompt" '^Góp ý trang 1'
tui_type 'Sửa lại căn cứ pháp lý'
tui_keys Enter
tui_check "the annotation is sent" 'Đã gửi góp ý' 30
snap
tui_keys q 1 Enter
tui_check "a document opens" '^Số, ký hiệu: ' 20
tui_keys c
tui_type 'Dòng một'
tui_keys C-e
tui_check "no EDITOR and no nano: vanthu's own editor, not vi" \
    'Enter: xuống dòng +\^X: xong'
tui_keys Enter
tui_type 'Dòng hai'
tui_keys C-x
tui_check "the two lines are sent as one comment" 'Đã gửi ý kiến' 30
tui_keys h
tui_check "both lines come back from the server" 'Dòng hai' 20
tui_check "with the first" 'Dòng một'
quote=$(python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
r = c.execute("SELECT quote FROM annotations WHERE note = ?",
              ("Sửa lại căn cứ pháp lý",)).fetchone()
print(r[0] if r else "")' "$tui_state/vanthu.db")
t_ok "the server stored a quote (\"$quote\")" test -n "$quote"
t_nomatch "the quote is text, not the page rule" '^-+ ' "$quote"
tui_stop

# ---- Vietnam time whatever TZ: the clock fixed at 23:30 UTC.
due=$("$VANTHU" inbox --offline --json | python3 -c '
import json, sys
docs = json.load(sys.stdin)["documents"]
print(sorted(d["due_date"] for d in docs
      if d.get("due_date") and d["status"] not in ("06", "02"))[-1])')
now="${due}T23:30:00Z"
utc=$(TZ=UTC VANTHU_NOW="$now" "$VANTHU" inbox --offline --overdue)
vn=$(TZ=Asia/Ho_Chi_Minh VANTHU_NOW="$now" "$VANTHU" inbox --offline \
    --overdue)
t_is "TZ=UTC and TZ=Asia/Ho_Chi_Minh: the same overdue set" "$vn" "$utc"
dd=$(echo "$due" | sed 's/\(....\)-\(..\)-\(..\)/\3\/\2\/\1/')
t_match "23:30 UTC is the next day in Vietnam: due $dd is overdue" "$dd" "$utc"
t_nomatch "plain output: no ISO dates" '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$utc"

# ---- "vanthu show" in Vietnamese: history words and dates.
show=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" "$VANTHU" show \
    "$id" 2>&1)
t_match "show: the history in Vietnamese" 'mới đến|đã vào sổ' "$show"
t_nomatch "show: no ISO time" 'T[0-9]{2}:[0-9]{2}:[0-9]{2}' "$show"
t_nomatch "show: no English word of the list" "$english" "$show"
# "vanthu draft show" too: history steps, version kinds, dates.
dshow=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$dir" "$VANTHU" draft show \
    d3 2>&1)
t_match "draft show: the history in Vietnamese" 'đã soạn thảo' "$dshow"
t_nomatch "draft show: no ISO time" 'T[0-9]{2}:[0-9]{2}:[0-9]{2}' "$dshow"
t_nomatch "draft show: no English step or kind" \
    '  (created|approved|submitted|draft|signed|personal|agency)  ' "$dshow"
t_match "show: the signer's line has no doubled space" \
    '^Người ký: {4}[^ ]' "$show"

# ---- No English word of the list on any screen kept above.
t_nomatch "no English word of the list on the screens" "$english" \
    "$(cat "$seen")"

# ---- TERM=dumb: a clear message, exit 1.
tui_start 80 24 TERM=dumb "$VI" "$LD" -- ui --offline
tui_wait_exit 10
t_is "TERM=dumb: ui exits 1" 1 "$(tui_exit_status)"
tui_check "TERM=dumb: the message points at the commands" \
    "vanthu inbox"
tui_stop
t_done
