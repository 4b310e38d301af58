/*
 * vanthu: a signature in two steps the caller drives (vanthu/sign.h):
 * open the PDF and the token and choose the certificate, then sign with
 * the PIN the caller obtained.  No terminal I/O here: the command line
 * (src/cmd-ask.c) and the interface ask the person.  Also the signing
 * keys of the configuration.
 */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/sign.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

/* seal_diameter_mm: a number of millimetres from 10 to 80, else 0. */
static float
seal_mm(const char *s)
{
	char	*end;
	double	 v;

	if (s == NULL || *s == '\0')
		return 0;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end != '\0' || !(v >= 10 && v <= 80))
		return 0;
	return (float)v;
}

vt_code
vt_sign_config_load(const char *config_path, struct vt_sign_config *cfg,
    struct vt_errbuf *eb)
{
	struct vt_config	 c;
	vt_code			 rc;

	memset(cfg, 0, sizeof *cfg);
	rc = vt_config_load(&c, config_path, NULL, NULL, eb);
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
	cfg->seal_mm = seal_mm(vt_config_get(c, "seal_diameter_mm"));
	cfg->tsa_url = dup_or_null(vt_config_get(c, "tsa_url"));
	cfg->tsa_hash = dup_or_null(vt_config_get(c, "tsa_hash"));
	cfg->tsa_client_cert = dup_or_null(vt_config_get(c,
	    "tsa_client_cert"));
	cfg->tsa_client_key = dup_or_null(vt_config_get(c, "tsa_client_key"));
	if (vt_level_parse(vt_config_get(c, "signature_level"), &cfg->level)
	    != 0)
		cfg->level = VT_LEVEL_DEFAULT;
}

