/*
 * vanthu: the rows of the list screens, made from the core's cache.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/cache.h"
#include "vanthu/actions.h"
#include "vanthu/draft-new.h"
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
		free(r->v[i].id);
		free(r->v[i].search);
		for (c = 0; c < UI_ROW_CELLS; c++)
			free(r->v[i].cell[c]);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

struct ui_row *
ui_rows_add(struct ui_rows *r, const char *id, unsigned flags)
{
	struct ui_row	*row;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	row = &r->v[r->n++];
	memset(row, 0, sizeof *row);
	row->id = xstrdup(id);
	row->flags = flags;
	return row;
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
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Arr."), 5, 0, UI_ALIGN_RIGHT },
	{ N_("Number"), 12, 0, UI_ALIGN_LEFT },
	{ N_("Date"), 5, 0, UI_ALIGN_LEFT },
	{ N_("From"), 14, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT },
};
static const struct ui_column ui_cols_inbox_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Arr."), 5, 0, UI_ALIGN_RIGHT },
	{ N_("Number"), 14, 0, UI_ALIGN_LEFT },
	{ N_("Date"), 10, 0, UI_ALIGN_LEFT },
	{ N_("From"), 22, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT },
};
/* Drafts: marks, notation, drafter, subject, state, deadline. */
static const struct ui_column ui_cols_drafts[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Number"), 12, 0, UI_ALIGN_LEFT },
	{ N_("Drafter"), 14, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("State"), 13, 0, UI_ALIGN_LEFT },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT },
};
static const struct ui_column ui_cols_drafts_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Number"), 14, 0, UI_ALIGN_LEFT },
	{ N_("Drafter"), 20, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("State"), 16, 0, UI_ALIGN_LEFT },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT },
};
/* My drafts: marks, notation, whose turn, subject, state, deadline. */
static const struct ui_column ui_cols_mine[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Number"), 12, 0, UI_ALIGN_LEFT },
	{ N_("Next"), 16, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("State"), 13, 0, UI_ALIGN_LEFT },
	{ N_("Due"), 5, 0, UI_ALIGN_LEFT },
};
static const struct ui_column ui_cols_mine_wide[] = {
	{ N_("Flag"), 4, 0, UI_ALIGN_LEFT },
	{ N_("Number"), 14, 0, UI_ALIGN_LEFT },
	{ N_("Next"), 20, 0, UI_ALIGN_LEFT },
	{ N_("Subject"), 0, 12, UI_ALIGN_LEFT },
	{ N_("State"), 16, 0, UI_ALIGN_LEFT },
	{ N_("Due"), 10, 0, UI_ALIGN_LEFT },
};
/* Outbox: state, action, document, created, reason of failure. */
static const struct ui_column ui_cols_outbox[] = {
	{ N_("State"), 10, 0, UI_ALIGN_LEFT },
	{ N_("Action"), 12, 0, UI_ALIGN_LEFT },
	{ N_("Document"), 10, 0, UI_ALIGN_LEFT },
	{ N_("Queued at"), 16, 0, UI_ALIGN_LEFT },
	{ N_("Reason"), 0, 10, UI_ALIGN_LEFT },
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
	if (iso == NULL || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-') {
		snprintf(out, len, "%s", iso != NULL ? iso : "");
		return;
	}
	if (shortform)
		snprintf(out, len, "%.2s/%.2s", iso + 8, iso + 5);
	else
		snprintf(out, len, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
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
    bool wide)
{
	struct ui_row	*r;
	unsigned	 f = 0;
	char		 buf[64], marks[5];
	char		*search;

	if (!d->read)
		f |= UI_ROW_UNREAD;
	if (d->urgency >= 1)
		f |= UI_ROW_URGENT;
	if (vt_doc_overdue(d, today))
		f |= UI_ROW_OVERDUE;
	if (d->mine)
		f |= UI_ROW_MINE;
	if (strcmp(d->status, "06") == 0 || strcmp(d->status, "02") == 0)
		f |= UI_ROW_DONE;
	if (strcmp(d->status, "01") == 0)
		f |= UI_ROW_ARRIVED;
	r = ui_rows_add(rows, d->id, f);
	marks[0] = (f & UI_ROW_UNREAD) ? 'N' : ' ';
	marks[1] = ui_urgency_mark(d->urgency);
	marks[2] = (f & UI_ROW_MINE) ? '*' : ' ';
	marks[3] = (f & UI_ROW_OVERDUE) ? '!' :
	    strcmp(d->status, "06") == 0 ? '+' : ' ';
	marks[4] = '\0';
	ui_row_set(r, 0, marks);
	if (d->arrival_number > 0)
		snprintf(buf, sizeof buf, "%ld", d->arrival_number);
	else
		buf[0] = '\0';
	ui_row_set(r, 1, buf);
	ui_row_set(r, 2, d->number_notation);
	ui_date(buf, sizeof buf, d->issued_date, !wide);
	ui_row_set(r, 3, buf);
	ui_row_set(r, 4, d->organ.organ_name);
	ui_row_set(r, 5, d->subject);
	ui_date(buf, sizeof buf, d->due_date, !wide);
	ui_row_set(r, 6, buf);
	search = xasprintf("%s %s %s %s", r->cell[1], d->number_notation,
	    d->organ.organ_name, d->subject);
	r->search = search;
}

/* The translated name of a draft state. */
const char *
ui_draft_state_name(const char *state)
{
	if (strcmp(state, "in_review") == 0)
		return _("in review");
	if (strcmp(state, "awaiting_signer") == 0)
		return _("to the signer");
	if (strcmp(state, "approved") == 0)
		return _("approved");
	if (strcmp(state, "signed") == 0)
		return _("signed");
	if (strcmp(state, "issued") == 0)
		return _("issued");
	if (strcmp(state, "returned") == 0)
		return _("returned");
	return state;
}

/* Which view a draft belongs to, if any. */
static bool
ui_draft_in_view(const struct vt_draft *d, enum ui_view view)
{
	bool	sign_turn;

	if (!d->awaiting_me)
		return false;
	sign_turn = ((d->my_roles & VT_ROLE_SIGNER) &&
	    (strcmp(d->state, "awaiting_signer") == 0 ||
	    strcmp(d->state, "approved") == 0)) ||
	    ((d->my_roles & VT_ROLE_CLERK) && strcmp(d->state, "signed") == 0);
	if (view == UI_VIEW_SIGN)
		return sign_turn;
	return !sign_turn;
}

static void
ui_draft_row(struct ui_rows *rows, const struct vt_draft *d, const char *today,
    bool wide, bool mine)
{
	struct ui_row	*r;
	unsigned	 f = 0;
	char		 buf[64], marks[5];

	if (d->urgency >= 1)
		f |= UI_ROW_URGENT;
	if (d->due_date != NULL && strcmp(d->due_date, today) < 0)
		f |= UI_ROW_OVERDUE;
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
	ui_row_set(r, 0, a->damaged ? _("damaged") : a->failed ?
	    _("refused") : _("waiting"));
	ui_row_set(r, 1, ui_action_kind_name(a->kind));
	ui_row_set(r, 2, a->target);
	/* "2026-11-29T08:00:00+07:00" as "29/11 08:00:00". */
	if (a->created_at != NULL && strlen(a->created_at) >= 19)
		snprintf(when, sizeof when, "%.2s/%.2s %.8s",
		    a->created_at + 8, a->created_at + 5, a->created_at + 11);
	else
		snprintf(when, sizeof when, "%s", a->created_at ?
		    a->created_at : "");
	ui_row_set(r, 3, when);
	ui_row_set(r, 4, a->damaged ? a->problem : a->reason != NULL ?
	    a->reason : a->summary);
	r->search = xasprintf("%s %s %s", a->kind, a->target,
	    a->summary != NULL ? a->summary : "");
}

bool
ui_data_load(struct ui *ui, enum ui_view view, struct ui_rows *out)
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
		struct vt_doc_list	l;

		memset(&l, 0, sizeof l);
		code = vt_cache_inbox_load(app->cache, &l, NULL, &eb);
		for (i = 0; code == VT_OK && i < l.n; i++)
			ui_doc_row(out, &l.items[i], app->today, wide);
		vt_doc_list_clear(&l);
	} else if (view == UI_VIEW_OUTBOX) {
		struct vt_action	*a = NULL;
		size_t			 n = 0;

		code = app->outbox == NULL ? VT_OK :
		    vt_outbox_list(app->outbox, &a, &n, &eb);
		for (i = 0; code == VT_OK && i < n; i++)
			ui_action_row(out, &a[i]);
		vt_action_list_free(a, n);
	} else {
		struct vt_draft_list	l;

		memset(&l, 0, sizeof l);
		code = vt_cache_drafts_load(app->cache, &l, NULL, &eb);
		for (i = 0; code == VT_OK && i < l.n; i++) {
			if (view == UI_VIEW_MINE ? (l.items[i].my_roles &
			    VT_ROLE_DRAFTER) != 0 :
			    ui_draft_in_view(&l.items[i], view))
				ui_draft_row(out, &l.items[i], app->today,
				    wide, view == UI_VIEW_MINE);
		}
		vt_draft_list_clear(&l);
	}
	if (code != VT_OK && code != VT_ERR_NOT_FOUND) {
		ui_app_error(ui, &eb);
		return false;
	}
	return true;
}
