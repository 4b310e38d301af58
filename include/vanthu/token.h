/*
 * vanthu: signing tokens (USB tokens, smart cards, SoftHSM) through a
 * PKCS#11 module loaded with libp11, RFC 7512 "pkcs11:" URIs to choose a
 * token, key and certificate, the user PIN, and the checks a signing
 * certificate must pass.
 *
 * The private key never leaves the token: vt_token_login() gives an
 * OpenSSL EVP_PKEY whose signing operations are the token's C_Sign
 * (RSA PKCS#1 v1.5).
 */
#ifndef VANTHU_TOKEN_H
#define VANTHU_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "vanthu/error.h"

/* p11-kit's proxy module: every module registered with p11-kit. */
#define VT_PKCS11_DEFAULT_MODULE \
	"/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so"

/* An RFC 7512 PKCS#11 URI, parsed.  NULL fields were not given. */
struct vt_p11uri {
	char		*token;		/* token label */
	char		*manufacturer;	/* token manufacturer */
	char		*model;		/* token model */
	char		*serial;	/* token serial number */
	char		*object;	/* object label (CKA_LABEL) */
	unsigned char	*id;		/* CKA_ID bytes */
	size_t		 id_len;
	char		*type;		/* "private", "cert", ... */
	char		*module_path;	/* query attribute module-path */
};

/*
 * vt_p11uri_parse: parse the "pkcs11:" URI S (RFC 7512 section 2.3:
 * path attributes separated by ';', query attributes after '?' by '&',
 * values percent-encoded) into U, which the caller frees with
 * vt_p11uri_free().  Unknown attributes are ignored (as RFC 7512 allows
 * for vendor attributes); a pin-value query attribute is refused, since
 * PINs must not sit in configuration files or shell history.
 * Returns VT_OK or VT_ERR_INVALID with a detail in EB.
 */
vt_code	 vt_p11uri_parse(const char *s, struct vt_p11uri *u,
	     struct vt_errbuf *eb);
/* Free the strings of U and clear it. */
void	 vt_p11uri_free(struct vt_p11uri *u);
/*
 * vt_p11uri_format: the URI naming a private key by token label and
 * CKA_ID ("pkcs11:token=...;id=%01;type=private").  Caller frees.
 */
char	*vt_p11uri_format(const char *token, const unsigned char *id,
	     size_t id_len);

/* What a certificate is for, from its subject (docs/api.md section 8). */
enum vt_cert_kind {
	VT_CERT_PERSONAL,	/* ký số cá nhân: UID is the username */
	VT_CERT_AGENCY		/* ký số cơ quan: UID starts "AGENCY:" */
};

/* A certificate in readable form: every string is UTF-8 and owned. */
struct vt_cert_info {
	char	*subject;	/* RFC 2253 style, UTF-8 */
	char	*common_name;	/* CN, or "" */
	char	*uid;		/* UID (0.9.2342.19200300.100.1.1), or "" */
	char	*organization;	/* O, or "" */
	char	*issuer;	/* issuer, RFC 2253 style */
	char	*serial;	/* hex */
	char	*not_before;	/* as people read it, Vietnam time:
				   "29/11/2026 13:36" (vt_clock_show) */
	char	*not_after;
	char	*key_usage;	/* "digitalSignature, nonRepudiation" or
				   "(any)" when the extension is absent */
	enum vt_cert_kind kind;
};

/* vt_cert_info_get: fill INFO from X (caller frees with _free). */
void	 vt_cert_info_get(X509 *x, struct vt_cert_info *info);
void	 vt_cert_info_free(struct vt_cert_info *info);
/* vt_cert_kind_of: VT_CERT_AGENCY when X's UID starts with "AGENCY:". */
enum vt_cert_kind vt_cert_kind_of(X509 *x);

