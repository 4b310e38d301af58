/*
 * vanthu: display width in terminal columns.  Grapheme clusters follow
 * UAX #29 (extended grapheme clusters, as utf8proc implements them);
 * character widths follow utf8proc_charwidth (UAX #11 East Asian Width,
 * emoji wide, combining marks and controls zero).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"
#include "text-impl.h"

size_t
vt_text_next_cluster(const char *s, size_t len, size_t off, int *width)
{
	const unsigned char	*p = (const unsigned char *)s;
	int32_t			 cp, next;
	utf8proc_int32_t	 state = 0;
	size_t			 n;
	int			 w, cw;

	if (width != NULL)
		*width = 0;
	if (off >= len)
		return off;
	n = vt_utf8_decode(p + off, len - off, &cp);
	off += n;
	if (cp == VT_CP_INVALID) {
		if (width != NULL)
			*width = 1;
		return off;
	}
	w = utf8proc_charwidth(cp);
	while (off < len) {
		n = vt_utf8_decode(p + off, len - off, &next);
		if (next == VT_CP_INVALID ||
		    utf8proc_grapheme_break_stateful(cp, next, &state))
			break;
		if (w == 0 && (cw = utf8proc_charwidth(next)) > 0)
			w = cw;
		cp = next;
		off += n;
	}
	if (width != NULL)
		*width = w;
	return off;
}

size_t
vt_text_prev_cluster(const char *s, size_t len, size_t off)
{
	size_t	 pos, next;

	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	/*
	 * Cluster boundaries depend on what comes before, so walk from a
	 * safe start: the start of the line that holds byte OFF - 1.
	 */
	pos = off - 1;
	while (pos > 0 && s[pos - 1] != '\n')
		pos--;
	for (;;) {
		next = vt_text_next_cluster(s, len, pos, NULL);
		if (next >= off)
			return pos;
		pos = next;
	}
}

int
vt_text_width_n(const char *s, size_t len)
{
	size_t	 off = 0;
	int	 w, total = 0;

	while (off < len) {
		off = vt_text_next_cluster(s, len, off, &w);
		total += w;
	}
	return total;
}

int
vt_text_width(const char *s)
{
	return vt_text_width_n(s, strlen(s));
}

char *
vt_text_fit(const char *s, int cols, int flags)
{
	struct vt_buf	 b;
	size_t		 len = strlen(s), off = 0, next, cut = 0;
	int		 w, used = 0, cutcols = 0, room;

	if (cols <= 0)
		return xstrdup("");
	vt_buf_init(&b);
	if (vt_text_width_n(s, len) <= cols) {
		vt_buf_add(&b, s, len);
		used = vt_text_width_n(s, len);
	} else {
		room = (flags & VT_FIT_NOELLIPSIS) ? cols : cols - 1;
		while (off < len) {
			next = vt_text_next_cluster(s, len, off, &w);
			if (cutcols + w > room)
				break;
			cutcols += w;
			off = next;
			cut = off;
		}
		vt_buf_add(&b, s, cut);
		used = cutcols;
		if (!(flags & VT_FIT_NOELLIPSIS)) {
			vt_buf_puts(&b, "\xe2\x80\xa6");
			used++;
		}
	}
	if (!(flags & VT_FIT_NOPAD)) {
		while (used < cols) {
			vt_buf_putc(&b, ' ');
			used++;
		}
	}
	return vt_buf_steal(&b);
}
