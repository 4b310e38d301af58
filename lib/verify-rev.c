/*
 * vanthu: the revisions of a signed PDF and what each incremental update
 * changed, object by object (the approach of pyHanko's difference
 * analysis, written anew for MuPDF).
 *
 * Each revision is the file's prefix up to one of its "%%EOF" markers,
 * opened by MuPDF as its own document.  For each revision a role map
 * says what every object of it is (the catalog, page 2, page 2's
 * content, the form field "so", the appearance of a field, DSS, ...).
 * An object the later revision rewrote is then judged by its role in
 * the earlier one; new objects matter only through the references a
 * changed object gained (a new entry of /Fields or of a page's /Annots).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/sign-fields.h"
#include "verify-impl.h"
#include "vanthu/xmalloc.h"

/* At most this many revisions are opened, and this many nodes walked
   per role map: beyond, a revision is "too complex to compare". */
#define REVISIONS_MAX	200
#define WALK_NODES_MAX	2000000

enum role {
	RO_NONE = 0,
	RO_CATALOG,
	RO_PAGES,		/* a node of the page tree; aux -1 */
	RO_PAGE,		/* aux: page index */
	RO_CONTENT,		/* a page's content stream */
	RO_RESOURCE,		/* fonts, images... (aux -1: inherited) */
	RO_PAGEPART,		/* anything else a page uses */
	RO_ACROFORM,
	RO_FORM_DR,		/* the form's default resources */
	RO_FIELDS,		/* the /Fields array */
	RO_FIELD,		/* a field or widget; aux: field index */
	RO_FIELD_AP,		/* a widget's appearance */
	RO_SIGV,		/* a signature field's value */
	RO_ANNOTS,		/* a page's /Annots array */
	RO_ANNOT,		/* an annotation (not a form widget) */
	RO_DSS,
	RO_INFO,
	RO_METADATA,
	RO_OTHER		/* under another catalog entry; aux: key */
};

struct field {
	char	*name;		/* full name, "a.b" */
	char	*label;		/* as people read it (field_label) */
	int	 is_sig;	/* /FT /Sig (inherited) */
	int	 has_v;		/* holds a value (a signed signature) */
	int	 timestamp;	/* /V is an ETSI.RFC3161 timestamp */
};

struct vt_rolemap {
	int		 n;
	unsigned char	*role;
	int		*aux;
	struct field	*fields;
	int		 nfields, capf;
	char		**keys;		/* catalog keys of RO_OTHER */
	int		 nkeys;
	long		 budget;	/* nodes left to walk */
	int		 overflow;	/* the budget ran out */
	pdf_obj		**stack;	/* deep walk */
	int		 sp, cap;
};

static void
rolemap_free(struct vt_rolemap *m)
{
	int	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nfields; i++) {
		free(m->fields[i].name);
		free(m->fields[i].label);
	}
	for (i = 0; i < m->nkeys; i++)
		free(m->keys[i]);
	free(m->fields);
	free(m->keys);
	free(m->role);
	free(m->aux);
	free(m->stack);
	free(m);
}

/* Give the object REF (when indirect and new to the map) ROLE; returns
   1 when it was given now. */
static int
mark(fz_context *ctx, struct vt_rolemap *m, pdf_obj *ref, enum role role,
    int aux)
{
	int	 num;

	if (!pdf_is_indirect(ctx, ref))
		return 0;
	num = pdf_to_num(ctx, ref);
	if (num <= 0 || num >= m->n || m->role[num] != RO_NONE)
		return 0;
	m->role[num] = (unsigned char)role;
	m->aux[num] = aux;
	return 1;
}

static void
push(struct vt_rolemap *m, pdf_obj *o)
{
	if (m->sp == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->stack = xreallocarray(m->stack, (size_t)m->cap,
		    sizeof *m->stack);
	}
	m->stack[m->sp++] = o;
}

/* Give ROLE to every object reachable from O not mapped yet, except
   through /Parent and /P (which lead back up). */
static void
deep(fz_context *ctx, struct vt_rolemap *m, pdf_obj *o, enum role role,
    int aux)
{
	pdf_obj	*k;
	int	 i, n;

	if (o == NULL)
		return;
	m->sp = 0;
	push(m, o);
	while (m->sp > 0) {
		o = m->stack[--m->sp];
		if (--m->budget < 0) {
			m->overflow = 1;
			m->sp = 0;
			return;
		}
		if (pdf_is_indirect(ctx, o)) {
			if (!mark(ctx, m, o, role, aux))
				continue;
			o = pdf_resolve_indirect(ctx, o);
		}
		if (pdf_is_dict(ctx, o)) {
			n = pdf_dict_len(ctx, o);
			for (i = 0; i < n; i++) {
				k = pdf_dict_get_key(ctx, o, i);
				if (pdf_name_eq(ctx, k, PDF_NAME(Parent)) ||
				    pdf_name_eq(ctx, k, PDF_NAME(P)))
					continue;
				push(m, pdf_dict_get_val(ctx, o, i));
			}
		} else if (pdf_is_array(ctx, o)) {
			n = pdf_array_len(ctx, o);
			for (i = 0; i < n; i++)
				push(m, pdf_array_get(ctx, o, i));
		}
	}
}

