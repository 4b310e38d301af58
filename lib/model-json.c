/*
 * vanthu: the stable JSON output of the command line (vanthu(1),
 * JSON OUTPUT).  Only documented fields; every string is already safe.
 */
#include "config.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "vanthu/model.h"
#include "model-impl.h"

void
mj_add_str(cJSON *o, const char *name, const char *v)
{
	if (v != NULL)
		cJSON_AddStringToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

static cJSON *
person(const struct vt_person *p)
{
	cJSON	*o = cJSON_CreateObject();

	mj_add_str(o, "username", p->username);
	mj_add_str(o, "full_name", p->full_name);
	return o;
}

static cJSON *
history(const struct vt_history_step *h, size_t n)
{
	cJSON	*a = cJSON_CreateArray(), *o;
	size_t	 i;

	for (i = 0; i < n; i++) {
		o = cJSON_CreateObject();
		mj_add_str(o, "at", h[i].at);
		mj_add_str(o, "action", h[i].action);
		mj_add_str(o, "status", h[i].status);
		if (h[i].actor.username != NULL)
			cJSON_AddItemToObject(o, "actor", person(&h[i].actor));
		else
			cJSON_AddNullToObject(o, "actor");
		mj_add_str(o, "note", h[i].note);
		if (h[i].version_id != NULL)
			mj_add_str(o, "version_id", h[i].version_id);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void
doc_details(cJSON *o, const struct vt_doc *d)
{
	cJSON	*a, *x;
	size_t	 i;

	a = cJSON_AddArrayToObject(o, "recipients");
	for (i = 0; i < d->nrecipients; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(d->recipients[i]));
	a = cJSON_AddArrayToObject(o, "attachments");
	for (i = 0; i < d->nattachments; i++) {
		x = cJSON_CreateObject();
		mj_add_str(x, "id", d->attachments[i].id);
		mj_add_str(x, "filename", d->attachments[i].filename);
		mj_add_str(x, "content_type", d->attachments[i].content_type);
		cJSON_AddNumberToObject(x, "size",
		    (double)d->attachments[i].size);
		mj_add_str(x, "sha256", d->attachments[i].sha256);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "assignments");
	for (i = 0; i < d->nassignments; i++) {
		x = cJSON_CreateObject();
		cJSON_AddItemToObject(x, "user",
		    person(&d->assignments[i].user));
		mj_add_str(x, "role", d->assignments[i].role);
		mj_add_str(x, "due_date", d->assignments[i].due_date);
		mj_add_str(x, "note", d->assignments[i].note);
		cJSON_AddItemToArray(a, x);
	}
	cJSON_AddItemToObject(o, "history", history(d->history, d->nhistory));
	a = cJSON_AddArrayToObject(o, "comments");
	for (i = 0; i < d->ncomments; i++) {
		x = cJSON_CreateObject();
		mj_add_str(x, "id", d->comments[i].id);
		cJSON_AddItemToObject(x, "author",
		    person(&d->comments[i].author));
		mj_add_str(x, "text", d->comments[i].text);
		mj_add_str(x, "created_at", d->comments[i].created_at);
		cJSON_AddItemToArray(a, x);
	}
}

cJSON *
vt_doc_to_json(const struct vt_doc *d)
{
	cJSON	*o = cJSON_CreateObject(), *x;

	mj_add_str(o, "id", d->id);
	mj_add_str(o, "number_notation", d->number_notation);
	mj_add_str(o, "code_number", d->code_number);
	mj_add_str(o, "code_notation", d->code_notation);
	mj_add_str(o, "type_code", d->type_code);
	mj_add_str(o, "type_name", d->type_name);
	mj_add_str(o, "issued_date", d->issued_date);
	x = cJSON_AddObjectToObject(o, "organ");
	mj_add_str(x, "organ_id", d->organ.organ_id);
	mj_add_str(x, "organ_name", d->organ.organ_name);
	mj_add_str(o, "subject", d->subject);
	x = cJSON_AddObjectToObject(o, "signer");
	mj_add_str(x, "competence", d->signer.competence);
	mj_add_str(x, "position", d->signer.position);
	mj_add_str(x, "full_name", d->signer.full_name);
	cJSON_AddNumberToObject(o, "urgency", d->urgency);
	mj_add_str(o, "due_date", d->due_date);
	cJSON_AddNumberToObject(o, "arrival_number", (double)d->arrival_number);
	mj_add_str(o, "arrival_date", d->arrival_date);
	mj_add_str(o, "status", d->status);
	cJSON_AddBoolToObject(o, "read", d->read);
	cJSON_AddBoolToObject(o, "mine", d->mine);
	cJSON_AddNumberToObject(o, "attachment_count", d->attachment_count);
	if (d->detailed)
		doc_details(o, d);
	return o;
}

static cJSON *
version(const struct vt_version *v)
{
	cJSON	*o = cJSON_CreateObject(), *a, *x;
	size_t	 i;

	mj_add_str(o, "id", v->id);
	cJSON_AddNumberToObject(o, "number", v->number);
	mj_add_str(o, "kind", v->kind);
	mj_add_str(o, "created_at", v->created_at);
	if (v->created_by.username != NULL)
		cJSON_AddItemToObject(o, "created_by", person(&v->created_by));
	mj_add_str(o, "attachment_id", v->attachment_id);
	mj_add_str(o, "filename", v->filename);
	cJSON_AddNumberToObject(o, "size", (double)v->size);
	mj_add_str(o, "sha256", v->sha256);
	cJSON_AddNumberToObject(o, "page_amount", v->page_amount);
	a = cJSON_AddArrayToObject(o, "signatures");
	for (i = 0; i < v->nsignatures; i++) {
		x = cJSON_CreateObject();
		mj_add_str(x, "kind", v->signatures[i].kind);
		mj_add_str(x, "common_name", v->signatures[i].common_name);
		if (v->signatures[i].username != NULL)
			mj_add_str(x, "username", v->signatures[i].username);
		mj_add_str(x, "signed_at", v->signatures[i].signed_at);
		cJSON_AddItemToArray(a, x);
	}
	return o;
}

cJSON *
vt_draft_to_json(const struct vt_draft *d)
{
	static const char *const roles[] = {
		"drafter", "reviewer", "signer", "clerk"
	};
	cJSON	*o = cJSON_CreateObject(), *a, *x;
	size_t	 i;

	mj_add_str(o, "id", d->id);
	mj_add_str(o, "type_code", d->type_code);
	mj_add_str(o, "type_name", d->type_name);
	mj_add_str(o, "code_notation", d->code_notation);
	mj_add_str(o, "code_number", d->code_number);
	mj_add_str(o, "subject", d->subject);
	cJSON_AddNumberToObject(o, "urgency", d->urgency);
	mj_add_str(o, "due_date", d->due_date);
	mj_add_str(o, "state", d->state);
	a = cJSON_AddArrayToObject(o, "my_roles");
	for (i = 0; i < 4; i++) {
		if (d->my_roles & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(roles[i]));
	}
	cJSON_AddBoolToObject(o, "awaiting_me", d->awaiting_me);
	cJSON_AddItemToObject(o, "drafter", person(&d->drafter));
	cJSON_AddItemToObject(o, "signer", person(&d->signer));
	mj_add_str(o, "signer_position", d->signer_position);
	mj_add_str(o, "signer_competence", d->signer_competence);
	mj_add_str(o, "updated_at", d->updated_at);
	if (d->has_current)
		cJSON_AddItemToObject(o, "current_version",
		    version(&d->current_version));
	else
		cJSON_AddNullToObject(o, "current_version");
	a = cJSON_AddArrayToObject(o, "recipients");
	for (i = 0; i < d->nrecipients; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(d->recipients[i]));
	a = cJSON_AddArrayToObject(o, "turn");
	for (i = 0; i < d->nturn; i++)
		cJSON_AddItemToArray(a, person(&d->turn[i]));
	mj_add_str(o, "return_reason", d->return_reason);
	if (!d->detailed)
		return o;
	a = cJSON_AddArrayToObject(o, "reviewers");
	for (i = 0; i < d->nreviewers; i++) {
		x = person(&d->reviewers[i].person);
		mj_add_str(x, "approved_at", d->reviewers[i].approved_at);
		cJSON_AddItemToArray(a, x);
	}
	a = cJSON_AddArrayToObject(o, "versions");
	for (i = 0; i < d->nversions; i++)
		cJSON_AddItemToArray(a, version(&d->versions[i]));
	a = cJSON_AddArrayToObject(o, "annotations");
	for (i = 0; i < d->nannotations; i++) {
		x = cJSON_CreateObject();
		mj_add_str(x, "id", d->annotations[i].id);
		mj_add_str(x, "version_id", d->annotations[i].version_id);
		cJSON_AddNumberToObject(x, "page", d->annotations[i].page);
		mj_add_str(x, "quote", d->annotations[i].quote);
		mj_add_str(x, "note", d->annotations[i].note);
		cJSON_AddItemToObject(x, "author",
		    person(&d->annotations[i].author));
		mj_add_str(x, "created_at", d->annotations[i].created_at);
		cJSON_AddItemToArray(a, x);
	}
	cJSON_AddItemToObject(o, "history", history(d->history, d->nhistory));
	return o;
}
