/*
 * vanthu: the outgoing half of the clerk's work on the server
 * (docs/api.md section 12): reserve and release a draft's number, read
 * the outgoing register.  Answers are parsed like every model object
 * (text NFC and terminal-safe, lengths bounded).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model-impl.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/outgoing.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

void
vt_reservation_clear(struct vt_reservation *r)
{
	free(r->id);
	free(r->draft_id);
	free(r->code_number);
	free(r->code_notation);
	free(r->number_notation);
	free(r->issued_date);
	free(r->promulgation_place);
	free(r->number_line);
	free(r->date_line);
	free(r->state);
	str_list_free(r->recipients, r->nrecipients);
	memset(r, 0, sizeof *r);
}

/* The names of a list of recipients ({organ_name} or {full_name}). */
static char **
recipient_names(struct mp *p, const cJSON *o, const char *name, size_t *n)
{
	const cJSON	*a = mp_arr(p, o, name, MP_OPT, n), *e;
	char		**out;
	size_t		 i = 0;
	struct mp	 c;

	if (a == NULL || *n == 0) {
		*n = 0;
		return NULL;
	}
	out = xcalloc(*n, sizeof *out);
	cJSON_ArrayForEach(e, a) {
		if (i >= *n)
			break;
		mp_sub(&c, p, name, (long)i);
		out[i] = cJSON_IsString(e) && e->valuestring != NULL ?
		    vt_text_safe(e->valuestring, strlen(e->valuestring), 0) :
		    NULL;
		if (out[i] == NULL && cJSON_IsObject(e))
			out[i] = cJSON_GetObjectItem(e, "organ_name") != NULL ?
			    mp_str(&c, e, "organ_name", 0) :
			    cJSON_GetObjectItem(e, "full_name") != NULL ?
			    mp_str(&c, e, "full_name", 0) :
			    mp_str(&c, e, "name", 0);
		if (out[i] == NULL)
			out[i] = xstrdup("");
		mp_join(p, &c);
		i++;
	}
	*n = i;
	return out;
}

static vt_code
reservation_parse(const cJSON *j, struct vt_reservation *r,
    struct vt_errbuf *eb)
{
	struct mp	 p;
	const cJSON	*o;

	memset(r, 0, sizeof *r);
	mp_init(&p, "reservation", eb);
	if ((o = mp_obj(&p, j, "reservation", 0)) == NULL)
		return VT_ERR_PROTOCOL;
	r->id = mp_id(&p, o, "id", 0);
	r->draft_id = mp_id(&p, o, "draft_id", 0);
	r->code_number = mp_str(&p, o, "code_number", 0);
	r->code_notation = mp_str(&p, o, "code_notation", 0);
	r->number_notation = mp_str(&p, o, "number_notation", 0);
	r->issued_date = mp_date(&p, o, "issued_date", 0);
	r->promulgation_place = mp_str(&p, o, "promulgation_place", 0);
	r->number_line = mp_str(&p, o, "number_line", 0);
	r->date_line = mp_str(&p, o, "date_line", 0);
	r->state = mp_str(&p, o, "state", 0);
	r->recipients = recipient_names(&p, o, "recipients", &r->nrecipients);
	if (!p.failed && (r->code_number[0] == '\0' ||
	    strspn(r->code_number, "0123456789") != strlen(r->code_number))) {
		p.failed = true;
		vt_fail(eb, VT_ERR_PROTOCOL, "reservation.code_number: %s",
		    _("not a number"));
	}
	if (p.failed) {
		vt_reservation_clear(r);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

/* POST PATH with BODY (JSON text) and parse the answer into *OUT. */
static vt_code
post_json(struct vt_client *c, const char *path, const char *body,
    cJSON **out, struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	vt_code			 rc;

	*out = NULL;
	rc = vt_api_post(c, path, "application/json", body, strlen(body),
	    NULL, &resp, eb);
	if (rc == VT_OK)
		rc = vt_api_parse_json(&resp, out, eb);
	vt_http_resp_free(&resp);
	return rc;
}

static char *
draft_path(const char *draft_id, const char *tail)
{
	char	*esc = vt_http_url_escape(draft_id), *p;

	p = xasprintf("/drafts/%s/%s", esc, tail);
	free(esc);
	return p;
}

vt_code
vt_api_number_reserve(struct vt_client *c, const char *draft_id,
    const char *const *to, size_t n, struct vt_reservation *out,
    struct vt_errbuf *eb)
{
	cJSON	*body = cJSON_CreateObject(), *list, *j = NULL;
	char	*text, *path = draft_path(draft_id, "number");
	size_t	 i;
	vt_code	 rc;

	memset(out, 0, sizeof *out);
	list = cJSON_AddArrayToObject(body, "recipients");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(to[i]));
	text = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	if (text == NULL) {
		free(path);
		return vt_fail(eb, VT_ERR_INTERNAL, "cJSON");
	}
	rc = post_json(c, path, text, &j, eb);
	if (rc == VT_OK)
		rc = reservation_parse(j, out, eb);
	cJSON_Delete(j);
	cJSON_free(text);
	free(path);
	return rc;
}

vt_code
vt_api_number_release(struct vt_client *c, const char *draft_id,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	char			*path = draft_path(draft_id, "number/release");
	vt_code			 rc;

	rc = vt_api_post(c, path, "application/json", "{}", 2, NULL, &resp,
	    eb);
	vt_http_resp_free(&resp);
	free(path);
	return rc;
}

vt_code
vt_reservation_fields(const struct vt_reservation *r,
    struct vt_issue_fields *f, struct vt_errbuf *eb)
{
	char	 end;