static void
map_pages(fz_context *ctx, pdf_document *doc, struct vt_rolemap *m)
{
	pdf_obj	*page, *node, *k;
	int	 i, j, n, count = pdf_count_pages(ctx, doc), depth;

	mark(ctx, m, pdf_dict_getp(ctx, pdf_trailer(ctx, doc), "Root/Pages"),
	    RO_PAGES, -1);
	for (i = 0; i < count; i++) {
		page = pdf_lookup_page_obj(ctx, doc, i);
		mark(ctx, m, page, RO_PAGE, i);
		node = pdf_dict_get(ctx, page, PDF_NAME(Parent));
		for (depth = 0; node != NULL && depth < 64; depth++) {
			if (mark(ctx, m, node, RO_PAGES, -1))
				deep(ctx, m, pdf_dict_get(ctx, node,
				    PDF_NAME(Resources)), RO_RESOURCE, -1);
			node = pdf_dict_get(ctx, node, PDF_NAME(Parent));
		}
		deep(ctx, m, pdf_dict_get(ctx, page, PDF_NAME(Contents)),
		    RO_CONTENT, i);
		deep(ctx, m, pdf_dict_get(ctx, page, PDF_NAME(Resources)),
		    RO_RESOURCE, i);
		mark(ctx, m, pdf_dict_get(ctx, page, PDF_NAME(Annots)),
		    RO_ANNOTS, i);
		n = pdf_dict_len(ctx, page);
		for (j = 0; j < n; j++) {
			k = pdf_dict_get_key(ctx, page, j);
			if (!pdf_name_eq(ctx, k, PDF_NAME(Annots)))
				deep(ctx, m, pdf_dict_get_val(ctx, page, j),
				    RO_PAGEPART, i);
		}
	}
}

static int
name_is(fz_context *ctx, pdf_obj *o, const char *name)
{
	return pdf_is_name(ctx, o) && strcmp(pdf_to_name(ctx, o), name) == 0;
}

/* Field NAME as the report names it: the number and date fields
   vanthu adds (vanthu/numfields.h) by their Decree 30/2020 labels, in
   quotes ("“Số, ký hiệu”"); any other by its name.  New string. */
static char *
field_label(const char *name)
{
	if (strcmp(name, VT_FIELD_NUMBER) == 0)
		return xasprintf(_("“%s”"), _("Number, notation"));
	if (strcmp(name, VT_FIELD_DATE) == 0)
		return xasprintf(_("“%s”"), _("Place, date of issue"));
	return xstrdup(name);
}

static int
add_field(struct vt_rolemap *m, const char *name, int is_sig)
{
	struct field	*f;

	if (m->nfields == m->capf) {
		m->capf = m->capf ? m->capf * 2 : 16;
		m->fields = xreallocarray(m->fields, (size_t)m->capf,
		    sizeof *m->fields);
	}
	f = &m->fields[m->nfields];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->label = field_label(name);
	f->is_sig = is_sig;
	return m->nfields++;
}

/* Map the field F (and its kids): FI is its parent's field when F is
   a widget without /T, else -1.  PNAME and PSIG come from the parent. */
static void
map_field(fz_context *ctx, struct vt_rolemap *m, pdf_obj *f, int fi,
    const char *pname, int psig, int depth)
{
	pdf_obj		*kids, *k, *v;
	const char	*t;
	char		*name;
	int		 i, n, is_sig = psig;

	if (depth > VT_FIELD_DEPTH_MAX || !pdf_is_dict(ctx, f) ||
	    (pdf_is_indirect(ctx, f) && pdf_to_num(ctx, f) > 0 &&
	    pdf_to_num(ctx, f) < m->n && m->role[pdf_to_num(ctx, f)] !=
	    RO_NONE))
		return;
	if (pdf_dict_get(ctx, f, PDF_NAME(FT)) != NULL)
		is_sig = pdf_name_eq(ctx, pdf_dict_get(ctx, f, PDF_NAME(FT)),
		    PDF_NAME(Sig));
	if (fi < 0 || pdf_dict_get(ctx, f, PDF_NAME(T)) != NULL) {
		t = pdf_dict_get_text_string(ctx, f, PDF_NAME(T));
		name = pname[0] != '\0' ? xasprintf("%s.%s", pname, t) :
		    xstrdup(t);
		fi = add_field(m, name, is_sig);
		free(name);
	}
	mark(ctx, m, f, RO_FIELD, fi);
	v = pdf_dict_get(ctx, f, PDF_NAME(V));
	if (v != NULL) {
		m->fields[fi].has_v = 1;
		if (is_sig && name_is(ctx, pdf_dict_get(ctx, v,
		    PDF_NAME(SubFilter)), "ETSI.RFC3161"))
			m->fields[fi].timestamp = 1;
		deep(ctx, m, v, is_sig ? RO_SIGV : RO_FIELD, fi);
	}
	deep(ctx, m, pdf_dict_get(ctx, f, PDF_NAME(AP)), RO_FIELD_AP, fi);
	kids = pdf_dict_get(ctx, f, PDF_NAME(Kids));
	mark(ctx, m, kids, RO_FIELD, fi);
	n = pdf_array_len(ctx, kids);
	for (i = 0; i < n; i++)
		map_field(ctx, m, pdf_array_get(ctx, kids, i), fi,
		    m->fields[fi].name, is_sig, depth + 1);
	n = pdf_dict_len(ctx, f);
	for (i = 0; i < n; i++) {
		k = pdf_dict_get_key(ctx, f, i);
		if (!pdf_name_eq(ctx, k, PDF_NAME(Kids)) &&
		    !pdf_name_eq(ctx, k, PDF_NAME(V)))
			deep(ctx, m, pdf_dict_get_val(ctx, f, i), RO_FIELD, fi);
	}
}

