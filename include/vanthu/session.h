/*
 * vanthu: the login session: the bearer token of POST /auth/login
 * (docs/api.md section 3), kept in $XDG_STATE_HOME/vanthu/session with
 * mode 0600 (written atomically: temporary file, fsync, rename).  The
 * password is never stored.
 */
#ifndef VANTHU_SESSION_H
#define VANTHU_SESSION_H

#include "vanthu/error.h"

struct vt_session {
	char	*server;	/* base URL the token belongs to */
	char	*username;
	char	*full_name;	/* safe text */
	char	*role;		/* "leader", "clerk", "specialist" */
	char	*token;
	char	*expires_at;
};

/*
 * vt_session_load: read the stored session of STATE_DIR into S.
 * VT_ERR_AUTH (with "not logged in") when there is none, or when it
 * belongs to another server than SERVER (if SERVER is not NULL), or
 * when it is not private: the file must be a regular file of the user
 * with no group or other permissions, in a directory of the user that
 * only the user can write.
 * VT_ERR_IO when it cannot be read.  Free with vt_session_clear.
 */
vt_code	vt_session_load(struct vt_session *s, const char *state_dir,
	    const char *server, struct vt_errbuf *eb);

/* vt_session_save: store S in STATE_DIR (created 0700), mode 0600. */
vt_code	vt_session_save(const struct vt_session *s, const char *state_dir,
	    struct vt_errbuf *eb);

/* vt_session_remove: forget the stored session (no error if none). */
vt_code	vt_session_remove(const char *state_dir, struct vt_errbuf *eb);

void	vt_session_clear(struct vt_session *s);

#endif
