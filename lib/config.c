/*
 * vanthu: the configuration file and the XDG base directories (see
 * vanthu/config.h and vanthu.conf(5)).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vanthu/clock.h"
#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define CONFIG_MAX	(1u << 20)	/* a config file over 1 MiB is wrong */

static const char *
home_dir(void)
{
	const char	*h = getenv("HOME");
	struct passwd	*pw;

	if (h != NULL && h[0] == '/')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir != NULL ? pw->pw_dir : "/";
}

/* $VAR/vanthu if VAR is an absolute path, else ~/FALLBACK/vanthu. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char	*v = getenv(var);

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/vanthu", v);
	return xasprintf("%s/%s/vanthu", home_dir(), fallback);
}

char *
vt_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
vt_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *
vt_cache_dir(void)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache");
}

void
vt_config_free(struct vt_config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nentries; i++) {
		free(cfg->entries[i].key);
		free(cfg->entries[i].value);
	}
	free(cfg->entries);
	free(cfg->path);
	free(cfg->server);
	free(cfg->ca_file);
	free(cfg->pin_pubkey);
	free(cfg->username);
	free(cfg->pkcs11_module);
	free(cfg->key_uri);
	free(cfg->signature_image);
	free(cfg->seal_image);
	free(cfg->viewer);
	memset(cfg, 0, sizeof *cfg);
	cfg->retries = -1;
}

const char *
vt_config_get(const struct vt_config *cfg, const char *key)
{
	size_t	i;

	for (i = cfg->nentries; i > 0; i--) {
		if (strcmp(cfg->entries[i - 1].key, key) == 0)
			return cfg->entries[i - 1].value;
	}
	return NULL;
}

const struct vt_config_entry *
vt_config_next(const struct vt_config *cfg, const char *key, size_t *pos)
{
	for (; *pos < cfg->nentries; (*pos)++) {
		if (strcmp(cfg->entries[*pos].key, key) == 0)
			return &cfg->entries[(*pos)++];
	}
	return NULL;
}

static void
set_str(char **field, const char *value)
{
	free(*field);
	*field = value[0] != '\0' ? xstrdup(value) : NULL;
}

static bool
parse_long(const char *v, long min, long max, long *out)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

/* Apply a known key; unknown keys are only kept in the entries. */
static vt_code
apply(struct vt_config *cfg, const char *name, int line, const char *key,
    const char *value, struct vt_errbuf *eb)
{
	static const struct {
		const char	*key;
		size_t		 off;
	} strs[] = {
		{ "server", offsetof(struct vt_config, server) },
		{ "ca_file", offsetof(struct vt_config, ca_file) },
		{ "pin_pubkey", offsetof(struct vt_config, pin_pubkey) },
		{ "username", offsetof(struct vt_config, username) },
		{ "pkcs11_module", offsetof(struct vt_config, pkcs11_module) },
		{ "key_uri", offsetof(struct vt_config, key_uri) },
		{ "signature_image", offsetof(struct vt_config, signature_image) },
		{ "seal_image", offsetof(struct vt_config, seal_image) },
		{ "viewer", offsetof(struct vt_config, viewer) },
	};
	size_t	i;
	long	n;

	for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		if (strcmp(key, strs[i].key) == 0) {
			set_str((char **)((char *)cfg + strs[i].off), value);
			return VT_OK;
		}
	}
	if (strcmp(key, "time_zone") == 0) {
		struct vt_errbuf	zeb;

		if (vt_clock_set_zone(value, &zeb) != VT_OK)
			return vt_fail(eb, VT_ERR_CONFIG, "%s:%d: %s", name,
			    line, zeb.detail);
		return VT_OK;
	}
	if (strcmp(key, "page_size") == 0) {
		if (!parse_long(value, 1, 1000, &n))
			return vt_fail(eb, VT_ERR_CONFIG,
			    _("%s:%d: %s needs a number from 1 to 1000"),
			    name, line, key);
		cfg->page_size = n;
		return VT_OK;
	}
	if (strcmp(key, "slow_link") == 0) {
		if (strcmp(value, "auto") == 0)
			cfg->slow_link = VT_SLOW_LINK_AUTO;
		else if (strcmp(value, "yes") == 0)
			cfg->slow_link = VT_SLOW_LINK_YES;
		else if (strcmp(value, "no") == 0)
			cfg->slow_link = VT_SLOW_LINK_NO;
		else
			return vt_fail(eb, VT_ERR_CONFIG,
			    _("%s:%d: %s must be yes, no or auto"), name,
			    line, key);
		return VT_OK;
	}
	if (strcmp(key, "request_timeout") == 0) {
		if (!parse_long(value, 1, 3600, &n))
			return vt_fail(eb, VT_ERR_CONFIG,
			    _("%s:%d: %s needs a number from 1 to 3600"),
			    name, line, key);
		cfg->request_timeout = n;
		return VT_OK;
	}
	if (strcmp(key, "connect_timeout") == 0 ||
	    strcmp(key, "low_speed_time") == 0 ||
	    strcmp(key, "max_response_mb") == 0 ||
	    strcmp(key, "retries") == 0) {
		if (!parse_long(value, 0, 3600, &n))
			return vt_fail(eb, VT_ERR_CONFIG,
			    _("%s:%d: %s needs a number from 0 to 3600"),
			    name, line, key);
		if (key[0] == 'c')
			cfg->connect_timeout = n;
		else if (key[0] == 'l')
			cfg->low_speed_time = n;
		else if (key[0] == 'm')
			cfg->max_response_mb = n;
		else
			cfg->retries = (int)n;
	}
	return VT_OK;
}

