/*
 * vanthu: verify the signatures inside a PDF.  The file is read once
 * into memory; MuPDF finds every signature dictionary (in the form
 * field tree and among all objects of every revision); the signed bytes
 * and the /Contents string are taken from the file by /ByteRange, so
 * what is checked is exactly what a reader of the file gets.  Each
 * signature is then judged by what the later revisions changed
 * (lib/verify-rev.c) against its DocMDP and FieldMDP permissions
 * (ISO 32000-1 12.8.2.2 and 12.8.2.4).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/pdf-context.h"
#include "vanthu/sign-fields.h"
#include "verify-impl.h"
#include "vanthu/xmalloc.h"

/* The largest PDF vt_verify_pdf reads (it holds the file in memory). */
#define VERIFY_FILE_MAX	((size_t)512 << 20)

int
vt_verify_format_pdf_date(const char *s, char *out, size_t len)
{
	int	 f[6] = { 0, 1, 1, 0, 0, 0 }, widths[6] = { 4, 2, 2, 2, 2, 2 };
	int	 i, k, oh = 0, om = 0;
	char	 sign = 'Z';

	out[0] = '\0';
	if (strncmp(s, "D:", 2) == 0)
		s += 2;
	for (i = 0; i < 6; i++) {
		if (s[0] < '0' || s[0] > '9') {
			if (i == 0)
				return -1;
			break;
		}
		f[i] = 0;
		for (k = 0; k < widths[i]; k++, s++) {
			if (*s < '0' || *s > '9')
				return -1;
			f[i] = f[i] * 10 + (*s - '0');
		}
	}
	if (*s == '+' || *s == '-') {
		sign = *s++;
		if (sscanf(s, "%2d'%2d", &oh, &om) < 1)
			return -1;
	}
	if (sign == 'Z')
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", f[0], f[1],
		    f[2], f[3], f[4], f[5]);
	else
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    f[0], f[1], f[2], f[3], f[4], f[5], sign, oh, om);
	return 0;
}

/* A signature dictionary found in the file. */
struct found {
	pdf_obj	*v;		/* kept */
	int	 num;		/* its object number, 0 when direct */
	char	*field;		/* the field's full name, or "" */
	pdf_obj	*lock;		/* the field's /Lock, kept, or NULL */
};

struct collect {
	struct found	*v;
	size_t		 n, cap;
};

static void
found_add(fz_context *ctx, struct collect *c, pdf_obj *v, const char *field,
    pdf_obj *lock)
{
	struct found	*f;
	size_t		 i;
	int		 num = pdf_is_indirect(ctx, v) ? pdf_to_num(ctx, v) : 0;

	for (i = 0; i < c->n; i++)
		if ((num != 0 && c->v[i].num == num && pdf_objcmp_deep(ctx,
		    pdf_dict_get(ctx, c->v[i].v, PDF_NAME(ByteRange)),
		    pdf_dict_get(ctx, v, PDF_NAME(ByteRange))) == 0) ||
		    c->v[i].v == v)
			return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	f = &c->v[c->n++];
	f->v = pdf_keep_obj(ctx, pdf_resolve_indirect(ctx, v));
	f->num = num;
	f->field = xstrdup(field);
	f->lock = lock != NULL ? pdf_keep_obj(ctx, lock) : NULL;
}

