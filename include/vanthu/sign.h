/*
 * vanthu: signing a PDF with a token in two steps the caller drives,
 * with no terminal I/O (prompts belong to the command line and the
 * interface, as curl keeps its password prompt in the tool):
 *   1. vt_signing_open(): open the PDF, check the signature can be made
 *      (vt_pades_check), open the token, list the certificates that
 *      match; vt_signing_choose() picks one and checks it;
 *   2. vt_signing_sign(): log in with the PIN the caller obtained and
 *      write the signed copy.
 * Also the signing keys of the configuration.
 */
#ifndef VANTHU_SIGN_H
#define VANTHU_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include <openssl/evp.h>

#include "vanthu/error.h"
#include "vanthu/ltv.h"
#include "vanthu/pades.h"
#include "vanthu/token.h"

/* Configuration keys of the signing commands (see vanthu.conf(5)).
   Every string is owned; NULL when not set. */
struct vt_sign_config {
	char	*pkcs11_module;		/* pkcs11_module */
	char	*key_uri;		/* key_uri: personal key */
	char	*agency_key_uri;	/* agency_key_uri: agency key */
	char	*trust_file;		/* trust_file: PEM CA certificates
					   for verifying signatures */
	char	*signature_image;	/* signature_image: PNG */
	char	*seal_image;		/* seal_image: PNG */
	char	*position;		/* signer_position: "CHỦ TỊCH" */
	float	 seal_mm;		/* seal_diameter_mm, 0 when unset
					   or not a number from 10 to 80 */
	char	*tsa_url;		/* tsa_url: RFC 3161 TSA */
	char	*tsa_hash;		/* tsa_hash: sha256 (default),
					   sha384, sha512 */
	char	*tsa_client_cert;	/* tsa_client_cert: PEM */
	char	*tsa_client_key;	/* tsa_client_key: PEM */
	enum vt_level level;		/* signature_level (B-B, B-T, B-LT,
					   B-LTA); VT_LEVEL_DEFAULT when
					   unset or not one of them */
};

/* vt_sign_config_tsa: CFG's timestamp authority (pointing into CFG). */
struct vt_tsa vt_sign_config_tsa(const struct vt_sign_config *cfg);

/*
 * vt_sign_config_load: read the signing keys of the configuration file
 * CONFIG_PATH (NULL: the default file; see vt_config_load()) into CFG:
 * pkcs11_module, key_uri, agency_key_uri, trust_file, signature_image,
 * seal_image, signer_position.  Missing file or keys leave fields NULL.
 * Errors: VT_ERR_CONFIG as vt_config_load().  Free with
 * vt_sign_config_free() (also after an error).
 */
vt_code	 vt_sign_config_load(const char *config_path,
	     struct vt_sign_config *cfg, struct vt_errbuf *eb);
/* vt_sign_config_from: the same keys from a loaded configuration C. */
struct vt_config;
void	 vt_sign_config_from(const struct vt_config *c,
	     struct vt_sign_config *cfg);
void	 vt_sign_config_free(struct vt_sign_config *cfg);

/* What to sign and with what (strings are copied by vt_signing_open). */
struct vt_signing_opts {
	const char		*in;		/* the PDF to sign */
	const char		*password;	/* of an encrypted PDF, or NULL */
	const char		*module;	/* PKCS#11 module, or NULL */
	const char		*key_uri;	/* pkcs11: URI, or NULL */
	enum vt_cert_kind	 kind;		/* used without key_uri */
	struct vt_pades_params	 p;		/* p.when 0: now; the
						   appearance's strings are
						   copied; p.tsa is set from
						   LEVEL and TSA */
	enum vt_level		 level;		/* VT_LEVEL_DEFAULT: B-T
						   when TSA has a URL, else
						   B-B (vt_level_resolve) */
	struct vt_tsa		 tsa;		/* for B-T and up (copied) */
	const char		*trust_file;	/* for B-LT and up: the
						   chains kept end there */
};

/* A signature being prepared: the open PDF and token. */
struct vt_signing;

/*
 * vt_signing_open: open O->in (VT_ERR_PDF_PASSWORD when it is encrypted
 * and O->password is not its password: ask the person and open again),
 * check the signature O->p can be made in it (vt_pades_check), open the
 * token (vt_token_open) and find the certificates that match
 * (vt_token_matches).  When exactly one matches, it is chosen as by
 * vt_signing_choose().  When several match and CAN_PICK, none is chosen
 * yet: show vt_signing_candidates() and call vt_signing_choose(); without
 * CAN_PICK that is VT_ERR_CERT naming them (choose with a key URI).
 * *OUT is freed with vt_signing_close() (NULL after an error).
 * Errors: those of vt_pdf_open, vt_pades_check, vt_token_open,
 * vt_token_choose, vt_cert_check_signing; VT_ERR_CONFIG when the level
 * needs a TSA (B-T and up) or a trust file (B-LT and up) that is not
 * configured (before any PIN is asked).
 */
