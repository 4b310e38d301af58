#!/bin/sh
# Stale temporary files are cleaned at start (issue 19): what a killed
# vanthu left (its signing work directory, cache temporaries of a dead
# process, partial downloads untouched for a week) goes; what a live
# vanthu uses, what is recent, what is not vanthu's or not this user's,
# and the outbox stay.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require flock setsid
sign_setup
TMPDIR=$tmp/t
export TMPDIR
mkdir -p "$TMPDIR"
c=$XDG_CACHE_HOME/vanthu/example.org@chutich
mkdir -p "$c/attachments" "$XDG_CACHE_HOME/vanthu/outbox/tmp"

# A dead process id (a child that has exited).
sh -c 'exit 0' &
dead=$!
wait "$dead"

# start_signer OUT: vanthu sign -o - in the background, waiting for its
# PIN on the FIFO (held open on descriptor 3); sets signer.
start_signer() {
	rm -f "$tmp/sign.err"
	"$VANTHU" sign "$tmp/in.pdf" -o - --module "$SOFTHSM_MODULE" \
	    --key "$KEY_URI" --pin-stdin <"$tmp/pin" >"$1" \
	    2>"$tmp/sign.err" &
	signer=$!
	exec 3>"$tmp/pin"
	n=0
	while ! grep -q 'PIN' "$tmp/sign.err" 2>/dev/null && [ $n -lt 600 ]; do
		sleep 0.1
		n=$((n + 1))
	done
}

# A real signing work directory: vanthu sign -o - waits for its PIN.
mk_token chutich "$tmp/tok"
make_pdf "$tmp/in.pdf"
mkfifo "$tmp/pin"
start_signer "$tmp/signed.pdf"
live=$(ls -d "$TMPDIR"/vanthu-sign-* 2>/dev/null)
t_ok "a signing vanthu has its work directory" test -d "$live"

# Left by a killed vanthu of the previous version (never locked).
mkdir "$TMPDIR/vanthu-issue-Ab12Cd" "$TMPDIR/vanthu-sign-Zz9Yy8"
echo x >"$TMPDIR/vanthu-issue-Ab12Cd/version.pdf"
echo x >"$TMPDIR/vanthu-sign-Zz9Yy8/version.pdf.part"
touch -d '2 hours ago' "$TMPDIR/vanthu-issue-Ab12Cd" "$TMPDIR/vanthu-sign-Zz9Yy8"
# Unlocked but just made: an older vanthu's, or a new one's before its lock.
mkdir "$TMPDIR/vanthu-sign-Fresh1"
echo x >"$TMPDIR/vanthu-sign-Fresh1/version.pdf"
# Not vanthu's, or not this user's.
mkdir "$TMPDIR/vanthu-sign-notours" "$TMPDIR/other-XXXXXX"
mkdir "$TMPDIR/vanthu-sign-Other1"
if [ "$(id -u)" = 0 ]; then
	chown nobody "$TMPDIR/vanthu-sign-Other1"
fi
touch -d '2 hours ago' "$TMPDIR/vanthu-sign-Other1"
# The cache.
echo x >"$c/inbox.json.tmp.$dead.0"
echo x >"$c/inbox.json.tmp.$$.1"
echo x >"$c/inbox.json.tmp.$$.2"
touch -d '2 days ago' "$c/inbox.json.tmp.$$.2"
echo x >"$c/attachments/old.pdf.part"
echo x >"$c/attachments/old.pdf.part.etag"
touch -d '8 days ago' "$c/attachments/old.pdf.part" \
    "$c/attachments/old.pdf.part.etag"
echo x >"$c/attachments/new.pdf.part"
touch -d '1 day ago' "$c/attachments/new.pdf.part"
echo x >"$c/inbox.json"
echo x >"$XDG_CACHE_HOME/vanthu/outbox/tmp/a.json.tmp.$dead.0"

"$VANTHU" version >/dev/null
t_ok "a live vanthu's work directory stays" test -d "$live"
t_ok "a dead vanthu's issue directory goes" \
    test ! -e "$TMPDIR/vanthu-issue-Ab12Cd"
t_ok "a dead vanthu's signing directory goes" \
    test ! -e "$TMPDIR/vanthu-sign-Zz9Yy8"
t_ok "an unlocked directory changed a minute ago stays" \
    test -e "$TMPDIR/vanthu-sign-Fresh1/version.pdf"
t_ok "a name that is not vanthu's stays" test -d "$TMPDIR/vanthu-sign-notours"
t_ok "another directory stays" test -d "$TMPDIR/other-XXXXXX"
if [ "$(id -u)" = 0 ]; then
	t_ok "another user's directory stays" test -d "$TMPDIR/vanthu-sign-Other1"
else
	t_skip "another user's directory stays" "needs root to make one"
fi
t_ok "a dead process's cache temporary goes" \
    test ! -e "$c/inbox.json.tmp.$dead.0"
t_ok "a live process's recent cache temporary stays" \
    test -e "$c/inbox.json.tmp.$$.1"
t_ok "a cache temporary older than a day goes" \
    test ! -e "$c/inbox.json.tmp.$$.2"
t_ok "a partial download untouched for 8 days goes" \
    test ! -e "$c/attachments/old.pdf.part"
t_ok "with its ETag" test ! -e "$c/attachments/old.pdf.part.etag"
t_ok "a partial download of yesterday stays (it resumes)" \
    test -e "$c/attachments/new.pdf.part"
t_ok "the cache itself stays" test -e "$c/inbox.json"
t_ok "nothing under an outbox is touched" \
    test -e "$XDG_CACHE_HOME/vanthu/outbox/tmp/a.json.tmp.$dead.0"

# The signer goes on and cleans up after itself.
echo "$TOKEN_PIN" >&3
exec 3>&-
wait "$signer"
t_is "the waiting signer still signs" 0 "$?"
t_ok "its signed PDF came out" test -s "$tmp/signed.pdf"
t_ok "and its work directory is gone" test ! -e "$live"

# Killed while waiting for the PIN: the next start removes its directory.
start_signer /dev/null
killed=$(ls -d "$TMPDIR"/vanthu-sign-?????? 2>/dev/null | grep -v -e notours -e Other1 -e Fresh1)
t_ok "the second signer has its work directory" test -d "$killed"
kill -9 "$signer"
wait "$signer" 2>/dev/null
exec 3>&-
t_ok "killed: its directory is left behind" test -d "$killed"
"$VANTHU" version >/dev/null
t_ok "while it is new, the next start leaves it" test -d "$killed"
touch -d '2 hours ago' "$killed"
"$VANTHU" version >/dev/null
t_ok "the next start removes it" test ! -e "$killed"
t_done
