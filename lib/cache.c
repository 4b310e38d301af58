/*
 * vanthu: the offline cache (see vanthu/cache.h).
 *
 * The inbox file is line-based so that a 10,000-document inbox loads in
 * milliseconds: a header line "vanthu-inbox 2<TAB>SYNC_TOKEN", then one
 * line per document with its summary fields separated by tabs, in the
 * order put_doc writes them, the last one the document's folded search
 * key (vt_doc_search_key), folded once when the document is stored so
 * that no search folds every row again.  Version 1 (before the key) is
 * read too, its keys folded as it loads, and rewritten as version 2 by
 * vt_cache_inbox_upgrade.  The strings were made terminal-safe before
 * they were stored (single-line safe text has no tab, line break or
 * other control character); a NULL field is the single byte 0x7F, which
 * safe text never contains.  Loading checks every field again (valid
 * UTF-8, no control bytes) and treats anything else as damage.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vanthu/cache.h"
#include "vanthu/config.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "cache-impl.h"

#define INBOX_MAGIC	"vanthu-inbox 2"
#define INBOX_MAGIC_V1	"vanthu-inbox 1"
#define FILE_MAX	(512u << 20)
#define NULL_FIELD	'\x7f'

struct vt_cache {
	char	*dir;
};

vt_code
vt_cache_open(const char *dir, struct vt_cache **out, struct vt_errbuf *eb)
{
	struct vt_cache	*c;
	char		*sub;
	vt_code		 code;
	const char	*subs[] = { "doc", "draft", "att" };
	size_t		 i;

	*out = NULL;
	if ((code = vt_mkdirs(dir, 0700, eb)) != VT_OK)
		return code;
	for (i = 0; i < 3; i++) {
		sub = xasprintf("%s/%s", dir, subs[i]);
		code = vt_mkdirs(sub, 0700, eb);
		free(sub);
		if (code != VT_OK)
			return code;
	}
	c = xcalloc(1, sizeof *c);
	c->dir = xstrdup(dir);
	*out = c;
	return VT_OK;
}

void
vt_cache_close(struct vt_cache *cache)
{
	if (cache == NULL)
		return;
	free(cache->dir);
	free(cache);
}

const char *
vt_cache_path(const struct vt_cache *cache)
{
	return cache->dir;
}

/* ---- The inbox ------------------------------------------------------- */

enum ftype { F_STR, F_INT, F_BOOL };

#define NFIELDS_V1	24
#define NFIELDS		25

static void
put_str(struct vt_buf *b, const char *s)
{
	const char	*p;

	if (s == NULL) {
		vt_buf_putc(b, NULL_FIELD);
		return;
	}
	for (p = s; *p != '\0'; p++)
		vt_buf_putc(b, (unsigned char)*p < 0x20 ? ' ' : *p);
}

static void
put_doc(struct vt_buf *b, const struct vt_doc *d)
{
	const char	*strs1[] = { d->id, d->code_number, d->code_notation,
	    d->number_notation, d->type_code, d->type_name, d->issued_date,
	    d->promulgation_place, d->organ.organ_id, d->organ.organ_name,
	    d->subject, d->signer.competence, d->signer.position,
	    d->signer.full_name };
	char		*key;
	size_t		 i;

	for (i = 0; i < sizeof strs1 / sizeof strs1[0]; i++) {
		put_str(b, strs1[i]);
		vt_buf_putc(b, '\t');
	}
	vt_buf_printf(b, "%d\t", d->urgency);
	put_str(b, d->due_date);
	vt_buf_printf(b, "\t%ld\t", d->arrival_number);
	put_str(b, d->arrival_date);
	vt_buf_printf(b, "\t%d\t", d->page_amount);
	put_str(b, d->status);
	vt_buf_printf(b, "\t%d\t%d\t%d\t", d->read, d->mine,
	    d->attachment_count);
	put_str(b, d->updated_at);
	vt_buf_putc(b, '\t');
	if (d->search_key != NULL)
		put_str(b, d->search_key);
	else {
		key = vt_doc_search_key(d);
		put_str(b, key);
		free(key);
	}
	vt_buf_putc(b, '\n');
}

