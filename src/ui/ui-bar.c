/*
 * vanthu: the title bar (screen, online/offline, pending outbox actions,
 * sync progress), the status message line and the two lines of key
 * hints at the bottom of every screen (as alpine has).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "ui-int.h"
#include "ui-screens.h"

void
ui_draw_title(struct ui *ui)
{
	static const char	 spin[] = "|/-\\";
	WINDOW			*w = ui->wtitle;
	char			 right[160], prog[96];
	const char		*title = "", *what, *state;
	int			 rw, pct;

	if (ui->top != NULL && ui->top->ops->title != NULL)
		title = ui->top->ops->title(ui, ui->top);
	prog[0] = '\0';
	if ((what = ui_job_what(ui)) != NULL) {
		pct = ui_job_percent();
		if (pct >= 0)
			snprintf(prog, sizeof prog, "%c %s %d%%  ",
			    spin[ui->spin % 4], what, pct);
		else
			snprintf(prog, sizeof prog, "%c %s  ",
			    spin[ui->spin % 4], what);
	}
	/* Until the first answer (or failure), say nothing false. */
	state = ui->online ? _("online") : ui->online_known ||
	    ui->opt->offline ? _("offline") : what != NULL ?
	    _("connecting") : "";
	if (ui->outbox_pending > 0)
		snprintf(right, sizeof right, "%s%s  %s: %d ", prog, state,
		    _("to send"), ui->outbox_pending);
	else
		snprintf(right, sizeof right, "%s%s ", prog, state);
	rw = ui_text_width(right);
	wmove(w, 0, 0);
	wattrset(w, ui_style(UI_ST_TITLE));
	waddstr(w, " ");
	ui_put_fit(w, "vanthu", 7, UI_ALIGN_LEFT);
	ui_put_fit(w, title, ui->cols - 8 - rw, UI_ALIGN_LEFT);
	ui_put_cut(w, right, rw);
	ui_fill_eol(w);
	wattrset(w, A_NORMAL);
}

void
ui_draw_msg(struct ui *ui)
{
	WINDOW	*w = ui->wmsg;

	wmove(w, 0, 0);
	wattrset(w, ui->msg_error ? ui_style(UI_ST_ERROR) : A_NORMAL);
	if (ui->msg[0] != '\0') {
		ui_put_cut(w, ui->msg, ui->cols - 1);
		wattrset(w, A_NORMAL);
	}
	wclrtoeol(w);
}

/*
 * The hints, most important first: help and back (or quit), then the
 * screen's own in its order (open, search...); on a narrow terminal the
 * last ones are left out.
 */
static int
ui_collect_hints(struct ui *ui, enum ui_fn *out, int max)
{
	static const enum ui_fn	 always[] = { UI_FN_HELP, UI_FN_BACK,
	    UI_FN_NONE };
	const enum ui_fn	*h, *own = NULL;
	int			 n = 0, pass, k;
	bool			 dup;
	const char		*map = ui->top != NULL ? ui->top->ops->map :
				    "generic";

	/* The lists screen offers the keys of the list it shows. */
	if ((own = ui_inbox_hints_now(ui->top)) == NULL && ui->top != NULL)
		own = ui->top->ops->hints;
	for (pass = 0; pass < 2; pass++) {
		h = pass == 0 ? always : own;
		for (; h != NULL && *h != UI_FN_NONE && n < max; h++) {
			for (dup = false, k = 0; k < n; k++)
				dup |= out[k] == *h;
			if (!dup && ui_keys_key_for(map, *h) != -1 &&
			    ui_fn_allowed(ui, map, *h))
				out[n++] = *h;
		}
	}
	return n;
}

/* One hint as drawn: "KEY Label" and its width in columns. */
struct ui_hint {
	char		 key[32];	/* ui_key_name's words, copied */
	const char	*label;
	int		 w;
};

/* The width of PER columns of hints H[0..N) laid out on two rows (hint
   J above hint PER+J), with two spaces between columns; COLW gets
   each column's width. */
static int
ui_hint_layout(const struct ui_hint *h, int n, int per, int *colw)
{
	int	j, total = 0;

	for (j = 0; j < per; j++) {
		colw[j] = h[j].w;
		if (per + j < n && h[per + j].w > colw[j])
			colw[j] = h[per + j].w;
		total += colw[j] + (j > 0 ? 2 : 0);
	}
	return total;
}

/*
 * Two rows of hints in aligned columns, each as wide as its longer
 * hint: labels are never cut while a column can be given up instead.
 * As many columns as fit, the most important hints first (row one
 * holds the first half); the room left is shared out between them.
 */
void
ui_draw_keys(struct ui *ui)
{
	WINDOW		*w = ui->wkeys;
	enum ui_fn	 fns[24];
	struct ui_hint	 h[24];
	int		 colw[24], n, per, total, extra, i, j, row, x;
	const char	*map = ui->top != NULL ? ui->top->ops->map : "generic";

	n = ui_collect_hints(ui, fns, 24);
	for (i = 0; i < n; i++) {
		/* Back from the first screen leaves vanthu: its key (not
		   Esc) and the label say so, as Esc's message does. */
		bool	leave = fns[i] == UI_FN_BACK && ui->top != NULL &&
		    ui->top->below == NULL;

		snprintf(h[i].key, sizeof h[i].key, "%s", ui_key_name(leave ?
		    ui_keys_leave_key(map) : ui_keys_key_for(map, fns[i])));
		h[i].label = leave ? ui_fn_label(UI_FN_QUIT) :
		    ui_fn_label_for(ui, map, fns[i]);
		h[i].w = ui_text_width(h[i].key) + 1 +
		    ui_text_width(h[i].label);
	}
	werase(w);
	per = (n + 1) / 2;
	while (per > 1 && ui_hint_layout(h, n, per, colw) > ui->cols - 1)
		per--;
	if (n > 2 * per)
		n = 2 * per;
	total = per > 0 ? ui_hint_layout(h, n, per, colw) : 0;
	extra = per > 1 && total < ui->cols - 1 ? (ui->cols - 1 - total) /
	    per : 0;
	for (row = 0; row < 2; row++) {
		x = 0;
		for (j = 0; j < per && row * per + j < n; j++) {
			const struct ui_hint *hi = &h[row * per + j];
			int	kw = ui_text_width(hi->key);
			int	room = ui->cols - 1 - x - kw - 1;

			if (room <= 0)
				break;
			wmove(w, row, x);
			wattrset(w, ui_style(UI_ST_KEY));
			waddstr(w, hi->key);
			wattrset(w, ui_style(UI_ST_HINT));
			waddch(w, ' ');
			ui_put_fit(w, hi->label, colw[j] - kw - 1 < room ?
			    colw[j] - kw - 1 : room, UI_ALIGN_LEFT);
			x += colw[j] + 2 + extra;
		}
		wattrset(w, A_NORMAL);
		if (row == 0)
			wclrtoeol(w);
		else
			ui_fill_eol(w);
	}
}
