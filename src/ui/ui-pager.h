/*
 * vanthu: the pager widget (ui-pager.c): text lines with the page they
 * come from, wrapped to the window, a cursor line and search.
 */
#ifndef VANTHU_UI_PAGER_H
#define VANTHU_UI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "ui-int.h"

struct vt_text_query;

/* A line of text: PAGE is the 1-based page of the document, 0 outside. */
struct ui_pline {
	char	*text;
	int	 page;
	attr_t	 attr;
	int	 indent;	/* columns before its second and later rows */
};

/* A screen row: bytes OFF..OFF+LEN of text line LINE. */
struct ui_wrap {
	int	 line;
	size_t	 off, len;
};

struct ui_pager {
	struct ui_pline	*lines;
	int		 nlines, caplines;
	struct ui_wrap	*wrap;
	int		 nwrap, capwrap, wrap_width;
	int		 top, cur, height;
	bool		 show_cursor;
	char		*search;
	struct vt_text_query *match;	/* words highlighted, or NULL */
};

void	ui_pager_init(struct ui_pager *p);
/* Remove every line (keeps the last search). */
void	ui_pager_clear(struct ui_pager *p);
void	ui_pager_free(struct ui_pager *p);
/* Add one line (copied). */
void	ui_pager_add(struct ui_pager *p, const char *text, int page,
	    attr_t attr);
/* Add one line whose wrapped rows after the first start INDENT columns
   in (a "Label:   value" line keeps its value's column). */
void	ui_pager_add_hang(struct ui_pager *p, const char *text, int page,
	    attr_t attr, int indent);
/* Add TEXT split at '\n'. */
void	ui_pager_add_text(struct ui_pager *p, const char *text, int page,
	    attr_t attr);
void	ui_pager_draw(struct ui_pager *p, WINDOW *w);
bool	ui_pager_action(struct ui *ui, struct ui_pager *p, enum ui_fn fn);
/* Move to the first line at or after FROM_LINE matching QUERY. */
bool	ui_pager_find(struct ui_pager *p, const char *query, int from_line);
/* The text line under the cursor, or NULL. */
const struct ui_pline *ui_pager_cursor(const struct ui_pager *p);
/*
 * The line of the document's text an annotation at the cursor quotes:
 * the cursor's line, or on a page's rule line or an empty line the next
 * line with text on the same page.  NULL when there is no cursor.
 */
const struct ui_pline *ui_pager_cursor_text(const struct ui_pager *p);

#endif
