/*
 * report.c: the school-wide reports: coverage (and its equity view),
 * caseloads and the weekly digest. The student card and trends are in
 * report_student.c and report_trend.c.
 *
 * Each report reads its numbers with a few statements into small arrays,
 * then writes them as a document: the data table (what a script gets)
 * and, for people, the sentences and charts around it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SMALL_GROUP	10	/* fewer students: a share to read with care */

void
rel_report_init(struct rel_report *r)
{
	memset(r, 0, sizeof(*r));
	r->as_of = rel_today();
	r->min_strength = 2;
	r->seen_days = 14;
	r->checkins = 10;
}

static double
pct(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

static void
cell_long(struct rel_out *o, long v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%ld", v);

	rel_out_cell(o, buf, (size_t)n);
}

static void
cell_pct(struct rel_out *o, double v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%.1f", v);

	rel_out_cell(o, buf, (size_t)n);
}

static void
cell_text(struct rel_out *o, const unsigned char *s)
{
	rel_out_cell(o, (const char *)s, s == NULL ? 0 : strlen((const char *)s));
}

/* "as of 2026-11-20" and the scope, under a report's title. */
static void
subtitle(struct rel_db *db, const struct rel_report *r, const char *what,
    char *buf, size_t n)
{
	const struct rel_actor *who = rel_actor(db);
	char day[REL_DATE_LEN];
	int k;

	rel_date_format(r->as_of, day);
	k = snprintf(buf, n, "%s as of %s", what, day);
	if (k > 0 && (size_t)k < n && r->set)
		k += snprintf(buf + k, n - (size_t)k, ", for the students given");
	if (k > 0 && (size_t)k < n && who->id != 0)
		snprintf(buf + k, n - (size_t)k, "; read by %s", who->adult_id);
}

/*
 * Coverage.
 */

static const char *const coverage_cols[] = { "by", "group", "students",
	"connected", "connected_pct", "primary", "primary_pct", "seen",
	"seen_pct", "connected_gap", "primary_gap", "seen_gap" };

const char *const *
rel_report_coverage_cols(size_t *n)
{
	*n = 9;
	return coverage_cols;
}

/* temp.rel_cov: each active student in scope (the set) as of the day:
 * connected (an active adult marked them at ?1 or more by the end of the
 * day), a primary adult on the day, seen (a check-in the reader may see
 * in the window [?3, ?4)). */
static const char sql_cov_fill[] =
    "INSERT INTO temp.rel_cov (sid, connected, prim, seen) "
    "SELECT s.id, "
    " EXISTS (SELECT 1 FROM connection_event ev "
    "  JOIN adult a ON a.id = ev.adult AND a.active = 1 "
    "  WHERE ev.student = s.id AND ev.strength >= ?1 AND ev.at <= ?2), "
    " EXISTS (SELECT 1 FROM primary_adult p "
    "  JOIN adult a ON a.id = p.adult AND a.active = 1 "
    "  WHERE p.student = s.id AND p.start_at <= ?2 "
    "  AND (p.end_at IS NULL OR p.end_at > ?2)), "
    " EXISTS (SELECT 1 FROM checkin k WHERE k.student = s.id "
    "  AND k.at >= ?3 AND k.at < ?4 AND " REL_SEES("k") ") "
    "FROM student s WHERE s.active = 1 "
    "AND (?5 = 0 OR s.id IN (SELECT id FROM temp.rel_set))";

static int
cov_fill(struct rel_db *db, int32_t day, int min_strength, int seen_days,
    int set, struct rel_err *e)
{
	char d[REL_DATE_LEN], end[REL_DATETIME_LEN + 8];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_cov "
	    "(sid INTEGER PRIMARY KEY, connected INTEGER, prim INTEGER, "
	    "seen INTEGER); DELETE FROM temp.rel_cov", e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_cov_fill, &st, e)) != 0)
		return rc;
	rel_date_format(day, d);
	snprintf(end, sizeof(end), "%sT23:59:59", d);
	sqlite3_bind_int(st, 1, min_strength);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, ((int64_t)day - seen_days + 1) * 86400);
	sqlite3_bind_int64(st, 4, ((int64_t)day + 1) * 86400);
	sqlite3_bind_int(st, 5, set != 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading coverage",
	    e);
}

struct cov {
	char *group;		/* NULL: the school */
	long n, c, p, s;
};

/* The school, then each group: grade and the other roster columns sort
 * with the named grades (K, PK) before the numbered ones in number order. */
static const char sql_cov_all[] =
    "SELECT NULL, count(*), ifnull(sum(connected), 0), "
    "ifnull(sum(prim), 0), ifnull(sum(seen), 0) FROM temp.rel_cov";
