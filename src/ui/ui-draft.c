/*
 * vanthu: the draft view: the draft's metadata, reviewers, versions and
 * annotations, then the text of its current version page by page.  The
 * cursor line is what an annotation anchors to (its page and the quoted
 * line).  From here: annotate, approve, return with a reason, and sign
 * (ui-sign.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/cache.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/model.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-draft.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-screens.h"

static const char *
ui_draft_title(struct ui *ui, struct ui_screen *s)
{
	struct ui_draft	*d = s->data;

	(void)ui;
	snprintf(d->title, sizeof d->title, "%s %s", _("Draft"),
	    d->have ? (d->draft.code_notation[0] != '\0' ?
	    d->draft.code_notation : d->draft.type_name) : d->id);
	return d->title;
}

static void
ui_draft_meta(struct ui_pager *p, const char *label, const char *value)
{
	char	*line;

	if (value == NULL || *value == '\0')
		return;
	line = xasprintf("%s: %s", label, value);
	ui_pager_add(p, line, 0, A_NORMAL);
	free(line);
}

/* Add TEXT's lines to P (of PAGE, in ATTR), the second and later ones
   indented by INDENT; the first too when it is the note alone. */
static void
ui_draft_add_indented(struct ui_pager *p, const char *text, int page,
    const char *indent, attr_t attr)
{
	const char	*s = text, *nl, *first = page == 0 ? indent : "";
	char		*line;

	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		line = xasprintf("%s%.*s", s == text ? first : indent,
		    (int)(nl - s), s);
		ui_pager_add(p, line, page, attr);
		free(line);
	}
	line = xasprintf("%s%s", s == text ? first : indent, s);
	ui_pager_add(p, line, page, attr);
	free(line);
}

/* Whether annotation A is on the draft's current version. */
static bool
ui_draft_note_current(const struct vt_draft *d, const struct vt_annotation *a)
{
	return !d->has_current || a->version_id == NULL ||
	    strcmp(a->version_id, d->current_version.id) == 0;
}

/* The annotations of the current version, by page. */
static void
ui_draft_annotations(struct ui_pager *p, const struct vt_draft *d)
{
	size_t	i, n = 0;
	char	*line, when[32];

	for (i = 0; i < d->nannotations; i++) {
		const struct vt_annotation *a = &d->annotations[i];

		if (!ui_draft_note_current(d, a))
			continue;
		if (n++ == 0) {
			ui_pager_add(p, "", 0, A_NORMAL);
			ui_pager_add(p, _("Annotations on this version:"), 0,
			    A_BOLD);
		}
		ui_doc_time(when, sizeof when, a->created_at);
		line = xasprintf(_("  page %d, %s, %s:"), a->page,
		    a->author.full_name, when);
		ui_pager_add(p, line, 0, A_BOLD);
		free(line);
		if (a->quote != NULL && *a->quote != '\0') {
			line = xasprintf("    \"%s\"", a->quote);
			ui_pager_add_text(p, line, 0, A_NORMAL);
			free(line);
		}
		ui_draft_add_indented(p, a->note, 0, "    ", A_NORMAL);
	}
}

/* Where the annotations go inside the text: for each annotation of
   the current version, the line of its page it follows (-1: the top of
   the page; -2: not on a page shown). */
struct ui_draft_place {
	struct ui_draft	*dv;
	int		*line;
};

static void
ui_draft_mark_notes(struct ui_draft *dv, int from)
{
	int	i;

	if (dv->pager.nlines > dv->nnote_lines) {
		dv->note_lines = xreallocarray(dv->note_lines,
		    (size_t)dv->pager.nlines, sizeof *dv->note_lines);
		for (i = dv->nnote_lines; i < dv->pager.nlines; i++)
			dv->note_lines[i] = i >= from;
		dv->nnote_lines = dv->pager.nlines;
	}
}

/* ui_doc_line_fn: after line LINE of PAGE, the annotations placed
   there, set off from the text. */
