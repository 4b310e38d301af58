/*
 * Unit tests for lib/pdf-text.c: text extraction from real PDFs made at
 * test time (mutool create, and MuPDF's own writer for fonts with
 * legacy names), and from the reference server's seed PDFs (weasyprint
 * Unicode documents and a TCVN3 .VnTime one) when they are present.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/pdftext.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static char	tmpdir[] = "/tmp/vt-pdf-text-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char	*cmd;

	(void)state;
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	(void)system(cmd);
	free(cmd);
	return 0;
}

static bool
have_mutool(void)
{
	return system("mutool -v >/dev/null 2>&1") == 0;
}

/* Make a one-page PDF from CONTENT with mutool create; OPTS for -O. */
static char *
mutool_pdf(const char *name, const char *content, const char *opts)
{
	char	*txt, *pdf, *cmd;
	FILE	*f;

	txt = xasprintf("%s/%s.txt", tmpdir, name);
	pdf = xasprintf("%s/%s.pdf", tmpdir, name);
	f = fopen(txt, "w");
	assert_non_null(f);
	fputs("%%MediaBox 0 0 595 842\n%%Font F1 Times-Roman\n", f);
	fputs(content, f);
	fclose(f);
	cmd = xasprintf("mutool create -o '%s' %s%s '%s' >/dev/null 2>&1",
	    pdf, opts != NULL ? "-O " : "", opts != NULL ? opts : "", txt);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(txt);
	return pdf;
}

/*
 * Make a one-page PDF whose font is a non-embedded TrueType font named
 * FONTNAME with WinAnsiEncoding (as Word wrote .VnTime documents),
 * showing the string BYTES, with MuPDF's writer.  With CONTROLS, the
 * encoding maps codes 7, 27 and 155 to BEL, ESC and CSI.
 */
static char *
font_pdf(const char *name, const char *fontname, const char *bytes,
    bool controls)
{
	fz_context	*ctx;
	pdf_document	*doc;
	pdf_obj		*font, *res, *fonts, *page;
	fz_buffer	*contents;
	char		*path;
	size_t		 i;

	path = xasprintf("%s/%s.pdf", tmpdir, name);
	ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	assert_non_null(ctx);
	doc = pdf_create_document(ctx);
	font = pdf_add_new_dict(ctx, doc, 4);
	pdf_dict_put(ctx, font, PDF_NAME(Type), PDF_NAME(Font));
	pdf_dict_put(ctx, font, PDF_NAME(Subtype), PDF_NAME(TrueType));
	pdf_dict_put_name(ctx, font, PDF_NAME(BaseFont), fontname);
	if (controls) {
		/* Glyph names that MuPDF turns into control characters. */
		pdf_obj *enc = pdf_dict_put_dict(ctx, font, PDF_NAME(Encoding),
		    2);
		pdf_obj *diff = pdf_dict_put_array(ctx, enc,
		    PDF_NAME(Differences), 6);

		pdf_dict_put(ctx, enc, PDF_NAME(BaseEncoding),
		    PDF_NAME(WinAnsiEncoding));
		pdf_array_push_int(ctx, diff, 7);
		pdf_array_push_name(ctx, diff, "uni0007");
		pdf_array_push_int(ctx, diff, 27);
		pdf_array_push_name(ctx, diff, "uni001B");
		pdf_array_push_int(ctx, diff, 155);
		pdf_array_push_name(ctx, diff, "uni009B");
	} else
		pdf_dict_put(ctx, font, PDF_NAME(Encoding),
		    PDF_NAME(WinAnsiEncoding));
	res = pdf_new_dict(ctx, doc, 1);
	fonts = pdf_dict_put_dict(ctx, res, PDF_NAME(Font), 1);
	pdf_dict_puts(ctx, fonts, "F1", font);
	contents = fz_new_buffer(ctx, 256);
	fz_append_string(ctx, contents, "BT /F1 12 Tf 72 700 Td <");
	for (i = 0; bytes[i] != '\0'; i++)
		fz_append_printf(ctx, contents, "%02x",
		    (unsigned char)bytes[i]);
	fz_append_string(ctx, contents, "> Tj ET\n");
	page = pdf_add_page(ctx, doc, fz_make_rect(0, 0, 595, 842), 0, res,
	    contents);
	pdf_insert_page(ctx, doc, -1, page);
	pdf_save_document(ctx, doc, path, NULL);
	pdf_drop_obj(ctx, page);
	pdf_drop_obj(ctx, res);
	pdf_drop_obj(ctx, font);
	fz_drop_buffer(ctx, contents);
	pdf_drop_document(ctx, doc);
	fz_drop_context(ctx);
	return path;
}

