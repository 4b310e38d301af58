/*
 * vanthu: key bindings of the terminal interface.
 *
 * Every key runs a named function in a screen's map ("inbox", "reader",
 * "draft", ...) or, failing that, in the "generic" map.  The
 * configuration file can change any of them with lines
 *     bind MAP KEY FUNCTION
 * as neomutt's bind command does (see vanthu.conf(5)).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-int.h"

struct ui_fn_info {
	const char	*name;
	const char	*label;		/* short hint, N_() */
	const char	*help;		/* one line for the help screen, N_() */
};

static const struct ui_fn_info ui_fns[UI_FN_COUNT] = {
	[UI_FN_NONE] = { "noop", N_("Nothing"), N_("do nothing (unbinds a key)") },
	[UI_FN_UP] = { "up", N_("Up"), N_("move to the previous line") },
	[UI_FN_DOWN] = { "down", N_("Down"), N_("move to the next line") },
	[UI_FN_PAGE_UP] = { "page-up", N_("Page up"), N_("show the previous screenful") },
	[UI_FN_PAGE_DOWN] = { "page-down", N_("Page down"), N_("show the next screenful") },
	[UI_FN_FIRST] = { "first", N_("First"), N_("go to the first line") },
	[UI_FN_LAST] = { "last", N_("Last"), N_("go to the last line") },
	[UI_FN_LEFT] = { "left", N_("Left"), N_("move left") },
	[UI_FN_RIGHT] = { "right", N_("Right"), N_("move right") },
	[UI_FN_OPEN] = { "open", N_("Open"), N_("open the selected item") },
	[UI_FN_BACK] = { "back", N_("Back"), N_("go back to the previous screen") },
	[UI_FN_QUIT] = { "quit", N_("Quit"), N_("leave vanthu") },
	[UI_FN_HELP] = { "help", N_("Help"), N_("show the keys of this screen") },
	[UI_FN_REDRAW] = { "redraw", N_("Redraw"), N_("draw the whole screen again") },
	[UI_FN_SEARCH] = { "search", N_("Search"), N_("search as you type (accents optional)") },
	[UI_FN_SEARCH_NEXT] = { "search-next", N_("Next match"), N_("go to the next match") },
	[UI_FN_SYNC] = { "sync", N_("Sync"), N_("fetch new documents and send pending actions") },
	[UI_FN_VIEW_INBOX] = { "view-inbox", N_("Incoming"), N_("show incoming documents") },
	[UI_FN_VIEW_REVIEW] = { "view-review", N_("To review"), N_("show drafts awaiting my review") },
	[UI_FN_VIEW_SIGN] = { "view-sign", N_("To sign"), N_("show drafts awaiting my signature") },
	[UI_FN_VIEW_OUTBOX] = { "view-outbox", N_("Outbox"), N_("show actions waiting to be sent") },
	[UI_FN_FILTER_UNREAD] = { "filter-unread", N_("Unread"), N_("show only unread documents (again: all)") },
	[UI_FN_FILTER_OVERDUE] = { "filter-overdue", N_("Overdue"), N_("show only overdue documents (again: all)") },
	[UI_FN_FILTER_URGENT] = { "filter-urgent", N_("Urgent"), N_("show only urgent documents (again: all)") },
	[UI_FN_FILTER_MINE] = { "filter-mine", N_("Mine"), N_("show only documents where I have a role (again: all)") },
	[UI_FN_FILTER_DUE] = { "filter-due", N_("Due soon"), N_("show only what is due within some days (again: all)") },
	[UI_FN_SORT] = { "sort", N_("Sort"), N_("sort by arrival number, deadline, urgency, date or sender") },
	[UI_FN_COMMENT] = { "comment", N_("Comment"), N_("write a comment or direction") },
	[UI_FN_ASSIGN] = { "assign", N_("Assign"), N_("assign the document to people, with a deadline") },
	[UI_FN_FORWARD] = { "forward", N_("Forward"), N_("forward the document to people") },
	[UI_FN_COMPLETE] = { "complete", N_("Complete"), N_("mark the document as completed") },
	[UI_FN_RETURN] = { "return", N_("Return"), N_("return it with a reason") },
	[UI_FN_APPROVE] = { "approve", N_("Approve"), N_("approve the draft") },
	[UI_FN_SIGN] = { "sign", N_("Sign"), N_("sign the draft with my token") },
	[UI_FN_ANNOTATE] = { "annotate", N_("Annotate"), N_("note on the line under the cursor") },
	[UI_FN_ATTACHMENTS] = { "attachments", N_("Files"), N_("list the attached files") },
	[UI_FN_HISTORY] = { "history", N_("History"), N_("show the processing history and comments") },
	[UI_FN_VIEW_FILE] = { "view-file", N_("View"), N_("open the file in an external viewer") },
	[UI_FN_SAVE_FILE] = { "save-file", N_("Save"), N_("save the file to a folder") },
	[UI_FN_CONVERT] = { "convert", N_("Encoding"), N_("read the text as TCVN3 or VNI (old fonts)") },
	[UI_FN_NEXT_PAGE] = { "next-page", N_("Next page"), N_("go to the next page of the document") },
	[UI_FN_PREV_PAGE] = { "prev-page", N_("Previous page"), N_("go to the previous page of the document") },
	[UI_FN_SELECT] = { "select", N_("Select"), N_("mark or unmark the person") },
	[UI_FN_LOGIN] = { "login", N_("Log in"), N_("log in with the name and password") },
	[UI_FN_DROP] = { "drop", N_("Drop"), N_("outbox: drop a refused action (it is never sent)") },
	[UI_FN_REGISTER] = { "register", N_("Register"), N_("clerk: check the signature and register the arrived document (arrival number)") },
	[UI_FN_FILTER_ARRIVED] = { "filter-arrived", N_("To register"), N_("show only documents awaiting registration (again: all)") },
	[UI_FN_VIEW_MINE] = { "view-mine", N_("My drafts"), N_("show the drafts I wrote: state, whose turn, return reason") },
	[UI_FN_NEW_DRAFT] = { "new-draft", N_("New draft"), N_("start a draft from a PDF file") },
	[UI_FN_REVISE] = { "revise", N_("New version"), N_("upload a new version of my draft") },
	[UI_FN_SEND_DRAFT] = { "send-draft", N_("Send"), N_("check the form and send the draft") },
	[UI_FN_VIEW_DOSSIERS] = { "view-dossiers", N_("Dossiers"), N_("show the work dossiers") },
	[UI_FN_DOSSIER_ADD] = { "dossier-add", N_("To dossier"), N_("add this document to an open dossier") },
	[UI_FN_DOSSIER_NEW] = { "dossier-new", N_("New dossier"), N_("open a dossier from the year's dossier list") },
	[UI_FN_DOSSIER_CLOSE] = { "dossier-close", N_("Close"), N_("close the dossier: end date and page count") },
	[UI_FN_DOSSIER_REOPEN] = { "dossier-reopen", N_("Reopen"), N_("reopen the closed dossier, with a reason") },
	[UI_FN_DOSSIER_REMOVE] = { "dossier-remove", N_("Take out"), N_("take the document out of the dossier") },
	[UI_FN_DOSSIER_EXPORT] = { "dossier-export", N_("Hand over"), N_("write the dossier's folder for the archive") },
	[UI_FN_DIFF] = { "diff", N_("Changes"), N_("show the words changed between two versions of the draft") },
	[UI_FN_ADD_RECIPIENT] = { "add-recipient", N_("Recipient"), N_("clerk: also send the document being issued to an organ (organ_id) or a person (username)") },
	[UI_FN_REGISTER_OUT] = { "outgoing-register", N_("Outgoing reg."), N_("the outgoing register of the year (sổ đăng ký văn bản đi)") },
	[UI_FN_REGISTER_IN] = { "incoming-register", N_("Incoming reg."), N_("the incoming register of the year (sổ đăng ký văn bản đến)") },
	[UI_FN_SIGN_LEVEL] = { "sign-level", N_("Level"), N_("the signature's PAdES level: B-B, B-T (timestamp), B-LT (and validation data), B-LTA (and a document timestamp)") },
	[UI_FN_EXTEND] = { "extend", N_("Long-term"), N_("save a copy of the signed PDF that stays verifiable for years (PAdES B-LTA with tsa_url, else B-LT)") },
	[UI_FN_VERIFY_FILE] = { "verify-file", N_("Signatures"), N_("check the file's digital signatures in full (as vanthu verify)") },
};

