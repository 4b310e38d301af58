/*
 * vanthu: the API client: session, requests under /api/v1, error
 * mapping and re-login on 401 (see vanthu/api.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api-impl.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static bool
valid_base(const char *url)
{
	const char	*p;

	if (strncmp(url, "https://", 8) != 0 || url[8] == '\0')
		return false;
	for (p = url; *p != '\0'; p++) {
		if (*p <= ' ' || *p > '~' || *p == '?' || *p == '#')
			return false;
	}
	return true;
}

vt_code
vt_client_new(const struct vt_config *cfg, struct vt_client **out,
    struct vt_errbuf *eb)
{
	struct vt_client	*c;
	struct vt_http_opts	 opts;
	char			*cache;
	size_t			 len;

	*out = NULL;
	if (cfg->server == NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("no server: set \"server\" "
		    "in the configuration file or use --server URL"));
	if (!valid_base(cfg->server)) {
		char *shown = vt_config_quote(cfg->server);

		vt_fail(eb, VT_ERR_CONFIG, _("the server must be an "
		    "https:// URL: %s"), shown);
		free(shown);
		return VT_ERR_CONFIG;
	}
	c = xcalloc(1, sizeof *c);
	c->cfg = cfg;
	c->base = xstrdup(cfg->server);
	len = strlen(c->base);
	while (len > 8 && c->base[len - 1] == '/')
		c->base[--len] = '\0';
	if (len > 7 && strcmp(c->base + len - 7, "/api/v1") == 0)
		c->base[len - 7] = '\0';
	memset(&opts, 0, sizeof opts);
	opts.ca_file = cfg->ca_file;
	opts.pin_pubkey = cfg->pin_pubkey;
	opts.connect_timeout = cfg->connect_timeout;
	opts.low_speed_time = cfg->low_speed_time;
	opts.request_timeout = cfg->request_timeout;
	opts.max_response = (size_t)cfg->max_response_mb << 20;
	opts.max_retries = cfg->retries < 0 ? 0 : cfg->retries == 0 ? -1 :
	    cfg->retries;
	/* TLS sessions for the next process: a refresh in a new process
	   resumes instead of a full handshake (a few hundred bytes). */
	cache = vt_cache_dir();
	c->tls_dir = xasprintf("%s/tls", cache);
	free(cache);
	opts.tls_dir = c->tls_dir;
	c->http = vt_http_new(&opts);
	/* Large pages: a sync of 10,000 documents in 11 requests rather
	   than 52, nearly one compressed stream (docs/api.md section 1). */
	c->page_limit = cfg->page_size > 0 ? (int)cfg->page_size : 1000;
	/* Without a page size of its own, a whole list is asked as one
	   streamed answer: one compressed stream (docs/api.md section 1). */
	c->stream_lists = cfg->page_size == 0;
	c->state_dir = vt_state_dir();
	c->logged_in = vt_session_load(&c->session, c->state_dir, c->base,
	    &c->session_eb) == VT_OK;
	*out = c;
	return VT_OK;
}

void
vt_client_free(struct vt_client *c)
{
	if (c == NULL)
		return;
	vt_http_free(c->http);
	vt_session_clear(&c->session);
	free(c->base);
	free(c->state_dir);
	free(c->tls_dir);
	free(c);
}

bool
vt_client_logged_in(const struct vt_client *c)
{
	return c->logged_in;
}

vt_code
vt_client_logout_reason(const struct vt_client *c, struct vt_errbuf *eb)
{
	if (c->logged_in)
		return VT_OK;
	if (eb != NULL)
		*eb = c->session_eb;
	return c->session_eb.code != VT_OK ? c->session_eb.code : VT_ERR_AUTH;
}

const struct vt_session *
vt_client_session(const struct vt_client *c)
{
	return c->logged_in ? &c->session : NULL;
}

const char *
vt_client_server(const struct vt_client *c)
{
	return c->base;
}

struct vt_http *
vt_client_http(struct vt_client *c)
{
	return c->http;
}

void
vt_client_set_reauth(struct vt_client *c, vt_reauth_fn fn, void *arg)
{
	c->reauth = fn;
	c->reauth_arg = arg;
}

vt_code
vt_client_account_dir(const struct vt_client *c, const char *base, char **out,
    struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	const char	*p;

	*out = NULL;
	if (!c->logged_in)
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in: run "
		    "'vanthu login'"));
	vt_buf_init(&b);
	vt_buf_printf(&b, "%s/", base);
	for (p = c->base + 8; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-')
			vt_buf_putc(&b, *p);
		else
			vt_buf_putc(&b, '_');
	}
	vt_buf_putc(&b, '@');
	for (p = c->session.username; *p != '\0'; p++)
		vt_buf_putc(&b, *p == '/' || *p == '.' ? '_' : *p);
	*out = vt_buf_steal(&b);
	return VT_OK;
}

