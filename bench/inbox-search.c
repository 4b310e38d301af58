/*
 * bench/inbox-search: load a cached inbox (a vanthu cache directory, the
 * one holding "inbox") and print, for a query typed one key at a time
 * as the interface's '/' sees it:
 *   - the memory the loaded inbox takes, per document: as full
 *     documents (vt_cache_inbox_load) and as the compact inbox the
 *     interface holds (vt_inbox_open);
 *   - per key of the query typed then erased key by key, the median CPU
 *     time of matching every row by folding its text again (how vanthu
 *     searched before the keys were cached), of matching the folded
 *     keys kept in the cache, and of the interface's incremental search
 *     (vt_isearch: narrowing from an earlier answer, Backspace giving
 *     one back);
 *   - on the compact inbox, the query typed then erased key by key
 *     with the core's incremental search (vt_isearch, as the
 *     interface's '/'), each key followed by reading back the first
 *     screen's rows (what the interface draws; the terminal output
 *     itself is in bench/inbox-ui.py's figure).
 * Prints figures; asserts nothing, as every benchmark.
 *   bench/inbox-search CACHE_DIR [QUERY] [LABEL]
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vanthu/cache.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define ROUNDS	9

/* CPU time of this thread: steadier than the wall clock on a machine
   that runs other work too. */
static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long
rss_kb(void)
{
	FILE	*f = fopen("/proc/self/statm", "r");
	long	 size = 0, res = 0;

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &res) != 2)
		res = 0;
	fclose(f);
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, dbl_cmp);
	return v[n / 2];
}

enum way { FOLD_EVERY_ROW, KEYS, KEYS_NARROWING };

/*
 * What the prompt holds after each key of QUERY typed one whole UTF-8
 * character at a time, then erased one Backspace at a time: the length
 * of the prefix at each key into LENS (at most MAX); returns how many
 * keys, *FULL the key at which the whole query is typed.
 */
static size_t
keys_of(const char *query, size_t *lens, size_t max, size_t *full)
{
	size_t	len = strlen(query), k, n = 0, i;

	for (k = 1; k <= len && n < max / 2; k++)
		if (k == len || ((unsigned char)query[k] & 0xC0) != 0x80)
			lens[n++] = k;
	*full = n > 0 ? n - 1 : 0;
	for (i = n; i-- > 1;)
		lens[n + (n - 1 - i)] = lens[i - 1];
	if (n > 0)
		lens[2 * n - 1] = 0;
	return 2 * n;
}

static const char *
doc_key(void *ctx, uint32_t item, size_t *len)
{
	const struct vt_doc_list	*l = ctx;

	*len = strlen(l->items[item].search_key);
	return l->items[item].search_key;
}

/* One query typed, then erased, key by key; returns the mean ms per
   key. */
static double
type_query(const struct vt_doc_list *l, char **texts, const char *query,
    enum way way, size_t *found)
{
	struct vt_isearch	*s = vt_isearch_new(doc_key, (void *)l);
	struct vt_text_query	*q;
	const uint32_t		*got;
	uint32_t		*all;
	size_t			 nshown = 0, i, k, nkeys, full, lens[512];
	char			 prefix[256];
	double			 t0, total = 0;

	all = xreallocarray(NULL, l->n + 1, sizeof *all);
	for (i = 0; i < l->n; i++)
		all[i] = (uint32_t)i;
	vt_isearch_items(s, all, l->n);
	nkeys = keys_of(query, lens, sizeof lens / sizeof lens[0], &full);
	for (k = 0; k < nkeys; k++) {
		if (lens[k] >= sizeof prefix)
			continue;
		memcpy(prefix, query, lens[k]);
		prefix[lens[k]] = '\0';
		t0 = now_ms();
		if (way == KEYS_NARROWING) {
			/* The interface's '/': the core's incremental
			   search. */
			got = vt_isearch_run(s, prefix, &nshown);
			(void)got;
		} else {
			q = vt_text_search_new(prefix);
			for (i = nshown = 0; i < l->n; i++) {
				const char *key = l->items[i].search_key;
				bool ok = way == FOLD_EVERY_ROW ?
				    vt_text_query_empty(q) ||
				    vt_text_search_match(q, texts[i]) :
				    vt_text_query_match_key(q, key,
				    strlen(key));

				nshown += ok;
			}
			vt_text_query_free(q);
		}
		total += now_ms() - t0;
		if (k == full)
			*found = nshown;
	}
	vt_isearch_free(s);
	free(all);
	return nkeys > 0 ? total / (double)nkeys : 0;
}

#define SCREEN	22	/* rows of an 80x24 list */

static const char *
compact_key(void *ctx, uint32_t item, size_t *len)
{
	return vt_inbox_key(ctx, item, len);
}

/* The query typed key by key on the compact inbox, then erased key by
   key (Backspace), with the core's incremental search as the
   interface's '/' (vt_isearch), each key followed by reading back the
   rows of the first screen; the mean ms per key. */
