/*
 * vanthu: delta sync of the cache with the server (docs/api.md
 * section 9; see vt_sync in vanthu/api.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api-impl.h"
#include "vanthu/cache.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/idset.h"
#include "vanthu/xmalloc.h"

/* Newest arrival first, ties by id (longer ids are newer), as the
 * server's default sort. */
static int
doc_order(const void *a, const void *b)
{
	const struct vt_doc	*x = a, *y = b;
	size_t			 lx, ly;
	int			 r;

	if (x->arrival_date == NULL || y->arrival_date == NULL) {
		if (x->arrival_date != y->arrival_date)
			return x->arrival_date == NULL ? 1 : -1;
	} else if ((r = strcmp(y->arrival_date, x->arrival_date)) != 0)
		return r;
	lx = strlen(x->id);
	ly = strlen(y->id);
	if (lx != ly)
		return lx < ly ? 1 : -1;
	return strcmp(y->id, x->id);
}

static int
draft_order(const void *a, const void *b)
{
	const struct vt_draft	*x = a, *y = b;

	if (x->updated_at == NULL || y->updated_at == NULL)
		return (x->updated_at == NULL) - (y->updated_at == NULL);
	return strcmp(y->updated_at, x->updated_at);
}

/*
 * GET one object (KIND "incoming" or "drafts") with the cached ETag;
 * store the answer in the cache and return its parsed JSON in *OUT.
 */
static vt_code
fetch_object(struct vt_client *c, struct vt_cache *cache, const char *kind,
    const char *id, cJSON **out, struct vt_errbuf *eb)
{
	const char		*ckind = strcmp(kind, "incoming") == 0 ?
	    "doc" : "draft";
	struct vt_http_resp	 resp;
	struct vt_buf		 cached;
	char			*etag = NULL, *esc, *path;
	vt_code			 code;
	int			 tries;

	*out = NULL;
	vt_buf_init(&cached);
	if (vt_cache_object_load(cache, ckind, id, &cached, &etag, NULL) !=
	    VT_OK) {
		free(etag);
		etag = NULL;
	}
	esc = vt_http_url_escape(id);
	path = xasprintf("/%s/%s", kind, esc);
	free(esc);
	for (tries = 0; tries < 2; tries++) {
		code = vt_api_get(c, path, etag, &resp, eb);
		if (code == VT_OK && resp.status == 304) {
			*out = cJSON_ParseWithLength(cached.data, cached.len);
			if (*out == NULL)
				code = vt_fail(eb, VT_ERR_DAMAGED,
				    _("damaged cache file"));
		} else if (code == VT_OK &&
		    (code = vt_api_parse_json(&resp, out, eb)) == VT_OK)
			code = vt_cache_object_save(cache, ckind, id,
			    resp.body.data, resp.body.len, resp.etag, eb);
		vt_http_resp_free(&resp);
		if (code != VT_ERR_PROTOCOL && code != VT_ERR_DAMAGED)
			break;
		free(etag);
		etag = NULL;
	}
	free(path);
	free(etag);
	vt_buf_free(&cached);
	return code;
}

static bool
offline_code(vt_code code)
{
	return code == VT_ERR_NETWORK || code == VT_ERR_TLS ||
	    code == VT_ERR_SERVER;
}

/* What differs between fetching a document and a draft. */
struct fetch_kind {
	const char	*api;		/* the path's first part */
	const char	*ctx;		/* the parser's context */
	vt_code		(*parse)(const cJSON *, const char *, void *,
			    struct vt_errbuf *);
	vt_code		(*load)(struct vt_cache *, const char *, void *,
			    struct vt_errbuf *);
};

static vt_code
parse_doc(const cJSON *j, const char *ctx, void *out, struct vt_errbuf *eb)
{
	return vt_doc_parse(j, ctx, out, eb);
}

static vt_code
parse_draft(const cJSON *j, const char *ctx, void *out, struct vt_errbuf *eb)
{
	return vt_draft_parse(j, ctx, out, eb);
}

