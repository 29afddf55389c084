/*
 * flag.c: the early-warning rules (flag.h), their thresholds, and a run.
 *
 * A run fills temp.rel_flag, one statement per rule chosen (mood_drop is a
 * loop in C, since it reads a student's last K check-ins and then the
 * days before the first of them), then writes the table out sorted, or
 * summed up per student. Each rule starts from the student table and
 * reaches the records through the index that begins with the student, so
 * that it reads one student's window and stops: a backwards seek for "the
 * latest", a range for "the last 30 days". Nothing scans a record table
 * from end to end.
 *
 * Thresholds live in the settings table as flag.RULE.NAME; a key that is
 * not there has its default. They are read once per run.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rel/flag.h"

static const char *const rule_names[REL_FLAG_NRULES] = {
	"no_adult", "not_seen", "mood_drop", "attendance",
	"attendance_slide", "concerns", "follow_up_overdue", "belonging_low"
};

/* The thresholds, in rule order; a rule's settings are adjacent. */
enum {
	T_STRENGTH, T_NOT_SEEN_DAYS, T_MOOD_COUNT, T_MOOD_LOW, T_MOOD_DROP,
	T_MOOD_DAYS, T_ATT_RATE, T_ATT_DAYS, T_SLIDE_POINTS, T_SLIDE_DAYS,
	T_CONCERN_COUNT, T_CONCERN_DAYS, T_FOLLOW_DAYS, T_BELONGING_MAX, NT
};

static const struct threshold {
	enum rel_flag_rule rule;
	const char *key;	/* RULE.NAME */
	double dflt, lo, hi;
	int whole;		/* a whole number */
	const char *desc;
} thresholds[NT] = {
	{ REL_FLAG_NO_ADULT, "no_adult.strength", 2, 1, 3, 1,
	  "fires when no adult has a connection of this strength or more "
	  "with the student and there is no primary adult" },
	{ REL_FLAG_NOT_SEEN, "not_seen.days", 14, 1, 365, 1,
	  "fires after this many days with no check-in, note or family "
	  "contact by any adult" },
	{ REL_FLAG_MOOD_DROP, "mood_drop.count", 3, 1, 50, 1,
	  "reads the student's last this many check-ins with a mood" },
	{ REL_FLAG_MOOD_DROP, "mood_drop.low", 2, 1, 5, 0,
	  "fires when their mean mood (1-5) is this or lower" },
	{ REL_FLAG_MOOD_DROP, "mood_drop.drop", 1, 0.1, 4, 0,
	  "or when it is this much below the student's own mean over the days "
	  "before them" },
	{ REL_FLAG_MOOD_DROP, "mood_drop.days", 30, 1, 365, 1,
	  "how many days before them make the student's own mean" },
	{ REL_FLAG_ATTENDANCE, "attendance.rate", 90, 1, 100, 0,
	  "fires when the attendance rate is below this percent (90: the "
	  "chronic-absence line, missing 10% of days)" },
	{ REL_FLAG_ATTENDANCE, "attendance.days", 30, 1, 365, 1,
	  "over the last this many days" },
	{ REL_FLAG_ATTENDANCE_SLIDE, "attendance_slide.points", 5, 0.1, 100, 0,
	  "fires when the attendance rate fell this many points or more" },
	{ REL_FLAG_ATTENDANCE_SLIDE, "attendance_slide.days", 30, 1, 182, 1,
	  "comparing the last this many days with as many days before them" },
	{ REL_FLAG_CONCERNS, "concerns.count", 3, 1, 100, 1,
	  "fires at this many concern notes or more" },
	{ REL_FLAG_CONCERNS, "concerns.days", 60, 1, 365, 1,
	  "in the last this many days" },
	{ REL_FLAG_FOLLOW_UP_OVERDUE, "follow_up_overdue.days", 0, 0, 365, 1,
	  "fires when a family follow-up, goal check or restorative follow-up "
	  "is more than this many days past due" },
	{ REL_FLAG_BELONGING_LOW, "belonging_low.max", 2, -1e9, 1e9, 0,
	  "fires when the latest belonging survey value is this or lower (the "
	  "bottom band of a 1-5 scale)" },
};

#define SETTING_PREFIX "flag."

const char *
rel_flag_name(enum rel_flag_rule r)
{
	return (unsigned)r < REL_FLAG_NRULES ? rule_names[r] : NULL;
}

int
rel_flag_parse(const char *opt, const char *list, unsigned *mask,
    struct rel_err *e)
{
	const char *p = list, *end;
	size_t len, r;

	*mask = 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (r = 0; r < REL_FLAG_NRULES; r++)
			if (strlen(rule_names[r]) == len &&
			    memcmp(rule_names[r], p, len) == 0)
				break;
		if (r == REL_FLAG_NRULES)
			return rel_err_set(e, REL_EUSAGE, "%s: \"%.*s\" is not a "
			    "rule: expected no_adult, not_seen, mood_drop, "
			    "attendance, attendance_slide, concerns, "
			    "follow_up_overdue or belonging_low", opt, (int)len,
			    p);
		*mask |= 1u << r;
		if (end == NULL)
			return 0;
		p = end + 1;
	}
}

