/*
 * card.h: a student card's sections written into a memory stream, in
 * text or Markdown, for the tests of the kinds that add a section.
 */
#ifndef TEST_CARD_H
#define TEST_CARD_H

#include "internal.h"

struct test_card {
	struct rel_card c;
	struct rel_doc *d;
	FILE *fp;
	char *buf;
	size_t len;
};

/* Begin, with md 1 for Markdown; t->c is the card to write to. */
static inline void
test_card_begin(struct test_card *t, int md)
{
	struct rel_err e;

	t->buf = NULL;
	t->fp = open_memstream(&t->buf, &t->len);
	assert_non_null(t->fp);
	assert_int_equal(rel_doc_open(&t->d, t->fp, md ? REL_FMT_MD :
	    REL_FMT_TABLE, NULL, NULL, &e), 0);
	assert_int_equal(rel_card_open(&t->c, t->d, NULL, "S1", &e), 0);
}

/* Go on in the other format, on the same stream. */
static inline void
test_card_switch(struct test_card *t, int md)
{
	struct rel_err e;

	rel_card_close(&t->c);
	assert_int_equal(rel_doc_close(t->d, &e), 0);
	assert_int_equal(rel_doc_open(&t->d, t->fp, md ? REL_FMT_MD :
	    REL_FMT_TABLE, NULL, NULL, &e), 0);
	assert_int_equal(rel_card_open(&t->c, t->d, NULL, "S1", &e), 0);
}

/* End; returns what was written (the caller frees it). */
static inline char *
test_card_end(struct test_card *t)
{
	struct rel_err e;

	rel_card_close(&t->c);
	assert_int_equal(rel_doc_close(t->d, &e), 0);
	fclose(t->fp);
	return t->buf;
}

#endif
