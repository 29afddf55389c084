/*
 * test_indicator.c: indicators written as the importer writes them, every
 * rejection, the update rule, the list, the summary's window and rate,
 * who sees what, wide input through rel_import, and the sample's
 * indicators, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"
#include "internal.h"

/* Students S1-S3, and S4 deactivated. A1 a teacher connected to S2; A4
 * the counselor. Today is 2026-11-20. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_indicator", 1);
	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, grade, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', '9', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', '10', 'x'), "
	    " ('S3', 'Mei', 'King', '11', 'x'), ('S4', 'Old', 'Gone', '12', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x');"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (2, 1, 2, '2026-09-01', 'x')", &e), 0);
}

static void
act(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
}

#define NCOLS 5

static int
put(struct tmpdb *t, const char *student, const char *date, const char *name,
    const char *value, const char *source, enum rel_outcome *o,
    struct rel_err *e)
{
	const char *v[NCOLS] = { student, date, name, value, source };
	size_t len[NCOLS], i;
	struct rel_rec r;

	for (i = 0; i < NCOLS; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = NCOLS;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "ind.csv";
	r.line = 2;
	rel_err_clear(e);
	return rel_indicator_kind()->write(t->db, &r, o, e);
}

static void
ok(struct tmpdb *t, const char *student, const char *date, const char *name,
    const char *value)
{
	enum rel_outcome o;
	struct rel_err e;

	if (put(t, student, date, name, value, NULL, &o, &e) != 0)
		fail_msg("%s: %s", e.column, e.msg);
}

/* A bad record: 65, naming col, with msg in its message, nothing
 * written. */
static void
bad(struct tmpdb *t, const char *student, const char *date, const char *name,
    const char *value, const char *source, const char *col, const char *msg)
{
	long long before = tmpdb_int(t, "SELECT count(*) FROM indicator");
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, student, date, name, value, source, &o, &e),
	    REL_EDATA);
	assert_string_equal(e.column, col);
	if (strstr(e.msg, msg) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", e.msg, msg);
	assert_int_equal(tmpdb_int(t, "SELECT count(*) FROM indicator"),
	    before);
}

static void
test_columns(void **state)
{
	const struct rel_import_kind *k = rel_indicator_kind();
	const char *const *names;
	size_t n, i;

	(void)state;
	names = rel_indicator_cols(&n);
	assert_int_equal(n, k->ncols);
	assert_int_equal(n, NCOLS);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], k->cols[i].name);
	assert_string_equal(k->name, "indicators");
	assert_string_equal(k->one, "indicator");
	assert_int_equal(rel_indicator_wide()->name, 2);
	assert_int_equal(rel_indicator_wide()->value, 3);
}

static void
test_names(void **state)
{
	char long_name[66];

	(void)state;
	assert_true(rel_indicator_name_ok("attendance", 10));
	assert_true(rel_indicator_name_ok("grade_math", 10));
	assert_true(rel_indicator_name_ok("q2_b", 4));
	assert_true(rel_indicator_name_ok("x", 1));
	assert_false(rel_indicator_name_ok("", 0));
	assert_false(rel_indicator_name_ok("Attendance", 10));
	assert_false(rel_indicator_name_ok("_x", 2));
	assert_false(rel_indicator_name_ok("2x", 2));
	assert_false(rel_indicator_name_ok("a-b", 3));
	assert_false(rel_indicator_name_ok("a b", 3));
	assert_false(rel_indicator_name_ok("é", strlen("é")));
	memset(long_name, 'a', sizeof(long_name));
	assert_true(rel_indicator_name_ok(long_name, 64));
	assert_false(rel_indicator_name_ok(long_name, 65));
}