#define QUOTE_MAX	64

char *
vt_config_quote(const char *s)
{
	size_t	 n = strlen(s);
	char	*safe, *out;

	if (n <= QUOTE_MAX)
		return vt_text_safe(s, n, 0);
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	safe = vt_text_safe(s, n, 0);
	out = xasprintf("%s...", safe);
	free(safe);
	return out;
}

static char *
trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		end--;
	*end = '\0';
	return s;
}

static vt_code
parse_line(struct vt_config *cfg, const char *name, int lineno, char *line,
    struct vt_errbuf *eb)
{
	char	*eq, *key, *value, *p;
	size_t	 vlen;
	struct vt_config_entry *e;

	key = trim(line, line + strlen(line));
	if (key[0] == '\0' || key[0] == '#')
		return VT_OK;
	if ((eq = strchr(key, '=')) == NULL)
		return vt_fail(eb, VT_ERR_CONFIG,
		    _("%s:%d: expected \"key = value\""), name, lineno);
	value = trim(eq + 1, eq + 1 + strlen(eq + 1));
	key = trim(key, eq);
	if (key[0] == '\0')
		return vt_fail(eb, VT_ERR_CONFIG, _("%s:%d: missing key"),
		    name, lineno);
	for (p = key; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-')) {
			p = vt_config_quote(key);
			vt_fail(eb, VT_ERR_CONFIG, _("%s:%d: bad key \"%s\""),
			    name, lineno, p);
			free(p);
			return VT_ERR_CONFIG;
		}
	}
	vlen = strlen(value);
	if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
		value[vlen - 1] = '\0';
		value++;
	}
	for (p = value; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return vt_fail(eb, VT_ERR_CONFIG,
			    _("%s:%d: control character in the value"), name,
			    lineno);
	}
	cfg->entries = xreallocarray(cfg->entries, cfg->nentries + 1,
	    sizeof *cfg->entries);
	e = &cfg->entries[cfg->nentries++];
	e->key = xstrdup(key);
	e->value = vt_text_nfc(value, strlen(value));
	e->line = lineno;
	return apply(cfg, name, lineno, e->key, e->value, eb);
}

