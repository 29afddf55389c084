/*
 * test_flag.c: every early-warning rule at its boundaries (one day inside
 * and one day outside its window, the threshold exactly, a student with
 * no data at all), as of a past day, who sees which flags, the summary,
 * and the thresholds, on a real database file.
 */
#include <math.h>

#include "unit.h"
#include "tmpdb.h"
#include "internal.h"

#define D "2026-11-20"

/* One threshold's key, as rel_flag_set takes keys. */
#define KEY(k) (const char *const[]){ (k) }, 1		/* today, and the day of most runs */

/* S1-S3 active, S4 deactivated. A1 and A2 teachers, A3 deactivated, A4
 * the counselor. No records at all. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	setenv("REL_NOW", D "T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_flag", 1);
	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, grade, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', '9', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', '10', 'x'), "
	    " ('S3', 'Mei', 'King', '11', 'x'), ('S4', 'Old', 'Gone', '12', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x'), ('A2', 'Bo', 'Chen', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'x');"
	    "UPDATE adult SET active = 0 WHERE adult_id = 'A3';"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x')",
	    &e), 0);
}

static void
act(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
}

static void
sql(struct tmpdb *t, const char *s)
{
	struct rel_err e;

	rel_err_clear(&e);
	if (rel_db_exec(t->db, s, &e) != 0)
		fail_msg("%s: %s", s, e.msg);
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(rel_date_parse(s, strlen(s), &d), 0);
	return d;
}

/* A check-in of student rowid s by adult rowid a (0: none), n days
 * before D at hh:mm, with a mood (0: none) and a visibility. */
static void
checkin(struct tmpdb *t, int s, int a, int n, int hh, int mm, int mood,
    int vis)
{
	char q[512];
	int64_t at = ((int64_t)day(D) - n) * 86400 + hh * 3600 + mm * 60;

	snprintf(q, sizeof(q), "INSERT INTO checkin (student, at, adult, mood, "
	    "visibility, adult_key) VALUES (%d, %lld, nullif(%d, 0), "
	    "nullif(%d, 0), %d, %d)", s, (long long)at, a, mood, vis, a);
	sql(t, q);
}

/* A text date n days before D. */
static const char *
ago(int n, char *buf)
{
	rel_date_format(day(D) - n, buf);
	return buf;
}

/* Run rules (a mask; 0: all) as of the day n days before D, into a
 * string of CSV rows without the header. */
static char *
run(struct tmpdb *t, unsigned rules, int n, int summary, long *flagged,
    int *rc)
{
	struct rel_flag_run r;
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL, *nl;
	size_t nc, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	memset(&r, 0, sizeof(r));
	r.rules = rules;
	r.as_of = day(D) - n;
	r.summary = summary;
	cols = rel_flag_cols(summary, &nc);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, nc, &e), 0);
	rel_err_clear(&e);
	*rc = rel_flag_run(t->db, &r, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	if (flagged != NULL)
		*flagged = r.flagged;
	nl = strchr(buf, '\n');
	if (nl == NULL)
		return buf;
	memmove(buf, nl + 1, strlen(nl + 1) + 1);
	return buf;
}

/* The rows of rule r (1 << rule) as of n days before D, as the
 * counselor. */
static char *
rows(struct tmpdb *t, enum rel_flag_rule r, int n)
{
	int rc;
	char *s = run(t, 1u << r, n, 0, NULL, &rc);

	assert_int_equal(rc, 0);
	return s;
}

#define RULE_IS(t, r, n, want) do { \
	char *got_ = rows((t), (r), (n)); \
	assert_string_equal(got_, (want)); \
	free(got_); \
} while (0)

static void
test_parse(void **state)
{
	struct rel_err e;
	unsigned m;

	(void)state;
	assert_int_equal(rel_flag_parse("--rule", "not_seen,mood_drop", &m,
	    &e), 0);
	assert_int_equal(m, 1u << REL_FLAG_NOT_SEEN | 1u << REL_FLAG_MOOD_DROP);
	assert_int_equal(rel_flag_parse("--rule", "belonging_low", &m, &e), 0);
	assert_int_equal(m, 1u << REL_FLAG_BELONGING_LOW);
	assert_int_equal(rel_flag_parse("--rule", "not_seen,nope", &m, &e),
	    REL_EUSAGE);
	assert_non_null(strstr(e.msg, "\"nope\" is not a rule"));
	assert_int_equal(rel_flag_parse("--rule", "", &m, &e), REL_EUSAGE);
	assert_int_equal(rel_flag_parse("--rule", "not_seen,", &m, &e),
	    REL_EUSAGE);
	assert_string_equal(rel_flag_name(REL_FLAG_FOLLOW_UP_OVERDUE),
	    "follow_up_overdue");
	assert_null(rel_flag_name(REL_FLAG_NRULES));
}

