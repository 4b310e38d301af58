#!/bin/sh
# Issue 17: a sync gives the same inbox and drafts whatever the page
# size, whether the whole list comes as one stream, and whether the
# server compresses; the whole list takes one request (one gzip stream);
# pages of a configured size take more requests (counted in the
# reference server's log); a server of the older API (pages of 200 at
# most, no stream, no gzip) is asked again with 200; a stream cut short
# changes nothing in the cache; an inbox cached by the previous format
# (without folded search keys) is read, searched the same, and upgraded
# by the next sync.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
# More documents than a page of 1000, so that pages and stream differ.
core_server_start --documents 1200
vt_login chutich >/dev/null

# listing_gets: GETs of the incoming list in the server's log so far.
listing_gets() {
	grep -c 'GET /api/v1/incoming?limit=' "$tmp/server.log"
}

# snapshot NAME: the cached inbox and drafts as vanthu lists them.
snapshot() {
	vt inbox --offline --json >"$tmp/$1.inbox" &&
	    vt drafts --all --offline --json >"$tmp/$1.drafts"
}

# same NAME WHAT: the inbox and drafts of NAME are those of ref.
same() {
	cmp -s "$tmp/ref.inbox" "$tmp/$1.inbox"
	t_is "the same inbox $2" 0 "$?"
	cmp -s "$tmp/ref.drafts" "$tmp/$1.drafts"
	t_is "the same drafts $2" 0 "$?"
}

# received NAME: body and header bytes received, from the stats line.
received() {
	sed -n 's/^http-stats: .*received=\([0-9]*\).*/\1/p' "$tmp/$1.err"
}

before=$(listing_gets)
VANTHU_HTTP_STATS=1 "$VANTHU" sync >/dev/null 2>"$tmp/ref.err"; rc=$?
t_is "sync with the default settings exits 0" 0 "$rc"
t_is "one request lists the whole inbox (one stream)" 1 \
    "$(($(listing_gets) - before))"
snapshot ref
n=$(jq_py 'len(j["documents"])' <"$tmp/ref.inbox")
t_ok "the inbox has more documents than a page ($n)" test "$n" -gt 1000

# The server answers gzip when asked, for a page and for the stream.
tok=$(api_token chutich)
hdrs() {
	curl -s -o /dev/null -D - --cacert "$CA" -H "Authorization: Bearer $tok" \
	    -H "Accept-Encoding: gzip" "$@" | tr -d '\r'
}
h=$(hdrs "$URL/api/v1/incoming?limit=1000")
t_match "a page asked with gzip comes gzip-compressed" \
    '^Content-Encoding: gzip$' "$h"
h=$(hdrs -H 'Accept: application/x-ndjson' "$URL/api/v1/incoming?limit=1000")
t_match "the whole list asked as a stream comes as lines of JSON" \
    '^Content-Type: application/x-ndjson' "$h"
t_match "gzip-compressed too" '^Content-Encoding: gzip$' "$h"

# Explicit pages of 1000: the same, in two requests.
echo "page_size = 1000" >>"$XDG_CONFIG_HOME/vanthu/config"
rm -rf "$XDG_CACHE_HOME/vanthu/127"*
before=$(listing_gets)
vt sync >/dev/null; rc=$?
t_is "sync with page_size = 1000 exits 0" 0 "$rc"
t_is "it lists the inbox in pages of 1000" 2 "$(($(listing_gets) - before))"
grep -q 'limit=1000&cursor=' "$tmp/server.log"
t_is "the second page is asked with the first one's cursor" 0 "$?"
snapshot p1000
same p1000 "in pages of 1000 as in one stream"
sed -i '/^page_size/d' "$XDG_CONFIG_HOME/vanthu/config"

# Small pages: the same documents and drafts, in more requests.
echo "page_size = 7" >>"$XDG_CONFIG_HOME/vanthu/config"
rm -rf "$XDG_CACHE_HOME/vanthu/127"*
before=$(listing_gets)
vt sync >/dev/null; rc=$?
t_is "sync with page_size = 7 exits 0" 0 "$rc"
t_is "it lists the inbox in pages of 7" $(((n + 6) / 7)) \
    "$(($(listing_gets) - before))"
snapshot small
same small "whatever the page size"
sed -i '/^page_size/d' "$XDG_CONFIG_HOME/vanthu/config"

# A stream cut in the middle (the link breaks): an error, the cache as
# it was, and the next sync lists everything again.
rm -rf "$XDG_CACHE_HOME/vanthu/127"*
vt sync >/dev/null
"$PYTHON3" - "$XDG_CACHE_HOME" <<'PYEOF'
import glob, sys
# A sync token the server does not know: the next sync lists everything.
for p in glob.glob(sys.argv[1] + "/vanthu/*/inbox"):
    data = open(p, "rb").read().split(b"\n", 1)
    magic = data[0].split(b"\t", 1)[0]
    open(p, "wb").write(magic + b"\ts.999999\n" + data[1])
