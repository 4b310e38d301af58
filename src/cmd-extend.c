/*
 * vanthu extend: add long-term validation data (PAdES B-LT) and a
 * document timestamp (B-LTA) to a signed PDF (lib/ltv-extend.c).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/sign.h"
#include "cmd-ask.h"

enum { O_LEVEL = 256, O_PASSWORD };

static int
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
cmd_extend(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_sign_config	 cfg;
	struct vt_extend_opts	 o;
	struct vt_errbuf	 eb = { VT_OK, "" };
	const char		*lv = vt_args_get(args, O_LEVEL);
	vt_code			 rc;

	memset(&o, 0, sizeof o);
	o.in = args->argv[0];
	o.out = vt_args_get(args, 'o');
	o.password = vt_args_get(args, O_PASSWORD);
	o.level = VT_LEVEL_BLTA;
	if (lv != NULL && (vt_level_parse(lv, &o.level) != 0 ||
	    o.level < VT_LEVEL_BLT))
		return vt_cmd_usage_error(args->cmd, _("--level wants B-LT or "
		    "B-LTA"));
	if (o.out == NULL)
		return vt_cmd_usage_error(args->cmd, _("give the output file "
		    "with -o OUT.pdf"));
	if (strcmp(o.in, o.out) == 0 || same_file(o.in, o.out))
		return vt_cmd_usage_error(args->cmd, _("the output must be a new "
		    "file: the input is never changed"));
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	o.trust_file = vt_args_get(args, 't') != NULL ?
	    vt_args_get(args, 't') : cfg.trust_file;
	o.tsa = vt_sign_config_tsa(&cfg);
	rc = vt_ltv_extend(&o, &eb);
	vt_sign_config_free(&cfg);
	if (rc != VT_OK)
		return vt_sign_report(&eb);
	vt_sign_printf(stderr, _("Extended to PAdES %s: %s\n"),
	    vt_level_name(o.level), o.out);
	return 0;
}

static const struct vt_cmd_opt extend_opts[] = {
	{ 'o', "output", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("write the extended PDF to FILE (required)") },
	{ O_LEVEL, "level", VT_OPT_ARG, N_("LEVEL"),
	    N_("B-LT (validation data) or B-LTA (and a document timestamp; "
	    "the default)") },
	{ 't', "trust-file", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the trusted CA certificates (PEM); default: trust_file from "
	    "the configuration") },
	{ O_PASSWORD, "password", VT_OPT_ARG, N_("TEXT"),
	    N_("the password of an encrypted PDF") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_extend_entry = {
	.name = "extend",
	.run = cmd_extend,
	.summary = N_("keep a signed PDF verifiable for years (PAdES B-LT, "
	    "B-LTA)"),
	.operands = N_("FILE.pdf"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("which PDF file?"),
	.opts = extend_opts,
	.help = N_("Add to the signed FILE.pdf, as an incremental update, "
	    "the certificate chains and fresh OCSP responses or CRLs of "
	    "every signature and timestamp in it (a DSS: PAdES B-LT), then "
	    "with B-LTA a document timestamp from tsa_url over all of it.  "
	    "FILE.pdf is not changed."),
	.footer = N_("Exit status: 0 done, 3 a responder or the timestamp "
	    "authority could not be reached (so a status cannot be found), 6 "
	    "a signature is broken, or a certificate is revoked or names no "
	    "responder, 7 unreadable PDF."),
};
