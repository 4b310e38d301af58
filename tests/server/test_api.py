"""The /api/v1 contract against a real refserver (demo seed)."""

import datetime
import hashlib
import os
import shutil
import tempfile
import time
import unicodedata
import urllib.parse

from testlib import ACCOUNTS, RefServer, ServerTestCase


def today_vn():
    return (datetime.datetime.now(datetime.timezone.utc) +
            datetime.timedelta(hours=7)).date().isoformat()


def q(**params):
    return "?" + urllib.parse.urlencode(params)


class AuthTest(ServerTestCase):

    def test_login_wrong_password(self):
        r = self.srv.login("chutich", "sai-mat-khau")
        self.assertStatus(r, 401, "invalid_credentials")
        r = self.srv.login("khongco", "x")
        self.assertStatus(r, 401, "invalid_credentials")

    def test_login_returns_token_and_user(self):
        r = self.srv.login("vanthu")
        self.assertStatus(r, 200)
        body = r.json()
        self.assertGreaterEqual(len(body["token"]), 32)
        self.assertEqual(body["user"]["role"], "clerk")
        self.assertEqual(body["user"]["full_name"],
                         ACCOUNTS["vanthu"]["full_name"])
        self.assertTrue(body["expires_at"].endswith("+07:00"))

    def test_missing_and_unknown_token(self):
        r = self.srv.api("GET", "/me")
        self.assertStatus(r, 401, "unauthorized")
        self.assertIn("Bearer", r.headers["www-authenticate"])
        r = self.srv.api("GET", "/me", token="khong-phai-token")
        self.assertStatus(r, 401, "unauthorized")

    def test_logout_revokes_token(self):
        token = self.srv.login("chuyenvien1").json()["token"]
        self.assertStatus(self.srv.api("GET", "/me", token=token), 200)
        self.assertStatus(self.srv.api("POST", "/auth/logout", token=token),
                          204)
        r = self.srv.api("GET", "/me", token=token)
        self.assertStatus(r, 401, "unauthorized")

    def test_me_and_users(self):
        me = self.srv.api("GET", "/me", user="chutich").json()
        self.assertEqual(me["user"]["username"], "chutich")
        self.assertEqual(me["organization"]["organ_id"], "000.31.22.H56")
        self.assertEqual(me["organization"]["organ_name"],
                         "UBND xã Hoằng Quý")
        users = self.srv.api("GET", "/users", user="chutich").json()["items"]
        roles = [u["role"] for u in users]
        self.assertEqual(roles[0], "leader")
        self.assertGreaterEqual(roles.count("specialist"), 2)
        self.assertIn("clerk", roles)
        for u in users:
            self.assertTrue(unicodedata.is_normalized("NFC", u["full_name"]))

    def test_unknown_path_and_method(self):
        self.assertStatus(self.srv.api("GET", "/khong-co", user="chutich"),
                          404, "not_found")
        self.assertStatus(self.srv.api("DELETE", "/incoming",
                                       user="chutich"),
                          405, "method_not_allowed")

    def test_bad_json(self):
        r = self.srv.api("POST", "/auth/login", b"{khong phai json",
                         headers={"Content-Type": "application/json"})
        self.assertStatus(r, 400, "invalid_json")


class TokenExpiryTest(ServerTestCase):
    """Natural expiry with a one-second token lifetime."""

    server_args = ("--seed", "none", "--token-ttl", "1")

    def test_expired_token_has_its_own_code(self):
        token = self.srv.login("chutich").json()["token"]
        self.assertStatus(self.srv.api("GET", "/me", token=token), 200)
        time.sleep(1.3)
        r = self.srv.api("GET", "/me", token=token)
        self.assertStatus(r, 401, "token_expired")
        fresh = self.srv.login("chutich").json()["token"]
        self.assertStatus(self.srv.api("GET", "/me", token=fresh), 200)

    def test_seed_none_has_accounts_but_no_documents(self):
        r = self.srv.api("GET", "/incoming", user="vanthu")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["total"], 0)


