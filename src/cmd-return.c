/*
 * vanthu return: return an incoming document to its sender with a
 * reason (clerk or leader), through the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static const struct vt_cmd_opt return_opts[] = {
	{ 'r', "reason", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("why it goes back (required; '-': read it from standard "
	    "input)") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_return(const struct vt_cli *cli, const struct vt_args *args)
{
	return core_act_text(cli, args, VT_ACT_RETURN, 'r',
	    _("expected one document ID"), _("--reason TEXT is required"));
}

const struct vt_cmd cmd_return_entry = {
	.name = "return",
	.run = cmd_return,
	.summary = N_("return a document to its sender"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one document ID"),
	.opts = return_opts,
	.help = N_("Return an incoming document to its sender with a "
	    "reason."),
};
