/*
 * vanthu: the command line's questions on the terminal (src/cmd-ask.h):
 * PINs and passwords without echo, confirmations, the certificate
 * picker, and the one confirm-then-PIN flow of `draft sign` and `draft
 * issue`.  PINs and passwords are read byte by byte (no stdio buffer
 * keeps a copy) into secret buffers (vanthu/secret.h: locked in RAM,
 * wiped when freed).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "vanthu/buf.h"
#include "vanthu/cmd.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "cmd-ask.h"
#include "cmd-core.h"

/* The terminal in *FD with echo off (*OLD saved, *RESTORE set), after
   writing PROMPT there (made safe: it names a token or a user). */
static vt_code
tty_open_quiet(const char *prompt, int *fd, struct termios *old,
    int *restore, struct vt_errbuf *eb)
{
	struct termios	 quiet;
	char		*safe;
	ssize_t		 w;

	*restore = 0;
	if ((*fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return vt_fail(eb, VT_ERR_IO, "/dev/tty: %s", strerror(errno));
	safe = vt_text_safe(prompt, strlen(prompt), 0);
	w = write(*fd, safe, strlen(safe));
	free(safe);
	if (w < 0) {
		close(*fd);
		return vt_fail(eb, VT_ERR_IO, "/dev/tty: %s", strerror(errno));
	}
	if (tcgetattr(*fd, old) == 0) {
		quiet = *old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(*fd, TCSAFLUSH, &quiet) == 0)
			*restore = 1;
	}
	return VT_OK;
}

static void
tty_close_quiet(int fd, const struct termios *old, int restore)
{
	if (restore)
		tcsetattr(fd, TCSAFLUSH, old);
	if (write(fd, "\n", 1) < 0) {
		/* nothing to do: the terminal went away */
	}
	close(fd);
}

/* One secret line from the terminal (after PROMPT, echo off) or from
   standard input: a secret buffer, or NULL and *N < 0 (see
   vt_secret_read_line) or the error in EB. */
static char *
read_secret(const char *prompt, int from_stdin, long *n,
    struct vt_errbuf *eb)
{
	struct termios	 old;
	char		*s;
	int		 fd, restore;

	*n = 0;
	if (from_stdin) {
		*n = vt_secret_read_line(STDIN_FILENO, &s);
		return s;
	}
	if (tty_open_quiet(prompt, &fd, &old, &restore, eb) != VT_OK)
		return NULL;
	*n = vt_secret_read_line(fd, &s);
	tty_close_quiet(fd, &old, restore);
	return s;
}

char *
cmd_pin_read(const char *prompt, int from_stdin, struct vt_errbuf *eb)
{
	char	*pin;
	long	 n;

	if ((pin = read_secret(prompt, from_stdin, &n, eb)) == NULL && n == 0) {
		vt_fail(eb, VT_ERR_IO, _("no terminal to ask for the PIN (use "
		    "--pin-stdin in scripts)"));
		return NULL;
	}
	if (n == -2)
		vt_fail(eb, VT_ERR_INVALID, _("the PIN is too long"));
	else if (n == -3)
		vt_fail(eb, VT_ERR_INVALID, _("the PIN contains a NUL byte"));
	else if (n <= 0) {
		vt_fail(eb, VT_ERR_CANCELLED, _("no PIN was given"));
		vt_secret_free(pin);
		pin = NULL;
	}
	return pin;
}

char *
cmd_password_read(const char *prompt, int from_stdin, struct vt_errbuf *eb)
{
	char	*pw;
	long	 n;

	if ((pw = read_secret(prompt, from_stdin, &n, eb)) == NULL && n == 0) {
		vt_fail(eb, VT_ERR_AUTH, _("no terminal to read the password "
		    "from; use --password-stdin"));
		return NULL;
	}
	if (n == -2)
		vt_fail(eb, VT_ERR_INVALID, _("the password is too long"));
	else if (n == -3)
		vt_fail(eb, VT_ERR_INVALID, _("the password contains a NUL "
		    "byte"));
	else if (n < 0)
		vt_fail(eb, from_stdin ? VT_ERR_AUTH : VT_ERR_CANCELLED,
		    from_stdin ? _("no password on standard input") : NULL);
	return pw;
}

vt_code
cmd_ask_yes(const char *question, struct vt_errbuf *eb)
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

vt_code
cmd_pick_cert(const struct vt_token_cert *const *certs, size_t n, size_t *i,
    struct vt_errbuf *eb)
{
	struct vt_cert_info	 ci;
	char			 line[16], *end;
	unsigned long		 k;
	size_t			 j;
	FILE			*tty;

	if ((tty = fopen("/dev/tty", "r+e")) == NULL)
		return vt_fail(eb, VT_ERR_CERT, _("several certificates match "
		    "and there is no terminal to choose: give --key"));
	fputs(_("Several certificates match:\n"), tty);
	for (j = 0; j < n; j++) {
		vt_cert_info_get(certs[j]->x509, &ci);
		vt_sign_printf(tty, _("  %zu) %s\n     issuer %s, valid until "
		    "%s, %s\n"), j + 1, ci.subject, ci.issuer, ci.not_after,
		    certs[j]->uri);
		vt_cert_info_free(&ci);
	}
	fprintf(tty, _("Certificate to use [1-%zu]: "), n);
	fflush(tty);
	if (fgets(line, sizeof line, tty) == NULL)
		line[0] = '\0';
	fclose(tty);
	k = strtoul(line, &end, 10);
	if (end == line || (*end != '\0' && *end != '\n') || k < 1 || k > n)
		return vt_fail(eb, VT_ERR_CANCELLED, _("no certificate was "
		    "chosen"));
	*i = (size_t)(k - 1);
	return VT_OK;
}

char *
cmd_sign_pin(const struct vt_signing_info *si, int pin_stdin,
    struct vt_errbuf *eb)
{
	char	 prompt[300];

	if (!si->login_required)
		return vt_secret_new(1);
	vt_sign_printf(stderr, _("Token %s: PIN %s\n"), si->token_label,
	    vt_pin_state_text(&si->pin));
	if (si->pin.locked || si->pin.not_set) {
		vt_fail(eb, si->pin.locked ? VT_ERR_PIN_LOCKED : VT_ERR_TOKEN,
		    "%s", vt_pin_state_text(&si->pin));
		return NULL;
	}
	/* A wrong PIN never locks a card silently: the last try is spent
	   only when a person says so on the terminal (not --yes). */
	if (si->pin.final_try && cmd_ask_yes(_("The next wrong PIN locks the "
	    "token. Use the last try? [y/N] "), eb) != VT_OK) {
		if (eb->code == VT_ERR_USAGE)
			vt_fail(eb, VT_ERR_CANCELLED, _("the next wrong PIN "
			    "locks the token: vanthu uses the last try only "
			    "after a person confirms it on a terminal, and "
			    "there is none here"));
		else
			vt_fail(eb, VT_ERR_CANCELLED, _("the last try was not "
			    "used: nothing was signed"));
		return NULL;
	}
	snprintf(prompt, sizeof prompt, si->pin.final_try ?
	    _("PIN for token %s (LAST TRY): ") : _("PIN for token %s: "),
	    si->token_label);
	return cmd_pin_read(prompt, pin_stdin, eb);
}

vt_code
cmd_draft_sign_ask(struct vt_draft_sign_opts *so, const struct cmd_sign_ask *a,
    struct vt_act *act, struct vt_errbuf *eb)
{
	const struct vt_token_cert *const *certs;
	struct vt_draft_sign	*ds = NULL;
	char			*pin = NULL;
	size_t			 n, i;
	vt_code			 rc;

	memset(act, 0, sizeof *act);
	if ((rc = vt_draft_sign_prepare(so, &ds, eb)) != VT_OK)
		return rc;
	/* Several certificates match: the person chooses. */
	if (vt_draft_sign_info(ds)->signer->cert == NULL) {
		certs = vt_draft_sign_candidates(ds, &n);
		if ((rc = cmd_pick_cert(certs, n, &i, eb)) == VT_OK)
			rc = vt_draft_sign_choose(ds, i, eb);
	}
	if (rc == VT_OK) {
		a->show(vt_draft_sign_info(ds), a->arg);
		if (!a->yes)
			rc = cmd_ask_yes(a->question, eb);
	}
	if (rc == VT_OK && (pin = cmd_sign_pin(vt_draft_sign_info(ds)->signer,
	    a->pin_stdin, eb)) == NULL)
		rc = eb->code;
	if (rc == VT_OK)
		rc = vt_draft_sign_run(ds, pin, act, eb);
	vt_secret_free(pin);
	vt_draft_sign_free(ds);
	return rc;
}

int
cmd_draft_sign_status(struct core *core, const struct vt_errbuf *eb)
{
	struct vt_errbuf	 e = *eb;

	if (e.code == VT_ERR_CANCELLED && e.detail[0] == '\0')
		return 1;
	return e.code == VT_ERR_CONFLICT || e.code == VT_ERR_STATE ||
	    e.code == VT_ERR_FORBIDDEN ||
	    e.code == VT_ERR_NOT_FOUND ? core_fail(core, &e) :
	    vt_sign_report(&e);
}

void
vt_sign_printf(FILE *f, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw, *safe;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	safe = vt_text_safe(raw, strlen(raw), VT_TEXT_MULTILINE);
	fputs(safe, f);
	free(safe);
	free(raw);
}

int
vt_sign_report(const struct vt_errbuf *eb)
{
	char	 msg[700];

	vt_sign_printf(stderr, "%s: %s\n", PACKAGE,
	    vt_errbuf_message(eb, msg, sizeof msg));
	return vt_exit_status(eb->code);
}

int
cmd_level_arg(const char *cmd, const char *value, enum vt_level *level)
{
	if (vt_level_parse(value, level) != 0)
		return vt_cmd_usage_error(cmd, _("--level wants B-B, B-T, B-LT "
		    "or B-LTA"));
	return 0;
}

void
cmd_level_show(FILE *f, enum vt_level level)
{
	vt_sign_printf(f, _("Level:        PAdES %s (%s)\n"),
	    vt_level_name(level), vt_draft_sign_level_text(level));
}
