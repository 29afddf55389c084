/*
 * test_db.c: opening, creating, migrating, transactions, busy handling,
 * integrity checks, backups and settings, on real database files.
 */
#include <sys/stat.h>

#include "unit.h"
#include "tmpdb.h"

static void
test_create_and_reopen(void **state)
{
	struct tmpdb t;
	struct rel_db *db2;
	struct rel_err e;
	struct stat sb;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(stat(t.path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(rel_db_version(t.db), rel_db_schema_latest());
	assert_int_equal(tmpdb_int(&t, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tmpdb_int(&t, "PRAGMA secure_delete"), 1);
	assert_int_equal(rel_db_open(&db2, t.path, REL_DB_CREATE, &e),
	    REL_ECANTCREAT);
	assert_int_equal(rel_db_open(&db2, t.path, 0, &e), 0);
	rel_db_close(db2);
	tmpdb_close(&t);
}

/* REL_DB_MEMORY (the import fuzz target): a new database in memory, at
 * the latest schema, writable, and no file made for it anywhere. */
static void
test_memory(void **state)
{
	struct rel_db *db;
	struct rel_err e;
	struct stat sb;
	char dir[] = "/tmp/reltest.XXXXXX", cwd[PATH_MAX];

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	assert_int_equal(rel_db_open(&db, "x.db", REL_DB_MEMORY, &e), 0);
	assert_int_equal(rel_db_version(db), rel_db_schema_latest());
	assert_int_equal(rel_db_setting_put(db, "k", "v", &e), 0);
	assert_int_equal(stat("x.db", &sb), -1);
	assert_int_equal(stat(":memory:", &sb), -1);
	rel_db_close(db);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_missing(void **state)
{
	struct rel_db *db;
	struct rel_err e;

	(void)state;
	assert_int_equal(rel_db_open(&db, "/tmp/rel-no-such-dir/x.db", 0, &e),
	    REL_ENOINPUT);
	assert_non_null(strstr(e.msg, "rel-init create"));
	assert_null(db);
}

static void
test_path_resolution(void **state)
{
	char buf[PATH_MAX];
	struct rel_err e;

	(void)state;
	setenv("REL_DB", "/env/rel.db", 1);
	assert_int_equal(rel_db_path("/opt/x.db", buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "/opt/x.db");
	assert_int_equal(rel_db_path(NULL, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "/env/rel.db");
	unsetenv("REL_DB");
	setenv("XDG_DATA_HOME", "/xdg", 1);
	assert_int_equal(rel_db_path(NULL, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "/xdg/rel/rel.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/c", 1);
	assert_int_equal(rel_db_path(NULL, buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "/home/c/.local/share/rel/rel.db");
}

/* A database made at version 1 keeps its rows through the upgrade. */
/* A database at an older schema version v, as an older rel would have
 * made it with the library's own migration list (a file only its owner
 * may read, or opening refuses it), holding rows. */
static void
old_version(const char *path, int v, const char *rows)
{
	extern const char *const rel_schema_migrations[];
	char q[32], *err = NULL;
	sqlite3 *h;
	int i;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(chmod(path, 0600), 0);
	for (i = 0; i < v; i++)
		assert_int_equal(sqlite3_exec(h, rel_schema_migrations[i], NULL,
		    NULL, &err), SQLITE_OK);
	snprintf(q, sizeof(q), "PRAGMA user_version = %d", v);
	assert_int_equal(sqlite3_exec(h, q, NULL, NULL, &err), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, rows, NULL, NULL, &err), SQLITE_OK);
	sqlite3_close(h);
}

static void
test_migrate_keeps_data(void **state)
{
	struct tmpdb t;
	struct rel_db *db;
	struct rel_err e;
	int from;

	(void)state;
	tmpdb_open(&t);
	rel_db_close(t.db);
	unlink(t.path);
	{
		/* Version 1 only, as an older rel would have made it: a
		 * file only its owner may read, or opening refuses it. */
		sqlite3 *h;
		FILE *fp = fopen(t.path, "w");

		assert_non_null(fp);
		fclose(fp);
		assert_int_equal(chmod(t.path, 0600), 0);
		assert_int_equal(sqlite3_open(t.path, &h), SQLITE_OK);
		sqlite3_close(h);
	}
	/* An empty file is not a rel database. */
	assert_int_equal(rel_db_open(&db, t.path, REL_DB_ANYVERSION, &e),
	    REL_ECONFIG);
	old_version(t.path, 1, "INSERT INTO student (student_id, given_name, "
	    "family_name, updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x')");
	assert_int_equal(rel_db_open(&db, t.path, 0, &e), REL_ECONFIG);
	assert_non_null(strstr(e.msg, "rel-init migrate"));
	assert_int_equal(rel_db_open(&t.db, t.path, REL_DB_ANYVERSION, &e), 0);
	assert_int_equal(rel_db_migrate(t.db, 0, &from, &e), 0);
	assert_int_equal(from, 1);
	assert_int_equal(rel_db_version(t.db), rel_db_schema_latest());
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "given_name = 'Zoë'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting"), 0);
	assert_int_equal(rel_db_migrate(t.db, 0, &from, &e), 0);
	assert_int_equal(from, rel_db_schema_latest());
	tmpdb_close(&t);
}

/* Migration 13 rebuilds checkin clustered on its key: every row is kept
 * with every column, a check-in with no adult gets adult_key 0, and the
 * key is still the duplicate rule. */
static void
test_migrate_checkin_clustered(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	int from;

	(void)state;
	tmpdb_open(&t);
	rel_db_close(t.db);
	unlink(t.path);
	/* Version 12, with check-ins in arrival order. */
	old_version(t.path, 12, "INSERT INTO student (student_id, given_name, "
	    "family_name, updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), "
	    "('S2', 'Ana', 'Lee', 'x');"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    "updated_at) VALUES ('A1', 'Hana', 'Invented', 'counselor', 'x');"
	    "INSERT INTO checkin (student, at, adult, kind, mood, "
	    "understanding, workload, note, visibility) VALUES "
	    "(2, 120, 1, 0, 4, 3, 2, 'a note, \"quoted\"', 1), "
	    "(1, 600, NULL, 1, NULL, 5, NULL, NULL, 0), "
	    "(1, 60, 1, 0, 1, NULL, NULL, NULL, 2), "
	    "(1, 600, 1, 1, 3, NULL, NULL, NULL, 1)");
	assert_int_equal(rel_db_open(&t.db, t.path, REL_DB_ANYVERSION, &e), 0);
	assert_int_equal(rel_db_migrate(t.db, 0, &from, &e), 0);
	assert_int_equal(from, 12);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'checkin' AND sql LIKE '%WITHOUT ROWID%'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 4);
	/* Every column, in key order. */
	assert_int_equal(tmpdb_int(&t, "SELECT group_concat(r, ';') = "
	    "'1,60,1,0,1,,,,2,1;1,600,,1,,5,,,0,0;1,600,1,1,3,,,,1,1;"
	    "2,120,1,0,4,3,2,a note, \"quoted\",1,1' FROM (SELECT "
	    "printf('%s,%s,%s,%s,%s,%s,%s,%s,%s,%s', student, at, adult, kind, "
	    "mood, understanding, workload, note, visibility, adult_key) AS r "
	    "FROM checkin)"), 1);
	/* The key is the duplicate rule; the CHECK ties adult_key to
	 * adult. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO checkin (student, at, "
	    "adult, kind, mood, adult_key) VALUES (1, 600, NULL, 1, 2, 0) "
	    "ON CONFLICT DO NOTHING", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 4);
	assert_int_not_equal(rel_db_exec(t.db, "INSERT INTO checkin (student, "
	    "at, adult, kind, adult_key) VALUES (2, 600, 1, 0, 0)", &e), 0);
	assert_int_not_equal(rel_db_exec(t.db, "INSERT INTO checkin (student, "
	    "at, adult, kind) VALUES (2, 600, 1, 0)", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM pragma_index_list"
	    "('note') WHERE name = 'note_concern' AND partial = 1"), 1);
	tmpdb_close(&t);
}

/* Migration 14 seals the audit rows already there, in id order, with
 * the chain that rel-init check recomputes row by row; a row written
 * after it is sealed too; and no INSERT can replace or reuse a row. */
static const char audit_v13[] =
    "INSERT INTO student (student_id, given_name, family_name, updated_at) "
    "VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), ('S2', 'Ana', 'Lee', 'x'), "
    "('S3', 'Bo', 'Kim', 'x');"
    "INSERT INTO adult (adult_id, given_name, family_name, role, "
    "updated_at) VALUES ('A1', 'Hana', 'Invented', 'counselor', 'x');"
    "INSERT INTO audit (at, adult, command, args, purpose, students, "
    "detail) VALUES ('2026-01-05T09:00:00', 1, 'rel-export export', "
    "'--out x --purpose ''a, b''', 'a, b', 3, 'student 3'), "
    "('2026-01-06T09:00:00', NULL, 'rel-profile show', 'S2', NULL, 1, "
    "NULL), ('2026-01-07T09:00:00', 1, 'rel-note list', '', NULL, 0, "
    "'1 private row');"
    "INSERT INTO audit_student (audit, student) VALUES (1, 3), (1, 1), "
    "(1, 2), (2, 2)";

static void
collect_problem(void *ctx, const char *p)
{
	char *buf = ctx;
	size_t len = strlen(buf);

	snprintf(buf + len, 1024 - len, "%s\n", p);
}

/* Another program's statements, on a handle of its own (no authorizer,
 * none of rel's functions). */
static int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	int rc;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc;
}

static void
test_migrate_audit_chain(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char problems[1024] = "";
	int from;

	(void)state;
	tmpdb_open(&t);
	rel_db_close(t.db);
	unlink(t.path);
	old_version(t.path, 13, audit_v13);
	assert_int_equal(rel_db_open(&t.db, t.path, REL_DB_ANYVERSION, &e), 0);
	assert_int_equal(rel_db_migrate(t.db, 0, &from, &e), 0);
	assert_int_equal(from, 13);
	assert_int_equal(rel_db_version(t.db), 14);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_hash h "
	    "JOIN audit u ON u.id = h.audit WHERE length(h.hash) = 32"), 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT hash) FROM "
	    "audit_hash"), 3);
	assert_int_equal(rel_db_check(t.db, collect_problem, problems, &e), 0);
	assert_string_equal(problems, "");
	/* The library's next row is sealed after the migration's. */
	assert_int_equal(rel_audit_flush(t.db, 1, "a test", NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT max(audit) FROM audit_hash"), 4);
	assert_int_equal(rel_db_check(t.db, collect_problem, problems, &e), 0);
	assert_string_equal(problems, "");

	/* No INSERT rewrites a row, whatever its conflict clause. */
	assert_int_equal(rel_db_exec(t.db, "INSERT OR REPLACE INTO audit (id, "
	    "at, command, args) VALUES (2, 'x', 'x', 'x')", &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "the audit log is append-only"));
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO audit (id, at, "
	    "command, args) VALUES (4, 'x', 'x', 'x') ON CONFLICT DO NOTHING",
	    &e), REL_EDATA);
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO audit (id, at, "
	    "command, args) VALUES (0, 'x', 'x', 'x')", &e), REL_EDATA);
	assert_int_equal(rel_db_exec(t.db, "INSERT OR REPLACE INTO "
	    "audit_student (audit, student) VALUES (1, 1)", &e), REL_EDATA);
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO audit_student (audit, "
	    "student) VALUES (4, 1)", &e), REL_EDATA);	/* sealed */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO audit_student (audit, "
	    "student) VALUES (1, 3)", &e), REL_EDATA);	/* not the newest */
	assert_int_equal(rel_db_exec(t.db, "INSERT OR REPLACE INTO audit_hash "
	    "(audit, hash) VALUES (4, zeroblob(32))", &e), REL_EDATA);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_student"),
	    4);
	assert_int_equal(rel_db_check(t.db, collect_problem, problems, &e), 0);

	/* Past the triggers, another program's rewrites are found: a
	 * student taken out of row 1, row 3 deleted (its seal left), a row
	 * put in with no seal. */
	assert_int_equal(raw_exec(t.path, "DROP TRIGGER "
	    "audit_student_no_delete; DROP TRIGGER audit_no_delete;"
	    "DELETE FROM audit_student WHERE audit = 1 AND student = 2;"
	    "PRAGMA foreign_keys = OFF; DELETE FROM audit WHERE id = 3;"
	    "INSERT INTO audit (at, command, args) VALUES ('x', 'x', 'x')"),
	    SQLITE_OK);
	assert_int_equal(rel_db_check(t.db, collect_problem, problems, &e),
	    REL_EDATA);
	assert_string_equal(problems,
	    "table audit_hash row 3 refers to a missing row of audit\n"
	    "the audit log's trigger audit_no_delete is missing\n"
	    "the audit log's trigger audit_student_no_delete is missing\n"
	    "audit row 1 does not match its hash: it, or the audit row before "
	    "it, was changed or removed\n"
	    "audit row 3 is missing\n"
	    "audit row 5 has no hash: rel did not write it\n");
	tmpdb_close(&t);
}

