/*
 * vanthu: typed objects of the document server (docs/api.md sections 4
 * to 9), parsed from the server's JSON with cJSON and validated.
 *
 * Field names are those of Decree 30/2020/ND-CP Appendix VI and edXML
 * (code_number, code_notation, subject, organ, signer, urgency,
 * due_date, arrival_number...).  Every string in these structs has
 * passed through vt_text_safe() (NFC, terminal-safe; comments, notes and
 * reasons with VT_TEXT_MULTILINE, everything else single-line) before
 * the parser returns, so callers may print them as they are.  Optional
 * strings the server sent as null are NULL; every other string is
 * non-NULL (possibly "").
 *
 * A missing or wrong-typed required field makes the whole parse fail
 * with VT_ERR_PROTOCOL and a detail naming the field ("incoming[3].
 * subject: expected a string"); nothing is half-filled.  Unknown fields
 * are ignored (docs/api.md section 1).
 *
 * Memory: every struct owns its strings and arrays; free the top-level
 * object with its _free function (which accepts NULL).  Parsing is
 * thread-safe.
 */
#ifndef VANTHU_MODEL_H
#define VANTHU_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/error.h"

struct cJSON;

/* A person: {"username", "full_name"} (plus role and position in /users). */
struct vt_person {
	char	*username;
	char	*full_name;
	char	*role;		/* "leader", "clerk", "specialist"; or NULL */
	char	*position;	/* or NULL */
};

/* Issuing agency (co quan ban hanh). */
struct vt_organ {
	char	*organ_id;
	char	*organ_name;
};

/* The signer of an incoming document (nguoi ky). */
struct vt_signer {
	char	*competence;	/* "TM.", "KT.", "Q.", "TL.", "TUQ." or "" */
	char	*position;
	char	*full_name;
};

/* An attachment of a document (file with its size and SHA-256). */
struct vt_attachment {
	char		*id;
	char		*filename;	/* safe to show; not safe as a path */
	char		*content_type;
	uint64_t	 size;
	char		*sha256;	/* 64 lower-case hex digits */
	char		*url;		/* path under the server, "/api/v1/..." */
};

/* An assignment (phan cong): role "lead", "cooperate" or "inform". */
struct vt_assignment {
	struct vt_person	 user;
	char			*role;
	char			*due_date;	/* or NULL */
	char			*note;		/* or NULL; multi-line */
	struct vt_person	 assigned_by;
	char			*assigned_at;
};

/* A processing step (edXML TraceHeaderList entry), oldest first. */
struct vt_history_step {
	char			*at;
	char			*action;  /* "registered", "assigned"... */
	char			*status;  /* status after the step, or NULL */
	struct vt_person	 actor;	  /* fields NULL when the server has none */
	char			*note;	  /* or NULL; multi-line */
	char			*version_id; /* drafts only, or NULL */
};

/* A comment (y kien) on an incoming document. */
struct vt_comment {
	char			*id;
	struct vt_person	 author;
	char			*text;	/* multi-line */
	char			*created_at;
};

/* Urgency (Độ khẩn, Decree 30 Appendix VI): the server's 0..4. */
enum vt_urgency {
	VT_URGENCY_NORMAL = 0,		/* thường */
	VT_URGENCY_URGENT = 1,		/* khẩn */
	VT_URGENCY_VERY_URGENT = 2,	/* thượng khẩn */
	VT_URGENCY_FLASH = 3,		/* hỏa tốc */
	VT_URGENCY_FLASH_TIMED = 4	/* hỏa tốc hẹn giờ */
};

/*
 * An incoming document (van ban den).  The summary fields are always
 * set; DETAILED tells whether the detail arrays were in the answer
 * (GET /incoming/{id}); otherwise they are NULL with count 0.
 */
struct vt_doc {
	char			*id;
	char			*code_number;	  /* "15", "05" or "" */
	char			*code_notation;	  /* "QĐ-UBND" */
	char			*number_notation; /* "15/QĐ-UBND" */
	char			*type_code;	  /* "" for cong van */
	char			*type_name;
	char			*issued_date;	  /* YYYY-MM-DD, or NULL */
	char			*promulgation_place;
	struct vt_organ		 organ;
	char			*subject;	  /* trich yeu */
	struct vt_signer	 signer;
	enum vt_urgency		 urgency;	  /* 0..4 */
	char			*due_date;	  /* YYYY-MM-DD, or NULL */
	long			 arrival_number;  /* 0 if none */
	char			*arrival_date;	  /* or NULL */
	int			 page_amount;
	char			*status;	  /* edXML "01".."06" */
	bool			 read;
	bool			 mine;
	int			 attachment_count;
	char			*updated_at;
	/* The folded search text (vt_doc_search_key), kept in the cache so
	   a search does not fold every row again; NULL when not known. */
	char			*search_key;

