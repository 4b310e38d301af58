/*
 * vanthu: PKCS#11 tokens through libp11: load the module, list tokens
 * and certificates, choose one by RFC 7512 URI or kind, log in, and get
 * the private key as an EVP_PKEY whose operations run on the token.
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <libp11.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "vanthu/i18n.h"
#include "vanthu/token.h"
#include "vanthu/xmalloc.h"

/* PKCS#11 2.40 return values vanthu tells apart (libp11 queues them as
   the reason of an OpenSSL error in its CKR library). */
#define VT_CKR_GENERAL_ERROR		0x05UL
#define VT_CKR_DEVICE_ERROR		0x30UL
#define VT_CKR_DEVICE_REMOVED		0x32UL
#define VT_CKR_PIN_INCORRECT		0xA0UL
#define VT_CKR_PIN_INVALID		0xA1UL
#define VT_CKR_PIN_LEN_RANGE		0xA2UL
#define VT_CKR_PIN_EXPIRED		0xA3UL
#define VT_CKR_PIN_LOCKED		0xA4UL
#define VT_CKR_SESSION_CLOSED		0xB0UL
#define VT_CKR_SESSION_HANDLE_INVALID	0xB3UL
#define VT_CKR_TOKEN_NOT_PRESENT	0xE0UL
#define VT_CKR_TOKEN_NOT_RECOGNIZED	0xE1UL
#define VT_CKR_USER_NOT_LOGGED_IN	0x101UL

struct slot_priv {
	PKCS11_SLOT	*slot;
	PKCS11_CERT	*certs;		/* libp11's array */
	unsigned int	 ncerts;
};

struct vt_token {
	PKCS11_CTX		*ctx;
	PKCS11_SLOT		*slots;
	unsigned int		 nslots;
	struct vt_token_slot	*list;
	struct slot_priv	*priv;
	size_t			 nlist;
	EVP_PKEY		*key;
	PKCS11_SLOT		*logged_in;
};

vt_code
vt_token_error(const char *what, struct vt_errbuf *eb)
{
	unsigned long	 e, ckr = 0;
	int		 lib = ERR_get_CKR_code();
	char		 text[256] = "";

	while ((e = ERR_get_error()) != 0) {
		if (ERR_GET_LIB(e) == lib)
			ckr = (unsigned long)ERR_GET_REASON(e);
		else if (text[0] == '\0')
			ERR_error_string_n(e, text, sizeof text);
	}
	switch (ckr) {
	case VT_CKR_PIN_INCORRECT:
	case VT_CKR_PIN_INVALID:
	case VT_CKR_PIN_LEN_RANGE:
		return vt_fail(eb, VT_ERR_PIN_INCORRECT, "%s", what);
	case VT_CKR_PIN_LOCKED:
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("%s: the PIN is locked; "
		    "unblock it with the token's tool or ask the issuer"),
		    what);
	case VT_CKR_PIN_EXPIRED:
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("%s: the PIN has "
		    "expired; change it with the token's tool"), what);
	case VT_CKR_DEVICE_REMOVED:
	case VT_CKR_TOKEN_NOT_PRESENT:
	case VT_CKR_TOKEN_NOT_RECOGNIZED:
	case VT_CKR_SESSION_CLOSED:
	case VT_CKR_SESSION_HANDLE_INVALID:
	case VT_CKR_DEVICE_ERROR:
		return vt_fail(eb, VT_ERR_NO_TOKEN, _("%s: the token was "
		    "removed or stopped answering (PKCS#11 error 0x%lx)"),
		    what, ckr);
	case VT_CKR_USER_NOT_LOGGED_IN:
		return vt_fail(eb, VT_ERR_TOKEN, _("%s: the token logged the "
		    "user out"), what);
	case 0:
		return vt_fail(eb, VT_ERR_TOKEN, "%s%s%s", what,
		    text[0] != '\0' ? ": " : "", text);
	default:
		return vt_fail(eb, VT_ERR_TOKEN, _("%s (PKCS#11 error 0x%lx)"),
		    what, ckr);
	}
}

