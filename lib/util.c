/*
 * util.c: allocation and string helpers used across librel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
oom(size_t n)
{
	fprintf(stderr, "%s: out of memory (%zu bytes)\n", rel_getprogname(), n);
	exit(REL_ESOFTWARE);
}

void *
rel_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
rel_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
rel_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
rel_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rel_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

void
rel_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n == 0)
		return;
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}
