/*
 * vanthu: is a certificate revoked?  OCSP (RFC 6960) with CRLs (RFC
 * 5280 section 5) as the fallback, from the validation data a PDF
 * carries (its DSS) first and then, when allowed, online from the
 * addresses the certificate names (authorityInfoAccess id-ad-ocsp,
 * cRLDistributionPoints).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"
#include "ltv-impl.h"

void
vt_vdata_free(struct vt_vdata *v)
{
	size_t	 i;

	for (i = 0; i < v->n_certs; i++)
		vt_buf_free(&v->certs[i]);
	for (i = 0; i < v->n_ocsps; i++)
		vt_buf_free(&v->ocsps[i]);
	for (i = 0; i < v->n_crls; i++)
		vt_buf_free(&v->crls[i]);
	free(v->certs);
	free(v->ocsps);
	free(v->crls);
	memset(v, 0, sizeof *v);
}

size_t
vt_vdata_add(struct vt_vdata *v, int which, const void *der, size_t len)
{
	struct vt_buf	**arr = which == 'c' ? &v->certs : which == 'o' ?
			    &v->ocsps : &v->crls;
	size_t		 *n = which == 'c' ? &v->n_certs : which == 'o' ?
			    &v->n_ocsps : &v->n_crls;
	size_t		  i;

	for (i = 0; i < *n; i++)
		if ((*arr)[i].len == len && memcmp((*arr)[i].data, der, len)
		    == 0)
			return i;
	*arr = xreallocarray(*arr, *n + 1, sizeof **arr);
	vt_buf_init(&(*arr)[*n]);
	vt_buf_add(&(*arr)[*n], der, len);
	return (*n)++;
}

int
vt_crl_reason_compromise(int reason)
{
	return reason < 0 || reason == OCSP_REVOKED_STATUS_NOSTATUS ||
	    reason == OCSP_REVOKED_STATUS_UNSPECIFIED ||
	    reason == OCSP_REVOKED_STATUS_KEYCOMPROMISE ||
	    reason == OCSP_REVOKED_STATUS_CACOMPROMISE ||
	    reason == OCSP_REVOKED_STATUS_AACOMPROMISE;
}

const char *
vt_crl_reason_text(int reason)
{
	switch (reason) {
	case OCSP_REVOKED_STATUS_KEYCOMPROMISE:
		return _("the key was compromised");
	case OCSP_REVOKED_STATUS_CACOMPROMISE:
		return _("the certification authority was compromised");
	case OCSP_REVOKED_STATUS_AFFILIATIONCHANGED:
		return _("the holder's affiliation changed");
	case OCSP_REVOKED_STATUS_SUPERSEDED:
		return _("the certificate was replaced");
	case OCSP_REVOKED_STATUS_CESSATIONOFOPERATION:
		return _("the holder ceased operation");
	case OCSP_REVOKED_STATUS_CERTIFICATEHOLD:
		return _("the certificate is on hold");
	case OCSP_REVOKED_STATUS_REMOVEFROMCRL:
		return _("removed from the list");
	case OCSP_REVOKED_STATUS_PRIVILEGEWITHDRAWN:
		return _("the privilege was withdrawn");
	case OCSP_REVOKED_STATUS_AACOMPROMISE:
		return _("the attribute authority was compromised");
	default:
		return _("no reason given");
	}
}

static time_t
to_time(const ASN1_TIME *t)
{
	struct tm	 tm;

	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return timegm(&tm);
}

/* Record a definite answer in RES; returns 1. */
static int
settle(struct vt_rev_result *res, int revoked, time_t when, int reason,
    time_t at, enum vt_rev_source src)
{
	res->source = src;
	if (!revoked) {
		res->status = VT_REV_GOOD;
		return 1;
	}
	res->revoked_at = when;
	res->reason = reason;
	res->status = when <= at ? VT_REV_REVOKED : VT_REV_REVOKED_LATER;
	return 1;
}

/*
 * A "good" answer issued at ISSUED (thisUpdate) before the time it is
 * asked about says nothing of that time: the certificate may have been
 * revoked in between.  Only an answer issued at FRESH or later counts
 * (ETSI EN 319 102-1 5.2.5, freshness of revocation data); a "revoked"
 * answer tells its own date whenever it was issued.  Notes why in RES's
 * detail.
 */
