/*
 * vanthu: dossier changes as actions of the one vocabulary
 * (vanthu/actions.h: the kinds VT_ACT_DOSSIER_*, docs/api.md section
 * 12): the body builders the table in lib/actions.c names, and the
 * convenience functions of vanthu/dossier.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dossier-impl.h"
#include "vanthu/actions.h"
#include "vanthu/dossier.h"

static void
add_opt(cJSON *j, const char *name, const char *v)
{
	if (v != NULL && *v != '\0')
		cJSON_AddStringToObject(j, name, v);
}

void
dossier_body_open(cJSON *j, const struct vt_act_args *a)
{
	const struct vt_dossier_new	*n = a->dossier;

	if (n->entry_id != NULL) {
		cJSON_AddStringToObject(j, "entry_id", n->entry_id);
		add_opt(j, "title", n->title);
	} else {
		cJSON_AddStringToObject(j, "code", n->code != NULL ? n->code :
		    "");
		cJSON_AddStringToObject(j, "title", n->title != NULL ?
		    n->title : "");
		add_opt(j, "keeper", n->keeper);
		cJSON_AddStringToObject(j, "retention", n->retention != NULL ?
		    n->retention : "");
	}
	add_opt(j, "start_date", n->start_date);
	add_opt(j, "ref", n->ref);
}

void
dossier_body_document(cJSON *j, const struct vt_act_args *a)
{
	cJSON_AddStringToObject(j, "document_id", a->document_id);
}

void
dossier_body_close(cJSON *j, const struct vt_act_args *a)
{
	add_opt(j, "end_date", a->date);
	add_opt(j, "note", a->text);
}

void
vt_act_dossier_open(struct vt_act *act, const struct vt_dossier_new *n)
{
	struct vt_act_args	a = { .id = n->entry_id != NULL ? n->entry_id :
	    (n->code != NULL ? n->code : ""), .text = n->title, .dossier = n };

	vt_act_build(act, VT_ACT_DOSSIER_OPEN, &a);
}

void
vt_act_dossier_add(struct vt_act *act, const char *id,
    const char *document_id)
{
	struct vt_act_args	a = { .id = id, .document_id = document_id };

	vt_act_build(act, VT_ACT_DOSSIER_ADD, &a);
}

void
vt_act_dossier_remove(struct vt_act *act, const char *id,
    const char *document_id)
{
	struct vt_act_args	a = { .id = id, .document_id = document_id };

	vt_act_build(act, VT_ACT_DOSSIER_REMOVE, &a);
}

void
vt_act_dossier_close(struct vt_act *act, const char *id,
    const char *end_date, const char *note)
{
	struct vt_act_args	a = { .id = id, .date = end_date, .text = note };

	vt_act_build(act, VT_ACT_DOSSIER_CLOSE, &a);
}

void
vt_act_dossier_reopen(struct vt_act *act, const char *id, const char *reason)
{
	struct vt_act_args	a = { .id = id, .text = reason };

	vt_act_build(act, VT_ACT_DOSSIER_REOPEN, &a);
}
