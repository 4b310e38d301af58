/*
 * vanthu: verifying the signatures inside a PDF (PAdES and
 * adbe.pkcs7.detached): the CMS over each /ByteRange (RFC 5652), the
 * signer's certificate chain to a trust store (RFC 5280), and whether
 * the document changed after each signature (ISO 32000-1 12.8.1).
 */
#ifndef VANTHU_VERIFY_H
#define VANTHU_VERIFY_H

#include <stddef.h>
#include <time.h>

#include "vanthu/error.h"
#include "vanthu/token.h"

/* What a signature dictionary is: a signature (CMS, ETSI.CAdES.detached
   or adbe.pkcs7.detached) or a document timestamp (ETSI.RFC3161). */
enum vt_sig_kind {
	VT_SIG_SIGNATURE = 0,
	VT_SIG_TIMESTAMP
};

/* The class of a change an incremental update made after a signature
   (the categories of pyHanko's difference analysis and of ISO 32000-1
   12.8.2.2 DocMDP): all but VT_CHANGE_MODIFICATION may be allowed. */
enum vt_change_class {
	VT_CHANGE_SIGNATURE = 0, /* a signature field added or an empty
				    signature field signed */
	VT_CHANGE_TIMESTAMP,	/* a document timestamp added */
	VT_CHANGE_FORM_FILL,	/* a form field that existed was filled */
	VT_CHANGE_DSS,		/* validation data (PAdES DSS) added */
	VT_CHANGE_ANNOTATION,	/* an annotation added, changed, removed */
	VT_CHANGE_METADATA,	/* document information or XMP metadata */
	VT_CHANGE_MODIFICATION	/* anything else: never allowed */
};

/* One change made after a signature.  WHAT is a translated sentence
   for a clerk ("page 1 content was replaced"). */
struct vt_sig_change {
	int			 revision;	/* 1-based revision that made
						   it (revisions + 1: bytes
						   after the last revision) */
	enum vt_change_class	 cls;
	char			*what;
	char			*field;		/* the form field it touches
						   (full name), or NULL */
	int			 allowed;	/* for this signature, given
						   its DocMDP and FieldMDP */
};

/* One signature dictionary, in order of the end of its ByteRange
   (oldest first).  Strings are owned and UTF-8 (as found: pass them
   through the text module before showing). */
struct vt_sig_report {
	enum vt_sig_kind kind;
	char		*field;		/* the signature field's name, or "" */
	char		*subfilter;	/* "ETSI.CAdES.detached", ... */
	char		*digest;	/* "SHA256", ... (the CMS's digest
					   algorithm) or "" */
	char		*algorithm;	/* "RSA PKCS#1 v1.5", "RSA-PSS",
					   "ECDSA P-256", "Ed25519", "Ed448",
					   or "" */
	int		 hash_allowed;	/* 0: the digest is not allowed
					   (MD5, SHA-1, ...) */
	char		*signing_time;	/* /M as ISO 8601, or ""; for a
					   timestamp its genTime */
	char		*timestamp;	/* a document timestamp's time,
					   ISO 8601 Vietnam time, or "" */
	struct vt_cert_info signer;	/* the signer's (or the TSA's)
					   certificate; all "" when none */
	long long	 byte_range[4];	/* the first four /ByteRange numbers */
	int		 byte_range_len; /* numbers in /ByteRange, -1: none */
	char		*anomaly;	/* what is wrong with the dictionary
					   or its ByteRange, or NULL */
	long long	 end;		/* end of the signed bytes */
	long long	 bytes_after;	/* file size - end */
	int		 revision;	/* 1-based revision it covers, 0 if
					   it ends at no revision */
	int		 docmdp;	/* DocMDP permission P 1-3, 0: none */
	struct vt_sig_change *changes;	/* made by later revisions */
	size_t		 n_changes;
	int		 later_covered;	/* every later change is allowed */
	int		 range_ok;	/* no anomaly: the ByteRange starts at
					   0, its gap is exactly /Contents,
					   it ends at a revision */
	int		 integrity;	/* 1: the CMS (or timestamp token)
					   verifies over the ByteRange bytes */
	char		*integrity_error; /* why not, or NULL */
	int		 trusted;	/* 1: the signer chains to the trust
					   store */
	char		*trust_error;	/* why not, or NULL */
	int		 no_trust_store; /* 1: no trusted certificates
					   were given (no trust_file): the
					   chain was not checked at all */
	int		 valid;		/* range_ok && integrity && trusted
					   && later_covered, the signature
					   timestamp (if any) good and the
					   certificates not revoked and not
					   of unknown status */
	/* Long-term validation (vanthu/ltv.h), signatures only: */
	int		 sig_timestamp;	/* 0: none; 1: a signature timestamp
					   (RFC 3161, unsigned attribute)
					   checked: its time is TIMESTAMP;
					   -1: one that does not verify */
	char		*sig_timestamp_error; /* why, or NULL */
	int		 revocation;	/* enum vt_rev_status: the worst of
					   the signer's chain at the
					   timestamp's time (else now); for
					   a document timestamp, its
					   authority's chain at its time */
	char		*revocation_text; /* that in words (translated,
					   with the date, reason, source),
					   or NULL when not checked */
	int		 in_dss;	/* the file's DSS has a VRI entry
					   for this signature (B-LT) */
	int		 ts_revocation;	/* enum vt_rev_status of the chain
					   of the signature timestamp's
					   authority at the timestamp's
					   time (VT_REV_REVOKED also when
					   revoked later because its key
					   was compromised); for a document
					   timestamp see REVOCATION */
	char		*ts_revocation_text; /* that in words, or NULL */
	time_t		 revoked_at;	/* REVOCATION is VT_REV_REVOKED:
					   when the first revoked
					   certificate of the chain was
					   revoked (0: not known) */
};

