/*
 * Unit tests for lib/model-*.c: parsing and validating the server's
 * JSON (docs/api.md), terminal safety of every string, and the JSON
 * output that can be parsed back.
 */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>

#include "vanthu/api.h"
#include "vanthu/buf.h"
#include "vanthu/http.h"
#include "vanthu/model.h"

static const char doc_json[] =
    "{\"id\":\"i12\",\"code_number\":\"15\",\"code_notation\":\"QĐ-UBND\","
    "\"number_notation\":\"15/QĐ-UBND\",\"type_code\":\"QĐ\","
    "\"type_name\":\"Quyết định\",\"issued_date\":\"2026-11-20\","
    "\"promulgation_place\":\"Thanh Hóa\",\"organ\":{\"organ_id\":"
    "\"000.00.31.H56\",\"organ_name\":\"UBND huyện Hoằng Hóa\"},"
    "\"subject\":\"Về việc \\u001b[2Jphê duyệt\\u001b]0;x\\u0007 kế hoạch\","
    "\"signer\":{\"competence\":\"KT.\",\"position\":\"Phó Chủ tịch\","
    "\"full_name\":\"Lê Văn Bình\"},\"urgency\":1,\"due_date\":\"2026-12-05\","
    "\"arrival_number\":412,\"arrival_date\":\"2026-11-21\",\"page_amount\":2,"
    "\"status\":\"04\",\"read\":false,\"mine\":true,\"attachment_count\":1,"
    "\"updated_at\":\"2026-11-21T08:02:11+07:00\"";

static char *
with(const char *tail)
{
	size_t	 n = strlen(doc_json) + strlen(tail) + 2;
	char	*s = malloc(n);

	strcpy(s, doc_json);
	strcat(s, tail);
	strcat(s, "}");
	return s;
}

static vt_code
parse_doc(const char *text, struct vt_doc *d, struct vt_errbuf *eb)
{
	cJSON	*j = cJSON_Parse(text);
	vt_code	 code;

	assert_non_null(j);
	code = vt_doc_parse(j, "incoming", d, eb);
	cJSON_Delete(j);
	return code;
}

static void
test_summary_parses_and_is_safe(void **state)
{
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	char			*s = with("");

	(void)state;
	assert_int_equal(parse_doc(s, &d, &eb), VT_OK);
	assert_string_equal(d.id, "i12");
	assert_string_equal(d.number_notation, "15/QĐ-UBND");
	assert_string_equal(d.organ.organ_name, "UBND huyện Hoằng Hóa");
	assert_int_equal(d.urgency, 1);
	assert_int_equal(d.arrival_number, 412);
	assert_false(d.read);
	assert_true(d.mine);
	assert_false(d.detailed);
	assert_null(strchr(d.subject, '\033'));
	assert_null(strchr(d.subject, '\007'));
	assert_non_null(strstr(d.subject, "phê duyệt"));
	vt_doc_clear(&d);
	free(s);
}

static void
test_nfd_becomes_nfc(void **state)
{
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	/* "Hoằng" with decomposed marks: o + breve... as old input methods. */
	char			*s = with(",\"x\":1");
	char			*p;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse(s);
	cJSON_ReplaceItemInObject(j, "subject",
	    cJSON_CreateString("Ho\xc3\xa0ng Ho\x61\xcc\x86\xcc\x80ng"));
	assert_int_equal(vt_doc_parse(j, NULL, &d, &eb), VT_OK);
	p = strstr(d.subject, "Ho\xe1\xba\xb1ng");	/* U+1EB1 precomposed */
	assert_non_null(p);
	vt_doc_clear(&d);
	cJSON_Delete(j);
	free(s);
}

static void
test_missing_field_is_a_protocol_error(void **state)
{
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	cJSON			*j;
	char			*s = with("");

	(void)state;
	j = cJSON_Parse(s);
	cJSON_DeleteItemFromObject(j, "subject");
	assert_int_equal(vt_doc_parse(j, "incoming[3]", &d, &eb),
	    VT_ERR_PROTOCOL);
	assert_string_equal(eb.detail, "incoming[3].subject: missing");
	assert_null(d.id);
	cJSON_Delete(j);
	free(s);
}

