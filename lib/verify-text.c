/*
 * vanthu: the verdict of vt_verify_pdf() in a clerk's words, written
 * once for `vanthu verify` and the interface's document view.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/buf.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

static void
put(struct vt_buf *b, const char *s)
{
	vt_buf_add(b, s, strlen(s));
}

static void
putf(struct vt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
putf(struct vt_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	put(b, s);
	free(s);
}

/* S from the file, with control and bidi characters made harmless. */
static void
put_safe(struct vt_buf *b, const char *s)
{
	char	*safe = vt_text_safe(s, strlen(s), 0);

	put(b, safe);
	free(safe);
}

static void
line(struct vt_buf *b, const char *label, const char *value)
{
	put(b, "  ");
	put(b, label);
	put_safe(b, value);
	put(b, "\n");
}

static void
changed_lines(struct vt_buf *b, const struct vt_sig_report *r)
{
	char	 buf[200];
	size_t	 k;

	if (r->revision == 0)
		snprintf(buf, sizeof buf, "%s", _("unknown: the signature does "
		    "not end at a revision of the document"));
	else if (r->n_changes == 0 && r->bytes_after == 0)
		snprintf(buf, sizeof buf, "%s", _("no: the signature covers "
		    "the whole file"));
	else if (r->n_changes == 0)
		snprintf(buf, sizeof buf, _("no: only %lld bytes of white "
		    "space follow"), r->bytes_after);
	else if (r->later_covered)
		snprintf(buf, sizeof buf, "%s", _("only by allowed changes:"));
	else
		snprintf(buf, sizeof buf, "%s", _("YES: the document was "
		    "changed after this signature:"));
	line(b, _("Changed after:  "), buf);
	for (k = 0; k < r->n_changes; k++) {
		const struct vt_sig_change *c = &r->changes[k];

		put(b, "    ");
		putf(b, _("revision %d: "), c->revision);
		put_safe(b, c->what);
		putf(b, " [%s: %s]\n", vt_change_class_label(c->cls),
		    c->allowed ? _("allowed") : _("NOT ALLOWED"));
	}
}

enum vt_verify_status
vt_verify_sig_status(const struct vt_sig_report *r)
{
	if (r->valid)
		return VT_VERIFY_VALID;
	/* All that vt_verify_pdf() asks of a valid one but the chain. */
	if (r->no_trust_store && !r->trusted && r->range_ok &&
	    r->integrity && r->hash_allowed && r->later_covered &&
	    r->sig_timestamp >= 0 && r->revocation != VT_REV_REVOKED &&
	    r->revocation != VT_REV_UNKNOWN)
		return VT_VERIFY_INDETERMINATE;
	return VT_VERIFY_INVALID;
}

enum vt_verify_status
vt_verify_status(const struct vt_verify_result *res)
{
	enum vt_verify_status	 worst = VT_VERIFY_VALID, st;
	size_t			 i;

	if (res->n == 0)
		return VT_VERIFY_INVALID;
	for (i = 0; i < res->n; i++)
		if ((st = vt_verify_sig_status(&res->sigs[i])) > worst)
			worst = st;
	return worst;
}

const char *
vt_verify_status_name(enum vt_verify_status st)
{
	switch (st) {
	case VT_VERIFY_VALID:
		return "valid";
	case VT_VERIFY_INDETERMINATE:
		return "indeterminate";
	default:
		return "invalid";
	}
}

const char *
vt_verify_headline(const struct vt_verify_result *res)
{
	if (res->n == 0)
		return _("Digital signatures: none (the file is not signed)");
	switch (vt_verify_status(res)) {
	case VT_VERIFY_VALID:
		return _("Digital signatures: all valid (details after the "
		    "text)");
	case VT_VERIFY_INDETERMINATE:
		return _("Digital signatures: intact, but the SIGNER was NOT "
		    "CHECKED: trust_file is not set (details after the text)");
	default:
		return _("Digital signatures: WARNING, NOT all valid (details "
		    "after the text)");
	}
}

