/*
 * vanthu: the dossier endpoints (docs/api.md section 13) and their
 * offline copy in the account's cache: dossiers.json (the list) and
 * dossier/ID.json (opened dossiers), each the server's answer under a
 * first line holding its ETag, written atomically.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/config.h"
#include "vanthu/dossier.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

#define DOSSIER_FILE_MAX	(32u << 20)

/* The cache file of ID (NULL: the list), or NULL for a bad id. */
static char *
cache_file(struct vt_cache *cache, const char *id)
{
	const char	*p;

	if (id == NULL)
		return xasprintf("%s/dossiers.json", vt_cache_path(cache));
	if (id[0] == '\0' || id[0] == '.' || strlen(id) > 200)
		return NULL;
	for (p = id; *p != '\0'; p++)
		if (*p <= ' ' || *p > '~' || *p == '/')
			return NULL;
	return xasprintf("%s/dossier/%s.json", vt_cache_path(cache), id);
}

static vt_code
cache_save(struct vt_cache *cache, const char *id, const struct vt_buf *json,
    const char *etag, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path = cache_file(cache, id), *dir;
	vt_code		 code;

	if (path == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("bad identifier"));
	if (id != NULL) {
		dir = xasprintf("%s/dossier", vt_cache_path(cache));
		code = vt_mkdirs(dir, 0700, eb);
		free(dir);
		if (code != VT_OK) {
			free(path);
			return code;
		}
	}
	vt_buf_init(&b);
	if (etag != NULL && strchr(etag, '\n') == NULL)
		vt_buf_puts(&b, etag);
	vt_buf_putc(&b, '\n');
	vt_buf_add(&b, json->data, json->len);
	code = vt_file_write_atomic(path, b.data, b.len, 0600, eb);
	vt_buf_free(&b);
	free(path);
	return code;
}

/* The cached answer for ID (NULL: the list) parsed, and its ETag. */
static vt_code
cache_load(struct vt_cache *cache, const char *id, cJSON **out, char **etag,
    struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path = cache_file(cache, id), *nl;
	vt_code		 code;

	*out = NULL;
	if (etag != NULL)
		*etag = NULL;
	if (path == NULL)
		return vt_fail(eb, VT_ERR_NOT_FOUND, _("bad identifier"));
	vt_buf_init(&b);
	code = vt_file_read(path, DOSSIER_FILE_MAX, &b, eb);
	free(path);
	if (code == VT_OK && ((nl = memchr(b.data, '\n', b.len)) == NULL ||
	    (*out = cJSON_ParseWithLength(nl + 1,
	    b.len - (size_t)(nl + 1 - b.data))) == NULL))
		code = vt_fail(eb, VT_ERR_PROTOCOL, _("damaged cache file"));
	if (code == VT_OK && etag != NULL && nl > b.data)
		*etag = xstrndup(b.data, (size_t)(nl - b.data));
	vt_buf_free(&b);
	return code;
}

static bool
offline_code(vt_code code)
{
	return code == VT_ERR_NETWORK || code == VT_ERR_TLS ||
	    code == VT_ERR_SERVER;
}

/* fetch_json's request and copy. */
static vt_code
fetch_json_locked(struct vt_client *c, struct vt_cache *cache,
    const char *path, const char *id, cJSON **out, struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	cJSON			*cached = NULL;
	char			*etag = NULL;
	vt_code			 code;

	if (cache_load(cache, id, &cached, &etag, NULL) != VT_OK) {
		free(etag);
		etag = NULL;
	}
	code = vt_api_get(c, path, etag, &resp, eb);
	if (code == VT_OK && resp.status == 304 && cached != NULL) {
		*out = cached;
		cached = NULL;
	} else if (code == VT_OK && resp.status == 304)
		code = vt_fail(eb, VT_ERR_PROTOCOL, _("damaged cache file"));
	else if (code == VT_OK &&
	    (code = vt_api_parse_json(&resp, out, eb)) == VT_OK)
		code = cache_save(cache, id, &resp.body, resp.etag, eb);
	vt_http_resp_free(&resp);
	cJSON_Delete(cached);
	free(etag);
	if (code != VT_OK) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return code;
}

