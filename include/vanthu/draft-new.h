/*
 * vanthu: starting and revising drafts (docs/api.md section 7,
 * POST /drafts and POST /drafts/{id}/versions): the Decree 30 metadata
 * of a new draft and its checks, the file (a PDF, or an .odt/.docx
 * converted with LibreOffice), and the outbox actions that carry them
 * with their file until the server has it.  The command line and the
 * interface both build drafts through these functions.  No curses, no
 * prompts; the conversion runs LibreOffice as a child process.
 */
#ifndef VANTHU_DRAFT_NEW_H
#define VANTHU_DRAFT_NEW_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/actions.h"
#include "vanthu/buf.h"
#include "vanthu/error.h"
#include "vanthu/model.h"

/* Largest draft file sent (the server's PDF limit, docs/api.md 1). */
#define VT_DRAFT_PDF_MAX	(64u << 20)

/* The metadata of a new draft (edXML / Decree 30 Appendix VI names).
   Strings are NFC; the struct does not own them. */
struct vt_draft_meta {
	const char		*type_code;	/* Appendix III, "" công văn */
	const char		*subject;	/* trích yếu, 1..500 chars */
	int			 urgency;	/* 0..4 */
	const char		*due_date;	/* YYYY-MM-DD or NULL */
	const char		*signer;	/* username of a leader */
	const char *const	*reviewers;	/* usernames */
	size_t			 nreviewers;
	const char		*competence;	/* "", TM., KT., Q., TL., TUQ. */
	const char		*position;	/* "CHỦ TỊCH"; NULL: server's */
	const char *const	*recipients;	/* nơi nhận */
	size_t			 nrecipients;
};

/*
 * vt_date_parse: a date as people type it in Vietnam, dd/mm/yyyy (also
 * d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO 8601 yyyy-mm-dd, checked to
 * be a real calendar date, into OUT as "YYYY-MM-DD".  VT_ERR_INVALID
 * with a translated detail otherwise.
 */
vt_code	vt_date_parse(const char *s, char out[11], struct vt_errbuf *eb);

/*
 * vt_draft_meta_check: the checks the server makes (docs/api.md 7,
 * POST /drafts), made before anything is queued, so that a typing
 * mistake is told at once and in the user's language: an unknown type
 * code (the detail offers the codes that differ only by case or
 * diacritics: "QD" -> QĐ), an empty or too long subject, urgency out of
 * range, a bad due date or one already past (Vietnam time), a missing
 * signer, an unknown competence, a reviewer who is the signer, an empty
 * recipient.  When USERS (N people from GET /users) is not NULL, the
 * signer must be one of them with the role "leader" and every reviewer
 * must exist.  VT_ERR_INVALID with the detail.
 */
vt_code	vt_draft_meta_check(const struct vt_draft_meta *m,
	    const struct vt_person *users, size_t n, struct vt_errbuf *eb);

/*
 * vt_draft_file_load: the draft file PATH as PDF bytes appended to OUT
 * and a file name for the server in *NAME (caller frees; "x.pdf" for a
 * converted "x.docx").  A file ending in .odt, .docx, .doc or .rtf is
 * converted with "libreoffice --headless --convert-to pdf" into a
 * temporary directory (removed afterwards); when LibreOffice is not
 * installed, VT_ERR_INVALID says so and that a PDF can be given.
 * Other files must be PDF: VT_ERR_PDF when the bytes do not start with
 * "%PDF-" or MuPDF cannot open them, VT_ERR_TOO_BIG above
 * VT_DRAFT_PDF_MAX (the limit is in the detail), VT_ERR_IO when the
 * file cannot be read.
 */
vt_code	vt_draft_file_load(const char *path, struct vt_buf *out, char **name,
	    struct vt_errbuf *eb);

/*
 * vt_draft_submit_fields: prepare the PDF of a draft for submission:
 * add the empty form fields for the number (box 3, "Số:") and the
 * issue date (box 4) that the clerk fills when issuing, placed by the
 * Decree 30 layout, located from the "Số:" line and the place-and-date
 * line of page 1 (vt_numfields_add of vanthu/numfields.h).  PDF (LEN
 * bytes) in; the bytes to send replace the contents of OUT and *ADDED
 * tells whether the fields were added.  When they cannot be (no such
 * lines, fields there already, a signed file) the file is sent as it
 * is, *ADDED is false and EB says why (a warning, VT_OK returned).
 * This is the one place where submission changes the file: "draft
 * new", "draft revise" and the interface call it.  Errors: VT_ERR_IO,
 * VT_ERR_PDF.
 */
vt_code	vt_draft_submit_fields(const void *pdf, size_t len,
	    struct vt_buf *out, bool *added, struct vt_errbuf *eb);

/*
 * vt_draft_submit_fields_at: as vt_draft_submit_fields, with the boxes
 * of the number and the date given by the drafter (either may be NULL:
 * located).  Boxes that cannot be used are an error (VT_ERR_INVALID),
 * not a warning.
 */
struct vt_numbox;
vt_code	vt_draft_submit_fields_at(const void *pdf, size_t len,
	    const struct vt_numbox *number, const struct vt_numbox *date,
	    struct vt_buf *out, bool *added, struct vt_errbuf *eb);

