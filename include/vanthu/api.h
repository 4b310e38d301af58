/*
 * vanthu: the document server's JSON API (docs/api.md, version 1) over
 * vt_http, with the login session, and the delta sync into the cache.
 *
 * A struct vt_client holds one vt_http (one connection for the whole
 * session), the configuration it was made from, and the session token.
 * Server errors {"error": {"code", "message"}} become vt_codes:
 *   401 token_expired -> VT_ERR_EXPIRED, other 401 -> VT_ERR_AUTH,
 *   403 -> VT_ERR_FORBIDDEN, 404 -> VT_ERR_NOT_FOUND,
 *   409 -> VT_ERR_CONFLICT, other 4xx -> VT_ERR_REFUSED,
 *   5xx -> VT_ERR_SERVER, anything else unexpected -> VT_ERR_HTTP,
 * with the server's message (made terminal-safe) and code as detail.
 * On 401 a client with a re-login callback (vt_client_set_reauth) asks
 * it for the password, logs in again and retries the request once.
 *
 * THREADING MODEL (the TUI relies on it): the core is blocking and
 * thread-safe per object.  A struct vt_client, vt_cache or vt_outbox is
 * used by one thread at a time; different threads may each own their
 * own (the outbox and cache serialise writers across threads and
 * processes with flock(2), and every file they write is replaced
 * atomically, so a reader never sees half a file).  Nothing in the
 * core touches curses or writes to the terminal (except
 * vt_read_password, which the TUI does not call).  So the TUI runs
 * vt_sync() and vt_outbox_flush() in a worker thread with its own
 * vt_client, cancels it through the progress callback (return nonzero;
 * the call then fails with VT_ERR_CANCELLED within about a second, as
 * curl calls it at least once per second), and reloads the cache in the
 * UI thread when the worker reports (e.g. through a pipe) that it is
 * done.  Calling vt_http_global_init() in main() first is recommended.
 */
#ifndef VANTHU_API_H
#define VANTHU_API_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/config.h"
#include "vanthu/error.h"
#include "vanthu/http.h"
#include "vanthu/model.h"
#include "vanthu/session.h"

struct vt_client;

/*
 * Re-login callback: return the password of USERNAME as a new secret
 * buffer (vanthu/secret.h; the client frees it with vt_secret_free(),
 * which wipes it), or NULL to give up (the
 * request then fails with VT_ERR_EXPIRED / VT_ERR_AUTH).
 */
typedef char *(*vt_reauth_fn)(void *arg, const char *username);

/*
 * vt_client_new: a client for the server of CFG (cfg->server must be
 * set: VT_ERR_CONFIG otherwise, or when it is not an https:// URL).
 * CFG must outlive the client.  Loads the stored session if there is
 * one for this server (vt_client_logged_in tells).  Free with
 * vt_client_free.
 */
vt_code		 vt_client_new(const struct vt_config *cfg,
		     struct vt_client **out, struct vt_errbuf *eb);
void		 vt_client_free(struct vt_client *c);

/* Whether a session token is loaded. */
bool		 vt_client_logged_in(const struct vt_client *c);
/*
 * vt_client_logout_reason: when no session is loaded, why (VT_ERR_AUTH
 * with "not logged in to SERVER", a damaged or a not private session
 * file...) copied into EB and returned; VT_OK when logged in.
 */
vt_code		 vt_client_logout_reason(const struct vt_client *c,
		     struct vt_errbuf *eb);
/* The session (username, full_name, role...), or NULL when logged out. */
const struct vt_session *vt_client_session(const struct vt_client *c);
/* The base URL, "https://host:port" (no trailing slash). */
const char	*vt_client_server(const struct vt_client *c);
/* The HTTP client (for progress callbacks and statistics). */
struct vt_http	*vt_client_http(struct vt_client *c);
void		 vt_client_set_reauth(struct vt_client *c, vt_reauth_fn fn,
		     void *arg);

