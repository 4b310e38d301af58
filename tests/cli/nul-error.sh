#!/bin/sh
# A server error whose message holds a NUL (as a "\u0000" escape, or as
# a raw byte, which is not even JSON) is shown whole: the NUL neither
# cuts the message nor hides it (issue 19).  The reference server's
# status fault sends the message given (docs/api.md section 10).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
vt_login chutich >/dev/null
P=/api/v1/

# nul_fault NAME RAW: the sync is answered 403 with a message holding a NUL.
nul_fault() {
	faults_clear
	fault '{"path_prefix": "'"$P"'", "method": "GET", "kind": "status", "status": 403, "count": 3, "message": "Văn bản\u0000 bị từ chối: hết hạn xử lý", "raw_nul": '"$2"'}'
	vt sync >"$tmp/nul.out" 2>&1
	rc=$?
	out=$(cat "$tmp/nul.out")
	t_is "$1: the refusal exits 5" 5 "$rc"
	t_match "$1: the message before the NUL is shown" 'Văn bản' "$out"
	t_match "$1: the message after the NUL is shown too" \
	    'bị từ chối: hết hạn xử lý' "$out"
	t_match "$1: the NUL shows as U+FFFD, in one line" \
	    'Văn bản� bị từ chối: hết hạn xử lý \(HTTP 403\)' "$out"
	t_is "$1: no NUL byte reaches the terminal" 0 \
	    "$(tr -cd '\000' <"$tmp/nul.out" | wc -c | tr -d ' ')"
}
nul_fault "escaped NUL" false
nul_fault "raw NUL byte" true
faults_clear
t_ok "without the fault the sync works again" vt sync
t_done
