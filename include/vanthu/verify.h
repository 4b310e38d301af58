/*
 * vanthu: verifying the signatures inside a PDF (PAdES and
 * adbe.pkcs7.detached): the CMS over each /ByteRange (RFC 5652), the
 * signer's certificate chain to a trust store (RFC 5280), and whether
 * the document changed after each signature (ISO 32000-1 12.8.1).
 */
#ifndef VANTHU_VERIFY_H
#define VANTHU_VERIFY_H

#include <stddef.h>

#include "vanthu/error.h"
#include "vanthu/token.h"

/* One signature, in file order (oldest first).  Strings are owned and
   UTF-8 (as found: pass them through the text module before showing). */
struct vt_sig_report {
	char		*field;		/* the signature field's name */
	char		*subfilter;	/* "ETSI.CAdES.detached", ... */
	char		*digest;	/* "SHA256", ... */
	char		*signing_time;	/* /M as ISO 8601, or "" */
	struct vt_cert_info signer;	/* the signer's certificate; all ""
					   when the CMS names none */
	long long	 byte_range[4];	/* /ByteRange */
	long long	 end;		/* byte_range[2] + byte_range[3] */
	long long	 bytes_after;	/* file size - end */
	int		 later_covered;	/* every byte after END is covered
					   by a later signature */
	int		 range_ok;	/* ByteRange starts at 0 and its gap
					   is exactly the /Contents string */
	int		 integrity;	/* 1: the CMS verifies over the
					   ByteRange bytes */
	char		*integrity_error; /* why not, or NULL */
	int		 trusted;	/* 1: the signer chains to the trust
					   store */
	char		*trust_error;	/* why not, or NULL */
	int		 valid;		/* range_ok && integrity && trusted */
};

struct vt_verify_result {
	struct vt_sig_report	*sigs;
	size_t			 n;
	long long		 file_size;
	int			 valid;	/* n > 0, every signature valid,
					   and nothing after the last one */
};

/*
 * vt_verify_pdf: verify every signature of the PDF at PATH (PASSWORD
 * for an encrypted file, or NULL) against the PEM CA certificates in
 * TRUST_FILE (NULL: the chain is not checked and no signature counts as
 * trusted).  Fills RES (free with vt_verify_result_free()) even when
 * signatures are invalid: that is a result, not an error.
 * Errors: VT_ERR_IO, VT_ERR_PDF, VT_ERR_PDF_PASSWORD, VT_ERR_CONFIG
 * (TRUST_FILE unreadable).
 */
vt_code	 vt_verify_pdf(const char *path, const char *password,
	     const char *trust_file, struct vt_verify_result *res,
	     struct vt_errbuf *eb);
void	 vt_verify_result_free(struct vt_verify_result *res);

/*
 * vt_verify_format_pdf_date: a PDF date (ISO 32000-1 7.9.4,
 * "D:20260305091530+07'00'") as ISO 8601 ("2026-03-05T09:15:30+07:00")
 * into OUT (LEN bytes).  Returns 0, or -1 when S is not a PDF date
 * (then OUT is "").
 */
int	 vt_verify_format_pdf_date(const char *s, char *out, size_t len);

/*
 * The one policy a signed file must pass before vanthu sends it
 * (vt_verify_policy_check()): every signature intact (its CMS verifies
 * over a well-formed ByteRange) and its signer trusted against the
 * trust file; the last signature covers the whole file; and, before
 * it, nothing was added after a signature except what ALLOW permits.
 */
#define VT_VERIFY_ALLOW_SIGNATURES	0x0	/* only later signatures */
#define VT_VERIFY_ALLOW_FORM_FILL	0x1	/* also form field values
						   (number and date filled
						   by the clerk) */

struct vt_verify_policy {
	size_t		 signatures;	/* how many the file must hold;
					   0: at least one */
	unsigned	 allow;		/* VT_VERIFY_ALLOW_* */
};

/*
 * vt_verify_policy_check: verify the PDF at PATH against the PEM CA
 * certificates in TRUST_FILE (required) with POLICY.  Returns VT_OK
 * when the file passes; VT_ERR_SIGNATURE with the first reason it does
 * not (which signature, and why) otherwise; the errors of
 * vt_verify_pdf() when it cannot be checked.  RES, when not NULL, gets
 * the full result (free with vt_verify_result_free()) in every case
 * where vt_verify_pdf() succeeded.
 */
vt_code	 vt_verify_policy_check(const char *path, const char *trust_file,
	     const struct vt_verify_policy *policy,
	     struct vt_verify_result *res, struct vt_errbuf *eb);

#endif