static void
map_form(fz_context *ctx, pdf_obj *form, struct vt_rolemap *m)
{
	pdf_obj	*fields = pdf_dict_get(ctx, form, PDF_NAME(Fields)), *k;
	int	 i, n;

	mark(ctx, m, form, RO_ACROFORM, -1);
	mark(ctx, m, fields, RO_FIELDS, -1);
	n = pdf_array_len(ctx, fields);
	for (i = 0; i < n && !m->overflow; i++)
		map_field(ctx, m, pdf_array_get(ctx, fields, i), -1, "", 0, 0);
	deep(ctx, m, pdf_dict_get(ctx, form, PDF_NAME(DR)), RO_FORM_DR, -1);
	n = pdf_dict_len(ctx, form);
	for (i = 0; i < n; i++) {
		k = pdf_dict_get_key(ctx, form, i);
		if (!pdf_name_eq(ctx, k, PDF_NAME(Fields)))
			deep(ctx, m, pdf_dict_get_val(ctx, form, i),
			    RO_ACROFORM, -1);
	}
}

static void
map_annots(fz_context *ctx, pdf_document *doc, struct vt_rolemap *m)
{
	pdf_obj	*annots, *a;
	int	 i, j, n, count = pdf_count_pages(ctx, doc);

	for (i = 0; i < count; i++) {
		annots = pdf_dict_get(ctx, pdf_lookup_page_obj(ctx, doc, i),
		    PDF_NAME(Annots));
		n = pdf_array_len(ctx, annots);
		for (j = 0; j < n; j++) {
			a = pdf_array_get(ctx, annots, j);
			if (pdf_is_indirect(ctx, a))
				deep(ctx, m, a, RO_ANNOT, i);
		}
	}
}

/* What every object of DOC is.  Throws on a damaged document. */
static struct vt_rolemap *
rolemap_new(fz_context *ctx, pdf_document *doc)
{
	struct vt_rolemap	*m = xcalloc(1, sizeof *m);
	pdf_obj			*trailer = pdf_trailer(ctx, doc);
	pdf_obj			*root = pdf_dict_get(ctx, trailer, PDF_NAME(Root));
	pdf_obj			*k;
	int			 i, n;

	m->n = pdf_xref_len(ctx, doc);
	m->role = xcalloc((size_t)m->n + 1, 1);
	m->aux = xcalloc((size_t)m->n + 1, sizeof *m->aux);
	m->budget = WALK_NODES_MAX;
	fz_try(ctx) {
		mark(ctx, m, root, RO_CATALOG, -1);
		map_pages(ctx, doc, m);
		map_form(ctx, pdf_dict_get(ctx, root, PDF_NAME(AcroForm)), m);
		map_annots(ctx, doc, m);
		deep(ctx, m, pdf_dict_gets(ctx, root, "DSS"), RO_DSS, -1);
		deep(ctx, m, pdf_dict_get(ctx, root, PDF_NAME(Metadata)),
		    RO_METADATA, -1);
		deep(ctx, m, pdf_dict_get(ctx, trailer, PDF_NAME(Info)),
		    RO_INFO, -1);
		n = pdf_dict_len(ctx, root);
		m->keys = xcalloc((size_t)n + 1, sizeof *m->keys);
		for (i = 0; i < n; i++) {
			k = pdf_dict_get_key(ctx, root, i);
			m->keys[m->nkeys] = xstrdup(pdf_to_name(ctx, k));
			deep(ctx, m, pdf_dict_get_val(ctx, root, i), RO_OTHER,
			    m->nkeys++);
		}
	}
	fz_catch(ctx) {
		rolemap_free(m);
		fz_rethrow(ctx);
	}
	return m;
}

/* ---- revisions ---------------------------------------------------- */

static pdf_document *
open_prefix(fz_context *ctx, const unsigned char *data, size_t len,
    const char *password)
{
	fz_stream	*stm = NULL;
	pdf_document	*doc = NULL;

	fz_var(stm);
	fz_var(doc);
	fz_try(ctx) {
		stm = fz_open_memory(ctx, data, len);
		doc = pdf_open_document_with_stream(ctx, stm);
		if (pdf_was_repaired(ctx, doc) || (pdf_needs_password(ctx,
		    doc) && (password == NULL ||
		    !pdf_authenticate_password(ctx, doc, password)))) {
			pdf_drop_document(ctx, doc);
			doc = NULL;
		}
	}
	fz_always(ctx)
		fz_drop_stream(ctx, stm);
	fz_catch(ctx) {
		pdf_drop_document(ctx, doc);
		doc = NULL;
	}
	return doc;
}

