"""A minimal PDF writer: enough for fixtures that no Debian tool makes.

It writes a classic cross-reference table and nothing else clever.  Used
for the large image page of the ~10 MB seed document (built at seed time,
never committed) and for the legacy TCVN3 fixture.
"""

import random
import zlib


class PdfWriter:
    """Collects numbered objects and serialises them into one PDF file."""

    def __init__(self):
        self.objects = []

    def add(self, body):
        """Add an object (bytes, without 'obj'/'endobj'); return its number."""
        self.objects.append(body)
        return len(self.objects)

    def reserve(self):
        """Reserve an object number to fill in later with set()."""
        self.objects.append(None)
        return len(self.objects)

    def set(self, num, body):
        """Fill in a reserved object."""
        self.objects[num - 1] = body

    @staticmethod
    def stream(dict_entries, data, compress=False):
        """Return a stream object's bytes with a correct /Length."""
        if compress:
            data = zlib.compress(data, 9)
            dict_entries = dict_entries + b"/Filter/FlateDecode"
        return (b"<<" + dict_entries + b"/Length %d>>stream\n" % len(data)
                + data + b"\nendstream")

    def to_bytes(self, root):
        """Serialise with root as the catalog object number."""
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for num, body in enumerate(self.objects, 1):
            if body is None:
                raise ValueError("object %d reserved but never set" % num)
            offsets.append(len(out))
            out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
        out += (b"trailer\n<</Size %d/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
                % (len(offsets) + 1, root, xref))
        return bytes(out)


def image_page_pdf(width, height, seed):
    """One A4 page showing a width x height RGB image of seeded noise.

    The image stream is stored uncompressed, so the file is about
    width * height * 3 bytes and always the same for the same seed.
    """
    w = PdfWriter()
    pixels = random.Random(seed).randbytes(width * height * 3)
    img = w.add(PdfWriter.stream(
        b"/Type/XObject/Subtype/Image/Width %d/Height %d"
        b"/ColorSpace/DeviceRGB/BitsPerComponent 8" % (width, height),
        pixels))
    content = w.add(PdfWriter.stream(b"", b"q 535 0 0 700 30 70 cm /Im1 Do Q\n"))
    pages = w.reserve()
    page = w.add(b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]"
                 b"/Resources<</XObject<</Im1 %d 0 R>>>>/Contents %d 0 R>>"
                 % (pages, img, content))
    w.set(pages, b"<</Type/Pages/Kids[%d 0 R]/Count 1>>" % page)
    root = w.add(b"<</Type/Catalog/Pages %d 0 R>>" % pages)
    return w.to_bytes(root)


def pdf_literal(data):
    """Escape bytes for a PDF literal string (parentheses, backslash)."""
    return (b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(")
            .replace(b")", b"\\)").replace(b"\r", b"\\r") + b")")


def simple_font_page_pdf(lines, fonts):
    """A one-page PDF whose text uses simple, non-embedded fonts.

    lines: list of (font_key, size, x, y, raw_bytes); the bytes go into
    the content stream as they are (one byte per glyph).
    fonts: dict font_key -> BaseFont name (bytes, e.g. b".VnTime").
    Every font declares WinAnsiEncoding, so a text extractor maps byte
    0xB8 to U+00B8 and so on.
    """
    w = PdfWriter()
    font_refs = {}
    for key, basename in fonts.items():
        desc = w.add(b"<</Type/FontDescriptor/FontName/" + basename +
                     b"/Flags 34/FontBBox[-568 -307 2000 1007]/ItalicAngle 0"
                     b"/Ascent 891/Descent -216/CapHeight 662/StemV 80>>")
        widths = b" ".join(b"250" if c == 32 else b"500"
                           for c in range(32, 256))
        font_refs[key] = w.add(
            b"<</Type/Font/Subtype/TrueType/BaseFont/" + basename +
            b"/FirstChar 32/LastChar 255/Widths[" + widths + b"]"
            b"/Encoding/WinAnsiEncoding/FontDescriptor %d 0 R>>" % desc)
    ops = bytearray()
    for key, size, x, y, raw in lines:
        ops += b"BT /%s %d Tf %d %d Td " % (key.encode(), size, x, y)
        ops += pdf_literal(raw) + b" Tj ET\n"
    content = w.add(PdfWriter.stream(b"", bytes(ops), compress=True))
    font_dict = b"".join(b"/%s %d 0 R" % (k.encode(), r)
                         for k, r in font_refs.items())
    pages = w.reserve()
    page = w.add(b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]"
                 b"/Resources<</Font<<" % pages + font_dict +
                 b">>>>/Contents %d 0 R>>" % content)
    w.set(pages, b"<</Type/Pages/Kids[%d 0 R]/Count 1>>" % page)
    root = w.add(b"<</Type/Catalog/Pages %d 0 R>>" % pages)
    return w.to_bytes(root)