/* A student with no data at all: no adult and never seen, nothing
 * else; the deactivated student never. */
static void
test_no_data(void **state)
{
	struct tmpdb t;
	long flagged;
	char *s;
	int rc;

	(void)state;
	school(&t);
	act(&t, "A4");
	s = run(&t, 0, 0, 0, &flagged, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s,
	    "S1,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S1,not_seen,,14,,\"no check-in, note or family contact by any "
	    "adult on record (threshold 14 days)\"\n"
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S2,not_seen,,14,,\"no check-in, note or family contact by any "
	    "adult on record (threshold 14 days)\"\n"
	    "S3,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S3,not_seen,,14,,\"no check-in, note or family contact by any "
	    "adult on record (threshold 14 days)\"\n");
	assert_int_equal(flagged, 6);
	free(s);
	tmpdb_close(&t);
}

static void
test_no_adult(void **state)
{
	struct tmpdb t;
	char q[512], a[REL_DATE_LEN], b[REL_DATE_LEN];

	(void)state;
	school(&t);
	act(&t, "A4");
	/* S1: strength 2 from A1 ten days ago, then 1 two days ago. S2:
	 * strength 3, but from A3, who has left. S3: a primary adult. */
	snprintf(q, sizeof(q), "INSERT INTO connection_event (student, adult, "
	    "strength, at) VALUES (1, 1, 2, '%s'), (1, 1, 1, '%s'), "
	    "(2, 3, 3, '%s');"
	    "INSERT INTO primary_adult (student, adult, start_at) VALUES "
	    "(3, 2, '%sT08:00:00')", ago(10, a), ago(2, b), a, a);
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_NO_ADULT, 0,
	    "S1,no_adult,1,2,,no connection of strength 2 or more (the "
	    "strongest is 1) and no primary adult\n"
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n");
	/* Three days ago S1's strength was 2, and S3 had no primary adult
	 * until ten days ago. */
	RULE_IS(&t, REL_FLAG_NO_ADULT, 3,
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n");
	RULE_IS(&t, REL_FLAG_NO_ADULT, 11,
	    "S1,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S3,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n");
	/* S3's primary adult's time ends five days ago. */
	snprintf(q, sizeof(q), "UPDATE primary_adult SET end_at = '%sT12:00:00'",
	    ago(5, a));
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_NO_ADULT, 0,
	    "S1,no_adult,1,2,,no connection of strength 2 or more (the "
	    "strongest is 1) and no primary adult\n"
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n"
	    "S3,no_adult,0,2,2026-11-15,no adult has marked a connection and no "
	    "primary adult since 2026-11-15\n");
	tmpdb_close(&t);
}

static void
test_not_seen(void **state)
{
	struct tmpdb t;
	char q[512], a[REL_DATE_LEN], b[REL_DATE_LEN];

	(void)state;
	school(&t);
	act(&t, "A4");
	/* S1: 13 days (inside), S2: 14 days (the threshold exactly), S3: a
	 * check-in of their own and a note with no adult yesterday do not
	 * count, a family contact 20 days ago does. */
	checkin(&t, 1, 1, 13, 23, 59, 0, 1);
	checkin(&t, 2, 2, 14, 8, 0, 3, 2);
	checkin(&t, 3, 0, 1, 8, 0, 4, 1);
	snprintf(q, sizeof(q), "INSERT INTO note (student, at, adult, kind, "
	    "text, visibility) VALUES (3, '%sT09:00:00', NULL, 'affirmation', "
	    "'x', 0);"
	    "INSERT INTO family_contact (student, at, adult, channel, direction) "
	    "VALUES (3, '%sT16:00:00', 2, 'call', 'to_home')", ago(1, a),
	    ago(20, b));
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_NOT_SEEN, 0,
	    "S2,not_seen,14,14,2026-11-06,\"no check-in, note or family contact "
	    "by any adult for 14 days (threshold 14)\"\n"
	    "S3,not_seen,20,14,2026-10-31,\"no check-in, note or family contact "
	    "by any adult for 20 days (threshold 14)\"\n");
	/* As of 14 days ago, S2's check-in had happened that day, S3's
	 * family had been called 6 days before, and S1 had not been seen. */
	RULE_IS(&t, REL_FLAG_NOT_SEEN, 14,
	    "S1,not_seen,,14,,\"no check-in, note or family contact by any "
	    "adult on record (threshold 14 days)\"\n");
	/* A note by an adult counts as being seen. */
	snprintf(q, sizeof(q), "INSERT INTO note (student, at, adult, kind, "
	    "text, visibility) VALUES (2, '%sT09:00:00', 1, 'affirmation', "
	    "'x', 1)", ago(1, a));
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_NOT_SEEN, 0,
	    "S3,not_seen,20,14,2026-10-31,\"no check-in, note or family contact "
	    "by any adult for 20 days (threshold 14)\"\n");
	tmpdb_close(&t);
}

