#!/bin/sh
# The command table and its one dispatcher (src/cmd-args.c): every
# command answers --help from its table entry, refuses what is not in
# it with exit status 2, and parses options the GNU way.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# No configuration, no server: only parsing is looked at.
XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state
XDG_CACHE_HOME=$tmp/cache HOME=$tmp
export XDG_CONFIG_HOME XDG_STATE_HOME XDG_CACHE_HOME HOME

# The commands "vanthu --help" lists, and the subcommands of draft.
cmds=$("$VANTHU" --help | awk '/^Commands:/ { on = 1; next }
    on && /^  [a-z]/ { print $1; next } on { exit }')
t_match "vanthu --help lists the commands" "inbox" "$cmds"
t_is "vanthu --help: every name stands apart from its summary" "" \
    "$("$VANTHU" --help | awk '/^Commands:/ { on = 1; next }
    on && /^  [a-z]/ && !/^  [a-z-]+  +[^ ]/ { print } on && /^$/ { exit }')"
subs=$("$VANTHU" draft --help | awk '/^Subcommands:/ { on = 1; next }
    on && /^  [a-z]/ { print $1; next } on { exit }')
t_match "vanthu draft --help lists its subcommands" "approve" "$subs"

bad_help= bad_opt= bad_msg=
for c in $cmds; do
	out=$("$VANTHU" $c --help 2>&1); rc=$?
	if [ $rc -ne 0 ] || ! printf '%s\n' "$out" | head -n 1 |
	    grep -q "^Usage: vanthu $c"; then
		bad_help="$bad_help $c"
	fi
	err=$("$VANTHU" $c --no-such-option 2>&1 >/dev/null); rc=$?
	[ $rc -eq 2 ] || bad_opt="$bad_opt $c"
	case $c in draft|dossier) continue ;; esac	# subcommands: named below
	printf '%s\n' "$err" | grep -q \
	    "^vanthu $c: unknown or incomplete option '--no-such-option'" ||
	    bad_msg="$bad_msg $c"
done
for s in $subs; do
	out=$("$VANTHU" draft $s --help 2>&1); rc=$?
	if [ $rc -ne 0 ] || ! printf '%s\n' "$out" | head -n 1 |
	    grep -q "^Usage: vanthu draft $s"; then
		bad_help="$bad_help draft-$s"
	fi
	"$VANTHU" draft $s --no-such-option >/dev/null 2>&1
	[ $? -eq 2 ] || bad_opt="$bad_opt draft-$s"
done
t_is "every command and subcommand answers --help (exit 0)" "" "$bad_help"
t_is "every command refuses an unknown option (exit 2)" "" "$bad_opt"
t_is "the unknown option is named" "" "$bad_msg"

out=$("$VANTHU" sign --help)
t_match "the help lists a short and long option with its argument" \
    '^  -o, --output FILE +write the signed PDF to FILE' "$out"
t_match "the help lists a long-only option" '^      --pin-stdin +read' \
    "$out"
t_match "the help says what the command does" \
    '^Sign FILE.pdf with the signing token' "$out"
t_match "the help has its closing note" '^With -o -, the signed PDF' "$out"
t_match "-h is --help" '^Usage: vanthu inbox' "$("$VANTHU" inbox -h)"

err=$("$VANTHU" sign -o 2>&1); rc=$?
t_is "a missing argument exits 2" 2 "$rc"
t_match "it names the short option" "option '-o' needs an argument" "$err"
err=$("$VANTHU" verify x.pdf --trust-file 2>&1)
t_match "it names the long option" "option '--trust-file' needs an argument" \
    "$err"
err=$("$VANTHU" inbox --json=1 2>&1); rc=$?
t_is "an argument to a flag exits 2" 2 "$rc"
err=$("$VANTHU" comment i1 2>&1); rc=$?
t_is "too few operands exit 2" 2 "$rc"
t_match "with the command's own words" "^vanthu comment: expected ID and TEXT" \
    "$err"
err=$("$VANTHU" get i1 a b -o out 2>&1); rc=$?
t_is "too many operands exit 2" 2 "$rc"
t_match "too many operands are said" "^vanthu get: too many arguments" "$err"
t_match "and how to get help" "Try 'vanthu get --help'" "$err"
err=$("$VANTHU" draft show 2>&1); rc=$?
t_is "a subcommand checks its operands" 2 "$rc"
t_match "in its own name" "^vanthu draft show: expected one draft ID" "$err"
"$VANTHU" draft nope >/dev/null 2>&1
t_is "an unknown subcommand exits 2" 2 "$?"
"$VANTHU" draft >/dev/null 2>&1
t_is "draft without a subcommand exits 2" 2 "$?"

# GNU parsing: options anywhere, grouped short options, abbreviated long
# options, "--" ends them.
printf '%s\n' "-x" >"$tmp/dash.txt"
out=$(printf 'Vi\352t' | "$VANTHU" convert -uf vni); rc=$?
t_is "grouped short options with an argument (-uf vni)" 0 "$rc"
out=$(printf 'abc' | "$VANTHU" convert --up --fr=tcvn3); rc=$?
t_is "abbreviated long options and --opt=value" 0 "$rc"
t_is "the abbreviated --up was taken (upper-case font)" "ABC" "$out"
cp "$tmp/dash.txt" "$tmp/-u"
out=$(cd "$tmp" && "$VANTHU" convert --from tcvn3 -- -u); rc=$?
t_is "'--' ends the options: -u is a file" 0 "$rc"
t_is "and it was read" "-x" "$out"
out=$("$VANTHU" convert "$tmp/dash.txt" --from tcvn3); rc=$?
t_is "an option after the operand" 0 "$rc"
"$VANTHU" version extra >/dev/null 2>&1
t_is "a command without operands refuses one" 2 "$?"

# The help in Vietnamese, from po/vi.po itself (a build tree's vi.gmo
# may be older than the sources).
mkdir -p "$tmp/vi/LC_MESSAGES"
if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$' &&
    msgfmt -o "$tmp/vi/LC_MESSAGES/vanthu.mo" "$top_srcdir/po/vi.po" \
    2>/dev/null; then
	out=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" inbox --help)
	t_match "a command's help in Vietnamese" '^Cách dùng: vanthu inbox' "$out"
	t_match "its options in Vietnamese" 'chỉ các văn bản chưa đọc' "$out"
	err=$(LC_ALL=vi_VN.UTF-8 VANTHU_LOCALEDIR=$tmp "$VANTHU" sign -o 2>&1)
	t_match "usage errors in Vietnamese" "tùy chọn '-o' cần một tham số" \
	    "$err"
else
	t_skip "a command's help in Vietnamese" "no vi_VN.UTF-8 locale or msgfmt"
	t_skip "its options in Vietnamese" "no vi_VN.UTF-8 locale or msgfmt"
	t_skip "usage errors in Vietnamese" "no vi_VN.UTF-8 locale or msgfmt"
fi
t_done