vt_code
api_status_error(const struct vt_http_resp *resp, struct vt_errbuf *eb)
{
	struct vt_api_error	 e;
	vt_code			 code;
	long			 s = resp->status;

	vt_api_error_parse(resp->body.data, resp->body.len, &e);
	if (s == 401)
		code = strcmp(e.code, "token_expired") == 0 ?
		    VT_ERR_EXPIRED : VT_ERR_AUTH;
	else if (s == 403)
		code = VT_ERR_FORBIDDEN;
	else if (s == 404)
		code = VT_ERR_NOT_FOUND;
	else if (s == 409)
		code = VT_ERR_CONFLICT;
	else if (s >= 400 && s < 500)
		code = VT_ERR_REFUSED;
	else if (s >= 500 && s < 600)
		code = VT_ERR_SERVER;
	else
		code = VT_ERR_HTTP;
	/* The server's own words (in Vietnamese), then the status; its
	 * machine code ("forbidden") is for programs, not people. */
	if (e.message[0] != '\0')
		vt_fail(eb, code, "%s (HTTP %ld)", e.message, s);
	else
		vt_fail(eb, code, "HTTP %ld", s);
	vt_api_error_clear(&e);
	return code;
}

static vt_code
relogin(struct vt_client *c, struct vt_errbuf *eb)
{
	char	*user, *pw;
	vt_code	 code;

	if (c->reauth == NULL || !c->logged_in)
		return VT_ERR_AUTH;
	user = xstrdup(c->session.username);
	pw = c->reauth(c->reauth_arg, user);
	if (pw == NULL) {
		free(user);
		return VT_ERR_AUTH;
	}
	code = vt_api_login(c, user, pw, eb);
	vt_secret_free(pw);
	free(user);
	return code;
}

static vt_code
request_stream(struct vt_client *c, const char *method, const char *path,
    const char *content_type, const void *body, size_t len, const char *key,
    const char *if_none_match, const struct api_stream *st,
    struct vt_http_resp *resp, struct vt_errbuf *eb)
{
	struct vt_http_req	 req;
	char			*url;
	vt_code			 code;
	int			 tries;

	vt_http_resp_init(resp);
	url = xasprintf("%s/api/v1%s", c->base, path);
	for (tries = 0; tries < 2; tries++) {
		vt_http_req_init(&req, method, url);
		req.bearer = c->logged_in ? c->session.token : NULL;
		req.content_type = content_type;
		req.body = body;
		req.body_len = len;
		req.idempotency_key = key;
		req.if_none_match = if_none_match;
		if (st != NULL) {
			req.accept = st->accept;
			req.stream_type = st->type;
			req.stream_fn = st->fn;
			req.stream_arg = st->arg;
		}
		code = vt_http_request(c->http, &req, resp, eb);
		if (code != VT_OK)
			break;
		if ((resp->status >= 200 && resp->status < 300) ||
		    resp->status == 304)
			break;
		if (resp->status == 401 && tries == 0 &&
		    strcmp(path, "/auth/login") != 0 &&
		    relogin(c, NULL) == VT_OK)
			continue;
		code = api_status_error(resp, eb);
		break;
	}
	free(url);
	return code;
}

static vt_code
request(struct vt_client *c, const char *method, const char *path,
    const char *content_type, const void *body, size_t len, const char *key,
    const char *if_none_match, struct vt_http_resp *resp,
    struct vt_errbuf *eb)
{
	return request_stream(c, method, path, content_type, body, len, key,
	    if_none_match, NULL, resp, eb);
}

vt_code
api_get_stream(struct vt_client *c, const char *path,
    const struct api_stream *st, struct vt_http_resp *resp,
    struct vt_errbuf *eb)
{
	return request_stream(c, "GET", path, NULL, NULL, 0, NULL, NULL, st,
	    resp, eb);
}

vt_code
vt_api_get(struct vt_client *c, const char *path, const char *if_none_match,
    struct vt_http_resp *resp, struct vt_errbuf *eb)
{
	return request(c, "GET", path, NULL, NULL, 0, NULL, if_none_match,
	    resp, eb);
}

vt_code
vt_api_post(struct vt_client *c, const char *path, const char *content_type,
    const void *body, size_t len, const char *key, struct vt_http_resp *resp,
    struct vt_errbuf *eb)
{
	return request(c, "POST", path, content_type != NULL ? content_type :
	    "application/json", body, len, key, NULL, resp, eb);
}

