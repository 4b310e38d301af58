/* Unit tests of the action builders (vanthu/actions.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vanthu/actions.h"

static void
test_comment(void **state)
{
	struct vt_act	a;

	(void)state;
	vt_act_comment(&a, "i12", "Giao đ/c \"Tuấn\"\nchủ trì");
	assert_string_equal(a.spec.path, "/incoming/i12/comments");
	assert_string_equal(a.spec.method, "POST");
	assert_string_equal(a.spec.kind, "comment");
	assert_string_equal(a.spec.target, "i12");
	assert_string_equal(a.body,
	    "{\"text\":\"Giao đ/c \\\"Tuấn\\\"\\nchủ trì\"}");
	assert_int_equal(a.spec.body_len, strlen(a.body));
	assert_non_null(strstr(a.spec.summary, "i12"));
	vt_act_clear(&a);
	assert_null(a.body);
}

static void
test_assign(void **state)
{
	struct vt_act	 a;
	const char	*coop[] = { "chuyenvien2" };
	const char	*inform[] = { "phochutich", "vanthu" };

	(void)state;
	vt_act_assign(&a, "i3", "chuyenvien1", coop, 1, inform, 2,
	    "2026-12-05", NULL);
	assert_string_equal(a.spec.path, "/incoming/i3/assign");
	assert_string_equal(a.body, "{\"assignments\":["
	    "{\"username\":\"chuyenvien1\",\"role\":\"lead\"},"
	    "{\"username\":\"chuyenvien2\",\"role\":\"cooperate\"},"
	    "{\"username\":\"phochutich\",\"role\":\"inform\"},"
	    "{\"username\":\"vanthu\",\"role\":\"inform\"}],"
	    "\"due_date\":\"2026-12-05\"}");
	vt_act_clear(&a);
}

static void
test_forward_complete_return(void **state)
{
	struct vt_act	 a;
	const char	*to[] = { "chutich" };

	(void)state;
	vt_act_forward(&a, "i1", to, 1, "Kính trình");
	assert_string_equal(a.body, "{\"to\":[\"chutich\"],\"note\":\"Kính trình\"}");
	vt_act_clear(&a);
	vt_act_complete(&a, "i1", NULL);
	assert_string_equal(a.spec.path, "/incoming/i1/complete");
	assert_string_equal(a.body, "{}");
	vt_act_clear(&a);
	vt_act_return(&a, "i1", "Gửi nhầm");
	assert_string_equal(a.body, "{\"reason\":\"Gửi nhầm\"}");
	vt_act_clear(&a);
	vt_act_read(&a, "i1", true);
	assert_string_equal(a.spec.path, "/incoming/i1/read");
	assert_string_equal(a.body, "{\"read\":true}");
	vt_act_clear(&a);
}

static void
test_drafts(void **state)
{
	struct vt_act	a;

	(void)state;
	vt_act_annotate(&a, "d3", "v5", 2, "thành lập Ban", "Bổ sung căn cứ");
	assert_string_equal(a.spec.path, "/drafts/d3/annotations");
	assert_string_equal(a.body, "{\"version_id\":\"v5\",\"page\":2,"
	    "\"quote\":\"thành lập Ban\",\"note\":\"Bổ sung căn cứ\"}");
	vt_act_clear(&a);
	vt_act_annotate(&a, "d3", "v5", 1, "", "x");
	assert_string_equal(a.body, "{\"version_id\":\"v5\",\"page\":1,"
	    "\"note\":\"x\"}");
	vt_act_clear(&a);
	vt_act_approve(&a, "d3", NULL);
	assert_string_equal(a.spec.path, "/drafts/d3/approve");
	assert_string_equal(a.body, "{}");
	vt_act_clear(&a);
	vt_act_draft_return(&a, "d3", "Sai thể thức");
	assert_string_equal(a.spec.path, "/drafts/d3/return");
	assert_string_equal(a.body, "{\"reason\":\"Sai thể thức\"}");
	vt_act_clear(&a);
}

/* The one vocabulary: every kind has a row; old outbox names map. */
static void
test_table(void **state)
{
	int	k;

	(void)state;
	for (k = 1; k < VT_ACT_NKINDS; k++) {
		const struct vt_act_def	*d = vt_act_def((enum vt_act_kind)k);

		assert_int_equal(d->kind, k);
		assert_non_null(d->name);
		assert_non_null(d->label);
		assert_non_null(d->message);
		assert_int_equal(vt_act_kind_parse(d->name), k);
	}
	assert_int_equal(vt_act_kind_parse("return_draft"),
	    VT_ACT_DRAFT_RETURN);
	assert_int_equal(vt_act_kind_parse("signed_upload"),
	    VT_ACT_SIGNED_UPLOAD);
	assert_int_equal(vt_act_kind_parse("no-such-kind"), VT_ACT_UNKNOWN);
	assert_int_equal(vt_act_kind_parse(NULL), VT_ACT_UNKNOWN);
	assert_string_equal(vt_act_def((enum vt_act_kind)99)->name,
	    "unknown");
	/* Roles: only leaders assign; clerks and leaders return. */
	assert_true(vt_act_allowed(VT_ACT_ASSIGN, VT_USER_LEADER));
	assert_false(vt_act_allowed(VT_ACT_ASSIGN, VT_USER_SPECIALIST));
	assert_false(vt_act_allowed(VT_ACT_RETURN, VT_USER_SPECIALIST));
	assert_true(vt_act_allowed(VT_ACT_RETURN, VT_USER_CLERK));
	assert_true(vt_act_allowed(VT_ACT_COMMENT, VT_USER_SPECIALIST));
}

/* The signed upload: the PDF as it is, its path, the outbox kind. */
static void
test_signed_upload(void **state)
{
	static const char	 pdf[] = "%PDF-1.7\n\0binary";
	struct vt_act		 act;

	(void)state;
	vt_act_signed_upload(&act, "d 9", "v3", pdf, sizeof pdf - 1, true);
	assert_string_equal(act.spec.kind, "sign");
	assert_string_equal(act.spec.path, "/drafts/d%209/versions/v3/signed");
	assert_string_equal(act.spec.content_type, "application/pdf");
	assert_int_equal(act.spec.body_len, sizeof pdf - 1);
	assert_memory_equal(act.spec.body, pdf, sizeof pdf - 1);
	assert_string_equal(act.spec.summary, "agency signature on draft d 9");
	vt_act_clear(&act);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_forward_complete_return),
		cmocka_unit_test(test_drafts),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_signed_upload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
