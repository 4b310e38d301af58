/* Unit tests for lib/text-safe.c: terminal-safe text (ECMA-48 controls,
 * UAX #9 bidi controls, invalid UTF-8). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/text.h"

#define FFFD "\xef\xbf\xbd"
#define ML VT_TEXT_MULTILINE

struct safe_case {
	const char	*name;
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	int		 flags;
	const char	*want;
};

static const struct safe_case safe_cases[] = {
	{ "plain Vietnamese", "Trích yếu: V/v thu hồi", 0, 0,
	    "Trích yếu: V/v thu hồi" },
	{ "NFD becomes NFC", "Hoa\xcc\x86\xcc\x80ng Ho\xcc\x81" "a", 0, 0,
	    "Hoằng Hóa" },
	{ "clear screen ESC[2J", "abc\x1b[2Jdef", 0, 0, "abc" FFFD "def" },
	{ "SGR colour", "\x1b[1;31mĐỎ\x1b[0m", 0, 0, FFFD "ĐỎ" FFFD },
	{ "cursor move with private marker", "x\x1b[?25l\x1b[10;20Hy", 0, 0,
	    "x" FFFD FFFD "y" },
	{ "OSC 0 title set, BEL", "\x1b]0;Bị chiếm\x07Tên", 0, 0,
	    FFFD "Tên" },
	{ "OSC 2 title set, ST", "\x1b]2;evil\x1b\\ok", 0, 0, FFFD "ok" },
	{ "OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07!", 0, 0,
	    FFFD "!" },
	{ "OSC 8 hyperlink", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", 0, 0,
	    FFFD "link" FFFD },
	{ "unterminated OSC ends at the line", "\x1b]0;title\nnext", 0, ML,
	    FFFD "\nnext" },
	{ "DCS string", "\x1bPq#0;2;0;0;0\x1b\\after", 0, 0, FFFD "after" },
	{ "APC string", "\x1b_Gf=100\x1b\\z", 0, 0, FFFD "z" },
	{ "C1 CSI U+009B", "a\xc2\x9b" "2Jb", 0, 0, "a" FFFD "b" },
	{ "C1 CSI raw byte 0x9B", "a\x9b" "31mb", 0, 0, "a" FFFD "b" },
	{ "C1 OSC U+009D with ST U+009C", "\xc2\x9d" "0;t\xc2\x9c" "x", 0, 0,
	    FFFD "x" },
	{ "other C1 U+0084", "a\xc2\x84" "b", 0, 0, "a" FFFD "b" },
	{ "charset designation ESC ( 0", "\x1b(0lqk", 0, 0, FFFD "lqk" },
	{ "ESC 7 save cursor", "\x1b" "7x", 0, 0, FFFD "x" },
	{ "ESC c reset", "\x1b" "cx", 0, 0, FFFD "x" },
	{ "lone ESC at the end", "abc\x1b", 0, 0, "abc" FFFD },
	{ "CSI cut by a line break", "\x1b[1;3\nxy", 0, ML, FFFD "\nxy" },
	{ "BEL", "a\x07" "b", 0, 0, "a" FFFD "b" },
	{ "backspace", "abc\b\b\bxyz", 0, 0, "abc" FFFD FFFD FFFD "xyz" },
	{ "DEL", "a\x7f" "b", 0, 0, "a" FFFD "b" },
	{ "NUL", "a\0b", 3, 0, "a" FFFD "b" },
	{ "RLO override U+202E", "abc\xe2\x80\xae" "fdp.exe", 0, 0,
	    "abc" FFFD "fdp.exe" },
	{ "LRE U+202A and PDF U+202C", "\xe2\x80\xaa" "x\xe2\x80\xac", 0, 0,
	    FFFD "x" FFFD },
	{ "isolates U+2066-2069", "\xe2\x81\xa6" "a\xe2\x81\xa9", 0, 0,
	    FFFD "a" FFFD },
	{ "RLM U+200F", "a\xe2\x80\x8f" "b", 0, 0, "a" FFFD "b" },
	{ "zero width space U+200B", "Sở\xe2\x80\x8bY tế", 0, 0,
	    "Sở" FFFD "Y tế" },
	/* Joiners: terminals and ncurses disagree on what they join. */
	{ "ZWJ removed (emoji sequence)",
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 0, 0,
	    "\xf0\x9f\x91\xa9\xf0\x9f\x92\xbb" },
	{ "ZWJ removed between Vietnamese letters", "Ho\xe2\x80\x8d\xc3\xa0ng",
	    0, 0, "Hoàng" },
	{ "ZWNJ removed", "a\xe2\x80\x8c" "b", 0, 0, "ab" },
	{ "variation selector U+FE0F removed", "x\xef\xb8\x8f" "y", 0, 0,
	    "xy" },
	{ "combining grapheme joiner U+034F removed", "a\xcd\x8f" "b", 0, 0,
	    "ab" },
	{ "soft hyphen removed", "văn\xc2\xad" "bản", 0, 0, "vănbản" },
	{ "BOM at the start removed", "\xef\xbb\xbfSố", 0, 0, "Số" },
	{ "noncharacter U+FFFE", "a\xef\xbf\xbe", 0, 0, "a" FFFD },
	{ "overlong UTF-8", "\xc0\xaf\xe0\x80\xaf", 0, 0,
	    FFFD FFFD FFFD FFFD FFFD },
	{ "surrogate", "\xed\xa0\x80", 0, 0, FFFD FFFD FFFD },
	{ "mark without base", "\xcc\x81" "a", 0, 0,
	    "\xe2\x97\x8c\xcc\x81" "a" },
	{ "mark without base after a line break", "x\n\xcc\x80", 0, ML,
	    "x\n\xe2\x97\x8c\xcc\x80" },
	{ "line break in a single-line field", "V/v triển khai\nkế hoạch",
	    0, 0, "V/v triển khai kế hoạch" },
	{ "CR LF in a single-line field", "a\r\nb", 0, 0, "a b" },
	{ "line break kept in multi-line text", "Kính gửi:\n- UBND xã", 0, ML,
	    "Kính gửi:\n- UBND xã" },
	{ "CR LF made LF", "dòng 1\r\ndòng 2\r\n", 0, ML,
	    "dòng 1\ndòng 2\n" },
	{ "lone CR made LF", "a\rb", 0, ML, "a\nb" },
	{ "NEL and U+2028", "a\xc2\x85" "b\xe2\x80\xa8" "c", 0, ML,
	    "a\nb\nc" },
	{ "tab in a single-line field", "a\tb", 0, 0, "a b" },
	{ "tab expanded to column 8", "a\tb", 0, ML, "a       b" },
	{ "tab after Vietnamese counts columns", "Việt\tx\n\ty", 0, ML,
	    "Việt    x\n        y" },
	{ "tab after wide characters", "中文\tx", 0, ML, "中文    x" },
};

