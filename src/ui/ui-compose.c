/*
 * vanthu: the form of a new draft: the file (chosen by path, Tab
 * completes) and the Decree 30 metadata in fields and pickers (type
 * with its abbreviation, urgency, competence; the signer among the
 * leaders and the reviewers from the people picker of ui-people.c, or
 * typed offline), the boxes of the number and date fields when the
 * drafter gives them, checked by the core (vt_draft_meta_check) and
 * queued in the outbox with the file (vt_act_draft_new), as "vanthu
 * draft new" does.  Also the new version of a returned draft
 * (ui_compose_revise, after vt_draft_revise_check).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/doctype.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/text.h"
#include "vanthu/users.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-draft.h"
#include "ui-int.h"
#include "ui-people.h"
#include "ui-pick.h"
#include "ui-screens.h"

enum ui_field {
	F_FILE, F_TYPE, F_SUBJECT, F_URGENCY, F_DUE, F_SIGNER, F_REVIEWERS,
	F_COMPETENCE, F_POSITION, F_RECIPIENTS, F_NUMBOX, F_DATEBOX, F_SEND,
	F_COUNT
};

static const char *const ui_field_names[F_COUNT] = {
	N_("File (PDF)"), N_("Document type"), N_("Subject"), N_("Urgency"),
	N_("Deadline"), N_("Signer"), N_("Reviewers"), N_("Competence"),
	N_("Position line"), N_("Recipients"), N_("Number field box"),
	N_("Date field box"), N_("Send the draft")
};

struct ui_compose {
	char			*file;
	const struct vt_doctype	*type;
	char			*subject;
	int			 urgency;
	char			*due;		/* as typed, dd/mm/yyyy */
	char			*signer;	/* username */
	char			**reviewers;
	size_t			 nreviewers;
	const char		*competence;
	char			*position;
	char			*recipients;	/* "A; B; C" */
	/* Where the empty number and date fields go, as typed
	   ("X,Y,W,H"), or NULL: found from the text of page 1. */
	char			*boxes[2];
	/* The people chosen in the picker so far (name, role, position),
	   to show their names and check the signer is a leader. */
	struct vt_person	*known;
	size_t			 nknown;
	struct ui_list		 list;
	char			 cell[600];
};

static const struct ui_column ui_compose_columns[] = {
	{ N_("Field"), 16, 0, UI_ALIGN_LEFT, 0 },
	{ N_("Value"), 0, 10, UI_ALIGN_LEFT, 0 },
};

static const struct vt_person *
ui_compose_user(const struct ui_compose *c, const char *username)
{
	size_t	i;

	for (i = 0; username != NULL && i < c->nknown; i++)
		if (strcmp(c->known[i].username, username) == 0)
			return &c->known[i];
	return NULL;
}

/* Remember P (from the picker) among the known people. */
static void
ui_compose_know(struct ui_compose *c, const struct vt_person *p)
{
	struct vt_person	*k;

	if (p == NULL || ui_compose_user(c, p->username) != NULL)
		return;
	c->known = xreallocarray(c->known, c->nknown + 1, sizeof *c->known);
	k = &c->known[c->nknown++];
	k->username = xstrdup(p->username);
	k->full_name = xstrdup(p->full_name != NULL ? p->full_name :
	    p->username);
	k->role = p->role != NULL ? xstrdup(p->role) : NULL;
	k->position = p->position != NULL ? xstrdup(p->position) : NULL;
}

/* Whether the signer and every reviewer were chosen in the picker. */
static bool
ui_compose_all_known(const struct ui_compose *c)
{
	size_t	i;

	if (c->signer != NULL && ui_compose_user(c, c->signer) == NULL)
		return false;
	for (i = 0; i < c->nreviewers; i++)
		if (ui_compose_user(c, c->reviewers[i]) == NULL)
			return false;
	return true;
}

/* "Full Name (username)", or the username alone when unknown. */
static void
ui_compose_person(struct ui_compose *c, struct vt_buf *b, const char *name)
{
	const struct vt_person	*p = ui_compose_user(c, name);

	if (b->len > 0)
		vt_buf_puts(b, ", ");
	if (p != NULL)
		vt_buf_printf(b, "%s (%s)", p->full_name, p->username);
	else
		vt_buf_puts(b, name);
}

