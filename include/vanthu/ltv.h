/*
 * vanthu: signatures that last (ETSI EN 319 142-1 PAdES baseline
 * levels): RFC 3161 timestamps (B-T: the signature-time-stamp unsigned
 * attribute; B-LTA: a document timestamp), revocation data from OCSP
 * (RFC 6960) and CRLs (RFC 5280), and the Document Security Store
 * (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 5.4.2) written as an
 * incremental update (B-LT).  No terminal I/O here.
 */
#ifndef VANTHU_LTV_H
#define VANTHU_LTV_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"

/* The PAdES baseline levels, each including the one before. */
enum vt_level {
	VT_LEVEL_DEFAULT = 0,	/* not chosen: B-T with a TSA, else B-B */
	VT_LEVEL_BB,		/* the signature alone */
	VT_LEVEL_BT,		/* + a signature timestamp */
	VT_LEVEL_BLT,		/* + certificates and revocation data (DSS) */
	VT_LEVEL_BLTA		/* + a document timestamp over all of it */
};

/* vt_level_parse: "B-B", "B-T", "B-LT", "B-LTA" (case-insensitive, the
   dash optional) into *OUT.  Returns 0, or -1 when S is none of them. */
int	 vt_level_parse(const char *s, enum vt_level *out);
/* vt_level_name: "B-B", "B-T", "B-LT", "B-LTA" (static). */
const char *vt_level_name(enum vt_level level);

/* A time-stamping authority (configuration keys tsa_url, tsa_hash,
   tsa_client_cert, tsa_client_key; strings not owned). */
struct vt_tsa {
	const char	*url;		/* http:// or https://, or NULL */
	const char	*hash;		/* "sha256" (default), "sha384",
					   "sha512" */
	const char	*client_cert;	/* PEM for TLS client auth, or NULL */
	const char	*client_key;	/* its key (PEM), or NULL */
};

/*
 * vt_level_resolve: the level to sign at: LEVEL, or for
 * VT_LEVEL_DEFAULT the configured CONFIGURED (vt_level_parse of
 * signature_level, VT_LEVEL_DEFAULT when unset), else B-T when TSA has
 * a URL and B-B otherwise.
 */
enum vt_level vt_level_resolve(enum vt_level level, enum vt_level configured,
	     const struct vt_tsa *tsa);

/* The trust services vt_ltv_fetch talks to. */
enum vt_trust_service {
	VT_SVC_TSA,		/* time-stamping authority (RFC 3161) */
	VT_SVC_OCSP,		/* OCSP responder (RFC 6960) */
	VT_SVC_CRL		/* CRL distribution point (RFC 5280) */
};

/*
 * vt_ltv_fetch: one HTTP request to the trust service SVC (TSA, OCSP
 * responder, CRL distribution point): POST BODY (LEN bytes, type CTYPE)
 * when BODY is not NULL, else GET.  http:// and https:// only (the
 * system CA store for https), no redirects to other schemes, at most
 * 10 s to connect and 30 s in all, an answer of at most 4 MiB into OUT
 * (initialised by the caller).  CERT and KEY: a TLS client certificate
 * (may be NULL).
 * Errors: VT_ERR_TSA_NETWORK (SVC is the TSA) or VT_ERR_STATUS_NETWORK
 * (an OCSP responder or CRL) when it cannot be reached or times out,
 * the detail saying why in the user's language and libcurl's words
 * after "technical detail:"; VT_ERR_HTTP (status not 200; the detail
 * names it), VT_ERR_TOO_BIG, VT_ERR_INVALID (not an http(s) URL).
 */
vt_code	 vt_ltv_fetch(enum vt_trust_service svc, const char *url,
	     const char *ctype, const void *body, size_t len,
	     const char *cert, const char *key, struct vt_buf *out,
	     struct vt_errbuf *eb);

/*
 * vt_tsp_stamp: an RFC 3161 TimeStampToken (DER ContentInfo, allocated
 * into *TST, free with free()) from TSA over the digest of DATA (LEN
 * bytes) with TSA->hash, with a random nonce and certReq so the token
 * carries the TSA's certificate.  The answer is checked: status
 * granted, the message imprint and the nonce are those asked, the
 * token's signature verifies with the certificate it carries.
 * Errors: VT_ERR_CONFIG (no URL), those of vt_ltv_fetch, VT_ERR_PROTOCOL
 * (not a timestamp answer, refused with its status text, imprint or
 * nonce not those asked).  Messages are translated and name the TSA.
 */
