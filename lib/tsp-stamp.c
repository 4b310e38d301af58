/*
 * vanthu: asking a time-stamping authority (RFC 3161) for a timestamp
 * token, and putting one into a CMS signature as the unsigned
 * attribute id-aa-signatureTimeStampToken (RFC 3161 appendix A; the
 * PAdES B-T level of ETSI EN 319 142-1).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static const EVP_MD *
tsa_md(const struct vt_tsa *tsa)
{
	const char	*h = tsa->hash != NULL && *tsa->hash != '\0' ?
			    tsa->hash : "sha256";

	if (strcasecmp(h, "sha384") == 0 || strcasecmp(h, "sha-384") == 0)
		return EVP_sha384();
	if (strcasecmp(h, "sha512") == 0 || strcasecmp(h, "sha-512") == 0)
		return EVP_sha512();
	return EVP_sha256();
}

/* The request: imprint, a 64-bit nonce, certReq. */
static TS_REQ *
make_request(const EVP_MD *md, const unsigned char *digest, unsigned dlen,
    ASN1_INTEGER **nonce)
{
	TS_REQ		*req = TS_REQ_new();
	TS_MSG_IMPRINT	*mi = TS_MSG_IMPRINT_new();
	X509_ALGOR	*alg = X509_ALGOR_new();
	unsigned char	 rnd[8];
	BIGNUM		*bn = NULL;
	int		 ok;

	*nonce = NULL;
	ok = req != NULL && mi != NULL && alg != NULL &&
	    RAND_bytes(rnd, sizeof rnd) == 1 &&
	    (bn = BN_bin2bn(rnd, sizeof rnd, NULL)) != NULL &&
	    (*nonce = BN_to_ASN1_INTEGER(bn, NULL)) != NULL &&
	    X509_ALGOR_set0(alg, OBJ_nid2obj(EVP_MD_get_type(md)), V_ASN1_NULL,
	    NULL) && TS_MSG_IMPRINT_set_algo(mi, alg) &&
	    TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)digest, (int)dlen) &&
	    TS_REQ_set_version(req, 1) && TS_REQ_set_msg_imprint(req, mi) &&
	    TS_REQ_set_nonce(req, *nonce) && TS_REQ_set_cert_req(req, 1);
	BN_free(bn);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	if (!ok) {
		TS_REQ_free(req);
		ASN1_INTEGER_free(*nonce);
		*nonce = NULL;
		return NULL;
	}
	return req;
}

/* A PKIStatus (RFC 3161 2.4.2) in words. */
static const char *
status_text(long st)
{
	switch (st) {
	case TS_STATUS_REJECTION:
		return _("rejected");
	case TS_STATUS_WAITING:
		return _("not ready (waiting)");
	case TS_STATUS_REVOCATION_WARNING:
		return _("its certificate is about to be revoked");
	case TS_STATUS_REVOCATION_NOTIFICATION:
		return _("its certificate was revoked");
	case TS_STATUS_GRANTED:
	case TS_STATUS_GRANTED_WITH_MODS:
		return _("no timestamp in the answer");
	default:
		return _("unknown status");
	}
}

/* Why the TSA refused: its status, and its status text when given. */
static vt_code
refused(const struct vt_tsa *tsa, TS_RESP *resp, struct vt_errbuf *eb)
{
	TS_STATUS_INFO		*si = TS_RESP_get_status_info(resp);
	const STACK_OF(ASN1_UTF8STRING) *text = TS_STATUS_INFO_get0_text(si);
	char			 why[256] = "";

	long			 st = ASN1_INTEGER_get(
				    TS_STATUS_INFO_get0_status(si));
	char			*safe;
	vt_code			 rc;

	if (text != NULL && sk_ASN1_UTF8STRING_num(text) > 0) {
		const ASN1_UTF8STRING *t = sk_ASN1_UTF8STRING_value(text, 0);

		/* The authority's own words: shown, never obeyed. */
		safe = vt_text_safe((const char *)t->data, (size_t)(t->length >
		    200 ? 200 : t->length), 0);
		snprintf(why, sizeof why, " (%s)", safe);
		free(safe);
	}
	rc = vt_fail(eb, VT_ERR_PROTOCOL, _("the timestamp authority %s "
	    "refused the request: %s%s"), tsa->url, status_text(st), why);
	return rc;
}

/* Whether RESP passes the checks FLAGS (TS_VFY_*) against REQ. */
static int
verify_part(TS_REQ *req, TS_RESP *resp, int flags)
{
	TS_VERIFY_CTX	*vc = TS_REQ_to_TS_VERIFY_CTX(req, NULL);
	int		 ok;

	if (vc == NULL)
		return 0;
	TS_VERIFY_CTX_set_flags(vc, flags);
	ok = TS_RESP_verify_response(vc, resp) == 1;
	TS_VERIFY_CTX_free(vc);
	ERR_clear_error();
	return ok;
}

/* Check RESP answers REQ (imprint, nonce) and is signed by the
   certificate it carries. */
static vt_code
check_answer(const struct vt_tsa *tsa, TS_REQ *req, TS_RESP *resp,
    struct vt_errbuf *eb)
{
	PKCS7		*tok = TS_RESP_get_token(resp);
	BIO		*out;
	int		 ok;

	if (!verify_part(req, resp, TS_VFY_VERSION | TS_VFY_IMPRINT))
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the timestamp from %s "
		    "was made for other bytes (its message imprint is not the "
		    "one asked)"), tsa->url);
	if (!verify_part(req, resp, TS_VFY_NONCE))
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the timestamp from %s "
		    "answers another request (its nonce is not the one "
		    "sent)"), tsa->url);
	out = BIO_new(BIO_s_mem());
	ok = tok != NULL && PKCS7_verify(tok, NULL, NULL, NULL, out,
	    PKCS7_NOVERIFY) == 1;
	BIO_free(out);
	if (!ok)
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the timestamp from %s "
		    "does not verify with the certificate it carries"),
		    tsa->url);
	return VT_OK;
}

