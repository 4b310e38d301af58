/*
 * vanthu: the durable outbox of actions (see vanthu/outbox.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vanthu/clock.h"
#include "vanthu/api.h"
#include "vanthu/file.h"
#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/actions.h"
#include "vanthu/outbox.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define ACTION_MAX	(80u << 20)	/* a signed PDF of 64 MiB and more */

struct vt_outbox {
	char	*dir;
};

vt_code
vt_uuid4(char out[37], struct vt_errbuf *eb)
{
	unsigned char	r[16];
	ssize_t		n;
	size_t		got = 0;

	while (got < sizeof r) {
		n = getrandom(r + got, sizeof r - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return vt_fail(eb, VT_ERR_IO, "getrandom: %s",
			    strerror(errno));
		got += (size_t)n;
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);	/* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);	/* RFC variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5],
	    r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
	return VT_OK;
}

vt_code
vt_outbox_open(const char *dir, struct vt_outbox **out, struct vt_errbuf *eb)
{
	const char	*subs[] = { "tmp", "new", "failed" };
	char		*sub;
	size_t		 i;
	vt_code		 code;

	*out = NULL;
	for (i = 0; i < 3; i++) {
		sub = xasprintf("%s/%s", dir, subs[i]);
		code = vt_mkdirs(sub, 0700, eb);
		free(sub);
		if (code != VT_OK)
			return code;
	}
	*out = xcalloc(1, sizeof **out);
	(*out)->dir = xstrdup(dir);
	return VT_OK;
}

void
vt_outbox_close(struct vt_outbox *ob)
{
	if (ob == NULL)
		return;
	free(ob->dir);
	free(ob);
}

void
vt_action_clear(struct vt_action *a)
{
	if (a == NULL)
		return;
	free(a->name);
	free(a->key);
	free(a->kind);
	free(a->target);
	free(a->summary);
	free(a->method);
	free(a->path);
	free(a->content_type);
	free(a->created_at);
	free(a->reason);
	free(a->problem);
	free(a->file);
	free(a->number_notation);
	free(a->subject);
	memset(a, 0, sizeof *a);
}

void
vt_action_list_free(struct vt_action *actions, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		vt_action_clear(&actions[i]);
	free(actions);
}

static void
now_iso(char out[32])
{
	vt_clock_iso(vt_clock_now(), out);
}

/* The metadata line of A (no newline inside: cJSON escapes them). */
static char *
meta_line(const struct vt_action *a)
{
	cJSON	*j = cJSON_CreateObject();
	char	*s;

	cJSON_AddNumberToObject(j, "v", 1);
	cJSON_AddStringToObject(j, "key", a->key);
	cJSON_AddStringToObject(j, "kind", a->kind);
	cJSON_AddStringToObject(j, "target", a->target);
	cJSON_AddStringToObject(j, "summary", a->summary);
	cJSON_AddStringToObject(j, "method", a->method);
	cJSON_AddStringToObject(j, "path", a->path);
	cJSON_AddStringToObject(j, "content_type", a->content_type);
	cJSON_AddStringToObject(j, "created_at", a->created_at);
	cJSON_AddNumberToObject(j, "attempts", a->attempts);
	cJSON_AddBoolToObject(j, "failed", a->failed);
	if (a->reason != NULL)
		cJSON_AddStringToObject(j, "reason", a->reason);
	s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return s;
}

static char *
jstr(const cJSON *j, const char *name, bool safe)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(j, name);

	if (!cJSON_IsString(v))
		return NULL;
	return safe ? vt_text_safe(v->valuestring, strlen(v->valuestring), 0) :
	    xstrdup(v->valuestring);
}

/* Older versions named some kinds differently ("return_draft",
   "signed_upload"): give A the name of the one vocabulary
   (vanthu/actions.h).  Unknown kinds are kept as written. */
static void
act_kind_canonical(struct vt_action *a)
{
	enum vt_act_kind	 k = vt_act_kind_parse(a->kind);

	if (k != VT_ACT_UNKNOWN && strcmp(a->kind, vt_act_def(k)->name) != 0) {
		free(a->kind);
		a->kind = xstrdup(vt_act_def(k)->name);
	}
}

/* Parse an action file's contents: metadata into A, body offset out.
   Returns NULL, or what is wrong (A then holds what could be read). */
static const char *
parse_action(const char *name, const struct vt_buf *b, struct vt_action *a,
    size_t *body_off)
{
	const char	*nl;
	cJSON		*j;
	const cJSON	*v;

	memset(a, 0, sizeof *a);
	a->name = xstrdup(name);
	if (b->len == 0)
		return _("the file is empty");
	if ((nl = memchr(b->data, '\n', b->len)) == NULL)
		return _("the file is cut short (no end to its first line)");
	j = cJSON_ParseWithLength(b->data, (size_t)(nl - b->data));
	if (j == NULL)
		return _("its first line is not the expected JSON");
	a->key = jstr(j, "key", false);
	a->kind = jstr(j, "kind", true);
	a->target = jstr(j, "target", true);
	a->summary = jstr(j, "summary", true);
	a->method = jstr(j, "method", false);
	a->path = jstr(j, "path", false);
	a->content_type = jstr(j, "content_type", false);
	a->created_at = jstr(j, "created_at", true);
	a->reason = jstr(j, "reason", true);
	v = cJSON_GetObjectItemCaseSensitive(j, "attempts");
	a->attempts = cJSON_IsNumber(v) ? v->valueint : 0;
	a->failed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "failed"));
	cJSON_Delete(j);
	*body_off = (size_t)(nl - b->data) + 1;
	if (a->key == NULL || a->kind == NULL || a->method == NULL ||
	    a->path == NULL || a->content_type == NULL || a->path[0] != '/')
		return _("a field it needs is missing (key, kind, method, path "
		    "or content type)");
	act_kind_canonical(a);
	if (a->target == NULL)
		a->target = xstrdup("");
	if (a->summary == NULL)
		a->summary = xstrdup("");
	if (a->created_at == NULL)
		a->created_at = xstrdup("");
	return NULL;
}