/*
 * vt_client_account_dir: BASE/ACCOUNT where ACCOUNT names this server
 * and user ("127.0.0.1_8443@chutich"), so that caches and outboxes of
 * different accounts never mix.  VT_ERR_AUTH when logged out.  *OUT is
 * a new string the caller frees.
 */
vt_code		 vt_client_account_dir(const struct vt_client *c,
		     const char *base, char **out, struct vt_errbuf *eb);

/*
 * vt_api_login: POST /auth/login; on success stores the session (mode
 * 0600) and keeps it in C.  VT_ERR_AUTH for wrong credentials.
 */
vt_code		 vt_api_login(struct vt_client *c, const char *username,
		     const char *password, struct vt_errbuf *eb);
/* vt_api_logout: POST /auth/logout (best effort) and forget the token. */
vt_code		 vt_api_logout(struct vt_client *c, struct vt_errbuf *eb);
/* vt_api_me: GET /me. */
vt_code		 vt_api_me(struct vt_client *c, struct vt_me *out,
		     struct vt_errbuf *eb);

/*
 * vt_api_get: GET PATH (under /api/v1, e.g. "/incoming?limit=200") with
 * If-None-Match: IF_NONE_MATCH (may be NULL).  VT_OK for 2xx and 304
 * (RESP->status tells); errors mapped as above.  RESP is initialised
 * here; the caller frees it with vt_http_resp_free in every case.
 */
vt_code		 vt_api_get(struct vt_client *c, const char *path,
		     const char *if_none_match, struct vt_http_resp *resp,
		     struct vt_errbuf *eb);

/*
 * vt_api_post: POST PATH with BODY (LEN bytes of CONTENT_TYPE) and
 * Idempotency-Key: KEY (may be NULL: then not retried).  As vt_api_get.
 */
vt_code		 vt_api_post(struct vt_client *c, const char *path,
		     const char *content_type, const void *body, size_t len,
		     const char *key, struct vt_http_resp *resp,
		     struct vt_errbuf *eb);

/*
 * vt_api_parse_json: parse RESP's body as a JSON object into *OUT
 * (cJSON_Delete it).  VT_ERR_PROTOCOL for a body that is not JSON.
 * A "\u0000" escape in a string becomes U+FFFD (rewritten in RESP's
 * body, so that a cached copy is the same): text after it is kept.
 */
vt_code		 vt_api_parse_json(const struct vt_http_resp *resp,
		     struct cJSON **out, struct vt_errbuf *eb);

/*
 * vt_api_token_valid: whether S may be a cursor or sync token from the
 * server (docs/api.md section 1): 1 to 1023 bytes of printable ASCII
 * without spaces.  Anything else is refused as a malformed answer and
 * never stored or sent back.
 */
bool		 vt_api_token_valid(const char *s);

/*
 * vt_api_incoming_all: every incoming document (GET /incoming, all
 * pages of 200, sort -arrival_date), appended to LIST; *SYNC_TOKEN gets
 * the first page's sync token (caller frees).  VT_ERR_PROTOCOL when the
 * paging goes wrong: a cursor offered twice, an empty page that is not
 * the last, more items than the first page's total (plus one page for
 * later pages), or a
 * cursor or token that vt_api_token_valid refuses.
 */
vt_code		 vt_api_incoming_all(struct vt_client *c,
		     struct vt_doc_list *list, char **sync_token,
		     struct vt_errbuf *eb);
/*
 * vt_api_incoming_each: as vt_api_incoming_all, but each document is
 * given to FN(ARG, D) as it is parsed (D is freed after the call;
 * return false to stop) so that memory stays flat for any inbox.
 * *SYNC_TOKEN is set from the first page before FN is first called.
 */
vt_code		 vt_api_incoming_each(struct vt_client *c,
		     bool (*fn)(void *arg, const struct vt_doc *d), void *arg,
		     char **sync_token, struct vt_errbuf *eb);
/* vt_api_incoming_get: GET /incoming/{id}, detailed. */
vt_code		 vt_api_incoming_get(struct vt_client *c, const char *id,
		     struct vt_doc *out, struct vt_errbuf *eb);
