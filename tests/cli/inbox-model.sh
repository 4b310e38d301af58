#!/bin/sh
# Issue 17, the compact inbox on the command line: `vanthu inbox
# --offline --sort KEY` (read through the compact inbox) lists the same
# documents as the unsorted listing (streamed from the file), each
# once, in the key's order (checked on the JSON's fields for arrival,
# due, finished documents last, and urgency); an inbox of the previous
# format (1, no folded keys) lists and searches the same; a cache file cut short gives the
# message asking for a sync, in Vietnamese, and a failure status, never
# a crash; the index kept beside the inbox gives the same listings as
# its lines.  The same rows, sorts, filters and searches as the reference
# computation on 10,000 documents: tests/unit/test-inbox-model.c.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --documents 300
vt_login chutich >/dev/null
vt sync >/dev/null
t_is "synced" 0 "$?"
core_server_stop
inbox=$(find "$XDG_CACHE_HOME" -name inbox -type f | head -n 1)

vt inbox --offline --json >"$tmp/plain.json"
for key in arrival due urgency organ date; do
	vt inbox --offline --json --sort "$key" >"$tmp/$key.json"
	t_is "--sort $key: exit 0" 0 "$?"
	out=$("$PYTHON3" - "$tmp/plain.json" "$tmp/$key.json" "$key" <<'PY'
import json, sys
plain = json.load(open(sys.argv[1]))["documents"]
got = json.load(open(sys.argv[2]))["documents"]
key = sys.argv[3]
ids = [d["id"] for d in got]
if sorted(ids) != sorted(d["id"] for d in plain) or len(set(ids)) != len(ids):
    print("not the same documents"); sys.exit()
if len(ids) < 300:
    print("too few documents: %d" % len(ids)); sys.exit()
def k(d):
    if key == "arrival":
        n = d.get("arrival_number") or 0
        return (0, -n) if n > 0 else (1, 0)
    if key == "due":
        # finished ones (completed 06, returned 02) last
        done = d.get("status") in ("02", "06")
        v = d.get("due_date") or ""
        return (done, 0, v) if v else (done, 1, "")
    if key == "urgency":
        return -d.get("urgency", 0)
    return 0
keys = [k(d) for d in got]
print("ordered" if keys == sorted(keys) else "out of order")
PY
)
	t_is "--sort $key: every document once, in order" ordered "$out"
done

# The index beside the inbox (inbox.idx, made by the sync): the listings
# above were read back from it; without it, the inbox's lines give the
# same, and the index is made again.
t_ok "the sync left the inbox's index beside it" test -s "$inbox.idx"
rm -f "$inbox.idx"
vt inbox --offline --json --sort due >"$tmp/due-lines.json"
cmp -s "$tmp/due.json" "$tmp/due-lines.json"
t_is "without the index: the same sorted listing" 0 "$?"
t_ok "the index is made again" test -s "$inbox.idx"
# Past a file-size limit the index is not written; the listing is the
# same (no SIGXFSZ), nothing is said, no temporary file is left.
rm -f "$inbox.idx"
(ulimit -f 2; "$VANTHU" inbox --offline --json --sort due \
    2>"$tmp/limit.err"; echo $? >"$tmp/limit.rc") | cat >"$tmp/due-limit.json"
t_is "a file-size limit: exit 0" 0 "$(cat "$tmp/limit.rc")"
cmp -s "$tmp/due.json" "$tmp/due-limit.json"
t_is "a file-size limit: the same sorted listing" 0 "$?"
t_is "a file-size limit: nothing said" "" "$(cat "$tmp/limit.err")"
t_is "a file-size limit: no index, no temporary file" "" \
    "$(ls "$(dirname "$inbox")" | grep '^inbox\.idx')"

# The previous format: the same listing, the same search.
vt inbox --offline --sort due >"$tmp/v2.txt"
vt inbox --offline --search "hoang hoa" --sort arrival >"$tmp/v2s.txt"
t_match "the search finds documents" '.' "$(cat "$tmp/v2s.txt")"
"$PYTHON3" - "$inbox" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
out = ["vanthu-inbox 1\t" + lines[0].split("\t", 1)[1]]
out += ["\t".join(l.split("\t")[:24]) for l in lines[1:] if l]
open(p, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY
t_match "the cache is now of format 1" '^vanthu-inbox 1' "$(head -n 1 "$inbox")"
vt inbox --offline --sort due >"$tmp/v1.txt"
cmp -s "$tmp/v2.txt" "$tmp/v1.txt"
t_is "format 1: the same sorted listing" 0 "$?"
vt inbox --offline --search "hoang hoa" --sort arrival >"$tmp/v1s.txt"
cmp -s "$tmp/v2s.txt" "$tmp/v1s.txt"
t_is "format 1: the same search" 0 "$?"

# Cut short: refused with the Vietnamese message and a failure status.
head -c $(($(wc -c <"$inbox") / 2)) "$inbox" >"$tmp/cut" &&
    cat "$tmp/cut" >"$inbox"
mkdir -p "$tmp/vi/LC_MESSAGES"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' &&
    msgfmt -o "$tmp/vi/LC_MESSAGES/vanthu.mo" "$top_srcdir/po/vi.po" \
    2>/dev/null; then
	LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" inbox --offline \
	    --sort due >/dev/null 2>"$tmp/err"
	rc=$?
	t_ok "cut short: a failure status, not a crash ($rc)" \
	    test "$rc" -ge 1 -a "$rc" -lt 64
	t_match "cut short: the message in Vietnamese asks for a sync" \
	    "bị hỏng.*vanthu sync" "$(cat "$tmp/err")"
else
	t_skip "cut short: a failure status" "no vi_VN locale"
	t_skip "cut short: the message in Vietnamese" "no vi_VN locale"
fi
t_done
