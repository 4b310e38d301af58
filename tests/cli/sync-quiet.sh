#!/bin/sh
# Issue 17, the wire: a refresh with nothing new is one request, and
# nothing more than the server's 304 once it was asked before:
#   - GET /sync says which work dossiers changed (docs/api.md 9), so
#     that the dossier list is asked only when one did, or when vanthu
#     has not brought its copies up to date at the cache's sync token
#     (a cache of an earlier version, a dossier sync that failed);
#   - the ETag of an answer that said nothing changed is kept, and the
#     same question again is answered 304, no body;
#   - a dossier changed by someone else comes in at the next refresh,
#     and a server that does not say which dossiers changed (the first
#     version of the API) still gets its dossiers asked every time.
# The copies are the same whatever the path taken.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
log="$tmp/server.log"

# synced NAME: a sync in a new process; its output in $tmp/NAME.out,
# its HTTP figures in $tmp/NAME.err, the server's log lines of it in
# $tmp/NAME.log.
synced() {
	before=$(wc -l <"$log")
	VANTHU_HTTP_STATS=1 "$VANTHU" sync >"$tmp/$1.out" 2>"$tmp/$1.err"
	rc=$?
	tail -n "+$((before + 1))" "$log" | grep ' "[A-Z]* /api/' \
	    >"$tmp/$1.log"
	return $rc
}

requests() {
	sed -n 's/^http-stats: requests=\([0-9]*\).*/\1/p' "$tmp/$1.err" |
	    tail -n 1
}

# asked NAME PATTERN: how many of NAME's requests match PATTERN.
asked() {
	grep -c "$2" "$tmp/$1.log"
}

cachedir() {
	find "$XDG_CACHE_HOME/vanthu" -maxdepth 1 -name '*@chutich' | head -n 1
}

vt_login chutich >/dev/null
# A dossier there before the first sync.
tok=$(api_token vanthu)
H0=$(api_post "$tok" /dossiers '{"entry_id": "m1"}' | jq_py 'j["id"]')
t_match "the clerk opened a dossier of the list ($H0)" '^h[0-9]+$' "$H0"
synced full; rc=$?
t_is "the first sync exits 0" 0 "$rc"
t_is "it asked for the work dossiers" 1 "$(asked full 'GET /api/v1/dossiers ')"
cache=$(cachedir)
t_ok "and marked them up to date (dossiers.token)" \
    test -s "$cache/dossiers.token"
code0=$(api_get "$tok" "/dossiers/$H0" | jq_py 'j["code"]')
t_match "the dossier is in the offline copy" "$code0" \
    "$(vt dossier list --offline 2>&1)"

synced quiet1; rc=$?
t_is "a refresh with nothing new exits 0" 0 "$rc"
t_match "and is up to date" '^Up to date\.$' "$(cat "$tmp/quiet1.out")"
t_is "it is one request" 1 "$(requests quiet1)"
t_is "GET /sync, answered in full the first time" 1 \
    "$(asked quiet1 'GET /api/v1/sync?since=[^ ]* HTTP/1.1" 200')"
t_is "the dossier list is not asked" 0 "$(asked quiet1 '/dossiers')"
t_ok "the answer's ETag is kept (sync.etag)" test -s "$cache/sync.etag"
t_is "sync.etag is 0600" 600 "$(stat -c %a "$cache/sync.etag")"

synced quiet2; rc=$?
t_is "the same refresh again exits 0" 0 "$rc"
t_match "up to date" '^Up to date\.$' "$(cat "$tmp/quiet2.out")"
t_is "one request" 1 "$(requests quiet2)"
t_is "answered 304, no body" 1 \
    "$(asked quiet2 'GET /api/v1/sync?since=[^ ]* HTTP/1.1" 304')"

# Someone else opens a dossier and files a document in it.
out=$(api_post "$tok" /dossiers \
    '{"code": "05.07", "title": "Hồ sơ thử đồng bộ", "retention": "5 năm"}')
H=$(echo "$out" | jq_py 'j["id"]')
t_match "the clerk opened a dossier ($H)" '^h[0-9]+$' "$H"
doc=$(api_get "$tok" '/incoming?limit=1' | jq_py 'j["items"][0]["id"]')
api_post "$tok" "/dossiers/$H/items" "{\"document_id\": \"$doc\"}" \
    >/dev/null
synced other; rc=$?
t_is "the next refresh exits 0" 0 "$rc"
t_match "it says a dossier came in" 'Work dossiers: 1 updated' \
    "$(cat "$tmp/other.out")"
