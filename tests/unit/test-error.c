/* Unit tests for lib/error.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/error.h"

static void
test_every_code_has_a_message(void **state)
{
	int	 c;

	(void)state;
	for (c = 0; c < VT_ERR_LAST; c++) {
		assert_non_null(vt_strerror((vt_code)c));
		assert_string_not_equal(vt_strerror((vt_code)c),
		    "Unknown error");
	}
	assert_string_equal(vt_strerror(VT_ERR_LAST), "Unknown error");
}

static void
test_exit_statuses(void **state)
{
	(void)state;
	assert_int_equal(vt_exit_status(VT_OK), 0);
	assert_int_equal(vt_exit_status(VT_ERR_USAGE), 2);
	assert_int_equal(vt_exit_status(VT_ERR_OFFLINE), 3);
	assert_int_equal(vt_exit_status(VT_ERR_TSA_NETWORK), 3);
	assert_int_equal(vt_exit_status(VT_ERR_STATUS_NETWORK), 3);
	assert_int_equal(vt_exit_status(VT_ERR_EXPIRED), 4);
	assert_int_equal(vt_exit_status(VT_ERR_REFUSED), 5);
	assert_int_equal(vt_exit_status(VT_ERR_STATE), 5);
	assert_int_equal(vt_exit_status(VT_ERR_PIN_INCORRECT), 6);
	assert_int_equal(vt_exit_status(VT_ERR_PDF_REPAIRED), 7);
	assert_int_equal(vt_exit_status(VT_ERR_IO), 1);
}

static void
test_fail_fills_the_buffer(void **state)
{
	struct vt_errbuf	 eb;
	char			 line[600];

	(void)state;
	assert_int_equal(vt_fail(&eb, VT_ERR_NOT_FOUND, "document %d", 42),
	    VT_ERR_NOT_FOUND);
	assert_int_equal(eb.code, VT_ERR_NOT_FOUND);
	assert_string_equal(eb.detail, "document 42");
	assert_string_equal(vt_errbuf_message(&eb, line, sizeof line),
	    "Not found: document 42");
	vt_fail(&eb, VT_ERR_CANCELLED, NULL);
	assert_string_equal(vt_errbuf_message(&eb, line, sizeof line),
	    "Cancelled");
	/* No buffer: still returns the code. */
	assert_int_equal(vt_fail(NULL, VT_ERR_IO, "x"), VT_ERR_IO);
}

static void
test_fail_truncates_long_details(void **state)
{
	struct vt_errbuf	 eb;
	char			 big[2000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	vt_fail(&eb, VT_ERR_IO, "%s", big);
	assert_int_equal(strlen(eb.detail), sizeof eb.detail - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_has_a_message),
		cmocka_unit_test(test_exit_statuses),
		cmocka_unit_test(test_fail_fills_the_buffer),
		cmocka_unit_test(test_fail_truncates_long_details),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
