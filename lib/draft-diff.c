/*
 * vanthu: word diff between two versions of a draft (see vanthu/diff.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/api.h"
#include "vanthu/buf.h"
#include "vanthu/cache.h"
#include "vanthu/diff.h"
#include "vanthu/i18n.h"
#include "vanthu/pdftext.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* The words of a text with their keys. */
struct words {
	char	*text;		/* NFC copy */
	struct vt_text_word *w;
	char	**key;
	size_t	 n;
};

static void
words_load(struct words *ws, const char *s)
{
	size_t	i;

	ws->text = vt_text_nfc(s, strlen(s));
	ws->n = vt_text_words(ws->text, strlen(ws->text), &ws->w);
	ws->key = ws->n > 0 ? xcalloc(ws->n, sizeof *ws->key) : NULL;
	for (i = 0; i < ws->n; i++)
		ws->key[i] = vt_text_word_key(ws->text + ws->w[i].start,
		    ws->w[i].end - ws->w[i].start);
}

static void
words_free(struct words *ws)
{
	size_t	i;

	for (i = 0; i < ws->n; i++)
		free(ws->key[i]);
	free(ws->key);
	free(ws->w);
	free(ws->text);
}

static bool
same(const struct words *a, size_t i, const struct words *b, size_t j)
{
	return strcmp(a->key[i], b->key[j]) == 0;
}

/* Append word I of WS to the diff with OP (merging runs). */
static void
emit(struct vt_diff *d, size_t *cap, enum vt_diff_op op,
    const struct words *ws, size_t i)
{
	struct vt_diff_chunk	*c;
	char			*word, *joined;

	word = vt_text_safe(ws->text + ws->w[i].start,
	    ws->w[i].end - ws->w[i].start, 0);
	if (op == VT_DIFF_ADD)
		d->added++;
	else if (op == VT_DIFF_DEL)
		d->deleted++;
	if (d->n > 0 && d->chunks[d->n - 1].op == op) {
		c = &d->chunks[d->n - 1];
		joined = xasprintf("%s %s", c->text, word);
		free(c->text);
		free(word);
		c->text = joined;
		c->nwords++;
		return;
	}
	if (d->n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		d->chunks = xreallocarray(d->chunks, *cap, sizeof *d->chunks);
	}
	c = &d->chunks[d->n++];
	c->op = op;
	c->text = word;
	c->nwords = 1;
}

/* LCS of A[a0..a1) and B[b0..b1) by dynamic programming, emitted. */
static void
lcs(struct vt_diff *d, size_t *cap, const struct words *a, size_t a0,
    size_t a1, const struct words *b, size_t b0, size_t b1)
{
	size_t		 n = a1 - a0, m = b1 - b0, i, j;
	uint16_t	*t;

	if (n == 0 || m == 0 || n > UINT16_MAX - 1 || m > UINT16_MAX - 1 ||
	    (n + 1) * (m + 1) > VT_DIFF_CELLS_MAX) {
		for (i = a0; i < a1; i++)
			emit(d, cap, VT_DIFF_DEL, a, i);
		for (j = b0; j < b1; j++)
			emit(d, cap, VT_DIFF_ADD, b, j);
		return;
	}
	/* t[i][j]: LCS length of A[a0+i..a1) and B[b0+j..b1). */
	t = xcalloc((n + 1) * (m + 1), sizeof *t);
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (i = n; i-- > 0; )
		for (j = m; j-- > 0; )
			T(i, j) = same(a, a0 + i, b, b0 + j) ?
			    (uint16_t)(T(i + 1, j + 1) + 1) :
			    (T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) :
			    T(i, j + 1));
	i = j = 0;
	while (i < n && j < m) {
		if (same(a, a0 + i, b, b0 + j)) {
			emit(d, cap, VT_DIFF_SAME, b, b0 + j);
			i++;
			j++;
		} else if (T(i + 1, j) >= T(i, j + 1))
			emit(d, cap, VT_DIFF_DEL, a, a0 + i++);
		else
			emit(d, cap, VT_DIFF_ADD, b, b0 + j++);
	}
#undef T
	for (; i < n; i++)
		emit(d, cap, VT_DIFF_DEL, a, a0 + i);
	for (; j < m; j++)
		emit(d, cap, VT_DIFF_ADD, b, b0 + j);
	free(t);
}

