/*
 * vanthu inbox: list incoming documents, after a delta sync unless
 * --offline, from the cache (so it answers at once and works offline).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

struct filter {
	bool			 unread;
	bool			 overdue;
	bool			 mine;
	struct vt_text_query	*query;
	char			 today[11];
};

static bool
matches(const struct filter *f, const struct vt_doc *d)
{
	if (f->unread && d->read)
		return false;
	if (f->overdue && !vt_doc_overdue(d, f->today))
		return false;
	if (f->mine && !d->mine)
		return false;
	if (f->query == NULL)
		return true;
	return vt_text_query_match(f->query, d->subject, strlen(d->subject),
	    NULL, NULL) ||
	    vt_text_query_match(f->query, d->number_notation,
	    strlen(d->number_notation), NULL, NULL) ||
	    vt_text_query_match(f->query, d->organ.organ_name,
	    strlen(d->organ.organ_name), NULL, NULL);
}

/*
 * One line per document: a flag column ('*' unread, '!' overdue), the
 * id, the due date, number/notation, urgency and the subject.
 */
static void
print_line(FILE *out, const struct vt_doc *d, const struct filter *f)
{
	char	*num, *urg;

	num = vt_text_fit(d->number_notation[0] != '\0' ?
	    d->number_notation : d->type_name, 18, 0);
	urg = vt_text_fit(vt_urgency_name(d->urgency), 12, 0);
	fprintf(out, "%c%c %-8s %-10s %s %s %s\n", d->read ? ' ' : '*',
	    vt_doc_overdue(d, f->today) ? '!' : ' ', d->id,
	    d->due_date != NULL ? d->due_date : "-", num, urg, d->subject);
	free(num);
	free(urg);
}

static int
usage_help(void)
{
	return core_help(_("Usage: vanthu inbox [--unread] [--overdue] "
	    "[--mine] [--search TEXT] [--offline] [--json]\n"
	    "List incoming documents, newest first.  Without --offline the "
	    "cache is\nbrought up to date first; --search ignores case, "
	    "diacritics and tone\nplacement.  Flags: * unread, ! overdue.\n"));
}

int
cmd_inbox(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unread",	no_argument,	   NULL, 'u' },
		{ "overdue",	no_argument,	   NULL, 'o' },
		{ "mine",	no_argument,	   NULL, 'm' },
		{ "search",	required_argument, NULL, 's' },
		{ "offline",	no_argument,	   NULL, 'O' },
		{ "json",	no_argument,	   NULL, 'j' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct filter		 f;
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_doc_list	 docs = { 0 };
	cJSON			*j = NULL, *items = NULL;
	const char		*search = NULL;
	bool			 offline = false, json = false, stale = false;
	size_t			 i, shown = 0;
	int			 ch, status, sync_status = 0;

	memset(&f, 0, sizeof f);
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u': f.unread = true; break;
		case 'o': f.overdue = true; break;
		case 'm': f.mine = true; break;
		case 's': search = optarg; break;
		case 'O': offline = true; break;
		case 'j': json = true; break;
		case 'h': return usage_help();
		default:
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	if (optind != argc)
		return vt_cmd_usage_error(argv[0], _("too many arguments"));
	if ((status = core_open(&core, cli, argv[0],
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if (!offline) {
		vt_outbox_flush(core.outbox, core.client, NULL, NULL, NULL);
		if (vt_sync(core.client, core.cache, NULL, &eb) != VT_OK) {
			sync_status = core_fail(&core, &eb);
			stale = true;
			core_warn(argv[0], _("showing the cached inbox, which "
			    "may be out of date"));
		}
	}
	if (vt_cache_inbox_load(core.cache, &docs, NULL, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return sync_status != 0 ? sync_status : status;
	}
	vt_today(f.today);
	if (search != NULL)
		f.query = vt_text_query_new_flags(search, VT_QUERY_WORDS);
	if (json) {
		j = cJSON_CreateObject();
		items = cJSON_AddArrayToObject(j, "documents");
	}
	for (i = 0; i < docs.n; i++) {
		if (!matches(&f, &docs.items[i]))
			continue;
		shown++;
		if (json)
			cJSON_AddItemToArray(items,
			    vt_doc_to_json(&docs.items[i]));
		else
			print_line(stdout, &docs.items[i], &f);
	}
	if (json) {
		cJSON_AddNumberToObject(j, "count", (double)shown);
		cJSON_AddBoolToObject(j, "synced", !offline && !stale);
		core_json_print(j);
	}
	vt_text_query_free(f.query);
	vt_doc_list_clear(&docs);
	core_close(&core);
	return sync_status;
}
