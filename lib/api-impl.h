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
	bool			 stream_lists;	/* ask lists as one stream */
	void			*reauth_arg;
};

/* What a streamed GET adds to a request (vt_http_req's accept and
   stream_* fields). */
struct api_stream {
	const char	*accept;	/* the Accept header */
	const char	*type;		/* the media type streamed */
	bool		(*fn)(void *arg, const char *data, size_t len);
	void		*arg;
};

/*
 * api_get_stream: GET PATH (under /api/v1) as vt_api_get does (re-login
 * on 401, errors mapped), with ST's Accept header: an answer of ST's
 * type goes to ST->fn as it arrives (RESP->streamed), any other answer
 * into RESP->body.  Errors as vt_api_get; VT_ERR_PROTOCOL when ST->fn
 * stopped the transfer.
 */
vt_code	api_get_stream(struct vt_client *c, const char *path,
	    const struct api_stream *st, struct vt_http_resp *resp,
	    struct vt_errbuf *eb);

/* Map an HTTP error answer to a vt_code with the server's reason. */
vt_code	api_status_error(const struct vt_http_resp *resp,
	    struct vt_errbuf *eb);

#endif
