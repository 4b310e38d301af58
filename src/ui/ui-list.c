/*
 * vanthu: the list widget: rows of aligned columns (by display width,
 * through the text core), a selected row, paging and incremental,
 * diacritic-insensitive search.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

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
	free(l->search);
	l->search = NULL;
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

/* Widths of the columns for WIDTH screen columns (one space between). */
static void
ui_list_widths(const struct ui_list *l, int width, int *w)
{
	int	i, fixed = 0, flex = -1;

	for (i = 0; i < l->ncolumns; i++) {
		w[i] = l->columns[i].width;
		if (w[i] == 0)
			flex = i;
		fixed += w[i] + (i > 0);
	}
	if (flex >= 0) {
		w[flex] = width - fixed;
		/* Too narrow: shrink the flexible column to its minimum and
		 * then drop columns from the right. */
		if (w[flex] < l->columns[flex].min)
			w[flex] = l->columns[flex].min;
	}
	fixed = 0;
	for (i = 0; i < l->ncolumns; i++) {
		if (fixed + (i > 0) + w[i] > width)
			w[i] = width - fixed - (i > 0);
		if (w[i] < 0)
			w[i] = 0;
		fixed += w[i] + (i > 0);
	}
}

static void
ui_list_draw_row(struct ui_list *l, WINDOW *w, int y, int row,
    const int *widths)
{
	attr_t	a = l->row_attr != NULL ? l->row_attr(l->ctx, row) : A_NORMAL;
	int	i;

	if (row == l->sel)
		a |= ui_style(UI_ST_SELECTED);
	wmove(w, y, 0);
	wattrset(w, a);
	for (i = 0; i < l->ncolumns; i++) {
		if (widths[i] <= 0)
			continue;
		if (i > 0)
			waddch(w, ' ');
		ui_put_fit(w, l->cell(l->ctx, row, i), widths[i],
		    l->columns[i].align);
	}
	ui_fill_eol(w);
	wattrset(w, A_NORMAL);
}

void
ui_list_draw(struct ui_list *l, WINDOW *w)
{
	int	 widths[16], y, maxy = getmaxy(w), i;
	/* One column stays free on the right: curses cannot write the
	 * last cell of a window's last line without an error. */
	int	 maxx = getmaxx(w) - 1;

	/* The first line holds the column titles. */
	l->height = maxy - 1;
	ui_list_clamp(l);
	ui_list_widths(l, maxx, widths);
	wmove(w, 0, 0);
	wattrset(w, ui_style(UI_ST_HEADER));
	for (i = 0; i < l->ncolumns; i++) {
		if (widths[i] <= 0)
			continue;
		if (i > 0)
			waddch(w, ' ');
		ui_put_fit(w, _(l->columns[i].title), widths[i],
		    l->columns[i].align);
	}
	ui_fill_eol(w);
	wattrset(w, A_NORMAL);
	for (y = 1; y < maxy; y++) {
		int	row = l->top + y - 1;

		if (row < l->count) {
			ui_list_draw_row(l, w, y, row, widths);
			continue;
		}
		wmove(w, y, 0);
		if (l->count == 0 && y == 2 && l->empty != NULL) {
			waddstr(w, "  ");
			ui_put_cut(w, l->empty, maxx - 2);
		}
		wclrtoeol(w);
	}
}

/* Select the first row at or after FROM (wrapping) matching QUERY. */
bool
ui_list_find(struct ui_list *l, const char *query, int from)
{
	struct vt_text_query	*q;
	int			 i, row;
	bool			 found = false;

	if (l->count <= 0 || l->row_text == NULL)
		return false;
	q = vt_text_query_new_flags(query, VT_QUERY_WORD_START);
	if (vt_text_query_empty(q)) {
		vt_text_query_free(q);
		return false;
	}
	for (i = 0; i < l->count; i++) {
		const char	*t;

		row = (from + i) % l->count;
		if (row < 0)
			row += l->count;
		t = l->row_text(l->ctx, row);
		if (t != NULL && vt_text_query_match(q, t, strlen(t), NULL,
		    NULL)) {
			l->sel = row;
			ui_list_clamp(l);
			found = true;
			break;
		}
	}
	vt_text_query_free(q);
	return found;
}

