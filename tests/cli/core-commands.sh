#!/bin/sh
# Every command of the core client against the reference server over
# real TLS: login, inbox, show, get, actions, drafts, sync, outbox,
# logout; checked on the server's side.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
obs=$(api_token phochutich)

# login
err=$(echo wrong | vt login --username chutich --password-stdin 2>&1)
t_is "a wrong password exits 4" 4 "$?"
t_is "a wrong password: the reason once, no advice to log in" \
    "vanthu login: wrong user name or password" "$err"
out=$(vt_login chutich); rc=$?
t_is "login exits 0" 0 "$rc"
t_match "login names the user" 'Nguyễn Văn Hùng' "$out"
t_is "the session file has mode 0600" "600" \
    "$(stat -c %a "$XDG_STATE_HOME/vanthu/session")"

# inbox
total=$(api_get "$obs" "/incoming?limit=1" | jq_py 'j["total"]')
out=$(vt inbox); rc=$?
t_is "inbox exits 0" 0 "$rc"
t_is "inbox lists every document" "$total" "$(printf '%s\n' "$out" | wc -l)"
json=$(vt inbox --json)
t_is "inbox --json counts them" "$total" "$(echo "$json" | jq_py 'j["count"]')"
t_is "inbox --json has the Decree 30 fields" "True" \
    "$(echo "$json" | jq_py 'all(k in j["documents"][0] for k in ("id","number_notation","subject","organ","urgency","due_date","arrival_number","status","read"))')"
t_is "inbox --json says it synced" "True" "$(echo "$json" | jq_py 'j["synced"]')"
unread=$(api_get "$(api_token chutich)" "/incoming?unread=true&limit=1" | jq_py 'j["total"]')
t_is "inbox --unread" "$unread" "$(vt inbox --unread | wc -l)"
today=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)	# (vanthu counts in Vietnam time)
overdue=$(echo "$json" | jq_py "sum(1 for d in j['documents'] if d['due_date'] and d['due_date'] < '$today' and d['status'] not in ('02','06'))")
t_is "inbox --overdue" "$overdue" "$(vt inbox --overdue | wc -l)"
t_match "the overdue ones are flagged" '^..!' "$(vt inbox --overdue | head -n 1)"
# The interface's letters (vt_inbox_mark_letters): N unread, * mine.
n=$(vt inbox --unread | wc -l)
t_is "every unread one is marked N" "$n" "$(vt inbox --unread | grep -c '^N')"
t_is "no read one is" 0 "$(vt inbox | grep -v '^N' | grep -c '^[^ ]')"
n1=$(vt inbox --search 'hoang hoa' | wc -l)
n2=$(vt inbox --search 'HOẰNG HOÁ' | wc -l)
t_is "search ignores diacritics, case and tone placement" "$n1" "$n2"
t_match "search finds documents of Hoằng Hóa" '^[1-9]' "$n1"
vt inbox --search 'zzzz khong co' >"$tmp/nomatch.out" 2>"$tmp/nomatch.err"
t_is "a search with no match exits 0" 0 "$?"
t_is "it lists nothing on stdout" 0 "$(wc -l <"$tmp/nomatch.out")"
t_is "it says so in one sentence on stderr" \
    'No document matches "zzzz khong co".' "$(cat "$tmp/nomatch.err")"
vt inbox --search 'zzzz khong co' --unread >/dev/null 2>"$tmp/nomatch.err"
t_is "with another filter the sentence says so" \
    'No document matches "zzzz khong co" (with the other filters given).' \
    "$(cat "$tmp/nomatch.err")"
vt inbox --offline --search "$(printf 'zz\033]0;x\007')" 2>"$tmp/nomatch.err" >/dev/null
t_nomatch "the words are shown without their control characters" \
    "$(printf '\033')" "$(cat "$tmp/nomatch.err")"
nomatch=$(vt inbox --search 'zzzz khong co' --json 2>"$tmp/nomatch.err"); rc=$?
t_is "inbox --search --json with no match exits 0" 0 "$rc"
t_is "it prints valid JSON with an empty list" "[] 0" \
    "$(echo "$nomatch" | jq_py '" ".join([json.dumps(j["documents"]), str(j["count"])])')"