	bool			 detailed;
	char			**recipients;
	size_t			 nrecipients;
	struct vt_attachment	*attachments;
	size_t			 nattachments;
	struct vt_assignment	*assignments;
	size_t			 nassignments;
	struct vt_history_step	*history;
	size_t			 nhistory;
	struct vt_comment	*comments;
	size_t			 ncomments;
};

/* A signature the server verified in a draft version. */
struct vt_signature {
	char	*kind;		/* "personal" or "agency" */
	char	*common_name;
	char	*username;	/* personal only, else NULL */
	char	*signed_at;
};

/* A version of a draft: a PDF with its SHA-256. */
struct vt_version {
	char			*id;
	int			 number;
	char			*kind;	/* "draft", "signed", "agency_signed" */
	char			*created_at;
	struct vt_person	 created_by;
	char			*attachment_id;
	char			*filename;
	uint64_t		 size;
	char			*sha256;
	int			 page_amount;
	struct vt_signature	*signatures;
	size_t			 nsignatures;
};

/* An annotation (gop y) on a page of a draft version. */
struct vt_annotation {
	char			*id;
	char			*version_id;
	int			 page;
	char			*quote;	/* or NULL; multi-line */
	char			*note;	/* multi-line */
	struct vt_person	 author;
	char			*created_at;
};

/* A reviewer of a draft and when they approved (NULL: not yet). */
struct vt_reviewer {
	struct vt_person	 person;
	char			*approved_at;
};

/* Roles I have on a draft (my_roles), as bits. */
#define VT_ROLE_DRAFTER		0x1
#define VT_ROLE_REVIEWER	0x2
#define VT_ROLE_SIGNER		0x4
#define VT_ROLE_CLERK		0x8

/* A draft (du thao).  DETAILED as for struct vt_doc. */
struct vt_draft {
	char			*id;
	char			*type_code;
	char			*type_name;
	char			*code_notation;
	char			*code_number;
	char			*subject;
	enum vt_urgency		 urgency;
	char			*due_date;	/* or NULL */
	char			*state;	/* "in_review", "awaiting_signer"... */
	unsigned		 my_roles;	/* VT_ROLE_* bits */
	bool			 awaiting_me;
	struct vt_person	 drafter;
	struct vt_person	 signer;
	char			*signer_position;
	char			*signer_competence;
	bool			 has_current;
	struct vt_version	 current_version;
	char			*updated_at;
	/* Optional summary fields (NULL / 0 when the server has none). */
	char			**recipients;	/* noi nhan */
	size_t			 nrecipients;
	struct vt_person	*turn;		/* who acts next */
	size_t			 nturn;
	bool			 has_turn;	/* the server sent "turn" */
	char			*return_reason;	/* multi-line, or NULL */

	bool			 detailed;
	struct vt_reviewer	*reviewers;
	size_t			 nreviewers;
	struct vt_version	*versions;
	size_t			 nversions;
	struct vt_annotation	*annotations;
	size_t			 nannotations;
	struct vt_history_step	*history;
	size_t			 nhistory;
};

/* The logged-in user and organisation (GET /me, POST /auth/login). */
struct vt_me {
	struct vt_person	 user;	/* role and position set */
	struct vt_organ		 organization; /* empty strings from login */
	char			*expires_at;
	char			*token;	/* login answer only, else NULL */
};

/*
 * A delta (GET /sync, docs/api.md section 9).  HAS_DOSSIERS: the answer
 * has the optional "dossiers" part (a server of the first version of
 * the API does not say which work dossiers changed: ask it).  ETAG:
 * the answer's ETag (or NULL); NOT_MODIFIED: the server answered 304 to
 * the ETag of an answer that said nothing changed (vt_api_delta).
 */
struct vt_delta {
	char	*sync_token;
	bool	 full;
	char	**incoming_changed;	size_t nincoming_changed;
	char	**incoming_deleted;	size_t nincoming_deleted;
	char	**drafts_changed;	size_t ndrafts_changed;
	char	**drafts_deleted;	size_t ndrafts_deleted;
	bool	 has_dossiers;
	char	**dossiers_changed;	size_t ndossiers_changed;
	char	**dossiers_deleted;	size_t ndossiers_deleted;
	char	*etag;
	bool	 not_modified;
};

/* A server error body {"error": {"code", "message", "field"}}. */
struct vt_api_error {
	char	*code;		/* "token_expired", ... (ASCII) */
	char	*message;	/* safe text */
	char	*field;		/* or NULL */
};

