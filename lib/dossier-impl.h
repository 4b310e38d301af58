/*
 * vanthu: helpers shared by lib/dossier-*.c only.
 */
#ifndef VANTHU_DOSSIER_IMPL_H
#define VANTHU_DOSSIER_IMPL_H

/* The name of the manifest in a hand over folder. */
#define DOSSIER_MANIFEST	"manifest.sha256"

/*
 * The body builders of the dossier kinds in the action table
 * (lib/actions.c, vanthu/actions.h): POST /dossiers, .../items and
 * .../remove {"document_id"}, .../close {"end_date", "note"}.
 */
struct cJSON;
struct vt_act_args;
void	dossier_body_open(struct cJSON *j, const struct vt_act_args *a);
void	dossier_body_document(struct cJSON *j, const struct vt_act_args *a);
void	dossier_body_close(struct cJSON *j, const struct vt_act_args *a);

#endif
