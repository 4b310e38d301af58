/*
 * vanthu dossier: work dossiers (hồ sơ công việc, Decree 30/2020/NĐ-CP
 * chapter IV): the year's dossier list, opening a dossier, gathering
 * documents into it, its table of contents, closing and reopening.
 * Changes go through the outbox (sent exactly once, kept offline).
 * The hand over folder (export, verify) is in cmd-dossier-export.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "cmd-dossier.h"
#include "vanthu/actions.h"
#include "vanthu/dossier.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

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

static int
dossier_list(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_dossier_list	 l;
	bool			 all = vt_args_has(args, 'a');
	bool			 closed = vt_args_has(args, 'C');
	bool			 plan = vt_args_has(args, 'p');
	bool			 offline = vt_args_has(args, 'O');
	bool			 json = vt_args_has(args, 'j'), stale = false;
	int			 status, year = 0;
	size_t			 i;
	vt_code			 code;
	cJSON			*j = NULL, *a = NULL;

	if (vt_args_get(args, 'y') != NULL) {
		year = atoi(vt_args_get(args, 'y'));
		if (year < 1900 || year > 9999)
			return vt_cmd_usage_error(args->cmd, _("invalid year"));
	}
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
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

static int
dossier_show(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_dossier	 d;
	bool			 offline = vt_args_has(args, 'O');
	bool			 json = vt_args_has(args, 'j'), stale;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	if ((status = dossier_fetch(&core, args->argv[0], offline, &d,
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
 * would refuse it too): nothing is queued that cannot be sent.  With
 * KEEP, the dossier as known (detailed when the server or the offline
 * copy had it; zeroed when neither) is left there for the caller to
 * clear.
 */
static int
check_open(struct core *core, const char *id, const char *end_date,
    struct vt_dossier *keep)
{
	struct vt_dossier	d;
	struct vt_errbuf	eb = { VT_OK, "" };
	bool			stale = false;
	vt_code			code;
	int			status = 0;

	if (keep != NULL)
		memset(keep, 0, sizeof *keep);
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
	} else if (vt_dossier_end_check(&d, end_date, &eb) != VT_OK)
		status = vt_cmd_usage_error(core->cmd, eb.detail);
	if (keep != NULL && status == 0)
		*keep = d;
	else
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

/* The document id for ARG: i.., d.. as they are, or an arrival number;
   anything else is refused before it is queued. */
static const char *
doc_arg(struct core *core, const char *arg, int *status)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*doc;

	if (!core_valid_id(arg)) {
		*status = vt_cmd_usage_error(core->cmd,
		    _("invalid document ID"));
		return NULL;
	}
	if ((doc = core_doc_id(core, arg, status)) != NULL &&
	    vt_dossier_doc_check(doc, &eb) != VT_OK) {
		*status = vt_cmd_usage_error(core->cmd, eb.detail);
		return NULL;
	}
	return doc;
}

static int
dossier_add(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_dossier	 d;
	struct vt_act		 act;
	const char		*doc;
	int			 status, i, worst = 0;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if ((status = check_open(&core, args->argv[0], NULL, &d)) != 0) {
		core_close(&core);
		return status;
	}
	for (i = 1; i < args->argc; i++) {
		if ((doc = doc_arg(&core, args->argv[i], &status)) == NULL) {
			worst = status;
			continue;
		}
		if (vt_dossier_item_find(&d, doc) != NULL) {
			printf(_("%s is already in dossier %s\n"), doc,
			    args->argv[0]);
			continue;
		}
		vt_act_dossier_add(&act, args->argv[0], doc);
		if ((status = queue(&core, &act)) != 0)
			worst = status;
	}
	vt_dossier_clear(&d);
	core_close(&core);
	return worst;
}

static int
dossier_remove(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core	 core;
	struct vt_act	 act;
	const char	*doc;
	int		 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) != 0)
		return status;
	if ((status = check_open(&core, args->argv[0], NULL, NULL)) == 0 &&
	    (doc = doc_arg(&core, args->argv[1], &status)) != NULL) {
		vt_act_dossier_remove(&act, args->argv[0], doc);
		status = queue(&core, &act);
	}
	core_close(&core);
	return status;
}

/* The date option OPT of ARGS ("dd/mm/yyyy" or "YYYY-MM-DD") into ISO
   as "YYYY-MM-DD"; *WHEN points to it, or is NULL without the option.
   Nonzero (usage error) for a date that does not exist. */
static int
date_opt(const struct vt_args *args, int opt, char iso[11],
    const char **when)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*v = vt_args_get(args, opt);

	*when = NULL;
	if (v == NULL)
		return 0;
	if (vt_date_parse(v, iso, &eb) != VT_OK)
		return vt_cmd_usage_error(args->cmd, eb.detail);
	*when = iso;
	return 0;
}

