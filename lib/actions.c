/*
 * vanthu: outbox entries for the user's actions (docs/api.md sections 5
 * and 7), built with cJSON so that every string is escaped correctly.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

void
vt_act_clear(struct vt_act *act)
{
	if (act == NULL)
		return;
	free(act->path);
	free(act->body);
	free(act->summary);
	free(act->target);
	memset(act, 0, sizeof *act);
}

/* Fill ACT from its parts; takes J (deleted here) and SUMMARY. */
static void
act_fill(struct vt_act *act, const char *kind, const char *coll,
    const char *id, const char *verb, cJSON *j, char *summary)
{
	char	*body = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (body == NULL)
		abort();	/* cJSON only fails without memory */
	memset(act, 0, sizeof *act);
	act->path = xasprintf("/%s/%s/%s", coll, id, verb);
	act->body = xstrdup(body);
	cJSON_free(body);
	act->summary = summary;
	act->target = xstrdup(id);
	act->spec.kind = kind;
	act->spec.target = act->target;
	act->spec.summary = act->summary;
	act->spec.method = "POST";
	act->spec.path = act->path;
	act->spec.content_type = "application/json";
	act->spec.body = act->body;
	act->spec.body_len = strlen(act->body);
}

/* "WHAT on ID: TEXT" with TEXT cut to 40 columns. */
static char *
act_summary(const char *what, const char *id, const char *text)
{
	char	*shown, *s;

	if (text == NULL || *text == '\0')
		return xasprintf("%s %s", what, id);
	shown = vt_text_fit(text, 40, VT_FIT_NOPAD);
	s = xasprintf("%s %s: %s", what, id, shown);
	free(shown);
	return s;
}

static void
act_add_note(cJSON *j, const char *key, const char *note)
{
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(j, key, note);
}

void
vt_act_comment(struct vt_act *act, const char *id, const char *text)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "text", text);
	act_fill(act, "comment", "incoming", id, "comments", j,
	    act_summary(_("comment on"), id, text));
}

void
vt_act_read(struct vt_act *act, const char *id, bool read)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddBoolToObject(j, "read", read);
	act_fill(act, "read", "incoming", id, "read", j,
	    act_summary(read ? _("mark read") : _("mark unread"), id, NULL));
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

void
vt_act_forward(struct vt_act *act, const char *id,
    const char *const *users, size_t nusers, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddItemToObject(j, "to", act_users(users, nusers));
	act_add_note(j, "note", note);
	act_fill(act, "forward", "incoming", id, "forward", j,
	    act_summary(_("forward"), id, note));
}

void
vt_act_complete(struct vt_act *act, const char *id, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	act_add_note(j, "note", note);
	act_fill(act, "complete", "incoming", id, "complete", j,
	    act_summary(_("complete"), id, note));
}

void
vt_act_return(struct vt_act *act, const char *id, const char *reason)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "reason", reason);
	act_fill(act, "return", "incoming", id, "return", j,
	    act_summary(_("return"), id, reason));
}

void
vt_act_register(struct vt_act *act, const char *id, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	act_add_note(j, "note", note);
	act_fill(act, "register", "incoming", id, "register", j,
	    act_summary(_("register"), id, note));
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

void
vt_act_assign(struct vt_act *act, const char *id, const char *lead,
    const char *const *cooperate, size_t ncooperate,
    const char *const *inform, size_t ninform, const char *due_date,
    const char *note)
{
	cJSON	*j = cJSON_CreateObject();
	cJSON	*a = cJSON_AddArrayToObject(j, "assignments");

	if (lead != NULL)
		act_assignees(a, &lead, 1, "lead");
	act_assignees(a, cooperate, ncooperate, "cooperate");
	act_assignees(a, inform, ninform, "inform");
	act_add_note(j, "due_date", due_date);
	act_add_note(j, "note", note);
	act_fill(act, "assign", "incoming", id, "assign", j,
	    act_summary(_("assign"), id, note));
}

void
vt_act_annotate(struct vt_act *act, const char *id, const char *version_id,
    int page, const char *quote, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "version_id", version_id);
	cJSON_AddNumberToObject(j, "page", page);
	act_add_note(j, "quote", quote);
	cJSON_AddStringToObject(j, "note", note);
	act_fill(act, "annotate", "drafts", id, "annotations", j,
	    act_summary(_("annotate"), id, note));
}

void
vt_act_approve(struct vt_act *act, const char *id, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	act_add_note(j, "note", note);
	act_fill(act, "approve", "drafts", id, "approve", j,
	    act_summary(_("approve"), id, note));
}

void
vt_act_draft_return(struct vt_act *act, const char *id, const char *reason)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "reason", reason);
	act_fill(act, "draft-return", "drafts", id, "return", j,
	    act_summary(_("return draft"), id, reason));
}
