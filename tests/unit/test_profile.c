/*
 * test_profile.c: profile items: writing (added, unchanged, updated,
 * retired), every validation changing nothing, list filters, retire, and
 * the profile card, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"

/* Two students (S2 with a preferred name), S3 deactivated; two adults,
 * A1 connected to S1 as S1's primary adult. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " preferred_name, pronouns, grade, home_language, updated_at) "
	    " VALUES ('S1', 'Zoë', 'Ñuñez', NULL, 'she/her', '9', 'Spanish', "
	    "  'x'), "
	    " ('S2', 'Oluwaseun', 'Adeyemi', 'Seun', NULL, '10', NULL, 'x'), "
	    " ('S3', 'Old', 'Gone', NULL, NULL, NULL, NULL, 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S3';"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A1', 'Ana', 'Silva', 'counselor', 'x'), "
	    " ('A2', 'Bo', 'Chen', 'teacher', 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (1, 1, 3, '2026-09-01T00:00:00', 'x'), "
	    " (1, 2, 1, '2026-09-01T00:00:00', 'x');"
	    "INSERT INTO primary_adult (student, adult, start_at) "
	    " VALUES (1, 1, '2026-09-01T00:00:00')", &e), 0);
}

/* Write one record: student kind value source at adult visibility
 * retired_at (NULL: absent). */
static int
put(struct tmpdb *t, const char *const v[8], enum rel_outcome *out,
    struct rel_err *e)
{
	const struct rel_import_kind *k = rel_profile_kind();
	size_t len[8], i;
	struct rel_rec r;

