/*
 * vanthu verify: check every signature of a PDF file (the clerk's check
 * of incoming documents that Decree 30 asks for).  The exit status is 0
 * only when every signature is valid and trusted and nothing was added
 * after the last one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "cmd-ask.h"

static void
print_text(const char *path, const struct vt_verify_result *res)
{
	char	*text = vt_verify_report_text(res, path);

	fputs(text, stdout);
	free(text);
}

/* Add the string V to O as K, made safe for the terminal: cJSON escapes
   only C0 controls, not C1 controls or bidirectional overrides. */
static void
add_safe(cJSON *o, const char *k, const char *v)
{
	char	*safe = vt_text_safe(v, strlen(v), 0);

	cJSON_AddStringToObject(o, k, safe);
	free(safe);
}

static cJSON *
changes_json(const struct vt_sig_report *r)
{
	cJSON	*a = cJSON_CreateArray(), *c;
	size_t	 k;

	for (k = 0; k < r->n_changes; k++) {
		c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "revision", r->changes[k].revision);
		cJSON_AddStringToObject(c, "class",
		    vt_change_class_name(r->changes[k].cls));
		add_safe(c, "what", r->changes[k].what);
		if (r->changes[k].field != NULL)
			add_safe(c, "field", r->changes[k].field);
		cJSON_AddBoolToObject(c, "allowed", r->changes[k].allowed);
		cJSON_AddItemToArray(a, c);
	}
	return a;
}

static cJSON *
sig_json(const struct vt_sig_report *r)
{
	cJSON	*o = cJSON_CreateObject(), *s = cJSON_CreateObject();
	cJSON	*br = cJSON_CreateArray();
	int	 k;

	cJSON_AddStringToObject(o, "kind", r->kind == VT_SIG_TIMESTAMP ?
	    "timestamp" : "signature");
	add_safe(o, "field", r->field);
	add_safe(o, "subfilter", r->subfilter);
	add_safe(o, "digest", r->digest);
	cJSON_AddBoolToObject(o, "hash_allowed", r->hash_allowed);
	add_safe(o, "algorithm", r->algorithm);
	add_safe(o, "signing_time", r->signing_time);
	if (r->kind == VT_SIG_TIMESTAMP)
		add_safe(o, "timestamp", r->timestamp);
	add_safe(s, "common_name", r->signer.common_name);
	add_safe(s, "uid", r->signer.uid);
	add_safe(s, "subject", r->signer.subject);
	add_safe(s, "issuer", r->signer.issuer);
	add_safe(s, "serial", r->signer.serial);
	cJSON_AddStringToObject(s, "kind", r->signer.kind ==
	    VT_CERT_AGENCY ? "agency" : "personal");
	cJSON_AddItemToObject(o, "signer", s);
	for (k = 0; k < 4 && k < r->byte_range_len; k++)
		cJSON_AddItemToArray(br, cJSON_CreateNumber(
		    (double)r->byte_range[k]));
	cJSON_AddItemToObject(o, "byte_range", br);
	cJSON_AddNumberToObject(o, "byte_range_len", r->byte_range_len);
	cJSON_AddBoolToObject(o, "byte_range_ok", r->range_ok);
	if (r->anomaly != NULL)
		add_safe(o, "anomaly", r->anomaly);
	cJSON_AddNumberToObject(o, "revision", r->revision);
	cJSON_AddNumberToObject(o, "docmdp", r->docmdp);
	cJSON_AddBoolToObject(o, "integrity", r->integrity);
	if (r->integrity_error != NULL)
		add_safe(o, "integrity_error", r->integrity_error);
	cJSON_AddBoolToObject(o, "trusted", r->trusted);
	cJSON_AddStringToObject(o, "signature_timestamp",
	    r->sig_timestamp > 0 ? "valid" : r->sig_timestamp < 0 ?
	    "invalid" : "none");
	if (r->sig_timestamp < 0)
		add_safe(o, "signature_timestamp_error",
		    r->sig_timestamp_error);
	cJSON_AddStringToObject(o, "revocation",
	    vt_rev_status_name(r->revocation));
	if (r->revocation_text != NULL)
		add_safe(o, "revocation_text", r->revocation_text);
	if (r->kind == VT_SIG_SIGNATURE && r->sig_timestamp != 0) {
		cJSON_AddStringToObject(o, "timestamp_revocation",
		    vt_rev_status_name(r->ts_revocation));
		if (r->ts_revocation_text != NULL)
			add_safe(o, "timestamp_revocation_text",
			    r->ts_revocation_text);
	}
	cJSON_AddBoolToObject(o, "in_dss", r->in_dss);
	if (r->trust_error != NULL)
		add_safe(o, "trust_error", r->trust_error);
	cJSON_AddNumberToObject(o, "bytes_after", (double)r->bytes_after);
	cJSON_AddItemToObject(o, "changes", changes_json(r));
	cJSON_AddBoolToObject(o, "changed_after_uncovered", !r->later_covered);
	cJSON_AddBoolToObject(o, "valid_for_signed_revision", r->range_ok &&
	    r->integrity && r->hash_allowed);
	cJSON_AddBoolToObject(o, "valid", r->valid);
	cJSON_AddStringToObject(o, "status",
	    vt_verify_status_name(vt_verify_sig_status(r)));
	return o;
}