static char *
legacy_font_pdf(const char *name, const char *fontname, const char *bytes)
{
	return font_pdf(name, fontname, bytes, false);
}

static struct vt_pdf_text *
open_ok(const char *path, const char *password)
{
	struct vt_pdf_text	*pdf = NULL;
	struct vt_errbuf	 eb;

	if (vt_pdf_text_open(path, password, &pdf, &eb) != VT_OK)
		fail_msg("cannot open %s: %s", path, eb.detail);
	return pdf;
}

static void
assert_clean_text(const char *t)
{
	size_t	i;

	assert_non_null(t);
	assert_true(vt_text_valid_utf8(t, strlen(t)));
	for (i = 0; t[i] != '\0'; i++) {
		if ((unsigned char)t[i] < 0x20 && t[i] != '\n')
			fail_msg("control 0x%02x in the text", t[i]);
	}
}

static void
test_mutool_pdf_text(void **state)
{
	struct vt_pdf_text	*pdf;
	char			*path, *t;

	(void)state;
	if (!have_mutool())
		skip();
	path = mutool_pdf("plain",
	    "BT /F1 12 Tf 72 700 Td (Quyet dinh so 15/QD-UBND) Tj ET\n"
	    "BT /F1 12 Tf 72 680 Td (Trich yeu: giao ban) Tj ET\n", NULL);
	pdf = open_ok(path, NULL);
	assert_int_equal(vt_pdf_text_pages(pdf), 1);
	t = vt_pdf_text_page(pdf, 0);
	assert_clean_text(t);
	assert_non_null(strstr(t, "Quyet dinh so 15/QD-UBND\n"));
	assert_non_null(strstr(t, "Trich yeu: giao ban\n"));
	free(t);
	assert_null(vt_pdf_text_page(pdf, 1));
	assert_null(vt_pdf_text_page(pdf, -1));
	assert_int_equal(vt_pdf_text_legacy(pdf), VT_LEGACY_NONE);
	vt_pdf_text_close(pdf);
	free(path);
}

/* A text string in the PDF cannot reach the terminal as a control. */
static void
test_escape_sequences_neutralised(void **state)
{
	struct vt_pdf_text	*pdf;
	char			*path, *t;

	(void)state;
	/* MuPDF itself shows unnamed codes as U+FFFD ... */
	if (have_mutool()) {
		path = mutool_pdf("escape", "BT /F1 12 Tf 72 700 Td "
		    "(A\\033[2J\\033]0;x\\007B) Tj ET\n", NULL);
		pdf = open_ok(path, NULL);
		t = vt_pdf_text_page(pdf, 0);
		assert_clean_text(t);
		assert_null(strchr(t, '\033'));
		vt_pdf_text_close(pdf);
		free(t);
		free(path);
	}
	/* ... but an encoding can name real control characters. */
	path = font_pdf("controls", "Helvetica",
	    "A\033[2J\033]0;owned\007B\233" "31mC", true);
	pdf = open_ok(path, NULL);
	t = vt_pdf_text_page(pdf, 0);
	assert_clean_text(t);
	assert_null(strstr(t, "owned"));
	assert_null(strstr(t, "31m"));
	assert_non_null(strstr(t, "A\xef\xbf\xbd\xef\xbf\xbd" "B\xef\xbf\xbd" "C"));
	free(t);
	vt_pdf_text_close(pdf);
	free(path);
}

