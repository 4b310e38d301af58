/*
 * vanthu: verify the signatures inside a PDF.  MuPDF finds the signature
 * dictionaries; the signed bytes and the /Contents string are read from
 * the file itself by /ByteRange, so what is checked is exactly what a
 * reader of the file gets; OpenSSL verifies the CMS and the chain.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "vanthu/i18n.h"
#include "vanthu/pdf-context.h"
#include "vanthu/sign-fields.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

int
vt_verify_format_pdf_date(const char *s, char *out, size_t len)
{
	int	 f[6] = { 0, 1, 1, 0, 0, 0 }, widths[6] = { 4, 2, 2, 2, 2, 2 };
	int	 i, k, oh = 0, om = 0;
	char	 sign = 'Z';

	out[0] = '\0';
	if (strncmp(s, "D:", 2) == 0)
		s += 2;
	for (i = 0; i < 6; i++) {
		if (s[0] < '0' || s[0] > '9') {
			if (i == 0)
				return -1;
			break;
		}
		f[i] = 0;
		for (k = 0; k < widths[i]; k++, s++) {
			if (*s < '0' || *s > '9')
				return -1;
			f[i] = f[i] * 10 + (*s - '0');
		}
	}
	if (*s == '+' || *s == '-') {
		sign = *s++;
		if (sscanf(s, "%2d'%2d", &oh, &om) < 1)
			return -1;
	}
	if (sign == 'Z')
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", f[0], f[1],
		    f[2], f[3], f[4], f[5]);
	else
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    f[0], f[1], f[2], f[3], f[4], f[5], sign, oh, om);
	return 0;
}

/* Where vt_pdf_sig_fields' callback puts the signatures. */
struct collect {
	struct vt_verify_result	*res;
	size_t			 cap;		/* of res->sigs */
};

/* Report the signature field F when it holds a signature (/V with a
   four-number /ByteRange). */
static void
add_sig(fz_context *ctx, pdf_obj *f, void *arg)
{
	struct collect		*c = arg;
	struct vt_verify_result	*res = c->res;
	struct vt_sig_report	*r;
	pdf_obj			*v, *br;
	char			*name;
	const char		*m;

	v = pdf_dict_get(ctx, f, PDF_NAME(V));
	br = pdf_dict_get(ctx, v, PDF_NAME(ByteRange));
	if (!pdf_is_dict(ctx, v) || pdf_array_len(ctx, br) != 4)
		return;
	if (res->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		res->sigs = xreallocarray(res->sigs, c->cap, sizeof *res->sigs);
	}
	r = &res->sigs[res->n++];
	memset(r, 0, sizeof *r);
	name = pdf_field_name(ctx, f);
	r->field = xstrdup(name);
	fz_free(ctx, name);
	r->subfilter = xstrdup(pdf_to_name(ctx, pdf_dict_get(ctx, v,
	    PDF_NAME(SubFilter))));
	m = pdf_dict_get_text_string(ctx, v, PDF_NAME(M));
	r->signing_time = xmalloc(40);
	vt_verify_format_pdf_date(m, r->signing_time, 40);
	for (int k = 0; k < 4; k++)
		r->byte_range[k] = pdf_array_get_int(ctx, br, k);
	r->end = r->byte_range[2] + r->byte_range[3];
}

static int
by_end(const void *a, const void *b)
{
	const struct vt_sig_report *x = a, *y = b;

	return x->end < y->end ? -1 : x->end > y->end;
}

static vt_code
find_signatures(const char *path, const char *password,
    struct vt_verify_result *res, struct vt_errbuf *eb)
{
	fz_context	*ctx;
	pdf_document	*doc = NULL;
	struct collect	 c = { res, 0 };
	volatile vt_code rc;

