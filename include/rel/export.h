/*
 * export.h: exports, de-identified exports and retention.
 *
 * An export writes one CSV file per record kind (KIND.csv, with the
 * columns of that kind's list, which its import reads back) and a
 * manifest.csv into a new directory made 0700. Each file is created 0600
 * with O_EXCL and O_NOFOLLOW, so nothing that exists is ever written
 * over. Every row comes from the kind's own list function, so the acting
 * adult's visibility applies: an export holds what its adult may see.
 * Every export is audited (rel_audit_flush) with its purpose, the kinds
 * and their row counts, and every student whose records went out.
 *
 * A de-identified export replaces the ids by keyed-HMAC pseudonyms, drops
 * names, logins, emails, pronouns and free text, coarsens dates to the
 * ISO week, and suppresses small groups (fewer than REL_EXPORT_MIN_GROUP);
 * rel-export(1) gives the exact rules. The key is 32 random bytes made
 * once and kept in the database's setting table; it is never exported.
 *
 * A purge deletes the records dated before a time, in one transaction
 * audited with counts only, then checkpoints and vacuums the file so that
 * no deleted text is left in it.
 */
#ifndef REL_EXPORT_H
#define REL_EXPORT_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"

/* The record kinds of an export, in the order the files are written. */
enum rel_export_kind {
	REL_EX_STUDENT,
	REL_EX_ADULT,
	REL_EX_GROUP,
	REL_EX_MEMBER,
	REL_EX_CONNECTION,
	REL_EX_CHECKIN,
	REL_EX_PROFILE,
	REL_EX_NOTE,
	REL_EX_FAMILY,
	REL_EX_GOAL,
	REL_EX_PROGRESS,
	REL_EX_CASE,
	REL_EX_PARTY,
	REL_EX_INDICATOR,
	REL_EX_NKINDS
};
#define REL_EX_ALL ((1u << REL_EX_NKINDS) - 1)
/* The kinds about students: the default of an export narrowed to some
 * students, which leaves out the whole roster of adults and groups. */
#define REL_EX_STUDENTS (REL_EX_ALL & ~(1u << REL_EX_ADULT | \
	1u << REL_EX_GROUP))

/* A group smaller than this is suppressed in a de-identified export. */
#define REL_EXPORT_MIN_GROUP 10

/* "student", "adult", ... (the singular noun, also the file name). */
REL_API const char *rel_export_kind_name(enum rel_export_kind k);
/* A comma-separated list of kind names into a mask of 1 << kind; 64
 * naming opt when a name is not a kind (or the list is empty). */
REL_API int rel_export_kinds_parse(const char *opt, const char *s,
    unsigned *mask, struct rel_err *e);

struct rel_export_opts {
	const char *dir;	/* the new directory */
	const char *purpose;	/* required, not empty */
	unsigned kinds;		/* a mask of 1 << kind; 0: the default */
	const char *student;	/* one student (the inspection packet) */
	int set;		/* only the students in temp.rel_set */
	int deidentify;
	int excel_safe;		/* REL_CSV_EXCEL_SAFE on every file */
};
struct rel_export_result {
	long rows[REL_EX_NKINDS];	/* -1: the kind was not exported */
	long audit_rows;		/* audit.csv (a packet); -1: none */
	long students;			/* students named in the audit row */
};
/* Export as o says, as the acting adult (rel_actor_need first). A
 * student (o->student) loads temp.rel_set with that one student. Errors:
 * 64 (no purpose, no acting adult), 65 (an unknown student), 73 (the
 * directory exists or cannot be made, a file cannot be created), 74.
 * When the export fails, or its audit row cannot be written, every file
 * it made and the directory are removed. */
REL_API int rel_export(struct rel_db *db, const struct rel_export_opts *o,
    struct rel_export_result *r, struct rel_err *e);

/* The pseudonym of an id: a tag ('s' student, 'a' adult, 'g' group),
 * '_', and the first 16 bytes of HMAC-SHA256(key, tag NUL id) in lower
 * case hex. buf holds REL_PSEUDONYM_LEN bytes. */
#define REL_EXPORT_KEYLEN 32
#define REL_PSEUDONYM_LEN 35
REL_API void rel_export_pseudonym(const unsigned char *key, char tag,
    const char *id, size_t len, char *buf);
/* The de-identification key of db: read from the setting table, or made
 * from the system's random source and stored there the first time. */
REL_API int rel_export_key(struct rel_db *db,
    unsigned char key[REL_EXPORT_KEYLEN], struct rel_err *e);
/* The ISO 8601 week of a date (days since 1970) as YYYY-Www, the year
 * being the week's own (2027-01-01 is in 2026-W53). buf holds
 * REL_WEEK_LEN bytes. */
#define REL_WEEK_LEN 9
REL_API void rel_export_week(int32_t days, char *buf);

/* What a purge deletes. */
enum rel_purge_kind {
	REL_PURGE_CHECKIN,	/* check-ins before the time */
	REL_PURGE_NOTE,		/* notes before the time */
	REL_PURGE_CONNECTION,	/* marks of the connection history before
				   the time, but the one each current
				   connection rests on */
	REL_PURGE_PROFILE,	/* profile items retired before the time */
	REL_PURGE_FAMILY,	/* family contacts before the time */
	REL_PURGE_GOAL,		/* goals and supports closed before the
				   time, with their progress */
	REL_PURGE_CASE,		/* restorative cases closed before the
				   time, with their parties */
	REL_PURGE_INDICATOR,	/* indicators of days before the time's */
	REL_PURGE_NKINDS
};
/* The kind names of a purge ("checkin", "note", "connection", "profile",
 * "family", "goal", "case", "indicator") into a mask; 64 naming opt for
 * a name that is not one. */
REL_API int rel_purge_kinds_parse(const char *opt, const char *s,
    unsigned *mask, struct rel_err *e);
REL_API const char *rel_purge_kind_name(enum rel_purge_kind k);
/* Delete the records of the kinds in mask (0: all) dated before `before`
 * (seconds), in one transaction with its audit row (purpose may be NULL;
 * the detail holds the counts only), then leave no deleted text in the
 * file: checkpoint, VACUUM, checkpoint. Only a counselor or an admin may
 * (77). dry_run counts and deletes nothing. n gets the counts. 75 when
 * another connection kept the file from being checkpointed: the records
 * are deleted, and running the purge again finishes the job. */
REL_API int rel_purge(struct rel_db *db, int64_t before, unsigned mask,
    int dry_run, const char *purpose, long n[REL_PURGE_NKINDS],
    struct rel_err *e);

#endif
