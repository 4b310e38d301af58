#!/bin/sh
# vanthu dossier against the reference server: open a dossier from the
# year's list, add an incoming document, an issued document (signed by
# the leader and the clerk with SoftHSM tokens) and a draft with all its
# versions, the table of contents, close, a refused change, reopen with
# a reason; the hand over folder checked by sha256sum, qpdf, pdftotext,
# pdfsig and "dossier verify", which finds a flipped byte; offline
# changes sent exactly once; two people adding at once both land.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl sha256sum pdftotext
core_setup
core_server_start --seed demo
SIGN_STATE=$tmp/srv
if [ -z "$URL" ] || [ ! -f "$SIGN_STATE/signing-ca-key.pem" ]; then
	t_skip "dossier" "the reference server did not start"
	t_done
fi
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
trust_file = $SIGN_STATE/signing-ca.pem
EOF
tok=$(api_token vanthu)
# server_dossier ID EXPR: a Python expression on the server's dossier j.
server_dossier() {
	api_get "$tok" "/dossiers/$1" | jq_py "$2"
}

# An issued document: a draft awaiting the leader's signature, signed
# by the leader, then issued by the clerk with the agency token (both
# SoftHSM tokens).  Their work directories live in $tmp: a vanthu run
# elsewhere on the machine cleans stale ones in its TMPDIR.
signed=$(api_get "$tok" "/drafts?scope=all" | jq_py \
    '[d["id"] for d in j["items"] if d["state"] in ("awaiting_signer", "approved") and d["signer"]["username"] == "chutich"][0]')
mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
echo "$TOKEN_PIN" | TMPDIR=$tmp vt draft sign "$signed" --yes --pin-stdin >>"$tmp/sign.log" 2>&1
mk_token vanthu "$tmp/tok-clerk"
vt_login vanthu >/dev/null
echo "$TOKEN_PIN" | TMPDIR=$tmp vt draft issue "$signed" --yes --pin-stdin >>"$tmp/sign.log" 2>&1
st=$(api_get "$tok" "/drafts/$signed" | jq_py 'j["state"]')
t_is "the leader and the clerk issued $signed" issued "$st"
[ "$st" = issued ] || sed 's/^/# /' "$tmp/sign.log"
# A draft with several versions (any that is not issued).
draft=$(api_get "$tok" "/drafts?scope=all" | jq_py \
    'sorted([d for d in j["items"] if d["state"] not in ("issued", "signed") and d["id"] != "'"$signed"'"], key=lambda d: -d["current_version"]["number"])[0]["id"]')
nvers=$(api_get "$tok" "/drafts/$draft" | jq_py 'len(j["versions"])')

out=$(vt dossier list --plan 2>&1); rc=$?
t_is "dossier list --plan exits 0" 0 "$rc"
t_match "the year's list has 01.05 with its retention" '^01\.05 +10 năm +Hồ sơ phòng, chống thiên tai' "$out"
t_match "and a permanent entry" 'vĩnh viễn' "$out"

out=$(vt dossier new 01.05 2>&1); rc=$?
t_is "dossier new 01.05 exits 0" 0 "$rc"
t_match "it says which dossier was opened" '^Dossier h[0-9]+ opened: 01\.05 ' "$out"
t_match "the action is named by the list's code" '^Sent: open dossier 01\.05$' "$out"
H=$(printf '%s\n' "$out" | sed -n 's/^Dossier \(h[0-9]*\) opened.*/\1/p')
t_is "the server has it open with the list's retention" "open 10 năm" \
    "$(server_dossier "$H" 'j["state"] + " " + j["retention"]')"

vt sync >/dev/null 2>&1
# Two registered documents, by their arrival numbers (số đến).
set -- $(api_get "$tok" "/incoming?limit=200" | jq_py \
    '" ".join(str(d["arrival_number"]) for d in j["items"] if d["arrival_number"])')
n1=$1 n2=$2
out=$(vt dossier add "$H" "$n1" "$signed" "$draft" 2>&1); rc=$?
t_is "dossier add (incoming by arrival number, issued, draft) exits 0" 0 "$rc"
t_is "three documents are in it" 3 "$(server_dossier "$H" 'j["item_count"]')"
t_is "the draft came with all its versions" "$nvers" \
    "$(server_dossier "$H" "[len(i['files']) for i in j['items'] if i['document_id'] == '$draft'][0]")"
t_is "the issued document is listed as outgoing" outgoing \
    "$(server_dossier "$H" "[i['kind'] for i in j['items'] if i['document_id'] == '$signed'][0]")"