static void
test_wrong_types_are_protocol_errors(void **state)
{
	static const char *const cases[][2] = {
		{ "urgency", "\"1\"" },
		{ "urgency", "7" },
		{ "urgency", "1.5" },
		{ "read", "\"no\"" },
		{ "organ", "[]" },
		{ "due_date", "\"5/12/2026\"" },
		{ "id", "\"../etc\"" },
		{ "subject", "null" },
		{ "arrival_number", "-1" },
	};
	struct vt_doc		 d;
	struct vt_errbuf	 eb;
	cJSON			*j;
	char			*s = with("");
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		j = cJSON_Parse(s);
		cJSON_ReplaceItemInObject(j, cases[i][0],
		    cJSON_Parse(cases[i][1]));
		memset(&eb, 0, sizeof eb);
		assert_int_equal(vt_doc_parse(j, "doc", &d, &eb),
		    VT_ERR_PROTOCOL);
		assert_non_null(strstr(eb.detail, cases[i][0]));
		cJSON_Delete(j);
	}
	free(s);
}

static void
test_detail_parses(void **state)
{
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	char			*s = with(",\"recipients\":[\"Lưu: VT\"],"
	    "\"attachments\":[{\"id\":\"a12\",\"filename\":\"15.pdf\","
	    "\"content_type\":\"application/pdf\",\"size\":12873,\"sha256\":"
	    "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
	    "\"url\":\"/api/v1/attachments/a12\"}],\"assignments\":[],"
	    "\"history\":[{\"at\":\"2026-11-21T08:00:00+07:00\",\"action\":"
	    "\"arrived\",\"status\":\"01\",\"actor\":null,\"note\":null}],"
	    "\"comments\":[{\"id\":\"c3\",\"author\":{\"username\":\"chutich\","
	    "\"full_name\":\"Nguyễn Văn Hùng\"},\"text\":\"Dòng 1\\nDòng 2\\t!\","
	    "\"created_at\":\"2026-11-21T09:01:00+07:00\"}]");

	(void)state;
	assert_int_equal(parse_doc(s, &d, &eb), VT_OK);
	assert_true(d.detailed);
	assert_int_equal(d.nattachments, 1);
	assert_int_equal(d.attachments[0].size, 12873);
	assert_int_equal(d.nhistory, 1);
	assert_null(d.history[0].actor.username);
	assert_int_equal(d.ncomments, 1);
	/* Comments keep their line breaks; tabs become spaces. */
	assert_non_null(strchr(d.comments[0].text, '\n'));
	assert_null(strchr(d.comments[0].text, '\t'));
	vt_doc_clear(&d);
	free(s);
}

static void
test_bad_attachment_is_refused(void **state)
{
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	char			*s = with(",\"attachments\":[{\"id\":\"a1\","
	    "\"filename\":\"x.pdf\",\"content_type\":\"application/pdf\","
	    "\"size\":1,\"sha256\":\"abc\",\"url\":\"/api/v1/attachments/a1\"}],"
	    "\"history\":[],\"comments\":[]");

	(void)state;
	assert_int_equal(parse_doc(s, &d, &eb), VT_ERR_PROTOCOL);
	assert_non_null(strstr(eb.detail, "sha256"));
	free(s);
}

static void
test_json_output_round_trips(void **state)
{
	struct vt_doc		 d, d2;
	struct vt_errbuf	 eb = { 0 };
	cJSON			*out;
	char			*s = with("");

	(void)state;
	assert_int_equal(parse_doc(s, &d, &eb), VT_OK);
	out = vt_doc_to_json(&d);
	assert_int_equal(vt_doc_parse(out, "out", &d2, &eb), VT_OK);
	assert_string_equal(d.subject, d2.subject);
	assert_string_equal(d.signer.full_name, d2.signer.full_name);
	cJSON_Delete(out);
	vt_doc_clear(&d);
	vt_doc_clear(&d2);
	free(s);
}

