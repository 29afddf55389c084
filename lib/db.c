/*
 * db.c: the database file: where it is, opening and creating it with the
 * right pragmas and permissions, migrations, transactions, statement
 * cache, integrity checks and backups.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The statements kept idle: past this many, the least recently used one
 * that is not part-way through its rows is finalized. */
#define NCACHE 64

struct rel_cached {
	const char *sql;
	sqlite3_stmt *st;
};

struct rel_db {
	sqlite3 *h;
	char path[PATH_MAX];
	int busy_ms;
	size_t ncache, capcache;
	struct rel_cached *cache;	/* least recently used first */
	struct rel_actor actor;		/* the acting adult (access.c) */
	struct rel_ledger ledger;	/* what was read (access.c) */
};

int
rel_db_path(const char *opt, char *buf, size_t n, struct rel_err *e)
{
	const char *v;
	int len;

	if (opt != NULL && *opt != '\0')
		len = snprintf(buf, n, "%s", opt);
	else if ((v = getenv("REL_DB")) != NULL && *v != '\0')
		len = snprintf(buf, n, "%s", v);
	else if ((v = getenv("XDG_DATA_HOME")) != NULL && *v == '/')
		len = snprintf(buf, n, "%s/rel/rel.db", v);
	else if ((v = getenv("HOME")) != NULL && *v != '\0')
		len = snprintf(buf, n, "%s/.local/share/rel/rel.db", v);
	else
		return rel_err_set(e, REL_ECONFIG, "cannot find the database: "
		    "set --db, $REL_DB or $HOME");
	if (len < 0 || (size_t)len >= n)
		return rel_err_set(e, REL_EUSAGE, "database path too long");
	return 0;
}

/* mkdir -p for the directories above path, each made 0700. */
static int
make_parents(const char *path, struct rel_err *e)
{
	char dir[PATH_MAX];
	char *p;

	rel_strlcpy(dir, path, sizeof(dir));
	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST)
				return rel_err_at(e, errno == EACCES ?
				    REL_EPERM : REL_ECANTCREAT, dir, 0, NULL,
				    "cannot create directory: %s",
				    strerror(errno));
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

int
rel_db_fail(struct rel_db *db, int rc, const char *what, struct rel_err *e)
{
	const char *msg = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	const char *file = db ? db->path : NULL;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return rel_err_at(e, REL_EBUSY, file, 0, NULL, "%s: the database "
		    "is busy (another program holds its lock; waited %d ms); "
		    "try again later", what, db ? db->busy_ms : 0);
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		return rel_err_at(e, REL_EDATA, file, 0, NULL, "%s: %s", what, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return rel_err_at(e, REL_EDATA, file, 0, NULL, "%s: %s (run "
		    "rel-init check)", what, msg);
	case SQLITE_NOMEM:
		/* Said plainly: the connection's message may be another's. */
		return rel_err_at(e, REL_ESOFTWARE, file, 0, NULL, "%s: out of "
		    "memory", what);
	case SQLITE_CANTOPEN:
		/* A temporary file that could not be made for want of memory
		 * is a failed allocation, not a missing input. */
		if (db && db->h && sqlite3_system_errno(db->h) == ENOMEM)
			return rel_err_at(e, REL_ESOFTWARE, file, 0, NULL,
			    "%s: out of memory", what);
		return rel_err_at(e, REL_ENOINPUT, file, 0, NULL, "%s: %s", what,
		    msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return rel_err_at(e, REL_EPERM, file, 0, NULL, "%s: %s", what, msg);
	case SQLITE_IOERR:
	case SQLITE_FULL:
		/* SQLite says "disk I/O error" for a failed write or sync;
		 * the system's reason (a full disk) is what a user acts on. */
		if (db && db->h && sqlite3_system_errno(db->h) != 0)
			return rel_err_at(e, REL_EIO, file, 0, NULL, "%s: %s (%s)",
			    what, msg, strerror(sqlite3_system_errno(db->h)));
		return rel_err_at(e, REL_EIO, file, 0, NULL, "%s: %s", what, msg);
	default:
		return rel_err_at(e, REL_ESOFTWARE, file, 0, NULL, "%s: %s", what,
		    msg);
	}
}

int
rel_db_exec(struct rel_db *db, const char *sql, struct rel_err *e)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : rel_db_fail(db, rc, "SQL", e);
}

static int
pragma_int(struct rel_db *db, const char *sql, int *out, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rel_db_fail(db, rc, "opening", e);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "opening", e);
	return 0;
}

int
rel_db_schema_latest(void)
{
	return rel_schema_latest;
}

int
rel_db_version(struct rel_db *db)
{
	int v = 0;
	struct rel_err e;

	pragma_int(db, "PRAGMA user_version", &v, &e);
	return v;
}

