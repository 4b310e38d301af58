/*
 * vanthu: work dossiers in the terminal interface (Decree 30/2020/NĐ-CP
 * chapter IV): the agency's dossiers (key 6 in the lists), one dossier
 * with its table of contents in Decree 30's columns, opening a dossier
 * from the year's list (or outside it), closing, reopening with a
 * reason, taking a document out, the hand over folder; and the picker
 * of open dossiers that adds the document or draft on screen (key H).
 *
 * Screens show what the offline copy has at once; a worker (no curses)
 * brings the server's copy.  Changes are queued in the outbox like
 * every other action.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/dossier.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-screens.h"

/* What a screen of this file is (one struct for the three). */
enum ui_dos_kind { UI_DOS_LIST, UI_DOS_PICK, UI_DOS_ONE, UI_DOS_PLAN };

struct ui_dos {
	enum ui_dos_kind	 kind;
	unsigned		 serial;	/* finds the screen after a job */
	struct ui_list		 list;
	struct vt_dossier_list	 all;		/* LIST, PICK */
	size_t			*shown;		/* rows: indexes into ALL */
	struct vt_dossier	 one;		/* ONE */
	bool			 have_one;
	struct vt_dossier_plan	 plan;		/* PLAN */
	char			*id;		/* ONE: the dossier */
	char			*doc_id;	/* PICK: the document to add */
	bool			 loading;
	char			 cell[64];
	char			 title[300];
	char			 empty[300];
};

static unsigned	ui_dos_serial;

static const struct ui_screen_ops ui_dos_list_ops, ui_dos_pick_ops,
    ui_dos_one_ops, ui_dos_plan_ops;

/* ---- Rows ---------------------------------------------------------- */

static const struct ui_column ui_dos_list_columns[] = {
	{ N_("Code"), 8, 0, UI_ALIGN_LEFT, 0 },
	{ N_("State"), 12, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Start"), 10, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Docs"), 5, 0, UI_ALIGN_RIGHT, 3 },
	{ N_("Title"), 0, 20, UI_ALIGN_LEFT, 0 },
};

