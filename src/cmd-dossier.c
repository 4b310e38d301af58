/*
 * vanthu dossier: work dossiers (hồ sơ công việc, Decree 30/2020/NĐ-CP
 * chapter IV): the year's dossier list, opening a dossier, gathering
 * documents into it, its table of contents, closing and reopening.
 * Changes go through the outbox (sent exactly once, kept offline).
 * The hand over folder (export, verify) is in cmd-dossier-export.c.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "cmd-dossier.h"
#include "vanthu/actions.h"
#include "vanthu/dossier.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static const struct {
	const char	*name;
	vt_cmd_fn	 run;
	const char	*summary;
} subcmds[] = {
	{ "list", dossier_list, N_("list the dossiers, or the year's dossier list (--plan)") },
	{ "new", dossier_new, N_("open a dossier from the list, or a free-standing one") },
	{ "show", dossier_show, N_("show a dossier and its table of contents") },
	{ "add", dossier_add, N_("add documents or drafts to a dossier") },
	{ "remove", dossier_remove, N_("take a document out of a dossier") },
	{ "close", dossier_close, N_("close a dossier: end date and page count") },
	{ "reopen", dossier_reopen, N_("reopen a closed dossier, with a reason") },
	{ "export", dossier_export, N_("write the hand over folder of a dossier") },
	{ "verify", dossier_verify, N_("check a hand over folder: hashes and signatures") },
};
#define NSUB	(sizeof subcmds / sizeof subcmds[0])

static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f, _("Usage: %s dossier COMMAND [ARGUMENT]...\n"), PACKAGE);
	fputs(_("Work dossiers (Decree 30/2020, chapter IV).  Commands:\n"), f);
	for (i = 0; i < NSUB; i++)
		fprintf(f, "  %-8s %s\n", subcmds[i].name, _(subcmds[i].summary));
	fprintf(f, _("Run '%s dossier COMMAND --help' for a command's "
	    "options.\n"), PACKAGE);
}

int
cmd_dossier(const struct vt_cli *cli, int argc, char **argv)
{
	size_t	i;

	if (argc < 2) {
		usage(stderr);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < NSUB; i++) {
		if (strcmp(subcmds[i].name, argv[1]) == 0) {
			optind = 0;
			return subcmds[i].run(cli, argc - 1, argv + 1);
		}
	}
	return vt_cmd_usage_error(argv[0], _("unknown subcommand"));
}

/* "dossier SUB" for messages. */
static const char *
cmdname(const char *sub)
{
	static char	name[32];

	snprintf(name, sizeof name, "dossier %s", sub);
	return name;
}

int
dossier_fetch(struct core *core, const char *id, bool offline,
    struct vt_dossier *d, bool *stale)
{
	struct vt_errbuf	eb = { VT_OK, "" };
	vt_code			code;

	*stale = false;
	if (offline)
		code = vt_dossier_cache_get(core->cache, id, d, &eb);
	else {
		code = vt_dossier_fetch(core->client, core->cache, id, d,
		    stale, &eb);
		if (code != VT_OK && *stale) {
			core_warn(core->cmd, _("the server cannot be reached "
			    "(%s); showing the offline copy, which may be out "
			    "of date"), eb.detail);
			return 0;
		}
	}
	if (code == VT_ERR_NOT_FOUND && offline)
		vt_fail(&eb, code, _("dossier %s is not in the offline copy"),
		    id);
	return code == VT_OK ? 0 : core_fail(core, &eb);
}

/* ---- list ---------------------------------------------------------- */

