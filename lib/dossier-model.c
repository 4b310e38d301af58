/*
 * vanthu: work dossiers parsed from the server's JSON (docs/api.md
 * section 13), validated and made terminal-safe (see vanthu/dossier.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model-impl.h"
#include "vanthu/actions.h"
#include "vanthu/dossier.h"
#include "vanthu/buf.h"
#include "vanthu/i18n.h"
#include "vanthu/session.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static bool
not_object(struct mp *p, const cJSON *j)
{
	if (cJSON_IsObject(j))
		return false;
	if (!p->failed)
		vt_fail(p->eb, VT_ERR_PROTOCOL, "%s: %s", p->ctx,
		    _("expected an object"));
	p->failed = true;
	return true;
}

static void
file_clear(struct vt_dossier_file *f)
{
	free(f->attachment_id);
	free(f->filename);
	free(f->sha256);
	free(f->label);
}

static void
item_clear(struct vt_dossier_item *it)
{
	size_t	i;

	free(it->document_id);
	free(it->number_notation);
	free(it->issued_date);
	free(it->organ_name);
	free(it->subject);
	free(it->notes);
	vt_person_clear(&it->added_by);
	free(it->added_at);
	for (i = 0; i < it->nfiles; i++)
		file_clear(&it->files[i]);
	free(it->files);
}

const struct vt_dossier_item *
vt_dossier_item_find(const struct vt_dossier *d, const char *document_id)
{
	size_t	i;

	for (i = 0; d->detailed && i < d->nitems; i++) {
		if (d->items[i].document_id != NULL &&
		    strcmp(d->items[i].document_id, document_id) == 0)
			return &d->items[i];
	}
	return NULL;
}

void
vt_dossier_clear(struct vt_dossier *d)
{
	size_t	i;

	if (d == NULL)
		return;
	free(d->id);
	free(d->entry_id);
	free(d->code);
	free(d->title);
	free(d->keeper);
	free(d->retention);
	free(d->start_date);
	free(d->end_date);
	free(d->ref);
	vt_person_clear(&d->opened_by);
	free(d->updated_at);
	for (i = 0; i < d->nitems; i++)
		item_clear(&d->items[i]);
	free(d->items);
	history_free(d->history, d->nhistory);
	memset(d, 0, sizeof *d);
}

void
vt_dossier_list_clear(struct vt_dossier_list *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		vt_dossier_clear(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void
vt_dossier_plan_clear(struct vt_dossier_plan *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->items[i].id);
		free(p->items[i].code);
		free(p->items[i].title);
		free(p->items[i].keeper);
		free(p->items[i].retention);
	}
	free(p->items);
	memset(p, 0, sizeof *p);
}

static void
parse_file(struct mp *p, const cJSON *j, struct vt_dossier_file *f)
{
	if (not_object(p, j))
		return;
	f->attachment_id = mp_id(p, j, "attachment_id", 0);
	f->filename = mp_str(p, j, "filename", 0);
	f->size = (uint64_t)mp_int(p, j, "size", 0, 1LL << 50, 0);
	f->sha256 = mp_id(p, j, "sha256", 0);
	f->page_amount = (int)mp_int(p, j, "page_amount", 0, 1000000, MP_OPT);
	f->label = mp_str(p, j, "label", MP_OPT);
	if (!p->failed && (strlen(f->sha256) != 64 ||
	    f->sha256[strspn(f->sha256, "0123456789abcdef")] != '\0')) {
		vt_fail(p->eb, VT_ERR_PROTOCOL, "%s.sha256: %s", p->ctx,
		    _("expected 64 hexadecimal digits"));
		p->failed = true;
	}
}

/* The server's words for the enums of this module (docs/api.md 13). */
static const char *const state_words[] = {
	[VT_DOSSIER_OPEN] = "open",
	[VT_DOSSIER_CLOSED] = "closed",
};
static const char *const kind_words[] = {
	[VT_DITEM_INCOMING] = "incoming",
	[VT_DITEM_OUTGOING] = "outgoing",
	[VT_DITEM_DRAFT] = "draft",
};
static const char *const step_words[] = {
	[VT_DSTEP_UNKNOWN] = "",
	[VT_DSTEP_OPENED] = "opened",
	[VT_DSTEP_ADDED] = "added",
	[VT_DSTEP_REMOVED] = "removed",
	[VT_DSTEP_CLOSED] = "closed",
	[VT_DSTEP_REOPENED] = "reopened",
};

