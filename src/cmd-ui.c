/*
 * vanthu ui: the full-screen terminal interface (also what "vanthu"
 * runs without a command).  The interface itself is in src/ui/.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
#include "vanthu/i18n.h"
#include "vanthu/ui.h"

static int
cmd_ui(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_ui_options	opt;

	memset(&opt, 0, sizeof opt);
	opt.cli = cli;
	opt.user = vt_args_get(args, 'u');
	opt.password_file = vt_args_get(args, 'P');
	opt.offline = vt_args_has(args, 'o');
	return vt_ui_run(&opt);
}

static const struct vt_cmd_opt ui_opts[] = {
	{ 'u', "user", VT_OPT_SHORT | VT_OPT_ARG, N_("NAME"),
	    N_("fill in NAME on the login screen") },
	{ 'P', "password-file", VT_OPT_ARG, N_("F"),
	    N_("read the password from file F (demonstrations)") },
	{ 'o', "offline", 0, NULL,
	    N_("work from the cache only, without the network") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_ui_entry = {
	.name = "ui",
	.run = cmd_ui,
	.summary = N_("the full-screen interface (the default)"),
	.opts = ui_opts,
	.help = N_("Start the full-screen interface: incoming documents, "
	    "drafts to review and sign, actions waiting to be sent.  Press ? "
	    "on any screen for its keys."),
	.flags = VT_CMD_IN_ORDER,
};
