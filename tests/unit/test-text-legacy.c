/* Unit tests for lib/text-legacy.c and lib/text-detect.c: TCVN3 (TCVN
 * 5712:1993 VN3) and VNI-Windows to Unicode, and detection. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iconv.h>
#include <cmocka.h>

#include "vanthu/text.h"

static char *
conv(enum vt_legacy enc, const char *in, size_t len)
{
	char	*out = NULL;

	assert_int_equal(vt_legacy_to_utf8(enc, in, len, &out), VT_OK);
	assert_non_null(out);
	assert_true(vt_text_valid_utf8(out, strlen(out)));
	return out;
}

struct sample {
	enum vt_legacy	 enc;
	const char	*bytes;		/* the legacy bytes */
	const char	*want;		/* Unicode, NFC */
};

/*
 * Fixed samples.  The TCVN3 lines are the national motto as it is seen
 * in garbled form when .VnTime text is shown in a Latin-1 font ("Céng
 * hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc"); the
 * VNI lines as seen in a VNI font shown as Latin-1 ("Coäng hoøa ...").
 */
static const struct sample samples[] = {
	{ VT_LEGACY_TCVN3,
	    "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc" "a Vi\xd6t Nam",
	    "Cộng hoà xã hội chủ nghĩa Việt Nam" },
	{ VT_LEGACY_TCVN3, "\xa7\xe9" "c l\xcbp - T\xf9 do - H\xb9nh ph\xf3" "c",
	    "Độc lập - Tự do - Hạnh phúc" },
	{ VT_LEGACY_TCVN3, "Thanh Ho\xb8, ng\xb5y 05 th\xb8ng 3 n\xa8m 2026",
	    "Thanh Hoá, ngày 05 tháng 3 năm 2026" },
	{ VT_LEGACY_TCVN3, "\xa2\xa1\xa3\xa4\xa5\xa6\xa7 \xa9\xa8\xaa\xab\xac"
	    "\xad\xae", "ÂĂÊÔƠƯĐ âăêôơưđ" },
	{ VT_LEGACY_TCVN3, "U\xfb ban nh\xa9n d\xa9n huy\xd6n Ho\xbbng Ho\xb8",
	    "Uỷ ban nhân dân huyện Hoằng Hoá" },
	{ VT_LEGACY_TCVN3, "\xf1y ban", "ủy ban" },
	{ VT_LEGACY_TCVN3, "\x93tr\xd7" "ch y\xd5u\x94", "\xe2\x80\x9c" "trìch yếu"
	    "\xe2\x80\x9d" },
	{ VT_LEGACY_TCVN3, "tab\there\n", "tab\there\n" },
	{ VT_LEGACY_VNI, "Xin cha\xf8o ca\xf9" "c ba\xefn", "Xin chào các bạn" },
	{ VT_LEGACY_VNI,
	    "Co\xe4ng ho\xf8" "a xa\xf5 ho\xe4i chu\xfb ngh\xf3" "a Vie\xe4t Nam",
	    "Cộng hòa xã hội chủ nghĩa Việt Nam" },
	{ VT_LEGACY_VNI, "\xd1o\xe4" "c la\xe4p - T\xf6\xef do - Ha\xefnh "
	    "phu\xf9" "c", "Độc lập - Tự do - Hạnh phúc" },
	{ VT_LEGACY_VNI, "U\xdby ban nha\xe2n da\xe2n huye\xe4n Hoa\xe8ng "
	    "Ho\xf9" "a", "Ủy ban nhân dân huyện Hoằng Hóa" },
	{ VT_LEGACY_VNI, "T\xd6\xd4\xd8NG \xd1" "A\xc9I", "TƯỜNG ĐẮI" },
	{ VT_LEGACY_VNI, "thu\xfby l\xf4\xef" "i, kho\xfb" "e", "thủy lợi, khỏe" },
	{ VT_LEGACY_VNI, "kho\xe1" "i, \xeen, y\xf9, \xec, \xed, \xe6, \xf3, \xf2",
	    "khối, ỵn, ý, ì, í, ỉ, ĩ, ị" },
	/* A mark byte after a consonant is not a mark. */
	{ VT_LEGACY_VNI, "b\xf9", "bù" },
};

static void
test_samples(void **state)
{
	size_t	 i;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		r = conv(samples[i].enc, samples[i].bytes,
		    strlen(samples[i].bytes));
		if (strcmp(r, samples[i].want) != 0)
			fail_msg("sample %zu: got \"%s\", want \"%s\"", i, r,
			    samples[i].want);
		free(r);
	}
}

