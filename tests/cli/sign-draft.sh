#!/bin/sh
# vanthu draft sign against the reference server: the leader's personal
# signature; the clerk's draft sign refused in favour of draft issue,
# which adds the number, the date and the agency signature; the server
# accepts both
# (its own pdfsig and openssl checks, docs/api.md section 8).  Refusals
# upload nothing; a failed upload stays in the outbox.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed demo
SIGN_STATE=$tmp/srv
if [ -z "$URL" ] || [ ! -f "$SIGN_STATE/signing-ca-key.pem" ]; then
	t_skip "draft sign" "the reference server did not start"
	t_done
fi
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$SIGN_STATE/signing-ca.pem" \
    -d "sql:$tmp/nss"
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
trust_file = $SIGN_STATE/signing-ca.pem
EOF
base_config=$(cat "$XDG_CONFIG_HOME/vanthu/config")

# state ID: the draft's state as the server sees it.
state() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py 'j["state"]'
}
# fetch_version ID N FILE: download version N (1-based) of draft ID.
fetch_version() {
	fv_tok=$(api_token chutich)
	fv_att=$(api_get "$fv_tok" "/drafts/$1" |
	    jq_py "j['versions'][$2 - 1]['attachment_id']")
	curl -s --cacert "$CA" -H "Authorization: Bearer $fv_tok" \
	    -o "$3" "$URL/api/v1/attachments/$fv_att"
}
nversions() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py 'len(j["versions"])'
}

# The leader: personal signature on d1 (awaiting its signer).
mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
n1=$(nversions d1)
fetch_version d1 "$n1" "$tmp/d1-before.pdf"
server_hash=$(api_get "$(api_token chutich)" /drafts/d1 |
    jq_py 'j["current_version"]["sha256"]')
out=$(echo "$TOKEN_PIN" | vt draft sign d1 --yes --pin-stdin 2>"$tmp/err"); rc=$?
t_is "draft sign d1 (leader) exits 0" 0 "$rc"
t_match "it shows the subject" 'Subject: +Về việc thành lập Ban Chỉ huy' "$out"
t_match "it shows the number" 'Number: +.*QĐ-UBND' "$out"
t_match "it shows the page count" 'Version: +[0-9]+ \(draft\), 1 pages' "$out"
t_match "it shows the server's hash prefix" \
    "SHA-256 $(printf '%.16s' "$server_hash")" "$out"
t_match "it shows the certificate" \
    'Certificate: +UID=chutich,CN=Nguyễn Văn Hùng' "$out"
t_match "it verified the result before sending" 'Verified: every signature' "$out"
t_match "it was sent" 'Sent: signature on draft d1' "$out"
t_is "the server moved d1 to signed" signed "$(state d1)"
fetch_version d1 "$((n1 + 1))" "$tmp/d1-signed.pdf"
check_signature "d1 personal (as stored by the server)" "$tmp/d1-signed.pdf" 1 \
    "$tmp/d1-before.pdf"
# Decree 30: the signature sits between the page's position line and
# the signer's name.
between=$("$PYTHON3" - "$tmp/d1-signed.pdf" <<'EOF'
import re, subprocess, sys
f = sys.argv[1]
words = subprocess.run(["pdftotext", "-bbox", f, "-"], capture_output=True,
                       text=True).stdout
def word(w):
    m = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">%s<' % w,
                   words)
    return [float(x) for x in m[-1]]
qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", f, "-"],
                     capture_output=True).stdout
rect = [float(x) for x in re.findall(rb"/Rect \[\s*([\d.\s]+)\]", qdf)[-1].split()]
height = float(re.findall(rb"/MediaBox \[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)",
                          qdf)[0])
top, bottom = height - rect[3], height - rect[1]
print(word("TỊCH")[1] <= top + 0.5 and bottom <= word("Hùng")[0] + 0.5)
EOF
)
t_is "the signature sits between CHỦ TỊCH and the name" True "$between"
t_match "the server lists the personal signature" "'username': 'chutich'" \
    "$(api_get "$(api_token chutich)" /drafts/d1 |
    jq_py 'j["current_version"]["signatures"]')"

# A signed draft's text no longer changes: annotating it is refused
# before anything is queued or sent (the interface's rule, in the core).
nnotes() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py 'len(j["annotations"])'
}
notes_before=$(nnotes d1)
out=$(vt draft annotate d1 --page 1 'Sửa lại câu này' 2>&1); rc=$?
t_is "draft annotate on the signed d1 is refused (exit 5)" 5 "$rc"
t_match "it says why" \
    'draft d1 is signed: its text no longer changes, so it takes no annotations' \
    "$out"
t_is "no annotation reached the server" "$notes_before" "$(nnotes d1)"
t_is "no annotation waits in the outbox" "The outbox is empty." \
    "$(vt outbox 2>&1)"
gmo=$top_builddir/po/vi.gmo
[ -f "$gmo" ] || gmo=$top_srcdir/po/vi.gmo
mkdir -p "$tmp/loc/vi/LC_MESSAGES"
cp "$gmo" "$tmp/loc/vi/LC_MESSAGES/vanthu.mo" 2>/dev/null
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" \
	    vt draft annotate d1 --page 1 'Sửa lại câu này' 2>&1); rc=$?
	t_is "in Vietnamese too it exits 5" 5 "$rc"
	t_match "the refusal of the annotation is in Vietnamese" \
	    'dự thảo d1 đã ký số: nội dung không còn thay đổi nên không nhận góp ý nữa' \
	    "$out"
