/*
 * checkin.h: brief, frequent check-ins: a check-in (mood, understanding,
 * workload), an exit ticket, a greeting at the door, a short conference.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   checkin: student_id* at* adult_id kind mood understanding workload
 *            note visibility
 * kind is checkin (the default), exit_ticket, greeting or conference;
 * mood, understanding and workload are 1-5 and optional; visibility
 * defaults to team. at is kept to the minute: the same student, adult,
 * kind and minute is the same check-in, and writing it again is a
 * duplicate (REL_DUPLICATE), not an error. An empty adult_id means the
 * acting adult, if there is one (a student's own form may have none).
 */
#ifndef REL_CHECKIN_H
#define REL_CHECKIN_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

REL_API const struct rel_import_kind *rel_checkin_kind(void);
/* Column names of rel_checkin_list: the same as the import columns. */
REL_API const char *const *rel_checkin_cols(size_t *n);
/* A kind name into its code (0 checkin, 1 exit_ticket, 2 greeting,
 * 3 conference); -1 if not one. */
REL_API int rel_checkin_kind_code(const char *s, size_t len);
REL_API const char *rel_checkin_kind_name(int code);
/* Check the values of a record in rel_checkin_kind's columns (kind, mood,
 * understanding, workload, note, visibility) as its write would: 0, or
 * 65 with e naming the column. Ids and the time are not checked. */
REL_API int rel_checkin_check(const struct rel_rec *r, struct rel_err *e);

/* Check-ins matching f (student, adult, kind, since, until, last, set),
 * ordered by student_id, then at. An unknown --kind is 64; an unknown
 * --student or --adult is 65. */
REL_API int rel_checkin_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e);

/* The active students (in the set, if f->set) with no check-in at or
 * after f->since (counting only f->kind and f->adult when given):
 * student_id given_name family_name grade last_checkin days_since, where
 * last_checkin is the date of the latest check-in (empty if none ever)
 * and days_since the whole days from it to today (empty if none). Ordered
 * by days_since, never first, then student_id. */
REL_API const char *const *rel_missing_cols(size_t *n);
REL_API int rel_checkin_missing(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e);

#endif
