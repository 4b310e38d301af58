/*
 * vanthu: a document timestamp (PAdES B-LTA, ETSI EN 319 142-1 5.4.3;
 * ISO 32000-2 12.8.5): an invisible signature field whose value has
 * /Type /DocTimeStamp and /SubFilter /ETSI.RFC3161, and whose /Contents
 * is an RFC 3161 timestamp token over the ByteRange bytes.  MuPDF's
 * writer streams those bytes to the callbacks below while it saves.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"
#include "ltv-impl.h"

struct stamper {
	pdf_pkcs7_signer	 base;	/* first: MuPDF casts */
	int			 refs;
	const struct vt_tsa	*tsa;
	vt_code			 rc;
	struct vt_errbuf	 eb;
};

static pdf_pkcs7_signer *
st_keep(fz_context *ctx, pdf_pkcs7_signer *b)
{
	(void)ctx;
	((struct stamper *)b)->refs++;
	return b;
}

static void
st_drop(fz_context *ctx, pdf_pkcs7_signer *b)
{
	(void)ctx;
	if (--((struct stamper *)b)->refs == 0)
		free(b);
}

static pdf_pkcs7_distinguished_name *
st_name(fz_context *ctx, pdf_pkcs7_signer *b)
{
	pdf_pkcs7_distinguished_name *dn;

	(void)b;
	dn = fz_malloc_struct(ctx, pdf_pkcs7_distinguished_name);
	dn->cn = fz_strdup(ctx, "DocTimeStamp");
	return dn;
}

static size_t
st_max(fz_context *ctx, pdf_pkcs7_signer *b)
{
	(void)ctx;
	(void)b;
	return VT_TSP_RESERVE;
}

static int
st_digest(fz_context *ctx, pdf_pkcs7_signer *b, fz_stream *in,
    unsigned char *out, size_t outlen)
{
	struct stamper	*s = (struct stamper *)b;
	fz_buffer	*all;
	unsigned char	*data, *tst = NULL;
	size_t		 len, tlen = 0;

	all = fz_read_all(ctx, in, 1 << 20);
	len = fz_buffer_storage(ctx, all, &data);
	s->rc = vt_tsp_stamp(s->tsa, data, len, &tst, &tlen, &s->eb);
	fz_drop_buffer(ctx, all);
	if (s->rc != VT_OK)
		return 0;
	if (tlen > outlen) {
		s->rc = vt_fail(&s->eb, VT_ERR_PROTOCOL, _("the timestamp "
		    "token is larger than the %zu bytes reserved"), outlen);
		free(tst);
		return 0;
	}
	memcpy(out, tst, tlen);
	free(tst);
	return (int)tlen;
}

/* The /V dictionary, keys in the order MuPDF's writer looks for. */
static pdf_obj *
doctime_dict(fz_context *ctx, pdf_document *doc)
{
	pdf_obj	*v = pdf_new_dict(ctx, doc, 6);
	char	*zeros = NULL;

	fz_var(zeros);
	fz_try(ctx) {
		zeros = fz_calloc(ctx, VT_TSP_RESERVE, 1);
		pdf_dict_put_array(ctx, v, PDF_NAME(ByteRange), 4);
		pdf_dict_put_string(ctx, v, PDF_NAME(Contents), zeros,
		    VT_TSP_RESERVE);
		pdf_dict_put(ctx, v, PDF_NAME(Filter), PDF_NAME(Adobe_PPKLite));
		pdf_dict_put_drop(ctx, v, PDF_NAME(SubFilter),
		    pdf_new_name(ctx, "ETSI.RFC3161"));
		pdf_dict_put_drop(ctx, v, PDF_NAME(Type),
		    pdf_new_name(ctx, "DocTimeStamp"));
	}
	fz_always(ctx)
		fz_free(ctx, zeros);
	fz_catch(ctx) {
		pdf_drop_obj(ctx, v);
		fz_rethrow(ctx);
	}
	return v;
}

vt_code
vt_doctime_add(fz_context *ctx, pdf_document *doc, const char *out,
    const struct vt_tsa *tsa, struct vt_errbuf *eb)
{
	struct stamper		*s = xcalloc(1, sizeof *s);
	pdf_page		*page = NULL;
	pdf_annot		*w = NULL;
	pdf_obj			*field, *v = NULL, *form;
	pdf_write_options	 opts = pdf_default_write_options;
	char			 name[40];
	vt_code			 rc = VT_OK;

	s->base.keep = st_keep;
	s->base.drop = st_drop;
	s->base.get_signing_name = st_name;
	s->base.max_digest_size = st_max;
	s->base.create_digest = st_digest;
	s->refs = 1;
	s->tsa = tsa;
	opts.do_incremental = 1;
	opts.do_compress = 1;
	fz_var(page);
	fz_var(w);
	fz_var(v);
	fz_try(ctx) {
		page = pdf_load_page(ctx, doc, 0);
		snprintf(name, sizeof name, "DocTimeStamp%d",
		    pdf_count_signatures(ctx, doc) + 1);
		w = pdf_create_signature_widget(ctx, page, name);
		pdf_set_annot_rect(ctx, w, fz_make_rect(0, 0, 0, 0));
		field = pdf_annot_obj(ctx, w);
		pdf_dict_del(ctx, field, PDF_NAME(Lock));
		form = pdf_dict_getp(ctx, pdf_trailer(ctx, doc),
		    "Root/AcroForm");
		if (pdf_is_dict(ctx, form) && (pdf_dict_get_int(ctx, form,
		    PDF_NAME(SigFlags)) & 3) != 3)
			pdf_dict_put_int(ctx, form, PDF_NAME(SigFlags), 3);
		v = doctime_dict(ctx, doc);
		pdf_dict_put_drop(ctx, field, PDF_NAME(V),
		    pdf_add_object(ctx, doc, v));
		pdf_xref_store_unsaved_signature(ctx, doc, field, &s->base);
		pdf_save_document(ctx, doc, out, &opts);
	}
	fz_always(ctx) {
		pdf_drop_obj(ctx, v);
		pdf_drop_annot(ctx, w);
		if (page != NULL)
			fz_drop_page(ctx, &page->super);
	}
	fz_catch(ctx) {
		if (s->rc != VT_OK) {
			rc = s->rc;
			if (eb != NULL)
				*eb = s->eb;
		} else
			rc = vt_fail(eb, VT_ERR_PDF, "%s",
			    fz_caught_message(ctx));
	}
	st_drop(ctx, &s->base);		/* ours; the document keeps its own */
	return rc;
}
