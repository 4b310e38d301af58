/*
 * vanthu: TLS sessions kept on disk for the next process (http-impl.h).
 *
 * OpenSSL 3.0 gives a client two hooks that fit libcurl 7.88, which
 * has no session import or export of its own (curl_easy_ssls_* came in
 * 8.12): the new-session callback (SSL_CTX_sess_set_new_cb(3)), called
 * for each session or TLS 1.3 ticket the server gives, and the info
 * callback (SSL_CTX_set_info_callback(3)), called with
 * SSL_CB_HANDSHAKE_START before the ClientHello is built, where
 * SSL_set_session(3) still decides what the ClientHello offers.
 * libcurl's own callback stays behind ours, so its in-memory cache of
 * the process works as before; ours only acts when libcurl has no
 * session of its own for the handshake.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/ssl.h>

#include "http-impl.h"
#include "vanthu/buf.h"
#include "vanthu/file.h"
#include "vanthu/xmalloc.h"

#define MAGIC		"vanthu-tls-session 1\n"
#define FILE_MAX	(64u << 10)	/* a session with its certificate */
#define CA_MAX		(4u << 20)

static unsigned		tmp_seq;
static pthread_once_t	idx_once = PTHREAD_ONCE_INIT;
static int		ctx_idx = -1;

static void
idx_init(void)
{
	ctx_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static char *
hex(const unsigned char *d, size_t n)
{
	static const char	 digits[] = "0123456789abcdef";
	char			*s = xmalloc(2 * n + 1);
	size_t			 i;

	for (i = 0; i < n; i++) {
		s[2 * i] = digits[d[i] >> 4];
		s[2 * i + 1] = digits[d[i] & 15];
	}
	s[2 * n] = '\0';
	return s;
}

static char *
sha256_hex(const void *data, size_t len)
{
	unsigned char	md[EVP_MAX_MD_SIZE];
	unsigned int	n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1)
		return NULL;
	return hex(md, n);
}

void
http_tls_init(struct http_tls *t, const char *dir, const char *ca_file,
    const char *pin)
{
	struct vt_buf	b, ca;

	memset(t, 0, sizeof *t);
	vt_buf_init(&b);
	vt_buf_init(&ca);
	vt_buf_printf(&b, "ca=%s", ca_file != NULL ? ca_file : "(system)");
	vt_buf_putc(&b, '\0');
	if (ca_file != NULL && vt_file_read(ca_file, CA_MAX, &ca, NULL) ==
	    VT_OK)
		vt_buf_add(&b, ca.data, ca.len);
	vt_buf_putc(&b, '\0');
	vt_buf_printf(&b, "pin=%s", pin != NULL ? pin : "");
	t->trust = sha256_hex(b.data, b.len);
	vt_buf_free(&b);
	vt_buf_free(&ca);
	if (dir != NULL && t->trust != NULL)
		t->dir = xstrdup(dir);
}

void
http_tls_free(struct http_tls *t)
{
	free(t->dir);
	free(t->trust);
	free(t->key);
	free(t->host);
	free(t->path);
	memset(t, 0, sizeof *t);
}

bool
http_tls_host_is_ip(const char *host)
{
	unsigned char	a[16];

	return inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1;
}

void
http_tls_target(struct http_tls *t, const char *host, const char *port)
{
	char	*name;

	free(t->key);
	free(t->host);
	free(t->path);
	t->key = t->host = t->path = NULL;
	if (t->dir == NULL || host == NULL)
		return;
	t->host = xstrdup(host);
	t->key = xasprintf("https://%s:%s %s", host, port != NULL ? port :
	    "443", t->trust);
	name = sha256_hex(t->key, strlen(t->key));
	if (name != NULL)
		t->path = xasprintf("%s/%s", t->dir, name);
	free(name);
}

static struct http_tls *
tls_of(const SSL *ssl)
{
	if (ctx_idx < 0)
		return NULL;
	return SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ctx_idx);
}

/* Whether SSL talks to T's server (its SNI name; none for an IP). */
static bool
same_server(const struct http_tls *t, const SSL *ssl)
{
	const char	*sni;

	if (t == NULL || t->path == NULL)
		return false;
	sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
	if (sni == NULL)
		return http_tls_host_is_ip(t->host);
	return strcasecmp(sni, t->host) == 0;
}

static bool
still_valid(const SSL_SESSION *s)
{
	time_t		now = time(NULL);
	long		start = SSL_SESSION_get_time(s);
	long		life = SSL_SESSION_get_timeout(s);
	unsigned long	hint = SSL_SESSION_get_ticket_lifetime_hint(s);

	if (!SSL_SESSION_is_resumable(s) || start <= 0 || life <= 0)
		return false;
	if (SSL_SESSION_get_protocol_version(s) < TLS1_2_VERSION)
		return false;
	if ((long)now < start - 60 || (long)now >= start + life)
		return false;
	return hint == 0 || (long)now < start + (long)hint;
}

