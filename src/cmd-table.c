/*
 * vanthu: the table of commands.  One line per command; keep the
 * terminating entry last.
 */
#include "config.h"

#include <stddef.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"

const struct vt_cmd vt_cmds[] = {
	{ "assign", cmd_assign, N_("assign a document: lead, cooperating, for information, deadline") },
	{ "comment", cmd_comment, N_("add a comment to a document") },
	{ "complete", cmd_complete, N_("mark a document as completed") },
	{ "draft", cmd_draft, N_("show, annotate, approve or return a draft") },
	{ "drafts", cmd_drafts, N_("list the drafts awaiting you") },
	{ "forward", cmd_forward, N_("pass a document to other people") },
	{ "get", cmd_get, N_("save an attachment or a draft's PDF to a file") },
	{ "inbox", cmd_inbox, N_("list incoming documents") },
	{ "incoming-register", cmd_incoming_register, N_("print the incoming register (sổ đăng ký văn bản đến)") },
	{ "login", cmd_login, N_("log in to the document server") },
	{ "logout", cmd_logout, N_("log out and forget the session") },
	{ "outbox", cmd_outbox, N_("list, send or drop queued actions") },
	{ "register", cmd_register, N_("register an arrived document (clerk): check its signature, give it its arrival number") },
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
};
