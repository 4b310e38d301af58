// mutool run tamper.js IN OUT: change page 1's text after the signature,
// saved as an incremental update (the signed bytes stay a prefix).
var doc = new PDFDocument(scriptArgs[0]);
var page = doc.findPage(0);
var extra = doc.addStream("BT /Helv 14 Tf 72 60 Td (SUA DOI SAU KHI KY) Tj ET\n", {});
var font = doc.addObject({Type: "Font", Subtype: "Type1", BaseFont: "Helvetica"});
var res = page.Resources;
var fonts = res.Font;
fonts.Helv = font;
var c = page.Contents;
if (c.isArray()) { c.push(extra); } else { page.Contents = [c, extra]; }
doc.save(scriptArgs[1], "incremental");
