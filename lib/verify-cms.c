/*
 * vanthu: verify one CMS SignedData (RFC 5652) or RFC 3161 timestamp
 * token over the ByteRange bytes of a PDF signature.
 *
 * OpenSSL 3.0's CMS_verify() cannot verify Ed25519 or Ed448 signers
 * (it hands a digest to EdDSA) and accepts encapsulated content, so the
 * SignerInfo is checked here step by step (RFC 5652 5.4): the digest
 * of the content against the messageDigest attribute, then the
 * signature over the DER SET OF the signed attributes, with the key
 * types Vietnamese CAs issue: RSA PKCS#1 v1.5 and PSS (RFC 4056),
 * ECDSA on P-256/384/521, Ed25519 and Ed448 (RFC 8419).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/token.h"
#include "verify-impl.h"
#include "vanthu/xmalloc.h"

/* Digest algorithms a signature may use (ETSI TS 119 312): the SHA-2
   family from SHA-256, SHA-3, and SHAKE256 (only with Ed448). */
static int
hash_allowed(int nid)
{
	switch (nid) {
	case NID_sha256: case NID_sha384: case NID_sha512:
	case NID_sha3_256: case NID_sha3_384: case NID_sha3_512:
	case NID_shake256:
		return 1;
	default:
		return 0;
	}
}

/* The digest algorithm's NID; RFC 8419's id-shake256-len with 512 bits
   (no OpenSSL NID) is SHAKE256 with a 64-byte output. */
static int
digest_nid(const X509_ALGOR *alg)
{
	const ASN1_TYPE	*param = alg->parameter;
	char		 oid[64];

	if (OBJ_obj2nid(alg->algorithm) != NID_undef)
		return OBJ_obj2nid(alg->algorithm);
	OBJ_obj2txt(oid, sizeof oid, alg->algorithm, 1);
	if (strcmp(oid, "2.16.840.1.101.3.4.2.18") == 0 && param != NULL &&
	    param->type == V_ASN1_INTEGER &&
	    ASN1_INTEGER_get(param->value.integer) == 512)
		return NID_shake256;
	return NID_undef;
}

static void
set_error(char **slot, char *msg)
{
	if (*slot == NULL)
		*slot = msg;
	else
		free(msg);
}

/* Digest the ranges with the algorithm NID into OUT (64 bytes for
   SHAKE256, as RFC 8419 asks).  Returns the length, 0 on failure. */
static unsigned
digest_ranges(int nid, const struct vt_ranges *d, unsigned char *out)
{
	const EVP_MD	*md = EVP_get_digestbynid(nid);
	EVP_MD_CTX	*c = EVP_MD_CTX_new();
	unsigned	 len = 0;
	int		 i, ok;

	if (md == NULL || c == NULL) {
		EVP_MD_CTX_free(c);
		return 0;
	}
	ok = EVP_DigestInit_ex(c, md, NULL);
	for (i = 0; ok && i < d->count; i++)
		ok = EVP_DigestUpdate(c, d->p[i], d->n[i]);
	if (ok && nid == NID_shake256) {
		ok = EVP_DigestFinalXOF(c, out, 64);
		len = 64;
	} else if (ok)
		ok = EVP_DigestFinal_ex(c, out, &len);
	EVP_MD_CTX_free(c);
	return ok ? len : 0;
}

/* DER set-of order: by encoding, a shorter one first when a prefix. */
struct der {
	unsigned char	*p;
	int		 n;
};

static int
der_cmp(const void *a, const void *b)
{
	const struct der *x = a, *y = b;
	int	 c = memcmp(x->p, y->p, (size_t)(x->n < y->n ? x->n : y->n));

	return c != 0 ? c : x->n - y->n;
}

/* The DER SET OF the signed attributes, what the signature covers
   (RFC 5652 5.4: the EXPLICIT SET OF tag, not [0] IMPLICIT). */