/* Decree 30's columns of the table of contents (mục lục văn bản). */
static const struct ui_column ui_dos_toc_columns[] = {
	{ N_("No."), 5, 0, UI_ALIGN_RIGHT, 0 },
	{ N_("Number, notation"), 16, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Date"), 10, 0, UI_ALIGN_LEFT, 3 },
	{ N_("Author"), 17, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Subject"), 0, 20, UI_ALIGN_LEFT, 0 },
	{ N_("Page"), 7, 0, UI_ALIGN_LEFT, 4 },
	{ N_("Notes"), 20, 0, UI_ALIGN_LEFT, 1 },
};

static const struct ui_column ui_dos_plan_columns[] = {
	{ N_("Code"), 8, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Retention"), 10, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Title"), 0, 20, UI_ALIGN_LEFT, 0 },
	{ N_("Keeper"), 20, 0, UI_ALIGN_LEFT, 1 },
};

static const char *
ui_dos_list_cell(void *ctx, int row, int col)
{
	struct ui_dos		*ds = ctx;
	const struct vt_dossier	*d = &ds->all.items[ds->shown[row]];

	switch (col) {
	case 0:
		return d->code;
	case 1:
		return vt_dossier_state_name(d->state);
	case 2:
		vt_date_vn(ds->cell, d->start_date);
		return ds->cell;
	case 3:
		snprintf(ds->cell, sizeof ds->cell, "%d", d->item_count);
		return ds->cell;
	default:
		return d->title;
	}
}

static const char *
ui_dos_list_text(void *ctx, int row)
{
	struct ui_dos		*ds = ctx;
	const struct vt_dossier	*d = &ds->all.items[ds->shown[row]];

	snprintf(ds->title, sizeof ds->title, "%s %s %s", d->code, d->title,
	    d->keeper);
	return ds->title;
}

static const char *
ui_dos_toc_cell(void *ctx, int row, int col)
{
	struct ui_dos			*ds = ctx;
	const struct vt_dossier_item	*it = &ds->one.items[row];

	switch (col) {
	case 0:
		snprintf(ds->cell, sizeof ds->cell, "%d", it->no);
		return ds->cell;
	case 1:
		return it->number_notation;
	case 2:
		vt_date_vn(ds->cell, it->issued_date);
		return ds->cell;
	case 3:
		return it->organ_name;
	case 4:
		return it->subject;
	case 5:
		if (it->page_amount > 1)
			snprintf(ds->cell, sizeof ds->cell, "%d-%d",
			    it->start_page, it->start_page +
			    it->page_amount - 1);
		else
			snprintf(ds->cell, sizeof ds->cell, "%d",
			    it->start_page);
		return ds->cell;
	default:
		return it->notes != NULL ? it->notes : "";
	}
}

static const char *
ui_dos_toc_text(void *ctx, int row)
{
	struct ui_dos			*ds = ctx;
	const struct vt_dossier_item	*it = &ds->one.items[row];

	snprintf(ds->title, sizeof ds->title, "%s %s %s", it->number_notation,
	    it->subject, it->organ_name);
	return ds->title;
}

static const char *
ui_dos_plan_cell(void *ctx, int row, int col)
{
	struct ui_dos	*ds = ctx;

	if ((size_t)row == ds->plan.n)	/* the last row: outside the list */
		return col == 2 ? _("(A dossier outside the list...)") : "";
	switch (col) {
	case 0:
		return ds->plan.items[row].code;
	case 1:
		return ds->plan.items[row].retention;
	case 2:
		return ds->plan.items[row].title;
	default:
		return ds->plan.items[row].keeper;
	}
}

static const char *
ui_dos_plan_text(void *ctx, int row)
{
	struct ui_dos	*ds = ctx;

	if ((size_t)row == ds->plan.n)
		return ui_dos_plan_cell(ctx, row, 2);
	snprintf(ds->title, sizeof ds->title, "%s %s %s",
	    ds->plan.items[row].code, ds->plan.items[row].title,
	    ds->plan.items[row].keeper);
	return ds->title;
}

/* Rows of a LIST (every dossier) or a PICK (open dossiers only). */
static void
ui_dos_set_rows(struct ui_dos *ds)
{
	size_t	i, n = 0;

	free(ds->shown);
	ds->shown = xcalloc(ds->all.n + 1, sizeof *ds->shown);
	for (i = 0; i < ds->all.n; i++)
		if (ds->kind == UI_DOS_LIST ||
		    ds->all.items[i].state == VT_DOSSIER_OPEN)
			ds->shown[n++] = i;
	ui_list_set_count(&ds->list, (int)n);
}

/* ---- Background loading --------------------------------------------- */

struct ui_dos_job {
	struct ui		*ui;
	unsigned		 serial;
	enum ui_dos_kind	 kind;
	char			*id;
	struct vt_dossier_list	 all;
	struct vt_dossier	 one;
	struct vt_dossier_plan	 plan;
	vt_code			 code;
	struct vt_errbuf	 eb;
};

static void
ui_dos_job_run(void *arg)
{
	struct ui_dos_job	*j = arg;
	struct ui_app		*app = ui_app(j->ui);
	struct vt_client	*c = ui_app_take_client(j->ui, &j->eb);
	struct vt_cache		*cache = NULL;

	if (c == NULL) {
		j->code = j->eb.code;
		return;
	}
	if (j->kind == UI_DOS_PLAN)
		j->code = vt_dossier_plan_get(c, 0, &j->plan, &j->eb);
	else if ((j->code = vt_cache_open(app->cache_dir, &cache, &j->eb)) ==
	    VT_OK) {
		if (j->kind == UI_DOS_ONE)
			j->code = vt_dossier_fetch(c, cache, j->id, &j->one,
			    NULL, &j->eb);
		else
			j->code = vt_dossier_fetch_list(c, cache, &j->all,
			    NULL, &j->eb);
	}
	vt_cache_close(cache);
	ui_app_put_client(j->ui, c);
}

/* The screen this job was for, if it is still open. */
static struct ui_dos *
ui_dos_find(struct ui *ui, unsigned serial)
{
	struct ui_screen	*s;

	for (s = ui->top; s != NULL; s = s->below) {
		if ((s->ops == &ui_dos_list_ops || s->ops == &ui_dos_pick_ops ||
		    s->ops == &ui_dos_one_ops || s->ops == &ui_dos_plan_ops) &&
		    ((struct ui_dos *)s->data)->serial == serial)
			return s->data;
	}
	return NULL;
}

static void
ui_dos_job_done(struct ui *ui, void *arg)
{
	struct ui_dos_job	*j = arg;
	struct ui_dos		*ds = ui_dos_find(ui, j->serial);

	if (ds != NULL) {
		ds->loading = false;
		if (j->code != VT_OK) {
			if (j->code != VT_ERR_CANCELLED)
				ui_app_error(ui, &j->eb);
		} else if (j->kind == UI_DOS_ONE) {
			vt_dossier_clear(&ds->one);
			ds->one = j->one;
			memset(&j->one, 0, sizeof j->one);
			ds->have_one = true;
			ui_list_set_count(&ds->list, (int)ds->one.nitems);
		} else if (j->kind == UI_DOS_PLAN) {
			vt_dossier_plan_clear(&ds->plan);
			ds->plan = j->plan;
			memset(&j->plan, 0, sizeof j->plan);
			ui_list_set_count(&ds->list, (int)ds->plan.n +
			    (ds->plan.allow_free ? 1 : 0));
		} else {
			vt_dossier_list_clear(&ds->all);
			ds->all = j->all;
			memset(&j->all, 0, sizeof j->all);
			ui_dos_set_rows(ds);
		}
		ui->dirty_body = ui->dirty_title = true;
	}
	vt_dossier_list_clear(&j->all);
	vt_dossier_clear(&j->one);
	vt_dossier_plan_clear(&j->plan);
	free(j->id);
	free(j);
}

static void
ui_dos_load(struct ui *ui, struct ui_dos *ds)
{
	struct ui_dos_job	*j;

	if (ds->loading || ui->opt->offline || !ui_app_logged_in(ui))
		return;
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->serial = ds->serial;
	j->kind = ds->kind == UI_DOS_PICK ? UI_DOS_LIST : ds->kind;
	j->id = ds->id != NULL ? xstrdup(ds->id) : NULL;
	ds->loading = true;
	ui_job_start(ui, _("Loading dossiers"), ui_dos_job_run,
	    ui_dos_job_done, j);
}

/*
 * The sync key on a dossier screen: the one refresh of the interface
 * (what waits in the outbox goes first, then documents and dossiers),
 * after which every screen reloads, this one too.  The dossier list of
 * the year is not in the offline copy: it is just fetched again.
 */
static void
ui_dos_sync(struct ui *ui, struct ui_dos *ds)
{
	if (ds->kind == UI_DOS_PLAN)
		ui_dos_load(ui, ds);
	else
		ui_app_sync(ui);
}

/* ---- Common screen parts -------------------------------------------- */

static struct ui_dos *
ui_dos_new(enum ui_dos_kind kind)
{
	struct ui_dos	*ds = xcalloc(1, sizeof *ds);

	ds->kind = kind;
	ds->serial = ++ui_dos_serial;
	ui_list_init(&ds->list);
	ds->list.ctx = ds;
	return ds;
}

static void
ui_dos_free(struct ui_screen *s)
{
	struct ui_dos	*ds = s->data;

	ui_list_free(&ds->list);
	vt_dossier_list_clear(&ds->all);
	vt_dossier_clear(&ds->one);
	vt_dossier_plan_clear(&ds->plan);
	free(ds->shown);
	free(ds->id);
	free(ds->doc_id);
	free(ds);
}

static void
ui_dos_reload(struct ui *ui, struct ui_screen *s)
{
	ui_dos_load(ui, s->data);
}

static void
ui_dos_draw_list(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_list_draw(&((struct ui_dos *)s->data)->list, w);
}

/* ---- The list of dossiers ------------------------------------------- */

static const char *
ui_dos_list_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	(void)s;
	return _("Work dossiers");
}

