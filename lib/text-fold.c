/*
 * vanthu: search folding and matching.  The key of a text is its
 * simple case folding, canonically decomposed (UAX #15 NFD) with the
 * combining marks removed, đ mapped to d, and white space runs made one
 * space; see vt_text_fold in vanthu/text.h.
 *
 * Matching many subjects must be fast (10,000 in well under 5 ms), so
 * the folding of the Latin, Greek, Cyrillic and Vietnamese ranges comes
 * from a table computed once with utf8proc, and subjects fold into a
 * stack buffer.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "text-impl.h"

/* Table entries for code points below FOLD_TABLE_MAX. */
#define F_SLOW	0	/* use utf8proc */
#define F_DROP	1	/* folds to nothing */
#define F_SPACE	2	/* white space */
#define FOLD_TABLE_MAX	0x2100

static unsigned char	fold_table[FOLD_TABLE_MAX];
static pthread_once_t	fold_once = PTHREAD_ONCE_INIT;

struct fold_out {
	char	*buf;
	size_t	*map;		/* NULL when no map is wanted */
	size_t	 len;
	size_t	 cap;
	int	 heap;		/* buf and map are ours to realloc */
	int	 space;		/* the last byte written is a space */
};

static bool
is_space_cp(int32_t cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' ||
	    cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return true;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/*
 * The folding of CP by utf8proc: case fold, decompose, strip marks.
 * Writes up to 8 code points to OUT and returns how many.
 */
static int
fold_slow(int32_t cp, int32_t out[8])
{
	utf8proc_int32_t	 tmp[8];
	utf8proc_ssize_t	 n;
	int			 last = 0, i, k = 0;
	utf8proc_category_t	 cat;

	if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0) {
		out[0] = 'd';
		return 1;
	}
	cat = utf8proc_category(cp);
	if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CC)
		return 0;
	n = utf8proc_decompose_char(cp, tmp, 8, UTF8PROC_DECOMPOSE |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
	if (n < 0 || n > 8) {
		out[0] = cp;
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (vt_is_mark(tmp[i]))
			continue;
		out[k++] = utf8proc_tolower(tmp[i]);
	}
	return k;
}

static void
fold_table_init(void)
{
	int32_t	 cp, out[8];
	int	 n;

	for (cp = 0; cp < FOLD_TABLE_MAX; cp++) {
		if (is_space_cp(cp)) {
			fold_table[cp] = F_SPACE;
			continue;
		}
		if (cp == 0 || cp == 1 || cp == 2) {
			/* NUL and the codes that collide with the markers. */
			fold_table[cp] = F_DROP;
			continue;
		}
		n = fold_slow(cp, out);
		if (n == 0)
			fold_table[cp] = F_DROP;
		else if (n == 1 && out[0] < 0x80 && out[0] > 2)
			fold_table[cp] = (unsigned char)out[0];
		else
			fold_table[cp] = F_SLOW;
	}
}

static void
out_grow(struct fold_out *o, size_t need)
{
	size_t	 cap = o->cap * 2 + need + 64;
	char	*nb;
	size_t	*nm = NULL;

	if (o->heap) {
		o->buf = xrealloc(o->buf, cap);
		if (o->map != NULL)
			o->map = xreallocarray(o->map, cap, sizeof *o->map);
	} else {
		nb = xmalloc(cap);
		memcpy(nb, o->buf, o->len);
		if (o->map != NULL) {
			nm = xreallocarray(NULL, cap, sizeof *nm);
			memcpy(nm, o->map, o->len * sizeof *nm);
		}
		o->buf = nb;
		o->map = nm;
		o->heap = 1;
	}
	o->cap = cap;
}

/* Room for NEED more bytes. */
static inline void
out_room(struct fold_out *o, size_t need)
{
	if (o->len + need >= o->cap)
		out_grow(o, need);
}

/* Append one byte; the caller made room. */
static inline void
out_byte(struct fold_out *o, char c, size_t src)
{
	o->buf[o->len] = c;
	if (o->map != NULL)
		o->map[o->len] = src;
	o->len++;
}

static void
out_cp(struct fold_out *o, int32_t cp, size_t src)
{
	char	 u[4];
	size_t	 n, k;

	n = vt_utf8_encode(cp, u);
	for (k = 0; k < n; k++)
		out_byte(o, u[k], src);
}

/*
 * Fold S (LEN bytes) into O.  The loop keeps the output position in
 * locals: stores through a char pointer may alias the struct, and
 * reloading it per byte halves the speed.
 */
