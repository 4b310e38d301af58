/*
 * vanthu: the Vietnamese text core.  Normalisation (NFC), terminal-safe
 * output, search folding, display width by terminal columns, legacy
 * Vietnamese 8-bit encodings (TCVN3, VNI) and Vietnamese collation.
 *
 * Unicode data comes from utf8proc.  Nothing here uses curses.  Every
 * function accepts any bytes: invalid UTF-8 (overlong forms, UTF-16
 * surrogates, code points above U+10FFFF, truncated sequences, stray
 * continuation bytes) is decoded as U+FFFD, one U+FFFD per maximal
 * ill-formed subpart (Unicode 15, section 3.9, "U+FFFD Substitution of
 * Maximal Subparts").  Strings returned to the caller are always valid,
 * NUL-terminated UTF-8, allocated with xmalloc (never NULL): the caller
 * frees them with free().
 */
#ifndef VANTHU_TEXT_H
#define VANTHU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/error.h"

/* ---- Validity and normalisation (UAX #15) ---------------------------- */

/*
 * vt_text_valid_utf8: whether the LEN bytes at S are well-formed UTF-8
 * (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above
 * U+10FFFF).  A NUL byte counts as valid.
 */
bool	 vt_text_valid_utf8(const char *s, size_t len);

/*
 * vt_text_nfc: S (LEN bytes) in Unicode Normalization Form C (UAX #15),
 * as text should be stored once it enters vanthu (server strings, PDF
 * text, user input, configuration).  Invalid UTF-8 and NUL bytes become
 * U+FFFD.  Nothing else changes: controls are kept (see vt_text_safe for
 * display).  Returns a new string the caller frees; never NULL.
 */
char	*vt_text_nfc(const char *s, size_t len);

/* ---- Terminal-safe text (ECMA-48) ------------------------------------ */

/*
 * Flags for vt_text_safe.
 * VT_TEXT_MULTILINE: keep line breaks as '\n' (for comments, bodies and
 *   PDF text) and expand tabs to spaces up to the next multiple of 8
 *   columns.  Without it (single-line fields such as a subject or an
 *   organ name) every line break and tab becomes one space.
 */
#define VT_TEXT_MULTILINE	0x1

/*
 * vt_text_safe: S (LEN bytes) made safe to print to a terminal, in NFC.
 * Nothing in the result can move the cursor, clear the screen, change
 * colours, set the window title, or reorder text on screen:
 *
 * - Control sequences (ECMA-48 section 5): CSI (ESC [ or C1 0x9B)
 *   through its final byte; OSC, DCS, SOS, PM and APC control strings
 *   (ESC ] P X ^ _ or their C1 forms) through ST (ESC \ or 0x9C), BEL,
 *   CAN, SUB, a line break or the end of the text; other escape
 *   sequences (ESC, intermediates 0x20-0x2F, final 0x30-0x7E): each
 *   whole sequence is replaced by ONE U+FFFD.  A C1 control written
 *   as a raw byte (invalid UTF-8) is treated as that C1 control.
 * - Other C0 controls, DEL and C1 controls: U+FFFD each.
 * - Line breaks: CR LF, CR, LF, NEL (U+0085), LINE SEPARATOR (U+2028)
 *   and PARAGRAPH SEPARATOR (U+2029) are one line break: '\n' with
 *   VT_TEXT_MULTILINE, otherwise one space.  Tabs: see the flag.
 * - Bidirectional controls (UAX #9): embeddings and overrides U+202A to
 *   U+202E, isolates U+2066 to U+2069, LRM, RLM and ALM: U+FFFD each.
 * - Other invisible format characters (general category Cf, such as
 *   U+200B or U+2060) and noncharacters: U+FFFD, except ZWJ and ZWNJ
 *   (needed inside emoji and scripts), which are kept, and SOFT HYPHEN
 *   and a BOM at the start of the text, which are removed.
 * - A combining mark with no base character before it (at the start of
 *   the text or of a line) gets U+25CC DOTTED CIRCLE as its base, so it
 *   cannot combine with whatever the terminal shows before it.
 * - Invalid UTF-8 and NUL: U+FFFD.
 *
 * Returns a new string the caller frees; never NULL.
 */
char	*vt_text_safe(const char *s, size_t len, int flags);

/* ---- Search folding --------------------------------------------------- */

