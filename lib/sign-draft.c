/*
 * vanthu: the one draft-signing pipeline (vanthu/sign-draft.h): what
 * `vanthu draft sign`, the interface's signing screen and the clerk's
 * agency signature share.  Prepare does every check that needs no PIN;
 * run signs, verifies the result with the one policy of the verify
 * module and builds the upload for the outbox.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/sign-draft.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

/* The largest signed file read back for the upload (as the server's
   limit for a version). */
#define SIGNED_MAX	((size_t)256 << 20)

struct vt_draft_sign {
	struct vt_draft_sign_info	 info;
	struct vt_signing		*sg;
	/* Owned copies. */
	char				*draft_id, *version_id, *subject;
	char				*number, *notation, *trust_file;
	char				*filled;	/* the hook's output */
	char				*out;		/* the signed copy */
	char				 sha[65];
	unsigned			 verify_allow;
};

static bool
is_signer(const struct vt_draft *d, const char *username)
{
	if (d->my_roles & VT_ROLE_SIGNER)
		return true;
	return username != NULL && d->signer.username != NULL &&
	    strcmp(username, d->signer.username) == 0;
}

static bool
is_clerk(const struct vt_draft *d, enum vt_user_role role)
{
	return role == VT_USER_CLERK || (d->my_roles & VT_ROLE_CLERK);
}

/* Which signature, and may this user make it now. */
static vt_code
check_role(const struct vt_draft_sign_opts *o, enum vt_draft_sign_mode *mode,
    struct vt_errbuf *eb)
{
	const struct vt_draft	*d = o->draft;
	enum vt_draft_state	 st = vt_draft_state_of(d);

	*mode = o->mode;
	if (*mode == VT_DRAFT_SIGN_AUTO)
		*mode = st == VT_DRAFT_SIGNED && is_clerk(d, o->role) ?
		    VT_DRAFT_SIGN_AGENCY : VT_DRAFT_SIGN_PERSONAL;
	if (*mode == VT_DRAFT_SIGN_AGENCY) {
		if (st != VT_DRAFT_SIGNED)
			return vt_fail(eb, VT_ERR_STATE, _("the agency "
			    "signature comes after the signer's: the draft "
			    "is %s"), vt_draft_state_name(d->state));
		if (!is_clerk(d, o->role))
			return vt_fail(eb, VT_ERR_FORBIDDEN, _("only a clerk "
			    "adds the agency signature"));
		return VT_OK;
	}
	if (st != VT_DRAFT_AWAITING_SIGNER && st != VT_DRAFT_APPROVED)
		return vt_fail(eb, VT_ERR_STATE, _("the draft is %s: it is "
		    "not waiting for its signer"), vt_draft_state_name(d->state));
	if (!is_signer(d, o->username))
		return vt_fail(eb, VT_ERR_FORBIDDEN, _("the signer of this "
		    "draft is %s"), d->signer.full_name != NULL ?
		    d->signer.full_name : "?");
	return VT_OK;
}

/* The file must be the server's version: what was viewed is signed. */
static vt_code
check_hash(struct vt_draft_sign *ds, const struct vt_version *v,
    const char *path, struct vt_errbuf *eb)
{
	vt_code	 rc;

	if ((rc = vt_sha256_file(path, ds->sha, eb)) != VT_OK)
		return rc;
	if (v->sha256 == NULL || strcasecmp(ds->sha, v->sha256) != 0)
		return vt_fail(eb, VT_ERR_CONFLICT, _("the file is not the "
		    "server's version (SHA-256 %.16s..., expected %.16s...): "
		    "open the draft again"), ds->sha,
		    v->sha256 != NULL ? v->sha256 : "");
	return VT_OK;
}

static void
copy_info(struct vt_draft_sign *ds, const struct vt_draft *d,
    enum vt_draft_sign_mode mode)
{
	const struct vt_version	*v = &d->current_version;
	const char		*num = d->code_number != NULL ?
				    d->code_number : "";
	const char		*nota = d->code_notation != NULL ?
				    d->code_notation : "";

