/*
 * vanthu: the one vocabulary of actions (docs/api.md sections 5 and 7):
 * a table of kinds with their outbox name, request path, body builder,
 * label, message and the roles that may take them, used by the command
 * line, the interface and the outbox.  Bodies are built with cJSON so
 * that every string is escaped correctly.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dossier-impl.h"
#include "vanthu/actions.h"
#include "vanthu/dossier.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static void
act_add_note(cJSON *j, const char *key, const char *note)
{
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(j, key, note);
}

static cJSON *
act_users(const char *const *users, size_t n)
{
	cJSON	*a = cJSON_CreateArray();
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(users[i]));
	return a;
}

static void
act_assignees(cJSON *a, const char *const *users, size_t n, const char *role)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		cJSON	*o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "username", users[i]);
		cJSON_AddStringToObject(o, "role", role);
		cJSON_AddItemToArray(a, o);
	}
}

/* The body builders of the table. */

static void
body_text(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddStringToObject(j, "text", a->text != NULL ? a->text : "");
}

static void
body_read(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddBoolToObject(j, "read", a->read);
}

static void
body_forward(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddItemToObject(j, "to", act_users(a->users, a->nusers));
	act_add_note(j, "note", a->text);
}

static void
body_note(cJSON *j, const struct vt_act_args *a)
{
	act_add_note(j, "note", a->text);
}

static void
body_reason(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddStringToObject(j, "reason", a->text != NULL ? a->text : "");
}

static void
body_assign(cJSON *j, const struct vt_act_args *a)
{
	cJSON	*arr = cJSON_AddArrayToObject(j, "assignments");

	if (a->lead != NULL)
		act_assignees(arr, &a->lead, 1, "lead");
	act_assignees(arr, a->users, a->nusers, "cooperate");
	act_assignees(arr, a->inform, a->ninform, "inform");
	act_add_note(j, "due_date", a->due_date);
	act_add_note(j, "note", a->text);
}

static void
body_annotate(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddStringToObject(j, "version_id", a->version_id);
	cJSON_AddNumberToObject(j, "page", a->page);
	act_add_note(j, "quote", a->quote);
	cJSON_AddStringToObject(j, "note", a->text != NULL ? a->text : "");
}

#define ANY		VT_USER_ANY
#define LEADER		VT_USER_BIT(VT_USER_LEADER)
#define CLERK		VT_USER_BIT(VT_USER_CLERK)

static const struct vt_act_def act_table[VT_ACT_NKINDS] = {
	[VT_ACT_UNKNOWN] = { VT_ACT_UNKNOWN, "unknown", NULL, NULL, NULL,
	    N_("action"), N_("Action sent"), ANY },
	[VT_ACT_COMMENT] = { VT_ACT_COMMENT, "comment", "incoming",
	    "comments", body_text, N_("comment"), N_("Comment sent"), ANY },
	[VT_ACT_READ] = { VT_ACT_READ, "read", "incoming", "read", body_read,
	    N_("mark read"), N_("Action sent"), ANY },
	[VT_ACT_FORWARD] = { VT_ACT_FORWARD, "forward", "incoming", "forward",
	    body_forward, N_("forward"), N_("Document forwarded"), ANY },
	[VT_ACT_COMPLETE] = { VT_ACT_COMPLETE, "complete", "incoming",
	    "complete", body_note, N_("complete"), N_("Marked as completed"),
	    ANY },
	[VT_ACT_RETURN] = { VT_ACT_RETURN, "return", "incoming", "return",
	    body_reason, N_("return"), N_("Returned with the reason given"),
	    LEADER | CLERK },
	[VT_ACT_ASSIGN] = { VT_ACT_ASSIGN, "assign", "incoming", "assign",
	    body_assign, N_("assign"), N_("Assignment sent"), LEADER },
	[VT_ACT_ANNOTATE] = { VT_ACT_ANNOTATE, "annotate", "drafts",
	    "annotations", body_annotate, N_("annotate"), N_("Note sent"),
	    ANY },
	[VT_ACT_APPROVE] = { VT_ACT_APPROVE, "approve", "drafts", "approve",
	    body_note, N_("approve"), N_("Approval sent"), ANY },
	[VT_ACT_DRAFT_RETURN] = { VT_ACT_DRAFT_RETURN, "draft-return",
	    "drafts", "return", body_reason, N_("return draft"),
	    N_("Draft returned to the drafter"), ANY },
	[VT_ACT_SIGNED_UPLOAD] = { VT_ACT_SIGNED_UPLOAD, "sign", "drafts",
	    "signed", NULL, N_("signature"),
	    N_("Signed document sent to the server"), ANY },
	/* Work dossiers (docs/api.md section 13; lib/dossier-act.c). */
	[VT_ACT_DOSSIER_OPEN] = { VT_ACT_DOSSIER_OPEN, "dossier-open",
	    "dossiers", NULL, dossier_body_open, N_("open dossier"),
	    N_("Dossier opened"), ANY },
	[VT_ACT_DOSSIER_ADD] = { VT_ACT_DOSSIER_ADD, "dossier-add",
	    "dossiers", "items", dossier_body_document, N_("add to dossier"),
	    N_("Added to the dossier"), ANY },
	[VT_ACT_DOSSIER_REMOVE] = { VT_ACT_DOSSIER_REMOVE, "dossier-remove",
	    "dossiers", "remove", dossier_body_document,
	    N_("remove from dossier"), N_("Taken out of the dossier"), ANY },
	[VT_ACT_DOSSIER_CLOSE] = { VT_ACT_DOSSIER_CLOSE, "dossier-close",
	    "dossiers", "close", dossier_body_close, N_("close dossier"),
	    N_("Dossier closed"), ANY },
	[VT_ACT_DOSSIER_REOPEN] = { VT_ACT_DOSSIER_REOPEN, "dossier-reopen",
	    "dossiers", "reopen", body_reason, N_("reopen dossier"),
	    N_("Dossier reopened"), LEADER | CLERK },
	[VT_ACT_REGISTER] = { VT_ACT_REGISTER, "register", "incoming",
	    "register", body_note, N_("register"),
	    N_("Registered in the incoming register"), CLERK },
	/* Built by lib/draft-act.c (a multipart body, a PDF body). */
	[VT_ACT_DRAFT_NEW] = { VT_ACT_DRAFT_NEW, "draft_new", "drafts", NULL,
	    NULL, N_("new draft"), N_("New draft sent"), ANY },
	[VT_ACT_DRAFT_REVISE] = { VT_ACT_DRAFT_REVISE, "draft_revise",
	    "drafts", "versions", NULL, N_("new version"),
	    N_("New version sent"), ANY },
};

