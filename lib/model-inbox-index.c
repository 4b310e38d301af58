/*
 * vanthu: the compact inbox kept beside the cached inbox (issue 17, the
 * first screen): the file inbox.idx holds the arrays vt_inbox_open
 * builds from the inbox (records, arena, value tables), so that a start
 * reads them back in one pass instead of parsing and checking every
 * line of the inbox again.  The rows' text is still read from the inbox
 * itself, and checked, when they are shown (vt_inbox_doc).
 *
 * The index names the inbox file it was made of by its size and a sum
 * of its bytes (read in a millisecond at 10,000 documents: times and
 * inode numbers are not enough, a file rewritten in place or a new one
 * on a freed inode can keep them), and the layout of this build; a
 * checksum covers the index whole; its counts are bounded by the
 * inbox's size (a record per line) before anything is allocated, and
 * every record must point inside the inbox, the arena and the tables.
 * An index that does not match, or is damaged, is ignored: the inbox is
 * read as before and the index made again.  One that passes all this
 * and still gives a row that cannot be read back is removed then
 * (vt_inbox_doc).  It is a cache of a cache: nothing is lost without
 * it.
 *
 * Layout: struct head, then N records (struct rec, native byte order),
 * the arena (ALEN bytes), and for each of the three value tables its
 * offsets (uint32_t) and its strings.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/file.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "model-inbox-impl.h"

#define INDEX_MAGIC	"vanthu-index 1\n"	/* 15 bytes and a NUL */
#define INDEX_ENDIAN	0x01020304u
/* An index is about a third of its inbox; the cache's files are at
   most 512 MB. */
#define INDEX_MAX	((size_t)1 << 30)
/* Where struct rec's byte fields are and the largest values they hold:
   a build that moves or renumbers them does not read another's index
   (a change that keeps all of these needs INDEX_MAGIC changed). */
#define LAYOUT	((uint32_t)offsetof(struct rec, arrival) |		\
		 (uint32_t)offsetof(struct rec, urgency) << 8 |		\
		 (uint32_t)offsetof(struct rec, status) << 16 |		\
		 (uint32_t)(VT_URGENCY_FLASH_TIMED << 4 |		\
		     VT_STATUS_COMPLETED) << 24)

struct head {
	char		magic[16];
	uint32_t	endian;
	uint32_t	recsize;	/* sizeof (struct rec) */
	uint32_t	version;	/* the inbox file's format */
	uint32_t	layout;		/* LAYOUT: the records' fields */
	uint64_t	size;		/* the inbox file's size */
	uint64_t	content;	/* and content_sum of its bytes */
	uint64_t	n, alen;
	uint64_t	pool_n[3], pool_len[3];
	uint64_t	sum;		/* of all, with this field 0 */
};

/*
 * A 64-bit checksum of the bytes of the file in order, word by word (8
 * bytes, native order; the last one padded with zeros and its length):
 * each step is a bijection of the state, so a change of one word always
 * changes the sum.  Fed in pieces of any length.
 */
struct sum {
	uint64_t	h;
	unsigned char	buf[8];
	size_t		nbuf;
};

static void
sum_word(struct sum *s, uint64_t w)
{
	s->h = (s->h ^ w) * 0x9e3779b97f4a7c15ULL;
	s->h ^= s->h >> 32;
}

static void
sum_add(struct sum *s, const void *data, size_t len)
{
	const unsigned char	*p = data;
	uint64_t		 w;
	size_t			 k;

	if (len == 0)		/* (DATA may then be NULL: an empty array) */
		return;
	if (s->nbuf > 0) {
		k = 8 - s->nbuf < len ? 8 - s->nbuf : len;
		memcpy(s->buf + s->nbuf, p, k);
		s->nbuf += k;
		p += k;
		len -= k;
		if (s->nbuf < 8)
			return;
		memcpy(&w, s->buf, 8);
		sum_word(s, w);
		s->nbuf = 0;
	}
	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		sum_word(s, w);
	}
	memcpy(s->buf, p, len);
	s->nbuf = len;
}

