"""Incoming registration and the incoming register (docs/api.md 5)."""

import datetime
import os
import shutil
import sqlite3
import tempfile
import threading
import unittest

from testlib import RefServer, ServerTestCase


def today_vn():
    return (datetime.datetime.now(datetime.timezone.utc) +
            datetime.timedelta(hours=7)).date()


class Helpers:
    """Shared by the test classes below (each has its own server)."""

    def arrived(self):
        r = self.srv.api("GET", "/incoming?status=01&limit=200",
                         user="vanthu")
        self.assertStatus(r, 200)
        return r.json()["items"]

    def register_year(self, year=None):
        path = "/registers/incoming"
        if year is not None:
            path += "?year=%s" % year
        r = self.srv.api("GET", path, user="vanthu")
        self.assertStatus(r, 200)
        return r.json()

    def new_doc(self, **fields):
        r = self.srv.admin("POST", "/incoming", fields)
        self.assertStatus(r, 201)
        return r.json()["id"]

    def last_number(self):
        items = self.register_year()["items"]
        return max(i["arrival_number"] for i in items)



class RegisterTest(Helpers, ServerTestCase):

    def test_register_gives_next_number_and_today(self):
        doc = self.new_doc(subject="Văn bản thử vào sổ")
        self.assertIsNone(self.srv.api("GET", "/incoming/" + doc,
                                       user="vanthu").json()["arrival_number"])
        before = self.last_number()
        r = self.srv.api("POST", "/incoming/%s/register" % doc,
                         {"note": "Chữ ký số hợp lệ"}, user="vanthu")
        self.assertStatus(r, 200)
        body = r.json()
        self.assertEqual(body["arrival_number"], before + 1)
        self.assertEqual(body["arrival_date"], today_vn().isoformat())
        self.assertEqual(body["status"], "03")
        step = body["history"][-1]
        self.assertEqual(step["action"], "registered")
        self.assertEqual(step["actor"]["username"], "vanthu")
        self.assertIn("số %d" % (before + 1), step["note"])
        row = [i for i in self.register_year()["items"] if i["id"] == doc][0]
        self.assertEqual(row["notes"], "Chữ ký số hợp lệ")
        # Twice: refused, and no number is used up.
        self.assertStatus(self.srv.api("POST", "/incoming/%s/register" % doc,
                                       {}, user="vanthu"),
                          409, "invalid_state")
        self.assertEqual(self.last_number(), before + 1)

    def test_only_the_clerk_registers(self):
        doc = self.new_doc()
        before = self.last_number()
        for user in ("chutich", "phochutich", "chuyenvien1"):
            self.assertStatus(
                self.srv.api("POST", "/incoming/%s/register" % doc, {},
                             user=user), 403, "forbidden")
        self.assertEqual(self.srv.api("GET", "/incoming/" + doc,
                                      user="vanthu").json()["status"], "01")
        r = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                         user="vanthu")
        self.assertEqual(r.json()["arrival_number"], before + 1)

    def test_concurrent_registrations_are_consecutive(self):
        docs = [self.new_doc(subject="Văn bản đến cùng lúc %d" % n)
                for n in range(8)]
        before = self.last_number()
        tokens = [self.srv.login("vanthu").json()["token"] for _ in range(2)]
        results = {}
        start = threading.Barrier(len(docs))

        def register(n, doc):
            start.wait()
            r = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                             token=tokens[n % 2])
            results[doc] = r

        threads = [threading.Thread(target=register, args=(n, d))
                   for n, d in enumerate(docs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        numbers = sorted(results[d].json()["arrival_number"] for d in docs)
        self.assertEqual(numbers, list(range(before + 1,
                                             before + 1 + len(docs))))

    def test_idempotent_retry_registers_once(self):
        doc = self.new_doc()
        before = self.last_number()
        headers = {"Idempotency-Key": "register-once-" + doc}
        first = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                             user="vanthu", headers=headers)
        again = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                             user="vanthu", headers=headers)
        self.assertStatus(first, 200)
        self.assertStatus(again, 200)
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        self.assertEqual(first.json()["arrival_number"], before + 1)
        self.assertEqual(again.json()["arrival_number"], before + 1)
        self.assertEqual(self.last_number(), before + 1)
        steps = [h for h in again.json()["history"]
                 if h["action"] == "registered"]
        self.assertEqual(len(steps), 1)

    def test_refuse_returns_to_sender(self):
        doc = self.new_doc(subject="Văn bản có chữ ký bị sửa")
        r = self.srv.api("POST", "/incoming/%s/return" % doc,
                         {"reason": "Chữ ký số không hợp lệ"},
                         user="vanthu")
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["status"], "02")
        self.assertIsNone(r.json()["arrival_number"])
        self.assertEqual(r.json()["history"][-1]["note"],
                         "Chữ ký số không hợp lệ")
        self.assertStatus(self.srv.api("POST", "/incoming/%s/register" % doc,
                                       {}, user="vanthu"),
                          409, "invalid_state")
        self.assertNotIn(doc, [i["id"] for i in self.register_year()["items"]])
        self.assertStatus(self.srv.api("POST", "/incoming/%s/return" % doc,
                                       {"reason": "x"}, user="chuyenvien1"),
                          403, "forbidden")

    def test_returned_after_registration_stays_in_register(self):
        doc = self.new_doc()
        n = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                         user="vanthu").json()["arrival_number"]
        self.srv.api("POST", "/incoming/%s/return" % doc,
                     {"reason": "Gửi nhầm đơn vị"}, user="vanthu")
        row = [i for i in self.register_year()["items"] if i["id"] == doc][0]
        self.assertEqual(row["arrival_number"], n)
        self.assertIn("Đã trả lại: Gửi nhầm đơn vị", row["notes"])

    def test_recalled_number_is_not_reused(self):
        doc = self.new_doc()
        n = self.srv.api("POST", "/incoming/%s/register" % doc, {},
                         user="vanthu").json()["arrival_number"]
        self.assertStatus(self.srv.admin("POST", "/incoming/%s/recall" % doc),
                          204)
        other = self.new_doc()
        r = self.srv.api("POST", "/incoming/%s/register" % other, {},
                         user="vanthu")
        self.assertEqual(r.json()["arrival_number"], n + 1)

    def test_register_columns_and_paging(self):
        reg = self.register_year()
        self.assertEqual(reg["year"], today_vn().year)
        item = reg["items"][0]
        for key in ("arrival_number", "arrival_date", "organ",
                    "number_notation", "issued_date", "type_name",
                    "subject", "receivers", "due_date", "notes"):
            self.assertIn(key, item)
        assigned = [i for i in reg["items"] if i["status"] == "04"][0]
        self.assertTrue(assigned["receivers"][0].endswith("(chủ trì)"))
        page = self.srv.api("GET", "/registers/incoming?limit=5",
                            user="chuyenvien1").json()
        self.assertEqual(len(page["items"]), 5)
        rest = self.srv.api("GET", "/registers/incoming?limit=1000&cursor=" +
                            page["next_cursor"], user="chuyenvien1").json()
        self.assertEqual([i["id"] for i in page["items"] + rest["items"]],
                         [i["id"] for i in reg["items"]])
        self.assertEqual(self.register_year(1999)["items"], [])
        for bad in ("year=26", "year=abcd", "limit=0", "cursor=x"):
            r = self.srv.api("GET", "/registers/incoming?" + bad,
                             user="vanthu")
            self.assertEqual(r.status, 400, bad)


