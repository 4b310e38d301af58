/*
 * vanthu: the login screen.  The user name is filled in (from --user,
 * the configuration or the last session); the password is typed hidden
 * on the message line and sent by a worker thread, never stored.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "vanthu/api.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-int.h"
#include "ui-screens.h"

struct ui_login {
	char	*user;
	char	*message;
	bool	 busy;
	bool	 file_tried;	/* the saved password was tried once */
};

struct ui_login_job {
	struct ui		*ui;
	char			*user;
	char			*password;
	vt_code			 code;
	struct vt_errbuf	 eb;
};

static const char *
ui_login_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	(void)s;
	return _("Log in");
}

static void
ui_login_line(WINDOW *w, int y, const char *label, const char *value,
    int cols)
{
	wmove(w, y, 2);
	wattrset(w, A_BOLD);
	ui_put_fit(w, label, 16, UI_ALIGN_LEFT);
	wattrset(w, A_NORMAL);
	ui_put_cut(w, value, cols - 20);
	wclrtoeol(w);
}

/* The demonstration's note (tools/demo: the PIN), when it gives one. */
static void
ui_login_demo_note(WINDOW *w, int y, int cols)
{
	const char	*note = getenv("VANTHU_DEMO_NOTE");
	char		*safe;

	if (note == NULL || *note == '\0')
		return;
	safe = vt_text_safe(note, strlen(note), 0);
	wmove(w, y, 2);
	ui_put_cut(w, safe, cols - 4);
	free(safe);
}

static void
ui_login_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_login	*l = s->data;
	struct ui_app	*app = ui_app(ui);
	const char	*server = app->cfg.server != NULL ? app->cfg.server :
			    _("(none: set \"server\" in the configuration)");
	char		 hint[256];

	werase(w);
	wmove(w, 1, 2);
	wattrset(w, A_BOLD);
	ui_put_cut(w, _("Log in to the document server"), ui->cols - 4);
	wattrset(w, A_NORMAL);
	ui_login_line(w, 3, _("Server:"), server, ui->cols);
	ui_login_line(w, 4, _("User name:"), l->user != NULL ? l->user : "",
	    ui->cols);
	ui_login_line(w, 5, _("Password:"), l->busy ? "********" :
	    ui->opt->password_file != NULL && !l->file_tried ? _("(saved)") :
	    "", ui->cols);
	wmove(w, 7, 2);
	if (l->busy)
		ui_put_cut(w, _("Logging in..."), ui->cols - 4);
	else {
		snprintf(hint, sizeof hint, _("Press %s to log in; %s works "
		    "offline with what is saved on this computer."),
		    ui_key_name(ui_keys_key_for("login", UI_FN_LOGIN)),
		    ui_key_name(ui_keys_key_for("login", UI_FN_BACK)));
		ui_put_cut(w, hint, ui->cols - 4);
	}
	ui_login_demo_note(w, 11, ui->cols);
	if (l->message != NULL) {
		wmove(w, 9, 2);
		wattrset(w, ui_style(UI_ST_ERROR));
		ui_put_cut(w, l->message, ui->cols - 4);
		wattrset(w, A_NORMAL);
	}
}

static void
ui_login_run(void *arg)
{
	struct ui_login_job	*j = arg;
	struct vt_client	*c;

	if ((c = ui_app_take_client(j->ui, &j->eb)) == NULL) {
		j->code = j->eb.code;
		return;
	}
	j->code = vt_api_login(c, j->user, j->password, &j->eb);
	ui_app_put_client(j->ui, c);
}

static void
ui_login_wipe(char *s)
{
	vt_secret_free(s);
}

/* The login screen on top, or NULL. */
static struct ui_login *
ui_login_top(struct ui *ui);

