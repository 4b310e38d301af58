/*
 * vanthu: HTTPS client over one libcurl easy handle (see vanthu/http.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "http-impl.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/secret.h"
#include "vanthu/xmalloc.h"

struct vt_http {
	CURL			*curl;
	struct vt_http_opts	 opts;
	char			*ca_file;
	char			*pin_pubkey;
	char			*tls_dir;	/* where sessions are kept, or NULL */
	struct http_tls		 tls;		/* sessions kept on disk */
	vt_http_progress_fn	 progress;
	void			*progress_arg;
	struct vt_http_stats	 stats;
	char			 curl_error[CURL_ERROR_SIZE];
};

/* Bytes per second a streamed answer must average (vt_http_req). */
#define STREAM_RATE	1000.0

/* State of one transfer, shared with the callbacks. */
struct xfer {
	struct vt_http		*h;
	const struct vt_http_req *req;
	struct vt_http_resp	*resp;
	size_t			 limit;
	bool			 too_big;
	bool			 io_error;
	int			 io_errno;
	bool			 cancelled;
	bool			 started;	/* first body bytes seen */
	bool			 to_file;	/* body goes to out_fd */
	struct timespec		 start;		/* of this try (monotonic) */
	bool			 timed_out;	/* past the overall deadline */
	bool			 streaming;	/* body to req->stream_fn */
	bool			 stream_stopped;/* stream_fn said stop */
};

/*
 * First body bytes of a download: only a 200 or 206 answer goes to the
 * file (an error body stays in memory); a resumed download answered
 * 200 (the file changed, or the range was ignored) starts again.
 */
static bool
start_file(struct xfer *x)
{
	long	status = 0;

	curl_easy_getinfo(x->h->curl, CURLINFO_RESPONSE_CODE, &status);
	x->to_file = status == 200 || status == 206;
	if (status != 200 || x->req->range_from == 0)
		return true;
	if (ftruncate(x->req->out_fd, 0) != 0 ||
	    lseek(x->req->out_fd, 0, SEEK_SET) != 0) {
		x->io_error = true;
		x->io_errno = errno;
		return false;
	}
	return true;
}

static pthread_once_t	 global_once = PTHREAD_ONCE_INIT;
static CURLcode		 global_rc = CURLE_FAILED_INIT;

/*
 * libcurl's memory, wiped before it is given back: libcurl copies what
 * it sends into buffers of its own (a small POST's body goes into the
 * request buffer with the headers), so the login's password and the
 * bearer token would otherwise stay in freed memory until reused.
 * malloc_usable_size(3) (glibc) gives the whole block to wipe.
 */
static void *
wiped_malloc(size_t n)
{
	return malloc(n);
}

static void
wiped_free(void *p)
{
	if (p == NULL)
		return;
	vt_wipe(p, malloc_usable_size(p));
	free(p);
}

static void *
wiped_realloc(void *p, size_t n)
{
	size_t	 old;
	void	*q;

	if (p == NULL)
		return malloc(n);
	if (n <= (old = malloc_usable_size(p)))
		return p;
	if ((q = malloc(n)) == NULL)
		return NULL;
	memcpy(q, p, old);
	wiped_free(p);
	return q;
}

static char *
wiped_strdup(const char *s)
{
	return strdup(s);
}

static void *
wiped_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

static void
global_init(void)
{
	global_rc = curl_global_init_mem(CURL_GLOBAL_DEFAULT, wiped_malloc,
	    wiped_free, wiped_realloc, wiped_strdup, wiped_calloc);
}

vt_code
vt_http_global_init(void)
{
	pthread_once(&global_once, global_init);
	return global_rc == CURLE_OK ? VT_OK : VT_ERR_INTERNAL;
}

