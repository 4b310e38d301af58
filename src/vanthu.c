/*
 * vanthu: entry point.  Parses the global options (GNU style, as
 * getopt_long), then runs the command named by the first operand.  With
 * no command, runs the terminal interface when it is built in.
 */
#include "config.h"

#include <getopt.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vanthu/cmd.h"
#include "vanthu/config.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/tmpclean.h"

static void
usage(FILE *f)
{
	const struct vt_cmd *const	*c;
	int				 w = 0;

	fprintf(f, _("Usage: %s [OPTION]... [COMMAND [ARGUMENT]...]\n"),
	    PACKAGE);
	fputs(_("Read, direct and digitally sign official documents on the "
	    "provincial\ndocument server from a terminal.  Without a command, "
	    "start the\nfull-screen interface.\n"), f);
	fputs("\n", f);
	fputs(_("Options:\n"), f);
	fputs(_("  -c, --config FILE    read the configuration from FILE\n"), f);
	fputs(_("  -s, --server URL     use the document server at URL\n"), f);
	fputs(_("      --ca-file FILE   trust the certificate authorities in "
	    "FILE\n"), f);
	fputs(_("  -h, --help           display this help and exit\n"), f);
	fputs(_("  -V, --version        output version information and "
	    "exit\n"), f);
	fputs("\n", f);
	fputs(_("Commands:\n"), f);
	for (c = vt_cmds; *c != NULL; c++)	/* the longest name's width */
		if ((int)strlen((*c)->name) > w)
			w = (int)strlen((*c)->name);
	for (c = vt_cmds; *c != NULL; c++)
		fprintf(f, "  %-*s  %s\n", w, (*c)->name, _((*c)->summary));
	fputs("\n", f);
	fprintf(f, _("Run '%s COMMAND --help' for a command's options.\n"),
	    PACKAGE);
	fputs(_("Exit status: 0 success, 1 failure, 2 wrong usage, "
	    "3 network,\n4 login, 5 refused by the server, 6 signature or "
	    "token, 7 bad PDF.\n"), f);
	fprintf(f, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
	fprintf(f, _("%s home page: <%s>\n"), PACKAGE, PACKAGE_URL);
	fprintf(f, _("Manual: man %s\n"), PACKAGE);
}

static void
version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	puts("Copyright (C) 2026 the vanthu developers.");
	puts(_("License AGPLv3+: GNU AGPL version 3 or later "
	    "<https://gnu.org/licenses/agpl.html>."));
	puts(_("This is free software: you are free to change and "
	    "redistribute it."));
	puts(_("There is NO WARRANTY, to the extent permitted by law."));
}

static int
cmd_version(const struct vt_cli *cli, const struct vt_args *args)
{
	(void)cli;
	(void)args;
	version();
	return 0;
}

const struct vt_cmd cmd_version_entry = {
	.name = "version",
	.run = cmd_version,
	.summary = N_("print the version and exit"),
	.help = N_("Print the version of vanthu and its licence."),
};

/*
 * No core dump may hold a PIN or a password: from the start, the core
 * size limit is 0 (setrlimit(2), inherited by nothing vanthu runs that
 * matters) and the process is not dumpable (prctl(2) PR_SET_DUMPABLE,
 * which also keeps other processes of the user from reading its memory
 * through ptrace or /proc/PID/mem).  Sanitizer builds stay dumpable:
 * LeakSanitizer stops the process through ptrace.
 */
static void
no_core_dumps(void)
{
	const struct rlimit	none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
#if !defined(__SANITIZE_ADDRESS__)
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/*
 * What killed vanthu processes left behind goes at start, for both
 * faces: unlocked signing work directories, stale cache temporaries and
 * old partial downloads (vanthu/tmpclean.h).
 */
static void
clean_stale_files(void)
{
	char	*cache = vt_cache_dir();

	vt_tmp_clean(vt_tmp_dir(), cache, time(NULL));
	free(cache);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config",	required_argument, NULL, 'c' },
		{ "server",	required_argument, NULL, 's' },
		{ "ca-file",	required_argument, NULL, 'A' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_cli		 cli = { NULL, NULL, NULL };
	const struct vt_cmd	*cmd;
	int			 ch;

	no_core_dumps();
	/* Past a file-size limit (ulimit -f) a write fails with EFBIG,
	   which every writer reports (and the cache's index, an
	   optimisation, is just not written), instead of killing us. */
	signal(SIGXFSZ, SIG_IGN);
	vt_i18n_init();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+c:s:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cli.config_path = optarg;
			break;
		case 's':
			cli.server_url = optarg;
			break;
		case 'A':
			cli.ca_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			version();
			return 0;
		default:
			fprintf(stderr, _("%s: unknown or incomplete option "
			    "'%s'\n"), PACKAGE, argv[optind - 1]);
			fprintf(stderr, _("Try '%s --help' for more "
			    "information.\n"), PACKAGE);
			return vt_exit_status(VT_ERR_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	clean_stale_files();

	if (argc == 0) {
		if ((cmd = vt_cmd_find(vt_cmds, "ui")) != NULL) {
			char	*uiargv[] = { (char *)"ui", NULL };
			return vt_cmd_run(cmd, NULL, &cli, 1, uiargv);
		}
		usage(stderr);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if ((cmd = vt_cmd_find(vt_cmds, argv[0])) == NULL) {
		fprintf(stderr, _("%s: unknown command '%s'\n"), PACKAGE,
		    argv[0]);
		fprintf(stderr, _("Try '%s --help' for the list of "
		    "commands.\n"), PACKAGE);
		return vt_exit_status(VT_ERR_USAGE);
	}
	return vt_cmd_run(cmd, NULL, &cli, argc, argv);
}
