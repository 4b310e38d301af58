#!/bin/sh
# Without trust_file the signer of an intact signature cannot be checked:
# vanthu verify says NOT VERIFIED (ETSI EN 319 102-1 INDETERMINATE,
# NO_CERTIFICATE_CHAIN_FOUND) and that trust_file is not set, never NOT
# VALID as for a tampered copy; a document holding both reads NOT all
# valid.  The exit status stays 6 for both (vanthu(1)).  The seeded
# "công điện" (intact) and its copy damaged in transit, and second
# signatures made here with tests/tools/mksig (OpenSSL keys, MuPDF).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

for tool in openssl mutool "${PYTHON3:-python3}"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		t_skip "verification without trust_file" "$tool is not installed"
		t_done
	fi
done
PYTHON3=${PYTHON3:-python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-untrusted.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# No configuration file: no trust_file.
mkdir -p "$tmp/xdg/config" "$tmp/xdg/cache" "$tmp/xdg/state"
XDG_CONFIG_HOME=$tmp/xdg/config XDG_CACHE_HOME=$tmp/xdg/cache
XDG_STATE_HOME=$tmp/xdg/state
export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME
seed=$top_srcdir/tests/server/seed/pdf
intact=$seed/in-cd-phong-chong-bao-so.pdf
tampered=$seed/in-cd-phong-chong-bao-so-hong.pdf

# v FILE [OPTION]...: vanthu verify --offline's text in $out (stdout
# only), its status in $rc.
v() {
	v_file=$1
	shift
	out=$("$VANTHU" verify --offline "$@" "$v_file" 2>"$tmp/err"); rc=$?
}
# vj FILE EXPR: the Python expression EXPR over --json of FILE (d: the
# document, s: its signatures).
vj() {
	"$VANTHU" verify --offline --json "$1" 2>/dev/null | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
s = d["signatures"]
r = eval(sys.argv[1])
print(*r) if isinstance(r, tuple) else print(r)' "$2"
}

# The intact signature: not checked, said so, not NOT VALID.
v "$intact"
t_is "intact, no trust_file: exit 6 as before" 6 "$rc"
t_match "its integrity is intact" \
    'Integrity: +intact: the signed bytes are unchanged' "$out"
t_match "its result: NOT VERIFIED, for want of a trusted certificate" \
    'Result: +NOT VERIFIED: no trusted certificate to check the signer$' \
    "$out"
t_match "the verdict: intact, the signer not checked, trust_file not set" \
    '^The signature is intact, but its signer was NOT checked: trust_file is not set \(see vanthu\.conf\(5\)\)\.$' \
    "$out"
t_nomatch "intact: no NOT VALID" 'NOT VALID' "$out"
t_nomatch "intact: not 'NOT all valid'" 'NOT all valid' "$out"
t_match "stderr still says no trust store" 'no trust store' \
    "$(cat "$tmp/err")"
t_is "--json: not valid, status indeterminate, for the file too" \
    "False indeterminate False indeterminate True" \
    "$(vj "$intact" 's[0]["valid"], s[0]["status"], d["valid"], d["status"], s[0]["integrity"]')"

# The tampered copy: NOT VALID, as before.
v "$tampered"
t_is "tampered: exit 6" 6 "$rc"
t_match "tampered: NOT VALID" 'Result: +NOT VALID$' "$out"
t_match "tampered: NOT all valid" \
    "^The document's signatures are NOT all valid\\.$" "$out"
t_nomatch "tampered: not NOT VERIFIED" 'NOT VERIFIED|NOT checked' "$out"
t_is "--json: tampered is invalid" "False invalid invalid" \
    "$(vj "$tampered" 's[0]["valid"], s[0]["status"], d["status"]')"
t_ok "the two verdicts differ" test "$(v "$intact"; printf %s "$out" |
    tail -n 1)" != "$(v "$tampered"; printf %s "$out" | tail -n 1)"

# With the sender's CA the intact one is VALID: the trust store alone
# made the difference.
v "$intact" --trust-file "$top_srcdir/tests/server/seed/sender-ca.pem"
t_is "with trust_file: exit 0" 0 "$rc"
t_match "with trust_file: VALID" 'Result: +VALID$' "$out"
# A trust store that does not lead to the signer: NOT VALID still (only
# the missing trust_file makes a signature not verified).
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$tmp/k.pem" \
    -out "$tmp/c.pem" -subj "/C=VN/CN=Nguyen Van A" 2>/dev/null