static void
ui_draft_note_after(struct ui_pager *p, int page, int line, void *arg)
{
	struct ui_draft_place	*pl = arg;
	const struct vt_draft	*d = &pl->dv->draft;
	char			*text, when[32];
	size_t			 i;
	int			 from;

	for (i = 0; i < d->nannotations; i++) {
		const struct vt_annotation *a = &d->annotations[i];

		if (a->page != page || pl->line[i] != line ||
		    !ui_draft_note_current(d, a))
			continue;
		ui_draft_mark_notes(pl->dv, p->nlines);
		from = p->nlines;
		ui_doc_time(when, sizeof when, a->created_at);
		text = xasprintf(_("    >> Annotation by %s (%s): %s"),
		    a->author.full_name, when, a->note);
		ui_draft_add_indented(p, text, page, "       ", A_BOLD);
		free(text);
		ui_draft_mark_notes(pl->dv, from);
	}
}

/* The draft's text, page by page, with its annotations inside it. */
static void
ui_draft_text(struct ui *ui, struct ui_draft *dv)
{
	const struct vt_draft	*d = &dv->draft;
	const struct ui_doctext	*t = &dv->text;
	struct ui_draft_place	 pl;
	const char		*page;
	size_t			 i;

	pl.dv = dv;
	pl.line = xcalloc(d->nannotations + 1, sizeof *pl.line);
	for (i = 0; i < d->nannotations; i++) {
		const struct vt_annotation *a = &d->annotations[i];

		if (a->page < 1 || a->page > t->npages) {
			pl.line[i] = -2;
			continue;
		}
		page = t->show_conv && t->conv != NULL ? t->conv[a->page - 1] :
		    t->pages[a->page - 1];
		pl.line[i] = vt_annotation_line(page, a->quote);
	}
	ui_doc_add_text_notes(ui, &dv->pager, t, ui_draft_note_after, &pl);
	ui_draft_mark_notes(dv, dv->pager.nlines);
	free(pl.line);
}

void
ui_draft_fill(struct ui *ui, struct ui_draft *dv)
{
	struct ui_pager		*p = &dv->pager;
	const struct vt_draft	*d = &dv->draft;
	const char		*reason;
	char			 buf[512], date[16], *turn;
	size_t			 i;

	ui_pager_clear(p);
	dv->nnote_lines = 0;
	if (!dv->have) {
		ui_pager_add(p, _("Loading the draft..."), 0, A_NORMAL);
		return;
	}
	ui_pager_add(p, d->subject, 0, A_BOLD);
	ui_pager_add(p, "", 0, A_NORMAL);
	if (d->code_number[0] != '\0')
		snprintf(buf, sizeof buf, "%s/%s", d->code_number,
		    d->code_notation);
	else
		snprintf(buf, sizeof buf, "%s", d->code_notation);
	ui_draft_meta(p, _("Number, notation"), buf);
	ui_draft_meta(p, _("Type"), d->type_name);
	ui_draft_meta(p, _("State"), ui_draft_state_name(d->state));
	turn = vt_draft_turn(d);
	ui_draft_meta(p, _("Next"), turn);
	free(turn);
	if ((reason = vt_draft_return_reason(d)) != NULL) {
		char *line = xasprintf("%s: %s", _("Reason returned"), reason);

		ui_pager_add_text(p, line, 0, A_BOLD);
		free(line);
	}
	ui_draft_meta(p, _("Drafted by"), d->drafter.full_name);
	snprintf(buf, sizeof buf, "%s %s %s", d->signer_competence,
	    d->signer_position, d->signer.full_name);
	ui_draft_meta(p, _("To be signed by"), buf);
	ui_draft_meta(p, _("Urgency"), vt_urgency_name(d->urgency));
	ui_doc_date(date, sizeof date, d->due_date);
	ui_draft_meta(p, _("Deadline"), date);
	for (i = 0; i < d->nreviewers; i++) {
		snprintf(buf, sizeof buf, "%s: %s", d->reviewers[i].person.
		    full_name, d->reviewers[i].approved_at != NULL ?
		    _("approved") : _("not yet"));
		ui_draft_meta(p, _("Reviewer"), buf);
	}
	if (d->has_current) {
		const struct vt_version *v = &d->current_version;

		snprintf(buf, sizeof buf, ngettext("%d (%s), %d page, "
		    "SHA-256 %.16s...", "%d (%s), %d pages, SHA-256 %.16s...",
		    (unsigned long)v->page_amount), v->number, v->filename,
		    v->page_amount, v->sha256);
		ui_draft_meta(p, _("Version"), buf);
		for (i = 0; i < v->nsignatures; i++) {
			snprintf(buf, sizeof buf, "%s (%s)",
			    v->signatures[i].common_name,
			    vt_sig_owner_parse(v->signatures[i].kind) ==
			    VT_SIG_AGENCY ?
			    _("agency") : _("personal"));
			ui_draft_meta(p, _("Signed by"), buf);
		}
	}
	ui_draft_annotations(p, d);
	ui_draft_text(ui, dv);
}

