# Helpers for the signing tests (sourced after tests/lib.sh): a test
# signing CA, SoftHSM2 tokens made by tests/tools/mktoken, test PDFs,
# and independent checks of each signature with pdfsig (poppler, NSS)
# and openssl cms over its ByteRange.

SOFTHSM_MODULE=/usr/lib/softhsm/libsofthsm2.so
MKTOKEN="$top_srcdir/tests/tools/mktoken"

# sign_require: skip the whole script when a tool is missing.
sign_require() {
	for tool in softhsm2-util pkcs11-tool pdfsig qpdf certutil openssl \
	    mutool python3 "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			t_skip "signing tests" "$tool is not installed"
			t_done
		fi
	done
	if [ ! -f "$SOFTHSM_MODULE" ]; then
		t_skip "signing tests" "SoftHSM2 module missing"
		t_done
	fi
}

# sign_setup: $tmp with a signing CA in $tmp/state (the reference
# server's file names) and an NSS database trusting it in $tmp/nss.
sign_setup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-sign.XXXXXX")
	trap 'sign_cleanup' EXIT INT TERM
	mkdir -p "$tmp/state" "$tmp/nss" "$tmp/xdg/config/vanthu"
	XDG_CONFIG_HOME=$tmp/xdg/config XDG_CACHE_HOME=$tmp/xdg/cache
	XDG_STATE_HOME=$tmp/xdg/state
	export XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
	    -keyout "$tmp/state/signing-ca-key.pem" \
	    -out "$tmp/state/signing-ca.pem" -utf8 \
	    -subj "/C=VN/O=UBND xã Hoằng Quý/CN=Test signing CA" \
	    -addext "basicConstraints=critical,CA:TRUE" \
	    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
	certutil -A -n signing-ca -t "CT,C,C" -i "$tmp/state/signing-ca.pem" \
	    -d "sql:$tmp/nss"
}

sign_cleanup() {
	if [ -n "${sign_pids:-}" ]; then
		for p in $sign_pids; do kill "$p" 2>/dev/null; done
	fi
	rm -rf "$tmp"
}

# mk_token USER DIR [MKTOKEN OPTIONS]: make a token; sets SOFTHSM2_CONF,
# TOKEN_LABEL, TOKEN_PIN, KEY_URI (and AGENCY_KEY_URI for a clerk).
mk_token() {
	mk_user=$1 mk_dir=$2
	shift 2
	"$MKTOKEN" --state "${SIGN_STATE:-$tmp/state}" --user "$mk_user" --out "$mk_dir" \
	    "$@" >"$mk_dir.env" || return 1
	use_token "$mk_dir"
}

# use_token DIR: use the token mk_token made in DIR again.
use_token() {
	AGENCY_KEY_URI=
	while IFS='=' read -r name value; do
		case $name in
		SOFTHSM2_CONF|TOKEN_LABEL|TOKEN_PIN|KEY_URI|AGENCY_KEY_URI)
			eval "$name=\$value" ;;
		esac
	done <"$1.env"
	export SOFTHSM2_CONF
}

# make_pdf FILE [PAGES]: a small PDF with xref and object streams.
make_pdf() {
	mp_pages=${2:-1}
	mp_i=1
	: >"$tmp/pages.txt"
	mp_args=
	while [ "$mp_i" -le "$mp_pages" ]; do
		cat >"$tmp/page$mp_i.txt" <<EOF
%%MediaBox 0 0 595 842
%%Font F1 Times-Roman
BT /F1 14 Tf 72 770 Td (QUYET DINH so 15/QD-UBND, page $mp_i) Tj ET
EOF
		mp_args="$mp_args $tmp/page$mp_i.txt"
		mp_i=$((mp_i + 1))
	done
	# shellcheck disable=SC2086
	mutool create -o "$tmp/raw.pdf" $mp_args &&
	    qpdf --object-streams=generate "$tmp/raw.pdf" "$1"
}

# pdfsig_sig FILE N: pdfsig's lines about signature N.
pdfsig_sig() {
	pdfsig -nssdir "sql:$tmp/nss" "$1" 2>&1 |
	    awk -v n="$2" '/^Signature #/ { cur = ($0 == "Signature #" n ":") }
		cur { print }'
}

# sig_extract FILE N PREFIX: write signature N's CMS (PREFIX.der) and
# the bytes its ByteRange covers (PREFIX.data), in file order.
sig_extract() {
	"$PYTHON3" - "$1" "$2" "$3" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
n, prefix = int(sys.argv[2]), sys.argv[3]
ranges = []
for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]",
                     data):
    r = tuple(int(x) for x in m.groups())
    if r not in ranges:
        ranges.append(r)
ranges.sort(key=lambda r: r[2] + r[3])
a, b, c, d = ranges[n - 1]
gap = data[a + b:c].strip(b"<>")
open(prefix + ".der", "wb").write(bytes.fromhex(gap.decode()))
open(prefix + ".data", "wb").write(data[a:a + b] + data[c:c + d])
print(a + b, c + d)
EOF
}

# cms_verify FILE N: openssl cms verifies signature N against the CA.
cms_verify() {
	sig_extract "$1" "$2" "$tmp/cms$2" >/dev/null &&
	    openssl cms -verify -binary -inform DER -in "$tmp/cms$2.der" \
	    -content "$tmp/cms$2.data" \
	    -CAfile "${SIGN_STATE:-$tmp/state}/signing-ca.pem" \
	    -purpose any -out /dev/null 2>/dev/null
}

# check_signature NAME FILE N ORIGINAL: the checks every signature gets.
check_signature() {
	cs_out=$(pdfsig_sig "$2" "$3")
	t_match "$1: pdfsig: Signature is Valid" 'Signature is Valid\.' "$cs_out"
	if [ "$3" = 1 ]; then
		t_match "$1: pdfsig: Certificate is Trusted" \
		    'Certificate is Trusted\.' "$cs_out"
	else
		# poppler 22.12 wrongly reports "Unknown issue with
		# Certificate" on later signatures (see shared stack notes);
		# openssl checks their chain below.
		t_match "$1: pdfsig: Trusted (or poppler 22.12's quirk)" \
		    'Certificate is Trusted\.|Unknown issue with Certificate' \
		    "$cs_out"
	fi
	t_match "$1: pdfsig: ETSI.CAdES.detached" \
	    'Signature Type: ETSI\.CAdES\.detached' "$cs_out"
	t_match "$1: pdfsig: SHA-256" 'Signing Hash Algorithm: SHA-256' \
	    "$cs_out"
	t_ok "$1: openssl cms verifies it over its ByteRange and chain" \
	    cms_verify "$2" "$3"
	cs_attrs=$(openssl cms -cmsout -print -inform DER \
	    -in "$tmp/cms$3.der" 2>/dev/null)
	t_nomatch "$1: no signingTime signed attribute" 'signingTime' \
	    "$cs_attrs"
	t_match "$1: signing-certificate-v2 signed attribute" \
	    'signingCertificateV2' "$cs_attrs"
	cs_q=$(qpdf --check "$2" 2>&1)
	t_match "$1: qpdf --check is clean" 'No syntax or stream encoding errors' \
	    "$cs_q"
	t_ok "$1: the original is a byte prefix" \
	    cmp -n "$(wc -c <"$4")" "$4" "$2"
}