static int
too_old(time_t issued, time_t fresh, struct vt_rev_result *res)
{
	if (issued >= fresh)
		return 0;
	free(res->detail);
	res->detail = xstrdup(_("the revocation data at hand was issued "
	    "before the signing time, so it cannot show the certificate was "
	    "good then"));
	return 1;
}

/* An OCSP response DER about CERT: 1 and RES settled when it gives a
   signed answer about CERT that holds at AT, 0 otherwise. */
static int
from_ocsp(const unsigned char *der, size_t len, X509 *cert, X509 *issuer,
    time_t at, time_t fresh, enum vt_rev_source src,
    struct vt_rev_result *res)
{
	const unsigned char	*p = der;
	OCSP_RESPONSE		*resp = d2i_OCSP_RESPONSE(NULL, &p, (long)len);
	OCSP_BASICRESP		*bs = NULL;
	OCSP_CERTID		*id = NULL;
	X509_STORE		*store = NULL;
	STACK_OF(X509)		*extra = NULL;
	ASN1_GENERALIZEDTIME	*rev = NULL, *thisupd = NULL, *nextupd = NULL;
	int			 status, reason = -1, done = 0;

	if (resp == NULL || OCSP_response_status(resp) !=
	    OCSP_RESPONSE_STATUS_SUCCESSFUL ||
	    (bs = OCSP_response_get1_basic(resp)) == NULL ||
	    (id = OCSP_cert_to_id(NULL, cert, issuer)) == NULL ||
	    OCSP_resp_find_status(bs, id, &status, &reason, &rev, &thisupd,
	    &nextupd) != 1)
		goto out;
	/* Signed by the issuer or a responder it delegated. */
	store = X509_STORE_new();
	X509_STORE_add_cert(store, issuer);
	X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN |
	    X509_V_FLAG_NO_CHECK_TIME);
	extra = sk_X509_new_null();
	sk_X509_push(extra, issuer);
	if (OCSP_basic_verify(bs, extra, store, 0) != 1)
		goto out;
	if (status == V_OCSP_CERTSTATUS_GOOD &&
	    !too_old(to_time(thisupd), fresh, res))
		done = settle(res, 0, 0, -1, at, src);
	else if (status == V_OCSP_CERTSTATUS_REVOKED)
		done = settle(res, 1, to_time(rev), reason, at, src);
out:
	sk_X509_free(extra);
	X509_STORE_free(store);
	OCSP_CERTID_free(id);
	OCSP_BASICRESP_free(bs);
	OCSP_RESPONSE_free(resp);
	ERR_clear_error();
	return done;
}

/* A CRL (DER, or PEM) of CERT's issuer: 1 and RES settled when ISSUER
   signed it and it covers CERT (not listing CERT: when issued at FRESH
   or later). */
static int
from_crl(const unsigned char *der, size_t len, X509 *cert, X509 *issuer,
    time_t at, time_t fresh, enum vt_rev_source src,
    struct vt_rev_result *res)
{
	const unsigned char	*p = der;
	X509_CRL		*crl = d2i_X509_CRL(NULL, &p, (long)len);
	X509_REVOKED		*rv = NULL;
	ASN1_ENUMERATED		*code;
	int			 done = 0, reason = -1;

	if (crl == NULL) {
		BIO	*b = BIO_new_mem_buf(der, (int)len);

		crl = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL);
		BIO_free(b);
	}
	if (crl == NULL || X509_NAME_cmp(X509_CRL_get_issuer(crl),
	    X509_get_issuer_name(cert)) != 0 ||
	    X509_CRL_verify(crl, X509_get0_pubkey(issuer)) != 1)
		goto out;
	if (X509_CRL_get0_by_cert(crl, &rv, cert) == 1 && rv != NULL) {
		if ((code = X509_REVOKED_get_ext_d2i(rv, NID_crl_reason, NULL,
		    NULL)) != NULL) {
			reason = (int)ASN1_ENUMERATED_get(code);
			ASN1_ENUMERATED_free(code);
		}
		done = settle(res, 1, to_time(X509_REVOKED_get0_revocationDate(
		    rv)), reason, at, src);
	} else if (!too_old(to_time(X509_CRL_get0_lastUpdate(crl)), fresh,
	    res))
		done = settle(res, 0, 0, -1, at, src);
