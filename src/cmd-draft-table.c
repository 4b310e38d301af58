/*
 * vanthu: the subcommands of "vanthu draft", in the order its --help
 * lists them.  Each entry is in its src/cmd-draft*.c; keep the
 * terminating NULL last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"

static const struct vt_cmd *const draft_cmds[] = {
	&cmd_draft_new_entry,
	&cmd_draft_revise_entry,
	&cmd_draft_diff_entry,
	&cmd_draft_show_entry,
	&cmd_draft_annotate_entry,
	&cmd_draft_approve_entry,
	&cmd_draft_return_entry,
	&cmd_draft_sign_entry,
	&cmd_draft_issue_entry,
	&cmd_draft_fields_entry,
	NULL
};

const struct vt_cmd cmd_draft_entry = {
	.name = "draft",
	.summary = N_("show, annotate, approve or return a draft"),
	.help = N_("Work on drafts (dự thảo): start one or upload its new "
	    "version, compare versions, and show, annotate, approve, return "
	    "or sign one sent to you."),
	.subcmds = draft_cmds,
};
