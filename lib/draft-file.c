/*
 * vanthu: the file of a draft: a PDF as it is, or an OpenDocument /
 * Word file converted to PDF by LibreOffice in headless mode (see
 * vanthu/draft-new.h).  LibreOffice runs as a child process with its
 * own profile in a temporary directory, so a running office does not
 * swallow the request; nothing of it reaches the terminal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vanthu/file.h"
#include "vanthu/draft-new.h"
#include "vanthu/i18n.h"
#include "vanthu/numfields.h"
#include "vanthu/pdftext.h"
#include "vanthu/xmalloc.h"

extern char **environ;

static const char *const office_exts[] = {
	".odt", ".docx", ".doc", ".rtf", NULL
};

static bool
ends_with(const char *s, const char *tail)
{
	size_t	a = strlen(s), b = strlen(tail);

	return a >= b && strcasecmp(s + a - b, tail) == 0;
}

static bool
office_file(const char *path)
{
	const char *const	*e;

	for (e = office_exts; *e != NULL; e++)
		if (ends_with(path, *e))
			return true;
	return false;
}

/* The program in $PATH named NAME, as a new string, or NULL. */
static char *
find_program(const char *name)
{
	const char	*path = getenv("PATH"), *p, *end;
	char		*full;

	if (path == NULL)
		path = "/usr/bin:/bin";
	for (p = path; ; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		full = xasprintf("%.*s/%s", (int)(end - p),
		    end > p ? p : ".", name);
		if (access(full, X_OK) == 0)
			return full;
		free(full);
		if (*end == '\0')
			return NULL;
	}
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

/* The base name of PATH without its extension, ".pdf" added. */
static char *
pdf_name(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	return xasprintf("%.*s.pdf", (int)(dot - base), base);
}

static vt_code
run_office(const char *office, const char *dir, const char *path,
    struct vt_errbuf *eb)
{
	posix_spawn_file_actions_t	 fa;
	char				*profile, *argv[9];
	pid_t				 pid;
	int				 status, rc;

	profile = xasprintf("-env:UserInstallation=file://%s/profile", dir);
	argv[0] = (char *)office;
	argv[1] = profile;
	argv[2] = (char *)"--headless";
	argv[3] = (char *)"--convert-to";
	argv[4] = (char *)"pdf";
	argv[5] = (char *)"--outdir";
	argv[6] = (char *)dir;
	argv[7] = (char *)path;
	argv[8] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawn(&pid, office, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(profile);
	if (rc != 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", office, strerror(rc));
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return vt_fail(eb, VT_ERR_IO, "waitpid: %s",
			    strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return vt_fail(eb, VT_ERR_INVALID, _("LibreOffice could not "
		    "convert %s to PDF"), path);
	return VT_OK;
}

/* Convert the office file PATH to PDF bytes in OUT. */
static vt_code
convert(const char *path, struct vt_buf *out, struct vt_errbuf *eb)
{
	char	*office, *tmpl, *pdf, *name;
	vt_code	 code;

	if ((office = find_program("libreoffice")) == NULL &&
	    (office = find_program("soffice")) == NULL)
		return vt_fail(eb, VT_ERR_INVALID, _("%s is not a PDF and "
		    "LibreOffice is not installed to convert it (install the "
		    "libreoffice-writer package, or save the file as PDF "
		    "and give that)"), path);
	tmpl = xasprintf("%s/vanthu-convert.XXXXXX", getenv("TMPDIR") !=
	    NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpl) == NULL) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", tmpl, strerror(errno));
		free(tmpl);
		free(office);
		return code;
	}
	code = run_office(office, tmpl, path, eb);
	name = pdf_name(path);
	pdf = xasprintf("%s/%s", tmpl, name);
	if (code == VT_OK && vt_file_read(pdf, VT_DRAFT_PDF_MAX + 1, out,
	    eb) != VT_OK)
		code = vt_fail(eb, VT_ERR_INVALID, _("LibreOffice could not "
		    "convert %s to PDF"), path);
	nftw(tmpl, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(pdf);
	free(name);
	free(tmpl);
	free(office);
	return code;
}

vt_code
vt_draft_file_load(const char *path, struct vt_buf *out, char **name,
    struct vt_errbuf *eb)
{
	struct vt_pdf_text	*pdf;
	struct vt_errbuf	 e = { VT_OK, "" };
	vt_code			 code;
	size_t			 start = out->len;

	*name = NULL;
	if (access(path, R_OK) != 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	if (office_file(path))
		code = convert(path, out, eb);
	else
		code = vt_file_read(path, VT_DRAFT_PDF_MAX + 1, out, eb);
	if (code == VT_ERR_TOO_BIG || (code == VT_OK &&
	    out->len - start > VT_DRAFT_PDF_MAX))
		return vt_fail(eb, VT_ERR_TOO_BIG, _("%s is larger than the "
		    "server's limit of %u MiB for a draft"), path,
		    VT_DRAFT_PDF_MAX >> 20);
	if (code != VT_OK)
		return code;
	if (out->len - start < 5 || memcmp(out->data + start, "%PDF-", 5) !=
	    0)
		return vt_fail(eb, VT_ERR_PDF, _("%s is not a PDF file (a "
		    "draft is a PDF, or an .odt or .docx file to convert)"),
		    path);
	if (vt_pdf_text_open_memory(out->data + start, out->len - start,
	    NULL, &pdf, &e) != VT_OK)
		return vt_fail(eb, VT_ERR_PDF, _("%s cannot be read as a PDF: "
		    "%s"), path, e.detail);
	vt_pdf_text_close(pdf);
	*name = office_file(path) ? pdf_name(path) : xstrdup(strrchr(path,
	    '/') != NULL ? strrchr(path, '/') + 1 : path);
	return VT_OK;
}

vt_code
vt_draft_submit_fields(const void *pdf, size_t len, struct vt_buf *out,
    bool *added, struct vt_errbuf *eb)
{
	return vt_draft_submit_fields_at(pdf, len, NULL, NULL, out, added, eb);
}

vt_code
vt_draft_box_parse(const char *s, struct vt_numbox *box,
    struct vt_errbuf *eb)
{
	float	x, y, w, h;
	int	n = 0;

	if (sscanf(s, "%f,%f,%f,%f%n", &x, &y, &w, &h, &n) != 4 ||
	    s[n] != '\0' || x < 0 || y < 0 || w <= 0 || h <= 0 ||
	    x + w > 5000 || y + h > 5000)
		return vt_fail(eb, VT_ERR_INVALID, _("not a box: \"%s\" "
		    "(write X,Y,WIDTH,HEIGHT in points from the top left "
		    "corner of page 1, for example 60,80,200,16)"), s);
	memset(box, 0, sizeof *box);
	box->page = 1;
	box->x = x;
	box->y = y;
	box->w = w;
	box->h = h;
	return VT_OK;
}

/* The detail of EB names the temporary copy TMP: name SHOWN instead
   (the user's file, or "the file"), so that no message points at a file
   that is gone. */
static void
unname_temp(struct vt_errbuf *eb, const char *tmp, const char *shown)
{
	char	*at, *rest;

	if (eb == NULL || (at = strstr(eb->detail, tmp)) == NULL)
		return;
	rest = xstrdup(at + strlen(tmp));
	*at = '\0';
	snprintf(at, sizeof eb->detail - (size_t)(at - eb->detail), "%s%s",
	    shown != NULL ? shown : _("the file"), rest);
	free(rest);
}

vt_code
vt_draft_submit_fields_at(const void *pdf, size_t len,
    const struct vt_numbox *number, const struct vt_numbox *date,
    struct vt_buf *out, bool *added, struct vt_errbuf *eb)
{
	return vt_draft_submit_fields_of(NULL, pdf, len, number, date, out,
	    added, eb);
}

vt_code
vt_draft_submit_fields_of(const char *shown, const void *pdf, size_t len,
    const struct vt_numbox *number, const struct vt_numbox *date,
    struct vt_buf *out, bool *added, struct vt_errbuf *eb)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	vt_code		 code;
	int		 fd;

	*added = false;
	vt_buf_reset(out);
	path = xasprintf("%s/vanthu-submit.XXXXXX", dir != NULL && *dir ?
	    dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
		free(path);
		return code;
	}
	close(fd);
	code = vt_file_write_atomic(path, pdf, len, 0600, eb);
	if (code == VT_OK)
		code = vt_numfields_add(path, path, number, date, eb);
	if (code == VT_OK) {
		code = vt_file_read(path, VT_DRAFT_PDF_MAX + (1u << 20), out,
		    eb);
		*added = code == VT_OK;
	} else if (code == VT_ERR_INVALID && number == NULL &&
	    date == NULL) {
		/* No "Số:" or date line on page 1, the fields are there
		   already, or the file is signed: sent as it is. */
		vt_buf_add(out, pdf, len);
		code = VT_OK;
	}
	unname_temp(eb, path, shown);
	unlink(path);
	free(path);
	return code;
}
