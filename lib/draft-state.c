/*
 * vanthu: what a drafter wants to know of a draft: whose turn it is and
 * why it was returned (see vanthu/draft-new.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static void
add_name(struct vt_buf *b, const struct vt_person *p)
{
	if (b->len > 0)
		vt_buf_puts(b, ", ");
	vt_buf_puts(b, p->full_name != NULL ? p->full_name :
	    p->username != NULL ? p->username : "?");
}

char *
vt_draft_turn(const struct vt_draft *d)
{
	struct vt_buf	b;
	size_t		i;

	vt_buf_init(&b);
	if (d->has_turn) {
		for (i = 0; i < d->nturn; i++)
			add_name(&b, &d->turn[i]);
	} else if (strcmp(d->state, "in_review") == 0) {
		for (i = 0; i < d->nreviewers; i++)
			if (d->reviewers[i].approved_at == NULL)
				add_name(&b, &d->reviewers[i].person);
		if (b.len == 0)
			vt_buf_puts(&b, _("the reviewers"));
	} else if (strcmp(d->state, "awaiting_signer") == 0 ||
	    strcmp(d->state, "approved") == 0)
		add_name(&b, &d->signer);
	else if (strcmp(d->state, "signed") == 0)
		vt_buf_puts(&b, _("the clerk"));
	else if (strcmp(d->state, "returned") == 0)
		add_name(&b, &d->drafter);
	if (b.len == 0)
		vt_buf_puts(&b, "-");
	return vt_buf_steal(&b);
}

const char *
vt_draft_return_reason(const struct vt_draft *d)
{
	size_t	i;

	if (d->state == NULL || strcmp(d->state, "returned") != 0)
		return NULL;
	if (d->return_reason != NULL)
		return d->return_reason;
	for (i = d->nhistory; i > 0; i--)
		if (d->history[i - 1].action != NULL &&
		    strcmp(d->history[i - 1].action, "returned") == 0)
			return d->history[i - 1].note;
	return NULL;
}
