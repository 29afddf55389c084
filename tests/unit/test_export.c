/*
 * test_export.c: exports, de-identification and purges (export.c): kind
 * lists, ISO weeks, pseudonyms against an independent HMAC-SHA256, the
 * key, the files and their modes, the audit row and what happens when it
 * cannot be written, the suppression rules on a school built to sit on
 * their edges, and the purge rules.
 */
#include <sys/stat.h>

#include "unit.h"
#include "tmpdb.h"

static void
has(const struct rel_err *e, const char *want)
{
	char buf[1400];

	rel_err_format(e, buf, sizeof(buf));
	if (strstr(buf, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", buf, want);
}

static void
exec(struct tmpdb *t, const char *sql)
{
	struct rel_err e;

	if (rel_db_exec(t->db, sql, &e) != 0)
		fail_msg("%s: %s", sql, e.msg);
}

static void
act(struct tmpdb *t, const char *id)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, id, &a, &e), 0);
}

/*
 * The edge school. Students: grade 9 has 12 (10 Spanish, 2 Hmong), grade
 * 10 has 9 (all Spanish), grade 11 has 10 (all Hmong). Adults: C1 a
 * counselor, T1-T10 teachers, K1 a coach. Groups: BIG with 10 active
 * student members, SMALL with 9 active and 1 inactive, both led by T1,
 * and T2 an adult member of SMALL.
 */
static void
edge_school(struct tmpdb *t)
{
	char sql[512];
	int i;

	tmpdb_open(t);
	for (i = 1; i <= 31; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO student (student_id, "
		    "given_name, family_name, grade, home_language, "
		    "updated_at) VALUES ('P%02d', 'Given%02d', 'Family%02d', "
		    "'%s', '%s', 'x')",
		    i, i, i, i <= 12 ? "9" : i <= 21 ? "10" : "11",
		    i <= 10 ? "Spanish" : i <= 12 ? "Hmong" : i <= 21 ?
		    "Spanish" : "Hmong");
		exec(t, sql);
	}
	exec(t, "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    "email, login, updated_at) VALUES ('C1', 'Cora', 'Lind', "
	    "'counselor', 'cora@school.example', 'clind', 'x'), "
	    "('K1', 'Kit', 'Moss', 'coach', NULL, NULL, 'x')");
	for (i = 1; i <= 10; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO adult (adult_id, "
		    "given_name, family_name, role, updated_at) VALUES "
		    "('T%d', 'Tea%d', 'Cher%d', 'teacher', 'x')", i, i, i);
		exec(t, sql);
	}
	exec(t, "INSERT INTO grp (group_id, name, kind, lead_adult, "
	    "updated_at) SELECT 'BIG', 'Big Class', 'class', id, 'x' "
	    "FROM adult WHERE adult_id = 'T1' UNION ALL SELECT 'SMALL', "
	    "'Small Club', 'club', id, 'x' FROM adult WHERE adult_id = 'T1'");
	exec(t, "INSERT INTO member (grp, student, active, updated_at) "
	    "SELECT g.id, s.id, 1, 'x' FROM grp g, student s "
	    "WHERE g.group_id = 'BIG' AND s.student_id <= 'P10'");
	exec(t, "INSERT INTO member (grp, student, active, updated_at) "
	    "SELECT g.id, s.id, s.student_id <> 'P30', 'x' FROM grp g, "
	    "student s WHERE g.group_id = 'SMALL' AND s.student_id > 'P21'");
	exec(t, "INSERT INTO member (grp, adult, active, updated_at) "
	    "SELECT g.id, a.id, 1, 'x' FROM grp g, adult a "
	    "WHERE g.group_id = 'SMALL' AND a.adult_id = 'T2'");
	exec(t, "INSERT INTO note (student, at, adult, kind, text, visibility) "
	    "SELECT s.id, '2026-11-18T09:30:00', a.id, 'concern', "
	    "'Secret text about ' || s.given_name, 2 FROM student s, adult a "
	    "WHERE a.adult_id = 'T3' AND s.student_id IN ('P01', 'P02')");
}