static double
type_compact(struct vt_inbox *in, const char *query, size_t *found)
{
	struct vt_isearch	*s = vt_isearch_new(compact_key, in);
	struct vt_doc		 d;
	const uint32_t		*shown;
	uint32_t		*all;
	size_t			 nshown, i, k, n, nkeys, full, lens[512];
	char			 prefix[256];
	double			 t0, total = 0;

	n = vt_inbox_count(in);
	all = xreallocarray(NULL, n + 1, sizeof *all);
	for (i = 0; i < n; i++)
		all[i] = (uint32_t)i;
	vt_isearch_items(s, all, n);
	nkeys = keys_of(query, lens, sizeof lens / sizeof lens[0], &full);
	*found = 0;
	for (k = 0; k < nkeys; k++) {
		if (lens[k] >= sizeof prefix)
			continue;
		memcpy(prefix, query, lens[k]);
		prefix[lens[k]] = '\0';
		t0 = now_ms();
		shown = vt_isearch_run(s, prefix, &nshown);
		for (i = 0; i < nshown && i < SCREEN; i++)
			vt_inbox_doc(in, shown[i], &d, NULL);
		total += now_ms() - t0;
		if (k == full)
			*found = nshown;
	}
	vt_isearch_free(s);
	free(all);
	return nkeys > 0 ? total / (double)nkeys : 0;
}

/* The compact inbox: its memory, its load time and the search per key
   with the first screen read back. */
static void
compact(struct vt_cache *c, const char *query, const char *label)
{
	struct vt_inbox		*in;
	struct vt_errbuf	 eb;
	double			 v[ROUNDS], t0, load;
	size_t			 found = 0, n;
	int			 r;

	memset(&eb, 0, sizeof eb);
	t0 = now_ms();
	if (vt_inbox_open(c, &in, &eb) != VT_OK) {
		fprintf(stderr, "inbox-search: %s\n", eb.detail);
		return;
	}
	load = now_ms() - t0;
	n = vt_inbox_count(in);
	printf("compact inbox %s: %zu documents read in %.1f ms, %.0f bytes "
	    "held per document\n", label, n, load, n > 0 ?
	    (double)vt_inbox_bytes(in) / (double)n : 0.0);
	for (r = 0; r < ROUNDS; r++)
		v[r] = type_compact(in, query, &found);
	printf("%-40s vanthu %-10.3f %-24s ratio %-6s target %s\n",
	    "search per key, compact + rows (ms)", median(v, ROUNDS),
	    "-", "-", "<= 1 ms at 10k, 10 ms at 100k");
	printf("search %s \"%s\" on the compact inbox: %zu found\n", label,
	    query, found);
	vt_inbox_free(in);
}

int
main(int argc, char **argv)
{
	struct vt_doc_list	 l = { 0 };
	struct vt_cache		*c;
	struct vt_errbuf	 eb;
	const char		*query = argc > 2 ? argv[2] : "hoang hoa";
	const char		*label = argc > 3 ? argv[3] : "";
	static const char *const names[] = {
		"fold every row (before)", "folded keys",
		"folded keys, narrowing (as '/')",
	};
	char			**texts, figure[64], anchor[32];
	double			 v[3][ROUNDS], t0, load;
	long			 before;
	size_t			 i, found[3];
	int			 r, w;

	if (argc < 2) {
		fprintf(stderr, "usage: inbox-search CACHE_DIR [QUERY]\n");
		return 2;
	}
	memset(&eb, 0, sizeof eb);
	before = rss_kb();
	t0 = now_ms();
	if (vt_cache_open(argv[1], &c, &eb) != VT_OK ||
	    vt_cache_inbox_load(c, &l, NULL, &eb) != VT_OK) {
		fprintf(stderr, "inbox-search: %s\n", eb.detail);
		return 1;
	}
	load = now_ms() - t0;
	printf("inbox %s: %zu documents loaded in %.1f ms, %.0f bytes of "
	    "memory per document\n", label, l.n, load,
	    l.n > 0 ? (rss_kb() - before) * 1024.0 / (double)l.n : 0.0);
	texts = xcalloc(l.n + 1, sizeof *texts);
	for (i = 0; i < l.n; i++)
		texts[i] = vt_doc_search_text(&l.items[i]);
	for (r = 0; r < ROUNDS; r++)
		for (w = 0; w < 3; w++)
			v[w][r] = type_query(&l, texts, query, (enum way)w,
			    &found[w]);
	snprintf(figure, sizeof figure, "search per key %s (ms)", label);
	for (w = 0; w < 3; w++)
		printf("search %s \"%s\", %-32s %.3f ms per key (%zu "
		    "found)\n", label, query, names[w], median(v[w], ROUNDS),
		    found[w]);
	snprintf(anchor, sizeof anchor, "%.3f before", median(v[0], ROUNDS));
	printf("%-40s vanthu %-10.3f %-24s ratio %-6.2f target "
	    "<= 1 ms at 10k, 10 ms at 100k\n", figure,
	    median(v[2], ROUNDS), anchor,
	    median(v[2], ROUNDS) / median(v[0], ROUNDS));
	for (i = 0; i < l.n; i++)
		free(texts[i]);
	free(texts);
	vt_doc_list_clear(&l);
	compact(c, query, label);
	vt_cache_close(c);
	return 0;
}
