/*
 * vanthu: the reader of an incoming document: its metadata (Decree 30
 * fields), then the text of its main attachment page by page, extracted
 * with MuPDF in a worker thread; scrollable and searchable, with the
 * legacy-encoding (TCVN3/VNI) conversion offered when it is detected.
 * From here: attachments, history and comments, and the actions.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-screens.h"

struct ui_reader {
	char			*id;
	struct vt_doc		 doc;
	bool			 have_doc;
	struct ui_doctext	 text;
	struct ui_pager		 pager;
	struct ui_doc_job	*job;	/* loading, or NULL */
	bool			 loading;	/* until the first load ends */
	char			 title[300];
};

static const char *
ui_reader_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_reader	*r = s->data;

	(void)ui;
	if (!r->have_doc)
		return _("Document");
	snprintf(r->title, sizeof r->title, "%s %s", _("Document"),
	    r->doc.number_notation[0] != '\0' ? r->doc.number_notation :
	    r->doc.type_name);
	return r->title;
}

/* "LABEL: VALUE" as one pager line (skipped when VALUE is empty). */
static void
ui_meta(struct ui_pager *p, const char *label, const char *value)
{
	char	*line;

	if (value == NULL || *value == '\0')
		return;
	line = xasprintf("%s: %s", label, value);
	ui_pager_add(p, line, 0, A_NORMAL);
	free(line);
}

static void
ui_reader_fill(struct ui *ui, struct ui_reader *r)
{
	struct ui_pager		*p = &r->pager;
	const struct vt_doc	*d = &r->doc;
	struct ui_app		*app = ui_app(ui);
	char			 buf[512], date[16], due[16];
	size_t			 i;

	ui_pager_clear(p);
	if (!r->have_doc && r->loading) {
		ui_pager_add(p, _("Loading the document..."), 0, A_NORMAL);
		return;
	}
	if (!r->have_doc) {
		/* Loading ended without the document: say why, plainly. */
		ui_pager_add(p, ui->opt->offline || !ui->online ?
		    _("Not available offline: this document was never opened "
		    "on this computer.  It can be read once the server can "
		    "be reached.") : _("The document could not be opened; "
		    "the reason is on the line below."), 0, A_BOLD);
		return;
	}
	ui_pager_add(p, d->subject, 0, A_BOLD);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_meta(p, _("Number, notation"), d->number_notation);
	ui_meta(p, _("Type"), d->type_name);
	ui_doc_date(date, sizeof date, d->issued_date);
	if (d->promulgation_place[0] != '\0' && date[0] != '\0') {
		snprintf(buf, sizeof buf, "%s, %s", d->promulgation_place, date);
		ui_meta(p, _("Place, date"), buf);
	} else
		ui_meta(p, _("Date"), date);
	ui_meta(p, _("Issued by"), d->organ.organ_name);
	snprintf(buf, sizeof buf, "%s%s%s %s", d->signer.competence,
	    d->signer.competence[0] != '\0' ? " " : "", d->signer.position,
	    d->signer.full_name);
	ui_meta(p, _("Signed by"), buf);
	ui_meta(p, _("Urgency"), vt_urgency_name(d->urgency));
	ui_doc_date(due, sizeof due, d->due_date);
	if (due[0] != '\0') {
		if (vt_doc_overdue(d, app->today))
			snprintf(buf, sizeof buf, "%s (%s)", due, _("overdue"));
		else
			snprintf(buf, sizeof buf, "%s", due);
		char	*line = xasprintf("%s: %s", _("Deadline"), buf);

		ui_pager_add(p, line, 0, vt_doc_overdue(d, app->today) ?
		    ui_style(UI_ST_OVERDUE) | A_BOLD : A_NORMAL);
		free(line);
	}
	if (d->arrival_number > 0) {
		ui_doc_date(date, sizeof date, d->arrival_date);
		snprintf(buf, sizeof buf, _("%ld, received %s"),
		    d->arrival_number, date);
		ui_meta(p, _("Arrival number"), buf);
	}
	ui_meta(p, _("Status"), vt_status_name(d->status));
	for (i = 0; i < d->nassignments; i++) {
		const struct vt_assignment *a = &d->assignments[i];

		snprintf(buf, sizeof buf, "%s (%s)", a->user.full_name,
		    ui_doc_role_name(a->role));
		ui_meta(p, _("Assigned to"), buf);
	}
	if (d->nattachments > 0) {
		for (i = 0; i < d->nattachments; i++) {
			char	size[32];

			ui_doc_size(size, sizeof size, d->attachments[i].size);
			snprintf(buf, sizeof buf, "%s (%s)",
			    d->attachments[i].filename, size);
			ui_meta(p, i == 0 ? _("Attachments") : "  ", buf);
		}
	}
	if (d->ncomments > 0) {
		snprintf(buf, sizeof buf, ngettext("%zu comment: press %s to "
		    "read it with the history", "%zu comments: press %s to "
		    "read them with the history", d->ncomments), d->ncomments,
		    ui_key_name(ui_keys_key_for("reader", UI_FN_HISTORY)));
		ui_pager_add(p, buf, 0, A_NORMAL);
	}
	ui_doc_add_text(ui, p, &r->text);
}

