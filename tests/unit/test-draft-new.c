/*
 * Unit tests of drafting in the core: the document types, the date
 * format, the metadata checks, the multipart action, the word diff and
 * the Vietnamese word key (vanthu/doctype.h, draft-new.h, diff.h).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vanthu/diff.h"
#include "vanthu/doctype.h"
#include "vanthu/draft-new.h"
#include "vanthu/text.h"

static void
test_doctypes(void **state)
{
	size_t	n;

	(void)state;
	assert_non_null(vt_doctypes(&n));
	assert_int_equal(n, 28);
	assert_string_equal(vt_doctype_find("QĐ")->name, "Quyết định");
	assert_string_equal(vt_doctype_find("QyĐ")->name, "Quy định");
	assert_string_equal(vt_doctype_find("TTr")->name, "Tờ trình");
	assert_string_equal(vt_doctype_find("")->name, "Công văn");
	assert_string_equal(vt_doctype_find("CV")->name, "Công văn");
	assert_null(vt_doctype_find("qđ"));	/* case matters */
	assert_null(vt_doctype_find("TTR"));
	assert_null(vt_doctype_find("XYZ"));
	assert_true(vt_competence_valid("TM."));
	assert_true(vt_competence_valid("TUQ."));
	assert_true(vt_competence_valid(""));
	assert_false(vt_competence_valid("TM"));
}

static void
test_dates(void **state)
{
	char	iso[11];

	(void)state;
	assert_int_equal(vt_date_parse("05/12/2026", iso, NULL), VT_OK);
	assert_string_equal(iso, "2026-12-05");
	assert_int_equal(vt_date_parse("5/1/2027", iso, NULL), VT_OK);
	assert_string_equal(iso, "2027-01-05");
	assert_int_equal(vt_date_parse("29.02.2028", iso, NULL), VT_OK);
	assert_string_equal(iso, "2028-02-29");
	assert_int_equal(vt_date_parse("2026-12-31", iso, NULL), VT_OK);
	assert_string_equal(iso, "2026-12-31");
	assert_int_equal(vt_date_parse("29/02/2027", iso, NULL),
	    VT_ERR_INVALID);
	assert_int_equal(vt_date_parse("31/04/2026", iso, NULL),
	    VT_ERR_INVALID);
	assert_int_equal(vt_date_parse("12/2026", iso, NULL), VT_ERR_INVALID);
	assert_int_equal(vt_date_parse("05/12-2026", iso, NULL),
	    VT_ERR_INVALID);
	assert_int_equal(vt_date_parse("05/12/26", iso, NULL), VT_ERR_INVALID);
	assert_int_equal(vt_date_parse("mai", iso, NULL), VT_ERR_INVALID);
}

static void
test_meta_check(void **state)
{
	struct vt_person	users[2] = {
		{ "chutich", "Nguyễn Văn Hùng", "leader", NULL },
		{ "chuyenvien2", "Hoàng Thị Lan", "specialist", NULL },
	};
	const char		*rev[] = { "chuyenvien2" }, *bad[] = { "" };
	struct vt_draft_meta	m = { "QĐ", "Về việc thành lập tổ", 1,
	    "20/12/2026", "chutich", rev, 1, "TM.", "CHỦ TỊCH", NULL, 0 };
	struct vt_errbuf	eb;

	(void)state;
	assert_int_equal(vt_draft_meta_check(&m, users, 2, &eb), VT_OK);
	m.type_code = "XX";
	assert_int_equal(vt_draft_meta_check(&m, users, 2, &eb),
	    VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "XX"));
	m.type_code = "QĐ";
	m.subject = "  ";
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb),
	    VT_ERR_INVALID);
	m.subject = "Về việc";
	m.signer = "chuyenvien2";
	m.nreviewers = 0;
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb), VT_OK);
	assert_int_equal(vt_draft_meta_check(&m, users, 2, &eb),
	    VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "Hoàng Thị Lan"));
	m.signer = "chutich";
	m.competence = "TM";
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb),
	    VT_ERR_INVALID);
	m.competence = "KT.";
	m.due_date = "31/02/2026";
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb),
	    VT_ERR_INVALID);
	m.due_date = NULL;
	m.recipients = bad;
	m.nrecipients = 1;
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb),
	    VT_ERR_INVALID);
	m.nrecipients = 0;
	m.urgency = 5;
	assert_int_equal(vt_draft_meta_check(&m, NULL, 0, &eb),
	    VT_ERR_INVALID);
}

