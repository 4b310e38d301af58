/*
 * vanthu: the offline copy of the server, under
 * $XDG_CACHE_HOME/vanthu/ACCOUNT/ (see vt_client_account_dir):
 *
 *   inbox          the incoming documents' summaries and the sync token
 *                  (a compact line format, loaded in milliseconds)
 *   inbox.idx      the compact inbox's arrays made of that file (sorting,
 *                  filtering and search keys), read back at start
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
#include <stdint.h>

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
 * vt_cache_sync_token: the sync token the cached inbox was written at
 * (docs/api.md 9), read from the file's header alone.  Returns a new
 * string the caller frees, or NULL when there is no cached inbox, it
 * is damaged, or it has no token.
 */
char	*vt_cache_sync_token(struct vt_cache *cache);
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

/*
 * The compact inbox (issue 17): the cached inbox held in a few flat
 * arrays instead of one object per document, for lists of 100,000
 * documents on a PC with little memory.  Per document it keeps only
 * what sorting, filtering and searching need (about 150 bytes: the
 * position of its line in the file, its id and folded search key in one
 * arena, the urgency, status, read and mine bits, the arrival number,
 * and the deadline, issue date and sender as indexes into tables of
 * their distinct values); a row's other fields are read back from the
 * file when it is shown (vt_inbox_doc).  The file stays open: a sync
 * replaces the inbox by renaming a new file over it (never rewriting it
 * in place), so the rows read later are those of the file as it was
 * opened.  Sorting, the filters and the search give exactly the answers
 * of vt_doc_compare, vt_doc_overdue, vt_doc_due_within and
 * vt_doc_matches on the full documents.
 */
struct vt_inbox;

/*
 * vt_inbox_open: read the cached inbox of CACHE into a new compact
 * inbox *OUT (free with vt_inbox_free), in the file's order (newest
 * arrival first); an inbox of the older format 1 gets its keys folded
 * here.  The arrays are read back from the index beside the inbox
 * (inbox.idx, written when a new inbox is saved) when it was made of
 * this very file and is sound; otherwise the inbox is read line by line
 * and the index written again (silently skipped if the cache cannot be
 * written).  Errors as vt_cache_inbox_load (VT_ERR_NOT_FOUND with no
 * cached inbox, VT_ERR_DAMAGED for a damaged or truncated file, with a
 * message saying the next sync fetches it again).
 */
vt_code	 vt_inbox_open(struct vt_cache *cache, struct vt_inbox **out,
	     struct vt_errbuf *eb);
void	 vt_inbox_free(struct vt_inbox *in);
/* vt_inbox_from_index: whether IN was read back from the index rather
   than from the inbox's lines. */
bool	 vt_inbox_from_index(const struct vt_inbox *in);
/*
 * vt_inbox_current: whether IN still shows the cached inbox (the file
 * was not replaced since vt_inbox_open, e.g. by a sync in this or
 * another process).
 */
bool	 vt_inbox_current(const struct vt_inbox *in);
/* vt_inbox_count: how many documents IN holds. */
size_t	 vt_inbox_count(const struct vt_inbox *in);
/* vt_inbox_bytes: the memory IN holds, in bytes (its arrays and arena). */
size_t	 vt_inbox_bytes(const struct vt_inbox *in);
/* vt_inbox_id: the id of document I (< count; owned by IN). */
const char *vt_inbox_id(const struct vt_inbox *in, size_t i);
/* vt_inbox_key: the folded search key of document I (vt_doc_search_key),
   its length in *LEN; owned by IN. */
const char *vt_inbox_key(const struct vt_inbox *in, size_t i, size_t *len);
/* vt_inbox_matches: vt_doc_matches for document I (a NULL or empty
   QUERY matches every document). */
bool	 vt_inbox_matches(const struct vt_inbox *in, size_t i,
	     const struct vt_text_query *query);

/* What vt_inbox_marks says of a document. */
#define VT_INBOX_UNREAD		0x01	/* not read */
#define VT_INBOX_URGENT		0x02	/* urgency khẩn or above */
#define VT_INBOX_OVERDUE	0x04	/* vt_doc_overdue */
#define VT_INBOX_MINE		0x08	/* assigned to me */
#define VT_INBOX_DONE		0x10	/* completed (06) or returned (02) */
#define VT_INBOX_COMPLETED	0x20	/* completed (06) */
#define VT_INBOX_DUE		0x40	/* vt_doc_due_within DUE_DAYS */
#define VT_INBOX_ARRIVED	0x80	/* awaiting registration (01) */
/*
 * vt_inbox_marks: the VT_INBOX_* bits of document I on the day TODAY
 * ("YYYY-MM-DD", Vietnam time; see vt_today), with VT_INBOX_DUE for
 * DUE_DAYS (-1: never set).
 */
unsigned vt_inbox_marks(const struct vt_inbox *in, size_t i,
	     const char *today, int due_days);
/*
 * vt_inbox_mark_letters: the letters the interface's list and `vanthu
 * inbox` show for the VT_INBOX_* bits MARKS, the same on both faces:
 * OUT[0] 'N' unread, OUT[1] '*' assigned or forwarded to me, OUT[2] '!'
 * overdue or '+' completed; a space for each that does not hold, then a
 * NUL.
 */
void	 vt_inbox_mark_letters(unsigned marks, char out[4]);
/*
 * vt_doc_marks: the VT_INBOX_* bits of the full document D on the day
 * TODAY (Vietnam time), as vt_inbox_marks gives them (without
 * VT_INBOX_DUE).
 */
unsigned vt_doc_marks(const struct vt_doc *d, const char *today);
/* vt_inbox_urgency: the urgency of document I. */
enum vt_urgency vt_inbox_urgency(const struct vt_inbox *in, size_t i);
/*
 * vt_inbox_sort: ORDER (vt_inbox_count entries, filled here) gets the
 * documents' indexes in the order of vt_doc_compare with KEY
 * (VT_SORT_DATE: the file's order, as vt_cache_inbox_each gives it).
 */
void	 vt_inbox_sort(const struct vt_inbox *in, enum vt_doc_sort key,
	     uint32_t *order);
/*
 * vt_inbox_doc: document I read back from the file into *D, a summary
 * as vt_cache_inbox_each gives it, whose strings are valid until the
 * next vt_inbox_doc or vt_inbox_free on IN.  VT_ERR_DAMAGED (with a
 * message) when its line cannot be read back as it was (the file was
 * truncated or changed in place since vt_inbox_open).
 */
vt_code	 vt_inbox_doc(struct vt_inbox *in, size_t i, struct vt_doc *d,
	     struct vt_errbuf *eb);

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
