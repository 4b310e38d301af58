/*
 * vanthu: extending signed PDFs to PAdES B-LT and B-LTA (ETSI EN 319
 * 142-1 5.4): gather, for every signature and timestamp in the file,
 * the certificate chains up to the trust anchors and fresh OCSP
 * responses or CRLs for each certificate, write them into the DSS as
 * an incremental update, then (B-LTA) add a document timestamp.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ts.h>

#include "vanthu/clock.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/pades.h"
#include "vanthu/pdf-context.h"
#include "vanthu/sign-fields.h"
#include "vanthu/verify.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"
#include "ltv-impl.h"
#include "verify-impl.h"

/* A signature dictionary found in the file. */
struct sig {
	unsigned char	*contents;
	size_t		 len;
	int		 doc_ts;	/* ETSI.RFC3161 */
};

struct sigs {
	struct sig	*v;
	size_t		 n;
};

static void
collect(fz_context *ctx, pdf_obj *field, void *arg)
{
	struct sigs	*s = arg;
	pdf_obj		*v = pdf_dict_get(ctx, field, PDF_NAME(V));
	pdf_obj		*c = pdf_dict_get(ctx, v, PDF_NAME(Contents));
	const char	*sub;

	if (!pdf_is_dict(ctx, v) || !pdf_is_string(ctx, c) || s->n >= 256)
		return;
	sub = pdf_to_name(ctx, pdf_dict_get(ctx, v, PDF_NAME(SubFilter)));
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].len = pdf_to_str_len(ctx, c);
	s->v[s->n].contents = xmalloc(s->v[s->n].len + 1);
	memcpy(s->v[s->n].contents, pdf_to_str_buf(ctx, c), s->v[s->n].len);
	s->v[s->n].doc_ts = strcmp(sub, "ETSI.RFC3161") == 0;
	s->n++;
}

static void
push_idx(size_t **v, size_t *n, size_t i)
{
	size_t	 k;

	for (k = 0; k < *n; k++)
		if ((*v)[k] == i)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = i;
}

static void
add_cert(struct vt_vdata *all, struct vt_vri *vri, X509 *x)
{
	unsigned char	*der = NULL;
	int		 n = i2d_X509(x, &der);

	if (n > 0)
		push_idx(&vri->certs, &vri->n_certs, vt_vdata_add(all, 'c',
		    der, (size_t)n));
	OPENSSL_free(der);
}

static void
cert_name(X509 *x, char *out, size_t len)
{
	if (X509_NAME_get_text_by_NID(X509_get_subject_name(x),
	    NID_commonName, out, (int)len) < 0)
		snprintf(out, len, "?");
}

/* The chain of LEAF to STORE at AT, its certificates and revocation
   data into ALL and VRI.  TSA: LEAF is a timestamp authority's, whose
   revocation after AT for a compromise is refused too (its timestamps
   prove nothing then: vt_crl_reason_compromise). */
