/*
 * vanthu draft: subcommands on one draft (the table is in
 * src/cmd-draft-table.c): show, annotate, approve, return.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"


static void
print_draft(const struct vt_draft *d)
{
	size_t	i, k;
	char	t[32];

	printf("%s  %s %s\n", d->id, d->type_name, d->code_notation);
	printf(_("Subject:     %s\n"), d->subject);
	printf(_("State:       %s\n"), core_draft_state_name(d->state));
	printf(_("Drafter:     %s\n"), d->drafter.full_name);
	printf(_("Signer:      %s\n"), d->signer.full_name);
	printf(_("Due:         %s\n"), d->due_date != NULL ?
	    vt_clock_show(d->due_date, VT_CLOCK_DATE, t, sizeof t) : "-");
	for (i = 0; i < d->nreviewers; i++)
		printf(_("Reviewer:    %s%s%s\n"), d->reviewers[i].person.full_name,
		    d->reviewers[i].approved_at != NULL ? _(", approved ") : "",
		    d->reviewers[i].approved_at != NULL ?
		    vt_clock_show(d->reviewers[i].approved_at,
		    VT_CLOCK_DATETIME, t, sizeof t) : "");
	if (d->nrecipients > 0)
		printf(_("Recipients:\n"));
	for (i = 0; i < d->nrecipients; i++)
		printf("  - %s\n", d->recipients[i]);
	if (d->nversions > 0)
		printf(_("Versions:\n"));
	for (i = 0; i < d->nversions; i++) {
		printf(ngettext("  %s  %d  %s  %s  (%llu byte)\n",
		    "  %s  %d  %s  %s  (%llu bytes)\n",
		    (unsigned long)d->versions[i].size), d->versions[i].id,
		    d->versions[i].number,
		    vt_version_kind_name(d->versions[i].kind),
		    d->versions[i].filename,
		    (unsigned long long)d->versions[i].size);
		for (k = 0; k < d->versions[i].nsignatures; k++)
			printf(_("      signed (%s) by %s\n"),
			    d->versions[i].signatures[k].kind != NULL &&
			    strcmp(d->versions[i].signatures[k].kind,
			    "agency") == 0 ? _("agency") : _("personal"),
			    d->versions[i].signatures[k].common_name != NULL ?
			    d->versions[i].signatures[k].common_name : "?");
	}
	if (d->nannotations > 0)
		printf(_("Annotations:\n"));
	for (i = 0; i < d->nannotations; i++) {
		printf(_("  %s page %d, %s:\n"), d->annotations[i].version_id,
		    d->annotations[i].page, d->annotations[i].author.full_name);
		if (d->annotations[i].quote != NULL)
			printf("    \"%s\"\n", d->annotations[i].quote);
		core_print_block(d->annotations[i].note);
	}
	if (d->nhistory > 0)
		printf(_("History:\n"));
	for (i = 0; i < d->nhistory; i++) {
		printf("  %s  %s  %s\n", d->history[i].at != NULL ?
		    vt_clock_show(d->history[i].at, VT_CLOCK_DATETIME, t,
		    sizeof t) : "-",
		    vt_history_action_name(d->history[i].action),
		    d->history[i].actor.full_name != NULL ?
		    d->history[i].actor.full_name : "-");
		if (d->history[i].note != NULL && d->history[i].note[0] != '\0')
			core_print_block(d->history[i].note);
	}
}

static int
cmd_draft_show(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	bool			 json, cached = false;
	vt_code			 code;
	int			 status;

	json = vt_args_has(args, 'j');
	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected one draft "
		    "ID"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	code = vt_fetch_draft(core.client, core.cache, args->argv[0], &d,
	    &cached, &eb);
	if (code != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (code != VT_OK) {
		status = core_fail(&core, &eb);
		core_warn(args->cmd, _("showing the cached copy, which may "
		    "be out of date"));
	}
	if (json)
		core_json_print(vt_draft_to_json(&d));
	else
		print_draft(&d);
	vt_draft_clear(&d);
	core_close(&core);
	return status;
}

static int
cmd_draft_annotate(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	struct vt_act_args	 a;
	const struct vt_session	*sess;
	const char		*quote, *arg, *id = args->argv[0];
	char			*note, *q = NULL, *end;
	long			 page = 0;
	bool			 cached;
	int			 status;

	if ((arg = vt_args_get(args, 'p')) != NULL) {
		page = strtol(arg, &end, 10);
		if (*end != '\0' || page < 1 || page > 100000)
			return vt_cmd_usage_error(args->cmd,
			    _("--page needs a page number"));
	}
	quote = vt_args_get(args, 'q');
	if (!core_valid_id(id))
		return vt_cmd_usage_error(args->cmd, _("expected ID and "
		    "TEXT"));
	if (page == 0)
		return vt_cmd_usage_error(args->cmd, _("--page N is "
		    "required"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	/* The annotation belongs to the version the user reads now. */
	if (vt_fetch_draft(core.client, core.cache, id, &d, &cached,
	    &eb) != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	/* A signed or issued draft takes no annotation (the interface's
	   rule too); the cached copy decides when offline. */
	sess = vt_client_session(core.client);
	if (vt_draft_annotate_check(&d, sess != NULL ? sess->username : NULL,
	    vt_user_role_parse(sess != NULL ? sess->role : NULL), &eb) !=
	    VT_OK) {
		status = core_fail(&core, &eb);
		vt_draft_clear(&d);
		core_close(&core);
		return status;
	}
	core_close(&core);
	if (!d.has_current) {
		vt_draft_clear(&d);
		vt_fail(&eb, VT_ERR_NOT_FOUND, _("the draft has no version"));
		return core_fail(&core, &eb);
	}
	if ((note = core_text_arg(args->cmd, args->argv[1])) == NULL) {
		vt_draft_clear(&d);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if (quote != NULL)
		q = core_text_arg(args->cmd, quote);
	memset(&a, 0, sizeof a);
	a.id = id;
	a.version_id = d.current_version.id;
	a.page = (int)page;
	a.quote = q;
	a.text = note;
	status = core_act(cli, args->cmd, VT_ACT_ANNOTATE, &a);
	free(q);
	free(note);
	vt_draft_clear(&d);
	return status;
}

static int
cmd_draft_approve(const struct vt_cli *cli, const struct vt_args *args)
{
	return core_act_text(cli, args, VT_ACT_APPROVE, 'n',
	    _("expected one draft ID"), NULL);
}

static int
cmd_draft_return(const struct vt_cli *cli, const struct vt_args *args)
{
	return core_act_text(cli, args, VT_ACT_DRAFT_RETURN, 'r',
	    _("expected one draft ID"), _("--reason TEXT is required"));
}

static const struct vt_cmd_opt draft_show_opts[] = {
	{ 'j', "json", 0, NULL, N_("print the draft as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_show_entry = {
	.name = "show",
	.run = cmd_draft_show,
	.summary = N_("show a draft, its versions and annotations"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one draft ID"),
	.opts = draft_show_opts,
	.help = N_("Show a draft with its versions, reviewers, annotations and "
	    "history."),
};

static const struct vt_cmd_opt draft_annotate_opts[] = {
	{ 'p', "page", VT_OPT_SHORT | VT_OPT_ARG, N_("N"),
	    N_("the page of the current version (required)") },
	{ 'q', "quote", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("the words of the page the note is about") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_annotate_entry = {
	.name = "annotate",
	.run = cmd_draft_annotate,
	.summary = N_("annotate a page of the current version"),
	.operands = N_("ID (TEXT | -)"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected ID and TEXT"),
	.opts = draft_annotate_opts,
	.help = N_("Annotate page N of the draft's current version, "
	    "optionally quoting its text."),
};

static const struct vt_cmd_opt draft_approve_opts[] = {
	{ 'n', "note", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a note for the drafter ('-': read it from standard input)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_approve_entry = {
	.name = "approve",
	.run = cmd_draft_approve,
	.summary = N_("approve a draft"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one draft ID"),
	.opts = draft_approve_opts,
	.help = N_("Approve a draft as its reviewer or signer."),
};

static const struct vt_cmd_opt draft_return_opts[] = {
	{ 'r', "reason", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("why it goes back (required; '-': read it from standard "
	    "input)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_return_entry = {
	.name = "return",
	.run = cmd_draft_return,
	.summary = N_("return a draft to its drafter with a reason"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one draft ID"),
	.opts = draft_return_opts,
	.help = N_("Return a draft to its drafter with a reason."),
};
