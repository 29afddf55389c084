/*
 * test_sample.c: the fictional school: its shape, its determinism, its
 * names, its relationship map, and that every record it writes keeps the
 * schema's rules.
 */
#include <inttypes.h>

#include "unit.h"
#include "tmpdb.h"

static void
fill(struct tmpdb *t, long n, unsigned long seed)
{
	struct rel_err e;

	tmpdb_open(t);
	rel_err_clear(&e);
	if (rel_sample_fill(t->db, n, seed, &e) != 0)
		fail_msg("rel_sample_fill(%ld, %lu): %s", n, seed, e.msg);
}

/* Every row of a query, fields separated by '|', rows by '\n'. */
static char *
dump(struct tmpdb *t, const char *sql)
{
	sqlite3_stmt *st;
	size_t len = 0, cap = 4096, m;
	char *buf = malloc(cap);
	int i, nc;

	assert_non_null(buf);
	buf[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t->db), sql, -1, &st,
	    NULL), SQLITE_OK);
	nc = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < nc; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			if (v == NULL)
				v = "\\N";
			m = strlen(v) + 2;
			while (len + m + 1 > cap) {
				cap *= 2;
				buf = realloc(buf, cap);
				assert_non_null(buf);
			}
			memcpy(buf + len, v, m - 2);
			len += m - 2;
			buf[len++] = i + 1 < nc ? '|' : '\n';
			buf[len] = '\0';
		}
	sqlite3_finalize(st);
	return buf;
}

static const char *const dumps[] = {
	"SELECT student_id, given_name, family_name, preferred_name, pronouns, "
	"grade, home_language, active FROM student ORDER BY student_id",
	"SELECT adult_id, given_name, family_name, email, role, login, active "
	"FROM adult ORDER BY adult_id",
	"SELECT g.group_id, g.name, g.kind, a.adult_id FROM grp g "
	"LEFT JOIN adult a ON a.id = g.lead_adult ORDER BY g.group_id",
	"SELECT g.group_id, s.student_id, a.adult_id FROM member m "
	"JOIN grp g ON g.id = m.grp LEFT JOIN student s ON s.id = m.student "
	"LEFT JOIN adult a ON a.id = m.adult "
	"ORDER BY g.group_id, s.student_id, a.adult_id",
	"SELECT s.student_id, a.adult_id, c.strength, c.at, c.note "
	"FROM connection c JOIN student s ON s.id = c.student "
	"JOIN adult a ON a.id = c.adult ORDER BY 1, 2",
	"SELECT s.student_id, a.adult_id, e.strength, e.at, e.note "
	"FROM connection_event e JOIN student s ON s.id = e.student "
	"JOIN adult a ON a.id = e.adult ORDER BY 1, 2, 4, 3",
	"SELECT s.student_id, a.adult_id, p.start_at, p.end_at "
	"FROM primary_adult p JOIN student s ON s.id = p.student "
	"JOIN adult a ON a.id = p.adult ORDER BY 1, 3, 2",
};
/* The first of the map's dumps. */
#define DUMP_MAP 4
#define NDUMPS (sizeof(dumps) / sizeof(dumps[0]))

/* All the records as text. */
static char *
dump_all(struct tmpdb *t)
{
	char *parts[NDUMPS], *all;
	size_t len = 0, i;

	for (i = 0; i < NDUMPS; i++) {
		parts[i] = dump(t, dumps[i]);
		len += strlen(parts[i]) + 2;
	}
	all = malloc(len + 1);
	assert_non_null(all);
	all[0] = '\0';
	for (i = 0; i < NDUMPS; i++) {
		strcat(all, parts[i]);
		strcat(all, "-\n");
		free(parts[i]);
	}
	return all;
}

static void
test_bad_size(void **state)
{
	static const long bad[] = { 0, -1, 1000001, 2000000 };
	struct tmpdb t;
	struct rel_err e;
	size_t i;

	(void)state;
	tmpdb_open(&t);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rel_err_clear(&e);
		assert_int_equal(rel_sample_fill(t.db, bad[i], 1, &e),
		    REL_EUSAGE);
		assert_int_equal(e.code, REL_EUSAGE);
		assert_non_null(strstr(e.msg, "1000000"));
	}
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting "
	    "WHERE key = 'sample'"), 0);
	/* Not inside a transaction left open. */
	assert_int_not_equal(sqlite3_get_autocommit(rel_db_handle(t.db)), 0);
	tmpdb_close(&t);
}

