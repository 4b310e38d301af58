/*
 * vanthu: the one people picker (see ui-people.h).  For an assignment,
 * Space cycles a person through lead (chủ trì), cooperate (phối hợp),
 * for information (để biết) and nothing; for a forward or the reviewers
 * of a draft it marks and unmarks; for the signer of a draft Enter
 * chooses the leader under the cursor.  Enter goes on.  The list (GET
 * /users) is fetched by a worker each time the picker opens.
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
	char			*id;		/* assign, forward */
	ui_people_fn		 done;		/* signer, reviewers */
	void			*arg;
	char			**skip, **marked;
	size_t			 nskip, nmarked;
	bool			 failed;	/* the list could not come */
	struct vt_person	*p;
	size_t			 n;
	enum ui_role		*role;
	struct ui_list		 list;
	bool			 loading;
	bool			 alive;
	char			 mark[8];
	char			 rowtext[512];
};

/* Choosing the signer or marking people: no roles to show. */
static const struct ui_column ui_people_mark_columns[] = {
	{ N_("Mark"), 4, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Name"), 22, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Position"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const struct ui_column ui_people_columns[] = {
	{ N_("Role"), 12, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Name"), 22, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Position"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const char *
ui_role_name(enum ui_role r, enum ui_people_mode mode)
{
	bool	marks = mode == UI_PEOPLE_FORWARD ||
		    mode == UI_PEOPLE_REVIEWERS;

	if (mode == UI_PEOPLE_SIGNER)
		return "";
	switch (r) {
	case UI_ROLE_LEAD:
		return marks ? _("[x]") : _("lead");
	case UI_ROLE_COOPERATE:
		return _("cooperate");
	case UI_ROLE_INFORM:
		return _("for information");
	default:
		return marks ? "[ ]" : "-";
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
	switch (pp->mode) {
	case UI_PEOPLE_ASSIGN: return _("Assign: choose the people");
	case UI_PEOPLE_FORWARD: return _("Forward to: choose the people");
	case UI_PEOPLE_SIGNER: return _("Signer (a leader)");
	default: return _("Reviewers");
	}
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

	if (r < 0 || pp->mode == UI_PEOPLE_SIGNER)
		return;
	if (pp->mode != UI_PEOPLE_ASSIGN)
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

static void	ui_people_hint(struct ui *ui, const struct ui_people *pp);

static char **
ui_people_names(const char *const *names, size_t n)
{
	char	**out = xcalloc(n + 1, sizeof *out);
	size_t	  i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(names[i]);
	return out;
}

static void
ui_people_names_free(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool
ui_people_named(char *const *names, size_t n, const char *username)
{
	size_t	i;

	for (i = 0; username != NULL && i < n; i++)
		if (strcmp(names[i], username) == 0)
			return true;
	return false;
}

/*
 * Keep of the N people in P those the picker offers (not skipped; in
 * SIGNER mode the leaders only), in their order; returns how many.
 */
static size_t
ui_people_filter(const struct ui_people *pp, struct vt_person *p, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (ui_people_named(pp->skip, pp->nskip, p[i].username) ||
		    (pp->mode == UI_PEOPLE_SIGNER &&
		    vt_user_role_parse(p[i].role) != VT_USER_LEADER)) {
			vt_person_clear(&p[i]);
			continue;
		}
		if (k != i) {
			p[k] = p[i];
			memset(&p[i], 0, sizeof p[i]);
		}
		k++;
	}
	return k;
}

static void
ui_people_done(struct ui *ui, struct ui_people *pp)
{
	struct ui_person_choice	*c;
	struct vt_person	*people = pp->p;
	enum ui_people_mode	 mode = pp->mode;
	ui_people_fn		 done = pp->done;
	void			*arg = pp->arg;
	char			*id = pp->id;
	size_t			 i, n = 0, np = pp->n;

	if (pp->failed) {
		if (done == NULL)
			return;
		/* The caller asks for a user name instead. */
		ui_pop(ui);
		done(ui, arg, NULL, 0);
		return;
	}
	c = xcalloc(np + 1, sizeof *c);
	for (i = 0; i < np; i++) {
		if (mode == UI_PEOPLE_SIGNER ? (int)i != pp->list.sel :
		    pp->role[i] == UI_ROLE_NONE)
			continue;
		c[n].username = people[i].username;
		c[n].role = mode == UI_PEOPLE_SIGNER ? UI_ROLE_LEAD :
		    pp->role[i];
		c[n].person = &people[i];
		n++;
	}
	if (n == 0 && mode != UI_PEOPLE_REVIEWERS) {
		if (mode != UI_PEOPLE_SIGNER)
			ui_message(ui, _("Choose at least one person with %s"),
			    ui_key_name(ui_keys_key_for("people",
			    UI_FN_SELECT)));
		free(c);
		return;
	}
	/* The screen goes first (PP with it, but for the people and the id
	   taken out of it): DONE may open another screen. */
	pp->p = NULL;
	pp->n = 0;
	pp->id = NULL;
	ui_pop(ui);
	if (done != NULL)
		done(ui, arg, c, n);
	else
		ui_action_people_chosen(ui, mode, id, c, n);
	vt_users_free(people, np);
	free(id);
	free(c);
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
	ui_people_names_free(pp->skip, pp->nskip);
	ui_people_names_free(pp->marked, pp->nmarked);
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
		pp->failed = true;
		pp->list.empty = pp->done != NULL ? _("The list of people could "
		    "not be fetched: press Enter to type a user name.") :
		    _("The list of people could not be fetched.");
	} else {
		size_t	i;

		pp->p = j->p;
		pp->n = ui_people_filter(pp, j->p, j->n);
		pp->role = xcalloc(pp->n + 1, sizeof *pp->role);
		for (i = 0; i < pp->n; i++)
			if (ui_people_named(pp->marked, pp->nmarked,
			    pp->p[i].username))
				pp->role[i] = UI_ROLE_LEAD;
		ui_list_set_count(&pp->list, (int)pp->n);
		pp->list.empty = _("Nobody to choose from.");
		ui_people_hint(ui, pp);
	}
	ui->dirty_body = true;
	free(j);
}

static void
ui_people_hint(struct ui *ui, const struct ui_people *pp)
{
	switch (pp->mode) {
	case UI_PEOPLE_ASSIGN:
		ui_message(ui, _("Space: lead (the first), cooperate, for "
		    "information, none; Enter: go on"));
		break;
	case UI_PEOPLE_SIGNER:
		ui_message(ui, _("Enter chooses the leader under the cursor"));
		break;
	default:
		ui_message(ui, _("Space marks a person; Enter: go on"));
		break;
	}
}

static const enum ui_fn ui_people_hints[] = {
	UI_FN_SELECT, UI_FN_OPEN, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_people_ops = {
	"people", ui_people_title, ui_people_draw, ui_people_action, NULL,
	NULL, ui_people_free, ui_people_hints
};

/* The signer: one is chosen with Enter; nothing to mark. */
static const enum ui_fn ui_people_one_hints[] = {
	UI_FN_OPEN, UI_FN_SEARCH, UI_FN_NONE
};

static const struct ui_screen_ops ui_people_one_ops = {
	"people", ui_people_title, ui_people_draw, ui_people_action, NULL,
	NULL, ui_people_free, ui_people_one_hints
};

/* Push the picker PP (its mode and callers' fields set) and start the
   worker that fetches the people. */
static void
ui_people_start(struct ui *ui, struct ui_people *pp)
{
	struct ui_people_job	*j;

	pp->loading = true;
	pp->alive = true;
	ui_list_init(&pp->list);
	pp->list.columns = pp->mode == UI_PEOPLE_ASSIGN ? ui_people_columns :
	    ui_people_mark_columns;
	pp->list.ncolumns = 3;
	pp->list.ctx = pp;
	pp->list.cell = ui_people_cell;
	pp->list.row_text = ui_people_text;
	pp->list.row_attr = ui_people_attr;
	pp->list.empty = _("Fetching the list of people...");
	ui_push(ui, pp->mode == UI_PEOPLE_SIGNER ? &ui_people_one_ops :
	    &ui_people_ops, pp);
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->pp = pp;
	ui_job_start(ui, _("Fetching people"), ui_people_run,
	    ui_people_loaded, j);
}

void
ui_people_open(struct ui *ui, enum ui_people_mode mode, const char *id)
{
	struct ui_people	*pp;

	if (ui->opt->offline) {
		ui_error(ui, _("The list of people needs the server; vanthu "
		    "is offline"));
		return;
	}
	pp = xcalloc(1, sizeof *pp);
	pp->mode = mode;
	pp->id = xstrdup(id);
	ui_people_start(ui, pp);
}

void
ui_people_choose(struct ui *ui, enum ui_people_mode mode,
    const char *const *skip, size_t nskip, const char *const *marked,
    size_t nmarked, ui_people_fn done, void *arg)
{
	struct ui_people	*pp = xcalloc(1, sizeof *pp);

	pp->mode = mode;
	pp->done = done;
	pp->arg = arg;
	pp->skip = ui_people_names(skip, nskip);
	pp->nskip = nskip;
	pp->marked = ui_people_names(marked, nmarked);
	pp->nmarked = nmarked;
	ui_people_start(ui, pp);
}
