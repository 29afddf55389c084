/*
 * connection.h: the relationship map: which adults know each student, how
 * well, and who is each student's primary adult.
 *
 * Strength: 1 knows name and face; 2 knows something personal (a family
 * story, an interest); 3 trusted adult (the student would go to them with
 * a problem). Marking records a strength or raises it, never lowers it;
 * every mark is kept with its date, so coverage can be computed as of any
 * day (rel_conn_history). A student has at most one current primary
 * adult; assigning another ends the old one with a date and keeps it.
 *
 * Columns (rel-records(5)):
 *   connection: student_id* adult_id* strength* primary at note
 */
#ifndef REL_CONNECTION_H
#define REL_CONNECTION_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"

/* The connection record as an importable kind: a mapping session. A row
 * with primary 1 also makes the adult the student's primary adult. */
REL_API const struct rel_import_kind *rel_conn_kind(void);
/* Column names of rel_conn_list, which rel_conn_kind reads back. */
REL_API const char *const *rel_conn_cols(size_t *n);

/* What rel_conn_apply does to each student. */
enum rel_conn_verb {
	REL_CONN_MARK,		/* record or raise adult's strength */
	REL_CONN_ASSIGN,	/* make adult the primary adult */
	REL_CONN_UNASSIGN	/* end the current primary adult */
};

struct rel_conn_opts {
	const char *adult;	/* adult_id (mark, assign) */
	const char *strength;	/* "1", "2" or "3" (mark); checked here */
	const char *at;		/* date, date-time or span; NULL: now */
	const char *note;	/* optional (mark) */
	/* Called for each bad student (all are reported). */
	void (*report)(void *ctx, const struct rel_err *e);
	void *ctx;
};

/* Apply verb to the students named in ids, or with n == 0 to those in
 * temp.rel_set, in one transaction: any bad student (unknown, inactive)
 * means nothing is kept (65). counts gets the outcomes (REL_ADDED,
 * REL_UPDATED = raised or replaced, REL_UNCHANGED). */
REL_API int rel_conn_apply(struct rel_db *db, enum rel_conn_verb verb,
    const struct rel_conn_opts *o, char *const *ids, size_t n,
    struct rel_import_count *counts, struct rel_err *e);

/* A strength option ("1", "2" or "3"); 64 with the message if not. */
REL_API int rel_conn_strength(const char *opt, const char *s, int *out,
    struct rel_err *e);
/* Parse --at: a date-time, a date (midnight) or a span (14d: midnight
 * that many days ago) into YYYY-MM-DDTHH:MM:SS. 64 if none of these. */
REL_API int rel_conn_when(const char *opt, const char *s, char *buf,
    struct rel_err *e);

/* The students in a gap: fewer than min_adults adults at min_strength or
 * more (test A), or no primary adult (test B). */
enum rel_gap_test { REL_GAP_EITHER, REL_GAP_CONNECTIONS, REL_GAP_PRIMARY };
struct rel_gap_opts {
	int min_strength;	/* default 2 */
	int min_adults;		/* default 1 */
	enum rel_gap_test test;
	int set;		/* narrow to temp.rel_set */
};
/* Columns: student_id given_name family_name grade connections
 * best_strength primary_adult_id reason. */
REL_API const char *const *rel_gap_cols(size_t *n);
REL_API int rel_conn_gaps(struct rel_db *db, const struct rel_gap_opts *g,
    struct rel_out *o, struct rel_err *e);

/* One row per active adult: adult_id given_name family_name role primary
 * strength_1 strength_2 strength_3 not_seen (students in temp.rel_set
 * only, if set), where not_seen counts the adult's primary students with
 * no check-in by any adult at or after since (seconds). */
REL_API const char *const *rel_caseload_cols(size_t *n);
REL_API int rel_conn_caseload(struct rel_db *db, int set, int64_t since,
    struct rel_out *o, struct rel_err *e);

/* Connections, filtered (NULL / 0: no filter): student_id adult_id
 * strength primary at note. */
struct rel_conn_filter {
	const char *adult;
	const char *student;
	int strength;		/* exactly this strength */
	int min_strength;	/* at least this strength */
	int set;		/* students in temp.rel_set */
};
REL_API int rel_conn_list(struct rel_db *db, const struct rel_conn_filter *f,
    struct rel_out *o, struct rel_err *e);

/* Up to top adults for each student in a gap (g) or, with g->set, for
 * each student of the set: ranked by an existing connection, then shared
 * groups, then the lightest primary caseload, with the reason. Columns:
 * student_id given_name family_name rank adult_id adult_given_name
 * adult_family_name strength shared_groups caseload reason. */
REL_API const char *const *rel_suggest_cols(size_t *n);
REL_API int rel_conn_suggest(struct rel_db *db, const struct rel_gap_opts *g,
    int top, struct rel_out *o, struct rel_err *e);

/* Coverage as of the end of each date (YYYY-MM-DD): date students
 * connected connected_pct primary primary_pct, where connected means at
 * least one adult at min_strength or more. */
REL_API const char *const *rel_history_cols(size_t *n);
REL_API int rel_conn_history(struct rel_db *db, char *const *dates,
    size_t ndates, int min_strength, int set, struct rel_out *o,
    struct rel_err *e);

#endif
