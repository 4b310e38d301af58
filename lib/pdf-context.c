/*
 * vanthu: MuPDF contexts and opening a PDF, written once for the text
 * layer, signing and verification (vanthu/pdf-context.h).
 */
#include "config.h"

#include "vanthu/i18n.h"
#include "vanthu/pdf-context.h"
#include "vanthu/pdf-io.h"

/* MuPDF's messages are not printed; errors come back as exceptions. */
static void
quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

fz_context *
vt_mupdf_new(struct vt_errbuf *eb)
{
	fz_context	*ctx;

	if ((ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT)) == NULL) {
		vt_fail(eb, VT_ERR_INTERNAL, "%s", _("cannot start MuPDF"));
		return NULL;
	}
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	return ctx;
}

void
vt_mupdf_drop(fz_context *ctx)
{
	fz_drop_context(ctx);
}

/* The password of an encrypted DOC: VT_OK when none is needed. */
static vt_code
authenticate(fz_context *ctx, pdf_document *doc, const char *password,
    const char *name, struct vt_errbuf *eb)
{
	if (!pdf_needs_password(ctx, doc))
		return VT_OK;
	if (password == NULL)
		return name != NULL ? vt_fail(eb, VT_ERR_PDF_PASSWORD,
		    _("%s: give its password (--password)"), name) :
		    vt_fail(eb, VT_ERR_PDF_PASSWORD, "%s",
		    _("the document is protected by a password"));
	if (!pdf_authenticate_password(ctx, doc, password))
		return name != NULL ? vt_fail(eb, VT_ERR_PDF_PASSWORD,
		    _("%s: wrong password"), name) :
		    vt_fail(eb, VT_ERR_PDF_PASSWORD, "%s",
		    _("the password is wrong"));
	return VT_OK;
}

vt_code
vt_mupdf_open(fz_context *ctx, const char *path, const void *data,
    size_t len, const char *password, const char *name, pdf_document **out,
    struct vt_errbuf *eb)
{
	pdf_document		*volatile doc = NULL;
	fz_buffer		*volatile buf = NULL;
	fz_stream		*volatile stm = NULL;
	volatile vt_code	 rc = VT_OK;

	*out = NULL;
	fz_try(ctx) {
		/* PDF only: the other handlers would pull in HTML layout
		 * and HarfBuzz. */
		if (data != NULL) {
			buf = fz_new_buffer_from_copied_data(ctx, data, len);
			stm = fz_open_buffer(ctx, buf);
			doc = pdf_open_document_with_stream(ctx, stm);
		} else {
			/* Read in large blocks (vanthu/pdf-io.h). */
			stm = vt_pdf_stream_open(ctx, path);
			doc = pdf_open_document_with_stream(ctx, stm);
		}
		rc = authenticate(ctx, doc, password, name, eb);
	}
	fz_always(ctx) {
		fz_drop_stream(ctx, stm);
		fz_drop_buffer(ctx, buf);
	}
	fz_catch(ctx) {
		rc = name != NULL ? vt_fail(eb, VT_ERR_PDF, "%s: %s", name,
		    fz_caught_message(ctx)) :
		    vt_fail(eb, VT_ERR_PDF, "%s", fz_caught_message(ctx));
	}
	if (rc != VT_OK) {
		pdf_drop_document(ctx, doc);
		return rc;
	}
	*out = doc;
	return VT_OK;
}

vt_code
vt_mupdf_check_repaired(fz_context *ctx, pdf_document *doc, const char *name,
    struct vt_errbuf *eb)
{
	if (!pdf_was_repaired(ctx, doc))
		return VT_OK;
	return vt_fail(eb, VT_ERR_PDF_REPAIRED, _("%s is damaged (its "
	    "cross-reference table is broken) and can only be read after "
	    "repair; a signature must be added as an incremental update "
	    "that keeps every byte, which is impossible here: ask the sender "
	    "for an intact file"), name);
}