static const char *
ui_compose_value(struct ui_compose *c, int row)
{
	struct vt_buf	b;
	size_t		i;

	vt_buf_init(&b);
	switch (row) {
	case F_FILE: vt_buf_puts(&b, c->file != NULL ? c->file : ""); break;
	case F_TYPE:
		if (c->type != NULL)
			vt_buf_printf(&b, "%s – %s", c->type->code[0] != '\0' ?
			    c->type->code : "\"\"", c->type->name);
		break;
	case F_SUBJECT:
		vt_buf_puts(&b, c->subject != NULL ? c->subject : "");
		break;
	case F_URGENCY: vt_buf_puts(&b, vt_urgency_name(c->urgency)); break;
	case F_DUE: vt_buf_puts(&b, c->due != NULL ? c->due : ""); break;
	case F_SIGNER:
		if (c->signer != NULL)
			ui_compose_person(c, &b, c->signer);
		break;
	case F_REVIEWERS:
		for (i = 0; i < c->nreviewers; i++)
			ui_compose_person(c, &b, c->reviewers[i]);
		break;
	case F_COMPETENCE:
		vt_buf_puts(&b, c->competence != NULL && *c->competence ?
		    c->competence : _("(none)"));
		break;
	case F_POSITION:
		vt_buf_puts(&b, c->position != NULL ? c->position : "");
		break;
	case F_RECIPIENTS:
		vt_buf_puts(&b, c->recipients != NULL ? c->recipients : "");
		break;
	case F_NUMBOX:
	case F_DATEBOX:
		vt_buf_puts(&b, c->boxes[row - F_NUMBOX] != NULL ?
		    c->boxes[row - F_NUMBOX] : _("(found from the \"Số:\" "
		    "and date lines of page 1)"));
		break;
	default:
		vt_buf_printf(&b, _("press %s here, or %s anywhere"),
		    ui_key_name('\r'), ui_key_name(ui_keys_key_for("compose",
		    UI_FN_SEND_DRAFT)));
		break;
	}
	snprintf(c->cell, sizeof c->cell, "%s", b.data != NULL ? b.data : "");
	vt_buf_free(&b);
	return c->cell;
}

static const char *
ui_compose_cell(void *ctx, int row, int col)
{
	if (col == 0)
		return _(ui_field_names[row]);
	return ui_compose_value(ctx, row);
}

static const char *
ui_compose_text(void *ctx, int row)
{
	(void)ctx;
	return _(ui_field_names[row]);
}

static const char *
ui_compose_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	(void)s;
	return _("New draft");
}

static void
ui_compose_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_list_draw(&((struct ui_compose *)s->data)->list, w);
}

/* ---- Pickers ------------------------------------------------------- */

static void
ui_compose_type_done(struct ui *ui, void *arg, int chosen, const bool *m)
{
	struct ui_compose	*c = arg;

	(void)m;
	c->type = &vt_doctypes(NULL)[chosen];
	ui->dirty_body = true;
}

static void
ui_compose_pick_type(struct ui *ui, struct ui_compose *c)
{
	const struct vt_doctype	*t = vt_doctypes(NULL);
	char			**labels;
	size_t			 n, i;
	int			 sel = 0;

	vt_doctypes(&n);
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++) {
		labels[i] = xasprintf("%-4s %s", t[i].code[0] != '\0' ?
		    t[i].code : "", t[i].name);
		if (c->type == &t[i])
			sel = (int)i;
	}
	ui_pick_open(ui, _("Document type (Decree 30, Appendix III)"),
	    (const char *const *)labels, n, false, NULL, sel,
	    ui_compose_type_done, c);
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

static void
ui_compose_urgency_done(struct ui *ui, void *arg, int chosen, const bool *m)
{
	(void)m;
	((struct ui_compose *)arg)->urgency = chosen;
	ui->dirty_body = true;
}

static void
ui_compose_competence_done(struct ui *ui, void *arg, int chosen,
    const bool *m)
{
	(void)m;
	((struct ui_compose *)arg)->competence = vt_competences()[chosen];
	ui->dirty_body = true;
}

static void
ui_compose_pick_small(struct ui *ui, struct ui_compose *c, bool urgency)
{
	const char	*labels[6];
	size_t		 i;

	if (urgency) {
		for (i = 0; i < 5; i++)
			labels[i] = vt_urgency_name((int)i);
		ui_pick_open(ui, _("Urgency"), labels, 5, false, NULL,
		    c->urgency, ui_compose_urgency_done, c);
		return;
	}
	for (i = 0; vt_competences()[i] != NULL; i++)
		labels[i] = *vt_competences()[i] != '\0' ?
		    vt_competences()[i] : _("(none)");
	ui_pick_open(ui, _("Competence of the signer"), labels, i, false,
	    NULL, 0, ui_compose_competence_done, c);
}

static void	ui_compose_type_person(struct ui *ui, struct ui_compose *c,
		    bool signer);

