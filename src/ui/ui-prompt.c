/*
 * vanthu: prompts on the message line: yes/no confirmations, the
 * one-line editor (also hidden, for PINs and passwords), and longer
 * text in $EDITOR.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

/* Draw LABEL and TEXT on the message line, the cursor at COL of TEXT. */
static void
ui_prompt_draw(struct ui *ui, const char *label, const char *text,
    int curcol, bool hidden)
{
	WINDOW	*w = ui->wmsg;
	int	 lw, avail, skip = 0, col;

	wmove(w, 0, 0);
	wattrset(w, A_BOLD);
	/* A label may take most of the line; some room stays for typing. */
	lw = ui_put_cut(w, label, ui->cols - (ui->cols > 40 ? 16 : 4));
	wattrset(w, A_NORMAL);
	avail = ui->cols - lw - 1;
	if (avail < 1)
		avail = 1;
	if (hidden) {
		int	n = vt_text_width(text), i;

		for (i = 0; i < n && i < avail; i++)
			waddch(w, '*');
		col = n < avail ? n : avail;
	} else {
		const char	*p = text;
		size_t		 len = strlen(text), off = 0;

		/* Scroll horizontally so that the cursor is visible. */
		if (curcol >= avail)
			skip = curcol - avail + 1;
		while (off < len && skip > 0) {
			int	cw = 0;

			off = vt_text_next_cluster(text, len, off, &cw);
			skip -= cw;
		}
		p = text + off;
		ui_put_cut(w, p, avail);
		col = curcol - (vt_text_width_n(text, off));
	}
	wclrtoeol(w);
	wmove(w, 0, lw + col);
	ui->dirty_msg = false;
}

/* Tab in a file-name prompt: the completed text, or NULL. */
typedef char	*(*ui_complete_fn)(const char *text);

static char *
ui_prompt_full(struct ui *ui, const char *label, const char *initial,
    bool hidden, void (*on_change)(struct ui *, void *, const char *),
    void *cbarg, ui_complete_fn complete);

char *
ui_prompt(struct ui *ui, const char *label, const char *initial,
    bool hidden, void (*on_change)(struct ui *, void *, const char *),
    void *cbarg)
{
	return ui_prompt_full(ui, label, initial, hidden, on_change, cbarg,
	    NULL);
}

char *
ui_prompt_path(struct ui *ui, const char *label, const char *initial)
{
	const char	*home = getenv("HOME");
	char		*path, *full;

	path = ui_prompt_full(ui, label, initial, false, NULL, NULL,
	    ui_complete_path);
	/* "~/x" is the home directory's x, as in a shell. */
	if (path != NULL && path[0] == '~' && path[1] == '/' &&
	    home != NULL) {
		full = xasprintf("%s%s", home, path + 1);
		free(path);
		path = full;
	}
	return path;
}

static char *
ui_prompt_full(struct ui *ui, const char *label, const char *initial,
    bool hidden, void (*on_change)(struct ui *, void *, const char *),
    void *cbarg, ui_complete_fn complete)
{
	struct ui_edit	 e;
	char		*out = NULL, *safe, *done;
	int		 key;

	ui_edit_init(&e, initial);
	curs_set(1);
	for (;;) {
		ui_paint(ui);
		ui_prompt_draw(ui, label, e.text.data != NULL ? e.text.data :
		    "", ui_edit_cursor_col(&e), hidden);
		wnoutrefresh(ui->wmsg);
		doupdate();
		key = ui_next_key(ui);
		if (ui->quit || key == UI_KEY_ESC || key == ('G' & 0x1f))
			break;
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			out = xstrdup(e.text.data != NULL ? e.text.data : "");
			break;
		}
		if (key == '\t' && complete != NULL) {
			done = complete(e.text.data != NULL ? e.text.data : "");
			if (done != NULL) {
				ui_edit_free(&e);
				ui_edit_init(&e, done);
				free(done);
			} else
				beep();
			continue;
		}
		if (ui_edit_key(&e, key) && on_change != NULL)
			on_change(ui, cbarg, e.text.data);
	}
	curs_set(0);
	ui_edit_free(&e);
	ui->msg[0] = '\0';
	ui->dirty_msg = true;
	if (out == NULL)
		return NULL;
	/* What the user typed is text from outside: NFC and safe. */
	safe = vt_text_safe(out, strlen(out), 0);
	memset(out, 0, strlen(out));
	free(out);
	return safe;
}

