/*
 * Unit tests for the compact inbox (lib/model-inbox.c, issue 17): on a
 * held set of 10,000 Vietnamese documents, the compact model gives the
 * same rows, the same sort orders and the same filters (due, overdue,
 * unread, urgency, mine, awaiting registration) and search answers as
 * the reference computation on the full documents (vt_cache_inbox_load,
 * vt_doc_compare, vt_doc_overdue, vt_doc_due_within, vt_doc_matches and
 * folding every row's text); an inbox of format 1 gives the same; a
 * reader keeps its rows while another process replaces the file; a
 * damaged, truncated or shortened file gives VT_ERR_DAMAGED with a
 * message, never a crash.  The index kept beside the inbox
 * (inbox.idx) gives the same answers as the inbox's lines, and one
 * that is damaged, of another inbox, or points outside is not used.
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

#include "vanthu/cache.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "doc-check.h"

#define NDOCS	10000

static const char *const organs[] = {
	"UBND huyện Hoằng Hóa", "Sở Khoa học và Công nghệ",
	"ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Phòng Tài nguyên và Môi trường",
	"Công an xã Hoằng Quý", "Trường THCS Đông Khê", "Sở Y tế",
	"Huyện ủy Thọ Xuân", "UBND huyện Hoằng Hoá", "ubnd huyện hoằng hóa",
	"Ban Chỉ huy Quân sự huyện", "Đảng ủy xã Hoằng Quý", "",
	"Ấp Bắc", "Ủy ban MTTQ Việt Nam xã",
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
	"Công văn về việc rà soát hồ sơ đất ở, đất nông nghiệp",
	"Tờ trình xin chủ trương sửa chữa trường Mầm non Hoằng Quý",
};

static const char *const notations[] = {
	"15/QĐ-UBND", "203/UBND-VP", "07/KH-UBND", "", "1234/SYT-NVY",
	"88/CĐ-UBND", "5/TB-HU",
};

/* Deadlines: dates, times with offsets (some fall on another day in
   Vietnam), and none. */
static const char *const dues[] = {
	"2026-12-01", "2026-12-02", "2026-12-03", "2026-12-09",
	"2026-11-15", "2027-01-10", "2026-12-02T23:30:00Z",
	"2026-12-01T17:30:00Z", "2026-12-05T08:00:00+07:00", NULL, "",
};

static const char *const statuses[] = {
	"01", "02", "03", "04", "05", "06",
};

static const char *const queries[] = {
	"hoang hoa", "HOẰNG HOÁ", "hoa", "khoa", "uy ban", "ủy ban",
	"thuy loi", "thủy lợi", "thuỷ", "khoe", "khỏe", "dat dai", "đất đai",
	"ddat", "15/qd", "qđ-ubnd", "bao so 3", "so 3 bao", "ho ngheo",
	"can ngheo", "chuyen doi so", "06", "203", "quy iv", "Đông Khê",
	"dong", "th", "x", "1", "   ", "", "ubnd", "uy", "cong dien",
	"hỏa tốc", "hoả tốc", "truong thcs", "ấp bắc", "mam non", "1004",
};

static const char *const todays[] = {
	"2026-12-02", "2026-11-01", "2027-02-01",
};

static const int due_days[] = { -1, 0, 3, 30 };

