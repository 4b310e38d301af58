/*
 * vanthu assign: a leader assigns an incoming document: lead (chủ trì),
 * cooperating (phối hợp) and for-information (để biết) users and a
 * deadline; through the outbox.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static bool
valid_date(const char *s)
{
	int	i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	return s[10] == '\0';
}

static void
add(cJSON *list, const char *user, const char *role)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "username", user);
	cJSON_AddStringToObject(o, "role", role);
	cJSON_AddItemToArray(list, o);
}

int
cmd_assign(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lead",	required_argument, NULL, 'l' },
		{ "cooperate",	required_argument, NULL, 'c' },
		{ "inform",	required_argument, NULL, 'i' },
		{ "due",	required_argument, NULL, 'd' },
		{ "note",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cJSON		*j, *list;
	const char	*lead = NULL, *due = NULL;
	char		*note = NULL, *summary;
	int		 ch, status;

	j = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(j, "assignments");
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			if (lead != NULL) {
				cJSON_Delete(j);
				free(note);
				return vt_cmd_usage_error(argv[0],
				    _("only one --lead"));
			}
			lead = optarg;
			add(list, optarg, "lead");
			break;
		case 'c': add(list, optarg, "cooperate"); break;
		case 'i': add(list, optarg, "inform"); break;
		case 'd': due = optarg; break;
		case 'n':
			free(note);
			if ((note = core_text_arg(argv[0], optarg)) == NULL) {
				cJSON_Delete(j);
				return vt_exit_status(VT_ERR_USAGE);
			}
			break;
		case 'h':
			cJSON_Delete(j);
			free(note);
			return core_help(_("Usage: vanthu assign ID --lead USER "
			    "[--cooperate USER]... [--inform USER]...\n"
			    "       --due YYYY-MM-DD [--note TEXT]\n"
			    "Assign an incoming document (leaders only): the "
			    "lead, cooperating and\nfor-information users and "
			    "the deadline.\n"));
		default:
			cJSON_Delete(j);
			free(note);
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	status = -1;
	if (optind + 1 != argc || !core_valid_id(argv[optind]))
		status = vt_cmd_usage_error(argv[0], _("expected one document "
		    "ID"));
	else if (lead == NULL)
		status = vt_cmd_usage_error(argv[0], _("--lead USER is "
		    "required"));
	else if (due == NULL || !valid_date(due))
		status = vt_cmd_usage_error(argv[0], _("--due YYYY-MM-DD is "
		    "required"));
	if (status != -1) {
		cJSON_Delete(j);
		free(note);
		return status;
	}
	cJSON_AddStringToObject(j, "due_date", due);
	if (note != NULL)
		cJSON_AddStringToObject(j, "note", note);
	summary = xasprintf(_("assign %s to %s, due %s"), argv[optind], lead,
	    due);
	status = core_post(cli, argv[0], "assign", "incoming", argv[optind],
	    "assign", j, summary);
	free(summary);
	free(note);
	return status;
}
