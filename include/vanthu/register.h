/*
 * vanthu: the clerk's incoming side (Decree 30/2020/ND-CP art. 20-22):
 * the signature check of an arrived document before it is registered
 * (vào sổ), and the incoming register (sổ đăng ký văn bản đến,
 * Appendix IV) of docs/api.md section 5.  No terminal I/O: callers show
 * the verdict and ask.
 */
#ifndef VANTHU_REGISTER_H
#define VANTHU_REGISTER_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/error.h"
#include "vanthu/model.h"

struct vt_client;
struct vt_cache;
struct vt_verify_result;

/* What the check of the main attachment found. */
enum vt_sigcheck {
	VT_SIGCHECK_VALID,	/* signed, intact, trusted, nothing after */
	VT_SIGCHECK_UNTRUSTED,	/* intact, but the certificate does not
				   chain to trust_file (or none is set) */
	VT_SIGCHECK_NONE,	/* no digital signature */
	VT_SIGCHECK_BROKEN,	/* a signature does not verify */
	VT_SIGCHECK_CHANGED,	/* changed after the last signature */
	VT_SIGCHECK_UNCHECKED	/* not checked: no file, offline, not a PDF */
};

/* The result of vt_register_check(); strings owned, safe text or NULL. */
struct vt_reg_check {
	enum vt_sigcheck verdict;
	char	*filename;	/* the attachment checked */
	char	*signer;	/* common name of the last signature */
	char	*signing_time;	/* its /M, ISO 8601, or NULL */
	char	*detail;	/* why broken or unchecked, or NULL */
};

/*
 * vt_sigcheck_classify: the verdict for RES (from vt_verify_pdf(); a
 * NULL RES is VT_SIGCHECK_UNCHECKED).  A change after a signature
 * counts when the verification module's difference analysis does not
 * allow it for that signature (later_covered: ISO 32000-1 12.8.2.2
 * DocMDP; a later signature, a timestamp or form filling may be).
 */
enum vt_sigcheck vt_sigcheck_classify(const struct vt_verify_result *res);

/* vt_sigcheck_flagged: whether the clerk should be offered to refuse
   (missing, broken, changed, untrusted or unchecked signature). */
bool		 vt_sigcheck_flagged(enum vt_sigcheck v);
/* vt_sigcheck_message: one translated line for people (static). */
const char	*vt_sigcheck_message(enum vt_sigcheck v);
/* vt_sigcheck_note: the same in Vietnamese whatever the locale, for the
   server's register note and the reason of a refusal (static). */
const char	*vt_sigcheck_note(enum vt_sigcheck v);

/*
 * vt_register_check: check the digital signatures of DOC's main
 * attachment (its first PDF): downloaded into CACHE (C may be NULL
 * offline: then only a cached copy is checked), verified with
 * vt_verify_pdf() against TRUST_FILE (NULL: no chain check, and a
 * signature is at best VT_SIGCHECK_UNTRUSTED).  OUT is always filled
 * (free with vt_reg_check_clear()); the return value is VT_OK, or why
 * the file could not be checked (VT_ERR_NOT_FOUND: no attachment;
 * VT_ERR_NETWORK...: not downloaded; VT_ERR_PDF...) with OUT->verdict
 * VT_SIGCHECK_UNCHECKED and OUT->detail saying so.
 */
vt_code		 vt_register_check(struct vt_client *c, struct vt_cache *cache,
		     const struct vt_doc *doc, const char *trust_file,
		     struct vt_reg_check *out, struct vt_errbuf *eb);
void		 vt_reg_check_clear(struct vt_reg_check *r);

/* One line of the incoming register; strings owned, safe text. */
struct vt_reg_entry {
	char	*id;
	long	 arrival_number;	/* số đến */
	char	*arrival_date;		/* ngày đến, YYYY-MM-DD */
	char	*organ_name;		/* tác giả: the sender organ */
	char	*organ_id;
	char	*number_notation;	/* số, ký hiệu */
	char	*issued_date;		/* ngày tháng, or NULL */
	char	*type_name;		/* tên loại */
	char	*subject;		/* trích yếu */
	char	**receivers;		/* đơn vị hoặc người nhận */
	size_t	 nreceivers;
	char	*due_date;		/* hạn giải quyết, or NULL */
	char	*status;		/* edXML "03".."06", "02" */
	char	*notes;			/* ghi chú */
};

struct vt_incoming_register {
	int			 year;
	struct vt_reg_entry	*items;
	size_t			 n;
};

/*
 * vt_api_incoming_register: GET /registers/incoming?year=YEAR (0: the
 * current year, as the server decides), every page, into OUT (free with
 * vt_incoming_register_free()).  Errors as vt_api_get(), and
 * VT_ERR_PROTOCOL for a malformed answer.
 */
vt_code		 vt_api_incoming_register(struct vt_client *c, int year,
		     struct vt_incoming_register *out, struct vt_errbuf *eb);
void		 vt_incoming_register_free(struct vt_incoming_register *r);

/*
 * vt_reg_entry_parse: one line of the register from the JSON object O
 * (CTX, e.g. "register[3]", names it in errors) into E (owned strings,
 * passed through the text module).  VT_ERR_PROTOCOL for a missing or
 * mistyped field; E is then empty.
 */
struct cJSON;
vt_code		 vt_reg_entry_parse(const struct cJSON *o, const char *ctx,
		     struct vt_reg_entry *e, struct vt_errbuf *eb);

/*
 * vt_reg_entry_to_json: E as a cJSON object with the API's field names
 * (the caller deletes it).
 */
struct cJSON	*vt_reg_entry_to_json(const struct vt_reg_entry *e);

#endif
