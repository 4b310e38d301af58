/* Unit tests for lib/sign-cms.c (the CAdES detached CMS) and
   lib/sign-cert.c (certificate checks and kinds), with a software key. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "vanthu/pades.h"
#include "vanthu/token.h"

static EVP_PKEY *key;

/* A certificate for KEY, subject CN and UID, valid from NOT_BEFORE for
   DAYS days, with keyUsage KU (NULL: no extension). */
static X509 *
make_cert(const char *cn, const char *uid, time_t not_before, long days,
    const char *ku)
{
	X509		*x = X509_new();
	X509_NAME	*name = X509_NAME_new();
	X509V3_CTX	 v3;
	X509_EXTENSION	*ext;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 42);
	X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8,
	    (const unsigned char *)"VN", -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_NAME_add_entry_by_txt(name, "UID", MBSTRING_UTF8,
	    (const unsigned char *)uid, -1, -1, 0);
	X509_set_subject_name(x, name);
	X509_set_issuer_name(x, name);
	X509_NAME_free(name);
	X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &not_before);
	X509_time_adj_ex(X509_getm_notAfter(x), (int)days, 0, &not_before);
	X509_set_pubkey(x, key);
	if (ku != NULL) {
		X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_key_usage, ku);
		assert_non_null(ext);
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	return x;
}

static int
setup(void **state)
{
	(void)state;
	key = EVP_RSA_gen(2048);
	return key == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	EVP_PKEY_free(key);
	return 0;
}

static void
test_cms_cades_detached(void **state)
{
	static const char	 data[] = "%PDF-1.7 the signed bytes";
	unsigned char		 md[VT_SHA256_LEN], *der = NULL;
	const unsigned char	*p;
	size_t			 len = 0;
	unsigned int		 mdlen;
	X509			*cert;
	CMS_ContentInfo		*cms;
	CMS_SignerInfo		*si;
	BIO			*content;
	struct vt_errbuf	 eb;
	time_t			 now = time(NULL);

	(void)state;
	cert = make_cert("Nguyễn Văn Hùng", "chutich", now - 3600, 30,
	    "critical,digitalSignature,nonRepudiation");
	EVP_Digest(data, sizeof data - 1, md, &mdlen, EVP_sha256(), NULL);
	assert_int_equal(vt_cms_sign_digest(cert, NULL, key, md, &der, &len,
	    &eb), VT_OK);
	assert_true(len > 0);
	assert_true(len <= vt_cms_max_size(cert, NULL, key));

	p = der;
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	assert_non_null(cms);
	assert_int_equal(OBJ_obj2nid(CMS_get0_type(cms)), NID_pkcs7_signed);
	assert_true(CMS_is_detached(cms));
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	/* Exactly content-type, message-digest, signing-certificate-v2. */
	assert_int_equal(CMS_signed_get_attr_count(si), 3);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_pkcs9_contentType,
	    -1) >= 0);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_pkcs9_messageDigest,
	    -1) >= 0);
	assert_true(CMS_signed_get_attr_by_NID(si,
	    NID_id_smime_aa_signingCertificateV2, -1) >= 0);
	assert_true(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime,
	    -1) < 0);

	/* The signature verifies over the content, and not over other. */
	content = BIO_new_mem_buf(data, sizeof data - 1);
	assert_int_equal(CMS_verify(cms, NULL, NULL, content, NULL,
	    CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY), 1);
	BIO_free(content);
	content = BIO_new_mem_buf("%PDF-1.7 other bytes", 20);
	assert_int_not_equal(CMS_verify(cms, NULL, NULL, content, NULL,
	    CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY), 1);
	BIO_free(content);

	CMS_ContentInfo_free(cms);
	free(der);
	X509_free(cert);
}

static void
test_cert_checks(void **state)
{
	time_t			 now = time(NULL);
	struct vt_errbuf	 eb;
	struct vt_cert_info	 ci;
	X509			*x;

	(void)state;
	x = make_cert("Trần Thị Mai", "vanthu", now - 3600, 30,
	    "critical,nonRepudiation");
	assert_int_equal(vt_cert_check_signing(x, now, &eb), VT_OK);
	assert_int_equal(vt_cert_check_signing(x, now - 7200, &eb),
	    VT_ERR_CERT);
	assert_non_null(strstr(eb.detail, "not valid before"));
	assert_int_equal(vt_cert_check_signing(x, now + 40 * 86400, &eb),
	    VT_ERR_CERT);
	assert_non_null(strstr(eb.detail, "expired"));
	assert_int_equal(vt_cert_kind_of(x), VT_CERT_PERSONAL);
	vt_cert_info_get(x, &ci);
	assert_string_equal(ci.common_name, "Trần Thị Mai");
	assert_string_equal(ci.uid, "vanthu");
	assert_string_equal(ci.key_usage, "nonRepudiation");
	assert_string_equal(ci.serial, "2A");
	assert_non_null(strstr(ci.subject, "CN=Trần Thị Mai"));
	vt_cert_info_free(&ci);
	X509_free(x);

	x = make_cert("UBND xã Hoằng Quý", "AGENCY:000.31.22.H56", now - 60,
	    30, "keyEncipherment");
	assert_int_equal(vt_cert_check_signing(x, now, &eb), VT_ERR_CERT);
	assert_non_null(strstr(eb.detail, "digitalSignature"));
	assert_int_equal(vt_cert_kind_of(x), VT_CERT_AGENCY);
	X509_free(x);

	/* No keyUsage extension: not restricted. */
	x = make_cert("A", "a", now - 60, 30, NULL);
	assert_int_equal(vt_cert_check_signing(x, now, &eb), VT_OK);
	vt_cert_info_get(x, &ci);
	assert_string_equal(ci.key_usage, "(any)");
	vt_cert_info_free(&ci);
	X509_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cms_cades_detached),
		cmocka_unit_test(test_cert_checks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
