/*
 * card.c: how the one-page student card is written, for every section:
 * each line as plain text, then given to the document, which escapes it
 * for its format, and to the data table a script reads.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
rel_card_open(struct rel_card *c, struct rel_doc *d, struct rel_out *data,
    const char *student, struct rel_err *e)
{
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->data = data;
	c->student = student;
	c->section = "";
	if ((c->fp = open_memstream(&c->line, &c->len)) == NULL)
		return rel_err_set(e, REL_ESOFTWARE, "out of memory");
	return 0;
}

void
rel_card_close(struct rel_card *c)
{
	if (c->fp != NULL)
		fclose(c->fp);
	free(c->line);
	c->fp = NULL;
	c->line = NULL;
}

/* Text from the database on one line: a note may hold line breaks. */
void
rel_card_put(struct rel_card *c, const unsigned char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7F) {
			/* A line break and the indent after it: one space. */
			while ((s[1] > 0 && s[1] < 0x20) || s[1] == 0x7F ||
			    s[1] == ' ')
				s++;
			putc(' ', c->fp);
		} else
			putc(*s, c->fp);
	}
}

/* What was written since the last flush, to the document. */
static void
flush(struct rel_card *c)
{
	fflush(c->fp);
	if (c->len > c->sent)
		rel_doc_text(c->d, c->line + c->sent, c->len - c->sent);
	c->sent = c->len;
}

void
rel_card_heading(struct rel_card *c, const char *title)
{
	c->section = title;
	rel_doc_heading(c->d, title);
}

void
rel_card_none(struct rel_card *c)
{
	rel_doc_none(c->d);
}

void
rel_card_start(struct rel_card *c)
{
	fflush(c->fp);
	rewind(c->fp);
	fflush(c->fp);
	c->sent = 0;
}

void
rel_card_bullet(struct rel_card *c)
{
	rel_card_start(c);
	rel_doc_item(c->d);
}

void
rel_card_strong(struct rel_card *c, const char *s)
{
	flush(c);
	rel_doc_strong(c->d, s);
	fputs(s, c->fp);
	fflush(c->fp);
	c->sent = c->len;
}

void
rel_card_end(struct rel_card *c)
{
	flush(c);
	rel_doc_end_item(c->d);
	if (c->data != NULL) {
		rel_out_cell(c->data, c->student, strlen(c->student));
		rel_out_cell(c->data, c->section, strlen(c->section));
		rel_out_cell(c->data, c->line, c->len);
		rel_out_endrow(c->data);
	}
}

void
rel_card_spark(struct rel_card *c, const char *title, const double *v,
    size_t n, double lo, double hi)
{
	char *buf = rel_xmalloc(3 * n + 1);

	flush(c);
	rel_doc_spark(c->d, title, v, n, lo, hi);
	fputs(rel_spark(buf, v, n, lo, hi), c->fp);
	fflush(c->fp);
	c->sent = c->len;
	free(buf);
}