struct vt_tsa
vt_sign_config_tsa(const struct vt_sign_config *cfg)
{
	struct vt_tsa	 t;

	t.url = cfg->tsa_url;
	t.hash = cfg->tsa_hash;
	t.client_cert = cfg->tsa_client_cert;
	t.client_key = cfg->tsa_client_key;
	return t;
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
	free(cfg->tsa_url);
	free(cfg->tsa_hash);
	free(cfg->tsa_client_cert);
	free(cfg->tsa_client_key);
	memset(cfg, 0, sizeof *cfg);
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

/* ---- The signer ---------------------------------------------------- */

struct vt_signing {
	/* Copies of the options. */
	char				*in, *module, *key_uri;
	char				*image, *position, *name, *code;
	char				*reason, *location, *field, *font;
	char				*tsa_url, *tsa_hash, *tsa_cert;
	char				*tsa_key, *trust_file;
	struct vt_tsa			 tsa;
	enum vt_cert_kind		 kind;
	struct vt_pades_params		 p;
	/* State. */
	struct vt_pdf			*pdf;
	struct vt_token			*tok;
	const struct vt_token_cert	**cands;
	size_t				 ncands;
	char				*chosen_uri;	/* to find it again */
	struct vt_signing_info		 info;
	bool				 have_ci;
};

const struct vt_token_cert *const *
vt_signing_candidates(const struct vt_signing *s, size_t *n)
{
	*n = s->ncands;
	return (const struct vt_token_cert *const *)s->cands;
}

const struct vt_signing_info *
vt_signing_info(const struct vt_signing *s)
{
	return &s->info;
}

struct vt_pdf *
vt_signing_pdf(struct vt_signing *s)
{
	return s->pdf;
}

/* Forget the chosen certificate (its token is being reopened). */
static void
signer_unchoose(struct vt_signing *s)
{
	if (s->have_ci)
		vt_cert_info_free(&s->info.ci);
	s->have_ci = false;
	memset(&s->info.ci, 0, sizeof s->info.ci);
	s->info.cert = NULL;
	s->info.token_label = "";
	memset(&s->info.pin, 0, sizeof s->info.pin);
	s->info.login_required = false;
}

/* Open the token and list the certificates that match. */
static vt_code
signer_open_token(struct vt_signing *s, struct vt_errbuf *eb)
{
	vt_code	 rc;

	signer_unchoose(s);
	free(s->cands);
	s->cands = NULL;
	s->ncands = 0;
	if (s->tok != NULL) {
		vt_token_close(s->tok);
		s->tok = NULL;
	}
	if ((rc = vt_token_open(s->module, &s->tok, eb)) != VT_OK)
		return rc;
	return vt_token_matches(s->tok, s->key_uri, s->kind, &s->cands,
	    &s->ncands, eb);
}

vt_code
vt_signing_choose(struct vt_signing *s, size_t i, struct vt_errbuf *eb)
{
	const struct vt_token_slot	*slots, *slot;
	const struct vt_token_cert	*c;
	size_t				 n;
	vt_code				 rc;

	if (i >= s->ncands)
		return vt_fail(eb, VT_ERR_INVALID, _("no such certificate"));
	signer_unchoose(s);
	c = s->cands[i];
	if ((rc = vt_cert_check_signing(c->x509, s->p.when, eb)) != VT_OK)
		return rc;
	slots = vt_token_slots(s->tok, &n);
	if (c->slot >= n)
		return vt_fail(eb, VT_ERR_NO_TOKEN, NULL);
	slot = &slots[c->slot];
	s->info.cert = c;
	vt_cert_info_get(c->x509, &s->info.ci);
	s->have_ci = true;
	s->info.token_label = slot->label != NULL ? slot->label : "";
	s->info.pin = slot->pin;
	s->info.login_required = slot->login_required != 0;
	free(s->chosen_uri);
	s->chosen_uri = xstrdup(c->uri);
	return VT_OK;
}

#define DUP(f)	(o->f != NULL ? xstrdup(o->f) : NULL)

vt_code
vt_signing_open(const struct vt_signing_opts *o, bool can_pick,
    struct vt_signing **out, struct vt_errbuf *eb)
{
	struct vt_signing		*s = xcalloc(1, sizeof *s);
	const struct vt_token_cert	*only;
	vt_code				 rc;

	*out = NULL;
	s->in = xstrdup(o->in);
	s->module = DUP(module);
	s->key_uri = DUP(key_uri);
	s->kind = o->kind;
	s->p = o->p;
	if (s->p.when == 0)
		s->p.when = time(NULL);
	s->p.ap.image = s->image = DUP(p.ap.image);
	s->p.ap.position = s->position = DUP(p.ap.position);
	s->p.ap.name = s->name = DUP(p.ap.name);
	s->p.ap.code = s->code = DUP(p.ap.code);
	s->p.ap.font = s->font = DUP(p.ap.font);
	s->p.reason = s->reason = DUP(p.reason);
	s->p.location = s->location = DUP(p.location);
	s->p.field = s->field = DUP(p.field);
	s->tsa.url = s->tsa_url = DUP(tsa.url);
	s->tsa.hash = s->tsa_hash = DUP(tsa.hash);
	s->tsa.client_cert = s->tsa_cert = DUP(tsa.client_cert);
	s->tsa.client_key = s->tsa_key = DUP(tsa.client_key);
	s->trust_file = DUP(trust_file);
	s->info.token_label = "";
	if ((rc = vt_signing_set_level(s, o->level, eb)) != VT_OK)
		goto fail;
	if ((rc = vt_pdf_open(s->in, o->password, &s->pdf, eb)) != VT_OK)
		goto fail;
	s->info.pages = vt_pdf_page_count(s->pdf);
	s->info.signatures = vt_pdf_signature_count(s->pdf);
	if ((rc = vt_pades_check(s->pdf, &s->p, eb)) != VT_OK)
		goto fail;
	if ((rc = signer_open_token(s, eb)) != VT_OK)
		goto fail;
	if (s->ncands != 1 && !(can_pick && s->ncands > 1)) {
		/* vt_token_choose says why: nothing, or several, match. */
		rc = vt_token_choose(s->tok, s->key_uri, s->kind, &only, eb);
		if (rc == VT_OK)
			rc = vt_fail(eb, VT_ERR_CERT, NULL);
		goto fail;
	}
	if (s->ncands == 1 && (rc = vt_signing_choose(s, 0, eb)) != VT_OK)
		goto fail;
	*out = s;
	return VT_OK;
fail:
	vt_signing_close(s);
	return rc;
}

vt_code
vt_signing_set_level(struct vt_signing *s, enum vt_level level,
    struct vt_errbuf *eb)
{
	enum vt_level	 l = vt_level_resolve(level, VT_LEVEL_DEFAULT, &s->tsa);

	if (l >= VT_LEVEL_BT && s->tsa.url == NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("level %s needs a "
		    "timestamp authority: set tsa_url in the configuration, "
		    "or sign at level B-B"), vt_level_name(l));
	if (l >= VT_LEVEL_BLT && s->trust_file == NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("level %s keeps the "
		    "certificate chains up to the trusted certificates: set "
		    "trust_file"), vt_level_name(l));
	s->info.level = l;
	s->p.tsa = l >= VT_LEVEL_BT ? &s->tsa : NULL;
	return VT_OK;
}

/* After a wrong PIN: open the token again (enumerating the slots anew
   closes libp11's session) and read the PIN state of the same
   certificate. */
static vt_code
signer_reread(struct vt_signing *s, struct vt_errbuf *eb)
{
	size_t	 i;
	char	*uri = s->chosen_uri;
	vt_code	 rc;

	s->chosen_uri = NULL;
	rc = signer_open_token(s, eb);
	for (i = 0; rc == VT_OK && i < s->ncands; i++) {
		if (uri != NULL && strcmp(s->cands[i]->uri, uri) == 0)
			break;
	}
	if (rc == VT_OK && i == s->ncands)
		rc = vt_fail(eb, VT_ERR_NO_TOKEN, NULL);
	if (rc == VT_OK)
		rc = vt_signing_choose(s, i, eb);
	free(uri);
	return rc;
}

/* Did signing fail at a trust service that could not be reached or
   answered wrongly (the timestamp authority, an OCSP responder or CRL)?
   Then a lower level is still possible. */
static bool
tsa_failed(const struct vt_signing *s, vt_code rc)
{
	return s->info.level >= VT_LEVEL_BT && (rc == VT_ERR_NETWORK ||
	    rc == VT_ERR_TSA_NETWORK || rc == VT_ERR_STATUS_NETWORK ||
	    rc == VT_ERR_TLS || rc == VT_ERR_HTTP || rc == VT_ERR_PROTOCOL ||
	    rc == VT_ERR_TOO_BIG);
}

/* A copy of EB's detail in WHY (SIZE bytes), to quote it in a new
   message of EB. */
static const char *
why_of(const struct vt_errbuf *eb, char *why, size_t size)
{
	snprintf(why, size, "%s", eb != NULL ? eb->detail : "");
	return why;
}

/* B-LT, B-LTA: the validation data (and document timestamp) of the
   B-T copy BT into OUT. */
static vt_code
extend_signed(struct vt_signing *s, const char *bt, const char *out,
    struct vt_errbuf *eb)
{
	struct vt_extend_opts	 o;
	char			 why[600];
	vt_code			 rc;

	memset(&o, 0, sizeof o);
	o.in = bt;
	o.out = out;
	o.level = s->info.level;
	o.trust_file = s->trust_file;
	o.tsa = s->tsa;
	/* B-T is offered only when a trust service could not be reached:
	   a revoked certificate is refused at every level. */
	if ((rc = vt_ltv_extend(&o, eb)) != VT_OK) {
		snprintf(why, sizeof why, "%s", eb != NULL ? eb->detail : "");
		if (tsa_failed(s, rc))
			rc = vt_fail(eb, rc, _("level %s refused, nothing was "
			    "written: %s (level B-T is still possible)"),
			    vt_level_name(s->info.level), why);
		else
			rc = vt_fail(eb, rc, _("level %s refused, nothing was "
			    "written: %s"), vt_level_name(s->info.level), why);
	}
	return rc;
}

vt_code
vt_signing_sign(struct vt_signing *s, char *pin, const char *out,
    struct vt_errbuf *eb)
{
	const struct vt_pin_state	*st = &s->info.pin;
	STACK_OF(X509)			*chain;
	struct vt_errbuf		 eb2 = { VT_OK, "" };
	EVP_PKEY			*key = NULL;
	char				*bt, why[600];
	vt_code				 rc;

	if (s->info.cert == NULL) {
		vt_wipe_str(pin);
		return vt_fail(eb, VT_ERR_INVALID, _("no certificate was "
		    "chosen"));
	}
	if (s->info.login_required && st->locked) {
		vt_wipe_str(pin);
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("unblock the PIN with "
		    "the token's tool or ask the certificate issuer"));
	}
	rc = vt_token_login(s->tok, s->info.cert,
	    s->info.login_required ? pin : "", &key, eb);
	/* The token has it: no copy of ours outlives C_Login. */
	vt_wipe_str(pin);
	if (rc == VT_ERR_PIN_INCORRECT) {
		/* Never lock a card silently: say what the token says now. */
		if (signer_reread(s, &eb2) != VT_OK)
			return vt_fail(eb, rc, _("the token could not be read "
			    "again to say how many tries are left"));
		return vt_fail(eb, st->locked ? VT_ERR_PIN_LOCKED : rc, "%s",
		    vt_pin_wrong_text(st));
	}
	if (rc != VT_OK)
		return rc;
	chain = vt_token_chain(s->tok, s->info.cert);
	bt = s->info.level >= VT_LEVEL_BLT ? xasprintf("%s.vanthu-bt", out) :
	    NULL;
	vt_tmp_guard_add(bt);	/* a signal must not leave it behind */
	rc = vt_pades_sign(s->pdf, bt != NULL ? bt : out, s->info.cert->x509,
	    chain, key, &s->p, eb);
	sk_X509_pop_free(chain, X509_free);
	if (tsa_failed(s, rc))
		rc = vt_fail(eb, rc, _("level %s refused, nothing was written: "
		    "%s (level B-B, without a timestamp, is still possible)"),
		    vt_level_name(s->info.level), why_of(eb, why, sizeof why));
	if (rc == VT_OK && bt != NULL)
		rc = extend_signed(s, bt, out, eb);
	if (bt != NULL)
		unlink(bt);
	vt_tmp_guard_forget(bt);
	free(bt);
	if (rc != VT_OK)
		unlink(out);
	/* libp11 keeps a copy of the PIN until the token closes. */
	signer_unchoose(s);
	free(s->cands);
	s->cands = NULL;
	s->ncands = 0;
	vt_token_close(s->tok);
	s->tok = NULL;
	return rc;
}

void
vt_signing_close(struct vt_signing *s)
{
	if (s == NULL)
		return;
	signer_unchoose(s);
	free(s->cands);
	if (s->tok != NULL)
		vt_token_close(s->tok);
	if (s->pdf != NULL)
		vt_pdf_close(s->pdf);
	free(s->chosen_uri);
	free(s->in);
	free(s->module);
	free(s->key_uri);
	free(s->image);
	free(s->position);
	free(s->name);
	free(s->code);
	free(s->reason);
	free(s->location);
	free(s->field);
	free(s->font);
	free(s->tsa_url);
	free(s->tsa_hash);
	free(s->tsa_cert);
	free(s->tsa_key);
	free(s->trust_file);
	free(s);
}