out=$(vt dossier add "$H" "$signed" 2>&1); rc=$?
t_is "adding it again is harmless" 1 "$(server_dossier "$H" \
    "sum(1 for i in j['items'] if i['document_id'] == '$signed')")"
t_is "and exits 0" 0 "$rc"
t_is "it says the document is already there, not that it was sent" \
    "$signed is already in dossier $H" "$out"
# A document may be in several dossiers.
vt dossier new --title "Hồ sơ kiểm tra công tác văn thư" --retention "5 năm" 05.01 >"$tmp/o2" 2>&1
H2=$(sed -n 's/^Dossier \(h[0-9]*\) opened.*/\1/p' "$tmp/o2")
vt dossier add "$H2" "$signed" >/dev/null 2>&1
t_is "a free-standing dossier holds the same document too" 1 \
    "$(server_dossier "$H2" 'j["item_count"]')"

# Typing mistakes are said at once and nothing is queued.
out=$(LANGUAGE= vt dossier new --title "Thử" --retention "7 tháng" 05.09 2>&1); rc=$?
t_is "a retention period that is none is a usage error" 2 "$rc"
t_match "it says what a retention period is" 'number of years .*vĩnh viễn' "$out"
out=$(LANGUAGE= vt dossier new --title "Thử" --retention "5 năm" 05/09 2>&1); rc=$?
t_is "a code that is none is a usage error" 2 "$rc"
t_match "it names the code" '05/09 is not a dossier code' "$out"
out=$(LANGUAGE= vt dossier new --title "Thử" --retention "5 năm" \
    --start-date 31/02/2026 05.09 2>&1); rc=$?
t_is "a date that does not exist is a usage error" 2 "$rc"
out=$(LANGUAGE= vt dossier add "$H" h1 2>&1); rc=$?
t_is "a dossier is no document to add" 2 "$rc"
t_match "it says what may be added" 'h1 is not a document' "$out"
out=$(LANGUAGE= vt dossier close "$H" --end-date 01/01/2020 2>&1); rc=$?
t_is "an end date before the start is refused at once" 2 "$rc"
t_match "with both dates" 'end date 01/01/2020 is before .* start date' "$out"
t_is "none of them reached the outbox" "" "$(vt outbox 2>&1 | grep -i dossier)"
t_is "the server has no dossier 05.09" 0 "$(api_get "$tok" /dossiers | \
    jq_py 'sum(1 for d in j["items"] if d["code"] in ("05.09", "05/09"))')"
# Typed without marks, in the person's own words.
out=$(LANGUAGE= vt dossier new --title "Hồ sơ thử" --retention "vinh vien" \
    --start-date 02/01/2026 05.09 2>&1); rc=$?
t_is "'vinh vien' and a dd/mm/yyyy date are taken" 0 "$rc"
H3=$(printf '%s\n' "$out" | sed -n 's/^Dossier \(h[0-9]*\) opened.*/\1/p')
t_is "as the server writes them" "vĩnh viễn 2026-01-02" \
    "$(server_dossier "$H3" 'j["retention"] + " " + j["start_date"]')"

out=$(LANGUAGE= vt dossier show "$H" 2>&1); rc=$?
t_is "dossier show exits 0" 0 "$rc"
t_match "the table has Decree 30's columns" '^No\. +Number, notation +Date +Author +Subject +Page +Notes' "$out"
t_match "dates are dd/mm/yyyy" '^1 .* [0-3][0-9]/[01][0-9]/20[0-9][0-9] ' "$out"
t_match "the incoming document's row names its arrival number" "Văn bản đến số $n1" "$out"

out=$(vt dossier close "$H" 2>&1); rc=$?
t_is "dossier close exits 0" 0 "$rc"
pages=$(server_dossier "$H" 'sum(i["page_amount"] for i in j["items"])')
t_is "closing recorded the page count" "closed $pages" \
    "$(server_dossier "$H" 'j["state"] + " " + str(j["page_count"])')"
t_match "and the end date" '^20[0-9][0-9]-[01][0-9]-[0-3][0-9]$' \
    "$(server_dossier "$H" 'j["end_date"]')"
out=$(vt dossier remove "$H" "$draft" 2>&1); rc=$?
t_is "a change to the closed dossier is refused (exit 5)" 5 "$rc"
t_match "it says why" 'was closed on [0-3][0-9]/[01][0-9]/20[0-9]{2}' "$out"
t_is "nothing was queued for it" "" "$(vt outbox 2>&1 | grep -i dossier)"
t_is "the server still has three documents" 3 "$(server_dossier "$H" 'j["item_count"]')"

