/*
 * vanthu: open a shared library on first use (vanthu/lazy.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/lazy.h"

static void	(*lazy_fatal_hook)(void);

void
vt_lazy_on_fatal(void (*fn)(void))
{
	lazy_fatal_hook = fn;
}

static void
lazy_fail(const struct vt_lazy_lib *lib, const char *name)
{
	const char	*why = dlerror();

	if (lazy_fatal_hook != NULL)
		lazy_fatal_hook();

	fprintf(stderr, _("%s: cannot load %s from %s (%s); reinstall "
	    "the package that provides it\n"), PACKAGE, name, lib->soname,
	    why != NULL ? why : "?");
	exit(vt_exit_status(VT_ERR_INTERNAL));
}

/* The interface's worker thread may make the first call. */
static pthread_mutex_t	 lazy_lock = PTHREAD_MUTEX_INITIALIZER;

void *
vt_lazy_sym(struct vt_lazy_lib *lib, const char *name)
{
	void	*f = NULL;

	pthread_mutex_lock(&lazy_lock);
	if (lib->handle == NULL)
		lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (lib->handle != NULL)
		f = dlsym(lib->handle, name);
	pthread_mutex_unlock(&lazy_lock);
	if (f == NULL)
		lazy_fail(lib, name);
	return f;
}

int
vt_lazy_loaded(const struct vt_lazy_lib *lib)
{
	int	 loaded;

	pthread_mutex_lock(&lazy_lock);
	loaded = lib->handle != NULL;
	pthread_mutex_unlock(&lazy_lock);
	return loaded;
}