static void
ui_draft_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_pager_draw(&((struct ui_draft *)s->data)->pager, w);
}

static void	ui_draft_set_ops(struct ui *ui, struct ui_draft *dv);

static void
ui_draft_loaded(struct ui *ui, void *owner, struct ui_doc_job *j)
{
	struct ui_draft		*dv = owner;
	struct ui_screen	*s;

	dv->job = NULL;
	if (j->have_draft) {
		vt_draft_clear(&dv->draft);
		dv->draft = j->draft_obj;
		memset(&j->draft_obj, 0, sizeof j->draft_obj);
		dv->have = true;
	}
	ui_doctext_take(&dv->text, &j->text);
	ui_draft_fill(ui, dv);
	ui_draft_set_ops(ui, dv);
	for (s = ui->top; s != NULL; s = s->below)
		if (s->data == dv)
			s->ops = &dv->ops;
	ui_doc_job_report(ui, j);
	ui->dirty_body = ui->dirty_title = ui->dirty_keys = true;
}

static void
ui_draft_queue(struct ui *ui, struct vt_act *act, const char *msg)
{
	ui_app_queue(ui, &act->spec, msg);
	vt_act_clear(act);
}

/* The steps I may take on the draft now (vt_draft_steps). */
static unsigned
ui_draft_steps(struct ui *ui, const struct ui_draft *dv)
{
	const struct vt_session	*sess = ui_app(ui)->client != NULL ?
				    vt_client_session(ui_app(ui)->client) : NULL;

	return vt_draft_steps(&dv->draft, sess != NULL ? sess->username :
	    NULL, vt_user_role_parse(sess != NULL ? sess->role : NULL));
}

/* Whether I may annotate the draft now (vt_draft_annotate_check). */
static vt_code
ui_draft_annotate_check(struct ui *ui, const struct ui_draft *dv,
    struct vt_errbuf *eb)
{
	const struct vt_session	*sess = ui_app(ui)->client != NULL ?
				    vt_client_session(ui_app(ui)->client) : NULL;

	return vt_draft_annotate_check(&dv->draft, sess != NULL ?
	    sess->username : NULL, vt_user_role_parse(sess != NULL ?
	    sess->role : NULL), eb);
}

/* Whether pager line L is an annotation shown inside the text. */
static bool
ui_draft_is_note(const struct ui_draft *dv, const struct ui_pline *l)
{
	int	i = (int)(l - dv->pager.lines);

	return i >= 0 && i < dv->nnote_lines && dv->note_lines[i];
}