/* Say on the status line which match of how many the selection is. */
static void
ui_list_report(struct ui *ui, const struct ui_list *l, const char *query)
{
	struct vt_text_query	*q;
	int			 row, k = 0, n = 0;

	if (l->count <= 0 || l->row_text == NULL)
		return;
	q = vt_text_query_new_flags(query, VT_QUERY_WORD_START);
	for (row = 0; row < l->count && !vt_text_query_empty(q); row++) {
		const char	*t = l->row_text(l->ctx, row);

		if (t != NULL && vt_text_query_match(q, t, strlen(t), NULL,
		    NULL)) {
			n++;
			if (row <= l->sel)
				k = n;
		}
	}
	vt_text_query_free(q);
	if (n > 0)
		ui_message(ui, _("Match %d of %d (%s: next)"), k, n,
		    ui_key_name(ui_keys_key_for(ui->top != NULL ?
		    ui->top->ops->map : NULL, UI_FN_SEARCH_NEXT)));
}

struct ui_list_search {
	struct ui_list	*list;
	int		 start_sel, start_top;
	bool		 found;
};

static void
ui_list_search_changed(struct ui *ui, void *arg, const char *text)
{
	struct ui_list_search	*s = arg;

	s->list->sel = s->start_sel;
	s->list->top = s->start_top;
	s->found = ui_list_find(s->list, text, s->start_sel < 0 ? 0 :
	    s->start_sel);
	ui->dirty_body = true;
}

static void
ui_list_search(struct ui *ui, struct ui_list *l)
{
	struct ui_list_search	 s = { l, l->sel, l->top, false };
	char			*q;

	q = ui_prompt(ui, _("Search: "), NULL, false, ui_list_search_changed,
	    &s);
	if (q == NULL) {
		l->sel = s.start_sel;
		l->top = s.start_top;
		ui->dirty_body = true;
		return;
	}
	free(l->search);
	l->search = q;
	ui->dirty_body = true;
	if (!s.found && *q != '\0')
		ui_error(ui, _("Not found: %s"), q);
	else if (s.found)
		ui_list_report(ui, l, q);
}

bool
ui_list_action(struct ui *ui, struct ui_list *l, enum ui_fn fn)
{
	int	old = l->sel, oldtop = l->top;

	switch (fn) {
	case UI_FN_UP:
		l->sel--;
		break;
	case UI_FN_DOWN:
		l->sel++;
		break;
	case UI_FN_PAGE_UP:
		l->sel -= l->height;
		l->top -= l->height;
		break;
	case UI_FN_PAGE_DOWN:
		l->sel += l->height;
		l->top += l->height;
		break;
	case UI_FN_FIRST:
		l->sel = 0;
		break;
	case UI_FN_LAST:
		l->sel = l->count - 1;
		break;
	case UI_FN_SEARCH:
		ui_list_search(ui, l);
		return true;
	case UI_FN_SEARCH_NEXT:
		if (l->search == NULL) {
			ui_list_search(ui, l);
			return true;
		}
		if (!ui_list_find(l, l->search, l->sel + 1))
			ui_error(ui, _("Not found: %s"), l->search);
		else
			ui_list_report(ui, l, l->search);
		ui->dirty_body = true;
		return true;
	default:
		return false;
	}
	if (l->top < 0)
		l->top = 0;
	if (l->sel < 0)
		l->sel = 0;
	ui_list_clamp(l);
	if (l->sel != old || l->top != oldtop)
		ui->dirty_body = true;
	else if (l->count > 0 && (fn == UI_FN_UP || fn == UI_FN_PAGE_UP))
		ui_message(ui, _("Already at the first line"));
	else if (l->count > 0)
		ui_message(ui, _("Already at the last line"));
	return true;
}
