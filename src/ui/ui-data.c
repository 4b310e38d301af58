/*
 * vanthu: the rows of the list screens, made from the core's cache.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-data.h"
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
	{ N_("Arr."), 4, 0, UI_ALIGN_RIGHT },
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
	{ N_("State"), 12, 0, UI_ALIGN_LEFT },
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
	default:
		return _("Incoming documents");
	}
}
