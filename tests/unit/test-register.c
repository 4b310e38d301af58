/* Unit tests of the clerk's incoming side (vanthu/register.h): the
   verdict of the signature check, the register's lines from JSON
   (hostile ones too), the register action and role gating. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "vanthu/actions.h"
#include "vanthu/register.h"
#include "vanthu/verify.h"

/* A result of N signatures, each valid; the caller spoils some. */
static void
result_valid(struct vt_verify_result *r, struct vt_sig_report *s, size_t n)
{
	size_t	i;

	memset(r, 0, sizeof *r);
	memset(s, 0, n * sizeof *s);
	for (i = 0; i < n; i++) {
		s[i].range_ok = s[i].integrity = s[i].trusted = 1;
		s[i].valid = 1;
		s[i].bytes_after = i + 1 < n ? 100 : 0;
		s[i].later_covered = 1;
	}
	r->sigs = s;
	r->n = n;
	r->valid = 1;
}

static void
test_classify(void **state)
{
	struct vt_verify_result	r;
	struct vt_sig_report	s[2];

	(void)state;
	assert_int_equal(vt_sigcheck_classify(NULL), VT_SIGCHECK_UNCHECKED);
	result_valid(&r, s, 0);
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_NONE);
	result_valid(&r, s, 2);
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_VALID);
	assert_false(vt_sigcheck_flagged(VT_SIGCHECK_VALID));
	/* A change after the last signature it does not allow. */
	s[1].bytes_after = 626;
	s[1].later_covered = 0;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_CHANGED);
	/* An allowed one (an annotation, form filling...) is no change. */
	s[1].later_covered = 1;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_VALID);
	/* After the first, not covered by the second. */
	result_valid(&r, s, 2);
	s[0].later_covered = 0;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_CHANGED);
	/* Broken wins over changed and untrusted. */
	s[0].integrity = 0;
	s[1].trusted = 0;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_BROKEN);
	result_valid(&r, s, 1);
	s[0].range_ok = 0;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_BROKEN);
	result_valid(&r, s, 1);
	s[0].trusted = 0;
	assert_int_equal(vt_sigcheck_classify(&r), VT_SIGCHECK_UNTRUSTED);
	assert_true(vt_sigcheck_flagged(VT_SIGCHECK_UNTRUSTED));
	assert_true(vt_sigcheck_flagged(VT_SIGCHECK_NONE));
	assert_true(vt_sigcheck_flagged(VT_SIGCHECK_BROKEN));
	assert_true(vt_sigcheck_flagged(VT_SIGCHECK_CHANGED));
	assert_true(vt_sigcheck_flagged(VT_SIGCHECK_UNCHECKED));
	/* The register's note is Vietnamese whatever the locale. */
	assert_string_equal(vt_sigcheck_note(VT_SIGCHECK_VALID),
	    "Chữ ký số hợp lệ");
	assert_string_equal(vt_sigcheck_note(VT_SIGCHECK_CHANGED),
	    "Văn bản bị sửa đổi sau khi ký số");
}

static const char line_json[] =
    "{\"id\":\"i12\",\"arrival_number\":412,\"arrival_date\":\"2026-11-21\","
    "\"organ\":{\"organ_id\":\"000.00.31.H56\",\"organ_name\":"
    "\"UBND huyện Hoằng Hóa\"},\"code_number\":\"15\","
    "\"code_notation\":\"QĐ-UBND\",\"number_notation\":\"15/QĐ-UBND\","
    "\"issued_date\":\"2026-11-20\",\"type_code\":\"QĐ\","
    "\"type_name\":\"Quyết định\",\"subject\":\"Về việc \\u001b[2J\","
    "\"receivers\":[\"Phạm Minh Tuấn (chủ trì)\"],\"due_date\":null,"
    "\"status\":\"04\",\"notes\":\"Khẩn\"}";

