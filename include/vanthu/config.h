/*
 * vanthu: the configuration file, $XDG_CONFIG_HOME/vanthu/config (see
 * vanthu.conf(5)), and the XDG base directories (XDG Base Directory
 * Specification 0.8).
 *
 * The file is plain UTF-8 text, one "key = value" per line; blank lines
 * and lines starting with '#' are ignored; white space around key and
 * value is dropped; a value may be put in double quotes to keep leading
 * or trailing spaces.  A key may appear several times (the last one
 * wins for single-valued keys; "bind" lines are all kept, in order).
 * Every line is kept in cfg->entries, known or not, so other modules
 * (the TUI reads "bind") can read their own keys with vt_config_get /
 * vt_config_next.
 */
#ifndef VANTHU_CONFIG_H
#define VANTHU_CONFIG_H

#include <stddef.h>

#include "vanthu/error.h"

/* One "key = value" line of the file, NFC, control characters refused. */
struct vt_config_entry {
	char	*key;
	char	*value;
	int	 line;		/* line number in the file, 1-based */
};

/* slow_link (vanthu.conf(5)): the interface's slow-link display. */
enum vt_slow_link {
	VT_SLOW_LINK_AUTO = 0,	/* the default: measured at start */
	VT_SLOW_LINK_YES,
	VT_SLOW_LINK_NO
};

struct vt_config {
	char		*path;		/* file read, or NULL if none */
	/* Known keys (NULL when not set). */
	char		*server;	/* base URL, https://host[:port] */
	char		*ca_file;
	char		*pin_pubkey;	/* "sha256//BASE64[;sha256//...]" */
	char		*username;
	char		*pkcs11_module;
	char		*key_uri;	/* RFC 7512 PKCS#11 URI */
	char		*signature_image;
	char		*seal_image;
	char		*viewer;	/* command to open a PDF */
	long		 connect_timeout;	/* seconds, 0 = default */
	long		 low_speed_time;	/* seconds, 0 = default */
	long		 request_timeout;	/* seconds for a whole answer, 0 = 60 */
	long		 max_response_mb;	/* MiB, 0 = default */
	int		 retries;		/* -1 = default */
	long		 page_size;	/* items per listing page, 0 = 1000 */
	enum vt_slow_link slow_link;	/* the interface's display */
	/* Every line, in file order. */
	struct vt_config_entry	*entries;
	size_t			 nentries;
};

/*
 * vt_config_quote: S as it may be shown in an error message: at most 64
 * bytes of it (cut at a character boundary, then "..."), made
 * terminal-safe with vt_text_safe (an escape sequence in a key or value
 * of a configuration file must not reach the terminal).  Returns a new
 * string the caller frees; never NULL.
 */
char		*vt_config_quote(const char *s);

/*
 * vt_config_load: read the configuration from PATH, or when PATH is
 * NULL from the system-wide files DIR/vanthu/config of $XDG_CONFIG_DIRS
 * (default /etc/xdg), then $XDG_CONFIG_HOME/vanthu/config, whose lines
 * override the system's (XDG Base Directory Specification 0.8; missing
 * default files are not an error: all defaults).  Then apply the command-line overrides
 * SERVER and CA_FILE (either may be NULL).  Errors: VT_ERR_CONFIG (a
 * line without '=', a bad number, an explicit PATH that cannot be
 * read) with "FILE:LINE: ..." as detail.  On error CFG is left empty.
 * Free with vt_config_free.
 */
vt_code		 vt_config_load(struct vt_config *cfg, const char *path,
		     const char *server, const char *ca_file,
		     struct vt_errbuf *eb);

/* vt_config_parse: parse TEXT (LEN bytes) as if read from NAME. */
vt_code		 vt_config_parse(struct vt_config *cfg, const char *name,
		     const char *text, size_t len, struct vt_errbuf *eb);

void		 vt_config_free(struct vt_config *cfg);

/* vt_config_get: the value of the last line with KEY, or NULL. */
const char	*vt_config_get(const struct vt_config *cfg, const char *key);

/*
 * vt_config_next: iterate over every line with KEY: start with *POS =
 * 0; returns the next entry or NULL at the end.
 */
const struct vt_config_entry *vt_config_next(const struct vt_config *cfg,
		     const char *key, size_t *pos);

/*
 * XDG directories for vanthu: $XDG_CONFIG_HOME/vanthu (default
 * ~/.config/vanthu), $XDG_STATE_HOME/vanthu (~/.local/state/vanthu),
 * $XDG_CACHE_HOME/vanthu (~/.cache/vanthu).  A relative XDG variable is
 * ignored, as the specification says.  Returns a new string the caller
 * frees; the directory is not created.
 */
char		*vt_config_dir(void);
char		*vt_state_dir(void);
char		*vt_cache_dir(void);

#endif