static int
dossier_close(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core	 core;
	struct vt_act	 act;
	const char	*end;
	char		*note = NULL, iso[11];
	int		 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((status = date_opt(args, 'e', iso, &end)) != 0)
		return status;
	if (vt_args_get(args, 'n') != NULL && (note = core_text_arg(args->cmd,
	    vt_args_get(args, 'n'))) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) == 0) {
		if ((status = check_open(&core, args->argv[0], end, NULL)) == 0) {
			vt_act_dossier_close(&act, args->argv[0], end, note);
			status = queue(&core, &act);
		}
		core_close(&core);
	}
	free(note);
	return status;
}

static int
dossier_reopen(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core	 core;
	struct vt_act	 act;
	char		*reason;
	int		 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((reason = core_text_arg(args->cmd, args->argv[1])) == NULL)
		return vt_exit_status(VT_ERR_USAGE);
	if ((status = core_open(&core, cli, args->cmd,
	    CORE_CACHE | CORE_OUTBOX)) == 0) {
		vt_act_dossier_reopen(&act, args->argv[0], reason);
		status = queue(&core, &act);
		core_close(&core);
	}
	free(reason);
	return status;
}

/* ---- new ----------------------------------------------------------- */

/* After a sent "open": the new dossier, found by REF; print its id and
   keep its offline copy. */