vt_login chuyenvien1 >/dev/null
out=$(vt dossier reopen "$H" "Bổ sung" 2>&1); rc=$?
t_is "a specialist cannot reopen (exit 5)" 5 "$rc"
vt_login vanthu >/dev/null
out=$(vt dossier reopen "$H" "Bổ sung biên bản kiểm tra hiện trường" 2>&1); rc=$?
t_is "the clerk reopens with a reason" 0 "$rc"
t_is "the reason is in the history" "reopened Bổ sung biên bản kiểm tra hiện trường" \
    "$(server_dossier "$H" 'j["history"][-1]["action"] + " " + j["history"][-1]["note"]')"
out=$(LANGUAGE= vt dossier show "$H" 2>&1)
t_match "dossier show lists the reopening" 'reopened' "$out"
vt dossier close "$H" >/dev/null 2>&1
t_is "closed again" closed "$(server_dossier "$H" 'j["state"]')"

# The hand over folder.
out=$(vt dossier export "$H" "$tmp/nop-luu" 2>&1); rc=$?
t_is "dossier export exits 0" 0 "$rc"
nfiles=$(server_dossier "$H" 'sum(len(i["files"]) for i in j["items"])')
t_is "one PDF per file of the dossier" "$nfiles" \
    "$(ls "$tmp/nop-luu" | grep -c '^[0-9][0-9][0-9]-.*\.pdf$')"
t_ok "sha256sum -c accepts the manifest" sh -c \
    "cd '$tmp/nop-luu' && sha256sum -c --strict manifest.sha256"
t_is "the manifest lists every other file" \
    "$(ls "$tmp/nop-luu" | grep -v manifest.sha256 | sort)" \
    "$(awk '{print $2}' "$tmp/nop-luu/manifest.sha256" | sort)"
# The exported PDFs are the server's bytes.
same=yes
for f in $(server_dossier "$H" '" ".join("%03d-%s%s=%s" % (i["no"], i["document_id"], "" if len(i["files"]) == 1 else "-%d" % (k + 1), x["attachment_id"]) for i in j["items"] for k, x in enumerate(i["files"]))'); do
	curl -s --cacert "$CA" -H "Authorization: Bearer $tok" \
	    -o "$tmp/srvcopy.pdf" "$URL/api/v1/attachments/${f#*=}"
	cmp -s "$tmp/srvcopy.pdf" "$tmp/nop-luu/${f%%=*}.pdf" || same=no
done
t_is "every exported PDF is byte for byte the server's" yes "$same"
issued_pdf=$(ls "$tmp/nop-luu" | grep -- "-$signed" | tail -n 1)
mkdir -p "$tmp/nss"
certutil -N --empty-password -d "sql:$tmp/nss" >/dev/null 2>&1
certutil -A -n signing-ca -t "CT,C,C" -i "$SIGN_STATE/signing-ca.pem" \
    -d "sql:$tmp/nss"
t_match "pdfsig finds the exported issued document's signatures valid" \
    'Signature is Valid' "$(pdfsig -nssdir "sql:$tmp/nss" "$tmp/nop-luu/$issued_pdf" 2>&1)"
t_ok "qpdf --check accepts the table of contents PDF" qpdf --check "$tmp/nop-luu/muc-luc.pdf"
toc=$(pdftotext -layout "$tmp/nop-luu/muc-luc.pdf" - 2>/dev/null)
t_match "the PDF's heading is Vietnamese text" 'MỤC LỤC VĂN BẢN' "$toc"
t_match "with Decree 30's column headings" 'Trích yếu nội dung văn bản' "$toc"
t_match "and the rows' dates dd/mm/yyyy" '[0-3][0-9]/[01][0-9]/20[0-9][0-9]' "$toc"
fonts=$(pdffonts "$tmp/nop-luu/muc-luc.pdf" 2>&1)
t_match "the embedded fonts are subsets of Liberation Serif" \
    '^[A-Z]{6}\+LiberationSerif(Regular)? +CID TrueType +Identity-H +yes +yes +yes' "$fonts"
t_match "the bold one too" \
    '^[A-Z]{6}\+LiberationSerifBold +CID TrueType +Identity-H +yes +yes +yes' "$fonts"
t_ok "so the table of contents stays small (under 64 KB)" \
    test "$(wc -c <"$tmp/nop-luu/muc-luc.pdf")" -lt 65536