static uint64_t
sum_end(struct sum *s)
{
	uint64_t	w = 0;

	if (s->nbuf > 0) {
		memcpy(&w, s->buf, s->nbuf);
		sum_word(s, w ^ ((uint64_t)s->nbuf << 56));
	}
	return s->h;
}

/*
 * The sum of the inbox file's bytes (the open descriptor FD, SIZE
 * bytes): four words at a time in four lanes (a quarter of the time of
 * one), then the lanes and the last bytes into one sum; its number of
 * lines into *LINES.  False when the file cannot be read whole.
 */
static bool
content_sum(int fd, uint64_t size, uint64_t *out, uint64_t *lines)
{
	enum { CHUNK = 1 << 16 };
	struct sum	 lane[4], all = { 0, { 0 }, 0 };
	unsigned char	*buf = xmalloc(CHUNK), *p, *end;
	uint64_t	 w, at = 0;
	size_t		 i, k, got;
	ssize_t		 r;

	*lines = 0;
	memset(lane, 0, sizeof lane);
	while (at < size) {
		got = 0;
		while (got < CHUNK && at + got < size) {
			r = pread(fd, buf + got, CHUNK - got, (off_t)(at + got));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got == 0)
			break;
		for (p = buf, end = buf + got; (p = memchr(p, '\n',
		    (size_t)(end - p))) != NULL; p++)
			++*lines;
		for (i = 0; i + 32 <= got; i += 32)
			for (k = 0; k < 4; k++) {
				memcpy(&w, buf + i + 8 * k, 8);
				sum_word(&lane[k], w);
			}
		at += got;
		if (i < got) {		/* the end of the file */
			sum_add(&all, buf + i, got - i);
			break;
		}
	}
	free(buf);
	for (k = 0; k < 4; k++)
		sum_add(&all, &lane[k].h, sizeof lane[k].h);
	*out = sum_end(&all);
	return at == size;
}

static struct pool *
pool_of(struct vt_inbox *in, int k)
{
	return k == 0 ? &in->due : k == 1 ? &in->issued : &in->organ;
}

/* The head of IN, read from a file of SIZE bytes whose bytes sum to
   CONTENT, without its own sum. */
static void
head_fill(struct head *h, const struct vt_inbox *in, uint64_t size,
    uint64_t content)
{
	int	k;

	memset(h, 0, sizeof *h);
	memcpy(h->magic, INDEX_MAGIC, sizeof INDEX_MAGIC);
	h->endian = INDEX_ENDIAN;
	h->recsize = (uint32_t)sizeof(struct rec);
	h->version = (uint32_t)in->version;
	h->layout = LAYOUT;
	h->size = size;
	h->content = content;
	h->n = in->n;
	h->alen = in->alen;
	for (k = 0; k < 3; k++) {
		h->pool_n[k] = pool_of((struct vt_inbox *)in, k)->n;
		h->pool_len[k] = pool_of((struct vt_inbox *)in, k)->len;
	}
}

/* ---- Reading ---------------------------------------------------------- */

/* Whether the LEN bytes at S are UTF-8 with no control byte but NUL
   (the arena's and tables' separators). */
static bool
strings_ok(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++)
		if (p[i] != 0 && (p[i] < 0x20 || p[i] == 0x7f))
			return false;
	return vt_text_valid_utf8(s, len);
}

/* Whether the index's value table P of N values is sound. */
static bool
pool_ok(const struct pool *p)
{
	uint32_t	i;

	if (p->n == 0 || p->len == 0 || p->off[0] != 0 || p->s[0] != '\0' ||
	    p->s[p->len - 1] != '\0')
		return false;
	for (i = 1; i < p->n; i++)
		if (p->off[i] >= p->len)
			return false;
	return strings_ok(p->s, p->len);
}

/* Whether record R points inside the inbox file of SIZE bytes, IN's
   arena and tables, with values vanthu writes. */
