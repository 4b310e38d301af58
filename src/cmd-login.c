/*
 * vanthu login: log in to the document server and keep the session
 * token (docs/api.md section 3); then send what waits in the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-ask.h"
#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/session.h"
#include "vanthu/xmalloc.h"

static char *
ask_username(void)
{
	char	 line[256];
	FILE	*tty;

	if ((tty = fopen("/dev/tty", "r+e")) == NULL)
		return NULL;
	fputs(_("User name: "), tty);
	fflush(tty);
	if (fgets(line, sizeof line, tty) == NULL) {
		fclose(tty);
		return NULL;
	}
	fclose(tty);
	line[strcspn(line, "\r\n")] = '\0';
	return line[0] != '\0' ? xstrdup(line) : NULL;
}

static int
cmd_login(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_flush_result	 res;
	const struct vt_session	*s;
	char			*user = NULL, *pw, prompt[256];
	int			 from_stdin, status;

	if (vt_args_get(args, 'u') != NULL)
		user = xstrdup(vt_args_get(args, 'u'));
	from_stdin = vt_args_has(args, 'P');
	if ((status = core_open(&core, cli, args->cmd, 0)) != 0) {
		free(user);
		return status;
	}
	if (user == NULL && core.cfg.username != NULL)
		user = xstrdup(core.cfg.username);
	if (user == NULL && !from_stdin)
		user = ask_username();
	if (user == NULL) {
		core_close(&core);
		return vt_cmd_usage_error(args->cmd, _("no user name: use "
		    "--username USER or set \"username\" in the configuration"));
	}
	snprintf(prompt, sizeof prompt, _("Password for %s on %s: "), user,
	    vt_client_server(core.client));
	if ((pw = cmd_password_read(prompt, from_stdin, &eb)) == NULL) {
		free(user);
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	status = 0;
	if (vt_api_login(core.client, user, pw, &eb) != VT_OK &&
	    eb.code == VT_ERR_AUTH && eb.detail[0] != '\0') {
		/* The server's reason alone: no "not logged in" before
		   it, no "log in with vanthu login" after it. */
		fprintf(stderr, "%s %s: %s\n", PACKAGE, args->cmd, eb.detail);
		status = vt_exit_status(eb.code);
	} else if (eb.code != VT_OK)
		status = core_fail(&core, &eb);
	vt_secret_free(pw);
	free(user);
	if (status == 0) {
		s = vt_client_session(core.client);
		printf(_("Logged in as %s (%s) on %s.\n"), s->full_name,
		    s->username, vt_client_server(core.client));
		core_close(&core);
		/* Pending work of this account goes out now. */
		if (core_open(&core, cli, args->cmd, CORE_OUTBOX) == 0) {
			vt_outbox_flush(core.outbox, core.client, NULL, &res,
			    &eb);
			if (res.sent > 0)
				printf(_("Sent %zu queued action(s).\n"),
				    res.sent);
			if (res.pending > 0)
				printf(_("%zu action(s) still wait in the "
				    "outbox.\n"), res.pending);
		}
	}
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt login_opts[] = {
	{ 'u', "username", VT_OPT_SHORT | VT_OPT_ARG, N_("USER"),
	    N_("the user name (default: username in the configuration)") },
	{ 'P', "password-stdin", 0, NULL,
	    N_("read the password from standard input (for scripts)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_login_entry = {
	.name = "login",
	.run = cmd_login,
	.summary = N_("log in to the document server"),
	.opts = login_opts,
	.help = N_("Log in to the document server; the password is read "
	    "without echo, or from standard input with --password-stdin."),
};