# Every row's subject comes back as text (the subsets hold its letters).
subj=$(server_dossier "$H" '"\n".join(i["subject"] for i in j["items"])')
tocflat=$(pdftotext "$tmp/nop-luu/muc-luc.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ')
missing=$(printf '%s\n' "$subj" | while IFS= read -r s; do
	w=$(printf '%s' "$s" | cut -d' ' -f1-5)
	case $tocflat in *"$w"*) ;; *) echo "$w" ;; esac
done)
t_is "pdftotext gives back the start of every subject" "" "$missing"
t_match "the CSV has the Vietnamese headings" \
    '^.?Số TT,"Số, ký hiệu văn bản",Ngày tháng văn bản,Tác giả văn bản,Trích yếu nội dung văn bản,Tờ số,Ghi chú' \
    "$(head -n 1 "$tmp/nop-luu/muc-luc.csv")"
t_is "the CSV has one row per document" 4 \
    "$("$PYTHON3" -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' "$tmp/nop-luu/muc-luc.csv")"
out=$(vt dossier export "$H" "$tmp/nop-luu" 2>&1); rc=$?
t_is "exporting into a non-empty folder is refused" 1 "$rc"

out=$(LANGUAGE= vt dossier verify "$tmp/nop-luu" 2>&1); rc=$?
t_is "dossier verify of the folder exits 0" 0 "$rc"
t_match "it reports the issued document's two valid signatures" \
    "$issued_pdf +intact \(2 valid signatures\)" "$out"
t_match "and that the folder is intact" 'The folder is intact' "$out"

# Another CA's list of trusted certificates: the signatures are intact
# but their signers are not trusted, and verify says just that.
out=$(LANGUAGE= vt dossier verify --trust-file "$CA" "$tmp/nop-luu" 2>&1); rc=$?
t_is "untrusted signers fail the check (exit 6)" 6 "$rc"
t_match "the issued document's signer is named as not trusted" \
    "$issued_pdf +SIGNER NOT TRUSTED: the signature is intact, but" "$out"
out=$(LANGUAGE= vt dossier verify --trust-file /nonexistent "$tmp/nop-luu" 2>&1); rc=$?
t_is "an unreadable trust file stops the check (exit 1)" 1 "$rc"
t_match "it names the file once" '^vanthu dossier verify: .*/nonexistent' "$out"

# A document signed with SHA-1 (as older tools did) whose bytes are as
# exported: the signature is not accepted, and verify does not call the
# file tampered with.
cp -r "$tmp/nop-luu" "$tmp/weak"
weak=$(ls "$tmp/weak" | grep -E -- "-$draft(-1)?\.pdf$")
$PYTHON3 "$top_srcdir/tests/tools/mksig" "$tmp/weak/$weak" "$tmp/weak.pdf" \
    --field S1 --key "$SIGN_STATE/signing-ca-key.pem" \
    --cert "$SIGN_STATE/signing-ca.pem" --md sha1
mv "$tmp/weak.pdf" "$tmp/weak/$weak"
(cd "$tmp/weak" && grep -v " $weak\$" manifest.sha256 >m.tmp &&
    sha256sum "$weak" >>m.tmp && mv m.tmp manifest.sha256)
out=$(LANGUAGE= vt dossier verify "$tmp/weak" 2>&1); rc=$?
t_is "a SHA-1 signature fails the check (exit 6)" 6 "$rc"
t_match "it is not accepted, for its hash" \
    "$weak +SIGNATURE NOT ACCEPTED: the signature uses the hash SHA1, which is not allowed" "$out"
t_match "and the file is not called changed" \
    "$weak .*the file is unchanged since the export.*signed again" "$out"
t_is "the rest of the folder is intact" 1 \
    "$(printf '%s\n' "$out" | grep -c 'NOT ACCEPTED\|BAD\|CHANGED\|MISSING\|NOT TRUSTED')"

# One byte flipped inside the signed range of the issued document.
cp -r "$tmp/nop-luu" "$tmp/flip"
"$PYTHON3" - "$tmp/flip/$issued_pdf" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[200] ^= 0x01
open(p, "wb").write(b)
EOF
out=$(LANGUAGE= vt dossier verify "$tmp/flip" 2>&1); rc=$?
t_is "dossier verify finds the flipped byte (exit 6)" 6 "$rc"
t_match "it names the changed file" "$issued_pdf +CHANGED" "$out"
t_match "and counts one problem" '^1 problem found' "$out"
# A file added to the folder, and one removed.
cp -r "$tmp/nop-luu" "$tmp/extra"
echo x >"$tmp/extra/ghi-chu.txt"
rm "$tmp/extra/muc-luc.csv"
out=$(LANGUAGE= vt dossier verify "$tmp/extra" 2>&1); rc=$?
t_is "a missing and an extra file fail the check" 6 "$rc"
t_match "the extra file is named" 'ghi-chu.txt +NOT IN THE MANIFEST' "$out"
t_match "the missing file is named" 'muc-luc.csv +MISSING' "$out"

