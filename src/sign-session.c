/*
 * vanthu: the parts of the signing dialogue that the sign commands
 * share: configuration and unlocking the token with the PIN.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "vanthu/i18n.h"
#include "vanthu/sign.h"

/* Long enough for any PKCS#11 PIN in use (cards take 4 to 16). */
#define PIN_MAX	128

void
vt_sign_config_load(const struct vt_cli *cli, struct vt_sign_config *cfg)
{
	(void)cli;
	memset(cfg, 0, sizeof *cfg);
}

void
vt_sign_config_free(struct vt_sign_config *cfg)
{
	free(cfg->pkcs11_module);
	free(cfg->key_uri);
	free(cfg->agency_key_uri);
	free(cfg->trust_file);
	free(cfg->signature_image);
	free(cfg->seal_image);
	free(cfg->position);
	memset(cfg, 0, sizeof *cfg);
}

const char *
vt_pin_state_text(const struct vt_pin_state *st)
{
	if (st->locked)
		return _("LOCKED: the PIN cannot be used any more");
	if (st->final_try)
		return _("one try left: the next wrong PIN locks the token");
	if (st->count_low)
		return _("a wrong PIN was entered: few tries are left");
	return _("ready");
}

int
vt_sign_report(const struct vt_errbuf *eb)
{
	char	 msg[700];

	fprintf(stderr, "%s: %s\n", PACKAGE,
	    vt_errbuf_message(eb, msg, sizeof msg));
	return vt_exit_status(eb->code);
}

vt_code
vt_sign_unlock(struct vt_token *t, const struct vt_token_cert *cert,
    int pin_stdin, EVP_PKEY **key, struct vt_errbuf *eb)
{
	const struct vt_token_slot	*slots, *s;
	struct vt_pin_state		 st;
	struct vt_errbuf		 eb2;
	char				 pin[PIN_MAX], prompt[300];
	size_t				 n;
	vt_code				 rc;

	slots = vt_token_slots(t, &n);
	s = &slots[cert->slot];
	if (!s->login_required)
		return vt_token_login(t, cert, "", key, eb);
	fprintf(stderr, _("Token %s: PIN %s\n"), s->label,
	    vt_pin_state_text(&s->pin));
	if (s->pin.locked)
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("unblock the PIN with "
		    "the token's tool or ask the certificate issuer"));
	snprintf(prompt, sizeof prompt, _("PIN for token %s: "), s->label);
	if ((rc = vt_pin_read(prompt, pin_stdin, pin, sizeof pin, eb)) !=
	    VT_OK)
		return rc;
	rc = vt_token_login(t, cert, pin, key, eb);
	OPENSSL_cleanse(pin, sizeof pin);
	if (rc != VT_ERR_PIN_INCORRECT)
		return rc;
	if (vt_token_pin_state(t, cert, &st, &eb2) != VT_OK)
		return vt_fail(eb, rc, NULL);
	if (st.locked)
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("this wrong PIN locked "
		    "the token"));
	if (st.final_try)
		return vt_fail(eb, rc, _("one try is left; the next wrong PIN "
		    "locks the token"));
	if (st.count_low)
		return vt_fail(eb, rc, _("few tries are left before the token "
		    "locks"));
	return vt_fail(eb, rc, _("the token did not say how many tries are "
	    "left"));
}
