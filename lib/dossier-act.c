/*
 * vanthu: outbox entries for dossier changes (docs/api.md section 12),
 * built with cJSON as the other actions of vanthu/actions.h.  Kinds:
 * "dossier-open", "dossier-add", "dossier-remove", "dossier-close",
 * "dossier-reopen".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/actions.h"
#include "vanthu/dossier.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* Fill ACT: POST PATH with J (deleted here), described by SUMMARY. */
static void
fill(struct vt_act *act, const char *kind, char *path, const char *target,
    cJSON *j, char *summary)
{
	char	*body = cJSON_PrintUnformatted(j);

	cJSON_Delete(j);
	if (body == NULL)
		abort();	/* cJSON only fails without memory */
	memset(act, 0, sizeof *act);
	act->path = path;
	act->body = xstrdup(body);
	cJSON_free(body);
	act->summary = summary;
	act->target = xstrdup(target);
	act->spec.kind = kind;
	act->spec.target = act->target;
	act->spec.summary = act->summary;
	act->spec.method = "POST";
	act->spec.path = act->path;
	act->spec.content_type = "application/json";
	act->spec.body = act->body;
	act->spec.body_len = strlen(act->body);
}

static char *
obj_path(const char *id, const char *verb)
{
	char	*esc = vt_http_url_escape(id), *p;

	p = xasprintf("/dossiers/%s/%s", esc, verb);
	free(esc);
	return p;
}

static void
add_opt(cJSON *j, const char *name, const char *v)
{
	if (v != NULL && *v != '\0')
		cJSON_AddStringToObject(j, name, v);
}

/* "WHAT ID: TEXT" with TEXT cut to 40 columns. */
static char *
summary(const char *what, const char *id, const char *text)
{
	char	*shown, *s;

	if (text == NULL || *text == '\0')
		return xasprintf("%s %s", what, id);
	shown = vt_text_fit(text, 40, VT_FIT_NOPAD);
	s = xasprintf("%s %s: %s", what, id, shown);
	free(shown);
	return s;
}

void
vt_act_dossier_open(struct vt_act *act, const char *entry_id,
    const char *code, const char *title, const char *keeper,
    const char *retention, const char *start_date, const char *ref)
{
	cJSON	*j = cJSON_CreateObject();

	if (entry_id != NULL) {
		cJSON_AddStringToObject(j, "entry_id", entry_id);
		add_opt(j, "title", title);
	} else {
		cJSON_AddStringToObject(j, "code", code != NULL ? code : "");
		cJSON_AddStringToObject(j, "title", title != NULL ? title : "");
		add_opt(j, "keeper", keeper);
		cJSON_AddStringToObject(j, "retention",
		    retention != NULL ? retention : "");
	}
	add_opt(j, "start_date", start_date);
	add_opt(j, "ref", ref);
	fill(act, "dossier-open", xstrdup("/dossiers"),
	    entry_id != NULL ? entry_id : (code != NULL ? code : ""), j,
	    summary(_("open dossier"), entry_id != NULL ? entry_id : code,
	    title));
}

void
vt_act_dossier_add(struct vt_act *act, const char *id,
    const char *document_id)
{
	cJSON	*j = cJSON_CreateObject();
	char	*s;

	cJSON_AddStringToObject(j, "document_id", document_id);
	s = xasprintf(_("add %s to dossier %s"), document_id, id);
	fill(act, "dossier-add", obj_path(id, "items"), id, j, s);
}

void
vt_act_dossier_remove(struct vt_act *act, const char *id,
    const char *document_id)
{
	cJSON	*j = cJSON_CreateObject();
	char	*s;

	cJSON_AddStringToObject(j, "document_id", document_id);
	s = xasprintf(_("remove %s from dossier %s"), document_id, id);
	fill(act, "dossier-remove", obj_path(id, "remove"), id, j, s);
}

void
vt_act_dossier_close(struct vt_act *act, const char *id,
    const char *end_date, const char *note)
{
	cJSON	*j = cJSON_CreateObject();

	add_opt(j, "end_date", end_date);
	add_opt(j, "note", note);
	fill(act, "dossier-close", obj_path(id, "close"), id, j,
	    summary(_("close dossier"), id, note));
}

void
vt_act_dossier_reopen(struct vt_act *act, const char *id, const char *reason)
{
	cJSON	*j = cJSON_CreateObject();

	cJSON_AddStringToObject(j, "reason", reason);
	fill(act, "dossier-reopen", obj_path(id, "reopen"), id, j,
	    summary(_("reopen dossier"), id, reason));
}
