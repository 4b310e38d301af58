/*
 * vanthu: the kinds of administrative documents of Decree 30/2020/ND-CP
 * Appendix III (type_code and type_name), the signer's competence
 * (TM., KT., Q., TL., TUQ.: Appendix I, section II.8) and the urgency
 * levels, written once for the command line, the interface and the
 * draft checks.  Names are Vietnamese as the Decree writes them
 * (document text, not interface language).  No allocation, no I/O.
 */
#ifndef VANTHU_DOCTYPE_H
#define VANTHU_DOCTYPE_H

#include <stdbool.h>
#include <stddef.h>

/* One document type: the abbreviation (case-sensitive: QyĐ, CTr, TTr)
   and the name.  Công văn has the empty abbreviation. */
struct vt_doctype {
	const char	*code;		/* "QĐ", "" for công văn */
	const char	*name;		/* "Quyết định" */
};

/*
 * vt_doctypes: the table of Appendix III (27 kinds and công văn), in
 * the Decree's order, ending with a {NULL, NULL} entry.  *N (may be
 * NULL) gets the number of real entries.
 */
const struct vt_doctype	*vt_doctypes(size_t *n);

/*
 * vt_doctype_find: the type whose code is CODE exactly (NFC, case
 * matters), or NULL.  "" finds công văn; "CV" is accepted as công văn
 * too (the server's filter spelling).
 */
const struct vt_doctype	*vt_doctype_find(const char *code);

/*
 * vt_competences: the signer's competence prefixes, ending with NULL:
 * "" (the head signs in their own name), "TM.", "KT.", "Q.", "TL.",
 * "TUQ.".  vt_competence_valid: whether S is one of them.
 */
const char *const	*vt_competences(void);
bool			 vt_competence_valid(const char *s);

#endif
