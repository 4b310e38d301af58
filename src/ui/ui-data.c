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

/* Document rows kept built for the next redraw (more than a screen). */
#define UI_DOC_SLOTS	128

struct ui_doc_slot {
	int	 row;			/* the row built here, or -1 */
	char	*cell[7];		/* into BLOCK */
	char	*search;		/* into BLOCK */
	char	*block;
};

void
ui_rows_init(struct ui_rows *r)
{
	memset(r, 0, sizeof *r);
}

static void
ui_rows_free_docs(struct ui_rows *r)
{
	int	i;

	if (r->slots != NULL)
		for (i = 0; i < UI_DOC_SLOTS; i++)
			free(r->slots[i].block);
	free(r->slots);
	free(r->order);
	free(r->flags);
	r->slots = NULL;
	r->order = NULL;
	r->flags = NULL;
}

void
ui_rows_free(struct ui_rows *r)
{
	int	i, c;

	ui_rows_free_docs(r);
	vt_inbox_free(r->inbox);
	for (i = 0; r->v != NULL && i < r->n; i++) {
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

struct ui_row *
ui_rows_add(struct ui_rows *r, const char *id, unsigned flags)
{
	struct ui_row	*row = ui_rows_grow(r, flags);

	row->id = xstrdup(id);
	return row;
}

struct ui_row *
ui_rows_row(struct ui_rows *r, int i)
{
	return r->inbox == NULL ? &r->v[i] : NULL;
}

/* A document's marks as row flags (VT_INBOX_COMPLETED only shows). */
_Static_assert(VT_INBOX_UNREAD == UI_ROW_UNREAD &&
    VT_INBOX_URGENT == UI_ROW_URGENT && VT_INBOX_OVERDUE == UI_ROW_OVERDUE &&
    VT_INBOX_MINE == UI_ROW_MINE && VT_INBOX_DONE == UI_ROW_DONE &&
    VT_INBOX_DUE == UI_ROW_DUE && VT_INBOX_ARRIVED == UI_ROW_ARRIVED,
    "the inbox's marks are the rows' flags");

unsigned
ui_rows_flags(const struct ui_rows *r, int i)
{
	if (r->inbox != NULL)
		return r->flags[i] & ~(unsigned)VT_INBOX_COMPLETED;
	return r->v[i].flags;
}

/* Forget the built row I (its flags changed). */
static void
ui_rows_forget(struct ui_rows *r, int i)
{
	if (r->slots != NULL && r->slots[i % UI_DOC_SLOTS].row == i)
		r->slots[i % UI_DOC_SLOTS].row = -1;
}

void
ui_rows_clear(struct ui_rows *r, int i, unsigned f)
{
	if (r->inbox != NULL) {
		r->flags[i] &= (unsigned char)~f;
		ui_rows_forget(r, i);
	} else
		r->v[i].flags &= ~f;
}

const char *
ui_rows_id(const struct ui_rows *r, int i)
{
	if (r->inbox != NULL)
		return vt_inbox_id(r->inbox, r->order[i]);
	return r->v[i].id;
}

const char *
ui_rows_key(struct ui_rows *r, int i, size_t *len)
{
	struct ui_row	*row;

	if (r->inbox != NULL)
		return vt_inbox_key(r->inbox, r->order[i], len);
	row = &r->v[i];
	if (row->key == NULL)
		row->key = vt_text_fold(row->search != NULL ? row->search :
		    "", row->search != NULL ? strlen(row->search) : 0, NULL);
	*len = strlen(row->key);
	return row->key;
}

static struct ui_doc_slot *ui_rows_build(struct ui_rows *r, int i);

const char *
ui_rows_cell(struct ui_rows *r, int i, int col)
{
	const char	*c;

	if (r->inbox != NULL)
		return col < 7 ? ui_rows_build(r, i)->cell[col] : "";
	c = col < UI_ROW_CELLS ? r->v[i].cell[col] : NULL;
	return c != NULL ? c : "";
}

const char *
ui_rows_search(struct ui_rows *r, int i)
{
	if (r->inbox != NULL)
		return ui_rows_build(r, i)->search;
	return r->v[i].search != NULL ? r->v[i].search : "";
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

/*
 * "2026-11-20" as "20/11/2026", or with TODAY (a narrow list's
 * "YYYY-MM-DD") as "20/11", and a date of another year than TODAY's as
 * its year alone ("2024"): without it, last year's deadline would read
 * as this year's.  "" for NULL.
 */
static void
ui_date(char *out, size_t len, const char *iso, const char *today)
{
	char	day[11];

	if (today != NULL && iso != NULL && vt_clock_local_date(iso, day) &&
	    memcmp(day, today, 4) != 0) {
		snprintf(out, len, "%.4s", day);
		return;
	}
	vt_clock_show(iso, today != NULL ? VT_CLOCK_DATE_SHORT :
	    VT_CLOCK_DATE, out, len);
}

/* One letter for the urgency: K khẩn, T thượng khẩn, H hỏa tốc. */
static char
ui_urgency_mark(int urgency)
{
	static const char	marks[] = " KTHH";

	return urgency >= 0 && urgency <= 4 ? marks[urgency] : '?';
}

/*
 * Build document row I into its slot: marks, arrival number,
 * number/notation, date, organ, subject, deadline, and the search text,
 * from its line in the cache (one block).  Dates as dd/mm on 80
 * columns, dd/mm/yyyy wider.
 */
static struct ui_doc_slot *
ui_rows_build(struct ui_rows *r, int i)
{
	struct ui_doc_slot	*sl;
	struct vt_doc		 d;
	struct vt_errbuf	 eb;
	unsigned		 f = r->flags[i];
	const char		*cells[7];
	char			 arr[24], issued[64], due[64], marks[5], *text;
	char			 letters[4];
	size_t			 len[8], total = 0;
	int			 k;

	if (r->slots == NULL) {
		r->slots = xcalloc(UI_DOC_SLOTS, sizeof *r->slots);
		for (k = 0; k < UI_DOC_SLOTS; k++)
			r->slots[k].row = -1;
	}
	sl = &r->slots[i % UI_DOC_SLOTS];
	if (sl->row == i)
		return sl;
	memset(&eb, 0, sizeof eb);
	if (vt_inbox_doc(r->inbox, r->order[i], &d, &eb) != VT_OK) {
		/* The file was changed in place: say so on the row. */
		memset(&d, 0, sizeof d);
		d.subject = (char *)_("(this row cannot be read again: the "
		    "next sync fetches the inbox again)");
	}
	/* N, the urgency's letter, then * and ! or + (the command
	   line's letters: vt_inbox_mark_letters). */
	vt_inbox_mark_letters(f, letters);
	marks[0] = letters[0];
	marks[1] = ui_urgency_mark((int)vt_inbox_urgency(r->inbox,
	    r->order[i]));
	marks[2] = letters[1];
	marks[3] = letters[2];
	marks[4] = '\0';
	if (d.arrival_number > 0)
		snprintf(arr, sizeof arr, "%ld", d.arrival_number);
	else
		arr[0] = '\0';
	ui_date(issued, sizeof issued, d.issued_date, r->wide ? NULL :
	    r->today);
	ui_date(due, sizeof due, d.due_date, r->wide ? NULL : r->today);
	cells[0] = marks;
	cells[1] = arr;
	cells[2] = d.number_notation != NULL ? d.number_notation : "";
	cells[3] = issued;
	cells[4] = d.organ.organ_name != NULL ? d.organ.organ_name : "";
	cells[5] = d.subject != NULL ? d.subject : "";
	cells[6] = due;
	text = d.id != NULL ? vt_doc_search_text(&d) : xstrdup("");
	for (k = 0; k < 7; k++)
		total += (len[k] = strlen(cells[k])) + 1;
	total += (len[7] = strlen(text)) + 1;
	free(sl->block);
	sl->block = xmalloc(total);
	for (total = 0, k = 0; k < 8; k++) {
		memcpy(sl->block + total, k < 7 ? cells[k] : text, len[k] + 1);
		if (k < 7)
			sl->cell[k] = sl->block + total;
		else
			sl->search = sl->block + total;
		total += len[k] + 1;
	}
	free(text);
	sl->row = i;
	return sl;
}

/*
 * The documents of the compact inbox IN as rows of R (which takes IN):
 * in the order of SORT (VT_SORT_DATE: the cache's, newest arrival
 * first), flagged on TODAY with "due within DUE_DAYS".
 */
static void
ui_doc_rows(struct ui_rows *r, struct vt_inbox *in, enum vt_doc_sort sort,
    const char *today, bool wide, int due_days)
{
	size_t	n = vt_inbox_count(in), i;

	ui_rows_free_docs(r);
	r->inbox = in;
	r->wide = wide;
	snprintf(r->today, sizeof r->today, "%s", today);
	r->n = (int)n;
	r->order = xreallocarray(NULL, n + 1, sizeof *r->order);
	r->flags = xreallocarray(NULL, n + 1, sizeof *r->flags);
	if (sort == VT_SORT_DATE)
		for (i = 0; i < n; i++)
			r->order[i] = (uint32_t)i;
	else
		vt_inbox_sort(in, sort, r->order);
	for (i = 0; i < n; i++)
		r->flags[i] = (unsigned char)vt_inbox_marks(in, r->order[i],
		    today, due_days);
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
	ui_date(buf, sizeof buf, d->due_date, wide ? NULL : today);
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
	if (view == UI_VIEW_INBOX) {
		struct vt_inbox	*in;

		/* The compact inbox: a few bytes per document, rows built
		   when shown. */
		if ((code = vt_inbox_open(app->cache, &in, &eb)) == VT_OK)
			ui_doc_rows(out, in, sort, app->today, wide, due_days);
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

bool
ui_data_reload(struct ui *ui, enum ui_view view, struct ui_rows *rows,
    enum vt_doc_sort sort, int due_days)
{
	struct ui_app	*app = ui_app(ui);
	struct ui_rows	 fresh;
	bool		 ok;

	if (view == UI_VIEW_INBOX && rows->inbox != NULL && app != NULL &&
	    vt_inbox_current(rows->inbox)) {
		/* The same file: sort and flag again, nothing read. */
		ui_doc_rows(rows, rows->inbox, sort, app->today,
		    ui->cols >= 110, due_days);
		return true;
	}
	ok = ui_data_load_opts(ui, view, &fresh, sort, due_days);
	ui_rows_free(rows);
	*rows = fresh;
	return ok;
}
