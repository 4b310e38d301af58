/* Unit tests for lib/text-collate.c: Vietnamese dictionary order. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/text.h"

/* Lists in the expected order, each ended by NULL. */
static const char *const alphabet_order[] = {
	"an", "ăn", "ân", "bé", "cá", "dê", "đá", "em", "ếch", "gà", "hè",
	"in", "kê", "lá", "mẹ", "nó", "ong", "ốc", "ơn", "phở", "quê", "rổ",
	"sẻ", "tôi", "ung", "ưng", "ve", "xe", "yến", NULL
};

/* Tones: ngang, huyền, hỏi, ngã, sắc, nặng. */
static const char *const tone_order[] = {
	"ma", "mà", "mả", "mã", "má", "mạ", NULL
};

static const char *const tone_secondary[] = {
	/* Letters decide first; the tone only between equal letters. */
	"ba", "bà", "bá", "bác", "bạc", "bách", "bạch", "ban", "bàn", NULL
};

static const char *const names_order[] = {
	"Lê", "Lê Anh", "Lê Ánh", "Lêa",
	"Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Văn Ánh", "Nguyễn Văn Ân",
	"Nguyễn Văn Bình", "Nguyễn Văn Dũng", "Nguyễn Văn Đức",
	"Nguyễn Văn Hùng", NULL
};

static const char *const organs_order[] = {
	"Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Tài chính",
	"Sở Y tế", "Ủy ban nhân dân xã Hoằng Đạo",
	"Ủy ban nhân dân xã Hoằng Đông", "Ủy ban nhân dân xã Hoằng Đức",
	"Ủy ban nhân dân xã Hoằng Giang", NULL
};

static const char *const case_order[] = {
	/* Lower case first, then upper case; digits before letters. */
	"15/QĐ-UBND", "an", "An", "AN", "ăn", NULL
};

static void
check_order(const char *const *list)
{
	size_t	i;

	for (i = 0; list[i] != NULL && list[i + 1] != NULL; i++) {
		if (vt_text_collate(list[i], list[i + 1]) >= 0)
			fail_msg("\"%s\" should sort before \"%s\"", list[i],
			    list[i + 1]);
		if (vt_text_collate(list[i + 1], list[i]) <= 0)
			fail_msg("\"%s\" should sort after \"%s\"",
			    list[i + 1], list[i]);
		assert_int_equal(vt_text_collate(list[i], list[i]), 0);
	}
}

static int
cmp(const void *a, const void *b)
{
	return vt_text_collate(*(const char *const *)a,
	    *(const char *const *)b);
}

/* Shuffle deterministically, qsort, and expect the list back. */
static void
check_qsort(const char *const *list)
{
	const char	*v[64];
	size_t		 n, i, j;
	const char	*t;

	for (n = 0; list[n] != NULL; n++)
		v[n] = list[n];
	for (i = 0; i < n; i++) {
		j = (i * 7 + 3) % n;
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	qsort(v, n, sizeof v[0], cmp);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], list[i]);
}

static void
test_orders(void **state)
{
	const char *const *lists[] = { alphabet_order, tone_order,
	    tone_secondary, names_order, organs_order, case_order };
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		check_order(lists[i]);
		check_qsort(lists[i]);
	}
}

static void
test_equal_and_near_equal(void **state)
{
	(void)state;
	/* NFD and NFC of the same text are equal. */
	assert_int_equal(vt_text_collate("Hoằng Hóa",
	    "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a"), 0);
	/* Old and new tone placement differ only at the last level. */
	assert_int_not_equal(vt_text_collate("Thanh Hóa", "Thanh Hoá"), 0);
	assert_true(vt_text_collate("Thanh Hóa", "Thanh Hoa") > 0);
	assert_true(vt_text_collate("Thanh Hoá", "Thanh Hoa") > 0);
	assert_true(vt_text_collate("Thanh Hóa", "Thanh Hoạ") < 0);
	assert_true(vt_text_collate("Thanh Hoá", "Thanh Hoạ") < 0);
	/* đ after every d, whatever follows. */
	assert_true(vt_text_collate("Dương", "Đà") < 0);
	assert_true(vt_text_collate("dz", "đa") < 0);
}

static void
test_keys_sort_like_collate(void **state)
{
	char	*a, *b;
	size_t	 i;

	(void)state;
	for (i = 0; names_order[i + 1] != NULL; i++) {
		a = vt_text_collate_key(names_order[i]);
		b = vt_text_collate_key(names_order[i + 1]);
		assert_true(strcmp(a, b) < 0);
		free(a);
		free(b);
	}
}

static int
cmp_person(const void *a, const void *b)
{
	return vt_text_collate_person(*(const char *const *)a,
	    *(const char *const *)b);
}

/* Lists of people: by given name, then family name and middle names. */
static void
test_person_order(void **state)
{
	static const char *const people[] = {
		"Trần Văn An", "Lê Thị Ánh", "Lê Thị Bình", "Nguyễn Văn Bình",
		"Phạm Văn Chiến", "Đỗ Thị Dung", "Hoàng Văn Đức", "Nguyễn Đức Hải",
		"Lê Đình Khôi", "Vũ Thị Ư", NULL
	};
	const char	*v[16];
	size_t		 n, i;

	(void)state;
	for (n = 0; people[n] != NULL; n++)
		v[n] = people[n];
	for (i = 0; i + 1 < n; i++)
		assert_true(vt_text_collate_person(people[i], people[i + 1]) <
		    0);
	/* Reverse, sort, expect the list back. */
	for (i = 0; i < n / 2; i++) {
		const char *t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
	qsort(v, n, sizeof v[0], cmp_person);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], people[i]);
	assert_int_equal(vt_text_collate_person("Lê Thị Bình ",
	    "Lê Thị Bình"), vt_text_collate("Lê Thị Bình ", "Lê Thị Bình"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders),
		cmocka_unit_test(test_equal_and_near_equal),
		cmocka_unit_test(test_keys_sort_like_collate),
		cmocka_unit_test(test_person_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
