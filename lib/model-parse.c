/*
 * vanthu: parsing and validating the server's JSON into the typed model
 * (docs/api.md sections 3 to 9).  Every string goes through
 * vt_text_safe() before it is stored.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model-impl.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* Record the first error only; later ones are consequences. */
static void
bad(struct mp *p, const char *name, const char *what)
{
	if (p->failed)
		return;
	p->failed = true;
	vt_fail(p->eb, VT_ERR_PROTOCOL, "%s%s%s: %s", p->ctx,
	    p->ctx[0] != '\0' ? "." : "", name, what);
}

void
mp_init(struct mp *p, const char *ctx, struct vt_errbuf *eb)
{
	p->eb = eb;
	p->failed = false;
	snprintf(p->ctx, sizeof p->ctx, "%s", ctx != NULL ? ctx : "");
}

/* A sub-context "ctx.name" or "ctx.name[i]". */
void
mp_sub(struct mp *child, const struct mp *parent, const char *name, long i)
{
	char	idx[24] = "";
	int	n;

	child->eb = parent->eb;
	child->failed = false;
	if (i >= 0)
		snprintf(idx, sizeof idx, "[%ld]", i);
	n = snprintf(child->ctx, sizeof child->ctx, "%s%s%s%s", parent->ctx,
	    parent->ctx[0] != '\0' ? "." : "", name, idx);
	if (n < 0 || (size_t)n >= sizeof child->ctx)
		child->ctx[sizeof child->ctx - 1] = '\0';
}

char *
mp_str(struct mp *p, const cJSON *o, const char *name, int flags)
{
	const cJSON	*v;

	if (p->failed)
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (v == NULL || cJSON_IsNull(v)) {
		if (flags & MP_OPT)
			return NULL;
		bad(p, name, v == NULL ? _("missing") :
		    _("expected a string, got null"));
		return NULL;
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		bad(p, name, _("expected a string"));
		return NULL;
	}
	return vt_text_safe(v->valuestring, strlen(v->valuestring),
	    (flags & MP_ML) ? VT_TEXT_MULTILINE : 0);
}

/* An identifier or code: printable ASCII without spaces, short. */
char *
mp_id(struct mp *p, const cJSON *o, const char *name, int flags)
{
	const cJSON	*v;
	const char	*s;

	if (p->failed)
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if ((v == NULL || cJSON_IsNull(v)) && (flags & MP_OPT))
		return NULL;
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		bad(p, name, v == NULL ? _("missing") :
		    _("expected a string"));
		return NULL;
	}
	/* An empty identifier names nothing: absent when optional. */
	if (v->valuestring[0] == '\0') {
		if (!(flags & MP_OPT))
			bad(p, name, _("not a valid identifier"));
		return NULL;
	}
	if (strlen(v->valuestring) > 200) {
		bad(p, name, _("too long for an identifier"));
		return NULL;
	}
	for (s = v->valuestring; *s != '\0'; s++) {
		if (*s <= ' ' || *s > '~' || *s == '/') {
			bad(p, name, _("not a valid identifier"));
			return NULL;
		}
	}
	/* A dot segment would change the URL path it is put into. */
	if (strcmp(v->valuestring, ".") == 0 ||
	    strcmp(v->valuestring, "..") == 0) {
		bad(p, name, _("not a valid identifier"));
		return NULL;
	}
	return xstrdup(v->valuestring);
}

long long
mp_int(struct mp *p, const cJSON *o, const char *name, long long min,
    long long max, int flags)
{
	const cJSON	*v;
	double		 d;

	if (p->failed)
		return 0;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if ((v == NULL || cJSON_IsNull(v)) && (flags & MP_OPT))
		return 0;
	if (!cJSON_IsNumber(v)) {
		bad(p, name, v == NULL ? _("missing") :
		    _("expected a number"));
		return 0;
	}
	d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < (double)min ||
	    d > (double)max) {
		bad(p, name, _("number out of range"));
		return 0;
	}
	return (long long)d;
}

bool
mp_bool(struct mp *p, const cJSON *o, const char *name, int flags)
{
	const cJSON	*v;

	if (p->failed)
		return false;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if ((v == NULL || cJSON_IsNull(v)) && (flags & MP_OPT))
		return false;
	if (!cJSON_IsBool(v)) {
		bad(p, name, v == NULL ? _("missing") :
		    _("expected true or false"));
		return false;
	}
	return cJSON_IsTrue(v);
}

