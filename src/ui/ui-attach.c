/*
 * vanthu: the attachments of a document: open one in an external viewer
 * (the "viewer" setting, else run-mailcap, else xdg-open) or save a copy.
 * Files come from the cache (downloaded when the document was opened).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/file.h"
#include "vanthu/pdftext.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-int.h"
#include "ui-pager.h"

struct ui_attach {
	struct vt_attachment	*a;
	const char		**verdict;	/* per file: its signatures */
	size_t			 n;
	struct ui_list		 list;
	char			 size[32];
	int			 busy;
};

static const struct ui_column ui_attach_columns[] = {
	{ N_("File"), 0, 16, UI_ALIGN_LEFT, 0 },
	{ N_("Size"), 10, 0, UI_ALIGN_RIGHT, 2 },
	{ N_("Type"), 12, 0, UI_ALIGN_LEFT, 1 },
	/* 13: "KHÔNG hợp lệ" and "chưa kiểm tra" whole. */
	{ N_("Signatures"), 13, 0, UI_ALIGN_LEFT, 0 },
};

static const char *ui_mime_label(const char *type);

static const char *
ui_attach_cell(void *ctx, int row, int col)
{
	struct ui_attach	*at = ctx;

	switch (col) {
	case 0:
		return at->a[row].filename;
	case 1:
		ui_doc_size(at->size, sizeof at->size, at->a[row].size);
		return at->size;
	case 2:
		return ui_mime_label(at->a[row].content_type);
	default:
		return at->verdict[row];
	}
}

static const char *
ui_attach_text(void *ctx, int row)
{
	return ((struct ui_attach *)ctx)->a[row].filename;
}

static const char *
ui_attach_title(struct ui *ui, struct ui_screen *s)
{
	(void)ui;
	(void)s;
	return _("Attached files");
}

static void
ui_attach_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	(void)ui;
	ui_list_draw(&((struct ui_attach *)s->data)->list, w);
}

/* Quote S for sh -c between single quotes. */
static char *
ui_shell_quote(const char *s)
{
	struct vt_buf	b;

	vt_buf_init(&b);
	vt_buf_putc(&b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			vt_buf_puts(&b, "'\\''");
		else
			vt_buf_putc(&b, *s);
	}
	vt_buf_putc(&b, '\'');
	return vt_buf_steal(&b);
}

static bool
ui_in_path(const char *prog)
{
	const char	*path = getenv("PATH");
	char		*copy, *dir, *save = NULL, *f;
	bool		 found = false;

	if (path == NULL)
		return false;
	copy = xstrdup(path);
	for (dir = strtok_r(copy, ":", &save); dir != NULL && !found;
	    dir = strtok_r(NULL, ":", &save)) {
		f = xasprintf("%s/%s", dir, prog);
		found = access(f, X_OK) == 0;
		free(f);
	}
	free(copy);
	return found;
}

/* "PDF" rather than "application/pdf": what people call a file type. */
static const char *
ui_mime_label(const char *type)
{
	static const struct {
		const char	*type, *label;
	} labels[] = {
		{ "application/pdf", N_("PDF") },
		{ "application/msword", N_("Word") },
		{ "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document", N_("Word") },
		{ "application/vnd.ms-excel", N_("Excel") },
		{ "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet", N_("Excel") },
		{ "application/vnd.oasis.opendocument.text", N_("ODT text") },
		{ "application/zip", N_("ZIP archive") },
		{ "application/xml", N_("XML") },
		{ "text/xml", N_("XML") },
		{ "text/plain", N_("Text") },
		{ "image/png", N_("PNG image") },
		{ "image/jpeg", N_("JPEG image") },
		{ "image/tiff", N_("TIFF image") },
	};
	size_t	i;

	if (type == NULL)
		return "";
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		if (strcasecmp(labels[i].type, type) == 0)
			return _(labels[i].label);
	}
	if (strncasecmp(type, "image/", 6) == 0)
		return _("Image");
	if (strncasecmp(type, "text/", 5) == 0)
		return _("Text");
	return _("Other file");
}

/*
 * Run CMD with the terminal given back; what it writes to its error
 * output (and with QUIET its output too: a graphical viewer) goes to
 * /dev/null, never onto the screen or after vanthu ends.  True when it
 * succeeded.
 */
static bool
ui_attach_run(struct ui *ui, const char *cmd, bool quiet)
{
	char	*full;
	int	 st;
	bool	 ok;

	full = xasprintf(quiet ? "%s </dev/null >/dev/null 2>&1" :
	    "%s 2>/dev/null", cmd);
	ui_suspend(ui);
	st = system(full);
	ok = st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	/* A viewer that failed may have printed on the shell's screen: it
	   is not left there after vanthu ends. */
	if (!ok && !quiet)
		ui_term_clear_shell_screen();
	ui_resume(ui);
	free(full);
	return ok;
}

