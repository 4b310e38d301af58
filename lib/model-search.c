/*
 * vanthu: searching, filtering and sorting incoming documents, written
 * once for the command line (vanthu inbox) and the interface.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
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

/* ---- Incremental search ---------------------------------------------- */

/* Levels of the stack: 255 at most (an item's depth is one byte). */
#define ISEARCH_DEPTH	255

/* An answer on the stack: its query (vt_text_search_new; NULL for
   level 0, every item). */
struct isearch_level {
	struct vt_text_query	*q;
};

struct vt_isearch {
	vt_isearch_key_fn	 key;
	void			*ctx;
	uint32_t		*items;		/* level 0: every item */
	size_t			 n;
	/* depth[i]: the deepest level whose answer holds item I (its
	   answers nest: each narrows the one below). */
	uint8_t			*depth;
	struct isearch_level	 lv[ISEARCH_DEPTH + 1];	/* 1..top */
	size_t			 top;
	/* The answer of level TOP (for level 0 ITEMS itself): positions
	   in ITEMS and the items. */
	uint32_t		*pos, *out;
	size_t			 nout;
	size_t			 matched;
};

struct vt_isearch *
vt_isearch_new(vt_isearch_key_fn key, void *ctx)
{
	struct vt_isearch	*s = xcalloc(1, sizeof *s);

	s->key = key;
	s->ctx = ctx;
	return s;
}

static void
isearch_level_free(struct isearch_level *l)
{
	vt_text_query_free(l->q);
	l->q = NULL;
}

/* Whether word W (LEN bytes) starts one of L's words: every item of
   L's answer has a word starting with W. */
static bool
isearch_implied(const struct isearch_level *l, const char *w, size_t len)
{
	const char	*x;
	size_t		 i, n = l->q != NULL ? vt_text_query_count(l->q) : 0, xl;

	for (i = 0; i < n; i++) {
		x = vt_text_query_word(l->q, i, &xl);
		if (xl >= len && memcmp(x, w, len) == 0)
			return true;
	}
	return false;
}

static void
isearch_forget(struct vt_isearch *s)
{
	while (s->top > 0)
		isearch_level_free(&s->lv[s->top--]);
	s->nout = 0;
	s->matched = 0;
}

void
vt_isearch_free(struct vt_isearch *s)
{
	if (s == NULL)
		return;
	isearch_forget(s);
	free(s->items);
	free(s->depth);
	free(s->pos);
	free(s->out);
	free(s);
}

void
vt_isearch_items(struct vt_isearch *s, const uint32_t *items, size_t n)
{
	isearch_forget(s);
	free(s->pos);
	free(s->out);
	s->pos = s->out = NULL;
	s->items = xreallocarray(s->items, n + 1, sizeof *s->items);
	if (n > 0)
		memcpy(s->items, items, n * sizeof *items);
	s->n = n;
	free(s->depth);
	s->depth = NULL;
}

size_t
vt_isearch_matched(const struct vt_isearch *s)
{
	return s->matched;
}

/* The answer of level TOP again, after levels above it were dropped. */
static void
isearch_load_top(struct vt_isearch *s)
{
	size_t	i, k = 0;

	if (s->top == 0)
		return;
	for (i = 0; i < s->n; i++)
		if (s->depth[i] >= s->top) {
			s->pos[k] = (uint32_t)i;
			s->out[k++] = s->items[i];
		}
	s->nout = k;
}

/*
 * Make room on a full stack: the lowest half of the levels is dropped,
 * the others come down (an item's depth with them).
 */
static void
isearch_drop_low(struct vt_isearch *s)
{
	size_t	i, lo = ISEARCH_DEPTH / 2;

	for (i = 0; i < s->n; i++)
		s->depth[i] = s->depth[i] > lo ? (uint8_t)(s->depth[i] - lo) :
		    0;
	for (i = 1; i <= lo; i++)
		isearch_level_free(&s->lv[i]);
	memmove(&s->lv[1], &s->lv[lo + 1], (s->top - lo) * sizeof s->lv[0]);
	memset(&s->lv[s->top - lo + 1], 0, lo * sizeof s->lv[0]);
	s->top -= lo;
}

/*
 * Push level L (its answer inside level TOP's): look at level TOP's
 * items for the words of L that TOP's answer does not imply.
 */
static void
isearch_push(struct vt_isearch *s, struct isearch_level *l)
{
	struct vt_text_query	*q;
	struct vt_buf		 b;
	const char		*key, *w;
	size_t			 i, k = 0, from, len, wlen;
	uint8_t			 below, here;
	bool			 all = s->top == 0;

	vt_buf_init(&b);
	for (i = 0; i < vt_text_query_count(l->q); i++) {
		w = vt_text_query_word(l->q, i, &wlen);
		if (!isearch_implied(&s->lv[s->top], w, wlen)) {
			if (b.len > 0)
				vt_buf_putc(&b, ' ');
			vt_buf_add(&b, w, wlen);
		}
	}
	if (b.len == 0) {
		/* The same answer as TOP's. */
		vt_buf_free(&b);
		isearch_level_free(l);
		return;
	}
	/* The words are folded already: folding again changes nothing. */
	q = vt_text_search_new(b.data);
	vt_buf_free(&b);
	if (s->top == ISEARCH_DEPTH)
		isearch_drop_low(s);
	if (s->depth == NULL) {
		s->depth = xcalloc(s->n + 1, 1);
		s->pos = xreallocarray(NULL, s->n + 1, sizeof *s->pos);
		s->out = xreallocarray(NULL, s->n + 1, sizeof *s->out);
	}
	below = (uint8_t)s->top;
	here = (uint8_t)(s->top + 1);
	from = all ? s->n : s->nout;
	for (i = 0; i < from; i++) {
		uint32_t	p = all ? (uint32_t)i : s->pos[i];

		key = s->key(s->ctx, s->items[p], &len);
		if (vt_text_query_match_key(q, key, len)) {
			s->depth[p] = here;
			s->pos[k] = p;
			s->out[k++] = s->items[p];
		} else
			s->depth[p] = below;
	}
	s->matched += from;
	s->nout = k;
	vt_text_query_free(q);
	s->lv[++s->top] = *l;
}

const uint32_t *
vt_isearch_run(struct vt_isearch *s, const char *query, size_t *count)
{
	struct isearch_level	l;
	size_t			top = s->top;

	l.q = vt_text_search_new(query != NULL ? query : "");
	/* Back down to the deepest answer that holds this one's (level 0,
	   every item, holds all). */
	while (s->top > 0 && !vt_text_query_narrows(s->lv[s->top].q, l.q))
		isearch_level_free(&s->lv[s->top--]);
	if (s->top != top)
		isearch_load_top(s);
	isearch_push(s, &l);
	if (s->top == 0) {
		*count = s->n;
		return s->items;
	}
	*count = s->nout;
	return s->out;
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
		/* What is still to do first: a finished (completed or
		   returned) document's deadline no longer matters. */
		c = (int)vt_doc_status_closed(vt_doc_status_of(a)) -
		    (int)vt_doc_status_closed(vt_doc_status_of(b));
		if (c == 0)
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