out:
	X509_CRL_free(crl);
	ERR_clear_error();
	return done;
}

static void
note(struct vt_rev_result *res, struct vt_errbuf *eb)
{
	free(res->detail);
	res->detail = xstrdup(eb->detail);
}

/* One OCSP request Q (N bytes) to URL; the answer in BODY. */
static int
fetch_ocsp(const char *url, const unsigned char *q, size_t n, X509 *cert,
    X509 *issuer, time_t at, time_t fresh, struct vt_vdata *fetched,
    struct vt_rev_result *res, struct vt_buf *body, int *tried)
{
	struct vt_errbuf	 eb;
	int			 done;

	memset(&eb, 0, sizeof eb);
	(*tried)++;
	if (vt_ltv_fetch(VT_SVC_OCSP, url, "application/ocsp-request", q, n,
	    NULL, NULL, body, &eb) != VT_OK) {
		note(res, &eb);
		return 0;
	}
	if ((done = from_ocsp((unsigned char *)body->data, body->len, cert,
	    issuer, at, fresh, VT_REVSRC_OCSP, res))) {
		vt_rev_cache_put(url, q, n, body);
		if (fetched != NULL)
			vt_vdata_add(fetched, 'o', body->data, body->len);
	} else {
		free(res->detail);
		res->detail = xasprintf(_("the OCSP responder %s gave no "
		    "usable answer"), url);
	}
	return done;
}

/* Ask the OCSP responders CERT names (ONLINE), else use the answer
   kept from an earlier check (only when not gathering, FETCHED NULL). */
static int
ask_ocsp(X509 *cert, X509 *issuer, time_t at, time_t fresh, int online,
    struct vt_vdata *fetched, struct vt_rev_result *res, int *tried)
{
	STACK_OF(OPENSSL_STRING) *urls = X509_get1_ocsp(cert);
	OCSP_REQUEST		*req = NULL;
	OCSP_CERTID		*id;
	unsigned char		*q = NULL;
	struct vt_buf		 body;
	int			 i, n = 0, done = 0;

	if (urls == NULL || sk_OPENSSL_STRING_num(urls) == 0)
		goto out;
	if ((req = OCSP_REQUEST_new()) == NULL ||
	    (id = OCSP_cert_to_id(NULL, cert, issuer)) == NULL ||
	    OCSP_request_add0_id(req, id) == NULL ||
	    (n = i2d_OCSP_REQUEST(req, &q)) <= 0)
		goto out;
	for (i = 0; !done && i < sk_OPENSSL_STRING_num(urls); i++) {
		const char *url = sk_OPENSSL_STRING_value(urls, i);

		vt_buf_init(&body);
		if (online)
			done = fetch_ocsp(url, q, (size_t)n, cert, issuer, at,
			    fresh, fetched, res, &body, tried);
		vt_buf_reset(&body);
		if (!done && fetched == NULL && vt_rev_cache_get(url, q,
		    (size_t)n, &body))
			done = from_ocsp((unsigned char *)body.data, body.len,
			    cert, issuer, at, fresh, VT_REVSRC_OCSP_KEPT, res);
		vt_buf_free(&body);
	}
out:
	OPENSSL_free(q);
	OCSP_REQUEST_free(req);
	X509_email_free(urls);
	ERR_clear_error();
	return done;
}

/* Fetch the CRLs CERT names (ONLINE), else use kept ones as
   ask_ocsp(). */
static int
ask_crl(X509 *cert, X509 *issuer, time_t at, time_t fresh, int online,
    struct vt_vdata *fetched, struct vt_rev_result *res, int *tried)
{
	STACK_OF(DIST_POINT)	*dps = X509_get_ext_d2i(cert,
				    NID_crl_distribution_points, NULL, NULL);
	struct vt_errbuf	 eb;
	struct vt_buf		 body;
	int			 i, k, done = 0;

