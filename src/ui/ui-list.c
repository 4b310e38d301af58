/*
 * vanthu: the list widget: rows of aligned columns (by display width,
 * through the text core, giving up width in a fixed priority), a
 * selected row; movement and search through the one engine of
 * ui-scroll.c, or narrowing to matching rows (mutt's limit) when the
 * screen provides it, the matched words highlighted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-scroll.h"

/* The slow-link display (ui_list_slow_link); the curses thread only. */
static bool	ui_list_arrow;

/*
 * What a list keeping its lines (ui_list_keep_drawn) last drew on each
 * line of its window: the line's description (its row's attributes,
 * and each cell's width, alignment, text and matched ranges), made
 * before drawing; a line described as it was is not drawn again.
 */
struct ui_list_drawn {
	WINDOW		*w;		/* the window drawn in, at its size */
	int		 lines, cols;
	unsigned	 epoch;		/* of ui_list_epoch */
	bool		 arrow;
	struct vt_buf	*line;		/* LINES descriptions */
	struct vt_buf	 now;		/* the line being described */
};

/* Bumped when every window may have been drawn over (ui_dirty_all). */
static unsigned	ui_list_epoch;

void
ui_list_redraw_all(void)
{
	ui_list_epoch++;
}

void
ui_list_keep_drawn(struct ui_list *l)
{
	if (l->drawn == NULL)
		l->drawn = xcalloc(1, sizeof *l->drawn);
}

/* Forget what D shows (every line is drawn next time). */
static void
ui_list_drawn_reset(struct ui_list_drawn *d)
{
	int	y;

	for (y = 0; y < d->lines; y++)
		vt_buf_free(&d->line[y]);
	free(d->line);
	d->line = NULL;
	d->lines = 0;
	d->w = NULL;
}

/* D for window W now: forgotten when W, its size or the display
   changed, or something else may have drawn in it. */
static void
ui_list_drawn_check(struct ui_list_drawn *d, WINDOW *w)
{
	if (d->w == w && d->lines == getmaxy(w) && d->cols == getmaxx(w) &&
	    d->epoch == ui_list_epoch && d->arrow == ui_list_arrow)
		return;
	ui_list_drawn_reset(d);
	d->w = w;
	d->lines = getmaxy(w);
	d->cols = getmaxx(w);
	d->epoch = ui_list_epoch;
	d->arrow = ui_list_arrow;
	d->line = xcalloc((size_t)d->lines + 1, sizeof *d->line);
}

/* Whether line Y of D is described as D->now (then nothing to draw);
   else D->now becomes its description. */
static bool
ui_list_drawn_same(struct ui_list_drawn *d, int y)
{
	struct vt_buf	t;

	if (y < 0 || y >= d->lines)
		return false;
	if (d->line[y].data != NULL && d->line[y].len == d->now.len &&
	    memcmp(d->line[y].data, d->now.data, d->now.len) == 0)
		return true;
	t = d->line[y];
	d->line[y] = d->now;
	d->now = t;
	return false;
}

void
ui_list_slow_link(bool on)
{
	ui_list_arrow = on;
}

bool
ui_list_is_slow_link(void)
{
	return ui_list_arrow;
}

void
ui_list_init(struct ui_list *l)
{
	memset(l, 0, sizeof *l);
	l->sel = -1;
	l->height = 1;
}

void
ui_list_free(struct ui_list *l)
{
	if (l->drawn != NULL) {
		ui_list_drawn_reset(l->drawn);
		vt_buf_free(&l->drawn->now);
		free(l->drawn);
		l->drawn = NULL;
	}
	free(l->search);
	l->search = NULL;
	vt_text_query_free(l->match);
	l->match = NULL;
}

/* Keep the selection inside the rows and on screen. */
static void
ui_list_clamp(struct ui_list *l)
{
	if (l->count <= 0) {
		l->sel = -1;
		l->top = 0;
		return;
	}
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->height < 1)
		l->height = 1;
	/* Slow link: off screen, the selection comes back to the middle
	   (half a screen per scroll, half as many scrolls). */
	if (ui_list_arrow && (l->sel < l->top ||
	    l->sel >= l->top + l->height))
		l->top = l->sel - l->height / 2;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + l->height)
		l->top = l->sel - l->height + 1;
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_set_count(struct ui_list *l, int count)
{
	l->count = count;
	ui_list_clamp(l);
}