static void
test_act_new(void **state)
{
	const char		*rec[] = { "Lưu: VT" };
	struct vt_draft_meta	m = { "TB", "Thông báo \"lịch\" họp", 0,
	    "05/12/2026", "chutich", NULL, 0, "", NULL, rec, 1 };
	struct vt_act		a;
	const char		*pdf = "%PDF-1.7\n\0binary\r\n--x";
	const char		*b;

	(void)state;
	assert_int_equal(vt_act_draft_new(&a, &m, pdf, 21, "du\"thao.pdf",
	    NULL), VT_OK);
	assert_string_equal(a.spec.path, "/drafts");
	assert_string_equal(a.spec.kind, "draft_new");
	assert_non_null(strstr(a.spec.content_type,
	    "multipart/form-data; boundary=vanthu-"));
	b = a.body;
	assert_non_null(strstr(b, "name=\"metadata\""));
	assert_non_null(strstr(b, "\"due_date\":\"2026-12-05\""));
	assert_non_null(strstr(b, "\"type_code\":\"TB\""));
	assert_non_null(strstr(b, "\"recipients\":[\"Lưu: VT\"]"));
	assert_non_null(strstr(b, "filename=\"du_thao.pdf\""));
	/* The file is there byte for byte, NUL included. */
	assert_non_null(memmem(b, a.spec.body_len, pdf, 21));
	vt_act_clear(&a);
	vt_act_draft_revise(&a, "d7", pdf, 21);
	assert_string_equal(a.spec.path, "/drafts/d7/versions");
	assert_string_equal(a.spec.content_type, "application/pdf");
	assert_int_equal(a.spec.body_len, 21);
	assert_memory_equal(a.body, pdf, 21);
	vt_act_clear(&a);
}

static void
test_word_key(void **state)
{
	char	*a, *b;

	(void)state;
	/* Old and new tone placement, NFD input: the same word. */
	a = vt_text_word_key("hóa", strlen("hóa"));
	b = vt_text_word_key("hoa\xcc\x81", 5);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = vt_text_word_key("ủy", strlen("ủy"));
	b = vt_text_word_key("uỷ", strlen("uỷ"));
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* A different tone or letter is a different word. */
	a = vt_text_word_key("hòa", strlen("hòa"));
	b = vt_text_word_key("hóa", strlen("hóa"));
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

static void
test_words(void **state)
{
	struct vt_text_word	*w;
	const char		*s = "Điều 1. Thành  lập\ntổ";
	size_t			 n;

	(void)state;
	n = vt_text_words(s, strlen(s), &w);
	assert_int_equal(n, 6);
	assert_int_equal(w[0].end - w[0].start, strlen("Điều"));
	assert_memory_equal(s + w[2].start, ".", 1);
	assert_memory_equal(s + w[5].start, "tổ", strlen("tổ"));
	free(w);
}

/* Where an annotation stands in its page's text: after the line its
   quote ends on, whatever the case, tone placement and line breaks. */
static void
test_annotation_line(void **state)
{
	const char	*page = "UBND XÃ HOẰNG QUÝ\nSố: /QĐ-UBND\n"
			    "Điều 1. Thành lập tổ công tác rà soát\n"
			    "hộ nghèo năm 2026.\nĐiều 2. Hiệu lực.\n";

	(void)state;
	assert_int_equal(vt_annotation_line(page, "tổ công tác"), 2);
	assert_int_equal(vt_annotation_line(page, "TỔ CÔNG TÁC"), 2);
	/* A quote across a line break ends on the later line. */
	assert_int_equal(vt_annotation_line(page, "rà soát hộ nghèo"), 3);
	assert_int_equal(vt_annotation_line(page, "hieu luc"), 4);
	assert_int_equal(vt_annotation_line(page, "UBND"), 0);
	/* Old and new tone placement fold equal (Decree 30 uses both). */
	assert_int_equal(vt_annotation_line("Quyết định\nthành lập Ban Chỉ "
	    "huy phòng chống thiên tai hoà bình", "hòa bình"), 1);
	assert_int_equal(vt_annotation_line(page, "không có ở đây"), -1);
	assert_int_equal(vt_annotation_line(page, "  "), -1);
	assert_int_equal(vt_annotation_line(page, NULL), -1);
	assert_int_equal(vt_annotation_line(NULL, "x"), -1);
}

/* Only the drafter revises, and only a returned draft or one in
   review. */
/* The steps each person may take in each state (vt_draft_steps), as
   the server accepts them (docs/api.md 7). */
static void
test_draft_steps(void **state)
{
	struct vt_draft		 d;
	char			 st[20], me[] = "phochutich", boss[] = "chutich";
	char			 done[] = "2026-12-01T10:00:00+07:00";
	unsigned		 s;

	(void)state;
	memset(&d, 0, sizeof d);
	d.state = st;
	d.signer.username = boss;
	d.reviewers = calloc(1, sizeof *d.reviewers);
	assert_non_null(d.reviewers);
	d.nreviewers = 1;
	d.reviewers[0].person.username = me;

	/* A reviewer in review: annotate, approve, return; once approved,
	   no approving again. */
	strcpy(st, "in_review");
	d.my_roles = VT_ROLE_REVIEWER;
	s = vt_draft_steps(&d, me, VT_USER_LEADER);
	assert_int_equal(s, VT_STEP_ANNOTATE | VT_STEP_APPROVE |
	    VT_STEP_RETURN);
	d.reviewers[0].approved_at = done;
	s = vt_draft_steps(&d, me, VT_USER_LEADER);
	assert_false(s & VT_STEP_APPROVE);
	d.reviewers[0].approved_at = NULL;

	/* The signer: approve and sign while it awaits him, only sign or
	   return once approved. */
	d.my_roles = VT_ROLE_SIGNER;
	strcpy(st, "awaiting_signer");
	assert_int_equal(vt_draft_steps(&d, boss, VT_USER_LEADER),
	    VT_STEP_ANNOTATE | VT_STEP_APPROVE | VT_STEP_RETURN |
	    VT_STEP_SIGN);
	strcpy(st, "approved");
	assert_int_equal(vt_draft_steps(&d, boss, VT_USER_LEADER),
	    VT_STEP_ANNOTATE | VT_STEP_RETURN | VT_STEP_SIGN);

	/* Signed: nothing for the signer; the agency signature for a
	   clerk; no annotation for anybody.  Issued: nothing at all. */
	strcpy(st, "signed");
	assert_int_equal(vt_draft_steps(&d, boss, VT_USER_LEADER), 0);
	d.my_roles = VT_ROLE_CLERK | VT_ROLE_DRAFTER;
	assert_int_equal(vt_draft_steps(&d, "vanthu", VT_USER_CLERK),
	    VT_STEP_AGENCY_SIGN);
	strcpy(st, "issued");
	assert_int_equal(vt_draft_steps(&d, "vanthu", VT_USER_CLERK), 0);
	/* Both faces refuse an annotation by that rule, in one message
	   naming the draft and its state. */
	{
		struct vt_errbuf	eb = { VT_OK, "" };
		char			id[] = "d7";

		d.id = id;
		strcpy(st, "signed");
		assert_int_equal(vt_draft_annotate_check(&d, boss,
		    VT_USER_LEADER, &eb), VT_ERR_STATE);
		assert_string_equal(eb.detail, "draft d7 is signed: its text "
		    "no longer changes, so it takes no annotations");
		strcpy(st, "issued");
		assert_int_equal(vt_draft_annotate_check(&d, "vanthu",
		    VT_USER_CLERK, &eb), VT_ERR_STATE);
		strcpy(st, "approved");
		assert_int_equal(vt_draft_annotate_check(&d, "cv",
		    VT_USER_SPECIALIST, &eb), VT_OK);
		d.id = NULL;
	}

	/* The drafter: a new version while returned or in review. */
	d.my_roles = VT_ROLE_DRAFTER;
	strcpy(st, "returned");
	assert_int_equal(vt_draft_steps(&d, "cv", VT_USER_SPECIALIST),
	    VT_STEP_ANNOTATE | VT_STEP_REVISE);
	strcpy(st, "in_review");
	assert_true(vt_draft_steps(&d, "cv", VT_USER_SPECIALIST) &
	    VT_STEP_REVISE);
	free(d.reviewers);
}

static void
test_revise_check(void **state)
{
	struct vt_draft		d;
	struct vt_errbuf	eb;
	char			id[] = "d7", st[20], name[] = "Hoàng Thị Lan";

	(void)state;
	memset(&d, 0, sizeof d);
	d.id = id;
	d.state = st;
	d.drafter.full_name = name;
	d.my_roles = VT_ROLE_SIGNER;
	strcpy(st, "returned");
	memset(&eb, 0, sizeof eb);
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_ERR_FORBIDDEN);
	assert_non_null(strstr(eb.detail, "only the drafter of d7 "
	    "(Hoàng Thị Lan)"));
	d.my_roles = VT_ROLE_DRAFTER;
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_OK);
	strcpy(st, "in_review");
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_OK);
	strcpy(st, "awaiting_signer");
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_ERR_FORBIDDEN);
	assert_non_null(strstr(eb.detail, "draft d7 is to the signer"));
	strcpy(st, "signed");
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_ERR_FORBIDDEN);
	strcpy(st, "issued");
	assert_int_equal(vt_draft_revise_check(&d, &eb), VT_ERR_FORBIDDEN);
}

