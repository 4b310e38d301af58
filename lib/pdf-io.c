/*
 * vanthu: a PDF file read and written by MuPDF in large blocks
 * (vanthu/pdf-io.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "vanthu/pdf-io.h"

struct pdf_in {
	int		 fd;
	int		 own;		/* close fd when dropped */
	unsigned char	 buf[VT_PDF_IO_BLOCK];
};

struct pdf_out {
	int		 fd;
	int64_t		 pos;		/* where the next write goes */
	char		*path;		/* for messages */
	/* The early flush (below); the fields under LOCK once RUNNING. */
	pthread_t	 early;
	bool		 running;
	pthread_mutex_t	 lock;
	pthread_cond_t	 more;		/* WRITTEN grew, or WHOLE */
	int64_t		 written;	/* appended so far */
	bool		 whole;		/* the document is written */
	int		 error;		/* the flush's errno, or 0 */
	int		 io_errno;	/* the first failed call's, or 0 */
};

/* The early flush waits for this much more before flushing again. */
#define EARLY_STEP	(2 << 20)

/*
 * The early flush: once a few megabytes are written, a thread flushes
 * them to disk (fdatasync) as they come, every EARLY_STEP bytes, then
 * once more when the document is whole (the writer goes back to fill
 * in a signature's ByteRange, then hashes the document and signs it).
 * The disk writes while the document is written, hashed and signed, so
 * the fsync kept at the end (the signed file is on disk before it
 * replaces the output) has only the signature's bytes left: on a
 * virtual disk the flush of 10 MB costs as much as the rest of the
 * signing.  An error of the flush is kept and reported by out_close
 * (Linux reports a write-back error once per open file: the last fsync
 * may not see it again).
 */
static void *
early_flush(void *arg)
{
	struct pdf_out	*o = arg;
	int64_t		 flushed = 0, upto;
	bool		 last;

	for (;;) {
		pthread_mutex_lock(&o->lock);
		while (!o->whole && o->written - flushed < EARLY_STEP)
			pthread_cond_wait(&o->more, &o->lock);
		upto = o->written;
		last = o->whole;
		pthread_mutex_unlock(&o->lock);
		if (fdatasync(o->fd) != 0) {
			pthread_mutex_lock(&o->lock);
			o->error = errno;
			pthread_mutex_unlock(&o->lock);
			return NULL;
		}
		flushed = upto;
		if (last)
			return NULL;
	}
}

/* Tell the early flush what is written (starting it when there is
   enough); WHOLE: the document is. */
static void
early_tell(struct pdf_out *o, bool whole)
{
	if (!o->running) {
		if (whole || o->pos < EARLY_STEP)
			return;
		if (pthread_mutex_init(&o->lock, NULL) != 0)
			return;
		if (pthread_cond_init(&o->more, NULL) != 0) {
			pthread_mutex_destroy(&o->lock);
			return;
		}
		o->running = pthread_create(&o->early, NULL, early_flush,
		    o) == 0;
		if (!o->running) {
			pthread_cond_destroy(&o->more);
			pthread_mutex_destroy(&o->lock);
			return;
		}
	}
	pthread_mutex_lock(&o->lock);
	if (whole)
		o->whole = true;
	else if (o->pos > o->written)
		o->written = o->pos;
	pthread_cond_signal(&o->more);
	pthread_mutex_unlock(&o->lock);
}

/* End the early flush; returns its errno, or 0. */
static int
early_join(struct pdf_out *o)
{
	int	error;

	if (!o->running)
		return 0;
	early_tell(o, true);
	pthread_join(o->early, NULL);
	error = o->error;
	pthread_cond_destroy(&o->more);
	pthread_mutex_destroy(&o->lock);
	o->running = false;
	return error;
}

/* Throw "PATH: reason" for ERR, kept for vt_pdf_output_errno. */
static void
out_fail(fz_context *ctx, struct pdf_out *o, int err)
{
	if (o->io_errno == 0)
		o->io_errno = err;
	fz_throw(ctx, FZ_ERROR_GENERIC, "%s: %s", o->path, strerror(err));
}

static int
in_next(fz_context *ctx, fz_stream *stm, size_t max)
{
	struct pdf_in	*in = stm->state;
	ssize_t		 n;

	(void)max;
	do
		n = pread(in->fd, in->buf, sizeof in->buf, (off_t)stm->pos);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "read error: %s",
		    strerror(errno));
	if (n == 0)
		return EOF;
	stm->rp = in->buf;
	stm->wp = in->buf + n;
	stm->pos += n;
	return *stm->rp++;
}

/* A file's size, for SEEK_END. */
static int64_t
file_size(fz_context *ctx, int fd)
{
	struct stat	 st;

	if (fstat(fd, &st) != 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "stat: %s", strerror(errno));
	return (int64_t)st.st_size;
}

