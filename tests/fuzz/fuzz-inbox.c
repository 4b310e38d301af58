/*
 * libFuzzer target for the cached inbox file (lib/cache.c) and the
 * compact inbox that reads it (lib/model-inbox.c, issue 17): the input
 * is written as the cache's inbox file, then read both ways.  For any
 * input: no crash, leak, out-of-bounds access or undefined behaviour;
 * vt_inbox_open and vt_cache_inbox_load accept and refuse the same
 * files, with the same documents in the same order; a refused file
 * gives VT_ERR_DAMAGED with a message; every row reads back with its
 * id; sorting, the marks and a search run on whatever was accepted; and
 * a row read after the file was cut short in place is an error, not a
 * crash.
 *
 * Build: see mk/perf-model.am (make check runs it briefly).
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/cache.h"
#include "vanthu/model.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vt_cache	*cache;
static char		*path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char		*base = getenv("TMPDIR");
	struct vt_errbuf	 eb;
	char			*dir;

	(void)argc;
	(void)argv;
	if (access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (base == NULL)
		base = "/tmp";
	dir = xasprintf("%s/vanthu-fuzz-inbox.XXXXXX", base);
	if (mkdtemp(dir) == NULL || vt_cache_open(dir, &cache, &eb) != VT_OK)
		abort();
	path = xasprintf("%s/inbox", dir);
	free(dir);
	return 0;
}

static void
put_file(const uint8_t *data, size_t size)
{
	int	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) ||
	    close(fd) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_doc_list	 ref = { 0 };
	struct vt_inbox		*in;
	struct vt_errbuf	 eb;
	struct vt_text_query	*q;
	struct vt_doc		 d;
	uint32_t		*order;
	size_t			 i, n, len;
	vt_code			 a, b;
	int			 s;

	put_file(data, size);
	memset(&eb, 0, sizeof eb);
	a = vt_inbox_open(cache, &in, &eb);
	b = vt_cache_inbox_load(cache, &ref, NULL, NULL);
	if (a != b || (a != VT_OK && (a != VT_ERR_DAMAGED || eb.detail[0] ==
	    '\0' || in != NULL)))
		abort();
	if (a != VT_OK)
		return 0;
	n = vt_inbox_count(in);
	if (n != ref.n)
		abort();
	for (i = 0; i < n; i++) {
		if (strcmp(vt_inbox_id(in, i), ref.items[i].id) != 0 ||
		    vt_inbox_doc(in, i, &d, NULL) != VT_OK ||
		    strcmp(d.id, ref.items[i].id) != 0 ||
		    strcmp(vt_inbox_key(in, i, &len),
		    ref.items[i].search_key) != 0)
			abort();
	}
	order = xreallocarray(NULL, n + 1, sizeof *order);
	for (s = 0; s < VT_SORT_LAST; s++)
		vt_inbox_sort(in, (enum vt_doc_sort)s, order);
	free(order);
	q = vt_text_search_new("hoa 1");
	for (i = 0; i < n; i++) {
		vt_inbox_marks(in, i, "2026-12-02", 3);
		if (vt_inbox_matches(in, i, q) != vt_doc_matches(q,
		    &ref.items[i]))
			abort();
	}
	vt_text_query_free(q);
	/* Cut short in place while open: errors, no crash. */
	if (size > 1 && truncate(path, (off_t)(size / 2)) == 0)
		for (i = 0; i < n; i++)
			vt_inbox_doc(in, i, &d, NULL);
	vt_inbox_free(in);
	vt_doc_list_clear(&ref);
	return 0;
}