char *
vt_verify_result_text(const struct vt_sig_report *r)
{
	char	when[40];

	if (r->valid)
		return xstrdup(_("VALID"));
	if (vt_verify_sig_status(r) == VT_VERIFY_INDETERMINATE)
		return xstrdup(_("NOT VERIFIED: no trusted certificate to "
		    "check the signer"));
	if (r->kind == VT_SIG_TIMESTAMP && r->revocation == VT_REV_REVOKED)
		return xstrdup(_("NOT VALID: the timestamp authority's "
		    "certificate was revoked"));
	if (r->kind == VT_SIG_TIMESTAMP && r->revocation == VT_REV_UNKNOWN)
		return xstrdup(_("NOT VALID: whether the timestamp authority's "
		    "certificate was revoked cannot be found out"));
	/* No timestamp proves when it was signed: its signing time
	   (/M, the signer's clock) cannot be set against the revocation. */
	if (r->revocation == VT_REV_REVOKED && r->sig_timestamp <= 0) {
		if (r->revoked_at == 0)
			return xstrdup(_("NOT VALID: the signing time is not "
			    "proven by a timestamp and the certificate is "
			    "revoked"));
		return xasprintf(_("NOT VALID: the signing time is not proven "
		    "by a timestamp and the certificate is revoked since %s"),
		    vt_clock_show_time(r->revoked_at,
		    VT_CLOCK_DATETIME_SECONDS, when, sizeof when));
	}
	if (r->revocation == VT_REV_REVOKED)
		return xstrdup(_("NOT VALID: the certificate was revoked before "
		    "the signing time"));
	if (r->revocation == VT_REV_UNKNOWN)
		return xstrdup(_("NOT VALID: whether the certificate was revoked "
		    "cannot be found out"));
	if (r->sig_timestamp < 0 && r->range_ok && r->integrity &&
	    r->trusted)
		return xstrdup(_("NOT VALID: its signature timestamp is not "
		    "valid"));
	if (r->range_ok && r->integrity && r->hash_allowed &&
	    !r->later_covered)
		return xstrdup(_("NOT VALID: valid for the revision it signed, "
		    "but the document was changed after it"));
	return xstrdup(_("NOT VALID"));
}

/* "NAME (UID)", "NAME" when the certificate has no UID, then
   " [agency]" for an agency's certificate. */
static void
signer_name(char *buf, size_t len, const struct vt_sig_report *r)
{
	const char	*agency = r->signer.kind == VT_CERT_AGENCY ?
			    _(" [agency]") : "";

	if (r->signer.uid[0] != '\0')
		snprintf(buf, len, "%s (%s)%s", r->signer.common_name,
		    r->signer.uid, agency);
	else
		snprintf(buf, len, "%s%s", r->signer.common_name, agency);
}

static void
sig_text(struct vt_buf *b, const struct vt_sig_report *r, size_t i,
    int revisions)
{
	char	 buf[700], when[40], *result;

	putf(b, r->kind == VT_SIG_TIMESTAMP ? _("Timestamp %zu: ") :
	    _("Signature %zu: "), i + 1);
	put_safe(b, r->field[0] != '\0' ? r->field : _("(no field)"));
	put(b, " (");
	put_safe(b, r->subfilter);
	put(b, ", ");
	put_safe(b, r->digest);
	put(b, ")\n");
	if (r->anomaly != NULL)
		line(b, _("Anomaly:        "), r->anomaly);
	signer_name(buf, sizeof buf, r);
	line(b, r->kind == VT_SIG_TIMESTAMP ? _("Authority:      ") :
	    _("Signer:         "), buf);
	line(b, _("Issuer:         "), r->signer.issuer);
	if (r->kind == VT_SIG_TIMESTAMP)
		line(b, _("Time:           "), vt_clock_show(r->timestamp,
		    VT_CLOCK_DATETIME_SECONDS, when, sizeof when));
	else
		line(b, _("Signing time:   "), vt_clock_show(r->signing_time,
		    VT_CLOCK_DATETIME_SECONDS, when, sizeof when));
	if (r->algorithm[0] != '\0')
		line(b, _("Algorithm:      "), r->algorithm);
	if (r->revision > 0) {
		snprintf(buf, sizeof buf, _("revision %d of %d"), r->revision,
		    revisions);
		line(b, _("Covers:         "), buf);
	}
	if (r->docmdp > 0) {
		snprintf(buf, sizeof buf, _("certifies the document: changes "
		    "allowed at level %d"), r->docmdp);
		line(b, _("Permissions:    "), buf);
	}
	line(b, _("Integrity:      "), r->integrity ?
	    _("intact: the signed bytes are unchanged") : r->integrity_error);
	line(b, _("Certificate:    "), r->trusted ? _("trusted") :
	    r->trust_error != NULL ? r->trust_error : _("not checked"));
	if (r->kind == VT_SIG_SIGNATURE && r->sig_timestamp != 0)
		line(b, _("Timestamp:      "), r->sig_timestamp > 0 ?
		    vt_clock_show(r->timestamp, VT_CLOCK_DATETIME_SECONDS,
		    when, sizeof when) : r->sig_timestamp_error);
	/* A timestamp not accepted for its authority says so above. */
	if (r->ts_revocation_text != NULL && r->sig_timestamp > 0)
		line(b, _("TSA revocation: "), r->ts_revocation_text);
	if (r->revocation_text != NULL)
		line(b, _("Revocation:     "), r->revocation_text);
	if (r->in_dss)
		line(b, _("Long-term:      "), _("the document keeps the "
		    "validation data of this signature (DSS)"));
	changed_lines(b, r);
	result = vt_verify_result_text(r);
	line(b, _("Result:         "), result);
	free(result);
}