static void
test_counts(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char buf[128];
	long long clubbed;

	(void)state;
	fill(&t, 200, 42);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 200);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM adult") >= 6);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM adult") <= 25);
	/* Every student in exactly one advisory. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student s WHERE "
	    "(SELECT count(*) FROM member m JOIN grp g ON g.id = m.grp "
	    "WHERE m.student = s.id AND g.kind = 'advisory') <> 1"), 0);
	/* And in 4 to 6 classes. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student s WHERE "
	    "(SELECT count(*) FROM member m JOIN grp g ON g.id = m.grp "
	    "WHERE m.student = s.id AND g.kind = 'class') NOT BETWEEN 4 AND 6"),
	    0);
	/* Advisories hold one grade each here. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (SELECT m.grp "
	    "FROM member m JOIN grp g ON g.id = m.grp JOIN student s "
	    "ON s.id = m.student WHERE g.kind = 'advisory' GROUP BY m.grp "
	    "HAVING count(DISTINCT s.grade) > 1)"), 0);
	/* Most class members are in the class's usual grade. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM (SELECT m.grp FROM "
	    "member m JOIN grp g ON g.id = m.grp JOIN student s "
	    "ON s.id = m.student WHERE g.kind = 'class' GROUP BY m.grp "
	    "HAVING count(DISTINCT s.grade) = 1)") > 0);
	/* Some students in clubs or teams, not all. */
	clubbed = tmpdb_int(&t, "SELECT count(DISTINCT m.student) "
	    "FROM member m JOIN grp g ON g.id = m.grp "
	    "WHERE g.kind IN ('club', 'team')");
	assert_true(clubbed > 40 && clubbed < 130);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM grp "
	    "WHERE kind = 'team'") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM grp "
	    "WHERE kind = 'club'") > 0);
	/* Every grade present; every group led. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT grade) FROM "
	    "student WHERE grade IN ('9', '10', '11', '12')"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student "
	    "WHERE grade NOT IN ('9', '10', '11', '12') OR grade IS NULL"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM grp "
	    "WHERE lead_adult IS NULL"), 0);
	/* The roles. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'counselor'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'admin'"), 1);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'coach'") >= 1);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'teacher'") >= 3);
	/* Teams with a sport are led by coaches. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM grp g JOIN adult a "
	    "ON a.id = g.lead_adult WHERE g.name = 'Soccer' AND "
	    "a.role <> 'coach'"), 0);
	/* Ids, emails and logins. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "student_id IN ('S0001', 'S0200')"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult WHERE "
	    "adult_id = 'A001' AND email = 'a001@school.example' AND "
	    "login = 'a001'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM grp WHERE "
	    "group_id IN ('ADV-01', 'C-001', 'CLUB-01')"), 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student "
	    "WHERE active <> 1"), 0);
	/* Adult co-members. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM member "
	    "WHERE adult IS NOT NULL") > 0);
	rel_err_clear(&e);
	assert_int_equal(rel_db_setting_get(t.db, "sample", buf, sizeof(buf),
	    &e), 0);
	assert_string_equal(buf, "200 students, seed 42");
	tmpdb_close(&t);
}

static void
test_one_student(void **state)
{
	struct tmpdb t;

	(void)state;
	fill(&t, 1, 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult"), 6);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM grp "
	    "WHERE kind = 'advisory'"), 1);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM member m JOIN grp g "
	    "ON g.id = m.grp WHERE g.kind = 'class'") >= 4);
	tmpdb_close(&t);
}

static void
test_wide_ids(void **state)
{
	struct tmpdb t;

	(void)state;
	fill(&t, 10000, 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 10000);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "student_id IN ('S0001', 'S9999', 'S10000')"), 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'counselor'"), 40);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'admin'"), 16);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM adult "
	    "WHERE role = 'coach'"), 50);
	/* Roughly even grades: each within 20% of a quarter. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (SELECT grade "
	    "FROM student GROUP BY grade HAVING count(*) BETWEEN 2000 AND "
	    "3000)"), 4);
	/* Advisories of about 18. */
	assert_true(tmpdb_int(&t, "SELECT max(c) FROM (SELECT count(*) AS c "
	    "FROM member m JOIN grp g ON g.id = m.grp WHERE g.kind = 'advisory' "
	    "AND m.student IS NOT NULL GROUP BY m.grp)") <= 18);
	tmpdb_close(&t);
}

