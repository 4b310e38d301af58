#!/bin/sh
# vanthu convert: TCVN3 and VNI text to Unicode, detection, errors.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# TCVN3 (ABC) bytes: "Cộng hoà xã hội chủ nghĩa Việt Nam" and the motto.
printf 'C\351ng ho\265 x\267 h\351i ch\361 ngh\334a Vi\326t Nam\n\247\351c l\313p - T\371 do - H\271nh ph\363c\n' >"$tmp/tcvn3.txt"
# VNI-Windows bytes: "Ủy ban nhân dân huyện Hoằng Hóa".
printf 'U\333y ban nha\342n da\342n huye\344n Hoa\350ng Ho\371a\n' >"$tmp/vni.txt"

want_tcvn3='Cộng hoà xã hội chủ nghĩa Việt Nam
Độc lập - Tự do - Hạnh phúc'

out=$("$VANTHU" convert --from tcvn3 "$tmp/tcvn3.txt"); rc=$?
t_is "--from tcvn3 FILE exits 0" 0 "$rc"
t_is "--from tcvn3 FILE converts" "$want_tcvn3" "$out"

out=$("$VANTHU" convert <"$tmp/tcvn3.txt"); rc=$?
t_is "auto-detects TCVN3 on standard input" "$want_tcvn3" "$out"
out=$("$VANTHU" convert --from=auto - <"$tmp/tcvn3.txt")
t_is "--from=auto and '-' read standard input" "$want_tcvn3" "$out"

out=$("$VANTHU" convert -f vni "$tmp/vni.txt")
t_is "-f vni converts" "Ủy ban nhân dân huyện Hoằng Hóa" "$out"
out=$("$VANTHU" convert "$tmp/vni.txt")
t_is "auto-detects VNI" "Ủy ban nhân dân huyện Hoằng Hóa" "$out"

out=$(printf 'c\351ng ho\265\n' | "$VANTHU" convert --upper --from tcvn3)
t_is "--upper for .VnTimeH text" "CỘNG HOÀ" "$out"

# Text copied from a PDF: legacy bytes shown as Windows-1252 characters.
out=$(printf '%s\n' 'Céng hoµ x· héi chñ nghÜa ViÖt Nam – Thanh Ho¸' |
    "$VANTHU" convert)
t_is "converts TCVN3 text shown as Latin-1 (from a PDF)" \
    "Cộng hoà xã hội chủ nghĩa Việt Nam – Thanh Hoá" "$out"

# The text layer of the seed TCVN3 PDF, as mutool extracts it (ư comes
# out as '-' through WinAnsiEncoding).
seed="$top_srcdir/tests/server/seed/pdf/in-tb-hoi-nong-dan-tcvn3.pdf"
if command -v mutool >/dev/null 2>&1 && [ -f "$seed" ]; then
	out=$(mutool draw -F txt "$seed" 2>/dev/null | "$VANTHU" convert)
	t_match "converts the TCVN3 seed PDF's text" \
	    'Ban Thường vụ Hội Nông dân huyện Hoằng Hóa' "$out"
	t_match "keeps real hyphens in the seed PDF's text" '21/TB-HND' "$out"
else
	t_skip "converts the TCVN3 seed PDF's text" "no mutool or seed PDF"
	t_skip "keeps real hyphens in the seed PDF's text" "no mutool or seed PDF"
fi

# Unicode stays as it is (made NFC), with a note.
printf 'Hoa\314\206\314\200ng Ho\314\201a\n' >"$tmp/nfd.txt"
out=$("$VANTHU" convert "$tmp/nfd.txt" 2>"$tmp/err"); rc=$?
t_is "Unicode input exits 0" 0 "$rc"
t_is "Unicode input is written in NFC" "Hoằng Hóa" "$out"
t_match "Unicode input is noted" 'already in Unicode' "$(cat "$tmp/err")"
out=$(printf 'Quyet dinh 15/QD-UBND\n' | "$VANTHU" convert 2>&1)
t_is "ASCII passes unchanged and silently" "Quyet dinh 15/QD-UBND" "$out"