static void ui_dos_plan_open(struct ui *ui);

static bool
ui_dos_list_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_dos	*ds = s->data;

	switch (fn) {
	case UI_FN_OPEN:
		if (ds->list.sel >= 0 && ds->list.count > 0)
			ui_dossier_open(ui,
			    ds->all.items[ds->shown[ds->list.sel]].id);
		return true;
	case UI_FN_DOSSIER_NEW:
		ui_dos_plan_open(ui);
		return true;
	case UI_FN_SYNC:
		ui_dos_sync(ui, ds);
		return true;
	default:
		return ui_list_action(ui, &ds->list, fn);
	}
}

static const enum ui_fn ui_dos_list_hints[] = {
	UI_FN_OPEN, UI_FN_DOSSIER_NEW, UI_FN_SEARCH, UI_FN_SYNC, UI_FN_NONE
};

static const struct ui_screen_ops ui_dos_list_ops = {
	"dossiers", ui_dos_list_title, ui_dos_draw_list, ui_dos_list_action,
	NULL, ui_dos_reload, ui_dos_free, ui_dos_list_hints
};

/* A LIST or PICK screen with the offline copy, then the server's. */
static struct ui_dos *
ui_dos_list_new(struct ui *ui, enum ui_dos_kind kind)
{
	struct ui_app	*app = ui_app(ui);
	struct ui_dos	*ds = ui_dos_new(kind);

	ds->list.columns = ui_dos_list_columns;
	ds->list.ncolumns = 5;
	ds->list.cell = ui_dos_list_cell;
	ds->list.row_text = ui_dos_list_text;
	if (kind == UI_DOS_PICK)
		snprintf(ds->empty, sizeof ds->empty, _("No open dossier: open "
		    "one in the dossier list first (key %s in the lists)"),
		    ui_key_name(ui_keys_key_for("inbox",
		    UI_FN_VIEW_DOSSIERS)));
	else
		snprintf(ds->empty, sizeof ds->empty, _("No dossier yet: press "
		    "%s to open one from the year's list"),
		    ui_key_name(ui_keys_key_for("dossiers",
		    UI_FN_DOSSIER_NEW)));
	ds->list.empty = ds->empty;
	if (app->cache != NULL)
		vt_dossier_cache_list(app->cache, &ds->all, NULL);
	ui_dos_set_rows(ds);
	return ds;
}

