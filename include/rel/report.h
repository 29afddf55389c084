/*
 * report.h: the reports people read: coverage, caseloads, the one-page
 * student card, trends and the weekly digest. Each writes one document
 * (render.h) in any format; in CSV, TSV and JSON only its data table.
 *
 * Every report reads through the visibility rules, like a list: a count
 * or a row built from check-ins, notes, family contacts, goals or cases
 * counts only the records the acting adult may see (REL_SEES), and rows
 * that came from private records are audited (rel_access_out and
 * rel_access_touch; the caller flushes the audit row before the document
 * is shown). A student set (r->set) narrows every report.
 *
 * The caller opens the document with no title (rel_doc_open with title
 * NULL); each report starts by giving its own with rel_doc_title.
 */
#ifndef REL_REPORT_H
#define REL_REPORT_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/render.h"

struct rel_report {
	int set;		/* narrow to temp.rel_set */
	int32_t as_of;		/* the day the report is of (days since
				   1970); windows end on it */
	int32_t since;		/* trend: the first day (0: 12 weeks
				   before as_of) */
	const char *by;		/* coverage: grade, home_language,
				   pronouns, group, or a group kind
				   (advisory, class, team, club); NULL:
				   school-wide only */
	int equity;		/* coverage: the equity view: each group's
				   gap to the school in points, the groups
				   reached least first */
	int min_strength;	/* coverage: connected means an adult at
				   this strength or more (2) */
	int seen_days;		/* coverage and caseload: seen means a
				   check-in in this many days (14) */
	int all;		/* weekly: the whole school, not the acting
				   adult's team */
	const char *student;	/* student, trend: one student */
	const char *group;	/* trend: one group's students */
	const char *measures;	/* trend: mood, understanding, workload
				   and indicator names, comma-separated
				   (NULL: the three check-in scales) */
	int checkins;		/* student: recent check-ins and notes
				   shown (10) */
};

/* Defaults: as_of today, min_strength 2, seen_days 14, checkins 10. */
REL_API void rel_report_init(struct rel_report *r);

/* Coverage: the share of active students with an adult at min_strength
 * or more, with a primary adult, and seen in seen_days, school-wide and
 * (with by) for each value of by. Data: by group students connected
 * connected_pct primary primary_pct seen seen_pct; the school-wide row
 * first, with by "all" and group empty. An unknown by is 64. */
REL_API int rel_report_coverage(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e);
REL_API const char *const *rel_report_coverage_cols(size_t *n);

/* Caseload: for each active adult, primary students, connections at each
 * strength, primary students not seen in seen_days, follow-ups due, and
 * whether the primary caseload is an outlier (over 1.5 times the median
 * of the adults who have one). Data: adult_id given_name family_name
 * role primary strength_1 strength_2 strength_3 not_seen follow_ups_due
 * outlier. */
REL_API int rel_report_caseload(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e);
REL_API const char *const *rel_report_caseload_cols(size_t *n);

/* The one-page card of r->student: strengths and interests first, the
 * adults who know them, mood and understanding over the last 12 weeks,
 * recent check-ins and notes, family contacts, goals and supports with
 * progress, open restorative cases, current flags with reasons. Each
 * section reads through the visibility rules, and the card is audited
 * (before the caller shows it). Data: student_id section text, one row
 * per line of the card. An unknown student is 65. */
REL_API int rel_report_student(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e);
REL_API const char *const *rel_report_student_cols(size_t *n);

/* Weekly means of each measure (mood, understanding, workload from
 * check-ins; any indicator by name) from since to as_of, for r->student,
 * r->group's active students, the set, or the whole school. Weeks start
 * on Monday. Data: week measure n mean. */
REL_API int rel_report_trend(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e);
REL_API const char *const *rel_report_trend_cols(size_t *n);

/* The weekly digest as of r->as_of, for the acting adult's team or (all)
 * the whole school: flags new this week and cleared since last week,
 * students with no adult, overdue follow-ups, affirmations and positive
 * family contacts this week and last, coverage against last week. Data:
 * section student_id given_name family_name grade detail, the students
 * who need someone this week. */
REL_API int rel_report_weekly(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e);
REL_API const char *const *rel_report_weekly_cols(size_t *n);

#endif
