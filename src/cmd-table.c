/*
 * vanthu: the table of commands, in the order "vanthu --help" lists
 * them.  Each entry (options, operands, help) is in its src/cmd-NAME.c;
 * keep the terminating NULL last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"

const struct vt_cmd vt_cmds[] = {
	{ "assign", cmd_assign, N_("assign a document: lead, cooperating, for information, deadline") },
	{ "comment", cmd_comment, N_("add a comment to a document") },
	{ "complete", cmd_complete, N_("mark a document as completed") },
	{ "dossier", cmd_dossier, N_("work dossiers: open, add documents, close, hand over") },
	{ "draft", cmd_draft, N_("show, annotate, approve or return a draft") },
	{ "drafts", cmd_drafts, N_("list the drafts awaiting you") },
	{ "forward", cmd_forward, N_("pass a document to other people") },
	{ "get", cmd_get, N_("save an attachment or a draft's PDF to a file") },
	{ "inbox", cmd_inbox, N_("list incoming documents") },
	{ "login", cmd_login, N_("log in to the document server") },
	{ "logout", cmd_logout, N_("log out and forget the session") },
	{ "outbox", cmd_outbox, N_("list, send or drop queued actions") },
	{ "return", cmd_return, N_("return a document to its sender") },
	{ "show", cmd_show, N_("show a document in full") },
	{ "sync", cmd_sync, N_("send queued actions and update the offline copy") },
	{ "ui", cmd_ui, N_("the full-screen interface (the default)") },
	{ "convert", cmd_convert, N_("convert TCVN3 or VNI text to Unicode") },
	{ "sign", cmd_sign, N_("sign a PDF file with the signing token") },
	{ "token", cmd_token, N_("list signing tokens and their certificates") },
	{ "verify", cmd_verify, N_("check the digital signatures of a PDF file") },
	{ "version", cmd_version, N_("print the version and exit") },
	{ NULL, NULL, NULL }
const struct vt_cmd *const vt_cmds[] = {
	&cmd_assign_entry,
	&cmd_comment_entry,
	&cmd_complete_entry,
	&cmd_draft_entry,
	&cmd_drafts_entry,
	&cmd_forward_entry,
	&cmd_get_entry,
	&cmd_inbox_entry,
	&cmd_login_entry,
	&cmd_logout_entry,
	&cmd_outbox_entry,
	&cmd_return_entry,
	&cmd_show_entry,
	&cmd_sync_entry,
	&cmd_ui_entry,
	&cmd_convert_entry,
	&cmd_sign_entry,
	&cmd_token_entry,
	&cmd_verify_entry,
	&cmd_version_entry,
	NULL
};
