/*
 * vanthu: role gating by names on top of the action table
 * (lib/actions.c: which session roles may take each kind), and the
 * sentence that says why not, so that the command line and the
 * interface offer only what the server would accept (docs/api.md).
 */
#include "config.h"

#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/i18n.h"

bool
vt_action_role_ok(const char *kind, const char *role)
{
	enum vt_act_kind	k = vt_act_kind_parse(kind);

	if (k == VT_ACT_UNKNOWN)
		return true;
	return vt_act_allowed(k, vt_user_role_parse(role));
}

const char *
vt_act_refusal(enum vt_act_kind kind)
{
	switch (kind) {
	case VT_ACT_ASSIGN:
		return _("only a leader may assign documents");
	case VT_ACT_REGISTER:
		return _("only the clerk (văn thư) may register incoming "
		    "documents");
	case VT_ACT_RETURN:
		return _("only the clerk or a leader may return a document to "
		    "its sender");
	default:
		return NULL;
	}
}
