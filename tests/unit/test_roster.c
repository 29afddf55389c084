/*
 * test_roster.c: checking, upserting, listing and deactivating roster
 * records on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"

/* Write a record given as NULL-terminated strings (NULL: absent). */
static int
put(struct rel_db *db, enum rel_roster_kind k, enum rel_roster_mode mode,
    enum rel_outcome *out, struct rel_err *e, const char *v0, const char *v1,
    const char *v2, const char *v3, const char *v4, const char *v5,
    const char *v6, const char *v7)
{
	const char *v[8] = { v0, v1, v2, v3, v4, v5, v6, v7 };
	size_t len[8], i;
	struct rel_rec rec = { 8, v, len, "f.csv", 7, NULL };

	for (i = 0; i < 8; i++)
		len[i] = v[i] ? strlen(v[i]) : 0;
	rel_err_clear(e);
	return rel_roster_write(db, k, &rec, mode, out, e);
}

static void
test_grades(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(rel_roster_grade("09", 2, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "9");
	assert_int_equal(rel_roster_grade("12", 2, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "12");
	assert_int_equal(rel_roster_grade("kg", 2, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "KG");
	assert_int_equal(rel_roster_grade("OTHER", 5, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Other");
	assert_int_equal(rel_roster_grade("0", 1, buf, sizeof(buf)), REL_EDATA);
	assert_int_equal(rel_roster_grade("14", 2, buf, sizeof(buf)), REL_EDATA);
	assert_int_equal(rel_roster_grade("9a", 2, buf, sizeof(buf)), REL_EDATA);
	assert_int_equal(rel_roster_grade("", 0, buf, sizeof(buf)), REL_EDATA);
	assert_int_equal(rel_roster_grade("100", 3, buf, sizeof(buf)), REL_EDATA);
}

static void
test_upsert_outcomes(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	enum rel_outcome o;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Zoë",
	    "Ñuñez", NULL, NULL, "09", NULL, NULL), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Zoë",
	    "Ñuñez", NULL, NULL, "9", NULL, NULL), 0);
	assert_int_equal(o, REL_UNCHANGED);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Zoë",
	    "Ñuñez", "Z", NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o, REL_UPDATED);
	/* the grade was absent, so it was kept */
	assert_int_equal(tmpdb_int(&t, "SELECT grade FROM student"), 9);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Zoë",
	    "Ñuñez", "", NULL, NULL, NULL, "no"), 0);
	assert_int_equal(o, REL_UPDATED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "preferred_name IS NULL AND active = 0"), 1);
	tmpdb_close(&t);
}

