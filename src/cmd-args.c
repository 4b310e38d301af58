/*
 * vanthu: the one dispatcher of the command line.  A command's entry
 * (vanthu/cmd.h) carries its options, operands and help; this file
 * turns the options into getopt_long's tables, parses, prints --help
 * and usage errors, and calls the command (as tmux's cmd_parse and
 * args_parse do with a cmd_entry's template).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* Help lines are wrapped to this many columns. */
#define HELP_WIDTH	79
/* The options' descriptions start at most at this column. */
#define HELP_COLUMN	28

/* The key of --help; no command may use it. */
#define KEY_HELP	'h'

const struct vt_cmd *
vt_cmd_find(const struct vt_cmd *const *table, const char *name)
{
	for (; *table != NULL; table++) {
		if (strcmp((*table)->name, name) == 0)
			return *table;
	}
	return NULL;
}

int
vt_cmd_usage_error(const char *cmd, const char *message)
{
	fprintf(stderr, "%s %s: %s\n", PACKAGE, cmd, message);
	fprintf(stderr, _("Try '%s %s --help' for more information.\n"),
	    PACKAGE, cmd);
	return vt_exit_status(VT_ERR_USAGE);
}

bool
vt_args_has(const struct vt_args *args, int key)
{
	size_t	i;

	for (i = 0; i < args->nopts; i++) {
		if (args->opts[i].key == key)
			return true;
	}
	return false;
}

const char *
vt_args_get(const struct vt_args *args, int key)
{
	size_t	i;

	for (i = args->nopts; i > 0; i--) {
		if (args->opts[i - 1].key == key)
			return args->opts[i - 1].value;
	}
	return NULL;
}

/*
 * Print TEXT on F, the cursor being at column COL: words are wrapped at
 * HELP_WIDTH columns, a new line (also one in TEXT) starts at column
 * INDENT.  Ends the line.
 */
static void
put_wrapped(FILE *f, const char *text, int col, int indent)
{
	const char	*p = text;
	size_t		 len;
	int		 w, spaces = 0, start = col;

	while (*p != '\0') {
		if (*p == ' ') {
			spaces++;
			p++;
			continue;
		}
		if (*p == '\n') {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
			spaces = 0;
			p++;
			continue;
		}
		len = strcspn(p, " \n");
		w = vt_text_width_n(p, len);
		if (col > start && col + spaces + w > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
		} else if (col > start) {
			fprintf(f, "%*s", spaces, "");
			col += spaces;
		}
		fwrite(p, 1, len, f);
		col += w;
		spaces = 0;
		p += len;
	}
	fputc('\n', f);
}

