#!/bin/sh
# Hostile input to the signing commands (the breaker's findings): form
# field trees that loop, terminal control characters from certificates,
# tokens and PDFs, absurd --visible boxes and --image files, -o -.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require timeout
sign_setup
HOSTILE="$PYTHON3 $top_srcdir/tests/tools/hostile-pdf"

# verify FILE: vanthu verify with a time limit; sets $rc, $out.
verify() {
	out=$(timeout 20 "$VANTHU" verify "$@" 2>&1); rc=$?
}

# A field tree that loops, or is a graph with 2^30 paths: bounded work,
# "damaged" for a loop (exit 7), each field once for a shared subtree.
$HOSTILE loop "$tmp/loop.pdf"
verify "$tmp/loop.pdf"
t_is "a /Kids loop: damaged PDF (exit 7), at once" 7 "$rc"
t_match "a /Kids loop is named" 'form field tree loops' "$out"
$HOSTILE dag "$tmp/dag.pdf"
verify "$tmp/dag.pdf"
t_is "a shared /Kids graph: one signature, not valid (exit 6), at once" \
    6 "$rc"
t_is "a shared /Kids graph: its field is reported once" 1 \
    "$(printf '%s\n' "$out" | grep -c '^Signature [0-9]')"
$HOSTILE parent "$tmp/parent.pdf"
verify "$tmp/parent.pdf"
t_is "a /Parent loop: damaged PDF (exit 7)" 7 "$rc"

# Strings from a token label, a certificate and a PDF field name with
# ESC/OSC/CSI, the C1 CSI (U+009B) and a right-to-left override
# (U+202E): never on the terminal raw, in text or JSON output.
# unsafe FILE: exits 0 when FILE holds a C0 control but tab and line
# feed, DEL, a C1 control (UTF-8 or raw byte) or a bidi control.
unsafe() {
	"$PYTHON3" -c '
import re, sys
d = open(sys.argv[1], "rb").read()
bad = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|"
                 rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
sys.exit(0 if bad.search(d) else 1)' "$1"
}
is_safe() {
	! unsafe "$1"
}
evil_label=$(printf 'L\342\200\256\302\23331mX')
evil_cn=$(printf 'N\033]0;T\007\342\200\256\302\23331mY')
evil_field=$(printf 'F\033]0;T\007\342\200\256\302\23331mZ')
mk_token chutich "$tmp/evil" --label "$evil_label" --full-name "$evil_cn"
evil_pin=$TOKEN_PIN
make_pdf "$tmp/plain.pdf"
cp "$tmp/plain.pdf" "$tmp/field.pdf"
mutool run "$top_srcdir/tests/server/addsigfield.js" "$tmp/field.pdf" \
    "$tmp/field.pdf" "$evil_field" >/dev/null
"$VANTHU" token list --module "$SOFTHSM_MODULE" >"$tmp/tl.out" 2>&1; rc=$?
t_is "token list with a hostile label and CN exits 0" 0 "$rc"
t_match "token list shows the label, made safe" 'Token: L' "$(cat "$tmp/tl.out")"
t_ok "token list prints no control or bidi character" is_safe "$tmp/tl.out"
printf '%s\n' "$evil_pin" | "$VANTHU" sign --module "$SOFTHSM_MODULE" \
    --pin-stdin --field "$evil_field" "$tmp/field.pdf" -o "$tmp/evil.pdf" \
    >"$tmp/sign.out" 2>&1; rc=$?
t_is "sign with the hostile token and field exits 0" 0 "$rc"
t_match "sign names the signer, made safe" 'Signing .* as .*CN=N' \
    "$(cat "$tmp/sign.out")"
t_ok "sign prints no control or bidi character" is_safe "$tmp/sign.out"
"$VANTHU" verify -t "$tmp/state/signing-ca.pem" "$tmp/evil.pdf" \
    >"$tmp/v.out" 2>&1; rc=$?
t_is "verify of the hostile signature exits 0 (valid, trusted)" 0 "$rc"
t_match "verify shows the field and the signer" \
    'Signature 1: F.*Signer: +N' "$(tr '\n' ' ' <"$tmp/v.out")"
t_ok "verify prints no control or bidi character" is_safe "$tmp/v.out"
"$VANTHU" verify -t "$tmp/state/signing-ca.pem" --json "$tmp/evil.pdf" \
    >"$tmp/vj.out" 2>&1
t_match "verify --json has the field" '"field":' "$(cat "$tmp/vj.out")"
t_ok "verify --json holds no C1 or bidi character" is_safe "$tmp/vj.out"
# The PIN prompt goes to the terminal (a pseudo-terminal here) and names
# the token by its label.
"$PYTHON3" - "$VANTHU" "$tmp/plain.pdf" "$tmp/tty.pdf" "$SOFTHSM_MODULE" \
    "$tmp/prompt.out" <<'PY'
import os, pty, select, sys, time
vanthu, src, dst, module, log = sys.argv[1:6]
pid, fd = pty.fork()
if pid == 0:
    os.execv(vanthu, [vanthu, "sign", src, "-o", dst, "--module", module])