	if ((ctx = vt_mupdf_new(eb)) == NULL)
		return VT_ERR_INTERNAL;
	rc = vt_mupdf_open(ctx, path, NULL, 0, password, path, &doc, eb);
	if (rc == VT_OK) {
		fz_try(ctx)
			vt_pdf_sig_fields(ctx, doc, add_sig, &c);
		fz_always(ctx)
			pdf_drop_document(ctx, doc);
		fz_catch(ctx)
			rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
			    fz_caught_message(ctx));
	}
	vt_mupdf_drop(ctx);
	if (rc != VT_OK)
		vt_verify_result_free(res);
	if (res->n > 1)
		qsort(res->sigs, res->n, sizeof *res->sigs, by_end);
	return rc;
}

/* Read LEN bytes at OFF of F into BUF (LEN may be 0). */
static int
read_at(FILE *f, long long off, size_t len, void *buf)
{
	if (len == 0)
		return 0;
	if (fseeko(f, (off_t)off, SEEK_SET) != 0)
		return -1;
	return fread(buf, 1, len, f) == len ? 0 : -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The /Contents string in the ByteRange gap: "<hex>", decoded. */
static unsigned char *
read_contents(FILE *f, const struct vt_sig_report *r, size_t *len)
{
	long long	 off = r->byte_range[1], n = r->byte_range[2] - off;
	char		*hex;
	unsigned char	*der;
	long long	 i;
	int		 hi, lo;

	if (n < 2 || n > 64 * 1024 * 1024)
		return NULL;
	hex = xmalloc((size_t)n);
	if (read_at(f, off, (size_t)n, hex) != 0 || hex[0] != '<' ||
	    hex[n - 1] != '>' || (n - 2) % 2 != 0) {
		free(hex);
		return NULL;
	}
	der = xmalloc((size_t)(n - 2) / 2 + 1);
	for (i = 1; i + 1 < n - 1; i += 2) {
		if ((hi = hexval(hex[i])) < 0 || (lo = hexval(hex[i + 1])) < 0) {
			free(hex);
			free(der);
			return NULL;
		}
		der[(i - 1) / 2] = (unsigned char)(hi << 4 | lo);
	}
	*len = (size_t)(n - 2) / 2;
	free(hex);
	return der;
}

/* The signed bytes, [0, br1) then [br2, br2 + br3), read from the file
   as OpenSSL asks for them: memory stays flat for any file size. */
struct ranges {
	FILE		*f;
	long long	 off[2], len[2];
	int		 idx;		/* the range being read */
	long long	 pos;		/* offset in it */
	int		 error;
};

static int
ranges_read(BIO *b, char *buf, size_t n, size_t *done)
{
	struct ranges	*r = BIO_get_data(b);
	size_t		 want, got;

	*done = 0;
	while (r->idx < 2 && r->pos >= r->len[r->idx]) {
		r->idx++;
		r->pos = 0;
	}
	if (r->idx >= 2 || n == 0)
		return 0;
	want = n;
	if ((long long)want > r->len[r->idx] - r->pos)
		want = (size_t)(r->len[r->idx] - r->pos);
	if (fseeko(r->f, (off_t)(r->off[r->idx] + r->pos), SEEK_SET) != 0 ||
	    (got = fread(buf, 1, want, r->f)) == 0) {
		r->error = 1;
		return 0;
	}
	r->pos += (long long)got;
	*done = got;
	return 1;
}

static long
ranges_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	struct ranges	*r = BIO_get_data(b);

	(void)num;
	(void)ptr;
	switch (cmd) {
	case BIO_CTRL_FLUSH:
		return 1;
	case BIO_CTRL_EOF:
		return r->idx >= 2;
	default:
		return 0;
	}
}

static BIO *
signed_bytes(FILE *f, const struct vt_sig_report *r, struct ranges *rg)
{
	static BIO_METHOD	*meth;
	BIO			*bio;

	if (meth == NULL) {
		meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
		    "PDF ByteRange");
		if (meth == NULL)
			return NULL;
		BIO_meth_set_read_ex(meth, ranges_read);
		BIO_meth_set_ctrl(meth, ranges_ctrl);
	}
	memset(rg, 0, sizeof *rg);
	rg->f = f;
	rg->off[0] = 0;
	rg->len[0] = r->byte_range[1];
	rg->off[1] = r->byte_range[2];
	rg->len[1] = r->byte_range[3];
	if ((bio = BIO_new(meth)) == NULL)
		return NULL;
	BIO_set_data(bio, rg);
	BIO_set_init(bio, 1);
	return bio;
}

