/*
 * vanthu: signing a draft from the interface.  The interface only
 * gathers answers (the certificate among several, the PIN) and shows
 * results: every check is the core's one draft-signing pipeline
 * (vanthu/sign-draft.h), the same as `vanthu draft sign`.  What you see
 * is what you sign: the file signed is the version the draft view
 * shows, whose SHA-256 must equal the server's version hash.  Steps:
 *   1. a worker prepares (role, hash, page count, vt_pades_check, the
 *      token, the certificate, its PIN state);
 *   2. a confirmation screen shows subject, number, page count, hash
 *      prefix, the PAdES level the signature will have (a key changes
 *      it: B-B, B-T, B-LT, B-LTA), the certificate and the token's PIN
 *      state (or the certificates to choose from);
 *   3. the PIN is typed hidden on the message line, then a worker signs
 *      and verifies with the one policy; the upload is queued in the
 *      outbox and sent.
 * A clerk's signature on a signed draft issues it (the same steps as
 * `vanthu draft issue`): the worker first reserves the number and date
 * on the server, the pipeline's pre-sign hook fills them into the
 * document, the confirmation screen shows them and the recipients (the
 * clerk may add more, as `draft issue --to` does), and leaving the
 * screen without signing gives the number back.
 * A signing that fails (the timestamp authority or an OCSP responder
 * down: nothing is uploaded) keeps the screen with the reason written
 * on it and the token read again, so that a lower level can be chosen
 * and signed at once.
 * The PIN is wiped as soon as the token has it.  One thread at a time
 * uses the token: the curses thread only between the workers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/actions.h"
#include "vanthu/i18n.h"
#include "vanthu/outgoing.h"
#include "vanthu/secret.h"
#include "vanthu/verify.h"
#include "vanthu/sign-draft.h"
#include "vanthu/text.h"
#include "vanthu/tmpclean.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-draft.h"
#include "ui-int.h"
#include "ui-pager.h"

struct ui_sign {
	struct ui			*ui;
	struct ui_draft			*dv;	/* NULL once the view closed */
	bool				 busy;	/* a worker holds it */
	bool				 on_screen;
	/* What the pipeline is given (owned copies). */
	struct vt_draft			 draft;
	struct vt_sign_config		 cfg;
	char				*username;
	enum vt_user_role		 role;
	char				*pdf_path;
	char				*work_dir;	/* locked, removed at
							   the end */
	int				 work_lock;
	/* The pipeline. */
	struct vt_draft_sign		*ds;	/* NULL when reading the
						   token again failed */
	enum vt_level			 level;	/* the level chosen */
	char				*failed; /* why the last try did not
						   sign (safe text), or NULL */
	char				*pin;
	struct vt_act			 act;
	vt_code				 code;
	struct vt_errbuf		 eb;
	struct ui_pager			 pager;
	/* Issuing (a clerk on a signed draft). */
	bool				 issue;
	bool				 reserved;	/* a number is held */
	struct vt_reservation		 res;
	char				**to;	/* recipients the clerk added */
	size_t				 nto;
	struct vt_reservation		 res2;	/* the worker's answer */
};

static void
ui_sign_free(struct ui_sign *sg)
{
	vt_secret_free(sg->pin);
	vt_draft_sign_free(sg->ds);
	free(sg->failed);
	vt_act_clear(&sg->act);
	vt_draft_clear(&sg->draft);
	vt_reservation_clear(&sg->res);
	vt_reservation_clear(&sg->res2);
	while (sg->nto > 0)
		free(sg->to[--sg->nto]);
	free(sg->to);
	vt_sign_config_free(&sg->cfg);
	free(sg->username);
	free(sg->pdf_path);
	if (sg->work_dir != NULL)
		vt_tmp_workdir_remove(sg->work_dir, sg->work_lock);
	free(sg->work_dir);
	ui_pager_free(&sg->pager);
	free(sg);
}

static char *
ui_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* What the pipeline reads of the draft, copied: the view may reload
   its draft while a worker prepares. */