/* The PIN state from the flags libp11 read (it gives them one by one). */
static void
pin_state_of(const PKCS11_TOKEN *tok, struct vt_pin_state *st)
{
	unsigned long	 f = 0;

	f |= tok->userPinSet ? VT_CKF_USER_PIN_INITIALIZED : 0;
	f |= tok->userPinCountLow ? VT_CKF_USER_PIN_COUNT_LOW : 0;
	f |= tok->userPinFinalTry ? VT_CKF_USER_PIN_FINAL_TRY : 0;
	f |= tok->userPinLocked ? VT_CKF_USER_PIN_LOCKED : 0;
	f |= tok->userPinToBeChanged ? VT_CKF_USER_PIN_TO_BE_CHANGED : 0;
	f |= tok->soPinCountLow ? VT_CKF_SO_PIN_COUNT_LOW : 0;
	f |= tok->soPinFinalTry ? VT_CKF_SO_PIN_FINAL_TRY : 0;
	f |= tok->soPinLocked ? VT_CKF_SO_PIN_LOCKED : 0;
	f |= tok->soPinToBeChanged ? VT_CKF_SO_PIN_TO_BE_CHANGED : 0;
	vt_pin_state_from_flags(f, st);
}

/* Read the certificates of every present token into T->list. */
static void
read_tokens(struct vt_token *t)
{
	unsigned int		 i, j;
	struct vt_token_slot	*ts;
	struct slot_priv	*sp;
	PKCS11_TOKEN		*tok;

	t->list = xcalloc(t->nslots, sizeof *t->list);
	t->priv = xcalloc(t->nslots, sizeof *t->priv);
	for (i = 0; i < t->nslots; i++) {
		if ((tok = t->slots[i].token) == NULL || !tok->initialized)
			continue;
		ts = &t->list[t->nlist];
		sp = &t->priv[t->nlist];
		sp->slot = &t->slots[i];
		ts->label = tok->label;
		ts->manufacturer = tok->manufacturer;
		ts->model = tok->model;
		ts->serial = tok->serialnr;
		ts->login_required = tok->loginRequired != 0;
		pin_state_of(tok, &ts->pin);
		if (PKCS11_enumerate_certs(tok, &sp->certs, &sp->ncerts) != 0) {
			ERR_clear_error();
			sp->certs = NULL;
			sp->ncerts = 0;
		}
		ts->certs = xcalloc(sp->ncerts, sizeof *ts->certs);
		for (j = 0; j < sp->ncerts; j++) {
			if (sp->certs[j].x509 == NULL)
				continue;
			ts->certs[ts->ncerts].x509 = sp->certs[j].x509;
			ts->certs[ts->ncerts].label = sp->certs[j].label;
			ts->certs[ts->ncerts].uri = vt_p11uri_format(tok->label,
			    sp->certs[j].id, sp->certs[j].id_len);
			ts->certs[ts->ncerts].slot = t->nlist;
			ts->ncerts++;
		}
		t->nlist++;
	}
}

vt_code
vt_token_open(const char *module, struct vt_token **out,
    struct vt_errbuf *eb)
{
	struct vt_token	*t;

	*out = NULL;
	if (module == NULL || *module == '\0')
		module = VT_PKCS11_DEFAULT_MODULE;
	/* A remote token (p11-kit's client module) talks over a socket: a
	   server that went away must give an error, not kill vanthu. */
	signal(SIGPIPE, SIG_IGN);
	t = xcalloc(1, sizeof *t);
	if ((t->ctx = PKCS11_CTX_new()) == NULL) {
		free(t);
		return vt_fail(eb, VT_ERR_TOKEN, _("cannot start libp11"));
	}
	if (PKCS11_CTX_load(t->ctx, module) != 0) {
		ERR_clear_error();
		PKCS11_CTX_free(t->ctx);
		free(t);
		return vt_fail(eb, VT_ERR_TOKEN, _("cannot load the PKCS#11 "
		    "module %s (set pkcs11_module or --module)"), module);
	}
	if (PKCS11_enumerate_slots(t->ctx, &t->slots, &t->nslots) != 0) {
		t->slots = NULL;
		t->nslots = 0;
		vt_token_close(t);
		return vt_token_error(_("cannot list the token slots"), eb);
	}
	read_tokens(t);
	*out = t;
	return VT_OK;
}

