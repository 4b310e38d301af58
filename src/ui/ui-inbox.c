/*
 * vanthu: the main screen: the list of incoming documents, or of drafts
 * awaiting my review or signature, or of actions waiting to be sent,
 * with filters (unread, overdue, urgent, my role) and incremental search.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-data.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-screens.h"

struct ui_inbox {
	enum ui_view	 view;
	struct ui_rows	 rows;
	/* The rows shown: those passing the filters and matching the
	   search (owned by SEARCH). */
	const uint32_t	*shown;
	int		 nshown;
	unsigned	 filter;	/* UI_ROW_* all required */
	struct vt_isearch *search;	/* '/' over the rows passing */
	char		*query;		/* what '/' narrows to, or NULL */
	int		 due_days;	/* "due within N days", or -1 */
	enum vt_doc_sort sort;
	struct ui_list	 list;
	int		 ncols;
	int		 layout_cols;	/* screen width the columns are for */
	char		 title[256];
	char		 empty[256];
	char		 empty_drafts[256];	/* the draft views' */
};

/* The rows' index of the row shown at I. */
static int
ui_inbox_at(const struct ui_inbox *in, int i)
{
	return (int)in->shown[i];
}

static const char *
ui_inbox_cell(void *ctx, int row, int col)
{
	struct ui_inbox	*in = ctx;

	return ui_rows_cell(&in->rows, ui_inbox_at(in, row), col);
}

static const char *
ui_inbox_text(void *ctx, int row)
{
	struct ui_inbox	*in = ctx;

	return ui_rows_search(&in->rows, ui_inbox_at(in, row));
}

static attr_t
ui_inbox_attr(void *ctx, int row)
{
	struct ui_inbox	*in = ctx;
	unsigned	 f = ui_rows_flags(&in->rows, ui_inbox_at(in, row));
	attr_t		 a = A_NORMAL;

	if (f & UI_ROW_OVERDUE)
		a |= ui_style(UI_ST_OVERDUE);
	else if (f & UI_ROW_URGENT)
		a |= ui_style(UI_ST_URGENT);
	if (f & (UI_ROW_UNREAD | UI_ROW_FAILED))
		a |= ui_style(UI_ST_UNREAD);
	return a;
}

/* Whether row I passes the filters (unread, due...). */
static bool
ui_inbox_passes(struct ui_inbox *in, int i)
{
	unsigned	 f;

	if (in->filter == 0 && in->due_days < 0)
		return true;
	f = ui_rows_flags(&in->rows, i);
	if ((f & in->filter) != in->filter)
		return false;
	return in->due_days < 0 || (f & UI_ROW_DUE);
}

/* The search's key of row ITEM: folded once (at sync for documents),
   so matching is a byte search. */
static const char *
ui_inbox_key(void *ctx, uint32_t item, size_t *len)
{
	struct ui_inbox	*in = ctx;

	return ui_rows_key(&in->rows, (int)item, len);
}

/*
 * Show the rows matching the search among those passing the filters;
 * keep row SELROW (an index of the rows, or -1) selected when it is
 * still shown.
 */
static void
ui_inbox_show(struct ui_inbox *in, int selrow)
{
	size_t	n;
	int	k, newsel = 0;

	in->shown = vt_isearch_run(in->search, in->query, &n);
	in->nshown = (int)n;
	for (k = 0; selrow >= 0 && k < in->nshown; k++)
		if ((int)in->shown[k] == selrow) {
			newsel = k;
			break;
		}
	in->list.sel = newsel;
	/* Empty because of a filter or a search: say how to see all. */
	in->list.empty = in->view == UI_VIEW_OUTBOX && in->rows.n == 0 ?
	    _("Nothing waiting to be sent.") : in->rows.n > 0 ?
	    _("Nothing matches here; press the same key again, or / and "
	    "Enter, to show all") : in->view == UI_VIEW_INBOX ? in->empty :
	    in->empty_drafts;
	ui_list_set_count(&in->list, in->nshown);
}

/* Apply the filters to the rows (again), then the search, keeping row
   SELROW selected when it is still shown. */