struct ui_binding {
	char		*map;
	int		 key;
	enum ui_fn	 fn;
};

static struct ui_binding	*ui_binds;
static size_t			 ui_nbinds, ui_capbinds;

#define K(c)	(UI_KEY_CHAR + (c))
#define CTRL(c)	((c) & 0x1f)

static const struct {
	const char	*map;
	int		 key;
	enum ui_fn	 fn;
} ui_default_binds[] = {
	{ "generic", KEY_UP, UI_FN_UP },
	{ "generic", K('k'), UI_FN_UP },
	{ "generic", KEY_DOWN, UI_FN_DOWN },
	{ "generic", K('j'), UI_FN_DOWN },
	{ "generic", KEY_PPAGE, UI_FN_PAGE_UP },
	{ "generic", K('-'), UI_FN_PAGE_UP },
	{ "generic", KEY_NPAGE, UI_FN_PAGE_DOWN },
	{ "generic", K(' '), UI_FN_PAGE_DOWN },
	{ "generic", KEY_HOME, UI_FN_FIRST },
	{ "generic", KEY_END, UI_FN_LAST },
	{ "generic", KEY_LEFT, UI_FN_LEFT },
	{ "generic", KEY_RIGHT, UI_FN_RIGHT },
	{ "generic", '\r', UI_FN_OPEN },
	{ "generic", '\n', UI_FN_OPEN },
	{ "generic", KEY_ENTER, UI_FN_OPEN },
	{ "generic", K('q'), UI_FN_BACK },
	{ "generic", UI_KEY_ESC, UI_FN_BACK },
	{ "generic", K('Q'), UI_FN_QUIT },
	{ "generic", K('?'), UI_FN_HELP },
	{ "generic", KEY_F(1), UI_FN_HELP },
	{ "generic", CTRL('L'), UI_FN_REDRAW },
	{ "generic", K('/'), UI_FN_SEARCH },
	{ "generic", K('n'), UI_FN_SEARCH_NEXT },
	{ "generic", K('g'), UI_FN_SYNC },

	{ "inbox", K('1'), UI_FN_VIEW_INBOX },
	{ "inbox", K('2'), UI_FN_VIEW_REVIEW },
	{ "inbox", K('3'), UI_FN_VIEW_SIGN },
	{ "inbox", K('4'), UI_FN_VIEW_OUTBOX },
	{ "inbox", K('u'), UI_FN_FILTER_UNREAD },
	{ "inbox", K('o'), UI_FN_FILTER_OVERDUE },
	{ "inbox", K('!'), UI_FN_FILTER_URGENT },
	{ "inbox", K('m'), UI_FN_FILTER_MINE },
	{ "inbox", K('s'), UI_FN_SORT },
	{ "inbox", K('h'), UI_FN_FILTER_DUE },
	{ "inbox", K('c'), UI_FN_COMMENT },
	{ "inbox", K('D'), UI_FN_DROP },
	{ "inbox", K('v'), UI_FN_FILTER_ARRIVED },
	{ "inbox", K('5'), UI_FN_VIEW_MINE },
	{ "inbox", K('N'), UI_FN_NEW_DRAFT },
	{ "draft", K('u'), UI_FN_REVISE },
	{ "draft", K('d'), UI_FN_DIFF },
	{ "compose", K('s'), UI_FN_SEND_DRAFT },
	{ "compose", KEY_F(10), UI_FN_SEND_DRAFT },
	{ "pick", K(' '), UI_FN_SELECT },
	{ "inbox", K('6'), UI_FN_VIEW_DOSSIERS },
	{ "reader", K('H'), UI_FN_DOSSIER_ADD },
	{ "draft", K('H'), UI_FN_DOSSIER_ADD },
	{ "dossiers", K('N'), UI_FN_DOSSIER_NEW },
	{ "dossier", K('C'), UI_FN_DOSSIER_CLOSE },
	{ "dossier", K('R'), UI_FN_DOSSIER_REOPEN },
	{ "dossier", K('D'), UI_FN_DOSSIER_REMOVE },
	{ "dossier", K('h'), UI_FN_HISTORY },
	{ "dossier", K('x'), UI_FN_DOSSIER_EXPORT },

	{ "reader", K('c'), UI_FN_COMMENT },
	{ "reader", K('a'), UI_FN_ASSIGN },
	{ "reader", K('f'), UI_FN_FORWARD },
	{ "reader", K('d'), UI_FN_COMPLETE },
	{ "reader", K('r'), UI_FN_RETURN },
	{ "reader", K('v'), UI_FN_REGISTER },
	{ "reader", K('t'), UI_FN_ATTACHMENTS },
	{ "reader", K('h'), UI_FN_HISTORY },
	{ "reader", K('e'), UI_FN_CONVERT },
	{ "reader", K('>'), UI_FN_NEXT_PAGE },
	{ "reader", K('<'), UI_FN_PREV_PAGE },

	{ "draft", K('c'), UI_FN_COMMENT },
	{ "draft", K('i'), UI_FN_ANNOTATE },
	{ "draft", K('a'), UI_FN_APPROVE },
	{ "draft", K('r'), UI_FN_RETURN },
	{ "draft", K('s'), UI_FN_SIGN },
	{ "draft", K('t'), UI_FN_ATTACHMENTS },
	{ "draft", K('h'), UI_FN_HISTORY },
	{ "draft", K('e'), UI_FN_CONVERT },
	{ "draft", K('>'), UI_FN_NEXT_PAGE },
	{ "draft", K('<'), UI_FN_PREV_PAGE },

	{ "sign", K('s'), UI_FN_SIGN },
	/* Enter is three codes (as "generic" has them): all of them sign,
	   so that Enter does one thing here and the help lists it once. */
	{ "sign", '\r', UI_FN_SIGN },
	{ "sign", '\n', UI_FN_SIGN },
	{ "sign", KEY_ENTER, UI_FN_SIGN },
	{ "sign", K('t'), UI_FN_ADD_RECIPIENT },
	{ "sign", K('l'), UI_FN_SIGN_LEVEL },
	{ "inbox", K('O'), UI_FN_REGISTER_OUT },
	{ "inbox", K('I'), UI_FN_REGISTER_IN },

	{ "attachments", K('v'), UI_FN_VIEW_FILE },
	{ "attachments", K('w'), UI_FN_SAVE_FILE },
	{ "attachments", K('c'), UI_FN_VERIFY_FILE },
	{ "attachments", K('L'), UI_FN_EXTEND },
	{ "reader", K('L'), UI_FN_EXTEND },
	{ "draft", K('L'), UI_FN_EXTEND },

	{ "people", K(' '), UI_FN_SELECT },
	{ "people", K('x'), UI_FN_SELECT },

	{ "login", '\r', UI_FN_LOGIN },
	{ "login", '\n', UI_FN_LOGIN },
	{ "login", KEY_ENTER, UI_FN_LOGIN },
	{ "login", K('Q'), UI_FN_QUIT },
};

