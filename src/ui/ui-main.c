/*
 * vanthu: the terminal interface's main loop, windows, screen stack and
 * background jobs.
 *
 * One thread (this one) touches curses.  The SIGWINCH handler only sets
 * a flag; the loop waits in ppoll() with SIGWINCH unblocked only there,
 * so a resize is never missed.  Jobs run in worker threads that never
 * call curses; they write one byte to a pipe when done.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/lazy.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"
#include "ui-screens.h"

struct ui_job {
	char			*what;
	ui_job_run_fn		 run;
	ui_job_done_fn		 done;
	void			*arg;
	pthread_t		 thread;
	volatile int		 finished;	/* set by the worker */
	struct ui_job		*next;
};

static volatile sig_atomic_t	ui_winch;
static pthread_mutex_t		ui_progress_lock = PTHREAD_MUTEX_INITIALIZER;
static long long		ui_progress_now, ui_progress_total;

static void
ui_on_winch(int sig)
{
	(void)sig;
	ui_winch = 1;
}

int
ui_body_height(const struct ui *ui)
{
	int	h = ui->rows - 4;

	return h < 1 ? 1 : h;
}

/* (Re)create the four windows for the current terminal size. */
static void
ui_layout(struct ui *ui)
{
	int	h;

	if (ui->wtitle != NULL) {
		delwin(ui->wtitle);
		delwin(ui->wbody);
		delwin(ui->wmsg);
		delwin(ui->wkeys);
	}
	ui->lines = LINES;
	ui->columns = COLS;
	ui->rows = LINES < 5 ? 5 : LINES;
	ui->cols = COLS < 20 ? 20 : COLS;
	h = ui_body_height(ui);
	ui->wtitle = newwin(1, ui->cols, 0, 0);
	ui->wbody = newwin(h, ui->cols, 1, 0);
	ui->wmsg = newwin(1, ui->cols, ui->rows - 3, 0);
	ui->wkeys = newwin(2, ui->cols, ui->rows - 2, 0);
	/* Let doupdate() scroll with insert/delete line: few bytes. */
	idlok(ui->wbody, TRUE);
	keypad(ui->wmsg, TRUE);
	nodelay(ui->wmsg, TRUE);
	leaveok(ui->wbody, TRUE);
	leaveok(ui->wtitle, TRUE);
	leaveok(ui->wkeys, TRUE);
	ui_dirty_all(ui);
}

void
ui_dirty_all(struct ui *ui)
{
	ui->dirty_title = ui->dirty_body = true;
	ui->dirty_msg = ui->dirty_keys = true;
	ui_list_redraw_all();
}

void
ui_push(struct ui *ui, const struct ui_screen_ops *ops, void *data)
{
	struct ui_screen	*s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	s->below = ui->top;
	ui->top = s;
	ui_dirty_all(ui);
}

void
ui_pop(struct ui *ui)
{
	struct ui_screen	*s = ui->top;

	if (s == NULL)
		return;
	ui->top = s->below;
	if (s->ops->free != NULL)
		s->ops->free(s);
	free(s);
	if (ui->top == NULL)
		ui->quit = true;
	else if (ui->top->ops->reload != NULL)
		ui->top->ops->reload(ui, ui->top);
	ui_dirty_all(ui);
}

static void
ui_vmessage(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	ui->msg_error = error;
	ui->dirty_msg = true;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, false, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_vmessage(ui, true, fmt, ap);
	va_end(ap);
	beep();
}

void
ui_paint(struct ui *ui)
{
	if (ui->top == NULL)
		return;
	if (ui->dirty_title) {
		ui_draw_title(ui);
		wnoutrefresh(ui->wtitle);
		ui->dirty_title = false;
	}
	if (ui->dirty_body) {
		ui->top->ops->draw(ui, ui->top, ui->wbody);
		wnoutrefresh(ui->wbody);
		ui->dirty_body = false;
	}
	if (ui->dirty_keys) {
		ui_draw_keys(ui);
		wnoutrefresh(ui->wkeys);
		ui->dirty_keys = false;
	}
	if (ui->dirty_msg) {
		ui_draw_msg(ui);
		ui->dirty_msg = false;
	}
	/* An open prompt or question: drawn again over whatever came. */
	if (ui->overlay != NULL)
		ui->overlay(ui, ui->overlay_arg);
	/* The message line is last so that the cursor rests there. */
	wnoutrefresh(ui->wmsg);
	doupdate();
}

