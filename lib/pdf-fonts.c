/*
 * vanthu: MuPDF's table of built-in fonts, cut down to the 14 standard
 * PDF fonts (ISO 32000-1, 9.6.2.2).
 *
 * Debian ships MuPDF only as a static archive, whose font table (the
 * object that defines the fz_lookup_*_font functions below) refers to
 * about 41 MB of CJK, Noto and SIL fonts: linking it made vanthu's
 * binary 44 MB.  This file defines every function of that object, so the
 * linker never takes it from libmupdf.a, and with it none of those
 * fonts.  What vanthu needs stays: the URW base-14 fonts (about 700 KB)
 * for text extraction and appearance streams of PDFs whose standard
 * fonts are not embedded, and of Vietnamese PDFs with non-embedded
 * TrueType fonts (MuPDF substitutes a base-14 face).  The one loss,
 * measured: a PDF whose text is set in a NON-embedded font of an Adobe
 * CJK collection (Adobe-CNS1, -GB1, -Japan1, -Korea1) without a
 * ToUnicode map no longer gives its Chinese, Japanese or Korean text
 * (MuPDF falls back to a simple font and reads its bytes as single
 * characters); such documents do not occur in a Vietnamese commune's
 * work, and signatures are checked on bytes, not text.  The program and
 * the tests are linked with
 * -Wl,--undefined=vt_pdf_fonts_base14 so that this object is always
 * taken (Makefile.am).
 */
#include "config.h"

#include <string.h>

#include <mupdf/fitz.h>

#include "vanthu/pdftext.h"

/* The URW fonts in libmupdf.a, as objcopy named their data. */
#define URW(name) \
	extern const unsigned char _binary_resources_fonts_urw_##name##_cff_start[]; \
	extern const unsigned char _binary_resources_fonts_urw_##name##_cff_end[];
URW(NimbusMonoPS_Regular) URW(NimbusMonoPS_Italic) URW(NimbusMonoPS_Bold)
URW(NimbusMonoPS_BoldItalic)
URW(NimbusSans_Regular) URW(NimbusSans_Italic) URW(NimbusSans_Bold)
URW(NimbusSans_BoldItalic)
URW(NimbusRoman_Regular) URW(NimbusRoman_Italic) URW(NimbusRoman_Bold)
URW(NimbusRoman_BoldItalic)
URW(StandardSymbolsPS) URW(Dingbats)
#undef URW

enum { F_BOLD = 1, F_ITALIC = 2 };

struct base14 {
	const char		*name;		/* the PDF's standard name */
	const char		*family;	/* for fz_lookup_builtin_font */
	int			 style;		/* F_BOLD | F_ITALIC */
	const unsigned char	*start, *end;
};

#define ENTRY(n, f, s, urw) { n, f, s, \
	_binary_resources_fonts_urw_##urw##_cff_start, \
	_binary_resources_fonts_urw_##urw##_cff_end }
static const struct base14 fonts[] = {
	ENTRY("Courier", "Courier", 0, NimbusMonoPS_Regular),
	ENTRY("Courier-Oblique", "Courier", F_ITALIC, NimbusMonoPS_Italic),
	ENTRY("Courier-Bold", "Courier", F_BOLD, NimbusMonoPS_Bold),
	ENTRY("Courier-BoldOblique", "Courier", F_BOLD | F_ITALIC,
	    NimbusMonoPS_BoldItalic),
	ENTRY("Helvetica", "Helvetica", 0, NimbusSans_Regular),
	ENTRY("Helvetica-Oblique", "Helvetica", F_ITALIC, NimbusSans_Italic),
	ENTRY("Helvetica-Bold", "Helvetica", F_BOLD, NimbusSans_Bold),
	ENTRY("Helvetica-BoldOblique", "Helvetica", F_BOLD | F_ITALIC,
	    NimbusSans_BoldItalic),
	ENTRY("Times-Roman", "Times", 0, NimbusRoman_Regular),
	ENTRY("Times-Italic", "Times", F_ITALIC, NimbusRoman_Italic),
	ENTRY("Times-Bold", "Times", F_BOLD, NimbusRoman_Bold),
	ENTRY("Times-BoldItalic", "Times", F_BOLD | F_ITALIC,
	    NimbusRoman_BoldItalic),
	ENTRY("Symbol", "Symbol", 0, StandardSymbolsPS),
	ENTRY("ZapfDingbats", "ZapfDingbats", 0, Dingbats),
};
#undef ENTRY

static const unsigned char *
found(const struct base14 *f, int *size)
{
	*size = (int)(f->end - f->start);
	return f->start;
}

static const unsigned char *
none(int *size, int *subfont)
{
	*size = 0;
	if (subfont != NULL)
		*subfont = 0;
	return NULL;
}

int
vt_pdf_fonts_base14(void)
{
	return (int)(sizeof fonts / sizeof fonts[0]);
}

const unsigned char *
fz_lookup_base14_font(fz_context *ctx, const char *name, int *size)
{
	size_t	i;

	(void)ctx;
	for (i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
		if (strcmp(fonts[i].name, name) == 0)
			return found(&fonts[i], size);
	}
	return none(size, NULL);
}

const unsigned char *
fz_lookup_builtin_font(fz_context *ctx, const char *family, int bold,
    int italic, int *size)
{
	int	style = (bold ? F_BOLD : 0) | (italic ? F_ITALIC : 0);
	size_t	i;

	(void)ctx;
	for (i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
		if (fonts[i].style == style &&
		    fz_strcasecmp(fonts[i].family, family) == 0)
			return found(&fonts[i], size);
	}
	return none(size, NULL);
}

/* No CJK, Noto, math, music, symbol or emoji fonts are built in. */
const unsigned char *
fz_lookup_cjk_font(fz_context *ctx, int ordering, int *size, int *subfont)
{
	(void)ctx;
	(void)ordering;
	return none(size, subfont);
}

const unsigned char *
fz_lookup_cjk_font_by_language(fz_context *ctx, const char *lang, int *size,
    int *subfont)
{
	(void)ctx;
	(void)lang;
	return none(size, subfont);
}

int
fz_lookup_cjk_ordering_by_language(const char *lang)
{
	static const struct {
		const char	*lang;
		int		 ordering;
	} map[] = {
		{ "zh-Hant", FZ_ADOBE_CNS }, { "zh-TW", FZ_ADOBE_CNS },
		{ "zh-HK", FZ_ADOBE_CNS }, { "zh-Hans", FZ_ADOBE_GB },
		{ "zh-CN", FZ_ADOBE_GB }, { "ja", FZ_ADOBE_JAPAN },
		{ "ko", FZ_ADOBE_KOREA },
	};
	size_t	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(map[i].lang, lang) == 0)
			return map[i].ordering;
	}
	return -1;
}

const unsigned char *
fz_lookup_noto_font(fz_context *ctx, int script, int lang, int *size,
    int *subfont)
{
	(void)ctx;
	(void)script;
	(void)lang;
	return none(size, subfont);
}

#define NO_FONT(fn) \
const unsigned char *fn(fz_context *ctx, int *size) \
{ \
	(void)ctx; \
	return none(size, NULL); \
}
NO_FONT(fz_lookup_noto_math_font)
NO_FONT(fz_lookup_noto_music_font)
NO_FONT(fz_lookup_noto_symbol1_font)
NO_FONT(fz_lookup_noto_symbol2_font)
NO_FONT(fz_lookup_noto_emoji_font)
#undef NO_FONT
