/*
 * vanthu draft diff ID [V1 V2]: what changed in the text between two
 * versions of a draft, word by word (lib/draft-diff.c), printed as
 * git's plain word diff does: [-deleted-] {+added+}, long unchanged
 * runs shortened to their ends.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/diff.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

#define CONTEXT	6	/* unchanged words shown on each side */

static cJSON *
diff_json(const struct vt_draft *r, const struct vt_version *a,
    const struct vt_version *b, const struct vt_diff *d)
{
	static const char *const ops[] = { "same", "deleted", "added" };
	cJSON	*j = cJSON_CreateObject(), *arr, *x;
	size_t	 i;

	cJSON_AddStringToObject(j, "draft", r->id);
	cJSON_AddStringToObject(j, "from", a->id);
	cJSON_AddStringToObject(j, "to", b->id);
	cJSON_AddNumberToObject(j, "added", (double)d->added);
	cJSON_AddNumberToObject(j, "deleted", (double)d->deleted);
	arr = cJSON_AddArrayToObject(j, "chunks");
	for (i = 0; i < d->n; i++) {
		x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "op", ops[d->chunks[i].op]);
		cJSON_AddStringToObject(x, "text", d->chunks[i].text);
		cJSON_AddItemToArray(arr, x);
	}
	return j;
}

static int
diff_versions(struct core *core, const struct vt_draft *r,
    const struct vt_version *a, const struct vt_version *b, bool json)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_diff		 d;
	char			*ta = NULL, *tb = NULL, *txt;

	if (vt_draft_version_text(core->client, core->cache, a, &ta, &eb) !=
	    VT_OK || vt_draft_version_text(core->client, core->cache, b,
	    &tb, &eb) != VT_OK) {
		free(ta);
		return core_fail(core, &eb);
	}
	vt_diff_words(ta, tb, &d);
	if (json)
		core_json_print(diff_json(r, a, b, &d));
	else {
		printf(_("Draft %s: version %d (%s) → version %d (%s)\n"),
		    r->id, a->number, a->id, b->number, b->id);
		if (d.added + d.deleted == 0)
			printf(_("The text is the same.\n"));
		else {
			printf(ngettext("%zu word added, ", "%zu words added, ",
			    d.added), d.added);
			printf(ngettext("%zu word deleted\n",
			    "%zu words deleted\n", d.deleted), d.deleted);
			txt = vt_diff_format(&d, CONTEXT);
			printf("%s\n", txt);
			free(txt);
		}
	}
	vt_diff_clear(&d);
	free(ta);
	free(tb);
	return 0;
}

static int
cmd_draft_diff(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 r;
	const struct vt_version	*a, *b;
	bool			 json = vt_args_has(args, 'j'), cached;
	int			 status, n = args->argc;

	if (n == 2 || !core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected a draft ID, "
		    "optionally with two versions"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	if (vt_fetch_draft(core.client, core.cache, args->argv[0], &r, &cached,
	    &eb) != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (n == 3) {
		a = vt_draft_version_find(&r, args->argv[1]);
		b = vt_draft_version_find(&r, args->argv[2]);
	} else {
		a = r.nversions >= 2 ? &r.versions[r.nversions - 2] : NULL;
		b = r.nversions >= 2 ? &r.versions[r.nversions - 1] : NULL;
	}
	if (a == NULL || b == NULL) {
		vt_fail(&eb, VT_ERR_NOT_FOUND, n == 3 ? _("draft %s has no "
		    "such version (see 'vanthu draft show %s')") : _("draft %s "
		    "has only one version (see 'vanthu draft show %s')"),
		    r.id, r.id);
		status = core_fail(&core, &eb);
	} else
		status = diff_versions(&core, &r, a, b, json);
	vt_draft_clear(&r);
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt draft_diff_opts[] = {
	{ 'j', "json", 0, NULL, N_("print the changes as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_draft_diff_entry = {
	.name = "diff",
	.run = cmd_draft_diff,
	.summary = N_("show the words changed between two versions"),
	.operands = N_("ID [V1 V2]"),
	.min_args = 1,
	.max_args = 3,
	.args_error = N_("expected a draft ID, optionally with two versions"),
	.opts = draft_diff_opts,
	.help = N_("Show what changed in the text between two versions of a "
	    "draft, word by word (by default the last two; V1 and V2 are "
	    "version numbers or ids)."),
};