t_is "and nothing on stderr (the JSON says it)" "" "$(cat "$tmp/nomatch.err")"
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	mkdir -p "$tmp/loc/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" \
	    vt inbox --offline --search 'zzzz khong co' 2>&1); rc=$?
	t_is "in Vietnamese: exit 0" 0 "$rc"
	t_is "in Vietnamese: the sentence" \
	    'Không có văn bản nào khớp với "zzzz khong co".' "$out"
else
	t_skip "in Vietnamese: the sentence" "no vi_VN.UTF-8 locale"
fi
out=$(VANTHU_HTTP_STATS=1 vt inbox 2>&1 >/dev/null)
t_match "a refresh with nothing new is one request" 'requests=1 ' "$out"
rm -rf "$XDG_CACHE_HOME/vanthu"
out=$(VANTHU_HTTP_STATS=1 vt sync 2>&1 >/dev/null)
t_match "a full sync makes several requests" 'requests=([2-9]|[1-9][0-9]+) ' "$out"
t_match "over one connection (one TLS handshake)" 'connects=1 ' "$out"
recv=$(echo "$out" | sed -n 's/.*received=\([0-9]*\).*/\1/p')
plain=$(vt inbox --offline --json | wc -c)
t_ok "the lists come compressed (gzip)" test "$recv" -lt $((plain / 2))

# show, get
doc=$(echo "$json" | jq_py '[d["id"] for d in j["documents"] if d["attachment_count"] == 1 and d["status"] not in ("01","02","06")][0]')
out=$(vt show "$doc"); rc=$?
t_is "show exits 0" 0 "$rc"
t_match "show prints the subject" '^(Subject|Trích yếu):' "$out"
t_match "show prints the history" '^History:' "$out"
sj=$(vt show "$doc" --json)
t_is "show --json is the document" "$doc" "$(echo "$sj" | jq_py 'j["id"]')"
t_is "show marks the document read" "True" \
    "$(api_get "$(api_token chutich)" "/incoming/$doc" | jq_py 'j["read"]')"
# The cached inbox learns it too: offline, the document is read.
cached_read() {
	vt inbox --offline --json |
	    jq_py "[d['read'] for d in j['documents'] if d['id'] == '$1']"
}
udoc=$(vt inbox --offline --json | jq_py '[d["id"] for d in j["documents"] if not d["read"]][0]')
t_is "an unread document is cached unread" "[False]" "$(cached_read "$udoc")"
t_match "inbox --offline --unread lists it, marked N" "^N.. $udoc " \
    "$(vt inbox --offline --unread)"
t_is "and is unread on the server" "False" \
    "$(api_get "$(api_token chutich)" "/incoming/$udoc" | jq_py 'j["read"]')"
vt show "$udoc" >/dev/null; rc=$?
t_is "show of the unread document exits 0" 0 "$rc"
# One not registered yet: its arrival date, no arrival number 0.
new1=$(vt inbox --offline --json | jq_py '[d["id"] for d in j["documents"] if not d.get("arrival_number")][0]')
out=$(vt show "$new1")
t_match "show of one not registered: said so" \
    '^Arrival: +[0-9/]+.*, not registered yet$' "$out"
t_nomatch "show of one not registered: no arrival number 0" 'no\. 0' "$out"
t_is "the server has it read" "True" \
    "$(api_get "$(api_token chutich)" "/incoming/$udoc" | jq_py 'j["read"]')"
t_is "inbox --offline --json says read after show" "[True]" \
    "$(cached_read "$udoc")"
t_nomatch "inbox --offline --unread no longer lists it" "^... $udoc " \
    "$(vt inbox --offline --unread)"
t_nomatch "nor sorted (the compact inbox and its index)" "^... $udoc " \
    "$(vt inbox --offline --unread --sort arrival)"
t_match "the full listing marks it read (no N)" "^ .. $udoc " \
    "$(vt inbox --offline --sort arrival)"
