/*
 * Unit tests of lib/dossier-model.c: a dossier from the server's JSON
 * (docs/api.md section 13) into enums (state, kind of row, history
 * steps), unknown words refused, hostile text made safe, the JSON
 * output read back, who may reopen, and dates as Decree 30 writes
 * them.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "vanthu/dossier.h"
#include "vanthu/session.h"

#define SHA "0123456789abcdef0123456789abcdef" \
	    "0123456789abcdef0123456789abcdef"

/* A closed dossier with one row of each kind; STATE and KIND replace
   the words of the first state and the second row's kind. */
static char *
dossier_json(const char *state, const char *kind)
{
	const char	*fmt =
	    "{\"id\":\"h3\",\"entry_id\":\"m2\",\"year\":2026,"
	    "\"code\":\"01.05\",\"title\":\"Hồ sơ phòng, chống thiên tai"
	    "\\u001b[2J\",\"keeper\":\"Văn phòng - Thống kê\","
	    "\"retention\":\"10 năm\",\"start_date\":\"2026-03-02\","
	    "\"end_date\":\"2026-12-05\",\"page_count\":7,"
	    "\"state\":\"%s\",\"item_count\":3,"
	    "\"opened_by\":{\"username\":\"vanthu\","
	    "\"full_name\":\"Trần Thị Mai\"},"
	    "\"items\":["
	    "{\"no\":1,\"document_id\":\"i12\",\"kind\":\"incoming\","
	    "\"number_notation\":\"14/CĐ-UBND\",\"issued_date\":"
	    "\"2026-12-01\",\"organ_name\":\"UBND huyện Hoằng Hóa\","
	    "\"subject\":\"Công điện\",\"page_amount\":1,\"start_page\":1,"
	    "\"notes\":\"Văn bản đến số 336\",\"files\":[{\"attachment_id\":"
	    "\"a1\",\"filename\":\"cd.pdf\",\"size\":10,\"sha256\":\"" SHA
	    "\"}]},"
	    "{\"no\":2,\"document_id\":\"d4\",\"kind\":\"%s\","
	    "\"number_notation\":\"05/BC-UBND\",\"organ_name\":\"UBND xã\","
	    "\"subject\":\"Báo cáo\",\"page_amount\":2,\"start_page\":2,"
	    "\"files\":[]},"
	    "{\"no\":3,\"document_id\":\"d5\",\"kind\":\"draft\","
	    "\"number_notation\":\"\",\"organ_name\":\"UBND xã\","
	    "\"subject\":\"Dự thảo\",\"page_amount\":4,\"start_page\":4,"
	    "\"files\":[]}],"
	    "\"history\":["
	    "{\"at\":\"2026-03-02T08:00:00+07:00\",\"action\":\"opened\","
	    "\"actor\":{\"username\":\"vanthu\",\"full_name\":\"Trần Thị Mai\"}},"
	    "{\"at\":\"2026-12-05T08:00:00+07:00\",\"action\":\"reopened\","
	    "\"actor\":{\"username\":\"chutich\",\"full_name\":\"Nguyễn Văn An\"},"
	    "\"note\":\"Bổ sung\"}]}";
	size_t		 n = strlen(fmt) + strlen(state) + strlen(kind) + 1;
	char		*s = malloc(n);

	assert_non_null(s);
	snprintf(s, n, fmt, state, kind);
	return s;
}

static vt_code
parse(const char *state, const char *kind, struct vt_dossier *d,
    struct vt_errbuf *eb)
{
	char	*text = dossier_json(state, kind);
	cJSON	*j = cJSON_Parse(text);
	vt_code	 code;

	assert_non_null(j);
	code = vt_dossier_parse(j, NULL, d, eb);
	cJSON_Delete(j);
	free(text);
	return code;
}

