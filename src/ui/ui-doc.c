/*
 * vanthu: shared parts of the reader and the draft view (ui-doc.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vanthu/actions.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/outbox.h"
#include "vanthu/model.h"
#include "vanthu/pdftext.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"

void
ui_doc_date(char *out, size_t len, const char *iso)
{
	vt_clock_show(iso, VT_CLOCK_DATE, out, len);
}

void
ui_doc_time(char *out, size_t len, const char *iso)
{
	vt_clock_show(iso, VT_CLOCK_DATETIME, out, len);
}

void
ui_doc_size(char *out, size_t len, uint64_t size)
{
	if (size < 1024)
		snprintf(out, len, ngettext("%u byte", "%u bytes",
		    (unsigned long)size), (unsigned)size);
	else if (size < 1024 * 1024)
		snprintf(out, len, "%.1f KB", (double)size / 1024);
	else
		snprintf(out, len, "%.1f MB", (double)size / (1024 * 1024));
}

const char *
ui_doc_role_name(const char *role)
{
	return vt_assign_role_name(role);
}

const char *
ui_doc_action_name(const char *a)
{
	return vt_history_action_name(a);
}

void
ui_doc_history_add(struct ui_pager *p, const struct vt_history_step *steps,
    size_t n)
{
	size_t	 i;
	char	*line, when[32];

	for (i = 0; i < n; i++) {
		const struct vt_history_step *h = &steps[i];

		ui_doc_time(when, sizeof when, h->at);
		line = xasprintf("%s  %s  %s", when, ui_doc_action_name(
		    h->action), h->actor.full_name != NULL ?
		    h->actor.full_name : "");
		ui_pager_add(p, line, 0, A_NORMAL);
		free(line);
		if (h->note != NULL && *h->note != '\0') {
			line = xasprintf("    %s", h->note);
			ui_pager_add_text(p, line, 0, A_NORMAL);
			free(line);
		}
	}
}

void
ui_doctext_free(struct ui_doctext *t)
{
	int	i;

	for (i = 0; i < t->npages; i++) {
		free(t->pages[i]);
		if (t->conv != NULL)
			free(t->conv[i]);
	}
	free(t->pages);
	free(t->conv);
	free(t->note);
	free(t->pdf_path);
	free(t->sha256);
	free(t->verdict);
	free(t->brief);
	memset(t, 0, sizeof *t);
}

void
ui_doctext_take(struct ui_doctext *to, struct ui_doctext *from)
{
	bool	show = to->show_conv;

	/* Nothing new (offline, no file): keep what is there. */
	if (from->npages == 0 && to->npages > 0 && from->note != NULL) {
		ui_doctext_free(from);
		return;
	}
	ui_doctext_free(to);
	*to = *from;
	to->show_conv = show && to->conv != NULL;
	memset(from, 0, sizeof *from);
}

bool
ui_doctext_toggle(struct ui *ui, struct ui_doctext *t)
{
	if (t->conv == NULL) {
		ui_message(ui, _("The text is already in Unicode: nothing to "
		    "convert"));
		return false;
	}
	t->show_conv = !t->show_conv;
	ui_message(ui, t->show_conv ? _("Showing the text converted from "
	    "%s") : _("Showing the text as it is in the file (%s)"),
	    vt_legacy_name(t->legacy));
	return true;
}

/* The signatures' verdict: one line above the text, then a line per
   signature; the details after the text. */
static void
ui_doc_add_verdict(struct ui_pager *p, const struct ui_doctext *t)
{
	if (t->brief == NULL) {	/* the file could not be checked */
		ui_pager_add(p, _("Digital signatures: cannot be checked (see "
		    "after the text)"), 0, ui_style(UI_ST_ERROR));
		return;
	}
	if (t->nsigs == 0) {
		ui_pager_add(p, t->headline, 0, A_NORMAL);
		return;
	}
	/* The core's words; the colour after its outcome: an invalid
	   signature in the error colour, signers not checked in bold. */
	ui_pager_add(p, t->headline, 0, t->status == VT_VERIFY_VALID ?
	    ui_style(UI_ST_OK) : t->status == VT_VERIFY_INDETERMINATE ?
	    A_BOLD : ui_style(UI_ST_ERROR));
	ui_pager_add_text(p, t->brief, 0, A_NORMAL);
}

