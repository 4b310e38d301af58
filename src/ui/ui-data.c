/*
 * vanthu: the rows of the list screens, made from the core's cache.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/cache.h"
#include "vanthu/actions.h"
#include "vanthu/clock.h"
#include "vanthu/draft-new.h"
#include "vanthu/text.h"
#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/outbox.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-data.h"
#include "ui-draft.h"
#include "ui-int.h"

void
ui_rows_init(struct ui_rows *r)
{
	memset(r, 0, sizeof *r);
}

void
ui_rows_free(struct ui_rows *r)
{
	int	i, c;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].block != NULL) {
			free(r->v[i].block);
			continue;
		}
		free(r->v[i].id);
		free(r->v[i].search);
		free(r->v[i].key);
		for (c = 0; c < UI_ROW_CELLS; c++)
			free(r->v[i].cell[c]);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static struct ui_row *
ui_rows_grow(struct ui_rows *r, unsigned flags)
{
	struct ui_row	*row;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	row = &r->v[r->n++];
	memset(row, 0, sizeof *row);
	row->flags = flags;
	return row;
}

/*
 * A packed row (see struct ui_row): ID, the NCELLS CELLS and KEY copied
 * into one block, so a 100,000-document inbox costs one allocation per
 * row instead of eleven.
 */
static struct ui_row *
ui_rows_add_packed(struct ui_rows *r, const char *id, unsigned flags,
    const char *const *cells, int ncells, const char *key)
{
	struct ui_row	*row = ui_rows_grow(r, flags);
	size_t		 len[UI_ROW_CELLS + 2], total = 0;
	const char	*s[UI_ROW_CELLS + 2];
	char		*p;
	int		 i, n = 0;

	s[n++] = id;
	for (i = 0; i < ncells && i < UI_ROW_CELLS; i++)
		s[n++] = cells[i] != NULL ? cells[i] : "";
	s[n++] = key;
	for (i = 0; i < n; i++)
		total += (len[i] = strlen(s[i])) + 1;
	p = row->block = xmalloc(total);
	for (i = 0; i < n; i++) {
		memcpy(p, s[i], len[i] + 1);
		if (i == 0)
			row->id = p;
		else if (i == n - 1)
			row->key = p;
		else
			row->cell[i - 1] = p;
		p += len[i] + 1;
	}
	return row;
}

const char *
ui_row_search(const struct ui_row *row, char **buf)
{
	if (row->search != NULL || row->block == NULL)
		return row->search;
	free(*buf);
	/* As vt_doc_search_text: arrival number, number/notation, organ,
	   subject (cells 1, 2, 4 and 5 of ui_doc_row). */
	*buf = xasprintf("%s %s %s %s", row->cell[1], row->cell[2],
	    row->cell[4], row->cell[5]);
	return *buf;
}

struct ui_row *
ui_rows_add(struct ui_rows *r, const char *id, unsigned flags)
{
	struct ui_row	*row = ui_rows_grow(r, flags);

	row->id = xstrdup(id);
	return row;
}

const char *
ui_row_key(struct ui_row *row)
{
	if (row->key == NULL)
		row->key = vt_text_fold(row->search != NULL ? row->search :
		    "", row->search != NULL ? strlen(row->search) : 0, NULL);
	return row->key;
}

void
ui_row_set(struct ui_row *row, int cell, const char *text)
{
	free(row->cell[cell]);
	row->cell[cell] = xstrdup(text != NULL ? text : "");
}

/*
 * Incoming: marks, arrival number, number/notation, date, organ,
 * subject, deadline.  Dates as dd/mm on 80 columns, dd/mm/yyyy wider.
 */
static const struct ui_column ui_cols_inbox[] = {
	/* TRANSLATORS: column titles; keep them short. */
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Arr."), 5, 0, UI_ALIGN_RIGHT, 4 },
	{ N_("Number"), 12, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Date"), 5, 0, UI_ALIGN_LEFT, 2 },
	{ N_("From"), 14, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT, 0 },
};
static const struct ui_column ui_cols_inbox_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Arr."), 5, 0, UI_ALIGN_RIGHT, 4 },
	{ N_("Number"), 14, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Date"), 10, 0, UI_ALIGN_LEFT, 2 },
	{ N_("From"), 22, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT, 0 },
};
/* Drafts: marks, notation, drafter, subject, state, deadline. */
static const struct ui_column ui_cols_drafts[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Number"), 12, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Drafter"), 14, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("State"), 13, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT, 0 },
};
static const struct ui_column ui_cols_drafts_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Number"), 14, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Drafter"), 20, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("State"), 16, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT, 0 },
};
/* My drafts: marks, notation, whose turn, subject, state, deadline. */
static const struct ui_column ui_cols_mine[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Number"), 12, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Next"), 16, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("State"), 13, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT, 0 },
};
static const struct ui_column ui_cols_mine_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT, 6 },
	{ N_("Number"), 14, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Next"), 20, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT, 0 },
	{ N_("State"), 16, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT, 0 },
};
/* Outbox: state, action, document's number, queued, subject (or the
 * server's reason of a refusal). */