/*
 * The terminal changed size: the signal handler only set a flag; here
 * curses learns the new size (resizeterm also queues a KEY_RESIZE,
 * which then finds nothing left to do) and every window is laid out
 * and drawn again.
 */
static void
ui_handle_resize(struct ui *ui)
{
	struct winsize	ws;

	ui_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	if (LINES == ui->lines && COLS == ui->columns)
		return;
	ui_layout(ui);
	/* After a resize the old picture is gone: draw it all again. */
	clearok(curscr, TRUE);
}

/* Write the wake-up byte: separate so the job struct stays simple. */
struct ui_job_start {
	struct ui_job	*job;
	int		 fd;
};

static void *
ui_job_main(void *p)
{
	struct ui_job_start	*st = p;
	struct ui_job		*j = st->job;
	int			 fd = st->fd;
	char			 c = 1;

	free(st);
	j->run(j->arg);
	__atomic_store_n(&j->finished, 1, __ATOMIC_RELEASE);
	while (write(fd, &c, 1) == -1 && errno == EINTR)
		;
	return NULL;
}

void
ui_job_start(struct ui *ui, const char *what, ui_job_run_fn run,
    ui_job_done_fn done, void *arg)
{
	struct ui_job		*j = xcalloc(1, sizeof *j);
	struct ui_job_start	*st = xmalloc(sizeof *st);

	j->what = xstrdup(what);
	j->run = run;
	j->done = done;
	j->arg = arg;
	st->job = j;
	st->fd = ui->pipe_wr;
	pthread_mutex_lock(&ui_progress_lock);
	ui_progress_now = ui_progress_total = 0;
	pthread_mutex_unlock(&ui_progress_lock);
	if (pthread_create(&j->thread, NULL, ui_job_main, st) != 0) {
		/* No thread: run it here; the screen waits, nothing is lost. */
		free(st);
		run(arg);
		done(ui, arg);
		free(j->what);
		free(j);
		return;
	}
	j->next = ui->jobs;
	ui->jobs = j;
	ui->dirty_title = true;
}

bool
ui_job_busy(const struct ui *ui)
{
	return ui->jobs != NULL;
}

void
ui_job_progress(struct ui *ui, long long now, long long total)
{
	(void)ui;
	pthread_mutex_lock(&ui_progress_lock);
	ui_progress_now = now;
	ui_progress_total = total;
	pthread_mutex_unlock(&ui_progress_lock);
}

/* Percentage of the running transfer, or -1 when unknown. */
int
ui_job_percent(void)
{
	long long	now, total;

	pthread_mutex_lock(&ui_progress_lock);
	now = ui_progress_now;
	total = ui_progress_total;
	pthread_mutex_unlock(&ui_progress_lock);
	if (total <= 0)
		return -1;
	return (int)(now * 100 / total);
}

/* The name of the job running, for the title bar; NULL if none. */
const char *
ui_job_what(const struct ui *ui)
{
	return ui->jobs != NULL ? ui->jobs->what : NULL;
}

static void
ui_reap_jobs(struct ui *ui)
{
	struct ui_job	**pp = &ui->jobs, *j;
	char		  buf[64];

	while (read(ui->pipe_rd, buf, sizeof buf) > 0)
		;
	while ((j = *pp) != NULL) {
		if (!__atomic_load_n(&j->finished, __ATOMIC_ACQUIRE)) {
			pp = &j->next;
			continue;
		}
		*pp = j->next;
		pthread_join(j->thread, NULL);
		j->done(ui, j->arg);
		free(j->what);
		free(j);
		ui->dirty_title = true;
	}
}

static void
ui_wait_jobs(struct ui *ui)
{
	while (ui->jobs != NULL) {
		struct pollfd	pfd = { ui->pipe_rd, POLLIN, 0 };

		poll(&pfd, 1, 200);
		ui_reap_jobs(ui);
	}
}

/*
 * Follow the connection as each request attempt finds it (the core's
 * vt_http_link), so the title bar says "offline" within a moment of a
 * failed request, not after every retry.  Only changes count: the end
 * of a sync may know better (a server answering 500).
 */
static void
ui_poll_link(struct ui *ui)
{
	static int	seen = VT_LINK_UNKNOWN;
	int		link = vt_http_link();

	if (link == seen || ui->opt == NULL || ui->opt->offline)
		return;
	seen = link;
	if (link == VT_LINK_UNKNOWN)
		return;
	ui->online = link == VT_LINK_UP;
	ui->online_known = true;
	ui->dirty_title = true;
}

