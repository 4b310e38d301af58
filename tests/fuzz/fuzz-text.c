/*
 * libFuzzer target for the text core: the terminal sanitiser, NFC,
 * folding and matching, widths and fitting, collation keys and the
 * legacy converters.  For any input: no crash, no out-of-bounds access
 * (AddressSanitizer), no undefined behaviour (UBSan), and every string
 * that comes out is valid UTF-8; the sanitiser's output holds no
 * control characters; fitted text has exactly the asked width; match
 * ranges lie inside the subject.
 *
 * Build: see mk/text.am (make check runs it briefly, make fuzz long).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_utf8(const char *s)
{
	if (!vt_text_valid_utf8(s, strlen(s)))
		abort();
}

static void
check_safe(const char *s, int flags)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	check_utf8(s);
	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] < 0x20 && !(p[i] == '\n' &&
		    (flags & VT_TEXT_MULTILINE)))
			abort();
		if (p[i] == 0x7f)
			abort();
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			abort();
		if (p[i] == 0xe2 && p[i + 1] == 0x80 && p[i + 2] >= 0xaa &&
		    p[i + 2] <= 0xae)
			abort();
		if (p[i] == 0xe2 && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 &&
		    p[i + 2] <= 0xa9)
			abort();
	}
}

static void
fuzz_safe_width(const char *in, size_t size, int cols)
{
	char	*safe, *fit;
	int	 f;

	for (f = 0; f <= VT_TEXT_MULTILINE; f++) {
		safe = vt_text_safe(in, size, f);
		check_safe(safe, f);
		if (f == 0) {
			fit = vt_text_fit(safe, cols, 0);
			check_utf8(fit);
			if (vt_text_width(fit) != (cols > 0 ? cols : 0))
				abort();
			free(fit);
			fit = vt_text_fit(safe, cols, VT_FIT_NOPAD |
			    VT_FIT_NOELLIPSIS);
			if (vt_text_width(fit) > (cols > 0 ? cols : 0))
				abort();
			free(fit);
		}
		free(safe);
	}
}

static void
fuzz_clusters(const char *in, size_t size)
{
	size_t	off = 0, next, back;

	while (off < size) {
		next = vt_text_next_cluster(in, size, off, NULL);
		if (next <= off || next > size)
			abort();
		back = vt_text_prev_cluster(in, size, next);
		if (back > off || back >= next)
			abort();
		off = next;
	}
}

static void
fuzz_fold(const char *in, size_t size)
{
	struct vt_text_query	*q;
	size_t			*map, flen, i, s, e, qlen;
	char			*fold, *needle;

	fold = vt_text_fold(in, size, &map);
	check_utf8(fold);
	flen = strlen(fold);
	if (map[flen] != size)
		abort();
	for (i = 0; i < flen; i++) {
		if (map[i] >= size || (i > 0 && map[i] < map[i - 1]))
			abort();
	}
	free(map);
	free(fold);
	/* The first few bytes are the query, the rest the subject. */
	qlen = size < 12 ? size / 2 : 6;
	needle = xstrndup(in, qlen);
	q = vt_text_query_new_flags(needle, (int)(size & 3));
	if (vt_text_query_match(q, in + qlen, size - qlen, &s, &e)) {
		if (s > e || e > size - qlen)
			abort();
	}
	vt_text_query_free(q);
	free(needle);
}

static void
fuzz_legacy(const char *in, size_t size)
{
	enum vt_legacy	 encs[] = { VT_LEGACY_NONE, VT_LEGACY_TCVN3,
	    VT_LEGACY_VNI };
	char		*out, *bytes;
	size_t		 i, blen;

	for (i = 0; i < 3; i++) {
		if (vt_legacy_to_utf8_flags(encs[i], in, size, (int)i & 1,
		    &out) != VT_OK)
			abort();
		check_utf8(out);
		free(out);
		if (vt_legacy_utf8_to_utf8(encs[i], in, size, 0, &out) != VT_OK)
			abort();
		check_utf8(out);
		free(out);
	}
	(void)vt_legacy_detect(in, size);
	(void)vt_legacy_detect_utf8(in, size);
	(void)vt_legacy_utf8_to_bytes(in, size, &bytes, &blen);
	free(bytes);
}

static void
fuzz_collate(const char *in, size_t size)
{
	char	*a, *key;
	size_t	 half = size / 2;

	a = xstrndup(in, size);		/* up to the first NUL */
	key = vt_text_collate_key(a);
	free(key);
	if (strlen(a) > half) {
		char	*b = xstrdup(a + half);

		a[half] = '\0';
		if ((vt_text_collate(a, b) < 0) != (vt_text_collate(b, a) > 0))
			abort();
		free(b);
	}
	free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*in = (const char *)data;
	char		*nfc;

	nfc = vt_text_nfc(in, size);
	check_utf8(nfc);
	free(nfc);
	fuzz_safe_width(in, size, size > 0 ? data[0] % 50 - 2 : 5);
	fuzz_clusters(in, size);
	fuzz_fold(in, size);
	fuzz_legacy(in, size);
	fuzz_collate(in, size);
	return 0;
}
