/*
 * vanthu: typed API calls: lists with cursor pagination, documents,
 * drafts, the delta, downloads (docs/api.md sections 5 to 9).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api-impl.h"
#include "vanthu/i18n.h"
#include "vanthu/idset.h"
#include "vanthu/xmalloc.h"

/* The largest page every server of this API accepts (1..200 before
   the pages of up to 1,000 items): a server refusing a larger limit
   is asked again with this one. */
#define PAGE_COMPAT	200

/*
 * GET PATH and parse the answer as a JSON object.  A body that does not
 * parse (cut short, or replaced by a proxy's error page) is fetched
 * once more before giving up with VT_ERR_PROTOCOL.
 */
static vt_code
get_json(struct vt_client *c, const char *path, cJSON **out,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	resp;
	vt_code			code;
	int			tries;

	*out = NULL;
	for (tries = 0; tries < 2; tries++) {
		code = vt_api_get(c, path, NULL, &resp, eb);
		if (code == VT_OK)
			code = vt_api_parse_json(&resp, out, eb);
		vt_http_resp_free(&resp);
		if (code != VT_ERR_PROTOCOL)
			break;
	}
	return code;
}

/*
 * GET PATH (If-None-Match: INM when not NULL): the answer parsed in
 * *OUT and its ETag in *ETAG (NULL when none), except that a 304 is
 * VT_OK with *OUT NULL and *NOT_MODIFIED set, and a 400 answer whose
 * error code is ERROR_CODE is VT_OK with *OUT NULL (the caller knows
 * what it means).
 */
static vt_code
get_json_or(struct vt_client *c, const char *path, const char *inm,
    const char *error_code, cJSON **out, bool *not_modified, char **etag,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	resp;
	struct vt_api_error	e;
	vt_code			code;
	int			tries;

	*out = NULL;
	*not_modified = false;
	*etag = NULL;
	for (tries = 0; tries < 2; tries++) {
		code = vt_api_get(c, path, inm, &resp, eb);
		if (code == VT_ERR_REFUSED && resp.status == 400) {
			vt_api_error_parse(resp.body.data, resp.body.len, &e);
			if (strcmp(e.code, error_code) == 0) {
				code = VT_OK;
				if (eb != NULL) {
					eb->code = VT_OK;
					eb->detail[0] = '\0';
				}
			}
			vt_api_error_clear(&e);
			vt_http_resp_free(&resp);
			return code;
		}
		if (code == VT_OK && resp.status == 304 && inm != NULL) {
			*not_modified = true;
			vt_http_resp_free(&resp);
			return VT_OK;
		}
		if (code == VT_OK)
			code = vt_api_parse_json(&resp, out, eb);
		if (code == VT_OK && resp.etag != NULL)
			*etag = xstrdup(resp.etag);
		vt_http_resp_free(&resp);
		if (code != VT_ERR_PROTOCOL)
			break;
	}
	return code;
}

static char *
page_path(const char *base, const char *cursor, int limit)
{
	char	*esc, *p;

	if (cursor == NULL)
		return xasprintf("%s%climit=%d", base,
		    strchr(base, '?') ? '&' : '?', limit);
	esc = vt_http_url_escape(cursor);
	p = xasprintf("%s%climit=%d&cursor=%s", base,
	    strchr(base, '?') ? '&' : '?', limit, esc);
	free(esc);
	return p;
}

/* One page: items parsed by FN into LIST; the cursor and token out. */
typedef vt_code (*item_fn)(const cJSON *item, const char *ctx, void *list,
    struct vt_errbuf *eb);

/*
 * Bounds on a listing, so that a hostile or broken server cannot keep
 * the client paging for ever: a cursor or sync token is short printable
 * ASCII (it goes back into a URL and into the cache), no list is longer
 * than LIST_MAX items, the first page has no more items than its
 * "total", and later pages exceed it by at most a page (documents
 * arriving meanwhile).
 */
#define TOKEN_MAX	1024
#define LIST_MAX	1000000

bool
vt_api_token_valid(const char *s)
{
	size_t	n;

	if (s == NULL || s[0] == '\0')
		return false;
	for (n = 0; s[n] != '\0'; n++)
		if (n >= TOKEN_MAX || s[n] <= ' ' || s[n] > '~')
			return false;
	return true;
}