static void
ui_compose_signer_done(struct ui *ui, void *arg,
    const struct ui_person_choice *chosen, size_t n)
{
	struct ui_compose	*c = arg;
	const struct vt_person	*p;

	if (chosen == NULL) {
		ui_compose_type_person(ui, c, true);
		return;
	}
	if (n == 0)
		return;
	p = chosen[0].person;
	ui_compose_know(c, p);
	free(c->signer);
	c->signer = xstrdup(p->username);
	if (c->position == NULL && p->position != NULL)
		c->position = xstrdup(p->position);
	ui->dirty_body = true;
}

static void
ui_compose_reviewers_done(struct ui *ui, void *arg,
    const struct ui_person_choice *chosen, size_t n)
{
	struct ui_compose	*c = arg;
	size_t			 i;

	if (chosen == NULL) {
		ui_compose_type_person(ui, c, false);
		return;
	}
	for (i = 0; i < c->nreviewers; i++)
		free(c->reviewers[i]);
	c->nreviewers = 0;
	c->reviewers = xreallocarray(c->reviewers, n + 1,
	    sizeof *c->reviewers);
	for (i = 0; i < n; i++) {
		ui_compose_know(c, chosen[i].person);
		c->reviewers[c->nreviewers++] = xstrdup(chosen[i].username);
	}
	ui->dirty_body = true;
}

/* Without the list of people (offline): a user name typed. */
static void
ui_compose_type_person(struct ui *ui, struct ui_compose *c, bool signer)
{
	char	*name;

	name = ui_prompt(ui, signer ? _("Signer (a leader's user name): ") :
	    _("Reviewer's user name: "), NULL, false, NULL, NULL);
	if (name == NULL || *name == '\0') {
		free(name);
		return;
	}
	if (signer) {
		free(c->signer);
		c->signer = name;
	} else {
		c->reviewers = xreallocarray(c->reviewers, c->nreviewers + 1,
		    sizeof *c->reviewers);
		c->reviewers[c->nreviewers++] = name;
	}
	ui->dirty_body = true;
}

/* The signer or the reviewers from the people picker (ui-people.c);
   offline, a user name typed. */
static void
ui_compose_pick_people(struct ui *ui, struct ui_compose *c, bool signer)
{
	const struct vt_session	*me = vt_client_session(ui_app(ui)->client);
	const char		*skip[2];
	size_t			 nskip = 0;

	if (ui->opt->offline) {
		ui_compose_type_person(ui, c, signer);
		return;
	}
	/* Neither I nor the signer may review; I may not sign. */
	if (me != NULL && me->username != NULL)
		skip[nskip++] = me->username;
	if (!signer && c->signer != NULL)
		skip[nskip++] = c->signer;
	if (signer)
		ui_people_choose(ui, UI_PEOPLE_SIGNER, skip, nskip, NULL, 0,
		    ui_compose_signer_done, c);
	else
		ui_people_choose(ui, UI_PEOPLE_REVIEWERS, skip, nskip,
		    (const char *const *)c->reviewers, c->nreviewers,
		    ui_compose_reviewers_done, c);
}

/* ---- Fields typed in ------------------------------------------------ */

static void
ui_compose_edit(struct ui *ui, char **field, const char *label)
{
	char	*v = ui_prompt(ui, label, *field, false, NULL, NULL);

	if (v == NULL)
		return;
	free(*field);
	*field = *v != '\0' ? v : NULL;
	if (*v == '\0')
		free(v);
	ui->dirty_body = true;
}

static void
ui_compose_due(struct ui *ui, struct ui_compose *c)
{
	char	iso[11];

	ui_compose_edit(ui, &c->due, _("Deadline (dd/mm/yyyy): "));
	if (c->due != NULL && vt_date_parse(c->due, iso, NULL) != VT_OK)
		ui_error(ui, _("Not a date: write it as dd/mm/yyyy, for "
		    "example 05/12/2026"));
}

/* The box of the number (WHICH 0) or date (1) field, as the drafter
   types it; checked at once. */
static void
ui_compose_box(struct ui *ui, struct ui_compose *c, int which)
{
	struct vt_errbuf	eb;
	struct vt_numbox	box;

	ui_compose_edit(ui, &c->boxes[which], which == 0 ? _("Number field "
	    "box, X,Y,W,H in points from the top left of page 1 (empty: "
	    "found from the text): ") : _("Date field box, X,Y,W,H in "
	    "points from the top left of page 1 (empty: found from the "
	    "text): "));
	memset(&eb, 0, sizeof eb);
	if (c->boxes[which] != NULL &&
	    vt_draft_box_parse(c->boxes[which], &box, &eb) != VT_OK)
		ui_app_error(ui, &eb);
}

