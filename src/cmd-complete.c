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
	return core_act_text(cli, args, VT_ACT_COMPLETE, 'n',
	    _("expected one document ID"), NULL);
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
