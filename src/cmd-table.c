/*
 * vanthu: the table of commands.  One line per command; keep the
 * terminating entry last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"

const struct vt_cmd vt_cmds[] = {
	{ "ui", cmd_ui, N_("the full-screen interface (the default)") },
	{ "convert", cmd_convert, N_("convert TCVN3 or VNI text to Unicode") },
	{ "sign", cmd_sign, N_("sign a PDF file with the signing token") },
	{ "token", cmd_token, N_("list signing tokens and their certificates") },
	{ "verify", cmd_verify, N_("check the digital signatures of a PDF file") },
	{ "version", cmd_version, N_("print the version and exit") },
	{ NULL, NULL, NULL }
};
