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

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cmd-ask.h"
#include "cmd-core.h"
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

enum { O_IMAGE = 256, O_PIN_STDIN };

struct opts {
	const char	*id, *key_uri, *module, *image;
	const char	*to[TO_MAX];
	size_t		 nto;
	int		 yes, pin_stdin;
};

static int
parse(const struct vt_args *args, struct opts *o)
{
	size_t	 i;

	for (i = 0; i < args->nopts; i++) {
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

static void
show(const struct vt_draft *d, const struct vt_reservation *r,
    const struct vt_draft_sign_info *in)
{
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
	vt_sign_printf(stdout, _("Certificate:  %s\n"), si->ci.subject);
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
	struct vt_draft_sign	*ds = NULL;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_act		 act;
	struct fill		 f = { &res, NULL };
	char			 pin[CMD_PIN_MAX];
	int			 status;
	vt_code			 rc;

	memset(&act, 0, sizeof act);
	pin[0] = '\0';
	if (vt_api_number_reserve(core->client, so->draft->id, o->to, o->nto,
	    &res, &eb) != VT_OK)
		return core_fail(core, &eb);
	so->pre_sign = fill_fields;
	so->pre_sign_arg = &f;
	if ((rc = prepare(so, &ds, &eb)) == VT_OK) {
		show(so->draft, &res, vt_draft_sign_info(ds));
		if (f.filled != NULL)
			show_top(f.filled);
		if (!o->yes)
			rc = cmd_ask_yes(_("Issue it with this number? [y/N] "),
			    &eb);
	}
	if (rc == VT_OK)
		rc = cmd_sign_pin(vt_draft_sign_info(ds)->signer, o->pin_stdin,
		    pin, sizeof pin, &eb);
	if (rc == VT_OK)
		rc = vt_draft_sign_run(ds, pin, &act, &eb);
	OPENSSL_cleanse(pin, sizeof pin);
	vt_draft_sign_free(ds);
	free(f.filled);
	if (rc != VT_OK) {
		release(core, &res);
		vt_reservation_clear(&res);
		if (eb.code == VT_ERR_CANCELLED && eb.detail[0] == '\0')
			return 1;
		return eb.code == VT_ERR_CONFLICT || eb.code ==
		    VT_ERR_FORBIDDEN || eb.code == VT_ERR_NOT_FOUND ?
		    core_fail(core, &eb) : vt_sign_report(&eb);
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

/* Download version V (the pipeline checks its SHA-256). */
static vt_code
download(struct core *core, const struct vt_version *v, const char *path,
    struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	vt_code			 rc;

	memset(&att, 0, sizeof att);
	att.id = v->attachment_id;
	att.sha256 = v->sha256;
	att.size = v->size;
	att.url = xasprintf("/api/v1/attachments/%s", v->attachment_id);
	rc = vt_api_download(core->client, &att, path, eb);
	free(att.url);
	return rc;
}

static int
cmd_draft_issue(const struct vt_cli *cli, const struct vt_args *args)
{
	struct opts			 o;
	struct core			 core;
	struct vt_sign_config		 cfg;
	struct vt_draft_sign_opts	 so;
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
	if (vt_api_draft_get(core.client, o.id, &d, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	memset(&so, 0, sizeof so);
	sess = vt_client_session(core.client);
	so.draft = &d;
	so.username = sess != NULL ? sess->username : NULL;
	so.role = vt_user_role_parse(sess != NULL ? sess->role : NULL);
	so.mode = VT_DRAFT_SIGN_AGENCY;
	so.cfg = &cfg;
	so.verify_allow = VT_VERIFY_ALLOW_FORM_FILL;
	/* A clerk, a signed draft, trust_file: before any number. */
	if (vt_draft_sign_check(&so, NULL, &eb) != VT_OK) {
		status = eb.code == VT_ERR_CONFIG ? vt_sign_report(&eb) :
		    core_fail(&core, &eb);
		goto out;
	}
	dir = xasprintf("%s/vanthu-issue-XXXXXX", tmpdir != NULL &&
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
	so.can_pick = !o.pin_stdin;
	status = issue(&core, &o, &so);
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
