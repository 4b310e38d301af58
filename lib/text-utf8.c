/*
 * vanthu: UTF-8 decoding and encoding for the text module, strict as
 * Unicode 15 section 3.9 and table 3-7 require (no overlongs, no
 * surrogates, nothing above U+10FFFF).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "text-impl.h"

size_t
vt_utf8_encode(int32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

void
vt_buf_add_cp(struct vt_buf *b, int32_t cp)
{
	char	u[4];

	vt_buf_add(b, u, vt_utf8_encode(cp, u));
}

void
vt_utf8_clean(struct vt_buf *b, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, run = 0;
	int32_t			 cp;

	while (i < len) {
		n = vt_utf8_decode(p + i, len - i, &cp);
		if (cp == VT_CP_INVALID || cp == 0) {
			vt_buf_add(b, s + run, i - run);
			vt_buf_add_cp(b, VT_CP_REPLACEMENT);
			run = i + n;
		}
		i += n;
	}
	vt_buf_add(b, s + run, len - run);
}

bool
vt_text_valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;
	int32_t			 cp;

	uint64_t		 v;

	while (i < len) {
		/* Eight ASCII bytes at a time. */
		if (len - i >= 8) {
			memcpy(&v, p + i, 8);
			if ((v & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		i += vt_utf8_decode(p + i, len - i, &cp);
		if (cp == VT_CP_INVALID)
			return false;
	}
	return true;
}

bool
vt_is_mark(int32_t cp)
{
	utf8proc_category_t	cat;

	if (cp < 0x300)
		return false;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME;
}
