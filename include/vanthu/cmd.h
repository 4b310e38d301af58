/*
 * vanthu: the command line.  Each command lives in src/cmd-NAME.c with
 * its table entry (struct vt_cmd: name, one-line summary, operands,
 * options, help), as tmux keeps a command's arguments template in its
 * cmd_entry; src/cmd-table.c lists the entries.  One dispatcher
 * (src/cmd-args.c) parses the options of every command from its entry
 * with getopt_long, checks the number of operands, prints --help and
 * usage errors, then calls the command's function with what it found.
 * A command prints its results and returns the process exit status
 * (see vt_exit_status() in vanthu/error.h).
 *
 * Adding a command: write src/cmd-NAME.c with a static function
 * "static int cmd_NAME(const struct vt_cli *, const struct vt_args *)"
 * and "const struct vt_cmd cmd_NAME_entry = { ... }", declare the entry
 * below and add "&cmd_NAME_entry" to src/cmd-table.c.
 */
#ifndef VANTHU_CMD_H
#define VANTHU_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Options given before the command name, for every command. */
struct vt_cli {
	const char	*config_path;	/* --config FILE, or NULL */
	const char	*server_url;	/* --server URL, or NULL */
	const char	*ca_file;	/* --ca-file FILE, or NULL */
};

/* Flags of an option. */
#define VT_OPT_SHORT	0x1	/* also spelt -KEY (KEY is a letter) */
#define VT_OPT_ARG	0x2	/* takes an argument */

/* One option of a command; a table of them ends with a NULL name. */
struct vt_cmd_opt {
	int		 key;	/* what the command looks for: its letter
				   when VT_OPT_SHORT, else any value unique
				   in the table (256 and up) */
	const char	*name;	/* the long name, without "--" */
	int		 flags;	/* VT_OPT_* */
	const char	*arg;	/* N_() name of the argument ("FILE") */
	const char	*help;	/* N_() one line for --help */
};

/* One option as given on the command line. */
struct vt_arg {
	int		 key;	/* vt_cmd_opt.key */
	const char	*value;	/* its argument, or NULL */
};

/* What the dispatcher hands a command. */
struct vt_args {
	const char		*cmd;	/* "inbox", "draft show": for messages */
	int			 argc;	/* the operands (options removed) */
	char			**argv;
	const struct vt_arg	*opts;	/* the options, in the order given */
	size_t			 nopts;
};

typedef int (*vt_cmd_fn)(const struct vt_cli *cli, const struct vt_args *args);

/* Flags of a command. */
#define VT_CMD_IN_ORDER	0x1	/* options only before the first operand */

struct vt_cmd {
	const char			*name;	/* "inbox", "draft", ... */
	vt_cmd_fn			 run;	/* NULL when it has subcmds */
	const char			*summary; /* N_() one line */
	const char			*operands; /* N_() in the usage line,
						      "ID (TEXT | -)"; NULL */
	int				 min_args; /* operands at least */
	int				 max_args; /* at most; -1: any */
	const char			*args_error; /* N_() said when there
							are too few (too
							many: "too many
							arguments") */
	const struct vt_cmd_opt		*opts;	/* NULL: none but --help */
	const char			*help;	/* N_() what it does, one
						   paragraph (wrapped) */
	const char			*footer; /* N_() a paragraph after
						    the options, or NULL */
	const struct vt_cmd *const	*subcmds; /* NULL-ended, or NULL */
	int				 flags;	/* VT_CMD_* */
};

/* The commands, ended by NULL (src/cmd-table.c). */
extern const struct vt_cmd *const vt_cmds[];

/*
 * vt_cmd_find: the command called NAME in TABLE (NULL-ended), or NULL.
 * Nothing is allocated.
 */
const struct vt_cmd	*vt_cmd_find(const struct vt_cmd *const *table,
			    const char *name);

/*
 * vt_cmd_run: run CMD with ARGV (ARGC words; argv[0] is the command's
 * name as typed; PARENT is "draft" for "vanthu draft show", else NULL):
 * parse its options as its entry says (getopt_long, GNU style: options
 * and operands in any order unless VT_CMD_IN_ORDER, "--" ends them),
 * print --help, refuse an unknown option, a missing argument or a wrong
 * number of operands (exit status 2), pick the subcommand of a command
 * that has them, and return what the command returns.
 */
int	vt_cmd_run(const struct vt_cmd *cmd, const char *parent,
	    const struct vt_cli *cli, int argc, char **argv);

/*
 * vt_cmd_help: the --help of CMD, called FULLNAME ("draft show"), on F:
 * the usage line, what it does, its options or subcommands.
 */
void	vt_cmd_help(const struct vt_cmd *cmd, const char *fullname, FILE *f);

/* vt_args_has: whether the option KEY was given. */
bool	vt_args_has(const struct vt_args *args, int key);
/* vt_args_get: the argument of the last option KEY given, or NULL. */
const char *vt_args_get(const struct vt_args *args, int key);

/*
 * vt_cmd_usage_error: print "vanthu CMD: MESSAGE" and a hint to run
 * "vanthu CMD --help" on stderr, and return the usage exit status (2).
 */
int	vt_cmd_usage_error(const char *cmd, const char *message);

/* The entries (each in its src/cmd-NAME.c), in alphabetical order. */
extern const struct vt_cmd cmd_assign_entry;
extern const struct vt_cmd cmd_comment_entry;
extern const struct vt_cmd cmd_complete_entry;
extern const struct vt_cmd cmd_convert_entry;
extern const struct vt_cmd cmd_dossier_entry;
extern const struct vt_cmd cmd_draft_entry;
extern const struct vt_cmd cmd_drafts_entry;
extern const struct vt_cmd cmd_forward_entry;
extern const struct vt_cmd cmd_get_entry;
extern const struct vt_cmd cmd_inbox_entry;
extern const struct vt_cmd cmd_incoming_register_entry;
extern const struct vt_cmd cmd_login_entry;
extern const struct vt_cmd cmd_logout_entry;
extern const struct vt_cmd cmd_outbox_entry;
extern const struct vt_cmd cmd_outgoing_register_entry;
extern const struct vt_cmd cmd_register_entry;
extern const struct vt_cmd cmd_return_entry;
extern const struct vt_cmd cmd_show_entry;
extern const struct vt_cmd cmd_sign_entry;
extern const struct vt_cmd cmd_sync_entry;
extern const struct vt_cmd cmd_token_entry;
extern const struct vt_cmd cmd_ui_entry;
extern const struct vt_cmd cmd_verify_entry;
extern const struct vt_cmd cmd_extend_entry;
extern const struct vt_cmd cmd_version_entry;

/* The subcommands of "vanthu draft" (src/cmd-draft*.c). */
extern const struct vt_cmd cmd_draft_annotate_entry;
extern const struct vt_cmd cmd_draft_diff_entry;
extern const struct vt_cmd cmd_draft_new_entry;
extern const struct vt_cmd cmd_draft_revise_entry;
extern const struct vt_cmd cmd_draft_approve_entry;
extern const struct vt_cmd cmd_draft_return_entry;
extern const struct vt_cmd cmd_draft_show_entry;
extern const struct vt_cmd cmd_draft_fields_entry;
extern const struct vt_cmd cmd_draft_issue_entry;
extern const struct vt_cmd cmd_draft_sign_entry;

#endif