struct vt_http *
vt_http_new(const struct vt_http_opts *opts)
{
	struct vt_http	*h;

	h = xcalloc(1, sizeof *h);
	if (opts != NULL)
		h->opts = *opts;
	if (h->opts.connect_timeout <= 0)
		h->opts.connect_timeout = 15;
	if (h->opts.low_speed_time <= 0)
		h->opts.low_speed_time = 30;
	if (h->opts.low_speed_limit <= 0)
		h->opts.low_speed_limit = 10;
	if (h->opts.request_timeout <= 0)
		h->opts.request_timeout = 60;
	if (h->opts.download_rate <= 0)
		h->opts.download_rate = 8000;
	if (h->opts.max_response == 0)
		h->opts.max_response = 32u << 20;
	if (h->opts.max_download == 0)
		h->opts.max_download = 256u << 20;
	if (h->opts.max_retries == 0)
		h->opts.max_retries = 3;
	else if (h->opts.max_retries < 0)
		h->opts.max_retries = 0;
	if (h->opts.max_retry_after <= 0)
		h->opts.max_retry_after = 30;
	if (h->opts.backoff_ms <= 0)
		h->opts.backoff_ms = 500;
	if (opts != NULL && opts->ca_file != NULL)
		h->ca_file = xstrdup(opts->ca_file);
	if (opts != NULL && opts->pin_pubkey != NULL)
		h->pin_pubkey = xstrdup(opts->pin_pubkey);
	h->opts.ca_file = h->ca_file;
	h->opts.pin_pubkey = h->pin_pubkey;
	if (opts != NULL && opts->tls_dir != NULL)
		h->tls_dir = xstrdup(opts->tls_dir);
	h->opts.tls_dir = h->tls_dir;
	return h;
}

/*
 * libcurl starts with the first request, not with the handle: a command
 * that reads only the cache never loads it (the program opens libcurl
 * on first use, src/lazy-curl.c).  A libcurl that cannot start fails
 * every request, with a word.  The kept TLS sessions' trust digest is
 * made here too (it reads the CA file).
 */
static vt_code
start(struct vt_http *h)
{
	if (h->curl != NULL)
		return VT_OK;
	if (vt_http_global_init() != VT_OK)
		return VT_ERR_INTERNAL;
	http_tls_init(&h->tls, h->tls_dir, h->ca_file, h->pin_pubkey);
	h->curl = curl_easy_init();
	if (h->curl == NULL) {
		fprintf(stderr, "vanthu: libcurl failed to start\n");
		abort();
	}
	return VT_OK;
}

void
vt_http_free(struct vt_http *h)
{
	if (h == NULL)
		return;
	if (h->curl != NULL)
		curl_easy_cleanup(h->curl);
	http_tls_free(&h->tls);
	free(h->tls_dir);
	free(h->ca_file);
	free(h->pin_pubkey);
	free(h);
}

void
vt_http_set_progress(struct vt_http *h, vt_http_progress_fn fn, void *arg)
{
	h->progress = fn;
	h->progress_arg = arg;
}

void
vt_http_get_stats(const struct vt_http *h, struct vt_http_stats *stats)
{
	*stats = h->stats;
}

void
vt_http_req_init(struct vt_http_req *req, const char *method, const char *url)
{
	memset(req, 0, sizeof *req);
	req->method = method;
	req->url = url;
	req->out_fd = -1;
}

void
vt_http_resp_init(struct vt_http_resp *resp)
{
	memset(resp, 0, sizeof *resp);
	vt_buf_init(&resp->body);
	resp->retry_after = -1;
}

static void
resp_reset_headers(struct vt_http_resp *resp)
{
	free(resp->etag);
	free(resp->content_type);
	free(resp->content_range);
	resp->etag = resp->content_type = resp->content_range = NULL;
	resp->retry_after = -1;
	resp->replayed = false;
}

void
vt_http_resp_free(struct vt_http_resp *resp)
{
	resp_reset_headers(resp);
	vt_buf_free(&resp->body);
}

