/*
 * vanthu logout: end the session on the server and forget the token.
 * The cache and the outbox stay: queued actions are sent after the
 * next login.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"

static int
cmd_logout(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		core;
	struct vt_errbuf	eb = { VT_OK, "" };
	int			status;

	if ((status = core_open(&core, cli, args->cmd, 0)) != 0)
		return status;
	if (!vt_client_logged_in(core.client))
		printf(_("Not logged in.\n"));
	else if (vt_api_logout(core.client, &eb) != VT_OK)
		status = core_fail(&core, &eb);
	else
		printf(_("Logged out.\n"));
	core_close(&core);
	return status;
}

const struct vt_cmd cmd_logout_entry = {
	.name = "logout",
	.run = cmd_logout,
	.summary = N_("log out and forget the session"),
	.help = N_("End the session and forget its token; queued actions "
	    "stay in the outbox."),
};
