/*
 * vanthu: telling TCVN3 from VNI text.  Each word with non-ASCII bytes
 * is decoded both ways and checked against the structure of a
 * Vietnamese syllable: initial consonant, vowel nucleus, final
 * consonant, at most one tone mark (as described in Đoàn Thiện Thuật,
 * Ngữ âm tiếng Việt).  The encoding that yields clearly more
 * well-formed syllables wins.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "text-impl.h"

/* Letters of a syllable in a compact form: ASCII for a-z, and
 * A = ă, B = â, E = ê, O = ô, W = ơ, U = ư, D = đ. */
static const char *const onsets[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
	"b", "c", "d", "D", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
	"v", "x", ""
};

static const char *const nuclei[] = {
	"a", "A", "B", "e", "E", "i", "o", "O", "W", "u", "U", "y",
	"ai", "ao", "au", "ay", "Bu", "By", "eo", "Eu", "ia", "iE", "iu",
	"oa", "oA", "oe", "oi", "Oi", "Wi", "oo", "ua", "uB", "uE", "ue",
	"ui", "uO", "uW", "uy", "Ua", "Ui", "UW", "Uu", "yE", "iEu", "oai",
	"oao", "oay", "oeo", "uBy", "uOi", "uya", "uyE", "uyu", "UWi", "UWu",
	"yEu", "Wu", "ieu", "uo"
};

static const char *const codas[] = {
	"ng", "nh", "ch", "c", "m", "n", "p", "t", "o", "u", "i", "y", ""
};

static bool
in_list(const char *s, size_t n, const char *const *list, size_t count)
{
	size_t	i;

	for (i = 0; i < count; i++) {
		if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
			return true;
	}
	return false;
}

#define COUNT(a)	(sizeof (a) / sizeof (a)[0])

static bool
is_vowel(char c)
{
	return strchr("aAeEBioOWuUy", c) != NULL;
}

/*
 * The compact form of one word of Unicode text (UTF-8, any form); the
 * number of tone marks in *TONES.  Returns false when a character is not
 * a Vietnamese letter.
 */
static bool
compact(const char *w, size_t len, char *out, size_t cap, int *tones)
{
	const unsigned char	*p = (const unsigned char *)w;
	utf8proc_int32_t	 d[8];
	utf8proc_ssize_t	 nd, k;
	size_t			 i = 0, n, o = 0;
	int32_t			 cp, l;
	int			 last = 0;
	char			 c;

	*tones = 0;
	while (i < len) {
		n = vt_utf8_decode(p + i, len - i, &cp);
		i += n;
		if (cp == VT_CP_INVALID)
			return false;
		nd = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE,
		    &last);
		if (nd < 1 || nd > 8)
			return false;
		for (k = 0; k < nd; k++) {
			l = utf8proc_tolower(d[k]);
			if (l >= 'a' && l <= 'z') {
				c = (char)l;
			} else if (l == 0x0111) {
				c = 'D';
			} else if (o > 0 && (l == 0x0306 || l == 0x0302 ||
			    l == 0x031B)) {
				c = out[o - 1];
				if (l == 0x0306 && c == 'a')
					out[o - 1] = 'A';
				else if (l == 0x0302 && c == 'a')
					out[o - 1] = 'B';
				else if (l == 0x0302 && c == 'e')
					out[o - 1] = 'E';
				else if (l == 0x0302 && c == 'o')
					out[o - 1] = 'O';
				else if (l == 0x031B && c == 'o')
					out[o - 1] = 'W';
				else if (l == 0x031B && c == 'u')
					out[o - 1] = 'U';
				else
					return false;
				continue;
			} else if (o > 0 && (l == 0x0300 || l == 0x0301 ||
			    l == 0x0303 || l == 0x0309 || l == 0x0323)) {
				if (!is_vowel(out[o - 1]))
					return false;
				(*tones)++;
				continue;
			} else
				return false;
			if (o + 1 >= cap)
				return false;
			out[o++] = c;
		}
	}
	out[o] = '\0';
	return o > 0;
}