/* The path of a file of the export dir of t. */
static const char *
at_(struct tmpdb *t, const char *dir, const char *file)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s%s%s", t->dir, dir,
	    file != NULL ? "/" : "", file != NULL ? file : "");
	return path;
}

/* The whole of a file, as a string (freed by the caller). */
static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *s;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	return s;
}

/* How many records of a CSV file have value v in column col (any value
 * when v is NULL); the header is not counted. */
static long
count_col(const char *path, size_t col, const char *v)
{
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	long n = 0;

	assert_int_equal(rel_csv_open(&r, path, NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_ROW);
	while (rel_csv_next(r, &row, &e) == REL_CSV_ROW) {
		assert_true(col < row->n);
		if (v == NULL || strcmp(row->f[col], v) == 0)
			n++;
	}
	rel_csv_close(r);
	return n;
}

static int
mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(lstat(path, &sb), 0);
	return (int)(sb.st_mode & 07777);
}

static void
test_kinds(void **state)
{
	struct rel_err e;
	unsigned m;

	(void)state;
	assert_int_equal(rel_export_kinds_parse("--kind", "student", &m, &e),
	    0);
	assert_int_equal(m, 1u << REL_EX_STUDENT);
	assert_int_equal(rel_export_kinds_parse("--kind", "note,checkin,note",
	    &m, &e), 0);
	assert_int_equal(m, 1u << REL_EX_NOTE | 1u << REL_EX_CHECKIN);
	assert_int_equal(rel_export_kinds_parse("--kind", "student,adult,group,"
	    "member,connection,checkin,profile,note,family,goal,progress,case,"
	    "party,indicator", &m, &e), 0);
	assert_int_equal(m, REL_EX_ALL);
	assert_int_equal(rel_export_kinds_parse("--kind", "notes", &m, &e),
	    REL_EUSAGE);
	has(&e, "--kind: \"notes\" is not student, adult, group, member, "
	    "connection, checkin, profile, note, family, goal, progress, case, "
	    "party or indicator");
	assert_int_equal(rel_export_kinds_parse("--kind", "", &m, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_export_kinds_parse("--kind", "note,", &m, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_export_kinds_parse("--kind", "Note", &m, &e),
	    REL_EUSAGE);
	assert_string_equal(rel_export_kind_name(REL_EX_CONNECTION),
	    "connection");
	assert_string_equal(rel_export_kind_name(REL_EX_NKINDS), "");

	assert_int_equal(rel_purge_kinds_parse("--kind", "profile,checkin", &m,
	    &e), 0);
	assert_int_equal(m, 1u << REL_PURGE_PROFILE | 1u << REL_PURGE_CHECKIN);
	assert_int_equal(rel_purge_kinds_parse("--kind", "student", &m, &e),
	    REL_EUSAGE);
	has(&e, "is not checkin, note, connection, profile, family, goal, case "
	    "or indicator");
	assert_int_equal(rel_purge_kinds_parse("--kind", "indicator", &m, &e),
	    0);
	assert_int_equal(m, 1u << REL_PURGE_INDICATOR);
	assert_string_equal(rel_export_kind_name(REL_EX_INDICATOR),
	    "indicator");
	assert_string_equal(rel_purge_kind_name(REL_PURGE_CONNECTION),
	    "connection");
}

static void
test_week(void **state)
{
	static const struct {
		int y;
		unsigned m, d;
		const char *week;
	} cases[] = {
		{ 2026, 11, 20, "2026-W47" },
		{ 2026, 11, 16, "2026-W47" },	/* Monday */
		{ 2026, 11, 22, "2026-W47" },	/* Sunday */
		{ 2026, 1, 1, "2026-W01" },	/* a Thursday */
		{ 2027, 1, 1, "2026-W53" },	/* a Friday: last year's */
		{ 2024, 12, 30, "2025-W01" },	/* a Monday: next year's */
		{ 2021, 1, 3, "2020-W53" },
		{ 2020, 12, 31, "2020-W53" },
		{ 1970, 1, 1, "1970-W01" },
		{ 1969, 12, 29, "1970-W01" },	/* before day 0 */
		{ 1969, 12, 28, "1969-W52" },
		{ 9999, 12, 31, "9999-W52" },
	};
	char buf[REL_WEEK_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rel_export_week(rel_days_from_civil(cases[i].y, cases[i].m,
		    cases[i].d), buf);
		assert_string_equal(buf, cases[i].week);
	}
}

static void
test_pseudonym(void **state)
{
	unsigned char key[REL_EXPORT_KEYLEN], other[REL_EXPORT_KEYLEN];
	char a[REL_PSEUDONYM_LEN], b[REL_PSEUDONYM_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(key); i++) {
		key[i] = (unsigned char)i;
		other[i] = (unsigned char)(i + 1);
	}
	/* The first 16 bytes of HMAC-SHA256(key, "s\0S0001"), worked out
	 * with another implementation. */
	rel_export_pseudonym(key, 's', "S0001", 5, a);
	assert_string_equal(a, "s_c27b3efae0c3bb5ef57699bc32785848");
	rel_export_pseudonym(key, 'a', "S0001", 5, b);
	assert_string_equal(b, "a_927494b0d4abf4a352ff80bddfeef647");
	rel_export_pseudonym(key, 'g', "ADV-01", 6, b);
	assert_string_equal(b, "g_5951683c5cb7b2f3e9f504fc4b263e22");
	/* The same again; another key or id, another pseudonym; only the
	 * given length of the id counts. */
	rel_export_pseudonym(key, 's', "S00012", 5, b);
	assert_string_equal(a, b);
	rel_export_pseudonym(other, 's', "S0001", 5, b);
	assert_string_not_equal(a, b);
	rel_export_pseudonym(key, 's', "S0002", 5, b);
	assert_string_not_equal(a, b);
	assert_int_equal(strlen(b), REL_PSEUDONYM_LEN - 1);
}

static void
test_key(void **state)
{
	unsigned char k1[REL_EXPORT_KEYLEN], k2[REL_EXPORT_KEYLEN];
	char hex[80];
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting "
	    "WHERE key = 'deidentify_key'"), 0);
	assert_int_equal(rel_export_key(t.db, k1, &e), 0);
	assert_int_equal(rel_db_setting_get(t.db, "deidentify_key", hex,
	    sizeof(hex), &e), 0);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(rel_export_key(t.db, k2, &e), 0);
	assert_memory_equal(k1, k2, sizeof(k1));
	/* 32 random bytes: not all zero. */
	memset(k2, 0, sizeof(k2));
	assert_memory_not_equal(k1, k2, sizeof(k1));
	/* A damaged key is refused, not replaced. */
	assert_int_equal(rel_db_setting_put(t.db, "deidentify_key", "abc", &e),
	    0);
	assert_int_equal(rel_export_key(t.db, k2, &e), REL_EDATA);
	has(&e, "deidentify_key");
	assert_int_equal(rel_db_setting_get(t.db, "deidentify_key", hex,
	    sizeof(hex), &e), 0);
	assert_string_equal(hex, "abc");
	tmpdb_close(&t);
}