void
ui_dossiers_open(struct ui *ui)
{
	struct ui_dos	*ds = ui_dos_list_new(ui, UI_DOS_LIST);

	ui_push(ui, &ui_dos_list_ops, ds);
	ui_dos_load(ui, ds);
}

/* ---- The picker: add a document to an open dossier ------------------- */

static const char *
ui_dos_pick_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_dos	*ds = s->data;

	(void)ui;
	snprintf(ds->title, sizeof ds->title, _("Add %s to the dossier:"),
	    ds->doc_id);
	return ds->title;
}

static bool
ui_dos_pick_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_dos		*ds = s->data;
	const struct vt_dossier	*d;
	struct vt_act		 act;
	char			*msg;

	if (fn != UI_FN_OPEN)
		return fn == UI_FN_SYNC ? (ui_dos_sync(ui, ds), true) :
		    ui_list_action(ui, &ds->list, fn);
	if (ds->list.sel < 0 || ds->list.count == 0)
		return true;
	d = &ds->all.items[ds->shown[ds->list.sel]];
	vt_act_dossier_add(&act, d->id, ds->doc_id);
	msg = xasprintf(_("Adding %s to dossier %s %s"), ds->doc_id, d->code,
	    d->title);
	if (ui_app_queue(ui, &act.spec, msg))
		ui_pop(ui);
	free(msg);
	vt_act_clear(&act);
	return true;
}

static const enum ui_fn ui_dos_pick_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_BACK, UI_FN_NONE
};

static const struct ui_screen_ops ui_dos_pick_ops = {
	"dossiers", ui_dos_pick_title, ui_dos_draw_list, ui_dos_pick_action,
	NULL, ui_dos_reload, ui_dos_free, ui_dos_pick_hints
};

void
ui_dossier_pick(struct ui *ui, const char *doc_id)
{
	struct ui_dos	*ds = ui_dos_list_new(ui, UI_DOS_PICK);

	ds->doc_id = xstrdup(doc_id);
	ui_push(ui, &ui_dos_pick_ops, ds);
	ui_dos_load(ui, ds);
}

/* ---- The year's list: open a dossier ---------------------------------- */

static const char *
ui_dos_plan_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_dos	*ds = s->data;

	(void)ui;
	if (ds->plan.year == 0)
		return _("Dossier list of the year");
	snprintf(ds->title, sizeof ds->title, _("Dossier list of %d: choose "
	    "the dossier to open"), ds->plan.year);
	return ds->title;
}

/*
 * Ask LABEL (BAD instead once an answer was refused, with that answer
 * offered again) until OK accepts the answer; NULL when cancelled.
 */
static char *
ui_dos_ask(struct ui *ui, const char *label, const char *bad,
    bool (*ok)(const char *))
{
	char	*answer = NULL, *again;

	for (;;) {
		again = ui_prompt(ui, answer == NULL ? label : bad, answer,
		    false, NULL, NULL);
		free(answer);
		if ((answer = again) == NULL || *answer == '\0' || ok(answer))
			return answer;
	}
}

