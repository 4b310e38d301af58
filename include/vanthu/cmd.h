/*
 * vanthu: command-line commands.  Each command lives in src/cmd-NAME.c
 * and is listed in src/cmd-table.c.  A command parses its own options
 * (argv[0] is the command name), prints its results, and returns the
 * process exit status (see vt_exit_status() in vanthu/error.h).
 */
#ifndef VANTHU_CMD_H
#define VANTHU_CMD_H

/* Options given before the command name, for every command. */
struct vt_cli {
	const char	*config_path;	/* --config FILE, or NULL */
	const char	*server_url;	/* --server URL, or NULL */
	const char	*ca_file;	/* --ca-file FILE, or NULL */
};

typedef int (*vt_cmd_fn)(const struct vt_cli *cli, int argc, char **argv);

struct vt_cmd {
	const char	*name;		/* "inbox", "draft", ... */
	vt_cmd_fn	 run;
	const char	*summary;	/* N_() marked; translated on display */
};

/* The commands, ended by an entry whose name is NULL. */
extern const struct vt_cmd vt_cmds[];

/*
 * vt_cmd_find: the command called NAME, or NULL.  The table is static;
 * nothing is allocated.
 */
const struct vt_cmd	*vt_cmd_find(const char *name);

/*
 * vt_cmd_usage_error: print "vanthu CMD: MESSAGE" and a hint to run
 * "vanthu CMD --help" on stderr, and return the usage exit status (2).
 */
int	vt_cmd_usage_error(const char *cmd, const char *message);

/* One function per command, in alphabetical order. */
int	cmd_assign(const struct vt_cli *, int, char **);
int	cmd_comment(const struct vt_cli *, int, char **);
int	cmd_complete(const struct vt_cli *, int, char **);
int	cmd_draft(const struct vt_cli *, int, char **);
int	cmd_drafts(const struct vt_cli *, int, char **);
int	cmd_forward(const struct vt_cli *, int, char **);
int	cmd_get(const struct vt_cli *, int, char **);
int	cmd_inbox(const struct vt_cli *, int, char **);
int	cmd_incoming_register(const struct vt_cli *, int, char **);
int	cmd_login(const struct vt_cli *, int, char **);
int	cmd_logout(const struct vt_cli *, int, char **);
int	cmd_outbox(const struct vt_cli *, int, char **);
int	cmd_register(const struct vt_cli *, int, char **);
int	cmd_return(const struct vt_cli *, int, char **);
int	cmd_show(const struct vt_cli *, int, char **);
int	cmd_sync(const struct vt_cli *, int, char **);
int	cmd_ui(const struct vt_cli *, int, char **);
int	cmd_convert(const struct vt_cli *, int, char **);
int	cmd_sign(const struct vt_cli *, int, char **);
int	cmd_token(const struct vt_cli *, int, char **);
int	cmd_verify(const struct vt_cli *, int, char **);
int	cmd_version(const struct vt_cli *, int, char **);

/*
 * The subcommands of "vanthu draft" (src/cmd-draft-table.c), ended by an
 * entry whose name is NULL; argv[0] of a subcommand is its own name.
 */
extern const struct vt_cmd vt_draft_cmds[];
int	cmd_draft_annotate(const struct vt_cli *, int, char **);
int	cmd_draft_diff(const struct vt_cli *, int, char **);
int	cmd_draft_new(const struct vt_cli *, int, char **);
int	cmd_draft_revise(const struct vt_cli *, int, char **);
int	cmd_draft_fields(const struct vt_cli *, int, char **);
int	cmd_draft_approve(const struct vt_cli *, int, char **);
int	cmd_draft_return(const struct vt_cli *, int, char **);
int	cmd_draft_sign(const struct vt_cli *, int, char **);
int	cmd_draft_show(const struct vt_cli *, int, char **);

#endif
