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
#include "vanthu/text.h"
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
	} else switch (vt_draft_state_of(d)) {
	case VT_DRAFT_IN_REVIEW:
		for (i = 0; i < d->nreviewers; i++)
			if (d->reviewers[i].approved_at == NULL)
				add_name(&b, &d->reviewers[i].person);
		if (b.len == 0)
			vt_buf_puts(&b, _("the reviewers"));
		break;
	case VT_DRAFT_AWAITING_SIGNER:
	case VT_DRAFT_APPROVED:
		add_name(&b, &d->signer);
		break;
	case VT_DRAFT_SIGNED:
		vt_buf_puts(&b, _("the clerk"));
		break;
	case VT_DRAFT_RETURNED:
		add_name(&b, &d->drafter);
		break;
	case VT_DRAFT_ISSUED:
	case VT_DRAFT_STATE_UNKNOWN:
		break;
	}
	if (b.len == 0)
		vt_buf_puts(&b, "-");
	return vt_buf_steal(&b);
}

const char *
vt_draft_return_reason(const struct vt_draft *d)
{
	size_t	i;

	if (vt_draft_state_of(d) != VT_DRAFT_RETURNED)
		return NULL;
	if (d->return_reason != NULL)
		return d->return_reason;
	/* A server without return_reason: the note of the last return in
	   the processing history (its action code, docs/api.md 5). */
	for (i = d->nhistory; i > 0; i--)
		if (d->history[i - 1].action != NULL &&
		    strcmp(d->history[i - 1].action, "returned") == 0)
			return d->history[i - 1].note;
	return NULL;
}

vt_code
vt_draft_revise_check(const struct vt_draft *d, struct vt_errbuf *eb)
{
	enum vt_draft_state	st = vt_draft_state_of(d);

	if (!(d->my_roles & VT_ROLE_DRAFTER))
		return vt_fail(eb, VT_ERR_FORBIDDEN, _("only the drafter of "
		    "%s (%s) can upload a new version of it"), d->id,
		    d->drafter.full_name != NULL ? d->drafter.full_name : "?");
	if (st != VT_DRAFT_RETURNED && st != VT_DRAFT_IN_REVIEW)
		return vt_fail(eb, VT_ERR_FORBIDDEN, _("draft %s is %s: a new "
		    "version can be uploaded only while it is returned to you "
		    "or in review"), d->id, vt_draft_state_name(d->state));
	return VT_OK;
}

/* Whether USERNAME is a reviewer of D who has approved already. */
static bool
reviewer_done(const struct vt_draft *d, const char *username)
{
	size_t	i;

	for (i = 0; username != NULL && i < d->nreviewers; i++)
		if (d->reviewers[i].person.username != NULL &&
		    strcmp(d->reviewers[i].person.username, username) == 0)
			return d->reviewers[i].approved_at != NULL;
	return false;
}

unsigned
vt_draft_steps(const struct vt_draft *d, const char *username,
    enum vt_user_role role)
{
	unsigned	r = d->my_roles, steps = 0;
	bool		signer = (r & VT_ROLE_SIGNER) || (username != NULL &&
			    d->signer.username != NULL &&
			    strcmp(username, d->signer.username) == 0);
	bool		reviewer = (r & VT_ROLE_REVIEWER) != 0;

	switch (vt_draft_state_of(d)) {
	case VT_DRAFT_IN_REVIEW:
		steps |= VT_STEP_ANNOTATE;
		if (reviewer && !reviewer_done(d, username))
			steps |= VT_STEP_APPROVE;
		if (reviewer || signer)
			steps |= VT_STEP_RETURN;
		if (r & VT_ROLE_DRAFTER)
			steps |= VT_STEP_REVISE;
		break;
	case VT_DRAFT_AWAITING_SIGNER:
		steps |= VT_STEP_ANNOTATE;
		if (signer)
			steps |= VT_STEP_APPROVE | VT_STEP_RETURN |
			    VT_STEP_SIGN;
		break;
	case VT_DRAFT_APPROVED:
		steps |= VT_STEP_ANNOTATE;
		if (signer)
			steps |= VT_STEP_RETURN | VT_STEP_SIGN;
		break;
	case VT_DRAFT_SIGNED:
		if (role == VT_USER_CLERK || (r & VT_ROLE_CLERK))
			steps |= VT_STEP_AGENCY_SIGN;
		break;
	case VT_DRAFT_RETURNED:
		steps |= VT_STEP_ANNOTATE;
		if (r & VT_ROLE_DRAFTER)
			steps |= VT_STEP_REVISE;
		break;
	case VT_DRAFT_ISSUED:
		break;
	case VT_DRAFT_STATE_UNKNOWN:
		steps |= VT_STEP_ANNOTATE;
		break;
	}
	return steps;
}

vt_code
vt_draft_annotate_check(const struct vt_draft *d, const char *username,
    enum vt_user_role role, struct vt_errbuf *eb)
{
	if (vt_draft_steps(d, username, role) & VT_STEP_ANNOTATE)
		return VT_OK;
	return vt_fail(eb, VT_ERR_STATE, _("draft %s is %s: its text no "
	    "longer changes, so it takes no annotations"), d->id,
	    vt_draft_state_name(d->state));
}

int
vt_annotation_line(const char *page_text, const char *quote)
{
	size_t	start, end, i;
	int	line = 0;

	if (page_text == NULL || quote == NULL ||
	    quote[strspn(quote, " \t\r\n")] == '\0' ||
	    !vt_text_find(page_text, quote, &start, &end) || end <= start)
		return -1;
	for (i = 0; i < end - 1; i++)
		if (page_text[i] == '\n')
			line++;
	return line;
}
