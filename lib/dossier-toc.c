/*
 * vanthu: a dossier's table of contents (mục lục văn bản, Decree
 * 30/2020/NĐ-CP chapter IV) as CSV (RFC 4180) and as a PDF drawn with
 * MuPDF's document writer, subsets of Liberation Serif embedded so
 * that the Vietnamese text is real, extractable text.  The headings are
 * Vietnamese whatever the locale: the folder is for the archive.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>

#include "vanthu/buf.h"
#include "vanthu/dossier.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/pdf-context.h"
#include "vanthu/pdf-font.h"
#include "vanthu/xmalloc.h"

/* Decree 30's columns, in Vietnamese, and their widths in points. */
static const struct {
	const char	*head;
	float		 width;
} toc_cols[] = {
	{ "Số TT", 34 },
	{ "Số, ký hiệu văn bản", 92 },
	{ "Ngày tháng văn bản", 72 },
	{ "Tác giả văn bản", 130 },
	{ "Trích yếu nội dung văn bản", 336 },
	{ "Tờ số", 40 },
	{ "Ghi chú", 78 },
};
#define NCOLS	(sizeof toc_cols / sizeof toc_cols[0])

/* The cell texts of row IT (caller frees each). */
static void
row_cells(const struct vt_dossier_item *it, char *cell[NCOLS])
{
	char	date[11];

	vt_date_vn(date, it->issued_date);
	cell[0] = xasprintf("%d", it->no);
	cell[1] = xstrdup(it->number_notation);
	cell[2] = xstrdup(date);
	cell[3] = xstrdup(it->organ_name);
	cell[4] = xstrdup(it->subject);
	cell[5] = it->page_amount > 1 ? xasprintf("%d-%d", it->start_page,
	    it->start_page + it->page_amount - 1) :
	    xasprintf("%d", it->start_page);
	cell[6] = xstrdup(it->notes != NULL ? it->notes : "");
}

static void
cells_free(char *cell[NCOLS])
{
	size_t	i;

	for (i = 0; i < NCOLS; i++)
		free(cell[i]);
}

static void
csv_field(struct vt_buf *b, const char *s, bool last)
{
	const char	*p;

	if (strpbrk(s, ",\"\r\n") != NULL) {
		vt_buf_putc(b, '"');
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				vt_buf_putc(b, '"');
			vt_buf_putc(b, *p);
		}
		vt_buf_putc(b, '"');
	} else
		vt_buf_puts(b, s);
	vt_buf_puts(b, last ? "\r\n" : ",");
}

void
vt_dossier_toc_csv(const struct vt_dossier *d, struct vt_buf *out)
{
	char	*cell[NCOLS];
	size_t	 i, k;

	vt_buf_puts(out, "\xef\xbb\xbf");
	for (k = 0; k < NCOLS; k++)
		csv_field(out, toc_cols[k].head, k + 1 == NCOLS);
	for (i = 0; i < d->nitems; i++) {
		row_cells(&d->items[i], cell);
		for (k = 0; k < NCOLS; k++)
			csv_field(out, cell[k], k + 1 == NCOLS);
		cells_free(cell);
	}
}

/* ---- PDF ---------------------------------------------------------- */

#define PAGE_W	842.0f		/* A4 landscape, points */
#define PAGE_H	595.0f
#define MARGIN	30.0f
#define SIZE	10.0f		/* body text, points */
#define LEAD	12.5f
#define PAD	3.0f

struct toc {
	fz_context		*ctx;
	fz_document_writer	*wri;
	fz_device		*dev;
	fz_font			*font, *bold;
	float			 y;
	int			 page;
	struct vt_buf		*collect;	/* the first pass: the text
						   drawn goes here, nothing
						   is written */
};

static float
text_width(fz_context *ctx, fz_font *font, const char *s, float size)
{
	float	w = 0;
	int	c, n;

	while (*s != '\0') {
		n = fz_chartorune(&c, s);
		s += n;
		w += fz_advance_glyph(ctx, font, fz_encode_character(ctx, font,
		    c), 0);
	}
	return w * size;
}

static void
draw_text(struct toc *t, fz_font *font, const char *s, float size, float x,
    float y)
{
	const float	 black[3] = { 0, 0, 0 };
	fz_text		*text;

	if (t->collect != NULL) {
		vt_buf_puts(t->collect, s);
		return;
	}
	text = fz_new_text(t->ctx);
	fz_try(t->ctx) {
		fz_show_string(t->ctx, text, font, fz_make_matrix(size, 0, 0,
		    -size, x, y), s, 0, 0, FZ_BIDI_LTR, FZ_LANG_UNSET);
		fz_fill_text(t->ctx, t->dev, text, fz_identity,
		    fz_device_rgb(t->ctx), black, 1, fz_default_color_params);
	}
	fz_always(t->ctx)
		fz_drop_text(t->ctx, text);
	fz_catch(t->ctx)
		fz_rethrow(t->ctx);
}

static void
draw_centred(struct toc *t, fz_font *font, const char *s, float size,
    float y)
{
	draw_text(t, font, s, size, (PAGE_W - text_width(t->ctx, font, s,
	    size)) / 2, y);
}

