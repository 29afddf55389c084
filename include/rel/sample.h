/*
 * sample.h: a reproducible fictional school, so that every command has
 * something real to show. The same (students, seed) always gives the same
 * records. No real person's data is involved: names are drawn at random
 * from lists of common given and family names across many cultures.
 */
#ifndef REL_SAMPLE_H
#define REL_SAMPLE_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"

/* Fill an empty database with a school of n students (1..1000000). */
REL_API int rel_sample_fill(struct rel_db *db, long n, unsigned long seed,
    struct rel_err *e);

#endif