static unsigned char *
signed_attrs_der(CMS_SignerInfo *si, size_t *len)
{
	int		 i, n = CMS_signed_get_attr_count(si);
	struct der	*v = xcalloc((size_t)n, sizeof *v);
	size_t		 total = 0, off, hdr;
	unsigned char	*out;

	for (i = 0; i < n; i++) {
		v[i].n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i),
		    &v[i].p);
		if (v[i].n <= 0) {
			while (i-- > 0)
				OPENSSL_free(v[i].p);
			free(v);
			return NULL;
		}
		total += (size_t)v[i].n;
	}
	qsort(v, (size_t)n, sizeof *v, der_cmp);
	out = xmalloc(total + 6);
	out[0] = 0x31;
	if (total < 0x80) {
		out[1] = (unsigned char)total;
		hdr = 2;
	} else {
		size_t	 t = total;
		int	 k = 0;

		while (t > 0) {
			k++;
			t >>= 8;
		}
		out[1] = (unsigned char)(0x80 | k);
		for (i = 0; i < k; i++)
			out[2 + i] = (unsigned char)(total >> (8 * (k - 1 - i)));
		hdr = 2 + (size_t)k;
	}
	off = hdr;
	for (i = 0; i < n; i++) {
		memcpy(out + off, v[i].p, (size_t)v[i].n);
		off += (size_t)v[i].n;
		OPENSSL_free(v[i].p);
	}
	free(v);
	*len = off;
	return out;
}

/* Set RSASSA-PSS parameters (RFC 4056) from the signature algorithm's
   parameters on PCTX; the PSS hash must be DNID. */
static int
set_pss(EVP_PKEY_CTX *pctx, const X509_ALGOR *alg, int dnid)
{
	const ASN1_TYPE	*param = alg->parameter;
	RSA_PSS_PARAMS	*pss;
	X509_ALGOR	*mgf1 = NULL;
	int		 ok = 0, hnid = NID_sha1, mnid = NID_sha1;
	long		 salt = 20;

	if (param == NULL || (pss = ASN1_TYPE_unpack_sequence(
	    ASN1_ITEM_rptr(RSA_PSS_PARAMS), param)) == NULL)
		return 0;
	if (pss->hashAlgorithm != NULL)
		hnid = OBJ_obj2nid(pss->hashAlgorithm->algorithm);
	if (pss->maskGenAlgorithm != NULL) {
		if (OBJ_obj2nid(pss->maskGenAlgorithm->algorithm) != NID_mgf1 ||
		    pss->maskGenAlgorithm->parameter == NULL ||
		    (mgf1 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(
		    X509_ALGOR), pss->maskGenAlgorithm->parameter)) == NULL)
			mnid = NID_undef;
		else
			mnid = OBJ_obj2nid(mgf1->algorithm);
		X509_ALGOR_free(mgf1);
	}
	if (pss->saltLength != NULL)
		salt = ASN1_INTEGER_get(pss->saltLength);
	if (hnid == dnid && hash_allowed(mnid) && salt >= 0 && salt < 1024 &&
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
	    EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_get_digestbynid(mnid)) > 0 &&
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, (int)salt) > 0)
		ok = 1;
	RSA_PSS_PARAMS_free(pss);
	return ok;
}

enum key_kind { K_UNKNOWN, K_RSA, K_RSA_PSS, K_EC, K_ED25519, K_ED448 };

/* What the key and signature algorithm are; names R->algorithm.
   Returns K_UNKNOWN (with R->integrity_error) when not supported. */
static enum key_kind
key_kind(EVP_PKEY *pkey, const X509_ALGOR *sigalg, int dnid,
    struct vt_sig_report *r)
{
	int		 snid = OBJ_obj2nid(sigalg->algorithm), mdnid, pknid;
	char		 group[64] = "";
	enum key_kind	 k = K_UNKNOWN;

