/*
 * vanthu: signing a draft from the interface.  What you see is what you
 * sign: the file signed is the version the draft view shows, whose
 * SHA-256 must equal the server's version hash.  Steps:
 *   1. a worker opens the token (PKCS#11 module of the configuration),
 *      picks the certificate, reads the PIN state, checks the
 *      certificate and opens the PDF;
 *   2. a confirmation screen shows subject, number, page count, hash
 *      prefix, the certificate and the token's PIN state;
 *   3. the PIN is typed hidden on the message line, then a worker logs
 *      in, signs (PAdES, incremental), verifies the result and the
 *      signed file is queued in the outbox and sent.
 * The PIN is wiped as soon as the token has it.  One thread at a time
 * uses the token: the curses thread only between the workers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "vanthu/cache.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/outbox.h"
#include "vanthu/pades.h"
#include "vanthu/text.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"
#include "vanthu/verify.h"
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
	/* What is signed. */
	char				*draft_id, *version_id, *version_sha;
	char				*pdf_path, *subject, *number;
	char				*position;
	int				 server_pages;
	enum vt_cert_kind		 kind;
	/* Settings. */
	char				*module, *key_uri, *trust_file, *image;
	/* Prepared by the first worker. */
	struct vt_token			*tok;
	const struct vt_token_cert	*cert;
	struct vt_cert_info		 info;
	bool				 have_info;
	struct vt_pin_state		 pin_state;
	char				*token_label;
	struct vt_pdf			*pdf;
	int				 pages;
	char				 sha_hex[65];
	/* Signing. */
	char				*pin;
	char				*out_path;
	unsigned char			*signed_data;
	size_t				 signed_len;
	char				 verify_note[300];
	vt_code				 code;
	struct vt_errbuf		 eb;
	struct ui_pager			 pager;
};

static void
ui_sign_free(struct ui_sign *sg)
{
	if (sg->pin != NULL) {
		OPENSSL_cleanse(sg->pin, strlen(sg->pin));
		free(sg->pin);
	}
	if (sg->pdf != NULL)
		vt_pdf_close(sg->pdf);
	if (sg->tok != NULL)
		vt_token_close(sg->tok);
	if (sg->have_info)
		vt_cert_info_free(&sg->info);
	if (sg->out_path != NULL)
		unlink(sg->out_path);
	free(sg->out_path);
	free(sg->signed_data);
	free(sg->draft_id);
	free(sg->version_id);
	free(sg->version_sha);
	free(sg->pdf_path);
	free(sg->subject);
	free(sg->number);
	free(sg->position);
	free(sg->module);
	free(sg->key_uri);
	free(sg->trust_file);
	free(sg->image);
	free(sg->token_label);
	ui_pager_free(&sg->pager);
	free(sg);
}

/* ---- 1. Prepare (worker) ------------------------------------------- */

/*
 * Open the token, choose the certificate and read its PIN state from
 * the token information read at opening (vt_token_pin_state() would
 * enumerate the slots again, which closes the session libp11 logs in
 * with: so a fresh opening is how the state is read again).
 */
static vt_code
ui_sign_open_token(struct ui_sign *sg)
{
	const struct vt_token_slot	*slots;
	size_t				 n;
	vt_code				 code;

	if (sg->tok != NULL) {
		vt_token_close(sg->tok);
		sg->tok = NULL;
		sg->cert = NULL;
	}
	code = vt_token_open(sg->module, &sg->tok, &sg->eb);
	if (code != VT_OK)
		return code;
	code = vt_token_choose(sg->tok, sg->key_uri, sg->kind, &sg->cert,
	    &sg->eb);
	if (code != VT_OK)
		return code;
	slots = vt_token_slots(sg->tok, &n);
	if (sg->cert->slot >= n)
		return vt_fail(&sg->eb, VT_ERR_NO_TOKEN, NULL);
	free(sg->token_label);
	sg->token_label = xstrdup(slots[sg->cert->slot].label != NULL ?
	    slots[sg->cert->slot].label : "");
	sg->pin_state = slots[sg->cert->slot].pin;
	return VT_OK;
}

