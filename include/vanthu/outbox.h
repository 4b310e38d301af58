/*
 * vanthu: the outbox, a durable queue of actions sent to the server
 * exactly once (with the server's Idempotency-Key, docs/api.md
 * section 1).
 *
 * Every action (comment, assign, forward, complete, return, annotate,
 * approve, signed upload...) is first written to the outbox, then
 * sent.  The outbox is a directory in $XDG_STATE_HOME/vanthu/outbox/
 * ACCOUNT/ laid out as a maildir: an action is written to tmp/NAME,
 * fsynced, and renamed into new/NAME (the directory fsynced too); so
 * after a crash an action is either wholly queued or absent.  NAME
 * sorts by creation time.  Each file holds one line of JSON metadata
 * (its Idempotency-Key: 128 bits from getrandom(2) as a UUID, method,
 * path, content type, what it is) followed by the request body.
 *
 * Sending (vt_outbox_flush) takes an exclusive flock(2) on the outbox,
 * so two vanthu processes (or the TUI's worker thread and a command)
 * never send the same action at the same time.  Then for each action,
 * oldest first:
 *   2xx (also a replayed answer)  -> done: the file is removed;
 *   network error, 408, 429, 5xx  -> stays pending (reason recorded);
 *                                    the flush stops there;
 *   401                           -> stays pending; the flush stops
 *                                    with VT_ERR_EXPIRED/VT_ERR_AUTH
 *                                    (log in again, then flush);
 *   other 4xx                     -> moved to failed/ with the server's
 *                                    reason; never retried.
 * A crash between the server's answer and the removal re-sends the
 * action after restart with the same key: the server replays its
 * stored answer and does nothing twice.
 */
#ifndef VANTHU_OUTBOX_H
#define VANTHU_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"

struct vt_cache;
struct vt_client;
struct vt_outbox;

/* One queued action (as listed; the body is not loaded). */
struct vt_action {
	char	*name;		/* file name in the outbox */
	char	*key;		/* Idempotency-Key */
	char	*kind;		/* "comment", "assign", "annotate"... */
	char	*target;	/* document or draft id */
	char	*summary;	/* one line for people, safe text */
	char	*method;	/* "POST" */
	char	*path;		/* "/incoming/i12/comments" (under /api/v1) */
	char	*content_type;
	char	*created_at;	/* ISO 8601 */
	int	 attempts;	/* sends tried so far */
	bool	 failed;	/* refused for good (in failed/) */
	char	*reason;	/* why it failed or is still pending, or NULL */
	/*
	 * A file of the outbox that cannot be read as an action (local
	 * damage: truncated, not JSON, a field missing, not a regular
	 * file, too large).  It is listed, never sent, never counted as
	 * refused by the server.  PROBLEM says what is wrong and what to
	 * do (user's language); SUMMARY holds whatever text of it could
	 * be recovered; FILE is its path.
	 */
	bool	 damaged;
	char	*problem;
	char	*file;
	/*
	 * What people call the target (filled by vt_outbox_name_targets,
	 * else NULL): the document's number and notation ("15/QĐ-UBND"),
	 * or its type name when it has no number yet ("Quyết định"), and
	 * its subject (trích yếu).  Safe text.
	 */
	char	*number_notation;
	char	*subject;
};

/* What to queue (vt_outbox_add copies everything). */
struct vt_action_spec {
	const char	*kind;
	const char	*target;
	const char	*summary;
	const char	*method;	/* NULL: "POST" */
	const char	*path;
	const char	*content_type;	/* NULL: application/json */
	const void	*body;
	size_t		 body_len;
};

/* vt_outbox_open: the outbox in DIR (tmp/ new/ failed/ made, 0700). */
vt_code	 vt_outbox_open(const char *dir, struct vt_outbox **out,
	     struct vt_errbuf *eb);
void	 vt_outbox_close(struct vt_outbox *ob);

/*
 * vt_outbox_add: queue SPEC durably (written and fsynced before this
 * returns) with a new Idempotency-Key.  *NAME (may be NULL) gets the
 * action's name (caller frees).
 */
vt_code	 vt_outbox_add(struct vt_outbox *ob, const struct vt_action_spec *spec,
	     char **name, struct vt_errbuf *eb);

/*
 * vt_outbox_add_once: vt_outbox_add, unless an action of the same kind
 * to the same method and path already waits in the outbox (pending,
 * not refused): for marks that say the same thing however often they
 * are sent ("read").  *NAME (may be NULL) gets the new action's name,
 * or NULL when none was added.  Errors: those of vt_outbox_list and
 * vt_outbox_add.
 */
vt_code	 vt_outbox_add_once(struct vt_outbox *ob,
	     const struct vt_action_spec *spec, char **name,
	     struct vt_errbuf *eb);

/*
 * The "read" mark of an opened incoming document (lib/outbox-read.c;
 * docs/api.md 5, POST /incoming/{id}/read).  Each face marks a
 * document read through these, so that it is marked at most once:
 *
 * vt_read_mark_queue: queue the mark for ID in OB unless one waits
 * there already (vt_outbox_add_once), and remember in CACHE (may be
 * NULL) that the document is read, so that opening it again queues
 * nothing.  *QUEUED (may be NULL) says whether an action was added.
 *
 * vt_read_mark_sent: the server took the mark for ID (or said the
 * document is read): remember it in CACHE's copy of the document and
 * in its row of the cached inbox, so that the lists of both faces and
 * "vanthu inbox --offline" show it read before the next sync.
 *
 * vt_read_mark_post: send the mark for ID now over C (not queued; an
 * Idempotency-Key, so a retry is safe) and, once the server took it,
 * vt_read_mark_sent (a cache that cannot be written is not an error
 * then).  Errors: those of vt_api_post (nothing is remembered).
 *
 * The cached copy is the server's JSON with "read" set to true, kept
 * without its ETag (the next fetch gets the whole document again); the
 * inbox file is written anew (renamed over the old one) only when its
 * row for ID is unread.  Nothing is done when ID is not cached.
 * Errors: VT_ERR_IO from the outbox or the cache, VT_ERR_DAMAGED when
 * the cached copy is not JSON or the inbox file is damaged.
 */