static const char sql_cov_col[] =
    "SELECT v, count(*), sum(connected), sum(prim), sum(seen) FROM ("
    " SELECT ifnull(CASE ?1 WHEN 'grade' THEN s.grade "
    " WHEN 'home_language' THEN s.home_language ELSE s.pronouns END, '') "
    " AS v, c.connected, c.prim, c.seen "
    " FROM temp.rel_cov c JOIN student s ON s.id = c.sid) "
    "GROUP BY v ORDER BY v GLOB '[0-9]*', CAST(v AS INTEGER), v";
/* Groups: each active group (of a kind, ?1, or any) with its active
 * student members, then the students in none, as the group "". */
static const char sql_cov_grp[] =
    "SELECT g.group_id, count(*), sum(c.connected), sum(c.prim), "
    "sum(c.seen) FROM temp.rel_cov c "
    "JOIN member m ON m.student = c.sid AND m.active = 1 "
    "JOIN grp g ON g.id = m.grp AND g.active = 1 "
    "AND (?1 IS NULL OR g.kind = ?1) GROUP BY g.id "
    "UNION ALL SELECT '', count(*), sum(c.connected), sum(c.prim), "
    "sum(c.seen) FROM temp.rel_cov c WHERE NOT EXISTS (SELECT 1 "
    " FROM member m JOIN grp g ON g.id = m.grp AND g.active = 1 "
    " AND (?1 IS NULL OR g.kind = ?1) "
    " WHERE m.student = c.sid AND m.active = 1) HAVING count(*) > 0 "
    "ORDER BY 1";

static int
cov_read(struct rel_db *db, const char *sql, const char *arg,
    struct cov **rows, size_t *n, struct rel_err *e)
{
	sqlite3_stmt *st;
	struct cov *c;
	int rc;

	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = rel_xrealloc(*rows, (*n + 1) * sizeof(**rows));
		c = &(*rows)[(*n)++];
		c->group = sqlite3_column_type(st, 0) == SQLITE_NULL ? NULL :
		    rel_xstrdup((const char *)sqlite3_column_text(st, 0));
		c->n = (long)sqlite3_column_int64(st, 1);
		c->c = (long)sqlite3_column_int64(st, 2);
		c->p = (long)sqlite3_column_int64(st, 3);
		c->s = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading coverage",
	    e);
}

static void
cov_free(struct cov *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].group);
	free(rows);
}

/* The equity view: the groups reached least first. */
static int
cov_cmp(const void *a, const void *b)
{
	const struct cov *x = a, *y = b;
	double px = pct(x->c, x->n), py = pct(y->c, y->n);

	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->group, y->group);
}

/* A column the report may break coverage down by: 1 a roster column, 2
 * every group, 3 groups of a kind; 0 unknown. */
static int
by_kind(const char *by)
{
	static const char *const roster[] = { "grade", "home_language",
		"pronouns" };
	static const char *const kinds[] = { "advisory", "class", "team",
		"club" };
	size_t i;

	for (i = 0; i < NELEM(roster); i++)
		if (strcmp(by, roster[i]) == 0)
			return 1;
	if (strcmp(by, "group") == 0)
		return 2;
	for (i = 0; i < NELEM(kinds); i++)
		if (strcmp(by, kinds[i]) == 0)
			return 3;
	return 0;
}

static void
cov_row(struct rel_out *o, const char *by, const struct cov *c,
    const struct cov *all, int gaps)
{
	rel_out_cell(o, by, strlen(by));
	rel_out_cell(o, c->group, c->group == NULL ? 0 : strlen(c->group));
	cell_long(o, c->n);
	cell_long(o, c->c);
	cell_pct(o, pct(c->c, c->n));
	cell_long(o, c->p);
	cell_pct(o, pct(c->p, c->n));
	cell_long(o, c->s);
	cell_pct(o, pct(c->s, c->n));
	if (gaps) {
		cell_pct(o, pct(c->c, c->n) - pct(all->c, all->n));
		cell_pct(o, pct(c->p, c->n) - pct(all->p, all->n));
		cell_pct(o, pct(c->s, c->n) - pct(all->s, all->n));
	}
	rel_out_endrow(o);
}

/* For people: the groups as bars, a bar per measure, the school's share
 * of connected students as the reference line; small groups marked. */