/* The last line when all is valid: NSIG signatures and NTS document
   timestamps, each counted for what it is. */
static void
valid_summary(struct vt_buf *b, size_t nsig, size_t nts)
{
	char	*sigs, *tss;

	if (nts == 0) {
		putf(b, ngettext("The signature is valid.\n",
		    "All %zu signatures are valid.\n", nsig), nsig);
		return;
	}
	if (nsig == 0) {
		putf(b, ngettext("The document timestamp is valid.\n",
		    "All %zu document timestamps are valid.\n", nts), nts);
		return;
	}
	sigs = xasprintf(ngettext("%zu signature", "%zu signatures", nsig),
	    nsig);
	tss = xasprintf(ngettext("%zu document timestamp",
	    "%zu document timestamps", nts), nts);
	/* TRANSLATORS: "2 signatures" and "1 document timestamp". */
	putf(b, _("All are valid: %s and %s.\n"), sigs, tss);
	free(sigs);
	free(tss);
}

char *
vt_verify_report_text(const struct vt_verify_result *res, const char *name)
{
	struct vt_buf	 b;
	size_t		 i, nts = 0;

	vt_buf_init(&b);
	if (res->n == 0) {
		char	*safe = vt_text_safe(name, strlen(name), 0);

		putf(&b, _("%s: no signatures.\n"), safe);
		free(safe);
		return vt_buf_steal(&b);
	}
	for (i = 0; i < res->n; i++) {
		sig_text(&b, &res->sigs[i], i, res->revisions);
		if (res->sigs[i].kind == VT_SIG_TIMESTAMP)
			nts++;
	}
	switch (vt_verify_status(res)) {
	case VT_VERIFY_VALID:
		valid_summary(&b, res->n - nts, nts);
		break;
	case VT_VERIFY_INDETERMINATE:
		putf(&b, ngettext("The signature is intact, but its signer "
		    "was NOT checked: trust_file is not set (see "
		    "vanthu.conf(5)).\n", "All %zu signatures are intact, but "
		    "their signers were NOT checked: trust_file is not set "
		    "(see vanthu.conf(5)).\n", res->n), res->n);
		break;
	default:
		put(&b, _("The document's signatures are NOT all valid.\n"));
		break;
	}
	return vt_buf_steal(&b);
}

char *
vt_verify_report_brief(const struct vt_verify_result *res)
{
	struct vt_buf	 b;
	size_t		 i;
	char		*result;

	vt_buf_init(&b);
	for (i = 0; i < res->n; i++) {
		const struct vt_sig_report *r = &res->sigs[i];

		putf(&b, r->kind == VT_SIG_TIMESTAMP ? _("Timestamp %zu: ") :
		    _("Signature %zu: "), i + 1);
		put_safe(&b, r->signer.common_name[0] != '\0' ?
		    r->signer.common_name : r->field);
		put(&b, " - ");
		result = vt_verify_result_text(r);
		put(&b, result);
		free(result);
		put(&b, "\n");
	}
	if (res->n == 0)
		put(&b, _("The file has no digital signature.\n"));
	return vt_buf_steal(&b);
}