class RestartTest(ServerTestCase):
    """A reused state directory keeps its data and certificates."""

    @classmethod
    def setUpClass(cls):
        """This test starts its own servers."""

    @classmethod
    def tearDownClass(cls):
        pass

    def test_state_survives_restart(self):
        keep = tempfile.mkdtemp(prefix="vt-restart-")
        try:
            state = os.path.join(keep, "state")
            first = RefServer("--seed", "none", state=state)
            with open(os.path.join(state, "tls-ca.pem")) as f:
                ca = f.read()
            r = first.admin("POST", "/incoming", {"subject": "Giữ lại"})
            doc = r.json()["id"]
            first.api("POST", "/incoming/%s/read" % doc, user="vanthu")
            self.assertEqual(first.stop(), 0)
            second = RefServer("--seed", "demo", state=state)
            try:
                with open(os.path.join(state, "tls-ca.pem")) as f:
                    self.assertEqual(f.read(), ca)
                d = second.api("GET", "/incoming/" + doc, user="vanthu")
                self.assertStatus(d, 200)
                self.assertEqual(d.json()["subject"], "Giữ lại")
                self.assertTrue(d.json()["read"])
                # Not re-seeded: the database already existed.
                total = second.api("GET", "/incoming",
                                   user="vanthu").json()["total"]
                self.assertEqual(total, 1)
            finally:
                self.assertEqual(second.stop(), 0)
        finally:
            shutil.rmtree(keep, ignore_errors=True)