void
vt_diff_words(const char *old, const char *new_, struct vt_diff *out)
{
	struct words	a, b;
	size_t		cap = 0, pre = 0, suf = 0, i;

	memset(out, 0, sizeof *out);
	words_load(&a, old);
	words_load(&b, new_);
	while (pre < a.n && pre < b.n && same(&a, pre, &b, pre))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre &&
	    same(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
		suf++;
	for (i = 0; i < pre; i++)
		emit(out, &cap, VT_DIFF_SAME, &b, i);
	lcs(out, &cap, &a, pre, a.n - suf, &b, pre, b.n - suf);
	for (i = b.n - suf; i < b.n; i++)
		emit(out, &cap, VT_DIFF_SAME, &b, i);
	words_free(&a);
	words_free(&b);
}

void
vt_diff_clear(struct vt_diff *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->chunks[i].text);
	free(d->chunks);
	memset(d, 0, sizeof *d);
}

vt_code
vt_draft_version_text(struct vt_client *c, struct vt_cache *cache,
    const struct vt_version *v, char **text, struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	struct vt_pdf_text	*pdf;
	struct vt_buf		 b;
	char			*path, *page;
	vt_code			 code;
	int			 i, n;

	*text = NULL;
	path = vt_cache_attachment_path(cache, v->sha256);
	if (path == NULL)
		return vt_fail(eb, VT_ERR_PROTOCOL, "sha256");
	memset(&att, 0, sizeof att);
	att.id = v->attachment_id;
	att.filename = v->filename;
	att.size = v->size;
	att.sha256 = v->sha256;
	att.url = xasprintf("/api/v1/attachments/%s", v->attachment_id);
	if (access(path, R_OK) == 0)
		code = VT_OK;
	else if (c == NULL)
		code = vt_fail(eb, VT_ERR_OFFLINE, _("version %d of the draft "
		    "is not on this computer yet; it is fetched when the "
		    "server can be reached"), v->number);
	else
		code = vt_api_download(c, &att, path, eb);
	free(att.url);
	if (code == VT_OK)
		code = vt_pdf_text_open(path, NULL, &pdf, eb);
	free(path);
	if (code != VT_OK)
		return code;
	vt_buf_init(&b);
	n = vt_pdf_text_pages(pdf);
	for (i = 0; i < n; i++) {
		if ((page = vt_pdf_text_page_converted(pdf, i)) == NULL)
			continue;
		vt_buf_puts(&b, page);
		vt_buf_putc(&b, '\n');
		free(page);
	}
	vt_pdf_text_close(pdf);
	*text = vt_buf_steal(&b);
	return VT_OK;
}

/* Append words [FROM, TO) of TEXT (words joined by single spaces). */
static void
fmt_slice(struct vt_buf *b, const char *text, size_t from, size_t to)
{
	const char	*p = text, *q;
	size_t		 i;

	for (i = 0; i < from && p != NULL; i++)
		p = (q = strchr(p, ' ')) != NULL ? q + 1 : NULL;
	for (i = from; i < to && p != NULL; i++) {
		q = strchr(p, ' ');
		if (i > from)
			vt_buf_putc(b, ' ');
		vt_buf_add(b, p, q != NULL ? (size_t)(q - p) : strlen(p));
		p = q != NULL ? q + 1 : NULL;
	}
}

/* An unchanged run, shortened to CONTEXT words next to the changes. */
static void
fmt_same(struct vt_buf *b, const struct vt_diff_chunk *c, bool first,
    bool last, size_t context)
{
	size_t	n = c->nwords;

	if (first && !last && n > context) {
		vt_buf_puts(b, "… ");
		fmt_slice(b, c->text, n - context, n);
	} else if (last && !first && n > context) {
		fmt_slice(b, c->text, 0, context);
		vt_buf_puts(b, " …");
	} else if (!first && !last && n > 2 * context) {
		fmt_slice(b, c->text, 0, context);
		vt_buf_puts(b, " …\n… ");
		fmt_slice(b, c->text, n - context, n);
	} else
		vt_buf_puts(b, c->text);
}

char *
vt_diff_format(const struct vt_diff *d, size_t context)
{
	struct vt_buf	b;
	size_t		i;

	vt_buf_init(&b);
	for (i = 0; i < d->n; i++) {
		const struct vt_diff_chunk *c = &d->chunks[i];

		if (i > 0)
			vt_buf_putc(&b, ' ');
		if (c->op == VT_DIFF_DEL)
			vt_buf_printf(&b, "[-%s-]", c->text);
		else if (c->op == VT_DIFF_ADD)
			vt_buf_printf(&b, "{+%s+}", c->text);
		else
			fmt_same(&b, c, i == 0, i + 1 == d->n, context);
	}
	return vt_buf_steal(&b);
}

const struct vt_version *
vt_draft_version_find(const struct vt_draft *d, const char *arg)
{
	char	*end;
	long	 n = strtol(arg, &end, 10);
	size_t	 i;

	for (i = 0; i < d->nversions; i++) {
		if (strcmp(d->versions[i].id, arg) == 0)
			return &d->versions[i];
		if (*end == '\0' && end != arg && d->versions[i].number == n)
			return &d->versions[i];
	}
	return NULL;
}
