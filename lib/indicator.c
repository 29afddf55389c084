/*
 * indicator.c: dated numbers per student from other systems: writing one
 * (the import kind, long and wide), the list, and the summary over a
 * window.
 *
 * Indicators have no visibility of their own: every read goes through
 * REL_TEAM, so counselors and admins see every student's and other
 * adults their team's. The rows go out as team rows (visibility 1), which
 * the audit does not log.
 *
 * The summary's mean is the plain mean of the values with a day in the
 * window. rel-flag's attendance rule reads the table with the same
 * definition (rate = mean * 100 over [D-29, D]): keep the two in step.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col indicator_cols[] = {
	{ "student_id", R }, { "date", R | REL_COL_DATE }, { "name", R }, { "value", R },
	{ "source", 0 }
};
enum { C_STUDENT, C_DATE, C_NAME, C_VALUE, C_SOURCE };

#define NAME_MAX_BYTES 64
#define SOURCE_MAX_BYTES 200
#define VALUE_MAX_BYTES 64
#define NAME_EXPECTED "a lowercase word: a-z, then a-z, 0-9 or _, at " \
	"most 64 bytes"

static int write_indicator(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int wide_check(const char *, size_t, const char *, long,
    struct rel_err *);

static const struct rel_import_kind indicator_kind = {
	"indicators", NULL, indicator_cols, NELEM(indicator_cols),
	write_indicator, "indicator"
};

static const struct rel_import_wide indicator_wide = {
	C_NAME, C_VALUE, wide_check
};


const struct rel_import_kind *
rel_indicator_kind(void)
{
	return &indicator_kind;
}

const struct rel_import_wide *
rel_indicator_wide(void)
{
	return &indicator_wide;
}

const char *const *
rel_indicator_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "date", "name",
		"value", "source" };

	*n = NELEM(names);
	return names;
}

void
rel_indicator_filter_init(struct rel_indicator_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->since = INT32_MIN;
	f->until = INT32_MAX;
}

int
rel_indicator_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > NAME_MAX_BYTES || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* A header of a wide input is the name of its indicator. */
static int
wide_check(const char *s, size_t len, const char *file, long line,
    struct rel_err *e)
{
	char q[128];

	if (rel_indicator_name_ok(s, len))
		return 0;
	rel_escape(q, sizeof(q), s, len);
	return rel_err_value(e, REL_EDATA, file, line, NULL, s, len,
	    "is not an indicator name (%s); rename the column with --map, "
	    "e.g. --map NAME=\"%s\"", NAME_EXPECTED, q);
}

/*
 * A value: a finite decimal number as strtod reads it, the whole cell,
 * with no spaces around it. Only digits, a sign, a point and an exponent
 * get to strtod, so hex, inf and nan never do.
 */
static int
parse_value(const char *s, size_t len, double *v)
{
	char buf[VALUE_MAX_BYTES + 1], *end;
	size_t i;

	if (len == 0 || len > VALUE_MAX_BYTES)
		return -1;
	for (i = 0; i < len; i++)
		if (strchr("0123456789+-.eE", s[i]) == NULL || s[i] == '\0')
			return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*v = strtod(buf, &end);
	if (end != buf + len || !isfinite(*v))
		return -1;
	return 0;
}

/* The day of a date column: a date, not a date-time, not after today. */
static int
parse_day(const struct rel_rec *r, int32_t *day, struct rel_err *e)
{
	const char *s = r->v[C_DATE];
	size_t len = r->len[C_DATE];
	char today[REL_DATE_LEN];
	int64_t secs;

	if (!rel_rec_has(r, C_DATE))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "date",
		    "is empty; expected a date (YYYY-MM-DD)");
	if (rel_date_parse(s, len, day) != 0) {
		if (len > 10 && rel_datetime_parse(s, len, &secs) == 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "date", s, len, "is a date-time; an indicator is "
			    "for a whole day: expected a date (YYYY-MM-DD)");
		return rel_err_value(e, REL_EDATA, r->file, r->line, "date", s,
		    len, "is not a date (YYYY-MM-DD)");
	}
	if (*day > rel_today()) {
		rel_date_format(rel_today(), today);
		return rel_err_value(e, REL_EDATA, r->file, r->line, "date", s,
		    len, "is after today, %s; an indicator is a value "
		    "already measured", today);
	}
	return 0;
}

