/* vanthu: growable byte buffer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
#include "vanthu/xmalloc.h"

void
vt_buf_init(struct vt_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
vt_buf_free(struct vt_buf *b)
{
	free(b->data);
	vt_buf_init(b);
}

void
vt_buf_reset(struct vt_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_reserve(struct vt_buf *b, size_t extra)
{
	size_t	 need;

	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
vt_buf_add(struct vt_buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	if (len != 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
vt_buf_puts(struct vt_buf *b, const char *s)
{
	vt_buf_add(b, s, strlen(s));
}

void
vt_buf_putc(struct vt_buf *b, char c)
{
	vt_buf_add(b, &c, 1);
}

void
vt_buf_printf(struct vt_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	vt_buf_puts(b, s);
	free(s);
}

char *
vt_buf_steal(struct vt_buf *b)
{
	char	*s;

	s = (b->data != NULL) ? b->data : xstrdup("");
	vt_buf_init(b);
	return s;
}
