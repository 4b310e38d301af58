/*
 * vanthu: private interfaces of the terminal interface (src/ui/).
 *
 * Layout, top to bottom (as alpine):
 *   line 0          title bar: screen title, online/offline, outbox count,
 *                   sync progress
 *   lines 1..N-4    the body of the screen on top of the stack
 *   line  N-3       status/message line (also prompts and the editor)
 *   lines N-2, N-1  key hints of the current screen
 *
 * Each region is a curses window; only regions marked dirty are drawn and
 * copied with wnoutrefresh(), then one doupdate() sends the difference.
 * The screen is never cleared on a key press.
 */
#ifndef VANTHU_UI_INT_H
#define VANTHU_UI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include <curses.h>

#include "vanthu/buf.h"
#include "vanthu/ui.h"

struct ui;
struct ui_screen;
struct vt_text_query;

/* Functions a key can be bound to (names in ui-keys.c, as neomutt's). */
enum ui_fn {
	UI_FN_NONE = 0,
	UI_FN_UP, UI_FN_DOWN, UI_FN_PAGE_UP, UI_FN_PAGE_DOWN,
	UI_FN_FIRST, UI_FN_LAST,
	UI_FN_LEFT, UI_FN_RIGHT,
	UI_FN_OPEN, UI_FN_BACK, UI_FN_QUIT, UI_FN_HELP, UI_FN_REDRAW,
	UI_FN_SEARCH, UI_FN_SEARCH_NEXT,
	UI_FN_SYNC,
	UI_FN_VIEW_INBOX, UI_FN_VIEW_REVIEW, UI_FN_VIEW_SIGN, UI_FN_VIEW_OUTBOX,
	UI_FN_FILTER_UNREAD, UI_FN_FILTER_OVERDUE, UI_FN_FILTER_URGENT,
	UI_FN_FILTER_MINE, UI_FN_FILTER_DUE, UI_FN_SORT,
	UI_FN_COMMENT, UI_FN_ASSIGN, UI_FN_FORWARD, UI_FN_COMPLETE,
	UI_FN_RETURN, UI_FN_APPROVE, UI_FN_SIGN, UI_FN_ANNOTATE,
	UI_FN_ATTACHMENTS, UI_FN_HISTORY, UI_FN_VIEW_FILE, UI_FN_SAVE_FILE,
	UI_FN_CONVERT, UI_FN_NEXT_PAGE, UI_FN_PREV_PAGE,
	UI_FN_SELECT, UI_FN_LOGIN, UI_FN_DROP,
	UI_FN_REGISTER, UI_FN_FILTER_ARRIVED,
	UI_FN_VIEW_MINE, UI_FN_NEW_DRAFT, UI_FN_REVISE, UI_FN_SEND_DRAFT,
	UI_FN_VIEW_DOSSIERS, UI_FN_DOSSIER_ADD, UI_FN_DOSSIER_NEW,
	UI_FN_DOSSIER_CLOSE, UI_FN_DOSSIER_REOPEN, UI_FN_DOSSIER_REMOVE,
	UI_FN_DOSSIER_EXPORT,
	UI_FN_DIFF,
	UI_FN_ADD_RECIPIENT,
	UI_FN_REGISTER_OUT, UI_FN_REGISTER_IN,
	UI_FN_SIGN_LEVEL,
	UI_FN_EXTEND, UI_FN_VERIFY_FILE,
	UI_FN_COUNT
};

/* ui-keys.c: key names, bindings per screen map, "bind" lines. */
#define UI_KEY_ESC	27
/* Keys are ncurses key codes (KEY_*) or Unicode code points + UI_KEY_CHAR. */
#define UI_KEY_CHAR	0x1000000

