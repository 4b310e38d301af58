/*
 * vanthu: drawing text by display columns, and the interface's styles.
 *
 * Widths and cuts come from the text core (vanthu/text.h): combining
 * marks take no column, cuts fall between grapheme clusters and end
 * with an ellipsis.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

int
ui_text_width(const char *s)
{
	return s != NULL ? vt_text_width(s) : 0;
}

size_t
ui_next_cluster(const char *s, size_t len, size_t off, int *width)
{
	const unsigned char	*p = (const unsigned char *)s + off;
	size_t			 n = 0;

	if (off >= len)
		return vt_text_next_cluster(s, len, off, width);
	if (p[0] >= 0x20 && p[0] < 0x7f)
		n = 1;			/* printable ASCII */
	else if (p[0] >= 0xc3 && p[0] <= 0xc8 && len - off >= 2 &&
	    (p[1] & 0xc0) == 0x80)
		n = 2;			/* U+00C0..U+023F: Latin letters */
	else if (p[0] == 0xe1 && len - off >= 3 && p[1] >= 0xb8 &&
	    p[1] <= 0xbb && (p[2] & 0xc0) == 0x80)
		n = 3;			/* U+1E00..U+1EFF: ạ..ỹ */
	/* One column each, a cluster of its own unless a mark (never
	   ASCII) follows. */
	if (n > 0 && (off + n == len || p[n] < 0x80)) {
		*width = 1;
		return off + n;
	}
	return vt_text_next_cluster(s, len, off, width);
}

void
ui_put_text(WINDOW *w, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	wchar_t			 wb[128];
	size_t			 i = 0, k, n;
	uint32_t		 cp;

	/* As waddnstr, decoded here rather than byte by byte by curses;
	   what is not plain UTF-8 is left to waddnstr. */
	while (i < len) {
		for (k = 0; k < sizeof wb / sizeof wb[0] && i < len; i += n) {
			if (p[i] < 0x80) {
				cp = p[i];
				n = 1;
			} else if (p[i] >= 0xc2 && p[i] < 0xe0 && len - i >= 2 &&
			    (p[i + 1] & 0xc0) == 0x80) {
				cp = (uint32_t)(p[i] & 0x1f) << 6 | (p[i + 1] & 0x3f);
				n = 2;
			} else if (p[i] >= 0xe1 && p[i] < 0xf0 && p[i] != 0xed &&
			    len - i >= 3 && (p[i + 1] & 0xc0) == 0x80 &&
			    (p[i + 2] & 0xc0) == 0x80) {
				cp = (uint32_t)(p[i] & 0x0f) << 12 |
				    (uint32_t)(p[i + 1] & 0x3f) << 6 |
				    (p[i + 2] & 0x3f);
				n = 3;
			} else
				break;
			if (cp == 0)
				break;
			wb[k++] = (wchar_t)cp;
		}
		if (k > 0)
			waddnwstr(w, wb, (int)k);
		if (i < len && k < sizeof wb / sizeof wb[0]) {
			waddnstr(w, s + i, (int)(len - i));
			return;
		}
	}
}

void
ui_put_spaces(WINDOW *w, int n)
{
	static const char	sp[] = "                                ";
	int			k;

	for (; n > 0; n -= k) {
		k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
		waddnstr(w, sp, k);
	}
}

/*
 * As vt_text_fit(S, COLS, VT_FIT_ELLIPSIS) without making a copy: one
 * walk over the clusters that can show.  Returns the bytes of S that
 * show in *LEN and their columns; *CUT says whether an ellipsis
 * follows them.
 */
static int
ui_fit_len(const char *s, int cols, size_t *lenp, bool *cut)
{
	size_t	len = strlen(s), off = 0, keep = 0;
	int	w, used = 0, kept = 0;

	*cut = false;
	while (off < len) {
		off = ui_next_cluster(s, len, off, &w);
		used += w;
		if (used > cols) {
			*cut = true;
			*lenp = keep;
			return kept;
		}
		if (used <= cols - 1) {
			keep = off;
			kept = used;
		}
	}
	*lenp = len;
	return used;
}

void
ui_put_fit(WINDOW *w, const char *s, int cols, int align)
{
	size_t	len;
	int	used;
	bool	cut;

	if (cols <= 0)
		return;
	if (s == NULL)
		s = "";
	used = ui_fit_len(s, cols, &len, &cut);
	if (align == UI_ALIGN_RIGHT && !cut && used < cols) {
		ui_put_spaces(w, cols - used);
		ui_put_text(w, s, len);
		return;
	}
	if (len > 0)
		ui_put_text(w, s, len);
	if (cut) {
		waddstr(w, "\xe2\x80\xa6");	/* … */
		used++;
	}
	ui_put_spaces(w, cols - used);
}

int
ui_put_cut(WINDOW *w, const char *s, int cols)
{
	char	*t;
	int	 used;

	if (cols <= 0 || s == NULL)
		return 0;
	t = vt_text_fit(s, cols, VT_FIT_NOPAD);
	used = vt_text_width(t);
	waddstr(w, t);
	free(t);
	return used;
}

void
ui_fill_eol(WINDOW *w)
{
	int	y, x, maxx;

	getyx(w, y, x);
	maxx = getmaxx(w);
	(void)y;
	while (x < maxx) {
		/* The last cell of the last line: waddch would scroll. */
		if (waddch(w, ' ') == ERR)
			break;
		x++;
	}
}

static attr_t	ui_styles[UI_ST_LAST];

attr_t
ui_style(enum ui_style st)
{
	return ui_styles[st];
}

void
ui_styles_init(void)
{
	bool	c = has_colors() && getenv("NO_COLOR") == NULL;

	ui_styles[UI_ST_NORMAL] = A_NORMAL;
	ui_styles[UI_ST_TITLE] = A_REVERSE;
	ui_styles[UI_ST_HEADER] = A_BOLD | A_UNDERLINE;
	ui_styles[UI_ST_SELECTED] = A_REVERSE;
	ui_styles[UI_ST_UNREAD] = A_BOLD;
	/* Without colours: urgent is bold, overdue underlined. */
	ui_styles[UI_ST_URGENT] = A_BOLD;
	ui_styles[UI_ST_OVERDUE] = A_UNDERLINE;
	ui_styles[UI_ST_KEY] = A_REVERSE;
	ui_styles[UI_ST_HINT] = A_NORMAL;
	ui_styles[UI_ST_ERROR] = A_BOLD;
	ui_styles[UI_ST_OK] = A_NORMAL;
	ui_styles[UI_ST_MATCH] = A_BOLD | A_UNDERLINE;
	if (!c)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_MAGENTA, -1);
	init_pair(4, COLOR_WHITE, COLOR_RED);
	init_pair(5, COLOR_GREEN, -1);
	ui_styles[UI_ST_TITLE] = COLOR_PAIR(1) | A_BOLD;
	ui_styles[UI_ST_OVERDUE] = COLOR_PAIR(2);
	ui_styles[UI_ST_URGENT] = COLOR_PAIR(3) | A_BOLD;
	ui_styles[UI_ST_ERROR] = COLOR_PAIR(4) | A_BOLD;
	ui_styles[UI_ST_OK] = COLOR_PAIR(5);
	ui_styles[UI_ST_HEADER] = A_BOLD;
}
