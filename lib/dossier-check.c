/*
 * vanthu: checking a dossier's hand over folder (see
 * vt_dossier_verify_dir in vanthu/dossier.h): the SHA-256 manifest
 * (sha256sum's format) and every signature of every PDF, with the
 * verification module (vanthu/verify.h: CMS over each ByteRange, the
 * certificate chain, changes after the last signature).
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier-impl.h"
#include "vanthu/buf.h"
#include "vanthu/cache.h"
#include "vanthu/dossier.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

#define MANIFEST_MAX	(4u << 20)

const char *
vt_dcheck_name(enum vt_dcheck v)
{
	switch (v) {
	case VT_DCHECK_OK:
		return _("intact");
	case VT_DCHECK_UNSIGNED:
		return _("intact, not signed");
	case VT_DCHECK_MISSING:
		return _("MISSING");
	case VT_DCHECK_CHANGED:
		return _("CHANGED");
	case VT_DCHECK_EXTRA:
		return _("NOT IN THE MANIFEST");
	case VT_DCHECK_WEAK_SIGNATURE:
		return _("SIGNATURE NOT ACCEPTED");
	case VT_DCHECK_UNTRUSTED:
		return _("SIGNER NOT TRUSTED");
	default:
		return _("BAD SIGNATURE");
	}
}

void
vt_dcheck_result_free(struct vt_dcheck_result *res)
{
	size_t	i;

	if (res == NULL)
		return;
	for (i = 0; i < res->n; i++) {
		free(res->files[i].name);
		free(res->files[i].detail);
	}
	free(res->files);
	memset(res, 0, sizeof *res);
}

static struct vt_dcheck_file *
add_file(struct vt_dcheck_result *res, size_t *cap, const char *name,
    enum vt_dcheck v)
{
	struct vt_dcheck_file	*f;

	if (res->n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		res->files = xreallocarray(res->files, *cap,
		    sizeof *res->files);
	}
	f = &res->files[res->n++];
	memset(f, 0, sizeof *f);
	f->name = vt_text_safe(name, strlen(name), 0);
	f->verdict = v;
	return f;
}

/* A manifest name: a plain file name of the folder. */
static bool
valid_name(const char *s)
{
	const unsigned char	*p;

	if (*s == '\0' || *s == '.' || strlen(s) > 255)
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < ' ' || *p == '/' || *p == 0x7f)
			return false;
	return true;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* How bad a signature's problem is: the worst one names the file's
   verdict. */
enum sig_problem {
	SIG_FINE = 0,
	SIG_UNTRUSTED,		/* intact; the chain is not trusted */
	SIG_WEAK,		/* a hash no longer accepted (SHA-1...):
				   the bytes are not checked with it */
	SIG_BROKEN		/* wrong range, changed bytes, or a change
				   after it that it does not allow */
};

/* The problem of signature S and why (translated, from the report). */
static enum sig_problem
sig_problem(const struct vt_sig_report *s, bool trust, const char **why)
{
	size_t	k;

	*why = NULL;
	if (!s->range_ok) {
		*why = s->anomaly != NULL ? s->anomaly :
		    _("the signed range is wrong");
		return SIG_BROKEN;
	}
	if (!s->integrity && !s->hash_allowed) {
		*why = s->integrity_error;
		return SIG_WEAK;
	}
	if (!s->integrity) {
		*why = s->integrity_error != NULL ? s->integrity_error :
		    _("the signed bytes changed");
		return SIG_BROKEN;
	}
	if (!s->later_covered) {
		*why = _("changed after the last signature");
		for (k = 0; k < s->n_changes; k++)
			if (!s->changes[k].allowed &&
			    s->changes[k].what != NULL) {
				*why = s->changes[k].what;
				break;
			}
		return SIG_BROKEN;
	}
	if (trust && !s->trusted) {
		*why = s->trust_error;
		return SIG_UNTRUSTED;
	}
	return SIG_FINE;
}

/* F's verdict and detail for its worst problem P, WHY. */
static void
sig_verdict(struct vt_dcheck_file *f, enum sig_problem p, const char *why)
{
	char	*s;

	switch (p) {
	case SIG_FINE:
		return;
	case SIG_UNTRUSTED:
		f->verdict = VT_DCHECK_UNTRUSTED;
		s = why != NULL ? xasprintf(_("the signature is intact, but "
		    "the signer's certificate does not lead to a trusted "
		    "certification authority (%s)"), why) :
		    xstrdup(_("the signature is intact, but the signer's "
		    "certificate does not lead to a trusted certification "
		    "authority"));
		break;
	case SIG_WEAK:
		f->verdict = VT_DCHECK_WEAK_SIGNATURE;
		s = xasprintf(_("%s; the file is unchanged since the export, "
		    "but this signature cannot be relied on: have the document "
		    "signed again"), why != NULL ? why :
		    _("the signature uses a hash that is not allowed"));
		break;
	default:
		f->verdict = VT_DCHECK_BAD_SIGNATURE;
		s = xstrdup(why != NULL ? why : _("the signature is not "
		    "valid"));
		break;
	}
	f->detail = vt_text_safe(s, strlen(s), 0);
	free(s);
}

/*
 * Signatures of PATH into F: its verdict becomes BAD_SIGNATURE,
 * WEAK_SIGNATURE, UNTRUSTED or UNSIGNED when so (the worst problem of
 * any signature; a change is worse than an untrusted signer).  Without
 * TRUST_FILE the chains are not checked, and F's detail says so.
 */