static vt_code
cover(X509 *leaf, STACK_OF(X509) *pool, X509_STORE *store, time_t at,
    int tsa, struct vt_vdata *all, struct vt_vri *vri, struct vt_errbuf *eb)
{
	X509_STORE_CTX		*sc = X509_STORE_CTX_new();
	STACK_OF(X509)		*chain = NULL;
	struct vt_vdata		 got;
	struct vt_rev_result	 res;
	char			 cn[256], when[40];
	size_t			 k;
	int			 i, n;
	vt_code			 rc = VT_OK;

	memset(&got, 0, sizeof got);
	cert_name(leaf, cn, sizeof cn);
	if (sc == NULL || !X509_STORE_CTX_init(sc, store, leaf, pool)) {
		X509_STORE_CTX_free(sc);
		return vt_fail(eb, VT_ERR_INTERNAL, "X509_STORE_CTX_init");
	}
	X509_STORE_CTX_set_time(sc, 0, at);
	if (X509_verify_cert(sc) != 1) {
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the certificate of %s "
		    "does not chain to the trusted certificates: %s"), cn,
		    X509_verify_cert_error_string(X509_STORE_CTX_get_error(
		    sc)));
		goto out;
	}
	chain = X509_STORE_CTX_get1_chain(sc);
	n = sk_X509_num(chain);
	for (i = 0; i < n; i++)
		add_cert(all, vri, sk_X509_value(chain, i));
	for (i = 0; rc == VT_OK && i + 1 < n; i++) {
		X509	*c = sk_X509_value(chain, i);

		cert_name(c, cn, sizeof cn);
		vt_rev_check(c, sk_X509_value(chain, i + 1), at, at, NULL, 1,
		    &got, &res);
		vt_clock_show_time(res.revoked_at, VT_CLOCK_DATETIME_SECONDS,
		    when, sizeof when);
		if (res.status == VT_REV_REVOKED && tsa)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the certificate "
			    "of %s was revoked on %s (%s), before its timestamp "
			    "was made"), cn, when,
			    vt_crl_reason_text(res.reason));
		else if (res.status == VT_REV_REVOKED)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the certificate "
			    "of %s was revoked on %s (%s), before the "
			    "signature was made"), cn, when,
			    vt_crl_reason_text(res.reason));
		else if (res.status == VT_REV_REVOKED_LATER && tsa &&
		    vt_crl_reason_compromise(res.reason))
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the certificate "
			    "of the timestamp authority %s was revoked on %s "
			    "(%s): its timestamps can no longer be trusted"),
			    cn, when, vt_crl_reason_text(res.reason));
		else if (res.status == VT_REV_UNKNOWN)	/* nobody answered */
			rc = vt_fail(eb, VT_ERR_STATUS_NETWORK, _("the "
			    "revocation status of %s's certificate cannot be "
			    "found: %s"),
			    cn, res.detail != NULL ? res.detail : "");
		else if (res.status == VT_REV_NOT_CHECKED)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the certificate "
			    "of %s names no OCSP responder and no CRL: there "
			    "is no revocation data to keep"), cn);
		free(res.detail);
	}
	for (k = 0; k < got.n_ocsps; k++)
		push_idx(&vri->ocsps, &vri->n_ocsps, vt_vdata_add(all, 'o',
		    got.ocsps[k].data, got.ocsps[k].len));
	for (k = 0; k < got.n_crls; k++)
		push_idx(&vri->crls, &vri->n_crls, vt_vdata_add(all, 'r',
		    got.crls[k].data, got.crls[k].len));
out:
	vt_vdata_free(&got);
	sk_X509_pop_free(chain, X509_free);
	X509_STORE_CTX_free(sc);
	ERR_clear_error();
	return rc;
}

/* A timestamp token's TSA certificate and time; 0 when unusable. */
static int
token_tsa(const unsigned char *der, size_t len, X509 **tsa,
    STACK_OF(X509) *pool, time_t *at)
{
	const unsigned char	*p = der;
	CMS_ContentInfo		*cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	STACK_OF(X509)		*certs;
	CMS_SignerInfo		*si;
	ASN1_OCTET_STRING	**pos;
	TS_TST_INFO		*tst;
	struct tm		 tm;
	int			 i;

	*tsa = NULL;
	if (cms == NULL || sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms))
	    != 1) {
		CMS_ContentInfo_free(cms);
		return 0;
	}
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	certs = CMS_get1_certs(cms);
	for (i = 0; i < sk_X509_num(certs); i++) {
		X509 *c = sk_X509_value(certs, i);

		X509_up_ref(c);
		sk_X509_push(pool, c);
		if (*tsa == NULL && CMS_SignerInfo_cert_cmp(si, c) == 0) {
			X509_up_ref(c);
			*tsa = c;
		}
	}
	sk_X509_pop_free(certs, X509_free);
	if ((pos = CMS_get0_content(cms)) != NULL && *pos != NULL) {
		p = (*pos)->data;
		if ((tst = d2i_TS_TST_INFO(NULL, &p, (*pos)->length)) != NULL) {
			if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm))
				*at = timegm(&tm);
			TS_TST_INFO_free(tst);
		}
	}
	CMS_ContentInfo_free(cms);
	return *tsa != NULL;
}