static void
test_determinism(void **state)
{
	struct tmpdb a, b, c;
	char *da, *db, *dc;

	(void)state;
	fill(&a, 300, 7);
	fill(&b, 300, 7);
	fill(&c, 300, 8);
	da = dump_all(&a);
	db = dump_all(&b);
	dc = dump_all(&c);
	assert_true(strlen(da) > 10000);
	assert_string_equal(da, db);
	assert_string_not_equal(da, dc);
	/* Not only the groups: the names differ too, and the map. */
	free(da);
	free(dc);
	da = dump(&a, dumps[0]);
	dc = dump(&c, dumps[0]);
	assert_string_not_equal(da, dc);
	free(da);
	free(db);
	free(dc);
	da = dump(&a, dumps[DUMP_MAP]);
	db = dump(&b, dumps[DUMP_MAP]);
	dc = dump(&c, dumps[DUMP_MAP]);
	assert_true(strlen(da) > 1000);
	assert_string_equal(da, db);
	assert_string_not_equal(da, dc);
	free(da);
	free(db);
	free(dc);
	tmpdb_close(&a);
	tmpdb_close(&b);
	tmpdb_close(&c);
}

static void
test_diversity(void **state)
{
	struct tmpdb t;
	long long commas;

	(void)state;
	fill(&t, 1000, 1);
	/* Non-ASCII letters: more bytes than characters. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "length(given_name) <> length(CAST(given_name AS BLOB))") > 50);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "length(family_name) <> length(CAST(family_name AS BLOB))") > 50);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM adult WHERE "
	    "length(given_name || family_name) <> "
	    "length(CAST(given_name || family_name AS BLOB))") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "instr(family_name, '''') > 0") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "instr(family_name, '-') > 0") > 0);
	/* About 1 in 40 with a suffix after a comma. */
	commas = tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "instr(family_name, ',') > 0");
	assert_true(commas >= 10 && commas <= 50);
	/* Preferred names for some, always different from the given name. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "preferred_name IS NOT NULL") > 80);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "preferred_name IS NOT NULL") < 250);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "preferred_name = given_name"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "pronouns IS NOT NULL") > 300);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "pronouns IS NOT NULL") < 500);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "pronouns NOT IN ('she/her', 'he/him', 'they/them', 'she/they', "
	    "'he/they')"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT home_language) "
	    "FROM student") >= 8);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM student "
	    "WHERE home_language = 'English'") > 400);
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT given_name) "
	    "FROM student") >= 60);
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT family_name) "
	    "FROM student") >= 60);
	tmpdb_close(&t);
}

static void
test_constraints(void **state)
{
	struct tmpdb t;
	struct rel_err e;

	(void)state;
	fill(&t, 500, 99);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM "
	    "pragma_foreign_key_check"), 0);
	rel_err_clear(&e);
	assert_int_equal(rel_db_check(t.db, NULL, NULL, &e), 0);
	/* No duplicate memberships, of students or of adults. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (SELECT 1 FROM "
	    "member GROUP BY grp, student, adult HAVING count(*) > 1)"), 0);
	/* Exactly one of student and adult in each membership. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM member WHERE "
	    "(student IS NULL) = (adult IS NULL)"), 0);
	/* Logins and emails unique. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) - count(DISTINCT "
	    "email) FROM adult"), 0);
	tmpdb_close(&t);
}

static void
test_not_empty(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	long long before;

	(void)state;
	fill(&t, 50, 5);
	before = tmpdb_int(&t, "SELECT count(*) FROM member");
	rel_err_clear(&e);
	assert_int_equal(rel_sample_fill(t.db, 50, 6, &e), REL_EDATA);
	assert_non_null(strstr(e.msg, "empty"));
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student"), 50);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM member"), before);
	assert_int_not_equal(sqlite3_get_autocommit(rel_db_handle(t.db)), 0);
	tmpdb_close(&t);
}

/* Students with no connection at all, as a share of all, and the mean
 * number of groups of those without and with one. */
