/*
 * vanthu: signing certificates in readable form, their kind (personal or
 * agency, docs/api.md section 8) and the checks before signing (RFC 5280
 * validity and keyUsage).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "vanthu/clock.h"
#include "vanthu/buf.h"
#include "vanthu/i18n.h"
#include "vanthu/token.h"
#include "vanthu/xmalloc.h"

/* The NAME attribute NID as a new UTF-8 string ("" when absent). */
static char *
name_entry(const X509_NAME *name, int nid)
{
	const X509_NAME_ENTRY	*e;
	unsigned char		*utf8 = NULL;
	char			*s;
	int			 i, n;

	if ((i = X509_NAME_get_index_by_NID(name, nid, -1)) < 0)
		return xstrdup("");
	e = X509_NAME_get_entry(name, i);
	if ((n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e))) < 0)
		return xstrdup("");
	s = xstrndup((char *)utf8, (size_t)n);
	OPENSSL_free(utf8);
	return s;
}

static char *
name_string(const X509_NAME *name)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data;
	long	 n;
	char	*s;

	X509_NAME_print_ex(bio, name, 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	n = BIO_get_mem_data(bio, &data);
	s = xstrndup(data, n > 0 ? (size_t)n : 0);
	BIO_free(bio);
	return s;
}

static char *
time_string(const ASN1_TIME *t)
{
	struct tm	 tm;
	char		 out[32];
	char		 shown[32];

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return xstrdup("?");
	strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* As people read it: Vietnam time, dd/mm/yyyy hh:mm. */
	return xstrdup(vt_clock_show(out, VT_CLOCK_DATETIME, shown,
	    sizeof shown));
}

static char *
key_usage_string(X509 *x)
{
	static const struct {
		uint32_t	 bit;
		const char	*name;
	} bits[] = {
		{ KU_DIGITAL_SIGNATURE, "digitalSignature" },
		{ KU_NON_REPUDIATION, "nonRepudiation" },
		{ KU_KEY_ENCIPHERMENT, "keyEncipherment" },
		{ KU_DATA_ENCIPHERMENT, "dataEncipherment" },
		{ KU_KEY_AGREEMENT, "keyAgreement" },
		{ KU_KEY_CERT_SIGN, "keyCertSign" },
		{ KU_CRL_SIGN, "cRLSign" },
	};
	struct vt_buf	 b;
	uint32_t	 ku;
	size_t		 i;

	if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) == 0)
		return xstrdup("(any)");
	ku = X509_get_key_usage(x);
	vt_buf_init(&b);
	for (i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		if (ku & bits[i].bit) {
			if (b.len > 0)
				vt_buf_puts(&b, ", ");
			vt_buf_puts(&b, bits[i].name);
		}
	}
	return vt_buf_steal(&b);
}

enum vt_cert_kind
vt_cert_kind_of(X509 *x)
{
	char			*uid = name_entry(X509_get_subject_name(x),
				    NID_userId);
	enum vt_cert_kind	 kind = VT_CERT_PERSONAL;

	if (strncmp(uid, "AGENCY:", 7) == 0)
		kind = VT_CERT_AGENCY;
	free(uid);
	return kind;
}

void
vt_cert_info_get(X509 *x, struct vt_cert_info *info)
{
	const X509_NAME	*subj = X509_get_subject_name(x);
	BIGNUM		*bn;
	char		*hex;

	memset(info, 0, sizeof *info);
	info->subject = name_string(subj);
	info->common_name = name_entry(subj, NID_commonName);
	info->uid = name_entry(subj, NID_userId);
	info->organization = name_entry(subj, NID_organizationName);
	info->issuer = name_string(X509_get_issuer_name(x));
	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	hex = bn != NULL ? BN_bn2hex(bn) : NULL;
	info->serial = xstrdup(hex != NULL ? hex : "?");
	OPENSSL_free(hex);
	BN_free(bn);
	info->not_before = time_string(X509_get0_notBefore(x));
	info->not_after = time_string(X509_get0_notAfter(x));
	info->key_usage = key_usage_string(x);
	info->kind = vt_cert_kind_of(x);
}

void
vt_cert_info_free(struct vt_cert_info *info)
{
	free(info->subject);
	free(info->common_name);
	free(info->uid);
	free(info->organization);
	free(info->issuer);
	free(info->serial);
	free(info->not_before);
	free(info->not_after);
	free(info->key_usage);
	memset(info, 0, sizeof *info);
}

vt_code
vt_cert_check_signing(X509 *x, time_t now, struct vt_errbuf *eb)
{
	char	*when;
	vt_code	 rc;

	if (X509_cmp_time(X509_get0_notBefore(x), &now) > 0) {
		when = time_string(X509_get0_notBefore(x));
		rc = vt_fail(eb, VT_ERR_CERT,
		    _("the certificate is not valid before %s"), when);
		free(when);
		return rc;
	}
	if (X509_cmp_time(X509_get0_notAfter(x), &now) < 0) {
		when = time_string(X509_get0_notAfter(x));
		rc = vt_fail(eb, VT_ERR_CERT,
		    _("the certificate expired on %s"), when);
		free(when);
		return rc;
	}
	if ((X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0 &&
	    (X509_get_key_usage(x) &
	    (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
		return vt_fail(eb, VT_ERR_CERT, _("the certificate's key usage "
		    "allows neither digitalSignature nor nonRepudiation"));
	return VT_OK;
}