class IncomingTest(ServerTestCase):

    def list(self, user="chutich", **params):
        r = self.srv.api("GET", "/incoming" + q(**params), user=user)
        self.assertStatus(r, 200)
        return r.json()

    def all_items(self, user="chutich", **params):
        items, cursor = [], None
        while True:
            extra = dict(params, limit=13)
            if cursor:
                extra["cursor"] = cursor
            page = self.list(user, **extra)
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return items, page["total"]

    def test_default_list_fields_and_order(self):
        page = self.list()
        self.assertGreaterEqual(page["total"], 45)
        self.assertEqual(len(page["items"]), 50 if page["total"] > 50
                         else page["total"])
        dates = [i["arrival_date"] for i in page["items"]]
        self.assertEqual(dates, sorted(dates, reverse=True))
        first = page["items"][0]
        for field in ("id", "code_number", "code_notation", "type_code",
                      "type_name", "issued_date", "organ", "subject",
                      "signer", "urgency", "due_date", "arrival_number",
                      "arrival_date", "page_amount", "status", "read"):
            self.assertIn(field, first)
        self.assertEqual(set(first["organ"]), {"organ_id", "organ_name"})
        self.assertEqual(set(first["signer"]),
                         {"competence", "position", "full_name"})
        self.assertTrue(page["sync_token"].startswith("s."))

    def test_pagination_visits_every_document_once(self):
        for sort in ("-arrival_date", "due_date", "-due_date", "urgency",
                     "-issued_date"):
            items, total = self.all_items(sort=sort)
            ids = [i["id"] for i in items]
            self.assertEqual(len(ids), total, sort)
            self.assertEqual(len(set(ids)), total, sort)
        items, _ = self.all_items(sort="due_date")
        dues = [i["due_date"] for i in items]
        dated = [d for d in dues if d]
        self.assertEqual(dated, sorted(dated))
        self.assertEqual(dues[len(dated):], [None] * (len(dues) - len(dated)))

    def test_bad_cursor_and_sort(self):
        r = self.srv.api("GET", "/incoming?cursor=rac", user="chutich")
        self.assertStatus(r, 400, "invalid_cursor")
        cursor = self.list(limit=2)["next_cursor"]
        r = self.srv.api("GET", "/incoming" + q(cursor=cursor, sort="urgency"),
                         user="chutich")
        self.assertStatus(r, 400, "invalid_cursor")
        r = self.srv.api("GET", "/incoming?sort=subject", user="chutich")
        self.assertStatus(r, 400, "invalid_request")
        self.assertEqual(r.json()["error"]["field"], "sort")
        r = self.srv.api("GET", "/incoming?limit=0", user="chutich")
        self.assertStatus(r, 400, "invalid_request")

    def test_filters(self):
        items, total = self.all_items(status="04,05")
        self.assertGreater(total, 0)
        self.assertTrue(all(i["status"] in ("04", "05") for i in items))
        today = today_vn()
        items, total = self.all_items(due_before=today)
        self.assertGreater(total, 0, "the seed has overdue documents")
        self.assertTrue(all(i["due_date"] and i["due_date"] < today
                            for i in items))
        items, _ = self.all_items(type_code="QĐ")
        self.assertTrue(items)
        self.assertTrue(all(i["type_code"] == "QĐ" for i in items))
        items, _ = self.all_items(type_code="CV")
        self.assertTrue(items)
        self.assertTrue(all(i["type_code"] == "" and
                            i["type_name"] == "Công văn" for i in items))
        items, _ = self.all_items(urgency_min=3)
        self.assertTrue(items)
        self.assertTrue(all(i["urgency"] >= 3 for i in items))
        r = self.srv.api("GET", "/incoming?status=99", user="chutich")
        self.assertStatus(r, 400, "invalid_request")
        r = self.srv.api("GET", "/incoming?due_before=2026-13-40",
                         user="chutich")
        self.assertStatus(r, 400, "invalid_request")

    def test_search_ignores_diacritics(self):
        items, total = self.all_items(q="hoang hoa")
        self.assertGreaterEqual(total, 10)
        for i in items:
            text = (i["subject"] + " " + i["organ"]["organ_name"] + " " +
                    i["number_notation"])
            self.assertIn("hoang hoa", fold(text))
        a = self.list(q="thiên tai")["total"]
        b = self.list(q="THIEN TAI")["total"]
        self.assertGreater(a, 0)
        self.assertEqual(a, b)
        # Tone placement: hòa / hoà fold equal.
        self.assertEqual(self.list(q="Thanh Hòa")["total"],
                         self.list(q="Thanh Hoà")["total"])
        self.assertGreater(self.list(q="đê")["total"], 0)
        self.assertLessEqual(self.list(q="đê")["total"],
                             self.list(q="de")["total"])
        self.assertGreater(self.list(q="de bien")["total"], 0)

    def test_unread_and_mark_read(self):
        user = "chuyenvien3"
        unread = self.list(user, unread="true", limit=200)
        self.assertGreater(unread["total"], 0)
        other_unread = {i["id"] for i in self.list(
            "phochutich", unread="true", limit=200)["items"]}
        doc = [i["id"] for i in unread["items"] if i["id"] in other_unread][0]
        r = self.srv.api("POST", "/incoming/%s/read" % doc, user=user)
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), {"id": doc, "read": True})
        after = self.list(user, unread="true", limit=200)
        self.assertEqual(after["total"], unread["total"] - 1)
        self.assertNotIn(doc, [i["id"] for i in after["items"]])
        read = self.list(user, unread="false", limit=200)
        self.assertIn(doc, [i["id"] for i in read["items"]])
        # Per user: another user still sees it unread.
        other = self.srv.api("GET", "/incoming/" + doc,
                             user="phochutich").json()
        self.assertFalse(other["read"])
        r = self.srv.api("POST", "/incoming/%s/read" % doc, {"read": False},
                         user=user)
        self.assertEqual(r.json()["read"], False)
        self.assertEqual(self.list(user, unread="true")["total"],
                         unread["total"])

    def test_etag_and_304(self):
        r = self.srv.api("GET", "/incoming?limit=5", user="chuyenvien2")
        tag = r.headers["etag"]
        r2 = self.srv.api("GET", "/incoming?limit=5", user="chuyenvien2",
                          headers={"If-None-Match": tag})
        self.assertStatus(r2, 304)
        self.assertEqual(r2.raw, b"")
        doc = r.json()["items"][0]["id"]
        d = self.srv.api("GET", "/incoming/" + doc, user="chuyenvien2")
        dtag = d.headers["etag"]
        self.assertStatus(self.srv.api("GET", "/incoming/" + doc,
                                       user="chuyenvien2",
                                       headers={"If-None-Match": dtag}), 304)
        self.srv.api("POST", "/incoming/%s/read" % doc, user="chuyenvien2")
        d2 = self.srv.api("GET", "/incoming/" + doc, user="chuyenvien2",
                          headers={"If-None-Match": dtag})
        self.assertStatus(d2, 200)
        self.assertNotEqual(d2.headers["etag"], dtag)
        r3 = self.srv.api("GET", "/incoming?limit=5", user="chuyenvien2",
                          headers={"If-None-Match": tag})
        self.assertStatus(r3, 200)

    def test_gzip_when_asked(self):
        plain = self.srv.api("GET", "/incoming?limit=20", user="chutich")
        self.assertNotIn("content-encoding", plain.headers)
        zipped = self.srv.api("GET", "/incoming?limit=20", user="chutich",
                              headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.headers.get("content-encoding"), "gzip")
        self.assertLess(len(zipped.raw), len(plain.raw))
        self.assertEqual(zipped.json(), plain.json())
        self.assertIn("Accept-Encoding", zipped.headers.get("vary", ""))

    def test_detail_attachments_history(self):
        items, _ = self.all_items(status="04")
        doc = self.srv.api("GET", "/incoming/" + items[0]["id"],
                           user="chutich").json()
        self.assertTrue(doc["attachments"])
        self.assertTrue(doc["assignments"])
        self.assertEqual(doc["history"][0]["action"], "arrived")
        self.assertIn("registered", [h["action"] for h in doc["history"]])
        att = doc["attachments"][0]
        r = self.srv.request("GET", att["url"], user="chutich")
        self.assertStatus(r, 200)
        self.assertEqual(len(r.raw), att["size"])
        self.assertEqual(hashlib.sha256(r.raw).hexdigest(), att["sha256"])
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        for bad in ("i999999", "x1", "i"):
            self.assertStatus(self.srv.api("GET", "/incoming/" + bad,
                                           user="chutich"), 404, "not_found")

    def test_seed_has_the_special_pdfs(self):
        items, _ = self.all_items()
        sizes = {}
        for i in items:
            d = self.srv.api("GET", "/incoming/" + i["id"],
                             user="chutich").json()
            for a in d["attachments"]:
                sizes[a["filename"]] = a["size"]
        self.assertTrue(any(s > 9_000_000 for s in sizes.values()), sizes)
        for name in ("in-cv-an-ninh-trat-tu-scan.pdf",
                     "in-tb-hoi-nong-dan-tcvn3.pdf",
                     "in-cd-phong-chong-bao-so.pdf",
                     "in-kh-chuyen-doi-so.pdf"):
            self.assertIn(name, sizes)

    def test_range_downloads(self):
        items, _ = self.all_items()
        big = None
        for i in items:
            d = self.srv.api("GET", "/incoming/" + i["id"],
                             user="chutich").json()
            for a in d["attachments"]:
                if a["size"] > 9_000_000:
                    big = a
        self.assertIsNotNone(big)
        url, size = big["url"], big["size"]
        full = self.srv.request("GET", url, user="chutich")
        self.assertEqual(hashlib.sha256(full.raw).hexdigest(), big["sha256"])
        self.assertEqual(full.headers["accept-ranges"], "bytes")
        tag = full.headers["etag"]
        r = self.srv.request("GET", url, user="chutich",
                             headers={"Range": "bytes=0-99"})
        self.assertStatus(r, 206)
        self.assertEqual(r.raw, full.raw[:100])
        self.assertEqual(r.headers["content-range"], "bytes 0-99/%d" % size)
        r = self.srv.request("GET", url, user="chutich",
                             headers={"Range": "bytes=%d-" % (size - 1000),
                                      "If-Range": tag})
        self.assertStatus(r, 206)
        self.assertEqual(r.raw, full.raw[-1000:])
        r = self.srv.request("GET", url, user="chutich",
                             headers={"Range": "bytes=-10"})
        self.assertEqual(r.raw, full.raw[-10:])
        r = self.srv.request("GET", url, user="chutich",
                             headers={"Range": "bytes=%d-" % size})
        self.assertStatus(r, 416, "range_not_satisfiable")
        self.assertEqual(r.headers["content-range"], "bytes */%d" % size)
        r = self.srv.request("GET", url, user="chutich",
                             headers={"Range": "bytes=0-9",
                                      "If-Range": '"stale"'})
        self.assertStatus(r, 200)
        self.assertEqual(len(r.raw), size)
        r = self.srv.request("HEAD", url, user="chutich")
        self.assertStatus(r, 200)
        self.assertEqual(int(r.headers["content-length"]), size)
        self.assertEqual(r.raw, b"")
        self.assertStatus(self.srv.request("GET", url), 401, "unauthorized")
        self.assertStatus(self.srv.request("GET", "/api/v1/attachments/a99999",
                                           user="chutich"), 404)

    def test_comment_twice_with_one_idempotency_key(self):
        doc = self.list(limit=1)["items"][0]["id"]
        body = {"text": "Đề nghị văn phòng tham mưu, báo cáo trước thứ Sáu"}
        headers = {"Idempotency-Key": "6f1c2b1e-comment-1"}
        r1 = self.srv.api("POST", "/incoming/%s/comments" % doc, body,
                          user="chutich", headers=headers)
        self.assertStatus(r1, 201)
        r2 = self.srv.api("POST", "/incoming/%s/comments" % doc, body,
                          user="chutich", headers=headers)
        self.assertStatus(r2, 201)
        self.assertEqual(r2.json(), r1.json())
        self.assertEqual(r2.headers.get("idempotent-replayed"), "true")
        detail = self.srv.api("GET", "/incoming/" + doc,
                              user="chutich").json()
        texts = [c["text"] for c in detail["comments"]]
        self.assertEqual(texts.count(body["text"]), 1)
        r3 = self.srv.api("POST", "/incoming/%s/comments" % doc,
                          {"text": "khác"}, user="chutich", headers=headers)
        self.assertStatus(r3, 422, "idempotency_key_reused")
        # Keys are per user: the same key from someone else is new.
        r4 = self.srv.api("POST", "/incoming/%s/comments" % doc, body,
                          user="phochutich", headers=headers)
        self.assertStatus(r4, 201)
        self.assertNotEqual(r4.json()["id"], r1.json()["id"])
        r5 = self.srv.api("POST", "/incoming/%s/comments" % doc, {"text": ""},
                          user="chutich")
        self.assertStatus(r5, 400, "invalid_request")

    def test_assign_leader_only(self):
        doc = self.list(status="03", limit=1)["items"][0]["id"]
        body = {"assignments": [
            {"username": "chuyenvien1", "role": "lead"},
            {"username": "chuyenvien2", "role": "cooperate"},
            {"username": "vanthu", "role": "inform"}],
            "due_date": "2030-01-15", "note": "Giao đ/c Tuấn chủ trì"}
        for user in ("chuyenvien1", "vanthu"):
            r = self.srv.api("POST", "/incoming/%s/assign" % doc, body,
                             user=user)
            self.assertStatus(r, 403, "forbidden")
        two_leads = dict(body, assignments=[
            {"username": "chuyenvien1", "role": "lead"},
            {"username": "chuyenvien2", "role": "lead"}])
        self.assertStatus(self.srv.api("POST", "/incoming/%s/assign" % doc,
                                       two_leads, user="chutich"),
                          400, "invalid_request")
        unknown = dict(body, assignments=[{"username": "ai", "role": "lead"}])
        self.assertStatus(self.srv.api("POST", "/incoming/%s/assign" % doc,
                                       unknown, user="chutich"),
                          400, "invalid_request")
        r = self.srv.api("POST", "/incoming/%s/assign" % doc, body,
                         user="chutich")
        self.assertStatus(r, 200)
        d = r.json()
        self.assertEqual(d["status"], "04")
        self.assertEqual(d["due_date"], "2030-01-15")
        self.assertEqual({(a["user"]["username"], a["role"])
                          for a in d["assignments"]},
                         {("chuyenvien1", "lead"),
                          ("chuyenvien2", "cooperate"), ("vanthu", "inform")})
        self.assertEqual(d["history"][-1]["action"], "assigned")
        mine = [i["id"] for i in self.all_items("chuyenvien1", mine="true")[0]]
        self.assertIn(doc, mine)
        # The lead's comment moves it to "in progress".
        self.srv.api("POST", "/incoming/%s/comments" % doc,
                     {"text": "Đã nhận, đang xử lý"}, user="chuyenvien1")
        d = self.srv.api("GET", "/incoming/" + doc, user="chutich").json()
        self.assertEqual(d["status"], "05")
        # Complete: not by the cooperating specialist; by the lead.
        self.assertStatus(self.srv.api("POST", "/incoming/%s/complete" % doc,
                                       {}, user="chuyenvien2"),
                          403, "forbidden")
        r = self.srv.api("POST", "/incoming/%s/complete" % doc,
                         {"note": "Đã báo cáo"}, user="chuyenvien1")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["status"], "06")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/complete" % doc,
                                       {}, user="chutich"),
                          409, "invalid_state")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/assign" % doc,
                                       body, user="chutich"),
                          409, "invalid_state")

    def test_forward_and_return(self):
        docs = self.list(status="01", limit=2)["items"]
        self.assertEqual(len(docs), 2)
        a, b = docs[0]["id"], docs[1]["id"]
        r = self.srv.api("POST", "/incoming/%s/forward" % a,
                         {"to": ["chutich"], "note": "Kính trình"},
                         user="vanthu")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["history"][-1]["action"], "forwarded")
        self.assertTrue(self.srv.api("GET", "/incoming/" + a,
                                     user="chutich").json()["mine"])
        self.assertStatus(self.srv.api("POST", "/incoming/%s/forward" % a,
                                       {"to": ["nobody"]}, user="vanthu"),
                          400, "invalid_request")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/return" % b,
                                       {"reason": "Gửi nhầm"},
                                       user="chuyenvien1"), 403, "forbidden")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/return" % b,
                                       {}, user="vanthu"),
                          400, "invalid_request")
        r = self.srv.api("POST", "/incoming/%s/return" % b,
                         {"reason": "Văn bản gửi nhầm đơn vị"}, user="vanthu")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["status"], "02")
        self.assertEqual(r.json()["history"][-1]["note"],
                         "Văn bản gửi nhầm đơn vị")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/return" % b,
                                       {"reason": "lần nữa"}, user="vanthu"),
                          409, "invalid_state")

    def test_delta_sync(self):
        full = self.srv.api("GET", "/sync", user="chutich").json()
        self.assertTrue(full["full"])
        self.assertGreaterEqual(len(full["incoming"]["changed"]), 45)
        mine = self.srv.api("GET", "/drafts?scope=all&limit=200",
                            user="chutich").json()
        self.assertEqual(sorted(full["drafts"]["changed"]),
                         sorted(d["id"] for d in mine["items"]))
        token = full["sync_token"]
        empty = self.srv.api("GET", "/sync?since=" + token,
                             user="chutich").json()
        self.assertEqual(empty["incoming"], {"changed": [], "deleted": []})
        doc = full["incoming"]["changed"][3]
        self.srv.api("POST", "/incoming/%s/comments" % doc,
                     {"text": "theo dõi"}, user="chuyenvien2")
        r = self.srv.admin("POST", "/incoming",
                           {"subject": "Văn bản mới đến về Hoằng Hóa",
                            "urgency": 2})
        self.assertStatus(r, 201)
        new_id = r.json()["id"]
        gone = full["incoming"]["changed"][5]
        self.assertStatus(self.srv.admin("POST", "/incoming/%s/recall" % gone),
                          204)
        delta = self.srv.api("GET", "/sync?since=" + token,
                             user="chutich").json()
        self.assertFalse(delta["full"])
        self.assertIn(doc, delta["incoming"]["changed"])
        self.assertIn(new_id, delta["incoming"]["changed"])
        self.assertEqual(delta["incoming"]["deleted"], [gone])
        self.assertNotIn(gone, delta["incoming"]["changed"])
        self.assertStatus(self.srv.api("GET", "/incoming/" + gone,
                                       user="chutich"), 404)
        again = self.srv.api("GET", "/sync?since=" + delta["sync_token"],
                             user="chutich").json()
        self.assertEqual(again["incoming"], {"changed": [], "deleted": []})
        new = self.srv.api("GET", "/incoming/" + new_id,
                           user="chutich").json()
        self.assertEqual(new["status"], "01")
        self.assertEqual(new["attachment_count"], 1)
        for bad in ("rac", "s.999999999", "s.-1"):
            self.assertStatus(self.srv.api("GET", "/sync?since=" + bad,
                                           user="chutich"),
                              400, "invalid_sync_token")


