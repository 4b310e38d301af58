/*
 * vanthu: one HTTP request to a trust service (TSA, OCSP responder,
 * CRL distribution point) with libcurl.  Kept apart from lib/http.c,
 * which talks to the document server only (https, its own CA, retries):
 * these services are plain http:// as a rule, their answers are signed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"

#define FETCH_MAX	(4u << 20)

struct sink {
	struct vt_buf	*out;
	int		 too_big;
};

static size_t
write_cb(char *p, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;

	if (s->out->len + size * n > FETCH_MAX) {
		s->too_big = 1;
		return 0;
	}
	vt_buf_add(s->out, p, size * n);
	return size * n;
}

vt_code
vt_ltv_fetch(enum vt_trust_service svc, const char *url, const char *ctype,
    const void *body, size_t len, const char *cert, const char *key,
    struct vt_buf *out, struct vt_errbuf *eb)
{
	CURL			*c;
	struct curl_slist	*hdr = NULL;
	struct sink		 s = { out, 0 };
	char			*h = NULL;
	CURLcode		 cc;
	long			 status = 0;
	vt_code			 rc = VT_OK;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0))
		return vt_fail(eb, VT_ERR_INVALID, _("%s is not an http:// or "
		    "https:// address"), url != NULL ? url : "");
	/* Once per process, thread-safe (pthread_once). */
	if (vt_http_global_init() != VT_OK || (c = curl_easy_init()) == NULL)
		return vt_fail(eb, VT_ERR_INTERNAL, "curl_easy_init");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	if (cert != NULL)
		curl_easy_setopt(c, CURLOPT_SSLCERT, cert);
	if (key != NULL)
		curl_easy_setopt(c, CURLOPT_SSLKEY, key);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
		if (ctype != NULL) {
			h = xasprintf("Content-Type: %s", ctype);
			hdr = curl_slist_append(hdr, h);
			curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		}
	}
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (s.too_big)
		rc = vt_fail(eb, VT_ERR_TOO_BIG, _("%s: the answer is larger "
		    "than %u bytes"), url, FETCH_MAX);
	else if (cc != CURLE_OK)
		/* Which service, in the user's language; curl's English
		   only as the technician's detail. */
		rc = vt_fail(eb, svc == VT_SVC_TSA ? VT_ERR_TSA_NETWORK :
		    VT_ERR_STATUS_NETWORK, _("cannot reach %s: %s (technical "
		    "detail: %s)"), url, vt_http_reason((int)cc),
		    curl_easy_strerror(cc));
	else if (status != 200)
		rc = vt_fail(eb, VT_ERR_HTTP, _("%s answered HTTP %ld"), url,
		    status);
	curl_slist_free_all(hdr);
	free(h);
	curl_easy_cleanup(c);
	return rc;
}
