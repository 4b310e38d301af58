/*
 * Unit tests for the cached inbox with prefolded search keys
 * (lib/cache.c, lib/model-search.c, vt_text_query_narrows): the cache
 * round-trips every field, an inbox written by the previous format is
 * read and upgraded without losing anything, and searching the folded
 * keys gives exactly the answers of folding every row, on a held set of
 * Vietnamese documents and queries.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vanthu/buf.h"
#include "vanthu/cache.h"
#include "vanthu/file.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "doc-check.h"

static const char *const organs[] = {
	"UBND huyện Hoằng Hóa", "Sở Khoa học và Công nghệ",
	"ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Phòng Tài nguyên và Môi trường",
	"Công an xã Hoằng Quý", "Trường THCS Đông Khê",
	"Sở Y tế", "Huyện ủy Thọ Xuân",
};

static const char *const subjects[] = {
	"Về việc triển khai kế hoạch phòng, chống thiên tai năm 2026",
	"V/v báo cáo kết quả thực hiện Quyết định số 15/QĐ-UBND",
	"Giấy mời dự hội nghị tổng kết công tác thủy lợi",
	"Về việc tăng cường quản lý đất đai trên địa bàn xã",
	"Thông báo lịch tiếp công dân của Chủ tịch UBND huyện",
	"Kế hoạch tiêm chủng mở rộng, khỏe mạnh cho trẻ em",
	"Về việc đôn đốc nộp báo cáo thuỷ sản quý IV",
	"Hướng dẫn chuyển đổi số cấp xã (Đề án 06)",
	"Công điện hỏa tốc về ứng phó bão số 3",
	"Quyết định phê duyệt danh sách hộ nghèo, hộ cận nghèo",
};

static const char *const notations[] = {
	"15/QĐ-UBND", "203/UBND-VP", "07/KH-UBND", "", "1234/SYT-NVY",
};

static const char *const queries[] = {
	"hoang hoa", "HOẰNG HOÁ", "hoa", "khoa", "uy ban", "ủy ban",
	"thuy loi", "thủy lợi", "thuỷ", "khoe", "khỏe", "dat dai", "đất đai",
	"ddat", "15/qd", "qđ-ubnd", "bao so 3", "so 3 bao", "ho ngheo",
	"can ngheo", "chuyen doi so", "06", "203", "quy iv", "Đông Khê",
	"dong", "th", "x", "1", "   ", "", "ubnd", "uy", "cong dien",
	"hỏa tốc", "hoả tốc", "truong thcs",
};

#define NDOCS	80

/* A held set of documents (strings owned by the list). */
static void
make_docs(struct vt_doc_list *l)
{
	struct vt_doc	d;
	int		i;

	memset(l, 0, sizeof *l);
	for (i = 0; i < NDOCS; i++) {
		memset(&d, 0, sizeof d);
		d.id = xasprintf("doc-%03d", i);
		d.code_number = xstrdup(i % 3 == 0 ? "" : "15");
		d.code_notation = i % 4 == 0 ? NULL : xstrdup("QĐ-UBND");
		d.number_notation = xstrdup(notations[i % 5]);
		d.type_code = xstrdup("QD");
		d.type_name = xstrdup("Quyết định");
		d.issued_date = i % 7 == 0 ? NULL : xasprintf("2026-%02d-%02d",
		    1 + i % 12, 1 + i % 28);
		d.promulgation_place = xstrdup("Thanh Hóa");
		d.organ.organ_id = xstrdup("000.00.01.H56");
		d.organ.organ_name = xstrdup(organs[i % 8]);
		d.subject = xstrdup(subjects[(i * 7) % 10]);
		d.signer.competence = xstrdup("KT.");
		d.signer.position = xstrdup("Phó Chủ tịch");
		d.signer.full_name = i % 5 == 0 ? NULL :
		    xstrdup("Nguyễn Văn Hùng");
		d.urgency = i % 5;
		d.due_date = i % 2 ? xstrdup("2026-12-20") : NULL;
		d.arrival_number = i % 6 == 0 ? 0 : 1000 + i;
		d.arrival_date = xasprintf("2026-11-%02dT08:00:00+07:00",
		    1 + i % 28);
		d.page_amount = 1 + i % 9;
		d.status = xstrdup(i % 3 == 0 ? "01" : "03");
		d.read = i % 2 == 0;
		d.mine = i % 3 == 1;
		d.attachment_count = i % 4;
		d.updated_at = xstrdup("2026-11-30T10:00:00+07:00");
		vt_doc_list_push(l, &d);
	}
}

