/*
 * vanthu: the one scrolling-and-search engine of the interface (see
 * ui-scroll.h).
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-scroll.h"

void
ui_scroll_clamp(struct ui_scroll *s)
{
	if (s->height < 1)
		s->height = 1;
	if (s->count <= 0) {
		s->cur = s->top = 0;
		return;
	}
	if (s->cur >= s->count)
		s->cur = s->count - 1;
	if (s->cur < 0)
		s->cur = 0;
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + s->height)
		s->top = s->cur - s->height + 1;
	if (s->top > s->count - s->height)
		s->top = s->count - s->height;
	if (s->top < 0)
		s->top = 0;
}

bool
ui_scroll_move(struct ui *ui, struct ui_scroll *s, enum ui_fn fn)
{
	int	oldcur = s->cur, oldtop = s->top;
	int	step = s->height > 1 ? s->height - 1 : 1;

	switch (fn) {
	case UI_FN_UP:
		if (s->cursor)
			s->cur--;
		else
			s->cur = --s->top;
		break;
	case UI_FN_DOWN:
		if (s->cursor)
			s->cur++;
		else if (s->top + s->height < s->count) {
			s->top++;
			s->cur = s->top + s->height - 1;
		}
		break;
	case UI_FN_PAGE_UP:
		s->top -= step;
		s->cur -= step;
		if (s->top < 0) {
			s->top = 0;
			if (!s->cursor)
				s->cur = 0;
		}
		break;
	case UI_FN_PAGE_DOWN:
		if (s->top + s->height >= s->count) {
			s->cur = s->count - 1;
			break;
		}
		s->top += step;
		s->cur += step;
		break;
	case UI_FN_FIRST:
		s->cur = s->top = 0;
		break;
	case UI_FN_LAST:
		s->cur = s->count - 1;
		break;
	default:
		return false;
	}
	if (s->top < 0)
		s->top = 0;
	ui_scroll_clamp(s);
	if (s->cur != oldcur || s->top != oldtop)
		ui->dirty_body = true;
	else if (s->count > 0 && (fn == UI_FN_UP || fn == UI_FN_PAGE_UP ||
	    fn == UI_FN_FIRST))
		ui_message(ui, _("Already at the first line"));
	else if (s->count > 0)
		ui_message(ui, _("Already at the last line"));
	return true;
}

void
ui_scroll_show(struct ui_scroll *s, int line)
{
	s->cur = line;
	s->top = line > 2 ? line - 2 : 0;
	ui_scroll_clamp(s);
}

int
ui_find(const struct ui_finder *f, const struct vt_text_query *q, int from)
{
	int	i, item, n = f->count(f->ctx);

	if (n <= 0 || vt_text_query_empty(q))
		return -1;
	for (i = 0; i < n; i++) {
		item = (from + i) % n;
		if (item < 0)
			item += n;
		if (vt_text_search_match(q, f->text(f->ctx, item)))
			return item;
	}
	return -1;
}

/* Say on the status line which match of how many the cursor is on. */
static void
ui_find_report(struct ui *ui, const struct ui_finder *f, const char *query,
    int at)
{
	struct vt_text_query	*q = vt_text_search_new(query);
	int			 i, k = 0, n = 0, count = f->count(f->ctx);

	for (i = 0; i < count && !vt_text_query_empty(q); i++) {
		if (vt_text_search_match(q, f->text(f->ctx, i))) {
			n++;
			if (i <= at)
				k = n;
		}
	}
	vt_text_query_free(q);
	if (n > 0)
		ui_message(ui, _("Match %d of %d (%s: next)"), k, n,
		    ui_key_name(ui_keys_key_for(ui->top != NULL ?
		    ui->top->ops->map : NULL, UI_FN_SEARCH_NEXT)));
}

struct ui_find_state {
	struct ui_finder	*f;
	int			 start, found;
};

static void
ui_find_changed(struct ui *ui, void *arg, const char *text)
{
	struct ui_find_state	*st = arg;
	struct vt_text_query	*q = vt_text_search_new(text);

	st->found = ui_find(st->f, q, st->start);
	vt_text_query_free(q);
	st->f->go(st->f->ctx, st->found >= 0 ? st->found : st->start);
	ui->dirty_body = true;
}

void
ui_find_prompt(struct ui *ui, struct ui_finder *f, char **last)
{
	struct ui_find_state	 st = { f, f->current, -1 };
	char			*q;

	q = ui_prompt(ui, _("Search: "), NULL, false, ui_find_changed, &st);
	ui->dirty_body = true;
	if (q == NULL) {
		f->go(f->ctx, st.start);
		return;
	}
	free(*last);
	*last = q;
	if (st.found < 0 && *q != '\0')
		ui_error(ui, _("Not found: %s"), q);
	else if (st.found >= 0)
		ui_find_report(ui, f, q, st.found);
}