static void
ui_sign_copy_draft(struct vt_draft *to, const struct vt_draft *d)
{
	const struct vt_version	*v = &d->current_version;

	memset(to, 0, sizeof *to);
	to->id = ui_dup(d->id);
	to->type_name = ui_dup(d->type_name);
	to->code_notation = ui_dup(d->code_notation);
	to->code_number = ui_dup(d->code_number);
	to->subject = ui_dup(d->subject);
	to->state = ui_dup(d->state);
	to->my_roles = d->my_roles;
	to->signer.username = ui_dup(d->signer.username);
	to->signer.full_name = ui_dup(d->signer.full_name);
	to->signer_position = ui_dup(d->signer_position);
	to->has_current = d->has_current;
	to->current_version.id = ui_dup(v->id);
	to->current_version.number = v->number;
	to->current_version.kind = ui_dup(v->kind);
	to->current_version.sha256 = ui_dup(v->sha256);
	to->current_version.page_amount = v->page_amount;
}

static void
ui_sign_opts(struct ui_sign *sg, struct vt_draft_sign_opts *o)
{
	memset(o, 0, sizeof *o);
	o->draft = &sg->draft;
	o->username = sg->username;
	o->role = sg->role;
	o->pdf = sg->pdf_path;
	o->work_dir = sg->work_dir;
	o->cfg = &sg->cfg;
	o->can_pick = true;
	o->level = sg->level;
	if (sg->reserved) {
		o->pre_sign = vt_reservation_fill;
		o->pre_sign_arg = &sg->res;
		o->verify_allow = VT_VERIFY_ALLOW_FORM_FILL;
	}
}

/* Give the held number back (worker); VT_OK or the error in EB. */
static vt_code
ui_sign_release_number(struct ui_sign *sg, struct vt_errbuf *eb)
{
	struct vt_client	*c;
	vt_code			 rc;

	if (!sg->reserved)
		return VT_OK;
	if ((c = ui_app_take_client(sg->ui, eb)) == NULL)
		return eb->code;
	rc = vt_api_number_release(c, sg->draft.id, eb);
	ui_app_put_client(sg->ui, c);
	if (rc == VT_OK)
		sg->reserved = false;
	return rc;
}

/* ---- 1. Prepare (worker) ------------------------------------------- */

/* Reserve the number of an issue (once), prepare the pipeline; a
   failure gives the number back when RELEASE. */
static void
ui_sign_prepare(struct ui_sign *sg, bool release)
{
	struct vt_draft_sign_opts	 o;
	struct vt_client		*c;
	struct vt_errbuf		 eb = { VT_OK, "" };

	if (sg->issue && !sg->reserved) {
		/* The number and date first: they go into the document. */
		if ((c = ui_app_take_client(sg->ui, &sg->eb)) == NULL) {
			sg->code = sg->eb.code;
			return;
		}
		sg->code = vt_api_number_reserve(c, sg->draft.id, NULL, 0,
		    &sg->res, &sg->eb);
		ui_app_put_client(sg->ui, c);
		if (sg->code != VT_OK)
			return;
		sg->reserved = true;
	}
	ui_sign_opts(sg, &o);
	sg->code = vt_draft_sign_prepare(&o, &sg->ds, &sg->eb);
	if (sg->code == VT_OK)
		sg->level = vt_draft_sign_info(sg->ds)->level;
	else if (release)
		ui_sign_release_number(sg, &eb);
}

static void
ui_sign_prepare_run(void *arg)
{
	ui_sign_prepare(arg, true);
}

/* ---- 2. The confirmation screen ------------------------------------ */

static void
ui_sign_line(struct ui_pager *p, const char *label, const char *value,
    attr_t a)
{
	char	*pad, *line;

	/* Pad by screen columns: Vietnamese labels have multi-byte letters.
	   A long value wraps under itself, not under the label. */
	pad = vt_text_fit(label, 18, 0);
	line = xasprintf("  %s %s", pad, value);
	ui_pager_add_hang(p, line, 0, a, 2 + 18 + 1);
	free(line);
	free(pad);
}

