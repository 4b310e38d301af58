/*
 * vanthu: the draft view (ui-draft.c) and its signing flow (ui-sign.c).
 */
#ifndef VANTHU_UI_DRAFT_H
#define VANTHU_UI_DRAFT_H

#include <stdbool.h>

#include "vanthu/model.h"
#include "ui-doc.h"
#include "ui-pager.h"

struct ui;
struct ui_sign;

struct ui_draft {
	char			*id;
	struct vt_draft		 draft;
	bool			 have;
	struct ui_doctext	 text;
	struct ui_pager		 pager;
	struct ui_doc_job	*job;
	struct ui_sign		*sign;		/* a signing in progress */
	bool			 signing;
	bool			 approved;	/* approval queued here */
	/* The screen's operations with the hints of the steps the
	   draft's state allows me now (ui_draft_set_ops). */
	struct ui_screen_ops	 ops;
	enum ui_fn		 hints[16];
	/* The pager's lines that are annotations shown inside the text
	   (not text to quote): a flag per line, NNOTE_LINES of them. */
	bool			*note_lines;
	int			 nnote_lines;
	char			 title[300];
};

/* Redraw the pager's lines from the draft. */
void	ui_draft_fill(struct ui *ui, struct ui_draft *dv);

/* ui-sign.c: sign the draft's current version with the token. */
void	ui_sign_start(struct ui *ui, struct ui_draft *dv);
/* The draft view is closing: let a running signing finish alone. */
void	ui_sign_forget(struct ui_draft *dv);

/* ui-diff.c: the words changed between two versions of the draft. */
void	ui_diff_open(struct ui *ui, struct ui_draft *dv);

/* ui-data.c: translated name of a draft state. */
const char *ui_draft_state_name(const char *state);

#endif