# The server fails: show falls back on the cached copy, which says read.
fault '{"path_prefix": "/api/v1/incoming/'"$udoc"'", "method": "GET", "kind": "status", "status": 503, "retry_after": 0, "count": -1}'
t_is "the cached copy of the document says read" "True" \
    "$(vt show "$udoc" --json 2>/dev/null | jq_py 'j["read"]')"
faults_clear
err=$(vt show nosuchdoc 2>&1 >/dev/null); rc=$?
t_is "show of an unknown document exits 5" 5 "$rc"
t_match "and names it and how to list the ids" \
    "nosuchdoc: no such document .'vanthu inbox' lists" "$err"
# The arrival number (số đến) the inbox and the TUI show (breaker F13).
num=$(echo "$json" | jq_py '[d["arrival_number"] for d in j["documents"] if d["id"] == "'"$doc"'"][0]')
t_is "show ARRIVAL-NUMBER is that document" "$doc" \
    "$(vt show "$num" --json | jq_py 'j["id"]')"
err=$(vt show 99999999 2>&1 >/dev/null); rc=$?
t_is "show of an unknown arrival number exits 5" 5 "$rc"
t_match "and says so" 'no document with arrival number 99999999' "$err"
# A number and notation is not an id: say what to give instead.
err=$(vt show '15/CĐ-UBND' 2>&1 >/dev/null); rc=$?
t_is "show of a number and notation is a usage error (2)" 2 "$rc"
t_match "and says to give the id or the arrival number" \
    "'15/CĐ-UBND' is not a document: give its id .* or its arrival number" \
    "$err"
sha=$(echo "$sj" | jq_py 'j["attachments"][0]["sha256"]')
vt get "$doc" -o "$tmp/a.pdf" >/dev/null; rc=$?
t_is "get exits 0" 0 "$rc"
t_is "get saves the file with its SHA-256" "$sha" \
    "$(sha256sum "$tmp/a.pdf" | cut -d ' ' -f 1)"
vt get "$doc" nosuch.pdf -o "$tmp/b.pdf" >/dev/null 2>&1
t_is "get of an unknown attachment exits 5" 5 "$?"

# actions, checked on the server
before=$(comment_count "$obs" "$doc")
out=$(vt comment "$doc" "Đề nghị văn phòng tham mưu"); rc=$?
t_is "comment exits 0" 0 "$rc"
t_is "the comment is on the server once" $((before + 1)) \
    "$(comment_count "$obs" "$doc")"
vt comment "$num" "Ý kiến theo số đến" >/dev/null; rc=$?
t_is "comment ARRIVAL-NUMBER exits 0" 0 "$rc"
t_is "the comment by arrival number is on that document" "Ý kiến theo số đến" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["comments"][-1]["text"]')"
printf 'Dòng một\nDòng hai\n' | vt comment "$doc" - >/dev/null
t_is "a comment from standard input" "Dòng một
Dòng hai" "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["comments"][-1]["text"]')"
vt assign "$doc" --lead chuyenvien1 --cooperate chuyenvien2 \
    --inform phochutich --due 2030-12-05 --note "Giao đ/c Tuấn" >/dev/null
t_is "assign sets the lead" "chuyenvien1:lead" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py '[a["user"]["username"]+":"+a["role"] for a in j["assignments"] if a["role"]=="lead"][0]')"
t_is "assign sets the deadline" "2030-12-05" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["due_date"]')"
vt assign "$doc" --cooperate chuyenvien2 --due 2030-12-05 >/dev/null 2>&1
t_is "assign without --lead is a usage error" 2 "$?"
# The deadline as people write it (breaker F14: "--due is required").
vt assign "$doc" --lead chuyenvien1 --due 6/12/2030 >/dev/null; rc=$?
t_is "assign --due D/MM/YYYY exits 0" 0 "$rc"
t_is "and sets that deadline" "2030-12-06" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["due_date"]')"
for bad in 31/02/2030 2030-13-01 12/2030 "05/12/2030x"; do
	err=$(vt assign "$doc" --lead chuyenvien1 --due "$bad" 2>&1); rc=$?
	t_is "assign --due $bad is a usage error" 2 "$rc"
	t_match "assign --due $bad: the message names the format" \
	    'not a date: write day/month' "$err"