/* vt_pdf_sig_fields' callback: a signature field with a value. */
static void
add_field(fz_context *ctx, pdf_obj *f, void *arg)
{
	pdf_obj	*v = pdf_dict_get(ctx, f, PDF_NAME(V));
	char	*name;

	if (v == NULL)
		return;
	name = pdf_field_name(ctx, f);
	fz_try(ctx)
		found_add(ctx, arg, v, name, pdf_dict_get(ctx, f,
		    PDF_NAME(Lock)));
	fz_always(ctx)
		fz_free(ctx, name);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

static int
name_is(fz_context *ctx, pdf_obj *o, const char *name)
{
	return pdf_is_name(ctx, o) && strcmp(pdf_to_name(ctx, o), name) == 0;
}

/* Any object of DOC that looks like a signature dictionary and was not
   found through the fields: every one is listed. */
static void
scan_objects(fz_context *ctx, pdf_document *doc, struct collect *c)
{
	int	 num, n = pdf_xref_len(ctx, doc);
	pdf_obj	*o, *type, *ref;

	fz_var(o);
	fz_var(ref);
	for (num = 1; num < n; num++) {
		o = ref = NULL;
		fz_try(ctx) {
			o = pdf_load_object(ctx, doc, num);
			type = pdf_dict_get(ctx, o, PDF_NAME(Type));
			if (pdf_is_dict(ctx, o) && (name_is(ctx, type, "Sig") ||
			    name_is(ctx, type, "DocTimeStamp") ||
			    pdf_dict_get(ctx, o, PDF_NAME(ByteRange)) != NULL)) {
				ref = pdf_new_indirect(ctx, doc, num, 0);
				found_add(ctx, c, ref, "", NULL);
			}
		}
		fz_always(ctx) {
			pdf_drop_obj(ctx, ref);
			pdf_drop_obj(ctx, o);
		}
		fz_catch(ctx)
			continue;
	}
}

static void
found_free(fz_context *ctx, struct collect *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		pdf_drop_obj(ctx, c->v[i].v);
		pdf_drop_obj(ctx, c->v[i].lock);
		free(c->v[i].field);
	}
	free(c->v);
}

/* ---- one signature ------------------------------------------------- */

/* The analysis of one file. */
struct job {
	fz_context		*ctx;
	const unsigned char	*data;
	size_t			 size;
	struct vt_revision	*revs;
	int			 nrev;
	X509_STORE		*store;
	struct vt_rev_changes	 changes;	/* of every revision */
	pdf_document		*doc;		/* the whole file */
	struct vt_vdata		 dss;		/* its DSS */
	int			 offline;	/* no OCSP/CRL requests */
};

