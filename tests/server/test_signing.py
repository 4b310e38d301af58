"""Signed uploads (docs/api.md section 8), checked with pdfsig and openssl.

The signatures are made with mutool sign from PKCS#12 files whose
certificates the tests issue from the server's signing CA (or from a CA
the server does not trust), following the subject rule of the API.
"""

import hashlib

from testlib import (ServerTestCase, Signer, agency_subject,
                     personal_subject)


class SignedUploadTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signer = Signer(cls.srv.state)
        cls.p12 = {u: cls.signer.cert(personal_subject(u))
                   for u in ("chutich", "phochutich", "vanthu")}
        cls.p12["agency"] = cls.signer.cert(agency_subject())

    @classmethod
    def tearDownClass(cls):
        cls.signer.cleanup()
        super().tearDownClass()

    def draft(self, key, user="chutich"):
        """The draft whose subject contains key, with its current PDF."""
        items = self.srv.api("GET", "/drafts?scope=all&limit=200",
                             user=user).json()["items"]
        for d in items:
            if key in d["subject"]:
                v = d["current_version"]
                pdf = self.srv.api("GET", "/attachments/" +
                                   v["attachment_id"], user=user).raw
                self.assertEqual(hashlib.sha256(pdf).hexdigest(),
                                 v["sha256"])
                return d, v, pdf
        self.fail("no draft %r" % key)

    def upload(self, draft, version, data, user):
        return self.srv.api(
            "POST", "/drafts/%s/versions/%s/signed" % (draft["id"],
                                                      version["id"]),
            data, headers={"Content-Type": "application/pdf"}, user=user)

    def test_refusals_then_personal_then_agency(self):
        d, v, pdf = self.draft("giống lúa chất lượng cao")
        self.assertEqual(d["state"], "awaiting_signer")
        good = self.signer.sign(pdf, self.p12["chutich"])

        # Unsigned: only an empty signature field was added.
        unsigned, _ = self.signer.add_field(pdf)
        self.assertStatus(self.upload(d, v, unsigned, "chutich"), 422,
                          "not_signed")
        # Not a PDF, wrong content type.
        self.assertStatus(self.upload(d, v, b"hello", "chutich"), 422,
                          "not_pdf")
        r = self.srv.api("POST", "/drafts/%s/versions/%s/signed" %
                         (d["id"], v["id"]), good,
                         headers={"Content-Type": "application/json"},
                         user="chutich")
        self.assertStatus(r, 415, "unsupported_media_type")
        # Prefix is another PDF (a different draft's version, signed).
        _, _, other_pdf = self.draft("tổng vệ sinh môi trường")
        other = self.signer.sign(other_pdf, self.p12["chutich"])
        self.assertStatus(self.upload(d, v, other, "chutich"), 422,
                          "prefix_mismatch")
        # Prefix changed by one byte (inside the draft part).
        tampered = bytearray(good)
        tampered[len(pdf) // 2] ^= 0x01
        self.assertStatus(self.upload(d, v, bytes(tampered), "chutich"),
                          422, "prefix_mismatch")
        # Bytes changed inside the new signature's signed range (in the
        # incremental update that added the field, after the draft).
        i = good.index(b"(ChuKy)", len(pdf))
        changed = good[:i] + b"(ChuKz)" + good[i + 7:]
        self.assertEqual(len(changed), len(good))
        self.assertStatus(self.upload(d, v, changed, "chutich"), 422,
                          "signature_invalid")
        # Bytes appended after the signature.
        self.assertStatus(self.upload(d, v, good + b"\n% them\n", "chutich"),
                          422, "unsigned_changes")
        # Signed with another user's key.
        theirs = self.signer.sign(pdf, self.p12["phochutich"])
        self.assertStatus(self.upload(d, v, theirs, "chutich"), 422,
                          "signer_mismatch")
        # The right name but a CA the server does not trust.
        ca, key = self.signer.own_ca()
        rogue = self.signer.cert(personal_subject("chutich"), ca=ca,
                                 ca_key=key)
        self.assertStatus(self.upload(d, v, self.signer.sign(pdf, rogue),
                                      "chutich"), 422,
                          "certificate_untrusted")
        # Key usage without nonRepudiation.
        weak = self.signer.cert(personal_subject("chutich"),
                                key_usage="critical,digitalSignature")
        self.assertStatus(self.upload(d, v, self.signer.sign(pdf, weak),
                                      "chutich"), 422,
                          "certificate_key_usage")
        # Two new signatures in one upload.
        twice = self.signer.sign(good, self.p12["chutich"], "ChuKy2")
        self.assertStatus(self.upload(d, v, twice, "chutich"), 422,
                          "too_many_signatures")
        # An agency signature before the personal one (by the clerk).
        early = self.signer.sign(pdf, self.p12["agency"], "ConDau")
        self.assertStatus(self.upload(d, v, early, "vanthu"), 422,
                          "agency_before_personal")
        # Someone who is neither signer nor clerk.
        self.assertStatus(self.upload(d, v, good, "phochutich"), 404)
        # Nothing above changed the draft.
        again = self.srv.api("GET", "/drafts/" + d["id"],
                             user="chutich").json()
        self.assertEqual(again["state"], "awaiting_signer")
        self.assertEqual(len(again["versions"]), 1)

        # The good one is accepted.
        r = self.upload(d, v, good, "chutich")
        self.assertStatus(r, 201)
        body = r.json()
        self.assertEqual(body["draft"]["state"], "signed")
        nv = body["version"]
        self.assertEqual(nv["kind"], "signed")
        self.assertEqual(nv["sha256"], hashlib.sha256(good).hexdigest())
        self.assertEqual(nv["signatures"][0]["kind"], "personal")
        self.assertEqual(nv["signatures"][0]["username"], "chutich")
        stored = self.srv.api("GET", "/attachments/" + nv["attachment_id"],
                              user="vanthu").raw
        self.assertEqual(stored, good)
        # The old version is no longer current.
        self.assertStatus(self.upload(d, v, good, "chutich"), 409,
                          "version_not_current")
        # Now it waits for the clerk.
        waiting = self.srv.api("GET", "/drafts", user="vanthu").json()
        self.assertIn(d["id"], [x["id"] for x in waiting["items"]])

        # Agency signature: not from the leader, and must name us.
        agency = self.signer.sign(good, self.p12["agency"], "ConDau")
        self.assertStatus(self.upload(d, nv, agency, "chutich"), 422,
                          "agency_not_clerk")
        stranger = self.signer.cert(agency_subject(
            "000.99.99.H56", "UBND xã Khác"))
        self.assertStatus(self.upload(
            d, nv, self.signer.sign(good, stranger, "ConDau"), "vanthu"),
            422, "agency_mismatch")
        # The clerk's personal key is not the draft's signer.
        self.assertStatus(self.upload(
            d, nv, self.signer.sign(good, self.p12["vanthu"]), "vanthu"),
            403, "forbidden")
        r = self.upload(d, nv, agency, "vanthu")
        self.assertStatus(r, 201)
        issued = r.json()["draft"]
        self.assertEqual(issued["state"], "issued")
        self.assertRegex(issued["code_number"], r"^\d{2,}$")
        self.assertEqual([s["kind"] for s in
                          r.json()["version"]["signatures"]],
                         ["personal", "agency"])
        self.assertEqual(r.json()["version"]["kind"], "agency_signed")
        hist = [h["action"] for h in issued["history"]]
        # Then the issue's distribution to the recipients (outgoing.py).
        self.assertEqual(hist[-3:], ["signed", "agency_signed",
                                     "distributed"])

    def test_signing_needs_reviewers_first(self):
        d, v, pdf = self.draft("khen thưởng")
        self.assertEqual(d["state"], "in_review")
        r = self.upload(d, v, self.signer.sign(pdf, self.p12["chutich"]),
                        "chutich")
        self.assertStatus(r, 409, "invalid_state")

    def test_idempotent_signed_upload(self):
        d, v, pdf = self.draft("ven đê sông Mã", user="phochutich")
        p12 = self.signer.cert(personal_subject("phochutich"))
        good = self.signer.sign(pdf, p12)
        headers = {"Content-Type": "application/pdf",
                   "Idempotency-Key": "sign-once-1"}
        path = "/drafts/%s/versions/%s/signed" % (d["id"], v["id"])
        r1 = self.srv.api("POST", path, good, headers=headers,
                          user="phochutich")
        self.assertStatus(r1, 201)
        r2 = self.srv.api("POST", path, good, headers=headers,
                          user="phochutich")
        self.assertStatus(r2, 201)
        self.assertEqual(r2.json()["version"]["id"],
                         r1.json()["version"]["id"])
        detail = self.srv.api("GET", "/drafts/" + d["id"],
                              user="phochutich").json()
        self.assertEqual(len(detail["versions"]), 2)

    def test_clerk_issues_the_seeded_signed_draft(self):
        waiting = self.srv.api("GET", "/drafts", user="vanthu").json()
        seeded = [d for d in waiting["items"] if d["state"] == "signed" and
                  "cải cách hành chính" in d["subject"]]
        self.assertEqual(len(seeded), 1)
        d, v, pdf = self.draft("cải cách hành chính", user="vanthu")
        self.assertEqual(v["kind"], "signed")
        r = self.upload(d, v, self.signer.sign(pdf, self.p12["agency"],
                                               "ConDau"), "vanthu")
        self.assertStatus(r, 201)
        self.assertEqual(r.json()["draft"]["state"], "issued")
        self.assertEqual(r.json()["draft"]["issued_date"],
                         r.json()["draft"]["issued_date"][:10])
        self.assertNotIn(d["id"], [x["id"] for x in self.srv.api(
            "GET", "/drafts", user="vanthu").json()["items"]])
