/*
 * vanthu: the people picker.  For an assignment, Space cycles a person
 * through lead (chủ trì), cooperate (phối hợp), for information (để
 * biết) and nothing; for a forward it marks and unmarks.  Enter goes on.
 * The list (GET /users) is fetched by a worker the first time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/users.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-int.h"
#include "ui-people.h"

struct ui_people {
	enum ui_people_mode	 mode;
	char			*id;
	struct vt_person	*p;
	size_t			 n;
	enum ui_role		*role;
	struct ui_list		 list;
	bool			 loading;
	bool			 alive;
	char			 mark[8];
	char			 rowtext[512];
};

static const struct ui_column ui_people_columns[] = {
	{ N_("Role"), 12, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Name"), 22, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Position"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const char *
ui_role_name(enum ui_role r, enum ui_people_mode mode)
{
	switch (r) {
	case UI_ROLE_LEAD:
		return mode == UI_PEOPLE_FORWARD ? _("[x]") : _("lead");
	case UI_ROLE_COOPERATE:
		return _("cooperate");
	case UI_ROLE_INFORM:
		return _("for information");
	default:
		return mode == UI_PEOPLE_FORWARD ? "[ ]" : "-";
	}
}

static const char *
ui_people_cell(void *ctx, int row, int col)
{
	struct ui_people	*pp = ctx;

	switch (col) {
	case 0:
		return ui_role_name(pp->role[row], pp->mode);
	case 1:
		return pp->p[row].full_name;
	default:
		return pp->p[row].position != NULL ? pp->p[row].position : "";
	}
}

static const char *
ui_people_text(void *ctx, int row)
{
	struct ui_people	*pp = ctx;

	snprintf(pp->rowtext, sizeof pp->rowtext, "%s %s %s",
	    pp->p[row].full_name, pp->p[row].username,
	    pp->p[row].position != NULL ? pp->p[row].position : "");
	return pp->rowtext;
}

static attr_t
ui_people_attr(void *ctx, int row)
{
	struct ui_people	*pp = ctx;

	return pp->role[row] != UI_ROLE_NONE ? A_BOLD : A_NORMAL;
}

static const char *
ui_people_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_people	*pp = s->data;

	(void)ui;
	return pp->mode == UI_PEOPLE_ASSIGN ? _("Assign: choose the people") :
	    _("Forward to: choose the people");
}

static void
ui_people_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct ui_people	*pp = s->data;

	(void)ui;
	ui_list_draw(&pp->list, w);
}

static void
ui_people_select(struct ui *ui, struct ui_people *pp)
{
	int	r = pp->list.sel;
	size_t	i;

	if (r < 0)
		return;
	if (pp->mode == UI_PEOPLE_FORWARD)
		pp->role[r] = pp->role[r] == UI_ROLE_NONE ? UI_ROLE_LEAD :
		    UI_ROLE_NONE;
	else {
		bool	has_lead = false;

		for (i = 0; i < pp->n; i++)
			has_lead |= pp->role[i] == UI_ROLE_LEAD;
		/* none, lead (or cooperate when someone leads already),
		 * cooperate, for information, none again. */
		switch (pp->role[r]) {
		case UI_ROLE_NONE:
			pp->role[r] = has_lead ? UI_ROLE_COOPERATE :
			    UI_ROLE_LEAD;
			break;
		case UI_ROLE_LEAD:
			pp->role[r] = UI_ROLE_COOPERATE;
			break;
		case UI_ROLE_COOPERATE:
			pp->role[r] = UI_ROLE_INFORM;
			break;
		default:
			pp->role[r] = UI_ROLE_NONE;
			break;
		}
	}
	ui->dirty_body = true;
}

