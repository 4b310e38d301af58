#!/bin/sh
# Verify and extend (issue 15) against the reference server's real TSA,
# OCSP responder and CRL (tests/server/vtserver/pki.py) when things go
# wrong: the DSS of B-LT and B-LTA holds exactly what it should (the
# signer's and the TSA's certificates and OCSP responses, the VRI key);
# a signature timestamp over other bytes or with a broken signature; a
# TSA that rejects, answers garbage or stamps another imprint (signing
# and extending refuse, nothing written, nothing of the TSA's text
# reaches the terminal raw); the TSA's own certificate revoked for a key
# compromise; verification with no network and nothing kept, from the
# DSS alone.  Verdicts are checked word for word in Vietnamese.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed none --quiet
S=$tmp/srv
SIGN_STATE=$S
if [ -z "$URL" ] || [ ! -s "$S/tsa-url" ]; then
	t_skip "verify and extend" "the reference server did not start"
	t_done
fi
TSA=$(cat "$S/tsa-url")
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$S/signing-ca.pem" -d "sql:$tmp/nss"
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF2
pkcs11_module = $SOFTHSM_MODULE
trust_file = $S/signing-ca.pem
tsa_url = $TSA
EOF2
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo"
vi() {
	LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" "$VANTHU" "$@"
}
admin() {
	curl -s --cacert "$CA" -H 'Content-Type: application/json' \
	    -d "$2" "$URL/admin/$1"
}
# sign IN OUT [OPTIONS]: sign (in Vietnamese) with the token, PIN on stdin.
sign() {
	s_in=$1 s_out=$2
	shift 2
	echo "$TOKEN_PIN" | vi sign "$s_in" -o "$s_out" --pin-stdin \
	    --key "$KEY_URI" --invisible "$@"
}
der() {
	"$PYTHON3" "$top_srcdir/tests/cli/ltv-der.py" "$@"
}
ESC=$(printf '\033')
# A verdict line, as the Vietnamese report prints it.
q() {
	printf '%s' "$1" | sed 's/[][().*^$]/\\&/g'
}

make_pdf "$tmp/in.pdf"
mk_token chutich "$tmp/tok" --export
openssl x509 -in "$tmp/tok/user-cert.pem" -outform DER -out "$tmp/signer.der"
openssl x509 -in "$S/pki/tsa-cert.pem" -outform DER -out "$tmp/tsa.der"

sign "$tmp/in.pdf" "$tmp/bt.pdf" --level B-T >/dev/null 2>&1
t_is "B-T signed" 0 $?
make_pdf "$tmp/in2.pdf" 2
sign "$tmp/in2.pdf" "$tmp/bt2.pdf" --level B-T >/dev/null 2>&1
t_is "another B-T signed (its timestamp is over another signature)" 0 $?
sign "$tmp/in.pdf" "$tmp/blt.pdf" --level B-LT >/dev/null 2>&1
t_is "B-LT signed" 0 $?
sign "$tmp/in.pdf" "$tmp/blta.pdf" --level B-LTA >/dev/null 2>&1
t_is "B-LTA signed" 0 $?

# --- the DSS, entry by entry ------------------------------------------
for f in blt blta; do
	out=$(der dss "$tmp/$f.pdf" "$tmp/signer.der" "$tmp/tsa.der")
	t_is "$f: the DSS: the signer's and the TSA's certificates, a good OCSP response for each, the VRI of the signature" 0 $?
	printf '%s\n' "$out" | sed 's/^/# /'
done
der dss "$tmp/bt.pdf" "$tmp/signer.der" >/dev/null
t_is "B-T has no DSS (the checker can fail)" 1 $?
# The signature timestamp of every level: openssl checks its imprint is
# the signature value's.
for f in bt blt blta; do
	der token "$tmp/$f.pdf" "$tmp/$f.tst"
	der sigvalue "$tmp/$f.pdf" "$tmp/$f.sig"
	v=$(openssl ts -verify -in "$tmp/$f.tst" -token_in \
	    -data "$tmp/$f.sig" -CAfile "$S/signing-ca.pem" 2>&1)
	t_match "$f: openssl ts -verify: the signature timestamp's imprint" \
	    'Verification: OK' "$v"
done