/* Several certificates match: list them to choose from. */
static void
ui_sign_fill_choice(struct ui_sign *sg)
{
	const struct vt_token_cert *const *certs;
	struct ui_pager		*p = &sg->pager;
	struct vt_cert_info	 ci;
	size_t			 i, n;
	char			*line;

	certs = vt_draft_sign_candidates(sg->ds, &n);
	ui_pager_add(p, _("Several certificates match:"), 0, A_BOLD);
	for (i = 0; i < n; i++) {
		vt_cert_info_get(certs[i]->x509, &ci);
		line = xasprintf("  %zu) %s", i + 1, ci.subject);
		ui_pager_add(p, line, 0, A_NORMAL);
		free(line);
		line = xasprintf(_("     issuer %s, valid until %s"),
		    ci.issuer, ci.not_after);
		ui_pager_add(p, line, 0, A_NORMAL);
		free(line);
		vt_cert_info_free(&ci);
	}
	ui_pager_add(p, "", 0, A_NORMAL);
}

/* The level the signature will have, what it adds, and the key that
   changes it. */
static void
ui_sign_fill_level(struct ui_sign *sg)
{
	struct ui_pager	*p = &sg->pager;
	char		*line;

	line = xasprintf("PAdES %s: %s", vt_level_name(sg->level),
	    vt_draft_sign_level_text(sg->level));
	ui_sign_line(p, _("Level:"), line, A_BOLD);
	free(line);
	line = xasprintf(_("(press %s to change the level: B-B, B-T, B-LT, "
	    "B-LTA; documents kept for years: B-LT or B-LTA)"),
	    ui_key_name(ui_keys_key_for("sign", UI_FN_SIGN_LEVEL)));
	ui_sign_line(p, "", line, A_NORMAL);
	free(line);
}

/* Why the last try did not sign, and what is still possible. */
static void
ui_sign_fill_failed(struct ui_sign *sg)
{
	struct ui_pager	*p = &sg->pager;

	if (sg->failed == NULL)
		return;
	ui_pager_add(p, _("Not signed, nothing was sent:"), 0,
	    ui_style(UI_ST_ERROR));
	ui_pager_add(p, sg->failed, 0, ui_style(UI_ST_ERROR));
	ui_pager_add(p, "", 0, A_NORMAL);
}

