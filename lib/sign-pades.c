/*
 * vanthu: PAdES B-B signatures with MuPDF as an incremental update.
 *
 * MuPDF's pdf_sign_signature() writes SubFilter adbe.pkcs7.detached, a
 * FieldMDP /Reference and a /Lock that would forbid the agency signature
 * which must follow.  So vanthu builds the signature dictionary itself,
 * in the order MuPDF's writer needs to find the ByteRange and Contents
 * when it saves (ByteRange, Contents, Filter first), registers it as an
 * unsaved signature, and lets the writer call back into vanthu with the
 * bytes to sign (the pdf_pkcs7_signer callbacks).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/pdf-context.h"
#include "vanthu/pdf-io.h"
#include "vanthu/sign-appearance.h"
#include "vanthu/sign-fields.h"
#include "vanthu/token.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"

struct vt_pdf {
	fz_context	*ctx;
	pdf_document	*doc;
	char		*path;
	int		 between_lines;	/* the signature sits in the page's
					   own signer block */
};

/* The pdf_pkcs7_signer that MuPDF's writer calls while saving. */
struct signer {
	pdf_pkcs7_signer	 base;	/* first: MuPDF casts */
	int			 refs;
	X509			*cert;
	STACK_OF(X509)		*chain;
	EVP_PKEY		*key;
	size_t			 max;
	const struct vt_tsa	*tsa;	/* B-T: the timestamp authority */
	vt_code			 rc;	/* what went wrong in create_digest */
	struct vt_errbuf	 eb;
};

