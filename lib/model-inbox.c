/*
 * vanthu: the compact inbox (see vt_inbox_open in vanthu/cache.h).
 *
 * One record of fixed size per document (struct rec, 36 bytes), its id
 * and folded search key in one arena, and three tables of distinct
 * values (deadlines, issue dates, senders) that the records index: a
 * district's 100,000 documents share a few hundred dates and a few
 * dozen senders.  Sorting compares the values' ranks, computed once per
 * table, so it costs no string comparison and gives the order of
 * vt_doc_compare exactly.  Everything else a row shows is read back from
 * its line in the file, which stays open.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "vanthu/cache.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "cache-impl.h"
#include "model-inbox-impl.h"

/* ---- Tables of distinct values --------------------------------------- */

static uint32_t
hash_str(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static uint32_t
pool_add_new(struct pool *p, const char *s)
{
	size_t	len = strlen(s) + 1;

	if (p->n == p->ncap) {
		p->ncap = p->ncap ? p->ncap * 2 : 64;
		p->off = xreallocarray(p->off, p->ncap, sizeof *p->off);
	}
	while (p->len + len > p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->s = xrealloc(p->s, p->cap);
	}
	memcpy(p->s + p->len, s, len);
	p->off[p->n] = (uint32_t)p->len;
	p->len += len;
	return p->n++;
}

static void
pool_rehash(struct pool *p)
{
	uint32_t	i, h;

	free(p->hash);
	p->hcap = p->hcap ? p->hcap * 2 : 256;
	p->hash = xcalloc(p->hcap, sizeof *p->hash);
	for (i = 0; i < p->n; i++) {
		h = hash_str(p->s + p->off[i]) & (p->hcap - 1);
		while (p->hash[h] != 0)
			h = (h + 1) & (p->hcap - 1);
		p->hash[h] = i + 1;
	}
}

/* The value S (NULL: "") of P, added when new. */
static uint32_t
pool_intern(struct pool *p, const char *s)
{
	uint32_t	h, v;

	if (s == NULL)
		s = "";
	if (p->n == 0)
		pool_add_new(p, "");
	if (*s == '\0')
		return 0;
	if (p->hash == NULL || (p->n + 1) * 2 > p->hcap)
		pool_rehash(p);
	h = hash_str(s) & (p->hcap - 1);
	while ((v = p->hash[h]) != 0) {
		if (strcmp(p->s + p->off[v - 1], s) == 0)
			return v - 1;
		h = (h + 1) & (p->hcap - 1);
	}
	v = pool_add_new(p, s);
	p->hash[h] = v + 1;
	return v;
}

static const char *
pool_str(const struct pool *p, uint32_t v)
{
	return p->s + p->off[v];
}

/* Sorting a pool's values (a small merge sort with a context). */
typedef int (*vcmp_fn)(const void *ctx, uint32_t a, uint32_t b);

static void
merge_sort(uint32_t *v, uint32_t *tmp, size_t n, vcmp_fn cmp,
    const void *ctx)
{
	size_t	mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, mid, cmp, ctx);
	merge_sort(v + mid, tmp, n - mid, cmp, ctx);
	if (cmp(ctx, v[mid - 1], v[mid]) <= 0)
		return;
	while (i < mid && j < n)
		tmp[k++] = cmp(ctx, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof *v);
}

static int
value_strcmp(const void *ctx, uint32_t a, uint32_t b)
{
	return strcmp(pool_str(ctx, a), pool_str(ctx, b));
}

static int
value_collate(const void *ctx, uint32_t a, uint32_t b)
{
	return vt_text_collate(pool_str(ctx, a), pool_str(ctx, b));
}

/*
 * The ranks of P's values in the order of CMP, equal values one rank;
 * with ABSENT_LAST the value "" (an absent date) after all (as
 * vt_doc_compare's dates).
 */
