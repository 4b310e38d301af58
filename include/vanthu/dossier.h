/*
 * vanthu: work dossiers (hồ sơ công việc), Decree 30/2020/NĐ-CP
 * chapter IV: the agency's dossier list for the year (danh mục hồ sơ),
 * dossiers opened against it, the documents gathered into them, the
 * table of contents (mục lục văn bản), closing (kết thúc) and the hand
 * over folder (nộp lưu).  docs/api.md section 13.
 *
 * Strings in these structs have passed through vt_text_safe() (as in
 * vanthu/model.h): callers may print them.  Every struct owns what it
 * points to; free with the matching _clear function (NULL allowed).
 */
#ifndef VANTHU_DOSSIER_H
#define VANTHU_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/clock.h"
#include "vanthu/error.h"
#include "vanthu/model.h"
#include "vanthu/outbox.h"

struct cJSON;
struct vt_cache;
struct vt_client;

/* An entry of the agency's yearly dossier list. */
struct vt_dossier_entry {
	char	*id;		/* "m3" */
	int	 year;
	char	*code;		/* "01.05": section and order */
	char	*title;
	char	*keeper;	/* unit or person who keeps it */
	char	*retention;	/* "5 năm", "10 năm", "vĩnh viễn" */
};

/* The list of a year (GET /dossier-list). */
struct vt_dossier_plan {
	int			 year;
	bool			 approved;	/* the agency approved a list */
	bool			 allow_free;	/* dossiers outside the list */
	struct vt_dossier_entry	*items;
	size_t			 n;
};

enum vt_dossier_state { VT_DOSSIER_OPEN, VT_DOSSIER_CLOSED };

/* What a row of the table of contents is. */
enum vt_ditem_kind {
	VT_DITEM_INCOMING,	/* văn bản đến */
	VT_DITEM_OUTGOING,	/* văn bản đi (an issued draft) */
	VT_DITEM_DRAFT		/* dự thảo, with all its versions */
};

/* One file of a row: an attachment, or a version of a draft. */
struct vt_dossier_file {
	char		*attachment_id;
	char		*filename;	/* safe to show; not safe as a path */
	uint64_t	 size;
	char		*sha256;	/* 64 lower-case hex digits */
	int		 page_amount;	/* 0 when unknown */
	char		*label;		/* "Phiên bản 2 (đã ký)", or NULL */
};

/* A row of the table of contents (Decree 30's columns). */
struct vt_dossier_item {
	int			 no;		/* số TT, from 1 */
	char			*document_id;	/* "i12", "d3" */
	enum vt_ditem_kind	 kind;
	char			*number_notation; /* số, ký hiệu */
	char			*issued_date;	/* YYYY-MM-DD, or NULL */
	char			*organ_name;	/* tác giả văn bản */
	char			*subject;	/* trích yếu */
	int			 page_amount;
	int			 start_page;	/* tờ số: first page in the
						   dossier */
	char			*notes;		/* ghi chú */
	struct vt_person	 added_by;
	char			*added_at;
	struct vt_dossier_file	*files;
	size_t			 nfiles;
};

/* A dossier; DETAILED when the items and history were in the answer. */
struct vt_dossier {
	char			*id;		/* "h5" */
	char			*entry_id;	/* or NULL: free-standing */
	int			 year;
	char			*code;
	char			*title;
	char			*keeper;
	char			*retention;
	char			*start_date;
	char			*end_date;	/* NULL while open */
	int			 page_count;	/* -1 while open */
	enum vt_dossier_state	 state;
	int			 item_count;
	char			*ref;		/* the opener's reference, or
						   NULL */
	struct vt_person	 opened_by;
	char			*updated_at;

	bool			 detailed;
	struct vt_dossier_item	*items;
	size_t			 nitems;
	struct vt_history_step	*history;
	size_t			 nhistory;
};

struct vt_dossier_list {
	struct vt_dossier	*items;
	size_t			 n;
};

/* ---- Model (lib/dossier-model.c) ----------------------------------- */

/*
 * Parsers: fill *OUT (zeroed first) from J.  VT_ERR_PROTOCOL with a
 * detail naming the field on a missing or wrong-typed field (then *OUT
 * is cleared).
 */
vt_code	vt_dossier_parse(const struct cJSON *j, const char *ctx,
	    struct vt_dossier *out, struct vt_errbuf *eb);
vt_code	vt_dossier_list_parse(const struct cJSON *j,
	    struct vt_dossier_list *out, struct vt_errbuf *eb);
vt_code	vt_dossier_plan_parse(const struct cJSON *j,
	    struct vt_dossier_plan *out, struct vt_errbuf *eb);