static void
fold_into(struct fold_out *o, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, olen;
	int32_t			 cp, out[8];
	unsigned char		 f;
	int			 k, m, space;
	char			*buf;
	size_t			*map;

	pthread_once(&fold_once, fold_table_init);
	/*
	 * A character that folds through the table gives at most one byte
	 * per byte it takes, so room for LEN bytes is enough for those;
	 * the slow path makes more room itself.
	 */
	out_room(o, len + 1);
	buf = o->buf;
	map = o->map;
	olen = o->len;
	space = o->space;
	while (i < len) {
		if (map == NULL) {
			/* Runs of ASCII, without branches on the data. */
			while (i < len && p[i] < 0x80) {
				int	 sp;

				f = fold_table[p[i]];
				sp = f == F_SPACE;
				buf[olen] = sp ? ' ' : (char)f;
				olen += (f > F_SPACE) | (sp & !space);
				space = sp | (space & (f == F_DROP));
				i++;
			}
			if (i >= len)
				break;
		}
		if (p[i] < 0x80) {
			cp = p[i];
			n = 1;
		} else {
			n = vt_utf8_decode(p + i, len - i, &cp);
			if (cp == VT_CP_INVALID)
				cp = VT_CP_REPLACEMENT;
		}
		f = cp < FOLD_TABLE_MAX ? fold_table[cp] : F_SLOW;
		if (f == F_SLOW && cp >= FOLD_TABLE_MAX && is_space_cp(cp))
			f = F_SPACE;
		if (f > F_SPACE) {
			if (map != NULL)
				map[olen] = i;
			buf[olen++] = (char)f;
			space = 0;
		} else if (f == F_SPACE) {
			if (!space) {
				if (map != NULL)
					map[olen] = i;
				buf[olen++] = ' ';
			}
			space = 1;
		} else if (f == F_SLOW) {
			m = fold_slow(cp, out);
			o->len = olen;
			out_room(o, (size_t)m * 4 + (len - i) + 1);
			for (k = 0; k < m; k++)
				out_cp(o, out[k], i);
			buf = o->buf;
			map = o->map;
			olen = o->len;
			if (m > 0)
				space = 0;
		}
		i += n;
	}
	o->len = olen;
	o->space = space;
}

/* Whether the character at byte OFF of S folds to nothing. */
static bool
folds_to_nothing(const char *s, size_t len, size_t off, size_t *n)
{
	int32_t	cp, out[8];

	*n = vt_utf8_decode((const unsigned char *)s + off, len - off, &cp);
	if (cp == VT_CP_INVALID)
		return false;
	if (cp < FOLD_TABLE_MAX)
		return fold_table[cp] == F_DROP;
	return !is_space_cp(cp) && fold_slow(cp, out) == 0;
}

/*
 * The end, in S, of a match whose last folded byte came from the
 * character at SRC: after that character and the marks that follow.
 */
static size_t
match_end(const char *s, size_t len, size_t src)
{
	size_t	 n, off;
	int32_t	 cp;

	off = src + vt_utf8_decode((const unsigned char *)s + src, len - src,
	    &cp);
	while (off < len && folds_to_nothing(s, len, off, &n))
		off += n;
	return off;
}

char *
vt_text_fold(const char *s, size_t len, size_t **map_out)
{
	struct fold_out	 o;

	o.cap = len + 16;
	o.buf = xmalloc(o.cap);
	o.map = map_out != NULL ? xreallocarray(NULL, o.cap, sizeof *o.map) :
	    NULL;
	o.len = 0;
	o.heap = 1;
	o.space = 0;
	fold_into(&o, s, len);
	out_room(&o, 1);
	out_byte(&o, '\0', len);
	if (map_out != NULL)
		*map_out = o.map;
	return o.buf;
}

/* ---- Queries ---------------------------------------------------------- */

struct vt_text_query {
	int	  flags;
	size_t	  nwords;
	char	**words;	/* one phrase, or the words */
	size_t	 *lens;
};

/* A letter or digit of folded text (any byte of a non-ASCII one). */
static bool
word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/*
 * Add the folded query word W (LEN bytes) to QUERY.  A word searched
 * from a word's start loses the punctuation around it ("phòng," finds
 * "phòng chống", "/BCH" finds "15/BCH" and "BCH"): inside a word of the
 * subject, a letter after punctuation starts a word already.  A word of
 * punctuation alone is kept, and is found anywhere (find_word).
 */
