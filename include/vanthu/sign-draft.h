/*
 * vanthu: the one draft-signing pipeline (docs/api.md section 7), shared
 * by `vanthu draft sign`, the interface's signing screen and the
 * clerk's agency signature at issue.  The callers drive two steps and
 * only gather answers from the person (certificate choice, PIN,
 * confirmation) and show results:
 *
 *   vt_draft_sign_prepare()   every check that needs no PIN: who signs
 *                             (the role and the draft's state), that the
 *                             file is the server's version (SHA-256),
 *                             its page count, the signing options
 *                             (vt_pades_check), the token and the
 *                             certificates to choose from, the
 *                             appearance (image, signer_position);
 *   [vt_draft_sign_choose()]  when several certificates match;
 *   vt_draft_sign_run()       sign with the PIN, verify the result with
 *                             the one policy (vt_verify_policy_check:
 *                             every signature intact and trusted against
 *                             trust_file, nothing changed after them but
 *                             what the policy allows) and build the
 *                             upload (one outbox kind, VT_ACT_SIGNED_UPLOAD)
 *                             for the caller to queue.
 *
 * No terminal I/O; the token is used by one thread at a time (the
 * caller's).
 */
#ifndef VANTHU_SIGN_DRAFT_H
#define VANTHU_SIGN_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/actions.h"
#include "vanthu/error.h"
#include "vanthu/model.h"
#include "vanthu/sign.h"

/* Which signature (Decree 30: the signer's, then the agency's). */
enum vt_draft_sign_mode {
	VT_DRAFT_SIGN_AUTO = 0,		/* from the role and the state */
	VT_DRAFT_SIGN_PERSONAL,		/* ký số cá nhân: the signer */
	VT_DRAFT_SIGN_AGENCY		/* ký số cơ quan: a clerk, after the
					   signer signed */
};

/*
 * Called by vt_draft_sign_prepare() after the file passed the hash
 * check and before the pre-PIN checks, to change what is signed (the
 * clerk fills the number and date fields as an incremental update):
 * read IN, write the new file to OUT, return VT_OK; the pipeline then
 * signs OUT.  Returning an error stops the preparation with it.
 */
typedef vt_code (*vt_draft_sign_hook)(void *arg, const char *in,
	    const char *out, struct vt_errbuf *eb);

/* What to sign and how; strings are copied by vt_draft_sign_prepare. */
struct vt_draft_sign_opts {
	const struct vt_draft	*draft;		/* as the server sent it */
	const char		*username;	/* the session's user */
	enum vt_user_role	 role;		/* the session's role */
	const char		*pdf;		/* the current version's file as
						   downloaded (or viewed) */
	const char		*work_dir;	/* private directory for the
						   signed copy (and the hook's) */
	enum vt_draft_sign_mode	 mode;
	const struct vt_sign_config *cfg;	/* module, keys, images,
						   trust_file, signer_position */
	/* Overrides of CFG (NULL: from CFG). */
	const char		*module;
	const char		*key_uri;
	const char		*image;
	/* Where the signature shows (has_rect, page from --visible), or
	   NULL: the draft's empty signature field, else below the text. */
	const struct vt_appearance *place;
	bool			 can_pick;	/* the caller can show
						   vt_draft_sign_candidates() */
	vt_draft_sign_hook	 pre_sign;	/* or NULL */
	void			*pre_sign_arg;
	unsigned		 verify_allow;	/* VT_VERIFY_ALLOW_*: what may
						   follow earlier signatures */
	enum vt_level		 level;		/* PAdES level (--level);
						   VT_LEVEL_DEFAULT: CFG's
						   signature_level, else B-T
						   with a tsa_url, else B-B */
};

struct vt_draft_sign;

/* What the person confirms (owned by the vt_draft_sign). */
struct vt_draft_sign_info {
	enum vt_draft_sign_mode	 mode;		/* PERSONAL or AGENCY */
	const char		*draft_id;
	const char		*version_id;
	int			 version_number;
	const char		*subject;	/* as the server sent it */
	const char		*number;	/* "15/QĐ-UBND", or "" before
						   the number is given */
	const char		*notation;	/* "QĐ-UBND" */
	const char		*sha256;	/* of the file (hex) */
	int			 pages;		/* of the file */
	int			 server_pages;	/* page_amount (0: not said) */
	const struct vt_signing_info *signer;	/* certificate, token, PIN
						   state */
	enum vt_level		 level;		/* the level the signature
						   will have */
};