/*
 * vt_text_fold: the search key of S (LEN bytes).  Folding lower-cases
 * (Unicode simple case folding), removes every combining mark after
 * canonical decomposition (UAX #15 NFD), maps đ/Đ (and the look-alike
 * ð/Ð of legacy conversions) to "d", and turns every run of white space
 * (including NBSP and line breaks) into one ' '.  So "Hoằng Hóa",
 * "HOẰNG HOÁ" and "hoang hoa" fold equal, text in NFD folds as text in
 * NFC, and old and new tone placement (hóa/hoá, thủy/thuỷ, khỏe/khoẻ,
 * ủy/uỷ) fold equal because the tone marks are gone.  Invalid UTF-8
 * folds as U+FFFD.  Vietnamese text folds to ASCII.
 *
 * When MAP_OUT is not NULL, *MAP_OUT receives a new array (caller
 * frees) of strlen(result) + 1 entries: entry i is the byte offset in S
 * of the character that produced folded byte i, and the last entry is
 * LEN.  Returns a new string the caller frees; never NULL.
 */
char	*vt_text_fold(const char *s, size_t len, size_t **map_out);

/*
 * vt_text_find: find NEEDLE in HAYSTACK (both NUL-terminated) ignoring
 * case, diacritics and tone placement, as vt_text_fold defines.  On a
 * match returns true and, when START and END are not NULL, the byte
 * range [*START, *END) of the match in the ORIGINAL haystack, covering
 * whole characters and the combining marks that follow the last one (so
 * the UI can highlight it).  The first (leftmost) match is returned.  An
 * empty needle (after folding) matches at 0 with an empty range.
 */
bool	 vt_text_find(const char *haystack, const char *needle,
	     size_t *start, size_t *end);

/*
 * A search query folded once, to match against many subjects quickly:
 * vt_text_query_match folds into a small internal buffer without
 * allocating for subjects up to 4 KB.  A query is read-only after
 * creation and may be shared between threads.
 */
struct vt_text_query;

/*
 * Flags for vt_text_query_new_flags.
 * VT_QUERY_WORDS: every word of the query must occur in the subject, in
 *   any order (so "hoa hoang" matches "Hoằng Hóa"); the reported range
 *   is that of the leftmost matched word.  Without it the query is one
 *   phrase: its words in order, separated by white space.
 * VT_QUERY_WORD_START: each word (or the phrase) must start at the
 *   beginning of a word of the subject ("hoa" finds "Hóa" but not
 *   "Khoa"); a letter or digit after punctuation starts a word ("ubnd"
 *   finds "QĐ-UBND").  With VT_QUERY_WORDS, a word loses the
 *   punctuation around it ("phòng," finds "phòng chống", "/BCH" finds
 *   "15/BCH"); a word of punctuation alone is found anywhere.
 */
#define VT_QUERY_WORDS		0x1
#define VT_QUERY_WORD_START	0x2

/*
 * vt_text_query_new: fold Q (NUL-terminated) into a phrase query
 * (flags 0).  vt_text_query_new_flags: the same with VT_QUERY_* FLAGS.
 * Leading and trailing white space is ignored.  Returns a new query the
 * caller frees with vt_text_query_free; never NULL.
 */
struct vt_text_query	*vt_text_query_new(const char *q);
struct vt_text_query	*vt_text_query_new_flags(const char *q, int flags);

/* vt_text_query_empty: whether the query has nothing to match (it then
 * matches everything). */
bool	 vt_text_query_empty(const struct vt_text_query *query);
/*
 * vt_text_query_count: how many words QUERY matches (1 for a phrase, 0
 * when empty); vt_text_query_word: word I (< count), folded, as it is
 * searched (for a search, without the punctuation around it), its
 * length in bytes in *LEN; owned by QUERY.
 */
size_t	 vt_text_query_count(const struct vt_text_query *query);
const char *vt_text_query_word(const struct vt_text_query *query, size_t i,
	     size_t *len);

/*
 * vt_text_query_match: whether TEXT (LEN bytes) matches QUERY.  On a
 * match, when START and END are not NULL, stores the byte range of the
 * match in TEXT as vt_text_find does.  Allocates nothing unless TEXT is
 * longer than 4 KB.
 */
bool	 vt_text_query_match(const struct vt_text_query *query,
	     const char *text, size_t len, size_t *start, size_t *end);

/*
 * vt_text_query_match_key: whether KEY (KEYLEN bytes), a subject folded
 * beforehand with vt_text_fold, matches QUERY.  For lists searched at
 * every key press: fold each subject once, then matching is a plain
 * byte search (no folding, no allocation).  No range is given: use
 * vt_text_query_match on the original text to highlight a match.
 */
