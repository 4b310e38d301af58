# Helpers for the verification tests (sourced after sign-lib.sh).

PDFEDIT="mutool run $top_srcdir/tests/tools/pdf-edit.js"
MKSIG="$PYTHON3 $top_srcdir/tests/tools/mksig"

# vj FILE EXPR: evaluate the Python expression EXPR over vanthu verify
# --json of FILE (d: the document, s: its signatures) and print it.
vj() {
	"$VANTHU" verify --trust-file "$tmp/state/signing-ca.pem" --json \
	    "$1" 2>/dev/null | "$PYTHON3" -c '
import json, sys
d = json.load(sys.stdin)
s = d["signatures"]
r = eval(sys.argv[1])
print(*r) if isinstance(r, tuple) else print(r)' "$2"
}

# vt FILE: vanthu verify's text output of FILE in $out, status in $rc.
vt() {
	out=$("$VANTHU" verify --trust-file "$tmp/state/signing-ca.pem" \
	    "$@" 2>&1); rc=$?
}

# pdfsig_says FILE N: pdfsig's "Signature Validation" for signature N.
pdfsig_says() {
	pdfsig_sig "$1" "$2" | sed -n 's/.*Signature Validation: //p'
}

# signer NAME: a key and certificate NAME.key/NAME.pem issued by the
# test CA; the rest of the arguments go to openssl req -newkey.
signer() {
	sg_name=$1
	shift
	openssl req -x509 -nodes -days 30 "$@" -keyout "$tmp/$sg_name.key" \
	    -out "$tmp/$sg_name.pem" -subj "/C=VN/CN=$sg_name" \
	    -CA "$tmp/state/signing-ca.pem" \
	    -CAkey "$tmp/state/signing-ca-key.pem" 2>/dev/null
}
