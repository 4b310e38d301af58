/*
 * vanthu: the checks of a new draft's Decree 30 metadata and the date
 * format people type (see vanthu/draft-new.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
#include "vanthu/clock.h"
#include "vanthu/doctype.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define SUBJECT_MAX	500	/* characters (docs/api.md, Appendix VI) */
#define RECIPIENT_MAX	200

/* Characters (code points) of the UTF-8 string S. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Write the ISO form of a checked date into OUT (11 bytes). */
static void
iso_date(char out[11], int y, int m, int d)
{
	char	tmp[40];

	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

static bool
real_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

vt_code
vt_date_parse(const char *s, char out[11], struct vt_errbuf *eb)
{
	int	a, b, c, n = 0;
	char	sep1, sep2;

	if (sscanf(s, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 &&
	    s[n] == '\0' && n == 10) {
		if (real_date(a, b, c)) {
			iso_date(out, a, b, c);
			return VT_OK;
		}
	} else if (sscanf(s, "%2d%c%2d%c%4d%n", &a, &sep1, &b, &sep2, &c,
	    &n) == 5 && s[n] == '\0' && sep1 == sep2 &&
	    strchr("/-.", sep1) != NULL && c >= 1000) {
		if (real_date(c, b, a)) {
			iso_date(out, c, b, a);
			return VT_OK;
		}
	}
	return vt_fail(eb, VT_ERR_INVALID, _("not a date: \"%s\" (write it "
	    "as dd/mm/yyyy, for example 05/12/2026)"), s);
}

static const struct vt_person *
find_user(const struct vt_person *users, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (users[i].username != NULL &&
		    strcmp(users[i].username, name) == 0)
			return &users[i];
	return NULL;
}

static vt_code
check_people(const struct vt_draft_meta *m, const struct vt_person *users,
    size_t n, struct vt_errbuf *eb)
{
	const struct vt_person	*u;
	size_t			 i, k;

	for (i = 0; i < m->nreviewers; i++) {
		if (strcmp(m->reviewers[i], m->signer) == 0)
			return vt_fail(eb, VT_ERR_INVALID, _("the signer %s "
			    "cannot also be a reviewer"), m->signer);
		for (k = 0; k < i; k++)
			if (strcmp(m->reviewers[k], m->reviewers[i]) == 0)
				return vt_fail(eb, VT_ERR_INVALID, _("the "
				    "reviewer %s is named twice"),
				    m->reviewers[i]);
		if (users != NULL && find_user(users, n, m->reviewers[i]) ==
		    NULL)
			return vt_fail(eb, VT_ERR_INVALID, _("no such user: "
			    "%s (reviewer)"), m->reviewers[i]);
	}
	if (users == NULL)
		return VT_OK;
	if ((u = find_user(users, n, m->signer)) == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("no such user: %s "
		    "(signer)"), m->signer);
	if (vt_user_role_parse(u->role) != VT_USER_LEADER)
		return vt_fail(eb, VT_ERR_INVALID, _("the signer must be a "
		    "leader; %s (%s) is not"), u->full_name, u->username);
	return VT_OK;
}

/* The codes that differ from TYPED only by case or diacritics ("QD",
   "qđ": QĐ), as "QĐ (Quyết định)" joined by ", "; "" when none.  Never
   guessed: "HD" and "HĐ" are different types. */
static char *
codes_like(const char *typed)
{
	const struct vt_doctype	*t;
	struct vt_buf		 b;
	char			*want = vt_text_fold(typed, strlen(typed), NULL);
	char			*f;

	vt_buf_init(&b);
	for (t = vt_doctypes(NULL); *want != '\0' && t->code != NULL; t++) {
		f = vt_text_fold(t->code, strlen(t->code), NULL);
		if (strcmp(f, want) == 0)
			vt_buf_printf(&b, "%s%s (%s)", b.len > 0 ? ", " : "",
			    t->code, t->name);
		free(f);
	}
	free(want);
	f = xstrdup(b.data != NULL ? b.data : "");
	vt_buf_free(&b);
	return f;
}

static vt_code
check_type(const char *code, struct vt_errbuf *eb)
{
	char	*like;

	if (code != NULL && vt_doctype_find(code) != NULL)
		return VT_OK;
	like = codes_like(code != NULL ? code : "");
	if (*like != '\0')
		vt_fail(eb, VT_ERR_INVALID, _("unknown document type code "
		    "\"%s\": did you mean %s?"), code, like);
	else
		vt_fail(eb, VT_ERR_INVALID, _("unknown document type "
		    "code \"%s\" (Decree 30, Appendix III: QĐ, TB, KH, TTr..."
		    "; an empty code for a công văn)"),
		    code != NULL ? code : "");
	free(like);
	return VT_ERR_INVALID;
}

/* A review deadline is today or later (Vietnam time). */
static vt_code
check_due(const char *due, struct vt_errbuf *eb)
{
	char	iso[11], today[11], d1[11], d2[11];

	if (due == NULL)
		return VT_OK;
	if (vt_date_parse(due, iso, eb) != VT_OK)
		return VT_ERR_INVALID;
	vt_clock_today(today);
	if (strcmp(iso, today) < 0)
		return vt_fail(eb, VT_ERR_INVALID, _("the due date %s is "
		    "already past (today is %s)"), vt_date_vn(d1, iso),
		    vt_date_vn(d2, today));
	return VT_OK;
}

vt_code
vt_draft_meta_check(const struct vt_draft_meta *m,
    const struct vt_person *users, size_t n, struct vt_errbuf *eb)
{
	size_t	i;

	if (check_type(m->type_code, eb) != VT_OK)
		return VT_ERR_INVALID;
	if (blank(m->subject))
		return vt_fail(eb, VT_ERR_INVALID, _("the subject (trích "
		    "yếu) is empty"));
	if (chars(m->subject) > SUBJECT_MAX)
		return vt_fail(eb, VT_ERR_INVALID, _("the subject is longer "
		    "than %d characters"), SUBJECT_MAX);
	if (m->urgency < 0 || m->urgency > 4)
		return vt_fail(eb, VT_ERR_INVALID, _("urgency must be 0 to 4 "
		    "(normal to hỏa tốc hẹn giờ)"));
	if (check_due(m->due_date, eb) != VT_OK)
		return VT_ERR_INVALID;
	if (blank(m->signer))
		return vt_fail(eb, VT_ERR_INVALID, _("the signer is missing "
		    "(a leader's user name)"));
	if (m->competence != NULL && !vt_competence_valid(m->competence))
		return vt_fail(eb, VT_ERR_INVALID, _("unknown competence "
		    "\"%s\": use TM., KT., Q., TL., TUQ. or nothing"),
		    m->competence);
	for (i = 0; i < m->nrecipients; i++) {
		if (blank(m->recipients[i]))
			return vt_fail(eb, VT_ERR_INVALID, _("a recipient is "
			    "empty"));
		if (chars(m->recipients[i]) > RECIPIENT_MAX)
			return vt_fail(eb, VT_ERR_INVALID, _("a recipient is "
			    "longer than %d characters"), RECIPIENT_MAX);
	}
	return check_people(m, users, n, eb);
}