t_is "it asked for the dossier list" 1 "$(asked other 'GET /api/v1/dossiers ')"
t_is "and for the new dossier" 1 "$(asked other "GET /api/v1/dossiers/$H ")"
out=$(vt dossier show --offline "$H" 2>&1)
t_match "the new dossier and its document are in the offline copy" \
    "05\.07.*|$doc" "$(echo "$out" | tr '\n' '|')"
t_match "with its document" "$doc|Hồ sơ thử đồng bộ" "$out"

synced after; rc=$?
t_is "then a refresh with nothing new is one request again" 1 \
    "$(requests after)"
t_is "the dossiers are not asked again" 0 "$(asked after '/dossiers')"
synced after2
t_is "and the one after is answered 304" 1 \
    "$(asked after2 'GET /api/v1/sync?since=[^ ]* HTTP/1.1" 304')"

# The dossiers cannot be fetched after one changed: the mark goes (the
# next refresh checks them all), and the refresh does not say "Up to
# date".
api_post "$tok" "/dossiers/$H/items" "{\"document_id\": \"i2\"}" >/dev/null
fault '{"path_prefix": "/api/v1/dossiers", "kind": "status", "status": 503, "count": -1}'
synced failing; rc=$?
faults_clear
t_ok "the dossier list failing: the refresh fails (exit $rc)" test "$rc" -ne 0
t_nomatch "and does not say it is up to date" 'Up to date' \
    "$(cat "$tmp/failing.out")"
t_ok "the mark is gone" test ! -e "$cache/dossiers.token"
synced recover; rc=$?
t_is "the next refresh exits 0" 0 "$rc"
t_is "and asks for the dossier list again" 1 \
    "$(asked recover 'GET /api/v1/dossiers ')"
t_match "the offline copy has the document added" '\[i2\]' \
    "$(vt dossier show --offline "$H" 2>&1)"

# A cache an earlier version wrote (no mark): the dossiers are asked
# once, then marked.
rm -f "$cache/dossiers.token"
synced upgrade; rc=$?
t_is "without the mark the refresh exits 0" 0 "$rc"
t_is "and asks for the dossier list once" 1 \
    "$(asked upgrade 'GET /api/v1/dossiers ')"
t_ok "and marks them again" test -s "$cache/dossiers.token"
synced upgraded
t_is "the next refresh is one request" 1 "$(requests upgraded)"

# A damaged or foreign sync.etag: a full answer, nothing else changes.
printf 'garbage without a newline' >"$cache/sync.etag"
synced damaged; rc=$?
t_is "a damaged sync.etag: the refresh exits 0" 0 "$rc"
t_is "answered in full" 1 \
    "$(asked damaged 'GET /api/v1/sync?since=[^ ]* HTTP/1.1" 200')"
printf 's.1\nW/"0123"' >"$cache/sync.etag"
synced foreign; rc=$?
t_is "an ETag of another token: the refresh exits 0" 0 "$rc"
t_is "answered in full too" 1 \
    "$(asked foreign 'GET /api/v1/sync?since=[^ ]* HTTP/1.1" 200')"

# A server of the first version of the API: no "dossiers" in /sync.
fault '{"path_prefix": "/api/v1/sync", "kind": "field", "field": "dossiers", "value": null, "count": -1}'
rm -f "$cache/sync.etag"
synced v1; rc=$?
t_is "a server that does not say which dossiers changed: exit 0" 0 "$rc"
t_is "the dossier list is asked (with its ETag)" 1 \
    "$(asked v1 'GET /api/v1/dossiers ')"
synced v1again
t_is "every time" 1 "$(asked v1again 'GET /api/v1/dossiers ')"
t_ok "no ETag is kept for such an answer" test ! -e "$cache/sync.etag"
faults_clear

vt dossier list --offline >"$tmp/list-end" 2>&1
t_match "the offline list has the new dossier" '05\.07' \
    "$(cat "$tmp/list-end")"
api_get "$(api_token chutich)" /dossiers | jq_py \
    '"\n".join(sorted(i["id"] + " " + str(i["item_count"]) for i in j["items"]))' \
    >"$tmp/server-ids"
vt dossier list --offline --json 2>/dev/null | jq_py \
    '"\n".join(sorted(i["id"] + " " + str(i["item_count"]) for i in j["dossiers"]))' \
    >"$tmp/client-ids"
t_is "the server lists the two dossiers" 2 "$(grep -c . "$tmp/server-ids")"
t_ok "the offline copy lists what the server lists" \
    cmp -s "$tmp/server-ids" "$tmp/client-ids"
t_done
