/*
 * vanthu: the table of commands, in the order "vanthu --help" lists
 * them.  Each entry (options, operands, help) is in its src/cmd-NAME.c;
 * keep the terminating NULL last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"

const struct vt_cmd *const vt_cmds[] = {
	&cmd_assign_entry,
	&cmd_comment_entry,
	&cmd_complete_entry,
	&cmd_dossier_entry,
	&cmd_draft_entry,
	&cmd_drafts_entry,
	&cmd_forward_entry,
	&cmd_get_entry,
	&cmd_inbox_entry,
	&cmd_incoming_register_entry,
	&cmd_login_entry,
	&cmd_logout_entry,
	&cmd_outbox_entry,
	&cmd_outgoing_register_entry,
	&cmd_register_entry,
	&cmd_return_entry,
	&cmd_show_entry,
	&cmd_sync_entry,
	&cmd_ui_entry,
	&cmd_convert_entry,
	&cmd_sign_entry,
	&cmd_token_entry,
	&cmd_verify_entry,
	&cmd_extend_entry,
	&cmd_version_entry,
	NULL
};
