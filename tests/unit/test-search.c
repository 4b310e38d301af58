/* Unit tests for the one search (vt_text_search_new, ranges) and the
 * inbox's filters and sort keys (lib/model-search.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/model.h"
#include "vanthu/text.h"

static bool
finds(const char *q, const char *text)
{
	struct vt_text_query	*query = vt_text_search_new(q);
	bool			 ok = vt_text_search_match(query, text);

	vt_text_query_free(query);
	return ok;
}

static void
test_word_start_any_order(void **state)
{
	(void)state;
	assert_true(finds("uy ban", "Ủy ban nhân dân xã Hoằng Quý"));
	assert_true(finds("uỷ ban", "ỦY BAN NHÂN DÂN"));
	assert_true(finds("ủy ban", "Uỷ ban nhân dân"));
	/* Not inside a word: "uy" of "huyện", "hoa" of "Khoa". */
	assert_false(finds("uỷ ban", "UBND huyện Hoằng Hóa ban hành"));
	assert_false(finds("hoa", "Sở Khoa học"));
	assert_true(finds("hoa hoang", "UBND huyện Hoằng Hóa"));
	assert_true(finds("HOANG HOA", "Hoằng Hoá"));
	assert_true(finds("", "anything"));
	assert_false(finds("hoang", NULL));
	/* Punctuation around a word of the query is not searched; a
	   letter after punctuation starts a word of the text. */
	assert_true(finds("phòng,", "Kế hoạch phòng chống thiên tai"));
	assert_true(finds("/BCH", "Công văn số 15/BCH-TM"));
	assert_true(finds("bch", "Công văn số 15/BCH-TM"));
	assert_true(finds("ubnd", "Quyết định 15/QĐ-UBND"));
	assert_true(finds("QĐ-UBND", "Quyết định 15/QĐ-UBND"));
	assert_true(finds("(06)", "Đề án 06 của Chính phủ"));
	assert_true(finds("15/qđ-ubnd", "Quyết định 15/QĐ-UBND"));
	assert_false(finds("/BCH", "Công văn số 15/BTC"));
	assert_false(finds("qđ-ubnd", "Quyết định 15/KH-UBND"));
	/* Punctuation alone is searched, anywhere. */
	assert_true(finds("/", "Quyết định 15/QĐ-UBND"));
	assert_true(finds("-", "Quyết định 15/QĐ-UBND"));
	assert_false(finds("/", "Giấy mời họp"));
}

static void
test_ranges(void **state)
{
	const char		*t = "UBND huyện Hoằng Hóa, Hoằng Quý";
	struct vt_text_query	*q = vt_text_search_new("hoang hoa");
	struct vt_text_range	 r[8];
	size_t			 n;

	(void)state;
	n = vt_text_query_ranges(q, t, strlen(t), r, 8);
	assert_int_equal(n, 3);
	/* Sorted by start; whole characters, marks included. */
	assert_memory_equal(t + r[0].start, "Hoằng", r[0].end - r[0].start);
	assert_int_equal(r[0].end - r[0].start, strlen("Hoằng"));
	assert_memory_equal(t + r[1].start, "Hóa", strlen("Hóa"));
	assert_int_equal(r[1].end - r[1].start, strlen("Hóa"));
	assert_memory_equal(t + r[2].start, "Hoằng", strlen("Hoằng"));
	assert_true(r[0].start < r[1].start && r[1].start < r[2].start);
	/* At most MAX. */
	assert_int_equal(vt_text_query_ranges(q, t, strlen(t), r, 1), 1);
	vt_text_query_free(q);
	q = vt_text_search_new("");
	assert_int_equal(vt_text_query_ranges(q, t, strlen(t), r, 8), 0);
	vt_text_query_free(q);
	/* Punctuation alone is highlighted where it is, inside words too;
	   a word loses its punctuation ("/quý," is "quý"). */
	t = "Số 15/QĐ-UBND, 16/QĐ-UBND";
	q = vt_text_search_new("/");
	assert_int_equal(vt_text_query_ranges(q, t, strlen(t), r, 8), 2);
	assert_memory_equal(t + r[0].start, "/QĐ", 1);
	assert_memory_equal(t + r[1].start, "/QĐ", 1);
	assert_true(r[0].start < r[1].start);
	vt_text_query_free(q);
	q = vt_text_search_new("-ubnd,");
	assert_int_equal(vt_text_query_ranges(q, t, strlen(t), r, 8), 2);
	assert_memory_equal(t + r[0].start, "UBND", strlen("UBND"));
	assert_int_equal(r[0].end - r[0].start, strlen("UBND"));
	vt_text_query_free(q);
}

static struct vt_doc
doc(const char *id, const char *due, const char *status, long arrival,
    int urgency, const char *organ)
{
	struct vt_doc	d;

	memset(&d, 0, sizeof d);
	d.id = (char *)id;
	d.due_date = (char *)due;
	d.status = (char *)status;
	d.arrival_number = arrival;
	d.urgency = urgency;
	d.organ.organ_name = (char *)organ;
	d.subject = (char *)"Về việc kiện toàn Ủy ban";
	d.number_notation = (char *)"15/QĐ-UBND";
	return d;
}

