/*
 * vanthu: real, searchable text written into a PDF with a small subset
 * of a TrueType font embedded (HarfBuzz hb-subset), for the text vanthu
 * itself puts into documents: the number and date of an issued document
 * and the visible part of signatures.  The text is Unicode NFC
 * Vietnamese; Liberation Serif (metric-compatible with Times New Roman,
 * which Decree 30/2020/ND-CP asks for) has a glyph for every
 * precomposed Vietnamese letter, so no shaping is needed.  Needs
 * MuPDF's types.
 */
#ifndef VANTHU_PDF_FONT_H
#define VANTHU_PDF_FONT_H

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

/* Liberation Serif Italic: the place-and-date line (Decree 30 box 4). */
#define VT_DEFAULT_FONT_ITALIC \
	"/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"

/*
 * vt_font_subset: a font holding only the glyphs that TEXT (UTF-8) needs
 * from the TrueType font at PATH, made with hb-subset (glyph ids kept,
 * hinting dropped): a few kilobytes instead of about 400.  Drawn with
 * fz_fill_text() into a display list that pdf_set_annot_appearance_
 * from_display_list() turns into PDF, or embedded by vt_font_add(), it
 * stays real text (ToUnicode map) that pdftotext finds.  Throws
 * (fz_throw) when PATH cannot be read or is not a font.  The caller
 * drops the font (fz_drop_font).
 */
fz_font	*vt_font_subset(fz_context *ctx, const char *path, const char *text);

/*
 * vt_font_add: embed FONT (from vt_font_subset) in DOC as a Type0 font
 * with Identity-H encoding, an embedded FontFile2 and a ToUnicode map
 * (ISO 32000-1 9.7, 9.10.3).  Returns a new reference to the font
 * dictionary (pdf_drop_obj).  Throws on error.
 */
pdf_obj	*vt_font_add(fz_context *ctx, pdf_document *doc, fz_font *font);

/*
 * vt_font_width: the advance width of TEXT (UTF-8) in FONT at SIZE, in
 * points.
 */
float	 vt_font_width(fz_context *ctx, fz_font *font, const char *text,
	     float size);

/*
 * vt_font_show: append to BUF a PDF string operand for TEXT (UTF-8) in
 * FONT embedded by vt_font_add(): the glyph ids as a hex string of two
 * bytes each, "<0024004F>", for the Tj operator (ISO 32000-1 9.4.3).
 * Throws on error.
 */
void	 vt_font_show(fz_context *ctx, fz_buffer *buf, fz_font *font,
	     const char *text);

#endif