static void
save(const struct http_tls *t, SSL_SESSION *s)
{
	unsigned char	*der = NULL;
	struct vt_buf	 b;
	char		*tmp;
	int		 n, fd;
	bool		 ok;

	if (!still_valid(s) || (n = i2d_SSL_SESSION(s, &der)) <= 0)
		return;
	vt_buf_init(&b);
	vt_buf_printf(&b, "%s%s\n", MAGIC, t->key);
	vt_buf_add(&b, der, (size_t)n);
	OPENSSL_clear_free(der, (size_t)n);
	if (b.len > FILE_MAX || vt_mkdirs(t->dir, 0700, NULL) != VT_OK) {
		explicit_bzero(b.data, b.len);
		vt_buf_free(&b);
		return;
	}
	/* Per process and per write: two threads never share one. */
	tmp = xasprintf("%s.tmp.%ld.%u", t->path, (long)getpid(),
	    __atomic_fetch_add(&tmp_seq, 1, __ATOMIC_RELAXED));
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	ok = fd >= 0 && fchmod(fd, 0600) == 0 &&
	    vt_file_write_fd(fd, b.data, b.len);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	/* A cache: no fsync; a torn file does not parse and is ignored. */
	if (fd >= 0 && (!ok || rename(tmp, t->path) != 0))
		unlink(tmp);
	free(tmp);
	explicit_bzero(b.data, b.len);
	vt_buf_free(&b);
}

/* The session kept for T, or NULL (any doubt: none). */
static SSL_SESSION *
load(const struct http_tls *t)
{
	struct stat		 st;
	unsigned char		*data;
	const unsigned char	*p;
	SSL_SESSION		*s = NULL;
	size_t			 hl;
	ssize_t			 r;
	size_t			 got = 0;
	int			 fd;

	fd = open(t->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077) != 0 ||
	    st.st_size <= 0 || st.st_size > (off_t)FILE_MAX) {
		close(fd);
		return NULL;
	}
	data = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	hl = strlen(MAGIC) + strlen(t->key) + 1;
	if (got == (size_t)st.st_size && got > hl &&
	    memcmp(data, MAGIC, strlen(MAGIC)) == 0 &&
	    memcmp(data + strlen(MAGIC), t->key, strlen(t->key)) == 0 &&
	    data[hl - 1] == '\n') {
		p = data + hl;
		s = d2i_SSL_SESSION(NULL, &p, (long)(got - hl));
		if (s != NULL && (p != data + got || !still_valid(s))) {
			SSL_SESSION_free(s);
			s = NULL;
		}
	}
	explicit_bzero(data, got);
	free(data);
	return s;
}

static int
on_new_session(SSL *ssl, SSL_SESSION *s)
{
	struct http_tls	*t = tls_of(ssl);

	if (same_server(t, ssl)) {
		save(t, s);
		t->saved++;
	}
	/* libcurl's cache decides the return: 1 when it kept S. */
	return t != NULL && t->prev_new != NULL ? t->prev_new(ssl, s) : 0;
}

static void
on_info(const SSL *cssl, int where, int ret)
{
	struct http_tls	*t = tls_of(cssl);
	SSL		*ssl = (SSL *)cssl;	/* SSL_new's, not const */
	SSL_SESSION	*s;

	if (t != NULL && (where & SSL_CB_HANDSHAKE_START) != 0)
		t->counted = NULL;
	if (t != NULL && (where & SSL_CB_HANDSHAKE_START) != 0 &&
	    !SSL_is_server(ssl) && SSL_get_session(ssl) == NULL &&
	    same_server(t, ssl) && (s = load(t)) != NULL) {
		SSL_set_session(ssl, s);
		SSL_SESSION_free(s);
	}
	if (t != NULL && (where & SSL_CB_HANDSHAKE_DONE) != 0 &&
	    t->counted != cssl && SSL_session_reused(ssl)) {
		t->counted = cssl;
		t->resumed++;
	}
	if (t != NULL && t->prev_info != NULL)
		t->prev_info(cssl, where, ret);
}

bool
http_tls_ctx(struct http_tls *t, SSL_CTX *ctx)
{
	pthread_once(&idx_once, idx_init);
	if (ctx_idx < 0 || t->dir == NULL)
		return ctx_idx >= 0;
	if (SSL_CTX_set_ex_data(ctx, ctx_idx, t) != 1)
		return false;
	t->prev_new = SSL_CTX_sess_get_new_cb(ctx);
	t->prev_info = SSL_CTX_get_info_callback(ctx);
	if (t->prev_new == on_new_session)
		t->prev_new = NULL;
	if (t->prev_info == on_info)
		t->prev_info = NULL;
	/* The client cache must be on for the new-session callback. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT |
	    SSL_SESS_CACHE_NO_INTERNAL);
	SSL_CTX_sess_set_new_cb(ctx, on_new_session);
	SSL_CTX_set_info_callback(ctx, on_info);
	return true;
}