void
vt_token_close(struct vt_token *t)
{
	size_t	 i, j;

	if (t == NULL)
		return;
	EVP_PKEY_free(t->key);
	if (t->logged_in != NULL)
		PKCS11_logout(t->logged_in);
	for (i = 0; i < t->nlist; i++) {
		for (j = 0; j < t->list[i].ncerts; j++)
			free(t->list[i].certs[j].uri);
		free(t->list[i].certs);
	}
	free(t->list);
	free(t->priv);
	if (t->slots != NULL)
		PKCS11_release_all_slots(t->ctx, t->slots, t->nslots);
	PKCS11_CTX_unload(t->ctx);
	PKCS11_CTX_free(t->ctx);
	ERR_clear_error();
	free(t);
}

const struct vt_token_slot *
vt_token_slots(const struct vt_token *t, size_t *n)
{
	*n = t->nlist;
	return t->list;
}

static int
str_matches(const char *want, const char *have)
{
	return want == NULL || (have != NULL && strcmp(want, have) == 0);
}

/* Does certificate J of slot I match the parsed URI? */
static int
uri_matches(const struct vt_token *t, size_t i, size_t j,
    const struct vt_p11uri *u)
{
	const PKCS11_TOKEN	*tok = t->priv[i].slot->token;
	const PKCS11_CERT	*c = NULL;
	unsigned int		 k;

	for (k = 0; k < t->priv[i].ncerts; k++) {
		if (t->priv[i].certs[k].x509 == t->list[i].certs[j].x509)
			c = &t->priv[i].certs[k];
	}
	if (c == NULL)
		return 0;
	if (!str_matches(u->token, tok->label) ||
	    !str_matches(u->manufacturer, tok->manufacturer) ||
	    !str_matches(u->model, tok->model) ||
	    !str_matches(u->serial, tok->serialnr) ||
	    !str_matches(u->object, c->label))
		return 0;
	if (u->id != NULL && (u->id_len != c->id_len ||
	    memcmp(u->id, c->id, c->id_len) != 0))
		return 0;
	return 1;
}

vt_code
vt_token_matches(struct vt_token *t, const char *uri, enum vt_cert_kind kind,
    const struct vt_token_cert ***out, size_t *n, struct vt_errbuf *eb)
{
	struct vt_p11uri	 u;
	size_t			 i, j;
	vt_code			 rc;

	*out = NULL;
	*n = 0;
	if (t->nlist == 0)
		return vt_fail(eb, VT_ERR_NO_TOKEN, _("plug in the token and "
		    "try again (vanthu token list shows what is seen)"));
	memset(&u, 0, sizeof u);
	if (uri != NULL && (rc = vt_p11uri_parse(uri, &u, eb)) != VT_OK)
		return rc;
	for (i = 0; i < t->nlist; i++) {
		for (j = 0; j < t->list[i].ncerts; j++) {
			const struct vt_token_cert *c = &t->list[i].certs[j];

			if (uri != NULL ? !uri_matches(t, i, j, &u) :
			    vt_cert_kind_of(c->x509) != kind)
				continue;
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			(*out)[(*n)++] = c;
		}
	}
	vt_p11uri_free(&u);
	return VT_OK;
}

vt_code
vt_token_choose(struct vt_token *t, const char *uri, enum vt_cert_kind kind,
    const struct vt_token_cert **cert, struct vt_errbuf *eb)
{
	const struct vt_token_cert **m;
	size_t			 i, n;
	vt_code			 rc;
	char			 names[300] = "";

	*cert = NULL;
	if ((rc = vt_token_matches(t, uri, kind, &m, &n, eb)) != VT_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (strlen(names) + strlen(m[i]->uri) + 3 < sizeof names) {
			if (names[0] != '\0')
				strcat(names, ", ");
			strcat(names, m[i]->uri);
		}
	}
	if (n == 1)
		*cert = m[0];
	free(m);
	if (n == 0)
		return vt_fail(eb, VT_ERR_CERT, uri != NULL ?
		    _("no certificate on the token matches %s") :
		    kind == VT_CERT_AGENCY ?
		    _("no agency certificate on the token%s") :
		    _("no personal certificate on the token%s"),
		    uri != NULL ? uri : "");
	if (n > 1)
		return vt_fail(eb, VT_ERR_CERT, _("%zu certificates match; "
		    "choose one with --key: %s"), n, names);
	return VT_OK;
}