static void
test_parse_enums(void **state)
{
	struct vt_dossier	d;
	struct vt_errbuf	eb = { VT_OK, "" };

	(void)state;
	assert_int_equal(parse("closed", "outgoing", &d, &eb), VT_OK);
	assert_int_equal(d.state, VT_DOSSIER_CLOSED);
	assert_true(d.detailed);
	assert_int_equal(d.nitems, 3);
	assert_int_equal(d.items[0].kind, VT_DITEM_INCOMING);
	assert_int_equal(d.items[1].kind, VT_DITEM_OUTGOING);
	assert_int_equal(d.items[2].kind, VT_DITEM_DRAFT);
	assert_int_equal(d.page_count, 7);
	/* The escape sequence in the title is gone. */
	assert_null(strchr(d.title, '\033'));
	assert_int_equal(vt_dossier_step_parse(d.history[0].action),
	    VT_DSTEP_OPENED);
	assert_int_equal(vt_dossier_step_parse(d.history[1].action),
	    VT_DSTEP_REOPENED);
	/* A closed dossier refuses changes, with the date. */
	assert_int_equal(vt_dossier_writable(&d, &eb), VT_ERR_STATE);
	assert_non_null(strstr(eb.detail, "05/12/2026"));
	vt_dossier_clear(&d);

	assert_int_equal(parse("open", "draft", &d, &eb), VT_OK);
	assert_int_equal(d.state, VT_DOSSIER_OPEN);
	assert_int_equal(d.items[1].kind, VT_DITEM_DRAFT);
	assert_int_equal(vt_dossier_writable(&d, &eb), VT_OK);
	vt_dossier_clear(&d);
}

static void
test_parse_unknown_words(void **state)
{
	struct vt_dossier	d;
	struct vt_errbuf	eb = { VT_OK, "" };

	(void)state;
	assert_int_equal(parse("archived", "draft", &d, &eb),
	    VT_ERR_PROTOCOL);
	assert_non_null(strstr(eb.detail, "state"));
	assert_null(d.id);
	eb.code = VT_OK;
	eb.detail[0] = '\0';
	assert_int_equal(parse("open", "memo", &d, &eb), VT_ERR_PROTOCOL);
	assert_non_null(strstr(eb.detail, "items[1].kind"));
	/* An empty word is no state either. */
	assert_int_equal(parse("", "draft", &d, &eb), VT_ERR_PROTOCOL);
}

static void
test_json_round_trip(void **state)
{
	struct vt_dossier	 d, back;
	struct vt_errbuf	 eb = { VT_OK, "" };
	cJSON			*j;

	(void)state;
	assert_int_equal(parse("closed", "outgoing", &d, &eb), VT_OK);
	j = vt_dossier_to_json(&d);
	assert_string_equal(cJSON_GetObjectItem(j, "state")->valuestring,
	    "closed");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(
	    cJSON_GetObjectItem(j, "items"), 1), "kind")->valuestring,
	    "outgoing");
	assert_int_equal(vt_dossier_parse(j, NULL, &back, &eb), VT_OK);
	assert_int_equal(back.state, VT_DOSSIER_CLOSED);
	assert_int_equal(back.items[1].kind, VT_DITEM_OUTGOING);
	assert_int_equal(back.items[2].kind, VT_DITEM_DRAFT);
	assert_int_equal(vt_dossier_step_parse(back.history[1].action),
	    VT_DSTEP_REOPENED);
	vt_dossier_clear(&back);
	cJSON_Delete(j);
	vt_dossier_clear(&d);
}

static void
test_steps_and_names(void **state)
{
	(void)state;
	assert_int_equal(vt_dossier_step_parse("added"), VT_DSTEP_ADDED);
	assert_int_equal(vt_dossier_step_parse("removed"), VT_DSTEP_REMOVED);
	assert_int_equal(vt_dossier_step_parse("closed"), VT_DSTEP_CLOSED);
	assert_int_equal(vt_dossier_step_parse("Closed"), VT_DSTEP_UNKNOWN);
	assert_int_equal(vt_dossier_step_parse(""), VT_DSTEP_UNKNOWN);
	assert_int_equal(vt_dossier_step_parse(NULL), VT_DSTEP_UNKNOWN);
	assert_string_equal(vt_dossier_action_name("added"),
	    "document added");
	/* A step this version does not know is shown as the server said. */
	assert_string_equal(vt_dossier_action_name("archived"), "archived");
	assert_string_equal(vt_dossier_action_name(NULL), "?");
}

static void
test_can_reopen(void **state)
{
	struct vt_session	s;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_false(vt_dossier_can_reopen(NULL));
	assert_false(vt_dossier_can_reopen(&s));
	s.role = (char *)"leader";
	assert_true(vt_dossier_can_reopen(&s));
	s.role = (char *)"clerk";
	assert_true(vt_dossier_can_reopen(&s));
	s.role = (char *)"specialist";
	assert_false(vt_dossier_can_reopen(&s));
	s.role = (char *)"Leader";
	assert_false(vt_dossier_can_reopen(&s));
}