static void
test_diff(void **state)
{
	struct vt_diff	d;

	(void)state;
	vt_diff_words("Điều 1. Thành lập tổ công tác xã Hoằng Hoá.",
	    "Điều 1. Thành lập Ban chỉ đạo công tác xã Hoằng Hóa năm 2026.",
	    &d);
	assert_int_equal(d.deleted, 1);
	assert_int_equal(d.added, 5);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.chunks[1].op, VT_DIFF_DEL);
	assert_string_equal(d.chunks[1].text, "tổ");
	assert_int_equal(d.chunks[2].op, VT_DIFF_ADD);
	assert_string_equal(d.chunks[2].text, "Ban chỉ đạo");
	assert_int_equal(d.chunks[4].op, VT_DIFF_ADD);
	assert_string_equal(d.chunks[4].text, "năm 2026");
	vt_diff_clear(&d);
	vt_diff_words("giống nhau", "giống nhau", &d);
	assert_int_equal(d.added + d.deleted, 0);
	vt_diff_clear(&d);
	vt_diff_words("", "mới", &d);
	assert_int_equal(d.added, 1);
	vt_diff_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doctypes),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_meta_check),
		cmocka_unit_test(test_act_new),
		cmocka_unit_test(test_word_key),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_annotation_line),
		cmocka_unit_test(test_revise_check),
		cmocka_unit_test(test_draft_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
