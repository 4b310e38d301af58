/*
 * vanthu draft: subcommands on one draft (the table is in
 * src/cmd-draft-table.c): show, annotate, approve, return.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cmd-core.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static void
draft_usage(FILE *f)
{
	const struct vt_cmd	*c;

	fprintf(f, _("Usage: vanthu draft SUBCOMMAND ID [OPTION]...\n"));
	fprintf(f, _("Subcommands:\n"));
	for (c = vt_draft_cmds; c->name != NULL; c++)
		fprintf(f, "  %-10s %s\n", c->name, _(c->summary));
}

int
cmd_draft(const struct vt_cli *cli, int argc, char **argv)
{
	const struct vt_cmd	*c;

	if (argc < 2) {
		draft_usage(stderr);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		draft_usage(stdout);
		return 0;
	}
	for (c = vt_draft_cmds; c->name != NULL; c++) {
		if (strcmp(c->name, argv[1]) == 0) {
			optind = 0;
			return c->run(cli, argc - 1, argv + 1);
		}
	}
	return vt_cmd_usage_error(argv[0], _("unknown subcommand"));
}

static void
print_block(const char *text)
{
	const char	*p, *nl;

	for (p = text; ; p = nl + 1) {
		nl = strchr(p, '\n');
		printf("    %.*s\n", nl != NULL ? (int)(nl - p) : (int)strlen(p),
		    p);
		if (nl == NULL)
			break;
	}
}

static void
print_draft(const struct vt_draft *d)
{
	size_t	i, k;

	printf("%s  %s %s\n", d->id, d->type_name, d->code_notation);
	printf(_("Subject:     %s\n"), d->subject);
	printf(_("State:       %s\n"), core_draft_state_name(d->state));
	printf(_("Drafter:     %s\n"), d->drafter.full_name);
	printf(_("Signer:      %s\n"), d->signer.full_name);
	printf(_("Due:         %s\n"), d->due_date != NULL ? d->due_date :
	    "-");
	for (i = 0; i < d->nreviewers; i++)
		printf(_("Reviewer:    %s%s%s\n"), d->reviewers[i].person.full_name,
		    d->reviewers[i].approved_at != NULL ? _(", approved ") : "",
		    d->reviewers[i].approved_at != NULL ?
		    d->reviewers[i].approved_at : "");
	if (d->nversions > 0)
		printf(_("Versions:\n"));
	for (i = 0; i < d->nversions; i++) {
		printf("  %s  %d  %s  %s  (%llu %s)\n", d->versions[i].id,
		    d->versions[i].number, d->versions[i].kind,
		    d->versions[i].filename,
		    (unsigned long long)d->versions[i].size, _("bytes"));
		for (k = 0; k < d->versions[i].nsignatures; k++)
			printf(_("      signed (%s) by %s\n"),
			    d->versions[i].signatures[k].kind,
			    d->versions[i].signatures[k].common_name != NULL ?
			    d->versions[i].signatures[k].common_name : "?");
	}
	if (d->nannotations > 0)
		printf(_("Annotations:\n"));
	for (i = 0; i < d->nannotations; i++) {
		printf(_("  %s page %d, %s:\n"), d->annotations[i].version_id,
		    d->annotations[i].page, d->annotations[i].author.full_name);
		if (d->annotations[i].quote != NULL)
			printf("    \"%s\"\n", d->annotations[i].quote);
		print_block(d->annotations[i].note);
	}
	if (d->nhistory > 0)
		printf(_("History:\n"));
	for (i = 0; i < d->nhistory; i++) {
		printf("  %s  %s  %s\n", d->history[i].at,
		    d->history[i].action, d->history[i].actor.full_name != NULL ?
		    d->history[i].actor.full_name : "-");
		if (d->history[i].note != NULL && d->history[i].note[0] != '\0')
			print_block(d->history[i].note);
	}
}

int
cmd_draft_show(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,	NULL, 'j' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	bool			 json = false, cached = false;
	vt_code			 code;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = true; break;
		case 'h':
			return core_help(_("Usage: vanthu draft show ID "
			    "[--json]\nShow a draft with its versions, "
			    "reviewers, annotations and history.\n"));
		default:
			return vt_cmd_usage_error("draft show",
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind]))
		return vt_cmd_usage_error("draft show", _("expected one draft "
		    "ID"));
	if ((status = core_open(&core, cli, "draft show", CORE_CACHE)) != 0)
		return status;
	code = vt_fetch_draft(core.client, core.cache, argv[optind], &d,
	    &cached, &eb);
	if (code != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (code != VT_OK) {
		status = core_fail(&core, &eb);
		core_warn("draft show", _("showing the cached copy, which may "
		    "be out of date"));
	}
	if (json)
		core_json_print(vt_draft_to_json(&d));
	else
		print_draft(&d);
	vt_draft_clear(&d);
	core_close(&core);
	return status;
}

int
cmd_draft_annotate(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "page",	required_argument, NULL, 'p' },
		{ "quote",	required_argument, NULL, 'q' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_draft		 d;
	struct vt_act_args	 a;
	const char		*quote = NULL;
	char			*note, *q = NULL, *end;
	long			 page = 0;
	bool			 cached;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "p:q:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			page = strtol(optarg, &end, 10);
			if (*end != '\0' || page < 1 || page > 100000)
				return vt_cmd_usage_error("draft annotate",
				    _("--page needs a page number"));
			break;
		case 'q': quote = optarg; break;
		case 'h':
			return core_help(_("Usage: vanthu draft annotate ID "
			    "--page N [--quote TEXT] (TEXT | -)\nAnnotate page "
			    "N of the draft's current version, optionally "
			    "quoting its\ntext.\n"));
		default:
			return vt_cmd_usage_error("draft annotate",
			    _("unknown option"));
		}
	}
	if (argc - optind != 2 || !core_valid_id(argv[optind]))
		return vt_cmd_usage_error("draft annotate", _("expected ID and "
		    "TEXT"));
	if (page == 0)
		return vt_cmd_usage_error("draft annotate", _("--page N is "
		    "required"));
	if ((status = core_open(&core, cli, "draft annotate", CORE_CACHE)) !=
	    0)
		return status;
	/* The annotation belongs to the version the user reads now. */
	if (vt_fetch_draft(core.client, core.cache, argv[optind], &d, &cached,
	    &eb) != VT_OK && !cached) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	core_close(&core);
	if (!d.has_current) {
		vt_draft_clear(&d);
		vt_fail(&eb, VT_ERR_NOT_FOUND, _("the draft has no version"));
		return core_fail(&core, &eb);
	}
	if ((note = core_text_arg("draft annotate", argv[optind + 1])) ==
	    NULL) {
		vt_draft_clear(&d);
		return vt_exit_status(VT_ERR_USAGE);
	}
	if (quote != NULL)
		q = core_text_arg("draft annotate", quote);
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.version_id = d.current_version.id;
	a.page = (int)page;
	a.quote = q;
	a.text = note;
	status = core_act(cli, "draft annotate", VT_ACT_ANNOTATE, &a);
	free(q);
	free(note);
	vt_draft_clear(&d);
	return status;
}

