/*
 * vanthu: the HTTP client's private parts (lib/http*.c only).
 */
#ifndef VANTHU_HTTP_IMPL_H
#define VANTHU_HTTP_IMPL_H

#include <stdbool.h>

#include <openssl/ssl.h>

/*
 * TLS sessions kept on disk (lib/http-tls.c), so that the first
 * connection of a new process resumes the last one's session (RFC 8446
 * section 2.2, RFC 5077 tickets) instead of a full handshake: a few
 * hundred bytes instead of the certificate chain.
 *
 * One file per server and trust: $XDG_CACHE_HOME/vanthu/tls/HEX, HEX the
 * SHA-256 of the key "https://HOST:PORT" plus the trust settings (the
 * CA file's path and contents, the public-key pin), so that a session
 * verified under one trust is never resumed under another.  The file
 * holds a "vanthu-tls-session 1" line, the key line and the DER of the
 * SSL_SESSION (i2d_SSL_SESSION); it is mode 0600 in a 0700 directory,
 * written to a temporary file and renamed.  A file that is not a
 * regular file owned by this user with mode 0600 (or stricter), that
 * does not parse, was made for another key, or whose session or ticket
 * lifetime is over, is ignored: a full handshake follows, as without it.
 */
struct http_tls {
	char		*dir;		/* the tls directory, or NULL: no disk */
	char		*trust;		/* digest of the trust settings, hex */
	char		*key;		/* of the current transfer, or NULL */
	char		*host;		/* expected SNI name, or NULL (IP) */
	char		*path;		/* the file of KEY */
	int		(*prev_new)(SSL *, SSL_SESSION *);
	void		(*prev_info)(const SSL *, int, int);
	unsigned long	 saved;		/* sessions written */
	unsigned long	 resumed;	/* handshakes that resumed a session */
	const SSL	*counted;	/* the last one counted */
};

/*
 * http_tls_init: T for the trust settings CA_FILE (NULL: the system
 * store) and PIN (NULL: none), keeping sessions in DIR (copied; NULL:
 * none kept).  The CA file is read once here (at most 4 MiB).
 */
void	http_tls_init(struct http_tls *t, const char *dir, const char *ca_file,
	    const char *pin);

/* http_tls_free: release T's memory (the files stay). */
void	http_tls_free(struct http_tls *t);

/*
 * http_tls_target: the server of the next transfer: HOST (without
 * brackets) and PORT ("443" when the URL has none).  A NULL HOST keeps
 * nothing for it.
 */
void	http_tls_target(struct http_tls *t, const char *host, const char *port);

/*
 * http_tls_ctx: hook T into the SSL_CTX libcurl is setting up (from
 * CURLOPT_SSL_CTX_FUNCTION): new sessions are saved to T's file (and
 * still handed to libcurl's own cache), and a handshake that libcurl
 * did not give a session of its own starts from T's file.  Returns
 * false if OpenSSL cannot keep T with the context.
 */
bool	http_tls_ctx(struct http_tls *t, SSL_CTX *ctx);

/* Whether HOST is an IP address literal (no SNI is sent for it). */
bool	http_tls_host_is_ip(const char *host);

#endif
