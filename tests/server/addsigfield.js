// Add an empty, invisible signature field to a PDF, as an incremental
// update, and print the widget's object number (for "mutool sign").
// Usage: mutool run addsigfield.js IN.pdf OUT.pdf FIELDNAME
// OUT may equal IN: the update is appended to the file.
var doc = new PDFDocument(scriptArgs[0]);
var page = doc.findPage(0);
var widget = doc.addObject({
	Type: "Annot", Subtype: "Widget", FT: "Sig",
	T: doc.newString(scriptArgs[2]), Rect: [0, 0, 0, 0], F: 132, P: page
});
if (!page.Annots)
	page.Annots = [];
page.Annots.push(widget);
var root = doc.getTrailer().Root;
if (!root.AcroForm)
	root.AcroForm = { Fields: [], SigFlags: 3 };
if (!root.AcroForm.Fields)
	root.AcroForm.Fields = [];
root.AcroForm.Fields.push(widget);
root.AcroForm.SigFlags = 3;
print(widget.asIndirect());
doc.save(scriptArgs[1], "incremental");
