/*
 * test_note.c: notes written as the importer writes them, the default
 * visibilities, gratitude without a student, duplicates, the list and the
 * balance, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"

/* Three active students and one deactivated; three adults, and A4, the
 * counselor, who reads the lists. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', 'x'), ('S3', 'Mei', 'King', 'x'), "
	    " ('S4', 'Old', 'Gone', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x'), ('A2', 'Bo', 'Chen', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'x');"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x')", &e),
	    0);
	/* No acting adult unless a test names one. */
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_note", 1);
}

static void
act(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
}

/* Write one note as line 2 of notes.csv would be written: student_id at
 * adult_id kind text visibility (NULL: the column is absent). */
static int
put(struct tmpdb *t, const char *student, const char *at, const char *adult,
    const char *kind, const char *text, const char *vis,
    enum rel_outcome *o, struct rel_err *e)
{
	const char *v[6] = { student, at, adult, kind, text, vis };
	size_t len[6], i;
	struct rel_rec r;

	for (i = 0; i < 6; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = 6;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "notes.csv";
	r.line = 2;
	rel_err_clear(e);
	return rel_note_kind()->write(t->db, &r, o, e);
}

static void
ok(struct tmpdb *t, const char *student, const char *at, const char *adult,
    const char *kind, const char *text)
{
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, student, at, adult, kind, text, NULL, &o, &e),
	    0);
	assert_int_equal(o, REL_ADDED);
}

static long long
count(struct tmpdb *t)
{
	return tmpdb_int(t, "SELECT count(*) FROM note");
}

/* The list (balance 0) or the balance by student (1) or adult (2) as
 * CSV; the status in *rc. Free the result. */
static char *
out(struct tmpdb *t, int balance, const struct rel_filter *f, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	cols = balance == 0 ? rel_note_cols(&n) : rel_balance_cols(balance == 2 ?
	    REL_BALANCE_ADULT : REL_BALANCE_STUDENT, &n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rel_err_clear(&e);
	*rc = balance == 0 ? rel_note_list(t->db, f, o, &e) :
	    rel_note_balance(t->db, balance == 2 ? REL_BALANCE_ADULT :
	    REL_BALANCE_STUDENT, f, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
out_is(struct tmpdb *t, int balance, const struct rel_filter *f,
    const char *want)
{
	int rc;
	char *s = out(t, balance, f, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(s, want);
	free(s);
}

static void
test_columns(void **state)
{
	const struct rel_import_kind *k = rel_note_kind();
	const char *const *names;
	size_t n, i;

	(void)state;
	names = rel_note_cols(&n);
	/* What list writes, import reads: the same names in the same order. */
	assert_int_equal(n, k->ncols);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], k->cols[i].name);
	assert_string_equal(k->name, "notes");
	assert_string_equal(k->one, "note");
	assert_int_equal(k->cols[0].flags & REL_COL_REQUIRED, 0);
	assert_int_equal(k->cols[1].flags & REL_COL_REQUIRED, REL_COL_REQUIRED);
	names = rel_balance_cols(REL_BALANCE_ADULT, &n);
	assert_int_equal(n, 8);
	assert_string_equal(names[0], "adult_id");
	assert_string_equal(names[7], "lean");
}

static void
test_default_visibility(void **state)
{
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	ok(&t, "S1", "2026-11-02T09:00", "A1", "concern", "Tired");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "Affirmation", "Kind");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "feedback", "Sources");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "observation", "Chess");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "gratitude", "Help");
	assert_int_equal(tmpdb_int(&t, "SELECT group_concat(visibility, '') "
	    "FROM (SELECT visibility FROM note ORDER BY id)"), 21111);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE kind = "
	    "'affirmation'"), 1);
	assert_int_equal(put(&t, "S2", "2026-11-02", "A1", "concern", "Late",
	    "team", &o, &e), 0);
	assert_int_equal(put(&t, "S2", "2026-11-02", "A1", "affirmation", "Ok",
	    "Staff", &o, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT group_concat(visibility, '') "
	    "FROM (SELECT visibility FROM note WHERE student = 2 ORDER BY id)"),
	    10);
	tmpdb_close(&t);
}