/* "  -o, --output FILE" for OPT (translated argument name). */
static char *
opt_left(const struct vt_cmd_opt *opt)
{
	const char	*arg = (opt->flags & VT_OPT_ARG) && opt->arg != NULL ?
			    _(opt->arg) : NULL;

	if (opt->flags & VT_OPT_SHORT)
		return xasprintf("  -%c, --%s%s%s", opt->key, opt->name,
		    arg != NULL ? " " : "", arg != NULL ? arg : "");
	return xasprintf("      --%s%s%s", opt->name, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
}

/* One option's line(s): LEFT, then HELP from column COLUMN. */
static void
put_opt(FILE *f, const char *left, const char *help, int column)
{
	int	w = vt_text_width(left);

	fputs(left, f);
	if (w + 2 > column)
		fprintf(f, "\n%*s", column, "");
	else
		fprintf(f, "%*s", column - w, "");
	put_wrapped(f, help, column, column);
}

static void
help_options(const struct vt_cmd *cmd, FILE *f)
{
	static const struct vt_cmd_opt	 help = { KEY_HELP, "help",
					    VT_OPT_SHORT, NULL, NULL };
	const struct vt_cmd_opt		*o;
	char				*left;
	int				 column, w;

	/* The descriptions line up after the longest left part, unless
	   it is too long (it then has the description on its own line). */
	left = opt_left(&help);
	column = vt_text_width(left) + 2;
	free(left);
	for (o = cmd->opts; o != NULL && o->name != NULL; o++) {
		left = opt_left(o);
		if ((w = vt_text_width(left) + 2) > column && w <= HELP_COLUMN)
			column = w;
		free(left);
	}
	fputs("\n", f);
	fputs(_("Options:"), f);
	fputs("\n", f);
	for (o = cmd->opts; o != NULL && o->name != NULL; o++) {
		left = opt_left(o);
		put_opt(f, left, _(o->help), column);
		free(left);
	}
	left = opt_left(&help);
	put_opt(f, left, _("display this help and exit"), column);
	free(left);
}

static void
help_subcmds(const struct vt_cmd *cmd, const char *fullname, FILE *f)
{
	const struct vt_cmd *const	*c;
	int				 column = 0, w;

	for (c = cmd->subcmds; *c != NULL; c++) {
		if ((w = vt_text_width((*c)->name) + 4) > column)
			column = w;
	}
	fputs("\n", f);
	fputs(_("Subcommands:"), f);
	fputs("\n", f);
	for (c = cmd->subcmds; *c != NULL; c++) {
		fprintf(f, "  %s%*s", (*c)->name,
		    column - 2 - vt_text_width((*c)->name), "");
		put_wrapped(f, _((*c)->summary), column, column);
	}
	fputs("\n", f);
	fprintf(f, _("Run '%s %s SUBCOMMAND --help' for a subcommand's "
	    "options.\n"), PACKAGE, fullname);
}

void
vt_cmd_help(const struct vt_cmd *cmd, const char *fullname, FILE *f)
{
	fprintf(f, "%s %s %s", _("Usage:"), PACKAGE, fullname);
	if (cmd->subcmds != NULL)
		fprintf(f, " %s", _("SUBCOMMAND [ARGUMENT]..."));
	else if (cmd->opts != NULL && cmd->opts[0].name != NULL)
		fprintf(f, " %s", _("[OPTION]..."));
	if (cmd->subcmds == NULL && cmd->operands != NULL)
		fprintf(f, " %s", _(cmd->operands));
	fputs("\n", f);
	if (cmd->help != NULL)
		put_wrapped(f, _(cmd->help), 0, 0);
	else
		put_wrapped(f, _(cmd->summary), 0, 0);
	if (cmd->subcmds != NULL)
		help_subcmds(cmd, fullname, f);
	else
		help_options(cmd, f);
	if (cmd->footer != NULL) {
		fputs("\n", f);
		put_wrapped(f, _(cmd->footer), 0, 0);
	}
}

/* getopt_long's tables for CMD's options and --help. */
static void
make_tables(const struct vt_cmd *cmd, char **shortopts,
    struct option **longopts)
{
	const struct vt_cmd_opt	*o;
	struct option		*lo;
	char			*so;
	size_t			 n = 0, i = 0, k = 0;

	for (o = cmd->opts; o != NULL && o->name != NULL; o++)
		n++;
	lo = xcalloc(n + 2, sizeof *lo);
	so = xmalloc(3 * n + 4);
	/* "+": stop at the first operand; ":": tell a missing argument. */
	if (cmd->flags & VT_CMD_IN_ORDER)
		so[k++] = '+';
	so[k++] = ':';
	for (o = cmd->opts; o != NULL && o->name != NULL; o++, i++) {
		lo[i].name = o->name;
		lo[i].has_arg = (o->flags & VT_OPT_ARG) ? required_argument :
		    no_argument;
		lo[i].val = o->key;
		if (o->flags & VT_OPT_SHORT) {
			so[k++] = (char)o->key;
			if (o->flags & VT_OPT_ARG)
				so[k++] = ':';
		}
	}
	lo[i].name = "help";
	lo[i].val = KEY_HELP;
	so[k++] = KEY_HELP;
	so[k] = '\0';
	*shortopts = so;
	*longopts = lo;
}

/* The usage error for the option getopt_long could not take. */
static int
bad_option(const char *fullname, int ch, char **argv)
{
	char	*what, *msg;
	int	 status;

	/* A long option has been passed over; a short one may sit in a
	   group ("-jx"), so it is named by its letter. */
	if (optind > 0 && strncmp(argv[optind - 1], "--", 2) == 0)
		what = xstrdup(argv[optind - 1]);
	else if (optopt > 0 && optopt < 256)
		what = xasprintf("-%c", optopt);
	else
		what = xstrdup(argv[optind > 0 ? optind - 1 : 0]);
	if (ch == ':')
		msg = xasprintf(_("option '%s' needs an argument"), what);
	else
		msg = xasprintf(_("unknown or incomplete option '%s'"), what);
	status = vt_cmd_usage_error(fullname, msg);
	free(msg);
	free(what);
	return status;
}

/*
 * Parse ARGV by CMD's table into ARGS (ARGS->opts allocated).  Returns
 * -1 when ARGS is ready, else the exit status to return (0 after
 * --help).
 */
static int
parse(const struct vt_cmd *cmd, const char *fullname, int argc, char **argv,
    struct vt_args *args)
{
	struct option	*longopts;
	struct vt_arg	*opts;
	char		*shortopts;
	size_t		 n = 0;
	int		 ch, status = -1, nargs;

	make_tables(cmd, &shortopts, &longopts);
	opts = xcalloc((size_t)argc + 1, sizeof *opts);
	opterr = 0;
	optind = 0;	/* GNU getopt: start again from the beginning */
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	    -1) {
		if (ch == '?' || ch == ':') {
			status = bad_option(fullname, ch, argv);
			break;
		}
		if (ch == KEY_HELP) {
			vt_cmd_help(cmd, fullname, stdout);
			status = 0;
			break;
		}
		opts[n].key = ch;
		opts[n++].value = optarg;
	}
	free(shortopts);
	free(longopts);
	nargs = argc - optind;
	if (status == -1 && nargs < cmd->min_args)
		status = vt_cmd_usage_error(fullname, cmd->args_error != NULL ?
		    _(cmd->args_error) : _("missing operand"));
	else if (status == -1 && cmd->max_args >= 0 && nargs > cmd->max_args)
		status = vt_cmd_usage_error(fullname, _("too many arguments"));
	if (status != -1) {
		free(opts);
		return status;
	}
	args->cmd = fullname;
	args->argc = nargs;
	args->argv = argv + optind;
	args->opts = opts;
	args->nopts = n;
	return -1;
}