#define MEMBERSHIPS "(SELECT count(*) FROM member m WHERE m.student = s.id)"
#define CONNECTED "EXISTS (SELECT 1 FROM connection c WHERE c.student = s.id)"

static void
test_map_gaps(void **state)
{
	struct tmpdb t;
	long long none, lone, busy;

	(void)state;
	fill(&t, 1000, 1);
	/* About 15% with nobody. */
	none = tmpdb_int(&t, "SELECT count(*) FROM student s WHERE NOT "
	    CONNECTED);
	assert_true(none >= 100 && none <= 200);
	/* Skewed to the students in few groups: fewer memberships on
	 * average (compared in hundredths). */
	assert_true(tmpdb_int(&t, "SELECT CAST(100 * avg(" MEMBERSHIPS ") "
	    "AS INTEGER) FROM student s WHERE NOT " CONNECTED) <
	    tmpdb_int(&t, "SELECT CAST(100 * avg(" MEMBERSHIPS ") "
	    "AS INTEGER) FROM student s WHERE " CONNECTED));
	/* And steeply: in 5 groups at least twice as often as in 7 or
	 * more (shares in tenths of a percent). */
	lone = tmpdb_int(&t, "SELECT 1000 * sum(NOT " CONNECTED ") / count(*) "
	    "FROM student s WHERE " MEMBERSHIPS " <= 5");
	busy = tmpdb_int(&t, "SELECT 1000 * sum(NOT " CONNECTED ") / count(*) "
	    "FROM student s WHERE " MEMBERSHIPS " >= 7");
	assert_true(lone > 2 * busy);
	/* Everyone else has someone, and most have several. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection") >
	    2 * (1000 - none));
	tmpdb_close(&t);
}

static void
test_map_values(void **state)
{
	struct tmpdb t;
	long long connected, primary;

	(void)state;
	fill(&t, 1000, 2);
	/* Strengths 1 to 3, each of them used; the same for every mark. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection "
	    "WHERE strength NOT IN (1, 2, 3)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE strength NOT IN (1, 2, 3)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT strength) "
	    "FROM connection"), 3);
	/* A connection's strength is its highest mark. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection c "
	    "WHERE c.strength <> (SELECT max(e.strength) FROM connection_event "
	    "e WHERE e.student = c.student AND e.adult = c.adult)"), 0);
	/* At most one current primary adult per student. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (SELECT student "
	    "FROM primary_adult WHERE end_at IS NULL GROUP BY student "
	    "HAVING count(*) > 1)"), 0);
	/* A primary adult for roughly 60% of the connected students, and
	 * always one who knows them. */
	connected = tmpdb_int(&t, "SELECT count(DISTINCT student) "
	    "FROM connection");
	primary = tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at IS NULL");
	assert_true(primary * 100 >= connected * 50);
	assert_true(primary * 100 <= connected * 75);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM primary_adult p "
	    "WHERE NOT EXISTS (SELECT 1 FROM connection c WHERE "
	    "c.student = p.student AND c.adult = p.adult)"), 0);
	/* Mostly the advisory lead. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM primary_adult p "
	    "JOIN member m ON m.student = p.student JOIN grp g ON g.id = m.grp "
	    "WHERE p.end_at IS NULL AND g.kind = 'advisory' "
	    "AND g.lead_adult = p.adult") * 2 > primary);
	/* Counselors know a handful of students, well. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection c JOIN "
	    "adult a ON a.id = c.adult WHERE a.role = 'counselor'") > 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection c "
	    "JOIN adult a ON a.id = c.adult WHERE a.role = 'counselor' "
	    "AND c.strength <> 3"), 0);
	/* Some notes, only where the adult knows the student well. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection "
	    "WHERE note IS NOT NULL") > 50);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection "
	    "WHERE note IS NOT NULL AND strength < 2"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE note IS NOT NULL AND strength < 2"), 0);
	tmpdb_close(&t);
}

/* Students connected at strength 2 or more, or with a primary adult, as
 * of the end of a day. */