data, end = b"", time.time() + 20
while b"PIN for token" not in data or not data.endswith(b": "):
    if time.time() > end or not select.select([fd], [], [], 1)[0]:
        if time.time() > end:
            break
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.kill(pid, 9)
os.waitpid(pid, 0)
open(log, "wb").write(data.replace(b"\r\n", b"\n"))  # the tty adds CR
PY
t_match "the PIN is asked on the terminal" 'PIN for token L' \
    "$(cat "$tmp/prompt.out")"
t_ok "the PIN prompt holds no control or bidi character" \
    is_safe "$tmp/prompt.out"
# A PIN with a NUL byte in it is refused, not cut at the NUL.
err=$(printf '%s\000junk\n' "$evil_pin" | "$VANTHU" sign --pin-stdin \
    --module "$SOFTHSM_MODULE" "$tmp/plain.pdf" -o "$tmp/nul.pdf" 2>&1); rc=$?
t_is "a PIN with a NUL byte exits 1" 1 "$rc"
t_match "it says why" 'NUL' "$err"
t_ok "nothing is written" test ! -e "$tmp/nul.pdf"
# try NAME [SIGN ARGS]: sign plain.pdf into NAME.pdf with the evil
# token's PIN on standard input; sets $rc and $err.
try() {
	try_name=$1
	shift
	err=$(printf '%s\n' "$evil_pin" | "$VANTHU" sign --pin-stdin \
	    --module "$SOFTHSM_MODULE" "$tmp/plain.pdf" -o "$tmp/$try_name.pdf" \
	    "$@" 2>&1 >/dev/null); rc=$?
}
# refused NAME STATUS PATTERN: refused with STATUS, saying PATTERN,
# before the token's PIN state is shown, and nothing written.
refused() {
	t_is "$1: exit $2" "$2" "$rc"
	t_match "$1: says why" "$3" "$err"
	t_nomatch "$1: refused before the PIN" 'PIN' "$err"
	t_ok "$1: nothing is written" test ! -e "$tmp/$1.pdf"
}

# --visible with numbers that are not finite, or a box off the page.
try nan --visible 1,nan,nan,nan,nan
refused nan 2 'visible'
try inf --visible 1,inf,10,10,10
refused inf 2 'visible'
try huge --visible 1,10,10,100000,100000
refused huge 2 'not inside page 1'
try offpage --visible 1,500,10,200,50
refused offpage 2 'not inside page 1'
try page9 --visible 9,10,10,100,50
refused page9 2 'page 9: the document has 1 pages'
try onpage --visible 1,300,600,200,100
t_is "a box on the page is signed" 0 "$rc"

# --image that is not a regular file, or too large.
try zero --image /dev/zero
refused zero 1 'not a regular file'
mkfifo "$tmp/fifo"
try fifo --image "$tmp/fifo"
refused fifo 1 'not a regular file'
truncate -s 9M "$tmp/big.png"
try big --image "$tmp/big.png"
refused big 1 'larger than 8 MB'
printf 'not an image' >"$tmp/text.png"
try text --image "$tmp/text.png"
refused text 1 'text\.png'
# A PDF whose field tree loops is not signed (the signed copy would
# not verify), before the PIN is asked.
err=$(printf '%s\n' "$evil_pin" | timeout 20 "$VANTHU" sign --pin-stdin \
    --module "$SOFTHSM_MODULE" "$tmp/loop.pdf" -o "$tmp/loop-signed.pdf" \
    2>&1 >/dev/null); rc=$?
t_is "sign of a /Kids loop: damaged PDF (exit 7)" 7 "$rc"
t_match "sign of a /Kids loop: says why" 'form field tree loops' "$err"
t_nomatch "sign of a /Kids loop: before the PIN" 'PIN' "$err"
t_ok "sign of a /Kids loop: nothing is written" \
    test ! -e "$tmp/loop-signed.pdf"

# -o - writes the signed PDF to standard output (as get -o - does), not
# to a file named "-", and never to a terminal.
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && printf '%s\n' "$evil_pin" | "$VANTHU" sign --pin-stdin \
    --module "$SOFTHSM_MODULE" "$tmp/plain.pdf" -o - >"$tmp/stdout.pdf" \
    2>"$tmp/stdout.err"); rc=$?
t_is "sign -o - exits 0" 0 "$rc"
t_ok "sign -o - writes no file named -" test ! -e "$tmp/cwd/-"
t_is "sign -o - leaves nothing in the directory" "" "$(ls -A "$tmp/cwd")"
t_match "sign -o - says where" 'Signed: standard output' \
    "$(cat "$tmp/stdout.err")"
"$VANTHU" verify -t "$tmp/state/signing-ca.pem" "$tmp/stdout.pdf" \
    >/dev/null 2>&1; rc=$?
t_is "the PDF from standard output verifies" 0 "$rc"
t_ok "it starts with the original" \
    cmp -n "$(wc -c <"$tmp/plain.pdf")" "$tmp/plain.pdf" "$tmp/stdout.pdf"
"$PYTHON3" - "$VANTHU" "$tmp/plain.pdf" "$tmp/tty-st" <<'PY'
import os, pty, sys
vanthu, src, st = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(vanthu, [vanthu, "sign", src, "-o", "-"])
try:
    while os.read(fd, 4096):
        pass
except OSError:
    pass
_, status = os.waitpid(pid, 0)
open(st, "w").write(str(os.WEXITSTATUS(status)))
PY
t_is "sign -o - to a terminal is a usage error (exit 2)" 2 \
    "$(cat "$tmp/tty-st")"
t_done
