/*
 * vanthu verify: check every signature of a PDF file (the clerk's check
 * of incoming documents that Decree 30 asks for).  The exit status is 0
 * only when every signature is valid and trusted and nothing was added
 * after the last one.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "cmd-ask.h"

static void
usage(void)
{
	printf(_("Usage: %s verify FILE.pdf [OPTION]...\n"), PACKAGE);
	fputs(_("Check every digital signature in FILE.pdf: who signed and "
	    "when, whether\nthe signed bytes are intact, whether the "
	    "certificate is trusted, and\nwhether the document changed "
	    "after the signature.\n"), stdout);
	fputs("\n", stdout);
	fputs(_("  -t, --trust-file FILE  the trusted CA certificates (PEM); "
	    "default: trust_file\n"
	    "                         from the configuration\n"
	    "      --password TEXT    the password of an encrypted PDF\n"
	    "      --json             print the result as JSON\n"), stdout);
	fputs(_("Exit status: 0 all signatures valid, 6 a signature is "
	    "invalid or\nuntrusted or the document changed after the last "
	    "one, 7 unreadable PDF.\n"), stdout);
}

/* Print S with control characters replaced (it comes from the file). */
static void
put_safe(const char *s)
{
	char	*safe = vt_text_safe(s, strlen(s), 0);

	fputs(safe, stdout);
	free(safe);
}

static void
print_line(const char *label, const char *value)
{
	fputs("  ", stdout);
	fputs(label, stdout);
	put_safe(value);
	putchar('\n');
}

/* SHA-1 and MD5 no longer resist collisions. */
static int
weak_digest(const char *d)
{
	return strcmp(d, "SHA1") == 0 || strcmp(d, "MD5") == 0;
}

static void
print_changed(const struct vt_sig_report *r, size_t i, size_t n)
{
	char	 buf[200];

	if (r->bytes_after == 0)
		snprintf(buf, sizeof buf, "%s", _("no: the signature covers "
		    "the whole file"));
	else if (r->later_covered && i + 1 < n)
		snprintf(buf, sizeof buf, _("only by the later signature(s): "
		    "%lld bytes added"), r->bytes_after);
	else
		snprintf(buf, sizeof buf, _("YES: %lld bytes after it are not "
		    "covered by any signature"), r->bytes_after);
	print_line(_("Changed after:  "), buf);
}

