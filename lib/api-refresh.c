/*
 * vanthu: the one refresh policy (vanthu/refresh.h): send the outbox,
 * then sync (and, asked for, the dossiers); what a network error means
 * decided here once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/dossier.h"
#include "vanthu/i18n.h"
#include "vanthu/refresh.h"
#include "vanthu/xmalloc.h"

/* After these the server is not asked again in the same refresh. */
static bool
refresh_stops(vt_code code)
{
	return code == VT_ERR_NETWORK || code == VT_ERR_TLS ||
	    code == VT_ERR_EXPIRED || code == VT_ERR_AUTH;
}

vt_code
vt_refresh(struct vt_client *c, struct vt_outbox *outbox,
    struct vt_cache *cache, struct vt_refresh_result *res,
    struct vt_errbuf *eb)
{
	struct vt_errbuf	 feb = { VT_OK, "" };
	vt_code			 code;

	memset(res, 0, sizeof *res);
	res->flush_code = VT_OK;
	if (outbox != NULL)
		res->flush_code = vt_outbox_flush(outbox, c, NULL, &res->flush,
		    &feb);
	if (refresh_stops(res->flush_code)) {
		if (eb != NULL)
			*eb = feb;
		return res->flush_code;
	}
	if ((code = vt_sync(c, cache, &res->sync, eb)) != VT_OK)
		return code;
	res->synced = true;
	if (res->flush_code != VT_OK) {
		if (eb != NULL)
			*eb = feb;
		return res->flush_code;
	}
	return VT_OK;
}

vt_code
vt_refresh_all(struct vt_client *c, struct vt_outbox *outbox,
    struct vt_cache *cache, struct vt_refresh_result *res,
    struct vt_errbuf *eb)
{
	vt_code	code = vt_refresh(c, outbox, cache, res, eb);
	vt_code	dcode;

	if (!res->synced)
		return code;
	dcode = vt_dossier_sync(c, cache, res->sync.full ||
	    !res->sync.unchanged, res->sync.dossiers_quiet,
	    &res->dossiers_changed,
	    code == VT_OK ? eb : NULL);
	res->dossiers = dcode == VT_OK;
	return code != VT_OK ? code : dcode;
}

char *
vt_refresh_summary(const struct vt_refresh_result *res)
{
	const struct vt_sync_result	*s = &res->sync;
	char				*docs, *dossiers, *out;

	if (!res->synced)
		return NULL;
	/* Nothing new on the documents, and the dossiers' part failed:
	   not "up to date" (the caller says what failed). */
	if (s->unchanged && !res->dossiers && res->dossiers_changed == 0)
		return NULL;
	if (s->unchanged && res->dossiers_changed > 0)
		docs = xstrdup("");
	else if (s->unchanged)
		docs = xstrdup(_("Up to date."));
	else if (s->full)
		/* A full listing replaces the copy: nothing is counted as
		   removed. */
		docs = xasprintf(ngettext("Updated: %zu document or draft, "
		    "listed in full.", "Updated: %zu documents and drafts, "
		    "listed in full.", s->changed), s->changed);
	else
		docs = xasprintf(_("Updated: %zu changed, %zu removed."),
		    s->changed, s->deleted);
	if (res->dossiers_changed == 0)
		return docs;
	dossiers = xasprintf(ngettext("Work dossiers: %zu updated.",
	    "Work dossiers: %zu updated.", res->dossiers_changed),
	    res->dossiers_changed);
	out = xasprintf("%s%s%s", docs, docs[0] != '\0' ? " " : "",
	    dossiers);
	free(docs);
	free(dossiers);
	return out;
}