	if (OBJ_find_sigid_algs(snid, &mdnid, &pknid) && mdnid != NID_undef &&
	    mdnid != dnid) {
		set_error(&r->integrity_error, xstrdup(_("the signature "
		    "algorithm and the digest algorithm of the CMS disagree")));
		return K_UNKNOWN;
	}
	switch (EVP_PKEY_get_base_id(pkey)) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		k = snid == NID_rsassaPss ? K_RSA_PSS : K_RSA;
		break;
	case EVP_PKEY_EC:
		EVP_PKEY_get_group_name(pkey, group, sizeof group, NULL);
		if (strcmp(group, "prime256v1") == 0 ||
		    strcmp(group, "secp384r1") == 0 ||
		    strcmp(group, "secp521r1") == 0)
			k = K_EC;
		break;
	case EVP_PKEY_ED25519:
		k = K_ED25519;
		break;
	case EVP_PKEY_ED448:
		k = K_ED448;
		break;
	}
	free(r->algorithm);
	switch (k) {
	case K_RSA:
		r->algorithm = xstrdup("RSA PKCS#1 v1.5");
		break;
	case K_RSA_PSS:
		r->algorithm = xstrdup("RSA-PSS");
		break;
	case K_EC:
		r->algorithm = xasprintf("ECDSA P-%s", strcmp(group,
		    "prime256v1") == 0 ? "256" : strcmp(group, "secp384r1")
		    == 0 ? "384" : "521");
		break;
	case K_ED25519:
		r->algorithm = xstrdup("Ed25519");
		break;
	case K_ED448:
		r->algorithm = xstrdup("Ed448");
		break;
	default:
		r->algorithm = xstrdup(OBJ_nid2sn(snid));
		set_error(&r->integrity_error, xasprintf(_("the signing key "
		    "type is not supported (%s %s)"), OBJ_nid2sn(
		    EVP_PKEY_get_base_id(pkey)), group));
	}
	/* RFC 8419 3.1: Ed25519 with SHA-512, Ed448 with SHAKE256. */
	if ((k == K_ED25519 && dnid != NID_sha512) ||
	    (k == K_ED448 && dnid != NID_shake256) ||
	    (k != K_ED448 && dnid == NID_shake256)) {
		r->hash_allowed = 0;
		set_error(&r->integrity_error, xasprintf(_("the hash %s is "
		    "not allowed with a %s key"), OBJ_nid2sn(dnid),
		    r->algorithm));
		return K_UNKNOWN;
	}
	return k;
}

/* Verify SIG over TBS (the signed attributes, or the content itself
   when DIGEST is given: the content's precomputed digest). */
static int
check_value(EVP_PKEY *pkey, enum key_kind k, const X509_ALGOR *sigalg,
    int dnid, const ASN1_OCTET_STRING *sig, const unsigned char *tbs,
    size_t tbslen, const unsigned char *digest, unsigned dlen)
{
	EVP_MD_CTX	*mc;
	EVP_PKEY_CTX	*pc = NULL;
	const EVP_MD	*md = EVP_get_digestbynid(dnid);
	int		 ok = 0;

	if (digest != NULL) {
		if (k == K_ED25519 || k == K_ED448 ||
		    (pc = EVP_PKEY_CTX_new(pkey, NULL)) == NULL)
			return 0;
		ok = EVP_PKEY_verify_init(pc) > 0 &&
		    EVP_PKEY_CTX_set_signature_md(pc, md) > 0 &&
		    (k != K_RSA_PSS || set_pss(pc, sigalg, dnid)) &&
		    EVP_PKEY_verify(pc, sig->data, (size_t)sig->length, digest,
		    dlen) == 1;
		EVP_PKEY_CTX_free(pc);
		return ok;
	}
	if ((mc = EVP_MD_CTX_new()) == NULL)
		return 0;
	if (k == K_ED25519 || k == K_ED448)
		ok = EVP_DigestVerifyInit(mc, NULL, NULL, NULL, pkey) > 0;
	else
		ok = EVP_DigestVerifyInit(mc, &pc, md, NULL, pkey) > 0 &&
		    (k != K_RSA_PSS || set_pss(pc, sigalg, dnid));
	ok = ok && EVP_DigestVerify(mc, sig->data, (size_t)sig->length, tbs,
	    tbslen) == 1;
	EVP_MD_CTX_free(mc);
	return ok;
}

/* The content as one buffer (pure EdDSA needs it whole). */
static unsigned char *
join_ranges(const struct vt_ranges *d, size_t *len)
{
	unsigned char	*p;
	size_t		 n = 0;
	int		 i;

	for (i = 0; i < d->count; i++)
		n += d->n[i];
	p = xmalloc(n + 1);
	*len = 0;
	for (i = 0; i < d->count; i++) {
		memcpy(p + *len, d->p[i], d->n[i]);
		*len += d->n[i];
	}
	return p;
}