static const struct ui_column ui_cols_outbox[] = {
	{ N_("State"), 10, 0, UI_ALIGN_LEFT, 2 },
	{ N_("Action"), 12, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Document"), 14, 8, UI_ALIGN_LEFT, 3 },
	{ N_("Queued at"), 11, 0, UI_ALIGN_LEFT, 1 },
	{ N_("Subject or reason"), 0, 10, UI_ALIGN_LEFT, 0 },
};

const struct ui_column *
ui_view_columns(enum ui_view view, int cols, int *n)
{
	bool	wide = cols >= 110;

	switch (view) {
	case UI_VIEW_REVIEW:
	case UI_VIEW_SIGN:
		*n = 6;
		return wide ? ui_cols_drafts_wide : ui_cols_drafts;
	case UI_VIEW_OUTBOX:
		*n = 5;
		return ui_cols_outbox;
	case UI_VIEW_MINE:
		*n = 6;
		return wide ? ui_cols_mine_wide : ui_cols_mine;
	default:
		*n = 7;
		return wide ? ui_cols_inbox_wide : ui_cols_inbox;
	}
}

const char *
ui_view_name(enum ui_view view)
{
	switch (view) {
	case UI_VIEW_REVIEW:
		return _("Drafts to review");
	case UI_VIEW_SIGN:
		return _("Drafts to sign");
	case UI_VIEW_OUTBOX:
		return _("Outbox");
	case UI_VIEW_MINE:
		return _("My drafts");
	default:
		return _("Incoming documents");
	}
}

/* "2026-11-20" as "20/11" (SHORT) or "20/11/2026"; "" for NULL. */
static void
ui_date(char *out, size_t len, const char *iso, bool shortform)
{
	vt_clock_show(iso, shortform ? VT_CLOCK_DATE_SHORT : VT_CLOCK_DATE,
	    out, len);
}

/* One letter for the urgency: K khẩn, T thượng khẩn, H hỏa tốc. */
static char
ui_urgency_mark(int urgency)
{
	static const char	marks[] = " KTHH";

	return urgency >= 0 && urgency <= 4 ? marks[urgency] : '?';
}

static void
ui_doc_row(struct ui_rows *rows, const struct vt_doc *d, const char *today,
    bool wide, int due_days)
{
	const char	*cells[7];
	unsigned	 f = 0;
	char		 arr[24], issued[64], due[64], marks[5], *key;

	if (!d->read)
		f |= UI_ROW_UNREAD;
	if (d->urgency >= VT_URGENCY_URGENT)
		f |= UI_ROW_URGENT;
	if (vt_doc_overdue(d, today))
		f |= UI_ROW_OVERDUE;
	if (d->mine)
		f |= UI_ROW_MINE;
	if (due_days >= 0 && vt_doc_due_within(d, today, due_days))
		f |= UI_ROW_DUE;
	if (vt_doc_status_closed(vt_doc_status_of(d)))
		f |= UI_ROW_DONE;
	if (vt_doc_status_of(d) == VT_STATUS_ARRIVED)
		f |= UI_ROW_ARRIVED;
	marks[0] = (f & UI_ROW_UNREAD) ? 'N' : ' ';
	marks[1] = ui_urgency_mark(d->urgency);
	marks[2] = (f & UI_ROW_MINE) ? '*' : ' ';
	marks[3] = (f & UI_ROW_OVERDUE) ? '!' :
	    vt_doc_status_of(d) == VT_STATUS_COMPLETED ? '+' : ' ';
	marks[4] = '\0';
	if (d->arrival_number > 0)
		snprintf(arr, sizeof arr, "%ld", d->arrival_number);
	else
		arr[0] = '\0';
	ui_date(issued, sizeof issued, d->issued_date, !wide);
	ui_date(due, sizeof due, d->due_date, !wide);
	cells[0] = marks;
	cells[1] = arr;
	cells[2] = d->number_notation;
	cells[3] = issued;
	cells[4] = d->organ.organ_name;
	cells[5] = d->subject;
	cells[6] = due;
	/* The key from the cache, folded at sync (an older cache's row is
	   folded here, once). */
	key = d->search_key != NULL ? NULL : vt_doc_search_key(d);
	ui_rows_add_packed(rows, d->id, f, cells, 7, key != NULL ? key :
	    d->search_key);
	free(key);
}

/* Building the inbox's rows as the cache streams (ui_doc_row). */
struct ui_doc_rows {
	struct ui_rows	*rows;
	const char	*today;
	bool		 wide;
	int		 due_days;
};

static bool
ui_doc_row_each(void *arg, const struct vt_doc *d)
{
	struct ui_doc_rows	*dr = arg;

	ui_doc_row(dr->rows, d, dr->today, dr->wide, dr->due_days);
	return true;
}

/* The translated name of a draft state. */
const char *
ui_draft_state_name(const char *state)
{
	return vt_draft_state_name(state);
}

/* Which view a draft belongs to, if any. */
static bool
ui_draft_in_view(const struct vt_draft *d, enum ui_view view)
{
	enum vt_draft_state	st = vt_draft_state_of(d);
	bool			sign_turn;

	if (!d->awaiting_me)
		return false;
	sign_turn = ((d->my_roles & VT_ROLE_SIGNER) &&
	    (st == VT_DRAFT_AWAITING_SIGNER || st == VT_DRAFT_APPROVED)) ||
	    ((d->my_roles & VT_ROLE_CLERK) && st == VT_DRAFT_SIGNED);
	if (view == UI_VIEW_SIGN)
		return sign_turn;
	return !sign_turn;
}

static void
ui_draft_row(struct ui_rows *rows, const struct vt_draft *d, const char *today,
    bool wide, bool mine, int due_days)
{
	struct ui_row	*r;
	unsigned	 f = 0;
	char		 buf[64], marks[5], due[11], last[11];

	if (d->urgency >= VT_URGENCY_URGENT)
		f |= UI_ROW_URGENT;
	if (vt_clock_local_date(d->due_date, due)) {
		if (strcmp(due, today) < 0)
			f |= UI_ROW_OVERDUE;
		else if (due_days >= 0 && vt_clock_add_days(today, due_days,
		    last) && strcmp(due, last) <= 0)
			f |= UI_ROW_DUE;
	}
	r = ui_rows_add(rows, d->id, f);
	marks[0] = ' ';
	marks[1] = ui_urgency_mark(d->urgency);
	marks[2] = ' ';
	marks[3] = (f & UI_ROW_OVERDUE) ? '!' : ' ';
	marks[4] = '\0';
	ui_row_set(r, 0, marks);
	if (d->code_number[0] != '\0')
		snprintf(buf, sizeof buf, "%s/%s", d->code_number,
		    d->code_notation);
	else
		snprintf(buf, sizeof buf, "%s", d->code_notation[0] != '\0' ?
		    d->code_notation : d->type_name);
	ui_row_set(r, 1, buf);
	if (mine) {
		char *turn = vt_draft_turn(d);

		ui_row_set(r, 2, turn);
		free(turn);
		if (d->awaiting_me)
			r->cell[0][0] = '>';
	} else
		ui_row_set(r, 2, d->drafter.full_name);
	ui_row_set(r, 3, d->subject);
	ui_row_set(r, 4, ui_draft_state_name(d->state));
	ui_date(buf, sizeof buf, d->due_date, !wide);
	ui_row_set(r, 5, buf);
	r->search = xasprintf("%s %s %s", r->cell[1], d->drafter.full_name,
	    d->subject);
}

/* The translated name of an outbox action's kind (the one table of
   vanthu/actions.h; a kind it does not know as written). */
static const char *
ui_action_kind_name(const char *kind)
{
	enum vt_act_kind	k = vt_act_kind_parse(kind);

	return k != VT_ACT_UNKNOWN ? vt_act_label(k) : kind;
}

static void
ui_action_row(struct ui_rows *rows, const struct vt_action *a)
{
	struct ui_row	*r;
	char		 when[32];

	r = ui_rows_add(rows, a->name, a->failed || a->damaged ?
	    UI_ROW_FAILED : 0);
	ui_row_set(r, 0, vt_action_state_name(a));
	ui_row_set(r, 1, ui_action_kind_name(a->kind));
	ui_row_set(r, 2, a->number_notation != NULL ? a->number_notation :
	    a->target);
	/* "2026-11-29T08:00:00+07:00" as "29/11 08:00" in Vietnam time. */
	vt_clock_show(a->created_at, VT_CLOCK_DATETIME_SHORT, when,
	    sizeof when);
	ui_row_set(r, 3, when);
	ui_row_set(r, 4, a->damaged ? a->problem : a->reason != NULL ?
	    a->reason : a->subject != NULL ? a->subject : a->summary);
	r->search = xasprintf("%s %s %s %s", r->cell[1], r->cell[2],
	    a->subject != NULL ? a->subject : "", a->summary != NULL ?
	    a->summary : "");
}

static enum vt_doc_sort	ui_sort_key;

static int
ui_doc_cmp(const void *a, const void *b)
{
	return vt_doc_compare(a, b, ui_sort_key);
}

/* Drafts in deadline order (soonest first) when sorting by deadline. */
static int
ui_draft_cmp(const void *a, const void *b)
{
	const struct vt_draft	*x = a, *y = b;
	char			 dx[11] = "9999", dy[11] = "9999";

	vt_clock_local_date(x->due_date, dx);
	vt_clock_local_date(y->due_date, dy);
	return strcmp(dx, dy) != 0 ? strcmp(dx, dy) : strcmp(x->id, y->id);
}

/* The outbox: every action with its document's number and subject. */
static vt_code
ui_data_outbox(struct ui_app *app, struct ui_rows *out, struct vt_errbuf *eb)
{
	struct vt_action	*a = NULL;
	size_t			 n = 0, i;
	vt_code			 code;

	if (app->outbox == NULL)
		return VT_OK;
	code = vt_outbox_list(app->outbox, &a, &n, eb);
	if (code != VT_OK)
		return code;
	vt_outbox_name_targets(app->cache, a, n);
	for (i = 0; i < n; i++)
		ui_action_row(out, &a[i]);
	vt_action_list_free(a, n);
	return VT_OK;
}

bool
ui_data_load(struct ui *ui, enum ui_view view, struct ui_rows *out)
{
	return ui_data_load_opts(ui, view, out, VT_SORT_DATE, -1);
}

bool
ui_data_load_opts(struct ui *ui, enum ui_view view, struct ui_rows *out,
    enum vt_doc_sort sort, int due_days)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_errbuf	 eb;
	vt_code			 code;
	size_t			 i;
	bool			 wide = ui->cols >= 110;

	memset(&eb, 0, sizeof eb);
	ui_rows_init(out);
	if (app == NULL || app->cache == NULL)
		return true;
	if (view == UI_VIEW_INBOX && sort == VT_SORT_DATE) {
		/* The cache's order: rows straight from the file, no copy
		   of the whole inbox on the way. */
		struct ui_doc_rows	dr = { out, app->today, wide,
					       due_days };

		code = vt_cache_inbox_each(app->cache, ui_doc_row_each, &dr,
		    NULL, &eb);
		if (code != VT_OK) {
			ui_rows_free(out);
			ui_rows_init(out);
		}
	} else if (view == UI_VIEW_INBOX) {
		struct vt_doc_list	l;

		memset(&l, 0, sizeof l);
		code = vt_cache_inbox_load(app->cache, &l, NULL, &eb);
		if (code == VT_OK && sort != VT_SORT_DATE && l.n > 1) {
			ui_sort_key = sort;	/* the curses thread only */
			qsort(l.items, l.n, sizeof *l.items, ui_doc_cmp);
		}
		for (i = 0; code == VT_OK && i < l.n; i++)
			ui_doc_row(out, &l.items[i], app->today, wide,
			    due_days);
		vt_doc_list_clear(&l);
	} else if (view == UI_VIEW_OUTBOX) {
		code = ui_data_outbox(app, out, &eb);
	} else {
		struct vt_draft_list	l;

		memset(&l, 0, sizeof l);
		code = vt_cache_drafts_load(app->cache, &l, NULL, &eb);
		if (code == VT_OK && sort == VT_SORT_DUE && l.n > 1)
			qsort(l.items, l.n, sizeof *l.items, ui_draft_cmp);
		for (i = 0; code == VT_OK && i < l.n; i++) {
			if (view == UI_VIEW_MINE ? (l.items[i].my_roles &
			    VT_ROLE_DRAFTER) != 0 :
			    ui_draft_in_view(&l.items[i], view))
				ui_draft_row(out, &l.items[i], app->today,
				    wide, view == UI_VIEW_MINE, due_days);
		}
		vt_draft_list_clear(&l);
	}
	if (code != VT_OK && code != VT_ERR_NOT_FOUND) {
		ui_app_error(ui, &eb);
		return false;
	}
	return true;
}
