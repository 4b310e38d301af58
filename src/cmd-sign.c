/*
 * vanthu sign: sign a PDF file with the token (PAdES B-B), writing a new
 * file; the input is never modified.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/tmpclean.h"
#include "vanthu/pades.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"
#include "vanthu/xmalloc.h"
#include "cmd-ask.h"

struct sign_opts {
	const char		*in, *out, *key_uri, *module, *password;
	int			 agency, pin_stdin;
	enum vt_level		 level;		/* --level, or default */
	struct vt_pades_params	 p;
};

static int
same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Copy the file at PATH to standard output (-o -). */
static vt_code
copy_to_stdout(const char *path, struct vt_errbuf *eb)
{
	char	 buf[65536];
	ssize_t	 n, w, off;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		for (off = 0; off < n; off += w) {
			if ((w = write(STDOUT_FILENO, buf + off,
			    (size_t)(n - off))) < 0 && errno == EINTR)
				w = 0;
			else if (w < 0)
				goto fail;
		}
	}
	close(fd);
	return VT_OK;
fail:
	close(fd);
	return vt_fail(eb, VT_ERR_IO, _("cannot write the signed PDF to "
	    "standard output: %s"), strerror(errno));
}

/* Open the PDF and the token; ask the password of an encrypted PDF and
   the certificate among several, on the terminal. */
static vt_code
open_signing(struct vt_signing_opts *so, int pin_stdin,
    struct vt_signing **sg, struct vt_errbuf *eb)
{
	const struct vt_token_cert *const *certs;
	char		 prompt[300], *pw;
	size_t		 n, i;
	vt_code		 rc;

	rc = vt_signing_open(so, !pin_stdin, sg, eb);
	if (rc == VT_ERR_PDF_PASSWORD && so->password == NULL &&
	    isatty(STDERR_FILENO)) {
		snprintf(prompt, sizeof prompt, _("Password for %s: "),
		    so->in);
		if ((pw = cmd_password_read(prompt, 0, eb)) == NULL)
			return VT_ERR_PDF_PASSWORD;
		so->password = pw;
		rc = vt_signing_open(so, !pin_stdin, sg, eb);
		so->password = NULL;
		vt_secret_free(pw);
	}
	if (rc != VT_OK)
		return rc;
	if (vt_signing_info(*sg)->cert != NULL)
		return VT_OK;
	certs = vt_signing_candidates(*sg, &n);
	if ((rc = cmd_pick_cert(certs, n, &i, eb)) == VT_OK)
		rc = vt_signing_choose(*sg, i, eb);
	if (rc != VT_OK) {
		vt_signing_close(*sg);
		*sg = NULL;
	}
	return rc;
}

/* Open, say what is signed, ask the PIN, sign into OUT. */
static vt_code
sign_to(struct vt_signing_opts *so, int pin_stdin, const char *out,
    struct vt_errbuf *eb)
{
	const struct vt_signing_info	*si;
	struct vt_signing		*sg = NULL;
	char				*pin;
	vt_code				 rc;

	if ((rc = open_signing(so, pin_stdin, &sg, eb)) != VT_OK)
		return rc;
	si = vt_signing_info(sg);
	vt_sign_printf(stderr, _("Signing %s (%d pages) as %s\n"), so->in,
	    si->pages, si->ci.subject);
	vt_sign_printf(stderr, _("Level: PAdES %s\n"),
	    vt_level_name(si->level));
	if ((pin = cmd_sign_pin(si, pin_stdin, eb)) == NULL)
		rc = eb->code;
	else
		rc = vt_signing_sign(sg, pin, out, eb);
	vt_secret_free(pin);
	vt_signing_close(sg);
	return rc;
}

/* The signals that end a signing: Ctrl-C, kill, a closed terminal. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP	(sizeof stop_signals / sizeof stop_signals[0])

/*
 * A stop signal while signing: remove the temporaries beside the output
 * (vt_tmp_guard_unlink_all, async-signal-safe), then end as that signal
 * would (SA_RESETHAND: its default action; SA_NODEFER: raise(3) delivers
 * it at once).  The input is never written, so it stays as it was.
 */
static void
on_stop_signal(int sig)
{
	vt_tmp_guard_unlink_all();
	raise(sig);
}

/* Catch the stop signals for the signing (OLD gets what was there); a
   signal ignored when vanthu started (nohup, "&" in a script) stays
   ignored. */
