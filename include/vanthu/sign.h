/*
 * vanthu: what the signing commands (vanthu sign, vanthu verify, vanthu
 * token, vanthu draft sign) share: their configuration and the dialogue
 * that unlocks the token.
 */
#ifndef VANTHU_SIGN_H
#define VANTHU_SIGN_H

#include <stdio.h>

#include <openssl/evp.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
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
};

/*
 * vt_sign_config_load: read the signing keys of the configuration
 * (vt_config_load(): the file named by CLI's --config, or the default
 * file) into CFG: pkcs11_module, key_uri, agency_key_uri, trust_file,
 * signature_image, seal_image, signer_position.  Missing file or keys
 * leave fields NULL.  Errors: VT_ERR_CONFIG as vt_config_load().  Free
 * with vt_sign_config_free() (also after an error).
 */
vt_code	 vt_sign_config_load(const struct vt_cli *cli,
	     struct vt_sign_config *cfg, struct vt_errbuf *eb);
/* vt_sign_config_from: the same keys from a loaded configuration C. */
struct vt_config;
void	 vt_sign_config_from(const struct vt_config *c,
	     struct vt_sign_config *cfg);
void	 vt_sign_config_free(struct vt_sign_config *cfg);

struct vt_pdf;

/* One signature to make, for vt_sign_run(). */
struct vt_sign_job {
	const char		*in;		/* the PDF to sign */
	const char		*out;		/* the signed copy to write */
	const char		*password;	/* of an encrypted PDF, or NULL */
	const char		*module;	/* PKCS#11 module, or NULL */
	const char		*key_uri;	/* pkcs11: URI, or NULL */
	enum vt_cert_kind	 kind;		/* used without key_uri */
	int			 pin_stdin;
	struct vt_pades_params	 p;
	/*
	 * Called after the PDF opened and the certificate passed its
	 * checks, before the PIN is asked: show what will be signed and
	 * ask; return VT_OK to go on, or an error (VT_ERR_CANCELLED) to
	 * stop.  NULL: print one "Signing FILE (N pages) as SUBJECT" line.
	 */
	vt_code	(*confirm)(void *arg, struct vt_pdf *pdf, X509 *cert,
		    struct vt_errbuf *eb);
	void			*confirm_arg;
};

/*
 * vt_sign_run: sign JOB->in into JOB->out: open the PDF (asking its
 * password on the terminal when it is encrypted and none was given),
 * open the token and choose the certificate, check it
 * (vt_cert_check_signing), confirm, unlock with the PIN (vt_sign_unlock),
 * sign (vt_pades_sign).  Nothing is written unless everything worked.
 * Errors: those of the steps.
 */
vt_code	 vt_sign_run(struct vt_sign_job *job, struct vt_errbuf *eb);

/* vt_pin_state_text: one translated line describing ST. */
const char *vt_pin_state_text(const struct vt_pin_state *st);

/*
 * vt_sign_unlock: show CERT's token and its PIN state on standard
 * error, ask the PIN (terminal without echo, or standard input with
 * PIN_STDIN), log in and get the key (owned by T).  The PIN is wiped
 * before returning.  A wrong PIN gives VT_ERR_PIN_INCORRECT with what
 * the token then says about the tries left.  Errors as vt_token_login()
 * and vt_pin_read().
 */
vt_code	 vt_sign_unlock(struct vt_token *t, const struct vt_token_cert *cert,
	     int pin_stdin, EVP_PKEY **key, struct vt_errbuf *eb);

/*
 * vt_sign_printf: printf to F, the whole text made terminal-safe first
 * (vt_text_safe() with VT_TEXT_MULTILINE): for lines that hold strings
 * from a token, a certificate or a PDF.
 */
void	 vt_sign_printf(FILE *f, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/*
 * vt_parse_visible: the --visible argument "PAGE,X,Y,W,H" (page from 1;
 * points from the page's top left corner) into AP.  Returns 0, or -1
 * (AP unchanged) when S is not that, or a number is not finite (nan,
 * inf).  Whether the box lies on the page: vt_pades_check().
 */
int	 vt_parse_visible(const char *s, struct vt_appearance *ap);

/* vt_sign_report: print "vanthu: MESSAGE" for EB on standard error and
   return the exit status for its code. */
int	 vt_sign_report(const struct vt_errbuf *eb);

#endif