/* The held documents, from the tables above (strings owned by L). */
static void
make_docs(struct vt_doc_list *l)
{
	struct vt_doc	d;
	unsigned	i;

	memset(l, 0, sizeof *l);
	for (i = 0; i < NDOCS; i++) {
		memset(&d, 0, sizeof d);
		d.id = xasprintf("i%05u", (i * 7919u) % 100003u);
		d.code_number = xstrdup(i % 3 == 0 ? "" : "15");
		d.code_notation = i % 4 == 0 ? NULL : xstrdup("QĐ-UBND");
		d.number_notation = xstrdup(notations[i % 7]);
		d.type_code = xstrdup("QD");
		d.type_name = xstrdup("Quyết định");
		d.issued_date = i % 7 == 0 ? NULL : i % 11 == 0 ? xstrdup("") :
		    xasprintf("2026-%02u-%02u", 1 + i % 12, 1 + (i / 3) % 28);
		d.promulgation_place = xstrdup("Thanh Hóa");
		d.organ.organ_id = xstrdup("000.00.01.H56");
		d.organ.organ_name = xstrdup(organs[(i / 2) % 15]);
		d.subject = xasprintf("%s (%u)", subjects[(i * 7) % 12],
		    i % 50);
		d.signer.competence = xstrdup("KT.");
		d.signer.position = xstrdup("Phó Chủ tịch");
		d.signer.full_name = i % 5 == 0 ? NULL :
		    xstrdup("Nguyễn Văn Hùng");
		d.urgency = (enum vt_urgency)(i % 5);
		d.due_date = dues[(i / 3) % 11] != NULL ?
		    xstrdup(dues[(i / 3) % 11]) : NULL;
		d.arrival_number = i % 6 == 0 ? 0 : 1000 + (i * 31) % 5000;
		d.arrival_date = xasprintf("2026-11-%02uT08:00:00+07:00",
		    1 + i % 28);
		d.page_amount = 1 + i % 9;
		d.status = xstrdup(statuses[(i / 5) % 6]);
		d.read = i % 2 == 0;
		d.mine = i % 3 == 1;
		d.attachment_count = i % 4;
		d.updated_at = xstrdup("2026-11-30T10:00:00+07:00");
		vt_doc_list_push(l, &d);
	}
}

static enum vt_doc_sort	ref_key;

static int
ref_cmp(const void *a, const void *b)
{
	return vt_doc_compare(a, b, ref_key);
}

/* The reference marks of D, computed on the full document
   (vt_doc_marks and vt_doc_due_within). */
static unsigned
ref_marks(const struct vt_doc *d, const char *today, int days)
{
	unsigned	m = vt_doc_marks(d, today);

	if (days >= 0 && vt_doc_due_within(d, today, days))
		m |= VT_INBOX_DUE;
	return m;
}

/*
 * Everything the compact inbox of CACHE answers is the reference's on
 * REF, the full documents as vt_cache_inbox_load gives them; it was
 * read back from the index if INDEXED, from the inbox's lines if not.
 */
static void
check_model(struct vt_cache *cache, const struct vt_doc_list *ref,
    bool indexed)
{
	struct vt_inbox		*in;
	struct vt_doc		 d, *sorted;
	struct vt_text_query	*q;
	uint32_t		*order;
	size_t			 i, k, n, len, hits = 0, seen[3] = { 0 };
	char			*text;
	const char		*key;
	bool			 a, b, c;
	int			 s, t;

	assert_int_equal(vt_inbox_open(cache, &in, NULL), VT_OK);
	assert_int_equal(vt_inbox_from_index(in), indexed);
	n = vt_inbox_count(in);
	assert_int_equal(n, ref->n);
	assert_true(vt_inbox_current(in));
	/* Rows: the file's order, every field read back. */
	for (i = 0; i < n; i++) {
		assert_string_equal(vt_inbox_id(in, i), ref->items[i].id);
		assert_int_equal(vt_inbox_doc(in, i, &d, NULL), VT_OK);
		assert_same_doc(&d, &ref->items[i], true);
		assert_int_equal(vt_inbox_urgency(in, i),
		    ref->items[i].urgency);
		key = vt_inbox_key(in, i, &len);
		assert_int_equal(len, strlen(ref->items[i].search_key));
		assert_string_equal(key, ref->items[i].search_key);
	}
	/* Sort orders: as qsort with vt_doc_compare. */
	order = xreallocarray(NULL, n + 1, sizeof *order);
	sorted = xreallocarray(NULL, n + 1, sizeof *sorted);
	for (s = 0; s < VT_SORT_LAST; s++) {
		memcpy(sorted, ref->items, n * sizeof *sorted);
		ref_key = (enum vt_doc_sort)s;
		qsort(sorted, n, sizeof *sorted, ref_cmp);
		vt_inbox_sort(in, (enum vt_doc_sort)s, order);
		for (i = 0; i < n; i++)
			assert_string_equal(vt_inbox_id(in, order[i]),
			    sorted[i].id);
	}
	free(sorted);
	free(order);
	/* Filters, on several days and "due within" spans. */
	for (t = 0; t < 3; t++)
		for (k = 0; k < sizeof due_days / sizeof due_days[0]; k++)
			for (i = 0; i < n; i++) {
				unsigned m = vt_inbox_marks(in, i, todays[t],
				    due_days[k]);

				assert_int_equal(m, ref_marks(&ref->items[i],
				    todays[t], due_days[k]));
				seen[0] += (m & VT_INBOX_OVERDUE) != 0;
				seen[1] += (m & VT_INBOX_DUE) != 0;
				seen[2] += (m & VT_INBOX_ARRIVED) != 0;
			}
	/* The held set exercises every filter. */
	assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
	/* Search: the stored keys, the reference, and folding every row's
	   text (before the keys were prefolded) agree. */
	for (k = 0; k < sizeof queries / sizeof queries[0]; k++) {
		q = vt_text_search_new(queries[k]);
		for (i = 0; i < n; i++) {
			a = vt_inbox_matches(in, i, q);
			b = vt_doc_matches(q, &ref->items[i]);
			text = vt_doc_search_text(&ref->items[i]);
			c = vt_text_query_empty(q) ||
			    vt_text_search_match(q, text);
			free(text);
			assert_int_equal(a, b);
			assert_int_equal(a, c);
			hits += a;
		}
		vt_text_query_free(q);
	}
	assert_true(hits > 0 && hits < n * (sizeof queries /
	    sizeof queries[0]));
	vt_inbox_free(in);
}

