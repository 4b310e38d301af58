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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-ask.h"
#include "cmd-core.h"
#include "cmd-sign-work.h"
#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/sign-draft.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CMD	"draft sign"

struct opts {
	const char		*id, *key_uri, *module, *image;
	struct vt_appearance	 place;
	int			 yes, pin_stdin, has_place;
	enum vt_level		 level;		/* --level, or default */
};

/* Keys of the long-only options. */
enum { O_AGENCY = 256, O_VISIBLE, O_IMAGE, O_PIN_STDIN, O_LEVEL };

/* The options of ARGS into O; 0, or the exit status of a usage error. */
static int
parse(const struct vt_args *args, struct opts *o)
{
	const struct vt_arg	*a;
	size_t			 i;
	int			 st;

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
		case O_LEVEL:
			if ((st = cmd_level_arg(CMD, a->value, &o->level)) != 0)
				return st;
			break;
		}
	}
	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(CMD, _("expected one draft ID"));
	o->id = args->argv[0];
	return 0;
}

/* Show what will be signed (the pipeline's info); ARG is the draft. */
static void
show(const struct vt_draft_sign_info *in, void *arg)
{
	const struct vt_draft		*d = arg;
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
	    vt_version_kind_name(d->current_version.kind),
	    in->pages, in->sha256);
	vt_sign_printf(stdout, _("Signature:    %s\n"),
	    in->mode == VT_DRAFT_SIGN_AGENCY ? _("agency (ký số cơ quan)") :
	    _("personal (ký số cá nhân)"));
	cmd_level_show(stdout, in->level);
	vt_sign_printf(stdout, _("Certificate:  %s\n"), si->ci.subject);
	vt_sign_printf(stdout, _("Issuer:       %s\n"), si->ci.issuer);
	vt_sign_printf(stdout, _("Valid until:  %s\n"), si->ci.not_after);
	fflush(stdout);
}

/* Confirm, ask the PIN, sign, verify, queue; returns the exit status. */
static int
sign_and_send(struct core *core, const struct opts *o,
    struct vt_draft_sign_opts *so)
{
	struct cmd_sign_ask	 a = { _("Sign this version? [y/N] "), o->yes,
				     o->pin_stdin, show, NULL };
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_act		 act;
	int			 status;

	a.arg = (void *)(uintptr_t)so->draft;
	if (cmd_draft_sign_ask(so, &a, &act, &eb) != VT_OK)
		return cmd_draft_sign_status(core, &eb);
	printf(_("Verified: every signature is valid and trusted.\n"));
	status = core_action(core, &act.spec);
	vt_act_clear(&act);
	return status;
}

static int
cmd_draft_sign(const struct vt_cli *cli, const struct vt_args *args)
{
	struct opts		 o;
	struct cmd_draft_job	 j;
	int			 status;

	memset(&o, 0, sizeof o);
	if ((status = parse(args, &o)) != 0)
		return status;
	/* The personal signature only: the agency's is draft issue's. */
	status = cmd_draft_job_open(&j, cli, CMD, o.id, VT_DRAFT_SIGN_AUTO, 0);
	if (status == 0) {
		j.so.module = o.module;
		j.so.key_uri = o.key_uri;
		j.so.image = o.image;
		j.so.place = o.place.has_rect ? &o.place : NULL;
		j.so.can_pick = !o.pin_stdin;
		j.so.level = o.level;
		status = sign_and_send(&j.core, &o, &j.so);
	}
	cmd_draft_job_close(&j);
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
	CMD_OPT_LEVEL(O_LEVEL),
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