/* Write A with BODY to tmp/NAME and rename it to SUB/NAME. */
static vt_code
write_action(struct vt_outbox *ob, const char *sub, const struct vt_action *a,
    const void *body, size_t len, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*meta, *tmp, *dst, *dir;
	vt_code		 code;

	meta = meta_line(a);
	vt_buf_init(&b);
	vt_buf_puts(&b, meta);
	vt_buf_putc(&b, '\n');
	vt_buf_add(&b, body, len);
	free(meta);
	tmp = xasprintf("%s/tmp/%s", ob->dir, a->name);
	dst = xasprintf("%s/%s/%s", ob->dir, sub, a->name);
	code = vt_file_write_atomic(tmp, b.data, b.len, 0600, eb);
	if (code == VT_OK && rename(tmp, dst) != 0) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", dst, strerror(errno));
		unlink(tmp);
	}
	if (code == VT_OK) {
		dir = xasprintf("%s/%s", ob->dir, sub);
		code = vt_fsync_dir(dir, eb);
		free(dir);
	}
	vt_buf_free(&b);
	free(tmp);
	free(dst);
	return code;
}

vt_code
vt_outbox_add(struct vt_outbox *ob, const struct vt_action_spec *spec,
    char **name, struct vt_errbuf *eb)
{
	struct vt_action	 a;
	struct timeval		 tv;
	unsigned char		 r[4];
	char			 key[37], ts[32];
	vt_code			 code;

	if (name != NULL)
		*name = NULL;
	if ((code = vt_uuid4(key, eb)) != VT_OK)
		return code;
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		memset(r, 0, sizeof r);
	gettimeofday(&tv, NULL);
	now_iso(ts);
	memset(&a, 0, sizeof a);
	a.name = xasprintf("%013llx.%ld.%02x%02x%02x%02x",
	    (unsigned long long)tv.tv_sec * 1000000ULL +
	    (unsigned long long)tv.tv_usec, (long)getpid(), r[0], r[1], r[2],
	    r[3]);
	a.key = xstrdup(key);
	a.kind = xstrdup(spec->kind);
	a.target = xstrdup(spec->target != NULL ? spec->target : "");
	a.summary = vt_text_safe(spec->summary != NULL ? spec->summary : "",
	    spec->summary != NULL ? strlen(spec->summary) : 0, 0);
	a.method = xstrdup(spec->method != NULL ? spec->method : "POST");
	a.path = xstrdup(spec->path);
	a.content_type = xstrdup(spec->content_type != NULL ?
	    spec->content_type : "application/json");
	a.created_at = xstrdup(ts);
	code = write_action(ob, "new", &a, spec->body, spec->body_len, eb);
	if (code == VT_OK && name != NULL)
		*name = xstrdup(a.name);
	vt_action_clear(&a);
	return code;
}