static void
ui_inbox_filter_from(struct ui_inbox *in, int selrow)
{
	uint32_t	*pass;
	int		 i, n = 0;

	pass = xreallocarray(NULL, (size_t)in->rows.n + 1, sizeof *pass);
	for (i = 0; i < in->rows.n; i++)
		if (ui_inbox_passes(in, i))
			pass[n++] = (uint32_t)i;
	vt_isearch_items(in->search, pass, (size_t)n);
	free(pass);
	ui_inbox_show(in, selrow);
}

/* The rows' index of the row whose id is ID (may be NULL), or -1. */
static int
ui_inbox_find(struct ui_inbox *in, const char *id)
{
	int	i;

	for (i = 0; id != NULL && i < in->rows.n; i++)
		if (strcmp(ui_rows_id(&in->rows, i), id) == 0)
			return i;
	return -1;
}

/* The rows' index of the selected row, or -1. */
static int
ui_inbox_selrow(struct ui_inbox *in)
{
	if (in->list.sel < 0 || in->list.sel >= in->nshown)
		return -1;
	return ui_inbox_at(in, in->list.sel);
}

/* The id of the selected row (a copy the caller frees), or NULL. */
static char *
ui_inbox_selid(struct ui_inbox *in)
{
	int	i = ui_inbox_selrow(in);

	return i >= 0 ? xstrdup(ui_rows_id(&in->rows, i)) : NULL;
}

static void
ui_inbox_filter(struct ui_inbox *in)
{
	ui_inbox_filter_from(in, ui_inbox_selrow(in));
}

static void
ui_inbox_columns(struct ui *ui, struct ui_inbox *in)
{
	in->list.columns = ui_view_columns(in->view, ui->cols,
	    &in->list.ncolumns);
	in->layout_cols = ui->cols;
}

static void
ui_inbox_load(struct ui *ui, struct ui_inbox *in)
{
	char	*selid = ui_inbox_selid(in);

	ui_data_reload(ui, in->view, &in->rows, in->sort, in->due_days);
	in->nshown = 0;
	ui_inbox_columns(ui, in);
	ui_inbox_filter_from(in, ui_inbox_find(in, selid));
	free(selid);
	ui->dirty_body = ui->dirty_title = true;
}

static const char *ui_sort_label(enum vt_doc_sort key);

/* "due within 3 days", with the plural the language wants. */
static const char *
ui_due_label(int days)
{
	static char	buf[64];

	snprintf(buf, sizeof buf, ngettext("due within %d day",
	    "due within %d days", days), days);
	return buf;
}

static const char *
ui_inbox_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_inbox	*in = s->data;
	char		 f[128] = "";

	(void)ui;
	if (in->filter & UI_ROW_UNREAD)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    _("unread"));
	if (in->filter & UI_ROW_OVERDUE)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    _("overdue"));
	if (in->filter & UI_ROW_URGENT)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    _("urgent"));
	if (in->filter & UI_ROW_MINE)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    _("my role"));
	if (in->filter & UI_ROW_ARRIVED)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    _("awaiting registration"));
	if (in->due_days >= 0)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    in->due_days == 0 ? _("due today") : ui_due_label(
		    in->due_days));
	if (in->list.search != NULL)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [/%s]",
		    in->list.search);
	if (in->sort != VT_SORT_DATE)
		snprintf(f + strlen(f), sizeof f - strlen(f), " [%s]",
		    ui_sort_label(in->sort));
	snprintf(in->title, sizeof in->title, "%s (%d)%s",
	    ui_view_name(in->view), in->nshown, f);
	return in->title;
}

static void
ui_inbox_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_inbox	*in = s->data;

	/* Dates are short below 110 columns: reload when crossing it. */
	if ((in->layout_cols >= 110) != (ui->cols >= 110))
		ui_inbox_load(ui, in);
	else if (in->layout_cols != ui->cols)
		ui_inbox_columns(ui, in);
	ui_list_draw(&in->list, w);
}

/* No search any more: the prompt's text, the highlight, the query. */
static void
ui_inbox_search_clear(struct ui_inbox *in)
{
	free(in->list.search);
	in->list.search = NULL;
	ui_list_set_match(&in->list, NULL);
	free(in->query);
	in->query = NULL;
}