static void
ui_people_done(struct ui *ui, struct ui_people *pp)
{
	struct ui_person_choice	*c = xcalloc(pp->n + 1, sizeof *c);
	size_t			 i, n = 0;
	enum ui_people_mode	 mode = pp->mode;
	char			*id = xstrdup(pp->id);
	struct vt_person	*people = pp->p;
	size_t			 np = pp->n;

	for (i = 0; i < pp->n; i++) {
		if (pp->role[i] == UI_ROLE_NONE)
			continue;
		c[n].username = xstrdup(pp->p[i].username);
		c[n].role = pp->role[i];
		n++;
	}
	if (n == 0) {
		ui_message(ui, _("Choose at least one person with %s"),
		    ui_key_name(ui_keys_key_for("people", UI_FN_SELECT)));
		for (i = 0; i < n; i++)
			free((char *)c[i].username);
		free(c);
		free(id);
		return;
	}
	(void)people;
	(void)np;
	ui_pop(ui);
	ui_action_people_chosen(ui, mode, id, c, n);
	for (i = 0; i < n; i++)
		free((char *)c[i].username);
	free(c);
	free(id);
}

static bool
ui_people_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_people	*pp = s->data;

	switch (fn) {
	case UI_FN_SELECT:
		ui_people_select(ui, pp);
		return true;
	case UI_FN_OPEN:
		if (!pp->loading)
			ui_people_done(ui, pp);
		return true;
	default:
		return ui_list_action(ui, &pp->list, fn);
	}
}

static void
ui_people_free(struct ui_screen *s)
{
	struct ui_people	*pp = s->data;

	if (pp->loading) {
		/* The worker still holds it: it frees it when done. */
		pp->alive = false;
		return;
	}
	vt_users_free(pp->p, pp->n);
	free(pp->role);
	free(pp->id);
	ui_list_free(&pp->list);
	free(pp);
}

struct ui_people_job {
	struct ui		*ui;
	struct ui_people	*pp;
	struct vt_person	*p;
	size_t			 n;
	vt_code			 code;
	struct vt_errbuf	 eb;
};

static void
ui_people_run(void *arg)
{
	struct ui_people_job	*j = arg;
	struct vt_client	*c = ui_app_take_client(j->ui, &j->eb);

	if (c == NULL) {
		j->code = j->eb.code;
		return;
	}
	j->code = vt_api_users(c, &j->p, &j->n, &j->eb);
	ui_app_put_client(j->ui, c);
}

static void
ui_people_loaded(struct ui *ui, void *arg)
{
	struct ui_people_job	*j = arg;
	struct ui_people	*pp = j->pp;

	pp->loading = false;
	if (!pp->alive) {
		struct ui_screen	s = { NULL, pp, NULL };

		vt_users_free(j->p, j->n);
		ui_people_free(&s);
		free(j);
		return;
	}
	if (j->code != VT_OK) {
		ui_app_error(ui, &j->eb);
		pp->list.empty = _("The list of people could not be fetched.");
	} else {
		pp->p = j->p;
		pp->n = j->n;
		pp->role = xcalloc(j->n + 1, sizeof *pp->role);
		ui_list_set_count(&pp->list, (int)j->n);
		ui_message(ui, pp->mode == UI_PEOPLE_ASSIGN ? _("Space: lead "
		    "(the first), cooperate, for information, none; Enter: "
		    "go on") :
		    _("Space marks a person; Enter: go on"));
	}
	ui->dirty_body = true;
	free(j);
}

static const enum ui_fn ui_people_hints[] = {
	UI_FN_SELECT, UI_FN_OPEN, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_people_ops = {
	"people", ui_people_title, ui_people_draw, ui_people_action, NULL,
	NULL, ui_people_free, ui_people_hints
};

void
ui_people_open(struct ui *ui, enum ui_people_mode mode, const char *id)
{
	struct ui_people	*pp;
	struct ui_people_job	*j;

	if (ui->opt->offline) {
		ui_error(ui, _("The list of people needs the server; vanthu "
		    "is offline"));
		return;
	}
	pp = xcalloc(1, sizeof *pp);
	pp->mode = mode;
	pp->id = xstrdup(id);
	pp->loading = true;
	pp->alive = true;
	ui_list_init(&pp->list);
	pp->list.columns = ui_people_columns;
	pp->list.ncolumns = 3;
	pp->list.ctx = pp;
	pp->list.cell = ui_people_cell;
	pp->list.row_text = ui_people_text;
	pp->list.row_attr = ui_people_attr;
	pp->list.empty = _("Fetching the list of people...");
	ui_push(ui, &ui_people_ops, pp);
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->pp = pp;
	ui_job_start(ui, _("Fetching people"), ui_people_run,
	    ui_people_loaded, j);
}
