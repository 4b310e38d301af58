/*
 * vanthu: a set of identifiers (see vanthu/idset.h): FNV-1a hashing and
 * linear probing, grown at half full.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/idset.h"
#include "vanthu/xmalloc.h"

static uint64_t
hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot holding ID, or the empty one where it would go. */
static size_t
find(const struct vt_idset *set, const char *id)
{
	size_t	i = (size_t)hash(id) & (set->cap - 1);

	while (set->slots[i] != NULL && strcmp(set->slots[i], id) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static void
grow(struct vt_idset *set)
{
	struct vt_idset	 big;
	size_t		 i;

	big.cap = set->cap == 0 ? 64 : set->cap * 2;
	big.slots = xcalloc(big.cap, sizeof *big.slots);
	big.n = set->n;
	for (i = 0; i < set->cap; i++) {
		if (set->slots[i] != NULL)
			big.slots[find(&big, set->slots[i])] = set->slots[i];
	}
	free(set->slots);
	*set = big;
}

bool
vt_idset_add(struct vt_idset *set, const char *id)
{
	size_t	i;

	if ((set->n + 1) * 2 > set->cap)
		grow(set);
	i = find(set, id);
	if (set->slots[i] != NULL)
		return false;
	set->slots[i] = xstrdup(id);
	set->n++;
	return true;
}

void
vt_idset_free(struct vt_idset *set)
{
	size_t	i;

	for (i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof *set);
}