	ds->draft_id = xstrdup(d->id);
	ds->version_id = xstrdup(v->id != NULL ? v->id : "");
	ds->subject = xstrdup(d->subject != NULL ? d->subject : "");
	ds->notation = xstrdup(nota);
	ds->number = *num != '\0' ? xasprintf("%s/%s", num, nota) :
	    xstrdup("");
	ds->info.mode = mode;
	ds->info.draft_id = ds->draft_id;
	ds->info.version_id = ds->version_id;
	ds->info.version_number = v->number;
	ds->info.subject = ds->subject;
	ds->info.number = ds->number;
	ds->info.notation = ds->notation;
	ds->info.sha256 = ds->sha;
	ds->info.server_pages = v->page_amount;
}

/* The signature to make: key, look, image, position, place. */
static void
signing_opts(const struct vt_draft_sign_opts *o, enum vt_draft_sign_mode mode,
    const char *in, struct vt_signing_opts *so)
{
	const struct vt_sign_config	*cfg = o->cfg;
	bool				 agency = mode == VT_DRAFT_SIGN_AGENCY;

	memset(so, 0, sizeof *so);
	so->in = in;
	so->module = o->module != NULL ? o->module : cfg->pkcs11_module;
	so->key_uri = o->key_uri != NULL ? o->key_uri : agency ?
	    cfg->agency_key_uri : cfg->key_uri;
	so->kind = agency ? VT_CERT_AGENCY : VT_CERT_PERSONAL;
	if (o->place != NULL)
		so->p.ap = *o->place;
	so->p.ap.visible = 1;
	so->p.ap.look = agency ? VT_LOOK_AGENCY : VT_LOOK_PERSONAL;
	so->p.ap.image = o->image != NULL ? o->image : agency ?
	    cfg->seal_image : cfg->signature_image;
	so->p.ap.seal_mm = cfg->seal_mm;
	/* Any level: the server accepts validation data (a DSS, a
	   document timestamp) after the last signature (docs/api.md
	   section 8). */
	so->tsa = vt_sign_config_tsa(cfg);
	so->level = vt_level_resolve(o->level != VT_LEVEL_DEFAULT ? o->level :
	    cfg->level, VT_LEVEL_DEFAULT, &so->tsa);
	so->trust_file = cfg->trust_file;
	if (!agency)
		so->p.ap.position = cfg->position != NULL ? cfg->position :
		    o->draft->signer_position;
}

vt_code
vt_draft_sign_check(const struct vt_draft_sign_opts *o,
    enum vt_draft_sign_mode *mode, struct vt_errbuf *eb)
{
	enum vt_draft_sign_mode	 m;
	vt_code			 rc;

	if ((rc = check_role(o, &m, eb)) != VT_OK)
		return rc;
	if (mode != NULL)
		*mode = m;
	if (o->cfg == NULL || o->cfg->trust_file == NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("set trust_file in the "
		    "configuration: the signed draft is verified against it "
		    "before it is sent"));
	if (!o->draft->has_current)
		return vt_fail(eb, VT_ERR_NOT_FOUND, _("the draft has no "
		    "version"));
	return VT_OK;
}

vt_code
vt_draft_sign_prepare(const struct vt_draft_sign_opts *o,
    struct vt_draft_sign **out, struct vt_errbuf *eb)
{
	struct vt_draft_sign	*ds;
	struct vt_signing_opts	 so;
	enum vt_draft_sign_mode	 mode;
	const char		*in = o->pdf;
	vt_code			 rc;

