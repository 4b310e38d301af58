/*
 * vanthu: the visible part of a signature, as Decree 30/2020/ND-CP
 * Appendix I describes it, drawn into a MuPDF display list:
 *
 * - personal signature: the signer's position, the handwritten signature
 *   image (or, without one, who signed and when), the signer's name;
 * - agency signature: the red seal image at its real size (or, without
 *   one, the agency's name and the signing time);
 * - attachment form: no image; the number/notation and the signing time
 *   (ISO 8601, Vietnam time), Times New Roman 10 pt.
 *
 * Text uses a TrueType font with Vietnamese glyphs (Liberation Serif,
 * metric-compatible with Times New Roman); the PDF embeds a subset of
 * it holding only the glyphs used (HarfBuzz hb-subset, a few KB), so the
 * text stays real text that pdftotext finds.  The text inside the PDF is
 * Vietnamese whatever the signer's locale: it is part of the document.
 * Without images, the personal signature's text keeps to the right two
 * thirds of its box, where the agency seal, which covers the left
 * third, never reaches.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mupdf/fitz.h>

#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/pdf-font.h"
#include "vanthu/sign-appearance.h"
#include "vanthu/xmalloc.h"

/* The fallback text of a signature without an image (Vietnamese
   whatever the locale: it goes into the document). */
#define FALLBACK_SIGNED_BY	"Ký bởi: %s"
#define FALLBACK_WHEN		"Ngày ký: %s"

static const float black[3] = { 0, 0, 0 };
static const float seal_red[3] = { 0.80f, 0.05f, 0.05f };

static float
text_width(fz_context *ctx, fz_font *font, const char *s, float size)
{
	float	 w = 0;
	int	 c, n;

	while (*s != '\0') {
		n = fz_chartorune(&c, s);
		s += n;
		w += fz_advance_glyph(ctx, font, fz_encode_character(ctx, font,
		    c), 0);
	}
	return w * size;
}

/* Draw S centred on CX with its baseline at Y, at SIZE or smaller so
   that it fits in width W. */
static void
draw_line(fz_context *ctx, fz_device *dev, fz_font *font, const char *s,
    float size, float cx, float y, float w, const float rgb[3])
{
	fz_text		*text;
	float		 tw = text_width(ctx, font, s, size);
	fz_matrix	 trm;

	if (tw > w && tw > 0) {
		size *= w / tw;
		tw = w;
	}
	trm = fz_make_matrix(size, 0, 0, -size, cx - tw / 2, y);
	text = fz_new_text(ctx);
	fz_try(ctx) {
		fz_show_string(ctx, text, font, trm, s, 0, 0, FZ_BIDI_LTR,
		    FZ_LANG_UNSET);
		fz_fill_text(ctx, dev, text, fz_identity, fz_device_rgb(ctx),
		    rgb, 1, fz_default_color_params);
	}
	fz_always(ctx)
		fz_drop_text(ctx, text);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* Draw IMG as large as fits in R, keeping its aspect ratio, centred. */
static void
draw_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_rect r)
{
	float	 rw = r.x1 - r.x0, rh = r.y1 - r.y0;
	float	 scale, iw, ih;

	if (img->w <= 0 || img->h <= 0 || rw <= 0 || rh <= 0)
		return;
	scale = fz_min(rw / img->w, rh / img->h);
	iw = img->w * scale;
	ih = img->h * scale;
	fz_fill_image(ctx, dev, img, fz_make_matrix(iw, 0, 0, ih,
	    r.x0 + (rw - iw) / 2, r.y0 + (rh - ih) / 2), 1,
	    fz_default_color_params);
}

static void
draw_personal(fz_context *ctx, fz_device *dev, fz_font *font,
    fz_font *bold, fz_image *img, fz_rect r, const struct vt_appearance *ap,
    const char *name, const char *when)
{
	float	 w = r.x1 - r.x0, h = r.y1 - r.y0, cx = (r.x0 + r.x1) / 2;
	float	 size = fz_min(13, h / 6);
	fz_rect	 mid = r;
	char	 line[200];

	if (ap->between_lines) {
		/* The page shows the position and the name around the box:
		   draw only what goes between them. */
		size = fz_min(13, h / 2.6f);
		goto middle;
	}
	if (ap->position != NULL)
		draw_line(ctx, dev, bold, ap->position, size, cx,
		    r.y0 + size, w, black);
	draw_line(ctx, dev, bold, name, size, cx, r.y1 - size * 0.35f, w,
	    black);
	mid.y0 = r.y0 + (ap->position != NULL ? size * 1.5f : size * 0.3f);
	mid.y1 = r.y1 - size * 1.5f;
middle:
	if (img != NULL) {
		draw_image(ctx, dev, img, mid);
		return;
	}
	/* No signature image: who signed and when, smaller, in the right
	   two thirds (the seal covers the left third).  Vietnamese: this
	   is the document's text, not the program's. */
	cx = r.x0 + w * 2 / 3;
	snprintf(line, sizeof line, FALLBACK_SIGNED_BY, name);
	draw_line(ctx, dev, font, line, size * 0.75f, cx,
	    (mid.y0 + mid.y1) / 2 - size * 0.1f, w * 2 / 3 - 4, black);
	snprintf(line, sizeof line, FALLBACK_WHEN, when);
	draw_line(ctx, dev, font, line, size * 0.75f, cx,
	    (mid.y0 + mid.y1) / 2 + size * 0.85f, w * 2 / 3 - 4, black);
}

