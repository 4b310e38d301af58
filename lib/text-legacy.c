/*
 * vanthu: the legacy 8-bit Vietnamese encodings TCVN3 (TCVN 5712:1993,
 * VN3, "ABC") and VNI-Windows, to Unicode.  The tables are written from
 * the published charsets: TCVN 5712:1993 for 0xA0-0xFF (which glibc's
 * TCVN5712-1 converter also follows there), and the VNI-Windows layout
 * of the VNI fonts (ASCII base letter, then one mark byte).  Detection
 * is in text-detect.c.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "text-impl.h"

/* Windows-1252 for 0x80-0x9F (0: undefined there, shown as U+FFFD). */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/*
 * TCVN 5712:1993 at 0xA0-0xFF: the lower-case letters with their tones,
 * the capitals Ă Â Ê Ô Ơ Ư Đ, the five tone marks as combining
 * characters (0xB0-0xB4), and in the gaps capitals with tones (VN2).
 */
static const uint16_t tcvn3_high[96] = {
	/* A0 */ 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	/* A8 */ 0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
	/* B0 */ 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
	/* B8 */ 0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
	/* C0 */ 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
	/* C8 */ 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
	/* D0 */ 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
	/* D8 */ 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
	/* E0 */ 0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
	/* E8 */ 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
	/* F0 */ 0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
	/* F8 */ 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0
};

/* Combining marks. */
#define M_GRAVE		0x0300	/* huyền */
#define M_ACUTE		0x0301	/* sắc */
#define M_CIRCUMFLEX	0x0302
#define M_TILDE		0x0303	/* ngã */
#define M_BREVE		0x0306
#define M_HOOK		0x0309	/* hỏi */
#define M_HORN		0x031B
#define M_DOT		0x0323	/* nặng */

/* A VNI mark byte (lower-case form, 0xE0-0xFC): vowel mark and tone. */
struct vni_mark {
	unsigned char	byte;
	int32_t		vowel;	/* M_CIRCUMFLEX, M_BREVE or 0 */
	int32_t		tone;	/* a tone mark or 0 */
};

static const struct vni_mark vni_marks[] = {
	{ 0xF8, 0, M_GRAVE }, { 0xF9, 0, M_ACUTE }, { 0xFB, 0, M_HOOK },
	{ 0xF5, 0, M_TILDE }, { 0xEF, 0, M_DOT },
	{ 0xE2, M_CIRCUMFLEX, 0 }, { 0xE0, M_CIRCUMFLEX, M_GRAVE },
	{ 0xE1, M_CIRCUMFLEX, M_ACUTE }, { 0xE5, M_CIRCUMFLEX, M_HOOK },
	{ 0xE3, M_CIRCUMFLEX, M_TILDE }, { 0xE4, M_CIRCUMFLEX, M_DOT },
	{ 0xEA, M_BREVE, 0 }, { 0xE8, M_BREVE, M_GRAVE },
	{ 0xE9, M_BREVE, M_ACUTE }, { 0xFA, M_BREVE, M_HOOK },
	{ 0xFC, M_BREVE, M_TILDE }, { 0xEB, M_BREVE, M_DOT },
};

/* VNI single bytes that are letters (lower-case form). */
struct vni_letter {
	unsigned char	byte;
	int32_t		cp;	/* lower case */
};

static const struct vni_letter vni_letters[] = {
	{ 0xF4, 0x01A1 },	/* ơ */
	{ 0xF6, 0x01B0 },	/* ư */
	{ 0xF1, 0x0111 },	/* đ */
	{ 0xEC, 0x00EC },	/* ì */
	{ 0xED, 0x00ED },	/* í */
	{ 0xE6, 0x1EC9 },	/* ỉ */
	{ 0xF3, 0x0129 },	/* ĩ */
	{ 0xF2, 0x1ECB },	/* ị */
	{ 0xEE, 0x1EF5 },	/* ỵ */
};

const char *
vt_legacy_name(enum vt_legacy enc)
{
	switch (enc) {
	case VT_LEGACY_TCVN3:
		return "tcvn3";
	case VT_LEGACY_VNI:
		return "vni";
	case VT_LEGACY_NONE:
		break;
	}
	return "none";
}