static void
test_author(void **state)
{
	struct tmpdb t;

	(void)state;
	school(&t);
	/* No adult_id and no acting adult: a note about a student may
	 * still be kept, with no author. */
	ok(&t, "S1", "2026-11-02", NULL, "observation", "Drew");
	act(&t, "A2");
	ok(&t, "S1", "2026-11-03", "", "observation", "Drew more");
	ok(&t, "S1", "2026-11-04", "A3", "observation", "Drew again");
	assert_int_equal(tmpdb_int(&t, "SELECT sum(ifnull(adult, 0) * "
	    "CASE text WHEN 'Drew' THEN 100 WHEN 'Drew more' THEN 10 ELSE 1 "
	    "END) FROM note"), 23);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE at = "
	    "'2026-11-03T00:00:00'"), 1);
	tmpdb_close(&t);
}

static void
test_gratitude(void **state)
{
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	assert_int_equal(put(&t, "", "2026-11-02", NULL, "gratitude", "Thanks",
	    NULL, &o, &e), REL_EDATA);
	assert_string_equal(e.column, "adult_id");
	assert_non_null(strstr(e.msg, "gratitude entry with no student needs "
	    "an adult"));
	assert_int_equal(put(&t, NULL, "2026-11-02", NULL, "concern", "Hm",
	    NULL, &o, &e), REL_EDATA);
	assert_string_equal(e.column, "student_id");
	assert_string_equal(e.msg, "is empty; only a gratitude entry may have "
	    "no student");
	assert_string_equal(e.file, "notes.csv");
	assert_int_equal(e.line, 2);
	assert_int_equal(count(&t), 0);
	ok(&t, NULL, "2026-11-02", "A3", "gratitude", "Thanks");
	act(&t, "A1");
	ok(&t, "", "2026-11-02", "", "gratitude", "Thanks");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "student IS NULL AND adult IS NOT NULL"), 2);
	/* The same entry again is a duplicate: IS matches the NULL. */
	assert_int_equal(put(&t, "", "2026-11-02", "A1", "gratitude", "Thanks",
	    NULL, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_int_equal(count(&t), 2);
	tmpdb_close(&t);
}

static void
test_duplicates(void **state)
{
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	ok(&t, "S1", "2026-11-02T09:00", "A1", "affirmation", "Good");
	/* The same moment written another way is the same note. */
	assert_int_equal(put(&t, "S1", "2026-11-02 09:00:00", "A1",
	    "AFFIRMATION", "Good", "private", &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	ok(&t, "S1", "2026-11-02T09:00", "A2", "affirmation", "Good");
	ok(&t, "S1", "2026-11-02T09:01", "A1", "affirmation", "Good");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "feedback", "Good");
	ok(&t, "S1", "2026-11-02T09:00", "A1", "affirmation", "Good!");
	ok(&t, "S2", "2026-11-02T09:00", "A1", "affirmation", "Good");
	/* A note with no author is a duplicate only of one with none. */
	ok(&t, "S1", "2026-11-02T09:00", NULL, "affirmation", "Good");
	assert_int_equal(put(&t, "S1", "2026-11-02T09:00", NULL, "affirmation",
	    "Good", NULL, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_int_equal(count(&t), 7);
	tmpdb_close(&t);
}

static void
test_bad_records_change_nothing(void **state)
{
	static char big[4002];
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	memset(big, 'x', sizeof(big) - 1);
	assert_int_equal(put(&t, "S9", "2026-11-02", "A1", "concern", "x", NULL,
	    &o, &e), REL_EDATA);
	assert_string_equal(e.column, "student_id");
	assert_non_null(strstr(e.msg, "\"S9\" is not a known student"));
	assert_int_equal(put(&t, "S4", "2026-11-02", "A1", "concern", "x", NULL,
	    &o, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "is deactivated"));
	assert_int_equal(put(&t, "S1", "2026-11-02", "A9", "concern", "x", NULL,
	    &o, &e), REL_EDATA);
	assert_string_equal(e.column, "adult_id");
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "praise", "x", NULL,
	    &o, &e), REL_EDATA);
	assert_string_equal(e.column, "kind");
	assert_string_equal(e.msg, "\"praise\" is not affirmation, feedback, "
	    "observation, concern or gratitude");
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "", "x", NULL, &o,
	    &e), REL_EDATA);
	assert_string_equal(e.column, "kind");
	assert_int_equal(put(&t, "S1", "2026-02-30", "A1", "concern", "x", NULL,
	    &o, &e), REL_EDATA);
	assert_string_equal(e.column, "at");
	assert_int_equal(put(&t, "S1", NULL, "A1", "concern", "x", NULL, &o,
	    &e), REL_EDATA);
	assert_string_equal(e.column, "at");
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "concern", "", NULL,
	    &o, &e), REL_EDATA);
	assert_string_equal(e.column, "text");
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "concern", " \n\t",
	    NULL, &o, &e), REL_EDATA);
	assert_string_equal(e.column, "text");
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "concern", big, NULL,
	    &o, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "is longer than 4000 bytes"));
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "concern", "a\033b",
	    NULL, &o, &e), REL_EDATA);
	assert_int_equal(put(&t, "S1", "2026-11-02", "A1", "concern", "x",
	    "secret", &o, &e), REL_EDATA);
	assert_string_equal(e.column, "visibility");
	assert_int_equal(put(&t, "S1 ", "2026-11-02", "A1", "concern", "x",
	    NULL, &o, &e), REL_EDATA);
	assert_int_equal(count(&t), 0);
	/* Exactly 4000 bytes, with line breaks and tabs, is fine. */
	big[4000] = '\0';
	big[10] = '\n';
	big[20] = '\t';
	ok(&t, "S1", "2026-11-02", "A1", "observation", big);
	assert_int_equal(tmpdb_int(&t, "SELECT length(text) FROM note"), 4000);
	tmpdb_close(&t);
}