vt_code
vt_api_parse_json(const struct vt_http_resp *resp, cJSON **out,
    struct vt_errbuf *eb)
{
	*out = NULL;
	if (resp->body.len == 0)
		return vt_fail(eb, VT_ERR_PROTOCOL, _("empty answer"));
	*out = vt_json_parse_text(resp->body.data, resp->body.len);
	if (*out == NULL || !cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the answer is not a "
		    "JSON object (%zu bytes)"), resp->body.len);
	}
	return VT_OK;
}

/* Append S to the secret buffer B at *AT as a JSON string (RFC 8259
   section 7); B has room for 6 bytes per byte of S and the quotes. */
static void
json_put_string(char *b, size_t *at, const char *s)
{
	const unsigned char	*p;

	b[(*at)++] = '"';
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			b[(*at)++] = '\\';
			b[(*at)++] = (char)*p;
		} else if (*p < 0x20) {
			snprintf(b + *at, 7, "\\u%04x", *p);
			*at += 6;
		} else
			b[(*at)++] = (char)*p;
	}
	b[(*at)++] = '"';
}

/*
 * The login's JSON body {"username":..,"password":..} in a secret
 * buffer (free with vt_secret_free): built here, not with cJSON, whose
 * printing grows and frees buffers holding the password unwiped.
 */
static char *
login_body(const char *username, const char *password)
{
	char	*b = vt_secret_new(40 + 6 * (strlen(username) +
		    strlen(password)));
	size_t	 at = 0;

	memcpy(b, "{\"username\":", 12);
	at = 12;
	json_put_string(b, &at, username);
	memcpy(b + at, ",\"password\":", 12);
	at += 12;
	json_put_string(b, &at, password);
	b[at++] = '}';
	b[at] = '\0';
	return b;
}

vt_code
vt_api_login(struct vt_client *c, const char *username, const char *password,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	struct vt_me		 me;
	struct vt_session	 s;
	cJSON			*j;
	char			*body;
	vt_code			 code;

	body = login_body(username, password);
	code = request(c, "POST", "/auth/login", "application/json", body,
	    strlen(body), NULL, NULL, &resp, eb);
	vt_secret_free(body);
	if (code == VT_ERR_AUTH || code == VT_ERR_EXPIRED)
		code = vt_fail(eb, VT_ERR_AUTH, _("wrong user name or "
		    "password"));
	if (code == VT_OK && (code = vt_api_parse_json(&resp, &j, eb)) ==
	    VT_OK) {
		code = vt_me_parse(j, &me, eb);
		cJSON_Delete(j);
		if (code == VT_OK && me.token == NULL) {
			vt_me_clear(&me);
			code = vt_fail(eb, VT_ERR_PROTOCOL, "token: %s",
			    _("missing"));
		}
	}
	explicit_bzero(resp.body.data != NULL ? resp.body.data : (char *)"",
	    resp.body.len);
	vt_http_resp_free(&resp);
	if (code != VT_OK)
		return code;
	memset(&s, 0, sizeof s);
	s.server = xstrdup(c->base);
	s.username = xstrdup(me.user.username);
	s.full_name = xstrdup(me.user.full_name);
	s.role = xstrdup(me.user.role);
	s.token = xstrdup(me.token);
	s.expires_at = xstrdup(me.expires_at != NULL ? me.expires_at : "");
	vt_me_clear(&me);
	code = vt_session_save(&s, c->state_dir, eb);
	vt_session_clear(&c->session);
	c->session = s;
	c->logged_in = true;
	return code;
}

vt_code
vt_api_logout(struct vt_client *c, struct vt_errbuf *eb)
{
	struct vt_http_resp	resp;

	if (c->logged_in) {
		/* Best effort: the token dies with the session file anyway. */
		request(c, "POST", "/auth/logout", "application/json", NULL, 0,
		    NULL, NULL, &resp, NULL);
		vt_http_resp_free(&resp);
	}
	vt_session_clear(&c->session);
	c->logged_in = false;
	return vt_session_remove(c->state_dir, eb);
}

vt_code
vt_api_me(struct vt_client *c, struct vt_me *out, struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	cJSON			*j;
	vt_code			 code;

	memset(out, 0, sizeof *out);
	code = vt_api_get(c, "/me", NULL, &resp, eb);
	if (code == VT_OK && (code = vt_api_parse_json(&resp, &j, eb)) ==
	    VT_OK) {
		code = vt_me_parse(j, out, eb);
		cJSON_Delete(j);
	}
	vt_http_resp_free(&resp);
	return code;
}