static void
ui_sign_fill(struct ui_sign *sg)
{
	const struct vt_draft_sign_info	*in;
	const struct vt_signing_info	*si;
	struct ui_pager			*p = &sg->pager;
	char				 buf[300];

	ui_pager_clear(p);
	if (sg->ds == NULL) {
		ui_sign_fill_failed(sg);
		ui_pager_add(p, _("The token could not be read again: press q "
		    "to leave, then sign again."), 0, A_BOLD);
		return;
	}
	in = vt_draft_sign_info(sg->ds);
	si = in->signer;
	ui_pager_add(p, _("You are about to sign this document with your "
	    "token:"), 0, A_BOLD);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_sign_line(p, _("Subject:"), in->subject, A_NORMAL);
	if (sg->reserved) {
		size_t	 i;

		ui_sign_line(p, _("Number:"), sg->res.number_line, A_BOLD);
		ui_sign_line(p, _("Date:"), sg->res.date_line, A_BOLD);
		for (i = 0; i < sg->res.nrecipients; i++)
			ui_sign_line(p, i == 0 ? _("Recipients:") : "",
			    sg->res.recipients[i], A_NORMAL);
	} else
		ui_sign_line(p, _("Number:"), in->number[0] != '\0' ?
		    in->number : _("(given when issued)"), A_NORMAL);
	snprintf(buf, sizeof buf, "%d", in->pages);
	ui_sign_line(p, _("Pages:"), buf, A_NORMAL);
	snprintf(buf, sizeof buf, _("%.16s... (the server's version)"),
	    in->sha256);
	ui_sign_line(p, _("SHA-256:"), buf, A_NORMAL);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_sign_line(p, _("Signature:"), in->mode == VT_DRAFT_SIGN_AGENCY ?
	    _("agency (seal)") : _("personal"), A_NORMAL);
	ui_sign_fill_level(sg);
	if (si->cert == NULL) {
		ui_sign_fill_choice(sg);
		snprintf(buf, sizeof buf, _("Press %s to choose the "
		    "certificate, q to cancel."), ui_key_name(
		    ui_keys_key_for("sign", UI_FN_SIGN)));
		ui_pager_add(p, buf, 0, A_BOLD);
		return;
	}
	ui_sign_line(p, _("Certificate:"), si->ci.common_name, A_BOLD);
	ui_sign_line(p, _("Issued by:"), si->ci.issuer, A_NORMAL);
	ui_sign_line(p, _("Valid until:"), si->ci.not_after, A_NORMAL);
	ui_sign_line(p, _("Token:"), si->token_label, A_NORMAL);
	ui_sign_line(p, _("PIN state:"), vt_pin_state_text(&si->pin),
	    vt_pin_state_alarming(&si->pin) ? ui_style(UI_ST_ERROR) :
	    A_NORMAL);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_sign_fill_failed(sg);
	snprintf(buf, sizeof buf, _("Press %s to sign (the PIN is asked "
	    "next), q to cancel."), ui_key_name(ui_keys_key_for("sign",
	    UI_FN_SIGN)));
	ui_pager_add(p, buf, 0, A_BOLD);
}

static const char *
ui_sign_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	return ((struct ui_sign *)s->data)->issue ? _("Issue: confirm") :
	    _("Sign: confirm");
}

static void
ui_sign_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_pager_draw(&((struct ui_sign *)s->data)->pager, w);
}

/* ---- 3. Sign (worker) ---------------------------------------------- */

static void
ui_sign_run(void *arg)
{
	struct ui_sign	*sg = arg;

	/* The pipeline wipes the PIN right after C_Login. */
	sg->code = vt_draft_sign_run(sg->ds, sg->pin, &sg->act, &sg->eb);
	vt_secret_free(sg->pin);
	sg->pin = NULL;
}

/* After a failed signing the token was closed: read it again (worker),
   keeping the level chosen. */
static void
ui_sign_reread_run(void *arg)
{
	struct ui_sign	*sg = arg;

	vt_draft_sign_free(sg->ds);
	sg->ds = NULL;
	/* The number stays held: leaving the screen gives it back. */
	ui_sign_prepare(sg, false);
}

static void
ui_sign_reread_done(struct ui *ui, void *arg)
{
	struct ui_sign	*sg = arg;

	sg->busy = false;
	if (!sg->on_screen) {
		ui_sign_free(sg);
		return;
	}
	if (sg->code != VT_OK) {
		vt_draft_sign_free(sg->ds);
		sg->ds = NULL;
		ui_app_error(ui, &sg->eb);
	}
	ui_sign_fill(sg);
	ui->dirty_body = true;
}

/* The signing failed (nothing was queued): say why on the screen, then
   read the token again so that another level can be signed. */
static void
ui_sign_failed(struct ui *ui, struct ui_sign *sg)
{
	char	 msg[700];

	vt_errbuf_message(&sg->eb, msg, sizeof msg);
	free(sg->failed);
	sg->failed = vt_text_safe(msg, strlen(msg), 0);
	ui_error(ui, "%s", sg->failed);
	sg->busy = true;
	ui_job_start(ui, _("Reading the token again"), ui_sign_reread_run,
	    ui_sign_reread_done, sg);
}

