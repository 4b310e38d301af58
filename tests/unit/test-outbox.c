/*
 * Unit tests for lib/outbox.c and lib/cache*.c without a server: the
 * maildir layout, durable adds, listing order, idempotency keys, the
 * inbox cache format and its damage detection.
 */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "vanthu/cache.h"
#include "vanthu/file.h"
#include "vanthu/outbox.h"
#include "vanthu/xmalloc.h"

static char *
tmpdir(void)
{
	char	tmpl[] = "/tmp/vanthu-unit.XXXXXX";

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
count_files(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	size_t		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void
test_uuid4(void **state)
{
	char	a[37], b[37];
	size_t	i;

	(void)state;
	assert_int_equal(vt_uuid4(a, NULL), VT_OK);
	assert_int_equal(vt_uuid4(b, NULL), VT_OK);
	assert_int_equal(strlen(a), 36);
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	for (i = 0; i < 36; i++)
		assert_true(i == 8 || i == 13 || i == 18 || i == 23 ?
		    a[i] == '-' : strchr("0123456789abcdef", a[i]) != NULL);
}

static void
test_outbox_add_and_list(void **state)
{
	struct vt_outbox	*ob;
	struct vt_action	*a;
	struct vt_action_spec	 spec;
	char			*dir = tmpdir(), *sub, *n1, *n2;
	size_t			 n;
	struct stat		 st;

	(void)state;
	assert_int_equal(vt_outbox_open(dir, &ob, NULL), VT_OK);
	memset(&spec, 0, sizeof spec);
	spec.kind = "comment";
	spec.target = "i12";
	spec.summary = "ý kiến \033[2J";
	spec.path = "/incoming/i12/comments";
	spec.body = "{\"text\":\"a\\nb\"}";
	spec.body_len = strlen(spec.body);
	assert_int_equal(vt_outbox_add(ob, &spec, &n1, NULL), VT_OK);
	spec.target = "i13";
	spec.path = "/incoming/i13/comments";
	assert_int_equal(vt_outbox_add(ob, &spec, &n2, NULL), VT_OK);
	assert_true(strcmp(n1, n2) < 0);
	sub = xasprintf("%s/new", dir);
	assert_int_equal(count_files(sub), 2);
	free(sub);
	sub = xasprintf("%s/tmp", dir);
	assert_int_equal(count_files(sub), 0);
	free(sub);
	sub = xasprintf("%s/new/%s", dir, n1);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(sub);

	assert_int_equal(vt_outbox_list(ob, &a, &n, NULL), VT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].name, n1);
	assert_string_equal(a[0].target, "i12");
	assert_string_equal(a[1].target, "i13");
	assert_string_equal(a[0].method, "POST");
	assert_string_equal(a[0].content_type, "application/json");
	assert_null(strchr(a[0].summary, '\033'));
	assert_string_not_equal(a[0].key, a[1].key);
	assert_false(a[0].failed);
	vt_action_list_free(a, n);

	assert_int_equal(vt_outbox_drop(ob, n1, NULL), VT_OK);
	assert_int_equal(vt_outbox_drop(ob, n1, NULL), VT_ERR_NOT_FOUND);
	assert_int_equal(vt_outbox_drop(ob, "../x", NULL), VT_ERR_INVALID);
	assert_int_equal(vt_outbox_list(ob, &a, &n, NULL), VT_OK);
	assert_int_equal(n, 1);
	vt_action_list_free(a, n);
	free(n1);
	free(n2);
	vt_outbox_close(ob);
	rmtree(dir);
	free(dir);
}

static void
test_damaged_action_is_listed(void **state)
{
	struct vt_outbox	*ob;
	struct vt_action	*a;
	char			*dir = tmpdir(), *path;
	size_t			 n;

	(void)state;
	assert_int_equal(vt_outbox_open(dir, &ob, NULL), VT_OK);
	path = xasprintf("%s/new/0000000000000.1.00000000", dir);
	assert_int_equal(vt_file_write_atomic(path, "garbage", 7, 0600, NULL),
	    VT_OK);
	/* Listed as damaged (never hidden), with what is wrong. */
	assert_int_equal(vt_outbox_list(ob, &a, &n, NULL), VT_OK);
	assert_int_equal(n, 1);
	assert_true(a[0].damaged);
	assert_false(a[0].failed);
	assert_non_null(a[0].problem);
	assert_string_equal(a[0].file, path);
	assert_string_equal(a[0].summary, "garbage");
	vt_action_list_free(a, n);
	free(path);
	vt_outbox_close(ob);
	rmtree(dir);
	free(dir);
}

/* A lock file that cannot be opened: nothing is sent, nothing lost. */
static void
test_flush_needs_the_lock(void **state)
{
	struct vt_outbox	*ob;
	struct vt_action_spec	 spec;
	struct vt_flush_result	 res;
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*dir = tmpdir(), *lock, *new;

	(void)state;
	assert_int_equal(vt_outbox_open(dir, &ob, NULL), VT_OK);
	memset(&spec, 0, sizeof spec);
	spec.kind = "comment";
	spec.target = "i1";
	spec.summary = "comment on i1";
	spec.path = "/incoming/i1/comments";
	spec.body = "{\"text\":\"x\"}";
	spec.body_len = strlen(spec.body);
	assert_int_equal(vt_outbox_add(ob, &spec, NULL, NULL), VT_OK);
	/* A directory where the lock file should be: open(2) fails. */
	lock = xasprintf("%s/lock", dir);
	assert_int_equal(mkdir(lock, 0700), 0);
	/* No client: the flush must not get as far as sending. */
	assert_int_equal(vt_outbox_flush(ob, NULL, NULL, &res, &eb),
	    VT_ERR_IO);
	assert_int_equal(eb.code, VT_ERR_IO);
	assert_int_equal(res.sent, 0);
	assert_int_equal(res.pending, 1);
	new = xasprintf("%s/new", dir);
	assert_int_equal(count_files(new), 1);
	free(new);
	free(lock);
	vt_outbox_close(ob);
	rmtree(dir);
	free(dir);
}

static void
fill_doc(struct vt_doc *d, int i)
{
	memset(d, 0, sizeof *d);
	d->id = xasprintf("i%d", i);
	d->code_number = xstrdup("15");
	d->code_notation = xstrdup("QĐ-UBND");
	d->number_notation = xstrdup("15/QĐ-UBND");
	d->type_code = xstrdup("QĐ");
	d->type_name = xstrdup("Quyết định");
	d->issued_date = NULL;
	d->promulgation_place = xstrdup("Thanh Hóa");
	d->organ.organ_id = xstrdup("000.00.31.H56");
	d->organ.organ_name = xstrdup("UBND huyện Hoằng Hóa");
	d->subject = xasprintf("Về việc số %d", i);
	d->signer.competence = xstrdup("");
	d->signer.position = xstrdup("Chủ tịch");
	d->signer.full_name = xstrdup("Lê Văn Bình");
	d->urgency = i % 5;
	d->due_date = i % 2 ? xstrdup("2026-12-05") : NULL;
	d->arrival_number = i;
	d->arrival_date = xstrdup("2026-11-21");
	d->page_amount = 2;
	d->status = xstrdup("04");
	d->read = i % 3 == 0;
	d->mine = true;
	d->attachment_count = 1;
	d->updated_at = xstrdup("2026-11-21T08:02:11+07:00");
}

static void
test_inbox_cache_round_trip(void **state)
{
	struct vt_cache		*c;
	struct vt_doc_list	 l = { 0 }, back = { 0 };
	struct vt_doc		 d;
	char			*dir = tmpdir(), *tok, *path;
	int			 i;
	FILE			*f;

	(void)state;
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &back, &tok, NULL),
	    VT_ERR_NOT_FOUND);
	for (i = 0; i < 100; i++) {
		fill_doc(&d, i);
		vt_doc_list_push(&l, &d);
	}
	assert_int_equal(vt_cache_inbox_save(c, &l, "s.1042", NULL), VT_OK);
	assert_int_equal(vt_cache_inbox_load(c, &back, &tok, NULL), VT_OK);
	assert_string_equal(tok, "s.1042");
	assert_int_equal(back.n, 100);
	for (i = 0; i < 100; i++) {
		assert_string_equal(back.items[i].id, l.items[i].id);
		assert_string_equal(back.items[i].subject, l.items[i].subject);
		assert_int_equal(back.items[i].urgency, l.items[i].urgency);
		assert_int_equal(back.items[i].read, l.items[i].read);
		assert_null(back.items[i].issued_date);
		if (i % 2)
			assert_string_equal(back.items[i].due_date,
			    "2026-12-05");
		else
			assert_null(back.items[i].due_date);
	}
	free(tok);
	vt_doc_list_clear(&back);

	/* Damage: a control byte in a field, then a cut line. */
	path = xasprintf("%s/inbox", dir);
	f = fopen(path, "a");
	fputs("i999\t\033[2J\n", f);
	fclose(f);
	assert_int_equal(vt_cache_inbox_load(c, &back, &tok, NULL),
	    VT_ERR_DAMAGED);
	assert_int_equal(back.n, 0);
	free(path);

	vt_doc_list_clear(&l);
	vt_cache_close(c);
	rmtree(dir);
	free(dir);
}