/* Pagination state: the cursors seen and the items counted. */
struct pager {
	char	**seen;
	size_t	  nseen;
	size_t	  items;
	size_t	  max_items;
	size_t	  page;		/* the limit asked */
};

static void
pager_free(struct pager *pg)
{
	size_t	i;

	for (i = 0; i < pg->nseen; i++)
		free(pg->seen[i]);
	free(pg->seen);
}

/*
 * Check one page's paging fields (NEXT, TOTAL, TOK) and item count N;
 * returns the next cursor (a copy) in *CURSOR, NULL on the last page.
 */
static vt_code
pager_check(struct pager *pg, const char *what, const cJSON *next,
    const cJSON *total, const cJSON *tok, size_t n, char **cursor,
    struct vt_errbuf *eb)
{
	size_t	i;

	*cursor = NULL;
	if (tok != NULL && !cJSON_IsNull(tok) && (!cJSON_IsString(tok) ||
	    !vt_api_token_valid(tok->valuestring)))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s.sync_token: %s", what,
		    _("not a valid token"));
	if (pg->nseen == 0) {
		pg->max_items = LIST_MAX;
		if (cJSON_IsNumber(total) && total->valuedouble >= 0 &&
		    total->valuedouble < LIST_MAX)
			pg->max_items = (size_t)total->valuedouble;
	}
	pg->items += n;
	/* After the first page, allow for documents arriving meanwhile. */
	if (pg->items > pg->max_items + (pg->nseen > 0 ? pg->page : 0))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", what,
		    _("more items than the total announced"));
	if (!cJSON_IsString(next) || next->valuestring[0] == '\0')
		return VT_OK;
	if (!vt_api_token_valid(next->valuestring))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s.next_cursor: %s",
		    what, _("not a valid token"));
	if (n == 0)
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", what,
		    _("an empty page is not the last one"));
	for (i = 0; i < pg->nseen; i++)
		if (strcmp(pg->seen[i], next->valuestring) == 0)
			return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", what,
			    _("the same page was offered twice"));
	pg->seen = xreallocarray(pg->seen, pg->nseen + 1, sizeof *pg->seen);
	pg->seen[pg->nseen++] = xstrdup(next->valuestring);
	*cursor = xstrdup(next->valuestring);
	return VT_OK;
}

/*
 * A whole list in one streamed answer (docs/api.md section 1): lines of
 * JSON (application/x-ndjson), the first with "total" and "sync_token",
 * then one item per line, then {"end": true, "count": N}.  Each line is
 * parsed as it arrives, so no more than one item is held at a time.
 */
#define STREAM_TYPE	"application/x-ndjson"
#define LINE_MAX_BYTES	(1u << 20)

struct lines {
	struct vt_buf	 line;		/* the part of a line so far */
	const char	*what;
	item_fn		 fn;
	void		*list;
	struct pager	*pg;
	char		**token;	/* the meta line's sync_token, or NULL */
	size_t		 n;		/* items so far */
	bool		 meta, end;
	vt_code		 code;
	struct vt_errbuf eb;		/* why it stopped */
};

static vt_code
line_meta(struct lines *ls, const cJSON *j)
{
	const cJSON	*tok = cJSON_GetObjectItemCaseSensitive(j, "sync_token");
	char		*cursor = NULL;
	vt_code		 code;

	if (!cJSON_IsString(tok))
		return vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s.sync_token: %s",
		    ls->what, _("missing"));
	code = pager_check(ls->pg, ls->what, NULL,
	    cJSON_GetObjectItemCaseSensitive(j, "total"), tok, 0, &cursor,
	    &ls->eb);
	free(cursor);
	/* Known before the first item, as with pages: the cache's writer
	   starts with it. */
	if (code == VT_OK && ls->token != NULL)
		*ls->token = xstrdup(tok->valuestring);
	ls->meta = true;
	return code;
}

static vt_code
line_end(struct lines *ls, const cJSON *j)
{
	const cJSON	*count = cJSON_GetObjectItemCaseSensitive(j, "count");

	ls->end = true;
	if (!cJSON_IsNumber(count) || count->valuedouble != (double)ls->n)
		return vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s: %s", ls->what,
		    _("the list's end does not count its items"));
	return VT_OK;
}

