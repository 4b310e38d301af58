/*
 * vanthu inbox: list incoming documents, after a delta sync unless
 * --offline, from the cache (so it answers at once and works offline).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/clock.h"
#include "vanthu/refresh.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

struct filter {
	bool			 unread;
	bool			 overdue;
	bool			 mine;
	bool			 arrived;	/* awaiting registration */
	int			 due_within;	/* days, or -1 */
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
	if (f->arrived && vt_doc_status_of(d) != VT_STATUS_ARRIVED)
		return false;
	if (f->due_within >= 0 && !vt_doc_due_within(d, f->today,
	    f->due_within))
		return false;
	return vt_doc_matches(f->query, d);
}

/* State of one listing, streamed from the cache. */
struct listing {
	struct filter	*f;
	bool		 json;
	size_t		 shown;
	char		*urgency[5];	/* names fitted to 12 columns */
};

/*
 * One line per document: the interface's marks ('N' unread, '*'
 * assigned or forwarded to me, '!' overdue or '+' completed:
 * vt_inbox_mark_letters), the id, the due date, number/notation,
 * urgency and the subject.  JSON: one element of the "documents" array.
 */
static bool
print_doc(void *arg, const struct vt_doc *d)
{
	struct listing	*l = arg;
	char		*num, *s, due[16], marks[4];
	cJSON		*j;

	if (!matches(l->f, d))
		return true;
	if (l->json) {
		j = vt_doc_to_json(d);
		s = cJSON_PrintUnformatted(j);
		printf("%s%s", l->shown > 0 ? "," : "", s);
		free(s);
		cJSON_Delete(j);
	} else {
		num = vt_text_fit(d->number_notation[0] != '\0' ?
		    d->number_notation : d->type_name, 18, 0);
		vt_inbox_mark_letters(vt_doc_marks(d, l->f->today), marks);
		printf("%s %-8s %-10s %s %s %s\n", marks, d->id,
		    d->due_date != NULL ? vt_clock_show(d->due_date,
		    VT_CLOCK_DATE, due, sizeof due) : "-", num,
		    l->urgency[d->urgency], d->subject);
		free(num);
	}
	l->shown++;
	return true;
}

/*
 * The cached inbox ordered by KEY, printed through print_doc: the
 * compact inbox (vanthu/cache.h) sorts, and each document is read back
 * from the cache as it is printed, so memory stays small whatever the
 * size of the inbox.
 */
static vt_code
print_sorted(struct core *core, enum vt_doc_sort key, struct listing *l,
    struct vt_errbuf *eb)
{
	struct vt_inbox	*in;
	struct vt_doc	 d;
	uint32_t	*order;
	vt_code		 code;
	size_t		 i, n;

	if ((code = vt_inbox_open(core->cache, &in, eb)) != VT_OK)
		return code;
	n = vt_inbox_count(in);
	order = xreallocarray(NULL, n + 1, sizeof *order);
	vt_inbox_sort(in, key, order);
	for (i = 0; code == VT_OK && i < n; i++)
		if ((code = vt_inbox_doc(in, order[i], &d, eb)) == VT_OK)
			print_doc(l, &d);
	free(order);
	vt_inbox_free(in);
	return code;
}

/* The sentence for a search that found nothing; FILTERED: other
   options narrowed the list too. */
static void
say_no_match(const char *search, bool filtered)
{
	char	*shown = vt_text_safe(search, strlen(search), 0);

	if (filtered)
		fprintf(stderr, _("No document matches \"%s\" (with the other "
		    "filters given).\n"), shown);
	else
		fprintf(stderr, _("No document matches \"%s\".\n"), shown);
	free(shown);
}

