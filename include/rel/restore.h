/*
 * restore.h: restorative cases and their parties. When harm happens, a
 * restorative process repairs it rather than only punishing it: the
 * people involved meet (a circle), reach an agreement, and someone
 * follows up on it.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   case:  case_id opened_at* adult_id kind summary agreement status
 *          follow_up_on closed_at visibility
 *   party: case_id* student_id adult_id role*
 * kind: harm, conflict, circle, reentry (default harm). status: open,
 * circle_held, agreement, repaired, closed (default open; closed exactly
 * when closed_at is given). role: harmed, responsible, affected,
 * supporter, facilitator. A party is a student or an adult, never both,
 * and a person is a party to a case once. case_id is made as R1, R2, ...
 * (one more than the highest R number) when not given. A case is private
 * by default. adult_id, the case's author, defaults to the acting adult.
 *
 * Who sees a case is REL_SEES_CASE (lib/internal.h): its author,
 * counselors and admins, the adults who are its parties, and for a team
 * case the teams of its student parties. Who may change one (update,
 * close, or add a party to it) is its author, its facilitators, and
 * counselors and admins.
 */
#ifndef REL_RESTORE_H
#define REL_RESTORE_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

/* The two importable kinds. An existing case_id with the same values is
 * a duplicate, with others an error (65); a party already on the case
 * with the same role is a duplicate, with another an error. A party may
 * be added to a case written by the same run, or else only by someone
 * who may change the case (77 otherwise). */
REL_API const struct rel_import_kind *rel_restore_kind(void);
REL_API const struct rel_import_kind *rel_restore_party_kind(void);
/* rel_import's choose for restorative files, kinds[0] the cases and
 * kinds[1] the parties: a file is a party file when its header names a
 * role, or when *(const int *)ctx is set (--parties). */
REL_API int rel_restore_choose(void *ctx, const struct rel_csv_row *hdr,
    const char *file, size_t *kind, struct rel_err *e);
REL_API const char *const *rel_restore_cols(size_t *n);
REL_API const char *const *rel_restore_party_cols(size_t *n);

/* A follow-up date option: YYYY-MM-DD, or a span ahead of today (today,
 * tomorrow, 7d, 2w, 1m), or "none" (buf empty), into buf
 * (REL_DATE_LEN); 64 naming opt if none of these. */
REL_API int rel_restore_when(const char *opt, const char *s, char *buf,
    struct rel_err *e);

/* One party given as an option: --harmed ID and the like. Whether id is
 * a student or an adult is looked up; an id that is both is an error. */
struct rel_restore_who {
	const char *opt;	/* "--harmed": for messages */
	const char *role;	/* "harmed" */
	const char *id;
};

/* What rel_restore_open opens: the case's values as its columns would
 * give them (NULL: empty), and its parties. */
struct rel_restore_open {
	const char *case_id;	/* NULL: the next free R number */
	const char *opened_at;	/* date-time; NULL: now */
	const char *kind;
	const char *summary;
	const char *follow_up_on;	/* YYYY-MM-DD */
	const char *visibility;
	const struct rel_restore_who *who;
	size_t nwho;
	const char *file;	/* CSV of parties (student_id adult_id role),
				   "-" for standard input, or NULL */
	/* Called for each bad party (every one is reported). */
	void (*report)(void *ctx, const struct rel_err *e);
	void *ctx;
};
/* Open a case with its parties in one transaction, authored by the
 * acting adult: any bad value or party means nothing is written (65);
 * a case needs at least one party. The case_id goes into case_id
 * (65 bytes), and the number of parties into *nparties. */
REL_API int rel_restore_open(struct rel_db *db,
    const struct rel_restore_open *o, char *case_id, long *nparties,
    struct rel_err *e);

/* What rel_restore_update changes (NULL: left as it is). */
struct rel_restore_change {
	const char *status;	/* open, circle_held, agreement, repaired */
	const char *agreement;	/* "": none */
	const char *follow_up_on;	/* YYYY-MM-DD, or "": none */
};
/* Change a case that is not closed. An unknown case, or one the acting
 * adult does not see, is 65; a closed one is 65; an adult who may not
 * change it, 77. */
REL_API int rel_restore_update(struct rel_db *db, const char *case_id,
    const struct rel_restore_change *c, struct rel_err *e);
/* Close a case at at (seconds; INT64_MIN: now), adding outcome (NULL:
 * none) to its summary as a last line "Outcome: ...". As for update. */
REL_API int rel_restore_close(struct rel_db *db, const char *case_id,
    const char *outcome, int64_t at, struct rel_err *e);

/* The list filter: f's student (cases with that student as a party),
 * adult (the author or an adult party), kind, since and until (on
 * opened_at), set (cases with a student of temp.rel_set as a party) and
 * inactive (by default a case whose student parties are all
 * deactivated is left out). */
struct rel_restore_filter {
	struct rel_filter f;
	const char *case_id;	/* one case */
	const char *status;
	int open;		/* cases not closed */
	int set_parties;	/* with f.set, the party list keeps only the
				   students of the set (and the adults) */
};
/* No filter at all. */
REL_API void rel_restore_filter_init(struct rel_restore_filter *rf);
/* The cases matching rf, by opened_at then case_id. The audit log names
 * every student party of each private case written. An unknown --kind or
 * --status is 64; an unknown --student, --adult or --case 65. */
REL_API int rel_restore_list(struct rel_db *db,
    const struct rel_restore_filter *rf, struct rel_out *o,
    struct rel_err *e);
/* The parties of the cases matching rf, in the order they were added. */
REL_API int rel_restore_party_list(struct rel_db *db,
    const struct rel_restore_filter *rf, struct rel_out *o,
    struct rel_err *e);

/* The follow-ups due: cases not closed whose follow_up_on is on or
 * before on (days), one row per active student party (a student set; a
 * case with none has no row). Columns: case_id
 * follow_up_on days_overdue kind status student_id given_name
 * family_name role. days_overdue counts from follow_up_on to today.
 * adult (NULL: any) keeps the cases it wrote or is a party to; set keeps
 * the rows of the students of temp.rel_set. */
REL_API const char *const *rel_restore_due_cols(size_t *n);
REL_API int rel_restore_due(struct rel_db *db, int32_t on, const char *adult,
    int set, struct rel_out *o, struct rel_err *e);

#endif
