/*
 * vanthu: the pager: lines of text (a document's metadata, then its
 * pages), wrapped to the screen's width between grapheme clusters, with
 * a cursor line (what annotations anchor to), scrolling, page jumps and
 * incremental, diacritic-insensitive search.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-pager.h"

void
ui_pager_init(struct ui_pager *p)
{
	memset(p, 0, sizeof *p);
}

static void
ui_pager_free_wrap(struct ui_pager *p)
{
	free(p->wrap);
	p->wrap = NULL;
	p->nwrap = p->capwrap = 0;
	p->wrap_width = 0;
}

void
ui_pager_clear(struct ui_pager *p)
{
	int	i;

	for (i = 0; i < p->nlines; i++)
		free(p->lines[i].text);
	free(p->lines);
	p->lines = NULL;
	p->nlines = p->caplines = 0;
	ui_pager_free_wrap(p);
	/* top and cur stay: a refreshed view keeps its place. */
}

void
ui_pager_free(struct ui_pager *p)
{
	ui_pager_clear(p);
	free(p->search);
	p->search = NULL;
}

void
ui_pager_add(struct ui_pager *p, const char *text, int page, attr_t attr)
{
	struct ui_pline	*l;

	if (p->nlines == p->caplines) {
		p->caplines = p->caplines ? p->caplines * 2 : 64;
		p->lines = xreallocarray(p->lines, p->caplines,
		    sizeof *p->lines);
	}
	l = &p->lines[p->nlines++];
	l->text = xstrdup(text != NULL ? text : "");
	l->page = page;
	l->attr = attr;
	ui_pager_free_wrap(p);
}

void
ui_pager_add_text(struct ui_pager *p, const char *text, int page, attr_t attr)
{
	const char	*s = text, *nl;

	while (s != NULL) {
		char	*line;

		nl = strchr(s, '\n');
		line = nl != NULL ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		/* A trailing newline does not make an empty last line. */
		if (nl != NULL || *line != '\0')
			ui_pager_add(p, line, page, attr);
		free(line);
		s = nl != NULL ? nl + 1 : NULL;
	}
}

static void
ui_pager_push_wrap(struct ui_pager *p, int line, size_t off, size_t len)
{
	if (p->nwrap == p->capwrap) {
		p->capwrap = p->capwrap ? p->capwrap * 2 : 128;
		p->wrap = xreallocarray(p->wrap, p->capwrap, sizeof *p->wrap);
	}
	p->wrap[p->nwrap].line = line;
	p->wrap[p->nwrap].off = off;
	p->wrap[p->nwrap].len = len;
	p->nwrap++;
}

/* Cut line L into screen rows of at most WIDTH columns, at spaces when
 * one is near, else between grapheme clusters. */
static void
ui_pager_wrap_line(struct ui_pager *p, int l, int width)
{
	const char	*s = p->lines[l].text;
	size_t		 len = strlen(s), start = 0;

	if (len == 0) {
		ui_pager_push_wrap(p, l, 0, 0);
		return;
	}
	while (start < len) {
		size_t	off = start, lastsp = 0, next;
		int	cols = 0, w;

		while (off < len) {
			next = vt_text_next_cluster(s, len, off, &w);
			if (cols + w > width)
				break;
			cols += w;
			if (s[off] == ' ')
				lastsp = next;
			off = next;
		}
		if (off < len && lastsp > start && lastsp - start > 0 &&
		    (off - lastsp) < (size_t)width / 3 * 4)
			off = lastsp;
		if (off == start)	/* a cluster wider than the screen */
			off = vt_text_next_cluster(s, len, off, NULL);
		ui_pager_push_wrap(p, l, start, off - start);
		start = off;
	}
}