static int
busy_ms(void)
{
	const char *v = getenv("REL_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (v == NULL || *v == '\0')
		return 5000;
	ms = strtol(v, &end, 10);
	if (*end != '\0' || ms < 0 || ms > 3600000)
		return 5000;
	return (int)ms;
}

int
rel_db_file_check(const char *path, struct rel_err *e)
{
	struct stat sb;

	if (lstat(path, &sb) != 0)
		return 0;	/* opening says what is wrong */
	if (S_ISLNK(sb.st_mode))
		return rel_err_at(e, REL_EPERM, path, 0, NULL, "the database "
		    "path is a symbolic link, so its own permissions do not "
		    "protect it; give the real file with --db or $REL_DB");
	if (sb.st_mode & (S_IRWXG | S_IRWXO))
		return rel_err_at(e, REL_EPERM, path, 0, NULL, "the database "
		    "is open to %s (mode %04o) and holds student records; "
		    "make it yours alone: chmod 600 %s",
		    sb.st_mode & (S_IRWXG) ? (sb.st_mode & S_IRWXO ?
		    "its group and others" : "its group") : "others",
		    (unsigned)(sb.st_mode & 07777), path);
	return 0;
}

/* The library's half of the audit log's append-only rule: no statement
 * it prepares may change or drop a row of it (the schema's triggers are
 * the other half, for every other program). */
static int
audit_table(const char *t)
{
	return t != NULL && (strcmp(t, "audit") == 0 ||
	    strcmp(t, "audit_student") == 0 || strcmp(t, "audit_hash") == 0);
}

static int
authorize(void *ctx, int action, const char *a1, const char *a2,
    const char *dbname, const char *trigger)
{
	(void)ctx;
	(void)dbname;
	(void)trigger;
	switch (action) {
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
	case SQLITE_DROP_TABLE:
		return audit_table(a1) ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_DROP_TRIGGER:
		return audit_table(a2) ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_ALTER_TABLE:
		return audit_table(a2) ? SQLITE_DENY : SQLITE_OK;
	default:
		return SQLITE_OK;
	}
}

/* The schema version v of an existing database, as this rel needs it. */
static int
version_ok(struct rel_db *db, int v, unsigned flags, struct rel_err *e)
{
	if (v == 0) {
		int tables = 0;

		pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, e);
		return rel_err_at(e, REL_ECONFIG, db->path, 0, NULL, tables ?
		    "not a rel database (no schema version)" :
		    "an empty file, not a rel database");
	}
	if (v > rel_schema_latest)
		return rel_err_at(e, REL_ECONFIG, db->path, 0, NULL, "the "
		    "database is at schema version %d, newer than this rel "
		    "(%d): upgrade rel", v, rel_schema_latest);
	if (v < rel_schema_latest && !(flags & REL_DB_ANYVERSION))
		return rel_err_at(e, REL_ECONFIG, db->path, 0, NULL, "the "
		    "database is at schema version %d and this rel needs %d: "
		    "run rel-init backup FILE, then rel-init migrate", v,
		    rel_schema_latest);
	return 0;
}

int
rel_db_open(struct rel_db **dbp, const char *path, unsigned flags,
    struct rel_err *e)
{
	struct rel_db *db;
	struct stat sb;
	int oflags, rc, v, fd;

