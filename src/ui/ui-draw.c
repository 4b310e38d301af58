/*
 * vanthu: drawing text by display columns, and the interface's styles.
 *
 * Widths and cuts come from the text core (vanthu/text.h): combining
 * marks take no column, cuts fall between grapheme clusters and end
 * with an ellipsis.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

int
ui_text_width(const char *s)
{
	return s != NULL ? vt_text_width(s) : 0;
}

void
ui_put_fit(WINDOW *w, const char *s, int cols, int align)
{
	char	*t;
	int	 pad;

	if (cols <= 0)
		return;
	if (s == NULL)
		s = "";
	if (align == UI_ALIGN_RIGHT && (pad = cols - vt_text_width(s)) > 0) {
		while (pad-- > 0)
			waddch(w, ' ');
		waddstr(w, s);
		return;
	}
	t = vt_text_fit(s, cols, VT_FIT_ELLIPSIS);
	waddstr(w, t);
	free(t);
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