static vt_code
load_doc(struct vt_cache *cache, const char *id, void *out,
    struct vt_errbuf *eb)
{
	return vt_cache_doc_load(cache, id, out, eb);
}

static vt_code
load_draft(struct vt_cache *cache, const char *id, void *out,
    struct vt_errbuf *eb)
{
	return vt_cache_draft_load(cache, id, out, eb);
}

static const struct fetch_kind	fetch_doc_kind = {
	"incoming", "incoming", parse_doc, load_doc
};
static const struct fetch_kind	fetch_draft_kind = {
	"drafts", "draft", parse_draft, load_draft
};

/*
 * The one fetch behind vt_fetch_doc and vt_fetch_draft: OUT (SIZE
 * bytes, zeroed first) from the server, or from the cache when the
 * server cannot be reached.
 */
static vt_code
fetch_one(struct vt_client *c, struct vt_cache *cache,
    const struct fetch_kind *k, const char *id, void *out, size_t size,
    bool *from_cache, struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, size);
	if (from_cache != NULL)
		*from_cache = false;
	code = c->logged_in ? fetch_object(c, cache, k->api, id, &j, eb) :
	    vt_fail(eb, VT_ERR_AUTH, _("not logged in: run 'vanthu login'"));
	if (code == VT_OK) {
		code = k->parse(j, k->ctx, out, eb);
		cJSON_Delete(j);
		return code;
	}
	if (offline_code(code) && k->load(cache, id, out, NULL) == VT_OK &&
	    from_cache != NULL)
		*from_cache = true;
	return code;
}

vt_code
vt_fetch_doc(struct vt_client *c, struct vt_cache *cache, const char *id,
    struct vt_doc *out, bool *from_cache, struct vt_errbuf *eb)
{
	return fetch_one(c, cache, &fetch_doc_kind, id, out, sizeof *out,
	    from_cache, eb);
}

vt_code
vt_fetch_draft(struct vt_client *c, struct vt_cache *cache, const char *id,
    struct vt_draft *out, bool *from_cache, struct vt_errbuf *eb)
{
	return fetch_one(c, cache, &fetch_draft_kind, id, out, sizeof *out,
	    from_cache, eb);
}

static void
draft_remove(struct vt_draft_list *l, const char *id)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		if (strcmp(l->items[i].id, id) == 0) {
			vt_draft_clear(&l->items[i]);
			l->items[i] = l->items[--l->n];
			return;
		}
	}
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fetch the changed drafts into DRAFTS and drop the deleted ones. */
static vt_code
apply_drafts(struct vt_client *c, struct vt_cache *cache,
    const struct vt_delta *dl, struct vt_draft_list *drafts,
    struct vt_errbuf *eb)
{
	struct vt_draft	 r;
	cJSON		*j;
	size_t		 i;
	vt_code		 code;

	for (i = 0; i < dl->ndrafts_deleted; i++) {
		draft_remove(drafts, dl->drafts_deleted[i]);
		/* A copy left behind would come back: the sync fails and
		 * its token stays where it was. */
		if ((code = vt_cache_object_remove(cache, "draft",
		    dl->drafts_deleted[i], eb)) != VT_OK)
			return code;
	}
	for (i = 0; i < dl->ndrafts_changed; i++) {
		code = fetch_object(c, cache, "drafts", dl->drafts_changed[i],
		    &j, eb);
		if (code == VT_ERR_NOT_FOUND) {
			draft_remove(drafts, dl->drafts_changed[i]);
			continue;
		}
		if (code != VT_OK)
			return code;
		code = vt_draft_parse(j, "draft", &r, eb);
		cJSON_Delete(j);
		if (code != VT_OK)
			return code;
		draft_remove(drafts, r.id);
		vt_draft_list_push(drafts, &r);
	}
	return VT_OK;
}