struct vt_verify_result {
	struct vt_sig_report	*sigs;
	size_t			 n;
	long long		 file_size;
	int			 revisions;	/* incremental revisions */
	int			 valid;	/* n > 0 and every signature valid
					   (no disallowed later change) */
};

/*
 * vt_verify_pdf: verify every signature of the PDF at PATH (PASSWORD
 * for an encrypted file, or NULL) against the PEM CA certificates in
 * TRUST_FILE (NULL: the chain is not checked and no signature counts as
 * trusted).  Fills RES (free with vt_verify_result_free()) even when
 * signatures are invalid: that is a result, not an error.
 * Every signature dictionary is listed, however malformed; each later
 * revision is compared object by object with the one before it and its
 * changes classed (enum vt_change_class) and judged against each
 * signature's DocMDP/FieldMDP permissions.
 * Errors: VT_ERR_IO, VT_ERR_PDF (also: encrypted for certificates,
 * Adobe.PubSec, or a malformed /Encrypt), VT_ERR_PDF_PASSWORD,
 * VT_ERR_CONFIG (TRUST_FILE unreadable).
 */
vt_code	 vt_verify_pdf(const char *path, const char *password,
	     const char *trust_file, struct vt_verify_result *res,
	     struct vt_errbuf *eb);

/*
 * vt_verify_pdf_ex: vt_verify_pdf(), and when OFFLINE is nonzero no
 * network request is made: revocation comes only from the file's DSS
 * (vt_verify_pdf asks the OCSP responders and CRL distribution points
 * the certificates name when the DSS does not answer; ETSI EN 319
 * 102-1).
 */
vt_code	 vt_verify_pdf_ex(const char *path, const char *password,
	     const char *trust_file, int offline,
	     struct vt_verify_result *res, struct vt_errbuf *eb);
void	 vt_verify_result_free(struct vt_verify_result *res);

/*
 * vt_verify_format_pdf_date: a PDF date (ISO 32000-1 7.9.4,
 * "D:20260305091530+07'00'") as ISO 8601 ("2026-03-05T09:15:30+07:00")
 * into OUT (LEN bytes).  Returns 0, or -1 when S is not a PDF date
 * (then OUT is "").
 */
int	 vt_verify_format_pdf_date(const char *s, char *out, size_t len);