static void
test_bad_records_change_nothing(void **state)
{
	struct tmpdb t;

	(void)state;
	school(&t);
	bad(&t, "S9", "2026-11-02", "belonging", "3", NULL, "student_id",
	    "is not a known student");
	bad(&t, "S4", "2026-11-02", "belonging", "3", NULL, "student_id",
	    "is deactivated");
	bad(&t, NULL, "2026-11-02", "belonging", "3", NULL, "student_id",
	    "is empty");
	bad(&t, "S1", NULL, "belonging", "3", NULL, "date", "is empty");
	bad(&t, "S1", "2026-02-29", "belonging", "3", NULL, "date",
	    "is not a date (YYYY-MM-DD)");
	bad(&t, "S1", "2026-11-02 08:00", "belonging", "3", NULL, "date",
	    "is a date-time");
	bad(&t, "S1", "2026-11-02T08:00:00", "belonging", "3", NULL, "date",
	    "is a date-time");
	bad(&t, "S1", "2026-11-21", "belonging", "3", NULL, "date",
	    "is after today, 2026-11-20");
	bad(&t, "S1", "2026-11-02", NULL, "3", NULL, "name", "is empty");
	bad(&t, "S1", "2026-11-02", "Belonging", "3", NULL, "name",
	    "is not an indicator name");
	bad(&t, "S1", "2026-11-02", "belonging", NULL, NULL, "value",
	    "is empty");
	bad(&t, "S1", "2026-11-02", "belonging", "three", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "0x1p3", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "INF", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "-nan", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "1e400", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "3.", "x\ny", "source",
	    "has a control character");
	bad(&t, "S1", "2026-11-02", "belonging", "1..2", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "+", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "belonging", "\t3", NULL, "value",
	    "is not a number");
	bad(&t, "S1", "2026-11-02", "attendance", "1.0001", NULL, "value",
	    "is not an attendance value");
	bad(&t, "S1", "2026-11-02", "attendance", "-0.5", NULL, "value",
	    "is not an attendance value");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator"), 0);
	/* The edges that are fine. */
	ok(&t, "S1", "2026-11-20", "attendance", "0");
	ok(&t, "S1", "2026-11-19", "attendance", "1");
	ok(&t, "S1", "2026-11-18", "attendance", ".5");
	ok(&t, "S1", "2026-11-18", "belonging", "3.");
	ok(&t, "S1", "2026-11-18", "tiny", "1e-400");
	ok(&t, "S1", "2026-11-18", "neg", "-12.5E+1");
	assert_int_equal(tmpdb_int(&t, "SELECT value * 10 FROM indicator "
	    "WHERE name = 'neg'"), -1250);
	tmpdb_close(&t);
}

