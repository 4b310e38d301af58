/*
 * vanthu: what the signing commands (vanthu sign, vanthu verify, vanthu
 * token, vanthu draft sign) share: their configuration and the dialogue
 * that unlocks the token.
 */
#ifndef VANTHU_SIGN_H
#define VANTHU_SIGN_H

#include <openssl/evp.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
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
 * named by CLI (or the default file) into CFG.  Missing file or keys
 * leave fields NULL.  Free with vt_sign_config_free().
 */
void	 vt_sign_config_load(const struct vt_cli *cli,
	     struct vt_sign_config *cfg);
void	 vt_sign_config_free(struct vt_sign_config *cfg);

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

/* vt_sign_report: print "vanthu: MESSAGE" for EB on standard error and
   return the exit status for its code. */
int	 vt_sign_report(const struct vt_errbuf *eb);

#endif