/* Everything signature S needs, into ALL and VRI. */
static vt_code
cover_sig(const struct sig *s, X509_STORE *store, struct vt_vdata *all,
    struct vt_vri *vri, struct vt_errbuf *eb)
{
	const unsigned char	*p = s->contents;
	CMS_ContentInfo		*cms = NULL;
	STACK_OF(X509)		*pool = sk_X509_new_null(), *certs;
	CMS_SignerInfo		*si;
	X509			*signer = NULL, *tsa = NULL;
	X509_ATTRIBUTE		*a;
	ASN1_TYPE		*t;
	time_t			 at = time(NULL);
	int			 i, k;
	vt_code			 rc = VT_OK;

	vt_vri_key(s->contents, s->len, vri->key);
	if (s->doc_ts) {
		if (token_tsa(s->contents, s->len, &tsa, pool, &at))
			rc = cover(tsa, pool, store, at, 1, all, vri, eb);
		goto out;
	}
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)s->len);
	if (cms == NULL || sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms))
	    != 1) {
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("a signature's /Contents "
		    "is not a CMS SignedData"));
		goto out;
	}
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	certs = CMS_get1_certs(cms);
	for (i = 0; i < sk_X509_num(certs); i++) {
		X509_up_ref(sk_X509_value(certs, i));
		sk_X509_push(pool, sk_X509_value(certs, i));
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
			signer = sk_X509_value(certs, i);
	}
	sk_X509_pop_free(certs, X509_free);
	if (signer == NULL) {
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("a signature does not "
		    "carry its signer's certificate"));
		goto out;
	}
	k = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken,
	    -1);
	if (k >= 0 && (a = CMS_unsigned_get_attr(si, k)) != NULL &&
	    (t = X509_ATTRIBUTE_get0_type(a, 0)) != NULL &&
	    t->type == V_ASN1_SEQUENCE &&
	    token_tsa(t->value.sequence->data,
	    (size_t)t->value.sequence->length, &tsa, pool, &at))
		rc = cover(tsa, pool, store, at, 1, all, vri, eb);
	if (rc == VT_OK)
		rc = cover(signer, pool, store, at, 0, all, vri, eb);
out:
	X509_free(tsa);
	sk_X509_pop_free(pool, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return rc;
}

static X509_STORE *
load_store(const char *file, struct vt_errbuf *eb)
{
	X509_STORE	*st = X509_STORE_new();

	if (file == NULL) {
		X509_STORE_free(st);
		vt_fail(eb, VT_ERR_CONFIG, _("set trust_file (or give "
		    "--trust-file): the chains kept in the document end at "
		    "the trusted certificates"));
		return NULL;
	}
	if (st == NULL || X509_STORE_load_file(st, file) != 1) {
		X509_STORE_free(st);
		ERR_clear_error();
		vt_fail(eb, VT_ERR_CONFIG, _("cannot read the trusted "
		    "certificates in %s"), file);
		return NULL;
	}
	return st;
}

/* The signature dictionaries of DOC's form into S. */
static vt_code
collect_sigs(fz_context *ctx, pdf_document *doc, struct sigs *s,
    struct vt_errbuf *eb)
{
	fz_try(ctx)
		vt_pdf_sig_fields(ctx, doc, collect, s);
	fz_catch(ctx)
		return vt_fail(eb, VT_ERR_PDF, "%s", fz_caught_message(ctx));
	return VT_OK;
}