# --- a signature timestamp that does not belong to the signature -------
der swap-token "$tmp/bt.pdf" "$tmp/bt2.pdf" "$tmp/swapped.pdf"
t_is "the other signature's timestamp put in the first" 0 $?
q_out=$(qpdf --check "$tmp/swapped.pdf" 2>&1)
t_match "swapped: still a sound PDF (qpdf --check)" \
    'No syntax or stream encoding errors' "$q_out"
p=$(pdfsig_sig "$tmp/swapped.pdf" 1)
t_match "swapped: the CMS signature itself is intact (pdfsig)" \
    'Signature is Valid\.' "$p"
der token "$tmp/swapped.pdf" "$tmp/swapped.tst"
der sigvalue "$tmp/swapped.pdf" "$tmp/swapped.sig"
v=$(openssl ts -verify -in "$tmp/swapped.tst" -token_in \
    -data "$tmp/swapped.sig" -CAfile "$S/signing-ca.pem" 2>&1)
t_match "swapped: openssl ts -verify: the imprint does not match" \
    'message imprint mismatch' "$v"
out=$(vi verify "$tmp/swapped.pdf")
t_is "swapped: verify says not valid (exit 6)" 6 $?
t_match "swapped: the timestamp line says why, in Vietnamese" \
    "$(q 'Dấu thời gian:  dấu thời gian được cấp cho dữ liệu khác (giá trị băm không khớp)')" \
    "$out"
t_match "swapped: the result names the timestamp" \
    "$(q 'Kết quả:        KHÔNG HỢP LỆ: dấu thời gian của chữ ký không hợp lệ')" \
    "$out"
j=$(vt verify --json "$tmp/swapped.pdf")
t_match "swapped: JSON: signature_timestamp invalid" \
    '"signature_timestamp":[[:space:]]*"invalid"' "$j"
der flip-token "$tmp/bt.pdf" "$tmp/flipped.pdf"
out=$(vi verify "$tmp/flipped.pdf")
t_is "a token whose TSTInfo was changed: not valid" 6 $?
t_match "flipped: its own signature does not verify, said so" \
    "$(q 'Dấu thời gian:  chữ ký của chính dấu thời gian không hợp lệ')" \
    "$out"

# --- a hostile TSA: signing and extending refuse, nothing written ------
expect_reject="không lấy được dấu thời gian: dịch vụ cấp dấu thời gian $TSA từ chối yêu cầu: bị từ chối (vanthu test TSA: request rejected"
expect_garbage="không lấy được dấu thời gian: $TSA không trả lời bằng dấu thời gian RFC 3161"
expect_wrong_imprint="không lấy được dấu thời gian: dấu thời gian từ $TSA được cấp cho dữ liệu khác (giá trị băm không phải giá trị đã gửi)"
for mode in reject garbage wrong_imprint; do
	r=$(admin pki "{\"tsa\":\"$mode\"}")
	t_match "the TSA now answers: $mode" "\"tsa\": *\"$mode\"" "$r"
	eval "expect=\$expect_$mode"
	out=$(sign "$tmp/in.pdf" "$tmp/s-$mode.pdf" --level B-T 2>&1)
	t_is "TSA $mode: B-T signing fails" 1 $?
	t_match "TSA $mode: the message says why" "$(q "$expect")" "$out"
	t_nomatch "TSA $mode: no escape sequence reaches the terminal" \
	    "$ESC" "$out"
	t_ok "TSA $mode: nothing is written" test ! -e "$tmp/s-$mode.pdf"
	out=$(vi extend "$tmp/blt.pdf" -o "$tmp/e-$mode.pdf" --level B-LTA 2>&1)
	t_is "TSA $mode: extend to B-LTA fails" 1 $?
	t_match "TSA $mode: extend says why" "$(q "$expect")" "$out"
	t_ok "TSA $mode: extend writes nothing" test ! -e "$tmp/e-$mode.pdf"
done
r=$(admin pki '{"tsa":"down"}')
out=$(vi extend "$tmp/blt.pdf" -o "$tmp/e-down.pdf" --level B-LTA 2>&1)
t_is "TSA down: extend to B-LTA fails as unreachable (exit 3)" 3 $?
t_match "TSA down: extend says there is no timestamp" \
    'không lấy được dấu thời gian' "$out"