static void
test_password(void **state)
{
	struct vt_pdf_text	*pdf = NULL;
	struct vt_errbuf	 eb;
	char			*path, *t;

	(void)state;
	if (!have_mutool())
		skip();
	path = mutool_pdf("secret", "BT /F1 12 Tf 72 700 Td (Mat) Tj ET\n",
	    "encrypt=aes-256,user-password=mk2026,owner-password=chu");
	assert_int_equal(vt_pdf_text_open(path, NULL, &pdf, &eb),
	    VT_ERR_PDF_PASSWORD);
	assert_null(pdf);
	assert_int_equal(eb.code, VT_ERR_PDF_PASSWORD);
	assert_int_equal(vt_pdf_text_open(path, "sai", &pdf, &eb),
	    VT_ERR_PDF_PASSWORD);
	assert_null(pdf);
	pdf = open_ok(path, "mk2026");
	t = vt_pdf_text_page(pdf, 0);
	assert_non_null(strstr(t, "Mat"));
	free(t);
	vt_pdf_text_close(pdf);
	free(path);
}

static void
test_errors(void **state)
{
	struct vt_pdf_text	*pdf = NULL;
	struct vt_errbuf	 eb;
	char			*path;
	FILE			*f;

	(void)state;
	path = xasprintf("%s/missing.pdf", tmpdir);
	assert_int_equal(vt_pdf_text_open(path, NULL, &pdf, &eb), VT_ERR_IO);
	assert_null(pdf);
	free(path);
	path = xasprintf("%s/not.pdf", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Đây không phải là PDF\n", f);
	fclose(f);
	assert_int_equal(vt_pdf_text_open(path, NULL, &pdf, &eb), VT_ERR_PDF);
	assert_null(pdf);
	assert_int_equal(vt_pdf_text_open_memory("%PDF-1.4 rác", 12, NULL,
	    &pdf, &eb), VT_ERR_PDF);
	free(path);
	vt_pdf_text_close(NULL);
}

static void
test_open_memory(void **state)
{
	struct vt_pdf_text	*pdf = NULL;
	struct vt_errbuf	 eb;
	char			*path, *t, data[65536];
	size_t			 n;
	FILE			*f;

	(void)state;
	if (!have_mutool())
		skip();
	path = mutool_pdf("mem", "BT /F1 12 Tf 72 700 Td (Bo nho) Tj ET\n",
	    NULL);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(data, 1, sizeof data, f);
	fclose(f);
	assert_int_equal(vt_pdf_text_open_memory(data, n, NULL, &pdf, &eb),
	    VT_OK);
	memset(data, 0, n);	/* the document keeps its own copy */
	t = vt_pdf_text_page(pdf, 0);
	assert_non_null(strstr(t, "Bo nho"));
	free(t);
	vt_pdf_text_close(pdf);
	free(path);
}

struct legacy_case {
	const char	*font;
	const char	*bytes;
	enum vt_legacy	 want;
	const char	*converted;
};

static const struct legacy_case legacy_cases[] = {
	/* TCVN3 fonts: ư (0xAD) arrives as '-' through WinAnsiEncoding. */
	{ ".VnTime", "Th\xad\xeang v\xf4 H\xe9i N\xabng d\xa9n nh\xad sau",
	    VT_LEGACY_TCVN3, "Thường vụ Hội Nông dân như sau" },
	{ "ABCDEF+.VnTimeH", "c\xe9ng ho\xb5 x\xb7 h\xe9i", VT_LEGACY_TCVN3,
	    "CỘNG HOÀ XÃ HỘI" },
	{ ".VnArial,Bold", "Ho\xbbng Ho\xb8 - 15/TB-HND", VT_LEGACY_TCVN3,
	    "Hoằng Hoá - 15/TB-HND" },
	{ "VNI-Times", "U\xdby ban nha\xe2n da\xe2n t\xf6\xf4\xf8ng",
	    VT_LEGACY_VNI, "Ủy ban nhân dân tường" },
	/* No telling font name: detection on the text. */
	{ "Times-Roman", "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc" "a "
	    "Vi\xd6t Nam", VT_LEGACY_TCVN3,
	    "Cộng hoà xã hội chủ nghĩa Việt Nam" },
	{ "Arial", "Quyet dinh so 15", VT_LEGACY_NONE, "Quyet dinh so 15" },
};

static void
test_legacy_fonts(void **state)
{
	struct vt_pdf_text	*pdf;
	char			*path, *t, name[32];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof legacy_cases / sizeof legacy_cases[0]; i++) {
		const struct legacy_case *c = &legacy_cases[i];

		snprintf(name, sizeof name, "legacy%zu", i);
		path = legacy_font_pdf(name, c->font, c->bytes);
		pdf = open_ok(path, NULL);
		if (vt_pdf_text_legacy(pdf) != c->want)
			fail_msg("%s: detected %s", c->font,
			    vt_legacy_name(vt_pdf_text_legacy(pdf)));
		t = vt_pdf_text_page_converted(pdf, 0);
		assert_clean_text(t);
		if (strstr(t, c->converted) == NULL)
			fail_msg("%s: got \"%s\", want \"%s\"", c->font, t,
			    c->converted);
		free(t);
		vt_pdf_text_close(pdf);
		free(path);
	}
}