static bool
ui_dos_title_ok(const char *title)
{
	return title[strspn(title, " ")] != '\0';
}

static bool
ui_dos_retention_ok(const char *text)
{
	char	*norm = vt_dossier_retention_norm(text);

	free(norm);
	return norm != NULL;
}

/* A dossier outside the list: code, title, retention asked in turn,
   each checked as the server checks it (vt_dossier_new_check). */
static void
ui_dos_open_free(struct ui *ui)
{
	struct vt_act		 act;
	struct vt_errbuf	 eb;
	char			*code, *title = NULL, *ret = NULL, *norm = NULL;
	char			 ref[37];

	memset(&eb, 0, sizeof eb);
	if ((code = ui_dos_ask(ui, _("Code (as 05.09): "), _("Not a code: a "
	    "section and an order, as 05.09: "), vt_dossier_code_valid)) ==
	    NULL || *code == '\0' ||
	    (title = ui_dos_ask(ui, _("Title: "), _("Title: "),
	    ui_dos_title_ok)) == NULL || *title == '\0' ||
	    (ret = ui_dos_ask(ui, _("Retention (5 năm, 10 năm, vĩnh viễn): "),
	    _("Not a retention period: a number of years (5 năm, 10 năm) or "
	    "vĩnh viễn: "), ui_dos_retention_ok)) == NULL || *ret == '\0') {
		ui_message(ui, _("Cancelled"));
	} else if (vt_uuid4(ref, NULL) == VT_OK) {
		struct vt_dossier_new	n = { NULL, code, title, NULL, ret,
		    NULL, ref };

		if (vt_dossier_new_check(&n, &norm, &eb) != VT_OK)
			ui_app_error(ui, &eb);
		else {
			vt_act_dossier_open(&act, &n);
			if (ui_app_queue(ui, &act.spec,
			    _("Opening the dossier")))
				ui_pop(ui);
			vt_act_clear(&act);
		}
	}
	free(norm);
	free(code);
	free(title);
	free(ret);
}

static bool
ui_dos_plan_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_dos			*ds = s->data;
	const struct vt_dossier_entry	*e;
	struct vt_act			 act;
	char				*q, ref[37];

	if (fn != UI_FN_OPEN)
		return ui_list_action(ui, &ds->list, fn);
	if (ds->list.sel < 0 || ds->list.count == 0)
		return true;
	if ((size_t)ds->list.sel == ds->plan.n) {
		ui_dos_open_free(ui);
		return true;
	}
	e = &ds->plan.items[ds->list.sel];
	q = xasprintf(_("Open dossier %s \"%s\" (%s)?"), e->code, e->title,
	    e->retention);
	if (ui_confirm(ui, q) && vt_uuid4(ref, NULL) == VT_OK) {
		struct vt_dossier_new	n = { e->id, e->code, NULL, NULL, NULL,
		    NULL, ref };

		vt_act_dossier_open(&act, &n);
		if (ui_app_queue(ui, &act.spec, _("Opening the dossier")))
			ui_pop(ui);
		vt_act_clear(&act);
	}
	free(q);
	return true;
}

static const enum ui_fn ui_dos_plan_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_BACK, UI_FN_NONE
};

static const struct ui_screen_ops ui_dos_plan_ops = {
	"dossiers", ui_dos_plan_title, ui_dos_draw_list, ui_dos_plan_action,
	NULL, NULL, ui_dos_free, ui_dos_plan_hints
};

static void
ui_dos_plan_open(struct ui *ui)
{
	struct ui_dos	*ds;

	if (ui->opt->offline) {
		ui_error(ui, _("The dossier list is on the server: connect "
		    "first"));
		return;
	}
	ds = ui_dos_new(UI_DOS_PLAN);
	ds->list.columns = ui_dos_plan_columns;
	ds->list.ncolumns = 4;
	ds->list.cell = ui_dos_plan_cell;
	ds->list.row_text = ui_dos_plan_text;
	ds->list.empty = _("Loading the dossier list...");
	ui_push(ui, &ui_dos_plan_ops, ds);
	ui_dos_load(ui, ds);
}

/* ---- One dossier: its table of contents ------------------------------ */