/* Kind names older versions wrote into the outbox. */
static const struct {
	const char		*name;
	enum vt_act_kind	 kind;
} act_old_names[] = {
	{ "return_draft", VT_ACT_DRAFT_RETURN },	/* vanthu draft return */
	{ "signed_upload", VT_ACT_SIGNED_UPLOAD },	/* vanthu draft sign */
};

const struct vt_act_def *
vt_act_def(enum vt_act_kind kind)
{
	if ((int)kind <= 0 || kind >= VT_ACT_NKINDS)
		kind = VT_ACT_UNKNOWN;
	return &act_table[kind];
}

enum vt_act_kind
vt_act_kind_parse(const char *name)
{
	size_t	i;

	if (name == NULL)
		return VT_ACT_UNKNOWN;
	for (i = 1; i < VT_ACT_NKINDS; i++) {
		if (strcmp(act_table[i].name, name) == 0)
			return act_table[i].kind;
	}
	for (i = 0; i < sizeof act_old_names / sizeof act_old_names[0]; i++) {
		if (strcmp(act_old_names[i].name, name) == 0)
			return act_old_names[i].kind;
	}
	return VT_ACT_UNKNOWN;
}

const char *
vt_act_label(enum vt_act_kind kind)
{
	return _(vt_act_def(kind)->label);
}

const char *
vt_act_message(enum vt_act_kind kind)
{
	return _(vt_act_def(kind)->message);
}

bool
vt_act_allowed(enum vt_act_kind kind, enum vt_user_role role)
{
	if (role == VT_USER_UNKNOWN)
		return true;
	return (vt_act_def(kind)->roles & VT_USER_BIT(role)) != 0;
}

void
vt_act_clear(struct vt_act *act)
{
	if (act == NULL)
		return;
	free(act->path);
	free(act->body);
	free(act->summary);
	free(act->target);
	free(act->ctype);
	memset(act, 0, sizeof *act);
}

/* "WHAT ID: TEXT" with TEXT cut to 40 columns. */
static char *
act_summary(const char *what, const char *id, const char *text)
{
	char	*safe, *shown, *s;

	if (text == NULL || *text == '\0')
		return xasprintf("%s %s", what, id);
	safe = vt_text_safe(text, strlen(text), 0);
	shown = vt_text_fit(safe, 40, VT_FIT_NOPAD);
	s = xasprintf("%s %s: %s", what, id, shown);
	free(shown);
	free(safe);
	return s;
}

/* The summary's words for KIND ("comment on", "return draft"...). */
static char *
act_summary_of(enum vt_act_kind kind, const struct vt_act_args *a)
{
	switch (kind) {
	case VT_ACT_COMMENT:
		return act_summary(_("comment on"), a->id, a->text);
	case VT_ACT_READ:
		return act_summary(a->read ? _("mark read") :
		    _("mark unread"), a->id, NULL);
	case VT_ACT_SIGNED_UPLOAD:
		return xasprintf(a->agency ? _("agency signature on draft %s") :
		    _("signature on draft %s"), a->id);
	case VT_ACT_DOSSIER_ADD:
		return xasprintf(_("add %s to dossier %s"), a->document_id,
		    a->id);
	case VT_ACT_DOSSIER_REMOVE:
		return xasprintf(_("remove %s from dossier %s"),
		    a->document_id, a->id);
	case VT_ACT_DOSSIER_OPEN:
		/* The dossier has no ID before the server answers: name it
		   by its code (the list entry's or the new one's). */
		return act_summary(vt_act_label(kind), a->dossier != NULL &&
		    a->dossier->code != NULL ? a->dossier->code : a->id,
		    a->text);
	default:
		return act_summary(vt_act_label(kind), a->id, a->text);
	}
}

