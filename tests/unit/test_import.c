/*
 * test_import.c: the import loop: one transaction, every bad record
 * reported (capped), --rejects, --dry-run, several inputs.
 */
#include "unit.h"
#include "tmpdb.h"

struct seen {
	int n;
	char last[512];
};

static void
collect(void *ctx, const struct rel_err *e)
{
	struct seen *s = ctx;

	s->n++;
	rel_err_format(e, s->last, sizeof(s->last));
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
run(struct tmpdb *t, const char *text, const char *rejects, int dry,
    long cap, struct seen *s, struct rel_import_count *c, struct rel_err *e)
{
	const struct rel_import_kind *k = rel_roster_kinds();
	struct rel_import_opts o;
	char path[PATH_MAX + 8];
	const char *files[1];

	snprintf(path, sizeof(path), "%s/in.csv", t->dir);
	write_file(path, text);
	files[0] = path;
	memset(&o, 0, sizeof(o));
	memset(s, 0, sizeof(*s));
	o.rejects = rejects;
	o.dry_run = dry;
	o.max_messages = cap;
	o.report = collect;
	o.ctx = s;
	return rel_import(t->db, files, 1, k, 1, &o, c, e);
}

static void
test_all_or_nothing(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct seen s;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(run(&t, "student_id,given_name,family_name\n"
	    "S1,A,B\nS2,,B\nS3,C,D\n", NULL, 0, 0, &s, &c, &e), REL_EDATA);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.last, "in.csv:3: given_name: is empty"));
	assert_non_null(strstr(e.msg, "1 bad record; nothing was imported"));
	assert_int_equal(c.rows, 3);
	assert_int_equal(c.n[REL_ADDED], 2);
	assert_false(c.committed);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 0);

	assert_int_equal(run(&t, "student_id,given_name,family_name\n"
	    "S1,A,B\nS3,C,D\n", NULL, 0, 0, &s, &c, &e), 0);
	assert_true(c.committed);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 2);
	tmpdb_close(&t);
}

static void
test_message_cap(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct seen s;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(run(&t, "student_id,given_name,family_name\n"
	    "S1,,B\nS2,,B\nS3,,B\nS4,,B\nS5,,B\n", NULL, 0, 2, &s, &c, &e),
	    REL_EDATA);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.last, "... and 3 more bad records");
	assert_non_null(strstr(e.msg, "5 bad records"));
	tmpdb_close(&t);
}

static void
test_rejects(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct seen s;
	char rj[PATH_MAX + 8], buf[512];
	size_t n;
	FILE *fp;

	(void)state;
	tmpdb_open(&t);
	snprintf(rj, sizeof(rj), "%s/rejects.csv", t.dir);
	assert_int_equal(run(&t, "student_id,given_name,family_name\n"
	    "S1,A,B\nS2,,\"B,b\"\nS3\n", rj, 0, 0, &s, &c, &e), REL_EDATA);
	assert_true(c.committed);
	assert_int_equal(c.rejected, 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 1);
	fp = fopen(rj, "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, "student_id,given_name,family_name,reason\n"
	    "S2,,\"B,b\",line 3: given_name: is empty; a name is required\n"
	    "S3,,,\"line 4: 1 field, expected 3 as in the header\"\n");
	tmpdb_close(&t);
}

static void
test_dry_run(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct seen s;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(run(&t, "student_id,given_name,family_name\nS1,A,B\n",
	    NULL, 1, 0, &s, &c, &e), 0);
	assert_int_equal(c.n[REL_ADDED], 1);
	assert_false(c.committed);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 0);
	tmpdb_close(&t);
}

static void
test_fatal_input(void **state)
{
	struct rel_import_count c;
	struct tmpdb t;
	struct rel_err e;
	struct seen s;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(run(&t, "", NULL, 0, 0, &s, &c, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "empty input"));
	assert_int_equal(run(&t, "student_id,given_name\nS1,A\n", NULL, 0, 0,
	    &s, &c, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "family_name"));
	{
		const char *files[] = { "/tmp/rel-no-such-dir/in.csv" };
		struct rel_import_opts o;

		memset(&o, 0, sizeof(o));
		assert_int_equal(rel_import(t.db, files, 1, rel_roster_kinds(),
		    1, &o, &c, &e), REL_ENOINPUT);
	}
	/* nothing is left open: a new write transaction can start */
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	rel_db_rollback(t.db);
	tmpdb_close(&t);
}

static void
test_summary(void **state)
{
	struct rel_import_count c;
	char buf[128];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.rows = 1200;
	c.n[REL_ADDED] = 1150;
	c.n[REL_UPDATED] = 50;
	rel_import_summary(&rel_roster_kinds()[REL_STUDENT], &c, buf,
	    sizeof(buf));
	assert_string_equal(buf, "1200 students: 1150 added, 50 updated, "
	    "0 unchanged");
	c.n[REL_DUPLICATE] = 1;
	c.rejected = 2;
	rel_import_summary(&rel_roster_kinds()[REL_STUDENT], &c, buf,
	    sizeof(buf));
	assert_string_equal(buf, "1200 students: 1150 added, 50 updated, "
	    "0 unchanged, 1 duplicate ignored, 2 bad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_or_nothing),
		cmocka_unit_test(test_message_cap),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_dry_run),
		cmocka_unit_test(test_fatal_input),
		cmocka_unit_test(test_summary),
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