vt_code	 vt_read_mark_queue(struct vt_outbox *ob, struct vt_cache *cache,
	     const char *id, bool *queued, struct vt_errbuf *eb);
vt_code	 vt_read_mark_sent(struct vt_cache *cache, const char *id,
	     struct vt_errbuf *eb);
vt_code	 vt_read_mark_post(struct vt_client *c, struct vt_cache *cache,
	     const char *id, struct vt_errbuf *eb);

/*
 * vt_outbox_list: pending actions (oldest first), then failed ones,
 * then damaged files, into a new array *ACTIONS of *N (free with
 * vt_action_list_free).  Every file in new/, failed/ and tmp/ is
 * accounted for: a complete action left in tmp/ by a process killed
 * between its write and its rename into new/ is moved into new/ first
 * (vt_outbox_recover); a partial temporary file of a dead process is
 * removed.  Errors: VT_ERR_IO when a directory of the outbox cannot be
 * read (never an empty list).
 */
vt_code	 vt_outbox_list(struct vt_outbox *ob, struct vt_action **actions,
	     size_t *n, struct vt_errbuf *eb);
void	 vt_action_list_free(struct vt_action *actions, size_t n);
void	 vt_action_clear(struct vt_action *a);

/*
 * vt_outbox_name_targets: fill NUMBER_NOTATION and SUBJECT of each of
 * the N actions A from the cached inbox and drafts of CACHE (read only;
 * the inbox is streamed, so memory stays small whatever its size).
 * Targets the cache does not hold (not yet synced, a dossier) keep
 * NULL and are shown by their id.  The one naming of the outbox's
 * targets, for the command line and the interface.  Never fails: a
 * missing or damaged cache names nothing.
 */
struct vt_cache;
void	 vt_outbox_name_targets(struct vt_cache *cache, struct vt_action *a,
	     size_t n);

/* vt_action_state_name: A's state in the user's language ("waiting",
   "refused", "damaged"), as both faces show it.  A static string. */
const char *vt_action_state_name(const struct vt_action *a);

/* What a flush did. */
struct vt_flush_result {
	size_t	 sent;		/* sent (or replayed) and removed */
	size_t	 failed;	/* refused for good in this flush */
	size_t	 pending;	/* still waiting (not tried or kept) */
	size_t	 damaged;	/* damaged local files, not sent */
	/* Outcome of the action named WATCH (see vt_outbox_flush). */
	vt_code	 watch_code;	/* VT_OK sent, VT_ERR_OFFLINE kept... */
	char	 watch_detail[512];
	/* The server's answer to WATCH when it was sent (its JSON body, a
	   new string the caller frees), else NULL. */
	char	*watch_answer;
};

/*
 * vt_outbox_flush: send the pending actions as described above, through
 * C.  When WATCH is not NULL, RESULT->watch_code tells what became of
 * that action: VT_OK (sent), VT_ERR_OFFLINE (kept: network or server
 * trouble), VT_ERR_EXPIRED / VT_ERR_AUTH (kept: log in again),
 * VT_ERR_REFUSED / VT_ERR_FORBIDDEN / VT_ERR_NOT_FOUND /
 * VT_ERR_CONFLICT (failed for good; watch_detail has the server's
 * reason).  When an older action stopped the flush before WATCH was
 * tried, WATCH is kept for the same reason: VT_ERR_EXPIRED /
 * VT_ERR_AUTH / VT_ERR_CANCELLED as that action, else VT_ERR_OFFLINE.
 * When another process sent WATCH before this flush took the lock, it
 * is VT_OK (VT_ERR_REFUSED when that process saw it refused).  Returns VT_OK when every action was dealt with, otherwise
 * the code that stopped the flush (VT_ERR_NETWORK, VT_ERR_SERVER,
 * VT_ERR_EXPIRED...) with a detail.  RESULT may be NULL.
 */
vt_code	 vt_outbox_flush(struct vt_outbox *ob, struct vt_client *c,
	     const char *watch, struct vt_flush_result *result,
	     struct vt_errbuf *eb);

/*
 * vt_outbox_recover: account for what a killed process left in tmp/:
 * a complete action file (written and fsynced, not yet renamed) whose
 * writer is no longer running is moved into new/, so it is sent; a
 * partial temporary file (NAME.tmp.PID.N) of a process that is no
 * longer running is removed.  Files of running processes are left
 * alone.  Returns how many actions were moved into new/.  Called by
 * vt_outbox_list and vt_outbox_flush.
 */
size_t	 vt_outbox_recover(struct vt_outbox *ob);

/* vt_outbox_drop: forget the failed, pending or damaged entry NAME. */
vt_code	 vt_outbox_drop(struct vt_outbox *ob, const char *name,
	     struct vt_errbuf *eb);

/*
 * vt_uuid4: a random UUID (RFC 9562 version 4) from getrandom(2) in
 * OUT (37 bytes).  VT_ERR_IO if the kernel's generator fails.
 */
vt_code	 vt_uuid4(char out[37], struct vt_errbuf *eb);

#endif
