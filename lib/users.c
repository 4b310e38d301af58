/* vanthu: GET /users (docs/api.md section 4). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/api.h"
#include "vanthu/idset.h"
#include "vanthu/users.h"
#include "vanthu/xmalloc.h"

void
vt_users_free(struct vt_person *people, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		vt_person_clear(&people[i]);
	free(people);
}

vt_code
vt_api_users(struct vt_client *c, struct vt_person **out, size_t *n,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	cJSON			*j = NULL;
	const cJSON		*items, *it;
	struct vt_person	*v = NULL;
	struct vt_idset		 seen = { 0 };
	size_t			 cnt = 0, i = 0, k = 0;
	vt_code			 code;
	char			 ctx[32];

	*out = NULL;
	*n = 0;
	code = vt_api_get(c, "/users", NULL, &resp, eb);
	if (code == VT_OK)
		code = vt_api_parse_json(&resp, &j, eb);
	vt_http_resp_free(&resp);
	if (code != VT_OK)
		return code;
	items = cJSON_GetObjectItemCaseSensitive(j, "items");
	if (!cJSON_IsArray(items)) {
		cJSON_Delete(j);
		return vt_fail(eb, VT_ERR_PROTOCOL, "users: expected an array "
		    "\"items\"");
	}
	cnt = (size_t)cJSON_GetArraySize(items);
	v = xcalloc(cnt + 1, sizeof *v);
	cJSON_ArrayForEach(it, items) {
		snprintf(ctx, sizeof ctx, "users[%zu]", k++);
		if ((code = vt_person_parse(it, ctx, &v[i], eb)) != VT_OK) {
			vt_users_free(v, i);
			vt_idset_free(&seen);
			cJSON_Delete(j);
			return code;
		}
		/* A user listed twice is listed once (issue 19). */
		if (vt_idset_add(&seen, v[i].username))
			i++;
		else
			vt_person_clear(&v[i]);
	}
	vt_idset_free(&seen);
	cJSON_Delete(j);
	*out = v;
	*n = i;
	return VT_OK;
}