/*
 * Parsers: fill *OUT (zeroed first) from the JSON object J.  CTX names
 * the object in error details ("incoming[3]"); may be NULL.  On error
 * *OUT is freed and zeroed and VT_ERR_PROTOCOL returned with a detail.
 */
vt_code	vt_doc_parse(const struct cJSON *j, const char *ctx,
	    struct vt_doc *out, struct vt_errbuf *eb);
vt_code	vt_draft_parse(const struct cJSON *j, const char *ctx,
	    struct vt_draft *out, struct vt_errbuf *eb);
vt_code	vt_me_parse(const struct cJSON *j, struct vt_me *out,
	    struct vt_errbuf *eb);
vt_code	vt_delta_parse(const struct cJSON *j, struct vt_delta *out,
	    struct vt_errbuf *eb);
vt_code	vt_person_parse(const struct cJSON *j, const char *ctx,
	    struct vt_person *out, struct vt_errbuf *eb);
vt_code	vt_comment_parse(const struct cJSON *j, const char *ctx,
	    struct vt_comment *out, struct vt_errbuf *eb);
vt_code	vt_annotation_parse(const struct cJSON *j, const char *ctx,
	    struct vt_annotation *out, struct vt_errbuf *eb);
/*
 * vt_api_error_parse: the error object of an error answer BODY (LEN
 * bytes).  Never fails: a body that is not such an object gives code
 * "" and an empty message.  A NUL in the message (raw or "\u0000")
 * neither cuts nor hides it: it shows as U+FFFD (vt_json_parse_text).
 */
void	vt_api_error_parse(const char *body, size_t len,
	    struct vt_api_error *out);

/*
 * vt_json_parse_text: parse BODY (LEN bytes of JSON text, RFC 8259)
 * with cJSON so that no string is silently cut at a NUL: a "\u0000"
 * escape inside a string is rewritten in place as "\uFFFD" (same
 * length), and when BODY holds raw NUL bytes (invalid JSON that some
 * servers send anyway) a copy where each is U+FFFD is parsed.  Returns
 * the tree (free it with cJSON_Delete), or NULL when BODY is not JSON.
 */
struct cJSON	*vt_json_parse_text(char *body, size_t len);

/* Release what the structs own (not the struct itself); NULL allowed. */
void	vt_person_clear(struct vt_person *p);
void	vt_doc_clear(struct vt_doc *d);
void	vt_draft_clear(struct vt_draft *d);
void	vt_me_clear(struct vt_me *m);
void	vt_delta_clear(struct vt_delta *d);
void	vt_comment_clear(struct vt_comment *c);
void	vt_annotation_clear(struct vt_annotation *a);
void	vt_api_error_clear(struct vt_api_error *e);

/* A list of documents or drafts (an inbox, a page). */
struct vt_doc_list {
	struct vt_doc	*items;
	size_t		 n, cap;
};
struct vt_draft_list {
	struct vt_draft	*items;
	size_t		 n, cap;
};
void	vt_doc_list_clear(struct vt_doc_list *l);
void	vt_draft_list_clear(struct vt_draft_list *l);
/* Append by moving *D into the list (D is zeroed). */
void	vt_doc_list_push(struct vt_doc_list *l, struct vt_doc *d);
void	vt_draft_list_push(struct vt_draft_list *l, struct vt_draft *d);

/*
 * vt_doc_overdue: whether D has a due_date before TODAY ("YYYY-MM-DD")
 * and is not completed (06) or returned (02).
 */
bool	vt_doc_overdue(const struct vt_doc *d, const char *today);

/* ---- Searching, filtering, sorting (lib/model-search.c) ---- */

struct vt_text_query;

/*
 * vt_doc_search_text: the text a search looks through for D: arrival
 * number, number/notation, sending organ and subject.  Returns a new
 * string the caller frees.
 */
char	*vt_doc_search_text(const struct vt_doc *d);

/*
 * vt_doc_search_key: vt_doc_search_text folded once (vt_text_fold), the
 * key a query is matched against with vt_text_query_match_key: the same
 * answers as matching the text, without folding it at every search.
 * D->search_key when it is set, else folded now.  Returns a new string
 * the caller frees.
 */
char	*vt_doc_search_key(const struct vt_doc *d);

/*
 * vt_doc_matches: whether D matches Q, a query from vt_text_search_new
 * (NULL or empty matches everything).  The interface and `vanthu inbox
 * --search` both decide with it.  Uses D->search_key when it is set
 * (the cached inbox has it), else folds the search text.
 */