const char	*ui_fn_name(enum ui_fn fn);
const char	*ui_fn_help(enum ui_fn fn);	/* translated */
const char	*ui_fn_label(enum ui_fn fn);	/* short, translated */
enum ui_fn	 ui_fn_find(const char *name);
/* A key's display name ("Enter", "PgDn", "q", "^L"); static storage. */
const char	*ui_key_name(int key);
/* Parse "q", "<pagedown>", "\Cl", "^L"; returns -1 if unknown. */
int		 ui_key_parse(const char *name);
void		 ui_keys_init(void);
void		 ui_keys_free(void);
/* Map KEY in screen map MAP ("inbox", ...), then in "generic". */
enum ui_fn	 ui_keys_lookup(const char *map, int key);
/* The first key bound to FN in MAP or generic, or -1. */
int		 ui_keys_key_for(const char *map, enum ui_fn fn);
/*
 * The key that leaves vanthu from a first screen of map MAP, the one its
 * hint bar names: back's key unless that is Esc (Esc never leaves),
 * else quit's key; -1 if neither is bound.
 */
int		 ui_keys_leave_key(const char *map);
/*
 * Apply one "bind MAP KEY FUNCTION" line (without the "bind" word: ARGS
 * is "MAP KEY FUNCTION").  Returns false and a message in ERR (LEN
 * bytes) when the line is wrong.
 */
bool		 ui_keys_bind(const char *args, char *err, size_t len);
/* The effective bindings of MAP (then generic); returns the count. */
int		 ui_keys_list(const char *map, int *keys, enum ui_fn *fns,
		     int max);
/*
 * ui_fn_allowed (ui-register.c): whether the logged-in user's role may
 * use FN on the screen MAP (vt_action_role_ok: assign for leaders,
 * register for the clerk, return for the clerk and leaders).  Hints,
 * help and keys offer only these.
 */
bool		 ui_fn_allowed(struct ui *ui, const char *map, enum ui_fn fn);
/*
 * ui_fn_label_for, ui_fn_help_for (ui-register.c): the label and help of
 * FN on MAP for the logged-in user (translated): for a clerk the sign
 * key of a draft reads "Issue", as it numbers, signs and issues it.
 */
const char	*ui_fn_label_for(struct ui *ui, const char *map, enum ui_fn fn);
const char	*ui_fn_help_for(struct ui *ui, const char *map, enum ui_fn fn);
/* ui_fn_refuse: say on the message line why the role may not use FN. */
void		 ui_fn_refuse(struct ui *ui, const char *map, enum ui_fn fn);
/* Apply every "bind" line of the configuration (vanthu.conf(5)). */
struct vt_config;
void		 ui_keys_load_config(struct ui *ui, const struct vt_config *cfg);

/* ui-draw.c: text drawn by display columns (through the text core). */
enum { UI_ALIGN_LEFT = 0, UI_ALIGN_RIGHT = 1 };
int		 ui_text_width(const char *s);
/*
 * Draw S into W at the cursor in exactly COLS columns: cut between
 * grapheme clusters with an ellipsis when too long, padded with spaces
 * when short (on the left when ALIGN is UI_ALIGN_RIGHT).
 */
void		 ui_put_fit(WINDOW *w, const char *s, int cols, int align);
/* Draw S, cut at COLS columns, without padding; returns columns used. */
int		 ui_put_cut(WINDOW *w, const char *s, int cols);
/* Fill the rest of the current line of W with spaces (keeping attrs). */
void		 ui_fill_eol(WINDOW *w);
/*
 * vt_text_next_cluster (the end of the grapheme cluster at OFF in S,
 * LEN bytes, its columns in *WIDTH), with the letters most of a row is
 * made of (printable ASCII, Latin and Vietnamese precomposed letters,
 * when no mark follows) taken without the Unicode tables: the same
 * answer, faster.
 */
size_t		 ui_next_cluster(const char *s, size_t len, size_t off,
		     int *width);
/* Draw N spaces. */
void		 ui_put_spaces(WINDOW *w, int n);
/* Draw LEN bytes of S (UTF-8) as waddnstr does, faster. */
void		 ui_put_text(WINDOW *w, const char *s, size_t len);

