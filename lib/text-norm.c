/*
 * vanthu: Unicode Normalization Form C (UAX #15) of any bytes, with
 * invalid UTF-8 replaced by U+FFFD.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "text-impl.h"

char *
vt_text_nfc_valid(const char *s, size_t len)
{
	utf8proc_uint8_t	*dst = NULL;
	utf8proc_ssize_t	 n;
	size_t			 i;

	for (i = 0; i < len; i++) {
		/* Below U+0300 nothing composes or reorders: ASCII is NFC. */
		if ((unsigned char)s[i] >= 0x80)
			break;
	}
	if (i == len)
		return xstrndup(s, len);
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		/* Only on no memory: the input is valid UTF-8 here. */
		return xstrndup(s, len);
	}
	return (char *)dst;
}

char *
vt_text_nfc(const char *s, size_t len)
{
	struct vt_buf	 b;
	char		*r;

	if (memchr(s, '\0', len) == NULL && vt_text_valid_utf8(s, len))
		return vt_text_nfc_valid(s, len);
	vt_buf_init(&b);
	vt_utf8_clean(&b, s, len);
	r = vt_text_nfc_valid(b.data != NULL ? b.data : "", b.len);
	vt_buf_free(&b);
	return r;
}
