/*
 * vanthu: the clerk's registration of an arrived document in the
 * interface (the same core calls as "vanthu register"): the signature
 * check of the main attachment (already fetched into the cache by the
 * reader), the verdict, the question, then the registration or the
 * return to the sender queued in the outbox.  And which functions the
 * logged-in role may use.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/register.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-int.h"
#include "ui-screens.h"

/* The outbox kind behind a function on a screen, or NULL. */
static const char *
ui_fn_kind(const char *map, enum ui_fn fn)
{
	bool	doc = strcmp(map, "reader") == 0 || strcmp(map, "inbox") == 0;

	switch (fn) {
	case UI_FN_ASSIGN:
		return doc ? "assign" : NULL;
	case UI_FN_RETURN:
		return doc ? "return" : NULL;	/* a draft's return differs */
	case UI_FN_REGISTER:
	case UI_FN_FILTER_ARRIVED:
		return "register";
	default:
		return NULL;
	}
}

static const char *
ui_role(struct ui *ui)
{
	struct ui_app		*app = ui_app(ui);
	const struct vt_session	*s;

	if (app == NULL || app->client == NULL ||
	    (s = vt_client_session(app->client)) == NULL)
		return NULL;
	return s->role;
}

bool
ui_fn_allowed(struct ui *ui, const char *map, enum ui_fn fn)
{
	const char	*kind = ui_fn_kind(map, fn);
	const char	*role = ui_role(ui);

	/* The clerk's own keys are offered to a clerk only (not before the
	   role is known); the others unless the role may not. */
	if (role == NULL && (fn == UI_FN_REGISTER ||
	    fn == UI_FN_FILTER_ARRIVED))
		return false;
	/* Recipients are added when issuing, which is the clerk's. */
	if (fn == UI_FN_ADD_RECIPIENT)
		return vt_user_role_parse(role) == VT_USER_CLERK;
	return kind == NULL || vt_action_role_ok(kind, role);
}

/* Whether FN on MAP is the clerk's issue: the sign key on a draft, for
   a clerk (the same pipeline as vanthu draft issue). */
static bool
ui_fn_is_issue(struct ui *ui, const char *map, enum ui_fn fn)
{
	return fn == UI_FN_SIGN && strcmp(map, "draft") == 0 &&
	    vt_user_role_parse(ui_role(ui)) == VT_USER_CLERK;
}

/* Enter's words on the screens where it opens nothing: the form's
   fields are edited, the pickers' rows chosen. */
static const struct {
	const char	*map;
	const char	*label;
	const char	*help;
} ui_open_words[] = {
	{ "compose", N_("Edit"), N_("change the selected field") },
	{ "pick", N_("Choose"), N_("choose the selected row") },
	{ "people", N_("Choose"), N_("choose the selected person, or go on "
	    "with those marked") },
};

static int
ui_open_word(const char *map, enum ui_fn fn)
{
	size_t	i;

	for (i = 0; fn == UI_FN_OPEN &&
	    i < sizeof ui_open_words / sizeof ui_open_words[0]; i++) {
		if (strcmp(ui_open_words[i].map, map) == 0)
			return (int)i;
	}
	return -1;
}

const char *
ui_fn_label_for(struct ui *ui, const char *map, enum ui_fn fn)
{
	int	w = ui_open_word(map, fn);

	if (w >= 0)
		return _(ui_open_words[w].label);
	return ui_fn_is_issue(ui, map, fn) ? _("Issue") : ui_fn_label(fn);
}

const char *
ui_fn_help_for(struct ui *ui, const char *map, enum ui_fn fn)
{
	int	w = ui_open_word(map, fn);

	if (w >= 0)
		return _(ui_open_words[w].help);
	return ui_fn_is_issue(ui, map, fn) ? _("number, date and agency "
	    "signature of a signed draft, then send it") : ui_fn_help(fn);
}

void
ui_fn_refuse(struct ui *ui, const char *map, enum ui_fn fn)
{
	const char	*why;

	why = vt_act_refusal(vt_act_kind_parse(ui_fn_kind(map, fn)));

	ui_message(ui, "%s", why != NULL ? why : _("Your role may not do "
	    "this"));
}

/* Show the verdict and ask; then queue the registration or the
   return to the sender. */
static void
ui_register_decide(struct ui *ui, const struct vt_doc *doc,
    const struct vt_reg_check *chk)
{
	struct vt_act	 act;
	char		 q[600], *reason;

	snprintf(q, sizeof q, "%s%s%s", vt_sigcheck_message(chk->verdict),
	    chk->signer != NULL ? " — " : "",
	    chk->signer != NULL ? chk->signer : "");
	ui_message(ui, "%s", q);
	if (vt_sigcheck_flagged(chk->verdict)) {
		snprintf(q, sizeof q, _("%s. Return it to the sender?"),
		    vt_sigcheck_message(chk->verdict));
		if (ui_confirm(ui, q)) {
			reason = ui_prompt(ui, _("Reason for the sender: "),
			    vt_sigcheck_note(chk->verdict), false, NULL,
			    NULL);
			if (reason == NULL || *reason == '\0') {
				free(reason);
				ui_message(ui, _("Cancelled: nothing was "
				    "done"));
				return;
			}
			vt_act_return(&act, doc->id, reason);
			ui_app_queue(ui, &act.spec, _("Return to the sender "
			    "queued"));
			vt_act_clear(&act);
			free(reason);
			return;
		}
		snprintf(q, sizeof q, _("Register it anyway (%s)?"),
		    vt_sigcheck_message(chk->verdict));
	} else
		snprintf(q, sizeof q, _("%s. Register it in the incoming "
		    "register?"), vt_sigcheck_message(chk->verdict));
	if (!ui_confirm(ui, q)) {
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	vt_act_register(&act, doc->id, vt_sigcheck_note(chk->verdict));
	ui_app_queue(ui, &act.spec, _("Registration queued; the server gives "
	    "the arrival number"));
	vt_act_clear(&act);
}

void
ui_action_register(struct ui *ui, const struct vt_doc *doc)
{
	struct ui_app		*app = ui_app(ui);
	struct vt_reg_check	 chk;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*trust = NULL;

	if (!ui_fn_allowed(ui, "reader", UI_FN_REGISTER)) {
		ui_message(ui, "%s", vt_act_refusal(VT_ACT_REGISTER));
		return;
	}
	if (vt_doc_status_of(doc) != VT_STATUS_ARRIVED) {
		ui_message(ui, _("This document is not awaiting registration "
		    "(%s)"), vt_status_name(doc->status));
		return;
	}
	if (app->have_cfg)
		trust = vt_config_get(&app->cfg, "trust_file");
	/* The reader fetched the file into the cache: checked locally. */
	vt_register_check(NULL, app->cache, doc, trust, &chk, &eb);
	ui_register_decide(ui, doc, &chk);
	vt_reg_check_clear(&chk);
}
