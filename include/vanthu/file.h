/*
 * vanthu: the base file module.  Whole-file reads with a size cap,
 * writes, durable replacement (temporary file in the same directory,
 * fsync, rename, fsync of the directory: POSIX rename(2) is atomic, so
 * a crash leaves the old or the new file, never a mix), mkdir -p, a
 * directory lock (flock(2) on DIR/lock) and the SHA-256 (FIPS 180-4)
 * of a file.  Used by the cache, the configuration, the session, the
 * outbox, downloads, signing and the command line; it depends on
 * nothing but the error and buffer modules (and OpenSSL's digest).
 */
#ifndef VANTHU_FILE_H
#define VANTHU_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"

/*
 * vt_file_read: read the whole file PATH into BUF (appended; BUF->data
 * is never NULL after success, even for an empty file), at most MAX
 * bytes.  Only a regular file is read: a directory, a named pipe (which
 * would block) or a device is refused before any read, and so is a file
 * whose size is over MAX (checked with fstat, not by reading it).
 * Errors: VT_ERR_NOT_FOUND if it does not exist, VT_ERR_TOO_BIG beyond
 * MAX bytes, VT_ERR_IO otherwise (with the path and reason as detail,
 * in the user's language).
 */
vt_code	 vt_file_read(const char *path, size_t max, struct vt_buf *buf,
	     struct vt_errbuf *eb);

/* Flags of vt_file_read_flags. */
#define VT_FILE_NOFOLLOW	0x1	/* a symbolic link is refused */

/*
 * vt_file_read_flags: vt_file_read with FLAGS; VT_FILE_NOFOLLOW for the
 * files vanthu writes itself (session, cache, outbox), where a link is
 * not expected: it is refused with VT_ERR_IO ("is a symbolic link").
 */
vt_code	 vt_file_read_flags(const char *path, size_t max, int flags,
	     struct vt_buf *buf, struct vt_errbuf *eb);

/*
 * vt_file_open_read: open PATH for reading with the checks of
 * vt_file_read_flags (a regular file, at most MAX bytes, no link with
 * VT_FILE_NOFOLLOW) without reading it; *FD gets the descriptor, which
 * the caller closes.  Errors as vt_file_read_flags.
 */
vt_code	 vt_file_open_read(const char *path, size_t max, int flags, int *fd,
	     struct vt_errbuf *eb);

/*
 * vt_file_write_fd: write all LEN bytes of DATA to the open descriptor
 * FD, going on after EINTR and short writes.  Returns false with errno
 * set when a write fails.
 */
bool	 vt_file_write_fd(int fd, const void *data, size_t len);

/*
 * vt_file_write: create the new file PATH with MODE (never over an
 * existing one: O_EXCL) and write LEN bytes of DATA to it.  Not
 * durable (no fsync); for files handed to the person, who sees an
 * error at once.  Errors: VT_ERR_IO with the reason ("File exists"
 * when PATH exists; a partly written file is removed).
 */
vt_code	 vt_file_write(const char *path, const void *data, size_t len,
	     int mode, struct vt_errbuf *eb);

/*
 * vt_file_write_atomic: write LEN bytes to PATH atomically with MODE:
 * PATH.tmp.PID.N in the same directory, fsync, rename over PATH, fsync
 * of the directory.  VT_ERR_IO with a detail on failure (the temporary
 * file is removed).
 */
vt_code	 vt_file_write_atomic(const char *path, const void *data, size_t len,
	     int mode, struct vt_errbuf *eb);

/*
 * vt_file_temp_beside: create an empty file PATH.vanthu-XXXXXX in the
 * directory of PATH (mkstemp(3)) with the mode a new file gets there
 * (0666 less the process's umask, read once per process, so that no
 * thread ever sets umask(2) while another creates files), closed, for
 * a writer that then renames it over PATH.  *TMP is its path (the
 * caller frees it and unlinks the file if it is not renamed; with the
 * guard on, see vt_tmp_guard_add in vanthu/tmpclean.h, the file is
 * remembered until the caller's vt_tmp_guard_forget).
 * Errors: VT_ERR_IO with the reason (nothing is left behind).
 */
vt_code	 vt_file_temp_beside(const char *path, char **tmp,
	     struct vt_errbuf *eb);

/* vt_fsync_dir: fsync the directory DIR (after a rename or unlink). */
vt_code	 vt_fsync_dir(const char *dir, struct vt_errbuf *eb);

/*
 * vt_fsync_parent: fsync the directory that holds PATH ("." for a bare
 * name, "/" for a file at the root).  Errors as vt_fsync_dir.
 */
vt_code	 vt_fsync_parent(const char *path, struct vt_errbuf *eb);

/*
 * vt_mkdirs: create PATH and its parents with MODE (as mkdir -p; those
 * that exist are left as they are).  Returns VT_ERR_IO with a detail
 * on failure.
 */
vt_code	 vt_mkdirs(const char *path, int mode, struct vt_errbuf *eb);

/*
 * vt_dir_lock: take an exclusive flock(2) on DIR/lock (created with
 * mode 0600 when missing), waiting as long as another process or thread
 * holds it.  On success *FD is the descriptor to give to
 * vt_dir_unlock.  Errors: VT_ERR_IO when the lock file cannot be
 * opened or locked (*FD is then -1).
 */
vt_code	 vt_dir_lock(const char *dir, int *fd, struct vt_errbuf *eb);
/* vt_dir_unlock: release a lock from vt_dir_lock (FD -1: nothing). */
void	 vt_dir_unlock(int fd);

/*
 * vt_sha256_file: the SHA-256 of the file at PATH as 64 lower-case hex
 * digits and a NUL in HEX.  Errors: VT_ERR_IO (unreadable).
 */
vt_code	 vt_sha256_file(const char *path, char hex[65],
	     struct vt_errbuf *eb);
/*
 * vt_sha256_fd: the same for the open file FD, read from its start
 * (its offset is left at the end).  Errors: VT_ERR_IO.
 */
vt_code	 vt_sha256_fd(int fd, char hex[65], struct vt_errbuf *eb);

#endif
