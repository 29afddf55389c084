/*
 * goal.h: goals set with a student, their family or a team, and support
 * plans (the targeted support of MTSS/RTI: a tier, a champion adult,
 * strategies, a duration and a cadence of progress checks), with their
 * progress checks.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   goal:     goal_id student_id* kind area text* set_by
 *             champion_adult_id tier strategies start due check_every
 *             status outcome closed_at at adult_id visibility
 *   progress: goal_id* at* adult_id rating note
 * kind: goal (the default) or support. area: academic, attendance,
 * social, emotional, behaviour, family, other (the default). set_by:
 * student, family, adult (the default) or team. For a support, text is
 * the kind of support; tier is 1-3 (default 2) and only a support has
 * one; champion_adult_id defaults to the author. start and due are dates
 * (start defaults to today; due, if any, is on or after start).
 * check_every is a span of days (7d, 2w, or a bare number of days) and
 * is listed as Nd. status: open (the default), met, closed or dropped; a
 * goal that is not open has an outcome and a closed_at, an open one has
 * neither. goal_id is made as G<n> when empty: G and the next number not
 * taken. A row whose goal_id is already a goal is a duplicate when it
 * says the same as that goal, and bad (65) when it does not; a row
 * without goal_id whose student, kind, text and start match a goal is a
 * duplicate. adult_id defaults to the acting adult; visibility to team.
 *
 * A progress check has a rating (1-5), a note, or both. It is dated at
 * or after its goal's start, and not after its goal was closed. It takes
 * the visibility of its goal. The same goal, at, adult, rating and note
 * again is a duplicate.
 */
#ifndef REL_GOAL_H
#define REL_GOAL_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

/* A goal_id buffer, NUL included. */
#define REL_GOAL_ID_LEN 65

/* The filters of the lists: the shared ones (student; adult, the author;
 * since and until, on start; kind, goal or support; set; inactive), and
 * an area, a status and a champion (NULL: any). status "all" is any; an
 * unknown kind, area or status is 64, an unknown student, adult or
 * champion 65. */
struct rel_goal_filter {
	struct rel_filter f;
	const char *area;
	const char *status;
	const char *champion;
};

/* No filter at all: every goal, whatever its status. */
REL_API void rel_goal_filter_init(struct rel_goal_filter *gf);

/* The record kinds, as import reads them. */
REL_API const struct rel_import_kind *rel_goal_kind(void);
REL_API const struct rel_import_kind *rel_progress_kind(void);
/* Column names of the lists: the import columns. */
REL_API const char *const *rel_goal_cols(size_t *n);
REL_API const char *const *rel_progress_cols(size_t *n);

/* Add one goal from values in rel_goal_cols() order (NULL: not given),
 * checked and written exactly as an import of one row, in a transaction
 * of its own. id gets the goal's goal_id (made, given, or the one already
 * recorded when *out is REL_DUPLICATE); it holds REL_GOAL_ID_LEN bytes. */
REL_API int rel_goal_add(struct rel_db *db, const char *const *v, char *id,
    enum rel_outcome *out, struct rel_err *e);

/* Close an open goal, in a transaction of its own: status is met,
 * closed or dropped (NULL: closed), outcome says what came of it (both
 * checked as options: 64), at is when. An unknown goal, a goal already
 * closed, or an at before the goal's start or its last progress check is
 * 65. */
REL_API int rel_goal_close(struct rel_db *db, const char *goal_id,
    const char *status, const char *outcome, int64_t at, struct rel_err *e);

/* The goals matching gf, by student_id, then start, then the order they
 * were written. Deactivated students' goals only when gf->f.inactive is
 * set, the student is named, or a set is in force. */
REL_API int rel_goal_list(struct rel_db *db, const struct rel_goal_filter *gf,
    struct rel_out *o, struct rel_err *e);
/* The progress checks of the goals matching gf, in the goals' order,
 * then by at. */
REL_API int rel_progress_list(struct rel_db *db,
    const struct rel_goal_filter *gf, struct rel_out *o, struct rel_err *e);

/* What is due on day on (days since 1970) among the open goals matching
 * gf (student, kind, area, champion, set; active students only): a goal
 * whose due date is on or before on (reason past_end: close it with an
 * outcome), else a goal with a check_every whose last progress check
 * (or start, with none) plus check_every is on or before on (reason
 * check_due). One row per goal: student_id given_name family_name
 * goal_id kind reason due_on days_overdue last_progress_on
 * champion_adult_id text, days_overdue counted to today (negative: not
 * yet due). By due_on, then student_id. mine keeps the goals whose
 * champion is the acting adult, or with no champion whose author is
 * (64 with no acting adult). */
REL_API const char *const *rel_goal_due_cols(size_t *n);
REL_API int rel_goal_due(struct rel_db *db, const struct rel_goal_filter *gf,
    int mine, int32_t on, struct rel_out *o, struct rel_err *e);

/* A date given as an option (--start, --due, --on): YYYY-MM-DD, today,
 * tomorrow, or a span ahead of today (Nd, Nw, Nm). 64 naming opt. */
REL_API int rel_goal_date_opt(const char *opt, const char *s, int32_t *days,
    struct rel_err *e);
/* from plus a span (Nd, Nw or Nm; a month from 31 January is the end of
 * February) into *to. 64 naming opt if s is not a span. */
REL_API int rel_goal_span_add(const char *opt, const char *s, int32_t from,
    int32_t *to, struct rel_err *e);

#endif
