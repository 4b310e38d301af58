#!/bin/sh
# Signatures that last in the draft pipeline (issue 15): vanthu draft
# sign and draft issue at each PAdES level against the reference server
# (its real TSA, OCSP responder and CRL) with SoftHSM tokens; the server
# accepts validation data (a DSS, a document timestamp) after the last
# signature and refuses any other change made there; the TSA or the
# OCSP responder down refuses the level with nothing uploaded.  Checked
# on the server's own copy with pdfsig, openssl ts -verify, qpdf and
# vanthu verify.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed demo
S=$tmp/srv
SIGN_STATE=$S
if [ -z "$URL" ] || [ ! -s "$S/tsa-url" ]; then
	t_skip "long-term signatures of drafts" "the reference server did not start"
	t_done
fi
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$S/signing-ca.pem" -d "sql:$tmp/nss"
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF2
pkcs11_module = $SOFTHSM_MODULE
trust_file = $S/signing-ca.pem
tsa_url = $(cat "$S/tsa-url")
EOF2
admin() {
	curl -s --cacert "$CA" -H 'Content-Type: application/json' \
	    -d "$2" "$URL/admin/$1"
}
# state ID [USER]: the draft's state as USER (chutich) sees it.
state() {
	api_get "$(api_token "${2:-chutich}")" "/drafts/$1" | jq_py 'j["state"]'
}
nversions() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py 'len(j["versions"])'
}
# server_copy ID FILE [USER]: the draft's current version as the server
# keeps it.
server_copy() {
	sc_tok=$(api_token "${3:-chutich}")
	sc_att=$(api_get "$sc_tok" "/drafts/$1" |
	    jq_py "j['current_version']['attachment_id']")
	curl -s --cacert "$CA" -H "Authorization: Bearer $sc_tok" \
	    -o "$2" "$URL/api/v1/attachments/$sc_att"
}
# draft_sign ID [OPTIONS]: vanthu draft sign with the current token.
draft_sign() {
	ds_id=$1
	shift
	echo "$TOKEN_PIN" | vt draft sign "$ds_id" --yes --pin-stdin "$@"
}
draft_issue() {
	di_id=$1
	shift
	echo "$TOKEN_PIN" | vt draft issue "$di_id" --yes --pin-stdin "$@"
}
# sigtst FILE N: signature N's value (FILE.sig) and its signature
# timestamp token (FILE.tst, absent when it has none), from the CMS.
sigtst() {
	rm -f "$1.sig" "$1.tst"
	sig_extract "$1" "$2" "$tmp/x" >/dev/null
	"$PYTHON3" - "$tmp/x.der" "$1" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
def tlv(b, i):
    t = b[i]; n = b[i + 1]; i += 2
    if n & 0x80:
        k = n & 0x7f; n = int.from_bytes(b[i:i + k], "big"); i += k
    return t, b[i:i + n], i + n
def items(b):
    i, out = 0, []
    while i < len(b):
        t, v, j = tlv(b, i); out.append((t, v, b[i:j])); i = j
    return out
_, ci, _ = tlv(d, 0)
sd = items(items(ci)[1][1])[0][1]
si = items(items(sd)[-1][1])[0][1]
f = items(si)
open(sys.argv[2] + ".sig", "wb").write([x for x in f if x[0] == 0x04][0][1])
for u in [x for x in f if x[0] == 0xa1]:
    for a in items(u[1]):
        oid, vals = items(a[1])[0], items(a[1])[1]
        if oid[1] == bytes.fromhex("2a864886f70d010910020e"):
            open(sys.argv[2] + ".tst", "wb").write(items(vals[1])[0][2])
PY
}
# ts_ok FILE N: signature N's timestamp token verifies with openssl ts
# over its signature value, and not over other bytes.
ts_ok() {
	sigtst "$1" "$2" && [ -s "$1.tst" ] &&
	    openssl ts -verify -in "$1.tst" -token_in -data "$1.sig" \
	    -CAfile "$S/signing-ca.pem" 2>&1 | grep -q 'Verification: OK' &&
	    printf x >>"$1.sig" &&
	    ! openssl ts -verify -in "$1.tst" -token_in -data "$1.sig" \
	    -CAfile "$S/signing-ca.pem" 2>&1 | grep -q 'Verification: OK'
}
# dss_has FILE KEY: the file's DSS has KEY.
dss_has() {
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null |
	    grep -a -q "$2"
}
# docts_ok FILE N: entry N (a document timestamp) verifies with openssl
# ts over its ByteRange and covers the whole file.
docts_ok() {
	dt_r=$(sig_extract "$1" "$2" "$tmp/dts") &&
	    [ "${dt_r#* }" = "$(wc -c <"$1" | tr -d ' ')" ] &&
	    openssl ts -verify -in "$tmp/dts.der" -token_in \
	    -data "$tmp/dts.data" -CAfile "$S/signing-ca.pem" 2>&1 |
	    grep -q 'Verification: OK'
}
# pdfsig_ok NAME FILE N: pdfsig says signature N is valid.
pdfsig_ok() {
	po_out=$(pdfsig_sig "$2" "$3")
	t_match "$1: pdfsig: signature $3 is valid" 'Signature is Valid\.' \
	    "$po_out"
	t_match "$1: pdfsig: signature $3 is ETSI.CAdES.detached" \
	    'Signature Type: ETSI\.CAdES\.detached' "$po_out"
}
qpdf_ok() {
	qpdf --check "$1" 2>&1 | grep -q 'No syntax or stream encoding errors'
}
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo" 2>/dev/null
have_vi=
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	have_vi=1
fi

