/*
 * vanthu: the actions a user takes on documents and drafts, as outbox
 * entries (vanthu/outbox.h): the request path and JSON body of
 * docs/api.md sections 5 and 7, and a one-line summary for people.
 * The terminal interface queues these without knowing the JSON; the
 * strings given are expected to be NFC, terminal-safe text (what the
 * UI's editor returns).  No curses, no network: building only.
 */
#ifndef VANTHU_ACTIONS_H
#define VANTHU_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/outbox.h"

/* An action ready for vt_outbox_add(&act->spec, ...); owns its strings. */
struct vt_act {
	struct vt_action_spec	 spec;	/* points into the fields below */
	char			*path;	/* "/incoming/i12/comments" */
	char			*body;	/* JSON, NUL-terminated */
	char			*summary;
	char			*target;
};

/* Free what ACT owns (not ACT itself); NULL allowed. */
void	vt_act_clear(struct vt_act *act);

/*
 * Incoming documents (docs/api.md section 5).  ID is the document id.
 * vt_act_comment: POST /incoming/ID/comments {"text"}.
 * vt_act_read: POST /incoming/ID/read {"read"}.
 * vt_act_forward: POST /incoming/ID/forward {"to": [USERS], "note"}
 *   (NOTE may be NULL).
 * vt_act_complete: POST /incoming/ID/complete {"note"} (NOTE may be NULL).
 * vt_act_return: POST /incoming/ID/return {"reason"}.
 * vt_act_register: POST /incoming/ID/register {"note"} (NOTE may be NULL):
 *   the clerk registers an arrived document; the server gives the
 *   arrival number when the action reaches it (queued offline, it is
 *   sent once with its Idempotency-Key).
 * vt_act_assign: POST /incoming/ID/assign with one "lead" (may be NULL),
 *   COOPERATE and INFORM users, DUE_DATE "YYYY-MM-DD" (may be NULL) and
 *   NOTE (may be NULL).
 * Each fills *ACT (cleared first) and cannot fail.
 */
void	vt_act_comment(struct vt_act *act, const char *id, const char *text);
void	vt_act_read(struct vt_act *act, const char *id, bool read);
void	vt_act_forward(struct vt_act *act, const char *id,
	    const char *const *users, size_t nusers, const char *note);
void	vt_act_complete(struct vt_act *act, const char *id, const char *note);
void	vt_act_return(struct vt_act *act, const char *id, const char *reason);
void	vt_act_register(struct vt_act *act, const char *id, const char *note);
void	vt_act_assign(struct vt_act *act, const char *id, const char *lead,
	    const char *const *cooperate, size_t ncooperate,
	    const char *const *inform, size_t ninform, const char *due_date,
	    const char *note);

/*
 * Drafts (docs/api.md section 7).  ID is the draft id.
 * vt_act_annotate: POST /drafts/ID/annotations {"version_id", "page",
 *   "quote" (omitted when NULL or empty), "note"}.
 * vt_act_approve: POST /drafts/ID/approve {"note"} (NOTE may be NULL).
 * vt_act_draft_return: POST /drafts/ID/return {"reason"}.
 */
void	vt_act_annotate(struct vt_act *act, const char *id,
	    const char *version_id, int page, const char *quote,
	    const char *note);
void	vt_act_approve(struct vt_act *act, const char *id, const char *note);
void	vt_act_draft_return(struct vt_act *act, const char *id,
	    const char *reason);

/*
 * Who may take an action, by the user's role (docs/api.md: the server
 * refuses the others with 403): "assign" a leader; "register" a clerk;
 * "return" (refuse to the sender) a clerk or a leader; the others
 * anyone (the server then decides by the user's relation to the object).
 * vt_action_role_ok: whether ROLE ("leader", "clerk", "specialist"; NULL
 * or unknown: true, the server decides) may take the action KIND (an
 * outbox kind: "assign", "register", "return"...).
 * vt_action_role_refusal: why not, translated (static), or NULL when
 * every role may.
 */
bool	vt_action_role_ok(const char *kind, const char *role);
const char *vt_action_role_refusal(const char *kind);

#endif
