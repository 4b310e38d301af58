/*
 * vanthu: making untrusted text safe to print to a terminal.  Control
 * functions follow ECMA-48 (5th edition, 1991), sections 5.3 to 5.6;
 * bidirectional controls UAX #9.  See vt_text_safe in vanthu/text.h for
 * the rules.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "vanthu/buf.h"
#include "vanthu/text.h"
#include "text-impl.h"

#define ESC	0x1B
#define BEL	0x07
#define CAN	0x18
#define SUB	0x1A
#define C1_NEL	0x85
#define C1_DCS	0x90
#define C1_SOS	0x98
#define C1_CSI	0x9B
#define C1_ST	0x9C
#define C1_OSC	0x9D
#define C1_PM	0x9E
#define C1_APC	0x9F

struct safe {
	const unsigned char	*s;
	size_t			 len;
	size_t			 i;	/* next byte to read */
	int			 flags;
	struct vt_buf		 out;
	int			 col;	/* column in the line, for tabs */
	int			 base;	/* a base character precedes */
};

/*
 * Read one character: a code point, or a C1 control given as a raw byte
 * (0x80-0x9F, which is invalid UTF-8 on its own), or VT_CP_INVALID.
 */
static int32_t
next_cp(struct safe *st, size_t *at)
{
	int32_t	 cp;
	size_t	 n;

	*at = st->i;
	n = vt_utf8_decode(st->s + st->i, st->len - st->i, &cp);
	if (cp == VT_CP_INVALID && n == 1 && st->s[st->i] >= 0x80 &&
	    st->s[st->i] <= 0x9F)
		cp = st->s[st->i];
	st->i += n;
	return cp;
}

static int32_t
peek_cp(struct safe *st)
{
	size_t	 save = st->i, at;
	int32_t	 cp;

	if (st->i >= st->len)
		return -2;
	cp = next_cp(st, &at);
	st->i = save;
	return cp;
}

static void
put_cp(struct safe *st, int32_t cp)
{
	int	w;

	vt_buf_add_cp(&st->out, cp);
	w = utf8proc_charwidth(cp);
	st->col += w;
	st->base = 1;
}

static void
put_replacement(struct safe *st)
{
	put_cp(st, VT_CP_REPLACEMENT);
}

static void
put_newline(struct safe *st)
{
	if (st->flags & VT_TEXT_MULTILINE) {
		vt_buf_putc(&st->out, '\n');
		st->col = 0;
		st->base = 0;
	} else
		put_cp(st, ' ');
}

static void
put_tab(struct safe *st)
{
	if (st->flags & VT_TEXT_MULTILINE) {
		do {
			vt_buf_putc(&st->out, ' ');
			st->col++;
		} while (st->col % 8 != 0);
		st->base = 1;
	} else
		put_cp(st, ' ');
}

/* Skip a control sequence's parameters, intermediates and final byte
 * (ECMA-48 5.4), after CSI. */
static void
skip_csi(struct safe *st)
{
	while (st->i < st->len) {
		unsigned char	c = st->s[st->i];

		if (c >= 0x20 && c <= 0x3F) {
			st->i++;
			continue;
		}
		if (c >= 0x40 && c <= 0x7E)
			st->i++;
		/* Anything else ends the sequence without being part of it. */
		return;
	}
}

/* Skip a control string (ECMA-48 5.6) through its terminator. */
static void
skip_string(struct safe *st)
{
	int32_t	 cp;
	size_t	 at;

	while (st->i < st->len) {
		cp = next_cp(st, &at);
		if (cp == BEL || cp == C1_ST || cp == CAN || cp == SUB)
			return;
		if (cp == ESC) {
			if (st->i < st->len && st->s[st->i] == '\\')
				st->i++;
			return;
		}
		if (cp == '\n' || cp == '\r' || cp == C1_NEL) {
			st->i = at;	/* keep the line break */
			return;
		}
	}
}

/* After ESC: skip the rest of the escape sequence. */
static void
skip_escape(struct safe *st)
{
	unsigned char	c;

	if (st->i >= st->len)
		return;
	c = st->s[st->i];
	switch (c) {
	case '[':
		st->i++;
		skip_csi(st);
		return;
	case ']': case 'P': case 'X': case '^': case '_':
		st->i++;
		skip_string(st);
		return;
	}
	while (st->i < st->len && st->s[st->i] >= 0x20 && st->s[st->i] <= 0x2F)
		st->i++;
	if (st->i < st->len && st->s[st->i] >= 0x30 && st->s[st->i] <= 0x7E)
		st->i++;
}

static bool
is_bidi_control(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 &&
	    cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static bool
is_noncharacter(int32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static void
safe_one(struct safe *st, int32_t cp, size_t at)
{
	if (cp == VT_CP_INVALID || cp == 0) {
		put_replacement(st);
		return;
	}
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
		switch (cp) {
		case '\n':
		case C1_NEL:
			put_newline(st);
			return;
		case '\r':
			if (peek_cp(st) == '\n')
				st->i++;
			put_newline(st);
			return;
		case '\t':
			put_tab(st);
			return;
		case ESC:
			skip_escape(st);
			break;
		case C1_CSI:
			skip_csi(st);
			break;
		case C1_OSC: case C1_DCS: case C1_SOS: case C1_PM: case C1_APC:
			skip_string(st);
			break;
		}
		put_replacement(st);
		return;
	}
	if (cp < 0x80) {
		vt_buf_putc(&st->out, (char)cp);
		st->col++;
		st->base = 1;
		return;
	}
	if (cp == 0x2028 || cp == 0x2029) {
		put_newline(st);
		return;
	}
	if (cp == 0x00AD || (cp == 0xFEFF && at == 0))
		return;
	/*
	 * Zero-width joiners (U+200C, U+200D) and the other invisible
	 * default-ignorable code points that are not format controls
	 * (variation selectors, the combining grapheme joiner, Hangul
	 * fillers): terminals and ncurses disagree on the width of the
	 * sequences they form, and characters are lost on screen.
	 * Vietnamese text never needs them: they are removed.  Other
	 * format controls are shown as U+FFFD below.
	 */
	if (cp == 0x200C || cp == 0x200D)
		return;
	if (is_bidi_control(cp) || is_noncharacter(cp) ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_CF) {
		put_replacement(st);
		return;
	}
	if (utf8proc_get_property(cp)->ignorable)
		return;
	if (!st->base && vt_is_mark(cp))
		put_cp(st, 0x25CC);
	put_cp(st, cp);
}

char *
vt_text_safe(const char *s, size_t len, int flags)
{
	struct safe	 st;
	int32_t		 cp;
	size_t		 at;
	char		*r;

	st.s = (const unsigned char *)s;
	st.len = len;
	st.i = 0;
	st.flags = flags;
	st.col = 0;
	st.base = 0;
	vt_buf_init(&st.out);
	while (st.i < st.len) {
		cp = next_cp(&st, &at);
		safe_one(&st, cp, at);
	}
	r = vt_text_nfc_valid(st.out.data != NULL ? st.out.data : "",
	    st.out.len);
	vt_buf_free(&st.out);
	return r;
}