static void
test_mood_drop(void **state)
{
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	/* S1: 2, 2, 2: the low threshold exactly. S2: 2, 3, 2 is 2.33, not
	 * low; before them a mean of 3.33 (a drop of 1.00, exactly), the
	 * earliest exactly 30 days before the first of the three. S3: only
	 * two check-ins with a mood. */
	checkin(&t, 1, 1, 1, 9, 0, 2, 1);
	checkin(&t, 1, 1, 2, 9, 0, 2, 1);
	checkin(&t, 1, 1, 3, 9, 0, 2, 1);
	checkin(&t, 1, 1, 4, 9, 0, 0, 1);
	checkin(&t, 2, 1, 1, 9, 0, 2, 1);
	checkin(&t, 2, 1, 2, 9, 0, 3, 1);
	checkin(&t, 2, 1, 3, 9, 0, 2, 1);
	checkin(&t, 2, 1, 5, 9, 0, 3, 1);
	checkin(&t, 2, 1, 6, 9, 0, 3, 1);
	checkin(&t, 2, 1, 33, 9, 0, 4, 1);
	checkin(&t, 2, 1, 34, 9, 0, 1, 1);	/* 30 days and a day before */
	checkin(&t, 3, 1, 1, 9, 0, 1, 1);
	checkin(&t, 3, 1, 2, 9, 0, 1, 1);
	RULE_IS(&t, REL_FLAG_MOOD_DROP, 0,
	    "S1,mood_drop,2.00,2,2026-11-17,mean mood 2.00 over the last 3 "
	    "check-ins (threshold 2 or lower)\n"
	    "S2,mood_drop,1.00,1,2026-11-17,\"mean mood 2.33 over the last 3 "
	    "check-ins, down 1.00 from 3.33 over the 30 days before them "
	    "(threshold a drop of 1)\"\n");
	/* One more good day for S1 lifts the mean above 2; a day earlier
	 * S2's last three were 3, 2, 3 (2.67), down only 0.83 from 3.5. */
	checkin(&t, 1, 1, 0, 9, 0, 3, 1);
	RULE_IS(&t, REL_FLAG_MOOD_DROP, 0,
	    "S2,mood_drop,1.00,1,2026-11-17,\"mean mood 2.33 over the last 3 "
	    "check-ins, down 1.00 from 3.33 over the 30 days before them "
	    "(threshold a drop of 1)\"\n");
	RULE_IS(&t, REL_FLAG_MOOD_DROP, 2, "");
	tmpdb_close(&t);
}

/* The days before the last K are those before the first of them: a
 * check-in of the same minute as that first one (by another adult) is
 * neither one of the K nor before them. */
static void
test_mood_drop_same_minute(void **state)
{
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	checkin(&t, 1, 1, 1, 9, 0, 3, 1);
	checkin(&t, 1, 1, 2, 9, 0, 3, 1);
	checkin(&t, 1, 2, 3, 9, 0, 3, 1);	/* the first of the three */
	checkin(&t, 1, 1, 3, 9, 0, 5, 1);	/* the same minute */
	checkin(&t, 1, 1, 5, 9, 0, 4, 1);
	checkin(&t, 1, 1, 6, 9, 0, 4, 1);
	RULE_IS(&t, REL_FLAG_MOOD_DROP, 0,
	    "S1,mood_drop,1.00,1,2026-11-17,\"mean mood 3.00 over the last 3 "
	    "check-ins, down 1.00 from 4.00 over the 30 days before them "
	    "(threshold a drop of 1)\"\n");
	tmpdb_close(&t);
}

