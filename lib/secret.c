/*
 * vanthu: secret buffers (vanthu/secret.h): page-aligned, mlock(2)ed,
 * MADV_DONTDUMP, wiped before free.  A small header before the text
 * remembers the capacity and whether the pages are locked.
 */
#include "config.h"

#include <errno.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vanthu/secret.h"

struct secret_head {
	size_t	 cap;		/* bytes the caller may use */
	size_t	 size;		/* bytes allocated, whole pages */
	int	 locked;	/* mlock succeeded */
};

/* The header is padded so that the text stays suitably aligned. */
#define HEAD_SIZE	((sizeof(struct secret_head) + 15) & ~(size_t)15)

static struct secret_head *
head_of(const char *secret)
{
	return (struct secret_head *)(uintptr_t)(secret - HEAD_SIZE);
}

char *
vt_secret_new(size_t cap)
{
	struct secret_head	*h;
	long			 ps = sysconf(_SC_PAGESIZE);
	size_t			 page = ps > 0 ? (size_t)ps : 4096, size;
	void			*mem = NULL;

	if (cap == 0)
		cap = 1;
	if (cap > SIZE_MAX - HEAD_SIZE - page)
		abort();
	size = (HEAD_SIZE + cap + page - 1) / page * page;
	if (posix_memalign(&mem, page, size) != 0 || mem == NULL) {
		fprintf(stderr, "vanthu: out of memory (%zu bytes)\n", size);
		abort();
	}
	memset(mem, 0, size);
	h = mem;
	h->cap = cap;
	h->size = size;
	h->locked = mlock(mem, size) == 0;
#ifdef MADV_DONTDUMP
	madvise(mem, size, MADV_DONTDUMP);
#endif
	return (char *)mem + HEAD_SIZE;
}

char *
vt_secret_dup(const char *s)
{
	size_t	 len = strlen(s);
	char	*p = vt_secret_new(len + 1 > VT_SECRET_MAX ? len + 1 :
		     VT_SECRET_MAX);

	memcpy(p, s, len + 1);
	return p;
}

size_t
vt_secret_cap(const char *secret)
{
	return head_of(secret)->cap;
}

bool
vt_secret_locked(const char *secret)
{
	return head_of(secret)->locked != 0;
}

void
vt_secret_clear(char *secret)
{
	if (secret != NULL)
		OPENSSL_cleanse(secret, head_of(secret)->cap);
}

void
vt_secret_free(char *secret)
{
	struct secret_head	*h;
	size_t			 size;
	int			 locked;

	if (secret == NULL)
		return;
	h = head_of(secret);
	size = h->size;
	locked = h->locked;
	OPENSSL_cleanse(h, size);
#ifdef MADV_DODUMP
	madvise(h, size, MADV_DODUMP);
#endif
	if (locked)
		munlock(h, size);
	free(h);
}

void
vt_wipe(void *p, size_t len)
{
	if (p != NULL && len > 0)
		OPENSSL_cleanse(p, len);
}

void
vt_wipe_str(char *s)
{
	if (s != NULL)
		OPENSSL_cleanse(s, strlen(s));
}

long
vt_secret_read_line(int fd, char **out)
{
	char	*buf = vt_secret_new(VT_SECRET_MAX);
	size_t	 n = 0;
	ssize_t	 r;
	char	 c;
	int	 too_long = 0, nul = 0, err = 0;

	*out = NULL;
	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = 1;
		if (r <= 0)
			break;
		if (c == '\n')
			break;
		if (c == '\0')
			nul = 1;
		if (n + 1 < VT_SECRET_MAX)
			buf[n++] = c;
		else
			too_long = 1;
	}
	c = 0;
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	if (err || too_long || nul || (r == 0 && n == 0 && !too_long)) {
		vt_secret_free(buf);
		return err ? -4 : too_long ? -2 : nul ? -3 : -1;
	}
	*out = buf;
	return (long)n;
}