static void
ui_bind_add(const char *map, int key, enum ui_fn fn)
{
	size_t	i;

	for (i = 0; i < ui_nbinds; i++) {
		if (ui_binds[i].key == key && strcmp(ui_binds[i].map, map) == 0) {
			ui_binds[i].fn = fn;
			return;
		}
	}
	if (ui_nbinds == ui_capbinds) {
		ui_capbinds = ui_capbinds ? ui_capbinds * 2 : 64;
		ui_binds = xreallocarray(ui_binds, ui_capbinds,
		    sizeof *ui_binds);
	}
	ui_binds[ui_nbinds].map = xstrdup(map);
	ui_binds[ui_nbinds].key = key;
	ui_binds[ui_nbinds].fn = fn;
	ui_nbinds++;
}

void
ui_keys_init(void)
{
	size_t	i;

	for (i = 0; i < sizeof ui_default_binds / sizeof ui_default_binds[0];
	    i++)
		ui_bind_add(ui_default_binds[i].map, ui_default_binds[i].key,
		    ui_default_binds[i].fn);
}

void
ui_keys_free(void)
{
	size_t	i;

	for (i = 0; i < ui_nbinds; i++)
		free(ui_binds[i].map);
	free(ui_binds);
	ui_binds = NULL;
	ui_nbinds = ui_capbinds = 0;
}