static vt_code
check_signatures(const char *path, const char *trust_file,
    struct vt_dcheck_file *f, struct vt_errbuf *eb_out)
{
	struct vt_verify_result	 r;
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			 line[600];
	const char		*why, *worst_why = NULL;
	enum sig_problem	 p, worst = SIG_FINE;
	size_t			 i;

	memset(&r, 0, sizeof r);
	if (vt_verify_pdf(path, NULL, trust_file, &r, &eb) != VT_OK) {
		/* The trusted CAs cannot be read: no file can be judged. */
		if (eb.code == VT_ERR_CONFIG)
			return vt_fail(eb_out, eb.code, "%s", eb.detail);
		f->verdict = VT_DCHECK_BAD_SIGNATURE;
		f->detail = xstrdup(vt_errbuf_message(&eb, line, sizeof line));
		return VT_OK;
	}
	f->nsigs = r.n;
	if (r.n == 0) {
		f->verdict = VT_DCHECK_UNSIGNED;
		vt_verify_result_free(&r);
		return VT_OK;
	}
	for (i = 0; i < r.n; i++) {
		if ((p = sig_problem(&r.sigs[i], trust_file != NULL, &why)) >
		    worst) {
			worst = p;
			worst_why = why;
		}
	}
	sig_verdict(f, worst, worst_why);
	if (worst == SIG_FINE && trust_file == NULL)
		f->detail = xstrdup(_("the certificates were not checked: no "
		    "trust_file"));
	vt_verify_result_free(&r);
	return VT_OK;
}

/* One manifest line "HEX  NAME" (or "HEX *NAME"); false if malformed. */
static bool
parse_line(char *line, char **hex, char **name)
{
	size_t	n = strlen(line);

	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	if (n < 67 || strspn(line, "0123456789abcdef") != 64 ||
	    line[64] != ' ' || (line[65] != ' ' && line[65] != '*'))
		return false;
	line[64] = '\0';
	*hex = line;
	*name = line + 66;
	return valid_name(*name);
}

static vt_code
read_manifest(const char *dir, struct vt_buf *b, struct vt_errbuf *eb)
{
	char	*path = xasprintf("%s/%s", dir, DOSSIER_MANIFEST);
	vt_code	 code;

	code = vt_file_read(path, MANIFEST_MAX, b, eb);
	if (code == VT_ERR_NOT_FOUND)
		vt_fail(eb, code, _("%s: no %s: not a dossier folder written "
		    "by 'vanthu dossier export'"), dir, DOSSIER_MANIFEST);
	free(path);
	return code;
}

/* Files of DIR that the manifest does not name. */
static void
extra_files(const char *dir, char **listed, size_t nlisted,
    struct vt_dcheck_result *res, size_t *cap)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	size_t		 i;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, DOSSIER_MANIFEST) == 0)
			continue;
		for (i = 0; i < nlisted; i++)
			if (strcmp(listed[i], e->d_name) == 0)
				break;
		if (i == nlisted)
			add_file(res, cap, e->d_name, VT_DCHECK_EXTRA);
	}
	closedir(d);
}

vt_code
vt_dossier_verify_dir(const char *dir, const char *trust_file,
    struct vt_dcheck_result *res, struct vt_errbuf *eb)
{
	struct vt_buf		 b;
	struct vt_dcheck_file	*f;
	char			*line, *next, *hex, *name, *path, got[65];
	char			**listed = NULL;
	size_t			 cap = 0, nlisted = 0, i;
	vt_code			 code;

	memset(res, 0, sizeof *res);
	vt_buf_init(&b);
	if ((code = read_manifest(dir, &b, eb)) != VT_OK) {
		vt_buf_free(&b);
		return code;
	}
	for (line = b.data; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (!parse_line(line, &hex, &name)) {
			vt_dcheck_result_free(res);
			free(listed);
			vt_buf_free(&b);
			return vt_fail(eb, VT_ERR_INVALID, _("%s: malformed "
			    "line %zu"), DOSSIER_MANIFEST, nlisted + 1);
		}
		listed = xreallocarray(listed, nlisted + 1, sizeof *listed);
		listed[nlisted++] = name;
		path = xasprintf("%s/%s", dir, name);
		if (vt_sha256_file(path, got, NULL) != VT_OK)
			f = add_file(res, &cap, name, VT_DCHECK_MISSING);
		else {
			f = add_file(res, &cap, name, strcmp(got, hex) == 0 ?
			    VT_DCHECK_OK : VT_DCHECK_CHANGED);
			if (ends_with(name, ".pdf") &&
			    strcmp(name, "muc-luc.pdf") != 0) {
				enum vt_dcheck	was = f->verdict;

				code = check_signatures(path, trust_file, f,
				    eb);
				/* A changed hash says more than the rest; a
				   broken signature's reason still helps. */
				if (was == VT_DCHECK_CHANGED &&
				    f->verdict != VT_DCHECK_BAD_SIGNATURE) {
					free(f->detail);
					f->detail = NULL;
				}
				if (was == VT_DCHECK_CHANGED)
					f->verdict = was;
			}
		}
		free(path);
		if (code != VT_OK) {
			vt_dcheck_result_free(res);
			free(listed);
			vt_buf_free(&b);
			return code;
		}
	}
	extra_files(dir, listed, nlisted, res, &cap);
	free(listed);
	vt_buf_free(&b);
	res->ok = res->n > 0;
	for (i = 0; i < res->n; i++)
		if (res->files[i].verdict != VT_DCHECK_OK &&
		    res->files[i].verdict != VT_DCHECK_UNSIGNED)
			res->ok = false;
	return VT_OK;
}
