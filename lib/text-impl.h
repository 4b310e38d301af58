/*
 * vanthu: helpers shared by the lib/text-*.c files (not a public
 * interface).
 */
#ifndef VANTHU_TEXT_IMPL_H
#define VANTHU_TEXT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/text.h"

struct vt_buf;

/* A code point that marks invalid UTF-8 in the decoder's output. */
#define VT_CP_INVALID	(-1)
#define VT_CP_REPLACEMENT 0xFFFD


/*
 * vt_utf8_decode: decode one character from S (LEN > 0 bytes).  Stores
 * the code point in *CP, or VT_CP_INVALID for a maximal ill-formed
 * subpart (Unicode 15, table 3-7), and returns the number of bytes
 * used (at least 1).  Inline: the folding loop calls it per character.
 */
static inline size_t
vt_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	unsigned	 c = s[0], lo = 0x80, hi = 0xBF, b;
	size_t		 need, i;
	int32_t		 v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;	/* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;	/* nothing above U+10FFFF */
	} else {
		*cp = VT_CP_INVALID;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len) {
			*cp = VT_CP_INVALID;
			return i;
		}
		b = s[i];
		if (b < lo || b > hi) {
			*cp = VT_CP_INVALID;
			return i;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (int32_t)(b & 0x3F);
	}
	*cp = v;
	return need + 1;
}

/* vt_utf8_encode: write CP (a valid scalar value) as UTF-8 into OUT (at
 * least 4 bytes); returns the number of bytes. */
size_t	vt_utf8_encode(int32_t cp, char *out);

/* vt_buf_add_cp: append CP as UTF-8 to B. */
void	vt_buf_add_cp(struct vt_buf *b, int32_t cp);

/* vt_utf8_clean: S with invalid UTF-8 and NUL replaced by U+FFFD, in B
 * (appended). */
void	vt_utf8_clean(struct vt_buf *b, const char *s, size_t len);

/* vt_text_nfc_valid: NFC of valid UTF-8 without NUL (LEN bytes); caller
 * frees. */
char	*vt_text_nfc_valid(const char *s, size_t len);

/* vt_is_mark: whether CP is a combining mark (Mn, Mc, Me). */
bool	vt_is_mark(int32_t cp);

/* text-legacy.c: the byte a Windows-1252/Latin-1 character stands
 * for, or -1; decoding without NFC (for detection). */
int	vt_legacy_byte_of(int32_t cp);
void	vt_legacy_decode_raw(struct vt_buf *b, enum vt_legacy enc,
	    const char *in, size_t len);

/* text-detect.c: whether the LEN bytes of UTF-8 at W are one
 * well-formed Vietnamese syllable (any case, at most one tone). */
bool	vt_vi_syllable(const char *w, size_t len);

#endif