static void
anomaly(struct vt_sig_report *r, char *msg)
{
	if (r->anomaly == NULL)
		r->anomaly = msg;
	else
		free(msg);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Whether the file's bytes [A, B) are exactly "<hex of S>". */
static int
gap_is_contents(const struct job *j, long long a, long long b,
    const unsigned char *s, size_t n)
{
	const unsigned char	*p = j->data + a;
	size_t			 i;
	int			 hi, lo;

	if (a < 0 || b > (long long)j->size || b - a != (long long)(2 * n + 2) ||
	    p[0] != '<' || p[b - a - 1] != '>')
		return 0;
	for (i = 0; i < n; i++) {
		if ((hi = hexval(p[1 + 2 * i])) < 0 ||
		    (lo = hexval(p[2 + 2 * i])) < 0 ||
		    (unsigned char)(hi << 4 | lo) != s[i])
			return 0;
	}
	return 1;
}

/* Read the /ByteRange of V into R and DATA; every anomaly is named. */
static void
byte_range(const struct job *j, pdf_obj *v, struct vt_sig_report *r,
    struct vt_ranges *data)
{
	fz_context	*ctx = j->ctx;
	pdf_obj		*br = pdf_dict_get(ctx, v, PDF_NAME(ByteRange));
	pdf_obj		*contents = pdf_dict_get(ctx, v, PDF_NAME(Contents));
	long long	 x[2 * VT_RANGES_MAX], last = 0;
	int		 i, n, k;

	memset(data, 0, sizeof *data);
	if (!pdf_is_array(ctx, br)) {
		r->byte_range_len = -1;
		anomaly(r, xstrdup(_("the signature has no /ByteRange")));
		return;
	}
	n = r->byte_range_len = pdf_array_len(ctx, br);
	for (i = 0; i < n && i < 2 * VT_RANGES_MAX; i++) {
		pdf_obj *e = pdf_array_get(ctx, br, i);

		x[i] = pdf_to_int64(ctx, e);
		if (!pdf_is_int(ctx, e) || x[i] < 0)
			anomaly(r, xstrdup(_("the /ByteRange holds something "
			    "other than whole numbers")));
		if (i < 4)
			r->byte_range[i] = x[i];
	}
	if (n != 4)
		anomaly(r, xasprintf(_("the /ByteRange has %d numbers instead "
		    "of 4"), n));
	if (n < 2 || n % 2 != 0 || n > 2 * VT_RANGES_MAX) {
		if (n % 2 != 0 || n > 2 * VT_RANGES_MAX)
			return;
	}
	for (k = 0; k + 1 < n && k < 2 * VT_RANGES_MAX; k += 2) {
		if (k > 0 && x[k] < last)
			anomaly(r, xstrdup(_("the signed ranges of the "
			    "/ByteRange overlap or go backwards")));
		if (x[k] > (long long)j->size || x[k + 1] > (long long)j->size -
		    x[k]) {
			anomaly(r, xasprintf(_("the /ByteRange reaches past the "
			    "end of the file (%lld bytes)"), (long long)j->size));
			return;
		}
		data->p[data->count] = j->data + x[k];
		data->n[data->count++] = (size_t)x[k + 1];
		last = x[k] + x[k + 1];
	}
	r->end = last;
	if (n >= 2 && x[0] != 0)
		anomaly(r, xstrdup(_("the signed bytes do not start at the "
		    "beginning of the file")));
	if (!pdf_is_string(ctx, contents))
		anomaly(r, xstrdup(_("the signature has no /Contents")));
	else if (n < 4 || !gap_is_contents(j, x[1], x[2],
	    (const unsigned char *)pdf_to_str_buf(ctx, contents),
	    pdf_to_str_len(ctx, contents)))
		anomaly(r, xstrdup(_("the bytes left out of the /ByteRange "
		    "are not exactly the /Contents string")));
}

/* ---- permissions --------------------------------------------------- */

/* The fields a FieldMDP transform or a field's /Lock locks. */
struct locks {
	pdf_obj	*v[8];
	int	 n;
};

static int
name_in(fz_context *ctx, pdf_obj *names, const char *field)
{
	int	 i, n = pdf_array_len(ctx, names);
	size_t	 len;

	for (i = 0; i < n; i++) {
		const char *s = pdf_to_text_string(ctx, pdf_array_get(ctx,
		    names, i));

		len = strlen(s);
		if (strcmp(s, field) == 0 || (strncmp(s, field, len) == 0 &&
		    field[len] == '.'))
			return 1;
	}
	return 0;
}

static int
locked(fz_context *ctx, const struct locks *l, const char *field)
{
	pdf_obj	*action, *fields;
	int	 i;

	for (i = 0; field != NULL && i < l->n; i++) {
		action = pdf_dict_get(ctx, l->v[i], PDF_NAME(Action));
		fields = pdf_dict_get(ctx, l->v[i], PDF_NAME(Fields));
		if (pdf_name_eq(ctx, action, PDF_NAME(All)) ||
		    (pdf_name_eq(ctx, action, PDF_NAME(Include)) &&
		    name_in(ctx, fields, field)) ||
		    (pdf_name_eq(ctx, action, PDF_NAME(Exclude)) &&
		    !name_in(ctx, fields, field)))
			return 1;
	}
	return 0;
}

/* The DocMDP permission (1-3, 0: none) and the FieldMDP locks of the
   signature V (its /Reference) and of its field (/Lock). */
static int
permissions(fz_context *ctx, const struct found *f, struct locks *l)
{
	pdf_obj	*refs = pdf_dict_get(ctx, f->v, PDF_NAME(Reference)), *ref;
	pdf_obj	*method, *params;
	int	 i, n = pdf_array_len(ctx, refs), p = 0;

	l->n = 0;
	if (f->lock != NULL && pdf_is_dict(ctx, f->lock))
		l->v[l->n++] = f->lock;
	for (i = 0; i < n; i++) {
		ref = pdf_array_get(ctx, refs, i);
		method = pdf_dict_get(ctx, ref, PDF_NAME(TransformMethod));
		params = pdf_dict_get(ctx, ref, PDF_NAME(TransformParams));
		if (pdf_name_eq(ctx, method, PDF_NAME(DocMDP))) {
			p = pdf_dict_get_int(ctx, params, PDF_NAME(P));
			if (p < 1 || p > 3)
				p = 2;
		} else if (pdf_name_eq(ctx, method, PDF_NAME(FieldMDP)) &&
		    pdf_is_dict(ctx, params) && l->n < 8)
			l->v[l->n++] = params;
	}
	return p;
}

static int
allowed(fz_context *ctx, const struct vt_rev_change *c, int docmdp,
    const struct locks *l)
{
	switch (c->cls) {
	case VT_CHANGE_DSS:
	case VT_CHANGE_TIMESTAMP:
		return 1;
	case VT_CHANGE_METADATA:
		return docmdp != 1;
	case VT_CHANGE_SIGNATURE:
	case VT_CHANGE_FORM_FILL:
		return docmdp != 1 && (c->new_field ||
		    !locked(ctx, l, c->field));
	case VT_CHANGE_ANNOTATION:
		return docmdp == 0 || docmdp == 3;
	default:
		return 0;
	}
}

/* Which revision R ends at (1-based), and the changes after it. */
static void
judge_changes(struct job *j, const struct found *f, struct vt_sig_report *r)
{
	fz_context	*ctx = j->ctx;
	struct locks	 l;
	size_t		 i;
	int		 k;

	for (k = 0; k < j->nrev; k++)
		if (r->end >= j->revs[k].eof_end && r->end <= j->revs[k].end)
			r->revision = k + 1;
	if (r->revision == 0 && r->byte_range_len >= 2)
		anomaly(r, xstrdup(_("the signed bytes do not end where a "
		    "revision of the document ends")));
	r->docmdp = permissions(ctx, f, &l);
	r->later_covered = r->revision > 0;
	r->changes = xcalloc(j->changes.n + 1, sizeof *r->changes);
	for (i = 0; r->revision > 0 && i < j->changes.n; i++) {
		const struct vt_rev_change *c = &j->changes.v[i];
		struct vt_sig_change *sc;

		if (c->revision <= r->revision)
			continue;
		sc = &r->changes[r->n_changes++];
		sc->revision = c->revision;
		sc->cls = c->cls;
		sc->what = xstrdup(c->what);
		sc->field = c->field != NULL ? xstrdup(c->field) : NULL;
		sc->allowed = allowed(ctx, c, r->docmdp, &l);
		if (!sc->allowed)
			r->later_covered = 0;
	}
}

static void
empty_cert(struct vt_cert_info *ci)
{
	ci->subject = xstrdup("");
	ci->common_name = xstrdup("");
	ci->uid = xstrdup("");
	ci->organization = xstrdup("");
	ci->issuer = xstrdup("");
	ci->serial = xstrdup("");
	ci->not_before = xstrdup("");
	ci->not_after = xstrdup("");
	ci->key_usage = xstrdup("");
}

static void
check_one(struct job *j, const struct found *f, struct vt_sig_report *r)
{
	fz_context	*ctx = j->ctx;
	pdf_obj		*v = f->v, *contents;
	struct vt_ranges data;
	const char	*sub;

	memset(r, 0, sizeof *r);
	empty_cert(&r->signer);
	r->field = xstrdup(f->field);
	sub = pdf_to_name(ctx, pdf_dict_get(ctx, v, PDF_NAME(SubFilter)));
	r->subfilter = xstrdup(sub);
	r->kind = strcmp(sub, "ETSI.RFC3161") == 0 || name_is(ctx,
	    pdf_dict_get(ctx, v, PDF_NAME(Type)), "DocTimeStamp") ?
	    VT_SIG_TIMESTAMP : VT_SIG_SIGNATURE;
	r->signing_time = xmalloc(40);
	vt_verify_format_pdf_date(pdf_dict_get_text_string(ctx, v,
	    PDF_NAME(M)), r->signing_time, 40);
	r->timestamp = xstrdup("");
	r->algorithm = xstrdup("");
	r->digest = xstrdup("");
	r->hash_allowed = 1;
	byte_range(j, v, r, &data);
	judge_changes(j, f, r);
	r->bytes_after = (long long)j->size - r->end;
	contents = pdf_dict_get(ctx, v, PDF_NAME(Contents));
	if (r->kind == VT_SIG_SIGNATURE && strcmp(sub, "ETSI.CAdES.detached")
	    != 0 && strcmp(sub, "adbe.pkcs7.detached") != 0)
		r->integrity_error = xasprintf(_("the signature format %s is "
		    "not accepted (only ETSI.CAdES.detached, "
		    "adbe.pkcs7.detached and ETSI.RFC3161)"), sub[0] != '\0' ?
		    sub : "?");
	else if (data.count > 0 && pdf_is_string(ctx, contents))
	{
		vt_verify_cms((const unsigned char *)pdf_to_str_buf(ctx,
		    contents), pdf_to_str_len(ctx, contents), &data, j->store,
		    r);
		if (r->kind == VT_SIG_SIGNATURE && r->integrity) {
			vt_verify_ltv((const unsigned char *)pdf_to_str_buf(
			    ctx, contents), pdf_to_str_len(ctx, contents),
			    j->store, &j->dss, !j->offline, r);
			r->in_dss = vt_dss_has_vri(ctx, j->doc,
			    (const unsigned char *)pdf_to_str_buf(ctx,
			    contents), pdf_to_str_len(ctx, contents));
		} else if (r->kind == VT_SIG_TIMESTAMP && r->integrity)
			vt_verify_ltv_timestamp((const unsigned char *)
			    pdf_to_str_buf(ctx, contents), pdf_to_str_len(ctx,
			    contents), j->store, &j->dss, !j->offline, r);
	} else
		r->integrity_error = xstrdup(_("nothing to verify: the "
		    "/ByteRange or the /Contents is unusable"));
	r->range_ok = r->anomaly == NULL;
	r->valid = r->range_ok && r->integrity && r->trusted &&
	    r->later_covered && r->hash_allowed && r->sig_timestamp >= 0 &&
	    r->revocation != VT_REV_REVOKED &&
	    r->revocation != VT_REV_UNKNOWN;
}

static int
by_end(const void *a, const void *b)
{
	const struct vt_sig_report *x = a, *y = b;

	return x->end < y->end ? -1 : x->end > y->end;
}

/* ---- the file ------------------------------------------------------ */

/* Refuse what cannot be verified honestly: certificate encryption
   (Adobe.PubSec) and a malformed /Encrypt. */
static vt_code
check_encryption(fz_context *ctx, pdf_document *doc, const char *path,
    struct vt_errbuf *eb)
{
	pdf_obj	*enc = pdf_dict_get(ctx, pdf_trailer(ctx, doc),
		    PDF_NAME(Encrypt));

	if (enc == NULL || (pdf_is_null(ctx, enc) && !pdf_is_indirect(ctx,
	    enc)))
		return VT_OK;
	if (!pdf_is_dict(ctx, enc))
		return vt_fail(eb, VT_ERR_PDF_ENCRYPTED, _("%s: its encryption "
		    "dictionary (/Encrypt) is malformed: vanthu refuses it"),
		    path);
	if (name_is(ctx, pdf_dict_get(ctx, enc, PDF_NAME(Filter)),
	    "Adobe.PubSec"))
		return vt_fail(eb, VT_ERR_PDF_ENCRYPTED, _("%s: encrypted for specific "
		    "recipients' certificates (Adobe.PubSec); vanthu cannot "
		    "open it"), path);
	if (!pdf_name_eq(ctx, pdf_dict_get(ctx, enc, PDF_NAME(Filter)),
	    PDF_NAME(Standard)))
		return vt_fail(eb, VT_ERR_PDF_ENCRYPTED, _("%s: encrypted with an "
		    "unknown method (%s)"), path, pdf_to_name(ctx,
		    pdf_dict_get(ctx, enc, PDF_NAME(Filter))));
	return VT_OK;
}

/* MuPDF refused to open it: name certificate encryption, which MuPDF
   does not know, rather than calling the file damaged. */
static vt_code
open_error(const struct job *j, const char *path, vt_code rc,
    struct vt_errbuf *eb)
{
	if (rc == VT_ERR_PDF && memmem(j->data, j->size, "/Adobe.PubSec", 13)
	    != NULL && eb != NULL && strstr(eb->detail, "encryption") != NULL)
		return vt_fail(eb, VT_ERR_PDF_ENCRYPTED, _("%s: encrypted for "
		    "specific recipients' certificates (Adobe.PubSec); vanthu "
		    "cannot open it"), path);
	return rc;
}

/* Bytes after the last revision that are more than white space. */
static void
trailing_bytes(struct job *j)
{
	long long	 from = j->nrev > 0 ? j->revs[j->nrev - 1].end : 0;
	long long	 i;
	char		*s;

	if (j->nrev == 0)
		return;
	for (i = from; i < (long long)j->size; i++)
		if (!strchr(" \t\r\n\f", j->data[i]) && j->data[i] != '\0')
			break;
	if (i >= (long long)j->size)
		return;
	s = xasprintf(_("%lld bytes were added at the end that are not a "
	    "valid update of the document"), (long long)j->size - from);
	vt_rev_change_add(&j->changes, j->nrev + 1, VT_CHANGE_MODIFICATION,
	    NULL, s);
	free(s);
}

static vt_code
analyse(struct job *j, const char *path, const char *password,
    struct vt_verify_result *res, struct vt_errbuf *eb)
{
	fz_context	*ctx = j->ctx;
	pdf_document	*doc = NULL;
	struct collect	 c = { NULL, 0, 0 };
	volatile vt_code rc;
	size_t		 i;
	int		 k;

	rc = vt_mupdf_open(ctx, NULL, j->data, j->size, password, path, &doc,
	    eb);
	if (rc != VT_OK)
		return open_error(j, path, rc, eb);
	fz_try(ctx) {
		if ((rc = check_encryption(ctx, doc, path, eb)) == VT_OK) {
			vt_pdf_sig_fields(ctx, doc, add_field, &c);
			j->revs = vt_revisions_open(ctx, j->data, j->size,
			    password, &j->nrev);
			for (k = 0; k < j->nrev; k++)
				scan_objects(ctx, j->revs[k].doc, &c);
			scan_objects(ctx, doc, &c);
			for (k = 1; k < j->nrev; k++)
				vt_revision_diff(ctx, j->revs, k, &j->changes);
			trailing_bytes(j);
			j->doc = doc;
			vt_dss_read(ctx, doc, &j->dss);
			res->revisions = j->nrev;
			res->sigs = xcalloc(c.n + 1, sizeof *res->sigs);
			for (i = 0; i < c.n; i++)
				check_one(j, &c.v[i], &res->sigs[res->n++]);
		}
	}
	fz_always(ctx)
		pdf_drop_document(ctx, doc);
	fz_catch(ctx)
		rc = vt_fail(eb, VT_ERR_PDF, "%s: %s", path,
		    fz_caught_message(ctx));
	found_free(ctx, &c);
	return rc;
}

static X509_STORE *
load_store(const char *trust_file, struct vt_errbuf *eb)
{
	X509_STORE	*store = X509_STORE_new();

	if (store == NULL || !X509_STORE_load_file(store, trust_file)) {
		X509_STORE_free(store);
		ERR_clear_error();
		vt_fail(eb, VT_ERR_CONFIG, _("cannot read the trusted "
		    "certificates in %s"), trust_file);
		return NULL;
	}
	return store;
}

vt_code
vt_verify_pdf(const char *path, const char *password, const char *trust_file,
    struct vt_verify_result *res, struct vt_errbuf *eb)
{
	return vt_verify_pdf_ex(path, password, trust_file, 0, res, eb);
}

vt_code
vt_verify_pdf_ex(const char *path, const char *password,
    const char *trust_file, int offline, struct vt_verify_result *res,
    struct vt_errbuf *eb)
{
	struct job	 j;
	struct vt_buf	 b;
	vt_code		 rc;
	size_t		 i;

	memset(res, 0, sizeof *res);
	memset(&j, 0, sizeof j);
	vt_buf_init(&b);
	if ((rc = vt_file_read(path, VERIFY_FILE_MAX, &b, eb)) != VT_OK) {
		vt_buf_free(&b);
		return rc;
	}
	if (b.len == 0) {
		vt_buf_free(&b);
		return vt_fail(eb, VT_ERR_PDF, _("%s: the file is empty"), path);
	}
	j.offline = offline;
	j.data = (const unsigned char *)b.data;
	j.size = b.len;
	res->file_size = (long long)b.len;
	if (trust_file != NULL && (j.store = load_store(trust_file, eb)) ==
	    NULL) {
		vt_buf_free(&b);
		return VT_ERR_CONFIG;
	}
	if ((j.ctx = vt_mupdf_new(eb)) == NULL) {
		X509_STORE_free(j.store);
		vt_buf_free(&b);
		return VT_ERR_INTERNAL;
	}
	rc = analyse(&j, path, password, res, eb);
	vt_revisions_free(j.ctx, j.revs, j.nrev);
	vt_rev_changes_free(&j.changes);
	vt_vdata_free(&j.dss);
	vt_mupdf_drop(j.ctx);
	X509_STORE_free(j.store);
	vt_buf_free(&b);
	if (rc != VT_OK) {
		vt_verify_result_free(res);
		return rc;
	}
	if (res->n > 1)
		qsort(res->sigs, res->n, sizeof *res->sigs, by_end);
	res->valid = res->n > 0;
	for (i = 0; i < res->n; i++)
		if (!res->sigs[i].valid)
			res->valid = 0;
	return VT_OK;
}

void
vt_verify_result_free(struct vt_verify_result *res)
{
	size_t	 i, k;

	for (i = 0; i < res->n; i++) {
		struct vt_sig_report *r = &res->sigs[i];

		free(r->field);
		free(r->subfilter);
		free(r->digest);
		free(r->algorithm);
		free(r->signing_time);
		free(r->timestamp);
		free(r->anomaly);
		free(r->integrity_error);
		free(r->trust_error);
		free(r->sig_timestamp_error);
		free(r->revocation_text);
		free(r->ts_revocation_text);
		for (k = 0; k < r->n_changes; k++) {
			free(r->changes[k].what);
			free(r->changes[k].field);
		}
		free(r->changes);
		vt_cert_info_free(&r->signer);
	}
	free(res->sigs);
	memset(res, 0, sizeof *res);
}

/* ---- words -------------------------------------------------------- */

const char *
vt_change_class_name(enum vt_change_class cls)
{
	static const char *const names[] = { "signature", "timestamp",
	    "form_fill", "dss", "annotation", "metadata", "modification" };

	return (unsigned)cls < sizeof names / sizeof names[0] ? names[cls] :
	    "modification";
}

const char *
vt_change_class_label(enum vt_change_class cls)
{
	switch (cls) {
	case VT_CHANGE_SIGNATURE:	return _("signature added");
	case VT_CHANGE_TIMESTAMP:	return _("document timestamp added");
	case VT_CHANGE_FORM_FILL:	return _("form filled");
	case VT_CHANGE_DSS:		return _("validation data added");
	case VT_CHANGE_ANNOTATION:	return _("annotation");
	case VT_CHANGE_METADATA:	return _("document information");
	default:			return _("modification");
	}
}
