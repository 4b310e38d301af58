/*
 * vanthu: the "read" mark of an opened incoming document, at most once
 * per document (vanthu/outbox.h, vt_read_mark_queue): queued once in
 * the outbox, and remembered in the cached copy of the document so
 * that opening it again, online or not, marks nothing more; the cached
 * inbox's row says read too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/actions.h"
#include "vanthu/api.h"
#include "vanthu/buf.h"
#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/outbox.h"
#include "cache-impl.h"

/* The cached copy of document ID says read (nothing when not cached). */
static vt_code
doc_mark_read(struct vt_cache *cache, const char *id, struct vt_errbuf *eb)
{
	struct vt_buf	 json;
	cJSON		*j;
	char		*out;
	vt_code		 code;

	vt_buf_init(&json);
	if (vt_cache_object_load(cache, "doc", id, &json, NULL, NULL) !=
	    VT_OK) {
		vt_buf_free(&json);
		return VT_OK;
	}
	j = cJSON_ParseWithLength(json.data, json.len);
	vt_buf_free(&json);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return vt_fail(eb, VT_ERR_DAMAGED, _("damaged cache file"));
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "read"))) {
		cJSON_Delete(j);
		return VT_OK;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(j, "read");
	cJSON_AddBoolToObject(j, "read", 1);
	out = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	/* No ETag: the server's copy changed, a 304 must not bring the
	   old one back. */
	code = vt_cache_object_save(cache, "doc", id, out, strlen(out), NULL,
	    eb);
	cJSON_free(out);
	return code;
}

vt_code
vt_read_mark_sent(struct vt_cache *cache, const char *id,
    struct vt_errbuf *eb)
{
	vt_code	code, row;

	if (cache == NULL)
		return VT_OK;
	code = doc_mark_read(cache, id, eb);
	/* The inbox's row too, whatever became of the copy. */
	row = vt_cache_inbox_mark_read(cache, id, code == VT_OK ? eb : NULL);
	return code != VT_OK ? code : row;
}

vt_code
vt_read_mark_post(struct vt_client *c, struct vt_cache *cache,
    const char *id, struct vt_errbuf *eb)
{
	struct vt_act		 act;
	struct vt_http_resp	 resp;
	char			 key[37];
	vt_code			 code;

	if ((code = vt_uuid4(key, eb)) != VT_OK)
		return code;
	memset(&resp, 0, sizeof resp);
	vt_act_read(&act, id, true);
	code = vt_api_post(c, act.spec.path, act.spec.content_type,
	    act.spec.body, act.spec.body_len, key, &resp, eb);
	vt_http_resp_free(&resp);
	vt_act_clear(&act);
	if (code != VT_OK)
		return code;
	/* The server has it: a cache that cannot say so is no failure. */
	vt_read_mark_sent(cache, id, NULL);
	return VT_OK;
}

vt_code
vt_read_mark_queue(struct vt_outbox *ob, struct vt_cache *cache,
    const char *id, bool *queued, struct vt_errbuf *eb)
{
	struct vt_act	 act;
	char		*name = NULL;
	vt_code		 code;

	if (queued != NULL)
		*queued = false;
	vt_act_read(&act, id, true);
	code = vt_outbox_add_once(ob, &act.spec, &name, eb);
	vt_act_clear(&act);
	if (code != VT_OK)
		return code;
	if (queued != NULL)
		*queued = name != NULL;
	free(name);
	return vt_read_mark_sent(cache, id, eb);
}
