#!/bin/sh
# Configuration file, command-line overrides and TLS verification
# (system store, ca_file, public-key pinning).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"

core_setup
core_server_start
cfg="$XDG_CONFIG_HOME/vanthu/config"
cp "$cfg" "$tmp/good.conf"

rm "$cfg"
err=$(echo x | vt login --username chutich --password-stdin 2>&1); rc=$?
t_is "no server configured: exit 1" 1 "$rc"
t_match "no server configured: says how to set one" 'server' "$err"
vt --server "http://127.0.0.1:$PORT" inbox >/dev/null 2>&1
t_is "a plain http:// server is refused (exit 1)" 1 "$?"
err=$(echo chutich-2026 | vt --server "$URL" login --username chutich \
    --password-stdin 2>&1); rc=$?
t_is "without the test CA the certificate is not trusted (exit 3)" 3 "$rc"
t_match "and the message says the secure connection failed" \
    'Secure connection failed' "$err"
out=$(echo chutich-2026 | vt --server "$URL" --ca-file "$CA" login \
    --username chutich --password-stdin); rc=$?
t_is "--server and --ca-file on the command line" 0 "$rc"
vt --config "$tmp/good.conf" inbox >/dev/null; rc=$?
t_is "--config FILE" 0 "$rc"
vt --config "$tmp/none.conf" inbox >/dev/null 2>&1
t_is "a missing --config file exits 1" 1 "$?"

printf 'server = %s\nca_file = %s\nthis line is wrong\n' "$URL" "$CA" >"$cfg"
err=$(vt inbox 2>&1); rc=$?
t_is "a bad line exits 1" 1 "$rc"
t_match "naming the file and line" 'config:3:' "$err"
printf 'retries = many\n' >"$cfg"
err=$(vt inbox 2>&1)
t_match "a bad number is reported" 'config:1: retries' "$err"

cp "$tmp/good.conf" "$cfg"
cat >>"$cfg" <<EOF
# other subsystems' keys are kept, not refused
bind = inbox <f2> help
pkcs11_module = /usr/lib/softhsm/libsofthsm2.so
key_uri = "pkcs11:token=vanthu;object=key"
viewer = xdg-open
EOF
vt inbox >/dev/null; rc=$?
t_is "bind lines and other keys are accepted" 0 "$rc"

# Public-key pinning (CURLOPT_PINNEDPUBLICKEY).
pin=$(openssl x509 -in "$tmp/srv/tls-cert.pem" -pubkey -noout |
    openssl pkey -pubin -outform der | openssl dgst -sha256 -binary |
    openssl base64)
cp "$tmp/good.conf" "$cfg"
echo "pin_pubkey = sha256//$pin" >>"$cfg"
vt inbox >/dev/null; rc=$?
t_is "the right pinned key connects" 0 "$rc"
cp "$tmp/good.conf" "$cfg"
echo "pin_pubkey = sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" >>"$cfg"
err=$(vt inbox 2>&1 >/dev/null); rc=$?
t_is "a wrong pinned key refuses the server (exit 3)" 3 "$rc"
t_match "as a secure connection failure" 'Secure connection failed' "$err"

# The session belongs to one server.
cp "$tmp/good.conf" "$cfg"
vt --server "https://localhost:$PORT" inbox >/dev/null 2>&1
t_is "a session is not used for another server (exit 4)" 4 "$?"

# A session others can read or replace is not used (breaker F11).
session="$XDG_STATE_HOME/vanthu/session"
vt inbox >/dev/null 2>&1
t_is "a private session is used" 0 "$?"
chmod 644 "$session"
err=$(vt inbox 2>&1 >/dev/null); rc=$?
t_is "a world-readable session is refused (exit 4)" 4 "$rc"
t_match "and the message says so" 'not private .mode 644.' "$err"
chmod 600 "$session"
chmod 777 "$XDG_STATE_HOME/vanthu"
err=$(vt inbox 2>&1 >/dev/null); rc=$?
t_is "a world-writable state directory is refused (exit 4)" 4 "$rc"
t_match "and the message names it" 'can be changed by other users' "$err"
chmod 700 "$XDG_STATE_HOME/vanthu"
vt inbox >/dev/null 2>&1
t_is "private again: the session is used" 0 "$?"
t_done
