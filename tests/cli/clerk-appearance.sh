#!/bin/sh
# The Decree 30 appearance of the personal and agency signatures, as
# pdftotext, qpdf and pdftoppm see it: the text inside the PDF is
# Vietnamese whatever the locale and real text (a small font subset);
# the seal sits left of the personal signature and covers about its
# left third; without images no text overlaps; the seal is drawn at its
# real size (the image's resolution, or seal_diameter_mm).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require pdftotext pdftoppm
sign_setup
M="--module $SOFTHSM_MODULE"
SEED="$top_srcdir/tests/server/seed/pdf"
LANG=C LC_ALL=C LANGUAGE=en
export LANG LC_ALL LANGUAGE

# geometry FILE: "PX0 PY0 PX1 PY1 AX0 AY0 AX1 AY1 HEIGHT" (points, y up)
# of the personal (first) and agency (second) signature widgets.
geometry() {
	qpdf --json --json-key=qpdf --json-key=pages "$1" |
	"$PYTHON3" -c '
import json, sys
j = json.load(sys.stdin)
objs = {k[4:]: v.get("value") for k, v in j["qpdf"][1].items()
        if k.startswith("obj:") and isinstance(v, dict)}
def deref(x):
    return objs.get(x) if isinstance(x, str) and x.endswith(" R") else x
sigs = []
for v in objs.values():
    if isinstance(v, dict) and v.get("/FT") == "/Sig" and "/Rect" in v:
        sig = deref(v.get("/V"))
        if isinstance(sig, dict) and "/ByteRange" in sig:
            br = sig["/ByteRange"]
            sigs.append((br[2] + br[3], [deref(x) for x in v["/Rect"]]))
sigs.sort()
box = deref(deref(j["pages"][0]["object"])["/MediaBox"])
print(" ".join("%.2f" % x for x in sigs[0][1] + sigs[1][1] + [box[3]]))'
}

prepare() {
	cp "$SEED/dt-qd-ban-chi-dao-v2.pdf" "$tmp/draft.pdf"
	use_token "$tmp/tok-leader"
	# shellcheck disable=SC2086
	echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/draft.pdf" -o "$tmp/signed.pdf" \
	    $M --pin-stdin >/dev/null 2>&1 &&
	"$VANTHU" draft fields "$tmp/signed.pdf" -o "$tmp/filled.pdf" \
	    --fill 07/QĐ-UBND --place "Hoằng Quý" --date 2026-12-02
}
mk_token chutich "$tmp/tok-leader" --full-name "Nguyễn Văn Hùng"
mk_token vanthu "$tmp/tok-clerk" --role clerk --full-name "Trần Thị Mai"
t_ok "the leader signs, the fields are filled" prepare
use_token "$tmp/tok-clerk"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/filled.pdf" -o "$tmp/issued.pdf" \
    $M --pin-stdin --agency >/dev/null 2>&1; rc=$?
t_is "the agency signature, no seal image (English locale)" 0 "$rc"
check_signature "personal" "$tmp/issued.pdf" 1 "$tmp/draft.pdf"

# Real, Vietnamese text.
text=$(pdftotext "$tmp/issued.pdf" -)
t_match "pdftotext finds the signer's name in the appearance" \
    'Ký bởi: Nguyễn Văn Hùng' "$text"
t_match "... the signing time, in Vietnamese" \
    'Ngày ký: [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+07:00' "$text"
t_match "... the agency's name in the seal" 'UBND xã Hoằng Quý' "$text"
t_match "... the number" 'Số: 07/QĐ-UBND' "$text"
t_match "... the date" 'Hoằng Quý, ngày 02 tháng 12 năm 2026' "$text"
t_nomatch "no English in the PDF under LANG=C" 'Digitally signed|Time:' "$text"
size=$(($(wc -c <"$tmp/signed.pdf") - $(wc -c <"$tmp/draft.pdf")))
t_ok "the personal signature's update is small ($size bytes: a font subset)" \
    test "$size" -lt 60000

# Geometry: the seal left of the personal signature, over its left third.
set -- $(geometry "$tmp/issued.pdf")
t_is "two signature widgets" 9 "$#"
px0=$1 px1=$3 ax0=$5 ax1=$7
third=$("$PYTHON3" -c "print(round(($ax1 - $px0) / ($px1 - $px0), 2))")
t_ok "the seal starts left of the personal signature" \
    "$PYTHON3" -c "import sys; sys.exit(not $ax0 < $px0)"
