/* Unit tests for lib/pdf-context.c: MuPDF contexts and opening a PDF. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/pdf-context.h"
#include "vanthu/xmalloc.h"

static char	tmpdir[] = "/tmp/vt-pdf-context-XXXXXX";

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

/* A one-page PDF made by mutool create; OPTS for -O (may be NULL). */
static char *
make_pdf(const char *name, const char *opts)
{
	char	*txt, *pdf, *cmd;
	FILE	*f;

	txt = xasprintf("%s/%s.txt", tmpdir, name);
	pdf = xasprintf("%s/%s.pdf", tmpdir, name);
	f = fopen(txt, "w");
	assert_non_null(f);
	fputs("%%MediaBox 0 0 595 842\n%%Font F1 Times-Roman\n"
	    "BT /F1 12 Tf 72 700 Td (Cong van) Tj ET\n", f);
	fclose(f);
	cmd = xasprintf("mutool create -o '%s' %s%s '%s' >/dev/null 2>&1",
	    pdf, opts != NULL ? "-O " : "", opts != NULL ? opts : "", txt);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(txt);
	return pdf;
}

static bool
have_mutool(void)
{
	return system("mutool -v >/dev/null 2>&1") == 0;
}

static int
pages(fz_context *ctx, pdf_document *doc)
{
	volatile int	n = -1;

	fz_try(ctx)
		n = pdf_count_pages(ctx, doc);
	fz_catch(ctx)
		n = -1;
	return n;
}

static void
test_open_file_and_memory(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_buf		 b;
	fz_context		*ctx;
	pdf_document		*doc = NULL;
	char			*path;

	(void)state;
	if (!have_mutool())
		skip();
	path = make_pdf("plain", NULL);
	ctx = vt_mupdf_new(&eb);
	assert_non_null(ctx);
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, NULL, path, &doc,
	    &eb), VT_OK);
	assert_int_equal(pages(ctx, doc), 1);
	assert_int_equal(vt_mupdf_check_repaired(ctx, doc, path, &eb), VT_OK);
	pdf_drop_document(ctx, doc);
	/* The same bytes from memory (copied: the buffer may go). */
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(path, 1 << 20, &b, NULL), VT_OK);
	assert_int_equal(vt_mupdf_open(ctx, NULL, b.data, b.len, NULL, NULL,
	    &doc, &eb), VT_OK);
	vt_buf_free(&b);
	assert_int_equal(pages(ctx, doc), 1);
	pdf_drop_document(ctx, doc);
	vt_mupdf_drop(ctx);
	free(path);
}

static void
test_not_a_pdf(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	fz_context		*ctx;
	pdf_document		*doc = (pdf_document *)&eb;
	char			*path, *want;

	(void)state;
	path = xasprintf("%s/note.pdf", tmpdir);
	assert_int_equal(vt_file_write_atomic(path, "Kính gửi", 10, 0600,
	    NULL), VT_OK);
	ctx = vt_mupdf_new(NULL);
	assert_non_null(ctx);
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, NULL, path, &doc,
	    &eb), VT_ERR_PDF);
	assert_null(doc);
	want = xasprintf("%s: ", path);
	assert_memory_equal(eb.detail, want, strlen(want));
	free(want);
	/* Without a name the message is MuPDF's alone. */
	assert_int_equal(vt_mupdf_open(ctx, NULL, "%PDF-1.7 rác", 12, NULL,
	    NULL, &doc, &eb), VT_ERR_PDF);
	assert_null(doc);
	assert_null(strstr(eb.detail, tmpdir));
	/* A missing file. */
	assert_int_equal(vt_mupdf_open(ctx, "/nonexistent/x.pdf", NULL, 0,
	    NULL, "x.pdf", &doc, &eb), VT_ERR_PDF);
	vt_mupdf_drop(ctx);
	vt_mupdf_drop(NULL);
	free(path);
}

static void
test_password(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	fz_context		*ctx;
	pdf_document		*doc = NULL;
	char			*path;

	(void)state;
	if (!have_mutool())
		skip();
	path = make_pdf("secret",
	    "encrypt=aes-256,user-password=mk2026,owner-password=chu");
	ctx = vt_mupdf_new(NULL);
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, NULL, "secret.pdf",
	    &doc, &eb), VT_ERR_PDF_PASSWORD);
	assert_null(doc);
	assert_string_equal(eb.detail,
	    "secret.pdf: give its password (--password)");
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, NULL, NULL, &doc,
	    &eb), VT_ERR_PDF_PASSWORD);
	assert_string_equal(eb.detail,
	    "the document is protected by a password");
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, "sai", "secret.pdf",
	    &doc, &eb), VT_ERR_PDF_PASSWORD);
	assert_string_equal(eb.detail, "secret.pdf: wrong password");
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, "sai", NULL, &doc,
	    &eb), VT_ERR_PDF_PASSWORD);
	assert_string_equal(eb.detail, "the password is wrong");
	assert_null(doc);
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, "mk2026", NULL,
	    &doc, &eb), VT_OK);
	assert_int_equal(pages(ctx, doc), 1);
	pdf_drop_document(ctx, doc);
	vt_mupdf_drop(ctx);
	free(path);
}

static void
test_repaired(void **state)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_buf		 b;
	fz_context		*ctx;
	pdf_document		*doc = NULL;
	char			*path, *p;

	(void)state;
	if (!have_mutool())
		skip();
	path = make_pdf("broken", NULL);
	/* Point startxref at the wrong place: MuPDF repairs on opening. */
	vt_buf_init(&b);
	assert_int_equal(vt_file_read(path, 1 << 20, &b, NULL), VT_OK);
	/* The last "startxref" (the file has binary streams before). */
	for (p = b.data + b.len - strlen("startxref"); p > b.data &&
	    memcmp(p, "startxref", strlen("startxref")) != 0; p--)
		;
	assert_true(p > b.data);
	for (p += strlen("startxref"); *p == '\r' || *p == '\n'; p++)
		;
	assert_true(*p >= '1' && *p <= '9');
	for (; *p >= '0' && *p <= '9'; p++)
		*p = '9';
	unlink(path);
	assert_int_equal(vt_file_write(path, b.data, b.len, 0600, NULL),
	    VT_OK);
	vt_buf_free(&b);
	ctx = vt_mupdf_new(NULL);
	assert_int_equal(vt_mupdf_open(ctx, path, NULL, 0, NULL, "broken.pdf",
	    &doc, &eb), VT_OK);
	assert_int_equal(pages(ctx, doc), 1);
	assert_int_equal(vt_mupdf_check_repaired(ctx, doc, "broken.pdf", &eb),
	    VT_ERR_PDF_REPAIRED);
	assert_memory_equal(eb.detail, "broken.pdf is damaged", 21);
	pdf_drop_document(ctx, doc);
	vt_mupdf_drop(ctx);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_file_and_memory),
		cmocka_unit_test(test_not_a_pdf),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_repaired),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