static void
cov_chart(struct rel_doc *d, const struct rel_report *r, struct cov *rows,
    size_t n)
{
	char title[128], ref[64];
	const char **cats = rel_xcalloc(n, sizeof(*cats));
	char **labels = rel_xcalloc(n, sizeof(*labels));
	double *v = rel_xcalloc(3 * n, sizeof(*v));
	unsigned char *mark = rel_xcalloc(n, 1);
	struct rel_series s[3];
	struct rel_chart c;
	char conn[64], seen[64];
	size_t i;

	snprintf(conn, sizeof(conn), "an adult at strength %d+",
	    r->min_strength);
	snprintf(seen, sizeof(seen), "checked in within %d day%s",
	    r->seen_days, r->seen_days == 1 ? "" : "s");
	for (i = 1; i < n; i++) {
		if (rows[i].group[0] == '\0')
			labels[i - 1] = rel_xstrdup(by_kind(r->by) == 1 ?
			    "(not recorded)" : "(in none)");
		else if (strcmp(r->by, "grade") == 0) {
			labels[i - 1] = rel_xmalloc(strlen(rows[i].group) + 7);
			sprintf(labels[i - 1], "grade %s", rows[i].group);
		} else
			labels[i - 1] = rel_xstrdup(rows[i].group);
		cats[i - 1] = labels[i - 1];
		v[i - 1] = pct(rows[i].c, rows[i].n);
		v[n + i - 1] = pct(rows[i].p, rows[i].n);
		v[2 * n + i - 1] = pct(rows[i].s, rows[i].n);
		mark[i - 1] = rows[i].n < SMALL_GROUP;
	}
	s[0].name = conn;
	s[0].v = v;
	s[1].name = "a primary adult";
	s[1].v = v + n;
	s[2].name = seen;
	s[2].v = v + 2 * n;
	memset(&c, 0, sizeof(c));
	snprintf(title, sizeof(title), "Coverage by %s", r->by);
	c.title = title;
	c.y_label = "% of students";
	c.cats = cats;
	c.ncats = n - 1;
	c.series = s;
	c.nseries = 3;
	c.lo = 0;
	c.hi = 100;
	c.decimals = 0;
	c.unit = "%";
	c.mark = mark;
	c.mark_label = "fewer than 10 students: read with care";
	c.ref = pct(rows[0].c, rows[0].n);
	snprintf(ref, sizeof(ref), "school: %.0f%% with an adult",
	    c.ref);
	c.ref_label = ref;
	rel_doc_bars(d, &c);
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(cats);
	free(v);
	free(mark);
}

int
rel_report_coverage(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e)
{
	char sub[256];
	struct cov *rows = NULL;
	struct rel_out *o;
	size_t n = 0, i, ncols;
	int kind = 0, rc;
	const char *by = r->by;

	if (by != NULL && (kind = by_kind(by)) == 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--by", by,
		    strlen(by), "is not grade, home_language, pronouns, "
		    "group, advisory, class, team or club");
	if ((rc = cov_fill(db, r->as_of, r->min_strength, r->seen_days,
	    r->set, e)) != 0 ||
	    (rc = cov_read(db, sql_cov_all, NULL, &rows, &n, e)) != 0)
		goto out;
	if (kind == 1)
		rc = cov_read(db, sql_cov_col, by, &rows, &n, e);
	else if (kind != 0)
		rc = cov_read(db, sql_cov_grp, kind == 3 ? by : NULL, &rows,
		    &n, e);
	if (rc != 0)
		goto out;
	if (r->equity && n > 2)
		qsort(rows + 1, n - 1, sizeof(*rows), cov_cmp);

	subtitle(db, r, r->equity ? "Equity" : "Coverage", sub, sizeof(sub));
	rel_doc_title(d, r->equity ? "Who the school reaches less" :
	    "Coverage: does every student have an adult?", sub);
	rel_doc_para(d, "Of %ld active student%s, %ld (%.1f%%) have an adult "
	    "at strength %d or more, %ld (%.1f%%) have a primary adult, and "
	    "%ld (%.1f%%) checked in within %d day%s.", rows[0].n,
	    rows[0].n == 1 ? "" : "s", rows[0].c, pct(rows[0].c, rows[0].n),
	    r->min_strength, rows[0].p, pct(rows[0].p, rows[0].n), rows[0].s,
	    pct(rows[0].s, rows[0].n), r->seen_days,
	    r->seen_days == 1 ? "" : "s");
	if (r->equity)
		rel_doc_para(d, "Groups are sorted by their share with an "
		    "adult, lowest first; a gap is the group's share minus "
		    "the school's, in points.");
	if (kind != 0 && rel_doc_human(d))
		cov_chart(d, r, rows, n);
	ncols = r->equity ? NELEM(coverage_cols) : 9;
	o = rel_doc_table(d, coverage_cols, ncols, 1);
	for (i = 0; i < n; i++)
		cov_row(o, i == 0 ? "all" : by, &rows[i], &rows[0], r->equity);
	rc = rel_doc_table_end(d, o, e);
out:
	cov_free(rows, n);
	return rc;
}

/*
 * Caseload.
 */

static const char *const caseload_cols[] = { "adult_id", "given_name",
	"family_name", "role", "primary", "strength_1", "strength_2",
	"strength_3", "not_seen", "follow_ups_due", "outlier" };

const char *const *
rel_report_caseload_cols(size_t *n)
{
	*n = NELEM(caseload_cols);
	return caseload_cols;
}

/* Per active adult: ?1 the set, ?2 the window's first second and ?3 the
 * day after (seconds), ?4 the day (text), ?5 the next day (text). A
 * follow-up is the adult's when they recorded the family contact, when
 * they champion (or, with no champion, wrote) the goal, or when they
 * wrote or facilitate the restorative case; it counts once due on or
 * before the day and not done (rel-family due, rel-goal due, rel-restore
 * due), and only when the reader may see it. */
