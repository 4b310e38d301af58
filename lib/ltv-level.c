/*
 * vanthu: the PAdES baseline level names (ETSI EN 319 142-1 6) and the
 * default level.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "vanthu/ltv.h"

static const struct {
	const char	*name;
	enum vt_level	 level;
} levels[] = {
	{ "B-B", VT_LEVEL_BB }, { "BB", VT_LEVEL_BB },
	{ "B-T", VT_LEVEL_BT }, { "BT", VT_LEVEL_BT },
	{ "B-LT", VT_LEVEL_BLT }, { "BLT", VT_LEVEL_BLT },
	{ "B-LTA", VT_LEVEL_BLTA }, { "BLTA", VT_LEVEL_BLTA },
};

int
vt_level_parse(const char *s, enum vt_level *out)
{
	size_t	 i;

	for (i = 0; s != NULL && i < sizeof levels / sizeof levels[0]; i++)
		if (strcasecmp(s, levels[i].name) == 0) {
			*out = levels[i].level;
			return 0;
		}
	return -1;
}

const char *
vt_level_name(enum vt_level level)
{
	switch (level) {
	case VT_LEVEL_BT:	return "B-T";
	case VT_LEVEL_BLT:	return "B-LT";
	case VT_LEVEL_BLTA:	return "B-LTA";
	default:		return "B-B";
	}
}

enum vt_level
vt_level_resolve(enum vt_level level, enum vt_level configured,
    const struct vt_tsa *tsa)
{
	if (level != VT_LEVEL_DEFAULT)
		return level;
	if (configured != VT_LEVEL_DEFAULT)
		return configured;
	return tsa != NULL && tsa->url != NULL && *tsa->url != '\0' ?
	    VT_LEVEL_BT : VT_LEVEL_BB;
}

const char *
vt_rev_status_name(int status)
{
	static const char *const names[] = { "not_checked", "good",
	    "revoked", "revoked_later", "unknown" };

	return status >= 0 && status <= VT_REV_UNKNOWN ? names[status] :
	    "unknown";
}
