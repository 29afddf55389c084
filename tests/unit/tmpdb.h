/*
 * tmpdb.h: a real SQLite file in a fresh temporary directory, per test.
 */
#ifndef REL_TMPDB_H
#define REL_TMPDB_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct tmpdb {
	char dir[64];
	char path[PATH_MAX];
	struct rel_db *db;
};

static void
tmpdb_open(struct tmpdb *t)
{
	struct rel_err e;

	snprintf(t->dir, sizeof(t->dir), "/tmp/reltest.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/rel.db", t->dir);
	assert_int_equal(rel_db_open(&t->db, t->path, REL_DB_CREATE, &e), 0);
}

static void
tmpdb_close(struct tmpdb *t)
{
	char cmd[PATH_MAX + 16];

	rel_db_close(t->db);
	t->db = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

/* One integer from a query. */
static long long
tmpdb_int(struct tmpdb *t, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t->db), sql, -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
