/*
 * vanthu: checking an RFC 3161 timestamp token over given bytes: its
 * signature, its message imprint, and its TSA's certificate chain at
 * the token's own time (RFC 3161 2.4.2, RFC 5816 for ESSCertIDv2).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"

void
vt_tsp_info_free(struct vt_tsp_info *info)
{
	X509_free(info->tsa);
	sk_X509_pop_free(info->certs, X509_free);
	memset(info, 0, sizeof *info);
}

/* The token's certificates and its signer's into INFO; 0 without. */
static int
token_certs(PKCS7 *tok, struct vt_tsp_info *info)
{
	STACK_OF(X509)	*in, *signers;
	int		 i;

	if (!PKCS7_type_is_signed(tok) || tok->d.sign == NULL)
		return 0;
	in = tok->d.sign->cert;
	info->certs = sk_X509_new_null();
	for (i = 0; in != NULL && i < sk_X509_num(in); i++) {
		X509_up_ref(sk_X509_value(in, i));
		sk_X509_push(info->certs, sk_X509_value(in, i));
	}
	signers = PKCS7_get0_signers(tok, NULL, 0);
	if (signers == NULL || sk_X509_num(signers) != 1) {
		sk_X509_free(signers);
		return 0;
	}
	info->tsa = sk_X509_value(signers, 0);
	X509_up_ref(info->tsa);
	sk_X509_free(signers);
	return 1;
}

int
vt_tsp_parse(const unsigned char *der, size_t len, struct vt_tsp_info *info)
{
	const unsigned char	*p = der;
	PKCS7			*tok = d2i_PKCS7(NULL, &p, (long)len);
	TS_TST_INFO		*tst = NULL;
	struct tm		 tm;
	int			 ok = 0;

	memset(info, 0, sizeof *info);
	if (tok != NULL && (tst = PKCS7_to_TS_TST_INFO(tok)) != NULL &&
	    token_certs(tok, info) &&
	    ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm) == 1) {
		info->gen_time = timegm(&tm);
		ok = 1;
	}
	TS_TST_INFO_free(tst);
	PKCS7_free(tok);
	ERR_clear_error();
	return ok ? 0 : -1;
}

/* The TSA's chain to STORE at time AT, for timestamping. */
static const char *
check_chain(struct vt_tsp_info *info, X509_STORE *store, char **alloc)
{
	X509_STORE_CTX	*sc = X509_STORE_CTX_new();
	const char	*why = NULL;

	if (sc == NULL || !X509_STORE_CTX_init(sc, store, info->tsa,
	    info->certs)) {
		X509_STORE_CTX_free(sc);
		return "X509_STORE_CTX_init";
	}
	X509_STORE_CTX_set_purpose(sc, X509_PURPOSE_TIMESTAMP_SIGN);
	X509_STORE_CTX_set_time(sc, 0, info->gen_time);
	if (X509_verify_cert(sc) != 1)
		why = *alloc = xasprintf(_("the timestamp authority's "
		    "certificate is not trusted: %s"),
		    X509_verify_cert_error_string(X509_STORE_CTX_get_error(
		    sc)));
	X509_STORE_CTX_free(sc);
	return why;
}

const char *
vt_tsp_check(const unsigned char *der, size_t len, const unsigned char *data,
    size_t dlen, X509_STORE *store, struct vt_tsp_info *info, char **alloc)
{
	const unsigned char	*p = der;
	PKCS7			*tok = d2i_PKCS7(NULL, &p, (long)len);
	TS_TST_INFO		*tst = NULL;
	TS_VERIFY_CTX		*vc = NULL;
	BIO			*sink = BIO_new(BIO_s_mem());
	struct tm		 tm;
	const char		*why = NULL;

	memset(info, 0, sizeof *info);
	*alloc = NULL;
	if (tok == NULL || (tst = PKCS7_to_TS_TST_INFO(tok)) == NULL ||
	    !token_certs(tok, info)) {
		why = _("the timestamp is not a well-formed RFC 3161 token");
		goto out;
	}
	if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm) == 1)
		info->gen_time = timegm(&tm);
	if (PKCS7_verify(tok, NULL, NULL, NULL, sink, PKCS7_NOVERIFY) != 1) {
		why = _("the timestamp's own signature does not verify");
		goto out;
	}
	if (X509_check_purpose(info->tsa, X509_PURPOSE_TIMESTAMP_SIGN, 0)
	    != 1) {
		why = _("the timestamp was signed by a certificate that is not "
		    "a timestamping authority's");
		goto out;
	}
	vc = TS_VERIFY_CTX_new();
	TS_VERIFY_CTX_set_flags(vc, TS_VFY_VERSION | TS_VFY_DATA);
	TS_VERIFY_CTX_set_data(vc, BIO_new_mem_buf(data, (int)dlen));
	if (TS_RESP_verify_token(vc, tok) != 1) {
		why = _("the timestamp was made for other bytes (its message "
		    "imprint does not match)");
		goto out;
	}
	if (store != NULL)
		why = check_chain(info, store, alloc);
out:
	TS_VERIFY_CTX_free(vc);
	TS_TST_INFO_free(tst);
	PKCS7_free(tok);
	BIO_free(sink);
	ERR_clear_error();
	return why;
}
