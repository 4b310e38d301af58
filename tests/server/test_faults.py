"""Fault injection through /admin/faults, and the admin loopback rule."""

import hashlib
import http.client
import json
import socket
import ssl
import time
import unittest

from testlib import ServerTestCase


def non_loopback_ipv4():
    """A local non-loopback IPv4 address, or None."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("192.0.2.1", 9))     # TEST-NET-1: no packet is sent
        addr = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if addr.startswith("127.") else addr


class FaultTest(ServerTestCase):

    def tearDown(self):
        self.assertStatus(self.srv.admin("DELETE", "/faults"), 204)

    def fault(self, **rule):
        r = self.srv.admin("POST", "/faults", rule)
        self.assertStatus(r, 201)
        return r.json()

    def test_admin_lists_and_clears_rules(self):
        f = self.fault(kind="delay", path_prefix="/api/v1/users", count=3,
                       delay_ms=10)["fault"]
        items = self.srv.admin("GET", "/faults").json()["items"]
        self.assertEqual([i["id"] for i in items], [f["id"]])
        self.assertEqual(items[0]["count"], 3)
        self.assertStatus(self.srv.admin("DELETE", "/faults"), 204)
        self.assertEqual(self.srv.admin("GET", "/faults").json()["items"], [])
        r = self.srv.admin("POST", "/faults", {"kind": "explode"})
        self.assertStatus(r, 400, "invalid_request")

    def test_pageloop_offers_the_same_cursor_again(self):
        self.srv.token("chutich")
        first = self.srv.api("GET", "/incoming?limit=2", user="chutich").json()
        cursor = first["next_cursor"]
        self.fault(kind="pageloop", path_prefix="/api/v1/incoming")
        r = self.srv.api("GET", "/incoming?limit=2&cursor=" + cursor,
                         user="chutich")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["next_cursor"], cursor)
        self.assertEqual(len(r.json()["items"]), 2)

    def test_field_sets_a_member(self):
        self.srv.token("chutich")
        self.fault(kind="field", path_prefix="/api/v1/incoming",
                   field="sync_token", value="AB", repeat=3)
        r = self.srv.api("GET", "/incoming?limit=1", user="chutich")
        self.assertEqual(r.json()["sync_token"], "ABABAB")
        self.assertEqual(len(r.json()["items"]), 1)
        r = self.srv.api("GET", "/incoming?limit=1", user="chutich")
        self.assertNotEqual(r.json()["sync_token"], "ABABAB", "count 1")
        r = self.srv.admin("POST", "/faults", {"kind": "field"})
        self.assertStatus(r, 400, "invalid_request")

    def test_delay(self):
        self.srv.token("chutich")
        self.fault(kind="delay", path_prefix="/api/v1/me", delay_ms=700)
        t = time.monotonic()
        r = self.srv.api("GET", "/me", user="chutich")
        self.assertGreaterEqual(time.monotonic() - t, 0.7)
        self.assertStatus(r, 200)
        t = time.monotonic()
        self.srv.api("GET", "/me", user="chutich")
        self.assertLess(time.monotonic() - t, 0.5, "count 1: only once")

    def test_status_503_with_retry_after_then_recovers(self):
        self.srv.token("chutich")
        self.fault(kind="status", status=503, retry_after=1,
                   path_prefix="/api/v1/incoming", count=2)
        for _ in range(2):
            r = self.srv.api("GET", "/incoming", user="chutich")
            self.assertStatus(r, 503, "unavailable")
            self.assertEqual(r.headers["retry-after"], "1")
        self.assertStatus(self.srv.api("GET", "/incoming", user="chutich"),
                          200)
        # Other paths are not affected by a prefix rule.
        self.fault(kind="status", status=500, path_prefix="/api/v1/drafts")
        self.assertStatus(self.srv.api("GET", "/users", user="chutich"), 200)
        self.assertStatus(self.srv.api("GET", "/drafts", user="chutich"),
                          500, "internal_error")

    def test_status_fault_skips_the_action(self):
        doc = self.srv.api("GET", "/incoming?limit=1",
                           user="chutich").json()["items"][0]["id"]
        text = "Bút phê: khẩn trương thực hiện (status fault)"
        headers = {"Idempotency-Key": "fault-status-1"}
        self.fault(kind="status", status=503, method="POST",
                   path_prefix="/api/v1/incoming/")
        r = self.srv.api("POST", "/incoming/%s/comments" % doc,
                         {"text": text}, user="chutich", headers=headers)
        self.assertStatus(r, 503, "unavailable")
        r = self.srv.api("POST", "/incoming/%s/comments" % doc,
                         {"text": text}, user="chutich", headers=headers)
        self.assertStatus(r, 201)
        self.assertNotIn("idempotent-replayed", r.headers)
        comments = self.srv.api("GET", "/incoming/" + doc,
                                user="chutich").json()["comments"]
        self.assertEqual([c["text"] for c in comments].count(text), 1)

    def test_drop_mid_body_then_retry_is_replayed(self):
        doc = self.srv.api("GET", "/incoming?limit=1",
                           user="chutich").json()["items"][0]["id"]
        text = "Bút phê: giao văn phòng theo dõi (drop fault)"
        headers = {"Idempotency-Key": "fault-drop-1"}
        self.fault(kind="drop", method="POST",
                   path_prefix="/api/v1/incoming/%s/comments" % doc)
        with self.assertRaises((http.client.IncompleteRead,
                                ConnectionError, ssl.SSLError)):
            self.srv.api("POST", "/incoming/%s/comments" % doc,
                         {"text": text}, user="chutich", headers=headers)
        r = self.srv.api("POST", "/incoming/%s/comments" % doc,
                         {"text": text}, user="chutich", headers=headers)
        self.assertStatus(r, 201)
        self.assertEqual(r.headers.get("idempotent-replayed"), "true")
        comments = self.srv.api("GET", "/incoming/" + doc,
                                user="chutich").json()["comments"]
        self.assertEqual([c["text"] for c in comments].count(text), 1)

    def test_drop_during_download_and_resume_with_range(self):
        docs = self.srv.api("GET", "/incoming?limit=1",
                            user="chutich").json()["items"]
        att = self.srv.api("GET", "/incoming/" + docs[0]["id"],
                           user="chutich").json()["attachments"][0]
        self.fault(kind="drop", path_prefix=att["url"])
        conn = self.srv.connection()
        conn.request("GET", att["url"], headers={
            "Authorization": "Bearer " + self.srv.token("chutich")})
        resp = conn.getresponse()
        self.assertEqual(int(resp.getheader("Content-Length")), att["size"])
        got = b""
        with self.assertRaises((http.client.IncompleteRead,
                                ConnectionError, ssl.SSLError)):
            while True:
                chunk = resp.read(4096)
                if not chunk:
                    raise http.client.IncompleteRead(got)
                got += chunk
        conn.close()
        self.assertGreater(len(got), 0)
        self.assertLess(len(got), att["size"])
        rest = self.srv.request("GET", att["url"], user="chutich",
                                headers={"Range": "bytes=%d-" % len(got)})
        self.assertStatus(rest, 206)
        self.assertEqual(hashlib.sha256(got + rest.raw).hexdigest(),
                         att["sha256"])

    def test_truncate(self):
        self.fault(kind="truncate", path_prefix="/api/v1/users")
        r = self.srv.api("GET", "/users", user="chutich",
                         headers={"Accept-Encoding": "gzip"})
        self.assertStatus(r, 200)
        self.assertNotIn("content-encoding", r.headers)
        self.assertEqual(int(r.headers["content-length"]), len(r.raw))
        with self.assertRaises(ValueError):
            json.loads(r.raw)
        full = self.srv.api("GET", "/users", user="chutich").raw
        self.assertEqual(r.raw, full[:len(full) // 2])

    def test_badjson(self):
        self.fault(kind="badjson", path_prefix="/api/v1/me")
        r = self.srv.api("GET", "/me", user="chutich")
        self.assertStatus(r, 200)
        self.assertIn("application/json", r.headers["content-type"])
        with self.assertRaises(ValueError):
            json.loads(r.raw)

    def test_oversize(self):
        size = 6 << 20
        self.fault(kind="oversize", path_prefix="/api/v1/incoming",
                   size=size)
        r = self.srv.api("GET", "/incoming", user="chutich")
        self.assertStatus(r, 200)
        self.assertEqual(len(r.raw), size)
        self.assertEqual(set(json.loads(r.raw)), {"padding"})

    def test_count_minus_one_until_cleared(self):
        self.fault(kind="status", status=503, path_prefix="/api/v1/users",
                   count=-1)
        for _ in range(3):
            self.assertStatus(self.srv.api("GET", "/users", user="chutich"),
                              503)
        self.srv.admin("DELETE", "/faults")
        self.assertStatus(self.srv.api("GET", "/users", user="chutich"), 200)

    def test_expire_tokens(self):
        a = self.srv.login("chuyenvien1").json()["token"]
        b = self.srv.login("chuyenvien2").json()["token"]
        r = self.srv.admin("POST", "/faults", {"kind": "expire_tokens",
                                               "username": "chuyenvien1"})
        self.assertStatus(r, 201)
        self.assertGreaterEqual(r.json()["expired"], 1)
        self.assertStatus(self.srv.api("GET", "/me", token=a), 401,
                          "token_expired")
        self.assertStatus(self.srv.api("GET", "/me", token=b), 200)
        self.srv.admin("POST", "/faults", {"kind": "expire_tokens"})
        self.assertStatus(self.srv.api("GET", "/me", token=b), 401,
                          "token_expired")
        self.srv.tokens.clear()
        self.assertStatus(self.srv.api("GET", "/me", user="chuyenvien2"),
                          200)

    def test_admin_is_not_under_api_faults(self):
        self.fault(kind="status", status=503, path_prefix="/", count=-1)
        self.assertStatus(self.srv.admin("GET", "/faults"), 200)


@unittest.skipIf(non_loopback_ipv4() is None,
                 "no non-loopback IPv4 address on this machine")
class AdminLoopbackOnlyTest(ServerTestCase):
    """Listen on every address; the admin API answers loopback only."""

    server_args = ("--seed", "none", "--bind", "0.0.0.0")

    def request_via(self, addr, path):
        raw = socket.create_connection((addr, self.srv.port), timeout=10)
        conn = http.client.HTTPSConnection("localhost", self.srv.port,
                                           context=self.srv.ctx)
        conn.sock = self.srv.ctx.wrap_socket(raw, server_hostname="localhost")
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def test_admin_refused_from_other_address(self):
        status, body = self.request_via(non_loopback_ipv4(), "/admin/faults")
        self.assertEqual(status, 403)
        self.assertEqual(json.loads(body)["error"]["code"],
                         "admin_loopback_only")
        status, _ = self.request_via("127.0.0.1", "/admin/faults")
        self.assertEqual(status, 200)
        # The API itself answers on that address.
        status, _ = self.request_via(non_loopback_ipv4(), "/api/v1/me")
        self.assertEqual(status, 401)