/* Whether the variable NAME is set to something (a graphical display). */
static bool
ui_env_set(const char *name)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0';
}

/* vanthu's own view of a file: a PDF's text, or plain text. */
static void
ui_attach_text_view(struct ui *ui, const char *path, const char *type,
    const char *name)
{
	struct ui_pager		 p;
	struct vt_pdf_text	*pdf = NULL;
	struct vt_buf		 b;
	char			*t, *rule;
	int			 i, n;

	ui_pager_init(&p);
	if (type != NULL && strcasecmp(type, "application/pdf") == 0 &&
	    vt_pdf_text_open(path, NULL, &pdf, NULL) == VT_OK) {
		n = vt_pdf_text_pages(pdf);
		for (i = 0; i < n; i++) {
			rule = xasprintf(_("------ Page %d of %d ------"), i + 1,
			    n);
			ui_pager_add(&p, rule, i + 1, ui_style(UI_ST_HEADER));
			free(rule);
			t = vt_pdf_text_page(pdf, i);
			ui_pager_add_text(&p, t != NULL ? t : "", i + 1,
			    A_NORMAL);
			free(t);
		}
		vt_pdf_text_close(pdf);
	} else if (type != NULL && strncasecmp(type, "text/", 5) == 0) {
		vt_buf_init(&b);
		if (vt_file_read(path, 4 << 20, &b, NULL) == VT_OK) {
			t = vt_text_safe(b.data != NULL ? b.data : "", b.len,
			    VT_TEXT_MULTILINE);
			ui_pager_add_text(&p, t, 0, A_NORMAL);
			free(t);
		}
		vt_buf_free(&b);
	} else {
		ui_pager_free(&p);
		ui_error(ui, _("No program on this computer shows this kind of "
		    "file (%s); press %s to save it"), ui_mime_label(type),
		    ui_key_name(ui_keys_key_for("attachments", UI_FN_SAVE_FILE)));
		return;
	}
	ui_textview_open(ui, name, &p);
	ui_message(ui, _("Shown as text: no viewer program was found"));
}

/*
 * Show the file at PATH: the "viewer" setting, else the mailcap rules
 * (run-mailcap), else xdg-open on a graphical desktop, else vanthu's own
 * text view.
 */
static void
ui_attach_view_file(struct ui *ui, const char *path, const char *type,
    const char *name)
{
	struct ui_app	*app = ui_app(ui);
	char		*q = ui_shell_quote(path), *cmd;
	bool		 ok;

	if (app->cfg.viewer != NULL && strstr(app->cfg.viewer, "%s") != NULL) {
		/* "%s" in the setting stands for the file. */
		struct vt_buf	 b;
		const char	*v = app->cfg.viewer, *p;

		vt_buf_init(&b);
		while ((p = strstr(v, "%s")) != NULL) {
			vt_buf_add(&b, v, (size_t)(p - v));
			vt_buf_puts(&b, q);
			v = p + 2;
		}
		vt_buf_puts(&b, v);
		cmd = vt_buf_steal(&b);
	} else if (app->cfg.viewer != NULL)
		cmd = xasprintf("%s %s", app->cfg.viewer, q);
	else
		cmd = NULL;
	if (cmd != NULL) {
		ok = ui_attach_run(ui, cmd, false);
		if (ok)
			ui_message(ui, _("Opened with: %s"), cmd);
		else
			ui_error(ui, _("The viewer failed (%s); check \"viewer\" "
			    "in the configuration"), cmd);
		free(cmd);
		free(q);
		return;
	}
	ok = false;
	if (ui_in_path("run-mailcap")) {
		cmd = xasprintf("run-mailcap --action=view %s:%s",
		    type != NULL ? type : "application/pdf", q);
		ok = ui_attach_run(ui, cmd, false);
		free(cmd);
	}
	if (!ok && ui_in_path("xdg-open") && (ui_env_set("DISPLAY") ||
	    ui_env_set("WAYLAND_DISPLAY"))) {
		cmd = xasprintf("xdg-open %s", q);
		ok = ui_attach_run(ui, cmd, true);
		free(cmd);
	}
	free(q);
	if (ok)
		ui_message(ui, _("The file was opened in its viewer"));
	else
		ui_attach_text_view(ui, path, type, name);
}

