/*
 * vanthu: the inbox file's line format, shared by lib/cache.c (which
 * writes and streams it) and lib/model-inbox.c (the compact inbox that
 * reads rows back on demand).  Internal to the core library.
 */
#ifndef VANTHU_CACHE_IMPL_H
#define VANTHU_CACHE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vanthu/cache.h"

/*
 * vt_cache_inbox_fopen: open the cached inbox for reading (a regular
 * file, no link, at most the cache's size limit); *PATH gets its path
 * (caller frees).  VT_ERR_NOT_FOUND (with the message asking for a
 * sync) when there is none, VT_ERR_DAMAGED when it is not a file vanthu
 * wrote.
 */
vt_code	 vt_cache_inbox_fopen(struct vt_cache *cache, FILE **fp, char **path,
	     struct vt_errbuf *eb);
/*
 * vt_cache_inbox_header: the format version (1 or 2) of the header
 * LINE (LEN bytes, no line break, NUL-terminated), and its sync token
 * into *TOK (pointing into LINE; NULL for none); 0 when LINE is not an
 * inbox header.
 */
int	 vt_cache_inbox_header(const char *line, size_t len, char **tok);
/*
 * vt_cache_inbox_parse: check the document line LINE (LEN bytes, no
 * line break, NUL-terminated; modified) of a file of VERSION, and parse
 * it into D, a summary whose strings point into LINE.  False when the
 * line is damaged.
 */
bool	 vt_cache_inbox_parse(char *line, size_t len, int version,
	     struct vt_doc *d);
/* vt_cache_inbox_damaged: the error for line LINENO of PATH (VT_ERR_DAMAGED,
   translated: the next sync fetches the inbox again). */
vt_code	 vt_cache_inbox_damaged(struct vt_errbuf *eb, const char *path,
	     size_t lineno);

/*
 * vt_inbox_index_make: make the index of the cached inbox of CACHE
 * (lib/model-inbox-index.c) when it has none of its current file, so
 * that the next start reads the compact inbox back instead of the
 * inbox; called once a new inbox is in place.  Failures are silent (the
 * index only saves time).
 */
void	 vt_inbox_index_make(struct vt_cache *cache);

/*
 * vt_cache_inbox_mark_read: set the "read" flag of document ID's row in
 * the cached inbox (vt_read_mark_sent), so that the lists of both faces
 * and "vanthu inbox --offline" show it read before the next sync.  The
 * file is written anew with that one byte changed ('0' becomes '1';
 * a temporary file renamed over it, vt_file_write_atomic), only when a
 * row of ID that parses says unread; rows are not parsed and written
 * again one by one.  Its index (lib/model-inbox-index.c) no longer
 * matches and is made again by the next reader that parses it.  No
 * inbox, no such row, or read already: VT_OK, nothing written.  It
 * holds the cache's lock as a sync does (vt_dir_lock), so it waits for
 * a sync under way rather than write back the inbox that sync
 * replaces.  Errors: VT_ERR_IO, VT_ERR_DAMAGED (a file that is not
 * vanthu's).
 */
vt_code	 vt_cache_inbox_mark_read(struct vt_cache *cache, const char *id,
	     struct vt_errbuf *eb);

#endif
