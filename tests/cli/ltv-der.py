#!/usr/bin/env python3
"""Helpers of tests/cli/ltv-verify.sh that look inside signed PDFs.

  ltv-der.py token FILE.pdf OUT
      the signature timestamp token (DER) of FILE's first signature
  ltv-der.py sigvalue FILE.pdf OUT
      the signature value (SignerInfo signature) of FILE's first
      signature: what its signature timestamp's imprint is over
  ltv-der.py swap-token FILE.pdf OTHER.pdf OUT.pdf
      FILE with the signature timestamp of its first signature replaced
      by OTHER's (a real token of the same TSA, over another signature
      value): the CMS signature itself is untouched, so only the
      timestamp's message imprint is wrong
  ltv-der.py flip-token FILE.pdf OUT.pdf
      FILE with one byte of its token's TSTInfo (the serial number)
      changed: the token's own signature no longer verifies
  ltv-der.py dss FILE.pdf CERT.der...
      check FILE's DSS (ETSI EN 319 142-1 5.4.2) with qpdf's JSON: each
      CERT in /Certs, one OCSP response per CERT in /OCSPs (about that
      certificate's serial, status good), and a /VRI entry keyed by the
      upper-case SHA-1 of the first signature's /Contents; prints what
      it found, exits 1 on the first thing missing.

Standard library only; DER parsed by hand (RFC 5652 SignedData).
"""

import base64
import hashlib
import json
import re
import subprocess
import sys

TST_OID = bytes.fromhex("060b2a864886f70d010910020e")


def tlv(b, i):
    """(tag, value start, value end) of the DER item at I."""
    n = b[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[j:j + k], "big")
        j += k
    return b[i], j, j + n


def enc(tag, body):
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    k = (n.bit_length() + 7) // 8
    return bytes([tag, 0x80 | k]) + n.to_bytes(k, "big") + body


def items(v):
    """The whole DER items inside the value V."""
    out, i = [], 0
    while i < len(v):
        _, _, e = tlv(v, i)
        out.append(v[i:e])
        i = e
    return out


def value(x):
    t, s, e = tlv(x, 0)
    return t, x[s:e]


def first_signature(pdf):
    """(start, end, CMS DER) of the /Contents hex of signature 1."""
    ranges = []
    for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+"
                         rb"(\d+)\s*\]", pdf):
        r = tuple(int(x) for x in m.groups())
        if r not in ranges:
            ranges.append(r)
    ranges.sort(key=lambda r: r[2] + r[3])
    a, b, c, _ = ranges[0]
    gap = pdf[a + b:c]
    der = bytes.fromhex(gap.strip(b"<>").decode())
    _, _, e = tlv(der, 0)
    return a + b, c, der[:e]


def signer_info(cms):
    """The path down to the one SignerInfo: returns (fields, rebuild)
    where rebuild(new fields) gives the whole new ContentInfo."""
    _, ci = value(cms)
    ci_items = items(ci)
    _, wrap = value(ci_items[1])
    sd = items(wrap)[0]
    _, sdv = value(sd)
    sd_items = items(sdv)
    _, setv = value(sd_items[-1])
    si = items(setv)[0]
    _, siv = value(si)

    def rebuild(fields):
        sd_items[-1] = enc(0x31, enc(0x30, b"".join(fields)))
        ci_items[1] = enc(0xa0, enc(0x30, b"".join(sd_items)))
        return enc(0x30, b"".join(ci_items))
    return items(siv), rebuild


def token(cms):
    fields, _ = signer_info(cms)
    for f in fields:
        if f[0] == 0xa1:
            for a in items(value(f)[1]):
                parts = items(value(a)[1])
                if parts[0] == TST_OID:
                    return items(value(parts[1])[1])[0]
    raise SystemExit("no signature timestamp")


def with_token(cms, tok):
    fields, rebuild = signer_info(cms)
    for k, f in enumerate(fields):
        if f[0] != 0xa1:
            continue
        attrs = items(value(f)[1])
        for j, a in enumerate(attrs):
            parts = items(value(a)[1])
            if parts[0] == TST_OID:
                attrs[j] = enc(0x30, parts[0] + enc(0x31, tok))
        fields[k] = enc(0xa1, b"".join(attrs))
    return rebuild(fields)


