"""Verification of signed PDF uploads (docs/api.md section 8).

The checks use real tools: poppler's pdfsig with an NSS database that
trusts only the signing CA, and openssl cms -verify over each
signature's byte range.  Every refusal raises SignError with a stable
error code.
"""

import binascii
import os
import re
import subprocess
import tempfile
import unicodedata

from . import vdata

BYTERANGE = re.compile(
    rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


class SignError(Exception):
    """A refused upload: code (docs/api.md) and a human message."""

    def __init__(self, code, message, status=422):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class Signature:
    """One signature found in a PDF: its byte range and CMS blob; a
    document timestamp (its CMS an RFC 3161 TimeStampToken) when
    timestamp is True."""

    def __init__(self, start, len1, off2, len2, cms):
        self.start, self.len1, self.off2, self.len2 = start, len1, off2, len2
        self.cms = cms
        self.cert_pem = None
        self.subject = {}
        self.key_usage = ""
        self.timestamp = False

    @property
    def end(self):
        """One past the last signed byte."""
        return self.off2 + self.len2

    def signed_bytes(self, data):
        return data[self.start:self.start + self.len1] + \
            data[self.off2:self.off2 + self.len2]


def der_length(blob):
    """Length of the DER object at the start of blob (tag + length + body).

    /Contents is padded with zeros after the CMS; cut the padding by the
    DER header rather than by stripping zeros (a DER object may end with a
    zero byte).
    """
    if len(blob) < 2 or blob[0] != 0x30:
        raise SignError("signature_invalid", "chữ ký không phải CMS (DER)")
    first = blob[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if n == 0 or n > 4 or len(blob) < 2 + n:
        raise SignError("signature_invalid", "độ dài CMS không hợp lệ")
    return 2 + n + int.from_bytes(blob[2:2 + n], "big")


def find_signatures(data):
    """Every distinct ByteRange whose gap holds a hex /Contents string."""
    found = {}
    for m in BYTERANGE.finditer(data):
        a, b, c, d = (int(x) for x in m.groups())
        if (a, b, c, d) in found:
            continue
        if a != 0 or not (0 < b < c <= len(data)) or c + d > len(data):
            raise SignError("signature_invalid",
                            "ByteRange [%d %d %d %d] nằm ngoài tệp" %
                            (a, b, c, d))
        gap = data[b:c]
        if not (gap.startswith(b"<") and gap.endswith(b">")):
            raise SignError("signature_invalid",
                            "khoảng trống của ByteRange không chứa /Contents")
        try:
            raw = binascii.unhexlify(re.sub(rb"\s+", b"", gap[1:-1]))
        except (binascii.Error, ValueError):
            raise SignError("signature_invalid", "/Contents không phải hex")
        found[(a, b, c, d)] = Signature(a, b, c, d, raw[:der_length(raw)])
    return sorted(found.values(), key=lambda s: s.end)


def _run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, **kw)


def parse_pdfsig(text):
    """pdfsig output → list of dicts (validation, certificate, ranges:
    the signed ranges as (start, len1, off2, len2) or None)."""
    sigs = []
    for line in text.splitlines():
        line = line.strip()
        if re.match(r"Signature #\d+:", line):
            sigs.append({"validation": None, "certificate": None,
                         "ranges": None})
        elif not sigs:
            continue
        elif line.startswith("- Signed Ranges:"):
            m = re.search(r"\[(\d+) - (\d+)\], \[(\d+) - (\d+)\]", line)
            if m:
                a, b, c, d = (int(x) for x in m.groups())
                sigs[-1]["ranges"] = (a, b - a, c, d - c)
        elif line.startswith("- Signature Validation:"):
            sigs[-1]["validation"] = line.split(":", 1)[1].strip()
        elif line.startswith("- Certificate Validation:"):
            sigs[-1]["certificate"] = line.split(":", 1)[1].strip()
    return sigs


def parse_subject(text):
    """openssl -nameopt sep_multiline,utf8,-esc_msb,sname output → dict."""
    subject = {}
    for line in text.splitlines()[1:]:
        if "=" in line:
            k, v = line.strip().split("=", 1)
            subject[k.strip()] = unicodedata.normalize("NFC", v.strip())
    return subject


class Verifier:
    """Checks PDFs against the state directory's signing CA."""

    def __init__(self, state_dir):
        self.ca = os.path.join(state_dir, "signing-ca.pem")
        self.nssdb = os.path.join(state_dir, "nssdb")

    def _cms_verify(self, sig, data, tmp, with_ca):
        """openssl cms -verify; return (ok, stderr)."""
        sig_path = os.path.join(tmp, "sig.der")
        content = os.path.join(tmp, "content")
        cert = os.path.join(tmp, "signer.pem")
        with open(sig_path, "wb") as f:
            f.write(sig.cms)
        with open(content, "wb") as f:
            f.write(sig.signed_bytes(data))
        args = ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", sig_path, "-content", content, "-purpose", "any",
                "-out", os.devnull, "-signer", cert]
        args += ["-CAfile", self.ca] if with_ca else ["-noverify"]
        r = _run(args)
        if r.returncode == 0 and not with_ca:
            with open(cert) as f:
                sig.cert_pem = f.read()
        return r.returncode == 0, r.stderr.decode("utf-8", "replace")

    def _describe_cert(self, sig, tmp):
        cert = os.path.join(tmp, "cert.pem")
        with open(cert, "w") as f:
            f.write(sig.cert_pem)
        r = _run(["openssl", "x509", "-in", cert, "-noout", "-subject",
                  "-nameopt", "sep_multiline,utf8,-esc_msb,sname"])
        sig.subject = parse_subject(r.stdout.decode("utf-8", "replace"))
        r = _run(["openssl", "x509", "-in", cert, "-noout", "-ext",
                  "keyUsage"])
        sig.key_usage = r.stdout.decode("utf-8", "replace")

    def _ts_verify(self, ts, data, tmp):
        """openssl ts -verify: the document timestamp TS is the TSA's
        signature over its ByteRange bytes, its TSA certificate from the
        server's CA.  Raises SignError."""
        token = os.path.join(tmp, "ts.der")
        content = os.path.join(tmp, "ts-content")
        with open(token, "wb") as f:
            f.write(ts.cms)
        with open(content, "wb") as f:
            f.write(ts.signed_bytes(data))
        r = _run(["openssl", "ts", "-verify", "-in", token, "-token_in",
                  "-data", content, "-CAfile", self.ca])
        if r.returncode != 0 or b"Verification: OK" not in r.stdout:
            raise SignError("signature_invalid",
                            "dấu thời gian tài liệu không hợp lệ: %s" %
                            (r.stdout + r.stderr).decode(
                                "utf-8", "replace").strip()[-200:])

    def verify_upload(self, data, base_len):
        """Check an upload that answers a version of base_len bytes.

        The caller has checked %PDF- and the prefix.  Exactly one new
        signature; after it only validation data (PAdES B-LT, B-LTA:
        vdata.check_tail).  Returns (signatures, new_signature), each
        with its certificate's subject filled in (document timestamps
        are checked, not returned).  Raises SignError.
        """
        found = find_signatures(data)
        for s in found:
            s.timestamp = vdata.is_timestamp(s.cms)
        sigs = [s for s in found if not s.timestamp]
        stamps = [s for s in found if s.timestamp]
        new = [s for s in sigs if s.end > base_len]
        if not new:
            raise SignError("not_signed",
                            "tệp tải lên không có chữ ký số mới")
        if len(new) > 1:
            raise SignError("too_many_signatures",
                            "mỗi lần tải lên chỉ được thêm một chữ ký")
        newsig = new[0]
        if any(base_len < ts.end < newsig.end for ts in stamps):
            raise SignError("unsigned_changes",
                            "dấu thời gian tài liệu nằm trước chữ ký mới")
        with tempfile.TemporaryDirectory(prefix="vt-sig-") as tmp:
            if newsig.end != len(data):
                vdata.check_tail(data, newsig.end, stamps, tmp)
            pdf = os.path.join(tmp, "upload.pdf")
            with open(pdf, "wb") as f:
                f.write(data)
            r = _run(["pdfsig", "-nssdir", "sql:" + self.nssdb, pdf])
            report = parse_pdfsig(r.stdout.decode("utf-8", "replace"))
            if not report or len(report) < len(found):
                raise SignError("signature_invalid",
                                "pdfsig không đọc được các chữ ký (%s)" %
                                r.stderr.decode("utf-8", "replace").strip())
            # poppler 22.12 does not check document timestamps ("not
            # yet verified"): openssl ts -verify does, below.
            ts_ranges = {(t.start, t.len1, t.off2, t.len2) for t in stamps}
            report = [item for item in report
                      if item["ranges"] not in ts_ranges]
            for i, item in enumerate(report, 1):
                if item["validation"] != "Signature is Valid.":
                    raise SignError("signature_invalid",
                                    "chữ ký số %d không hợp lệ: %s" %
                                    (i, item["validation"]))
            for ts in stamps:
                self._ts_verify(ts, data, tmp)
            for i, sig in enumerate(sigs, 1):
                ok, err = self._cms_verify(sig, data, tmp, with_ca=False)
                if not ok:
                    raise SignError("signature_invalid",
                                    "chữ ký số %d không khớp dữ liệu: %s" %
                                    (i, err.strip().splitlines()[-1:]))
                ok, err = self._cms_verify(sig, data, tmp, with_ca=True)
                if not ok:
                    raise SignError("certificate_untrusted",
                                    "chứng thư của chữ ký số %d không do "
                                    "CA ký số của máy chủ cấp" % i)
                self._describe_cert(sig, tmp)
            for i, item in enumerate(report, 1):
                cert = item["certificate"]
                if cert == "Certificate is Trusted.":
                    continue
                # poppler 22.12 prints this for a later signature even
                # when it is fine; openssl verified the chain above.
                if i > 1 and cert and cert.startswith(
                        "Unknown issue with Certificate"):
                    continue
                raise SignError("certificate_untrusted",
                                "pdfsig: chữ ký số %d: %s" % (i, cert))
        usage = newsig.key_usage
        if "Digital Signature" not in usage or \
                "Non Repudiation" not in usage:
            raise SignError("certificate_key_usage",
                            "chứng thư thiếu digitalSignature/nonRepudiation")
        return sigs, newsig


def classify(sig):
    """'agency' or 'personal', by the UID rule of docs/api.md section 8."""
    uid = sig.subject.get("UID", "")
    return "agency" if uid.startswith("AGENCY:") else "personal"


def is_user(sig, username, full_name):
    """True when a personal certificate names this account."""
    return (sig.subject.get("UID") == username and
            sig.subject.get("CN") ==
            unicodedata.normalize("NFC", full_name))


def is_agency(sig, organ_id, organ_name):
    """True when an agency certificate names this organisation."""
    return (sig.subject.get("UID") == "AGENCY:" + organ_id and
            sig.subject.get("CN") ==
            unicodedata.normalize("NFC", organ_name))
