/*
 * indicator_sample.c: the sample school's indicators: attendance on every
 * weekday of the 84 days before today, and two surveys (belonging and
 * "there is an adult at school I can talk to", 1-5).
 *
 * Attendance is drawn per window of the summary and of rel-flag's rule,
 * [today-29, today-1], [today-59, today-30] and [today-84, today-60], as
 * a number of absent days within a band of rates, so that each kind of
 * student lands where it is meant to whatever the luck of the draw:
 *   - most students: 95-100% present in every window;
 *   - about 12%, chronically absent: 70-89% in the last 30 days, and
 *     about as often away before;
 *   - about 4%, sliding: 95-100% in the 30 days before the last 30, then
 *     83-93%, five to fifteen points lower.
 * About 3% of absences are half days (0.5), where the band allows it.
 * The students the relationship map left with no adult are more often
 * chronically absent and less often sure there is an adult to talk to:
 * the sample has the pattern a counselor would look for.
 *
 * The rows go in with one prepared INSERT in the sample's transaction, in
 * the key's order; every value is valid by construction.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define DAYS_BACK 84
#define MAXDAYS 32		/* weekdays in one window, at most */

/* Per mille, for connected and unconnected students. */
#define CHRONIC_PM 100
#define CHRONIC_NONE_PM 230
#define SLIDING_PM 40
#define LOW_BELONGING_PM 65
#define LOW_BELONGING_NONE_PM 130
#define PARTIAL_PCT 3

enum pattern { STEADY, CHRONIC, SLIDING };

/* The bands of percent present, per pattern and window (0 the last). */
static const struct {
	int lo, hi;
} bands[3][3] = {
	[STEADY] = { { 95, 100 }, { 95, 100 }, { 95, 100 } },
	[CHRONIC] = { { 70, 89 }, { 70, 92 }, { 72, 94 } },
	[SLIDING] = { { 83, 93 }, { 95, 100 }, { 95, 100 } },
};

struct ins {
	struct rel_db *db;
	sqlite3_stmt *st;
};

