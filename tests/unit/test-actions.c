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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comment),
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_forward_complete_return),
		cmocka_unit_test(test_drafts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
