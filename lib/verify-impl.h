/*
 * vanthu: what the verification modules share inside the core library
 * (lib/sign-verify.c drives; lib/verify-cms.c checks a CMS or an RFC
 * 3161 timestamp token; lib/verify-rev.c finds the revisions of a file
 * and classes what each incremental update changed).
 */
#ifndef VANTHU_VERIFY_IMPL_H
#define VANTHU_VERIFY_IMPL_H

#include <stddef.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/x509.h>

#include "vanthu/verify.h"

/* The signed bytes: up to VT_RANGES_MAX pieces of the file in memory. */
#define VT_RANGES_MAX	8
struct vt_ranges {
	const unsigned char	*p[VT_RANGES_MAX];
	size_t			 n[VT_RANGES_MAX];
	int			 count;
};

/*
 * vt_verify_cms: verify DER (LEN bytes, the /Contents) as the
 * signature R->kind says (a detached CMS SignedData, or an RFC 3161
 * TimeStampToken whose message imprint is over the ranges) over DATA;
 * the signer chained to STORE (may be NULL).  Fills R's digest,
 * algorithm, hash_allowed, signer, integrity(_error), trusted,
 * trust_error and, for a timestamp, timestamp and signing_time.
 * RFC 5652 5.4-5.6, RFC 8419 (EdDSA), RFC 4056 (PSS), RFC 3161.
 */
void	 vt_verify_cms(const unsigned char *der, size_t len,
	     const struct vt_ranges *data, X509_STORE *store,
	     struct vt_sig_report *r);

/*
 * vt_verify_ltv: for the signature whose CMS is DER (LEN bytes), already
 * found intact and trusted by vt_verify_cms: check its signature
 * timestamp (unsigned attribute id-aa-signatureTimeStampToken, over the
 * signature value; vt_tsp_check) and the revocation status of each
 * certificate of its chain to STORE at the timestamp's time (else now),
 * from DSS and, when ONLINE, the responders (vt_rev_check).  Fills R's
 * sig_timestamp(_error), timestamp, revocation(_text) and the
 * revocation of the signature timestamp's authority at the timestamp's
 * time, ts_revocation(_text); a timestamp whose authority's certificate
 * was revoked before it (or later for a compromise) or whose status is
 * unknown is not accepted (sig_timestamp -1): the signer is then
 * checked as of now.
 */
struct vt_vdata;
void	 vt_verify_ltv(const unsigned char *der, size_t len,
	     X509_STORE *store, const struct vt_vdata *dss, int online,
	     struct vt_sig_report *r);

/*
 * vt_verify_ltv_timestamp: for the document timestamp whose token is
 * DER (LEN bytes), already found intact and trusted by vt_verify_cms:
 * the revocation status of its authority's chain to STORE at its time
 * (genTime), from DSS and, when ONLINE, the responders.  A revocation
 * after that time for a compromise (vt_crl_reason_compromise) counts as
 * revoked.  Fills R's revocation(_text).
 */
void	 vt_verify_ltv_timestamp(const unsigned char *der, size_t len,
	     X509_STORE *store, const struct vt_vdata *dss, int online,
	     struct vt_sig_report *r);

/*
 * vt_dss_read: the validation data of DOC's DSS (catalog /DSS: /Certs,
 * /OCSPs, /CRLs streams, decoded) appended to OUT.  Never throws.
 */
void	 vt_dss_read(fz_context *ctx, pdf_document *doc,
	     struct vt_vdata *out);

/* vt_dss_has_vri: whether DOC's DSS has a /VRI entry for the signature
   whose /Contents bytes are SIG (LEN bytes). */
int	 vt_dss_has_vri(fz_context *ctx, pdf_document *doc,
	     const unsigned char *sig, size_t len);

/* A revision: the file's first END bytes open as their own document. */
struct vt_revision {
	long long	 eof_end;	/* just after its "%%EOF" */
	long long	 end;		/* after the end-of-line that follows */
	pdf_document	*doc;
	struct vt_rolemap *roles;	/* what each object is (lazy) */
};

/* A change found between two revisions, before the permissions of any
   signature are applied. */
struct vt_rev_change {
	int			 revision;	/* 1-based */
	enum vt_change_class	 cls;
	char			*what;
	char			*field;		/* or NULL */
	int			 new_field;	/* FIELD did not exist before:
						   no FieldMDP lock applies */
};

struct vt_rev_changes {
	struct vt_rev_change	*v;
	size_t			 n, cap;
};

/*
 * vt_revisions_open: find the revisions of the file DATA (SIZE bytes):
 * every prefix ending at a "%%EOF" (and its end-of-line) that MuPDF
 * opens without repair (PASSWORD, or NULL, for an encrypted file).
 * Returns a vector (free with
 * vt_revisions_free) and its length in *N.  Never throws.
 */
struct vt_revision *vt_revisions_open(fz_context *ctx,
	     const unsigned char *data, size_t size, const char *password,
	     int *n);
void	 vt_revisions_free(fz_context *ctx, struct vt_revision *revs,
	     int n);

/*
 * vt_revision_diff: compare revision K (0-based) with revision K - 1
 * object by object and append each change, classed, to OUT (its
 * revision number is K + 1).  A revision that cannot be compared is one
 * VT_CHANGE_MODIFICATION.  Never throws.
 */
void	 vt_revision_diff(fz_context *ctx, struct vt_revision *revs, int k,
	     struct vt_rev_changes *out);

/* vt_rev_change_add: append a change (WHAT and FIELD copied; FIELD may
   be NULL), unless the same one is there already. */
void	 vt_rev_change_add(struct vt_rev_changes *c, int revision,
	     enum vt_change_class cls, const char *field, const char *what);
void	 vt_rev_changes_free(struct vt_rev_changes *c);

#endif