bool	 vt_text_query_match_key(const struct vt_text_query *query,
	     const char *key, size_t keylen);

/*
 * vt_text_query_narrows: whether every text NEW matches is also matched
 * by OLD (both with the same flags), so an incremental search can look
 * again only at what OLD matched: each of OLD's words is the start of
 * one of NEW's (typing more letters or adding a word narrows; deleting
 * does not).  False when not sure.
 */
bool	 vt_text_query_narrows(const struct vt_text_query *old,
	     const struct vt_text_query *new);

/*
 * vt_text_search_new: THE query every search of vanthu uses (the
 * interface's '/' and `vanthu inbox --search`): every word of Q must
 * start a word of the subject, in any order, ignoring case, diacritics
 * and tone placement ("uy ban" and "uỷ ban" find "Ủy ban", "hoa" finds
 * "Hóa" but not "Khoa", "uy" does not find "huyện").  That is
 * vt_text_query_new_flags(Q, VT_QUERY_WORDS | VT_QUERY_WORD_START).
 * Returns a new query the caller frees; never NULL.
 */
struct vt_text_query	*vt_text_search_new(const char *q);

/* vt_text_search_match: whether TEXT (NUL-terminated; NULL never
 * matches) matches QUERY. */
bool	 vt_text_search_match(const struct vt_text_query *query,
	     const char *text);

/* A byte range [start, end) of a string. */
struct vt_text_range {
	size_t	start, end;
};

/*
 * vt_text_query_ranges: every place in TEXT (LEN bytes) where a word of
 * QUERY matches (as vt_text_query_match decides, flags included), as
 * byte ranges of TEXT covering whole characters, sorted by start,
 * overlapping ones merged, at most MAX of them into OUT (matches past
 * MAX are not looked for).  For highlighting matches.  Returns how
 * many were stored (0 for an empty query).
 */
size_t	 vt_text_query_ranges(const struct vt_text_query *query,
	     const char *text, size_t len, struct vt_text_range *out,
	     size_t max);

/* vt_text_query_free: free QUERY (NULL is allowed). */
void	 vt_text_query_free(struct vt_text_query *query);

/* ---- Words (for comparing texts) --------------------------------------- */

/* A word of a text: the byte range [start, end). */
struct vt_text_word {
	size_t	start, end;
};

/*
 * vt_text_words: split S (LEN bytes, best in NFC) into words: a word is
 * a run of letters, combining marks and digits (so a Vietnamese
 * syllable with its marks, in NFC or NFD, is one word), or one
 * punctuation or symbol character with its marks ("Điều 1." is
 * "Điều", "1", ".").  White space, line breaks and controls separate
 * words and are not words.  Returns the number of words and stores a
 * new array of their ranges in *OUT (caller frees; NULL for none).
 */
size_t	 vt_text_words(const char *s, size_t len, struct vt_text_word **out);

/*
 * vt_text_word_key: the key under which two spellings of a word are
 * the same word: NFC, and the tone mark of the syllable taken out of
 * its place, so that old and new tone placement ("hóa"/"hoá",
 * "thủy"/"thuỷ") and composed or decomposed input give equal keys,
 * while a different letter, tone or case stays different.  Returns a
 * new string the caller frees; never NULL.
 */
char	*vt_text_word_key(const char *s, size_t len);

/* ---- Display width (UAX #29, UAX #11) --------------------------------- */

/*
 * vt_text_next_cluster: the extended grapheme cluster (UAX #29) of S
 * (LEN bytes) that starts at byte OFF: returns the byte offset just
 * after it (LEN at the end; OFF itself only when OFF >= LEN), and when
 * WIDTH is not NULL stores its width in terminal columns: the width of
 * its first character with a width as utf8proc_charwidth gives it (wide
 * East Asian characters and emoji 2, combining marks 0, controls 0).
 * An invalid byte is a cluster of its own, width 1 (it is shown as
 * U+FFFD).  The TUI editor steps through text with it.
 */
size_t	 vt_text_next_cluster(const char *s, size_t len, size_t off,
	     int *width);

/*
 * vt_text_prev_cluster: the byte offset of the start of the cluster
 * that ends at OFF in S (LEN bytes); 0 at the start.
 */
size_t	 vt_text_prev_cluster(const char *s, size_t len, size_t off);

