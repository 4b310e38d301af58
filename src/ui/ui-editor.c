/*
 * vanthu: the built-in multi-line editor, used for longer text when no
 * VISUAL or EDITOR is set and nano is not installed: the text fills the
 * body of the screen, wrapped between grapheme clusters; arrows move,
 * Enter makes a new line, ^X finishes, Esc asks before discarding.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

struct ui_editor {
	struct ui_edit	 e;
	int		 top;		/* first screen row shown */
	int		 want_col;	/* column kept by up and down */
};

/*
 * Walk the text wrapped to WIDTH: the screen row and column of byte
 * offset AT into *ROW and *COL; when FIND_ROW >= 0, the offset on row
 * FIND_ROW nearest column FIND_COL is returned instead.
 */
static size_t
ui_editor_walk(const char *s, size_t len, int width, size_t at, int *row,
    int *col, int find_row, int find_col)
{
	size_t	off = 0, best = (size_t)-1;
	int	r = 0, c = 0, cw;

	for (;;) {
		if (off == at && row != NULL) {
			*row = r;
			*col = c;
		}
		if (find_row >= 0 && r == find_row && (c <= find_col ||
		    best == (size_t)-1))
			best = off;
		if (off >= len)
			break;
		if (s[off] == '\n') {
			r++;
			c = 0;
			off++;
			continue;
		}
		{
			size_t	next = vt_text_next_cluster(s, len, off, &cw);

			if (c + cw > width) {
				r++;
				c = 0;
			}
			c += cw;
			off = next;
		}
	}
	return best == (size_t)-1 ? len : best;
}

static void
ui_editor_draw(struct ui *ui, void *arg)
{
	struct ui_editor	*ed = arg;
	WINDOW			*w = ui->wbody;
	const char		*s = ed->e.text.data != NULL ?
				    ed->e.text.data : "";
	size_t			 len = ed->e.text.len, off = 0;
	int			 h = getmaxy(w), width = ui->cols - 1;
	int			 crow = 0, ccol = 0, r = 0, c = 0, cw;

	ui_editor_walk(s, len, width, ed->e.cur, &crow, &ccol, -1, 0);
	if (crow < ed->top)
		ed->top = crow;
	if (crow >= ed->top + h - 1)
		ed->top = crow - h + 2;
	werase(w);
	wmove(w, 0, 0);
	wattrset(w, ui_style(UI_ST_HEADER));
	ui_put_cut(w, _("Write the text below.  Enter: new line   ^X: done   "
	    "Esc: cancel"), ui->cols - 1);
	wattrset(w, A_NORMAL);
	while (off < len) {
		size_t	next;

		if (s[off] == '\n') {
			r++;
			c = 0;
			off++;
			continue;
		}
		next = vt_text_next_cluster(s, len, off, &cw);
		if (c + cw > width) {
			r++;
			c = 0;
		}
		if (r >= ed->top && r - ed->top + 1 < h) {
			wmove(w, r - ed->top + 1, c);
			waddnstr(w, s + off, (int)(next - off));
		}
		c += cw;
		off = next;
	}
	wnoutrefresh(w);
	wmove(ui->wmsg, 0, 0);
	wclrtoeol(ui->wmsg);
	ui_put_cut(ui->wmsg, _("^X: done   Esc: cancel"), ui->cols - 1);
	ui->dirty_msg = false;
	/* The cursor rests in the body: the message line is refreshed
	 * first by ui_paint, so move it there afterwards. */
	wnoutrefresh(ui->wmsg);
	wmove(w, crow - ed->top + 1, ccol);
	wnoutrefresh(w);
	leaveok(w, FALSE);
}

char *
ui_editor_builtin(struct ui *ui, const char *initial)
{
	struct ui_editor	 ed;
	void			(*ofn)(struct ui *, void *) = ui->overlay;
	void			*oarg = ui->overlay_arg;
	char			*out = NULL;
	int			 key, row, col;
	size_t			 len;

	memset(&ed, 0, sizeof ed);
	ui_edit_init(&ed.e, initial);
	ui->overlay = ui_editor_draw;
	ui->overlay_arg = &ed;
	curs_set(1);
	for (;;) {
		ui_paint(ui);
		key = ui_next_key(ui);
		len = ed.e.text.len;
		if (ui->quit)
			break;
		if (key == ('X' & 0x1f)) {
			out = xstrdup(ed.e.text.data != NULL ?
			    ed.e.text.data : "");
			break;
		}
		if (key == UI_KEY_ESC) {
			if (len == 0 || ui_confirm(ui, _("Discard what you "
			    "typed? It is not kept anywhere.")))
				break;
			continue;
		}
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			ui_edit_insert(&ed.e, "\n", 1);
			continue;
		}
		if (key == KEY_UP || key == KEY_DOWN) {
			const char	*s = ed.e.text.data != NULL ?
					    ed.e.text.data : "";

			ui_editor_walk(s, len, ui->cols - 1, ed.e.cur, &row,
			    &col, -1, 0);
			row += key == KEY_UP ? -1 : 1;
			if (row >= 0)
				ed.e.cur = ui_editor_walk(s, len, ui->cols - 1,
				    (size_t)-1, NULL, NULL, row, col);
			continue;
		}
		ui_edit_key(&ed.e, key);
	}
	ui->overlay = ofn;
	ui->overlay_arg = oarg;
	leaveok(ui->wbody, TRUE);
	curs_set(0);
	ui_edit_free(&ed.e);
	ui_dirty_all(ui);
	if (out != NULL && *out == '\0') {
		free(out);
		out = NULL;
	}
	return out;
}