static void
test_newer_refused(void **state)
{
	struct tmpdb t;
	struct rel_db *db;
	struct rel_err e;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_db_exec(t.db, "PRAGMA user_version = 999", &e), 0);
	assert_int_equal(rel_db_open(&db, t.path, REL_DB_ANYVERSION, &e),
	    REL_ECONFIG);
	assert_non_null(strstr(e.msg, "upgrade rel"));
	tmpdb_close(&t);
}

static void
test_busy_is_75(void **state)
{
	struct tmpdb t;
	struct rel_db *other;
	struct rel_err e;

	(void)state;
	tmpdb_open(&t);
	setenv("REL_BUSY_TIMEOUT", "50", 1);
	assert_int_equal(rel_db_open(&other, t.path, 0, &e), 0);
	unsetenv("REL_BUSY_TIMEOUT");
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_db_begin(other, &e), REL_EBUSY);
	assert_non_null(strstr(e.msg, "busy"));
	rel_db_rollback(t.db);
	assert_int_equal(rel_db_begin(other, &e), 0);
	assert_int_equal(rel_db_commit(other, &e), 0);
	rel_db_close(other);
	tmpdb_close(&t);
}

static void
test_rollback_and_savepoint(void **state)
{
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_db_setting_put(t.db, "a", "1", &e), 0);
	assert_int_equal(rel_db_savepoint(t.db, &e), 0);
	assert_int_equal(rel_db_setting_put(t.db, "b", "2", &e), 0);
	assert_int_equal(rel_db_release(t.db, 1, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting"), 1);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_db_setting_put(t.db, "c", "3", &e), 0);
	rel_db_rollback(t.db);
	rel_db_rollback(t.db);	/* harmless with no transaction */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting"), 1);
	tmpdb_close(&t);
}

static void
test_settings(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char buf[32];

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_db_setting_get(t.db, "k", buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "");
	assert_int_equal(rel_db_setting_put(t.db, "k", "v1", &e), 0);
	assert_int_equal(rel_db_setting_put(t.db, "k", "v2", &e), 0);
	assert_int_equal(rel_db_setting_get(t.db, "k", buf, sizeof(buf), &e), 0);
	assert_string_equal(buf, "v2");
	tmpdb_close(&t);
}

static void
count_problem(void *ctx, const char *p)
{
	(void)p;
	(*(int *)ctx)++;
}

static void
test_check_and_backup(void **state)
{
	struct tmpdb t;
	struct rel_db *copy;
	struct rel_err e;
	char bk[PATH_MAX + 8];
	int n = 0;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_db_check(t.db, count_problem, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(rel_db_setting_put(t.db, "kept", "yes", &e), 0);
	snprintf(bk, sizeof(bk), "%s/bk.db", t.dir);
	assert_int_equal(rel_db_backup(t.db, bk, &e), 0);
	assert_int_equal(rel_db_open(&copy, bk, 0, &e), 0);
	{
		char buf[8];

		assert_int_equal(rel_db_setting_get(copy, "kept", buf,
		    sizeof(buf), &e), 0);
		assert_string_equal(buf, "yes");
	}
	rel_db_close(copy);
	assert_int_equal(rel_db_exec(t.db, "PRAGMA foreign_keys = OFF;"
	    "INSERT INTO grp (group_id, name, lead_adult, updated_at) "
	    "VALUES ('G', 'G', 42, 'x')", &e), 0);
	assert_int_equal(rel_db_check(t.db, count_problem, &n, &e), REL_EDATA);
	assert_int_equal(n, 1);
	assert_int_equal(rel_db_backup(t.db, "/tmp/rel-no-such-dir/b.db", &e),
	    REL_ECANTCREAT);
	tmpdb_close(&t);
}

static void
test_stmt_cache(void **state)
{
	static const char sql[] = "SELECT ?1 + 1";
	struct tmpdb t;
	sqlite3_stmt *a, *b;
	struct rel_err e;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_db_stmt(t.db, sql, &a, &e), 0);
	sqlite3_bind_int(a, 1, 41);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(a, 0), 42);
	assert_int_equal(rel_db_stmt(t.db, sql, &b, &e), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(sqlite3_step(b), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(b, 0), SQLITE_NULL);
	assert_int_equal(rel_db_stmt(t.db, "SELECT nonsense(", &b, &e),
	    REL_ESOFTWARE);
	tmpdb_close(&t);
}

/*
 * More statements part-way through their rows than the cache keeps idle,
 * each asked for while the others are stepping (as rel-init create
 * --sample does): none may be finalized under its caller. Under ASan or
 * valgrind, stepping one that was would be a use after free.
 */
static void
test_stmt_cache_busy(void **state)
{
	enum { N = 150 };
	static char sql[N][128];
	sqlite3_stmt *st[N], *again;
	struct tmpdb t;
	struct rel_err e;
	int i, row;

	(void)state;
	tmpdb_open(&t);
	for (i = 0; i < N; i++) {
		snprintf(sql[i], sizeof(sql[i]), "WITH RECURSIVE c(x) AS "
		    "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) "
		    "SELECT x * %d FROM c", i + 1);
		assert_int_equal(rel_db_stmt(t.db, sql[i], &st[i], &e), 0);
		assert_int_equal(sqlite3_step(st[i]), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st[i], 0), i + 1);
	}
	for (row = 2; row <= 3; row++)
		for (i = 0; i < N; i++) {
			assert_int_equal(sqlite3_step(st[i]), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int(st[i], 0),
			    row * (i + 1));
		}
	for (i = 0; i < N; i++)
		assert_int_equal(sqlite3_step(st[i]), SQLITE_DONE);
	/* Idle again, the cache may now give their places to new ones;
	 * each is still found, or prepared anew, by its text. */
	for (i = 0; i < N; i++) {
		assert_int_equal(rel_db_stmt(t.db, sql[i], &again, &e), 0);
		assert_int_equal(sqlite3_step(again), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(again, 0), i + 1);
	}
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_path_resolution),
		cmocka_unit_test(test_migrate_keeps_data),
		cmocka_unit_test(test_migrate_checkin_clustered),
		cmocka_unit_test(test_migrate_audit_chain),
		cmocka_unit_test(test_newer_refused),
		cmocka_unit_test(test_busy_is_75),
		cmocka_unit_test(test_rollback_and_savepoint),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_check_and_backup),
		cmocka_unit_test(test_stmt_cache),
		cmocka_unit_test(test_stmt_cache_busy),
	};

	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