bool
ui_confirm(struct ui *ui, const char *question)
{
	/* TRANSLATORS: the letters a user types for yes and for no. */
	const char	*yes = _("y"), *no = _("n");
	char		 label[600];
	int		 key;
	bool		 answer = false;

	char		 suffix[100], *q;

	/* The answer keys always show; the question is cut to fit. */
	snprintf(suffix, sizeof suffix, _(" (%s = yes, %s = no) "), yes, no);
	q = vt_text_fit(question, ui->cols - 17 - vt_text_width(suffix),
	    VT_FIT_NOPAD);
	snprintf(label, sizeof label, "%s%s", q, suffix);
	free(q);
	curs_set(1);
	for (;;) {
		ui_paint(ui);
		ui_prompt_draw(ui, label, "", 0, false);
		wnoutrefresh(ui->wmsg);
		doupdate();
		key = ui_next_key(ui);
		if (ui->quit || key == UI_KEY_ESC)
			break;
		if (key >= UI_KEY_CHAR) {
			const char	*k = ui_key_name(key);

			if (strcasecmp(k, yes) == 0 || strcmp(k, "y") == 0 ||
			    strcmp(k, "Y") == 0) {
				answer = true;
				break;
			}
			if (strcasecmp(k, no) == 0 || strcmp(k, "n") == 0 ||
			    strcmp(k, "N") == 0)
				break;
		}
	}
	curs_set(0);
	ui->dirty_msg = true;
	if (!answer)
		ui_message(ui, _("Cancelled: nothing was done"));
	else
		ui->msg[0] = '\0';
	return answer;
}

char *
ui_prompt_editor(struct ui *ui, const char *initial)
{
	const char	*ed = getenv("VISUAL");
	char		 path[] = "/tmp/vanthu-edit-XXXXXX";
	char		*cmd, *text = NULL;
	struct vt_buf	 b;
	FILE		*f;
	int		 fd, st;
	char		 chunk[4096];
	size_t		 n;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	if ((fd = mkstemp(path)) == -1) {
		ui_error(ui, _("Cannot make a temporary file: %s"),
		    strerror(errno));
		return NULL;
	}
	if (initial != NULL && write(fd, initial, strlen(initial)) < 0) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	cmd = xasprintf("%s '%s'", ed, path);
	ui_suspend(ui);
	st = system(cmd);
	ui_resume(ui);
	free(cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		ui_error(ui, _("The editor failed; nothing was kept"));
		unlink(path);
		return NULL;
	}
	vt_buf_init(&b);
	if ((f = fopen(path, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			vt_buf_add(&b, chunk, n);
		fclose(f);
	}
	unlink(path);
	if (b.len == 0) {
		vt_buf_free(&b);
		return NULL;
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	text = vt_text_safe(b.data, b.len, VT_TEXT_MULTILINE);
	vt_buf_free(&b);
	if (*text == '\0') {
		free(text);
		return NULL;
	}
	return text;
}

char *
ui_prompt_text(struct ui *ui, const char *label)
{
	struct ui_edit	 e;
	char		*out = NULL, *safe;
	int		 key;

	ui_edit_init(&e, NULL);
	curs_set(1);
	for (;;) {
		ui_paint(ui);
		ui_prompt_draw(ui, label, e.text.data != NULL ? e.text.data :
		    "", ui_edit_cursor_col(&e), false);
		wnoutrefresh(ui->wmsg);
		doupdate();
		key = ui_next_key(ui);
		if (ui->quit || key == UI_KEY_ESC)
			break;
		if (key == ('E' & 0x1f) || key == ('X' & 0x1f)) {
			curs_set(0);
			out = ui_prompt_editor(ui, e.text.data);
			ui_edit_free(&e);
			return out;
		}
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			out = xstrdup(e.text.data != NULL ? e.text.data : "");
			break;
		}
		ui_edit_key(&e, key);
	}
	curs_set(0);
	ui_edit_free(&e);
	ui->msg[0] = '\0';
	ui->dirty_msg = true;
	if (out == NULL)
		return NULL;
	safe = vt_text_safe(out, strlen(out), 0);
	free(out);
	if (*safe == '\0') {
		free(safe);
		return NULL;
	}
	return safe;
}
