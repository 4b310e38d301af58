/*
 * vanthu: HTTPS client over libcurl (RFC 9110, RFC 9111 validators).
 *
 * One struct vt_http keeps one curl easy handle for its whole life, so
 * every request of a session reuses one connection and one TLS
 * handshake.  TLS verification is always on: the system CA store, or
 * the CA file of the configuration; an optional public-key pin
 * (CURLOPT_PINNEDPUBLICKEY: "sha256//BASE64").  Proxies come from the
 * environment (http_proxy, https_proxy, no_proxy), as curl reads them.
 * HTTP/2 (RFC 9113) is offered in the TLS handshake (ALPN) and used
 * when the server takes it, HTTP/1.1 otherwise; responses may be
 * compressed with any coding libcurl decodes (gzip, zstd, br, deflate:
 * Accept-Encoding); every response body is limited in size (the
 * transfer is aborted as soon as the limit is passed).  TLS sessions
 * may be kept on disk for the next process (vt_http_opts.tls_dir).
 *
 * Retries: a GET or HEAD, and a POST that carries an Idempotency-Key,
 * is retried on a network failure, 408, 429, 500, 502, 503 and 504,
 * with exponential backoff (0.5 s, 1 s, 2 s... plus jitter), honouring
 * Retry-After (RFC 9110 section 10.2.3; bounded by max_retry_after).
 *
 * Threading: a struct vt_http is used by one thread at a time.  Several
 * threads may each own one.  libcurl's global initialisation runs once
 * (pthread_once) the first time a client is made or
 * vt_http_global_init() is called; calling it from main() first is
 * still the safest.  Nothing here writes to the terminal.
 */
#ifndef VANTHU_HTTP_H
#define VANTHU_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vanthu/buf.h"
#include "vanthu/error.h"

/* Settings of a client; zero fields take the defaults shown. */
struct vt_http_opts {
	const char	*ca_file;	  /* PEM bundle to trust, or NULL: system store */
	const char	*pin_pubkey;	  /* "sha256//..." pin(s), or NULL */
	long		 connect_timeout; /* seconds; default 15 */
	long		 low_speed_time;  /* seconds below low_speed_limit; default 30 */
	long		 low_speed_limit; /* bytes per second; default 10 */
	/*
	 * The overall deadline of one try, in seconds: a JSON answer must
	 * be whole within request_timeout (default 60); a download within
	 * request_timeout plus its announced size at download_rate bytes per
	 * second (default 8000: a 64 kbit/s link).  A server that trickles
	 * bytes forever is stopped there.
	 */
	long		 request_timeout;
	long		 download_rate;
	size_t		 max_response;	  /* bytes of a JSON answer; default 32 MiB */
	size_t		 max_download;	  /* bytes of a file download; default 256 MiB */
	int		 max_retries;	  /* retries after the first try; 0 = 3, <0 = none */
	long		 max_retry_after; /* seconds of Retry-After honoured; default 30 */
	long		 backoff_ms;	  /* first backoff; default 500 ms */
	/*
	 * Where TLS sessions are kept for the next process (a directory,
	 * created 0700 when needed; NULL: none kept).  The first
	 * connection of a new process then resumes the last session (RFC
	 * 8446 section 2.2) instead of a full handshake.  Sessions are
	 * kept per server, port and trust settings (CA file and its
	 * contents, pin), mode 0600; a file that is not the user's own
	 * and 0600, or that does not parse, or whose ticket lifetime is
	 * over, is ignored.
	 */
	const char	*tls_dir;
	bool		 no_http2;	  /* HTTP/1.1 only (default: HTTP/2 when the server offers it) */
};

/*
 * Progress callback: DONE of TOTAL bytes received (TOTAL 0 when
 * unknown; for a resumed download both include the bytes already on
 * disk).  Return nonzero to cancel the transfer: the request then fails
 * with VT_ERR_CANCELLED.  Called from the thread running the request.
 */
typedef int (*vt_http_progress_fn)(void *arg, uint64_t done, uint64_t total);

