/*
 * vanthu draft sign ID: sign the current version of a draft with the
 * token and send it to the server, signing exactly what was viewed:
 * the downloaded file's SHA-256 must be the server's version hash, and
 * the user sees the subject, number, page count, hash and certificate
 * before the PIN is asked.  The result is verified locally (CMS over
 * each ByteRange, chain to trust_file) before it goes to the outbox.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd-core.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/pades.h"
#include "vanthu/sign.h"
#include "vanthu/text.h"
#include "vanthu/verify.h"
#include "vanthu/xmalloc.h"

#define CMD	"draft sign"

struct draft_sign {
	const struct vt_draft	*d;
	const struct vt_version	*v;
	const char		*hash;		/* of the downloaded file */
	int			 agency;
	int			 yes;
};

static void
usage(void)
{
	fputs(_("Usage: vanthu draft sign ID [OPTION]...\n"
	    "Sign the current version of draft ID with the signing token and "
	    "send it:\nthe personal signature when you are its signer, the "
	    "agency signature when\nyou are a clerk and the signer has "
	    "signed.  Shows what will be signed and\nasks before the PIN.\n"
	    "\n"
	    "  -y, --yes              do not ask for confirmation (scripts)\n"
	    "      --agency           the agency signature (default: from "
	    "the draft's state)\n"
	    "  -k, --key URI          the key and certificate (a pkcs11: "
	    "URI)\n"
	    "  -m, --module FILE      the PKCS#11 module of the token\n"
	    "      --visible PAGE,X,Y,W,H  where the signature shows "
	    "(default: the draft's\n"
	    "                         empty signature field, else below "
	    "the text)\n"
	    "      --image FILE       the signature (or seal) image\n"
	    "      --pin-stdin        read the PIN from standard input\n"),
	    stdout);
}

/* Ask "yes or no" on the terminal; VT_OK for yes. */
static vt_code
ask_yes(const char *question, struct vt_errbuf *eb)
{
	char	 line[16];
	FILE	*tty;
	size_t	 n;

	if ((tty = fopen("/dev/tty", "r+e")) == NULL)
		return vt_fail(eb, VT_ERR_USAGE, _("no terminal to ask for "
		    "confirmation: give --yes in scripts"));
	fputs(question, tty);
	fflush(tty);
	if (fgets(line, sizeof line, tty) == NULL)
		line[0] = '\0';
	fclose(tty);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0 ||
	    strcasecmp(line, "c") == 0 || strcmp(line, "có") == 0 ||
	    strcmp(line, "Có") == 0)
		return VT_OK;
	return vt_fail(eb, VT_ERR_CANCELLED, _("nothing was signed"));
}

/* Show what will be signed, then ask (vt_sign_job.confirm). */
static vt_code
confirm(void *arg, struct vt_pdf *pdf, X509 *cert, struct vt_errbuf *eb)
{
	struct draft_sign	*ds = arg;
	struct vt_cert_info	 ci;
	int			 pages = vt_pdf_page_count(pdf);

	vt_cert_info_get(cert, &ci);
	vt_sign_printf(stdout, _("Draft:        %s  %s\n"), ds->d->id,
	    ds->d->type_name != NULL ? ds->d->type_name : "");
	vt_sign_printf(stdout, _("Subject:      %s\n"), ds->d->subject);
	if (ds->d->code_number != NULL && ds->d->code_number[0] != '\0')
		vt_sign_printf(stdout, _("Number:       %s/%s\n"),
		    ds->d->code_number, ds->d->code_notation);
	else
		vt_sign_printf(stdout, _("Number:       (given when issued)"
		    "/%s\n"), ds->d->code_notation);
	vt_sign_printf(stdout, _("Version:      %d (%s), %d pages, "
	    "SHA-256 %.16s...\n"), ds->v->number, ds->v->kind, pages,
	    ds->hash);
	vt_sign_printf(stdout, _("Signature:    %s\n"), ds->agency ?
	    _("agency (ký số cơ quan)") : _("personal (ký số cá nhân)"));
	vt_sign_printf(stdout, _("Certificate:  %s\n"), ci.subject);
	vt_sign_printf(stdout, _("Issuer:       %s\n"), ci.issuer);
	vt_sign_printf(stdout, _("Valid until:  %s\n"), ci.not_after);
	vt_cert_info_free(&ci);
	fflush(stdout);
	if (ds->v->page_amount > 0 && ds->v->page_amount != pages)
		return vt_fail(eb, VT_ERR_CONFLICT, _("the server says %d pages "
		    "but the file has %d"), ds->v->page_amount, pages);
	if (ds->yes)
		return VT_OK;
	return ask_yes(_("Sign this version? [y/N] "), eb);
}

