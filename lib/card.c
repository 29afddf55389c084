/*
 * card.c: how the one-page student card is written, for every section.
 */
#include <string.h>

#include "internal.h"

/* Text from the database on one line: a note may hold line breaks. In
 * Markdown, the characters that would change its meaning are escaped. */
void
rel_card_put(const struct rel_card *c, const unsigned char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7F) {
			/* A line break and the indent after it: one space. */
			while ((s[1] > 0 && s[1] < 0x20) || s[1] == 0x7F ||
			    s[1] == ' ')
				s++;
			putc(' ', c->fp);
		} else {
			if (c->md && strchr("\\`*_[]<>", *s) != NULL)
				putc('\\', c->fp);
			putc(*s, c->fp);
		}
	}
}

void
rel_card_heading(const struct rel_card *c, const char *title)
{
	fprintf(c->fp, c->md ? "\n## %s\n\n" : "\n%s\n", title);
}

void
rel_card_none(const struct rel_card *c)
{
	fputs(c->md ? "(none recorded yet)\n" : "  (none recorded yet)\n",
	    c->fp);
}

void
rel_card_bullet(const struct rel_card *c)
{
	fputs(c->md ? "- " : "  - ", c->fp);
}