const cJSON *
mp_obj(struct mp *p, const cJSON *o, const char *name, int flags)
{
	const cJSON	*v;

	if (p->failed)
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if ((v == NULL || cJSON_IsNull(v)) && (flags & MP_OPT))
		return NULL;
	if (!cJSON_IsObject(v)) {
		bad(p, name, v == NULL ? _("missing") :
		    _("expected an object"));
		return NULL;
	}
	return v;
}

const cJSON *
mp_arr(struct mp *p, const cJSON *o, const char *name, int flags,
    size_t *n)
{
	const cJSON	*v;

	*n = 0;
	if (p->failed)
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(o, name);
	if ((v == NULL || cJSON_IsNull(v)) && (flags & MP_OPT))
		return NULL;
	if (!cJSON_IsArray(v)) {
		bad(p, name, v == NULL ? _("missing") :
		    _("expected a list"));
		return NULL;
	}
	*n = (size_t)cJSON_GetArraySize(v);
	if (*n > 1000000) {
		bad(p, name, _("too many items"));
		*n = 0;
		return NULL;
	}
	return v;
}

/* Fail P when CHILD failed (the error is already recorded). */
void
mp_join(struct mp *p, const struct mp *child)
{
	if (child->failed)
		p->failed = true;
}

/* A date "YYYY-MM-DD" (ISO 8601 calendar date), or NULL if optional. */
char *
mp_date(struct mp *p, const cJSON *o, const char *name, int flags)
{
	char	*s = mp_str(p, o, name, flags);
	int	 i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !(s[i] >= '0' && s[i] <= '9'))
			break;
	}
	if (i != 10 || s[10] != '\0') {
		free(s);
		bad(p, name, _("expected a date YYYY-MM-DD"));
		return NULL;
	}
	return s;
}

/* Digits S[0..N-1] as a number in [MIN, MAX], or -1. */
static int
digits(const char *s, int n, int min, int max)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= min && v <= max ? v : -1;
}

/* Whether S is an RFC 3339 date-time (section 5.6, "T" separator). */
static bool
valid_time(const char *s)
{
	if (strlen(s) < 20 || digits(s, 4, 0, 9999) < 0 || s[4] != '-' ||
	    digits(s + 5, 2, 1, 12) < 0 || s[7] != '-' ||
	    digits(s + 8, 2, 1, 31) < 0 || (s[10] != 'T' && s[10] != 't') ||
	    digits(s + 11, 2, 0, 23) < 0 || s[13] != ':' ||
	    digits(s + 14, 2, 0, 59) < 0 || s[16] != ':' ||
	    digits(s + 17, 2, 0, 60) < 0)
		return false;
	s += 19;
	if (*s == '.') {
		if (s[1] < '0' || s[1] > '9')
			return false;
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	}
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
		return true;
	return (*s == '+' || *s == '-') && digits(s + 1, 2, 0, 23) >= 0 &&
	    s[3] == ':' && digits(s + 4, 2, 0, 59) >= 0 && s[6] == '\0';
}

/* A date-time (RFC 3339), or NULL if optional. */
char *
mp_time(struct mp *p, const cJSON *o, const char *name, int flags)
{
	char	*s = mp_str(p, o, name, flags);

	if (s != NULL && !valid_time(s)) {
		free(s);
		bad(p, name, _("expected a date and time (RFC 3339)"));
		return NULL;
	}
	return s;
}

void
mp_person(struct mp *p, const cJSON *o, const char *name, int flags,
    struct vt_person *out)
{
	const cJSON	*v;
	struct mp	 c;

	memset(out, 0, sizeof *out);
	if ((v = mp_obj(p, o, name, flags)) == NULL)
		return;
	mp_sub(&c, p, name, -1);
	out->username = mp_id(&c, v, "username", 0);
	out->full_name = mp_str(&c, v, "full_name", 0);
	out->role = mp_id(&c, v, "role", MP_OPT);
	out->position = mp_str(&c, v, "position", MP_OPT);
	mp_join(p, &c);
}