vt_code	 vt_tsp_stamp(const struct vt_tsa *tsa, const unsigned char *data,
	     size_t len, unsigned char **tst, size_t *tstlen,
	     struct vt_errbuf *eb);

/*
 * vt_tsp_add_signature_timestamp: add to the CMS SignedData *DER (LEN
 * bytes; replaced by a new allocation) the unsigned attribute
 * id-aa-signatureTimeStampToken (RFC 3161 appendix A, ETSI EN 319
 * 122-1 5.3) holding a timestamp from TSA over its one SignerInfo's
 * signature value.  Errors: those of vt_tsp_stamp, VT_ERR_INTERNAL.
 */
vt_code	 vt_tsp_add_signature_timestamp(const struct vt_tsa *tsa,
	     unsigned char **der, size_t *len, struct vt_errbuf *eb);

/* The room (bytes) a timestamp token takes in a signature's /Contents:
   its certificates and signature, with margin. */
#define VT_TSP_RESERVE	12288

/* What a timestamp token says, once checked (vt_tsp_check). */
struct vt_tsp_info {
	time_t	 gen_time;	/* genTime, UTC */
	X509	*tsa;		/* the TSA's certificate (owned; may be
				   NULL when the token lacks it) */
	STACK_OF(X509) *certs;	/* all certificates it carries (owned) */
};

/*
 * vt_tsp_check: parse the TimeStampToken DER (LEN bytes), check its
 * signature (CMS, by the certificate it carries, which must have the
 * timeStamping extended key usage) and that its message imprint is the
 * digest of DATA (DLEN bytes) in the token's hash algorithm; chain the
 * TSA certificate to STORE at the token's time (STORE may be NULL: not
 * checked).  Fills INFO (free with vt_tsp_info_free, also after an
 * error once parsed).  Returns NULL when all is well, else a translated
 * reason (static or allocated in *ALLOC, which the caller frees).
 */
const char *vt_tsp_check(const unsigned char *der, size_t len,
	     const unsigned char *data, size_t dlen, X509_STORE *store,
	     struct vt_tsp_info *info, char **alloc);
void	 vt_tsp_info_free(struct vt_tsp_info *info);

/*
 * vt_tsp_parse: what the TimeStampToken DER (LEN bytes) says, without
 * checking it (its signature, imprint and chain are vt_tsp_check's
 * job): genTime, the certificates it carries and its signer's.  Fills
 * INFO (free with vt_tsp_info_free, also after a failure).  Returns 0,
 * or -1 when it is not a well-formed RFC 3161 token with one signer
 * whose certificate it carries.
 */
int	 vt_tsp_parse(const unsigned char *der, size_t len,
	     struct vt_tsp_info *info);

/* The revocation status of one certificate at one time. */
enum vt_rev_status {
	VT_REV_NOT_CHECKED = 0,	/* nothing to check with: the certificate
				   names no OCSP responder and no CRL */
	VT_REV_GOOD,		/* not revoked at the time asked */
	VT_REV_REVOKED,		/* revoked before the time asked */
	VT_REV_REVOKED_LATER,	/* revoked, but after the time asked:
				   good at that time */
	VT_REV_UNKNOWN		/* could not be found out */
};

/* vt_rev_status_name: "not_checked", "good", "revoked",
   "revoked_later", "unknown" (for JSON; static). */
const char *vt_rev_status_name(int status);

/* Where the answer came from. */
enum vt_rev_source {
	VT_REVSRC_NONE = 0,
	VT_REVSRC_DSS_OCSP,	/* an OCSP response in the file's DSS */
	VT_REVSRC_DSS_CRL,	/* a CRL in the file's DSS */
	VT_REVSRC_OCSP,		/* the responder, online (or its cache) */
	VT_REVSRC_CRL,		/* the distribution point, online */
	VT_REVSRC_OCSP_KEPT,	/* the responder's answer kept from an
				   earlier check (it could not be asked) */
	VT_REVSRC_CRL_KEPT	/* the same for a CRL */
};

/* Validation data: DER certificates, OCSP responses and CRLs (the
   arrays of a DSS), each a vt_buf. */
