/*
 * vanthu complete: mark an incoming document as completed (hoàn thành),
 * through the outbox.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

int
cmd_complete(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "note",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_action_spec	 spec;
	struct core		 core;
	cJSON			*j;
	char			*note = NULL, *body, *summary, *path;
	const char		*id;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			free(note);
			if ((note = core_text_arg(argv[0], optarg)) == NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			free(note);
			return core_help(_("Usage: vanthu complete ID [--note "
			    "TEXT]\nMark an incoming document as completed.\n"));
		default:
			free(note);
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(note);
		return vt_cmd_usage_error(argv[0], _("expected one document "
		    "ID"));
	}
	if ((status = core_open(&core, cli, argv[0], CORE_OUTBOX)) != 0) {
		free(note);
		return status;
	}
	if ((id = core_doc_id(&core, argv[optind], &status)) == NULL) {
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