/*
 * vt_cert_check_signing: may X sign at time NOW?  Checks the validity
 * period (RFC 5280 section 4.1.2.5) and the keyUsage extension (section
 * 4.2.1.3: digitalSignature or nonRepudiation; a certificate without the
 * extension is not restricted).  Returns VT_OK, or VT_ERR_CERT with the
 * reason (expired on..., not valid before..., key usage) in EB.
 */
vt_code	 vt_cert_check_signing(X509 *x, time_t now, struct vt_errbuf *eb);

/* A loaded PKCS#11 module and its slots. */
struct vt_token;

/* The CK_TOKEN_INFO flags about PINs (PKCS#11 2.40 section 3.2). */
#define VT_CKF_USER_PIN_INITIALIZED	0x00000008UL
#define VT_CKF_USER_PIN_COUNT_LOW	0x00010000UL
#define VT_CKF_USER_PIN_FINAL_TRY	0x00020000UL
#define VT_CKF_USER_PIN_LOCKED		0x00040000UL
#define VT_CKF_USER_PIN_TO_BE_CHANGED	0x00080000UL
#define VT_CKF_SO_PIN_COUNT_LOW		0x00100000UL
#define VT_CKF_SO_PIN_FINAL_TRY		0x00200000UL
#define VT_CKF_SO_PIN_LOCKED		0x00400000UL
#define VT_CKF_SO_PIN_TO_BE_CHANGED	0x00800000UL

/* State of a token's user PIN, from the token info flags.  No token
   tells how many tries are left: only these. */
struct vt_pin_state {
	int	count_low;	/* CKF_USER_PIN_COUNT_LOW: a wrong PIN was
				   entered since the last right one */
	int	final_try;	/* CKF_USER_PIN_FINAL_TRY: the next wrong
				   PIN locks the token */
	int	locked;		/* CKF_USER_PIN_LOCKED: the PIN cannot be
				   used any more */
	int	to_be_changed;	/* CKF_USER_PIN_TO_BE_CHANGED */
	int	not_set;	/* CKF_USER_PIN_INITIALIZED is off */
	int	so_locked;	/* CKF_SO_PIN_LOCKED: no unblocking either */
};

/*
 * vt_pin_state_from_flags: the PIN state told by FLAGS, the flags of
 * CK_TOKEN_INFO (PKCS#11 2.40 section 3.2), into *ST.
 */
void	 vt_pin_state_from_flags(unsigned long flags,
	     struct vt_pin_state *st);

/*
 * vt_pin_state_text: one translated sentence saying exactly what ST
 * means for the person about to type the PIN (locked, last try, a
 * wrong PIN since the last right one, no PIN set, ready); static.
 */
const char *vt_pin_state_text(const struct vt_pin_state *st);

/*
 * vt_pin_wrong_text: after a wrong PIN, what the token's state ST (read
 * again after the try) says about the next tries; static, translated.
 */
const char *vt_pin_wrong_text(const struct vt_pin_state *st);

/* vt_pin_state_alarming: whether ST deserves a warning colour. */
bool	 vt_pin_state_alarming(const struct vt_pin_state *st);

/* One certificate on a token, with where to find it. */
struct vt_token_cert {
	X509		*x509;		/* owned by the vt_token */
	char		*label;		/* CKA_LABEL, owned by libp11 */
	char		*uri;		/* key URI, owned by the vt_token */
	size_t		 slot;		/* index into the token list */
};

/* One token (a slot with a token present). */
struct vt_token_slot {
	const char		*label;
	const char		*manufacturer;
	const char		*model;
	const char		*serial;
	struct vt_pin_state	 pin;
	int			 login_required;
	struct vt_token_cert	*certs;
	size_t			 ncerts;
};

/*
 * vt_token_open: load the PKCS#11 MODULE (a path, or NULL for
 * VT_PKCS11_DEFAULT_MODULE) and read its slots, tokens and (public)
 * certificates.  *OUT is freed with vt_token_close().
 * Errors: VT_ERR_TOKEN when the module cannot be loaded or fails.
 * A module with no token present is not an error here (see
 * vt_token_slots()).  Ignores SIGPIPE from then on, so that a remote
 * token whose socket closes (p11-kit's client module) gives an error.
 */