vt_code
vt_person_parse(const cJSON *j, const char *ctx, struct vt_person *out,
    struct vt_errbuf *eb)
{
	struct mp	p;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx, eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, _("%s: expected an object"),
		    ctx != NULL ? ctx : "person");
	out->username = mp_id(&p, j, "username", 0);
	out->full_name = mp_str(&p, j, "full_name", 0);
	out->role = mp_id(&p, j, "role", MP_OPT);
	out->position = mp_str(&p, j, "position", MP_OPT);
	if (p.failed) {
		vt_person_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

void
vt_person_clear(struct vt_person *p)
{
	if (p == NULL)
		return;
	free(p->username);
	free(p->full_name);
	free(p->role);
	free(p->position);
	memset(p, 0, sizeof *p);
}

void
mp_history(struct mp *p, const cJSON *o, const char *name,
    struct vt_history_step **out, size_t *n)
{
	const cJSON		*a, *it;
	struct mp		 c;
	size_t			 i = 0;
	struct vt_history_step	*h;

	a = mp_arr(p, o, name, 0, n);
	*out = *n > 0 ? xcalloc(*n, sizeof **out) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= *n)
			break;
		h = &(*out)[i];
		mp_sub(&c, p, name, (long)i++);
		if (!cJSON_IsObject(it)) {
			bad(&c, "", _("expected an object"));
			mp_join(p, &c);
			break;
		}
		h->at = mp_str(&c, it, "at", 0);
		h->action = mp_id(&c, it, "action", 0);
		h->status = mp_id(&c, it, "status", MP_OPT);
		mp_person(&c, it, "actor", MP_OPT, &h->actor);
		h->note = mp_str(&c, it, "note", MP_OPT | MP_ML);
		h->version_id = mp_id(&c, it, "version_id", MP_OPT);
		mp_join(p, &c);
	}
}

void
history_free(struct vt_history_step *h, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(h[i].at);
		free(h[i].action);
		free(h[i].status);
		vt_person_clear(&h[i].actor);
		free(h[i].note);
		free(h[i].version_id);
	}
	free(h);
}

char **
mp_str_list(struct mp *p, const cJSON *o, const char *name, int flags,
    bool ids, size_t *n)
{
	const cJSON	*a, *it;
	char		**out;
	size_t		 i = 0;

	a = mp_arr(p, o, name, flags, n);
	out = xcalloc(*n + 1, sizeof *out);
	cJSON_ArrayForEach(it, a) {
		if (i >= *n)
			break;
		if (!cJSON_IsString(it)) {
			bad(p, name, _("expected a list of strings"));
			break;
		}
		if (ids) {
			struct mp	 c;
			cJSON		*wrap = cJSON_CreateObject();

			cJSON_AddStringToObject(wrap, "id", it->valuestring);
			mp_sub(&c, p, name, (long)i);
			out[i] = mp_id(&c, wrap, "id", 0);
			cJSON_Delete(wrap);
			mp_join(p, &c);
			if (c.failed)
				break;
		} else
			out[i] = vt_text_safe(it->valuestring,
			    strlen(it->valuestring), 0);
		i++;
	}
	return out;
}

void
str_list_free(char **l, size_t n)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void
vt_api_error_parse(const char *body, size_t len, struct vt_api_error *out)
{
	char		*copy;
	cJSON		*j;
	const cJSON	*e;
	struct mp	 p;

	memset(out, 0, sizeof *out);
	/* A copy: the NUL escapes are rewritten in place. */
	j = NULL;
	if (body != NULL) {
		copy = xmalloc(len + 1);
		memcpy(copy, body, len);
		copy[len] = '\0';
		j = vt_json_parse_text(copy, len);
		free(copy);
	}
	e = cJSON_GetObjectItemCaseSensitive(j, "error");
	if (cJSON_IsObject(e)) {
		mp_init(&p, "error", NULL);
		out->code = mp_id(&p, e, "code", MP_OPT);
		p.failed = false;
		out->message = mp_str(&p, e, "message", MP_OPT | MP_ML);
		p.failed = false;
		out->field = mp_str(&p, e, "field", MP_OPT);
	}
	cJSON_Delete(j);
	if (out->code == NULL)
		out->code = xstrdup("");
	if (out->message == NULL)
		out->message = xstrdup("");
}

void
vt_api_error_clear(struct vt_api_error *e)
{
	if (e == NULL)
		return;
	free(e->code);
	free(e->message);
	free(e->field);
	memset(e, 0, sizeof *e);
}
