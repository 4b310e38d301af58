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

int
cmd_comment(const struct vt_cli *cli, int argc, char **argv)
{
	struct vt_action_spec	 spec;
	struct core		 core;
	cJSON			*j;
	char			*text, *body, *summary, *path, *shown;
	const char		*id;
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
	if ((status = core_open(&core, cli, argv[0], CORE_OUTBOX)) != 0) {
		free(text);
		return status;
	}
	if ((id = core_doc_id(&core, argv[1], &status)) == NULL) {
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
