/*
 * test_connection.c: marks, primary adults, gaps, caseloads, suggestions
 * and history, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"

/* Three students, three adults, an advisory led by A1 with S1 and S2, and
 * a club led by A2 with S2. S3 is in no group. */
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
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x'), ('A2', 'Bo', 'Chen', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'x');"
	    "INSERT INTO grp (group_id, name, kind, lead_adult, updated_at) "
	    " VALUES ('ADV', 'Advisory', 'advisory', 1, 'x'), "
	    " ('CLUB', 'Chess Club', 'club', 2, 'x');"
	    "INSERT INTO member (grp, student, updated_at) VALUES "
	    " (1, 1, 'x'), (1, 2, 'x'), (2, 2, 'x')", &e), 0);
}

static int
apply(struct tmpdb *t, enum rel_conn_verb v, const char *adult,
    const char *strength, const char *at, const char *s1, const char *s2,
    struct rel_import_count *c, struct rel_err *e)
{
	char *ids[2] = { (char *)(uintptr_t)s1, (char *)(uintptr_t)s2 };
	struct rel_conn_opts o;

	memset(&o, 0, sizeof(o));
	o.adult = adult;
	o.strength = strength;
	o.at = at;
	return rel_conn_apply(t->db, v, &o, ids, s2 ? 2 : 1, c, e);
}

static char *
query(struct tmpdb *t, int which, const struct rel_gap_opts *g)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);
	int rc;

	cols = which == 0 ? rel_gap_cols(&n) : which == 1 ?
	    rel_suggest_cols(&n) : rel_caseload_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rc = which == 0 ? rel_conn_gaps(t->db, g, o, &e) : which == 1 ?
	    rel_conn_suggest(t->db, g, 3, o, &e) :
	    rel_conn_caseload(t->db, 0, rel_now() - 14 * 86400, o, &e);
	assert_int_equal(rc, 0);
	rel_out_close(o, &e);
	fclose(fp);
	return buf;
}

static void
test_mark_raises_never_lowers(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "2", "2026-09-01",
	    "S1", "S2", &c, &e), 0);
	assert_int_equal(c.n[REL_ADDED], 2);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "3", "2026-10-01",
	    "S1", NULL, &c, &e), 0);
	assert_int_equal(c.n[REL_UPDATED], 1);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "1", NULL, "S1", NULL,
	    &c, &e), 0);
	assert_int_equal(c.n[REL_UNCHANGED], 1);
	assert_int_equal(tmpdb_int(&t, "SELECT strength FROM connection "
	    "WHERE student = 1"), 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event"),
	    3);
	tmpdb_close(&t);
}

static void
test_bad_students_change_nothing(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "2", NULL, "S1", "S9",
	    &c, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "1 bad student; nothing was changed"));
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "2", NULL, "S4", NULL,
	    &c, &e), REL_EDATA);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A9", "2", NULL, "S1", NULL,
	    &c, &e), REL_EDATA);
	assert_string_equal(e.column, "--adult");
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "4", NULL, "S1", NULL,
	    &c, &e), REL_EUSAGE);
	assert_int_equal(apply(&t, REL_CONN_MARK, "A1", "2", "2026-02-30",
	    "S1", NULL, &c, &e), REL_EUSAGE);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection"), 0);
	tmpdb_close(&t);
}

static void
test_assign_keeps_history(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(apply(&t, REL_CONN_ASSIGN, "A1", NULL, "2026-09-01",
	    "S1", NULL, &c, &e), 0);
	assert_int_equal(c.n[REL_ADDED], 1);
	/* becoming primary records at least a strength-1 connection */
	assert_int_equal(tmpdb_int(&t, "SELECT strength FROM connection"), 1);
	assert_int_equal(apply(&t, REL_CONN_ASSIGN, "A1", NULL, NULL, "S1",
	    NULL, &c, &e), 0);
	assert_int_equal(c.n[REL_UNCHANGED], 1);
	assert_int_equal(apply(&t, REL_CONN_ASSIGN, "A2", NULL, "2026-10-01",
	    "S1", NULL, &c, &e), 0);
	assert_int_equal(c.n[REL_UPDATED], 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at = '2026-10-01T00:00:00'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM primary_adult "
	    "WHERE end_at IS NULL"), 2);
	assert_int_equal(apply(&t, REL_CONN_UNASSIGN, NULL, NULL, NULL, "S1",
	    "S2", &c, &e), 0);
	assert_int_equal(c.n[REL_UPDATED], 1);
	assert_int_equal(c.n[REL_UNCHANGED], 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at IS NULL"), 0);
	tmpdb_close(&t);
}