void	vt_dossier_clear(struct vt_dossier *d);
/*
 * vt_dossier_item_find: the item of D (detailed) for DOCUMENT_ID ("i12",
 * "d3"), pointing into D; NULL when D does not hold it or D's items
 * were not in the answer.
 */
const struct vt_dossier_item *vt_dossier_item_find(const struct vt_dossier *d,
	    const char *document_id);
void	vt_dossier_list_clear(struct vt_dossier_list *l);
void	vt_dossier_plan_clear(struct vt_dossier_plan *p);

/* The JSON of the command line's --json output (vanthu(1)); caller
   deletes it. */
struct cJSON	*vt_dossier_to_json(const struct vt_dossier *d);

/* Translated names: "open"/"closed", "incoming"/"outgoing"/"draft". */
const char	*vt_dossier_state_name(enum vt_dossier_state s);
const char	*vt_ditem_kind_name(enum vt_ditem_kind k);

/*
 * vt_dossier_writable: VT_OK when D is open; VT_ERR_STATE with a
 * detail for the user ("dossier h3 (01.05) was closed on 05/12/2026...")
 * when closed: the server refuses every change to a closed dossier, so
 * callers refuse it before queueing anything.
 */
vt_code	vt_dossier_writable(const struct vt_dossier *d, struct vt_errbuf *eb);

/*
 * vt_dossier_can_reopen: whether the logged-in user S (may be NULL) may
 * reopen a closed dossier: a leader or a clerk (docs/api.md 13), as the
 * action table says (vt_act_allowed, VT_ACT_DOSSIER_REOPEN).  An unknown
 * role may not.
 */
struct vt_session;
bool	vt_dossier_can_reopen(const struct vt_session *s);

/* The steps of a dossier's history (its "action" words). */
enum vt_dossier_step {
	VT_DSTEP_UNKNOWN = 0,
	VT_DSTEP_OPENED,	/* "opened": mở hồ sơ */
	VT_DSTEP_ADDED,		/* "added": a document gathered into it */
	VT_DSTEP_REMOVED,	/* "removed" */
	VT_DSTEP_CLOSED,	/* "closed": kết thúc */
	VT_DSTEP_REOPENED	/* "reopened", with the reason as the note */
};
/* vt_dossier_step_parse: the step named ACTION (NULL or unknown:
   VT_DSTEP_UNKNOWN). */
enum vt_dossier_step	vt_dossier_step_parse(const char *action);

/* The translated name of a history action ("opened", "added"...); an
   unknown one as it is (NULL: "?").  Static or ACTION itself. */
const char	*vt_dossier_action_name(const char *action);

/*
 * vt_dossier_wrap: TEXT (safe, single-line) cut into lines of at most
 * COLS screen columns, between words where possible (a longer word is
 * cut between grapheme clusters).  Returns the number of lines (at
 * least 1); *LINES gets a new array of new strings (free each and the
 * array).  For the table of contents on a terminal.
 */
size_t	vt_dossier_wrap(const char *text, int cols, char ***lines);

/* ---- API and offline copy (lib/dossier-api.c) ---------------------- */

/* vt_dossier_plan_get: GET /dossier-list?year=YEAR (0: this year). */
vt_code	vt_dossier_plan_get(struct vt_client *c, int year,
	    struct vt_dossier_plan *out, struct vt_errbuf *eb);

/*
 * vt_dossier_fetch_list / vt_dossier_fetch: GET /dossiers (every
 * dossier of the agency) or GET /dossiers/ID (detailed), with the
 * cached copy's ETag, stored in CACHE (dossiers.json, dossier/ID.json).
 * When the server cannot be reached and a cached copy exists, the copy
 * is returned, *FROM_CACHE (may be NULL) is set, and the network error
 * is still returned (as vt_fetch_doc).  The request and the copy are
 * made under the cache's lock (vt_dir_lock), so they wait for a sync
 * under way rather than write an older copy after its newer one.
 */
vt_code	vt_dossier_fetch_list(struct vt_client *c, struct vt_cache *cache,
	    struct vt_dossier_list *out, bool *from_cache,
	    struct vt_errbuf *eb);
vt_code	vt_dossier_fetch(struct vt_client *c, struct vt_cache *cache,
	    const char *id, struct vt_dossier *out, bool *from_cache,
	    struct vt_errbuf *eb);
/*
 * vt_dossier_sync: bring the offline copy of the dossiers up to date:
 * the list (GET /dossiers with its ETag: one request when nothing
 * changed), then the details (GET /dossiers/ID) of every dossier whose
 * copy is older than the list says, or that is open and has no copy
 * yet; with RECHECK (documents changed on the server, so a row's files
 * may have) also of every open dossier, with its ETag.  *CHANGED gets
 * how many copies were renewed.  A server without dossiers (404) is
 * not an error.  Each complete sync is marked in the cache with the
 * inbox's sync token (dossiers.token); with QUIET (the delta of that
 * same token said no dossier changed: vt_sync_result.dossiers_quiet)
 * and that mark, nothing is asked at all.  Errors: those of
 * vt_dossier_fetch_list/_fetch; the copies renewed before an error
 * stay (and the mark is not renewed).
 */
