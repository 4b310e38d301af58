/*
 * vanthu register: the clerk registers an arrived incoming document
 * (vào sổ văn bản đến, Decree 30/2020/ND-CP art. 22): check the
 * signatures of its main attachment, show the verdict, ask, then queue
 * the registration (the server gives the arrival number and date when
 * it arrives); or return the document to its sender with --refuse.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd-core.h"
#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/register.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

struct reg_opts {
	bool	 yes;
	char	*refuse;	/* the reason, or NULL */
	char	*note;
	const char *trust;
};

static int
reg_usage(void)
{
	return core_help(_("Usage: vanthu register ID [--yes] [--note TEXT] "
	    "[--trust-file FILE]\n"
	    "       vanthu register ID --refuse REASON\n"
	    "Register an arrived incoming document (clerks only): check the "
	    "digital\nsignature of its file, show the verdict, ask, then "
	    "enter it in the\nincoming register; the server gives the "
	    "arrival number and date.  A\ndocument whose signature is "
	    "missing, broken or changed after signing is\nflagged and "
	    "can be returned to its sender instead.  Offline, the\n"
	    "registration waits in the outbox and is sent once.\n"
	    "  -y, --yes              register without asking (scripts)\n"
	    "  -r, --refuse REASON    return it to the sender with REASON\n"
	    "  -n, --note TEXT        a note for the register\n"
	    "  -t, --trust-file FILE  trusted CA certificates (default: "
	    "trust_file)\n"));
}

/* One line from the terminal (/dev/tty); NULL without one. */
static char *
ask_line(const char *question)
{
	char	 line[2048];
	FILE	*tty;

	if ((tty = fopen("/dev/tty", "r+e")) == NULL)
		return NULL;
	fputs(question, tty);
	fflush(tty);
	if (fgets(line, sizeof line, tty) == NULL)
		line[0] = '\0';
	fclose(tty);
	line[strcspn(line, "\r\n")] = '\0';
	return vt_text_nfc(line, strlen(line));
}

static bool
is_yes(const char *s)
{
	return s != NULL && (strcasecmp(s, "y") == 0 ||
	    strcasecmp(s, "yes") == 0 || strcasecmp(s, "c") == 0 ||
	    strcmp(s, "có") == 0 || strcmp(s, "Có") == 0);
}

static void
show_doc(const struct vt_doc *d)
{
	printf(_("Document %s: %s, %s\n"), d->id,
	    d->number_notation[0] != '\0' ? d->number_notation : d->type_name,
	    d->organ.organ_name);
	printf("  %s\n", d->subject);
}

static void
show_check(const struct vt_reg_check *chk)
{
	printf(_("Digital signature: %s\n"), vt_sigcheck_message(chk->verdict));
	if (chk->filename != NULL)
		printf(_("  File:    %s\n"), chk->filename);
	if (chk->signer != NULL)
		printf(_("  Signer:  %s\n"), chk->signer);
	if (chk->signing_time != NULL)
		printf(_("  Signed:  %s\n"), chk->signing_time);
	if (chk->detail != NULL)
		printf(_("  Detail:  %s\n"), chk->detail);
	if (vt_sigcheck_flagged(chk->verdict))
		printf(_("WARNING: check this document before registering it; "
		    "it can be returned to its sender.\n"));
}

/* Queue the return to the sender with REASON. */
static int
do_refuse(struct core *core, const char *id, const char *reason)
{
	struct vt_act	act;
	int		status;

	vt_act_return(&act, id, reason);
	status = core_action(core, &act.spec);
	vt_act_clear(&act);
	if (status == 0)
		printf(_("%s was returned to its sender: %s\n"), id, reason);
	return status;
}

/* After the registration was sent: the number the server gave. */
static void
show_number(struct core *core, const char *id)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_doc		 d;
	char			 date[16] = "";

	if (vt_fetch_doc(core->client, core->cache, id, &d, NULL, &eb) !=
	    VT_OK)
		return;
	if (d.arrival_number > 0) {
		if (d.arrival_date != NULL && strlen(d.arrival_date) == 10)
			snprintf(date, sizeof date, "%.2s/%.2s/%.4s",
			    d.arrival_date + 8, d.arrival_date + 5,
			    d.arrival_date);
		printf(_("Registered: arrival number %ld, arrival date %s\n"),
		    d.arrival_number, date);
	}
	vt_doc_clear(&d);
}

static int
do_register(struct core *core, const char *id, const char *note)
{
	struct vt_act	act;
	int		status;

	vt_act_register(&act, id, note);
	status = core_action(core, &act.spec);
	vt_act_clear(&act);
	if (status == 0)
		show_number(core, id);
	else if (status == vt_exit_status(VT_ERR_OFFLINE))
		fprintf(stderr, _("The arrival number will be given by the "
		    "server when the registration reaches it.\n"));
	return status;
}

