/*
 * vanthu draft new FILE, vanthu draft revise ID FILE: start a draft
 * with its Decree 30 metadata, or upload a new version after it was
 * returned.  Both go through the outbox with their file, so made
 * offline they are sent later, exactly once (lib/draft-*.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/doctype.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/text.h"
#include "vanthu/users.h"
#include "vanthu/xmalloc.h"

/* A growing list of option values (reviewers, recipients). */
struct strs {
	char	**v;
	size_t	  n;
};

static void
strs_add(struct strs *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = vt_text_nfc(s, strlen(s));
}

static void
strs_free(struct strs *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* vanthu draft new --types: the Appendix III table. */
static int
print_types(void)
{
	const struct vt_doctype	*t;

	printf(_("Document types (Decree 30/2020/NĐ-CP, Appendix III):\n"));
	for (t = vt_doctypes(NULL); t->code != NULL; t++)
		printf("  %-5s %s\n", t->code[0] != '\0' ? t->code : "\"\"",
		    t->name);
	return 0;
}

/*
 * Online, the people of the organisation check the signer and the
 * reviewers before anything is queued; offline the server checks them
 * when the draft is sent.  Returns 0 or an exit status.
 */
static int
check_people(struct core *core, const struct vt_draft_meta *m)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_person	*users = NULL;
	size_t			 n = 0;
	vt_code			 code;

	code = vt_api_users(core->client, &users, &n, &eb);
	if (code != VT_OK)
		return 0;
	code = vt_draft_meta_check(m, users, n, &eb);
	vt_users_free(users, n);
	return code == VT_OK ? 0 : core_fail(core, &eb);
}

/* Print the draft the server answered (JSON with --json). */
static void
print_created(const char *answer, bool json, const char *what)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	cJSON			*j, *o;
	char			*turn;

	j = answer != NULL ? cJSON_Parse(answer) : NULL;
	o = cJSON_GetObjectItemCaseSensitive(j, "draft");
	if (o == NULL || vt_draft_parse(o, "draft", &d, &eb) != VT_OK) {
		cJSON_Delete(j);
		printf(_("Sent: %s\n"), what);
		return;
	}
	cJSON_Delete(j);
	if (json) {
		core_json_print(vt_draft_to_json(&d));
	} else {
		turn = vt_draft_turn(&d);
		printf(_("Draft %s, version %d: %s\n"), d.id,
		    d.has_current ? d.current_version.number : 0, d.subject);
		printf(_("State: %s; next: %s\n"),
		    core_draft_state_name(d.state), turn);
		free(turn);
	}
	vt_draft_clear(&d);
}

/* Load FILE, add the numbering fields, queue ACT, send, report. */
static int
send_draft(struct core *core, struct vt_act *act, bool json)
{
	char	*answer = NULL;
	int	 status;

	status = core_action_answer(core, &act->spec, &answer);
	if (status == 0)
		print_created(answer, json, act->summary);
	free(answer);
	return status;
}

/* The boxes the drafter gave (--number-box, --date-box), or NULL. */
static const struct vt_numbox	*opt_number, *opt_date;

static int
load_file(struct core *core, const char *path, struct vt_buf *pdf,
    char **name)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_buf		 raw;
	bool			 added;

	vt_buf_init(&raw);
	vt_buf_init(pdf);
	if (vt_draft_file_load(path, &raw, name, &eb) != VT_OK ||
	    vt_draft_submit_fields_of(path, raw.data, raw.len, opt_number,
	    opt_date, pdf, &added, &eb) != VT_OK) {
		vt_buf_free(&raw);
		vt_buf_free(pdf);
		return core_fail(core, &eb);
	}
	if (!added)
		core_warn(core->cmd, _("the empty number and date fields "
		    "were not added (%s); the file is sent as it is"),
		    eb.detail);
	vt_buf_free(&raw);
	return 0;
}

struct new_opts {
	struct vt_draft_meta	 m;
	struct strs		 reviewers, recipients;
	const char		*due;
	char			*subject;
	bool			 json, types;
	struct vt_numbox	 number, date;
};

