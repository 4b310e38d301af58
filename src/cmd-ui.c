/*
 * vanthu ui: the full-screen terminal interface (also what "vanthu"
 * runs without a command).  The interface itself is in src/ui/.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/ui.h"

static void
cmd_ui_usage(void)
{
	printf(_("Usage: %s [ui] [--user NAME] [--offline]\n"), PACKAGE);
	fputs(_("Start the full-screen interface: incoming documents, drafts "
	    "to review\nand sign, actions waiting to be sent.  Press ? on any "
	    "screen for its keys.\n"), stdout);
	fputs("\n", stdout);
	fputs(_("  -u, --user NAME        fill in NAME on the login screen\n"),
	    stdout);
	fputs(_("      --password-file F  read the password from file F "
	    "(demonstrations)\n"), stdout);
	fputs(_("      --offline          work from the cache only, without "
	    "the network\n"), stdout);
}

int
cmd_ui(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "user",		required_argument, NULL, 'u' },
		{ "password-file",	required_argument, NULL, 'P' },
		{ "offline",		no_argument,	   NULL, 'o' },
		{ "help",		no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_ui_options	opt;
	int			ch;

	memset(&opt, 0, sizeof opt);
	opt.cli = cli;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+u:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			opt.user = optarg;
			break;
		case 'P':
			opt.password_file = optarg;
			break;
		case 'o':
			opt.offline = true;
			break;
		case 'h':
			cmd_ui_usage();
			return 0;
		default:
			return vt_cmd_usage_error(argv[0],
			    _("unknown or incomplete option"));
		}
	}
	if (optind < argc)
		return vt_cmd_usage_error(argv[0], _("too many arguments"));
	return vt_ui_run(&opt);
}