class RegisterSeedTest(Helpers, ServerTestCase):
    """The seed as it is (other classes change it)."""

    def test_seed(self):
        docs = self.arrived()
        self.assertGreaterEqual(len(docs), 4)
        for d in docs:
            self.assertIsNone(d["arrival_number"], d["id"])
            self.assertEqual(d["status"], "01")
        # The register holds only registered documents, numbered without
        # gaps or repeats in the year.
        reg = self.register_year()
        numbers = [i["arrival_number"] for i in reg["items"]]
        self.assertEqual(numbers, list(range(numbers[0],
                                             numbers[0] + len(numbers))))
        self.assertEqual(reg["total"], len(numbers))
        self.assertNotIn("01", {i["status"] for i in reg["items"]})



class RegisterUpgradeTest(unittest.TestCase):
    """A database written before registration existed: the old seed gave
    arrived documents numbers; the new server takes them off and never
    gives a number already shown."""

    def test_old_database(self):
        state = tempfile.mkdtemp(prefix="vt-upgrade-")
        self.addCleanup(shutil.rmtree, state, True)
        srv = RefServer("--quiet", state=state)
        token = srv.token("vanthu")
        arrived = srv.api("GET", "/incoming?status=01&limit=1",
                          token=token).json()["items"][0]["id"]
        srv.stop()
        db = sqlite3.connect(os.path.join(state, "vanthu.db"))
        year = today_vn().year
        with db:
            top = db.execute("SELECT MAX(arrival_number) FROM incoming"
                             ).fetchone()[0]
            db.execute("UPDATE incoming SET arrival_number=? WHERE id=?",
                       (top + 5, int(arrived[1:])))
            db.execute("DELETE FROM meta WHERE key='arrival_register'")
            db.execute("DROP TABLE arrival_counters")
        db.close()
        srv = RefServer("--quiet", state=state)
        self.addCleanup(srv.stop)
        doc = srv.api("GET", "/incoming/" + arrived, user="vanthu").json()
        self.assertIsNone(doc["arrival_number"])
        r = srv.api("POST", "/incoming/%s/register" % arrived, {},
                    user="vanthu")
        self.assertEqual(r.json()["arrival_number"], top + 6)
        self.assertEqual(year, int(r.json()["arrival_date"][:4]))