/* Colours and attributes; plain attributes when there are no colours. */
enum ui_style {
	UI_ST_NORMAL, UI_ST_TITLE, UI_ST_HEADER, UI_ST_SELECTED,
	UI_ST_UNREAD, UI_ST_URGENT, UI_ST_OVERDUE, UI_ST_KEY, UI_ST_HINT,
	UI_ST_ERROR, UI_ST_OK, UI_ST_MATCH, UI_ST_LAST
};
attr_t		 ui_style(enum ui_style st);
void		 ui_styles_init(void);

/* A screen on the stack. */
struct ui_screen_ops {
	const char	*map;		/* binding map: "inbox", "reader"... */
	/* Title for the title bar (translated; the screen owns it). */
	const char	*(*title)(struct ui *, struct ui_screen *);
	/* Draw the body (W is already erased when FULL). */
	void		 (*draw)(struct ui *, struct ui_screen *, WINDOW *w);
	/* Run FN; return true when handled. */
	bool		 (*action)(struct ui *, struct ui_screen *, enum ui_fn);
	/* A key no binding took (may be NULL). */
	bool		 (*key)(struct ui *, struct ui_screen *, int key);
	/* Data changed underneath (sync finished); may be NULL. */
	void		 (*reload)(struct ui *, struct ui_screen *);
	void		 (*free)(struct ui_screen *);
	/* Functions shown in the hint lines, ended by UI_FN_NONE. */
	const enum ui_fn *hints;
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	void			*data;
	struct ui_screen	*below;
};

/* A background job: RUN in a worker thread (no curses!), DONE after. */
typedef void	(*ui_job_run_fn)(void *arg);
typedef void	(*ui_job_done_fn)(struct ui *, void *arg);

struct ui_job;

struct ui {
	const struct vt_ui_options *opt;
	struct ui_screen	*top;
	WINDOW			*wtitle, *wbody, *wmsg, *wkeys;
	int			 rows, cols;	/* as laid out (at least 5x20) */
	int			 lines, columns;	/* LINES, COLS then */
	bool			 dirty_title, dirty_body, dirty_msg, dirty_keys;
	bool			 quit;
	bool			 colours;
	char			 msg[512];	/* status message */
	bool			 msg_error;
	/* Connection state, shown in the title bar. */
	bool			 online;
	bool			 online_known;	/* a server answered or failed */
	int			 outbox_pending;
	/* Background jobs. */
	struct ui_job		*jobs;
	int			 pipe_rd, pipe_wr;
	int			 spin;
	void			*app;		/* ui-app.c: session, cache... */
	/*
	 * A prompt or question open on the message line: ui_paint draws
	 * it last, so that it comes back after a resize, an error message
	 * or a finished job (ui-prompt.c sets it).
	 */
	void			 (*overlay)(struct ui *, void *);
	void			*overlay_arg;
};