v "$intact" --trust-file "$tmp/c.pem"
t_is "another CA: exit 6" 6 "$rc"
t_match "another CA: NOT VALID" 'Result: +NOT VALID$' "$out"
t_nomatch "another CA: not NOT VERIFIED" 'NOT VERIFIED' "$out"

# Both in one document: the tampered signature, then one intact whose
# signer is not checked; and the other way round (the second one's
# ByteRange leaves 10 bytes out).  NOT all valid both times.
mksig() {
	"$PYTHON3" "$top_srcdir/tests/tools/mksig" "$@" --key "$tmp/k.pem" \
	    --cert "$tmp/c.pem" >/dev/null 2>&1
}
t_ok "an intact signature added to the tampered copy" \
    mksig "$tampered" "$tmp/bad-then-intact.pdf" --field KyThem
v "$tmp/bad-then-intact.pdf"
t_is "tampered + intact: exit 6" 6 "$rc"
t_is "tampered + intact: each its own result" \
    "NOT VALID|NOT VERIFIED: no trusted certificate to check the signer" \
    "$(printf '%s\n' "$out" | sed -n 's/^ *Result: *//p' | paste -sd '|')"
t_match "tampered + intact: NOT all valid" \
    "^The document's signatures are NOT all valid\\.$" "$out"
t_nomatch "tampered + intact: not the not-checked verdict" \
    'NOT checked' "$out"
t_is "--json: the document is invalid" "invalid invalid indeterminate" \
    "$(vj "$tmp/bad-then-intact.pdf" 'd["status"], s[0]["status"], s[1]["status"]')"
t_ok "a broken signature added to the intact one" \
    mksig "$intact" "$tmp/intact-then-bad.pdf" --field KyThem --byterange gap
v "$tmp/intact-then-bad.pdf"
t_is "intact + broken: each its own result" \
    "NOT VERIFIED: no trusted certificate to check the signer|NOT VALID" \
    "$(printf '%s\n' "$out" | sed -n 's/^ *Result: *//p' | paste -sd '|')"
t_match "intact + broken: NOT all valid" \
    "^The document's signatures are NOT all valid\\.$" "$out"
t_is "--json: the document is invalid" "invalid" \
    "$(vj "$tmp/intact-then-bad.pdf" 'd["status"]')"

# The same in Vietnamese (the catalogue compiled here from po/vi.po).
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' &&
    msgfmt -o "$tmp/loc/vi/LC_MESSAGES/vanthu.mo" "$top_srcdir/po/vi.po"
then
	# vv FILE: v FILE in Vietnamese.
	vv() {
		out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp/loc "$VANTHU" \
		    verify --offline "$1" 2>/dev/null)
	}
	vv "$intact"
	t_match "in Vietnamese, intact: CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ" \
	    'Kết quả: +CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ: chưa có chứng thư số tin cậy$' \
	    "$out"
	t_match "in Vietnamese, intact: the verdict names trust_file" \
	    '^Chữ ký nguyên vẹn, nhưng CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ \(1 chữ ký\): chưa đặt trust_file \(xem vanthu\.conf\(5\)\)\.$' \
	    "$out"
	t_nomatch "in Vietnamese, intact: no KHÔNG HỢP LỆ" \
	    'KHÔNG HỢP LỆ|KHÔNG hợp lệ' "$out"
	vv "$tampered"
	t_match "in Vietnamese, tampered: KHÔNG HỢP LỆ" \
	    'Kết quả: +KHÔNG HỢP LỆ$' "$out"
	t_nomatch "in Vietnamese, tampered: not CHƯA XÁC ĐỊNH" \
	    'CHƯA XÁC ĐỊNH' "$out"
	vv "$tmp/bad-then-intact.pdf"
	t_is "in Vietnamese, both: each its own result" \
	    "KHÔNG HỢP LỆ|CHƯA XÁC ĐỊNH ĐƯỢC NGƯỜI KÝ: chưa có chứng thư số tin cậy" \
	    "$(printf '%s\n' "$out" | sed -n 's/^ *Kết quả: *//p' |
	    paste -sd '|')"
	t_nomatch "in Vietnamese, both: not the not-checked verdict" \
	    '^Chữ ký nguyên vẹn' "$out"
else
	t_skip "verify in Vietnamese" "no vi_VN.UTF-8 locale or msgfmt"
fi
t_done
