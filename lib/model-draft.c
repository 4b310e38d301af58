/*
 * vanthu: drafts (docs/api.md section 7): summary, versions with their
 * verified signatures, reviewers, annotations and history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model-impl.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static void
version_clear(struct vt_version *v)
{
	size_t	i;

	free(v->id);
	free(v->kind);
	free(v->created_at);
	vt_person_clear(&v->created_by);
	free(v->attachment_id);
	free(v->filename);
	free(v->sha256);
	for (i = 0; i < v->nsignatures; i++) {
		free(v->signatures[i].kind);
		free(v->signatures[i].common_name);
		free(v->signatures[i].username);
		free(v->signatures[i].signed_at);
	}
	free(v->signatures);
	memset(v, 0, sizeof *v);
}

static void
parse_version(struct mp *p, const cJSON *j, struct vt_version *v)
{
	const cJSON	*a, *it;
	struct mp	 c;
	size_t		 i = 0;

	if (!cJSON_IsObject(j)) {
		if (!p->failed)
			vt_fail(p->eb, VT_ERR_PROTOCOL, "%s: %s", p->ctx,
			    _("expected an object"));
		p->failed = true;
		return;
	}
	v->id = mp_id(p, j, "id", 0);
	v->number = (int)mp_int(p, j, "number", 0, 1000000, 0);
	v->kind = mp_id(p, j, "kind", 0);
	v->created_at = mp_str(p, j, "created_at", MP_OPT);
	mp_person(p, j, "created_by", MP_OPT, &v->created_by);
	v->attachment_id = mp_id(p, j, "attachment_id", 0);
	v->filename = mp_str(p, j, "filename", 0);
	v->size = (uint64_t)mp_int(p, j, "size", 0, 1LL << 50, 0);
	v->sha256 = mp_id(p, j, "sha256", 0);
	v->page_amount = (int)mp_int(p, j, "page_amount", 0, 1000000, MP_OPT);
	a = mp_arr(p, j, "signatures", MP_OPT, &v->nsignatures);
	v->signatures = v->nsignatures > 0 ?
	    xcalloc(v->nsignatures, sizeof *v->signatures) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= v->nsignatures)
			break;
		mp_sub(&c, p, "signatures", (long)i);
		v->signatures[i].kind = mp_id(&c, it, "kind", 0);
		v->signatures[i].common_name = mp_str(&c, it, "common_name",
		    MP_OPT);
		v->signatures[i].username = mp_id(&c, it, "username", MP_OPT);
		v->signatures[i].signed_at = mp_str(&c, it, "signed_at",
		    MP_OPT);
		mp_join(p, &c);
		i++;
	}
}

static unsigned
parse_roles(struct mp *p, const cJSON *j)
{
	char		**l;
	size_t		 n, i;
	unsigned	 roles = 0;

	l = mp_str_list(p, j, "my_roles", MP_OPT, true, &n);
	for (i = 0; i < n && l[i] != NULL; i++) {
		if (strcmp(l[i], "drafter") == 0)
			roles |= VT_ROLE_DRAFTER;
		else if (strcmp(l[i], "reviewer") == 0)
			roles |= VT_ROLE_REVIEWER;
		else if (strcmp(l[i], "signer") == 0)
			roles |= VT_ROLE_SIGNER;
		else if (strcmp(l[i], "clerk") == 0)
			roles |= VT_ROLE_CLERK;
	}
	str_list_free(l, n);
	return roles;
}

static void
parse_detail(struct mp *p, const cJSON *j, struct vt_draft *d)
{
	const cJSON	*a, *it;
	struct mp	 c;
	size_t		 i;

	a = mp_arr(p, j, "reviewers", MP_OPT, &d->nreviewers);
	d->reviewers = d->nreviewers > 0 ?
	    xcalloc(d->nreviewers, sizeof *d->reviewers) : NULL;
	i = 0;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nreviewers)
			break;
		mp_sub(&c, p, "reviewers", (long)i);
		if (vt_person_parse(it, c.ctx, &d->reviewers[i].person,
		    c.eb) != VT_OK) {
			p->failed = true;
			break;
		}
		d->reviewers[i].approved_at = mp_str(&c, it, "approved_at",
		    MP_OPT);
		mp_join(p, &c);
		i++;
	}
	a = mp_arr(p, j, "versions", 0, &d->nversions);
	d->versions = d->nversions > 0 ?
	    xcalloc(d->nversions, sizeof *d->versions) : NULL;
	i = 0;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nversions || p->failed)
			break;
		mp_sub(&c, p, "versions", (long)i);
		parse_version(&c, it, &d->versions[i++]);
		mp_join(p, &c);
	}
	a = mp_arr(p, j, "annotations", MP_OPT, &d->nannotations);
	d->annotations = d->nannotations > 0 ?
	    xcalloc(d->nannotations, sizeof *d->annotations) : NULL;
	i = 0;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nannotations || p->failed)
			break;
		mp_sub(&c, p, "annotations", (long)i);
		if (vt_annotation_parse(it, c.ctx, &d->annotations[i++],
		    c.eb) != VT_OK)
			p->failed = true;
	}
	mp_history(p, j, "history", &d->history, &d->nhistory);
}

/* recipients, turn and return_reason (POST /drafts era, optional). */
static void
parse_extra(struct mp *p, const cJSON *j, struct vt_draft *d)
{
	const cJSON	*a, *it;
	struct mp	 c;
	size_t		 i = 0;

	d->recipients = mp_str_list(p, j, "recipients", MP_OPT, false,
	    &d->nrecipients);
	d->return_reason = mp_str(p, j, "return_reason", MP_OPT | MP_ML);
	d->has_turn = cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j,
	    "turn"));
	a = mp_arr(p, j, "turn", MP_OPT, &d->nturn);
	d->turn = d->nturn > 0 ? xcalloc(d->nturn, sizeof *d->turn) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nturn || p->failed)
			break;
		mp_sub(&c, p, "turn", (long)i);
		if (vt_person_parse(it, c.ctx, &d->turn[i++], c.eb) != VT_OK)
			p->failed = true;
	}
}