/*
 * vt_verify_report_text: RES in a clerk's words, translated, one
 * signature after the other (signer, time, algorithm, the revision it
 * covers, integrity, certificate, the later changes with their class
 * and whether they are allowed, the result), then the document's
 * verdict (all valid; intact but the signers not checked for want of
 * trust_file; NOT all valid, after vt_verify_status()); NAME names the
 * file when it has no signature.  Strings from the file are made
 * terminal-safe.  Returns a string the caller frees.
 */
char	*vt_verify_report_text(const struct vt_verify_result *res,
	     const char *name);

/* vt_verify_report_brief: one line per signature, "Signature 1: NAME -
   RESULT", translated and terminal-safe (or a line saying there is
   none).  Returns a string the caller frees. */
char	*vt_verify_report_brief(const struct vt_verify_result *res);

/* vt_verify_result_text: R's result line ("VALID", "NOT VERIFIED: no
   trusted certificate to check the signer" for VT_VERIFY_INDETERMINATE,
   "NOT VALID: valid for the revision it signed, but ...", "NOT VALID"),
   translated; a signature revoked with no timestamp to prove it older
   reads that its signing time is not proven and since when the
   certificate is revoked.  Returns a string the caller frees. */
char	*vt_verify_result_text(const struct vt_sig_report *r);

/*
 * The outcome of a signature or of a document, after ETSI EN 319 102-1
 * 5.1.3: VT_VERIFY_VALID is TOTAL-PASSED; VT_VERIFY_INDETERMINATE is an
 * intact signature (well-formed ByteRange, CMS verifies, allowed hash,
 * no disallowed later change, timestamp and revocation not failed)
 * whose signer could not be checked because no trusted certificate was
 * given (INDETERMINATE, NO_CERTIFICATE_CHAIN_FOUND); VT_VERIFY_INVALID
 * is every other case (TOTAL-FAILED, and the INDETERMINATE cases vanthu
 * refuses: a chain that does not reach the trusted certificates given,
 * revocation that cannot be found out).  Ordered: the worse is larger.
 */
enum vt_verify_status {
	VT_VERIFY_VALID = 0,
	VT_VERIFY_INDETERMINATE,
	VT_VERIFY_INVALID
};

/* vt_verify_sig_status: R's outcome (see enum vt_verify_status). */
enum vt_verify_status vt_verify_sig_status(const struct vt_sig_report *r);

/* vt_verify_status: RES's outcome, the worst of its signatures' (an
   invalid signature outweighs one not checked); VT_VERIFY_INVALID when
   the file has no signature, as RES->valid is 0 then. */
enum vt_verify_status vt_verify_status(const struct vt_verify_result *res);

/* vt_verify_status_name: "valid", "indeterminate", "invalid" (for
   JSON; static). */
const char *vt_verify_status_name(enum vt_verify_status st);

/*
 * vt_verify_headline: the one line a document view shows above the
 * document's text, whose details (vt_verify_report_text) follow the
 * text: no signature, all valid, signers not checked because trust_file
 * is not set, or NOT all valid (whenever any signature is invalid,
 * whatever the others).  Translated, static.
 */
const char *vt_verify_headline(const struct vt_verify_result *res);

/* vt_change_class_name: "signature", "timestamp", "form_fill", "dss",
   "annotation", "metadata", "modification" (for JSON; static). */
const char *vt_change_class_name(enum vt_change_class cls);

/* vt_change_class_label: the class in a clerk's words, translated
   (static). */
const char *vt_change_class_label(enum vt_change_class cls);

/*
 * The one policy a signed file must pass before vanthu sends it
 * (vt_verify_policy_check()): every signature intact (its CMS verifies
 * over a well-formed ByteRange) and its signer trusted against the
 * trust file; the last signature covers the whole file (with
 * VT_VERIFY_ALLOW_VDATA: or is followed only by validation data); and,
 * before it, nothing was added after a signature except what ALLOW
 * permits.
 */
#define VT_VERIFY_ALLOW_SIGNATURES	0x0	/* only later signatures */
#define VT_VERIFY_ALLOW_FORM_FILL	0x1	/* also form field values
						   (number and date filled
						   by the clerk) */
#define VT_VERIFY_ALLOW_VDATA		0x2	/* after the last signature,
						   validation data only: a
						   DSS and document
						   timestamps (PAdES B-LT,
						   B-LTA), each timestamp
						   intact and trusted */

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