static const char sql_caseload_stu[] =
    "INSERT INTO temp.rel_stu SELECT id FROM student WHERE active = 1 "
    "AND (?1 = 0 OR id IN (SELECT id FROM temp.rel_set))";
static const char sql_caseload_due[] =
    "INSERT INTO temp.rel_due SELECT adult, count(*) FROM ("
    " SELECT f.adult AS adult FROM family_contact f "
    " WHERE f.follow_up_on IS NOT NULL AND f.follow_up_on <= ?1 "
    " AND f.at < ?2 AND f.student IN temp.rel_stu AND " REL_SEES("f")
    " AND NOT EXISTS (SELECT 1 FROM family_contact x "
    "  WHERE x.student = f.student AND x.at > f.at AND x.at < ?2 "
    "  AND " REL_SEES("x") ") "
    " UNION ALL SELECT coalesce(g.champion, g.adult) FROM goal g "
    " WHERE g.status = 'open' AND g.student IN temp.rel_stu "
    " AND " REL_SEES("g")
    " AND (g.due <= ?1 OR (g.check_every IS NOT NULL AND "
    "  date(coalesce((SELECT max(substr(p.at, 1, 10)) FROM progress p "
    "  WHERE p.goal = g.id AND p.at < ?2), g.start), "
    "  '+' || g.check_every || ' days') <= ?1)) "
    " UNION ALL SELECT DISTINCT a2.id FROM restorative_case c "
    " JOIN adult a2 ON a2.id = c.adult OR a2.id IN (SELECT p.adult "
    "  FROM party p WHERE p.rcase = c.id AND p.role = 'facilitator') "
    " WHERE c.closed_at IS NULL AND c.follow_up_on IS NOT NULL "
    " AND c.follow_up_on <= ?1 AND " REL_SEES_CASE("c") ") "
    "WHERE adult IS NOT NULL GROUP BY adult";
/* The connections are counted once, grouped by adult (a join on each
 * adult would seek every student of the report for each adult); each
 * adult's primary students are a range of their index, and a primary
 * student's latest check-in is one seek. */
static const char sql_caseload[] =
    "SELECT a.adult_id, a.given_name, a.family_name, a.role, "
    "(SELECT count(*) FROM primary_adult p WHERE p.adult = a.id "
    "  AND p.end_at IS NULL AND p.student IN temp.rel_stu), "
    "ifnull(cc.s1, 0), ifnull(cc.s2, 0), ifnull(cc.s3, 0), "
    "(SELECT count(*) FROM primary_adult p WHERE p.adult = a.id "
    "  AND p.end_at IS NULL AND p.student IN temp.rel_stu AND NOT EXISTS "
    "  (SELECT 1 FROM checkin k WHERE k.student = p.student "
    "  AND k.at >= ?1 AND k.at < ?2 AND " REL_SEES("k") ")), "
    "ifnull((SELECT n FROM temp.rel_due d WHERE d.adult = a.id), 0) "
    "FROM adult a LEFT JOIN (SELECT c.adult AS adult, "
    " count(CASE WHEN c.strength = 1 THEN 1 END) AS s1, "
    " count(CASE WHEN c.strength = 2 THEN 1 END) AS s2, "
    " count(CASE WHEN c.strength = 3 THEN 1 END) AS s3 "
    " FROM connection c WHERE c.student IN temp.rel_stu GROUP BY c.adult) cc "
    "ON cc.adult = a.id WHERE a.active = 1 ORDER BY a.adult_id";

/* The students of the report and each adult's follow-ups due, kept in
 * temporary tables so that the per-adult query reads them, not
 * recomputes them. */
static int
caseload_fill(struct rel_db *db, const struct rel_report *r,
    struct rel_err *e)
{
	char day[REL_DATE_LEN], next[REL_DATE_LEN];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_stu "
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.rel_stu; "
	    "CREATE TEMP TABLE IF NOT EXISTS rel_due (adult INTEGER PRIMARY "
	    "KEY, n INTEGER); DELETE FROM temp.rel_due", e)) != 0 ||
	    (rc = rel_db_stmt(db, sql_caseload_stu, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, r->set != 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading caseloads", e);
	if ((rc = rel_db_stmt(db, sql_caseload_due, &st, e)) != 0)
		return rc;
	rel_date_format(r->as_of, day);
	rel_date_format(r->as_of + 1, next);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading "
	    "follow-ups", e);
}

struct load {
	char *id, *given, *family, *role;
	long v[6];		/* primary, strength 1-3, not seen, due */
	int outlier;
};

static int
long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static int
load_cmp(const void *a, const void *b)
{
	const struct load *x = a, *y = b;

	if (x->v[0] != y->v[0])
		return x->v[0] > y->v[0] ? -1 : 1;
	return strcmp(x->id, y->id);
}