static void
pool_rank(struct pool *p, vcmp_fn cmp, bool absent_last)
{
	uint32_t	*v, *tmp, i, r = 0;

	v = xreallocarray(NULL, p->n + 1, sizeof *v);
	tmp = xreallocarray(NULL, p->n + 1, sizeof *tmp);
	for (i = 0; i < p->n; i++)
		v[i] = i;
	merge_sort(v, tmp, p->n, cmp, p);
	p->rank = xreallocarray(NULL, p->n + 1, sizeof *p->rank);
	for (i = 0; i < p->n; i++) {
		if (i > 0 && cmp(p, v[i - 1], v[i]) != 0)
			r++;
		p->rank[v[i]] = r;
	}
	if (absent_last && p->n > 0)
		p->rank[0] = NONE;
	free(v);
	free(tmp);
	/* No value is added after the load. */
	free(p->hash);
	p->hash = NULL;
	p->hcap = 0;
}

static void
pool_free(struct pool *p)
{
	free(p->s);
	free(p->off);
	free(p->hash);
	free(p->rank);
}

/* ---- Loading ---------------------------------------------------------- */

static uint32_t
arena_add(struct vt_inbox *in, const char *s, size_t len)
{
	uint32_t	at = (uint32_t)in->alen;

	while (in->alen + len + 1 > in->acap) {
		in->acap = in->acap ? in->acap * 2 : 65536;
		in->arena = xrealloc(in->arena, in->acap);
	}
	memcpy(in->arena + in->alen, s, len);
	in->arena[in->alen + len] = '\0';
	in->alen += len + 1;
	return at;
}

/* Add the document D, whose line is LEN bytes at OFF. */
static bool
inbox_add(struct vt_inbox *in, const struct vt_doc *d, size_t off,
    size_t len)
{
	struct rec	*r;
	char		*key = NULL;
	const char	*k = d->search_key;
	size_t		 klen, idlen = strlen(d->id);

	if (k == NULL)		/* format 1: folded here, once */
		k = key = vt_doc_search_key(d);
	klen = strlen(k);
	/* Offsets are 32 bits: the cache's files are at most 512 MB. */
	if (off + len >= UINT32_MAX || in->alen + klen + idlen + 2 >=
	    UINT32_MAX) {
		free(key);
		return false;
	}
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 1024;
		in->rec = xreallocarray(in->rec, in->cap, sizeof *in->rec);
	}
	r = &in->rec[in->n++];
	r->off = (uint32_t)off;
	r->len = (uint32_t)len;
	r->str = arena_add(in, k, klen);
	r->keylen = (uint32_t)klen;
	arena_add(in, d->id, idlen);
	r->due = pool_intern(&in->due, d->due_date);
	r->issued = pool_intern(&in->issued, d->issued_date);
	r->organ = pool_intern(&in->organ, d->organ.organ_name);
	r->arrival = (int32_t)d->arrival_number;
	r->urgency = (uint8_t)d->urgency;
	r->status = (uint8_t)vt_doc_status_of(d);
	r->read = d->read;
	r->mine = d->mine;
	free(key);
	return true;
}

/* After the last document: arrays to their size. */
static void
inbox_trim(struct vt_inbox *in)
{
	if (in->n > 0 && in->n < in->cap) {
		in->rec = xreallocarray(in->rec, in->n, sizeof *in->rec);
		in->cap = in->n;
	}
	if (in->alen > 0 && in->alen < in->acap) {
		in->arena = xrealloc(in->arena, in->alen);
		in->acap = in->alen;
	}
	/* Empty tables still hold "" (value 0). */
	pool_intern(&in->due, NULL);
	pool_intern(&in->issued, NULL);
	pool_intern(&in->organ, NULL);
}

/* The values ranked and the deadlines' dates in Vietnam (they depend
   on the locale's collation and the time zone's rules: made at each
   start, never kept in the index). */
