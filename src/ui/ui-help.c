/*
 * vanthu: the help screen (on '?'): every key of the screen it was
 * opened from, with what it does, as the bindings say now (after the
 * configuration's "bind" lines).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

#define UI_HELP_MAX	128

/* A line of the help: a key's first line, or the rest of its text. */
struct ui_help_line {
	int	 entry;		/* index into keys[] and fns[] */
	bool	 first;
	char	*text;		/* this line's part of what it does */
};

struct ui_help {
	struct ui_list	 list;
	struct ui	*ui;
	const char	*map;
	int		 keys[UI_HELP_MAX];
	enum ui_fn	 fns[UI_HELP_MAX];
	int		 n;
	/* What each key does, wrapped to the window (nothing is cut). */
	struct ui_help_line *lines;
	int		 nlines, wrap_width;
	char		*title;
	char		 rowtext[512];
};

static const struct ui_column ui_help_columns[] = {
	{ N_("Key"), 9, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Function"), 16, 0, UI_ALIGN_LEFT, 0 },
	{ N_("What it does"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const char *
ui_help_cell(void *ctx, int row, int col)
{
	struct ui_help		*h = ctx;
	const struct ui_help_line *l = &h->lines[row];

	switch (col) {
	case 0:
		return l->first ? ui_key_name(h->keys[l->entry]) : "";
	case 1:
		return l->first ? ui_fn_label_for(h->ui, h->map,
		    h->fns[l->entry]) : "";
	default:
		return l->text;
	}
}

static const char *
ui_help_text(void *ctx, int row)
{
	struct ui_help		*h = ctx;
	const struct ui_help_line *l = &h->lines[row];

	if (!l->first)
		return l->text;
	snprintf(h->rowtext, sizeof h->rowtext, "%s %s %s",
	    ui_key_name(h->keys[l->entry]), ui_fn_label_for(h->ui, h->map,
	    h->fns[l->entry]), ui_fn_help_for(h->ui, h->map,
	    h->fns[l->entry]));
	return h->rowtext;
}

static void
ui_help_lines_free(struct ui_help *h)
{
	int	i;

	for (i = 0; i < h->nlines; i++)
		free(h->lines[i].text);
	free(h->lines);
	h->lines = NULL;
	h->nlines = 0;
}

static void
ui_help_add_line(struct ui_help *h, int entry, bool first, const char *s,
    size_t len)
{
	struct ui_help_line	*l;

	h->lines = xreallocarray(h->lines, (size_t)h->nlines + 1,
	    sizeof *h->lines);
	l = &h->lines[h->nlines++];
	l->entry = entry;
	l->first = first;
	l->text = xstrndup(s, len);
}

/* What key ENTRY does, in lines of at most WIDTH columns, cut between
   words (a word longer than a line is cut where it must be). */
static void
ui_help_wrap(struct ui_help *h, int entry, int width)
{
	const char	*s = ui_fn_help_for(h->ui, h->map, h->fns[entry]);
	const char	*end, *sp;
	bool		 first = true;

	while (*s == ' ')
		s++;
	do {
		end = s;
		for (sp = s; *sp != '\0'; sp++) {
			if (*sp != ' ')
				continue;
			if (vt_text_width_n(s, (size_t)(sp - s)) > width)
				break;
			end = sp;
		}
		if (*sp == '\0' && ui_text_width(s) <= width)
			end = sp;
		if (end == s) {	/* one long word: cut it by columns */
			char	*cut = vt_text_fit(s, width, VT_FIT_NOPAD |
			    VT_FIT_NOELLIPSIS);

			end = s + strlen(cut);
			free(cut);
		}
		if (end == s)
			end = s + strlen(s);
		ui_help_add_line(h, entry, first, s, (size_t)(end - s));
		first = false;
		s = end;
		while (*s == ' ')
			s++;
	} while (*s != '\0');
}

/* Lay the help out again for a window of COLS columns. */
static void
ui_help_layout(struct ui_help *h, int cols)
{
	int	width = ui_list_column_width(&h->list, cols, 2), i;

	if (width == h->wrap_width && h->lines != NULL)
		return;
	ui_help_lines_free(h);
	h->wrap_width = width;
	for (i = 0; i < h->n; i++)
		ui_help_wrap(h, i, width > 8 ? width : 8);
	ui_list_set_count(&h->list, h->nlines);
}

static const char *
ui_help_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_help	*h = s->data;

	(void)ui;
	return h->title;
}

static void
ui_help_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_help	*h = s->data;

	(void)ui;
	ui_help_layout(h, getmaxx(w));
	ui_list_draw(&h->list, w);
}

static bool
ui_help_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_help	*h = s->data;

	if (fn == UI_FN_OPEN || fn == UI_FN_HELP) {
		ui_pop(ui);
		return true;
	}
	return ui_list_action(ui, &h->list, fn);
}

static void
ui_help_free(struct ui_screen *s)
{
	struct ui_help	*h = s->data;

	ui_list_free(&h->list);
	ui_help_lines_free(h);
	free(h->title);
	free(h);
}

static const enum ui_fn ui_help_hints[] = {
	UI_FN_PAGE_DOWN, UI_FN_PAGE_UP, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_help_ops = {
	"help", ui_help_title, ui_help_draw, ui_help_action, NULL, NULL,
	ui_help_free, ui_help_hints
};

/* The name of a key map as the user knows the screen. */
static const char *
ui_help_screen_name(const char *map)
{
	static const struct {
		const char	*map, *name;
	} names[] = {
		{ "generic", N_("every screen") },
		{ "inbox", N_("lists") },
		{ "reader", N_("document") },
		{ "draft", N_("draft") },
		{ "attachments", N_("attached files") },
		{ "people", N_("choosing people") },
		{ "history", N_("history") },
		{ "login", N_("log in") },
		{ "sign", N_("signing") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].map, map) == 0)
			return _(names[i].name);
	}
	return map;
}

