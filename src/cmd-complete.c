/*
 * vanthu complete: mark an incoming document as completed (hoàn thành),
 * through the outbox.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
	struct vt_act_args	 a;
	char			*note = NULL;
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
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.text = note;
	status = core_act(cli, argv[0], VT_ACT_COMPLETE, &a);
	free(note);
	return status;
}
