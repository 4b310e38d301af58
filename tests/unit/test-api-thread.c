/*
 * The threading model of vanthu/api.h, against the reference server:
 * vt_sync runs in a worker thread with its own client while the main
 * thread reads the cache, and a progress callback cancels it.  Run by
 * tests/cli/core-thread.sh (which starts the server, logs in and sets
 * the faults); prints TAP.
 *   test-api-thread sync     a sync in a worker thread
 *   test-api-thread cancel   cancel a sync the server holds back
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/config.h"

struct job {
	const struct vt_config	*cfg;
	const char		*cache_dir;
	atomic_int		 cancel;
	atomic_int		 done;
	vt_code			 code;
	struct vt_sync_result	 res;
	struct vt_errbuf	 eb;
};

static int
progress(void *arg, uint64_t done, uint64_t total)
{
	struct job	*j = arg;

	(void)done;
	(void)total;
	return atomic_load(&j->cancel);
}

/* The worker: its own client and cache handle, as the TUI does. */
static void *
worker(void *arg)
{
	struct job		*j = arg;
	struct vt_client	*c;
	struct vt_cache		*cache;

	j->code = vt_client_new(j->cfg, &c, &j->eb);
	if (j->code == VT_OK) {
		vt_http_set_progress(vt_client_http(c), progress, j);
		j->code = vt_cache_open(j->cache_dir, &cache, &j->eb);
		if (j->code == VT_OK) {
			j->code = vt_sync(c, cache, &j->res, &j->eb);
			vt_cache_close(cache);
		}
		vt_client_free(c);
	}
	atomic_store(&j->done, 1);
	return NULL;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int n;

static void
check(int ok, const char *name)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++n, name);
}

int
main(int argc, char **argv)
{
	struct vt_config	 cfg;
	struct vt_errbuf	 eb = { 0 };
	struct vt_client	*c;
	struct vt_cache		*cache;
	struct vt_doc_list	 l = { 0 };
	struct job		 j;
	pthread_t		 t;
	char			*dir, *base;
	double			 t0, spent;
	int			 loads = 0, bad = 0;
	vt_code			 code;

	if (argc != 2 || vt_http_global_init() != VT_OK ||
	    vt_config_load(&cfg, NULL, NULL, NULL, &eb) != VT_OK ||
	    vt_client_new(&cfg, &c, &eb) != VT_OK) {
		fprintf(stderr, "setup failed: %s\n", eb.detail);
		return 99;
	}
	base = vt_cache_dir();
	if (vt_client_account_dir(c, base, &dir, &eb) != VT_OK ||
	    vt_cache_open(dir, &cache, &eb) != VT_OK) {
		fprintf(stderr, "setup failed: %s\n", eb.detail);
		return 99;
	}
	free(base);
	memset(&j, 0, sizeof j);
	j.cfg = &cfg;
	j.cache_dir = dir;
	atomic_init(&j.cancel, 0);
	atomic_init(&j.done, 0);
	t0 = now();
	pthread_create(&t, NULL, worker, &j);
	if (strcmp(argv[1], "cancel") == 0) {
		usleep(300000);
		atomic_store(&j.cancel, 1);
		pthread_join(t, NULL);
		spent = now() - t0;
		check(j.code == VT_ERR_CANCELLED, "the held-back sync is "
		    "cancelled through the progress callback");
		check(spent < 2.5, "within about a second of the request");
	} else {
		/* The main ("UI") thread keeps reading the cache meanwhile. */
		while (!atomic_load(&j.done)) {
			/* Not there yet, or whole: never damaged. */
			code = vt_cache_inbox_load(cache, &l, NULL, NULL);
			if (code != VT_OK && code != VT_ERR_NOT_FOUND)
				bad++;
			vt_doc_list_clear(&l);
			loads++;
			usleep(2000);
		}
		pthread_join(t, NULL);
		check(j.code == VT_OK, "vt_sync in a worker thread");
		check(bad == 0, "the cache reads whole while the worker "
		    "writes it");
		check(loads >= 5, "the main thread kept working meanwhile");
		check(vt_cache_inbox_load(cache, &l, NULL, NULL) == VT_OK &&
		    l.n > 0, "the synced inbox is in the cache");
		vt_doc_list_clear(&l);
	}
	printf("1..%d\n", n);
	vt_cache_close(cache);
	vt_client_free(c);
	vt_config_free(&cfg);
	free(dir);
	return 0;
}
