"""POST /drafts: creating a draft with its Decree 30 metadata and file,
every field validated; my drafts (role=drafter) with whose turn it is
and the return reason; an older database gains the new column."""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from testlib import RefServer, ServerTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
MKPDF = os.path.join(HERE, "..", "tools", "mkdraftpdf")
BOUNDARY = "vanthu-test-boundary-7f3a"


def make_pdf(*lines):
    fd, path = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    subprocess.run([sys.executable, MKPDF, path] + list(lines), check=True)
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def multipart(meta, data, filename="du-thao.pdf"):
    head = ("--%s\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
            "Content-Type: application/json\r\n\r\n" % BOUNDARY).encode()
    mid = ("\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; "
           "filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n" %
           (BOUNDARY, filename)).encode()
    tail = ("\r\n--%s--\r\n" % BOUNDARY).encode()
    return head + json.dumps(meta, ensure_ascii=False).encode() + mid + \
        data + tail


META = {"type_code": "QĐ",
        "subject": "Về việc thành lập tổ rà soát hộ nghèo năm 2026",
        "urgency": 1, "due_date": "2026-12-20", "signer": "chutich",
        "signer_competence": "TM.", "signer_position": "CHỦ TỊCH",
        "reviewers": ["phochutich"],
        "recipients": ["UBND huyện Hoằng Hóa", "Lưu: VT"]}


class DraftCreateTest(ServerTestCase):

    server_args = ("--pdf-limit", "40000")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pdf = make_pdf("Điều 1. Thành lập tổ rà soát.")

    def create(self, meta, data=None, user="chuyenvien1", **kw):
        body = multipart(meta, self.pdf if data is None else data, **kw)
        return self.srv.api("POST", "/drafts", body, user=user, headers={
            "Content-Type": "multipart/form-data; boundary=" + BOUNDARY})

    def test_create_and_see_it(self):
        r = self.create(META)
        self.assertStatus(r, 201)
        d = r.json()["draft"]
        self.assertEqual(d["type_code"], "QĐ")
        self.assertEqual(d["type_name"], "Quyết định")
        self.assertEqual(d["code_notation"], "QĐ-UBND")
        self.assertEqual(d["state"], "in_review")
        self.assertEqual(d["my_roles"], ["drafter"])
        self.assertEqual(d["signer"]["username"], "chutich")
        self.assertEqual(d["signer_position"], "CHỦ TỊCH")
        self.assertEqual(d["signer_competence"], "TM.")
        self.assertEqual(d["recipients"], META["recipients"])
        self.assertEqual([p["username"] for p in d["turn"]], ["phochutich"])
        self.assertEqual(len(d["versions"]), 1)
        self.assertEqual(d["versions"][0]["page_amount"], 1)
        self.assertEqual(d["versions"][0]["filename"], "du-thao.pdf")
        self.assertEqual(d["history"][0]["action"], "created")
        # The reviewer sees it awaiting them; the signer after approval.
        mine = self.srv.api("GET", "/drafts?scope=awaiting",
                            user="phochutich").json()
        self.assertIn(d["id"], [x["id"] for x in mine["items"]])
        att = self.srv.api("GET", "/attachments/" +
                           d["versions"][0]["attachment_id"],
                           user="phochutich")
        self.assertEqual(att.body, self.pdf)

    def test_without_reviewers_goes_to_the_signer(self):
        meta = dict(META, reviewers=[], type_code="")
        r = self.create(meta)
        self.assertStatus(r, 201)
        d = r.json()["draft"]
        self.assertEqual(d["state"], "awaiting_signer")
        self.assertEqual(d["type_name"], "Công văn")
        self.assertEqual(d["code_notation"], "UBND")
        self.assertEqual([p["username"] for p in d["turn"]], ["chutich"])

    def test_mine_with_return_reason(self):
        d = self.create(dict(META, reviewers=[])).json()["draft"]
        r = self.srv.api("POST", "/drafts/%s/return" % d["id"],
                         {"reason": "Bổ sung căn cứ pháp lý"}, user="chutich")
        self.assertStatus(r, 200)
        items = self.srv.api("GET", "/drafts?scope=all&role=drafter",
                             user="chuyenvien1").json()["items"]
        mine = [x for x in items if x["id"] == d["id"]][0]
        self.assertEqual(mine["state"], "returned")
        self.assertTrue(mine["awaiting_me"])
        self.assertEqual(mine["return_reason"], "Bổ sung căn cứ pháp lý")
        self.assertEqual([p["username"] for p in mine["turn"]],
                         ["chuyenvien1"])

    def test_field_errors(self):
        cases = [
            (dict(META, type_code="XYZ"), "type_code", "Phụ lục III"),
            (dict(META, type_code="qđ"), "type_code", "Phụ lục III"),
            (dict(META, subject="   "), "subject", "trống"),
            ({k: v for k, v in META.items() if k != "subject"}, "subject",
             "Thiếu"),
            (dict(META, subject="x" * 501), "subject", "500"),
            (dict(META, signer="chuyenvien2"), "signer", "không phải lãnh đạo"),
            (dict(META, signer="vanthu"), "signer", "không phải lãnh đạo"),
            (dict(META, signer="khongco"), "signer", "Không có"),
            (dict(META, urgency=7), "urgency", "0 đến 4"),
            (dict(META, due_date="20/12/2026"), "due_date", "YYYY-MM-DD"),
            (dict(META, signer_competence="XX."), "signer_competence",
             "TM."),
            (dict(META, reviewers=["chutich"]), "reviewers", "trùng"),
            (dict(META, reviewers=["khongco"]), "reviewers", "Không có"),
            (dict(META, recipients=["", "Lưu: VT"]), "recipients",
             "không rỗng"),
        ]
        before = self.srv.api("GET", "/drafts?scope=all",
                              user="chuyenvien1").json()["total"]
        for meta, field, words in cases:
            r = self.create(meta)
            self.assertStatus(r, 400, "invalid_request")
            err = r.json()["error"]
            self.assertEqual(err["field"], field, err)
            self.assertIn(words, err["message"], err)
        after = self.srv.api("GET", "/drafts?scope=all",
                             user="chuyenvien1").json()["total"]
        self.assertEqual(before, after)

    def test_file_errors(self):
        r = self.create(META, b"PK\x03\x04 a .docx file, not a PDF")
        self.assertStatus(r, 422, "not_pdf")
        self.assertEqual(r.json()["error"]["field"], "file")
        big = self.pdf + b"%" + b"x" * 40000 + b"\n"
        r = self.create(META, big)
        self.assertStatus(r, 413, "payload_too_large")
        self.assertEqual(r.json()["error"]["limit"], 40000)
        self.assertIn("40000", r.json()["error"]["message"])
        r = self.srv.api("POST", "/drafts", json.dumps(META).encode(),
                         user="chuyenvien1",
                         headers={"Content-Type": "application/json"})
        self.assertStatus(r, 415, "unsupported_media_type")
        r = self.srv.api("POST", "/drafts", b"--x\r\n", user="chuyenvien1",
                         headers={"Content-Type":
                                  "multipart/form-data; boundary=y"})
        self.assertStatus(r, 400)

    def test_idempotent_create(self):
        body = multipart(dict(META, subject="Tạo một lần duy nhất"), self.pdf)
        hdr = {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY,
               "Idempotency-Key": "draft-new-once-1"}
        r1 = self.srv.api("POST", "/drafts", body, user="chuyenvien1",
                          headers=hdr)
        r2 = self.srv.api("POST", "/drafts", body, user="chuyenvien1",
                          headers=hdr)
        self.assertStatus(r1, 201)
        self.assertStatus(r2, 201)
        self.assertEqual(r2.headers.get("idempotent-replayed"), "true")
        items = self.srv.api("GET", "/drafts?scope=all&role=drafter",
                             user="chuyenvien1").json()["items"]
        self.assertEqual(sum(1 for x in items
                             if x["subject"] == "Tạo một lần duy nhất"), 1)