/* A number as the shortest plain text: 2, 1.5, 0.25. */
static void
num(double v, char *buf, size_t n)
{
	char *p;

	snprintf(buf, n, "%.6f", v);
	if (strchr(buf, '.') == NULL)
		return;
	p = buf + strlen(buf) - 1;
	while (*p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/* A threshold's value as text, strictly: a whole number where it must
 * be one, within its range. -1 if not. */
static int
parse_value(const struct threshold *t, const char *s, double *v)
{
	char *end;

	if (*s == '\0' || strchr(" \t\n+", *s) != NULL ||
	    strpbrk(s, "xXnNiI") != NULL)
		return -1;
	*v = strtod(s, &end);
	if (*end != '\0' || !isfinite(*v) || *v < t->lo || *v > t->hi)
		return -1;
	if (t->whole && *v != floor(*v))
		return -1;
	return 0;
}

static const struct threshold *
find_threshold(const char *key)
{
	size_t i;

	for (i = 0; i < NT; i++)
		if (strcmp(thresholds[i].key, key) == 0)
			return &thresholds[i];
	return NULL;
}

/* Every threshold, the school's where set. A stored value that no longer
 * reads (set by hand) is 78: the school's rules are not guessed. */
static int
load(struct rel_db *db, double *t, struct rel_err *e)
{
	char key[64], buf[64];
	size_t i;
	int rc;

	for (i = 0; i < NT; i++) {
		snprintf(key, sizeof(key), SETTING_PREFIX "%s",
		    thresholds[i].key);
		if ((rc = rel_db_setting_get(db, key, buf, sizeof(buf),
		    e)) != 0)
			return rc;
		t[i] = thresholds[i].dflt;
		if (buf[0] != '\0' && parse_value(&thresholds[i], buf,
		    &t[i]) != 0)
			return rel_err_set(e, REL_ECONFIG, "setting %s: \"%s\" "
			    "is not a valid threshold: run rel-flag rules set "
			    "%s VALUE, or rel-flag rules reset %s", key, buf,
			    thresholds[i].key, thresholds[i].key);
	}
	return 0;
}

const char *const *
rel_flag_cols(int summary, size_t *n)
{
	static const char *const flags[] = { "student_id", "rule", "value",
		"threshold", "since", "detail" };
	static const char *const sums[] = { "student_id", "given_name",
		"family_name", "grade", "flags", "rules", "reasons",
		"strength" };

	if (summary) {
		*n = NELEM(sums);
		return sums;
	}
	*n = NELEM(flags);
	return flags;
}

/*
 * The rules as statements. Every one binds ?1 the day (YYYY-MM-DD), ?2
 * the day after (text times are before it), ?3 the day after in seconds
 * (check-in times are before it), ?4 the window's first day in seconds, ?5
 * the threshold as a number and ?6 as text, ?7 the window in days, ?8
 * and ?9 its first days (as each rule says). STUDENTS is the students a
 * run looks at: active, in the set when one is given, and of the acting
 * adult's team. Each statement comes in three forms (form()): [0] for
 * every student, [1] for a set and [2] for the team of an adult who does
 * not see every student. Written as one (?4 = 0 OR s.id IN the set),
 * SQLite cannot start from the set or the team: a card's run for one
 * student read all 100k students once per rule, and so did an advisor's
 * run for their 25.
 */
#define STUDENTS_ALL "s.active = 1 AND " REL_TEAM("s.id")
#define STUDENTS_SET \
    "s.active = 1 AND s.id IN temp.rel_set AND " REL_TEAM("s.id")
#define STUDENTS_TEAM "s.active = 1 AND s.id IN temp.rel_team"

/* Which form of a rule's statement a run takes. */
static int
form(struct rel_db *db, const struct rel_flag_run *r)
{
	if (r->set)
		return 1;
	return rel_actor(db)->id != 0 && rel_actor(db)->sees_all ? 0 : 2;
}

/* A connection's strength on the day is that of its latest mark; the
 * student's marks are one range of connection_event_pair, and the adult
 * is looked up for each (an IN list of active adults would be probed
 * once per adult instead). The per-student values are MATERIALIZED:
 * flattened into the outer query, each mention of best would run its
 * subquery again. */
#define SQL_NO_ADULT(STUDENTS) \
    "WITH v AS MATERIALIZED (" \
    " SELECT s.id AS sid, (SELECT max(strength) FROM (SELECT e.strength, " \
    "  max(e.at) FROM connection_event e CROSS JOIN adult a " \
    "  ON a.id = e.adult WHERE e.student = s.id AND e.at < ?2 " \
    "  AND a.active = 1 GROUP BY e.adult)) AS best " \
    " FROM student s WHERE " STUDENTS \
    " AND NOT EXISTS (SELECT 1 FROM primary_adult p JOIN adult a " \
    "  ON a.id = p.adult AND a.active = 1 WHERE p.student = s.id " \
    "  AND p.start_at < ?2 AND (p.end_at IS NULL OR p.end_at >= ?2))) " \
    "INSERT INTO temp.rel_flag SELECT sid, 'no_adult', ifnull(best, 0), ?6, " \
    "ended, CASE WHEN best IS NULL THEN 'no adult has marked a connection' " \
    "ELSE printf('no connection of strength %s or more (the strongest is " \
    "%d)', ?6, best) END || ' and no primary adult' || CASE WHEN ended IS " \
    "NOT NULL THEN ' since ' || ended ELSE '' END, 1 FROM (" \
    " SELECT sid, best, (SELECT max(substr(p.end_at, 1, 10)) " \
    " FROM primary_adult p WHERE p.student = sid AND p.end_at < ?2) AS ended " \
    " FROM v WHERE best IS NULL OR best < ?5)"
static const char *const sql_no_adult[3] = { SQL_NO_ADULT(STUDENTS_ALL),
    SQL_NO_ADULT(STUDENTS_SET), SQL_NO_ADULT(STUDENTS_TEAM) };

/* An "s" for a count in SQL that is not 1: "1 day", "2 days". */
#define PL(n) "CASE WHEN " n " = 1 THEN '' ELSE 's' END"

/* A student is seen when an adult had a check-in, note or family
 * contact with them on or after the window's first day, ?8 (?4 in
 * seconds): three seeks that stop at the first row. Only the students
 * not seen look for their latest contact, one backwards seek of each
 * kind (MATERIALIZED: see no_adult); formatting every student's latest
 * date and comparing them as text cost as much again. */
#define SQL_NOT_SEEN(STUDENTS) \
    "WITH v AS MATERIALIZED (SELECT s.id AS sid, nullif(max(" \
    "  coalesce((SELECT date(c.at, 'unixepoch') FROM checkin c " \
    "   WHERE c.student = s.id AND c.at < ?3 AND c.adult IS NOT NULL " \
    "   AND " REL_SEES("c") " ORDER BY c.at DESC LIMIT 1), ''), " \
    "  coalesce((SELECT substr(n.at, 1, 10) FROM note n " \
    "   WHERE n.student = s.id AND n.at < ?2 AND n.adult IS NOT NULL " \
    "   AND " REL_SEES("n") " ORDER BY n.at DESC LIMIT 1), ''), " \
    "  coalesce((SELECT substr(f.at, 1, 10) FROM family_contact f " \
    "   WHERE f.student = s.id AND f.at < ?2 AND " REL_SEES("f") \
    "   ORDER BY f.at DESC LIMIT 1), '')), '') AS last " \
    "  FROM student s WHERE " STUDENTS \
    "  AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.student = s.id " \
    "   AND c.at >= ?4 AND c.at < ?3 AND c.adult IS NOT NULL " \
    "   AND " REL_SEES("c") ") " \
    "  AND NOT EXISTS (SELECT 1 FROM note n WHERE n.student = s.id " \
    "   AND n.at >= ?8 AND n.at < ?2 AND n.adult IS NOT NULL " \
    "   AND " REL_SEES("n") ") " \
    "  AND NOT EXISTS (SELECT 1 FROM family_contact f " \
    "   WHERE f.student = s.id AND f.at >= ?8 AND f.at < ?2 " \
    "   AND " REL_SEES("f") ")) " \
    "INSERT INTO temp.rel_flag SELECT sid, 'not_seen', days, ?6, last, " \
    "CASE WHEN last IS NULL THEN 'no check-in, note or family contact by " \
    "any adult on record (threshold ' || ?6 || ' day' || " PL("?5") " || ')' " \
    "ELSE " \
    "printf('no check-in, note or family contact by any adult for %d day%s " \
    "(threshold %s)', days, CASE WHEN days = 1 THEN '' ELSE 's' END, ?6) " \
    "END, 1 FROM (" \
    " SELECT sid, last, CAST(julianday(?1) - julianday(last) AS INTEGER) " \
    " AS days FROM v) " \
    "WHERE last IS NULL OR days >= ?5"
static const char *const sql_not_seen[3] = { SQL_NOT_SEEN(STUDENTS_ALL),
    SQL_NOT_SEEN(STUDENTS_SET), SQL_NOT_SEEN(STUDENTS_TEAM) };

/* Both attendance rules read one range of each student's attendance
 * (the key of indicator is (student, name, day), values included) into
 * temp.rel_att: ?5 the first day of attendance's window, ?6 of the
 * slide's last window, ?7 of the one before it, ?8 the earliest of them. */
#define SQL_ATT_READ(STUDENTS) \
    "INSERT INTO temp.rel_att SELECT s.id, " \
    " avg(CASE WHEN i.day >= ?5 THEN i.value END), " \
    " count(CASE WHEN i.day >= ?5 THEN 1 END), " \
    " min(CASE WHEN i.day >= ?5 AND i.value < 1 THEN i.day END), " \
    " avg(CASE WHEN i.day >= ?6 THEN i.value END) * 100, " \
    " avg(CASE WHEN i.day >= ?7 AND i.day < ?6 THEN i.value END) * 100 " \
    "FROM student s CROSS JOIN indicator i ON i.student = s.id " \
    "AND i.name = 'attendance' AND i.day >= ?8 AND i.day <= ?1 " \
    "WHERE " STUDENTS " GROUP BY s.id"
static const char *const sql_att_read[3] = { SQL_ATT_READ(STUDENTS_ALL),
    SQL_ATT_READ(STUDENTS_SET), SQL_ATT_READ(STUDENTS_TEAM) };

static const char sql_attendance[] =
    "INSERT INTO temp.rel_flag SELECT sid, 'attendance', "
    "printf('%.1f', rate), ?6, first_absent, printf('attendance %.1f%% "
    "over the last %d day%s (%d school day%s recorded; threshold %s%%)', "
    "rate, ?7, " PL("?7") ", n, " PL("n") ", ?6), 1 FROM ("
    " SELECT sid, round(a_mean * 100, 6) AS rate, a_n AS n, "
    " a_first AS first_absent FROM temp.rel_att WHERE a_n > 0) "
    "WHERE rate < ?5";

/* ?8 the first day of the last window. */
static const char sql_slide[] =
    "INSERT INTO temp.rel_flag SELECT sid, 'attendance_slide', "
    "printf('%.1f', prev - cur), ?6, ?8, printf('attendance %.1f%% over the "
    "last %d day%s, down %.1f points from %.1f%% over the %d day%s before "
    "(threshold %s points)', cur, ?7, " PL("?7") ", prev - cur, prev, ?7, "
    PL("?7") ", ?6), 1 "
    "FROM (SELECT sid, s_cur AS cur, s_prev AS prev FROM temp.rel_att) "
    "WHERE cur IS NOT NULL AND prev IS NOT NULL "
    "AND round(prev - cur, 6) >= ?5";

/* These two read temp.rel_att, already narrowed: one form serves both. */
static const char *const sql_attendance_v[3] = { sql_attendance,
    sql_attendance, sql_attendance };
static const char *const sql_slide_v[3] = { sql_slide, sql_slide,
    sql_slide };

/* ?8 the window's first day. */
#define SQL_CONCERNS(STUDENTS) \
    "INSERT INTO temp.rel_flag SELECT sid, 'concerns', cn, ?6, first, " \
    "printf('%d concern note%s in the last %d day%s (threshold %s)', cn, " \
    PL("cn") ", ?7, " PL("?7") ", ?6), vis FROM (" \
    " SELECT s.id AS sid, count(*) AS cn, min(substr(n.at, 1, 10)) " \
    " AS first, max(n.visibility) AS vis FROM student s CROSS JOIN note n " \
    " ON n.student = s.id AND n.at >= ?8 AND n.at < ?2 " \
    " AND n.kind = 'concern' AND " REL_SEES("n") \
    " WHERE " STUDENTS " GROUP BY s.id) " \
    "WHERE cn >= ?5"
static const char *const sql_concerns[3] = { SQL_CONCERNS(STUDENTS_ALL),
    SQL_CONCERNS(STUDENTS_SET), SQL_CONCERNS(STUDENTS_TEAM) };

/* ?8 the last due day that is overdue. A family follow-up is done by a
 * later contact with the family (one the adult may see, as rel-family
 * due has it); a goal's check is due its cadence after the last progress
 * note (or its start), and a goal past its end is due to be closed; a
 * restorative case's follow-up is due for each of its student parties. */
#define SQL_FOLLOW_UP(STUDENTS) \
    "INSERT INTO temp.rel_flag SELECT sid, 'follow_up_overdue', count(*), " \
    "?6, min(due), printf('%d follow-up%s past due: ', count(*), " \
    "CASE WHEN count(*) = 1 THEN '' ELSE 's' END) || group_concat(what, " \
    "'; ') || CASE WHEN ?5 > 0 THEN ' (threshold ' || ?6 || ' day' || " \
    PL("?5") " || ')' " \
    "ELSE '' END, max(vis) FROM (SELECT * FROM (" \
    " SELECT f.student AS sid, f.follow_up_on AS due, " \
    " 'a family follow-up due ' || f.follow_up_on AS what, " \
    " f.visibility AS vis FROM family_contact f " \
    " WHERE f.follow_up_on IS NOT NULL AND f.follow_up_on <= ?8 " \
    " AND f.at < ?2 AND " REL_SEES("f") \
    " AND NOT EXISTS (SELECT 1 FROM family_contact d " \
    "  WHERE d.student = f.student AND d.at > f.at AND d.at < ?2 " \
    "  AND " REL_SEES("d") ") " \
    " UNION ALL " \
    " SELECT sid, due_on, CASE WHEN past THEN 'goal ' || goal_id || " \
    " ' ended ' || due_on || ' and is not closed' ELSE 'a check of goal ' " \
    " || goal_id || ' due ' || due_on END, vis FROM (" \
    "  SELECT g.student AS sid, g.goal_id, g.visibility AS vis, " \
    "  ifnull(g.due <= ?1, 0) AS past, CASE WHEN g.due <= ?1 THEN g.due " \
    "  WHEN g.check_every IS NOT NULL THEN date(coalesce((SELECT " \
    "   max(substr(p.at, 1, 10)) FROM progress p WHERE p.goal = g.id " \
    "   AND p.at < ?2), g.start), '+' || g.check_every || ' days') " \
    "  END AS due_on FROM goal g WHERE g.at < ?2 AND g.start <= ?1 " \
    "  AND (g.closed_at IS NULL OR g.closed_at >= ?2) " \
    "  AND (g.due IS NOT NULL OR g.check_every IS NOT NULL) " \
    "  AND " REL_SEES("g") ") WHERE due_on <= ?8 " \
    " UNION ALL " \
    " SELECT p.student, c.follow_up_on, 'a follow-up of restorative case ' " \
    " || c.case_id || ' due ' || c.follow_up_on, c.visibility " \
    " FROM restorative_case c JOIN party p ON p.rcase = c.id " \
    " AND p.student IS NOT NULL WHERE c.follow_up_on IS NOT NULL " \
    " AND c.follow_up_on <= ?8 AND c.opened_at < ?2 " \
    " AND (c.closed_at IS NULL OR c.closed_at >= ?2) " \
    " AND " REL_SEES_CASE("c") \
    ") WHERE sid IN (SELECT s.id FROM student s WHERE " STUDENTS ") " \
    "ORDER BY sid, due, what) GROUP BY sid"
static const char *const sql_follow_up[3] = { SQL_FOLLOW_UP(STUDENTS_ALL),
    SQL_FOLLOW_UP(STUDENTS_SET), SQL_FOLLOW_UP(STUDENTS_TEAM) };

/* The latest belonging value on or before the day: one seek for its day
 * (the max of the key's last column), one for the row. */
#define SQL_BELONGING(STUDENTS) \
    "INSERT INTO temp.rel_flag SELECT sid, 'belonging_low', " \
    "printf('%g', v), ?6, day, printf('belonging %g on the survey of %s " \
    "(bottom band: %s or lower)', v, day, ?6), 1 FROM (" \
    " SELECT s.id AS sid, i.day AS day, i.value AS v FROM student s " \
    " CROSS JOIN indicator i ON i.student = s.id AND i.name = 'belonging' " \
    " AND i.day = (SELECT max(j.day) FROM indicator j " \
    "  WHERE j.student = s.id AND j.name = 'belonging' AND j.day <= ?1) " \
    " WHERE " STUDENTS ") " \
    "WHERE v <= ?5"
static const char *const sql_belonging[3] = { SQL_BELONGING(STUDENTS_ALL),
    SQL_BELONGING(STUDENTS_SET), SQL_BELONGING(STUDENTS_TEAM) };

/* mood_drop, per student: the last K moods, then (only when they are not
 * low already and could have dropped) the mean of the days before. */
#define SQL_MOOD_STUDENTS(STUDENTS) \
    "SELECT s.id FROM student s WHERE " STUDENTS " ORDER BY s.id"
static const char *const sql_mood_students[3] = {
    SQL_MOOD_STUDENTS(STUDENTS_ALL), SQL_MOOD_STUDENTS(STUDENTS_SET),
    SQL_MOOD_STUDENTS(STUDENTS_TEAM) };
/* One scan per student, newest first: its last K moods, then (only when
 * they are not low already and could have dropped) on through the D days
 * before the first of them. A student's check-ins are one run of the
 * clustered checkin table, so the scan reads them in place. */
static const char sql_mood[] =
    "SELECT c.at, c.mood, c.visibility FROM checkin c "
    "WHERE c.student = ?1 AND c.at < ?2 AND c.mood IS NOT NULL "
    "AND " REL_SEES("c") " ORDER BY c.at DESC";
static const char sql_put[] =
    "INSERT INTO temp.rel_flag VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static int
put(struct rel_db *db, sqlite3_int64 sid, const char *rule,
    const char *value, const char *threshold, const char *since,
    const char *detail, int vis, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_put, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, threshold, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, vis);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "noting a flag", e);
}