/* Attendance on each day in [from, to] days before D: present except on
 * the days in absent (n of them). */
static void
attend(struct tmpdb *t, int s, int from, int to, const int *absent, int n)
{
	char q[256], d[REL_DATE_LEN];
	int k, i, v;

	for (k = from; k >= to; k--) {
		for (v = 1, i = 0; i < n; i++)
			if (absent[i] == k)
				v = 0;
		snprintf(q, sizeof(q), "INSERT INTO indicator (student, name, "
		    "day, value) VALUES (%d, 'attendance', '%s', %d)", s,
		    ago(k, d), v);
		sql(t, q);
	}
}

static void
test_attendance(void **state)
{
	static const int s1[] = { 1, 2, 3 };		/* 27 of 30: 90% */
	static const int s2[] = { 1, 2, 3, 29 };	/* 26 of 30 */
	static const int s3[] = { 30, 31, 32, 33, 34 };	/* outside */
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	attend(&t, 1, 29, 0, s1, 3);
	attend(&t, 2, 29, 0, s2, 4);
	attend(&t, 3, 34, 0, s3, 5);
	RULE_IS(&t, REL_FLAG_ATTENDANCE, 0,
	    "S2,attendance,86.7,90,2026-10-22,attendance 86.7% over the last 30 "
	    "days (30 school days recorded; threshold 90%)\n");
	/* A day earlier the window is days 30 to 1: S1 has 26 of 29
	 * recorded days, S2 25 of 29, and S3's absence on day 30 comes in
	 * (96.7%). */
	RULE_IS(&t, REL_FLAG_ATTENDANCE, 1,
	    "S1,attendance,89.7,90,2026-11-17,attendance 89.7% over the last 30 "
	    "days (29 school days recorded; threshold 90%)\n"
	    "S2,attendance,86.2,90,2026-10-22,attendance 86.2% over the last 30 "
	    "days (29 school days recorded; threshold 90%)\n");
	tmpdb_close(&t);
}

static void
test_attendance_slide(void **state)
{
	/* S1: all present in days 59-30, 2 absences of 20 in the last 30
	 * (90%, down 10). S2: 19 of 20 (95%): exactly 5 points. S3 the
	 * same, with an absence on day 60, one day before the previous
	 * window: had it counted, the fall would be 0.2 points. */
	static const int s1[] = { 1, 2 };
	static const int s2[] = { 5 };
	static const int s3[] = { 60, 2 };
	struct tmpdb t;

	(void)state;
	school(&t);
	act(&t, "A4");
	attend(&t, 1, 59, 40, NULL, 0);
	attend(&t, 1, 19, 0, s1, 2);
	attend(&t, 2, 59, 40, NULL, 0);
	attend(&t, 2, 19, 0, s2, 1);
	attend(&t, 3, 60, 40, s3, 2);
	attend(&t, 3, 19, 0, s3, 2);
	RULE_IS(&t, REL_FLAG_ATTENDANCE_SLIDE, 0,
	    "S1,attendance_slide,10.0,5,2026-10-22,\"attendance 90.0% over the "
	    "last 30 days, down 10.0 points from 100.0% over the 30 days before "
	    "(threshold 5 points)\"\n"
	    "S2,attendance_slide,5.0,5,2026-10-22,\"attendance 95.0% over the "
	    "last 30 days, down 5.0 points from 100.0% over the 30 days before "
	    "(threshold 5 points)\"\n"
	    "S3,attendance_slide,5.0,5,2026-10-22,\"attendance 95.0% over the "
	    "last 30 days, down 5.0 points from 100.0% over the 30 days before "
	    "(threshold 5 points)\"\n");
	tmpdb_close(&t);
}