static void
ui_inbox_set_view(struct ui *ui, struct ui_inbox *in, enum ui_view v)
{
	if (in->view == v)
		return;
	in->view = v;
	in->filter = 0;
	/* Another list: what '/' narrowed the last one to does not apply. */
	ui_inbox_search_clear(in);
	in->due_days = -1;
	in->list.sel = 0;
	in->list.top = 0;
	in->nshown = 0;
	ui_inbox_load(ui, in);
	ui->dirty_keys = true;
}

static void
ui_inbox_toggle(struct ui *ui, struct ui_inbox *in, unsigned flag)
{
	if (in->view != UI_VIEW_INBOX && flag != UI_ROW_URGENT) {
		ui_message(ui, _("This filter is for incoming documents"));
		return;
	}
	in->filter ^= flag;
	ui_inbox_filter(in);
	ui->dirty_body = ui->dirty_title = true;
	if (in->nshown == 0)
		ui_message(ui, _("No document passes this filter; press the "
		    "same key again to show all"));
}

/* A refused action of the outbox: everything about it, reason in full. */
static void
ui_inbox_refused(struct ui *ui, const struct ui_row *r)
{
	struct ui_pager	 p;
	char		*line;
	int		 i;
	static const char *const labels[] = {
		N_("State:"), N_("Action:"), N_("Document:"), N_("Queued at:")
	};

	ui_pager_init(&p);
	for (i = 0; i < 4; i++) {
		line = xasprintf("%s %s", _(labels[i]),
		    r->cell[i] != NULL ? r->cell[i] : "");
		ui_pager_add(&p, line, 0, A_NORMAL);
		free(line);
	}
	ui_pager_add(&p, "", 0, A_NORMAL);
	ui_pager_add(&p, _("The server's answer:"), 0, A_BOLD);
	ui_pager_add_text(&p, r->cell[4] != NULL ? r->cell[4] : "", 0,
	    A_NORMAL);
	ui_pager_add(&p, "", 0, A_NORMAL);
	line = xasprintf(_("This action is not sent again.  To remove it, "
	    "go back to the outbox and press %s."),
	    ui_key_name(ui_keys_key_for("inbox", UI_FN_DROP)));
	ui_pager_add(&p, line, 0, A_NORMAL);
	free(line);
	ui_textview_open(ui, _("Refused action"), &p);
}

static void
ui_inbox_open(struct ui *ui, struct ui_inbox *in)
{
	char	*id;
	int	 i;

	if (in->list.sel < 0 || in->nshown == 0) {
		ui_message(ui, _("Nothing to open"));
		return;
	}
	i = ui_inbox_at(in, in->list.sel);
	id = xstrdup(ui_rows_id(&in->rows, i));
	switch (in->view) {
	case UI_VIEW_INBOX:
		if (ui_rows_flags(&in->rows, i) & UI_ROW_UNREAD) {
			ui_rows_clear(&in->rows, i, UI_ROW_UNREAD);
			ui->dirty_body = true;
		}
		ui_reader_open(ui, id);
		break;
	case UI_VIEW_REVIEW:
	case UI_VIEW_SIGN:
	case UI_VIEW_MINE:
		ui_draft_open(ui, id);
		break;
	default:
		if (ui_rows_flags(&in->rows, i) & UI_ROW_FAILED)
			ui_inbox_refused(ui, ui_rows_row(&in->rows, i));
		else
			ui_message(ui, _("Waiting to be sent: actions are sent "
			    "by themselves; press %s to send now"),
			    ui_key_name(ui_keys_key_for("inbox", UI_FN_SYNC)));
		break;
	}
	free(id);
}

