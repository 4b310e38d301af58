/*
 * vanthu: the server's words for draft states, document statuses and
 * roles as enums (docs/api.md sections 5 and 7; edXML status codes of
 * QCVN 102:2016), so that the rest of the code compares enums.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/model.h"

struct word {
	const char	*name;
	int		 value;
};

/* The value of S in WORDS (N of them), or 0 (each enum's UNKNOWN). */
static int
word_find(const struct word *words, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < n; i++) {
		if (strcmp(words[i].name, s) == 0)
			return words[i].value;
	}
	return 0;
}

#define NWORDS(a)	(sizeof (a) / sizeof (a)[0])

enum vt_draft_state
vt_draft_state_parse(const char *state)
{
	static const struct word words[] = {
		{ "in_review", VT_DRAFT_IN_REVIEW },
		{ "awaiting_signer", VT_DRAFT_AWAITING_SIGNER },
		{ "approved", VT_DRAFT_APPROVED },
		{ "signed", VT_DRAFT_SIGNED },
		{ "issued", VT_DRAFT_ISSUED },
		{ "returned", VT_DRAFT_RETURNED },
	};

	return (enum vt_draft_state)word_find(words, NWORDS(words), state);
}

enum vt_draft_state
vt_draft_state_of(const struct vt_draft *d)
{
	return vt_draft_state_parse(d->state);
}

const char *
vt_draft_state_name(const char *state)
{
	switch (vt_draft_state_parse(state)) {
	case VT_DRAFT_IN_REVIEW: return _("in review");
	case VT_DRAFT_AWAITING_SIGNER: return _("to the signer");
	case VT_DRAFT_APPROVED: return _("approved");
	case VT_DRAFT_SIGNED: return _("signed");
	case VT_DRAFT_ISSUED: return _("issued");
	case VT_DRAFT_RETURNED: return _("returned");
	case VT_DRAFT_STATE_UNKNOWN: break;
	}
	return state != NULL ? state : "?";
}

enum vt_doc_status
vt_doc_status_parse(const char *status)
{
	static const struct word words[] = {
		{ "01", VT_STATUS_ARRIVED },
		{ "02", VT_STATUS_REJECTED },
		{ "03", VT_STATUS_REGISTERED },
		{ "04", VT_STATUS_ASSIGNED },
		{ "05", VT_STATUS_IN_PROGRESS },
		{ "06", VT_STATUS_COMPLETED },
	};

	return (enum vt_doc_status)word_find(words, NWORDS(words), status);
}

enum vt_doc_status
vt_doc_status_of(const struct vt_doc *d)
{
	return vt_doc_status_parse(d->status);
}

bool
vt_doc_status_closed(enum vt_doc_status st)
{
	return st == VT_STATUS_COMPLETED || st == VT_STATUS_REJECTED;
}

enum vt_user_role
vt_user_role_parse(const char *role)
{
	static const struct word words[] = {
		{ "leader", VT_USER_LEADER },
		{ "clerk", VT_USER_CLERK },
		{ "specialist", VT_USER_SPECIALIST },
	};

	return (enum vt_user_role)word_find(words, NWORDS(words), role);
}

enum vt_assign_role
vt_assign_role_parse(const char *role)
{
	static const struct word words[] = {
		{ "lead", VT_ASSIGN_LEAD },
		{ "cooperate", VT_ASSIGN_COOPERATE },
		{ "inform", VT_ASSIGN_INFORM },
	};

	return (enum vt_assign_role)word_find(words, NWORDS(words), role);
}

const char *
vt_assign_role_name(const char *role)
{
	switch (vt_assign_role_parse(role)) {
	case VT_ASSIGN_LEAD: return _("lead");
	case VT_ASSIGN_COOPERATE: return _("cooperate");
	case VT_ASSIGN_INFORM: return _("for information");
	case VT_ASSIGN_UNKNOWN: break;
	}
	return role != NULL ? role : "";
}

enum vt_sig_owner
vt_sig_owner_parse(const char *kind)
{
	static const struct word words[] = {
		{ "personal", VT_SIG_PERSONAL },
		{ "agency", VT_SIG_AGENCY },
	};

	return (enum vt_sig_owner)word_find(words, NWORDS(words), kind);
}