static void
test_concerns(void **state)
{
	struct tmpdb t;
	char q[768], a[REL_DATE_LEN], b[REL_DATE_LEN], c[REL_DATE_LEN],
	    d[REL_DATE_LEN];

	(void)state;
	school(&t);
	/* S1: three concerns, the first 59 days ago (inside). S2: three, the
	 * first 60 days ago (outside). S3: three, one of them private to
	 * the counselor. */
	snprintf(q, sizeof(q), "INSERT INTO note (student, at, adult, kind, "
	    "text, visibility) VALUES "
	    "(1, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(1, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(1, '%sT23:59:00', 2, 'concern', 'x', 1), "
	    "(2, '%sT23:59:00', 1, 'concern', 'x', 1), "
	    "(2, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(2, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(2, '%sT08:00:00', 1, 'affirmation', 'x', 1), "
	    "(3, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(3, '%sT08:00:00', 1, 'concern', 'x', 1), "
	    "(3, '%sT08:00:00', 4, 'concern', 'x', 2);"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    "VALUES (3, 1, 2, '2026-09-01', 'x')",
	    ago(59, a), ago(10, b), ago(0, c), ago(60, d), b, c, c, b, c, c);
	sql(&t, q);
	act(&t, "A4");
	RULE_IS(&t, REL_FLAG_CONCERNS, 0,
	    "S1,concerns,3,3,2026-09-22,3 concern notes in the last 60 days "
	    "(threshold 3)\n"
	    "S3,concerns,3,3,2026-11-10,3 concern notes in the last 60 days "
	    "(threshold 3)\n");
	/* A1 sees S3 (connected) but not the counselor's private note. */
	act(&t, "A1");
	RULE_IS(&t, REL_FLAG_CONCERNS, 0, "");
	tmpdb_close(&t);
}

static void
test_follow_up(void **state)
{
	struct tmpdb t;
	char q[1400], d1[REL_DATE_LEN], d2[REL_DATE_LEN], d3[REL_DATE_LEN],
	    d7[REL_DATE_LEN], d8[REL_DATE_LEN], d10[REL_DATE_LEN],
	    d30[REL_DATE_LEN];

	(void)state;
	school(&t);
	act(&t, "A4");
	/* S1: two contacts the same minute three days ago, one with a
	 * follow-up due yesterday (overdue: a contact the same minute does
	 * not close it), one due today (not yet). S2: one due a week ago,
	 * done by a later call two days ago. S3: a goal checked every 7
	 * days, last 8 days ago (due yesterday); a restorative case opened
	 * two days ago with its follow-up due that day. */
	ago(1, d1);
	ago(2, d2);
	ago(3, d3);
	ago(7, d7);
	ago(8, d8);
	ago(10, d10);
	ago(30, d30);
	snprintf(q, sizeof(q),
	    "INSERT INTO family_contact (student, at, adult, channel, "
	    " direction, follow_up_on) VALUES "
	    " (1, '%sT10:00:00', 1, 'call', 'to_home', '%s'), "
	    " (1, '%sT10:00:00', 2, 'email', 'to_home', '" D "'), "
	    " (2, '%sT10:00:00', 1, 'call', 'to_home', '%s'), "
	    " (2, '%sT10:00:00', 1, 'call', 'from_home', NULL); "
	    "INSERT INTO goal (goal_id, student, text, start, check_every, at) "
	    " VALUES ('G1', 3, 'Hand in homework', '%s', 7, '%sT09:00:00'); "
	    "INSERT INTO progress (goal, at, rating) VALUES "
	    " (1, '%sT09:00:00', 3); "
	    "INSERT INTO restorative_case (case_id, opened_at, follow_up_on, "
	    " visibility) VALUES ('R1', '%sT09:00:00', '%s', 1); "
	    "INSERT INTO party (rcase, student, role) VALUES (1, 3, 'harmed');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (3, 1, 2, '2026-09-01', 'x')",
	    d3, d1, d3, d10, d7, d2, d30, d30, d8, d2, d2);
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_FOLLOW_UP_OVERDUE, 0,
	    "S1,follow_up_overdue,1,0,2026-11-19,1 follow-up past due: a family "
	    "follow-up due 2026-11-19\n"
	    "S3,follow_up_overdue,2,0,2026-11-18,2 follow-ups past due: a "
	    "follow-up of restorative case R1 due 2026-11-18; a check of goal G1 "
	    "due 2026-11-19\n");
	/* Five days ago S2's follow-up was overdue and not yet done; S1's
	 * contacts and S3's case had not happened. */
	RULE_IS(&t, REL_FLAG_FOLLOW_UP_OVERDUE, 5,
	    "S2,follow_up_overdue,1,0,2026-11-13,1 follow-up past due: a family "
	    "follow-up due 2026-11-13\n");
	/* A day's grace. */
	assert_int_equal(rel_flag_set(t.db, KEY("follow_up_overdue.days"), "1",
	    &(struct rel_err){ 0 }), 0);
	RULE_IS(&t, REL_FLAG_FOLLOW_UP_OVERDUE, 0,
	    "S3,follow_up_overdue,1,1,2026-11-18,1 follow-up past due: a "
	    "follow-up of restorative case R1 due 2026-11-18 (threshold 1 "
	    "day)\n");
	assert_int_equal(rel_flag_set(t.db, KEY("follow_up_overdue.days"), NULL,
	    &(struct rel_err){ 0 }), 0);
	/* A1, connected to S3, sees the team case and the team goal; S1's
	 * contact is A1's own, but S1 is not A1's student. */
	act(&t, "A1");
	RULE_IS(&t, REL_FLAG_FOLLOW_UP_OVERDUE, 0,
	    "S3,follow_up_overdue,2,0,2026-11-18,2 follow-ups past due: a "
	    "follow-up of restorative case R1 due 2026-11-18; a check of goal G1 "
	    "due 2026-11-19\n");
	tmpdb_close(&t);
}