static void
test_due_within_and_matches(void **state)
{
	struct vt_doc		 a = doc("i1", "2026-12-02", "03", 5, 0, "Sở");
	struct vt_doc		 b = doc("i2", "2026-12-05", "03", 6, 1, "Ban");
	struct vt_doc		 c = doc("i3", "2026-12-01", "03", 7, 0, "An");
	struct vt_doc		 d = doc("i4", "2026-12-03", "06", 8, 0, "An");
	struct vt_text_query	*q;

	(void)state;
	assert_true(vt_doc_due_within(&a, "2026-12-02", 0));
	assert_false(vt_doc_due_within(&b, "2026-12-02", 2));
	assert_true(vt_doc_due_within(&b, "2026-12-02", 3));
	assert_false(vt_doc_due_within(&c, "2026-12-02", 30));	/* overdue */
	assert_false(vt_doc_due_within(&d, "2026-12-02", 30));	/* done */
	q = vt_text_search_new("uy ban 15");
	assert_true(vt_doc_matches(q, &a));
	vt_text_query_free(q);
	q = vt_text_search_new("huyen");
	assert_false(vt_doc_matches(q, &a));
	vt_text_query_free(q);
	assert_true(vt_doc_matches(NULL, &a));
}

static void
test_sort_keys(void **state)
{
	struct vt_doc		 a = doc("i1", "2026-12-09", "03", 5, 0, "Sở");
	struct vt_doc		 b = doc("i2", NULL, "03", 6, 3, "Ban");
	struct vt_doc		 c = doc("i3", "2026-12-01", "03", 0, 1, "An");
	enum vt_doc_sort	 k;

	(void)state;
	assert_true(vt_doc_compare(&c, &a, VT_SORT_DUE) < 0);
	assert_true(vt_doc_compare(&a, &b, VT_SORT_DUE) < 0);	/* none last */
	assert_true(vt_doc_compare(&b, &a, VT_SORT_ARRIVAL) < 0);
	assert_true(vt_doc_compare(&a, &c, VT_SORT_ARRIVAL) < 0); /* 0 last */
	assert_true(vt_doc_compare(&b, &c, VT_SORT_URGENCY) < 0);
	assert_true(vt_doc_compare(&c, &b, VT_SORT_ORGAN) < 0);
	assert_true(vt_doc_compare(&b, &a, VT_SORT_ORGAN) < 0);
	assert_true(vt_doc_sort_parse("due", &k) && k == VT_SORT_DUE);
	assert_false(vt_doc_sort_parse("size", &k));
	assert_string_equal(vt_doc_sort_name(VT_SORT_ORGAN), "organ");
}

/* Keys "a", "aa", "aaa"...: item I has I + 1 letters. */
#define NKEYS	300
static char	keys[NKEYS + 1];

static const char *
a_key(void *ctx, uint32_t item, size_t *len)
{
	(void)ctx;
	*len = item + 1;
	return keys;
}

/*
 * The incremental search's stack is deeper than it can hold (a word of
 * 300 letters typed, then erased): every answer is still exact, those
 * kept given back without matching.
 */
static void
test_isearch_deep(void **state)
{
	struct vt_isearch	*s = vt_isearch_new(a_key, NULL);
	uint32_t		 items[NKEYS];
	const uint32_t		*got;
	char			 q[NKEYS + 1];
	size_t			 k, i, count, before;

	(void)state;
	memset(keys, 'a', NKEYS);
	for (i = 0; i < NKEYS; i++)
		items[i] = (uint32_t)i;
	vt_isearch_items(s, items, NKEYS);
	for (k = 1; k <= 2 * NKEYS; k++) {
		/* Typed up to NKEYS letters, then erased. */
		size_t	len = k <= NKEYS ? k : 2 * NKEYS - k;

		memset(q, 'a', len);
		q[len] = '\0';
		before = vt_isearch_matched(s);
		got = vt_isearch_run(s, q, &count);
		/* "a" x LEN finds the keys of LEN letters or more. */
		assert_int_equal(count, len == 0 ? NKEYS : NKEYS - len + 1);
		for (i = 0; i < count; i++)
			assert_int_equal(got[i], len == 0 ? i : len - 1 + i);
		/* The last answers typed are still on the stack. */
		if (k > NKEYS && len >= NKEYS / 2)
			assert_int_equal(vt_isearch_matched(s), before);
	}
	/* Empty and white space: every item, in order. */
	got = vt_isearch_run(s, " \t ", &count);
	assert_int_equal(count, NKEYS);
	assert_int_equal(got[NKEYS - 1], NKEYS - 1);
	vt_isearch_free(s);
	vt_isearch_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_start_any_order),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_due_within_and_matches),
		cmocka_unit_test(test_sort_keys),
		cmocka_unit_test(test_isearch_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
