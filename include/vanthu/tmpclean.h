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

#endif
