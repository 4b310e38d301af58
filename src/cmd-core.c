/*
 * vanthu: helpers shared by the core client's commands (see
 * src/cmd-core.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd-ask.h"
#include "cmd-core.h"
#include "vanthu/actions.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/session.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

void
core_warn(const char *cmd, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s %s: ", PACKAGE, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* How many actions wait in the open outbox (0 when none is open). */
static size_t
pending_actions(const struct core *core)
{
	struct vt_action	*a;
	size_t			 n, i, k = 0;

	if (core->outbox == NULL ||
	    vt_outbox_list(core->outbox, &a, &n, NULL) != VT_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (!a[i].failed && !a[i].damaged)
			k++;
	vt_action_list_free(a, n);
	return k;
}

int
core_fail(const struct core *core, const struct vt_errbuf *eb)
{
	char	line[700];
	size_t	n;

	fprintf(stderr, "%s %s: %s\n", PACKAGE, core->cmd,
	    vt_errbuf_message(eb, line, sizeof line));
	if (eb->code != VT_ERR_EXPIRED && eb->code != VT_ERR_AUTH)
		return vt_exit_status(eb->code);
	/* Speak of queued actions only when there are some. */
	if ((n = pending_actions(core)) > 0)
		fprintf(stderr, _("Log in with 'vanthu login'; the %zu "
		    "action(s) waiting in the outbox are kept and sent "
		    "then.\n"), n);
	else
		fprintf(stderr, _("Log in with 'vanthu login'.\n"));
	return vt_exit_status(eb->code);
}

/* Ask for the password again when the session expired (a terminal). */
static char *
reauth(void *arg, const char *username)
{
	char		 prompt[256];
	struct vt_errbuf eb;

	(void)arg;
	if (!isatty(STDIN_FILENO))
		return NULL;
	snprintf(prompt, sizeof prompt, _("The session has expired. Password "
	    "for %s: "), username);
	return cmd_password_read(prompt, 0, &eb);
}

static char *
account_dir(struct core *core, char *base, const char *sub,
    struct vt_errbuf *eb)
{
	char	*root, *dir = NULL;

	root = sub != NULL ? xasprintf("%s/%s", base, sub) : xstrdup(base);
	free(base);
	vt_client_account_dir(core->client, root, &dir, eb);
	free(root);
	return dir;
}

struct by_number {
	long	 number;
	char	*id;
};

static bool
find_number(void *arg, const struct vt_doc *d)
{
	struct by_number	*b = arg;

	if (d->arrival_number != b->number)
		return true;
	b->id = xstrdup(d->id);
	return false;
}

const char *
core_doc_id(struct core *core, const char *arg, int *status)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct by_number	 b = { 0, NULL };
	struct vt_cache		*cache = core->cache;
	char			*dir;

	free(core->doc_id);
	core->doc_id = NULL;
	if (arg[strspn(arg, "0123456789")] != '\0' || strlen(arg) > 9) {
		core->doc_id = xstrdup(arg);
		return core->doc_id;
	}
	b.number = strtol(arg, NULL, 10);
	if (cache == NULL) {
		dir = account_dir(core, vt_cache_dir(), NULL, &eb);
		if (dir == NULL || vt_cache_open(dir, &cache, &eb) != VT_OK)
			cache = NULL;
		free(dir);
	}
	if (cache != NULL && b.number > 0)
		vt_cache_inbox_each(cache, find_number, &b, NULL, NULL);
	if (cache != core->cache)
		vt_cache_close(cache);
	if (b.id == NULL) {
		vt_fail(&eb, VT_ERR_NOT_FOUND, _("no document with arrival "
		    "number %s in the cached inbox ('vanthu inbox' lists the "
		    "documents with their ids)"), arg);
		*status = core_fail(core, &eb);
		return NULL;
	}
	core->doc_id = b.id;
	return core->doc_id;
}

