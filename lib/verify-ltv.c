/*
 * vanthu: the long-term part of verifying a signature: its signature
 * timestamp (RFC 3161 token in the unsigned attribute
 * id-aa-signatureTimeStampToken, ETSI EN 319 122-1 5.3) and the
 * revocation status of its certificates at the time the timestamp
 * proves (ETSI EN 319 102-1 5.2.6, 5.6.2), from the DSS first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/cms.h>
#include <openssl/err.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/pades.h"
#include "vanthu/xmalloc.h"
#include "verify-impl.h"

/* The signature timestamp token of SI (DER inside the attribute), or
   NULL; *N its length. */
static const unsigned char *
sig_timestamp(CMS_SignerInfo *si, size_t *n)
{
	int		 i = CMS_unsigned_get_attr_by_NID(si,
			    NID_id_smime_aa_timeStampToken, -1);
	X509_ATTRIBUTE	*a;
	ASN1_TYPE	*t;

	if (i < 0 || (a = CMS_unsigned_get_attr(si, i)) == NULL ||
	    (t = X509_ATTRIBUTE_get0_type(a, 0)) == NULL ||
	    t->type != V_ASN1_SEQUENCE)
		return NULL;
	*n = (size_t)t->value.sequence->length;
	return t->value.sequence->data;
}

static const char *
source_text(enum vt_rev_source s)
{
	switch (s) {
	case VT_REVSRC_DSS_OCSP:	return _("OCSP response in the file");
	case VT_REVSRC_DSS_CRL:		return _("CRL in the file");
	case VT_REVSRC_OCSP:		return _("OCSP responder");
	case VT_REVSRC_CRL:		return _("CRL");
	case VT_REVSRC_OCSP_KEPT:	return _("OCSP response kept from an "
					    "earlier check");
	case VT_REVSRC_CRL_KEPT:	return _("CRL kept from an earlier "
					    "check");
	default:			return "";
	}
}

/* Rank of a status: the worst of a chain wins. */
static int
rank(int st)
{
	static const int r[] = { 1, 0, 4, 2, 3 };

	return st >= 0 && st <= VT_REV_UNKNOWN ? r[st] : 0;
}

/* R's revocation sentence for certificate X (NAME) and RES at AT. */
static char *
rev_text(const struct vt_rev_result *res, const char *who, time_t at,
    int has_ts)
{
	char	 when[40], t[40];

	vt_format_vn_time(at, t, sizeof t);
	switch (res->status) {
	case VT_REV_GOOD:
		return xasprintf(has_ts ? _("%s: not revoked at the signing "
		    "time %s (from the %s)") : _("%s: not revoked now, %s "
		    "(from the %s)"), who, t, source_text(res->source));
	case VT_REV_REVOKED_LATER:
		vt_format_vn_time(res->revoked_at, when, sizeof when);
		return xasprintf(_("%s: good at the signing time %s; revoked "
		    "later, on %s (%s; from the %s)"), who, t, when,
		    vt_crl_reason_text(res->reason), source_text(res->source));
	case VT_REV_REVOKED:
		vt_format_vn_time(res->revoked_at, when, sizeof when);
		return xasprintf(_("%s: REVOKED on %s, before %s (%s; from the "
		    "%s)"), who, when, t, vt_crl_reason_text(res->reason),
		    source_text(res->source));
	case VT_REV_UNKNOWN:
		return xasprintf(_("%s: revocation status UNKNOWN: %s"), who,
		    res->detail != NULL ? res->detail : "");
	default:
		return xasprintf(_("%s: revocation not checked: the "
		    "certificate names no OCSP responder and no CRL"), who);
	}
}

/* The revocation of each certificate of X's chain at AT. */
static void
check_revocation(X509 *x, STACK_OF(X509) *certs, X509_STORE *store,
    time_t at, const struct vt_vdata *dss, int online, int has_ts,
    struct vt_sig_report *r)
{
	X509_STORE_CTX		*sc = X509_STORE_CTX_new();
	STACK_OF(X509)		*chain = NULL;
	struct vt_rev_result	 res;
	struct vt_buf		 text;
	char			*line, cn[256];
	int			 i, n, worst = -1;

	vt_buf_init(&text);
	if (sc == NULL || !X509_STORE_CTX_init(sc, store, x, certs))
		goto out;
	X509_STORE_CTX_set_time(sc, 0, at);
	if (X509_verify_cert(sc) != 1)
		goto out;
	chain = X509_STORE_CTX_get1_chain(sc);
	n = sk_X509_num(chain);
	for (i = 0; i + 1 < n; i++) {
		X509	*c = sk_X509_value(chain, i);

		vt_rev_check(c, sk_X509_value(chain, i + 1), at, dss, online,
		    NULL, &res);
		if (X509_NAME_get_text_by_NID(X509_get_subject_name(c),
		    NID_commonName, cn, sizeof cn) < 0)
			snprintf(cn, sizeof cn, "?");
		line = rev_text(&res, cn, at, has_ts);
		if (text.len > 0)
			vt_buf_puts(&text, "; ");
		vt_buf_puts(&text, line);
		free(line);
		if (worst < 0 || rank((int)res.status) > rank(worst))
			worst = (int)res.status;
		free(res.detail);
	}
out:
	if (worst >= 0) {
		r->revocation = worst;
		r->revocation_text = vt_buf_steal(&text);
	} else
		vt_buf_free(&text);
	sk_X509_pop_free(chain, X509_free);
	X509_STORE_CTX_free(sc);
	ERR_clear_error();
}

void
vt_verify_ltv(const unsigned char *der, size_t len, X509_STORE *store,
    const struct vt_vdata *dss, int online, struct vt_sig_report *r)
{
	const unsigned char	*p = der, *tok;
	CMS_ContentInfo		*cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	STACK_OF(X509)		*certs = NULL;
	CMS_SignerInfo		*si;
	ASN1_OCTET_STRING	*sig;
	struct vt_tsp_info	 ti;
	X509			*x = NULL;
	const char		*why;
	char			*alloc = NULL, when[40];
	size_t			 toklen = 0, k;
	time_t			 at = time(NULL);
	int			 i;

	if (cms == NULL || sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms))
	    != 1)
		goto out;
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	certs = CMS_get1_certs(cms);
	if (certs == NULL)
		certs = sk_X509_new_null();
	for (i = 0; i < sk_X509_num(certs); i++)
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
			x = sk_X509_value(certs, i);
	if (x == NULL)
		goto out;
	if ((tok = sig_timestamp(si, &toklen)) != NULL) {
		sig = CMS_SignerInfo_get0_signature(si);
		why = vt_tsp_check(tok, toklen, sig->data, (size_t)sig->length,
		    store, &ti, &alloc);
		if (why == NULL) {
			r->sig_timestamp = 1;
			at = ti.gen_time;
			vt_format_vn_time(at, when, sizeof when);
			free(r->timestamp);
			r->timestamp = xstrdup(when);
		} else {
			r->sig_timestamp = -1;
			r->sig_timestamp_error = xstrdup(why);
		}
		free(alloc);
		vt_tsp_info_free(&ti);
	}
	/* Certificates of the DSS help build the chain. */
	for (k = 0; dss != NULL && k < dss->n_certs; k++) {
		const unsigned char *q = (unsigned char *)dss->certs[k].data;
		X509	*c = d2i_X509(NULL, &q, (long)dss->certs[k].len);

		if (c != NULL)
			sk_X509_push(certs, c);
	}
	if (store != NULL && r->trusted)
		check_revocation(x, certs, store, at, dss, online,
		    r->sig_timestamp == 1, r);
out:
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
}