vt_code
vt_outbox_add_once(struct vt_outbox *ob, const struct vt_action_spec *spec,
    char **name, struct vt_errbuf *eb)
{
	struct vt_action	*a;
	const char		*method = spec->method != NULL ?
				    spec->method : "POST";
	size_t			 n, i;
	bool			 waiting = false;
	vt_code			 code;

	if (name != NULL)
		*name = NULL;
	if ((code = vt_outbox_list(ob, &a, &n, eb)) != VT_OK)
		return code;
	for (i = 0; i < n && !waiting; i++)
		waiting = !a[i].failed && !a[i].damaged &&
		    strcmp(a[i].kind, spec->kind) == 0 &&
		    strcmp(a[i].method, method) == 0 &&
		    strcmp(a[i].path, spec->path) == 0;
	vt_action_list_free(a, n);
	return waiting ? VT_OK : vt_outbox_add(ob, spec, name, eb);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file names in SUB, sorted (oldest first), without the partial
   temporary files of vt_file_write_atomic (NAME.tmp.PID.N) unless
   TEMPS.  A directory that cannot be read is an error, not an empty
   list. */
static vt_code
list_names(struct vt_outbox *ob, const char *sub, bool temps, char ***out,
    size_t *n, struct vt_errbuf *eb)
{
	DIR		*d;
	struct dirent	*e;
	char		*dir, **names = NULL;
	size_t		 cap = 0;
	int		 saved;

	*n = 0;
	*out = NULL;
	dir = xasprintf("%s/%s", ob->dir, sub);
	if ((d = opendir(dir)) == NULL) {
		saved = errno;
		if (saved == ENOENT) {
			free(dir);
			return VT_OK;
		}
		vt_fail(eb, VT_ERR_IO, _("cannot read the outbox directory "
		    "%s: %s"), dir, strerror(saved));
		free(dir);
		return VT_ERR_IO;
	}
	free(dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' ||
		    (strstr(e->d_name, ".tmp.") != NULL) != temps)
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof *names, name_cmp);
	*out = names;
	return VT_OK;
}

static void
free_names(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Read SUB/NAME into A (and its bytes into B, the body at *OFF).  Returns
   NULL, or what is wrong with the file: A is then a damaged entry with
   its problem, its file, and whatever text could be recovered. */
static const char *
load_action(struct vt_outbox *ob, const char *sub, const char *name,
    struct vt_action *a, struct vt_buf *b, size_t *off)
{
	char			*path = xasprintf("%s/%s/%s", ob->dir, sub, name);
	struct vt_errbuf	 e;
	const char		*problem;

	vt_buf_init(b);
	memset(&e, 0, sizeof e);
	memset(a, 0, sizeof *a);
	if (vt_file_read_flags(path, ACTION_MAX, VT_FILE_NOFOLLOW, b, &e) !=
	    VT_OK) {
		a->name = xstrdup(name);
		problem = e.code == VT_ERR_TOO_BIG ?
		    _("the file is too large to be an action") : e.detail;
		a->problem = xstrdup(problem);
	} else if ((problem = parse_action(name, b, a, off)) != NULL) {
		a->problem = xstrdup(problem);
		if (a->summary == NULL || a->summary[0] == '\0') {
			free(a->summary);
			a->summary = vt_text_safe(b->data, b->len < 80 ?
			    b->len : 80, 0);
		}
	}
	if (a->problem == NULL) {
		free(path);
		return NULL;
	}
	a->damaged = true;
	a->file = path;
	if (a->kind == NULL)
		a->kind = xstrdup("");
	if (a->target == NULL)
		a->target = xstrdup("");
	if (a->summary == NULL)
		a->summary = xstrdup("");
	if (a->created_at == NULL)
		a->created_at = xstrdup("");
	return a->problem;
}

/* The process id in an action's name ("%013llx.PID.rand"), or 0. */
static long
writer_pid(const char *name)
{
	const char	*p = strchr(name, '.');
	char		*end;
	long		 pid;

	if (p == NULL)
		return 0;
	pid = strtol(p + 1, &end, 10);
	return end != p + 1 && *end == '.' && pid > 0 ? pid : 0;
}

/* Whether the process PID may still be writing (alive, or unknown). */
static bool
writer_alive(long pid)
{
	if (pid <= 0 || pid == (long)getpid())
		return true;
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

size_t
vt_outbox_recover(struct vt_outbox *ob)
{
	struct vt_action	 a;
	struct vt_buf		 b;
	char			**names, *from, *to, *t;
	size_t			 n, i, off, moved = 0;

	/* Partial temporary files of dead writers: never complete. */
	if (list_names(ob, "tmp", true, &names, &n, NULL) == VT_OK) {
		for (i = 0; i < n; i++) {
			t = strstr(names[i], ".tmp.");
			if (writer_alive(strtol(t + 5, NULL, 10)))
				continue;
			from = xasprintf("%s/tmp/%s", ob->dir, names[i]);
			unlink(from);
			free(from);
		}
		free_names(names, n);
	}
	/* Complete actions of dead writers: committed, not yet renamed. */
	if (list_names(ob, "tmp", false, &names, &n, NULL) != VT_OK)
		return 0;
	for (i = 0; i < n; i++) {
		if (writer_alive(writer_pid(names[i])))
			continue;
		if (load_action(ob, "tmp", names[i], &a, &b, &off) == NULL) {
			from = xasprintf("%s/tmp/%s", ob->dir, names[i]);
			to = xasprintf("%s/new/%s", ob->dir, names[i]);
			if (rename(from, to) == 0)
				moved++;
			free(from);
			free(to);
		}
		vt_action_clear(&a);
		vt_buf_free(&b);
	}
	free_names(names, n);
	if (moved > 0) {
		t = xasprintf("%s/new", ob->dir);
		vt_fsync_dir(t, NULL);
		free(t);
	}
	return moved;
}

static void
push_action(struct vt_action **actions, size_t *n, size_t *cap,
    const struct vt_action *a)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		*actions = xreallocarray(*actions, *cap, sizeof **actions);
	}
	(*actions)[(*n)++] = *a;
}

