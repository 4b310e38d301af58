#!/bin/sh
# Issue 17: a broken or hostile streamed list (docs/api.md section 1)
# stops the sync with a clear message and leaves the cached inbox as it
# was: a line that is not JSON, a line without end, items after the end
# line, an end line that miscounts, no sync token, more items than the
# total announced; then a sound stream gives the same inbox as before.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
vt_login chutich >/dev/null
vt sync >/dev/null; rc=$?
t_is "a first sync (one stream) exits 0" 0 "$rc"
vt inbox --offline --json >"$tmp/ref.inbox"
n=$(jq_py 'len(j["documents"])' <"$tmp/ref.inbox")
t_ok "the inbox has documents ($n)" test "$n" -gt 20

# forget_token: a sync token the server does not know, so that the next
# sync lists everything (one stream) again.
forget_token() {
	"$PYTHON3" - "$XDG_CACHE_HOME" <<'EOF'
import glob, sys
for p in glob.glob(sys.argv[1] + "/vanthu/*/inbox"):
    head, rest = open(p, "rb").read().split(b"\n", 1)
    open(p, "wb").write(head.split(b"\t", 1)[0] + b"\ts.999999\n" + rest)
EOF
}

# hostile NAME PATTERN FAULT-JSON: with the stream fault FAULT-JSON (its
# kind, path and method added), a sync fails saying PATTERN and the
# cached inbox stays whole.
hostile() {
	forget_token
	fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "stream", '"$3"'}'
	out=$(vt sync 2>&1); rc=$?
	faults_clear
	t_ok "$1: the sync fails (exit $rc)" test "$rc" -ne 0
	t_match "$1: saying why" "$2" "$out"
	vt inbox --offline --json >"$tmp/now.inbox"
	cmp -s "$tmp/ref.inbox" "$tmp/now.inbox"
	t_is "$1: the cached inbox is as it was" 0 "$?"
}

hostile "a line that is not JSON" 'a line of the list is not a JSON object' \
    '"insert": "<html>502 Bad Gateway</html>\n"'
hostile "a line without end" 'a line of the list is too long' \
    '"insert": "x", "repeat": 1100000'
hostile "items after the end line" 'more after the end of the list' \
    '"insert": "{\"end\": true, \"count\": 0}\n"'
hostile "an end line that miscounts" "the list's end does not count" \
    '"insert": "{\"end\": true, \"count\": 3}\n", "at": 2'
hostile "no sync token" 'sync_token: missing' \
    '"insert": "{\"total\": 5}\n", "at": 0'
item=$(api_get "$(api_token chutich)" "/incoming?limit=1" |
    jq_py 'json.dumps(j["items"][0], ensure_ascii=False)')
hostile "more items than the total announced" \
    'more items than the total announced' \
    '"insert": '"$("$PYTHON3" -c 'import json, sys
print(json.dumps(sys.argv[1] + "\n"))' "$item")"', "repeat": 1200'

# Vietnamese words for the same.
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	mkdir -p "$tmp/loc/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
	forget_token
	fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "stream", "insert": "nope\n"}'
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" "$VANTHU" sync \
	    2>&1)
	faults_clear
	t_match "in Vietnamese too" \
	    'một dòng của danh sách không phải là đối tượng JSON' "$out"
else
	t_skip "in Vietnamese too" "no vi_VN.UTF-8 locale or vi.gmo"
fi

forget_token
vt sync >/dev/null; rc=$?
t_is "a sound stream afterwards: sync exits 0" 0 "$rc"
vt inbox --offline --json >"$tmp/after.inbox"
cmp -s "$tmp/ref.inbox" "$tmp/after.inbox"
t_is "with the same inbox" 0 "$?"
t_done