static char *
openssl_error(const char *fallback)
{
	unsigned long	 e = ERR_peek_last_error();
	char		 buf[256];

	if (e == 0)
		return xstrdup(fallback);
	ERR_error_string_n(e, buf, sizeof buf);
	ERR_clear_error();
	return xstrdup(buf);
}

static char *
integrity_error(void)
{
	char	*detail = openssl_error("CMS_verify");
	char	*s = xasprintf(_("the signed bytes were changed or the "
		    "signature is damaged (%s)"), detail);

	free(detail);
	return s;
}

static void
check_chain(CMS_ContentInfo *cms, X509_STORE *store, struct vt_sig_report *r)
{
	STACK_OF(X509)	*signers = CMS_get0_signers(cms);
	STACK_OF(X509)	*certs = CMS_get1_certs(cms);
	X509_STORE_CTX	*sctx = X509_STORE_CTX_new();
	X509		*signer;

	if (signers == NULL || sk_X509_num(signers) != 1) {
		r->trust_error = xstrdup(_("no single signer certificate"));
		goto out;
	}
	signer = sk_X509_value(signers, 0);
	if (store == NULL) {
		r->trust_error = xstrdup(_("not checked: no trust store (give "
		    "--trust-file or set trust_file)"));
		goto out;
	}
	if (sctx == NULL || !X509_STORE_CTX_init(sctx, store, signer, certs)) {
		r->trust_error = openssl_error("X509_STORE_CTX_init");
		goto out;
	}
	X509_STORE_CTX_set_purpose(sctx, X509_PURPOSE_ANY);
	if (X509_verify_cert(sctx) == 1)
		r->trusted = 1;
	else
		r->trust_error = xstrdup(X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(sctx)));
out:
	sk_X509_free(signers);
	sk_X509_pop_free(certs, X509_free);
	X509_STORE_CTX_free(sctx);
	ERR_clear_error();
}

static void
check_one(FILE *f, X509_STORE *store, struct vt_sig_report *r,
    long long size)
{
	unsigned char		*der;
	const unsigned char	*p;
	size_t			 len = 0;
	CMS_ContentInfo		*cms = NULL;
	STACK_OF(CMS_SignerInfo) *sis;
	STACK_OF(X509)		*signers;
	X509_ALGOR		*dig = NULL;
	BIO			*data = NULL;
	struct ranges		 rg;

	r->range_ok = r->byte_range[0] == 0 && r->byte_range[1] > 0 &&
	    r->byte_range[2] > r->byte_range[1] && r->byte_range[3] >= 0 &&
	    r->end <= size;
	if (!r->range_ok || (der = read_contents(f, r, &len)) == NULL) {
		r->range_ok = 0;
		r->integrity_error = xstrdup(_("the /ByteRange does not "
		    "frame the /Contents string"));
		return;
	}
	p = der;
	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)len)) == NULL) {
		r->integrity_error = xstrdup(_("the /Contents is not a CMS "
		    "SignedData"));
		goto out;
	}
	sis = CMS_get0_SignerInfos(cms);
	if (sis != NULL && sk_CMS_SignerInfo_num(sis) > 0) {
		CMS_SignerInfo_get0_algs(sk_CMS_SignerInfo_value(sis, 0), NULL,
		    NULL, &dig, NULL);
		if (dig != NULL)
			r->digest = xstrdup(OBJ_nid2sn(OBJ_obj2nid(dig->algorithm)));
	}
	if ((data = signed_bytes(f, r, &rg)) == NULL) {
		r->integrity_error = xstrdup(_("cannot read the signed bytes"));
		goto out;
	}
	if (CMS_verify(cms, NULL, NULL, data, NULL, CMS_BINARY |
	    CMS_NO_SIGNER_CERT_VERIFY) == 1 && !rg.error &&
	    rg.idx >= 2)
		r->integrity = 1;
	else if (rg.error)
		r->integrity_error = xstrdup(_("cannot read the signed bytes"));
	else
		r->integrity_error = integrity_error();
	if ((signers = CMS_get0_signers(cms)) != NULL &&
	    sk_X509_num(signers) > 0) {
		vt_cert_info_free(&r->signer);
		vt_cert_info_get(sk_X509_value(signers, 0), &r->signer);
	}
	sk_X509_free(signers);
	if (r->integrity)
		check_chain(cms, store, r);