static bool
ui_keys_find(const char *map, int key, enum ui_fn *fn)
{
	size_t	i;

	for (i = 0; i < ui_nbinds; i++) {
		if (ui_binds[i].key == key && strcmp(ui_binds[i].map, map) == 0) {
			*fn = ui_binds[i].fn;
			return true;
		}
	}
	return false;
}

enum ui_fn
ui_keys_lookup(const char *map, int key)
{
	enum ui_fn	fn;

	if (map != NULL && ui_keys_find(map, key, &fn))
		return fn;
	if (ui_keys_find("generic", key, &fn))
		return fn;
	return UI_FN_NONE;
}

int
ui_keys_key_for(const char *map, enum ui_fn fn)
{
	size_t	i;
	int	pass;

	for (pass = 0; pass < 2; pass++) {
		const char	*m = pass == 0 ? map : "generic";

		if (m == NULL)
			continue;
		for (i = 0; i < ui_nbinds; i++) {
			if (ui_binds[i].fn == fn &&
			    strcmp(ui_binds[i].map, m) == 0 &&
			    ui_keys_lookup(map, ui_binds[i].key) == fn)
				return ui_binds[i].key;
		}
	}
	return -1;
}

int
ui_keys_leave_key(const char *map)
{
	int	key = ui_keys_key_for(map, UI_FN_BACK);

	if (key != -1 && key != UI_KEY_ESC)
		return key;
	return ui_keys_key_for(map, UI_FN_QUIT);
}