# --- the leader's signature at each level ----------------------------
mk_token phochutich "$tmp/tok-deputy"
vt_login phochutich >/dev/null
out=$(draft_sign d5 --level B-B 2>&1)
t_is "draft sign --level B-B (d5) exits 0" 0 $?
t_match "B-B: the level is shown before the PIN" 'Level: +PAdES B-B' "$out"
t_is "B-B: the server took it" signed "$(state d5 phochutich)"
server_copy d5 "$tmp/d5.pdf" phochutich
pdfsig_ok "B-B" "$tmp/d5.pdf" 1
sigtst "$tmp/d5.pdf" 1
t_ok "B-B: no signature timestamp" test ! -e "$tmp/d5.pdf.tst"
t_ok "B-B: no DSS" sh -c "! qpdf --qdf --object-streams=disable \
    '$tmp/d5.pdf' - 2>/dev/null | grep -a -q /DSS"

mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
out=$(draft_sign d1 2>&1)
t_is "draft sign (d1, tsa_url set, no level) exits 0" 0 $?
t_match "B-T is the default with a TSA" 'Level: +PAdES B-T \(with a timestamp' \
    "$out"
t_is "B-T: the server took it" signed "$(state d1)"
server_copy d1 "$tmp/d1.pdf"
pdfsig_ok "B-T" "$tmp/d1.pdf" 1
t_ok "B-T: openssl ts -verify: the signature timestamp's imprint" \
    ts_ok "$tmp/d1.pdf" 1
j=$(vt verify --json "$tmp/d1.pdf")
t_match "B-T: vanthu verify --json: the signature timestamp is valid" \
    '"signature_timestamp":[[:space:]]*"valid"' "$j"

out=$(draft_sign d3 --level B-LT 2>&1)
t_is "draft sign --level B-LT (d3) exits 0" 0 $?
t_match "B-LT: the level is shown" 'Level: +PAdES B-LT' "$out"
t_is "B-LT: the server took it" signed "$(state d3)"
server_copy d3 "$tmp/d3.pdf"
pdfsig_ok "B-LT" "$tmp/d3.pdf" 1
t_ok "B-LT: openssl ts -verify on the signature timestamp" \
    ts_ok "$tmp/d3.pdf" 1
