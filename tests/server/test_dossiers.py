"""Work dossiers (docs/api.md section 13): the list, open, add, close,
refuse, reopen, visibility of files, and concurrent adds."""

import threading

from testlib import ServerTestCase


class DossierTest(ServerTestCase):

    def post(self, user, path, body=None):
        return self.srv.api("POST", path, body if body is not None else {},
                            user=user)

    def test_list_is_seeded(self):
        r = self.srv.api("GET", "/dossier-list", user="chuyenvien1")
        self.assertStatus(r, 200)
        j = r.json()
        codes = [e["code"] for e in j["items"]]
        self.assertIn("01.05", codes)
        self.assertTrue(j["approved"])
        retentions = {e["retention"] for e in j["items"]}
        self.assertTrue({"5 năm", "10 năm", "vĩnh viễn"} <= retentions)
        r = self.srv.api("GET", "/dossier-list?year=20x6", user="chutich")
        self.assertStatus(r, 400, "invalid_request")

    def entry(self, code):
        items = self.srv.api("GET", "/dossier-list",
                             user="chutich").json()["items"]
        return [e for e in items if e["code"] == code][0]

    def test_lifecycle(self):
        e = self.entry("03.02")
        r = self.post("chuyenvien2", "/dossiers", {"entry_id": e["id"]})
        self.assertStatus(r, 201)
        d = r.json()
        self.assertEqual((d["code"], d["retention"], d["state"]),
                         ("03.02", "5 năm", "open"))
        self.assertEqual(d["title"], e["title"])
        path = "/dossiers/" + d["id"]
        again = self.post("chuyenvien1", "/dossiers", {"entry_id": e["id"]})
        self.assertStatus(again, 409, "invalid_state")
        r = self.post("chuyenvien2", path + "/items", {"document_id": "i1"})
        self.assertStatus(r, 201)
        r = self.post("chuyenvien2", path + "/items", {"document_id": "i1"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["item_count"], 1)
        # chuyenvien2 drafts some drafts: find one with versions.
        drafts = self.srv.api("GET", "/drafts?scope=all",
                              user="chuyenvien2").json()["items"]
        did = drafts[0]["id"]
        r = self.post("chuyenvien2", path + "/items", {"document_id": did})
        self.assertStatus(r, 201)
        items = r.json()["items"]
        self.assertEqual(len(items), 2)
        dr = [i for i in items if i["document_id"] == did][0]
        self.assertGreaterEqual(len(dr["files"]), 1)
        self.assertTrue(dr["files"][0]["label"].startswith("Phiên bản 1"))
        self.assertEqual([i["no"] for i in items], [1, 2])
        self.assertEqual(items[1]["start_page"],
                         1 + items[0]["page_amount"])
        # Someone without a role on the draft may still read its files
        # once it is in the agency's dossier.
        att = dr["files"][0]["attachment_id"]
        r = self.srv.api("GET", "/attachments/" + att, user="chuyenvien3")
        self.assertStatus(r, 200)
        # Close: end date and page count; then changes are refused.
        r = self.post("chuyenvien1", path + "/close")
        self.assertStatus(r, 403, "forbidden")
        r = self.post("chuyenvien2", path + "/close",
                      {"end_date": d["start_date"]})
        self.assertStatus(r, 200)
        closed = r.json()
        self.assertEqual(closed["state"], "closed")
        self.assertEqual(closed["end_date"], d["start_date"])
        self.assertEqual(closed["page_count"],
                         sum(i["page_amount"] for i in items))
        r = self.post("chuyenvien2", path + "/items", {"document_id": "i2"})
        self.assertStatus(r, 409, "invalid_state")
        r = self.post("chuyenvien2", path + "/remove", {"document_id": "i1"})
        self.assertStatus(r, 409, "invalid_state")
        # Reopen: leader or clerk, with a reason kept in the history.
        r = self.post("chuyenvien2", path + "/reopen", {"reason": "x"})
        self.assertStatus(r, 403, "forbidden")
        r = self.post("vanthu", path + "/reopen", {})
        self.assertStatus(r, 400, "invalid_request")
        r = self.post("vanthu", path + "/reopen",
                      {"reason": "Bổ sung biên bản kiểm tra"})
        self.assertStatus(r, 200)
        j = r.json()
        self.assertEqual((j["state"], j["end_date"]), ("open", None))
        self.assertEqual(j["history"][-1]["action"], "reopened")
        self.assertEqual(j["history"][-1]["note"],
                         "Bổ sung biên bản kiểm tra")
        r = self.post("vanthu", path + "/reopen", {"reason": "again"})
        self.assertStatus(r, 409, "invalid_state")
        r = self.post("chuyenvien2", path + "/remove", {"document_id": "i1"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["item_count"], 1)

    def test_free_standing_and_validation(self):
        r = self.post("chuyenvien3", "/dossiers", {
            "code": "05.09", "title": "Hồ sơ kiểm tra quỹ tiền mặt",
            "retention": "20 năm"})
        self.assertStatus(r, 201)
        self.assertIsNone(r.json()["entry_id"])
        self.assertEqual(r.json()["keeper"], "Đỗ Quang Vinh")
        r = self.post("chuyenvien3", "/dossiers", {
            "code": "05 09", "title": "x", "retention": "20 năm"})
        self.assertStatus(r, 400, "invalid_request")
        r = self.post("chuyenvien3", "/dossiers", {
            "code": "05.10", "title": "x", "retention": "lâu"})
        self.assertStatus(r, 400, "invalid_request")
        r = self.post("chuyenvien3", "/dossiers", {"entry_id": "m999"})
        self.assertStatus(r, 400, "invalid_request")
        r = self.srv.api("GET", "/dossiers/h999", user="chutich")
        self.assertStatus(r, 404, "not_found")
        d = self.post("chuyenvien3", "/dossiers", {
            "code": "05.11", "title": "y", "retention": "vĩnh viễn"}).json()
        r = self.post("chuyenvien3", "/dossiers/%s/items" % d["id"],
                      {"document_id": "x1"})
        self.assertStatus(r, 400, "invalid_request")
        r = self.post("chuyenvien3", "/dossiers/%s/items" % d["id"],
                      {"document_id": "i99999"})
        self.assertStatus(r, 404, "not_found")

    def test_concurrent_adds_both_land(self):
        d = self.post("vanthu", "/dossiers", {
            "code": "06.01", "title": "Hồ sơ song song",
            "retention": "5 năm"}).json()
        path = "/dossiers/%s/items" % d["id"]
        for u in ("chuyenvien1", "chuyenvien2", "vanthu", "chutich"):
            self.srv.token(u)
        results = {}

        def add(user, doc):
            results[doc] = self.post(user, path, {"document_id": doc}).status

        threads = [threading.Thread(target=add, args=(u, "i%d" % n))
                   for n, u in enumerate(("chuyenvien1", "chuyenvien2",
                                          "vanthu", "chutich"), 10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(results.values()), [201] * 4)
        j = self.srv.api("GET", "/dossiers/" + d["id"], user="chutich").json()
        self.assertEqual(sorted(i["document_id"] for i in j["items"]),
                         ["i10", "i11", "i12", "i13"])
        listed = self.srv.api("GET", "/dossiers?state=open",
                              user="chuyenvien1").json()["items"]
        self.assertIn(d["id"], [x["id"] for x in listed])


class DossierSyncTest(ServerTestCase):
    """GET /sync names the dossiers changed since a token (section 9)."""

    def sync(self, since=None):
        path = "/sync" if since is None else "/sync?since=" + since
        r = self.srv.api("GET", path, user="chutich")
        self.assertStatus(r, 200)
        return r.json()

    def test_sync_names_changed_dossiers(self):
        full = self.sync()
        before = full["sync_token"]
        self.assertIn("dossiers", full)
        quiet = self.sync(before)
        self.assertEqual(quiet["dossiers"], {"changed": [], "deleted": []})
        r = self.srv.api("POST", "/dossiers", {
            "code": "05.08", "title": "Hồ sơ thử", "retention": "5 năm"},
            user="chuyenvien1")
        self.assertStatus(r, 201)
        h = r.json()["id"]
        opened = self.sync(before)
        self.assertEqual(opened["dossiers"]["changed"], [h])
        self.assertNotEqual(opened["sync_token"], before)
        self.assertIn(h, self.sync()["dossiers"]["changed"])
        after_open = opened["sync_token"]
        self.assertEqual(self.sync(after_open)["dossiers"]["changed"], [])
        r = self.srv.api("POST", "/dossiers/%s/items" % h,
                         {"document_id": "i1"}, user="chuyenvien1")
        self.assertStatus(r, 201)
        self.assertEqual(self.sync(after_open)["dossiers"]["changed"], [h])
        # The same question with the ETag of a quiet answer: 304.
        now = self.sync()["sync_token"]
        r = self.srv.api("GET", "/sync?since=" + now, user="chutich")
        tag = r.headers["etag"]
        r = self.srv.api("GET", "/sync?since=" + now, user="chutich",
                         headers={"If-None-Match": tag})
        self.assertEqual(r.status, 304)