#define NWORDS(a)	(sizeof (a) / sizeof (a)[0])

/* The index of WORD in WORDS (N of them), or -1. */
static int
word_index(const char *const *words, size_t n, const char *word)
{
	size_t	i;

	for (i = 0; word != NULL && i < n; i++) {
		if (words[i] != NULL && words[i][0] != '\0' &&
		    strcmp(words[i], word) == 0)
			return (int)i;
	}
	return -1;
}

enum vt_dossier_step
vt_dossier_step_parse(const char *action)
{
	int	i = word_index(step_words, NWORDS(step_words), action);

	return i < 0 ? VT_DSTEP_UNKNOWN : (enum vt_dossier_step)i;
}

/* The enum field NAME of J, one of WORDS; a protocol error saying WHY
   otherwise. */
static int
mp_word(struct mp *p, const cJSON *j, const char *name,
    const char *const *words, size_t n, const char *why)
{
	char	*w = mp_id(p, j, name, 0);
	int	 i = word_index(words, n, w);

	if (w != NULL && i < 0 && !p->failed) {
		vt_fail(p->eb, VT_ERR_PROTOCOL, "%s%s%s: %s", p->ctx,
		    p->ctx[0] != '\0' ? "." : "", name, why);
		p->failed = true;
	}
	free(w);
	return i < 0 ? 0 : i;
}

static void
parse_item(struct mp *p, const cJSON *j, struct vt_dossier_item *it)
{
	const cJSON	*a, *f;
	struct mp	 c;
	size_t		 i = 0;

	if (not_object(p, j))
		return;
	it->no = (int)mp_int(p, j, "no", 1, 1000000, 0);
	it->document_id = mp_id(p, j, "document_id", 0);
	it->kind = (enum vt_ditem_kind)mp_word(p, j, "kind", kind_words,
	    NWORDS(kind_words), _("unknown kind"));
	it->number_notation = mp_str(p, j, "number_notation", 0);
	it->issued_date = mp_date(p, j, "issued_date", MP_OPT);
	it->organ_name = mp_str(p, j, "organ_name", 0);
	it->subject = mp_str(p, j, "subject", 0);
	it->page_amount = (int)mp_int(p, j, "page_amount", 0, 100000000, 0);
	it->start_page = (int)mp_int(p, j, "start_page", 1, 100000000, 0);
	it->notes = mp_str(p, j, "notes", MP_OPT);
	mp_person(p, j, "added_by", MP_OPT, &it->added_by);
	it->added_at = mp_str(p, j, "added_at", MP_OPT);
	a = mp_arr(p, j, "files", 0, &it->nfiles);
	it->files = it->nfiles > 0 ? xcalloc(it->nfiles, sizeof *it->files) :
	    NULL;
	cJSON_ArrayForEach(f, a) {
		if (i >= it->nfiles)
			break;
		mp_sub(&c, p, "files", (long)i);
		parse_file(&c, f, &it->files[i++]);
		mp_join(p, &c);
	}
}