/* ui-main.c */
void	ui_push(struct ui *ui, const struct ui_screen_ops *ops, void *data);
void	ui_pop(struct ui *ui);
void	ui_dirty_all(struct ui *ui);
void	ui_message(struct ui *ui, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	ui_error(struct ui *ui, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Paint what is dirty and send it to the terminal. */
void	ui_paint(struct ui *ui);
/*
 * Wait for the next key, handling resizes and finished jobs meanwhile
 * (the screen is repainted as needed).  Returns a key as ui-keys.c
 * encodes it (KEY_RESIZE is handled here and never returned).
 */
int	ui_next_key(struct ui *ui);
/* Start a job; DONE runs in the curses thread.  ARG belongs to the job. */
void	ui_job_start(struct ui *ui, const char *what, ui_job_run_fn run,
	    ui_job_done_fn done, void *arg);
bool	ui_job_busy(const struct ui *ui);
/* Progress of the current job (0..100, or -1 unknown), thread-safe. */
void	ui_job_progress(struct ui *ui, long long now, long long total);
/* Percentage of the running transfer (0..100), or -1 when unknown. */
int	ui_job_percent(void);
/* The name of the running job, for the title bar; NULL if none. */
const char *ui_job_what(const struct ui *ui);
/* Leave curses for an external program and come back. */
void	ui_suspend(struct ui *ui);
void	ui_resume(struct ui *ui);

/* ui-prompt.c: modal prompts on the message line. */
/*
 * Ask QUESTION (y/n); true for yes.  Esc and n are no.  Write the
 * question itself first and its explanation after ("Quit? 2 actions
 * are not sent yet."): a question too long for one line wraps onto the
 * first key-hint line, the answer keys always showing.
 */
bool	ui_confirm(struct ui *ui, const char *question);
/*
 * One-line editor on the message line.  INITIAL may be NULL.  HIDDEN
 * shows '*' (PINs, passwords) and then returns a secret buffer
 * (vanthu/secret.h: free it with vt_secret_free, which wipes it), as
 * typed; otherwise a string the caller frees (made safe).  NULL when
 * the user pressed Esc.  ON_CHANGE (may be NULL) is called
 * after each edit with the current text (incremental search).  Without
 * ON_CHANGE, Esc on text that is not empty asks before throwing it
 * away.  The prompt stays on screen through resizes and messages.
 */
char	*ui_prompt(struct ui *ui, const char *label, const char *initial,
	    bool hidden, void (*on_change)(struct ui *, void *, const char *),
	    void *cbarg);
/*
 * ui_prompt_path: the one-line editor for a file name: Tab completes
 * the name from the directory (to the longest common part; a lone
 * directory gets its '/').  "~/" is the home directory.  Returns a
 * new string (the path as typed), or NULL on Esc.
 */
char	*ui_prompt_path(struct ui *ui, const char *label, const char *initial);
/* ui-complete.c: complete the file name TEXT (a new string, or NULL
   when nothing matches or nothing can be added). */
char	*ui_complete_path(const char *text);
/*
 * Longer text: in $VISUAL or $EDITOR when set, else in nano when it is
 * installed, else in vanthu's own multi-line editor (never vi, which a
 * newcomer cannot leave).  NULL if cancelled or empty.
 */
char	*ui_prompt_editor(struct ui *ui, const char *initial);
/*
 * vanthu's own multi-line editor in the body of the screen (ui-editor.c):
 * Enter makes a new line, ^X finishes, Esc asks before throwing the text
 * away.  Returns the text (caller frees) or NULL.
 */
char	*ui_editor_builtin(struct ui *ui, const char *initial);
/* Ask for a comment: one line, or $EDITOR when the user presses ^E. */
char	*ui_prompt_text(struct ui *ui, const char *label);

/* ui-edit.c: the editing state of the one-line editor. */
struct ui_edit {
	struct vt_buf	 text;
	size_t		 cur;	/* byte offset of the cursor */
	bool		 secret; /* text is a fixed secret buffer */
};
void	ui_edit_init(struct ui_edit *e, const char *initial);
/* A PIN or password: the text lives in one secret buffer (locked in RAM,
   never moved by realloc, wiped when freed); longer input is refused. */
void	ui_edit_init_secret(struct ui_edit *e, const char *initial);
void	ui_edit_free(struct ui_edit *e);
/* Apply KEY; returns 1 when the text changed, 0 otherwise. */
int	ui_edit_key(struct ui_edit *e, int key);
/* Insert N BYTES (UTF-8) at the cursor, which moves after them. */
void	ui_edit_insert(struct ui_edit *e, const char *bytes, size_t n);
/* Columns from the start of the text to the cursor. */
int	ui_edit_cursor_col(const struct ui_edit *e);

/* ui-list.c: a list of rows with aligned columns. */
struct ui_column {
	const char	*title;		/* translated at draw time */
	int		 width;		/* columns; 0 = takes what is left */
	int		 min;		/* minimum (flexible, or giving up) */
	int		 align;
	/*
	 * When the screen is too narrow, columns give up width in this
	 * order (1 first): down to MIN, then hidden.  0: never (the
	 * deadline).
	 */
	int		 give;
};

struct ui_list {
	const struct ui_column *columns;
	int		 ncolumns;
	int		 count;
	int		 sel;		/* selected row, or -1 when empty */
	int		 top;		/* first row shown */
	int		 height;	/* rows shown (set while drawing) */
	void		*ctx;
	/* Text of cell (ROW, COL); valid until the next call. */
	const char	*(*cell)(void *ctx, int row, int col);
	attr_t		 (*row_attr)(void *ctx, int row);
	/* The searchable text of ROW; valid until the next call. */
	const char	*(*row_text)(void *ctx, int row);
	char		*search;	/* last search query, or NULL */
	const char	*empty;		/* text when there is no row */
	/*
	 * When set, '/' narrows the list: LIMIT(CTX, QUERY) keeps only
	 * the rows whose row_text matches QUERY (vt_text_search_new; ""
	 * shows all) and calls ui_list_set_count.
	 */
	void		 (*limit)(void *ctx, const char *query);
	struct vt_text_query *match;	/* words highlighted, or NULL */
	struct ui_list_drawn *drawn;	/* ui_list_keep_drawn, or NULL */
};
/* The most columns a list has. */
#define UI_LIST_COLUMNS	16

void	ui_list_init(struct ui_list *l);
/*
 * The slow-link display (config slow_link, issue 17): every list shows
 * its selected row with an arrow "->" in two columns of its own rather
 * than a reverse-video bar, so moving the selection rewrites two cells
 * instead of two whole rows, and scrolls by half a screen so that a
 * scroll happens half as often (curses scrolls the rest with the
 * terminal's scroll region, idlok).  Same rows and columns otherwise.
 */
void	ui_list_slow_link(bool on);
bool	ui_list_is_slow_link(void);
void	ui_list_free(struct ui_list *l);
void	ui_list_set_count(struct ui_list *l, int count);
void	ui_list_draw(struct ui_list *l, WINDOW *w);
/*
 * ui_list_keep_drawn: L draws again only the lines of its window whose
 * content changed since its last draw (a row's cells, attributes,
 * matched words), not the whole window at every key: for a screen that
 * draws nothing else in that window.  Every line is drawn again after
 * ui_list_redraw_all, in another window or at another size.
 * ui_list_redraw_all: every window may have been drawn over (called by
 * ui_dirty_all).
 */
void	ui_list_keep_drawn(struct ui_list *l);
void	ui_list_redraw_all(void);
/* The width column COL of L gets when drawn in a window WIDTH columns
   wide (as ui_list_draw lays it out). */
int	ui_list_column_width(const struct ui_list *l, int width, int col);
/* Movement, search; true when handled. */
bool	ui_list_action(struct ui *ui, struct ui_list *l, enum ui_fn fn);
/* Select the first row at or after FROM (wrapping) matching QUERY. */
bool	ui_list_find(struct ui_list *l, const char *query, int from);
/* Highlight the words of QUERY (NULL or "": none) in the cells. */
void	ui_list_set_match(struct ui_list *l, const char *query);

/* ui-help.c */
void	ui_help_open(struct ui *ui, const struct ui_screen *of);

/* ui-hints.c: title bar and the two key hint lines. */
void	ui_draw_title(struct ui *ui);
void	ui_draw_keys(struct ui *ui);
void	ui_draw_msg(struct ui *ui);

/* Helpers. */
int	ui_body_height(const struct ui *ui);
/*
 * ui-term.c: whether the terminal (TERM, terminfo) can place the
 * cursor; TERM=dumb, an unknown TERM or no "cup" capability cannot.
 */
bool	ui_term_can_address(void);
/* After a program run with the terminal given back failed: clear the
   shell's screen of what it printed (ui-term.c). */
void	ui_term_clear_shell_screen(void);
/* ui_term_rtt_ms: the terminal's round trip in ms (DSR 6 answered by a
   cursor position report), LIMIT_MS at most; -1 without an answer. */
int	ui_term_rtt_ms(int limit_ms);

#endif
