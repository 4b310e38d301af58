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
#include "vanthu/sign-draft.h"
#include "vanthu/token.h"

/*
 * cmd_pin_read: read a PIN from /dev/tty without echo after printing
 * PROMPT there (made terminal-safe), or, when FROM_STDIN, as one line of
 * standard input, byte by byte.  Returns a secret buffer
 * (vanthu/secret.h; the caller frees it with vt_secret_free(), which
 * wipes it), or NULL with the error in EB: VT_ERR_CANCELLED (end of
 * input or empty PIN), VT_ERR_IO (no terminal), VT_ERR_INVALID (longer
 * than VT_SECRET_MAX - 1 bytes, or a NUL byte).
 */
char	*cmd_pin_read(const char *prompt, int from_stdin,
	     struct vt_errbuf *eb);

/*
 * cmd_password_read: a password from /dev/tty with echo off after
 * printing PROMPT there; or, when FROM_STDIN, one line of standard
 * input, byte by byte.  Returns a secret buffer (free it with
 * vt_secret_free()), or NULL with VT_ERR_AUTH/VT_ERR_CANCELLED/
 * VT_ERR_INVALID in EB (no terminal, end of input, too long or a NUL).
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
 * cmd_sign_pin: for the signature SI is about to make: when its token
 * wants a PIN, print the token's label and PIN state (what its flags
 * say, vt_pin_state_text) on standard error; a locked PIN, or none set,
 * is an error (VT_ERR_PIN_LOCKED, VT_ERR_TOKEN) before asking; on the
 * last try before the token locks (CKF_USER_PIN_FINAL_TRY) a person
 * must confirm on /dev/tty (--yes does not count; without a terminal,
 * VT_ERR_CANCELLED); then the PIN as cmd_pin_read().  Returns a secret
 * buffer (an empty one when the token wants no PIN) to free with
 * vt_secret_free(), or NULL with the error in EB.
 */
char	*cmd_sign_pin(const struct vt_signing_info *si, int pin_stdin,
	     struct vt_errbuf *eb);

/* What the confirm-then-PIN flow shows and asks. */
struct cmd_sign_ask {
	const char	*question;	/* "Sign this version? [y/N] " */
	int		 yes;		/* --yes: no confirmation */
	int		 pin_stdin;	/* --pin-stdin */
	/* Print what will be signed (called once, before the question). */
	void		(*show)(const struct vt_draft_sign_info *in, void *arg);
	void		*arg;
};

/*
 * cmd_draft_sign_ask: the one confirm-then-PIN flow of `draft sign` and
 * `draft issue`: prepare the core's draft-signing pipeline with SO
 * (vt_draft_sign_prepare; the certificate chosen on the terminal when
 * several match), show what will be signed (A->show), ask A->question
 * unless A->yes, ask the PIN (cmd_sign_pin), sign and verify
 * (vt_draft_sign_run).  On VT_OK *ACT holds the upload to queue (free
 * with vt_act_clear).  The PIN is wiped as soon as the token has it.
 * Errors: those of the pipeline, VT_ERR_CANCELLED (a "no", or the last
 * try not confirmed).
 */
vt_code	 cmd_draft_sign_ask(struct vt_draft_sign_opts *so,
	     const struct cmd_sign_ask *a, struct vt_act *act,
	     struct vt_errbuf *eb);

struct core;
/*
 * cmd_draft_sign_status: the exit status of a failed draft signature:
 * 1 for a plain "no", the server's refusals through core_fail(), the
 * rest through vt_sign_report().
 */
int	 cmd_draft_sign_status(struct core *core, const struct vt_errbuf *eb);

/*
 * The --level option, one table entry for `sign`, `draft sign` and
 * `draft issue` (KEY: the command's key for it): the PAdES baseline
 * level (ETSI EN 319 142-1) of the signature to make.
 */
#define CMD_OPT_LEVEL(key) \
	{ (key), "level", VT_OPT_ARG, N_("LEVEL"), \
	    N_("PAdES level: B-B, B-T (with a timestamp from tsa_url), B-LT " \
	    "(and validation data), B-LTA (and a document timestamp); " \
	    "default: signature_level, else B-T when tsa_url is set") }

/*
 * cmd_level_arg: the argument VALUE of --level into *LEVEL.  Returns 0,
 * or the exit status of a usage error of command CMD (printed).
 */
int	 cmd_level_arg(const char *cmd, const char *value,
	     enum vt_level *level);

/*
 * cmd_level_show: print on F the line "Level: PAdES B-T (what it
 * adds)" for LEVEL, aligned with the draft commands' other lines.
 */
void	 cmd_level_show(FILE *f, enum vt_level level);

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