/* vt_api_drafts_all: GET /drafts?scope=all, all pages. */
vt_code		 vt_api_drafts_all(struct vt_client *c,
		     struct vt_draft_list *list, char **sync_token,
		     struct vt_errbuf *eb);
/* vt_api_draft_get: GET /drafts/{id}, detailed. */
vt_code		 vt_api_draft_get(struct vt_client *c, const char *id,
		     struct vt_draft *out, struct vt_errbuf *eb);
/*
 * vt_api_delta: GET /sync?since=SINCE (NULL: a full listing).  A server
 * that no longer knows SINCE (400 invalid_sync_token, docs/api.md
 * section 9) gives VT_OK with OUT->full set and nothing else: the
 * caller lists everything.  ETAG (may be NULL): the ETag of an earlier
 * answer to the same SINCE that said nothing changed, work dossiers
 * included; sent as If-None-Match, so that the server's 304 gives that
 * same empty delta (OUT->not_modified set) for no body.  OUT->etag gets
 * a 200 answer's ETag.  Errors: those of vt_api_get, VT_ERR_PROTOCOL
 * for an answer that is not a delta.
 */
vt_code		 vt_api_delta(struct vt_client *c, const char *since,
		     const char *etag, struct vt_delta *out,
		     struct vt_errbuf *eb);
/*
 * vt_api_download: the attachment ATT into PATH (resuming a partial
 * PATH.part), checked against its SHA-256.  See vt_http_download.
 */
vt_code		 vt_api_download(struct vt_client *c,
		     const struct vt_attachment *att, const char *path,
		     struct vt_errbuf *eb);

/* ---- Sync and cached fetches (src/api-sync.c) ---------------------------- */

struct vt_cache;

/*
 * vt_fetch_doc / vt_fetch_draft: the document (draft) ID from the
 * server, asked with the cached copy's ETag (If-None-Match: a 304 costs
 * no body), stored in CACHE, parsed and detailed.  When the server
 * cannot be reached (VT_ERR_NETWORK, VT_ERR_TLS, VT_ERR_SERVER) and a
 * cached copy exists, that copy is returned in *OUT, *FROM_CACHE (may
 * be NULL) is set, and the network error is still returned with its
 * detail, so the caller can show the copy and say it may be old.
 */
vt_code		 vt_fetch_doc(struct vt_client *c, struct vt_cache *cache,
		     const char *id, struct vt_doc *out, bool *from_cache,
		     struct vt_errbuf *eb);
vt_code		 vt_fetch_draft(struct vt_client *c, struct vt_cache *cache,
		     const char *id, struct vt_draft *out, bool *from_cache,
		     struct vt_errbuf *eb);

/* What a sync did. */
struct vt_sync_result {
	bool		 full;		/* a full listing was fetched */
	bool		 unchanged;	/* no document or draft changed */
	bool		 dossiers_quiet; /* the delta said no work dossier
					   changed either (docs/api.md 9) */
	size_t		 changed;	/* documents and drafts updated */
	size_t		 deleted;	/* removed */
	unsigned long	 requests;	/* HTTP requests made */
};

/*
 * vt_sync: bring CACHE up to date with the server.  With a sync token
 * in the cache: GET /sync?since=TOKEN, then only the changed documents
 * and drafts (GET /incoming/{id}, /drafts/{id}); a refresh with nothing
 * new is that one request.  When only work dossiers changed, the new
 * token is kept (the dossiers themselves are vt_dossier_sync's).  Without one (or after 400
 * invalid_sync_token, or when more than 200 changed): the full lists.
 * The inbox is rewritten as a stream (memory stays flat for any size)
 * into a temporary file that replaces the old one atomically at the
 * end, so a failed or cancelled sync leaves the previous cache whole.
 * RESULT may be NULL.  Blocking: see THREADING MODEL above.
 */
vt_code		 vt_sync(struct vt_client *c, struct vt_cache *cache,
		     struct vt_sync_result *result, struct vt_errbuf *eb);

#endif