vt_code
vt_outbox_list(struct vt_outbox *ob, struct vt_action **actions, size_t *n,
    struct vt_errbuf *eb)
{
	const char	*subs[] = { "new", "failed", "tmp" };
	struct vt_buf	 b;
	struct vt_action a, *damaged = NULL;
	char		**names;
	size_t		 nn, i, k, off, cap = 0, ndamaged = 0, dcap = 0;
	vt_code		 code = VT_OK;

	*actions = NULL;
	*n = 0;
	vt_outbox_recover(ob);
	for (k = 0; k < 3 && code == VT_OK; k++) {
		if ((code = list_names(ob, subs[k], false, &names, &nn, eb)) !=
		    VT_OK)
			break;
		for (i = 0; i < nn; i++) {
			/* In tmp/ only what a dead writer left is listed. */
			if (k == 2 && writer_alive(writer_pid(names[i])))
				continue;
			if (load_action(ob, subs[k], names[i], &a, &b, &off) !=
			    NULL || k == 2) {
				if (!a.damaged) {
					a.damaged = true;
					a.problem = xstrdup(_("left behind "
					    "by an interrupted write"));
					a.file = xasprintf("%s/tmp/%s",
					    ob->dir, names[i]);
				}
				push_action(&damaged, &ndamaged, &dcap, &a);
			} else {
				a.failed = k == 1;
				push_action(actions, n, &cap, &a);
			}
			vt_buf_free(&b);
		}
		free_names(names, nn);
	}
	if (code != VT_OK) {
		vt_action_list_free(*actions, *n);
		vt_action_list_free(damaged, ndamaged);
		*actions = NULL;
		*n = 0;
		return code;
	}
	for (i = 0; i < ndamaged; i++)
		push_action(actions, n, &cap, &damaged[i]);
	free(damaged);
	return VT_OK;
}

static vt_code
remove_action(struct vt_outbox *ob, const char *sub, const char *name,
    struct vt_errbuf *eb)
{
	char	*path = xasprintf("%s/%s/%s", ob->dir, sub, name);
	char	*dir = xasprintf("%s/%s", ob->dir, sub);
	vt_code	 code = VT_OK;

	if (unlink(path) != 0 && errno != ENOENT)
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	else
		code = vt_fsync_dir(dir, eb);
	free(path);
	free(dir);
	return code;
}