bool
vt_legacy_from_name(const char *name, enum vt_legacy *enc)
{
	if (strcasecmp(name, "tcvn3") == 0 || strcasecmp(name, "tcvn") == 0 ||
	    strcasecmp(name, "abc") == 0) {
		*enc = VT_LEGACY_TCVN3;
		return true;
	}
	if (strcasecmp(name, "vni") == 0 ||
	    strcasecmp(name, "vni-windows") == 0) {
		*enc = VT_LEGACY_VNI;
		return true;
	}
	if (strcasecmp(name, "none") == 0 || strcasecmp(name, "unicode") == 0 ||
	    strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0) {
		*enc = VT_LEGACY_NONE;
		return true;
	}
	return false;
}

/* The Windows-1252 character of byte B (as the fonts show it). */
static int32_t
cp1252(unsigned char b)
{
	if (b >= 0x80 && b <= 0x9F)
		return cp1252_c1[b - 0x80] != 0 ? cp1252_c1[b - 0x80] :
		    VT_CP_REPLACEMENT;
	return b;
}

static void
put(struct vt_buf *b, int32_t cp, int flags)
{
	if (cp == 0)
		cp = VT_CP_REPLACEMENT;
	if (flags & VT_LEGACY_UPPER)
		cp = utf8proc_toupper(cp);
	vt_buf_add_cp(b, cp);
}

static void
tcvn3_decode(struct vt_buf *b, const unsigned char *s, size_t len,
    int flags)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			put(b, s[i], flags);
		else if (s[i] < 0xA0)
			put(b, cp1252(s[i]), flags);
		else
			put(b, tcvn3_high[s[i] - 0xA0], flags);
	}
}

static const struct vni_mark *
vni_mark_of(unsigned char c)
{
	size_t	i;

	if (c >= 0xC0 && c <= 0xDC)
		c += 0x20;
	for (i = 0; i < sizeof vni_marks / sizeof vni_marks[0]; i++) {
		if (vni_marks[i].byte == c)
			return &vni_marks[i];
	}
	return NULL;
}

/* The letter of a VNI single byte, or 0. */
static int32_t
vni_letter_of(unsigned char c)
{
	size_t	i;
	int	upper = c >= 0xC0 && c <= 0xDF;

	if (upper)
		c += 0x20;
	for (i = 0; i < sizeof vni_letters / sizeof vni_letters[0]; i++) {
		if (vni_letters[i].byte == c)
			return upper ? utf8proc_toupper(vni_letters[i].cp) :
			    vni_letters[i].cp;
	}
	return 0;
}

/* Whether mark M can follow base letter CP in VNI. */
static bool
vni_applies(int32_t cp, const struct vni_mark *m)
{
	int32_t	l = utf8proc_tolower(cp);

	if (m->vowel == M_BREVE)
		return l == 'a';
	if (m->vowel == M_CIRCUMFLEX)
		return l == 'a' || l == 'e' || l == 'o';
	return l == 'a' || l == 'e' || l == 'i' || l == 'o' || l == 'u' ||
	    l == 'y' || l == 0x01A1 || l == 0x01B0;
}

static void
vni_decode(struct vt_buf *b, const unsigned char *s, size_t len, int flags)
{
	const struct vni_mark	*m;
	size_t			 i;
	int32_t			 cp;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			cp = s[i];
		else if ((cp = vni_letter_of(s[i])) == 0) {
			put(b, cp1252(s[i]), flags);
			continue;
		}
		put(b, cp, flags);
		if (i + 1 < len && (m = vni_mark_of(s[i + 1])) != NULL &&
		    vni_applies(cp, m)) {
			if (m->vowel != 0)
				vt_buf_add_cp(b, m->vowel);
			if (m->tone != 0)
				vt_buf_add_cp(b, m->tone);
			i++;
		}
	}
}

/* Decode LEN bytes in ENC and append the (not yet NFC) result to B. */
static void
legacy_decode(struct vt_buf *b, enum vt_legacy enc, const char *in,
    size_t len, int flags)
{
	const unsigned char	*s = (const unsigned char *)in;

	switch (enc) {
	case VT_LEGACY_TCVN3:
		tcvn3_decode(b, s, len, flags);
		break;
	case VT_LEGACY_VNI:
		vni_decode(b, s, len, flags);
		break;
	case VT_LEGACY_NONE:
		vt_utf8_clean(b, in, len);
		break;
	}
}

vt_code
vt_legacy_to_utf8_flags(enum vt_legacy enc, const char *in, size_t len,
    int flags, char **out)
{
	struct vt_buf	b;

	*out = NULL;
	if (enc != VT_LEGACY_NONE && enc != VT_LEGACY_TCVN3 &&
	    enc != VT_LEGACY_VNI)
		return VT_ERR_INVALID;
	vt_buf_init(&b);
	legacy_decode(&b, enc, in, len, flags);
	*out = vt_text_nfc(b.data != NULL ? b.data : "", b.len);
	vt_buf_free(&b);
	return VT_OK;
}

