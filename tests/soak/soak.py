#!/usr/bin/env python3
"""The exactly-once soak of the outbox (issue 19), run for real.

Two campaigns against the reference HTTPS server (tests/server/refserver)
and its SQLite database, with the built vanthu program:

  faults  Each run queues one to three comments with `vanthu comment`
          while the server injects faults on their POST (500, 502, 503,
          504, 408, 429 with Retry-After, a connection dropped after the
          server acted, a truncated or non-JSON answer, a slow or
          trickling answer beyond the request deadline, an oversized
          answer, a mangled JSON answer, expired sessions), then clears
          the faults and restarts vanthu (`outbox flush`, or `login`
          again after an expiry) until the outbox is empty.

  kills   Each run starts `vanthu outbox flush` (of comments queued
          while the server was unreachable), `vanthu comment`, or
          `vanthu draft sign` (a SoftHSM2 token; the signed PDF goes
          through the outbox), and kills it with SIGKILL at a random
          moment of its life.  Then vanthu is started again, as a user
          would: `outbox` and `outbox flush`; a signature that never
          reached the outbox is made again.

After every run the server's database is read directly: every action
that was queued (found in the outbox after the kill, or acknowledged)
arrived exactly once (a comment by its unique text, a signature by the
signed versions of its draft); an action that was never queued arrived
at most once.  Nothing local is damaged: `vanthu outbox --json` lists no
damaged or refused entry and nothing pending once flushed, and the
offline copy still reads (`vanthu inbox --offline`).

Prints one line per campaign and a total:
  soak: runs N, lost L, duplicated D, damaged X
and exits 1 when any of L, D, X is not zero.

Usage: soak.py --vanthu PATH [--fault-runs N] [--kill-runs N]
               [--sign-kills N] [--seed S] [--tap] [--keep]
"""

import argparse
import glob
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
REFSERVER = os.path.join(TOP, "tests", "server", "refserver")
MKTOKEN = os.path.join(TOP, "tests", "tools", "mktoken")
MKDRAFTPDF = os.path.join(TOP, "tests", "tools", "mkdraftpdf")
SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
LEADER = "chutich"
DRAFTER = "chuyenvien1"

# Faults on the POST of an action (docs/api.md section 10), with their
# weights: the common ones often, the slow ones (a deadline to reach)
# rarely.
FAULTS = [
    (6, {"kind": "status", "status": 503, "retry_after": 0}),
    (4, {"kind": "status", "status": 500}),
    (3, {"kind": "status", "status": 502}),
    (3, {"kind": "status", "status": 504}),
    (2, {"kind": "status", "status": 408}),
    (2, {"kind": "status", "status": 429, "retry_after": 1}),
    (8, {"kind": "drop"}),
    (5, {"kind": "truncate"}),
    (5, {"kind": "badjson"}),
    (3, {"kind": "delay", "delay_ms": 300}),
    (2, {"kind": "oversize", "size": 1_200_000}),
    (3, {"kind": "field", "field": "id", "value": None}),
    (2, {"kind": "field", "field": "comment", "value": "x" * 40}),
    (3, {"kind": "expire_tokens"}),
    (1, {"kind": "trickle"}),
    (1, {"kind": "delay", "delay_ms": 4500}),   # beyond the deadline
]