/* The new signature must be valid, trusted, ours and cover the file. */
static vt_code
verify_result(const char *path, const char *trust, struct vt_errbuf *eb)
{
	struct vt_verify_result	 res;
	const struct vt_sig_report *r;
	vt_code			 rc;
	size_t			 i;

	if ((rc = vt_verify_pdf(path, NULL, trust, &res, eb)) != VT_OK)
		return rc;
	rc = VT_OK;
	for (i = 0; i < res.n && rc == VT_OK; i++) {
		r = &res.sigs[i];
		if (!r->valid)
			rc = vt_fail(eb, VT_ERR_SIGNATURE, _("signature %zu "
			    "(%s) does not verify: %s"), i + 1, r->field,
			    r->integrity_error != NULL ? r->integrity_error :
			    r->trust_error != NULL ? r->trust_error :
			    _("not valid"));
	}
	if (rc == VT_OK && (res.n == 0 || !res.valid))
		rc = vt_fail(eb, VT_ERR_SIGNATURE, _("the signed file does not "
		    "verify"));
	vt_verify_result_free(&res);
	return rc;
}

static vt_code
read_file(const char *path, struct vt_buf *b, struct vt_errbuf *eb)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return vt_fail(eb, VT_ERR_IO, "%s: %s", path,
			    strerror(errno));
		}
		vt_buf_add(b, buf, (size_t)n);
	}
	close(fd);
	return VT_OK;
}

/* Which signature: agency for a clerk on a signed draft, personal for
   its signer; anything else is refused before the download. */
static vt_code
check_role(struct core *core, const struct vt_draft *d, int *agency,
    struct vt_errbuf *eb)
{
	const struct vt_session	*s = vt_client_session(core->client);
	int			 clerk = s != NULL && s->role != NULL &&
				    strcmp(s->role, "clerk") == 0;

	if (!*agency && clerk && strcmp(d->state, "signed") == 0)
		*agency = 1;
	if (*agency) {
		if (strcmp(d->state, "signed") != 0)
			return vt_fail(eb, VT_ERR_CONFLICT, _("the agency "
			    "signature comes after the signer's: the draft "
			    "is %s"), core_draft_state_name(d->state));
		return VT_OK;
	}
	if (strcmp(d->state, "awaiting_signer") != 0 &&
	    strcmp(d->state, "approved") != 0)
		return vt_fail(eb, VT_ERR_CONFLICT, _("the draft is %s: it is "
		    "not waiting for its signer"),
		    core_draft_state_name(d->state));
	if (s == NULL || d->signer.username == NULL ||
	    strcmp(s->username, d->signer.username) != 0)
		return vt_fail(eb, VT_ERR_FORBIDDEN, _("the signer of this "
		    "draft is %s"), d->signer.full_name);
	return VT_OK;
}

/* Download version V of draft D into DIR; check its SHA-256. */
static vt_code
download(struct core *core, const struct vt_version *v, const char *path,
    char hash[65], struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	vt_code			 rc;

	memset(&att, 0, sizeof att);
	att.id = v->attachment_id;
	att.sha256 = v->sha256;
	att.size = v->size;
	att.url = xasprintf("/api/v1/attachments/%s", v->attachment_id);
	rc = vt_api_download(core->client, &att, path, eb);
	free(att.url);
	if (rc != VT_OK)
		return rc;
	if ((rc = vt_sha256_file(path, hash, eb)) != VT_OK)
		return rc;
	if (strcasecmp(hash, v->sha256) != 0)
		return vt_fail(eb, VT_ERR_CONFLICT, _("the downloaded file is "
		    "not the server's version (SHA-256 %.16s..., expected "
		    "%.16s...)"), hash, v->sha256);
	return VT_OK;
}

struct opts {
	struct vt_sign_job	 job;
	struct draft_sign	 ds;
	const char		*id;
};

