/*
 * test_checkin.c: writing check-ins (every field check, duplicates, the
 * author, the minute, the lookup memo), an import's sorted batches and
 * runs against writing row by row, listing them with each filter, and the
 * students nobody has checked in with; on a real database file.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "tmpdb.h"
#include "internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Students S1-S4 (S4 deactivated), adults A1-A3 (A3 deactivated), and A4,
 * the counselor, who reads the lists. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, grade, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', '9', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', '9', 'x'), "
	    " ('S3', 'Mei', 'King', '10', 'x'), "
	    " ('S4', 'Old', 'Gone', '10', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, login, "
	    " updated_at) VALUES ('A1', 'Ana', 'Silva', 'asilva', 'x'), "
	    " ('A2', 'Bo', 'Chen', NULL, 'x'), ('A3', 'Cy', 'Diaz', NULL, 'x');"
	    "UPDATE adult SET active = 0 WHERE adult_id = 'A3';"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x')", &e),
	    0);
}

/* One record in the kind's column order: student_id at adult_id kind
 * mood understanding workload note visibility (NULL: absent). */
static int
put(struct tmpdb *t, const char *const v[9], enum rel_outcome *out,
    struct rel_err *e)
{
	const struct rel_import_kind *k = rel_checkin_kind();
	size_t len[9], i;
	struct rel_rec r;

	for (i = 0; i < 9; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = 9;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "in.csv";
	r.line = 7;
	rel_err_clear(e);
	return k->write(t->db, &r, out, e);
}

/* The short form: student, at, adult, kind, mood. */
static int
put5(struct tmpdb *t, const char *student, const char *at,
    const char *adult, const char *kind, const char *mood,
    enum rel_outcome *out, struct rel_err *e)
{
	const char *v[9] = { student, at, adult, kind, mood, NULL, NULL, NULL,
		NULL };