static char *
changed_error(const char *detail)
{
	return xasprintf(_("the signed bytes were changed or the signature "
	    "is damaged (%s)"), detail);
}

/* The ESS signing-certificate(-v2) attribute, when present, must name
   X (RFC 5035, RFC 2634 5.4): otherwise a certificate with the same key
   could be swapped in.  Returns 1 when it does or is absent. */
static int
check_ess(CMS_SignerInfo *si, X509 *x)
{
	ASN1_STRING		*a1, *a2;
	const unsigned char	*p;
	ESS_SIGNING_CERT	*ss = NULL;
	ESS_SIGNING_CERT_V2	*ss2 = NULL;
	STACK_OF(X509)		*chain;
	int			 ok;

	a1 = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(
	    NID_id_smime_aa_signingCertificate), -3, V_ASN1_SEQUENCE);
	a2 = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(
	    NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE);
	if (a1 == NULL && a2 == NULL)
		return 1;
	if (a1 != NULL) {
		p = ASN1_STRING_get0_data(a1);
		ss = d2i_ESS_SIGNING_CERT(NULL, &p, ASN1_STRING_length(a1));
	}
	if (a2 != NULL) {
		p = ASN1_STRING_get0_data(a2);
		ss2 = d2i_ESS_SIGNING_CERT_V2(NULL, &p, ASN1_STRING_length(a2));
	}
	chain = sk_X509_new_null();
	ok = chain != NULL && (a1 == NULL || ss != NULL) &&
	    (a2 == NULL || ss2 != NULL) && sk_X509_push(chain, x) > 0 &&
	    OSSL_ESS_check_signing_certs(ss, ss2, chain, 1) > 0;
	sk_X509_free(chain);
	ESS_SIGNING_CERT_free(ss);
	ESS_SIGNING_CERT_V2_free(ss2);
	return ok;
}

/* Check SI (signed by X) over DATA: RFC 5652 5.4 and 5.6. */
static int
check_signer(CMS_SignerInfo *si, X509 *x, const ASN1_OBJECT *ctype,
    const struct vt_ranges *data, struct vt_sig_report *r)
{
	X509_ALGOR		*dig = NULL, *sigalg = NULL;
	EVP_PKEY		*pkey = X509_get0_pubkey(x);
	ASN1_OCTET_STRING	*sig, *md_attr;
	ASN1_OBJECT		*ct_attr;
	unsigned char		 digest[EVP_MAX_MD_SIZE + 64], *tbs;
	unsigned		 dlen;
	size_t			 tbslen;
	int			 dnid, ok;
	enum key_kind		 k;

	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, &sigalg);
	dnid = digest_nid(dig);
	free(r->digest);
	if (dnid != NID_undef)
		r->digest = xstrdup(OBJ_nid2sn(dnid));
	else {
		char	 oid[64];

		OBJ_obj2txt(oid, sizeof oid, dig->algorithm, 1);
		r->digest = xstrdup(oid);
	}
	if (!(r->hash_allowed = hash_allowed(dnid))) {
		set_error(&r->integrity_error, xasprintf(_("the signature uses "
		    "the hash %s, which is not allowed (SHA-256 or stronger "
		    "is required)"), r->digest));
		return 0;
	}
	if (pkey == NULL || (k = key_kind(pkey, sigalg, dnid, r)) == K_UNKNOWN)
		return 0;
	if ((dlen = digest_ranges(dnid, data, digest)) == 0) {
		set_error(&r->integrity_error, xstrdup(_("cannot compute the "
		    "digest of the signed bytes")));
		return 0;
	}
	sig = CMS_SignerInfo_get0_signature(si);
	if (CMS_signed_get_attr_count(si) <= 0) {
		if (k == K_ED25519 || k == K_ED448) {
			tbs = join_ranges(data, &tbslen);
			ok = check_value(pkey, k, sigalg, dnid, sig, tbs,
			    tbslen, NULL, 0);
			free(tbs);
		} else
			ok = check_value(pkey, k, sigalg, dnid, sig, NULL, 0,
			    digest, dlen);
		if (!ok)
			set_error(&r->integrity_error, changed_error(
			    _("the signature value does not match")));
		return ok;
	}
	md_attr = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(
	    NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	ct_attr = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(
	    NID_pkcs9_contentType), -3, V_ASN1_OBJECT);
	if (md_attr == NULL || ct_attr == NULL || OBJ_cmp(ct_attr, ctype)) {
		set_error(&r->integrity_error, xstrdup(_("the signed "
		    "attributes lack the content type or the message digest")));
		return 0;
	}
	if ((unsigned)md_attr->length != dlen ||
	    memcmp(md_attr->data, digest, dlen) != 0) {
		set_error(&r->integrity_error, changed_error(
		    _("the digest of the signed bytes does not match")));
		return 0;
	}
	if ((tbs = signed_attrs_der(si, &tbslen)) == NULL)
		return 0;
	ok = check_value(pkey, k, sigalg, dnid, sig, tbs, tbslen, NULL, 0);
	free(tbs);
	if (!ok)
		set_error(&r->integrity_error, changed_error(
		    _("the signature value does not match")));
	else if (!(ok = check_ess(si, x)))
		set_error(&r->integrity_error, xstrdup(_("the signed "
		    "attributes name another certificate than the one that "
		    "signed")));
	return ok;
}

