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
	const enum ui_fn	*h;
	int			 n = 0, pass, k;
	bool			 dup;
	const char		*map = ui->top != NULL ? ui->top->ops->map :
				    "generic";

	for (pass = 0; pass < 2; pass++) {
		h = pass == 0 ? always : ui->top != NULL ? ui->top->ops->hints :
		    NULL;
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

void
ui_draw_keys(struct ui *ui)
{
	WINDOW		*w = ui->wkeys;
	enum ui_fn	 fns[24];
	int		 n, per, slot, i, row;
	const char	*map = ui->top != NULL ? ui->top->ops->map : "generic";

	n = ui_collect_hints(ui, fns, 24);
	werase(w);
	per = (n + 1) / 2;
	/* On a narrow terminal fewer hints, each still readable (? Help,
	 * first, always shows). */
	if (per > ui->cols / 11)
		per = ui->cols / 11;
	if (per < 1)
		per = 1;
	if (n > 2 * per)
		n = 2 * per;
	slot = ui->cols / per;
	for (row = 0; row < 2; row++) {
		wmove(w, row, 0);
		for (i = row * per; i < n && i < (row + 1) * per; i++) {
			const char	*k = ui_key_name(ui_keys_key_for(map,
			    fns[i]));
			int		 kw = ui_text_width(k);

			if (slot < kw + 2)
				break;
			wmove(w, row, (i - row * per) * slot);
			wattrset(w, ui_style(UI_ST_KEY));
			waddstr(w, k);
			wattrset(w, ui_style(UI_ST_HINT));
			waddch(w, ' ');
			/* Back from the first screen leaves vanthu. */
			ui_put_fit(w, fns[i] == UI_FN_BACK && ui->top != NULL &&
			    ui->top->below == NULL ? ui_fn_label(UI_FN_QUIT) :
			    ui_fn_label_for(ui, map, fns[i]), slot - kw - 2,
			    UI_ALIGN_LEFT);
		}
		wattrset(w, A_NORMAL);
		if (row == 0)
			wclrtoeol(w);
		else
			ui_fill_eol(w);
	}
}