static void
ui_draft_annotate(struct ui *ui, struct ui_draft *dv)
{
	const struct ui_pline	*l = ui_pager_cursor_text(&dv->pager);
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_act		 act;
	char			*note, *quote, label[200];

	if (!dv->have || !dv->draft.has_current) {
		ui_error(ui, _("The draft is not loaded yet"));
		return;
	}
	if (ui_draft_annotate_check(ui, dv, &eb) != VT_OK) {
		/* The reason alone: it fits the message line. */
		ui_error(ui, "%s", eb.detail);
		return;
	}
	if (l == NULL || l->page <= 0 || ui_draft_is_note(dv, l)) {
		ui_error(ui, _("Move the cursor (%s %s) onto a line of the "
		    "text to annotate it"), ui_key_name(KEY_UP),
		    ui_key_name(KEY_DOWN));
		return;
	}
	snprintf(label, sizeof label, _("Note on page %d (^E: editor): "),
	    l->page);
	note = ui_prompt_text(ui, label);
	if (note == NULL) {
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	/* The rule line of a page quotes nothing. */
	quote = strncmp(l->text, "------", 6) == 0 ? xstrdup("") :
	    xstrdup(l->text);
	vt_act_annotate(&act, dv->id, dv->draft.current_version.id, l->page,
	    quote, note);
	ui_draft_queue(ui, &act, _("Annotation queued"));
	free(quote);
	free(note);
}

/*
 * Whether I may approve the draft now (as the server decides: a
 * reviewer who has not approved yet while it is in review, the signer
 * when it awaits the signer); says why not on the status line.
 */
static bool
ui_draft_can_approve(struct ui *ui, const struct ui_draft *dv)
{
	const struct vt_draft	*d = &dv->draft;
	const struct vt_session	*sess = ui_app(ui)->client != NULL ?
				    vt_client_session(ui_app(ui)->client) : NULL;
	const char		*me = sess != NULL ? sess->username : NULL;
	bool			 mine_done = dv->approved;
	size_t			 i;

	for (i = 0; me != NULL && i < d->nreviewers; i++) {
		if (d->reviewers[i].person.username != NULL &&
		    strcmp(d->reviewers[i].person.username, me) == 0 &&
		    d->reviewers[i].approved_at != NULL)
			mine_done = true;
	}
	if ((d->my_roles & VT_ROLE_SIGNER) &&
	    vt_draft_state_of(d) == VT_DRAFT_APPROVED)
		mine_done = true;
	if (mine_done) {
		ui_error(ui, _("You have already approved this draft"));
		return false;
	}
	if ((vt_draft_state_of(d) == VT_DRAFT_IN_REVIEW &&
	    (d->my_roles & VT_ROLE_REVIEWER)) ||
	    (vt_draft_state_of(d) == VT_DRAFT_AWAITING_SIGNER &&
	    (d->my_roles & VT_ROLE_SIGNER)))
		return true;
	ui_error(ui, _("This draft is not awaiting your approval (state: %s)"),
	    ui_draft_state_name(d->state));
	return false;
}

static void
ui_draft_approve(struct ui *ui, struct ui_draft *dv)
{
	struct vt_act	act;
	char		q[400];

	if (!dv->have || !ui_draft_can_approve(ui, dv))
		return;
	snprintf(q, sizeof q, _("Approve the draft \"%.60s\"?"),
	    dv->draft.subject);
	if (!ui_confirm(ui, q))
		return;
	vt_act_approve(&act, dv->id, NULL);
	ui_draft_queue(ui, &act, _("Approval queued"));
	dv->approved = true;
	ui_draft_set_ops(ui, dv);
	ui->dirty_keys = true;
}

static void
ui_draft_return(struct ui *ui, struct ui_draft *dv)
{
	struct vt_act	 act;
	char		*reason, q[400];

	if (!dv->have)
		return;
	if (!(ui_draft_steps(ui, dv) & VT_STEP_RETURN)) {
		ui_error(ui, _("This draft cannot be returned by you now "
		    "(state: %s)"), ui_draft_state_name(dv->draft.state));
		return;
	}
	reason = ui_prompt_text(ui, _("Reason for returning (^E: editor): "));
	if (reason == NULL) {
		ui_message(ui, _("A reason is needed: nothing was done"));
		return;
	}
	snprintf(q, sizeof q, _("Return to the drafter: \"%.60s\"?"),
	    dv->draft.subject);
	if (ui_confirm(ui, q)) {
		vt_act_draft_return(&act, dv->id, reason);
		ui_draft_queue(ui, &act, _("Return queued"));
	}
	free(reason);
}

static void
ui_draft_history(struct ui *ui, struct ui_draft *dv)
{
	struct ui_pager	 p;

	if (!dv->have)
		return;
	ui_pager_init(&p);
	ui_pager_add(&p, _("Processing history"), 0, A_BOLD);
	ui_doc_history_add(&p, dv->draft.history, dv->draft.nhistory);
	ui_textview_open(ui, _("History of the draft"), &p);
}

static bool
ui_draft_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_draft	*dv = s->data;

	switch (fn) {
	case UI_FN_ANNOTATE:
	case UI_FN_COMMENT:
		ui_draft_annotate(ui, dv);
		return true;
	case UI_FN_APPROVE:
		ui_draft_approve(ui, dv);
		return true;
	case UI_FN_RETURN:
		ui_draft_return(ui, dv);
		return true;
	case UI_FN_SIGN:
		ui_sign_start(ui, dv);
		return true;
	case UI_FN_REVISE:
		if (dv->have)
			ui_compose_revise(ui, &dv->draft);
		return true;
	case UI_FN_HISTORY:
		ui_draft_history(ui, dv);
		return true;
	case UI_FN_DIFF:
		ui_diff_open(ui, dv);
		return true;
	case UI_FN_DOSSIER_ADD:
		ui_dossier_pick(ui, dv->id);
		return true;
	case UI_FN_EXTEND:
		ui_ltv_extend(ui, dv->text.pdf_path, dv->have &&
		    dv->draft.has_current ? dv->draft.current_version.filename :
		    NULL);
		return true;
	case UI_FN_CONVERT:
		if (ui_doctext_toggle(ui, &dv->text)) {
			ui_draft_fill(ui, dv);
			ui->dirty_body = true;
		}
		return true;
	case UI_FN_SYNC:
		if (dv->job == NULL)
			dv->job = ui_doc_load(ui, dv->id, true,
			    ui_draft_loaded, dv);
		return true;
	default:
		return ui_pager_action(ui, &dv->pager, fn);
	}
}