static int
imp(struct tmpdb *t, const char *a, const char *s, const char *str,
    const char *pri, const char *at, enum rel_outcome *o, struct rel_err *e)
{
	const char *v[6] = { s, a, str, pri, at, NULL };
	size_t len[6], i;
	struct rel_rec r = { 6, v, len, "map.csv", 3, NULL };

	for (i = 0; i < 6; i++)
		len[i] = v[i] ? strlen(v[i]) : 0;
	rel_err_clear(e);
	return rel_conn_kind()->write(t->db, &r, o, e);
}

static void
test_import_kind(void **state)
{
	enum rel_outcome o;
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(imp(&t, "A1", "S1", "0", NULL, NULL, &o, &e),
	    REL_EDATA);
	assert_string_equal(e.column, "strength");
	assert_non_null(strstr(e.msg, "\"0\" is not 1, 2 or 3"));
	assert_int_equal(imp(&t, "A1", "S9", "2", NULL, NULL, &o, &e),
	    REL_EDATA);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.file, "map.csv");
	assert_int_equal(imp(&t, "A1", "S1", "2", NULL, "yesterday", &o, &e),
	    REL_EDATA);
	assert_string_equal(e.column, "at");
	assert_int_equal(imp(&t, "A1", "S1", "2", "maybe", NULL, &o, &e),
	    REL_EDATA);
	assert_int_equal(imp(&t, "A1", "S1", "2", "1", "2026-09-01", &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(imp(&t, "A1", "S1", "2", "1", "2026-09-01", &o, &e), 0);
	assert_int_equal(o, REL_UNCHANGED);
	assert_int_equal(imp(&t, "A2", "S1", "1", "1", "2026-09-02", &o, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM primary_adult WHERE "
	    "end_at IS NULL"), 2);
	tmpdb_close(&t);
}

static void
test_gaps(void **state)
{
	struct rel_import_count c;
	struct rel_gap_opts g = { 2, 1, REL_GAP_EITHER, 0 };
	struct tmpdb t;
	struct rel_err e;
	char *s;

	(void)state;
	school(&t);
	apply(&t, REL_CONN_MARK, "A1", "2", NULL, "S1", NULL, &c, &e);
	apply(&t, REL_CONN_ASSIGN, "A1", NULL, NULL, "S1", NULL, &c, &e);
	apply(&t, REL_CONN_MARK, "A2", "3", NULL, "S2", NULL, &c, &e);
	s = query(&t, 0, &g);
	assert_string_equal(s, "student_id,given_name,family_name,grade,"
	    "connections,best_strength,primary_adult_id,reason\n"
	    "S2,Liam,O'Connor,9,1,3,,no primary adult\n"
	    "S3,Mei,King,10,0,0,,no adult at strength 2 or more; "
	    "no primary adult\n");
	free(s);
	g.test = REL_GAP_CONNECTIONS;
	g.min_adults = 2;
	s = query(&t, 0, &g);
	assert_non_null(strstr(s, "S1,Zoë,Ñuñez,9,1,2,A1,\"1 adult at strength "
	    "2 or more, 2 wanted\"\n"));
	free(s);
	/* an adult who leaves no longer counts */
	assert_int_equal(rel_db_exec(t.db, "UPDATE adult SET active = 0 "
	    "WHERE adult_id = 'A1'", &e), 0);
	g.test = REL_GAP_PRIMARY;
	g.min_adults = 1;
	s = query(&t, 0, &g);
	assert_non_null(strstr(s, "\nS1,"));
	free(s);
	g.min_strength = 4;
	{
		struct rel_out *o;
		FILE *fp = fopen("/dev/null", "w");
		size_t n;
		const char *const *cols = rel_gap_cols(&n);

		assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n,
		    &e), 0);
		assert_int_equal(rel_conn_gaps(t.db, &g, o, &e), REL_EUSAGE);
		rel_out_close(o, &e);
		fclose(fp);
	}
	tmpdb_close(&t);
}

