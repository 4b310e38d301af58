/*
 * vanthu drafts: list the drafts awaiting me (all of mine with --all),
 * after a delta sync unless --offline.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"

const char *
core_draft_state_name(const char *state)
{
	static const struct {
		const char	*state;
		const char	*name;
	} names[] = {
		{ "in_review", N_("in review") },
		{ "awaiting_signer", N_("awaiting the signer") },
		{ "approved", N_("approved") },
		{ "signed", N_("signed") },
		{ "issued", N_("issued") },
		{ "returned", N_("returned") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].state, state) == 0)
			return _(names[i].name);
	}
	return state;
}

static int
cmd_drafts(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft_list	 l = { 0 };
	const struct vt_draft	*d;
	cJSON			*j = NULL, *items = NULL;
	bool			 all, mine, offline, json, stale = false;
	size_t			 i, shown = 0;
	char			*state, due[16];
	vt_code			 code;
	int			 status, sync_status = 0;

	all = vt_args_has(args, 'a');
	mine = vt_args_has(args, 'm');
	offline = vt_args_has(args, 'O');
	json = vt_args_has(args, 'j');
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if (!offline) {
		/* Queued actions first; when the server cannot be reached
		 * for them, do not wait for it a second time. */
		code = vt_outbox_flush(core.outbox, core.client, NULL, NULL,
		    &eb);
		if (code != VT_ERR_NETWORK && code != VT_ERR_TLS)
			code = vt_sync(core.client, core.cache, NULL, &eb);
		if (code != VT_OK) {
			sync_status = core_fail(&core, &eb);
			stale = true;
			core_warn(args->cmd, _("showing the cached drafts, which "
			    "may be out of date"));
		}
	}
	if (vt_cache_drafts_load(core.cache, &l, NULL, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return sync_status != 0 ? sync_status : status;
	}
	if (mine) {
		status = cmd_drafts_mine(&core, &l, json, !offline && !stale);
		vt_draft_list_clear(&l);
		core_close(&core);
		return sync_status != 0 ? sync_status : status;
	}
	if (json) {
		j = cJSON_CreateObject();
		items = cJSON_AddArrayToObject(j, "drafts");
	}
	for (i = 0; i < l.n; i++) {
		d = &l.items[i];
		if (!all && !d->awaiting_me)
			continue;
		shown++;
		if (json) {
			cJSON_AddItemToArray(items, vt_draft_to_json(d));
			continue;
		}
		state = vt_text_fit(core_draft_state_name(d->state), 20, 0);
		printf("%c %-8s %-10s %s %s\n", d->awaiting_me ? '>' : ' ',
		    d->id, d->due_date != NULL ? vt_clock_show(d->due_date,
		    VT_CLOCK_DATE, due, sizeof due) : "-", state, d->subject);
		free(state);
	}
	if (json) {
		cJSON_AddNumberToObject(j, "count", (double)shown);
		cJSON_AddBoolToObject(j, "synced", !offline && !stale);
		core_json_print(j);
	}
	vt_draft_list_clear(&l);
	core_close(&core);
	return sync_status;
}

static const struct vt_cmd_opt drafts_opts[] = {
	{ 'a', "all", 0, NULL, N_("every draft you have a role in") },
	{ 'm', "mine", 0, NULL, N_("the drafts you wrote: whose turn it is, "
	    "the return reason and the annotations") },
	{ 'O', "offline", 0, NULL,
	    N_("from the offline copy, without the network") },
	{ 'j', "json", 0, NULL, N_("print the list as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_drafts_entry = {
	.name = "drafts",
	.run = cmd_drafts,
	.summary = N_("list the drafts awaiting you"),
	.opts = drafts_opts,
	.help = N_("List the drafts awaiting you (with --all: every draft you "
	    "have a role in; with --mine: the drafts you wrote, whose turn it "
	    "is, the return reason and the annotations), newest first."),
};
