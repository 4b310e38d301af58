/*
 * vanthu forward: pass an incoming document to people (clerk to leader,
 * specialist to colleague), through the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static const struct vt_cmd_opt forward_opts[] = {
	{ 'n', "note", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a note for the people ('-': read it from standard input)") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_forward(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_act_args	 a;
	char			*note = NULL;
	const char		*arg;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected ID and at "
		    "least one USER"));
	if ((arg = vt_args_get(args, 'n')) != NULL &&
	    (note = core_text_arg(args->cmd, arg)) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	memset(&a, 0, sizeof a);
	a.id = args->argv[0];
	a.users = (const char *const *)args->argv + 1;
	a.nusers = (size_t)(args->argc - 1);
	a.text = note;
	status = core_act(cli, args->cmd, VT_ACT_FORWARD, &a);
	free(note);
	return status;
}

const struct vt_cmd cmd_forward_entry = {
	.name = "forward",
	.run = cmd_forward,
	.summary = N_("pass a document to other people"),
	.operands = N_("ID USER..."),
	.min_args = 2,
	.max_args = -1,
	.args_error = N_("expected ID and at least one USER"),
	.opts = forward_opts,
	.help = N_("Pass an incoming document to the named users."),
};
