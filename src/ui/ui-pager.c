/*
 * vanthu: the pager: lines of text (a document's metadata, then its
 * pages), wrapped to the screen's width between grapheme clusters, with
 * a cursor line (what annotations anchor to), page jumps; scrolling and
 * search through the one engine of ui-scroll.c, matches highlighted.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-scroll.h"

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
	vt_text_query_free(p->match);
	p->match = NULL;
}

void
ui_pager_add(struct ui_pager *p, const char *text, int page, attr_t attr)
{
	ui_pager_add_hang(p, text, page, attr, 0);
}

void
ui_pager_add_hang(struct ui_pager *p, const char *text, int page,
    attr_t attr, int indent)
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
	l->indent = indent > 0 ? indent : 0;
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

/* The indent of line L's later rows on a screen WIDTH columns wide:
 * none when it would leave fewer than 20 columns of text. */
static int
ui_pager_indent(const struct ui_pager *p, int l, int width)
{
	int	in = p->lines[l].indent;

	return width - in >= 20 ? in : 0;
}

/* Cut line L into screen rows of at most WIDTH columns (the rows after
 * the first: WIDTH less the line's indent), at spaces when one is near,
 * else between grapheme clusters; the spaces a row is cut at start no
 * indented row. */
static void
ui_pager_wrap_line(struct ui_pager *p, int l, int full)
{
	const char	*s = p->lines[l].text;
	size_t		 len = strlen(s), start = 0;
	int		 in = ui_pager_indent(p, l, full), width = full;

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
		if (in > 0) {
			width = full - in;
			while (start < len && s[start] == ' ')
				start++;
		}
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

/* The pager's window as the scroll engine sees it. */
static struct ui_scroll
ui_pager_scroll(const struct ui_pager *p)
{
	struct ui_scroll	s = { p->nwrap, p->top, p->cur, p->height,
				      p->show_cursor };

	return s;
}

static void
ui_pager_clamp(struct ui_pager *p)
{
	struct ui_scroll	s = ui_pager_scroll(p);

	ui_scroll_clamp(&s);
	p->top = s.top;
	p->cur = s.cur;
}

/* Draw T (one screen row) with the words matching Q highlighted. */
static void
ui_pager_put(WINDOW *w, const char *t, const struct vt_text_query *q,
    attr_t attr)
{
	struct vt_text_range	r[32];
	size_t			n = 0, i, off = 0, len = strlen(t);

	if (q != NULL)
		n = vt_text_query_ranges(q, t, len, r, 32);
	for (i = 0; i < n; i++) {
		if (r[i].start < off)
			continue;
		waddnstr(w, t + off, (int)(r[i].start - off));
		wattrset(w, attr | ui_style(UI_ST_MATCH));
		waddnstr(w, t + r[i].start, (int)(r[i].end - r[i].start));
		wattrset(w, attr);
		off = r[i].end;
	}
	waddstr(w, t + off);
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
		if (wr->off > 0)
			wprintw(w, "%*s", ui_pager_indent(p, wr->line,
			    p->wrap_width), "");
		ui_pager_put(w, t, p->match, getattrs(w));
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

const struct ui_pline *
ui_pager_cursor_text(const struct ui_pager *p)
{
	const struct ui_pline	*l = ui_pager_cursor(p);
	int			 i;

	if (l == NULL || l->page <= 0)
		return l;
	/* A page's rule line or an empty line: the next line with text. */
	for (i = (int)(l - p->lines); i < p->nlines &&
	    p->lines[i].page == l->page; i++) {
		const char *t = p->lines[i].text;

		if (strncmp(t, "------", 6) != 0 && t[strspn(t, " \t")] != '\0')
			return &p->lines[i];
	}
	return l;
}

/* Move the cursor to text line L. */
static void
ui_pager_goto_line(struct ui_pager *p, int l)
{
	struct ui_scroll	s = ui_pager_scroll(p);
	int			i;

	for (i = 0; i < p->nwrap; i++) {
		if (p->wrap[i].line == l) {
			ui_scroll_show(&s, i);
			p->cur = s.cur;
			p->top = s.top;
			break;
		}
	}
}

/* The pager as the search engine sees it: its text lines. */
static const char *
ui_pager_item_text(void *ctx, int item)
{
	return ((struct ui_pager *)ctx)->lines[item].text;
}

static void
ui_pager_go(void *ctx, int item)
{
	ui_pager_goto_line(ctx, item);
}

static int
ui_pager_item_count(void *ctx)
{
	return ((struct ui_pager *)ctx)->nlines;
}

static void
ui_pager_finder(struct ui_pager *p, struct ui_finder *f)
{
	f->ctx = p;
	f->count = ui_pager_item_count;
	f->text = ui_pager_item_text;
	f->current = p->cur < p->nwrap ? p->wrap[p->cur].line : 0;
	f->go = ui_pager_go;
}

bool
ui_pager_find(struct ui_pager *p, const char *query, int from_line)
{
	struct ui_finder	 f;
	struct vt_text_query	*q = vt_text_search_new(query);
	int			 at;

	ui_pager_finder(p, &f);
	at = ui_find(&f, q, from_line);
	vt_text_query_free(q);
	if (at >= 0)
		ui_pager_goto_line(p, at);
	return at >= 0;
}

static void
ui_pager_set_match(struct ui_pager *p)
{
	vt_text_query_free(p->match);
	p->match = NULL;
	if (p->search != NULL && *p->search != '\0')
		p->match = vt_text_search_new(p->search);
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
	const struct ui_pline	*l;
	struct ui_finder	 f;
	struct ui_scroll	 s;

	if (p->wrap == NULL)
		ui_pager_wrap(p, ui->cols - 1);
	switch (fn) {
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
		ui_pager_finder(p, &f);
		ui_find_prompt(ui, &f, &p->search);
		ui_pager_set_match(p);
		return true;
	case UI_FN_SEARCH_NEXT:
		ui_pager_finder(p, &f);
		ui_find_next(ui, &f, &p->search);
		ui_pager_set_match(p);
		return true;
	default:
		break;
	}
	s = ui_pager_scroll(p);
	if (!ui_scroll_move(ui, &s, fn))
		return false;
	p->top = s.top;
	p->cur = s.cur;
	return true;
}
