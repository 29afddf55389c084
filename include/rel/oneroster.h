/*
 * oneroster.h: a OneRoster 1.1 CSV export (a directory holding
 * manifest.csv, orgs.csv, users.csv, classes.csv, enrollments.csv) read
 * into the roster in one transaction.
 *
 * Students become students; teachers, aides, administrators and proctors
 * adults; guardians, parents and relatives the students' guardians;
 * homerooms advisories and scheduled classes classes; enrollments
 * memberships (a primary teacher leads the class). Nothing is deleted:
 * status=tobedeleted, and a bulk file that no longer lists a record it
 * brought before, deactivate it. The table oneroster remembers what each
 * sourcedId became, so that delta files and later enrollments find it.
 */
#ifndef REL_ONEROSTER_H
#define REL_ONEROSTER_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/import.h"

enum rel_or_kind {
	REL_OR_STUDENT,
	REL_OR_ADULT,
	REL_OR_GUARDIAN,
	REL_OR_GROUP,
	REL_OR_MEMBER,
	REL_OR_NKINDS
};

struct rel_oneroster_opts {
	const char *school;	/* --school: one org's sourcedId, or NULL */
	int id_from_identifier;	/* users' rel ids from identifier, not
				   sourcedId */
	int dry_run;		/* read and check; commit nothing */
	long max_messages;	/* 0: 50 */
	void (*report)(void *ctx, const struct rel_err *e);
	void *ctx;
};

struct rel_oneroster_count {
	long n[REL_OR_NKINDS][REL_NOUTCOMES];	/* by outcome */
	long deactivated[REL_OR_NKINDS];	/* made inactive */
	long skipped;				/* rows of other schools */
	long bad;				/* bad rows */
	int committed;
};

/* Import the export in dir. Returns 0; 65 when rows were bad (nothing
 * committed; each reported); 66 for a missing manifest or file; or
 * another status with e set. */
REL_API int rel_oneroster_import(struct rel_db *db, const char *dir,
    const struct rel_oneroster_opts *o, struct rel_oneroster_count *c,
    struct rel_err *e);
/* "students", "adults", "guardians", "groups", "memberships". */
REL_API const char *rel_oneroster_kind_name(enum rel_or_kind k);

#endif
