/* Unit tests for lib/sign-uri.c (RFC 7512 PKCS#11 URIs) and the PDF
   date conversion of lib/sign-verify.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/pades.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"
#include "vanthu/verify.h"

static void
test_uri_path_attributes(void **state)
{
	struct vt_p11uri	 u;
	struct vt_errbuf	 eb;

	(void)state;
	assert_int_equal(vt_p11uri_parse("pkcs11:token=My%20Token;"
	    "manufacturer=SoftHSM%20project;serial=af5d17;object=ch%E1%BB%AF"
	    "%20k%C3%BD;id=%01%a2;type=private", &u, &eb), VT_OK);
	assert_string_equal(u.token, "My Token");
	assert_string_equal(u.manufacturer, "SoftHSM project");
	assert_string_equal(u.serial, "af5d17");
	assert_string_equal(u.object, "chữ ký");
	assert_int_equal(u.id_len, 2);
	assert_int_equal(u.id[0], 0x01);
	assert_int_equal(u.id[1], 0xa2);
	assert_string_equal(u.type, "private");
	assert_null(u.model);
	vt_p11uri_free(&u);
	assert_null(u.token);
}

static void
test_uri_query_and_unknown(void **state)
{
	struct vt_p11uri	 u;
	struct vt_errbuf	 eb;

	(void)state;
	/* Vendor attributes are ignored; the query part has its own
	   separator (&) and module-path is read from it. */
	assert_int_equal(vt_p11uri_parse("PKCS11:x-vendor=1;token=T"
	    "?module-path=/usr/lib/a%20b.so&x=y", &u, &eb), VT_OK);
	assert_string_equal(u.token, "T");
	assert_string_equal(u.module_path, "/usr/lib/a b.so");
	vt_p11uri_free(&u);
	assert_int_equal(vt_p11uri_parse("pkcs11:", &u, &eb), VT_OK);
	assert_null(u.token);
	vt_p11uri_free(&u);
}

static void
test_uri_refused(void **state)
{
	struct vt_p11uri	 u;
	struct vt_errbuf	 eb;

	(void)state;
	assert_int_equal(vt_p11uri_parse("file:token=x", &u, &eb),
	    VT_ERR_INVALID);
	assert_int_equal(vt_p11uri_parse("pkcs11:token=%zz", &u, &eb),
	    VT_ERR_INVALID);
	assert_int_equal(vt_p11uri_parse("pkcs11:token=%4", &u, &eb),
	    VT_ERR_INVALID);
	assert_int_equal(vt_p11uri_parse("pkcs11:token", &u, &eb),
	    VT_ERR_INVALID);
	assert_int_equal(vt_p11uri_parse("pkcs11:token=a%00b", &u, &eb),
	    VT_ERR_INVALID);
	assert_int_equal(vt_p11uri_parse("pkcs11:token=t?pin-value=1234", &u,
	    &eb), VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "pin-value"));
}

static void
test_uri_format_round_trip(void **state)
{
	const unsigned char	 id[] = { 0x00, 0x41, 0xff };
	struct vt_p11uri	 u;
	struct vt_errbuf	 eb;
	char			*s;

	(void)state;
	s = vt_p11uri_format("UBND xã;a/b?c", id, sizeof id);
	assert_string_equal(s, "pkcs11:token=UBND%20x%C3%A3%3Ba%2Fb%3Fc;"
	    "id=%00%41%FF;type=private");
	assert_int_equal(vt_p11uri_parse(s, &u, &eb), VT_OK);
	assert_string_equal(u.token, "UBND xã;a/b?c");
	assert_int_equal(u.id_len, 3);
	assert_memory_equal(u.id, id, 3);
	vt_p11uri_free(&u);
	free(s);
}

static void
test_pdf_dates(void **state)
{
	char	 out[40];

	(void)state;
	assert_int_equal(vt_verify_format_pdf_date("D:20260305091530+07'00'",
	    out, sizeof out), 0);
	assert_string_equal(out, "2026-03-05T09:15:30+07:00");
	assert_int_equal(vt_verify_format_pdf_date("D:20261129074443Z", out,
	    sizeof out), 0);
	assert_string_equal(out, "2026-11-29T07:44:43Z");
	assert_int_equal(vt_verify_format_pdf_date("D:2026", out, sizeof out),
	    0);
	assert_string_equal(out, "2026-01-01T00:00:00Z");
	assert_int_equal(vt_verify_format_pdf_date("D:20260305-05'30", out,
	    sizeof out), 0);
	assert_string_equal(out, "2026-03-05T00:00:00-05:30");
	assert_int_equal(vt_verify_format_pdf_date("yesterday", out,
	    sizeof out), -1);
	assert_string_equal(out, "");
}

static void
test_vietnam_time(void **state)
{
	char	 out[40];

	(void)state;
	/* 2026-03-05T02:15:30Z is 09:15:30 in Hà Nội (UTC+7, no DST). */
	assert_string_equal(vt_format_vn_time(1772676930, out, sizeof out),
	    "2026-03-05T09:15:30+07:00");
	/* Across midnight UTC. */
	assert_string_equal(vt_format_vn_time(1772668800 + 18 * 3600, out,
	    sizeof out), "2026-03-06T01:00:00+07:00");
}

static void
test_parse_visible(void **state)
{
	struct vt_appearance	 ap;

	(void)state;
	memset(&ap, 0, sizeof ap);
	assert_int_equal(vt_parse_visible("2,300,500.5,200,100", &ap), 0);
	assert_int_equal(ap.page, 2);
	assert_true(ap.y > 500.4f && ap.y < 500.6f);
	assert_true(ap.has_rect);
	memset(&ap, 0, sizeof ap);
	assert_int_equal(vt_parse_visible("1,2", &ap), -1);
	assert_int_equal(vt_parse_visible("0,1,1,1,1", &ap), -1);
	assert_int_equal(vt_parse_visible("1,1,1,0,1", &ap), -1);
	assert_int_equal(vt_parse_visible("1,-1,1,1,1", &ap), -1);
	assert_int_equal(vt_parse_visible("1,1,1,1,1x", &ap), -1);
	assert_int_equal(vt_parse_visible("1,nan,nan,nan,nan", &ap), -1);
	assert_int_equal(vt_parse_visible("1,10,10,10,nan", &ap), -1);
	assert_int_equal(vt_parse_visible("1,inf,10,10,10", &ap), -1);
	assert_int_equal(vt_parse_visible("1,10,10,infinity,10", &ap), -1);
	assert_int_equal(vt_parse_visible("1,10,1e39,10,10", &ap), -1);
	assert_false(ap.has_rect);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uri_path_attributes),
		cmocka_unit_test(test_uri_query_and_unknown),
		cmocka_unit_test(test_uri_refused),
		cmocka_unit_test(test_uri_format_round_trip),
		cmocka_unit_test(test_pdf_dates),
		cmocka_unit_test(test_vietnam_time),
		cmocka_unit_test(test_parse_visible),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
