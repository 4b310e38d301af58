/*
 * vanthu: the number (Decree 30 box 3) and the place-and-date line
 * (box 4) of an outgoing document as text fields: located on page 1 by
 * text extraction, added to the draft (its own text there moves into
 * the empty field's appearance), filled by the clerk as an incremental
 * update that only sets the values and the widgets' appearances.
 *
 * A field's box is laid out from the line's baseline: 0.95 of the font
 * size above it, 0.3 below, so the size and the baseline come back from
 * the box alone when the field is filled.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/pades.h"
#include "vanthu/pdf-context.h"
#include "vanthu/pdf-font.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"

#define ABOVE	0.95f	/* box top above the baseline, in font sizes */
#define BELOW	0.30f	/* box bottom below the baseline */
#define LINE_MAX_BYTES	512

/* A run of characters on one line without a wide gap. */
struct seg {
	char	 text[LINE_MAX_BYTES];
	fz_rect	 bbox;
	float	 baseline;	/* y of the first character's origin */
	float	 size;
};

/* Open PATH in a new context; NULL (EB filled) on failure. */
static fz_context *
open_pdf(const char *path, pdf_document **doc, struct vt_errbuf *eb)
{
	fz_context	*ctx = vt_mupdf_new(eb);

	*doc = NULL;
	if (ctx == NULL)
		return NULL;
	if (vt_mupdf_open(ctx, path, NULL, 0, NULL, path, doc, eb) != VT_OK) {
		vt_mupdf_drop(ctx);
		return NULL;
	}
	return ctx;
}

static void
close_pdf(fz_context *ctx, pdf_document *doc)
{
	pdf_drop_document(ctx, doc);
	vt_mupdf_drop(ctx);
}

/* --- finding the lines --- */

/* A character of the page with its place. */
struct pchar {
	int	 c;
	fz_rect	 r;
	float	 x, y;		/* origin: x, baseline */
	float	 size;
};

static int
cmp_pchar(const void *a, const void *b)
{
	const struct pchar	*p = a, *q = b;

	if (p->y < q->y - 0.5f)
		return -1;
	if (p->y > q->y + 0.5f)
		return 1;
	return p->x < q->x ? -1 : p->x > q->x;
}

