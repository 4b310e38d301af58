/*
 * vanthu: the words changed between two versions of a draft, as
 * "vanthu draft diff" shows them (lib/draft-diff.c: vt_diff_words,
 * vt_diff_format): by default the current version against the one
 * before it; with more versions a picker chooses the older one.  The
 * texts are fetched and compared by a worker; the result opens in a
 * text view.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/cache.h"
#include "vanthu/diff.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-app.h"
#include "ui-doc.h"
#include "ui-draft.h"
#include "ui-int.h"
#include "ui-pager.h"
#include "ui-pick.h"

#define UI_DIFF_CONTEXT	8	/* unchanged words shown on each side */

/* A comparison, handed to the worker and back. */
struct ui_diff_job {
	struct ui		*ui;
	char			*id;
	struct vt_version	 a, b;	/* the fields the texts need, owned */
	struct vt_diff		 diff;
	char			*text;	/* vt_diff_format's */
	vt_code			 code;
	struct vt_errbuf	 eb;
};

/* Copy into TO what fetching the text of version V needs. */
static void
ui_diff_version(struct vt_version *to, const struct vt_version *v)
{
	memset(to, 0, sizeof *to);
	to->id = xstrdup(v->id);
	to->number = v->number;
	to->attachment_id = xstrdup(v->attachment_id);
	to->filename = xstrdup(v->filename);
	to->size = v->size;
	to->sha256 = xstrdup(v->sha256);
}

static void
ui_diff_version_clear(struct vt_version *v)
{
	free(v->id);
	free(v->attachment_id);
	free(v->filename);
	free(v->sha256);
}

static void
ui_diff_job_free(struct ui_diff_job *j)
{
	vt_diff_clear(&j->diff);
	ui_diff_version_clear(&j->a);
	ui_diff_version_clear(&j->b);
	free(j->text);
	free(j->id);
	free(j);
}

/* Worker: both versions' text (from the cache, else downloaded), then
   the diff.  No curses here. */
static void
ui_diff_run(void *arg)
{
	struct ui_diff_job	*j = arg;
	struct ui_app		*app = ui_app(j->ui);
	struct vt_client	*c = NULL;
	struct vt_cache		*cache = NULL;
	struct vt_errbuf	 ceb;
	char			*ta = NULL, *tb = NULL;

	memset(&ceb, 0, sizeof ceb);
	if (app->cache_dir == NULL ||
	    vt_cache_open(app->cache_dir, &cache, &j->eb) != VT_OK) {
		j->code = j->eb.code != VT_OK ? j->eb.code : VT_ERR_AUTH;
		return;
	}
	if (!j->ui->opt->offline)
		c = ui_app_take_client(j->ui, &ceb);
	j->code = vt_draft_version_text(c, cache, &j->a, &ta, &j->eb);
	if (j->code == VT_OK)
		j->code = vt_draft_version_text(c, cache, &j->b, &tb, &j->eb);
	if (j->code == VT_OK) {
		vt_diff_words(ta, tb, &j->diff);
		j->text = vt_diff_format(&j->diff, UI_DIFF_CONTEXT);
	}
	if (c != NULL)
		ui_app_put_client(j->ui, c);
	vt_cache_close(cache);
	free(ta);
	free(tb);
}

/* Curses thread: the result in a text view. */
static void
ui_diff_done(struct ui *ui, void *arg)
{
	struct ui_diff_job	*j = arg;
	struct ui_pager		 p;
	char			*line, added[100], deleted[100], title[200];
	size_t			 n;

	if (j->code != VT_OK) {
		ui_app_error(ui, &j->eb);
		ui_diff_job_free(j);
		return;
	}
	ui_pager_init(&p);
	line = xasprintf(_("Draft %s: version %d (%s) → version %d (%s)\n"),
	    j->id, j->a.number, j->a.id, j->b.number, j->b.id);
	ui_pager_add_text(&p, line, 0, A_BOLD);
	free(line);
	if (j->diff.added + j->diff.deleted == 0)
		ui_pager_add_text(&p, _("The text is the same.\n"), 0,
		    A_NORMAL);
	else {
		snprintf(added, sizeof added, ngettext("%zu word added, ",
		    "%zu words added, ", j->diff.added), j->diff.added);
		snprintf(deleted, sizeof deleted, ngettext("%zu word deleted\n",
		    "%zu words deleted\n", j->diff.deleted), j->diff.deleted);
		if ((n = strlen(deleted)) > 0 && deleted[n - 1] == '\n')
			deleted[n - 1] = '\0';
		line = xasprintf("%s%s", added, deleted);
		ui_pager_add(&p, line, 0, A_NORMAL);
		free(line);
		ui_pager_add(&p, _("([-…-] deleted, {+…+} added)"), 0,
		    A_NORMAL);
		ui_pager_add(&p, "", 0, A_NORMAL);
		ui_pager_add_text(&p, j->text, 0, A_NORMAL);
	}
	snprintf(title, sizeof title, _("Changes in draft %s"), j->id);
	ui_textview_open(ui, title, &p);
	ui_diff_job_free(j);
}

static void
ui_diff_start(struct ui *ui, const char *id, const struct vt_version *a,
    const struct vt_version *b)
{
	struct ui_diff_job	*j = xcalloc(1, sizeof *j);

	j->ui = ui;
	j->id = xstrdup(id);
	ui_diff_version(&j->a, a);
	ui_diff_version(&j->b, b);
	ui_job_start(ui, _("Comparing the versions"), ui_diff_run,
	    ui_diff_done, j);
}

/* The picker's choice (ARG, the draft view below the picker, which
   outlives it): an older version against the current one. */
static void
ui_diff_picked(struct ui *ui, void *arg, int chosen, const bool *marked)
{
	const struct vt_draft	*d = &((struct ui_draft *)arg)->draft;

	(void)marked;
	if (d->nversions >= 2 && chosen >= 0 &&
	    (size_t)chosen < d->nversions - 1)
		ui_diff_start(ui, d->id, &d->versions[chosen],
		    &d->versions[d->nversions - 1]);
}

void
ui_diff_open(struct ui *ui, struct ui_draft *dv)
{
	const struct vt_draft	*d = &dv->draft;
	char			**labels, when[32];
	size_t			 i, n;

	if (!dv->have)
		return;
	if (d->nversions < 2) {
		ui_error(ui, _("Draft %s has only one version: nothing to "
		    "compare"), d->id);
		return;
	}
	n = d->nversions - 1;
	if (n == 1) {
		ui_diff_start(ui, d->id, &d->versions[0], &d->versions[1]);
		return;
	}
	/* Several older versions: which one against the current? */
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++) {
		ui_doc_time(when, sizeof when, d->versions[i].created_at);
		labels[i] = xasprintf(_("Version %d, %s, %s"),
		    d->versions[i].number, when,
		    d->versions[i].created_by.full_name != NULL ?
		    d->versions[i].created_by.full_name : "");
	}
	ui_pick_open(ui, _("Compare the current version with"),
	    (const char *const *)labels, n, false, NULL, (int)n - 1,
	    ui_diff_picked, dv);
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}
