/*
 * vanthu token list: the tokens a PKCS#11 module sees, their PIN state
 * and their certificates.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"
#include "cmd-ask.h"

static void
usage(void)
{
	printf(_("Usage: %s token list [--module FILE]\n"), PACKAGE);
	fputs(_("List the signing tokens (USB tokens, smart cards) that the "
	    "PKCS#11 module\nsees, the state of their PIN, and their "
	    "certificates with the URI to\ngive to 'vanthu sign --key'.\n"),
	    stdout);
	fputs("\n", stdout);
	fputs(_("  -m, --module FILE  the PKCS#11 module (default: "
	    "pkcs11_module from the\n                     configuration, "
	    "else p11-kit's proxy module)\n"), stdout);
}

static void
print_cert(const struct vt_token_cert *c, size_t n)
{
	struct vt_cert_info	 ci;

	vt_cert_info_get(c->x509, &ci);
	printf(_("  Certificate %zu (%s):\n"), n,
	    ci.kind == VT_CERT_AGENCY ? _("agency") : _("personal"));
	vt_sign_printf(stdout, _("    Key:       %s\n"), c->uri);
	vt_sign_printf(stdout, _("    Subject:   %s\n"), ci.subject);
	vt_sign_printf(stdout, _("    Issuer:    %s\n"), ci.issuer);
	vt_sign_printf(stdout, _("    Valid:     from %s to %s\n"),
	    ci.not_before, ci.not_after);
	vt_sign_printf(stdout, _("    Key usage: %s\n"), ci.key_usage);
	vt_cert_info_free(&ci);
}

static int
token_list(const char *module)
{
	struct vt_token			*t;
	const struct vt_token_slot	*s;
	struct vt_errbuf		 eb = { VT_OK, "" };
	size_t				 n, i, j;

	if (vt_token_open(module, &t, &eb) != VT_OK) {
		return vt_sign_report(&eb);
	}
	s = vt_token_slots(t, &n);
	if (n == 0) {
		vt_fail(&eb, VT_ERR_NO_TOKEN, _("the module %s sees no token"),
		    module != NULL ? module : VT_PKCS11_DEFAULT_MODULE);
		vt_sign_report(&eb);
		vt_token_close(t);
		return vt_exit_status(VT_ERR_NO_TOKEN);
	}
	for (i = 0; i < n; i++) {
		vt_sign_printf(stdout, _("Token: %s (%s %s, serial %s)\n"),
		    s[i].label, s[i].manufacturer, s[i].model, s[i].serial);
		printf(_("  PIN: %s\n"), s[i].login_required ?
		    vt_pin_state_text(&s[i].pin) : _("not needed"));
		if (s[i].ncerts == 0)
			printf(_("  No certificates.\n"));
		for (j = 0; j < s[i].ncerts; j++)
			print_cert(&s[i].certs[j], j + 1);
	}
	vt_token_close(t);
	return 0;
}

int
cmd_token(const struct vt_cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "module",	required_argument, NULL, 'm' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct vt_sign_config	 cfg;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*module = NULL;
	int			 ch;

	while ((ch = getopt_long(argc, argv, "m:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			module = optarg;
			break;
		case 'h':
			usage();
			return 0;
		default:
			return vt_cmd_usage_error(argv[0],
			    _("unknown or incomplete option"));
		}
	}
	if (optind >= argc || strcmp(argv[optind], "list") != 0)
		return vt_cmd_usage_error(argv[0], _("the only subcommand is "
		    "'list'"));
	if (optind + 1 < argc)
		return vt_cmd_usage_error(argv[0], _("too many arguments"));
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (module == NULL)
		module = cfg.pkcs11_module;
	ch = token_list(module);
	vt_sign_config_free(&cfg);
	return ch;
}