struct vt_vdata {
	struct vt_buf	*certs;
	size_t		 n_certs;
	struct vt_buf	*ocsps;
	size_t		 n_ocsps;
	struct vt_buf	*crls;
	size_t		 n_crls;
};

void	 vt_vdata_free(struct vt_vdata *v);
/* vt_vdata_add: append a copy of DER (LEN bytes) to the array WHICH
   ('c' certs, 'o' OCSP responses, 'r' CRLs) unless it is already
   there; returns its index. */
size_t	 vt_vdata_add(struct vt_vdata *v, int which, const void *der,
	     size_t len);

/* The outcome of a revocation check. */
struct vt_rev_result {
	enum vt_rev_status status;
	enum vt_rev_source source;
	time_t		 revoked_at;	/* when revoked, else 0 */
	int		 reason;	/* CRLReason code, -1 if none */
	char		*detail;	/* why unknown (translated), or NULL */
};

/*
 * vt_rev_check: the status of CERT (issued by ISSUER) at time AT: first
 * from the OCSP responses and CRLs in DSS (may be NULL), then, when
 * ONLINE, from the OCSP responder of its authorityInfoAccess and, when
 * that fails, the CRL of its cRLDistributionPoints.  Answers fetched
 * are kept in $XDG_CACHE_HOME/vanthu/revocation/; when FETCHED is NULL
 * (a verification) a kept answer is used when the responder cannot be
 * asked (not ONLINE, or unreachable).  OCSP responses
 * must verify with ISSUER or a responder it delegated (id-kp-OCSPSigning);
 * CRLs with ISSUER.  When FETCHED is not NULL the answers fetched
 * online are appended to it (for a DSS).  A "good" answer counts only
 * when it was issued (thisUpdate) at FRESH or later: an older one may
 * predate a revocation (ETSI EN 319 102-1 5.2.5); FRESH is AT for a
 * signature, 0 (any) for the authority of a document timestamp, whose
 * DSS is written just before it by construction.  A "revoked" answer
 * counts whenever issued.  Fills RES (free its detail).
 */
void	 vt_rev_check(X509 *cert, X509 *issuer, time_t at, time_t fresh,
	     const struct vt_vdata *dss, int online, struct vt_vdata *fetched,
	     struct vt_rev_result *res);

/* vt_crl_reason_compromise: whether a certificate revoked with the
   CRLReason code REASON (-1: none) may have signed falsely before it
   was revoked: keyCompromise, cACompromise, unspecified or no reason
   (RFC 5280 5.3.1; ETSI EN 319 102-1 5.2.6: then what its key signed,
   a timestamp above all, proves nothing). */
int	 vt_crl_reason_compromise(int reason);

/* vt_crl_reason_text: the CRLReason code in words, translated. */
const char *vt_crl_reason_text(int reason);

/* What vt_ltv_extend does. */
struct vt_extend_opts {
	const char	*in;		/* the signed PDF */
	const char	*out;		/* where to write the result */
	const char	*password;	/* of an encrypted PDF, or NULL */
	enum vt_level	 level;		/* VT_LEVEL_BLT or VT_LEVEL_BLTA */
	const char	*trust_file;	/* PEM CA certificates: the chains
					   end there (required) */
	struct vt_tsa	 tsa;		/* for B-LTA */
};

/*
 * vt_ltv_extend: add to the signed PDF O->in, as incremental updates
 * written to O->out (through a temporary file: nothing is left there
 * after an error), the validation data of every signature and
 * signature timestamp in it (B-LT): a DSS in the catalog with /Certs
 * (each chain up to the trust anchor, the signers' and the TSAs'),
 * /OCSPs and /CRLs (fetched now from the responders the certificates
 * name), and a /VRI entry per signature (key: the upper-case hex SHA-1
 * of its /Contents bytes); for VT_LEVEL_BLTA then a document timestamp
 * (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) from O->tsa over the
 * whole file.  Data already in a DSS is kept.
 * Errors: VT_ERR_IO, VT_ERR_PDF, VT_ERR_SIGNATURE (no signature, or a
 * certificate revoked or whose status cannot be found: the detail says
 * which and why), VT_ERR_CONFIG (no trust file, or no TSA for B-LTA),
 * those of vt_tsp_stamp.
 */
vt_code	 vt_ltv_extend(const struct vt_extend_opts *o, struct vt_errbuf *eb);

#endif
