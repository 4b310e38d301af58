/*
 * vanthu outgoing-register [--year Y] [--json]: the outgoing register
 * (sổ đăng ký văn bản đi, Decree 30/2020/ND-CP art. 16 and Appendix IV):
 * number and notation, date, type and subject, signer, recipients and
 * copies of every document issued in the year.  The register is an
 * official form: its headings are Vietnamese whatever the locale, dates
 * dd/mm/yyyy.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/outgoing.h"
#include "vanthu/pades.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CMD	"outgoing-register"

static void
usage(void)
{
	fputs(_("Usage: vanthu outgoing-register [--year YEAR] [--json]\n"
	    "Print the outgoing register (sổ đăng ký văn bản đi) of the "
	    "year: number and\nnotation, date, type and subject, signer, "
	    "recipients and copies of every\ndocument issued.\n"
	    "\n"
	    "      --year YEAR        the register of YEAR (default: this "
	    "year, Vietnam time)\n"
	    "      --json             the server's answer as JSON\n"),
	    stdout);
}

/* YYYY-MM-DD as dd/mm/yyyy into OUT. */
static const char *
vn_date(const char *iso, char out[16])
{
	int	 y, m, d;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return iso != NULL ? iso : "";
	snprintf(out, 16, "%02d/%02d/%04d", d, m, y);
	return out;
}

static void
print_cell(const char *s, int cols)
{
	char	*f = vt_text_fit(s != NULL ? s : "", cols, 0);

	fputs(f, stdout);
	free(f);
}

static void
print_entry(size_t i, const struct vt_outgoing *e)
{
	char	 date[16], *line;
	size_t	 k;

	printf("%3zu. ", i + 1);
	print_cell(e->number_notation, 18);
	printf(" %s\n", vn_date(e->issued_date, date));
	line = xasprintf("%s: %s", e->type_name, e->subject);
	printf("     Tên loại và trích yếu: %s\n", line);
	free(line);
	printf("     Người ký: %s", e->signer_name);
	if (e->signer_position != NULL && *e->signer_position != '\0')
		printf(" (%s%s%s)", e->signer_competence,
		    *e->signer_competence != '\0' ? " " : "",
		    e->signer_position);
	printf("\n");
	printf("     Nơi nhận:");
	for (k = 0; k < e->nrecipients; k++)
		printf("%s %s", k > 0 ? ";" : "", e->recipients[k]);
	printf("%s\n", e->nrecipients == 0 ? " —" : "");
	printf("     Số lượng bản: %ld\n", e->copies);
}

int
cmd_outgoing_register(const struct vt_cli *cli, int argc, char **argv)
{
	enum { O_YEAR = 256, O_JSON };
	static const struct option longopts[] = {
		{ "year",	required_argument, NULL, O_YEAR },
		{ "json",	no_argument,	   NULL, O_JSON },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core		 core;
	struct vt_outgoing	*items = NULL;
	struct vt_errbuf	 eb = { VT_OK, "" };
	cJSON			*j = NULL;
	size_t			 n = 0, i;
	int			 ch, year = 0, json = 0, status;
	char			 end;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case O_YEAR:
			if (sscanf(optarg, "%4d%c", &year, &end) != 1 ||
			    year < 1900 || year > 9999)
				return vt_cmd_usage_error(CMD, _("--year wants "
				    "a year such as 2026"));
			break;
		case O_JSON: json = 1; break;
		case 'h':
			usage();
			return 0;
		default:
			return vt_cmd_usage_error(CMD,
			    _("unknown or incomplete option"));
		}
	}
	if (optind != argc)
		return vt_cmd_usage_error(CMD, _("too many arguments"));
	if ((status = core_open(&core, cli, CMD, CORE_LOGIN)) != 0)
		return status;
	if (vt_api_outgoing_register(core.client, year, &items, &n,
	    json ? &j : NULL, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (json)
		core_json_print(j);
	else {
		if (year == 0) {
			char	 now[32];

			vt_format_vn_time(time(NULL), now, sizeof now);
			year = atoi(now);
		}
		printf("SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM %d\n", year);
		if (n == 0)
			printf("(Chưa có văn bản nào được phát hành.)\n");
		for (i = 0; i < n; i++)
			print_entry(i, &items[i]);
	}
	vt_outgoing_free(items, n);
	core_close(&core);
	return 0;
}
