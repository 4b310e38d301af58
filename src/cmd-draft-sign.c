/*
 * vanthu draft sign ID: sign the current version of a draft with the
 * token and send it.  The command only gathers answers (the certificate
 * among several, the confirmation, the PIN) and shows results; every
 * check is the core's one draft-signing pipeline (vanthu/sign-draft.h):
 * the downloaded file's SHA-256 must be the server's version hash, the
 * page count the server's, and the result must pass the one
 * verification policy before it goes to the outbox.  The agency
 * signature is not made here: it comes with the number and the date,
 * which only "vanthu draft issue" writes into the document.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cmd-ask.h"
#include "cmd-core.h"
#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/sign-draft.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CMD	"draft sign"

/* Download version V (the pipeline checks its SHA-256). */
static vt_code
download(struct core *core, const struct vt_version *v, const char *path,
    struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	vt_code			 rc;

	memset(&att, 0, sizeof att);
	att.id = v->attachment_id;
	att.sha256 = NULL;	/* checked once, by the pipeline */
	att.size = v->size;
	att.url = xasprintf("/api/v1/attachments/%s", v->attachment_id);
	rc = vt_api_download(core->client, &att, path, eb);
	free(att.url);
	return rc;
}

struct opts {
	const char		*id, *key_uri, *module, *image;
	struct vt_appearance	 place;
	int			 yes, pin_stdin, has_place;
};

/* Keys of the long-only options. */
enum { O_AGENCY = 256, O_VISIBLE, O_IMAGE, O_PIN_STDIN };

/* The options of ARGS into O; 0, or the exit status of a usage error. */
static int
parse(const struct vt_args *args, struct opts *o)
{
	const struct vt_arg	*a;
	size_t			 i;

	for (i = 0; i < args->nopts; i++) {
		a = &args->opts[i];
		switch (a->key) {
		case 'y': o->yes = 1; break;
		case O_AGENCY:
			return vt_cmd_usage_error(CMD, _("the agency "
			    "signature is added when the document is "
			    "issued, with its number and date: use vanthu "
			    "draft issue ID"));
		case 'k': o->key_uri = a->value; break;
		case 'm': o->module = a->value; break;
		case O_VISIBLE:
			if (vt_parse_visible(a->value, &o->place) != 0)
				return vt_cmd_usage_error(CMD, _("--visible "
				    "wants PAGE,X,Y,W,H (page from 1, "
				    "points)"));
			break;
		case O_IMAGE: o->image = a->value; break;
		case O_PIN_STDIN: o->pin_stdin = 1; break;
		}
	}
	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(CMD, _("expected one draft ID"));
	o->id = args->argv[0];
	return 0;
}

/* Show what will be signed (the pipeline's info). */
static void
show(const struct vt_draft_sign_info *in, const struct vt_draft *d)
{
	const struct vt_signing_info	*si = in->signer;

	vt_sign_printf(stdout, _("Draft:        %s  %s\n"), in->draft_id,
	    d->type_name != NULL ? d->type_name : "");
	vt_sign_printf(stdout, _("Subject:      %s\n"), in->subject);
	if (in->number[0] != '\0')
		vt_sign_printf(stdout, _("Number:       %s\n"), in->number);
	else
		vt_sign_printf(stdout, _("Number:       (given when issued)"
		    "/%s\n"), in->notation);
	vt_sign_printf(stdout, _("Version:      %d (%s), %d pages, "
	    "SHA-256 %.16s...\n"), in->version_number,
	    d->current_version.kind != NULL ? d->current_version.kind : "",
	    in->pages, in->sha256);
	vt_sign_printf(stdout, _("Signature:    %s\n"),
	    in->mode == VT_DRAFT_SIGN_AGENCY ? _("agency (ký số cơ quan)") :
	    _("personal (ký số cá nhân)"));
	vt_sign_printf(stdout, _("Certificate:  %s\n"), si->ci.subject);
	vt_sign_printf(stdout, _("Issuer:       %s\n"), si->ci.issuer);
	vt_sign_printf(stdout, _("Valid until:  %s\n"), si->ci.not_after);
	fflush(stdout);
}

/* Prepare with the pipeline; pick the certificate among several. */
static vt_code
prepare(struct vt_draft_sign_opts *so, struct vt_draft_sign **ds,
    struct vt_errbuf *eb)
{
	const struct vt_token_cert *const *certs;
	size_t		 n, i;
	vt_code		 rc;

	if ((rc = vt_draft_sign_prepare(so, ds, eb)) != VT_OK)
		return rc;
	if (vt_draft_sign_info(*ds)->signer->cert != NULL)
		return VT_OK;
	certs = vt_draft_sign_candidates(*ds, &n);
	if ((rc = cmd_pick_cert(certs, n, &i, eb)) == VT_OK)
		rc = vt_draft_sign_choose(*ds, i, eb);
	if (rc != VT_OK) {
		vt_draft_sign_free(*ds);
		*ds = NULL;
	}
	return rc;
}

/* Confirm, ask the PIN, sign, verify, queue; returns the exit status. */
static int
sign_and_send(struct core *core, const struct opts *o,
    struct vt_draft_sign_opts *so)
{
	struct vt_draft_sign	*ds = NULL;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_act		 act;
	char			 pin[CMD_PIN_MAX];
	int			 status;
	vt_code			 rc;