/*
 * vt_text_width: the number of terminal columns S (NUL-terminated)
 * takes: the sum of its grapheme clusters' widths.  S should be
 * terminal-safe (vt_text_safe): controls count 0.
 */
int	 vt_text_width(const char *s);

/*
 * vt_text_width_n: as vt_text_width for the LEN bytes at S.
 */
int	 vt_text_width_n(const char *s, size_t len);

/*
 * Flags for vt_text_fit.
 * VT_FIT_ELLIPSIS (the default, value 0): a string that is too long is
 *   cut and ends with "…" (U+2026, one column).
 * VT_FIT_NOELLIPSIS: cut without an ellipsis.
 * VT_FIT_NOPAD: do not pad a short string with spaces.
 */
#define VT_FIT_ELLIPSIS		0x0
#define VT_FIT_NOPAD		0x1
#define VT_FIT_NOELLIPSIS	0x2

/*
 * vt_text_fit: S (NUL-terminated) fitted to COLS terminal columns.  A
 * string that is too wide is cut between grapheme clusters (never
 * inside one) and ends with "…"; a string that is narrower is padded
 * with spaces, so the result is exactly COLS columns wide (with
 * VT_FIT_NOPAD: at most COLS).  When a wide character does not fit
 * before the ellipsis, a space takes its place.  COLS <= 0 gives "".
 * Returns a new string the caller frees; never NULL.
 */
char	*vt_text_fit(const char *s, int cols, int flags);

/* ---- Legacy Vietnamese encodings --------------------------------------- */

/*
 * The 8-bit encodings of Vietnamese text made before Unicode:
 * VT_LEGACY_TCVN3: TCVN 5712:1993 "VN3", the "ABC" encoding of the
 *   .VnTime/.VnArial fonts: one byte per letter, lower-case letters with
 *   tones at 0xA1-0xFF.  Bytes 0x00-0x7F are ASCII (controls stay
 *   controls, unlike glibc's TCVN5712-1, which puts capitals on them),
 *   0x80-0x9F are Windows-1252 punctuation, as the fonts have them, and
 *   0xA0-0xFF are as in TCVN 5712:1993 (and glibc): including the
 *   capitals of VN2 in the gaps between the lower-case letters.  Upper
 *   case text written with the ".VnTimeH" style fonts uses the
 *   lower-case codes; see VT_LEGACY_UPPER.
 * VT_LEGACY_VNI: VNI-Windows (VNI-Times fonts): an ASCII base letter
 *   followed by one mark byte (0xE0-0xFC lower case, 0xC0-0xDC upper
 *   case) for the vowel mark and/or the tone; ơ ư đ and some letters
 *   with i and y are single bytes.
 */
enum vt_legacy {
	VT_LEGACY_NONE = 0,	/* Unicode (or plain ASCII): nothing to do */
	VT_LEGACY_TCVN3,
	VT_LEGACY_VNI
};

/* Flag for the conversions: convert letters to upper case (text set in
 * an upper-case TCVN3 font such as .VnTimeH or .VnArialH). */
#define VT_LEGACY_UPPER		0x1

/*
 * vt_legacy_name: "tcvn3", "vni" or "none".  vt_legacy_from_name: the
 * encoding for such a name (case-insensitive; "abc" and "tcvn" mean
 * TCVN3, "vni-windows" VNI); returns false for an unknown name.
 */
const char	*vt_legacy_name(enum vt_legacy enc);
bool		 vt_legacy_from_name(const char *name, enum vt_legacy *enc);

/*
 * vt_legacy_to_utf8: convert LEN bytes of text in ENC into NFC UTF-8 in
 * *OUT (caller frees).  ENC VT_LEGACY_NONE copies valid UTF-8 (invalid
 * sequences become U+FFFD).  Every byte maps to something, so the
 * conversion itself cannot fail; returns VT_ERR_INVALID for an unknown
 * ENC (then *OUT is NULL), VT_OK otherwise.  NUL bytes become U+FFFD.
 */
vt_code	 vt_legacy_to_utf8(enum vt_legacy enc, const char *in, size_t len,
	     char **out);

/* vt_legacy_to_utf8_flags: as vt_legacy_to_utf8 with VT_LEGACY_* FLAGS. */
vt_code	 vt_legacy_to_utf8_flags(enum vt_legacy enc, const char *in,
	     size_t len, int flags, char **out);