static void
ui_doc_add_verdict_details(struct ui_pager *p, const struct ui_doctext *t)
{
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_pager_add(p, _("------ Digital signatures: details ------"), 0,
	    ui_style(UI_ST_HEADER));
	ui_pager_add_text(p, t->verdict, 0, A_NORMAL);
}

/* Add PAGE's TEXT line by line, AFTER (if any) called after each. */
static void
ui_doc_add_page(struct ui_pager *p, const char *text, int page,
    ui_doc_line_fn after, void *arg)
{
	const char	*s = text, *nl;
	int		 line = 0;

	if (after == NULL) {
		ui_pager_add_text(p, text, page, A_NORMAL);
		return;
	}
	after(p, page, -1, arg);
	while (s != NULL) {
		char	*one;

		nl = strchr(s, '\n');
		one = nl != NULL ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		/* A trailing newline does not make an empty last line. */
		if (nl != NULL || *one != '\0') {
			ui_pager_add(p, one, page, A_NORMAL);
			after(p, page, line++, arg);
		}
		free(one);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

void
ui_doc_add_text(struct ui *ui, struct ui_pager *p, const struct ui_doctext *t)
{
	ui_doc_add_text_notes(ui, p, t, NULL, NULL);
}

void
ui_doc_add_text_notes(struct ui *ui, struct ui_pager *p,
    const struct ui_doctext *t, ui_doc_line_fn after, void *arg)
{
	char	*rule;
	int	 i;

	(void)ui;
	ui_pager_add(p, "", 0, A_NORMAL);
	if (t->verdict != NULL)
		ui_doc_add_verdict(p, t);
	if (t->npages == 0) {
		ui_pager_add(p, t->note != NULL ? t->note :
		    _("Loading the text of the document..."), 0, A_NORMAL);
		if (t->verdict != NULL)
			ui_doc_add_verdict_details(p, t);
		return;
	}
	if (t->conv != NULL && !t->show_conv) {
		rule = xasprintf(_("This text uses the old %s font encoding: "
		    "press %s to convert it"), vt_legacy_name(t->legacy),
		    ui_key_name(ui_keys_key_for("reader", UI_FN_CONVERT)));
		ui_pager_add(p, rule, 0, ui_style(UI_ST_ERROR));
		free(rule);
	}
	for (i = 0; i < t->npages; i++) {
		rule = xasprintf(_("------ Page %d of %d ------"), i + 1,
		    t->npages);
		ui_pager_add(p, rule, i + 1, ui_style(UI_ST_HEADER));
		free(rule);
		ui_doc_add_page(p, t->show_conv && t->conv != NULL ?
		    t->conv[i] : t->pages[i], i + 1, after, arg);
	}
	if (t->verdict != NULL)
		ui_doc_add_verdict_details(p, t);
}

/* ---- The loading job (worker thread: no curses) ---------------------- */

static void
ui_doc_extract(struct ui_doc_job *j, const char *path)
{
	struct vt_pdf_text	*pdf = NULL;
	struct vt_errbuf	 eb;
	char			 msg[600];
	int			 i, n;

	memset(&eb, 0, sizeof eb);
	if (vt_pdf_text_open(path, NULL, &pdf, &eb) != VT_OK) {
		j->text.note = xstrdup(vt_errbuf_message(&eb, msg, sizeof msg));
		return;
	}
	n = vt_pdf_text_pages(pdf);
	j->text.pages = xcalloc((size_t)n + 1, sizeof *j->text.pages);
	for (i = 0; i < n; i++) {
		j->text.pages[i] = vt_pdf_text_page(pdf, i);
		if (j->text.pages[i] == NULL)
			j->text.pages[i] = xstrdup(_("(this page could not be "
			    "read)"));
	}
	j->text.npages = n;
	j->text.legacy = vt_pdf_text_legacy(pdf);
	if (j->text.legacy != VT_LEGACY_NONE) {
		j->text.conv = xcalloc((size_t)n + 1, sizeof *j->text.conv);
		for (i = 0; i < n; i++) {
			j->text.conv[i] = vt_pdf_text_page_converted(pdf, i);
			if (j->text.conv[i] == NULL)
				j->text.conv[i] = xstrdup(j->text.pages[i]);
		}
	}
	if (n == 0)
		j->text.note = xstrdup(_("The document has no pages."));
	vt_pdf_text_close(pdf);
}

/* Check the signatures of the PDF at PATH (the clerk's check of an
   incoming document, Decree 30): the same verdict as vanthu verify
   (revocation from the DSS, then the responders; offline, as vanthu
   verify --offline). */
static void
ui_doc_verify(struct ui_doc_job *j, const char *path)
{
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb;
	char			 msg[700];

	memset(&eb, 0, sizeof eb);
	if (vt_verify_pdf_ex(path, NULL, j->trust_file, j->ui->opt->offline,
	    &res, &eb) != VT_OK) {
		j->text.verdict = xstrdup(vt_errbuf_message(&eb, msg,
		    sizeof msg));
		return;
	}
	j->text.verdict = vt_verify_report_text(&res, path);
	j->text.brief = vt_verify_report_brief(&res);
	j->text.headline = vt_verify_headline(&res);
	j->text.status = vt_verify_status(&res);
	j->text.nsigs = res.n;
	vt_verify_result_free(&res);
}

/* Download ATT into the cache unless it is there; the path or NULL. */
static char *
ui_doc_fetch_file(struct ui_doc_job *j, struct vt_client *c,
    struct vt_cache *cache, const struct vt_attachment *att)
{
	struct stat	 st;
	char		*path = vt_cache_attachment_path(cache, att->sha256);
	struct vt_errbuf eb;
	char		 msg[600];

	if (path == NULL)
		return NULL;
	if (stat(path, &st) == 0 && (uint64_t)st.st_size == att->size)
		return path;
	memset(&eb, 0, sizeof eb);
	if (c == NULL || vt_api_download(c, att, path, &eb) != VT_OK) {
		j->text.note = c == NULL ? xstrdup(_("The file is not on this "
		    "computer yet; it is fetched when the server can be "
		    "reached.")) : xstrdup(vt_errbuf_message(&eb, msg,
		    sizeof msg));
		if (j->code == VT_OK && c != NULL) {
			j->code = eb.code;
			j->eb = eb;
		}
		free(path);
		return NULL;
	}
	return path;
}

/* The main PDF of what was fetched, as an attachment to download. */
static bool
ui_doc_main_file(struct ui_doc_job *j, struct vt_attachment *att)
{
	size_t	i;

	memset(att, 0, sizeof *att);
	if (j->draft) {
		const struct vt_version *v = &j->draft_obj.current_version;

		if (!j->have_draft || !j->draft_obj.has_current)
			return false;
		att->id = v->attachment_id;
		att->filename = v->filename;
		att->content_type = (char *)"application/pdf";
		att->size = v->size;
		att->sha256 = v->sha256;
		att->url = xasprintf("/api/v1/attachments/%s",
		    v->attachment_id);
		return true;
	}
	if (!j->have_doc)
		return false;
	for (i = 0; i < j->doc.nattachments; i++) {
		if (strcmp(j->doc.attachments[i].content_type,
		    "application/pdf") == 0) {
			*att = j->doc.attachments[i];
			att->url = xstrdup(att->url);
			return true;
		}
	}
	return false;
}

static void
ui_doc_job_run(void *arg)
{
	struct ui_doc_job	*j = arg;
	struct ui_app		*app = ui_app(j->ui);
	struct vt_client	*c = NULL;
	struct vt_cache		*cache = NULL;
	struct vt_errbuf	 eb;
	struct vt_attachment	 att;
	char			*path;

	memset(&eb, 0, sizeof eb);
	if (app->cache_dir == NULL ||
	    vt_cache_open(app->cache_dir, &cache, &j->eb) != VT_OK) {
		j->code = j->eb.code != VT_OK ? j->eb.code : VT_ERR_AUTH;
		return;
	}
	if (!j->ui->opt->offline)
		c = ui_app_take_client(j->ui, &eb);
	if (j->draft) {
		j->code = c != NULL ? vt_fetch_draft(c, cache, j->id,
		    &j->draft_obj, &j->from_cache, &j->eb) :
		    vt_cache_draft_load(cache, j->id, &j->draft_obj, &j->eb);
		j->have_draft = j->code == VT_OK || j->from_cache;
	} else {
		j->code = c != NULL ? vt_fetch_doc(c, cache, j->id, &j->doc,
		    &j->from_cache, &j->eb) : vt_cache_doc_load(cache, j->id,
		    &j->doc, &j->eb);
		j->have_doc = j->code == VT_OK || j->from_cache;
		/* Opened: mark it read on the server (as "vanthu show"
		 * does); without a connection the outbox keeps it. */
		if (j->have_doc && !j->doc.read) {
			/* Sent: the cached copy and the inbox's row say
			   read (opened again offline: nothing to mark). */
			if (c != NULL && j->code == VT_OK &&
			    vt_read_mark_post(c, cache, j->id, &eb) == VT_OK)
				j->doc.read = true;
			else
				j->queue_read = true;
		}
	}
	if (ui_doc_main_file(j, &att)) {
		path = ui_doc_fetch_file(j, j->code == VT_OK ? c : NULL, cache,
		    &att);
		free(att.url);
		if (path != NULL) {
			j->text.pdf_path = path;
			j->text.sha256 = xstrdup(att.sha256);
			ui_doc_extract(j, path);
			ui_doc_verify(j, path);
		}
	} else if (j->have_doc || j->have_draft)
		j->text.note = xstrdup(_("This document has no PDF file."));
	ui_app_put_client(j->ui, c);
	vt_cache_close(cache);
}

/* Queue "read" for ID, unless it waits already: sent with the next
   sync (quietly); the cached copy says read from now on. */
static void
ui_doc_queue_read(struct ui *ui, const char *id)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_errbuf	 eb;
	bool			 queued;

	if (app == NULL || app->outbox == NULL)
		return;
	memset(&eb, 0, sizeof eb);
	if (vt_read_mark_queue(app->outbox, app->cache, id, &queued,
	    &eb) == VT_OK && queued)
		ui_app_count_outbox(ui);
}

static void
ui_doc_job_done(struct ui *ui, void *arg)
{
	struct ui_doc_job	*j = arg;

	if (j->queue_read)
		ui_doc_queue_read(ui, j->id);
	if (j->owner != NULL)
		j->loaded(ui, j->owner, j);
	vt_doc_clear(&j->doc);
	vt_draft_clear(&j->draft_obj);
	ui_doctext_free(&j->text);
	free(j->trust_file);
	free(j->id);
	free(j);
}

struct ui_doc_job *
ui_doc_load(struct ui *ui, const char *id, bool draft,
    ui_doc_loaded_fn loaded, void *owner)
{
	struct ui_doc_job	*j = xcalloc(1, sizeof *j);
	const char		*trust;

	j->ui = ui;
	j->id = xstrdup(id);
	j->draft = draft;
	if ((trust = vt_config_get(&ui_app(ui)->cfg, "trust_file")) != NULL &&
	    *trust != '\0')
		j->trust_file = xstrdup(trust);
	j->owner = owner;
	j->loaded = loaded;
	ui_job_start(ui, draft ? _("Opening the draft") :
	    _("Opening the document"), ui_doc_job_run, ui_doc_job_done, j);
	return j;
}

void
ui_doc_job_orphan(struct ui_doc_job *j)
{
	j->owner = NULL;
}

void
ui_doc_job_report(struct ui *ui, const struct ui_doc_job *j)
{
	char	msg[700];

	if (j->code == VT_OK)
		return;
	if (!j->have_doc && !j->have_draft && (ui->opt->offline ||
	    j->code == VT_ERR_NETWORK || j->code == VT_ERR_TLS ||
	    j->code == VT_ERR_OFFLINE || (j->code == VT_ERR_NOT_FOUND &&
	    !ui->online))) {
		ui_error(ui, "%s", _("Not available offline: this document was "
		    "never opened on this computer"));
		return;
	}
	if (j->from_cache) {
		ui->online = false;
		ui->online_known = true;
		ui->dirty_title = true;
		ui_error(ui, _("Offline: showing the saved copy (%s)"),
		    vt_errbuf_message(&j->eb, msg, sizeof msg));
		return;
	}
	ui_error(ui, "%s", vt_errbuf_message(&j->eb, msg, sizeof msg));
}
