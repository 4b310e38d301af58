/*
 * vanthu return: return an incoming document to its sender with a
 * reason (clerk or leader), through the outbox.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

int
cmd_return(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason",	required_argument, NULL, 'r' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_act_args	 a;
	char			*reason = NULL;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "r:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			free(reason);
			if ((reason = core_text_arg(argv[0], optarg)) == NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			free(reason);
			return core_help(_("Usage: vanthu return ID --reason "
			    "TEXT\nReturn an incoming document to its sender "
			    "with a reason.\n"));
		default:
			free(reason);
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(reason);
		return vt_cmd_usage_error(argv[0], _("expected one document "
		    "ID"));
	}
	if (reason == NULL)
		return vt_cmd_usage_error(argv[0], _("--reason TEXT is "
		    "required"));
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.text = reason;
	status = core_act(cli, argv[0], VT_ACT_RETURN, &a);
	free(reason);
	return status;
}