/* Drop the selected refused action of the outbox, once confirmed. */
static void
ui_inbox_drop(struct ui *ui, struct ui_inbox *in)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_errbuf	 eb;
	struct ui_row		*r;
	char			*q;
	bool			 yes;

	memset(&eb, 0, sizeof eb);
	if (in->view != UI_VIEW_OUTBOX) {
		ui_message(ui, _("This key drops a refused action in the "
		    "outbox (%s)"), ui_key_name(ui_keys_key_for("inbox",
		    UI_FN_VIEW_OUTBOX)));
		return;
	}
	if (in->list.sel < 0 || in->nshown == 0 || app->outbox == NULL) {
		ui_message(ui, _("Nothing to drop"));
		return;
	}
	r = ui_rows_row(&in->rows, ui_inbox_at(in, in->list.sel));
	if (!(r->flags & UI_ROW_FAILED)) {
		ui_message(ui, _("Only a refused action can be dropped; this "
		    "one is still waiting to be sent"));
		return;
	}
	q = xasprintf(_("Drop the refused action (%s, %s)? It will not be "
	    "sent."), r->cell[1], r->cell[2]);
	yes = ui_confirm(ui, q);
	free(q);
	if (!yes) {
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	if (vt_outbox_drop(app->outbox, r->id, &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		return;
	}
	ui_app_count_outbox(ui);
	ui_inbox_load(ui, in);
	ui_message(ui, _("Dropped: the action was removed from the outbox"));
}

/*
 * '/' narrows the list: the rows matching QUERY ("" = all).  Typed key
 * by key: the core's incremental search looks again only at what an
 * earlier answer kept, and gives an earlier answer back on Backspace.
 */
static void
ui_inbox_limit(void *ctx, const char *query)
{
	struct ui_inbox	*in = ctx;
	int		 selrow = ui_inbox_selrow(in);

	free(in->query);
	in->query = query != NULL && *query != '\0' ? xstrdup(query) : NULL;
	ui_inbox_show(in, selrow);
}

/* The sort key's name as the title shows it. */
static const char *
ui_sort_label(enum vt_doc_sort key)
{
	switch (key) {
	case VT_SORT_ARRIVAL:
		return _("by arrival number");
	case VT_SORT_DUE:
		return _("by deadline");
	case VT_SORT_URGENCY:
		return _("by urgency");
	case VT_SORT_ORGAN:
		return _("by sender");
	default:
		return _("by date");
	}
}

/* Cycle through the sort keys (the inbox; drafts by deadline only). */
static void
ui_inbox_sort(struct ui *ui, struct ui_inbox *in)
{
	in->sort = (enum vt_doc_sort)((in->sort + 1) % VT_SORT_LAST);
	ui_inbox_load(ui, in);
	ui_message(ui, _("Sorted %s (%s: next order)"),
	    ui_sort_label(in->sort), ui_key_name(ui_keys_key_for("inbox",
	    UI_FN_SORT)));
}

/* Ask for N and show only what is due within N days (again: all). */
static void
ui_inbox_due(struct ui *ui, struct ui_inbox *in)
{
	char	*a, *end, init[8];
	long	 n;

	if (in->view == UI_VIEW_OUTBOX) {
		ui_message(ui, _("This filter is for documents and drafts"));
		return;
	}
	if (in->due_days >= 0) {
		in->due_days = -1;
		ui_inbox_load(ui, in);
		return;
	}
	snprintf(init, sizeof init, "%d", 3);
	a = ui_prompt(ui, _("Due within how many days (0 = today): "), init,
	    false, NULL, NULL);
	if (a == NULL)
		return;
	n = strtol(a, &end, 10);
	if (*a == '\0' || *end != '\0' || n < 0 || n > 3650) {
		ui_error(ui, _("Write a number of days, such as 3"));
		free(a);
		return;
	}
	free(a);
	in->due_days = (int)n;
	ui_inbox_load(ui, in);
	if (in->nshown == 0)
		ui_message(ui, _("Nothing is due in that time; press the same "
		    "key again to show all"));
}

static bool
ui_inbox_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_inbox	*in = s->data;

	switch (fn) {
	case UI_FN_SORT:
		ui_inbox_sort(ui, in);
		return true;
	case UI_FN_FILTER_DUE:
		ui_inbox_due(ui, in);
		return true;
	case UI_FN_OPEN:
		ui_inbox_open(ui, in);
		return true;
	case UI_FN_VIEW_INBOX:
		ui_inbox_set_view(ui, in, UI_VIEW_INBOX);
		return true;
	case UI_FN_VIEW_REVIEW:
		ui_inbox_set_view(ui, in, UI_VIEW_REVIEW);
		return true;
	case UI_FN_VIEW_SIGN:
		ui_inbox_set_view(ui, in, UI_VIEW_SIGN);
		return true;
	case UI_FN_VIEW_OUTBOX:
		ui_inbox_set_view(ui, in, UI_VIEW_OUTBOX);
		return true;
	case UI_FN_VIEW_DOSSIERS:
		ui_dossiers_open(ui);
		return true;
	case UI_FN_VIEW_MINE:
		ui_inbox_set_view(ui, in, UI_VIEW_MINE);
		return true;
	case UI_FN_NEW_DRAFT:
		ui_compose_open(ui);
		return true;
	case UI_FN_FILTER_UNREAD:
		ui_inbox_toggle(ui, in, UI_ROW_UNREAD);
		return true;
	case UI_FN_FILTER_OVERDUE:
		ui_inbox_toggle(ui, in, UI_ROW_OVERDUE);
		return true;
	case UI_FN_FILTER_URGENT:
		ui_inbox_toggle(ui, in, UI_ROW_URGENT);
		return true;
	case UI_FN_FILTER_MINE:
		ui_inbox_toggle(ui, in, UI_ROW_MINE);
		return true;
	case UI_FN_FILTER_ARRIVED:
		ui_inbox_toggle(ui, in, UI_ROW_ARRIVED);
		return true;
	case UI_FN_REGISTER_OUT:
	case UI_FN_REGISTER_IN:
		ui_registers_open(ui, fn == UI_FN_REGISTER_OUT);
		return true;
	case UI_FN_SYNC:
		ui_app_sync(ui);
		return true;
	case UI_FN_DROP:
		ui_inbox_drop(ui, in);
		return true;
	case UI_FN_COMMENT:
		if (in->view == UI_VIEW_INBOX && in->nshown > 0)
			ui_action_comment(ui, ui_rows_id(&in->rows,
			    ui_inbox_at(in, in->list.sel)));
		return true;
	default:
		return ui_list_action(ui, &in->list, fn);
	}
}