/* 0xA0-0xFF agree with glibc's TCVN5712-1, an independent table. */
static void
test_tcvn3_high_half_matches_glibc(void **state)
{
	iconv_t	 cd;
	char	 in[1], outb[16], *ip, *op, *mine, *glibc;
	size_t	 il, ol;
	int	 b;

	(void)state;
	cd = iconv_open("UTF-8", "TCVN5712-1");
	if (cd == (iconv_t)-1)
		skip();
	for (b = 0xA0; b <= 0xFF; b++) {
		in[0] = (char)b;
		ip = in;
		il = 1;
		op = outb;
		ol = sizeof outb - 1;
		iconv(cd, NULL, NULL, NULL, NULL);
		assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
		iconv(cd, NULL, NULL, &op, &ol);
		*op = '\0';
		glibc = vt_text_nfc(outb, strlen(outb));
		mine = conv(VT_LEGACY_TCVN3, in, 1);
		if (strcmp(mine, glibc) != 0)
			fail_msg("byte 0x%02X: \"%s\", glibc \"%s\"", b, mine,
			    glibc);
		free(mine);
		free(glibc);
	}
	iconv_close(cd);
}

/* Unlike glibc's TCVN5712-1 (VN1), TCVN3 keeps ASCII controls. */
static void
test_tcvn3_low_half_is_ascii(void **state)
{
	char	 in[1], *r;
	int	 b;

	(void)state;
	for (b = 1; b < 0x80; b++) {
		in[0] = (char)b;
		r = conv(VT_LEGACY_TCVN3, in, 1);
		assert_int_equal(strlen(r), 1);
		assert_int_equal((unsigned char)r[0], b);
		free(r);
	}
}

/* Every toned vowel of VNI: base, then one mark byte. */
static void
test_vni_every_vowel(void **state)
{
	static const struct { const char *base; const char *unicode; }
	    rows[] = {
		{ "a", "a" }, { "a\xea", "ă" }, { "a\xe2", "â" },
		{ "e", "e" }, { "e\xe2", "ê" }, { "o", "o" },
		{ "o\xe2", "ô" }, { "\xf4", "ơ" }, { "u", "u" },
		{ "\xf6", "ư" }, { "y", "y" },
	};
	/* Tone bytes after a plain or horn vowel. */
	static const unsigned char tone_byte[] = { 0xF8, 0xFB, 0xF5, 0xF9,
	    0xEF };
	/* The combined circumflex/breve + tone bytes. */
	static const unsigned char circ_tone[] = { 0xE0, 0xE5, 0xE3, 0xE1,
	    0xE4 };
	static const unsigned char breve_tone[] = { 0xE8, 0xFA, 0xFC, 0xE9,
	    0xEB };
	static const char *const tone_mark[] = { "\xcc\x80", "\xcc\x89",
	    "\xcc\x83", "\xcc\x81", "\xcc\xa3" };
	char	 in[8], want[16], *r, *w;
	size_t	 i, t, n;
	int	 upper;

	(void)state;
	for (upper = 0; upper <= 1; upper++)
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		for (t = 0; t < 5; t++) {
			n = strlen(rows[i].base);
			if (n == 2 && (unsigned char)rows[i].base[1] == 0xE2) {
				in[0] = rows[i].base[0];
				in[1] = (char)circ_tone[t];
				n = 2;
			} else if (n == 2) {
				in[0] = rows[i].base[0];
				in[1] = (char)breve_tone[t];
			} else {
				in[0] = rows[i].base[0];
				in[1] = (char)tone_byte[t];
				n = 2;
			}
			if (upper) {
				if (in[0] >= 'a' && in[0] <= 'z')
					in[0] = (char)(in[0] - 0x20);
				else
					in[0] = (char)((unsigned char)in[0] - 0x20);
				in[1] = (char)((unsigned char)in[1] - 0x20);
			}
			snprintf(want, sizeof want, "%s%s", rows[i].unicode,
			    tone_mark[t]);
			w = vt_text_nfc(want, strlen(want));
			r = conv(VT_LEGACY_VNI, in, n);
			if (upper) {
				/* Compare case-insensitively via folding. */
				char *a = vt_text_fold(r, strlen(r), NULL);
				char *b = vt_text_fold(w, strlen(w), NULL);
				assert_string_equal(a, b);
				assert_true(vt_text_collate(r, w) > 0);
				free(a);
				free(b);
			} else if (strcmp(r, w) != 0)
				fail_msg("VNI %02X %02X: got \"%s\", want \"%s\"",
				    (unsigned char)in[0], (unsigned char)in[1],
				    r, w);
			free(r);
			free(w);
		}
	}
}

static void
test_upper_flag(void **state)
{
	char	*r = NULL;
	const char *s = "c\xe9ng ho\xb5 x\xb7 h\xe9i";

	(void)state;
	assert_int_equal(vt_legacy_to_utf8_flags(VT_LEGACY_TCVN3, s, strlen(s),
	    VT_LEGACY_UPPER, &r), VT_OK);
	assert_string_equal(r, "CỘNG HOÀ XÃ HỘI");
	free(r);
}