static void
parse_summary(struct mp *p, const cJSON *j, struct vt_dossier *d)
{
	d->id = mp_id(p, j, "id", 0);
	d->entry_id = mp_id(p, j, "entry_id", MP_OPT);
	d->year = (int)mp_int(p, j, "year", 1900, 9999, 0);
	d->code = mp_str(p, j, "code", 0);
	d->title = mp_str(p, j, "title", 0);
	d->keeper = mp_str(p, j, "keeper", 0);
	d->retention = mp_str(p, j, "retention", 0);
	d->start_date = mp_date(p, j, "start_date", 0);
	d->end_date = mp_date(p, j, "end_date", MP_OPT);
	d->page_count = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j,
	    "page_count")) ? (int)mp_int(p, j, "page_count", 0, 100000000, 0) :
	    -1;
	d->state = (enum vt_dossier_state)mp_word(p, j, "state", state_words,
	    NWORDS(state_words), _("unknown state"));
	d->item_count = (int)mp_int(p, j, "item_count", 0, 100000000, MP_OPT);
	d->ref = mp_str(p, j, "ref", MP_OPT);
	mp_person(p, j, "opened_by", MP_OPT, &d->opened_by);
	d->updated_at = mp_str(p, j, "updated_at", MP_OPT);
}

vt_code
vt_dossier_parse(const cJSON *j, const char *ctx, struct vt_dossier *out,
    struct vt_errbuf *eb)
{
	const cJSON	*a, *it;
	struct mp	 p, c;
	size_t		 i = 0;

	memset(out, 0, sizeof *out);
	mp_init(&p, ctx != NULL ? ctx : "dossier", eb);
	if (not_object(&p, j))
		return VT_ERR_PROTOCOL;
	parse_summary(&p, j, out);
	if (!p.failed && cJSON_GetObjectItemCaseSensitive(j, "items")) {
		out->detailed = true;
		a = mp_arr(&p, j, "items", 0, &out->nitems);
		out->items = out->nitems > 0 ?
		    xcalloc(out->nitems, sizeof *out->items) : NULL;
		cJSON_ArrayForEach(it, a) {
			if (i >= out->nitems)
				break;
			mp_sub(&c, &p, "items", (long)i);
			parse_item(&c, it, &out->items[i++]);
			mp_join(&p, &c);
		}
		mp_history(&p, j, "history", &out->history, &out->nhistory);
	}
	if (p.failed) {
		vt_dossier_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

vt_code
vt_dossier_list_parse(const cJSON *j, struct vt_dossier_list *out,
    struct vt_errbuf *eb)
{
	const cJSON	*a, *it;
	struct mp	 p;
	size_t		 n, i = 0;
	char		 ctx[40];
	vt_code		 code = VT_OK;

	memset(out, 0, sizeof *out);
	mp_init(&p, "dossiers", eb);
	if (not_object(&p, j))
		return VT_ERR_PROTOCOL;
	a = mp_arr(&p, j, "items", 0, &n);
	if (p.failed)
		return VT_ERR_PROTOCOL;
	out->items = n > 0 ? xcalloc(n, sizeof *out->items) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= n)
			break;
		snprintf(ctx, sizeof ctx, "dossiers[%zu]", i);
		if ((code = vt_dossier_parse(it, ctx, &out->items[i], eb)) !=
		    VT_OK)
			break;
		out->n = ++i;
	}
	if (code != VT_OK)
		vt_dossier_list_clear(out);
	return code;
}

vt_code
vt_dossier_plan_parse(const cJSON *j, struct vt_dossier_plan *out,
    struct vt_errbuf *eb)
{
	const cJSON		*a, *it;
	struct mp		 p, c;
	size_t			 i = 0;
	struct vt_dossier_entry	*e;

	memset(out, 0, sizeof *out);
	mp_init(&p, "dossier-list", eb);
	if (not_object(&p, j))
		return VT_ERR_PROTOCOL;
	out->year = (int)mp_int(&p, j, "year", 1900, 9999, 0);
	out->approved = mp_bool(&p, j, "approved", MP_OPT);
	out->allow_free = mp_bool(&p, j, "allow_free", 0);
	a = mp_arr(&p, j, "items", 0, &out->n);
	out->items = out->n > 0 ? xcalloc(out->n, sizeof *out->items) : NULL;
	cJSON_ArrayForEach(it, a) {
		if (i >= out->n)
			break;
		e = &out->items[i];
		mp_sub(&c, &p, "items", (long)i++);
		if (!not_object(&c, it)) {
			e->id = mp_id(&c, it, "id", 0);
			e->year = (int)mp_int(&c, it, "year", 1900, 9999, 0);
			e->code = mp_str(&c, it, "code", 0);
			e->title = mp_str(&c, it, "title", 0);
			e->keeper = mp_str(&c, it, "keeper", 0);
			e->retention = mp_str(&c, it, "retention", 0);
		}
		mp_join(&p, &c);
	}
	if (p.failed) {
		vt_dossier_plan_clear(out);
		return VT_ERR_PROTOCOL;
	}
	return VT_OK;
}

