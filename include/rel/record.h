/*
 * record.h: what the list verbs of every record kind share: one filter.
 */
#ifndef REL_RECORD_H
#define REL_RECORD_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"

struct rel_filter {
	const char *student;	/* one student_id, or NULL */
	const char *adult;	/* the author's adult_id, or NULL */
	const char *kind;	/* a kind name, or NULL; 64 if the kind
				   does not know it */
	const char *source;	/* a source (profile items), or NULL */
	int64_t since;		/* at >= since, seconds; INT64_MIN: none */
	int64_t until;		/* at < until; INT64_MAX: none */
	long last;		/* the newest N per student; 0: all */
	int history;		/* retired items too (profile items) */
	int set;		/* only students in temp.rel_set */
	int inactive;		/* deactivated students too (an export) */
};

/* No filter at all. */
REL_API void rel_filter_init(struct rel_filter *f);
/* --since and --until (either may be NULL) into f; 64 naming the option
 * when one is not a time, or when until is not after since. */
REL_API int rel_filter_times(struct rel_filter *f, const char *since,
    const char *until, struct rel_err *e);

#endif