vt_code
vt_cache_inbox_save(struct vt_cache *cache, const struct vt_doc_list *list,
    const char *sync_token, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path;
	size_t		 i;
	vt_code		 code;

	vt_buf_init(&b);
	vt_buf_puts(&b, INBOX_MAGIC "\t");
	put_str(&b, sync_token);
	vt_buf_putc(&b, '\n');
	for (i = 0; i < list->n; i++)
		put_doc(&b, &list->items[i]);
	path = xasprintf("%s/inbox", cache->dir);
	code = vt_file_write_atomic(path, b.data, b.len, 0600, eb);
	free(path);
	vt_buf_free(&b);
	if (code == VT_OK)
		vt_inbox_index_make(cache);
	return code;
}

struct vt_inbox_writer {
	struct vt_cache	*cache;
	char		*tmp;
	FILE		*f;
	struct vt_buf	 line;
	bool		 failed;
};

vt_code
vt_cache_inbox_begin(struct vt_cache *cache, const char *sync_token,
    struct vt_inbox_writer **out, struct vt_errbuf *eb)
{
	static unsigned		 seq;
	struct vt_inbox_writer	*w;
	int			 fd;

	w = xcalloc(1, sizeof *w);
	w->cache = cache;
	w->tmp = xasprintf("%s/inbox.tmp.%ld.%u", cache->dir, (long)getpid(),
	    seq++);
	fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || (w->f = fdopen(fd, "w")) == NULL) {
		vt_fail(eb, VT_ERR_IO, "%s: %s", w->tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(w->tmp);
		free(w);
		*out = NULL;
		return VT_ERR_IO;
	}
	vt_buf_init(&w->line);
	vt_buf_puts(&w->line, INBOX_MAGIC "\t");
	put_str(&w->line, sync_token);
	vt_buf_putc(&w->line, '\n');
	if (fwrite(w->line.data, 1, w->line.len, w->f) != w->line.len)
		w->failed = true;
	*out = w;
	return VT_OK;
}

void
vt_cache_inbox_put(struct vt_inbox_writer *w, const struct vt_doc *d)
{
	vt_buf_reset(&w->line);
	put_doc(&w->line, d);
	if (fwrite(w->line.data, 1, w->line.len, w->f) != w->line.len)
		w->failed = true;
}

void
vt_cache_inbox_abort(struct vt_inbox_writer *w)
{
	if (w == NULL)
		return;
	fclose(w->f);
	unlink(w->tmp);
	free(w->tmp);
	vt_buf_free(&w->line);
	free(w);
}

vt_code
vt_cache_inbox_commit(struct vt_inbox_writer *w, struct vt_errbuf *eb)
{
	char	*path;
	vt_code	 code = VT_OK;
	int	 saved;

	if (w->failed || fflush(w->f) != 0 || fsync(fileno(w->f)) != 0) {
		saved = errno;
		vt_cache_inbox_abort(w);
		return vt_fail(eb, VT_ERR_IO, "%s", strerror(saved));
	}
	path = xasprintf("%s/inbox", w->cache->dir);
	if (fclose(w->f) != 0 || rename(w->tmp, path) != 0) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
		unlink(w->tmp);
	} else if ((code = vt_fsync_dir(w->cache->dir, eb)) == VT_OK)
		vt_inbox_index_make(w->cache);
	free(path);
	free(w->tmp);
	vt_buf_free(&w->line);
	free(w);
	return code;
}

/*
 * Whether LINE (LEN bytes) can be an inbox line: valid UTF-8 with no
 * control byte but the tab that separates fields.
 */
static bool
line_ok(const char *line, size_t len)
{
	const unsigned char	*p = (const unsigned char *)line;
	const uint64_t		 ones = 0x0101010101010101ULL;
	const uint64_t		 highs = 0x8080808080808080ULL;
	uint64_t		 v, seen = 0;
	size_t			 i = 0, j;

	/* Eight bytes at a time (the inbox is read whole at start): a
	   byte below 0x20 in the word ("hasless", Anderson's bit hacks)
	   sends that word to the byte-wise check, as a tab is allowed. */
	for (; i + 8 <= len; i += 8) {
		memcpy(&v, p + i, 8);
		seen |= v;
		if (((v - ones * 0x20) & ~v & highs) == 0)
			continue;
		for (j = i; j < i + 8; j++)
			if (p[j] < 0x20 && p[j] != '\t')
				return false;
	}
	for (; i < len; i++) {
		if (p[i] < 0x20 && p[i] != '\t')
			return false;
		seen |= p[i];
	}
	return (seen & highs) == 0 || vt_text_valid_utf8(line, len);
}