static void
print_text(const char *path, const struct vt_verify_result *res)
{
	const struct vt_sig_report	*r;
	char				 buf[700];
	size_t				 i;

	if (res->n == 0) {
		vt_sign_printf(stdout, _("%s: no signatures.\n"), path);
		return;
	}
	for (i = 0; i < res->n; i++) {
		r = &res->sigs[i];
		printf(_("Signature %zu: "), i + 1);
		put_safe(r->field);
		fputs(" (", stdout);
		put_safe(r->subfilter);
		fputs(", ", stdout);
		put_safe(r->digest);
		fputs(")\n", stdout);
		snprintf(buf, sizeof buf, "%s (%s)%s", r->signer.common_name,
		    r->signer.uid, r->signer.kind == VT_CERT_AGENCY ?
		    _(" [agency]") : "");
		print_line(_("Signer:         "), buf);
		print_line(_("Issuer:         "), r->signer.issuer);
		print_line(_("Signing time:   "), r->signing_time);
		print_line(_("Integrity:      "), r->integrity ?
		    _("intact: the signed bytes are unchanged") :
		    r->integrity_error);
		print_line(_("Certificate:    "), r->trusted ? _("trusted") :
		    r->trust_error != NULL ? r->trust_error :
		    _("not checked"));
		print_changed(r, i, res->n);
		if (weak_digest(r->digest))
			print_line(_("Warning:        "), _("the digest is "
			    "weak (SHA-256 or stronger is expected)"));
		print_line(_("Result:         "), r->valid ? _("VALID") :
		    _("NOT VALID"));
	}
	if (res->valid)
		printf(_("All %zu signature(s) are valid.\n"), res->n);
	else
		printf(_("The document's signatures are NOT all valid.\n"));
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
sig_json(const struct vt_sig_report *r)
{
	cJSON	*o = cJSON_CreateObject(), *s = cJSON_CreateObject();
	cJSON	*br = cJSON_CreateArray();
	int	 k;

	add_safe(o, "field", r->field);
	add_safe(o, "subfilter", r->subfilter);
	add_safe(o, "digest", r->digest);
	cJSON_AddBoolToObject(o, "weak_digest", weak_digest(r->digest));
	add_safe(o, "signing_time", r->signing_time);
	add_safe(s, "common_name", r->signer.common_name);
	add_safe(s, "uid", r->signer.uid);
	add_safe(s, "subject", r->signer.subject);
	add_safe(s, "issuer", r->signer.issuer);
	add_safe(s, "serial", r->signer.serial);
	cJSON_AddStringToObject(s, "kind", r->signer.kind ==
	    VT_CERT_AGENCY ? "agency" : "personal");
	cJSON_AddItemToObject(o, "signer", s);
	for (k = 0; k < 4; k++)
		cJSON_AddItemToArray(br, cJSON_CreateNumber(
		    (double)r->byte_range[k]));
	cJSON_AddItemToObject(o, "byte_range", br);
	cJSON_AddBoolToObject(o, "byte_range_ok", r->range_ok);
	cJSON_AddBoolToObject(o, "integrity", r->integrity);
	if (r->integrity_error != NULL)
		add_safe(o, "integrity_error", r->integrity_error);
	cJSON_AddBoolToObject(o, "trusted", r->trusted);
	if (r->trust_error != NULL)
		add_safe(o, "trust_error", r->trust_error);
	cJSON_AddNumberToObject(o, "bytes_after", (double)r->bytes_after);
	cJSON_AddBoolToObject(o, "changed_after_uncovered",
	    r->bytes_after != 0 && !r->later_covered);
	cJSON_AddBoolToObject(o, "valid", r->valid);
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
	cJSON_AddBoolToObject(o, "valid", res->valid);
	for (i = 0; i < res->n; i++)
		cJSON_AddItemToArray(a, sig_json(&res->sigs[i]));
	cJSON_AddItemToObject(o, "signatures", a);
	s = cJSON_Print(o);
	puts(s);
	free(s);
	cJSON_Delete(o);
}

int
cmd_verify(const struct vt_cli *cli, int argc, char **argv)
{
	enum { O_PASSWORD = 256, O_JSON };
	static const struct option longopts[] = {
		{ "trust-file",	required_argument, NULL, 't' },
		{ "password",	required_argument, NULL, O_PASSWORD },
		{ "json",	no_argument,	   NULL, O_JSON },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_sign_config	 cfg;
	struct vt_verify_result	 res;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*trust = NULL, *password = NULL;
	int			 ch, json = 0, status;

	while ((ch = getopt_long(argc, argv, "t:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 't': trust = optarg; break;
		case O_PASSWORD: password = optarg; break;
		case O_JSON: json = 1; break;
		case 'h':
			usage();
			return 0;
		default:
			return vt_cmd_usage_error(argv[0],
			    _("unknown or incomplete option"));
		}
	}
	if (optind + 1 != argc)
		return vt_cmd_usage_error(argv[0], optind >= argc ?
		    _("which PDF file?") : _("too many arguments"));
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (trust == NULL)
		trust = cfg.trust_file;
	if (vt_verify_pdf(argv[optind], password, trust, &res, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (json)
		print_json(argv[optind], &res);
	else
		print_text(argv[optind], &res);
	if (trust == NULL && !json)
		fprintf(stderr, _("%s: no trust store: certificates were not "
		    "checked (give --trust-file or set trust_file)\n"), PACKAGE);
	status = res.valid ? 0 : vt_exit_status(VT_ERR_SIGNATURE);
	vt_verify_result_free(&res);
	vt_sign_config_free(&cfg);
	return status;
}