/* The reference server's seed documents, when they are in the tree. */
static char *
seed_path(const char *name)
{
	const char	*top = getenv("top_srcdir");

	return xasprintf("%s/tests/server/seed/pdf/%s", top != NULL ? top :
	    ".", name);
}

static void
test_seed_tcvn3(void **state)
{
	struct vt_pdf_text	*pdf;
	char			*path, *t;

	(void)state;
	path = seed_path("in-tb-hoi-nong-dan-tcvn3.pdf");
	if (access(path, R_OK) != 0) {
		free(path);
		skip();
	}
	pdf = open_ok(path, NULL);
	assert_int_equal(vt_pdf_text_legacy(pdf), VT_LEGACY_TCVN3);
	t = vt_pdf_text_page(pdf, 0);
	assert_clean_text(t);
	assert_non_null(strstr(t, "n\xc2\xabng d\xc2\xa9n"));	/* n«ng d©n */
	free(t);
	t = vt_pdf_text_page_converted(pdf, 0);
	assert_clean_text(t);
	assert_non_null(strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(t, "Ban Thường vụ Hội Nông dân huyện Hoằng "
	    "Hóa"));
	assert_non_null(strstr(t, "TM. BAN THƯỜNG VỤ"));
	free(t);
	vt_pdf_text_close(pdf);
	free(path);
}

static void
test_seed_unicode_documents(void **state)
{
	const char	*top = getenv("top_srcdir");
	char		*dir, *path, *t, *c, *nfc;
	struct dirent	*de;
	DIR		*d;
	struct vt_pdf_text *pdf;
	int		 n = 0, page;

	(void)state;
	dir = xasprintf("%s/tests/server/seed/pdf", top != NULL ? top : ".");
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		skip();
	}
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".pdf") == NULL ||
		    strstr(de->d_name, "tcvn3") != NULL)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		pdf = open_ok(path, NULL);
		assert_true(vt_pdf_text_pages(pdf) >= 1);
		assert_int_equal(vt_pdf_text_legacy(pdf), VT_LEGACY_NONE);
		for (page = 0; page < vt_pdf_text_pages(pdf); page++) {
			t = vt_pdf_text_page(pdf, page);
			assert_clean_text(t);
			nfc = vt_text_nfc(t, strlen(t));
			assert_string_equal(nfc, t);
			c = vt_pdf_text_page_converted(pdf, page);
			assert_string_equal(c, t);
			free(nfc);
			free(c);
			free(t);
		}
		vt_pdf_text_close(pdf);
		free(path);
		n++;
	}
	closedir(d);
	free(dir);
	if (n == 0)
		skip();
	/* One known document's text, word for word. */
	path = seed_path("dt-cv-giong-lua.pdf");
	if (access(path, R_OK) == 0) {
		pdf = open_ok(path, NULL);
		t = vt_pdf_text_page(pdf, 0);
		assert_non_null(strstr(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
		assert_non_null(strstr(t, "UBND XÃ HOẰNG QUÝ"));
		assert_true(vt_text_find(t, "giong lua chat luong cao", NULL,
		    NULL));
		free(t);
		vt_pdf_text_close(pdf);
	}
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mutool_pdf_text),
		cmocka_unit_test(test_escape_sequences_neutralised),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_open_memory),
		cmocka_unit_test(test_legacy_fonts),
		cmocka_unit_test(test_seed_tcvn3),
		cmocka_unit_test(test_seed_unicode_documents),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
