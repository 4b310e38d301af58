#!/bin/sh
# An outbox written by the previous version (the code on main before the
# one action vocabulary) is read and flushed by this one: its records
# keep their old kind names ("return_draft" of `vanthu draft return`,
# "signed_upload" of `vanthu draft sign`, "draft-return" of the
# interface), which now map to the table's kinds; nothing queued is lost.
# The records are written at test time exactly as that code wrote them
# (lib/outbox.c: a maildir; a metadata line of JSON, then the body).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/core-lib.sh"
. "$top_srcdir/tests/cli/sign-lib.sh"

sign_require curl
core_setup
core_server_start --seed demo
SIGN_STATE=$tmp/srv
if [ -z "$URL" ] || [ ! -f "$SIGN_STATE/signing-ca-key.pem" ]; then
	t_skip "outbox upgrade" "the reference server did not start"
	t_done
fi
cat >>"$XDG_CONFIG_HOME/vanthu/config" <<EOF
pkcs11_module = $SOFTHSM_MODULE
trust_file = $SIGN_STATE/signing-ca.pem
EOF
state() {
	api_get "$(api_token chutich)" "/drafts/$1" | jq_py 'j["state"]'
}

mk_token chutich "$tmp/tok-leader"
vt_login chutich >/dev/null
tok=$(api_token chutich)
comments_before=$(comment_count "$tok" i52)

# A signed upload the server could not take: queued with a real signed
# PDF (the body the old `vanthu draft sign` queued too).
fault '{"path_prefix": "/api/v1/drafts/d9/versions", "method": "POST", "kind": "status", "status": 503, "retry_after": 0, "count": -1}'
echo "$TOKEN_PIN" | vt draft sign d9 --yes --pin-stdin >/dev/null 2>&1
t_is "the signed upload waits in the outbox" 1 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"
faults_clear
queued=$(find "$XDG_STATE_HOME" -path '*/outbox/*/new/*' -type f | head -n 1)
t_ok "the queued record is in the outbox's new/" test -f "$queued"
dir=$(dirname "$queued")

# Rewrite and add records as the old code wrote them.
"$PYTHON3" - "$dir" <<'PY'
import json, os, random, sys, time, uuid
new = sys.argv[1]
base = os.path.dirname(new)

def line(meta):
    return json.dumps(meta, ensure_ascii=False,
                      separators=(",", ":")).encode() + b"\n"

def write(kind, target, summary, path, body):
    """lib/outbox.c's vt_outbox_add on main: name, metadata, body."""
    us = int(time.time() * 1000000)
    name = "%013x.%d.%08x" % (us, os.getpid(), random.getrandbits(32))
    meta = {"v": 1, "key": str(uuid.uuid4()), "kind": kind,
            "target": target, "summary": summary, "method": "POST",
            "path": path, "content_type": "application/json",
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "attempts": 0, "failed": False}
    tmp = os.path.join(base, "tmp", name)
    with open(tmp, "wb") as f:
        f.write(line(meta) + json.dumps(body, ensure_ascii=False,
                                        separators=(",", ":")).encode())
        os.fsync(f.fileno())
    os.rename(tmp, os.path.join(new, name))
    time.sleep(0.002)

# The signed upload: main's `vanthu draft sign` called it "signed_upload".
(signed,) = os.listdir(new)
p = os.path.join(new, signed)
meta, body = open(p, "rb").read().split(b"\n", 1)
m = json.loads(meta)
m["kind"] = "signed_upload"
with open(p, "wb") as f:
    f.write(line(m) + body)
# main's `vanthu draft return` ("return_draft") and the interface's
# draft return ("draft-return"); a comment of `vanthu comment`.
write("return_draft", "d1", "return draft d1 to its drafter",
      "/drafts/d1/return", {"reason": "Sửa lại trích yếu"})
write("draft-return", "d7", "return draft d7: Bổ sung căn cứ",
      "/drafts/d7/return", {"reason": "Bổ sung căn cứ"})
write("comment", "i52", "comment on i52: Đã xem, giao phòng xử lý",
      "/incoming/i52/comments", {"text": "Đã xem, giao phòng xử lý"})
PY

out=$(vt outbox --json); rc=$?
t_is "the old outbox is listed (exit 0)" 0 "$rc"
t_is "every record is read" 4 \
    "$(printf '%s' "$out" | jq_py 'len(j["actions"])')"
t_is "old kind names map to the one vocabulary" \
    "sign draft-return draft-return comment" \
    "$(printf '%s' "$out" | jq_py '" ".join(a["kind"] for a in j["actions"])')"
t_match "the summaries are kept" 'return draft d1 to its drafter' "$out"

out=$(vt outbox flush 2>&1); rc=$?
t_is "outbox flush exits 0" 0 "$rc"
t_is "nothing is left in the outbox" 0 \
    "$(vt outbox --json | jq_py 'len(j["actions"])')"
t_is "the signed upload was accepted: d9 is signed" signed "$(state d9)"
t_is "the old command line's draft return was sent" returned "$(state d1)"
t_is "the old interface's draft return was sent" returned "$(state d7)"
t_is "the comment arrived once" $((comments_before + 1)) \
    "$(comment_count "$tok" i52)"
t_done
