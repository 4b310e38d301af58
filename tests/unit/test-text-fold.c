/* Unit tests for lib/text-fold.c: search folding and matching with the
 * position mapped back to the original text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/text.h"

struct fold_case {
	const char	*in;
	const char	*want;
};

static const struct fold_case fold_cases[] = {
	{ "Hoằng Hóa", "hoang hoa" },
	{ "HOẰNG HOÁ", "hoang hoa" },
	{ "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a", "hoang hoa" },	/* NFD */
	{ "hoang hoa", "hoang hoa" },
	/* Words spelled both ways in Decree 30/2020/NĐ-CP itself. */
	{ "hỏa tốc", "hoa toc" },
	{ "hoả tốc", "hoa toc" },
	{ "Ủy ban", "uy ban" },
	{ "Uỷ ban", "uy ban" },
	{ "ủy quyền", "uy quyen" },
	{ "uỷ quyền", "uy quyen" },
	{ "thủy lợi", "thuy loi" },
	{ "thuỷ lợi", "thuy loi" },
	{ "khỏe", "khoe" },
	{ "khoẻ", "khoe" },
	{ "Bản thỏa thuận", "ban thoa thuan" },
	{ "Bản thoả thuận", "ban thoa thuan" },
	{ "Đà Nẵng", "da nang" },
	{ "ĐẮK LẮK", "dak lak" },
	{ "Ðồng (Ð U+00D0)", "dong (d u+00d0)" },
	{ "15/QĐ-UBND", "15/qd-ubnd" },
	{ "Quyết  định\n\tsố", "quyet dinh so" },
	{ "nhà\xc2\xa0văn", "nha van" },		/* NBSP */
	{ "văn\xc2\xad" "bản", "vanban" },		/* soft hyphen */
	{ "Ưu tiên Ơn Ấy", "uu tien on ay" },
	{ "Straße", "strasse" },
	{ "中文", "中文" },
	{ "bad\xff", "bad\xef\xbf\xbd" },
	{ "", "" },
};

static void
test_fold_table(void **state)
{
	size_t	 i;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof fold_cases / sizeof fold_cases[0]; i++) {
		r = vt_text_fold(fold_cases[i].in, strlen(fold_cases[i].in),
		    NULL);
		if (strcmp(r, fold_cases[i].want) != 0)
			fail_msg("case %zu \"%s\": got \"%s\", want \"%s\"", i,
			    fold_cases[i].in, r, fold_cases[i].want);
		free(r);
	}
}

static void
test_fold_map(void **state)
{
	size_t	*map, i;
	char	*r;
	const size_t want_nfc[] = { 0, 1, 3, 4 };	/* H ó(2 bytes) a, end */
	const size_t want_nfd[] = { 0, 1, 4, 5 };	/* H o ́ a, end */
	const char *s = "Đức";				/* Đ(2) ứ(3) c */
	const size_t want_duc[] = { 0, 2, 5, 6 };

	(void)state;
	r = vt_text_fold("Hóa", strlen("Hóa"), &map);
	assert_string_equal(r, "hoa");
	for (i = 0; i < 4; i++)
		assert_int_equal(map[i], want_nfc[i]);
	free(r);
	free(map);
	r = vt_text_fold("Ho\xcc\x81" "a", 5, &map);
	assert_string_equal(r, "hoa");
	for (i = 0; i < 4; i++)
		assert_int_equal(map[i], want_nfd[i]);
	free(r);
	free(map);
	r = vt_text_fold(s, strlen(s), &map);
	assert_string_equal(r, "duc");
	for (i = 0; i < 4; i++)
		assert_int_equal(map[i], want_duc[i]);
	free(r);
	free(map);
}

struct find_case {
	const char	*hay;
	const char	*needle;
	const char	*match;	/* the matched original text, NULL: none */
};

static const struct find_case find_cases[] = {
	{ "Quyết định về việc Hoằng Hóa", "hoang hoa", "Hoằng Hóa" },
	{ "UBND HUYỆN HOẰNG HOÁ", "hoằng hóa", "HOẰNG HOÁ" },
	{ "xã Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a.", "HOANG HOA",
	    "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a" },
	{ "Ủy ban nhân dân tỉnh", "UỶ BAN", "Ủy ban" },
	{ "Giấy ủy quyền", "uỷ quyền", "ủy quyền" },
	{ "công trình thuỷ lợi", "thủy", "thuỷ" },
	{ "chăm sóc sức khỏe", "khoẻ", "khỏe" },
	{ "Công điện hỏa tốc", "hoả tốc", "hỏa tốc" },
	{ "Sở Tài chính", "tai  chinh", "Tài chính" },
	{ "Đường Lê Lợi", "duong", "Đường" },
	{ "15/QĐ-UBND", "qd-ubnd", "QĐ-UBND" },
	/* The match ends after the marks that follow its last letter. */
	{ "Ho\xcc\x81" "a", "ho", "Ho\xcc\x81" },
	{ "Hoằng Hóa", "hoa hoang", NULL },
	{ "Khoa học", "toán", NULL },
	{ "Hà Nội", "hanoi", NULL },
};

static void
test_find_table(void **state)
{
	size_t		 i, start, end;
	const char	*at;
	bool		 ok;

	(void)state;
	for (i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
		const struct find_case *c = &find_cases[i];

		ok = vt_text_find(c->hay, c->needle, &start, &end);
		if (c->match == NULL) {
			if (ok)
				fail_msg("case %zu: unexpected match", i);
			continue;
		}
		if (!ok)
			fail_msg("case %zu: \"%s\" not found in \"%s\"", i,
			    c->needle, c->hay);
		at = strstr(c->hay, c->match);
		assert_non_null(at);
		assert_int_equal(start, (size_t)(at - c->hay));
		assert_int_equal(end, start + strlen(c->match));
	}
}

