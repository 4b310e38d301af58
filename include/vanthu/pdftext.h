/*
 * vanthu: the text layer of a PDF (with MuPDF), for reading a document
 * in the terminal and for searching it.  Text comes out in NFC and
 * terminal-safe (vt_text_safe with VT_TEXT_MULTILINE).  A text layer
 * written with a legacy Vietnamese font encoding (TCVN3 .VnTime fonts,
 * VNI fonts), which shows as "Céng hoµ" instead of "Cộng hoà", is
 * recognised and can be converted (see vanthu/text.h, vt_legacy_*).
 */
#ifndef VANTHU_PDFTEXT_H
#define VANTHU_PDFTEXT_H

#include <stddef.h>

#include "vanthu/error.h"
#include "vanthu/text.h"

/* An open PDF document (holds its own MuPDF context; one thread at a
 * time). */
struct vt_pdf_text;

/*
 * vt_pdf_text_open: open the PDF at PATH for text extraction.  PASSWORD
 * (may be NULL) opens an encrypted document.  On success stores the
 * document in *OUT (free it with vt_pdf_text_close) and returns VT_OK.
 * Errors: VT_ERR_IO (cannot read the file), VT_ERR_PDF (not a PDF, or
 * damaged beyond repair), VT_ERR_PDF_PASSWORD (encrypted: a password is
 * needed, or the one given is wrong; the detail tells which).  EB may be
 * NULL.  MuPDF's warnings are not printed.
 */
vt_code	 vt_pdf_text_open(const char *path, const char *password,
	     struct vt_pdf_text **out, struct vt_errbuf *eb);

/*
 * vt_pdf_text_open_memory: as vt_pdf_text_open for LEN bytes at DATA
 * (a downloaded or cached file).  DATA is copied.
 */
vt_code	 vt_pdf_text_open_memory(const void *data, size_t len,
	     const char *password, struct vt_pdf_text **out,
	     struct vt_errbuf *eb);

/* vt_pdf_text_pages: the number of pages (at least 0). */
int	 vt_pdf_text_pages(const struct vt_pdf_text *pdf);

/*
 * vt_pdf_text_page: the text of page PAGE (0-based), as MuPDF extracts
 * it: text lines in reading order, one '\n' after each line and an
 * empty line between blocks.  NFC and terminal-safe (multi-line).  Not
 * converted from a legacy encoding.  Returns a new string the caller
 * frees, or NULL when PAGE is out of range or the page cannot be read
 * (the detail then in EB, which may be NULL).
 */
char	*vt_pdf_text_page(struct vt_pdf_text *pdf, int page);
char	*vt_pdf_text_page_eb(struct vt_pdf_text *pdf, int page,
	     struct vt_errbuf *eb);

/*
 * vt_pdf_text_legacy: whether the text layer uses a legacy Vietnamese
 * font encoding, and which: VT_LEGACY_TCVN3 when a font's name is one
 * of the ABC fonts (".VnTime", ".VnArial", ".VnTimeH"..., also with a
 * subset prefix), VT_LEGACY_VNI for the VNI fonts ("VNI-Times"...);
 * otherwise the result of vt_legacy_detect_utf8 on the text of the
 * first pages.  VT_LEGACY_NONE for a Unicode text layer.  Computed
 * once (looking at up to 8 pages) and remembered.
 */
enum vt_legacy	 vt_pdf_text_legacy(struct vt_pdf_text *pdf);

/*
 * vt_pdf_text_page_converted: the text of page PAGE converted to real
 * Unicode when the text layer is in a legacy encoding (as
 * vt_pdf_text_legacy says): text in a legacy font is converted with its
 * font's encoding (upper case for the ".VnTimeH"-style fonts, whose
 * lower-case codes show capitals), other text is kept; when only the
 * detection found the encoding, all text is converted.  A '-' that
 * WinAnsiEncoding gives for the TCVN3 letter ư (byte 0xAD) is restored
 * where it forms a Vietnamese syllable.  Same form, ownership and
 * errors as vt_pdf_text_page; the same text when the layer is Unicode.
 */
char	*vt_pdf_text_page_converted(struct vt_pdf_text *pdf, int page);

/* vt_pdf_text_close: close PDF and free it (NULL is allowed). */
void	 vt_pdf_text_close(struct vt_pdf_text *pdf);

/*
 * vt_pdf_fonts_base14: how many fonts are built in (the 14 standard PDF
 * fonts of ISO 32000-1, 9.6.2.2; lib/pdf-fonts.c replaces MuPDF's
 * table of built-in fonts, which held 41 MB of other fonts).  The link
 * names this symbol (-Wl,--undefined) so that the replacement is taken.
 */
int	 vt_pdf_fonts_base14(void);

#endif
