/*
 * vanthu: the temporaries a signal must not leave behind
 * (vanthu/tmpclean.h, vt_tmp_guard_*).  A fixed table, no allocation:
 * the signal handler's side only swaps lock-free atomics and unlinks.
 */
#include "config.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/tmpclean.h"

/* A slot: FREE, being written by the adding thread (BUSY), or holding
   a path (ARMED).  The handler takes an ARMED slot (BUSY) before it
   reads the path, so no slot is read while written. */
enum { SLOT_FREE, SLOT_BUSY, SLOT_ARMED };

/* Only lock-free atomics may be used in a signal handler. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic int is not lock-free");
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "atomic bool is not lock-free");

static struct {
	atomic_int	state;
	char		path[VT_TMP_GUARD_PATH];
} slots[VT_TMP_GUARD_SLOTS];
static atomic_bool	enabled;

void
vt_tmp_guard_enable(void)
{
	atomic_store(&enabled, true);
}

void
vt_tmp_guard_add(const char *path)
{
	size_t	i, len;
	int	expect;

	if (path == NULL || !atomic_load(&enabled) ||
	    (len = strlen(path)) >= VT_TMP_GUARD_PATH)
		return;
	for (i = 0; i < VT_TMP_GUARD_SLOTS; i++) {
		expect = SLOT_FREE;
		if (atomic_compare_exchange_strong(&slots[i].state, &expect,
		    SLOT_BUSY)) {
			memcpy(slots[i].path, path, len + 1);
			atomic_store(&slots[i].state, SLOT_ARMED);
			return;
		}
	}
}

void
vt_tmp_guard_forget(const char *path)
{
	size_t	i;
	int	expect;

	if (path == NULL || !atomic_load(&enabled))
		return;
	for (i = 0; i < VT_TMP_GUARD_SLOTS; i++) {
		if (atomic_load(&slots[i].state) != SLOT_ARMED ||
		    strcmp(slots[i].path, path) != 0)
			continue;
		expect = SLOT_ARMED;
		atomic_compare_exchange_strong(&slots[i].state, &expect,
		    SLOT_FREE);
	}
}

void
vt_tmp_guard_unlink_all(void)
{
	size_t	i;
	int	expect;

	for (i = 0; i < VT_TMP_GUARD_SLOTS; i++) {
		expect = SLOT_ARMED;
		if (atomic_compare_exchange_strong(&slots[i].state, &expect,
		    SLOT_BUSY)) {
			unlink(slots[i].path);
			atomic_store(&slots[i].state, SLOT_FREE);
		}
	}
}