	*dbp = NULL;
	if (flags & REL_DB_MEMORY) {
		path = ":memory:";
		flags = (flags | REL_DB_CREATE) & ~REL_DB_READONLY;
	} else if (flags & REL_DB_CREATE) {
		if (stat(path, &sb) == 0)
			return rel_err_at(e, REL_ECANTCREAT, path, 0, NULL,
			    "a database already exists here");
		if ((rc = make_parents(path, e)) != 0)
			return rc;
		/* Made 0600 before SQLite sees it; its -wal and -shm files
		 * take the same mode. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0)
			return rel_err_at(e, errno == EACCES ? REL_EPERM :
			    REL_ECANTCREAT, path, 0, NULL, "cannot create: %s",
			    strerror(errno));
		close(fd);
	} else if (!(flags & REL_DB_ANYMODE) &&
	    (rc = rel_db_file_check(path, e)) != 0) {
		return rc;
	} else if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return rel_err_at(e, REL_ENOINPUT, path, 0, NULL,
			    "no database here (create one with: rel-init "
			    "create)");
		return rel_err_at(e, rel_status_errno(errno, REL_ENOINPUT),
		    path, 0, NULL, "%s", strerror(errno));
	}
	db = rel_xcalloc(1, sizeof(*db));
	rel_strlcpy(db->path, path, sizeof(db->path));
	db->busy_ms = busy_ms();
	oflags = (flags & REL_DB_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = rel_db_fail(db, rc, "opening", e);
		rel_db_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, db->busy_ms);
	if ((rc = pragma_int(db, "PRAGMA user_version", &v, e)) != 0)
		goto fail;
	/* Before anything writes: setting WAL mode would write a header
	 * into an empty file or another program's database. */
	if (!(flags & REL_DB_CREATE) && (rc = version_ok(db, v, flags,
	    e)) != 0)
		goto fail;
	if (!(flags & REL_DB_READONLY)) {
		/* synchronous=NORMAL is durable against program crashes in
		 * WAL mode; a power cut can lose the last commit, never
		 * consistency. */
		rc = rel_db_exec(db, "PRAGMA journal_mode=WAL;"
		    "PRAGMA synchronous=NORMAL", e);
		if (rc != 0)
			goto fail;
	}
	/* temp.rel_set holds the student set of the pipe protocol, and
	 * temp.rel_team the students the acting adult works with (access.c);
	 * queries name them, so they always exist (empty). */
	if ((rc = rel_db_exec(db, "PRAGMA foreign_keys=ON;"
	    "PRAGMA secure_delete=ON;"
	    "CREATE TEMP TABLE IF NOT EXISTS rel_set (id INTEGER PRIMARY KEY);"
	    "CREATE TEMP TABLE IF NOT EXISTS rel_team (id INTEGER PRIMARY KEY)",
	    e)) != 0 || (rc = rel_access_register(db, e)) != 0)
		goto fail;
	if ((rc = rel_checkin_register(db->h)) != SQLITE_OK) {
		rc = rel_db_fail(db, rc, "opening", e);
		goto fail;
	}
	sqlite3_set_authorizer(db->h, authorize, NULL);
	if (flags & REL_DB_CREATE) {
		if ((rc = rel_db_migrate(db, 0, NULL, e)) != 0)
			goto fail;
		v = rel_schema_latest;
	}
	*dbp = db;
	return 0;
fail:
	rel_db_close(db);
	if ((flags & REL_DB_CREATE) && !(flags & REL_DB_MEMORY))
		unlink(path);
	return rc;
}

void
rel_db_close(struct rel_db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	sqlite3_close(db->h);
	free(db->ledger.ids);
	free(db);
}

const char *
rel_db_filename(const struct rel_db *db)
{
	return db->path;
}

sqlite3 *
rel_db_handle(struct rel_db *db)
{
	return db->h;
}

int
rel_db_stmt(struct rel_db *db, const char *sql, sqlite3_stmt **st,
    struct rel_err *e)
{
	struct rel_cached hit;
	size_t i;
	int rc;

	for (i = db->ncache; i-- > 0;)
		if (db->cache[i].sql == sql) {
			hit = db->cache[i];
			memmove(db->cache + i, db->cache + i + 1,
			    (db->ncache - i - 1) * sizeof(db->cache[0]));
			db->cache[db->ncache - 1] = hit;
			sqlite3_reset(hit.st);
			sqlite3_clear_bindings(hit.st);
			*st = hit.st;
			return 0;
		}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL);
	if (rc != SQLITE_OK)
		return rel_db_fail(db, rc, "preparing a query", e);
	/*
	 * Full: a statement part-way through its rows belongs to a caller
	 * still stepping it (a loop that asks for other statements as it
	 * goes), so only an idle one may be finalized. When every one is
	 * busy the cache grows instead; it is bounded by the number of
	 * string literals that name statements.
	 */
	if (db->ncache >= NCACHE) {
		for (i = 0; i < db->ncache; i++)
			if (!sqlite3_stmt_busy(db->cache[i].st))
				break;
		if (i < db->ncache) {
			sqlite3_finalize(db->cache[i].st);
			memmove(db->cache + i, db->cache + i + 1,
			    (db->ncache - i - 1) * sizeof(db->cache[0]));
			db->ncache--;
		}
	}
	if (db->ncache == db->capcache) {
		db->capcache = db->capcache ? 2 * db->capcache : NCACHE;
		db->cache = rel_xrealloc(db->cache,
		    db->capcache * sizeof(db->cache[0]));
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].st = *st;
	db->ncache++;
	return 0;
}

int
rel_db_int64(struct rel_db *db, const char *sql, sqlite3_int64 *v,
    const char *what, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rel_db_fail(db, rc, what, e);
}

int
rel_db_begin(struct rel_db *db, struct rel_err *e)
{
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : rel_db_fail(db, rc, "starting a write", e);
}

int
rel_db_commit(struct rel_db *db, struct rel_err *e)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return 0;
	rc = rel_db_fail(db, rc, "committing", e);
	rel_db_rollback(db);
	return rc;
}