#define CHART_MAX	40	/* adults drawn on the caseload chart */

static void
load_chart(struct rel_doc *d, const struct load *rows, size_t n,
    double median)
{
	struct load *by = rel_xcalloc(n, sizeof(*by));
	const char **cats;
	char **labels, ref[64], title[96];
	unsigned char *mark;
	struct rel_series s;
	struct rel_chart c;
	double *v;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (rows[i].v[0] > 0)
			by[k++] = rows[i];
	qsort(by, k, sizeof(*by), load_cmp);
	if (k > CHART_MAX)
		k = CHART_MAX;
	cats = rel_xcalloc(k, sizeof(*cats));
	labels = rel_xcalloc(k, sizeof(*labels));
	v = rel_xcalloc(k, sizeof(*v));
	mark = rel_xcalloc(k, 1);
	for (i = 0; i < k; i++) {
		size_t len = strlen(by[i].id) + strlen(by[i].given) +
		    strlen(by[i].family) + 3;

		labels[i] = rel_xmalloc(len);
		snprintf(labels[i], len, "%s %s %s", by[i].given,
		    by[i].family, by[i].id);
		cats[i] = labels[i];
		v[i] = (double)by[i].v[0];
		mark[i] = (unsigned char)by[i].outlier;
	}
	memset(&c, 0, sizeof(c));
	snprintf(title, sizeof(title), k == CHART_MAX ? "Primary caseloads "
	    "(the %zu largest)" : "Primary caseloads", k);
	c.title = title;
	c.y_label = "primary students";
	c.cats = cats;
	c.ncats = k;
	s.name = "primary students";
	s.v = v;
	c.series = &s;
	c.nseries = 1;
	c.unit = "";
	c.mark = mark;
	c.mark_label = "over 1.5 times the median: carries too much";
	c.ref = median;
	snprintf(ref, sizeof(ref), "median %.1f", median);
	c.ref_label = ref;
	rel_doc_bars(d, &c);
	for (i = 0; i < k; i++)
		free(labels[i]);
	free(labels);
	free(cats);
	free(v);
	free(mark);
	free(by);
}

int
rel_report_caseload(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e)
{
	char sub[256];
	struct load *rows = NULL;
	long *prim = NULL, nout = 0;
	double median = NAN;
	struct rel_out *o;
	sqlite3_stmt *st;
	size_t n = 0, np = 0, i;
	int rc, j;

	if ((rc = caseload_fill(db, r, e)) != 0 ||
	    (rc = rel_db_stmt(db, sql_caseload, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, ((int64_t)r->as_of - r->seen_days + 1) *
	    86400);
	sqlite3_bind_int64(st, 2, ((int64_t)r->as_of + 1) * 86400);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct load *l;

		rows = rel_xrealloc(rows, (n + 1) * sizeof(*rows));
		l = &rows[n++];
		l->id = rel_xstrdup((const char *)sqlite3_column_text(st, 0));
		l->given = rel_xstrdup((const char *)sqlite3_column_text(st, 1));
		l->family = rel_xstrdup((const char *)sqlite3_column_text(st,
		    2));
		l->role = rel_xstrdup((const char *)sqlite3_column_text(st, 3));
		for (j = 0; j < 6; j++)
			l->v[j] = (long)sqlite3_column_int64(st, 4 + j);
		l->outlier = 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "reading caseloads", e);
		goto out;
	}
	rc = 0;
	/* The median of the adults who have primary students: with fewer
	 * than three, no one stands out. */
	prim = rel_xcalloc(n, sizeof(*prim));
	for (i = 0; i < n; i++)
		if (rows[i].v[0] > 0)
			prim[np++] = rows[i].v[0];
	if (np > 0) {
		qsort(prim, np, sizeof(*prim), long_cmp);
		median = np % 2 ? (double)prim[np / 2] :
		    (prim[np / 2 - 1] + prim[np / 2]) / 2.0;
	}
	for (i = 0; np >= 3 && i < n; i++)
		if ((double)rows[i].v[0] > 1.5 * median) {
			rows[i].outlier = 1;
			nout++;
		}

	subtitle(db, r, "Caseloads", sub, sizeof(sub));
	rel_doc_title(d, "Caseloads: who carries whom", sub);
	if (np == 0)
		rel_doc_para(d, "No adult has primary students yet: rel-map "
		    "assign gives each student one.");
	else
		rel_doc_para(d, "%zu adult%s primary students; the median "
		    "caseload is %.1f. %ld %s more than 1.5 times that. Not "
		    "seen: primary students with no check-in in %d day%s.",
		    np, np == 1 ? " has" : "s have", median, nout,
		    nout == 1 ? "adult carries" : "adults carry", r->seen_days,
		    r->seen_days == 1 ? "" : "s");
	if (np > 0 && rel_doc_human(d))
		load_chart(d, rows, n, median);
	o = rel_doc_table(d, caseload_cols, NELEM(caseload_cols), 1);
	for (i = 0; i < n; i++) {
		cell_text(o, (const unsigned char *)rows[i].id);
		cell_text(o, (const unsigned char *)rows[i].given);
		cell_text(o, (const unsigned char *)rows[i].family);
		cell_text(o, (const unsigned char *)rows[i].role);
		for (j = 0; j < 6; j++)
			cell_long(o, rows[i].v[j]);
		rel_out_cell(o, rows[i].outlier ? "yes" : "", rows[i].outlier ?
		    3 : 0);
		rel_out_endrow(o);
	}
	rc = rel_doc_table_end(d, o, e);
out:
	for (i = 0; i < n; i++) {
		free(rows[i].id);
		free(rows[i].given);
		free(rows[i].family);
		free(rows[i].role);
	}
	free(rows);
	free(prim);
	return rc;
}

