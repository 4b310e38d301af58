/*
 * vanthu: a set of identifiers (document and draft ids), to merge the
 * duplicates a server may send at parse time: the first occurrence of
 * an id is kept, later ones are dropped (issue 19: "52 rows all i1").
 */
#ifndef VANTHU_IDSET_H
#define VANTHU_IDSET_H

#include <stdbool.h>
#include <stddef.h>

struct vt_idset {
	char	**slots;	/* open addressing; NULL = empty */
	size_t	  cap;		/* a power of two, or 0 */
	size_t	  n;
};

/*
 * vt_idset_add: add ID (copied) to SET.  Returns true when it was not
 * there yet, false for a duplicate.  Never fails (xmalloc).  Start with
 * a zeroed struct; free with vt_idset_free.
 */
bool	 vt_idset_add(struct vt_idset *set, const char *id);

/* vt_idset_free: free SET's memory (SET itself is the caller's). */
void	 vt_idset_free(struct vt_idset *set);

#endif