static void
test_delta_and_error_bodies(void **state)
{
	struct vt_delta		 dl;
	struct vt_api_error	 e;
	struct vt_errbuf	 eb = { 0 };
	cJSON			*j;
	const char		*body = "{\"error\":{\"code\":\"token_expired\","
	    "\"message\":\"Phiên \\u001b[2Jhết hạn\",\"field\":null}}";

	(void)state;
	j = cJSON_Parse("{\"sync_token\":\"s.1050\",\"full\":false,"
	    "\"incoming\":{\"changed\":[\"i3\",\"i57\"],\"deleted\":[\"i9\"]},"
	    "\"drafts\":{\"changed\":[],\"deleted\":[]}}");
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_OK);
	assert_int_equal(dl.nincoming_changed, 2);
	assert_string_equal(dl.incoming_deleted[0], "i9");
	/* A server of the first version does not name the dossiers. */
	assert_false(dl.has_dossiers);
	vt_delta_clear(&dl);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"sync_token\":\"s.2\",\"incoming\":{\"changed\":"
	    "[],\"deleted\":[]},\"drafts\":{\"changed\":[],\"deleted\":[]},"
	    "\"dossiers\":{\"changed\":[\"h4\"],\"deleted\":[]}}");
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_OK);
	assert_true(dl.has_dossiers);
	assert_int_equal(dl.ndossiers_changed, 1);
	assert_string_equal(dl.dossiers_changed[0], "h4");
	assert_int_equal(dl.ndossiers_deleted, 0);
	vt_delta_clear(&dl);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"sync_token\":\"s.2\",\"incoming\":{\"changed\":"
	    "[],\"deleted\":[]},\"drafts\":{\"changed\":[],\"deleted\":[]},"
	    "\"dossiers\":null}");
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_OK);
	assert_false(dl.has_dossiers);
	vt_delta_clear(&dl);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"sync_token\":\"s.2\",\"incoming\":{\"changed\":"
	    "[],\"deleted\":[]},\"drafts\":{\"changed\":[],\"deleted\":[]},"
	    "\"dossiers\":{\"changed\":[\"../x\"],\"deleted\":[]}}");
	/* A broken hint is ignored (the client asks for the dossiers),
	   not a reason to fail the sync. */
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_OK);
	assert_false(dl.has_dossiers);
	assert_int_equal(dl.ndossiers_changed, 0);
	assert_null(dl.dossiers_changed);
	vt_delta_clear(&dl);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"sync_token\":\"s.2\",\"incoming\":{\"changed\":"
	    "[],\"deleted\":[]},\"drafts\":{\"changed\":[],\"deleted\":[]},"
	    "\"dossiers\":\"h4\"}");
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_OK);
	assert_false(dl.has_dossiers);
	vt_delta_clear(&dl);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"sync_token\":\"s.1\",\"incoming\":{\"changed\":"
	    "[1],\"deleted\":[]},\"drafts\":{\"changed\":[],\"deleted\":[]}}");
	assert_int_equal(vt_delta_parse(j, &dl, &eb), VT_ERR_PROTOCOL);
	cJSON_Delete(j);
	vt_api_error_parse(body, strlen(body), &e);
	assert_string_equal(e.code, "token_expired");
	assert_null(strchr(e.message, '\033'));
	vt_api_error_clear(&e);
	vt_api_error_parse("<html>502</html>", 16, &e);
	assert_string_equal(e.code, "");
	vt_api_error_clear(&e);
}

static void
test_overdue(void **state)
{
	struct vt_doc	d;

	(void)state;
	memset(&d, 0, sizeof d);
	d.due_date = "2026-11-20";
	d.status = "04";
	assert_true(vt_doc_overdue(&d, "2026-11-29"));
	assert_false(vt_doc_overdue(&d, "2026-11-20"));
	d.status = "06";
	assert_false(vt_doc_overdue(&d, "2026-11-29"));
	d.due_date = NULL;
	d.status = "04";
	assert_false(vt_doc_overdue(&d, "2026-11-29"));
}

