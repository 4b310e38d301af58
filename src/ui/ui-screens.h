/*
 * vanthu: the screens of the terminal interface and the application
 * glue (ui-app.c) that connects them to the core.
 */
#ifndef VANTHU_UI_SCREENS_H
#define VANTHU_UI_SCREENS_H

#include <stdbool.h>

struct ui;
struct ui_screen;

/* ui-inbox.c: the lists (incoming, drafts to review/sign, outbox). */
void	ui_inbox_open_screen(struct ui *ui);
bool	ui_inbox_is(const struct ui_screen *s);
/* The hints of the list S shows now (each list has its keys), or NULL
   when S is not the lists screen. */
const enum ui_fn *ui_inbox_hints_now(const struct ui_screen *s);

/* ui-reader.c: one incoming document. */
void	ui_reader_open(struct ui *ui, const char *id);

/* ui-draft.c: one draft, its annotations, approve/return/sign. */
void	ui_draft_open(struct ui *ui, const char *id);

/* ui-dossier.c: work dossiers; the picker adding DOC_ID to one. */
void	ui_dossiers_open(struct ui *ui);
/* ui-registers.c: the outgoing (or incoming) register of this year. */
void	ui_registers_open(struct ui *ui, bool outgoing);
void	ui_dossier_open(struct ui *ui, const char *id);
void	ui_dossier_pick(struct ui *ui, const char *doc_id);

/* ui-action.c: prompts for the actions on a document, queued. */
void	ui_action_comment(struct ui *ui, const char *doc_id);
void	ui_action_assign(struct ui *ui, const char *doc_id);
void	ui_action_forward(struct ui *ui, const char *doc_id);
void	ui_action_complete(struct ui *ui, const char *doc_id,
	    const char *subject);
void	ui_action_return(struct ui *ui, const char *doc_id,
	    const char *subject);

/* ui-register.c: the clerk registers an arrived document after the
   signature check, or returns it to the sender. */
struct vt_doc;
void	ui_action_register(struct ui *ui, const struct vt_doc *doc);
/* ui-compose.c: the form of a new draft; a new version of a draft. */
struct vt_draft;
void	ui_compose_open(struct ui *ui);
void	ui_compose_revise(struct ui *ui, const struct vt_draft *d);

/* ui-app.c: session, cache, sync. */
void	ui_app_start(struct ui *ui);
void	ui_app_stop(struct ui *ui);
void	ui_app_cancel(struct ui *ui);
/* Start a sync in the background (nothing when one runs already). */
void	ui_app_sync(struct ui *ui);

#endif
