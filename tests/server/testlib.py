"""Helpers for the reference server's tests: start it, talk to it, sign.

Every test talks to a real refserver process over real TLS, verifying
the server certificate against STATE/tls-ca.pem.  State lives in a
temporary directory, never in the source tree (make distcheck runs the
tests with a read-only srcdir).
"""

import gzip
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REFSERVER = os.path.join(HERE, "refserver")
ADDSIG = os.path.join(HERE, "addsigfield.js")
SEED = os.path.join(HERE, "seed")

with open(os.path.join(SEED, "accounts.json"), encoding="utf-8") as _f:
    ACCOUNTS = {a["username"]: a for a in json.load(_f)}


class Response:
    """Status, headers (lower-case names) and body of one answer."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body

    @property
    def body(self):
        if self.headers.get("content-encoding") == "gzip":
            return gzip.decompress(self.raw)
        return self.raw

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def error_code(self):
        return self.json()["error"]["code"]

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.body[:300])


class RefServer:
    """A refserver process in a temporary state directory."""

    def __init__(self, *extra, state=None):
        """Start refserver; with state=DIR reuse that state directory
        (it is then left in place by stop())."""
        self.tmp = tempfile.mkdtemp(prefix="vt-refserver-")
        self.state = state or os.path.join(self.tmp, "state")
        self.log = open(os.path.join(self.tmp, "server.log"), "w+")
        self.proc = subprocess.Popen(
            [sys.executable, REFSERVER, "--state", self.state, "--port", "0"]
            + list(extra), stdout=subprocess.PIPE, stderr=self.log,
            text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("https://"):
            self.proc.kill()
            self.log.seek(0)
            raise RuntimeError("refserver did not start: %r\n%s" %
                               (line, self.log.read()))
        self.url = line
        parts = urllib.parse.urlsplit(line)
        self.host, self.port = parts.hostname, parts.port
        self.ctx = ssl.create_default_context(
            cafile=os.path.join(self.state, "tls-ca.pem"))
        self.tokens = {}

    def stop(self):
        """SIGTERM, wait; return the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return self.proc.returncode

    def connection(self, timeout=30):
        return http.client.HTTPSConnection(self.host, self.port,
                                           context=self.ctx, timeout=timeout)

    def request(self, method, path, body=None, headers=None, token=None,
                user=None, timeout=30):
        """One request on a fresh connection; returns a Response."""
        headers = dict(headers or {})
        if user is not None:
            token = self.token(user)
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        conn = self.connection(timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, {k.lower(): v for k, v in
                                       r.getheaders()}, data)
        finally:
            conn.close()

    def api(self, method, path, body=None, **kw):
        return self.request(method, "/api/v1" + path, body, **kw)

    def login(self, username, password=None):
        r = self.api("POST", "/auth/login", {
            "username": username,
            "password": password or ACCOUNTS[username]["password"]})
        return r

    def token(self, username):
        """A cached token for username (logs in on first use)."""
        if username not in self.tokens:
            r = self.login(username)
            assert r.status == 200, r
            self.tokens[username] = r.json()["token"]
        return self.tokens[username]

    def admin(self, method, path, body=None):
        return self.request(method, "/admin" + path, body)


class ServerTestCase(unittest.TestCase):
    """One refserver (demo seed) for all tests of a class."""

    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = RefServer(*cls.server_args)

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        if rc != 0:
            raise AssertionError("refserver exited with %r on SIGTERM" % rc)

    def assertStatus(self, response, status, code=None):
        self.assertEqual(response.status, status, response)
        if code is not None:
            self.assertEqual(response.error_code(), code, response)


# -- signing helpers (openssl CLI + mutool sign) -----------------------------

def run(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **kw)


class Signer:
    """Makes certificates and PKCS#12 files, signs PDFs with mutool."""

    PASSWORD = "1234"

    def __init__(self, state):
        self.state = state
        self.dir = tempfile.mkdtemp(prefix="vt-signer-")
        self.n = 0

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def cert(self, subject, key_usage="critical,digitalSignature,"
             "nonRepudiation", ca=None, ca_key=None):
        """A PKCS#12 with an RSA-2048 key and a certificate for subject,
        issued by the server's signing CA unless ca/ca_key are given."""
        self.n += 1
        base = os.path.join(self.dir, "c%d" % self.n)
        ca = ca or os.path.join(self.state, "signing-ca.pem")
        ca_key = ca_key or os.path.join(self.state, "signing-ca-key.pem")
        with open(base + ".ext", "w") as f:
            f.write("basicConstraints=CA:FALSE\nkeyUsage=%s\n"
                    "subjectKeyIdentifier=hash\n"
                    "authorityKeyIdentifier=keyid,issuer\n" % key_usage)
        run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes",
            "-keyout", base + ".key", "-out", base + ".csr", "-utf8",
            "-subj", subject)
        run("openssl", "x509", "-req", "-in", base + ".csr", "-CA", ca,
            "-CAkey", ca_key, "-set_serial", str(1000 + self.n), "-days",
            "30", "-out", base + ".pem", "-extfile", base + ".ext")
        run("openssl", "pkcs12", "-export", "-inkey", base + ".key", "-in",
            base + ".pem", "-certfile", ca, "-out", base + ".p12",
            "-passout", "pass:" + self.PASSWORD)
        return base + ".p12"

    def own_ca(self):
        """A CA that the server does not trust: (cert, key)."""
        self.n += 1
        base = os.path.join(self.dir, "ca%d" % self.n)
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", base + ".key", "-out", base + ".pem", "-days", "30",
            "-subj", "/CN=untrusted test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        return base + ".pem", base + ".key"

    def add_field(self, data, name="ChuKy"):
        """data + an incremental update adding an empty signature field;
        returns (bytes, object number of the widget)."""
        self.n += 1
        path = os.path.join(self.dir, "f%d.pdf" % self.n)
        with open(path, "wb") as f:
            f.write(data)
        num = run("mutool", "run", ADDSIG, path, path, name,
                  text=True).stdout.strip()
        with open(path, "rb") as f:
            return f.read(), num

    def sign(self, data, p12, name="ChuKy"):
        """data + a new signature field signed with p12 (incremental)."""
        prepared, num = self.add_field(data, name)
        self.n += 1
        src = os.path.join(self.dir, "s%d.pdf" % self.n)
        out = os.path.join(self.dir, "o%d.pdf" % self.n)
        with open(src, "wb") as f:
            f.write(prepared)
        run("mutool", "sign", "-s", p12, "-P", self.PASSWORD, "-o", out, src,
            num)
        with open(out, "rb") as f:
            signed = f.read()
        if not signed.startswith(data):
            raise AssertionError("mutool sign did not append incrementally")
        return signed


def personal_subject(username):
    a = ACCOUNTS[username]
    return ("/C=VN/ST=Thanh Hóa/O=UBND xã Hoằng Quý/CN=%s/UID=%s" %
            (a["full_name"], username))


def agency_subject(organ_id="000.31.22.H56", organ_name="UBND xã Hoằng Quý"):
    return ("/C=VN/ST=Thanh Hóa/O=%s/CN=%s/UID=AGENCY:%s" %
            (organ_name, organ_name, organ_id))
