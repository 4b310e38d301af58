/*
 * vanthu draft issue ID: the clerk numbers and issues a signed draft
 * (Decree 30/2020/ND-CP art. 15-18): reserve the number and the issue
 * date from the server, show them and the top of page 1 as it will be,
 * fill the number and date fields (an incremental update that keeps the
 * leader's signature valid), add the agency signature through the one
 * draft-signing pipeline, and send it.  A cancel or a failure before
 * the upload is queued gives the number back.
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
#include "vanthu/numfields.h"
#include "vanthu/outgoing.h"
#include "vanthu/pades.h"
#include "vanthu/sign-draft.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

#define CMD	"draft issue"
#define TO_MAX	64

enum { O_IMAGE = 256, O_PIN_STDIN, O_LEVEL };

struct opts {
	const char	*id, *key_uri, *module, *image;
	const char	*to[TO_MAX];
	size_t		 nto;
	int		 yes, pin_stdin;
	enum vt_level	 level;		/* --level, or default */
};

static int
parse(const struct vt_args *args, struct opts *o)
{
	size_t	 i;
	int	 st;

	for (i = 0; i < args->nopts; i++) {
		if (args->opts[i].key == O_LEVEL && (st = cmd_level_arg(CMD,
		    args->opts[i].value, &o->level)) != 0)
			return st;
		if (args->opts[i].key != 't')
			continue;
		if (o->nto >= TO_MAX || *args->opts[i].value == '\0')
			return vt_cmd_usage_error(CMD, _("too many or empty "
			    "--to recipients"));
		o->to[o->nto++] = args->opts[i].value;
	}
	o->yes = vt_args_has(args, 'y');
	o->pin_stdin = vt_args_has(args, O_PIN_STDIN);
	o->key_uri = vt_args_get(args, 'k');
	o->module = vt_args_get(args, 'm');
	o->image = vt_args_get(args, O_IMAGE);
	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(CMD, _("expected one draft ID"));
	o->id = args->argv[0];
	return 0;
}

/* The pipeline's pre-sign hook: fill the number and date fields. */
struct fill {
	const struct vt_reservation	*res;
	char				*filled;	/* the file written */
};

static vt_code
fill_fields(void *arg, const char *in, const char *out, struct vt_errbuf *eb)
{
	struct fill		*f = arg;
	vt_code			 rc;

	/* Cast away const: the hook only reads the reservation. */
	rc = vt_reservation_fill((void *)(uintptr_t)f->res, in, out, eb);
	if (rc == VT_OK) {
		free(f->filled);
		f->filled = xstrdup(out);
	}
	return rc;
}

/* Print the first lines of page 1 of PATH, as the clerk will issue it. */
static void
show_top(const char *path)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*text, *line, *save = NULL;

	if (vt_numfields_preview(path, 6, &text, &eb) != VT_OK)
		return;
	printf(_("Page 1 as it will be issued:\n"));
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		vt_sign_printf(stdout, "  | %s\n", line);
	free(text);
}

/* What show() prints besides the pipeline's info. */
struct shown {
	const struct vt_draft		*d;
	const struct vt_reservation	*r;
	const struct fill		*f;
};

static void
show(const struct vt_draft_sign_info *in, void *arg)
{
	const struct shown		*sh = arg;
	const struct vt_draft		*d = sh->d;
	const struct vt_reservation	*r = sh->r;
	const struct vt_signing_info	*si = in->signer;
	size_t				 i;

	vt_sign_printf(stdout, _("Draft:        %s  %s\n"), in->draft_id,
	    d->type_name != NULL ? d->type_name : "");
	vt_sign_printf(stdout, _("Subject:      %s\n"), in->subject);
	vt_sign_printf(stdout, _("Number:       %s\n"), r->number_line);
	vt_sign_printf(stdout, _("Date:         %s\n"), r->date_line);
	for (i = 0; i < r->nrecipients; i++)
		vt_sign_printf(stdout, i == 0 ? _("Recipients:   %s\n") :
		    "              %s\n", r->recipients[i]);
	vt_sign_printf(stdout, _("Signed by:    %s\n"), d->signer.full_name);
	vt_sign_printf(stdout, _("Version:      %d, %d pages, SHA-256 "
	    "%.16s...\n"), in->version_number, in->pages, in->sha256);
	vt_sign_printf(stdout, _("Signature:    %s\n"),
	    _("agency (ký số cơ quan)"));
	cmd_level_show(stdout, in->level);
	vt_sign_printf(stdout, _("Certificate:  %s\n"), si->ci.subject);
	vt_sign_printf(stdout, _("Valid until:  %s\n"), si->ci.not_after);
	fflush(stdout);
	if (sh->f->filled != NULL)
		show_top(sh->f->filled);
}

