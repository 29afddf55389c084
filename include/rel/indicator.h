/*
 * indicator.h: dated numbers per student from other systems: attendance,
 * participation, course grades, survey scales.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   indicator: student_id* date* name* value* source
 * name is a lowercase word ([a-z][a-z0-9_]*, at most 64 bytes); the
 * well-known ones are attendance (1 present, 0 absent, or the fraction of
 * a partial day), participation, belonging, adult_to_talk_to and
 * grade_SUBJECT, but any word will do. date is a day, not after today.
 * value is a finite decimal number; attendance's is from 0 to 1. One
 * value per student, name and day: writing it again replaces it
 * (REL_UPDATED, or REL_UNCHANGED when value and source are the same).
 *
 * Indicators carry no author and no visibility: counselors and admins
 * read every student's, other adults their team's (REL_TEAM), and with no
 * acting adult no one's.
 */
#ifndef REL_INDICATOR_H
#define REL_INDICATOR_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"

/* The filters of a list or a summary. */
struct rel_indicator_filter {
	const char *student;	/* one student_id, or NULL */
	const char *names;	/* NAME[,NAME...], or NULL: any (64 if one
				   is not a name) */
	const char *source;	/* one source, or NULL */
	int32_t since;		/* day >= since (days); INT32_MIN: none */
	int32_t until;		/* day <= until; INT32_MAX: none */
	int set;		/* only students in temp.rel_set */
	int inactive;		/* deactivated students too (an export) */
};

/* No filter at all. */
REL_API void rel_indicator_filter_init(struct rel_indicator_filter *f);
/* --since and --until as days (dates, or spans back from today such as
 * 14d; either may be NULL): 64 naming the option when one is not a
 * date, or when until is before since. */
REL_API int rel_indicator_days(struct rel_indicator_filter *f,
    const char *since, const char *until, struct rel_err *e);

/* The import kind, and what makes its input wide (--wide: one column
 * per indicator, named by its header, beside student_id, date and
 * source; rel_import_opts.wide). */
REL_API const struct rel_import_kind *rel_indicator_kind(void);
REL_API const struct rel_import_wide *rel_indicator_wide(void);
/* Is s (len bytes) an indicator name? */
REL_API int rel_indicator_name_ok(const char *s, size_t len);
/* Column names of rel_indicator_list: the import columns. */
REL_API const char *const *rel_indicator_cols(size_t *n);

/* The indicators matching f, by student_id, name, then date. value is
 * the shortest text that reads back to the same number. Deactivated
 * students' only when f->inactive is set, the student is named, or a set
 * is in force. */
REL_API int rel_indicator_list(struct rel_db *db,
    const struct rel_indicator_filter *f, struct rel_out *o,
    struct rel_err *e);

/*
 * The summary window: the days from..to (inclusive), and before it the
 * previous window of as many days. By default the 30 days ending today;
 * until sets the last day; days the length (1-3660); since the first
 * day, instead of days. Each option may be NULL. 64 naming an option
 * that is wrong, or --since with --days.
 */
REL_API int rel_indicator_window(const char *since, const char *until,
    const char *days, int32_t *from, int32_t *to, struct rel_err *e);
/* Per student and name with a value in the window from..to: student_id
 * given_name family_name name from to values mean latest latest_on
 * previous_mean change rate. mean and previous_mean (over the previous
 * window) to two decimals; change is mean - previous_mean as shown
 * (empty when either is); rate only for attendance: mean * 100 to one
 * decimal, the percent of days present. f's since and until do not
 * apply (64). By student_id, then name. */
REL_API const char *const *rel_indicator_summary_cols(size_t *n);
REL_API int rel_indicator_summary(struct rel_db *db,
    const struct rel_indicator_filter *f, int32_t from, int32_t to,
    struct rel_out *o, struct rel_err *e);

#endif