/*
 * The weekly digest.
 */

static const char *const weekly_cols[] = { "section", "student_id",
	"given_name", "family_name", "grade", "detail" };

const char *const *
rel_report_weekly_cols(size_t *n)
{
	*n = NELEM(weekly_cols);
	return weekly_cols;
}

/* The flags of a day into temp table t (rel_wk_now or rel_wk_then). */
static int
flags_of(struct rel_db *db, int32_t day, const char *copy,
    struct rel_err *e)
{
	struct rel_flag_run fr;
	int rc;

	memset(&fr, 0, sizeof(fr));
	fr.as_of = day;
	fr.set = 1;
	if ((rc = rel_flag_run(db, &fr, NULL, e)) != 0)
		return rc;
	return rel_db_exec(db, copy, e);
}

/* A section of students: ?1 the section's name, rows of (sid, detail,
 * vis). */
static const char sql_wk_new[] =
    "SELECT 'new_flag', s.student_id, s.given_name, s.family_name, s.grade, "
    "n.rule || ': ' || n.detail, n.sid, n.vis FROM temp.rel_wk_now n "
    "JOIN student s ON s.id = n.sid WHERE n.rule <> 'no_adult' "
    "AND n.rule <> 'follow_up_overdue' AND NOT EXISTS (SELECT 1 "
    " FROM temp.rel_wk_then t WHERE t.sid = n.sid AND t.rule = n.rule) "
    "ORDER BY s.student_id, n.rule";
static const char sql_wk_cleared[] =
    "SELECT 'cleared', s.student_id, s.given_name, s.family_name, s.grade, "
    "t.rule || ': ' || t.detail, t.sid, t.vis FROM temp.rel_wk_then t "
    "JOIN student s ON s.id = t.sid AND s.active = 1 "
    "WHERE NOT EXISTS (SELECT 1 FROM temp.rel_wk_now n "
    " WHERE n.sid = t.sid AND n.rule = t.rule) "
    "ORDER BY s.student_id, t.rule";
static const char sql_wk_rule[] =
    "SELECT ?1, s.student_id, s.given_name, s.family_name, s.grade, "
    "n.detail, n.sid, n.vis FROM temp.rel_wk_now n "
    "JOIN student s ON s.id = n.sid WHERE n.rule = ?2 "
    "ORDER BY s.student_id";

/* The things to celebrate, in the week ending ?2 (exclusive, text) and
 * starting ?1, counted as the reader may see them. */
static const char sql_wk_counts[] =
    "SELECT "
    "(SELECT count(*) FROM note n WHERE n.kind = 'affirmation' "
    " AND n.at >= ?1 AND n.at < ?2 AND n.student IN temp.rel_set "
    " AND " REL_SEES("n") "), "
    "(SELECT count(*) FROM family_contact f WHERE f.tone = 'positive' "
    " AND f.at >= ?1 AND f.at < ?2 AND f.student IN temp.rel_set "
    " AND " REL_SEES("f") "), "
    "(SELECT count(*) FROM connection_event ev WHERE ev.at >= ?1 "
    " AND ev.at < ?2 AND ev.strength >= ?3 AND ev.student IN temp.rel_set "
    " AND NOT EXISTS (SELECT 1 FROM connection_event x "
    "  WHERE x.student = ev.student AND x.adult = ev.adult "
    "  AND x.strength >= ?3 AND x.at < ev.at))";

static int
wk_counts(struct rel_db *db, int32_t day, int min_strength, long *v,
    struct rel_err *e)
{
	char from[REL_DATE_LEN], to[REL_DATE_LEN];
	sqlite3_stmt *st;
	int rc, i;

	if ((rc = rel_db_stmt(db, sql_wk_counts, &st, e)) != 0)
		return rc;
	rel_date_format(day - 6, from);
	rel_date_format(day + 1, to);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, min_strength);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 3; i++)
			v[i] = (long)sqlite3_column_int64(st, i);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "counting the "
	    "week", e);
}