int
core_open(struct core *core, const struct vt_cli *cli, const char *cmd,
    int need)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*dir;

	memset(core, 0, sizeof *core);
	core->cmd = cmd;
	if (vt_config_load(&core->cfg, cli->config_path, cli->server_url,
	    cli->ca_file, &eb) != VT_OK ||
	    vt_client_new(&core->cfg, &core->client, &eb) != VT_OK) {
		vt_config_free(&core->cfg);
		return core_fail(core, &eb);
	}
	vt_client_set_reauth(core->client, reauth, NULL);
	if ((need & (CORE_LOGIN | CORE_CACHE | CORE_OUTBOX)) &&
	    !vt_client_logged_in(core->client)) {
		/* Why: no session, another server's, damaged, not private. */
		vt_client_logout_reason(core->client, &eb);
		if (eb.code != VT_ERR_AUTH)
			vt_fail(&eb, VT_ERR_AUTH, _("not logged in to %s: run "
			    "'vanthu login'"), vt_client_server(core->client));
		core_close(core);
		return core_fail(core, &eb);
	}
	if (need & CORE_CACHE) {
		dir = account_dir(core, vt_cache_dir(), NULL, &eb);
		if (dir == NULL || vt_cache_open(dir, &core->cache, &eb) !=
		    VT_OK) {
			free(dir);
			core_close(core);
			return core_fail(core, &eb);
		}
		free(dir);
	}
	if (need & CORE_OUTBOX) {
		dir = account_dir(core, vt_state_dir(), "outbox", &eb);
		if (dir == NULL || vt_outbox_open(dir, &core->outbox, &eb) !=
		    VT_OK) {
			free(dir);
			core_close(core);
			return core_fail(core, &eb);
		}
		free(dir);
	}
	return 0;
}

void
core_close(struct core *core)
{
	const char	*stats = getenv("VANTHU_HTTP_STATS");
	struct vt_http_stats st;

	if (core->client != NULL && stats != NULL && stats[0] != '\0') {
		/* For benchmarks and tests: what went over the wire. */
		vt_http_get_stats(vt_client_http(core->client), &st);
		fprintf(stderr, "http-stats: requests=%lu connects=%lu "
		    "sent=%llu received=%llu tls_resumed=%lu http2=%lu\n",
		    st.requests, st.connects,
		    (unsigned long long)st.bytes_sent,
		    (unsigned long long)st.bytes_received, st.tls_resumed,
		    st.http2);
	}
	vt_outbox_close(core->outbox);
	vt_cache_close(core->cache);
	free(core->doc_id);
	vt_client_free(core->client);
	vt_config_free(&core->cfg);
	core->outbox = NULL;
	core->cache = NULL;
	core->client = NULL;
}

char *
core_text_arg(const char *cmd, const char *arg)
{
	struct vt_buf	 b;
	char		 chunk[4096], *s;
	size_t		 n;

	vt_buf_init(&b);
	if (strcmp(arg, "-") == 0) {
		while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
			vt_buf_add(&b, chunk, n);
			if (b.len > (1u << 20)) {
				core_warn(cmd, _("the text is too long"));
				vt_buf_free(&b);
				return NULL;
			}
		}
		while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
		    b.data[b.len - 1] == '\r'))
			b.data[--b.len] = '\0';
	} else
		vt_buf_puts(&b, arg);
	if (b.len == 0) {
		core_warn(cmd, _("the text is empty"));
		vt_buf_free(&b);
		return NULL;
	}
	s = vt_text_nfc(b.data, b.len);
	vt_buf_free(&b);
	return s;
}

int
core_role_gate(const struct core *core, const char *kind)
{
	const struct vt_session	*s = vt_client_session(core->client);
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*why;

	if (s == NULL || vt_action_role_ok(kind, s->role))
		return 0;
	why = vt_act_refusal(vt_act_kind_parse(kind));
	vt_fail(&eb, VT_ERR_FORBIDDEN, "%s", why != NULL ? why :
	    _("your role may not do this"));
	return core_fail(core, &eb);
}

int
core_action(struct core *core, const struct vt_action_spec *spec)
{
	return core_action_answer(core, spec, NULL);
}