	memset(&act, 0, sizeof act);
	pin[0] = '\0';
	if ((rc = prepare(so, &ds, &eb)) == VT_OK) {
		show(vt_draft_sign_info(ds), so->draft);
		if (!o->yes)
			rc = cmd_ask_yes(_("Sign this version? [y/N] "), &eb);
	}
	if (rc == VT_OK)
		rc = cmd_sign_pin(vt_draft_sign_info(ds)->signer, o->pin_stdin,
		    pin, sizeof pin, &eb);
	if (rc == VT_OK)
		rc = vt_draft_sign_run(ds, pin, &act, &eb);
	OPENSSL_cleanse(pin, sizeof pin);
	vt_draft_sign_free(ds);
	if (rc != VT_OK) {
		if (eb.code == VT_ERR_CANCELLED && eb.detail[0] == '\0')
			return 1;
		return eb.code == VT_ERR_CONFLICT || eb.code ==
		    VT_ERR_FORBIDDEN || eb.code == VT_ERR_NOT_FOUND ?
		    core_fail(core, &eb) : vt_sign_report(&eb);
	}
	printf(_("Verified: every signature is valid and trusted.\n"));
	status = core_action(core, &act.spec);
	vt_act_clear(&act);
	return status;
}

static int
cmd_draft_sign(const struct vt_cli *cli, const struct vt_args *args)
{
	struct opts			 o;
	struct core			 core;
	struct vt_sign_config		 cfg;
	struct vt_draft_sign_opts	 so;
	enum vt_draft_sign_mode		 mode;
	const struct vt_session		*sess;
	struct vt_draft			 d;
	struct vt_errbuf		 eb = { VT_OK, "" };
	char				*dir = NULL, *in = NULL;
	const char			*tmpdir = getenv("TMPDIR");
	int				 status;

	memset(&o, 0, sizeof o);
	memset(&d, 0, sizeof d);
	memset(&cfg, 0, sizeof cfg);
	if ((status = parse(args, &o)) != 0)
		return status;
	if ((status = core_open(&core, cli, CMD, CORE_LOGIN | CORE_OUTBOX)) !=
	    0)
		return status;
	vt_sign_config_from(&core.cfg, &cfg);
	if (cfg.trust_file == NULL) {
		vt_fail(&eb, VT_ERR_CONFIG, _("set trust_file in the "
		    "configuration: the signed draft is verified against it "
		    "before it is sent"));
		status = vt_sign_report(&eb);
		goto out;
	}
	if (vt_api_draft_get(core.client, o.id, &d, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	memset(&so, 0, sizeof so);
	sess = vt_client_session(core.client);
	so.draft = &d;
	so.username = sess != NULL ? sess->username : NULL;
	so.role = vt_user_role_parse(sess != NULL ? sess->role : NULL);
	so.mode = VT_DRAFT_SIGN_AUTO;
	so.cfg = &cfg;
	/* Refuse who may not sign before anything is downloaded; the
	   clerk's signature on a signed draft is draft issue's. */
	if (vt_draft_sign_check(&so, &mode, &eb) == VT_OK &&
	    mode == VT_DRAFT_SIGN_AGENCY)
		vt_fail(&eb, VT_ERR_CONFLICT, _("%s is signed by its signer: "
		    "number it, add the agency signature and send it with "
		    "vanthu draft issue %s"), d.id, d.id);
	if (eb.code != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	dir = xasprintf("%s/vanthu-sign-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		vt_fail(&eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
		free(dir);
		dir = NULL;
		status = vt_sign_report(&eb);
		goto out;
	}
	in = xasprintf("%s/version.pdf", dir);
	if (download(&core, &d.current_version, in, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	so.pdf = in;
	so.work_dir = dir;
	so.module = o.module;
	so.key_uri = o.key_uri;
	so.image = o.image;
	so.place = o.place.has_rect ? &o.place : NULL;
	so.can_pick = !o.pin_stdin;
	status = sign_and_send(&core, &o, &so);
out:
	if (in != NULL) {
		char	*part = xasprintf("%s.part", in);

		unlink(part);
		free(part);
		unlink(in);
	}
	if (dir != NULL)
		rmdir(dir);
	free(in);
	free(dir);
	vt_draft_clear(&d);
	vt_sign_config_free(&cfg);
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt draft_sign_opts[] = {
	{ 'y', "yes", VT_OPT_SHORT, NULL,
	    N_("do not ask for confirmation (scripts)") },
	{ O_AGENCY, "agency", 0, NULL,
	    N_("refused: the clerk adds the agency signature with vanthu "
	    "draft issue") },
	{ 'k', "key", VT_OPT_SHORT | VT_OPT_ARG, N_("URI"),
	    N_("the key and certificate (a pkcs11: URI)") },
	{ 'm', "module", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the PKCS#11 module of the token") },
	{ O_VISIBLE, "visible", VT_OPT_ARG, N_("PAGE,X,Y,W,H"),
	    N_("where the signature shows (default: the draft's empty "
	    "signature field, else below the text)") },
	{ O_IMAGE, "image", VT_OPT_ARG, N_("FILE"),
	    N_("the signature (or seal) image") },
	{ O_PIN_STDIN, "pin-stdin", 0, NULL,
	    N_("read the PIN from standard input") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_sign_entry = {
	.name = "sign",
	.run = cmd_draft_sign,
	.summary = N_("sign the current version with the token and send it"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one draft ID"),
	.opts = draft_sign_opts,
	.help = N_("Sign the current version of draft ID with your personal "
	    "signature (you are its signer) and send it.  Shows what will be "
	    "signed and asks before the PIN.  The clerk's agency signature "
	    "comes with the number and the date: vanthu draft issue ID."),
};
