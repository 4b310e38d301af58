"""Validation data after the last signature (docs/api.md section 8).

A signature at PAdES B-LT or B-LTA (ETSI EN 319 142-1) is followed by
incremental updates that only add validation data: a Document Security
Store (ISO 32000-2 12.8.4.3: /Certs, /OCSPs, /CRLs and /VRI entries)
and document timestamps (/Type /DocTimeStamp, /SubFilter
/ETSI.RFC3161, an invisible signature field).  check_tail() accepts
such updates after the last signature and refuses any other change: it
reads, with qpdf, the objects of the revision the signature covers and
those of the whole file, and judges every object the later updates
wrote.  Every refusal raises signcheck.SignError("unsigned_changes").
"""

import json
import os
import re
import subprocess

from . import signcheck

REF = re.compile(r"^(\d+) (\d+) R$")
# id-ct-TSTInfo (RFC 3161), as DER: the eContentType of a timestamp.
OID_TSTINFO = bytes.fromhex("060b2a864886f70d0109100104")
DSS_KEYS = {"/Type", "/Certs", "/OCSPs", "/CRLs", "/VRI"}
VRI_KEYS = {"/Type", "/Cert", "/OCSP", "/CRL", "/TU", "/TS"}
DATA_STREAM_KEYS = {"/Length", "/Filter", "/DecodeParms", "/DL"}


def refuse(why):
    raise signcheck.SignError("unsigned_changes",
                    "sau chữ ký cuối cùng chỉ được thêm dữ liệu xác thực "
                    "(DSS, dấu thời gian tài liệu): %s" % why)


# ---- DER: is a /Contents a timestamp token? ------------------------------

def _tlv(d, i):
    """(tag, start of content, end) of the DER object at D[i]."""
    if i + 2 > len(d):
        raise ValueError("short")
    tag, n, j = d[i], d[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4 or j + k > len(d):
            raise ValueError("length")
        n = int.from_bytes(d[j:j + k], "big")
        j += k
    if j + n > len(d):
        raise ValueError("overrun")
    return tag, j, j + n


def is_timestamp(cms):
    """True when CMS (DER ContentInfo) is an RFC 3161 TimeStampToken:
    SignedData whose encapsulated content is a TSTInfo."""
    try:
        _, c, _ = _tlv(cms, 0)                 # ContentInfo
        _, _, e = _tlv(cms, c)                 # contentType
        _, c, _ = _tlv(cms, e)                 # [0] EXPLICIT
        _, c, _ = _tlv(cms, c)                 # SignedData
        _, _, e = _tlv(cms, c)                 # version
        _, _, e = _tlv(cms, e)                 # digestAlgorithms
        _, c, _ = _tlv(cms, e)                 # encapContentInfo
        _, s, e = _tlv(cms, c)                 # eContentType
        return cms[c:e] == OID_TSTINFO
    except (ValueError, IndexError):
        return False


# ---- qpdf ----------------------------------------------------------------

def _run(args):
    return subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120)


def read_xref(path):
    """{(num, gen): ("u", offset) | ("c", stream num, index)} of the
    file's final cross-reference (qpdf --show-xref).  A file qpdf has
    to repair is refused: what it reads may not be what others read."""
    r = _run(["qpdf", "--show-xref", path])
    if r.returncode != 0 or r.stderr.strip():
        refuse("qpdf không đọc được bảng xref (%s)" %
               r.stderr.decode("utf-8", "replace").strip()[:200])
    out = {}
    for line in r.stdout.decode("ascii", "replace").splitlines():
        m = re.match(r"(\d+)/(\d+): uncompressed; offset = (\d+)$", line)
        if m:
            out[(int(m.group(1)), int(m.group(2)))] = ("u", int(m.group(3)))
            continue
        m = re.match(r"(\d+)/(\d+): compressed; stream = (\d+), "
                     r"index = (\d+)$", line)
        if m:
            out[(int(m.group(1)), int(m.group(2)))] = (
                "c", int(m.group(3)), int(m.group(4)))
    return out


def read_objects(path):
    """{"N G R" or "trailer": {"value": ...} | {"stream": {"dict": ...}}}
    (qpdf JSON version 2, without stream data)."""
    r = _run(["qpdf", "--json=2", "--json-key=qpdf", path])
    if r.returncode != 0:
        refuse("qpdf không đọc được tệp (%s)" %
               r.stderr.decode("utf-8", "replace").strip()[:200])
    objs = {}
    for k, v in json.loads(r.stdout.decode("utf-8"))["qpdf"][1].items():
        objs[k[4:] if k.startswith("obj:") else k] = v
    return objs