static int
cmd_inbox(const struct vt_cli *cli, const struct vt_args *args)
{
	struct filter		 f;
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct listing		 l;
	vt_code			 code;
	struct vt_refresh_result refresh;
	const char		*search = NULL, *opt;
	enum vt_doc_sort	 sort = VT_SORT_DATE;
	char			*end;
	long			 days;
	bool			 offline = false, json = false, stale = false;
	size_t			 i;
	int			 status, sync_status = 0;

	memset(&f, 0, sizeof f);
	f.unread = vt_args_has(args, 'u');
	f.overdue = vt_args_has(args, 'o');
	f.mine = vt_args_has(args, 'm');
	f.arrived = vt_args_has(args, 'a');
	search = vt_args_get(args, 's');
	offline = vt_args_has(args, 'O');
	json = vt_args_has(args, 'j');
	f.due_within = -1;
	if ((opt = vt_args_get(args, 'S')) != NULL &&
	    !vt_doc_sort_parse(opt, &sort))
		return vt_cmd_usage_error(args->cmd, _("--sort takes arrival, "
		    "due, urgency, date or organ"));
	if ((opt = vt_args_get(args, 'd')) != NULL) {
		days = strtol(opt, &end, 10);
		if (*opt == '\0' || *end != '\0' || days < 0 || days > 3650)
			return vt_cmd_usage_error(args->cmd, _("--due-within "
			    "takes a number of days"));
		f.due_within = (int)days;
	}
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if (!offline) {
		/* The one refresh policy: the outbox, then the sync. */
		if (vt_refresh(core.client, core.outbox, core.cache, &refresh,
		    &eb) != VT_OK)
			sync_status = core_fail(&core, &eb);
		if (!refresh.synced) {
			stale = true;
			core_warn(args->cmd, _("showing the cached inbox, which "
			    "may be out of date"));
		}
	}
	vt_today(f.today);
	if (search != NULL)
		f.query = vt_text_search_new(search);
	memset(&l, 0, sizeof l);
	l.f = &f;
	l.json = json;
	for (i = 0; i < 5; i++)
		l.urgency[i] = vt_text_fit(vt_urgency_name((enum vt_urgency)i), 12, 0);
	if (json)
		fputs("{\"documents\":[", stdout);
	if (vt_args_get(args, 'S') != NULL)
		code = print_sorted(&core, sort, &l, &eb);
	else
		code = vt_cache_inbox_each(core.cache, print_doc, &l, NULL,
		    &eb);
	if (json)
		printf("],\"count\":%zu,\"synced\":%s}\n", l.shown,
		    !offline && !stale ? "true" : "false");
	for (i = 0; i < 5; i++)
		free(l.urgency[i]);
	/* An empty listing is not silent: one sentence on stderr (stdout
	   keeps its lines, none; --json says "count":0 itself). */
	if (code == VT_OK && l.shown == 0 && !json && search != NULL)
		say_no_match(search, f.unread || f.overdue || f.mine ||
		    f.arrived || f.due_within >= 0);
	if (code != VT_OK) {
		status = core_fail(&core, &eb);
		if (sync_status == 0)
			sync_status = status;
	}
	vt_text_query_free(f.query);
	core_close(&core);
	return sync_status;
}

static const struct vt_cmd_opt inbox_opts[] = {
	{ 'u', "unread", 0, NULL, N_("only the documents not read yet") },
	{ 'o', "overdue", 0, NULL, N_("only the documents past their due "
	    "date") },
	{ 'm', "mine", 0, NULL, N_("only the documents assigned to you") },
	{ 'a', "arrived", 0, NULL, N_("only the documents awaiting "
	    "registration (the clerk's)") },
	{ 'd', "due-within", VT_OPT_ARG, N_("DAYS"), N_("only the unfinished "
	    "documents due from today up to DAYS days later") },
	{ 's', "search", VT_OPT_ARG, N_("TEXT"), N_("only the documents where "
	    "every word of TEXT starts a word of the subject, number or "
	    "sender") },
	{ 'S', "sort", VT_OPT_ARG, N_("KEY"), N_("order by arrival, due, "
	    "urgency, date or organ") },
	{ 'O', "offline", 0, NULL,
	    N_("from the offline copy, without the network") },
	{ 'j', "json", 0, NULL, N_("print the list as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_inbox_entry = {
	.name = "inbox",
	.run = cmd_inbox,
	.summary = N_("list incoming documents"),
	.opts = inbox_opts,
	.help = N_("List incoming documents, newest first.  Without --offline "
	    "the cache is brought up to date first; --search finds words by "
	    "their start, ignoring case, diacritics and tone placement.  "
	    "Dates are in Vietnam time.  Marks, as in the interface: N "
	    "unread, * assigned or forwarded to you, ! overdue, + "
	    "completed."),
};