void
ui_find_next(struct ui *ui, struct ui_finder *f, char **last)
{
	struct vt_text_query	*q;
	int			 at;

	if (*last == NULL || **last == '\0') {
		ui_find_prompt(ui, f, last);
		return;
	}
	q = vt_text_search_new(*last);
	at = ui_find(f, q, f->current + 1);
	vt_text_query_free(q);
	ui->dirty_body = true;
	if (at < 0) {
		ui_error(ui, _("Not found: %s"), *last);
		return;
	}
	f->go(f->ctx, at);
	ui_find_report(ui, f, *last, at);
}

/* vt_text_width_n through ui_next_cluster; the walk stops once the
   width passes LIMIT (then LIMIT + 1 or more is returned). */
static int
ui_width_n(const char *s, size_t len, int limit)
{
	size_t	off = 0;
	int	w, total = 0;

	while (off < len && total <= limit) {
		off = ui_next_cluster(s, len, off, &w);
		total += w;
	}
	return total;
}

/* Draw S's bytes [FROM, TO) in the match style over ATTR when HIT. */
static void
ui_put_run(WINDOW *w, const char *s, size_t from, size_t to, bool hit,
    attr_t attr)
{
	if (to <= from)
		return;
	wattrset(w, hit ? attr | ui_style(UI_ST_MATCH) : attr);
	ui_put_text(w, s + from, to - from);
}

size_t
ui_match_ranges(const char *s, int cols, const struct vt_text_query *q,
    struct vt_text_range *r)
{
	if (s == NULL || q == NULL || cols <= 4)
		return 0;
	return vt_text_query_ranges(q, s, strlen(s), r, UI_MATCH_MAX);
}

void
ui_put_fit_match(WINDOW *w, const char *s, int cols, int align,
    const struct vt_text_query *q, attr_t attr)
{
	struct vt_text_range	r[UI_MATCH_MAX];

	ui_put_fit_ranges(w, s, cols, align, r, ui_match_ranges(s, cols, q,
	    r), attr);
}

void
ui_put_fit_ranges(WINDOW *w, const char *s, int cols, int align,
    const struct vt_text_range *r, size_t n, attr_t attr)
{
	size_t	len, off = 0, next, i, best, run;
	int	width, wend, col = 0, cw, avail;
	bool	tail, hit, runhit = false;

	if (s == NULL)
		s = "";
	len = strlen(s);
	if (n == 0) {
		ui_put_fit(w, s, cols, align);
		return;
	}
	/* The match to bring into view: the longest, then the first
	 * ("Hoằng" rather than the "hoa" of "hoạch"). */
	for (i = 1, best = 0; i < n; i++) {
		if (r[i].end - r[i].start > r[best].end - r[best].start)
			best = i;
	}
	/* Only whether they pass COLS matters: the walks stop there. */
	width = ui_width_n(s, len, cols);
	wend = ui_width_n(s, r[best].end, cols);
	/*
	 * Scroll the cell so the whole first match shows (room for an
	 * ellipsis on both sides), with some of what comes before it.
	 */
	if (width > cols && wend > cols - 1) {
		int	wstart = ui_width_n(s, r[best].start, INT_MAX);
		int	spare, target, skipped = 0;

		/* The exact width to the match's end this time. */
		wend = ui_width_n(s, r[best].end, INT_MAX);
		spare = cols - 2 - (wend - wstart);
		/* The match a third of the spare room from the left. */
		target = wstart - (spare > 0 ? spare / 3 : 0);

		while (off < len && skipped < target) {
			off = ui_next_cluster(s, len, off, &cw);
			skipped += cw;
		}
		waddstr(w, "\xe2\x80\xa6");	/* … */
		col = 1;
	}
	avail = cols;
	tail = (off == 0 ? width : ui_width_n(s + off, len - off, avail -
	    col)) > avail - col;
	if (tail)
		avail--;
	/* Runs of clusters in or out of a match, one call each. */
	for (run = off; off < len; off = next) {
		next = ui_next_cluster(s, len, off, &cw);
		if (col + cw > avail)
			break;
		for (i = 0, hit = false; i < n; i++)
			hit |= off >= r[i].start && off < r[i].end;
		if (hit != runhit) {
			ui_put_run(w, s, run, off, runhit, attr);
			run = off;
			runhit = hit;
		}
		col += cw;
	}
	ui_put_run(w, s, run, off, runhit, attr);
	wattrset(w, attr);
	if (tail) {
		waddstr(w, "\xe2\x80\xa6");
		col++;
	}
	ui_put_spaces(w, cols - col);
}
