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

int
cmd_logout(const struct vt_cli *cli, int argc, char **argv)
{
	struct core		core;
	struct vt_errbuf	eb = { VT_OK, "" };
	int			status;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return core_help(_("Usage: vanthu logout\nEnd the session and "
		    "forget its token; queued actions stay in the outbox.\n"));
	if (argc > 1)
		return vt_cmd_usage_error(argv[0], _("too many arguments"));
	if ((status = core_open(&core, cli, argv[0], 0)) != 0)
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