static void
ui_reader_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_reader	*r = s->data;

	(void)ui;
	ui_pager_draw(&r->pager, w);
}

/* The worker finished loading (R may have been closed: then NULL). */
static void
ui_reader_loaded(struct ui *ui, void *owner, struct ui_doc_job *j)
{
	struct ui_reader	*r = owner;

	r->job = NULL;
	r->loading = false;
	if (j->have_doc) {
		vt_doc_clear(&r->doc);
		r->doc = j->doc;
		memset(&j->doc, 0, sizeof j->doc);
		r->have_doc = true;
	}
	ui_doctext_take(&r->text, &j->text);
	ui_reader_fill(ui, r);
	ui_doc_job_report(ui, j);
	ui->dirty_body = ui->dirty_title = true;
}

static void
ui_reader_history(struct ui *ui, struct ui_reader *r)
{
	struct ui_pager	p;
	size_t		i;
	char		*line, when[32];

	if (!r->have_doc)
		return;
	ui_pager_init(&p);
	ui_pager_add(&p, _("Processing history"), 0, A_BOLD);
	ui_doc_history_add(&p, r->doc.history, r->doc.nhistory);
	ui_pager_add(&p, "", 0, A_NORMAL);
	ui_pager_add(&p, _("Comments"), 0, A_BOLD);
	if (r->doc.ncomments == 0)
		ui_pager_add(&p, _("No comments yet."), 0, A_NORMAL);
	for (i = 0; i < r->doc.ncomments; i++) {
		const struct vt_comment *c = &r->doc.comments[i];

		ui_doc_time(when, sizeof when, c->created_at);
		line = xasprintf("%s  %s:", when, c->author.full_name);
		ui_pager_add(&p, line, 0, A_BOLD);
		free(line);
		ui_pager_add_text(&p, c->text, 0, A_NORMAL);
	}
	ui_textview_open(ui, _("History and comments"), &p);
}

/* The file name of the main PDF (the one the text and the verdict are
   of: the first PDF attachment), or NULL. */
static const char *
ui_reader_pdf_name(const struct ui_reader *r)
{
	size_t	i;

	for (i = 0; r->have_doc && i < r->doc.nattachments; i++)
		if (strcmp(r->doc.attachments[i].content_type,
		    "application/pdf") == 0)
			return r->doc.attachments[i].filename;
	return NULL;
}