/* The subcommand of CMD named in ARGV[1]. */
static int
run_subcmd(const struct vt_cmd *cmd, const char *fullname,
    const struct vt_cli *cli, int argc, char **argv)
{
	const struct vt_cmd	*sub;

	if (argc < 2) {
		vt_cmd_help(cmd, fullname, stderr);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		vt_cmd_help(cmd, fullname, stdout);
		return 0;
	}
	if ((sub = vt_cmd_find(cmd->subcmds, argv[1])) == NULL)
		return vt_cmd_usage_error(fullname, _("unknown subcommand"));
	return vt_cmd_run(sub, fullname, cli, argc - 1, argv + 1);
}

int
vt_cmd_run(const struct vt_cmd *cmd, const char *parent,
    const struct vt_cli *cli, int argc, char **argv)
{
	struct vt_args	 args;
	char		*fullname;
	int		 status;

	fullname = parent != NULL ? xasprintf("%s %s", parent, cmd->name) :
	    xstrdup(cmd->name);
	if (cmd->subcmds != NULL)
		status = run_subcmd(cmd, fullname, cli, argc, argv);
	else if ((status = parse(cmd, fullname, argc, argv, &args)) == -1) {
		status = cmd->run(cli, &args);
		free((void *)args.opts);
	}
	free(fullname);
	return status;
}
