/*
 * vanthu: the one scrolling-and-search engine of the interface
 * (ui-scroll.c), used by every list (ui-list.c) and pager (ui-pager.c):
 * the same movement keys and page step, the same search prompt, the same
 * matching (vt_text_search_new: word starts, diacritics and tone
 * placement ignored) and the same "match k of n" report.
 */
#ifndef VANTHU_UI_SCROLL_H
#define VANTHU_UI_SCROLL_H

#include <stdbool.h>

#include "ui-int.h"

struct vt_text_query;

/*
 * A window of HEIGHT lines over COUNT lines, the first shown TOP, the
 * cursor on CUR.  Without CURSOR (a pager read without a line cursor)
 * the keys scroll the text and CUR follows the window.
 */
struct ui_scroll {
	int	count, top, cur, height;
	bool	cursor;
};

/* Keep CUR inside the lines and on screen. */
void	ui_scroll_clamp(struct ui_scroll *s);

/*
 * Apply a movement FN (up, down, pages, first, last).  A page moves by
 * HEIGHT - 1 lines, one line of the last page staying in view.  Says on
 * the status line when nothing can move.  Returns false for another FN.
 */
bool	ui_scroll_move(struct ui *ui, struct ui_scroll *s, enum ui_fn fn);

/* Put line LINE under the cursor, a little below the top for context. */
void	ui_scroll_show(struct ui_scroll *s, int line);

/*
 * What a search looks through: COUNT items (list rows, text lines; asked
 * each time, as a list may fill while the prompt is open), TEXT of an
 * item (valid until the next call), the item at the cursor, GO to put an
 * item under the cursor.
 */
struct ui_finder {
	void		 *ctx;
	int		 (*count)(void *ctx);
	const char	*(*text)(void *ctx, int item);
	int		  current;
	void		 (*go)(void *ctx, int item);
};

/* The first item at or after FROM (wrapping) matching Q, or -1. */
int	ui_find(const struct ui_finder *f, const struct vt_text_query *q,
	    int from);

/*
 * The search prompt: asks for a query (starting from *LAST), moving to
 * the first match at each key, and keeps the query in *LAST (freed and
 * replaced).  Esc goes back where the search started.  Then the next
 * match (ui_find_next) says "match k of n".
 */
void	ui_find_prompt(struct ui *ui, struct ui_finder *f, char **last);
/* Go to the next match of *LAST (asks first when there is none). */
void	ui_find_next(struct ui *ui, struct ui_finder *f, char **last);

/*
 * As ui_put_fit, drawing the words matching Q (may be NULL) in the match
 * style over ATTR; when the first match lies beyond COLS the text is
 * scrolled left (an ellipsis in front) so that it shows.
 */
void	ui_put_fit_match(WINDOW *w, const char *s, int cols, int align,
	    const struct vt_text_query *q, attr_t attr);
/* The most ranges of a cell drawn in the match style. */
#define UI_MATCH_MAX	32
/*
 * The two halves of ui_put_fit_match: ui_match_ranges gives the
 * ranges of S (at most UI_MATCH_MAX, in R) that a cell COLS wide shows
 * in the match style (none for a NULL Q or a cell of 4 columns or
 * less), ui_put_fit_ranges draws S with the N ranges R so.
 */
struct vt_text_range;
size_t	ui_match_ranges(const char *s, int cols,
	    const struct vt_text_query *q, struct vt_text_range *r);
void	ui_put_fit_ranges(WINDOW *w, const char *s, int cols, int align,
	    const struct vt_text_range *r, size_t n, attr_t attr);

#endif