struct vt_revision *
vt_revisions_open(fz_context *ctx, const unsigned char *data, size_t size,
    const char *password, int *n)
{
	struct vt_revision	*revs = NULL;
	const unsigned char	*p = data, *hit;
	size_t			 off, end;
	int			 cap = 0, tries = 0;

	*n = 0;
	while (p < data + size && (hit = memmem(p, (size_t)(data + size - p),
	    "%%EOF", 5)) != NULL && tries++ < REVISIONS_MAX * 4 &&
	    *n < REVISIONS_MAX) {
		off = (size_t)(hit - data) + 5;
		end = off;
		if (end < size && data[end] == '\r')
			end++;
		if (end < size && data[end] == '\n')
			end++;
		p = data + end;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			revs = xreallocarray(revs, (size_t)cap, sizeof *revs);
		}
		memset(&revs[*n], 0, sizeof *revs);
		if ((revs[*n].doc = open_prefix(ctx, data, end,
		    password)) == NULL)
			continue;
		revs[*n].eof_end = (long long)off;
		revs[*n].end = (long long)end;
		(*n)++;
	}
	return revs;
}

void
vt_revisions_free(fz_context *ctx, struct vt_revision *revs, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		pdf_drop_document(ctx, revs[i].doc);
		rolemap_free(revs[i].roles);
	}
	free(revs);
}

/* ---- changes ------------------------------------------------------ */

void
vt_rev_change_add(struct vt_rev_changes *c, int revision,
    enum vt_change_class cls, const char *field, const char *what)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].revision == revision && c->v[i].cls == cls &&
		    strcmp(c->v[i].what, what) == 0)
			return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	c->v[c->n].revision = revision;
	c->v[c->n].cls = cls;
	c->v[c->n].what = xstrdup(what);
	c->v[c->n].field = field != NULL ? xstrdup(field) : NULL;
	c->v[c->n].new_field = 0;
	c->n++;
}

void
vt_rev_changes_free(struct vt_rev_changes *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].what);
		free(c->v[i].field);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* The state of one comparison of revision K with K - 1. */
struct diff {
	fz_context		*ctx;
	struct vt_revision	*prev, *next;
	struct vt_rolemap	*pm, *nm;
	int			 revision;	/* K + 1 */
	struct vt_rev_changes	*out;
};

static void
add(struct diff *d, enum vt_change_class cls, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add(struct diff *d, enum vt_change_class cls, const char *field,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	vt_rev_change_add(d->out, d->revision, cls, field, s);
	free(s);
}

/* Add the change WHAT (freed here) about the field FIELD that did not
   exist before: no FieldMDP lock applies to it. */
static void
add_new(struct diff *d, enum vt_change_class cls, const char *field,
    char *what)
{
	size_t	 i;

	vt_rev_change_add(d->out, d->revision, cls, field, what);
	for (i = 0; i < d->out->n; i++)
		if (d->out->v[i].revision == d->revision &&
		    d->out->v[i].cls == cls &&
		    strcmp(d->out->v[i].what, what) == 0)
			d->out->v[i].new_field = 1;
	free(what);
}

/* Equal as PDF objects: references by number, dictionaries in any key
   order. */
static int
obj_equal(fz_context *ctx, pdf_obj *a, pdf_obj *b, int depth)
{
	int	 i, n;

	if (depth > 64)
		return 0;
	if (pdf_is_indirect(ctx, a) || pdf_is_indirect(ctx, b))
		return pdf_is_indirect(ctx, a) && pdf_is_indirect(ctx, b) &&
		    pdf_to_num(ctx, a) == pdf_to_num(ctx, b) &&
		    pdf_to_gen(ctx, a) == pdf_to_gen(ctx, b);
	if (pdf_is_dict(ctx, a) && pdf_is_dict(ctx, b)) {
		if ((n = pdf_dict_len(ctx, a)) != pdf_dict_len(ctx, b))
			return 0;
		for (i = 0; i < n; i++)
			if (!obj_equal(ctx, pdf_dict_get_val(ctx, a, i),
			    pdf_dict_get(ctx, b, pdf_dict_get_key(ctx, a, i)),
			    depth + 1))
				return 0;
		return 1;
	}
	if (pdf_is_array(ctx, a) && pdf_is_array(ctx, b)) {
		if ((n = pdf_array_len(ctx, a)) != pdf_array_len(ctx, b))
			return 0;
		for (i = 0; i < n; i++)
			if (!obj_equal(ctx, pdf_array_get(ctx, a, i),
			    pdf_array_get(ctx, b, i), depth + 1))
				return 0;
		return 1;
	}
	if (pdf_is_dict(ctx, a) || pdf_is_dict(ctx, b) ||
	    pdf_is_array(ctx, a) || pdf_is_array(ctx, b))
		return 0;
	return pdf_objcmp(ctx, a, b) == 0;
}

static int
role_of(const struct vt_rolemap *m, pdf_obj *ctxobj, fz_context *ctx,
    int *aux)
{
	int	 num;

	if (!pdf_is_indirect(ctx, ctxobj))
		return RO_NONE;
	num = pdf_to_num(ctx, ctxobj);
	if (num <= 0 || num >= m->n)
		return RO_NONE;
	if (aux != NULL)
		*aux = m->aux[num];
	return m->role[num];
}

/* Whether the array A holds a reference to object NUM. */
static int
holds(fz_context *ctx, pdf_obj *a, int num)
{
	int	 i, n = pdf_array_len(ctx, a);

	for (i = 0; i < n; i++)
		if (pdf_to_num(ctx, pdf_array_get(ctx, a, i)) == num)
			return 1;
	return 0;
}

static void
fields_diff(struct diff *d, pdf_obj *ap, pdf_obj *an)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*e;
	int		 i, n, aux = -1;
	struct field	*f;

	n = pdf_array_len(ctx, ap);
	for (i = 0; i < n; i++) {
		e = pdf_array_get(ctx, ap, i);
		if (pdf_is_indirect(ctx, e) && !holds(ctx, an,
		    pdf_to_num(ctx, e)))
			add(d, VT_CHANGE_MODIFICATION, NULL, _("form field %s "
			    "was removed"), role_of(d->pm, e, ctx, &aux) ==
			    RO_FIELD ? d->pm->fields[aux].label : "?");
	}
	n = pdf_array_len(ctx, an);
	for (i = 0; i < n; i++) {
		e = pdf_array_get(ctx, an, i);
		if (pdf_is_indirect(ctx, e) && holds(ctx, ap, pdf_to_num(ctx,
		    e)))
			continue;
		if (role_of(d->pm, e, ctx, NULL) != RO_NONE ||
		    role_of(d->nm, e, ctx, &aux) != RO_FIELD) {
			add(d, VT_CHANGE_MODIFICATION, NULL, _("an object the "
			    "signed version used elsewhere was added to the "
			    "form"));
			continue;
		}
		f = &d->nm->fields[aux];
		if (f->is_sig && f->timestamp)
			add_new(d, VT_CHANGE_TIMESTAMP, f->name, xasprintf(
			    _("a document timestamp was added (field %s)"),
			    f->label));
		else if (f->is_sig)
			add_new(d, VT_CHANGE_SIGNATURE, f->name, xasprintf(
			    _("signature field %s was added"), f->label));
		else
			add_new(d, VT_CHANGE_MODIFICATION, f->name, xasprintf(
			    _("a new form field %s was added"), f->label));
	}
}

