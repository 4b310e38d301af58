/*
 * vanthu: the subcommands of "vanthu dossier" (src/cmd-dossier*.c).
 * Each takes argv[0] = its own name and returns the exit status.
 */
#ifndef VANTHU_CMD_DOSSIER_H
#define VANTHU_CMD_DOSSIER_H

#include <stdbool.h>

#include "cmd-core.h"
#include "vanthu/dossier.h"

int	dossier_list(const struct vt_cli *, int, char **);
int	dossier_new(const struct vt_cli *, int, char **);
int	dossier_show(const struct vt_cli *, int, char **);
int	dossier_add(const struct vt_cli *, int, char **);
int	dossier_remove(const struct vt_cli *, int, char **);
int	dossier_close(const struct vt_cli *, int, char **);
int	dossier_reopen(const struct vt_cli *, int, char **);
int	dossier_export(const struct vt_cli *, int, char **);
int	dossier_verify(const struct vt_cli *, int, char **);

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
