/*
 * vanthu: the session user (/me, /auth/login), delta sync answers
 * (docs/api.md section 9), and display names of codes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model-impl.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

vt_code
vt_me_parse(const cJSON *j, struct vt_me *out, struct vt_errbuf *eb)
{
	struct mp	 p, c;
	const cJSON	*o;

	memset(out, 0, sizeof *out);
	mp_init(&p, "", eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, _("expected an object"));
	mp_person(&p, j, "user", 0, &out->user);
	if ((o = mp_obj(&p, j, "organization", MP_OPT)) != NULL) {
		mp_sub(&c, &p, "organization", -1);
		out->organization.organ_id = mp_str(&c, o, "organ_id", 0);
		out->organization.organ_name = mp_str(&c, o, "organ_name", 0);
		mp_join(&p, &c);
	} else if (!p.failed) {
		out->organization.organ_id = xstrdup("");
		out->organization.organ_name = xstrdup("");
	}
	out->expires_at = mp_time(&p, j, "expires_at", MP_OPT);
	out->token = mp_id(&p, j, "token", MP_OPT);
	if (!p.failed && out->user.role == NULL) {
		p.failed = true;
		vt_fail(eb, VT_ERR_PROTOCOL, "user.role: %s", _("missing"));
	}
	if (p.failed) {
		vt_me_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

void
vt_me_clear(struct vt_me *m)
{
	if (m == NULL)
		return;
	vt_person_clear(&m->user);
	free(m->organization.organ_id);
	free(m->organization.organ_name);
	free(m->expires_at);
	if (m->token != NULL) {
		explicit_bzero(m->token, strlen(m->token));
		free(m->token);
	}
	memset(m, 0, sizeof *m);
}

/*
 * One part of a delta.  FLAGS MP_OPT: a hint the answer may leave out
 * (the dossiers'): missing, null or not as it should be, it is ignored
 * (false, nothing kept) rather than failing the whole sync; the client
 * then asks for what it would have said.
 */
static bool
delta_part(struct mp *p, const cJSON *j, const char *name, int flags,
    char ***changed, size_t *nc, char ***deleted, size_t *nd)
{
	const cJSON	*o;
	struct mp	 c;

	if (flags & MP_OPT) {
		o = cJSON_GetObjectItemCaseSensitive(j, name);
		if (!cJSON_IsObject(o))
			return false;
		mp_init(&c, name, NULL);
	} else {
		o = mp_obj(p, j, name, 0);
		mp_sub(&c, p, name, -1);
	}
	*changed = mp_str_list(&c, o, "changed", 0, true, nc);
	*deleted = mp_str_list(&c, o, "deleted", 0, true, nd);
	if (!(flags & MP_OPT)) {
		mp_join(p, &c);
		return true;
	}
	if (!c.failed)
		return true;
	str_list_free(*changed, *nc);
	str_list_free(*deleted, *nd);
	*changed = *deleted = NULL;
	*nc = *nd = 0;
	return false;
}

vt_code
vt_delta_parse(const cJSON *j, struct vt_delta *out, struct vt_errbuf *eb)
{
	struct mp	p;

	memset(out, 0, sizeof *out);
	mp_init(&p, "sync", eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, "sync: %s",
		    _("expected an object"));
	out->sync_token = mp_id(&p, j, "sync_token", 0);
	out->full = mp_bool(&p, j, "full", MP_OPT);
	delta_part(&p, j, "incoming", 0, &out->incoming_changed,
	    &out->nincoming_changed, &out->incoming_deleted,
	    &out->nincoming_deleted);
	delta_part(&p, j, "drafts", 0, &out->drafts_changed,
	    &out->ndrafts_changed, &out->drafts_deleted,
	    &out->ndrafts_deleted);
	out->has_dossiers = delta_part(&p, j, "dossiers", MP_OPT,
	    &out->dossiers_changed, &out->ndossiers_changed,
	    &out->dossiers_deleted, &out->ndossiers_deleted);
	if (p.failed) {
		vt_delta_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

void
vt_delta_clear(struct vt_delta *d)
{
	if (d == NULL)
		return;
	free(d->sync_token);
	str_list_free(d->incoming_changed, d->nincoming_changed);
	str_list_free(d->incoming_deleted, d->nincoming_deleted);
	str_list_free(d->drafts_changed, d->ndrafts_changed);
	str_list_free(d->drafts_deleted, d->ndrafts_deleted);
	str_list_free(d->dossiers_changed, d->ndossiers_changed);
	str_list_free(d->dossiers_deleted, d->ndossiers_deleted);
	free(d->etag);
	memset(d, 0, sizeof *d);
}

void
vt_today(char out[11])
{
	vt_clock_today(out);
}

const char *
vt_urgency_name(enum vt_urgency urgency)
{
	static const char *const names[] = {
		N_("normal"), N_("urgent"), N_("very urgent"),
		N_("immediate"), N_("immediate, timed"),
	};

	if ((int)urgency < 0 || (int)urgency > 4)
		return "?";
	return _(names[urgency]);
}

const char *
vt_status_name(const char *status)
{
	static const struct {
		const char	*code;
		const char	*name;
	} names[] = {
		{ "01", N_("arrived") },
		{ "02", N_("returned") },
		{ "03", N_("registered") },
		{ "04", N_("assigned") },
		{ "05", N_("in progress") },
		{ "06", N_("completed") },
	};
	size_t	i;

	for (i = 0; status != NULL && i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].code, status) == 0)
			return _(names[i].name);
	}
	return status != NULL ? status : "?";
}
