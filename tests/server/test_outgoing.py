"""Numbering and issuing (docs/api.md section 12): the clerk reserves the
number and date of a signed draft, the agency-signed upload must carry
them in its number and date fields, the document goes to the outgoing
register and to its recipients (another organ on this server).

The fields are filled with `vanthu draft fields --fill` (the program
under test, $VANTHU) and signed with mutool sign.
"""

import hashlib
import os
import subprocess
import tempfile
import unittest

from testlib import ServerTestCase, Signer, agency_subject

VANTHU = os.environ.get("VANTHU")


def fill(pdf, number_notation, place, date):
    """pdf with its number and date fields filled by vanthu."""
    with tempfile.TemporaryDirectory(prefix="vt-fill-") as tmp:
        src, out = os.path.join(tmp, "in.pdf"), os.path.join(tmp, "out.pdf")
        with open(src, "wb") as f:
            f.write(pdf)
        subprocess.run([VANTHU, "draft", "fields", src, "-o", out, "--fill",
                        number_notation, "--place", place, "--date", date],
                       check=True)
        with open(out, "rb") as f:
            return f.read()


@unittest.skipUnless(VANTHU and os.access(VANTHU, os.X_OK),
                     "VANTHU (the built program) is not set")
class OutgoingTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signer = Signer(cls.srv.state)
        cls.agency = cls.signer.cert(agency_subject())

    @classmethod
    def tearDownClass(cls):
        cls.signer.cleanup()
        super().tearDownClass()

    def signed_draft(self):
        items = self.srv.api("GET", "/drafts?scope=all&limit=200",
                             user="vanthu").json()["items"]
        d = [x for x in items if x["state"] == "signed"][0]
        v = d["current_version"]
        pdf = self.srv.api("GET", "/attachments/" + v["attachment_id"],
                           user="vanthu").raw
        self.assertEqual(hashlib.sha256(pdf).hexdigest(), v["sha256"])
        return d, v, pdf

    def upload(self, d, v, data):
        return self.srv.api(
            "POST", "/drafts/%s/versions/%s/signed" % (d["id"], v["id"]),
            data, headers={"Content-Type": "application/pdf"}, user="vanthu")

    def reserve(self, d, user="vanthu", body=None):
        return self.srv.api("POST", "/drafts/%s/number" % d["id"],
                            body if body is not None else {}, user=user)

    def test_reserve_fill_issue_distribute(self):
        d, v, pdf = self.signed_draft()
        notation = d["code_notation"]
        # Only a clerk, only a signed draft.
        self.assertStatus(self.reserve(d, user=d["signer"]["username"]),
                          403, "forbidden")
        other = [x for x in self.srv.api(
            "GET", "/drafts?scope=all&limit=200", user="vanthu").json()[
                "items"] if x["state"] == "awaiting_signer"][0]
        self.assertStatus(self.reserve(other), 409, "invalid_state")
        self.assertStatus(self.reserve(d, body={"recipients": ["nobody?"]}),
                          400, "invalid_request")

        r = self.reserve(d, body={"recipients": ["chuyenvien1"]})
        self.assertStatus(r, 201)
        res = r.json()["reservation"]
        self.assertRegex(res["code_number"], r"^\d{2,}$")
        self.assertEqual(res["number_line"],
                         "Số: %s/%s" % (res["code_number"], notation))
        self.assertRegex(res["date_line"],
                         r"^Hoằng Quý, ngày \d{2} tháng (0[12]|\d{1,2}) "
                         r"năm \d{4}$")
        names = [x.get("organ_name") or x.get("full_name")
                 for x in res["recipients"]]
        self.assertIn("UBND huyện Hoằng Hóa", names)
        self.assertIn("Phạm Minh Tuấn", names)
        # Asking again gives the same number.
        again = self.reserve(d)
        self.assertStatus(again, 200)
        self.assertEqual(again.json()["reservation"]["code_number"],
                         res["code_number"])
        detail = self.srv.api("GET", "/drafts/" + d["id"],
                              user="vanthu").json()
        self.assertEqual(detail["reservation"]["code_number"],
                         res["code_number"])

        # Released, then reserved again: the same number (no gap).
        rel = self.srv.api("POST", "/drafts/%s/number/release" % d["id"],
                           {}, user="vanthu")
        self.assertStatus(rel, 200)
        self.assertEqual(rel.json()["reservation"]["state"], "released")
        self.assertStatus(self.srv.api(
            "POST", "/drafts/%s/number/release" % d["id"], {},
            user="vanthu"), 404, "not_found")
        # A filled number without a reservation is refused.
        iso = res["issued_date"]
        stray = self.signer.sign(fill(pdf, "%s/%s" % (res["code_number"],
                                                      notation),
                                      "Hoằng Quý", iso), self.agency,
                                 "ConDau")
        self.assertStatus(self.upload(d, v, stray), 409,
                          "number_not_reserved")
        r = self.reserve(d, body={"recipients": ["chuyenvien1"]})
        self.assertStatus(r, 201)
        res = r.json()["reservation"]
        self.assertEqual(res["code_number"], again.json()[
            "reservation"]["code_number"])

        # A number other than the reserved one is refused.
        wrong = "%02d/%s" % (int(res["code_number"]) + 1, notation)
        bad = self.signer.sign(fill(pdf, wrong, "Hoằng Quý", iso),
                               self.agency, "ConDau")
        self.assertStatus(self.upload(d, v, bad), 422, "number_mismatch")
        # The reserved number: issued.
        good = self.signer.sign(fill(pdf, "%s/%s" % (res["code_number"],
                                                     notation),
                                     "Hoằng Quý", iso), self.agency,
                                "ConDau")
        r = self.upload(d, v, good)
        self.assertStatus(r, 201)
        issued = r.json()["draft"]
        self.assertEqual(issued["state"], "issued")
        self.assertEqual(issued["code_number"], res["code_number"])
        self.assertEqual(issued["issued_date"], iso)

        # The outgoing register lists it.
        reg = self.srv.api("GET", "/outgoing", user="vanthu").json()
        entry = [x for x in reg["items"] if x["draft_id"] == d["id"]]
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry[0]["number_notation"], res["number_notation"])
        self.assertIn("UBND huyện Hoằng Hóa", entry[0]["recipients"])
        self.assertEqual(entry[0]["copies"], len(entry[0]["recipients"]))

        # The district (another organ on this server) receives it.
        inbox = self.srv.api("GET", "/incoming?limit=200",
                             user="vanthuhuyen").json()
        got = [x for x in inbox["items"]
               if x["number_notation"] == res["number_notation"] and
               x["organ"]["organ_name"] == "UBND xã Hoằng Quý"]
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["status"], "01")
        doc = self.srv.api("GET", "/incoming/" + got[0]["id"],
                           user="vanthuhuyen").json()
        att = self.srv.api("GET", "/attachments/" +
                           doc["attachments"][0]["id"],
                           user="vanthuhuyen").raw
        self.assertEqual(att, good)
        # Each organ sees only its own documents and drafts.
        self.assertEqual(len(inbox["items"]), inbox["total"])
        self.assertNotIn(got[0]["id"], [x["id"] for x in self.srv.api(
            "GET", "/incoming?limit=200", user="chutich").json()["items"]])
        self.assertStatus(self.srv.api("GET", "/incoming/" + got[0]["id"],
                                       user="chutich"), 404)
        self.assertEqual(self.srv.api("GET", "/drafts?scope=all",
                                      user="vanthuhuyen").json()["total"], 0)
        me = self.srv.api("GET", "/me", user="vanthuhuyen").json()
        self.assertEqual(me["organization"]["organ_id"], "000.00.31.H56")
        self.assertEqual([u["username"] for u in self.srv.api(
            "GET", "/users", user="vanthuhuyen").json()["items"]],
            ["vanthuhuyen"])
        # The commune's specialist received it as an internal document.
        mine = self.srv.api("GET", "/incoming?mine=true&limit=200",
                            user="chuyenvien1").json()["items"]
        self.assertIn(res["number_notation"],
                      [x["number_notation"] for x in mine])


if __name__ == "__main__":
    unittest.main()
