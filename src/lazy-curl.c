/*
 * vanthu: libcurl, loaded on the first call (vanthu/lazy.h).
 *
 * The program is not linked with libcurl: these are the libcurl
 * functions the core calls, each forwarding to the real one in
 * VT_CURL_SONAME (configure found it).  A core file that calls another
 * libcurl function makes the program's link fail with an undefined
 * reference: add it here (the unit tests link libcurl itself).
 * curl_easy_setopt's third argument has the type its option number
 * says (CURLOPTTYPE_*, curl/curl.h), and it is passed on as such.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>

#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "vanthu/lazy.h"

static struct vt_lazy_lib curl = { VT_CURL_SONAME, NULL };

#define SYM(type, name)	((type)vt_lazy_sym(&curl, name))

typedef void (*any_fn)(void);

CURLcode
curl_global_init_mem(long flags, curl_malloc_callback m, curl_free_callback f,
    curl_realloc_callback r, curl_strdup_callback s, curl_calloc_callback c)
{
	return SYM(CURLcode (*)(long, curl_malloc_callback, curl_free_callback,
	    curl_realloc_callback, curl_strdup_callback, curl_calloc_callback),
	    "curl_global_init_mem")(flags, m, f, r, s, c);
}

CURL *
curl_easy_init(void)
{
	return SYM(CURL *(*)(void), "curl_easy_init")();
}

void
curl_easy_cleanup(CURL *c)
{
	SYM(void (*)(CURL *), "curl_easy_cleanup")(c);
}

void
curl_easy_reset(CURL *c)
{
	SYM(void (*)(CURL *), "curl_easy_reset")(c);
}

CURLcode
curl_easy_perform(CURL *c)
{
	return SYM(CURLcode (*)(CURL *), "curl_easy_perform")(c);
}

const char *
curl_easy_strerror(CURLcode code)
{
	return SYM(const char *(*)(CURLcode), "curl_easy_strerror")(code);
}

CURLcode
curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	CURLcode	(*f)(CURL *, CURLoption, ...) =
	    SYM(CURLcode (*)(CURL *, CURLoption, ...), "curl_easy_setopt");
	va_list		 ap;
	CURLcode	 rc;

	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		rc = f(c, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = f(c, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = f(c, opt, va_arg(ap, any_fn));
	else if (opt < CURLOPTTYPE_BLOB)
		rc = f(c, opt, va_arg(ap, curl_off_t));
	else
		rc = f(c, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode
curl_easy_getinfo(CURL *c, CURLINFO info, ...)
{
	CURLcode	(*f)(CURL *, CURLINFO, ...) =
	    SYM(CURLcode (*)(CURL *, CURLINFO, ...), "curl_easy_getinfo");
	va_list		 ap;
	CURLcode	 rc;

	va_start(ap, info);
	rc = f(c, info, va_arg(ap, void *));	/* always a pointer */
	va_end(ap);
	return rc;
}

struct curl_slist *
curl_slist_append(struct curl_slist *list, const char *s)
{
	return SYM(struct curl_slist *(*)(struct curl_slist *, const char *),
	    "curl_slist_append")(list, s);
}

void
curl_slist_free_all(struct curl_slist *list)
{
	SYM(void (*)(struct curl_slist *), "curl_slist_free_all")(list);
}

void
curl_free(void *p)
{
	SYM(void (*)(void *), "curl_free")(p);
}

CURLSH *
curl_share_init(void)
{
	return SYM(CURLSH *(*)(void), "curl_share_init")();
}

CURLSHcode
curl_share_setopt(CURLSH *sh, CURLSHoption opt, ...)
{
	CURLSHcode	(*f)(CURLSH *, CURLSHoption, ...) =
	    SYM(CURLSHcode (*)(CURLSH *, CURLSHoption, ...),
	    "curl_share_setopt");
	va_list		 ap;
	CURLSHcode	 rc;

	va_start(ap, opt);
	if (opt == CURLSHOPT_SHARE || opt == CURLSHOPT_UNSHARE)
		rc = f(sh, opt, va_arg(ap, int));	/* curl_lock_data */
	else if (opt == CURLSHOPT_LOCKFUNC || opt == CURLSHOPT_UNLOCKFUNC)
		rc = f(sh, opt, va_arg(ap, any_fn));
	else
		rc = f(sh, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLSHcode
curl_share_cleanup(CURLSH *sh)
{
	return SYM(CURLSHcode (*)(CURLSH *), "curl_share_cleanup")(sh);
}

curl_version_info_data *
curl_version_info(CURLversion age)
{
	return SYM(curl_version_info_data *(*)(CURLversion),
	    "curl_version_info")(age);
}

CURLU *
curl_url(void)
{
	return SYM(CURLU *(*)(void), "curl_url")();
}

void
curl_url_cleanup(CURLU *u)
{
	SYM(void (*)(CURLU *), "curl_url_cleanup")(u);
}

CURLUcode
curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
	return SYM(CURLUcode (*)(CURLU *, CURLUPart, const char *,
	    unsigned int), "curl_url_set")(u, what, part, flags);
}

CURLUcode
curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
	return SYM(CURLUcode (*)(CURLU *, CURLUPart, char **,
	    unsigned int), "curl_url_get")(u, what, part, flags);
}
