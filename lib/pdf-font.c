/*
 * vanthu: subset a TrueType font with HarfBuzz (hb-subset) to the glyphs
 * of the text vanthu writes into a PDF, and embed it as a Type0 font so
 * the text stays text.  MuPDF 1.21 cannot subset the fonts it embeds:
 * a whole Liberation Serif face would add about 200 KB per appearance.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <hb.h>
#include <hb-subset.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/i18n.h"
#include "vanthu/pdf-font.h"

/* Add the code points of TEXT (and a space) to SET. */
static void
add_text(hb_set_t *set, const char *text)
{
	int	 c, n;

	hb_set_add(set, ' ');
	while (*text != '\0') {
		n = fz_chartorune(&c, text);
		text += n;
		hb_set_add(set, (hb_codepoint_t)c);
	}
}

/*
 * Name FONT as a subset (ISO 32000-1 9.6.4): a tag of six capital
 * letters, here drawn from the subset's bytes (the same subset, the same
 * tag), a plus sign, and the face's name without spaces, which MuPDF
 * writes as the /BaseFont of the font it embeds.
 */
static void
tag_subset(fz_font *font, const unsigned char *data, unsigned int len)
{
	char		 name[sizeof font->name];
	uint32_t	 h = 2166136261u;	/* FNV-1a */
	unsigned int	 i;
	size_t		 k = 7;
	const char	*p;

	for (i = 0; i < len; i++)
		h = (h ^ data[i]) * 16777619u;
	for (i = 0; i < 6; i++, h /= 26)
		name[i] = (char)('A' + h % 26);
	name[6] = '+';
	for (p = font->name; *p != '\0' && k + 1 < sizeof name; p++)
		if (*p != ' ')
			name[k++] = *p;
	name[k] = '\0';
	memcpy(font->name, name, sizeof name);
}

fz_font *
vt_font_subset(fz_context *ctx, const char *path, const char *text)
{
	hb_blob_t		*blob, *out = NULL;
	hb_face_t		*face, *sub = NULL;
	hb_subset_input_t	*in;
	const char		*data;
	unsigned int		 len = 0;
	fz_buffer		*buf = NULL;
	fz_font			*font = NULL;

	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL)
		fz_throw(ctx, FZ_ERROR_GENERIC, _("cannot read the font %s"),
		    path);
	face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if ((in = hb_subset_input_create_or_fail()) != NULL) {
		add_text(hb_subset_input_unicode_set(in), text);
		/* Keep glyph ids: the text is written as glyph ids. */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS |
		    HB_SUBSET_FLAGS_NO_HINTING);
		sub = hb_subset_or_fail(face, in);
		hb_subset_input_destroy(in);
	}
	hb_face_destroy(face);
	if (sub != NULL) {
		out = hb_face_reference_blob(sub);
		hb_face_destroy(sub);
		data = hb_blob_get_data(out, &len);
	}
	if (out == NULL || len == 0) {
		hb_blob_destroy(out);
		fz_throw(ctx, FZ_ERROR_GENERIC, _("cannot subset the font %s"),
		    path);
	}
	fz_var(buf);
	fz_var(out);
	fz_var(font);
	fz_try(ctx) {
		buf = fz_new_buffer_from_copied_data(ctx,
		    (const unsigned char *)data, len);
		font = fz_new_font_from_buffer(ctx, NULL, buf, 0, 0);
		tag_subset(font, (const unsigned char *)data, len);
	}
	fz_always(ctx) {
		fz_drop_buffer(ctx, buf);
		hb_blob_destroy(out);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
	return font;
}

pdf_obj *
vt_font_add(fz_context *ctx, pdf_document *doc, fz_font *font)
{
	return pdf_add_cid_font(ctx, doc, font);
}

float
vt_font_width(fz_context *ctx, fz_font *font, const char *text, float size)
{
	float	 w = 0;
	int	 c, n;

	while (*text != '\0') {
		n = fz_chartorune(&c, text);
		text += n;
		w += fz_advance_glyph(ctx, font, fz_encode_character(ctx, font,
		    c), 0);
	}
	return w * size;
}

void
vt_font_show(fz_context *ctx, fz_buffer *buf, fz_font *font,
    const char *text)
{
	int	 c, n, gid;

	fz_append_byte(ctx, buf, '<');
	while (*text != '\0') {
		n = fz_chartorune(&c, text);
		text += n;
		gid = fz_encode_character(ctx, font, c);
		fz_append_printf(ctx, buf, "%04x", gid & 0xffff);
	}
	fz_append_byte(ctx, buf, '>');
}
