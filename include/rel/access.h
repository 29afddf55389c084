/*
 * access.h: who is acting, and who may see a record.
 *
 * The acting adult is found from --as ADULT_ID, then $REL_AS, then the
 * active adult whose login is $USER. Records that adult writes carry
 * their adult id. Once found, the acting adult is kept on the database
 * handle, so that every write function can use it as the default author.
 *
 * Every record carries a visibility: staff (every adult), team (the
 * adults connected to the student, plus counselors and admins) or private
 * (the author, plus counselors and admins). It is stored as a small
 * integer code (0, 1, 2).
 *
 * What the acting adult may see is decided in SQL, in every query of the
 * library that reads a record kind (see REL_SEES in lib/internal.h): with
 * no acting adult, only staff rows. The students of team rows are the
 * ones the adult is connected to (rel-map, any strength), is the primary
 * adult of, or shares an active group with as its lead or an adult
 * member. Counselors and admins see every row.
 *
 * The audit log records every show of a student, every export and every
 * list that returned private rows: when, who, the command and its
 * arguments, the purpose, and which students. Lists write their rows
 * through rel_access_out(), which keeps the ledger of what went out;
 * rel_audit_flush() writes it.
 */
#ifndef REL_ACCESS_H
#define REL_ACCESS_H

#include <sqlite3.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/import.h"
#include "rel/out.h"
#include "rel/record.h"

enum rel_vis { REL_VIS_STAFF, REL_VIS_TEAM, REL_VIS_PRIVATE };

/* "staff", "team" or "private" (any case) into *v; -1 if none. */
REL_API int rel_vis_parse(const char *s, size_t len, enum rel_vis *v);
REL_API const char *rel_vis_name(enum rel_vis v);
/* The --visibility option: 64 naming it if not a visibility. */
REL_API int rel_vis_opt(const char *s, enum rel_vis *v, struct rel_err *e);
/* An optional visibility column of a record; empty gives dflt. */
REL_API int rel_rec_vis(const struct rel_rec *r, size_t i, enum rel_vis dflt,
    enum rel_vis *v, struct rel_err *e);

/* The acting adult. */
struct rel_actor {
	sqlite3_int64 id;	/* adult rowid; 0: none */
	char adult_id[65];
	const char *from;	/* "--as", "$REL_AS" or "login" */
	int sees_all;		/* a counselor or an admin */
};

/* Find the acting adult (opt is --as, or NULL) and keep it on db.
 * With none found, a->id is 0 and this returns 0. An --as naming no
 * active adult is 64; a $REL_AS naming none is 78. */
REL_API int rel_actor_find(struct rel_db *db, const char *opt,
    struct rel_actor *a, struct rel_err *e);
/* Like rel_actor_find, but none found is 64 with a message saying how to
 * name one. */
REL_API int rel_actor_need(struct rel_db *db, const char *opt,
    struct rel_actor *a, struct rel_err *e);
/* Like rel_actor_find, for a command that reads records: with no acting
 * adult found it says once on standard error that only staff records are
 * shown, and how to name one. */
REL_API int rel_actor_reader(struct rel_db *db, const char *opt,
    struct rel_actor *a, struct rel_err *e);
/* The acting adult kept on db (id 0: none). */
REL_API const struct rel_actor *rel_actor(struct rel_db *db);

/* Every row of st into o, keeping the ledger for the audit log. The
 * statement's last two columns are the row's student rowid (NULL for a
 * row about no student) and its visibility code; they are not written.
 * cell, when not NULL, writes cell i of the row itself (to turn codes
 * into names); otherwise cells are written as text. Returns 0, 75 when
 * the database is busy, or 70; the statement is not reset. */
typedef void (*rel_cell_fn)(struct rel_out *o, sqlite3_stmt *st, int i);
REL_API int rel_access_out(struct rel_db *db, sqlite3_stmt *st,
    struct rel_out *o, rel_cell_fn cell, struct rel_err *e);
/* Note one student touched (rowid), with the visibility of what was read
 * of them: for reads that do not go through rel_access_out. */
REL_API void rel_access_touch(struct rel_db *db, sqlite3_int64 student,
    enum rel_vis v);
/* Rows touched so far need an audit row: hold o's rows (rel_out_hold)
 * until it is written, so that what cannot be recorded is not shown.
 * For writers that do not go through rel_access_out. 0, or 73. */
REL_API int rel_access_hold(struct rel_db *db, struct rel_out *o,
    struct rel_err *e);
/* From now on every student touched goes in the audit row, whatever the
 * visibility: a show or an export is audited as a whole. */
REL_API void rel_access_all(struct rel_db *db);

/* The command line the audit log names: set once at the start (rel_cli
 * does), kept in a fixed buffer. */
REL_API void rel_audit_command(int argc, char **argv);
/* Write the audit row for what the ledger holds and clear it: always when
 * rel_access_all() was called or force is set, otherwise only when
 * private rows went out. purpose and detail may be NULL. */
REL_API int rel_audit_flush(struct rel_db *db, int force, const char *purpose,
    const char *detail, struct rel_err *e);
/* The audit log, newest last. f: student (rows that touched that
 * student), adult (rows by that adult), since and until. by_student:
 * one row per audit row and student touched. Counselors and admins see
 * every row; other adults their own; with no acting adult, none. */
REL_API const char *const *rel_audit_cols(int by_student, size_t *n);
REL_API int rel_audit_list(struct rel_db *db, const struct rel_filter *f,
    int by_student, struct rel_out *o, struct rel_err *e);

#endif
