/*
 * vanthu: the compact inbox's arrays, shared by lib/model-inbox.c (which
 * fills them from the cached inbox and reads them) and
 * lib/model-inbox-index.c (which keeps them in a file beside the inbox,
 * so that the next start need not read the inbox again).  Internal to
 * the core library.
 */
#ifndef VANTHU_MODEL_INBOX_IMPL_H
#define VANTHU_MODEL_INBOX_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "vanthu/cache.h"

#define NONE	UINT32_MAX	/* the rank of an absent value */

/* Distinct strings; value 0 is "" (a NULL field is "" too). */
struct pool {
	char		*s;		/* the values, NUL-terminated */
	size_t		 len, cap;
	uint32_t	*off;		/* where value I starts in S */
	uint32_t	 n, ncap;
	uint32_t	*hash;		/* value + 1, 0 for an empty slot */
	uint32_t	 hcap;
	uint32_t	*rank;		/* sort rank of value I */
};

struct rec {
	uint32_t	off;		/* the line in the file */
	uint32_t	len;		/* its length, without the '\n' */
	uint32_t	str;		/* key, NUL, id, NUL in the arena */
	uint32_t	keylen;
	uint32_t	due, issued, organ;	/* values of the pools */
	int32_t		arrival;
	uint8_t		urgency;
	uint8_t		status;		/* enum vt_doc_status */
	uint8_t		read, mine;
};

struct vt_inbox {
	FILE		*f;		/* the file as opened */
	char		*path;
	int		 version;	/* the file's format */
	struct rec	*rec;
	size_t		 n, cap;
	char		*arena;
	size_t		 alen, acap;
	struct pool	 due, issued, organ;
	char		(*local)[11];	/* due value's date in Vietnam, or "" */
	char		*line;		/* vt_inbox_doc's buffer */
	size_t		 linecap;
	/* vt_inbox_marks' last day, and the last day DUE_DAYS after it. */
	char		 today[11], last[11];
	int		 days;
	bool		 has_last;
	bool		 indexed;	/* read back from inbox.idx */
};

/*
 * inbox_index_read: fill IN's records, arena and value tables (not
 * their ranks) from the index of the inbox file IN->f, whose status is
 * ST, kept in the cache directory DIR by inbox_index_write; IN->version
 * too.  False, with IN's arrays left empty, when there is no index, or
 * it was made of another file (another size or content), by another
 * build's layout, or it is damaged (its checksum, or a record that
 * points outside the file, the arena or a table): the caller then
 * reads the inbox itself.
 */
bool	 inbox_index_read(struct vt_inbox *in, const char *dir,
	     const struct stat *st);
/*
 * inbox_index_write: keep IN (complete, read from the file whose status
 * is ST) in the index of the cache directory DIR, replacing it
 * atomically (a temporary file renamed over it).  A cache that cannot
 * be written only loses the time the index saves: failures are silent.
 */
void	 inbox_index_write(const struct vt_inbox *in, const char *dir,
	     const struct stat *st);

/*
 * inbox_index_remove: remove the index of the inbox file INBOX_PATH
 * (its path and ".idx"), found wrong when a row it gave could not be
 * read back; nothing when there is none.
 */
void	 inbox_index_remove(const char *inbox_path);

#endif
