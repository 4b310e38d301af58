/* Unit tests for lib/sign-pin.c: every PIN state PKCS#11 token flags
   can tell maps to its own exact sentence, the worst first. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/token.h"

#define INIT	VT_CKF_USER_PIN_INITIALIZED

static const char *
text_of(unsigned long flags)
{
	struct vt_pin_state	 st;

	vt_pin_state_from_flags(flags, &st);
	return vt_pin_state_text(&st);
}

static void
test_flags_map_to_the_state(void **state)
{
	struct vt_pin_state	 st;

	(void)state;
	vt_pin_state_from_flags(INIT | VT_CKF_USER_PIN_COUNT_LOW |
	    VT_CKF_USER_PIN_FINAL_TRY | VT_CKF_SO_PIN_LOCKED, &st);
	assert_true(st.count_low);
	assert_true(st.final_try);
	assert_false(st.locked);
	assert_false(st.not_set);
	assert_true(st.so_locked);
	vt_pin_state_from_flags(0, &st);
	assert_true(st.not_set);
	vt_pin_state_from_flags(INIT | VT_CKF_USER_PIN_TO_BE_CHANGED, &st);
	assert_true(st.to_be_changed);
	assert_false(st.count_low);
}

static void
test_each_state_has_its_sentence(void **state)
{
	(void)state;
	assert_string_equal(text_of(INIT),
	    "ready (no wrong PIN since the last right one)");
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_COUNT_LOW),
	    "a wrong PIN was entered since the last right one; the token "
	    "does not say how many tries are left");
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_FINAL_TRY),
	    "LAST TRY: the next wrong PIN locks the token");
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_LOCKED),
	    "LOCKED: the token refuses the PIN; unblock it with the token's "
	    "tool and its unblocking code (SO PIN, PUK), or ask the "
	    "certificate issuer");
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_LOCKED |
	    VT_CKF_SO_PIN_LOCKED), "LOCKED: the token refuses the PIN, and "
	    "its unblocking code (SO PIN) is locked too; only the "
	    "certificate issuer can help");
	assert_string_equal(text_of(0), "no PIN is set on this token: set "
	    "one with the token's tool");
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_TO_BE_CHANGED),
	    "ready, but the token asks for its PIN to be changed: change it "
	    "with the token's tool");
}

static void
test_the_worst_state_wins(void **state)
{
	(void)state;
	/* A card that says both: the last try matters more. */
	assert_string_equal(text_of(INIT | VT_CKF_USER_PIN_COUNT_LOW |
	    VT_CKF_USER_PIN_FINAL_TRY),
	    "LAST TRY: the next wrong PIN locks the token");
	assert_true(strncmp(text_of(INIT | VT_CKF_USER_PIN_FINAL_TRY |
	    VT_CKF_USER_PIN_LOCKED), "LOCKED", 6) == 0);
}

static void
test_after_a_wrong_pin(void **state)
{
	struct vt_pin_state	 st;

	(void)state;
	vt_pin_state_from_flags(INIT | VT_CKF_USER_PIN_COUNT_LOW, &st);
	assert_string_equal(vt_pin_wrong_text(&st), "the token does not say "
	    "how many tries are left; each wrong PIN brings it closer to "
	    "locking");
	assert_true(vt_pin_state_alarming(&st));
	vt_pin_state_from_flags(INIT | VT_CKF_USER_PIN_FINAL_TRY, &st);
	assert_string_equal(vt_pin_wrong_text(&st), "one try is left: the "
	    "next wrong PIN locks the token");
	vt_pin_state_from_flags(INIT | VT_CKF_USER_PIN_LOCKED, &st);
	assert_true(strncmp(vt_pin_wrong_text(&st), "this wrong PIN locked "
	    "the token", 29) == 0);
	vt_pin_state_from_flags(INIT, &st);
	assert_false(vt_pin_state_alarming(&st));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags_map_to_the_state),
		cmocka_unit_test(test_each_state_has_its_sentence),
		cmocka_unit_test(test_the_worst_state_wins),
		cmocka_unit_test(test_after_a_wrong_pin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