static void
stop_signals_catch(struct sigaction old[NSTOP])
{
	struct sigaction	sa;
	size_t			i;

	vt_tmp_guard_enable();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSTOP; i++) {
		if (sigaction(stop_signals[i], NULL, &old[i]) == 0 &&
		    old[i].sa_handler != SIG_IGN)
			sigaction(stop_signals[i], &sa, NULL);
	}
}

static void
stop_signals_restore(const struct sigaction old[NSTOP])
{
	size_t	i;

	for (i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &old[i], NULL);
}

static int
do_sign(struct sign_opts *o, const struct vt_sign_config *cfg)
{
	struct vt_signing_opts	 so;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct sigaction	 old[NSTOP];
	char			*dir = NULL, *tmp = NULL;
	int			 lock = -1;
	const char		*out = o->out;
	int			 to_stdout = strcmp(o->out, "-") == 0;
	vt_code			 rc;

	memset(&so, 0, sizeof so);
	so.in = o->in;
	if (to_stdout) {
		if ((dir = vt_tmp_workdir("sign", &lock, &eb)) == NULL)
			return vt_sign_report(&eb);
		out = tmp = xasprintf("%s/signed.pdf", dir);
	}
	so.password = o->password;
	so.module = o->module != NULL ? o->module : cfg->pkcs11_module;
	so.key_uri = o->key_uri != NULL ? o->key_uri :
	    o->agency ? cfg->agency_key_uri : cfg->key_uri;
	so.kind = o->agency ? VT_CERT_AGENCY : VT_CERT_PERSONAL;
	so.p = o->p;
	if (so.p.ap.image == NULL)
		so.p.ap.image = o->agency ? cfg->seal_image :
		    cfg->signature_image;
	if (so.p.ap.position == NULL && !o->agency)
		so.p.ap.position = cfg->position;
	so.p.ap.seal_mm = cfg->seal_mm;
	so.level = o->level != VT_LEVEL_DEFAULT ? o->level : cfg->level;
	so.tsa = vt_sign_config_tsa(cfg);
	so.trust_file = cfg->trust_file;
	/* Ctrl-C while signing leaves no OUT.vanthu-XXXXXX (nor the
	   signed copy of -o - in the work directory). */
	stop_signals_catch(old);
	vt_tmp_guard_add(tmp);
	rc = sign_to(&so, o->pin_stdin, out, &eb);
	if (rc == VT_OK && to_stdout)
		rc = copy_to_stdout(tmp, &eb);
	stop_signals_restore(old);
	vt_tmp_guard_forget(tmp);
	if (dir != NULL)
		vt_tmp_workdir_remove(dir, lock);
	free(tmp);
	free(dir);
	if (rc != VT_OK)
		return vt_sign_report(&eb);
	vt_sign_printf(stderr, _("Signed: %s\n"), to_stdout ?
	    _("standard output") : o->out);
	return 0;
}

/* Keys of the long-only options. */
enum { O_AGENCY = 256, O_ATTACH, O_CODE, O_VISIBLE, O_INVISIBLE, O_FIELD,
    O_IMAGE, O_POSITION, O_NAME, O_REASON, O_LOCATION, O_PIN_STDIN,
    O_PASSWORD, O_LEVEL };

