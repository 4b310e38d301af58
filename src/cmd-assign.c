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

/* Days in month M (1-12) of year Y (Gregorian calendar). */
static int
month_days(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/*
 * A deadline as people write it in Vietnam, DD/MM/YYYY (D/M/YYYY too),
 * or as ISO 8601 YYYY-MM-DD, into ISO (OUT: 32 bytes).  False when it
 * is neither or not a real day.
 */
static bool
parse_due(const char *s, char out[32])
{
	int	d, m, y, n = -1;

	if (strchr(s, '/') != NULL) {
		if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 ||
		    s[n] != '\0')
			return false;
	} else if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[n] != '\0')
		return false;
	if (strspn(s, "0123456789/-") != strlen(s) || y < 1900 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
	return true;
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
	char		*note = NULL, *summary, iso[32];
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
			    "       --due DD/MM/YYYY [--note TEXT]\n"
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
	else if (due == NULL)
		status = vt_cmd_usage_error(argv[0], _("--due DD/MM/YYYY is "
		    "required"));
	else if (!parse_due(due, iso))
		status = vt_cmd_usage_error(argv[0], _("--due: not a date "
		    "DD/MM/YYYY (or YYYY-MM-DD)"));
	if (status != -1) {
		cJSON_Delete(j);
		free(note);
		return status;
	}
	cJSON_AddStringToObject(j, "due_date", iso);
	if (note != NULL)
		cJSON_AddStringToObject(j, "note", note);
	summary = xasprintf(_("assign %s to %s, due %s"), argv[optind], lead,
	    iso);
	status = core_post(cli, argv[0], "assign", "incoming", argv[optind],
	    "assign", j, summary);
	free(summary);
	free(note);
	return status;
}
