/*
 * vanthu comment: add a comment (ý kiến) to an incoming document, through
 * the outbox (sent exactly once, kept when offline).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static int
cmd_comment(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_action_spec	 spec;
	struct core		 core;
	cJSON			*j;
	char			*text, *body, *summary, *path, *shown;
	const char		*id;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid document ID"));
	if ((text = core_text_arg(args->cmd, args->argv[1])) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	if ((status = core_open(&core, cli, args->cmd, CORE_OUTBOX)) != 0) {
		free(text);
		return status;
	}
	if ((id = core_doc_id(&core, args->argv[0], &status)) == NULL) {
		free(text);
		core_close(&core);
		return status;
	}
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "text", text);
	body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	{
		char *safe = vt_text_safe(text, strlen(text), 0);
		shown = vt_text_fit(safe, 40, VT_FIT_NOPAD);
		free(safe);
	}
	summary = xasprintf(_("comment on %s: %s"), id, shown);
	path = core_obj_path("incoming", id, "comments");
	memset(&spec, 0, sizeof spec);
	spec.kind = "comment";
	spec.target = id;
	spec.summary = summary;
	spec.path = path;
	spec.body = body;
	spec.body_len = strlen(body);
	status = core_action(&core, &spec);
	free(path);
	free(summary);
	free(shown);
	free(body);
	free(text);
	core_close(&core);
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