static void
ui_draft_reload(struct ui *ui, struct ui_screen *s)
{
	struct ui_draft	*dv = s->data;

	/* After a sync (an action sent): fetch the new state. */
	if (dv->job == NULL && !ui->opt->offline && !dv->signing)
		dv->job = ui_doc_load(ui, dv->id, true, ui_draft_loaded, dv);
}

static void
ui_draft_free(struct ui_screen *s)
{
	struct ui_draft	*dv = s->data;

	if (dv->job != NULL)
		ui_doc_job_orphan(dv->job);
	ui_sign_forget(dv);
	vt_draft_clear(&dv->draft);
	ui_doctext_free(&dv->text);
	ui_pager_free(&dv->pager);
	free(dv->note_lines);
	free(dv->id);
	free(dv);
}

/* The functions every draft view offers, after its steps. */
static const enum ui_fn ui_draft_common_hints[] = {
	UI_FN_SEARCH, UI_FN_NEXT_PAGE, UI_FN_HISTORY, UI_FN_EXTEND,
	UI_FN_DOSSIER_ADD, UI_FN_NONE
};

static const struct ui_screen_ops ui_draft_ops = {
	"draft", ui_draft_title, ui_draft_draw, ui_draft_action, NULL,
	ui_draft_reload, ui_draft_free, ui_draft_common_hints
};

/*
 * The screen's operations for the draft as far as it is known: its
 * hints offer only the steps its state allows me (vt_draft_steps), the
 * new version first on my own draft; nothing of the kind while it is
 * not loaded.
 */
static void
ui_draft_set_ops(struct ui *ui, struct ui_draft *dv)
{
	unsigned	steps = dv->have ? ui_draft_steps(ui, dv) : 0;
	size_t		n = 0, i;

	if (steps & VT_STEP_REVISE)
		dv->hints[n++] = UI_FN_REVISE;
	if (dv->have && (dv->draft.my_roles & VT_ROLE_DRAFTER))
		dv->hints[n++] = UI_FN_DIFF;
	if (steps & VT_STEP_ANNOTATE)
		dv->hints[n++] = UI_FN_ANNOTATE;
	if ((steps & VT_STEP_APPROVE) && !dv->approved)
		dv->hints[n++] = UI_FN_APPROVE;
	if (steps & VT_STEP_RETURN)
		dv->hints[n++] = UI_FN_RETURN;
	if (steps & (VT_STEP_SIGN | VT_STEP_AGENCY_SIGN))
		dv->hints[n++] = UI_FN_SIGN;
	for (i = 0; ui_draft_common_hints[i] != UI_FN_NONE; i++)
		dv->hints[n++] = ui_draft_common_hints[i];
	dv->hints[n] = UI_FN_NONE;
	dv->ops = ui_draft_ops;
	dv->ops.hints = dv->hints;
}

void
ui_draft_open(struct ui *ui, const char *id)
{
	struct ui_draft	*dv = xcalloc(1, sizeof *dv);
	struct ui_app	*app = ui_app(ui);

	dv->id = xstrdup(id);
	ui_pager_init(&dv->pager);
	dv->pager.show_cursor = true;
	if (app->cache != NULL &&
	    vt_cache_draft_load(app->cache, id, &dv->draft, NULL) == VT_OK)
		dv->have = true;
	ui_draft_fill(ui, dv);
	ui_draft_set_ops(ui, dv);
	ui_push(ui, &dv->ops, dv);
	dv->job = ui_doc_load(ui, id, true, ui_draft_loaded, dv);
}
