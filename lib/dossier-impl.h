/*
 * vanthu: helpers shared by lib/dossier-*.c only.
 */
#ifndef VANTHU_DOSSIER_IMPL_H
#define VANTHU_DOSSIER_IMPL_H

#include "vanthu/error.h"

/* The name of the manifest in a hand over folder. */
#define DOSSIER_MANIFEST	"manifest.sha256"

/*
 * dossier_sha256_file: the SHA-256 of the file PATH (streamed) as 64
 * lower-case hex digits in HEX.  VT_ERR_NOT_FOUND, VT_ERR_IO.
 */
vt_code	dossier_sha256_file(const char *path, char hex[65],
	    struct vt_errbuf *eb);

#endif