/* Whether the answer's Content-Type is the stream's media type. */
static bool
stream_type_is(const char *ct, const char *type)
{
	size_t	n = strlen(type);

	if (ct == NULL || strncasecmp(ct, type, n) != 0)
		return false;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

/* First body bytes of an answer that may be streamed (stream_fn). */
static void
start_stream(struct xfer *x)
{
	long	status = 0;

	curl_easy_getinfo(x->h->curl, CURLINFO_RESPONSE_CODE, &status);
	x->streaming = status >= 200 && status < 300 &&
	    stream_type_is(x->resp->content_type, x->req->stream_type);
	x->resp->streamed = x->streaming;
}

static size_t
on_stream(struct xfer *x, const char *data, size_t n)
{
	if (x->resp->received + n > x->h->opts.max_download) {
		x->too_big = true;
		return 0;
	}
	x->resp->received += n;
	if (!x->req->stream_fn(x->req->stream_arg, data, n)) {
		x->stream_stopped = true;
		return 0;
	}
	return n;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	size_t		 n = size * nmemb;
	ssize_t		 w;
	size_t		 off;

	if (x->req->out_fd >= 0 && !x->started) {
		x->started = true;
		if (!start_file(x))
			return 0;
	}
	if (x->req->stream_fn != NULL && !x->started) {
		x->started = true;
		start_stream(x);
	}
	if (x->streaming)
		return on_stream(x, data, n);
	if (x->to_file) {
		if (x->resp->received + n > x->limit) {
			x->too_big = true;
			return 0;
		}
		for (off = 0; off < n; off += (size_t)w) {
			w = write(x->req->out_fd, data + off, n - off);
			if (w < 0 && errno == EINTR) {
				w = 0;
				continue;
			}
			if (w <= 0) {
				x->io_error = true;
				x->io_errno = errno;
				return 0;
			}
		}
		x->resp->received += n;
		return n;
	}
	if (x->resp->body.len + n > x->h->opts.max_response) {
		x->too_big = true;
		return 0;
	}
	vt_buf_add(&x->resp->body, data, n);
	return n;
}

/* A header value without surrounding white space, as a new string. */
static char *
header_value(const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
	    v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	return xstrndup(v, len);
}

static bool
header_is(const char *line, size_t len, const char *name, const char **value,
    size_t *vlen)
{
	size_t	nl = strlen(name);

	if (len <= nl || line[nl] != ':' || strncasecmp(line, name, nl) != 0)
		return false;
	*value = line + nl + 1;
	*vlen = len - nl - 1;
	return true;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct xfer		*x = arg;
	struct vt_http_resp	*resp = x->resp;
	size_t			 n = size * nmemb;
	const char		*v;
	size_t			 vlen;
	char			*s;

	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue, or a retry). */
		resp_reset_headers(resp);
		return n;
	}
	if (header_is(data, n, "ETag", &v, &vlen)) {
		free(resp->etag);
		resp->etag = header_value(v, vlen);
	} else if (header_is(data, n, "Content-Type", &v, &vlen)) {
		free(resp->content_type);
		resp->content_type = header_value(v, vlen);
	} else if (header_is(data, n, "Content-Range", &v, &vlen)) {
		free(resp->content_range);
		resp->content_range = header_value(v, vlen);
	} else if (header_is(data, n, "Retry-After", &v, &vlen)) {
		/* Delay-seconds only; an HTTP-date falls back to backoff. */
		s = header_value(v, vlen);
		if (s[0] >= '0' && s[0] <= '9' && strlen(s) < 9)
			resp->retry_after = strtol(s, NULL, 10);
		free(s);
	} else if (header_is(data, n, "Idempotent-Replayed", &v, &vlen)) {
		s = header_value(v, vlen);
		resp->replayed = strcasecmp(s, "true") == 0;
		free(s);
	}
	return n;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer	*x = arg;
	uint64_t	 base = x->req->range_from;
	struct timespec	 now;
	double		 limit, spent;

	(void)ultotal;
	(void)ulnow;
	/* The overall deadline: whole answer in time, however it trickles. */
	clock_gettime(CLOCK_MONOTONIC, &now);
	spent = (double)(now.tv_sec - x->start.tv_sec) +
	    (double)(now.tv_nsec - x->start.tv_nsec) / 1e9;
	limit = (double)x->h->opts.request_timeout;
	if (x->req->out_fd >= 0 && dltotal > 0)
		limit += (double)dltotal / (double)x->h->opts.download_rate;
	/* A stream has no announced size: it earns its time as it comes. */
	if (x->streaming)
		limit += (double)dlnow / STREAM_RATE;
	if (spent > limit) {
		x->timed_out = true;
		return 1;
	}
	if (x->h->progress == NULL)
		return 0;
	if (x->h->progress(x->h->progress_arg, base + (uint64_t)dlnow,
	    dltotal > 0 ? base + (uint64_t)dltotal : 0) != 0) {
		x->cancelled = true;
		return 1;
	}
	return 0;
}

