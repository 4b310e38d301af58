/* Unit tests for lib/clock.c: Vietnam time whatever the host's TZ. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/clock.h"

static void
test_parse_offsets(void **state)
{
	time_t	a, b, c;

	(void)state;
	assert_true(vt_clock_parse("2026-12-01T23:30:00Z", &a));
	assert_true(vt_clock_parse("2026-12-02T06:30:00+07:00", &b));
	assert_true(vt_clock_parse("2026-12-02T06:30+0700", &c));
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	assert_int_equal(a, 1796167800);
	assert_false(vt_clock_parse("2026-02-30", &a));
	assert_false(vt_clock_parse("2026-12-01T25:00Z", &a));
	assert_false(vt_clock_parse("yesterday", &a));
}

static void
test_today_is_vietnam(void **state)
{
	char	d[11];

	(void)state;
	setenv("TZ", "UTC", 1);
	assert_int_equal(vt_clock_set_zone("Asia/Ho_Chi_Minh", NULL), VT_OK);
	/* 23:30 UTC on 1 December is 06:30 on 2 December in Vietnam. */
	setenv("VANTHU_NOW", "2026-12-01T23:30:00Z", 1);
	vt_clock_today(d);
	assert_string_equal(d, "2026-12-02");
	setenv("VANTHU_NOW", "2026-12-01T16:59:59Z", 1);
	vt_clock_today(d);
	assert_string_equal(d, "2026-12-01");
	setenv("VANTHU_NOW", "2026-12-01T17:00:00Z", 1);
	vt_clock_today(d);
	assert_string_equal(d, "2026-12-02");
	assert_int_equal(vt_clock_set_zone("UTC", NULL), VT_OK);
	vt_clock_today(d);
	assert_string_equal(d, "2026-12-01");
	assert_int_equal(vt_clock_set_zone("Mars/Olympus", NULL),
	    VT_ERR_CONFIG);
	assert_int_equal(vt_clock_offset(), 0);
	assert_int_equal(vt_clock_set_zone("+07:00", NULL), VT_OK);
	assert_int_equal(vt_clock_offset(), 7 * 3600);
	unsetenv("VANTHU_NOW");
}

static void
test_show(void **state)
{
	char	out[32], iso[32];

	(void)state;
	vt_clock_set_zone("Asia/Ho_Chi_Minh", NULL);
	assert_string_equal(vt_clock_show("2028-12-01T23:01:10Z",
	    VT_CLOCK_DATETIME, out, sizeof out), "02/12/2028 06:01");
	assert_string_equal(vt_clock_show("2028-12-01T23:01:10Z",
	    VT_CLOCK_DATE, out, sizeof out), "02/12/2028");
	assert_string_equal(vt_clock_show("2026-03-05", VT_CLOCK_DATETIME,
	    out, sizeof out), "05/03/2026");
	assert_string_equal(vt_clock_show("2026-03-05", VT_CLOCK_DATE_SHORT,
	    out, sizeof out), "05/03");
	assert_string_equal(vt_clock_show("không rõ", VT_CLOCK_DATE, out,
	    sizeof out), "không rõ");
	assert_string_equal(vt_clock_show(NULL, VT_CLOCK_DATE, out,
	    sizeof out), "");
	assert_string_equal(vt_clock_iso(1796167800, iso),
	    "2026-12-02T06:30:00+07:00");
}

static void
test_read_date(void **state)
{
	char			d[11];
	struct vt_errbuf	eb;

	(void)state;
	setenv("VANTHU_NOW", "2026-12-01T23:30:00Z", 1);
	assert_int_equal(vt_clock_read_date("5/12", d, NULL), VT_OK);
	assert_string_equal(d, "2026-12-05");
	assert_int_equal(vt_clock_read_date(" 05/01/2027 ", d, NULL), VT_OK);
	assert_string_equal(d, "2027-01-05");
	assert_int_equal(vt_clock_read_date("5.1.27", d, NULL), VT_OK);
	assert_string_equal(d, "2027-01-05");
	assert_int_equal(vt_clock_read_date("2026-12-31", d, NULL), VT_OK);
	assert_string_equal(d, "2026-12-31");
	assert_int_equal(vt_clock_read_date("31/2", d, &eb), VT_ERR_INVALID);
	assert_true(eb.detail[0] != '\0');
	assert_int_equal(vt_clock_read_date("mai", d, NULL), VT_ERR_INVALID);
	assert_true(vt_clock_add_days("2026-12-30", 5, d));
	assert_string_equal(d, "2027-01-04");
	unsetenv("VANTHU_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_offsets),
		cmocka_unit_test(test_today_is_vietnam),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_read_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
