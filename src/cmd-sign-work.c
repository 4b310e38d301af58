/*
 * vanthu: the shared frame of `draft sign` and `draft issue`
 * (src/cmd-sign-work.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"
#include "cmd-ask.h"
#include "cmd-sign-work.h"

/* Download version V into J->pdf (the pipeline checks its SHA-256). */
static vt_code
download(struct cmd_draft_job *j, const struct vt_version *v,
    struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	vt_code			 rc;

	memset(&att, 0, sizeof att);
	att.id = v->attachment_id;
	att.sha256 = NULL;	/* checked once, by the pipeline */
	att.size = v->size;
	att.url = xasprintf("/api/v1/attachments/%s", v->attachment_id);
	rc = vt_api_download(j->core.client, &att, j->pdf, eb);
	free(att.url);
	return rc;
}

int
cmd_draft_job_open(struct cmd_draft_job *j, const struct vt_cli *cli,
    const char *cmd, const char *id, enum vt_draft_sign_mode mode,
    unsigned verify_allow)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	const struct vt_session	*sess;
	enum vt_draft_sign_mode	 resolved;
	int			 status;

	memset(j, 0, sizeof *j);
	j->lock = -1;
	if ((status = core_open(&j->core, cli, cmd, CORE_LOGIN |
	    CORE_OUTBOX)) != 0)
		return status;
	j->core_open = true;
	vt_sign_config_from(&j->core.cfg, &j->cfg);
	if (j->cfg.trust_file == NULL) {
		vt_fail(&eb, VT_ERR_CONFIG, _("set trust_file in the "
		    "configuration: the signed draft is verified against it "
		    "before it is sent"));
		return vt_sign_report(&eb);
	}
	if (vt_api_draft_get(j->core.client, id, &j->d, &eb) != VT_OK)
		return core_fail(&j->core, &eb);
	sess = vt_client_session(j->core.client);
	j->so.draft = &j->d;
	j->so.username = sess != NULL ? sess->username : NULL;
	j->so.role = vt_user_role_parse(sess != NULL ? sess->role : NULL);
	j->so.mode = mode;
	j->so.cfg = &j->cfg;
	j->so.verify_allow = verify_allow;
	/* Refuse who may not sign before anything is downloaded; asked
	   for the signer's signature (AUTO), the clerk's signature on a
	   signed draft is draft issue's. */
	if (vt_draft_sign_check(&j->so, &resolved, &eb) == VT_OK &&
	    mode == VT_DRAFT_SIGN_AUTO && resolved == VT_DRAFT_SIGN_AGENCY)
		vt_fail(&eb, VT_ERR_STATE, _("%s is signed by its signer: "
		    "number it, add the agency signature and send it with "
		    "vanthu draft issue %s"), j->d.id, j->d.id);
	if (eb.code != VT_OK)
		return eb.code == VT_ERR_CONFIG ? vt_sign_report(&eb) :
		    core_fail(&j->core, &eb);
	if ((j->dir = vt_tmp_workdir("sign", &j->lock, &eb)) == NULL)
		return vt_sign_report(&eb);
	j->pdf = xasprintf("%s/version.pdf", j->dir);
	if (download(j, &j->d.current_version, &eb) != VT_OK)
		return core_fail(&j->core, &eb);
	j->so.pdf = j->pdf;
	j->so.work_dir = j->dir;
	return 0;
}

void
cmd_draft_job_close(struct cmd_draft_job *j)
{
	if (j->dir != NULL)
		vt_tmp_workdir_remove(j->dir, j->lock);
	free(j->pdf);
	free(j->dir);
	vt_draft_clear(&j->d);
	vt_sign_config_free(&j->cfg);
	if (j->core_open)
		core_close(&j->core);
	memset(j, 0, sizeof *j);
	j->lock = -1;
}