/*
 * Split S into lines of at most WIDTH points (between words; a word
 * longer than a line is cut between characters).  Returns the count;
 * *LINES gets new strings (caller frees them and the array).
 */
static size_t
wrap(fz_context *ctx, fz_font *font, const char *s, float width,
    char ***lines)
{
	struct vt_buf	 cur;
	size_t		 n = 0, cap = 4;
	const char	*p = s, *w;
	char		*word;

	*lines = xcalloc(cap, sizeof **lines);
	vt_buf_init(&cur);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *w != '\0' && *w != ' ' && *w != '\n'; w++)
			;
		word = xstrndup(p, (size_t)(w - p));
		p = w;
		if (cur.len > 0) {
			char	*try = xasprintf("%s %s", cur.data, word);

			if (text_width(ctx, font, try, SIZE) <= width) {
				vt_buf_reset(&cur);
				vt_buf_puts(&cur, try);
				free(try);
				free(word);
				continue;
			}
			free(try);
			if (n + 1 >= cap)
				*lines = xreallocarray(*lines, cap *= 2,
				    sizeof **lines);
			(*lines)[n++] = xstrdup(cur.data);
			vt_buf_reset(&cur);
		}
		/* A word wider than the cell: cut it. */
		while (text_width(ctx, font, word, SIZE) > width &&
		    strlen(word) > 1) {
			size_t	 k = strlen(word);
			char	*head;
			int	 c;

			while (k > 1) {
				k--;
				while (k > 0 && (word[k] & 0xc0) == 0x80)
					k--;
				head = xstrndup(word, k);
				if (text_width(ctx, font, head, SIZE) <= width)
					break;
				free(head);
				head = NULL;
			}
			if (k == 0)
				k = (size_t)fz_chartorune(&c, word);
			if (n + 1 >= cap)
				*lines = xreallocarray(*lines, cap *= 2,
				    sizeof **lines);
			(*lines)[n++] = xstrndup(word, k);
			memmove(word, word + k, strlen(word + k) + 1);
		}
		vt_buf_puts(&cur, word);
		free(word);
	}
	if (cur.len > 0 || n == 0) {
		if (n + 1 >= cap)
			*lines = xreallocarray(*lines, cap *= 2,
			    sizeof **lines);
		(*lines)[n++] = xstrdup(cur.len > 0 ? cur.data : "");
	}
	vt_buf_free(&cur);
	return n;
}

static void
stroke_rect(struct toc *t, float x, float y, float w, float h)
{
	const float	 black[3] = { 0, 0, 0 };
	fz_path		*path;
	fz_stroke_state	*st = NULL;

	if (t->collect != NULL)
		return;
	path = fz_new_path(t->ctx);
	fz_var(st);
	fz_try(t->ctx) {
		fz_rectto(t->ctx, path, x, y, x + w, y + h);
		st = fz_new_stroke_state(t->ctx);
		st->linewidth = 0.5f;
		fz_stroke_path(t->ctx, t->dev, path, st, fz_identity,
		    fz_device_rgb(t->ctx), black, 1, fz_default_color_params);
	}
	fz_always(t->ctx) {
		fz_drop_stroke_state(t->ctx, st);
		fz_drop_path(t->ctx, path);
	}
	fz_catch(t->ctx)
		fz_rethrow(t->ctx);
}

/* One row of cells (CELL[k] wrapped in its column) at t->y. */
static void
draw_row(struct toc *t, char *const cell[NCOLS], fz_font *font)
{
	char	**lines[NCOLS];
	size_t	 n[NCOLS], k, i, most = 1;
	float	 x = MARGIN, h;

	for (k = 0; k < NCOLS; k++) {
		n[k] = wrap(t->ctx, font, cell[k], toc_cols[k].width - 2 * PAD,
		    &lines[k]);
		if (n[k] > most)
			most = n[k];
	}
	h = (float)most * LEAD + 2 * PAD;
	for (k = 0; k < NCOLS; k++) {
		for (i = 0; i < n[k]; i++) {
			draw_text(t, font, lines[k][i], SIZE, x + PAD,
			    t->y + PAD + (float)(i + 1) * LEAD - 3);
			free(lines[k][i]);
		}
		free(lines[k]);
		stroke_rect(t, x, t->y, toc_cols[k].width, h);
		x += toc_cols[k].width;
	}
	t->y += h;
}

/* The height row CELL would take. */
static float
row_height(struct toc *t, char *const cell[NCOLS], fz_font *font)
{
	char	**lines;
	size_t	 n, k, i, most = 1;

	for (k = 0; k < NCOLS; k++) {
		n = wrap(t->ctx, font, cell[k], toc_cols[k].width - 2 * PAD,
		    &lines);
		for (i = 0; i < n; i++)
			free(lines[i]);
		free(lines);
		if (n > most)
			most = n;
	}
	return (float)most * LEAD + 2 * PAD;
}

static void
header_row(struct toc *t)
{
	char	*cell[NCOLS];
	size_t	 k;

	for (k = 0; k < NCOLS; k++)
		cell[k] = (char *)toc_cols[k].head;
	draw_row(t, cell, t->bold);
}