static int
cmd_sign(const struct vt_cli *cli, const struct vt_args *args)
{
	const struct vt_arg	*a;
	struct sign_opts	 o;
	struct vt_sign_config	 cfg;
	struct vt_errbuf	 eb = { VT_OK, "" };
	size_t			 i;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.p.ap.visible = 1;
	o.p.ap.look = VT_LOOK_PERSONAL;
	o.p.when = time(NULL);
	for (i = 0; i < args->nopts; i++) {
		a = &args->opts[i];
		switch (a->key) {
		case 'o': o.out = a->value; break;
		case 'k': o.key_uri = a->value; break;
		case 'm': o.module = a->value; break;
		case O_AGENCY:
			o.agency = 1;
			if (o.p.ap.look == VT_LOOK_PERSONAL)
				o.p.ap.look = VT_LOOK_AGENCY;
			break;
		case O_ATTACH:
			o.agency = 1;
			o.p.ap.look = VT_LOOK_ATTACHMENT;
			break;
		case O_CODE: o.p.ap.code = a->value; break;
		case O_VISIBLE:
			if (vt_parse_visible(a->value, &o.p.ap) != 0)
				return vt_cmd_usage_error(args->cmd,
				    _("--visible wants PAGE,X,Y,W,H (page from "
				    "1, points)"));
			break;
		case O_INVISIBLE: o.p.ap.visible = 0; break;
		case O_FIELD: o.p.field = a->value; break;
		case O_IMAGE: o.p.ap.image = a->value; break;
		case O_POSITION: o.p.ap.position = a->value; break;
		case O_NAME: o.p.ap.name = a->value; break;
		case O_REASON: o.p.reason = a->value; break;
		case O_LOCATION: o.p.location = a->value; break;
		case O_PIN_STDIN: o.pin_stdin = 1; break;
		case O_PASSWORD: o.password = a->value; break;
		case O_LEVEL:
			if ((rc = cmd_level_arg(args->cmd, a->value,
			    &o.level)) != 0)
				return rc;
			break;
		}
	}
	o.in = args->argv[0];
	if (o.out == NULL)
		return vt_cmd_usage_error(args->cmd, _("give the output file "
		    "with -o OUT.pdf"));
	if (strcmp(o.out, "-") == 0 && isatty(STDOUT_FILENO))
		return vt_cmd_usage_error(args->cmd, _("-o - writes the signed "
		    "PDF to standard output, which is a terminal: redirect it "
		    "or give a file name"));
	if (strcmp(o.in, o.out) == 0 || same_file(o.in, o.out))
		return vt_cmd_usage_error(args->cmd, _("the output must be a new "
		    "file: the input is never changed"));
	if (vt_sign_config_load(cli->config_path, &cfg, &eb) != VT_OK) {
		vt_sign_config_free(&cfg);
		return vt_sign_report(&eb);
	}
	rc = do_sign(&o, &cfg);
	vt_sign_config_free(&cfg);
	return rc;
}

static const struct vt_cmd_opt sign_opts[] = {
	{ 'o', "output", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("write the signed PDF to FILE (required)") },
	{ 'k', "key", VT_OPT_SHORT | VT_OPT_ARG, N_("URI"),
	    N_("the key and certificate to use (a pkcs11: URI, see 'vanthu "
	    "token list')") },
	{ 'm', "module", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the PKCS#11 module of the token") },
	{ O_AGENCY, "agency", 0, NULL,
	    N_("the agency signature (ký số cơ quan) with the seal") },
	{ O_ATTACH, "attachment", 0, NULL,
	    N_("the agency signature of an attached file: text at the top "
	    "right of page 1, no image") },
	{ O_CODE, "code", VT_OPT_ARG, N_("TEXT"),
	    N_("number/notation shown by --attachment, \"15/QĐ-UBND\"") },
	{ O_VISIBLE, "visible", VT_OPT_ARG, N_("PAGE,X,Y,W,H"),
	    N_("where the signature shows: page number and a box in points "
	    "from the page's top left corner") },
	{ O_INVISIBLE, "invisible", 0, NULL, N_("no visible signature") },
	{ O_FIELD, "field", VT_OPT_ARG, N_("NAME"),
	    N_("fill the empty signature field NAME") },
	{ O_IMAGE, "image", VT_OPT_ARG, N_("FILE"),
	    N_("the signature image (or seal image with --agency)") },
	{ O_POSITION, "position", VT_OPT_ARG, N_("TEXT"),
	    N_("the line above the signature, \"CHỦ TỊCH\"") },
	{ O_NAME, "name", VT_OPT_ARG, N_("TEXT"),
	    N_("the signer's name shown (default: from the certificate)") },
	{ O_REASON, "reason", VT_OPT_ARG, N_("TEXT"),
	    N_("the reason recorded in the signature") },
	{ O_LOCATION, "location", VT_OPT_ARG, N_("TEXT"),
	    N_("the place recorded in the signature") },
	{ O_PIN_STDIN, "pin-stdin", 0, NULL,
	    N_("read the PIN from standard input (for scripts)") },
	{ O_PASSWORD, "password", VT_OPT_ARG, N_("TEXT"),
	    N_("the password of an encrypted PDF") },
	CMD_OPT_LEVEL(O_LEVEL),
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_sign_entry = {
	.name = "sign",
	.run = cmd_sign,
	.summary = N_("sign a PDF file with the signing token"),
	.operands = N_("FILE.pdf"),
	.min_args = 1,
	.max_args = 1,
	.args_error = N_("which PDF file?"),
	.opts = sign_opts,
	.help = N_("Sign FILE.pdf with the signing token (PAdES, inside the "
	    "PDF) and write the signed document to the file given with -o.  "
	    "FILE.pdf is not changed."),
	.footer = N_("With -o -, the signed PDF goes to standard output (not "
	    "to a terminal)."),
};
