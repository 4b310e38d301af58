/*
 * vanthu: the CAdES detached CMS SignedData of a PAdES B-B signature.
 *
 * OpenSSL 3.0 always adds a signingTime attribute when it signs a
 * SignerInfo, which PAdES baseline forbids (ETSI EN 319 142-1, 5.4.3: the
 * time goes in the signature dictionary's /M).  So vanthu builds the
 * signed attributes itself, encodes them as the DER SET OF that RFC 5652
 * section 5.4 says is signed, has the token sign that once, and stores
 * the value in the SignerInfo.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/x509.h>

#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/token.h"
#include "vanthu/xmalloc.h"

struct der {
	unsigned char	*p;
	int		 len;
};

static int
der_cmp(const void *a, const void *b)
{
	const struct der	*x = a, *y = b;
	int			 n = x->len < y->len ? x->len : y->len;
	int			 c = memcmp(x->p, y->p, (size_t)n);

	return c != 0 ? c : x->len - y->len;
}

/* The DER SET OF the signed attributes of SI (X.690 11.6: sorted). */
static unsigned char *
signed_attrs_der(CMS_SignerInfo *si, size_t *outlen)
{
	int		 n = CMS_signed_get_attr_count(si), i;
	struct der	*d = xcalloc((size_t)n, sizeof *d);
	size_t		 body = 0, hdr, off;
	unsigned char	*out;

	for (i = 0; i < n; i++) {
		d[i].p = NULL;
		d[i].len = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i),
		    &d[i].p);
		body += (size_t)d[i].len;
	}
	qsort(d, (size_t)n, sizeof *d, der_cmp);
	/* Tag 0x31, then the length in DER (short or long form). */
	hdr = body < 0x80 ? 2 : body < 0x100 ? 3 : body < 0x10000 ? 4 : 5;
	out = xmalloc(hdr + body);
	out[0] = 0x31;
	if (body < 0x80) {
		out[1] = (unsigned char)body;
	} else {
		size_t	 k, nb = hdr - 2;

		out[1] = (unsigned char)(0x80 | nb);
		for (k = 0; k < nb; k++)
			out[2 + k] = (unsigned char)(body >> (8 * (nb - 1 - k)));
	}
	off = hdr;
	for (i = 0; i < n; i++) {
		memcpy(out + off, d[i].p, (size_t)d[i].len);
		off += (size_t)d[i].len;
		OPENSSL_free(d[i].p);
	}
	free(d);
	*outlen = off;
	return out;
}

static int
add_signing_cert_v2(CMS_SignerInfo *si, X509 *cert)
{
	ESS_SIGNING_CERT_V2	*sc;
	unsigned char		*der = NULL;
	int			 len, ok = 0;

	sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), cert, NULL, 1);
	if (sc == NULL)
		return 0;
	if ((len = i2d_ESS_SIGNING_CERT_V2(sc, &der)) > 0)
		ok = CMS_signed_add1_attr_by_NID(si,
		    NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE,
		    der, len);
	OPENSSL_free(der);
	ESS_SIGNING_CERT_V2_free(sc);
	return ok;
}

/* Sign DATA with KEY (SHA-256, the key's default padding: PKCS#1 v1.5
   for RSA) and store the value as SI's signature. */
static vt_code
sign_attrs(CMS_SignerInfo *si, EVP_PKEY *key, const unsigned char *data,
    size_t len, struct vt_errbuf *eb)
{
	EVP_MD_CTX	*mctx = EVP_MD_CTX_new();
	unsigned char	*sig = NULL;
	size_t		 siglen = 0;
	vt_code		 rc = VT_OK;

	if (mctx == NULL || EVP_DigestSignInit(mctx, NULL, EVP_sha256(), NULL,
	    key) != 1 || EVP_DigestSign(mctx, NULL, &siglen, data, len) != 1) {
		rc = vt_token_error(_("cannot prepare the signature"), eb);
		goto out;
	}
	sig = xmalloc(siglen);
	if (EVP_DigestSign(mctx, sig, &siglen, data, len) != 1) {
		rc = vt_token_error(_("the token did not sign"), eb);
		goto out;
	}
	if (!ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig,
	    (int)siglen))
		rc = vt_fail(eb, VT_ERR_INTERNAL, "ASN1_STRING_set");
out:
	free(sig);
	EVP_MD_CTX_free(mctx);
	return rc;
}

vt_code
vt_cms_sign_digest(X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key,
    const unsigned char md[VT_SHA256_LEN], unsigned char **der, size_t *len,
    struct vt_errbuf *eb)
{
	const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL |
	    CMS_NOSMIMECAP;
	CMS_ContentInfo	*cms;
	CMS_SignerInfo	*si;
	unsigned char	*attrs = NULL, *p = NULL;
	size_t		 attrs_len;
	int		 i, n;
	vt_code		 rc = VT_OK;

	*der = NULL;
	*len = 0;
	if ((cms = CMS_sign(NULL, NULL, NULL, NULL, flags)) == NULL)
		return vt_fail(eb, VT_ERR_INTERNAL, "CMS_sign");
	if ((si = CMS_add1_signer(cms, cert, key, EVP_sha256(), flags)) ==
	    NULL) {
		rc = vt_token_error(_("cannot use the certificate and key "
		    "together"), eb);
		goto out;
	}
	for (i = 0; chain != NULL && i < sk_X509_num(chain); i++)
		CMS_add1_cert(cms, sk_X509_value(chain, i));
	if (!CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType,
	    V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) ||
	    !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest,
	    V_ASN1_OCTET_STRING, md, VT_SHA256_LEN) ||
	    !add_signing_cert_v2(si, cert)) {
		rc = vt_fail(eb, VT_ERR_INTERNAL, "signed attributes");
		goto out;
	}
	attrs = signed_attrs_der(si, &attrs_len);
	if ((rc = sign_attrs(si, key, attrs, attrs_len, eb)) != VT_OK)
		goto out;
	if ((n = i2d_CMS_ContentInfo(cms, &p)) <= 0) {
		rc = vt_fail(eb, VT_ERR_INTERNAL, "i2d_CMS_ContentInfo");
		goto out;
	}
	*der = xmalloc((size_t)n);
	memcpy(*der, p, (size_t)n);
	*len = (size_t)n;
	OPENSSL_free(p);
out:
	free(attrs);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return rc;
}

size_t
vt_cms_max_size(X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key)
{
	size_t	 n = 2048;	/* structure, attributes, algorithms */
	int	 i;

	n += (size_t)i2d_X509(cert, NULL);
	for (i = 0; chain != NULL && i < sk_X509_num(chain); i++)
		n += (size_t)i2d_X509(sk_X509_value(chain, i), NULL);
	n += 2 * (size_t)EVP_PKEY_get_size(key);
	return n;
}