static bool
rec_ok(const struct vt_inbox *in, const struct rec *r, uint64_t size)
{
	const char	*id;

	if ((uint64_t)r->off + r->len >= size ||
	    (uint64_t)r->str + r->keylen + 2 >= in->alen ||
	    in->arena[r->str + r->keylen] != '\0')
		return false;
	id = in->arena + r->str + r->keylen + 1;
	if (id[0] == '\0' || r->due >= in->due.n ||
	    r->issued >= in->issued.n || r->organ >= in->organ.n)
		return false;
	return r->urgency <= VT_URGENCY_FLASH_TIMED &&
	    r->status <= VT_STATUS_COMPLETED && r->read <= 1 && r->mine <= 1;
}

static bool
read_all(FILE *f, void *p, size_t len, struct sum *sum)
{
	if (len > 0 && fread(p, 1, len, f) != len)
		return false;
	sum_add(sum, p, len);
	return true;
}

/* The arrays of the index F (whose head is H) into IN; false when short
   or its sum differs. */
static bool
index_load(struct vt_inbox *in, FILE *f, const struct head *h)
{
	struct head	z = *h;
	struct sum	sum = { 0, { 0 }, 0 };
	int		k;
	struct pool	*p;

	z.sum = 0;
	sum_add(&sum, &z, sizeof z);
	in->n = in->cap = (size_t)h->n;
	in->alen = in->acap = (size_t)h->alen;
	in->rec = xreallocarray(NULL, in->n + 1, sizeof *in->rec);
	in->arena = xmalloc(in->alen + 1);
	if (!read_all(f, in->rec, in->n * sizeof *in->rec, &sum) ||
	    !read_all(f, in->arena, in->alen, &sum))
		return false;
	for (k = 0; k < 3; k++) {
		p = pool_of(in, k);
		p->n = p->ncap = (uint32_t)h->pool_n[k];
		p->len = p->cap = (size_t)h->pool_len[k];
		p->off = xreallocarray(NULL, p->n + 1, sizeof *p->off);
		p->s = xmalloc(p->len + 1);
		if (!read_all(f, p->off, p->n * sizeof *p->off, &sum) ||
		    !read_all(f, p->s, p->len, &sum))
			return false;
	}
	return sum_end(&sum) == h->sum && fgetc(f) == EOF;
}

/* Whether the head H describes an index of this build for the inbox
   file FD of SIZE bytes (its content summed), in an index file of
   FSIZE bytes; before anything is allocated, its counts are those the
   inbox can give. */
static bool
head_ok(const struct head *h, int fd, uint64_t size, uint64_t fsize)
{
	uint64_t	need = sizeof *h, content, lines;
	int		k;

	if (memcmp(h->magic, INDEX_MAGIC, sizeof INDEX_MAGIC) != 0 ||
	    h->endian != INDEX_ENDIAN || h->recsize != sizeof(struct rec) ||
	    h->layout != LAYOUT || (h->version != 1 && h->version != 2) ||
	    h->size != size)
		return false;
	/* A record per line, strings from the lines (a key folded from a
	   line of format 1 is no longer than twice it), a table value per
	   record: every count below the inbox's size, before a product. */
	if (h->n > size || h->alen > 2 * size + 2 * h->n)
		return false;
	need += h->n * sizeof(struct rec) + h->alen;
	for (k = 0; k < 3; k++) {
		if (h->pool_n[k] > h->n + 1 || h->pool_len[k] > size + 1)
			return false;
		need += h->pool_n[k] * sizeof(uint32_t) + h->pool_len[k];
	}
	/* Last, the inbox's bytes: the index is of this very content, a
	   record for each line after the header. */
	return need == fsize && content_sum(fd, size, &content, &lines) &&
	    content == h->content && lines == h->n + 1;
}

/* Free what index_load allocated and leave IN's arrays empty. */
static void
index_drop(struct vt_inbox *in)
{
	int		 k;
	struct pool	*p;

	free(in->rec);
	free(in->arena);
	in->rec = NULL;
	in->arena = NULL;
	in->n = in->cap = in->alen = in->acap = 0;
	for (k = 0; k < 3; k++) {
		p = pool_of(in, k);
		free(p->off);
		free(p->s);
		memset(p, 0, sizeof *p);
	}
}