#define WELL_KNOWN_BY(d) "SELECT count(DISTINCT student) FROM " \
	"connection_event WHERE strength >= 2 AND at < '" d "T99'"
#define PRIMARY_ON(d) "SELECT count(*) FROM primary_adult WHERE " \
	"start_at < '" d "T99' AND (end_at IS NULL OR end_at >= '" d "T99')"

static void
test_map_history(void **state)
{
	struct tmpdb t;
	long long ended;

	(void)state;
	/* main() sets $REL_NOW to 2025-03-15: the session is 70 days
	 * before, the second round 10 days before. */
	fill(&t, 1000, 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT substr(at, 1, "
	    "10)) FROM connection_event"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE at NOT IN ('2025-01-04T15:30:00', '2025-03-05T15:30:00')"),
	    0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE at = '2025-01-04T15:30:00'") > 1000);
	/* The second round: new connections and raised strengths. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection "
	    "WHERE at = '2025-03-05T15:30:00' AND NOT EXISTS (SELECT 1 FROM "
	    "connection_event e WHERE e.student = connection.student AND "
	    "e.adult = connection.adult AND e.at < connection.at)") > 10);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM connection_event e "
	    "WHERE at = '2025-03-05T15:30:00' AND EXISTS (SELECT 1 FROM "
	    "connection_event f WHERE f.student = e.student AND f.adult = "
	    "e.adult AND f.at < e.at AND f.strength < e.strength)") > 10);
	/* Students reached: fewer with nobody after the second round. */
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT student) FROM "
	    "connection_event WHERE at < '2025-02'") + 20 <
	    tmpdb_int(&t, "SELECT count(DISTINCT student) FROM connection"));
	/* So coverage, as rel-map history counts it, rises. */
	assert_true(tmpdb_int(&t, WELL_KNOWN_BY("2025-01-04")) <
	    tmpdb_int(&t, WELL_KNOWN_BY("2025-03-05")));
	assert_true(tmpdb_int(&t, PRIMARY_ON("2025-01-04")) <
	    tmpdb_int(&t, PRIMARY_ON("2025-03-05")));
	assert_int_equal(tmpdb_int(&t, PRIMARY_ON("2025-03-05")),
	    tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at IS NULL"));
	/* A few primary adults handed over in the second round (~2%). */
	ended = tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at IS NOT NULL");
	assert_true(ended >= 5 && ended <= 40);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM primary_adult "
	    "WHERE end_at IS NOT NULL AND (start_at <> '2025-01-04T15:30:00' "
	    "OR end_at <> '2025-03-05T15:30:00')"), 0);
	/* Each to a different adult, who took over the same day. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM primary_adult p "
	    "WHERE p.end_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
	    "primary_adult q WHERE q.student = p.student AND q.end_at IS NULL "
	    "AND q.adult <> p.adult AND q.start_at = p.end_at)"), 0);
	tmpdb_close(&t);
}

/* The map follows today: the dates move with $REL_NOW. */
static void
test_map_today(void **state)
{
	struct tmpdb t;

	(void)state;
	assert_int_equal(setenv("REL_NOW", "2024-03-01T08:00:00", 1), 0);
	fill(&t, 100, 4);
	assert_int_equal(setenv("REL_NOW", "2025-03-15T12:00:00", 1), 0);
	/* 2024 is a leap year: 70 days before March 1 is December 22. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM connection_event "
	    "WHERE at NOT IN ('2023-12-22T15:30:00', '2024-02-20T15:30:00')"),
	    0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT at) FROM "
	    "connection_event"), 2);
	tmpdb_close(&t);
}

/*
 * The school year (check-ins, profile items, notes). These tests run on
 * the day the CLI tests use, 2026-11-20 at 10:00, a Friday: the year
 * starts on Monday 2026-08-24.
 */
#define YEAR_NOW "2026-11-20T10:00:00"
#define NOW_SECS "CAST(strftime('%s', '2026-11-20T10:00:00') AS INTEGER)"
#define START_SECS "CAST(strftime('%s', '2026-08-24') AS INTEGER)"

static void
fill_at(struct tmpdb *t, const char *now, long n, unsigned long seed)
{
	assert_int_equal(setenv("REL_NOW", now, 1), 0);
	fill(t, n, seed);
	assert_int_equal(setenv("REL_NOW", "2025-03-15T12:00:00", 1), 0);
}

/* The new records by external ids, as text. */
static const char *const year_dumps[] = {
	"SELECT s.student_id, c.at, a.adult_id, c.kind, c.mood, "
	"c.understanding, c.workload, c.note, c.visibility FROM checkin c "
	"JOIN student s ON s.id = c.student LEFT JOIN adult a "
	"ON a.id = c.adult ORDER BY 1, 2, 4, 3",
	"SELECT s.student_id, p.kind, p.value, p.source, p.at, a.adult_id, "
	"p.visibility, p.retired_at, r.adult_id FROM profile_item p "
	"JOIN student s ON s.id = p.student LEFT JOIN adult a "
	"ON a.id = p.adult LEFT JOIN adult r ON r.id = p.retired_by "
	"ORDER BY 1, 2, 3, 5",
	"SELECT s.student_id, n.at, a.adult_id, n.kind, n.text, "
	"n.visibility FROM note n LEFT JOIN student s ON s.id = n.student "
	"LEFT JOIN adult a ON a.id = n.adult ORDER BY 1, 2, 3, 4, 5",
};

static void
test_year_counts(void **state)
{
	struct tmpdb t;
	long long n, k0;

	(void)state;
	fill_at(&t, YEAR_NOW, 1000, 1);
	/* About 30 check-ins a student over the 13 weeks, of every kind:
	 * the weekly advisory check-in most, conferences a few. */
	n = tmpdb_int(&t, "SELECT count(*) FROM checkin");
	assert_true(n > 20000 && n < 50000);
	k0 = tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE kind = 0");
	assert_true(k0 > 9000 && k0 < 13000);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin "
	    "WHERE kind = 1") > 5000);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin "
	    "WHERE kind = 2") > 2000);
	n = tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE kind = 3");
	assert_true(n > 50 && n < 1000);
	/* Check-ins have all three scales, greetings none, conferences a
	 * note; exit tickets mostly understanding only. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 0 AND (mood IS NULL OR understanding IS NULL OR "
	    "workload IS NULL)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 2 AND coalesce(mood, understanding, workload) IS NOT "
	    "NULL"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 3 AND note IS NULL"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 1 AND mood IS NULL AND workload IS NULL") * 10 >
	    tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE kind = 1") * 7);
	/* Moods mostly 3 or 4, every value used. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 0 AND mood IN (3, 4)") * 10 > k0 * 6);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT mood) FROM "
	    "checkin"), 5);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "kind = 0 AND note IS NOT NULL") > 100);
	/* The adults are the student's own: a lead of one of their groups
	 * or a counselor. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin c "
	    "WHERE NOT EXISTS (SELECT 1 FROM member m JOIN grp g "
	    "ON g.id = m.grp WHERE m.student = c.student AND "
	    "g.lead_adult = c.adult) AND c.adult NOT IN (SELECT id FROM adult "
	    "WHERE role = 'counselor')"), 0);

	/* 2 to 6 current profile items each, a strength and an interest
	 * for everyone; some retired; some non-ASCII. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student s WHERE "
	    "(SELECT count(*) FROM profile_item p WHERE p.student = s.id AND "
	    "p.retired_at IS NULL) NOT BETWEEN 2 AND 6"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student s WHERE "
	    "NOT EXISTS (SELECT 1 FROM profile_item p WHERE p.student = s.id "
	    "AND p.kind = 'strength') OR NOT EXISTS (SELECT 1 FROM "
	    "profile_item p WHERE p.student = s.id AND p.kind = 'interest')"),
	    0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT kind) FROM "
	    "profile_item"), 8);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT source) FROM "
	    "profile_item"), 4);
	n = tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE retired_at IS NOT NULL");
	assert_true(n > 20 && n < 120);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE retired_at IS NOT NULL AND (retired_by IS NULL OR "
	    "retired_at <= at)"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM profile_item WHERE "
	    "kind = 'language' AND length(value) <> "
	    "length(CAST(value AS BLOB))") > 20);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM profile_item WHERE "
	    "value = 'Kreyòl ayisyen'") > 0);

	/* Notes of every kind; concerns private and by a counselor;
	 * gratitude about no student; some multi-line, some non-ASCII. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT kind) FROM "
	    "note"), 5);
	n = tmpdb_int(&t, "SELECT count(*) FROM note WHERE student IS NOT "
	    "NULL");
	assert_true(n > 1000 && n < 5000);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM note WHERE kind = "
	    "'affirmation'") > tmpdb_int(&t, "SELECT count(*) FROM note "
	    "WHERE kind = 'concern'") * 5);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note n JOIN "
	    "adult a ON a.id = n.adult WHERE n.kind = 'concern' AND "
	    "(n.visibility <> 2 OR a.role <> 'counselor')"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "(student IS NULL) <> (kind = 'gratitude') OR adult IS NULL"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "kind = 'gratitude'") > 20);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "instr(text, char(10)) > 0") > 20);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "length(text) <> length(CAST(text AS BLOB))") > 20);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note n WHERE "
	    "n.student IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member m "
	    "JOIN grp g ON g.id = m.grp WHERE m.student = n.student AND "
	    "g.lead_adult = n.adult) AND n.adult NOT IN (SELECT id FROM adult "
	    "WHERE role = 'counselor')"), 0);
	tmpdb_close(&t);
}

static void
test_year_dates(void **state)
{
	struct tmpdb t;

	(void)state;
	fill_at(&t, YEAR_NOW, 300, 2);
	/* From Monday 2026-08-24, the first school day, up to now. */
	assert_int_equal(tmpdb_int(&t, "SELECT min(at) / 86400 FROM checkin"),
	    tmpdb_int(&t, "SELECT " START_SECS " / 86400"));
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "at < " START_SECS " OR at > " NOW_SECS), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "at < '2026-08-24' OR at > '" YEAR_NOW "'"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM profile_item "
	    "WHERE at < '2026-08-24' OR at > '" YEAR_NOW "' OR "
	    "retired_at > '" YEAR_NOW "'"), 0);
	/* Today, before 10:00 only, and some of that. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "at >= " NOW_SECS " - 36000") > 0);
	/* Weekdays only, to the minute. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "strftime('%w', at, 'unixepoch') IN ('0', '6') OR at % 60 <> 0"),
	    0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "strftime('%w', at) IN ('0', '6')"), 0);
	tmpdb_close(&t);

	/* 29 days after August 24 the year is last year's, which began
	 * on a Sunday; 30 days after, it is this year's. */
	fill_at(&t, "2026-09-22T12:00:00", 50, 2);
	assert_int_equal(tmpdb_int(&t, "SELECT min(at) / 86400 FROM checkin"),
	    tmpdb_int(&t, "SELECT CAST(strftime('%s', '2025-08-25') AS "
	    "INTEGER) / 86400"));
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "at > CAST(strftime('%s', '2026-09-22T12:00:00') AS INTEGER)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM note WHERE "
	    "at < '2025-08-25' OR at > '2026-09-22T12:00:00'"), 0);
	tmpdb_close(&t);
	fill_at(&t, "2026-09-23T12:00:00", 50, 2);
	assert_int_equal(tmpdb_int(&t, "SELECT min(at) / 86400 FROM checkin"),
	    tmpdb_int(&t, "SELECT " START_SECS " / 86400"));
	tmpdb_close(&t);
}