/* Ask what to do; 'r' register, 't' return, 0 stop.  *REASON set for
   a return. */
static int
decide(const struct reg_opts *o, const struct vt_reg_check *chk,
    char **reason)
{
	char	*a;
	int	 what = 0;

	if (o->yes)
		return 'r';
	if (vt_sigcheck_flagged(chk->verdict)) {
		if ((a = ask_line(_("Return it to the sender instead? "
		    "[y/N] "))) == NULL)
			return -1;
		if (is_yes(a)) {
			free(a);
			a = ask_line(_("Reason (Enter: the signature "
			    "check's verdict): "));
			if (a == NULL)
				return -1;
			*reason = xstrdup(a[0] != '\0' ? a :
			    vt_sigcheck_note(chk->verdict));
			free(a);
			return 't';
		}
		free(a);
		a = ask_line(_("Register it anyway? [y/N] "));
	} else
		a = ask_line(_("Register it in the incoming register? "
		    "[y/N] "));
	if (a == NULL)
		return -1;
	if (is_yes(a))
		what = 'r';
	free(a);
	return what;
}

static int
run_register(struct core *core, const char *arg, const struct reg_opts *o)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_reg_check	 chk;
	struct vt_doc		 d;
	const char		*id;
	char			*reason = NULL, *note;
	bool			 cached = false;
	int			 status, what;
	vt_code			 code;

	if ((status = core_role_gate(core, o->refuse != NULL ? "return" :
	    "register")) != 0)
		return status;
	if ((id = core_doc_id(core, arg, &status)) == NULL)
		return status;
	code = vt_fetch_doc(core->client, core->cache, id, &d, &cached, &eb);
	if (code != VT_OK && !cached)
		return core_fail(core, &eb);
	if (cached)
		core_warn(core->cmd, _("the server cannot be reached; using "
		    "the offline copy"));
	show_doc(&d);
	if (strcmp(d.status, "01") != 0) {
		vt_fail(&eb, VT_ERR_CONFLICT, _("%s is not awaiting "
		    "registration (%s, arrival number %ld)"), d.id,
		    vt_status_name(d.status), d.arrival_number);
		vt_doc_clear(&d);
		return core_fail(core, &eb);
	}
	if (o->refuse != NULL) {
		status = do_refuse(core, id, o->refuse);
		vt_doc_clear(&d);
		return status;
	}
	vt_register_check(cached ? NULL : core->client, core->cache, &d,
	    o->trust, &chk, &eb);
	show_check(&chk);
	what = decide(o, &chk, &reason);
	if (what == -1)
		status = vt_cmd_usage_error(core->cmd, _("no terminal to ask: "
		    "give --yes or --refuse REASON"));
	else if (what == 't')
		status = do_refuse(core, id, reason);
	else if (what == 'r') {
		note = o->note != NULL ? xasprintf("%s; %s",
		    vt_sigcheck_note(chk.verdict), o->note) :
		    xstrdup(vt_sigcheck_note(chk.verdict));
		status = do_register(core, id, note);
		free(note);
	} else {
		printf(_("Nothing was done.\n"));
		status = vt_exit_status(VT_ERR_CANCELLED);
	}
	free(reason);
	vt_reg_check_clear(&chk);
	vt_doc_clear(&d);
	return status;
}

int
cmd_register(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "yes",	no_argument,	   NULL, 'y' },
		{ "refuse",	required_argument, NULL, 'r' },
		{ "note",	required_argument, NULL, 'n' },
		{ "trust-file",	required_argument, NULL, 't' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct reg_opts	 o = { false, NULL, NULL, NULL };
	struct core	 core;
	char		**text;
	int		 ch, status;

	while ((ch = getopt_long(argc, argv, "yr:n:t:h", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'y': o.yes = true; break;
		case 't': o.trust = optarg; break;
		case 'r':
		case 'n':
			text = ch == 'r' ? &o.refuse : &o.note;
			free(*text);
			if ((*text = core_text_arg(argv[0], optarg)) == NULL) {
				free(o.refuse);
				free(o.note);
				return vt_exit_status(VT_ERR_USAGE);
			}
			break;
		case 'h':
			free(o.refuse);
			free(o.note);
			return reg_usage();
		default:
			free(o.refuse);
			free(o.note);
			return vt_cmd_usage_error(argv[0], _("unknown option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind])) {
		free(o.refuse);
		free(o.note);
		return vt_cmd_usage_error(argv[0], _("expected one document "
		    "ID"));
	}
	status = core_open(&core, cli, argv[0], CORE_LOGIN | CORE_CACHE |
	    CORE_OUTBOX);
	if (status == 0) {
		if (o.trust == NULL)
			o.trust = vt_config_get(&core.cfg, "trust_file");
		status = run_register(&core, argv[optind], &o);
		core_close(&core);
	}
	free(o.refuse);
	free(o.note);
	return status;
}
