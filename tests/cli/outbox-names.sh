#!/bin/sh
# The plain outbox names each queued action as the interface does: the
# document's number/notation (a draft without a number: its type) and
# subject (trích yếu), from the cache, in both languages; --json has
# them too; without the cache the id is shown and nothing breaks.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
vt_login chutich >/dev/null
vt sync >/dev/null 2>&1
doc=$(vt inbox --json | jq_py '[d["id"] for d in j["documents"] if d.get("number_notation")][0]')
num=$(vt inbox --json | jq_py '[d["number_notation"] for d in j["documents"] if d["id"] == "'"$doc"'"][0]')
subj=$(vt inbox --json | jq_py '[d["subject"] for d in j["documents"] if d["id"] == "'"$doc"'"][0]')
draft=$(vt drafts --json | jq_py '[d["id"] for d in j["drafts"]][0]')
dtype=$(vt drafts --json | jq_py '[d.get("type_name") or "" for d in j["drafts"]][0]')
dsubj=$(vt drafts --json | jq_py '[d["subject"] for d in j["drafts"]][0]')
core_server_stop
vt comment "$doc" "Ý kiến khi mất mạng" >/dev/null 2>&1
vt draft return "$draft" --reason "Sai thể thức" >/dev/null 2>&1

out=$(vt outbox); rc=$?
t_is "outbox exits 0" 0 "$rc"
first=$(printf '%s\n' "$out" | sed -n 1p)
t_match "the comment's line names the document's number" "^waiting +[0-9/]+ [0-9:]+  $num  " "$first"
t_match "and its subject" "  $subj\$" "$first"
t_nomatch "not its internal id" " $doc( |\$)" "$first"
t_match "then what was done" "^    comment on $doc: Ý kiến khi mất mạng\$" "$out"
t_match "the draft is named by its type and subject" \
    "^waiting .*  $dtype  $dsubj\$" "$out"
t_is "outbox --json has the number" "$num" \
    "$(vt outbox --json | jq_py 'j["actions"][0]["number_notation"]')"
t_is "and the subject" "$subj" \
    "$(vt outbox --json | jq_py 'j["actions"][0]["subject"]')"

gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	mkdir -p "$tmp/loc/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" "$VANTHU" outbox)
	t_match "in Vietnamese the state is Vietnamese, the number the same" \
	    "^chờ gửi +[0-9/]+ [0-9:]+  $num  $subj\$" "$out"
	t_match "and the name is labelled in Vietnamese" '^    Tên: ' "$out"
else
	t_skip "in Vietnamese the state is Vietnamese" "no vi_VN.UTF-8 locale"
	t_skip "and the name is labelled in Vietnamese" "no vi_VN.UTF-8 locale"
fi

rm -rf "$XDG_CACHE_HOME"
out=$(vt outbox 2>&1); rc=$?
t_is "without the cache outbox still exits 0" 0 "$rc"
t_match "and names the document by its id" "^waiting +[0-9/]+ [0-9:]+  $doc\$" "$out"
t_done
