/*
 * vanthu: rows the interface shows, made from the core's model objects
 * (documents, drafts, outbox actions) by ui-data.c.  The list screens
 * work on these ready-made, terminal-safe strings only, so drawing a
 * screen of a 10,000-row inbox formats nothing but the rows shown.
 */
#ifndef VANTHU_UI_DATA_H
#define VANTHU_UI_DATA_H

#include <stdbool.h>

#include "vanthu/model.h"

struct ui;

enum ui_view {
	UI_VIEW_INBOX,		/* incoming documents */
	UI_VIEW_REVIEW,		/* drafts awaiting my review */
	UI_VIEW_SIGN,		/* drafts awaiting my signature */
	UI_VIEW_OUTBOX,		/* actions waiting to be sent */
	UI_VIEW_MINE,		/* drafts I wrote */
	UI_VIEW_LAST
};

#define UI_ROW_UNREAD	0x01
#define UI_ROW_URGENT	0x02
#define UI_ROW_OVERDUE	0x04
#define UI_ROW_MINE	0x08
#define UI_ROW_DONE	0x10
#define UI_ROW_FAILED	0x20
#define UI_ROW_DUE	0x40	/* due within the days asked */
#define UI_ROW_ARRIVED	0x80	/* awaiting registration (01) */

#define UI_ROW_CELLS	8

struct ui_row {
	char		*id;		/* document, draft or action id */
	unsigned	 flags;
	char		*cell[UI_ROW_CELLS];	/* per the view's columns */
	char		*search;	/* text searched with '/' */
	char		*key;		/* SEARCH folded (vt_text_fold), or
					   NULL until first needed */
	/* A document row is packed: its id, cells and key in this one
	   block (one allocation), SEARCH NULL (made from the cells when
	   asked, ui_row_search). */
	char		*block;
};

struct ui_rows {
	struct ui_row	*v;
	int		 n, cap;
};

void	ui_rows_init(struct ui_rows *r);
void	ui_rows_free(struct ui_rows *r);
/* Add a row; the strings are copied.  Returns the new row. */
struct ui_row	*ui_rows_add(struct ui_rows *r, const char *id, unsigned flags);
void	ui_row_set(struct ui_row *row, int cell, const char *text);
/* The row's folded search key, folded now if it was not yet. */
const char	*ui_row_key(struct ui_row *row);
/*
 * The row's search text: ROW->search, or for a packed document row the
 * text vt_doc_search_text gives, made from its cells (arrival number,
 * number/notation, organ, subject) into *BUF (the previous one freed;
 * the caller frees the last).
 */
const char	*ui_row_search(const struct ui_row *row, char **buf);

/* Columns of VIEW, and how many. */
const struct ui_column	*ui_view_columns(enum ui_view view, int cols,
			     int *n);
const char		*ui_view_name(enum ui_view view);

/*
 * Load the rows of VIEW from the cache (quick; main thread).  Returns
 * false with a message in the status line when the cache cannot be
 * read (the rows are then empty).
 */
bool	ui_data_load(struct ui *ui, enum ui_view view, struct ui_rows *out);
/*
 * The same, documents ordered by SORT (drafts only by deadline), and
 * rows due within DUE_DAYS days (-1: none) flagged UI_ROW_DUE.
 */
bool	ui_data_load_opts(struct ui *ui, enum ui_view view,
	    struct ui_rows *out, enum vt_doc_sort sort, int due_days);

#endif
