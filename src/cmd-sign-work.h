/*
 * vanthu: what `draft sign` and `draft issue` share around the one
 * confirm-then-PIN flow (cmd_draft_sign_ask): the session, the draft,
 * the pipeline's options, and a private work directory where the
 * draft's version is downloaded and the signed copy written, all of it
 * removed at the end.  The directory is locked (flock(2)) while in use,
 * so that the stale-file cleaning at start (vt_tmp_clean) leaves a live
 * one alone and removes one whose process was killed.
 */
#ifndef VANTHU_CMD_SIGN_WORK_H
#define VANTHU_CMD_SIGN_WORK_H

#include <stdbool.h>

#include "vanthu/cmd.h"
#include "vanthu/error.h"
#include "vanthu/model.h"
#include "vanthu/sign-draft.h"
#include "cmd-core.h"

struct cmd_draft_job {
	struct core			 core;
	bool				 core_open;
	struct vt_sign_config		 cfg;
	struct vt_draft			 d;
	struct vt_draft_sign_opts	 so;	/* for the pipeline */
	char				*dir;	/* $TMPDIR/vanthu-sign-XXXXXX */
	char				*pdf;	/* DIR/version.pdf */
	int				 lock;	/* holds DIR's lock, or -1 */
};

/*
 * cmd_draft_job_open: for command CMD on draft ID: open the session,
 * read the signing configuration (trust_file is required), get the
 * draft, fill J->so for MODE and VERIFY_ALLOW (vt_draft_sign_opts),
 * check who may sign (vt_draft_sign_check) before anything is
 * downloaded (with MODE VT_DRAFT_SIGN_AUTO, the signer's signature of
 * `draft sign`: a draft that would get the agency signature is refused,
 * VT_ERR_STATE, as `draft issue`'s), then make and lock the work directory and download the
 * current version there (its SHA-256 is checked by the pipeline).
 * Returns 0, or the exit status after the message was printed.  J is
 * always to be closed with cmd_draft_job_close().
 */
int	 cmd_draft_job_open(struct cmd_draft_job *j, const struct vt_cli *cli,
	     const char *cmd, const char *id, enum vt_draft_sign_mode mode,
	     unsigned verify_allow);

/* cmd_draft_job_close: remove the work directory, free everything. */
void	 cmd_draft_job_close(struct cmd_draft_job *j);

#endif
