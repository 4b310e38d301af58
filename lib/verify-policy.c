/*
 * vanthu: the one verification policy of a file vanthu signed, checked
 * before it is sent (include/vanthu/verify.h): every signature intact
 * and trusted (RFC 5652 over the ByteRange, RFC 5280 chain), the last
 * one covering the file (ISO 32000-1 12.8.1), nothing else added after
 * the earlier ones than the policy allows.
 */
#include "config.h"

#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/verify.h"

/* The first later change to R that POLICY refuses: one its permissions
   do not allow (lib/verify-rev.c classed it), or a form field filled
   when POLICY does not allow that.  NULL when there is none. */
static const char *
change_fault(const struct vt_sig_report *r,
    const struct vt_verify_policy *policy)
{
	size_t	 k;

	for (k = 0; k < r->n_changes; k++)
		if (!r->changes[k].allowed ||
		    (r->changes[k].cls == VT_CHANGE_FORM_FILL &&
		    !(policy->allow & VT_VERIFY_ALLOW_FORM_FILL)))
			return r->changes[k].what;
	return NULL;
}

/* Whether POLICY lets R, the last signature of its file, be followed
   by what came after it: only a DSS and document timestamps (PAdES
   B-LT, B-LTA; the timestamps are checked as entries of their own). */
static int
vdata_only(const struct vt_sig_report *r,
    const struct vt_verify_policy *policy)
{
	size_t	 k;

	if (!(policy->allow & VT_VERIFY_ALLOW_VDATA))
		return 0;
	for (k = 0; k < r->n_changes; k++)
		if (r->changes[k].cls != VT_CHANGE_DSS &&
		    r->changes[k].cls != VT_CHANGE_TIMESTAMP)
			return 0;
	return 1;
}

/* Whether entry I of RES is the last signature (not a document
   timestamp) of the file. */
static int
last_signature(const struct vt_verify_result *res, size_t i)
{
	size_t	 k;

	if (res->sigs[i].kind != VT_SIG_SIGNATURE)
		return 0;
	for (k = i + 1; k < res->n; k++)
		if (res->sigs[k].kind == VT_SIG_SIGNATURE)
			return 0;
	return 1;
}

/* The first reason why signature I of RES breaks POLICY, or NULL. */
static const char *
sig_fault(const struct vt_verify_result *res, size_t i,
    const struct vt_verify_policy *policy)
{
	const struct vt_sig_report	*r = &res->sigs[i];
	const char			*why;

	if (r->anomaly != NULL)
		return r->anomaly;
	if (!r->range_ok)
		return _("its byte range does not cover the file around its "
		    "signature value");
	if (!r->integrity)
		return r->integrity_error != NULL ? r->integrity_error :
		    _("the signed bytes were changed");
	if (!r->trusted)
		return r->trust_error != NULL ? r->trust_error :
		    _("the certificate is not trusted");
	if (r->sig_timestamp < 0)
		return r->sig_timestamp_error;
	if ((r->revocation == VT_REV_REVOKED ||
	    r->revocation == VT_REV_UNKNOWN) && r->revocation_text != NULL)
		return r->revocation_text;
	if (i + 1 == res->n && r->bytes_after != 0 &&
	    !(last_signature(res, i) && vdata_only(r, policy)))
		return _("the file was changed after the last signature");
	if (last_signature(res, i) && i + 1 < res->n &&
	    !vdata_only(r, policy))
		return _("the file was changed after the last signature");
	if ((why = change_fault(r, policy)) != NULL)
		return why;
	if (!r->later_covered)
		return _("the file was changed after this signature");
	return NULL;
}

vt_code
vt_verify_policy_check(const char *path, const char *trust_file,
    const struct vt_verify_policy *policy, struct vt_verify_result *res,
    struct vt_errbuf *eb)
{
	struct vt_verify_result	 mine;
	struct vt_verify_result	*r = res != NULL ? res : &mine;
	const char		*why;
	vt_code			 rc = VT_OK;
	size_t			 i;

	memset(r, 0, sizeof *r);
	if (trust_file == NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("set trust_file in the "
		    "configuration: a signed file is verified against it "
		    "before it is sent"));
	if ((rc = vt_verify_pdf(path, NULL, trust_file, r, eb)) != VT_OK)
		return rc;
	if (r->n == 0)
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the signed file holds no "
		    "signature"));
	else if (policy->signatures != 0 && r->n != policy->signatures)
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("signatures in the "
		    "signed file: %zu, expected: %zu"), r->n,
		    policy->signatures);
	for (i = 0; rc == VT_OK && i < r->n; i++) {
		if ((why = sig_fault(r, i, policy)) != NULL)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("signature %zu "
			    "(%s) does not verify: %s"), i + 1,
			    r->sigs[i].field != NULL ? r->sigs[i].field : "",
			    why);
	}
	if (res == NULL)
		vt_verify_result_free(&mine);
	return rc;
}