/* The longest URL vt_http_request sends, in bytes. */
#define VT_HTTP_URL_MAX	65536

/* One request. */
struct vt_http_req {
	const char	*method;	/* "GET", "POST", "HEAD" */
	const char	*url;		/* absolute https:// URL */
	const char	*bearer;	/* token for Authorization, or NULL */
	const char	*content_type;	/* of BODY, or NULL */
	const void	*body;		/* request body, or NULL */
	size_t		 body_len;
	const char	*idempotency_key; /* POST: makes it safe to retry */
	const char	*if_none_match;	/* an ETag: 304 if unchanged */
	/*
	 * Download to a file descriptor instead of memory: the body is
	 * written to OUT_FD (which must be open for writing).  When
	 * RANGE_FROM > 0, the request asks for "bytes=RANGE_FROM-" with
	 * "If-Range: IF_RANGE" (RFC 9110 section 14.2, 13.1.5); a 206
	 * answer appends, a 200 answer means the file changed: the caller
	 * is told through vt_http_resp.status and must truncate and start
	 * again (vt_http_download does all of this).
	 */
	int		 out_fd;	/* -1 for a body in memory */
	uint64_t	 range_from;
	const char	*if_range;
	/* Bytes: a lower limit than the configured one (0: none). */
	uint64_t	 max_size;
	bool		 no_retry;	/* never retry, even if safe */
	const char	*accept;	/* Accept header; NULL: application/json */
	/*
	 * A streamed answer: when STREAM_FN is set and a 2xx answer's
	 * Content-Type is STREAM_TYPE (parameters after ';' aside), its
	 * decoded body is handed to STREAM_FN(STREAM_ARG, DATA, LEN) piece
	 * by piece as it arrives instead of being kept in RESP->body
	 * (RESP->streamed tells); any other answer is kept in memory as
	 * usual.  STREAM_FN returns false to stop the transfer: the
	 * request then fails with VT_ERR_PROTOCOL (the reader has its own
	 * reason).  A streamed answer is limited by max_download, not
	 * max_response, and must arrive at 1,000 bytes per second on
	 * average after the first request_timeout seconds; once a piece
	 * was handed over it is never retried.
	 */
	const char	*stream_type;
	bool		(*stream_fn)(void *arg, const char *data, size_t len);
	void		*stream_arg;
};

/* One answer.  Initialise with vt_http_resp_init, free with _free. */
struct vt_http_resp {
	long		 status;	/* 200, 304, 404...; 0 if none */
	struct vt_buf	 body;		/* decoded body (when not to a file) */
	char		*etag;		/* ETag header, or NULL */
	char		*content_type;	/* or NULL */
	char		*content_range;	/* or NULL */
	long		 retry_after;	/* seconds, or -1 */
	bool		 replayed;	/* Idempotent-Replayed: true */
	uint64_t	 received;	/* body bytes written to OUT_FD */
	int		 attempts;	/* tries made (1 = no retry) */
	bool		 timed_out;	/* stopped at the overall deadline */
	bool		 streamed;	/* the body went to stream_fn */
};

/* Counters over the life of a client (for benchmarks and tests). */
struct vt_http_stats {
	unsigned long	 requests;	/* transfers started, retries included */
	unsigned long	 connects;	/* new connections (TLS handshakes) */
	uint64_t	 bytes_sent;	/* HTTP request bytes (headers + body) */
	uint64_t	 bytes_received;/* HTTP header bytes + body as on the wire (compressed) */
	unsigned long	 tls_resumed;	/* connections that resumed a TLS session */
	unsigned long	 http2;		/* requests answered over HTTP/2 */
};

struct vt_http;

/*
 * vt_http_global_init: initialise libcurl (curl_global_init) once per
 * process (later calls do nothing; safe from any thread).  Returns
 * VT_ERR_INTERNAL if libcurl cannot start.
 */
vt_code		 vt_http_global_init(void);

