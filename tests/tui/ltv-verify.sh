#!/bin/sh
# Signatures that last, in the interface (issue 15), in Vietnamese,
# against the reference server's real TSA and OCSP responder: the
# document view shows the same revocation verdict as vanthu verify
# (good at the signing time; revoked, with the date and the reason;
# unknown when no responder answers) and the timestamp's time; the key
# shown in the hint line saves a copy with long-term validation data
# (B-LTA, as vanthu extend) that verifies offline from its DSS, and
# refuses, writing nothing, when the signer's status is revoked or
# unknown; the attachments list checks a file in full and extends it
# too; the draft view shows a seeded signature whose certificate names
# no responder as not checked, never as trusted without a word.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
softhsm=/usr/lib/softhsm/libsofthsm2.so
if [ ! -f "$softhsm" ] || ! command -v mutool >/dev/null 2>&1; then
	t_skip "long-term signatures in the interface" \
	    "SoftHSM2 or mutool is not installed"
	t_done
fi
if ! localedir=$(tui_vi_localedir); then
	t_skip "long-term signatures in the interface" \
	    "no vi_VN.UTF-8 locale or no Vietnamese catalogue"
	t_done
fi
if ! tui_refserver || [ ! -s "$tui_state/tsa-url" ]; then
	t_ok "the reference server starts with its TSA" false
	t_done
fi
ca=$tui_state/tls-ca.pem
tui_config "pkcs11_module = $softhsm" \
    "trust_file = $tui_state/signing-ca.pem" \
    "tsa_url = $(cat "$tui_state/tsa-url")"
admin() {
	curl -s --cacert "$ca" -H 'Content-Type: application/json' \
	    -d "$2" "$tui_url/admin/$1"
}
# signed USER SUBJECT FILE [revoked]: a PDF signed at B-T by USER's new
# token (with "revoked", its certificate revoked before it signs),
# arrived on the server as an incoming document named FILE.
signed() {
	"$top_srcdir/tests/tools/mktoken" --state "$tui_state" --user "$1" \
	    --out "$tui_tmp/tok-$1" >"$tui_tmp/tok-$1.env" 2>&1 || return 1
	if [ "${4:-}" = revoked ]; then
		admin revoke "{\"username\":\"$1\",\"reason\":\"superseded\"}" |
		    grep -q '"revoked": *1' || return 1
	fi
	printf '%%%%MediaBox 0 0 595 842\n%%%%Font F1 Times-Roman\nBT /F1 14 Tf 72 770 Td (%s) Tj ET\n' \
	    "$3" >"$tui_tmp/page.txt"
	mutool create -o "$tui_tmp/$3" "$tui_tmp/page.txt" || return 1
	sed -n 's/^TOKEN_PIN=//p' "$tui_tmp/tok-$1.env" |
	    env SOFTHSM2_CONF="$(sed -n 's/^SOFTHSM2_CONF=//p' \
	    "$tui_tmp/tok-$1.env")" "$VANTHU" sign "$tui_tmp/$3" \
	    -o "$tui_tmp/signed-$3" --pin-stdin --invisible --level B-T \
	    --key "$(sed -n 's/^KEY_URI=//p' "$tui_tmp/tok-$1.env")" \
	    >/dev/null 2>&1 || return 1
	"$PYTHON3" - "$tui_tmp/signed-$3" "$2" "$3" >"$tui_tmp/body.json" <<'PY'
import base64, json, sys
print(json.dumps({"subject": sys.argv[2], "filename": sys.argv[3],
                  "pdf_base64": base64.b64encode(
                      open(sys.argv[1], "rb").read()).decode()}))
PY
	curl -s --cacert "$ca" -H 'Content-Type: application/json' \
	    --data-binary @"$tui_tmp/body.json" "$tui_url/admin/incoming" |
	    grep -q '"id"'
}
t_ok "a decision signed at B-T by the leader arrives" \
    signed chutich "Quyết định lưu trữ hồ sơ lâu dài" qd-luu-tru.pdf
t_ok "a letter signed with a certificate revoked before arrives" \
    signed phochutich "Công văn chứng thư đã thu hồi" cv-thu-hoi.pdf revoked
t_ok "a notice by a specialist arrives" \
    signed chuyenvien1 "Thông báo kiểm tra không xác định" tb-kiem-tra.pdf
leader=$tui_tmp/signed-qd-luu-tru.pdf
deputy=$tui_tmp/signed-cv-thu-hoi.pdf
specialist=$tui_tmp/signed-tb-kiem-tra.pdf
mkdir -p "$tui_tmp/out" "$tui_tmp/out2"