static void
ui_sign_done(struct ui *ui, void *arg)
{
	struct ui_sign	*sg = arg;
	char		 msg[700];

	sg->busy = false;
	if (sg->dv != NULL)
		sg->dv->signing = false;
	if (!sg->on_screen) {
		ui_sign_free(sg);
		return;
	}
	ui->dirty_body = true;
	if (sg->code == VT_ERR_PIN_INCORRECT) {
		ui_sign_fill(sg);
		ui_error(ui, "%s", vt_errbuf_message(&sg->eb, msg,
		    sizeof msg));
		return;
	}
	if (sg->code != VT_OK) {
		ui_sign_failed(ui, sg);
		return;
	}
	/* Queue (the outbox copies the file), then leave the screen:
	 * popping it frees SG.  An issue's number is used now. */
	sg->reserved = false;
	ui_app_queue(ui, &sg->act.spec, sg->issue ? _("Issued and checked; "
	    "sending it to the server") : _("Signed and checked; sending it "
	    "to the server"));
	ui_pop(ui);
}

/* The next level (B-B, B-T, B-LT, B-LTA, round), skipping those the
   configuration cannot make (said why). */
static void
ui_sign_next_level(struct ui *ui, struct ui_sign *sg)
{
	struct vt_errbuf	 eb = { VT_OK, "" }, first = { VT_OK, "" };
	enum vt_level		 l = sg->level;
	int			 i;

	if (sg->busy || sg->ds == NULL)
		return;
	for (i = 0; i < 4; i++) {
		l = l >= VT_LEVEL_BLTA ? VT_LEVEL_BB : l + 1;
		if (vt_draft_sign_set_level(sg->ds, l, &eb) == VT_OK)
			break;
		if (first.code == VT_OK)
			first = eb;
	}
	sg->level = vt_draft_sign_info(sg->ds)->level;
	ui_sign_fill(sg);
	ui->dirty_body = true;
	if (first.code != VT_OK)
		ui_app_error(ui, &first);
	else
		ui_message(ui, _("Level: PAdES %s"), vt_level_name(sg->level));
}

/* Several certificates: ask which (its number). */
static void
ui_sign_choose(struct ui *ui, struct ui_sign *sg)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			 label[100], *ans, *end;
	unsigned long		 k;
	size_t			 n;

	vt_draft_sign_candidates(sg->ds, &n);
	snprintf(label, sizeof label, _("Certificate to use [1-%zu]: "), n);
	if ((ans = ui_prompt(ui, label, NULL, false, NULL, NULL)) == NULL)
		return;
	k = strtoul(ans, &end, 10);
	if (end == ans || *end != '\0' || k < 1 || k > n) {
		free(ans);
		ui_error(ui, _("No certificate was chosen"));
		return;
	}
	free(ans);
	if (vt_draft_sign_choose(sg->ds, (size_t)(k - 1), &eb) != VT_OK) {
		ui_app_error(ui, &eb);
		return;
	}
	ui_sign_fill(sg);
	ui->dirty_body = true;
}

static void
ui_sign_go(struct ui *ui, struct ui_sign *sg)
{
	const struct vt_signing_info	*si;
	char				 label[200], *pin;

	if (sg->busy || sg->ds == NULL)
		return;
	si = vt_draft_sign_info(sg->ds)->signer;
	if (si->cert == NULL) {
		ui_sign_choose(ui, sg);
		return;
	}
	if (si->login_required && (si->pin.locked || si->pin.not_set)) {
		ui_error(ui, "%s", vt_pin_state_text(&si->pin));
		return;
	}
	/* A wrong PIN never locks a card silently: the last try only
	   after a yes. */
	if (si->login_required && si->pin.final_try && !ui_confirm(ui,
	    _("The next wrong PIN locks the token. Use the last try?"))) {
		ui_message(ui, _("The last try was not used: nothing was "
		    "signed"));
		return;
	}
	if (!si->login_required)
		pin = vt_secret_new(1);
	else {
		snprintf(label, sizeof label, si->pin.final_try ?
		    _("PIN (LAST TRY before the token locks): ") :
		    _("PIN: "));
		pin = ui_prompt(ui, label, NULL, true, NULL, NULL);
		if (pin == NULL || *pin == '\0') {
			vt_secret_free(pin);
			ui_message(ui, _("Cancelled: nothing was signed"));
			return;
		}
	}
	sg->pin = pin;
	sg->busy = true;
	if (sg->dv != NULL)
		sg->dv->signing = true;
	ui_job_start(ui, _("Signing"), ui_sign_run, ui_sign_done, sg);
}