	for (i = 0; !done && i < sk_DIST_POINT_num(dps); i++) {
		DIST_POINT	*dp = sk_DIST_POINT_value(dps, i);
		GENERAL_NAMES	*names;

		if (dp->distpoint == NULL || dp->distpoint->type != 0)
			continue;
		names = dp->distpoint->name.fullname;
		for (k = 0; !done && k < sk_GENERAL_NAME_num(names); k++) {
			GENERAL_NAME	*gn = sk_GENERAL_NAME_value(names, k);
			char		*url;

			if (gn->type != GEN_URI)
				continue;
			url = xasprintf("%.*s", gn->d.ia5->length,
			    (const char *)gn->d.ia5->data);
			memset(&eb, 0, sizeof eb);
			vt_buf_init(&body);
			if (online && ((*tried)++, vt_ltv_fetch(VT_SVC_CRL,
			    url, NULL, NULL, 0, NULL, NULL, &body, &eb)) !=
			    VT_OK)
				note(res, &eb);
			else if (online && (done = from_crl((unsigned char *)
			    body.data, body.len, cert, issuer, at, fresh,
			    VT_REVSRC_CRL, res))) {
				vt_rev_cache_put(url, NULL, 0, &body);
				if (fetched != NULL)
					vt_vdata_add(fetched, 'r', body.data,
					    body.len);
			}
			vt_buf_reset(&body);
			if (!done && fetched == NULL && vt_rev_cache_get(url,
			    NULL, 0, &body))
				done = from_crl((unsigned char *)body.data,
				    body.len, cert, issuer, at, fresh,
				    VT_REVSRC_CRL_KEPT, res);
			vt_buf_free(&body);
			free(url);
		}
	}
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	return done;
}

void
vt_rev_check(X509 *cert, X509 *issuer, time_t at, time_t fresh,
    const struct vt_vdata *dss, int online, struct vt_vdata *fetched,
    struct vt_rev_result *res)
{
	size_t		 i;
	int		 tried = 0, pass;
	STACK_OF(OPENSSL_STRING) *urls;
	STACK_OF(DIST_POINT) *dps;

	memset(res, 0, sizeof *res);
	res->reason = -1;
	/* A DSS extended more than once may hold a "good" answer and a
	   later "revoked" one: the revocation is told first. */
	for (pass = 0; dss != NULL && pass < 2; pass++) {
		for (i = 0; i < dss->n_ocsps; i++)
			if (from_ocsp((unsigned char *)dss->ocsps[i].data,
			    dss->ocsps[i].len, cert, issuer, at, fresh,
			    VT_REVSRC_DSS_OCSP, res) &&
			    (pass == 1 || res->status != VT_REV_GOOD))
				return;
		for (i = 0; i < dss->n_crls; i++)
			if (from_crl((unsigned char *)dss->crls[i].data,
			    dss->crls[i].len, cert, issuer, at, fresh,
			    VT_REVSRC_DSS_CRL, res) &&
			    (pass == 1 || res->status != VT_REV_GOOD))
				return;
	}
	if (ask_ocsp(cert, issuer, at, fresh, online, fetched, res, &tried) ||
	    ask_crl(cert, issuer, at, fresh, online, fetched, res, &tried))
		return;
	urls = X509_get1_ocsp(cert);
	dps = X509_get_ext_d2i(cert, NID_crl_distribution_points, NULL, NULL);
	res->status = (urls == NULL || sk_OPENSSL_STRING_num(urls) == 0) &&
	    sk_DIST_POINT_num(dps) <= 0 ? VT_REV_NOT_CHECKED : VT_REV_UNKNOWN;
	X509_email_free(urls);
	sk_DIST_POINT_pop_free(dps, DIST_POINT_free);
	if (res->status == VT_REV_UNKNOWN && res->detail == NULL)
		res->detail = xstrdup(online ? _("no OCSP responder or CRL "
		    "gave an answer") : _("the document carries no "
		    "revocation data for it, and checking online was not "
		    "allowed"));
	ERR_clear_error();
}