static void
annots_diff(struct diff *d, int page, pdf_obj *ap, pdf_obj *an)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*e;
	int		 i, n, aux = -1, role;

	n = pdf_array_len(ctx, ap);
	for (i = 0; i < n; i++) {
		e = pdf_array_get(ctx, ap, i);
		if (!pdf_is_indirect(ctx, e) || holds(ctx, an,
		    pdf_to_num(ctx, e)))
			continue;
		if (role_of(d->pm, e, ctx, &aux) == RO_FIELD)
			add(d, VT_CHANGE_MODIFICATION, d->pm->fields[aux].name,
			    _("form field %s was removed from page %d"),
			    d->pm->fields[aux].label, page + 1);
		else
			add(d, VT_CHANGE_ANNOTATION, NULL, _("an annotation was "
			    "removed from page %d"), page + 1);
	}
	n = pdf_array_len(ctx, an);
	for (i = 0; i < n; i++) {
		e = pdf_array_get(ctx, an, i);
		if (pdf_is_indirect(ctx, e) && holds(ctx, ap, pdf_to_num(ctx,
		    e)))
			continue;
		role = role_of(d->pm, e, ctx, NULL);
		if (role == RO_ANNOT) {
			add(d, VT_CHANGE_ANNOTATION, NULL, _("an annotation was "
			    "moved to page %d"), page + 1);
			continue;
		}
		if (role != RO_NONE || !pdf_is_indirect(ctx, e)) {
			add(d, VT_CHANGE_MODIFICATION, NULL, _("an object the "
			    "signed version used elsewhere was placed on page "
			    "%d"), page + 1);
			continue;
		}
		if (role_of(d->nm, e, ctx, &aux) == RO_FIELD) {
			if (!d->nm->fields[aux].is_sig)
				add(d, VT_CHANGE_MODIFICATION,
				    d->nm->fields[aux].name, _("a new form "
				    "field %s was placed on page %d"),
				    d->nm->fields[aux].label, page + 1);
			/* A signature widget: its field is reported. */
			continue;
		}
		add(d, VT_CHANGE_ANNOTATION, NULL, _("an annotation (%s) was "
		    "added on page %d"), pdf_to_name(ctx, pdf_dict_get(ctx, e,
		    PDF_NAME(Subtype))), page + 1);
	}
}

/* The entries of dictionary A or B that differ, one at a time: returns
   the next differing key at index >= *I over the union, or NULL. */
static pdf_obj *
next_diff_key(fz_context *ctx, pdf_obj *a, pdf_obj *b, int *i)
{
	int	 na = pdf_dict_len(ctx, a), nb = pdf_dict_len(ctx, b);
	pdf_obj	*k;

	for (; *i < na + nb; (*i)++) {
		if (*i < na) {
			k = pdf_dict_get_key(ctx, a, *i);
			if (!obj_equal(ctx, pdf_dict_get_val(ctx, a, *i),
			    pdf_dict_get(ctx, b, k), 0)) {
				(*i)++;
				return k;
			}
		} else {
			k = pdf_dict_get_key(ctx, b, *i - na);
			if (pdf_dict_get(ctx, a, k) == NULL) {
				(*i)++;
				return k;
			}
		}
	}
	return NULL;
}