static struct curl_slist *
build_headers(const struct vt_http_req *req)
{
	struct curl_slist	*l = NULL;
	char			*s;

	s = xasprintf("Accept: %s", req->accept != NULL ? req->accept :
	    "application/json");
	l = curl_slist_append(l, s);
	free(s);
	if (req->bearer != NULL) {
		s = xasprintf("Authorization: Bearer %s", req->bearer);
		l = curl_slist_append(l, s);
		free(s);
	}
	if (req->body != NULL || strcmp(req->method, "POST") == 0) {
		s = xasprintf("Content-Type: %s", req->content_type != NULL ?
		    req->content_type : "application/json");
		l = curl_slist_append(l, s);
		free(s);
	}
	if (req->idempotency_key != NULL) {
		s = xasprintf("Idempotency-Key: %s", req->idempotency_key);
		l = curl_slist_append(l, s);
		free(s);
	}
	if (req->if_none_match != NULL) {
		s = xasprintf("If-None-Match: %s", req->if_none_match);
		l = curl_slist_append(l, s);
		free(s);
	}
	if (req->range_from > 0 && req->if_range != NULL) {
		s = xasprintf("If-Range: %s", req->if_range);
		l = curl_slist_append(l, s);
		free(s);
	}
	return l;
}

/* CURLOPT_SSL_CTX_FUNCTION: each new connection's TLS context. */
static CURLcode
on_ssl_ctx(CURL *curl, void *ssl_ctx, void *arg)
{
	struct vt_http	*h = arg;

	(void)curl;
	/* Sessions on disk are an optimisation: never a reason to fail.
	   (TLS 1.3's middlebox compatibility stays on: 70 bytes are not
	   worth a handshake that an old firewall breaks.) */
	http_tls_ctx(&h->tls, ssl_ctx);
	return CURLE_OK;
}

/* Tell the session cache which server the transfer to URL goes to. */
static void
tls_target(struct vt_http *h, const char *url)
{
	CURLU	*u;
	char	*host = NULL, *port = NULL;
	size_t	 n;

	if (h->tls.dir == NULL)
		return;
	u = curl_url();
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	if (host != NULL && host[0] == '[' && (n = strlen(host)) > 2 &&
	    host[n - 1] == ']') {
		memmove(host, host + 1, n - 2);
		host[n - 2] = '\0';
	}
	http_tls_target(&h->tls, host, port);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
}