t_ok "the seal covers about a third of it ($third)" \
    "$PYTHON3" -c "import sys; sys.exit(not 0.28 <= $third <= 0.40)"
t_ok "without an image the seal is 36 mm ($(($(printf '%.0f' "$ax1") - $(printf '%.0f' "$ax0"))) pt)" \
    "$PYTHON3" -c "import sys; sys.exit(not abs(($ax1 - $ax0) - 36 / 25.4 * 72) < 1)"

# No text overlaps: every pair of words pdftotext finds is apart.
overlaps=$(pdftotext -bbox "$tmp/issued.pdf" - | "$PYTHON3" -c '
import re, sys
w = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
     re.findall(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" "
                r"yMax=\"([\d.]+)\">([^<]*)<", sys.stdin.read())]
bad = []
for i in range(len(w)):
    for k in range(i + 1, len(w)):
        a, b = w[i], w[k]
        ix = min(a[2], b[2]) - max(a[0], b[0])
        iy = min(a[3], b[3]) - max(a[1], b[1])
        if ix > 1 and iy > 1:
            bad.append("%s/%s" % (a[4], b[4]))
print(" ".join(bad))')
t_is "no two words overlap" "" "$overlaps"

# The rendering: the red seal is where the widget says, and reaches
# into the personal signature's box.
pdftoppm -r 72 -f 1 -l 1 "$tmp/issued.pdf" "$tmp/page"
red=$("$PYTHON3" - "$tmp"/page*.ppm <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
px = parts[4]
xs, ys = [], []
for y in range(h):
    row = px[y * w * 3:(y + 1) * w * 3]
    for x in range(w):
        r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
        if r > 150 and g < 90 and b < 90:
            xs.append(x)
            ys.append(y)
print("%d %d %d %d %d" % (min(xs), min(ys), max(xs), max(ys), h) if xs
      else "none")
EOF
)
t_nomatch "the seal is drawn in red" '^none$' "$red"
set -- $red
rx0=$1 rx1=$3
t_ok "the red seal lies inside its widget" \
    "$PYTHON3" -c "import sys; sys.exit(not ($ax0 - 2 <= $rx0 and $rx1 <= $ax1 + 2))"
t_ok "the red seal reaches into the personal signature, about a third" \
    "$PYTHON3" -c "import sys; sys.exit(not ($px0 < $rx1 <= $px0 + ($px1 - $px0) * 0.4))"

# A seal image drawn at its real size: 300 pixels at 200 dpi = 1.5 in.
"$PYTHON3" - "$tmp/seal.png" <<'EOF'
import struct, sys, zlib
w = h = 300
rows = []
for y in range(h):
    row = bytearray([0])
    for x in range(w):
        d = ((x - 150) ** 2 + (y - 150) ** 2) ** 0.5
        row += bytes([200, 20, 20, 255]) if 130 < d < 148 else bytes(4)
    rows.append(bytes(row))
def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ppm = round(200 / 0.0254)
png = (b"\x89PNG\r\n\x1a\n" +
       chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
       chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)) +
       chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
EOF
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/filled.pdf" -o "$tmp/img.pdf" \
    $M --pin-stdin --agency --image "$tmp/seal.png" >/dev/null 2>&1; rc=$?
t_is "the agency signature with a 200 dpi seal image" 0 "$rc"
set -- $(geometry "$tmp/img.pdf")
t_ok "the seal is 1.5 in (108 pt) wide: its real size" \
    "$PYTHON3" -c "import sys; sys.exit(not abs(($7 - $5) - 108) < 1)"
echo "seal_diameter_mm = 30" >>"$XDG_CONFIG_HOME/vanthu/config"
# shellcheck disable=SC2086
echo "$TOKEN_PIN" | "$VANTHU" sign "$tmp/filled.pdf" -o "$tmp/cfg.pdf" \
    $M --pin-stdin --agency --image "$tmp/seal.png" >/dev/null 2>&1; rc=$?
t_is "the agency signature with seal_diameter_mm = 30" 0 "$rc"
set -- $(geometry "$tmp/cfg.pdf")
t_ok "the seal is 30 mm (85 pt) wide, as configured" \
    "$PYTHON3" -c "import sys; sys.exit(not abs(($7 - $5) - 30 / 25.4 * 72) < 1)"
t_done