void
rel_db_rollback(struct rel_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
rel_db_savepoint(struct rel_db *db, struct rel_err *e)
{
	return rel_db_exec(db, "SAVEPOINT rel_row", e);
}

int
rel_db_release(struct rel_db *db, int rollback, struct rel_err *e)
{
	if (rollback)
		return rel_db_exec(db, "ROLLBACK TO rel_row; RELEASE rel_row", e);
	return rel_db_exec(db, "RELEASE rel_row", e);
}

int
rel_db_migrate(struct rel_db *db, int target, int *from, struct rel_err *e)
{
	char sql[64];
	int v, rc;

	if (target <= 0 || target > rel_schema_latest)
		target = rel_schema_latest;
	if ((rc = pragma_int(db, "PRAGMA user_version", &v, e)) != 0)
		return rc;
	if (from != NULL)
		*from = v;
	for (v = v + 1; v <= target; v++) {
		if ((rc = rel_db_begin(db, e)) != 0)
			return rc;
		rc = sqlite3_exec(db->h, rel_schema_migrations[v - 1], NULL,
		    NULL, NULL);
		if (rc != SQLITE_OK) {
			rc = rel_db_fail(db, rc, "migrating", e);
			rel_db_rollback(db);
			return rc;
		}
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
		if ((rc = rel_db_exec(db, sql, e)) != 0 ||
		    (rc = rel_db_commit(db, e)) != 0) {
			rel_db_rollback(db);
			return rc;
		}
	}
	return 0;
}

int
rel_db_check(struct rel_db *db, void (*report)(void *, const char *),
    void *ctx, struct rel_err *e)
{
	struct rel_err fe;
	sqlite3_stmt *st;
	char buf[512];
	int rc, bad = 0, perm = 0;

	/* The file's own protection first: opened with REL_DB_ANYMODE, a
	 * database others may read is reported here, not refused. */
	rel_err_clear(&fe);
	if (rel_db_file_check(db->path, &fe) != 0) {
		char line[PATH_MAX + sizeof(fe.msg) + 2];

		snprintf(line, sizeof(line), "%s: %s", db->path, fe.msg);
		report(ctx, line);
		perm = 1;
	}
	rc = sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rel_db_fail(db, rc, "integrity check", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		if (s != NULL && strcmp(s, "ok") != 0) {
			report(ctx, s);
			bad = 1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "integrity check", e);
	rc = sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return rel_db_fail(db, rc, "foreign key check", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(buf, sizeof(buf), "table %s row %lld refers to a "
		    "missing row of %s", sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2));
		report(ctx, buf);
		bad = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "foreign key check", e);
	if ((rc = rel_chain_check(db, report, ctx, &bad, e)) != 0)
		return rc;
	return bad ? REL_EDATA : perm ? REL_EPERM : 0;
}

int
rel_db_backup(struct rel_db *db, const char *path, struct rel_err *e)
{
	struct rel_wfile w;
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	int rc;

	if ((rc = rel_db_out_check(db, NULL, path, 0, e)) != 0)
		return rc;
	/* The private file is made here; SQLite writes it by name, and its
	 * journal takes the file's mode. */
	if ((rc = rel_wfile_open(&w, path, e)) != 0)
		return rc;
	rc = sqlite3_open_v2(w.tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		bk = sqlite3_backup_init(dst, "main", db->h, "main");
		if (bk == NULL)
			rc = sqlite3_errcode(dst);
		else {
			while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
			    rc == SQLITE_LOCKED)
				sqlite3_sleep(50);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			sqlite3_backup_finish(bk);
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK) {
		rel_err_at(e, rc == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR ?
		    REL_EIO : REL_ECANTCREAT, path, 0, NULL, "backup failed: %s",
		    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		rel_wfile_abort(&w);
		return e->code;
	}
	sqlite3_close(dst);
	return rel_wfile_commit(&w, e);
}

int
rel_db_setting_get(struct rel_db *db, const char *key, char *buf, size_t n,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	buf[0] = '\0';
	if ((rc = rel_db_stmt(db, "SELECT value FROM setting WHERE key = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rel_strlcpy(buf, (const char *)sqlite3_column_text(st, 0), n);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a setting", e);
	return 0;
}

int
rel_db_setting_put(struct rel_db *db, const char *key, const char *value,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "INSERT INTO setting (key, value) "
	    "VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = "
	    "excluded.value", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "writing a setting",
	    e);
}

struct rel_actor *
rel_db_actor_slot(struct rel_db *db)
{
	return &db->actor;
}

struct rel_ledger *
rel_db_ledger(struct rel_db *db)
{
	return &db->ledger;
}