/* Mean advisory mood of the last three weeks against before the last
 * seven, per student. */
#define MOODS "SELECT student, avg(CASE WHEN at >= " NOW_SECS " - 21 * " \
	"86400 THEN mood END) AS recent, avg(CASE WHEN at < " NOW_SECS \
	" - 49 * 86400 THEN mood END) AS early FROM checkin WHERE kind = 0 " \
	"GROUP BY student"
/* Students by their last check-in. */
#define LAST "SELECT student, max(at) AS last FROM checkin GROUP BY student"

static void
test_year_trends(void **state)
{
	struct tmpdb t;
	long long n;

	(void)state;
	fill_at(&t, YEAR_NOW, 1000, 1);
	/* About 8% drift down by a point or more; few rise as much. */
	n = tmpdb_int(&t, "SELECT count(*) FROM (" MOODS ") WHERE "
	    "recent <= early - 1");
	assert_true(n >= 75 && n <= 110);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM (" MOODS ") WHERE "
	    "recent >= early + 1") * 4 < n);
	/* Concerns follow them. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM note WHERE kind = "
	    "'concern' AND student IN (SELECT student FROM (" MOODS ") "
	    "WHERE recent <= early - 1)") > 30);
	/* About 3% not seen for three weeks or more, all seen before. */
	n = tmpdb_int(&t, "SELECT count(*) FROM (" LAST ") WHERE "
	    "last < " NOW_SECS " - 21 * 86400");
	assert_true(n >= 30 && n <= 40);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM student WHERE "
	    "id NOT IN (SELECT student FROM checkin)"), 0);
	/* Everyone else within the last two weeks, almost. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM (" LAST ") WHERE "
	    "last < " NOW_SECS " - 14 * 86400") <= n + 10);
	tmpdb_close(&t);

	/* A school of ten has one of each. */
	fill_at(&t, YEAR_NOW, 10, 5);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM (" LAST ") WHERE "
	    "last < " NOW_SECS " - 21 * 86400"), 1);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM (" MOODS ") WHERE "
	    "recent <= early - 1") >= 1);
	tmpdb_close(&t);
}