/*
 * vt_draft_submit_fields_of: as vt_draft_submit_fields_at, for the
 * user's file SHOWN (as the user named it; NULL: "the file"): the
 * warning or error names it, never the temporary copy the fields are
 * added in.
 */
vt_code	vt_draft_submit_fields_of(const char *shown, const void *pdf,
	    size_t len, const struct vt_numbox *number,
	    const struct vt_numbox *date, struct vt_buf *out, bool *added,
	    struct vt_errbuf *eb);

/*
 * vt_draft_box_parse: a box on page 1 as the drafter writes it,
 * "X,Y,W,H" in points from the page's top left corner (y down), into
 * *BOX.  VT_ERR_INVALID with a translated detail when it is not one.
 */
vt_code	vt_draft_box_parse(const char *s, struct vt_numbox *box,
	    struct vt_errbuf *eb);

/*
 * vt_act_draft_new: the outbox action POST /drafts carrying META and
 * the file (LEN bytes of PDF named NAME) as multipart/form-data
 * (RFC 7578: a "metadata" part of JSON and a "file" part).  The file
 * travels inside the outbox entry, so it is kept until the server has
 * answered.  Fills *ACT (cleared first); VT_ERR_IO only when no random
 * boundary can be made.
 */
vt_code	vt_act_draft_new(struct vt_act *act, const struct vt_draft_meta *m,
	    const void *pdf, size_t len, const char *name,
	    struct vt_errbuf *eb);

/*
 * vt_act_draft_revise: the outbox action POST /drafts/ID/versions with
 * the new version (LEN bytes of PDF).  Fills *ACT; cannot fail.
 */
void	vt_act_draft_revise(struct vt_act *act, const char *id,
	    const void *pdf, size_t len);

/*
 * vt_draft_turn: who acts next on D, as a new string for people ("Lê
 * Thị Hương", "văn thư", "-" when nobody): the server's "turn" when it
 * sent one, else derived from the state and the reviewers.  Caller
 * frees.
 */
char	*vt_draft_turn(const struct vt_draft *d);

/*
 * vt_draft_return_reason: why D was returned (the server's
 * return_reason, else the note of the last "returned" step of its
 * history), or NULL when it is not returned.  Points into D.
 */
const char *vt_draft_return_reason(const struct vt_draft *d);

/*
 * vt_annotation_line: where an annotation quoting QUOTE belongs in the
 * text of its page PAGE_TEXT (lines separated by '\n', as extracted):
 * the 0-based index of the line on which the quote ends, found as
 * search finds text (vt_text_find: case, diacritics, tone placement and
 * line breaks do not matter).  -1 when QUOTE is NULL or blank or is not
 * on the page: the annotation then belongs at the top of the page.
 */
int	vt_annotation_line(const char *page_text, const char *quote);

/*
 * vt_draft_revise_check: whether I may upload a new version of D now,
 * as the server decides it (docs/api.md 7, POST /drafts/{id}/versions:
 * only the drafter, while the draft is returned or in review), so that
 * both faces refuse before anything is read, queued or sent.  VT_OK,
 * or VT_ERR_FORBIDDEN with a translated detail naming the drafter or
 * the state.
 */
vt_code	vt_draft_revise_check(const struct vt_draft *d,
	    struct vt_errbuf *eb);

/* The steps a user may take on a draft (docs/api.md 7), as bits. */
enum vt_draft_step {
	VT_STEP_ANNOTATE	= 1u << 0,	/* POST .../annotations */
	VT_STEP_APPROVE		= 1u << 1,	/* POST .../approve */
	VT_STEP_RETURN		= 1u << 2,	/* POST .../return */
	VT_STEP_SIGN		= 1u << 3,	/* the signer's signature */
	VT_STEP_AGENCY_SIGN	= 1u << 4,	/* the clerk's, which issues */
	VT_STEP_REVISE		= 1u << 5	/* POST .../versions */
};

/*
 * vt_draft_steps: the steps (enum vt_draft_step bits) that the user
 * USERNAME (may be NULL) with the session role ROLE may take on D in
 * its state, as the server accepts them (docs/api.md 7): approve for a
 * reviewer who has not approved yet while D is in review and for the
 * signer while it awaits the signer; return for a reviewer in review
 * and for the signer until it is signed; the personal signature for
 * the signer while it awaits the signer or is approved; the agency
 * signature for a clerk once it is signed; a new version for the
 * drafter while it is returned or in review; annotations while the
 * text may still change (not once it is signed or issued).  A state
 * this version does not know allows annotations only.  Used by the
 * interface to offer only those keys.
 */
unsigned	vt_draft_steps(const struct vt_draft *d, const char *username,
		    enum vt_user_role role);

/*
 * vt_draft_annotate_check: whether USERNAME (may be NULL) with the
 * session role ROLE may annotate D now, by vt_draft_steps' rule (the
 * text takes annotations until it is signed: a signed or issued draft
 * no longer changes), so that both faces refuse with the same words
 * before anything is queued or sent.  VT_OK, or VT_ERR_STATE with a
 * translated detail naming the draft and its state.
 */
vt_code		vt_draft_annotate_check(const struct vt_draft *d,
		    const char *username, enum vt_user_role role,
		    struct vt_errbuf *eb);

#endif