/* breaker F11: "." and ".." would change the URL path they go into;
   an empty id names nothing (breaker of 2026-12-02). */
static void
test_dot_identifiers_are_refused(void **state)
{
	static const char *const ids[] = { "\"..\"", "\".\"", "\"\"" };
	struct vt_doc		 d;
	struct vt_errbuf	 eb = { 0 };
	char			*s, *t;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		s = with("");
		t = malloc(strlen(s) + 8);
		strcpy(t, "{\"id\":");
		strcat(t, ids[i]);
		strcat(t, strstr(s, ",\"code_number\""));
		assert_int_equal(parse_doc(t, &d, &eb), VT_ERR_PROTOCOL);
		assert_non_null(strstr(eb.detail, "id: not a valid identifier"));
		free(t);
		free(s);
	}
}

/* breaker F11: a login answer's expires_at must be a real date-time. */
static void
test_expires_at_is_checked(void **state)
{
	static const char *const bad[] = { "9999-99-99T99:99:99+99:99",
	    "2026-11-29", "2026-11-29T22:30:00", "2026-13-01T00:00:00Z",
	    "2026-11-29T22:30:00+07:00x" };
	static const char *const good[] = { "2026-11-29T22:30:00+07:00",
	    "2026-11-29T15:30:00.123Z" };
	struct vt_me		 me;
	struct vt_errbuf	 eb = { 0 };
	char			 text[400];
	cJSON			*j;
	size_t			 i;

	(void)state;
	for (i = 0; i < 7; i++) {
		snprintf(text, sizeof text, "{\"token\":\"t\",\"expires_at\":"
		    "\"%s\",\"user\":{\"username\":\"u\",\"full_name\":"
		    "\"U\",\"role\":\"chuyen_vien\"},\"organization\":"
		    "{\"organ_id\":\"o\",\"organ_name\":\"O\"}}",
		    i < 5 ? bad[i] : good[i - 5]);
		j = cJSON_Parse(text);
		assert_non_null(j);
		assert_int_equal(vt_me_parse(j, &me, &eb),
		    i < 5 ? VT_ERR_PROTOCOL : VT_OK);
		if (i < 5)
			assert_non_null(strstr(eb.detail, "expires_at"));
		vt_me_clear(&me);
		cJSON_Delete(j);
	}
}

/* breaker F11: text after a \u0000 escape was silently dropped. */
static void
test_nul_escape_keeps_the_rest(void **state)
{
	struct vt_http_resp	 resp;
	struct vt_errbuf	 eb = { 0 };
	cJSON			*j;
	const cJSON		*v;

	(void)state;
	vt_http_resp_init(&resp);
	vt_buf_puts(&resp.body, "{\"a\":\"A\\u0000Z\",\"b\":\"\\\\u0000\"}");
	assert_int_equal(vt_api_parse_json(&resp, &j, &eb), VT_OK);
	v = cJSON_GetObjectItemCaseSensitive(j, "a");
	assert_string_equal(v->valuestring, "A\xef\xbf\xbdZ");
	/* An escaped backslash followed by "u0000" is text, unchanged. */
	v = cJSON_GetObjectItemCaseSensitive(j, "b");
	assert_string_equal(v->valuestring, "\\u0000");
	cJSON_Delete(j);
	vt_http_resp_free(&resp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_parses_and_is_safe),
		cmocka_unit_test(test_nfd_becomes_nfc),
		cmocka_unit_test(test_missing_field_is_a_protocol_error),
		cmocka_unit_test(test_wrong_types_are_protocol_errors),
		cmocka_unit_test(test_detail_parses),
		cmocka_unit_test(test_bad_attachment_is_refused),
		cmocka_unit_test(test_json_output_round_trips),
		cmocka_unit_test(test_delta_and_error_bodies),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_dot_identifiers_are_refused),
		cmocka_unit_test(test_expires_at_is_checked),
		cmocka_unit_test(test_nul_escape_keeps_the_rest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
