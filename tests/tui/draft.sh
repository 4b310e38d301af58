#!/bin/sh
# A draft awaiting the leader: read it, annotate the line under the
# cursor, approve it (with confirmation), and return another with a
# reason; the server's state is read back in the interface.
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

tui_start 80 24 LC_ALL=C -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys 3
tui_check "the drafts awaiting my signature" 'Drafts to sign \([1-9]'
tui_keys Enter
tui_check "the draft view" '^State: to the signer'
tui_check "the draft's text" '^-+ Page 1 of [0-9]+ -+$' 20

# Annotate (i): on the metadata the cursor is refused; on the text it works.
tui_keys i
tui_check "annotating outside the text is refused" 'onto a line of the text'
tui_keys '/'
tui_type 'can cu luat phong'
tui_keys Enter
tui_keys i
tui_check "the annotation prompt names the page" '^Note on page 1'
tui_type 'Đề nghị ghi rõ căn cứ'
tui_keys Enter
tui_check "the annotation is sent" 'Note sent' 20
tui_keys Home
tui_check "the server has the annotation, anchored to its line" '^  page 1, Nguyễn Văn Hùng' 20
tui_check "the quoted line is the one under the cursor" '^    "Căn cứ Luật Phòng, chống thiên tai'
tui_check "the note is shown" '^    Đề nghị ghi rõ căn cứ'

# Approve: a confirmation first; n cancels.
tui_keys a
tui_check "approving asks first" '^Approve the draft '
tui_check "the answer keys show (a long question wraps)" '\(y = yes, n = no\) *$'
tui_keys n
tui_check "n cancels" 'Cancelled: nothing was done'
tui_keys a
tui_wait '^Approve the draft'
tui_keys y
tui_check "the approval is sent" 'Approval sent' 20
tui_check "the server says approved" '^State: approved' 20
# Approved: the hints offer returning and signing, not approving again.
tui_check "once approved, the hints offer signing" ' s Sign( |$)' 20
t_match "and returning" ' r Return( |$)' "$(tui_screen | tail -n 2)"
t_nomatch "but not approving again" ' a Approve( |$)' \
    "$(tui_screen | tail -n 2)"
tui_keys q

# Return another draft with a reason.
tui_keys End Enter
tui_check "another draft" '^State: ' 10
tui_wait '^-+ Page 1 of' 20
tui_keys r
tui_check "returning asks for a reason" '^Reason for returning'
tui_type 'Sai thể thức, đề nghị sửa'
tui_keys Enter
tui_check "then for confirmation" '^Return to the drafter: '
tui_check "its answer keys show" '\(y = yes, n = no\) *$'
tui_keys y
tui_check "the return is sent" 'Draft returned to the drafter' 20
tui_check "the server says returned" '^State: returned' 20
tui_stop

# The clerk on a signed draft: the hints offer issuing it, never
# annotating, approving or returning it, and those keys say why not.
# (State and cache of its own: the leader's session stays his.)
export XDG_STATE_HOME="$tui_tmp/state-clerk" XDG_CACHE_HOME="$tui_tmp/cache-clerk"
mkdir -p "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
tui_start 100 24 LC_ALL=C -- ui --user vanthu
t_ok "the clerk logs in" tui_login vanthu vanthu-2026
tui_keys 3
tui_check "the signed draft is the clerk's to issue" ' signed +[0-9]{2}/' 20
tui_keys Enter
tui_check "its view" '^State: signed' 20
tui_check "the hints offer issuing" ' s Issue( |$)' 20
hints=$(tui_screen | tail -n 2)
t_nomatch "not annotating" ' i Annotate( |$)' "$hints"
t_nomatch "not approving" ' a Approve( |$)' "$hints"
t_nomatch "not returning" ' r Return( |$)' "$hints"
tui_keys r
tui_check "r says why not" 'cannot be returned by you now \(state: signed\)'
tui_keys i
tui_check "i says why not, as draft annotate does" \
    '^draft d[0-9]+ is signed: its text no longer changes, so it takes no annotations'
tui_stop
t_done
