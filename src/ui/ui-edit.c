/*
 * vanthu: the one-line editor's state: UTF-8 text and a cursor that
 * moves and deletes by whole grapheme clusters (UAX #29, through the
 * text core), so a Vietnamese letter with its marks is one step even
 * when typed decomposed (NFD).
 */
#include "config.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "vanthu/secret.h"
#include "vanthu/text.h"
#include "ui-int.h"

void
ui_edit_init(struct ui_edit *e, const char *initial)
{
	e->secret = false;
	vt_buf_init(&e->text);
	vt_buf_puts(&e->text, initial != NULL ? initial : "");
	e->cur = e->text.len;
}

void
ui_edit_init_secret(struct ui_edit *e, const char *initial)
{
	size_t	 n = initial != NULL ? strlen(initial) : 0;

	if (n >= VT_SECRET_MAX)
		n = 0;
	e->secret = true;
	e->text.data = vt_secret_new(VT_SECRET_MAX);
	e->text.cap = VT_SECRET_MAX;
	if (n > 0)
		memcpy(e->text.data, initial, n);
	e->text.len = n;
	e->cur = n;
}

void
ui_edit_free(struct ui_edit *e)
{
	if (e->secret) {
		vt_secret_free(e->text.data);
		memset(e, 0, sizeof *e);
		return;
	}
	/* Wipe anyway: typed text is the user's. */
	if (e->text.data != NULL)
		memset(e->text.data, 0, e->text.cap);
	vt_buf_free(&e->text);
}

static const char *
ui_edit_str(const struct ui_edit *e)
{
	return e->text.data != NULL ? e->text.data : "";
}

static void
ui_edit_delete(struct ui_edit *e, size_t from, size_t to)
{
	char	*s = e->text.data;

	if (to <= from)
		return;
	memmove(s + from, s + to, e->text.len - to + 1);
	e->text.len -= to - from;
	if (e->cur > from)
		e->cur = e->cur >= to ? e->cur - (to - from) : from;
}

void
ui_edit_insert(struct ui_edit *e, const char *bytes, size_t n)
{
	size_t	tail = e->text.len - e->cur;

	/* A secret buffer never grows (a realloc would leave a copy). */
	if (e->secret && e->text.len + n + 1 > e->text.cap)
		return;
	vt_buf_add(&e->text, bytes, n);	/* grows; then shift into place */
	memmove(e->text.data + e->cur + n, e->text.data + e->cur, tail);
	memcpy(e->text.data + e->cur, bytes, n);
	e->text.data[e->text.len] = '\0';
	e->cur += n;
}

int
ui_edit_key(struct ui_edit *e, int key)
{
	const char	*s = ui_edit_str(e);
	size_t		 len = e->text.len;

	switch (key) {
	case KEY_LEFT:
	case 'B' & 0x1f:
		e->cur = vt_text_prev_cluster(s, len, e->cur);
		return 0;
	case KEY_RIGHT:
	case 'F' & 0x1f:
		e->cur = vt_text_next_cluster(s, len, e->cur, NULL);
		return 0;
	case KEY_HOME:
	case 'A' & 0x1f:
		e->cur = 0;
		return 0;
	case KEY_END:
	case 'E' & 0x1f:
		e->cur = len;
		return 0;
	case KEY_BACKSPACE:
	case 0x7f:
	case 'H' & 0x1f:
		if (e->cur == 0)
			return 0;
		ui_edit_delete(e, vt_text_prev_cluster(s, len, e->cur),
		    e->cur);
		return 1;
	case KEY_DC:
	case 'D' & 0x1f:
		if (e->cur >= len)
			return 0;
		ui_edit_delete(e, e->cur, vt_text_next_cluster(s, len, e->cur,
		    NULL));
		return 1;
	case 'U' & 0x1f:
		ui_edit_delete(e, 0, e->cur);
		return 1;
	case 'K' & 0x1f:
		ui_edit_delete(e, e->cur, len);
		return 1;
	case 'W' & 0x1f: {
		size_t	p = e->cur;

		while (p > 0 && s[p - 1] == ' ')
			p--;
		while (p > 0 && s[p - 1] != ' ')
			p--;
		ui_edit_delete(e, p, e->cur);
		return 1;
	}
	}
	if (key >= UI_KEY_CHAR) {
		char		buf[MB_LEN_MAX];
		wchar_t		wc = (wchar_t)(key - UI_KEY_CHAR);
		mbstate_t	st;
		size_t		n;

		if (wc < 0x20 || (wc >= 0x7f && wc < 0xa0))
			return 0;
		memset(&st, 0, sizeof st);
		n = wcrtomb(buf, wc, &st);
		if (n == (size_t)-1)
			return 0;
		ui_edit_insert(e, buf, n);
		return 1;
	}
	return 0;
}

int
ui_edit_cursor_col(const struct ui_edit *e)
{
	return vt_text_width_n(ui_edit_str(e), e->cur);
}