char *
vt_format_vn_time(time_t t, char *out, size_t len)
{
	struct tm	 tm;
	time_t		 vn = t + 7 * 3600;	/* UTC+07:00, no DST */

	gmtime_r(&vn, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
	return out;
}

/* The PDF date (ISO 32000-1 7.9.4) of T in Vietnam time. */
static void
pdf_date_vn(time_t t, char *out, size_t len)
{
	struct tm	 tm;
	time_t		 vn = t + 7 * 3600;

	gmtime_r(&vn, &tm);
	strftime(out, len, "D:%Y%m%d%H%M%S+07'00'", &tm);
}

/*
 * Whether a certification signature forbids any change (ISO 32000-1
 * 12.8.2.2: /Perms /DocMDP, TransformParams /P 1), so that no further
 * signature may be added.
 */
static int
docmdp_forbids(fz_context *ctx, pdf_document *doc)
{
	pdf_obj		*sig, *refs, *params;
	volatile int	 forbids = 0;
	int		 i, n;

	fz_try(ctx) {
		sig = pdf_dict_getp(ctx, pdf_trailer(ctx, doc),
		    "Root/Perms/DocMDP");
		refs = pdf_dict_get(ctx, sig, PDF_NAME(Reference));
		n = pdf_array_len(ctx, refs);
		for (i = 0; i < n; i++) {
			params = pdf_dict_get(ctx, pdf_array_get(ctx, refs, i),
			    PDF_NAME(TransformParams));
			if (pdf_name_eq(ctx, pdf_dict_get(ctx,
			    pdf_array_get(ctx, refs, i),
			    PDF_NAME(TransformMethod)), PDF_NAME(DocMDP)) &&
			    pdf_dict_get_int(ctx, params, PDF_NAME(P)) == 1)
				forbids = 1;
		}
	}
	fz_catch(ctx)
		forbids = 0;
	return forbids;
}

vt_code
vt_pdf_open(const char *path, const char *password, struct vt_pdf **out,
    struct vt_errbuf *eb)
{
	struct vt_pdf	*pdf;
	vt_code		 rc = VT_OK;
	int		 i, n;

	*out = NULL;
	if (access(path, R_OK) != 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	pdf = xcalloc(1, sizeof *pdf);
	pdf->path = xstrdup(path);
	if ((pdf->ctx = vt_mupdf_new(eb)) == NULL) {
		free(pdf->path);
		free(pdf);
		return VT_ERR_INTERNAL;
	}
	rc = vt_mupdf_open(pdf->ctx, path, NULL, 0, password, path, &pdf->doc,
	    eb);
	if (rc != VT_OK)
		goto fail;
	fz_try(pdf->ctx) {
		n = pdf_count_pages(pdf->ctx, pdf->doc);
		for (i = 0; i < n; i++)
			fz_drop_page(pdf->ctx, fz_load_page(pdf->ctx,
			    &pdf->doc->super, i));
		if (n == 0)
			fz_throw(pdf->ctx, FZ_ERROR_GENERIC, "no pages");
		/* A field tree that loops: damaged (verifying the signed
		   copy would say so too). */
		vt_pdf_sig_fields(pdf->ctx, pdf->doc, NULL, NULL);
	}
	fz_catch(pdf->ctx) {
		rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
		    fz_caught_message(pdf->ctx));
		goto fail;
	}
	if (docmdp_forbids(pdf->ctx, pdf->doc)) {
		rc = vt_fail(eb, VT_ERR_PDF, _("%s is certified with no changes "
		    "allowed (DocMDP permission 1): another signature would "
		    "break its certification"), path);
		goto fail;
	}
	if ((rc = vt_mupdf_check_repaired(pdf->ctx, pdf->doc, path, eb)) !=
	    VT_OK)
		goto fail;
	*out = pdf;
	return VT_OK;
fail:
	vt_pdf_close(pdf);
	return rc;
}

void
vt_pdf_close(struct vt_pdf *pdf)
{
	if (pdf == NULL)
		return;
	pdf_drop_document(pdf->ctx, pdf->doc);
	vt_mupdf_drop(pdf->ctx);
	free(pdf->path);
	free(pdf);
}

int
vt_pdf_page_count(struct vt_pdf *pdf)
{
	volatile int	 n = 0;

	fz_try(pdf->ctx)
		n = pdf_count_pages(pdf->ctx, pdf->doc);
	fz_catch(pdf->ctx)
		n = 0;
	return n;
}

/* Whether signature field FIELD holds a value: a signature, or a
   document timestamp (/Type /DocTimeStamp, PAdES B-LTA), which MuPDF's
   pdf_signature_is_signed() takes for an empty field. */
static int
field_signed(fz_context *ctx, pdf_document *doc, pdf_obj *field)
{
	pdf_obj	*v = pdf_dict_get_inheritable(ctx, field, PDF_NAME(V));

	return pdf_signature_is_signed(ctx, doc, field) ||
	    (pdf_is_dict(ctx, v) && strcmp(pdf_to_name(ctx, pdf_dict_get(ctx,
	    v, PDF_NAME(Type))), "DocTimeStamp") == 0);
}

struct count_arg {
	pdf_document	*doc;
	int		 n;
};

static void
count_signed(fz_context *ctx, pdf_obj *field, void *arg)
{
	struct count_arg	*c = arg;

	if (field_signed(ctx, c->doc, field))
		c->n++;
}

int
vt_pdf_signature_count(struct vt_pdf *pdf)
{
	struct count_arg	 c = { pdf->doc, 0 };

	fz_try(pdf->ctx)
		vt_pdf_sig_fields(pdf->ctx, pdf->doc, count_signed, &c);
	fz_catch(pdf->ctx)
		c.n = 0;
	return c.n;
}

/* Whether the box AP asks for lies on its page (half a point of slack
   for rounding). */
static int
rect_on_page(fz_rect page, const struct vt_appearance *ap)
{
	return ap->x >= page.x0 - 0.5f && ap->y >= page.y0 - 0.5f &&
	    ap->x + ap->w <= page.x1 + 0.5f && ap->y + ap->h <= page.y1 + 0.5f;
}

vt_code
vt_pades_check(struct vt_pdf *pdf, const struct vt_pades_params *p,
    struct vt_errbuf *eb)
{
	fz_context			*ctx = pdf->ctx;
	const struct vt_appearance	*ap = &p->ap;
	fz_image			*img = NULL;
	fz_page				*page = NULL;
	fz_rect				 b = fz_empty_rect;
	volatile vt_code		 rc = VT_OK;
	int				 n = vt_pdf_page_count(pdf);

	if (ap->visible && ap->has_rect && (ap->page < 1 || ap->page > n))
		return vt_fail(eb, VT_ERR_USAGE, _("--visible: page %d: the "
		    "document has %d pages"), ap->page, n);
	fz_var(page);
	fz_var(img);
	fz_try(ctx) {
		if (ap->visible && ap->has_rect) {
			page = fz_load_page(ctx, &pdf->doc->super,
			    ap->page - 1);
			b = fz_bound_page(ctx, page);
		}
		if (ap->visible && ap->image != NULL &&
		    ap->look != VT_LOOK_ATTACHMENT)
			img = vt_appearance_image(ctx, ap->image);
	}
	fz_always(ctx) {
		fz_drop_image(ctx, img);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_INVALID, "%s", fz_caught_message(ctx));
	if (rc == VT_OK && ap->visible && ap->has_rect && !rect_on_page(b, ap))
		rc = vt_fail(eb, VT_ERR_USAGE, _("--visible: the box %g,%g "
		    "%gx%g is not inside page %d (%gx%g points)"), ap->x,
		    ap->y, ap->w, ap->h, ap->page, b.x1 - b.x0, b.y1 - b.y0);
	return rc;
}

/* --- the signer callbacks --- */

static pdf_pkcs7_signer *
signer_keep(fz_context *ctx, pdf_pkcs7_signer *base)
{
	(void)ctx;
	((struct signer *)base)->refs++;
	return base;
}

static void
signer_drop(fz_context *ctx, pdf_pkcs7_signer *base)
{
	struct signer	*s = (struct signer *)base;

	(void)ctx;
	if (--s->refs == 0)
		free(s);
}

static pdf_pkcs7_distinguished_name *
signer_name(fz_context *ctx, pdf_pkcs7_signer *base)
{
	struct signer			*s = (struct signer *)base;
	pdf_pkcs7_distinguished_name	*dn;
	struct vt_cert_info		 ci;

	vt_cert_info_get(s->cert, &ci);
	dn = fz_malloc_struct(ctx, pdf_pkcs7_distinguished_name);
	dn->cn = fz_strdup(ctx, ci.common_name);
	dn->o = fz_strdup(ctx, ci.organization);
	vt_cert_info_free(&ci);
	return dn;
}

static size_t
signer_max(fz_context *ctx, pdf_pkcs7_signer *base)
{
	(void)ctx;
	return ((struct signer *)base)->max;
}

/* Hash the ByteRange bytes MuPDF streams and have the token sign. */
static int
signer_digest(fz_context *ctx, pdf_pkcs7_signer *base, fz_stream *in,
    unsigned char *out, size_t outlen)
{
	struct signer	*s = (struct signer *)base;
	EVP_MD_CTX	*md = EVP_MD_CTX_new();
	unsigned char	 buf[65536], hash[VT_SHA256_LEN], *der = NULL;
	size_t		 n, derlen = 0;
	unsigned int	 hlen = 0;

	if (md == NULL || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		s->rc = vt_fail(&s->eb, VT_ERR_INTERNAL, "SHA-256");
		EVP_MD_CTX_free(md);
		return 0;
	}
	while ((n = fz_read(ctx, in, buf, sizeof buf)) > 0)
		EVP_DigestUpdate(md, buf, n);
	EVP_DigestFinal_ex(md, hash, &hlen);
	EVP_MD_CTX_free(md);
	s->rc = vt_cms_sign_digest(s->cert, s->chain, s->key, hash, &der,
	    &derlen, &s->eb);
	if (s->rc == VT_OK && s->tsa != NULL)
		s->rc = vt_tsp_add_signature_timestamp(s->tsa, &der, &derlen,
		    &s->eb);
	if (s->rc != VT_OK) {
		free(der);
		return 0;
	}
	if (derlen > outlen) {
		s->rc = vt_fail(&s->eb, VT_ERR_INTERNAL,
		    "CMS of %zu bytes > %zu reserved", derlen, outlen);
		free(der);
		return 0;
	}
	memcpy(out, der, derlen);
	free(der);
	return (int)derlen;
}

static struct signer *
signer_new(X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key,
    const struct vt_tsa *tsa)
{
	struct signer	*s = xcalloc(1, sizeof *s);

	s->base.keep = signer_keep;
	s->base.drop = signer_drop;
	s->base.get_signing_name = signer_name;
	s->base.max_digest_size = signer_max;
	s->base.create_digest = signer_digest;
	s->refs = 1;
	s->cert = cert;
	s->chain = chain;
	s->key = key;
	s->max = vt_cms_max_size(cert, chain, key);
	s->tsa = tsa;
	if (tsa != NULL)
		s->max += VT_TSP_RESERVE;
	return s;
}

/* --- placing the signature --- */

/* The first unsigned signature widget (named FIELD if not NULL). */
static pdf_annot *
find_empty_field(fz_context *ctx, pdf_document *doc, const char *field,
    pdf_page **pagep)
{
	int		 i, n = pdf_count_pages(ctx, doc);
	pdf_page	*page;
	pdf_annot	*w;
	char		*name;
	int		 match;

	for (i = 0; i < n; i++) {
		page = pdf_load_page(ctx, doc, i);
		for (w = pdf_first_widget(ctx, page); w != NULL;
		    w = pdf_next_widget(ctx, w)) {
			if (pdf_widget_type(ctx, w) != PDF_WIDGET_TYPE_SIGNATURE ||
			    field_signed(ctx, doc, pdf_annot_obj(ctx, w)))
				continue;
			match = 1;
			if (field != NULL) {
				name = pdf_field_name(ctx, pdf_annot_obj(ctx, w));
				match = strcmp(name, field) == 0;
				fz_free(ctx, name);
			}
			if (match) {
				*pagep = page;
				return w;
			}
		}
		fz_drop_page(ctx, &page->super);
	}
	return NULL;
}

/* The rectangle of the last signed, visible signature widget on PAGE. */
static int
last_signed_rect(fz_context *ctx, pdf_document *doc, int pageno,
    fz_rect *r)
{
	pdf_page	*page = pdf_load_page(ctx, doc, pageno);
	pdf_annot	*w;
	fz_rect		 b;
	int		 found = 0;

	for (w = pdf_first_widget(ctx, page); w != NULL;
	    w = pdf_next_widget(ctx, w)) {
		if (pdf_widget_type(ctx, w) != PDF_WIDGET_TYPE_SIGNATURE ||
		    !field_signed(ctx, doc, pdf_annot_obj(ctx, w)))
			continue;
		b = pdf_bound_widget(ctx, w);
		if (!fz_is_empty_rect(b)) {
			*r = b;
			found = 1;
		}
	}
	fz_drop_page(ctx, &page->super);
	return found;
}

/* The bottom of the text on PAGE (page space), or -1 when it has none. */
static float
text_bottom(fz_context *ctx, pdf_page *page)
{
	fz_stext_page	*st = NULL;
	fz_stext_block	*b;
	volatile float	 bottom = -1;

	fz_var(st);
	fz_try(ctx) {
		st = fz_new_stext_page_from_page(ctx, &page->super, NULL);
		for (b = st->first_block; b != NULL; b = b->next) {
			if (b->type == FZ_STEXT_BLOCK_TEXT && b->bbox.y1 > bottom)
				bottom = b->bbox.y1;
		}
	}
	fz_always(ctx)
		fz_drop_stext_page(ctx, st);
	fz_catch(ctx)
		bottom = -1;
	return bottom;
}

/* Whether the text of LINE (trimmed) is NAME. */
static int
line_is(const fz_stext_line *line, const char *name)
{
	const fz_stext_char	*ch;
	char			 buf[256], *p = buf;
	size_t			 n;

	for (ch = line->first_char; ch != NULL; ch = ch->next) {
		if ((size_t)(p - buf) + 8 >= sizeof buf)
			return 0;
		p += fz_runetochar(p, ch->c);
	}
	*p = '\0';
	for (p = buf; *p == ' '; p++)
		;
	n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return n == strlen(name) && strncmp(p, name, n) == 0;
}

/*
 * The gap the page leaves for the signature in its own signer block
 * (Decree 30, Appendix I: the signature between the position line and
 * the signer's name): above the last line that is exactly NAME, below
 * the nearest line over it in the same column.  Returns 1 and the box
 * in *R when the gap is at least 28 points high.
 */
static int
signer_gap(fz_context *ctx, pdf_page *page, const char *name, fz_rect *r)
{
	fz_stext_page	*st = NULL;
	fz_stext_block	*b;
	fz_stext_line	*l;
	fz_rect		 nm = fz_empty_rect;
	volatile int	 found = 0;
	volatile float	 above = -1;
	float		 cx;

	fz_var(st);
	fz_try(ctx) {
		st = fz_new_stext_page_from_page(ctx, &page->super, NULL);
		for (b = st->first_block; b != NULL; b = b->next) {
			if (b->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			for (l = b->u.t.first_line; l != NULL; l = l->next)
				if (line_is(l, name))
					nm = l->bbox;
		}
		for (b = st->first_block; b != NULL && !fz_is_empty_rect(nm);
		    b = b->next) {
			if (b->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			for (l = b->u.t.first_line; l != NULL; l = l->next) {
				if (l->bbox.y1 <= nm.y0 + 1 &&
				    l->bbox.y1 > above &&
				    l->bbox.x0 < nm.x1 && l->bbox.x1 > nm.x0)
					above = l->bbox.y1;
			}
		}
		if (!fz_is_empty_rect(nm) && above >= 0 &&
		    nm.y0 - above >= 28) {
			cx = (nm.x0 + nm.x1) / 2;
			*r = fz_make_rect(cx - 100, above + 2, cx + 100,
			    nm.y0 - 2);
			found = 1;
		}
	}
	fz_always(ctx)
		fz_drop_stext_page(ctx, st);
	fz_catch(ctx)
		found = 0;
	return found;
}

/* Where the signature goes when neither a field nor --visible says. */
static fz_rect
default_rect(fz_context *ctx, pdf_document *doc, pdf_page *page,
    int pageno, const struct vt_appearance *ap)
{
	fz_rect	 b = pdf_bound_page(ctx, page), pr;
	float	 pw = b.x1 - b.x0, ph = b.y1 - b.y0;
	float	 sw, sh;		/* the seal at its real size */
	float	 top;

	switch (ap->look) {
	case VT_LOOK_ATTACHMENT:
		/* Top right of page 1. */
		return fz_make_rect(b.x1 - 56 - 200, b.y0 + 20, b.x1 - 56,
		    b.y0 + 20 + 50);
	case VT_LOOK_AGENCY:
		vt_appearance_seal_size(ctx, ap, &sw, &sh);
		if (last_signed_rect(ctx, doc, pageno, &pr)) {
			/* Decree 30: the seal, left of the personal
			   signature, covers its left third. */
			float	 cy = (pr.y0 + pr.y1) / 2;
			float	 right = pr.x0 + (pr.x1 - pr.x0) / 3;

			return fz_make_rect(right - sw, cy - sh / 2, right,
			    cy + sh / 2);
		}
		return fz_make_rect(b.x0 + pw / 2 - sw, b.y0 + ph * 0.62f,
		    b.x0 + pw / 2, b.y0 + ph * 0.62f + sh);
	case VT_LOOK_PERSONAL:
	default:
		/* The right half of the last page just below its text, where
		   the signer's block sits in Decree 30's layout; at the
		   bottom when the text leaves no room. */
		top = text_bottom(ctx, page);
		if (top < 0)
			top = b.y0 + ph * 0.62f;
		else
			top += 12;
		if (top + 110 > b.y1 - 24)
			top = b.y1 - 24 - 110;
		return fz_make_rect(b.x0 + pw / 2 + 10, top, b.x1 - 56,
		    top + 110);
	}
}

/* The signature dictionary (/V), in the order MuPDF's writer needs. */
static pdf_obj *
new_sig_dict(fz_context *ctx, pdf_document *doc, size_t max,
    const struct vt_pades_params *p, const char *name)
{
	pdf_obj	*v = pdf_new_dict(ctx, doc, 10);
	char	*zeros = NULL, date[40];

	fz_var(zeros);
	fz_try(ctx) {
		zeros = fz_calloc(ctx, max, 1);
		pdf_dict_put_array(ctx, v, PDF_NAME(ByteRange), 4);
		pdf_dict_put_string(ctx, v, PDF_NAME(Contents), zeros, max);
		pdf_dict_put(ctx, v, PDF_NAME(Filter), PDF_NAME(Adobe_PPKLite));
		pdf_dict_put_drop(ctx, v, PDF_NAME(SubFilter),
		    pdf_new_name(ctx, "ETSI.CAdES.detached"));
		pdf_dict_put(ctx, v, PDF_NAME(Type), PDF_NAME(Sig));
		pdf_date_vn(p->when, date, sizeof date);
		pdf_dict_put_string(ctx, v, PDF_NAME(M), date, strlen(date));
		pdf_dict_put_text_string(ctx, v, PDF_NAME(Name), name);
		if (p->reason != NULL)
			pdf_dict_put_text_string(ctx, v, PDF_NAME(Reason),
			    p->reason);
		if (p->location != NULL)
			pdf_dict_put_text_string(ctx, v, PDF_NAME(Location),
			    p->location);
	}
	fz_always(ctx)
		fz_free(ctx, zeros);
	fz_catch(ctx) {
		pdf_drop_obj(ctx, v);
		fz_rethrow(ctx);
	}
	return v;
}

/* Set AcroForm /SigFlags 3 (signatures exist, append only). */
static void
set_sig_flags(fz_context *ctx, pdf_document *doc)
{
	pdf_obj	*root = pdf_dict_get(ctx, pdf_trailer(ctx, doc), PDF_NAME(Root));
	pdf_obj	*form = pdf_dict_get(ctx, root, PDF_NAME(AcroForm));
	int	 sf;

	if (form == NULL)
		form = pdf_dict_put_dict(ctx, root, PDF_NAME(AcroForm), 2);
	sf = pdf_dict_get_int(ctx, form, PDF_NAME(SigFlags));
	if ((sf & 3) != 3)
		pdf_dict_put_int(ctx, form, PDF_NAME(SigFlags), sf | 3);
}

/* Prepare the widget, its appearance and its /V; throws on error. */
static void
prepare(struct vt_pdf *pdf, struct signer *s, const struct vt_pades_params *p,
    const char *name)
{
	fz_context		*ctx = pdf->ctx;
	pdf_document		*doc = pdf->doc;
	pdf_page		*page = NULL;
	pdf_annot		*w = NULL, *created = NULL;
	pdf_obj			*field, *v = NULL;
	fz_display_list		*list = NULL;
	fz_rect			 rect;
	char			 when[40], fname[64];
	int			 pageno, npages = pdf_count_pages(ctx, doc);
	const struct vt_appearance *ap = &p->ap;
	struct vt_appearance	 look;

	fz_var(page);
	fz_var(list);
	fz_var(v);
	fz_var(created);
	pdf->between_lines = 0;
	fz_try(ctx) {
		w = find_empty_field(ctx, doc, p->field, &page);
		if (w == NULL && p->field != NULL)
			fz_throw(ctx, FZ_ERROR_GENERIC, "no empty signature "
			    "field named %s", p->field);
		if (w == NULL) {
			pageno = ap->page > 0 ? ap->page - 1 :
			    ap->look == VT_LOOK_ATTACHMENT ? 0 : npages - 1;
			if (pageno >= npages)
				fz_throw(ctx, FZ_ERROR_GENERIC, "page %d: the "
				    "document has %d pages", pageno + 1,
				    npages);
			page = pdf_load_page(ctx, doc, pageno);
			snprintf(fname, sizeof fname, "Signature%d",
			    pdf_count_signatures(ctx, doc) + 1);
			w = created = pdf_create_signature_widget(ctx, page,
			    fname);
			if (w == NULL)
				fz_throw(ctx, FZ_ERROR_GENERIC,
				    "cannot create the signature field");
			if (!ap->visible)
				rect = fz_make_rect(0, 0, 0, 0);
			else if (ap->has_rect)
				rect = fz_make_rect(ap->x, ap->y, ap->x + ap->w,
				    ap->y + ap->h);
			else if (ap->look == VT_LOOK_PERSONAL &&
			    signer_gap(ctx, page, name, &rect))
				pdf->between_lines = 1;
			else
				rect = default_rect(ctx, doc, page, pageno, ap);
			pdf_set_annot_rect(ctx, w, rect);
		}
		field = pdf_annot_obj(ctx, w);
		/* No /Lock: the agency signature must follow. */
		pdf_dict_del(ctx, field, PDF_NAME(Lock));
		rect = pdf_bound_widget(ctx, w);
		if (ap->visible && !fz_is_empty_rect(rect)) {
			vt_format_vn_time(p->when, when, sizeof when);
			look = *ap;
			look.between_lines = pdf->between_lines;
			list = vt_appearance_list(ctx, rect, &look, name, when);
			pdf_set_annot_appearance_from_display_list(ctx, w, "N",
			    NULL, fz_identity, list);
		}
		set_sig_flags(ctx, doc);
		v = new_sig_dict(ctx, doc, s->max, p, name);
		pdf_dict_put_drop(ctx, field, PDF_NAME(V),
		    pdf_add_object(ctx, doc, v));
		pdf_xref_store_unsaved_signature(ctx, doc, field, &s->base);
	}
	fz_always(ctx) {
		pdf_drop_obj(ctx, v);
		fz_drop_display_list(ctx, list);
		pdf_drop_annot(ctx, created);
		if (page != NULL)
			fz_drop_page(ctx, &page->super);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

vt_code
vt_pades_sign(struct vt_pdf *pdf, const char *out_path, X509 *cert,
    STACK_OF(X509) *chain, EVP_PKEY *key, const struct vt_pades_params *p,
    struct vt_errbuf *eb)
{
	fz_context		*ctx = pdf->ctx;
	struct signer		*s = signer_new(cert, chain, key, p->tsa);
	struct vt_cert_info	 ci;
	pdf_write_options	 opts = pdf_default_write_options;
	char			*tmp, *name;
	const char		*msg;
	int			 io_errno = 0;
	fz_output		*out = NULL;
	vt_code			 rc = VT_OK;

	vt_cert_info_get(cert, &ci);
	name = xstrdup(p->ap.name != NULL ? p->ap.name : ci.common_name);
	vt_cert_info_free(&ci);
	/* Left empty: MuPDF's incremental save (pdf-write.c,
	   ensure_initial_incremental_contents) copies the original into a
	   file that does not already start with it, in one sequential pass,
	   then appends the update. */
	if ((rc = vt_file_temp_beside(out_path, &tmp, eb)) != VT_OK)
		goto out;
	opts.do_incremental = 1;
	opts.do_compress = 1;		/* the new streams: appearance, font */
	opts.do_compress_fonts = 1;
	fz_var(out);
	fz_var(io_errno);
	fz_try(ctx) {
		prepare(pdf, s, p, name);
		/* Large blocks (vanthu/pdf-io.h); closing it fsyncs. */
		out = vt_pdf_output_open(ctx, tmp);
		pdf_write_document(ctx, pdf->doc, out, &opts);
		fz_close_output(ctx, out);
	}
	fz_always(ctx) {
		io_errno = vt_pdf_output_errno(out);
		fz_drop_output(ctx, out);
	}
	fz_catch(ctx) {
		msg = fz_caught_message(ctx);
		if (s->rc != VT_OK) {
			rc = s->rc;
			*eb = s->eb;
		} else if (io_errno != 0)
			/* The file could not be written (a full disk, an I/O
			   error): not a damaged document. */
			rc = vt_fail(eb, VT_ERR_IO, "%s: %s", out_path,
			    strerror(io_errno));
		else if (strstr(msg, "repaired") != NULL)
			rc = vt_fail(eb, VT_ERR_PDF_REPAIRED, _("%s was repaired "
			    "while reading; it cannot be signed as an "
			    "incremental update"), pdf->path);
		else
			rc = vt_fail(eb, VT_ERR_PDF, "%s", msg);
		goto fail;
	}
	if (rename(tmp, out_path) != 0) {
		rc = vt_fail(eb, VT_ERR_IO, "%s: %s", out_path, strerror(errno));
		goto fail;
	}
	goto out;
fail:
	unlink(tmp);
out:
	vt_tmp_guard_forget(tmp);
	free(tmp);
	free(name);
	signer_drop(ctx, &s->base);
	return rc;
}