static void
ui_sign_prepare_run(void *arg)
{
	struct ui_sign	*sg = arg;

	if (vt_sha256_file(sg->pdf_path, sg->sha_hex, NULL) != VT_OK) {
		sg->code = vt_fail(&sg->eb, VT_ERR_IO, _("cannot read %s"),
		    sg->pdf_path);
		return;
	}
	if (strcmp(sg->sha_hex, sg->version_sha) != 0) {
		sg->code = vt_fail(&sg->eb, VT_ERR_CONFLICT, _("the file "
		    "shown is not the server's version (SHA-256 %.16s... "
		    "instead of %.16s...): open the draft again"),
		    sg->sha_hex, sg->version_sha);
		return;
	}
	sg->code = vt_pdf_open(sg->pdf_path, NULL, &sg->pdf, &sg->eb);
	if (sg->code != VT_OK)
		return;
	sg->pages = vt_pdf_page_count(sg->pdf);
	if ((sg->code = ui_sign_open_token(sg)) != VT_OK)
		return;
	vt_cert_info_get(sg->cert->x509, &sg->info);
	sg->have_info = true;
	sg->code = vt_cert_check_signing(sg->cert->x509, time(NULL), &sg->eb);
}

/* ---- 2. The confirmation screen ------------------------------------ */

static void
ui_sign_line(struct ui_pager *p, const char *label, const char *value,
    attr_t a)
{
	char	*pad, *line;

	/* Pad by screen columns: Vietnamese labels have multi-byte letters. */
	pad = vt_text_fit(label, 18, 0);
	line = xasprintf("  %s %s", pad, value);
	ui_pager_add(p, line, 0, a);
	free(line);
	free(pad);
}

static void
ui_sign_fill(struct ui_sign *sg)
{
	struct ui_pager	*p = &sg->pager;
	char		 buf[300];

	ui_pager_clear(p);
	ui_pager_add(p, _("You are about to sign this document with your "
	    "token:"), 0, A_BOLD);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_sign_line(p, _("Subject:"), sg->subject, A_NORMAL);
	ui_sign_line(p, _("Number:"), sg->number[0] != '\0' ? sg->number :
	    _("(given when issued)"), A_NORMAL);
	snprintf(buf, sizeof buf, "%d", sg->pages);
	ui_sign_line(p, _("Pages:"), buf, A_NORMAL);
	snprintf(buf, sizeof buf, _("%.16s... (the server's version)"),
	    sg->sha_hex);
	ui_sign_line(p, _("SHA-256:"), buf, A_NORMAL);
	ui_pager_add(p, "", 0, A_NORMAL);
	ui_sign_line(p, _("Signature:"), sg->kind == VT_CERT_AGENCY ?
	    _("agency (seal)") : _("personal"), A_NORMAL);
	ui_sign_line(p, _("Certificate:"), sg->info.common_name, A_BOLD);
	ui_sign_line(p, _("Issued by:"), sg->info.issuer, A_NORMAL);
	ui_sign_line(p, _("Valid until:"), sg->info.not_after, A_NORMAL);
	ui_sign_line(p, _("Token:"), sg->token_label != NULL ?
	    sg->token_label : "", A_NORMAL);
	ui_sign_line(p, _("PIN state:"), vt_pin_state_text(&sg->pin_state),
	    sg->pin_state.count_low || sg->pin_state.final_try ||
	    sg->pin_state.locked ? ui_style(UI_ST_ERROR) : A_NORMAL);
	ui_pager_add(p, "", 0, A_NORMAL);
	snprintf(buf, sizeof buf, _("Press %s to sign (the PIN is asked "
	    "next), q to cancel."), ui_key_name(ui_keys_key_for("sign",
	    UI_FN_SIGN)));
	ui_pager_add(p, buf, 0, A_BOLD);
}