static void
test_parse_line(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_reg_entry	 e;
	struct vt_incoming_register r;
	cJSON			*j = cJSON_Parse(line_json), *back;

	(void)state;
	assert_non_null(j);
	assert_int_equal(vt_reg_entry_parse(j, "register[0]", &e, &eb), VT_OK);
	assert_string_equal(e.id, "i12");
	assert_int_equal(e.arrival_number, 412);
	assert_string_equal(e.arrival_date, "2026-11-21");
	assert_string_equal(e.organ_name, "UBND huyện Hoằng Hóa");
	assert_string_equal(e.number_notation, "15/QĐ-UBND");
	assert_null(e.due_date);
	assert_int_equal(e.nreceivers, 1);
	assert_string_equal(e.receivers[0], "Phạm Minh Tuấn (chủ trì)");
	/* The server's text never reaches the terminal raw. */
	assert_null(strchr(e.subject, '\033'));
	back = vt_reg_entry_to_json(&e);
	assert_int_equal(cJSON_GetObjectItem(back, "arrival_number")->valueint,
	    412);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(back, "due_date")));
	cJSON_Delete(back);
	/* A register owns its lines: freeing it frees them. */
	r.year = 2026;
	r.n = 1;
	r.items = malloc(sizeof e);
	assert_non_null(r.items);
	memcpy(r.items, &e, sizeof e);
	vt_incoming_register_free(&r);
	assert_null(r.items);
	assert_int_equal(r.n, 0);
	cJSON_Delete(j);
}

static void
test_parse_hostile(void **state)
{
	static const char *const bad[] = {
		"{\"id\":\"i1\",\"arrival_date\":\"2026-11-21\"}",
		"{\"id\":\"i1\",\"arrival_number\":\"7\","
		    "\"arrival_date\":\"2026-11-21\"}",
		"{\"id\":\"i1\",\"arrival_number\":-3,"
		    "\"arrival_date\":\"2026-11-21\"}",
		"{\"id\":\"i1\",\"arrival_number\":7,"
		    "\"arrival_date\":\"21/11/2026\"}",
		"{\"id\":\"i1\",\"arrival_number\":7,"
		    "\"arrival_date\":\"2026-11-21\",\"receivers\":[1]}",
	};
	struct vt_errbuf	 eb;
	struct vt_reg_entry	 e;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON	*j = cJSON_Parse(bad[i]);

		memset(&eb, 0, sizeof eb);
		assert_non_null(j);
		assert_int_not_equal(vt_reg_entry_parse(j, "register[0]", &e,
		    &eb), VT_OK);
		assert_null(e.id);
		cJSON_Delete(j);
	}
}

static void
test_register_action(void **state)
{
	struct vt_act	a;

	(void)state;
	vt_act_register(&a, "i52", "Chữ ký số hợp lệ");
	assert_string_equal(a.spec.path, "/incoming/i52/register");
	assert_string_equal(a.spec.kind, "register");
	assert_string_equal(a.body, "{\"note\":\"Chữ ký số hợp lệ\"}");
	assert_int_equal(vt_act_kind_parse("register"), VT_ACT_REGISTER);
	vt_act_clear(&a);
	vt_act_register(&a, "i52", NULL);
	assert_string_equal(a.body, "{}");
	vt_act_clear(&a);
}

static void
test_roles(void **state)
{
	(void)state;
	assert_true(vt_action_role_ok("register", "clerk"));
	assert_false(vt_action_role_ok("register", "leader"));
	assert_false(vt_action_role_ok("register", "specialist"));
	assert_true(vt_action_role_ok("assign", "leader"));
	assert_false(vt_action_role_ok("assign", "clerk"));
	assert_true(vt_action_role_ok("return", "clerk"));
	assert_true(vt_action_role_ok("return", "leader"));
	assert_false(vt_action_role_ok("return", "specialist"));
	assert_true(vt_action_role_ok("comment", "specialist"));
	/* Unknown role or kind: the server decides. */
	assert_true(vt_action_role_ok("register", NULL));
	assert_true(vt_action_role_ok("register", "mayor"));
	assert_true(vt_action_role_ok("no-such-kind", "clerk"));
	assert_non_null(vt_act_refusal(VT_ACT_ASSIGN));
	assert_null(vt_act_refusal(VT_ACT_COMMENT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_register_action),
		cmocka_unit_test(test_roles),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
