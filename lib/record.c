/*
 * record.c: the filter that the list verbs of every record kind share.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

void
rel_filter_init(struct rel_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->since = INT64_MIN;
	f->until = INT64_MAX;
}

int
rel_filter_times(struct rel_filter *f, const char *since, const char *until,
    struct rel_err *e)
{
	int rc;

	if (since != NULL &&
	    (rc = rel_time_opt("--since", since, 0, &f->since, e)) != 0)
		return rc;
	if (until != NULL &&
	    (rc = rel_time_opt("--until", until, 1, &f->until, e)) != 0)
		return rc;
	if (since != NULL && until != NULL && f->until <= f->since)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--until", until,
		    strlen(until), "is not after --since %s", since);
	return 0;
}

const char *
rel_word(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp(s, list[i]) == 0)
			return list[i];
	return NULL;
}

int
rel_word_opt(const char *opt, const char *s, const char *const *list,
    const char *expected, const char **v, struct rel_err *e)
{
	*v = NULL;
	if (s == NULL || (*v = rel_word(list, s)) != NULL)
		return 0;
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
	    "is not %s", expected);
}