/* A few notes for the list and the balance. */
static void
notes(struct tmpdb *t)
{
	school(t);
	ok(t, "S2", "2026-11-03T09:00", "A2", "concern", "Late");
	ok(t, "S1", "2026-11-02T09:00", "A1", "affirmation", "Kind");
	ok(t, "S1", "2026-11-01T09:00", "A1", "affirmation", "Brave");
	ok(t, NULL, "2026-11-04T09:00", "A3", "gratitude", "Thanks");
	ok(t, "S1", "2026-11-05T09:00", "A2", "concern", "Tired");
	ok(t, "S3", "2026-11-06T09:00", "A3", "observation", "Chess");
	ok(t, "S1", "2026-11-07T09:00", "A1", "feedback", "Sources");
	ok(t, "S3", "2026-11-08T09:00", "A3", "gratitude", "Helped");
	/* The lists read as the counselor, who sees every note: these
	 * tests check what a list writes, not who may see it. */
	act(t, "A4");
}

static void
test_list(void **state)
{
	struct rel_filter f;
	struct tmpdb t;
	struct rel_err e;
	long n;
	int rc;
	char *s;

	(void)state;
	notes(&t);
	rel_filter_init(&f);
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S1,2026-11-01T09:00:00,A1,affirmation,Brave,team\n"
	    "S1,2026-11-02T09:00:00,A1,affirmation,Kind,team\n"
	    "S1,2026-11-05T09:00:00,A2,concern,Tired,private\n"
	    "S1,2026-11-07T09:00:00,A1,feedback,Sources,team\n"
	    "S2,2026-11-03T09:00:00,A2,concern,Late,private\n"
	    "S3,2026-11-06T09:00:00,A3,observation,Chess,team\n"
	    "S3,2026-11-08T09:00:00,A3,gratitude,Helped,team\n"
	    ",2026-11-04T09:00:00,A3,gratitude,Thanks,team\n");
	f.kind = "CONCERN";
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S1,2026-11-05T09:00:00,A2,concern,Tired,private\n"
	    "S2,2026-11-03T09:00:00,A2,concern,Late,private\n");
	rel_filter_init(&f);
	f.adult = "A3";
	f.last = 1;
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S3,2026-11-08T09:00:00,A3,gratitude,Helped,team\n"
	    ",2026-11-04T09:00:00,A3,gratitude,Thanks,team\n");
	rel_filter_init(&f);
	f.student = "S1";
	f.last = 2;
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S1,2026-11-05T09:00:00,A2,concern,Tired,private\n"
	    "S1,2026-11-07T09:00:00,A1,feedback,Sources,team\n");
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, "2026-11-04", "2026-11-05", &e),
	    0);
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S1,2026-11-05T09:00:00,A2,concern,Tired,private\n"
	    ",2026-11-04T09:00:00,A3,gratitude,Thanks,team\n");
	/* The set narrows to its students: no gratitude without one. */
	{
		static char set[] = "student_id\nS2\nS3\n";
		FILE *fp = fmemopen(set, strlen(set), "r");

		assert_int_equal(rel_set_load(t.db, fp, "stdin", &n, &e), 0);
		fclose(fp);
	}
	rel_filter_init(&f);
	f.set = 1;
	out_is(&t, 0, &f,
	    "student_id,at,adult_id,kind,text,visibility\n"
	    "S2,2026-11-03T09:00:00,A2,concern,Late,private\n"
	    "S3,2026-11-06T09:00:00,A3,observation,Chess,team\n"
	    "S3,2026-11-08T09:00:00,A3,gratitude,Helped,team\n");
	/* Bad filters: an unknown kind is 64, an unknown person 65, and
	 * nothing is written. */
	rel_filter_init(&f);
	f.kind = "praise";
	s = out(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	assert_string_equal(s, "");
	free(s);
	rel_filter_init(&f);
	f.student = "S9";
	s = out(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(s);
	rel_filter_init(&f);
	f.adult = "A9";
	s = out(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(s);
	rel_filter_init(&f);
	f.source = "student";
	s = out(&t, 0, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	tmpdb_close(&t);
}

static void
test_balance(void **state)
{
	struct rel_filter f;
	struct tmpdb t;
	struct rel_err e;
	int rc;
	char *s;

	(void)state;
	notes(&t);
	rel_filter_init(&f);
	/* S1: 3 positive, 1 concern: positive at exactly 3 to 1. S2: only
	 * a concern. S3: an observation (its gratitude is not counted). */
	out_is(&t, 1, &f,
	    "student_id,given_name,family_name,positive,concerns,other,ratio,"
	    "lean\n"
	    "S2,Liam,O'Connor,0,1,0,0.0,concerns\n"
	    "S3,Mei,King,0,0,1,,mixed\n"
	    "S1,Zoë,Ñuñez,3,1,0,3.0,positive\n");
	out_is(&t, 2, &f,
	    "adult_id,given_name,family_name,positive,concerns,other,ratio,"
	    "lean\n"
	    "A2,Bo,Chen,0,2,0,0.0,concerns\n"
	    "A3,Cy,Diaz,0,0,1,,mixed\n"
	    "A1,Ana,Silva,3,0,0,,positive\n");
	f.adult = "A2";
	out_is(&t, 1, &f,
	    "student_id,given_name,family_name,positive,concerns,other,ratio,"
	    "lean\n"
	    "S1,Zoë,Ñuñez,0,1,0,0.0,concerns\n"
	    "S2,Liam,O'Connor,0,1,0,0.0,concerns\n");
	/* Before the feedback, S1 has 2 positive to 1 concern: mixed. */
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, NULL, "2026-11-06", &e), 0);
	f.student = "S1";
	out_is(&t, 1, &f,
	    "student_id,given_name,family_name,positive,concerns,other,ratio,"
	    "lean\n"
	    "S1,Zoë,Ñuñez,2,1,0,2.0,mixed\n");
	/* More concerns than positive notes lean to concerns; as many are
	 * mixed. */
	ok(&t, "S2", "2026-11-09T09:00", "A1", "feedback", "Good draft");
	rel_filter_init(&f);
	f.student = "S2";
	out_is(&t, 1, &f,
	    "student_id,given_name,family_name,positive,concerns,other,ratio,"
	    "lean\n"
	    "S2,Liam,O'Connor,1,1,0,1.0,mixed\n");
	/* A student deactivated since is left out. */
	assert_int_equal(rel_db_exec(t.db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S3'", &e), 0);
	rel_filter_init(&f);
	s = out(&t, 1, &f, &rc);
	assert_int_equal(rc, 0);
	assert_null(strstr(s, "S3"));
	free(s);
	rel_filter_init(&f);
	f.kind = "concern";
	s = out(&t, 1, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	rel_filter_init(&f);
	f.last = 3;
	s = out(&t, 2, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	tmpdb_close(&t);
}

/* The list imports back as duplicates, through the import loop. */
static void
test_round_trip(void **state)
{
	struct rel_import_count c;
	struct rel_import_opts io;
	struct rel_filter f;
	struct tmpdb t;
	struct rel_err e;
	char path[PATH_MAX];
	const char *files[1] = { path };
	FILE *fp;
	char *s;
	int rc;

	(void)state;
	notes(&t);
	ok(&t, "S2", "2026-11-10T09:00", "A1", "feedback",
	    "Line one, \"quoted\"\nline two — ünïcode");
	rel_filter_init(&f);
	s = out(&t, 0, &f, &rc);
	assert_int_equal(rc, 0);
	snprintf(path, sizeof(path), "%s/notes.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(s, fp);
	fclose(fp);
	free(s);
	memset(&io, 0, sizeof(io));
	assert_int_equal(rel_import(t.db, files, 1, rel_note_kind(), 1, &io, &c,
	    &e), 0);
	assert_int_equal(c.rows, 9);
	assert_int_equal(c.n[REL_DUPLICATE], 9);
	assert_int_equal(count(&t), 9);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_default_visibility),
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_gratitude),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_bad_records_change_nothing),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