bool	 vt_doc_matches(const struct vt_text_query *q, const struct vt_doc *d);

/*
 * An incremental search: THE search of vanthu (vt_text_search_new)
 * typed key by key over a list's items, as the interface's '/' does.
 * Each answer is exactly the items whose folded key matches the query
 * (vt_text_query_match_key), in the order the items were given; what
 * changes is how little is matched again to get it:
 *   - a stack keeps the answer of each query typed since the last
 *     vt_isearch_items (the last 128 at least when there were more
 *     than 255), so a Backspace (or any query an earlier answer
 *     already holds) gives the earlier answer back without matching;
 *   - a query that narrows the last answer (vt_text_query_narrows: a
 *     letter typed, a word added) looks only at the items that answer
 *     kept, and only for its words that answer does not already imply
 *     (a word typed earlier, or the start of one);
 *   - a query with the same answer as the last one ("hoang" then
 *     "hoang ", or "hoang h" when "h" starts "hoang") matches nothing.
 * Memory: one byte per item for the stack (each item records the
 * deepest answer holding it), and the current answer's items twice.
 * An isearch is used by one thread at a time.
 *
 * vt_isearch_key_fn: the folded key of ITEM (vt_doc_search_key, e.g.
 * vt_inbox_key), its length in *LEN; owned by CTX, valid until the next
 * call.
 */
struct vt_isearch;
typedef const char *(*vt_isearch_key_fn)(void *ctx, uint32_t item,
	     size_t *len);
/* vt_isearch_new: an isearch over no items yet, reading keys with KEY
 * and CTX.  Never NULL; free with vt_isearch_free. */
struct vt_isearch *vt_isearch_new(vt_isearch_key_fn key, void *ctx);
void	 vt_isearch_free(struct vt_isearch *s);
/*
 * vt_isearch_items: search ITEMS (N of them, copied; e.g. the rows that
 * pass a list's other filters) from now on; every earlier answer is
 * forgotten (call it whenever the items or their keys change).
 */
void	 vt_isearch_items(struct vt_isearch *s, const uint32_t *items,
	     size_t n);
/*
 * vt_isearch_run: the items matching QUERY (as typed; NULL, "" or only
 * white space: every item), in their order, their number in *COUNT.
 * The array is owned by S and valid until the next call on S.
 */
const uint32_t *vt_isearch_run(struct vt_isearch *s, const char *query,
	     size_t *count);
/*
 * vt_isearch_matched: how many items the searches since the last
 * vt_isearch_items looked at (a figure for tests and benchmarks: an
 * answer given back from the stack looks at none).
 */
size_t	 vt_isearch_matched(const struct vt_isearch *s);

/*
 * vt_doc_due_within: whether D, not finished, is due from TODAY
 * ("YYYY-MM-DD", Vietnam time: vt_today) up to DAYS days after it,
 * inclusive (0 = due today).  Overdue documents are not "due within".
 */
bool	 vt_doc_due_within(const struct vt_doc *d, const char *today,
	     int days);

/* Sort keys of the incoming list. */
enum vt_doc_sort {
	VT_SORT_DATE,		/* newest issued first (the default) */
	VT_SORT_ARRIVAL,	/* newest arrival number first */
	VT_SORT_DUE,		/* open ones first, soonest deadline
				   first, none last */
	VT_SORT_URGENCY,	/* most urgent first */
	VT_SORT_ORGAN,		/* sending organ, in Vietnamese order */
	VT_SORT_LAST
};

/* vt_doc_sort_parse: "date", "arrival", "due", "urgency", "organ" into
 * *OUT; false for another name.  vt_doc_sort_name: the reverse. */
bool	 vt_doc_sort_parse(const char *name, enum vt_doc_sort *out);
const char *vt_doc_sort_name(enum vt_doc_sort key);

/* vt_doc_compare: qsort-style order of A and B by KEY, then newest
 * issued first, then by id (a total order). */
int	 vt_doc_compare(const struct vt_doc *a, const struct vt_doc *b,
	     enum vt_doc_sort key);

/*
 * vt_history_action_name: the translated name of a processing-history
 * step code ("registered" -> "vào sổ" in Vietnamese).  An unknown code
 * is returned as it is.  Returns a static string (or CODE; "" for NULL).
 */
const char	*vt_history_action_name(const char *code);
/*
 * vt_version_kind_name: the translated name of a draft version's kind
 * ("draft", "signed", "agency_signed"...: docs/api.md 5).  Static
 * string, CODE itself when unknown, "" for NULL.
 */
const char	*vt_version_kind_name(const char *kind);