static void
inbox_finish(struct vt_inbox *in)
{
	uint32_t	i;

	pool_rank(&in->due, value_strcmp, true);
	pool_rank(&in->issued, value_strcmp, true);
	pool_rank(&in->organ, value_collate, false);
	in->local = xreallocarray(NULL, in->due.n, sizeof *in->local);
	for (i = 0; i < in->due.n; i++)
		if (i == 0 || !vt_clock_local_date(pool_str(&in->due, i),
		    in->local[i]))
			in->local[i][0] = '\0';
}

/* Read the inbox file IN->f line by line into IN; false when it is
   damaged (*LINENO: the line). */
static bool
inbox_parse(struct vt_inbox *in, size_t *lineno)
{
	struct vt_doc	 d;
	char		*line = NULL, *tok;
	size_t		 cap = 0, off = 0;
	ssize_t		 len;
	int		 version = 0;
	bool		 ok = true;

	*lineno = 0;
	while (ok && (len = getline(&line, &cap, in->f)) > 0) {
		++*lineno;
		if (line[len - 1] != '\n') {
			ok = false;
			break;
		}
		line[len - 1] = '\0';
		if (*lineno == 1)
			ok = (version = vt_cache_inbox_header(line,
			    (size_t)len - 1, &tok)) != 0;
		else
			ok = vt_cache_inbox_parse(line, (size_t)len - 1,
			    version, &d) && inbox_add(in, &d, off,
			    (size_t)len - 1);
		off += (size_t)len;
	}
	free(line);
	in->version = version;
	return ok && *lineno > 0 && !ferror(in->f);
}

/*
 * The arrays of the cached inbox of CACHE into a new *OUT, from its
 * index or from its lines (then the index is written); without the
 * ranks and dates inbox_finish adds.  Errors as vt_inbox_open.
 */
static vt_code
inbox_load(struct vt_cache *cache, struct vt_inbox **out,
    struct vt_errbuf *eb)
{
	struct vt_inbox	*in;
	struct stat	 st;
	size_t		 lineno;
	vt_code		 code;

	*out = NULL;
	in = xcalloc(1, sizeof *in);
	in->days = -1;
	if ((code = vt_cache_inbox_fopen(cache, &in->f, &in->path, eb)) !=
	    VT_OK) {
		free(in);
		return code;
	}
	in->indexed = fstat(fileno(in->f), &st) == 0 &&
	    inbox_index_read(in, vt_cache_path(cache), &st);
	if (!in->indexed) {
		if (!inbox_parse(in, &lineno)) {
			code = vt_cache_inbox_damaged(eb, in->path, lineno);
			vt_inbox_free(in);
			return code;
		}
		inbox_trim(in);
		if (fstat(fileno(in->f), &st) == 0)
			inbox_index_write(in, vt_cache_path(cache), &st);
	}
	*out = in;
	return VT_OK;
}

vt_code
vt_inbox_open(struct vt_cache *cache, struct vt_inbox **out,
    struct vt_errbuf *eb)
{
	vt_code	code;

	if ((code = inbox_load(cache, out, eb)) == VT_OK)
		inbox_finish(*out);
	return code;
}

void
vt_inbox_index_make(struct vt_cache *cache)
{
	struct vt_inbox	*in;

	if (inbox_load(cache, &in, NULL) == VT_OK)
		vt_inbox_free(in);
}

void
vt_inbox_free(struct vt_inbox *in)
{
	if (in == NULL)
		return;
	if (in->f != NULL)
		fclose(in->f);
	free(in->path);
	free(in->rec);
	free(in->arena);
	pool_free(&in->due);
	pool_free(&in->issued);
	pool_free(&in->organ);
	free(in->local);
	free(in->line);
	free(in);
}

/* ---- Reading ---------------------------------------------------------- */