static vt_code
line_item(struct lines *ls, const cJSON *j)
{
	char	ctx[64];

	/* Documents arriving while it streams: a page's worth at most. */
	if (++ls->pg->items > ls->pg->max_items + ls->pg->page)
		return vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s: %s", ls->what,
		    _("more items than the total announced"));
	snprintf(ctx, sizeof ctx, "%s[%zu]", ls->what, ls->n++);
	return ls->fn(j, ctx, ls->list, &ls->eb);
}

static vt_code
one_line(struct lines *ls, char *s, size_t len)
{
	cJSON	*j;
	vt_code	 code;

	while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' '))
		len--;
	if (len == 0)
		return VT_OK;
	if (ls->end)
		return vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s: %s", ls->what,
		    _("more after the end of the list"));
	j = vt_json_parse_text(s, len);
	if (j == NULL || !cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s: %s", ls->what,
		    _("a line of the list is not a JSON object"));
	}
	if (!ls->meta)
		code = line_meta(ls, j);
	else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "end")))
		code = line_end(ls, j);
	else
		code = line_item(ls, j);
	cJSON_Delete(j);
	return code;
}

/* stream_fn of the list: whole lines parsed, the rest kept. */
static bool
lines_add(void *arg, const char *data, size_t len)
{
	struct lines	*ls = arg;
	const char	*nl;
	size_t		 k;

	while (ls->code == VT_OK && len > 0) {
		nl = memchr(data, '\n', len);
		k = nl != NULL ? (size_t)(nl - data) : len;
		if (ls->line.len + k > LINE_MAX_BYTES) {
			ls->code = vt_fail(&ls->eb, VT_ERR_PROTOCOL, "%s: %s",
			    ls->what, _("a line of the list is too long"));
			break;
		}
		if (nl == NULL) {
			vt_buf_add(&ls->line, data, len);
			break;
		}
		/* A copy: the parser may rewrite "\u0000" in place. */
		vt_buf_add(&ls->line, data, k);
		ls->code = one_line(ls, ls->line.data, ls->line.len);
		vt_buf_reset(&ls->line);
		data += k + 1;
		len -= k + 1;
	}
	return ls->code == VT_OK;
}

/*
 * The first request of a list, asking for the whole list streamed.  A
 * server that streams it: every item goes to FN, *SYNC_TOKEN is set and
 * *J is NULL.  A server that answers a page instead: its JSON in *J, to
 * be read as the first page.  *STREAMED tells whether any of the answer
 * went to FN (then it cannot be asked again).
 */
static vt_code
first_streamed(struct vt_client *c, const char *path, const char *what,
    item_fn fn, void *list, struct pager *pg, char **sync_token, cJSON **j,
    bool *streamed, struct vt_errbuf *eb)
{
	struct lines		ls;
	struct api_stream	st = { STREAM_TYPE ", application/json;q=0.9",
				    STREAM_TYPE, lines_add, NULL };
	struct vt_http_resp	resp;
	vt_code			code;

	*j = NULL;
	memset(&ls, 0, sizeof ls);
	vt_buf_init(&ls.line);
	ls.what = what;
	ls.fn = fn;
	ls.list = list;
	ls.pg = pg;
	ls.token = sync_token;
	ls.code = VT_OK;
	st.arg = &ls;
	code = api_get_stream(c, path, &st, &resp, eb);
	*streamed = resp.streamed;
	if (ls.code != VT_OK) {
		/* The reader's reason, not the transfer's. */
		code = ls.code;
		if (eb != NULL)
			*eb = ls.eb;
	} else if (code == VT_OK && !resp.streamed)
		code = vt_api_parse_json(&resp, j, eb);
	else if (code == VT_OK && (ls.line.len > 0 || !ls.meta || !ls.end))
		code = vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", what,
		    _("the list was cut short"));
	vt_http_resp_free(&resp);
	vt_buf_free(&ls.line);
	return code;
}

