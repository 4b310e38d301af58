"""Trust services of the reference server, as real components.

A plain-HTTP listener on the loopback address (TSA, OCSP and CRL are
http:// services, as a CA's are) serving:

- POST /tsa: an RFC 3161 time-stamping authority (`openssl ts -reply`)
  whose certificate DIR/pki/tsa-cert.pem the signing CA issues
  (extendedKeyUsage critical,timeStamping);
- POST /ocsp and GET /ocsp/BASE64: an RFC 6960 OCSP responder for the
  signing CA (`openssl ocsp -index`, responses signed by the CA);
- GET /crl/signing-ca.crl: the signing CA's CRL (RFC 5280, DER),
  made by `openssl ca -gencrl` at each request.

The CA database DIR/pki/index.txt lists every certificate the CA issued
(tests/tools/mktoken appends its certificates under DIR/pki/index.lock).
The URLs are written to DIR/tsa-url, DIR/ocsp-url and DIR/crl-url at
start; the port is kept in DIR/pki/port and reused at the next start, so
that certificates issued earlier still point at the right place.

Admin (loopback-only, through the HTTPS server's /admin):
  POST /admin/revoke {"username": U, "reason": "keyCompromise"}
  POST /admin/revoke {"tsa": true, "reason": ...}: the TSA's certificate
  POST /admin/pki {"ocsp": "down"|"up", "tsa": MODE}
The TSA's MODE: "up"; "down" (HTTP 503); and, for hostile tests, three
that answer 200 with something a client must refuse: "reject" (an RFC
3161 response with status rejection and a status text), "garbage" (bytes
that are no DER at all, with terminal control sequences) and
"wrong_imprint" (a well-signed token over another message imprint than
the one asked, with the nonce asked).
"""

import base64
import datetime
import fcntl
import os
import subprocess
import tempfile
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REASONS = ("unspecified", "keyCompromise", "CACompromise",
           "affiliationChanged", "superseded", "cessationOfOperation",
           "certificateHold")
BODY_LIMIT = 64 << 10
TSA_MODES = ("up", "down", "reject", "garbage", "wrong_imprint")
GARBAGE = b"\x1b[2J\x1b]0;owned\x07 this is not a timestamp \x9b31m\n"
ACTIVE = None          # the running Pki, for the admin endpoints


def _run(args, data=None):
    r = subprocess.run(args, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (args[1],
                                               r.stderr.decode(errors="replace")))
    return r.stdout