/*
 * GET PATH with the cached ETag of ID; the parsed answer in *OUT.  With
 * LOCK, the request and the copy it leaves are made under the cache's
 * lock (vt_dir_lock), as vt_dossier_sync's are (it calls this without,
 * holding the lock already): an answer taken before a sync must not be
 * written after that sync's newer copy and its mark.
 */
static vt_code
fetch_json(struct vt_client *c, struct vt_cache *cache, const char *path,
    const char *id, bool lock, cJSON **out, struct vt_errbuf *eb)
{
	vt_code	code;
	int	fd = -1;

	*out = NULL;
	if (!vt_client_logged_in(c))
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in: run 'vanthu "
		    "login'"));
	if (lock)
		vt_dir_lock(vt_cache_path(cache), &fd, NULL);
	code = fetch_json_locked(c, cache, path, id, out, eb);
	vt_dir_unlock(fd);
	return code;
}

vt_code
vt_dossier_cache_list(struct vt_cache *cache, struct vt_dossier_list *out,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if ((code = cache_load(cache, NULL, &j, NULL, eb)) != VT_OK)
		return code;
	code = vt_dossier_list_parse(j, out, eb);
	cJSON_Delete(j);
	return code;
}

vt_code
vt_dossier_cache_get(struct vt_cache *cache, const char *id,
    struct vt_dossier *out, struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if ((code = cache_load(cache, id, &j, NULL, eb)) != VT_OK)
		return code;
	code = vt_dossier_parse(j, "dossier", out, eb);
	cJSON_Delete(j);
	return code;
}

/* vt_dossier_fetch_list, under the cache's lock if LOCK. */
static vt_code
fetch_list(struct vt_client *c, struct vt_cache *cache, bool lock,
    struct vt_dossier_list *out, bool *from_cache, struct vt_errbuf *eb)
{
	cJSON	*j;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if (from_cache != NULL)
		*from_cache = false;
	code = fetch_json(c, cache, "/dossiers", NULL, lock, &j, eb);
	if (code == VT_OK) {
		code = vt_dossier_list_parse(j, out, eb);
		cJSON_Delete(j);
		return code;
	}
	if (offline_code(code) && vt_dossier_cache_list(cache, out, NULL) ==
	    VT_OK && from_cache != NULL)
		*from_cache = true;
	return code;
}

vt_code
vt_dossier_fetch_list(struct vt_client *c, struct vt_cache *cache,
    struct vt_dossier_list *out, bool *from_cache, struct vt_errbuf *eb)
{
	return fetch_list(c, cache, true, out, from_cache, eb);
}

/* vt_dossier_fetch, under the cache's lock if LOCK. */
static vt_code
fetch_one(struct vt_client *c, struct vt_cache *cache, const char *id,
    bool lock, struct vt_dossier *out, bool *from_cache,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*esc, *path;
	vt_code	 code;

	memset(out, 0, sizeof *out);
	if (from_cache != NULL)
		*from_cache = false;
	if ((path = cache_file(cache, id)) == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("bad identifier"));
	free(path);
	esc = vt_http_url_escape(id);
	path = xasprintf("/dossiers/%s", esc);
	free(esc);
	code = fetch_json(c, cache, path, id, lock, &j, eb);
	free(path);
	if (code == VT_OK) {
		code = vt_dossier_parse(j, "dossier", out, eb);
		cJSON_Delete(j);
		return code;
	}
	if (offline_code(code) && vt_dossier_cache_get(cache, id, out, NULL) ==
	    VT_OK && from_cache != NULL)
		*from_cache = true;
	return code;
}

vt_code
vt_dossier_fetch(struct vt_client *c, struct vt_cache *cache, const char *id,
    struct vt_dossier *out, bool *from_cache, struct vt_errbuf *eb)
{
	return fetch_one(c, cache, id, true, out, from_cache, eb);
}

vt_code
vt_dossier_plan_get(struct vt_client *c, int year,
    struct vt_dossier_plan *out, struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	cJSON			*j = NULL;
	char			*path;
	vt_code			 code;

	memset(out, 0, sizeof *out);
	path = year > 0 ? xasprintf("/dossier-list?year=%04d", year) :
	    xstrdup("/dossier-list");
	code = vt_api_get(c, path, NULL, &resp, eb);
	free(path);
	if (code == VT_OK && (code = vt_api_parse_json(&resp, &j, eb)) ==
	    VT_OK)
		code = vt_dossier_plan_parse(j, out, eb);
	cJSON_Delete(j);
	vt_http_resp_free(&resp);
	return code;
}