const char *
vt_dossier_state_name(enum vt_dossier_state s)
{
	return s == VT_DOSSIER_CLOSED ? _("closed") : _("open");
}

const char *
vt_ditem_kind_name(enum vt_ditem_kind k)
{
	switch (k) {
	case VT_DITEM_OUTGOING:
		return _("outgoing");
	case VT_DITEM_DRAFT:
		return _("draft");
	default:
		return _("incoming");
	}
}

vt_code
vt_dossier_writable(const struct vt_dossier *d, struct vt_errbuf *eb)
{
	char	date[11];

	if (d->state != VT_DOSSIER_CLOSED)
		return VT_OK;
	vt_date_vn(date, d->end_date);
	return vt_fail(eb, VT_ERR_STATE, _("dossier %s (%s) was closed on "
	    "%s: it cannot be changed unless a leader or the clerk reopens "
	    "it"), d->id, d->code, date);
}

bool
vt_dossier_can_reopen(const struct vt_session *s)
{
	enum vt_user_role	role;

	if (s == NULL)
		return false;
	role = vt_user_role_parse(s->role);
	return role != VT_USER_UNKNOWN &&
	    vt_act_allowed(VT_ACT_DOSSIER_REOPEN, role);
}

const char *
vt_dossier_action_name(const char *action)
{
	switch (vt_dossier_step_parse(action)) {
	case VT_DSTEP_OPENED: return _("opened");
	case VT_DSTEP_ADDED: return _("document added");
	case VT_DSTEP_REMOVED: return _("document removed");
	case VT_DSTEP_CLOSED: return _("closed");
	case VT_DSTEP_REOPENED: return _("reopened");
	case VT_DSTEP_UNKNOWN: break;
	}
	return action != NULL ? action : "?";
}

static cJSON *
person_json(const struct vt_person *p)
{
	cJSON	*o;

	if (p->username == NULL)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "username", p->username);
	cJSON_AddStringToObject(o, "full_name", p->full_name);
	return o;
}

static cJSON *
item_json(const struct vt_dossier_item *it)
{
	cJSON			*o = cJSON_CreateObject(), *files;
	size_t			 i;

	cJSON_AddNumberToObject(o, "no", it->no);
	cJSON_AddStringToObject(o, "document_id", it->document_id);
	cJSON_AddStringToObject(o, "kind", kind_words[it->kind]);
	cJSON_AddStringToObject(o, "number_notation", it->number_notation);
	mj_add_str(o, "issued_date", it->issued_date);
	cJSON_AddStringToObject(o, "organ_name", it->organ_name);
	cJSON_AddStringToObject(o, "subject", it->subject);
	cJSON_AddNumberToObject(o, "page_amount", it->page_amount);
	cJSON_AddNumberToObject(o, "start_page", it->start_page);
	mj_add_str(o, "notes", it->notes);
	files = cJSON_AddArrayToObject(o, "files");
	for (i = 0; i < it->nfiles; i++) {
		const struct vt_dossier_file	*f = &it->files[i];
		cJSON				*fo = cJSON_CreateObject();

		cJSON_AddStringToObject(fo, "attachment_id", f->attachment_id);
		cJSON_AddStringToObject(fo, "filename", f->filename);
		cJSON_AddNumberToObject(fo, "size", (double)f->size);
		cJSON_AddStringToObject(fo, "sha256", f->sha256);
		cJSON_AddNumberToObject(fo, "page_amount", f->page_amount);
		mj_add_str(fo, "label", f->label);
		cJSON_AddItemToArray(files, fo);
	}
	return o;
}

