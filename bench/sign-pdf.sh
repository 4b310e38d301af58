#!/bin/sh
# Benchmark of signing (prints figures, asserts nothing): time and peak
# RSS to sign a 10 MB PDF with vanthu and a SoftHSM2 token, side by side
# with "mutool sign" on the same file with a PKCS#12 of the same key and
# certificate, and their ratio.  Both fill the same empty, invisible
# signature field, so both write one incremental update.
#   VANTHU=./vanthu top_srcdir=. sh bench/sign-pdf.sh [MB] [RUNS]
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VANTHU:=$top_srcdir/vanthu}"
: "${PYTHON3:=python3}"
MB=${1:-10}
RUNS=${2:-5}
MODULE=/usr/lib/softhsm/libsofthsm2.so
for tool in mutool openssl softhsm2-util pkcs11-tool "$PYTHON3"; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "sign-pdf: $tool is not installed; skipped"
		exit 0
	}
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vanthu-bench-sign.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
export XDG_CONFIG_HOME="$tmp/c" XDG_STATE_HOME="$tmp/s" XDG_CACHE_HOME="$tmp/k"

# The signing CA and the token (its key also exported as PKCS#12).
mkdir -p "$tmp/state"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Bench CA" \
    -keyout "$tmp/state/signing-ca-key.pem" \
    -out "$tmp/state/signing-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
"$top_srcdir/tests/tools/mktoken" --state "$tmp/state" --user chutich \
    --role leader --full-name "Nguyễn Văn Hùng" --out "$tmp/tok" --export \
    >"$tmp/tok.env" || exit 1
PIN=$(sed -n 's/^TOKEN_PIN=//p' "$tmp/tok.env")
export SOFTHSM2_CONF="$tmp/tok/softhsm2.conf"

# A PDF of about MB megabytes: one page of text and an image of noise
# (incompressible, as a scanned attachment nearly is).
"$PYTHON3" - "$tmp/noise.ppm" "$MB" <<'EOF'
import random, sys
mb = float(sys.argv[2])
w = 2000
h = max(1, int(mb * 1024 * 1024 / (w * 3)))
rnd = random.Random(30)
with open(sys.argv[1], "wb") as f:
    f.write(b"P6 %d %d 255\n" % (w, h))
    f.write(rnd.randbytes(w * h * 3))
EOF
cat >"$tmp/page.txt" <<EOF
%%MediaBox 0 0 595 842
%%Font F1 Times-Roman
%%Image Im1 $tmp/noise.ppm
BT /F1 14 Tf 72 770 Td (Bench document) Tj ET
q 451 0 0 400 72 300 cm /Im1 Do Q
EOF
mutool create -o "$tmp/raw.pdf" "$tmp/page.txt" || exit 1
field=$(mutool run "$top_srcdir/tests/server/addsigfield.js" "$tmp/raw.pdf" \
    "$tmp/in.pdf" Sig1) || exit 1
size=$(wc -c <"$tmp/in.pdf")

# measure OUT CMD...: run CMD once; print "seconds peak_rss_kib" for it.
measure() {
	"$PYTHON3" - "$@" <<'EOF'
import os, resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
stdin = None
if cmd[0] == "--pin":
    stdin, cmd = cmd[1].encode() + b"\n", cmd[2:]
if os.path.exists(out):
    os.unlink(out)
t = time.monotonic()
p = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL,
                   stderr=subprocess.PIPE)
t = time.monotonic() - t
if p.returncode != 0 or not os.path.exists(out):
    sys.stderr.write("failed: %s\n%s" % (" ".join(cmd), p.stderr.decode()))
    sys.exit(1)
print("%.4f %d" % (t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
EOF
}

# best NAME CMD...: RUNS runs; keep the fastest time and the peak RSS.
best() {
	b_name=$1
	shift
	: >"$tmp/$b_name.runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		measure "$@" >>"$tmp/$b_name.runs" || exit 1
		i=$((i + 1))
	done
	sort -n "$tmp/$b_name.runs" | head -n 1 | cut -d' ' -f1 >"$tmp/$b_name.t"
	sort -n -k2 "$tmp/$b_name.runs" | tail -n 1 | cut -d' ' -f2 \
	    >"$tmp/$b_name.rss"
}

best vanthu "$tmp/v.pdf" --pin "$PIN" "$VANTHU" sign "$tmp/in.pdf" \
    -o "$tmp/v.pdf" --module "$MODULE" --pin-stdin
best mutool "$tmp/m.pdf" mutool sign -s "$tmp/tok/user.p12" -P test \
    -o "$tmp/m.pdf" "$tmp/in.pdf" "${field%% *}"

"$PYTHON3" - "$size" "$RUNS" "$(cat "$tmp/vanthu.t")" \
    "$(cat "$tmp/vanthu.rss")" "$(cat "$tmp/mutool.t")" \
    "$(cat "$tmp/mutool.rss")" "$(wc -c <"$tmp/v.pdf")" \
    "$(wc -c <"$tmp/m.pdf")" <<'EOF'
import sys
size, runs = int(sys.argv[1]), int(sys.argv[2])
vt, vr, mt, mr = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
vs, ms = int(sys.argv[7]), int(sys.argv[8])
print("Signing a %.1f MB PDF (best of %d runs; peak RSS of all runs)" %
      (size / 1e6, runs))
print("%-34s %9s %14s %12s" % ("", "time (s)", "peak RSS (MB)", "added bytes"))
print("%-34s %9.3f %14.1f %12d" % ("vanthu sign (SoftHSM2, PKCS#11)", vt,
      vr / 1024, vs - size))
print("%-34s %9.3f %14.1f %12d" % ("mutool sign (PKCS#12)", mt, mr / 1024,
      ms - size))
print("%-34s %8.2fx %13.2fx" % ("ratio vanthu / mutool", vt / mt, vr / mr))
EOF