static void
ui_login_done(struct ui *ui, void *arg)
{
	struct ui_login_job	*j = arg;
	struct ui_app		*app = ui_app(ui);
	struct ui_login		*l = ui_login_top(ui);
	struct vt_errbuf	 eb;
	char			 msg[700];

	memset(&eb, 0, sizeof eb);
	ui_login_wipe(j->password);
	if (l != NULL)
		l->busy = false;
	ui->dirty_body = true;
	if (j->code != VT_OK) {
		if (l != NULL) {
			free(l->message);
			l->message = xstrdup(vt_errbuf_message(&j->eb, msg,
			    sizeof msg));
		}
		if (j->code == VT_ERR_NETWORK || j->code == VT_ERR_TLS) {
			ui->online = false;
			ui->online_known = true;
		}
		ui_app_error(ui, &j->eb);
		free(j->user);
		free(j);
		return;
	}
	ui->online = true;
	ui->online_known = true;
	/* The worker's client saved the session: load it here too. */
	vt_client_free(app->client);
	app->client = NULL;
	if (vt_client_new(&app->cfg, &app->client, &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		free(j->user);
		free(j);
		return;
	}
	free(j->user);
	free(j);
	if (l != NULL)
		ui_pop(ui);
	ui_app_open_account(ui);
	ui_message(ui, _("Logged in as %s"),
	    vt_client_session(app->client)->full_name);
	ui_app_sync(ui);
}

/* Read the first line of FILE (the demonstration's password file). */
static char *
ui_login_password_file(const char *path)
{
	char	*pw = NULL;
	int	 fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	/* Byte by byte into a secret buffer: no stdio copy. */
	if (vt_secret_read_line(fd, &pw) < 0)
		pw = NULL;
	close(fd);
	return pw;
}

/*
 * Log in.  TYPED (may be NULL): what the user began typing on the login
 * screen itself, the first letters of the password (of the user name
 * when none is known yet).
 */
static void
ui_login_start(struct ui *ui, struct ui_login *l, const char *typed)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_login_job	*j;
	char			*user, *pw = NULL;

	if (l->busy)
		return;
	if (app->cfg.server == NULL) {
		char	*server = ui_prompt(ui, _("Server address (https://...): "),
		    NULL, false, NULL, NULL);

		if (server == NULL || *server == '\0') {
			free(server);
			return;
		}
		free(app->cfg.server);
		app->cfg.server = server;
		ui->dirty_body = true;
	}
	/* Both filled in (the demonstration): log in at once. */
	if (ui->opt->password_file != NULL && !l->file_tried &&
	    l->user != NULL && *l->user != '\0')
		pw = ui_login_password_file(ui->opt->password_file);
	l->file_tried = true;
	if (pw != NULL)
		user = l->user;
	else if (typed != NULL && l->user != NULL && *l->user != '\0')
		user = l->user;		/* typing goes into the password */
	else {
		user = ui_prompt(ui, _("User name: "), typed != NULL ? typed :
		    l->user, false, NULL, NULL);
		typed = NULL;
		if (user == NULL || *user == '\0') {
			free(user);
			return;
		}
		free(l->user);
		l->user = user;
		ui->dirty_body = true;
	}
	if (pw == NULL)
		pw = ui_prompt(ui, _("Password: "), typed, true, NULL, NULL);
	if (pw == NULL)
		return;
	l->busy = true;
	free(l->message);
	l->message = NULL;
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->user = xstrdup(user);
	j->password = pw;
	ui_job_start(ui, _("Logging in"), ui_login_run, ui_login_done, j);
}

static bool
ui_login_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_login	*l = s->data;

	switch (fn) {
	case UI_FN_LOGIN:
	case UI_FN_OPEN:
		ui_login_start(ui, l, NULL);
		return true;
	case UI_FN_SYNC:
		return true;
	default:
		return false;
	}
}

/* A letter typed on the login screen starts filling in the form. */
static bool
ui_login_key(struct ui *ui, struct ui_screen *s, int key)
{
	char		buf[8];
	mbstate_t	st;
	size_t		n;

	if (key <= UI_KEY_CHAR + ' ' || ((struct ui_login *)s->data)->busy)
		return false;
	memset(&st, 0, sizeof st);
	n = wcrtomb(buf, (wchar_t)(key - UI_KEY_CHAR), &st);
	if (n == (size_t)-1 || n >= sizeof buf)
		return false;
	buf[n] = '\0';
	ui_login_start(ui, s->data, buf);
	memset(buf, 0, sizeof buf);
	return true;
}

static void
ui_login_free(struct ui_screen *s)
{
	struct ui_login	*l = s->data;

	free(l->user);
	free(l->message);
	free(l);
}

static const enum ui_fn ui_login_hints[] = {
	UI_FN_LOGIN, UI_FN_QUIT, UI_FN_NONE
};

static const struct ui_screen_ops ui_login_ops = {
	"login", ui_login_title, ui_login_draw, ui_login_action, ui_login_key,
	NULL, ui_login_free, ui_login_hints
};

static struct ui_login *
ui_login_top(struct ui *ui)
{
	return ui->top != NULL && ui->top->ops == &ui_login_ops ?
	    ui->top->data : NULL;
}

void
ui_login_open(struct ui *ui, const char *message)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_login		*l;
	const struct vt_session	*sess;

	if (ui_login_top(ui) != NULL)
		return;
	l = xcalloc(1, sizeof *l);
	if (ui->opt->user != NULL)
		l->user = xstrdup(ui->opt->user);
	else if (app->client != NULL &&
	    (sess = vt_client_session(app->client)) != NULL &&
	    sess->username != NULL)
		l->user = xstrdup(sess->username);
	else if (app->cfg.username != NULL)
		l->user = xstrdup(app->cfg.username);
	if (message != NULL)
		l->message = xstrdup(message);
	ui_push(ui, &ui_login_ops, l);
}