static void
setup(struct vt_http *h, struct xfer *x, struct curl_slist *headers)
{
	CURL			*c = h->curl;
	const struct vt_http_req *req = x->req;
	char			 range[32];

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->curl_error);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, h->opts.no_http2 ?
	    (long)CURL_HTTP_VERSION_1_1 : (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, h);
	tls_target(h, req->url);
	if (h->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->ca_file);
	if (h->pin_pubkey != NULL)
		curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, h->pin_pubkey);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, h->opts.connect_timeout);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, h->opts.low_speed_time);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, h->opts.low_speed_limit);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->limit);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_EXPECT_100_TIMEOUT_MS, 1000L);
	if (strcmp(req->method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(req->method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS,
		    req->body != NULL ? req->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)(req->body != NULL ? req->body_len : 0));
	} else if (strcmp(req->method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
	if (req->range_from > 0) {
		snprintf(range, sizeof range, "%llu-",
		    (unsigned long long)req->range_from);
		curl_easy_setopt(c, CURLOPT_RANGE, range);
	}
}

static void
count(struct vt_http *h)
{
	long		 n = 0;
	curl_off_t	 v = 0;

	h->stats.requests++;
	if (curl_easy_getinfo(h->curl, CURLINFO_NUM_CONNECTS, &n) == CURLE_OK &&
	    n > 0)
		h->stats.connects += (unsigned long)n;
	h->stats.tls_resumed = h->tls.resumed;
	if (curl_easy_getinfo(h->curl, CURLINFO_HTTP_VERSION, &n) == CURLE_OK &&
	    n == CURL_HTTP_VERSION_2_0)
		h->stats.http2++;
	if (curl_easy_getinfo(h->curl, CURLINFO_REQUEST_SIZE, &n) == CURLE_OK)
		h->stats.bytes_sent += (uint64_t)n;
	if (curl_easy_getinfo(h->curl, CURLINFO_SIZE_UPLOAD_T, &v) ==
	    CURLE_OK && v > 0)
		h->stats.bytes_sent += (uint64_t)v;
	if (curl_easy_getinfo(h->curl, CURLINFO_HEADER_SIZE, &n) == CURLE_OK)
		h->stats.bytes_received += (uint64_t)n;
	if (curl_easy_getinfo(h->curl, CURLINFO_SIZE_DOWNLOAD_T, &v) ==
	    CURLE_OK && v > 0)
		h->stats.bytes_received += (uint64_t)v;
}

static bool
retryable_status(long status)
{
	return status == 408 || status == 429 || status == 500 ||
	    status == 502 || status == 503 || status == 504;
}

static bool
safe_to_retry(const struct vt_http_req *req)
{
	if (req->no_retry || req->out_fd >= 0)
		return false;
	if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
		return true;
	return req->idempotency_key != NULL;
}

/* Sleep MS milliseconds in slices, asking the progress callback whether
 * to stop.  Returns false when cancelled. */
static bool
pause_ms(struct vt_http *h, long ms)
{
	struct timespec	ts;
	long		step;

	while (ms > 0) {
		if (h->progress != NULL &&
		    h->progress(h->progress_arg, 0, 0) != 0)
			return false;
		step = ms > 100 ? 100 : ms;
		ts.tv_sec = 0;
		ts.tv_nsec = step * 1000000L;
		nanosleep(&ts, NULL);
		ms -= step;
	}
	return true;
}

static long
backoff(const struct vt_http *h, int attempt, long retry_after)
{
	long	ms;

	if (retry_after >= 0) {
		if (retry_after > h->opts.max_retry_after)
			retry_after = h->opts.max_retry_after;
		return retry_after * 1000;
	}
	ms = h->opts.backoff_ms << (attempt < 6 ? attempt : 6);
	return ms + (long)(random() % (ms / 4 + 1));
}

/* What a failed transfer means, in the user's language. */
static const char *
curl_reason(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return _("the server's name is unknown: check the address and "
		    "the network");
	case CURLE_COULDNT_CONNECT:
		return _("the server does not answer");
	case CURLE_OPERATION_TIMEDOUT:
		return _("the server took too long to answer");
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return _("the connection was cut");
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
		return _("the server's certificate cannot be trusted");
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
		return _("the secure connection could not be set up");
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return _("the server address is wrong");
	default:
		return _("the transfer failed");
	}
}

const char *
vt_http_reason(int rc)
{
	return curl_reason((CURLcode)rc);
}

/* Whether the last request reached a server: enum vt_link, atomic. */
static int	http_link = VT_LINK_UNKNOWN;

int
vt_http_link(void)
{
	return __atomic_load_n(&http_link, __ATOMIC_ACQUIRE);
}

static void
set_link(int state)
{
	__atomic_store_n(&http_link, state, __ATOMIC_RELEASE);
}

static vt_code
map_curl_error(struct vt_http *h, const struct xfer *x, CURLcode rc,
    struct vt_errbuf *eb)
{
	char		 what[CURL_ERROR_SIZE + 256];

	/* In the user's language first, curl's own words after. */
	snprintf(what, sizeof what, _("%s (technical detail: %s)"),
	    curl_reason(rc), h->curl_error[0] != '\0' ? h->curl_error :
	    curl_easy_strerror(rc));

	if (x->timed_out)
		return vt_fail(eb, VT_ERR_NETWORK, _("the server did not finish "
		    "its answer within %ld seconds (it sends too slowly); try "
		    "again later"), (long)x->h->opts.request_timeout);
	if (x->cancelled || rc == CURLE_ABORTED_BY_CALLBACK)
		return vt_fail(eb, VT_ERR_CANCELLED, NULL);
	if (x->stream_stopped)
		return vt_fail(eb, VT_ERR_PROTOCOL, _("the answer was not "
		    "understood"));
	if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		return vt_fail(eb, VT_ERR_TOO_BIG, _("more than %zu bytes"),
		    x->limit);
	if (x->io_error)
		return vt_fail(eb, VT_ERR_IO, "%s", strerror(x->io_errno));
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		return vt_fail(eb, VT_ERR_TLS, "%s", what);
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return vt_fail(eb, VT_ERR_CONFIG, "%s", what);
	case CURLE_WRITE_ERROR:
		return vt_fail(eb, VT_ERR_IO, "%s", what);
	case CURLE_OUT_OF_MEMORY:
		/* Nothing was sent: not the network's fault. */
		return vt_fail(eb, VT_ERR_INTERNAL, "%s", what);
	default:
		return vt_fail(eb, VT_ERR_NETWORK, "%s", what);
	}
}

