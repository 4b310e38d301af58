/* vanthu: error codes, their messages and exit statuses. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "vanthu/error.h"
#include "vanthu/i18n.h"

static const char *const error_messages[VT_ERR_LAST] = {
	[VT_OK] = N_("Success"),
	[VT_ERR_USAGE] = N_("Wrong command-line usage"),
	[VT_ERR_INVALID] = N_("Invalid input"),
	[VT_ERR_IO] = N_("File error"),
	[VT_ERR_CONFIG] = N_("Configuration error"),
	[VT_ERR_ENCODING] = N_("Unknown or invalid text encoding"),
	[VT_ERR_NETWORK] = N_("Cannot reach the server"),
	[VT_ERR_TLS] = N_("Secure connection failed"),
	[VT_ERR_HTTP] = N_("Unexpected answer from the server"),
	[VT_ERR_AUTH] = N_("Not logged in or wrong user name or password"),
	[VT_ERR_EXPIRED] = N_("The session has expired; please log in again"),
	[VT_ERR_FORBIDDEN] = N_("You are not allowed to do this"),
	[VT_ERR_NOT_FOUND] = N_("Not found"),
	[VT_ERR_CONFLICT] = N_("The document changed on the server meanwhile"),
	[VT_ERR_REFUSED] = N_("The server refused the request"),
	[VT_ERR_SERVER] = N_("The server has a problem; try again later"),
	[VT_ERR_PROTOCOL] = N_("The server sent a malformed answer"),
	[VT_ERR_TOO_BIG] = N_("The server's answer is too large"),
	[VT_ERR_OFFLINE] = N_("Offline: the action is kept and will be sent later"),
	[VT_ERR_PDF] = N_("The PDF file is damaged or unreadable"),
	[VT_ERR_PDF_REPAIRED] = N_("The PDF file is damaged and cannot be signed"),
	[VT_ERR_PDF_PASSWORD] = N_("The PDF file is protected by a password"),
	[VT_ERR_TOKEN] = N_("The signing token does not work"),
	[VT_ERR_NO_TOKEN] = N_("No signing token is plugged in"),
	[VT_ERR_PIN_INCORRECT] = N_("Wrong PIN"),
	[VT_ERR_PIN_LOCKED] = N_("The token's PIN is locked"),
	[VT_ERR_CERT] = N_("The certificate cannot be used for signing"),
	[VT_ERR_SIGNATURE] = N_("The signature is not valid"),
	[VT_ERR_CANCELLED] = N_("Cancelled"),
	[VT_ERR_INTERNAL] = N_("Internal error in vanthu"),
	[VT_ERR_PDF_ENCRYPTED] = N_("The PDF file is encrypted in a way vanthu cannot open"),
	[VT_ERR_DAMAGED] = N_("A file vanthu keeps on this computer is damaged"),
	[VT_ERR_STATE] = N_("Not possible at this step"),
	[VT_ERR_TSA_NETWORK] = N_("Cannot reach the time-stamping service (TSA)"),
	[VT_ERR_STATUS_NETWORK] = N_("Cannot reach the certificate status service (OCSP responder or CRL)"),
};

const char *
vt_strerror(vt_code code)
{
	if ((int)code < 0 || code >= VT_ERR_LAST ||
	    error_messages[code] == NULL)
		return _("Unknown error");
	return _(error_messages[code]);
}

int
vt_exit_status(vt_code code)
{
	switch (code) {
	case VT_OK:
		return 0;
	case VT_ERR_USAGE:
		return 2;
	case VT_ERR_NETWORK:
	case VT_ERR_TLS:
	case VT_ERR_OFFLINE:
	case VT_ERR_TSA_NETWORK:
	case VT_ERR_STATUS_NETWORK:
		return 3;
	case VT_ERR_AUTH:
	case VT_ERR_EXPIRED:
		return 4;
	case VT_ERR_FORBIDDEN:
	case VT_ERR_NOT_FOUND:
	case VT_ERR_CONFLICT:
	case VT_ERR_STATE:
	case VT_ERR_REFUSED:
		return 5;
	case VT_ERR_TOKEN:
	case VT_ERR_NO_TOKEN:
	case VT_ERR_PIN_INCORRECT:
	case VT_ERR_PIN_LOCKED:
	case VT_ERR_CERT:
	case VT_ERR_SIGNATURE:
		return 6;
	case VT_ERR_PDF:
	case VT_ERR_PDF_REPAIRED:
	case VT_ERR_PDF_PASSWORD:
	case VT_ERR_PDF_ENCRYPTED:
		return 7;
	default:
		return 1;
	}
}

vt_code
vt_fail(struct vt_errbuf *eb, vt_code code, const char *fmt, ...)
{
	va_list	 ap;

	if (eb == NULL)
		return code;
	eb->code = code;
	eb->detail[0] = '\0';
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(eb->detail, sizeof eb->detail, fmt, ap);
		va_end(ap);
	}
	return code;
}

const char *
vt_errbuf_message(const struct vt_errbuf *eb, char *out, size_t len)
{
	if (eb->detail[0] == '\0')
		snprintf(out, len, "%s", vt_strerror(eb->code));
	else
		snprintf(out, len, "%s: %s", vt_strerror(eb->code), eb->detail);
	return out;
}
