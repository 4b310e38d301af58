/*
 * vanthu: what the reader and the draft view share: formatting of
 * dates, sizes and names; the text of a PDF page by page (with the
 * legacy-encoding conversion); and the worker job that fetches a
 * document or draft, downloads its main PDF into the cache and
 * extracts its text, without ever touching curses.
 */
#ifndef VANTHU_UI_DOC_H
#define VANTHU_UI_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/error.h"
#include "vanthu/model.h"
#include "vanthu/text.h"

struct ui;
struct ui_pager;

/* "2026-11-20" as "20/11/2026" ("" for NULL). */
void	ui_doc_date(char *out, size_t len, const char *iso);
/* "2026-11-21T09:00:00+07:00" as "21/11/2026 09:00". */
void	ui_doc_time(char *out, size_t len, const char *iso);
/* 12873 as "12.6 KB". */
void	ui_doc_size(char *out, size_t len, uint64_t size);
/* Translated names of assignment roles and history actions. */
const char *ui_doc_role_name(const char *role);
const char *ui_doc_action_name(const char *action);
/*
 * Add N processing-history steps to pager P, one line each (time,
 * translated action, actor) and the step's note, if any, below it.
 */
void	ui_doc_history_add(struct ui_pager *p,
	    const struct vt_history_step *steps, size_t n);

/* The text of a PDF, page by page. */
struct ui_doctext {
	char		**pages;	/* as extracted */
	char		**conv;		/* converted from LEGACY, or NULL */
	int		  npages;
	enum vt_legacy	  legacy;
	bool		  show_conv;
	char		 *note;		/* why there is no text, or NULL */
	char		 *pdf_path;	/* the cached PDF */
	char		 *sha256;	/* of the PDF */
	char		 *verdict;	/* its signatures checked, in words
					   (vt_verify_report_text), or NULL */
	char		 *brief;	/* one line per signature, or NULL */
	size_t		  nsigs;	/* signatures found */
	const char	 *headline;	/* vt_verify_headline (static),
					   or NULL */
	int		  status;	/* enum vt_verify_status */
};

void	ui_doctext_free(struct ui_doctext *t);
/* Move FROM into TO (TO's old text freed; FROM left empty). */
void	ui_doctext_take(struct ui_doctext *to, struct ui_doctext *from);
/* Switch between the extracted and the converted text; false if none. */
bool	ui_doctext_toggle(struct ui *ui, struct ui_doctext *t);
/*
 * Called by ui_doc_add_text_notes after the rule of page PAGE (LINE -1)
 * and after each LINE (0-based) of its text, to add lines of its own
 * there (the annotations of a draft where they belong).
 */
typedef void	(*ui_doc_line_fn)(struct ui_pager *p, int page, int line,
		    void *arg);
/* ui_doc_add_text with AFTER(ARG) called as ui_doc_line_fn says. */
void	ui_doc_add_text_notes(struct ui *ui, struct ui_pager *p,
	    const struct ui_doctext *t, ui_doc_line_fn after, void *arg);
/* Add the pages to P, with a rule naming each page. */
void	ui_doc_add_text(struct ui *ui, struct ui_pager *p,
	    const struct ui_doctext *t);

struct ui_doc_job;
typedef void (*ui_doc_loaded_fn)(struct ui *, void *owner,
	    struct ui_doc_job *);

struct ui_doc_job {
	struct ui		*ui;
	char			*id;
	bool			 draft;
	void			*owner;		/* NULL once orphaned */
	ui_doc_loaded_fn	 loaded;
	/* Results. */
	bool			 have_doc, have_draft, from_cache;
	struct vt_doc		 doc;
	struct vt_draft		 draft_obj;
	struct ui_doctext	 text;
	char			*trust_file;	/* trust_file, copied */
	vt_code			 code;
	struct vt_errbuf	 eb;
	/* Read but not told to the server: queued in the outbox. */
	bool			 queue_read;
};

/*
 * Fetch ID (an incoming document, or a draft when DRAFT) in a worker:
 * the object (from the server, or the cache when offline), its main PDF
 * (the first PDF attachment, or the draft's current version) into the
 * cache, and its text.  LOADED runs in the curses thread with OWNER,
 * unless the owner went away (ui_doc_job_orphan) meanwhile.
 */
struct ui_doc_job *ui_doc_load(struct ui *ui, const char *id, bool draft,
	    ui_doc_loaded_fn loaded, void *owner);
void	ui_doc_job_orphan(struct ui_doc_job *j);
/* Say on the message line what went wrong, if anything. */
void	ui_doc_job_report(struct ui *ui, const struct ui_doc_job *j);

/* ui-textview.c: a screen showing P (its lines are moved out of P). */
void	ui_textview_open(struct ui *ui, const char *title,
	    struct ui_pager *p);

/*
 * ui-ltv.c: save a copy of the signed PDF at PDF (the cached file; NULL
 * when not downloaded) named after FILENAME with long-term validation
 * data (B-LTA when tsa_url is set, else B-LT), in a folder asked for;
 * and show the full verification of the PDF at PDF.
 */
void	ui_ltv_extend(struct ui *ui, const char *pdf, const char *filename);
void	ui_ltv_verify_open(struct ui *ui, const char *pdf,
	    const char *filename);

/* ui-attach.c: the attachments of a document: view or save. */
void	ui_attachments_open(struct ui *ui, const struct vt_attachment *a,
	    size_t n);

#endif