static void
ui_compose_file(struct ui *ui, struct ui_compose *c)
{
	char	*v = ui_prompt_path(ui, _("File (Tab completes): "), c->file);

	if (v == NULL)
		return;
	free(c->file);
	c->file = v;
	ui->dirty_body = true;
}

/* ---- Sending -------------------------------------------------------- */

/* Split "A; B" into the recipients list (NFC, trimmed). */
static char **
ui_compose_split(const char *s, size_t *n)
{
	char	**out = NULL, *copy, *tok, *save = NULL, *end;

	*n = 0;
	if (s == NULL)
		return NULL;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, ";", &save); tok != NULL;
	    tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		if (*tok == '\0')
			continue;
		out = xreallocarray(out, *n + 1, sizeof *out);
		out[(*n)++] = xstrdup(tok);
	}
	free(copy);
	return out;
}

/* The numbering fields added to RAW into PDF: in the drafter's boxes
   when given, else where the text of page 1 says. */
static vt_code
ui_compose_fields(const struct ui_compose *c, const struct vt_buf *raw,
    struct vt_buf *pdf, bool *added, struct vt_errbuf *eb)
{
	struct vt_numbox	box[2];
	bool			have[2];
	int			i;

	for (i = 0; i < 2; i++) {
		have[i] = c->boxes[i] != NULL;
		if (have[i] && vt_draft_box_parse(c->boxes[i], &box[i], eb) !=
		    VT_OK)
			return VT_ERR_INVALID;
	}
	if (!have[0] && !have[1])
		return vt_draft_submit_fields(raw->data, raw->len, pdf, added,
		    eb);
	return vt_draft_submit_fields_at(raw->data, raw->len,
	    have[0] ? &box[0] : NULL, have[1] ? &box[1] : NULL, pdf, added,
	    eb);
}

static bool
ui_compose_queue(struct ui *ui, struct ui_compose *c,
    const struct vt_draft_meta *m)
{
	struct vt_errbuf	 eb;
	struct vt_buf		 raw, pdf;
	struct vt_act		 act;
	char			*name = NULL;
	bool			 ok = false, added = false;

	memset(&eb, 0, sizeof eb);
	vt_buf_init(&raw);
	vt_buf_init(&pdf);
	if (vt_draft_file_load(c->file, &raw, &name, &eb) == VT_OK &&
	    ui_compose_fields(c, &raw, &pdf, &added, &eb) == VT_OK &&
	    vt_act_draft_new(&act, m, pdf.data, pdf.len, name, &eb) ==
	    VT_OK) {
		ok = ui_app_queue(ui, &act.spec, added ? _("New draft queued: "
		    "it is sent with its file") : _("New draft queued, without "
		    "number and date fields (no \"Số:\" or date line on page "
		    "1)"));
		vt_act_clear(&act);
	} else
		ui_app_error(ui, &eb);
	free(name);
	vt_buf_free(&raw);
	vt_buf_free(&pdf);
	return ok;
}

static void
ui_compose_send(struct ui *ui, struct ui_compose *c)
{
	struct vt_draft_meta	 m;
	struct vt_errbuf	 eb;
	char			**rec, q[300];
	size_t			 nrec, i;
	bool			 sent = false;

	memset(&eb, 0, sizeof eb);
	if (c->file == NULL) {
		ui_error(ui, _("Choose the file of the draft first"));
		c->list.sel = F_FILE;
		ui->dirty_body = true;
		return;
	}
	memset(&m, 0, sizeof m);
	m.type_code = c->type != NULL ? c->type->code : NULL;
	m.subject = c->subject;
	m.urgency = c->urgency;
	m.due_date = c->due;
	m.signer = c->signer;
	m.reviewers = (const char *const *)c->reviewers;
	m.nreviewers = c->nreviewers;
	m.competence = c->competence;
	m.position = c->position;
	rec = ui_compose_split(c->recipients, &nrec);
	m.recipients = (const char *const *)rec;
	m.nrecipients = nrec;
	if (vt_draft_meta_check(&m, ui_compose_all_known(c) ? c->known : NULL,
	    c->nknown, &eb) != VT_OK)
		ui_app_error(ui, &eb);
	else {
		snprintf(q, sizeof q, _("Send the draft \"%.60s\"?"),
		    c->subject);
		if (ui_confirm(ui, q))
			sent = ui_compose_queue(ui, c, &m);
	}
	for (i = 0; i < nrec; i++)
		free(rec[i]);
	free(rec);
	if (sent)
		ui_pop(ui);
}

