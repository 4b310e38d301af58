/*
 * vanthu: the picker screen (see ui-pick.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-pick.h"

struct ui_pick {
	char		*title;
	char		**labels;
	bool		*marked;
	size_t		 n;
	bool		 multi;
	ui_pick_fn	 done;
	void		*arg;
	struct ui_list	 list;
};

static const struct ui_column ui_pick_columns[] = {
	{ N_("Mark"), 4, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Choice"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const char *
ui_pick_cell(void *ctx, int row, int col)
{
	struct ui_pick	*pk = ctx;

	if (col == 0)
		return !pk->multi ? "" : pk->marked[row] ? "[x]" : "[ ]";
	return pk->labels[row];
}

static const char *
ui_pick_text(void *ctx, int row)
{
	return ((struct ui_pick *)ctx)->labels[row];
}

static const char *
ui_pick_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	return ((struct ui_pick *)s->data)->title;
}

static void
ui_pick_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_list_draw(&((struct ui_pick *)s->data)->list, w);
}

static void
ui_pick_free(struct ui_screen *s)
{
	struct ui_pick	*pk = s->data;
	size_t		 i;

	for (i = 0; i < pk->n; i++)
		free(pk->labels[i]);
	free(pk->labels);
	free(pk->marked);
	free(pk->title);
	ui_list_free(&pk->list);
	free(pk);
}

static bool
ui_pick_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_pick	*pk = s->data;
	ui_pick_fn	 done = pk->done;
	void		*arg = pk->arg;
	bool		*marked, multi;
	int		 sel = pk->list.sel;

	switch (fn) {
	case UI_FN_SELECT:
		if (pk->multi && sel >= 0 && (size_t)sel < pk->n) {
			pk->marked[sel] = !pk->marked[sel];
			ui_list_action(ui, &pk->list, UI_FN_DOWN);
			ui->dirty_body = true;
		}
		return true;
	case UI_FN_OPEN:
		if (sel < 0 || (size_t)sel >= pk->n)
			return true;
		/* The screen goes first (PK with it): DONE may open another
		   one.  What DONE needs is taken out before. */
		multi = pk->multi;
		marked = multi ? pk->marked : NULL;
		if (multi)
			pk->marked = NULL;
		ui_pop(ui);
		done(ui, arg, multi ? -1 : sel, marked);
		free(marked);
		return true;
	default:
		return ui_list_action(ui, &pk->list, fn);
	}
}

static const enum ui_fn ui_pick_hints[] = {
	UI_FN_OPEN, UI_FN_SELECT, UI_FN_SEARCH, UI_FN_BACK, UI_FN_NONE
};

static const enum ui_fn ui_pick_hints_one[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_BACK, UI_FN_NONE
};

static const struct ui_screen_ops ui_pick_ops = {
	"pick", ui_pick_title, ui_pick_draw, ui_pick_action, NULL, NULL,
	ui_pick_free, ui_pick_hints
};

static const struct ui_screen_ops ui_pick_one_ops = {
	"pick", ui_pick_title, ui_pick_draw, ui_pick_action, NULL, NULL,
	ui_pick_free, ui_pick_hints_one
};

void
ui_pick_open(struct ui *ui, const char *title, const char *const *labels,
    size_t n, bool multi, const bool *marked, int sel, ui_pick_fn done,
    void *arg)
{
	struct ui_pick	*pk = xcalloc(1, sizeof *pk);
	size_t		 i;

	pk->title = xstrdup(title);
	pk->n = n;
	pk->multi = multi;
	pk->done = done;
	pk->arg = arg;
	pk->labels = xcalloc(n + 1, sizeof *pk->labels);
	pk->marked = xcalloc(n + 1, sizeof *pk->marked);
	for (i = 0; i < n; i++) {
		pk->labels[i] = xstrdup(labels[i]);
		pk->marked[i] = marked != NULL && marked[i];
	}
	ui_list_init(&pk->list);
	pk->list.columns = ui_pick_columns;
	pk->list.ncolumns = 2;
	pk->list.ctx = pk;
	pk->list.cell = ui_pick_cell;
	pk->list.row_text = ui_pick_text;
	pk->list.empty = _("Nothing to choose from.");
	ui_list_set_count(&pk->list, (int)n);
	pk->list.sel = sel >= 0 && (size_t)sel < n ? sel : 0;
	ui_push(ui, multi ? &ui_pick_ops : &ui_pick_one_ops, pk);
	if (multi)
		ui_message(ui, _("Space marks or unmarks; Enter when done"));
}
