/*
 * vanthu: the long-term part of verifying a signature: its signature
 * timestamp (RFC 3161 token in the unsigned attribute
 * id-aa-signatureTimeStampToken, ETSI EN 319 122-1 5.3) and the
 * revocation status of its certificates at the time the timestamp
 * proves (ETSI EN 319 102-1 5.2.6, 5.6.2), from the DSS first; the
 * same for the certificates of the timestamp authorities (of the
 * signature timestamp, and of a document timestamp), at their
 * timestamps' times.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/cms.h>
#include <openssl/err.h>

#include "vanthu/clock.h"
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

/* Whose certificate is checked, and at which time. */
enum rev_role {
	ROLE_SIGNER_NOW,	/* a signer, now (no timestamp) */
	ROLE_SIGNER_TS,		/* a signer, at its timestamp's time */
	ROLE_TSA		/* a timestamp authority, at its
				   timestamp's time */
};

/* The sentence for the revocation RES of certificate WHO at AT. */
static char *
rev_text(const struct vt_rev_result *res, const char *who, time_t at,
    enum rev_role role)
{
	char	 when[40], t[40];

	vt_clock_show_time(at, VT_CLOCK_DATETIME_SECONDS, t, sizeof t);
	vt_clock_show_time(res->revoked_at, VT_CLOCK_DATETIME_SECONDS, when,
	    sizeof when);
	switch (res->status) {
	case VT_REV_GOOD:
		if (role == ROLE_TSA)
			return xasprintf(_("%s: not revoked at the timestamp's "
			    "time %s (from the %s)"), who, t,
			    source_text(res->source));
		return xasprintf(role == ROLE_SIGNER_TS ? _("%s: not revoked "
		    "at the signing time %s (from the %s)") : _("%s: not "
		    "revoked now, %s (from the %s)"), who, t,
		    source_text(res->source));
	case VT_REV_REVOKED_LATER:
		if (role == ROLE_TSA && vt_crl_reason_compromise(res->reason))
			return xasprintf(_("%s: REVOKED on %s, after the "
			    "timestamp's time %s, but for a reason that makes "
			    "its timestamps untrustworthy (%s; from the %s)"),
			    who, when, t, vt_crl_reason_text(res->reason),
			    source_text(res->source));
		if (role == ROLE_TSA)
			return xasprintf(_("%s: good at the timestamp's time "
			    "%s; revoked later, on %s (%s; from the %s)"), who,
			    t, when, vt_crl_reason_text(res->reason),
			    source_text(res->source));
		return xasprintf(_("%s: good at the signing time %s; revoked "
		    "later, on %s (%s; from the %s)"), who, t, when,
		    vt_crl_reason_text(res->reason), source_text(res->source));
	case VT_REV_REVOKED:
		if (role == ROLE_TSA)
			return xasprintf(_("%s: REVOKED on %s, before the "
			    "timestamp's time %s (%s; from the %s)"), who, when,
			    t, vt_crl_reason_text(res->reason),
			    source_text(res->source));
		if (role == ROLE_SIGNER_NOW)	/* no time proven: AT is now */
			return xasprintf(_("%s: REVOKED on %s, and no "
			    "timestamp proves the signature is older (%s; from "
			    "the %s)"), who, when,
			    vt_crl_reason_text(res->reason),
			    source_text(res->source));
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

/* The status RES counts as: for a timestamp authority, a revocation
   after the timestamp for a compromise is as bad as one before. */
static int
effective(const struct vt_rev_result *res, enum rev_role role)
{
	if (role == ROLE_TSA && res->status == VT_REV_REVOKED_LATER &&
	    vt_crl_reason_compromise(res->reason))
		return VT_REV_REVOKED;
	return (int)res->status;
}

/*
 * A status RES found good (or revoked later) in the file's DSS: that
 * answer predates any revocation found since, so the responder is asked
 * too (ONLINE; else the answer kept from an earlier check), and a
 * revocation it tells replaces RES (no answer: RES stands).  So a
 * signer revoked after signing reads "good at the signing time, revoked
 * later", and a timestamp authority whose key was compromised since is
 * refused.
 */
static void
recheck(X509 *c, X509 *issuer, time_t at, time_t fresh, int online,
    struct vt_rev_result *res)
{
	struct vt_rev_result	 now;

	if ((res->source != VT_REVSRC_DSS_OCSP &&
	    res->source != VT_REVSRC_DSS_CRL) ||
	    (res->status != VT_REV_GOOD && res->status != VT_REV_REVOKED_LATER))
		return;
	vt_rev_check(c, issuer, at, fresh, NULL, online, NULL, &now);
	if (now.status == VT_REV_REVOKED || (now.status ==
	    VT_REV_REVOKED_LATER && res->status == VT_REV_GOOD)) {
		free(res->detail);
		*res = now;
	} else
		free(now.detail);
}

/*
 * The revocation of each certificate of X's chain to STORE (built with
 * CERTS) at AT, from DSS then (ONLINE) the responders: the worst status
 * into *STATUS and the sentences, joined by "; ", returned (the caller
 * frees); NULL when the chain cannot be built (*STATUS untouched).
 */
static char *
chain_revocation(X509 *x, STACK_OF(X509) *certs, X509_STORE *store,
    time_t at, time_t fresh, const struct vt_vdata *dss, int online,
    enum rev_role role, int *status, time_t *revoked_at)
{
	X509_STORE_CTX		*sc = X509_STORE_CTX_new();
	STACK_OF(X509)		*chain = NULL;
	struct vt_rev_result	 res;
	struct vt_buf		 text;
	char			*line, *out = NULL, cn[256];
	int			 i, n, st, worst = -1;

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

		vt_rev_check(c, sk_X509_value(chain, i + 1), at, fresh, dss,
		    online, NULL, &res);
		recheck(c, sk_X509_value(chain, i + 1), at, fresh, online,
		    &res);
		if (X509_NAME_get_text_by_NID(X509_get_subject_name(c),
		    NID_commonName, cn, sizeof cn) < 0)
			snprintf(cn, sizeof cn, "?");
		line = rev_text(&res, cn, at, role);
		if (text.len > 0)
			vt_buf_puts(&text, "; ");
		vt_buf_puts(&text, line);
		free(line);
		st = effective(&res, role);
		if (worst < 0 || rank(st) > rank(worst))
			worst = st;
		if (st == VT_REV_REVOKED && revoked_at != NULL &&
		    *revoked_at == 0)
			*revoked_at = res.revoked_at;
		free(res.detail);
	}
out:
	if (worst >= 0) {
		*status = worst;
		out = vt_buf_steal(&text);
	} else
		vt_buf_free(&text);
	sk_X509_pop_free(chain, X509_free);
	X509_STORE_CTX_free(sc);
	ERR_clear_error();
	return out;
}

/* The certificates of DSS appended to CERTS (they help build chains). */
static void
add_dss_certs(STACK_OF(X509) *certs, const struct vt_vdata *dss)
{
	size_t	 k;

	for (k = 0; dss != NULL && k < dss->n_certs; k++) {
		const unsigned char *q = (unsigned char *)dss->certs[k].data;
		X509	*c = d2i_X509(NULL, &q, (long)dss->certs[k].len);

		if (c != NULL)
			sk_X509_push(certs, c);
	}
}

/* A copy of the certificates of a timestamp token, with DSS's. */
static STACK_OF(X509) *
tsa_pool(const struct vt_tsp_info *ti, const struct vt_vdata *dss)
{
	STACK_OF(X509)	*pool = sk_X509_new_null();
	int		 i;

	for (i = 0; ti->certs != NULL && i < sk_X509_num(ti->certs); i++) {
		X509_up_ref(sk_X509_value(ti->certs, i));
		sk_X509_push(pool, sk_X509_value(ti->certs, i));
	}
	add_dss_certs(pool, dss);
	return pool;
}

/*
 * The signature timestamp TOK (N bytes) of R, over the signature value
 * SIG: checked, then its authority's revocation at its time.  Returns
 * the time it proves, or 0 when it proves none (none, or not accepted:
 * R says why).
 */
static time_t
check_sig_timestamp(const unsigned char *tok, size_t n,
    const ASN1_OCTET_STRING *sig, X509_STORE *store,
    const struct vt_vdata *dss, int online, struct vt_sig_report *r)
{
	struct vt_tsp_info	 ti;
	STACK_OF(X509)		*pool;
	const char		*why;
	char			*alloc = NULL, when[40];
	time_t			 at = 0;
	int			 st = VT_REV_NOT_CHECKED;

	why = vt_tsp_check(tok, n, sig->data, (size_t)sig->length, store,
	    &ti, &alloc);
	if (why != NULL) {
		r->sig_timestamp = -1;
		r->sig_timestamp_error = xstrdup(why);
		goto out;
	}
	if (store != NULL) {
		pool = tsa_pool(&ti, dss);
		r->ts_revocation_text = chain_revocation(ti.tsa, pool, store,
		    ti.gen_time, ti.gen_time, dss, online, ROLE_TSA, &st,
		    NULL);
		r->ts_revocation = st;
		sk_X509_pop_free(pool, X509_free);
	}
	if (st == VT_REV_REVOKED || st == VT_REV_UNKNOWN) {
		r->sig_timestamp = -1;
		r->sig_timestamp_error = xasprintf(_("not accepted: the "
		    "timestamp authority's certificate: %s"),
		    r->ts_revocation_text);
		goto out;
	}
	r->sig_timestamp = 1;
	at = ti.gen_time;
	vt_format_vn_time(at, when, sizeof when);
	free(r->timestamp);
	r->timestamp = xstrdup(when);
out:
	free(alloc);
	vt_tsp_info_free(&ti);
	return at;
}

void
vt_verify_ltv_timestamp(const unsigned char *der, size_t len,
    X509_STORE *store, const struct vt_vdata *dss, int online,
    struct vt_sig_report *r)
{
	struct vt_tsp_info	 ti;
	STACK_OF(X509)		*pool;
	int			 st = VT_REV_NOT_CHECKED;