vt_code	 vt_token_open(const char *module, struct vt_token **out,
	     struct vt_errbuf *eb);
/* vt_token_close: log out, unload the module, free everything. */
void	 vt_token_close(struct vt_token *t);
/* vt_token_slots: the tokens present (*N of them); owned by T. */
const struct vt_token_slot *vt_token_slots(const struct vt_token *t,
	     size_t *n);

/*
 * vt_token_choose: pick the certificate to sign with.  With URI (a
 * "pkcs11:" URI), the certificate whose token and object attributes
 * match it; otherwise the only certificate of kind KIND on the present
 * tokens.  Returns VT_OK and sets *CERT (owned by T); VT_ERR_NO_TOKEN
 * when no token is present; VT_ERR_CERT when nothing or more than one
 * certificate matches (the detail names them: choose with --key).
 */
vt_code	 vt_token_choose(struct vt_token *t, const char *uri,
	     enum vt_cert_kind kind, const struct vt_token_cert **cert,
	     struct vt_errbuf *eb);

/*
 * vt_token_matches: every certificate vt_token_choose() would consider
 * (those matching URI, or of KIND without one), in token order, as a new
 * array *OUT of *N pointers owned by T (free the array with free()).
 * Errors: VT_ERR_NO_TOKEN, VT_ERR_INVALID (bad URI).
 */
vt_code	 vt_token_matches(struct vt_token *t, const char *uri,
	     enum vt_cert_kind kind, const struct vt_token_cert ***out,
	     size_t *n, struct vt_errbuf *eb);

/*
 * vt_token_login: log in to CERT's token with PIN (NUL-terminated; the
 * caller wipes it) and get the private key that belongs to CERT (same
 * CKA_ID).  *KEY stays owned by T and works until vt_token_close().
 * libp11 0.4.12 keeps its own copy of the PIN (to log in again after a
 * fork) and wipes it with OPENSSL_cleanse() in vt_token_close(): close
 * the token as soon as the signature is made.
 * Errors: VT_ERR_PIN_INCORRECT (the detail says what the token's flags
 * tell about the tries left), VT_ERR_PIN_LOCKED, VT_ERR_NO_TOKEN (the
 * token was removed), VT_ERR_TOKEN (no key for the certificate, other
 * failures).
 */
vt_code	 vt_token_login(struct vt_token *t, const struct vt_token_cert *cert,
	     const char *pin, EVP_PKEY **key, struct vt_errbuf *eb);

/*
 * vt_token_chain: the other certificates on CERT's token that issued it
 * directly or indirectly (to embed in the CMS), as a new stack the
 * caller frees with sk_X509_pop_free(); may be empty.
 */
STACK_OF(X509) *vt_token_chain(struct vt_token *t,
	     const struct vt_token_cert *cert);

/*
 * vt_token_pin_state: re-read the PIN state of CERT's token (the flags
 * change after a wrong PIN).  Returns VT_OK or VT_ERR_NO_TOKEN.
 */
vt_code	 vt_token_pin_state(struct vt_token *t,
	     const struct vt_token_cert *cert, struct vt_pin_state *st,
	     struct vt_errbuf *eb);

/*
 * vt_token_error: map the last PKCS#11 error that libp11 queued in
 * OpenSSL's error queue to a vt_code (CKR_PIN_INCORRECT →
 * VT_ERR_PIN_INCORRECT, CKR_DEVICE_REMOVED and CKR_TOKEN_NOT_PRESENT →
 * VT_ERR_NO_TOKEN, ...), record it in EB with WHAT as context, and clear
 * the queue.  Used after any libp11 or OpenSSL call that reached the
 * token, such as the signature itself.
 */
vt_code	 vt_token_error(const char *what, struct vt_errbuf *eb);

#endif