/* Keep only the functions the user's role may use; the new count. */
static int
ui_help_allowed(struct ui *ui, const char *map, int *keys, enum ui_fn *fns,
    int n)
{
	int	i, k = 0;

	for (i = 0; i < n; i++) {
		if (!ui_fn_allowed(ui, map, fns[i]))
			continue;
		keys[k] = keys[i];
		fns[k++] = fns[i];
	}
	return k;
}

void
ui_help_open(struct ui *ui, const struct ui_screen *of)
{
	struct ui_help	*h = xcalloc(1, sizeof *h);
	const char	*map = of != NULL ? of->ops->map : "generic";
	int		 n;

	if (of != NULL && of->ops == &ui_help_ops)
		return;
	h->ui = ui;
	h->map = map;
	n = ui_keys_list(map, h->keys, h->fns, UI_HELP_MAX);
	n = ui_help_allowed(ui, map, h->keys, h->fns, n);
	ui_list_init(&h->list);
	h->list.columns = ui_help_columns;
	h->list.ncolumns = 3;
	h->list.ctx = h;
	h->list.cell = ui_help_cell;
	h->list.row_text = ui_help_text;
	h->n = n;
	h->wrap_width = -1;
	ui_help_layout(h, ui->cols);
	h->title = xasprintf(_("Help: keys of this screen (%s)"),
	    ui_help_screen_name(map));
	ui_push(ui, &ui_help_ops, h);
	if (strcmp(map, "inbox") == 0)
		/* Fits in 80 columns: the status line is one line. */
		ui_message(ui, _("Flags: N unread, K/T/H khẩn/thượng "
		    "khẩn/hỏa tốc, * mine, ! overdue, + done"));
	else
		ui_message(ui, _("Keys can be changed with \"bind\" lines in "
		    "the configuration file; see vanthu.conf(5)"));
}