static const char sql_get[] =
    "SELECT value, source FROM indicator "
    "WHERE student = ?1 AND name = ?2 AND day = ?3";
static const char sql_put[] =
    "INSERT INTO indicator (student, name, day, value, source) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (student, name, day) "
    "DO UPDATE SET value = excluded.value, source = excluded.source";

/* Is the stored row (st at a row) the same as value and source? */
static int
same(sqlite3_stmt *st, double value, const struct rel_rec *r)
{
	const char *src = (const char *)sqlite3_column_text(st, 1);

	if (sqlite3_column_double(st, 0) != value)
		return 0;
	if (!rel_rec_has(r, C_SOURCE))
		return src == NULL;
	return src != NULL && (size_t)sqlite3_column_bytes(st, 1) ==
	    r->len[C_SOURCE] && memcmp(src, r->v[C_SOURCE],
	    r->len[C_SOURCE]) == 0;
}

static int
write_indicator(struct rel_db *db, const struct rel_rec *r,
    enum rel_outcome *out, struct rel_err *e)
{
	char day[REL_DATE_LEN];
	sqlite3_int64 student;
	sqlite3_stmt *st;
	int32_t d;
	double value;
	int rc, found, eq = 0;

	/* Every field is checked before anything is looked up or written,
	 * so that a bad record changes nothing. */
	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = parse_day(r, &d, e)) != 0)
		return rc;
	if (!rel_rec_has(r, C_NAME))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "name",
		    "is empty; expected an indicator name (%s)",
		    NAME_EXPECTED);
	if (!rel_indicator_name_ok(r->v[C_NAME], r->len[C_NAME]))
		return rel_err_value(e, REL_EDATA, r->file, r->line, "name",
		    r->v[C_NAME], r->len[C_NAME], "is not an indicator name "
		    "(%s)", NAME_EXPECTED);
	if (!rel_rec_has(r, C_VALUE))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "value",
		    "is empty; expected a number");
	if (parse_value(r->v[C_VALUE], r->len[C_VALUE], &value) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "value",
		    r->v[C_VALUE], r->len[C_VALUE], "is not a number (a "
		    "decimal such as 3, 0.5 or -1.25)");
	if (r->len[C_NAME] == 10 && memcmp(r->v[C_NAME], "attendance",
	    10) == 0 && !(value >= 0 && value <= 1))
		return rel_err_value(e, REL_EDATA, r->file, r->line, "value",
		    r->v[C_VALUE], r->len[C_VALUE], "is not an attendance "
		    "value: 1 present, 0 absent, or the fraction of a partial "
		    "day between them");
	if ((rc = rel_rec_text(r, C_SOURCE, "source", SOURCE_MAX_BYTES, 0,
	    e)) != 0)
		return rc;
	if ((rc = rel_person(db, 0, r->v[C_STUDENT], r->len[C_STUDENT],
	    "student_id", r->file, r->line, &student, e)) != 0)
		return rc;
	rel_date_format(d, day);
	if ((rc = rel_rec_key(r, C_NAME, "name", "indicator (student_id, date "
	    "and name)", e, "%lld\037%s\037%.*s", (long long)student, day,
	    (int)r->len[C_NAME], r->v[C_NAME])) != 0)
		return rc;

	if ((rc = rel_db_stmt(db, sql_get, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, r->v[C_NAME], (int)r->len[C_NAME],
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if ((found = rc == SQLITE_ROW))
		eq = same(st, value, r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading an indicator", e);
	if (eq) {
		*out = REL_UNCHANGED;
		return 0;
	}
	if ((rc = rel_db_stmt(db, sql_put, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, r->v[C_NAME], (int)r->len[C_NAME],
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, value);
	rel_rec_bind(st, 5, r, C_SOURCE);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing an indicator", e);
	*out = found ? REL_UPDATED : REL_ADDED;
	return 0;
}

/* A day option: a date, or a span back from today. */
static int
day_opt(const char *opt, const char *s, int32_t *day, struct rel_err *e)
{
	if (rel_when_parse(s, strlen(s), day) == 0)
		return 0;
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
	    "is not a date (YYYY-MM-DD) or a span back from today (14d, 6w, "
	    "3m, today)");
}

int
rel_indicator_days(struct rel_indicator_filter *f, const char *since,
    const char *until, struct rel_err *e)
{
	int rc;

	if (since != NULL && (rc = day_opt("--since", since, &f->since,
	    e)) != 0)
		return rc;
	if (until != NULL && (rc = day_opt("--until", until, &f->until,
	    e)) != 0)
		return rc;
	if (since != NULL && until != NULL && f->until < f->since)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--until", until,
		    strlen(until), "is before --since %s", since);
	return 0;
}

/* --name: a comma list of names, each checked. */
static int
names_ok(const char *s, struct rel_err *e)
{
	const char *p = s, *c;
	size_t len;

	for (;;) {
		c = strchr(p, ',');
		len = c != NULL ? (size_t)(c - p) : strlen(p);
		if (!rel_indicator_name_ok(p, len))
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "--name",
			    s, strlen(s), "is not a name or a comma-separated "
			    "list of names (%s)", NAME_EXPECTED);
		if (c == NULL)
			return 0;
		p = c + 1;
	}
}

/* The filters, checked and bound: ?1 student rowid, ?2 names (a comma
 * list), ?3 source, ?4 since, ?5 until (NULL: no filter), ?6 narrow to
 * the set, ?7 deactivated students too. */
static int
bind_filter(struct rel_db *db, sqlite3_stmt *st,
    const struct rel_indicator_filter *f, struct rel_err *e)
{
	char since[REL_DATE_LEN], until[REL_DATE_LEN];
	sqlite3_int64 student;
	int rc;

	if (f->names != NULL && (rc = names_ok(f->names, e)) != 0)
		return rc;
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (f->names != NULL)
		sqlite3_bind_text(st, 2, f->names, -1, SQLITE_STATIC);
	if (f->source != NULL)
		sqlite3_bind_text(st, 3, f->source, -1, SQLITE_STATIC);
	if (f->since != INT32_MIN) {
		rel_date_format(f->since, since);
		sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
	}
	if (f->until != INT32_MAX) {
		rel_date_format(f->until, until);
		sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 6, f->set != 0);
	sqlite3_bind_int(st, 7, f->inactive != 0);
	return 0;
}

/* Names have no commas, so a name is in the list when ",name," is in
 * ",list,". */
#define FILTER_WHERE \
    REL_TEAM("s.id") " AND (?1 IS NULL OR s.id = ?1) " \
    "AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || i.name || ',') > 0) " \
    "AND (?3 IS NULL OR i.source = ?3) " \
    "AND (?4 IS NULL OR i.day >= ?4) AND (?5 IS NULL OR i.day <= ?5) " \
    "AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) " \
    "AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?7 <> 0) "

/* A number as the shortest text that reads back to the same double. */
static void
put_number(struct rel_out *o, double v)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	rel_out_cell(o, buf, strlen(buf));
}

/* Numbers (REAL columns) as put_number writes them; the rest as text. */
static void
number_cell(struct rel_out *o, sqlite3_stmt *st, int i)
{
	const unsigned char *t;

	if (sqlite3_column_type(st, i) == SQLITE_FLOAT) {
		put_number(o, sqlite3_column_double(st, i));
		return;
	}
	t = sqlite3_column_text(st, i);
	rel_out_cell(o, (const char *)t, t != NULL ?
	    (size_t)sqlite3_column_bytes(st, i) : 0);
}

/* The student is the outer loop, in student_id order, so that each
 * student's indicators are one range of the key, in name and day order. */
static const char sql_list[] =
    "SELECT s.student_id, i.day, i.name, i.value, i.source, s.id, 1 "
    "FROM student s CROSS JOIN indicator i ON i.student = s.id "
    "WHERE " FILTER_WHERE
    "ORDER BY s.student_id, i.name, i.day";

int
rel_indicator_list(struct rel_db *db, const struct rel_indicator_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_list, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, f, e)) == 0)
		rc = rel_access_out(db, st, o, number_cell, e);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

