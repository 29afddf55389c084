/*
 * profile.h: a profile of each student as a person: strengths, interests,
 * motivations, identity and culture, languages, how they learn best, what
 * worries them, and which supports help. Each item is kept with its date
 * and source; an item that is no longer true is retired, never deleted.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   profile_item: student_id* kind* value* source at adult_id visibility
 *                 retired_at
 * kind: strength, interest, motivation, identity, language, learns_best,
 * worry, support. source: student, family, adult (the default) or
 * assessment. at defaults to now; adult_id to the acting adult;
 * visibility to team. A current item with the same student, kind and
 * value is unchanged (REL_UNCHANGED) when written again, or updated
 * (REL_UPDATED) when its source or visibility differ. A row with
 * retired_at is kept as a retired item.
 */
#ifndef REL_PROFILE_H
#define REL_PROFILE_H

#include <stdio.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

REL_API const struct rel_import_kind *rel_profile_kind(void);
REL_API const char *const *rel_profile_cols(size_t *n);
/* The kinds in card order (strength, interest first), NULL-terminated. */
REL_API const char *const *rel_profile_kinds(void);

/* Items matching f (student, adult, kind, source, since, until, set;
 * history: retired items too), by student_id, card order of kind, at.
 * An unknown --kind or --source is 64; an unknown --student or --adult
 * is 65. */
REL_API int rel_profile_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e);

/* Retire the current item (student, kind, value) at a date-time, date or
 * span (NULL: now), by the acting adult. No such current item is 65. */
REL_API int rel_profile_retire(struct rel_db *db, const char *student,
    const char *kind, const char *value, const char *at, struct rel_err *e);

/* The one-page profile card of a student, for a person to read, on fp:
 * name, grade, pronouns and home language; strengths and interests first;
 * then motivations, identity, languages, how they learn best, worries and
 * supports, each item with its source and date; then the adults connected
 * to the student (strength, primary) and their last `checkins` check-ins.
 * With history, retired items are shown, marked, with their dates.
 * markdown: Markdown instead of plain text. An unknown student is 65. */
REL_API int rel_profile_show(struct rel_db *db, const char *student,
    int history, int checkins, int markdown, FILE *fp, struct rel_err *e);

#endif