/* Columns used by widths W (one space between shown columns). */
static int
ui_list_used(const struct ui_list *l, const int *w, int flexmin, int flex)
{
	int	i, used = 0, shown = 0;

	for (i = 0; i < l->ncolumns; i++) {
		int	cw = i == flex ? flexmin : w[i];

		if (cw <= 0)
			continue;
		used += cw + (shown++ > 0);
	}
	return used;
}

/*
 * Widths of the columns for WIDTH screen columns.  When they do not fit,
 * columns give up width in the order of their GIVE priority (1 first:
 * down to their minimum, then hidden), so the flexible column keeps its
 * minimum and a column without priority (the deadline) stays whole;
 * only then are columns cut from the right.
 */
static void
ui_list_widths(const struct ui_list *l, int width, int *w)
{
	int	i, fixed, flex = -1, flexmin = 0, best;

	for (i = 0; i < l->ncolumns; i++) {
		w[i] = l->columns[i].width;
		if (w[i] == 0) {
			flex = i;
			flexmin = l->columns[i].min;
		}
	}
	while (ui_list_used(l, w, flexmin, flex) > width) {
		best = -1;
		for (i = 0; i < l->ncolumns; i++) {
			if (i == flex || w[i] <= 0 || l->columns[i].give <= 0)
				continue;
			if (best < 0 || l->columns[i].give <
			    l->columns[best].give)
				best = i;
		}
		if (best < 0)
			break;
		if (l->columns[best].min > 0 && w[best] > l->columns[best].min)
			w[best] = l->columns[best].min;
		else
			w[best] = 0;
	}
	if (flex >= 0) {
		w[flex] = 0;
		w[flex] = width - ui_list_used(l, w, 0, -1) - 1;
		if (w[flex] < flexmin)
			w[flex] = flexmin;
	}
	fixed = 0;
	for (i = 0; i < l->ncolumns; i++) {
		if (w[i] <= 0) {
			w[i] = 0;
			continue;
		}
		if (fixed + (fixed > 0) + w[i] > width)
			w[i] = width - fixed - (fixed > 0);
		if (w[i] < 0)
			w[i] = 0;
		fixed += w[i] + (fixed > 0);
	}
}

int
ui_list_column_width(const struct ui_list *l, int width, int col)
{
	int	w[UI_LIST_COLUMNS];

	if (col < 0 || col >= l->ncolumns || l->ncolumns > UI_LIST_COLUMNS)
		return 0;
	/* As ui_list_draw: the last column free, and the arrow's two in
	   the slow-link display. */
	ui_list_widths(l, width - 1 - (ui_list_arrow ? 2 : 0), w);
	return w[col];
}

/* The attributes of ROW, the selection's bar included. */
static attr_t
ui_list_row_attr(const struct ui_list *l, int row)
{
	attr_t	a = l->row_attr != NULL ? l->row_attr(l->ctx, row) : A_NORMAL;

	if (!ui_list_arrow && row == l->sel)
		a |= ui_style(UI_ST_SELECTED);
	return a;
}

/* Draw ROW on line Y; the cells are TEXT (NULL: asked of the list now)
   with the ranges R (N) matched. */
static void
ui_list_put_row(struct ui_list *l, WINDOW *w, int y, int row,
    const int *widths, attr_t a, const char *const *text,
    struct vt_text_range (*r)[UI_MATCH_MAX], const size_t *n)
{
	int	i, shown = 0;

	wmove(w, y, 0);
	if (ui_list_arrow) {
		/* The arrow in two columns of its own, no bar. */
		wattrset(w, A_NORMAL);
		waddstr(w, row == l->sel ? "->" : "  ");
	}
	wattrset(w, a);
	for (i = 0; i < l->ncolumns; i++) {
		if (widths[i] <= 0)
			continue;
		if (shown++ > 0)
			waddch(w, ' ');
		if (text == NULL)
			ui_put_fit_match(w, l->cell(l->ctx, row, i), widths[i],
			    l->columns[i].align, l->match, a);
		else
			ui_put_fit_ranges(w, text[i], widths[i],
			    l->columns[i].align, r[i], n[i], a);
	}
	ui_fill_eol(w);
	wattrset(w, A_NORMAL);
}