/* Format 2 (today's) and format 1 (main's before the keys). */
static void
test_same_as_reference(void **state)
{
	struct vt_doc_list	 docs, ref = { 0 };
	struct vt_cache		*c;
	char			*dir = test_tmpdir("inbox-model"), *idx;
	int			 version;

	(void)state;
	make_docs(&docs);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	idx = xasprintf("%s/inbox.idx", dir);
	for (version = 2; version >= 1; version--) {
		if (version == 2)
			assert_int_equal(vt_cache_inbox_save(c, &docs, "tok",
			    NULL), VT_OK);
		else
			write_inbox_v1(dir, &docs, "old-token");
		assert_int_equal(vt_cache_inbox_load(c, &ref, NULL, NULL),
		    VT_OK);
		/* The save made the index; format 1 (written by an older
		   vanthu) has none of its file: read line by line, and the
		   index made then is read back next. */
		check_model(c, &ref, version == 2);
		assert_int_equal(access(idx, F_OK), 0);
		if (version == 2)
			assert_int_equal(unlink(idx), 0);
		check_model(c, &ref, version == 1);
		vt_doc_list_clear(&ref);
	}
	free(idx);
	vt_doc_list_clear(&docs);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* ---- The incremental search (vt_isearch) ---------------------------- */

static const char *
inbox_key(void *ctx, uint32_t item, size_t *len)
{
	return vt_inbox_key(ctx, item, len);
}

/*
 * Sessions of '/' as typed key by key: every string is what the prompt
 * holds after one key.  Without and with diacritics, capitals,
 * decomposed text (NFD), several words, a query that matches nothing
 * then is corrected, a word deleted in the middle, spaces.
 */
static const char *const sessions[][24] = {
	{ "h", "ho", "hoa", "hoan", "hoang", "hoang ", "hoang h",
	  "hoang ho", "hoang hoa", "hoang ho", "hoang h", "hoang ",
	  "hoang", "hoan", "hoa", "ho", "h", "", NULL },
	{ "h", "ho", "hoằ", "hoằn", "hoằng", "hoằng ", "hoằng h",
	  "hoằng hó", "hoằng hóa", "hoằng hó", "hoằng h", "hoằng ",
	  "hoằng", "hoằn", "hoằ", "ho", "h", "", NULL },
	{ "H", "HO", "HOẰ", "HOẰNG", "HOẰNG H", "HOẰNG HOÁ", "HOẰNG HO",
	  "HOẰNG", "Hoa\xcc\x80ng", "Hoa\xcc\x80ng Ho\xcc\x81""a", "", NULL },
	{ "t", "th", "thu", "thuy", "thuy ", "thuy l", "thuy lz",
	  "thuy lzi", "thuy lz", "thuy l", "thuy lo", "thuy loi",
	  "thủy lợi", "thuỷ lợi", "thuỷ", "", NULL },
	{ "u", "uy", "uy ", "uy b", "uy ba", "uy ban", "uy ban n",
	  "uy ban nh", "uy ban nhan", "uy ban nhanx", "uy ban nhan",
	  "ủy ban nhân", "ban nhân", "nhân", "nhân dân", "dân", "", NULL },
	{ "hoa hoang", "hoang", "hoa", "hoa hoang", "hoang hoa",
	  "khoa", "hoa", "hoang", "  hoang  ", "hoang   hoa", "   ", "",
	  NULL },
	{ "1", "15", "15/", "15/q", "15/qd", "15/qđ", "15/qđ-", "15/qđ-ubnd",
	  "15/qđ-ubndx", "15/qđ-ubnd", "qđ-ubnd", "203", "1004", "06",
	  "so 3", "so 3 bao", "bao so 3", "", NULL },
	/* Typed on after a Backspace: the answers below stay right. */
	{ "h", "ho", "hoa", "hoan", "hoang", "hoan", "hoa", "hoa ",
	  "hoa t", "hoa th", "hoa t", "hoa ", "hoa", "hoax", "hoaxy",
	  "hoax", "hoa", "", NULL },
	{ "đ", "đấ", "đất", "đất ", "đất đ", "đất đa", "đất đai", "dat dai",
	  "ddat", "dat", "x", "xa", "xã", "", NULL },
	/* Punctuation: around a word, not searched; alone, anywhere (and
	   "/u" does not narrow "/": a Backspace back to "/" searches). */
	{ "/u", "/ub", "/ubnd", "/ub", "/u", "/", "-", "-u", "-ubnd",
	  "phòng", "phòng,", "phòng, ", "phòng, c", "phòng, ch", "(", "(đ",
	  "(đề", "", NULL },
};

/* The reference answer to QUERY among ITEMS (N): each row's text folded
   again and matched; the answer's length. */
static size_t
ref_answer(char **texts, const uint32_t *items, size_t n,
    const char *query, uint32_t *out)
{
	struct vt_text_query	*q = vt_text_search_new(query);
	size_t			 i, k = 0;

	for (i = 0; i < n; i++)
		if (vt_text_query_empty(q) || vt_text_search_match(q,
		    texts[items[i]]))
			out[k++] = items[i];
	vt_text_query_free(q);
	return k;
}

/* Type every session over ITEMS (N): each answer is the reference's,
   and a query typed again in the session gives its answer back without
   matching (a Backspace). */
static void
check_sessions(struct vt_isearch *s, char **texts, const uint32_t *items,
    size_t n, size_t *hits, size_t *empty)
{
	const uint32_t	*got;
	uint32_t	*want = xreallocarray(NULL, n + 1, sizeof *want);
	uint32_t	*seen[24];
	size_t		 nseen[24], k, j, m, count, wn, before;
	bool		 again;

	for (k = 0; k < sizeof sessions / sizeof sessions[0]; k++) {
		vt_isearch_items(s, items, n);
		for (j = 0; sessions[k][j] != NULL; j++) {
			/* A Backspace (the last query went on from this
			   one) back to a query typed earlier? */
			again = j > 0 && strlen(sessions[k][j - 1]) >
			    strlen(sessions[k][j]) && strncmp(sessions[k][j - 1],
			    sessions[k][j], strlen(sessions[k][j])) == 0;
			for (m = 0, wn = 0; again && m + 1 < j; m++)
				wn += strcmp(sessions[k][m],
				    sessions[k][j]) == 0;
			again = again && wn > 0;
			before = vt_isearch_matched(s);
			got = vt_isearch_run(s, sessions[k][j], &count);
			wn = ref_answer(texts, items, n, sessions[k][j], want);
			assert_int_equal(count, wn);
			if (wn > 0)
				assert_memory_equal(got, want,
				    wn * sizeof *want);
			seen[j] = xreallocarray(NULL, count + 1,
			    sizeof *seen[j]);
			memcpy(seen[j], got, count * sizeof *got);
			nseen[j] = count;
			if (again) {
				/* A Backspace back to where it was. */
				assert_int_equal(vt_isearch_matched(s),
				    before);
				for (m = 0; m < j; m++)
					if (strcmp(sessions[k][m],
					    sessions[k][j]) == 0) {
						assert_int_equal(nseen[m],
						    count);
						assert_memory_equal(seen[m],
						    got, count * sizeof *got);
					}
			}
			*hits += count > 0 && count < n;
			*empty += count == 0;
		}
		for (m = 0; m < j; m++)
			free(seen[m]);
	}
	free(want);
}

/*
 * The incremental search on the held inbox answers exactly as folding
 * every row's text again, typed and erased key by key: over every row
 * in the file's order, over a sort order, and over the rows a filter
 * keeps (unread), as the interface gives them.
 */
static void
test_isearch_sessions(void **state)
{
	struct vt_doc_list	 docs, ref = { 0 };
	struct vt_cache		*c;
	struct vt_inbox		*in;
	struct vt_isearch	*s;
	char			*dir = test_tmpdir("inbox-model"), **texts;
	uint32_t		*order, *unread;
	const uint32_t		*got;
	size_t			 i, n, nunread = 0, hits = 0, empty = 0, count;

	(void)state;
	make_docs(&docs);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &docs, "tok", NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &ref, NULL, NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	n = vt_inbox_count(in);
	texts = xreallocarray(NULL, n + 1, sizeof *texts);
	for (i = 0; i < n; i++)
		texts[i] = vt_doc_search_text(&ref.items[i]);
	order = xreallocarray(NULL, n + 1, sizeof *order);
	unread = xreallocarray(NULL, n + 1, sizeof *unread);
	s = vt_isearch_new(inbox_key, in);
	/* No items yet: nothing, whatever the query. */
	got = vt_isearch_run(s, "hoang", &count);
	assert_int_equal(count, 0);
	for (i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	check_sessions(s, texts, order, n, &hits, &empty);
	vt_inbox_sort(in, VT_SORT_ORGAN, order);
	check_sessions(s, texts, order, n, &hits, &empty);
	for (i = 0; i < n; i++)
		if (vt_inbox_marks(in, order[i], "2026-12-02", -1) &
		    VT_INBOX_UNREAD)
			unread[nunread++] = order[i];
	assert_true(nunread > 0 && nunread < n);
	check_sessions(s, texts, unread, nunread, &hits, &empty);
	/* New items in the middle of a search: answers from them only. */
	vt_isearch_items(s, order, n);
	(void)vt_isearch_run(s, "hoang", &count);
	vt_isearch_items(s, unread, nunread);
	got = vt_isearch_run(s, "hoang h", &count);
	assert_int_equal(count, ref_answer(texts, unread, nunread,
	    "hoang h", order));
	assert_memory_equal(got, order, count * sizeof *got);
	/* The sessions have answers of every kind. */
	assert_true(hits > 100 && empty > 5);
	vt_isearch_free(s);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(order);
	free(unread);
	vt_inbox_free(in);
	vt_doc_list_clear(&ref);
	vt_doc_list_clear(&docs);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* A sync in another process renames a new inbox over the old one: the
   reader keeps reading the file it opened. */
static void
test_replaced_while_open(void **state)
{
	struct vt_doc_list	 docs, fewer = { 0 };
	struct vt_cache		*c;
	struct vt_inbox		*in, *in2;
	struct vt_doc		 d;
	char			*dir = test_tmpdir("inbox-model");
	size_t			 i;

	(void)state;
	make_docs(&docs);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &docs, "tok", NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	/* The new inbox: every other document. */
	for (i = 0; i < docs.n; i += 2)
		vt_doc_list_push(&fewer, &docs.items[i]);
	assert_int_equal(vt_cache_inbox_save(c, &fewer, "tok2", NULL), VT_OK);
	assert_false(vt_inbox_current(in));
	for (i = 0; i < vt_inbox_count(in); i += 97) {
		assert_int_equal(vt_inbox_doc(in, i, &d, NULL), VT_OK);
		assert_string_equal(d.id, vt_inbox_id(in, i));
	}
	assert_int_equal(vt_inbox_open(c, &in2, NULL), VT_OK);
	assert_int_equal(vt_inbox_count(in2), fewer.n);
	assert_true(vt_inbox_current(in2));
	vt_inbox_free(in2);
	vt_inbox_free(in);
	/* FEWER's documents were moved from DOCS: cleared once. */
	for (i = 0; i < docs.n; i++)
		if (docs.items[i].id == NULL)
			memset(&docs.items[i], 0, sizeof docs.items[i]);
	vt_doc_list_clear(&fewer);
	vt_doc_list_clear(&docs);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* A file cut short or damaged is refused with a message; a file
   changed in place after it was read gives an error for the rows it
   lost, never a crash. */
static void
test_damaged(void **state)
{
	struct vt_doc_list	 docs;
	struct vt_cache		*c;
	struct vt_inbox		*in;
	struct vt_errbuf	 eb;
	struct vt_doc		 d;
	struct vt_buf		 b;
	char			*dir = test_tmpdir("inbox-model"), *path;
	size_t			 cut, i, bad = 0;
	vt_code			 code;

	(void)state;
	make_docs(&docs);
	docs.n = 300;		/* the rest are cleared with the list */
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &docs, "tok", NULL), VT_OK);
	docs.n = NDOCS;
	path = xasprintf("%s/inbox", dir);
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(path, 1 << 26, &b, NULL), VT_OK);
	/* Cut anywhere but at a line's end: refused. */
	for (cut = 1; cut < b.len; cut += 997) {
		if (b.data[cut - 1] == '\n')
			continue;
		assert_int_equal(vt_file_write_atomic(path, b.data, cut, 0600,
		    NULL), VT_OK);
		memset(&eb, 0, sizeof eb);
		assert_int_equal(vt_inbox_open(c, &in, &eb), VT_ERR_DAMAGED);
		assert_null(in);
		assert_non_null(strstr(eb.detail, "vanthu sync"));
	}
	/* A control byte in a field, and an empty file. */
	b.data[b.len / 2] = '\001';
	assert_int_equal(vt_file_write_atomic(path, b.data, b.len, 0600,
	    NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_ERR_DAMAGED);
	assert_int_equal(vt_file_write_atomic(path, "", 0, 0600, NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_ERR_DAMAGED);
	b.data[b.len / 2] = ' ';
	/* Shortened in place while open: the lost rows say so. */
	assert_int_equal(vt_file_write_atomic(path, b.data, b.len, 0600,
	    NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_int_equal(truncate(path, (off_t)(b.len / 2)), 0);
	for (i = 0; i < vt_inbox_count(in); i++) {
		memset(&eb, 0, sizeof eb);
		code = vt_inbox_doc(in, i, &d, &eb);
		if (code != VT_OK) {
			assert_int_equal(code, VT_ERR_DAMAGED);
			assert_non_null(strstr(eb.detail, "vanthu sync"));
			bad++;
		}
	}
	assert_true(bad > 0 && bad < vt_inbox_count(in));
	vt_inbox_free(in);
	/* No inbox at all. */
	unlink(path);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_ERR_NOT_FOUND);
	vt_buf_free(&b);
	free(path);
	vt_doc_list_clear(&docs);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* ---- The index beside the inbox (lib/model-inbox-index.c) ------------ */

/* The index's layout as lib/model-inbox-index.c writes it: a head of
   120 bytes whose last 8 are the checksum, then records of 36 bytes
   (the line's offset at +0, the arena offset of key and id at +8, the
   key's length at +12). */
#define IDX_HEAD	120
#define IDX_SUM		112
#define IDX_REC		36

/* The index's checksum, as the format defines it (word by word, the
   sum's own field taken as 0). */
static uint64_t
idx_sum(const unsigned char *p, size_t len)
{
	uint64_t	h = 0, w;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		if (i == IDX_SUM)
			w = 0;
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 32;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, p + i, len - i);
		h = (h ^ w ^ ((uint64_t)(len - i) << 56)) *
		    0x9e3779b97f4a7c15ULL;
		h ^= h >> 32;
	}
	return h;
}

/* Write the index IDX (LEN bytes at P; with SIGN, its checksum made
   right first), open the inbox of C: it must hold N documents, ids as
   REF's, read back from the index only if WANT. */
static void
check_idx(struct vt_cache *c, const char *idx, unsigned char *p, size_t len,
    bool sign, const struct vt_doc_list *ref, bool want)
{
	struct vt_inbox	*in;
	struct vt_doc	 d;
	uint64_t	 h;
	size_t		 i;

	if (sign && len >= IDX_HEAD) {
		h = idx_sum(p, len);
		memcpy(p + IDX_SUM, &h, 8);
	}
	assert_int_equal(vt_file_write_atomic(idx, p, len, 0600, NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_int_equal(vt_inbox_from_index(in), want);
	assert_int_equal(vt_inbox_count(in), ref->n);
	for (i = 0; i < ref->n; i++) {
		assert_string_equal(vt_inbox_id(in, i), ref->items[i].id);
		assert_int_equal(vt_inbox_doc(in, i, &d, NULL), VT_OK);
		assert_string_equal(d.subject, ref->items[i].subject);
	}
	vt_inbox_free(in);
}

/*
 * An index that is damaged (any byte changed, cut short, grown), made of
 * another inbox, or well summed but pointing outside the inbox, the
 * arena or a table, is not used: the inbox is read line by line, with
 * the same answers, and the index made again is used next.
 */
static void
test_index_refused(void **state)
{
	struct vt_doc_list	 docs, some = { 0 }, ref = { 0 };
	struct vt_cache		*c;
	struct vt_buf		 good, old;
	char			*dir = test_tmpdir("inbox-model"), *idx;
	char			*inbox, *line;
	unsigned char		*p;
	FILE			*f;
	struct vt_inbox		*in;
	struct vt_doc		 d;
	uint64_t		 h;
	uint32_t		 v;
	size_t			 i, at, nrec;

	(void)state;
	make_docs(&docs);
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	idx = xasprintf("%s/inbox.idx", dir);
	/* An index of another inbox (the whole list) kept aside. */
	assert_int_equal(vt_cache_inbox_save(c, &docs, "tok", NULL), VT_OK);
	vt_buf_init(&old);
	assert_int_equal(vt_file_read(idx, 1 << 26, &old, NULL), VT_OK);
	for (i = 0; i < 200; i++)
		vt_doc_list_push(&some, &docs.items[i * 7]);
	assert_int_equal(vt_cache_inbox_save(c, &some, "tok2", NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &ref, NULL, NULL), VT_OK);
	vt_buf_init(&good);
	assert_int_equal(vt_file_read(idx, 1 << 26, &good, NULL), VT_OK);
	assert_true(good.len > IDX_HEAD + ref.n * IDX_REC);
	nrec = ref.n;
	p = xmalloc(good.len + 8);
	memcpy(p, good.data, good.len);
	check_idx(c, idx, p, good.len, false, &ref, true);
	check_idx(c, idx, (unsigned char *)old.data, old.len, false, &ref,
	    false);
	/* Any byte changed: every byte of the head, then every 61st. */
	for (at = 0; at < good.len; at += at < IDX_HEAD ? 1 : 61) {
		memcpy(p, good.data, good.len);
		p[at] ^= 0x5a;
		check_idx(c, idx, p, good.len, false, &ref, false);
	}
	/* Cut short, grown by a byte, empty. */
	memcpy(p, good.data, good.len);
	check_idx(c, idx, p, good.len - 1, false, &ref, false);
	p[good.len] = 0;
	check_idx(c, idx, p, good.len + 1, false, &ref, false);
	check_idx(c, idx, p, 0, false, &ref, false);
	/* Well summed, but a record points outside: past the inbox's end,
	   its key's end or id past the arena's end. */
	for (i = 0; i < nrec; i += 37) {
		memcpy(p, good.data, good.len);
		v = UINT32_MAX - 2;
		memcpy(p + IDX_HEAD + i * IDX_REC, &v, 4);
		check_idx(c, idx, p, good.len, true, &ref, false);
		memcpy(p, good.data, good.len);
		memcpy(p + IDX_HEAD + i * IDX_REC + 8, &v, 4);
		check_idx(c, idx, p, good.len, true, &ref, false);
		memcpy(p, good.data, good.len);
		memcpy(p + IDX_HEAD + i * IDX_REC + 12, &v, 4);
		check_idx(c, idx, p, good.len, true, &ref, false);
	}
	/* And the sum made right over the unchanged index is the one
	   vanthu wrote: the test's sum is the format's. */
	memcpy(p, good.data, good.len);
	check_idx(c, idx, p, good.len, true, &ref, true);
	/* Well summed and inside, but wrong: the first record starts 5
	   bytes into its line.  Its row is an error, the index is removed,
	   and the next open reads the inbox's lines. */
	memcpy(p, good.data, good.len);
	memcpy(&v, p + IDX_HEAD, 4);
	v += 5;
	memcpy(p + IDX_HEAD, &v, 4);
	h = idx_sum(p, good.len);
	memcpy(p + IDX_SUM, &h, 8);
	assert_int_equal(vt_file_write_atomic(idx, p, good.len, 0600, NULL),
	    VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_true(vt_inbox_from_index(in));
	assert_int_equal(vt_inbox_doc(in, 0, &d, NULL), VT_ERR_DAMAGED);
	vt_inbox_free(in);
	assert_int_equal(access(idx, F_OK), -1);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_false(vt_inbox_from_index(in));
	assert_int_equal(vt_inbox_doc(in, 0, &d, NULL), VT_OK);
	assert_string_equal(d.id, ref.items[0].id);
	vt_inbox_free(in);
	/* The inbox rewritten in place, its size kept (a document read):
	   the index of the old content is not used. */
	inbox = xasprintf("%s/inbox", dir);
	vt_buf_reset(&old);
	assert_int_equal(vt_file_read(inbox, 1 << 26, &old, NULL), VT_OK);
	line = memchr(old.data, '\n', old.len);
	assert_non_null(line);
	line = strstr(line, "\t0\t0\t");	/* read, mine of a document */
	assert_non_null(line);
	line[1] = '1';
	assert_non_null((f = fopen(inbox, "r+")));
	assert_int_equal(fwrite(old.data, 1, old.len, f), old.len);
	assert_int_equal(fclose(f), 0);
	check_idx(c, idx, p, good.len, false, &ref, false);
	free(inbox);
	free(p);
	vt_buf_free(&good);
	vt_buf_free(&old);
	free(idx);
	vt_doc_list_clear(&ref);
	/* SOME's documents were moved from DOCS: cleared once. */
	for (i = 0; i < docs.n; i++)
		if (docs.items[i].id == NULL)
			memset(&docs.items[i], 0, sizeof docs.items[i]);
	vt_doc_list_clear(&some);
	vt_doc_list_clear(&docs);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

/* An empty inbox has an index too (empty arrays), read back as empty. */
static void
test_index_empty(void **state)
{
	struct vt_doc_list	 none = { 0 };
	struct vt_cache		*c;
	struct vt_inbox		*in;
	char			*dir = test_tmpdir("inbox-model");

	(void)state;
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_save(c, &none, "tok", NULL), VT_OK);
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_true(vt_inbox_from_index(in));
	assert_int_equal(vt_inbox_count(in), 0);
	vt_inbox_free(in);
	vt_cache_close(c);
	test_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_reference),
		cmocka_unit_test(test_isearch_sessions),
		cmocka_unit_test(test_replaced_while_open),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_index_refused),
		cmocka_unit_test(test_index_empty),
	};

	setenv("TZ", "America/New_York", 1);	/* Vietnam time anyway */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