static void
ui_inbox_refresh(struct ui *ui, struct ui_screen *s)
{
	ui_inbox_load(ui, s->data);
}

static void
ui_inbox_free(struct ui_screen *s)
{
	struct ui_inbox	*in = s->data;

	ui_rows_free(&in->rows);
	ui_list_free(&in->list);
	vt_isearch_free(in->search);
	free(in->query);
	free(in);
}

/*
 * The hints of each list, most important first (the hint lines keep
 * as many as fit): open and search, then sort and "due soon", the
 * other lists, then the rest.  A list's own key is left out.
 */
static const enum ui_fn ui_inbox_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_SORT, UI_FN_FILTER_DUE,
	UI_FN_FILTER_ARRIVED, UI_FN_VIEW_REVIEW, UI_FN_VIEW_SIGN,
	UI_FN_VIEW_OUTBOX, UI_FN_VIEW_MINE, UI_FN_SYNC, UI_FN_FILTER_OVERDUE,
	UI_FN_VIEW_DOSSIERS, UI_FN_FILTER_UNREAD, UI_FN_FILTER_URGENT,
	UI_FN_NEW_DRAFT, UI_FN_NONE
};
static const enum ui_fn ui_review_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_SORT, UI_FN_FILTER_DUE,
	UI_FN_VIEW_INBOX, UI_FN_VIEW_SIGN, UI_FN_VIEW_OUTBOX,
	UI_FN_VIEW_MINE, UI_FN_SYNC, UI_FN_VIEW_DOSSIERS,
	UI_FN_FILTER_URGENT, UI_FN_NEW_DRAFT, UI_FN_NONE
};
static const enum ui_fn ui_sign_list_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_SORT, UI_FN_FILTER_DUE,
	UI_FN_VIEW_INBOX, UI_FN_VIEW_REVIEW, UI_FN_VIEW_OUTBOX,
	UI_FN_VIEW_MINE, UI_FN_SYNC, UI_FN_VIEW_DOSSIERS,
	UI_FN_FILTER_URGENT, UI_FN_NEW_DRAFT, UI_FN_NONE
};
static const enum ui_fn ui_mine_hints[] = {
	UI_FN_OPEN, UI_FN_NEW_DRAFT, UI_FN_SEARCH, UI_FN_SORT,
	UI_FN_FILTER_DUE, UI_FN_VIEW_INBOX, UI_FN_VIEW_REVIEW,
	UI_FN_VIEW_SIGN, UI_FN_VIEW_OUTBOX, UI_FN_SYNC, UI_FN_VIEW_DOSSIERS,
	UI_FN_FILTER_URGENT, UI_FN_NONE
};
/* The outbox: what is there, drop a refused one, send now. */
static const enum ui_fn ui_outbox_hints[] = {
	UI_FN_OPEN, UI_FN_DROP, UI_FN_SYNC, UI_FN_VIEW_INBOX,
	UI_FN_VIEW_REVIEW, UI_FN_VIEW_SIGN, UI_FN_VIEW_MINE,
	UI_FN_VIEW_DOSSIERS, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_inbox_ops;

const enum ui_fn *
ui_inbox_hints_now(const struct ui_screen *s)
{
	const struct ui_inbox	*in;

	if (s == NULL || s->ops != &ui_inbox_ops)
		return NULL;
	in = s->data;
	switch (in->view) {
	case UI_VIEW_REVIEW:
		return ui_review_hints;
	case UI_VIEW_SIGN:
		return ui_sign_list_hints;
	case UI_VIEW_MINE:
		return ui_mine_hints;
	case UI_VIEW_OUTBOX:
		return ui_outbox_hints;
	default:
		return ui_inbox_hints;
	}
}

/*
 * Esc on the list (the first screen): the search and the filters go,
 * and every row of the view is shown again; without any, false (Esc
 * then says how to leave).
 */
static bool
ui_inbox_esc(struct ui *ui, struct ui_screen *s, int key)
{
	struct ui_inbox	*in = s->data;
	bool		 due = in->due_days >= 0;

	if (key != UI_KEY_ESC || (in->filter == 0 && !due &&
	    in->query == NULL))
		return false;
	in->filter = 0;
	in->due_days = -1;
	ui_inbox_search_clear(in);
	if (due)	/* the rows were made for the span */
		ui_inbox_load(ui, in);
	else
		ui_inbox_filter(in);
	ui->dirty_body = ui->dirty_title = true;
	ui_message(ui, _("Search and filters cleared: every row is shown"));
	return true;
}

static const struct ui_screen_ops ui_inbox_ops = {
	"inbox", ui_inbox_title, ui_inbox_draw, ui_inbox_action, ui_inbox_esc,
	ui_inbox_refresh, ui_inbox_free, ui_inbox_hints
};

void
ui_inbox_open_screen(struct ui *ui)
{
	struct ui_inbox	*in = xcalloc(1, sizeof *in);

	in->view = UI_VIEW_INBOX;
	ui_rows_init(&in->rows);
	in->search = vt_isearch_new(ui_inbox_key, in);
	ui_list_init(&in->list);
	/* The inbox's window shows its list only: a key redraws the
	   lines that changed (a search typed, the selection moved). */
	ui_list_keep_drawn(&in->list);
	in->list.ctx = in;
	in->list.cell = ui_inbox_cell;
	in->list.row_attr = ui_inbox_attr;
	in->list.row_text = ui_inbox_text;
	in->list.limit = ui_inbox_limit;
	in->due_days = -1;
	snprintf(in->empty, sizeof in->empty, _("No documents here yet.  "
	    "Press %s to fetch them from the server."),
	    ui_key_name(ui_keys_key_for("inbox", UI_FN_SYNC)));
	snprintf(in->empty_drafts, sizeof in->empty_drafts, _("No drafts here "
	    "yet.  Press %s to fetch them from the server."),
	    ui_key_name(ui_keys_key_for("inbox", UI_FN_SYNC)));
	in->list.empty = in->empty;
	ui_push(ui, &ui_inbox_ops, in);
	ui_inbox_load(ui, in);
}

/* Refresh the screen below when it is the inbox (after a sync). */
bool
ui_inbox_is(const struct ui_screen *s)
{
	return s != NULL && s->ops == &ui_inbox_ops;
}
