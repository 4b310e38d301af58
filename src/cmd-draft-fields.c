/*
 * vanthu draft fields FILE -o OUT: add to a draft PDF the empty form
 * fields the clerk fills when issuing it (the number, Decree 30 box 3,
 * and the place and date, box 4); --fill: fill them as an incremental
 * update (what "vanthu draft issue" does after reserving the number);
 * --show: print their values.  Works on files only: no server, no
 * login.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/text.h"

#define CMD	"draft fields"

static void
usage(void)
{
	fputs(_("Usage: vanthu draft fields FILE -o OUT [OPTION]...\n"
	    "       vanthu draft fields FILE -o OUT --fill NUMBER/NOTATION "
	    "--place PLACE\n"
	    "                           --date YYYY-MM-DD\n"
	    "       vanthu draft fields --show FILE\n"
	    "Add to a draft PDF the empty form fields for the number (\"Số: "
	    "../..\", under\nthe agency's name) and for the place and date "
	    "line, which the clerk fills\nwhen issuing it; by default they "
	    "go over the draft's own \"Số:\" line and\ndate line on page 1.  "
	    "--fill fills them (the leader's signature stays valid); --show "
	    "prints them.\n"
	    "\n"
	    "  -o, --output OUT        the PDF to write (may be FILE)\n"
	    "      --number-box X,Y,W,H  the number's box on page 1 "
	    "(points from the top\n"
	    "                          left)\n"
	    "      --date-box X,Y,W,H    the date line's box on page 1\n"
	    "      --fill 05/QĐ-UBND   fill the fields with this number and "
	    "notation\n"
	    "      --place PLACE       the place of the date line (with "
	    "--fill)\n"
	    "      --date YYYY-MM-DD   the issue date (with --fill)\n"
	    "      --show              print the values of the fields\n"),
	    stdout);
}

static int
parse_box(const char *s, struct vt_numbox *b)
{
	char	 end;

	memset(b, 0, sizeof *b);
	b->page = 1;
	if (sscanf(s, "%f,%f,%f,%f%c", &b->x, &b->y, &b->w, &b->h, &end) != 4
	    || b->x < 0 || b->y < 0 || b->w < 4 || b->h < 4 ||
	    b->w > 10000 || b->h > 10000 || b->x > 10000 || b->y > 10000)
		return -1;
	return 0;
}

/* --fill NUMBER/NOTATION --place P --date D into F; 0 or -1. */
static int
parse_fill(char *num, const char *place, const char *date,
    struct vt_issue_fields *f)
{
	char	*slash = strchr(num, '/'), end;

	if (slash == NULL || slash == num || slash[1] == '\0' ||
	    place == NULL || *place == '\0' || date == NULL ||
	    sscanf(date, "%4d-%2d-%2d%c", &f->year, &f->month, &f->day,
	    &end) != 3 || f->month < 1 || f->month > 12 || f->day < 1 ||
	    f->day > 31)
		return -1;
	*slash = '\0';
	f->code_number = num;
	f->code_notation = slash + 1;
	f->place = place;
	return 0;
}

static void
print_value(const char *label, const char *v)
{
	char	*safe;

	if (v == NULL) {
		printf("%s\t%s\n", label, _("(no such field)"));
		return;
	}
	safe = vt_text_safe(v, strlen(v), 0);
	printf("%s\t%s\n", label, *safe != '\0' ? safe : _("(empty)"));
	free(safe);
}

static int
show(const char *path)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*number, *date, msg[640];

	if (vt_numfields_read(path, &number, &date, &eb) != VT_OK) {
		fprintf(stderr, "%s %s: %s\n", PACKAGE, CMD,
		    vt_errbuf_message(&eb, msg, sizeof msg));
		return vt_exit_status(eb.code);
	}
	print_value(VT_FIELD_NUMBER, number);
	print_value(VT_FIELD_DATE, date);
	free(number);
	free(date);
	return 0;
}

int
cmd_draft_fields(const struct vt_cli *cli, int argc, char **argv)
{
	enum { O_NUMBER = 256, O_DATE, O_SHOW, O_FILL, O_PLACE, O_ISSUED };
	static const struct option longopts[] = {
		{ "output",	required_argument, NULL, 'o' },
		{ "number-box",	required_argument, NULL, O_NUMBER },
		{ "date-box",	required_argument, NULL, O_DATE },
		{ "show",	no_argument,	   NULL, O_SHOW },
		{ "fill",	required_argument, NULL, O_FILL },
		{ "place",	required_argument, NULL, O_PLACE },
		{ "date",	required_argument, NULL, O_ISSUED },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_numbox	 nb, db;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_issue_fields	 f;
	const char		*out = NULL, *place = NULL, *issued = NULL;
	char			*fill = NULL;
	char			 msg[640];
	int			 ch, have_n = 0, have_d = 0, do_show = 0;

	(void)cli;
	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case O_NUMBER:
			if (parse_box(optarg, &nb) != 0)
				return vt_cmd_usage_error(CMD, _("--number-box "
				    "wants X,Y,W,H in points"));
			have_n = 1;
			break;
		case O_DATE:
			if (parse_box(optarg, &db) != 0)
				return vt_cmd_usage_error(CMD, _("--date-box "
				    "wants X,Y,W,H in points"));
			have_d = 1;
			break;
		case O_SHOW: do_show = 1; break;
		case O_FILL: fill = optarg; break;
		case O_PLACE: place = optarg; break;
		case O_ISSUED: issued = optarg; break;
		case 'h':
			usage();
			return 0;
		default:
			return vt_cmd_usage_error(CMD,
			    _("unknown or incomplete option"));
		}
	}
	if (optind + 1 != argc)
		return vt_cmd_usage_error(CMD, _("expected one PDF file"));
	if (do_show)
		return show(argv[optind]);
	if (out == NULL)
		return vt_cmd_usage_error(CMD, _("give the output file with "
		    "-o OUT"));
	if (fill != NULL) {
		memset(&f, 0, sizeof f);
		if (parse_fill(fill, place, issued, &f) != 0)
			return vt_cmd_usage_error(CMD, _("--fill wants "
			    "NUMBER/NOTATION with --place PLACE and --date "
			    "YYYY-MM-DD"));
		vt_numfields_fill(argv[optind], out, &f, &eb);
	} else
		vt_numfields_add(argv[optind], out, have_n ? &nb : NULL,
		    have_d ? &db : NULL, &eb);
	if (eb.code != VT_OK) {
		fprintf(stderr, "%s %s: %s\n", PACKAGE, CMD,
		    vt_errbuf_message(&eb, msg, sizeof msg));
		return vt_exit_status(eb.code);
	}
	return 0;
}