/* Whether the offline copy of D's details is older than D (or absent:
   then *HAVE is false). */
static bool
detail_stale(struct vt_cache *cache, const struct vt_dossier *d, bool *have)
{
	struct vt_dossier	old;
	bool			stale;

	*have = vt_dossier_cache_get(cache, d->id, &old, NULL) == VT_OK;
	if (!*have)
		return true;
	stale = old.updated_at == NULL || d->updated_at == NULL ||
	    strcmp(old.updated_at, d->updated_at) != 0 ||
	    old.state != d->state || old.item_count != d->item_count;
	vt_dossier_clear(&old);
	return stale;
}

/* dossiers.token: the sync token at which the dossiers were last
   brought up to date. */
static char *
mark_path(struct vt_cache *cache)
{
	return xasprintf("%s/dossiers.token", vt_cache_path(cache));
}

/* Whether the dossiers were last brought up to date at sync TOKEN. */
static bool
mark_is(struct vt_cache *cache, const char *token)
{
	struct vt_buf	 b;
	char		*path = mark_path(cache);
	bool		 same;

	vt_buf_init(&b);
	same = vt_file_read(path, 256, &b, NULL) == VT_OK &&
	    b.len == strlen(token) && memcmp(b.data, token, b.len) == 0;
	vt_buf_free(&b);
	free(path);
	return same;
}

/* Mark the dossiers up to date at sync TOKEN (a failure only costs a
   request next time). */
static void
mark_set(struct vt_cache *cache, const char *token)
{
	char	*path;

	if (mark_is(cache, token))
		return;
	path = mark_path(cache);
	vt_file_write_atomic(path, token, strlen(token), 0600, NULL);
	free(path);
}

/* The dossiers are not known up to date at any token (a sync failed,
   maybe after it wrote some copies): the next one checks them all. */
static void
mark_clear(struct vt_cache *cache)
{
	char	*path = mark_path(cache);

	unlink(path);
	free(path);
}

vt_code
vt_dossier_sync(struct vt_client *c, struct vt_cache *cache, bool recheck,
    bool quiet, size_t *changed, struct vt_errbuf *eb)
{
	struct vt_dossier_list	 l;
	struct vt_dossier	 d;
	size_t			 i;
	bool			 have, stale;
	char			*token;
	int			 lock;
	vt_code			 code;

	*changed = 0;
	/* One dossier sync at a time (two processes, or the interface
	   and the command line): a slower one must not write its older
	   copies after a later one marked them up to date. */
	vt_dir_lock(vt_cache_path(cache), &lock, NULL);
	token = vt_cache_sync_token(cache);
	if (quiet && token != NULL && mark_is(cache, token)) {
		code = VT_OK;
		goto out;
	}
	code = fetch_list(c, cache, false, &l, NULL, eb);
	if (code != VT_OK) {
		/* (filled from the cache when the server cannot be
		   reached) */
		vt_dossier_list_clear(&l);
		/* A server without dossiers (docs/api.md 13 is optional). */
		if (code == VT_ERR_NOT_FOUND)
			code = VT_OK;
		else
			mark_clear(cache);
		goto out;
	}
	for (i = 0; i < l.n && code == VT_OK; i++) {
		stale = detail_stale(cache, &l.items[i], &have);
		/* Closed dossiers never seen are fetched when shown. */
		if (!have && l.items[i].state == VT_DOSSIER_CLOSED)
			continue;
		if (!stale && !(recheck && l.items[i].state ==
		    VT_DOSSIER_OPEN))
			continue;
		code = fetch_one(c, cache, l.items[i].id, false, &d, NULL,
		    eb);
		/* Gone between the two requests: the next sync says so. */
		if (code == VT_ERR_NOT_FOUND) {
			code = VT_OK;
			continue;
		}
		if (code == VT_OK && stale)
			(*changed)++;
		vt_dossier_clear(&d);
	}
	vt_dossier_list_clear(&l);
	if (code == VT_OK && token != NULL)
		mark_set(cache, token);
	else if (code != VT_OK)
		mark_clear(cache);
out:
	free(token);
	vt_dir_unlock(lock);
	return code;
}