static const char *
ui_sign_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	(void)s;
	return _("Sign: confirm");
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
	struct ui_sign		*sg = arg;
	struct vt_pades_params	 pp;
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb;
	EVP_PKEY		*key = NULL;
	STACK_OF(X509)		*chain;
	struct vt_buf		 b;

	sg->code = vt_token_login(sg->tok, sg->cert, sg->pin, &key, &sg->eb);
	OPENSSL_cleanse(sg->pin, strlen(sg->pin));
	free(sg->pin);
	sg->pin = NULL;
	if (sg->code == VT_ERR_PIN_INCORRECT) {
		/* Read the token's state again for the next try. */
		struct vt_errbuf	keep = sg->eb;

		if (ui_sign_open_token(sg) == VT_OK)
			sg->eb = keep;
		else
			sg->code = sg->eb.code;
		return;
	}
	if (sg->code != VT_OK)
		return;
	memset(&pp, 0, sizeof pp);
	pp.when = time(NULL);
	pp.ap.visible = 1;
	pp.ap.look = sg->kind == VT_CERT_AGENCY ? VT_LOOK_AGENCY :
	    VT_LOOK_PERSONAL;
	pp.ap.image = sg->image;
	pp.ap.position = sg->position;
	chain = vt_token_chain(sg->tok, sg->cert);
	sg->code = vt_pades_sign(sg->pdf, sg->out_path, sg->cert->x509, chain,
	    key, &pp, &sg->eb);
	sk_X509_pop_free(chain, X509_free);
	if (sg->code != VT_OK)
		return;
	/* Check the result before anything is sent. */
	memset(&res, 0, sizeof res);
	memset(&eb, 0, sizeof eb);
	sg->code = vt_verify_pdf(sg->out_path, NULL, sg->trust_file, &res,
	    &sg->eb);
	if (sg->code != VT_OK)
		return;
	if (res.n == 0 || !res.sigs[res.n - 1].integrity ||
	    !res.sigs[res.n - 1].range_ok || res.sigs[res.n - 1].bytes_after) {
		sg->code = vt_fail(&sg->eb, VT_ERR_SIGNATURE, _("the new "
		    "signature does not verify: nothing was sent"));
		vt_verify_result_free(&res);
		return;
	}
	if (sg->trust_file != NULL && !res.sigs[res.n - 1].trusted)
		snprintf(sg->verify_note, sizeof sg->verify_note, _("the "
		    "certificate does not chain to %s"), sg->trust_file);
	vt_verify_result_free(&res);
	vt_buf_init(&b);
	sg->code = vt_file_read(sg->out_path, (size_t)256 << 20, &b, &sg->eb);
	if (sg->code == VT_OK) {
		sg->signed_len = b.len;
		sg->signed_data = (unsigned char *)vt_buf_steal(&b);
	} else
		vt_buf_free(&b);
}

static const struct ui_screen_ops ui_sign_ops;

static void
ui_sign_done(struct ui *ui, void *arg)
{
	struct ui_sign		*sg = arg;
	struct vt_action_spec	 spec;
	char			*path, *summary, msg[700];

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
		ui_app_error(ui, &sg->eb);
		return;
	}
	path = xasprintf("/drafts/%s/versions/%s/signed", sg->draft_id,
	    sg->version_id);
	summary = xasprintf(_("signed upload of draft %s"), sg->draft_id);
	memset(&spec, 0, sizeof spec);
	spec.kind = "sign";
	spec.target = sg->draft_id;
	spec.summary = summary;
	spec.method = "POST";
	spec.path = path;
	spec.content_type = "application/pdf";
	spec.body = sg->signed_data;
	spec.body_len = sg->signed_len;
	if (sg->verify_note[0] != '\0')
		snprintf(msg, sizeof msg, _("Signed and checked (%s); sending "
		    "it to the server"), sg->verify_note);
	else
		snprintf(msg, sizeof msg, _("Signed and checked; sending it "
		    "to the server"));
	/* Queue (the outbox copies the file), then leave the screen:
	 * popping it frees SG. */
	ui_app_queue(ui, &spec, msg);
	free(path);
	free(summary);
	ui_pop(ui);
}