#define UI_DOS_HEAD	3	/* lines above the table */

static const char *
ui_dos_one_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_dos	*ds = s->data;

	(void)ui;
	if (!ds->have_one)
		return _("Dossier");
	snprintf(ds->title, sizeof ds->title, _("Dossier %s: %s"),
	    ds->one.code, ds->one.title);
	return ds->title;
}

static void
ui_dos_one_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_dos	*ds = s->data;
	const struct vt_dossier *d = &ds->one;
	char		 from[11], to[11], *line;
	int		 cols = getmaxx(w) - 1, rows = getmaxy(w);
	WINDOW		*sub;

	(void)ui;
	if (!ds->have_one) {
		wmove(w, 0, 0);
		wclrtobot(w);
		mvwaddstr(w, 1, 2, _("Loading the dossier..."));
		return;
	}
	vt_date_vn(from, d->start_date);
	vt_date_vn(to, d->end_date);
	line = xasprintf(_("Keeper: %s   Retention: %s"), d->keeper,
	    d->retention);
	wmove(w, 0, 0);
	ui_put_cut(w, line, cols);
	wclrtoeol(w);
	free(line);
	if (d->state == VT_DOSSIER_CLOSED)
		line = xasprintf(_("Closed: from %s to %s, %d pages"), from, to,
		    d->page_count);
	else
		line = xasprintf(ngettext("Open since %s, %zu document",
		    "Open since %s, %zu documents", d->nitems), from,
		    d->nitems);
	wmove(w, 1, 0);
	wattrset(w, d->state == VT_DOSSIER_CLOSED ? ui_style(UI_ST_OK) |
	    A_BOLD : A_BOLD);
	ui_put_cut(w, line, cols);
	wattrset(w, A_NORMAL);
	wclrtoeol(w);
	free(line);
	wmove(w, 2, 0);
	ui_put_cut(w, _("Table of contents"), cols);
	wclrtoeol(w);
	if (rows <= UI_DOS_HEAD + 1)
		return;
	sub = derwin(w, rows - UI_DOS_HEAD, getmaxx(w), UI_DOS_HEAD, 0);
	if (sub != NULL) {
		ui_list_draw(&ds->list, sub);
		delwin(sub);
	}
}

/* Whether the dossier on screen may change; says why not. */
static bool
ui_dos_writable(struct ui *ui, struct ui_dos *ds)
{
	struct vt_errbuf	eb = { VT_OK, "" };

	if (!ds->have_one)
		return false;
	if (vt_dossier_writable(&ds->one, &eb) != VT_OK) {
		ui_error(ui, "%s", eb.detail);
		return false;
	}
	return true;
}

static void
ui_dos_close(struct ui *ui, struct ui_dos *ds)
{
	struct vt_act	 act;
	char		*q;
	int		 pages = 0;
	size_t		 i;

	if (!ui_dos_writable(ui, ds))
		return;
	for (i = 0; i < ds->one.nitems; i++)
		pages += ds->one.items[i].page_amount;
	q = xasprintf(ngettext("Close dossier %s (%zu document, %d pages)? "
	    "It cannot be changed afterwards", "Close dossier %s (%zu "
	    "documents, %d pages)? It cannot be changed afterwards",
	    ds->one.nitems), ds->one.code, ds->one.nitems, pages);
	if (ui_confirm(ui, q)) {
		vt_act_dossier_close(&act, ds->one.id, NULL, NULL);
		ui_app_queue(ui, &act.spec, _("Closing the dossier"));
		vt_act_clear(&act);
	}
	free(q);
}

static void
ui_dos_reopen(struct ui *ui, struct ui_dos *ds)
{
	struct vt_act	 act;
	char		*reason;

	if (!ds->have_one)
		return;
	if (ds->one.state != VT_DOSSIER_CLOSED) {
		ui_error(ui, _("The dossier is open already"));
		return;
	}
	if (!vt_dossier_can_reopen(vt_client_session(ui_app(ui)->client))) {
		ui_error(ui, _("Only a leader or the clerk can reopen a "
		    "dossier"));
		return;
	}
	reason = ui_prompt(ui, _("Reason for reopening: "), NULL, false, NULL,
	    NULL);
	if (reason == NULL || *reason == '\0') {
		ui_message(ui, _("Cancelled: a reason is needed"));
		free(reason);
		return;
	}
	vt_act_dossier_reopen(&act, ds->one.id, reason);
	ui_app_queue(ui, &act.spec, _("Reopening the dossier"));
	vt_act_clear(&act);
	free(reason);
}

