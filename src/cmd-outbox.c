/*
 * vanthu outbox: list the actions waiting to be sent and those the
 * server refused (with its reason); "flush" sends the waiting ones;
 * "drop NAME" forgets one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"

static void
list_json(const struct vt_action *a, size_t n)
{
	cJSON	*j = cJSON_CreateObject(), *items, *o;
	size_t	 i;

	items = cJSON_AddArrayToObject(j, "actions");
	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", a[i].name);
		cJSON_AddStringToObject(o, "state", a[i].damaged ? "damaged" :
		    a[i].failed ? "failed" : "pending");
		if (a[i].damaged) {
			cJSON_AddStringToObject(o, "problem", a[i].problem);
			cJSON_AddStringToObject(o, "file", a[i].file);
		}
		cJSON_AddStringToObject(o, "kind", a[i].kind);
		cJSON_AddStringToObject(o, "target", a[i].target);
		cJSON_AddStringToObject(o, "summary", a[i].summary);
		cJSON_AddStringToObject(o, "created_at", a[i].created_at);
		cJSON_AddNumberToObject(o, "attempts", a[i].attempts);
		if (a[i].reason != NULL)
			cJSON_AddStringToObject(o, "reason", a[i].reason);
		else
			cJSON_AddNullToObject(o, "reason");
		cJSON_AddItemToArray(items, o);
	}
	core_json_print(j);
}

static void
list_text(const struct vt_action *a, size_t n)
{
	size_t	i;

	if (n == 0)
		printf(_("The outbox is empty.\n"));
	for (i = 0; i < n; i++) {
		printf("%s  %s  %s\n", a[i].damaged ? _("damaged") :
		    a[i].failed ? _("failed ") : _("pending"), a[i].name,
		    a[i].summary);
		if (a[i].damaged) {
			printf(_("    %s: %s\n"), a[i].file, a[i].problem);
			printf(_("    It is not sent.  Read what it held above "
			    "and do the action again if needed, then remove "
			    "it: vanthu outbox drop %s\n"), a[i].name);
		} else if (a[i].reason != NULL)
			printf("    %s\n", a[i].reason);
	}
}

static int
cmd_outbox(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_flush_result	 fr;
	struct vt_action	*a;
	const char		*verb = NULL;
	size_t			 n;
	bool			 json = false;
	int			 status;

	json = vt_args_has(args, 'j');
	if (args->argc > 0)
		verb = args->argv[0];
	if (verb != NULL && strcmp(verb, "flush") != 0 &&
	    strcmp(verb, "drop") != 0)
		return vt_cmd_usage_error(args->cmd, _("unknown subcommand"));
	if (args->argc != ((verb != NULL && strcmp(verb, "drop") == 0) ? 2 :
	    verb != NULL ? 1 : 0))
		return vt_cmd_usage_error(args->cmd, _("wrong number of "
		    "arguments"));
	if (verb != NULL && strcmp(verb, "drop") == 0 &&
	    args->argv[1][0] == '\0')
		return vt_cmd_usage_error(args->cmd, _("expected an action "
		    "name"));
	if ((status = core_open(&core, cli, args->cmd, CORE_OUTBOX)) != 0)
		return status;
	if (verb != NULL && strcmp(verb, "drop") == 0) {
		if (vt_outbox_drop(core.outbox, args->argv[1], &eb) != VT_OK)
			status = core_fail(&core, &eb);
		else if (!json)
			printf(_("Dropped %s: it will not be sent.\n"),
			    args->argv[1]);
		core_close(&core);
		return status;
	}
	if (verb != NULL) {
		if (vt_outbox_flush(core.outbox, core.client, NULL, &fr, &eb) !=
		    VT_OK)
			status = core_fail(&core, &eb);
		if (!json)
			printf(_("Sent %zu, refused %zu, still waiting %zu.\n"),
			    fr.sent, fr.failed, fr.pending);
		if (!json && fr.damaged > 0)
			printf(ngettext("%zu damaged file of the outbox was "
			    "not sent (see 'vanthu outbox').\n", "%zu damaged "
			    "files of the outbox were not sent (see 'vanthu "
			    "outbox').\n", fr.damaged), fr.damaged);
	}
	if (vt_outbox_list(core.outbox, &a, &n, &eb) != VT_OK)
		status = core_fail(&core, &eb);
	else {
		if (json)
			list_json(a, n);
		else if (verb == NULL)
			list_text(a, n);
		vt_action_list_free(a, n);
	}
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt outbox_opts[] = {
	{ 'j', "json", 0, NULL, N_("print the actions as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_outbox_entry = {
	.name = "outbox",
	.run = cmd_outbox,
	.summary = N_("list, send or drop queued actions"),
	.operands = N_("[flush | drop NAME]"),
	.min_args = 0,
	.max_args = 2,
	.args_error = N_("wrong number of arguments"),
	.opts = outbox_opts,
	.help = N_("List the actions waiting to be sent and those the server "
	    "refused; 'flush' sends the waiting ones now; 'drop NAME' forgets "
	    "one."),
};