/* Whether a failure is worth trying again later (kept pending). */
static bool
transient(vt_code code, long status)
{
	if (status == 408 || status == 429)
		return true;
	switch (code) {
	case VT_ERR_NETWORK:
	case VT_ERR_TLS:
	case VT_ERR_SERVER:
	case VT_ERR_HTTP:
	case VT_ERR_TOO_BIG:
	case VT_ERR_PROTOCOL:
	case VT_ERR_CANCELLED:
	case VT_ERR_IO:
	case VT_ERR_EXPIRED:
	case VT_ERR_AUTH:
		return true;
	default:
		return false;
	}
}

/* Send one action; returns what became of it.  ANSWER (may be NULL)
   gets the body of a successful answer. */
static vt_code
send_one(struct vt_outbox *ob, struct vt_client *c, const char *name,
    char **answer, struct vt_errbuf *eb)
{
	struct vt_action	 a;
	struct vt_http_resp	 resp;
	struct vt_buf		 b;
	struct vt_errbuf	 e;
	size_t			 off;
	vt_code			 code;
	long			 status;
	char			 line[600];

	if (load_action(ob, "new", name, &a, &b, &off) != NULL) {
		/* Local damage: never sent, never blamed on the server; it
		   stays where it is, listed as damaged. */
		vt_fail(eb, VT_ERR_DAMAGED, "%s: %s", a.file, a.problem);
		vt_action_clear(&a);
		vt_buf_free(&b);
		return VT_ERR_DAMAGED;
	}
	memset(&e, 0, sizeof e);
	code = vt_api_post(c, a.path, a.content_type, b.data + off,
	    b.len - off, a.key, &resp, &e);
	status = resp.status;
	if (code == VT_OK && answer != NULL)
		*answer = vt_text_nfc(resp.body.data != NULL ? resp.body.data :
		    "", resp.body.len);
	vt_http_resp_free(&resp);
	a.attempts++;
	if (code == VT_OK) {
		code = remove_action(ob, "new", name, eb);
	} else if (transient(code, status)) {
		free(a.reason);
		a.reason = xstrdup(vt_errbuf_message(&e, line, sizeof line));
		write_action(ob, "new", &a, b.data + off, b.len - off, NULL);
		if (eb != NULL)
			*eb = e;
		if (code != VT_ERR_EXPIRED && code != VT_ERR_AUTH &&
		    code != VT_ERR_CANCELLED)
			code = VT_ERR_OFFLINE;
	} else {
		free(a.reason);
		a.reason = xstrdup(vt_errbuf_message(&e, line, sizeof line));
		a.failed = true;
		if (write_action(ob, "failed", &a, b.data + off, b.len - off,
		    eb) == VT_OK)
			remove_action(ob, "new", name, NULL);
		if (eb != NULL)
			*eb = e;
	}
	vt_action_clear(&a);
	vt_buf_free(&b);
	return code;
}

/*
 * WATCH was not in new/ when this flush took the lock: another process
 * (a second command, the interface's worker) flushed it meanwhile.
 * Gone from new/ and failed/: it was sent.  In failed/: refused.
 */
static void
watch_elsewhere(struct vt_outbox *ob, const char *watch,
    struct vt_flush_result *res)
{
	char	*pending = xasprintf("%s/new/%s", ob->dir, watch);
	char	*failed = xasprintf("%s/failed/%s", ob->dir, watch);

	if (access(failed, F_OK) == 0) {
		res->watch_code = VT_ERR_REFUSED;
		snprintf(res->watch_detail, sizeof res->watch_detail, "%s",
		    _("see 'vanthu outbox list'"));
	} else if (access(pending, F_OK) != 0)
		res->watch_code = VT_OK;
	free(pending);
	free(failed);
}

vt_code
vt_outbox_flush(struct vt_outbox *ob, struct vt_client *c, const char *watch,
    struct vt_flush_result *result, struct vt_errbuf *eb)
{
	struct vt_flush_result	 res;
	struct vt_errbuf	 e;
	char			**names;
	size_t			 n, i;
	vt_code			 code, stop = VT_OK;
	bool			 watch_tried = false;
	char			 stop_detail[512] = "";
	int			 lock;