static void
ui_pager_wrap(struct ui_pager *p, int width)
{
	int	i, curline = -1;

	if (p->wrap != NULL && p->wrap_width == width)
		return;
	/* Keep the cursor on the same text line across a re-wrap. */
	if (p->wrap != NULL && p->cur < p->nwrap)
		curline = p->wrap[p->cur].line;
	ui_pager_free_wrap(p);
	for (i = 0; i < p->nlines; i++)
		ui_pager_wrap_line(p, i, width < 10 ? 10 : width);
	p->wrap_width = width;
	if (curline >= 0) {
		for (i = 0; i < p->nwrap; i++) {
			if (p->wrap[i].line == curline) {
				p->cur = i;
				break;
			}
		}
	}
	if (p->cur >= p->nwrap)
		p->cur = p->nwrap > 0 ? p->nwrap - 1 : 0;
}

static void
ui_pager_clamp(struct ui_pager *p)
{
	if (p->cur >= p->nwrap)
		p->cur = p->nwrap - 1;
	if (p->cur < 0)
		p->cur = 0;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + p->height)
		p->top = p->cur - p->height + 1;
	if (p->top > p->nwrap - p->height)
		p->top = p->nwrap - p->height;
	if (p->top < 0)
		p->top = 0;
}

void
ui_pager_draw(struct ui_pager *p, WINDOW *w)
{
	int	y, maxy = getmaxy(w), maxx = getmaxx(w);

	ui_pager_wrap(p, maxx - 1);
	p->height = maxy;
	ui_pager_clamp(p);
	for (y = 0; y < maxy; y++) {
		int			 r = p->top + y;
		const struct ui_wrap	*wr;
		char			*t;

		wmove(w, y, 0);
		if (r >= p->nwrap) {
			wclrtoeol(w);
			continue;
		}
		wr = &p->wrap[r];
		wattrset(w, p->lines[wr->line].attr |
		    (p->show_cursor && r == p->cur ? ui_style(UI_ST_SELECTED) :
		    A_NORMAL));
		t = xstrndup(p->lines[wr->line].text + wr->off, wr->len);
		waddstr(w, t);
		free(t);
		if (p->show_cursor && r == p->cur)
			ui_fill_eol(w);
		wattrset(w, A_NORMAL);
		wclrtoeol(w);
	}
}

const struct ui_pline *
ui_pager_cursor(const struct ui_pager *p)
{
	if (p->wrap == NULL || p->cur < 0 || p->cur >= p->nwrap)
		return NULL;
	return &p->lines[p->wrap[p->cur].line];
}

/* Move the cursor to text line L. */
static void
ui_pager_goto_line(struct ui_pager *p, int l)
{
	int	i;

	for (i = 0; i < p->nwrap; i++) {
		if (p->wrap[i].line == l) {
			p->cur = i;
			/* Show the match near the top, with some context. */
			p->top = i > 2 ? i - 2 : 0;
			break;
		}
	}
	ui_pager_clamp(p);
}

bool
ui_pager_find(struct ui_pager *p, const char *query, int from_line)
{
	struct vt_text_query	*q;
	int			 i, l;
	bool			 found = false;

	if (p->nlines == 0)
		return false;
	q = vt_text_query_new(query);
	if (vt_text_query_empty(q)) {
		vt_text_query_free(q);
		return false;
	}
	for (i = 0; i < p->nlines; i++) {
		l = (from_line + i) % p->nlines;
		if (vt_text_query_match(q, p->lines[l].text,
		    strlen(p->lines[l].text), NULL, NULL)) {
			ui_pager_goto_line(p, l);
			found = true;
			break;
		}
	}
	vt_text_query_free(q);
	return found;
}

/* Say on the status line which match of how many the cursor line is. */
static void
ui_pager_report(struct ui *ui, const struct ui_pager *p, const char *query)
{
	struct vt_text_query	*q;
	int			 l, cur, k = 0, n = 0;

	cur = p->cur < p->nwrap ? p->wrap[p->cur].line : 0;
	q = vt_text_query_new(query);
	for (l = 0; l < p->nlines && !vt_text_query_empty(q); l++) {
		if (vt_text_query_match(q, p->lines[l].text,
		    strlen(p->lines[l].text), NULL, NULL)) {
			n++;
			if (l <= cur)
				k = n;
		}
	}
	vt_text_query_free(q);
	if (n > 0)
		ui_message(ui, _("Match %d of %d (%s: next)"), k, n,
		    ui_key_name(ui_keys_key_for(ui->top != NULL ?
		    ui->top->ops->map : NULL, UI_FN_SEARCH_NEXT)));
}