/* A field of a checked line, in place: NULL for the null marker. */
static bool
get_str(char *f, char **out)
{
	if (f[0] == NULL_FIELD && f[1] == '\0') {
		*out = NULL;
		return true;
	}
	if (strchr(f, NULL_FIELD) != NULL)
		return false;
	*out = f;
	return true;
}

static bool
get_long(const char *f, long min, long max, long *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(f, &end, 10);
	if (errno != 0 || end == f || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/*
 * Parse LINE (modified: tabs become NULs) of an inbox file of VERSION
 * into D, pointing into it.
 */
static bool
parse_doc_line(char *line, int version, struct vt_doc *d)
{
	char	*f[NFIELDS], *p = line;
	char	**strs1[] = { &d->id, &d->code_number, &d->code_notation,
	    &d->number_notation, &d->type_code, &d->type_name,
	    &d->issued_date, &d->promulgation_place, &d->organ.organ_id,
	    &d->organ.organ_name, &d->subject, &d->signer.competence,
	    &d->signer.position, &d->signer.full_name };
	long	 n[6];
	size_t	 i, nf = version == 1 ? NFIELDS_V1 : NFIELDS;
	bool	 ok = true;

	memset(d, 0, sizeof *d);
	for (i = 0; i < nf; i++) {
		f[i] = p;
		p = strchr(p, '\t');
		if (p == NULL) {
			if (i != nf - 1)
				return false;
			break;
		}
		*p++ = '\0';
	}
	if (p != NULL)
		return false;
	for (i = 0; i < 14 && ok; i++)
		ok = get_str(f[i], strs1[i]);
	ok = ok && get_long(f[14], 0, 4, &n[0]) &&
	    get_str(f[15], &d->due_date) &&
	    get_long(f[16], 0, 1000000000, &n[1]) &&
	    get_str(f[17], &d->arrival_date) &&
	    get_long(f[18], 0, 1000000, &n[2]) &&
	    get_str(f[19], &d->status) &&
	    get_long(f[20], 0, 1, &n[3]) && get_long(f[21], 0, 1, &n[4]) &&
	    get_long(f[22], 0, 100000, &n[5]) &&
	    get_str(f[23], &d->updated_at) &&
	    (nf == NFIELDS_V1 || get_str(f[24], &d->search_key));
	if (!ok || d->id == NULL || d->subject == NULL || d->status == NULL ||
	    d->number_notation == NULL || d->organ.organ_name == NULL ||
	    d->type_name == NULL)
		return false;
	d->urgency = (int)n[0];
	d->arrival_number = n[1];
	d->page_amount = (int)n[2];
	d->read = n[3] != 0;
	d->mine = n[4] != 0;
	d->attachment_count = (int)n[5];
	return true;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A copy of D that owns its strings. */
static void
doc_copy(struct vt_doc *out, const struct vt_doc *d)
{
	*out = *d;
	out->id = xstrdup(d->id);
	out->code_number = dup_or_null(d->code_number);
	out->code_notation = dup_or_null(d->code_notation);
	out->number_notation = xstrdup(d->number_notation);
	out->type_code = dup_or_null(d->type_code);
	out->type_name = xstrdup(d->type_name);
	out->issued_date = dup_or_null(d->issued_date);
	out->promulgation_place = dup_or_null(d->promulgation_place);
	out->organ.organ_id = dup_or_null(d->organ.organ_id);
	out->organ.organ_name = xstrdup(d->organ.organ_name);
	out->subject = xstrdup(d->subject);
	out->signer.competence = dup_or_null(d->signer.competence);
	out->signer.position = dup_or_null(d->signer.position);
	out->signer.full_name = dup_or_null(d->signer.full_name);
	out->due_date = dup_or_null(d->due_date);
	out->arrival_date = dup_or_null(d->arrival_date);
	out->status = xstrdup(d->status);
	out->updated_at = dup_or_null(d->updated_at);
	/* A row of an older inbox gets its key here, once. */
	out->search_key = vt_doc_search_key(d);
}

/*
 * Read a file of the cache: a file that is not a regular file, a link,
 * or over FILE_MAX is local damage (VT_ERR_DAMAGED, refused before any
 * read), repaired by the next sync; VT_ERR_NOT_FOUND when it is absent.
 */
static vt_code
cache_read(const char *path, struct vt_buf *b, struct vt_errbuf *eb)
{
	struct vt_errbuf	e;
	vt_code			code;

	memset(&e, 0, sizeof e);
	code = vt_file_read_flags(path, FILE_MAX, VT_FILE_NOFOLLOW, b, &e);
	if (code == VT_OK || code == VT_ERR_NOT_FOUND) {
		if (eb != NULL && code != VT_OK)
			*eb = e;
		return code;
	}
	return vt_fail(eb, VT_ERR_DAMAGED, _("%s (the next 'vanthu sync' "
	    "fetches it again)"), code == VT_ERR_TOO_BIG ?
	    _("a cached file is too large") : e.detail);
}

/* Open the cache file PATH for reading line by line, as cache_read
   checks it (a named pipe would block fopen). */
static vt_code
cache_open(const char *path, FILE **fp, struct vt_errbuf *eb)
{
	struct vt_errbuf	e;
	vt_code			code;
	int			fd;

	memset(&e, 0, sizeof e);
	code = vt_file_open_read(path, FILE_MAX, VT_FILE_NOFOLLOW, &fd, &e);
	if (code == VT_OK && (*fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		code = vt_fail(&e, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (code == VT_OK || code == VT_ERR_NOT_FOUND) {
		if (eb != NULL && code != VT_OK)
			*eb = e;
		return code;
	}
	return vt_fail(eb, VT_ERR_DAMAGED, _("%s (the next 'vanthu sync' "
	    "fetches it again)"), code == VT_ERR_TOO_BIG ?
	    _("a cached file is too large") : e.detail);
}

/* The version of an inbox file from its header LINE; 0 if none. */
static int
inbox_version(const char *line)
{
	/* Both magics have the same length. */
	if (strncmp(line, INBOX_MAGIC "\t", sizeof INBOX_MAGIC) == 0)
		return 2;
	if (strncmp(line, INBOX_MAGIC_V1 "\t", sizeof INBOX_MAGIC_V1) == 0)
		return 1;
	return 0;
}

vt_code
vt_cache_inbox_fopen(struct vt_cache *cache, FILE **fp, char **path,
    struct vt_errbuf *eb)
{
	vt_code	code;

	*path = xasprintf("%s/inbox", cache->dir);
	if ((code = cache_open(*path, fp, eb)) != VT_OK) {
		if (code == VT_ERR_NOT_FOUND)
			code = vt_fail(eb, VT_ERR_NOT_FOUND, _("no cached inbox "
			    "yet: run 'vanthu sync' while online"));
		free(*path);
		*path = NULL;
	}
	return code;
}

int
vt_cache_inbox_header(const char *line, size_t len, char **tok)
{
	int	version;

	*tok = NULL;
	if (!line_ok(line, len) || (version = inbox_version(line)) == 0)
		return 0;
	/* Both magics have the same length. */
	if (!get_str((char *)line + sizeof INBOX_MAGIC, tok))
		return 0;
	return version;
}

bool
vt_cache_inbox_parse(char *line, size_t len, int version, struct vt_doc *d)
{
	return line_ok(line, len) && parse_doc_line(line, version, d);
}

vt_code
vt_cache_inbox_damaged(struct vt_errbuf *eb, const char *path, size_t lineno)
{
	return vt_fail(eb, VT_ERR_DAMAGED, _("%s:%zu: damaged cache file (the "
	    "next 'vanthu sync' fetches it again)"), path, lineno);
}

/* vt_cache_inbox_each, and the file's version into *VERSION. */
static vt_code
inbox_each(struct vt_cache *cache, vt_cache_doc_fn fn, void *arg,
    char **sync_token, int *version_out, struct vt_errbuf *eb)
{
	struct vt_doc	 d;
	FILE		*f;
	char		*path, *line = NULL, *tok = NULL;
	size_t		 cap = 0, lineno = 0;
	ssize_t		 len;
	vt_code		 code = VT_OK;
	int		 version = 0;

	if (sync_token != NULL)
		*sync_token = NULL;
	*version_out = 0;
	if ((code = vt_cache_inbox_fopen(cache, &f, &path, eb)) != VT_OK)
		return code;
	while ((len = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[len - 1] != '\n') {
			code = VT_ERR_PROTOCOL;
			break;
		}
		line[len - 1] = '\0';
		if (lineno == 1) {
			if ((version = vt_cache_inbox_header(line,
			    (size_t)len - 1, &tok)) == 0) {
				code = VT_ERR_PROTOCOL;
				break;
			}
			*version_out = version;
			tok = tok != NULL ? xstrdup(tok) : NULL;
			continue;
		}
		if (!vt_cache_inbox_parse(line, (size_t)len - 1, version, &d)) {
			code = VT_ERR_PROTOCOL;
			break;
		}
		if (!fn(arg, &d))
			break;
	}
	if (code == VT_OK && lineno == 0)
		code = VT_ERR_PROTOCOL;
	if (code == VT_ERR_PROTOCOL)
		code = vt_cache_inbox_damaged(eb, path, lineno);
	fclose(f);
	free(line);
	free(path);
	if (code == VT_OK && sync_token != NULL)
		*sync_token = tok;
	else
		free(tok);
	return code;
}

vt_code
vt_cache_inbox_each(struct vt_cache *cache, vt_cache_doc_fn fn, void *arg,
    char **sync_token, struct vt_errbuf *eb)
{
	int	version;

	return inbox_each(cache, fn, arg, sync_token, &version, eb);
}

static bool
stop_at_first(void *arg, const struct vt_doc *d)
{
	(void)arg;
	(void)d;
	return false;
}

char *
vt_cache_sync_token(struct vt_cache *cache)
{
	char	*token = NULL;

	if (vt_cache_inbox_each(cache, stop_at_first, NULL, &token, NULL) !=
	    VT_OK) {
		free(token);
		token = NULL;
	}
	return token;
}

static bool
push_copy(void *arg, const struct vt_doc *d)
{
	struct vt_doc	copy;

	doc_copy(&copy, d);
	vt_doc_list_push(arg, &copy);
	return true;
}

vt_code
vt_cache_inbox_load(struct vt_cache *cache, struct vt_doc_list *list,
    char **sync_token, struct vt_errbuf *eb)
{
	size_t	start = list->n;
	vt_code	code;

	code = vt_cache_inbox_each(cache, push_copy, list, sync_token, eb);
	if (code != VT_OK) {
		while (list->n > start)
			vt_doc_clear(&list->items[--list->n]);
		if (list->n == 0)
			vt_doc_list_clear(list);
	}
	return code;
}

static bool
copy_row(void *arg, const struct vt_doc *d)
{
	vt_cache_inbox_put(arg, d);
	return true;
}

static bool
stop_at_header(void *arg, const struct vt_doc *d)
{
	(void)arg;
	(void)d;
	return false;
}

vt_code
vt_cache_inbox_upgrade(struct vt_cache *cache, bool *upgraded,
    struct vt_errbuf *eb)
{
	struct vt_inbox_writer	*w;
	char			*tok = NULL;
	vt_code			 code;
	int			 version;

	if (upgraded != NULL)
		*upgraded = false;
	code = inbox_each(cache, stop_at_header, NULL, &tok, &version, eb);
	if (code != VT_OK || version == 2) {
		free(tok);
		return code == VT_ERR_NOT_FOUND ? VT_OK : code;
	}
	code = vt_cache_inbox_begin(cache, tok, &w, eb);
	free(tok);
	if (code != VT_OK)
		return code;
	code = vt_cache_inbox_each(cache, copy_row, w, NULL, eb);
	if (code != VT_OK) {
		vt_cache_inbox_abort(w);
		return code;
	}
	code = vt_cache_inbox_commit(w, eb);
	if (code == VT_OK && upgraded != NULL)
		*upgraded = true;
	return code;
}

/*
 * The offset in the inbox file BUF (LEN bytes) of the "read" field of
 * the row of ID that says unread, or -1 when there is none (no such
 * row, read already, or a row that does not parse: the next sync's).
 */
static long
unread_flag_at(const char *buf, size_t len, const char *id)
{
	struct vt_doc	 d;
	const char	*p = buf, *end = buf + len, *line, *eol, *f;
	char		*needle = xasprintf("\n%s\t", id), *copy;
	size_t		 nlen = strlen(needle), i;
	long		 at = -1;
	int		 version;

	/* The header says the format; both keep "read" as field 20. */
	if ((eol = memchr(buf, '\n', len)) == NULL ||
	    (version = inbox_version(buf)) == 0) {
		free(needle);
		return -1;
	}
	while (at < 0 && (p = memmem(p, (size_t)(end - p), needle, nlen)) !=
	    NULL) {
		line = ++p;
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
			break;
		for (f = line, i = 0; i < 20 && f != NULL && f < eol; i++)
			if ((f = memchr(f, '\t', (size_t)(eol - f))) != NULL)
				f++;
		if (f == NULL || f + 2 > eol || f[0] != '0' || f[1] != '\t')
			continue;
		/* Only in a row vanthu would read. */
		copy = xstrndup(line, (size_t)(eol - line));
		if (vt_cache_inbox_parse(copy, (size_t)(eol - line), version,
		    &d))
			at = (long)(f - buf);
		free(copy);
	}
	free(needle);
	return at;
}

vt_code
vt_cache_inbox_mark_read(struct vt_cache *cache, const char *id,
    struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path = xasprintf("%s/inbox", cache->dir);
	long		 at;
	vt_code		 code;
	int		 lock;

	/* After a sync, not during one: a copy of the inbox it is about to
	   replace would bring the older inbox back over the newer. */
	vt_dir_lock(cache->dir, &lock, NULL);
	/* Read as every reader does; no inbox: nothing to do. */
	vt_buf_init(&b);
	if ((code = cache_read(path, &b, eb)) == VT_OK &&
	    (at = unread_flag_at(b.data, b.len, id)) >= 0) {
		/*
		 * The same bytes but one, in a new file renamed over the
		 * old: a reader of the old file (an open compact inbox)
		 * keeps a whole file, and whoever compares the file's
		 * identity (vt_inbox_current, the inbox's index) sees a
		 * new one.  Its index is made again now, so that the next
		 * start reads it back (vt_inbox_index_make).
		 */
		b.data[at] = '1';
		code = vt_file_write_atomic(path, b.data, b.len, 0600, eb);
		if (code == VT_OK)
			vt_inbox_index_make(cache);
	}
	vt_dir_unlock(lock);
	vt_buf_free(&b);
	free(path);
	return code == VT_ERR_NOT_FOUND ? VT_OK : code;
}

/* ---- Drafts ---------------------------------------------------------- */

vt_code
vt_cache_drafts_save(struct vt_cache *cache, const struct vt_draft_list *list,
    const char *sync_token, struct vt_errbuf *eb)
{
	cJSON	*j, *a, *o;
	char	*text, *path;
	size_t	 i;
	vt_code	 code;

	j = cJSON_CreateObject();
	if (sync_token != NULL)
		cJSON_AddStringToObject(j, "sync_token", sync_token);
	a = cJSON_AddArrayToObject(j, "items");
	for (i = 0; i < list->n; i++) {
		o = vt_draft_to_json(&list->items[i]);
		cJSON_AddItemToArray(a, o);
	}
	text = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	path = xasprintf("%s/drafts.json", cache->dir);
	code = vt_file_write_atomic(path, text, strlen(text), 0600, eb);
	free(path);
	free(text);
	return code;
}

vt_code
vt_cache_drafts_load(struct vt_cache *cache, struct vt_draft_list *list,
    char **sync_token, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	struct vt_draft	 d;
	cJSON		*j;
	const cJSON	*a, *it, *tok;
	char		*path, ctx[48];
	size_t		 i = 0;
	vt_code		 code;

	if (sync_token != NULL)
		*sync_token = NULL;
	path = xasprintf("%s/drafts.json", cache->dir);
	vt_buf_init(&b);
	code = cache_read(path, &b, eb);
	if (code == VT_ERR_NOT_FOUND)
		code = vt_fail(eb, VT_ERR_NOT_FOUND, _("no cached drafts yet: "
		    "run 'vanthu sync' while online"));
	j = code == VT_OK ? cJSON_ParseWithLength(b.data, b.len) : NULL;
	vt_buf_free(&b);
	if (code == VT_OK && (a = cJSON_GetObjectItemCaseSensitive(j,
	    "items")) != NULL && cJSON_IsArray(a)) {
		cJSON_ArrayForEach(it, a) {
			snprintf(ctx, sizeof ctx, "drafts[%zu]", i++);
			if ((code = vt_draft_parse(it, ctx, &d, eb)) != VT_OK)
				break;
			vt_draft_list_push(list, &d);
		}
		tok = cJSON_GetObjectItemCaseSensitive(j, "sync_token");
		if (code == VT_OK && sync_token != NULL &&
		    cJSON_IsString(tok))
			*sync_token = xstrdup(tok->valuestring);
	} else if (code == VT_OK)
		code = vt_fail(eb, VT_ERR_DAMAGED, _("%s: damaged cache file "
		    "(the next 'vanthu sync' fetches it again)"), path);
	cJSON_Delete(j);
	free(path);
	return code;
}

/* ---- Opened documents and drafts ------------------------------------ */

static char *
object_file(const struct vt_cache *cache, const char *kind, const char *id)
{
	const char	*p;

	if (id[0] == '\0' || id[0] == '.' || strlen(id) > 200)
		return NULL;
	for (p = id; *p != '\0'; p++) {
		if (*p <= ' ' || *p > '~' || *p == '/')
			return NULL;
	}
	return xasprintf("%s/%s/%s.json", cache->dir,
	    strcmp(kind, "doc") == 0 ? "doc" : "draft", id);
}

vt_code
vt_cache_object_save(struct vt_cache *cache, const char *kind, const char *id,
    const char *json, size_t len, const char *etag, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path;
	vt_code		 code;

	if ((path = object_file(cache, kind, id)) == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("bad identifier"));
	vt_buf_init(&b);
	/* First line: the ETag (or empty); then the server's answer. */
	if (etag != NULL && strchr(etag, '\n') == NULL)
		vt_buf_puts(&b, etag);
	vt_buf_putc(&b, '\n');
	vt_buf_add(&b, json, len);
	code = vt_file_write_atomic(path, b.data, b.len, 0600, eb);
	vt_buf_free(&b);
	free(path);
	return code;
}

vt_code
vt_cache_object_load(struct vt_cache *cache, const char *kind, const char *id,
    struct vt_buf *json, char **etag, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path, *nl;
	vt_code		 code;

	if (etag != NULL)
		*etag = NULL;
	if ((path = object_file(cache, kind, id)) == NULL)
		return vt_fail(eb, VT_ERR_NOT_FOUND, _("bad identifier"));
	vt_buf_init(&b);
	code = cache_read(path, &b, eb);
	free(path);
	if (code == VT_OK && (nl = memchr(b.data, '\n', b.len)) == NULL)
		code = vt_fail(eb, VT_ERR_DAMAGED, _("damaged cache file (the "
		    "next 'vanthu sync' fetches it again)"));
	if (code == VT_OK) {
		if (etag != NULL && nl > b.data)
			*etag = xstrndup(b.data, (size_t)(nl - b.data));
		vt_buf_add(json, nl + 1, b.len - (size_t)(nl + 1 - b.data));
	}
	vt_buf_free(&b);
	return code;
}

vt_code
vt_cache_object_remove(struct vt_cache *cache, const char *kind,
    const char *id, struct vt_errbuf *eb)
{
	char	*path = object_file(cache, kind, id);
	vt_code	 code = VT_OK;

	if (path != NULL && unlink(path) != 0 && errno != ENOENT)
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	free(path);
	return code;
}

static vt_code
object_json(struct vt_cache *cache, const char *kind, const char *id,
    cJSON **out, struct vt_errbuf *eb)
{
	struct vt_buf	b;
	vt_code		code;

	vt_buf_init(&b);
	*out = NULL;
	code = vt_cache_object_load(cache, kind, id, &b, NULL, eb);
	if (code == VT_OK &&
	    (*out = cJSON_ParseWithLength(b.data, b.len)) == NULL)
		code = vt_fail(eb, VT_ERR_DAMAGED, _("damaged cache file (the "
		    "next 'vanthu sync' fetches it again)"));
	vt_buf_free(&b);
	return code;
}

vt_code
vt_cache_doc_load(struct vt_cache *cache, const char *id, struct vt_doc *out,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if ((code = object_json(cache, "doc", id, &j, eb)) != VT_OK)
		return code;
	code = vt_doc_parse(j, "incoming", out, eb);
	cJSON_Delete(j);
	return code;
}

vt_code
vt_cache_draft_load(struct vt_cache *cache, const char *id,
    struct vt_draft *out, struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if ((code = object_json(cache, "draft", id, &j, eb)) != VT_OK)
		return code;
	code = vt_draft_parse(j, "draft", out, eb);
	cJSON_Delete(j);
	return code;
}

char *
vt_cache_attachment_path(const struct vt_cache *cache, const char *sha256)
{
	if (sha256 == NULL || strlen(sha256) != 64 ||
	    strspn(sha256, "0123456789abcdef") != 64)
		return NULL;
	return xasprintf("%s/att/%s", cache->dir, sha256);
}
