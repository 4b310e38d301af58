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

int
cmd_comment(const struct vt_cli *cli, int argc, char **argv)
{
	struct vt_act_args	 a;
	char			*text;
	int			 status;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return core_help(_("Usage: vanthu comment ID (TEXT | -)\n"
		    "Add a comment to an incoming document ('-': read the text "
		    "from\nstandard input).  When the server cannot be reached "
		    "the comment is\nkept in the outbox and sent later.\n"));
	if (argc != 3)
		return vt_cmd_usage_error(argv[0], _("expected ID and TEXT"));
	if (!core_valid_id(argv[1]))
		return vt_cmd_usage_error(argv[0], _("invalid document ID"));
	if ((text = core_text_arg(argv[0], argv[2])) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	memset(&a, 0, sizeof a);
	a.id = argv[1];
	a.text = text;
	status = core_act(cli, argv[0], VT_ACT_COMMENT, &a);
	free(text);
	return status;
}