static vt_code
all_pages(struct vt_client *c, const char *base, const char *what,
    item_fn fn, void *list, char **sync_token, struct vt_errbuf *eb)
{
	const cJSON	*items, *it, *next, *tok;
	struct pager	 pg = { NULL, 0, 0, 0, 0 };
	cJSON		*j;
	char		*path, *cursor = NULL, ctx[64];
	vt_code		 code = VT_OK;
	size_t		 i, pages = 0;
	bool		 streamed;

	if (sync_token != NULL)
		*sync_token = NULL;
	for (;;) {
		pg.page = (size_t)c->page_limit;
		path = page_path(base, cursor, c->page_limit);
		if (pages == 0 && c->stream_lists) {
			code = first_streamed(c, path, what, fn, list, &pg,
			    sync_token, &j, &streamed, eb);
			if (code == VT_OK && j == NULL) {
				free(path);
				break;	/* streamed whole */
			}
			/* A page that did not parse is asked once more. */
			if (code == VT_ERR_PROTOCOL && !streamed)
				code = get_json(c, path, &j, eb);
		} else
			code = get_json(c, path, &j, eb);
		free(path);
		/* An older server's limit: ask again with the one it takes. */
		if (code == VT_ERR_REFUSED && pages == 0 &&
		    c->page_limit > PAGE_COMPAT) {
			c->page_limit = PAGE_COMPAT;
			continue;
		}
		free(cursor);
		cursor = NULL;
		if (code != VT_OK)
			break;
		items = cJSON_GetObjectItemCaseSensitive(j, "items");
		next = cJSON_GetObjectItemCaseSensitive(j, "next_cursor");
		tok = cJSON_GetObjectItemCaseSensitive(j, "sync_token");
		if (!cJSON_IsArray(items) || (!cJSON_IsString(next) &&
		    !cJSON_IsNull(next))) {
			code = vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", what,
			    _("expected items and next_cursor"));
			cJSON_Delete(j);
			break;
		}
		code = pager_check(&pg, what, next,
		    cJSON_GetObjectItemCaseSensitive(j, "total"), tok,
		    (size_t)cJSON_GetArraySize(items), &cursor, eb);
		if (code == VT_OK && pages == 0 && sync_token != NULL &&
		    cJSON_IsString(tok))
			*sync_token = xstrdup(tok->valuestring);
		i = 0;
		cJSON_ArrayForEach(it, items) {
			if (code != VT_OK)
				break;
			snprintf(ctx, sizeof ctx, "%s[%zu]", what, i++);
			code = fn(it, ctx, list, eb);
		}
		cJSON_Delete(j);
		pages++;
		if (code != VT_OK || cursor == NULL)
			break;
	}
	free(cursor);
	pager_free(&pg);
	if (code != VT_OK && sync_token != NULL) {
		free(*sync_token);
		*sync_token = NULL;
	}
	return code;
}

static vt_code
doc_item(const cJSON *item, const char *ctx, void *list, struct vt_errbuf *eb)
{
	struct vt_doc	d;
	vt_code		code;

	if ((code = vt_doc_parse(item, ctx, &d, eb)) == VT_OK)
		vt_doc_list_push(list, &d);
	return code;
}

static vt_code
draft_item(const cJSON *item, const char *ctx, void *list,
    struct vt_errbuf *eb)
{
	struct vt_draft	d;
	vt_code		code;

	if ((code = vt_draft_parse(item, ctx, &d, eb)) == VT_OK)
		vt_draft_list_push(list, &d);
	return code;
}

struct each {
	bool	(*fn)(void *, const struct vt_doc *);
	void	*arg;
	bool	 stopped;
};

static vt_code
doc_each(const cJSON *item, const char *ctx, void *arg, struct vt_errbuf *eb)
{
	struct each	*e = arg;
	struct vt_doc	 d;
	vt_code		 code;

	if (e->stopped)
		return VT_OK;
	if ((code = vt_doc_parse(item, ctx, &d, eb)) == VT_OK) {
		if (!e->fn(e->arg, &d))
			e->stopped = true;
		vt_doc_clear(&d);
	}
	return code;
}

vt_code
vt_api_incoming_each(struct vt_client *c,
    bool (*fn)(void *arg, const struct vt_doc *d), void *arg,
    char **sync_token, struct vt_errbuf *eb)
{
	struct each	e = { fn, arg, false };

	return all_pages(c, "/incoming", "incoming", doc_each, &e,
	    sync_token, eb);
}

/*
 * Drop the items of a list whose id came before (a server that listed
 * an id twice): the first one is kept, the others cleared.  ITEMS has
 * *N items of SIZE bytes; ID_OF gives an item's id, CLEAR frees one.
 */
static void
dedup(void *items, size_t *n, size_t size, const char *(*id_of)(const void *),
    void (*clear)(void *))
{
	struct vt_idset	 seen = { 0 };
	char		*base = items;
	size_t		 i, k = 0;

	for (i = 0; i < *n; i++) {
		if (!vt_idset_add(&seen, id_of(base + i * size)))
			clear(base + i * size);
		else if (k++ != i)
			memcpy(base + (k - 1) * size, base + i * size, size);
	}
	*n = k;
	vt_idset_free(&seen);
}

