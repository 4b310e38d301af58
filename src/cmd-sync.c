/*
 * vanthu sync: send the outbox, then bring the cache up to date (delta
 * sync with the server's sync token).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/refresh.h"
#include "vanthu/i18n.h"

static int
cmd_sync(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		core;
	struct vt_errbuf	eb = { VT_OK, "" };
	struct vt_refresh_result res;
	char			*summary;
	int			status;

	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if (vt_refresh_all(core.client, core.outbox, core.cache, &res, &eb) !=
	    VT_OK)
		status = core_fail(&core, &eb);
	if (res.flush.sent > 0)
		printf(_("Sent %zu queued action(s).\n"), res.flush.sent);
	if (res.flush.failed > 0)
		printf(_("%zu action(s) were refused: see 'vanthu outbox'.\n"),
		    res.flush.failed);
	if ((summary = vt_refresh_summary(&res)) != NULL) {
		printf("%s\n", summary);
		free(summary);
	}
	core_close(&core);
	return status;
}

const struct vt_cmd cmd_sync_entry = {
	.name = "sync",
	.run = cmd_sync,
	.summary = N_("send queued actions and update the offline copy"),
	.help = N_("Send the queued actions, then update the offline copy of "
	    "the inbox, the drafts and the work dossiers."),
};
