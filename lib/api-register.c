/*
 * vanthu: GET /registers/incoming, every page (docs/api.md section 5).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api-impl.h"
#include "vanthu/i18n.h"
#include "vanthu/register.h"
#include "vanthu/xmalloc.h"

#define REG_PAGE	1000
#define REG_MAX_PAGES	10000	/* a server offering pages for ever */

static vt_code
reg_get(struct vt_client *c, const char *path, cJSON **out,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	resp;
	vt_code			code;

	*out = NULL;
	code = vt_api_get(c, path, NULL, &resp, eb);
	if (code == VT_OK)
		code = vt_api_parse_json(&resp, out, eb);
	vt_http_resp_free(&resp);
	return code;
}

/* Append the items of one page; the next cursor into *NEXT. */
static vt_code
reg_page(const cJSON *j, struct vt_incoming_register *out, char **next,
    struct vt_errbuf *eb)
{
	const cJSON	*items = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON	*cur = cJSON_GetObjectItemCaseSensitive(j,
			    "next_cursor");
	const cJSON	*year = cJSON_GetObjectItemCaseSensitive(j, "year");
	const cJSON	*it;
	char		 ctx[48];
	vt_code		 code;

	if (!cJSON_IsArray(items) || (cur != NULL && !cJSON_IsNull(cur) &&
	    (!cJSON_IsString(cur) || !vt_api_token_valid(cur->valuestring))))
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the register's answer "
		    "is malformed"));
	if (cJSON_IsNumber(year) && year->valuedouble >= 1900 &&
	    year->valuedouble <= 9999)
		out->year = year->valueint;
	cJSON_ArrayForEach(it, items) {
		if ((out->n & (out->n - 1)) == 0)	/* 0, 1, 2, 4... */
			out->items = xreallocarray(out->items,
			    out->n == 0 ? 1 : out->n * 2, sizeof *out->items);
		snprintf(ctx, sizeof ctx, "register[%zu]", out->n);
		code = vt_reg_entry_parse(it, ctx, &out->items[out->n], eb);
		if (code != VT_OK)
			return code;
		out->n++;
	}
	*next = cJSON_IsString(cur) ? xstrdup(cur->valuestring) : NULL;
	return VT_OK;
}

vt_code
vt_api_incoming_register(struct vt_client *c, int year,
    struct vt_incoming_register *out, struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*cursor = NULL, *path, *esc, yearq[24] = "";
	vt_code	 code = VT_OK;
	int	 pages;

	memset(out, 0, sizeof *out);
	if (year > 0)
		snprintf(yearq, sizeof yearq, "year=%04d&", year);
	for (pages = 0; pages < REG_MAX_PAGES; pages++) {
		esc = cursor != NULL ? vt_http_url_escape(cursor) : NULL;
		path = xasprintf("/registers/incoming?%slimit=%d%s%s", yearq,
		    REG_PAGE, esc != NULL ? "&cursor=" : "",
		    esc != NULL ? esc : "");
		free(esc);
		free(cursor);
		cursor = NULL;
		code = reg_get(c, path, &j, eb);
		free(path);
		if (code != VT_OK)
			break;
		code = reg_page(j, out, &cursor, eb);
		cJSON_Delete(j);
		if (code != VT_OK || cursor == NULL)
			break;
	}
	if (code == VT_OK && cursor != NULL)
		code = vt_fail(eb, VT_ERR_PROTOCOL, _("the register has too "
		    "many pages"));
	free(cursor);
	if (code != VT_OK)
		vt_incoming_register_free(out);
	return code;
}