static void
opts(struct rel_export_opts *o, const char *dir)
{
	memset(o, 0, sizeof(*o));
	o->dir = dir;
	o->purpose = "unit test";
	o->excel_safe = 1;
}

static void
test_export_files(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;
	char *s;
	int k;

	(void)state;
	edge_school(&t);
	opts(&o, at_(&t, "ex", NULL));
	/* No acting adult, no purpose: refused before anything is made. */
	assert_int_equal(rel_export(t.db, &o, &r, &e), REL_EUSAGE);
	has(&e, "acting adult");
	act(&t, "C1");
	o.purpose = "";
	assert_int_equal(rel_export(t.db, &o, &r, &e), REL_EUSAGE);
	has(&e, "--purpose");
	assert_int_equal(access(o.dir, F_OK), -1);
	o.purpose = "unit test";

	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	assert_int_equal(r.rows[REL_EX_STUDENT], 31);
	assert_int_equal(r.rows[REL_EX_ADULT], 12);
	assert_int_equal(r.rows[REL_EX_GROUP], 2);
	assert_int_equal(r.rows[REL_EX_MEMBER], 21);
	assert_int_equal(r.rows[REL_EX_NOTE], 2);
	assert_int_equal(r.audit_rows, -1);
	assert_int_equal(r.students, 31);
	assert_int_equal(mode_of(o.dir), 0700);
	for (k = 0; k < REL_EX_NKINDS; k++) {
		char name[64];

		snprintf(name, sizeof(name), "%s.csv",
		    rel_export_kind_name((enum rel_export_kind)k));
		assert_int_equal(mode_of(at_(&t, "ex", name)), 0600);
	}
	assert_int_equal(mode_of(at_(&t, "ex", "manifest.csv")), 0600);
	s = slurp(at_(&t, "ex", "note.csv"));
	assert_non_null(strstr(s, "P01,2026-11-18T09:30:00,T3,concern,"
	    "Secret text about Given01,private\n"));
	free(s);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT students FROM audit"), 31);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_student"),
	    31);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "purpose = 'unit test' AND detail = 'student 31, adult 12, "
	    "group 2, member 21, connection 0, checkin 0, profile 0, "
	    "note 2, family 0, goal 0, progress 0, case 0, party 0, "
	    "indicator 0'"), 1);

	/* The same directory again: 73, and nothing more is audited. */
	assert_int_equal(rel_export(t.db, &o, &r, &e), REL_ECANTCREAT);
	has(&e, "File exists");
	assert_int_equal(r.rows[REL_EX_STUDENT], -1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 1);
	tmpdb_close(&t);
}

