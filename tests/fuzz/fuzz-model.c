/*
 * libFuzzer target for the model parsing of every API answer
 * (docs/api.md): the login and /me answers, /users, the inbox and the
 * drafts (every page), one document, one draft, /sync deltas, the
 * registers (incoming and outgoing), number reservations, the dossier
 * list of the year, the dossiers and one dossier (with the offline
 * copy), a whole vt_sync, and the error objects of every status.  The
 * answers go through the core's real API functions (lib/api-*.c,
 * lib/users.c, lib/dossier-api.c, lib/api-sync.c...); only the HTTP
 * layer is replaced (tests/fuzz/fuzz-http.c).
 *
 * Input: byte 0 picks the API call; the rest is a list of answers
 * separated by "\n@@\n", each one status byte (see STATUS) then the
 * body.  For any input: no crash, no leak (LeakSanitizer), no
 * out-of-bounds access or undefined behaviour; a list the core accepts
 * holds no id twice (issue 19: duplicate ids are refused or merged at
 * parse time); a parsed document or draft turns back into JSON.
 *
 * Build: see mk/fuzz.am (make check runs it briefly, make fuzz long).
 */
#include "config.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fuzz-http.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/dossier.h"
#include "vanthu/outgoing.h"
#include "vanthu/register.h"
#include "vanthu/users.h"
#include "vanthu/xmalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const long STATUS[16] = {
	200, 200, 200, 200, 200, 200, 200, 201,
	304, 204, 400, 401, 404, 409, 500, 503
};
#define SEP	"\n@@\n"

static struct vt_config	 cfg;
static struct vt_client	*client;
static char		*root;
static char		*cache_dir;

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* A new empty cache (the previous input leaves nothing behind). */
static struct vt_cache *
fresh_cache(void)
{
	struct vt_cache		*cache;
	struct vt_errbuf	 eb;

	nftw(cache_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	if (vt_cache_open(cache_dir, &cache, &eb) != VT_OK)
		abort();
	return cache;
}

static const char LOGIN[] =
    "{\"token\":\"fuzz-token-0123456789abcdef\","
    "\"expires_at\":\"2099-12-31T00:00:00Z\","
    "\"user\":{\"username\":\"chutich\",\"full_name\":\"Nguyen Van Hung\","
    "\"role\":\"leader\",\"position\":\"Chu tich\"}}";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fuzz_answer	 a = { 200, LOGIN, sizeof LOGIN - 1, false,
				       false };
	struct vt_errbuf	 eb;
	const char		*base = getenv("TMPDIR");
	char			*dir;

	(void)argc;
	(void)argv;
	/* tmpfs when there is one: the cache's fsync costs nothing */
	if (access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (base == NULL)
		base = "/tmp";
	root = xasprintf("%s/vanthu-fuzz-model.XXXXXX", base);
	if (mkdtemp(root) == NULL)
		abort();
	dir = xasprintf("%s/state", root);
	setenv("XDG_STATE_HOME", dir, 1);
	free(dir);
	dir = xasprintf("%s/config", root);
	setenv("XDG_CONFIG_HOME", dir, 1);
	free(dir);
	cache_dir = xasprintf("%s/cache", root);
	cfg.server = xstrdup("https://fuzz.invalid");
	cfg.retries = -1;
	if (vt_client_new(&cfg, &client, &eb) != VT_OK)
		abort();
	fuzz_http_queue(&a);
	if (vt_api_login(client, "chutich", "pw", &eb) != VT_OK) {
		fprintf(stderr, "fuzz-model: login: %s\n", eb.detail);
		abort();
	}
	fuzz_http_reset();
	return 0;
}

/* Split DATA into answers and queue them; the copy must outlive the
   call (the caller frees *KEEP). */
static void
queue_answers(const uint8_t *data, size_t size, char **keep)
{
	char	*s = xmalloc(size + 1), *p, *end, *next;
	size_t	 n = 0;

	memcpy(s, data, size);
	s[size] = '\0';
	*keep = s;
	p = s;
	end = s + size;
	fuzz_http_reset();
	while (p < end && n < 16) {
		struct fuzz_answer	 a;
		unsigned char		 st = (unsigned char)*p++;

		next = memmem(p, (size_t)(end - p), SEP, sizeof SEP - 1);
		if (next == NULL)
			next = end;
		a.status = STATUS[st & 15];
		a.body = p;
		a.len = (size_t)(next - p);
		a.etag = (st & 16) != 0;
		a.replayed = (st & 32) != 0;
		fuzz_http_queue(&a);
		n++;
		p = next + (next < end ? sizeof SEP - 1 : 0);
	}
}

static void
unique(char *const *ids, size_t n, size_t stride)
{
	size_t	 i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			const char *a = *(char *const *)((const char *)ids +
			    i * stride);
			const char *b = *(char *const *)((const char *)ids +
			    j * stride);

			if (a != NULL && b != NULL && strcmp(a, b) == 0) {
				fprintf(stderr, "duplicate id %s\n", a);
				abort();
			}
		}
}

static void
round_trip_doc(const struct vt_doc *d)
{
	cJSON	*j = vt_doc_to_json(d);
	char	*s = vt_doc_search_text(d);

	if (j == NULL)
		abort();
	cJSON_Delete(j);
	free(s);
}

static void
round_trip_draft(const struct vt_draft *d)
{
	cJSON	*j = vt_draft_to_json(d);

	if (j == NULL)
		abort();
	cJSON_Delete(j);
}