#define WINDOW_DAYS 30
#define WINDOW_MAX 3660

int
rel_indicator_window(const char *since, const char *until, const char *days,
    int32_t *from, int32_t *to, struct rel_err *e)
{
	long n = WINDOW_DAYS;
	int rc;

	if (since != NULL && days != NULL)
		return rel_err_set(e, REL_EUSAGE, "give --since or --days, not "
		    "both: --since sets the window's first day, --days its "
		    "length");
	*to = rel_today();
	if (until != NULL && (rc = day_opt("--until", until, to, e)) != 0)
		return rc;
	if (days != NULL && (rc = rel_cli_int("--days", days, 1, WINDOW_MAX,
	    &n, e)) != 0)
		return rc;
	*from = *to - (int32_t)n + 1;
	if (since != NULL) {
		if ((rc = day_opt("--since", since, from, e)) != 0)
			return rc;
		if (*from > *to)
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "--since",
			    since, strlen(since), "is after the window's last "
			    "day");
		if (*to - *from + 1 > WINDOW_MAX)
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "--since",
			    since, strlen(since), "makes a window longer than "
			    "%d days", WINDOW_MAX);
	}
	return 0;
}

const char *const *
rel_indicator_summary_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "name", "from", "to", "values", "mean", "latest",
		"latest_on", "previous_mean", "change", "rate" };

	*n = NELEM(names);
	return names;
}

