/*
 * vanthu: temporary files, and cleaning those a killed vanthu left
 * behind.  Only vanthu's own names, only files of this user, and only
 * when no live process uses them: a work directory whose lock (flock(2))
 * no process holds; an atomic-write temporary NAME.tmp.PID.N whose
 * process is gone or which is older than a day; a partial download
 * NAME.part (and NAME.part.etag, kept to resume it) untouched for a
 * week.  The outbox's own tmp/ is the outbox's (vt_outbox_*): never
 * touched here.
 */
#ifndef VANTHU_TMPCLEAN_H
#define VANTHU_TMPCLEAN_H

#include <stddef.h>
#include <time.h>

#include "vanthu/error.h"

/* How old a stale atomic-write temporary and a partial download must
   be, in seconds, to go whatever their process. */
#define VT_TMP_STALE_SECONDS	(24 * 3600)
#define VT_PART_STALE_SECONDS	(7 * 24 * 3600)
/*
 * An unlocked work directory is left alone until it is this old: a
 * vanthu of an earlier version never locks its own, and a new one holds
 * no lock between mkdtemp(3) and flock(2).
 */
#define VT_WORKDIR_STALE_SECONDS	(3600)

/*
 * vt_tmp_dir: the directory for temporary files: $TMPDIR when set and
 * not empty, else "/tmp".  Static or the environment's; do not free.
 */
const char *vt_tmp_dir(void);

/*
 * vt_tmp_workdir: make the private directory vt_tmp_dir()/vanthu-KIND-
 * XXXXXX (mkdtemp(3), mode 0700) and lock it: *LOCK is a descriptor of
 * it holding flock(LOCK_EX) until vt_tmp_workdir_remove().  Returns its
 * path (the caller frees it), or NULL with VT_ERR_IO in EB.
 */
char	*vt_tmp_workdir(const char *kind, int *lock, struct vt_errbuf *eb);

/*
 * vt_tmp_workdir_remove: remove the files in DIR (one level: a work
 * directory holds no subdirectory), DIR itself, and close LOCK (-1:
 * none).
 */
void	 vt_tmp_workdir_remove(const char *dir, int lock);

/*
 * vt_tmp_clean: remove what killed vanthu processes left: work
 * directories vanthu-sign-* and vanthu-issue-* in TMP_DIR that no
 * process holds locked and that nothing changed for
 * VT_WORKDIR_STALE_SECONDS, and,
 * under CACHE_DIR (down to 3 levels), stale NAME.tmp.PID.N files and
 * partial downloads (see above), as of NOW (seconds since the epoch).
 * Either directory may be NULL.  Returns the number of files and
 * directories removed; what cannot be removed is left quietly.
 */
size_t	 vt_tmp_clean(const char *tmp_dir, const char *cache_dir,
	     time_t now);

/*
 * The temporaries a signal must not leave behind (the command line's
 * Ctrl-C during "vanthu sign": OUT.vanthu-XXXXXX beside the output).
 *
 * vt_tmp_guard_enable: from now on this process remembers the files
 * vt_file_temp_beside makes and the paths given to vt_tmp_guard_add,
 * until vt_tmp_guard_forget (their writer renamed or removed them).
 * Off by default: nothing is remembered.
 *
 * vt_tmp_guard_add: remember PATH (copied).  At most
 * VT_TMP_GUARD_SLOTS paths at a time, each shorter than
 * VT_TMP_GUARD_PATH bytes; one that does not fit is not remembered
 * (left behind on a signal, as without the guard).
 *
 * vt_tmp_guard_forget: PATH is no longer a temporary (renamed into
 * place or removed); NULL or a path not remembered: nothing.
 *
 * vt_tmp_guard_unlink_all: unlink(2) every remembered file.  Async-
 * signal-safe (POSIX.1-2017 2.4.3): it only reads and swaps lock-free
 * atomics (C11 7.14.1.1) and calls unlink, so that a signal handler of
 * the command line may call it before it lets the signal end the
 * process; a slot it takes is never written meanwhile.  Adding and
 * forgetting are for one thread; the handler may run on any.
 */
#define VT_TMP_GUARD_SLOTS	16
#define VT_TMP_GUARD_PATH	4096

void	 vt_tmp_guard_enable(void);
void	 vt_tmp_guard_add(const char *path);
void	 vt_tmp_guard_forget(const char *path);
void	 vt_tmp_guard_unlink_all(void);

#endif
