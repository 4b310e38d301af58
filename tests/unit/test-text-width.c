/* Unit tests for lib/text-width.c: terminal columns, grapheme clusters
 * (UAX #29) and fitting to a width. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/text.h"

#define ELL "\xe2\x80\xa6"

struct width_case {
	const char	*s;
	int		 cols;
};

static const struct width_case width_cases[] = {
	{ "", 0 },
	{ "Hoằng Hóa", 9 },
	{ "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a", 9 },	/* NFD */
	{ "e\xcc\x82\xcc\x81", 1 },			/* ế in NFD */
	{ "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81", 1 },	/* stacked marks */
	{ "Ủy ban nhân dân", 15 },
	{ "中文", 4 },
	{ "日本語 abc", 10 },
	{ "한국어", 6 },
	{ "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 2 },	/* 한 as jamo */
	{ "\xf0\x9f\x91\x8d", 2 },			/* 👍 */
	{ "\xef\xbc\xa1", 2 },				/* fullwidth A */
	{ "\xe2\x80\xa6", 1 },				/* … */
	{ "\xff", 1 },					/* shown as U+FFFD */
};

static void
test_width_table(void **state)
{
	size_t	i;
	int	w;

	(void)state;
	for (i = 0; i < sizeof width_cases / sizeof width_cases[0]; i++) {
		w = vt_text_width(width_cases[i].s);
		if (w != width_cases[i].cols)
			fail_msg("case %zu: width %d, want %d", i, w,
			    width_cases[i].cols);
	}
}

static void
test_next_cluster(void **state)
{
	const char	*s = "Ho\xcc\x81" "a中\r\nx";
	size_t		 len = strlen(s), off;
	int		 w;

	(void)state;
	off = vt_text_next_cluster(s, len, 0, &w);
	assert_int_equal(off, 1);
	assert_int_equal(w, 1);
	off = vt_text_next_cluster(s, len, off, &w);	/* o + U+0301 */
	assert_int_equal(off, 4);
	assert_int_equal(w, 1);
	off = vt_text_next_cluster(s, len, off, &w);
	assert_int_equal(off, 5);
	off = vt_text_next_cluster(s, len, off, &w);	/* 中 */
	assert_int_equal(off, 8);
	assert_int_equal(w, 2);
	off = vt_text_next_cluster(s, len, off, &w);	/* CR LF: one */
	assert_int_equal(off, 10);
	off = vt_text_next_cluster(s, len, off, &w);
	assert_int_equal(off, len);
	assert_int_equal(vt_text_next_cluster(s, len, len, &w), len);
	assert_int_equal(w, 0);
	/* Back again. */
	assert_int_equal(vt_text_prev_cluster(s, len, len), 10);
	assert_int_equal(vt_text_prev_cluster(s, len, 10), 8);
	assert_int_equal(vt_text_prev_cluster(s, len, 8), 5);
	assert_int_equal(vt_text_prev_cluster(s, len, 5), 4);
	assert_int_equal(vt_text_prev_cluster(s, len, 4), 1);
	assert_int_equal(vt_text_prev_cluster(s, len, 1), 0);
	assert_int_equal(vt_text_prev_cluster(s, len, 0), 0);
}

struct fit_case {
	const char	*s;
	int		 cols;
	int		 flags;
	const char	*want;
};

static const struct fit_case fit_cases[] = {
	{ "Ủy ban nhân dân", 8, 0, "Ủy ban " ELL },
	{ "Ủy ban nhân dân", 15, 0, "Ủy ban nhân dân" },
	{ "Ủy ban nhân dân", 18, 0, "Ủy ban nhân dân   " },
	{ "Ủy ban nhân dân", 18, VT_FIT_NOPAD, "Ủy ban nhân dân" },
	{ "Ủy ban nhân dân", 6, VT_FIT_NOELLIPSIS, "Ủy ban" },
	/* Never cut a base letter from its marks. */
	{ "Ho\xcc\x81" "a Bi\xcc\x80nh", 4, 0, "Ho\xcc\x81" "a" ELL },
	{ "Ho\xcc\x81" "a Bi\xcc\x80nh", 3, 0, "Ho\xcc\x81" ELL },
	/* A wide character that does not fit leaves a space. */
	{ "中文字", 4, 0, "中" ELL " " },
	{ "中文字", 4, VT_FIT_NOPAD, "中" ELL },
	{ "中文字", 5, 0, "中文" ELL },
	{ "中文字", 3, VT_FIT_NOELLIPSIS, "中 " },
	{ "abc", 1, 0, ELL },
	{ "a", 1, 0, "a" },
	{ "abc", 0, 0, "" },
	{ "abc", -3, 0, "" },
	{ "", 3, 0, "   " },
};

static void
test_fit_table(void **state)
{
	size_t	 i;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof fit_cases / sizeof fit_cases[0]; i++) {
		r = vt_text_fit(fit_cases[i].s, fit_cases[i].cols,
		    fit_cases[i].flags);
		if (strcmp(r, fit_cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, r,
			    fit_cases[i].want);
		free(r);
	}
}

/* Without VT_FIT_NOPAD the result is always exactly COLS wide. */
static void
test_fit_is_exact(void **state)
{
	static const char *const strs[] = {
		"Trích yếu: V/v triển khai kế hoạch phòng chống lụt bão",
		"Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a 中文 한국어 \xf0\x9f\x91\x8d",
		"ĐẮK LẮK", "",
	};
	size_t	 i;
	int	 cols;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		for (cols = 1; cols <= 70; cols++) {
			r = vt_text_fit(strs[i], cols, 0);
			assert_int_equal(vt_text_width(r), cols);
			free(r);
			r = vt_text_fit(strs[i], cols, VT_FIT_NOPAD);
			assert_true(vt_text_width(r) <= cols);
			free(r);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_table),
		cmocka_unit_test(test_next_cluster),
		cmocka_unit_test(test_fit_table),
		cmocka_unit_test(test_fit_is_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