class Revision:
    """The objects of one revision, with references resolved."""

    def __init__(self, objs, xref):
        self.objs, self.xref = objs, xref

    def obj(self, ref):
        return self.objs.get(ref)

    def value(self, x):
        """X with one level of indirection resolved (None when missing;
        a stream gives its dictionary)."""
        if isinstance(x, str) and REF.match(x):
            o = self.objs.get(x)
            if o is None:
                return None
            return o["value"] if "value" in o else o["stream"]["dict"]
        return x

    def is_stream(self, ref):
        o = self.objs.get(ref)
        return o is not None and "stream" in o

    def trailer(self):
        return self.objs["trailer"]["value"]


def refs_in(x, out):
    """Add to OUT every "N G R" inside the JSON value X."""
    if isinstance(x, str):
        if REF.match(x):
            out.add(x)
    elif isinstance(x, list):
        for y in x:
            refs_in(y, out)
    elif isinstance(x, dict):
        for y in x.values():
            refs_in(y, out)


def key_of(num_gen):
    return "%d %d R" % num_gen


# ---- the DSS -------------------------------------------------------------

def dss_objects(rev, dss):
    """The indirect objects a DSS reaches (its dictionary, arrays, VRI
    dictionaries, data streams), after checking its structure; DSS is
    the catalog's /DSS value.  Raises signcheck.SignError."""
    found = set()

    def indirect(x):
        if isinstance(x, str) and REF.match(x):
            found.add(x)

    def streams(arr, what):
        indirect(arr)
        arr = rev.value(arr)
        if not isinstance(arr, list):
            refuse("%s của DSS không phải mảng" % what)
        for item in arr:
            if not (isinstance(item, str) and REF.match(item) and
                    rev.is_stream(item)):
                refuse("%s của DSS chứa thứ không phải luồng dữ liệu" % what)
            if not set(rev.value(item)) <= DATA_STREAM_KEYS:
                refuse("luồng %s trong DSS không phải dữ liệu xác thực" %
                       item)
            found.add(item)

    indirect(dss)
    d = rev.value(dss)
    if not isinstance(d, dict) or not set(d) <= DSS_KEYS or \
            d.get("/Type", "/DSS") != "/DSS":
        refuse("DSS không hợp lệ")
    for k in ("/Certs", "/OCSPs", "/CRLs"):
        if k in d:
            streams(d[k], k[1:])
    if "/VRI" in d:
        indirect(d["/VRI"])
        vri = rev.value(d["/VRI"])
        if not isinstance(vri, dict):
            refuse("VRI không phải từ điển")
        for name, entry in vri.items():
            if not re.fullmatch(r"/[0-9A-Fa-f]{40}", name):
                refuse("khóa VRI %s không phải SHA-1" % name[:50])
            indirect(entry)
            e = rev.value(entry)
            if not isinstance(e, dict) or not set(e) <= VRI_KEYS or \
                    e.get("/Type", "/VRI") != "/VRI":
                refuse("mục VRI %s không hợp lệ" % name[:50])
            for k in ("/Cert", "/OCSP", "/CRL"):
                if k in e:
                    streams(e[k], "VRI " + k[1:])
            if "/TS" in e:
                streams([e["/TS"]], "VRI TS")
            if "/TU" in e and not isinstance(e["/TU"], str):
                refuse("VRI /TU không phải ngày giờ")
    return found


# ---- document timestamps -------------------------------------------------

def zero_area(rect):
    return isinstance(rect, list) and len(rect) == 4 and \
        all(isinstance(v, (int, float)) for v in rect) and \
        (rect[0] == rect[2] or rect[1] == rect[3])


