/*
 * vanthu: helpers shared by the commands of the core client
 * (src/cmd-*.c of issue 5): opening the configuration, session, cache
 * and outbox; reporting errors; queueing and sending actions.
 */
#ifndef VANTHU_CMD_CORE_H
#define VANTHU_CMD_CORE_H

#include <stdbool.h>

#include "vanthu/actions.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/cmd.h"
#include "vanthu/config.h"
#include "vanthu/outbox.h"

/* What a command needs opened. */
#define CORE_LOGIN	0x1	/* a session (else exit 4) */
#define CORE_CACHE	0x2	/* the account's cache */
#define CORE_OUTBOX	0x4	/* the account's outbox */

struct core {
	const char		*cmd;		/* command name for messages */
	struct vt_config	 cfg;
	struct vt_client	*client;
	struct vt_cache		*cache;
	struct vt_outbox	*outbox;
	char			*doc_id;	/* from core_doc_id */
};

/*
 * core_open: load the configuration (with the --config, --server and
 * --ca-file overrides of CLI), make the client, open what NEED asks.
 * Returns 0, or the exit status after printing the error.
 */
int	core_open(struct core *core, const struct vt_cli *cli, const char *cmd,
	    int need);
void	core_close(struct core *core);

/*
 * core_doc_id: the incoming document's id for ARG as the user typed it:
 * an id (i49) as is, or an arrival number (số đến, all digits, as the
 * inbox and the TUI show it) looked up in the cached inbox (the newest
 * document with that number).  NULL, after printing why (an unknown
 * number: status 5 in *STATUS), when there is none.  The string is
 * owned by CORE (valid until core_close).
 */
const char *core_doc_id(struct core *core, const char *arg, int *status);

/* core_fail: print "vanthu CMD: MESSAGE" for EB; return its exit status. */
int	core_fail(const struct core *core, const struct vt_errbuf *eb);
/* core_warn: print "vanthu CMD: MESSAGE" (a warning, not an error). */
void	core_warn(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * core_text_arg: ARG as text, or standard input when ARG is "-" (at most
 * 1 MiB).  NFC; NULL (after printing why) when empty or unreadable.
 */
char	*core_text_arg(const char *cmd, const char *arg);

/*
 * core_role_gate: 0 when the logged-in user's role may take the action
 * KIND (vt_action_role_ok); otherwise print the refusal ("only a leader
 * may assign documents") and return its exit status, before anything
 * is queued or sent.
 */
int	core_role_gate(const struct core *core, const char *kind);

/*
 * core_action: check the role (core_role_gate), queue SPEC in the
 * outbox, then flush the outbox and say
 * what became of it: sent (0), kept to be sent later (3), kept until the
 * user logs in again (4), or refused by the server (5, with its reason).
 */
int	core_action(struct core *core, const struct vt_action_spec *spec);
/*
 * core_action_answer: core_action, and when the action was sent, the
 * server's answer (its JSON body) in *ANSWER (caller frees; NULL when
 * the action was kept or refused).  Prints nothing when it was sent.
 */
int	core_action_answer(struct core *core,
	    const struct vt_action_spec *spec, char **answer);

/*
 * core_act: build the action KIND from A (vt_act_build: the one table
 * of vanthu/actions.h, so the command line queues exactly what the
 * interface queues) and run core_action for it.  For incoming
 * documents A->id may be an arrival number (core_doc_id).  Opens the
 * outbox (CLI's configuration) and closes it.  Returns the exit status.
 */
int	core_act(const struct vt_cli *cli, const char *cmd, enum vt_act_kind kind,
	    const struct vt_act_args *a);
/* core_act_on: the same with CORE already open (CORE_OUTBOX). */
int	core_act_on(struct core *core, enum vt_act_kind kind,
	    const struct vt_act_args *a);
/*
 * core_act_text: the commands that act on their one ID operand with a
 * text (return, complete, draft approve, draft return): the ID checked
 * (usage error BAD_ID otherwise), the text read from option OPT with
 * core_text_arg ('-': standard input); when REQUIRED is not NULL the
 * option must be given (usage error REQUIRED otherwise).  Then core_act
 * KIND.  BAD_ID and REQUIRED are translated messages.  Returns the exit
 * status.
 */
struct vt_args;
int	core_act_text(const struct vt_cli *cli, const struct vt_args *args,
	    enum vt_act_kind kind, int opt, const char *bad_id,
	    const char *required);

/* core_print_block: print multi-line TEXT, each line indented by four
   spaces (notes, comments, annotations in `show` and `draft show`). */
void	core_print_block(const char *text);

/* core_json_print: print J (then delete it) as one line of JSON. */
struct cJSON;
void	core_json_print(struct cJSON *j);

/*
 * core_bad_doc_id: refuse ARG, which is no document id (a number and
 * notation, say), as a usage error of CMD naming what to give instead
 * (the id 'vanthu inbox' lists, or the arrival number).  Returns the
 * exit status.
 */
int	core_bad_doc_id(const char *cmd, const char *arg);

/* core_valid_id: whether S looks like a server identifier. */
bool	core_valid_id(const char *s);

/*
 * core_obj_path: "/KIND/ID/ACTION" (ACTION may be NULL) with ID
 * percent-encoded.  Caller frees.
 */
char	*core_obj_path(const char *kind, const char *id, const char *action);

/* core_draft_state_name: the translated name of a draft state. */
const char *core_draft_state_name(const char *state);

/*
 * cmd_drafts_mine: print the drafts of L that I wrote (vanthu drafts
 * --mine; src/cmd-drafts-mine.c), each with its detail fetched through
 * CORE's cache.  SYNCED goes into the JSON.  Returns the exit status.
 */
struct vt_draft_list;
int	cmd_drafts_mine(struct core *core, const struct vt_draft_list *l,
	    bool json, bool synced);

#endif
