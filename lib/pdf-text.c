/*
 * vanthu: the text layer of PDF documents, with MuPDF's structured text
 * extraction.  Each document has its own fz_context.  See
 * vanthu/pdftext.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/pdf-context.h"
#include "vanthu/pdftext.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* How many pages vt_pdf_text_legacy looks at. */
#define LEGACY_SCAN_PAGES	8

struct vt_pdf_text {
	fz_context	*ctx;
	fz_document	*doc;
	int		 npages;
	int		 legacy_known;
	enum vt_legacy	 legacy;
	int		 legacy_by_font;	/* found by a font name */
};

/* The encoding class of a font, from its name. */
enum font_class {
	FONT_UNICODE = 0,
	FONT_TCVN3,
	FONT_TCVN3_UPPER,	/* .VnTimeH and friends: codes show capitals */
	FONT_VNI
};

/*
 * Classify a font by its PDF name: ".VnTime", "ABCDEF+.VnTimeH",
 * ".VnArial,Bold", "VNI-Times", "VNI-Helve-Bold"...
 */
static enum font_class
classify_font(const char *name)
{
	const char	*p, *plus;
	size_t		 n;

	if (name == NULL)
		return FONT_UNICODE;
	if ((plus = strchr(name, '+')) != NULL && plus - name == 6)
		name = plus + 1;
	if (strncasecmp(name, "VNI-", 4) == 0 ||
	    strncasecmp(name, "VNI ", 4) == 0 ||
	    strncasecmp(name, "VNI_", 4) == 0)
		return FONT_VNI;
	p = name;
	if (*p == '.')
		p++;
	if (strncmp(p, "Vn", 2) != 0 && strncmp(p, "VN", 2) != 0)
		return FONT_UNICODE;
	/* The family name ends at a style suffix. */
	n = strcspn(p, ",-+ ");
	if (n < 4)
		return FONT_UNICODE;
	if (p[n - 1] == 'H')
		return FONT_TCVN3_UPPER;
	return FONT_TCVN3;
}

/*
 * Open the PDF at PATH, or the LEN bytes at DATA when DATA is not NULL,
 * with a context of its own (vanthu/pdf-context.h), and count its pages.
 */
static vt_code
open_pdf(const char *path, const void *data, size_t len,
    const char *password, struct vt_pdf_text **out, struct vt_errbuf *eb)
{
	struct vt_pdf_text	*pdf;
	fz_context		*ctx;
	pdf_document		*doc;
	volatile vt_code	 rc;

	if ((ctx = vt_mupdf_new(eb)) == NULL)
		return VT_ERR_INTERNAL;
	pdf = xcalloc(1, sizeof *pdf);
	pdf->ctx = ctx;
	rc = vt_mupdf_open(ctx, path, data, len, password, NULL, &doc, eb);
	if (rc == VT_OK) {
		pdf->doc = (fz_document *)doc;
		fz_try(ctx)
			pdf->npages = fz_count_pages(ctx, pdf->doc);
		fz_catch(ctx)
			rc = vt_fail(eb, VT_ERR_PDF, "%s",
			    fz_caught_message(ctx));
	}
	if (rc != VT_OK) {
		vt_pdf_text_close(pdf);
		return rc;
	}
	*out = pdf;
	return VT_OK;
}

vt_code
vt_pdf_text_open(const char *path, const char *password,
    struct vt_pdf_text **out, struct vt_errbuf *eb)
{
	FILE	*f;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL)
		return vt_fail(eb, VT_ERR_IO, _("cannot open %s"), path);
	fclose(f);
	return open_pdf(path, NULL, 0, password, out, eb);
}

vt_code
vt_pdf_text_open_memory(const void *data, size_t len, const char *password,
    struct vt_pdf_text **out, struct vt_errbuf *eb)
{
	*out = NULL;
	return open_pdf(NULL, data != NULL ? data : "", len, password, out,
	    eb);
}

int
vt_pdf_text_pages(const struct vt_pdf_text *pdf)
{
	return pdf->npages;
}

void
vt_pdf_text_close(struct vt_pdf_text *pdf)
{
	if (pdf == NULL)
		return;
	fz_drop_document(pdf->ctx, pdf->doc);
	vt_mupdf_drop(pdf->ctx);
	free(pdf);
}

/* How the text of a page is put together. */
struct collect {
	struct vt_buf	 out;		/* the page so far */
	struct vt_buf	 run;		/* text in one font class */
	enum font_class	 cls;
	int		 convert;	/* convert legacy runs */
	enum vt_legacy	 force;		/* convert everything with this */
	int		 fonts_seen;	/* classes seen, as a bit set */
	fz_font		*last_font;
	enum font_class	 last_cls;
};

static void
flush_run(struct collect *c)
{
	enum vt_legacy	 enc = VT_LEGACY_NONE;
	int		 flags = 0;
	char		*conv;

	if (c->run.len == 0)
		return;
	switch (c->cls) {
	case FONT_TCVN3_UPPER:
		flags = VT_LEGACY_UPPER;
		/* FALLTHROUGH */
	case FONT_TCVN3:
		enc = VT_LEGACY_TCVN3;
		break;
	case FONT_VNI:
		enc = VT_LEGACY_VNI;
		break;
	case FONT_UNICODE:
		enc = c->force;
		break;
	}
	if (c->convert && enc != VT_LEGACY_NONE &&
	    vt_legacy_utf8_to_utf8(enc, c->run.data, c->run.len, flags,
	    &conv) == VT_OK) {
		vt_buf_puts(&c->out, conv);
		free(conv);
	} else
		vt_buf_add(&c->out, c->run.data, c->run.len);
	vt_buf_reset(&c->run);
}

