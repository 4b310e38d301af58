/*
 * vanthu: what people call the target of a queued action: the
 * document's number and notation and its subject, from the cached
 * inbox and drafts (vanthu/outbox.h, vt_outbox_name_targets).  Both
 * faces name the outbox's entries through this one function.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/outbox.h"
#include "vanthu/xmalloc.h"

/* The actions sorted by target (pointers into the caller's array). */
struct names {
	struct vt_action	**by_target;
	size_t			  n;
};

static int
by_target_cmp(const void *x, const void *y)
{
	const struct vt_action	*a = *(struct vt_action *const *)x;
	const struct vt_action	*b = *(struct vt_action *const *)y;

	return strcmp(a->target, b->target);
}

/* Give every action aimed at ID the names NUMBER and SUBJECT. */
static void
names_set(struct names *nm, const char *id, const char *number,
    const char *subject)
{
	size_t	lo = 0, hi = nm->n, mid;
	int	c;

	if (id == NULL)
		return;
	while (lo < hi) {	/* the first action whose target >= ID */
		mid = lo + (hi - lo) / 2;
		c = strcmp(nm->by_target[mid]->target, id);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nm->n && strcmp(nm->by_target[lo]->target, id) == 0;
	    lo++) {
		struct vt_action *a = nm->by_target[lo];

		if (a->number_notation != NULL)
			continue;	/* the first name found stays */
		a->number_notation = xstrdup(number != NULL ? number : "");
		a->subject = xstrdup(subject != NULL ? subject : "");
	}
}

static bool
name_doc(void *arg, const struct vt_doc *d)
{
	names_set(arg, d->id, d->number_notation != NULL &&
	    d->number_notation[0] != '\0' ? d->number_notation : d->type_name,
	    d->subject);
	return true;
}

/* A draft: "15/QĐ-UBND" once numbered, else its type ("Quyết định"),
   else the notation it will have. */
static void
name_draft(struct names *nm, const struct vt_draft *d)
{
	char	*number = NULL;

	if (d->code_number != NULL && d->code_number[0] != '\0' &&
	    d->code_notation != NULL && d->code_notation[0] != '\0')
		number = xasprintf("%s/%s", d->code_number, d->code_notation);
	names_set(nm, d->id, number != NULL ? number :
	    d->type_name != NULL && d->type_name[0] != '\0' ? d->type_name :
	    d->code_notation, d->subject);
	free(number);
}

void
vt_outbox_name_targets(struct vt_cache *cache, struct vt_action *a,
    size_t n)
{
	struct names		 nm;
	struct vt_draft_list	 drafts;
	size_t			 i;

	if (cache == NULL || n == 0)
		return;
	nm.by_target = xcalloc(n, sizeof *nm.by_target);
	nm.n = 0;
	for (i = 0; i < n; i++)
		if (!a[i].damaged && a[i].target != NULL)
			nm.by_target[nm.n++] = &a[i];
	qsort(nm.by_target, nm.n, sizeof *nm.by_target, by_target_cmp);
	if (nm.n > 0) {
		vt_cache_inbox_each(cache, name_doc, &nm, NULL, NULL);
		memset(&drafts, 0, sizeof drafts);
		if (vt_cache_drafts_load(cache, &drafts, NULL, NULL) == VT_OK)
			for (i = 0; i < drafts.n; i++)
				name_draft(&nm, &drafts.items[i]);
		vt_draft_list_clear(&drafts);
	}
	/* Names the cache had empty are no names. */
	for (i = 0; i < n; i++)
		if (a[i].number_notation != NULL &&
		    a[i].number_notation[0] == '\0') {
			free(a[i].number_notation);
			a[i].number_notation = NULL;
		}
	free(nm.by_target);
}

const char *
vt_action_state_name(const struct vt_action *a)
{
	return a->damaged ? _("damaged") : a->failed ? _("refused") :
	    _("waiting");
}