static void
ui_list_draw_row(struct ui_list *l, WINDOW *w, int y, int row,
    const int *widths)
{
	struct ui_list_drawn	*d = l->drawn;
	struct vt_text_range	 r[UI_LIST_COLUMNS][UI_MATCH_MAX];
	const char		*text[UI_LIST_COLUMNS];
	size_t			 n[UI_LIST_COLUMNS], at[UI_LIST_COLUMNS];
	attr_t			 a = ui_list_row_attr(l, row);
	int			 i;
	char			 sel = row == l->sel;

	if (d == NULL || l->ncolumns > UI_LIST_COLUMNS) {
		ui_list_put_row(l, w, y, row, widths, a, NULL, NULL, NULL);
		return;
	}
	/* Describe the line; draw it only when that changed. */
	vt_buf_reset(&d->now);
	vt_buf_putc(&d->now, 'R');
	vt_buf_add(&d->now, &a, sizeof a);
	vt_buf_add(&d->now, &sel, 1);
	for (i = 0; i < l->ncolumns; i++) {
		const char	*c;

		n[i] = 0;
		if (widths[i] <= 0)
			continue;
		c = l->cell(l->ctx, row, i);
		if (c == NULL)
			c = "";
		n[i] = ui_match_ranges(c, widths[i], l->match, r[i]);
		vt_buf_add(&d->now, &widths[i], sizeof widths[i]);
		vt_buf_add(&d->now, &l->columns[i].align,
		    sizeof l->columns[i].align);
		vt_buf_add(&d->now, &n[i], sizeof n[i]);
		vt_buf_add(&d->now, r[i], n[i] * sizeof r[i][0]);
		at[i] = d->now.len;
		vt_buf_add(&d->now, c, strlen(c) + 1);
	}
	if (ui_list_drawn_same(d, y))
		return;
	/* The texts are in the line's description, now D->line[Y]. */
	for (i = 0; i < l->ncolumns; i++)
		text[i] = widths[i] > 0 ? d->line[y].data + at[i] : NULL;
	ui_list_put_row(l, w, y, row, widths, a, text, r, n);
}

/* Whether line Y, described by the text after TAG (NULL: nothing), is
   drawn as it is described now (a list keeping its lines). */
static bool
ui_list_line_same(struct ui_list *l, int y, char tag, const char *text,
    const int *widths)
{
	struct ui_list_drawn	*d = l->drawn;

	if (d == NULL)
		return false;
	vt_buf_reset(&d->now);
	vt_buf_putc(&d->now, tag);
	if (widths != NULL)
		vt_buf_add(&d->now, widths, (size_t)l->ncolumns *
		    sizeof *widths);
	if (text != NULL)
		vt_buf_add(&d->now, text, strlen(text) + 1);
	return ui_list_drawn_same(d, y);
}

void
ui_list_draw(struct ui_list *l, WINDOW *w)
{
	int	 widths[UI_LIST_COLUMNS], y, maxy = getmaxy(w), i, shown = 0;
	/* One column stays free on the right: curses cannot write the
	 * last cell of a window's last line without an error. */
	int	 maxx = getmaxx(w) - 1;
	char	 titles[512] = "";

	/* The first line holds the column titles. */
	l->height = maxy - 1;
	ui_list_clamp(l);
	if (ui_list_arrow)
		maxx -= 2;
	ui_list_widths(l, maxx, widths);
	if (l->drawn != NULL && l->ncolumns <= UI_LIST_COLUMNS)
		ui_list_drawn_check(l->drawn, w);
	for (i = 0; l->drawn != NULL && i < l->ncolumns; i++)
		snprintf(titles + strlen(titles), sizeof titles -
		    strlen(titles), "%s\t", _(l->columns[i].title));
	if (!ui_list_line_same(l, 0, 'H', titles, widths)) {
		wmove(w, 0, 0);
		wattrset(w, ui_style(UI_ST_HEADER));
		if (ui_list_arrow)
			waddstr(w, "  ");
		for (i = 0; i < l->ncolumns; i++) {
			if (widths[i] <= 0)
				continue;
			if (shown++ > 0)
				waddch(w, ' ');
			ui_put_fit(w, _(l->columns[i].title), widths[i],
			    l->columns[i].align);
		}
		ui_fill_eol(w);
		wattrset(w, A_NORMAL);
	}
	for (y = 1; y < maxy; y++) {
		int		 row = l->top + y - 1;
		const char	*empty = l->count == 0 && y == 2 ?
				    l->empty : NULL;

		if (row < l->count) {
			ui_list_draw_row(l, w, y, row, widths);
			continue;
		}
		if (ui_list_line_same(l, y, 'E', empty, NULL))
			continue;
		wmove(w, y, 0);
		if (empty != NULL) {
			waddstr(w, "  ");
			ui_put_cut(w, empty, maxx - 2);
		}
		wclrtoeol(w);
	}
}

/* The list as the search engine sees it. */
static const char *
ui_list_item_text(void *ctx, int item)
{
	struct ui_list	*l = ctx;
	const char	*t = l->row_text(l->ctx, item);

	return t != NULL ? t : "";
}

