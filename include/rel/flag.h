/*
 * flag.h: the early-warning rules. Each rule reads the records of every
 * active student (or of a student set) as of a day, and fires for a
 * student when what it measures crosses its threshold. A flag says what
 * happened ("no check-in, note or family contact by any adult for 23
 * days"), never who a student is.
 *
 * The rules, each with thresholds a school may change (stored in the
 * settings table as flag.RULE.NAME; rel_flag_rules lists them):
 *   no_adult            no connection of strength >= strength as of the
 *                       day, and no primary adult
 *   not_seen            no check-in, note or family contact by any adult
 *                       for days days or more
 *   mood_drop           the mean mood of the last count check-ins is at
 *                       most low, or at least drop below the mean of the
 *                       days days before them
 *   attendance          the attendance rate over the last days days is
 *                       below rate percent
 *   attendance_slide    that rate fell by points or more against the days
 *                       days before
 *   concerns            count or more concern notes in days days
 *   follow_up_overdue   family follow-ups, goal checks and restorative
 *                       follow-ups more than days days past due
 *   belonging_low       the latest belonging survey value is at most max
 *
 * A rule reads only what the acting adult may see (REL_SEES), and flags
 * only the students of their team (counselors and admins: all). Windows
 * end on the day: "the last 30 days" are the day and the 29 before it.
 * Every rule reads one student's window through an index: at district
 * scale a run costs a few seeks per student, not a scan of the records.
 */
#ifndef REL_FLAG_H
#define REL_FLAG_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"

enum rel_flag_rule {
	REL_FLAG_NO_ADULT,
	REL_FLAG_NOT_SEEN,
	REL_FLAG_MOOD_DROP,
	REL_FLAG_ATTENDANCE,
	REL_FLAG_ATTENDANCE_SLIDE,
	REL_FLAG_CONCERNS,
	REL_FLAG_FOLLOW_UP_OVERDUE,
	REL_FLAG_BELONGING_LOW,
	REL_FLAG_NRULES
};

/* The rule's name, as in the rule column. */
REL_API const char *rel_flag_name(enum rel_flag_rule r);

/* A comma-separated list of rule names into a mask of (1 << rule); 64
 * naming the first unknown one (opt is the option, for the message). */
REL_API int rel_flag_parse(const char *opt, const char *list,
    unsigned *mask, struct rel_err *e);

/* A run. */
struct rel_flag_run {
	unsigned rules;		/* mask; 0: every rule */
	int32_t as_of;		/* the day (days since 1970) */
	int set;		/* narrow to temp.rel_set */
	int summary;		/* one row per student */
	long flagged;		/* out: rows written (flags or students) */
};

/* The columns of a run: student_id rule value threshold since detail;
 * of a summary: student_id given_name family_name grade flags rules
 * reasons strength (the student's most recent current strength from
 * their profile, to start from what is going well). */
REL_API const char *const *rel_flag_cols(int summary, size_t *n);

/* Run the rules of r into o, sorted by student_id, then rule. With o
 * NULL nothing is written or audited: the flags are left in
 * temp.rel_flag (sid, rule, value, threshold, since, detail, vis: the
 * visibility of the most private record behind the flag) until the next
 * run, for the caller to read and audit. */
REL_API int rel_flag_run(struct rel_db *db, struct rel_flag_run *r,
    struct rel_out *o, struct rel_err *e);

/* The thresholds: rule setting value default description, one row per
 * setting, in rule order. */
REL_API const char *const *rel_flag_rules_cols(size_t *n);
REL_API int rel_flag_rules(struct rel_db *db, struct rel_out *o,
    struct rel_err *e);

/* Store a school's thresholds (keys are RULE.NAME, as listed) at value,
 * or with value NULL put them back to their defaults, in one
 * transaction: all or none. 64 for an unknown key or a value out of its
 * range (checked for every key before anything is written), or with no
 * acting adult; 77 unless the acting adult is a counselor or an admin. */
REL_API int rel_flag_set(struct rel_db *db, const char *const *keys,
    size_t nkeys, const char *value, struct rel_err *e);
/* Every threshold's key, in rule order. */
REL_API const char *const *rel_flag_keys(size_t *n);

#endif