done
# Day/month alone is this year's (Vietnam time), as in the interface.
vt assign "$doc" --lead chuyenvien1 --due 5/12 >/dev/null; rc=$?
t_is "assign --due 5/12 exits 0" 0 "$rc"
t_is "and sets the 5th of December of this year" \
    "$(TZ=Asia/Ho_Chi_Minh date +%Y)-12-05" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["due_date"]')"
vt forward "$doc" vanthu >/dev/null; rc=$?
t_is "forward exits 0" 0 "$rc"
t_is "the forwarded document is the clerk's" "True" \
    "$(api_get "$(api_token vanthu)" "/incoming/$doc" | jq_py 'j["mine"]')"
vt complete "$doc" --note "Đã báo cáo" >/dev/null; rc=$?
t_is "complete exits 0" 0 "$rc"
t_is "the document is completed" "06" \
    "$(api_get "$obs" "/incoming/$doc" | jq_py 'j["status"]')"
err=$(vt complete "$doc" 2>&1); rc=$?
t_is "completing twice is refused (exit 5)" 5 "$rc"
t_match "with the server's reason" 'Văn bản đã hoàn thành \(HTTP 409\)' "$err"
out=$(vt outbox --json)
t_is "the refused action is listed as failed" "failed" \
    "$(echo "$out" | jq_py 'j["actions"][0]["state"]')"
t_match "with its reason" 'Văn bản đã hoàn thành \(HTTP 409\)' \
    "$(echo "$out" | jq_py 'j["actions"][0]["reason"]')"
name=$(echo "$out" | jq_py 'j["actions"][0]["name"]')
err=$(vt outbox drop "" 2>&1); rc=$?
t_is "outbox drop of an empty name is a usage error (exit 2)" 2 "$rc"
t_match "outbox drop of an empty name says why" 'expected an action name' "$err"
t_is "outbox drop of an empty name keeps the action" 1 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"
out=$(vt outbox drop "$name")
t_is "outbox drop says what it did" "Dropped $name: it will not be sent." "$out"
t_is "outbox drop forgets it" 0 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"
other=$(echo "$json" | jq_py '[d["id"] for d in j["documents"] if d["status"] not in ("02","06") and d["id"] != "'"$doc"'"][0]')
vt return "$other" --reason "Gửi nhầm đơn vị" >/dev/null; rc=$?
t_is "return exits 0" 0 "$rc"
t_is "the document is returned" "02" \
    "$(api_get "$obs" "/incoming/$other" | jq_py 'j["status"]')"

# drafts
out=$(vt drafts); rc=$?
t_is "drafts exits 0" 0 "$rc"
dj=$(vt drafts --json)
mine=$(api_get "$(api_token chutich)" "/drafts?limit=200" | jq_py 'j["total"]')
t_is "drafts lists those awaiting me" "$mine" "$(echo "$dj" | jq_py 'j["count"]')"
draft=$(echo "$dj" | jq_py '[d["id"] for d in j["drafts"] if d["state"] == "awaiting_signer"][0]')
out=$(vt draft show "$draft"); rc=$?
t_is "draft show exits 0" 0 "$rc"
t_match "draft show lists versions" '^Versions:' "$out"
first=$(api_get "$(api_token chutich)" "/drafts/$draft" | jq_py 'j["recipients"][0]')
t_is "draft show lists the recipients (nơi nhận)" "  - $first" \
    "$(printf '%s\n' "$out" | sed -n '/^Recipients:$/{n;p;}')"
ver=$(vt draft show "$draft" --json | jq_py 'j["current_version"]["id"]')
vt draft annotate "$draft" --page 1 --quote "Ban Chỉ huy" "Bổ sung căn cứ" \
    >/dev/null; rc=$?