static void
form_diff(struct diff *d, pdf_obj *fp, pdf_obj *fn)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*k;
	int		 i = 0;

	while ((k = next_diff_key(ctx, fp, fn, &i)) != NULL) {
		if (pdf_name_eq(ctx, k, PDF_NAME(Fields)))
			fields_diff(d, pdf_dict_get(ctx, fp, k),
			    pdf_dict_get(ctx, fn, k));
		else if (pdf_name_eq(ctx, k, PDF_NAME(SigFlags)))
			continue;	/* inert: "signatures exist" */
		else if (pdf_name_eq(ctx, k, PDF_NAME(DR)) ||
		    pdf_name_eq(ctx, k, PDF_NAME(DA)) ||
		    name_is(ctx, k, "NeedAppearances"))
			add(d, VT_CHANGE_FORM_FILL, NULL, _("the form's default "
			    "fonts and appearance were changed"));
		else
			add(d, VT_CHANGE_MODIFICATION, NULL, _("the form was "
			    "changed (/%s)"), pdf_to_name(ctx, k));
	}
}

static void
catalog_diff(struct diff *d, pdf_obj *cp, pdf_obj *cn)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*k;
	int		 i = 0;

	while ((k = next_diff_key(ctx, cp, cn, &i)) != NULL) {
		if (pdf_name_eq(ctx, k, PDF_NAME(AcroForm)))
			form_diff(d, pdf_dict_get(ctx, cp, k),
			    pdf_dict_get(ctx, cn, k));
		else if (name_is(ctx, k, "DSS") ||
		    name_is(ctx, k, "Extensions"))
			add(d, VT_CHANGE_DSS, NULL, _("validation data (DSS) "
			    "was added or updated"));
		else if (pdf_name_eq(ctx, k, PDF_NAME(Metadata)) ||
		    pdf_name_eq(ctx, k, PDF_NAME(Version)))
			add(d, VT_CHANGE_METADATA, NULL, _("the document "
			    "information (title, author, dates) was updated"));
		else if (pdf_name_eq(ctx, k, PDF_NAME(Pages)))
			add(d, VT_CHANGE_MODIFICATION, NULL, _("the pages were "
			    "replaced"));
		else
			add(d, VT_CHANGE_MODIFICATION, NULL, _("the document "
			    "catalog entry /%s was changed"), pdf_to_name(ctx,
			    k));
	}
}

static void
page_diff(struct diff *d, int page, pdf_obj *pp, pdf_obj *pn)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*k;
	int		 i = 0;

	while ((k = next_diff_key(ctx, pp, pn, &i)) != NULL) {
		if (pdf_name_eq(ctx, k, PDF_NAME(Annots)))
			annots_diff(d, page, pdf_dict_get(ctx, pp, k),
			    pdf_dict_get(ctx, pn, k));
		else if (pdf_name_eq(ctx, k, PDF_NAME(Contents)))
			add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d content "
			    "was replaced"), page + 1);
		else if (pdf_name_eq(ctx, k, PDF_NAME(Resources)))
			add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d "
			    "resources (fonts, images) were replaced"),
			    page + 1);
		else
			add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d was "
			    "changed (/%s)"), page + 1, pdf_to_name(ctx, k));
	}
}

/* A field or widget dictionary changed: only its value and appearance
   may (V, AP, AS, MK; and /Lock when a signature field is signed). */
static void
field_diff(struct diff *d, const struct field *f, pdf_obj *op, pdf_obj *on)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*k;
	int		 i = 0;

	if (f->is_sig && f->has_v) {
		add(d, VT_CHANGE_MODIFICATION, f->name, _("signature field %s, "
		    "already signed, was changed"), f->label);
		return;
	}
	while (pdf_is_dict(ctx, op) && pdf_is_dict(ctx, on) &&
	    (k = next_diff_key(ctx, op, on, &i)) != NULL)
		if (!pdf_name_eq(ctx, k, PDF_NAME(V)) &&
		    !pdf_name_eq(ctx, k, PDF_NAME(AP)) &&
		    !pdf_name_eq(ctx, k, PDF_NAME(AS)) &&
		    !pdf_name_eq(ctx, k, PDF_NAME(MK)) &&
		    !(f->is_sig && pdf_name_eq(ctx, k, PDF_NAME(Lock)))) {
			add(d, VT_CHANGE_MODIFICATION, f->name, _("form field "
			    "%s was changed (/%s)"), f->label, pdf_to_name(ctx,
			    k));
			return;
		}
	if (f->is_sig && name_is(ctx, pdf_dict_getp(ctx, on, "V/SubFilter"),
	    "ETSI.RFC3161"))
		add(d, VT_CHANGE_TIMESTAMP, f->name, _("a document timestamp "
		    "was placed in field %s"), f->label);
	else if (f->is_sig)
		add(d, VT_CHANGE_SIGNATURE, f->name, _("the empty signature "
		    "field %s was signed"), f->label);
	else
		add(d, VT_CHANGE_FORM_FILL, f->name, _("form field %s was "
		    "filled in"), f->label);
}

