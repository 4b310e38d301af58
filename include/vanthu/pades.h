/*
 * vanthu: PAdES baseline B-B signatures inside a PDF (ETSI EN 319 142-1),
 * made with MuPDF as an incremental update, with a CAdES detached CMS
 * (ETSI EN 319 122-1: content-type, message-digest and
 * signing-certificate-v2 signed attributes, no signingTime, SHA-256) made
 * with OpenSSL, the signature value computed by the token, and the
 * visible appearance of Decree 30/2020/ND-CP Appendix I.
 */
#ifndef VANTHU_PADES_H
#define VANTHU_PADES_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "vanthu/error.h"
#include "vanthu/ltv.h"

/* SHA-256 digest length in bytes. */
#define VT_SHA256_LEN	32

/*
 * vt_cms_sign_digest: a DER CMS SignedData (RFC 5652) over detached
 * content whose SHA-256 is MD: one SignerInfo for CERT, whose signature
 * KEY computes once (RSA PKCS#1 v1.5 over the DER SET OF the signed
 * attributes, RFC 5652 section 5.4), the signed attributes
 * content-type, message-digest and ESS signing-certificate-v2 (RFC 5035)
 * and nothing else, and the certificates CERT and CHAIN (may be NULL).
 * *DER is allocated (free with free()), *LEN its size.
 * Errors: what vt_token_error() reports when the key fails (token
 * removed, ...), VT_ERR_INTERNAL for OpenSSL failures.
 */
vt_code	 vt_cms_sign_digest(X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key,
	     const unsigned char md[VT_SHA256_LEN], unsigned char **der,
	     size_t *len, struct vt_errbuf *eb);
/*
 * vt_cms_max_size: an upper bound in bytes of what vt_cms_sign_digest()
 * makes for these certificates and key (the room to reserve in the PDF).
 */
size_t	 vt_cms_max_size(X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key);

/* What the visible signature looks like (Decree 30, Appendix I). */
enum vt_look {
	VT_LOOK_PERSONAL,	/* position, signature image, name */
	VT_LOOK_AGENCY,		/* seal image over the left third of the
				   personal signature */
	VT_LOOK_ATTACHMENT	/* agency signature on an attachment: text
				   top right of page 1, no image */
};

struct vt_appearance {
	int		 visible;	/* 0: no appearance (invisible) */
	enum vt_look	 look;
	int		 page;		/* 1-based; 0: the default page */
	int		 has_rect;	/* 1: use x, y, w, h */
	float		 x, y, w, h;	/* points from the page's top left */
	const char	*image;		/* PNG/JPEG: signature or seal image,
					   or NULL */
	const char	*position;	/* line above: "CHỦ TỊCH", or NULL */
	const char	*name;		/* line below: the signer's name;
					   NULL: the certificate's CN */
	const char	*code;		/* number/notation for the attachment
					   form: "15/QĐ-UBND", or NULL */
	const char	*font;		/* TrueType font with Vietnamese
					   glyphs; NULL: Liberation Serif */
	int		 between_lines; /* set by vt_pades_sign(): the box
					   lies between the page's own
					   position and name lines, so only
					   the image (or who and when) is
					   drawn */
	float		 seal_mm;	/* the seal's diameter in mm
					   (seal_diameter_mm), 0: from the
					   image's resolution */
};

/* Liberation Serif (fonts-liberation2), metric-compatible with Times
   New Roman, which Decree 30 asks for. */
#define VT_DEFAULT_FONT \
	"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
#define VT_DEFAULT_FONT_BOLD \
	"/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"

/* The signature to make. */
struct vt_pades_params {
	time_t			 when;		/* signing time, for /M and
						   the appearance */
	const char		*reason;	/* /Reason, or NULL */
	const char		*location;	/* /Location, or NULL */
	const char		*field;		/* an existing empty signature
						   field to fill, or NULL: the
						   first empty one, if any */
	struct vt_appearance	 ap;
	const struct vt_tsa	*tsa;		/* not NULL: add a signature
						   timestamp from it (B-T;
						   vt_pades_sign fails when
						   the TSA does) */
};

/* A PDF opened for signing. */
struct vt_pdf;

/*
 * vt_pdf_open: open PATH for signing.  PASSWORD opens an encrypted file
 * (NULL when none was given).  Loads every page so that damage shows
 * now, before the PIN is asked.
 * Errors: VT_ERR_IO (cannot read), VT_ERR_PDF (not a PDF, broken beyond
 * use), VT_ERR_PDF_PASSWORD (encrypted and PASSWORD is NULL or wrong),
 * VT_ERR_PDF_REPAIRED (MuPDF had to repair it: an incremental update
 * would not preserve the bytes it signs).
 * *OUT is closed with vt_pdf_close().
 */
vt_code	 vt_pdf_open(const char *path, const char *password,
	     struct vt_pdf **out, struct vt_errbuf *eb);
void	 vt_pdf_close(struct vt_pdf *pdf);
/* vt_pdf_page_count: the number of pages. */
int	 vt_pdf_page_count(struct vt_pdf *pdf);
/* vt_pdf_signature_count: the number of signed signature fields,
   document timestamps included (as vt_verify_pdf lists them). */
int	 vt_pdf_signature_count(struct vt_pdf *pdf);

/*
 * vt_pades_check: check P against PDF before the PIN is asked: the page
 * and box of a --visible position (P->ap.has_rect) must lie on the page
 * (its box as MuPDF bounds it: CropBox, else MediaBox, rotated), and
 * the image of a visible signature (P->ap.image) must be a regular file
 * of at most VT_IMAGE_MAX bytes that decodes as an image.
 * Errors: VT_ERR_USAGE (page or box), VT_ERR_INVALID (image).
 */
vt_code	 vt_pades_check(struct vt_pdf *pdf, const struct vt_pades_params *p,
	     struct vt_errbuf *eb);

/*
 * vt_pades_sign: sign PDF with KEY and CERT (CHAIN: more certificates to
 * embed, may be NULL) and write the result to OUT_PATH: a copy of the
 * input file followed by one incremental update (ISO 32000-1 section
 * 7.5.6) holding the signature field, its appearance and the signature
 * dictionary (/Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached,
 * /M, /ByteRange over the whole file but /Contents).  No /Lock and no
 * FieldMDP /Reference, so a later signature (the agency's) keeps this
 * one valid.  OUT_PATH is written through a temporary file in its
 * directory and renamed at the end: on failure nothing is left there.
 * Errors: VT_ERR_IO, VT_ERR_PDF, VT_ERR_PDF_REPAIRED, the token's errors
 * (VT_ERR_NO_TOKEN when it was removed), VT_ERR_INVALID (bad page or
 * field).
 */
vt_code	 vt_pades_sign(struct vt_pdf *pdf, const char *out_path,
	     X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key,
	     const struct vt_pades_params *p, struct vt_errbuf *eb);

/*
 * vt_format_vn_time: T as ISO 8601 in Vietnam's time zone (UTC+07:00,
 * no daylight saving), "2026-03-05T09:15:30+07:00", into OUT (at least
 * 26 bytes).  Returns OUT.
 */
char	*vt_format_vn_time(time_t t, char *out, size_t len);

#endif
