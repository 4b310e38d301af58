/*
 * vanthu draft fields FILE -o OUT: add to a draft PDF the empty form
 * fields the clerk fills when issuing it (the number, Decree 30 box 3,
 * and the place and date, box 4); --fill: fill them as an incremental
 * update (what "vanthu draft issue" does after reserving the number);
 * --show: print their values.  Works on files only: no server, no
 * login.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CMD	"draft fields"

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

/* Keys of the long-only options. */
enum { O_NUMBER = 256, O_DATE, O_SHOW, O_FILL, O_PLACE, O_ISSUED };

static int
cmd_draft_fields(const struct vt_cli *cli, const struct vt_args *args)
{
	const struct vt_arg	*a;
	struct vt_numbox	 nb, db;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_issue_fields	 f;
	const char		*out, *place, *issued, *path = args->argv[0];
	char			*fill = NULL;
	char			 msg[640];
	size_t			 i;
	int			 have_n = 0, have_d = 0;

	(void)cli;
	for (i = 0; i < args->nopts; i++) {
		a = &args->opts[i];
		if (a->key == O_NUMBER) {
			if (parse_box(a->value, &nb) != 0)
				return vt_cmd_usage_error(CMD, _("--number-box "
				    "wants X,Y,W,H in points"));
			have_n = 1;
		} else if (a->key == O_DATE) {
			if (parse_box(a->value, &db) != 0)
				return vt_cmd_usage_error(CMD, _("--date-box "
				    "wants X,Y,W,H in points"));
			have_d = 1;
		}
	}
	if (vt_args_has(args, O_SHOW))
		return show(path);
	if ((out = vt_args_get(args, 'o')) == NULL)
		return vt_cmd_usage_error(CMD, _("give the output file with "
		    "-o OUT"));
	place = vt_args_get(args, O_PLACE);
	issued = vt_args_get(args, O_ISSUED);
	if (vt_args_get(args, O_FILL) != NULL) {
		/* parse_fill cuts its copy at the '/'. */
		fill = xstrdup(vt_args_get(args, O_FILL));
		memset(&f, 0, sizeof f);
		if (parse_fill(fill, place, issued, &f) != 0) {
			free(fill);
			return vt_cmd_usage_error(CMD, _("--fill wants "
			    "NUMBER/NOTATION with --place PLACE and --date "
			    "YYYY-MM-DD"));
		}
		vt_numfields_fill(path, out, &f, &eb);
		free(fill);
	} else
		vt_numfields_add(path, out, have_n ? &nb : NULL,
		    have_d ? &db : NULL, &eb);
	if (eb.code != VT_OK) {
		fprintf(stderr, "%s %s: %s\n", PACKAGE, CMD,
		    vt_errbuf_message(&eb, msg, sizeof msg));
		return vt_exit_status(eb.code);
	}
	return 0;
}

static const struct vt_cmd_opt draft_fields_opts[] = {
	{ 'o', "output", VT_OPT_SHORT | VT_OPT_ARG, N_("OUT"),
	    N_("the PDF to write (may be FILE)") },
	{ O_NUMBER, "number-box", VT_OPT_ARG, N_("X,Y,W,H"),
	    N_("the number's box on page 1 (points from the top left)") },
	{ O_DATE, "date-box", VT_OPT_ARG, N_("X,Y,W,H"),
	    N_("the date line's box on page 1") },
	{ O_FILL, "fill", VT_OPT_ARG, N_("NUMBER/NOTATION"),
	    N_("fill the fields with this number and notation, "
	    "\"05/QĐ-UBND\"") },
	{ O_PLACE, "place", VT_OPT_ARG, N_("PLACE"),
	    N_("the place of the date line (with --fill)") },
	{ O_ISSUED, "date", VT_OPT_ARG, N_("YYYY-MM-DD"),
	    N_("the issue date (with --fill)") },
	{ O_SHOW, "show", 0, NULL, N_("print the values of the fields") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_fields_entry = {
	.name = "fields",
	.run = cmd_draft_fields,
	.summary = N_("add the empty number and date fields to a draft PDF"),
	.operands = N_("FILE"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one PDF file"),
	.opts = draft_fields_opts,
	.help = N_("Add to a draft PDF the empty form fields for the number "
	    "(\"Số: ../..\", under the agency's name) and for the place and "
	    "date line, which the clerk fills when issuing it; by default they "
	    "go over the draft's own \"Số:\" line and date line on page 1.  "
	    "--fill fills them (the leader's signature stays valid); --show "
	    "prints them.  Works on files only: no server, no login."),
};