static bool
ui_reader_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_reader	*r = s->data;

	switch (fn) {
	case UI_FN_HISTORY:
		ui_reader_history(ui, r);
		return true;
	case UI_FN_ATTACHMENTS:
		if (r->have_doc)
			ui_attachments_open(ui, r->doc.attachments,
			    r->doc.nattachments);
		return true;
	case UI_FN_EXTEND:
		ui_ltv_extend(ui, r->text.pdf_path, ui_reader_pdf_name(r));
		return true;
	case UI_FN_CONVERT:
		if (ui_doctext_toggle(ui, &r->text)) {
			ui_reader_fill(ui, r);
			ui->dirty_body = true;
		}
		return true;
	case UI_FN_SYNC:
		if (r->job == NULL)
			r->job = ui_doc_load(ui, r->id, false, ui_reader_loaded,
			    r);
		return true;
	case UI_FN_COMMENT:
		ui_action_comment(ui, r->id);
		return true;
	case UI_FN_DOSSIER_ADD:
		ui_dossier_pick(ui, r->id);
		return true;
	case UI_FN_ASSIGN:
		ui_action_assign(ui, r->id);
		return true;
	case UI_FN_FORWARD:
		ui_action_forward(ui, r->id);
		return true;
	case UI_FN_COMPLETE:
		ui_action_complete(ui, r->id, r->have_doc ? r->doc.subject :
		    r->id);
		return true;
	case UI_FN_RETURN:
		ui_action_return(ui, r->id, r->have_doc ? r->doc.subject :
		    r->id);
		return true;
	case UI_FN_REGISTER:
		if (r->have_doc)
			ui_action_register(ui, &r->doc);
		else
			ui_message(ui, _("The document is not loaded yet"));
		return true;
	default:
		return ui_pager_action(ui, &r->pager, fn);
	}
}

static void
ui_reader_reload(struct ui *ui, struct ui_screen *s)
{
	struct ui_reader	*r = s->data;
	struct vt_doc		 d;
	struct ui_app		*app = ui_app(ui);

	/* After a sync: the cached copy may be newer. */
	memset(&d, 0, sizeof d);
	if (r->job == NULL && app->cache != NULL &&
	    vt_cache_doc_load(app->cache, r->id, &d, NULL) == VT_OK) {
		vt_doc_clear(&r->doc);
		r->doc = d;
		r->have_doc = true;
		ui_reader_fill(ui, r);
	}
}

static void
ui_reader_free(struct ui_screen *s)
{
	struct ui_reader	*r = s->data;

	if (r->job != NULL)
		ui_doc_job_orphan(r->job);
	vt_doc_clear(&r->doc);
	ui_doctext_free(&r->text);
	ui_pager_free(&r->pager);
	free(r->id);
	free(r);
}

static const enum ui_fn ui_reader_hints[] = {
	UI_FN_SEARCH, UI_FN_NEXT_PAGE, UI_FN_COMMENT, UI_FN_ASSIGN,
	UI_FN_REGISTER, UI_FN_FORWARD, UI_FN_COMPLETE, UI_FN_RETURN,
	UI_FN_ATTACHMENTS, UI_FN_HISTORY, UI_FN_EXTEND, UI_FN_DOSSIER_ADD,
	UI_FN_NONE
};

static const struct ui_screen_ops ui_reader_ops = {
	"reader", ui_reader_title, ui_reader_draw, ui_reader_action, NULL,
	ui_reader_reload, ui_reader_free, ui_reader_hints
};

void
ui_reader_open(struct ui *ui, const char *id)
{
	struct ui_reader	*r = xcalloc(1, sizeof *r);
	struct ui_app		*app = ui_app(ui);

	r->id = xstrdup(id);
	ui_pager_init(&r->pager);
	r->pager.show_cursor = true;
	r->loading = true;
	/* What the cache has, at once; the worker brings the rest. */
	if (app->cache != NULL &&
	    vt_cache_doc_load(app->cache, id, &r->doc, NULL) == VT_OK)
		r->have_doc = true;
	ui_reader_fill(ui, r);
	ui_push(ui, &ui_reader_ops, r);
	r->job = ui_doc_load(ui, id, false, ui_reader_loaded, r);
}
