#!/bin/sh
# The same action queued from the command line and from the interface
# produces the same outbox record (kind, target, summary, method, path,
# content type and body): both build it from the one action table
# (vanthu/actions.h).  The server is stopped so that both stay queued.
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
reason='Sai thể thức, đề nghị sửa'
text='Đề nghị phòng chuyên môn báo cáo trước ngày 05/12'

tui_start 100 30 LC_ALL=C -- ui --user chutich
t_ok "log in" tui_login chutich chutich-2026
tui_keys 3
tui_wait 'Drafts to sign \([1-9]' 30
tui_keys Enter
tui_check "a draft is open" '^-+ Page 1 of [0-9]+ -+$' 30
tui_keys q 1 Enter
tui_check "a document is open" '^-+ Page 1 of [0-9]+ -+$' 30
# The server goes away: what is queued now stays in the outbox.
kill "$tui_server_pid"; wait "$tui_server_pid" 2>/dev/null; tui_server_pid=
tui_keys c
tui_wait '^Comment' 10
tui_type "$text"
tui_keys Enter
tui_check "the comment waits in the outbox" 'to send: 1 *$' 30
tui_keys q 3
tui_wait 'Drafts to sign' 10
tui_keys Enter
tui_wait '^-+ Page 1 of [0-9]+ -+$' 30
tui_keys r
tui_check "returning asks for a reason" '^Reason for returning' 10
tui_type "$reason"
tui_keys Enter
tui_wait '^Return to the drafter' 10
tui_keys y
tui_check "the draft return waits in the outbox" 'to send: 2 *$' 30
tui_keys q q
tui_stop

# records: "KIND TARGET" of each queued record, oldest first.
records() {
	find "$XDG_STATE_HOME" -path '*/outbox/*/new/*' -type f | sort |
	while read -r f; do
		head -n 1 "$f" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["kind"], j["target"])'
	done
}
ui_records=$(records)
doc=$(echo "$ui_records" | sed -n 's/^comment //p')
draft=$(echo "$ui_records" | sed -n 's/^draft-return //p')
t_ok "the interface queued a comment and a draft return" \
    test -n "$doc" -a -n "$draft"

"$VANTHU" comment "$doc" "$text" >/dev/null 2>&1; rc=$?
t_is "the command line keeps its comment for later (exit 3)" 3 "$rc"
"$VANTHU" draft return "$draft" --reason "$reason" >/dev/null 2>&1; rc=$?
t_is "the command line keeps its draft return for later (exit 3)" 3 "$rc"

# Compare the records pairwise: everything but the key, name and time.
same=$(find "$XDG_STATE_HOME" -path '*/outbox/*/new/*' -type f | sort |
    python3 -c '
import json, sys
recs = {}
for path in sys.stdin.read().split():
    meta, body = open(path, "rb").read().split(b"\n", 1)
    m = json.loads(meta)
    fields = tuple(m[k] for k in ("kind", "target", "summary", "method",
                                  "path", "content_type")) + (body,)
    recs.setdefault(m["kind"], []).append(fields)
for kind in ("comment", "draft-return"):
    a = recs.get(kind, [])
    print(kind, len(a), "same" if len(a) == 2 and a[0] == a[1] else
          "differ: %r" % (a,))
')
t_match "the comment records are the same" '^comment 2 same$' "$same"
t_match "the draft return records are the same" '^draft-return 2 same$' "$same"
t_done