/* A ring of radius R around (CX, CY), stroked in RGB. */
static void
draw_ring(fz_context *ctx, fz_device *dev, float cx, float cy, float r,
    float width, const float rgb[3])
{
	const float	 k = 0.5523f * r;	/* cubic Bézier quarter circle */
	fz_path		*path = fz_new_path(ctx);
	fz_stroke_state	*stroke = NULL;

	fz_var(stroke);
	fz_try(ctx) {
		fz_moveto(ctx, path, cx + r, cy);
		fz_curveto(ctx, path, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
		fz_curveto(ctx, path, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
		fz_curveto(ctx, path, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
		fz_curveto(ctx, path, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
		fz_closepath(ctx, path);
		stroke = fz_new_stroke_state(ctx);
		stroke->linewidth = width;
		fz_stroke_path(ctx, dev, path, stroke, fz_identity,
		    fz_device_rgb(ctx), rgb, 1, fz_default_color_params);
	}
	fz_always(ctx) {
		fz_drop_stroke_state(ctx, stroke);
		fz_drop_path(ctx, path);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

static void
draw_agency(fz_context *ctx, fz_device *dev, fz_font *font, fz_image *img,
    fz_rect r, const char *name, const char *when)
{
	float	 w = r.x1 - r.x0, h = r.y1 - r.y0;
	float	 cx = (r.x0 + r.x1) / 2, cy = (r.y0 + r.y1) / 2;
	float	 rad = fz_min(w, h) / 2 - 1, size = fz_min(11, rad / 3.5f);

	if (img != NULL) {
		draw_image(ctx, dev, img, r);
		return;
	}
	/* No seal image: a red ring with the agency and the time. */
	draw_ring(ctx, dev, cx, cy, rad, 1.6f, seal_red);
	draw_ring(ctx, dev, cx, cy, rad * 0.9f, 0.6f, seal_red);
	draw_line(ctx, dev, font, name, size, cx, cy - size * 0.2f,
	    rad * 1.6f, seal_red);
	draw_line(ctx, dev, font, when, size * 0.75f, cx, cy + size,
	    rad * 1.5f, seal_red);
}

static void
draw_attachment(fz_context *ctx, fz_device *dev, fz_font *font, fz_rect r,
    const struct vt_appearance *ap, const char *name, const char *when)
{
	float	 w = r.x1 - r.x0, cx = (r.x0 + r.x1) / 2;
	float	 size = 10;	/* Decree 30, Appendix I: 10 pt */
	float	 y = r.y0 + size * 1.1f;

	draw_line(ctx, dev, font, name, size, cx, y, w, black);
	y += size * 1.25f;
	if (ap->code != NULL) {
		draw_line(ctx, dev, font, ap->code, size, cx, y, w, black);
		y += size * 1.25f;
	}
	draw_line(ctx, dev, font, when, size, cx, y, w, black);
}

fz_image *
vt_appearance_image(fz_context *ctx, const char *path)
{
	fz_buffer	*buf = NULL;
	fz_image	*img = NULL;
	struct stat	 st;
	ssize_t		 n;
	char		 msg[200];
	int		 fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "%s: %s", path,
		    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		fz_throw(ctx, FZ_ERROR_GENERIC, _("%s: the image is not a "
		    "regular file"), path);
	}
	if (st.st_size > VT_IMAGE_MAX) {
		close(fd);
		fz_throw(ctx, FZ_ERROR_GENERIC, _("%s: the image is larger "
		    "than %d MB"), path, VT_IMAGE_MAX >> 20);
	}
	fz_var(buf);
	fz_var(img);
	fz_try(ctx) {
		/* Read at most VT_IMAGE_MAX + 1 bytes: the file may grow. */
		buf = fz_new_buffer(ctx, (size_t)st.st_size + 1);
		for (;;) {
			if (buf->len == buf->cap)
				fz_grow_buffer(ctx, buf);
			n = read(fd, buf->data + buf->len, buf->cap - buf->len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				fz_throw(ctx, FZ_ERROR_GENERIC, "%s: %s", path,
				    strerror(errno));
			if (n == 0)
				break;
			buf->len += (size_t)n;
			if (buf->len > VT_IMAGE_MAX)
				fz_throw(ctx, FZ_ERROR_GENERIC, _("%s: the "
				    "image is larger than %d MB"), path,
				    VT_IMAGE_MAX >> 20);
		}
	}
	fz_always(ctx)
		close(fd);
	fz_catch(ctx) {
		fz_drop_buffer(ctx, buf);
		fz_rethrow(ctx);
	}
	fz_try(ctx)
		img = fz_new_image_from_buffer(ctx, buf);
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx) {
		snprintf(msg, sizeof msg, "%s", fz_caught_message(ctx));
		fz_throw(ctx, FZ_ERROR_GENERIC, _("%s: not a PNG or JPEG "
		    "image (%s)"), path, msg);
	}
	return img;
}

/* Every character the appearance may draw, for the font subset. */
static char *
all_text(const struct vt_appearance *ap, const char *name, const char *when)
{
	return xasprintf(FALLBACK_SIGNED_BY " " FALLBACK_WHEN " %s %s %s",
	    name, when, ap->position != NULL ? ap->position : "",
	    ap->code != NULL ? ap->code : "", "0123456789:-+T");
}

void
vt_appearance_seal_size(fz_context *ctx, const struct vt_appearance *ap,
    float *w, float *h)
{
	const float	 mm = 72 / 25.4f;
	fz_image	*img = NULL;
	volatile float	 iw = 0, ih = 0;
	int		 xres, yres;

	*w = *h = VT_SEAL_DEFAULT_MM * mm;
	fz_var(img);
	fz_try(ctx) {
		if (ap->image != NULL)
			img = vt_appearance_image(ctx, ap->image);
		if (img != NULL && img->w > 0 && img->h > 0) {
			fz_image_resolution(img, &xres, &yres);
			if (xres <= 0 || yres <= 0)
				xres = yres = 96;
			iw = img->w * 72.0f / xres;
			ih = img->h * 72.0f / yres;
		}
	}
	fz_always(ctx)
		fz_drop_image(ctx, img);
	fz_catch(ctx)
		iw = ih = 0;	/* vt_pades_check() reported it */
	if (ap->seal_mm >= VT_SEAL_MIN_MM && ap->seal_mm <= VT_SEAL_MAX_MM) {
		/* The configured diameter; the image's aspect kept. */
		*w = ap->seal_mm * mm;
		*h = iw > 0 ? *w * ih / iw : *w;
	} else if (iw >= VT_SEAL_MIN_MM * mm && iw <= VT_SEAL_MAX_MM * mm &&
	    ih >= VT_SEAL_MIN_MM * mm && ih <= VT_SEAL_MAX_MM * mm) {
		/* The image's own size: its pixels at its resolution. */
		*w = iw;
		*h = ih;
	}
}

fz_display_list *
vt_appearance_list(fz_context *ctx, fz_rect rect,
    const struct vt_appearance *ap, const char *name, const char *when)
{
	fz_display_list	*list = NULL;
	fz_device	*dev = NULL;
	fz_font		*font = NULL, *bold = NULL;
	fz_image	*img = NULL;
	const char	*path = ap->font != NULL ? ap->font : VT_DEFAULT_FONT;
	char		*text = all_text(ap, name, when);

	fz_var(list);
	fz_var(dev);
	fz_var(font);
	fz_var(bold);
	fz_var(img);
	fz_try(ctx) {
		/* Subsets: real text, a few KB in the PDF. */
		font = vt_font_subset(ctx, path, text);
		if (ap->font == NULL)
			bold = vt_font_subset(ctx, VT_DEFAULT_FONT_BOLD, text);
		else
			bold = fz_keep_font(ctx, font);
		if (ap->image != NULL && ap->look != VT_LOOK_ATTACHMENT)
			img = vt_appearance_image(ctx, ap->image);
		list = fz_new_display_list(ctx, rect);
		dev = fz_new_list_device(ctx, list);
		switch (ap->look) {
		case VT_LOOK_PERSONAL:
			draw_personal(ctx, dev, font, bold, img, rect, ap, name,
			    when);
			break;
		case VT_LOOK_AGENCY:
			draw_agency(ctx, dev, font, img, rect, name, when);
			break;
		case VT_LOOK_ATTACHMENT:
			draw_attachment(ctx, dev, font, rect, ap, name, when);
			break;
		}
		fz_close_device(ctx, dev);
	}
	fz_always(ctx) {
		fz_drop_device(ctx, dev);
		fz_drop_image(ctx, img);
		fz_drop_font(ctx, bold);
		fz_drop_font(ctx, font);
		free(text);
	}
	fz_catch(ctx) {
		fz_drop_display_list(ctx, list);
		fz_rethrow(ctx);
	}
	return list;
}
