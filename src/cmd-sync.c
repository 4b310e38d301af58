/*
 * vanthu sync: send the outbox, then bring the cache up to date (delta
 * sync with the server's sync token).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"

static int
cmd_sync(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		core;
	struct vt_errbuf	eb = { VT_OK, "" };
	struct vt_flush_result	fr;
	struct vt_sync_result	sr;
	int			status;

	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if (vt_outbox_flush(core.outbox, core.client, NULL, &fr, &eb) !=
	    VT_OK)
		status = core_fail(&core, &eb);
	if (fr.sent > 0)
		printf(_("Sent %zu queued action(s).\n"), fr.sent);
	if (fr.failed > 0)
		printf(_("%zu action(s) were refused: see 'vanthu outbox'.\n"),
		    fr.failed);
	if (status == 0) {
		if (vt_sync(core.client, core.cache, &sr, &eb) != VT_OK)
			status = core_fail(&core, &eb);
		else if (sr.unchanged)
			printf(_("Up to date.\n"));
		else
			printf(_("Updated: %zu changed, %zu removed%s.\n"),
			    sr.changed, sr.deleted, sr.full ?
			    _(" (full listing)") : "");
	}
	core_close(&core);
	return status;
}

const struct vt_cmd cmd_sync_entry = {
	.name = "sync",
	.run = cmd_sync,
	.summary = N_("send queued actions and update the offline copy"),
	.help = N_("Send the queued actions, then update the offline copy of "
	    "the inbox and the drafts."),
};
