/*
 * vanthu: the server's words for draft states, document statuses and
 * roles as enums (docs/api.md sections 5 and 7; edXML status codes of
 * QCVN 102:2016), so that the rest of the code compares enums.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

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
