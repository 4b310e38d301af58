/*
 * vanthu: a growable byte buffer, always NUL-terminated so its contents
 * can be used as a C string when they hold text.
 */
#ifndef VANTHU_BUF_H
#define VANTHU_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct vt_buf {
	char	*data;	/* NUL-terminated; NULL until the first add */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};

/* Initialise an empty buffer (no allocation). */
void	 vt_buf_init(struct vt_buf *b);
/* Free the buffer's memory and make it empty again. */
void	 vt_buf_free(struct vt_buf *b);
/* Make the buffer empty, keeping its memory. */
void	 vt_buf_reset(struct vt_buf *b);
/* Append LEN bytes from DATA.  Never fails (aborts on no memory). */
void	 vt_buf_add(struct vt_buf *b, const void *data, size_t len);
/* Append a NUL-terminated string. */
void	 vt_buf_puts(struct vt_buf *b, const char *s);
/* Append one byte. */
void	 vt_buf_putc(struct vt_buf *b, char c);
/* Append printf-style formatted text. */
void	 vt_buf_printf(struct vt_buf *b, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
/*
 * Take the contents as a NUL-terminated string the caller frees; the
 * buffer is left empty.  Returns "" (allocated) for an empty buffer.
 */
char	*vt_buf_steal(struct vt_buf *b);

#endif
