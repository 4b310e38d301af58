/*
 * vanthu complete: mark an incoming document as completed (hoàn thành),
 * through the outbox.
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

static const struct vt_cmd_opt complete_opts[] = {
	{ 'n', "note", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a note on how it was done ('-': read it from standard "
	    "input)") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_complete(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_action_spec	 spec;
	struct core		 core;
	cJSON			*j;
	char			*note = NULL, *body, *summary, *path;
	const char		*id;
	const char		*arg;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected one document "
		    "ID"));
	if ((arg = vt_args_get(args, 'n')) != NULL &&
	    (note = core_text_arg(args->cmd, arg)) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	if ((status = core_open(&core, cli, args->cmd, CORE_OUTBOX)) != 0) {
		free(note);
		return status;
	}
	if ((id = core_doc_id(&core, args->argv[0], &status)) == NULL) {
		free(note);
		core_close(&core);
		return status;
	}
	j = cJSON_CreateObject();
	if (note != NULL)
		cJSON_AddStringToObject(j, "note", note);
	body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	summary = xasprintf(_("complete %s"), id);
	path = core_obj_path("incoming", id, "complete");
	memset(&spec, 0, sizeof spec);
	spec.kind = "complete";
	spec.target = id;
	spec.summary = summary;
	spec.path = path;
	spec.body = body;
	spec.body_len = strlen(body);
	status = core_action(&core, &spec);
	free(path);
	free(summary);
	free(body);
	free(note);
	core_close(&core);
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