static PKCS11_CERT *
priv_cert(struct vt_token *t, const struct vt_token_cert *cert)
{
	struct slot_priv	*sp = &t->priv[cert->slot];
	unsigned int		 k;

	for (k = 0; k < sp->ncerts; k++) {
		if (sp->certs[k].x509 == cert->x509)
			return &sp->certs[k];
	}
	return NULL;
}

vt_code
vt_token_pin_state(struct vt_token *t, const struct vt_token_cert *cert,
    struct vt_pin_state *st, struct vt_errbuf *eb)
{
	PKCS11_SLOT	*slots = NULL, *mine = t->priv[cert->slot].slot;
	unsigned int	 n = 0, i;
	unsigned long	 id = PKCS11_get_slotid_from_slot(mine);
	vt_code		 rc = VT_ERR_NO_TOKEN;

	/* A fresh enumeration reads CK_TOKEN_INFO again. */
	if (PKCS11_enumerate_slots(t->ctx, &slots, &n) != 0)
		return vt_token_error(_("cannot read the token's state"), eb);
	for (i = 0; i < n; i++) {
		if (PKCS11_get_slotid_from_slot(&slots[i]) == id &&
		    slots[i].token != NULL) {
			pin_state_of(slots[i].token, st);
			rc = VT_OK;
		}
	}
	PKCS11_release_all_slots(t->ctx, slots, n);
	if (rc != VT_OK)
		return vt_fail(eb, rc, _("the token was removed"));
	return VT_OK;
}

vt_code
vt_token_login(struct vt_token *t, const struct vt_token_cert *cert,
    const char *pin, EVP_PKEY **key, struct vt_errbuf *eb)
{
	PKCS11_SLOT	*slot = t->priv[cert->slot].slot;
	PKCS11_CERT	*pc = priv_cert(t, cert);
	PKCS11_KEY	*pk;
	int		 logged = 0;

	*key = NULL;
	if (pc == NULL)
		return vt_fail(eb, VT_ERR_INTERNAL, "certificate not found");
	if (PKCS11_is_logged_in(slot, 0, &logged) != 0) {
		ERR_clear_error();
		logged = 0;
	}
	/* No PKCS11_open_session(): in libp11 0.4.12 it empties the session
	   pool, and a pool that must open a session on a token that went
	   away waits forever.  The pool already holds the session that
	   listed the certificates.  libp11 keeps a copy of the PIN for
	   re-login and wipes it in vt_token_close(). */
	if (!logged && slot->token->loginRequired) {
		if (PKCS11_login(slot, 0, pin) != 0)
			return vt_token_error(_("cannot log in to the "
			    "token"), eb);
		t->logged_in = slot;
	}
	if ((pk = PKCS11_find_key(pc)) == NULL) {
		ERR_clear_error();
		return vt_fail(eb, VT_ERR_TOKEN, _("the token has no private "
		    "key for the certificate %s"), cert->uri);
	}
	if ((t->key = PKCS11_get_private_key(pk)) == NULL)
		return vt_token_error(_("cannot use the private key"), eb);
	*key = t->key;
	return VT_OK;
}

STACK_OF(X509) *
vt_token_chain(struct vt_token *t, const struct vt_token_cert *cert)
{
	STACK_OF(X509)	*chain = sk_X509_new_null();
	X509		*cur = cert->x509;
	size_t		 i, j, depth;
	int		 found;

	/* Follow issuers among the token's certificates, up to 8 deep. */
	for (depth = 0; depth < 8; depth++) {
		if (X509_check_issued(cur, cur) == X509_V_OK)
			break;	/* self-signed: the root */
		found = 0;
		for (i = 0; i < t->nlist && !found; i++) {
			for (j = 0; j < t->list[i].ncerts && !found; j++) {
				X509 *c = t->list[i].certs[j].x509;

				if (c != cur && X509_check_issued(c, cur) ==
				    X509_V_OK) {
					X509_up_ref(c);
					sk_X509_push(chain, c);
					cur = c;
					found = 1;
				}
			}
		}
		if (!found)
			break;
	}
	return chain;
}