static void
test_modes(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	enum rel_outcome o;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(put(t.db, REL_ADULT, REL_UPDATE, &o, &e, "A1", NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_string_equal(e.column, "adult_id");
	assert_int_equal(put(t.db, REL_ADULT, REL_INSERT, &o, &e, "A1", "Ana",
	    NULL, NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_string_equal(e.column, "family_name");
	assert_int_equal(put(t.db, REL_ADULT, REL_INSERT, &o, &e, "A1", "Ana",
	    "Silva", NULL, "COUNSELOR", "asilva", NULL, NULL), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult WHERE "
	    "role = 'counselor' AND active = 1"), 1);
	assert_int_equal(put(t.db, REL_ADULT, REL_INSERT, &o, &e, "A1", "Ana",
	    "Silva", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_non_null(strstr(e.msg, "already exists"));
	assert_int_equal(put(t.db, REL_ADULT, REL_UPDATE, &o, &e, "A1", NULL,
	    NULL, "ana@school.example", NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o, REL_UPDATED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult WHERE "
	    "role = 'counselor' AND login = 'asilva'"), 1);
	tmpdb_close(&t);
}

static void
test_validation(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	enum rel_outcome o;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, " S1",
	    "A", "B", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_non_null(strstr(e.msg, "spaces"));
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S\t1",
	    "A", "B", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e,
	    "S12345678901234567890123456789012345678901234567890123456789012345",
	    "A", "B", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1",
	    "A\nB", "B", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_string_equal(e.column, "given_name");
	assert_string_equal(e.file, "f.csv");
	assert_int_equal(e.line, 7);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1",
	    "A", "B", NULL, NULL, "13", NULL, "maybe"), REL_EDATA);
	assert_string_equal(e.column, "active");
	assert_int_equal(put(t.db, REL_ADULT, REL_UPSERT, &o, &e, "A1", "A",
	    "B", "a@b@c", NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_ADULT, REL_UPSERT, &o, &e, "A1", "A",
	    "B", NULL, NULL, "two words", NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_GROUP, REL_UPSERT, &o, &e, "G1", "Chess",
	    "guild", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_non_null(strstr(e.msg, "class, advisory, team, club or other"));
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student") +
	    tmpdb_int(&t, "SELECT count(*) FROM adult") +
	    tmpdb_int(&t, "SELECT count(*) FROM grp"), 0);
	tmpdb_close(&t);
}

static void
test_groups_and_members(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	enum rel_outcome o;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(put(t.db, REL_ADULT, REL_UPSERT, &o, &e, "A1", "Ana",
	    "Silva", NULL, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Bo",
	    "Chen", NULL, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(put(t.db, REL_GROUP, REL_UPSERT, &o, &e, "G1", "Chess",
	    NULL, "A2", NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_GROUP, REL_UPSERT, &o, &e, "G1", "Chess",
	    "Club", "A1", NULL, NULL, NULL, NULL), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT lead_adult FROM grp"), 1);
	/* absent lead keeps the stored one */
	assert_int_equal(put(t.db, REL_GROUP, REL_UPSERT, &o, &e, "G1", "Chess",
	    "club", NULL, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o, REL_UNCHANGED);
	assert_int_equal(put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G1", "S1",
	    "A1", NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G1", NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G2", "S1",
	    NULL, NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G1", "S1",
	    NULL, NULL, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put(t.db, REL_MEMBER, REL_INSERT, &o, &e, "G1", "S1",
	    NULL, NULL, NULL, NULL, NULL, NULL), REL_EDATA);
	assert_int_equal(put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G1", NULL,
	    "A1", NULL, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(rel_roster_deactivate(t.db, REL_MEMBER, "G1",
	    REL_STUDENT, "S1", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM member WHERE "
	    "active = 0"), 1);
	assert_int_equal(rel_roster_deactivate(t.db, REL_MEMBER, "G1",
	    REL_STUDENT, "S9", &e), REL_EDATA);
	assert_int_equal(rel_roster_deactivate(t.db, REL_STUDENT, "S1",
	    REL_STUDENT, NULL, &e), 0);
	assert_int_equal(rel_roster_deactivate(t.db, REL_STUDENT, "S2",
	    REL_STUDENT, NULL, &e), REL_EDATA);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "active = 0"), 1);
	tmpdb_close(&t);
}

static char *
list(struct rel_db *db, enum rel_roster_kind k,
    const struct rel_roster_filter *f, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	cols = rel_roster_cols(k, &n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	*rc = rel_roster_list(db, k, f, o, &e);
	rel_out_close(o, &e);
	fclose(fp);
	return buf;
}

static void
test_list_filters(void **state)
{
	struct rel_roster_filter f;
	struct tmpdb t;
	struct rel_err e;
	enum rel_outcome o;
	char *s;
	int rc;

	(void)state;
	tmpdb_open(&t);
	put(t.db, REL_ADULT, REL_UPSERT, &o, &e, "A1", "Ana", "Silva", NULL,
	    NULL, NULL, NULL, NULL);
	put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S1", "Bo", "Chen", NULL,
	    NULL, "9", NULL, NULL);
	put(t.db, REL_STUDENT, REL_UPSERT, &o, &e, "S2", "Cy", "100%_Diaz",
	    NULL, NULL, "10", NULL, NULL);
	put(t.db, REL_GROUP, REL_UPSERT, &o, &e, "G1", "Chess", NULL, "A1",
	    NULL, NULL, NULL, NULL);
	put(t.db, REL_MEMBER, REL_UPSERT, &o, &e, "G1", "S2", NULL, NULL, NULL,
	    NULL, NULL, NULL);

	memset(&f, 0, sizeof(f));
	f.grade = "09";
	s = list(t.db, REL_STUDENT, &f, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "\nS1,Bo,Chen"));
	assert_null(strstr(s, "S2"));
	free(s);

	memset(&f, 0, sizeof(f));
	f.adult = "A1";
	s = list(t.db, REL_STUDENT, &f, &rc);
	assert_non_null(strstr(s, "S2"));
	assert_null(strstr(s, "S1"));
	free(s);

	memset(&f, 0, sizeof(f));
	f.name = "%_";		/* literal, not a wildcard */
	s = list(t.db, REL_STUDENT, &f, &rc);
	assert_non_null(strstr(s, "S2"));
	assert_null(strstr(s, "S1"));
	free(s);

	memset(&f, 0, sizeof(f));
	f.group = "NOPE";
	s = list(t.db, REL_STUDENT, &f, &rc);
	assert_int_equal(rc, REL_EDATA);
	free(s);

	memset(&f, 0, sizeof(f));
	f.grade = "9";
	s = list(t.db, REL_ADULT, &f, &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);

	memset(&f, 0, sizeof(f));
	f.group = "G1";
	s = list(t.db, REL_ADULT, &f, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "A1,Ana"));
	free(s);
	tmpdb_close(&t);
}

static void
test_kinds_and_detect(void **state)
{
	enum rel_roster_kind k;
	struct rel_err e;
	char *f1[] = { "group_id", "student_id" };
	char *f2[] = { "given_name", "x" };
	size_t len[] = { 8, 10 }, kind;
	struct rel_csv_row hdr = { 2, f1, len, 1 };

	(void)state;
	assert_int_equal(rel_roster_kind_parse("students", &k, &e), 0);
	assert_int_equal(k, REL_STUDENT);
	assert_int_equal(rel_roster_kind_parse("member", &k, &e), 0);
	assert_int_equal(k, REL_MEMBER);
	assert_int_equal(rel_roster_kind_parse("studentss", &k, &e), REL_EUSAGE);
	assert_int_equal(rel_roster_detect(&hdr, "h", &kind, &e), 0);
	assert_int_equal(kind, REL_MEMBER);
	hdr.f = f2;
	assert_int_equal(rel_roster_detect(&hdr, "h", &kind, &e), REL_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades),
		cmocka_unit_test(test_upsert_outcomes),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_groups_and_members),
		cmocka_unit_test(test_list_filters),
		cmocka_unit_test(test_kinds_and_detect),
	};

	return cmocka_run_group_tests_name("roster", tests, NULL, NULL);
}
