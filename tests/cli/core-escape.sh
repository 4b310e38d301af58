#!/bin/sh
# Strings from the server with terminal escape sequences (clear screen,
# window title, C1 controls, bidi overrides) arrive neutralised in every
# output of the command line.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
tok=$(api_token phochutich)
esc=$(printf '\033')
evil='Xin \033[2J\033]0;pwned\007 chào\033[31m đỏ \342\200\256 \302\233H'
subject=$(printf "Về việc $evil")
body=$("$PYTHON3" -c 'import json,sys; print(json.dumps({"subject": sys.argv[1]}))' "$subject")
new=$(curl -s --cacert "$CA" -H 'Content-Type: application/json' \
    -d "$body" "$URL/admin/incoming" | jq_py 'j["id"]')
t_match "a document with escapes in its subject was injected" '^i' "$new"
comment=$("$PYTHON3" -c 'import json,sys; print(json.dumps({"text": sys.argv[1]}))' "$(printf "Ý kiến $evil\ndòng hai")")
api_post "$tok" "/incoming/$new/comments" "$comment" >/dev/null
t_match "the server keeps the escape bytes" 'u001b' "$(api_get "$tok" "/incoming/$new")"

vt_login chutich >/dev/null
for cmd in "inbox" "inbox --json" "inbox --offline" "show $new" \
    "show $new --json"; do
	# shellcheck disable=SC2086
	vt $cmd >"$tmp/out" 2>&1
	t_is "vanthu $cmd: exit 0" 0 "$?"
	t_is "vanthu $cmd: no ESC byte in the output" 0 \
	    "$(tr -cd '\033' <"$tmp/out" | wc -c)"
	t_is "vanthu $cmd: no C1 CSI, no bidi override" 0 \
	    "$(grep -c "$(printf '\302\233\|\342\200\256')" "$tmp/out")"
done
t_match "the subject is still readable" 'Về việc Xin .* chào' "$(vt inbox --offline)"
out=$(vt show "$new")
t_match "the comment keeps its line break" 'dòng hai' "$out"
t_nomatch "the OSC title text is gone" 'pwned' "$out"
vt comment "$new" "$(printf 'trả lời \033[2J')" >"$tmp/out" 2>&1
t_is "a comment typed with an escape: no ESC in the confirmation" 0 \
    "$(tr -cd '\033' <"$tmp/out" | wc -c)"
t_done
