/*
 * vanthu: the client's private state (lib/api-*.c only).
 */
#ifndef VANTHU_API_IMPL_H
#define VANTHU_API_IMPL_H

#include "vanthu/api.h"

struct vt_client {
	const struct vt_config	*cfg;
	struct vt_http		*http;
	char			*base;		/* https://host:port */
	char			*state_dir;	/* $XDG_STATE_HOME/vanthu */
	char			*tls_dir;	/* $XDG_CACHE_HOME/vanthu/tls */
	struct vt_session	 session;
	bool			 logged_in;
	struct vt_errbuf	 session_eb;	/* why not logged_in */
	vt_reauth_fn		 reauth;
	int			 page_limit;	/* items asked per page */
	void			*reauth_arg;
};

/* Map an HTTP error answer to a vt_code with the server's reason. */
vt_code	api_status_error(const struct vt_http_resp *resp,
	    struct vt_errbuf *eb);

#endif
