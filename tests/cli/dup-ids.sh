#!/bin/sh
# Hostile data (issue 19): a server that lists the same document several
# times gets it stored and shown once, in a full listing and in a delta;
# joiners in server text are removed before they reach the terminal.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start --quiet
tok=$(api_token chutich)
vt_login chutich >/dev/null
item=$(api_get "$tok" "/incoming" | jq_py 'json.dumps(j["items"][0], ensure_ascii=False)')
id=$(printf '%s' "$item" | jq_py 'j["id"]')
fault '{"path_prefix": "/api/v1/incoming", "method": "GET", "kind": "field", "field": "items", "value": ['"$item,$item,$item"'], "count": 1}'
out=$(vt inbox --json); rc=$?
t_is "a listing with one document three times is accepted" 0 "$rc"
t_is "it is stored and shown once" 1 \
    "$(printf '%s\n' "$out" | jq_py 'len([d for d in j["documents"] if d["id"] == "'"$id"'"])')"
t_is "no id is listed twice" "True" \
    "$(printf '%s\n' "$out" | jq_py 'len(set(d["id"] for d in j["documents"])) == len(j["documents"])')"
t_is "the offline copy has it once too" 1 \
    "$(vt inbox --offline --json | jq_py 'len([d for d in j["documents"] if d["id"] == "'"$id"'"])')"

# A zero-width joiner in a subject does not reach the terminal.
fault '{"path_prefix": "/api/v1/incoming/'"$id"'", "method": "GET", "kind": "field", "field": "subject", "value": "Kế\u200d hoạch\u200c năm", "count": -1}'
out=$(vt show "$id" 2>&1)
t_match "the subject is shown" 'Kế hoạch năm' "$out"
t_nomatch "without the joiners" "$(printf '\342\200\215')" "$out"
t_done
