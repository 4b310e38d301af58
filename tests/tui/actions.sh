#!/bin/sh
# The actions on an incoming document from the reader: assign with the
# people picker (lead, cooperate, deadline, direction), forward, a longer
# comment written in $EDITOR, save the attachment, complete (with
# confirmation); the server's answers are read back in the interface.
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
# A "viewer" that records the file it was asked to open.
cat >"$tui_tmp/viewer" <<'VW'
#!/bin/sh
cp "$1" "$(dirname "$0")/viewed.pdf"
VW
chmod +x "$tui_tmp/viewer"
tui_config "viewer = $tui_tmp/viewer %s"
# An "editor" that writes a two-line comment into the file it is given.
cat >"$tui_tmp/editor" <<'ED'
#!/bin/sh
printf 'Dòng một của ý kiến dài\nDòng hai: đề nghị báo cáo trước ngày 05/12\n' >"$1"
ED
chmod +x "$tui_tmp/editor"
mkdir -p "$tui_tmp/saved"

tui_start 100 30 LC_ALL=C EDITOR="$tui_tmp/editor" -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys / ; tui_type '2815'; tui_keys Enter Enter
tui_check "a document not assigned yet is open" '^Number, notation: 2815/QĐ-UBND' 10
t_nomatch "no assignment yet" '^Assigned to:' "$(tui_screen)"
tui_wait '^-+ Page 1 of' 20
subject=$(tui_line 2 | cut -c1-20)

# Assign: the picker, Space cycles the roles.
tui_keys a
tui_check "the people picker" 'Assign: choose the people' 10
tui_check "the people of the commune are listed" 'Phạm Minh Tuấn' 10
tui_keys / ; tui_type 'tuan'; tui_keys Enter
tui_keys Space
tui_check "Space makes a person lead" 'lead +Phạm Minh Tuấn'
tui_keys / ; tui_type 'hoang thi lan'; tui_keys Enter
tui_keys Space
tui_check "with a lead chosen, the next person cooperates" 'cooperate +Hoàng Thị Lan'
tui_check "the lead stays" 'lead +Phạm Minh Tuấn'
tui_keys Enter
tui_check "the deadline is asked" '^Deadline \(day/month'
tui_keys C-u
tui_type '31/02/2026x'
tui_keys Enter
tui_check "a wrong date is refused" '^Not a date: 31/02/2026x\.  Deadline'
tui_check "what was typed is kept to be corrected" 'Deadline \(day/month\): 31/02/2026x'
tui_keys C-u
tui_type '20/12/2026'
tui_keys Enter
tui_check "then the direction" '^Direction'
tui_type 'Đ/c Tuấn chủ trì, đ/c Lan phối hợp'
tui_keys Enter
tui_check "then a confirmation" '^Assign to 2 people\? \(y = yes, n = no\)'
tui_keys y
tui_check "the assignment is sent" 'Assignment sent' 20
tui_check "the server records the lead" '^Assigned to: Phạm Minh Tuấn \(lead\)' 20
tui_check "and the cooperating person" '^Assigned to: Hoàng Thị Lan \(cooperate\)'
tui_check "and the deadline" '^Deadline: 20/12/2026'

# A longer comment in $EDITOR (^E from the one-line editor).
tui_keys c
tui_wait '^Comment' 5
tui_keys C-e
tui_check "the comment from the editor is sent" 'Comment sent' 20
tui_keys h
tui_check "both lines of it come back" 'Dòng hai: đề nghị báo cáo trước ngày 05/12' 20
tui_keys q

# Save the attachment.
tui_keys t
tui_check "the attachments" 'Attached files'
tui_check "with size and type (PDF, not a MIME type)" 'KB +PDF'
tui_keys v
tui_check "the viewer of the configuration opens the file" 'Opened with: .*viewer' 10
t_match "the viewer got the PDF" '^%PDF-' "$(head -c 5 "$tui_tmp/viewed.pdf" 2>/dev/null)"
tui_keys w
tui_check "where to save" '^Save into folder:'
tui_keys C-u
tui_type "$tui_tmp/saved"
tui_keys Enter
tui_check "saved" "Saved: $tui_tmp/saved/"
f=$(ls "$tui_tmp/saved" | head -n 1)
t_match "the saved file is the PDF" '^%PDF-' "$(head -c 5 "$tui_tmp/saved/$f")"
tui_keys q

# Complete: confirmation; the server's status comes back.
tui_keys d
tui_check "a completion note is asked" '^Completion note'
tui_type 'Đã báo cáo'
tui_keys Enter
tui_check "completing asks first" '^Mark as completed: .*\(y = yes, n = no\)'
tui_keys y
tui_check "the completion is sent" 'Marked as completed' 20
tui_check "the server says completed" '^Status: (completed|.*hoàn thành)' 20
tui_keys q

# Forward another document to a colleague; return a third one.
tui_keys / ; tui_type '14/cd-ubnd'; tui_keys Enter Enter
tui_check "a document to forward" '^Number, notation: 14/CĐ-UBND' 10
tui_keys f
tui_check "the picker for a forward" 'Forward to: choose the people' 10
tui_keys / ; tui_type 'huong'; tui_keys Enter Space
tui_check "Space marks the person" '\[x\] +Lê Thị Hương'
tui_keys Enter
tui_wait '^Note' 5
tui_type 'Kính chuyển đồng chí Phó Chủ tịch'
tui_keys Enter
tui_check "forwarding asks first" '^Forward to 1 person\? \(y = yes'
tui_keys y
tui_check "the forward is sent" 'Outbox|Document forwarded|Updated' 20
tui_keys h
tui_check "the server records the forward" 'forwarded +Nguyễn Văn Hùng' 20
tui_keys q q
tui_keys / ; tui_type '88/tb-ubnd'; tui_keys Enter Enter
tui_check "a document to return" '^Number, notation: 88/TB-UBND' 10
tui_wait '^-+ Page 1 of' 20
tui_keys r
tui_check "returning asks for a reason" '^Reason for returning'
tui_type 'Gửi nhầm đơn vị'
tui_keys Enter
tui_check "then for confirmation" '^Return to the sender: .*\(y = yes, n = no\)'
tui_keys y
tui_check "the server says returned" '^Status: (returned|.*trả lại)' 20
tui_keys q

# A document whose PDF text is in the old TCVN3 font encoding.
tui_keys / ; tui_type '21/tb-hnd'; tui_keys Enter Enter
tui_check "the legacy encoding is detected" 'uses the old tcvn3 font encoding: press e' 20
tui_keys e
tui_check "e converts the text" 'Showing the text converted from tcvn3'
tui_check "the converted text is Vietnamese" 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Hội Nông dân|HỘI NÔNG DÂN'
tui_stop
t_done