t_match "TSA down: it names the time-stamping service, not 'the server'" \
    "^vanthu: $(q 'Không kết nối được dịch vụ cấp dấu thời gian (TSA): không lấy được dấu thời gian')" \
    "$out"
# A TSA nobody listens at: Vietnamese words, curl's English only as the
# technician's detail.
sed "s|^tsa_url = .*|tsa_url = http://127.0.0.1:1/tsa|" \
    "$XDG_CONFIG_HOME/vanthu/config" >"$tmp/config.closed"
cp "$XDG_CONFIG_HOME/vanthu/config" "$tmp/config.saved"
cp "$tmp/config.closed" "$XDG_CONFIG_HOME/vanthu/config"
out=$(vi extend "$tmp/blt.pdf" -o "$tmp/e-closed.pdf" --level B-LTA 2>&1)
t_is "TSA closed: exit 3" 3 $?
t_match "TSA closed: the message is Vietnamese, curl's words after 'chi tiết kỹ thuật'" \
    "^vanthu: $(q 'Không kết nối được dịch vụ cấp dấu thời gian (TSA): không lấy được dấu thời gian: không kết nối được http://127.0.0.1:1/tsa: máy chủ không trả lời (chi tiết kỹ thuật: ')[^)]+\\)\$" \
    "$out"
t_nomatch "TSA closed: no English outside the detail" \
    "[Cc]annot|[Cc]ouldn't connect.*\\(" "$out"
out=$(LC_ALL=C "$VANTHU" extend "$tmp/blt.pdf" -o "$tmp/e-closed.pdf" --level B-LTA 2>&1)
t_match "TSA closed, C locale: the same in English" \
    "^vanthu: Cannot reach the time-stamping service \\(TSA\\): no timestamp: cannot reach http://127.0.0.1:1/tsa: the server does not answer \\(technical detail: " \
    "$out"
cp "$tmp/config.saved" "$XDG_CONFIG_HOME/vanthu/config"
t_ok "TSA down: extend writes nothing" test ! -e "$tmp/e-down.pdf"
out=$(vi extend "$tmp/bt.pdf" -o "$tmp/e-down-lt.pdf" --level B-LT 2>&1)
t_is "TSA down: extend to B-LT needs no timestamp: done" 0 $?
admin pki '{"tsa":"up","ocsp":"down"}' >/dev/null
out=$(vi extend "$tmp/bt2.pdf" -o "$tmp/e-ocsp.pdf" --level B-LT 2>&1)
t_is "OCSP down: extend refused (exit 3: the responder)" 3 $?
t_match "OCSP down: extend says the status cannot be found" \
    'không xác định được tình trạng thu hồi chứng thư số' "$out"
t_match "OCSP down: it names the certificate status service" \
    "^vanthu: $(q 'Không kết nối được dịch vụ kiểm tra trạng thái chứng thư số (máy chủ OCSP hoặc CRL): ')" \
    "$out"
t_ok "OCSP down: extend writes nothing" test ! -e "$tmp/e-ocsp.pdf"
admin pki '{"ocsp":"up"}' >/dev/null
out=$(vi extend "$tmp/blt.pdf" -o "$tmp/e-up.pdf" --level B-LTA 2>&1)
t_is "the TSA back: extend to B-LTA works (the refusals were the TSA's)" 0 $?

# --- the TSA's certificate revoked for a key compromise ---------------
# bt.pdf and blta.pdf were stamped before; the index keeps seconds.
t0=$(date +%s)
while [ "$(date +%s)" = "$t0" ]; do :; done
r=$(admin revoke '{"tsa":true,"reason":"keyCompromise"}')
t_match "the TSA's certificate is revoked on the server" '"revoked": *1' "$r"
out=$(vi verify "$tmp/bt.pdf")
t_is "B-T stamped before the compromise: not valid" 6 $?
t_match "the timestamp is refused, with the date and the reason" \
    "Dấu thời gian:  không được chấp nhận: chứng thư số của dịch vụ cấp dấu thời gian: vanthu test TSA: ĐÃ BỊ THU HỒI ngày [0-9/]{10} [0-9:]{8}, sau thời điểm gắn dấu thời gian [0-9/]{10} [0-9:]{8}, nhưng vì lý do khiến các dấu thời gian của dịch vụ này không còn tin cậy được \\(khóa bị lộ; theo máy chủ OCSP\\)" \
    "$out"
