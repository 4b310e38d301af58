/*
 * vanthu: the base file module (include/vanthu/file.h): durable writes
 * (temporary file, fsync, rename, fsync of the directory), whole-file
 * reads, mkdir -p, the directory lock and a file's SHA-256.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/tmpclean.h"
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

vt_code
vt_fsync_parent(const char *path, struct vt_errbuf *eb)
{
	char	*dir, *slash;
	vt_code	 code;

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

bool
vt_file_write_fd(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0) {
			errno = EIO;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

vt_code
vt_file_write(const char *path, const void *data, size_t len, int mode,
    struct vt_errbuf *eb)
{
	int	fd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	if (!vt_file_write_fd(fd, data, len) || close(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(path);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(saved));
	}
	return VT_OK;
}

vt_code
vt_file_write_atomic(const char *path, const void *data, size_t len, int mode,
    struct vt_errbuf *eb)
{
	static unsigned	 seq;
	char		*tmp;
	int		 fd, saved;
	vt_code		 code;

	tmp = xasprintf("%s.tmp.%ld.%u", path, (long)getpid(), seq++);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return code;
	}
	if (!vt_file_write_fd(fd, data, len) || fsync(fd) != 0) {
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
	return vt_fsync_parent(path, eb);
}

/*
 * Open PATH for reading as a regular file of at most MAX bytes: O_NONBLOCK
 * so that a FIFO put in its place cannot block, O_NOFOLLOW when FLAGS
 * says a link is not expected there; then fstat before any read.
 */
static vt_code
open_regular(const char *path, size_t max, int flags, int *fdp,
    struct vt_errbuf *eb)
{
	struct stat	st;
	int		fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    ((flags & VT_FILE_NOFOLLOW) ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (errno == ENOENT)
			return vt_fail(eb, VT_ERR_NOT_FOUND, "%s", path);
		if (errno == ELOOP && (flags & VT_FILE_NOFOLLOW))
			return vt_fail(eb, VT_ERR_IO, _("%s: is a symbolic "
			    "link, where vanthu keeps a file of its own"),
			    path);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		saved = errno;
		close(fd);
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(saved));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return vt_fail(eb, VT_ERR_IO, _("%s: not a regular file (%s)"),
		    path, S_ISDIR(st.st_mode) ? _("a directory") :
		    S_ISFIFO(st.st_mode) ? _("a named pipe") :
		    _("a device or socket"));
	}
	if ((unsigned long long)st.st_size > (unsigned long long)max) {
		close(fd);
		return vt_fail(eb, VT_ERR_TOO_BIG, "%s", path);
	}
	*fdp = fd;
	return VT_OK;
}

vt_code
vt_file_open_read(const char *path, size_t max, int flags, int *fd,
    struct vt_errbuf *eb)
{
	*fd = -1;
	return open_regular(path, max, flags, fd, eb);
}

vt_code
vt_file_read(const char *path, size_t max, struct vt_buf *buf,
    struct vt_errbuf *eb)
{
	return vt_file_read_flags(path, max, 0, buf, eb);
}

vt_code
vt_file_read_flags(const char *path, size_t max, int flags,
    struct vt_buf *buf, struct vt_errbuf *eb)
{
	char	chunk[65536];
	ssize_t	n;
	size_t	total = 0;
	int	fd = -1, saved;
	vt_code	code;

	if ((code = open_regular(path, max, flags, &fd, eb)) != VT_OK)
		return code;
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
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

vt_code
vt_mkdirs(const char *path, int mode, struct vt_errbuf *eb)
{
	char	*p, *s, c;
	vt_code	 code = VT_OK;

	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
			code = vt_fail(eb, VT_ERR_IO, "%s: %s", p,
			    strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return code;
}

vt_code
vt_dir_lock(const char *dir, int *fd, struct vt_errbuf *eb)
{
	char	*path = xasprintf("%s/lock", dir);
	vt_code	 code = VT_OK;
	int	 saved;

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0)
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path,
		    strerror(errno));
	else {
		while (flock(*fd, LOCK_EX) != 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(*fd);
			*fd = -1;
			code = vt_fail(eb, VT_ERR_IO, "%s: %s", path,
			    strerror(saved));
			break;
		}
	}
	free(path);
	return code;
}

void
vt_dir_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* closing the last descriptor releases it */
}

/* The SHA-256 of what is left to read on FD. */
static vt_code
sha256_rest(int fd, char hex[65], struct vt_errbuf *eb)
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0, i;
	EVP_MD_CTX		*ctx;
	ssize_t			 n;
	int			 saved = 0;

	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(ctx);
		return vt_fail(eb, VT_ERR_INTERNAL, "SHA-256");
	}
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			break;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	if (saved != 0 || EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 ||
	    mdlen != 32) {
		EVP_MD_CTX_free(ctx);
		return vt_fail(eb, VT_ERR_IO, "%s",
		    strerror(saved != 0 ? saved : EIO));
	}
	EVP_MD_CTX_free(ctx);
	for (i = 0; i < mdlen; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return VT_OK;
}

vt_code
vt_sha256_fd(int fd, char hex[65], struct vt_errbuf *eb)
{
	if (lseek(fd, 0, SEEK_SET) != 0)
		return vt_fail(eb, VT_ERR_IO, "%s", strerror(errno));
	return sha256_rest(fd, hex, eb);
}

vt_code
vt_sha256_file(const char *path, char hex[65], struct vt_errbuf *eb)
{
	struct vt_errbuf	 e;
	vt_code			 code;
	int			 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	code = sha256_rest(fd, hex, &e);
	close(fd);
	if (code != VT_OK)
		return vt_fail(eb, code, "%s: %s", path, e.detail);
	return VT_OK;
}

static pthread_once_t	 umask_once = PTHREAD_ONCE_INIT;
static mode_t		 umask_value;

static void
umask_read(void)
{
	umask_value = umask(0);
	umask(umask_value);
}

vt_code
vt_file_temp_beside(const char *path, char **tmp, struct vt_errbuf *eb)
{
	char	*t = xasprintf("%s.vanthu-XXXXXX", path);
	int	 fd;

	*tmp = NULL;
	pthread_once(&umask_once, umask_read);
	if ((fd = mkstemp(t)) < 0) {
		vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
		free(t);
		return VT_ERR_IO;
	}
	if ((fchmod(fd, 0666 & ~umask_value) != 0) | (close(fd) != 0)) {
		vt_fail(eb, VT_ERR_IO, "%s: %s", t, strerror(errno));
		unlink(t);
		free(t);
		return VT_ERR_IO;
	}
	*tmp = t;
	/* A signal must not leave it behind (vt_tmp_guard_*). */
	vt_tmp_guard_add(t);
	return VT_OK;
}
