"""Validation data after the last signature (docs/api.md section 8,
vtserver/vdata.py): a signed upload may end with incremental updates
that only add a DSS; one that also changes the page, adds an
annotation, rewrites the document information or claims a content
stream as a certificate is refused with unsigned_changes.  The updates
are made with MuPDF (mutool run tests/tools/pdf-edit.js and a script of
this file), as an attacker would.
"""

import os
import shutil
import tempfile

from testlib import ServerTestCase, Signer, personal_subject, run

HERE = os.path.dirname(os.path.abspath(__file__))
PDF_EDIT = os.path.join(HERE, "..", "tools", "pdf-edit.js")

# mutool run: a DSS and, in the same update, something that is not
# validation data (ACTION), or nothing else ("none").
HOSTILE_JS = """
var doc = new PDFDocument(scriptArgs[1]);
var page = doc.findPage(0);
var root = doc.getTrailer().Root;
var what = scriptArgs[0];
var cert = doc.addStream("0", {});
root.DSS = doc.addObject({ Type: "DSS", Certs: [cert],
    VRI: { "0123456789ABCDEF0123456789ABCDEF01234567": { Cert: [cert] } } });
var c = page.Contents;
if (c.isArray())
    c = c[0];
if (what == "claim") {
    root.DSS.Certs = [cert, c];
    c.writeStream("BT /F1 14 Tf 72 770 Td (Chi 1.000.000.000 dong) Tj ET");
} else if (what == "info") {
    doc.getTrailer().Info = doc.addObject({ Title: doc.newString("Khac") });
} else if (what == "visible") {
    var w = doc.addObject({ Type: "Annot", Subtype: "Widget", FT: "Sig",
        T: doc.newString("DocTimeStamp9"), Rect: [72, 700, 400, 760],
        F: 4, P: page,
        V: doc.addObject({ Type: "DocTimeStamp", SubFilter: "ETSI.RFC3161" })
    });
    page.Annots.push(w);
    root.AcroForm.Fields.push(w);
}
doc.save(scriptArgs[2], "incremental");
"""


class ValidationDataTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signer = Signer(cls.srv.state)
        cls.p12 = cls.signer.cert(personal_subject("chutich"))
        cls.tmp = tempfile.mkdtemp(prefix="vt-vdata-")
        cls.js = os.path.join(cls.tmp, "hostile.js")
        with open(cls.js, "w") as f:
            f.write(HOSTILE_JS)

    @classmethod
    def tearDownClass(cls):
        cls.signer.cleanup()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def current(self, draft_id):
        d = self.srv.api("GET", "/drafts/" + draft_id, user="chutich").json()
        v = d["current_version"]
        pdf = self.srv.api("GET", "/attachments/" + v["attachment_id"],
                           user="chutich").raw
        return d, v, pdf

    def upload(self, d, v, data):
        return self.srv.api(
            "POST", "/drafts/%s/versions/%s/signed" % (d["id"], v["id"]),
            data, headers={"Content-Type": "application/pdf"},
            user="chutich")

    def edit(self, data, *args):
        """DATA with an incremental update made by mutool run ARGS (the
        script, an action, the input and output files are added)."""
        src = os.path.join(self.tmp, "in.pdf")
        out = os.path.join(self.tmp, "out.pdf")
        with open(src, "wb") as f:
            f.write(data)
        if os.path.exists(out):
            os.unlink(out)
        script, action = args[0], args[1]
        run("mutool", "run", script, action, src, out, *args[2:])
        with open(out, "rb") as f:
            edited = f.read()
        self.assertTrue(edited.startswith(data), "not incremental")
        return edited

    def test_hostile_then_dss_only(self):
        d, v, pdf = self.current("d9")
        self.assertEqual(d["state"], "awaiting_signer")
        signed = self.signer.sign(pdf, self.p12)
        for action in ("claim", "info", "visible"):
            with self.subTest(action=action):
                bad = self.edit(signed, self.js, action)
                self.assertStatus(self.upload(d, v, bad), 422,
                                  "unsigned_changes")
        # A page content change without any DSS (tests/tools/pdf-edit.js).
        self.assertStatus(self.upload(d, v, self.edit(signed, PDF_EDIT,
                                                      "rewrite")),
                          422, "unsigned_changes")
        self.assertEqual(self.current("d9")[0]["state"], "awaiting_signer")
        # The DSS alone (the certificate file as its data) is accepted.
        good = self.edit(signed, PDF_EDIT, "dss",
                         os.path.join(self.srv.state, "signing-ca.pem"))
        self.assertStatus(self.upload(d, v, good), 201)
        self.assertEqual(self.current("d9")[0]["state"], "signed")
