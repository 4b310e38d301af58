/*
 * vanthu: read a PIN without echo from the terminal, or one line of
 * standard input for scripts.  The PIN goes only into the caller's
 * buffer; every temporary copy is wiped.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/token.h"

/* Read one line from FD into BUF, byte by byte (no stdio buffer keeps
   a copy of the PIN).  Returns its length, or -1 at end of input, -2
   when it is too long, -3 when it holds a NUL byte (which would cut the
   PIN short without a word). */
static ssize_t
read_line(int fd, char *buf, size_t len)
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
vt_pin_read(const char *prompt, int from_stdin, char *buf, size_t len,
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
	n = read_line(fd, buf, len);
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