def doc_timestamp_objects(rev, field, ranges):
    """The objects of one new document timestamp field FIELD (a merged
    field and invisible widget, its /V, its appearance streams), after
    checking them; RANGES: the ByteRanges of the timestamp tokens found
    in the file.  Raises signcheck.SignError."""
    f = rev.value(field)
    if not isinstance(f, dict) or f.get("/FT") != "/Sig":
        refuse("trường mới %s không phải trường chữ ký" % field)
    if "/Kids" in f or f.get("/Subtype", "/Widget") != "/Widget" or \
            not zero_area(f.get("/Rect")):
        refuse("trường dấu thời gian %s không ẩn" % field)
    v = f.get("/V")
    vd = rev.value(v)
    if not (isinstance(v, str) and REF.match(v)) or \
            not isinstance(vd, dict) or \
            vd.get("/Type") != "/DocTimeStamp" or \
            vd.get("/SubFilter") != "/ETSI.RFC3161":
        refuse("trường %s không phải dấu thời gian tài liệu "
               "(/DocTimeStamp, /ETSI.RFC3161)" % field)
    br = vd.get("/ByteRange")
    if not isinstance(br, list) or tuple(br) not in ranges:
        refuse("ByteRange của dấu thời gian %s không khớp" % field)
    found = {field, v}
    ap = rev.value(f.get("/AP"))
    if ap is not None:
        if not isinstance(ap, dict):
            refuse("hình thức của %s không hợp lệ" % field)
        if isinstance(f.get("/AP"), str):
            found.add(f["/AP"])
        for k in ap.values():
            if isinstance(k, str) and REF.match(k) and rev.is_stream(k):
                found.add(k)
            else:
                refuse("hình thức của %s không hợp lệ" % field)
    return found


def list_growth(old_rev, new_rev, old, new, what):
    """The items NEW (an array, direct or not) adds at the end of OLD;
    anything else is a refusal."""
    a = old_rev.value(old) if old is not None else []
    b = new_rev.value(new) if new is not None else []
    if not isinstance(a, list) or not isinstance(b, list) or \
            b[:len(a)] != a:
        refuse("%s bị thay đổi" % what)
    return b[len(a):]


