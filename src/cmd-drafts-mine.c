/*
 * vanthu drafts --mine: the drafts I wrote, with their state, whose
 * turn it is, the return reason and the annotations of the current
 * version next to the pages they point at.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static void
print_indented(const char *prefix, const char *text)
{
	const char	*p, *nl;

	for (p = text; ; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("%s%.*s\n", prefix, nl != NULL ? (int)(nl - p) :
		    (int)strlen(p), p);
		if (nl == NULL)
			break;
		prefix = "        ";
	}
}

/* The annotations of D's current version, by page. */
static void
print_annotations(const struct vt_draft *d)
{
	const struct vt_annotation	*a;
	int				 page, last = 0;
	size_t				 i;
	char				*head;

	for (;;) {
		page = 0;
		for (i = 0; i < d->nannotations; i++) {
			a = &d->annotations[i];
			if (d->has_current && strcmp(a->version_id,
			    d->current_version.id) != 0)
				continue;
			if (a->page > last && (page == 0 || a->page < page))
				page = a->page;
		}
		if (page == 0)
			return;
		printf(_("      Page %d:\n"), page);
		for (i = 0; i < d->nannotations; i++) {
			a = &d->annotations[i];
			if (a->page != page || (d->has_current &&
			    strcmp(a->version_id, d->current_version.id) != 0))
				continue;
			if (a->quote != NULL && a->quote[0] != '\0')
				printf("        «%s»\n", a->quote);
			head = xasprintf("        %s: ", a->author.full_name);
			print_indented(head, a->note);
			free(head);
		}
		last = page;
	}
}

/* Print one of my drafts (S is its summary; the detail is fetched). */
static void
print_mine(struct core *core, const struct vt_draft *s, cJSON *items)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	const struct vt_draft	*p = s;
	const char		*reason;
	char			*turn, *state;
	bool			 cached, have;

	have = vt_fetch_draft(core->client, core->cache, s->id, &d, &cached,
	    &eb) == VT_OK || cached;
	if (have)
		p = &d;
	turn = vt_draft_turn(p);
	reason = vt_draft_return_reason(p);
	if (items != NULL) {
		cJSON *j = vt_draft_to_json(p);
		cJSON_AddStringToObject(j, "turn_text", turn);
		cJSON_AddItemToArray(items, j);
	} else {
		state = vt_text_fit(core_draft_state_name(p->state), 18, 0);
		printf("%c %-6s %s v%d  %s\n", p->awaiting_me ? '>' : ' ',
		    p->id, state, p->has_current ?
		    p->current_version.number : 0, p->subject);
		printf(_("      Next: %s\n"), turn);
		if (reason != NULL)
			print_indented(_("      Reason returned: "), reason);
		print_annotations(p);
		free(state);
	}
	free(turn);
	if (have)
		vt_draft_clear(&d);
}

int
cmd_drafts_mine(struct core *core, const struct vt_draft_list *l,
    bool json, bool synced)
{
	cJSON	*j = NULL, *items = NULL;
	size_t	 i, shown = 0;

	if (json) {
		j = cJSON_CreateObject();
		items = cJSON_AddArrayToObject(j, "drafts");
	}
	for (i = 0; i < l->n; i++) {
		if (!(l->items[i].my_roles & VT_ROLE_DRAFTER))
			continue;
		print_mine(core, &l->items[i], items);
		shown++;
	}
	if (json) {
		cJSON_AddNumberToObject(j, "count", (double)shown);
		cJSON_AddBoolToObject(j, "synced", synced);
		core_json_print(j);
	} else if (shown == 0)
		printf(_("You have no drafts.\n"));
	return 0;
}