static void
check_chain(STACK_OF(X509) *certs, X509 *signer, X509_STORE *store,
    int purpose, struct vt_sig_report *r)
{
	X509_STORE_CTX	*sctx;

	if (store == NULL) {
		/* Both faces: the setting (the command line says its
		   --trust-file itself). */
		r->no_trust_store = 1;
		r->trust_error = xstrdup(_("not checked: no trusted "
		    "certificates (set trust_file in the configuration, see "
		    "vanthu.conf(5))"));
		return;
	}
	if ((sctx = X509_STORE_CTX_new()) == NULL ||
	    !X509_STORE_CTX_init(sctx, store, signer, certs)) {
		r->trust_error = xstrdup("X509_STORE_CTX_init");
		X509_STORE_CTX_free(sctx);
		return;
	}
	X509_STORE_CTX_set_purpose(sctx, purpose);
	if (X509_verify_cert(sctx) == 1)
		r->trusted = 1;
	else
		r->trust_error = xstrdup(X509_verify_cert_error_string(
		    X509_STORE_CTX_get_error(sctx)));
	X509_STORE_CTX_free(sctx);
}

/* A timestamp token's content: TSTInfo, whose message imprint must be
   the digest of the ByteRange bytes (RFC 3161 2.4.2). */
static int
check_tstinfo(const ASN1_OCTET_STRING *econt, const struct vt_ranges *data,
    struct vt_sig_report *r)
{
	const unsigned char	*p = econt->data;
	TS_TST_INFO		*tst = d2i_TS_TST_INFO(NULL, &p, econt->length);
	TS_MSG_IMPRINT		*mi;
	ASN1_OCTET_STRING	*msg;
	unsigned char		 digest[EVP_MAX_MD_SIZE + 64];
	unsigned		 dlen;
	struct tm		 tm;
	char			 when[40];
	int			 nid, ok = 0;

	if (tst == NULL) {
		set_error(&r->integrity_error, xstrdup(_("the timestamp token "
		    "holds no TSTInfo")));
		return 0;
	}
	mi = TS_TST_INFO_get_msg_imprint(tst);
	nid = OBJ_obj2nid(TS_MSG_IMPRINT_get_algo(mi)->algorithm);
	msg = TS_MSG_IMPRINT_get_msg(mi);
	if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm) == 1) {
		vt_format_vn_time(timegm(&tm), when, sizeof when);
		free(r->timestamp);
		r->timestamp = xstrdup(when);
		free(r->signing_time);
		r->signing_time = xstrdup(when);
	}
	if (!hash_allowed(nid) || nid == NID_shake256) {
		r->hash_allowed = 0;
		set_error(&r->integrity_error, xasprintf(_("the timestamp uses "
		    "the hash %s, which is not allowed (SHA-256 or stronger "
		    "is required)"), OBJ_nid2sn(nid)));
	} else if ((dlen = digest_ranges(nid, data, digest)) == 0 ||
	    (unsigned)msg->length != dlen || memcmp(msg->data, digest, dlen))
		set_error(&r->integrity_error, changed_error(_("the timestamp "
		    "was made for other bytes")));
	else
		ok = 1;
	TS_TST_INFO_free(tst);
	return ok;
}

