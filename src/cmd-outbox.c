/*
 * vanthu outbox: list the actions waiting to be sent and those the
 * server refused (with its reason), each named by its document's
 * number/notation and subject as the interface shows it; "flush" sends the waiting ones;
 * "drop NAME" forgets one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/outbox.h"
#include "vanthu/text.h"

/* A string member as JSON, null when absent. */
static void
json_string_or_null(cJSON *o, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(o, key, value);
	else
		cJSON_AddNullToObject(o, key);
}

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
		json_string_or_null(o, "number_notation", a[i].number_notation);
		json_string_or_null(o, "subject", a[i].subject);
		cJSON_AddStringToObject(o, "summary", a[i].summary);
		cJSON_AddStringToObject(o, "created_at", a[i].created_at);
		cJSON_AddNumberToObject(o, "attempts", a[i].attempts);
		json_string_or_null(o, "reason", a[i].reason);
		cJSON_AddItemToArray(items, o);
	}
	core_json_print(j);
}

/* S padded with spaces to COLS terminal columns (never cut). */
static void
print_padded(const char *s, int cols)
{
	int	w = vt_text_width(s);

	fputs(s, stdout);
	for (; w < cols; w++)
		putchar(' ');
}

/*
 * One entry as the interface's outbox shows it: state, time queued,
 * the document's number and notation and its subject; then what was
 * done, the reason it is waiting or was refused, and its name.
 */
static void
list_entry(const struct vt_action *a, int state_cols)
{
	char	when[32];

	print_padded(vt_action_state_name(a), state_cols);
	if (a->damaged) {
		printf("  %s\n", a->name);
		if (a->summary != NULL && a->summary[0] != '\0')
			printf("    %s\n", a->summary);
		printf(_("    %s: %s\n"), a->file, a->problem);
		printf(_("    It is not sent.  Read what it held above "
		    "and do the action again if needed, then remove "
		    "it: vanthu outbox drop %s\n"), a->name);
		return;
	}
	vt_clock_show(a->created_at, VT_CLOCK_DATETIME_SHORT, when,
	    sizeof when);
	printf("  %s  %s", when, a->number_notation != NULL ?
	    a->number_notation : a->target);
	if (a->subject != NULL && a->subject[0] != '\0')
		printf("  %s", a->subject);
	printf("\n    %s\n", a->summary);
	if (a->reason != NULL)
		printf("    %s\n", a->reason);
	if (a->failed)
		printf(_("    It was not sent.  To take it off this list: "
		    "vanthu outbox drop %s\n"), a->name);
	else
		printf(_("    Name: %s\n"), a->name);
}

static void
list_text(const struct vt_action *a, size_t n)
{
	size_t	i;
	int	cols = 0, w;

	if (n == 0) {
		printf(_("The outbox is empty.\n"));
		return;
	}
	for (i = 0; i < n; i++)	/* the states line up */
		if ((w = vt_text_width(vt_action_state_name(&a[i]))) > cols)
			cols = w;
	for (i = 0; i < n; i++)
		list_entry(&a[i], cols);
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
	if ((status = core_open(&core, cli, args->cmd, CORE_OUTBOX |
	    CORE_CACHE)) != 0)
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
		vt_outbox_name_targets(core.cache, a, n);
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