struct ui_pager_search {
	struct ui_pager	*p;
	int		 cur, top, line;
	bool		 found;
};

static void
ui_pager_search_changed(struct ui *ui, void *arg, const char *text)
{
	struct ui_pager_search	*s = arg;

	s->p->cur = s->cur;
	s->p->top = s->top;
	s->found = ui_pager_find(s->p, text, s->line);
	ui->dirty_body = true;
}

/* Go to the first line of page PAGE (1-based); false if none. */
static bool
ui_pager_goto_page(struct ui_pager *p, int page)
{
	int	l;

	for (l = 0; l < p->nlines; l++) {
		if (p->lines[l].page == page) {
			ui_pager_goto_line(p, l);
			p->top = p->cur;
			ui_pager_clamp(p);
			return true;
		}
	}
	return false;
}

bool
ui_pager_action(struct ui *ui, struct ui_pager *p, enum ui_fn fn)
{
	int				 oldcur = p->cur, oldtop = p->top;
	const struct ui_pline		*l;
	struct ui_pager_search		 s;
	char				*q;

	if (p->wrap == NULL)
		ui_pager_wrap(p, ui->cols - 1);
	switch (fn) {
	case UI_FN_UP:
		if (p->show_cursor)
			p->cur--;
		else
			p->cur = --p->top;
		break;
	case UI_FN_DOWN:
		if (p->show_cursor)
			p->cur++;
		else {
			p->top++;
			p->cur = p->top + p->height - 1;
		}
		break;
	case UI_FN_PAGE_UP:
		p->top -= p->height - 1;
		p->cur -= p->height - 1;
		break;
	case UI_FN_PAGE_DOWN:
		p->top += p->height - 1;
		p->cur += p->height - 1;
		if (p->cur >= p->nwrap)
			p->cur = p->nwrap - 1;
		break;
	case UI_FN_FIRST:
		p->cur = p->top = 0;
		break;
	case UI_FN_LAST:
		p->cur = p->nwrap - 1;
		break;
	case UI_FN_NEXT_PAGE:
	case UI_FN_PREV_PAGE:
		l = ui_pager_cursor(p);
		if (l == NULL || !ui_pager_goto_page(p, (l->page > 0 ?
		    l->page : 0) + (fn == UI_FN_NEXT_PAGE ? 1 : -1)))
			ui_message(ui, fn == UI_FN_NEXT_PAGE ?
			    _("This is the last page") :
			    _("This is the first page"));
		ui->dirty_body = true;
		return true;
	case UI_FN_SEARCH:
		memset(&s, 0, sizeof s);
		s.p = p;
		s.cur = p->cur;
		s.top = p->top;
		s.line = p->cur < p->nwrap ? p->wrap[p->cur].line : 0;
		q = ui_prompt(ui, _("Search: "), NULL, false,
		    ui_pager_search_changed, &s);
		if (q == NULL) {
			p->cur = s.cur;
			p->top = s.top;
		} else {
			free(p->search);
			p->search = q;
			if (!s.found && *q != '\0')
				ui_error(ui, _("Not found: %s"), q);
			else if (s.found)
				ui_pager_report(ui, p, q);
		}
		ui->dirty_body = true;
		return true;
	case UI_FN_SEARCH_NEXT:
		if (p->search == NULL)
			return ui_pager_action(ui, p, UI_FN_SEARCH);
		if (!ui_pager_find(p, p->search, (p->cur < p->nwrap ?
		    p->wrap[p->cur].line : 0) + 1))
			ui_error(ui, _("Not found: %s"), p->search);
		else
			ui_pager_report(ui, p, p->search);
		ui->dirty_body = true;
		return true;
	default:
		return false;
	}
	if (p->top < 0)
		p->top = 0;
	ui_pager_clamp(p);
	if (p->cur != oldcur || p->top != oldtop)
		ui->dirty_body = true;
	return true;
}
