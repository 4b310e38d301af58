/*
 * vanthu: the command line's questions on the terminal (src/cmd-ask.h):
 * PINs and passwords without echo, confirmations, the certificate
 * picker.  A PIN goes only into the caller's buffer; every temporary
 * copy is wiped.
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

#include <openssl/crypto.h>

#include "vanthu/buf.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "cmd-ask.h"

/* Read one line from FD into BUF, byte by byte (no stdio buffer keeps
   a copy of the PIN).  Returns its length, or -1 at end of input, -2
   when it is too long, -3 when it holds a NUL byte (which would cut the
   PIN short without a word). */
static ssize_t
read_line_fd(int fd, char *buf, size_t len)
{
	size_t	 n = 0;
	ssize_t	 r;
	char	 c;
	int	 too_long = 0, nul = 0;

	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0 && !too_long)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\0')
			nul = 1;
		if (n + 1 < len)
			buf[n++] = c;
		else
			too_long = 1;
	}
	c = 0;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (too_long || nul) {
		OPENSSL_cleanse(buf, len);
		return too_long ? -2 : -3;
	}
	return (ssize_t)n;
}

vt_code
cmd_pin_read(const char *prompt, int from_stdin, char *buf, size_t len,
    struct vt_errbuf *eb)
{
	struct termios	 old, quiet;
	ssize_t		 n;
	char		*safe;
	int		 fd, restore = 0;

	buf[0] = '\0';
	if (from_stdin) {
		fd = STDIN_FILENO;
	} else {
		if ((fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
			return vt_fail(eb, VT_ERR_IO, _("no terminal to ask "
			    "for the PIN (use --pin-stdin in scripts)"));
		/* The prompt names the token by its label: made safe. */
		safe = vt_text_safe(prompt, strlen(prompt), 0);
		if (write(fd, safe, strlen(safe)) < 0) {
			free(safe);
			close(fd);
			return vt_fail(eb, VT_ERR_IO, "/dev/tty: %s",
			    strerror(errno));
		}
		free(safe);
		if (tcgetattr(fd, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK |
			    ECHONL);
			quiet.c_lflag |= ICANON;
			if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0)
				restore = 1;
		}
	}
	n = read_line_fd(fd, buf, len);
	if (!from_stdin) {
		if (restore)
			tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {
			/* nothing to do: the terminal went away */
		}
		close(fd);
	}
	if (n == -2)
		return vt_fail(eb, VT_ERR_INVALID, _("the PIN is too long"));
	if (n == -3)
		return vt_fail(eb, VT_ERR_INVALID, _("the PIN contains a NUL "
		    "byte"));
	if (n <= 0) {
		OPENSSL_cleanse(buf, len);
		return vt_fail(eb, VT_ERR_CANCELLED, _("no PIN was given"));
	}
	return VT_OK;
}

/* One line of F without its newline, or NULL at end of input. */
static char *
read_line_file(FILE *f)
{
	struct vt_buf	b;
	int		ch;

	vt_buf_init(&b);
	while ((ch = getc(f)) != EOF && ch != '\n')
		vt_buf_putc(&b, (char)ch);
	if (ch == EOF && b.len == 0) {
		vt_buf_free(&b);
		return NULL;
	}
	if (b.len > 0 && b.data[b.len - 1] == '\r')
		b.data[--b.len] = '\0';
	return vt_buf_steal(&b);
}

char *
cmd_password_read(const char *prompt, int from_stdin, struct vt_errbuf *eb)
{
	struct termios	 old, noecho;
	FILE		*tty;
	char		*pw;
	bool		 restore;

	if (from_stdin) {
		pw = read_line_file(stdin);
		if (pw == NULL)
			vt_fail(eb, VT_ERR_AUTH, _("no password on standard "
			    "input"));
		return pw;
	}
	if ((tty = fopen("/dev/tty", "r+e")) == NULL) {
		vt_fail(eb, VT_ERR_AUTH, _("no terminal to read the password "
		    "from; use --password-stdin"));
		return NULL;
	}
	fputs(prompt, tty);
	fflush(tty);
	restore = tcgetattr(fileno(tty), &old) == 0;
	if (restore) {
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		noecho.c_lflag |= ECHONL;
		tcsetattr(fileno(tty), TCSAFLUSH, &noecho);
	}
	pw = read_line_file(tty);
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fclose(tty);
	if (pw == NULL)
		vt_fail(eb, VT_ERR_CANCELLED, NULL);
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

vt_code
cmd_sign_pin(const struct vt_signing_info *si, int pin_stdin, char *buf,
    size_t len, struct vt_errbuf *eb)
{
	char	 prompt[300];

	buf[0] = '\0';
	if (!si->login_required)
		return VT_OK;
	vt_sign_printf(stderr, _("Token %s: PIN %s\n"), si->token_label,
	    vt_pin_state_text(&si->pin));
	if (si->pin.locked)
		return vt_fail(eb, VT_ERR_PIN_LOCKED, _("unblock the PIN with "
		    "the token's tool or ask the certificate issuer"));
	snprintf(prompt, sizeof prompt, _("PIN for token %s: "),
	    si->token_label);
	return cmd_pin_read(prompt, pin_stdin, buf, len, eb);
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
