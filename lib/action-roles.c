/*
 * vanthu: which roles may take which action (docs/api.md sections 5
 * and 7), so that the command line and the interface offer only what
 * the server would accept.
 */
#include "config.h"

#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/i18n.h"

#define R_LEADER	0x1
#define R_CLERK		0x2
#define R_SPECIALIST	0x4

static const struct {
	const char	*kind;
	unsigned	 roles;
	const char	*refusal;	/* N_() */
} action_roles[] = {
	{ "assign", R_LEADER,
	    N_("only a leader may assign documents") },
	{ "register", R_CLERK,
	    N_("only the clerk (văn thư) may register incoming documents") },
	{ "return", R_LEADER | R_CLERK,
	    N_("only the clerk or a leader may return a document to its "
	    "sender") },
};

static unsigned
role_bit(const char *role)
{
	if (role == NULL)
		return 0;
	if (strcmp(role, "leader") == 0)
		return R_LEADER;
	if (strcmp(role, "clerk") == 0)
		return R_CLERK;
	if (strcmp(role, "specialist") == 0)
		return R_SPECIALIST;
	return 0;
}

bool
vt_action_role_ok(const char *kind, const char *role)
{
	unsigned	bit = role_bit(role);
	size_t		i;

	if (bit == 0 || kind == NULL)
		return true;
	for (i = 0; i < sizeof action_roles / sizeof action_roles[0]; i++) {
		if (strcmp(action_roles[i].kind, kind) == 0)
			return (action_roles[i].roles & bit) != 0;
	}
	return true;
}

const char *
vt_action_role_refusal(const char *kind)
{
	size_t	i;

	for (i = 0; kind != NULL &&
	    i < sizeof action_roles / sizeof action_roles[0]; i++) {
		if (strcmp(action_roles[i].kind, kind) == 0)
			return _(action_roles[i].refusal);
	}
	return NULL;
}