static void
new_page(struct toc *t)
{
	char	num[32];

	if (t->collect == NULL) {
		if (t->dev != NULL)
			fz_end_page(t->ctx, t->wri);
		t->dev = fz_begin_page(t->ctx, t->wri, fz_make_rect(0, 0,
		    PAGE_W, PAGE_H));
	}
	t->page++;
	snprintf(num, sizeof num, "%d", t->page);
	draw_centred(t, t->font, num, 9, PAGE_H - 15);
	t->y = MARGIN;
}

/* The heading of the first page: the dossier's cover data. */
static void
heading(struct toc *t, const struct vt_dossier *d)
{
	char	from[11], to[11], *s;

	vt_date_vn(from, d->start_date);
	vt_date_vn(to, d->end_date);
	draw_centred(t, t->bold, "MỤC LỤC VĂN BẢN", 14, t->y + 14);
	t->y += 24;
	s = xasprintf("Hồ sơ số: %s — %s", d->code, d->title);
	draw_centred(t, t->bold, s, 11, t->y + 12);
	free(s);
	t->y += 18;
	if (d->page_count >= 0)
		s = xasprintf("Thời gian: từ ngày %s đến ngày %s.  Số tờ: %d.  "
		    "Thời hạn bảo quản: %s.  Người, đơn vị lập: %s.", from, to,
		    d->page_count, d->retention, d->keeper);
	else
		s = xasprintf("Thời gian: từ ngày %s (chưa kết thúc).  "
		    "Thời hạn bảo quản: %s.  Người, đơn vị lập: %s.", from,
		    d->retention, d->keeper);
	draw_centred(t, t->font, s, SIZE, t->y + 11);
	free(s);
	t->y += 22;
}

static void
draw_all(struct toc *t, const struct vt_dossier *d)
{
	char	*cell[NCOLS];
	size_t	 i;

	new_page(t);
	heading(t, d);
	header_row(t);
	for (i = 0; i < d->nitems; i++) {
		row_cells(&d->items[i], cell);
		if (t->y + row_height(t, cell, t->font) > PAGE_H - MARGIN) {
			new_page(t);
			header_row(t);
		}
		draw_row(t, cell, t->font);
		cells_free(cell);
	}
	if (d->nitems == 0)
		draw_text(t, t->font, "(Hồ sơ chưa có văn bản.)", SIZE, MARGIN,
		    t->y + 16);
	if (t->collect == NULL)
		fz_end_page(t->ctx, t->wri);
	t->dev = NULL;
}

/*
 * The fonts of the table: the first pass lays the pages out with the
 * whole faces and gathers every character drawn; the table is then
 * drawn with subsets of the faces holding just those (vt_font_subset,
 * HarfBuzz): the embedded fonts take a few kilobytes instead of about
 * 400.  The layout is the same: the subsets keep the glyphs' widths.
 */
static void
subset_fonts(struct toc *t, const struct vt_dossier *d, const char *font,
    const char *bold)
{
	struct vt_buf	text;

	vt_buf_init(&text);
	fz_try(t->ctx) {
		t->font = fz_new_font_from_file(t->ctx, NULL, font, 0, 0);
		t->bold = fz_new_font_from_file(t->ctx, NULL, bold, 0, 0);
		t->collect = &text;
		draw_all(t, d);
		t->collect = NULL;
		t->page = 0;
		fz_drop_font(t->ctx, t->font);
		t->font = NULL;
		fz_drop_font(t->ctx, t->bold);
		t->bold = NULL;
		vt_buf_puts(&text, "0123456789");
		t->font = vt_font_subset(t->ctx, font, text.data);
		t->bold = vt_font_subset(t->ctx, bold, text.data);
	}
	fz_always(t->ctx) {
		t->collect = NULL;
		vt_buf_free(&text);
	}
	fz_catch(t->ctx)
		fz_rethrow(t->ctx);
}

vt_code
vt_dossier_toc_pdf(const struct vt_dossier *d, const char *font,
    const char *path, struct vt_errbuf *eb)
{
	struct toc	 t;
	vt_code		 code = VT_OK;

	memset(&t, 0, sizeof t);
	if ((t.ctx = vt_mupdf_new(eb)) == NULL)
		return VT_ERR_INTERNAL;
	fz_var(code);
	fz_try(t.ctx) {
		subset_fonts(&t, d, font != NULL ? font : VT_DEFAULT_FONT,
		    font != NULL ? font : VT_DEFAULT_FONT_BOLD);
		t.wri = fz_new_pdf_writer(t.ctx, path, "compress");
		draw_all(&t, d);
		fz_close_document_writer(t.ctx, t.wri);
	}
	fz_always(t.ctx) {
		fz_drop_document_writer(t.ctx, t.wri);
		fz_drop_font(t.ctx, t.font);
		fz_drop_font(t.ctx, t.bold);
	}
	fz_catch(t.ctx)
		code = vt_fail(eb, VT_ERR_PDF, _("%s: cannot write the table "
		    "of contents: %s"), path, fz_caught_message(t.ctx));
	vt_mupdf_drop(t.ctx);
	return code;
}