t_ok "B-LT: the DSS has certificates" dss_has "$tmp/d3.pdf" '/Certs'
t_ok "B-LT: and OCSP responses" dss_has "$tmp/d3.pdf" '/OCSPs'
t_ok "B-LT: and a VRI entry" dss_has "$tmp/d3.pdf" '/VRI'
t_ok "B-LT: qpdf --check is clean" qpdf_ok "$tmp/d3.pdf"

out=$(draft_sign d7 --level B-LTA 2>&1)
t_is "draft sign --level B-LTA (d7) exits 0" 0 $?
t_is "B-LTA: the server took it" signed "$(state d7)"
server_copy d7 "$tmp/d7.pdf"
pdfsig_ok "B-LTA" "$tmp/d7.pdf" 1
t_ok "B-LTA: openssl ts -verify on the signature timestamp" \
    ts_ok "$tmp/d7.pdf" 1
t_ok "B-LTA: the DSS is there" dss_has "$tmp/d7.pdf" '/VRI'
t_ok "B-LTA: the document timestamp verifies and covers the whole file" \
    docts_ok "$tmp/d7.pdf" 2
t_match "B-LTA: pdfsig lists the document timestamp" \
    'Signature Field Name: DocTimeStamp' \
    "$(pdfsig -nssdir "sql:$tmp/nss" "$tmp/d7.pdf" 2>&1)"
v=$(vt verify "$tmp/d7.pdf")
t_is "B-LTA: vanthu verify exits 0" 0 $?
t_match "B-LTA: every entry is valid, the document timestamp counted apart" \
    'All are valid: 1 signature and 1 document timestamp\.' "$v"
v=$(vt verify --offline "$tmp/d3.pdf")
t_is "B-LT: vanthu verify --offline answers from the DSS" 0 $?

# --- the TSA or the OCSP responder down: nothing uploaded -------------
n9=$(nversions d9)
admin pki '{"tsa":"down"}' >/dev/null
out=$(draft_sign d9 2>&1)
t_is "TSA down: draft sign (B-T) fails (exit 3)" 3 $?
t_match "TSA down: it says there is no timestamp and B-B is possible" \
    'B-T refused, nothing was written: no timestamp.*B-B.*still possible' \
    "$out"
t_is "TSA down: d9 still waits for its signer" awaiting_signer "$(state d9)"
t_is "TSA down: no version was added" "$n9" "$(nversions d9)"
t_is "TSA down: nothing is in the outbox" "The outbox is empty." \
    "$(vt outbox 2>&1)"
admin pki '{"tsa":"up","ocsp":"down"}' >/dev/null
out=$(draft_sign d9 --level B-LT 2>&1)
t_is "OCSP down: draft sign --level B-LT fails (exit 3)" 3 $?
t_match "OCSP down: it says why and that B-T is possible" \
    'B-LT refused, nothing was written: .*B-T is still possible' "$out"
if [ -n "$have_vi" ]; then
	out=$(echo "$TOKEN_PIN" | LC_ALL=vi_VN.UTF-8 \
	    VANTHU_LOCALEDIR="$tmp/loc" vt draft sign d9 --yes --pin-stdin \
	    --level B-LT 2>&1)
	t_match "OCSP down: the refusal is in Vietnamese" \
	    'không ký được ở mức B-LT, chưa ghi gì: .*vẫn có thể ký mức B-T' \
	    "$out"
else
	t_skip "OCSP down: the refusal is in Vietnamese" "no vi_VN.UTF-8 locale"
fi
t_is "OCSP down: d9 still waits for its signer" awaiting_signer "$(state d9)"
t_is "OCSP down: no version was added" "$n9" "$(nversions d9)"
t_is "OCSP down: nothing is in the outbox" "The outbox is empty." \
    "$(vt outbox 2>&1)"
admin pki '{"ocsp":"up"}' >/dev/null