class Pki:
    """The CA database, the TSA and the listener."""

    def __init__(self, state_dir, host="127.0.0.1"):
        self.state = state_dir
        self.dir = os.path.join(state_dir, "pki")
        os.makedirs(self.dir, exist_ok=True)
        self.host = host
        self.down = {"ocsp": False}
        self.tsa_mode = "up"
        self.lock = threading.Lock()
        self.ca = os.path.join(state_dir, "signing-ca.pem")
        self.ca_key = os.path.join(state_dir, "signing-ca-key.pem")
        self.index = os.path.join(self.dir, "index.txt")
        for name in ("index.txt",):
            p = os.path.join(self.dir, name)
            if not os.path.exists(p):
                open(p, "w").close()
        p = os.path.join(self.dir, "index.txt.attr")
        if not os.path.exists(p):
            with open(p, "w") as f:
                f.write("unique_subject = no\n")
        p = os.path.join(self.dir, "crlnumber")
        if not os.path.exists(p):
            with open(p, "w") as f:
                f.write("1000\n")
        self.httpd = None

    # -- files ------------------------------------------------------------

    def url(self, path):
        return "http://%s:%d%s" % (self.host, self.port, path)

    def _ca_cnf(self):
        p = os.path.join(self.dir, "ca.cnf")
        with open(p, "w") as f:
            f.write("[ca]\ndefault_ca=vt\n[vt]\ndir=%s\n"
                    "database=$dir/index.txt\nnew_certs_dir=$dir\n"
                    "crlnumber=$dir/crlnumber\ncertificate=%s\n"
                    "private_key=%s\ndefault_md=sha256\n"
                    "default_crl_days=7\nrand_serial=yes\n"
                    "policy=anything\nunique_subject=no\npreserve=yes\n"
                    "[anything]\ncommonName=supplied\n"
                    "countryName=optional\norganizationName=optional\n"
                    "[tsa_ext]\nbasicConstraints=critical,CA:FALSE\n"
                    "keyUsage=critical,digitalSignature,nonRepudiation\n"
                    "extendedKeyUsage=critical,timeStamping\n"
                    "subjectKeyIdentifier=hash\n"
                    "authorityKeyIdentifier=keyid,issuer\n"
                    "authorityInfoAccess=OCSP;URI:%s\n"
                    "crlDistributionPoints=URI:%s\n"
                    % (self.dir, self.ca, self.ca_key,
                       self.url("/ocsp"), self.url("/crl/signing-ca.crl")))
        return p

    def _tsa_cnf(self):
        p = os.path.join(self.dir, "tsa.cnf")
        with open(p, "w") as f:
            f.write("[tsa]\ndefault_tsa=vt_tsa\n[vt_tsa]\n"
                    "serial=%s/tsa-serial\nsigner_cert=%s/tsa-cert.pem\n"
                    "certs=%s\nsigner_key=%s/tsa-key.pem\n"
                    "signer_digest=sha256\ndefault_policy=1.2.3.4.1\n"
                    "other_policies=1.2.3.4.5\n"
                    "digests=sha256,sha384,sha512\naccuracy=secs:1\n"
                    "ordering=no\ntsa_name=no\ness_cert_id_chain=no\n"
                    "ess_cert_id_alg=sha256\n"
                    % (self.dir, self.dir, self.ca, self.dir))
        p2 = os.path.join(self.dir, "tsa-serial")
        if not os.path.exists(p2):
            with open(p2, "w") as f:
                f.write("01\n")
        return p

    def locked(self):
        """The CA database lock (shared with tests/tools/mktoken)."""
        f = open(os.path.join(self.dir, "index.lock"), "a")
        fcntl.flock(f, fcntl.LOCK_EX)
        return f

    def ensure_tsa(self, port_changed):
        cert = os.path.join(self.dir, "tsa-cert.pem")
        key = os.path.join(self.dir, "tsa-key.pem")
        if os.path.exists(cert) and os.path.exists(key) and not port_changed:
            return
        cnf = self._ca_cnf()
        csr = os.path.join(self.dir, "tsa.csr")
        _run(["openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes",
              "-keyout", key, "-out", csr, "-utf8",
              "-subj", "/C=VN/O=vanthu test/CN=vanthu test TSA"])
        lk = self.locked()
        try:
            _run(["openssl", "ca", "-batch", "-config", cnf, "-extensions",
                  "tsa_ext", "-days", "3650", "-notext", "-in", csr,
                  "-out", cert])
        finally:
            lk.close()
        os.chmod(key, 0o600)
        os.unlink(csr)

    # -- services ---------------------------------------------------------

    def tsa_reply(self, query):
        if self.tsa_mode == "reject":
            return rejection("vanthu test TSA: request rejected "
                             "\x1b[31m(policy)")
        if self.tsa_mode == "garbage":
            return GARBAGE
        if self.tsa_mode == "wrong_imprint":
            query = other_imprint(query)
        cnf = self._tsa_cnf()
        with tempfile.TemporaryDirectory(dir=self.dir) as d:
            q, r = os.path.join(d, "q.tsq"), os.path.join(d, "r.tsr")
            with open(q, "wb") as f:
                f.write(query)
            with self.lock:
                _run(["openssl", "ts", "-reply", "-config", cnf,
                      "-queryfile", q, "-out", r])
            with open(r, "rb") as f:
                return f.read()

    def ocsp_reply(self, req):
        with tempfile.TemporaryDirectory(dir=self.dir) as d:
            q, r = os.path.join(d, "q.der"), os.path.join(d, "r.der")
            with open(q, "wb") as f:
                f.write(req)
            lk = self.locked()
            try:
                _run(["openssl", "ocsp", "-index", self.index, "-CA",
                      self.ca, "-rsigner", self.ca, "-rkey", self.ca_key,
                      "-reqin", q, "-respout", r, "-ndays", "1"])
            finally:
                lk.close()
            with open(r, "rb") as f:
                return f.read()

    def crl(self):
        cnf = self._ca_cnf()
        with tempfile.TemporaryDirectory(dir=self.dir) as d:
            pem = os.path.join(d, "crl.pem")
            lk = self.locked()
            try:
                _run(["openssl", "ca", "-gencrl", "-config", cnf, "-out",
                      pem])
            finally:
                lk.close()
            return _run(["openssl", "crl", "-in", pem, "-outform", "DER"])

    def revoke(self, username, reason):
        """Mark every valid certificate with UID=USERNAME revoked."""
        return self._revoke(lambda cols: "/UID=%s/" % username in
                            cols[5] + "/", reason)

    def revoke_tsa(self, reason):
        """Mark the TSA's certificate revoked (by its serial)."""
        out = _run(["openssl", "x509", "-in",
                    os.path.join(self.dir, "tsa-cert.pem"), "-noout",
                    "-serial"]).decode().strip()
        serial = out.split("=", 1)[1].upper()
        return self._revoke(lambda cols: cols[3].upper() == serial, reason)

    def _revoke(self, match, reason):
        when = datetime.datetime.now(datetime.timezone.utc).strftime(
            "%y%m%d%H%M%SZ")
        n = 0
        lk = self.locked()
        try:
            with open(self.index, encoding="utf-8") as f:
                lines = f.read().splitlines()
            out = []
            for line in lines:
                cols = line.split("\t")
                if len(cols) == 6 and cols[0] == "V" and match(cols):
                    cols[0] = "R"
                    cols[2] = when + ("," + reason
                                      if reason != "unspecified" else "")
                    n += 1
                out.append("\t".join(cols))
            tmp = self.index + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in out))
            os.replace(tmp, self.index)
        finally:
            lk.close()
        return n

    # -- the listener -----------------------------------------------------

    def start(self):
        global ACTIVE
        port_file = os.path.join(self.dir, "port")
        old = 0
        try:
            with open(port_file) as f:
                old = int(f.read().strip() or 0)
        except (OSError, ValueError):
            old = 0
        httpd = None
        if old:
            try:
                httpd = PkiHTTPServer((self.host, old), PkiHandler)
            except OSError:
                httpd = None
        if httpd is None:
            httpd = PkiHTTPServer((self.host, 0), PkiHandler)
        httpd.pki = self
        self.httpd = httpd
        self.port = httpd.server_address[1]
        with open(port_file, "w") as f:
            f.write("%d\n" % self.port)
        self.ensure_tsa(old != self.port)
        for name, path in (("tsa-url", "/tsa"), ("ocsp-url", "/ocsp"),
                           ("crl-url", "/crl/signing-ca.crl")):
            with open(os.path.join(self.state, name), "w") as f:
                f.write(self.url(path) + "\n")
        threading.Thread(target=httpd.serve_forever, kwargs={
            "poll_interval": 0.2}, daemon=True).start()
        ACTIVE = self

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


class PkiHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class PkiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0 or n > BODY_LIMIT:
            return None
        return self.rfile.read(n)

    def serve(self, kind, data):
        pki = self.server.pki
        if kind in ("ocsp", "crl") and pki.down["ocsp"] or \
                kind == "tsa" and pki.tsa_mode == "down":
            return self.reply(503, "text/plain", b"down\n")
        try:
            if kind == "tsa":
                return self.reply(200, "application/timestamp-reply",
                                  pki.tsa_reply(data))
            if kind == "ocsp":
                return self.reply(200, "application/ocsp-response",
                                  pki.ocsp_reply(data))
            return self.reply(200, "application/pkix-crl", pki.crl())
        except RuntimeError as e:
            return self.reply(400, "text/plain", str(e).encode())

    def do_POST(self):
        data = self.body()
        path = self.path.split("?")[0].rstrip("/")
        if data is None:
            return self.reply(413, "text/plain", b"too big\n")
        if path == "/tsa":
            return self.serve("tsa", data)
        if path == "/ocsp":
            return self.serve("ocsp", data)
        return self.reply(404, "text/plain", b"not found\n")

    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/ocsp/"):
            try:
                data = base64.b64decode(urllib.parse.unquote(path[6:]))
            except ValueError:
                return self.reply(400, "text/plain", b"bad request\n")
            return self.serve("ocsp", data)
        if path == "/crl/signing-ca.crl":
            return self.serve("crl", None)
        return self.reply(404, "text/plain", b"not found\n")


