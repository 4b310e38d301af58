/*
 * vanthu: outgoing documents (văn bản đi, Decree 30/2020/ND-CP art.
 * 15-18; docs/api.md section 12): the number and issue date the server
 * reserves for a signed draft, released if the clerk cancels; the
 * outgoing register (sổ đăng ký văn bản đi).
 */
#ifndef VANTHU_OUTGOING_H
#define VANTHU_OUTGOING_H

#include <stddef.h>

#include "vanthu/api.h"
#include "vanthu/error.h"
#include "vanthu/numfields.h"

/* A number reserved for a draft (POST /drafts/{id}/number). */
struct vt_reservation {
	char	 *id;			/* "r3" */
	char	 *draft_id;		/* "d3" */
	char	 *code_number;		/* "05" */
	char	 *code_notation;	/* "QĐ-UBND" */
	char	 *number_notation;	/* "05/QĐ-UBND" */
	char	 *issued_date;		/* "2026-12-02" (Vietnam) */
	char	 *promulgation_place;	/* "Hoằng Quý" */
	char	 *number_line;		/* "Số: 05/QĐ-UBND" */
	char	 *date_line;		/* "Hoằng Quý, ngày 02 tháng 12 ..." */
	char	 *state;		/* "reserved", "released", "issued" */
	char	**recipients;		/* extra recipients' names */
	size_t	  nrecipients;
};

/*
 * vt_api_number_reserve: POST /drafts/{DRAFT_ID}/number with the extra
 * recipients TO (N organ_ids or usernames; may be 0) and fill *OUT (free
 * with vt_reservation_clear).  The same reservation comes back while it
 * is held.  Not queued offline: the number is needed now.  Errors: the
 * API's (VT_ERR_FORBIDDEN: not a clerk; VT_ERR_CONFLICT: the draft is
 * not signed; VT_ERR_REFUSED: an unknown recipient), VT_ERR_PROTOCOL.
 */
vt_code	 vt_api_number_reserve(struct vt_client *c, const char *draft_id,
	     const char *const *to, size_t n, struct vt_reservation *out,
	     struct vt_errbuf *eb);

/*
 * vt_api_number_release: POST /drafts/{DRAFT_ID}/number/release: the
 * reserved number goes back to the year's sequence.  Errors: the API's
 * (VT_ERR_NOT_FOUND when no number is held).
 */
vt_code	 vt_api_number_release(struct vt_client *c, const char *draft_id,
	     struct vt_errbuf *eb);

void	 vt_reservation_clear(struct vt_reservation *r);

/*
 * vt_reservation_fields: what vt_numfields_fill() writes, from R (its
 * strings are borrowed, R must outlive F).  Errors: VT_ERR_PROTOCOL (a
 * date that is not YYYY-MM-DD).
 */
vt_code	 vt_reservation_fields(const struct vt_reservation *r,
	     struct vt_issue_fields *f, struct vt_errbuf *eb);

/*
 * vt_reservation_fill: the draft-signing pipeline's pre-sign hook
 * (vt_draft_sign_hook) of an issue: fill the number and date fields of
 * the PDF at IN with the reservation ARG (a struct vt_reservation) into
 * OUT, as vt_numfields_fill() does.  Errors: those of
 * vt_numfields_fill(); a PDF without the fields is VT_ERR_INVALID with
 * a message saying the drafter must submit it again.
 */
vt_code	 vt_reservation_fill(void *arg, const char *in, const char *out,
	     struct vt_errbuf *eb);

/* One line of the outgoing register (Decree 30 Appendix IV columns). */
struct vt_outgoing {
	char	 *draft_id;
	char	 *code_number;
	char	 *code_notation;
	char	 *number_notation;
	char	 *issued_date;		/* YYYY-MM-DD */
	char	 *type_name;
	char	 *subject;
	char	 *signer_name;
	char	 *signer_position;
	char	 *signer_competence;
	char	**recipients;
	size_t	  nrecipients;
	long	  copies;
};

/*
 * vt_api_outgoing_register: GET /outgoing?year=YEAR (0: this year) into
 * *ITEMS (*N entries; free with vt_outgoing_free).  When JSON is not
 * NULL it receives the answer as the server sent it (cJSON_Delete).
 * Errors: the API's, VT_ERR_PROTOCOL.
 */
vt_code	 vt_api_outgoing_register(struct vt_client *c, int year,
	     struct vt_outgoing **items, size_t *n, struct cJSON **json,
	     struct vt_errbuf *eb);
void	 vt_outgoing_free(struct vt_outgoing *items, size_t n);

#endif