static const char *
doc_id(const void *d)
{
	return ((const struct vt_doc *)d)->id;
}

static void
doc_clear(void *d)
{
	vt_doc_clear(d);
}

static const char *
draft_id(const void *d)
{
	return ((const struct vt_draft *)d)->id;
}

static void
draft_clear(void *d)
{
	vt_draft_clear(d);
}

vt_code
vt_api_incoming_all(struct vt_client *c, struct vt_doc_list *list,
    char **sync_token, struct vt_errbuf *eb)
{
	vt_code	code;

	code = all_pages(c, "/incoming", "incoming", doc_item, list,
	    sync_token, eb);
	dedup(list->items, &list->n, sizeof *list->items, doc_id, doc_clear);
	return code;
}

vt_code
vt_api_drafts_all(struct vt_client *c, struct vt_draft_list *list,
    char **sync_token, struct vt_errbuf *eb)
{
	vt_code	code;

	code = all_pages(c, "/drafts?scope=all", "drafts", draft_item, list,
	    sync_token, eb);
	dedup(list->items, &list->n, sizeof *list->items, draft_id,
	    draft_clear);
	return code;
}

static char *
object_path(const char *kind, const char *id)
{
	char	*esc = vt_http_url_escape(id), *p;

	p = xasprintf("/%s/%s", kind, esc);
	free(esc);
	return p;
}

vt_code
vt_api_incoming_get(struct vt_client *c, const char *id, struct vt_doc *out,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*path = object_path("incoming", id);
	vt_code	 code;

	memset(out, 0, sizeof *out);
	code = get_json(c, path, &j, eb);
	free(path);
	if (code == VT_OK) {
		code = vt_doc_parse(j, "incoming", out, eb);
		cJSON_Delete(j);
	}
	return code;
}

vt_code
vt_api_draft_get(struct vt_client *c, const char *id, struct vt_draft *out,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*path = object_path("drafts", id);
	vt_code	 code;

	memset(out, 0, sizeof *out);
	code = get_json(c, path, &j, eb);
	free(path);
	if (code == VT_OK) {
		code = vt_draft_parse(j, "draft", out, eb);
		cJSON_Delete(j);
	}
	return code;
}

vt_code
vt_api_delta(struct vt_client *c, const char *since, const char *etag,
    struct vt_delta *out, struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*path, *esc, *tag;
	bool	 same;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if (since != NULL) {
		esc = vt_http_url_escape(since);
		path = xasprintf("/sync?since=%s", esc);
		free(esc);
	} else
		path = xstrdup("/sync");
	code = get_json_or(c, path, since != NULL ? etag : NULL,
	    "invalid_sync_token", &j, &same, &tag, eb);
	free(path);
	if (code == VT_OK && same) {
		/* The answer ETAG was: nothing changed. */
		out->sync_token = xstrdup(since);
		out->has_dossiers = true;
		out->not_modified = true;
		return VT_OK;
	}
	if (code == VT_OK && j == NULL) {
		/* A token the server no longer knows: list everything. */
		out->full = true;
		return VT_OK;
	}
	if (code == VT_OK) {
		code = vt_delta_parse(j, out, eb);
		cJSON_Delete(j);
	}
	if (code == VT_OK)
		out->etag = tag;
	else
		free(tag);
	return code;
}

vt_code
vt_api_download(struct vt_client *c, const struct vt_attachment *att,
    const char *path, struct vt_errbuf *eb)
{
	char	*url;
	long	 status = 0;
	vt_code	 code;

	if (!c->logged_in)
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in: run "
		    "'vanthu login'"));
	url = xasprintf("%s%s", c->base, att->url);
	code = vt_http_download(c->http, url, c->session.token, path,
	    att->sha256, att->size, &status, eb);
	free(url);
	if (code == VT_ERR_HTTP && status == 401)
		code = vt_fail(eb, VT_ERR_EXPIRED, NULL);
	else if (code == VT_ERR_HTTP && status == 404)
		code = vt_fail(eb, VT_ERR_NOT_FOUND, "%s", att->id);
	else if (code == VT_ERR_HTTP && status >= 500)
		code = vt_fail(eb, VT_ERR_SERVER, "HTTP %ld", status);
	return code;
}