/* FNV-1a, 64 bits: a checksum of a dump. */
static uint64_t
fnv(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

/* The roster, groups, memberships and map of (300, 7) as they were
 * before the school year was added (commit 06de5e3): the year's streams
 * draw nothing from theirs. */
#define OLD_SUM_300_7 UINT64_C(0xf5804106d6e43e38)

static void
test_year_determinism(void **state)
{
	struct tmpdb a, b, c;
	char *da, *db, *dc;
	size_t i;

	(void)state;
	/* The old records, pinned (on the unit tests' usual today). */
	fill(&a, 300, 7);
	da = dump_all(&a);
	if (fnv(da) != OLD_SUM_300_7)
		fail_msg("the old records changed: checksum %#" PRIx64 ", "
		    "pinned %#" PRIx64, fnv(da), OLD_SUM_300_7);
	free(da);
	tmpdb_close(&a);

	fill_at(&a, YEAR_NOW, 300, 7);
	fill_at(&b, YEAR_NOW, 300, 7);
	fill_at(&c, YEAR_NOW, 300, 8);
	for (i = 0; i < sizeof(year_dumps) / sizeof(year_dumps[0]); i++) {
		da = dump(&a, year_dumps[i]);
		db = dump(&b, year_dumps[i]);
		dc = dump(&c, year_dumps[i]);
		assert_true(strlen(da) > 10000);
		assert_string_equal(da, db);
		assert_string_not_equal(da, dc);
		free(da);
		free(db);
		free(dc);
	}
	tmpdb_close(&a);
	tmpdb_close(&b);
	tmpdb_close(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_size),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_one_student),
		cmocka_unit_test(test_wide_ids),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_diversity),
		cmocka_unit_test(test_constraints),
		cmocka_unit_test(test_not_empty),
		cmocka_unit_test(test_map_gaps),
		cmocka_unit_test(test_map_values),
		cmocka_unit_test(test_map_history),
		cmocka_unit_test(test_map_today),
		cmocka_unit_test(test_year_counts),
		cmocka_unit_test(test_year_dates),
		cmocka_unit_test(test_year_trends),
		cmocka_unit_test(test_year_determinism),
	};

	/* The map is dated from today: a fixed today keeps every run, and
	 * the determinism test across midnight, the same. */
	if (setenv("REL_NOW", "2025-03-15T12:00:00", 1) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