static void
query_add_word(struct vt_text_query *query, const char *w, size_t len)
{
	const char	*s = w, *e = w + len;

	if (query->flags & VT_QUERY_WORD_START) {
		while (s < e && !word_char((unsigned char)*s))
			s++;
		while (e > s && !word_char((unsigned char)e[-1]))
			e--;
		if (s == e) {
			s = w;
			e = w + len;
		}
	}
	query->lens[query->nwords] = (size_t)(e - s);
	query->words[query->nwords++] = xstrndup(s, (size_t)(e - s));
}

struct vt_text_query *
vt_text_query_new_flags(const char *q, int flags)
{
	struct vt_text_query	*query;
	char			*key, *p, *sp;
	size_t			 n;

	query = xcalloc(1, sizeof *query);
	query->flags = flags;
	key = vt_text_fold(q, strlen(q), NULL);
	p = key;
	while (*p == ' ')
		p++;
	n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		p[--n] = '\0';
	query->words = xcalloc(n / 2 + 2, sizeof *query->words);
	query->lens = xcalloc(n / 2 + 2, sizeof *query->lens);
	if (n == 0) {
		free(key);
		return query;
	}
	if (!(flags & VT_QUERY_WORDS)) {
		query->words[0] = xstrdup(p);
		query->lens[0] = n;
		query->nwords = 1;
		free(key);
		return query;
	}
	while (*p != '\0') {
		sp = strchr(p, ' ');
		if (sp != NULL)
			*sp = '\0';
		query_add_word(query, p, strlen(p));
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	free(key);
	return query;
}

struct vt_text_query *
vt_text_query_new(const char *q)
{
	return vt_text_query_new_flags(q, 0);
}

size_t
vt_text_query_count(const struct vt_text_query *query)
{
	return query->nwords;
}

const char *
vt_text_query_word(const struct vt_text_query *query, size_t i, size_t *len)
{
	*len = query->lens[i];
	return query->words[i];
}

bool
vt_text_query_empty(const struct vt_text_query *query)
{
	return query->nwords == 0;
}

void
vt_text_query_free(struct vt_text_query *query)
{
	size_t	i;

	if (query == NULL)
		return;
	for (i = 0; i < query->nwords; i++)
		free(query->words[i]);
	free(query->words);
	free(query->lens);
	free(query);
}

/* Find WORD (WLEN bytes) in the folded HAY (HLEN bytes); returns its
 * offset or (size_t)-1. */
static size_t
find_word(const char *hay, size_t hlen, const char *word, size_t wlen,
    int word_start)
{
	const char	*p = hay, *hit, *end = hay + hlen;

	if (wlen == 0)
		return 0;
	/* The first byte with memchr, then the word-start test (cheap,
	   and false for most candidates), then the rest: faster than
	   memmem on the short words typed at each key. */
	while ((size_t)(end - p) >= wlen &&
	    (hit = memchr(p, word[0], (size_t)(end - p) - wlen + 1)) != NULL) {
		if ((!word_start || hit == hay ||
		    !word_char((unsigned char)hit[-1]) ||
		    !word_char((unsigned char)word[0])) &&
		    memcmp(hit + 1, word + 1, wlen - 1) == 0)
			return (size_t)(hit - hay);
		p = hit + 1;
	}
	return (size_t)-1;
}

/*
 * Match the folded subject in O.  Returns the folded range of the
 * leftmost matched word in *FS and *FE.
 */
static bool
match_folded(const struct vt_text_query *query, const struct fold_out *o,
    size_t *fs, size_t *fe)
{
	size_t	 i, at, best = (size_t)-1, bestlen = 0;
	int	 ws = (query->flags & VT_QUERY_WORD_START) != 0;

	for (i = 0; i < query->nwords; i++) {
		at = find_word(o->buf, o->len, query->words[i],
		    query->lens[i], ws);
		if (at == (size_t)-1)
			return false;
		if (at < best) {
			best = at;
			bestlen = query->lens[i];
		}
	}
	*fs = best;
	*fe = best + bestlen;
	return true;
}

bool
vt_text_query_match(const struct vt_text_query *query, const char *text,
    size_t len, size_t *start, size_t *end)
{
	char		 sbuf[4096 + 64];
	size_t		 smap[sizeof sbuf];
	struct fold_out	 o;
	size_t		 fs = 0, fe = 0;
	bool		 ok;
	int		 want_range = start != NULL || end != NULL;

	if (query->nwords == 0) {
		if (start != NULL)
			*start = 0;
		if (end != NULL)
			*end = 0;
		return true;
	}
	o.buf = sbuf;
	o.cap = sizeof sbuf;
	o.map = NULL;
	o.len = 0;
	o.heap = 0;
	o.space = 0;
	fold_into(&o, text, len);
	ok = match_folded(query, &o, &fs, &fe);
	if (ok && want_range) {
		/* Fold again, with the map, only for a match. */
		if (o.heap) {
			free(o.buf);
			o.buf = sbuf;
			o.cap = sizeof sbuf;
			o.heap = 0;
		}
		o.map = smap;
		o.len = 0;
		o.space = 0;
		fold_into(&o, text, len);
		if (start != NULL)
			*start = o.map[fs];
		if (end != NULL)
			*end = match_end(text, len, o.map[fe - 1]);
		if (o.heap)
			free(o.map);
	}
	if (o.heap)
		free(o.buf);
	return ok;
}

bool
vt_text_query_narrows(const struct vt_text_query *old,
    const struct vt_text_query *new)
{
	size_t	i, k;

	if (old->flags != new->flags)
		return false;
	/* A word matched where a longer one starting with it matches. */
	for (i = 0; i < old->nwords; i++) {
		for (k = 0; k < new->nwords; k++)
			if (new->lens[k] >= old->lens[i] && memcmp(new->words[k],
			    old->words[i], old->lens[i]) == 0)
				break;
		if (k == new->nwords)
			return false;
	}
	return true;
}

bool
vt_text_query_match_key(const struct vt_text_query *query, const char *key,
    size_t keylen)
{
	struct fold_out	 o;
	size_t		 fs, fe;

	if (query->nwords == 0)
		return true;
	memset(&o, 0, sizeof o);
	o.buf = (char *)key;
	o.len = keylen;
	return match_folded(query, &o, &fs, &fe);
}

bool
vt_text_find(const char *haystack, const char *needle, size_t *start,
    size_t *end)
{
	struct vt_text_query	*q;
	bool			 ok;

	q = vt_text_query_new(needle);
	ok = vt_text_query_match(q, haystack, strlen(haystack), start, end);
	vt_text_query_free(q);
	return ok;
}

struct vt_text_query *
vt_text_search_new(const char *q)
{
	return vt_text_query_new_flags(q, VT_QUERY_WORDS | VT_QUERY_WORD_START);
}

bool
vt_text_search_match(const struct vt_text_query *query, const char *text)
{
	return text != NULL && vt_text_query_match(query, text, strlen(text),
	    NULL, NULL);
}

size_t
vt_text_query_ranges(const struct vt_text_query *query, const char *text,
    size_t len, struct vt_text_range *out, size_t max)
{
	struct fold_out	 o;
	size_t		 i, n = 0, at, from, k;
	int		 ws = (query->flags & VT_QUERY_WORD_START) != 0;

	if (query->nwords == 0 || max == 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.cap = len + 64;
	o.buf = xmalloc(o.cap);
	o.map = xmalloc(o.cap * sizeof *o.map);
	o.heap = 1;
	fold_into(&o, text, len);
	for (i = 0; i < query->nwords && n < max; i++) {
		for (from = 0; from < o.len && n < max; ) {
			at = find_word(o.buf + from, o.len - from,
			    query->words[i], query->lens[i], ws);
			if (at == (size_t)-1)
				break;
			at += from;
			/* find_word saw a slice: check the byte before it. */
			if (ws && word_char((unsigned char)query->words[i][0]) &&
			    at > 0 && at == from &&
			    word_char((unsigned char)o.buf[at - 1])) {
				from = at + 1;
				continue;
			}
			out[n].start = o.map[at];
			out[n].end = match_end(text, len,
			    o.map[at + query->lens[i] - 1]);
			/* Keep the ranges sorted by start. */
			for (k = n; k > 0 && out[k - 1].start > out[k].start;
			    k--) {
				struct vt_text_range t = out[k];

				out[k] = out[k - 1];
				out[k - 1] = t;
			}
			n++;
			from = at + query->lens[i];
		}
	}
	free(o.buf);
	free(o.map);
	/* Overlapping ranges ("hoa" inside "Hoằng") become one. */
	for (i = 0, k = 0; i < n; i++) {
		if (k > 0 && out[i].start < out[k - 1].end) {
			if (out[i].end > out[k - 1].end)
				out[k - 1].end = out[i].end;
		} else
			out[k++] = out[i];
	}
	return k;
}
