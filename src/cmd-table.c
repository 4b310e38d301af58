/*
 * vanthu: the table of commands.  One line per command; keep the
 * terminating entry last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"

const struct vt_cmd vt_cmds[] = {
	{ "convert", cmd_convert, N_("convert TCVN3 or VNI text to Unicode") },
	{ "version", cmd_version, N_("print the version and exit") },
	{ NULL, NULL, NULL }
};