	for (i = 0; i < 8; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = k->ncols;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "t.csv";
	r.line = 2;
	rel_err_clear(e);
	return k->write(t->db, &r, out, e);
}

static long long
items(struct tmpdb *t)
{
	return tmpdb_int(t, "SELECT count(*) FROM profile_item");
}

static void
test_kind_and_cols(void **state)
{
	const char *const *kinds = rel_profile_kinds();
	const char *const *cols;
	size_t n, i;

	(void)state;
	assert_string_equal(kinds[0], "strength");
	assert_string_equal(kinds[1], "interest");
	assert_string_equal(kinds[7], "support");
	assert_null(kinds[8]);
	cols = rel_profile_cols(&n);
	assert_int_equal(n, rel_profile_kind()->ncols);
	for (i = 0; i < n; i++)
		assert_string_equal(cols[i], rel_profile_kind()->cols[i].name);
	assert_string_equal(rel_profile_kind()->one, "profile item");
	assert_string_equal(rel_profile_kind()->name, "profile items");
}

static void
test_write_outcomes(void **state)
{
	const char *a[8] = { "S1", "Strength", " draws well ", "family",
		"2026-10-02", "A2", NULL, NULL };
	const char *same[8] = { "S1", "strength", "draws well", NULL, NULL,
		NULL, NULL, NULL };
	const char *vis[8] = { "S1", "strength", "draws well", "family", NULL,
		NULL, "private", NULL };
	enum rel_outcome out;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	assert_int_equal(put(&t, a, &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	/* Kind in any case is stored lower; spaces around the value go. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE kind = 'strength' AND value = 'draws well' AND source = "
	    "'family' AND at = '2026-10-02T00:00:00' AND adult = 2 AND "
	    "visibility = 1 AND retired_at IS NULL"), 1);
	/* Without a source or visibility, the item stays as it is. */
	assert_int_equal(put(&t, same, &out, &e), 0);
	assert_int_equal(out, REL_UNCHANGED);
	assert_int_equal(put(&t, vis, &out, &e), 0);
	assert_int_equal(out, REL_UPDATED);
	assert_int_equal(tmpdb_int(&t, "SELECT visibility FROM profile_item"),
	    2);
	assert_int_equal(put(&t, vis, &out, &e), 0);
	assert_int_equal(out, REL_UNCHANGED);
	assert_int_equal(items(&t), 1);
	tmpdb_close(&t);
}

static void
test_write_defaults(void **state)
{
	const char *a[8] = { "S2", "worry", "exams", NULL, NULL, NULL, NULL,
		NULL };
	const char *b[8] = { "S2", "support", "a study buddy", NULL, NULL,
		NULL, NULL, NULL };
	struct rel_actor who;
	enum rel_outcome out;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody-here", 1);
	school(&t);
	/* No acting adult: no adult_id. */
	assert_int_equal(rel_actor_find(t.db, NULL, &who, &e), 0);
	assert_int_equal(put(&t, a, &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE adult IS NULL AND source = 'adult' AND visibility = 1 AND "
	    "at = '2026-11-20T10:00:00'"), 1);
	/* The acting adult is the default author. */
	assert_int_equal(rel_actor_find(t.db, "A1", &who, &e), 0);
	assert_int_equal(put(&t, b, &out, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM profile_item "
	    "WHERE kind = 'support'"), 1);
	tmpdb_close(&t);
}

static void
test_write_retired(void **state)
{
	const char *cur[8] = { "S1", "interest", "chess", "student",
		"2026-09-01", "A1", NULL, NULL };
	const char *ret[8] = { "S1", "interest", "chess", "student",
		"2026-09-01", "A1", "team", "2026-11-01" };
	const char *old[8] = { "S1", "interest", "chess", "student",
		"2026-01-01", "A1", "team", "2026-02-01" };
	enum rel_outcome out;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	/* A retired row retires the current item with the same date. */
	assert_int_equal(put(&t, cur, &out, &e), 0);
	assert_int_equal(put(&t, ret, &out, &e), 0);
	assert_int_equal(out, REL_UPDATED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE retired_at = '2026-11-01T00:00:00' AND retired_by IS NULL"),
	    1);
	assert_int_equal(put(&t, ret, &out, &e), 0);
	assert_int_equal(out, REL_UNCHANGED);
	/* An older retired item is kept beside it; the same item current
	 * again is a new item. */
	assert_int_equal(put(&t, old, &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(put(&t, cur, &out, &e), 0);
	assert_int_equal(out, REL_ADDED);
	assert_int_equal(items(&t), 3);
	tmpdb_close(&t);
}

static void
test_bad_records_change_nothing(void **state)
{
	static const struct {
		const char *v[8];
		const char *column;
		const char *msg;
	} bad[] = {
		{ { "S9", "strength", "x", NULL, NULL, NULL, NULL, NULL },
		  "student_id", "\"S9\" is not a known student" },
		{ { "S3", "strength", "x", NULL, NULL, NULL, NULL, NULL },
		  "student_id", "\"S3\" is deactivated" },
		{ { "", "strength", "x", NULL, NULL, NULL, NULL, NULL },
		  "student_id", "is empty" },
		{ { "S1", "hobby", "x", NULL, NULL, NULL, NULL, NULL },
		  "kind", "\"hobby\" is not strength, interest, motivation, "
		  "identity, language, learns_best, worry or support" },
		{ { "S1", NULL, "x", NULL, NULL, NULL, NULL, NULL },
		  "kind", "\"\" is not strength" },
		{ { "S1", "worry", "   ", NULL, NULL, NULL, NULL, NULL },
		  "value", "is empty; say what the worry is" },
		{ { "S1", "worry", "a\tb", NULL, NULL, NULL, NULL, NULL },
		  "value", "has a control character" },
		{ { "S1", "worry", "x", "teacher", NULL, NULL, NULL, NULL },
		  "source", "\"teacher\" is not student, family, adult or "
		  "assessment" },
		{ { "S1", "worry", "x", NULL, "2026-02-30", NULL, NULL, NULL },
		  "at", "\"2026-02-30\" is not a date-time" },
		{ { "S1", "worry", "x", NULL, NULL, "A9", NULL, NULL },
		  "adult_id", "\"A9\" is not a known adult" },
		{ { "S1", "worry", "x", NULL, NULL, NULL, "secret", NULL },
		  "visibility", "\"secret\" is not staff, team or private" },
		{ { "S1", "worry", "x", NULL, "2026-10-01", NULL, NULL,
		    "2026-09-30" },
		  "retired_at", "\"2026-09-30\" is before the item's at "
		  "(2026-10-01T00:00:00)" },
		{ { "S1", "worry", "x", NULL, NULL, NULL, NULL, "soon" },
		  "retired_at", "\"soon\" is not a date-time" },
	};
	char big[502];
	const char *longv[8] = { "S1", "worry", big, NULL, NULL, NULL, NULL,
		NULL };
	enum rel_outcome out;
	struct rel_err e;
	struct tmpdb t;
	size_t i;

	(void)state;
	school(&t);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(put(&t, bad[i].v, &out, &e), REL_EDATA);
		assert_string_equal(e.column, bad[i].column);
		assert_string_equal(e.file, "t.csv");
		assert_int_equal(e.line, 2);
		if (strstr(e.msg, bad[i].msg) == NULL)
			fail_msg("record %zu: \"%s\" lacks \"%s\"", i, e.msg,
			    bad[i].msg);
	}
	memset(big, 'x', 501);
	big[501] = '\0';
	assert_int_equal(put(&t, longv, &out, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "is longer than 500 bytes"));
	assert_int_equal(items(&t), 0);
	tmpdb_close(&t);
}

static char *
list(struct tmpdb *t, const struct rel_filter *f, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	cols = rel_profile_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	*rc = rel_profile_list(t->db, f, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
fill(struct tmpdb *t)
{
	static const char *const rows[][8] = {
		{ "S2", "support", "a study buddy", "student", "2026-10-03",
		  "A2", NULL, NULL },
		{ "S1", "worry", "exams", "student", "2026-10-01", "A1",
		  "private", NULL },
		{ "S1", "strength", "draws well", "family", "2026-10-02", "A2",
		  NULL, NULL },
		{ "S1", "strength", "kind", "adult", "2026-09-01", "A1", NULL,
		  NULL },
		{ "S1", "interest", "chess", "student", "2026-09-01", "A1",
		  NULL, "2026-11-01" },
	};
	enum rel_outcome out;
	struct rel_err e;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(put(t, rows[i], &out, &e), 0);
}

static void
test_list(void **state)
{
	struct rel_actor who;
	struct rel_filter f;
	struct rel_err e;
	struct tmpdb t;
	char *s;
	int rc;

	(void)state;
	school(&t);
	fill(&t);
	/* As the counselor, who sees every item: this checks what the list
	 * writes, not who may see it. */
	assert_int_equal(rel_actor_find(t.db, "A1", &who, &e), 0);
	rel_filter_init(&f);
	s = list(&t, &f, &rc);
	assert_int_equal(rc, 0);
	/* Card order of kind, then at; retired items left out. */
	assert_string_equal(s,
	    "student_id,kind,value,source,at,adult_id,visibility,retired_at\n"
	    "S1,strength,kind,adult,2026-09-01T00:00:00,A1,team,\n"
	    "S1,strength,draws well,family,2026-10-02T00:00:00,A2,team,\n"
	    "S1,worry,exams,student,2026-10-01T00:00:00,A1,private,\n"
	    "S2,support,a study buddy,student,2026-10-03T00:00:00,A2,team,\n");
	free(s);
	f.history = 1;
	f.student = "S1";
	f.kind = "INTEREST";
	s = list(&t, &f, &rc);
	assert_string_equal(s,
	    "student_id,kind,value,source,at,adult_id,visibility,retired_at\n"
	    "S1,interest,chess,student,2026-09-01T00:00:00,A1,team,"
	    "2026-11-01T00:00:00\n");
	free(s);
	rel_filter_init(&f);
	f.source = "student";
	f.adult = "A2";
	s = list(&t, &f, &rc);
	assert_non_null(strstr(s, "S2,support"));
	assert_null(strstr(s, "S1,"));
	free(s);
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, "2026-10-01", "2026-10-02", &e),
	    0);
	s = list(&t, &f, &rc);
	assert_non_null(strstr(s, "draws well"));
	assert_non_null(strstr(s, "exams"));
	assert_null(strstr(s, "study buddy"));
	assert_null(strstr(s, ",kind,adult"));
	free(s);
	rel_filter_init(&f);
	f.kind = "hobby";
	free(list(&t, &f, &rc));
	assert_int_equal(rc, REL_EUSAGE);
	rel_filter_init(&f);
	f.source = "teacher";
	free(list(&t, &f, &rc));
	assert_int_equal(rc, REL_EUSAGE);
	rel_filter_init(&f);
	f.student = "S9";
	free(list(&t, &f, &rc));
	assert_int_equal(rc, REL_EDATA);
	rel_filter_init(&f);
	f.adult = "A9";
	free(list(&t, &f, &rc));
	assert_int_equal(rc, REL_EDATA);
	tmpdb_close(&t);
}

static void
test_retire(void **state)
{
	struct rel_actor who;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	setenv("USER", "nobody-here", 1);
	unsetenv("REL_AS");
	school(&t);
	fill(&t);
	assert_int_equal(rel_actor_find(t.db, NULL, &who, &e), 0);
	assert_int_equal(rel_profile_retire(t.db, "S1", "strength", "kind",
	    NULL, &e), REL_EUSAGE);
	assert_int_equal(rel_actor_find(t.db, "A2", &who, &e), 0);
	assert_int_equal(rel_profile_retire(t.db, "S1", "strength", "kind",
	    "2026-08-01", &e), REL_EDATA);
	assert_string_equal(e.column, "--at");
	assert_int_equal(rel_profile_retire(t.db, "S1", "strength", "kind",
	    "whenever", &e), REL_EUSAGE);
	assert_int_equal(rel_profile_retire(t.db, "S1", "strength", "nope",
	    NULL, &e), REL_EDATA);
	assert_string_equal(e.msg, "\"nope\" is not a current strength of "
	    "student S1 (rel-profile list --student S1 shows them)");
	assert_int_equal(rel_profile_retire(t.db, "S1", "interest", "chess",
	    NULL, &e), REL_EDATA);
	assert_int_equal(rel_profile_retire(t.db, "S9", "strength", "kind",
	    NULL, &e), REL_EDATA);
	assert_int_equal(rel_profile_retire(t.db, "S1", "talent", "kind",
	    NULL, &e), REL_EDATA);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE retired_at IS NOT NULL"), 1);
	assert_int_equal(rel_profile_retire(t.db, "S1", "Strength", " kind ",
	    "2026-11-02", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE value = 'kind' AND retired_at = '2026-11-02T00:00:00' "
	    "AND retired_by = 2"), 1);
	assert_int_equal(rel_profile_retire(t.db, "S1", "strength", "kind",
	    NULL, &e), REL_EDATA);
	tmpdb_close(&t);
}

static int
starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *
show(struct tmpdb *t, const char *id, int history, int checkins, int md,
    int *rc)
{
	struct rel_err e;
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);

	*rc = rel_profile_show(t->db, id, history, checkins, md, fp, &e);
	fclose(fp);
	return buf;
}

static void
test_show(void **state)
{
	struct rel_actor who;
	struct rel_err e;
	struct tmpdb t;
	char *s;
	int rc;

	(void)state;
	school(&t);
	fill(&t);
	/* As the counselor, who sees every item and check-in: this checks
	 * what the card shows, not who may see it. */
	assert_int_equal(rel_actor_find(t.db, "A1", &who, &e), 0);
	/* Five check-ins a day apart; the newest is the one with a note. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO checkin (student, at, "
	    "adult, kind, mood, note, adult_key) VALUES "
	    "(1, 1793000000 - 1793000000 % 60, 1, 0, 3, NULL, 1), "
	    "(1, 1793086400 - 1793086400 % 60, 1, 1, NULL, NULL, 1), "
	    "(1, 1793172800 - 1793172800 % 60, 2, 2, NULL, NULL, 2), "
	    "(1, 1793259200 - 1793259200 % 60, NULL, 3, 5, 'a\nb *c*', 0)", &e),
	    0);
	s = show(&t, "S1", 0, 2, 0, &rc);
	assert_int_equal(rc, 0);
	assert_true(starts(s, "Zoë Ñuñez\nStudent S1, grade 9, she/her, "
	    "home language Spanish\n\nStrengths\n  - kind (adult, 2026-09-01)\n"
	    "  - draws well (family, 2026-10-02)\n\nInterests\n"
	    "  (none recorded yet)\n"));
	assert_non_null(strstr(s, "\nAdults who know them\n"
	    "  - Ana Silva, counselor (A1): trusted adult; primary adult\n"
	    "  - Bo Chen, teacher (A2): knows name and face\n"));
	assert_non_null(strstr(s, "conference: mood 5; a b *c*\n"));
	assert_non_null(strstr(s, "greeting with Bo Chen\n"));
	assert_null(strstr(s, "exit ticket"));
	assert_null(strstr(s, "chess"));
	free(s);
	/* Markdown, history, no check-ins. */
	s = show(&t, "S1", 1, 0, 1, &rc);
	assert_int_equal(rc, 0);
	assert_true(starts(s, "# Zoë Ñuñez\n\nStudent S1"));
	assert_non_null(strstr(s, "\n## Interests\n\n- chess (student, "
	    "2026-09-01) (retired 2026-11-01)\n"));
	assert_non_null(strstr(s, "(A1): trusted adult; **primary adult**\n"));
	assert_null(strstr(s, "check-ins"));
	free(s);
	/* The preferred name first; no adults yet. */
	s = show(&t, "S2", 0, 3, 0, &rc);
	assert_true(starts(s, "Seun Adeyemi (given name Oluwaseun)\n"
	    "Student S2, grade 10\n\n"));
	assert_non_null(strstr(s, "Adults who know them\n  (none recorded "
	    "yet)\n\nGoals and supports\n  (none recorded yet)\n\n"
	    "Family contacts\n  (none recorded yet)\n\nRestorative cases\n"
	    "  (none recorded yet)\n\nLast check-ins\n  (none recorded "
	    "yet)\n"));
	free(s);
	/* A primary adult without a connection still shows; a deactivated
	 * adult does not. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO primary_adult "
	    "(student, adult, start_at) VALUES (2, 2, '2026-09-01T00:00:00');"
	    "INSERT INTO adult (adult_id, given_name, family_name, active, "
	    " updated_at) VALUES ('A3', 'Cy', 'Gone', 0, 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (2, 3, 3, '2026-09-01T00:00:00', 'x')", &e), 0);
	s = show(&t, "S2", 0, 0, 0, &rc);
	assert_non_null(strstr(s, "Adults who know them\n"
	    "  - Bo Chen, teacher (A2): primary adult\n"));
	assert_null(strstr(s, "Cy Gone"));
	free(s);
	s = show(&t, "S9", 0, 3, 0, &rc);
	assert_int_equal(rc, REL_EDATA);
	assert_true(s == NULL || s[0] == '\0');
	free(s);
	free(show(&t, "S1", 0, -1, 0, &rc));
	assert_int_equal(rc, REL_EUSAGE);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_and_cols),
		cmocka_unit_test(test_write_outcomes),
		cmocka_unit_test(test_write_defaults),
		cmocka_unit_test(test_write_retired),
		cmocka_unit_test(test_bad_records_change_nothing),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_retire),
		cmocka_unit_test(test_show),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
