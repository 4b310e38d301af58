/* Unit tests for lib/text-norm.c and lib/text-utf8.c: NFC (UAX #15) and
 * the handling of invalid UTF-8. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/text.h"

#define FFFD "\xef\xbf\xbd"

struct nfc_case {
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	const char	*want;
};

/* Combining marks: U+0300 huyền, U+0301 sắc, U+0303 ngã, U+0309 hỏi,
 * U+0323 nặng, U+0302 circumflex, U+0306 breve, U+031B horn. */
static const struct nfc_case nfc_cases[] = {
	{ "Hoằng Hóa", 0, "Hoằng Hóa" },
	{ "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a", 0, "Hoằng Hóa" },
	{ "Thu\xcc\x89y", 0, "Thủy" },
	{ "U\xcc\x89y ban nha\xcc\x82n da\xcc\x82n", 0, "Ủy ban nhân dân" },
	{ "kho\xcc\x89" "e", 0, "khỏe" },
	{ "khoe\xcc\x89", 0, "khoẻ" },
	/* Dot below (ccc 220) comes before the circumflex (230) in NFD. */
	{ "ta\xcc\xa3\xcc\x82p", 0, "tập" },
	{ "ta\xcc\x82\xcc\xa3p", 0, "tập" },
	{ "Quy\xcc\x81 \xc4\x91i\xcc\xa3nh", 0, "Quý định" },
	{ "o\xcc\x9b\xcc\x80", 0, "ờ" },
	/* Old and new tone placement are different text: NFC keeps both. */
	{ "Hoá", 0, "Hoá" },
	{ "uỷ", 0, "uỷ" },
	{ "plain ASCII 15/QĐ-UBND", 0, "plain ASCII 15/QĐ-UBND" },
	{ "", 0, "" },
	/* Invalid UTF-8: one U+FFFD per maximal ill-formed subpart. */
	{ "a\xc0\xaf" "b", 0, "a" FFFD FFFD "b" },		/* overlong '/' */
	{ "\xe0\x80\xaf", 0, FFFD FFFD FFFD },		/* overlong */
	{ "\xed\xa0\x80", 0, FFFD FFFD FFFD },		/* surrogate D800 */
	{ "\xed\xbf\xbf!", 0, FFFD FFFD FFFD "!" },	/* surrogate DFFF */
	{ "\xf4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD },	/* > U+10FFFF */
	{ "Vi\xe1\xbb", 0, "Vi" FFFD },			/* truncated ệ */
	{ "\xe1\xbb" "x", 0, FFFD "x" },
	{ "\x80\xbf", 0, FFFD FFFD },			/* stray */
	{ "\xff\xfe", 0, FFFD FFFD },
	{ "a\0b", 3, "a" FFFD "b" },
};

static void
test_nfc_table(void **state)
{
	size_t	 i, len;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof nfc_cases / sizeof nfc_cases[0]; i++) {
		len = nfc_cases[i].len ? nfc_cases[i].len :
		    strlen(nfc_cases[i].in);
		r = vt_text_nfc(nfc_cases[i].in, len);
		if (strcmp(r, nfc_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, r,
			    nfc_cases[i].want);
		assert_true(vt_text_valid_utf8(r, strlen(r)));
		free(r);
	}
}

static void
test_nfc_respects_length(void **state)
{
	char	*r;

	(void)state;
	r = vt_text_nfc("Hà Nội, ngày", strlen("Hà Nội"));
	assert_string_equal(r, "Hà Nội");
	free(r);
}

struct valid_case {
	const char	*s;
	bool		 valid;
};

static const struct valid_case valid_cases[] = {
	{ "Trích yếu", true },
	{ "中文 👍", true },
	{ "\xc2\x80", true },			/* U+0080 is valid UTF-8 */
	{ "\xef\xbf\xbf", true },		/* U+FFFF */
	{ "\xf4\x8f\xbf\xbf", true },		/* U+10FFFF */
	{ "\xc1\xbf", false },			/* overlong */
	{ "\xe0\x9f\xbf", false },		/* overlong */
	{ "\xf0\x8f\xbf\xbf", false },		/* overlong */
	{ "\xed\xa0\x80", false },		/* surrogate */
	{ "\xf4\x90\x80\x80", false },		/* too large */
	{ "\xf5\x80\x80\x80", false },
	{ "\xe1\xbb", false },			/* truncated */
	{ "\x80", false },
};

static void
test_valid_utf8(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
		if (vt_text_valid_utf8(valid_cases[i].s,
		    strlen(valid_cases[i].s)) != valid_cases[i].valid)
			fail_msg("case %zu: wrong validity", i);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nfc_table),
		cmocka_unit_test(test_nfc_respects_length),
		cmocka_unit_test(test_valid_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
