/*
 * vanthu: the one place where the core starts MuPDF and opens a PDF
 * (ISO 32000-1) with it, for text extraction (pdf-text.c), signing
 * (sign-pades.c) and verification (sign-verify.c).  Like
 * sign-fields.h it needs MuPDF's types: core files only.
 *
 * Threads: every document gets a context of its own, made with no
 * locking functions; a context and what it opened are used by one
 * thread at a time (MuPDF's rule for contexts that share nothing), so
 * the interface's worker thread and the main thread never meet in
 * MuPDF.  MuPDF's warnings and errors are never printed: an error
 * reaches the caller through fz_caught_message() and a vt_errbuf.
 */
#ifndef VANTHU_PDF_CONTEXT_H
#define VANTHU_PDF_CONTEXT_H

#include <stddef.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/error.h"

/*
 * vt_mupdf_new: a new MuPDF context with the default store size and
 * quiet warning and error callbacks.  Free it with vt_mupdf_drop.
 * Returns NULL (VT_ERR_INTERNAL in EB, which may be NULL) when MuPDF
 * cannot start (out of memory).
 */
fz_context	*vt_mupdf_new(struct vt_errbuf *eb);
/* vt_mupdf_drop: free CTX (NULL: nothing). */
void		 vt_mupdf_drop(fz_context *ctx);

/*
 * vt_mupdf_open: open a PDF with CTX: the file PATH, or when DATA is
 * not NULL the LEN bytes at DATA (copied), and authenticate PASSWORD
 * (may be NULL) when it is encrypted.  On success *OUT is the document
 * (drop it with pdf_drop_document before the context).  NAME (may be
 * NULL) is how messages call the file.
 * Errors: VT_ERR_PDF (not a PDF, or damaged beyond MuPDF's repair;
 * "NAME: MuPDF's message"), VT_ERR_PDF_PASSWORD (encrypted and
 * PASSWORD is NULL: "NAME: give its password (--password)", or "the
 * document is protected by a password" without NAME; PASSWORD wrong:
 * "NAME: wrong password", or "the password is wrong").  Never throws.
 */
vt_code		 vt_mupdf_open(fz_context *ctx, const char *path,
		     const void *data, size_t len, const char *password,
		     const char *name, pdf_document **out,
		     struct vt_errbuf *eb);

/*
 * vt_mupdf_check_repaired: VT_ERR_PDF_REPAIRED, with a message for the
 * person naming NAME, when MuPDF had to repair DOC's cross-reference
 * table (so far: call it after loading what is needed, since a repair
 * can happen on the way); a signature must be an incremental update
 * (ISO 32000-1 7.5.6) that keeps every byte, which a repaired file
 * cannot take.  VT_OK otherwise.
 */
vt_code		 vt_mupdf_check_repaired(fz_context *ctx, pdf_document *doc,
		     const char *name, struct vt_errbuf *eb);

#endif
