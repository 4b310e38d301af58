/*
 * vanthu: the answers of OCSP responders and CRL distribution points,
 * kept in $XDG_CACHE_HOME/vanthu/revocation/ so that a signature
 * checked once can be checked again when the responder cannot be
 * reached (they are signed, so a kept copy is as good as a fresh one
 * for the time it speaks of).  One file per question: the hex SHA-256
 * of the URL and the request.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "vanthu/config.h"
#include "vanthu/file.h"
#include "vanthu/ltv.h"
#include "vanthu/xmalloc.h"
#include "ltv-impl.h"

#define CACHE_ITEM_MAX	(4u << 20)

/* The cache file of URL and REQ (LEN bytes), or NULL without a cache
   directory. */
static char *
cache_path(const char *url, const void *req, size_t len, char **dirp)
{
	EVP_MD_CTX	*md = EVP_MD_CTX_new();
	unsigned char	 h[32];
	unsigned	 n = 0, i;
	char		 hex[65], *base = vt_cache_dir(), *path;

	if (base == NULL || md == NULL) {
		free(base);
		EVP_MD_CTX_free(md);
		return NULL;
	}
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, url, strlen(url) + 1);
	if (req != NULL)
		EVP_DigestUpdate(md, req, len);
	EVP_DigestFinal_ex(md, h, &n);
	EVP_MD_CTX_free(md);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	*dirp = xasprintf("%s/revocation", base);
	path = xasprintf("%s/%s.der", *dirp, hex);
	free(base);
	return path;
}

void
vt_rev_cache_put(const char *url, const void *req, size_t len,
    const struct vt_buf *answer)
{
	char	*dir = NULL, *path = cache_path(url, req, len, &dir);

	if (path != NULL && vt_mkdirs(dir, 0700, NULL) == VT_OK)
		vt_file_write_atomic(path, answer->data, answer->len, 0600,
		    NULL);
	free(path);
	free(dir);
}

int
vt_rev_cache_get(const char *url, const void *req, size_t len,
    struct vt_buf *out)
{
	char	*dir = NULL, *path = cache_path(url, req, len, &dir);
	int	 ok = 0;

	if (path != NULL)
		ok = vt_file_read(path, CACHE_ITEM_MAX, out, NULL) == VT_OK &&
		    out->len > 0;
	free(path);
	free(dir);
	return ok;
}