vt_code	 vt_signing_open(const struct vt_signing_opts *o, bool can_pick,
	     struct vt_signing **out, struct vt_errbuf *eb);
void	 vt_signing_close(struct vt_signing *s);

/*
 * vt_signing_candidates: the certificates that match, *N of them (owned
 * by S; in token order).
 */
const struct vt_token_cert *const *vt_signing_candidates(
	     const struct vt_signing *s, size_t *n);

/*
 * vt_signing_choose: sign with candidate I and check its certificate
 * (vt_cert_check_signing at the signing time).  Errors: VT_ERR_INVALID
 * (no such candidate), those of vt_cert_check_signing.
 */
vt_code	 vt_signing_choose(struct vt_signing *s, size_t i,
	     struct vt_errbuf *eb);

/* What the person should see before giving the PIN (owned by S). */
struct vt_signing_info {
	const struct vt_token_cert *cert;	/* NULL until chosen */
	struct vt_cert_info	 ci;		/* of CERT (all "" before) */
	const char		*token_label;	/* "" before a choice */
	struct vt_pin_state	 pin;		/* its PIN state */
	bool			 login_required; /* the token wants a PIN */
	int			 pages;		/* of the PDF */
	int			 signatures;	/* signed fields already in it */
	enum vt_level		 level;		/* the level it will have */
};

/* vt_signing_info: what S knows now (after every step it changes). */
const struct vt_signing_info *vt_signing_info(const struct vt_signing *s);

/*
 * vt_signing_set_level: sign at LEVEL (PAdES baseline, ETSI EN 319
 * 142-1; VT_LEVEL_DEFAULT: B-T when a TSA URL is configured, else B-B)
 * rather than the level vt_signing_open() was given, before
 * vt_signing_sign(): for the confirmation screen's choice.  The level
 * in vt_signing_info() follows.  Errors (the level is unchanged):
 * VT_ERR_CONFIG when LEVEL needs a TSA (B-T and up) or a trust file
 * (B-LT and up) that is not configured.
 */
vt_code	 vt_signing_set_level(struct vt_signing *s, enum vt_level level,
	     struct vt_errbuf *eb);

/* vt_signing_pdf: the open PDF (owned by S), for callers that show it. */
struct vt_pdf	*vt_signing_pdf(struct vt_signing *s);

/*
 * vt_signing_sign: log in to the chosen certificate's token with PIN
 * (NUL-terminated; ignored when the token needs no login) and wipe PIN
 * (vt_wipe_str) right after C_Login, whatever its outcome, so that no
 * copy outlives the login (libp11 keeps its own until the token is
 * closed, which happens here as soon as the signature is made) and write the signed copy to OUT (vt_pades_sign; nothing is
 * left at OUT after an error).  A wrong PIN gives VT_ERR_PIN_INCORRECT
 * with what the token now says about the tries left, and the PIN state
 * of vt_signing_info() is read again, so that S can be given the next
 * try; a PIN the token locked gives VT_ERR_PIN_LOCKED.  A token whose
 * PIN is already locked is refused before the PIN is tried.
 * At B-T the signature gets a timestamp from the TSA (a TSA that
 * cannot be reached or refuses fails the signing: nothing is written;
 * sign at B-B then).  At B-LT and B-LTA the signed copy is then
 * extended (vt_ltv_extend); when that fails (an OCSP responder down,
 * a revoked certificate) nothing is written either and the message
 * says B-T is still possible.
 * Errors: VT_ERR_INVALID (no certificate chosen), those of
 * vt_token_login, vt_pades_sign, vt_tsp_stamp and vt_ltv_extend.
 */
vt_code	 vt_signing_sign(struct vt_signing *s, char *pin,
	     const char *out, struct vt_errbuf *eb);


/*
 * vt_parse_visible: the --visible argument "PAGE,X,Y,W,H" (page from 1;
 * points from the page's top left corner) into AP.  Returns 0, or -1
 * (AP unchanged) when S is not that, or a number is not finite (nan,
 * inf).  Whether the box lies on the page: vt_pades_check().
 */
int	 vt_parse_visible(const char *s, struct vt_appearance *ap);

#endif
