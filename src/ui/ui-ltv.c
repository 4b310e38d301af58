/*
 * vanthu: signatures that last, from the interface.  The reader's, the
 * draft view's and the attachments' key "extend" saves a copy of the
 * signed PDF with long-term validation data (PAdES B-LTA when tsa_url
 * is set, else B-LT) into the folder files are saved to, through
 * vt_ltv_extend, as "vanthu extend" does; the attachments' key
 * "verify-file" shows a file's verification in full (vt_verify_pdf_ex,
 * as "vanthu verify").  The network work runs in a worker thread.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"

/* ---- extend ------------------------------------------------------- */

struct ui_ltv_job {
	struct vt_sign_config	 cfg;	/* trust_file, tsa_* (copied) */
	struct vt_extend_opts	 o;
	char			*in, *out;
	vt_code			 code;
	struct vt_errbuf	 eb;
};

/* NAME (a file name from the server) as a safe file name without its
   ".pdf", then "-LEVEL.pdf": "qd-15.pdf" gives "qd-15-B-LTA.pdf". */
static char *
ui_ltv_name(const char *name, enum vt_level level)
{
	char	*s = xstrdup(name != NULL && *name != '\0' ? name :
		    "van-ban.pdf"), *p, *out;
	size_t	 n = strlen(s);

	if (n > 4 && strcasecmp(s + n - 4, ".pdf") == 0)
		s[n - 4] = '\0';
	for (p = s; *p != '\0'; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    *p == 0x7f)
			*p = '_';
	if (s[0] == '.' || s[0] == '\0') {
		out = xasprintf("_%s", s);
		free(s);
		s = out;
	}
	out = xasprintf("%s-%s.pdf", s, vt_level_name(level));
	free(s);
	return out;
}

static void
ui_ltv_extend_run(void *arg)
{
	struct ui_ltv_job	*j = arg;

	j->code = vt_ltv_extend(&j->o, &j->eb);
}

static void
ui_ltv_job_free(struct ui_ltv_job *j)
{
	vt_sign_config_free(&j->cfg);
	free(j->in);
	free(j->out);
	free(j);
}

static void
ui_ltv_extend_done(struct ui *ui, void *arg)
{
	struct ui_ltv_job	*j = arg;
	char			 msg[700];

	if (j->code == VT_OK)
		ui_message(ui, _("Saved with long-term validation data (PAdES "
		    "%s): %s"), vt_level_name(j->o.level), j->out);
	else
		ui_error(ui, _("Not saved: %s"), vt_errbuf_message(&j->eb, msg,
		    sizeof msg));
	ui_ltv_job_free(j);
}

void
ui_ltv_extend(struct ui *ui, const char *pdf, const char *filename)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_ltv_job	*j;
	const char		*home = getenv("HOME");
	char			*dir, *name;

	if (pdf == NULL) {
		ui_error(ui, "%s", _("The PDF file is not on this computer yet: "
		    "open the document when the server can be reached"));
		return;
	}
	if (ui->opt->offline) {
		ui_error(ui, "%s", _("Offline: long-term validation data is "
		    "fetched from the certificate authority's services"));
		return;
	}
	j = xcalloc(1, sizeof *j);
	vt_sign_config_from(&app->cfg, &j->cfg);
	if (j->cfg.trust_file == NULL || *j->cfg.trust_file == '\0') {
		/* Here the setting, not the command line's --trust-file. */
		ui_error(ui, "%s", _("Set trust_file in the configuration (see "
		    "vanthu.conf(5)): the chains kept in the document end at "
		    "the trusted certificates"));
		ui_ltv_job_free(j);
		return;
	}
	j->o.level = j->cfg.tsa_url != NULL && *j->cfg.tsa_url != '\0' ?
	    VT_LEVEL_BLTA : VT_LEVEL_BLT;
	dir = ui_prompt_path(ui, _("Save the long-term copy into folder: "),
	    home != NULL ? home : ".");
	if (dir == NULL || *dir == '\0') {
		free(dir);
		ui_ltv_job_free(j);
		return;
	}
	name = ui_ltv_name(filename, j->o.level);
	j->out = xasprintf("%s/%s", dir, name);
	free(name);
	free(dir);
	if (access(j->out, F_OK) == 0) {
		ui_error(ui, _("%s already exists: nothing was overwritten"),
		    j->out);
		ui_ltv_job_free(j);
		return;
	}
	j->in = xstrdup(pdf);
	j->o.in = j->in;
	j->o.out = j->out;
	j->o.trust_file = j->cfg.trust_file;
	j->o.tsa = vt_sign_config_tsa(&j->cfg);
	ui_job_start(ui, _("Adding long-term validation data"),
	    ui_ltv_extend_run, ui_ltv_extend_done, j);
}

/* ---- a file's signatures in full ------------------------------------ */

struct ui_ltv_check {
	char			*path, *name, *trust_file;
	int			 offline;
	char			*text;
};

static void
ui_ltv_check_run(void *arg)
{
	struct ui_ltv_check	*c = arg;
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb;
	char			 msg[700];

	memset(&eb, 0, sizeof eb);
	if (vt_verify_pdf_ex(c->path, NULL, c->trust_file, c->offline, &res,
	    &eb) != VT_OK) {
		c->text = xstrdup(vt_errbuf_message(&eb, msg, sizeof msg));
		return;
	}
	c->text = vt_verify_report_text(&res, c->name);
	vt_verify_result_free(&res);
}

static void
ui_ltv_check_done(struct ui *ui, void *arg)
{
	struct ui_ltv_check	*c = arg;
	struct ui_pager		 p;
	char			*title, *hint;

	ui_pager_init(&p);
	ui_pager_add_text(&p, c->text, 0, A_NORMAL);
	ui_pager_add(&p, "", 0, A_NORMAL);
	hint = xasprintf(_("To keep it verifiable for years, press %s in the "
	    "list of files."), ui_key_name(ui_keys_key_for("attachments",
	    UI_FN_EXTEND)));
	ui_pager_add(&p, hint, 0, A_NORMAL);
	free(hint);
	title = xasprintf(_("Signatures of %s"), c->name);
	ui_textview_open(ui, title, &p);
	free(title);
	free(c->path);
	free(c->name);
	free(c->trust_file);
	free(c->text);
	free(c);
}

void
ui_ltv_verify_open(struct ui *ui, const char *pdf, const char *filename)
{
	struct ui_ltv_check	*c;
	const char		*trust = vt_config_get(&ui_app(ui)->cfg,
				    "trust_file");
	char			*safe;

	if (pdf == NULL) {
		ui_error(ui, "%s", _("The PDF file is not on this computer yet: "
		    "open the document when the server can be reached"));
		return;
	}
	c = xcalloc(1, sizeof *c);
	c->path = xstrdup(pdf);
	if (filename == NULL)
		filename = "";
	safe = vt_text_safe(filename, strlen(filename), 0);
	c->name = safe;
	c->trust_file = trust != NULL && *trust != '\0' ? xstrdup(trust) :
	    NULL;
	c->offline = ui->opt->offline;
	ui_job_start(ui, _("Checking the signatures"), ui_ltv_check_run,
	    ui_ltv_check_done, c);
}
