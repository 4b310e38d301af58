/*
 * vanthu: shared libraries loaded when first used, not at start-up.
 *
 * The program (not the core library, which its tests link normally)
 * links neither libcurl nor HarfBuzz's subsetter: src/lazy-curl.c and
 * src/lazy-hb.c define the few functions vanthu calls, and each opens
 * its library with dlopen(3) by soname (found by the dynamic loader's
 * ordinary search, no RPATH) on the first call.  So `vanthu --version`,
 * `convert` and reading the cache do not load libcurl and the 30
 * libraries it pulls in, nor HarfBuzz and GLib.
 */
#ifndef VANTHU_LAZY_H
#define VANTHU_LAZY_H

/* A library opened on first use; SONAME is set, HANDLE starts NULL. */
struct vt_lazy_lib {
	const char	*soname;	/* e.g. "libcurl.so.4" */
	void		*handle;	/* dlopen(3)'s, kept to the end */
};

/*
 * vt_lazy_sym: the address of function NAME in LIB, opening LIB
 * (RTLD_NOW | RTLD_LOCAL) on the first call; thread-safe.  A library
 * or function that cannot be found is an installation fault no caller
 * can work around: the message names the library and the process exits
 * with the status of VT_ERR_INTERNAL.  Never returns NULL.  Looked up on
 * every call (a dlsym(3) is cheap beside what the function does), so
 * nothing is cached without the lock.
 */
void	*vt_lazy_sym(struct vt_lazy_lib *lib, const char *name);

/*
 * vt_lazy_on_fatal: FN is called before vt_lazy_sym prints why a library
 * cannot be loaded and exits (the interface gives the terminal back
 * there, so the message is seen and the shell works).  NULL: none.
 */
void	 vt_lazy_on_fatal(void (*fn)(void));

/* vt_lazy_loaded: whether LIB has been opened (for tests: 0 or 1). */
int	 vt_lazy_loaded(const struct vt_lazy_lib *lib);

#endif