static void
call(unsigned which)
{
	struct vt_errbuf	 eb;
	char			*token = NULL;
	bool			 from_cache;

	switch (which) {
	case 0: {
		struct vt_me	me;

		if (vt_api_me(client, &me, &eb) == VT_OK)
			vt_me_clear(&me);
		break;
	}
	case 1: {
		struct vt_person	*people;
		size_t			 n;

		if (vt_api_users(client, &people, &n, &eb) == VT_OK) {
			unique(&people[0].username, n, sizeof *people);
			vt_users_free(people, n);
		}
		break;
	}
	case 2: {
		struct vt_doc_list	l = { 0 };
		size_t			i;

		if (vt_api_incoming_all(client, &l, &token, &eb) == VT_OK) {
			unique(&l.items[0].id, l.n, sizeof *l.items);
			for (i = 0; i < l.n; i++)
				round_trip_doc(&l.items[i]);
		}
		vt_doc_list_clear(&l);
		break;
	}
	case 3: {
		struct vt_draft_list	l = { 0 };

		if (vt_api_drafts_all(client, &l, &token, &eb) == VT_OK)
			unique(&l.items[0].id, l.n, sizeof *l.items);
		vt_draft_list_clear(&l);
		break;
	}
	case 4: {
		struct vt_doc	d;

		if (vt_api_incoming_get(client, "i1", &d, &eb) == VT_OK) {
			round_trip_doc(&d);
			vt_doc_clear(&d);
		}
		break;
	}
	case 5: {
		struct vt_draft	d;

		if (vt_api_draft_get(client, "d1", &d, &eb) == VT_OK) {
			round_trip_draft(&d);
			vt_draft_clear(&d);
		}
		break;
	}
	case 6: {
		struct vt_delta	d;

		if (vt_api_delta(client, "s1", NULL, &d, &eb) == VT_OK)
			vt_delta_clear(&d);
		break;
	}
	case 7: {
		struct vt_outgoing	*items;
		cJSON			*json;
		size_t			 n;

		if (vt_api_outgoing_register(client, 2026, &items, &n, &json,
		    &eb) == VT_OK) {
			vt_outgoing_free(items, n);
			cJSON_Delete(json);
		}
		break;
	}
	case 8: {
		struct vt_incoming_register	r;

		memset(&r, 0, sizeof r);
		if (vt_api_incoming_register(client, 2026, &r, &eb) == VT_OK)
			vt_incoming_register_free(&r);
		break;
	}
	case 9: {
		struct vt_reservation	 r;
		const char		*to[] = { "UBND huyện" };

		if (vt_api_number_reserve(client, "d1", to, 1, &r, &eb) ==
		    VT_OK)
			vt_reservation_clear(&r);
		break;
	}
	case 10:
		vt_api_number_release(client, "d1", &eb);
		break;
	case 11: {
		struct vt_dossier_plan	p;

		if (vt_dossier_plan_get(client, 2026, &p, &eb) == VT_OK)
			vt_dossier_plan_clear(&p);
		break;
	}
	case 12: {
		struct vt_cache		*cache = fresh_cache();
		struct vt_dossier_list	 l;
		vt_code			 code;

		code = vt_dossier_fetch_list(client, cache, &l, &from_cache,
		    &eb);
		if (code == VT_OK || from_cache) {
			unique(&l.items[0].id, l.n, sizeof *l.items);
			vt_dossier_list_clear(&l);
		}
		/* and what went into the offline copy reads back */
		if (vt_dossier_cache_list(cache, &l, &eb) == VT_OK)
			vt_dossier_list_clear(&l);
		vt_cache_close(cache);
		break;
	}
	case 13: {
		struct vt_cache		*cache = fresh_cache();
		struct vt_dossier	 d;
		vt_code			 code;

		code = vt_dossier_fetch(client, cache, "h1", &d, &from_cache,
		    &eb);
		if (code == VT_OK || from_cache)
			vt_dossier_clear(&d);
		if (vt_dossier_cache_get(cache, "h1", &d, &eb) == VT_OK)
			vt_dossier_clear(&d);
		vt_cache_close(cache);
		break;
	}
	case 14: {
		struct vt_cache		*cache = fresh_cache();
		struct vt_doc_list	 l = { 0 };
		struct vt_draft_list	 dl = { 0 };

		vt_sync(client, cache, NULL, &eb);
		/* whatever the sync stored reads back, once per id */
		if (vt_cache_inbox_load(cache, &l, &token, &eb) == VT_OK)
			unique(&l.items[0].id, l.n, sizeof *l.items);
		free(token);
		token = NULL;
		if (vt_cache_drafts_load(cache, &dl, &token, &eb) == VT_OK)
			unique(&dl.items[0].id, dl.n, sizeof *dl.items);
		vt_doc_list_clear(&l);
		vt_draft_list_clear(&dl);
		vt_cache_close(cache);
		break;
	}
	case 15: {
		struct vt_cache		*cache = fresh_cache();
		struct vt_doc		 d;

		if (vt_fetch_doc(client, cache, "i1", &d, &from_cache, &eb) ==
		    VT_OK || from_cache)
			vt_doc_clear(&d);
		vt_cache_close(cache);
		break;
	}
	case 16: {
		/* the login answer (the session is saved as on a real
		   login; the next input logs in again) */
		vt_api_login(client, "chutich", "pw", &eb);
		break;
	}
	default: {
		/* an error answer of any status: the message the user sees */
		struct vt_http_resp	resp;

		vt_api_get(client, "/me", NULL, &resp, &eb);
		vt_http_resp_free(&resp);
		break;
	}
	}
	free(token);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*keep;

	if (size < 1)
		return 0;
	queue_answers(data + 1, size - 1, &keep);
	call(data[0] % 18);
	fuzz_http_reset();
	free(keep);
	return 0;
}