/* Merging the changed documents into the cached inbox as it streams. */
struct merge {
	struct vt_inbox_writer	*w;
	struct vt_doc_list	*chg;	/* sorted by doc_order */
	size_t			 next;
	char			**skip;	/* sorted ids to leave out */
	size_t			 nskip;
};

static bool
merge_doc(void *arg, const struct vt_doc *d)
{
	struct merge	*m = arg;
	const char	*id = d->id;

	if (bsearch(&id, m->skip, m->nskip, sizeof *m->skip, str_cmp) != NULL)
		return true;
	while (m->next < m->chg->n &&
	    doc_order(&m->chg->items[m->next], d) < 0)
		vt_cache_inbox_put(m->w, &m->chg->items[m->next++]);
	vt_cache_inbox_put(m->w, d);
	return true;
}

/*
 * Apply the incoming part of a delta: fetch the changed documents, then
 * write the new inbox by streaming the old one, leaving out the deleted
 * and changed ones and putting the changed ones in their place.
 */
static vt_code
apply_incoming(struct vt_client *c, struct vt_cache *cache,
    const struct vt_delta *dl, struct vt_errbuf *eb)
{
	struct vt_doc_list	 chg = { 0 };
	struct vt_doc		 d;
	struct merge		 m;
	struct vt_idset		 changed = { 0 };
	cJSON			*j;
	size_t			 i;
	vt_code			 code = VT_OK;

	memset(&m, 0, sizeof m);
	m.skip = xcalloc(dl->nincoming_changed + dl->nincoming_deleted + 1,
	    sizeof *m.skip);
	for (i = 0; i < dl->nincoming_deleted && code == VT_OK; i++) {
		m.skip[m.nskip++] = dl->incoming_deleted[i];
		code = vt_cache_object_remove(cache, "doc",
		    dl->incoming_deleted[i], eb);
	}
	for (i = 0; i < dl->nincoming_changed && code == VT_OK; i++) {
		/* A delta naming an id twice fetches and stores it once. */
		if (!vt_idset_add(&changed, dl->incoming_changed[i]))
			continue;
		m.skip[m.nskip++] = dl->incoming_changed[i];
		code = fetch_object(c, cache, "incoming",
		    dl->incoming_changed[i], &j, eb);
		if (code == VT_ERR_NOT_FOUND) {
			code = VT_OK;
			continue;
		}
		if (code == VT_OK) {
			code = vt_doc_parse(j, "incoming", &d, eb);
			cJSON_Delete(j);
		}
		/* An answer about another document than the one asked for
		   would store that one twice: a full listing instead. */
		if (code == VT_OK && strcmp(d.id, dl->incoming_changed[i]) != 0) {
			code = vt_fail(eb, VT_ERR_PROTOCOL, _("the server sent "
			    "another document when asked for %s"),
			    dl->incoming_changed[i]);
			vt_doc_clear(&d);
		}
		if (code == VT_OK)
			vt_doc_list_push(&chg, &d);
	}
	vt_idset_free(&changed);
	if (code == VT_OK) {
		/* qsort must not see NULL, even for zero items (C11 7.22.5). */
		if (m.nskip > 0)
			qsort(m.skip, m.nskip, sizeof *m.skip, str_cmp);
		if (chg.n > 0)
			qsort(chg.items, chg.n, sizeof *chg.items, doc_order);
		m.chg = &chg;
		code = vt_cache_inbox_begin(cache, dl->sync_token, &m.w, eb);
	}
	if (code == VT_OK) {
		code = vt_cache_inbox_each(cache, merge_doc, &m, NULL, eb);
		while (code == VT_OK && m.next < chg.n)
			vt_cache_inbox_put(m.w, &chg.items[m.next++]);
		if (code == VT_OK)
			code = vt_cache_inbox_commit(m.w, eb);
		else
			vt_cache_inbox_abort(m.w);
	}
	free(m.skip);
	vt_doc_list_clear(&chg);
	return code;
}

