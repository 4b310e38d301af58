/* Unit tests for lib/file.c, the base file module. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"

/* SHA-256("abc"), FIPS 180-4 appendix B.1. */
#define ABC_SHA256 \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static char *
tmpdir(void)
{
	char	tmpl[] = "/tmp/vanthu-file.XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

static void
rmtree(const char *dir)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static size_t
count_entries(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	size_t		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_read_caps_and_errors(void **state)
{
	struct vt_errbuf eb = { VT_OK, "" };
	struct vt_buf	 b;
	char		*dir = tmpdir(), *p = xasprintf("%s/công-văn", dir);
	char		*empty = xasprintf("%s/empty", dir);

	(void)state;
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(p, 100, &b, &eb), VT_ERR_NOT_FOUND);
	assert_non_null(strstr(eb.detail, "công-văn"));
	assert_int_equal(vt_file_write_atomic(p, "Số 15/QĐ", strlen("Số 15/QĐ"),
	    0600, NULL), VT_OK);
	assert_int_equal(vt_file_read(p, 100, &b, NULL), VT_OK);
	assert_int_equal(b.len, strlen("Số 15/QĐ"));
	assert_string_equal(b.data, "Số 15/QĐ");
	vt_buf_reset(&b);
	/* One byte over the cap is refused. */
	assert_int_equal(vt_file_read(p, strlen("Số 15/QĐ") - 1, &b, NULL),
	    VT_ERR_TOO_BIG);
	vt_buf_free(&b);
	/* An empty file reads as an empty string, not NULL. */
	assert_int_equal(vt_file_write(empty, "", 0, 0600, NULL), VT_OK);
	assert_int_equal(vt_file_read(empty, 10, &b, NULL), VT_OK);
	assert_non_null(b.data);
	assert_int_equal(b.len, 0);
	vt_buf_free(&b);
	/* A directory cannot be read as a file. */
	assert_int_equal(vt_file_read(dir, 10, &b, NULL), VT_ERR_IO);
	vt_buf_free(&b);
	rmtree(dir);
	free(p);
	free(empty);
	free(dir);
}

static void
test_write_atomic_replaces_and_leaves_nothing(void **state)
{
	struct vt_buf	 b;
	struct stat	 st;
	char		*dir = tmpdir(), *p = xasprintf("%s/f", dir);

	(void)state;
	umask(022);
	assert_int_equal(vt_file_write_atomic(p, "old", 3, 0600, NULL), VT_OK);
	assert_int_equal(vt_file_write_atomic(p, "newer", 5, 0640, NULL),
	    VT_OK);
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(p, 100, &b, NULL), VT_OK);
	assert_string_equal(b.data, "newer");
	vt_buf_free(&b);
	/* No temporary file is left beside it. */
	assert_int_equal(count_entries(dir), 1);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);	/* the new mode */
	/* A missing directory: an error, and nothing created. */
	free(p);
	p = xasprintf("%s/no/such/f", dir);
	assert_int_equal(vt_file_write_atomic(p, "x", 1, 0600, NULL),
	    VT_ERR_IO);
	assert_int_equal(count_entries(dir), 1);
	rmtree(dir);
	free(p);
	free(dir);
}

static void
test_write_never_overwrites(void **state)
{
	struct vt_errbuf eb = { VT_OK, "" };
	struct vt_buf	 b;
	char		*dir = tmpdir(), *p = xasprintf("%s/f.pdf", dir);

	(void)state;
	assert_int_equal(vt_file_write(p, "first", 5, 0644, NULL), VT_OK);
	assert_int_equal(vt_file_write(p, "second", 6, 0644, &eb), VT_ERR_IO);
	assert_non_null(strstr(eb.detail, strerror(EEXIST)));
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(p, 100, &b, NULL), VT_OK);
	assert_string_equal(b.data, "first");
	vt_buf_free(&b);
	rmtree(dir);
	free(p);
	free(dir);
}

static void
test_mkdirs(void **state)
{
	struct stat	 st;
	char		*dir = tmpdir(), *p = xasprintf("%s/a/b/c", dir);
	char		*f = xasprintf("%s/file", dir);

	(void)state;
	assert_int_equal(vt_mkdirs(p, 0700, NULL), VT_OK);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* Again: what exists is fine. */
	assert_int_equal(vt_mkdirs(p, 0700, NULL), VT_OK);
	/* A file in the way is an error. */
	assert_int_equal(vt_file_write(f, "x", 1, 0600, NULL), VT_OK);
	free(p);
	p = xasprintf("%s/file/sub", dir);
	assert_int_equal(vt_mkdirs(p, 0700, NULL), VT_ERR_IO);
	rmtree(dir);
	free(p);
	free(f);
	free(dir);
}