# Log in once (the prompts are matched in English), then work in
# Vietnamese with the saved session.
tui_start 120 30 LC_ALL=C -- ui --user vanthu
t_ok "log in" tui_login vanthu vanthu-2026
tui_keys Q
tui_wait_exit 10
tui_stop
tui_start 160 45 LC_ALL=vi_VN.UTF-8 LANGUAGE=vi \
    VANTHU_LOCALEDIR="$localedir" -- ui --user vanthu
tui_check "the inbox, in Vietnamese" 'Văn bản đến' 30
tui_wait 'Đã đồng bộ|Đã cập nhật|Không có gì mới' 30

# --- good at the signing time ------------------------------------------
tui_keys '/'
tui_type 'luu tru ho so lau dai'
tui_keys Enter Enter
tui_check "the leader's decision is open" 'Quyết định lưu trữ hồ sơ lâu dài' 20
tui_check "its verdict above the text" \
    '^Chữ ký số: đều hợp lệ \(chi tiết sau nội dung văn bản\)' 60
tui_check "its line: valid" '^Chữ ký 1: Nguyễn Văn Hùng - HỢP LỆ' 5
tui_check "the hint line offers the long-term copy" 'L Lưu lâu dài' 5
tui_resize 80 24
tui_check "on an 80-column terminal too" 'L Lưu lâu dài' 10
tui_resize 160 45
tui_wait '^Chữ ký 1: Nguyễn Văn Hùng - HỢP LỆ' 10
tui_keys End
tui_check "the details" '^-+ Chữ ký số: chi tiết -+$' 10
tui_check "the timestamp's time" 'Dấu thời gian:  [0-3][0-9]/[01][0-9]/20[0-9]{2} [0-9:]{8}' 5
tui_check "the TSA's certificate checked" \
    'Thu hồi \(TSA\):  vanthu test TSA: chưa bị thu hồi tại thời điểm gắn dấu thời gian' 5
cli=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$localedir" "$VANTHU" verify \
    "$leader" | grep 'Thu hồi: ' | sed 's/^ *//')
t_match "vanthu verify's revocation line" \
    'Thu hồi: +Nguyễn Văn Hùng: chưa bị thu hồi tại thời điểm ký [0-3][0-9]/.*theo máy chủ OCSP' \
    "$cli"
t_match "the same revocation line as vanthu verify" \
    "$(printf '%s' "$cli" | sed 's/[][().*^$+]/\\&/g')" "$(tui_screen)"

# The long-term copy: B-LTA (tsa_url is set), beside the saved files.
tui_keys L
tui_check "the folder is asked" 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out"
tui_keys Enter
tui_check "saved, the level said" \
    "Đã lưu kèm dữ liệu kiểm tra lâu dài \\(PAdES B-LTA\\): $tui_tmp/out/qd-luu-tru-B-LTA.pdf" 60
lta=$tui_tmp/out/qd-luu-tru-B-LTA.pdf
t_ok "the copy is written" test -s "$lta"
t_ok "the signed original is a byte prefix of it" \
    cmp -n "$(wc -c <"$leader")" "$leader" "$lta"
q=$(qpdf --check "$lta" 2>&1)
t_match "qpdf --check: clean" 'No syntax or stream encoding errors' "$q"
v=$(XDG_CACHE_HOME=$tui_tmp/nothing-kept "$VANTHU" verify --offline "$lta")
t_is "the copy verifies offline with nothing kept: from its DSS" 0 $?
t_match "a document timestamp covers it" 'Timestamp 2: DocTimeStamp' "$v"
t_match "the signer's status comes from the file" \
    'Revocation: .*from the OCSP response in the file' "$v"
tui_keys L
tui_wait 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out"
tui_keys Enter
tui_check "a second copy does not overwrite the first" \
    'qd-luu-tru-B-LTA.pdf đã có: không ghi đè' 30

# The attachments: the list's verdict, the full check, the copy.
tui_keys t
tui_check "the attachments" 'Tệp đính kèm' 10
tui_check "the PDF's signatures: valid" 'qd-luu-tru.pdf .*PDF +hợp lệ' 10
tui_check "the hints offer the check and the copy" 'c Chữ ký' 5
tui_check "and the long-term copy" 'L Lưu lâu dài' 5
tui_keys c
tui_check "the full check of the file" 'Chữ ký số của qd-luu-tru.pdf' 60
tui_check "with the revocation verdict" \
    'Thu hồi: +Nguyễn Văn Hùng: chưa bị thu hồi tại thời điểm ký' 5