/* Give the number back after a cancel or a failure. */
static void
release(struct core *core, const struct vt_reservation *r)
{
	struct vt_errbuf	 eb = { VT_OK, "" };

	if (vt_api_number_release(core->client, r->draft_id, &eb) == VT_OK)
		vt_sign_printf(stdout, _("The number %s was given back.\n"),
		    r->number_notation);
	else
		core_warn(CMD, _("the number %s is still held on the server: "
		    "run vanthu draft issue %s again to use it"),
		    r->number_notation, r->draft_id);
}

/* Reserve, confirm, sign, queue; returns the exit status. */
static int
issue(struct core *core, const struct opts *o, struct vt_draft_sign_opts *so)
{
	struct vt_reservation	 res;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_act		 act;
	struct fill		 f = { &res, NULL };
	struct shown		 sh = { so->draft, &res, &f };
	struct cmd_sign_ask	 a = { _("Issue it with this number? [y/N] "),
				     o->yes, o->pin_stdin, show, &sh };
	int			 status;
	vt_code			 rc;

	if (vt_api_number_reserve(core->client, so->draft->id, o->to, o->nto,
	    &res, &eb) != VT_OK)
		return core_fail(core, &eb);
	so->pre_sign = fill_fields;
	so->pre_sign_arg = &f;
	rc = cmd_draft_sign_ask(so, &a, &act, &eb);
	free(f.filled);
	if (rc != VT_OK) {
		release(core, &res);
		vt_reservation_clear(&res);
		return cmd_draft_sign_status(core, &eb);
	}
	printf(_("Verified: every signature is valid and trusted.\n"));
	status = core_action(core, &act.spec);
	if (status == 0)
		vt_sign_printf(stdout, _("Issued: %s, %s.\n"),
		    res.number_line, res.date_line);
	vt_act_clear(&act);
	vt_reservation_clear(&res);
	return status;
}

static int
cmd_draft_issue(const struct vt_cli *cli, const struct vt_args *args)
{
	struct opts		 o;
	struct cmd_draft_job	 j;
	int			 status;

	memset(&o, 0, sizeof o);
	if ((status = parse(args, &o)) != 0)
		return status;
	/* A clerk, a signed draft, trust_file: before any number. */
	status = cmd_draft_job_open(&j, cli, CMD, o.id, VT_DRAFT_SIGN_AGENCY,
	    VT_VERIFY_ALLOW_FORM_FILL);
	if (status == 0) {
		j.so.module = o.module;
		j.so.key_uri = o.key_uri;
		j.so.image = o.image;
		j.so.can_pick = !o.pin_stdin;
		j.so.level = o.level;
		status = issue(&j.core, &o, &j.so);
	}
	cmd_draft_job_close(&j);
	return status;
}

static const struct vt_cmd_opt draft_issue_opts[] = {
	{ 't', "to", VT_OPT_SHORT | VT_OPT_ARG, N_("RECIPIENT"),
	    N_("also send it to this organ (organ_id) or person (username); "
	    "may be repeated") },
	{ 'y', "yes", VT_OPT_SHORT, NULL,
	    N_("do not ask for confirmation (scripts)") },
	{ 'k', "key", VT_OPT_SHORT | VT_OPT_ARG, N_("URI"),
	    N_("the agency key and certificate (a pkcs11: URI)") },
	{ 'm', "module", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the PKCS#11 module of the token") },
	{ O_IMAGE, "image", VT_OPT_ARG, N_("FILE"), N_("the seal image") },
	{ O_PIN_STDIN, "pin-stdin", 0, NULL,
	    N_("read the PIN from standard input") },
	CMD_OPT_LEVEL(O_LEVEL),
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_issue_entry = {
	.name = "issue",
	.run = cmd_draft_issue,
	.summary = N_("number, sign with the agency key and issue a signed "
	    "draft"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one draft ID"),
	.opts = draft_issue_opts,
	.help = N_("Issue a draft its signer has signed: reserve the next "
	    "number of the year and today's date from the server, write them "
	    "into the document's number and date fields (the signer's "
	    "signature stays valid), add the agency signature with the token "
	    "and send it to the server, which sends it to its recipients.  "
	    "Shows the number, the date and the top of the document and asks "
	    "before the PIN; cancelling gives the number back."),
};