static void
test_sha256(void **state)
{
	char	*dir = tmpdir(), *p = xasprintf("%s/abc", dir);
	char	 hex[65];
	int	 fd;

	(void)state;
	assert_int_equal(vt_file_write(p, "abc", 3, 0600, NULL), VT_OK);
	assert_int_equal(vt_sha256_file(p, hex, NULL), VT_OK);
	assert_string_equal(hex, ABC_SHA256);
	/* From an open file: from its start, whatever its offset. */
	fd = open(p, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(lseek(fd, 2, SEEK_SET), 2);
	memset(hex, 0, sizeof hex);
	assert_int_equal(vt_sha256_fd(fd, hex, NULL), VT_OK);
	assert_string_equal(hex, ABC_SHA256);
	close(fd);
	free(p);
	p = xasprintf("%s/missing", dir);
	assert_int_equal(vt_sha256_file(p, hex, NULL), VT_ERR_IO);
	rmtree(dir);
	free(p);
	free(dir);
}

/* Whether DIR/lock can be locked at once by another open file. */
static bool
lock_free(const char *dir)
{
	char	*path = xasprintf("%s/lock", dir);
	int	 fd = open(path, O_RDWR);
	bool	 ok;

	free(path);
	assert_true(fd >= 0);
	ok = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return ok;
}

static void
test_dir_lock(void **state)
{
	struct vt_errbuf eb = { VT_OK, "" };
	char		*dir = tmpdir(), *sub;
	int		 fd, fd2;

	(void)state;
	assert_int_equal(vt_dir_lock(dir, &fd, NULL), VT_OK);
	assert_true(fd >= 0);
	/* Held: nobody else gets it. */
	assert_false(lock_free(dir));
	vt_dir_unlock(fd);
	assert_true(lock_free(dir));
	/* Taken again after release. */
	assert_int_equal(vt_dir_lock(dir, &fd2, NULL), VT_OK);
	assert_false(lock_free(dir));
	vt_dir_unlock(fd2);
	vt_dir_unlock(-1);
	/* A lock that cannot be opened is an error, not a silent pass. */
	sub = xasprintf("%s/sub", dir);
	assert_int_equal(vt_mkdirs(sub, 0700, NULL), VT_OK);
	free(sub);
	sub = xasprintf("%s/sub/lock", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	free(sub);
	sub = xasprintf("%s/sub", dir);
	assert_int_equal(vt_dir_lock(sub, &fd, &eb), VT_ERR_IO);
	assert_int_equal(fd, -1);
	assert_non_null(strstr(eb.detail, "lock"));
	free(sub);
	rmtree(dir);
	free(dir);
}

/* Runs first: the umask is read once per process, at the first call. */
static void
test_temp_beside(void **state)
{
	struct vt_errbuf eb = { VT_OK, "" };
	char		*dir = tmpdir(), *path, *tmp = NULL, *missing;
	struct stat	 st;
	mode_t		 old = umask(027);

	(void)state;
	path = xasprintf("%s/out.pdf", dir);
	assert_int_equal(vt_file_temp_beside(path, &tmp, &eb), VT_OK);
	assert_non_null(tmp);
	assert_int_equal(strncmp(tmp, path, strlen(path)), 0);
	assert_int_equal(strncmp(tmp + strlen(path), ".vanthu-", 8), 0);
	assert_int_equal(stat(tmp, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	/* The umask is left as it was. */
	assert_int_equal(umask(old), 027);
	assert_int_equal(unlink(tmp), 0);
	free(tmp);
	/* A directory that is not there: an error, nothing made. */
	missing = xasprintf("%s/none/out.pdf", dir);
	tmp = missing;
	assert_int_equal(vt_file_temp_beside(missing, &tmp, &eb), VT_ERR_IO);
	assert_null(tmp);
	assert_non_null(strstr(eb.detail, "none/out.pdf"));
	assert_int_equal(count_entries(dir), 0);
	free(missing);
	free(path);
	rmtree(dir);
	free(dir);
}

/*
 * The guard against signals (vt_tmp_guard_*): off, nothing is
 * remembered; on, a temporary of vt_file_temp_beside is unlinked by
 * vt_tmp_guard_unlink_all until it is forgotten (renamed into place);
 * the renamed output and other files are never touched.
 */
static void
test_temp_guard(void **state)
{
	struct vt_errbuf eb = { VT_OK, "" };
	char		*dir = tmpdir(), *out, *t1 = NULL, *t2 = NULL, *other;
	FILE		*f;

	(void)state;
	out = xasprintf("%s/out.pdf", dir);
	other = xasprintf("%s/in.pdf", dir);
	assert_non_null(f = fopen(other, "w"));
	fclose(f);
	/* Off: the temporary is not remembered. */
	assert_int_equal(vt_file_temp_beside(out, &t1, &eb), VT_OK);
	vt_tmp_guard_unlink_all();
	assert_int_equal(access(t1, F_OK), 0);
	assert_int_equal(unlink(t1), 0);
	free(t1);

	vt_tmp_guard_enable();
	assert_int_equal(vt_file_temp_beside(out, &t1, &eb), VT_OK);
	assert_int_equal(vt_file_temp_beside(out, &t2, &eb), VT_OK);
	/* t2 is renamed into place and forgotten: it stays. */
	assert_int_equal(rename(t2, out), 0);
	vt_tmp_guard_forget(t2);
	vt_tmp_guard_unlink_all();
	assert_int_equal(access(t1, F_OK), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(access(out, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_int_equal(count_entries(dir), 2);
	/* A path too long to remember, and more paths than slots: no
	   harm, the ones that fit are still removed. */
	{
		char	long_path[VT_TMP_GUARD_PATH + 10];
		int	i;

		memset(long_path, 'x', sizeof long_path - 1);
		long_path[sizeof long_path - 1] = '\0';
		vt_tmp_guard_add(long_path);
		vt_tmp_guard_forget(t1);
		free(t1);
		assert_int_equal(vt_file_temp_beside(out, &t1, &eb), VT_OK);
		for (i = 0; i < VT_TMP_GUARD_SLOTS + 4; i++)
			vt_tmp_guard_add(other);
		vt_tmp_guard_forget(other);
		vt_tmp_guard_unlink_all();
		assert_int_equal(access(t1, F_OK), -1);
		assert_int_equal(access(other, F_OK), 0);
	}
	free(t1);
	free(t2);
	free(out);
	free(other);
	rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_temp_beside),
		cmocka_unit_test(test_read_caps_and_errors),
		cmocka_unit_test(test_write_atomic_replaces_and_leaves_nothing),
		cmocka_unit_test(test_write_never_overwrites),
		cmocka_unit_test(test_mkdirs),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_dir_lock),
		cmocka_unit_test(test_temp_guard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
