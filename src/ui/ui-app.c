/*
 * vanthu: the application glue of the terminal interface: configuration
 * and key bindings, the session, the cache and outbox of the account,
 * the first screen, and sync in a worker thread.
 *
 * Offline first: the inbox is drawn from the cache before anything
 * touches the network; the sync runs in a worker that never calls
 * curses, and the lists are reloaded from the cache when it is done.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/api.h"
#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/refresh.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-data.h"
#include "ui-int.h"
#include "ui-screens.h"

struct ui_app *
ui_app(struct ui *ui)
{
	return ui->app;
}

void
ui_app_error(struct ui *ui, const struct vt_errbuf *eb)
{
	char	msg[700];

	ui_error(ui, "%s", vt_errbuf_message(eb, msg, sizeof msg));
}

/* Progress of a worker's transfer; nonzero cancels it (on quit). */
static int
ui_app_progress(void *arg, uint64_t done, uint64_t total)
{
	struct ui	*ui = arg;

	ui_job_progress(ui, (long long)done, (long long)total);
	return __atomic_load_n(&ui_app(ui)->cancel, __ATOMIC_RELAXED);
}

struct vt_client *
ui_app_take_client(struct ui *ui, struct vt_errbuf *eb)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_client	*c;

	pthread_mutex_lock(&app->lock);
	c = app->spare;
	app->spare = NULL;
	pthread_mutex_unlock(&app->lock);
	if (c == NULL && vt_client_new(&app->cfg, &c, eb) != VT_OK)
		return NULL;
	vt_http_set_progress(vt_client_http(c), ui_app_progress, ui);
	return c;
}

void
ui_app_put_client(struct ui *ui, struct vt_client *c)
{
	struct ui_app	*app = ui_app(ui);

	if (c == NULL)
		return;
	pthread_mutex_lock(&app->lock);
	if (app->spare == NULL) {
		app->spare = c;
		c = NULL;
	}
	pthread_mutex_unlock(&app->lock);
	vt_client_free(c);
}

bool
ui_app_logged_in(struct ui *ui)
{
	struct ui_app	*app = ui_app(ui);

	return app->client != NULL && vt_client_logged_in(app->client);
}

void
ui_app_count_outbox(struct ui *ui)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_action	*a = NULL;
	size_t			 n = 0, i;
	int			 pending = 0;

	if (app->outbox == NULL ||
	    vt_outbox_list(app->outbox, &a, &n, NULL) != VT_OK)
		return;
	for (i = 0; i < n; i++)
		pending += !a[i].failed && !a[i].damaged;
	vt_action_list_free(a, n);
	if (pending != ui->outbox_pending)
		ui->dirty_title = true;
	ui->outbox_pending = pending;
}

bool
ui_app_open_account(struct ui *ui)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_errbuf	 eb;
	char			*base;

	memset(&eb, 0, sizeof eb);
	vt_cache_close(app->cache);
	vt_outbox_close(app->outbox);
	app->cache = NULL;
	app->outbox = NULL;
	free(app->cache_dir);
	free(app->outbox_dir);
	app->cache_dir = app->outbox_dir = NULL;

	base = vt_cache_dir();
	if (vt_client_account_dir(app->client, base, &app->cache_dir, &eb) !=
	    VT_OK || vt_cache_open(app->cache_dir, &app->cache, &eb) !=
	    VT_OK) {
		free(base);
		ui_app_error(ui, &eb);
		return false;
	}
	free(base);
	base = vt_state_dir();
	{
		char	*ob = xasprintf("%s/outbox", base);

		if (vt_client_account_dir(app->client, ob, &app->outbox_dir,
		    &eb) != VT_OK || vt_outbox_open(app->outbox_dir,
		    &app->outbox, &eb) != VT_OK)
			ui_app_error(ui, &eb);
		free(ob);
	}
	free(base);
	ui_app_count_outbox(ui);
	return true;
}

/* ---- Sync in a worker ----------------------------------------------- */

struct ui_sync_job {
	struct ui		*ui;
	vt_code			 code;
	struct vt_errbuf	 eb;
	struct vt_refresh_result refresh;
	struct vt_errbuf	 outbox_eb;	/* the outbox did not open */
};

static void
ui_sync_run(void *arg)
{
	struct ui_sync_job	*j = arg;
	struct ui_app		*app = ui_app(j->ui);
	struct vt_client	*c;
	struct vt_cache		*cache = NULL;
	struct vt_outbox	*ob = NULL;

	if ((c = ui_app_take_client(j->ui, &j->eb)) == NULL) {
		j->code = j->eb.code;
		return;
	}
	/* The one refresh policy: what the user did goes out first.  An
	   outbox that does not open is said, not skipped in silence. */
	if (app->outbox_dir == NULL)
		vt_fail(&j->outbox_eb, VT_ERR_IO, _("the account's outbox "
		    "folder is not known"));
	else if (vt_outbox_open(app->outbox_dir, &ob, &j->outbox_eb) != VT_OK)
		ob = NULL;
	j->code = vt_cache_open(app->cache_dir, &cache, &j->eb);
	if (j->code == VT_OK)
		j->code = vt_refresh_all(c, ob, cache, &j->refresh, &j->eb);
	vt_cache_close(cache);
	vt_outbox_close(ob);
	ui_app_put_client(j->ui, c);
}

