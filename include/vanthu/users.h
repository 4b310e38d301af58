/*
 * vanthu: the people of the organisation (GET /users, docs/api.md
 * section 4), for the assign and forward pickers.
 */
#ifndef VANTHU_USERS_H
#define VANTHU_USERS_H

#include <stddef.h>

#include "vanthu/error.h"
#include "vanthu/model.h"

struct vt_client;

/*
 * vt_api_users: the people of the organisation, sorted by the server
 * (leaders first, then by name), with role and position, into a new
 * array *OUT of *N (free with vt_users_free); a username the server
 * lists twice is kept once (the first).  Errors as vt_api_get;
 * VT_ERR_PROTOCOL for a malformed answer.  Blocking (a worker thread).
 */
vt_code	vt_api_users(struct vt_client *c, struct vt_person **out, size_t *n,
	    struct vt_errbuf *eb);
void	vt_users_free(struct vt_person *people, size_t n);

#endif
