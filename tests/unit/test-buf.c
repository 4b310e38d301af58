/* Unit tests for lib/buf.c and lib/xmalloc.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/buf.h"
#include "vanthu/xmalloc.h"

static void
test_buf_grows_and_stays_terminated(void **state)
{
	struct vt_buf	 b;
	int		 i;

	(void)state;
	vt_buf_init(&b);
	for (i = 0; i < 1000; i++)
		vt_buf_puts(&b, "Hoằng Hóa ");
	assert_int_equal(b.len, 1000 * strlen("Hoằng Hóa "));
	assert_int_equal(b.data[b.len], '\0');
	assert_memory_equal(b.data + b.len - strlen("Hoằng Hóa "),
	    "Hoằng Hóa ", strlen("Hoằng Hóa "));
	vt_buf_free(&b);
	assert_null(b.data);
}

static void
test_buf_printf_and_steal(void **state)
{
	struct vt_buf	 b;
	char		*s;

	(void)state;
	vt_buf_init(&b);
	vt_buf_printf(&b, "%s/%s", "15", "QĐ-UBND");
	vt_buf_putc(&b, '!');
	s = vt_buf_steal(&b);
	assert_string_equal(s, "15/QĐ-UBND!");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
}

static void
test_buf_steal_empty_is_empty_string(void **state)
{
	struct vt_buf	 b;
	char		*s;

	(void)state;
	vt_buf_init(&b);
	s = vt_buf_steal(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void
test_buf_binary_data(void **state)
{
	struct vt_buf	 b;
	const char	 bin[] = { 'a', '\0', 'b' };

	(void)state;
	vt_buf_init(&b);
	vt_buf_add(&b, bin, sizeof bin);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, bin, 3);
	vt_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	vt_buf_free(&b);
}

static void
test_xasprintf_and_xstrndup(void **state)
{
	char	*s;

	(void)state;
	s = xasprintf("%d/%s", 5, "TB-UBND");
	assert_string_equal(s, "5/TB-UBND");
	free(s);
	/* Bytes, not characters: Q u y and two of the three bytes of ế. */
	s = xstrndup("Quyết định", 5);
	assert_int_equal(strlen(s), 5);
	assert_memory_equal(s, "Quy\xe1\xba", 5);
	free(s);
	s = xstrndup("15", 10);
	assert_string_equal(s, "15");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_stays_terminated),
		cmocka_unit_test(test_buf_printf_and_steal),
		cmocka_unit_test(test_buf_steal_empty_is_empty_string),
		cmocka_unit_test(test_buf_binary_data),
		cmocka_unit_test(test_xasprintf_and_xstrndup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
