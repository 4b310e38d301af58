/*
 * vanthu: the number and the place-and-date line of an outgoing
 * document as form fields (ISO 32000-1 section 12.7.4.3, text fields).
 *
 * Decree 30/2020/ND-CP Appendix I puts the number and notation in box 3,
 * under the agency's name at the top left ("Số: 05/QĐ-UBND"), and the
 * place and date in box 4, top right, in italics ("Hoằng Quý, ngày 02
 * tháng 12 năm 2026").  The clerk gives both only after the leader has
 * signed.  So the draft carries two empty text fields where they go,
 * added when it is submitted (vt_numfields_add), and the clerk fills
 * them (vt_numfields_fill) as an incremental update that changes only
 * the fields' values and their widgets' appearances: form filling,
 * which keeps the leader's signature valid (ISO 32000-1 12.8.2.3,
 * PAdES ETSI EN 319 142-1 5.4).
 *
 * A field's value is the whole line as printed: "Số: 05/QĐ-UBND" and
 * "Hoằng Quý, ngày 02 tháng 12 năm 2026"; its appearance shows it in
 * a subset of Liberation Serif (Times-metric; italic for the date), so
 * pdftotext finds it.  An empty field shows the line the draft had
 * printed there ("Số:      /QĐ-UBND"), which adding the fields took out
 * of the page's own content (redaction), so the text exists once.
 */
#ifndef VANTHU_NUMFIELDS_H
#define VANTHU_NUMFIELDS_H

#include "vanthu/error.h"

/* The fields' names (partial names, /T). */
#define VT_FIELD_NUMBER	"code_number"
#define VT_FIELD_DATE	"promulgation_date"

/* A box on a page: points from the page's top left corner, y down
   (as MuPDF and pdftoppm show the page). */
struct vt_numbox {
	int	 page;		/* 1-based; 0: not set */
	float	 x, y, w, h;
	float	 size;		/* font size in points; 0: from the box */
};

/*
 * vt_numfields_locate: find on page 1 of the PDF at PATH the line that
 * starts with "Số" and a colon (box 3) and the line with "ngày",
 * "tháng" and "năm" (box 4), in the top half of the page, by MuPDF's
 * text extraction.  Fills NUMBER and DATE with each line's box and font
 * size.  Errors: VT_ERR_IO, VT_ERR_PDF, VT_ERR_PDF_PASSWORD,
 * VT_ERR_INVALID (a line was not found: the detail says which).
 */
vt_code	 vt_numfields_locate(const char *path, struct vt_numbox *number,
	     struct vt_numbox *date, struct vt_errbuf *eb);

/*
 * vt_numfields_add: write to OUT_PATH the PDF at IN_PATH with the two
 * empty text fields VT_FIELD_NUMBER and VT_FIELD_DATE added over the
 * boxes NUMBER and DATE (NULL: located with vt_numfields_locate()).
 * The draft's own text in those boxes moves into the fields' empty
 * appearance.  The whole file is rewritten (a draft is not signed yet).
 * IN_PATH and OUT_PATH may be the same; OUT_PATH is replaced only on
 * success.  Errors: those of vt_numfields_locate(), VT_ERR_INVALID
 * (the PDF is signed, or already has the fields), VT_ERR_IO.
 */
vt_code	 vt_numfields_add(const char *in_path, const char *out_path,
	     const struct vt_numbox *number, const struct vt_numbox *date,
	     struct vt_errbuf *eb);

/* What the clerk writes into the fields. */
struct vt_issue_fields {
	const char	*code_number;	/* "05" */
	const char	*code_notation;	/* "QĐ-UBND" */
	const char	*place;		/* promulgation place: "Hoằng Quý" */
	int		 year, month, day;	/* issue date (Vietnam) */
};

/*
 * vt_numfields_number_line, vt_numfields_date_line: the lines as printed
 * (Decree 30 Appendix I): "Số: 05/QĐ-UBND"; "Hoằng Quý, ngày 02 tháng
 * 12 năm 2026" (days below 10 and the months January and February with
 * a leading zero).  Vietnamese whatever the locale.  The caller frees
 * the string.
 */
char	*vt_numfields_number_line(const struct vt_issue_fields *f);
char	*vt_numfields_date_line(const struct vt_issue_fields *f);

/*
 * vt_numfields_fill: write to OUT_PATH a copy of the PDF at IN_PATH
 * followed by one incremental update (ISO 32000-1 7.5.6) that sets the
 * values of VT_FIELD_NUMBER and VT_FIELD_DATE to the lines of F and
 * gives their widgets new appearances; nothing else changes, so
 * earlier signatures stay valid.  OUT_PATH must differ from IN_PATH and
 * is written through a temporary file.  Errors: VT_ERR_IO, VT_ERR_PDF,
 * VT_ERR_PDF_REPAIRED (no incremental update possible),
 * VT_ERR_NOT_FOUND (the PDF lacks the fields), VT_ERR_INVALID (they
 * are filled already), VT_ERR_INVALID (F incomplete).
 */
vt_code	 vt_numfields_fill(const char *in_path, const char *out_path,
	     const struct vt_issue_fields *f, struct vt_errbuf *eb);

/*
 * vt_numfields_preview: the first ROWS lines of text of page 1 of the
 * PDF at PATH as a person sees them, form fields included: each line
 * the text on one baseline, left to right, its columns apart by three
 * spaces ("Số: 05/QĐ-UBND   Hoằng Quý, ngày 02 tháng 12 năm 2026").
 * For showing the clerk the heading before the document is issued.
 * *OUT is a new string (lines ended by '\n', not yet terminal-safe)
 * the caller frees.  Errors: VT_ERR_IO, VT_ERR_PDF, VT_ERR_PDF_PASSWORD.
 */
vt_code	 vt_numfields_preview(const char *path, int rows, char **out,
	     struct vt_errbuf *eb);

/*
 * vt_numfields_read: the values of the two fields in the PDF at PATH:
 * *NUMBER and *DATE are set to new strings ("" when a field is empty,
 * NULL when the PDF lacks it); the caller frees them.  Errors:
 * VT_ERR_IO, VT_ERR_PDF, VT_ERR_PDF_PASSWORD.
 */
vt_code	 vt_numfields_read(const char *path, char **number, char **date,
	     struct vt_errbuf *eb);

#endif