static void
test_export_teacher(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	edge_school(&t);
	/* T4 is in no team of P01 or P02 and wrote nothing: no note. */
	act(&t, "T4");
	opts(&o, at_(&t, "t4", NULL));
	o.kinds = 1u << REL_EX_NOTE;
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	assert_int_equal(r.rows[REL_EX_NOTE], 0);
	assert_int_equal(r.rows[REL_EX_STUDENT], -1);
	assert_int_equal(count_col(at_(&t, "t4", "note.csv"), 0, NULL), 0);
	assert_int_equal(access(at_(&t, "t4", "student.csv"), F_OK), -1);
	/* Their author sees both. */
	act(&t, "T3");
	opts(&o, at_(&t, "t3", NULL));
	o.kinds = 1u << REL_EX_NOTE;
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	assert_int_equal(r.rows[REL_EX_NOTE], 2);
	assert_int_equal(r.students, 2);
	tmpdb_close(&t);
}

static void
test_export_student(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	edge_school(&t);
	act(&t, "C1");
	opts(&o, at_(&t, "nobody", NULL));
	o.student = "P99";
	assert_int_equal(rel_export(t.db, &o, &r, &e), REL_EDATA);
	has(&e, "--student: \"P99\" is not a known student");
	assert_int_equal(access(o.dir, F_OK), -1);

	opts(&o, at_(&t, "first", NULL));
	o.student = "P01";
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	/* The kinds about students only; an audit.csv of no earlier access. */
	assert_int_equal(r.rows[REL_EX_ADULT], -1);
	assert_int_equal(r.rows[REL_EX_GROUP], -1);
	assert_int_equal(r.rows[REL_EX_STUDENT], 1);
	assert_int_equal(r.rows[REL_EX_MEMBER], 1);
	assert_int_equal(r.rows[REL_EX_NOTE], 1);
	assert_int_equal(r.audit_rows, 0);
	assert_int_equal(r.students, 1);
	opts(&o, at_(&t, "second", NULL));
	o.student = "P01";
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	assert_int_equal(r.audit_rows, 1);
	assert_int_equal(count_col(at_(&t, "second", "audit.csv"), 4, "P01"),
	    1);
	assert_int_equal(count_col(at_(&t, "second", "manifest.csv"), 0, NULL),
	    13);
	tmpdb_close(&t);
}

