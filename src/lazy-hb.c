/*
 * vanthu: HarfBuzz's subsetter, loaded on the first call
 * (vanthu/lazy.h): only a visible signature's appearance subsets a
 * font (lib/pdf-font.c); MuPDF carries its own HarfBuzz.  The program
 * is not linked with libharfbuzz-subset nor libharfbuzz (nor GLib and
 * graphite2 that come with them): these forward to VT_HB_SUBSET_SONAME,
 * whose dependencies give the libharfbuzz functions.  A core file that
 * calls another hb_ function makes the program's link fail: add it.
 */
#include "config.h"

#include <stddef.h>

#include <hb.h>
#include <hb-subset.h>

#include "vanthu/lazy.h"

static struct vt_lazy_lib hb = { VT_HB_SUBSET_SONAME, NULL };

#define SYM(type, name)	((type)vt_lazy_sym(&hb, name))

hb_blob_t *
hb_blob_create_from_file_or_fail(const char *path)
{
	return SYM(hb_blob_t *(*)(const char *),
	    "hb_blob_create_from_file_or_fail")(path);
}

void
hb_blob_destroy(hb_blob_t *b)
{
	SYM(void (*)(hb_blob_t *), "hb_blob_destroy")(b);
}

const char *
hb_blob_get_data(hb_blob_t *b, unsigned int *len)
{
	return SYM(const char *(*)(hb_blob_t *, unsigned int *),
	    "hb_blob_get_data")(b, len);
}

hb_face_t *
hb_face_create(hb_blob_t *b, unsigned int index)
{
	return SYM(hb_face_t *(*)(hb_blob_t *, unsigned int),
	    "hb_face_create")(b, index);
}

void
hb_face_destroy(hb_face_t *f)
{
	SYM(void (*)(hb_face_t *), "hb_face_destroy")(f);
}

hb_blob_t *
hb_face_reference_blob(hb_face_t *f)
{
	return SYM(hb_blob_t *(*)(hb_face_t *), "hb_face_reference_blob")(f);
}

void
hb_set_add(hb_set_t *set, hb_codepoint_t cp)
{
	SYM(void (*)(hb_set_t *, hb_codepoint_t), "hb_set_add")(set, cp);
}

hb_subset_input_t *
hb_subset_input_create_or_fail(void)
{
	return SYM(hb_subset_input_t *(*)(void),
	    "hb_subset_input_create_or_fail")();
}

void
hb_subset_input_destroy(hb_subset_input_t *in)
{
	SYM(void (*)(hb_subset_input_t *), "hb_subset_input_destroy")(in);
}

void
hb_subset_input_set_flags(hb_subset_input_t *in, unsigned int flags)
{
	SYM(void (*)(hb_subset_input_t *, unsigned int),
	    "hb_subset_input_set_flags")(in, flags);
}

hb_set_t *
hb_subset_input_unicode_set(hb_subset_input_t *in)
{
	return SYM(hb_set_t *(*)(hb_subset_input_t *),
	    "hb_subset_input_unicode_set")(in);
}

hb_face_t *
hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *in)
{
	return SYM(hb_face_t *(*)(hb_face_t *, const hb_subset_input_t *),
	    "hb_subset_or_fail")(source, in);
}