/* Adding a recipient (worker): the same reservation, asked again with
   the longer list, comes back with the server's recipients. */
static void
ui_sign_recipients_run(void *arg)
{
	struct ui_sign		*sg = arg;
	struct vt_client	*c;

	if ((c = ui_app_take_client(sg->ui, &sg->eb)) == NULL) {
		sg->code = sg->eb.code;
		return;
	}
	vt_reservation_clear(&sg->res2);
	sg->code = vt_api_number_reserve(c, sg->draft.id,
	    (const char *const *)sg->to, sg->nto, &sg->res2, &sg->eb);
	ui_app_put_client(sg->ui, c);
}

static void
ui_sign_recipients_done(struct ui *ui, void *arg)
{
	struct ui_sign		*sg = arg;
	struct vt_reservation	 old;

	sg->busy = false;
	if (!sg->on_screen) {
		ui_sign_free(sg);
		return;
	}
	if (sg->code != VT_OK) {
		/* Refused (an unknown recipient): not added. */
		free(sg->to[--sg->nto]);
		ui_app_error(ui, &sg->eb);
		return;
	}
	old = sg->res;
	sg->res = sg->res2;
	memset(&sg->res2, 0, sizeof sg->res2);
	vt_reservation_clear(&old);
	ui_sign_fill(sg);
	ui->dirty_body = true;
	ui_message(ui, _("Recipient added: %s"), sg->to[sg->nto - 1]);
}

/* Ask for one more recipient of the document being issued. */
static void
ui_sign_add_recipient(struct ui *ui, struct ui_sign *sg)
{
	char	*who;

	if (!sg->issue || !sg->reserved) {
		ui_message(ui, _("Recipients are added when a signed draft is "
		    "issued"));
		return;
	}
	if (sg->busy)
		return;
	who = ui_prompt(ui, _("Also send it to (organ_id or username): "),
	    NULL, false, NULL, NULL);
	if (who == NULL || *who == '\0' || strchr(who, ' ') != NULL) {
		if (who != NULL && *who != '\0')
			ui_error(ui, _("An organ_id or a username has no "
			    "spaces: nothing was added"));
		free(who);
		return;
	}
	sg->to = xreallocarray(sg->to, sg->nto + 1, sizeof *sg->to);
	sg->to[sg->nto++] = who;
	sg->busy = true;
	ui_job_start(ui, _("Adding the recipient"), ui_sign_recipients_run,
	    ui_sign_recipients_done, sg);
}

/* Leaving an issue without signing: the number goes back. */
static void
ui_sign_release_run(void *arg)
{
	struct ui_sign	*sg = arg;

	sg->code = ui_sign_release_number(sg, &sg->eb);
}

static void
ui_sign_released(struct ui *ui, void *arg)
{
	struct ui_sign	*sg = arg;

	sg->busy = false;
	if (sg->code != VT_OK)
		ui_app_error(ui, &sg->eb);
	else
		ui_message(ui, _("The number %s was given back"),
		    sg->res.number_notation);
	if (sg->on_screen)
		ui_pop(ui);
	else
		ui_sign_free(sg);
}