cJSON *
vt_dossier_to_json(const struct vt_dossier *d)
{
	cJSON	*o = cJSON_CreateObject(), *a;
	size_t	 i;

	cJSON_AddStringToObject(o, "id", d->id);
	mj_add_str(o, "entry_id", d->entry_id);
	cJSON_AddNumberToObject(o, "year", d->year);
	cJSON_AddStringToObject(o, "code", d->code);
	cJSON_AddStringToObject(o, "title", d->title);
	cJSON_AddStringToObject(o, "keeper", d->keeper);
	cJSON_AddStringToObject(o, "retention", d->retention);
	cJSON_AddStringToObject(o, "start_date", d->start_date);
	mj_add_str(o, "end_date", d->end_date);
	if (d->page_count >= 0)
		cJSON_AddNumberToObject(o, "page_count", d->page_count);
	else
		cJSON_AddNullToObject(o, "page_count");
	cJSON_AddStringToObject(o, "state", state_words[d->state]);
	cJSON_AddNumberToObject(o, "item_count", d->item_count);
	cJSON_AddItemToObject(o, "opened_by", person_json(&d->opened_by));
	if (!d->detailed)
		return o;
	a = cJSON_AddArrayToObject(o, "items");
	for (i = 0; i < d->nitems; i++)
		cJSON_AddItemToArray(a, item_json(&d->items[i]));
	a = cJSON_AddArrayToObject(o, "history");
	for (i = 0; i < d->nhistory; i++) {
		const struct vt_history_step	*h = &d->history[i];
		cJSON				*ho = cJSON_CreateObject();

		cJSON_AddStringToObject(ho, "at", h->at);
		cJSON_AddStringToObject(ho, "action", h->action);
		cJSON_AddItemToObject(ho, "actor", person_json(&h->actor));
		mj_add_str(ho, "note", h->note);
		cJSON_AddItemToArray(a, ho);
	}
	return o;
}

size_t
vt_dossier_wrap(const char *text, int cols, char ***lines)
{
	struct vt_buf	 cur;
	const char	*p = text, *w;
	char		*word, *cut;
	size_t		 n = 0, cap = 4, len;

	if (cols < 2)
		cols = 2;
	*lines = xcalloc(cap, sizeof **lines);
	vt_buf_init(&cur);
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *w != '\0' && *w != ' '; w++)
			;
		word = xstrndup(p, (size_t)(w - p));
		p = w;
		if (cur.len > 0 && vt_text_width(cur.data) + 1 +
		    vt_text_width(word) <= cols) {
			vt_buf_putc(&cur, ' ');
			vt_buf_puts(&cur, word);
			free(word);
			continue;
		}
		if (cur.len > 0) {
			if (n + 2 >= cap)
				*lines = xreallocarray(*lines, cap *= 2,
				    sizeof **lines);
			(*lines)[n++] = xstrdup(cur.data);
			vt_buf_reset(&cur);
		}
		while (vt_text_width(word) > cols) {
			cut = vt_text_fit(word, cols, VT_FIT_NOPAD |
			    VT_FIT_NOELLIPSIS);
			len = strlen(cut);
			if (len == 0) {
				free(cut);
				break;
			}
			if (n + 2 >= cap)
				*lines = xreallocarray(*lines, cap *= 2,
				    sizeof **lines);
			(*lines)[n++] = cut;
			memmove(word, word + len, strlen(word + len) + 1);
		}
		vt_buf_puts(&cur, word);
		free(word);
	}
	if (cur.len > 0 || n == 0) {
		if (n + 2 >= cap)
			*lines = xreallocarray(*lines, cap *= 2,
			    sizeof **lines);
		(*lines)[n++] = xstrdup(cur.len > 0 ? cur.data : "");
	}
	vt_buf_free(&cur);
	return n;
}