static bool
ui_code_offline(vt_code code)
{
	return code == VT_ERR_NETWORK || code == VT_ERR_TLS ||
	    code == VT_ERR_SERVER || code == VT_ERR_OFFLINE ||
	    code == VT_ERR_HTTP;
}

static void
ui_reload_screens(struct ui *ui)
{
	struct ui_screen	*s;

	for (s = ui->top; s != NULL; s = s->below) {
		if (s->ops->reload != NULL)
			s->ops->reload(ui, s);
	}
	ui_dirty_all(ui);
}

/* The clerk's word for what was just sent: "Comment sent" (the one
   table of vanthu/actions.h). */
static const char *
ui_app_sent_name(const char *kind)
{
	return vt_act_message(vt_act_kind_parse(kind));
}

static void
ui_app_sent_message(struct ui *ui, size_t sent)
{
	struct ui_app	*app = ui_app(ui);

	if (sent == 1 && app->nqueued == 1)
		ui_message(ui, "%s", ui_app_sent_name(app->last_kind));
	else if (sent == 1)
		ui_message(ui, _("Sent: 1 action that was waiting"));
	else
		ui_message(ui, _("Sent: %zu actions that were waiting"), sent);
	free(app->last_kind);
	app->last_kind = NULL;
	app->nqueued = 0;
}

static void
ui_sync_done(struct ui *ui, void *arg)
{
	struct ui_sync_job	*j = arg;
	struct ui_app		*app = ui_app(ui);
	char			*summary;

	app->syncing = false;
	ui->dirty_title = true;
	if (j->code == VT_OK) {
		ui->online = true;
		ui->online_known = true;
		if (j->refresh.flush.sent > 0)
			ui_app_sent_message(ui, j->refresh.flush.sent);
		else if ((summary = vt_refresh_summary(&j->refresh)) !=
		    NULL) {
			/* The words of `vanthu sync`. */
			ui_message(ui, "%s", summary);
			free(summary);
		}
	} else if (j->code == VT_ERR_CANCELLED) {
		/* Quitting. */
	} else if (j->code == VT_ERR_EXPIRED || j->code == VT_ERR_AUTH) {
		ui->online = true;
		ui->online_known = true;
		ui_login_open(ui, _("The session has ended: please log in "
		    "again (nothing waiting to be sent is lost)"));
	} else {
		if (ui_code_offline(j->code)) {
			ui->online = false;
			ui->online_known = true;
		}
		ui_app_error(ui, &j->eb);
	}
	if (j->refresh.flush.failed > 0)
		ui_error(ui, ngettext("%zu action was refused by the server; "
		    "see the outbox (4)", "%zu actions were refused by the "
		    "server; see the outbox (4)", j->refresh.flush.failed),
		    j->refresh.flush.failed);
	ui_app_count_outbox(ui);
	if (j->code != VT_ERR_CANCELLED)
		ui_reload_screens(ui);
	/* Last, so that it stays on the status line. */
	if (j->outbox_eb.code != VT_OK && j->code != VT_ERR_CANCELLED)
		ui_error(ui, _("What waits to be sent was not sent: the "
		    "outbox cannot be opened (%s)"), j->outbox_eb.detail);
	free(j);
	if (app->sync_again && !app->cancel) {
		app->sync_again = false;
		ui_app_sync(ui);
	}
}

void
ui_app_sync(struct ui *ui)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_sync_job	*j;

	if (ui->opt->offline) {
		ui_message(ui, _("Working offline (--offline): nothing is "
		    "sent or fetched"));
		return;
	}
	if (!ui_app_logged_in(ui) || app->cache_dir == NULL) {
		ui_login_open(ui, NULL);
		return;
	}
	if (app->syncing) {
		app->sync_again = true;
		return;
	}
	app->syncing = true;
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	ui_job_start(ui, _("Synchronising"), ui_sync_run, ui_sync_done, j);
}

bool
ui_app_queue(struct ui *ui, const struct vt_action_spec *spec,
    const char *done_msg)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_errbuf	 eb;

	memset(&eb, 0, sizeof eb);
	if (app->outbox == NULL) {
		ui_error(ui, _("Not logged in: log in first"));
		return false;
	}
	if (vt_outbox_add(app->outbox, spec, NULL, &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		return false;
	}
	ui_app_count_outbox(ui);
	free(app->last_kind);
	app->last_kind = xstrdup(spec->kind);
	app->nqueued++;
	ui_message(ui, "%s", done_msg);
	if (!ui->opt->offline)
		ui_app_sync(ui);
	return true;
}