vt_code	vt_dossier_sync(struct vt_client *c, struct vt_cache *cache,
	    bool recheck, bool quiet, size_t *changed, struct vt_errbuf *eb);

/* The cached copies only (offline; VT_ERR_NOT_FOUND when none). */
vt_code	vt_dossier_cache_list(struct vt_cache *cache,
	    struct vt_dossier_list *out, struct vt_errbuf *eb);
vt_code	vt_dossier_cache_get(struct vt_cache *cache, const char *id,
	    struct vt_dossier *out, struct vt_errbuf *eb);

/* ---- Actions for the outbox (lib/dossier-act.c) -------------------- */

/* A dossier to open (vt_act_dossier_open). */
struct vt_dossier_new {
	const char	*entry_id;	/* "m2": against the list; or NULL */
	const char	*code;		/* outside the list: "05.09" */
	const char	*title;		/* outside the list; else optional */
	const char	*keeper;	/* NULL: the server takes my name */
	const char	*retention;	/* outside the list: "5 năm"... */
	const char	*start_date;	/* YYYY-MM-DD, or NULL: today */
	const char	*ref;		/* a UUID to find the dossier by */
};

/*
 * The dossier kinds of the action vocabulary (vanthu/actions.h:
 * VT_ACT_DOSSIER_*; docs/api.md section 13).  Each fills *ACT with
 * vt_act_build; strings are NFC text.  Cannot fail.
 * vt_act_dossier_open: POST /dossiers with N's fields.
 * vt_act_dossier_add / _remove: POST /dossiers/ID/items|remove
 *   {"document_id"}.
 * vt_act_dossier_close: POST /dossiers/ID/close {"end_date" (NULL:
 *   today on the server), "note" (may be NULL)}.
 * vt_act_dossier_reopen: POST /dossiers/ID/reopen {"reason"} (a leader
 *   or a clerk).
 */
struct vt_act;
void	vt_act_dossier_open(struct vt_act *act,
	    const struct vt_dossier_new *n);
void	vt_act_dossier_add(struct vt_act *act, const char *id,
	    const char *document_id);
void	vt_act_dossier_remove(struct vt_act *act, const char *id,
	    const char *document_id);
void	vt_act_dossier_close(struct vt_act *act, const char *id,
	    const char *end_date, const char *note);
void	vt_act_dossier_reopen(struct vt_act *act, const char *id,
	    const char *reason);

/* ---- What people type (lib/dossier-input.c) ------------------------ */

/*
 * vt_dossier_code_valid: whether CODE is a dossier code as the server
 * takes it: a section and an order ("01.05"), up to four parts of 1-6
 * letters or digits joined by dots.
 */
bool	vt_dossier_code_valid(const char *code);

/*
 * vt_dossier_retention_norm: the retention period TEXT as the server
 * writes it, "N năm" (N from 1 to 999) or "vĩnh viễn", whatever the
 * case and the marks typed ("10 nam", "Vĩnh viễn", "vinh vien").
 * Returns a new string, or NULL when TEXT is no retention period.
 */
char	*vt_dossier_retention_norm(const char *text);

/*
 * vt_dossier_doc_check: VT_OK when DOCUMENT_ID names a document a
 * dossier can hold ("i12": incoming; "d7": a draft or an issued
 * document), else VT_ERR_INVALID with a translated detail.
 */
vt_code	vt_dossier_doc_check(const char *document_id, struct vt_errbuf *eb);

/*
 * vt_dossier_new_check: the checks the server makes on a dossier to
 * open outside the list (N->entry_id NULL): code, title (1-500
 * characters) and retention period; N->retention is replaced by its
 * normal form, a new string returned in *RETENTION (caller frees; NULL
 * when not needed).  A dossier against an entry needs nothing.
 * VT_ERR_INVALID with a translated detail.
 */
vt_code	vt_dossier_new_check(struct vt_dossier_new *n, char **retention,
	    struct vt_errbuf *eb);

/*
 * vt_dossier_end_check: VT_ERR_INVALID (translated detail) when
 * END_DATE ("YYYY-MM-DD"; NULL: today on the server) is before D's
 * start date, as the server would refuse it.
 */
vt_code	vt_dossier_end_check(const struct vt_dossier *d, const char *end_date,
	    struct vt_errbuf *eb);

/* ---- Hand over folder (lib/dossier-export.c, dossier-toc.c) --------- */

