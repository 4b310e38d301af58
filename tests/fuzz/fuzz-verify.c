/*
 * libFuzzer target for the PDF signature verifier (vt_verify_pdf,
 * lib/sign-verify.c and lib/verify-*.c): the input is a PDF (the seeds
 * are signed PDFs: personal and agency signatures, incremental
 * revisions, and the hostile files of tests/tools/hostile-pdf), checked
 * against the trust store FUZZ_TRUST (a PEM file; none: no chain
 * check).  For any input: no crash, no leak, no out-of-bounds access
 * or undefined behaviour; the reports of the result (whatever the file
 * put in its names, reasons and dates) are valid UTF-8 with no control
 * character but the line end: nothing from the file can reach the
 * terminal as an escape sequence.
 *
 * Build: see mk/fuzz.am (make check runs it briefly, make fuzz long).
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char		*path;
static const char	*trust;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*base = getenv("TMPDIR");
	int		 fd;

	(void)argc;
	(void)argv;
	if (access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (base == NULL)
		base = "/tmp";
	path = xasprintf("%s/vanthu-fuzz-verify.XXXXXX", base);
	if ((fd = mkstemp(path)) < 0)
		abort();
	close(fd);
	trust = getenv("FUZZ_TRUST");
	if (trust != NULL && *trust == '\0')
		trust = NULL;
	return 0;
}

/* TEXT is safe for a terminal: UTF-8, no C0 (but \n), DEL nor C1. */
static void
check_safe(const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;

	if (!vt_text_valid_utf8(text, strlen(text)))
		abort();
	for (; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort();
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb;
	FILE			*f;
	size_t			 i;
	char			*text;

	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	if (vt_verify_pdf(path, NULL, trust, &res, &eb) != VT_OK)
		return 0;
	for (i = 0; i < res.n; i++) {
		text = vt_verify_result_text(&res.sigs[i]);
		check_safe(text);
		free(text);
	}
	text = vt_verify_report_text(&res, "fuzz.pdf");
	check_safe(text);
	free(text);
	text = vt_verify_report_brief(&res);
	check_safe(text);
	free(text);
	vt_verify_result_free(&res);
	return 0;
}
