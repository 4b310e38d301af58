/*
 * vanthu: helpers shared by the src/text-*.c files (not a public
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
 * used (at least 1).
 */
size_t	vt_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

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

#endif
