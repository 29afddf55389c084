/*
 * test_set.c: the student set of the pipe protocol.
 */
#include <fcntl.h>

#include "unit.h"
#include "tmpdb.h"

static void
seed_students(struct tmpdb *t)
{
	struct rel_err e;

	assert_int_equal(rel_db_exec(t->db, "INSERT INTO student (student_id, "
	    "given_name, family_name, updated_at) VALUES "
	    "('S1', 'A', 'B', 'x'), ('S2', 'C', 'D', 'x'), ('S3', 'E', 'F', 'x')",
	    &e), 0);
}

static FILE *
mem(const char *s)
{
	FILE *fp = fmemopen((void *)(uintptr_t)s, strlen(s), "r");

	assert_non_null(fp);
	return fp;
}

static void
test_wanted(void **state)
{
	int p[2];
	FILE *fp;

	(void)state;
	fp = fopen("/dev/null", "r");
	assert_false(rel_set_wanted(fp));
	fclose(fp);
	fp = tmpfile();
	assert_true(rel_set_wanted(fp));
	fclose(fp);
	assert_int_equal(pipe(p), 0);
	fp = fdopen(p[0], "r");
	assert_true(rel_set_wanted(fp));
	fclose(fp);
	close(p[1]);
}

static void
test_load(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	long n;
	FILE *fp;

	(void)state;
	tmpdb_open(&t);
	seed_students(&t);
	fp = mem("name,student_id\nx,S3\ny,S1\nz,S1\n");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), 0);
	fclose(fp);
	assert_int_equal(n, 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM temp.rel_set"), 2);

	/* A new set replaces the old one. */
	fp = mem("student_id\nS2\n");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), 0);
	fclose(fp);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM temp.rel_set"), 1);

	fp = mem("");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), 0);
	fclose(fp);
	assert_int_equal(n, 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM temp.rel_set"), 0);
	tmpdb_close(&t);
}

static void
test_errors(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	long n;
	FILE *fp;

	(void)state;
	tmpdb_open(&t);
	seed_students(&t);
	fp = mem("student_id\nS1\nS9\n");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), REL_EDATA);
	fclose(fp);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.column, "student_id");
	assert_non_null(strstr(e.msg, "\"S9\" is not a known student"));

	fp = mem("id\nS1\n");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), REL_EDATA);
	fclose(fp);
	assert_non_null(strstr(e.msg, "needs a student_id column"));

	fp = mem("student_id,x\nS1\n");
	assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), REL_EDATA);
	fclose(fp);
	assert_int_equal(e.line, 2);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("set", tests, NULL, NULL);
}
