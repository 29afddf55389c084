/*
 * csvwrite.c: the RFC 4180 writer. Quotes a field only when it must, so
 * that what rel writes, rel_csv reads back byte for byte.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void
rel_csv_writer_init(struct rel_csv_writer *w, FILE *fp, unsigned flags)
{
	w->fp = fp;
	w->flags = flags;
	w->nf = 0;
	w->last_empty = 0;
}

static int
needs_quotes(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		switch (s[i]) {
		case ',': case '"': case '\n': case '\r':
			return 1;
		}
	return 0;
}

/* A cell a spreadsheet would evaluate as a formula. */
static int
risky(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return 1;
	}
	return 0;
}

void
rel_csv_put(struct rel_csv_writer *w, const char *s, size_t len)
{
	FILE *fp = w->fp;
	int quote;
	size_t i;

	if (s == NULL)
		len = 0;
	w->last_empty = len == 0;
	if (w->nf++ > 0)
		putc_unlocked(',', fp);
	if ((w->flags & REL_CSV_EXCEL_SAFE) && risky(s, len)) {
		/* The quote mark is text to a spreadsheet, and the whole
		 * cell is quoted so a TAB or CR survives. */
		putc_unlocked('"', fp);
		putc_unlocked('\'', fp);
		for (i = 0; i < len; i++) {
			if (s[i] == '"')
				putc_unlocked('"', fp);
			putc_unlocked(s[i], fp);
		}
		putc_unlocked('"', fp);
		return;
	}
	quote = needs_quotes(s, len);
	if (!quote) {
		if (len > 0)
			fwrite(s, 1, len, fp);
		return;
	}
	putc_unlocked('"', fp);
	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			putc_unlocked('"', fp);
		putc_unlocked(s[i], fp);
	}
	putc_unlocked('"', fp);
}

void
rel_csv_endrow(struct rel_csv_writer *w)
{
	/* A row of one empty field would read back as a blank line, which
	 * readers skip; "" keeps it a row. rel_csv_put wrote nothing. */
	if (w->nf == 1 && w->last_empty) {
		fputs("\"\"", w->fp);
	}
	putc_unlocked('\n', w->fp);
	w->nf = 0;
}

void
rel_csv_put_row(struct rel_csv_writer *w, const struct rel_csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		rel_csv_put(w, row->f[i], row->len[i]);
	rel_csv_endrow(w);
}