t_match "the result names the timestamp" \
    "$(q 'Kết quả:        KHÔNG HỢP LỆ: dấu thời gian của chữ ký không hợp lệ')" \
    "$out"
j=$(vt verify --json "$tmp/bt.pdf")
t_match "JSON: timestamp_revocation revoked" \
    '"timestamp_revocation":[[:space:]]*"revoked"' "$j"
out=$(vi verify "$tmp/blta.pdf")
t_is "B-LTA of the same TSA: not valid either, though its DSS says good" 6 $?
t_match "its document timestamp: the authority's certificate revoked" \
    "$(q 'Kết quả:        KHÔNG HỢP LỆ: chứng thư số của dịch vụ cấp dấu thời gian đã bị thu hồi')" \
    "$out"
out=$(vi verify --offline "$tmp/blta.pdf")
t_is "offline, with the answer kept from the check above: not valid" 6 $?
t_match "offline: from the kept answer" \
    'ĐÃ BỊ THU HỒI.*theo phản hồi OCSP lưu từ lần kiểm tra trước' "$out"
out=$(XDG_CACHE_HOME=$tmp/empty vi verify --offline "$tmp/blta.pdf")
t_is "offline with nothing kept: only the DSS speaks (good then): valid" \
    0 $?
t_match "offline with nothing kept: the TSA's status from the file" \
    "$(q 'Thu hồi (TSA):  vanthu test TSA: chưa bị thu hồi tại thời điểm gắn dấu thời gian')"'.*theo phản hồi OCSP lưu trong văn bản' \
    "$out"
sign "$tmp/in.pdf" "$tmp/bt-after.pdf" --level B-T >/dev/null 2>&1
out=$(vi verify "$tmp/bt-after.pdf")
t_is "B-T stamped after the revocation: not valid" 6 $?
t_match "revoked before the timestamp's time, said so" \
    'vanthu test TSA: ĐÃ BỊ THU HỒI ngày [^,]*, trước thời điểm gắn dấu thời gian .*khóa bị lộ' \
    "$out"
out=$(sign "$tmp/in.pdf" "$tmp/blt-after.pdf" --level B-LT 2>&1)
t_is "B-LT with the revoked TSA: refused" 6 $?
t_match "B-LT: the TSA's revocation is the reason" \
    'chứng thư số của vanthu test TSA đã bị thu hồi ngày .* \(khóa bị lộ\), trước khi cấp dấu thời gian' \
    "$out"
t_ok "B-LT: nothing is written" test ! -e "$tmp/blt-after.pdf"
out=$(vi extend "$tmp/bt.pdf" -o "$tmp/ext-after.pdf" --level B-LT 2>&1)
t_is "extend of a B-T stamped before the compromise: refused" 6 $?
t_match "extend: its timestamps cannot be trusted any more" \
    'chứng thư số của dịch vụ cấp dấu thời gian vanthu test TSA đã bị thu hồi ngày .* \(khóa bị lộ\): các dấu thời gian do dịch vụ này cấp không còn tin cậy được' \
    "$out"
t_ok "extend: nothing is written" test ! -e "$tmp/ext-after.pdf"

# --- no network at all, nothing kept: the DSS alone -------------------
core_server_stop
for f in blt blta; do
	out=$(XDG_CACHE_HOME=$tmp/empty2 vi verify --offline "$tmp/$f.pdf")
	t_is "$f, server stopped, nothing kept: valid from its DSS" 0 $?
	t_match "$f: the signer's status from the file" \
	    'Thu hồi:        Nguyễn Văn Hùng: chưa bị thu hồi tại thời điểm ký .*theo phản hồi OCSP lưu trong văn bản' \
	    "$out"
done
out=$(XDG_CACHE_HOME=$tmp/empty2 vi verify --offline "$tmp/bt2.pdf")
t_is "B-T, nothing kept, offline: not valid (no DSS)" 6 $?
t_match "B-T offline: unknown, said so" \
    'KHÔNG HỢP LỆ: không xác định được' "$out"
t_done