/* A full listing, written to the cache page by page as it comes. */
struct full {
	struct vt_cache		*cache;
	struct vt_inbox_writer	*w;
	char			**token;
	vt_code			 code;
	struct vt_errbuf	*eb;
	size_t			 n;
	struct vt_idset		 seen;	/* a duplicated id is stored once */
};

static bool
full_doc(void *arg, const struct vt_doc *d)
{
	struct full	*f = arg;

	if (f->w == NULL && (f->code = vt_cache_inbox_begin(f->cache,
	    *f->token, &f->w, f->eb)) != VT_OK)
		return false;
	if (!vt_idset_add(&f->seen, d->id))
		return true;
	vt_cache_inbox_put(f->w, d);
	f->n++;
	return true;
}

static vt_code
full_sync(struct vt_client *c, struct vt_cache *cache,
    struct vt_draft_list *drafts, size_t *n, struct vt_errbuf *eb)
{
	struct full	 f;
	char		*token = NULL;
	vt_code		 code;

	memset(&f, 0, sizeof f);
	f.cache = cache;
	f.token = &token;
	f.eb = eb;
	f.code = VT_OK;
	vt_draft_list_clear(drafts);
	code = vt_api_incoming_each(c, full_doc, &f, &token, eb);
	vt_idset_free(&f.seen);
	if (code == VT_OK)
		code = f.code;
	if (code == VT_OK && token == NULL)
		code = vt_fail(eb, VT_ERR_PROTOCOL, "sync_token: %s",
		    _("missing"));
	if (code == VT_OK && f.w == NULL)
		code = vt_cache_inbox_begin(cache, token, &f.w, eb);
	if (code == VT_OK)
		code = vt_api_drafts_all(c, drafts, NULL, eb);
	if (code == VT_OK) {
		if (drafts->n > 0)
			qsort(drafts->items, drafts->n,
			    sizeof *drafts->items, draft_order);
		code = vt_cache_drafts_save(cache, drafts, token, eb);
	}
	if (code == VT_OK)
		code = vt_cache_inbox_commit(f.w, eb);
	else if (f.w != NULL)
		vt_cache_inbox_abort(f.w);
	*n = f.n + drafts->n;
	free(token);
	return code;
}

/*
 * sync.etag in the cache: "TOKEN\nETAG", the ETag of the server's
 * answer to /sync?since=TOKEN when it said nothing changed (dossiers
 * included): asked again with it, a server with nothing new answers
 * 304, no body.
 */
static char *
quiet_etag_path(struct vt_cache *cache)
{
	return xasprintf("%s/sync.etag", vt_cache_path(cache));
}

/* The kept ETag of TOKEN's empty delta, or NULL. */
static char *
quiet_etag_load(struct vt_cache *cache, const char *token)
{
	struct vt_buf	 b;
	char		*path = quiet_etag_path(cache), *nl, *etag = NULL;
	size_t		 n = strlen(token);

	vt_buf_init(&b);
	if (vt_file_read(path, 1024, &b, NULL) == VT_OK &&
	    (nl = memchr(b.data, '\n', b.len)) != NULL &&
	    (size_t)(nl - b.data) == n && memcmp(b.data, token, n) == 0 &&
	    b.len > n + 1 && memchr(nl + 1, '\n', b.len - n - 1) == NULL)
		etag = xstrndup(nl + 1, b.len - n - 1);
	vt_buf_free(&b);
	free(path);
	return etag;
}

/* Keep ETAG of TOKEN's empty delta (a failure costs a body next time). */
static void
quiet_etag_save(struct vt_cache *cache, const char *token, const char *etag)
{
	char	*path, *data;

	if (strchr(etag, '\n') != NULL || strlen(token) + strlen(etag) > 1000)
		return;
	path = quiet_etag_path(cache);
	data = xasprintf("%s\n%s", token, etag);
	vt_file_write_atomic(path, data, strlen(data), 0600, NULL);
	free(data);
	free(path);
}