static void
test_export_unaudited_is_removed(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	edge_school(&t);
	act(&t, "C1");
	/* What cannot be recorded does not leave: with the audit row
	 * refused, the files and the directory go. */
	exec(&t, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit "
	    "BEGIN SELECT RAISE(ABORT, 'refused'); END");
	opts(&o, at_(&t, "ex", NULL));
	assert_int_not_equal(rel_export(t.db, &o, &r, &e), 0);
	has(&e, "audit log");
	assert_int_equal(access(o.dir, F_OK), -1);
	assert_int_equal(r.rows[REL_EX_STUDENT], -1);
	exec(&t, "DROP TRIGGER temp.no_audit");
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	assert_int_equal(access(o.dir, F_OK), 0);
	tmpdb_close(&t);
}

static void
test_deidentify(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;
	const char *p;
	char *s;

	(void)state;
	edge_school(&t);
	act(&t, "C1");
	opts(&o, at_(&t, "de", NULL));
	o.deidentify = 1;
	exec(&t, "INSERT INTO indicator (student, name, day, value, source) "
	    "SELECT id, 'attendance', '2026-11-16', 0.5, 'sis' FROM student "
	    "WHERE student_id = 'P01' UNION ALL SELECT id, 'belonging', "
	    "'2026-11-11', 4.25, 'survey' FROM student "
	    "WHERE student_id = 'P02'");
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);

	/* Grade 9 (12) and 11 (10) kept, grade 10 (9) emptied. */
	p = at_(&t, "de", "student.csv");
	assert_int_equal(count_col(p, 5, "9"), 12);
	assert_int_equal(count_col(p, 5, "10"), 0);
	assert_int_equal(count_col(p, 5, "11"), 10);
	assert_int_equal(count_col(p, 5, ""), 9);
	/* Spanish in grade 9 (10) kept; Hmong in grade 9 (2), Spanish in
	 * grade 10 (9) emptied; Hmong in grade 11 (10) kept. */
	assert_int_equal(count_col(p, 6, "Spanish"), 10);
	assert_int_equal(count_col(p, 6, "Hmong"), 10);
	assert_int_equal(count_col(p, 6, ""), 11);
	assert_int_equal(count_col(p, 1, ""), 31);
	assert_int_equal(count_col(p, 2, ""), 31);
	/* Teacher (10) kept; counselor and coach (1 each) emptied. */
	p = at_(&t, "de", "adult.csv");
	assert_int_equal(count_col(p, 4, "teacher"), 10);
	assert_int_equal(count_col(p, 4, ""), 2);
	assert_int_equal(count_col(p, 3, ""), 12);
	assert_int_equal(count_col(p, 5, ""), 12);
	/* BIG (10 active) kept with its memberships, without its name;
	 * SMALL (9 active) left out with its own, the adult's too. */
	p = at_(&t, "de", "group.csv");
	assert_int_equal(count_col(p, 0, NULL), 1);
	assert_int_equal(count_col(p, 1, ""), 1);
	assert_int_equal(count_col(p, 2, "class"), 1);
	assert_int_equal(count_col(at_(&t, "de", "member.csv"), 0, NULL), 10);
	assert_int_equal(r.rows[REL_EX_GROUP], 1);
	assert_int_equal(r.rows[REL_EX_MEMBER], 10);
	/* Indicators: a pseudonym and a week; name, value and source kept. */
	s = slurp(at_(&t, "de", "indicator.csv"));
	assert_non_null(strstr(s, "student_id,date,name,value,source\n"));
	assert_null(strstr(s, "P01"));
	assert_null(strstr(s, "2026-11-16"));
	assert_non_null(strstr(s, ",2026-W47,attendance,0.5,sis\n"));
	assert_non_null(strstr(s, ",2026-W46,belonging,4.25,survey\n"));
	free(s);
	assert_int_equal(r.rows[REL_EX_INDICATOR], 2);
	/* Notes: a pseudonym, a week, no text. */
	s = slurp(at_(&t, "de", "note.csv"));
	assert_null(strstr(s, "Secret"));
	assert_null(strstr(s, "P01"));
	assert_null(strstr(s, "T3"));
	assert_non_null(strstr(s, ",2026-W47,a_"));
	assert_non_null(strstr(s, ",concern,,private\n"));
	free(s);
	/* No name, login or email anywhere. */
	s = slurp(at_(&t, "de", "adult.csv"));
	assert_null(strstr(s, "Cora"));
	assert_null(strstr(s, "clind"));
	assert_null(strstr(s, "@"));
	free(s);
	s = slurp(at_(&t, "de", "manifest.csv"));
	assert_null(strstr(s, "C1"));
	assert_non_null(strstr(s, "student.csv,student,31,"));
	free(s);
	/* The audit row names the real students. */
	assert_int_equal(tmpdb_int(&t, "SELECT students FROM audit"), 31);
	tmpdb_close(&t);
}