static int
print_plan(struct core *core, int year, bool json)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_dossier_plan	 p;
	size_t			 i;
	char			*code, *ret;

	if (vt_dossier_plan_get(core->client, year, &p, &eb) != VT_OK)
		return core_fail(core, &eb);
	if (json) {
		cJSON	*j = cJSON_CreateObject(), *a;

		cJSON_AddNumberToObject(j, "year", p.year);
		cJSON_AddBoolToObject(j, "allow_free", p.allow_free);
		a = cJSON_AddArrayToObject(j, "items");
		for (i = 0; i < p.n; i++) {
			cJSON	*o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "id", p.items[i].id);
			cJSON_AddStringToObject(o, "code", p.items[i].code);
			cJSON_AddStringToObject(o, "title", p.items[i].title);
			cJSON_AddStringToObject(o, "keeper", p.items[i].keeper);
			cJSON_AddStringToObject(o, "retention",
			    p.items[i].retention);
			cJSON_AddItemToArray(a, o);
		}
		core_json_print(j);
	} else {
		printf(_("Dossier list of %d%s\n"), p.year, p.approved ? "" :
		    _(" (not approved yet)"));
		for (i = 0; i < p.n; i++) {
			code = vt_text_fit(p.items[i].code, 8, 0);
			ret = vt_text_fit(p.items[i].retention, 10, 0);
			printf("%s %s %s (%s)\n", code, ret, p.items[i].title,
			    p.items[i].keeper);
			free(code);
			free(ret);
		}
		if (p.allow_free)
			puts(_("Dossiers outside the list are allowed."));
	}
	vt_dossier_plan_clear(&p);
	return 0;
}

int
dossier_list(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all",	no_argument,		NULL, 'a' },
		{ "closed",	no_argument,		NULL, 'C' },
		{ "plan",	no_argument,		NULL, 'p' },
		{ "year",	required_argument,	NULL, 'y' },
		{ "offline",	no_argument,		NULL, 'O' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_dossier_list	 l;
	bool			 all = false, closed = false, plan = false;
	bool			 offline = false, json = false, stale = false;
	int			 ch, status, year = 0;
	size_t			 i;
	vt_code			 code;
	cJSON			*j = NULL, *a = NULL;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': all = true; break;
		case 'C': closed = true; break;
		case 'p': plan = true; break;
		case 'y':
			year = atoi(optarg);
			if (year < 1900 || year > 9999)
				return vt_cmd_usage_error(cmdname("list"),
				    _("invalid year"));
			break;
		case 'O': offline = true; break;
		case 'j': json = true; break;
		case 'h':
			return core_help(_("Usage: vanthu dossier list [--all | "
			    "--closed] [--offline] [--json]\n"
			    "       vanthu dossier list --plan [--year YYYY] "
			    "[--json]\n"
			    "List the agency's open dossiers (--closed: the "
			    "closed ones, --all:\nevery one), or with --plan "
			    "the approved dossier list of the year\n(code, "
			    "retention period, title, keeper).\n"));
		default:
			return vt_cmd_usage_error(cmdname("list"),
			    _("unknown option"));
		}
	}
	if (optind != argc)
		return vt_cmd_usage_error(cmdname("list"),
		    _("too many arguments"));
	if ((status = core_open(&core, cli, cmdname("list"), CORE_CACHE)) != 0)
		return status;
	if (plan) {
		status = print_plan(&core, year, json);
		core_close(&core);
		return status;
	}
	code = offline ? vt_dossier_cache_list(core.cache, &l, &eb) :
	    vt_dossier_fetch_list(core.client, core.cache, &l, &stale, &eb);
	if (code != VT_OK && !stale) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (stale)
		core_warn(core.cmd, _("the server cannot be reached (%s); "
		    "showing the offline copy, which may be out of date"),
		    eb.detail);
	if (json) {
		j = cJSON_CreateObject();
		a = cJSON_AddArrayToObject(j, "dossiers");
	}
	for (i = 0; i < l.n; i++) {
		const struct vt_dossier	*d = &l.items[i];
		char			*state, *code_s, date[11];

		if (!all && (d->state == VT_DOSSIER_CLOSED) != closed)
			continue;
		if (json) {
			cJSON_AddItemToArray(a, vt_dossier_to_json(d));
			continue;
		}
		vt_date_vn(date, d->start_date);
		state = vt_text_fit(vt_dossier_state_name(d->state), 10, 0);
		code_s = vt_text_fit(d->code, 8, 0);
		printf("%-6s %s %s %s %3d  %s\n", d->id, code_s, state, date,
		    d->item_count, d->title);
		free(state);
		free(code_s);
	}
	if (json)
		core_json_print(j);
	vt_dossier_list_clear(&l);
	core_close(&core);
	return 0;
}

/* ---- show ---------------------------------------------------------- */