/* ---- Start and stop ------------------------------------------------- */

/* make demo's note (the token's PIN) on the status line at start. */
static void
ui_app_demo_note(struct ui *ui)
{
	const char	*note = getenv("VANTHU_DEMO_NOTE");
	char		*safe;

	if (note == NULL || *note == '\0')
		return;
	safe = vt_text_safe(note, strlen(note), 0);
	ui_message(ui, "%s", safe);
	free(safe);
}

/* Over SSH, a round trip this long or longer is a slow link. */
#define SLOW_RTT_MS	150

/*
 * The slow-link display (config slow_link = yes, no or auto; auto, the
 * default, turns it on when the terminal's line speed is known and
 * below 38400 baud, or over SSH (SSH_CONNECTION or SSH_TTY set) when
 * the terminal takes SLOW_RTT_MS or more to answer a cursor position
 * request (or does not within 2 s), measured once at start): see
 * ui_list_slow_link.  (A value other than these is refused when the
 * configuration is read, lib/config.c.)
 */
static void
ui_app_slow_link(const struct vt_config *cfg)
{
	int	baud, rtt;

	switch (cfg->slow_link) {
	case VT_SLOW_LINK_YES:
		ui_list_slow_link(true);
		return;
	case VT_SLOW_LINK_NO:
		ui_list_slow_link(false);
		return;
	case VT_SLOW_LINK_AUTO:
		break;
	}
	baud = baudrate();
	if (baud > 0 && baud < 38400)
		ui_list_slow_link(true);
	else if (getenv("SSH_CONNECTION") != NULL ||
	    getenv("SSH_TTY") != NULL) {
		/* No answer in 2 s: at least that slow. */
		rtt = ui_term_rtt_ms(2000);
		ui_list_slow_link(rtt < 0 || rtt >= SLOW_RTT_MS);
	} else
		ui_list_slow_link(false);
}

void
ui_app_start(struct ui *ui)
{
	struct ui_app		*app = xcalloc(1, sizeof *app);
	struct vt_errbuf	 eb;
	const struct vt_cli	*cli = ui->opt->cli;
	char			 today[11];

	memset(&eb, 0, sizeof eb);
	ui->app = app;
	pthread_mutex_init(&app->lock, NULL);
	vt_today(today);
	app->today = xstrdup(today);
	/* libcurl starts with the first request (vt_http_request, once,
	   thread-safe): reading the cache never loads it. */
	if (vt_config_load(&app->cfg, cli != NULL ? cli->config_path : NULL,
	    cli != NULL ? cli->server_url : NULL,
	    cli != NULL ? cli->ca_file : NULL, &eb) == VT_OK)
		app->have_cfg = true;
	else {
		memset(&app->cfg, 0, sizeof app->cfg);
		ui_app_error(ui, &eb);
	}
	if (app->have_cfg) {
		ui_keys_load_config(ui, &app->cfg);
		ui_app_slow_link(&app->cfg);
	}

	if (app->have_cfg && app->cfg.server != NULL &&
	    vt_client_new(&app->cfg, &app->client, &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		app->client = NULL;
	}
	/* The inbox from the cache, at once. */
	if (ui_app_logged_in(ui))
		ui_app_open_account(ui);
	ui_inbox_open_screen(ui);
	ui_app_demo_note(ui);
	/* Online, libcurl is needed at once: load it here, on the main
	   thread, so that a library that cannot be loaded ends the program
	   (vanthu/lazy.h) before a worker thread runs beside the drawing. */
	if (!ui->opt->offline && vt_http_global_init() != VT_OK) {
		vt_fail(&eb, VT_ERR_INTERNAL, _("libcurl could not start "
		    "(curl_global_init failed)"));
		ui_app_error(ui, &eb);
	}
	if (!ui_app_logged_in(ui)) {
		if (!ui->opt->offline)
			ui_login_open(ui, NULL);
		return;
	}
	if (!ui->opt->offline)
		ui_app_sync(ui);
}

void
ui_app_stop(struct ui *ui)
{
	struct ui_app	*app = ui_app(ui);

	if (app == NULL)
		return;
	vt_client_free(app->spare);
	vt_client_free(app->client);
	vt_cache_close(app->cache);
	vt_outbox_close(app->outbox);
	free(app->cache_dir);
	free(app->outbox_dir);
	free(app->today);
	free(app->last_kind);
	if (app->have_cfg)
		vt_config_free(&app->cfg);
	pthread_mutex_destroy(&app->lock);
	free(app);
	ui->app = NULL;
}

/* Ask running workers to stop (called before waiting for them). */
void
ui_app_cancel(struct ui *ui)
{
	struct ui_app	*app = ui_app(ui);

	if (app != NULL)
		__atomic_store_n(&app->cancel, 1, __ATOMIC_RELAXED);
}