/* vt_today: today's date in the configured zone (Vietnam time unless
 * time_zone says otherwise; vt_clock_today) as "YYYY-MM-DD" in OUT. */
void	vt_today(char out[11]);

/*
 * Stable JSON output of the command line (documented in vanthu(1),
 * section JSON OUTPUT): a new cJSON object the caller frees with
 * cJSON_Delete.  Only documented fields; details included when set.
 */
struct cJSON	*vt_doc_to_json(const struct vt_doc *d);
struct cJSON	*vt_draft_to_json(const struct vt_draft *d);

/* Names for display: urgency 0..4 ("thường"... translated), status. */
const char	*vt_urgency_name(enum vt_urgency urgency);
const char	*vt_status_name(const char *status);

/*
 * The words the server sends for states, statuses and roles, as enums
 * (docs/api.md sections 5 and 7; edXML status codes, QCVN 102:2016).
 * Each *_of function maps the server's string (NULL allowed) and gives
 * the UNKNOWN member for anything else; nothing is allocated.
 */
enum vt_draft_state {
	VT_DRAFT_STATE_UNKNOWN = 0,
	VT_DRAFT_IN_REVIEW,		/* "in_review" */
	VT_DRAFT_AWAITING_SIGNER,	/* "awaiting_signer" */
	VT_DRAFT_APPROVED,		/* "approved" */
	VT_DRAFT_SIGNED,		/* "signed": the signer signed */
	VT_DRAFT_ISSUED,		/* "issued" */
	VT_DRAFT_RETURNED		/* "returned" to the drafter */
};
enum vt_draft_state	vt_draft_state_parse(const char *state);
/* vt_draft_state_of: D's state as an enum. */
enum vt_draft_state	vt_draft_state_of(const struct vt_draft *d);
/*
 * vt_draft_state_name: the translated name of the server's draft STATE
 * ("to the signer"...); an unknown state as it is (NULL: "?").  Static
 * or STATE itself.
 */
const char		*vt_draft_state_name(const char *state);

/* edXML status codes of an incoming document. */
enum vt_doc_status {
	VT_STATUS_UNKNOWN = 0,
	VT_STATUS_ARRIVED = 1,		/* "01" */
	VT_STATUS_REJECTED = 2,		/* "02": returned to the sender */
	VT_STATUS_REGISTERED = 3,	/* "03" */
	VT_STATUS_ASSIGNED = 4,		/* "04" */
	VT_STATUS_IN_PROGRESS = 5,	/* "05" */
	VT_STATUS_COMPLETED = 6		/* "06" */
};
enum vt_doc_status	vt_doc_status_parse(const char *status);
/* vt_doc_status_of: D's status as an enum. */
enum vt_doc_status	vt_doc_status_of(const struct vt_doc *d);
/* vt_doc_status_closed: completed (06) or returned (02). */
bool			vt_doc_status_closed(enum vt_doc_status st);

/* The role of a user (session, /users). */
enum vt_user_role {
	VT_USER_UNKNOWN = 0,
	VT_USER_LEADER,			/* "leader": lãnh đạo */
	VT_USER_CLERK,			/* "clerk": văn thư */
	VT_USER_SPECIALIST		/* "specialist": chuyên viên */
};
/* The roles as bits, for sets of roles (vt_act_def.roles). */
#define VT_USER_BIT(r)	(1u << (unsigned)(r))
#define VT_USER_ANY	(VT_USER_BIT(VT_USER_LEADER) | \
			 VT_USER_BIT(VT_USER_CLERK) | \
			 VT_USER_BIT(VT_USER_SPECIALIST))
enum vt_user_role	vt_user_role_parse(const char *role);

/* An assignee's part in an assignment ("lead", "cooperate", "inform"). */
enum vt_assign_role {
	VT_ASSIGN_UNKNOWN = 0,
	VT_ASSIGN_LEAD,
	VT_ASSIGN_COOPERATE,
	VT_ASSIGN_INFORM
};
enum vt_assign_role	vt_assign_role_parse(const char *role);
/* vt_assign_role_name: the translated name of ROLE ("lead"...); an
   unknown one as it is; NULL: "". */
const char		*vt_assign_role_name(const char *role);

/* Whose signature the server verified in a draft version is (its
   "kind"): the signer's or the agency's. */
enum vt_sig_owner {
	VT_SIG_OWNER_UNKNOWN = 0,
	VT_SIG_PERSONAL,		/* "personal": the signer's (ký số cá nhân) */
	VT_SIG_AGENCY			/* "agency": the agency's (ký số cơ quan) */
};
enum vt_sig_owner	vt_sig_owner_parse(const char *kind);

#endif