static void
add_char(fz_context *ctx, struct collect *c, const fz_stext_char *ch)
{
	enum font_class	cls;
	char		u[8];
	int		n;

	if (ch->font != c->last_font) {
		c->last_font = ch->font;
		c->last_cls = classify_font(ch->font != NULL ?
		    fz_font_name(ctx, ch->font) : NULL);
	}
	cls = c->last_cls;
	c->fonts_seen |= 1 << cls;
	if (cls != c->cls) {
		flush_run(c);
		c->cls = cls;
	}
	n = fz_runetochar(u, ch->c);
	vt_buf_add(&c->run, u, (size_t)n);
}

static void
add_break(struct collect *c, const char *s)
{
	vt_buf_puts(&c->run, s);
}

/* Extract page PAGE into C.  Returns VT_OK or VT_ERR_PDF. */
static vt_code
collect_page(struct vt_pdf_text *pdf, int page, struct collect *c,
    struct vt_errbuf *eb)
{
	fz_context		*ctx = pdf->ctx;
	fz_stext_page		*sp = NULL;
	fz_stext_options	 opts;
	fz_stext_block		*block;
	fz_stext_line		*line;
	fz_stext_char		*ch;
	volatile vt_code	 rc = VT_OK;

	if (page < 0 || page >= pdf->npages)
		return vt_fail(eb, VT_ERR_INVALID, _("no page %d"), page + 1);
	memset(&opts, 0, sizeof opts);
	fz_var(sp);
	fz_try(ctx) {
		sp = fz_new_stext_page_from_page_number(ctx, pdf->doc, page,
		    &opts);
		for (block = sp->first_block; block != NULL;
		    block = block->next) {
			if (block->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			if (c->out.len + c->run.len > 0)
				add_break(c, "\n");
			for (line = block->u.t.first_line; line != NULL;
			    line = line->next) {
				for (ch = line->first_char; ch != NULL;
				    ch = ch->next)
					add_char(ctx, c, ch);
				add_break(c, "\n");
			}
		}
		flush_run(c);
	}
	fz_always(ctx) {
		fz_drop_stext_page(ctx, sp);
	}
	fz_catch(ctx) {
		rc = vt_fail(eb, VT_ERR_PDF, "%s", fz_caught_message(ctx));
	}
	return rc;
}

static void
collect_init(struct collect *c, int convert, enum vt_legacy force)
{
	memset(c, 0, sizeof *c);
	vt_buf_init(&c->out);
	vt_buf_init(&c->run);
	c->convert = convert;
	c->force = force;
}

static void
collect_free(struct collect *c)
{
	vt_buf_free(&c->out);
	vt_buf_free(&c->run);
}

static char *
page_text(struct vt_pdf_text *pdf, int page, int convert, enum vt_legacy
    force, struct vt_errbuf *eb)
{
	struct collect	 c;
	char		*r = NULL;

	collect_init(&c, convert, force);
	if (collect_page(pdf, page, &c, eb) == VT_OK)
		r = vt_text_safe(c.out.data != NULL ? c.out.data : "",
		    c.out.len, VT_TEXT_MULTILINE);
	collect_free(&c);
	return r;
}

char *
vt_pdf_text_page_eb(struct vt_pdf_text *pdf, int page, struct vt_errbuf *eb)
{
	return page_text(pdf, page, 0, VT_LEGACY_NONE, eb);
}

char *
vt_pdf_text_page(struct vt_pdf_text *pdf, int page)
{
	return page_text(pdf, page, 0, VT_LEGACY_NONE, NULL);
}

enum vt_legacy
vt_pdf_text_legacy(struct vt_pdf_text *pdf)
{
	struct collect	 c;
	struct vt_buf	 all;
	int		 page;

	if (pdf->legacy_known)
		return pdf->legacy;
	pdf->legacy_known = 1;
	vt_buf_init(&all);
	for (page = 0; page < pdf->npages && page < LEGACY_SCAN_PAGES;
	    page++) {
		collect_init(&c, 0, VT_LEGACY_NONE);
		if (collect_page(pdf, page, &c, NULL) == VT_OK && c.out.len > 0)
			vt_buf_add(&all, c.out.data, c.out.len);
		if (c.fonts_seen & ((1 << FONT_TCVN3) |
		    (1 << FONT_TCVN3_UPPER))) {
			pdf->legacy = VT_LEGACY_TCVN3;
			pdf->legacy_by_font = 1;
		} else if (c.fonts_seen & (1 << FONT_VNI)) {
			pdf->legacy = VT_LEGACY_VNI;
			pdf->legacy_by_font = 1;
		}
		collect_free(&c);
		if (pdf->legacy_by_font)
			break;
	}
	if (!pdf->legacy_by_font && all.len > 0)
		pdf->legacy = vt_legacy_detect_utf8(all.data, all.len);
	vt_buf_free(&all);
	return pdf->legacy;
}

char *
vt_pdf_text_page_converted(struct vt_pdf_text *pdf, int page)
{
	enum vt_legacy	enc = vt_pdf_text_legacy(pdf);

	if (enc == VT_LEGACY_NONE)
		return page_text(pdf, page, 0, VT_LEGACY_NONE, NULL);
	return page_text(pdf, page, 1, pdf->legacy_by_font ? VT_LEGACY_NONE :
	    enc, NULL);
}
