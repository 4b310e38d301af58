/*
 * vanthu: the outbox actions that start a draft (POST /drafts, a
 * multipart/form-data body: RFC 7578) and add a version (POST
 * /drafts/ID/versions, a PDF body).  See vanthu/draft-new.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/draft-new.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/outbox.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static void
add_list(cJSON *o, const char *name, const char *const *l, size_t n)
{
	cJSON	*a = cJSON_AddArrayToObject(o, name);
	size_t	 i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l[i]));
}

/* The "metadata" part: the JSON object of docs/api.md, POST /drafts. */
static char *
meta_json(const struct vt_draft_meta *m)
{
	cJSON	*o = cJSON_CreateObject();
	char	 iso[11], *s;

	cJSON_AddStringToObject(o, "type_code", m->type_code);
	cJSON_AddStringToObject(o, "subject", m->subject);
	cJSON_AddNumberToObject(o, "urgency", m->urgency);
	if (m->due_date != NULL && vt_date_parse(m->due_date, iso, NULL) ==
	    VT_OK)
		cJSON_AddStringToObject(o, "due_date", iso);
	cJSON_AddStringToObject(o, "signer", m->signer);
	add_list(o, "reviewers", m->reviewers, m->nreviewers);
	cJSON_AddStringToObject(o, "signer_competence",
	    m->competence != NULL ? m->competence : "");
	if (m->position != NULL && m->position[0] != '\0')
		cJSON_AddStringToObject(o, "signer_position", m->position);
	add_list(o, "recipients", m->recipients, m->nrecipients);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (s == NULL)
		abort();	/* cJSON fails only without memory */
	return s;
}

/* NAME made safe for a quoted header parameter (no quotes, no CR/LF). */
static char *
header_name(const char *name)
{
	char	*s = vt_text_safe(name, strlen(name), 0), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '"' || *p == '\\')
			*p = '_';
	return s;
}

static void
act_set(struct vt_act *act, enum vt_act_kind kind, const char *ctype)
{
	act->kind = kind;
	act->spec.kind = vt_act_def(kind)->name;
	act->spec.target = act->target;
	act->spec.summary = act->summary;
	act->spec.method = "POST";
	act->spec.path = act->path;
	act->spec.content_type = ctype;
	act->spec.body = act->body;
}

vt_code
vt_act_draft_new(struct vt_act *act, const struct vt_draft_meta *m,
    const void *pdf, size_t len, const char *name, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		 uuid[37], *meta, *fname, *subject;
	vt_code		 code;

	memset(act, 0, sizeof *act);
	if ((code = vt_uuid4(uuid, eb)) != VT_OK)
		return code;
	meta = meta_json(m);
	fname = header_name(name);
	vt_buf_init(&b);
	vt_buf_printf(&b, "--vanthu-%s\r\nContent-Disposition: form-data; "
	    "name=\"metadata\"\r\nContent-Type: application/json; "
	    "charset=utf-8\r\n\r\n%s\r\n", uuid, meta);
	vt_buf_printf(&b, "--vanthu-%s\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"%s\"\r\nContent-Type: "
	    "application/pdf\r\n\r\n", uuid, fname);
	vt_buf_add(&b, pdf, len);
	vt_buf_printf(&b, "\r\n--vanthu-%s--\r\n", uuid);
	act->spec.body_len = act->body_len = b.len;
	act->body = vt_buf_steal(&b);
	act->path = xstrdup("/drafts");
	act->target = xstrdup("");
	subject = vt_text_fit(m->subject, 40, VT_FIT_NOPAD);
	act->summary = xasprintf(_("new draft: %s"), subject);
	free(subject);
	act->ctype = xasprintf("multipart/form-data; boundary=vanthu-%s",
	    uuid);
	act_set(act, VT_ACT_DRAFT_NEW, act->ctype);
	free(meta);
	free(fname);
	return VT_OK;
}

void
vt_act_draft_revise(struct vt_act *act, const char *id, const void *pdf,
    size_t len)
{
	char	*esc = vt_http_url_escape(id);

	memset(act, 0, sizeof *act);
	act->path = xasprintf("/drafts/%s/versions", esc);
	free(esc);
	act->body = xmalloc(len + 1);
	memcpy(act->body, pdf, len);
	act->body[len] = '\0';
	act->spec.body_len = act->body_len = len;
	act->target = xstrdup(id);
	act->summary = xasprintf(_("new version of draft %s"), id);
	act_set(act, VT_ACT_DRAFT_REVISE, "application/pdf");
}
