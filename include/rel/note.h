/*
 * note.h: affirmations and constructive feedback that convey high
 * expectations, observations, concerns, and an adult's own gratitude
 * entries.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   note: student_id at* adult_id kind* text* visibility
 * kind: affirmation, feedback, observation, concern, gratitude. Only a
 * gratitude entry may have no student (the adult's own reflection), and
 * then it must have an adult. A concern is private by default; the others
 * are team. adult_id defaults to the acting adult. The same student, at,
 * adult, kind and text is a duplicate (REL_DUPLICATE).
 */
#ifndef REL_NOTE_H
#define REL_NOTE_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

REL_API const struct rel_import_kind *rel_note_kind(void);
REL_API const char *const *rel_note_cols(size_t *n);

/* Notes matching f (student, adult, kind, since, until, last, set), by
 * student_id (gratitude without a student last), then at. An unknown
 * --kind is 64; an unknown --student or --adult is 65. */
REL_API int rel_note_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e);

/* The balance of positive notes (affirmation, feedback) to concerns over
 * f's window, per student or per adult, for notes matching f (adult,
 * student, set). Columns, by student: student_id given_name family_name
 * positive concerns other ratio lean; by adult: adult_id given_name
 * family_name positive concerns other ratio lean. ratio is positive /
 * concerns to one decimal (empty when there are no concerns); lean is
 * "positive" (at least 3 positive notes per concern, and some positive),
 * "concerns" (more concerns than positive notes) or "mixed". Only rows
 * with at least one note. */
enum rel_balance_by { REL_BALANCE_STUDENT, REL_BALANCE_ADULT };
REL_API const char *const *rel_balance_cols(enum rel_balance_by by,
    size_t *n);
REL_API int rel_note_balance(struct rel_db *db, enum rel_balance_by by,
    const struct rel_filter *f, struct rel_out *o, struct rel_err *e);

#endif