	memset(f, 0, sizeof *f);
	if (r->issued_date == NULL || sscanf(r->issued_date, "%4d-%2d-%2d%c",
	    &f->year, &f->month, &f->day, &end) != 3)
		return vt_fail(eb, VT_ERR_PROTOCOL, "reservation.issued_date");
	f->code_number = r->code_number;
	f->code_notation = r->code_notation;
	f->place = r->promulgation_place;
	return VT_OK;
}

vt_code
vt_reservation_fill(void *arg, const char *in, const char *out,
    struct vt_errbuf *eb)
{
	struct vt_issue_fields	 f;
	vt_code			 rc;

	if ((rc = vt_reservation_fields(arg, &f, eb)) != VT_OK)
		return rc;
	if ((rc = vt_numfields_fill(in, out, &f, eb)) == VT_ERR_NOT_FOUND)
		return vt_fail(eb, VT_ERR_INVALID, _("this draft has no number "
		    "and date fields, so the number cannot be written into it: "
		    "ask the drafter to submit it again (vanthu draft fields "
		    "adds them)"));
	return rc;
}

void
vt_outgoing_free(struct vt_outgoing *items, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(items[i].draft_id);
		free(items[i].code_number);
		free(items[i].code_notation);
		free(items[i].number_notation);
		free(items[i].issued_date);
		free(items[i].type_name);
		free(items[i].subject);
		free(items[i].signer_name);
		free(items[i].signer_position);
		free(items[i].signer_competence);
		str_list_free(items[i].recipients, items[i].nrecipients);
	}
	free(items);
}

static void
outgoing_parse(struct mp *p, const cJSON *o, struct vt_outgoing *e)
{
	const cJSON	*s;
	struct mp	 c;

	e->draft_id = mp_id(p, o, "draft_id", 0);
	e->code_number = mp_str(p, o, "code_number", 0);
	e->code_notation = mp_str(p, o, "code_notation", 0);
	e->number_notation = mp_str(p, o, "number_notation", 0);
	e->issued_date = mp_date(p, o, "issued_date", 0);
	e->type_name = mp_str(p, o, "type_name", 0);
	e->subject = mp_str(p, o, "subject", 0);
	if ((s = mp_obj(p, o, "signer", 0)) != NULL) {
		mp_sub(&c, p, "signer", -1);
		e->signer_name = mp_str(&c, s, "full_name", 0);
		e->signer_position = mp_str(&c, s, "position", 0);
		e->signer_competence = mp_str(&c, s, "competence", 0);
		mp_join(p, &c);
	}
	e->recipients = recipient_names(p, o, "recipients", &e->nrecipients);
	e->copies = (long)mp_int(p, o, "copies", 0, 100000, MP_OPT);
}

vt_code
vt_api_outgoing_register(struct vt_client *c, int year,
    struct vt_outgoing **items, size_t *n, cJSON **json,
    struct vt_errbuf *eb)
{
	struct vt_http_resp	 resp;
	const cJSON		*a, *e;
	cJSON			*j = NULL;
	struct mp		 p, sub;
	char			*path;
	size_t			 cap = 0, i = 0;
	vt_code			 rc;

	*items = NULL;
	*n = 0;
	if (json != NULL)
		*json = NULL;
	path = year > 0 ? xasprintf("/outgoing?year=%d", year) :
	    xstrdup("/outgoing");
	rc = vt_api_get(c, path, NULL, &resp, eb);
	free(path);
	if (rc == VT_OK)
		rc = vt_api_parse_json(&resp, &j, eb);
	vt_http_resp_free(&resp);
	if (rc != VT_OK)
		return rc;
	mp_init(&p, "outgoing", eb);
	a = mp_arr(&p, j, "items", 0, &cap);
	if (a != NULL && cap > 0) {
		*items = xcalloc(cap, sizeof **items);
		cJSON_ArrayForEach(e, a) {
			if (i >= cap || p.failed)
				break;
			mp_sub(&sub, &p, "items", (long)i);
			if (!cJSON_IsObject(e)) {
				sub.failed = true;
				vt_fail(eb, VT_ERR_PROTOCOL, "%s: %s", sub.ctx,
				    _("expected an object"));
			} else
				outgoing_parse(&sub, e, &(*items)[i]);
			mp_join(&p, &sub);
			i++;
		}
	}
	*n = i;
	if (p.failed) {
		vt_outgoing_free(*items, *n);
		*items = NULL;
		*n = 0;
		cJSON_Delete(j);
		return VT_ERR_PROTOCOL;
	}
	if (json != NULL)
		*json = j;
	else
		cJSON_Delete(j);
	return VT_OK;
}
