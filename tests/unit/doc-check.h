/*
 * Helpers shared by the unit tests of the inbox cache and its compact
 * model (test-perf-cache.c, test-inbox-model.c): comparing two
 * documents field by field, a temporary directory, and an inbox in
 * cache format 1.  Include after
 * <cmocka.h> and vanthu/model.h.
 */
#ifndef VANTHU_TEST_DOC_CHECK_H
#define VANTHU_TEST_DOC_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/xmalloc.h"

/* Whether the optional strings A and B are equal (both NULL too). */
static inline int
doc_opt_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Every field of A equals B's; the search key too when WITH_KEY. */
static inline void
assert_same_doc(const struct vt_doc *a, const struct vt_doc *b, bool with_key)
{
	assert_string_equal(a->id, b->id);
	assert_true(doc_opt_eq(a->code_number, b->code_number));
	assert_true(doc_opt_eq(a->code_notation, b->code_notation));
	assert_string_equal(a->number_notation, b->number_notation);
	assert_true(doc_opt_eq(a->type_code, b->type_code));
	assert_string_equal(a->type_name, b->type_name);
	assert_true(doc_opt_eq(a->issued_date, b->issued_date));
	assert_true(doc_opt_eq(a->promulgation_place, b->promulgation_place));
	assert_true(doc_opt_eq(a->organ.organ_id, b->organ.organ_id));
	assert_string_equal(a->organ.organ_name, b->organ.organ_name);
	assert_string_equal(a->subject, b->subject);
	assert_true(doc_opt_eq(a->signer.competence, b->signer.competence));
	assert_true(doc_opt_eq(a->signer.position, b->signer.position));
	assert_true(doc_opt_eq(a->signer.full_name, b->signer.full_name));
	assert_int_equal(a->urgency, b->urgency);
	assert_true(doc_opt_eq(a->due_date, b->due_date));
	assert_int_equal(a->arrival_number, b->arrival_number);
	assert_true(doc_opt_eq(a->arrival_date, b->arrival_date));
	assert_int_equal(a->page_amount, b->page_amount);
	assert_string_equal(a->status, b->status);
	assert_int_equal(a->read, b->read);
	assert_int_equal(a->mine, b->mine);
	assert_int_equal(a->attachment_count, b->attachment_count);
	assert_true(doc_opt_eq(a->updated_at, b->updated_at));
	if (with_key)
		assert_true(doc_opt_eq(a->search_key, b->search_key));
}

/* A new directory /tmp/vanthu-test-NAME.XXXXXX (caller frees). */
static inline char *
test_tmpdir(const char *name)
{
	char	*tmpl = xasprintf("/tmp/vanthu-test-%s.XXXXXX", name);

	assert_non_null(mkdtemp(tmpl));
	return tmpl;
}

/* Remove DIR and everything in it. */
static inline void
test_rmtree(const char *dir)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Write the inbox of L into DIR/inbox in cache format 1 (as vanthu wrote
   it before the prefolded search keys), with the sync TOKEN. */
static inline void
write_inbox_v1(const char *dir, const struct vt_doc_list *l, const char *token)
{
	char	*path = xasprintf("%s/inbox", dir);
	FILE	*f = fopen(path, "w");
	size_t	 i;

#define S(x)	((x) != NULL ? (x) : "\x7f")
	assert_non_null(f);
	fprintf(f, "vanthu-inbox 1\t%s\n", token);
	for (i = 0; i < l->n; i++) {
		const struct vt_doc *d = &l->items[i];

		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t"
		    "%s\t%s\t%d\t%s\t%ld\t%s\t%d\t%s\t%d\t%d\t%d\t%s\n",
		    d->id, S(d->code_number), S(d->code_notation),
		    d->number_notation, S(d->type_code), d->type_name,
		    S(d->issued_date), S(d->promulgation_place),
		    S(d->organ.organ_id), d->organ.organ_name, d->subject,
		    S(d->signer.competence), S(d->signer.position),
		    S(d->signer.full_name), d->urgency, S(d->due_date),
		    d->arrival_number, S(d->arrival_date), d->page_amount,
		    d->status, d->read, d->mine, d->attachment_count,
		    S(d->updated_at));
	}
#undef S
	assert_int_equal(fclose(f), 0);
	free(path);
}

#endif
