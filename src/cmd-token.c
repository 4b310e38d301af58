/*
 * vanthu token list: the tokens a PKCS#11 module sees, their PIN state
 * and their certificates.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"
#include "cmd-ask.h"

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

static int
cmd_token(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_sign_config	 cfg;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*module;
	int			 status;

	if (strcmp(args->argv[0], "list") != 0)
		return vt_cmd_usage_error(args->cmd, _("the only subcommand is "
		    "'list'"));
	module = vt_args_get(args, 'm');
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	if (module == NULL)
		module = cfg.pkcs11_module;
	status = token_list(module);
	vt_sign_config_free(&cfg);
	return status;
}

static const struct vt_cmd_opt token_opts[] = {
	{ 'm', "module", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the PKCS#11 module (default: pkcs11_module from the "
	    "configuration, else p11-kit's proxy module)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_token_entry = {
	.name = "token",
	.run = cmd_token,
	.summary = N_("list signing tokens and their certificates"),
	.operands = N_("list"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("the only subcommand is 'list'"),
	.opts = token_opts,
	.help = N_("List the signing tokens (USB tokens, smart cards) that the "
	    "PKCS#11 module sees, the state of their PIN, and their "
	    "certificates with the URI to give to 'vanthu sign --key'."),
};
