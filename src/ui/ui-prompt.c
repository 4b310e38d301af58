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
#include "vanthu/secret.h"
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

/* The state of an open one-line prompt, drawn by ui_prompt_overlay. */
struct ui_prompt_state {
	const char	*label;
	struct ui_edit	*e;
	bool		 hidden;
};

static void
ui_prompt_overlay(struct ui *ui, void *arg)
{
	struct ui_prompt_state	*ps = arg;

	ui_prompt_draw(ui, ps->label, ps->e->text.data != NULL ?
	    ps->e->text.data : "", ui_edit_cursor_col(ps->e), ps->hidden);
}

/* Put OVERLAY on the screen; returns the one it replaces. */
static void
ui_overlay_swap(struct ui *ui, void (**fn)(struct ui *, void *), void **arg)
{
	void	(*ofn)(struct ui *, void *) = ui->overlay;
	void	*oarg = ui->overlay_arg;

	ui->overlay = *fn;
	ui->overlay_arg = *arg;
	*fn = ofn;
	*arg = oarg;
}

static bool	ui_ask(struct ui *ui, const char *question);

/* Esc on text typed (other than INITIAL): true when the user agrees to
 * throw it away. */
static bool
ui_prompt_discard(struct ui *ui, const struct ui_edit *e, const char *initial)
{
	if (e->text.data == NULL || e->text.len == 0 || strcmp(e->text.data,
	    initial != NULL ? initial : "") == 0)
		return true;
	if (ui_ask(ui, _("Discard what you typed? It is not kept anywhere.")))
		return true;
	ui_message(ui, _("Go on typing; Enter sends it"));
	return false;
}

/*
 * The loop of a one-line prompt.  CTRL_E: ^E/^X hands the text to the
 * longer editor (*EDITOR set true).  ASK: Esc on typed text asks first.
 * COMPLETE (may be NULL): what Tab does (file names).
 */