def same_but(a, b, keys, what):
    """Dictionaries A and B are equal except for KEYS."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        refuse("%s bị thay đổi" % what)
    for k in set(a) | set(b):
        if k not in keys and a.get(k) != b.get(k):
            refuse("%s: %s bị thay đổi" % (what, k))


# ---- the tail ------------------------------------------------------------

def check_tail(data, end, stamps, tmp):
    """Accept the bytes of DATA after END (the end of the last signature)
    only when they add validation data.  STAMPS: the document
    timestamps found in DATA (signcheck.Signature, their CMS a
    TimeStampToken), verified by the caller.  TMP: a scratch directory.
    Raises signcheck.SignError."""
    if not data[:end].rstrip().endswith(b"%%EOF"):
        refuse("chữ ký cuối cùng không kết thúc ở cuối một phiên bản")
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[end:])
    if m is None or int(m.group(1)) < end:
        refuse("phần thêm sau chữ ký không phải một bản cập nhật PDF đầy đủ")
    for ts in stamps:
        if ts.end > end and not data[:ts.end].rstrip().endswith(b"%%EOF"):
            refuse("dấu thời gian tài liệu không bao đến cuối phiên bản "
                   "của nó")
    signed = os.path.join(tmp, "signed-revision.pdf")
    whole = os.path.join(tmp, "whole.pdf")
    with open(signed, "wb") as f:
        f.write(data[:end])
    with open(whole, "wb") as f:
        f.write(data)
    old = Revision(read_objects(signed), read_xref(signed))
    new = Revision(read_objects(whole), read_xref(whole))
    ranges = {(s.start, s.len1, s.off2, s.len2) for s in stamps
              if s.end > end}

    # The trailer names the same catalog, information and encryption.
    to, tn = old.trailer(), new.trailer()
    for k in ("/Root", "/Info", "/Encrypt"):
        if to.get(k) != tn.get(k):
            refuse("trailer %s bị thay đổi" % k)
    if (to.get("/ID") or [None])[0] != (tn.get("/ID") or [None])[0]:
        refuse("trailer /ID bị thay đổi")

    # Which objects the later updates wrote; none may go away, and the
    # others must be where the signed revision had them.
    def written(key):
        loc = new.xref[key]
        if loc[0] == "u":
            return loc[1] >= end
        st = new.xref.get((loc[1], 0))
        return st is None or st[0] != "u" or st[1] >= end

    for key in old.xref:
        if key not in new.xref:
            refuse("đối tượng %s bị xóa" % key_of(key))
    changed = set()
    for key in new.xref:
        if written(key):
            changed.add(key_of(key))
        elif old.xref.get(key) != new.xref[key] or \
                old.obj(key_of(key)) != new.obj(key_of(key)):
            refuse("đối tượng %s trỏ đến nội dung khác" % key_of(key))
    existed = {key_of(k) for k in old.xref}

    # The catalog: only /DSS, and new fields in /AcroForm.
    root = tn.get("/Root")
    cat_old, cat_new = old.value(root), new.value(root)
    same_but(cat_old, cat_new, {"/DSS", "/AcroForm"}, "danh mục (Catalog)")
    accounted = {root}
    af_ref_old, af_ref_new = cat_old.get("/AcroForm"), cat_new.get("/AcroForm")
    if isinstance(af_ref_old, str) or isinstance(af_ref_new, str):
        if af_ref_old != af_ref_new:
            refuse("/AcroForm bị thay thế")
        accounted.add(af_ref_new)
    af_old = old.value(af_ref_old) or {}
    af_new = new.value(af_ref_new) or {}
    same_but(af_old, af_new, {"/Fields", "/SigFlags"}, "biểu mẫu (AcroForm)")
    if af_new.get("/SigFlags", 3) not in (1, 2, 3):
        refuse("/SigFlags không hợp lệ")
    if isinstance(af_new.get("/Fields"), str):
        if af_old.get("/Fields") != af_new.get("/Fields"):
            refuse("/Fields bị thay thế")
        accounted.add(af_new["/Fields"])
    new_fields = list_growth(old, new, af_old.get("/Fields"),
                             af_new.get("/Fields"), "/Fields")
    stamp_objs = set()
    for field in new_fields:
        if not (isinstance(field, str) and REF.match(field)) or \
                field in existed:
            refuse("trường mới %s không phải đối tượng mới" % field)
        stamp_objs |= doc_timestamp_objects(new, field, ranges)
    widgets = set(new_fields)

    # The DSS, now and in the signed revision.
    dss_new = dss_objects(new, cat_new["/DSS"]) if "/DSS" in cat_new \
        else set()
    dss_old = dss_objects(old, cat_old["/DSS"]) if "/DSS" in cat_old \
        else set()
    outside = set()
    for k, o in old.objs.items():
        if k in dss_old or k == "trailer":
            continue
        if k == root:
            o = {kk: vv for kk, vv in cat_old.items() if kk != "/DSS"}
        refs_in(o, outside)

    referenced_before = set()
    for k, o in old.objs.items():
        refs_in(o, referenced_before)

    # Pages that gain annotations, with their indirect /Annots arrays.
    pages = {}
    for k in changed & existed:
        d = new.value(k)
        if isinstance(d, dict) and d.get("/Type") == "/Page":
            pages[k] = d
            if isinstance(d.get("/Annots"), str):
                if old.value(k).get("/Annots") != d["/Annots"]:
                    refuse("/Annots của trang %s bị thay thế" % k)
                accounted.add(d["/Annots"])

    added = 0
    for k in sorted(changed):
        o = new.obj(k)
        if o is None:
            refuse("đối tượng %s không đọc được" % k)
        d = o["stream"]["dict"] if "stream" in o else o["value"]
        if k not in existed and k in referenced_before:
            refuse("đối tượng mới %s đã được tham chiếu trước khi ký" % k)
        if "stream" in o and d.get("/Type") == "/XRef" and (
                k not in existed or
                (old.value(k) or {}).get("/Type") == "/XRef"):
            continue
        if k in accounted:
            continue
        if k in pages:
            same_but(old.value(k), d, {"/Annots"}, "trang %s" % k)
            annots = list_growth(old, new, old.value(k).get("/Annots"),
                                 d.get("/Annots"), "/Annots của trang %s" % k)
            if not set(annots) <= widgets:
                refuse("trang %s có chú thích mới không phải dấu thời "
                       "gian tài liệu" % k)
            continue
        if k in dss_new:
            if k in existed and (k not in dss_old or k in outside):
                refuse("đối tượng %s không phải dữ liệu xác thực trước "
                       "khi ký" % k)
            added += 1
            continue
        if k in stamp_objs and k not in existed:
            added += 1
            continue
        refuse("đối tượng %s được ghi sau chữ ký cuối cùng nhưng không "
               "phải dữ liệu xác thực" % k)
    if added == 0:
        refuse("không có dữ liệu xác thực nào được thêm")
