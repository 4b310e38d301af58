/* Unit tests for lib/secret.c: secret buffers are locked in RAM while
   they live, wiped, and unlocked when freed. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/secret.h"

/* AddressSanitizer's mlock() does nothing and says it worked: the
   kernel's count of locked memory cannot be checked in that build. */
#if defined(__SANITIZE_ADDRESS__)
#define VMLCK_CHECKED	0
#else
#define VMLCK_CHECKED	1
#endif

/* VmLck of /proc/self/status, in kB (-1 when it cannot be read). */
static long
locked_kb(void)
{
	FILE	*f = fopen("/proc/self/status", "r");
	char	 line[256];
	long	 kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmLck: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static void
test_secret_is_locked_while_it_lives(void **state)
{
	long	 before, during, after;
	char	*s;

	(void)state;
	before = locked_kb();
	s = vt_secret_new(64);
	during = locked_kb();
	if (!vt_secret_locked(s)) {
		/* RLIMIT_MEMLOCK too small here: say so, but the buffer
		   must still work and be wiped. */
		fprintf(stderr, "# mlock refused (RLIMIT_MEMLOCK)\n");
	} else if (VMLCK_CHECKED) {
		assert_true(before >= 0);
		assert_true(during > before);
	} else
		fprintf(stderr, "# AddressSanitizer build: VmLck not checked\n");
	assert_int_equal(vt_secret_cap(s), 64);
	strcpy(s, "739184");
	vt_secret_free(s);
	after = locked_kb();
	if (VMLCK_CHECKED)
		assert_int_equal(after, before);
}

static void
test_secret_starts_zeroed_and_clears(void **state)
{
	char	*s;
	size_t	 i;

	(void)state;
	s = vt_secret_new(VT_SECRET_MAX);
	for (i = 0; i < VT_SECRET_MAX; i++)
		assert_int_equal(s[i], 0);
	memset(s, 'x', VT_SECRET_MAX - 1);
	vt_secret_clear(s);
	for (i = 0; i < VT_SECRET_MAX; i++)
		assert_int_equal(s[i], 0);
	vt_secret_free(s);
	vt_secret_free(NULL);
}

static void
test_secret_dup_copies_and_grows(void **state)
{
	char	 long_pw[600];
	char	*s;

	(void)state;
	s = vt_secret_dup("Mật khẩu 2026");
	assert_string_equal(s, "Mật khẩu 2026");
	assert_int_equal(vt_secret_cap(s), VT_SECRET_MAX);
	vt_secret_free(s);
	memset(long_pw, 'p', sizeof long_pw - 1);
	long_pw[sizeof long_pw - 1] = '\0';
	s = vt_secret_dup(long_pw);
	assert_string_equal(s, long_pw);
	assert_int_equal(vt_secret_cap(s), sizeof long_pw);
	vt_secret_free(s);
}

static void
test_wipe_clears_every_byte(void **state)
{
	char	 pin[] = "739184";
	char	 buf[32];
	size_t	 i;

	(void)state;
	vt_wipe_str(pin);
	for (i = 0; i < sizeof pin; i++)
		assert_int_equal(pin[i], 0);
	memset(buf, 'z', sizeof buf);
	vt_wipe(buf, 10);
	for (i = 0; i < 10; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(buf[10], 'z');
	vt_wipe(NULL, 5);
	vt_wipe_str(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret_is_locked_while_it_lives),
		cmocka_unit_test(test_secret_starts_zeroed_and_clears),
		cmocka_unit_test(test_secret_dup_copies_and_grows),
		cmocka_unit_test(test_wipe_clears_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