/* Object NUM differs between the revisions: judge it by its role in
   the earlier one. */
static void
changed(struct diff *d, int num, pdf_obj *op, pdf_obj *on)
{
	fz_context	*ctx = d->ctx;
	int		 aux = d->pm->aux[num];
	const struct field *f = aux >= 0 && aux < d->pm->nfields ?
			    &d->pm->fields[aux] : NULL;
	int		 role = d->pm->role[num];

	if (f == NULL && (role == RO_FIELD || role == RO_FIELD_AP ||
	    role == RO_SIGV)) {
		add(d, VT_CHANGE_MODIFICATION, NULL, _("form field %s was "
		    "changed (/%s)"), "?", "?");
		return;
	}
	switch (role) {
	case RO_NONE:
		break;	/* unused before: judged where it is referenced */
	case RO_CATALOG:
		catalog_diff(d, op, on);
		break;
	case RO_ACROFORM:
		if (pdf_is_dict(ctx, op) && pdf_is_dict(ctx, on))
			form_diff(d, op, on);
		else
			add(d, VT_CHANGE_MODIFICATION, NULL, _("the form was "
			    "changed"));
		break;
	case RO_FIELDS:
		fields_diff(d, op, on);
		break;
	case RO_PAGES:
		add(d, VT_CHANGE_MODIFICATION, NULL, _("the page tree was "
		    "changed (pages added, removed or moved)"));
		break;
	case RO_PAGE:
		page_diff(d, aux, op, on);
		break;
	case RO_CONTENT:
		add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d content was "
		    "replaced"), aux + 1);
		break;
	case RO_RESOURCE:
		if (aux >= 0)
			add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d "
			    "resources (fonts, images) were changed"), aux + 1);
		else
			add(d, VT_CHANGE_MODIFICATION, NULL, _("resources "
			    "shared by the pages were changed"));
		break;
	case RO_PAGEPART:
		add(d, VT_CHANGE_MODIFICATION, NULL, _("page %d was changed"),
		    aux + 1);
		break;
	case RO_FORM_DR:
		add(d, VT_CHANGE_FORM_FILL, NULL, _("the form's default fonts "
		    "and appearance were changed"));
		break;
	case RO_FIELD:
		field_diff(d, f, op, on);
		break;
	case RO_FIELD_AP:
		if (f->is_sig && f->has_v)
			add(d, VT_CHANGE_MODIFICATION, f->name, _("the "
			    "appearance of signature field %s was replaced"),
			    f->label);
		else if (f->is_sig)
			add(d, VT_CHANGE_SIGNATURE, f->name, _("the empty "
			    "signature field %s was signed"), f->label);
		else
			add(d, VT_CHANGE_FORM_FILL, f->name, _("form field %s "
			    "was filled in"), f->label);
		break;
	case RO_SIGV:
		add(d, VT_CHANGE_MODIFICATION, f->name, _("the signature in "
		    "field %s was changed"), f->label);
		break;
	case RO_ANNOTS:
		annots_diff(d, aux, op, on);
		break;
	case RO_ANNOT:
		add(d, VT_CHANGE_ANNOTATION, NULL, _("an annotation on page %d "
		    "was changed"), aux + 1);
		break;
	case RO_DSS:
		add(d, VT_CHANGE_DSS, NULL, _("validation data (DSS) was added "
		    "or updated"));
		break;
	case RO_INFO:
	case RO_METADATA:
		add(d, VT_CHANGE_METADATA, NULL, _("the document information "
		    "(title, author, dates) was updated"));
		break;
	default:
		add(d, VT_CHANGE_MODIFICATION, NULL, _("an object under the "
		    "document catalog entry /%s was changed"),
		    aux >= 0 && aux < d->pm->nkeys ? d->pm->keys[aux] : "?");
	}
}

static void
deleted(struct diff *d, int num)
{
	switch (d->pm->role[num]) {
	case RO_NONE:
		break;
	case RO_ANNOT:
		add(d, VT_CHANGE_ANNOTATION, NULL, _("an annotation was "
		    "removed from page %d"), d->pm->aux[num] + 1);
		break;
	case RO_DSS:
		add(d, VT_CHANGE_DSS, NULL, _("validation data (DSS) was added "
		    "or updated"));
		break;
	default:
		add(d, VT_CHANGE_MODIFICATION, NULL, _("object %d, which the "
		    "signed version used, was deleted"), num);
	}
}

static int
in_use(const pdf_xref_entry *e)
{
	return e != NULL && (e->type == 'n' || e->type == 'o');
}

/* The entries point at the same bytes, so the object is the same. */
static int
same_entry(fz_context *ctx, pdf_document *a, pdf_document *b, int num,
    int depth)
{
	pdf_xref_entry	*x = pdf_get_xref_entry(ctx, a, num);
	pdf_xref_entry	*y = pdf_get_xref_entry(ctx, b, num);

	if (!in_use(x) || !in_use(y) || x->type != y->type ||
	    x->ofs != y->ofs || x->gen != y->gen)
		return 0;
	if (x->type == 'o')
		return depth == 0 && x->ofs > 0 && x->ofs < INT32_MAX &&
		    same_entry(ctx, a, b, (int)x->ofs, 1);
	return 1;
}

