/*
 * vanthu convert: turn text in a legacy Vietnamese encoding (TCVN3/ABC
 * of the .VnTime fonts, or VNI-Windows) into Unicode (UTF-8, NFC).
 * Reads FILE or standard input, writes standard output (made safe for
 * the terminal when it is one).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/buf.h"
#include "vanthu/cmd.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"

/* Read all of F into B.  Returns false on a read error. */
static bool
read_all(FILE *f, struct vt_buf *b)
{
	char	chunk[8192];
	size_t	n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		vt_buf_add(b, chunk, n);
	return !ferror(f);
}

static bool
has_high_bytes(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return true;
	}
	return false;
}

/*
 * Convert IN (LEN bytes).  Input that is valid UTF-8 with non-ASCII
 * characters is text whose legacy bytes were shown as Windows-1252
 * (copied from a PDF or a document): it is mapped back first.
 */
static vt_code
convert(const char *in, size_t len, int auto_detect, enum vt_legacy enc,
    int flags, const char *name, char **out)
{
	int	utf8 = has_high_bytes(in, len) && vt_text_valid_utf8(in, len);

	if (auto_detect) {
		if (!has_high_bytes(in, len)) {
			*out = vt_text_nfc(in, len);
			return VT_OK;
		}
		enc = utf8 ? vt_legacy_detect_utf8(in, len) :
		    vt_legacy_detect(in, len);
		if (enc == VT_LEGACY_NONE && utf8) {
			fprintf(stderr, _("%s convert: %s is already in Unicode; "
			    "it is written unchanged.\n"), PACKAGE, name);
			*out = vt_text_nfc(in, len);
			return VT_OK;
		}
		if (enc == VT_LEGACY_NONE) {
			fprintf(stderr, _("%s convert: cannot tell the encoding "
			    "of %s: it does not look like Vietnamese in TCVN3 or "
			    "VNI.\nName it with --from tcvn3 or --from vni.\n"),
			    PACKAGE, name);
			return VT_ERR_ENCODING;
		}
	}
	if (utf8)
		return vt_legacy_utf8_to_utf8(enc, in, len, flags, out);
	return vt_legacy_to_utf8_flags(enc, in, len, flags, out);
}

static int
cmd_convert(const struct vt_cli *cli, const struct vt_args *args)
{
	enum vt_legacy	 enc = VT_LEGACY_NONE;
	int		 auto_detect = 1, flags = 0;
	const char	*path = NULL, *name;
	struct vt_buf	 in;
	FILE		*f = stdin;
	char		*out = NULL, msg[256];
	size_t		 i;
	vt_code		 rc;

	(void)cli;
	for (i = 0; i < args->nopts; i++) {
		switch (args->opts[i].key) {
		case 'f':
			if (strcmp(args->opts[i].value, "auto") == 0) {
				auto_detect = 1;
				break;
			}
			if (!vt_legacy_from_name(args->opts[i].value, &enc)) {
				snprintf(msg, sizeof msg, _("unknown encoding "
				    "'%s' (use tcvn3, vni or auto)"),
				    args->opts[i].value);
				return vt_cmd_usage_error(args->cmd, msg);
			}
			auto_detect = 0;
			break;
		case 'u':
			flags |= VT_LEGACY_UPPER;
			break;
		}
	}
	if (args->argc == 1 && strcmp(args->argv[0], "-") != 0)
		path = args->argv[0];
	name = path != NULL ? path : _("standard input");
	if (path != NULL && (f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, _("%s convert: cannot open %s: %s\n"), PACKAGE,
		    path, strerror(errno));
		return vt_exit_status(VT_ERR_IO);
	}
	vt_buf_init(&in);
	if (!read_all(f, &in)) {
		fprintf(stderr, _("%s convert: cannot read %s: %s\n"), PACKAGE,
		    name, strerror(errno));
		if (f != stdin)
			fclose(f);
		vt_buf_free(&in);
		return vt_exit_status(VT_ERR_IO);
	}
	if (f != stdin)
		fclose(f);
	rc = convert(in.data != NULL ? in.data : "", in.len, auto_detect, enc,
	    flags, name, &out);
	vt_buf_free(&in);
	if (rc != VT_OK)
		return vt_exit_status(rc);
	if (isatty(STDOUT_FILENO)) {
		/* On a terminal, control characters from the input (text
		   copied out of a PDF from anyone) must not act: shown as
		   U+FFFD.  Files and pipes get the exact conversion. */
		char	*safe = vt_text_safe(out, strlen(out),
		    VT_TEXT_MULTILINE);

		free(out);
		out = safe;
	}
	if (fputs(out, stdout) == EOF || fflush(stdout) == EOF) {
		fprintf(stderr, _("%s convert: cannot write the output: %s\n"),
		    PACKAGE, strerror(errno));
		free(out);
		return vt_exit_status(VT_ERR_IO);
	}
	free(out);
	return 0;
}

static const struct vt_cmd_opt convert_opts[] = {
	{ 'f', "from", VT_OPT_SHORT | VT_OPT_ARG, N_("ENC"),
	    N_("the encoding of the input: tcvn3 (ABC, .VnTime fonts), vni "
	    "(VNI-Windows fonts) or auto (the default: detect it)") },
	{ 'u', "upper", VT_OPT_SHORT, NULL,
	    N_("the text was set in an upper-case font (.VnTimeH)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_convert_entry = {
	.name = "convert",
	.run = cmd_convert,
	.summary = N_("convert TCVN3 or VNI text to Unicode"),
	.operands = N_("[FILE]"),
	.min_args = 0,
	.max_args = 1,
	.opts = convert_opts,
	.help = N_("Convert Vietnamese text in an old encoding to Unicode "
	    "(UTF-8).  Reads FILE, or standard input when FILE is missing or "
	    "'-', and writes standard output."),
};