/* The cached file of A, or NULL with a message. */
static char *
ui_attach_cached(struct ui *ui, const struct vt_attachment *a)
{
	struct ui_app	*app = ui_app(ui);
	struct stat	 st;
	char		*path;

	if (app->cache == NULL ||
	    (path = vt_cache_attachment_path(app->cache, a->sha256)) == NULL)
		return NULL;
	if (stat(path, &st) == 0)
		return path;
	free(path);
	return NULL;
}

struct ui_attach_job {
	struct ui		*ui;
	struct vt_attachment	 att;
	char			*path;
	bool			 save;
	vt_code			 code;
	struct vt_errbuf	 eb;
};

static void
ui_attach_job_run(void *arg)
{
	struct ui_attach_job	*j = arg;
	struct vt_client	*c = ui_app_take_client(j->ui, &j->eb);

	if (c == NULL) {
		j->code = j->eb.code;
		return;
	}
	j->code = vt_api_download(c, &j->att, j->path, &j->eb);
	ui_app_put_client(j->ui, c);
}

static void ui_attach_do(struct ui *ui, const struct vt_attachment *a,
    bool save);

static void
ui_attach_job_done(struct ui *ui, void *arg)
{
	struct ui_attach_job	*j = arg;

	if (j->code != VT_OK)
		ui_app_error(ui, &j->eb);
	else
		ui_attach_do(ui, &j->att, j->save);
	free(j->att.id);
	free(j->att.filename);
	free(j->att.content_type);
	free(j->att.sha256);
	free(j->att.url);
	free(j->path);
	free(j);
}