vt_code
vt_config_parse(struct vt_config *cfg, const char *name, const char *text,
    size_t len, struct vt_errbuf *eb)
{
	char	*copy, *line, *next;
	int	 lineno = 0;
	vt_code	 code = VT_OK;

	if (memchr(text, '\0', len) != NULL)
		return vt_fail(eb, VT_ERR_CONFIG, _("%s: not a text file"),
		    name);
	/* A byte order mark, as Windows editors write: not part of the
	   first key. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	copy = xstrndup(text, len);
	for (line = copy; line != NULL && code == VT_OK; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		code = parse_line(cfg, name, lineno, line, eb);
	}
	free(copy);
	return code;
}

/*
 * Read the system-wide files DIR/vanthu/config for each DIR of
 * $XDG_CONFIG_DIRS (default /etc/xdg), the least important (last) first,
 * so that a later entry overrides an earlier one (vt_config_get takes the
 * last).  A missing file is skipped; a file that cannot be read or parsed
 * is an error naming it.
 */
static vt_code
load_system(struct vt_config *cfg, struct vt_errbuf *eb)
{
	const char	*env = getenv("XDG_CONFIG_DIRS");
	char		*dirs, *p, *file;
	struct vt_buf	 b;
	vt_code		 code = VT_OK;

	dirs = xstrdup(env != NULL && env[0] != '\0' ? env : "/etc/xdg");
	while (code == VT_OK && dirs[0] != '\0') {
		p = strrchr(dirs, ':');
		p = p != NULL ? p + 1 : dirs;
		if (p[0] == '/') {
			file = xasprintf("%s/vanthu/config", p);
			vt_buf_init(&b);
			code = vt_file_read(file, CONFIG_MAX, &b, eb);
			if (code == VT_OK)
				code = vt_config_parse(cfg, file, b.data,
				    b.len, eb);
			else if (code == VT_ERR_NOT_FOUND)
				code = VT_OK;
			else {
				char	why[sizeof eb->detail];

				snprintf(why, sizeof why, "%s",
				    eb != NULL ? eb->detail : file);
				code = vt_fail(eb, VT_ERR_CONFIG,
				    _("cannot read %s"), why);
			}
			vt_buf_free(&b);
			free(file);
		}
		p[p == dirs ? 0 : -1] = '\0';
	}
	free(dirs);
	return code;
}

vt_code
vt_config_load(struct vt_config *cfg, const char *path, const char *server,
    const char *ca_file, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*def = NULL, *dir;
	vt_code		 code;

	memset(cfg, 0, sizeof *cfg);
	cfg->retries = -1;
	vt_buf_init(&b);
	if (path == NULL) {
		dir = vt_config_dir();
		def = xasprintf("%s/config", dir);
		free(dir);
		if ((code = load_system(cfg, eb)) != VT_OK) {
			free(def);
			vt_config_free(cfg);
			return code;
		}
	}
	code = vt_file_read(path != NULL ? path : def, CONFIG_MAX, &b, eb);
	if (code == VT_OK) {
		cfg->path = xstrdup(path != NULL ? path : def);
		code = vt_config_parse(cfg, cfg->path, b.data, b.len, eb);
	} else if (code == VT_ERR_NOT_FOUND && path == NULL)
		code = VT_OK;
	else {
		char	why[sizeof eb->detail];

		snprintf(why, sizeof why, "%s", eb != NULL ? eb->detail : "");
		code = vt_fail(eb, VT_ERR_CONFIG, _("cannot read %s"), why);
	}
	vt_buf_free(&b);
	free(def);
	if (code == VT_OK && server != NULL)
		set_str(&cfg->server, server);
	if (code == VT_OK && ca_file != NULL)
		set_str(&cfg->ca_file, ca_file);
	if (code != VT_OK)
		vt_config_free(cfg);
	return code;
}