def put_contents(pdf, start, end, der):
    hexed = der.hex().encode()
    room = end - start - 2
    if len(hexed) > room:
        raise SystemExit("the new CMS does not fit in /Contents")
    return (pdf[:start] + b"<" + hexed + b"0" * (room - len(hexed)) + b">" +
            pdf[end:])


def flipped(tok):
    """TOK with the last byte of its TSTInfo's serialNumber changed."""
    i = tok.find(bytes.fromhex("060b2a864886f70d0109100104"))
    if i < 0:
        raise SystemExit("no TSTInfo")
    # TSTInfo ::= SEQUENCE { version, policy, messageImprint, serial...}
    j = tok.index(b"\x04", i + 13)          # [0] EXPLICIT OCTET STRING
    _, s, _ = tlv(tok, j)
    _, tv, _ = tlv(tok, s)                   # TSTInfo SEQUENCE
    _, _, e = tlv(tok, tv)                   # version
    _, _, e = tlv(tok, e)                    # policy
    _, _, e = tlv(tok, e)                    # messageImprint
    t, sv, se = tlv(tok, e)                  # serialNumber
    assert t == 0x02
    b = bytearray(tok)
    b[se - 1] ^= 0x01
    return bytes(b)


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                          "--decode-level=generalized", path],
                         stdout=subprocess.PIPE, check=False).stdout
    return json.loads(out)["qpdf"][1]


def resolve(objs, ref):
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs["obj:" + ref]
        return o.get("value", o.get("stream"))
    return ref


def serial_of(cert_der):
    out = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout",
                          "-serial"], input=cert_der,
                         stdout=subprocess.PIPE, check=True).stdout
    return out.decode().strip().split("=", 1)[1].upper()


def check_dss(path, certs):
    objs = qpdf_json(path)
    trailer = objs["trailer"]["value"]
    root = resolve(objs, trailer["/Root"])
    if "/DSS" not in root:
        print("no /DSS in the catalog")
        return 1
    dss = resolve(objs, root["/DSS"])

    def streams(key):
        arr = resolve(objs, dss.get(key, []))
        return [base64.b64decode(resolve(objs, r)["data"]) for r in arr]
    have_certs = streams("/Certs")
    ocsps = streams("/OCSPs")
    print("DSS: %d certificates, %d OCSP responses, %d CRLs" %
          (len(have_certs), len(ocsps), len(streams("/CRLs"))))
    texts = []
    for o in ocsps:
        texts.append(subprocess.run(
            ["openssl", "ocsp", "-respin", "/dev/stdin", "-resp_text",
             "-noverify"], input=o, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, check=False).stdout.decode())
    for c in certs:
        der = open(c, "rb").read()
        serial = serial_of(der)
        if der not in have_certs:
            print("certificate %s is not in /Certs" % serial)
            return 1
        about = [t for t in texts
                 if re.search(r"Serial Number: 0*%s\b" % serial, t, re.I)]
        if not about or "Cert Status: good" not in about[0]:
            print("no good OCSP response about %s in /OCSPs" % serial)
            return 1
        print("certificate %s: in /Certs, OCSP good" % serial)
    start, end, cms = first_signature(open(path, "rb").read())
    raw = bytes.fromhex(open(path, "rb").read()[start + 1:end - 1].decode())
    key = "/" + hashlib.sha1(raw).hexdigest().upper()
    vri = resolve(objs, dss.get("/VRI", {}))
    if key not in vri:
        print("no /VRI entry %s (has: %s)" % (key, ", ".join(vri)))
        return 1
    print("VRI %s: present" % key)
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "token":
        _, _, cms = first_signature(open(argv[2], "rb").read())
        open(argv[3], "wb").write(token(cms))
        return 0
    if cmd == "sigvalue":
        _, _, cms = first_signature(open(argv[2], "rb").read())
        fields, _ = signer_info(cms)
        sig = [f for f in fields if f[0] == 0x04][-1]
        open(argv[3], "wb").write(value(sig)[1])
        return 0
    if cmd in ("swap-token", "flip-token"):
        pdf = open(argv[2], "rb").read()
        start, end, cms = first_signature(pdf)
        if cmd == "swap-token":
            _, _, other = first_signature(open(argv[3], "rb").read())
            tok, out = token(other), argv[4]
        else:
            tok, out = flipped(token(cms)), argv[3]
        open(out, "wb").write(put_contents(pdf, start, end,
                                           with_token(cms, tok)))
        return 0
    if cmd == "dss":
        return check_dss(argv[2], argv[3:])
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