static void
test_errors_and_names(void **state)
{
	char		*r = (char *)1;
	enum vt_legacy	 e;

	(void)state;
	assert_int_equal(vt_legacy_to_utf8((enum vt_legacy)42, "x", 1, &r),
	    VT_ERR_INVALID);
	assert_null(r);
	r = conv(VT_LEGACY_TCVN3, "a\0b", 3);
	assert_string_equal(r, "a\xef\xbf\xbd" "b");
	free(r);
	r = conv(VT_LEGACY_NONE, "Hà\xff", 4);
	assert_string_equal(r, "Hà\xef\xbf\xbd");
	free(r);
	assert_true(vt_legacy_from_name("TCVN3", &e));
	assert_int_equal(e, VT_LEGACY_TCVN3);
	assert_true(vt_legacy_from_name("abc", &e));
	assert_int_equal(e, VT_LEGACY_TCVN3);
	assert_true(vt_legacy_from_name("VNI-Windows", &e));
	assert_int_equal(e, VT_LEGACY_VNI);
	assert_false(vt_legacy_from_name("viscii", &e));
	assert_string_equal(vt_legacy_name(VT_LEGACY_VNI), "vni");
	assert_string_equal(vt_legacy_name(VT_LEGACY_TCVN3), "tcvn3");
}

struct detect_case {
	const char	*text;
	enum vt_legacy	 want;
};

static const struct detect_case detect_cases[] = {
	{ "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc" "a Vi\xd6t Nam",
	    VT_LEGACY_TCVN3 },
	{ "Thanh Ho\xb8, ng\xb5y 05 th\xb8ng 3 n\xa8m 2026", VT_LEGACY_TCVN3 },
	{ "Co\xe4ng ho\xf8" "a xa\xf5 ho\xe4i chu\xfb ngh\xf3" "a Vie\xe4t Nam",
	    VT_LEGACY_VNI },
	{ "Xin cha\xf8o ca\xf9" "c ba\xefn", VT_LEGACY_VNI },
	{ "U\xdby ban nha\xe2n da\xe2n huye\xe4n", VT_LEGACY_VNI },
	{ "Cộng hoà xã hội chủ nghĩa Việt Nam", VT_LEGACY_NONE },	/* UTF-8 */
	{ "Cong hoa xa hoi", VT_LEGACY_NONE },			/* ASCII */
	{ "D\xe9j\xe0 vu, tr\xe8s \xe9l\xe9gant", VT_LEGACY_NONE },	/* Latin-1 */
	{ "\xff\xfe\xfd\xfc", VT_LEGACY_NONE },
	{ "", VT_LEGACY_NONE },
};

static void
test_detect(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof detect_cases / sizeof detect_cases[0]; i++) {
		enum vt_legacy got = vt_legacy_detect(detect_cases[i].text,
		    strlen(detect_cases[i].text));
		if (got != detect_cases[i].want)
			fail_msg("case %zu: detected %s, want %s", i,
			    vt_legacy_name(got),
			    vt_legacy_name(detect_cases[i].want));
	}
}

/* Text from a PDF: the legacy bytes arrive as Windows-1252 characters. */
static void
test_pdf_style_utf8(void **state)
{
	const char	*tcvn = "Céng hoµ x· héi chñ nghÜa ViÖt Nam – §éc lËp";
	const char	*vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam";
	char		*bytes, *r;
	size_t		 blen;

	(void)state;
	assert_int_equal(vt_legacy_detect_utf8(tcvn, strlen(tcvn)),
	    VT_LEGACY_TCVN3);
	assert_int_equal(vt_legacy_detect_utf8(vni, strlen(vni)),
	    VT_LEGACY_VNI);
	assert_int_equal(vt_legacy_detect_utf8("Cộng hoà xã hội",
	    strlen("Cộng hoà xã hội")), VT_LEGACY_NONE);
	assert_int_equal(vt_legacy_utf8_to_utf8(VT_LEGACY_TCVN3, tcvn,
	    strlen(tcvn), 0, &r), VT_OK);
	assert_string_equal(r, "Cộng hoà xã hội chủ nghĩa Việt Nam – Độc lập");
	free(r);
	assert_int_equal(vt_legacy_utf8_to_utf8(VT_LEGACY_VNI, vni,
	    strlen(vni), 0, &r), VT_OK);
	assert_string_equal(r, "Cộng hòa xã hội chủ nghĩa Việt Nam");
	free(r);
	/* "–" is Windows-1252 0x96; "中" cannot be a legacy byte. */
	assert_int_equal(vt_legacy_utf8_to_bytes("Hµ–中", strlen("Hµ–中"),
	    &bytes, &blen), 1);
	assert_int_equal(blen, 3 + 3);
	assert_memory_equal(bytes, "H\xb5\x96中", 6);
	free(bytes);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_tcvn3_high_half_matches_glibc),
		cmocka_unit_test(test_tcvn3_low_half_is_ascii),
		cmocka_unit_test(test_vni_every_vowel),
		cmocka_unit_test(test_upper_flag),
		cmocka_unit_test(test_errors_and_names),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_pdf_style_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