/* The table of contents' columns on a terminal: widths in columns. */
static const struct {
	const char	*head;
	int		 width;
} toc_cols[] = {
	{ N_("No."), 4 },
	{ N_("Number, notation"), 16 },
	{ N_("Date"), 10 },
	{ N_("Author"), 20 },
	{ N_("Subject"), 40 },
	{ N_("Page"), 7 },
	{ N_("Notes"), 20 },
};
#define NTOC	(sizeof toc_cols / sizeof toc_cols[0])

static void
print_row(char *const cell[NTOC])
{
	char	**lines[NTOC], *fit;
	size_t	  n[NTOC], most = 1, k, i;

	for (k = 0; k < NTOC; k++) {
		n[k] = vt_dossier_wrap(cell[k], toc_cols[k].width, &lines[k]);
		if (n[k] > most)
			most = n[k];
	}
	for (i = 0; i < most; i++) {
		struct vt_buf	b;

		vt_buf_init(&b);
		for (k = 0; k < NTOC; k++) {
			fit = vt_text_fit(i < n[k] ? lines[k][i] : "",
			    toc_cols[k].width, 0);
			vt_buf_puts(&b, fit);
			vt_buf_putc(&b, ' ');
			free(fit);
		}
		while (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		puts(b.data);
		vt_buf_free(&b);
	}
	for (k = 0; k < NTOC; k++) {
		for (i = 0; i < n[k]; i++)
			free(lines[k][i]);
		free(lines[k]);
	}
}

void
dossier_print_toc(const struct vt_dossier *d)
{
	char	*cell[NTOC], date[11];
	size_t	 i, k;

	for (k = 0; k < NTOC; k++)
		cell[k] = (char *)_(toc_cols[k].head);
	print_row(cell);
	for (i = 0; i < d->nitems; i++) {
		const struct vt_dossier_item *it = &d->items[i];

		vt_date_vn(date, it->issued_date);
		cell[0] = xasprintf("%d", it->no);
		cell[1] = xstrdup(it->number_notation);
		cell[2] = xstrdup(date);
		cell[3] = xstrdup(it->organ_name);
		cell[4] = xasprintf("%s [%s]", it->subject, it->document_id);
		cell[5] = it->page_amount > 1 ? xasprintf("%d-%d",
		    it->start_page, it->start_page + it->page_amount - 1) :
		    xasprintf("%d", it->start_page);
		cell[6] = xstrdup(it->notes != NULL ? it->notes : "");
		print_row(cell);
		for (k = 0; k < NTOC; k++)
			free(cell[k]);
	}
	if (d->nitems == 0)
		puts(_("(no documents yet)"));
}

static void
print_dossier(const struct vt_dossier *d)
{
	char	from[11], to[11], when[32];
	size_t	i;

	vt_date_vn(from, d->start_date);
	vt_date_vn(to, d->end_date);
	printf(_("Dossier %s  %s  %s\n"), d->id, d->code, d->title);
	printf(_("Keeper:      %s\n"), d->keeper);
	printf(_("Retention:   %s\n"), d->retention);
	printf(_("State:       %s\n"), vt_dossier_state_name(d->state));
	printf(_("Started:     %s\n"), from);
	if (d->state == VT_DOSSIER_CLOSED) {
		printf(_("Ended:       %s\n"), to);
		printf(_("Pages:       %d\n"), d->page_count);
	}
	if (d->opened_by.full_name != NULL)
		printf(_("Opened by:   %s\n"), d->opened_by.full_name);
	putchar('\n');
	puts(_("Table of contents:"));
	dossier_print_toc(d);
	if (d->nhistory > 0) {
		putchar('\n');
		puts(_("History:"));
	}
	for (i = 0; i < d->nhistory; i++) {
		const struct vt_history_step *h = &d->history[i];

		vt_date_vn(when, h->at);
		printf("  %s %.5s  %s  %s\n", when, strlen(h->at) >= 16 ?
		    h->at + 11 : "", h->actor.full_name != NULL ?
		    h->actor.full_name : "-", vt_dossier_action_name(h->action));
		if (h->note != NULL && *h->note != '\0')
			printf("      %s\n", h->note);
	}
}

int
dossier_show(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "offline",	no_argument,	NULL, 'O' },
		{ "json",	no_argument,	NULL, 'j' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core		 core;
	struct vt_dossier	 d;
	bool			 offline = false, json = false, stale;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'O': offline = true; break;
		case 'j': json = true; break;
		case 'h':
			return core_help(_("Usage: vanthu dossier show ID "
			    "[--offline] [--json]\nShow a dossier: its code, "
			    "keeper, retention period, dates, the table\nof "
			    "contents in Decree 30's columns, and its "
			    "history.\n"));
		default:
			return vt_cmd_usage_error(cmdname("show"),
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc)
		return vt_cmd_usage_error(cmdname("show"),
		    _("expected a dossier ID"));
	if (!core_valid_id(argv[optind]))
		return vt_cmd_usage_error(cmdname("show"),
		    _("invalid dossier ID"));
	if ((status = core_open(&core, cli, cmdname("show"), CORE_CACHE)) != 0)
		return status;
	if ((status = dossier_fetch(&core, argv[optind], offline, &d,
	    &stale)) == 0) {
		if (json) {
			cJSON	*j = vt_dossier_to_json(&d);

			cJSON_AddBoolToObject(j, "synced", !offline && !stale);
			core_json_print(j);
		} else
			print_dossier(&d);
		vt_dossier_clear(&d);
	}
	core_close(&core);
	return status;
}

/* ---- changes ------------------------------------------------------- */

/*
 * Refuse locally a change to a dossier known to be closed (the server
 * would refuse it too): nothing is queued that cannot be sent.
 */
static int
check_open(struct core *core, const char *id)
{
	struct vt_dossier	d;
	struct vt_errbuf	eb = { VT_OK, "" };
	bool			stale = false;
	vt_code			code;
	int			status = 0;

	code = vt_dossier_fetch(core->client, core->cache, id, &d, &stale,
	    &eb);
	if (code != VT_OK && !stale) {
		/* Offline and never seen: the server decides when sent. */
		if (code == VT_ERR_NETWORK || code == VT_ERR_TLS ||
		    code == VT_ERR_SERVER)
			return 0;
		return core_fail(core, &eb);
	}
	/* Only the server's own answer refuses: an old offline copy may
	 * not know of a reopening. */
	if (!stale && vt_dossier_writable(&d, &eb) != VT_OK) {
		core_warn(core->cmd, "%s", eb.detail);
		status = vt_exit_status(VT_ERR_REFUSED);
	}
	vt_dossier_clear(&d);
	return status;
}

/* Queue ACT, send it; once sent, refresh the offline copy of the
   dossier it changed (so that it shows the change offline too). */
static int
queue(struct core *core, struct vt_act *act)
{
	struct vt_dossier	d;
	int			status = core_action(core, &act->spec);

	if (status == 0 && act->target[0] == 'h' &&
	    vt_dossier_fetch(core->client, core->cache, act->target, &d, NULL,
	    NULL) == VT_OK)
		vt_dossier_clear(&d);
	vt_act_clear(act);
	return status;
}

/* The document id for ARG: i.., d.. as they are, or an arrival number. */
static const char *
doc_arg(struct core *core, const char *arg, int *status)
{
	if (!core_valid_id(arg)) {
		*status = vt_cmd_usage_error(core->cmd,
		    _("invalid document ID"));
		return NULL;
	}
	return core_doc_id(core, arg, status);
}

int
dossier_add(const struct vt_cli *cli, int argc, char **argv)
{
	struct core	 core;
	struct vt_act	 act;
	const char	*doc;
	int		 status, i, worst = 0;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return core_help(_("Usage: vanthu dossier add ID DOCUMENT...\n"
		    "Add documents to dossier ID: incoming documents (their id "
		    "or arrival\nnumber), issued documents and drafts (with "
		    "all their versions) by\ntheir id.  A document may be in "
		    "several dossiers.  Offline, the change\nwaits in the "
		    "outbox.\n"));
	if (argc < 3)
		return vt_cmd_usage_error(cmdname("add"),
		    _("expected a dossier ID and documents"));
	if (!core_valid_id(argv[1]))
		return vt_cmd_usage_error(cmdname("add"),
		    _("invalid dossier ID"));
	if ((status = core_open(&core, cli, cmdname("add"),
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if ((status = check_open(&core, argv[1])) != 0) {
		core_close(&core);
		return status;
	}
	for (i = 2; i < argc; i++) {
		if ((doc = doc_arg(&core, argv[i], &status)) == NULL) {
			worst = status;
			continue;
		}
		vt_act_dossier_add(&act, argv[1], doc);
		if ((status = queue(&core, &act)) != 0)
			worst = status;
	}
	core_close(&core);
	return worst;
}

int
dossier_remove(const struct vt_cli *cli, int argc, char **argv)
{
	struct core	 core;
	struct vt_act	 act;
	const char	*doc;
	int		 status;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return core_help(_("Usage: vanthu dossier remove ID DOCUMENT\n"
		    "Take a document out of dossier ID (the document itself "
		    "stays).\n"));
	if (argc != 3)
		return vt_cmd_usage_error(cmdname("remove"),
		    _("expected a dossier ID and a document"));
	if (!core_valid_id(argv[1]))
		return vt_cmd_usage_error(cmdname("remove"),
		    _("invalid dossier ID"));
	if ((status = core_open(&core, cli, cmdname("remove"),
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if ((status = check_open(&core, argv[1])) == 0 &&
	    (doc = doc_arg(&core, argv[2], &status)) != NULL) {
		vt_act_dossier_remove(&act, argv[1], doc);
		status = queue(&core, &act);
	}
	core_close(&core);
	return status;
}

static bool
valid_date(const char *s)
{
	int	i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' &&
		    s[i] <= '9'))
			return false;
	return s[10] == '\0';
}

int
dossier_close(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "end-date",	required_argument, NULL, 'e' },
		{ "note",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core	 core;
	struct vt_act	 act;
	const char	*end = NULL;
	char		*note = NULL;
	int		 ch, status;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			if (!valid_date(optarg))
				return vt_cmd_usage_error(cmdname("close"),
				    _("the date must be YYYY-MM-DD"));
			end = optarg;
			break;
		case 'n':
			free(note);
			if ((note = core_text_arg(cmdname("close"), optarg)) ==
			    NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			return core_help(_("Usage: vanthu dossier close ID "
			    "[--end-date YYYY-MM-DD] [--note TEXT]\nClose "
			    "(kết thúc) a dossier when its work ends: the "
			    "server records the end\ndate (default today) and "
			    "the page count, and refuses further changes\n"
			    "until a leader or the clerk reopens it.\n"));
		default:
			free(note);
			return vt_cmd_usage_error(cmdname("close"),
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(note);
		return vt_cmd_usage_error(cmdname("close"),
		    _("expected a dossier ID"));
	}
	if ((status = core_open(&core, cli, cmdname("close"),
	    CORE_CACHE | CORE_OUTBOX)) == 0) {
		if ((status = check_open(&core, argv[optind])) == 0) {
			vt_act_dossier_close(&act, argv[optind], end, note);
			status = queue(&core, &act);
		}
		core_close(&core);
	}
	free(note);
	return status;
}

int
dossier_reopen(const struct vt_cli *cli, int argc, char **argv)
{
	struct core	 core;
	struct vt_act	 act;
	char		*reason;
	int		 status;

	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		return core_help(_("Usage: vanthu dossier reopen ID (REASON | "
		    "-)\nReopen a closed dossier (a leader or the clerk), "
		    "with the reason,\nwhich is kept in its history ('-': "
		    "read it from standard input).\n"));
	if (argc != 3)
		return vt_cmd_usage_error(cmdname("reopen"),
		    _("expected a dossier ID and a reason"));
	if (!core_valid_id(argv[1]))
		return vt_cmd_usage_error(cmdname("reopen"),
		    _("invalid dossier ID"));
	if ((reason = core_text_arg(cmdname("reopen"), argv[2])) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	if ((status = core_open(&core, cli, cmdname("reopen"),
	    CORE_CACHE | CORE_OUTBOX)) == 0) {
		vt_act_dossier_reopen(&act, argv[1], reason);
		status = queue(&core, &act);
		core_close(&core);
	}
	free(reason);
	return status;
}

/* ---- new ----------------------------------------------------------- */

/* After a sent "open": the new dossier, found by REF; print its id. */
static void
say_opened(struct core *core, const char *ref)
{
	struct vt_dossier_list	l;
	size_t			i;

	if (vt_dossier_fetch_list(core->client, core->cache, &l, NULL, NULL) !=
	    VT_OK)
		return;
	for (i = 0; i < l.n; i++) {
		if (l.items[i].ref != NULL && strcmp(l.items[i].ref, ref) == 0) {
			printf(_("Dossier %s opened: %s %s\n"), l.items[i].id,
			    l.items[i].code, l.items[i].title);
			break;
		}
	}
	vt_dossier_list_clear(&l);
}

/* The entry of this year's list whose code is CODE; its id in *ID. */
static int
find_entry(struct core *core, const char *code, char **id)
{
	struct vt_errbuf	eb = { VT_OK, "" };
	struct vt_dossier_plan	p;
	size_t			i;

	*id = NULL;
	if (vt_dossier_plan_get(core->client, 0, &p, &eb) != VT_OK)
		return core_fail(core, &eb);
	for (i = 0; i < p.n; i++)
		if (strcmp(p.items[i].code, code) == 0 ||
		    strcmp(p.items[i].id, code) == 0)
			*id = xstrdup(p.items[i].id);
	vt_dossier_plan_clear(&p);
	if (*id != NULL)
		return 0;
	vt_fail(&eb, VT_ERR_NOT_FOUND, _("no entry %s in the dossier list of "
	    "the year ('vanthu dossier list --plan' shows it; give --title "
	    "and --retention for a dossier outside the list)"), code);
	return core_fail(core, &eb);
}

int
dossier_new(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "title",	required_argument, NULL, 't' },
		{ "keeper",	required_argument, NULL, 'k' },
		{ "retention",	required_argument, NULL, 'r' },
		{ "start-date",	required_argument, NULL, 's' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core	 core;
	struct vt_act	 act;
	struct vt_errbuf eb = { VT_OK, "" };
	char		*title = NULL, *keeper = NULL, *retention = NULL;
	char		*entry = NULL, ref[37];
	const char	*start = NULL, *code;
	int		 ch, status;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		char	**dst = ch == 't' ? &title : ch == 'k' ? &keeper :
		    ch == 'r' ? &retention : NULL;

		switch (ch) {
		case 't': case 'k': case 'r':
			free(*dst);
			*dst = vt_text_nfc(optarg, strlen(optarg));
			break;
		case 's':
			if (!valid_date(optarg))
				return vt_cmd_usage_error(cmdname("new"),
				    _("the date must be YYYY-MM-DD"));
			start = optarg;
			break;
		case 'h':
			return core_help(_("Usage: vanthu dossier new CODE "
			    "[--title TEXT] [--start-date YYYY-MM-DD]\n"
			    "       vanthu dossier new CODE --title TEXT "
			    "--retention PERIOD [--keeper NAME]\n"
			    "Open a dossier: against the entry CODE of the "
			    "year's dossier list\n(\"01.05\"; its title, "
			    "keeper and retention period are taken), or,\n"
			    "with --retention (\"5 năm\", \"10 năm\", \"vĩnh "
			    "viễn\"), a dossier outside the\nlist when the "
			    "list allows it.\n"));
		default:
			return vt_cmd_usage_error(cmdname("new"),
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc) {
		status = vt_cmd_usage_error(cmdname("new"),
		    _("expected the dossier's CODE"));
		goto out;
	}
	code = argv[optind];
	if ((status = core_open(&core, cli, cmdname("new"),
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		goto out;
	if (retention == NULL && code[0] == 'm' && code[1] != '\0' &&
	    code[1 + strspn(code + 1, "0123456789")] == '\0')
		entry = xstrdup(code);	/* an entry id: works offline */
	else if (retention == NULL && (status = find_entry(&core, code,
	    &entry)) != 0) {
		core_close(&core);
		goto out;
	}
	if (retention != NULL && title == NULL) {
		core_close(&core);
		status = vt_cmd_usage_error(cmdname("new"), _("a dossier "
		    "outside the list needs --title"));
		goto out;
	}
	if (vt_uuid4(ref, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		core_close(&core);
		goto out;
	}
	{
		struct vt_dossier_new	n = { entry, code, title, keeper,
		    retention, start, ref };

		vt_act_dossier_open(&act, &n);
	}
	if ((status = queue(&core, &act)) == 0)
		say_opened(&core, ref);
	core_close(&core);
out:
	free(title);
	free(keeper);
	free(retention);
	free(entry);
	return status;
}