/* Every horizontal character of ST (at most *N; *N is set). */
static struct pchar *
page_chars(fz_stext_page *st, int *n)
{
	fz_stext_block	*b;
	fz_stext_line	*l;
	fz_stext_char	*ch;
	struct pchar	*v = NULL;
	int		 len = 0, cap = 0;

	for (b = st->first_block; b != NULL; b = b->next) {
		if (b->type != FZ_STEXT_BLOCK_TEXT)
			continue;
		for (l = b->u.t.first_line; l != NULL; l = l->next) {
			if (l->wmode != 0 || fabsf(l->dir.y) > 0.01f)
				continue;
			for (ch = l->first_char; ch != NULL && len < 20000;
			    ch = ch->next) {
				if (len == cap) {
					cap = cap ? 2 * cap : 256;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[len].c = ch->c;
				v[len].r = fz_rect_from_quad(ch->quad);
				v[len].x = ch->origin.x;
				v[len].y = ch->origin.y;
				v[len].size = ch->size;
				len++;
			}
		}
	}
	*n = len;
	return v;
}

static void
seg_add(struct seg *s, const struct pchar *p)
{
	size_t	 len = strlen(s->text);

	if (len + 8 >= sizeof s->text)
		return;
	s->text[len + fz_runetochar(s->text + len, p->c)] = '\0';
	if (p->c != ' ') {
		s->bbox = fz_union_rect(s->bbox, p->r);
		if (p->size > s->size)
			s->size = p->size;
	}
}

/*
 * The segments of the text of ST (at most MAX): characters on one
 * baseline, left to right, split where the gap is wider than three and
 * a half font sizes (between the columns of Decree 30's heading; a
 * blank left for the number or the day is narrower).  Text extraction
 * may cut a line at such a blank: this joins it again.
 */
static int
page_segments(fz_stext_page *st, struct seg *segs, int max)
{
	struct pchar	*v;
	struct seg	*s = NULL;
	float		 row = 0, right = 0;
	int		 i, n, k = 0;

	v = page_chars(st, &n);
	if (n > 0)
		qsort(v, (size_t)n, sizeof *v, cmp_pchar);
	for (i = 0; i < n; i++) {
		float	 size = v[i].size > 0 ? v[i].size : 10;

		if (s == NULL || fabsf(v[i].y - row) > 0.3f * size ||
		    v[i].r.x0 - right > 3.5f * size) {
			if (k >= max)
				break;
			s = &segs[k++];
			memset(s, 0, sizeof *s);
			s->bbox = fz_empty_rect;
			s->baseline = row = v[i].y;
			right = v[i].r.x1;
		} else if (v[i].r.x0 - right > 0.2f * size && v[i].c != ' ' &&
		    s->text[0] != '\0' &&
		    s->text[strlen(s->text) - 1] != ' ') {
			struct pchar	 sp = v[i];

			sp.c = ' ';
			seg_add(s, &sp);
		}
		seg_add(s, &v[i]);
		right = fz_max(right, v[i].r.x1);
	}
	free(v);
	return k;
}

/* The text without the leading and trailing spaces. */
static const char *
trim(char *s)
{
	size_t	 n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static int
is_number_line(const char *s)
{
	if (strncmp(s, "Số", strlen("Số")) != 0)
		return 0;
	s += strlen("Số");
	while (*s == ' ')
		s++;
	return *s == ':';
}

static int
is_date_line(const char *s)
{
	const char	*d = strstr(s, "ngày"), *m, *y;

	return d != NULL && (m = strstr(d, "tháng")) != NULL &&
	    (y = strstr(m, "năm")) != NULL;
}

/* The box of a field over segment S (see the top of the file). */
static struct vt_numbox
seg_box(const struct seg *s)
{
	struct vt_numbox	 b;
	float			 size = s->size > 0 ? s->size : 13;

	b.page = 1;
	b.size = size;
	b.x = s->bbox.x0;
	b.w = s->bbox.x1 - s->bbox.x0;
	b.y = s->baseline - ABOVE * size;
	b.h = (ABOVE + BELOW) * size;
	return b;
}

/* Widen the boxes on both sides, keeping their centres (Decree 30
   centres both lines in their column; the values may be longer than
   the draft's lines), apart, and on PAGE. */
static void
widen(struct vt_numbox *number, struct vt_numbox *date, fz_rect page)
{
	float	 grow, gap;
	int	 same_row = number->y < date->y + date->h &&
		    date->y < number->y + number->h;

	grow = fz_min(40, fz_max(0, fz_min(date->x - page.x0 - 20,
	    page.x1 - 20 - date->x - date->w)));
	gap = same_row && date->x > number->x + number->w ?
	    (date->x - number->x - number->w) / 2 - 2 : 40;
	date->x -= fz_min(grow, gap);
	date->w += 2 * fz_min(grow, gap);
	grow = fz_min(30, fz_max(0, fz_min(number->x - page.x0 - 4,
	    same_row ? date->x - 4 - number->x - number->w :
	    page.x1 - 20 - number->x - number->w)));
	number->x -= grow;
	number->w += 2 * grow;
}

/* Locate on PAGE; 0 or the error. */
static vt_code
locate_on(fz_context *ctx, fz_page *page, struct vt_numbox *number,
    struct vt_numbox *date, struct vt_errbuf *eb)
{
	struct seg	*segs = xcalloc(400, sizeof *segs);
	fz_rect		 pb = fz_bound_page(ctx, page);
	fz_stext_page	*st = NULL;
	const char	*t;
	int		 i, found_n = 0, found_d = 0;
	volatile int	 n = 0;
	float		 half = pb.y0 + (pb.y1 - pb.y0) / 2;

	fz_var(st);
	fz_try(ctx) {
		st = fz_new_stext_page_from_page(ctx, page, NULL);
		n = page_segments(st, segs, 400);
	}
	fz_always(ctx)
		fz_drop_stext_page(ctx, st);
	fz_catch(ctx) {
		free(segs);
		fz_rethrow(ctx);
	}
	for (i = 0; i < n; i++) {
		if (segs[i].bbox.y1 > half)
			continue;
		t = trim(segs[i].text);
		if (!found_n && is_number_line(t)) {
			*number = seg_box(&segs[i]);
			found_n = 1;
		} else if (!found_d && is_date_line(t)) {
			*date = seg_box(&segs[i]);
			found_d = 1;
		}
	}
	free(segs);
	if (!found_n)
		return vt_fail(eb, VT_ERR_INVALID, _("page 1 has no line "
		    "\"Số: .../...\" in its top half (Decree 30 box 3) where "
		    "the number goes"));
	if (!found_d)
		return vt_fail(eb, VT_ERR_INVALID, _("page 1 has no line "
		    "\"..., ngày ... tháng ... năm ...\" in its top half "
		    "(Decree 30 box 4) where the date goes"));
	widen(number, date, pb);
	return VT_OK;
}

vt_code
vt_numfields_locate(const char *path, struct vt_numbox *number,
    struct vt_numbox *date, struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc;
	fz_page		*volatile page = NULL;
	volatile vt_code rc = VT_OK;

	if ((ctx = open_pdf(path, &doc, eb)) == NULL)
		return eb != NULL ? eb->code : VT_ERR_PDF;
	fz_try(ctx) {
		page = fz_load_page(ctx, &doc->super, 0);
		rc = locate_on(ctx, page, number, date, eb);
	}
	fz_always(ctx)
		fz_drop_page(ctx, page);
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
		    fz_caught_message(ctx));
	close_pdf(ctx, doc);
	return rc;
}

/* --- appearances --- */

/* The font size of a field from its height (see the top). */
static float
box_size(float h)
{
	return h / (ABOVE + BELOW);
}

/*
 * A form XObject of W x H points showing TEXT on the baseline of the
 * box, left-aligned (ALIGN 0) or centred (1), in the font at FONTPATH
 * (a subset embedded for TEXT), shrunk to fit.  The draft's own line
 * was centred in its column: centring keeps it in place.  Returns a new reference.
 */
static pdf_obj *
field_appearance(fz_context *ctx, pdf_document *doc, float w, float h,
    const char *text, const char *fontpath, int align)
{
	fz_font		*font = NULL;
	fz_buffer	*buf = NULL;
	pdf_obj		*res = NULL, *fref = NULL, *xobj = NULL;
	float		 size = box_size(h), tw, x;

	fz_var(font);
	fz_var(buf);
	fz_var(res);
	fz_var(fref);
	fz_var(xobj);
	fz_var(size);
	fz_try(ctx) {
		buf = fz_new_buffer(ctx, 256);
		res = pdf_new_dict(ctx, doc, 1);
		fz_append_string(ctx, buf, "/Tx BMC\n");
		if (*text != '\0') {
			font = vt_font_subset(ctx, fontpath, text);
			fref = vt_font_add(ctx, doc, font);
			pdf_dict_put_dict(ctx, res, PDF_NAME(Font), 1);
			pdf_dict_puts(ctx, pdf_dict_get(ctx, res,
			    PDF_NAME(Font)), "F1", fref);
			tw = vt_font_width(ctx, font, text, size);
			if (tw > w - 2 && tw > 0) {
				size *= (w - 2) / tw;
				tw = w - 2;
			}
			x = align == 1 ? (w - tw) / 2 : 1;
			fz_append_printf(ctx, buf, "q BT /F1 %g Tf 0 g %g %g "
			    "Td ", size, x, BELOW * box_size(h));
			vt_font_show(ctx, buf, font, text);
			fz_append_string(ctx, buf, " Tj ET Q\n");
		}
		fz_append_string(ctx, buf, "EMC\n");
		xobj = pdf_new_xobject(ctx, doc, fz_make_rect(0, 0, w, h),
		    fz_identity, res, buf);
	}
	fz_always(ctx) {
		fz_drop_font(ctx, font);
		fz_drop_buffer(ctx, buf);
		pdf_drop_obj(ctx, res);
		pdf_drop_obj(ctx, fref);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
	return xobj;
}

static const char *
field_font(const char *name)
{
	return strcmp(name, VT_FIELD_DATE) == 0 ? VT_DEFAULT_FONT_ITALIC :
	    VT_DEFAULT_FONT;
}

/* Set the normal appearance of widget FIELD for TEXT. */
static void
set_appearance(fz_context *ctx, pdf_document *doc, pdf_obj *field,
    const char *name, const char *text)
{
	fz_rect	 r = pdf_dict_get_rect(ctx, field, PDF_NAME(Rect));
	pdf_obj	*xobj, *ap;

	xobj = field_appearance(ctx, doc, r.x1 - r.x0, r.y1 - r.y0, text,
	    field_font(name), 1);
	fz_try(ctx) {
		ap = pdf_dict_put_dict(ctx, field, PDF_NAME(AP), 1);
		pdf_dict_put(ctx, ap, PDF_NAME(N), xobj);
	}
	fz_always(ctx)
		pdf_drop_obj(ctx, xobj);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* --- adding the fields --- */

/* The text of the characters of PAGE whose centre lies in R, left to
   right, a blank left in the line kept as spaces of about its width
   (a space is a quarter of the font size in Times). */
static char *
text_in(fz_context *ctx, fz_page *page, fz_rect r)
{
	fz_stext_page	*st = NULL;
	struct pchar	*v = NULL;
	char		*out = xcalloc(1, LINE_MAX_BYTES);
	size_t		 len = 0;
	float		 right = 0;
	int		 i, n = 0, gap, first = 1;

	fz_var(st);
	fz_try(ctx)
		st = fz_new_stext_page_from_page(ctx, page, NULL);
	fz_catch(ctx) {
		free(out);
		fz_rethrow(ctx);
	}
	v = page_chars(st, &n);
	fz_drop_stext_page(ctx, st);
	if (n > 0)
		qsort(v, (size_t)n, sizeof *v, cmp_pchar);
	for (i = 0; i < n; i++) {
		fz_point c = fz_make_point((v[i].r.x0 + v[i].r.x1) / 2,
		    (v[i].r.y0 + v[i].r.y1) / 2);

		if (!fz_is_point_inside_rect(c, r) || v[i].c == ' ')
			continue;
		gap = first ? 0 : (int)((v[i].r.x0 - right) /
		    (0.25f * (v[i].size > 0 ? v[i].size : 10)) + 0.5f);
		while (gap-- > 0 && len + 1 < LINE_MAX_BYTES - 8)
			out[len++] = ' ';
		if (len + 8 < LINE_MAX_BYTES)
			len += fz_runetochar(out + len, v[i].c);
		right = v[i].r.x1;
		first = 0;
	}
	free(v);
	out[len] = '\0';
	return out;
}

static fz_rect
box_rect(const struct vt_numbox *b)
{
	return fz_make_rect(b->x, b->y, b->x + b->w, b->y + b->h);
}

/* The field named NAME in the /AcroForm /Fields of DOC, or NULL. */
static pdf_obj *
find_field(fz_context *ctx, pdf_document *doc, const char *name)
{
	pdf_obj	*fields = pdf_dict_getp(ctx, pdf_trailer(ctx, doc),
	    "Root/AcroForm/Fields");
	int	 i, n = pdf_array_len(ctx, fields);

	for (i = 0; i < n && i < 10000; i++) {
		pdf_obj	*f = pdf_array_get(ctx, fields, i);

		if (strcmp(pdf_dict_get_text_string(ctx, f, PDF_NAME(T)),
		    name) == 0)
			return f;
	}
	return NULL;
}

/* The AcroForm of DOC, made when missing, with a /DR font for /DA. */
static pdf_obj *
acroform(fz_context *ctx, pdf_document *doc)
{
	pdf_obj	*root = pdf_dict_get(ctx, pdf_trailer(ctx, doc),
	    PDF_NAME(Root));
	pdf_obj	*form = pdf_dict_get(ctx, root, PDF_NAME(AcroForm));
	pdf_obj	*dr, *fonts, *tiro;

	if (form == NULL)
		form = pdf_dict_put_dict(ctx, root, PDF_NAME(AcroForm), 4);
	if (pdf_dict_get(ctx, form, PDF_NAME(Fields)) == NULL)
		pdf_dict_put_array(ctx, form, PDF_NAME(Fields), 2);
	if ((dr = pdf_dict_get(ctx, form, PDF_NAME(DR))) == NULL)
		dr = pdf_dict_put_dict(ctx, form, PDF_NAME(DR), 1);
	if ((fonts = pdf_dict_get(ctx, dr, PDF_NAME(Font))) == NULL)
		fonts = pdf_dict_put_dict(ctx, dr, PDF_NAME(Font), 1);
	if (pdf_dict_gets(ctx, fonts, "TiRo") == NULL) {
		tiro = pdf_add_new_dict(ctx, doc, 4);
		pdf_dict_put(ctx, tiro, PDF_NAME(Type), PDF_NAME(Font));
		pdf_dict_put(ctx, tiro, PDF_NAME(Subtype), PDF_NAME(Type1));
		pdf_dict_put_name(ctx, tiro, PDF_NAME(BaseFont), "Times-Roman");
		pdf_dict_put(ctx, tiro, PDF_NAME(Encoding),
		    PDF_NAME(WinAnsiEncoding));
		pdf_dict_puts_drop(ctx, fonts, "TiRo", tiro);
	}
	return form;
}

/* Add the empty text field NAME over BOX of PAGE (already redacted),
   its appearance showing TEMPLATE. */
static void
add_field(fz_context *ctx, pdf_document *doc, pdf_page *page,
    const char *name, const struct vt_numbox *box, const char *template)
{
	pdf_obj		*form = acroform(ctx, doc), *field = NULL, *annots;
	fz_matrix	 ctm;
	fz_rect		 r;
	char		 da[64];

	fz_var(field);
	fz_var(form);
	fz_try(ctx) {
		pdf_page_transform(ctx, page, NULL, &ctm);
		r = fz_transform_rect(box_rect(box), fz_invert_matrix(ctm));
		field = pdf_add_new_dict(ctx, doc, 12);
		pdf_dict_put(ctx, field, PDF_NAME(Type), PDF_NAME(Annot));
		pdf_dict_put(ctx, field, PDF_NAME(Subtype), PDF_NAME(Widget));
		pdf_dict_put(ctx, field, PDF_NAME(FT), PDF_NAME(Tx));
		pdf_dict_put_text_string(ctx, field, PDF_NAME(T), name);
		pdf_dict_put_text_string(ctx, field, PDF_NAME(TU),
		    strcmp(name, VT_FIELD_DATE) == 0 ?
		    "Địa danh và thời gian ban hành" : "Số, ký hiệu");
		pdf_dict_put_rect(ctx, field, PDF_NAME(Rect), r);
		pdf_dict_put_int(ctx, field, PDF_NAME(F), 4);	/* Print */
		pdf_dict_put(ctx, field, PDF_NAME(P), page->obj);
		snprintf(da, sizeof da, "/TiRo %.1f Tf 0 g",
		    box_size(r.y1 - r.y0));
		pdf_dict_put_text_string(ctx, field, PDF_NAME(DA), da);
		pdf_dict_put_int(ctx, field, PDF_NAME(Q), 1);	/* centred */
		pdf_dict_put_text_string(ctx, field, PDF_NAME(V), "");
		set_appearance(ctx, doc, field, name, template);
		if ((annots = pdf_dict_get(ctx, page->obj,
		    PDF_NAME(Annots))) == NULL)
			annots = pdf_dict_put_array(ctx, page->obj,
			    PDF_NAME(Annots), 2);
		pdf_array_push(ctx, annots, field);
		pdf_array_push(ctx, pdf_dict_get(ctx, form, PDF_NAME(Fields)),
		    field);
	}
	fz_always(ctx)
		pdf_drop_obj(ctx, field);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* Take the page's own text out of BOX (a redaction that keeps images
   and draws no black box). */
static void
redact(fz_context *ctx, pdf_document *doc, pdf_page *page,
    const struct vt_numbox *box)
{
	pdf_annot		*a;
	pdf_redact_options	 opts = { 0, PDF_REDACT_IMAGE_NONE };
	fz_rect			 r = box_rect(box);

	/* Only this line: a little inside the box vertically. */
	r.y0 += box->h * 0.2f;
	r.y1 -= box->h * 0.15f;
	a = pdf_create_annot(ctx, page, PDF_ANNOT_REDACT);
	fz_try(ctx) {
		pdf_set_annot_rect(ctx, a, r);
		pdf_redact_page(ctx, doc, page, &opts);
	}
	fz_always(ctx)
		pdf_drop_annot(ctx, a);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* Save DOC to OUT through a temporary file; incremental or whole. */
static vt_code
save(fz_context *ctx, pdf_document *doc, const char *out, int incremental,
    struct vt_errbuf *eb)
{
	pdf_write_options	 opts = pdf_default_write_options;
	char			*tmp;
	vt_code			 rc = VT_OK;
	int			 fd;

	if ((rc = vt_file_temp_beside(out, &tmp, eb)) != VT_OK)
		return rc;
	opts.do_incremental = incremental;
	opts.do_compress = 1;
	opts.do_compress_fonts = 1;
	fz_var(rc);
	fz_try(ctx)
		pdf_save_document(ctx, doc, tmp, &opts);
	fz_catch(ctx) {
		if (strstr(fz_caught_message(ctx), "repaired") != NULL)
			rc = vt_fail(eb, VT_ERR_PDF_REPAIRED, _("the PDF is "
			    "damaged and was repaired while reading; it cannot "
			    "be changed as an incremental update"));
		else
			rc = vt_fail(eb, VT_ERR_PDF, "%s",
			    fz_caught_message(ctx));
	}
	if (rc == VT_OK && (fd = open(tmp, O_RDONLY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	if (rc == VT_OK && rename(tmp, out) != 0)
		rc = vt_fail(eb, VT_ERR_IO, "%s: %s", out, strerror(errno));
	if (rc != VT_OK)
		unlink(tmp);
	vt_tmp_guard_forget(tmp);
	free(tmp);
	return rc;
}

static void
add_both(fz_context *ctx, pdf_document *doc, const struct vt_numbox *nb,
    const struct vt_numbox *db, struct vt_errbuf *eb, vt_code *rc)
{
	pdf_page	*page = NULL;
	struct vt_numbox number, date;
	char		*tn = NULL, *td = NULL;

	fz_var(page);
	fz_var(tn);
	fz_var(td);
	fz_try(ctx) {
		page = pdf_load_page(ctx, doc, 0);
		if (nb == NULL || db == NULL)
			*rc = locate_on(ctx, &page->super, &number, &date, eb);
		if (nb != NULL)
			number = *nb;
		if (db != NULL)
			date = *db;
		if (*rc != VT_OK)
			fz_throw(ctx, FZ_ERROR_ABORT, "located nothing");
		tn = text_in(ctx, &page->super, box_rect(&number));
		td = text_in(ctx, &page->super, box_rect(&date));
		redact(ctx, doc, page, &number);
		redact(ctx, doc, page, &date);
		add_field(ctx, doc, page, VT_FIELD_NUMBER, &number, trim(tn));
		add_field(ctx, doc, page, VT_FIELD_DATE, &date, trim(td));
	}
	fz_always(ctx) {
		free(tn);
		free(td);
		fz_drop_page(ctx, &page->super);
	}
	fz_catch(ctx) {
		if (*rc == VT_OK)
			*rc = vt_fail(eb, VT_ERR_PDF, "%s",
			    fz_caught_message(ctx));
	}
}

vt_code
vt_numfields_add(const char *in_path, const char *out_path,
    const struct vt_numbox *number, const struct vt_numbox *date,
    struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc;
	vt_code		 rc = VT_OK;

	if ((number != NULL && number->page != 1) ||
	    (date != NULL && date->page != 1))
		return vt_fail(eb, VT_ERR_INVALID, _("the number and the date "
		    "go on page 1"));
	if ((ctx = open_pdf(in_path, &doc, eb)) == NULL)
		return eb != NULL ? eb->code : VT_ERR_PDF;
	if (pdf_count_signatures(ctx, doc) > 0)
		rc = vt_fail(eb, VT_ERR_INVALID, _("%s is signed: the number "
		    "and date fields must be added before the signature"),
		    in_path);
	else if (find_field(ctx, doc, VT_FIELD_NUMBER) != NULL ||
	    find_field(ctx, doc, VT_FIELD_DATE) != NULL)
		rc = vt_fail(eb, VT_ERR_INVALID, _("%s already has the number "
		    "and date fields"), in_path);
	if (rc == VT_OK)
		add_both(ctx, doc, number, date, eb, &rc);
	if (rc == VT_OK)
		rc = save(ctx, doc, out_path, 0, eb);
	close_pdf(ctx, doc);
	return rc;
}

/* --- filling them --- */

char *
vt_numfields_number_line(const struct vt_issue_fields *f)
{
	return xasprintf("Số: %s/%s", f->code_number, f->code_notation);
}

char *
vt_numfields_date_line(const struct vt_issue_fields *f)
{
	/* Decree 30 Appendix I: days below 10 and months 1 and 2 take a
	   leading zero. */
	return xasprintf(f->month <= 2 ? "%s, ngày %02d tháng %02d năm %d" :
	    "%s, ngày %02d tháng %d năm %d", f->place, f->day, f->month,
	    f->year);
}

/* Set field NAME of DOC to TEXT: 0, or 1 when it is missing, 2 when it
   holds a value already. */
static int
fill_one(fz_context *ctx, pdf_document *doc, const char *name,
    const char *text)
{
	pdf_obj	*field = find_field(ctx, doc, name);

	if (field == NULL)
		return 1;
	if (*pdf_dict_get_text_string(ctx, field, PDF_NAME(V)) != '\0')
		return 2;
	pdf_dict_put_text_string(ctx, field, PDF_NAME(V), text);
	set_appearance(ctx, doc, field, name, text);
	return 0;
}

vt_code
vt_numfields_fill(const char *in_path, const char *out_path,
    const struct vt_issue_fields *f, struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc;
	char		*nl, *dl;
	volatile vt_code rc = VT_OK;
	volatile int	 r1 = 0, r2 = 0;

	if (f->code_number == NULL || *f->code_number == '\0' ||
	    f->code_notation == NULL || f->place == NULL ||
	    f->year < 1 || f->month < 1 || f->month > 12 || f->day < 1 ||
	    f->day > 31)
		return vt_fail(eb, VT_ERR_INVALID, _("the number, notation, "
		    "place and date are needed to fill the fields"));
	if ((ctx = open_pdf(in_path, &doc, eb)) == NULL)
		return eb != NULL ? eb->code : VT_ERR_PDF;
	nl = vt_numfields_number_line(f);
	dl = vt_numfields_date_line(f);
	rc = vt_mupdf_check_repaired(ctx, doc, in_path, eb);
	if (rc == VT_OK) {
		fz_try(ctx) {
			r1 = fill_one(ctx, doc, VT_FIELD_NUMBER, nl);
			if (r1 == 0)
				r2 = fill_one(ctx, doc, VT_FIELD_DATE, dl);
		}
		fz_catch(ctx)
			rc = vt_fail(eb, VT_ERR_PDF, "%s",
			    fz_caught_message(ctx));
	}
	if (rc == VT_OK && (r1 == 1 || r2 == 1))
		rc = vt_fail(eb, VT_ERR_NOT_FOUND, _("%s has no number and "
		    "date fields (they are added when the draft is "
		    "submitted)"), in_path);
	else if (rc == VT_OK && (r1 == 2 || r2 == 2))
		rc = vt_fail(eb, VT_ERR_INVALID, _("%s already has a number "
		    "and date"), in_path);
	if (rc == VT_OK)
		rc = save(ctx, doc, out_path, 1, eb);
	free(nl);
	free(dl);
	close_pdf(ctx, doc);
	return rc;
}

vt_code
vt_numfields_preview(const char *path, int rows, char **out,
    struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc;
	fz_page		*volatile page = NULL;
	fz_stext_page	*volatile st = NULL;
	fz_device	*volatile dev = NULL;
	struct seg	*segs = xcalloc(400, sizeof *segs);
	struct vt_buf	 b;
	volatile int	 n = 0;
	volatile vt_code rc = VT_OK;
	int		 i, row = 0;

	*out = NULL;
	if ((ctx = open_pdf(path, &doc, eb)) == NULL) {
		free(segs);
		return eb != NULL ? eb->code : VT_ERR_PDF;
	}
	fz_try(ctx) {
		page = fz_load_page(ctx, &doc->super, 0);
		/* The whole page, its widgets too (the stext helpers run
		   the page's contents only). */
		st = fz_new_stext_page(ctx, fz_bound_page(ctx, page));
		dev = fz_new_stext_device(ctx, st, NULL);
		fz_run_page(ctx, page, dev, fz_identity, NULL);
		fz_close_device(ctx, dev);
		n = page_segments(st, segs, 400);
	}
	fz_always(ctx) {
		fz_drop_device(ctx, dev);
		fz_drop_stext_page(ctx, st);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
		    fz_caught_message(ctx));
	close_pdf(ctx, doc);
	vt_buf_init(&b);
	for (i = 0; rc == VT_OK && i < n && row < rows; i++) {
		const char	*t = trim(segs[i].text);

		if (*t == '\0')
			continue;
		if (b.len > 0 && fabsf(segs[i].baseline - segs[i - 1].baseline) <
		    0.3f * fz_max(segs[i].size, 1))
			vt_buf_add(&b, "   ", 3);
		else if (b.len > 0) {
			vt_buf_add(&b, "\n", 1);
			row++;
			if (row >= rows)
				break;
		}
		vt_buf_add(&b, t, strlen(t));
	}
	free(segs);
	if (rc != VT_OK) {
		vt_buf_free(&b);
		return rc;
	}
	vt_buf_add(&b, "\n", 1);
	*out = xstrndup(b.data, b.len);
	vt_buf_free(&b);
	return VT_OK;
}

vt_code
vt_numfields_read(const char *path, char **number, char **date,
    struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc;
	pdf_obj		*f;
	volatile vt_code rc = VT_OK;

	*number = *date = NULL;
	if ((ctx = open_pdf(path, &doc, eb)) == NULL)
		return eb != NULL ? eb->code : VT_ERR_PDF;
	fz_try(ctx) {
		if ((f = find_field(ctx, doc, VT_FIELD_NUMBER)) != NULL)
			*number = xstrdup(pdf_dict_get_text_string(ctx, f,
			    PDF_NAME(V)));
		if ((f = find_field(ctx, doc, VT_FIELD_DATE)) != NULL)
			*date = xstrdup(pdf_dict_get_text_string(ctx, f,
			    PDF_NAME(V)));
	}
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
		    fz_caught_message(ctx));
	close_pdf(ctx, doc);
	return rc;
}