static void
test_belonging(void **state)
{
	struct tmpdb t;
	char q[700], a[REL_DATE_LEN], b[REL_DATE_LEN], c[REL_DATE_LEN];

	(void)state;
	school(&t);
	act(&t, "A4");
	/* S1: 1, then 2 (exactly the band). S2: 1, then 3. S3: 4, then 1.5
	 * today; another scale of S3's does not count. */
	snprintf(q, sizeof(q), "INSERT INTO indicator (student, name, day, "
	    "value) VALUES (1, 'belonging', '%s', 1), (1, 'belonging', '%s', "
	    "2), (2, 'belonging', '%s', 1), (2, 'belonging', '%s', 3), "
	    "(3, 'belonging', '%s', 4), (3, 'belonging', '%s', 1.5), "
	    "(3, 'adult_to_talk_to', '%s', 1)", ago(70, a), ago(10, b), a, b,
	    a, ago(0, c), c);
	sql(&t, q);
	RULE_IS(&t, REL_FLAG_BELONGING_LOW, 0,
	    "S1,belonging_low,2,2,2026-11-10,belonging 2 on the survey of "
	    "2026-11-10 (bottom band: 2 or lower)\n"
	    "S3,belonging_low,1.5,2,2026-11-20,belonging 1.5 on the survey of "
	    "2026-11-20 (bottom band: 2 or lower)\n");
	/* Yesterday S3's latest was the 4; eleven days ago S2's was the 1. */
	RULE_IS(&t, REL_FLAG_BELONGING_LOW, 11,
	    "S1,belonging_low,1,2,2026-09-11,belonging 1 on the survey of "
	    "2026-09-11 (bottom band: 2 or lower)\n"
	    "S2,belonging_low,1,2,2026-09-11,belonging 1 on the survey of "
	    "2026-09-11 (bottom band: 2 or lower)\n");
	tmpdb_close(&t);
}

/* A teacher is flagged only their team's students; with no acting adult
 * no one is. */
static void
test_who_sees(void **state)
{
	struct tmpdb t;
	char *s;
	int rc;

	(void)state;
	school(&t);
	sql(&t, "INSERT INTO connection (student, adult, strength, at, "
	    "updated_at) VALUES (2, 1, 1, '2026-09-01', 'x');"
	    "INSERT INTO connection_event (student, adult, strength, at) "
	    "VALUES (2, 1, 1, '2026-09-01')");
	act(&t, "A1");
	s = run(&t, 1u << REL_FLAG_NO_ADULT, 0, 0, NULL, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "S2,no_adult,1,2,,no connection of strength 2 "
	    "or more (the strongest is 1) and no primary adult\n");
	free(s);
	act(&t, NULL);
	s = run(&t, 0, 0, 0, NULL, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, "");
	free(s);
	tmpdb_close(&t);
}

/* A run whose flags came from private records is audited; one from team
 * records alone is not. */
static void
test_audited(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char q[512], a[REL_DATE_LEN];
	char *s;
	int rc;

	(void)state;
	school(&t);
	act(&t, "A4");
	s = run(&t, 1u << REL_FLAG_NO_ADULT, 0, 0, NULL, &rc);
	free(s);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 0);
	snprintf(q, sizeof(q), "INSERT INTO note (student, at, adult, kind, "
	    "text, visibility) VALUES (2, '%sT08:00:00', 4, 'concern', 'x', 2),"
	    " (2, '%sT09:00:00', 4, 'concern', 'x', 1),"
	    " (2, '%sT10:00:00', 4, 'concern', 'x', 1)", ago(1, a), a, a);
	sql(&t, q);
	s = run(&t, 1u << REL_FLAG_CONCERNS, 0, 0, NULL, &rc);
	free(s);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT student FROM audit_student"), 2);
	tmpdb_close(&t);
}