static void
test_date_vn(void **state)
{
	char	out[11];

	(void)state;
	vt_date_vn(out, "2026-03-05");
	assert_string_equal(out, "05/03/2026");
	vt_date_vn(out, "2026-12-02T09:15:30+07:00");
	assert_string_equal(out, "02/12/2026");
	vt_date_vn(out, "05/03/2026");
	assert_string_equal(out, "");
	vt_date_vn(out, NULL);
	assert_string_equal(out, "");
}

static void
test_input_checks(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_dossier_new	 n;
	struct vt_dossier	 d;
	char			*s;

	(void)state;
	assert_true(vt_dossier_code_valid("01.05"));
	assert_true(vt_dossier_code_valid("05.09.1"));
	assert_true(vt_dossier_code_valid("A1"));
	assert_false(vt_dossier_code_valid("05/09"));
	assert_false(vt_dossier_code_valid("01..05"));
	assert_false(vt_dossier_code_valid("01.05."));
	assert_false(vt_dossier_code_valid("1234567.1"));
	assert_false(vt_dossier_code_valid("1.2.3.4.5"));
	assert_false(vt_dossier_code_valid(""));
	assert_false(vt_dossier_code_valid(NULL));

	s = vt_dossier_retention_norm("10 nam");
	assert_string_equal(s, "10 năm");
	free(s);
	s = vt_dossier_retention_norm("Vĩnh Viễn");
	assert_string_equal(s, "vĩnh viễn");
	free(s);
	s = vt_dossier_retention_norm("vinh vien");
	assert_string_equal(s, "vĩnh viễn");
	free(s);
	/* Decomposed marks (old input methods) too. */
	s = vt_dossier_retention_norm("5 na\xcc\x86m");
	assert_string_equal(s, "5 năm");
	free(s);
	assert_null(vt_dossier_retention_norm("7 tháng"));
	assert_null(vt_dossier_retention_norm("0 năm"));
	assert_null(vt_dossier_retention_norm("1000 năm"));
	assert_null(vt_dossier_retention_norm("năm"));

	assert_int_equal(vt_dossier_doc_check("i12", &eb), VT_OK);
	assert_int_equal(vt_dossier_doc_check("d7", &eb), VT_OK);
	assert_int_equal(vt_dossier_doc_check("h1", &eb), VT_ERR_INVALID);
	assert_int_equal(vt_dossier_doc_check("i", &eb), VT_ERR_INVALID);
	assert_int_equal(vt_dossier_doc_check("d7x", &eb), VT_ERR_INVALID);

	memset(&n, 0, sizeof n);
	n.code = "05.09";
	n.title = "Hồ sơ kiểm tra";
	n.retention = "10 NAM";
	assert_int_equal(vt_dossier_new_check(&n, &s, &eb), VT_OK);
	assert_string_equal(n.retention, "10 năm");
	free(s);
	n.retention = "mãi mãi";
	assert_int_equal(vt_dossier_new_check(&n, &s, &eb), VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "vĩnh viễn"));
	assert_null(s);
	n.retention = "5 năm";
	n.title = "   ";
	assert_int_equal(vt_dossier_new_check(&n, &s, &eb), VT_ERR_INVALID);
	n.title = "Hồ sơ";
	n.code = "05/09";
	assert_int_equal(vt_dossier_new_check(&n, &s, &eb), VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "05/09"));
	/* Against an entry of the list the server takes its fields. */
	n.entry_id = "m2";
	assert_int_equal(vt_dossier_new_check(&n, &s, &eb), VT_OK);

	memset(&d, 0, sizeof d);
	d.start_date = (char *)"2026-03-02";
	assert_int_equal(vt_dossier_end_check(&d, "2026-03-02", &eb), VT_OK);
	assert_int_equal(vt_dossier_end_check(&d, NULL, &eb), VT_OK);
	assert_int_equal(vt_dossier_end_check(&d, "2026-03-01", &eb),
	    VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "02/03/2026"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_enums),
		cmocka_unit_test(test_parse_unknown_words),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_steps_and_names),
		cmocka_unit_test(test_can_reopen),
		cmocka_unit_test(test_date_vn),
		cmocka_unit_test(test_input_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
