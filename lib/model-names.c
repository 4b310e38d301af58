/*
 * vanthu: the words people read for the server's codes of processing
 * steps (edXML TraceHeaderList), in the user's language.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/model.h"

const char *
vt_version_kind_name(const char *kind)
{
	if (kind != NULL && strcmp(kind, "draft") == 0)
		return _("draft");
	return vt_history_action_name(kind);
}

const char *
vt_history_action_name(const char *code)
{
	static const struct { const char *code, *name; } names[] = {
		/* TRANSLATORS: steps of a document's processing history. */
		{ "arrived", N_("arrived") },
		{ "registered", N_("registered") },
		{ "assigned", N_("assigned") },
		{ "forwarded", N_("forwarded") },
		{ "commented", N_("commented") },
		{ "in_progress", N_("in progress") },
		{ "completed", N_("completed") },
		{ "returned", N_("returned") },
		{ "refused", N_("refused") },
		{ "read", N_("read") },
		{ "created", N_("drafted") },
		{ "submitted", N_("submitted") },
		{ "revised", N_("revised") },
		{ "new_version", N_("new version") },
		{ "approved", N_("approved") },
		{ "annotated", N_("annotated") },
		{ "signed", N_("signed") },
		{ "agency_signed", N_("agency signature") },
		{ "numbered", N_("numbered") },
		{ "issued", N_("issued") },
		{ "number_reserved", N_("number reserved") },
		{ "number_released", N_("number given back") },
		{ "distributed", N_("sent to the recipients") },
	};
	size_t	i;

	if (code == NULL)
		return "";
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(names[i].code, code) == 0)
			return _(names[i].name);
	}
	return code;
}
