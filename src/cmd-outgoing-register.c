/*
 * vanthu outgoing-register [--year Y] [--json]: the outgoing register
 * (sổ đăng ký văn bản đi, Decree 30/2020/ND-CP art. 16 and Appendix IV):
 * number and notation, date, type and subject, signer, recipients and
 * copies of every document issued in the year.  The register is an
 * official form: its headings are Vietnamese whatever the locale, dates
 * dd/mm/yyyy.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/outgoing.h"
#include "vanthu/pades.h"
#include "vanthu/register-text.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CMD	"outgoing-register"

enum { O_YEAR = 256, O_JSON };

static int
cmd_outgoing_register(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_outgoing	*items = NULL;
	struct vt_errbuf	 eb = { VT_OK, "" };
	cJSON			*j = NULL;
	const char		*ys = vt_args_get(args, O_YEAR);
	struct vt_buf		 b;
	size_t			 n = 0;
	int			 year = 0, json = vt_args_has(args, O_JSON);
	int			 status;
	char			 end;

	if (ys != NULL && (sscanf(ys, "%4d%c", &year, &end) != 1 ||
	    year < 1900 || year > 9999))
		return vt_cmd_usage_error(CMD, _("--year wants a year such as "
		    "2026"));
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
		vt_buf_init(&b);
		vt_outgoing_register_text(year, items, n, &b);
		fwrite(b.data, 1, b.len, stdout);
		vt_buf_free(&b);
	}
	vt_outgoing_free(items, n);
	core_close(&core);
	return 0;
}

static const struct vt_cmd_opt outgoing_register_opts[] = {
	{ O_YEAR, "year", VT_OPT_ARG, N_("YEAR"),
	    N_("the register of YEAR (default: this year, Vietnam time)") },
	{ O_JSON, "json", 0, NULL, N_("the server's answer as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_outgoing_register_entry = {
	.name = "outgoing-register",
	.run = cmd_outgoing_register,
	.summary = N_("print the outgoing register (sổ đăng ký văn bản đi)"),
	.min_args = 0,
	.max_args = 0,
	.opts = outgoing_register_opts,
	.help = N_("Print the outgoing register (sổ đăng ký văn bản đi) of the "
	    "year: number and notation, date, type and subject, signer, "
	    "recipients and copies of every document issued.  The headings "
	    "are Vietnamese whatever the language: the register is an "
	    "official form."),
};