static void
test_summary(void **state)
{
	struct tmpdb t;
	long flagged;
	char *s;
	int rc;

	(void)state;
	school(&t);
	act(&t, "A4");
	sql(&t, "INSERT INTO profile_item (student, kind, value, at, adult) "
	    "VALUES (1, 'strength', 'draws comics', '2026-09-01T10:00:00', 1),"
	    " (1, 'strength', 'kind to younger students', '2026-10-01T10:00:00',"
	    "  1), (1, 'interest', 'chess', '2026-11-01T10:00:00', 1),"
	    " (2, 'strength', 'future strength', '2026-11-21T10:00:00', 1)");
	checkin(&t, 3, 1, 0, 9, 0, 4, 1);
	sql(&t, "INSERT INTO connection_event (student, adult, strength, at) "
	    "VALUES (3, 1, 2, '2026-09-01')");
	s = run(&t, 0, 0, 1, &flagged, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s,
	    "S1,Zoë,Ñuñez,9,2,no_adult not_seen,\"no adult has marked a "
	    "connection and no primary adult; no check-in, note or family "
	    "contact by any adult on record (threshold 14 days)\",kind to "
	    "younger students\n"
	    "S2,Liam,O'Connor,10,2,no_adult not_seen,\"no adult has marked a "
	    "connection and no primary adult; no check-in, note or family "
	    "contact by any adult on record (threshold 14 days)\",\n");
	assert_int_equal(flagged, 2);
	free(s);
	tmpdb_close(&t);
}

/* Only the set's students. */
static void
test_set(void **state)
{
	struct tmpdb t;
	struct rel_flag_run r;
	struct rel_out *o;
	struct rel_err e;
	const char *const *cols;
	char *buf = NULL;
	size_t n, len;
	FILE *fp;

	(void)state;
	school(&t);
	act(&t, "A4");
	sql(&t, "CREATE TEMP TABLE IF NOT EXISTS rel_set (id INTEGER PRIMARY "
	    "KEY); DELETE FROM temp.rel_set; INSERT INTO temp.rel_set "
	    "VALUES (2)");
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	cols = rel_flag_cols(0, &n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	memset(&r, 0, sizeof(r));
	r.as_of = day(D);
	r.set = 1;
	r.rules = 1u << REL_FLAG_NO_ADULT;
	assert_int_equal(rel_flag_run(t.db, &r, o, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "student_id,rule,value,threshold,since,detail\n"
	    "S2,no_adult,0,2,,no adult has marked a connection and no primary "
	    "adult\n");
	free(buf);
	tmpdb_close(&t);
}

static void
test_thresholds(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char *s;
	int rc;

	(void)state;
	school(&t);
	checkin(&t, 1, 1, 10, 9, 0, 4, 1);
	checkin(&t, 2, 1, 10, 9, 0, 4, 1);
	checkin(&t, 3, 1, 9, 9, 0, 4, 1);
	/* Who may set them. */
	act(&t, NULL);
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), "10", &e),
	    REL_EUSAGE);
	act(&t, "A1");
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), "10", &e),
	    REL_EPERM);
	assert_non_null(strstr(e.msg, "A1 is neither"));
	act(&t, "A4");
	/* What they may be. */
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.dayz"), "10", &e),
	    REL_EUSAGE);
	assert_non_null(strstr(e.msg, "\"not_seen.dayz\" is not a threshold"));
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), "1.5", &e),
	    REL_EUSAGE);
	assert_non_null(strstr(e.msg, "is not a whole number from 1 to 365"));
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), "0", &e),
	    REL_EUSAGE);
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), " 10", &e),
	    REL_EUSAGE);
	assert_int_equal(rel_flag_set(t.db, KEY("attendance.rate"), "nan", &e),
	    REL_EUSAGE);
	assert_int_equal(rel_flag_set(t.db, KEY("mood_drop.drop"), "0x1", &e),
	    REL_EUSAGE);
	/* Several at once: all or none. */
	assert_int_equal(rel_flag_set(t.db, (const char *const[]){
	    "concerns.days", "concerns.dayz" }, 2, "30", &e), REL_EUSAGE);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting WHERE "
	    "key LIKE 'flag.%'"), 0);
	assert_int_equal(rel_flag_set(t.db, (const char *const[]){
	    "concerns.days", "not_seen.days" }, 2, "30", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting WHERE "
	    "key LIKE 'flag.%' AND value = '30'"), 2);
	assert_int_equal(rel_flag_set(t.db, (const char *const[]){
	    "concerns.days", "not_seen.days" }, 2, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM setting WHERE "
	    "key LIKE 'flag.%'"), 0);
	/* Set, it changes the run; 10 days is the threshold exactly. */
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), "10", &e), 0);
	assert_int_equal(rel_flag_set(t.db, KEY("mood_drop.drop"), "1.50", &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT value = '1.5' FROM setting "
	    "WHERE key = 'flag.mood_drop.drop'"), 1);
	RULE_IS(&t, REL_FLAG_NOT_SEEN, 0,
	    "S1,not_seen,10,10,2026-11-10,\"no check-in, note or family contact "
	    "by any adult for 10 days (threshold 10)\"\n"
	    "S2,not_seen,10,10,2026-11-10,\"no check-in, note or family contact "
	    "by any adult for 10 days (threshold 10)\"\n");
	/* Reset. */
	assert_int_equal(rel_flag_set(t.db, KEY("not_seen.days"), NULL, &e), 0);
	RULE_IS(&t, REL_FLAG_NOT_SEEN, 0, "");
	/* A value set by hand that no longer reads is 78. */
	sql(&t, "INSERT INTO setting VALUES ('flag.concerns.days', 'lots')");
	s = run(&t, 0, 0, 0, NULL, &rc);
	free(s);
	assert_int_equal(rc, REL_ECONFIG);
	tmpdb_close(&t);
}

