#!/bin/sh
# Nothing queued is ever hidden (issue 19): every file of the outbox is
# accounted for.  Damaged files (a field missing, cut short, empty,
# random bytes, a directory, a link, a named pipe, 1 GB) are listed as
# damaged, never sent and never counted as refused by the server; a
# complete action left in tmp/ by a process killed between its two
# renames is sent, once; an outbox directory that cannot be read is an
# error, not an empty outbox.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --quiet
obs=$(api_token phochutich)
vt_login chutich >/dev/null
vt inbox >/dev/null
doc=$(vt inbox --json | jq_py '[d["id"] for d in j["documents"] if d["status"] not in ("02","06")][0]')
before=$(comment_count "$obs" "$doc")
core_server_stop

# One good action, queued offline.
vt comment "$doc" "Ý kiến giữ lại" >/dev/null 2>&1
ob=$(dirname "$(find "$XDG_STATE_HOME" -type d -name new | head -n 1)")
good=$(ls "$ob/new")
t_ok "the comment is queued in new/" test -s "$ob/new/$good"

# The damaged ones, with names as vanthu gives them (sorted after it).
meta=$(head -n 1 "$ob/new/$good")
body=$(tail -n +2 "$ob/new/$good")
d() { echo "ffffffffffff$1.1.00000000"; }
printf '%s\n%s' "$(echo "$meta" | sed 's/"key":"[^"]*",//')" "$body" >"$ob/new/$(d 1)"
printf '%s' "$meta" | head -c 40 >"$ob/new/$(d 2)"
: >"$ob/new/$(d 3)"
head -c 300 /dev/urandom >"$ob/new/$(d 4)"
mkdir "$ob/new/$(d 5)"
ln -s "$ob/new/$good" "$ob/new/$(d 6)"
mkfifo "$ob/new/$(d 7)"
truncate -s 1G "$ob/new/$(d 8)"
n=8
ndamaged=$n

out=$(timeout 60 "$VANTHU" outbox 2>&1); rc=$?
t_is "outbox lists it all without blocking (named pipe) and exits 0" 0 "$rc"
t_is "every damaged file is listed as damaged" "$ndamaged" \
    "$(printf '%s\n' "$out" | grep -c '^damaged ')"
t_match "the good comment is listed as waiting, by its name" \
    "^    Name: $good\$" "$out"
t_match "a damaged file says what is wrong with it" \
    'a field it needs is missing' "$out"
t_match "and what to do" 'vanthu outbox drop ffffffffffff1' "$out"
t_match "the text of a file cut short is shown" 'ffffffffffff2.*"v":1' \
    "$(printf '%s\n' "$out" | tr '\n' ' ')"
t_match "a named pipe is named as such" 'named pipe' "$out"
t_match "a link is named as such" 'symbolic link' "$out"
t_match "a 1 GB file is too large" 'too large' "$out"
json=$(timeout 60 "$VANTHU" outbox --json)
t_is "outbox --json includes the damaged entries" "$ndamaged" \
    "$(printf '%s\n' "$json" | jq_py 'len([a for a in j["actions"] if a["state"] == "damaged"])')"
t_is "with their problem and file" "$ndamaged" \
    "$(printf '%s\n' "$json" | jq_py 'len([a for a in j["actions"] if a.get("problem") and a.get("file")])')"

core_server_start --quiet
out=$(timeout 120 "$VANTHU" outbox flush 2>&1); rc=$?
t_is "outbox flush exits 0" 0 "$rc"
t_match "the good comment is sent, nothing is counted as refused" \
    'Sent 1, refused 0, still waiting 0' "$out"
t_match "the damaged files are said not to be sent" \
    "$ndamaged damaged files of the outbox were not sent" "$out"
t_is "failed/ is empty: local damage is not a server refusal" "" \
    "$(ls "$ob/failed")"
t_is "the comment reached the server once" "$((before + 1))" \
    "$(comment_count "$obs" "$doc")"
t_is "the damaged files are still listed" "$ndamaged" \
    "$(vt outbox | grep -c '^damaged ')"
for i in $(seq 1 "$ndamaged"); do
	vt outbox drop "ffffffffffff$i.1.00000000" >/dev/null 2>&1 ||
	    echo "drop $i failed" >>"$tmp/drops"
done
t_is "each damaged file can be dropped" "" "$(cat "$tmp/drops" 2>/dev/null)"
t_is "then the outbox is empty" "The outbox is empty." "$(vt outbox)"

# A complete action left in tmp/ by a killed writer (its pid in the
# name, a process that has ended) is sent once; a partial temporary
# file of a dead writer is removed.
core_server_stop
vt comment "$doc" "Ý kiến trong tmp" >/dev/null 2>&1
queued=$(ls "$ob/new")
sh -c 'exit 0' & dead=$!
wait "$dead"
orphan=$(echo "$queued" | sed "s/\.[0-9]*\./.$dead./")
mv "$ob/new/$queued" "$ob/tmp/$orphan"
echo partial >"$ob/tmp/$orphan.tmp.$dead.0"
out=$(vt outbox)
t_match "the orphan in tmp/ is listed as waiting" '^waiting ' "$out"
t_match "under its name" "^    Name: $orphan\$" "$out"
t_ok "the partial temporary file is removed" \
    test ! -e "$ob/tmp/$orphan.tmp.$dead.0"
core_server_start --quiet
vt outbox flush >/dev/null 2>&1
vt outbox flush >/dev/null 2>&1
t_is "the orphan reached the server exactly once" "$((before + 2))" \
    "$(comment_count "$obs" "$doc")"
t_is "tmp/ is empty" "" "$(ls "$ob/tmp")"

# A new/ that cannot be read is an error, not an empty outbox.
rm -rf "$ob/new"
echo x >"$ob/new"
out=$(vt outbox 2>&1); rc=$?
t_ok "an unreadable new/ makes outbox fail" test "$rc" -ne 0
t_match "saying the directory cannot be read" \
    'cannot read the outbox directory' "$out"
t_nomatch "and not that the outbox is empty" 'outbox is empty' "$out"
rm -f "$ob/new"
mkdir "$ob/new"
t_done
