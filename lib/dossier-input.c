/*
 * vanthu: what a person types for a dossier, checked as the server
 * checks it (docs/api.md section 13) before anything is queued, so that
 * a typing mistake is said at once in the person's language instead of
 * coming back later as a refused action in the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/dossier.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

/* N..MAX characters of [0-9A-Za-z] at *P; moves *P past them. */
static bool
alnum_run(const char **p, size_t max)
{
	size_t	n = 0;

	while ((**p >= '0' && **p <= '9') || (**p >= 'A' && **p <= 'Z') ||
	    (**p >= 'a' && **p <= 'z')) {
		(*p)++;
		n++;
	}
	return n >= 1 && n <= max;
}

/* The number of characters (code points) of UTF-8 S. */
static size_t
code_points(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

bool
vt_dossier_code_valid(const char *code)
{
	const char	*p = code;
	int		 dots = 0;

	if (code == NULL || !alnum_run(&p, 6))
		return false;
	while (*p == '.' && dots < 3) {
		p++;
		dots++;
		if (!alnum_run(&p, 6))
			return false;
	}
	return *p == '\0';
}

char *
vt_dossier_retention_norm(const char *text)
{
	char	*f, *out = NULL;
	size_t	 n;

	if (text == NULL)
		return NULL;
	f = vt_text_fold(text, strlen(text), NULL);
	/* Folding drops case and marks: "Vĩnh viễn", "vinh vien". */
	n = strspn(f, "0123456789");
	if (strcmp(f, "vinh vien") == 0)
		out = xstrdup("vĩnh viễn");
	else if (n >= 1 && n <= 3 && (strcmp(f + n, " nam") == 0 ||
	    strcmp(f + n, "nam") == 0) && strtol(f, NULL, 10) > 0)
		out = xasprintf("%ld năm", strtol(f, NULL, 10));
	free(f);
	return out;
}

vt_code
vt_dossier_doc_check(const char *document_id, struct vt_errbuf *eb)
{
	const char	*p = document_id;

	if (p != NULL && (*p == 'i' || *p == 'd') && p[1] != '\0' &&
	    strlen(p + 1) <= 18 && p[1 + strspn(p + 1, "0123456789")] == '\0')
		return VT_OK;
	return vt_fail(eb, VT_ERR_INVALID, _("%s is not a document: give an "
	    "incoming document (i12, or its arrival number) or a draft or "
	    "issued document (d7)"), document_id != NULL ? document_id : "");
}

vt_code
vt_dossier_new_check(struct vt_dossier_new *n, char **retention,
    struct vt_errbuf *eb)
{
	*retention = NULL;
	if (n->entry_id != NULL)
		return VT_OK;
	if (!vt_dossier_code_valid(n->code))
		return vt_fail(eb, VT_ERR_INVALID, _("%s is not a dossier code: "
		    "a code is a section and an order, as 01.05"),
		    n->code != NULL ? n->code : "");
	if (n->title == NULL || n->title[strspn(n->title, " ")] == '\0')
		return vt_fail(eb, VT_ERR_INVALID, _("a dossier outside the "
		    "list needs a title"));
	if (code_points(n->title) > 500)
		return vt_fail(eb, VT_ERR_INVALID, _("the title is longer than "
		    "500 characters"));
	if ((*retention = vt_dossier_retention_norm(n->retention)) == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("the retention period is "
		    "a number of years (\"5 năm\", \"10 năm\") or \"vĩnh "
		    "viễn\" (permanent)"));
	n->retention = *retention;
	return VT_OK;
}

vt_code
vt_dossier_end_check(const struct vt_dossier *d, const char *end_date,
    struct vt_errbuf *eb)
{
	char	start[11], end[11];

	if (end_date == NULL || d->start_date == NULL ||
	    strcmp(end_date, d->start_date) >= 0)
		return VT_OK;
	vt_date_vn(start, d->start_date);
	vt_date_vn(end, end_date);
	return vt_fail(eb, VT_ERR_INVALID, _("the end date %s is before the "
	    "dossier's start date %s"), end, start);
}