static void
test_rules_list(void **state)
{
	struct tmpdb t;
	struct rel_out *o;
	struct rel_err e;
	const char *const *cols;
	char *buf = NULL;
	size_t n, len;
	FILE *fp;

	(void)state;
	school(&t);
	act(&t, "A4");
	assert_int_equal(rel_flag_set(t.db, KEY("concerns.count"), "4", &e), 0);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	cols = rel_flag_rules_cols(&n);
	assert_int_equal(n, 5);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	assert_int_equal(rel_flag_rules(t.db, o, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "\nconcerns,concerns.count,4,3,fires at "
	    "this many concern notes or more\n"));
	assert_non_null(strstr(buf, "\nno_adult,no_adult.strength,2,2,"));
	assert_non_null(strstr(buf, "\nbelonging_low,belonging_low.max,2,2,"));
	free(buf);
	tmpdb_close(&t);
}

/* The sample school gives every rule that reads what the sample holds
 * something to find. */
static void
test_sample(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	char *s;
	size_t r;
	int rc;

	(void)state;
	setenv("REL_NOW", D "T10:00:00", 1);
	tmpdb_open(&t);
	assert_int_equal(rel_sample_fill(t.db, 300, 1, &e), 0);
	act(&t, "A001");
	for (r = 0; r < REL_FLAG_NRULES; r++) {
		char want[64];

		s = run(&t, 1u << r, 0, 0, NULL, &rc);
		assert_int_equal(rc, 0);
		snprintf(want, sizeof(want), ",%s,", rel_flag_name(r));
		if (r == REL_FLAG_ATTENDANCE || r == REL_FLAG_ATTENDANCE_SLIDE ||
		    r == REL_FLAG_BELONGING_LOW) {
			free(s);
			continue;	/* the indicators' sample */
		}
		if (strstr(s, want) == NULL)
			fail_msg("rule %s fired for no one", rel_flag_name(r));
		free(s);
	}
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_no_adult),
		cmocka_unit_test(test_not_seen),
		cmocka_unit_test(test_mood_drop),
		cmocka_unit_test(test_mood_drop_same_minute),
		cmocka_unit_test(test_attendance),
		cmocka_unit_test(test_attendance_slide),
		cmocka_unit_test(test_concerns),
		cmocka_unit_test(test_follow_up),
		cmocka_unit_test(test_belonging),
		cmocka_unit_test(test_who_sees),
		cmocka_unit_test(test_audited),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_thresholds),
		cmocka_unit_test(test_rules_list),
		cmocka_unit_test(test_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