class DraftColumnUpgradeTest(unittest.TestCase):
    """A database from before POST /drafts gains recipients on start."""

    def test_old_database_is_migrated(self):
        state = tempfile.mkdtemp(prefix="vt-upgrade-")
        first = RefServer("--seed", "none", state=state)
        first.stop()
        conn = sqlite3.connect(os.path.join(state, "vanthu.db"))
        conn.executescript("""
            CREATE TABLE d2 AS SELECT id, type_code, code_notation,
              code_number, issued_date, subject, urgency, due_date, state,
              drafter_id, signer_id, signer_position, signer_competence,
              seq, updated_at FROM drafts;
            DROP TABLE drafts; ALTER TABLE d2 RENAME TO drafts;
            INSERT INTO drafts VALUES(1, 'TB', 'TB-UBND', '', NULL,
              'Thông báo cũ', 0, NULL, 'awaiting_signer', 4, 1, 'Chủ tịch',
              'TM.', 1, 0);""")
        conn.commit()
        conn.close()
        again = RefServer("--seed", "none", state=state)
        try:
            d = again.api("GET", "/drafts/d1", user="chuyenvien1")
            self.assertEqual(d.status, 200, d)
            self.assertEqual(d.json()["subject"], "Thông báo cũ")
            self.assertEqual(d.json()["recipients"], [])
        finally:
            again.stop()
            import shutil
            shutil.rmtree(state, ignore_errors=True)