# Offline: the change waits in the outbox and is sent exactly once,
# even when the server's answer is lost on the way.
vt dossier reopen "$H" "Thêm văn bản" >/dev/null 2>&1
core_server_stop
out=$(vt dossier add "$H" "$n2" 2>&1); rc=$?
t_is "offline, dossier add exits 3" 3 "$rc"
t_match "the outbox holds it" "add i[0-9]+ to dossier $H" "$(vt outbox 2>&1)"
core_server_start
tok=$(api_token vanthu)
fault '{"kind": "drop", "path_prefix": "/api/v1/dossiers/", "method": "POST", "count": 1}'
vt outbox flush >/dev/null 2>&1
vt outbox flush >/dev/null 2>&1
faults_clear
t_is "the queued addition landed" 4 "$(server_dossier "$H" 'j["item_count"]')"
t_is "exactly once (one 'added' step for it)" 4 \
    "$(server_dossier "$H" 'sum(1 for h in j["history"] if h["action"] == "added")')"
t_is "the outbox is empty" "" "$(vt outbox 2>&1 | grep -i dossier)"

# Two people add to the same dossier at the same moment.
for u in chuyenvien1 chuyenvien2; do
	mkdir -p "$tmp/$u/state" "$tmp/$u/cache"
	XDG_STATE_HOME=$tmp/$u/state XDG_CACHE_HOME=$tmp/$u/cache vt_login $u >/dev/null
done
XDG_STATE_HOME=$tmp/chuyenvien1/state XDG_CACHE_HOME=$tmp/chuyenvien1/cache \
    vt dossier add "$H" i20 i21 >"$tmp/a1" 2>&1 &
p1=$!
XDG_STATE_HOME=$tmp/chuyenvien2/state XDG_CACHE_HOME=$tmp/chuyenvien2/cache \
    vt dossier add "$H" i22 i23 >"$tmp/a2" 2>&1 &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
t_is "both processes succeed" "0 0" "$rc1 $rc2"
t_is "both additions landed" "i20 i21 i22 i23" \
    "$(server_dossier "$H" '" ".join(sorted(i["document_id"] for i in j["items"] if i["document_id"] in ("i20", "i21", "i22", "i23")))')"

# Taking a document out of the open dossier: the document stays, the
# history says who took it out.
out=$(LANGUAGE= XDG_STATE_HOME=$tmp/chuyenvien1/state XDG_CACHE_HOME=$tmp/chuyenvien1/cache \
    vt dossier remove "$H" i20 2>&1); rc=$?
t_is "dossier remove exits 0" 0 "$rc"
t_is "i20 is out of the dossier" "" \
    "$(server_dossier "$H" '" ".join(i["document_id"] for i in j["items"] if i["document_id"] == "i20")')"
t_is "the history names the removal" "removed i20" \
    "$(server_dossier "$H" 'j["history"][-1]["action"] + " " + j["history"][-1]["note"]')"
t_is "the document itself stays" i20 "$(api_get "$tok" /incoming/i20 | jq_py 'j["id"]')"

# The others' changes reach this offline copy with 'vanthu sync'
# (which fetches only what changed).
out=$(vt dossier show "$H" --offline 2>&1)
t_nomatch "before the sync the offline copy lacks them" '\[i23\]' "$out"
out=$(LANGUAGE= VANTHU_HTTP_STATS=1 vt sync 2>&1); rc=$?
t_is "vanthu sync exits 0" 0 "$rc"
t_match "it says a dossier was updated" '^Work dossiers: 1 updated\.' "$out"
out=$(LANGUAGE= VANTHU_HTTP_STATS=1 vt sync 2>&1)
t_match "a second sync has nothing new" '^Up to date\.' "$out"
t_match "and asks the server once (its sync answer says no dossier changed)" 'requests=1 ' "$out"
out=$(VANTHU_HTTP_STATS=1 vt inbox 2>&1 >/dev/null)
t_match "the inbox's own refresh stays one request" 'requests=1 ' "$out"

# Offline reading: the cached copy.
core_server_stop
out=$(vt dossier show "$H" --offline 2>&1); rc=$?
t_is "dossier show --offline reads the cached copy" 0 "$rc"
t_match "with its table of contents" "Văn bản đến số $n1" "$out"
t_match "and the others' additions" '\[i23\]' "$out"
t_done
