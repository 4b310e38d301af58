/*
 * vanthu: the parts of the signing dialogue that the sign commands
 * share: configuration and unlocking the token with the PIN.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vanthu/buf.h"
#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* Long enough for any PKCS#11 PIN in use (cards take 4 to 16). */
#define PIN_MAX	128

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

vt_code
vt_sign_config_load(const struct vt_cli *cli, struct vt_sign_config *cfg,
    struct vt_errbuf *eb)
{
	struct vt_config	 c;
	vt_code			 rc;

	memset(cfg, 0, sizeof *cfg);
	rc = vt_config_load(&c, cli != NULL ? cli->config_path : NULL,
	    cli != NULL ? cli->server_url : NULL,
	    cli != NULL ? cli->ca_file : NULL, eb);
	if (rc != VT_OK)
		return rc;
	vt_sign_config_from(&c, cfg);
	vt_config_free(&c);
	return VT_OK;
}

void
vt_sign_config_from(const struct vt_config *c, struct vt_sign_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->pkcs11_module = dup_or_null(c->pkcs11_module);
	cfg->key_uri = dup_or_null(c->key_uri);
	cfg->agency_key_uri = dup_or_null(vt_config_get(c, "agency_key_uri"));
	cfg->trust_file = dup_or_null(vt_config_get(c, "trust_file"));
	cfg->signature_image = dup_or_null(c->signature_image);
	cfg->seal_image = dup_or_null(c->seal_image);
	cfg->position = dup_or_null(vt_config_get(c, "signer_position"));
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

void
vt_sign_printf(FILE *f, const char *fmt, ...)
{
	struct vt_buf	 b;
	va_list		 ap;
	char		*safe;

	vt_buf_init(&b);
	va_start(ap, fmt);
	safe = xvasprintf(fmt, ap);
	va_end(ap);
	vt_buf_puts(&b, safe);
	free(safe);
	safe = vt_text_safe(b.data != NULL ? b.data : "", b.len,
	    VT_TEXT_MULTILINE);
	fputs(safe, f);
	free(safe);
	vt_buf_free(&b);
}

int
vt_parse_visible(const char *s, struct vt_appearance *ap)
{
	int	 page;
	float	 x, y, w, h;
	char	 extra;

	/* sscanf's %f takes "nan" and "inf" too: refused. */
	if (sscanf(s, "%d,%f,%f,%f,%f%c", &page, &x, &y, &w, &h, &extra) != 5 ||
	    !isfinite(x) || !isfinite(y) || !isfinite(w) || !isfinite(h) ||
	    page < 1 || w <= 0 || h <= 0 || x < 0 || y < 0)
		return -1;
	ap->page = page;
	ap->x = x;
	ap->y = y;
	ap->w = w;
	ap->h = h;
	ap->has_rect = 1;
	return 0;
}

int
vt_sign_report(const struct vt_errbuf *eb)
{
	char	 msg[700];

	vt_sign_printf(stderr, "%s: %s\n", PACKAGE,
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
	vt_sign_printf(stderr, _("Token %s: PIN %s\n"), s->label,
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

/* Open the PDF, asking the password on the terminal if needed. */
static vt_code
open_pdf(const struct vt_sign_job *job, struct vt_pdf **pdf,
    struct vt_errbuf *eb)
{
	char	 pw[256], prompt[300];
	vt_code	 rc;

	rc = vt_pdf_open(job->in, job->password, pdf, eb);
	if (rc != VT_ERR_PDF_PASSWORD || job->password != NULL ||
	    !isatty(STDERR_FILENO))
		return rc;
	snprintf(prompt, sizeof prompt, _("Password for %s: "), job->in);
	if (vt_pin_read(prompt, 0, pw, sizeof pw, eb) != VT_OK)
		return rc;
	rc = vt_pdf_open(job->in, pw, pdf, eb);
	OPENSSL_cleanse(pw, sizeof pw);
	return rc;
}

/*
 * Several certificates match: list them on the terminal and let the
 * user pick one.  Keeps the error in EB when there is no choice to make
 * or no terminal.
 */
static vt_code
pick_cert(struct vt_token *t, const struct vt_sign_job *job,
    const struct vt_token_cert **cert, struct vt_errbuf *eb)
{
	const struct vt_token_cert **m = NULL;
	struct vt_cert_info	 ci;
	struct vt_errbuf	 eb2;
	char			 line[16], *end;
	size_t			 i, n = 0;
	unsigned long		 k;
	FILE			*tty;

	if (vt_token_matches(t, job->key_uri, job->kind, &m, &n, &eb2) !=
	    VT_OK || n < 2 || (tty = fopen("/dev/tty", "r+e")) == NULL) {
		free(m);
		return eb->code;
	}
	fputs(_("Several certificates match:\n"), tty);
	for (i = 0; i < n; i++) {
		vt_cert_info_get(m[i]->x509, &ci);
		vt_sign_printf(tty, _("  %zu) %s\n     issuer %s, valid until "
		    "%s, %s\n"), i + 1, ci.subject, ci.issuer, ci.not_after,
		    m[i]->uri);
		vt_cert_info_free(&ci);
	}
	fprintf(tty, _("Certificate to use [1-%zu]: "), n);
	fflush(tty);
	if (fgets(line, sizeof line, tty) == NULL)
		line[0] = '\0';
	fclose(tty);
	k = strtoul(line, &end, 10);
	if (end == line || (*end != '\0' && *end != '\n') || k < 1 || k > n) {
		free(m);
		return vt_fail(eb, VT_ERR_CANCELLED, _("no certificate was "
		    "chosen"));
	}
	*cert = m[k - 1];
	free(m);
	return VT_OK;
}

vt_code
vt_sign_run(struct vt_sign_job *job, struct vt_errbuf *eb)
{
	struct vt_pdf			*pdf = NULL;
	struct vt_token			*t = NULL;
	const struct vt_token_cert	*cert;
	struct vt_cert_info		 ci;
	STACK_OF(X509)			*chain = NULL;
	EVP_PKEY			*key;
	vt_code				 rc;

	if (job->p.when == 0)
		job->p.when = time(NULL);
	if ((rc = open_pdf(job, &pdf, eb)) != VT_OK)
		goto out;
	if ((rc = vt_pades_check(pdf, &job->p, eb)) != VT_OK)
		goto out;
	if ((rc = vt_token_open(job->module, &t, eb)) != VT_OK)
		goto out;
	rc = vt_token_choose(t, job->key_uri, job->kind, &cert, eb);
	if (rc == VT_ERR_CERT && !job->pin_stdin)
		rc = pick_cert(t, job, &cert, eb);
	if (rc != VT_OK)
		goto out;
	if ((rc = vt_cert_check_signing(cert->x509, job->p.when, eb)) != VT_OK)
		goto out;
	if (job->confirm != NULL) {
		if ((rc = job->confirm(job->confirm_arg, pdf, cert->x509, eb)) !=
		    VT_OK)
			goto out;
	} else {
		vt_cert_info_get(cert->x509, &ci);
		vt_sign_printf(stderr, _("Signing %s (%d pages) as %s\n"),
		    job->in, vt_pdf_page_count(pdf), ci.subject);
		vt_cert_info_free(&ci);
	}
	if ((rc = vt_sign_unlock(t, cert, job->pin_stdin, &key, eb)) != VT_OK)
		goto out;
	chain = vt_token_chain(t, cert);
	rc = vt_pades_sign(pdf, job->out, cert->x509, chain, key, &job->p, eb);
out:
	if (chain != NULL)
		sk_X509_pop_free(chain, X509_free);
	vt_token_close(t);
	vt_pdf_close(pdf);
	return rc;
}
