/*
 * vanthu forward: pass an incoming document to people (clerk to leader,
 * specialist to colleague), through the outbox.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

int
cmd_forward(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "note",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cJSON	*j, *to;
	char	*note = NULL, *summary;
	int	 ch, status, i;

	while ((ch = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			free(note);
			if ((note = core_text_arg(argv[0], optarg)) == NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			free(note);
			return core_help(_("Usage: vanthu forward ID USER... "
			    "[--note TEXT]\nPass an incoming document to the "
			    "named users.\n"));
		default:
			free(note);
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	if (argc - optind < 2 || !core_valid_id(argv[optind])) {
		free(note);
		return vt_cmd_usage_error(argv[0], _("expected ID and at least "
		    "one USER"));
	}
	j = cJSON_CreateObject();
	to = cJSON_AddArrayToObject(j, "to");
	for (i = optind + 1; i < argc; i++)
		cJSON_AddItemToArray(to, cJSON_CreateString(argv[i]));
	if (note != NULL)
		cJSON_AddStringToObject(j, "note", note);
	summary = xasprintf(_("forward %s to %d user(s)"), argv[optind],
	    argc - optind - 1);
	status = core_post(cli, argv[0], "forward", "incoming", argv[optind],
	    "forward", j, summary);
	free(summary);
	free(note);
	return status;
}
