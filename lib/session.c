/*
 * vanthu: the stored login session and password input (see
 * vanthu/session.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/config.h"
#include "vanthu/i18n.h"
#include "vanthu/session.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

void
vt_session_clear(struct vt_session *s)
{
	if (s == NULL)
		return;
	free(s->server);
	free(s->username);
	free(s->full_name);
	free(s->role);
	if (s->token != NULL) {
		explicit_bzero(s->token, strlen(s->token));
		free(s->token);
	}
	free(s->expires_at);
	memset(s, 0, sizeof *s);
}

static char *
session_path(const char *state_dir)
{
	return xasprintf("%s/session", state_dir);
}

static char *
field(const cJSON *o, const char *name, bool safe)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsString(v))
		return NULL;
	if (safe)
		return vt_text_safe(v->valuestring, strlen(v->valuestring), 0);
	return xstrdup(v->valuestring);
}

/*
 * A session file others can read (its token may be known) or replace
 * (through its directory) is not used, as ssh does with private keys.
 */
static vt_code
check_private(const char *state_dir, const char *path, struct vt_errbuf *eb)
{
	struct stat	st;

	if (stat(state_dir, &st) == 0 && (st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0))
		return vt_fail(eb, VT_ERR_AUTH, _("%s can be changed by other "
		    "users: make it private (chmod 700) and run 'vanthu "
		    "login'"), state_dir);
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return vt_fail(eb, VT_ERR_AUTH, _("the stored session %s is a "
		    "symbolic link, not vanthu's own file: remove it and run "
		    "'vanthu login'"), path);
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return vt_fail(eb, VT_ERR_AUTH, _("the stored session %s is "
		    "not a regular file: remove it and run 'vanthu login'"),
		    path);
	if (lstat(path, &st) == 0 && (st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0))
		return vt_fail(eb, VT_ERR_AUTH, _("the stored session is not "
		    "private (mode %03o): run 'vanthu login'"),
		    (unsigned)(st.st_mode & 0777));
	return VT_OK;
}

vt_code
vt_session_load(struct vt_session *s, const char *state_dir,
    const char *server, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	cJSON		*j;
	char		*path;
	vt_code		 code;

	memset(s, 0, sizeof *s);
	path = session_path(state_dir);
	if ((code = check_private(state_dir, path, eb)) != VT_OK) {
		free(path);
		return code;
	}
	vt_buf_init(&b);
	code = vt_file_read_flags(path, 65536, VT_FILE_NOFOLLOW, &b, eb);
	free(path);
	if (code == VT_ERR_NOT_FOUND) {
		vt_buf_free(&b);
		if (server != NULL)
			return vt_fail(eb, VT_ERR_AUTH, _("not logged in to %s: "
			    "run 'vanthu login'"), server);
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in: run "
		    "'vanthu login'"));
	}
	if (code != VT_OK) {
		vt_buf_free(&b);
		return code;
	}
	j = cJSON_ParseWithLength(b.data, b.len);
	explicit_bzero(b.data, b.len);
	vt_buf_free(&b);
	if (j != NULL) {
		s->server = field(j, "server", false);
		s->username = field(j, "username", true);
		s->full_name = field(j, "full_name", true);
		s->role = field(j, "role", true);
		s->token = field(j, "token", false);
		s->expires_at = field(j, "expires_at", true);
		cJSON_Delete(j);
	}
	if (s->server == NULL || s->username == NULL || s->token == NULL) {
		vt_session_clear(s);
		return vt_fail(eb, VT_ERR_AUTH, _("the stored session is "
		    "damaged: run 'vanthu login'"));
	}
	if (s->full_name == NULL)
		s->full_name = xstrdup(s->username);
	if (server != NULL && strcmp(server, s->server) != 0) {
		vt_session_clear(s);
		return vt_fail(eb, VT_ERR_AUTH, _("not logged in to %s: run "
		    "'vanthu login'"), server);
	}
	return VT_OK;
}

vt_code
vt_session_save(const struct vt_session *s, const char *state_dir,
    struct vt_errbuf *eb)
{
	cJSON	*j;
	char	*text, *path;
	vt_code	 code;

	if ((code = vt_mkdirs(state_dir, 0700, eb)) != VT_OK)
		return code;
	j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, "server", s->server);
	cJSON_AddStringToObject(j, "username", s->username);
	cJSON_AddStringToObject(j, "full_name",
	    s->full_name != NULL ? s->full_name : s->username);
	cJSON_AddStringToObject(j, "role", s->role != NULL ? s->role : "");
	cJSON_AddStringToObject(j, "token", s->token);
	cJSON_AddStringToObject(j, "expires_at",
	    s->expires_at != NULL ? s->expires_at : "");
	text = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (text == NULL)
		return vt_fail(eb, VT_ERR_INTERNAL, "cJSON");
	path = session_path(state_dir);
	code = vt_file_write_atomic(path, text, strlen(text), 0600, eb);
	explicit_bzero(text, strlen(text));
	free(text);
	free(path);
	return code;
}

vt_code
vt_session_remove(const char *state_dir, struct vt_errbuf *eb)
{
	char	*path;
	vt_code	 code = VT_OK;

	path = session_path(state_dir);
	if (unlink(path) != 0 && errno != ENOENT)
		code = vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	else
		code = vt_fsync_dir(state_dir, NULL) == VT_OK ? VT_OK : VT_OK;
	free(path);
	return code;
}