static void
in_seek(fz_context *ctx, fz_stream *stm, int64_t off, int whence)
{
	struct pdf_in	*in = stm->state;
	int64_t		 start = stm->pos - (stm->wp - in->buf);

	/* fz_seek turns SEEK_CUR into SEEK_SET before calling. */
	if (whence == SEEK_END)
		off += file_size(ctx, in->fd);
	if (off < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "cannot seek to %lld",
		    (long long)off);
	/* Inside the block read last: no read again.  MuPDF's range
	   filter (the ByteRange MuPDF hands to the signer) seeks before
	   each 4 KB it takes. */
	if (stm->wp > in->buf && off >= start && off < stm->pos) {
		stm->rp = in->buf + (off - start);
		return;
	}
	stm->pos = off;
	stm->rp = stm->wp = in->buf;
}

static void
in_drop(fz_context *ctx, void *state)
{
	struct pdf_in	*in = state;

	if (in->own)
		close(in->fd);
	fz_free(ctx, in);
}

static fz_stream *
in_new(fz_context *ctx, int fd, int own)
{
	struct pdf_in	*volatile in = NULL;
	fz_stream	*stm;

	fz_try(ctx)
		in = fz_malloc_struct(ctx, struct pdf_in);
	fz_catch(ctx) {
		if (own)
			close(fd);
		fz_rethrow(ctx);
	}
	in->fd = fd;
	in->own = own;
	stm = fz_new_stream(ctx, in, in_next, in_drop);	/* drops in on throw */
	stm->seek = in_seek;
	return stm;
}

fz_stream *
vt_pdf_stream_open(fz_context *ctx, const char *path)
{
	int	 fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "cannot open %s: %s", path,
		    strerror(errno));
	return in_new(ctx, fd, 1);
}

static void
out_write(fz_context *ctx, void *state, const void *data, size_t n)
{
	struct pdf_out		*o = state;
	const unsigned char	*p = data;
	ssize_t			 w;

	while (n > 0) {
		w = pwrite(o->fd, p, n, (off_t)o->pos);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			out_fail(ctx, o, w < 0 ? errno : EIO);
		p += w;
		n -= (size_t)w;
		o->pos += w;
	}
	early_tell(o, false);
}

static void
out_seek(fz_context *ctx, void *state, int64_t off, int whence)
{
	struct pdf_out	*o = state;

	if (whence == SEEK_CUR)
		off += o->pos;
	else if (whence == SEEK_END)
		off += file_size(ctx, o->fd);
	if (off < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "%s: cannot seek to %lld",
		    o->path, (long long)off);
	/* Back into what is written: the document is whole and its
	   signature's ByteRange and Contents are being filled in. */
	if (off < o->pos)
		early_tell(o, true);
	o->pos = off;
}

static int64_t
out_tell(fz_context *ctx, void *state)
{
	(void)ctx;
	return ((struct pdf_out *)state)->pos;
}

static void
out_truncate(fz_context *ctx, void *state)
{
	struct pdf_out	*o = state;

	if (ftruncate(o->fd, (off_t)o->pos) != 0)
		out_fail(ctx, o, errno);
}

/* What was written, read back (the writer flushed its buffer first). */
static fz_stream *
out_as_stream(fz_context *ctx, void *state)
{
	return in_new(ctx, ((struct pdf_out *)state)->fd, 0);
}

static void
out_close(fz_context *ctx, void *state)
{
	struct pdf_out	*o = state;
	int		 error = early_join(o);

	if (error != 0)
		out_fail(ctx, o, error);
	if (fsync(o->fd) != 0)
		out_fail(ctx, o, errno);
}

static void
out_drop(fz_context *ctx, void *state)
{
	struct pdf_out	*o = state;

	early_join(o);
	close(o->fd);
	fz_free(ctx, o->path);
	fz_free(ctx, o);
}

fz_output *
vt_pdf_output_open(fz_context *ctx, const char *path)
{
	struct pdf_out	*volatile o = NULL;
	fz_output	*out;
	int		 fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fz_throw(ctx, FZ_ERROR_GENERIC, "cannot open %s: %s", path,
		    strerror(errno));
	fz_try(ctx) {
		o = fz_malloc_struct(ctx, struct pdf_out);
		o->path = fz_strdup(ctx, path);
	}
	fz_catch(ctx) {
		fz_free(ctx, o);
		close(fd);
		fz_rethrow(ctx);
	}
	o->fd = fd;
	/* fz_new_output drops o (out_drop) if it throws. */
	out = fz_new_output(ctx, VT_PDF_IO_BLOCK, o, out_write, out_close,
	    out_drop);
	out->seek = out_seek;
	out->tell = out_tell;
	out->truncate = out_truncate;
	out->as_stream = out_as_stream;
	return out;
}

int
vt_pdf_output_errno(fz_output *out)
{
	/* Only outputs of vt_pdf_output_open have this write function. */
	if (out == NULL || out->write != out_write)
		return 0;
	return ((struct pdf_out *)out->state)->io_errno;
}
