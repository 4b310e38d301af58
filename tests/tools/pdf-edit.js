// pdf-edit.js: make the "changed after signing" test files of vanthu
// verify as MuPDF incremental updates (the original stays a byte prefix).
// Usage: mutool run pdf-edit.js ACTION IN.pdf OUT.pdf [ARG]
//   content      replace page 1's /Contents with a new stream (ARG: text)
//   rewrite      rewrite page 1's content stream object in place
//   sigap        rewrite the appearance stream of the first signed field
//   catalog      rewrite the object the catalog's /ViewerPreferences
//                names (add it first with "prefs")
//   prefs        give the catalog an indirect /ViewerPreferences
//   textfield    add the empty text field ARG on page 1
//   fill         fill every text field on page 1 with ARG
//   annot        add a text annotation (a sticky note) on page 1
//   dss          add a DSS dictionary holding the certificate file ARG
//   sigfield     add signature field ARG on page 1 with a placeholder
//                value for tests/tools/mksig (ARG5: SubFilter, ARG6: a
//                DocMDP permission 1-3 or "-", ARG7: a form field the
//                signature locks with FieldMDP, or absent)
var action = scriptArgs[0];
var doc = new PDFDocument(scriptArgs[1]);
var out = scriptArgs[2];
var arg = scriptArgs[3];
var page = doc.findPage(0);
var root = doc.getTrailer().Root;

function signedWidget() {
	var annots = page.Annots;
	for (var i = 0; i < annots.length; i++) {
		var a = annots[i];
		if (a.FT == "Sig" && a.V)
			return a;
	}
	throw "no signed field";
}

if (action == "content") {
	page.Contents = doc.addStream("BT /F1 14 Tf 72 770 Td (" + (arg || "Pay 1000000 VND") + ") Tj ET", {});
} else if (action == "rewrite") {
	var c = page.Contents;
	if (c.isArray())
		c = c[0];
	c.writeStream("BT /F1 14 Tf 72 770 Td (Pay 1000000 VND) Tj ET");
} else if (action == "sigap") {
	var ap = signedWidget().AP.N;
	ap.writeStream("0 0 1 rg 0 0 50 50 re f");
} else if (action == "prefs") {
	root.ViewerPreferences = doc.addObject({ DisplayDocTitle: true });
} else if (action == "catalog") {
	var vp = root.ViewerPreferences;
	vp.DisplayDocTitle = false;
	vp.HideToolbar = true;
} else if (action == "textfield") {
	var w = doc.addObject({
		Type: "Annot", Subtype: "Widget", FT: "Tx",
		T: doc.newString(arg), Rect: [72, 700, 300, 720], F: 4,
		P: page, DA: doc.newString("/Helv 12 Tf 0 g")
	});
	if (!page.Annots)
		page.Annots = [];
	page.Annots.push(w);
	if (!root.AcroForm)
		root.AcroForm = { Fields: [] };
	if (!root.AcroForm.Fields)
		root.AcroForm.Fields = [];
	root.AcroForm.Fields.push(w);
} else if (action == "fill") {
	var p = doc.loadPage(0);
	var ws = p.getWidgets();
	for (var i = 0; i < ws.length; i++)
		if (ws[i].getFieldType() == "text") {
			ws[i].setTextValue(arg);
			ws[i].update();
		}
	p.update();
} else if (action == "annot") {
	var p = doc.loadPage(0);
	var a = p.createAnnotation("Text");
	a.setRect([400, 400, 420, 420]);
	a.setContents("Pay 1000000 VND");
	a.update();
	p.update();
} else if (action == "dss") {
	var cert = doc.addStream(readFile(arg), {});
	root.DSS = doc.addObject({ Certs: [cert] });
} else if (action == "sigfield") {
	var sub = scriptArgs[4];
	var v = doc.addObject({
		Type: sub == "ETSI.RFC3161" ? "DocTimeStamp" : "Sig",
		Filter: "Adobe.PPKLite", SubFilter: sub,
		ByteRange: [0, 999999999, 999999999, 999999999, 999999999,
		    999999999],
		Contents: doc.newString(new Array(16385).join("A")),
		M: doc.newString("D:20261202080000+07'00'")
	});
	var p = scriptArgs[5];
	if (p && p != "-") {
		v.Reference = [{ Type: "SigRef", TransformMethod: "DocMDP",
		    TransformParams: { Type: "TransformParams", P: +p,
		    V: "1.2" } }];
		root.Perms = { DocMDP: v };
	}
	if (scriptArgs[6]) {
		var refs = v.Reference ? v.Reference : [];
		refs.push({ Type: "SigRef", TransformMethod: "FieldMDP",
		    TransformParams: { Type: "TransformParams",
		    Action: "Include", Fields: [doc.newString(scriptArgs[6])],
		    V: "1.2" } });
		v.Reference = refs;
	}
	var w = doc.addObject({
		Type: "Annot", Subtype: "Widget", FT: "Sig",
		T: doc.newString(arg), Rect: [0, 0, 0, 0], F: 132, P: page,
		V: v
	});
	if (!page.Annots)
		page.Annots = [];
	page.Annots.push(w);
	if (!root.AcroForm)
		root.AcroForm = { Fields: [] };
	if (!root.AcroForm.Fields)
		root.AcroForm.Fields = [];
	root.AcroForm.Fields.push(w);
	root.AcroForm.SigFlags = 3;
} else {
	throw "unknown action " + action;
}
doc.save(out, "incremental");
