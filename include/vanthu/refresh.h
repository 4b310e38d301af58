/*
 * vanthu: the one refresh policy, "send the outbox, then sync", used by
 * `vanthu sync`, `vanthu inbox`, `vanthu drafts` and the interface (and
 * the dossiers' copy on an explicit sync).
 */
#ifndef VANTHU_REFRESH_H
#define VANTHU_REFRESH_H

#include <stdbool.h>

#include "vanthu/api.h"
#include "vanthu/error.h"
#include "vanthu/outbox.h"

struct vt_cache;

/* What a refresh did. */
struct vt_refresh_result {
	struct vt_flush_result	 flush;		/* what the flush did */
	vt_code			 flush_code;	/* VT_OK, or what stopped it */
	bool			 synced;	/* the sync ran and worked */
	struct vt_sync_result	 sync;		/* when SYNCED */
	bool			 dossiers;	/* vt_refresh_all renewed the
						   dossiers' copy */
	size_t			 dossiers_changed; /* dossiers renewed */
};

/*
 * vt_refresh: send the queued actions of OUTBOX (NULL: none) through C
 * (vt_outbox_flush), then bring CACHE up to date (vt_sync).  Decided
 * once for every caller: when the flush stopped because the server
 * cannot be reached (VT_ERR_NETWORK, VT_ERR_TLS) or the session is no
 * longer valid (VT_ERR_EXPIRED, VT_ERR_AUTH), the sync is not tried
 * (the server would not answer it either, and a slow link would be
 * waited for twice); after any other trouble with the flush (a server
 * error, an action refused for good) the sync still runs.
 * Returns VT_OK when both worked; else the sync's error when the sync
 * failed or did not run, else the flush's; EB describes the returned
 * code.  RES (required) says what each part did.
 */
vt_code	 vt_refresh(struct vt_client *c, struct vt_outbox *outbox,
	     struct vt_cache *cache, struct vt_refresh_result *res,
	     struct vt_errbuf *eb);

/*
 * vt_refresh_all: vt_refresh, then, when its sync worked, the offline
 * copy of the work dossiers (vt_dossier_sync, vanthu/dossier.h; the
 * open ones checked again when documents changed).  For a refresh the
 * person asked for (`vanthu sync`, the interface's sync): the implicit
 * refresh of `vanthu inbox` stays one request when nothing is new.
 * Returns vt_refresh's code, else the dossiers' (RES->dossiers false).
 */
vt_code	 vt_refresh_all(struct vt_client *c, struct vt_outbox *outbox,
	     struct vt_cache *cache, struct vt_refresh_result *res,
	     struct vt_errbuf *eb);

/*
 * vt_refresh_summary: what the sync and the dossiers' part of RES
 * brought, in one sentence or two for people, in the user's language
 * (gettext, ngettext for the counts; no newline): "Up to date.",
 * "Updated: 2 changed, 1 removed.", "Updated: 61 documents and drafts,
 * listed in full.", then "Work dossiers: 1 updated." when a dossier
 * was.  The command line prints it and the interface shows it, so both
 * say the same.  Returns a new string the caller frees, or NULL when
 * the sync did not run (RES->synced false), or when no document
 * changed and the dossiers' part failed (not "up to date": the caller
 * shows the error).  For the result of vt_refresh_all.
 */
char	*vt_refresh_summary(const struct vt_refresh_result *res);

#endif