	memset(&ti, 0, sizeof ti);
	if (store != NULL && r->trusted && vt_tsp_parse(der, len, &ti) == 0) {
		pool = tsa_pool(&ti, dss);
		/* Its DSS predates it by construction: any age. */
		r->revocation_text = chain_revocation(ti.tsa, pool, store,
		    ti.gen_time, 0, dss, online, ROLE_TSA, &st,
		    &r->revoked_at);
		if (r->revocation_text != NULL)
			r->revocation = st;
		sk_X509_pop_free(pool, X509_free);
	}
	vt_tsp_info_free(&ti);
}

void
vt_verify_ltv(const unsigned char *der, size_t len, X509_STORE *store,
    const struct vt_vdata *dss, int online, struct vt_sig_report *r)
{
	const unsigned char	*p = der, *tok;
	CMS_ContentInfo		*cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	STACK_OF(X509)		*certs = NULL;
	CMS_SignerInfo		*si;
	X509			*x = NULL;
	size_t			 toklen = 0;
	time_t			 at = 0, when;
	int			 i, st;

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
	if ((tok = sig_timestamp(si, &toklen)) != NULL)
		at = check_sig_timestamp(tok, toklen,
		    CMS_SignerInfo_get0_signature(si), store, dss, online, r);
	add_dss_certs(certs, dss);
	if (store != NULL && r->trusted) {
		st = r->revocation;
		when = at != 0 ? at : time(NULL);
		r->revocation_text = chain_revocation(x, certs, store, when,
		    when, dss, online, at != 0 ? ROLE_SIGNER_TS :
		    ROLE_SIGNER_NOW, &st, &r->revoked_at);
		r->revocation = st;
	}
out:
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
}