int
cmd_draft_approve(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "note",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_act_args	 a;
	char			*note = NULL;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			free(note);
			if ((note = core_text_arg("draft approve", optarg)) ==
			    NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			free(note);
			return core_help(_("Usage: vanthu draft approve ID "
			    "[--note TEXT]\nApprove a draft as its reviewer or "
			    "signer.\n"));
		default:
			free(note);
			return vt_cmd_usage_error("draft approve",
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(note);
		return vt_cmd_usage_error("draft approve", _("expected one "
		    "draft ID"));
	}
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.text = note;
	status = core_act(cli, "draft approve", VT_ACT_APPROVE, &a);
	free(note);
	return status;
}

int
cmd_draft_return(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "reason",	required_argument, NULL, 'r' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_act_args	 a;
	char			*reason = NULL;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "r:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			free(reason);
			if ((reason = core_text_arg("draft return", optarg)) ==
			    NULL)
				return vt_exit_status(VT_ERR_USAGE);
			break;
		case 'h':
			free(reason);
			return core_help(_("Usage: vanthu draft return ID "
			    "--reason TEXT\nReturn a draft to its drafter with "
			    "a reason.\n"));
		default:
			free(reason);
			return vt_cmd_usage_error("draft return",
			    _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(reason);
		return vt_cmd_usage_error("draft return", _("expected one "
		    "draft ID"));
	}
	if (reason == NULL)
		return vt_cmd_usage_error("draft return", _("--reason TEXT is "
		    "required"));
	memset(&a, 0, sizeof a);
	a.id = argv[optind];
	a.text = reason;
	status = core_act(cli, "draft return", VT_ACT_DRAFT_RETURN, &a);
	free(reason);
	return status;
}
