/*
 * vanthu: the full-screen terminal interface (ncursesw), in src/ui/.
 *
 * The interface calls only the core (session, cache, outbox, api, sign,
 * pdftext and text modules); it never speaks HTTP, parses JSON or touches
 * a PKCS#11 token itself.  One thread touches curses; long work (sync,
 * downloads, signing) runs in a worker thread that never does.
 *
 * This header has no curses in it, so the command table can include it.
 */
#ifndef VANTHU_UI_H
#define VANTHU_UI_H

#include <stdbool.h>

#include "vanthu/cmd.h"

/* What the "ui" command was asked to do. */
struct vt_ui_options {
	const struct vt_cli	*cli;		/* global options (config...) */
	const char		*user;		/* --user: login name to fill in */
	const char		*password_file;	/* --password-file (demo/tests) */
	bool			 offline;	/* --offline: no network at all */
};

/*
 * vt_ui_run: run the terminal interface until the user quits.  Starts
 * from the cache at once, then syncs in the background when a session is
 * there (or shows the login screen).  Returns the process exit status
 * (0 on a normal quit; see vt_exit_status()).  Needs a terminal on
 * stdin/stdout: returns 1 with a message on stderr otherwise.
 */
int	vt_ui_run(const struct vt_ui_options *opt);

#endif
