/*
 * vanthu: Vietnamese collation (dictionary order).  The levels are as in
 * the Unicode Collation Algorithm (UTS #10), with the Vietnamese
 * alphabet and tone order of the Vietnamese dictionaries; see
 * vt_text_collate in vanthu/text.h.
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

/* The alphabet, with the letters Vietnamese does not use in place. */
static const char *const alphabet[] = {
	"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j",
	"k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư",
	"v", "w", "x", "y", "z"
};

enum {
	W_SPACE = 1,
	W_PUNCT = 10,		/* + the ASCII code */
	W_OTHER_PUNCT = 200,
	W_DIGIT = 300,		/* + the digit */
	W_LETTER = 400,		/* + the index in alphabet[] */
	W_OTHER = 1000		/* + the code point */
};

/* Tone marks in dictionary order: ngang (none) 0, then these. */
static int
tone_of(int32_t mark)
{
	switch (mark) {
	case 0x0300: return 1;	/* huyền */
	case 0x0309: return 2;	/* hỏi */
	case 0x0303: return 3;	/* ngã */
	case 0x0301: return 4;	/* sắc */
	case 0x0323: return 5;	/* nặng */
	}
	return 0;
}

static int
letter_index(const char *u)
{
	size_t	i;

	for (i = 0; i < sizeof alphabet / sizeof alphabet[0]; i++) {
		if (strcmp(alphabet[i], u) == 0)
			return (int)i;
	}
	return -1;
}

/* The letter made of lower-case base B and a vowel mark M (0: none). */
static int
letter_rank(int32_t b, int32_t m)
{
	char	u[8];
	size_t	n;

	if (b == 0x00F0)	/* ð, the look-alike of đ in old text */
		b = 0x0111;
	if (m == 0x0306 && b == 'a')
		b = 0x0103;
	else if (m == 0x0302 && (b == 'a' || b == 'e' || b == 'o'))
		b = b == 'a' ? 0x00E2 : b == 'e' ? 0x00EA : 0x00F4;
	else if (m == 0x031B && (b == 'o' || b == 'u'))
		b = b == 'o' ? 0x01A1 : 0x01B0;
	n = vt_utf8_encode(b, u);
	u[n] = '\0';
	return letter_index(u);
}

static void
put_weight(struct vt_buf *k, uint32_t w)
{
	/* Three bytes in base 254, each >= 2, so 0x01 can separate levels. */
	vt_buf_putc(k, (char)(w / (254 * 254) % 254 + 2));
	vt_buf_putc(k, (char)(w / 254 % 254 + 2));
	vt_buf_putc(k, (char)(w % 254 + 2));
}

struct letter {
	int32_t	base;		/* lower case */
	int32_t	vowel_mark;	/* breve, circumflex or horn, or 0 */
	int	tone;
	int	upper;
};

static uint32_t
primary_of(const struct letter *l, int *is_letter)
{
	int32_t		 b = l->base;
	int		 r;
	utf8proc_category_t cat;

	*is_letter = 0;
	if (b == ' ' || b == '\t' || b == '\n' || b == 0xA0 ||
	    utf8proc_category(b) == UTF8PROC_CATEGORY_ZS)
		return W_SPACE;
	if (b >= '0' && b <= '9')
		return W_DIGIT + (uint32_t)(b - '0');
	if (b < 0x80 && !(b >= 'a' && b <= 'z'))
		return W_PUNCT + (uint32_t)b;
	r = letter_rank(b, l->vowel_mark);
	if (r >= 0) {
		*is_letter = 1;
		return W_LETTER + (uint32_t)r;
	}
	cat = utf8proc_category(b);
	if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO)
		return W_OTHER_PUNCT;
	return W_OTHER + (uint32_t)b;
}

