/*
 * vanthu: what changed in the text between two versions of a draft,
 * word by word (a longest-common-subsequence diff over the words of
 * vt_text_words, compared by vt_text_word_key: NFC, tone placement
 * ignored, so "hóa" and "hoá" are the same word).  The command line
 * ("vanthu draft diff") and the interface print the same chunks.
 */
#ifndef VANTHU_DIFF_H
#define VANTHU_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/error.h"
#include "vanthu/model.h"

struct vt_client;
struct vt_cache;

enum vt_diff_op {
	VT_DIFF_SAME,		/* in both texts */
	VT_DIFF_DEL,		/* only in the old text */
	VT_DIFF_ADD		/* only in the new text */
};

/* A run of words with the same fate, joined by single spaces. */
struct vt_diff_chunk {
	enum vt_diff_op	 op;
	char		*text;		/* NFC, terminal-safe, single-line */
	size_t		 nwords;
};

struct vt_diff {
	struct vt_diff_chunk	*chunks;
	size_t			 n;
	size_t			 added, deleted;	/* words */
};

/* Comparisons beyond this many word pairs (after the common start and
   end are set aside) show the middle as deleted then added. */
#define VT_DIFF_CELLS_MAX	(8u << 20)

/*
 * vt_diff_words: the word diff from OLD to NEW (NUL-terminated UTF-8,
 * any normalisation) into *OUT (zeroed first; free with vt_diff_clear).
 * Memory is bounded by VT_DIFF_CELLS_MAX two-byte cells.  Cannot fail.
 */
void	vt_diff_words(const char *old, const char *new_, struct vt_diff *out);
void	vt_diff_clear(struct vt_diff *d);

/*
 * vt_diff_format: D as people read a word diff (git's plain word diff):
 * "[-deleted-]" and "{+added+}" between the unchanged words, an
 * unchanged run longer than CONTEXT words on a side shortened to the
 * CONTEXT words next to the changes with "…" (a long middle run breaks
 * the text into two lines there).  A new string the caller frees;
 * "" when D has no chunks.
 */
char	*vt_diff_format(const struct vt_diff *d, size_t context);

/*
 * vt_draft_version_find: the version of D named ARG, its number ("2")
 * or its id ("v5"); NULL when D has none such.  Points into D.
 */
const struct vt_version *vt_draft_version_find(const struct vt_draft *d,
	    const char *arg);

/*
 * vt_draft_version_text: the text of version V of a draft (all pages,
 * converted from a legacy Vietnamese font encoding when needed), its
 * PDF downloaded into CACHE when not there yet (checked against its
 * SHA-256).  C may be NULL (offline): a version not in the cache is
 * then VT_ERR_OFFLINE.  *TEXT is a new string (caller frees).  Errors
 * of vt_api_download, VT_ERR_PDF when the file cannot be read.
 */
vt_code	vt_draft_version_text(struct vt_client *c, struct vt_cache *cache,
	    const struct vt_version *v, char **text, struct vt_errbuf *eb);

#endif
