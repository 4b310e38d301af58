/*
 * vanthu dossier export / verify: the hand over folder of a dossier
 * (nộp lưu, Decree 30/2020/NĐ-CP chapter IV) and its check.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-dossier.h"
#include "vanthu/i18n.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"

static void
progress(void *arg, size_t i, size_t n, const char *name)
{
	(void)arg;
	fprintf(stderr, _("[%zu/%zu] %s\n"), i + 1, n, name);
}

static int
dossier_export(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_dossier	 d;
	struct vt_errbuf	 eb = { VT_OK, "" };
	bool			 offline = vt_args_has(args, 'O');
	bool			 quiet = vt_args_has(args, 'q'), stale;
	size_t			 i, files = 0;
	int			 status;

	if (!core_valid_id(args->argv[0]))
		return vt_cmd_usage_error(args->cmd, _("invalid dossier ID"));
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	if ((status = dossier_fetch(&core, args->argv[0], offline, &d,
	    &stale)) != 0) {
		core_close(&core);
		return status;
	}
	if (d.state != VT_DOSSIER_CLOSED)
		core_warn(core.cmd, _("dossier %s is still open: the folder "
		    "shows it as it is now"), d.id);
	if (vt_dossier_export(core.client, core.cache, &d, args->argv[1],
	    quiet ? NULL : progress, NULL, &eb) != VT_OK)
		status = core_fail(&core, &eb);
	else {
		for (i = 0; i < d.nitems; i++)
			files += d.items[i].nfiles;
		printf(ngettext("Exported dossier %s (%zu document, %zu "
		    "files) to %s\n", "Exported dossier %s (%zu documents, "
		    "%zu files) to %s\n", d.nitems), d.id, d.nitems, files,
		    args->argv[1]);
	}
	vt_dossier_clear(&d);
	core_close(&core);
	return status;
}

static int
dossier_verify(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_sign_config	 sc;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_dcheck_result	 res;
	const char		*trust = vt_args_get(args, 't');
	char			 line[700];
	bool			 json = vt_args_has(args, 'j');
	size_t			 i, bad = 0;
	int			 status;

	memset(&sc, 0, sizeof sc);
	if (trust == NULL && vt_sign_config_load(cli->config_path, &sc, NULL) == VT_OK)
		trust = sc.trust_file;
	if (vt_dossier_verify_dir(args->argv[0], trust, &res, &eb) != VT_OK) {
		fprintf(stderr, "%s dossier verify: %s\n", PACKAGE,
		    vt_errbuf_message(&eb, line, sizeof line));
		vt_sign_config_free(&sc);
		return vt_exit_status(eb.code);
	}
	if (json) {
		cJSON	*j = cJSON_CreateObject(), *a;

		cJSON_AddBoolToObject(j, "ok", res.ok);
		a = cJSON_AddArrayToObject(j, "files");
		for (i = 0; i < res.n; i++) {
			static const char *v[] = { "ok", "unsigned", "missing",
			    "changed", "extra", "bad_signature",
			    "weak_signature", "untrusted" };
			cJSON	*o = cJSON_CreateObject();

			cJSON_AddStringToObject(o, "name", res.files[i].name);
			cJSON_AddStringToObject(o, "verdict",
			    v[res.files[i].verdict]);
			cJSON_AddNumberToObject(o, "signatures",
			    (double)res.files[i].nsigs);
			if (res.files[i].detail != NULL)
				cJSON_AddStringToObject(o, "detail",
				    res.files[i].detail);
			cJSON_AddItemToArray(a, o);
		}
		core_json_print(j);
	}
	for (i = 0; i < res.n; i++) {
		const struct vt_dcheck_file *f = &res.files[i];

		if (f->verdict != VT_DCHECK_OK &&
		    f->verdict != VT_DCHECK_UNSIGNED)
			bad++;
		if (json)
			continue;
		if (f->nsigs > 0 && f->verdict == VT_DCHECK_OK &&
		    f->detail != NULL)
			printf(ngettext("%-24s %s (%zu intact signature: %s)\n",
			    "%-24s %s (%zu intact signatures: %s)\n",
			    f->nsigs), f->name, vt_dcheck_name(f->verdict),
			    f->nsigs, f->detail);
		else if (f->nsigs > 0 && f->verdict == VT_DCHECK_OK)
			printf(ngettext("%-24s %s (%zu valid signature)\n",
			    "%-24s %s (%zu valid signatures)\n", f->nsigs),
			    f->name, vt_dcheck_name(f->verdict), f->nsigs);
		else
			printf("%-24s %s%s%s\n", f->name,
			    vt_dcheck_name(f->verdict), f->detail != NULL ?
			    ": " : "", f->detail != NULL ? f->detail : "");
	}
	if (!json) {
		if (res.ok)
			printf(ngettext("The folder is intact: %zu file "
			    "checked.\n", "The folder is intact: %zu files "
			    "checked.\n", res.n), res.n);
		else
			printf(ngettext("%zu problem found.\n",
			    "%zu problems found.\n", bad), bad);
	}
	status = res.ok ? 0 : vt_exit_status(VT_ERR_SIGNATURE);
	vt_dcheck_result_free(&res);
	vt_sign_config_free(&sc);
	return status;
}

static const struct vt_cmd_opt export_opts[] = {
	{ 'O', "offline", 0, NULL, N_("use the offline copy only") },
	{ 'q', "quiet", VT_OPT_SHORT, NULL, N_("do not name each file as it "
	    "is written") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_dossier_export_entry = {
	.name = "export",
	.run = dossier_export,
	.summary = N_("write the hand over folder of a dossier"),
	.operands = N_("ID DIR"),
	.min_args = 2,
	.max_args = 2,
	.args_error = N_("expected a dossier ID and a folder"),
	.opts = export_opts,
	.help = N_("Write dossier ID into the new or empty folder DIR for the "
	    "archive: every document's PDF exactly as signed on the server, "
	    "the table of contents as muc-luc.csv and muc-luc.pdf, "
	    "ho-so.json, and manifest.sha256 with the SHA-256 of every file "
	    "('vanthu dossier verify DIR' or 'sha256sum -c' check it)."),
};

static const struct vt_cmd_opt verify_opts[] = {
	{ 't', "trust-file", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the trusted CA certificates (PEM); default: trust_file") },
	{ 'j', "json", 0, NULL, N_("print JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_dossier_verify_entry = {
	.name = "verify",
	.run = dossier_verify,
	.summary = N_("check a hand over folder: hashes and signatures"),
	.operands = N_("DIR"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("expected a folder"),
	.opts = verify_opts,
	.help = N_("Check a hand over folder: every file against "
	    "manifest.sha256, files not in it, and every digital signature of "
	    "every PDF against the trusted CAs (default: trust_file from the "
	    "configuration)."),
	.footer = N_("Exit status: 0 all good, 6 a file changed, is missing, "
	    "is not listed or has a bad signature."),
};
