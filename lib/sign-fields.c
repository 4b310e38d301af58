/*
 * vanthu: walk the form field tree of a PDF with bounded work.  A plain
 * recursion over /Kids is exponential on a field that lists itself
 * twice (2^depth visits): here every indirect object is entered once,
 * a loop is an error, and the total number of nodes is capped.
 */
#include "config.h"

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/i18n.h"
#include "vanthu/sign-fields.h"

struct walk {
	unsigned char	*state;		/* per object number: ON_PATH, DONE */
	int		 nobj;		/* entries in STATE */
	int		 nodes;		/* fields and arrays entered */
	void		(*fn)(fz_context *, pdf_obj *, void *);
	void		*arg;
};
enum { ON_PATH = 1, DONE = 2 };

/* Enter O (a field, or a /Kids or /Fields array): 0 when it was visited
   already.  Throws when O is its own ancestor or the tree is too
   large. */
static int
enter(fz_context *ctx, struct walk *w, pdf_obj *o)
{
	int	 num;

	if (++w->nodes > VT_FIELD_NODES_MAX)
		fz_throw(ctx, FZ_ERROR_GENERIC, _("more than %d form fields"),
		    VT_FIELD_NODES_MAX);
	if (!pdf_is_indirect(ctx, o))
		return 1;
	num = pdf_to_num(ctx, o);
	if (num <= 0 || num >= w->nobj)
		return 1;
	if (w->state[num] == ON_PATH)
		fz_throw(ctx, FZ_ERROR_GENERIC, _("the form field tree loops "
		    "back to object %d"), num);
	if (w->state[num] == DONE)
		return 0;
	w->state[num] = ON_PATH;
	return 1;
}

static void
leave(fz_context *ctx, struct walk *w, pdf_obj *o)
{
	int	 num;

	if (pdf_is_indirect(ctx, o) && (num = pdf_to_num(ctx, o)) > 0 &&
	    num < w->nobj)
		w->state[num] = DONE;
}

static void
walk(fz_context *ctx, pdf_obj *fields, struct walk *w, int depth)
{
	int	 i, n;
	pdf_obj	*f, *kids;

	if (depth > VT_FIELD_DEPTH_MAX || !enter(ctx, w, fields))
		return;
	n = pdf_array_len(ctx, fields);
	for (i = 0; i < n; i++) {
		f = pdf_array_get(ctx, fields, i);
		if (!enter(ctx, w, f))
			continue;
		if ((kids = pdf_dict_get(ctx, f, PDF_NAME(Kids))) != NULL)
			walk(ctx, kids, w, depth + 1);
		leave(ctx, w, f);
		if (w->fn != NULL && pdf_name_eq(ctx,
		    pdf_dict_get_inheritable(ctx, f, PDF_NAME(FT)),
		    PDF_NAME(Sig)))
			w->fn(ctx, f, w->arg);
	}
	leave(ctx, w, fields);
}

void
vt_pdf_sig_fields(fz_context *ctx, pdf_document *doc,
    void (*fn)(fz_context *ctx, pdf_obj *field, void *arg), void *arg)
{
	struct walk	 w = { NULL, 0, 0, fn, arg };

	w.nobj = pdf_xref_len(ctx, doc);
	w.state = fz_calloc(ctx, (size_t)w.nobj + 1, 1);
	fz_try(ctx)
		walk(ctx, pdf_dict_getp(ctx, pdf_trailer(ctx, doc),
		    "Root/AcroForm/Fields"), &w, 0);
	fz_always(ctx)
		fz_free(ctx, w.state);
	fz_catch(ctx)
		fz_rethrow(ctx);
}
