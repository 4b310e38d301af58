/*
 * vanthu: file downloads with Range resume (RFC 9110 sections 14.2 and
 * 13.1.5): an interrupted download leaves PATH.part and the ETag of the
 * file in PATH.part.etag; the next try asks for the rest with If-Range.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vanthu/file.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

static char *
read_etag(const char *path)
{
	struct vt_buf	b;
	char		*s;

	vt_buf_init(&b);
	if (vt_file_read(path, 512, &b, NULL) != VT_OK || b.len == 0) {
		vt_buf_free(&b);
		return NULL;
	}
	s = vt_buf_steal(&b);
	s[strcspn(s, "\r\n")] = '\0';
	return s;
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Finish: check, sync and move PART to PATH. */
static vt_code
finish(int fd, const char *part, const char *etagfile, const char *path,
    const char *sha256_hex, struct vt_errbuf *eb)
{
	struct vt_errbuf	e;
	char			sum[65];

	if (vt_sha256_fd(fd, sum, &e) != VT_OK)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", part, e.detail);
	if (sha256_hex != NULL && strcmp(sum, sha256_hex) != 0) {
		unlink(part);
		unlink(etagfile);
		return vt_fail(eb, VT_ERR_PROTOCOL,
		    _("the downloaded file does not have the expected SHA-256"));
	}
	if (fsync(fd) != 0 || rename(part, path) != 0)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", path, strerror(errno));
	unlink(etagfile);
	return vt_fsync_parent(path, eb);
}

vt_code
vt_http_download(struct vt_http *h, const char *url, const char *bearer,
    const char *path, const char *sha256_hex, uint64_t size, long *status,
    struct vt_errbuf *eb)
{
	struct vt_http_req	 req;
	struct vt_http_resp	 resp;
	struct stat		 st;
	char			*part, *etagfile, *etag;
	vt_code			 code = VT_OK;
	int			 fd, attempt;

	if (status != NULL)
		*status = 0;
	part = xasprintf("%s.part", path);
	etagfile = xasprintf("%s.part.etag", path);
	for (attempt = 0; attempt <= 5; attempt++) {
		fd = open(part, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || fstat(fd, &st) != 0) {
			code = vt_fail(eb, VT_ERR_IO, "%s: %s", part,
			    strerror(errno));
			if (fd >= 0)
				close(fd);
			break;
		}
		etag = st.st_size > 0 ? read_etag(etagfile) : NULL;
		if (st.st_size > 0 && etag == NULL) {
			/* A partial file we cannot validate: start over. */
			if (ftruncate(fd, 0) != 0) {
				code = vt_fail(eb, VT_ERR_IO, "%s: %s", part,
				    strerror(errno));
				close(fd);
				break;
			}
			st.st_size = 0;
		}
		lseek(fd, 0, SEEK_END);
		vt_http_req_init(&req, "GET", url);
		req.bearer = bearer;
		req.out_fd = fd;
		req.range_from = (uint64_t)st.st_size;
		req.if_range = etag;
		/* The whole file (a 200) at most: longer cannot be right. */
		req.max_size = size;
		vt_http_resp_init(&resp);
		code = vt_http_request(h, &req, &resp, eb);
		free(etag);
		if (resp.etag != NULL && (resp.status == 200 ||
		    resp.status == 206 || code != VT_OK))
			vt_file_write_atomic(etagfile, resp.etag,
			    strlen(resp.etag), 0600, NULL);
		if (code == VT_OK && (resp.status == 200 ||
		    resp.status == 206)) {
			code = finish(fd, part, etagfile, path, sha256_hex, eb);
			vt_http_resp_free(&resp);
			close(fd);
			break;
		}
		if (code == VT_OK && resp.status == 416) {
			/* Nothing more to get: the file may be whole. */
			vt_http_resp_free(&resp);
			code = finish(fd, part, etagfile, path, sha256_hex, eb);
			close(fd);
			if (code == VT_OK)
				break;
			unlink(part);
			continue;
		}
		close(fd);
		if (code == VT_OK) {
			if (status != NULL)
				*status = resp.status;
			code = vt_fail(eb, VT_ERR_HTTP, "HTTP %ld",
			    resp.status);
			vt_http_resp_free(&resp);
			unlink(part);
			unlink(etagfile);
			break;
		}
		if (resp.timed_out) {
			/* A server that trickles: no partial file is kept,
			   and no new try is made now. */
			vt_http_resp_free(&resp);
			unlink(part);
			unlink(etagfile);
			break;
		}
		vt_http_resp_free(&resp);
		if (code == VT_ERR_TOO_BIG) {
			/* Garbage: the next try must not resume from it. */
			unlink(part);
			unlink(etagfile);
		}
		if (code != VT_ERR_NETWORK)
			break;
		sleep_ms(200L << (attempt < 4 ? attempt : 4));
	}
	free(part);
	free(etagfile);
	return code;
}