const char *
ui_fn_name(enum ui_fn fn)
{
	return ui_fns[fn].name;
}

const char *
ui_fn_help(enum ui_fn fn)
{
	return _(ui_fns[fn].help);
}

const char *
ui_fn_label(enum ui_fn fn)
{
	return _(ui_fns[fn].label);
}

enum ui_fn
ui_fn_find(const char *name)
{
	int	i;

	for (i = 0; i < UI_FN_COUNT; i++) {
		if (ui_fns[i].name != NULL && strcmp(ui_fns[i].name, name) == 0)
			return (enum ui_fn)i;
	}
	return UI_FN_COUNT;
}

static const struct {
	const char	*name;		/* as written in the config, <...> */
	const char	*shown;		/* as shown in hints */
	int		 key;
} ui_key_names[] = {
	/* TRANSLATORS: key names shown in the hints and the help. */
	{ "up", "\xe2\x86\x91", KEY_UP },		/* ↑ */
	{ "down", "\xe2\x86\x93", KEY_DOWN },	/* ↓ */
	{ "left", "\xe2\x86\x90", KEY_LEFT },	/* ← */
	{ "right", "\xe2\x86\x92", KEY_RIGHT },	/* → */
	{ "pageup", N_("PgUp"), KEY_PPAGE },
	{ "pagedown", N_("PgDn"), KEY_NPAGE },
	{ "home", N_("Home"), KEY_HOME },
	{ "end", N_("End"), KEY_END },
	{ "enter", N_("Enter"), '\r' },
	{ "return", N_("Enter"), '\n' },
	{ "keypadenter", N_("Enter"), KEY_ENTER },
	{ "esc", N_("Esc"), UI_KEY_ESC },
	{ "space", N_("Space"), UI_KEY_CHAR + ' ' },
	{ "tab", N_("Tab"), '\t' },
	{ "backtab", N_("BackTab"), KEY_BTAB },
	{ "backspace", N_("BkSp"), KEY_BACKSPACE },
	{ "delete", N_("Del"), KEY_DC },
	{ "insert", N_("Ins"), KEY_IC },
};

const char *
ui_key_name(int key)
{
	static char	buf[16];
	size_t		i;

	for (i = 0; i < sizeof ui_key_names / sizeof ui_key_names[0]; i++) {
		if (ui_key_names[i].key == key)
			return _(ui_key_names[i].shown);
	}
	if (key >= KEY_F(1) && key <= KEY_F(24)) {
		snprintf(buf, sizeof buf, "F%d", key - KEY_F0);
		return buf;
	}
	if (key >= UI_KEY_CHAR) {
		mbstate_t	st;
		size_t		n;

		memset(&st, 0, sizeof st);
		n = wcrtomb(buf, (wchar_t)(key - UI_KEY_CHAR), &st);
		if (n == (size_t)-1)
			n = 0;
		buf[n] = '\0';
		return buf;
	}
	if (key >= 0 && key < 0x20) {
		snprintf(buf, sizeof buf, "^%c", key + '@');
		return buf;
	}
	if (key == 0x7f)
		return _("BkSp");
	snprintf(buf, sizeof buf, "<%d>", key);
	return buf;
}