/* Whether the compact form S is onset + nucleus + coda. */
static bool
well_formed(const char *s)
{
	size_t	len = strlen(s), on, v, i;

	for (i = 0; i < COUNT(onsets); i++) {
		on = strlen(onsets[i]);
		if (on > len || strncmp(s, onsets[i], on) != 0)
			continue;
		/* "gi" and "qu" also end in the nucleus: "gì", "quý". */
		for (v = on; v < len && is_vowel(s[v]); v++)
			;
		if (v == on && on > 0 && is_vowel(s[on - 1]) &&
		    in_list(s + on - 1, 1, nuclei, COUNT(nuclei)) &&
		    in_list(s + on, len - on, codas, COUNT(codas)))
			return true;
		if (v == on)
			continue;
		/* The nucleus may end in a glide that is really the coda. */
		for (; v > on; v--) {
			if (in_list(s + on, v - on, nuclei, COUNT(nuclei)) &&
			    in_list(s + v, len - v, codas, COUNT(codas)))
				return true;
		}
	}
	return false;
}

static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool
vt_vi_syllable(const char *w, size_t len)
{
	char	form[64];
	int	tones;

	return compact(w, len, form, sizeof form, &tones) && tones <= 1 &&
	    well_formed(form);
}

/* Score of LEN bytes of text decoded in ENC: good words minus bad. */
static long
score(const char *in, size_t len, enum vt_legacy enc, long *goodp)
{
	const unsigned char	*s = (const unsigned char *)in;
	struct vt_buf		 b;
	size_t			 i = 0, start;
	long			 good = 0, bad = 0;
	int			 high;

	vt_buf_init(&b);
	while (i < len) {
		/* A word: a run of letters and bytes >= 0x80. */
		while (i < len && !word_byte(s[i]))
			i++;
		start = i;
		high = 0;
		while (i < len && word_byte(s[i])) {
			if (s[i] >= 0x80)
				high = 1;
			i++;
		}
		if (!high || i == start)
			continue;
		vt_buf_reset(&b);
		vt_legacy_decode_raw(&b, enc, in + start, i - start);
		if (b.len > 0 && vt_vi_syllable(b.data, b.len))
			good++;
		else
			bad++;
	}
	vt_buf_free(&b);
	*goodp = good;
	return good - bad;
}

static enum vt_legacy
detect_bytes(const char *in, size_t len)
{
	long	st, sv, gt, gv;

	st = score(in, len, VT_LEGACY_TCVN3, &gt);
	sv = score(in, len, VT_LEGACY_VNI, &gv);
	if (st > sv && st > 0 && gt > 0)
		return VT_LEGACY_TCVN3;
	if (sv > st && sv > 0 && gv > 0)
		return VT_LEGACY_VNI;
	return VT_LEGACY_NONE;
}

enum vt_legacy
vt_legacy_detect(const char *in, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)in[i] >= 0x80)
			break;
	}
	if (i == len || vt_text_valid_utf8(in, len))
		return VT_LEGACY_NONE;
	return detect_bytes(in, len);
}

enum vt_legacy
vt_legacy_detect_utf8(const char *in, size_t len)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 i = 0, n, blen;
	int32_t			 cp;
	char			*bytes;
	enum vt_legacy		 r;

	/* Real Vietnamese letters outside Latin-1: this is Unicode. */
	while (i < len) {
		n = vt_utf8_decode(s + i, len - i, &cp);
		if (cp == 0x0102 || cp == 0x0103 || cp == 0x0110 ||
		    cp == 0x0111 || cp == 0x01A0 || cp == 0x01A1 ||
		    cp == 0x01AF || cp == 0x01B0 || (cp >= 0x1EA0 &&
		    cp <= 0x1EF9))
			return VT_LEGACY_NONE;
		i += n;
	}
	vt_legacy_utf8_to_bytes(in, len, &bytes, &blen);
	r = detect_bytes(bytes, blen);
	free(bytes);
	return r;
}
