/*
 * vanthu: what the long-term validation modules share inside the core
 * library (lib/ltv-dss.c writes the DSS, lib/ltv-extend.c drives,
 * lib/ltv-doctime.c adds a document timestamp).
 */
#ifndef VANTHU_LTV_IMPL_H
#define VANTHU_LTV_IMPL_H

#include <stddef.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "vanthu/ltv.h"

/* One /VRI entry: indices into the arrays of the whole DSS. */
struct vt_vri {
	char	 key[41];	/* upper-case hex SHA-1 of the /Contents */
	size_t	*certs, n_certs;
	size_t	*ocsps, n_ocsps;
	size_t	*crls, n_crls;
};

/* vt_vri_key: the /VRI key of a signature whose /Contents bytes are
   SIG (LEN bytes): its SHA-1 in upper-case hex (ETSI EN 319 142-1
   5.4.2.2). */
void	 vt_vri_key(const unsigned char *sig, size_t len, char out[41]);

/*
 * vt_dss_write: make DOC's DSS hold ALL (the items of OLD, already in
 * its arrays in that order, are not added again) and the N_VRI entries
 * VRI.  Throws (MuPDF) on failure.
 */
void	 vt_dss_write(fz_context *ctx, pdf_document *doc,
	     const struct vt_vdata *all, const struct vt_vdata *old,
	     const struct vt_vri *vri, size_t n_vri);

/*
 * vt_doctime_add: add to DOC an invisible signature field whose value
 * is a document timestamp (/Type /DocTimeStamp, /SubFilter
 * /ETSI.RFC3161; ETSI EN 319 142-1 5.4.3) and save DOC incrementally
 * to the empty file OUT; the writer hands the ByteRange bytes to TSA.
 * Errors: those of vt_tsp_stamp, VT_ERR_PDF.
 */
vt_code	 vt_doctime_add(fz_context *ctx, pdf_document *doc, const char *out,
	     const struct vt_tsa *tsa, struct vt_errbuf *eb);

/*
 * vt_rev_cache_put: keep ANSWER, the answer of URL to REQ (LEN bytes;
 * NULL for a GET), in $XDG_CACHE_HOME/vanthu/revocation/ (mode 0600).
 * Failures are ignored: the cache is a help, not a duty.
 * vt_rev_cache_get: the kept answer into OUT (initialised by the
 * caller); 1 when there is one.
 */
void	 vt_rev_cache_put(const char *url, const void *req, size_t len,
	     const struct vt_buf *answer);
int	 vt_rev_cache_get(const char *url, const void *req, size_t len,
	     struct vt_buf *out);

#endif
