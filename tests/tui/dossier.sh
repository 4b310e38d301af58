#!/bin/sh
# Work dossiers in the interface, as the clerk: open a dossier from the
# year's list (6, N), add an incoming document and a draft from their
# own views with H (a picker of open dossiers), the table of contents
# in Decree 30's columns, close (C) with confirmation, a refused change
# (D), reopen (R) with a reason that the history (h) and the server
# keep; then the same screen in Vietnamese.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/tui/tui-lib.sh"

if ! tui_have_tmux; then
	t_skip "terminal tests" "tmux is not installed"
	t_done
fi
if ! tui_refserver; then
	t_ok "the reference server starts" false
	t_done
fi
tui_config "trust_file = $tui_state/signing-ca.pem"
# server_dossier EXPR [ID]: a Python expression on the server's dossier
# ID (default h1).
server_dossier() {
	tok=$(curl -s --cacert "$tui_state/tls-ca.pem" \
	    "$tui_url/api/v1/auth/login" -H 'Content-Type: application/json' \
	    -d '{"username":"vanthu","password":"vanthu-2026"}' |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
	curl -s --cacert "$tui_state/tls-ca.pem" \
	    -H "Authorization: Bearer $tok" "$tui_url/api/v1/dossiers/${2:-h1}" |
	    python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# server_add USER DOC: USER adds DOC to h1 on the server; prints its id.
server_add() {
	tok=$(curl -s --cacert "$tui_state/tls-ca.pem" \
	    "$tui_url/api/v1/auth/login" -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$1\",\"password\":\"$1-2026\"}" |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
	curl -s --cacert "$tui_state/tls-ca.pem" \
	    -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	    -d "{\"document_id\":\"$2\"}" "$tui_url/api/v1/dossiers/h1/items" |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

tui_start 120 30 LC_ALL=C.UTF-8 -- ui --user vanthu
t_ok "log in" tui_login vanthu vanthu-2026
tui_keys '?'
tui_check "the lists' help names the dossiers' key" '^6 +Dossiers +show the work dossiers'
tui_keys q
tui_keys 6
tui_check "6 shows the work dossiers" 'Work dossiers'
tui_check "none yet" 'No dossier yet: press N'
tui_keys N
tui_check "N shows the year's dossier list" 'Dossier list of 20[0-9]{2}: choose'
tui_check "with its retention periods" '^01\.05 +10 năm +Hồ sơ phòng, chống thiên tai'
tui_keys / ; tui_type '01.05'; tui_keys Enter Enter
tui_check "opening asks first" 'Open dossier 01\.05 "Hồ sơ phòng, chống thiên tai.*\(y = yes'
tui_keys y
tui_check "the dossier is opened on the server" 'Dossier opened' 30
tui_check "and listed" '^01\.05 +open +[0-3][0-9]/[01][0-9]/20[0-9]{2} +0 Hồ sơ phòng' 30

# A dossier outside the list: each answer is checked as it is typed and
# offered again when it is not right.
tui_keys N
tui_wait 'Dossier list of 20' 15
tui_keys End Enter
tui_check "outside the list, the code is asked" '^Code \(as 05\.09\):'
tui_type '05/09'
tui_keys Enter
tui_check "a code that is none is asked again, as typed" \
    '^Not a code: a section and an order, as 05\.09: 05/09'
tui_keys C-u
tui_type '05.09'
tui_keys Enter
tui_check "then the title" '^Title:'
tui_type 'Hồ sơ kiểm tra công tác văn thư'
tui_keys Enter
tui_check "then the retention period" '^Retention \(5 năm'
tui_type '7 thang'
tui_keys Enter
tui_check "a period that is none is asked again" '^Not a retention period: .*: 7 thang'
tui_keys C-u
tui_type 'vinh vien'
tui_keys Enter
tui_check "the free-standing dossier is listed" '^05\.09 +open .* 0 Hồ sơ kiểm tra công tác văn thư' 30
t_is "the server keeps it permanent, as it writes it" "05.09 vĩnh viễn" \
    "$(server_dossier 'j["code"] + " " + j["retention"]' h2)"

# An incoming document, from its own view.
tui_keys q
tui_wait 'Incoming' 10
tui_keys / ; tui_type '2815'; tui_keys Enter Enter
tui_check "a document is open" '^Number, notation: 2815/QĐ-UBND' 10
tui_keys H
tui_check "H offers the open dossiers" 'Add i[0-9]+ to the dossier:'
tui_check "01.05 among them" '^01\.05 +open '
tui_keys Enter
tui_check "the document is added" 'Added to the dossier' 30
# A draft, from the draft view (the clerk's drafts to issue).
tui_keys q 3
tui_wait 'To sign|Drafts' 10
tui_keys Enter
tui_check "a draft is open" 'Version|version' 15
tui_keys H
tui_check "H in the draft view too" 'Add d[0-9]+ to the dossier:'
tui_keys Enter
tui_check "the draft is added" 'Added to the dossier' 30
t_is "the server has both" "2" "$(server_dossier 'j["item_count"]')"

# The table of contents.
tui_keys q 6
tui_check "back in the dossiers" 'Work dossiers'
tui_check "the count follows" '^01\.05 +open .* +2 Hồ sơ' 30
tui_keys Enter
tui_check "the table has Decree 30's columns" 'No\. +Number, notation +Date +Author +Subject +Page +Notes'
tui_check "the incoming document's row" '^ +[12] 2815/QĐ-UBND +[0-3][0-9]/[01][0-9]/20[0-9]{2} '
tui_check "the draft's row says its versions" 'Dự thảo, [0-9] phiên'

# Close, a refused change, reopen with a reason.
tui_keys C
tui_check "closing asks, with the counts" 'Close dossier 01\.05 \(2 documents, [0-9]+ pages\)'
tui_keys y
tui_check "the dossier is closed" 'Closed: from [0-3][0-9]/[01][0-9]/20[0-9]{2} to [0-3][0-9]/[01][0-9]/20[0-9]{2}, [0-9]+ pages' 30
t_is "the server closed it" closed "$(server_dossier 'j["state"]')"
tui_keys D
tui_check "a change is refused at once" 'was closed on [0-3][0-9]/[01][0-9]/20[0-9]{2}'
t_is "nothing left the interface" 2 "$(server_dossier 'j["item_count"]')"
tui_keys R
tui_check "reopening asks for the reason" '^Reason for reopening:'
tui_type 'Bổ sung biên bản kiểm tra'
tui_keys Enter
tui_check "the dossier is reopened" 'Open since [0-3][0-9]/[01][0-9]/20[0-9]{2}, 2 documents' 30
t_is "the server keeps the reason" "reopened Bổ sung biên bản kiểm tra" \
    "$(server_dossier 'j["history"][-1]["action"] + " " + j["history"][-1]["note"]')"
tui_keys h
tui_check "the history shows the reason" 'Bổ sung biên bản kiểm tra'
tui_check "and who reopened it" 'reopened +Trần Thị Mai'

# The hand over folder (x), checked as it is written: the interface's
# count agrees with 'vanthu dossier verify'.
tui_keys q x
tui_check "x says the dossier is still open and asks where" \
    'still open; write its folder as it is now to:'
tui_keys C-u
tui_type "$tui_tmp/nop-luu"
tui_keys Enter
tui_check "the folder is written" "Written to $tui_tmp/nop-luu" 30
cli=$(LANGUAGE= "$VANTHU" dossier verify "$tui_tmp/nop-luu" 2>&1)
nfiles=$(printf '%s\n' "$cli" | sed -n 's/^The folder is intact: \([0-9]*\) files checked\.$/\1/p')
nbad=$(printf '%s\n' "$cli" | sed -n 's/^\([0-9]*\) problems\{0,1\} found\.$/\1/p')
if [ -n "$nfiles" ]; then
	tui_check "and checked: as many files intact as the command line says" \
	    "Written to $tui_tmp/nop-luu and checked: $nfiles files intact"
else
	tui_check "and checked: as many problems as the command line says" \
	    "Written to $tui_tmp/nop-luu, with ${nbad:-?} problems?:"
fi
t_is "the folder holds every file of the dossier, one PDF each" \
    "$(server_dossier 'sum(len(i["files"]) for i in j["items"])')" \
    "$(ls "$tui_tmp/nop-luu" | grep -c '^[0-9][0-9][0-9]-.*\.pdf$')"

# A colleague adds a document meanwhile; the sync key in the inbox
# brings it into the offline copy of the dossier too.
tui_keys q q
tui_wait 'Incoming' 10
t_is "a colleague adds i50 on the server" h1 "$(server_add chuyenvien1 i50)"
tui_keys g
tui_check "the sync counts the dossier it renewed" 'Work dossiers: [1-9][0-9]* updated' 30
tui_keys Q
tui_wait_exit 10

# In Vietnamese: the same table with Vietnamese headings.
if localedir=$(tui_vi_localedir); then
	tui_start 120 30 LC_ALL=vi_VN.UTF-8 LANGUAGE=vi \
	    VANTHU_LOCALEDIR="$localedir" -- ui --user vanthu --offline
	tui_wait 'Văn bản đến|Đăng nhập' 15
	tui_keys 6
	tui_check "the list is Hồ sơ công việc" 'Hồ sơ công việc'
	tui_check "offline, the copy counts the colleague's document" '^01\.05 .* 3 Hồ sơ phòng'
	tui_keys Enter
	tui_check "the headings are Vietnamese" 'Số TT +Số, ký hiệu +Ngày +Tác giả +Trích yếu +Tờ số +Ghi chú'
	tui_check "the state line too" 'Đang mở từ [0-3][0-9]/[01][0-9]/20[0-9]{2}'
	tui_check "and its row is in the table" '57/GM-UBND'
	tui_keys q q Q
else
	t_skip "Vietnamese screens" "no vi_VN.UTF-8 locale or catalogue"
fi
t_done