/* Split NFD text into letters with their marks. */
static size_t
letters_of(const char *s, struct letter **out)
{
	utf8proc_uint8_t	*nfd = NULL;
	struct vt_buf		 clean;
	struct letter		*v = NULL;
	size_t			 n = 0, cap = 0, i = 0, len, step;
	int32_t			 cp;
	int			 t;

	vt_buf_init(&clean);
	vt_utf8_clean(&clean, s, strlen(s));
	if (utf8proc_map((const utf8proc_uint8_t *)(clean.data != NULL ?
	    clean.data : ""), (utf8proc_ssize_t)clean.len, &nfd,
	    UTF8PROC_STABLE | UTF8PROC_DECOMPOSE) < 0)
		nfd = (utf8proc_uint8_t *)xstrdup("");
	vt_buf_free(&clean);
	len = strlen((char *)nfd);
	while (i < len) {
		step = vt_utf8_decode(nfd + i, len - i, &cp);
		i += step;
		if (vt_is_mark(cp) && n > 0) {
			if ((t = tone_of(cp)) != 0)
				v[n - 1].tone = t;
			else if (cp == 0x0306 || cp == 0x0302 || cp == 0x031B)
				v[n - 1].vowel_mark = cp;
			continue;
		}
		if (n == cap) {
			cap = cap * 2 + 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].base = utf8proc_tolower(cp);
		if (cp == 0x0110)
			v[n].base = 0x0111;
		v[n].upper = v[n].base != cp;
		v[n].vowel_mark = 0;
		v[n].tone = 0;
		n++;
	}
	free(nfd);
	*out = v;
	return n;
}

char *
vt_text_collate_key(const char *s)
{
	struct vt_buf	 k;
	struct letter	*v;
	size_t		 n, i;
	int		 is_letter, in_syllable = 0, tone = 0;
	char		*nfc;

	n = letters_of(s, &v);
	vt_buf_init(&k);
	for (i = 0; i < n; i++)
		put_weight(&k, primary_of(&v[i], &is_letter));
	vt_buf_putc(&k, 1);
	/* Secondary: one tone per syllable (a run of letters). */
	for (i = 0; i <= n; i++) {
		is_letter = 0;
		if (i < n)
			(void)primary_of(&v[i], &is_letter);
		if (is_letter) {
			in_syllable = 1;
			if (v[i].tone != 0)
				tone = v[i].tone;
			continue;
		}
		if (in_syllable)
			vt_buf_putc(&k, (char)(tone + 2));
		in_syllable = 0;
		tone = 0;
	}
	vt_buf_putc(&k, 1);
	for (i = 0; i < n; i++)
		vt_buf_putc(&k, (char)(v[i].upper + 2));
	vt_buf_putc(&k, 1);
	free(v);
	nfc = vt_text_nfc(s, strlen(s));
	vt_buf_puts(&k, nfc);
	free(nfc);
	return vt_buf_steal(&k);
}

int
vt_text_collate(const char *a, const char *b)
{
	char	*ka, *kb;
	int	 r;

	ka = vt_text_collate_key(a);
	kb = vt_text_collate_key(b);
	r = strcmp(ka, kb);
	free(ka);
	free(kb);
	return r;
}

/* The given name: the last word of NAME (a pointer into it). */
static const char *
given_name(const char *name, size_t *len)
{
	size_t	end = strlen(name), start;

	while (end > 0 && (name[end - 1] == ' ' || name[end - 1] == '\t'))
		end--;
	start = end;
	while (start > 0 && name[start - 1] != ' ' && name[start - 1] != '\t')
		start--;
	*len = end - start;
	return name + start;
}

int
vt_text_collate_person(const char *a, const char *b)
{
	const char	*ga, *gb;
	char		*sa, *sb;
	size_t		 la, lb;
	int		 r;

	ga = given_name(a, &la);
	gb = given_name(b, &lb);
	sa = xstrndup(ga, la);
	sb = xstrndup(gb, lb);
	r = vt_text_collate(sa, sb);
	free(sa);
	free(sb);
	return r != 0 ? r : vt_text_collate(a, b);
}
