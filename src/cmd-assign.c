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
	struct vt_act_args	 a;
	const char		*lead = NULL, *due = NULL;
	const char		**coop, **inform;
	size_t			 ncoop = 0, ninform = 0;
	char			*note = NULL, iso[32];
	int			 ch, status;

	/* At most one user per argument. */
	coop = xcalloc((size_t)argc + 1, sizeof *coop);
	inform = xcalloc((size_t)argc + 1, sizeof *inform);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			if (lead != NULL) {
				status = vt_cmd_usage_error(argv[0],
				    _("only one --lead"));
				goto out;
			}
			lead = optarg;
			break;
		case 'c': coop[ncoop++] = optarg; break;
		case 'i': inform[ninform++] = optarg; break;
		case 'd': due = optarg; break;
		case 'n':
			free(note);
			if ((note = core_text_arg(argv[0], optarg)) == NULL) {
				status = vt_exit_status(VT_ERR_USAGE);
				goto out;
			}
			break;
		case 'h':
			status = core_help(_("Usage: vanthu assign ID --lead USER "
			    "[--cooperate USER]... [--inform USER]...\n"
			    "       --due DD/MM/YYYY [--note TEXT]\n"
			    "Assign an incoming document (leaders only): the "
			    "lead, cooperating and\nfor-information users and "
			    "the deadline.\n"));
			goto out;
		default:
			status = vt_cmd_usage_error(argv[0],
			    _("unknown option"));
			goto out;
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
	if (status != -1)
		goto out;
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.lead = lead;
	a.users = coop;
	a.nusers = ncoop;
	a.inform = inform;
	a.ninform = ninform;
	a.due_date = iso;
	a.text = note;
	status = core_act(cli, argv[0], VT_ACT_ASSIGN, &a);
out:
	free(coop);
	free(inform);
	free(note);
	return status;
}