int
core_action_answer(struct core *core, const struct vt_action_spec *spec,
    char **answer)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_flush_result	 res;
	char			*name = NULL, *summary;
	int			 status;

	if (answer != NULL)
		*answer = NULL;
	if ((status = core_role_gate(core, spec->kind)) != 0)
		return status;
	if (vt_outbox_add(core->outbox, spec, &name, &eb) != VT_OK)
		return core_fail(core, &eb);
	vt_outbox_flush(core->outbox, core->client, name, &res, &eb);
	if (answer != NULL)
		*answer = res.watch_answer;
	else
		free(res.watch_answer);
	switch (res.watch_code) {
	case VT_OK:
		summary = vt_text_safe(spec->summary, strlen(spec->summary), 0);
		/* With an answer wanted, the caller says what was done. */
		if (answer == NULL)
			printf(_("Sent: %s\n"), summary);
		free(summary);
		status = 0;
		break;
	case VT_ERR_EXPIRED:
	case VT_ERR_AUTH:
		fprintf(stderr, _("%s %s: the session has expired; the action "
		    "is kept in the outbox and will be sent after 'vanthu "
		    "login'\n"), PACKAGE, core->cmd);
		status = 4;
		break;
	case VT_ERR_OFFLINE:
	case VT_ERR_CANCELLED:
		fprintf(stderr, _("%s %s: the server cannot be reached (%s); "
		    "the action is kept and will be sent later (vanthu "
		    "outbox flush)\n"), PACKAGE, core->cmd,
		    res.watch_detail[0] != '\0' ? res.watch_detail :
		    vt_strerror(VT_ERR_NETWORK));
		status = vt_exit_status(VT_ERR_OFFLINE);
		break;
	default:
		fprintf(stderr, _("%s %s: refused by the server: %s\n"),
		    PACKAGE, core->cmd, res.watch_detail);
		status = vt_exit_status(res.watch_code);
		break;
	}
	free(name);
	return status;
}

void
core_json_print(cJSON *j)
{
	char	*s = cJSON_PrintUnformatted(j);

	if (s != NULL) {
		puts(s);
		free(s);
	}
	cJSON_Delete(j);
}

int
core_bad_doc_id(const char *cmd, const char *arg)
{
	char	*shown = vt_text_safe(arg, strlen(arg), 0), *msg;
	int	 status;

	msg = xasprintf(_("'%s' is not a document: give its id as 'vanthu "
	    "inbox' lists it (i12) or its arrival number"), shown);
	status = vt_cmd_usage_error(cmd, msg);
	free(msg);
	free(shown);
	return status;
}

bool
core_valid_id(const char *s)
{
	const char	*p;

	if (s[0] == '\0' || s[0] == '.' || s[0] == '-' || strlen(s) > 200)
		return false;
	for (p = s; *p != '\0'; p++) {
		if (*p <= ' ' || *p > '~' || *p == '/')
			return false;
	}
	return true;
}

char *
core_obj_path(const char *kind, const char *id, const char *action)
{
	char	*esc = vt_http_url_escape(id), *p;

	if (action != NULL)
		p = xasprintf("/%s/%s/%s", kind, esc, action);
	else
		p = xasprintf("/%s/%s", kind, esc);
	free(esc);
	return p;
}

int
core_act_on(struct core *core, enum vt_act_kind kind,
    const struct vt_act_args *a)
{
	const struct vt_act_def	*def = vt_act_def(kind);
	struct vt_act_args	 args = *a;
	struct vt_act		 act;
	int			 status;

	/* Refused by role before anything is looked up, queued or sent. */
	if ((status = core_role_gate(core, def->name)) != 0)
		return status;
	if (def->collection != NULL &&
	    strcmp(def->collection, "incoming") == 0 &&
	    (args.id = core_doc_id(core, a->id, &status)) == NULL)
		return status;
	vt_act_build(&act, kind, &args);
	status = core_action(core, &act.spec);
	vt_act_clear(&act);
	return status;
}

int
core_act(const struct vt_cli *cli, const char *cmd, enum vt_act_kind kind,
    const struct vt_act_args *a)
{
	struct core	 core;
	int		 status;

	if ((status = core_open(&core, cli, cmd, CORE_OUTBOX)) != 0)
		return status;
	status = core_act_on(&core, kind, a);
	core_close(&core);
	return status;
}

int
core_act_text(const struct vt_cli *cli, const struct vt_args *args,
    enum vt_act_kind kind, int opt, const char *bad_id, const char *required)
{
	struct vt_act_args	 a;
	const char		*arg = vt_args_get(args, opt);
	char			*text = NULL;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, bad_id);
	if (arg == NULL && required != NULL)
		return vt_cmd_usage_error(args->cmd, required);
	if (arg != NULL && (text = core_text_arg(args->cmd, arg)) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	memset(&a, 0, sizeof a);
	a.id = args->argv[0];
	a.text = text;
	status = core_act(cli, args->cmd, kind, &a);
	free(text);
	return status;
}

void
core_print_block(const char *text)
{
	const char	*p, *nl;

	for (p = text; ; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("    %.*s\n", nl != NULL ? (int)(nl - p) : (int)strlen(p),
		    p);
		if (nl == NULL)
			break;
	}
}
