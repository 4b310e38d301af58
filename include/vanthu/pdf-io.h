/*
 * vanthu: a PDF file read and written by MuPDF in large blocks.
 *
 * MuPDF's own file stream reads 4 KB at a time and its file output
 * writes 8 KB at a time: signing a 10 MB PDF took some 7,700 system
 * calls (copy the original, read the ByteRange back to hash it).  These
 * move VT_PDF_IO_BLOCK bytes per call with pread(2)/pwrite(2), each
 * stream or output at its own offset, so that the output's read-back
 * stream (fz_stream_from_output, which the signature writer uses) and
 * the output never disturb each other.
 */
#ifndef VANTHU_PDF_IO_H
#define VANTHU_PDF_IO_H

#include <mupdf/fitz.h>

/* Bytes per read or write (the buffers stay well under the RSS goal). */
#define VT_PDF_IO_BLOCK	(128 * 1024)

/*
 * vt_pdf_stream_open: a seekable fz_stream over the file PATH, read
 * VT_PDF_IO_BLOCK bytes at a time.  Drop it with fz_drop_stream (closes
 * the file).  Throws (FZ_ERROR_GENERIC, "cannot open PATH: reason")
 * when the file cannot be opened, and on a read error.
 */
fz_stream	*vt_pdf_stream_open(fz_context *ctx, const char *path);

/*
 * vt_pdf_output_open: an fz_output that writes the existing file PATH
 * (opened read-write, not truncated: MuPDF's incremental writer
 * decides what to keep) in blocks of VT_PDF_IO_BLOCK bytes, with seek,
 * tell, truncate and a read-back stream (as fz_new_output_with_path's).
 * fz_close_output flushes and fsyncs the file (fsync(2): the bytes are
 * on disk when it returns); fz_drop_output closes it.  Throws on open,
 * write, seek or sync errors ("PATH: reason").
 */
fz_output	*vt_pdf_output_open(fz_context *ctx, const char *path);

/*
 * vt_pdf_output_errno: the errno of the write, truncate or flush of OUT
 * (from vt_pdf_output_open) that failed, or 0: so that the caller can
 * tell a file it could not write (ENOSPC, EIO) from a document MuPDF
 * could not make.  OUT may be NULL (0).
 */
int		 vt_pdf_output_errno(fz_output *out);

#endif