/* The mood rule for one student; end is the day after, in seconds. */
static int
mood_one(struct rel_db *db, sqlite3_int64 sid, int64_t end, const double *t,
    struct rel_err *e)
{
	char since[REL_DATE_LEN], mean_s[32], low_s[32], drop_s[32], d_s[32],
	    prev_s[32], detail[320];
	sqlite3_stmt *st;
	int64_t first = 0, at, lo;
	double sum = 0, psum = 0, mean, prev, fall;
	long k = (long)t[T_MOOD_COUNT], n = 0, nprev = 0;
	int rc, vis = 0, pvis = 0, v;

	if ((rc = rel_db_stmt(db, sql_mood, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, end);
	while (n < k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		first = sqlite3_column_int64(st, 0);
		sum += sqlite3_column_int(st, 1);
		if ((v = sqlite3_column_int(st, 2)) > vis)
			vis = v;
		n++;
	}
	if (n < k) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 :
		    rel_db_fail(db, rc, "reading moods", e);
	}
	mean = sum / (double)n;
	if (mean > t[T_MOOD_LOW] + 1e-9 && mean > 5 - t[T_MOOD_DROP] + 1e-9) {
		/* Neither low nor able to have dropped. */
		sqlite3_reset(st);
		return 0;
	}
	rel_date_format((int32_t)((first - ((first % 86400) + 86400) % 86400) /
	    86400), since);
	snprintf(mean_s, sizeof(mean_s), "%.2f", mean);
	if (mean <= t[T_MOOD_LOW] + 1e-9) {
		sqlite3_reset(st);
		num(t[T_MOOD_LOW], low_s, sizeof(low_s));
		snprintf(detail, sizeof(detail), "mean mood %s over the last %ld "
		    "check-in%s (threshold %s or lower)", mean_s, k,
		    k == 1 ? "" : "s", low_s);
		return put(db, sid, "mood_drop", mean_s, low_s, since, detail,
		    vis, e);
	}
	/* The days before: [first - D days, first). Check-ins of the same
	 * minute as the first of the K come next in the scan; they are not
	 * before it. */
	lo = first - (int64_t)t[T_MOOD_DAYS] * 86400;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (at = sqlite3_column_int64(st, 0)) >= lo) {
		if (at == first)
			continue;
		psum += sqlite3_column_int(st, 1);
		if ((v = sqlite3_column_int(st, 2)) > pvis)
			pvis = v;
		nprev++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading moods", e);
	if (nprev == 0)
		return 0;
	prev = psum / (double)nprev;
	/* Compared in hundredths, as shown: 4.00 - 3.00 is a drop of 1. */
	fall = round((prev - mean) * 100) / 100;
	if (fall < t[T_MOOD_DROP] - 1e-9)
		return 0;
	num(t[T_MOOD_DROP], drop_s, sizeof(drop_s));
	snprintf(d_s, sizeof(d_s), "%.2f", fall);
	snprintf(prev_s, sizeof(prev_s), "%.2f", prev);
	snprintf(detail, sizeof(detail), "mean mood %s over the last %ld "
	    "check-in%s, down %s from %s over the %ld day%s before them "
	    "(threshold a drop of %s)", mean_s, k, k == 1 ? "" : "s", d_s,
	    prev_s, (long)t[T_MOOD_DAYS], t[T_MOOD_DAYS] == 1 ? "" : "s",
	    drop_s);
	return put(db, sid, "mood_drop", d_s, drop_s, since, detail,
	    pvis > vis ? pvis : vis, e);
}

static int
mood_drop(struct rel_db *db, const struct rel_flag_run *r, int64_t end,
    const double *t, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_mood_students[form(db, r)], &st, e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = mood_one(db, sqlite3_column_int64(st, 0), end, t,
		    e)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading moods", e);
}

/* One rule's statement, with its threshold (index ti) and window. */
static int
rule_stmt(struct rel_db *db, const char *sql, const struct rel_flag_run *r,
    const double *t, int ti, int wi, struct rel_err *e)
{
	char day[REL_DATE_LEN], next[REL_DATE_LEN], lo[REL_DATE_LEN],
	    lo2[REL_DATE_LEN], ts[32];
	sqlite3_stmt *st;
	int32_t w = wi >= 0 ? (int32_t)t[wi] : 0;
	int rc;

	rel_date_format(r->as_of, day);
	rel_date_format(r->as_of + 1, next);
	if (ti == T_FOLLOW_DAYS)
		rel_date_format(r->as_of - 1 - (int32_t)t[ti], lo);
	else
		rel_date_format(r->as_of - w + 1, lo);
	rel_date_format(r->as_of - 2 * w + 1, lo2);
	num(t[ti], ts, sizeof(ts));
	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, ((int64_t)r->as_of + 1) * 86400);
	sqlite3_bind_int64(st, 4, ((int64_t)r->as_of - w + 1) * 86400);
	sqlite3_bind_double(st, 5, t[ti]);
	sqlite3_bind_text(st, 6, ts, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, w);
	sqlite3_bind_text(st, 8, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, lo2, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "running the rules", e);
	return 0;
}

