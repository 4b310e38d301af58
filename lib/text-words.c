/*
 * vanthu: splitting text into words and the comparison key of a
 * Vietnamese word (see vanthu/text.h, "Words").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text-impl.h"
#include "vanthu/buf.h"
#include "vanthu/xmalloc.h"

enum kind { K_SPACE, K_WORD, K_OTHER };

static enum kind
kind_of(int32_t cp)
{
	if (cp == VT_CP_INVALID)
		return K_OTHER;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return K_WORD;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
		return K_SPACE;
	default:
		return cp == 0xFEFF || cp == 0x200B ? K_SPACE : K_OTHER;
	}
}

size_t
vt_text_words(const char *s, size_t len, struct vt_text_word **out)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct vt_text_word	*w = NULL;
	size_t			 n = 0, cap = 0, i = 0, k, start;
	int32_t			 cp;
	enum kind		 kd;

	while (i < len) {
		k = vt_utf8_decode(u + i, len - i, &cp);
		kd = kind_of(cp);
		if (kd == K_SPACE) {
			i += k;
			continue;
		}
		start = i;
		i += k;
		if (kd == K_WORD) {
			while (i < len) {
				k = vt_utf8_decode(u + i, len - i, &cp);
				if (kind_of(cp) != K_WORD)
					break;
				i += k;
			}
		} else {
			/* A punctuation cluster with its combining marks. */
			i = vt_text_next_cluster(s, len, start, NULL);
		}
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			w = xreallocarray(w, cap, sizeof *w);
		}
		w[n].start = start;
		w[n].end = i;
		n++;
	}
	*out = w;
	return n;
}

/* The five Vietnamese tone marks (combining, after NFD). */
static bool
tone_mark(int32_t cp)
{
	return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 ||
	    cp == 0x0309 || cp == 0x0323;
}

char *
vt_text_word_key(const char *s, size_t len)
{
	utf8proc_uint8_t	*nfd = NULL;
	utf8proc_ssize_t	 n;
	struct vt_buf		 b;
	char			*copy, *key;
	int32_t			 cp, tone = 0;
	size_t			 i = 0, k;

	copy = vt_text_nfc(s, len);
	n = utf8proc_map((const utf8proc_uint8_t *)copy, 0, &nfd,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	free(copy);
	if (n < 0)
		return vt_text_nfc(s, len);
	vt_buf_init(&b);
	while (i < (size_t)n) {
		k = vt_utf8_decode(nfd + i, (size_t)n - i, &cp);
		if (cp != VT_CP_INVALID && tone_mark(cp))
			tone = cp;
		else
			vt_buf_add(&b, nfd + i, k);
		i += k;
	}
	free(nfd);
	if (tone != 0) {
		/* The tone as a separate, final mark: hóa = hoá, ủy = uỷ. */
		vt_buf_putc(&b, '\x01');
		vt_buf_printf(&b, "%X", (unsigned)tone);
	}
	key = vt_text_nfc(b.data != NULL ? b.data : "", b.len);
	vt_buf_free(&b);
	return key;
}