static void
test_deidentify_set(void **state)
{
	struct rel_export_result r;
	struct rel_export_opts o;
	struct rel_err e;
	struct tmpdb t;
	const char *p;

	(void)state;
	edge_school(&t);
	act(&t, "C1");
	/* Narrowed to 9 of BIG's 10 students: every group is too small,
	 * and so is their grade. */
	exec(&t, "INSERT INTO temp.rel_set (id) SELECT id FROM student "
	    "WHERE student_id <= 'P09'");
	opts(&o, at_(&t, "de", NULL));
	o.deidentify = 1;
	o.set = 1;
	o.kinds = 1u << REL_EX_STUDENT | 1u << REL_EX_GROUP |
	    1u << REL_EX_MEMBER;
	assert_int_equal(rel_export(t.db, &o, &r, &e), 0);
	p = at_(&t, "de", "student.csv");
	assert_int_equal(count_col(p, 0, NULL), 9);
	assert_int_equal(count_col(p, 5, ""), 9);
	assert_int_equal(r.rows[REL_EX_GROUP], 0);
	assert_int_equal(r.rows[REL_EX_MEMBER], 0);
	tmpdb_close(&t);
}

/* Rows dated around a purge at 2026-06-01. */
static void
purge_school(struct tmpdb *t)
{
	edge_school(t);
	exec(t, "INSERT INTO checkin (student, at, adult, kind, adult_key) "
	    "SELECT s.id, strftime('%s', '2026-05-31T23:59:00'), NULL, 0, 0 "
	    "FROM student s WHERE s.student_id IN ('P01', 'P02', 'P03');"
	    "INSERT INTO checkin (student, at, adult, kind, adult_key) "
	    "SELECT s.id, strftime('%s', '2026-06-01T00:00:00'), NULL, 0, 0 "
	    "FROM student s WHERE s.student_id = 'P01';"
	    "INSERT INTO note (student, at, adult, kind, text, visibility) "
	    "SELECT NULL, '2026-01-01T00:00:00', id, 'gratitude', 'Old', 0 "
	    "FROM adult WHERE adult_id = 'T1';"
	    "INSERT INTO profile_item (student, kind, value, at, retired_at) "
	    "SELECT id, 'interest', 'chess', '2025-01-01T00:00:00', NULL "
	    "FROM student WHERE student_id = 'P01';"
	    "INSERT INTO profile_item (student, kind, value, at, retired_at) "
	    "SELECT id, 'interest', 'go', '2025-01-01T00:00:00', "
	    "'2026-02-01T00:00:00' FROM student WHERE student_id = 'P01';"
	    "INSERT INTO profile_item (student, kind, value, at, retired_at) "
	    "SELECT id, 'interest', 'shogi', '2025-01-01T00:00:00', "
	    "'2026-07-01T00:00:00' FROM student WHERE student_id = 'P01';"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    "SELECT s.id, a.id, 3, '2026-03-01T00:00:00', 'x' FROM student s, "
	    "adult a WHERE s.student_id = 'P01' AND a.adult_id IN ('T1', "
	    "'T2');"
	    "INSERT INTO connection_event (student, adult, strength, at) "
	    "SELECT s.id, a.id, v.column1, v.column2 FROM student s, adult a, "
	    "(VALUES (1, '2026-01-01T00:00:00'), (2, '2026-02-01T00:00:00'), "
	    "(3, '2026-03-01T00:00:00')) v WHERE s.student_id = 'P01' "
	    "AND a.adult_id = 'T1';"
	    "INSERT INTO connection_event (student, adult, strength, at) "
	    "SELECT s.id, a.id, v.column1, v.column2 FROM student s, adult a, "
	    "(VALUES (1, '2026-01-01T00:00:00'), (3, '2026-07-01T00:00:00')) v "
	    "WHERE s.student_id = 'P01' AND a.adult_id = 'T2';"
	    "INSERT INTO indicator (student, name, day, value) "
	    "SELECT s.id, 'attendance', v.column1, 1 FROM student s, "
	    "(VALUES ('2026-05-29'), ('2026-05-31'), ('2026-06-01')) v "
	    "WHERE s.student_id = 'P01'");
}