bool
inbox_index_read(struct vt_inbox *in, const char *dir, const struct stat *st)
{
	struct head	 h;
	struct stat	 ist;
	FILE		*f;
	char		*path = xasprintf("%s/inbox.idx", dir);
	bool		 ok = false;
	size_t		 i;
	int		 fd;

	if (vt_file_open_read(path, INDEX_MAX, VT_FILE_NOFOLLOW, &fd, NULL) !=
	    VT_OK) {
		free(path);
		return false;
	}
	free(path);
	if (fstat(fd, &ist) != 0 || (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return false;
	}
	if (fread(&h, sizeof h, 1, f) == 1 && head_ok(&h, fileno(in->f),
	    (uint64_t)st->st_size, (uint64_t)ist.st_size) &&
	    index_load(in, f, &h)) {
		ok = (in->alen == 0 ? in->n == 0 :
		    in->arena[in->alen - 1] == '\0' &&
		    strings_ok(in->arena, in->alen)) && pool_ok(&in->due) &&
		    pool_ok(&in->issued) && pool_ok(&in->organ);
		for (i = 0; ok && i < in->n; i++)
			ok = rec_ok(in, &in->rec[i], h.size);
	}
	fclose(f);
	if (ok)
		in->version = (int)h.version;
	else
		index_drop(in);
	return ok;
}

/* ---- Writing ---------------------------------------------------------- */

static bool
write_all(FILE *f, const void *p, size_t len, struct sum *sum, bool count)
{
	if (count)
		sum_add(sum, p, len);
	else if (len > 0 && fwrite(p, 1, len, f) != len)
		return false;
	return true;
}

/* The arrays of IN to F, or (COUNT) only their sum into *SUM. */
static bool
index_put(const struct vt_inbox *in, FILE *f, struct sum *sum, bool count)
{
	const struct pool	*p;
	int			 k;
	bool			 ok;

	ok = write_all(f, in->rec, in->n * sizeof *in->rec, sum, count) &&
	    write_all(f, in->arena, in->alen, sum, count);
	for (k = 0; ok && k < 3; k++) {
		p = pool_of((struct vt_inbox *)in, k);
		ok = write_all(f, p->off, p->n * sizeof *p->off, sum, count) &&
		    write_all(f, p->s, p->len, sum, count);
	}
	return ok;
}

void
inbox_index_write(const struct vt_inbox *in, const char *dir,
    const struct stat *st)
{
	static unsigned	 seq;
	struct head	 h;
	uint64_t	 content, lines;
	struct sum	 sum = { 0, { 0 }, 0 };
	FILE		*f = NULL;
	char		*path = xasprintf("%s/inbox.idx", dir), *tmp;
	bool		 ok;
	int		 fd = -1;

	if (!content_sum(fileno(in->f), (uint64_t)st->st_size, &content,
	    &lines)) {
		free(path);
		return;
	}
	head_fill(&h, in, (uint64_t)st->st_size, content);
	sum_add(&sum, &h, sizeof h);
	index_put(in, NULL, &sum, true);
	h.sum = sum_end(&sum);
	/* (a name the start's cleaning knows: vt_tmp_clean) */
	tmp = xasprintf("%s.tmp.%ld.%u", path, (long)getpid(), seq++);
	ok = (fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) >= 0 && (f = fdopen(fd, "w")) != NULL;
	if (!ok && fd >= 0)
		close(fd);
	ok = ok && fwrite(&h, sizeof h, 1, f) == 1 &&
	    index_put(in, f, NULL, false);
	if (f != NULL && fclose(f) != 0)
		ok = false;
	if (fd >= 0 && (!ok || rename(tmp, path) != 0))
		unlink(tmp);
	free(tmp);
	free(path);
}

void
inbox_index_remove(const char *inbox_path)
{
	char	*path = xasprintf("%s.idx", inbox_path);

	unlink(path);
	free(path);
}
