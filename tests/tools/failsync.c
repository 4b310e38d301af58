/*
 * tests/tools/failsync.so: LD_PRELOAD it to make every fdatasync(2)
 * fail with EIO while fsync(2) still succeeds: a disk that reported a
 * write-back error to the first flush only, as Linux does once per open
 * file (tests/cli/sign-basic.sh: the signing's early flush, lib/pdf-io.c,
 * must not lose it).
 */
#include <errno.h>
#include <unistd.h>

int
fdatasync(int fd)
{
	(void)fd;
	errno = EIO;
	return -1;
}