/*
 * vt_legacy_detect: guess the encoding of LEN bytes of text.  Valid
 * UTF-8 with non-ASCII characters, and plain ASCII, are
 * VT_LEGACY_NONE.  Otherwise the text is decoded as TCVN3 and as VNI,
 * and each word with non-ASCII bytes is scored on whether it is a
 * well-formed Vietnamese syllable (initial consonant, vowel nucleus,
 * final consonant, at most one tone); the encoding with clearly more
 * well-formed words wins.  Returns VT_LEGACY_NONE when neither does
 * (not Vietnamese, or too little text to tell).
 */
enum vt_legacy	 vt_legacy_detect(const char *in, size_t len);

/*
 * Text extracted from a PDF whose font uses a legacy encoding arrives as
 * UTF-8 holding the Windows-1252 (or Latin-1) characters of the legacy
 * bytes ("Hµ Néi" for "Hà Nội").  vt_legacy_utf8_to_bytes maps such
 * text back to the bytes: U+0000-U+00FF and the Windows-1252 characters
 * of 0x80-0x9F become one byte each; other characters cannot be legacy
 * bytes and are copied as their UTF-8 bytes.  *OUT (caller frees) gets
 * *OUTLEN bytes plus a NUL.  Returns the number of characters that
 * could not be mapped back.
 */
size_t	 vt_legacy_utf8_to_bytes(const char *in, size_t len, char **out,
	     size_t *outlen);

/*
 * vt_legacy_detect_utf8: vt_legacy_detect for such text (mapped back
 * with vt_legacy_utf8_to_bytes first).  Text that already holds
 * Vietnamese letters outside Latin-1 is VT_LEGACY_NONE.
 */
enum vt_legacy	 vt_legacy_detect_utf8(const char *in, size_t len);

/*
 * vt_legacy_utf8_to_utf8: convert such text (UTF-8 of the legacy bytes,
 * see above) in ENC to real Unicode: characters that map back to bytes
 * are converted, others are kept.  For TCVN3, a '-' inside or at the end
 * of a word becomes ư when that makes the word a Vietnamese syllable:
 * PDF's WinAnsiEncoding names the TCVN3 code of ư (0xAD) "hyphen", so
 * "Th-êng" arrives for "Thường".  *OUT is NFC (caller frees).  Errors
 * as vt_legacy_to_utf8.
 */
vt_code	 vt_legacy_utf8_to_utf8(enum vt_legacy enc, const char *in,
	     size_t len, int flags, char **out);

/* ---- Collation --------------------------------------------------------- */

/*
 * vt_text_collate: compare two NUL-terminated strings in Vietnamese
 * dictionary order, for qsort of organ and person names.  Returns <0,
 * 0 or >0 as strcmp.
 *
 * Primary level: letters in the Vietnamese alphabet order
 *   a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
 *   (f j w z, which Vietnamese does not use, sort after e, i, v and y),
 *   ignoring case and tone marks.  White space sorts before
 *   punctuation, punctuation before digits, digits before letters, and
 *   letters before other scripts.  So "Lê" < "Lê Anh" < "Lêa".
 * Secondary level: the tone of each syllable, in the order of the
 *   Vietnamese dictionaries (Từ điển tiếng Việt, Viện Ngôn ngữ học):
 *   no tone (ngang), huyền, hỏi, ngã, sắc, nặng.  The tone belongs to
 *   the syllable, so "Hóa" and "Hoá" are equal at this level.
 * Tertiary level: lower case before upper case.
 * Last, the NFC bytes, so that only equal strings compare equal.
 * Inputs need not be NFC; invalid UTF-8 sorts as U+FFFD.
 */
int	 vt_text_collate(const char *a, const char *b);

/*
 * vt_text_collate_person: compare two person names as Vietnamese lists
 * of people are sorted: by the given name (tên, the last word) first,
 * then by the whole name from the family name (họ) on, each with
 * vt_text_collate.  So "Trần Văn An" < "Lê Thị Bình" < "Nguyễn Văn
 * Bình".  Returns <0, 0 or >0 as strcmp.
 */
int	 vt_text_collate_person(const char *a, const char *b);

/*
 * vt_text_collate_key: a byte string whose strcmp order is the
 * vt_text_collate order (primary, secondary, tertiary levels and the
 * NFC text), to sort many names with precomputed keys.  Caller frees;
 * never NULL.  The key has no NUL bytes inside.
 */
char	*vt_text_collate_key(const char *s);

#endif