static void
print_json(const char *path, const struct vt_verify_result *res)
{
	cJSON	*o = cJSON_CreateObject(), *a = cJSON_CreateArray();
	char	*s;
	size_t	 i;

	add_safe(o, "file", path);
	cJSON_AddNumberToObject(o, "size", (double)res->file_size);
	cJSON_AddNumberToObject(o, "revisions", res->revisions);
	cJSON_AddBoolToObject(o, "valid", res->valid);
	cJSON_AddStringToObject(o, "status",
	    vt_verify_status_name(vt_verify_status(res)));
	for (i = 0; i < res->n; i++)
		cJSON_AddItemToArray(a, sig_json(&res->sigs[i]));
	cJSON_AddItemToObject(o, "signatures", a);
	s = cJSON_Print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

/* Keys of the long-only options. */
enum { O_PASSWORD = 256, O_JSON, O_OFFLINE };

static int
cmd_verify(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_sign_config	 cfg;
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*trust, *password, *path = args->argv[0];
	int			 json, status;

	trust = vt_args_get(args, 't');
	password = vt_args_get(args, O_PASSWORD);
	json = vt_args_has(args, O_JSON);
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (trust == NULL)
		trust = cfg.trust_file;
	if (vt_verify_pdf_ex(path, password, trust, vt_args_has(args,
	    O_OFFLINE), &res, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (json)
		print_json(path, &res);
	else
		print_text(path, &res);
	if (trust == NULL && !json)
		fprintf(stderr, _("%s: no trust store: certificates were not "
		    "checked (give --trust-file or set trust_file)\n"), PACKAGE);
	status = res.valid ? 0 : vt_exit_status(VT_ERR_SIGNATURE);
	vt_verify_result_free(&res);
	vt_sign_config_free(&cfg);
	return status;
}

static const struct vt_cmd_opt verify_opts[] = {
	{ 't', "trust-file", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the trusted CA certificates (PEM); default: trust_file from "
	    "the configuration") },
	{ O_PASSWORD, "password", VT_OPT_ARG, N_("TEXT"),
	    N_("the password of an encrypted PDF") },
	{ O_JSON, "json", 0, NULL, N_("print the result as JSON") },
	{ O_OFFLINE, "offline", 0, NULL, N_("no network: check revocation "
	    "only with the data the document keeps (DSS)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_verify_entry = {
	.name = "verify",
	.run = cmd_verify,
	.summary = N_("check the digital signatures of a PDF file"),
	.operands = N_("FILE.pdf"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("which PDF file?"),
	.opts = verify_opts,
	.help = N_("Check every digital signature in FILE.pdf: who signed and "
	    "when, whether the signed bytes are intact, whether the "
	    "certificate is trusted and was not revoked at the signing time "
	    "(the signature timestamp's time when there is one; OCSP, else "
	    "the CRL, the document's own validation data first), and "
	    "whether the document changed after the signature."),
	.footer = N_("Exit status: 0 all signatures valid, 6 a signature is "
	    "invalid or untrusted or the document was changed after it in a "
	    "way its permissions do not allow, 7 unreadable, damaged or "
	    "certificate-encrypted PDF."),
};