static char *
ui_prompt_loop(struct ui *ui, const char *label, const char *initial,
    bool hidden, void (*on_change)(struct ui *, void *, const char *),
    void *cbarg, bool ctrl_e, bool *editor, bool ask,
    ui_complete_fn complete)
{
	struct ui_edit		 e;
	struct ui_prompt_state	 ps = { label, &e, hidden };
	void			(*ofn)(struct ui *, void *) = ui_prompt_overlay;
	void			*oarg = &ps;
	char			*out = NULL, *safe, *done;
	int			 key;

	if (hidden)
		ui_edit_init_secret(&e, initial);
	else
		ui_edit_init(&e, initial);
	ui_overlay_swap(ui, &ofn, &oarg);
	curs_set(1);
	for (;;) {
		/* ui_next_key paints first: the prompt as typed so far. */
		key = ui_next_key(ui);
		if (ui->quit || key == ('G' & 0x1f))
			break;
		if (key == UI_KEY_ESC) {
			if (!ask || ui_prompt_discard(ui, &e, initial))
				break;
			continue;
		}
		if (ctrl_e && (key == ('E' & 0x1f) || key == ('X' & 0x1f))) {
			*editor = true;
			out = xstrdup(e.text.data != NULL ? e.text.data : "");
			break;
		}
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			/* A PIN or password is never shown: no safe copy,
			   only a secret one. */
			out = hidden ? vt_secret_dup(e.text.data) :
			    xstrdup(e.text.data != NULL ? e.text.data : "");
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
	ui_overlay_swap(ui, &ofn, &oarg);
	curs_set(0);
	ui_edit_free(&e);
	ui->msg[0] = '\0';
	ui->dirty_msg = true;
	if (out == NULL || hidden)
		return out;
	if (editor != NULL && *editor)
		return out;
	/* What the user typed is text from outside: NFC and safe. */
	safe = vt_text_safe(out, strlen(out), 0);
	memset(out, 0, strlen(out));
	free(out);
	return safe;
}

char *
ui_prompt(struct ui *ui, const char *label, const char *initial,
    bool hidden, void (*on_change)(struct ui *, void *, const char *),
    void *cbarg)
{
	return ui_prompt_loop(ui, label, initial, hidden, on_change, cbarg,
	    false, NULL, !hidden && on_change == NULL, NULL);
}

char *
ui_prompt_path(struct ui *ui, const char *label, const char *initial)
{
	const char	*home = getenv("HOME");
	char		*path, *full;

	path = ui_prompt_loop(ui, label, initial, false, NULL, NULL, false,
	    NULL, true, ui_complete_path);
	/* "~/x" is the home directory's x, as in a shell. */
	if (path != NULL && path[0] == '~' && path[1] == '/' &&
	    home != NULL) {
		full = xasprintf("%s%s", home, path + 1);
		free(path);
		path = full;
	}
	return path;
}

/* An open question: its one or two lines, drawn by ui_ask_overlay. */
struct ui_ask_state {
	const char	*question, *suffix;
	int		 cols;		/* laid out for this width */
	char		*line1, *line2;
};

/*
 * Lay the question and the answer keys out on one line of COLS, or two:
 * the first cut at a space, the rest and the answer keys on the second.
 */
static void
ui_ask_layout(struct ui_ask_state *as, int cols)
{
	const char	*question = as->question;
	size_t		 len = strlen(question), off = 0, cut = 0;
	int		 w = 0, cw, room = cols - 2;
	char		*rest;

	free(as->line1);
	free(as->line2);
	as->line2 = NULL;
	as->cols = cols;
	if (vt_text_width(question) + vt_text_width(as->suffix) <= room) {
		as->line1 = xasprintf("%s%s", question, as->suffix);
		return;
	}
	while (off < len) {
		size_t	next = vt_text_next_cluster(question, len, off, &cw);

		if (w + cw > room)
			break;
		w += cw;
		if (question[off] == ' ')
			cut = off;
		off = next;
	}
	if (cut == 0 || off >= len)
		cut = off;
	as->line1 = xstrndup(question, cut);
	while (question[cut] == ' ')
		cut++;
	/* The answer keys always show: the rest is cut before them. */
	rest = vt_text_fit(question + cut, room - vt_text_width(as->suffix),
	    VT_FIT_NOPAD);
	as->line2 = xasprintf("%s%s", rest, as->suffix);
	free(rest);
}

/* Draw the question (laid out again after a resize). */
static void
ui_ask_overlay(struct ui *ui, void *arg)
{
	struct ui_ask_state	*as = arg;
	int			 x;

	if (as->cols != ui->cols) {
		ui_ask_layout(as, ui->cols);
		ui->dirty_keys = true;
	}
	if (as->line2 != NULL) {
		/* The second line covers the first line of key hints. */
		wmove(ui->wkeys, 0, 0);
		wattrset(ui->wkeys, A_BOLD);
		ui_put_cut(ui->wkeys, as->line2, ui->cols - 1);
		wattrset(ui->wkeys, A_NORMAL);
		wclrtoeol(ui->wkeys);
		wnoutrefresh(ui->wkeys);
	}
	wmove(ui->wmsg, 0, 0);
	wattrset(ui->wmsg, A_BOLD);
	x = ui_put_cut(ui->wmsg, as->line1, ui->cols - 1);
	wattrset(ui->wmsg, A_NORMAL);
	wclrtoeol(ui->wmsg);
	wmove(ui->wmsg, 0, x < ui->cols - 1 ? x : ui->cols - 1);
	ui->dirty_msg = false;
}

static bool
ui_ask(struct ui *ui, const char *question)
{
	/* TRANSLATORS: the letters a user types for yes and for no. */
	const char		*yes = _("y"), *no = _("n");
	char			 suffix[100];
	struct ui_ask_state	 as = { question, suffix, -1, NULL, NULL };
	void			(*ofn)(struct ui *, void *) = ui_ask_overlay;
	void			*oarg = &as;
	int			 key;
	bool			 answer = false;

	snprintf(suffix, sizeof suffix, _(" (%s = yes, %s = no) "), yes, no);
	ui_overlay_swap(ui, &ofn, &oarg);
	curs_set(1);
	for (;;) {
		ui_paint(ui);
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
	ui_overlay_swap(ui, &ofn, &oarg);
	free(as.line1);
	free(as.line2);
	curs_set(0);
	ui->msg[0] = '\0';
	ui->dirty_msg = ui->dirty_keys = true;
	return answer;
}

bool
ui_confirm(struct ui *ui, const char *question)
{
	bool	answer = ui_ask(ui, question);

	if (!answer)
		ui_message(ui, _("Cancelled: nothing was done"));
	return answer;
}

/* Whether NAME is an executable in PATH. */
static bool
ui_have_program(const char *name)
{
	const char	*path = getenv("PATH"), *p, *colon;
	char		*full;
	bool		 ok = false;

	for (p = path != NULL ? path : "/usr/bin:/bin"; !ok && *p != '\0';
	    p = *colon != '\0' ? colon + 1 : colon) {
		colon = strchr(p, ':');
		if (colon == NULL)
			colon = p + strlen(p);
		full = xasprintf("%.*s/%s", (int)(colon - p), p, name);
		ok = access(full, X_OK) == 0;
		free(full);
	}
	return ok;
}

/* Text from the built-in editor made safe, as an external editor's. */
static char *
ui_editor_result(char *text)
{
	char	*safe;

	if (text == NULL)
		return NULL;
	safe = vt_text_safe(text, strlen(text), VT_TEXT_MULTILINE);
	free(text);
	if (*safe == '\0') {
		free(safe);
		return NULL;
	}
	return safe;
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
	/* Never vi for someone who did not ask for it: nano, else ours. */
	if ((ed == NULL || *ed == '\0') && !ui_have_program("nano"))
		return ui_editor_result(ui_editor_builtin(ui, initial));
	if (ed == NULL || *ed == '\0')
		ed = "nano";
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
	char	*out, *text;
	bool	 editor = false;

	out = ui_prompt_loop(ui, label, NULL, false, NULL, NULL, true,
	    &editor, true, NULL);
	if (out != NULL && editor) {
		/* ^E: the line typed so far goes on in the longer editor. */
		text = ui_prompt_editor(ui, out);
		memset(out, 0, strlen(out));
		free(out);
		return text;
	}
	if (out != NULL && *out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}
