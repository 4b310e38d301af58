/*
 * vanthu: work directories and the cleaning of stale temporary files
 * (vanthu/tmpclean.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"

const char *
vt_tmp_dir(void)
{
	const char	*t = getenv("TMPDIR");

	return t != NULL && *t != '\0' ? t : "/tmp";
}

char *
vt_tmp_workdir(const char *kind, int *lock, struct vt_errbuf *eb)
{
	char	*dir = xasprintf("%s/vanthu-%s-XXXXXX", vt_tmp_dir(), kind);

	*lock = -1;
	if (mkdtemp(dir) == NULL) {
		vt_fail(eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	*lock = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*lock >= 0 && flock(*lock, LOCK_EX | LOCK_NB) != 0) {
		close(*lock);
		*lock = -1;
	}
	return dir;
}

/* Remove the plain files of DIR and DIR; the number removed. */
static size_t
remove_flat_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0;
	int		 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return 0;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	if (rmdir(dir) == 0)
		n++;
	return n;
}

void
vt_tmp_workdir_remove(const char *dir, int lock)
{
	remove_flat_dir(dir);
	if (lock >= 0)
		close(lock);
}

/* NAME is vanthu-sign-XXXXXX or vanthu-issue-XXXXXX. */
static bool
is_workdir_name(const char *name)
{
	static const char *const kinds[] = { "vanthu-sign-", "vanthu-issue-" };
	size_t	 i, k;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		k = strlen(kinds[i]);
		if (strncmp(name, kinds[i], k) == 0 && strlen(name + k) == 6)
			return true;
	}
	return false;
}

/*
 * Work directories of this user, unchanged for VT_WORKDIR_STALE_SECONDS
 * as of NOW, that no live process holds locked.
 */
static size_t
clean_workdirs(const char *tmp_dir, time_t now)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		*path;
	size_t		 n = 0;
	int		 fd;

	if ((d = opendir(tmp_dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (!is_workdir_name(e->d_name))
			continue;
		path = xasprintf("%s/%s", tmp_dir, e->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
		    now - st.st_mtime > VT_WORKDIR_STALE_SECONDS &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			n += remove_flat_dir(path);
		if (fd >= 0)
			close(fd);
		free(path);
	}
	closedir(d);
	return n;
}

/* NAME.tmp.PID.N: the PID, or 0 when NAME is not such a name. */
static long
atomic_tmp_pid(const char *name)
{
	const char	*t = NULL, *p;
	char		*end;
	long		 pid;

	for (p = name; (p = strstr(p, ".tmp.")) != NULL; p++)
		t = p;
	if (t == NULL || t == name)
		return 0;
	pid = strtol(t + 5, &end, 10);
	if (end == t + 5 || *end != '.' || pid <= 0)
		return 0;
	p = end + 1;
	if (*p == '\0' || p[strspn(p, "0123456789")] != '\0')
		return 0;
	return pid;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* Is the file NAME (its ST) a stale temporary of ours as of NOW? */
static bool
is_stale(const char *name, const struct stat *st, time_t now)
{
	long	 pid;

	if (!S_ISREG(st->st_mode) || st->st_uid != geteuid())
		return false;
	if ((pid = atomic_tmp_pid(name)) > 0)
		return (pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
		    errno == ESRCH) ||
		    now - st->st_mtime > VT_TMP_STALE_SECONDS;
	if (ends_with(name, ".part") || ends_with(name, ".part.etag"))
		return now - st->st_mtime > VT_PART_STALE_SECONDS;
	return false;
}

static size_t
clean_tree(int dfd, int depth, time_t now)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	size_t		 n = 0;
	int		 sub;

	if ((d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "outbox") == 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0) {
			sub = openat(dirfd(d), e->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0)
				n += clean_tree(sub, depth - 1, now);
		} else if (is_stale(e->d_name, &st, now) &&
		    unlinkat(dirfd(d), e->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

size_t
vt_tmp_clean(const char *tmp_dir, const char *cache_dir, time_t now)
{
	size_t	 n = 0;
	int	 fd;

	if (tmp_dir != NULL)
		n += clean_workdirs(tmp_dir, now);
	if (cache_dir != NULL && (fd = open(cache_dir, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0)
		n += clean_tree(fd, 3, now);
	return n;
}
