"""PAdES baseline B-B signatures for seed data, made with real tools.

The seeded signatures (the sending agencies' on arrived documents, the
leader's on the draft seeded as signed) are made the way vanthu signs:
SubFilter ETSI.CAdES.detached, SHA-256, RSA PKCS#1 v1.5, and exactly the
signed attributes PAdES baseline B-B asks for (ETSI EN 319 142-1 5.1,
ETSI EN 319 122-1 5.2): content-type, message-digest and
signing-certificate-v2 (RFC 5035), no signing-time (the time is the
dictionary's /M).  mutool sign is not used: it writes SHA-1, which
verifiers refuse.

The signature field and its placeholders are added by MuPDF
(tests/server/sigvalue.js) as an incremental update; this module fills
the ByteRange, builds the CMS SignedData (RFC 5652) in DER, has `openssl
dgst -sign` sign its attributes, and writes it into /Contents.
"""

import base64
import datetime
import hashlib
import os
import re
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIGVALUE_JS = os.path.join(HERE, "..", "sigvalue.js")

OID_DATA = "1.2.840.113549.1.7.1"
OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"
OID_SHA256 = "2.16.840.1.101.3.4.2.1"
OID_RSA = "1.2.840.113549.1.1.1"


class SignFailed(Exception):
    """The seed signature could not be made."""


# ---- DER, just enough for a SignedData ----------------------------------

def _len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _tlv(tag, content):
    return bytes([tag]) + _len(len(content)) + content


def _seq(*items):
    return _tlv(0x30, b"".join(items))


def _set(*items):
    """A DER SET OF: the encodings in ascending order (X.690 11.6)."""
    return _tlv(0x31, b"".join(sorted(items)))


def _oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    out = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.append(0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(reversed(enc))
    return _tlv(0x06, out)


def _parse(d, i):
    """(tag, start of content, end) of the TLV at D[i]."""
    tag, n, j = d[i], d[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(d[j:j + k], "big")
        j += k
    return tag, j, j + n


def _issuer_serial(cert):
    """(issuer Name DER, serialNumber INTEGER DER) of a certificate."""
    _, c, _ = _parse(cert, 0)             # Certificate
    _, i, _ = _parse(cert, c)             # tbsCertificate
    tag, _, e = _parse(cert, i)
    if tag == 0xA0:                       # [0] version
        i = e
    _, _, e = _parse(cert, i)
    serial = cert[i:e]
    _, _, e = _parse(cert, e)             # signature algorithm
    _, _, e2 = _parse(cert, e)            # issuer
    return cert[e:e2], serial


def _pem_certs(path):
    """The DER certificates of a PEM file, in order."""
    with open(path, encoding="ascii", errors="replace") as f:
        text = f.read()
    return [base64.b64decode("".join(m.split()))
            for m in re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END",
                                text, re.S)]


def signed_data(data, key_pem, cert_pem, chain_pem=None):
    """A detached CMS SignedData over DATA (bytes): SHA-256, RSA PKCS#1
    v1.5 by KEY_PEM, signer CERT_PEM, CHAIN_PEM's certificates added."""
    cert = _pem_certs(cert_pem)[0]
    extra = _pem_certs(chain_pem) if chain_pem else []
    issuer, serial = _issuer_serial(cert)
    sha256 = _seq(_oid(OID_SHA256))
    ess = _seq(_seq(_seq(_tlv(0x04, hashlib.sha256(cert).digest()),
                         _seq(_seq(_tlv(0xA4, issuer)), serial))))
    attrs = _set(
        _seq(_oid(OID_CONTENT_TYPE), _set(_oid(OID_DATA))),
        _seq(_oid(OID_MESSAGE_DIGEST),
             _set(_tlv(0x04, hashlib.sha256(data).digest()))),
        _seq(_oid(OID_SIGNING_CERT_V2), _set(ess)))
    with tempfile.TemporaryDirectory(prefix="vt-pades-") as tmp:
        path = os.path.join(tmp, "attrs")
        with open(path, "wb") as f:
            f.write(attrs)
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_pem,
                              path], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE).stdout
    signer = _seq(_tlv(0x02, b"\x01"), _seq(issuer, serial), sha256,
                  b"\xa0" + attrs[1:],    # [0] IMPLICIT signedAttrs
                  _seq(_oid(OID_RSA), b"\x05\x00"), _tlv(0x04, sig))
    sd = _seq(_tlv(0x02, b"\x01"), _set(sha256), _seq(_oid(OID_DATA)),
              _tlv(0xA0, b"".join([cert] + [c for c in extra if c != cert])),
              _set(signer))
    return _seq(_oid(OID_SIGNED_DATA), _tlv(0xA0, sd))


def pdf_date(when):
    """The PDF date string (ISO 32000-1 7.9.4) of WHEN (seconds), in
    Vietnam time: D:20261202080000+07'00'."""
    t = datetime.datetime.fromtimestamp(
        when, datetime.timezone(datetime.timedelta(hours=7)))
    return t.strftime("D:%Y%m%d%H%M%S+07'00'")


def sign_pdf(src, out, key_pem, cert_pem, chain_pem=None, field="Signature1",
             when=None, name=None):
    """Sign the PDF file SRC into OUT (SRC stays a byte prefix of OUT).

    NAME, the signer's name line as the page prints it, makes the field
    visible between the position line and the name (a drawn handwritten
    signature); without it the signature is invisible.  WHEN (seconds
    since the epoch, default now) is the /M signing time."""
    with tempfile.TemporaryDirectory(prefix="vt-pades-") as tmp:
        placed = os.path.join(tmp, "placed.pdf")
        args = ["mutool", "run", SIGVALUE_JS, src, placed, field,
                pdf_date(time.time() if when is None else when)]
        if name:
            args.append(name)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
        with open(placed, "rb") as f:
            d = bytearray(f.read())
    br = d.rindex(b"/ByteRange[") + len(b"/ByteRange")
    br_end = d.index(b"]", br) + 1
    cs = d.rindex(b"(AAAA")
    ce = d.index(b")", cs) + 1
    if not cs > br_end:
        raise SignFailed("the placeholders are not in the expected order")
    text = ("[0 %d %d %d]" % (cs, ce, len(d) - ce)).encode()
    if len(text) > br_end - br:
        raise SignFailed("the ByteRange does not fit")
    d[br:br_end] = text.ljust(br_end - br)
    der = signed_data(bytes(d[:cs] + d[ce:]), key_pem, cert_pem, chain_pem)
    hexs = der.hex().encode()
    if len(hexs) > ce - cs - 2:
        raise SignFailed("the signature does not fit in /Contents")
    d[cs:ce] = b"<" + hexs.ljust(ce - cs - 2, b"0") + b">"
    with open(out, "wb") as f:
        f.write(d)
