/*
 * vanthu: the interface's connection to the core: configuration, the
 * session, the cache, the outbox, and the clients the worker threads
 * use (include/vanthu/api.h THREADING MODEL: each thread uses its own
 * vt_client, vt_cache and vt_outbox; the curses thread only reads the
 * cache and queues actions, which are local file operations).
 */
#ifndef VANTHU_UI_APP_H
#define VANTHU_UI_APP_H

#include <pthread.h>
#include <stdbool.h>

#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/config.h"
#include "vanthu/outbox.h"

struct ui;

struct ui_app {
	struct vt_config	 cfg;
	bool			 have_cfg;
	struct vt_client	*client;	/* curses thread: session only */
	char			*cache_dir;	/* this account's cache */
	char			*outbox_dir;	/* this account's outbox */
	struct vt_cache		*cache;		/* curses thread's handle */
	struct vt_outbox	*outbox;	/* curses thread's handle */
	char			*today;		/* YYYY-MM-DD */
	/* A spare client for the workers (reused: one TLS handshake). */
	pthread_mutex_t		 lock;
	struct vt_client	*spare;
	volatile int		 cancel;	/* ask workers to stop */
	bool			 syncing;
	bool			 sync_again;
	/* What the user queued since the last sync sent something: the
	 * message after sending names it ("Comment sent"). */
	char			*last_kind;
	size_t			 nqueued;
};

/* The application of UI. */
struct ui_app	*ui_app(struct ui *ui);

/*
 * For worker threads: a client of their own (ui_app_put_client when
 * done), with progress reported to the title bar and cancellation on
 * quit.  NULL with a message in EB when none can be made.
 */
struct vt_client *ui_app_take_client(struct ui *ui, struct vt_errbuf *eb);
void		 ui_app_put_client(struct ui *ui, struct vt_client *c);

/* Logged in (a session for the configured server)? */
bool		 ui_app_logged_in(struct ui *ui);
/* Open the account's cache and outbox after a login. */
bool		 ui_app_open_account(struct ui *ui);
/* Count pending outbox actions into ui->outbox_pending. */
void		 ui_app_count_outbox(struct ui *ui);
/*
 * Queue an action in the outbox (durably) and start sending it in the
 * background.  DONE_MSG is shown when it is queued.  Returns false with
 * an error message shown when it could not be queued.
 */
bool		 ui_app_queue(struct ui *ui, const struct vt_action_spec *spec,
		     const char *done_msg);
/* Show EB (or CODE's description) as an error on the message line. */
void		 ui_app_error(struct ui *ui, const struct vt_errbuf *eb);

/* ui-login.c */
void		 ui_login_open(struct ui *ui, const char *message);

#endif