vt_code
vt_sync(struct vt_client *c, struct vt_cache *cache,
    struct vt_sync_result *result, struct vt_errbuf *eb)
{
	struct vt_sync_result	 res;
	struct vt_draft_list	 drafts = { 0 };
	struct vt_delta		 dl;
	struct vt_http_stats	 before, after;
	char			*token = NULL, *dtoken = NULL, *etag;
	bool			 have;
	size_t			 nchanged, ndossiers, n = 0;
	vt_code			 code;
	int			 lock;

	memset(&res, 0, sizeof res);
	memset(&dl, 0, sizeof dl);
	if (!c->logged_in)
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in: run "
		    "'vanthu login'"));
	vt_http_get_stats(c->http, &before);
	/*
	 * Without the lock (its file cannot be opened) the sync still runs:
	 * every cache file is replaced atomically, so the worst is a stale
	 * cache that the next sync puts right.
	 */
	vt_dir_lock(vt_cache_path(cache), &lock, NULL);
	/* An inbox an older version wrote gets its search keys now (a
	   failure leaves it as it was, still readable). */
	vt_cache_inbox_upgrade(cache, NULL, NULL);
	/* The inbox's header has the sync token: read only that. */
	have = (token = vt_cache_sync_token(cache)) != NULL &&
	    vt_cache_drafts_load(cache, &drafts, &dtoken, NULL) == VT_OK;
	/* A token an older version stored unchecked: list everything. */
	if (have && !vt_api_token_valid(token))
		have = false;
	free(dtoken);
	if (have) {
		etag = quiet_etag_load(cache, token);
		code = vt_api_delta(c, token, etag, &dl, eb);
		free(etag);
		if (code != VT_OK)
			goto out;
		/* The server no longer knows the token: list everything. */
		if (dl.full)
			have = false;
	}
	if (have) {
		nchanged = dl.nincoming_changed + dl.ndrafts_changed;
		res.unchanged = nchanged + dl.nincoming_deleted +
		    dl.ndrafts_deleted == 0;
		ndossiers = dl.ndossiers_changed + dl.ndossiers_deleted;
		res.dossiers_quiet = res.unchanged && dl.has_dossiers &&
		    ndossiers == 0;
		/* Nothing new; or only dossiers, and the token is the same:
		   there is nothing to keep. */
		if (res.dossiers_quiet && !dl.not_modified && dl.etag != NULL)
			quiet_etag_save(cache, token, dl.etag);
		if (res.unchanged && (ndossiers == 0 ||
		    strcmp(dl.sync_token, token) == 0)) {
			code = VT_OK;
			goto out;
		}
		/* Many changes: one listing costs less than many fetches. */
		if (nchanged > 200)
			have = false;
		else {
			code = apply_drafts(c, cache, &dl, &drafts, eb);
			if (code == VT_OK && drafts.n > 0)
				qsort(drafts.items, drafts.n,
				    sizeof *drafts.items, draft_order);
			if (code == VT_OK) {
				code = vt_cache_drafts_save(cache, &drafts,
				    dl.sync_token, eb);
			}
			if (code == VT_OK)
				code = apply_incoming(c, cache, &dl, eb);
			res.changed = nchanged;
			res.deleted = dl.nincoming_deleted + dl.ndrafts_deleted;
			/* A damaged cache (or answer): list everything. */
			if (code != VT_ERR_PROTOCOL &&
			    code != VT_ERR_DAMAGED)
				goto out;
			res.changed = res.deleted = 0;
		}
	}
	res.full = true;
	res.unchanged = res.dossiers_quiet = false;
	code = full_sync(c, cache, &drafts, &n, eb);
	res.changed = n;
out:
	vt_dir_unlock(lock);
	vt_http_get_stats(c->http, &after);
	res.requests = after.requests - before.requests;
	if (result != NULL)
		*result = res;
	vt_delta_clear(&dl);
	vt_draft_list_clear(&drafts);
	free(token);
	return code;
}