	memset(&res, 0, sizeof res);
	res.watch_code = VT_ERR_OFFLINE;
	/*
	 * Never send without the lock: another process could send the
	 * same action at the same time.  Everything stays pending.
	 */
	if ((code = vt_dir_lock(ob->dir, &lock, &e)) != VT_OK) {
		if (list_names(ob, "new", false, &names, &n, NULL) == VT_OK) {
			res.pending = n;
			free_names(names, n);
		}
		res.watch_code = VT_ERR_IO;
		snprintf(res.watch_detail, sizeof res.watch_detail, "%s",
		    e.detail);
		if (result != NULL)
			*result = res;
		return vt_fail(eb, VT_ERR_IO, _("the outbox cannot be locked, "
		    "nothing was sent: %s"), e.detail);
	}
	vt_outbox_recover(ob);
	if ((code = list_names(ob, "new", false, &names, &n, eb)) != VT_OK) {
		vt_dir_unlock(lock);
		if (result != NULL)
			*result = res;
		return code;
	}
	for (i = 0; i < n; i++) {
		if (stop != VT_OK) {
			res.pending++;
			continue;
		}
		memset(&e, 0, sizeof e);
		code = send_one(ob, c, names[i], watch != NULL &&
		    strcmp(names[i], watch) == 0 ? &res.watch_answer : NULL,
		    &e);
		if (code == VT_OK)
			res.sent++;
		else if (code == VT_ERR_DAMAGED)
			res.damaged++;
		else if (code == VT_ERR_OFFLINE || code == VT_ERR_EXPIRED ||
		    code == VT_ERR_AUTH || code == VT_ERR_CANCELLED) {
			res.pending++;
			stop = code == VT_ERR_OFFLINE ? e.code : code;
			if (stop == VT_OK)
				stop = VT_ERR_NETWORK;
			snprintf(stop_detail, sizeof stop_detail, "%s",
			    e.detail);
			if (eb != NULL)
				vt_fail(eb, stop, "%s", e.detail);
		} else if (code != VT_ERR_IO)
			res.failed++;
		if (watch != NULL && strcmp(names[i], watch) == 0) {
			watch_tried = true;
			res.watch_code = code;
			snprintf(res.watch_detail, sizeof res.watch_detail,
			    "%s", e.detail);
		}
	}
	free_names(names, n);
	vt_dir_unlock(lock);
	/*
	 * WATCH was not tried because an older action stopped the flush:
	 * it is kept for the same reason (an expired session is told as
	 * such, not as a network failure).
	 */
	if (watch != NULL && !watch_tried && stop != VT_OK) {
		if (stop == VT_ERR_EXPIRED || stop == VT_ERR_AUTH ||
		    stop == VT_ERR_CANCELLED)
			res.watch_code = stop;
		snprintf(res.watch_detail, sizeof res.watch_detail, "%s",
		    stop_detail);
	} else if (watch != NULL && !watch_tried)
		watch_elsewhere(ob, watch, &res);
	if (result != NULL)
		*result = res;
	return stop;
}

/* Remove SUB/NAME, a file or (a damaged entry) an empty directory. */
static bool
drop_one(struct vt_outbox *ob, const char *sub, const char *name)
{
	char	*path = xasprintf("%s/%s/%s", ob->dir, sub, name);
	bool	 done;

	done = unlink(path) == 0 || (errno == EISDIR && rmdir(path) == 0);
	free(path);
	return done;
}

vt_code
vt_outbox_drop(struct vt_outbox *ob, const char *name, struct vt_errbuf *eb)
{
	const char	*subs[] = { "failed", "new", "tmp" };
	struct stat	 st;
	char		*p, *dir;
	size_t		 i;
	bool		 found = false, dropped = false;

	if (name[0] == '\0' || strchr(name, '/') != NULL || name[0] == '.')
		return vt_fail(eb, VT_ERR_INVALID, "%s", name);
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/%s/%s", ob->dir, subs[i], name);
		if (lstat(p, &st) == 0) {
			found = true;
			if (drop_one(ob, subs[i], name)) {
				dropped = true;
				dir = xasprintf("%s/%s", ob->dir, subs[i]);
				vt_fsync_dir(dir, NULL);
				free(dir);
			}
		}
		free(p);
	}
	if (!found)
		return vt_fail(eb, VT_ERR_NOT_FOUND, "%s", name);
	if (!dropped)
		return vt_fail(eb, VT_ERR_IO, _("%s/.../%s cannot be removed: "
		    "remove it by hand"), ob->dir, name);
	return VT_OK;
}