vt_code
vt_legacy_to_utf8(enum vt_legacy enc, const char *in, size_t len, char **out)
{
	return vt_legacy_to_utf8_flags(enc, in, len, 0, out);
}

/* The legacy byte that Unicode character CP shows, or -1. */
int
vt_legacy_byte_of(int32_t cp)
{
	int	i;

	if (cp >= 0 && cp <= 0xFF)
		return cp;
	for (i = 0; i < 32; i++) {
		if (cp1252_c1[i] == cp)
			return 0x80 + i;
	}
	return -1;
}

size_t
vt_legacy_utf8_to_bytes(const char *in, size_t len, char **out,
    size_t *outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	struct vt_buf		 b;
	size_t			 i = 0, n, unmapped = 0;
	int32_t			 cp;
	int			 byte;

	vt_buf_init(&b);
	while (i < len) {
		n = vt_utf8_decode(s + i, len - i, &cp);
		byte = cp == VT_CP_INVALID ? -1 : vt_legacy_byte_of(cp);
		if (byte >= 0)
			vt_buf_putc(&b, (char)byte);
		else {
			vt_buf_add(&b, in + i, n);
			unmapped++;
		}
		i += n;
	}
	*outlen = b.len;
	*out = vt_buf_steal(&b);
	return unmapped;
}

static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/*
 * In a PDF, WinAnsiEncoding names code 0xAD "hyphen", so the TCVN3
 * letter ư comes out as '-' ("Th-êng" for "Thường").  Put 0xAD back
 * where the word then is a Vietnamese syllable.
 */
static void
tcvn3_restore_u_horn(char *run, size_t len)
{
	unsigned char	*s = (unsigned char *)run;
	struct vt_buf	 b;
	size_t		 k, a, e;

	vt_buf_init(&b);
	for (k = 0; k < len; k++) {
		if (s[k] != '-' || k == 0 || !word_byte(s[k - 1]))
			continue;
		for (a = k; a > 0 && word_byte(s[a - 1]); a--)
			;
		for (e = k + 1; e < len && word_byte(s[e]); e++)
			;
		s[k] = 0xAD;
		vt_buf_reset(&b);
		vt_legacy_decode_raw(&b, VT_LEGACY_TCVN3, run + a, e - a);
		if (!vt_vi_syllable(b.data, b.len))
			s[k] = '-';
	}
	vt_buf_free(&b);
}

static void
decode_run(struct vt_buf *b, enum vt_legacy enc, struct vt_buf *run,
    int flags)
{
	if (run->len == 0)
		return;
	if (enc == VT_LEGACY_TCVN3)
		tcvn3_restore_u_horn(run->data, run->len);
	legacy_decode(b, enc, run->data, run->len, flags);
	vt_buf_reset(run);
}

vt_code
vt_legacy_utf8_to_utf8(enum vt_legacy enc, const char *in, size_t len,
    int flags, char **out)
{
	const unsigned char	*s = (const unsigned char *)in;
	struct vt_buf		 b, run;
	size_t			 i = 0, n;
	int32_t			 cp;
	int			 byte;

	*out = NULL;
	if (enc != VT_LEGACY_NONE && enc != VT_LEGACY_TCVN3 &&
	    enc != VT_LEGACY_VNI)
		return VT_ERR_INVALID;
	if (enc == VT_LEGACY_NONE) {
		*out = vt_text_nfc(in, len);
		return VT_OK;
	}
	vt_buf_init(&b);
	vt_buf_init(&run);
	while (i < len) {
		n = vt_utf8_decode(s + i, len - i, &cp);
		byte = cp == VT_CP_INVALID ? -1 : vt_legacy_byte_of(cp);
		if (byte >= 0)
			vt_buf_putc(&run, (char)byte);
		else {
			decode_run(&b, enc, &run, flags);
			vt_buf_add_cp(&b, cp == VT_CP_INVALID ?
			    VT_CP_REPLACEMENT : cp);
		}
		i += n;
	}
	decode_run(&b, enc, &run, flags);
	vt_buf_free(&run);
	*out = vt_text_nfc(b.data != NULL ? b.data : "", b.len);
	vt_buf_free(&b);
	return VT_OK;
}

/* For text-detect.c: decode into B without NFC. */
void
vt_legacy_decode_raw(struct vt_buf *b, enum vt_legacy enc, const char *in,
    size_t len)
{
	legacy_decode(b, enc, in, len, 0);
}
