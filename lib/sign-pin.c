/*
 * vanthu: the state of a token's PIN in words (vanthu/token.h), from
 * the CK_TOKEN_INFO flags of PKCS#11 2.40 section 3.2.  These flags are
 * all a token tells: CKF_USER_PIN_COUNT_LOW (a wrong PIN since the last
 * right one), CKF_USER_PIN_FINAL_TRY (the next wrong PIN locks it),
 * CKF_USER_PIN_LOCKED, CKF_USER_PIN_TO_BE_CHANGED, and the same for the
 * security officer's PIN; no token says how many tries are left.
 */
#include "config.h"

#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/token.h"

void
vt_pin_state_from_flags(unsigned long flags, struct vt_pin_state *st)
{
	memset(st, 0, sizeof *st);
	st->count_low = (flags & VT_CKF_USER_PIN_COUNT_LOW) != 0;
	st->final_try = (flags & VT_CKF_USER_PIN_FINAL_TRY) != 0;
	st->locked = (flags & VT_CKF_USER_PIN_LOCKED) != 0;
	st->to_be_changed = (flags & VT_CKF_USER_PIN_TO_BE_CHANGED) != 0;
	st->not_set = (flags & VT_CKF_USER_PIN_INITIALIZED) == 0;
	st->so_locked = (flags & VT_CKF_SO_PIN_LOCKED) != 0;
}

const char *
vt_pin_state_text(const struct vt_pin_state *st)
{
	if (st->locked && st->so_locked)
		return _("LOCKED: the token refuses the PIN, and its unblocking "
		    "code (SO PIN) is locked too; only the certificate issuer "
		    "can help");
	if (st->locked)
		return _("LOCKED: the token refuses the PIN; unblock it with "
		    "the token's tool and its unblocking code (SO PIN, PUK), "
		    "or ask the certificate issuer");
	if (st->not_set)
		return _("no PIN is set on this token: set one with the "
		    "token's tool");
	if (st->final_try)
		return _("LAST TRY: the next wrong PIN locks the token");
	if (st->count_low)
		return _("a wrong PIN was entered since the last right one; "
		    "the token does not say how many tries are left");
	if (st->to_be_changed)
		return _("ready, but the token asks for its PIN to be "
		    "changed: change it with the token's tool");
	return _("ready (no wrong PIN since the last right one)");
}

const char *
vt_pin_wrong_text(const struct vt_pin_state *st)
{
	if (st->locked)
		return _("this wrong PIN locked the token: unblock it with "
		    "the token's tool and its unblocking code (SO PIN, PUK), "
		    "or ask the certificate issuer");
	if (st->final_try)
		return _("one try is left: the next wrong PIN locks the "
		    "token");
	return _("the token does not say how many tries are left; each "
	    "wrong PIN brings it closer to locking");
}

bool
vt_pin_state_alarming(const struct vt_pin_state *st)
{
	return st->locked || st->final_try || st->count_low || st->not_set ||
	    st->to_be_changed;
}
