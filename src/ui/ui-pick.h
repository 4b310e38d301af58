/*
 * vanthu: a picker: a list of choices on a screen of its own, one
 * chosen with Enter, or several marked with Space (ui-pick.c).  The
 * form of a new draft (ui-compose.c) picks its type, urgency, signer,
 * reviewers and competence with it.
 */
#ifndef VANTHU_UI_PICK_H
#define VANTHU_UI_PICK_H

#include <stdbool.h>
#include <stddef.h>

struct ui;

/*
 * Called when the user is done: CHOSEN is the index chosen with Enter
 * (-1 for a multiple choice), MARKED the marks of a multiple choice
 * (NULL for a single one).  The picker screen is closed already.
 */
typedef void	(*ui_pick_fn)(struct ui *ui, void *arg, int chosen,
		    const bool *marked);

/*
 * ui_pick_open: a picker titled TITLE over the N LABELS (copied);
 * MULTI lets Space mark several (MARKED, may be NULL, gives the
 * initial marks); SEL is the row selected first.
 */
void	ui_pick_open(struct ui *ui, const char *title,
	    const char *const *labels, size_t n, bool multi,
	    const bool *marked, int sel, ui_pick_fn done, void *arg);

#endif