static bool
ui_sign_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_sign	*sg = s->data;

	if (fn == UI_FN_BACK && sg->reserved && !sg->busy) {
		sg->busy = true;
		ui_job_start(ui, _("Giving the number back"),
		    ui_sign_release_run, ui_sign_released, sg);
		return true;
	}

	if (fn == UI_FN_SIGN || fn == UI_FN_OPEN) {
		ui_sign_go(ui, sg);
		return true;
	}
	if (fn == UI_FN_ADD_RECIPIENT) {
		ui_sign_add_recipient(ui, sg);
		return true;
	}
	if (fn == UI_FN_SIGN_LEVEL) {
		ui_sign_next_level(ui, sg);
		return true;
	}
	if (fn == UI_FN_BACK && sg->busy) {
		ui_message(ui, _("Signing: please wait"));
		return true;
	}
	return ui_pager_action(ui, &sg->pager, fn);
}

static void
ui_sign_screen_free(struct ui_screen *s)
{
	struct ui_sign	*sg = s->data;

	sg->on_screen = false;
	if (sg->dv != NULL)
		sg->dv->sign = NULL;
	if (!sg->busy)
		ui_sign_free(sg);
}

static const enum ui_fn ui_sign_hints[] = {
	UI_FN_SIGN, UI_FN_SIGN_LEVEL, UI_FN_ADD_RECIPIENT, UI_FN_NONE
};

static const struct ui_screen_ops ui_sign_ops = {
	"sign", ui_sign_title, ui_sign_draw, ui_sign_action, NULL, NULL,
	ui_sign_screen_free, ui_sign_hints
};

static void
ui_sign_prepared(struct ui *ui, void *arg)
{
	struct ui_sign	*sg = arg;

	sg->busy = false;
	if (sg->dv == NULL) {
		ui_sign_free(sg);
		return;
	}
	if (sg->code != VT_OK) {
		sg->dv->sign = NULL;
		ui_app_error(ui, &sg->eb);
		ui_sign_free(sg);
		return;
	}
	ui_pager_init(&sg->pager);
	ui_sign_fill(sg);
	sg->on_screen = true;
	ui_push(ui, &ui_sign_ops, sg);
}

void
ui_sign_forget(struct ui_draft *dv)
{
	if (dv->sign != NULL) {
		dv->sign->dv = NULL;
		dv->sign = NULL;
	}
}

void
ui_sign_start(struct ui *ui, struct ui_draft *dv)
{
	struct ui_app			*app = ui_app(ui);
	const struct vt_session		*sess = vt_client_session(app->client);
	struct vt_draft_sign_opts	 o;
	struct ui_sign			*sg;
	enum vt_draft_sign_mode		 mode;

	if (!dv->have || !dv->draft.has_current || dv->text.pdf_path == NULL) {
		ui_error(ui, _("The draft's file is not loaded yet: wait, or "
		    "press %s"), ui_key_name(ui_keys_key_for("draft",
		    UI_FN_SYNC)));
		return;
	}
	if (dv->sign != NULL)
		return;
	sg = xcalloc(1, sizeof *sg);
	sg->ui = ui;
	sg->work_lock = -1;
	ui_sign_copy_draft(&sg->draft, &dv->draft);
	vt_sign_config_from(&app->cfg, &sg->cfg);
	sg->username = ui_dup(sess != NULL ? sess->username : NULL);
	sg->role = vt_user_role_parse(sess != NULL ? sess->role : NULL);
	sg->pdf_path = xstrdup(dv->text.pdf_path);
	/* Who may sign what: the pipeline's rule, before the token; then
	   a private work directory, as the command line's (a killed
	   vanthu's is cleaned at the next start). */
	ui_sign_opts(sg, &o);
	if (vt_draft_sign_check(&o, &mode, &sg->eb) != VT_OK ||
	    (sg->work_dir = vt_tmp_workdir("sign", &sg->work_lock,
	    &sg->eb)) == NULL) {
		ui_app_error(ui, &sg->eb);
		ui_sign_free(sg);
		return;
	}
	sg->issue = mode == VT_DRAFT_SIGN_AGENCY;
	sg->dv = dv;
	sg->busy = true;
	dv->sign = sg;
	ui_job_start(ui, sg->issue ? _("Reserving the number, reading the "
	    "token") : _("Reading the token"), ui_sign_prepare_run,
	    ui_sign_prepared, sg);
}
