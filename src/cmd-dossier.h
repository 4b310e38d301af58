/*
 * vanthu: the subcommands of "vanthu dossier" (src/cmd-dossier*.c).
 * Each takes argv[0] = its own name and returns the exit status.
 */
#ifndef VANTHU_CMD_DOSSIER_H
#define VANTHU_CMD_DOSSIER_H

#include <stdbool.h>

#include "cmd-core.h"
#include "vanthu/dossier.h"

/* The hand over folder's subcommands (src/cmd-dossier-export.c). */
extern const struct vt_cmd cmd_dossier_export_entry;
extern const struct vt_cmd cmd_dossier_verify_entry;

/*
 * dossier_fetch: dossier ID (detailed) from the server, or from the
 * offline copy when OFFLINE or when the server cannot be reached (then
 * *STALE is set and a warning printed).  Returns 0 or the exit status
 * after printing the error.
 */
int	dossier_fetch(struct core *core, const char *id, bool offline,
	    struct vt_dossier *d, bool *stale);

/* dossier_print_toc: D's table of contents, Decree 30's columns. */
void	dossier_print_toc(const struct vt_dossier *d);

#endif
