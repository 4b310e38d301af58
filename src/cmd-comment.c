/*
 * vanthu comment: add a comment (ý kiến) to an incoming document, through
 * the outbox (sent exactly once, kept when offline).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static int
cmd_comment(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_act_args	 a;
	char			*text;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return core_bad_doc_id(args->cmd, args->argv[0]);
	if ((text = core_text_arg(args->cmd, args->argv[1])) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	memset(&a, 0, sizeof a);
	a.id = args->argv[0];
	a.text = text;
	status = core_act(cli, args->cmd, VT_ACT_COMMENT, &a);
	free(text);
	return status;
}

const struct vt_cmd cmd_comment_entry = {
	.name = "comment",
	.run = cmd_comment,
	.summary = N_("add a comment to a document"),
	.operands = N_("ID (TEXT | -)"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected ID and TEXT"),
	.help = N_("Add a comment to an incoming document ('-': read the text "
	    "from standard input).  When the server cannot be reached the "
	    "comment is kept in the outbox and sent later."),
	/* The text may begin with '-': only options before the ID. */
	.flags = VT_CMD_IN_ORDER,
};
