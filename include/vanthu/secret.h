/*
 * vanthu: buffers for secrets (a token's PIN, the server password).
 * A secret buffer has its own memory pages, locked in RAM (mlock(2):
 * never written to swap), left out of core dumps (madvise(2)
 * MADV_DONTDUMP), and wiped (OPENSSL_cleanse) before it is freed.
 * vt_wipe() clears any other copy.  Both faces (the command line and
 * the interface) read PINs and passwords into these; the core only
 * receives them, never asks for them.
 */
#ifndef VANTHU_SECRET_H
#define VANTHU_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/* Long enough for any PKCS#11 PIN (cards take 4 to 16 bytes) and any
   sensible password. */
#define VT_SECRET_MAX	256

/*
 * vt_secret_new: a new zeroed secret buffer of CAP bytes (CAP >= 1;
 * the caller keeps its text NUL-terminated within them), on its own
 * pages, locked in RAM when the system allows it (RLIMIT_MEMLOCK; a
 * refusal is not an error: the buffer is then only wiped).  Never
 * returns NULL (aborts on no memory, as xmalloc).  Free it with
 * vt_secret_free().
 */
char	*vt_secret_new(size_t cap);

/*
 * vt_secret_dup: a new secret buffer (VT_SECRET_MAX bytes, or more when
 * S is longer) holding a copy of the NUL-terminated S.
 */
char	*vt_secret_dup(const char *s);

/* vt_secret_cap: the capacity in bytes given to vt_secret_new(). */
size_t	 vt_secret_cap(const char *secret);

/* vt_secret_locked: whether SECRET's pages are locked in RAM. */
bool	 vt_secret_locked(const char *secret);

/* vt_secret_clear: wipe all of SECRET's bytes, keeping the buffer. */
void	 vt_secret_clear(char *secret);

/*
 * vt_secret_free: wipe all of SECRET's bytes, unlock and free its
 * pages.  NULL is allowed.
 */
void	 vt_secret_free(char *secret);

/*
 * vt_wipe: overwrite LEN bytes at P with zeros in a way the compiler
 * may not remove (OPENSSL_cleanse); for copies of a secret outside a
 * secret buffer (a request body, a stack array).  NULL is allowed.
 */
void	 vt_wipe(void *p, size_t len);

/*
 * vt_secret_read_line: read one line from FD byte by byte (no stdio
 * buffer keeps a copy) into a new secret buffer of VT_SECRET_MAX bytes
 * at *OUT, without its "\n" or "\r\n".  Returns its length; -1 at end
 * of input before any byte; -2 when it is longer than VT_SECRET_MAX - 1
 * bytes; -3 when it holds a NUL byte (which would silently cut it);
 * -4 on a read error.  On every negative return *OUT is NULL and what
 * was read is wiped.
 */
long	 vt_secret_read_line(int fd, char **out);

/* vt_wipe_str: vt_wipe() the bytes of the NUL-terminated S. */
void	 vt_wipe_str(char *s);

#endif
