/*
 * vanthu: everything the command line asks the person on the terminal
 * (as curl's src/tool_getpass.c): PINs and passwords without echo, a
 * yes-or-no confirmation, the choice among several certificates.  The
 * core library never prompts; these are the command line's faces of
 * its questions.  Also printing of text from tokens and PDFs made
 * terminal-safe.
 */
#ifndef VANTHU_CMD_ASK_H
#define VANTHU_CMD_ASK_H

#include <stddef.h>
#include <stdio.h>

#include "vanthu/error.h"
#include "vanthu/sign.h"
#include "vanthu/token.h"

/* Long enough for any PKCS#11 PIN in use (cards take 4 to 16). */
#define CMD_PIN_MAX	128

/*
 * cmd_pin_read: read a PIN into BUF (LEN bytes, NUL-terminated) from
 * /dev/tty without echo after printing PROMPT there (made
 * terminal-safe), or, when FROM_STDIN, as one line of standard input.
 * The caller wipes BUF with OPENSSL_cleanse() after use; nothing else
 * keeps a copy.  Errors: VT_ERR_CANCELLED (end of input or empty PIN),
 * VT_ERR_IO (no terminal), VT_ERR_INVALID (longer than LEN - 1, or a
 * NUL byte).
 */
vt_code	 cmd_pin_read(const char *prompt, int from_stdin, char *buf,
	     size_t len, struct vt_errbuf *eb);

/*
 * cmd_password_read: a password from /dev/tty with echo off after
 * printing PROMPT there; or, when FROM_STDIN, one line of standard
 * input.  Returns a new string (the caller frees it, after clearing
 * it), or NULL with VT_ERR_AUTH/VT_ERR_CANCELLED in EB (no terminal,
 * end of input).
 */
char	*cmd_password_read(const char *prompt, int from_stdin,
	     struct vt_errbuf *eb);

/*
 * cmd_ask_yes: print QUESTION on /dev/tty and read the answer: VT_OK
 * for y, yes, c, có; VT_ERR_CANCELLED ("nothing was signed") for
 * anything else; VT_ERR_USAGE when there is no terminal (scripts give
 * --yes).
 */
vt_code	 cmd_ask_yes(const char *question, struct vt_errbuf *eb);

/*
 * cmd_pick_cert: list the N certificates CERTS on /dev/tty and read the
 * number of the one to use into *I (from 0).  Errors: VT_ERR_CANCELLED
 * (no valid answer), VT_ERR_IO (no terminal).
 */
vt_code	 cmd_pick_cert(const struct vt_token_cert *const *certs, size_t n,
	     size_t *i, struct vt_errbuf *eb);

/*
 * cmd_sign_pin: for the signature S is about to make: when its token
 * wants a PIN, print the token's label and PIN state on standard error
 * and read the PIN into BUF (CMD_PIN_MAX bytes) as cmd_pin_read();
 * otherwise BUF is "".  A locked PIN is VT_ERR_PIN_LOCKED before asking.
 */
vt_code	 cmd_sign_pin(const struct vt_signing_info *si, int pin_stdin,
	     char *buf, size_t len, struct vt_errbuf *eb);

/*
 * vt_sign_printf: printf to F, the whole text made terminal-safe first
 * (vt_text_safe() with VT_TEXT_MULTILINE): for lines that hold strings
 * from a token, a certificate or a PDF.
 */
void	 vt_sign_printf(FILE *f, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* vt_sign_report: print "vanthu: MESSAGE" for EB on standard error and
   return the exit status for its code. */
int	 vt_sign_report(const struct vt_errbuf *eb);

#endif