static X509 *
find_signer(STACK_OF(X509) *certs, CMS_SignerInfo *si)
{
	int	 i;

	for (i = 0; i < sk_X509_num(certs); i++)
		if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0)
			return sk_X509_value(certs, i);
	return NULL;
}

/* The SignedData's content: refused when it is not what KIND needs. */
static const ASN1_OCTET_STRING *
content_of(CMS_ContentInfo *cms, struct vt_sig_report *r)
{
	ASN1_OCTET_STRING	**pos = CMS_get0_content(cms);
	const ASN1_OCTET_STRING	 *econt = pos != NULL ? *pos : NULL;
	int			  ct = OBJ_obj2nid(CMS_get0_eContentType(cms));

	if (r->kind == VT_SIG_TIMESTAMP) {
		if (ct != NID_id_smime_ct_TSTInfo || econt == NULL)
			set_error(&r->integrity_error, xstrdup(_("the "
			    "/Contents of a document timestamp is not an RFC "
			    "3161 timestamp token")));
		return econt;
	}
	if (econt != NULL)
		set_error(&r->integrity_error, xstrdup(_("the CMS carries "
		    "the signed content inside it (encapsulated); a PDF "
		    "signature must be detached")));
	else if (ct != NID_pkcs7_data)
		set_error(&r->integrity_error, xstrdup(_("the CMS signs "
		    "content of another type than data")));
	return econt;
}

void
vt_verify_cms(const unsigned char *der, size_t len,
    const struct vt_ranges *data, X509_STORE *store,
    struct vt_sig_report *r)
{
	const unsigned char	*p = der;
	CMS_ContentInfo		*cms;
	STACK_OF(CMS_SignerInfo) *sis;
	STACK_OF(X509)		*certs = NULL;
	const ASN1_OCTET_STRING	*econt;
	CMS_SignerInfo		*si;
	X509			*x;
	struct vt_ranges	 tst;

	r->hash_allowed = 1;
	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)len)) == NULL ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		set_error(&r->integrity_error, xstrdup(r->kind ==
		    VT_SIG_TIMESTAMP ? _("the /Contents is not a timestamp "
		    "token") : _("the /Contents is not a CMS SignedData")));
		goto out;
	}
	econt = content_of(cms, r);
	sis = CMS_get0_SignerInfos(cms);
	if (sk_CMS_SignerInfo_num(sis) != 1) {
		set_error(&r->integrity_error, xasprintf(_("the CMS has %d "
		    "signers; a PDF signature has exactly one"),
		    sk_CMS_SignerInfo_num(sis)));
		goto out;
	}
	si = sk_CMS_SignerInfo_value(sis, 0);
	certs = CMS_get1_certs(cms);
	if ((x = find_signer(certs, si)) == NULL) {
		set_error(&r->integrity_error, xstrdup(_("the CMS does not "
		    "include the signer's certificate")));
		goto out;
	}
	vt_cert_info_free(&r->signer);
	vt_cert_info_get(x, &r->signer);
	if (r->integrity_error != NULL)
		goto out;
	if (r->kind == VT_SIG_TIMESTAMP) {
		memset(&tst, 0, sizeof tst);
		tst.p[0] = econt->data;
		tst.n[0] = (size_t)econt->length;
		tst.count = 1;
		r->integrity = check_signer(si, x, CMS_get0_eContentType(cms),
		    &tst, r) && check_tstinfo(econt, data, r);
	} else
		r->integrity = check_signer(si, x, CMS_get0_eContentType(cms),
		    data, r);
	if (r->integrity && r->kind == VT_SIG_TIMESTAMP &&
	    X509_check_purpose(x, X509_PURPOSE_TIMESTAMP_SIGN, 0) != 1)
		r->trust_error = xstrdup(_("the certificate is not a "
		    "timestamping authority's"));
	else if (r->integrity)
		check_chain(certs, x, store, r->kind == VT_SIG_TIMESTAMP ?
		    X509_PURPOSE_TIMESTAMP_SIGN : X509_PURPOSE_ANY, r);
out:
	if (!r->integrity && r->integrity_error == NULL)
		r->integrity_error = changed_error("CMS");
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
}
