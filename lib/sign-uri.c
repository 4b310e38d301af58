/* vanthu: RFC 7512 "pkcs11:" URIs, parsed and formatted. */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vanthu/buf.h"
#include "vanthu/i18n.h"
#include "vanthu/token.h"
#include "vanthu/xmalloc.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the N bytes at S (percent-encoded) into a new buffer. */
static int
pct_decode(const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	unsigned char	*d = xmalloc(n + 1);
	size_t		 i, j = 0;
	int		 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			d[j++] = (unsigned char)s[i];
			continue;
		}
		if (i + 2 >= n) {
			free(d);
			return -1;
		}
		if ((hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0) {
			free(d);
			return -1;
		}
		d[j++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	d[j] = '\0';
	*out = d;
	*outlen = j;
	return 0;
}

static char **
path_field(struct vt_p11uri *u, const char *name, size_t len)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} fields[] = {
		{ "token", offsetof(struct vt_p11uri, token) },
		{ "manufacturer", offsetof(struct vt_p11uri, manufacturer) },
		{ "model", offsetof(struct vt_p11uri, model) },
		{ "serial", offsetof(struct vt_p11uri, serial) },
		{ "object", offsetof(struct vt_p11uri, object) },
		{ "type", offsetof(struct vt_p11uri, type) },
		{ "module-path", offsetof(struct vt_p11uri, module_path) },
	};
	size_t	 i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (strlen(fields[i].name) == len &&
		    strncmp(fields[i].name, name, len) == 0)
			return (char **)((char *)u + fields[i].off);
	}
	return NULL;
}

/* Parse one "name=value" attribute of LEN bytes at S. */
static vt_code
parse_attr(struct vt_p11uri *u, const char *s, size_t len,
    struct vt_errbuf *eb)
{
	const char	*eq = memchr(s, '=', len);
	size_t		 nlen, vlen;
	unsigned char	*val;
	char		**field;

	if (len == 0)
		return VT_OK;
	if (eq == NULL)
		return vt_fail(eb, VT_ERR_INVALID,
		    _("PKCS#11 URI attribute without a value: %.*s"),
		    (int)len, s);
	nlen = (size_t)(eq - s);
	if (pct_decode(eq + 1, len - nlen - 1, &val, &vlen) != 0)
		return vt_fail(eb, VT_ERR_INVALID,
		    _("bad percent-encoding in PKCS#11 URI: %.*s"), (int)len, s);
	if (nlen == 9 && strncmp(s, "pin-value", 9) == 0) {
		free(val);
		return vt_fail(eb, VT_ERR_INVALID, _("a PKCS#11 URI must not "
		    "hold the PIN (pin-value); vanthu asks for it"));
	}
	if (nlen == 2 && strncmp(s, "id", 2) == 0) {
		free(u->id);
		u->id = val;
		u->id_len = vlen;
		return VT_OK;
	}
	if ((field = path_field(u, s, nlen)) == NULL) {
		free(val);	/* vendor or unknown attribute: ignored */
		return VT_OK;
	}
	if (strlen((char *)val) != vlen) {
		free(val);
		return vt_fail(eb, VT_ERR_INVALID,
		    _("NUL byte in PKCS#11 URI attribute %.*s"), (int)nlen, s);
	}
	free(*field);
	*field = (char *)val;
	return VT_OK;
}

vt_code
vt_p11uri_parse(const char *s, struct vt_p11uri *u, struct vt_errbuf *eb)
{
	const char	*p, *end;
	vt_code		 rc;
	int		 query = 0;

	memset(u, 0, sizeof *u);
	if (strncasecmp(s, "pkcs11:", 7) != 0)
		return vt_fail(eb, VT_ERR_INVALID,
		    _("not a PKCS#11 URI (it must start with pkcs11:): %s"), s);
	p = s + 7;
	while (*p != '\0') {
		end = p + strcspn(p, query ? "&" : ";?");
		if ((rc = parse_attr(u, p, (size_t)(end - p), eb)) != VT_OK) {
			vt_p11uri_free(u);
			return rc;
		}
		if (*end == '?')
			query = 1;
		p = *end != '\0' ? end + 1 : end;
	}
	return VT_OK;
}

void
vt_p11uri_free(struct vt_p11uri *u)
{
	free(u->token);
	free(u->manufacturer);
	free(u->model);
	free(u->serial);
	free(u->object);
	free(u->id);
	free(u->type);
	free(u->module_path);
	memset(u, 0, sizeof *u);
}

/* RFC 7512 section 2.3: pchar minus ';', '?', '&' and '/' stay plain. */
static void
pct_encode(struct vt_buf *b, const unsigned char *s, size_t n, int all)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!all && (isalnum(s[i]) || strchr("-._~:[]@!$'()*+,=",
		    s[i]) != NULL) && s[i] != '\0')
			vt_buf_putc(b, (char)s[i]);
		else
			vt_buf_printf(b, "%%%02X", s[i]);
	}
}

char *
vt_p11uri_format(const char *token, const unsigned char *id, size_t id_len)
{
	struct vt_buf	 b;

	vt_buf_init(&b);
	vt_buf_puts(&b, "pkcs11:token=");
	pct_encode(&b, (const unsigned char *)token, strlen(token), 0);
	if (id_len > 0) {
		vt_buf_puts(&b, ";id=");
		pct_encode(&b, id, id_len, 1);
	}
	vt_buf_puts(&b, ";type=private");
	return vt_buf_steal(&b);
}