static void
test_purge(void **state)
{
	long n[REL_PURGE_NKINDS];
	int64_t before;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	purge_school(&t);
	assert_int_equal(rel_datetime_parse("2026-06-01", 10, &before), 0);

	/* Who may. */
	assert_int_equal(rel_purge(t.db, before, 0, 0, NULL, n, &e),
	    REL_EUSAGE);
	act(&t, "T1");
	assert_int_equal(rel_purge(t.db, before, 0, 1, NULL, n, &e), REL_EPERM);
	has(&e, "only a counselor or an admin may purge records, and T1 is "
	    "neither");
	act(&t, "C1");

	/* A dry run counts. */
	assert_int_equal(rel_purge(t.db, before, 0, 1, NULL, n, &e), 0);
	assert_int_equal(n[REL_PURGE_CHECKIN], 3);
	assert_int_equal(n[REL_PURGE_NOTE], 1);
	/* T1's 1 and 2 go, its 3 stays; T2's 1 goes (a later 3). */
	assert_int_equal(n[REL_PURGE_CONNECTION], 3);
	assert_int_equal(n[REL_PURGE_PROFILE], 1);
	/* The days before 1 June; that day's own is kept. */
	assert_int_equal(n[REL_PURGE_INDICATOR], 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 0);

	/* --kind. */
	assert_int_equal(rel_purge(t.db, before, 1u << REL_PURGE_NOTE, 0,
	    "retention", n, &e), 0);
	assert_int_equal(n[REL_PURGE_NOTE], 1);
	assert_int_equal(n[REL_PURGE_CHECKIN], 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "detail = 'note 1' AND purpose = 'retention' AND students = 0"),
	    1);

	/* Everything. */
	assert_int_equal(rel_purge(t.db, before, 0, 0, NULL, n, &e), 0);
	assert_int_equal(n[REL_PURGE_CHECKIN], 3);
	assert_int_equal(n[REL_PURGE_NOTE], 0);
	assert_int_equal(n[REL_PURGE_CONNECTION], 3);
	assert_int_equal(n[REL_PURGE_PROFILE], 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE value = 'go'"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE strength = 3"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event"),
	    2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_student"),
	    0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "detail = 'checkin 3, note 0, connection 3, profile 1, family 0, "
	    "goal 0, case 0, indicator 2'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator "
	    "WHERE day = '2026-06-01'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM indicator"), 1);
	/* Again: nothing left to purge. */
	assert_int_equal(rel_purge(t.db, before, 0, 0, NULL, n, &e), 0);
	assert_int_equal(n[REL_PURGE_CHECKIN] + n[REL_PURGE_CONNECTION] +
	    n[REL_PURGE_PROFILE] + n[REL_PURGE_NOTE] +
	    n[REL_PURGE_INDICATOR], 0);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_week),
		cmocka_unit_test(test_pseudonym),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_export_files),
		cmocka_unit_test(test_export_teacher),
		cmocka_unit_test(test_export_student),
		cmocka_unit_test(test_export_unaudited_is_removed),
		cmocka_unit_test(test_deidentify),
		cmocka_unit_test(test_deidentify_set),
		cmocka_unit_test(test_purge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