int
ui_next_key(struct ui *ui)
{
	sigset_t	 unblocked;
	struct pollfd	 pfd[2];
	wint_t		 wch;
	int		 r;
	bool		 paint = true;

	sigemptyset(&unblocked);
	for (;;) {
		if (ui_winch) {
			ui_handle_resize(ui);
			paint = true;
		}
		ui_poll_link(ui);
		/* Painted before waiting; then again only when something
		   came besides keys (a job, a resize, the spinner). */
		if (paint || ui->dirty_title || ui->dirty_body ||
		    ui->dirty_keys || ui->dirty_msg)
			ui_paint(ui);
		paint = false;
		r = wget_wch(ui->wmsg, &wch);
		if (r == KEY_CODE_YES) {
			if (wch == KEY_RESIZE) {
				ui_handle_resize(ui);
				paint = true;
				continue;
			}
			return (int)wch;
		}
		/* Ctrl-C (ui_ctrl_c_as_key) cancels as Esc does. */
		if (r == OK && wch == 3)
			return UI_KEY_ESC;
		if (r == OK)
			return wch < 0x80 && wch != ' ' &&
			    (wch < 0x20 || wch == 0x7f) ? (int)wch :
			    UI_KEY_CHAR + (int)wch;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = ui->pipe_rd;
		pfd[1].events = POLLIN;
		if (ui->jobs != NULL) {
			struct timespec	ts = { 0, 250 * 1000 * 1000 };

			r = ppoll(pfd, 2, &ts, &unblocked);
			ui->spin++;
			ui->dirty_title = true;
		} else
			r = ppoll(pfd, 2, NULL, &unblocked);
		if (r > 0 && (pfd[1].revents & POLLIN)) {
			ui_reap_jobs(ui);
			paint = true;
		}
		if (r > 0 && (pfd[0].revents & (POLLHUP | POLLERR)) &&
		    !(pfd[0].revents & POLLIN)) {
			ui->quit = true;
			return 'q' + UI_KEY_CHAR;
		}
	}
}

/*
 * Quitting with work pending (actions in the outbox, a transfer
 * running): ask, the question first.  True to quit.
 */
static bool
ui_quit_confirmed(struct ui *ui)
{
	char	q[300];

	/* A sync or a download under way just stops: nothing is lost. */
	if (ui->outbox_pending <= 0)
		return true;
	snprintf(q, sizeof q, ngettext("Quit vanthu? %d action is not sent "
	    "yet; it is kept and sent next time.", "Quit vanthu? %d actions "
	    "are not sent yet; they are kept and sent next time.",
	    ui->outbox_pending), ui->outbox_pending);
	if (ui_confirm(ui, q))
		return true;
	ui_message(ui, _("Not quitting"));
	return false;
}

void
ui_suspend(struct ui *ui)
{
	(void)ui;
	def_prog_mode();
	endwin();
}

void
ui_resume(struct ui *ui)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	ui_dirty_all(ui);
}

/* A library that cannot be loaded ends the program (vanthu/lazy.h):
   give the terminal back first. */
static void
ui_fatal_restore(void)
{
	if (!isendwin())
		endwin();
}

/*
 * Ctrl-C reaches us as a key, not as SIGINT, while the interface runs:
 * users who press it to copy, or by habit, must not lose what they were
 * typing (it reads as Esc: ui_next_key).  The shell's mode, saved by
 * newterm, gives it back at exit and on Ctrl-Z.
 */
static void
ui_ctrl_c_as_key(void)
{
	struct termios	t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

/* Start curses: short ESCDELAY, no echo, keypad, colours if any. */
static bool
ui_start_curses(struct ui *ui)
{
	struct sigaction	sa;
	sigset_t		set;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("%s: the interface needs a terminal; "
		    "see '%s --help' for the commands\n"), PACKAGE, PACKAGE);
		return false;
	}
	if (!ui_term_can_address()) {
		fprintf(stderr, _("%s: this terminal (TERM=%s) cannot move the "
		    "cursor, so the interface cannot run here.\nUse the "
		    "commands instead, for example '%s inbox' and '%s show "
		    "ID'; '%s --help' lists them.\n"), PACKAGE,
		    getenv("TERM") != NULL ? getenv("TERM") : "", PACKAGE,
		    PACKAGE, PACKAGE);
		return false;
	}
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if (newterm(NULL, stdout, stdin) == NULL) {
		fprintf(stderr, _("%s: cannot use this terminal (TERM=%s)\n"),
		    PACKAGE, getenv("TERM") ? getenv("TERM") : "");
		return false;
	}
	vt_lazy_on_fatal(ui_fatal_restore);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	ui_ctrl_c_as_key();
	keypad(stdscr, TRUE);
	ui->colours = has_colors();
	ui_styles_init();

	/* Our own SIGWINCH handler: it only sets a flag. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_winch;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	/* Blocked except inside ppoll(), so it is never missed. */
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	ui_layout(ui);
	curs_set(0);
	return true;
}