static void
test_update_rule(void **state)
{
	enum rel_outcome o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "3", NULL,
	    &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "3.0", NULL,
	    &o, &e), 0);
	assert_int_equal(o, REL_UNCHANGED);
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "4", NULL,
	    &o, &e), 0);
	assert_int_equal(o, REL_UPDATED);
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "4",
	    "survey", &o, &e), 0);
	assert_int_equal(o, REL_UPDATED);
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "4",
	    "survey", &o, &e), 0);
	assert_int_equal(o, REL_UNCHANGED);
	/* An empty source replaces one. */
	assert_int_equal(put(&t, "S1", "2026-11-02", "belonging", "4", "", &o,
	    &e), 0);
	assert_int_equal(o, REL_UPDATED);
	/* Another day, name or student is another indicator. */
	assert_int_equal(put(&t, "S1", "2026-11-03", "belonging", "4", NULL,
	    &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put(&t, "S1", "2026-11-02", "participation", "4",
	    NULL, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put(&t, "S2", "2026-11-02", "belonging", "4", NULL,
	    &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator "
	    "WHERE source IS NULL"), 4);
	tmpdb_close(&t);
}

/* What list or summary writes, as CSV; the status in *rc. */
static char *
out(struct tmpdb *t, int summary, const struct rel_indicator_filter *f,
    int32_t from, int32_t to, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	cols = summary ? rel_indicator_summary_cols(&n) :
	    rel_indicator_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rel_err_clear(&e);
	*rc = summary ? rel_indicator_summary(t->db, f, from, to, o, &e) :
	    rel_indicator_list(t->db, f, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
out_is(struct tmpdb *t, int summary, const struct rel_indicator_filter *f,
    int32_t from, int32_t to, const char *want)
{
	int rc;
	char *s = out(t, summary, f, from, to, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(s, want);
	free(s);
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(rel_date_parse(s, strlen(s), &d), 0);
	return d;
}

#define SHEAD "student_id,given_name,family_name,name,from,to,values,mean," \
	"latest,latest_on,previous_mean,change,rate\n"

static void
test_summary_window(void **state)
{
	struct rel_indicator_filter f;
	int32_t today, from, to;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	today = rel_today();
	/* D-60 out, D-59 and D-30 previous, D-29 and D in. */
	ok(&t, "S1", "2026-09-21", "attendance", "0");
	ok(&t, "S1", "2026-09-22", "attendance", "1");
	ok(&t, "S1", "2026-10-21", "attendance", "0.5");
	ok(&t, "S1", "2026-10-22", "attendance", "1");
	ok(&t, "S1", "2026-11-20", "attendance", "0");
	ok(&t, "S2", "2026-10-21", "belonging", "2");
	ok(&t, "S3", "2026-11-01", "belonging", "4");
	ok(&t, "S3", "2026-11-02", "belonging", "5");
	assert_int_equal(rel_indicator_window(NULL, NULL, NULL, &from, &to,
	    &e), 0);
	assert_int_equal(to, today);
	assert_int_equal(from, today - 29);
	assert_int_equal(from, day("2026-10-22"));
	rel_indicator_filter_init(&f);
	/* S2 has nothing in the window: no row. */
	out_is(&t, 1, &f, from, to, SHEAD
	    "S1,Zoë,Ñuñez,attendance,2026-10-22,2026-11-20,2,0.50,0,"
	    "2026-11-20,0.75,-0.25,50.0\n"
	    "S3,Mei,King,belonging,2026-10-22,2026-11-20,2,4.50,5,2026-11-02,"
	    ",,\n");
	/* The window before: D-60 is now its previous window's last day. */
	assert_int_equal(rel_indicator_window(NULL, "2026-10-21", NULL, &from,
	    &to, &e), 0);
	f.names = "attendance";
	out_is(&t, 1, &f, from, to, SHEAD
	    "S1,Zoë,Ñuñez,attendance,2026-09-22,2026-10-21,2,0.75,0.5,"
	    "2026-10-21,0.00,0.75,75.0\n");
	/* --days and --since. */
	assert_int_equal(rel_indicator_window(NULL, NULL, "1", &from, &to, &e),
	    0);
	assert_int_equal(from, today);
	assert_int_equal(rel_indicator_window("2026-11-01", "2026-11-10",
	    NULL, &from, &to, &e), 0);
	assert_int_equal(to - from + 1, 10);
	assert_int_equal(rel_indicator_window("2026-11-01", NULL, "7", &from,
	    &to, &e), REL_EUSAGE);
	assert_int_equal(rel_indicator_window(NULL, NULL, "0", &from, &to, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_indicator_window(NULL, NULL, "3661", &from, &to,
	    &e), REL_EUSAGE);
	assert_int_equal(rel_indicator_window("2026-11-21", NULL, NULL, &from,
	    &to, &e), REL_EUSAGE);
	assert_int_equal(rel_indicator_window(NULL, "soon", NULL, &from, &to,
	    &e), REL_EUSAGE);
	assert_string_equal(e.column, "--until");
	tmpdb_close(&t);
}

/* The attendance rate is the plain mean of the days with a value, times
 * 100, from the unrounded mean; rel-flag's rule reads the same. */
static void
test_rate(void **state)
{
	struct rel_indicator_filter f;
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	ok(&t, "S1", "2026-11-16", "attendance", "1");
	ok(&t, "S1", "2026-11-17", "attendance", "1");
	ok(&t, "S1", "2026-11-18", "attendance", "0.5");
	ok(&t, "S2", "2026-11-16", "attendance", "1");
	ok(&t, "S2", "2026-11-17", "attendance", "0");
	ok(&t, "S2", "2026-11-18", "attendance", "0");
	ok(&t, "S3", "2026-11-16", "participation", "0.5");
	rel_indicator_filter_init(&f);
	out_is(&t, 1, &f, day("2026-10-22"), day("2026-11-20"), SHEAD
	    "S1,Zoë,Ñuñez,attendance,2026-10-22,2026-11-20,3,0.83,0.5,"
	    "2026-11-18,,,83.3\n"
	    "S2,Liam,O'Connor,attendance,2026-10-22,2026-11-20,3,0.33,0,"
	    "2026-11-18,,,33.3\n"
	    "S3,Mei,King,participation,2026-10-22,2026-11-20,1,0.50,0.5,"
	    "2026-11-16,,,\n");
	assert_int_equal(tmpdb_int(&t, "SELECT round(avg(value) * 1000) FROM "
	    "indicator WHERE name = 'attendance' AND student = 1 AND day "
	    "BETWEEN date('2026-11-20', '-29 days') AND '2026-11-20'"), 833);
	tmpdb_close(&t);
}

static void
test_list_and_visibility(void **state)
{
	struct rel_indicator_filter f;
	struct rel_err e;
	struct tmpdb t;
	int rc;
	char *s;

	(void)state;
	school(&t);
	ok(&t, "S1", "2026-11-02", "belonging", "0.1");
	ok(&t, "S2", "2026-11-02", "belonging", "4");
	ok(&t, "S2", "2026-11-01", "belonging", "3");
	ok(&t, "S2", "2026-11-01", "attendance", "1");
	/* Written while S4 was still active. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO indicator (student, "
	    "name, day, value) VALUES (4, 'attendance', '2026-11-01', 1)", &e),
	    0);
	rel_indicator_filter_init(&f);
	/* No acting adult: none. */
	out_is(&t, 0, &f, 0, 0, "student_id,date,name,value,source\n");
	act(&t, "A1");
	out_is(&t, 0, &f, 0, 0, "student_id,date,name,value,source\n"
	    "S2,2026-11-01,attendance,1,\n"
	    "S2,2026-11-01,belonging,3,\n"
	    "S2,2026-11-02,belonging,4,\n");
	act(&t, "A4");
	f.names = "belonging";
	f.since = day("2026-11-02");
	out_is(&t, 0, &f, 0, 0, "student_id,date,name,value,source\n"
	    "S1,2026-11-02,belonging,0.1,\n"
	    "S2,2026-11-02,belonging,4,\n");
	/* The deactivated student when named, or for an export. */
	rel_indicator_filter_init(&f);
	f.student = "S4";
	out_is(&t, 0, &f, 0, 0, "student_id,date,name,value,source\n"
	    "S4,2026-11-01,attendance,1,\n");
	f.student = NULL;
	f.inactive = 1;
	f.names = "attendance";
	out_is(&t, 0, &f, 0, 0, "student_id,date,name,value,source\n"
	    "S2,2026-11-01,attendance,1,\n"
	    "S4,2026-11-01,attendance,1,\n");
	f.names = "attendance,Bad";
	s = out(&t, 0, &f, 0, 0, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	rel_indicator_filter_init(&f);
	f.student = "S9";
	s = out(&t, 0, &f, 0, 0, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(s);
	rel_indicator_filter_init(&f);
	assert_int_equal(rel_indicator_days(&f, "2026-11-02", "2026-11-01",
	    &e), REL_EUSAGE);
	/* Team rows: nothing for the audit. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 0);
	tmpdb_close(&t);
}

/* A file for rel_import. */
static const char *
file(struct tmpdb *t, const char *name, const char *text)
{
	static char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
test_wide(void **state)
{
	struct rel_import_count c;
	struct rel_import_opts o;
	struct rel_csv_renames *map;
	struct rel_err e;
	struct tmpdb t;
	const char *p;
	char rj[PATH_MAX];

	(void)state;
	school(&t);
	memset(&o, 0, sizeof(o));
	o.wide = rel_indicator_wide();
	assert_int_equal(rel_csv_renames_parse(&map, "student_id=Student,"
	    "belonging=Belonging (1-5)", &e), 0);
	o.map = map;
	p = file(&t, "w.csv", "Student,date,Belonging (1-5),participation\n"
	    "S1,2026-11-18,4,2.5\n"
	    "S2,2026-11-18,,3\n"
	    "S3,2026-11-18,,\n");
	assert_int_equal(rel_import(t.db, &p, 1, rel_indicator_kind(), 1, &o,
	    &c, &e), 0);
	assert_int_equal(c.rows, 3);
	assert_int_equal(c.n[REL_ADDED], 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator "
	    "WHERE name = 'belonging' AND value = 4"), 1);
	/* A bad cell: the whole row out, its values counted bad, the file
	 * named by its header. */
	p = file(&t, "b.csv", "Student,date,Belonging (1-5),participation\n"
	    "S1,2026-11-19,5,x\n"
	    "S2,2026-11-19,4,3\n");
	assert_int_equal(rel_import(t.db, &p, 1, rel_indicator_kind(), 1, &o,
	    &c, &e), REL_EDATA);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator"), 3);
	snprintf(rj, sizeof(rj), "%s/rejects.csv", t.dir);
	o.rejects = rj;
	assert_int_equal(rel_import(t.db, &p, 1, rel_indicator_kind(), 1, &o,
	    &c, &e), REL_EDATA);
	assert_int_equal(c.rows, 4);
	assert_int_equal(c.rejected, 2);
	assert_int_equal(c.n[REL_ADDED], 2);
	/* S1's belonging of the bad row was taken back. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator "
	    "WHERE day = '2026-11-19'"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator "
	    "WHERE day = '2026-11-19' AND student = 1"), 0);
	o.rejects = NULL;
	/* A header that is not a name, with no --map for it. */
	o.map = NULL;
	p = file(&t, "h.csv", "student_id,date,Belonging (1-5)\n"
	    "S1,2026-11-18,4\n");
	assert_int_equal(rel_import(t.db, &p, 1, rel_indicator_kind(), 1, &o,
	    &c, &e), REL_EDATA);
	assert_int_equal(e.line, 1);
	assert_non_null(strstr(e.msg, "rename the column with --map"));
	rel_csv_renames_free(map);
	tmpdb_close(&t);
}

static void
test_sample(void **state)
{
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	tmpdb_open(&t);
	assert_int_equal(rel_sample_fill(t.db, 200, 3, &e), 0);
	/* 64 a student: 60 weekdays of attendance, two surveys of two. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator"),
	    64 * tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "active = 1"));
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator WHERE "
	    "name = 'attendance' AND strftime('%w', day) IN ('0', '6')"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator WHERE "
	    "name = 'attendance' AND value NOT IN (0, 0.5, 1)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator WHERE "
	    "day >= '2026-11-20'"), 0);
	/* Some chronically absent students (70-89% over the last 30 days),
	 * and none below 70%. */
	assert_in_range(tmpdb_int(&t, "SELECT count(*) FROM (SELECT student, "
	    "avg(value) AS r FROM indicator WHERE name = 'attendance' "
	    "AND day >= '2026-10-22' GROUP BY student) WHERE r < 0.9"), 10, 60);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (SELECT student, "
	    "avg(value) AS r FROM indicator WHERE name = 'attendance' "
	    "AND day >= '2026-10-22' GROUP BY student) WHERE r < 0.7"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator WHERE "
	    "name IN ('belonging', 'adult_to_talk_to') AND (value NOT BETWEEN "
	    "1 AND 5 OR day NOT IN ('2026-09-09', '2026-11-11'))"), 0);
	assert_in_range(tmpdb_int(&t, "SELECT count(*) FROM indicator WHERE "
	    "name = 'belonging' AND day = '2026-11-11' AND value <= 2"), 4, 40);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad_records_change_nothing),
		cmocka_unit_test(test_update_rule),
		cmocka_unit_test(test_summary_window),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_list_and_visibility),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