/*
 * vt_draft_sign_prepare: every check before the PIN, in this order:
 * the mode (AUTO: agency for a clerk on a signed draft, else personal)
 * and whether this user may sign now (personal: the draft's signer,
 * state awaiting_signer or approved; agency: a clerk, state signed);
 * trust_file set; a current version; the file's SHA-256 equal to the
 * version's; the pre-sign hook; the PDF opened and the signature
 * checked (vt_pades_check); its page count equal to the server's
 * page_amount; the token opened and the certificate chosen and checked
 * (see vt_signing_open: with several matches and CAN_PICK, choose next).
 * *OUT is freed with vt_draft_sign_free() (NULL after an error).
 * Errors: VT_ERR_STATE (not at that step), VT_ERR_CONFLICT (hash,
 * pages), VT_ERR_FORBIDDEN (not the signer, not a clerk),
 * VT_ERR_CONFIG (no trust_file), VT_ERR_NOT_FOUND (no version), and
 * those of vt_signing_open.
 */
vt_code	 vt_draft_sign_prepare(const struct vt_draft_sign_opts *o,
	     struct vt_draft_sign **out, struct vt_errbuf *eb);
void	 vt_draft_sign_free(struct vt_draft_sign *ds);

/* vt_draft_sign_info: what to show (updated by each step). */
const struct vt_draft_sign_info *vt_draft_sign_info(
	     const struct vt_draft_sign *ds);

/* vt_draft_sign_candidates, vt_draft_sign_choose: as vt_signing_*. */
const struct vt_token_cert *const *vt_draft_sign_candidates(
	     const struct vt_draft_sign *ds, size_t *n);
vt_code	 vt_draft_sign_choose(struct vt_draft_sign *ds, size_t i,
	     struct vt_errbuf *eb);

/*
 * vt_draft_sign_set_level: make the signature at LEVEL (PAdES baseline,
 * ETSI EN 319 142-1: B-B, B-T, B-LT, B-LTA; VT_LEVEL_DEFAULT: B-T with
 * a tsa_url, else B-B) instead of the one prepared: the confirmation
 * screen's choice.  Every level is accepted by the server: B-LT adds a
 * DSS and B-LTA a document timestamp after the signature, as
 * incremental updates that only add validation data.  The info's level
 * follows.  Errors (level unchanged): VT_ERR_CONFIG (no tsa_url for B-T
 * and up, no trust_file for B-LT and up).
 */
vt_code	 vt_draft_sign_set_level(struct vt_draft_sign *ds,
	     enum vt_level level, struct vt_errbuf *eb);

/*
 * vt_draft_sign_level_text: what LEVEL adds, in words (translated,
 * static), for the confirmation: "with a timestamp from the timestamp
 * authority" for B-T...  VT_LEVEL_DEFAULT reads as B-B.
 */
const char *vt_draft_sign_level_text(enum vt_level level);

/*
 * vt_draft_sign_run: sign with PIN (a NUL-terminated secret buffer,
 * vanthu/secret.h: wiped here as soon as the token has it, whatever
 * the outcome; the caller still frees it), verify the
 * signed file with the policy (one more signature than the file had,
 * every one intact and trusted against trust_file) and fill *ACT with
 * the upload (vt_act_signed_upload; free with vt_act_clear) for the
 * caller to queue in the outbox.  A wrong PIN: VT_ERR_PIN_INCORRECT
 * (tries left said; the PIN state in the info read again) and DS can
 * be run again.  Errors: those of vt_signing_sign, VT_ERR_SIGNATURE
 * (the result does not pass the policy: nothing to send), VT_ERR_IO.
 */
vt_code	 vt_draft_sign_run(struct vt_draft_sign *ds, char *pin,
	     struct vt_act *act, struct vt_errbuf *eb);

/*
 * vt_draft_sign_check: the first checks of vt_draft_sign_prepare(),
 * which need no file (O->pdf and O->work_dir are not used): the mode
 * (into *MODE, may be NULL) and whether this user may make that
 * signature now, trust_file set, a current version.  For refusing
 * before a download, or before offering to sign.  Errors as prepare's.
 */
vt_code	 vt_draft_sign_check(const struct vt_draft_sign_opts *o,
	     enum vt_draft_sign_mode *mode, struct vt_errbuf *eb);

#endif
