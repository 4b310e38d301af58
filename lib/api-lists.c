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

	if (sync_token != NULL)
		*sync_token = NULL;
	for (;;) {
		pg.page = (size_t)c->page_limit;
		path = page_path(base, cursor, c->page_limit);
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
vt_api_delta(struct vt_client *c, const char *since, struct vt_delta *out,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*path, *esc;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if (since != NULL) {
		esc = vt_http_url_escape(since);
		path = xasprintf("/sync?since=%s", esc);
		free(esc);
	} else
		path = xstrdup("/sync");
	code = get_json(c, path, &j, eb);
	free(path);
	if (code == VT_OK) {
		code = vt_delta_parse(j, out, eb);
		cJSON_Delete(j);
	}
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