static void
ui_list_go(void *ctx, int item)
{
	struct ui_list	*l = ctx;

	l->sel = item;
	ui_list_clamp(l);
}

static int
ui_list_item_count(void *ctx)
{
	struct ui_list	*l = ctx;

	return l->row_text != NULL ? l->count : 0;
}

static void
ui_list_finder(struct ui_list *l, struct ui_finder *f)
{
	f->ctx = l;
	f->count = ui_list_item_count;
	f->text = ui_list_item_text;
	f->current = l->sel < 0 ? 0 : l->sel;
	f->go = ui_list_go;
}

bool
ui_list_find(struct ui_list *l, const char *query, int from)
{
	struct ui_finder	 f;
	struct vt_text_query	*q = vt_text_search_new(query);
	int			 at;

	ui_list_finder(l, &f);
	at = ui_find(&f, q, from);
	vt_text_query_free(q);
	if (at >= 0)
		ui_list_go(l, at);
	return at >= 0;
}

void
ui_list_set_match(struct ui_list *l, const char *query)
{
	vt_text_query_free(l->match);
	l->match = NULL;
	if (query != NULL && *query != '\0') {
		l->match = vt_text_search_new(query);
		if (vt_text_query_empty(l->match)) {
			vt_text_query_free(l->match);
			l->match = NULL;
		}
	}
}

struct ui_list_limit {
	struct ui_list	*l;
	char		*before;	/* the limit when the prompt opened */
};

static void
ui_list_limit_changed(struct ui *ui, void *arg, const char *text)
{
	struct ui_list_limit	*ll = arg;

	ui_list_set_match(ll->l, text);
	ll->l->limit(ll->l->ctx, text);
	ui->dirty_body = ui->dirty_title = true;
}

/* '/' on a list that narrows (mutt's limit): only matching rows stay. */
static void
ui_list_limit(struct ui *ui, struct ui_list *l)
{
	struct ui_list_limit	 ll = { l, l->search };
	char			*q;

	l->search = NULL;
	q = ui_prompt(ui, _("Search: "), NULL, false, ui_list_limit_changed,
	    &ll);
	if (q == NULL)		/* Esc: the list as it was */
		q = ll.before;
	else
		free(ll.before);
	if (q != NULL && *q == '\0') {
		free(q);
		q = NULL;
	}
	l->search = q;
	ui_list_set_match(l, q);
	l->limit(l->ctx, q != NULL ? q : "");
	ui->dirty_body = ui->dirty_title = true;
	if (q != NULL && l->count == 0) {
		/* Nothing: say so, and show every row again. */
		ui_error(ui, _("Not found: %s"), q);
		free(l->search);
		l->search = NULL;
		ui_list_set_match(l, NULL);
		l->limit(l->ctx, "");
	} else if (q != NULL)
		ui_message(ui, ngettext("%d row shows \"%s\" (%s again: "
		    "change or clear)", "%d rows show \"%s\" (%s again: "
		    "change or clear)", l->count), l->count, q,
		    ui_key_name(ui_keys_key_for(ui->top != NULL ?
		    ui->top->ops->map : NULL, UI_FN_SEARCH)));
}

bool
ui_list_action(struct ui *ui, struct ui_list *l, enum ui_fn fn)
{
	struct ui_scroll	s = { l->count, l->top, l->sel, l->height,
				      true };
	struct ui_finder	f;

	switch (fn) {
	case UI_FN_SEARCH:
		if (l->limit != NULL) {
			ui_list_limit(ui, l);
			return true;
		}
		ui_list_finder(l, &f);
		ui_find_prompt(ui, &f, &l->search);
		ui_list_set_match(l, l->search);
		return true;
	case UI_FN_SEARCH_NEXT:
		ui_list_finder(l, &f);
		if (l->limit != NULL && l->search != NULL) {
			/* Rows are already narrowed: go down them. */
			fn = UI_FN_DOWN;
			break;
		}
		ui_find_next(ui, &f, &l->search);
		ui_list_set_match(l, l->search);
		return true;
	default:
		break;
	}
	if (!ui_scroll_move(ui, &s, fn))
		return false;
	/* Slow link: a line move that scrolls brings the selection to the
	   middle, half a screen at once (ui_list_slow_link). */
	if (ui_list_arrow && (fn == UI_FN_UP || fn == UI_FN_DOWN) &&
	    s.top != l->top && s.height > 2)
		s.top = s.cur - s.height / 2;
	l->top = s.top;
	l->sel = l->count > 0 ? s.cur : -1;
	ui_list_clamp(l);
	return true;
}
