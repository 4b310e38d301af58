/*
 * vanthu: incoming documents (docs/api.md section 5): the summary and
 * the detail, with attachments, assignments, history and comments.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model-impl.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static void
parse_attachments(struct mp *p, const cJSON *o, struct vt_doc *d)
{
	const cJSON		*a, *it;
	struct mp		 c;
	struct vt_attachment	*t;
	size_t			 i = 0;

	a = mp_arr(p, o, "attachments", 0, &d->nattachments);
	d->attachments = d->nattachments > 0 ?
	    xcalloc(d->nattachments, sizeof *d->attachments) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nattachments)
			break;
		t = &d->attachments[i];
		mp_sub(&c, p, "attachments", (long)i++);
		t->id = mp_id(&c, it, "id", 0);
		t->filename = mp_str(&c, it, "filename", 0);
		t->content_type = mp_str(&c, it, "content_type", 0);
		t->size = (uint64_t)mp_int(&c, it, "size", 0, 1LL << 50, 0);
		t->sha256 = mp_id(&c, it, "sha256", 0);
		t->url = mp_str(&c, it, "url", 0);
		if (!c.failed && (strlen(t->sha256) != 64 ||
		    strspn(t->sha256, "0123456789abcdef") != 64)) {
			c.failed = true;
			vt_fail(c.eb, VT_ERR_PROTOCOL, "%s.sha256: %s", c.ctx,
			    _("expected 64 hexadecimal digits"));
		}
		if (!c.failed && strncmp(t->url, "/api/v1/", 8) != 0) {
			c.failed = true;
			vt_fail(c.eb, VT_ERR_PROTOCOL, "%s.url: %s", c.ctx,
			    _("expected a path under /api/v1/"));
		}
		mp_join(p, &c);
	}
}

static void
parse_assignments(struct mp *p, const cJSON *o, struct vt_doc *d)
{
	const cJSON		*a, *it;
	struct mp		 c;
	struct vt_assignment	*t;
	size_t			 i = 0;

	a = mp_arr(p, o, "assignments", MP_OPT, &d->nassignments);
	d->assignments = d->nassignments > 0 ?
	    xcalloc(d->nassignments, sizeof *d->assignments) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->nassignments)
			break;
		t = &d->assignments[i];
		mp_sub(&c, p, "assignments", (long)i++);
		mp_person(&c, it, "user", 0, &t->user);
		t->role = mp_id(&c, it, "role", 0);
		t->due_date = mp_date(&c, it, "due_date", MP_OPT);
		t->note = mp_str(&c, it, "note", MP_OPT | MP_ML);
		mp_person(&c, it, "assigned_by", MP_OPT, &t->assigned_by);
		t->assigned_at = mp_str(&c, it, "assigned_at", MP_OPT);
		mp_join(p, &c);
	}
}

static void
parse_comments(struct mp *p, const cJSON *o, struct vt_doc *d)
{
	const cJSON	*a, *it;
	struct mp	 c;
	size_t		 i = 0;

	a = mp_arr(p, o, "comments", 0, &d->ncomments);
	d->comments = d->ncomments > 0 ?
	    xcalloc(d->ncomments, sizeof *d->comments) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= d->ncomments || p->failed)
			break;
		mp_sub(&c, p, "comments", (long)i);
		if (vt_comment_parse(it, c.ctx, &d->comments[i++], c.eb) !=
		    VT_OK)
			p->failed = true;
	}
}

static void
parse_summary(struct mp *p, const cJSON *j, struct vt_doc *d)
{
	const cJSON	*o;
	struct mp	 c;

	d->id = mp_id(p, j, "id", 0);
	d->code_number = mp_str(p, j, "code_number", 0);
	d->code_notation = mp_str(p, j, "code_notation", 0);
	d->number_notation = mp_str(p, j, "number_notation", 0);
	d->type_code = mp_str(p, j, "type_code", 0);
	d->type_name = mp_str(p, j, "type_name", 0);
	d->issued_date = mp_date(p, j, "issued_date", MP_OPT);
	d->promulgation_place = mp_str(p, j, "promulgation_place", MP_OPT);
	if ((o = mp_obj(p, j, "organ", 0)) != NULL) {
		mp_sub(&c, p, "organ", -1);
		d->organ.organ_id = mp_str(&c, o, "organ_id", 0);
		d->organ.organ_name = mp_str(&c, o, "organ_name", 0);
		mp_join(p, &c);
	}
	d->subject = mp_str(p, j, "subject", 0);
	if ((o = mp_obj(p, j, "signer", MP_OPT)) != NULL) {
		mp_sub(&c, p, "signer", -1);
		d->signer.competence = mp_str(&c, o, "competence", MP_OPT);
		d->signer.position = mp_str(&c, o, "position", MP_OPT);
		d->signer.full_name = mp_str(&c, o, "full_name", 0);
		mp_join(p, &c);
	}
	d->urgency = (int)mp_int(p, j, "urgency", 0, 4, 0);
	d->due_date = mp_date(p, j, "due_date", MP_OPT);
	d->arrival_number = (long)mp_int(p, j, "arrival_number", 0,
	    1000000000, MP_OPT);
	d->arrival_date = mp_date(p, j, "arrival_date", MP_OPT);
	d->page_amount = (int)mp_int(p, j, "page_amount", 0, 1000000, MP_OPT);
	d->status = mp_id(p, j, "status", 0);
	d->read = mp_bool(p, j, "read", 0);
	d->mine = mp_bool(p, j, "mine", MP_OPT);
	d->attachment_count = (int)mp_int(p, j, "attachment_count", 0,
	    100000, MP_OPT);
	d->updated_at = mp_str(p, j, "updated_at", MP_OPT);
}

vt_code
vt_doc_parse(const cJSON *j, const char *ctx, struct vt_doc *out,
    struct vt_errbuf *eb)
{
	struct mp	p;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx, eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s",
		    ctx != NULL ? ctx : "document", _("expected an object"));
	parse_summary(&p, j, out);
	if (!p.failed && cJSON_GetObjectItemCaseSensitive(j, "history")) {
		out->detailed = true;
		out->recipients = mp_str_list(&p, j, "recipients", MP_OPT,
		    false, &out->nrecipients);
		parse_attachments(&p, j, out);
		parse_assignments(&p, j, out);
		mp_history(&p, j, "history", &out->history, &out->nhistory);
		parse_comments(&p, j, out);
	}
	if (p.failed) {
		vt_doc_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

vt_code
vt_comment_parse(const cJSON *j, const char *ctx, struct vt_comment *out,
    struct vt_errbuf *eb)
{
	struct mp	p;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx, eb);
	if (!cJSON_IsObject(j))
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s",
		    ctx != NULL ? ctx : "comment", _("expected an object"));
	out->id = mp_id(&p, j, "id", 0);
	mp_person(&p, j, "author", 0, &out->author);
	out->text = mp_str(&p, j, "text", MP_ML);
	out->created_at = mp_str(&p, j, "created_at", 0);
	if (p.failed) {
		vt_comment_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

void
vt_comment_clear(struct vt_comment *c)
{
	if (c == NULL)
		return;
	free(c->id);
	vt_person_clear(&c->author);
	free(c->text);
	free(c->created_at);
	memset(c, 0, sizeof *c);
}

void
vt_doc_clear(struct vt_doc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	free(d->id);
	free(d->code_number);
	free(d->code_notation);
	free(d->number_notation);
	free(d->type_code);
	free(d->type_name);
	free(d->issued_date);
	free(d->promulgation_place);
	free(d->organ.organ_id);
	free(d->organ.organ_name);
	free(d->subject);
	free(d->signer.competence);
	free(d->signer.position);
	free(d->signer.full_name);
	free(d->due_date);
	free(d->arrival_date);
	free(d->status);
	free(d->updated_at);
	free(d->search_key);
	str_list_free(d->recipients, d->nrecipients);
	for (i = 0; i < d->nattachments; i++) {
		free(d->attachments[i].id);
		free(d->attachments[i].filename);
		free(d->attachments[i].content_type);
		free(d->attachments[i].sha256);
		free(d->attachments[i].url);
	}
	free(d->attachments);
	for (i = 0; i < d->nassignments; i++) {
		vt_person_clear(&d->assignments[i].user);
		free(d->assignments[i].role);
		free(d->assignments[i].due_date);
		free(d->assignments[i].note);
		vt_person_clear(&d->assignments[i].assigned_by);
		free(d->assignments[i].assigned_at);
	}
	free(d->assignments);
	history_free(d->history, d->nhistory);
	for (i = 0; i < d->ncomments; i++)
		vt_comment_clear(&d->comments[i]);
	free(d->comments);
	memset(d, 0, sizeof *d);
}

void
vt_doc_list_clear(struct vt_doc_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		vt_doc_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void
vt_doc_list_push(struct vt_doc_list *l, struct vt_doc *d)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 64 : l->cap * 2;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->n++] = *d;
	memset(d, 0, sizeof *d);
}

bool
vt_doc_overdue(const struct vt_doc *d, const char *today)
{
	char	due[11];

	if (d->due_date == NULL || d->status == NULL)
		return false;
	if (vt_doc_status_closed(vt_doc_status_of(d)))
		return false;
	/* A deadline given as a time counts by its date in Vietnam. */
	if (!vt_clock_local_date(d->due_date, due))
		return false;
	return strcmp(due, today) < 0;
}