int
vt_ui_run(const struct vt_ui_options *opt)
{
	struct ui	ui;
	int		fds[2];

	memset(&ui, 0, sizeof ui);
	ui.opt = opt;
	/*
	 * Documents are Vietnamese whatever the language of the messages:
	 * in a locale without UTF-8 (LANG=C) draw characters as UTF-8.
	 */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (pipe(fds) == -1) {
		perror(PACKAGE);
		return 1;
	}
	ui.pipe_rd = fds[0];
	ui.pipe_wr = fds[1];
	fcntl(ui.pipe_rd, F_SETFL, O_NONBLOCK);
	fcntl(ui.pipe_rd, F_SETFD, FD_CLOEXEC);
	fcntl(ui.pipe_wr, F_SETFD, FD_CLOEXEC);
	ui_keys_init();
	if (!ui_start_curses(&ui)) {
		ui_keys_free();
		return 1;
	}
	ui_app_start(&ui);
	while (!ui.quit && ui.top != NULL) {
		int		key = ui_next_key(&ui);
		enum ui_fn	fn;

		if (ui.quit)
			break;
		fn = ui_keys_lookup(ui.top->ops->map, key);
		/* On the login form, letters are typed into it, except the
		 * keys of help, back and quit its hints show. */
		if (key > UI_KEY_CHAR + ' ' && fn != UI_FN_HELP &&
		    fn != UI_FN_BACK && fn != UI_FN_QUIT &&
		    ui.top->ops->key != NULL &&
		    strcmp(ui.top->ops->map, "login") == 0 &&
		    ui.top->ops->key(&ui, ui.top, key))
			continue;
		if (ui.msg[0] != '\0' && fn != UI_FN_NONE) {
			ui.msg[0] = '\0';
			ui.dirty_msg = true;
		}
		if (fn == UI_FN_HELP) {
			ui_help_open(&ui, ui.top);
			continue;
		}
		if (fn != UI_FN_NONE && !ui_fn_allowed(&ui, ui.top->ops->map,
		    fn)) {
			ui_fn_refuse(&ui, ui.top->ops->map, fn);
			continue;
		}
		if (fn == UI_FN_REDRAW) {
			clearok(curscr, TRUE);
			ui_dirty_all(&ui);
			continue;
		}
		if (fn != UI_FN_NONE && ui.top->ops->action(&ui, ui.top, fn))
			continue;
		if (fn == UI_FN_BACK) {
			/* Esc goes back, but never out of vanthu; on the
			   first screen it first takes a search or filter
			   away (the screen's key handler). */
			if (ui.top->below == NULL && key == UI_KEY_ESC &&
			    ui.top->ops->key != NULL &&
			    ui.top->ops->key(&ui, ui.top, key))
				continue;
			if (ui.top->below == NULL && key == UI_KEY_ESC)
				ui_message(&ui, _("This is the first screen; "
				    "to leave vanthu press %s"), ui_key_name(
				    ui_keys_leave_key(ui.top->ops->map)));
			else if (ui.top->below != NULL ||
			    ui_quit_confirmed(&ui))
				ui_pop(&ui);
			continue;
		}
		if (fn == UI_FN_QUIT) {
			ui.quit = ui_quit_confirmed(&ui);
			continue;
		}
		if (ui.top->ops->key != NULL && ui.top->ops->key(&ui, ui.top,
		    key))
			continue;
		if (fn == UI_FN_NONE)
			ui_message(&ui, _("Key %s does nothing here; press ? "
			    "for help"), ui_key_name(key));
	}
	ui_app_cancel(&ui);
	ui_wait_jobs(&ui);
	while (ui.top != NULL) {
		struct ui_screen *s = ui.top;

		ui.top = s->below;
		if (s->ops->free != NULL)
			s->ops->free(s);
		free(s);
	}
	delwin(ui.wtitle);
	delwin(ui.wbody);
	delwin(ui.wmsg);
	delwin(ui.wkeys);
	endwin();
	ui_app_stop(&ui);
	ui_keys_free();
	close(ui.pipe_rd);
	close(ui.pipe_wr);
	return 0;
}