static bool
ui_compose_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_compose	*c = s->data;

	if (fn == UI_FN_SEND_DRAFT) {
		ui_compose_send(ui, c);
		return true;
	}
	if (fn != UI_FN_OPEN)
		return ui_list_action(ui, &c->list, fn);
	switch (c->list.sel) {
	case F_FILE: ui_compose_file(ui, c); break;
	case F_TYPE: ui_compose_pick_type(ui, c); break;
	case F_SUBJECT:
		ui_compose_edit(ui, &c->subject, _("Subject (trích yếu): "));
		break;
	case F_URGENCY: ui_compose_pick_small(ui, c, true); break;
	case F_DUE: ui_compose_due(ui, c); break;
	case F_SIGNER: ui_compose_pick_people(ui, c, true); break;
	case F_REVIEWERS: ui_compose_pick_people(ui, c, false); break;
	case F_COMPETENCE: ui_compose_pick_small(ui, c, false); break;
	case F_POSITION:
		ui_compose_edit(ui, &c->position, _("Position line (as "
		    "\"CHỦ TỊCH\"): "));
		break;
	case F_RECIPIENTS:
		ui_compose_edit(ui, &c->recipients, _("Recipients, separated "
		    "by \";\": "));
		break;
	case F_NUMBOX: ui_compose_box(ui, c, 0); break;
	case F_DATEBOX: ui_compose_box(ui, c, 1); break;
	default: ui_compose_send(ui, c); break;
	}
	return true;
}

static void
ui_compose_free(struct ui_screen *s)
{
	struct ui_compose	*c = s->data;
	size_t			 i;

	free(c->file);
	free(c->subject);
	free(c->due);
	free(c->signer);
	for (i = 0; i < c->nreviewers; i++)
		free(c->reviewers[i]);
	free(c->reviewers);
	free(c->position);
	free(c->recipients);
	free(c->boxes[0]);
	free(c->boxes[1]);
	vt_users_free(c->known, c->nknown);
	ui_list_free(&c->list);
	free(c);
}

static const enum ui_fn ui_compose_hints[] = {
	UI_FN_OPEN, UI_FN_SEND_DRAFT, UI_FN_BACK, UI_FN_NONE
};

static const struct ui_screen_ops ui_compose_ops = {
	"compose", ui_compose_title, ui_compose_draw, ui_compose_action,
	NULL, NULL, ui_compose_free, ui_compose_hints
};

void
ui_compose_open(struct ui *ui)
{
	struct ui_compose	*c;

	if (ui_app(ui)->outbox == NULL) {
		ui_error(ui, _("Not logged in: log in first"));
		return;
	}
	c = xcalloc(1, sizeof *c);
	c->competence = "";
	ui_list_init(&c->list);
	c->list.columns = ui_compose_columns;
	c->list.ncolumns = 2;
	c->list.ctx = c;
	c->list.cell = ui_compose_cell;
	c->list.row_text = ui_compose_text;
	ui_list_set_count(&c->list, F_COUNT);
	ui_push(ui, &ui_compose_ops, c);
	ui_message(ui, _("Enter fills in the field under the cursor"));
}

void
ui_compose_revise(struct ui *ui, const struct vt_draft *d)
{
	struct vt_errbuf	 eb;
	struct vt_buf		 raw, pdf;
	struct vt_act		 act;
	char			*path, *name = NULL, q[300];
	bool			 added = false;

	memset(&eb, 0, sizeof eb);
	if (vt_draft_revise_check(d, &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		return;
	}
	path = ui_prompt_path(ui, _("New version, file (Tab completes): "),
	    NULL);
	if (path == NULL || *path == '\0') {
		free(path);
		ui_message(ui, _("Cancelled: nothing was done"));
		return;
	}
	vt_buf_init(&raw);
	vt_buf_init(&pdf);
	if (vt_draft_file_load(path, &raw, &name, &eb) != VT_OK ||
	    vt_draft_submit_fields(raw.data, raw.len, &pdf, &added, &eb) !=
	    VT_OK)
		ui_app_error(ui, &eb);
	else {
		snprintf(q, sizeof q, _("Send %.80s as the new version?"),
		    name);
		if (ui_confirm(ui, q)) {
			vt_act_draft_revise(&act, d->id, pdf.data, pdf.len);
			ui_app_queue(ui, &act.spec, added ? _("New version "
			    "queued: it is sent with its file") : _("New version "
			    "queued, without number and date fields (no \"Số:\" "
			    "or date line on page 1)"));
			vt_act_clear(&act);
		}
	}
	vt_buf_free(&raw);
	vt_buf_free(&pdf);
	free(name);
	free(path);
}
