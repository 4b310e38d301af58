/*
 * vanthu: the actions on an incoming document, asked for on the message
 * line and queued in the outbox (sent exactly once, kept when offline):
 * comment, assign (with the people picker), forward, complete, return.
 * Irreversible ones ask for confirmation first.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/cache.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-int.h"
#include "ui-people.h"
#include "ui-screens.h"

static void
ui_action_queue(struct ui *ui, struct vt_act *act, const char *msg)
{
	ui_app_queue(ui, &act->spec, msg);
	vt_act_clear(act);
}

void
ui_action_comment(struct ui *ui, const char *id)
{
	struct vt_act	 act;
	char		*text;

	text = ui_prompt_text(ui, _("Comment (^E: editor): "));
	if (text == NULL) {
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	vt_act_comment(&act, id, text);
	ui_action_queue(ui, &act, _("Comment queued; it is sent as soon as "
	    "the server answers"));
	free(text);
}

void
ui_action_assign(struct ui *ui, const char *id)
{
	ui_people_open(ui, UI_PEOPLE_ASSIGN, id);
}

void
ui_action_forward(struct ui *ui, const char *id)
{
	ui_people_open(ui, UI_PEOPLE_FORWARD, id);
}

/* The cached deadline of document ID as dd/mm/yyyy, or "". */
static void
ui_action_doc_due(struct ui *ui, const char *id, char *out, size_t len)
{
	struct ui_app	*app = ui_app(ui);
	struct vt_doc	 d;

	out[0] = '\0';
	memset(&d, 0, sizeof d);
	if (app == NULL || app->cache == NULL ||
	    vt_cache_doc_load(app->cache, id, &d, NULL) != VT_OK)
		return;
	if (d.due_date != NULL)
		vt_clock_show(d.due_date, VT_CLOCK_DATE, out, len);
	vt_doc_clear(&d);
}

void
ui_action_people_chosen(struct ui *ui, enum ui_people_mode mode,
    const char *id, const struct ui_person_choice *c, size_t n)
{
	const char	**coop = xcalloc(n + 1, sizeof *coop);
	const char	**inform = xcalloc(n + 1, sizeof *inform);
	const char	 *lead = NULL;
	size_t		  ncoop = 0, ninform = 0, i;
	char		 *due = NULL, *note = NULL, iso[32], q[300];
	struct vt_act	  act;

	for (i = 0; i < n; i++) {
		if (c[i].role == UI_ROLE_LEAD)
			lead = c[i].username;
		else if (c[i].role == UI_ROLE_COOPERATE)
			coop[ncoop++] = c[i].username;
		else
			inform[ninform++] = c[i].username;
	}
	if (mode == UI_PEOPLE_ASSIGN) {
		char	label[300];

		char	initial[128];

		/* The document's own deadline to start from; "5/12" is
		 * this year's 5 December. */
		ui_action_doc_due(ui, id, initial, sizeof initial);
		snprintf(label, sizeof label, "%s", _("Deadline (day/month, "
		    "empty: none): "));
		for (;;) {
			due = ui_prompt(ui, label, initial[0] != '\0' ?
			    initial : NULL, false, NULL, NULL);
			initial[0] = '\0';
			if (due == NULL)
				goto cancel;
			if (*due == '\0' || vt_clock_read_date(due, iso,
			    NULL) == VT_OK)
				break;
			/* Say why on the prompt line itself, and ask again. */
			snprintf(label, sizeof label, _("Not a date: %s.  "
			    "Deadline (day/month): "), due);
			/* What was typed stays, to be corrected. */
			snprintf(initial, sizeof initial, "%s", due);
			free(due);
		}
	}
	note = ui_prompt(ui, mode == UI_PEOPLE_ASSIGN ? _("Direction (may be "
	    "empty): ") : _("Note (may be empty): "), NULL, false, NULL, NULL);
	if (note == NULL)
		goto cancel;
	snprintf(q, sizeof q, mode == UI_PEOPLE_ASSIGN ?
	    ngettext("Assign to %zu person?", "Assign to %zu people?", n) :
	    ngettext("Forward to %zu person?", "Forward to %zu people?", n),
	    n);
	if (!ui_confirm(ui, q))
		goto out;
	if (mode == UI_PEOPLE_ASSIGN)
		vt_act_assign(&act, id, lead, coop, ncoop, inform, ninform,
		    due != NULL && *due != '\0' ? iso : NULL, note);
	else {
		const char	**to = xcalloc(n + 1, sizeof *to);

		for (i = 0; i < n; i++)
			to[i] = c[i].username;
		vt_act_forward(&act, id, to, n, note);
		free(to);
	}
	ui_action_queue(ui, &act, mode == UI_PEOPLE_ASSIGN ?
	    _("Assignment queued") : _("Forward queued"));
	goto out;
cancel:
	ui_message(ui, _("Cancelled: nothing was done"));
out:
	free(due);
	free(note);
	free(coop);
	free(inform);
}

void
ui_action_complete(struct ui *ui, const char *id, const char *subject)
{
	struct vt_act	 act;
	char		*note, q[400];

	note = ui_prompt(ui, _("Completion note (may be empty): "), NULL,
	    false, NULL, NULL);
	if (note == NULL) {
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	snprintf(q, sizeof q, _("Mark as completed: \"%.60s\"?"), subject);
	if (ui_confirm(ui, q)) {
		vt_act_complete(&act, id, note);
		ui_action_queue(ui, &act, _("Completion queued"));
	}
	free(note);
}

void
ui_action_return(struct ui *ui, const char *id, const char *subject)
{
	struct vt_act	 act;
	char		*reason, q[400];

	reason = ui_prompt_text(ui, _("Reason for returning (^E: editor): "));
	if (reason == NULL) {
		ui_message(ui, _("A reason is needed: nothing was done"));
		return;
	}
	snprintf(q, sizeof q, _("Return to the sender: \"%.60s\"?"),
	    subject);
	if (ui_confirm(ui, q)) {
		vt_act_return(&act, id, reason);
		ui_action_queue(ui, &act, _("Return queued"));
	}
	free(reason);
}
