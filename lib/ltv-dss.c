/*
 * vanthu: the Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN
 * 319 142-1 5.4.2): reading its certificates, OCSP responses and CRLs,
 * and adding to it (with a /VRI entry per signature) before an
 * incremental save.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/evp.h>

#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"
#include "ltv-impl.h"
#include "verify-impl.h"

/* Append the decoded streams of ARR to V's array WHICH. */
static void
read_array(fz_context *ctx, pdf_obj *arr, int which, struct vt_vdata *v)
{
	fz_buffer	*buf;
	unsigned char	*data;
	size_t		 len;
	int		 i, n = pdf_array_len(ctx, arr);

	for (i = 0; i < n && i < 4096; i++) {
		buf = NULL;
		fz_var(buf);
		fz_try(ctx) {
			buf = pdf_load_stream(ctx, pdf_array_get(ctx, arr, i));
			len = fz_buffer_storage(ctx, buf, &data);
			if (len > 0)
				vt_vdata_add(v, which, data, len);
		}
		fz_always(ctx)
			fz_drop_buffer(ctx, buf);
		fz_catch(ctx) {
			/* an unreadable item: skipped */
		}
	}
}

static pdf_obj *
dss_of(fz_context *ctx, pdf_document *doc)
{
	return pdf_dict_getp(ctx, pdf_trailer(ctx, doc), "Root/DSS");
}

void
vt_dss_read(fz_context *ctx, pdf_document *doc, struct vt_vdata *out)
{
	pdf_obj	*dss;

	fz_try(ctx) {
		dss = dss_of(ctx, doc);
		if (pdf_is_dict(ctx, dss)) {
			read_array(ctx, pdf_dict_gets(ctx, dss, "Certs"), 'c',
			    out);
			read_array(ctx, pdf_dict_gets(ctx, dss, "OCSPs"), 'o',
			    out);
			read_array(ctx, pdf_dict_gets(ctx, dss, "CRLs"), 'r',
			    out);
		}
	}
	fz_catch(ctx) {
		/* no usable DSS */
	}
}

void
vt_vri_key(const unsigned char *sig, size_t len, char out[41])
{
	unsigned char	 md[20];
	unsigned	 n = 0, i;

	EVP_Digest(sig, len, md, &n, EVP_sha1(), NULL);
	for (i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02X", md[i]);
}

int
vt_dss_has_vri(fz_context *ctx, pdf_document *doc, const unsigned char *sig,
    size_t len)
{
	char		 key[41];
	volatile int	 has = 0;

	vt_vri_key(sig, len, key);
	fz_try(ctx)
		has = pdf_is_dict(ctx, pdf_dict_gets(ctx, pdf_dict_gets(ctx,
		    dss_of(ctx, doc), "VRI"), key));
	fz_catch(ctx)
		has = 0;
	return has;
}

/* The array KEY of DICT, made when missing. */
static pdf_obj *
array_of(fz_context *ctx, pdf_document *doc, pdf_obj *dict, const char *key)
{
	pdf_obj	*a = pdf_dict_gets(ctx, dict, key);

	if (!pdf_is_array(ctx, a)) {
		a = pdf_new_array(ctx, doc, 4);
		pdf_dict_puts_drop(ctx, dict, key, a);
	}
	return a;
}

/* One item as a new stream object (the writer compresses it). */
static pdf_obj *
new_stream(fz_context *ctx, pdf_document *doc, const struct vt_buf *item)
{
	fz_buffer	*buf = fz_new_buffer_from_copied_data(ctx,
			    (const unsigned char *)item->data, item->len);
	pdf_obj		*ref = NULL;

	fz_try(ctx)
		ref = pdf_add_stream(ctx, doc, buf, NULL, 0);
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		fz_rethrow(ctx);
	return ref;
}

/* Add the items of V from index FROM on as streams to ARR; REFS gets
   the reference of each item of V (old ones included, when known). */
static void
add_streams(fz_context *ctx, pdf_document *doc, pdf_obj *arr,
    const struct vt_buf *items, size_t n, size_t from, pdf_obj **refs)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i < from) {
			refs[i] = pdf_array_get(ctx, arr, (int)i);
			continue;
		}
		refs[i] = new_stream(ctx, doc, &items[i]);
		pdf_array_push_drop(ctx, arr, refs[i]);
	}
}

static void
vri_array(fz_context *ctx, pdf_document *doc, pdf_obj *vri, const char *key,
    pdf_obj **refs, const size_t *idx, size_t n)
{
	pdf_obj	*a;
	size_t	 i;

	if (n == 0)
		return;
	a = pdf_new_array(ctx, doc, (int)n);
	pdf_dict_puts_drop(ctx, vri, key, a);
	for (i = 0; i < n; i++)
		if (refs[idx[i]] != NULL)
			pdf_array_push(ctx, a, refs[idx[i]]);
}

void
vt_dss_write(fz_context *ctx, pdf_document *doc, const struct vt_vdata *all,
    const struct vt_vdata *old, const struct vt_vri *vri, size_t n_vri)
{
	pdf_obj	*root = pdf_dict_get(ctx, pdf_trailer(ctx, doc), PDF_NAME(Root));
	pdf_obj	*dss = pdf_dict_gets(ctx, root, "DSS"), *vris, *e;
	pdf_obj	**rc = xcalloc(all->n_certs + 1, sizeof *rc);
	pdf_obj	**ro = xcalloc(all->n_ocsps + 1, sizeof *ro);
	pdf_obj	**rr = xcalloc(all->n_crls + 1, sizeof *rr);
	size_t	 i;

	fz_try(ctx) {
		if (!pdf_is_dict(ctx, dss)) {
			dss = pdf_add_new_dict(ctx, doc, 4);
			pdf_dict_puts_drop(ctx, root, "DSS", dss);
		}
		pdf_dict_put_name(ctx, dss, PDF_NAME(Type), "DSS");
		add_streams(ctx, doc, array_of(ctx, doc, dss, "Certs"),
		    all->certs, all->n_certs, old->n_certs, rc);
		if (all->n_ocsps > 0)
			add_streams(ctx, doc, array_of(ctx, doc, dss, "OCSPs"),
			    all->ocsps, all->n_ocsps, old->n_ocsps, ro);
		if (all->n_crls > 0)
			add_streams(ctx, doc, array_of(ctx, doc, dss, "CRLs"),
			    all->crls, all->n_crls, old->n_crls, rr);
		vris = pdf_dict_gets(ctx, dss, "VRI");
		if (!pdf_is_dict(ctx, vris)) {
			vris = pdf_new_dict(ctx, doc, 4);
			pdf_dict_puts_drop(ctx, dss, "VRI", vris);
		}
		for (i = 0; i < n_vri; i++) {
			e = pdf_new_dict(ctx, doc, 3);
			pdf_dict_puts_drop(ctx, vris, vri[i].key, e);
			vri_array(ctx, doc, e, "Cert", rc, vri[i].certs,
			    vri[i].n_certs);
			vri_array(ctx, doc, e, "OCSP", ro, vri[i].ocsps,
			    vri[i].n_ocsps);
			vri_array(ctx, doc, e, "CRL", rr, vri[i].crls,
			    vri[i].n_crls);
		}
	}
	fz_always(ctx) {
		free(rc);
		free(ro);
		free(rr);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}