PYEOF
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "drop", "count": 1}'
out=$(vt sync 2>&1); rc=$?
t_ok "a stream cut short: sync fails (exit $rc)" test "$rc" -ne 0
t_match "saying why" 'cut|connection' "$out"
vt inbox --offline --json >"$tmp/cut.inbox"
t_ok "the cached inbox is still whole" test "$(jq_py 'len(j["documents"])' \
    <"$tmp/cut.inbox")" -eq "$n"
faults_clear
vt sync >/dev/null; rc=$?
t_is "the next sync exits 0" 0 "$rc"
snapshot again
same again "after a stream cut short and a new listing"

# A server that does not compress: the same stream, more bytes.
core_server_stop
core_server_start --no-gzip
rm -rf "$XDG_CACHE_HOME/vanthu/127"*
VANTHU_HTTP_STATS=1 "$VANTHU" sync >/dev/null 2>"$tmp/plain.err"; rc=$?
t_is "sync from a server without gzip exits 0" 0 "$rc"
snapshot plain
same plain "from a server without gzip"
t_ok "gzip was negotiated: under a quarter of the bytes" \
    test "$(($(received ref) * 4))" -lt "$(received plain)"

# A bad page size is a configuration error, in the user's language.
echo "page_size = 5000" >>"$XDG_CONFIG_HOME/vanthu/config"
out=$(vt sync 2>&1); rc=$?
t_ok "page_size = 5000 is refused (exit $rc)" test "$rc" -ne 0
t_match "saying what it takes" 'page_size needs a number from 1 to 1000' \
    "$out"
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	mkdir -p "$tmp/loc/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" "$VANTHU" sync \
	    2>&1)
	t_match "in Vietnamese too" 'page_size.*từ 1 đến 1000' "$out"
else
	t_skip "in Vietnamese too" "no vi_VN.UTF-8 locale or vi.gmo"
fi
sed -i '/^page_size/d' "$XDG_CONFIG_HOME/vanthu/config"

# A server of the older API: pages of 200 at most, no stream, no gzip.
core_server_stop
core_server_start --page-max 200 --no-gzip --no-stream
rm -rf "$XDG_CACHE_HOME/vanthu/127"*
vt sync >/dev/null; rc=$?
t_is "sync with a server that takes 200 at most exits 0" 0 "$rc"
grep -q '"GET /api/v1/incoming?limit=1000 HTTP/1.1" 400' "$tmp/server.log"
t_is "the 1000-item page was refused" 0 "$?"
grep -q 'GET /api/v1/incoming?limit=200' "$tmp/server.log"
t_is "then asked with 200" 0 "$?"
snapshot old
cmp -s "$tmp/ref.inbox" "$tmp/old.inbox"
t_is "the same inbox from an uncompressed server of the older limit" 0 "$?"
cmp -s "$tmp/ref.drafts" "$tmp/old.drafts"
t_is "the same drafts there too" 0 "$?"

# The inbox as the previous version cached it: no search keys.
inbox=$(find "$XDG_CACHE_HOME/vanthu" -name inbox -type f | head -n 1)
t_ok "the inbox is cached" test -n "$inbox"
set -- "hoang hoa" "uy ban" "thủy lợi" "15/qđ" "ke hoach"
t_match "the cache is written in format 2" '^vanthu-inbox 2	' \
    "$(head -n 1 "$inbox")"
k=0
for q in "$@"; do
	k=$((k + 1))
	vt inbox --offline --search "$q" >"$tmp/q2.$k" 2>&1
done
sed "1s/^vanthu-inbox 2	/vanthu-inbox 1	/; 2,\$s/	[^	]*\$//" \
    "$inbox" >"$tmp/v1" && cp "$tmp/v1" "$inbox"
t_match "the cache is now in format 1" '^vanthu-inbox 1	' \
    "$(head -n 1 "$inbox")"
vt inbox --offline --json >"$tmp/v1.inbox"; rc=$?
t_is "an inbox of format 1 is read" 0 "$rc"
cmp -s "$tmp/ref.inbox" "$tmp/v1.inbox"
t_is "with every document and field" 0 "$?"
same=0 k=0
for q in "$@"; do
	k=$((k + 1))
	vt inbox --offline --search "$q" >"$tmp/q1.$k" 2>&1
	cmp -s "$tmp/q1.$k" "$tmp/q2.$k" && same=$((same + 1))
done
t_is "searches find the same documents in format 1 and 2" 5 "$same"
vt sync >/dev/null; rc=$?
t_is "a sync with nothing new exits 0" 0 "$rc"
t_match "and upgrades the cache to format 2" '^vanthu-inbox 2	' \
    "$(head -n 1 "$inbox")"
vt inbox --offline --json >"$tmp/up.inbox"
cmp -s "$tmp/ref.inbox" "$tmp/up.inbox"
t_is "losing nothing" 0 "$?"
t_ok "a search finds documents" test -s "$tmp/q2.1"
t_done