tui_keys q
tui_wait 'Tệp đính kèm' 10
tui_keys L
tui_wait 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out2"
tui_keys Enter
tui_check "saved from the attachments too" \
    "Đã lưu kèm dữ liệu kiểm tra lâu dài \\(PAdES B-LTA\\): $tui_tmp/out2/qd-luu-tru-B-LTA.pdf" 60
t_ok "that copy verifies" "$VANTHU" verify "$tui_tmp/out2/qd-luu-tru-B-LTA.pdf"
tui_keys q q

# --- revoked before signing ---------------------------------------------
tui_keys '/'
tui_type 'chung thu da thu hoi'
tui_keys Enter Enter
tui_check "the deputy's letter is open" 'Công văn chứng thư đã thu hồi' 20
tui_check "NOT VALID: revoked before the signing time" \
    '^Chữ ký 1: .* - KHÔNG HỢP LỆ: chứng thư số đã bị thu hồi trước thời điểm ký' 60
tui_keys End
tui_check "revoked, with the date and the reason" \
    'Thu hồi: +.*: ĐÃ BỊ THU HỒI ngày [0-9/]{10} [0-9:]{8}, trước [0-3][0-9]/.*chứng thư số đã được thay thế; theo máy chủ' 10
cli=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$localedir" "$VANTHU" verify \
    "$deputy" | grep 'Kết quả: ' | sed 's/^ *//')
t_match "the same result line as vanthu verify" \
    "$(printf '%s' "$cli" | sed 's/[][().*^$+]/\\&/g')" "$(tui_screen)"
tui_keys L
tui_wait 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out"
tui_keys Enter
tui_check "no long-term copy of a revoked signature, and why" \
    'Chưa lưu: .*đã bị thu hồi ngày .*trước khi ký' 60
t_ok "nothing is written" test ! -e "$tui_tmp/out/cv-thu-hoi-B-LTA.pdf"
tui_keys q

# --- no responder reachable: unknown, said so -------------------------
admin pki '{"ocsp":"down"}' >/dev/null
tui_keys '/'
tui_type 'kiem tra khong xac dinh'
tui_keys Enter Enter
tui_check "the specialist's notice is open" 'Thông báo kiểm tra không xác định' 20
tui_check "not valid: the status cannot be found out" \
    '^Chữ ký 1: .* - KHÔNG HỢP LỆ: không xác định được chứng thư số có bị thu hồi hay không' 60
tui_keys End
tui_check "the details say no responder answered" \
    'Thu hồi: +.*KHÔNG XÁC ĐỊNH được tình trạng thu hồi' 10
t_nomatch "never 'trusted' as the verdict" 'Chữ ký 1: .* - HỢP LỆ' \
    "$(tui_screen)"
tui_keys L
tui_wait 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out"
tui_keys Enter
tui_check "no long-term copy without the status, and why" \
    'Chưa lưu: .*không xác định được tình trạng thu hồi' 90
t_ok "nothing is written" test ! -e "$tui_tmp/out/tb-kiem-tra-B-LTA.pdf"
admin pki '{"ocsp":"up"}' >/dev/null
tui_keys q

# --- the draft view: a certificate that names no responder -------------
tui_keys 3
tui_keys '/'
tui_type 'cai cach hanh chinh'
tui_keys Enter Enter
tui_check "the signed draft is open" '^-+ Trang 1/[0-9]+ -+$|^-+ Trang 1 ' 30
tui_check "its signature's line" '^Chữ ký 1: ' 60
tui_check "the draft view offers the long-term copy" 'L Lưu lâu dài' 5
tui_keys End
tui_check "revocation not checked, said so" \
    'Thu hồi: +.*chưa kiểm tra thu hồi: chứng thư số không ghi địa chỉ OCSP hay CRL nào' 10
tui_keys L
tui_wait 'Lưu bản kiểm tra lâu dài vào thư mục:' 10
tui_keys C-u
tui_type "$tui_tmp/out"
tui_keys Enter
tui_check "no long-term copy without revocation data, and why" \
    'Chưa lưu: .*không ghi địa chỉ OCSP hay CRL nào' 60
t_is "nothing else was written" "qd-luu-tru-B-LTA.pdf" \
    "$(ls "$tui_tmp/out")"
tui_keys q Q
tui_wait_exit 10
tui_stop
t_done