static void
test_find_empty_needle(void **state)
{
	size_t	start = 9, end = 9;

	(void)state;
	assert_true(vt_text_find("Hà Nội", "  ", &start, &end));
	assert_int_equal(start, 0);
	assert_int_equal(end, 0);
	assert_true(vt_text_find("Hà Nội", "", NULL, NULL));
}

static void
test_query_words_any_order(void **state)
{
	struct vt_text_query	*q;
	size_t			 start, end;
	const char		*s = "UBND huyện Hoằng Hóa";

	(void)state;
	q = vt_text_query_new_flags("hoa hoang", VT_QUERY_WORDS);
	assert_false(vt_text_query_empty(q));
	assert_true(vt_text_query_match(q, s, strlen(s), &start, &end));
	/* The leftmost matched word is reported: "hoa" first occurs as
	 * the start of "Hoằng" (h-o-a-ng). */
	assert_int_equal(start, (size_t)(strstr(s, "Hoằng") - s));
	assert_false(vt_text_query_match(q, "Hóa", strlen("Hóa"), NULL,
	    NULL));
	vt_text_query_free(q);

	q = vt_text_query_new_flags("hóa hoằng", VT_QUERY_WORDS |
	    VT_QUERY_WORD_START);
	assert_true(vt_text_query_match(q, s, strlen(s), &start, &end));
	/* "hoa" is also a prefix of the word "Hoằng": the leftmost. */
	assert_int_equal(start, (size_t)(strstr(s, "Hoằng") - s));
	assert_int_equal(end, start + strlen("Hoằ"));
	assert_false(vt_text_query_match(q, "Khoa Thoáng", strlen("Khoa Thoáng"),
	    NULL, NULL));
	vt_text_query_free(q);
}

static void
test_query_word_start(void **state)
{
	struct vt_text_query	*q;
	size_t			 start, end;
	const char		*s = "Khoa học và Hóa học";

	(void)state;
	q = vt_text_query_new_flags("hoa", VT_QUERY_WORD_START);
	assert_true(vt_text_query_match(q, s, strlen(s), &start, &end));
	assert_int_equal(start, (size_t)(strstr(s, "Hóa") - s));
	assert_int_equal(end, start + strlen("Hóa"));
	assert_false(vt_text_query_match(q, "Khoa", 4, NULL, NULL));
	vt_text_query_free(q);
	q = vt_text_query_new("hoa");
	assert_true(vt_text_query_match(q, "Khoa", 4, &start, &end));
	assert_int_equal(start, 1);
	vt_text_query_free(q);
}

static void
test_query_respects_length(void **state)
{
	struct vt_text_query	*q;
	const char		*s = "Hà Nội, Hải Phòng";

	(void)state;
	q = vt_text_query_new("hai phong");
	assert_true(vt_text_query_match(q, s, strlen(s), NULL, NULL));
	assert_false(vt_text_query_match(q, s, strlen("Hà Nội, Hải"), NULL,
	    NULL));
	vt_text_query_free(q);
}

/* Subjects longer than the internal stack buffer take the heap path. */
static void
test_query_long_subject(void **state)
{
	struct vt_text_query	*q;
	size_t			 i, start, end, n = strlen("Thanh Hóa "), len;
	char			*s;

	(void)state;
	s = malloc(n * 2000 + 32);
	assert_non_null(s);
	for (i = 0; i < 2000; i++)
		memcpy(s + i * n, "Thanh Hóa ", n);
	strcpy(s + 2000 * n, "Quảng Xương");
	len = strlen(s);
	q = vt_text_query_new("QUANG XUONG");
	assert_true(vt_text_query_match(q, s, len, &start, &end));
	assert_int_equal(start, 2000 * n);
	assert_int_equal(end, len);
	vt_text_query_free(q);
	free(s);
}

/* Pre-folded keys match as the original text does. */
static void
test_query_match_key(void **state)
{
	static const char *const subjects[] = {
		"UBND huyện Hoằng Hóa", "HOẰNG HOÁ", "Khoa học", "thuỷ lợi",
		"Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a", "",
	};
	static const char *const queries[] = { "hoang hoa", "hoa", "thủy",
	    "khoa hoc", "" };
	struct vt_text_query	*q;
	size_t			 i, j;
	int			 words;
	char			*key;

	(void)state;
	for (words = 0; words <= VT_QUERY_WORDS; words += VT_QUERY_WORDS)
	for (j = 0; j < sizeof queries / sizeof queries[0]; j++) {
		q = vt_text_query_new_flags(queries[j], words |
		    VT_QUERY_WORD_START);
		for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
			key = vt_text_fold(subjects[i], strlen(subjects[i]),
			    NULL);
			assert_int_equal(vt_text_query_match_key(q, key,
			    strlen(key)), vt_text_query_match(q, subjects[i],
			    strlen(subjects[i]), NULL, NULL));
			free(key);
		}
		vt_text_query_free(q);
	}
	q = vt_text_query_new("hoang hoa");
	key = vt_text_fold("Hoằng Hóa", strlen("Hoằng Hóa"), NULL);
	assert_true(vt_text_query_match_key(q, key, strlen(key)));
	free(key);
	vt_text_query_free(q);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_map),
		cmocka_unit_test(test_find_table),
		cmocka_unit_test(test_find_empty_needle),
		cmocka_unit_test(test_query_words_any_order),
		cmocka_unit_test(test_query_word_start),
		cmocka_unit_test(test_query_respects_length),
		cmocka_unit_test(test_query_long_subject),
		cmocka_unit_test(test_query_match_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
