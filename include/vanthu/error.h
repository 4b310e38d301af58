/*
 * vanthu: one error-code type used by every module (as curl's CURLcode).
 *
 * Every core function that can fail returns a vt_code.  A function that
 * has more to say fills an optional struct vt_errbuf with a detail line
 * (already translated, NFC, terminal-safe) for the user.
 */
#ifndef VANTHU_ERROR_H
#define VANTHU_ERROR_H

#include <stddef.h>

typedef enum vt_code {
	VT_OK = 0,
	VT_ERR_USAGE,		/* bad command-line usage */
	VT_ERR_INVALID,		/* invalid argument or input */
	VT_ERR_IO,		/* file system error */
	VT_ERR_CONFIG,		/* bad or missing configuration */
	VT_ERR_ENCODING,	/* text in an unknown or invalid encoding */
	VT_ERR_NETWORK,		/* cannot reach the server, timeout, drop */
	VT_ERR_TLS,		/* TLS handshake or verification failed */
	VT_ERR_HTTP,		/* unexpected HTTP status */
	VT_ERR_AUTH,		/* not logged in or wrong credentials */
	VT_ERR_EXPIRED,		/* the session token expired */
	VT_ERR_FORBIDDEN,	/* the server refuses this for this user */
	VT_ERR_NOT_FOUND,	/* no such document, draft or file */
	VT_ERR_CONFLICT,	/* the server state changed meanwhile */
	VT_ERR_REFUSED,		/* the server refused the request (4xx) */
	VT_ERR_SERVER,		/* the server failed (5xx) */
	VT_ERR_PROTOCOL,	/* malformed or unexpected response */
	VT_ERR_TOO_BIG,		/* response over the size limit */
	VT_ERR_OFFLINE,		/* no connection: the action was queued */
	VT_ERR_PDF,		/* broken or unreadable PDF */
	VT_ERR_PDF_REPAIRED,	/* PDF needs repair: no incremental update */
	VT_ERR_PDF_PASSWORD,	/* PDF is encrypted: password needed */
	VT_ERR_TOKEN,		/* PKCS#11 module or token failure */
	VT_ERR_NO_TOKEN,	/* no token present */
	VT_ERR_PIN_INCORRECT,	/* wrong PIN */
	VT_ERR_PIN_LOCKED,	/* PIN locked */
	VT_ERR_CERT,		/* certificate unusable for signing */
	VT_ERR_SIGNATURE,	/* a signature is invalid */
	VT_ERR_CANCELLED,	/* the user cancelled */
	VT_ERR_INTERNAL,	/* a bug in vanthu */
	VT_ERR_PDF_ENCRYPTED,	/* PDF encrypted in a way vanthu cannot open
				   (certificates) or with a broken /Encrypt */
	VT_ERR_DAMAGED,		/* a local file of vanthu's own (cache,
				   outbox, session) is damaged */
	VT_ERR_STATE,		/* not at the step this needs (checked
				   here: a closed dossier, a draft not
				   yet signed, registered twice) */
	VT_ERR_TSA_NETWORK,	/* the time-stamping service (TSA) could
				   not be reached or answered an error */
	VT_ERR_STATUS_NETWORK,	/* no certificate status service (OCSP
				   responder, CRL) could be reached */
	VT_ERR_LAST		/* not an error: the number of codes */
} vt_code;

/* A detailed error: the code and one line for the user. */
struct vt_errbuf {
	vt_code	code;
	char	detail[512];
};

/*
 * vt_strerror: the translated, one-line description of CODE.
 * Returns a static string (never NULL; owned by vanthu's catalogue).
 */
const char	*vt_strerror(vt_code code);

/*
 * vt_exit_status: the process exit status for CODE, as documented in
 * vanthu(1) under EXIT STATUS: 0 success, 1 general failure, 2 usage,
 * 3 network or offline (action queued), 4 authentication, 5 refused by
 * the server, 6 signature or token failure, 7 bad document (PDF).
 */
int		 vt_exit_status(vt_code code);

/*
 * vt_fail: record CODE and a printf-style detail in EB (which may be
 * NULL) and return CODE, so callers write "return vt_fail(eb, ...)".
 * FMT may be NULL for no detail.  The detail is truncated to fit.
 */
vt_code		 vt_fail(struct vt_errbuf *eb, vt_code code, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/*
 * vt_errbuf_message: the line to show for EB: "description: detail",
 * or just the description when there is no detail.  Writes into OUT
 * (LEN bytes, always NUL-terminated) and returns OUT.
 */
const char	*vt_errbuf_message(const struct vt_errbuf *eb, char *out,
		     size_t len);

#endif