int
ui_key_parse(const char *s)
{
	size_t		i, n;
	wchar_t		wc;
	mbstate_t	st;

	if (s[0] == '<') {
		n = strlen(s);
		if (n < 3 || s[n - 1] != '>')
			return -1;
		for (i = 0; i < sizeof ui_key_names / sizeof ui_key_names[0];
		    i++) {
			if (strlen(ui_key_names[i].name) == n - 2 &&
			    strncasecmp(ui_key_names[i].name, s + 1, n - 2) == 0)
				return ui_key_names[i].key;
		}
		if ((s[1] == 'f' || s[1] == 'F') && isdigit((unsigned char)s[2])) {
			int	f = atoi(s + 2);

			if (f >= 1 && f <= 24)
				return KEY_F(f);
		}
		return -1;
	}
	if ((s[0] == '^' && s[1] != '\0' && s[2] == '\0') ||
	    (s[0] == '\\' && (s[1] == 'C' || s[1] == 'c') && s[2] != '\0' &&
	    s[3] == '\0')) {
		int	c = toupper((unsigned char)s[s[0] == '^' ? 1 : 2]);

		if (c < '@' || c > '_')
			return -1;
		return c & 0x1f;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, strlen(s), &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2 || s[n] != '\0')
		return -1;
	if (wc < 0x20 || wc == 0x7f)
		return (int)wc;
	return UI_KEY_CHAR + (int)wc;
}

static const char *const ui_maps[] = {
	"generic", "inbox", "reader", "draft", "attachments", "people",
	"history", "login", "help", "outbox", "sign", "compose", "pick", NULL
};

bool
ui_keys_bind(const char *args, char *err, size_t len)
{
	char		map[64], key[64], fn[64], extra[8];
	enum ui_fn	f;
	int		k, i, n;

	n = sscanf(args, "%63s %63s %63s %7s", map, key, fn, extra);
	if (n != 3) {
		snprintf(err, len, _("bind needs a screen, a key and a "
		    "function"));
		return false;
	}
	for (i = 0; ui_maps[i] != NULL; i++) {
		if (strcmp(ui_maps[i], map) == 0)
			break;
	}
	if (ui_maps[i] == NULL) {
		snprintf(err, len, _("unknown screen '%s'"), map);
		return false;
	}
	if ((k = ui_key_parse(key)) == -1) {
		snprintf(err, len, _("unknown key '%s'"), key);
		return false;
	}
	if ((f = ui_fn_find(fn)) == UI_FN_COUNT) {
		snprintf(err, len, _("unknown function '%s'"), fn);
		return false;
	}
	ui_bind_add(map, k, f);
	return true;
}

void
ui_keys_load_config(struct ui *ui, const struct vt_config *cfg)
{
	const struct vt_config_entry	*e;
	size_t				 pos = 0;
	char				 err[256];

	while ((e = vt_config_next(cfg, "bind", &pos)) != NULL) {
		if (!ui_keys_bind(e->value, err, sizeof err))
			ui_error(ui, _("Configuration file, line %d: %s"),
			    e->line, err);
	}
}

/* Whether a key shown with the same name already does FN in the list. */
static bool
ui_keys_listed(const int *keys, const enum ui_fn *fns, int n, int key,
    enum ui_fn fn)
{
	char	name[16];
	int	i;

	snprintf(name, sizeof name, "%s", ui_key_name(key));
	for (i = 0; i < n; i++) {
		if (fns[i] == fn && strcmp(ui_key_name(keys[i]), name) == 0)
			return true;
	}
	return false;
}

int
ui_keys_list(const char *map, int *keys, enum ui_fn *fns, int max)
{
	size_t	i;
	int	n = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		const char	*m = pass == 0 ? map : "generic";

		if (m == NULL || (pass == 1 && map != NULL &&
		    strcmp(map, "generic") == 0))
			continue;
		for (i = 0; i < ui_nbinds && n < max; i++) {
			if (strcmp(ui_binds[i].map, m) != 0 ||
			    ui_binds[i].fn == UI_FN_NONE)
				continue;
			/* A generic key the screen binds otherwise: skip. */
			if (ui_keys_lookup(map, ui_binds[i].key) !=
			    ui_binds[i].fn)
				continue;
			/* Enter, ^M and ^J: one line for one name. */
			if (ui_keys_listed(keys, fns, n, ui_binds[i].key,
			    ui_binds[i].fn))
				continue;
			keys[n] = ui_binds[i].key;
			fns[n] = ui_binds[i].fn;
			n++;
		}
	}
	return n;
}
