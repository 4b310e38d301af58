/*
 * vanthu: JSON text with NUL characters (vanthu/model.h,
 * vt_json_parse_text).  cJSON turns "\u0000" into a NUL byte that ends
 * the C string, and copies a raw NUL byte the same way: the rest of a
 * server's message would vanish without a trace.  Both become U+FFFD,
 * which the text core shows.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/buf.h"
#include "vanthu/model.h"

/* Rewrite each "\u0000" escape inside a string as "\uFFFD", in place. */
static void
replace_nul_escapes(char *s, size_t len)
{
	bool	in_string = false;
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			in_string = !in_string;
		else if (in_string && s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len &&
			    strncmp(s + i + 2, "0000", 4) == 0)
				memcpy(s + i + 2, "FFFD", 4);
			i++;
		}
	}
}

struct cJSON *
vt_json_parse_text(char *body, size_t len)
{
	struct vt_buf	 b;
	cJSON		*j;
	size_t		 i;

	if (body == NULL)
		return NULL;
	replace_nul_escapes(body, len);
	if (memchr(body, '\0', len) == NULL)
		return cJSON_ParseWithLength(body, len);
	vt_buf_init(&b);
	for (i = 0; i < len; i++) {
		if (body[i] == '\0')
			vt_buf_add(&b, "\xEF\xBF\xBD", 3);
		else
			vt_buf_putc(&b, body[i]);
	}
	j = cJSON_ParseWithLength(b.data, b.len);
	vt_buf_free(&b);
	return j;
}
