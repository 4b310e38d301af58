/*
 * vanthu: the signature fields of a PDF's interactive form (ISO 32000-1
 * section 12.7), found with bounded work whatever the file holds.  Used
 * by verification and by signing; like sign-appearance.h it needs
 * MuPDF's types.
 */
#ifndef VANTHU_SIGN_FIELDS_H
#define VANTHU_SIGN_FIELDS_H

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

/* Limits of the walk: fields nested deeper are not looked at; more
   nodes (fields and /Kids arrays) than this make the PDF damaged. */
#define VT_FIELD_DEPTH_MAX	32
#define VT_FIELD_NODES_MAX	20000

/*
 * vt_pdf_sig_fields: call FN(CTX, FIELD, ARG) for every signature field
 * (/FT /Sig, inherited) of DOC's /AcroForm /Fields tree, in tree order.
 * FN may be NULL: the tree is then only checked.  The fields should
 * form a tree (section 12.7.3.1); a hostile file can make it a graph,
 * so each indirect object is visited once at most: a field listed
 * twice is reported once.  Throws (fz_throw, translated message) when
 * an object is its own ancestor (a loop) or the tree has more than
 * VT_FIELD_NODES_MAX nodes.
 */
void	 vt_pdf_sig_fields(fz_context *ctx, pdf_document *doc,
	     void (*fn)(fz_context *ctx, pdf_obj *field, void *arg),
	     void *arg);

#endif
