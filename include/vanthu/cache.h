/*
 * vanthu: the offline copy of the server, under
 * $XDG_CACHE_HOME/vanthu/ACCOUNT/ (see vt_client_account_dir):
 *
 *   inbox          the incoming documents' summaries and the sync token
 *                  (a compact line format, loaded in milliseconds)
 *   drafts.json    the drafts' summaries (server JSON)
 *   doc/ID.json    opened documents (the server's answer, with ETag)
 *   draft/ID.json  opened drafts
 *   att/SHA256     downloaded attachments, named by their SHA-256
 *
 * Every file is written atomically (vt_file_write_atomic in
 * vanthu/file.h: temporary file, fsync, rename, fsync of the
 * directory), so a crash leaves
 * the old or the new version, never a mix.  Everything read back is
 * parsed and made terminal-safe again (model.h), so a damaged cache is
 * at worst a cache miss.  Read-only use (offline) needs no server.
 */
#ifndef VANTHU_CACHE_H
#define VANTHU_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"
#include "vanthu/model.h"

struct vt_cache;

/* vt_cache_open: the cache in DIR (created, mode 0700). */
vt_code	 vt_cache_open(const char *dir, struct vt_cache **out,
	     struct vt_errbuf *eb);
void	 vt_cache_close(struct vt_cache *cache);
const char *vt_cache_path(const struct vt_cache *cache);

/*
 * vt_cache_inbox_load: the cached inbox into LIST (appended) and its
 * sync token into *SYNC_TOKEN (caller frees; may be NULL).
 * VT_ERR_NOT_FOUND when there is no cached inbox; VT_ERR_PROTOCOL when
 * the file is damaged.  Server order (newest arrival first).
 */
vt_code	 vt_cache_inbox_load(struct vt_cache *cache, struct vt_doc_list *list,
	     char **sync_token, struct vt_errbuf *eb);
/*
 * vt_cache_inbox_each: stream the cached inbox without loading it:
 * FN(ARG, D) is called for each document in order (return false to
 * stop); D and its strings are valid only during the call (they point
 * into a line buffer; D is a summary: the detail arrays are empty).
 * Memory stays constant whatever the size of the inbox.  Errors as
 * vt_cache_inbox_load.
 */
typedef bool (*vt_cache_doc_fn)(void *arg, const struct vt_doc *d);
vt_code	 vt_cache_inbox_each(struct vt_cache *cache, vt_cache_doc_fn fn,
	     void *arg, char **sync_token, struct vt_errbuf *eb);
/*
 * vt_cache_inbox_upgrade: rewrite an inbox cached by an older version
 * (format 1, without the folded search keys) in today's format, the
 * keys folded once; nothing is lost (every field and the sync token are
 * kept).  *UPGRADED (may be NULL) says whether it was rewritten.  VT_OK
 * with nothing done when the inbox is current or absent; errors as
 * vt_cache_inbox_load, or VT_ERR_IO when it cannot be written.
 */
vt_code	 vt_cache_inbox_upgrade(struct vt_cache *cache, bool *upgraded,
	     struct vt_errbuf *eb);
/* vt_cache_inbox_save: replace the cached inbox (atomically). */
vt_code	 vt_cache_inbox_save(struct vt_cache *cache,
	     const struct vt_doc_list *list, const char *sync_token,
	     struct vt_errbuf *eb);

/*
 * Writing a new inbox one document at a time, in constant memory (a
 * sync of a large inbox): vt_cache_inbox_begin opens a temporary file
 * with SYNC_TOKEN in its header; vt_cache_inbox_put adds D (summary
 * fields only); vt_cache_inbox_commit fsyncs it and renames it over
 * the inbox (then the directory is fsynced); vt_cache_inbox_abort
 * removes it.  Commit and abort free the writer.  Until the commit the
 * old inbox stays as it was.
 */
struct vt_inbox_writer;
vt_code	 vt_cache_inbox_begin(struct vt_cache *cache, const char *sync_token,
	     struct vt_inbox_writer **out, struct vt_errbuf *eb);
void	 vt_cache_inbox_put(struct vt_inbox_writer *w, const struct vt_doc *d);
vt_code	 vt_cache_inbox_commit(struct vt_inbox_writer *w,
	     struct vt_errbuf *eb);
void	 vt_cache_inbox_abort(struct vt_inbox_writer *w);

/* Drafts (summaries), as for the inbox. */
vt_code	 vt_cache_drafts_load(struct vt_cache *cache,
	     struct vt_draft_list *list, char **sync_token,
	     struct vt_errbuf *eb);
vt_code	 vt_cache_drafts_save(struct vt_cache *cache,
	     const struct vt_draft_list *list, const char *sync_token,
	     struct vt_errbuf *eb);

/*
 * An opened document or draft: the server's JSON answer JSON (LEN
 * bytes) and its ETag (may be NULL) are stored as they came; loading
 * parses them again.  KIND is "doc" or "draft".  Load gives
 * VT_ERR_NOT_FOUND when not cached; *ETAG (may be NULL) gets the stored
 * ETag (caller frees).
 */
vt_code	 vt_cache_object_save(struct vt_cache *cache, const char *kind,
	     const char *id, const char *json, size_t len, const char *etag,
	     struct vt_errbuf *eb);
vt_code	 vt_cache_object_load(struct vt_cache *cache, const char *kind,
	     const char *id, struct vt_buf *json, char **etag,
	     struct vt_errbuf *eb);
/* vt_cache_object_remove: forget the cached object (none is not an
   error); VT_ERR_IO when its file cannot be removed. */
vt_code	 vt_cache_object_remove(struct vt_cache *cache, const char *kind,
	     const char *id, struct vt_errbuf *eb);
/* Typed loads of cached objects (parsed and made safe). */
vt_code	 vt_cache_doc_load(struct vt_cache *cache, const char *id,
	     struct vt_doc *out, struct vt_errbuf *eb);
vt_code	 vt_cache_draft_load(struct vt_cache *cache, const char *id,
	     struct vt_draft *out, struct vt_errbuf *eb);

/*
 * vt_cache_attachment_path: where the attachment with SHA256 (64 hex
 * digits; anything else gives NULL) is or would be kept.  Caller frees.
 */
char	*vt_cache_attachment_path(const struct vt_cache *cache,
	     const char *sha256);

#endif
