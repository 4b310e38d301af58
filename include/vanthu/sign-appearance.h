/*
 * vanthu: drawing a signature's visible appearance (Decree 30/2020/ND-CP
 * Appendix I) for MuPDF.  Used by the PAdES module only; it is the one
 * sign header that needs MuPDF's types.
 */
#ifndef VANTHU_SIGN_APPEARANCE_H
#define VANTHU_SIGN_APPEARANCE_H

#include <mupdf/fitz.h>

#include "vanthu/pades.h"

/*
 * vt_appearance_list: a display list covering RECT (page space, points,
 * y down) that draws the appearance AP for the signer NAME at WHEN (the
 * text to show, ISO 8601 in Vietnam time).  Throws (fz_throw) when the
 * font or image cannot be loaded.  The caller drops the list.
 */
fz_display_list	*vt_appearance_list(fz_context *ctx, fz_rect rect,
		     const struct vt_appearance *ap, const char *name,
		     const char *when);

/* Seal sizes (Decree 30: the seal at its real size): the default
   without an image or configuration, and the sizes believed. */
#define VT_SEAL_DEFAULT_MM	36.0f
#define VT_SEAL_MIN_MM		10.0f
#define VT_SEAL_MAX_MM		80.0f

/*
 * vt_appearance_seal_size: the size in points of the seal of an agency
 * signature AP, *W wide and *H high: AP->seal_mm (the configured
 * diameter, seal_diameter_mm) keeping the image's aspect; else the seal
 * image's own size, its pixels at its resolution (PNG pHYs, JPEG
 * density; 96 dpi when it says none); else, or when that is not between
 * VT_SEAL_MIN_MM and VT_SEAL_MAX_MM, VT_SEAL_DEFAULT_MM.  Never throws.
 */
void		 vt_appearance_seal_size(fz_context *ctx,
		     const struct vt_appearance *ap, float *w, float *h);

/* The largest signature or seal image read, in bytes. */
#define VT_IMAGE_MAX	(8 << 20)

/*
 * vt_appearance_image: the PNG or JPEG image at PATH, for the
 * appearance.  PATH must be a regular file of at most VT_IMAGE_MAX
 * bytes (never more is read, whatever the file does meanwhile).  Throws
 * (fz_throw, with a message naming PATH) when it cannot be opened or
 * read, is not a regular file, is too large or is not an image.  The
 * caller drops the image.
 */
fz_image	*vt_appearance_image(fz_context *ctx, const char *path);

#endif