static bool
retryable_curl(CURLcode rc, const struct xfer *x)
{
	/* A stream already handed over in part cannot start again. */
	if (x->cancelled || x->too_big || x->io_error || x->timed_out ||
	    x->stream_stopped || x->resp->streamed)
		return false;
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

vt_code
vt_http_request(struct vt_http *h, const struct vt_http_req *req,
    struct vt_http_resp *resp, struct vt_errbuf *eb)
{
	struct curl_slist	*headers;
	struct xfer		 x;
	CURLcode		 rc;
	vt_code			 code = VT_OK;
	int			 attempt, max;

	if (start(h) != VT_OK)
		return vt_fail(eb, VT_ERR_INTERNAL, _("libcurl could not start "
		    "(curl_global_init failed)"));
	/* No sane URL is this long; curl would refuse it anyway. */
	if (strlen(req->url) > VT_HTTP_URL_MAX)
		return vt_fail(eb, VT_ERR_INVALID, _("the URL is too long "
		    "(%zu bytes)"), strlen(req->url));
	memset(&x, 0, sizeof x);
	x.h = h;
	x.req = req;
	x.resp = resp;
	x.limit = req->out_fd >= 0 || req->stream_fn != NULL ?
	    h->opts.max_download : h->opts.max_response;
	if (req->max_size > 0 && req->max_size < x.limit)
		x.limit = (size_t)req->max_size;
	max = safe_to_retry(req) ? h->opts.max_retries : 0;
	headers = build_headers(req);
	for (attempt = 0; attempt <= max; attempt++) {
		vt_buf_reset(&resp->body);
		resp_reset_headers(resp);
		resp->status = 0;
		resp->attempts = attempt + 1;
		x.too_big = x.io_error = x.cancelled = x.started = false;
		x.to_file = x.timed_out = false;
		x.streaming = x.stream_stopped = false;
		resp->streamed = false;
		if (req->stream_fn != NULL)
			resp->received = 0;
		clock_gettime(CLOCK_MONOTONIC, &x.start);
		h->curl_error[0] = '\0';
		setup(h, &x, headers);
		rc = curl_easy_perform(h->curl);
		count(h);
		/* Every attempt tells whether the server can be reached. */
		if (rc == CURLE_OK)
			set_link(VT_LINK_UP);
		else if (retryable_curl(rc, &x))
			set_link(VT_LINK_DOWN);
		if (rc == CURLE_OK) {
			curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE,
			    &resp->status);
			code = VT_OK;
			if (attempt < max && retryable_status(resp->status)) {
				if (!pause_ms(h, backoff(h, attempt,
				    resp->retry_after))) {
					code = vt_fail(eb, VT_ERR_CANCELLED,
					    NULL);
					break;
				}
				continue;
			}
			break;
		}
		code = map_curl_error(h, &x, rc, eb);
		if (attempt < max && retryable_curl(rc, &x)) {
			if (!pause_ms(h, backoff(h, attempt, -1))) {
				code = vt_fail(eb, VT_ERR_CANCELLED, NULL);
				break;
			}
			continue;
		}
		break;
	}
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(headers);
	resp->timed_out = x.timed_out;
	if (code != VT_OK)
		resp->status = 0;
	return code;
}

char *
vt_http_url_escape(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct vt_buf		 b;
	unsigned char		 ch;

	vt_buf_init(&b);
	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' ||
		    ch == '_' || ch == '~')
			vt_buf_putc(&b, (char)ch);
		else {
			vt_buf_putc(&b, '%');
			vt_buf_putc(&b, hex[ch >> 4]);
			vt_buf_putc(&b, hex[ch & 15]);
		}
	}
	return vt_buf_steal(&b);
}