class DraftTest(ServerTestCase):

    def drafts(self, user, **params):
        r = self.srv.api("GET", "/drafts" + q(**params), user=user)
        self.assertStatus(r, 200)
        return r.json()

    def find(self, user, key):
        for d in self.drafts(user, scope="all", limit=200)["items"]:
            if key in d["subject"]:
                return d
        self.fail("no draft with %r" % key)

    def test_awaiting_me(self):
        mine = self.drafts("chutich")
        self.assertGreater(mine["total"], 0)
        for d in mine["items"]:
            self.assertTrue(d["awaiting_me"])
            self.assertIn("signer", d["my_roles"])
            self.assertIn(d["state"], ("awaiting_signer", "approved"))
        rev = self.drafts("phochutich", role="reviewer")
        self.assertTrue(rev["items"])
        self.assertTrue(all(d["state"] == "in_review" for d in rev["items"]))
        clerk = self.drafts("vanthu")
        self.assertEqual([d["state"] for d in clerk["items"]], ["signed"])
        signed = self.srv.api("GET", "/drafts/" + clerk["items"][0]["id"],
                              user="vanthu").json()
        self.assertEqual([v["kind"] for v in signed["versions"]],
                         ["draft", "signed"])
        self.assertEqual(signed["versions"][-1]["signatures"][0]["username"],
                         signed["signer"]["username"])
        self.assertEqual(self.drafts("vanthu", scope="all")["total"], 10)
        returned = self.drafts("chuyenvien2", state="returned")
        self.assertEqual([d["state"] for d in returned["items"]],
                         ["returned"])
        self.assertStatus(self.srv.api("GET", "/drafts?scope=x",
                                       user="chutich"), 400,
                          "invalid_request")

    def test_detail_versions_and_annotations(self):
        d = self.find("chutich", "Ban Chỉ huy phòng, chống thiên tai")
        detail = self.srv.api("GET", "/drafts/" + d["id"],
                              user="chutich").json()
        self.assertEqual(len(detail["versions"]), 2)
        self.assertEqual(detail["current_version"]["id"],
                         detail["versions"][-1]["id"])
        for v in detail["versions"]:
            body = self.srv.api("GET", "/attachments/" + v["attachment_id"],
                                user="chutich").raw
            self.assertEqual(hashlib.sha256(body).hexdigest(), v["sha256"])
            self.assertEqual(len(body), v["size"])
        self.assertEqual(detail["annotations"][0]["page"], 1)
        self.assertIn("Căn cứ", detail["annotations"][0]["quote"])
        self.assertIn("returned", [h["action"] for h in detail["history"]])
        v2 = detail["versions"][-1]["id"]
        r = self.srv.api("POST", "/drafts/%s/annotations" % d["id"],
                         {"version_id": v2, "page": 1,
                          "quote": "Điều 2", "note": "Ghi rõ thời hạn"},
                         user="chutich")
        self.assertStatus(r, 201)
        self.assertEqual(r.json()["author"]["username"], "chutich")
        r = self.srv.api("POST", "/drafts/%s/annotations" % d["id"],
                         {"version_id": v2, "page": 9, "note": "x"},
                         user="chutich")
        self.assertStatus(r, 400, "invalid_request")
        self.assertEqual(r.json()["error"]["field"], "page")
        # Someone with no role in the draft does not see it.
        self.assertStatus(self.srv.api("GET", "/drafts/" + d["id"],
                                       user="chuyenvien3"), 404, "not_found")

    def test_review_approve_return_and_new_version(self):
        d = self.find("phochutich", "kinh phí sửa chữa trạm bơm")
        self.assertEqual(d["state"], "in_review")
        self.assertStatus(self.srv.api("POST", "/drafts/%s/approve" % d["id"],
                                       {}, user="chutich"), 409,
                          "invalid_state")
        self.assertStatus(self.srv.api("POST", "/drafts/%s/approve" % d["id"],
                                       {}, user="chuyenvien1"), 404)
        r = self.srv.api("POST", "/drafts/%s/approve" % d["id"],
                         {"note": "Đồng ý"}, user="phochutich")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["state"], "awaiting_signer")
        self.assertStatus(self.srv.api("POST", "/drafts/%s/approve" % d["id"],
                                       {}, user="phochutich"), 409,
                          "invalid_state")
        self.assertStatus(self.srv.api("POST", "/drafts/%s/return" % d["id"],
                                       {}, user="chutich"), 400,
                          "invalid_request")
        r = self.srv.api("POST", "/drafts/%s/return" % d["id"],
                         {"reason": "Bổ sung dự toán chi tiết"},
                         user="chutich")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["state"], "returned")
        drafter = self.drafts("chuyenvien3")
        self.assertIn(d["id"], [x["id"] for x in drafter["items"]])
        old = r.json()["current_version"]
        pdf = self.srv.api("GET", "/attachments/" + old["attachment_id"],
                           user="chuyenvien3").raw
        new_pdf = pdf + b"\n% phien ban 2\n"
        r = self.srv.api("POST", "/drafts/%s/versions" % d["id"], new_pdf,
                         headers={"Content-Type": "application/pdf"},
                         user="chutich")
        self.assertStatus(r, 403, "forbidden")
        r = self.srv.api("POST", "/drafts/%s/versions" % d["id"], b"not pdf",
                         headers={"Content-Type": "application/pdf"},
                         user="chuyenvien3")
        self.assertStatus(r, 422, "not_pdf")
        r = self.srv.api("POST", "/drafts/%s/versions" % d["id"], new_pdf,
                         headers={"Content-Type": "application/pdf"},
                         user="chuyenvien3")
        self.assertStatus(r, 201)
        self.assertEqual(r.json()["draft"]["state"], "in_review")
        self.assertEqual(r.json()["version"]["number"], 2)
        self.assertEqual(r.json()["version"]["sha256"],
                         hashlib.sha256(new_pdf).hexdigest())
        self.assertIsNone(r.json()["draft"]["reviewers"][0]["approved_at"])


class BulkTest(ServerTestCase):
    """--documents N: a large generated inbox."""

    server_args = ("--seed", "none", "--documents", "5000")

    def test_large_inbox_pages(self):
        r = self.srv.api("GET", "/incoming?limit=200&sort=due_date",
                         user="chutich")
        self.assertStatus(r, 200)
        page = r.json()
        self.assertEqual(page["total"], 5000)
        self.assertEqual(len(page["items"]), 200)
        seen = {i["id"] for i in page["items"]}
        r = self.srv.api("GET", "/incoming" + q(limit=200, sort="due_date",
                                                cursor=page["next_cursor"]),
                         user="chutich")
        self.assertTrue(seen.isdisjoint(i["id"] for i in r.json()["items"]))
        att = self.srv.api("GET", "/incoming/" + page["items"][0]["id"],
                           user="chutich").json()["attachments"][0]
        body = self.srv.request("GET", att["url"], user="chutich").raw
        self.assertEqual(hashlib.sha256(body).hexdigest(), att["sha256"])
        self.assertGreater(self.srv.api(
            "GET", "/incoming?q=hoang+hoa&limit=1",
            user="chutich").json()["total"], 100)


def fold(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").lower()


if __name__ == "__main__":
    import unittest
    unittest.main()
