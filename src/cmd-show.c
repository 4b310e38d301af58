/*
 * vanthu show: one incoming document in full (metadata, attachments,
 * assignments, processing history, comments).  Marks it read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static const char *
role_name(const char *role)
{
	return vt_assign_role_name(role);
}

/* Dates for people, in Vietnam time (the configured zone). */
#define SHOW_DATE(iso, buf)	vt_clock_show((iso), VT_CLOCK_DATE, (buf), \
				    sizeof (buf))
#define SHOW_TIME(iso, buf)	vt_clock_show((iso), VT_CLOCK_DATETIME, \
				    (buf), sizeof (buf))

static void
print_doc(const struct vt_doc *d)
{
	size_t	i;
	char	t1[32], t2[32];

	printf("%s  %s\n", d->id, d->number_notation);
	printf(_("Subject:     %s\n"), d->subject);
	printf(_("Type:        %s\n"), d->type_name);
	printf(_("From:        %s\n"), d->organ.organ_name);
	if (d->signer.full_name != NULL) {
		/* "TM. Chủ tịch Nguyễn Văn A", the empty parts left out. */
		const char *part[3] = { d->signer.competence,
		    d->signer.position, d->signer.full_name };
		char	who[512] = "";

		for (i = 0; i < 3; i++)
			if (part[i] != NULL && part[i][0] != '\0')
				snprintf(who + strlen(who), sizeof who -
				    strlen(who), "%s%s", who[0] != '\0' ?
				    " " : "", part[i]);
		printf(_("Signed by:   %s\n"), who);
	}
	if (d->issued_date != NULL)
		printf(_("Issued:      %s\n"), SHOW_DATE(d->issued_date, t1));
	if (d->arrival_date != NULL && d->arrival_number > 0)
		printf(_("Arrival:     no. %ld, %s\n"), d->arrival_number,
		    SHOW_TIME(d->arrival_date, t1));
	else if (d->arrival_date != NULL)	/* no arrival number yet */
		printf(_("Arrival:     %s, not registered yet\n"),
		    SHOW_TIME(d->arrival_date, t1));
	printf(_("Urgency:     %s\n"), vt_urgency_name(d->urgency));
	printf(_("Due:         %s\n"), d->due_date != NULL ?
	    SHOW_DATE(d->due_date, t1) : "-");
	printf(_("Status:      %s\n"), vt_status_name(d->status));
	for (i = 0; i < d->nrecipients; i++)
		printf(i == 0 ? _("Recipients:  %s\n") : "             %s\n",
		    d->recipients[i]);
	if (d->nattachments > 0)
		printf(_("Attachments:\n"));
	for (i = 0; i < d->nattachments; i++)
		printf(ngettext("  %s  %s  (%llu byte)\n",
		    "  %s  %s  (%llu bytes)\n",
		    (unsigned long)d->attachments[i].size),
		    d->attachments[i].id, d->attachments[i].filename,
		    (unsigned long long)d->attachments[i].size);
	if (d->nassignments > 0)
		printf(_("Assignments:\n"));
	for (i = 0; i < d->nassignments; i++) {
		printf("  %s: %s (%s)%s%s\n",
		    role_name(d->assignments[i].role),
		    d->assignments[i].user.full_name,
		    d->assignments[i].user.username,
		    d->assignments[i].due_date != NULL ? "  " : "",
		    d->assignments[i].due_date != NULL ?
		    SHOW_DATE(d->assignments[i].due_date, t1) : "");
		if (d->assignments[i].note != NULL)
			core_print_block(d->assignments[i].note);
	}
	if (d->nhistory > 0)
		printf(_("History:\n"));
	for (i = 0; i < d->nhistory; i++) {
		printf("  %s  %s  %s\n", SHOW_TIME(d->history[i].at, t2),
		    vt_history_action_name(d->history[i].action),
		    d->history[i].actor.full_name != NULL ?
		    d->history[i].actor.full_name : "-");
		if (d->history[i].note != NULL && d->history[i].note[0] != '\0')
			core_print_block(d->history[i].note);
	}
	if (d->ncomments > 0)
		printf(_("Comments:\n"));
	for (i = 0; i < d->ncomments; i++) {
		printf("  %s  %s:\n", SHOW_TIME(d->comments[i].created_at, t2),
		    d->comments[i].author.full_name);
		core_print_block(d->comments[i].text);
	}
}

static int
cmd_show(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_doc		 d;
	bool			 json = false, cached = false;
	const char		*id;
	vt_code			 code;
	int			 status;

	json = vt_args_has(args, 'j');
	if (!core_valid_id(args->argv[0]))
		return core_bad_doc_id(args->cmd, args->argv[0]);
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	if ((id = core_doc_id(&core, args->argv[0], &status)) == NULL) {
		core_close(&core);
		return status;
	}
	code = vt_fetch_doc(core.client, core.cache, id, &d, &cached, &eb);
	if (code == VT_ERR_NOT_FOUND)
		vt_fail(&eb, code, _("%s: no such document ('vanthu inbox' "
		    "lists the documents with their ids)"), id);
	if (code != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		vt_doc_clear(&d);
		core_close(&core);
		return status;
	}
	if (code != VT_OK) {
		status = core_fail(&core, &eb);
		core_warn(args->cmd, _("showing the cached copy, which may be "
		    "out of date"));
	} else if (!d.read) {
		/* Best effort, never queued; the cached copy and the cached
		   inbox say read once the server has it. */
		vt_read_mark_post(core.client, core.cache, d.id, NULL);
	}
	if (json)
		core_json_print(vt_doc_to_json(&d));
	else
		print_doc(&d);
	vt_doc_clear(&d);
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt show_opts[] = {
	{ 'j', "json", 0, NULL, N_("print the document as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_show_entry = {
	.name = "show",
	.run = cmd_show,
	.summary = N_("show a document in full"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one document ID"),
	.opts = show_opts,
	.help = N_("Show an incoming document in full and mark it read."),
};
