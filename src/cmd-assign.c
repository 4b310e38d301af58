/*
 * vanthu assign: a leader assigns an incoming document: lead (chủ trì),
 * cooperating (phối hợp) and for-information (để biết) users and a
 * deadline; through the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static int
cmd_assign(const struct vt_cli *cli, const struct vt_args *args)
{
	const struct vt_arg	*o;
	struct vt_act_args	 a;
	const char		*lead = NULL, *due = NULL;
	const char		**coop, **inform;
	size_t			 ncoop = 0, ninform = 0, i;
	char			*note = NULL, iso[32];
	struct vt_errbuf	 eb = { VT_OK, "" };
	int			 status = -1;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected one document "
		    "ID"));
	/* At most one user per option. */
	coop = xcalloc(args->nopts + 1, sizeof *coop);
	inform = xcalloc(args->nopts + 1, sizeof *inform);
	for (i = 0; i < args->nopts && status == -1; i++) {
		o = &args->opts[i];
		switch (o->key) {
		case 'l':
			if (lead != NULL)
				status = vt_cmd_usage_error(args->cmd,
				    _("only one --lead"));
			lead = o->value;
			break;
		case 'c': coop[ncoop++] = o->value; break;
		case 'i': inform[ninform++] = o->value; break;
		case 'd': due = o->value; break;
		case 'n':
			free(note);
			if ((note = core_text_arg(args->cmd, o->value)) == NULL)
				status = vt_exit_status(VT_ERR_USAGE);
			break;
		}
	}
	if (status == -1 && lead == NULL)
		status = vt_cmd_usage_error(args->cmd, _("--lead USER is "
		    "required"));
	if (status == -1 && due == NULL)
		status = vt_cmd_usage_error(args->cmd, _("--due DD/MM/YYYY is "
		    "required"));
	if (status == -1 && vt_clock_read_date(due, iso, &eb) != VT_OK)
		status = vt_cmd_usage_error(args->cmd, eb.detail);
	if (status != -1)
		goto out;
	memset(&a, 0, sizeof a);
	a.id = args->argv[0];
	a.lead = lead;
	a.users = coop;
	a.nusers = ncoop;
	a.inform = inform;
	a.ninform = ninform;
	a.due_date = iso;
	a.text = note;
	status = core_act(cli, args->cmd, VT_ACT_ASSIGN, &a);
out:
	free(coop);
	free(inform);
	free(note);
	return status;
}

static const struct vt_cmd_opt assign_opts[] = {
	{ 'l', "lead", VT_OPT_ARG, N_("USER"),
	    N_("who leads the work (chủ trì; required, once)") },
	{ 'c', "cooperate", VT_OPT_ARG, N_("USER"),
	    N_("who cooperates (phối hợp; may be given again)") },
	{ 'i', "inform", VT_OPT_ARG, N_("USER"),
	    N_("who is kept informed (để biết; may be given again)") },
	{ 'd', "due", VT_OPT_ARG, N_("DD/MM/YYYY"),
	    N_("the deadline (required; YYYY-MM-DD too)") },
	{ 'n', "note", VT_OPT_ARG, N_("TEXT"),
	    N_("a note for the people ('-': read it from standard input)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_assign_entry = {
	.name = "assign",
	.run = cmd_assign,
	.summary = N_("assign a document: lead, cooperating, for information, "
	    "deadline"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one document ID"),
	.opts = assign_opts,
	.help = N_("Assign an incoming document (leaders only): the lead, "
	    "cooperating and for-information users and the deadline."),
};
