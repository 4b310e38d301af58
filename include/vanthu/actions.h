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

#include "vanthu/model.h"
#include "vanthu/outbox.h"

/*
 * The kinds of action: one vocabulary for the command line, the
 * interface and the outbox.  The names are what the outbox stores in
 * its "kind" field; the outbox also reads the names older versions
 * wrote (vt_act_kind_parse()).
 */
enum vt_act_kind {
	VT_ACT_UNKNOWN = 0,
	VT_ACT_COMMENT,		/* "comment": POST /incoming/ID/comments */
	VT_ACT_READ,		/* "read": POST /incoming/ID/read */
	VT_ACT_FORWARD,		/* "forward": POST /incoming/ID/forward */
	VT_ACT_COMPLETE,	/* "complete": POST /incoming/ID/complete */
	VT_ACT_RETURN,		/* "return": POST /incoming/ID/return */
	VT_ACT_ASSIGN,		/* "assign": POST /incoming/ID/assign */
	VT_ACT_ANNOTATE,	/* "annotate": POST /drafts/ID/annotations */
	VT_ACT_APPROVE,		/* "approve": POST /drafts/ID/approve */
	VT_ACT_DRAFT_RETURN,	/* "draft-return": POST /drafts/ID/return */
	VT_ACT_SIGNED_UPLOAD,	/* "sign": POST /drafts/ID/versions/V/signed */
	VT_ACT_DOSSIER_OPEN,	/* "dossier-open": POST /dossiers */
	VT_ACT_DOSSIER_ADD,	/* "dossier-add": POST /dossiers/ID/items */
	VT_ACT_DOSSIER_REMOVE,	/* "dossier-remove": POST /dossiers/ID/remove */
	VT_ACT_DOSSIER_CLOSE,	/* "dossier-close": POST /dossiers/ID/close */
	VT_ACT_DOSSIER_REOPEN,	/* "dossier-reopen": POST /dossiers/ID/reopen */
	VT_ACT_REGISTER,	/* "register": POST /incoming/ID/register */
	VT_ACT_DRAFT_NEW,	/* "draft_new": POST /drafts (multipart) */
	VT_ACT_DRAFT_REVISE,	/* "draft_revise": POST /drafts/ID/versions */
	VT_ACT_NKINDS
};

/* What goes into an action's body; each kind reads the fields it needs
   (see the table in lib/actions.c and docs/api.md). */
struct vt_act_args {
	const char		 *id;		/* document or draft id */
	const char		 *text;		/* comment text, note, reason */
	bool			  read;		/* VT_ACT_READ */
	const char *const	 *users;	/* forward: to; assign: cooperate */
	size_t			  nusers;
	const char		 *lead;		/* assign: the lead, or NULL */
	const char *const	 *inform;	/* assign: for information */
	size_t			  ninform;
	const char		 *due_date;	/* assign: YYYY-MM-DD, or NULL */
	const char		 *version_id;	/* annotate, signed upload */
	int			  page;		/* annotate: from 1 */
	const char		 *quote;	/* annotate: or NULL */
	const void		 *data;		/* signed upload: the PDF */
	size_t			  len;
	bool			  agency;	/* signed upload: agency signature */
	const char		 *document_id;	/* dossier add, remove */
	const char		 *date;		/* dossier close: end date */
	const struct vt_dossier_new *dossier;	/* dossier open
						   (vanthu/dossier.h) */
};

struct cJSON;
struct vt_dossier_new;

/* One kind of action: one row of the table. */
struct vt_act_def {
	enum vt_act_kind	 kind;
	const char		*name;		/* outbox kind */
	const char		*collection;	/* "incoming" or "drafts" */
	const char		*verb;		/* last path segment */
	/* Fills the JSON body (NULL: the body is A->data as a PDF). */
	void			(*body)(struct cJSON *j,
				    const struct vt_act_args *a);
	const char		*label;		/* N_(): "comment", for lists */
	const char		*message;	/* N_(): "Comment sent" */
	unsigned		 roles;		/* VT_USER_BIT()s of the session
						   roles that may take it */
};