/*
 * vt_http_reason: what a failed libcurl transfer (CURLcode RC) means,
 * in the user's language ("the server does not answer"), for messages
 * that quote curl's own English words only as a technical detail.
 * Static string.
 */
const char	*vt_http_reason(int rc);

/*
 * vt_http_new: a client with OPTS (copied; NULL for all defaults).
 * Never NULL.  Free with vt_http_free.
 */
struct vt_http	*vt_http_new(const struct vt_http_opts *opts);
void		 vt_http_free(struct vt_http *h);

/*
 * vt_http_set_progress: call FN(ARG, ...) during transfers (NULL to
 * stop).  A cancel flag for another thread: return nonzero from FN.
 */
void		 vt_http_set_progress(struct vt_http *h, vt_http_progress_fn fn,
		     void *arg);

/* vt_http_req_init: a GET with no body, to memory (out_fd -1). */
void		 vt_http_req_init(struct vt_http_req *req, const char *method,
		     const char *url);
void		 vt_http_resp_init(struct vt_http_resp *resp);
void		 vt_http_resp_free(struct vt_http_resp *resp);

/*
 * vt_http_request: perform REQ, retrying when safe (above), and fill
 * RESP (which the caller initialised).  Any HTTP status is VT_OK here:
 * the caller interprets RESP->status.  Errors: VT_ERR_NETWORK (cannot
 * connect, timeout, connection dropped or body cut short, after the
 * retries), VT_ERR_TLS (handshake, verification or pin failed),
 * VT_ERR_TOO_BIG (the answer passed the size limit; the transfer was
 * aborted), VT_ERR_CANCELLED (the progress callback asked), VT_ERR_IO
 * (writing to OUT_FD failed), VT_ERR_INVALID (a URL longer than
 * VT_HTTP_URL_MAX bytes: nothing is sent), VT_ERR_INTERNAL (curl ran
 * out of memory).  A status still retryable after the last retry is
 * returned as VT_OK with that status.
 */
vt_code		 vt_http_request(struct vt_http *h, const struct vt_http_req *req,
		     struct vt_http_resp *resp, struct vt_errbuf *eb);

/*
 * vt_http_download: fetch URL (GET, BEARER) into the file PATH, resuming
 * a partial file PATH.part left by an interrupted earlier try with a
 * Range request and If-Range: ETAG (ETAG from an earlier answer; stored
 * next to the partial file in PATH.part.etag).  The finished file is
 * fsynced and renamed to PATH.  When SHA256_HEX is not NULL the file
 * must have that SHA-256 (lower-case hex) or VT_ERR_PROTOCOL is
 * returned and the partial file removed.  SIZE (bytes, 0 if unknown) is
 * the size the server announced: an answer body longer than that is
 * stopped at once with VT_ERR_TOO_BIG and the partial file removed.
 * HTTP errors: VT_ERR_HTTP with the status in *STATUS (when not NULL)
 * and nothing written.  Other errors as vt_http_request.
 */
vt_code		 vt_http_download(struct vt_http *h, const char *url,
		     const char *bearer, const char *path,
		     const char *sha256_hex, uint64_t size, long *status,
		     struct vt_errbuf *eb);

/* vt_http_get_stats: the counters of H so far. */
void		 vt_http_get_stats(const struct vt_http *h,
		     struct vt_http_stats *stats);

/*
 * vt_http_url_escape: S percent-encoded for a URL path segment or query
 * value (RFC 3986 unreserved characters kept).  Caller frees.
 */
char		*vt_http_url_escape(const char *s);

/* Whether the server could be reached (vt_http_link). */
enum vt_link {
	VT_LINK_UNKNOWN,	/* no request finished yet */
	VT_LINK_UP,		/* the last attempt got an answer */
	VT_LINK_DOWN		/* the last attempt could not reach it */
};

/*
 * vt_http_link: the enum vt_link state of the last request attempt of
 * any handle in the process, updated after each attempt (before any
 * retry), so an interface can show "offline" at once.  Thread-safe.
 */
int	vt_http_link(void);

#endif