static void
ui_dos_remove(struct ui *ui, struct ui_dos *ds)
{
	const struct vt_dossier_item	*it;
	struct vt_act			 act;
	char				*q;

	if (!ui_dos_writable(ui, ds) || ds->list.sel < 0 ||
	    ds->list.count == 0)
		return;
	it = &ds->one.items[ds->list.sel];
	q = xasprintf(_("Take %s out of dossier %s?"), it->number_notation,
	    ds->one.code);
	if (ui_confirm(ui, q)) {
		vt_act_dossier_remove(&act, ds->one.id, it->document_id);
		ui_app_queue(ui, &act.spec, _("Taking the document out"));
		vt_act_clear(&act);
	}
	free(q);
}

static void
ui_dos_history(struct ui *ui, struct ui_dos *ds)
{
	struct ui_pager	 p;
	char		 when[32], *line;
	size_t		 i;

	if (!ds->have_one)
		return;
	ui_pager_init(&p);
	ui_pager_add(&p, _("Dossier history"), 0, A_BOLD);
	for (i = 0; i < ds->one.nhistory; i++) {
		const struct vt_history_step *h = &ds->one.history[i];

		ui_doc_time(when, sizeof when, h->at);
		line = xasprintf("%s  %s  %s", when,
		    vt_dossier_action_name(h->action),
		    h->actor.full_name != NULL ? h->actor.full_name : "");
		ui_pager_add(&p, line, 0, A_NORMAL);
		free(line);
		if (h->note != NULL && *h->note != '\0') {
			line = xasprintf("    %s", h->note);
			ui_pager_add(&p, line, 0, A_NORMAL);
			free(line);
		}
	}
	ui_textview_open(ui, _("Dossier history"), &p);
}

/* ---- Export (the hand over folder) in a worker ------------------------ */

struct ui_dos_export {
	struct ui		*ui;
	struct vt_dossier	 d;
	char			*dir;
	char			*trust_file;	/* or NULL */
	vt_code			 code;
	struct vt_errbuf	 eb;
	bool			 checked;	/* the folder was checked */
	size_t			 nfiles, problems;
};

/* The written folder checked as 'vanthu dossier verify' checks it. */
static void
ui_dos_export_check(struct ui_dos_export *x)
{
	struct vt_dcheck_result	res;
	size_t			i;

	if (vt_dossier_verify_dir(x->dir, x->trust_file, &res, NULL) != VT_OK)
		return;
	x->checked = true;
	x->nfiles = res.n;
	for (i = 0; i < res.n; i++)
		if (res.files[i].verdict != VT_DCHECK_OK &&
		    res.files[i].verdict != VT_DCHECK_UNSIGNED)
			x->problems++;
	vt_dcheck_result_free(&res);
}

static void
ui_dos_export_run(void *arg)
{
	struct ui_dos_export	*x = arg;
	struct ui_app		*app = ui_app(x->ui);
	struct vt_client	*c = ui_app_take_client(x->ui, &x->eb);
	struct vt_cache		*cache = NULL;

	if (c == NULL) {
		x->code = x->eb.code;
		return;
	}
	if ((x->code = vt_cache_open(app->cache_dir, &cache, &x->eb)) == VT_OK)
		x->code = vt_dossier_export(c, cache, &x->d, x->dir, NULL,
		    NULL, &x->eb);
	if (x->code == VT_OK)
		ui_dos_export_check(x);
	vt_cache_close(cache);
	ui_app_put_client(x->ui, c);
}

static void
ui_dos_export_done(struct ui *ui, void *arg)
{
	struct ui_dos_export	*x = arg;

	if (x->code == VT_OK && x->checked && x->problems > 0)
		ui_error(ui, ngettext("Written to %s, with %zu problem: "
		    "'vanthu dossier verify' names it", "Written to %s, with "
		    "%zu problems: 'vanthu dossier verify' names them",
		    x->problems), x->dir, x->problems);
	else if (x->code == VT_OK && x->checked)
		ui_message(ui, ngettext("Written to %s and checked: %zu file "
		    "intact", "Written to %s and checked: %zu files intact",
		    x->nfiles), x->dir, x->nfiles);
	else if (x->code == VT_OK)
		ui_message(ui, _("Dossier %s written to %s"), x->d.code,
		    x->dir);
	else if (x->code != VT_ERR_CANCELLED)
		ui_app_error(ui, &x->eb);
	vt_dossier_clear(&x->d);
	free(x->trust_file);
	free(x->dir);
	free(x);
}