# --- the server refuses changes dressed up as validation data -------------
# d9's version signed at B-LT outside the pipeline, then a later update
# that adds a DSS and changes the page: refused; the same file without
# that update is accepted.
tok=$(api_token chutich)
vid=$(api_get "$tok" /drafts/d9 | jq_py 'j["current_version"]["id"]')
server_copy d9 "$tmp/d9.pdf"
echo "$TOKEN_PIN" | vt sign "$tmp/d9.pdf" -o "$tmp/d9-blt.pdf" --pin-stdin \
    --key "$KEY_URI" --level B-LT >/dev/null 2>&1
t_is "d9 signed at B-LT outside the pipeline" 0 $?
cat >"$tmp/hostile.js" <<'EOF'
// mutool run hostile.js ACTION IN OUT: validation data (a DSS) and,
// in the same incremental update, a change that is not.
var doc = new PDFDocument(scriptArgs[1]);
var page = doc.findPage(0);
var root = doc.getTrailer().Root;
var what = scriptArgs[0];
var cert = doc.addStream("0", {});
root.DSS = doc.addObject({ Type: "DSS", Certs: [cert] });
if (what == "content") {
	var c = page.Contents;
	if (c.isArray())
		c = c[0];
	c.writeStream("BT /F1 14 Tf 72 770 Td (Chi 1.000.000.000 dong) Tj ET");
} else if (what == "newcontent") {
	var extra = doc.addStream("BT /F1 14 Tf 72 60 Td (SUA) Tj ET", {});
	root.DSS.Certs = [cert, extra];
	var c2 = page.Contents;
	if (c2.isArray()) { c2.push(extra); } else { page.Contents = [c2, extra]; }
} else if (what == "annot") {
	var a = doc.addObject({ Type: "Annot", Subtype: "FreeText",
	    Rect: [72, 700, 400, 760], Contents: doc.newString("SUA"),
	    DA: doc.newString("/Helv 12 Tf 0 g") });
	page.Annots.push(a);
} else if (what == "info") {
	doc.getTrailer().Info = doc.addObject({ Title: doc.newString("Khac") });
}
doc.save(scriptArgs[2], "incremental");
EOF
# upload FILE: POST it as the signed d9; prints the HTTP status and code.
upload() {
	curl -s --cacert "$CA" -H "Authorization: Bearer $tok" \
	    -H 'Content-Type: application/pdf' --data-binary "@$1" \
	    -w ' %{http_code}' "$URL/api/v1/drafts/d9/versions/$vid/signed"
}
for what in content newcontent annot info; do
	mutool run "$tmp/hostile.js" "$what" "$tmp/d9-blt.pdf" \
	    "$tmp/d9-$what.pdf" 2>/dev/null
	t_ok "hostile ($what): the signed file is a prefix of it" \
	    cmp -n "$(wc -c <"$tmp/d9-blt.pdf")" "$tmp/d9-blt.pdf" \
	    "$tmp/d9-$what.pdf"
	r=$(upload "$tmp/d9-$what.pdf")
	t_match "hostile ($what): the server refuses it (422 unsigned_changes)" \
	    '"unsigned_changes".* 422$' "$r"
done
t_is "hostile: d9 still waits for its signer" awaiting_signer "$(state d9)"
t_is "hostile: no version was added" "$n9" "$(nversions d9)"
r=$(upload "$tmp/d9-blt.pdf")
t_match "the same B-LT file without the change is accepted (201)" ' 201$' "$r"
t_is "d9 is signed" signed "$(state d9)"

# --- the clerk issues: the agency signature on top ------------------------
mk_token vanthu "$tmp/tok-clerk"
vt_login vanthu >/dev/null
out=$(draft_issue d1 --level B-LTA 2>&1)
t_is "draft issue --level B-LTA after the leader's B-T (d1) exits 0" 0 $?
t_match "issue: the level is shown before the PIN" 'Level: +PAdES B-LTA' "$out"
t_is "issue B-LTA: the server issued d1" issued "$(state d1)"
server_copy d1 "$tmp/d1-issued.pdf"
t_ok "issue B-LTA: the leader's version is a prefix" \
    cmp -n "$(wc -c <"$tmp/d1.pdf")" "$tmp/d1.pdf" "$tmp/d1-issued.pdf"
