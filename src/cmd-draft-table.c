/*
 * vanthu: the subcommands of "vanthu draft", one line each (the
 * signing subsystem adds "sign" here).  Keep the terminating entry last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"

const struct vt_cmd vt_draft_cmds[] = {
	{ "new", cmd_draft_new, N_("start a draft from a PDF with its metadata") },
	{ "revise", cmd_draft_revise, N_("upload a new version of your draft") },
	{ "diff", cmd_draft_diff, N_("show the words changed between two versions") },
	{ "show", cmd_draft_show, N_("show a draft, its versions and annotations") },
	{ "annotate", cmd_draft_annotate, N_("annotate a page of the current version") },
	{ "approve", cmd_draft_approve, N_("approve a draft") },
	{ "return", cmd_draft_return, N_("return a draft to its drafter with a reason") },
	{ "sign", cmd_draft_sign, N_("sign the current version with the token and send it") },
	{ "fields", cmd_draft_fields, N_("add the empty number and date fields to a draft PDF") },
	{ NULL, NULL, NULL }
};
