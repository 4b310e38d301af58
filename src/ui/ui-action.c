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

/* "DD/MM/YYYY" or "YYYY-MM-DD" into ISO; false when not a real date. */
static bool
ui_parse_date(const char *in, char out[32])
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			d, m, y, n = -1;

	if (sscanf(in, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    in[n] == '\0' && n == 10)
		;
	else if (n = -1, sscanf(in, "%2d/%2d/%4d%n", &d, &m, &y, &n) != 3 ||
	    in[n] != '\0')
		return false;
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0))
		return false;
	snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
	return true;
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

		snprintf(label, sizeof label, "%s", _("Deadline (dd/mm/yyyy, "
		    "empty: none): "));
		for (;;) {
			due = ui_prompt(ui, label, NULL, false, NULL, NULL);
			if (due == NULL)
				goto cancel;
			if (*due == '\0' || ui_parse_date(due, iso))
				break;
			/* Say why on the prompt line itself, and ask again. */
			snprintf(label, sizeof label, _("Not a date: %s.  "
			    "Deadline (dd/mm/yyyy): "), due);
			free(due);
		}
	}
	note = ui_prompt(ui, mode == UI_PEOPLE_ASSIGN ? _("Direction (may be "
	    "empty): ") : _("Note (may be empty): "), NULL, false, NULL, NULL);
	if (note == NULL)
		goto cancel;
	snprintf(q, sizeof q, mode == UI_PEOPLE_ASSIGN ?
	    _("Assign to %zu person(s)?") : _("Forward to %zu person(s)?"), n);
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
