# Helpers for the core client's tests (sourced after tests/lib.sh): a
# reference server in a temporary directory, isolated XDG directories,
# a configuration that trusts the server's CA, and curl helpers to look
# at the server's side.  Everything is removed and stopped at exit.

: "${PYTHON3:=python3}"
REFSERVER="$top_srcdir/tests/server/refserver"

core_require() {
	for tool in curl openssl "$PYTHON3"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			t_skip "core client tests" "$tool is not installed"
			t_done
		fi
	done
}

core_cleanup() {
	core_server_stop
	rm -rf "$tmp"
}

# core_setup: $tmp, isolated XDG_* directories, traps.
core_setup() {
	core_require
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-core.XXXXXX")
	trap 'core_cleanup' EXIT
	trap 'exit 1' INT TERM
	export XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
	export XDG_CACHE_HOME="$tmp/cache" HOME="$tmp/home"
	mkdir -p "$XDG_CONFIG_HOME/vanthu" "$HOME"
	core_pid=
	PORT=0
}

# core_server_start [REFSERVER OPTIONS]: start the server on $PORT (0:
# a free one, remembered for restarts); set URL and CA; write the
# configuration file.
core_server_start() {
	: >"$tmp/url"
	"$REFSERVER" --state "$tmp/srv" --port "$PORT" "$@" \
	    >"$tmp/url" 2>>"$tmp/server.log" &
	core_pid=$!
	n=0
	while [ ! -s "$tmp/url" ] && [ $n -lt 300 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	URL=$(head -n 1 "$tmp/url")
	CA="$tmp/srv/tls-ca.pem"
	PORT=${URL##*:}
	cat >"$XDG_CONFIG_HOME/vanthu/config" <<EOF2
# written by tests/cli/core-lib.sh
server = $URL
ca_file = $CA
retries = 2
connect_timeout = 3
low_speed_time = 5
EOF2
}

core_server_stop() {
	if [ -n "${core_pid:-}" ]; then
		kill "$core_pid" 2>/dev/null
		wait "$core_pid" 2>/dev/null
		core_pid=
	fi
}

# vt ARGS: run vanthu with the test configuration.
vt() {
	"$VANTHU" "$@"
}

# vt_login USER: log in with the seeded password.
vt_login() {
	echo "$1-2026" | "$VANTHU" login --username "$1" --password-stdin
}

# api_token USER: a bearer token for USER, obtained with curl.
api_token() {
	curl -s --cacert "$CA" "$URL/api/v1/auth/login" \
	    -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$1\",\"password\":\"$1-2026\"}" |
	    "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# api_get TOKEN PATH: GET under /api/v1 with curl.
api_get() {
	curl -s --cacert "$CA" -H "Authorization: Bearer $1" "$URL/api/v1$2"
}

# api_post TOKEN PATH JSON: POST under /api/v1 with curl.
api_post() {
	curl -s --cacert "$CA" -H "Authorization: Bearer $1" \
	    -H 'Content-Type: application/json' -d "$3" "$URL/api/v1$2"
}

# jq_py EXPR: evaluate a Python expression on the JSON of stdin (as j).
jq_py() {
	"$PYTHON3" -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# comment_count TOKEN ID: the number of comments on document ID.
comment_count() {
	api_get "$1" "/incoming/$2" | jq_py 'len(j["comments"])'
}

# fault JSON: add a fault rule (docs/api.md section 10).
fault() {
	curl -s --cacert "$CA" -H 'Content-Type: application/json' \
	    -d "$1" "$URL/admin/faults" >/dev/null
}

faults_clear() {
	curl -s --cacert "$CA" -X DELETE "$URL/admin/faults" >/dev/null
}