vt_code
vt_tsp_stamp(const struct vt_tsa *tsa, const unsigned char *data, size_t len,
    unsigned char **tst, size_t *tstlen, struct vt_errbuf *eb)
{
	const EVP_MD		*md = tsa_md(tsa);
	unsigned char		 digest[EVP_MAX_MD_SIZE], *q = NULL;
	const unsigned char	*p;
	unsigned		 dlen = 0;
	TS_REQ			*req = NULL;
	TS_RESP			*resp = NULL;
	ASN1_INTEGER		*nonce = NULL;
	struct vt_buf		 body;
	long			 st;
	int			 n = 0;
	vt_code			 rc = VT_OK;

	*tst = NULL;
	*tstlen = 0;
	if (tsa->url == NULL || *tsa->url == '\0')
		return vt_fail(eb, VT_ERR_CONFIG, _("no timestamp authority is "
		    "configured (set tsa_url)"));
	vt_buf_init(&body);
	if (EVP_Digest(data, len, digest, &dlen, md, NULL) != 1 ||
	    (req = make_request(md, digest, dlen, &nonce)) == NULL ||
	    (n = i2d_TS_REQ(req, &q)) <= 0) {
		rc = vt_fail(eb, VT_ERR_INTERNAL, "TS_REQ");
		goto out;
	}
	rc = vt_ltv_fetch(VT_SVC_TSA, tsa->url, "application/timestamp-query", q,
	    (size_t)n, tsa->client_cert, tsa->client_key, &body, eb);
	if (rc != VT_OK) {
		char	 why[512];

		snprintf(why, sizeof why, "%s", eb != NULL ? eb->detail : "");
		/* Unreachable or answering an error: the network's fault
		   for the person (exit status 3). */
		rc = vt_fail(eb, rc == VT_ERR_TOO_BIG ? rc :
		    VT_ERR_TSA_NETWORK, _("no timestamp: %s"), why);
		goto out;
	}
	p = (const unsigned char *)body.data;
	if ((resp = d2i_TS_RESP(NULL, &p, (long)body.len)) == NULL) {
		rc = vt_fail(eb, VT_ERR_PROTOCOL, _("%s did not answer with an "
		    "RFC 3161 timestamp response"), tsa->url);
		goto out;
	}
	st = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(
	    TS_RESP_get_status_info(resp)));
	if ((st != 0 && st != 1) || TS_RESP_get_token(resp) == NULL) {
		rc = refused(tsa, resp, eb);
		goto out;
	}
	if ((rc = check_answer(tsa, req, resp, eb)) != VT_OK)
		goto out;
	OPENSSL_free(q);
	q = NULL;
	if ((n = i2d_PKCS7(TS_RESP_get_token(resp), &q)) <= 0) {
		rc = vt_fail(eb, VT_ERR_INTERNAL, "i2d_PKCS7");
		goto out;
	}
	*tst = xmalloc((size_t)n);
	memcpy(*tst, q, (size_t)n);
	*tstlen = (size_t)n;
out:
	if (rc == VT_ERR_PROTOCOL && eb != NULL) {
		/* Said as the unreachable case is: no timestamp, and why. */
		char	 why[512];

		snprintf(why, sizeof why, "%s", eb->detail);
		vt_fail(eb, rc, _("no timestamp: %s"), why);
	}
	OPENSSL_free(q);
	TS_RESP_free(resp);
	TS_REQ_free(req);
	ASN1_INTEGER_free(nonce);
	vt_buf_free(&body);
	ERR_clear_error();
	return rc;
}

vt_code
vt_tsp_add_signature_timestamp(const struct vt_tsa *tsa, unsigned char **der,
    size_t *len, struct vt_errbuf *eb)
{
	const unsigned char	*p = *der;
	CMS_ContentInfo		*cms = d2i_CMS_ContentInfo(NULL, &p,
				    (long)*len);
	STACK_OF(CMS_SignerInfo) *sis;
	CMS_SignerInfo		*si;
	ASN1_OCTET_STRING	*sig;
	unsigned char		*tst = NULL, *q = NULL;
	size_t			 tstlen = 0;
	int			 n = 0;
	vt_code			 rc;

	if (cms == NULL || (sis = CMS_get0_SignerInfos(cms)) == NULL ||
	    sk_CMS_SignerInfo_num(sis) != 1) {
		CMS_ContentInfo_free(cms);
		return vt_fail(eb, VT_ERR_INTERNAL, "CMS for a timestamp");
	}
	si = sk_CMS_SignerInfo_value(sis, 0);
	sig = CMS_SignerInfo_get0_signature(si);
	rc = vt_tsp_stamp(tsa, sig->data, (size_t)sig->length, &tst, &tstlen,
	    eb);
	if (rc == VT_OK && (!CMS_unsigned_add1_attr_by_NID(si,
	    NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, tst,
	    (int)tstlen) || (n = i2d_CMS_ContentInfo(cms, &q)) <= 0))
		rc = vt_fail(eb, VT_ERR_INTERNAL, "CMS unsigned attribute");
	if (rc == VT_OK) {
		free(*der);
		*der = xmalloc((size_t)n);
		memcpy(*der, q, (size_t)n);
		*len = (size_t)n;
	}
	OPENSSL_free(q);
	free(tst);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return rc;
}