void
vt_act_build(struct vt_act *act, enum vt_act_kind kind,
    const struct vt_act_args *a)
{
	const struct vt_act_def	*def = vt_act_def(kind);
	cJSON			*j;
	char			*body, *esc, *vesc;

	memset(act, 0, sizeof *act);
	esc = vt_http_url_escape(a->id);
	act->kind = def->kind;
	act->target = xstrdup(a->id);
	act->summary = act_summary_of(kind, a);
	if (def->body != NULL) {
		act->path = def->verb == NULL ? xasprintf("/%s",
		    def->collection) : xasprintf("/%s/%s/%s", def->collection,
		    esc, def->verb);
		j = cJSON_CreateObject();
		def->body(j, a);
		if ((body = cJSON_PrintUnformatted(j)) == NULL)
			abort();	/* cJSON only fails without memory */
		cJSON_Delete(j);
		act->body = xstrdup(body);
		act->body_len = strlen(body);
		cJSON_free(body);
		act->spec.content_type = "application/json";
	} else {
		vesc = vt_http_url_escape(a->version_id);
		act->path = xasprintf("/%s/%s/versions/%s/%s",
		    def->collection, esc, vesc, def->verb);
		free(vesc);
		act->body = xmalloc(a->len + 1);
		if (a->len > 0)
			memcpy(act->body, a->data, a->len);
		act->body[a->len] = '\0';
		act->body_len = a->len;
		act->spec.content_type = "application/pdf";
	}
	free(esc);
	act->spec.kind = def->name;
	act->spec.target = act->target;
	act->spec.summary = act->summary;
	act->spec.method = "POST";
	act->spec.path = act->path;
	act->spec.body = act->body;
	act->spec.body_len = act->body_len;
}

void
vt_act_comment(struct vt_act *act, const char *id, const char *text)
{
	struct vt_act_args	a = { .id = id, .text = text };

	vt_act_build(act, VT_ACT_COMMENT, &a);
}

void
vt_act_read(struct vt_act *act, const char *id, bool read)
{
	struct vt_act_args	a = { .id = id, .read = read };

	vt_act_build(act, VT_ACT_READ, &a);
}

void
vt_act_forward(struct vt_act *act, const char *id,
    const char *const *users, size_t nusers, const char *note)
{
	struct vt_act_args	a = { .id = id, .users = users,
				    .nusers = nusers, .text = note };

	vt_act_build(act, VT_ACT_FORWARD, &a);
}

void
vt_act_complete(struct vt_act *act, const char *id, const char *note)
{
	struct vt_act_args	a = { .id = id, .text = note };

	vt_act_build(act, VT_ACT_COMPLETE, &a);
}

void
vt_act_return(struct vt_act *act, const char *id, const char *reason)
{
	struct vt_act_args	a = { .id = id, .text = reason };

	vt_act_build(act, VT_ACT_RETURN, &a);
}

void
vt_act_register(struct vt_act *act, const char *id, const char *note)
{
	struct vt_act_args	a = { .id = id, .text = note };

	vt_act_build(act, VT_ACT_REGISTER, &a);
}

void
vt_act_assign(struct vt_act *act, const char *id, const char *lead,
    const char *const *cooperate, size_t ncooperate,
    const char *const *inform, size_t ninform, const char *due_date,
    const char *note)
{
	struct vt_act_args	a = { .id = id, .lead = lead,
				    .users = cooperate, .nusers = ncooperate,
				    .inform = inform, .ninform = ninform,
				    .due_date = due_date, .text = note };

	vt_act_build(act, VT_ACT_ASSIGN, &a);
}

void
vt_act_annotate(struct vt_act *act, const char *id, const char *version_id,
    int page, const char *quote, const char *note)
{
	struct vt_act_args	a = { .id = id, .version_id = version_id,
				    .page = page, .quote = quote,
				    .text = note };

	vt_act_build(act, VT_ACT_ANNOTATE, &a);
}

void
vt_act_approve(struct vt_act *act, const char *id, const char *note)
{
	struct vt_act_args	a = { .id = id, .text = note };

	vt_act_build(act, VT_ACT_APPROVE, &a);
}

void
vt_act_draft_return(struct vt_act *act, const char *id, const char *reason)
{
	struct vt_act_args	a = { .id = id, .text = reason };

	vt_act_build(act, VT_ACT_DRAFT_RETURN, &a);
}

void
vt_act_signed_upload(struct vt_act *act, const char *id,
    const char *version_id, const void *data, size_t len, bool agency)
{
	struct vt_act_args	a = { .id = id, .version_id = version_id,
				    .data = data, .len = len,
				    .agency = agency };

	vt_act_build(act, VT_ACT_SIGNED_UPLOAD, &a);
}