/*
 * vt_act_def: the table's row for KIND (VT_ACT_UNKNOWN has a row too:
 * name "unknown", label and message generic).  Never NULL; static.
 */
const struct vt_act_def	*vt_act_def(enum vt_act_kind kind);

/*
 * vt_act_kind_parse: the kind of an outbox record's "kind" field: the
 * names of the table and those of older versions ("return_draft" and
 * "draft-return", "signed_upload" and "sign"); VT_ACT_UNKNOWN else.
 */
enum vt_act_kind	 vt_act_kind_parse(const char *name);

/*
 * vt_act_label, vt_act_message: the translated label and "sent"
 * message of KIND (e.g. "return draft", "Draft returned to the
 * drafter").  Static strings.
 */
const char	*vt_act_label(enum vt_act_kind kind);
const char	*vt_act_message(enum vt_act_kind kind);

/*
 * vt_act_allowed: whether a user of session role ROLE may take KIND
 * (the table's roles).  An unknown role may take every kind: the
 * server decides (403).
 */
bool		 vt_act_allowed(enum vt_act_kind kind, enum vt_user_role role);

/* An action ready for vt_outbox_add(&act->spec, ...); owns its strings. */
struct vt_act {
	struct vt_action_spec	 spec;	/* points into the fields below */
	enum vt_act_kind	 kind;
	char			*path;	/* "/incoming/i12/comments" */
	char			*body;	/* JSON (NUL-terminated) or PDF */
	size_t			 body_len;
	char			*summary;
	char			*target;
	char			*ctype;	/* content type, or NULL (JSON) */
};

/* Free what ACT owns (not ACT itself); NULL allowed. */
void	vt_act_clear(struct vt_act *act);

/*
 * vt_act_build: fill *ACT (not cleared first) with the action KIND on
 * A->id built from A as the table says: path "/COLLECTION/ID/VERB"
 * (ID percent-encoded)
 * (for VT_ACT_SIGNED_UPLOAD "/drafts/ID/versions/VERSION_ID/signed";
 * "/COLLECTION" for a kind without a verb: VT_ACT_DOSSIER_OPEN),
 * the JSON body (or the PDF), and a one-line summary.  Strings are
 * copied; free with vt_act_clear().  Cannot fail (KIND must be a real
 * kind, not VT_ACT_UNKNOWN).
 */
void	vt_act_build(struct vt_act *act, enum vt_act_kind kind,
	    const struct vt_act_args *a);

/*
 * Incoming documents (docs/api.md section 5).  ID is the document id.
 * vt_act_comment: POST /incoming/ID/comments {"text"}.
 * vt_act_read: POST /incoming/ID/read {"read"}.
 * vt_act_forward: POST /incoming/ID/forward {"to": [USERS], "note"}
 *   (NOTE may be NULL).
 * vt_act_complete: POST /incoming/ID/complete {"note"} (NOTE may be NULL).
 * vt_act_return: POST /incoming/ID/return {"reason"}.
 * vt_act_register: POST /incoming/ID/register {"note"} (NOTE may be
 *   NULL): the clerk registers an arrived document; the server gives
 *   the arrival number when the action reaches it (queued offline, it is
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
 * vt_act_signed_upload: POST /drafts/ID/versions/VERSION_ID/signed with
 * the signed PDF (DATA, LEN bytes; copied) as application/pdf; AGENCY
 * tells the summary which signature it is.
 */
void	vt_act_signed_upload(struct vt_act *act, const char *id,
	    const char *version_id, const void *data, size_t len, bool agency);

/*
 * Role gating by names (lib/action-roles.c), for callers that hold the
 * outbox kind and the session role as strings:
 * vt_action_role_ok: vt_act_allowed() of the kind named KIND ("assign",
 * "register"...; unknown: true) for the session role ROLE ("leader",
 * "clerk", "specialist"; NULL or unknown: true, the server decides).
 * vt_act_refusal: why a role may not take KIND, translated ("only a
 * leader may assign documents"); static; NULL when every role may.
 */
bool		 vt_action_role_ok(const char *kind, const char *role);
const char	*vt_act_refusal(enum vt_act_kind kind);

#endif