/* The attendance both attendance rules read, in one pass. */
static int
att_read(struct rel_db *db, const struct rel_flag_run *r, const double *t,
    struct rel_err *e)
{
	char day[REL_DATE_LEN], a[REL_DATE_LEN], c[REL_DATE_LEN],
	    p[REL_DATE_LEN];
	int32_t wa = (int32_t)t[T_ATT_DAYS], ws = (int32_t)t[T_SLIDE_DAYS];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_att ("
	    "sid INTEGER PRIMARY KEY, a_mean REAL, a_n INTEGER, a_first TEXT, "
	    "s_cur REAL, s_prev REAL)", e)) != 0 ||
	    (rc = rel_db_exec(db, "DELETE FROM temp.rel_att", e)) != 0)
		return rc;
	rel_date_format(r->as_of, day);
	rel_date_format(r->as_of - wa + 1, a);
	rel_date_format(r->as_of - ws + 1, c);
	rel_date_format(r->as_of - 2 * ws + 1, p);
	if ((rc = rel_db_stmt(db, sql_att_read[form(db, r)], &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, c, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, strcmp(a, p) < 0 ? a : p, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading attendance", e);
}

static const char sql_out[] =
    "SELECT s.student_id, f.rule, f.value, f.threshold, f.since, f.detail, "
    "f.sid, f.vis FROM temp.rel_flag f JOIN student s ON s.id = f.sid "
    "ORDER BY s.student_id, f.rule";

/* The strength beside a summary is one the adult may see, current on the
 * day. ?1 the day after. */
static const char sql_summary[] =
    "SELECT s.student_id, s.given_name, s.family_name, s.grade, count(*), "
    "group_concat(f.rule, ' '), group_concat(f.detail, '; '), "
    "(SELECT p.value FROM profile_item p WHERE p.student = f.sid "
    " AND p.kind = 'strength' AND p.at < ?1 AND (p.retired_at IS NULL "
    " OR p.retired_at >= ?1) AND " REL_SEES("p")
    " ORDER BY p.at DESC, p.id DESC LIMIT 1), f.sid, max(f.vis) "
    "FROM (SELECT * FROM temp.rel_flag ORDER BY sid, rule) f "
    "JOIN student s ON s.id = f.sid GROUP BY f.sid ORDER BY s.student_id";

int
rel_flag_run(struct rel_db *db, struct rel_flag_run *r, struct rel_out *o,
    struct rel_err *e)
{
	static const struct {
		const char *const *sql;	/* its forms (form()) */
		int ti, wi;
	} stmts[REL_FLAG_NRULES] = {
		[REL_FLAG_NO_ADULT] = { sql_no_adult, T_STRENGTH, -1 },
		[REL_FLAG_NOT_SEEN] = { sql_not_seen, T_NOT_SEEN_DAYS,
		    T_NOT_SEEN_DAYS },
		[REL_FLAG_MOOD_DROP] = { NULL, 0, -1 },
		[REL_FLAG_ATTENDANCE] = { sql_attendance_v, T_ATT_RATE,
		    T_ATT_DAYS },
		[REL_FLAG_ATTENDANCE_SLIDE] = { sql_slide_v, T_SLIDE_POINTS,
		    T_SLIDE_DAYS },
		[REL_FLAG_CONCERNS] = { sql_concerns, T_CONCERN_COUNT,
		    T_CONCERN_DAYS },
		[REL_FLAG_FOLLOW_UP_OVERDUE] = { sql_follow_up, T_FOLLOW_DAYS,
		    -1 },
		[REL_FLAG_BELONGING_LOW] = { sql_belonging, T_BELONGING_MAX,
		    -1 },
	};
	char next[REL_DATE_LEN];
	double t[NT];
	unsigned rules = r->rules != 0 ? r->rules :
	    (1u << REL_FLAG_NRULES) - 1;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	r->flagged = 0;
	if ((rc = load(db, t, e)) != 0)
		return rc;
	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_flag ("
	    "sid INTEGER NOT NULL, rule TEXT NOT NULL, value, threshold TEXT, "
	    "since TEXT, detail TEXT NOT NULL, vis INTEGER NOT NULL)", e)) != 0 ||
	    (rc = rel_db_exec(db, "DELETE FROM temp.rel_flag", e)) != 0)
		return rc;
	if ((rules & (1u << REL_FLAG_ATTENDANCE |
	    1u << REL_FLAG_ATTENDANCE_SLIDE)) &&
	    (rc = att_read(db, r, t, e)) != 0)
		return rc;
	for (i = 0; i < REL_FLAG_NRULES; i++) {
		if (!(rules & 1u << i))
			continue;
		if (i == REL_FLAG_MOOD_DROP)
			rc = mood_drop(db, r, ((int64_t)r->as_of + 1) * 86400,
			    t, e);
		else
			rc = rule_stmt(db, stmts[i].sql[form(db, r)], r, t,
			    stmts[i].ti,
			    stmts[i].wi, e);
		if (rc != 0)
			return rc;
	}
	/* No output: temp.rel_flag is the caller's to read, and to audit. */
	if (o == NULL)
		goto count;
	if ((rc = rel_db_stmt(db, r->summary ? sql_summary : sql_out, &st,
	    e)) != 0)
		return rc;
	if (r->summary) {
		rel_date_format(r->as_of + 1, next);
		sqlite3_bind_text(st, 1, next, -1, SQLITE_TRANSIENT);
	}
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
count:
	if (rc == 0) {
		if ((rc = rel_db_stmt(db, r->summary ? "SELECT count(DISTINCT "
		    "sid) FROM temp.rel_flag" : "SELECT count(*) FROM "
		    "temp.rel_flag", &st, e)) != 0)
			return rc;
		if (sqlite3_step(st) == SQLITE_ROW)
			r->flagged = (long)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc;
}

const char *const *
rel_flag_rules_cols(size_t *n)
{
	static const char *const names[] = { "rule", "setting", "value",
		"default", "description" };

	*n = NELEM(names);
	return names;
}

int
rel_flag_rules(struct rel_db *db, struct rel_out *o, struct rel_err *e)
{
	char v[32], d[32];
	double t[NT];
	size_t i;
	int rc;

	if ((rc = load(db, t, e)) != 0)
		return rc;
	for (i = 0; i < NT; i++) {
		const char *rule = rule_names[thresholds[i].rule];

		num(t[i], v, sizeof(v));
		num(thresholds[i].dflt, d, sizeof(d));
		rel_out_cell(o, rule, strlen(rule));
		rel_out_cell(o, thresholds[i].key, strlen(thresholds[i].key));
		rel_out_cell(o, v, strlen(v));
		rel_out_cell(o, d, strlen(d));
		rel_out_cell(o, thresholds[i].desc, strlen(thresholds[i].desc));
		rel_out_endrow(o);
	}
	return 0;
}

int
rel_flag_set(struct rel_db *db, const char *const *keys, size_t nkeys,
    const char *value, struct rel_err *e)
{
	const struct rel_actor *a = rel_actor(db);
	const struct threshold *t;
	char full[64], v[32];
	sqlite3_stmt *st;
	size_t i;
	double d = 0;
	int rc = 0;

	/* Every key, and the value, before anything is written. */
	for (i = 0; i < nkeys; i++) {
		if ((t = find_threshold(keys[i])) == NULL)
			return rel_err_set(e, REL_EUSAGE, "\"%s\" is not a "
			    "threshold: rel-flag rules lists them (RULE.NAME, "
			    "e.g. not_seen.days)", keys[i]);
		if (value != NULL && parse_value(t, value, &d) != 0) {
			char lo[32], hi[32];

			num(t->lo, lo, sizeof(lo));
			num(t->hi, hi, sizeof(hi));
			if (t->lo < -1e8)
				return rel_err_set(e, REL_EUSAGE, "%s: \"%s\" "
				    "is not a number", keys[i], value);
			return rel_err_set(e, REL_EUSAGE, "%s: \"%s\" is not "
			    "%s from %s to %s", keys[i], value, t->whole ?
			    "a whole number" : "a number", lo, hi);
		}
	}
	if (a->id == 0)
		return rel_err_set(e, REL_EUSAGE, "the school's thresholds are "
		    "set by a counselor or an admin: give --as ADULT_ID or set "
		    "$REL_AS");
	if (!a->sees_all)
		return rel_err_set(e, REL_EPERM, "only a counselor or an admin "
		    "may set the school's thresholds, and %s is neither",
		    a->adult_id);
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	for (i = 0; i < nkeys && rc == 0; i++) {
		snprintf(full, sizeof(full), SETTING_PREFIX "%s", keys[i]);
		if (value != NULL) {
			num(d, v, sizeof(v));
			rc = rel_db_setting_put(db, full, v, e);
		} else if ((rc = rel_db_stmt(db, "DELETE FROM setting WHERE "
		    "key = ?1", &st, e)) == 0) {
			sqlite3_bind_text(st, 1, full, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			rc = rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
			    "resetting a threshold", e);
		}
	}
	if (rc == 0)
		rc = rel_db_commit(db, e);
	if (rc != 0)
		rel_db_rollback(db);
	return rc;
}

const char *const *
rel_flag_keys(size_t *n)
{
	static const char *keys[NT];
	size_t i;

	for (i = 0; i < NT; i++)
		keys[i] = thresholds[i].key;
	*n = NT;
	return keys;
}
