/*
 * The HTTP layer of the model fuzzer (tests/fuzz/fuzz-model.c): the
 * functions of vanthu/http.h without a network.  vt_http_request
 * answers each request with the next answer the fuzzer queued
 * (fuzz_http_queue), or, when none is left, with a network error; so
 * the core's API functions parse whatever the fuzzer makes up, through
 * the same code as with a real server.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-http.h"
#include "vanthu/xmalloc.h"

struct vt_http {
	struct vt_http_opts	 opts;
};

#define QMAX	16
static struct fuzz_answer	 queue[QMAX];
static size_t			 qhead, qlen;
static unsigned long		 nrequests;

void
fuzz_http_queue(const struct fuzz_answer *a)
{
	if (qlen < QMAX)
		queue[qlen++] = *a;
}

void
fuzz_http_reset(void)
{
	qhead = qlen = 0;
}

vt_code
vt_http_global_init(void)
{
	return VT_OK;
}

struct vt_http *
vt_http_new(const struct vt_http_opts *opts)
{
	struct vt_http	*h = xcalloc(1, sizeof *h);

	if (opts != NULL)
		h->opts = *opts;
	return h;
}

void
vt_http_free(struct vt_http *h)
{
	free(h);
}

void
vt_http_set_progress(struct vt_http *h, vt_http_progress_fn fn, void *arg)
{
	(void)h;
	(void)fn;
	(void)arg;
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

void
vt_http_resp_free(struct vt_http_resp *resp)
{
	free(resp->etag);
	free(resp->content_type);
	free(resp->content_range);
	resp->etag = resp->content_type = resp->content_range = NULL;
	vt_buf_free(&resp->body);
}

vt_code
vt_http_request(struct vt_http *h, const struct vt_http_req *req,
    struct vt_http_resp *resp, struct vt_errbuf *eb)
{
	const struct fuzz_answer	*a;
	size_t				 max;

	nrequests++;
	free(resp->etag);
	free(resp->content_type);
	resp->etag = resp->content_type = NULL;
	vt_buf_free(&resp->body);
	vt_buf_init(&resp->body);
	resp->attempts = 1;
	if (qhead >= qlen)
		return vt_fail(eb, VT_ERR_NETWORK, "no more answers");
	a = &queue[qhead++];
	max = h->opts.max_response != 0 ? h->opts.max_response : 32u << 20;
	if (req->max_size != 0 && req->max_size < max)
		max = (size_t)req->max_size;
	if (a->len > max)
		return vt_fail(eb, VT_ERR_TOO_BIG, "answer too large");
	resp->status = a->status;
	resp->replayed = a->replayed;
	if (a->etag)
		resp->etag = xstrdup("W/\"fuzz\"");
	resp->content_type = xstrdup("application/json; charset=utf-8");
	if (req->method[0] == 'H' || a->status == 304 || a->status == 204)
		return VT_OK;
	vt_buf_add(&resp->body, a->body, a->len);
	return VT_OK;
}

vt_code
vt_http_download(struct vt_http *h, const char *url, const char *bearer,
    const char *path, const char *sha256_hex, uint64_t size, long *status,
    struct vt_errbuf *eb)
{
	(void)h;
	(void)url;
	(void)bearer;
	(void)path;
	(void)sha256_hex;
	(void)size;
	if (status != NULL)
		*status = 0;
	return vt_fail(eb, VT_ERR_NETWORK, "no downloads while fuzzing");
}

void
vt_http_get_stats(const struct vt_http *h, struct vt_http_stats *stats)
{
	(void)h;
	memset(stats, 0, sizeof *stats);
	stats->requests = nrequests;
}

char *
vt_http_url_escape(const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct vt_buf		 b;
	const unsigned char	*p;

	vt_buf_init(&b);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL)
			vt_buf_putc(&b, (char)*p);
		else {
			vt_buf_putc(&b, '%');
			vt_buf_putc(&b, hex[*p >> 4]);
			vt_buf_putc(&b, hex[*p & 15]);
		}
	}
	return vt_buf_steal(&b);
}

int
vt_http_link(void)
{
	return VT_LINK_UP;
}

const char *
vt_http_reason(int rc)
{
	(void)rc;
	return "the transfer failed";
}
