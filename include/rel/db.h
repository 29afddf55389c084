/*
 * db.h: finding, opening, creating and migrating the database, and running
 * writes in transactions.
 *
 * Every database is SQLite in WAL mode with foreign keys on, secure_delete
 * on and a busy timeout ($REL_BUSY_TIMEOUT milliseconds, default 5000).
 * The schema lives in lib/schema.sql as numbered migrations; PRAGMA
 * user_version says how many have run.
 */
#ifndef REL_DB_H
#define REL_DB_H

#include <sqlite3.h>
#include "rel/base.h"
#include "rel/err.h"

struct rel_db;

/* How to open. */
#define REL_DB_CREATE 1u	/* create a new database; fail (73) if it exists */
#define REL_DB_READONLY 2u	/* open read-only */
#define REL_DB_ANYVERSION 4u	/* open an older schema without complaint
				   (rel-init migrate and check) */
#define REL_DB_ANYMODE 8u	/* open a file other users may read, or a
				   symbolic link (rel-init check reports it) */
#define REL_DB_MEMORY 16u	/* a new database in memory, path unused, no
				   file (tests/fuzz): created as with
				   REL_DB_CREATE and gone at rel_db_close */

/* Resolve the database path: opt (--db), then $REL_DB, then
 * $XDG_DATA_HOME/rel/rel.db, then ~/.local/share/rel/rel.db. */
REL_API int rel_db_path(const char *opt, char *buf, size_t n,
    struct rel_err *e);
/* The database file is the trust boundary: 77 with a message saying how
 * to fix it when path is a symbolic link or its mode lets the group or
 * others in; 0 when it is fine (or missing). */
REL_API int rel_db_file_check(const char *path, struct rel_err *e);
/* Open (or create, with the directory 0700 and the file 0600) the
 * database at path. A missing database is 66; a path that fails
 * rel_db_file_check is 77 unless REL_DB_ANYMODE; a schema older than this
 * library is 78 unless REL_DB_ANYVERSION; newer is always 78. The audit
 * tables can be read and added to through the handle, never changed. */
REL_API int rel_db_open(struct rel_db **db, const char *path, unsigned flags,
    struct rel_err *e);
/* Close, finalizing cached statements. NULL is fine. */
REL_API void rel_db_close(struct rel_db *db);
REL_API const char *rel_db_filename(const struct rel_db *db);
/* May a command write the file path (named by option opt; NULL for an
 * operand)? 64 if path is the database, its -wal, -shm or -journal file
 * (compared by device and inode, and by name within the database's
 * directory, so that ./x/../rel.db, a hard link and a symbolic link are
 * all caught), or, with REL_DB_OUT_AWAY, any entry of the database's
 * directory (the directory compared by device and inode): --out keeps
 * reports and exports out of it. Else 0. */
#define REL_DB_OUT_AWAY 1u
REL_API int rel_db_out_check(struct rel_db *db, const char *opt,
    const char *path, unsigned flags, struct rel_err *e);
REL_API sqlite3 *rel_db_handle(struct rel_db *db);

/* The schema version of this library, and of the open database. */
REL_API int rel_db_schema_latest(void);
REL_API int rel_db_version(struct rel_db *db);
/* Apply the migrations after the current version, up to target (0: all),
 * each in its own transaction. *from gets the starting version. */
REL_API int rel_db_migrate(struct rel_db *db, int target, int *from,
    struct rel_err *e);

/* BEGIN IMMEDIATE; a lock held past the busy timeout is 75. */
REL_API int rel_db_begin(struct rel_db *db, struct rel_err *e);
REL_API int rel_db_commit(struct rel_db *db, struct rel_err *e);
/* Roll back if a transaction is open; never fails. */
REL_API void rel_db_rollback(struct rel_db *db);
/* Savepoints, for keeping the good rows of an import. */
REL_API int rel_db_savepoint(struct rel_db *db, struct rel_err *e);
REL_API int rel_db_release(struct rel_db *db, int rollback, struct rel_err *e);

/* A prepared statement from the per-connection cache, reset and with its
 * bindings cleared. sql must be a string literal (its address is the key). */
REL_API int rel_db_stmt(struct rel_db *db, const char *sql,
    sqlite3_stmt **st, struct rel_err *e);
/* Turn an SQLite result code into e (busy 75, constraint 65, full 74...),
 * with what naming the operation. Returns the exit status. */
REL_API int rel_db_fail(struct rel_db *db, int rc, const char *what,
    struct rel_err *e);
/* Run SQL with no results (internal scripts only, never input). */
REL_API int rel_db_exec(struct rel_db *db, const char *sql, struct rel_err *e);

/* rel_db_file_check, integrity_check and foreign_key_check; each problem
 * goes to report(). Returns 0 when clean, 65 when the data has a problem,
 * else 77 when only the file's mode or path has one. */
REL_API int rel_db_check(struct rel_db *db,
    void (*report)(void *ctx, const char *problem), void *ctx,
    struct rel_err *e);
/* Online backup into path: written to a temporary file beside it, fsynced,
 * then renamed over path. */
REL_API int rel_db_backup(struct rel_db *db, const char *path,
    struct rel_err *e);

/* A value stored in the settings table (migration 2), or NULL. */
REL_API int rel_db_setting_get(struct rel_db *db, const char *key,
    char *buf, size_t n, struct rel_err *e);
REL_API int rel_db_setting_put(struct rel_db *db, const char *key,
    const char *value, struct rel_err *e);

#endif