static int
same_stream(fz_context *ctx, struct diff *d, int num)
{
	fz_buffer	*a = NULL, *b = NULL;
	unsigned char	*pa, *pb;
	size_t		 na, nb;
	int		 same = 0;

	fz_var(a);
	fz_var(b);
	fz_var(same);
	fz_try(ctx) {
		a = pdf_load_raw_stream_number(ctx, d->prev->doc, num);
		b = pdf_load_raw_stream_number(ctx, d->next->doc, num);
		na = fz_buffer_storage(ctx, a, &pa);
		nb = fz_buffer_storage(ctx, b, &pb);
		same = na == nb && memcmp(pa, pb, na) == 0;
	}
	fz_always(ctx) {
		fz_drop_buffer(ctx, a);
		fz_drop_buffer(ctx, b);
	}
	fz_catch(ctx)
		same = 0;
	return same;
}

static void
compare_objects(struct diff *d)
{
	fz_context	*ctx = d->ctx;
	pdf_document	*p = d->prev->doc, *n = d->next->doc;
	int		 num, np = pdf_xref_len(ctx, p), nn = pdf_xref_len(ctx, n);
	pdf_obj		*op = NULL, *on = NULL;
	int		 sp, sn;

	fz_var(op);
	fz_var(on);
	for (num = 1; num < np || num < nn; num++) {
		int	 inp = num < np && in_use(pdf_get_xref_entry(ctx, p, num));
		int	 inn = num < nn && in_use(pdf_get_xref_entry(ctx, n, num));

		if (!inp || num >= d->pm->n || d->pm->role[num] == RO_NONE)
			continue;
		if (!inn) {
			deleted(d, num);
			continue;
		}
		if (same_entry(ctx, p, n, num, 0))
			continue;
		/* Both dropped when either load (or the comparison) throws:
		   a broken object in the later revision leaked the other. */
		fz_try(ctx) {
			op = pdf_load_object(ctx, p, num);
			on = pdf_load_object(ctx, n, num);
			sp = pdf_is_stream(ctx, op);
			sn = pdf_is_stream(ctx, on);
			if (!obj_equal(ctx, op, on, 0) || sp != sn ||
			    (sp && !same_stream(ctx, d, num)))
				changed(d, num, op, on);
		}
		fz_always(ctx) {
			pdf_drop_obj(ctx, op);
			pdf_drop_obj(ctx, on);
			op = on = NULL;
		}
		fz_catch(ctx)
			fz_rethrow(ctx);
	}
}

static void
trailer_diff(struct diff *d)
{
	fz_context	*ctx = d->ctx;
	pdf_obj		*tp = pdf_trailer(ctx, d->prev->doc);
	pdf_obj		*tn = pdf_trailer(ctx, d->next->doc);

	if (pdf_to_num(ctx, pdf_dict_get(ctx, tp, PDF_NAME(Root))) !=
	    pdf_to_num(ctx, pdf_dict_get(ctx, tn, PDF_NAME(Root))))
		add(d, VT_CHANGE_MODIFICATION, NULL, _("the document catalog "
		    "was replaced by another object"));
	if (!obj_equal(ctx, pdf_dict_get(ctx, tp, PDF_NAME(Encrypt)),
	    pdf_dict_get(ctx, tn, PDF_NAME(Encrypt)), 0))
		add(d, VT_CHANGE_MODIFICATION, NULL, _("the encryption of the "
		    "document was changed"));
	if (!obj_equal(ctx, pdf_dict_get(ctx, tp, PDF_NAME(Info)),
	    pdf_dict_get(ctx, tn, PDF_NAME(Info)), 0))
		add(d, VT_CHANGE_METADATA, NULL, _("the document information "
		    "(title, author, dates) was updated"));
}

static struct vt_rolemap *
roles(fz_context *ctx, struct vt_revision *r)
{
	if (r->roles == NULL)
		r->roles = rolemap_new(ctx, r->doc);
	return r->roles;
}

void
vt_revision_diff(fz_context *ctx, struct vt_revision *revs, int k,
    struct vt_rev_changes *out)
{
	struct diff	 d = { ctx, &revs[k - 1], &revs[k], NULL, NULL, k + 1,
			    out };

	fz_try(ctx) {
		d.pm = roles(ctx, d.prev);
		d.nm = roles(ctx, d.next);
		if (d.pm->overflow || d.nm->overflow)
			fz_throw(ctx, FZ_ERROR_GENERIC, "too complex");
		trailer_diff(&d);
		compare_objects(&d);
		if (pdf_was_repaired(ctx, d.prev->doc) ||
		    pdf_was_repaired(ctx, d.next->doc))
			fz_throw(ctx, FZ_ERROR_GENERIC, "repaired");
	}
	fz_catch(ctx)
		vt_rev_change_add(out, k + 1, VT_CHANGE_MODIFICATION, NULL,
		    _("this update is damaged or too complex to compare: "
		    "treated as a modification"));
}