static void
test_safe_table(void **state)
{
	size_t	 i, len;
	char	*r;

	(void)state;
	for (i = 0; i < sizeof safe_cases / sizeof safe_cases[0]; i++) {
		len = safe_cases[i].len ? safe_cases[i].len :
		    strlen(safe_cases[i].in);
		r = vt_text_safe(safe_cases[i].in, len, safe_cases[i].flags);
		if (strcmp(r, safe_cases[i].want) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"",
			    safe_cases[i].name, r, safe_cases[i].want);
		free(r);
	}
}

/* Nothing a terminal acts on is left, whatever the input. */
static void
assert_terminal_safe(const char *r, int flags)
{
	const unsigned char	*p = (const unsigned char *)r;
	size_t			 i;

	assert_true(vt_text_valid_utf8(r, strlen(r)));
	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] < 0x20 && !(p[i] == '\n' && (flags & ML)))
			fail_msg("control 0x%02x at %zu", p[i], i);
		assert_int_not_equal(p[i], 0x7f);
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			fail_msg("C1 control at %zu", i);
		if (p[i] == 0xe2 && p[i + 1] == 0x80 && p[i + 2] >= 0xaa &&
		    p[i + 2] <= 0xae)
			fail_msg("bidi embedding at %zu", i);
		if (p[i] == 0xe2 && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 &&
		    p[i + 2] <= 0xa9)
			fail_msg("bidi isolate at %zu", i);
	}
}

static void
test_every_byte_pair_is_safe(void **state)
{
	char	 in[8], *r;
	int	 a, b, f;

	(void)state;
	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			in[0] = 'x';
			in[1] = (char)a;
			in[2] = (char)b;
			in[3] = '[';
			in[4] = '2';
			in[5] = 'J';
			for (f = 0; f <= ML; f++) {
				r = vt_text_safe(in, 6, f);
				assert_terminal_safe(r, f);
				free(r);
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_table),
		cmocka_unit_test(test_every_byte_pair_is_safe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