else
	t_skip "the refusal of the annotation is in Vietnamese" "no vi_VN.UTF-8 locale"
fi
# A draft still in review takes one (the rule refuses only the signed).
out=$(vt draft annotate d2 --page 1 'Sửa lại câu này' 2>&1); rc=$?
t_is "draft annotate on d2 (in review) exits 0" 0 "$rc"

# The clerk: draft sign does not make the agency signature (the number
# and date would not be in the document); it points at draft issue,
# which numbers it, signs on top and issues it.
mk_token vanthu "$tmp/tok-clerk"
vt_login vanthu >/dev/null
n_before=$(nversions d1)
out=$(echo "$TOKEN_PIN" | vt draft sign d1 --yes --pin-stdin 2>&1); rc=$?
t_is "draft sign d1 (clerk, signed draft) is refused (exit 5)" 5 "$rc"
t_match "it points at draft issue" \
    'd1 is signed by its signer: number it, add the agency signature and send it with vanthu draft issue d1' \
    "$out"
out=$(echo "$TOKEN_PIN" | vt draft sign d1 --agency --yes --pin-stdin 2>&1); rc=$?
t_is "draft sign --agency is a usage error (exit 2)" 2 "$rc"
t_match "... pointing at draft issue" 'use vanthu draft issue ID' "$out"
t_is "nothing was uploaded" "$n_before" "$(nversions d1)"
t_is "nothing was reserved" None "$(api_get "$(api_token vanthu)" /drafts/d1 |
    jq_py 'j.get("reservation")')"
t_is "d1 is still signed" signed "$(state d1)"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' && [ -f "$gmo" ]; then
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR="$tmp/loc" \
	    vt draft sign d1 --yes --pin-stdin 2>&1 </dev/null)
	t_match "the refusal is in Vietnamese" \
	    'd1 đã được người ký ký số: .*vanthu draft issue d1' "$out"
else
	t_skip "the refusal is in Vietnamese" "no vi_VN.UTF-8 locale"
fi
out=$(echo "$TOKEN_PIN" | vt draft issue d1 --yes --pin-stdin 2>"$tmp/err"); rc=$?
t_is "draft issue d1 (clerk) exits 0" 0 "$rc"
t_match "the clerk makes the agency signature" 'Signature: +agency' "$out"
t_match "with the agency certificate" 'UID=AGENCY:000\.31\.22\.H56' "$out"
t_is "the server issued d1" issued "$(state d1)"
t_match "the server numbered it" '^[0-9]{2,}$' \
    "$(api_get "$(api_token chutich)" /drafts/d1 | jq_py 'j["code_number"]')"
fetch_version d1 "$(nversions d1)" "$tmp/d1-issued.pdf"
check_signature "d1 agency" "$tmp/d1-issued.pdf" 2 "$tmp/d1-signed.pdf"
check_signature "d1 personal after agency" "$tmp/d1-issued.pdf" 1 \
    "$tmp/d1-before.pdf"
out=$(vt verify "$tmp/d1-issued.pdf"); rc=$?
t_is "vanthu verify of the issued draft exits 0" 0 "$rc"

# Refusals upload nothing.
vt_login chutich >/dev/null
n9=$(nversions d9)
use_token "$tmp/tok-leader"
out=$(echo "$TOKEN_PIN" | vt draft sign d2 --yes --pin-stdin 2>&1); rc=$?
t_is "signing a draft still in review exits 5" 5 "$rc"
t_match "it says the draft is not waiting for its signer" \
    'not waiting for its signer' "$out"
out=$(echo "$TOKEN_PIN" | vt draft sign d9 --pin-stdin 2>&1 </dev/null); rc=$?
t_is "no terminal and no --yes is a usage error (exit 2)" 2 "$rc"
t_match "it says to give --yes" 'give --yes' "$out"
out=$(echo 000000 | vt draft sign d9 --yes --pin-stdin 2>&1); rc=$?
t_is "a wrong PIN exits 6" 6 "$rc"
t_is "d9 is still awaiting its signer" awaiting_signer "$(state d9)"
t_is "d9 has no new version" "$n9" "$(nversions d9)"
t_is "nothing is in the outbox" "The outbox is empty." "$(vt outbox 2>&1)"
printf '%s\n' "$base_config" | grep -v trust_file >"$XDG_CONFIG_HOME/vanthu/config"
out=$(echo "$TOKEN_PIN" | vt draft sign d9 --yes --pin-stdin 2>&1); rc=$?
t_is "without trust_file draft sign refuses (exit 1)" 1 "$rc"
t_match "it says to set trust_file" 'set trust_file' "$out"
printf '%s\n' "$base_config" >"$XDG_CONFIG_HOME/vanthu/config"

# The server fails on the upload: the signed file waits in the outbox
# and is sent by the next flush.
fault '{"path_prefix": "/api/v1/drafts/d9/versions", "method": "POST", "kind": "status", "status": 503, "retry_after": 0, "count": -1}'
out=$(echo "$TOKEN_PIN" | vt draft sign d9 --yes --pin-stdin 2>&1); rc=$?
t_is "an upload the server cannot take now exits 3" 3 "$rc"
t_match "it is kept in the outbox" 'kept' "$out"
t_is "d9 is not signed yet" awaiting_signer "$(state d9)"
faults_clear
t_match "the signed upload waits in the outbox" 'signature on draft d9' \
    "$(vt outbox 2>&1)"
out=$(vt outbox flush 2>&1); rc=$?
t_is "outbox flush exits 0" 0 "$rc"
t_is "the queued signed upload was accepted" signed "$(state d9)"
t_done