static void
test_objects_and_attachment_paths(void **state)
{
	struct vt_cache	*c;
	struct vt_buf	 b;
	char		*dir = tmpdir(), *etag, *p;

	(void)state;
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_object_save(c, "doc", "i1", "{\"a\":1}", 7,
	    "W/\"abc\"", NULL), VT_OK);
	vt_buf_init(&b);
	assert_int_equal(vt_cache_object_load(c, "doc", "i1", &b, &etag,
	    NULL), VT_OK);
	assert_string_equal(b.data, "{\"a\":1}");
	assert_string_equal(etag, "W/\"abc\"");
	free(etag);
	vt_buf_free(&b);
	assert_int_equal(vt_cache_object_save(c, "doc", "../x", "{}", 2, NULL,
	    NULL), VT_ERR_INVALID);
	assert_null(vt_cache_attachment_path(c, "../../etc/passwd"));
	p = vt_cache_attachment_path(c,
	    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	assert_non_null(p);
	free(p);
	vt_cache_close(c);
	rmtree(dir);
	free(dir);
}

/* A read mark is queued once per document, and the cached copy says
   read afterwards (vt_read_mark_queue, vt_outbox_add_once). */
static void
test_read_mark_once(void **state)
{
	struct vt_outbox	*ob;
	struct vt_cache		*c;
	struct vt_action	*a;
	struct vt_action_spec	 spec;
	struct vt_buf		 b;
	char			*dir = tmpdir(), *odir, *cdir, *name, *etag;
	bool			 queued;
	size_t			 n;

	(void)state;
	odir = xasprintf("%s/outbox", dir);
	cdir = xasprintf("%s/cache", dir);
	assert_int_equal(vt_outbox_open(odir, &ob, NULL), VT_OK);
	assert_int_equal(vt_cache_open(cdir, &c, NULL), VT_OK);
	assert_int_equal(vt_cache_object_save(c, "doc", "i7",
	    "{\"id\":\"i7\",\"read\":false}", 24, "W/\"1\"", NULL), VT_OK);

	assert_int_equal(vt_read_mark_queue(ob, c, "i7", &queued, NULL),
	    VT_OK);
	assert_true(queued);
	assert_int_equal(vt_read_mark_queue(ob, c, "i7", &queued, NULL),
	    VT_OK);
	assert_false(queued);
	/* Another document gets its own; one not cached is queued too. */
	assert_int_equal(vt_read_mark_queue(ob, c, "i8", &queued, NULL),
	    VT_OK);
	assert_true(queued);
	assert_int_equal(vt_outbox_list(ob, &a, &n, NULL), VT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(a[0].path, "/incoming/i7/read");
	assert_string_equal(a[1].path, "/incoming/i8/read");
	vt_action_list_free(a, n);

	/* The cached copy says read, without the old ETag. */
	vt_buf_init(&b);
	assert_int_equal(vt_cache_object_load(c, "doc", "i7", &b, &etag,
	    NULL), VT_OK);
	assert_non_null(strstr(b.data, "\"read\":true"));
	assert_null(strstr(b.data, "\"read\":false"));
	assert_true(etag == NULL || *etag == '\0');
	free(etag);
	vt_buf_free(&b);

	/* The same kind, method and path waits already: nothing added;
	   another method is another action. */
	memset(&spec, 0, sizeof spec);
	spec.kind = "read";
	spec.target = "i7";
	spec.path = "/incoming/i7/read";
	spec.body = "{}";
	spec.body_len = 2;
	assert_int_equal(vt_outbox_add_once(ob, &spec, &name, NULL), VT_OK);
	assert_null(name);
	spec.method = "PUT";
	assert_int_equal(vt_outbox_add_once(ob, &spec, &name, NULL), VT_OK);
	assert_non_null(name);
	free(name);

	vt_cache_close(c);
	vt_outbox_close(ob);
	rmtree(dir);
	free(odir);
	free(cdir);
	free(dir);
}

/* A read mark reaches the cached inbox's row (vt_read_mark_sent): a new
   file (a new inode: an open compact inbox keeps the old one and sees
   it replaced) with one byte changed, only when the row says unread;
   every other row and the sync token stay as they were. */
static void
test_read_mark_inbox_row(void **state)
{
	struct vt_cache		*c;
	struct vt_doc_list	 l = { 0 }, back = { 0 };
	struct vt_doc		 d;
	struct vt_buf		 before, after, again;
	struct stat		 st1, st2;
	struct vt_inbox		*in;
	char			*dir = tmpdir(), *tok, *path;
	size_t			 i, diff = 0;

	(void)state;
	assert_int_equal(vt_cache_open(dir, &c, NULL), VT_OK);
	/* No inbox yet: nothing to do, no error. */
	assert_int_equal(vt_read_mark_sent(c, "i1", NULL), VT_OK);
	for (i = 0; i < 6; i++) {
		fill_doc(&d, (int)i);	/* i0 and i3 read */
		vt_doc_list_push(&l, &d);
	}
	assert_int_equal(vt_cache_inbox_save(c, &l, "s.77", NULL), VT_OK);
	path = xasprintf("%s/inbox", dir);
	vt_buf_init(&before);
	vt_buf_init(&after);
	vt_buf_init(&again);
	assert_int_equal(vt_file_read(path, 1u << 20, &before, NULL), VT_OK);
	assert_int_equal(stat(path, &st1), 0);

	assert_int_equal(vt_read_mark_sent(c, "i4", NULL), VT_OK);
	assert_int_equal(stat(path, &st2), 0);
	assert_true(st1.st_ino != st2.st_ino);
	assert_int_equal(vt_file_read(path, 1u << 20, &after, NULL), VT_OK);
	assert_int_equal(after.len, before.len);
	for (i = 0; i < before.len; i++)
		diff += before.data[i] != after.data[i];
	assert_int_equal(diff, 1);
	assert_int_equal(vt_cache_inbox_load(c, &back, &tok, NULL), VT_OK);
	assert_string_equal(tok, "s.77");
	assert_int_equal(back.n, 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(back.items[i].id, l.items[i].id);
		assert_string_equal(back.items[i].subject, l.items[i].subject);
		assert_int_equal(back.items[i].read, i == 4 ||
		    l.items[i].read);
		assert_int_equal(back.items[i].mine, l.items[i].mine);
	}
	free(tok);
	vt_doc_list_clear(&back);
	/* The new inbox has its index already: the next start reads it
	   back, with the row read. */
	assert_int_equal(vt_inbox_open(c, &in, NULL), VT_OK);
	assert_true(vt_inbox_from_index(in));
	assert_int_equal(vt_inbox_marks(in, 4, "2026-12-02", -1) &
	    VT_INBOX_UNREAD, 0);
	vt_inbox_free(in);

	/* Read already, not in the inbox, or only a prefix of an id: the
	   file is left alone. */
	assert_int_equal(vt_read_mark_sent(c, "i4", NULL), VT_OK);
	assert_int_equal(vt_read_mark_sent(c, "i0", NULL), VT_OK);
	assert_int_equal(vt_read_mark_sent(c, "i99", NULL), VT_OK);
	assert_int_equal(vt_read_mark_sent(c, "i", NULL), VT_OK);
	assert_int_equal(vt_file_read(path, 1u << 20, &again, NULL), VT_OK);
	assert_int_equal(stat(path, &st1), 0);
	assert_true(st1.st_ino == st2.st_ino);
	assert_int_equal(again.len, after.len);
	assert_memory_equal(again.data, after.data, after.len);

	vt_buf_free(&before);
	vt_buf_free(&after);
	vt_buf_free(&again);
	vt_doc_list_clear(&l);
	free(path);
	vt_cache_close(c);
	rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uuid4),
		cmocka_unit_test(test_outbox_add_and_list),
		cmocka_unit_test(test_damaged_action_is_listed),
		cmocka_unit_test(test_flush_needs_the_lock),
		cmocka_unit_test(test_inbox_cache_round_trip),
		cmocka_unit_test(test_objects_and_attachment_paths),
		cmocka_unit_test(test_read_mark_once),
		cmocka_unit_test(test_read_mark_inbox_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