#define WK_SHOWN	50	/* students a section shows people */

/* One section: a heading and, for people, a bullet per row (a table
 * would cut the reasons short on a terminal), the first WK_SHOWN of
 * them; for scripts (data not NULL) every row goes to the data table
 * instead. Returns the rows' count
 * in *n. */
static int
wk_section(struct rel_db *db, struct rel_doc *d, struct rel_out *data,
    const char *sql, const char *name, const char *rule,
    const char *heading, const char *none, long *n, struct rel_err *e)
{
	sqlite3_stmt *st;
	const unsigned char *grade;
	char who[256];
	int rc, i;

	*n = 0;
	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rule != NULL)
		sqlite3_bind_text(st, 2, rule, -1, SQLITE_STATIC);
	rel_doc_heading(d, heading);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (data != NULL) {
			for (i = 0; i < 6; i++)
				cell_text(data, sqlite3_column_text(st, i));
			rel_out_endrow(data);
		} else if (*n < WK_SHOWN) {
			snprintf(who, sizeof(who), "%s %s",
			    sqlite3_column_text(st, 2),
			    sqlite3_column_text(st, 3));
			grade = sqlite3_column_text(st, 4);
			rel_doc_item(d);
			rel_doc_strong(d, who);
			rel_doc_textf(d, " (%s%s%s): %s",
			    sqlite3_column_text(st, 1), grade != NULL &&
			    grade[0] != '\0' ? ", grade " : "", grade != NULL ?
			    (const char *)grade : "", sqlite3_column_text(st, 5));
			rel_doc_end_item(d);
		}
		rel_access_touch(db, sqlite3_column_int64(st, 6),
		    (enum rel_vis)sqlite3_column_int(st, 7));
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading the week", e);
	if (*n == 0 && data == NULL)
		rel_doc_para(d, "%s", none);
	else if (*n > WK_SHOWN && data == NULL)
		rel_doc_para(d, "... and %ld more: the digest in CSV (--format "
		    "csv) lists every one.", *n - WK_SHOWN);
	return 0;
}

static const char *
change(long now, long then, char *buf, size_t n)
{
	if (now == then)
		snprintf(buf, n, "the same as last week");
	else
		snprintf(buf, n, "%ld last week", then);
	return buf;
}

