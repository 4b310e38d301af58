/*
 * vanthu: the clerk's check of an arrived document's signatures before
 * registration (Decree 30/2020/ND-CP art. 22: authenticity and
 * integrity), on top of the verification module (vanthu/verify.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/i18n.h"
#include "vanthu/register.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

enum vt_sigcheck
vt_sigcheck_classify(const struct vt_verify_result *res)
{
	size_t	i;

	if (res == NULL)
		return VT_SIGCHECK_UNCHECKED;
	if (res->n == 0)
		return VT_SIGCHECK_NONE;
	for (i = 0; i < res->n; i++) {
		if (!res->sigs[i].range_ok || !res->sigs[i].integrity)
			return VT_SIGCHECK_BROKEN;
	}
	/* The verification module's difference analysis: a later change
	   that this signature does not allow (not a signature, timestamp,
	   form filling... that its DocMDP permits). */
	for (i = 0; i < res->n; i++) {
		if (!res->sigs[i].later_covered)
			return VT_SIGCHECK_CHANGED;
	}
	for (i = 0; i < res->n; i++) {
		if (!res->sigs[i].trusted)
			return VT_SIGCHECK_UNTRUSTED;
	}
	return VT_SIGCHECK_VALID;
}

bool
vt_sigcheck_flagged(enum vt_sigcheck v)
{
	return v != VT_SIGCHECK_VALID;
}

const char *
vt_sigcheck_message(enum vt_sigcheck v)
{
	switch (v) {
	case VT_SIGCHECK_VALID:
		return _("the digital signature is valid and trusted");
	case VT_SIGCHECK_UNTRUSTED:
		return _("the signature is intact but its certificate is not "
		    "trusted (check trust_file)");
	case VT_SIGCHECK_NONE:
		return _("the document has NO digital signature");
	case VT_SIGCHECK_BROKEN:
		return _("the digital signature is BROKEN: the signed bytes "
		    "were changed");
	case VT_SIGCHECK_CHANGED:
		return _("the document was CHANGED after it was signed");
	case VT_SIGCHECK_UNCHECKED:
		break;
	}
	return _("the signature could not be checked");
}

const char *
vt_sigcheck_note(enum vt_sigcheck v)
{
	/* Text for the agency's register and for the sender: Vietnamese,
	   whatever the clerk's locale. */
	switch (v) {
	case VT_SIGCHECK_VALID:
		return "Chữ ký số hợp lệ";
	case VT_SIGCHECK_UNTRUSTED:
		return "Chữ ký số nguyên vẹn, chứng thư chưa được xác thực";
	case VT_SIGCHECK_NONE:
		return "Văn bản không có chữ ký số";
	case VT_SIGCHECK_BROKEN:
		return "Chữ ký số không hợp lệ (nội dung đã ký bị thay đổi)";
	case VT_SIGCHECK_CHANGED:
		return "Văn bản bị sửa đổi sau khi ký số";
	case VT_SIGCHECK_UNCHECKED:
		break;
	}
	return "Chưa kiểm tra được chữ ký số";
}

void
vt_reg_check_clear(struct vt_reg_check *r)
{
	if (r == NULL)
		return;
	free(r->filename);
	free(r->signer);
	free(r->signing_time);
	free(r->detail);
	memset(r, 0, sizeof *r);
}

static char *
safe_dup(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	return vt_text_safe(s, strlen(s), 0);
}

/* The main attachment: the first PDF. */
static const struct vt_attachment *
main_attachment(const struct vt_doc *doc)
{
	size_t	i;

	for (i = 0; i < doc->nattachments; i++) {
		const char *t = doc->attachments[i].content_type;

		if (t == NULL || strcmp(t, "application/pdf") == 0)
			return &doc->attachments[i];
	}
	return NULL;
}

/* Fill OUT from a verification result. */
static void
check_fill(struct vt_reg_check *out, const struct vt_verify_result *res)
{
	const struct vt_sig_report	*last;
	size_t				 i;

	out->verdict = vt_sigcheck_classify(res);
	if (res->n == 0)
		return;
	/* The last signature (not a document timestamp's TSA). */
	last = &res->sigs[res->n - 1];
	for (i = res->n; i-- > 0;) {
		if (res->sigs[i].kind == VT_SIG_SIGNATURE) {
			last = &res->sigs[i];
			break;
		}
	}
	out->signer = safe_dup(last->signer.common_name);
	out->signing_time = safe_dup(last->signing_time);
	for (i = 0; i < res->n && out->detail == NULL; i++) {
		const struct vt_sig_report *r = &res->sigs[i];
		size_t			    k;

		for (k = 0; k < r->n_changes && out->detail == NULL; k++) {
			if (!r->changes[k].allowed)
				out->detail = safe_dup(r->changes[k].what);
		}
		if (out->detail != NULL)
			break;
		if (r->anomaly != NULL && !r->range_ok)
			out->detail = safe_dup(r->anomaly);
		else if (res->sigs[i].integrity_error != NULL &&
		    !res->sigs[i].integrity)
			out->detail = safe_dup(res->sigs[i].integrity_error);
		else if (res->sigs[i].trust_error != NULL &&
		    !res->sigs[i].trusted)
			out->detail = safe_dup(res->sigs[i].trust_error);
	}
}

static vt_code
unchecked(struct vt_reg_check *out, vt_code code, struct vt_errbuf *eb)
{
	char	line[600];

	out->verdict = VT_SIGCHECK_UNCHECKED;
	free(out->detail);
	out->detail = xstrdup(vt_errbuf_message(eb, line, sizeof line));
	return code;
}

vt_code
vt_register_check(struct vt_client *c, struct vt_cache *cache,
    const struct vt_doc *doc, const char *trust_file,
    struct vt_reg_check *out, struct vt_errbuf *eb)
{
	const struct vt_attachment	*att;
	struct vt_verify_result		 res;
	char				*path;
	vt_code				 code;

	memset(out, 0, sizeof *out);
	out->verdict = VT_SIGCHECK_UNCHECKED;
	if ((att = main_attachment(doc)) == NULL)
		return unchecked(out, vt_fail(eb, VT_ERR_NOT_FOUND,
		    _("%s has no attached PDF file"), doc->id), eb);
	out->filename = safe_dup(att->filename);
	if (cache == NULL ||
	    (path = vt_cache_attachment_path(cache, att->sha256)) == NULL)
		return unchecked(out, vt_fail(eb, VT_ERR_PROTOCOL,
		    _("no place to keep the file")), eb);
	if (access(path, R_OK) != 0) {
		code = c != NULL ? vt_api_download(c, att, path, eb) :
		    vt_fail(eb, VT_ERR_OFFLINE, _("the file is not in the "
		    "offline copy"));
		if (code != VT_OK) {
			free(path);
			return unchecked(out, code, eb);
		}
	}
	memset(&res, 0, sizeof res);
	code = vt_verify_pdf(path, NULL, trust_file, &res, eb);
	free(path);
	if (code != VT_OK) {
		vt_verify_result_free(&res);
		return unchecked(out, code, eb);
	}
	check_fill(out, &res);
	vt_verify_result_free(&res);
	return VT_OK;
}
