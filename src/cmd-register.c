/*
 * vanthu register: the clerk registers an arrived incoming document
 * (vào sổ văn bản đến, Decree 30/2020/ND-CP art. 22): check the
 * signatures of its main attachment, show the verdict, ask, then queue
 * the registration (the server gives the arrival number and date when
 * it arrives); or return the document to its sender with --refuse.
 */
#include "config.h"

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
	if (vt_doc_status_of(&d) != VT_STATUS_ARRIVED) {
		vt_fail(&eb, VT_ERR_STATE, _("%s is not awaiting "
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

static const struct vt_cmd_opt register_opts[] = {
	{ 'y', "yes", VT_OPT_SHORT, NULL, N_("register without asking "
	    "(scripts)") },
	{ 'r', "refuse", VT_OPT_SHORT | VT_OPT_ARG, N_("REASON"),
	    N_("return it to the sender with REASON instead") },
	{ 'n', "note", VT_OPT_SHORT | VT_OPT_ARG, N_("TEXT"),
	    N_("a note for the register") },
	{ 't', "trust-file", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("trusted CA certificates (default: trust_file)") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_register(const struct vt_cli *cli, const struct vt_args *args)
{
	struct reg_opts	 o = { false, NULL, NULL, NULL };
	struct core	 core;
	const char	*r = vt_args_get(args, 'r'), *n = vt_args_get(args, 'n');
	int		 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("expected one document "
		    "ID"));
	o.yes = vt_args_has(args, 'y');
	o.trust = vt_args_get(args, 't');
	if ((r != NULL && (o.refuse = core_text_arg(args->cmd, r)) == NULL) ||
	    (n != NULL && (o.note = core_text_arg(args->cmd, n)) == NULL)) {
		free(o.refuse);
		return vt_exit_status(VT_ERR_USAGE);
	}
	status = core_open(&core, cli, args->cmd, CORE_LOGIN | CORE_CACHE |
	    CORE_OUTBOX);
	if (status == 0) {
		if (o.trust == NULL)
			o.trust = vt_config_get(&core.cfg, "trust_file");
		status = run_register(&core, args->argv[0], &o);
		core_close(&core);
	}
	free(o.refuse);
	free(o.note);
	return status;
}

const struct vt_cmd cmd_register_entry = {
	.name = "register",
	.run = cmd_register,
	.summary = N_("register an arrived document (clerk): check its "
	    "signature, give it its arrival number"),
	.operands = N_("ID"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected one document ID"),
	.opts = register_opts,
	.help = N_("Register an arrived incoming document (clerks only): "
	    "check the digital signature of its file, show the verdict, ask, "
	    "then enter it in the incoming register; the server gives the "
	    "arrival number and date.  A document whose signature is "
	    "missing, broken or changed after signing is flagged and can be "
	    "returned to its sender instead (--refuse).  Offline, the "
	    "registration waits in the outbox and is sent once."),
};