static char *
first_line(const char *dir)
{
	struct vt_buf	 b;
	char		*path = xasprintf("%s/inbox", dir), *nl, *s;

	vt_buf_init(&b);
	assert_int_equal(vt_file_read(path, 1 << 24, &b, NULL), VT_OK);
	nl = memchr(b.data, '\n', b.len);
	assert_non_null(nl);
	s = xstrndup(b.data, (size_t)(nl - b.data));
	vt_buf_free(&b);
	free(path);
	return s;
}

/* The cache gives back every field, in order, with the sync token. */
static void
test_round_trip(void **state)
{
	struct vt_doc_list	 in, out = { 0 };
	struct vt_cache		*c;
	char			*dir = test_tmpdir("perf"), *tok = NULL, *head;
	size_t			 i;

	(void)state;
	make_docs(&in);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &in, "tok-42", NULL), VT_OK);
	head = first_line(dir);
	assert_string_equal(head, "vanthu-inbox 2\ttok-42");
	free(head);
	assert_int_equal(vt_cache_inbox_load(c, &out, &tok, NULL), VT_OK);
	assert_string_equal(tok, "tok-42");
	assert_int_equal(out.n, in.n);
	for (i = 0; i < in.n; i++) {
		char *key = vt_doc_search_key(&in.items[i]);

		assert_same_doc(&in.items[i], &out.items[i], false);
		/* The key stored is the fold of the search text. */
		assert_non_null(out.items[i].search_key);
		assert_string_equal(out.items[i].search_key, key);
		free(key);
	}
	free(tok);
	vt_doc_list_clear(&in);
	vt_doc_list_clear(&out);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* An inbox main wrote (format 1) is read, then upgraded, losing nothing. */
static void
test_upgrade_from_v1(void **state)
{
	struct vt_doc_list	 in, out = { 0 };
	struct vt_cache		*c;
	char			*dir = test_tmpdir("perf"), *tok = NULL, *head;
	bool			 up = false;
	size_t			 i;
	int			 pass;

	(void)state;
	make_docs(&in);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	write_inbox_v1(dir, &in, "old-token");
	for (pass = 0; pass < 2; pass++) {
		/* Read as it is, then after the upgrade. */
		assert_int_equal(vt_cache_inbox_load(c, &out, &tok, NULL),
		    VT_OK);
		assert_string_equal(tok, "old-token");
		assert_int_equal(out.n, in.n);
		for (i = 0; i < in.n; i++) {
			char *key = vt_doc_search_key(&in.items[i]);

			assert_same_doc(&in.items[i], &out.items[i], false);
			assert_string_equal(out.items[i].search_key, key);
			free(key);
		}
		free(tok);
		tok = NULL;
		vt_doc_list_clear(&out);
		if (pass == 0) {
			assert_int_equal(vt_cache_inbox_upgrade(c, &up, NULL),
			    VT_OK);
			assert_true(up);
			head = first_line(dir);
			assert_string_equal(head, "vanthu-inbox 2\told-token");
			free(head);
		}
	}
	/* Once current, nothing more to do. */
	assert_int_equal(vt_cache_inbox_upgrade(c, &up, NULL), VT_OK);
	assert_false(up);
	vt_doc_list_clear(&in);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* A damaged version-2 line (a field missing) is still refused. */
static void
test_damage_refused(void **state)
{
	struct vt_doc_list	 out = { 0 };
	struct vt_cache		*c;
	char			*dir = test_tmpdir("perf"), *path;
	const char		*bad = "vanthu-inbox 2\tt\nx\ty\n";
	const char		*v3 = "vanthu-inbox 3\tt\n";

	(void)state;
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	path = xasprintf("%s/inbox", dir);
	assert_int_equal(vt_file_write_atomic(path, bad, strlen(bad), 0600,
	    NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &out, NULL, NULL),
	    VT_ERR_DAMAGED);
	assert_int_equal(vt_file_write_atomic(path, v3, strlen(v3), 0600,
	    NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &out, NULL, NULL),
	    VT_ERR_DAMAGED);
	assert_int_equal(out.n, 0);
	free(path);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* A control character or a byte that is not UTF-8 anywhere in a line
   (each place of an 8-byte word: the check reads words) is refused; the
   same file without it loads. */
static void
test_bad_bytes_refused(void **state)
{
	struct vt_doc_list	 in, out = { 0 };
	struct vt_cache		*c;
	struct vt_buf		 b;
	char			*dir = test_tmpdir("perf"), *path, *copy;
	const char		*bad[] = { "\x01", "\x1f", "\x7f\x80", "\xff" };
	size_t			 at, k, line2;

	(void)state;
	make_docs(&in);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &in, "s.1", NULL), VT_OK);
	path = xasprintf("%s/inbox", dir);
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(path, 1 << 24, &b, NULL), VT_OK);
	line2 = (size_t)((char *)memchr(b.data, '\n', b.len) - b.data) + 1;
	/* Inside the first document's subject, "Về việc triển khai ...
	   năm 2026": its ASCII end, so that only the bad byte is wrong. */
	at = (size_t)((char *)memmem(b.data + line2, b.len - line2,
	    "2026\t", 5) - b.data);
	assert_true(at > line2 + 8);
	line2 = at - 8;
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		for (at = line2 + 1; at < line2 + 9; at++) {
			copy = xmalloc(b.len);
			memcpy(copy, b.data, b.len);
			memcpy(copy + at, bad[k], strlen(bad[k]));
			assert_int_equal(vt_file_write_atomic(path, copy, b.len,
			    0600, NULL), VT_OK);
			free(copy);
			assert_int_equal(vt_cache_inbox_load(c, &out, NULL,
			    NULL), VT_ERR_DAMAGED);
			assert_int_equal(out.n, 0);
		}
	}
	assert_int_equal(vt_file_write_atomic(path, b.data, b.len, 0600,
	    NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &out, NULL, NULL), VT_OK);
	assert_int_equal(out.n, NDOCS);
	vt_doc_list_clear(&out);
	vt_doc_list_clear(&in);
	vt_buf_free(&b);
	free(path);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* Searching the prefolded keys answers exactly as folding every row. */
