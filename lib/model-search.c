/*
 * vanthu: searching, filtering and sorting incoming documents, written
 * once for the command line (vanthu inbox) and the interface.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/clock.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

char *
vt_doc_search_text(const struct vt_doc *d)
{
	char	arr[24] = "";

	if (d->arrival_number > 0)
		snprintf(arr, sizeof arr, "%ld", d->arrival_number);
	return xasprintf("%s %s %s %s", arr, d->number_notation != NULL ?
	    d->number_notation : "", d->organ.organ_name != NULL ?
	    d->organ.organ_name : "", d->subject != NULL ? d->subject : "");
}

char *
vt_doc_search_key(const struct vt_doc *d)
{
	char	*t, *k;

	if (d->search_key != NULL)
		return xstrdup(d->search_key);
	t = vt_doc_search_text(d);
	k = vt_text_fold(t, strlen(t), NULL);
	free(t);
	return k;
}

bool
vt_doc_matches(const struct vt_text_query *q, const struct vt_doc *d)
{
	char	*t;
	bool	 ok;

	if (q == NULL || vt_text_query_empty(q))
		return true;
	if (d->search_key != NULL)
		return vt_text_query_match_key(q, d->search_key,
		    strlen(d->search_key));
	t = vt_doc_search_text(d);
	ok = vt_text_search_match(q, t);
	free(t);
	return ok;
}

bool
vt_doc_due_within(const struct vt_doc *d, const char *today, int days)
{
	char	due[11], last[11];

	if (d->due_date == NULL || d->status == NULL || days < 0)
		return false;
	if (vt_doc_status_closed(vt_doc_status_of(d)))
		return false;
	if (!vt_clock_local_date(d->due_date, due) ||
	    !vt_clock_add_days(today, days, last))
		return false;
	return strcmp(due, today) >= 0 && strcmp(due, last) <= 0;
}

static const char *const sort_names[VT_SORT_LAST] = {
	"date", "arrival", "due", "urgency", "organ"
};

bool
vt_doc_sort_parse(const char *name, enum vt_doc_sort *out)
{
	int	i;

	for (i = 0; i < VT_SORT_LAST; i++) {
		if (strcmp(name, sort_names[i]) == 0) {
			*out = (enum vt_doc_sort)i;
			return true;
		}
	}
	return false;
}

const char *
vt_doc_sort_name(enum vt_doc_sort key)
{
	return key < VT_SORT_LAST ? sort_names[key] : "date";
}

/* Strings with NULL (absent) after every present value. */
static int
cmp_opt(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0' ? 0 : 1;
	if (b == NULL || *b == '\0')
		return -1;
	return strcmp(a, b);
}

int
vt_doc_compare(const struct vt_doc *a, const struct vt_doc *b,
    enum vt_doc_sort key)
{
	int	c = 0;

	switch (key) {
	case VT_SORT_ARRIVAL:
		/* Newest registration first; unregistered ones last. */
		if (a->arrival_number != b->arrival_number)
			c = a->arrival_number <= 0 ? 1 : b->arrival_number <= 0 ?
			    -1 : a->arrival_number > b->arrival_number ? -1 : 1;
		break;
	case VT_SORT_DUE:
		c = cmp_opt(a->due_date, b->due_date);
		break;
	case VT_SORT_URGENCY:
		c = b->urgency - a->urgency;
		break;
	case VT_SORT_ORGAN:
		c = vt_text_collate(a->organ.organ_name != NULL ?
		    a->organ.organ_name : "", b->organ.organ_name != NULL ?
		    b->organ.organ_name : "");
		break;
	default:
		break;
	}
	if (c == 0)	/* then newest issued first */
		c = -cmp_opt(a->issued_date, b->issued_date);
	if (c == 0)
		c = strcmp(a->id != NULL ? a->id : "", b->id != NULL ?
		    b->id : "");
	return c;
}
