/*
 * vanthu sync: send the outbox, then bring the cache up to date (delta
 * sync with the server's sync token).
 */
#include "config.h"

#include <stdio.h>
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
	if (res.synced && res.sync.unchanged && res.dossiers_changed == 0)
		printf(_("Up to date.\n"));
	else if (res.synced && res.sync.unchanged)
		;	/* only dossiers changed: said below */
	else if (res.synced && res.sync.full)
		/* A full listing replaces the copy: nothing is counted as
		   removed. */
		printf(ngettext("Updated: %zu document or draft, listed in "
		    "full.\n", "Updated: %zu documents and drafts, listed in "
		    "full.\n", res.sync.changed), res.sync.changed);
	else if (res.synced)
		printf(_("Updated: %zu changed, %zu removed.\n"),
		    res.sync.changed, res.sync.deleted);
	if (res.dossiers_changed > 0)
		printf(ngettext("Work dossiers: %zu updated.\n",
		    "Work dossiers: %zu updated.\n", res.dossiers_changed),
		    res.dossiers_changed);
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