/*
 * One group per student and name, over the window and the one before it
 * (?8 its first day, ?4 the window's first, ?5 its last), with at least
 * one value in the window. The latest value is the last of the key's
 * range up to ?5. Means are rounded to two decimals, and change is the
 * difference of the rounded means, so that the three agree as shown;
 * + 0.0 turns a -0.0 into 0. (printf would show a NULL as 0.00, so an
 * empty previous window is tested for.)
 */
static const char sql_summary[] =
    "SELECT s.student_id, s.given_name, s.family_name, i.name, ?4, ?5, "
    "count(CASE WHEN i.day >= ?4 THEN 1 END) AS n, "
    "printf('%.2f', round(avg(CASE WHEN i.day >= ?4 THEN i.value END), 2) "
    " + 0.0), "
    "(SELECT j.value FROM indicator j WHERE j.student = s.id "
    " AND j.name = i.name AND j.day <= ?5 ORDER BY j.day DESC LIMIT 1), "
    "max(i.day), "
    "CASE WHEN count(CASE WHEN i.day < ?4 THEN 1 END) > 0 THEN "
    " printf('%.2f', round(avg(CASE WHEN i.day < ?4 THEN i.value END), 2) "
    " + 0.0) END, "
    "CASE WHEN count(CASE WHEN i.day < ?4 THEN 1 END) > 0 THEN "
    " printf('%.2f', round(avg(CASE WHEN i.day >= ?4 THEN i.value END), 2) "
    " - round(avg(CASE WHEN i.day < ?4 THEN i.value END), 2) + 0.0) END, "
    "CASE WHEN i.name = 'attendance' THEN printf('%.1f', "
    " avg(CASE WHEN i.day >= ?4 THEN i.value END) * 100 + 0.0) END, "
    "s.id, 1 "
    "FROM student s CROSS JOIN indicator i ON i.student = s.id "
    "WHERE " REL_TEAM("s.id") " AND (?1 IS NULL OR s.id = ?1) "
    "AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || i.name || ',') > 0) "
    "AND (?3 IS NULL OR i.source = ?3) "
    "AND i.day >= ?8 AND i.day <= ?5 "
    "AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    "AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?7 <> 0) "
    "GROUP BY s.student_id, i.name HAVING n > 0 "
    "ORDER BY s.student_id, i.name";

int
rel_indicator_summary(struct rel_db *db, const struct rel_indicator_filter *f,
    int32_t from, int32_t to, struct rel_out *o, struct rel_err *e)
{
	char prev[REL_DATE_LEN];
	struct rel_indicator_filter w;
	sqlite3_stmt *st;
	int rc;

	if (f->since != INT32_MIN || f->until != INT32_MAX)
		return rel_err_set(e, REL_ESOFTWARE, "a summary's window is "
		    "from and to, not the filter's since and until");
	if (from > to)
		return rel_err_set(e, REL_EUSAGE, "the window ends before it "
		    "starts");
	if ((rc = rel_db_stmt(db, sql_summary, &st, e)) != 0)
		return rc;
	/* ?4 and ?5 are the window, bound as since and until would be. */
	w = *f;
	w.since = from;
	w.until = to;
	if ((rc = bind_filter(db, st, &w, e)) == 0) {
		rel_date_format(from - (to - from + 1), prev);
		sqlite3_bind_text(st, 8, prev, -1, SQLITE_STATIC);
		rc = rel_access_out(db, st, o, number_cell, e);
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}