bool
vt_inbox_current(const struct vt_inbox *in)
{
	struct stat	a, b;

	return fstat(fileno(in->f), &a) == 0 && lstat(in->path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino &&
	    a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
	    a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

bool
vt_inbox_from_index(const struct vt_inbox *in)
{
	return in->indexed;
}

size_t
vt_inbox_count(const struct vt_inbox *in)
{
	return in->n;
}

size_t
vt_inbox_bytes(const struct vt_inbox *in)
{
	const struct pool	*p[] = { &in->due, &in->issued, &in->organ };
	size_t			 b = sizeof *in + in->cap * sizeof *in->rec +
				     in->acap + in->linecap, i;

	for (i = 0; i < 3; i++)
		b += p[i]->cap + p[i]->ncap * sizeof(uint32_t) * 2 +
		    p[i]->hcap * sizeof(uint32_t);
	return b + in->due.n * sizeof *in->local;
}

const char *
vt_inbox_id(const struct vt_inbox *in, size_t i)
{
	const struct rec	*r = &in->rec[i];

	return in->arena + r->str + r->keylen + 1;
}

const char *
vt_inbox_key(const struct vt_inbox *in, size_t i, size_t *len)
{
	*len = in->rec[i].keylen;
	return in->arena + in->rec[i].str;
}

bool
vt_inbox_matches(const struct vt_inbox *in, size_t i,
    const struct vt_text_query *query)
{
	if (query == NULL || vt_text_query_empty(query))
		return true;
	return vt_text_query_match_key(query, in->arena + in->rec[i].str,
	    in->rec[i].keylen);
}

enum vt_urgency
vt_inbox_urgency(const struct vt_inbox *in, size_t i)
{
	return (enum vt_urgency)in->rec[i].urgency;
}

unsigned
vt_inbox_marks(const struct vt_inbox *in_c, size_t i, const char *today,
    int due_days)
{
	/* The last day of "due within" is kept for the next call: the
	   inbox is used by one thread at a time. */
	struct vt_inbox		*in = (struct vt_inbox *)in_c;
	const struct rec	*r = &in->rec[i];
	const char		*due = in->local[r->due];
	unsigned		 m = 0;
	bool			 closed;

	closed = vt_doc_status_closed((enum vt_doc_status)r->status);
	if (!r->read)
		m |= VT_INBOX_UNREAD;
	if (r->urgency >= VT_URGENCY_URGENT)
		m |= VT_INBOX_URGENT;
	if (r->mine)
		m |= VT_INBOX_MINE;
	if (closed)
		m |= VT_INBOX_DONE;
	if (r->status == VT_STATUS_COMPLETED)
		m |= VT_INBOX_COMPLETED;
	if (r->status == VT_STATUS_ARRIVED)
		m |= VT_INBOX_ARRIVED;
	if (closed || due[0] == '\0')
		return m;
	if (strcmp(due, today) < 0)
		m |= VT_INBOX_OVERDUE;
	if (due_days < 0)
		return m;
	if (in->days != due_days || strcmp(in->today, today) != 0) {
		snprintf(in->today, sizeof in->today, "%s", today);
		in->days = due_days;
		in->has_last = vt_clock_add_days(today, due_days, in->last);
	}
	if (in->has_last && strcmp(due, today) >= 0 &&
	    strcmp(due, in->last) <= 0)
		m |= VT_INBOX_DUE;
	return m;
}

void
vt_inbox_mark_letters(unsigned marks, char out[4])
{
	out[0] = (marks & VT_INBOX_UNREAD) ? 'N' : ' ';
	out[1] = (marks & VT_INBOX_MINE) ? '*' : ' ';
	out[2] = (marks & VT_INBOX_OVERDUE) ? '!' :
	    (marks & VT_INBOX_COMPLETED) ? '+' : ' ';
	out[3] = '\0';
}

unsigned
vt_doc_marks(const struct vt_doc *d, const char *today)
{
	enum vt_doc_status	st = vt_doc_status_of(d);
	unsigned		m = 0;

	if (!d->read)
		m |= VT_INBOX_UNREAD;
	if (d->urgency >= VT_URGENCY_URGENT)
		m |= VT_INBOX_URGENT;
	if (vt_doc_overdue(d, today))
		m |= VT_INBOX_OVERDUE;
	if (d->mine)
		m |= VT_INBOX_MINE;
	if (vt_doc_status_closed(st))
		m |= VT_INBOX_DONE;
	if (st == VT_STATUS_COMPLETED)
		m |= VT_INBOX_COMPLETED;
	if (st == VT_STATUS_ARRIVED)
		m |= VT_INBOX_ARRIVED;
	return m;
}

/* ---- Sorting ---------------------------------------------------------- */

struct sort_ctx {
	const struct vt_inbox	*in;
	enum vt_doc_sort	 key;
};

static int
cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b;
}

/* vt_doc_compare on the records. */
static int
rec_compare(const void *arg, uint32_t ia, uint32_t ib)
{
	const struct sort_ctx	*c = arg;
	const struct vt_inbox	*in = c->in;
	const struct rec	*a = &in->rec[ia], *b = &in->rec[ib];
	int			 r = 0;

	switch (c->key) {
	case VT_SORT_ARRIVAL:
		if (a->arrival != b->arrival)
			r = a->arrival <= 0 ? 1 : b->arrival <= 0 ? -1 :
			    a->arrival > b->arrival ? -1 : 1;
		break;
	case VT_SORT_DUE:	/* finished ones last, as vt_doc_compare */
		r = (int)vt_doc_status_closed((enum vt_doc_status)a->status) -
		    (int)vt_doc_status_closed((enum vt_doc_status)b->status);
		if (r == 0)
			r = cmp_u32(in->due.rank[a->due],
			    in->due.rank[b->due]);
		break;
	case VT_SORT_URGENCY:
		r = (int)b->urgency - (int)a->urgency;
		break;
	case VT_SORT_ORGAN:
		r = cmp_u32(in->organ.rank[a->organ],
		    in->organ.rank[b->organ]);
		break;
	default:
		break;
	}
	if (r == 0)	/* then newest issued first */
		r = -cmp_u32(in->issued.rank[a->issued],
		    in->issued.rank[b->issued]);
	if (r == 0)
		r = strcmp(vt_inbox_id(in, ia), vt_inbox_id(in, ib));
	return r;
}

void
vt_inbox_sort(const struct vt_inbox *in, enum vt_doc_sort key,
    uint32_t *order)
{
	struct sort_ctx	 c = { in, key };
	uint32_t	*tmp;
	size_t		 i;

	for (i = 0; i < in->n; i++)
		order[i] = (uint32_t)i;
	tmp = xreallocarray(NULL, in->n + 1, sizeof *tmp);
	merge_sort(order, tmp, in->n, rec_compare, &c);
	free(tmp);
}

/* ---- A row read back -------------------------------------------------- */

vt_code
vt_inbox_doc(struct vt_inbox *in, size_t i, struct vt_doc *d,
    struct vt_errbuf *eb)
{
	const struct rec	*r = &in->rec[i];
	size_t			 want = (size_t)r->len + 1, got = 0;
	ssize_t			 n;

	memset(d, 0, sizeof *d);
	if (want + 1 > in->linecap) {
		in->linecap = want + 1 > 512 ? want + 1 : 512;
		in->line = xrealloc(in->line, in->linecap);
	}
	/* The line and its '\n', as they were when the inbox was read. */
	while (got < want) {
		n = pread(fileno(in->f), in->line + got, want - got,
		    (off_t)r->off + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got == want && in->line[r->len] == '\n') {
		in->line[r->len] = '\0';
		if (vt_cache_inbox_parse(in->line, r->len, in->version, d) &&
		    strcmp(d->id, vt_inbox_id(in, i)) == 0) {
			d->search_key = in->arena + r->str;
			return VT_OK;
		}
	}
	memset(d, 0, sizeof *d);
	/* An index that gave this row is wrong (whatever its checks
	   said): the next start reads the inbox's lines. */
	if (in->indexed)
		inbox_index_remove(in->path);
	return vt_fail(eb, VT_ERR_DAMAGED, _("%s: the cached inbox changed "
	    "while it was shown (the next 'vanthu sync' fetches it again)"),
	    in->path);
}
