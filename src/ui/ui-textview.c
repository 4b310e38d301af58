/*
 * vanthu: a screen that shows lines of text (history and comments,
 * annotations): scroll, search, q to go back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/xmalloc.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"

struct ui_textview {
	char		*title;
	struct ui_pager	 pager;
};

static const char *
ui_textview_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	return ((struct ui_textview *)s->data)->title;
}

static void
ui_textview_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_pager_draw(&((struct ui_textview *)s->data)->pager, w);
}

static bool
ui_textview_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	return ui_pager_action(ui, &((struct ui_textview *)s->data)->pager,
	    fn);
}

static void
ui_textview_free(struct ui_screen *s)
{
	struct ui_textview	*t = s->data;

	ui_pager_free(&t->pager);
	free(t->title);
	free(t);
}

static const enum ui_fn ui_textview_hints[] = {
	UI_FN_PAGE_DOWN, UI_FN_PAGE_UP, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_textview_ops = {
	"history", ui_textview_title, ui_textview_draw, ui_textview_action,
	NULL, NULL, ui_textview_free, ui_textview_hints
};

void
ui_textview_open(struct ui *ui, const char *title, struct ui_pager *p)
{
	struct ui_textview	*t = xcalloc(1, sizeof *t);

	t->title = xstrdup(title);
	t->pager = *p;
	t->pager.show_cursor = false;
	memset(p, 0, sizeof *p);
	ui_push(ui, &ui_textview_ops, t);
}