/* Write the DSS into DOC and save it incrementally to TMP. */
static vt_code
save_dss(fz_context *ctx, pdf_document *doc, const struct vt_vdata *all,
    const struct vt_vdata *old, const struct vt_vri *vri, size_t n,
    const char *tmp, struct vt_errbuf *eb)
{
	pdf_write_options	 opts = pdf_default_write_options;
	vt_code			 rc = VT_OK;

	opts.do_incremental = 1;
	opts.do_compress = 1;
	fz_try(ctx) {
		vt_dss_write(ctx, doc, all, old, vri, n);
		pdf_save_document(ctx, doc, tmp, &opts);
	}
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_PDF, "%s", fz_caught_message(ctx));
	return rc;
}

/* The DSS update of DOC into the empty file TMP. */
static vt_code
write_dss(fz_context *ctx, pdf_document *doc, X509_STORE *store,
    const char *tmp, struct vt_errbuf *eb)
{
	struct sigs		 s = { NULL, 0 };
	struct vt_vdata		 old, all;
	struct vt_vri		*vri = NULL;
	size_t			 i, k;
	vt_code			 rc = VT_OK;

	memset(&old, 0, sizeof old);
	memset(&all, 0, sizeof all);
	if (collect_sigs(ctx, doc, &s, eb) != VT_OK)
		return VT_ERR_PDF;
	if (s.n == 0) {
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the document holds no "
		    "signature to keep validation data for"));
		goto out;
	}
	vt_dss_read(ctx, doc, &old);
	for (k = 0; k < old.n_certs; k++)
		vt_vdata_add(&all, 'c', old.certs[k].data, old.certs[k].len);
	for (k = 0; k < old.n_ocsps; k++)
		vt_vdata_add(&all, 'o', old.ocsps[k].data, old.ocsps[k].len);
	for (k = 0; k < old.n_crls; k++)
		vt_vdata_add(&all, 'r', old.crls[k].data, old.crls[k].len);
	/* Duplicates inside the old DSS shrink ALL: then add nothing old
	   again but count it as ALL has it. */
	old.n_certs = all.n_certs;
	old.n_ocsps = all.n_ocsps;
	old.n_crls = all.n_crls;
	vri = xcalloc(s.n, sizeof *vri);
	for (i = 0; rc == VT_OK && i < s.n; i++)
		rc = cover_sig(&s.v[i], store, &all, &vri[i], eb);
	if (rc != VT_OK)
		goto out;
	rc = save_dss(ctx, doc, &all, &old, vri, s.n, tmp, eb);
out:
	for (i = 0; i < s.n; i++) {
		free(s.v[i].contents);
		if (vri != NULL) {
			free(vri[i].certs);
			free(vri[i].ocsps);
			free(vri[i].crls);
		}
	}
	free(s.v);
	free(vri);
	vt_vdata_free(&old);
	vt_vdata_free(&all);
	return rc;
}

static vt_code
open_doc(fz_context *ctx, const char *path, const char *password,
    const char *name, pdf_document **doc, struct vt_errbuf *eb)
{
	vt_code	 rc;

	rc = vt_mupdf_open(ctx, path, NULL, 0, password, name, doc, eb);
	if (rc == VT_OK && (rc = vt_mupdf_check_repaired(ctx, *doc, name,
	    eb)) != VT_OK) {
		pdf_drop_document(ctx, *doc);
		*doc = NULL;
	}
	return rc;
}

/*
 * Validation data makes a signature last; it cannot mend one.  Every
 * signature of O->in must cover its bytes (ByteRange, digest, a
 * signature timestamp whose token verifies) and allow what came after
 * it, as vt_verify_pdf finds (offline: revocation, the signers' and the
 * timestamp authorities', is cover()'s).  Otherwise
 * VT_ERR_SIGNATURE naming the signature, and nothing is written.
 */
