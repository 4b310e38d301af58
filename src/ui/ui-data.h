/*
 * vanthu: rows the interface shows, made from the core's model objects
 * (documents, drafts, outbox actions) by ui-data.c.  The list screens
 * work on these ready-made, terminal-safe strings only, so drawing a
 * screen of a 10,000-row inbox formats nothing but the rows shown.
 */
#ifndef VANTHU_UI_DATA_H
#define VANTHU_UI_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/cache.h"
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
	char		*id;		/* draft or action id */
	unsigned	 flags;
	char		*cell[UI_ROW_CELLS];	/* per the view's columns */
	char		*search;	/* text searched with '/' */
	char		*key;		/* SEARCH folded (vt_text_fold), or
					   NULL until first needed */
};

/* A document row built to be shown (ui-data.c). */
struct ui_doc_slot;

/*
 * The rows of a list.  Drafts and actions are ready-made rows (V);
 * documents are the compact inbox (vanthu/cache.h) with only a sort
 * order and the flags per row, each row's cells built from the cache
 * file when it is drawn (kept for the next redraw in a few slots), so
 * that 100,000 documents take a few megabytes.  Use the ui_rows_*
 * functions rather than the fields.
 */
struct ui_rows {
	struct ui_row	*v;
	int		 n, cap;
	struct vt_inbox	*inbox;		/* documents, or NULL */
	uint32_t	*order;		/* row -> document */
	unsigned char	*flags;		/* row's VT_INBOX_* marks */
	struct ui_doc_slot *slots;
	bool		 wide;		/* dates as dd/mm/yyyy */
	char		 today[11];	/* of the marks; short dates' year */
};

void	ui_rows_init(struct ui_rows *r);
void	ui_rows_free(struct ui_rows *r);
/* Add a row; the strings are copied.  Returns the new row. */
struct ui_row	*ui_rows_add(struct ui_rows *r, const char *id, unsigned flags);
void	ui_row_set(struct ui_row *row, int cell, const char *text);
/* The ready-made row I of a list of drafts or actions; NULL for a
   document. */
struct ui_row	*ui_rows_row(struct ui_rows *r, int i);
/* The UI_ROW_* flags of row I. */
unsigned	 ui_rows_flags(const struct ui_rows *r, int i);
/* Clear the flags F of row I (opened: no longer unread). */
void		 ui_rows_clear(struct ui_rows *r, int i, unsigned f);
/* The id of row I (owned by R). */
const char	*ui_rows_id(const struct ui_rows *r, int i);
/* The text of cell COL of row I, valid until the next call on R. */
const char	*ui_rows_cell(struct ui_rows *r, int i, int col);
/* The folded search key of row I and its length (owned by R). */
const char	*ui_rows_key(struct ui_rows *r, int i, size_t *len);
/*
 * The search text of row I (for a document the text vt_doc_search_text
 * gives: arrival number, number/notation, organ, subject), valid until
 * the next call on R.
 */
const char	*ui_rows_search(struct ui_rows *r, int i);

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
/*
 * ui_data_reload: ROWS (initialised, maybe holding rows of any view)
 * replaced by ui_data_load_opts's; the documents already read are
 * kept, only sorted and flagged again, when the cache file was not
 * replaced since.
 */
bool	ui_data_reload(struct ui *ui, enum ui_view view, struct ui_rows *rows,
	    enum vt_doc_sort sort, int due_days);

#endif