	*out = NULL;
	if ((rc = vt_draft_sign_check(o, &mode, eb)) != VT_OK)
		return rc;
	ds = xcalloc(1, sizeof *ds);
	copy_info(ds, o->draft, mode);
	ds->trust_file = xstrdup(o->cfg->trust_file);
	ds->verify_allow = o->verify_allow;
	ds->out = xasprintf("%s/signed-%s.pdf", o->work_dir, ds->draft_id);
	if ((rc = check_hash(ds, &o->draft->current_version, in, eb)) !=
	    VT_OK)
		goto fail;
	if (o->pre_sign != NULL) {
		ds->filled = xasprintf("%s/filled-%s.pdf", o->work_dir,
		    ds->draft_id);
		if ((rc = o->pre_sign(o->pre_sign_arg, in, ds->filled, eb)) !=
		    VT_OK)
			goto fail;
		in = ds->filled;
	}
	signing_opts(o, mode, in, &so);
	if ((rc = vt_signing_open(&so, o->can_pick, &ds->sg, eb)) != VT_OK)
		goto fail;
	ds->info.signer = vt_signing_info(ds->sg);
	ds->info.level = ds->info.signer->level;
	ds->info.pages = ds->info.signer->pages;
	if (ds->info.server_pages > 0 &&
	    ds->info.server_pages != ds->info.pages) {
		rc = vt_fail(eb, VT_ERR_CONFLICT, _("the server says %d pages "
		    "but the file has %d"), ds->info.server_pages,
		    ds->info.pages);
		goto fail;
	}
	*out = ds;
	return VT_OK;
fail:
	vt_draft_sign_free(ds);
	return rc;
}

const struct vt_draft_sign_info *
vt_draft_sign_info(const struct vt_draft_sign *ds)
{
	return &ds->info;
}

const struct vt_token_cert *const *
vt_draft_sign_candidates(const struct vt_draft_sign *ds, size_t *n)
{
	return vt_signing_candidates(ds->sg, n);
}

vt_code
vt_draft_sign_choose(struct vt_draft_sign *ds, size_t i,
    struct vt_errbuf *eb)
{
	return vt_signing_choose(ds->sg, i, eb);
}

vt_code
vt_draft_sign_set_level(struct vt_draft_sign *ds, enum vt_level level,
    struct vt_errbuf *eb)
{
	vt_code	 rc;

	if ((rc = vt_signing_set_level(ds->sg, level, eb)) == VT_OK)
		ds->info.level = ds->info.signer->level;
	return rc;
}

vt_code
vt_draft_sign_run(struct vt_draft_sign *ds, char *pin,
    struct vt_act *act, struct vt_errbuf *eb)
{
	struct vt_verify_policy	 pol;
	struct vt_buf		 b;
	vt_code			 rc;

	memset(act, 0, sizeof *act);
	if ((rc = vt_signing_sign(ds->sg, pin, ds->out, eb)) != VT_OK)
		return rc;
	memset(&pol, 0, sizeof pol);
	/* One signature more, and at B-LTA its document timestamp. */
	pol.signatures = (size_t)ds->info.signer->signatures + 1 +
	    (ds->info.signer->level >= VT_LEVEL_BLTA);
	pol.allow = ds->verify_allow | VT_VERIFY_ALLOW_VDATA;
	rc = vt_verify_policy_check(ds->out, ds->trust_file, &pol, NULL, eb);
	vt_buf_init(&b);
	if (rc == VT_OK)
		rc = vt_file_read(ds->out, SIGNED_MAX, &b, eb);
	if (rc == VT_OK)
		vt_act_signed_upload(act, ds->draft_id, ds->version_id,
		    b.data, b.len, ds->info.mode == VT_DRAFT_SIGN_AGENCY);
	vt_buf_free(&b);
	unlink(ds->out);
	return rc;
}

const char *
vt_draft_sign_level_text(enum vt_level level)
{
	switch (level) {
	case VT_LEVEL_BT:
		return _("with a timestamp from the timestamp authority");
	case VT_LEVEL_BLT:
		return _("with a timestamp and the validation data to check "
		    "it for years");
	case VT_LEVEL_BLTA:
		return _("with a timestamp, the validation data and a "
		    "document timestamp over all of it");
	default:
		return _("the signature alone, its time from this computer's "
		    "clock");
	}
}

void
vt_draft_sign_free(struct vt_draft_sign *ds)
{
	if (ds == NULL)
		return;
	vt_signing_close(ds->sg);
	if (ds->filled != NULL)
		unlink(ds->filled);
	if (ds->out != NULL)
		unlink(ds->out);
	free(ds->filled);
	free(ds->out);
	free(ds->draft_id);
	free(ds->version_id);
	free(ds->subject);
	free(ds->number);
	free(ds->notation);
	free(ds->trust_file);
	free(ds);
}
