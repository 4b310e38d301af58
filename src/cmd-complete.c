/*
 * vanthu complete: mark an incoming document as completed (hoàn thành),
 * through the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static const struct vt_cmd_opt complete_opts[] = {
	{ 'n', "note", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a note on how it was done ('-': read it from standard "
	    "input)") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_complete(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_act_args	 a;
	char			*note = NULL;
	const char		*arg;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected one document "
		    "ID"));
	if ((arg = vt_args_get(args, 'n')) != NULL &&
	    (note = core_text_arg(args->cmd, arg)) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	memset(&a, 0, sizeof a);
	a.id = args->argv[0];
	a.text = note;
	status = core_act(cli, args->cmd, VT_ACT_COMPLETE, &a);
	free(note);
	return status;
}

const struct vt_cmd cmd_complete_entry = {
	.name = "complete",
	.run = cmd_complete,
	.summary = N_("mark a document as completed"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one document ID"),
	.opts = complete_opts,
	.help = N_("Mark an incoming document as completed."),
};