static void
test_prefolded_same_answers(void **state)
{
	struct vt_doc_list	 in, out = { 0 };
	struct vt_cache		*c;
	struct vt_text_query	*q;
	char			*dir = test_tmpdir("perf");
	size_t			 i, k, hits = 0, misses = 0;
	bool			 a, b;

	(void)state;
	make_docs(&in);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &in, "t", NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &out, NULL, NULL), VT_OK);
	for (k = 0; k < sizeof queries / sizeof queries[0]; k++) {
		q = vt_text_search_new(queries[k]);
		for (i = 0; i < in.n; i++) {
			char *text = vt_doc_search_text(&in.items[i]);

			/* The row as main had it (no key) ... */
			assert_null(in.items[i].search_key);
			a = vt_doc_matches(q, &in.items[i]);
			assert_int_equal(a, vt_text_search_match(q, text));
			/* ... and the cached row with its key. */
			assert_non_null(out.items[i].search_key);
			b = vt_doc_matches(q, &out.items[i]);
			assert_int_equal(a, b);
			hits += a;
			misses += !a;
			free(text);
		}
		vt_text_query_free(q);
	}
	/* The set has both answers, so the comparison means something. */
	assert_true(hits > 100 && misses > 100);
	vt_doc_list_clear(&in);
	vt_doc_list_clear(&out);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

static bool
narrows(const char *a, const char *b)
{
	struct vt_text_query	*x = vt_text_search_new(a);
	struct vt_text_query	*y = vt_text_search_new(b);
	bool			 r = vt_text_query_narrows(x, y);

	vt_text_query_free(x);
	vt_text_query_free(y);
	return r;
}

/* Incremental search: what it calls narrowing really only narrows. */
static void
test_narrows(void **state)
{
	static const char *const typed[] = {
		"", "h", "ho", "hoa", "hoan", "hoang", "hoang ", "hoang h",
		"hoang ho", "hoang hoa", "hoằng hóa", "hoa hoang", "t",
		"th", "thu", "thuy", "thuy l", "thủy lợi",
	};
	struct vt_doc_list	 docs;
	struct vt_text_query	*x, *y;
	size_t			 i, j, k, checked = 0;

	(void)state;
	assert_true(narrows("hoa", "hoang"));
	assert_true(narrows("hoang", "hoang hoa"));
	assert_true(narrows("hoa hoang", "hoằng hóa"));
	assert_true(narrows("", "x"));
	assert_false(narrows("hoang", "hoan"));
	assert_false(narrows("hoang dat", "hoang"));
	/* "hoa" starts wherever "hoang" does: still narrower. */
	assert_true(narrows("hoang hoa", "hoang"));
	assert_false(narrows("khoa", "hoa"));
	make_docs(&docs);
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		for (j = 0; j < sizeof typed / sizeof typed[0]; j++) {
			x = vt_text_search_new(typed[i]);
			y = vt_text_search_new(typed[j]);
			if (vt_text_query_narrows(x, y)) {
				for (k = 0; k < docs.n; k++)
					if (vt_doc_matches(y, &docs.items[k]))
						assert_true(vt_doc_matches(x,
						    &docs.items[k]));
				checked++;
			}
			vt_text_query_free(x);
			vt_text_query_free(y);
		}
	}
	assert_true(checked > 30);
	vt_doc_list_clear(&docs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_upgrade_from_v1),
		cmocka_unit_test(test_damage_refused),
		cmocka_unit_test(test_bad_bytes_refused),
		cmocka_unit_test(test_prefolded_same_answers),
		cmocka_unit_test(test_narrows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