def _der(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        k = (n.bit_length() + 7) // 8
        head = bytes([0x80 | k]) + n.to_bytes(k, "big")
    return bytes([tag]) + head + body


def _tlv(b, i):
    """(tag, start of value, end of value) of the DER item at I."""
    n = b[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[j:j + k], "big")
        j += k
    return b[i], j, j + n


def rejection(text):
    """A TimeStampResp with status rejection (RFC 3161 2.4.2), TEXT as
    its statusString and failInfo badRequest."""
    info = (_der(0x02, b"\x02") +
            _der(0x30, _der(0x0c, text.encode("utf-8"))) +
            _der(0x03, b"\x05\x20"))
    return _der(0x30, _der(0x30, info))


def other_imprint(query):
    """QUERY (a TimeStampReq) with every byte of its hashedMessage
    inverted: the same length, algorithm and nonce."""
    b = bytearray(query)
    _, v, _ = _tlv(b, 0)                     # TimeStampReq
    _, _, e = _tlv(b, v)                     # version
    _, mv, _ = _tlv(b, e)                    # messageImprint
    _, _, ae = _tlv(b, mv)                   # hashAlgorithm
    tag, hv, he = _tlv(b, ae)                # hashedMessage
    if tag != 0x04:
        raise RuntimeError("not a TimeStampReq")
    for i in range(hv, he):
        b[i] ^= 0xff
    return bytes(b)


def admin(req, json_body, json_reply, bad):
    """The /admin/revoke and /admin/pki endpoints (None: not ours)."""
    path = req.path.rstrip("/")
    if path not in ("/admin/revoke", "/admin/pki") or req.method != "POST":
        return None
    if ACTIVE is None:
        return json_reply(503, {"error": "pki_off",
                                "message": "Dịch vụ chứng thực chưa chạy"})
    body = json_body(req)
    if path == "/admin/revoke":
        user = body.get("username")
        reason = body.get("reason", "unspecified")
        if reason not in REASONS:
            raise bad("reason", "reason phải là một trong " +
                      ", ".join(REASONS))
        if body.get("tsa") is True:
            return json_reply(200, {"revoked": ACTIVE.revoke_tsa(reason)})
        if not isinstance(user, str) or not user:
            raise bad("username", "Thiếu tên đăng nhập")
        return json_reply(200, {"revoked": ACTIVE.revoke(user, reason)})
    if "ocsp" in body:
        if body["ocsp"] not in ("up", "down"):
            raise bad("ocsp", "up hoặc down")
        ACTIVE.down["ocsp"] = body["ocsp"] == "down"
    if "tsa" in body:
        if body["tsa"] not in TSA_MODES:
            raise bad("tsa", "tsa phải là một trong " + ", ".join(TSA_MODES))
        ACTIVE.tsa_mode = body["tsa"]
    return json_reply(200, {"ocsp": "down" if ACTIVE.down["ocsp"] else "up",
                            "tsa": ACTIVE.tsa_mode})
