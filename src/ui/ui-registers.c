/*
 * vanthu: the clerk's registers in the interface: O in the lists shows
 * the outgoing register (sổ đăng ký văn bản đi), I the incoming
 * register (sổ đăng ký văn bản đến) of this year, fetched by a worker
 * and laid out by the core (vanthu/register-text.h), as `vanthu
 * outgoing-register` and `vanthu incoming-register` print them.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/register-text.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-screens.h"

struct ui_reg_job {
	struct ui	*ui;
	bool		 outgoing;
	struct vt_buf	 text;
	vt_code		 code;
	struct vt_errbuf eb;
};

/* Worker: fetch the register and lay it out. */
static void
ui_reg_run(void *arg)
{
	struct ui_reg_job		*j = arg;
	struct vt_client		*c = ui_app_take_client(j->ui, &j->eb);
	struct vt_outgoing		*items = NULL;
	struct vt_incoming_register	 in;
	size_t				 n = 0;
	char				 now[32];

	if (c == NULL) {
		j->code = j->eb.code;
		return;
	}
	if (j->outgoing) {
		j->code = vt_api_outgoing_register(c, 0, &items, &n, NULL,
		    &j->eb);
		if (j->code == VT_OK) {
			/* The server's default: this year (Vietnam time). */
			vt_format_vn_time(time(NULL), now, sizeof now);
			vt_outgoing_register_text(atoi(now), items, n,
			    &j->text);
			vt_outgoing_free(items, n);
		}
	} else {
		memset(&in, 0, sizeof in);
		j->code = vt_api_incoming_register(c, 0, &in, &j->eb);
		if (j->code == VT_OK) {
			vt_incoming_register_text(&in, &j->text);
			vt_incoming_register_free(&in);
		}
	}
	ui_app_put_client(j->ui, c);
}

static void
ui_reg_done(struct ui *ui, void *arg)
{
	struct ui_reg_job	*j = arg;
	struct ui_pager		 p;

	if (j->code != VT_OK)
		ui_app_error(ui, &j->eb);
	else {
		ui_pager_init(&p);
		ui_pager_add_text(&p, j->text.data != NULL ? j->text.data : "",
		    0, A_NORMAL);
		ui_textview_open(ui, j->outgoing ? _("Outgoing register") :
		    _("Incoming register"), &p);
	}
	vt_buf_free(&j->text);
	free(j);
}

void
ui_registers_open(struct ui *ui, bool outgoing)
{
	struct ui_reg_job	*j = xcalloc(1, sizeof *j);

	if (ui->opt->offline) {
		ui_error(ui, _("The registers are on the server: not "
		    "available offline"));
		free(j);
		return;
	}
	j->ui = ui;
	j->outgoing = outgoing;
	vt_buf_init(&j->text);
	ui_job_start(ui, outgoing ? _("Loading the outgoing register") :
	    _("Loading the incoming register"), ui_reg_run, ui_reg_done, j);
}