static int
parse(int argc, char **argv, struct opts *o)
{
	enum { O_AGENCY = 256, O_VISIBLE, O_IMAGE, O_PIN_STDIN };
	static const struct option longopts[] = {
		{ "yes",	no_argument,	   NULL, 'y' },
		{ "agency",	no_argument,	   NULL, O_AGENCY },
		{ "key",	required_argument, NULL, 'k' },
		{ "module",	required_argument, NULL, 'm' },
		{ "visible",	required_argument, NULL, O_VISIBLE },
		{ "image",	required_argument, NULL, O_IMAGE },
		{ "pin-stdin",	no_argument,	   NULL, O_PIN_STDIN },
		{ "help",	no_argument,	   NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	 ch;

	while ((ch = getopt_long(argc, argv, "yk:m:h", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'y': o->ds.yes = 1; break;
		case O_AGENCY: o->ds.agency = 1; break;
		case 'k': o->job.key_uri = optarg; break;
		case 'm': o->job.module = optarg; break;
		case O_VISIBLE:
			if (vt_parse_visible(optarg, &o->job.p.ap) != 0)
				return vt_cmd_usage_error(CMD, _("--visible "
				    "wants PAGE,X,Y,W,H (page from 1, "
				    "points)"));
			break;
		case O_IMAGE: o->job.p.ap.image = optarg; break;
		case O_PIN_STDIN: o->job.pin_stdin = 1; break;
		case 'h':
			usage();
			return -1;
		default:
			return vt_cmd_usage_error(CMD,
			    _("unknown or incomplete option"));
		}
	}
	if (optind + 1 != argc || !core_valid_id(argv[optind]))
		return vt_cmd_usage_error(CMD, _("expected one draft ID"));
	o->id = argv[optind];
	return 0;
}

/* Sign, verify and queue; returns the exit status. */
static int
sign_and_send(struct core *core, struct opts *o, const char *trust)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_action_spec	 spec;
	struct vt_buf		 body;
	char			*path, *summary;
	int			 status;

	if (vt_sign_run(&o->job, &eb) != VT_OK)
		return eb.code == VT_ERR_CANCELLED && eb.detail[0] == '\0' ?
		    1 : vt_sign_report(&eb);
	if (verify_result(o->job.out, trust, &eb) != VT_OK)
		return vt_sign_report(&eb);
	printf(_("Verified: every signature is valid and trusted.\n"));
	vt_buf_init(&body);
	if (read_file(o->job.out, &body, &eb) != VT_OK) {
		vt_buf_free(&body);
		return vt_sign_report(&eb);
	}
	path = xasprintf("/drafts/%s/versions/%s/signed", o->id,
	    o->ds.v->id);
	summary = xasprintf(o->ds.agency ? _("agency signature on draft %s") :
	    _("signature on draft %s"), o->id);
	memset(&spec, 0, sizeof spec);
	spec.kind = "signed_upload";
	spec.target = o->id;
	spec.summary = summary;
	spec.path = path;
	spec.content_type = "application/pdf";
	spec.body = body.data;
	spec.body_len = body.len;
	status = core_action(core, &spec);
	free(summary);
	free(path);
	vt_buf_free(&body);
	return status;
}

int
cmd_draft_sign(const struct vt_cli *cli, int argc, char **argv)
{
	struct opts		 o;
	struct core		 core;
	struct vt_sign_config	 cfg;
	struct vt_draft		 d;
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*dir = NULL, *in = NULL, *out = NULL;
	char			 hash[65], tmpl[] = "/tmp/vanthu-sign-XXXXXX";
	const char		*tmpdir = getenv("TMPDIR");
	int			 status;

	memset(&o, 0, sizeof o);
	memset(&d, 0, sizeof d);
	o.job.p.ap.visible = 1;
	if ((status = parse(argc, argv, &o)) != 0)
		return status < 0 ? 0 : status;
	if ((status = core_open(&core, cli, CMD, CORE_LOGIN | CORE_OUTBOX)) !=
	    0)
		return status;
	vt_sign_config_from(&core.cfg, &cfg);
	if (cfg.trust_file == NULL) {
		vt_fail(&eb, VT_ERR_CONFIG, _("set trust_file in the "
		    "configuration: the signed draft is verified against it "
		    "before it is sent"));
		status = vt_sign_report(&eb);
		goto out;
	}
	if (vt_api_draft_get(core.client, o.id, &d, &eb) != VT_OK ||
	    check_role(&core, &d, &o.ds.agency, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	if (!d.has_current) {
		vt_fail(&eb, VT_ERR_NOT_FOUND, _("the draft has no version"));
		status = core_fail(&core, &eb);
		goto out;
	}
	if (tmpdir != NULL && *tmpdir != '\0')
		dir = xasprintf("%s/vanthu-sign-XXXXXX", tmpdir);
	else
		dir = xstrdup(tmpl);
	if (mkdtemp(dir) == NULL) {
		vt_fail(&eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
		free(dir);
		dir = NULL;
		status = vt_sign_report(&eb);
		goto out;
	}
	in = xasprintf("%s/version.pdf", dir);
	out = xasprintf("%s/signed.pdf", dir);
	o.ds.d = &d;
	o.ds.v = &d.current_version;
	if (download(&core, o.ds.v, in, hash, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		goto out;
	}
	o.ds.hash = hash;
	o.job.in = in;
	o.job.out = out;
	if (o.job.module == NULL)
		o.job.module = cfg.pkcs11_module;
	if (o.job.key_uri == NULL)
		o.job.key_uri = o.ds.agency ? cfg.agency_key_uri : cfg.key_uri;
	o.job.kind = o.ds.agency ? VT_CERT_AGENCY : VT_CERT_PERSONAL;
	o.job.p.ap.look = o.ds.agency ? VT_LOOK_AGENCY : VT_LOOK_PERSONAL;
	if (o.job.p.ap.image == NULL)
		o.job.p.ap.image = o.ds.agency ? cfg.seal_image :
		    cfg.signature_image;
	if (!o.ds.agency)
		o.job.p.ap.position = cfg.position != NULL ? cfg.position :
		    d.signer_position;
	o.job.confirm = confirm;
	o.job.confirm_arg = &o.ds;
	status = sign_and_send(&core, &o, cfg.trust_file);
out:
	if (in != NULL) {
		char	*part = xasprintf("%s.part", in);

		unlink(part);
		free(part);
		unlink(in);
	}
	if (out != NULL)
		unlink(out);
	if (dir != NULL)
		rmdir(dir);
	free(in);
	free(out);
	free(dir);
	vt_draft_clear(&d);
	vt_sign_config_free(&cfg);
	core_close(&core);
	return status;
}