# Not Vietnamese: a clear message, exit status 1.
printf 'D\351j\340 vu, tr\350s \351l\351gant\n' >"$tmp/latin1.txt"
out=$("$VANTHU" convert "$tmp/latin1.txt" 2>"$tmp/err"); rc=$?
t_is "undetectable text exits 1" 1 "$rc"
t_is "undetectable text writes nothing" "" "$out"
t_match "undetectable text is explained" \
    'cannot tell the encoding of .*latin1\.txt.*--from tcvn3' \
    "$(tr '\n' ' ' <"$tmp/err")"

"$VANTHU" convert --from viscii "$tmp/vni.txt" >/dev/null 2>"$tmp/err"; rc=$?
t_is "an unknown encoding exits 2" 2 "$rc"
t_match "an unknown encoding is named" "unknown encoding 'viscii'" "$(cat "$tmp/err")"
"$VANTHU" convert a b >/dev/null 2>&1; rc=$?
t_is "two files exit 2" 2 "$rc"
"$VANTHU" convert --bogus >/dev/null 2>&1; rc=$?
t_is "an unknown option exits 2" 2 "$rc"
"$VANTHU" convert "$tmp/missing.txt" >/dev/null 2>"$tmp/err"; rc=$?
t_is "a missing file exits 1" 1 "$rc"
t_match "a missing file is named" 'cannot open .*missing\.txt' "$(cat "$tmp/err")"
out=$("$VANTHU" convert --help); rc=$?
t_is "--help exits 0" 0 "$rc"
t_match "--help shows usage" '^Usage: vanthu convert' "$out"

# In Vietnamese when the locale is vi_VN.UTF-8.
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' &&
    [ -f "$top_builddir/po/vi.gmo" -o -f "$top_srcdir/po/vi.gmo" ]; then
	gmo="$top_builddir/po/vi.gmo"
	[ -f "$gmo" ] || gmo="$top_srcdir/po/vi.gmo"
	mkdir -p "$tmp/vi/LC_MESSAGES"
	cp "$gmo" "$tmp/vi/LC_MESSAGES/vanthu.mo"
	err=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" convert \
	    "$tmp/latin1.txt" 2>&1 >/dev/null)
	t_match "the message in Vietnamese" 'không nhận biết được bảng mã' "$err"
else
	t_skip "the message in Vietnamese" "no vi_VN.UTF-8 locale or catalogue"
fi
# Control characters in the input (ESC, OSC, BEL, SO, DEL) go to files
# and pipes unchanged, but never act on a terminal.
printf '\033]0;PWN\007C\351ng ho\265\033[2J\016x\177\n' >"$tmp/esc.txt"
"$VANTHU" convert --from tcvn3 "$tmp/esc.txt" >"$tmp/esc.out"; rc=$?
t_is "control characters: exits 0" 0 "$rc"
t_ok "control characters reach a pipe unchanged" \
    grep -q "$(printf '\033\\[2J')" "$tmp/esc.out"
if [ -n "${PYTHON3:-}" ]; then
	"$PYTHON3" - "$VANTHU" "$tmp/esc.txt" "$tmp/esc.tty" <<'PY'
import os, pty, sys
vanthu, src, log = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(vanthu, [vanthu, "convert", "--from", "tcvn3", src])
data = b""
try:
    while True:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
except OSError:
    pass
os.waitpid(pid, 0)
open(log, "wb").write(data)
PY
	t_match "on a terminal the text is converted" 'Cộng hoà' \
	    "$(cat "$tmp/esc.tty")"
	t_ok "on a terminal no control character but line ends is written" \
	    "$PYTHON3" -c '
import re, sys
d = open(sys.argv[1], "rb").read()
sys.exit(1 if re.search(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", d)
         else 0)' "$tmp/esc.tty"
else
	t_skip "on a terminal the text is converted" "no python3"
	t_skip "on a terminal no control character is written" "no python3"
fi
t_done
