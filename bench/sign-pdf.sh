#!/bin/sh
# Benchmark of signing (prints figures, asserts nothing): wall time and
# peak RSS to sign a 10 MB PDF with vanthu and a SoftHSM2 token, beside
# "mutool sign" on the same file with a PKCS#12 of the same key and
# certificate, run alternately, medians and their ratio.  Both fill the
# same empty, invisible signature field, so both write one incremental
# update (vanthu also fsyncs it before the rename).
#   VANTHU=./vanthu top_srcdir=. sh bench/sign-pdf.sh [MB] [RUNS]
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VANTHU:=$top_srcdir/vanthu}"
: "${PYTHON3:=python3}"
MB=${1:-10}
RUNS=${2:-7}
MODULE=/usr/lib/softhsm/libsofthsm2.so
for tool in mutool openssl softhsm2-util pkcs11-tool "$PYTHON3" time; do
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

# Alternately, RUNS times each: vanthu (PIN on stdin), then mutool; the
# medians of wall time and of peak RSS, one line per figure (name,
# vanthu, mutool, ratio, target).  Each output is removed before its run.
"$PYTHON3" - "$RUNS" "$size" "$PIN" "$tmp" \
    "$VANTHU" sign "$tmp/in.pdf" -o "$tmp/v.pdf" --module "$MODULE" \
    --pin-stdin -- mutool sign -s "$tmp/tok/user.p12" -P test \
    -o "$tmp/m.pdf" "$tmp/in.pdf" "${field%% *}" <<'EOF'
import os, statistics, subprocess, sys, time
runs, size, pin, tmp = (int(sys.argv[1]), int(sys.argv[2]),
                        sys.argv[3].encode() + b"\n", sys.argv[4])
rest = sys.argv[5:]
cmds = [rest[:rest.index("--")], rest[rest.index("--") + 1:]]
outs = [c[c.index("-o") + 1] for c in cmds]
wall, rss = [[], []], [[], []]
for _ in range(runs):
    for i in (0, 1):
        if os.path.exists(outs[i]):
            os.unlink(outs[i])
        # GNU time forks the command itself: its peak RSS is its own,
        # not Python's (a child forked here starts with Python's pages).
        m = os.path.join(tmp, "maxrss")
        with open(os.path.join(tmp, "err"), "wb") as err:
            t = time.monotonic()
            p = subprocess.run(["time", "-f", "%M", "-o", m] + cmds[i],
                               input=pin if i == 0 else b"",
                               stdout=subprocess.DEVNULL, stderr=err)
            wall[i].append(time.monotonic() - t)
        rss[i].append(int(open(m).read().split()[-1]) / 1024)
        if p.returncode != 0 or not os.path.exists(outs[i]):
            sys.stderr.write("failed: %s\n" % " ".join(cmds[i]))
            sys.stderr.write(open(os.path.join(tmp, "err")).read())
            sys.exit(1)
med = statistics.median
label = "sign %.0f MB" % (size / 1e6)
print("%-40s vanthu %-10s %-24s ratio %-6.2f target %s" % (
    label + " wall (ms)", "%.0f" % (med(wall[0]) * 1000),
    "%.0f mutool sign" % (med(wall[1]) * 1000),
    med(wall[0]) / med(wall[1]), "<= 1.2"))
print("%-40s vanthu %-10s %-24s ratio %-6.2f target %s" % (
    label + " peak RSS (MB)", "%.1f" % med(rss[0]),
    "%.1f mutool sign" % med(rss[1]), med(rss[0]) / med(rss[1]),
    "<= 16 MB"))
EOF