static bool
ui_copy_file(const char *from, const char *to, char *err, size_t len)
{
	FILE	*in, *out;
	char	 buf[65536];
	size_t	 n;
	int	 fd;

	if ((in = fopen(from, "rb")) == NULL) {
		snprintf(err, len, "%s: %s", from, strerror(errno));
		return false;
	}
	if ((fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
	    (out = fdopen(fd, "wb")) == NULL) {
		snprintf(err, len, "%s: %s", to, strerror(errno));
		if (fd != -1)
			close(fd);
		fclose(in);
		return false;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	if (fclose(out) != 0) {
		snprintf(err, len, "%s: %s", to, strerror(errno));
		return false;
	}
	return true;
}

/* A file name safe in a directory: no '/' nor leading '.'. */
static char *
ui_safe_name(const char *name)
{
	char	*s = xstrdup(*name != '\0' ? name : "file.pdf"), *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '/' || *p == '\\')
			*p = '_';
	}
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

static void
ui_attach_save(struct ui *ui, const struct vt_attachment *a, const char *from)
{
	const char	*home = getenv("HOME");
	char		*dir, *name, *to, err[600];

	dir = ui_prompt(ui, _("Save into folder: "), home != NULL ? home : ".",
	    false, NULL, NULL);
	if (dir == NULL || *dir == '\0') {
		free(dir);
		return;
	}
	name = ui_safe_name(a->filename);
	to = xasprintf("%s/%s", dir, name);
	if (ui_copy_file(from, to, err, sizeof err))
		ui_message(ui, _("Saved: %s"), to);
	else
		ui_error(ui, _("Cannot save: %s"), err);
	free(to);
	free(name);
	free(dir);
}

static void
ui_attach_do(struct ui *ui, const struct vt_attachment *a, bool save)
{
	struct ui_app		*app = ui_app(ui);
	struct ui_attach_job	*j;
	char			*path = ui_attach_cached(ui, a);

	if (path != NULL) {
		if (save)
			ui_attach_save(ui, a, path);
		else
			ui_attach_view_file(ui, path, a->content_type,
			    a->filename);
		free(path);
		return;
	}
	if (ui->opt->offline || app->cache == NULL) {
		ui_error(ui, _("The file is not on this computer and vanthu "
		    "is offline"));
		return;
	}
	j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->save = save;
	j->att.id = xstrdup(a->id);
	j->att.filename = xstrdup(a->filename);
	j->att.content_type = xstrdup(a->content_type);
	j->att.sha256 = xstrdup(a->sha256);
	j->att.url = xstrdup(a->url);
	j->att.size = a->size;
	j->path = vt_cache_attachment_path(app->cache, a->sha256);
	if (j->path == NULL) {
		ui_error(ui, _("The server gave no valid SHA-256 for this "
		    "file"));
		ui_attach_job_done(ui, j);
		return;
	}
	ui_job_start(ui, _("Downloading"), ui_attach_job_run,
	    ui_attach_job_done, j);
}

/* Verify A's file in full, or save a long-term copy of it (ui-ltv.c):
   PDFs on this computer only. */
static void
ui_attach_ltv(struct ui *ui, const struct vt_attachment *a, enum ui_fn fn)
{
	char	*path;

	if (strcmp(a->content_type, "application/pdf") != 0) {
		ui_error(ui, "%s", _("Only a PDF file carries digital "
		    "signatures"));
		return;
	}
	path = ui_attach_cached(ui, a);
	if (fn == UI_FN_EXTEND)
		ui_ltv_extend(ui, path, a->filename);
	else
		ui_ltv_verify_open(ui, path, a->filename);
	free(path);
}

static bool
ui_attach_action(struct ui *ui, struct ui_screen *s, enum ui_fn fn)
{
	struct ui_attach	*at = s->data;

	switch (fn) {
	case UI_FN_OPEN:
	case UI_FN_VIEW_FILE:
	case UI_FN_SAVE_FILE:
		if (at->list.sel < 0)
			return true;
		ui_attach_do(ui, &at->a[at->list.sel], fn == UI_FN_SAVE_FILE);
		return true;
	case UI_FN_EXTEND:
	case UI_FN_VERIFY_FILE:
		if (at->list.sel >= 0)
			ui_attach_ltv(ui, &at->a[at->list.sel], fn);
		return true;
	default:
		return ui_list_action(ui, &at->list, fn);
	}
}

static void
ui_attach_free(struct ui_screen *s)
{
	struct ui_attach	*at = s->data;
	size_t			 i;

	for (i = 0; i < at->n; i++) {
		free(at->a[i].id);
		free(at->a[i].filename);
		free(at->a[i].content_type);
		free(at->a[i].sha256);
		free(at->a[i].url);
	}
	free(at->a);
	free(at->verdict);
	ui_list_free(&at->list);
	free(at);
}

/* The verdict on the signatures of A's file, when it is a PDF on this
   computer (the same check as vanthu verify --offline: no network in
   the interface's own thread; the revocation answers the document view
   fetched are kept and used): "valid", "not checked" (intact, but no
   trust_file: vt_verify_status), "NOT valid", "none", or "" when it is
   not here. */
static const char *
ui_attach_verdict(struct ui *ui, const struct vt_attachment *a)
{
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb;
	const char		*trust, *v;
	char			*path;

	if (strcmp(a->content_type, "application/pdf") != 0 ||
	    (path = ui_attach_cached(ui, a)) == NULL)
		return "";
	trust = vt_config_get(&ui_app(ui)->cfg, "trust_file");
	memset(&eb, 0, sizeof eb);
	if (vt_verify_pdf_ex(path, NULL, trust != NULL && *trust != '\0' ?
	    trust : NULL, 1, &res, &eb) != VT_OK)
		v = _("unreadable");
	else {
		v = res.n == 0 ? _("none") : res.valid ? _("valid") :
		    vt_verify_status(&res) == VT_VERIFY_INDETERMINATE ?
		    _("not checked") : _("NOT valid");
		vt_verify_result_free(&res);
	}
	free(path);
	return v;
}

static const enum ui_fn ui_attach_hints[] = {
	UI_FN_VIEW_FILE, UI_FN_SAVE_FILE, UI_FN_VERIFY_FILE, UI_FN_EXTEND,
	UI_FN_NONE
};

static const struct ui_screen_ops ui_attach_ops = {
	"attachments", ui_attach_title, ui_attach_draw, ui_attach_action,
	NULL, NULL, ui_attach_free, ui_attach_hints
};

void
ui_attachments_open(struct ui *ui, const struct vt_attachment *a, size_t n)
{
	struct ui_attach	*at;
	size_t			 i;

	if (n == 0) {
		ui_message(ui, _("This document has no attached file"));
		return;
	}
	at = xcalloc(1, sizeof *at);
	at->a = xcalloc(n, sizeof *at->a);
	at->verdict = xcalloc(n, sizeof *at->verdict);
	at->n = n;
	for (i = 0; i < n; i++) {
		at->a[i].id = xstrdup(a[i].id);
		at->a[i].filename = xstrdup(a[i].filename);
		at->a[i].content_type = xstrdup(a[i].content_type);
		at->a[i].sha256 = xstrdup(a[i].sha256);
		at->a[i].url = xstrdup(a[i].url);
		at->a[i].size = a[i].size;
		at->verdict[i] = ui_attach_verdict(ui, &at->a[i]);
	}
	ui_list_init(&at->list);
	at->list.columns = ui_attach_columns;
	at->list.ncolumns = 4;
	at->list.ctx = at;
	at->list.cell = ui_attach_cell;
	at->list.row_text = ui_attach_text;
	ui_list_set_count(&at->list, (int)n);
	ui_push(ui, &ui_attach_ops, at);
}