static int
put(struct ins *in, sqlite3_int64 student, const char *name, int32_t day,
    double value, const char *source, struct rel_err *e)
{
	char d[REL_DATE_LEN];
	int rc;

	rel_date_format(day, d);
	sqlite3_bind_int64(in->st, 1, student);
	sqlite3_bind_text(in->st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(in->st, 3, d, REL_DATE_LEN - 1, SQLITE_STATIC);
	sqlite3_bind_double(in->st, 4, value);
	sqlite3_bind_text(in->st, 5, source, -1, SQLITE_STATIC);
	rc = sqlite3_step(in->st);
	sqlite3_reset(in->st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(in->db, rc,
	    "writing the sample's indicators", e);
}

/* The weekdays of [first, last] into days; their number. */
static int
weekdays(int32_t first, int32_t last, int32_t *days)
{
	int n = 0;
	int32_t d;

	for (d = first; d <= last && n < MAXDAYS; d++)
		if (rel_weekday(d) < 5)
			days[n++] = d;
	return n;
}

/* One window's attendance: a number of absences that keeps the rate in
 * the band, on days drawn at random; some of them half days. */
static void
window(struct rel_rng *r, int n, int lo, int hi, double *v)
{
	int idx[MAXDAYS], kmin, kmax, k, i, j, t;
	double sum;

	/* (n - k) / n within [lo, hi] percent. */
	kmin = (n * (100 - hi) + 99) / 100;
	kmax = n * (100 - lo) / 100;
	k = kmax > kmin ? kmin + (int)rel_rng_below(r, kmax - kmin + 1) : kmin;
	for (i = 0; i < n; i++) {
		v[i] = 1;
		idx[i] = i;
	}
	sum = n - k;
	for (i = 0; i < k; i++) {
		j = i + (int)rel_rng_below(r, n - i);
		t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
		v[idx[i]] = 0;
		if (rel_rng_chance(r, PARTIAL_PCT, 100) &&
		    (sum + 0.5) * 100 <= hi * (double)n) {
			v[idx[i]] = 0.5;
			sum += 0.5;
		}
	}
}

/* A survey answer 1-5: low ones 1-2, the rest mostly 3-5. */
static int
answer(struct rel_rng *r, int low)
{
	long x;

	if (low)
		return 1 + (int)rel_rng_below(r, 2);
	x = rel_rng_below(r, 100);
	return x < 30 ? 3 : x < 75 ? 4 : 5;
}

/* The earlier answer: the same give or take one, and higher for those
 * low now (they were not always). */
static int
earlier(struct rel_rng *r, int now, int low)
{
	int v = low ? now + 1 + (int)rel_rng_below(r, 2) :
	    now + (int)rel_rng_below(r, 3) - 1;

	return v < 1 ? 1 : v > 5 ? 5 : v;
}

/* The Wednesday of day's week. */
static int32_t
wednesday(int32_t day)
{
	return day - rel_weekday(day) + 2;
}

static int
student(struct ins *in, struct rel_rng *r, sqlite3_int64 id, int connected,
    int32_t today, struct rel_err *e)
{
	static const int32_t ends[3][2] = { { 29, 1 }, { 59, 30 },
		{ DAYS_BACK, 60 } };
	int32_t days[MAXDAYS], s1 = wednesday(today - 70),
	    s2 = wednesday(today - 10);
	double v[MAXDAYS];
	enum pattern p = STEADY;
	int n, w, i, rc, low, talk, belong;
	long x = rel_rng_below(r, 1000);

	if (x < (connected ? CHRONIC_PM : CHRONIC_NONE_PM))
		p = CHRONIC;
	else if (x < (connected ? CHRONIC_PM : CHRONIC_NONE_PM) + SLIDING_PM)
		p = SLIDING;
	low = rel_rng_below(r, 1000) < (connected && p == STEADY ?
	    LOW_BELONGING_PM : LOW_BELONGING_NONE_PM);
	belong = answer(r, low);
	talk = answer(r, !connected && rel_rng_chance(r, 1, 3));

	/* The key's order: adult_to_talk_to, attendance, belonging. */
	if ((rc = put(in, id, "adult_to_talk_to", s1, earlier(r, talk, 0),
	    "survey", e)) != 0 ||
	    (rc = put(in, id, "adult_to_talk_to", s2, talk, "survey", e)) != 0)
		return rc;
	for (w = 2; w >= 0; w--) {
		n = weekdays(today - ends[w][0], today - ends[w][1], days);
		window(r, n, bands[p][w].lo, bands[p][w].hi, v);
		for (i = 0; i < n; i++)
			if ((rc = put(in, id, "attendance", days[i], v[i], "sis",
			    e)) != 0)
				return rc;
	}
	if ((rc = put(in, id, "belonging", s1, earlier(r, belong, low),
	    "survey", e)) != 0)
		return rc;
	return put(in, id, "belonging", s2, belong, "survey", e);
}

int
rel_indicator_sample(struct rel_db *db, unsigned long seed, struct rel_err *e)
{
	sqlite3_stmt *st;
	struct rel_rng r;
	struct ins in;
	int32_t today = rel_today();
	int rc;

	rel_rng_stream(&r, seed, 7);
	in.db = db;
	/* 64 rows a student go to the key and to the (name, day) index: with
	 * the default 2 MiB page cache, a large school's pages would spill
	 * to the WAL and be read back, row after row. As for an import, a
	 * larger cache is used only as pages are. */
	if ((rc = rel_db_exec(db, "PRAGMA cache_size=-65536", e)) != 0 ||
	    (rc = rel_db_stmt(db, "INSERT INTO indicator (student, name, day, "
	    "value, source) VALUES (?1, ?2, ?3, ?4, ?5)", &in.st, e)) != 0 ||
	    (rc = rel_db_stmt(db, "SELECT s.id, EXISTS (SELECT 1 "
	    "FROM connection c WHERE c.student = s.id) "
	    "FROM student s WHERE s.active = 1 ORDER BY s.id", &st, e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = student(&in, &r, sqlite3_column_int64(st, 0),
		    sqlite3_column_int(st, 1), today, e)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading the sample's students", e);
}