static void
test_suggest_ranking(void **state)
{
	struct rel_import_count c;
	struct rel_gap_opts g = { 2, 1, REL_GAP_EITHER, 0 };
	struct tmpdb t;
	struct rel_err e;
	char *s;

	(void)state;
	school(&t);
	/* S2 shares the advisory with A1 and the club with A2; A2 already
	 * knows S2 a little, so A2 ranks first. */
	apply(&t, REL_CONN_MARK, "A2", "1", NULL, "S2", NULL, &c, &e);
	apply(&t, REL_CONN_ASSIGN, "A3", NULL, NULL, "S1", NULL, &c, &e);
	s = query(&t, 1, &g);
	assert_non_null(strstr(s, "S2,Liam,O'Connor,1,A2,Bo,Chen,1,1,0,"
	    "knows the student (strength 1); shares 1 group: Chess Club; "
	    "primary for 0 students\n"));
	assert_non_null(strstr(s, "S2,Liam,O'Connor,2,A1,Ana,Silva,0,1,0,"));
	/* S3 is in no group: the lightest caseloads are offered */
	assert_non_null(strstr(s, "S3,Mei,King,1,A1,Ana,Silva,0,0,0,primary "
	    "for 0 students\n"));
	/* S1's primary adult A3 is never suggested for S1 */
	assert_null(strstr(s, "S1,Zoë,Ñuñez,1,A3"));
	free(s);
	tmpdb_close(&t);
}

static void
test_caseload(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	char *s;

	(void)state;
	school(&t);
	apply(&t, REL_CONN_ASSIGN, "A1", NULL, NULL, "S1", "S2", &c, &e);
	apply(&t, REL_CONN_MARK, "A1", "3", NULL, "S2", NULL, &c, &e);
	s = query(&t, 2, NULL);
	assert_string_equal(s, "adult_id,given_name,family_name,role,primary,"
	    "strength_1,strength_2,strength_3,not_seen\n"
	    "A1,Ana,Silva,teacher,2,1,0,1,2\n"
	    "A2,Bo,Chen,teacher,0,0,0,0,0\n"
	    "A3,Cy,Diaz,teacher,0,0,0,0,0\n");
	free(s);
	tmpdb_close(&t);
}

static void
test_history(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct rel_out *o;
	char *buf = NULL, *dates[] = { "2026-08-31", "2026-09-01",
		"2026-10-15" };
	size_t len, n;
	const char *const *cols = rel_history_cols(&n);
	FILE *fp;

	(void)state;
	school(&t);
	apply(&t, REL_CONN_MARK, "A1", "2", "2026-09-01T15:30", "S1", NULL, &c,
	    &e);
	apply(&t, REL_CONN_MARK, "A1", "1", "2026-09-01", "S2", NULL, &c, &e);
	apply(&t, REL_CONN_MARK, "A1", "2", "2026-10-01", "S2", NULL, &c, &e);
	apply(&t, REL_CONN_ASSIGN, "A1", NULL, "2026-10-01", "S1", NULL, &c,
	    &e);
	apply(&t, REL_CONN_ASSIGN, "A2", NULL, "2026-10-10", "S1", NULL, &c,
	    &e);
	fp = open_memstream(&buf, &len);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	assert_int_equal(rel_conn_history(t.db, dates, 3, 2, 0, o, &e), 0);
	rel_out_close(o, &e);
	fclose(fp);
	assert_string_equal(buf, "date,students,connected,connected_pct,"
	    "primary,primary_pct\n"
	    "2026-08-31,3,0,0.0,0,0.0\n"
	    "2026-09-01,3,1,33.3,0,0.0\n"
	    "2026-10-15,3,2,66.7,1,33.3\n");
	free(buf);
	tmpdb_close(&t);
}

static void
test_when(void **state)
{
	char buf[REL_DATETIME_LEN];
	struct rel_err e;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	assert_int_equal(rel_conn_when("--at", "14d", buf, &e), 0);
	assert_string_equal(buf, "2026-11-06T00:00:00");
	assert_int_equal(rel_conn_when("--at", "2026-09-01 08:15", buf, &e), 0);
	assert_string_equal(buf, "2026-09-01T08:15:00");
	assert_int_equal(rel_conn_when("--at", "soon", buf, &e), REL_EUSAGE);
	/* A span back before 1900 is no date to store. */
	assert_int_equal(rel_conn_when("--at", "200y", buf, &e), REL_EUSAGE);
	assert_int_equal(rel_conn_when("--at", "120y", buf, &e), 0);
	unsetenv("REL_NOW");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mark_raises_never_lowers),
		cmocka_unit_test(test_bad_students_change_nothing),
		cmocka_unit_test(test_assign_keeps_history),
		cmocka_unit_test(test_import_kind),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_suggest_ranking),
		cmocka_unit_test(test_caseload),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_when),
	};

	return cmocka_run_group_tests_name("connection", tests, NULL, NULL);
}
