#!/bin/sh
# Issue 17: a sync gives the same inbox and drafts whatever the page
# size and whether the server compresses; large pages take fewer
# requests (counted in the reference server's log); a server that only
# takes the older 200-item pages is asked again with them; an inbox
# cached by the previous format (without folded search keys) is read,
# searched the same, and upgraded by the next sync.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
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

before=$(listing_gets)
vt sync >/dev/null; rc=$?
t_is "sync with the default page size exits 0" 0 "$rc"
t_is "one request lists the whole inbox (pages of 1000)" 1 \
    "$(($(listing_gets) - before))"
snapshot ref
n=$(jq_py 'len(j["documents"])' <"$tmp/ref.inbox")
t_ok "the inbox has documents ($n)" test "$n" -gt 20
grep -q 'limit=1000' "$tmp/server.log"
t_is "the page asked is 1000 items" 0 "$?"

# Small pages: the same documents and drafts, in more requests.
echo "page_size = 7" >>"$XDG_CONFIG_HOME/vanthu/config"
rm -rf "$XDG_CACHE_HOME/vanthu"
before=$(listing_gets)
vt sync >/dev/null; rc=$?
t_is "sync with page_size = 7 exits 0" 0 "$rc"
t_is "it lists the inbox in pages of 7" $(((n + 6) / 7)) \
    "$(($(listing_gets) - before))"
snapshot small
cmp -s "$tmp/ref.inbox" "$tmp/small.inbox"
t_is "the same inbox whatever the page size" 0 "$?"
cmp -s "$tmp/ref.drafts" "$tmp/small.drafts"
t_is "the same drafts whatever the page size" 0 "$?"

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

# A server of the older limit (200) and without gzip: asked again.
core_server_stop
core_server_start --page-max 200 --no-gzip
rm -rf "$XDG_CACHE_HOME/vanthu"
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
