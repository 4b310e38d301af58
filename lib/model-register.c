/*
 * vanthu: the incoming register's lines (docs/api.md section 5, GET
 * /registers/incoming): parsing, freeing, and back to JSON.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model-impl.h"
#include "vanthu/register.h"
#include "vanthu/xmalloc.h"

static void
reg_entry_clear(struct vt_reg_entry *e)
{
	free(e->id);
	free(e->arrival_date);
	free(e->organ_name);
	free(e->organ_id);
	free(e->number_notation);
	free(e->issued_date);
	free(e->type_name);
	free(e->subject);
	str_list_free(e->receivers, e->nreceivers);
	free(e->due_date);
	free(e->status);
	free(e->notes);
	memset(e, 0, sizeof *e);
}

void
vt_incoming_register_free(struct vt_incoming_register *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		reg_entry_clear(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof *r);
}

vt_code
vt_reg_entry_parse(const cJSON *o, const char *ctx, struct vt_reg_entry *e,
    struct vt_errbuf *eb)
{
	struct mp	 p, org;
	const cJSON	*organ;

	memset(e, 0, sizeof *e);
	mp_init(&p, ctx, eb);
	e->id = mp_id(&p, o, "id", 0);
	e->arrival_number = (long)mp_int(&p, o, "arrival_number", 1,
	    999999999, 0);
	e->arrival_date = mp_date(&p, o, "arrival_date", 0);
	organ = mp_obj(&p, o, "organ", MP_OPT);
	mp_sub(&org, &p, "organ", -1);
	e->organ_name = mp_str(&org, organ, "organ_name", MP_OPT);
	e->organ_id = mp_str(&org, organ, "organ_id", MP_OPT);
	mp_join(&p, &org);
	e->number_notation = mp_str(&p, o, "number_notation", MP_OPT);
	e->issued_date = mp_date(&p, o, "issued_date", MP_OPT);
	e->type_name = mp_str(&p, o, "type_name", MP_OPT);
	e->subject = mp_str(&p, o, "subject", MP_OPT | MP_ML);
	e->receivers = mp_str_list(&p, o, "receivers", MP_OPT, false,
	    &e->nreceivers);
	e->due_date = mp_date(&p, o, "due_date", MP_OPT);
	e->status = mp_str(&p, o, "status", MP_OPT);
	e->notes = mp_str(&p, o, "notes", MP_OPT);
	if (p.failed) {
		reg_entry_clear(e);
		return eb != NULL ? eb->code : VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

static void
add_str(cJSON *j, const char *key, const char *s)
{
	if (s != NULL)
		cJSON_AddStringToObject(j, key, s);
	else
		cJSON_AddNullToObject(j, key);
}

cJSON *
vt_reg_entry_to_json(const struct vt_reg_entry *e)
{
	cJSON	*j = cJSON_CreateObject(), *o, *a;
	size_t	 i;

	add_str(j, "id", e->id);
	cJSON_AddNumberToObject(j, "arrival_number", (double)e->arrival_number);
	add_str(j, "arrival_date", e->arrival_date);
	o = cJSON_AddObjectToObject(j, "organ");
	add_str(o, "organ_id", e->organ_id);
	add_str(o, "organ_name", e->organ_name);
	add_str(j, "number_notation", e->number_notation);
	add_str(j, "issued_date", e->issued_date);
	add_str(j, "type_name", e->type_name);
	add_str(j, "subject", e->subject);
	a = cJSON_AddArrayToObject(j, "receivers");
	for (i = 0; i < e->nreceivers; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(e->receivers[i]));
	add_str(j, "due_date", e->due_date);
	add_str(j, "status", e->status);
	add_str(j, "notes", e->notes);
	return j;
}
