/*
 * roster.h: students, adults, groups and memberships.
 *
 * Records are upserted by their external id. Nothing is ever deleted:
 * deactivating keeps the record and its history.
 *
 * Columns (rel-records(5)):
 *   student: student_id* given_name* family_name* preferred_name pronouns
 *            grade home_language active email login
 *   adult:   adult_id* given_name* family_name* email role login active
 *   group:   group_id* name* kind lead_adult_id active
 *   member:  group_id* student_id adult_id active  (exactly one of the ids)
 */
#ifndef REL_ROSTER_H
#define REL_ROSTER_H

#include <stdio.h>

#include "rel/base.h"
#include "rel/err.h"
#include "rel/csv.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"

enum rel_roster_kind {
	REL_STUDENT,
	REL_ADULT,
	REL_GROUP,
	REL_MEMBER,
	REL_ROSTER_NKINDS
};

/* The kinds as importable record kinds, indexed by enum rel_roster_kind. */
REL_API const struct rel_import_kind *rel_roster_kinds(void);
/* "student"/"students", "adult(s)", "group(s)", "member(s)". 64 if not. */
REL_API int rel_roster_kind_parse(const char *s, enum rel_roster_kind *k,
    struct rel_err *e);
/* The kind whose id columns a header carries (65 if none fits). */
REL_API int rel_roster_detect(const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e);
/* Column names of a kind, in list order. */
REL_API const char *const *rel_roster_cols(enum rel_roster_kind k, size_t *n);

/* How rel_roster_write treats an existing or missing record. */
enum rel_roster_mode {
	REL_UPSERT,		/* import: add or update */
	REL_INSERT,		/* add: an existing id is 65 */
	REL_UPDATE		/* set: a missing id is 65; absent columns kept */
};
/* Validate and write one record of kind k. */
REL_API int rel_roster_write(struct rel_db *db, enum rel_roster_kind k,
    const struct rel_rec *rec, enum rel_roster_mode mode,
    enum rel_outcome *outcome, struct rel_err *e);
/* Mark a record inactive. For REL_MEMBER, id is the group and member the
 * id of a student (mk REL_STUDENT) or adult (REL_ADULT). An unknown id
 * is 65. */
REL_API int rel_roster_deactivate(struct rel_db *db, enum rel_roster_kind k,
    const char *id, enum rel_roster_kind mk, const char *member,
    struct rel_err *e);

/* list filters; NULL or 0 means no filter. */
struct rel_roster_filter {
	const char *grade;	/* students in this grade */
	const char *group;	/* members of this group */
	const char *adult;	/* students in this adult's groups (lead or
				   member); for groups, the adult's groups */
	const char *name;	/* substring of any name (ASCII case-blind) */
	int inactive;		/* 0: active only, 1: inactive only, 2: all */
	int set;		/* students: only those in temp.rel_set */
};
/* Write the records of kind k that pass f, ordered by id. */
REL_API int rel_roster_list(struct rel_db *db, enum rel_roster_kind k,
    const struct rel_roster_filter *f, struct rel_out *o, struct rel_err *e);
/* Normalise a grade (PK, TK, KG, 1-13, ...) into buf; 65 if not one. */
REL_API int rel_roster_grade(const char *s, size_t len, char *buf, size_t n);


/* At most this many ids from rel_roster_ids. */
#define REL_ROSTER_IDS_MAX 500
/* The active ids of students, adults or groups that start with prefix
 * ("" or NULL: all), sorted, one a line on fp, at most REL_ROSTER_IDS_MAX;
 * for shell completion. Any other kind is 64. */
REL_API int rel_roster_ids(struct rel_db *db, enum rel_roster_kind k,
    const char *prefix, FILE *fp, struct rel_err *e);

#endif