pdfsig_ok "issue B-LTA" "$tmp/d1-issued.pdf" 1
pdfsig_ok "issue B-LTA" "$tmp/d1-issued.pdf" 2
t_ok "issue B-LTA: openssl cms verifies the agency signature" \
    cms_verify "$tmp/d1-issued.pdf" 2
t_ok "issue B-LTA: openssl ts -verify on the agency signature's timestamp" \
    ts_ok "$tmp/d1-issued.pdf" 2
t_ok "issue B-LTA: the DSS is there" dss_has "$tmp/d1-issued.pdf" '/VRI'
t_ok "issue B-LTA: the document timestamp covers the whole file" \
    docts_ok "$tmp/d1-issued.pdf" 3
t_ok "issue B-LTA: qpdf --check is clean" qpdf_ok "$tmp/d1-issued.pdf"
v=$(vt verify "$tmp/d1-issued.pdf")
t_is "issue B-LTA: vanthu verify exits 0" 0 $?
t_match "issue B-LTA: all three are valid (two signatures, a timestamp)" \
    'All are valid: 2 signatures and 1 document timestamp\.' "$v"

out=$(draft_issue d3 2>&1)
t_is "draft issue (B-T) after the leader's B-LT (d3) exits 0" 0 $?
t_is "after a B-LT leader: the server issued d3" issued "$(state d3)"
server_copy d3 "$tmp/d3-issued.pdf"
pdfsig_ok "after a B-LT leader" "$tmp/d3-issued.pdf" 1
pdfsig_ok "after a B-LT leader" "$tmp/d3-issued.pdf" 2
t_ok "after a B-LT leader: openssl cms verifies the leader's" \
    cms_verify "$tmp/d3-issued.pdf" 1
t_ok "after a B-LT leader: and the agency's" cms_verify "$tmp/d3-issued.pdf" 2
j=$(vt verify --json "$tmp/d3-issued.pdf")
t_is "after a B-LT leader: vanthu verify exits 0" 0 $?
t_match "after a B-LT leader: the verdict is valid" '"valid":[[:space:]]*true' "$j"

# Issuing at B-LT with the OCSP responder down: refused, the number
# given back, nothing uploaded; then B-LTA on top of a B-LTA.
n7=$(nversions d7)
admin pki '{"ocsp":"down"}' >/dev/null
out=$(draft_issue d7 --level B-LT 2>&1)
t_is "issue with OCSP down: --level B-LT fails (exit 3)" 3 $?
t_match "issue with OCSP down: B-T is still possible" 'B-T is still possible' \
    "$out"
t_match "issue with OCSP down: the number was given back" 'was given back' \
    "$out"
t_is "issue with OCSP down: d7 is still signed" signed "$(state d7)"
t_is "issue with OCSP down: no version was added" "$n7" "$(nversions d7)"
admin pki '{"ocsp":"up"}' >/dev/null
out=$(draft_issue d7 --level B-LTA 2>&1)
t_is "draft issue --level B-LTA after a B-LTA leader (d7) exits 0" 0 $?
t_is "the server issued d7" issued "$(state d7)"
server_copy d7 "$tmp/d7-issued.pdf"
pdfsig_ok "B-LTA on B-LTA" "$tmp/d7-issued.pdf" 1
v=$(vt verify "$tmp/d7-issued.pdf")
t_is "B-LTA on B-LTA: vanthu verify exits 0" 0 $?
t_match "B-LTA on B-LTA: all four are valid (two and two)" \
    'All are valid: 2 signatures and 2 document timestamps\.' "$v"
out=$(vt draft issue d9 --level B-X --yes 2>&1)
t_is "--level B-X is a usage error (exit 2)" 2 $?
t_match "it names the levels" 'B-B, B-T, B-LT or B-LTA' "$out"
t_done
