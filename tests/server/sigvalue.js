// sigvalue.js: add a signature field whose value (/V) holds placeholders
// for vtserver/pades.py to fill (the ByteRange and the /Contents), as an
// incremental update (ISO 32000-1 12.8.1; PAdES, ETSI EN 319 142-1).
// Usage: mutool run sigvalue.js IN.pdf OUT.pdf FIELD PDFDATE [NAME]
//   PDFDATE  the signing time for /M, "D:20261202080000+07'00'"
//   NAME     the signer's name as the page prints it: the field is then
//            visible in the gap the signer block leaves between the
//            position line and that name on the last page (Decree 30,
//            Appendix I), drawn as a handwritten signature; without
//            NAME (or when the page has no such gap) it is invisible.
var doc = new PDFDocument(scriptArgs[0]);
var out = scriptArgs[1];
var fieldName = scriptArgs[2];
var when = scriptArgs[3];
var signer = scriptArgs[4];
var root = doc.getTrailer().Root;

// The text lines of page N: [{ bbox: [x0, y0, x1, y1], text }], in
// MuPDF's page space (origin top left, y down).
function textLines(n) {
	var st = doc.loadPage(n).toStructuredText("preserve-whitespace");
	var lines = [], cur = null;
	st.walk({
		beginLine: function (bbox) { cur = { bbox: bbox, text: "" }; },
		onChar: function (c) { cur.text += c; },
		endLine: function () { lines.push(cur); }
	});
	return lines;
}

// The gap above the last line that reads NAME and below the nearest
// line over it in the same column, as a PDF rectangle, or null.
function signerGap(n, name) {
	var lines = textLines(n), nm = null, above = -1, i, l;
	for (i = 0; i < lines.length; i++)
		if (lines[i].text.trim() == name)
			nm = lines[i].bbox;
	if (!nm)
		return null;
	for (i = 0; i < lines.length; i++) {
		l = lines[i].bbox;
		if (l[3] <= nm[1] + 1 && l[3] > above && l[0] < nm[2] &&
		    l[2] > nm[0])
			above = l[3];
	}
	if (above < 0 || nm[1] - above < 28)
		return null;
	var mb = doc.findPage(n).MediaBox, cx = (nm[0] + nm[2]) / 2;
	var top = mb[3] - (above + 2), bottom = mb[3] - (nm[1] - 2);
	return [mb[0] + cx - 60, bottom, mb[0] + cx + 60, top];
}

// A handwritten signature in dark blue ink, scaled to W x H points.
function inkStream(w, h) {
	var s = function (x, y) {
		return (x * w / 120).toFixed(2) + " " + (y * h / 40).toFixed(2);
	};
	return "q 0.05 0.1 0.55 RG 1.4 w 1 J 1 j\n" +
	    s(8, 14) + " m " + s(20, 36) + " " + s(30, 38) + " " +
	    s(28, 18) + " c " + s(26, 6) + " " + s(40, 4) + " " +
	    s(46, 20) + " c " + s(52, 34) + " " + s(58, 30) + " " +
	    s(60, 16) + " c " + s(62, 6) + " " + s(74, 8) + " " +
	    s(80, 22) + " c " + s(86, 32) + " " + s(96, 28) + " " +
	    s(100, 14) + " c " + s(104, 4) + " " + s(112, 10) + " " +
	    s(114, 16) + " c S\n" +
	    s(14, 10) + " m " + s(50, 13) + " " + s(80, 11) + " " +
	    s(108, 7) + " c S Q\n";
}

var pageNo = 0, rect = [0, 0, 0, 0], flags = 132;
if (signer) {
	var last = doc.countPages() - 1, gap = signerGap(last, signer);
	if (gap) {
		pageNo = last;
		rect = gap;
		flags = 4;
	}
}
var page = doc.findPage(pageNo);
var v = doc.addObject({
	Type: "Sig", Filter: "Adobe.PPKLite", SubFilter: "ETSI.CAdES.detached",
	ByteRange: [0, 999999999, 999999999, 999999999],
	Contents: doc.newString(new Array(16385).join("A")),
	M: doc.newString(when)
});
var w = doc.addObject({
	Type: "Annot", Subtype: "Widget", FT: "Sig",
	T: doc.newString(fieldName), Rect: rect, F: flags, P: page, V: v
});
if (flags == 4) {
	var bw = rect[2] - rect[0], bh = rect[3] - rect[1];
	w.AP = { N: doc.addStream(inkStream(bw, bh), {
		Type: "XObject", Subtype: "Form", BBox: [0, 0, bw, bh] }) };
}
if (!page.Annots)
	page.Annots = [];
page.Annots.push(w);
if (!root.AcroForm)
	root.AcroForm = { Fields: [] };
if (!root.AcroForm.Fields)
	root.AcroForm.Fields = [];
root.AcroForm.Fields.push(w);
root.AcroForm.SigFlags = 3;
doc.save(out, "incremental");