class Soak:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tmp = tempfile.mkdtemp(prefix="vanthu-soak.")
        self.env = dict(os.environ)
        for name in ("config", "state", "cache"):
            self.env["XDG_%s_HOME" % name.upper()] = os.path.join(self.tmp,
                                                                  name)
        self.env["HOME"] = os.path.join(self.tmp, "home")
        # Its own TMPDIR: the work directories of draft sign are nobody
        # else's to clean (another vanthu cleaning stale ones at start).
        self.env["TMPDIR"] = os.path.join(self.tmp, "tmpdir")
        os.makedirs(self.env["TMPDIR"])
        self.env["LC_ALL"] = "C.UTF-8"
        self.env["LANGUAGE"] = ""
        os.makedirs(os.path.join(self.tmp, "config", "vanthu"))
        os.makedirs(self.env["HOME"])
        self.server = None
        self.marks = {}          # comment text -> document id
        self.serial = 0
        self.log = open(os.path.join(self.tmp, "soak.log"), "w")
        self.sign_ok = False
        self.drafts = []
        self.pin = None
        self.self_check = ((0, 0), (0, 0))
        self.shrink = 1.0        # kill delays scaled to what runs take

    # -- plumbing --------------------------------------------------------

    def note(self, msg):
        self.log.write(msg + "\n")
        self.log.flush()

    def start_server(self):
        out = open(os.path.join(self.tmp, "url"), "w+")
        err = open(os.path.join(self.tmp, "server.log"), "a")
        self.server = subprocess.Popen(
            [sys.executable, REFSERVER, "--state",
             os.path.join(self.tmp, "srv"), "--port", "0", "--quiet"],
            stdout=out, stderr=err)
        deadline = time.time() + 120
        while time.time() < deadline:
            out.seek(0)
            line = out.readline().strip()
            if line:
                self.url = line
                break
            if self.server.poll() is not None:
                raise SystemExit("soak: the reference server did not start")
            time.sleep(0.05)
        else:
            raise SystemExit("soak: the reference server did not start")
        self.ca = os.path.join(self.tmp, "srv", "tls-ca.pem")
        self.db = os.path.join(self.tmp, "srv", "vanthu.db")
        conf = ("server = %s\nca_file = %s\n"
                "connect_timeout = 3\nlow_speed_time = 3\n"
                "request_timeout = 3\nmax_response_mb = 1\n"
                "pkcs11_module = %s\ntrust_file = %s\n" %
                (self.url, self.ca, SOFTHSM,
                 os.path.join(self.tmp, "srv", "signing-ca.pem")))
        with open(os.path.join(self.tmp, "config", "vanthu", "config"),
                  "w") as f:
            f.write(conf + "retries = 1\n")
        # For queueing while the server refuses: no retry.
        self.noretry = os.path.join(self.tmp, "noretry.conf")
        with open(self.noretry, "w") as f:
            f.write(conf + "retries = 0\n")

    def stop_server(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait()
            self.server = None

    def vt(self, *argv, stdin=None, timeout=120):
        """Run vanthu to the end: (exit status, stdout, stderr)."""
        t0 = time.time()
        p = subprocess.run([self.args.vanthu] + list(argv), env=self.env,
                           input=stdin, capture_output=True, text=True,
                           timeout=timeout)
        self.note("$ vanthu %s -> %d (%.2f s)\n%s%s" % (
            " ".join(argv), p.returncode, time.time() - t0, p.stdout[-2000:],
                                               p.stderr[-2000:]))
        return p.returncode, p.stdout, p.stderr

    def admin(self, method, path, body=None):
        import ssl
        ctx = ssl.create_default_context(cafile=self.ca)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data,
                                     method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, context=ctx, timeout=60) as r:
            return r.read()

    def fault(self, rule):
        self.admin("POST", "/admin/faults", rule)

    def faults_clear(self):
        self.admin("DELETE", "/admin/faults")

    def sql(self, query, args=()):
        c = sqlite3.connect(self.db, timeout=60)
        try:
            return c.execute(query, args).fetchall()
        finally:
            c.close()

    def login(self, user):
        rc, out, err = self.vt("login", "--username", user,
                               "--password-stdin", stdin=user + "-2026\n")
        return rc

    def outbox_dir(self):
        found = glob.glob(os.path.join(self.tmp, "state", "vanthu",
                                       "outbox", "*@" + LEADER, "new"))
        return os.path.dirname(found[0]) if found else None

    def new_mark(self, doc):
        self.serial += 1
        text = "Soak %d-%08x: ý kiến chỉ đạo" % (self.serial,
                                                  self.rng.getrandbits(32))
        self.marks[text] = doc
        return text

    def arrived(self, text):
        return self.sql("SELECT count(*) FROM comments WHERE text=?",
                        (text,))[0][0]

    def queued_texts(self):
        """The actions found in the outbox now: comment texts, draft ids.

        A file counts once committed: in new/ or failed/, or in tmp/
        under its final name (written and fsynced, killed before its
        rename into new/: vanthu must promote it).  A partial temporary
        file (NAME.tmp.PID.N, not yet fsynced and renamed) is not queued:
        the command never said it was, and vanthu removes it.
        """
        found_texts, found_drafts = set(), set()
        ob = self.outbox_dir()
        if ob is None:
            return found_texts, found_drafts
        for sub in ("new", "tmp", "failed"):
            for path in glob.glob(os.path.join(ob, sub, "*")):
                self.note("after the kill: %s/%s" %
                          (sub, os.path.basename(path)))
                if ".tmp." in os.path.basename(path):
                    continue
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                head, _, body = data.partition(b"\n")
                try:
                    meta = json.loads(head)
                except ValueError:
                    continue
                if not isinstance(meta, dict):
                    continue
                path_field = str(meta.get("path", ""))
                if path_field.endswith("/comments"):
                    try:
                        j = json.loads(body)
                    except ValueError:
                        continue
                    if isinstance(j, dict) and isinstance(j.get("text"), str):
                        found_texts.add(j["text"])
                elif path_field.endswith("/signed"):
                    if body.startswith(b"%PDF") and \
                            b"%%EOF" in body[-1024:]:
                        found_drafts.add(path_field.split("/")[2])
        return found_texts, found_drafts

    # -- checks ----------------------------------------------------------

    def check_local(self, where):
        """Nothing local damaged, nothing left: 0 or 1 damaged."""
        ob = self.outbox_dir()
        left = glob.glob(os.path.join(ob, "tmp", "*")) if ob else []
        if left:
            # an action vanthu neither sent nor listed (hidden in tmp/)
            self.note("DAMAGED (%s): left in tmp/: %s" % (where, left))
            return 1
        rc, out, err = self.vt("outbox", "--json")
        if rc != 0:
            self.note("DAMAGED (%s): outbox --json exits %d" % (where, rc))
            return 1
        try:
            actions = json.loads(out)["actions"]
        except (ValueError, KeyError, TypeError):
            self.note("DAMAGED (%s): outbox --json is not JSON" % where)
            return 1
        if actions:
            self.note("DAMAGED (%s): left in the outbox: %s" %
                      (where, json.dumps(actions, ensure_ascii=False)))
            return 1
        rc, out, err = self.vt("inbox", "--offline")
        if rc != 0:
            self.note("DAMAGED (%s): inbox --offline exits %d" % (where, rc))
            return 1
        return 0

    def settle(self, where):
        """Restart vanthu until the outbox is sent (log in again if the
        session expired).  0, or 1 when it cannot be emptied."""
        for _ in range(6):
            rc, out, err = self.vt("outbox", "flush")
            if rc == 0:
                return 0
            if rc == 4:
                self.login(LEADER)
                continue
            time.sleep(0.2)
        self.note("DAMAGED (%s): outbox flush keeps failing" % where)
        return 1

    def count(self, texts, queued, where):
        """(lost, duplicated) over the comment TEXTS."""
        lost = dup = 0
        for t in texts:
            n = self.arrived(t)
            if n > 1:
                dup += 1
                self.note("DUPLICATED (%s): %r arrived %d times" %
                          (where, t, n))
            elif n == 0 and t in queued:
                lost += 1
                self.note("LOST (%s): %r was queued, never arrived" %
                          (where, t))
        return lost, dup

    # -- setup -----------------------------------------------------------

    def setup(self):
        self.start_server()
        self.start_token()
        if self.login(LEADER) != 0:
            raise SystemExit("soak: cannot log in as %s" % LEADER)
        rc, out, err = self.vt("inbox", "--json")
        if rc != 0:
            raise SystemExit("soak: inbox fails: " + err)
        docs = [d["id"] for d in json.loads(out)["documents"]
                if d.get("status") not in ("02", "06")]
        if not docs:
            raise SystemExit("soak: no document to comment on")
        self.docs = docs[:8]
        # A comment without faults: how long a whole `comment` takes.
        t0 = time.time()
        text = self.new_mark(self.docs[0])
        rc, out, err = self.vt("comment", self.docs[0], text)
        self.comment_time = max(0.05, time.time() - t0)
        if rc != 0 or self.arrived(text) != 1:
            raise SystemExit("soak: a plain comment fails: " + err)

    def start_token(self):
        """Make the leader's SoftHSM2 token in the background (RSA keys
        take a while); setup_sign waits for it."""
        self.mktoken = None
        for tool in ("softhsm2-util", "pkcs11-tool", "openssl"):
            if shutil.which(tool) is None:
                return
        if not os.path.exists(SOFTHSM):
            return
        self.tok = os.path.join(self.tmp, "tok")
        self.mktoken = subprocess.Popen(
            ["sh", MKTOKEN, "--state", os.path.join(self.tmp, "srv"),
             "--user", LEADER, "--out", self.tok], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=self.env)

    def restore_token(self):
        """Put the token's files back as they were made.  SoftHSM2
        rewrites its token.object in place at login, so a SIGKILL at
        the wrong moment empties it: the test token is damaged, not
        vanthu's files (a real card is not written by the host)."""
        shutil.rmtree(os.path.join(self.tok, "tokens"))
        shutil.copytree(os.path.join(self.tok, "tokens.made"),
                        os.path.join(self.tok, "tokens"))

    def setup_sign(self, n):
        """N drafts awaiting the leader's signature, and the leader's
        SoftHSM2 token.  False when the signing tools are missing."""
        if self.mktoken is None:
            return False
        out, err = self.mktoken.communicate()
        if self.mktoken.returncode != 0:
            self.note("mktoken: " + err)
            return False
        shutil.copytree(os.path.join(self.tok, "tokens"),
                        os.path.join(self.tok, "tokens.made"))
        for line in out.splitlines():
            name, _, value = line.partition("=")
            if name == "SOFTHSM2_CONF":
                self.env["SOFTHSM2_CONF"] = value
            elif name == "TOKEN_PIN":
                self.pin = value
                self.note("the test token's PIN: " + value)
        pdf = os.path.join(self.tmp, "draft.pdf")
        subprocess.run([sys.executable, MKDRAFTPDF, pdf,
                        "Điều 1. Thành lập tổ công tác phòng chống lụt bão.",
                        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."],
                       check=True)
        self.login(DRAFTER)
        for i in range(n):
            rc, out, err = self.vt(
                "draft", "new", pdf, "--type", "QĐ", "--subject",
                "Về việc thành lập tổ công tác số %d" % (i + 1),
                "--signer", LEADER, "--competence", "TM.", "--position",
                "CHỦ TỊCH", "--json")
            if rc != 0:
                self.note("draft new: " + err)
                break
            self.drafts.append(json.loads(out)["id"])
        self.login(LEADER)
        return len(self.drafts) == n

    def signed(self, draft):
        return self.sql("SELECT count(*) FROM versions WHERE draft_id=? "
                        "AND kind='signed'", (int(draft[1:]),))[0][0]

    # -- the fault campaign ----------------------------------------------

    def pick_fault(self):
        total = sum(w for w, _ in FAULTS)
        x = self.rng.uniform(0, total)
        for w, rule in FAULTS:
            x -= w
            if x <= 0:
                return dict(rule)
        return dict(FAULTS[0][1])

    def fault_run(self, i):
        doc = self.rng.choice(self.docs)
        rule = self.pick_fault()
        kinds = rule["kind"]
        if rule["kind"] == "expire_tokens":
            self.admin("POST", "/admin/faults", rule)
        else:
            rule.update({"path_prefix": "/api/v1/incoming/",
                         "method": "POST",
                         "count": self.rng.choice((1, 1, 2, 3))})
            self.fault(rule)
            if self.rng.random() < 0.25:
                # a second fault behind the first one
                extra = self.pick_fault()
                if extra["kind"] != "expire_tokens":
                    extra.update({"path_prefix": "/api/v1/incoming/",
                                  "method": "POST", "count": 1})
                    self.fault(extra)
                    kinds += "+" + extra["kind"]
        texts = []
        for _ in range(self.rng.choice((1, 1, 2, 3))):
            text = self.new_mark(doc)
            texts.append(text)
            rc, out, err = self.vt("comment", doc, text)
            if rc not in (0, 3, 4):
                self.note("run %d (%s): comment exits %d: %s" %
                          (i, kinds, rc, err))
        self.faults_clear()
        damaged = self.settle("fault run %d, %s" % (i, kinds))
        lost, dup = self.count(texts, set(texts),
                               "fault run %d, %s" % (i, kinds))
        damaged += self.check_local("fault run %d, %s" % (i, kinds))
        self.note("fault run %d (%s): %d actions, lost %d, dup %d, "
                  "damaged %d" % (i, kinds, len(texts), lost, dup, damaged))
        return lost, dup, min(damaged, 1)

    def sabotage_run(self, how):
        """The soak's own check: an action queued while the server is out
        of service, then its file removed from new/ ("lose") or copied
        under another name and Idempotency-Key ("duplicate") behind
        vanthu's back.  The count must see it: (lost, duplicated)."""
        doc = self.docs[0]
        self.fault({"kind": "status", "status": 503, "count": -1,
                    "path_prefix": "/api/v1/incoming/", "method": "POST"})
        text = self.new_mark(doc)
        self.vt("-c", self.noretry, "comment", doc, text)
        self.faults_clear()
        new = os.path.join(self.outbox_dir(), "new")
        for name in os.listdir(new):
            path = os.path.join(new, name)
            if how == "lose":
                os.unlink(path)
                continue
            with open(path, "rb") as f:
                head, _, body = f.read().partition(b"\n")
            meta = json.loads(head)
            meta["key"] = "%08x-0000-4000-8000-%012x" % (
                self.rng.getrandbits(32), self.rng.getrandbits(48))
            with open(path[:-8] + "ffffffff", "wb") as f:
                f.write(json.dumps(meta).encode() + b"\n" + body)
        self.settle("sabotage " + how)
        lost, dup = self.count([text], {text}, "sabotage " + how)
        self.note("sabotage %s: lost %d, dup %d" % (how, lost, dup))
        return lost, dup

    # -- the kill campaign -------------------------------------------------

    def spawn(self, argv, stdin=None):
        self.note("$ vanthu %s (to be killed)" % " ".join(argv))
        return subprocess.Popen([self.args.vanthu] + argv, env=self.env,
                                stdin=subprocess.PIPE if stdin else
                                subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def kill_after(self, p, delay, stdin=None):
        if stdin is not None:
            try:
                p.stdin.write(stdin.encode())
                p.stdin.close()
            except OSError:
                pass
        t0 = time.time()
        try:
            p.wait(timeout=delay)
            finished = True
            # It ran faster than thought (the machine got less busy):
            # aim the next kills at its real length.
            self.shrink = min(1.0, max(0.2, 0.8 * self.shrink *
                                       (time.time() - t0) / max(delay,
                                                                1e-3)
                                       + 0.2 * self.shrink))
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            finished = False
        return finished

    def kill_comment(self, i):
        doc = self.rng.choice(self.docs)
        text = self.new_mark(doc)
        delay = self.rng.uniform(0, self.comment_time * 1.2 * self.shrink)
        p = self.spawn(["comment", doc, text])
        done = self.kill_after(p, delay)
        return [text], done

    def kill_flush(self, i):
        doc = self.rng.choice(self.docs)
        texts = []
        # Queued while the server is out of service (503 on every POST).
        self.fault({"kind": "status", "status": 503, "count": -1,
                    "path_prefix": "/api/v1/incoming/", "method": "POST"})
        for _ in range(self.rng.randint(1, 4)):
            text = self.new_mark(doc)
            texts.append(text)
            self.vt("-c", self.noretry, "comment", doc, text)
        self.faults_clear()
        delay = self.rng.uniform(0, self.comment_time * self.shrink *
                                 (len(texts) + 0.5))
        p = self.spawn(["outbox", "flush"])
        done = self.kill_after(p, delay)
        return texts, done

    def kill_sign(self, i):
        draft = self.drafts.pop()
        delay = self.rng.uniform(0, self.sign_time * 1.2 * self.shrink)
        p = self.spawn(["draft", "sign", draft, "--yes", "--pin-stdin"],
                       stdin=True)
        done = self.kill_after(p, delay, stdin=self.pin + "\n")
        self.restore_token()
        return draft, done

    def time_sign(self):
        draft = self.drafts.pop()
        t0 = time.time()
        rc, out, err = self.vt("draft", "sign", draft, "--yes",
                               "--pin-stdin", stdin=self.pin + "\n")
        self.sign_time = max(0.1, time.time() - t0)
        return rc == 0 and self.signed(draft) == 1

    def kill_run(self, i, op):
        where = "kill run %d (%s)" % (i, op)
        if op == "sign":
            draft, done = self.kill_sign(i)
            texts = []
        elif op == "flush":
            texts, done = self.kill_flush(i)
        else:
            texts, done = self.kill_comment(i)
        queued_texts, queued_drafts = self.queued_texts()
        sent = {t for t in texts if self.arrived(t) > 0}
        queued = queued_texts | sent
        damaged = 0
        # Restart: look at the outbox, then send it.
        rc, out, err = self.vt("outbox", "--json")
        if rc != 0:
            damaged = 1
            self.note("DAMAGED (%s): outbox after the kill exits %d" %
                      (where, rc))
        else:
            for a in json.loads(out)["actions"]:
                if a.get("state") in ("damaged", "failed"):
                    damaged = 1
                    self.note("DAMAGED (%s): %s" %
                              (where, json.dumps(a, ensure_ascii=False)))
        damaged |= self.settle(where)
        lost, dup = self.count(texts, queued, where)
        if op == "sign":
            n = self.signed(draft)
            if n > 1:
                dup += 1
                self.note("DUPLICATED (%s): %s signed %d times" %
                          (where, draft, n))
            elif n == 0 and draft in queued_drafts:
                lost += 1
                self.note("LOST (%s): the signature of %s was queued" %
                          (where, draft))
            elif n == 0:
                # Never queued: the user signs again; it must work.
                rc, out, err = self.vt("draft", "sign", draft, "--yes",
                                       "--pin-stdin", stdin=self.pin + "\n")
                if rc != 0 or self.signed(draft) != 1:
                    damaged = 1
                    self.note("DAMAGED (%s): signing %s again exits %d: %s"
                              % (where, draft, rc, err))
        damaged |= self.check_local(where)
        self.note("%s: %s, lost %d, dup %d, damaged %d" %
                  (where, "finished" if done else "killed", lost, dup,
                   damaged))
        return lost, dup, damaged, done

    # -- main ------------------------------------------------------------

    def run(self):
        a = self.args
        self.setup()
        results = []
        t0 = time.time()
        tot = [0, 0, 0]
        for i in range(a.fault_runs):
            r = self.fault_run(i)
            tot = [x + y for x, y in zip(tot, r)]
        results.append(("faults", a.fault_runs, tot, None))
        self.note("fault campaign: %.1f s" % (time.time() - t0))

        sign_kills = a.sign_kills if a.kill_runs else 0
        if sign_kills:
            if self.setup_sign(sign_kills + 1) and self.time_sign():
                self.sign_ok = True
            else:
                print("# soak: signing tools missing or signing fails: "
                      "no kill during draft sign", file=sys.stderr)
                sign_kills = 0
        ops = ["sign"] * sign_kills
        rest = a.kill_runs - len(ops)
        ops += ["flush"] * (rest // 2) + ["comment"] * (rest - rest // 2)
        self.rng.shuffle(ops)
        t0 = time.time()
        tot = [0, 0, 0]
        killed = 0
        for i, op in enumerate(ops):
            lost, dup, dmg, done = self.kill_run(i, op)
            tot = [x + y for x, y in zip(tot, (lost, dup, dmg))]
            killed += not done
        # --min-kills: more runs until that many were killed mid-run (a
        # run that finished before its kill proves less), at most as
        # many again as planned.
        extra = 0
        while killed < a.min_kills and extra < max(a.kill_runs, 1):
            op = self.rng.choice(["flush", "comment"])
            ops.append(op)
            lost, dup, dmg, done = self.kill_run(len(ops) - 1, op)
            tot = [x + y for x, y in zip(tot, (lost, dup, dmg))]
            killed += not done
            extra += 1
        results.append(("kill -9", len(ops), tot, killed))
        self.note("kill campaign: %.1f s" % (time.time() - t0))
        if a.self_check:
            self.self_check = (self.sabotage_run("lose"),
                               self.sabotage_run("duplicate"))
        return results

    def close(self):
        self.stop_server()
        self.log.close()
        if self.args.keep:
            print("# soak: kept %s" % self.tmp, file=sys.stderr)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vanthu", required=True)
    ap.add_argument("--fault-runs", type=int, default=1000)
    ap.add_argument("--kill-runs", type=int, default=200)
    ap.add_argument("--min-kills", type=int, default=0,
                    help="run more kill runs until this many were killed "
                    "before they finished")
    ap.add_argument("--sign-kills", type=int, default=40,
                    help="how many of the kill runs kill draft sign")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--self-check", action="store_true",
                    help="also lose and duplicate an action behind "
                    "vanthu's back and check that the soak counts them")
    ap.add_argument("--tap", action="store_true",
                    help="print TAP (for make check)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directory (and its log)")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), "big")
    s = Soak(args)
    failed = False
    try:
        results = s.run()
    except BaseException:
        s.args.keep = True
        s.close()
        raise
    total = [0, 0, 0, 0]
    n = 0
    for name, runs, (lost, dup, dmg), killed in results:
        extra = " (%d killed before they finished)" % killed \
            if killed is not None else ""
        line = "soak %s: runs %d, lost %d, duplicated %d, damaged %d%s" % (
            name, runs, lost, dup, dmg, extra)
        total = [total[0] + runs, total[1] + lost, total[2] + dup,
                 total[3] + dmg]
        if args.tap:
            n += 1
            ok = lost == 0 and dup == 0 and dmg == 0
            print("%s %d - %s" % ("ok" if ok else "not ok", n, line))
        else:
            print(line)
    summary = "soak: runs %d, lost %d, duplicated %d, damaged %d (seed %d)" \
        % tuple(total + [args.seed])
    failed = any(total[1:])
    if failed:
        s.args.keep = True
    if args.tap:
        print("# " + summary)
        for name, runs, _, killed in results:
            n += 1
            want = getattr(args, "fault_runs" if name == "faults"
                           else "kill_runs")
            print("%s %d - %s campaign made its %d runs" %
                  ("ok" if runs == want else "not ok", n, name, want))
        if args.self_check:
            (l1, d1), (l2, d2) = s.self_check
            n += 1
            print("%s %d - the soak counts an action removed from the "
                  "outbox as lost" % ("ok" if l1 == 1 and d1 == 0 else
                                      "not ok", n))
            n += 1
            print("%s %d - the soak counts an action sent twice as "
                  "duplicated" % ("ok" if d2 == 1 and l2 == 0 else
                                  "not ok", n))
        if s.sign_ok or not args.sign_kills:
            n += 1
            print("ok %d - kills during draft sign%s" %
                  (n, "" if args.sign_kills else " # SKIP none asked"))
        else:
            n += 1
            print("ok %d - kills during draft sign # SKIP SoftHSM2 or "
                  "signing tools missing" % n)
        print("1..%d" % n)
    else:
        print(summary)
    s.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