static vt_code
check_intact(const struct vt_extend_opts *o, struct vt_errbuf *eb)
{
	struct vt_verify_result		 res;
	const struct vt_sig_report	*r;
	const char			*why;
	size_t				 i;
	vt_code				 rc;

	if ((rc = vt_verify_pdf_ex(o->in, o->password, o->trust_file, 1,
	    &res, eb)) != VT_OK)
		return rc;
	for (i = 0; rc == VT_OK && i < res.n; i++) {
		r = &res.sigs[i];
		why = r->anomaly != NULL ? r->anomaly : r->integrity_error;
		if (!r->range_ok || !r->integrity)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("signature %zu "
			    "does not match the document (%s): validation "
			    "data would not make it valid; nothing was "
			    "written"), i + 1, why != NULL ? why : "?");
		else if (r->sig_timestamp < 0 &&
		    r->ts_revocation != VT_REV_REVOKED &&
		    r->ts_revocation != VT_REV_UNKNOWN)	/* cover()'s */
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the timestamp "
			    "of signature %zu does not verify (%s); nothing "
			    "was written"), i + 1, r->sig_timestamp_error !=
			    NULL ? r->sig_timestamp_error : "?");
		else if (!r->later_covered)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the document "
			    "was changed after signature %zu in a way the "
			    "signature does not allow; nothing was written"),
			    i + 1);
	}
	vt_verify_result_free(&res);
	return rc;
}

vt_code
vt_ltv_extend(const struct vt_extend_opts *o, struct vt_errbuf *eb)
{
	X509_STORE	*store;
	fz_context	*ctx;
	pdf_document	*doc = NULL;
	char		*t1 = NULL, *t2 = NULL;
	vt_code		 rc;

	if (o->level == VT_LEVEL_BLTA && (o->tsa.url == NULL ||
	    *o->tsa.url == '\0'))
		return vt_fail(eb, VT_ERR_CONFIG, _("B-LTA needs a timestamp "
		    "authority: set tsa_url"));
	if ((store = load_store(o->trust_file, eb)) == NULL)
		return VT_ERR_CONFIG;
	if ((ctx = vt_mupdf_new(eb)) == NULL) {
		X509_STORE_free(store);
		return VT_ERR_INTERNAL;
	}
	if ((rc = open_doc(ctx, o->in, o->password, o->in, &doc, eb)) !=
	    VT_OK || (rc = check_intact(o, eb)) != VT_OK)
		goto out;
	if ((rc = vt_file_temp_beside(o->out, &t1, eb)) != VT_OK)
		goto out;
	if ((rc = write_dss(ctx, doc, store, t1, eb)) != VT_OK)
		goto out;
	pdf_drop_document(ctx, doc);
	doc = NULL;
	if (o->level == VT_LEVEL_BLTA) {
		if ((rc = open_doc(ctx, t1, o->password, o->in, &doc, eb)) !=
		    VT_OK)
			goto out;
		if ((rc = vt_file_temp_beside(o->out, &t2, eb)) != VT_OK)
			goto out;
		if ((rc = vt_doctime_add(ctx, doc, t2, &o->tsa, eb)) != VT_OK)
			goto out;
		unlink(t1);
		vt_tmp_guard_forget(t1);
		free(t1);
		t1 = t2;
		t2 = NULL;
	}
	if (rename(t1, o->out) != 0)
		rc = vt_fail(eb, VT_ERR_IO, "%s: %s", o->out, strerror(errno));
	else {
		vt_tmp_guard_forget(t1);
		free(t1);
		t1 = NULL;
	}
out:
	if (t1 != NULL)
		unlink(t1);
	if (t2 != NULL)
		unlink(t2);
	vt_tmp_guard_forget(t1);
	vt_tmp_guard_forget(t2);
	free(t1);
	free(t2);
	pdf_drop_document(ctx, doc);
	vt_mupdf_drop(ctx);
	X509_STORE_free(store);
	return rc;
}
