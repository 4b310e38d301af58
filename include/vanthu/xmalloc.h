/*
 * vanthu: allocation wrappers that never return NULL (as tmux's xmalloc).
 * On allocation failure they print a message and abort: running out of
 * memory is not a condition vanthu can recover from sensibly.
 */
#ifndef VANTHU_XMALLOC_H
#define VANTHU_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* malloc(SIZE); SIZE 0 is treated as 1.  Caller frees with free(). */
void	*xmalloc(size_t size);
/* calloc(NMEMB, SIZE) with overflow check.  Caller frees. */
void	*xcalloc(size_t nmemb, size_t size);
/* realloc(PTR, SIZE).  Caller frees the result. */
void	*xrealloc(void *ptr, size_t size);
/* realloc(PTR, NMEMB * SIZE) with overflow check.  Caller frees. */
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
/* strdup(S); S must not be NULL.  Caller frees. */
char	*xstrdup(const char *s);
/* strndup(S, N).  Caller frees. */
char	*xstrndup(const char *s, size_t n);
/* Allocate and format like asprintf.  Caller frees the string. */
char	*xasprintf(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/* Allocate and format like vasprintf.  Caller frees the string. */
char	*xvasprintf(const char *fmt, va_list ap)
	    __attribute__((format(printf, 1, 0)));

#endif