static void
say_opened(struct core *core, const char *ref)
{
	struct vt_dossier_list	l;
	struct vt_dossier	d;
	size_t			i;

	if (vt_dossier_fetch_list(core->client, core->cache, &l, NULL, NULL) !=
	    VT_OK)
		return;
	for (i = 0; i < l.n; i++) {
		if (l.items[i].ref != NULL && strcmp(l.items[i].ref, ref) == 0) {
			printf(_("Dossier %s opened: %s %s\n"), l.items[i].id,
			    l.items[i].code, l.items[i].title);
			if (vt_dossier_fetch(core->client, core->cache,
			    l.items[i].id, &d, NULL, NULL) == VT_OK)
				vt_dossier_clear(&d);
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

static int
dossier_new(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core	 core;
	struct vt_act	 act;
	struct vt_errbuf eb = { VT_OK, "" };
	char		*title = NULL, *keeper = NULL, *retention = NULL;
	char		*entry = NULL, *norm = NULL, ref[37], iso[11];
	const char	*start, *code, *v;
	int		 status;

	if ((status = date_opt(args, 's', iso, &start)) != 0)
		return status;
	if ((v = vt_args_get(args, 't')) != NULL)
		title = vt_text_nfc(v, strlen(v));
	if ((v = vt_args_get(args, 'k')) != NULL)
		keeper = vt_text_nfc(v, strlen(v));
	if ((v = vt_args_get(args, 'r')) != NULL)
		retention = vt_text_nfc(v, strlen(v));
	code = args->argv[0];
	if ((status = core_open(&core, cli, args->cmd,
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
		status = vt_cmd_usage_error(args->cmd, _("a dossier "
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

		if (vt_dossier_new_check(&n, &norm, &eb) != VT_OK) {
			core_close(&core);
			status = vt_cmd_usage_error(args->cmd, eb.detail);
			goto out;
		}
		vt_act_dossier_open(&act, &n);
	}
	if ((status = queue(&core, &act)) == 0)
		say_opened(&core, ref);
	core_close(&core);
out:
	free(norm);
	free(title);
	free(keeper);
	free(retention);
	free(entry);
	return status;
}

/* ---- The entries (vanthu/cmd.h) ---------------------------------- */

static const struct vt_cmd_opt list_opts[] = {
	{ 'a', "all", 0, NULL, N_("every dossier, open and closed") },
	{ 'C', "closed", 0, NULL, N_("the closed dossiers") },
	{ 'p', "plan", 0, NULL, N_("the approved dossier list of the year") },
	{ 'y', "year", VT_OPT_ARG, N_("YYYY"), N_("the year of --plan") },
	{ 'O', "offline", 0, NULL, N_("use the offline copy only") },
	{ 'j', "json", 0, NULL, N_("print JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

static const struct vt_cmd dossier_list_entry = {
	.name = "list",
	.run = dossier_list,
	.summary = N_("list the dossiers, or the year's dossier list (--plan)"),
	.max_args = 0,
	.opts = list_opts,
	.help = N_("List the agency's open dossiers (--closed: the closed "
	    "ones, --all: every one), or with --plan the approved dossier "
	    "list of the year (code, retention period, title, keeper)."),
};

static const struct vt_cmd_opt new_opts[] = {
	{ 't', "title", VT_OPT_ARG, N_("TEXT"), N_("the title (required "
	    "outside the list)") },
	{ 'r', "retention", VT_OPT_ARG, N_("PERIOD"), N_("a dossier outside "
	    "the list: \"5 năm\", \"10 năm\", \"vĩnh viễn\"") },
	{ 'k', "keeper", VT_OPT_ARG, N_("NAME"), N_("who keeps it (default: "
	    "you)") },
	{ 's', "start-date", VT_OPT_ARG, N_("DATE"), N_("the start date, "
	    "dd/mm/yyyy or YYYY-MM-DD (default: today)") },
	{ 0, NULL, 0, NULL, NULL }
};

static const struct vt_cmd dossier_new_entry = {
	.name = "new",
	.run = dossier_new,
	.summary = N_("open a dossier from the list, or a free-standing one"),
	.operands = N_("CODE"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected the dossier's CODE"),
	.opts = new_opts,
	.help = N_("Open a dossier: against the entry CODE of the year's "
	    "dossier list (\"01.05\"; its title, keeper and retention period "
	    "are taken), or, with --retention, a dossier outside the list "
	    "when the list allows it.  Prints the new dossier's ID."),
};

static const struct vt_cmd_opt show_opts[] = {
	{ 'O', "offline", 0, NULL, N_("use the offline copy only") },
	{ 'j', "json", 0, NULL, N_("print JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

static const struct vt_cmd dossier_show_entry = {
	.name = "show",
	.run = dossier_show,
	.summary = N_("show a dossier and its table of contents"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected a dossier ID"),
	.opts = show_opts,
	.help = N_("Show a dossier: its code, keeper, retention period, "
	    "dates, the table of contents in Decree 30's columns, and its "
	    "history."),
};

static const struct vt_cmd dossier_add_entry = {
	.name = "add",
	.run = dossier_add,
	.summary = N_("add documents or drafts to a dossier"),
	.operands = N_("ID DOCUMENT..."),
	.min_args = 2,
	.max_args = -1,
	.args_error = N_("expected a dossier ID and documents"),
	.help = N_("Add documents to dossier ID: incoming documents (their id "
	    "or arrival number), issued documents and drafts (with all their "
	    "versions) by their id.  A document may be in several dossiers.  "
	    "Offline, the change waits in the outbox."),
};

static const struct vt_cmd dossier_remove_entry = {
	.name = "remove",
	.run = dossier_remove,
	.summary = N_("take a document out of a dossier"),
	.operands = N_("ID DOCUMENT"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected a dossier ID and a document"),
	.help = N_("Take a document out of dossier ID (the document itself "
	    "stays)."),
};

static const struct vt_cmd_opt close_opts[] = {
	{ 'e', "end-date", VT_OPT_ARG, N_("DATE"), N_("the end date, "
	    "dd/mm/yyyy or YYYY-MM-DD (default: today)") },
	{ 'n', "note", VT_OPT_ARG, N_("TEXT"), N_("a note for the history") },
	{ 0, NULL, 0, NULL, NULL }
};

static const struct vt_cmd dossier_close_entry = {
	.name = "close",
	.run = dossier_close,
	.summary = N_("close a dossier: end date and page count"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected a dossier ID"),
	.opts = close_opts,
	.help = N_("Close (kết thúc) a dossier when its work ends: the server "
	    "records the end date and the page count, and refuses further "
	    "changes until a leader or the clerk reopens it."),
};

static const struct vt_cmd dossier_reopen_entry = {
	.name = "reopen",
	.run = dossier_reopen,
	.summary = N_("reopen a closed dossier, with a reason"),
	.operands = N_("ID (REASON | -)"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected a dossier ID and a reason"),
	.help = N_("Reopen a closed dossier (a leader or the clerk), with the "
	    "reason, which is kept in its history ('-': read it from standard "
	    "input)."),
	.flags = VT_CMD_IN_ORDER,
};

static const struct vt_cmd *const dossier_cmds[] = {
	&dossier_list_entry,
	&dossier_new_entry,
	&dossier_show_entry,
	&dossier_add_entry,
	&dossier_remove_entry,
	&dossier_close_entry,
	&dossier_reopen_entry,
	&cmd_dossier_export_entry,
	&cmd_dossier_verify_entry,
	NULL
};

const struct vt_cmd cmd_dossier_entry = {
	.name = "dossier",
	.summary = N_("work dossiers: open, add documents, close, hand over"),
	.help = N_("Work dossiers (hồ sơ công việc, Decree 30/2020, chapter "
	    "IV): the year's dossier list, opening a dossier, gathering "
	    "documents into it, its table of contents, closing, reopening, "
	    "and the folder handed over to the archive."),
	.subcmds = dossier_cmds,
};
