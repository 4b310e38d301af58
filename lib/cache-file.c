/*
 * vanthu: durable file writes (temporary file, fsync, rename, fsync of
 * the directory) and whole-file reads.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

vt_code
vt_fsync_dir(const char *dir, struct vt_errbuf *eb)
{
	int	fd;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
	if (fsync(fd) != 0 && errno != EINVAL) {
		close(fd);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
	}
	close(fd);
	return VT_OK;
}

static bool
write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

vt_code
vt_file_write_atomic(const char *path, const void *data, size_t len, int mode,
    struct vt_errbuf *eb)
{
	static unsigned	 seq;
	char		*tmp, *dir, *slash;
	int		 fd, saved;
	vt_code		 code;

	tmp = xasprintf("%s.tmp.%ld.%u", path, (long)getpid(), seq++);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return code;
	}
	if (!write_all(fd, data, len) || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(saved));
		free(tmp);
		return code;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(saved));
		free(tmp);
		return code;
	}
	free(tmp);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		code = vt_fsync_dir(".", eb);
	else {
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		code = vt_fsync_dir(dir, eb);
	}
	free(dir);
	return code;
}

vt_code
vt_file_read(const char *path, size_t max, struct vt_buf *buf,
    struct vt_errbuf *eb)
{
	char	chunk[65536];
	ssize_t	n;
	size_t	total = 0;
	int	fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return vt_fail(eb, VT_ERR_NOT_FOUND, "%s", path);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			return vt_fail(eb, VT_ERR_IO, "%s: %s", path,
			    strerror(saved));
		}
		if (n == 0)
			break;
		total += (size_t)n;
		if (total > max) {
			close(fd);
			return vt_fail(eb, VT_ERR_TOO_BIG, "%s", path);
		}
		vt_buf_add(buf, chunk, (size_t)n);
	}
	close(fd);
	if (buf->data == NULL)
		vt_buf_add(buf, "", 0);
	return VT_OK;
}