static void
ui_sign_go(struct ui *ui, struct ui_sign *sg)
{
	char	 label[200], *pin;

	if (sg->busy)
		return;
	if (sg->pin_state.locked) {
		ui_error(ui, _("The token's PIN is locked: it cannot sign"));
		return;
	}
	snprintf(label, sizeof label, sg->pin_state.final_try ?
	    _("PIN (LAST TRY before the token locks): ") : _("PIN: "));
	pin = ui_prompt(ui, label, NULL, true, NULL, NULL);
	if (pin == NULL || *pin == '\0') {
		if (pin != NULL)
			free(pin);
		ui_message(ui, _("Cancelled: nothing was signed"));
		return;
	}
	sg->pin = pin;
	sg->busy = true;
	if (sg->dv != NULL)
		sg->dv->signing = true;
	ui_job_start(ui, _("Signing"), ui_sign_run, ui_sign_done, sg);
}

static bool
ui_sign_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_sign	*sg = s->data;

	if (fn == UI_FN_SIGN || fn == UI_FN_OPEN) {
		ui_sign_go(ui, sg);
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

static const enum ui_fn ui_sign_hints[] = { UI_FN_SIGN, UI_FN_NONE };

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

static char *
ui_cfg_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
ui_sign_start(struct ui *ui, struct ui_draft *dv)
{
	struct ui_app		*app = ui_app(ui);
	const struct vt_draft	*d = &dv->draft;
	struct ui_sign		*sg;
	bool			 signer, clerk;

	if (!dv->have || !d->has_current || dv->text.pdf_path == NULL) {
		ui_error(ui, _("The draft's file is not loaded yet: wait, or "
		    "press %s"), ui_key_name(ui_keys_key_for("draft",
		    UI_FN_SYNC)));
		return;
	}
	if (dv->sign != NULL)
		return;
	signer = (d->my_roles & VT_ROLE_SIGNER) &&
	    (strcmp(d->state, "awaiting_signer") == 0 ||
	    strcmp(d->state, "approved") == 0);
	clerk = (d->my_roles & VT_ROLE_CLERK) &&
	    strcmp(d->state, "signed") == 0;
	if (!signer && !clerk) {
		ui_error(ui, _("This draft is not waiting for your signature "
		    "(state: %s)"), ui_draft_state_name(d->state));
		return;
	}
	sg = xcalloc(1, sizeof *sg);
	sg->ui = ui;
	sg->dv = dv;
	sg->busy = true;
	sg->kind = signer ? VT_CERT_PERSONAL : VT_CERT_AGENCY;
	sg->draft_id = xstrdup(d->id);
	sg->version_id = xstrdup(d->current_version.id);
	sg->version_sha = xstrdup(d->current_version.sha256);
	sg->pdf_path = xstrdup(dv->text.pdf_path);
	sg->subject = xstrdup(d->subject);
	sg->number = d->code_number[0] != '\0' ? xasprintf("%s/%s",
	    d->code_number, d->code_notation) : xstrdup("");
	sg->position = ui_cfg_dup(signer ? d->signer_position : NULL);
	sg->server_pages = d->current_version.page_amount;
	sg->module = ui_cfg_dup(app->cfg.pkcs11_module);
	sg->key_uri = ui_cfg_dup(signer ? app->cfg.key_uri :
	    vt_config_get(&app->cfg, "agency_key_uri"));
	sg->trust_file = ui_cfg_dup(vt_config_get(&app->cfg, "trust_file"));
	sg->image = ui_cfg_dup(signer ? app->cfg.signature_image :
	    app->cfg.seal_image);
	{
		const char	*dir = app->cache_dir != NULL ?
		    app->cache_dir : "/tmp";

		sg->out_path = xasprintf("%s/signed-%s-%s.pdf", dir,
		    sg->draft_id, sg->version_id);
	}
	dv->sign = sg;
	ui_job_start(ui, _("Reading the token"), ui_sign_prepare_run,
	    ui_sign_prepared, sg);
}