out:
	BIO_free(data);
	CMS_ContentInfo_free(cms);
	free(der);
	ERR_clear_error();
}

static X509_STORE *
load_store(const char *trust_file, struct vt_errbuf *eb)
{
	X509_STORE	*store = X509_STORE_new();

	if (store == NULL || !X509_STORE_load_file(store, trust_file)) {
		X509_STORE_free(store);
		ERR_clear_error();
		vt_fail(eb, VT_ERR_CONFIG, _("cannot read the trusted "
		    "certificates in %s"), trust_file);
		return NULL;
	}
	return store;
}

static void
empty_cert(struct vt_cert_info *ci)
{
	ci->subject = xstrdup("");
	ci->common_name = xstrdup("");
	ci->uid = xstrdup("");
	ci->organization = xstrdup("");
	ci->issuer = xstrdup("");
	ci->serial = xstrdup("");
	ci->not_before = xstrdup("");
	ci->not_after = xstrdup("");
	ci->key_usage = xstrdup("");
}

vt_code
vt_verify_pdf(const char *path, const char *password, const char *trust_file,
    struct vt_verify_result *res, struct vt_errbuf *eb)
{
	X509_STORE	*store = NULL;
	FILE		*f;
	size_t		 i;
	vt_code		 rc;

	memset(res, 0, sizeof *res);
	if ((f = fopen(path, "rb")) == NULL)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	if (fseeko(f, 0, SEEK_END) != 0 || (res->file_size = ftello(f)) < 0) {
		fclose(f);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (trust_file != NULL && (store = load_store(trust_file, eb)) == NULL) {
		fclose(f);
		return VT_ERR_CONFIG;
	}
	if ((rc = find_signatures(path, password, res, eb)) != VT_OK) {
		X509_STORE_free(store);
		fclose(f);
		return rc;
	}
	res->valid = res->n > 0;
	for (i = 0; i < res->n; i++) {
		struct vt_sig_report *r = &res->sigs[i];

		empty_cert(&r->signer);
		check_one(f, store, r, res->file_size);
		if (r->digest == NULL)
			r->digest = xstrdup("");
		r->bytes_after = res->file_size - r->end;
		r->later_covered = r->bytes_after == 0 ||
		    res->sigs[res->n - 1].end == res->file_size;
		r->valid = r->range_ok && r->integrity && r->trusted &&
		    r->later_covered;
		if (!r->valid)
			res->valid = 0;
	}
	if (res->n > 0 && res->sigs[res->n - 1].bytes_after != 0)
		res->valid = 0;
	X509_STORE_free(store);
	fclose(f);
	return VT_OK;
}

void
vt_verify_result_free(struct vt_verify_result *res)
{
	size_t	 i;

	for (i = 0; i < res->n; i++) {
		free(res->sigs[i].field);
		free(res->sigs[i].subfilter);
		free(res->sigs[i].digest);
		free(res->sigs[i].signing_time);
		free(res->sigs[i].integrity_error);
		free(res->sigs[i].trust_error);
		vt_cert_info_free(&res->sigs[i].signer);
	}
	free(res->sigs);
	memset(res, 0, sizeof *res);
}
