"""The trust services: RFC 3161 TSA, OCSP responder, CRL, /admin/revoke."""

import os
import subprocess
import tempfile
import urllib.request

from testlib import ServerTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
MKTOKEN = os.path.join(HERE, "..", "tools", "mktoken")


def openssl(*args, data=None, err=subprocess.STDOUT):
    return subprocess.run(("openssl",) + args, input=data,
                          stdout=subprocess.PIPE, stderr=err, check=False)


class PkiTest(ServerTestCase):

    def url(self, name):
        with open(os.path.join(self.srv.state, name)) as f:
            return f.read().strip()

    def post(self, url, data, ctype):
        req = urllib.request.Request(url, data=data,
                                     headers={"Content-Type": ctype})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read()

    def test_tsa_answers_a_query_openssl_verifies(self):
        with tempfile.TemporaryDirectory() as d:
            data = os.path.join(d, "data")
            with open(data, "wb") as f:
                f.write(b"van ban so 15/QD-UBND")
            q = openssl("ts", "-query", "-data", data, "-sha256", "-cert",
                        err=subprocess.DEVNULL)
            self.assertEqual(q.returncode, 0)
            resp = os.path.join(d, "r.tsr")
            with open(resp, "wb") as f:
                f.write(self.post(self.url("tsa-url"), q.stdout,
                                  "application/timestamp-query"))
            v = openssl("ts", "-verify", "-in", resp, "-data", data,
                        "-CAfile", os.path.join(self.srv.state,
                                                "signing-ca.pem"))
            self.assertIn(b"Verification: OK", v.stdout)
            with open(data, "ab") as f:
                f.write(b"!")
            v = openssl("ts", "-verify", "-in", resp, "-data", data,
                        "-CAfile", os.path.join(self.srv.state,
                                                "signing-ca.pem"))
            self.assertNotIn(b"Verification: OK", v.stdout)

    def test_revoke_shows_in_ocsp_and_crl(self):
        st = self.srv.state
        ca = os.path.join(st, "signing-ca.pem")
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ)
            r = subprocess.run([MKTOKEN, "--state", st, "--user", "phochutich",
                                "--out", os.path.join(d, "tok"), "--export"],
                               stdout=subprocess.PIPE, env=env, check=True)
            self.assertIn(b"KEY_URI=", r.stdout)
            cert = os.path.join(d, "tok", "user-cert.pem")
            ext = openssl("x509", "-in", cert, "-noout", "-ext",
                          "authorityInfoAccess,crlDistributionPoints").stdout
            self.assertIn(self.url("ocsp-url").encode(), ext)
            self.assertIn(self.url("crl-url").encode(), ext)

            def status():
                return openssl("ocsp", "-issuer", ca, "-cert", cert, "-url",
                               self.url("ocsp-url"), "-CAfile", ca).stdout
            self.assertIn(b": good", status())
            r = self.srv.admin("POST", "/revoke", {"username": "phochutich",
                                                   "reason": "keyCompromise"})
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["revoked"], 1)
            out = status()
            self.assertIn(b": revoked", out)
            self.assertIn(b"keyCompromise", out)
            with urllib.request.urlopen(self.url("crl-url"), timeout=30) as u:
                crl = openssl("crl", "-inform", "DER", "-noout", "-text",
                              data=u.read()).stdout
            serial = openssl("x509", "-in", cert, "-noout", "-serial").stdout
            self.assertIn(serial.split(b"=")[1].strip(), crl)
            self.assertIn(b"Key Compromise", crl)
        r = self.srv.admin("POST", "/revoke", {"username": "x",
                                               "reason": "bored"})
        self.assertStatus(r, 400)

    def test_services_can_be_taken_down(self):
        r = self.srv.admin("POST", "/pki", {"ocsp": "down", "tsa": "down"})
        self.assertStatus(r, 200)
        try:
            with self.assertRaises(urllib.error.HTTPError) as e:
                self.post(self.url("tsa-url"), b"x",
                          "application/timestamp-query")
            self.assertEqual(e.exception.code, 503)
        finally:
            self.srv.admin("POST", "/pki", {"ocsp": "up", "tsa": "up"})

    def query(self, d, text=b"van ban so 16/QD-UBND"):
        data = os.path.join(d, "data")
        with open(data, "wb") as f:
            f.write(text)
        q = openssl("ts", "-query", "-data", data, "-sha256", "-cert",
                    err=subprocess.DEVNULL)
        self.assertEqual(q.returncode, 0)
        return data, q.stdout

    def test_tsa_hostile_modes(self):
        ca = os.path.join(self.srv.state, "signing-ca.pem")
        try:
            with tempfile.TemporaryDirectory() as d:
                data, q = self.query(d)
                resp = os.path.join(d, "r.tsr")
                r = self.srv.admin("POST", "/pki", {"tsa": "reject"})
                self.assertStatus(r, 200)
                self.assertEqual(r.json()["tsa"], "reject")
                with open(resp, "wb") as f:
                    f.write(self.post(self.url("tsa-url"), q,
                                      "application/timestamp-query"))
                t = openssl("ts", "-reply", "-in", resp, "-text").stdout
                self.assertIn(b"Status: Rejected", t)
                self.assertIn(b"request rejected", t)
                self.srv.admin("POST", "/pki", {"tsa": "garbage"})
                g = self.post(self.url("tsa-url"), q,
                              "application/timestamp-query")
                self.assertIn(b"not a timestamp", g)
                self.srv.admin("POST", "/pki", {"tsa": "wrong_imprint"})
                with open(resp, "wb") as f:
                    f.write(self.post(self.url("tsa-url"), q,
                                      "application/timestamp-query"))
                # A token that verifies as a token, but over other bytes.
                v = openssl("ts", "-verify", "-in", resp, "-data", data,
                            "-CAfile", ca)
                self.assertNotIn(b"Verification: OK", v.stdout)
                self.assertIn(b"message imprint mismatch", v.stdout)
                r = self.srv.admin("POST", "/pki", {"tsa": "sideways"})
                self.assertStatus(r, 400)
        finally:
            self.srv.admin("POST", "/pki", {"tsa": "up"})

    def test_revoke_the_tsa_certificate(self):
        st = self.srv.state
        ca = os.path.join(st, "signing-ca.pem")
        cert = os.path.join(st, "pki", "tsa-cert.pem")

        def status():
            return openssl("ocsp", "-issuer", ca, "-cert", cert, "-url",
                           self.url("ocsp-url"), "-CAfile", ca).stdout
        self.assertIn(b": good", status())
        r = self.srv.admin("POST", "/revoke", {"tsa": True,
                                               "reason": "keyCompromise"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["revoked"], 1)
        out = status()
        self.assertIn(b": revoked", out)
        self.assertIn(b"keyCompromise", out)