	return put(t, v, out, e);
}

static char *
query(struct tmpdb *t, int missing, const struct rel_filter *f, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	cols = missing ? rel_missing_cols(&n) : rel_checkin_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	*rc = missing ? rel_checkin_missing(t->db, f, o, &e) :
	    rel_checkin_list(t->db, f, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

/* The output of a list or missing that must succeed. */
static void
expect(struct tmpdb *t, int missing, const struct rel_filter *f,
    const char *want)
{
	int rc;
	char *got = query(t, missing, f, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(got);
}

static void
test_kind_names(void **state)
{
	const struct rel_import_kind *k = rel_checkin_kind();
	const char *const *cols;
	size_t n, i;

	(void)state;
	assert_int_equal(rel_checkin_kind_code("checkin", 7), 0);
	assert_int_equal(rel_checkin_kind_code("EXIT_TICKET", 11), 1);
	assert_int_equal(rel_checkin_kind_code("Greeting", 8), 2);
	assert_int_equal(rel_checkin_kind_code("conference", 10), 3);
	assert_int_equal(rel_checkin_kind_code("greet", 5), -1);
	assert_int_equal(rel_checkin_kind_code("greetings", 9), -1);
	assert_int_equal(rel_checkin_kind_code("", 0), -1);
	/* only len bytes count */
	assert_int_equal(rel_checkin_kind_code("checkin, more", 7), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(rel_checkin_kind_code(rel_checkin_kind_name(
		    (int)i), strlen(rel_checkin_kind_name((int)i))), (int)i);
	assert_string_equal(rel_checkin_kind_name(4), "");
	assert_string_equal(rel_checkin_kind_name(-1), "");

	/* list writes what import reads */
	cols = rel_checkin_cols(&n);
	assert_int_equal(n, k->ncols);
	for (i = 0; i < n; i++)
		assert_string_equal(cols[i], k->cols[i].name);
	assert_true(k->cols[0].flags & REL_COL_REQUIRED);
	assert_true(k->cols[1].flags & REL_COL_REQUIRED);
	assert_false(k->cols[2].flags & REL_COL_REQUIRED);
	assert_string_equal(k->name, "check-ins");
	assert_string_equal(k->one, "check-in");
	cols = rel_missing_cols(&n);
	assert_int_equal(n, 6);
	assert_string_equal(cols[0], "student_id");
	assert_string_equal(cols[5], "days_since");
}

static void
test_write_fields(void **state)
{
	const char *full[9] = { "S1", "2026-11-10T14:30:59", "A2", "Exit_Ticket",
		"1", "5", "3", "two\nlines\tand a tab", "PRIVATE" };
	enum rel_outcome out;
	struct tmpdb t;
	struct rel_err e;
	sqlite3_stmt *st;

	(void)state;
	school(&t);
	assert_int_equal(put(&t, full, &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t.db), "SELECT "
	    "student, at, adult, kind, mood, understanding, workload, note, "
	    "visibility FROM checkin", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	/* 2026-11-10T14:30, the seconds dropped */
	assert_int_equal(sqlite3_column_int64(st, 1), 1794268800LL + 14 * 3600 +
	    30 * 60);
	assert_int_equal(sqlite3_column_int(st, 2), 2);
	assert_int_equal(sqlite3_column_int(st, 3), 1);
	assert_int_equal(sqlite3_column_int(st, 4), 1);
	assert_int_equal(sqlite3_column_int(st, 5), 5);
	assert_int_equal(sqlite3_column_int(st, 6), 3);
	assert_string_equal((const char *)sqlite3_column_text(st, 7),
	    "two\nlines\tand a tab");
	assert_int_equal(sqlite3_column_int(st, 8), REL_VIS_PRIVATE);
	sqlite3_finalize(st);

	/* the optional fields empty or absent: NULLs and the defaults */
	assert_int_equal(put5(&t, "S2", "2026-11-10", "", "", "", &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "student = 2 AND adult IS NULL AND kind = 0 AND mood IS NULL AND "
	    "understanding IS NULL AND workload IS NULL AND note IS NULL AND "
	    "visibility = 1"), 1);
	tmpdb_close(&t);
}

/* Each bad field: 65 naming the column and the value at file:line, and
 * nothing written. */
static void
bad(struct tmpdb *t, const char *const v[9], const char *col,
    const char *msg)
{
	enum rel_outcome out;
	struct rel_err e;
	char buf[1400];

	assert_int_equal(put(t, v, &out, &e), REL_EDATA);
	assert_string_equal(e.file, "in.csv");
	assert_int_equal(e.line, 7);
	assert_string_equal(e.column, col);
	rel_err_format(&e, buf, sizeof(buf));
	if (strstr(buf, msg) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", buf, msg);
	assert_int_equal(tmpdb_int(t, "SELECT count(*) FROM checkin"), 0);
}

static void
test_write_rejects(void **state)
{
	static const char *const cases[][11] = {
		{ "", "2026-11-10", 0, 0, 0, 0, 0, 0, 0, "student_id",
		  "student_id: is empty" },
		{ "S9", "2026-11-10", 0, 0, 0, 0, 0, 0, 0, "student_id",
		  "in.csv:7: student_id: \"S9\" is not a known student" },
		{ "S4", "2026-11-10", 0, 0, 0, 0, 0, 0, 0, "student_id",
		  "\"S4\" is deactivated (rel-roster set student S4" },
		{ "S1", "2026-11-10", "A9", 0, 0, 0, 0, 0, 0, "adult_id",
		  "in.csv:7: adult_id: \"A9\" is not a known adult" },
		{ "S1", "2026-11-10", " A1", 0, 0, 0, 0, 0, 0, "adult_id",
		  "has spaces around it" },
		{ "S1", "", 0, 0, 0, 0, 0, 0, 0, "at",
		  "at: is empty; expected a date-time" },
		{ "S1", "2026-13-01", 0, 0, 0, 0, 0, 0, 0, "at",
		  "at: \"2026-13-01\" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) "
		  "or a date (YYYY-MM-DD)" },
		{ "S1", "2026-02-29T10:00", 0, 0, 0, 0, 0, 0, 0, "at",
		  "\"2026-02-29T10:00\" is not a date-time" },
		{ "S1", "14d", 0, 0, 0, 0, 0, 0, 0, "at", "\"14d\" is not" },
		{ "S1", "2026-11-10", 0, "hello", 0, 0, 0, 0, 0, "kind",
		  "kind: \"hello\" is not checkin, exit_ticket, greeting or "
		  "conference" },
		{ "S1", "2026-11-10", 0, 0, "6", 0, 0, 0, 0, "mood",
		  "mood: \"6\" is not a whole number from 1 to 5" },
		{ "S1", "2026-11-10", 0, 0, "0", 0, 0, 0, 0, "mood",
		  "mood: \"0\" is not a whole number from 1 to 5" },
		{ "S1", "2026-11-10", 0, 0, "x", 0, 0, 0, 0, "mood",
		  "mood: \"x\" is not" },
		{ "S1", "2026-11-10", 0, 0, 0, "-3", 0, 0, 0, "understanding",
		  "understanding: \"-3\" is not" },
		{ "S1", "2026-11-10", 0, 0, 0, 0, "4.0", 0, 0, "workload",
		  "workload: \"4.0\" is not" },
		{ "S1", "2026-11-10", 0, 0, 0, 0, 0, "bell\a", 0, "note",
		  "has a control character" },
		{ "S1", "2026-11-10", 0, 0, 0, 0, 0, 0, "public", "visibility",
		  "visibility: \"public\" is not staff, team or private" },
	};
	char longnote[4100];
	const char *v[9];
	struct tmpdb t;
	size_t i, j;

	(void)state;
	school(&t);
	for (i = 0; i < NELEM(cases); i++) {
		for (j = 0; j < 9; j++)
			v[j] = cases[i][j];
		bad(&t, v, cases[i][9], cases[i][10]);
	}
	memset(longnote, 'n', sizeof(longnote) - 1);
	longnote[sizeof(longnote) - 1] = '\0';
	for (j = 0; j < 9; j++)
		v[j] = NULL;
	v[0] = "S1";
	v[1] = "2026-11-10";
	v[7] = longnote;
	bad(&t, v, "note", "is longer than 4000 bytes");
	tmpdb_close(&t);
}

static void
test_duplicates_and_minutes(void **state)
{
	enum rel_outcome out;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00:10", "A1", NULL, "3",
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	/* the same minute, student, adult and kind: a duplicate, the first
	 * one kept */
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00:59", "A1", "checkin",
	    "5", &out, &e), 0);
	assert_int_equal(out, REL_DUPLICATE);
	assert_int_equal(tmpdb_int(&t, "SELECT mood FROM checkin"), 3);
	/* another kind, adult, minute or student is another check-in */
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00", "A1", "greeting",
	    NULL, &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00", "A2", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:01", "A1", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(put5(&t, "S2", "2026-11-10T08:00", "A1", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	/* no adult twice is a duplicate too */
	assert_int_equal(put5(&t, "S3", "2026-11-10T08:00", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(put5(&t, "S3", "2026-11-10T08:00:30", "", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_DUPLICATE);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 6);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "at % 60 <> 0"), 0);

	/* before 1970 the minute is still the one at or before */
	assert_int_equal(put5(&t, "S2", "1969-12-31T23:59:30", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT at FROM checkin WHERE at < 0"),
	    -60);
	/* an offset is converted to local time, here UTC */
	setenv("TZ", "UTC", 1);
	assert_int_equal(put5(&t, "S2", "2026-11-10T10:00:00+02:00", NULL, NULL,
	    NULL, &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "student = 2 AND adult IS NULL AND at = 1794268800 + 8 * 3600"),
	    1);

	/* the schema itself refuses a time that is not a whole minute, and
	 * ON CONFLICT DO NOTHING does not hide that */
	assert_int_not_equal(rel_db_exec(t.db, "INSERT INTO checkin (student, "
	    "at, adult_key) VALUES (1, 30, 0) ON CONFLICT DO NOTHING", &e), 0);
	tmpdb_close(&t);
}

static void
test_author(void **state)
{
	struct rel_actor a;
	enum rel_outcome out;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	unsetenv("REL_AS");
	setenv("USER", "nobody-at-all", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(a.id, 0);
	/* no acting adult and no adult_id: no author (a student's form) */
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "adult IS NULL"), 1);
	/* the acting adult fills an empty adult_id, not a given one */
	assert_int_equal(rel_actor_find(t.db, "A2", &a, &e), 0);
	assert_int_equal(put5(&t, "S2", "2026-11-10T08:00", "", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(put5(&t, "S3", "2026-11-10T08:00", "A1", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM checkin WHERE "
	    "student = 2"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM checkin WHERE "
	    "student = 3"), 1);
	/* an adult who has left still wrote what they wrote */
	assert_int_equal(put5(&t, "S1", "2026-09-10T08:00", "A3", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "adult = 3"), 1);
	tmpdb_close(&t);
}

/* The memo of the last lookups must never outlive what it remembers. */
static void
test_lookup_memo(void **state)
{
	struct tmpdb t, u;
	enum rel_outcome out;
	struct rel_db *other;
	struct rel_err e;

	(void)state;
	school(&t);
	/* in one transaction: a deactivation on this handle is seen */
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(put5(&t, "S1", "2026-11-10T08:00", "A1", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(put5(&t, "S1", "2026-11-10T09:00", "A1", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(rel_db_exec(t.db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S1'", &e), 0);
	assert_int_equal(put5(&t, "S1", "2026-11-10T10:00", NULL, NULL, NULL,
	    &out, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "deactivated"));
	rel_db_rollback(t.db);

	/* across transactions: another connection's commit is seen */
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(put5(&t, "S2", "2026-11-10T08:00", "A2", NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_int_equal(rel_db_open(&other, t.path, 0, &e), 0);
	assert_int_equal(rel_db_exec(other, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S2'", &e), 0);
	rel_db_close(other);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(put5(&t, "S2", "2026-11-10T09:00", "A2", NULL, NULL,
	    &out, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "deactivated"));
	rel_db_rollback(t.db);

	/* outside a transaction nothing is remembered */
	assert_int_equal(put5(&t, "S3", "2026-11-10T08:00", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(rel_db_exec(t.db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S3'", &e), 0);
	assert_int_equal(put5(&t, "S3", "2026-11-10T09:00", NULL, NULL, NULL,
	    &out, &e), REL_EDATA);

	/* another database where the same id is another rowid */
	tmpdb_open(&u);
	assert_int_equal(rel_db_exec(u.db, "INSERT INTO student (student_id, "
	    "given_name, family_name, updated_at) VALUES ('S0', 'a', 'b', 'x'), "
	    "('S3', 'c', 'd', 'x')", &e), 0);
	assert_int_equal(rel_db_exec(t.db, "UPDATE student SET active = 1", &e),
	    0);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(put5(&t, "S3", "2026-11-11T08:00", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(rel_db_begin(u.db, &e), 0);
	assert_int_equal(put5(&u, "S3", "2026-11-11T08:00", NULL, NULL, NULL,
	    &out, &e), 0);
	assert_int_equal(rel_db_commit(u.db, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_int_equal(tmpdb_int(&u, "SELECT student FROM checkin"), 2);
	tmpdb_close(&u);
	tmpdb_close(&t);
}

/* Today is 2026-11-20 (REL_NOW). */
static void
logged(struct tmpdb *t)
{
	static const char *const rows[][9] = {
		{ "S1", "2026-11-02T08:05", "A2", "greeting", 0, 0, 0, 0, 0 },
		{ "S1", "2026-11-10T14:30", "A1", "checkin", "4", "3", "2",
		  "puppy, tired", "team" },
		{ "S1", "2026-11-18T09:00", "A1", "exit_ticket", 0, "4", 0, 0,
		  "staff" },
		{ "S2", "2026-10-20T10:00", "A1", "conference", "3", 0, "5",
		  "exams", "private" },
		{ "S2", "2026-11-19T08:00", "A2", "greeting", 0, 0, 0, 0, 0 },
		{ "S4", "2026-11-19T08:00", "A2", "greeting", 0, 0, 0, 0, 0 },
	};
	enum rel_outcome out;
	struct rel_actor a;
	struct rel_err e;
	size_t i;

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	school(t);
	/* S4 had a check-in before being deactivated */
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 1",
	    &e), 0);
	for (i = 0; i < NELEM(rows); i++)
		assert_int_equal(put(t, rows[i], &out, &e), 0);
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S4'; CREATE TEMP TABLE IF NOT EXISTS rel_set "
	    "(id INTEGER PRIMARY KEY)", &e), 0);
	/* The lists read as the counselor, who sees every check-in:
	 * these tests check what a list writes, not who may see it. */
	assert_int_equal(rel_actor_find(t->db, "A4", &a, &e), 0);
}

#define HDR "student_id,at,adult_id,kind,mood,understanding,workload,note," \
    "visibility\n"
#define R1 "S1,2026-11-02T08:05:00,A2,greeting,,,,,team\n"
#define R2 "S1,2026-11-10T14:30:00,A1,checkin,4,3,2,\"puppy, tired\",team\n"
#define R3 "S1,2026-11-18T09:00:00,A1,exit_ticket,,4,,,staff\n"
#define R4 "S2,2026-10-20T10:00:00,A1,conference,3,,5,exams,private\n"
#define R5 "S2,2026-11-19T08:00:00,A2,greeting,,,,,team\n"
#define R6 "S4,2026-11-19T08:00:00,A2,greeting,,,,,team\n"

static void
test_list(void **state)
{
	struct rel_filter f;
	struct rel_err e;
	struct tmpdb t;
	char *got;
	int rc;

	(void)state;
	logged(&t);
	rel_filter_init(&f);
	/* a deactivated student's check-ins only when named */
	expect(&t, 0, &f, HDR R1 R2 R3 R4 R5);
	f.student = "S4";
	expect(&t, 0, &f, HDR R6);
	f.student = "S1";
	expect(&t, 0, &f, HDR R1 R2 R3);
	f.student = "S3";
	expect(&t, 0, &f, HDR);
	f.student = NULL;
	f.adult = "A2";
	expect(&t, 0, &f, HDR R1 R5);
	f.adult = NULL;
	f.kind = "GREETING";
	expect(&t, 0, &f, HDR R1 R5);
	f.kind = NULL;
	assert_int_equal(rel_filter_times(&f, "2026-11-10T14:30",
	    "2026-11-18", &e), 0);
	expect(&t, 0, &f, HDR R2 R3);
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, "2d", NULL, &e), 0);
	expect(&t, 0, &f, HDR R3 R5);

	/* --last: the newest N of each student, within the other filters */
	rel_filter_init(&f);
	f.last = 1;
	expect(&t, 0, &f, HDR R3 R5);
	f.student = "S4";
	expect(&t, 0, &f, HDR R6);
	f.student = NULL;
	f.last = 2;
	f.adult = "A1";
	expect(&t, 0, &f, HDR R2 R3 R4);
	f.adult = NULL;
	assert_int_equal(rel_filter_times(&f, NULL, "2026-11-15", &e), 0);
	expect(&t, 0, &f, HDR R1 R2 R4);

	/* the set */
	rel_filter_init(&f);
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set "
	    "VALUES (2), (3), (4)", &e), 0);
	f.set = 1;
	expect(&t, 0, &f, HDR R4 R5 R6);
	f.last = 1;
	expect(&t, 0, &f, HDR R5 R6);

	/* bad filters */
	rel_filter_init(&f);
	f.kind = "hello";
	got = query(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	assert_string_equal(got, "");
	free(got);
	f.kind = NULL;
	f.student = "S9";
	got = query(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(got);
	f.student = NULL;
	f.adult = "A9";
	got = query(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(got);
	f.adult = NULL;
	f.last = -1;
	got = query(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(got);
	tmpdb_close(&t);
}

#define MHDR "student_id,given_name,family_name,grade,last_checkin," \
    "days_since\n"

static void
test_missing(void **state)
{
	struct rel_filter f;
	struct rel_err e;
	struct tmpdb t;
	char *got;
	int rc;

	(void)state;
	logged(&t);
	rel_filter_init(&f);
	/* with no since, every active student who never had one */
	expect(&t, 1, &f, MHDR "S3,Mei,King,10,,\n");
	assert_int_equal(rel_filter_times(&f, "14d", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S3,Mei,King,10,,\n");
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, "2026-11-19", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S3,Mei,King,10,,\n"
	    "S1,Zoë,Ñuñez,9,2026-11-18,2\n");
	assert_int_equal(rel_filter_times(&f, "today", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S3,Mei,King,10,,\n"
	    "S1,Zoë,Ñuñez,9,2026-11-18,2\n"
	    "S2,Liam,O'Connor,9,2026-11-19,1\n");
	/* only one kind, or one adult, counts */
	f.kind = "checkin";
	assert_int_equal(rel_filter_times(&f, "2026-11-01", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S2,Liam,O'Connor,9,,\nS3,Mei,King,10,,\n");
	f.kind = NULL;
	f.adult = "A1";
	assert_int_equal(rel_filter_times(&f, "2026-11-15", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S3,Mei,King,10,,\n"
	    "S2,Liam,O'Connor,9,2026-10-20,31\n");
	/* the set; a deactivated student is never missing */
	f.adult = NULL;
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set "
	    "VALUES (1), (4)", &e), 0);
	f.set = 1;
	assert_int_equal(rel_filter_times(&f, "today", NULL, &e), 0);
	expect(&t, 1, &f, MHDR "S1,Zoë,Ñuñez,9,2026-11-18,2\n");
	f.set = 0;
	f.kind = "nope";
	got = query(&t, 1, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(got);
	f.kind = NULL;
	f.adult = "A9";
	got = query(&t, 1, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(got);
	tmpdb_close(&t);
}

/* An import of check-ins: the same minute written two ways in one
 * import is a repeat, a bad record; nothing is imported. */
static void
test_import(void **state)
{
	const struct rel_import_kind *k = rel_checkin_kind();
	struct rel_import_count c;
	struct rel_import_opts o;
	char path[PATH_MAX + 8], line[256];
	const char *files[1];
	struct rel_err e;
	struct tmpdb t;
	FILE *fp;

	(void)state;
	school(&t);
	snprintf(path, sizeof(path), "%s/c.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("student_id,at,adult_id,mood\n"
	    "S1,2026-11-10T08:00,A1,4\n"
	    "S1,2026-11-10T08:00:30,A1,5\n"
	    "S2,2026-11-10T08:00,A1,\n", fp);
	fclose(fp);
	files[0] = path;
	memset(&o, 0, sizeof(o));
	assert_int_equal(rel_import(t.db, files, 1, k, 1, &o, &c, &e),
	    REL_EDATA);
	rel_import_summary(k, &c, line, sizeof(line));
	assert_string_equal(line, "3 check-ins: 2 added, 0 updated, "
	    "0 unchanged, 1 bad");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 0);
	tmpdb_close(&t);
}


/* Every check-in, in a form that compares two databases. */
static char *
dump(struct tmpdb *t)
{
	sqlite3_stmt *st;
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	int i;

	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t->db),
	    "SELECT student, at, adult, kind, mood, understanding, workload, "
	    "note, visibility FROM checkin ORDER BY student, at, kind, adult",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < 9; i++)
			fprintf(fp, "%s%s", i ? "|" : "", sqlite3_column_type(st,
			    i) == SQLITE_NULL ? "NULL" :
			    (const char *)sqlite3_column_text(st, i));
		fputc('\n', fp);
	}
	sqlite3_finalize(st);
	fclose(fp);
	return buf;
}

/* The lines of a file (its rows, when no field holds a line break). */
static long
lines_of(const char *path)
{
	FILE *fp = fopen(path, "r");
	long n = 0;
	int ch;

	assert_non_null(fp);
	while ((ch = getc(fp)) != EOF)
		n += ch == '\n';
	fclose(fp);
	return n;
}

/*
 * An import sorts its rows into runs of rel_checkin_batch_rows and
 * merges them. Whatever the run length, the table must hold exactly what
 * writing each row as it comes holds: the same rows, the first of two
 * duplicates kept (their moods differ), the same counts, the same bad
 * rows; and a row that repeats an earlier one of the import (what a row
 * by row write counts as a duplicate) is a bad row, found within a run
 * and across runs, and rejected verbatim. 400 rows over three students and a few minutes make many
 * duplicates, within a run and across runs; S3's rows come in reverse
 * time order, and some rows name the deactivated S4 or an unknown S9.
 */
static void
test_import_runs(void **state)
{
	static const size_t runs[] = { 1, 3, 7, 64, 0 };
	const struct rel_import_kind *k = rel_checkin_kind();
	struct rel_import_count c;
	struct rel_import_opts o;
	char path[PATH_MAX + 8], rej[PATH_MAX + 8], line[256], want_line[256];
	const char *files[1];
	char *want, *got;
	unsigned x = 12345;
	struct rel_err e;
	struct tmpdb t;
	enum rel_outcome out;
	long held, nbad;
	size_t r;
	FILE *fp;
	int i, rc;

	(void)state;
	school(&t);
	snprintf(path, sizeof(path), "%s/c.csv", t.dir);
	snprintf(rej, sizeof(rej), "%s/rejects.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("student_id,at,adult_id,kind,mood,note\n", fp);
	for (i = 0; i < 400; i++) {
		static const char *const st[] = { "S1", "S2", "S3", "S3",
			"S4", "S9" };
		const char *s;
		int minute;

		x = x * 1103515245u + 12345u;
		s = st[(x >> 16) % (i % 50 == 0 ? 6 : 4)];
		minute = strcmp(s, "S3") == 0 ? 59 - i / 8 : i / 8;
		fprintf(fp, "%s,2026-11-10T08:%02d,A%u,%s,%u,%s\n", s, minute,
		    1 + (x >> 8) % 2, (x >> 4) % 3 ? "checkin" : "greeting",
		    1 + (x >> 12) % 5, (x >> 20) % 3 == 0 ? "\"a, \"\"b\"\"\"" :
		    (x >> 20) % 3 == 1 ? "plain" : "");
	}
	fclose(fp);

	/* Row by row, as an add writes them: the reference. */
	{
		struct rel_csv *in;
		const struct rel_csv_row *row;
		const char *v[9];
		long added = 0, dup = 0, bad = 0;

		assert_int_equal(rel_csv_open(&in, path, NULL, &e), 0);
		assert_int_equal(rel_csv_header(in, &row, &e), REL_CSV_ROW);
		while (rel_csv_next(in, &row, &e) == REL_CSV_ROW) {
			v[0] = row->f[0];
			v[1] = row->f[1];
			v[2] = row->f[2];
			v[3] = row->f[3];
			v[4] = row->f[4];
			v[5] = v[6] = NULL;
			v[7] = row->f[5];
			v[8] = NULL;
			rc = put(&t, v, &out, &e);
			if (rc == REL_EDATA)
				bad++;
			else {
				assert_int_equal(rc, 0);
				added += out == REL_ADDED;
				dup += out == REL_DUPLICATE;
			}
		}
		rel_csv_close(in);
		assert_true(dup > 100);
		assert_true(bad > 0);
		snprintf(want_line, sizeof(want_line), "400 check-ins: %ld added, "
		    "0 updated, 0 unchanged, %ld bad", added, dup + bad);
		held = added;
		nbad = dup + bad;
	}
	want = dump(&t);
	assert_int_equal(rel_db_exec(t.db, "DELETE FROM checkin", &e), 0);

	files[0] = path;
	for (r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		rel_checkin_batch_rows(runs[r]);
		memset(&o, 0, sizeof(o));
		o.rejects = rej;
		rc = rel_import(t.db, files, 1, k, 1, &o, &c, &e);
		assert_int_equal(rc, REL_EDATA);	/* rows rejected */
		rel_import_summary(k, &c, line, sizeof(line));
		assert_string_equal(line, want_line);
		got = dump(&t);
		assert_string_equal(got, want);
		free(got);
		/* Every bad row is in the rejects file, each once. */
		assert_int_equal(lines_of(rej), nbad + 1);
		/* Again: every row kept is now a duplicate; the repeats are
		 * still repeats. */
		rc = rel_import(t.db, files, 1, k, 1, &o, &c, &e);
		assert_int_equal(rc, REL_EDATA);
		assert_int_equal(c.n[REL_ADDED], 0);
		assert_int_equal(c.n[REL_DUPLICATE], held);
		assert_int_equal(c.rejected, nbad);
		got = dump(&t);
		assert_string_equal(got, want);
		free(got);
		assert_int_equal(rel_db_exec(t.db, "DELETE FROM checkin", &e), 0);
	}
	rel_checkin_batch_rows(0);
	free(want);
	tmpdb_close(&t);
}

/* Runs go to $TMPDIR: where it cannot be written, the import fails
 * with 73, saying where, and writes nothing; where it can, the runs are
 * left nowhere once the import is done. */
static void
test_import_tmpdir(void **state)
{
	const struct rel_import_kind *k = rel_checkin_kind();
	struct rel_import_count c;
	struct rel_import_opts o;
	char path[PATH_MAX + 8], cmd[PATH_MAX + 64];
	const char *files[1];
	struct rel_err e;
	struct tmpdb t;
	FILE *fp;
	int i;

	(void)state;
	school(&t);
	snprintf(path, sizeof(path), "%s/c.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("student_id,at,adult_id\n", fp);
	for (i = 0; i < 10; i++)
		fprintf(fp, "S%d,2026-11-10T08:%02d,A1\n", 1 + i % 3, i);
	fclose(fp);
	files[0] = path;
	memset(&o, 0, sizeof(o));
	rel_checkin_batch_rows(3);
	setenv("TMPDIR", "/nonexistent/rel", 1);
	assert_int_equal(rel_import(t.db, files, 1, k, 1, &o, &c, &e),
	    REL_ECANTCREAT);
	assert_string_equal(e.msg, "cannot make the temporary file that sorts "
	    "the check-ins (TMPDIR=/nonexistent/rel): No such file or "
	    "directory");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 0);
	snprintf(cmd, sizeof(cmd), "%s/tmp", t.dir);
	assert_int_equal(mkdir(cmd, 0700), 0);
	setenv("TMPDIR", cmd, 1);
	assert_int_equal(rel_import(t.db, files, 1, k, 1, &o, &c, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 10);
	assert_int_equal(rmdir(cmd), 0);	/* empty */
	unsetenv("TMPDIR");
	rel_checkin_batch_rows(0);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_write_fields),
		cmocka_unit_test(test_write_rejects),
		cmocka_unit_test(test_duplicates_and_minutes),
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_lookup_memo),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_import_runs),
		cmocka_unit_test(test_import_tmpdir),
	};

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	return cmocka_run_group_tests_name("checkin", tests, NULL, NULL);
}