static void
ui_dos_export(struct ui *ui, struct ui_dos *ds)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_dos_export	*x;
	const char		*home = getenv("HOME"), *trust;
	char			*def, *dir;

	if (!ds->have_one || app->cache == NULL)
		return;
	def = xasprintf("%s/ho-so-%s", home != NULL ? home : ".",
	    ds->one.code);
	dir = ui_prompt(ui, ds->one.state == VT_DOSSIER_CLOSED ?
	    _("Write the hand over folder to: ") : _("The dossier is still "
	    "open; write its folder as it is now to: "), def, false, NULL,
	    NULL);
	free(def);
	if (dir == NULL || *dir == '\0') {
		free(dir);
		return;
	}
	/* The worker gets its own copy: the screen may close meanwhile. */
	x = xcalloc(1, sizeof *x);
	x->ui = ui;
	x->dir = dir;
	if ((trust = vt_config_get(&app->cfg, "trust_file")) != NULL)
		x->trust_file = xstrdup(trust);
	if (vt_dossier_cache_get(app->cache, ds->one.id, &x->d, &x->eb) !=
	    VT_OK) {
		ui_app_error(ui, &x->eb);
		free(x->trust_file);
		free(x->dir);
		free(x);
		return;
	}
	ui_job_start(ui, _("Writing the dossier"), ui_dos_export_run,
	    ui_dos_export_done, x);
}

static bool
ui_dos_one_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_dos			*ds = s->data;
	const struct vt_dossier_item	*it;

	switch (fn) {
	case UI_FN_OPEN:
		if (!ds->have_one || ds->list.sel < 0 || ds->list.count == 0)
			return true;
		it = &ds->one.items[ds->list.sel];
		if (it->kind == VT_DITEM_INCOMING)
			ui_reader_open(ui, it->document_id);
		else
			ui_draft_open(ui, it->document_id);
		return true;
	case UI_FN_DOSSIER_CLOSE:
		ui_dos_close(ui, ds);
		return true;
	case UI_FN_DOSSIER_REOPEN:
		ui_dos_reopen(ui, ds);
		return true;
	case UI_FN_DOSSIER_REMOVE:
		ui_dos_remove(ui, ds);
		return true;
	case UI_FN_HISTORY:
		ui_dos_history(ui, ds);
		return true;
	case UI_FN_DOSSIER_EXPORT:
		ui_dos_export(ui, ds);
		return true;
	case UI_FN_SYNC:
		ui_dos_sync(ui, ds);
		return true;
	default:
		return ui_list_action(ui, &ds->list, fn);
	}
}

static const enum ui_fn ui_dos_one_hints[] = {
	UI_FN_OPEN, UI_FN_DOSSIER_CLOSE, UI_FN_DOSSIER_REOPEN,
	UI_FN_DOSSIER_REMOVE, UI_FN_HISTORY, UI_FN_DOSSIER_EXPORT,
	UI_FN_SYNC, UI_FN_NONE
};

static const struct ui_screen_ops ui_dos_one_ops = {
	"dossier", ui_dos_one_title, ui_dos_one_draw, ui_dos_one_action,
	NULL, ui_dos_reload, ui_dos_free, ui_dos_one_hints
};

void
ui_dossier_open(struct ui *ui, const char *id)
{
	struct ui_app	*app = ui_app(ui);
	struct ui_dos	*ds = ui_dos_new(UI_DOS_ONE);

	ds->id = xstrdup(id);
	ds->list.columns = ui_dos_toc_columns;
	ds->list.ncolumns = 7;
	ds->list.cell = ui_dos_toc_cell;
	ds->list.row_text = ui_dos_toc_text;
	ds->list.empty = _("No document yet: press H in a document or a "
	    "draft to add it");
	if (app->cache != NULL &&
	    vt_dossier_cache_get(app->cache, id, &ds->one, NULL) == VT_OK) {
		ds->have_one = true;
		ui_list_set_count(&ds->list, (int)ds->one.nitems);
	}
	ui_push(ui, &ui_dos_one_ops, ds);
	ui_dos_load(ui, ds);
}