vt_code
vt_draft_parse(const cJSON *j, const char *ctx, struct vt_draft *out,
    struct vt_errbuf *eb)
{
	struct mp	 p, c;
	const cJSON	*v;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx, eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s",
		    ctx != NULL ? ctx : "draft", _("expected an object"));
	out->id = mp_id(&p, j, "id", 0);
	out->type_code = mp_str(&p, j, "type_code", 0);
	out->type_name = mp_str(&p, j, "type_name", 0);
	out->code_notation = mp_str(&p, j, "code_notation", 0);
	out->code_number = mp_str(&p, j, "code_number", 0);
	out->subject = mp_str(&p, j, "subject", 0);
	out->urgency = (int)mp_int(&p, j, "urgency", 0, 4, 0);
	out->due_date = mp_date(&p, j, "due_date", MP_OPT);
	out->state = mp_id(&p, j, "state", 0);
	out->my_roles = parse_roles(&p, j);
	out->awaiting_me = mp_bool(&p, j, "awaiting_me", 0);
	mp_person(&p, j, "drafter", 0, &out->drafter);
	mp_person(&p, j, "signer", 0, &out->signer);
	out->signer_position = mp_str(&p, j, "signer_position", MP_OPT);
	out->signer_competence = mp_str(&p, j, "signer_competence", MP_OPT);
	if ((v = mp_obj(&p, j, "current_version", MP_OPT)) != NULL) {
		mp_sub(&c, &p, "current_version", -1);
		parse_version(&c, v, &out->current_version);
		mp_join(&p, &c);
		out->has_current = true;
	}
	out->updated_at = mp_str(&p, j, "updated_at", MP_OPT);
	parse_extra(&p, j, out);
	if (!p.failed && cJSON_GetObjectItemCaseSensitive(j, "versions")) {
		out->detailed = true;
		parse_detail(&p, j, out);
	}
	if (p.failed) {
		vt_draft_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

vt_code
vt_annotation_parse(const cJSON *j, const char *ctx,
    struct vt_annotation *out, struct vt_errbuf *eb)
{
	struct mp	p;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx, eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s",
		    ctx != NULL ? ctx : "annotation", _("expected an object"));
	out->id = mp_id(&p, j, "id", 0);
	out->version_id = mp_id(&p, j, "version_id", 0);
	out->page = (int)mp_int(&p, j, "page", 1, 1000000, 0);
	out->quote = mp_str(&p, j, "quote", MP_OPT | MP_ML);
	out->note = mp_str(&p, j, "note", MP_ML);
	mp_person(&p, j, "author", 0, &out->author);
	out->created_at = mp_str(&p, j, "created_at", MP_OPT);
	if (p.failed) {
		vt_annotation_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

void
vt_annotation_clear(struct vt_annotation *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->version_id);
	free(a->quote);
	free(a->note);
	vt_person_clear(&a->author);
	free(a->created_at);
	memset(a, 0, sizeof *a);
}

void
vt_draft_clear(struct vt_draft *d)
{
	size_t	i;

	if (d == NULL)
		return;
	free(d->id);
	free(d->type_code);
	free(d->type_name);
	free(d->code_notation);
	free(d->code_number);
	free(d->subject);
	free(d->due_date);
	free(d->state);
	vt_person_clear(&d->drafter);
	vt_person_clear(&d->signer);
	free(d->signer_position);
	free(d->signer_competence);
	version_clear(&d->current_version);
	free(d->updated_at);
	str_list_free(d->recipients, d->nrecipients);
	for (i = 0; i < d->nturn; i++)
		vt_person_clear(&d->turn[i]);
	free(d->turn);
	free(d->return_reason);
	for (i = 0; i < d->nreviewers; i++) {
		vt_person_clear(&d->reviewers[i].person);
		free(d->reviewers[i].approved_at);
	}
	free(d->reviewers);
	for (i = 0; i < d->nversions; i++)
		version_clear(&d->versions[i]);
	free(d->versions);
	for (i = 0; i < d->nannotations; i++)
		vt_annotation_clear(&d->annotations[i]);
	free(d->annotations);
	history_free(d->history, d->nhistory);
	memset(d, 0, sizeof *d);
}

void
vt_draft_list_clear(struct vt_draft_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		vt_draft_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void
vt_draft_list_push(struct vt_draft_list *l, struct vt_draft *d)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->n++] = *d;
	memset(d, 0, sizeof *d);
}