int
rel_report_weekly(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e)
{
	static const char *const cmp_cols[] = { "measure", "last_week",
		"this_week", "change" };
	static const char *const days[] = { "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	const struct rel_actor *who = rel_actor(db);
	char day[REL_DATE_LEN], sub[256], title[96];
	char buf[64], lbl[3][64];
	struct cov *now = NULL, *then = NULL;
	size_t nnow = 0, nthen = 0;
	long c_now[3], c_then[3], nrows;
	struct rel_out *data = NULL, *o;
	double v[6];
	int rc, i;

	if (who->id == 0)
		return rel_err_set(e, REL_EUSAGE, "weekly: no acting adult: the "
		    "digest is for an adult (--as ADULT_ID, or $REL_AS in a "
		    "crontab)");
	/* The students of the digest become the set every part reads: the
	 * adult's team (or, with --all, everyone), within a set given. */
	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_set "
	    "(id INTEGER PRIMARY KEY)", e)) != 0)
		return rc;
	if (!r->set && (rc = rel_db_exec(db, "DELETE FROM temp.rel_set; "
	    "INSERT INTO temp.rel_set SELECT id FROM student "
	    "WHERE active = 1", e)) != 0)
		return rc;
	if (!r->all && (rc = rel_db_exec(db, "DELETE FROM temp.rel_set "
	    "WHERE id NOT IN temp.rel_team", e)) != 0)
		return rc;
	if ((rc = rel_db_exec(db, "DROP TABLE IF EXISTS temp.rel_wk_now; "
	    "DROP TABLE IF EXISTS temp.rel_wk_then", e)) != 0 ||
	    (rc = flags_of(db, r->as_of - 7, "CREATE TEMP TABLE rel_wk_then AS "
	    "SELECT * FROM temp.rel_flag; CREATE INDEX temp.rel_wk_then_key "
	    "ON rel_wk_then (sid, rule)", e)) != 0 ||
	    (rc = flags_of(db, r->as_of, "CREATE TEMP TABLE rel_wk_now AS "
	    "SELECT * FROM temp.rel_flag; CREATE INDEX temp.rel_wk_now_key "
	    "ON rel_wk_now (sid, rule)", e)) != 0 ||
	    (rc = cov_fill(db, r->as_of - 7, r->min_strength, r->seen_days, 1,
	    e)) != 0 ||
	    (rc = cov_read(db, sql_cov_all, NULL, &then, &nthen, e)) != 0 ||
	    (rc = cov_fill(db, r->as_of, r->min_strength, r->seen_days, 1,
	    e)) != 0 ||
	    (rc = cov_read(db, sql_cov_all, NULL, &now, &nnow, e)) != 0 ||
	    (rc = wk_counts(db, r->as_of, r->min_strength, c_now, e)) != 0 ||
	    (rc = wk_counts(db, r->as_of - 7, r->min_strength, c_then, e)) != 0)
		goto out;

	rel_date_format(r->as_of, day);
	/* The week is the day and the six before it: Monday's digest is
	 * the week just gone. */
	snprintf(title, sizeof(title), "The week to %s %s",
	    days[rel_weekday(r->as_of)], day);
	snprintf(sub, sizeof(sub), "Weekly digest as of %s for %s: %s, %ld "
	    "student%s", day, who->adult_id, r->all ? "the whole school" :
	    "the students you know", now->n, now->n == 1 ? "" : "s");
	rel_doc_title(d, title, sub);
	/* People read the sections; a script gets their students as one
	 * table. */
	if (!rel_doc_human(d))
		data = rel_doc_table(d, weekly_cols, NELEM(weekly_cols), 1);

	rel_doc_heading(d, "Celebrate");
	rel_doc_item(d);
	rel_doc_textf(d, "%ld affirmation%s written (%s)", c_now[0],
	    c_now[0] == 1 ? "" : "s", change(c_now[0], c_then[0], buf,
	    sizeof(buf)));
	rel_doc_end_item(d);
	rel_doc_item(d);
	rel_doc_textf(d, "%ld positive family contact%s (%s)", c_now[1],
	    c_now[1] == 1 ? "" : "s", change(c_now[1], c_then[1], buf,
	    sizeof(buf)));
	rel_doc_end_item(d);
	rel_doc_item(d);
	rel_doc_textf(d, "%ld new connection%s at strength %d or more (%s)",
	    c_now[2], c_now[2] == 1 ? "" : "s", r->min_strength,
	    change(c_now[2], c_then[2], buf, sizeof(buf)));
	rel_doc_end_item(d);

	rel_doc_heading(d, "Coverage against last week");
	snprintf(lbl[0], sizeof(lbl[0]), "an adult at strength %d+",
	    r->min_strength);
	snprintf(lbl[1], sizeof(lbl[1]), "a primary adult");
	snprintf(lbl[2], sizeof(lbl[2]), "checked in within %d day%s",
	    r->seen_days, r->seen_days == 1 ? "" : "s");
	v[0] = pct(then->c, then->n);
	v[1] = pct(then->p, then->n);
	v[2] = pct(then->s, then->n);
	v[3] = pct(now->c, now->n);
	v[4] = pct(now->p, now->n);
	v[5] = pct(now->s, now->n);
	if (rel_doc_fmt(d) == REL_FMT_HTML) {
		const char *cats[3] = { lbl[0], lbl[1], lbl[2] };
		struct rel_series s[2] = { { "last week", v },
			{ "this week", v + 3 } };
		struct rel_chart c;

		memset(&c, 0, sizeof(c));
		c.title = "Share of students with…";
		c.y_label = "% of students";
		c.cats = cats;
		c.ncats = 3;
		c.series = s;
		c.nseries = 2;
		c.lo = 0;
		c.hi = 100;
		c.unit = "%";
		c.ref = NAN;
		rel_doc_bars(d, &c);
	}
	o = rel_doc_table(d, cmp_cols, NELEM(cmp_cols), 0);
	for (i = 0; i < 3; i++) {
		char ch[32];
		int k;

		rel_out_cell(o, lbl[i], strlen(lbl[i]));
		cell_pct(o, v[i]);
		cell_pct(o, v[3 + i]);
		k = snprintf(ch, sizeof(ch), "%+.1f", v[3 + i] - v[i]);
		rel_out_cell(o, ch, (size_t)k);
		rel_out_endrow(o);
	}
	if ((rc = rel_doc_table_end(d, o, e)) != 0)
		goto out;

	if ((rc = wk_section(db, d, data, sql_wk_new, NULL, NULL,
	    "New flags this week", "No new flags this week.", &nrows,
	    e)) != 0 ||
	    (rc = wk_section(db, d, data, sql_wk_cleared, NULL, NULL,
	    "Cleared since last week", "No flag cleared this week.", &nrows,
	    e)) != 0 ||
	    (rc = wk_section(db, d, data, sql_wk_rule, "no_adult", "no_adult",
	    "Students who still have no adult", "Every student has an "
	    "adult.", &nrows, e)) != 0 ||
	    (rc = wk_section(db, d, data, sql_wk_rule, "follow_up",
	    "follow_up_overdue", "Overdue follow-ups", "No follow-up is "
	    "overdue.", &nrows, e)) != 0)
		goto out;
	if (data != NULL)
		rc = rel_doc_table_end(d, data, e);
	data = NULL;
out:
	if (data != NULL)
		rel_doc_table_end(d, data, NULL);
	cov_free(now, nnow);
	cov_free(then, nthen);
	return rc;
}