/* The options of ARGS into O; 0, or the exit status of a usage error. */
static int
parse_new(struct new_opts *o, const struct vt_args *args)
{
	const struct vt_arg	*a;
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*end;
	long			 u;
	size_t			 i;

	for (i = 0; i < args->nopts; i++) {
		a = &args->opts[i];
		switch (a->key) {
		case 't': o->m.type_code = a->value; break;
		case 's':
			free(o->subject);
			o->subject = core_text_arg(args->cmd, a->value);
			if (o->subject == NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'u':
			u = strtol(a->value, &end, 10);
			if (*end != '\0' || u < 0 || u > 4)
				return vt_cmd_usage_error(args->cmd,
				    _("--urgency needs 0 (normal) to 4 (hỏa "
				    "tốc hẹn giờ)"));
			o->m.urgency = (int)u;
			break;
		case 'd': o->due = a->value; break;
		case 'S': o->m.signer = a->value; break;
		case 'r': strs_add(&o->reviewers, a->value); break;
		case 'c': o->m.competence = a->value; break;
		case 'p': o->m.position = a->value; break;
		case 'R': strs_add(&o->recipients, a->value); break;
		case 'T': o->types = true; break;
		case 'N':
		case 'D':
			if (vt_draft_box_parse(a->value, a->key == 'N' ?
			    &o->number : &o->date, &eb) != VT_OK)
				return vt_cmd_usage_error(args->cmd,
				    eb.detail);
			if (a->key == 'N')
				opt_number = &o->number;
			else
				opt_date = &o->date;
			break;
		case 'j': o->json = true; break;
		}
	}
	return 0;
}

static int
cmd_draft_new(const struct vt_cli *cli, const struct vt_args *args)
{
	struct new_opts		 o;
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_buf		 pdf;
	struct vt_act		 act;
	char			*name = NULL;
	int			 status;

	memset(&o, 0, sizeof o);
	status = parse_new(&o, args);
	if (status != 0 || o.types) {
		if (status == 0)
			status = print_types();
		goto out;
	}
	o.m.subject = o.subject;
	o.m.due_date = o.due;
	o.m.reviewers = (const char *const *)o.reviewers.v;
	o.m.nreviewers = o.reviewers.n;
	o.m.recipients = (const char *const *)o.recipients.v;
	o.m.nrecipients = o.recipients.n;
	if (args->argc != 1) {
		status = vt_cmd_usage_error(args->cmd, _("expected one FILE"));
		goto out;
	}
	if (o.m.type_code == NULL || o.m.subject == NULL ||
	    o.m.signer == NULL) {
		status = vt_cmd_usage_error(args->cmd, _("--type, --subject "
		    "and --signer are required (--types lists the types)"));
		goto out;
	}
	memset(&core, 0, sizeof core);
	core.cmd = args->cmd;
	if (vt_draft_meta_check(&o.m, NULL, 0, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	if ((status = core_open(&core, cli, args->cmd, CORE_OUTBOX)) != 0)
		goto out;
	vt_buf_init(&pdf);
	if ((status = load_file(&core, args->argv[0], &pdf, &name)) == 0 &&
	    (status = check_people(&core, &o.m)) == 0) {
		if (vt_act_draft_new(&act, &o.m, pdf.data, pdf.len, name, &eb)
		    != VT_OK)
			status = core_fail(&core, &eb);
		else
			status = send_draft(&core, &act, o.json);
		vt_act_clear(&act);
	}
	vt_buf_free(&pdf);
	free(name);
	core_close(&core);
out:
	strs_free(&o.reviewers);
	strs_free(&o.recipients);
	free(o.subject);
	return status;
}

/*
 * Whether I may revise draft ID, decided here before the file is read
 * or anything queued: the cached copy first (the drafter never
 * changes, so a copy that says I am not the drafter needs no network),
 * then the server's fresh state; offline, the cached copy.  A draft
 * known nowhere is queued and the server decides.  0 or an exit
 * status.
 */
static int
revise_allowed(struct core *core, const char *id)
{
	struct vt_errbuf	 eb = { VT_OK, "" }, why = { VT_OK, "" };
	struct vt_draft		 d;
	bool			 cached = false;
	vt_code			 code;

	memset(&d, 0, sizeof d);
	if (vt_cache_draft_load(core->cache, id, &d, NULL) == VT_OK) {
		code = (d.my_roles & VT_ROLE_DRAFTER) ? VT_OK :
		    vt_draft_revise_check(&d, &why);
		vt_draft_clear(&d);
		if (code != VT_OK)
			return core_fail(core, &why);
	}
	code = vt_fetch_draft(core->client, core->cache, id, &d, &cached, &eb);
	if (code == VT_OK || cached) {
		code = vt_draft_revise_check(&d, &why);
		vt_draft_clear(&d);
		return code == VT_OK ? 0 : core_fail(core, &why);
	}
	/* Not found, or not mine: the server said so. */
	if (code == VT_ERR_NOT_FOUND || code == VT_ERR_FORBIDDEN ||
	    code == VT_ERR_AUTH || code == VT_ERR_EXPIRED)
		return core_fail(core, &eb);
	return 0;
}

static int
cmd_draft_revise(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core	 core;
	struct vt_buf	 pdf;
	struct vt_act	 act;
	char		*name = NULL;
	bool		 json = vt_args_has(args, 'j');
	int		 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected a draft "
		    "ID and a FILE"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE |
	    CORE_OUTBOX)) != 0)
		return status;
	if ((status = revise_allowed(&core, args->argv[0])) == 0 &&
	    (status = load_file(&core, args->argv[1], &pdf, &name)) == 0) {
		vt_act_draft_revise(&act, args->argv[0], pdf.data, pdf.len);
		status = send_draft(&core, &act, json);
		vt_act_clear(&act);
		vt_buf_free(&pdf);
	}
	free(name);
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt draft_new_opts[] = {
	{ 't', "type", VT_OPT_SHORT | VT_OPT_ARG, N_("CODE"),
	    N_("the document type (required; --types lists them)") },
	{ 's', "subject", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("the subject, trích yếu (required; '-': read it from standard "
	    "input)") },
	{ 'S', "signer", VT_OPT_SHORT | VT_OPT_ARG, N_("USER"),
	    N_("who signs it (required)") },
	{ 'u', "urgency", VT_OPT_SHORT | VT_OPT_ARG, N_("0-4"),
	    N_("the urgency, from 0 (normal) to 4 (hỏa tốc hẹn giờ)") },
	{ 'd', "due", VT_OPT_SHORT | VT_OPT_ARG, N_("DD/MM/YYYY"),
	    N_("the deadline for review") },
	{ 'r', "reviewer", VT_OPT_SHORT | VT_OPT_ARG, N_("USER"),
	    N_("who reviews it (may be given again)") },
	{ 'c', "competence", VT_OPT_SHORT | VT_OPT_ARG,
	    N_("TM.|KT.|Q.|TL.|TUQ."),
	    N_("the signing competence (thẩm quyền ký)") },
	{ 'p', "position", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("the signer's position shown above the signature") },
	{ 'R', "recipient", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a recipient, nơi nhận (may be given again)") },
	{ 'T', "types", 0, NULL, N_("list the document type codes") },
	{ 'N', "number-box", VT_OPT_ARG, N_("X,Y,W,H"),
	    N_("the box of the empty number field on page 1 (points from the "
	    "top left corner)") },
	{ 'D', "date-box", VT_OPT_ARG, N_("X,Y,W,H"),
	    N_("the box of the empty date field on page 1") },
	{ 'j', "json", 0, NULL, N_("print the server's answer as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_new_entry = {
	.name = "new",
	.run = cmd_draft_new,
	.summary = N_("start a draft from a PDF with its metadata"),
	.operands = N_("FILE"),
	.min_args = 0,
	.max_args = 1,
	.opts = draft_new_opts,
	.help = N_("Start a draft from FILE (a PDF; .odt or .docx are "
	    "converted with LibreOffice) and send it to its reviewers and "
	    "signer.  --types lists the document type codes.  The empty number "
	    "and date fields go where the \"Số:\" and date lines are on page "
	    "1, or in the boxes given (points from the top left corner)."),
};

static const struct vt_cmd_opt draft_revise_opts[] = {
	{ 'j', "json", 0, NULL, N_("print the server's answer as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_revise_entry = {
	.name = "revise",
	.run = cmd_draft_revise,
	.summary = N_("upload a new version of your draft"),
	.operands = N_("ID FILE"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected a draft ID and a FILE"),
	.opts = draft_revise_opts,
	.help = N_("Upload FILE (a PDF, or an .odt or .docx to convert) as the "
	    "new version of your draft ID, after it was returned; it goes back "
	    "for review."),
};