/* Progress of an export: file I of N being written (NAME). */
typedef void (*vt_dossier_progress_fn)(void *arg, size_t i, size_t n,
    const char *name);

/*
 * vt_dossier_export: write dossier D (detailed) into the new or empty
 * directory DIR as a records office takes it:
 *   NNN-ID-K.pdf     every file of every row, byte for byte as the
 *                    server has it (downloaded through CACHE, checked
 *                    against its SHA-256)
 *   muc-luc.csv      the table of contents (UTF-8 with BOM, Decree 30
 *                    columns, Vietnamese headings, dates dd/mm/yyyy)
 *   muc-luc.pdf      the same, rendered (Liberation Serif embedded)
 *   ho-so.json       the dossier's metadata and which file is which
 *   manifest.sha256  "SHA256  NAME" for every file above (sha256sum -c)
 * Each file is written atomically; the manifest last.  Errors:
 * VT_ERR_IO (DIR not empty, cannot write), download errors of
 * vt_api_download, VT_ERR_PDF (the table cannot be rendered).
 * PROGRESS may be NULL.
 */
vt_code	vt_dossier_export(struct vt_client *c, struct vt_cache *cache,
	    const struct vt_dossier *d, const char *dir,
	    vt_dossier_progress_fn progress, void *arg,
	    struct vt_errbuf *eb);

/*
 * vt_dossier_toc_csv: the table of contents of D as CSV (RFC 4180,
 * CRLF, UTF-8 with a byte order mark so that spreadsheet programs read
 * Vietnamese) appended to OUT.
 */
struct vt_buf;
void	vt_dossier_toc_csv(const struct vt_dossier *d, struct vt_buf *out);

/*
 * vt_dossier_toc_pdf: the table of contents of D rendered as an A4 PDF
 * (landscape) at PATH with Decree 30's columns and the dossier's
 * heading, in Vietnamese whatever the locale, the font FONT (NULL:
 * VT_DEFAULT_FONT) embedded.  VT_ERR_PDF / VT_ERR_IO on failure.
 */
vt_code	vt_dossier_toc_pdf(const struct vt_dossier *d, const char *font,
	    const char *path, struct vt_errbuf *eb);

/* The verdict on one file of a hand over folder. */
enum vt_dcheck {
	VT_DCHECK_OK,		/* hash matches; signatures valid (or none
				   expected) */
	VT_DCHECK_UNSIGNED,	/* hash matches; a PDF without signature */
	VT_DCHECK_MISSING,	/* listed in the manifest, not in DIR */
	VT_DCHECK_CHANGED,	/* SHA-256 differs from the manifest */
	VT_DCHECK_EXTRA,	/* in DIR, not in the manifest */
	VT_DCHECK_BAD_SIGNATURE, /* a signature's range or signed bytes are
				   wrong, or the file was changed after it
				   in a way it does not allow */
	VT_DCHECK_WEAK_SIGNATURE, /* hash matches; a signature uses a hash
				   no longer allowed (SHA-1, MD5): it
				   proves nothing, the bytes are not
				   checked with it */
	VT_DCHECK_UNTRUSTED	/* hash matches; signatures intact, but a
				   signer's certificate does not chain to
				   the trusted CAs */
};

struct vt_dcheck_file {
	char		*name;
	enum vt_dcheck	 verdict;
	size_t		 nsigs;		/* signatures found (PDF) */
	char		*detail;	/* why, or NULL; safe text (for
					   VT_DCHECK_OK: the chains were not
					   checked, when so) */
};

struct vt_dcheck_result {
	struct vt_dcheck_file	*files;
	size_t			 n;
	bool			 ok;	/* every file OK or UNSIGNED */
};

/*
 * vt_dossier_verify_dir: check the hand over folder DIR: every line of
 * DIR/manifest.sha256 against the file's SHA-256, files not listed,
 * and every signature of every PDF with vt_verify_pdf (verify.h)
 * against the PEM CAs of TRUST_FILE (NULL: the chains are not checked,
 * and each signed file's detail says so).  Fills RES (free with vt_dcheck_result_free) whatever the
 * verdicts; errors only when DIR or its manifest cannot be read
 * (VT_ERR_IO, VT_ERR_NOT_FOUND), the manifest is malformed
 * (VT_ERR_INVALID), or TRUST_FILE cannot be read (VT_ERR_CONFIG).
 */
vt_code	vt_dossier_verify_dir(const char *dir, const char *trust_file,
	    struct vt_dcheck_result *res, struct vt_errbuf *eb);
void	vt_dcheck_result_free(struct vt_dcheck_result *res);
/* The translated name of a verdict. */
const char	*vt_dcheck_name(enum vt_dcheck v);

#endif