t_is "draft annotate exits 0" 0 "$rc"
t_is "the annotation is on the current version" "$ver:1:Bổ sung căn cứ" \
    "$(api_get "$obs" "/drafts/$draft" | jq_py 'j["annotations"][-1]["version_id"]+":"+str(j["annotations"][-1]["page"])+":"+j["annotations"][-1]["note"]')"
vt draft approve "$draft" >/dev/null; rc=$?
t_is "draft approve exits 0" 0 "$rc"
t_is "the draft is approved" "approved" \
    "$(api_get "$(api_token chutich)" "/drafts/$draft" | jq_py 'j["state"]')"
vt draft return "$draft" --reason "Chưa đúng thể thức" >/dev/null; rc=$?
t_is "draft return exits 0" 0 "$rc"
t_is "the draft is returned" "returned" \
    "$(api_get "$(api_token chutich)" "/drafts/$draft" | jq_py 'j["state"]')"
vt draft bogus d1 >/dev/null 2>&1
t_is "an unknown draft subcommand exits 2" 2 "$?"

# delta sync: a new document, a recalled one and changed ones end up
# exactly as on the server
new=$(curl -s --cacert "$CA" -H 'Content-Type: application/json' \
    -d '{"subject": "Công văn mới đến về phòng chống dịch", "urgency": 3}' \
    "$URL/admin/incoming" | jq_py 'j["id"]')
gone=$(vt inbox --offline --json | jq_py 'j["documents"][3]["id"]')
curl -s --cacert "$CA" -X POST "$URL/admin/incoming/$gone/recall" >/dev/null
out=$(VANTHU_HTTP_STATS=1 vt sync 2>&1); rc=$?
t_is "sync after changes exits 0" 0 "$rc"
t_match "a delta, not a full listing" 'Updated: [0-9]+ changed, 1 removed\.' "$out"
t_match "the new document is listed" "^N   $new " "$(vt inbox --offline | head -n 5)"
t_nomatch "the recalled one is gone" " $gone " "$(vt inbox --offline)"
srv=$(api_get "$(api_token chutich)" "/incoming?limit=200" |
    jq_py '" ".join(sorted(d["id"]+":"+str(d["read"])+":"+d["status"] for d in j["items"]))')
loc=$(vt inbox --offline --json |
    jq_py '" ".join(sorted(d["id"]+":"+str(d["read"])+":"+d["status"] for d in j["documents"]))')
t_is "the cached inbox equals the server's (ids, read, status)" "$srv" "$loc"

# sync, outbox, logout
out=$(vt sync); rc=$?
t_is "sync exits 0" 0 "$rc"
out=$(vt sync)
t_match "a second sync has nothing to do" '^Up to date' "$out"
t_match "the outbox is empty" 'empty' "$(vt outbox)"
tok=$("$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' \
    "$XDG_STATE_HOME/vanthu/session")
vt logout >/dev/null; rc=$?
t_is "logout exits 0" 0 "$rc"
t_is "logout revokes the token on the server" "unauthorized" \
    "$(api_get "$tok" /me | jq_py 'j["error"]["code"]')"
t_ok "logout removes the session file" test ! -e "$XDG_STATE_HOME/vanthu/session"
err=$(vt inbox 2>&1 >/dev/null); rc=$?
t_is "inbox when logged out exits 4" 4 "$rc"
# breaker F15: no word of queued actions when there are none.
t_match "logged out: log in" "Log in with 'vanthu login'" "$err"
t_nomatch "logged out: nothing said of a queue" 'queued|outbox' "$err"
# chuyenvien1 was assigned a document above: marked * as in the
# interface (vt_inbox_mark_letters).
vt_login chuyenvien1 >/dev/null
n=$(vt inbox --mine | wc -l)
t_ok "some are assigned to chuyenvien1 ($n)" test "$n" -gt 0
t_is "every one assigned to me is marked *" "$n" \
    "$(vt inbox --mine | grep -c '^.\*')"
t_is "and no other" "$n" "$(vt inbox --offline | grep -c '^.\*')"
t_done
