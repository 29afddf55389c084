/*
 * report_student.c: the one-page student card of rel-report, and weekly
 * trends of the check-in scales and of indicators.
 *
 * The card is rel-profile show's card (the same section writers, in
 * profile.c, family.c, goal.c and restore.c) with what a meeting needs
 * around it: how the student is doing week by week, their recent
 * check-ins and notes together, and their current flags with the
 * reasons.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define WEEKS		12	/* the card's trend, and a trend's default */
#define WEEKS_MAX	260	/* five school years of weeks */

/*
 * Weekly means.
 */

static const char *const scales[] = { "mood", "understanding", "workload" };

static int
is_scale(const char *m)
{
	size_t i;

	for (i = 0; i < NELEM(scales); i++)
		if (strcmp(m, scales[i]) == 0)
			return 1;
	return 0;
}

/* The weeks of a check-in scale (?1) for the students of temp.rel_scope,
 * the check-ins the reader may see in [?2, ?3) seconds; ?4 the first
 * Monday (days). Each student is one range of the checkin key. */
static const char sql_scale_weeks[] =
    "SELECT (k.at / 86400 - ?4) / 7, count(v), avg(v) FROM ("
    " SELECT k.at AS at, CASE ?1 WHEN 'mood' THEN k.mood "
    " WHEN 'understanding' THEN k.understanding ELSE k.workload END AS v "
    " FROM temp.rel_scope sc CROSS JOIN checkin k ON k.student = sc.id "
    " AND k.at >= ?2 AND k.at < ?3 WHERE " REL_SEES("k") ") k "
    "WHERE v IS NOT NULL GROUP BY 1";
/* An indicator's weeks, ?2 and ?3 the first and last days (text);
 * indicators are the team's to read. */
static const char sql_ind_weeks[] =
    "SELECT (CAST(julianday(i.day) - 2440587.5 AS INTEGER) - ?4) / 7, "
    "count(*), avg(i.value) FROM temp.rel_scope sc CROSS JOIN indicator i "
    "ON i.student = sc.id AND i.name = ?1 AND i.day BETWEEN ?2 AND ?3 "
    "WHERE " REL_TEAM("sc.id") " GROUP BY 1";

/* mean[w] and n[w] for the nw weeks from Monday monday0, over the days
 * first..last; a week with no value has NAN. */
static int
weeks(struct rel_db *db, const char *measure, int32_t monday0, int nw,
    int32_t first, int32_t last, double *mean, long *n, struct rel_err *e)
{
	char d0[REL_DATE_LEN], d1[REL_DATE_LEN];
	sqlite3_stmt *st;
	int rc, w, scale = is_scale(measure);

	for (w = 0; w < nw; w++) {
		mean[w] = NAN;
		n[w] = 0;
	}
	if ((rc = rel_db_stmt(db, scale ? sql_scale_weeks : sql_ind_weeks, &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_TRANSIENT);
	if (scale) {
		sqlite3_bind_int64(st, 2, (int64_t)first * 86400);
		sqlite3_bind_int64(st, 3, ((int64_t)last + 1) * 86400);
	} else {
		rel_date_format(first, d0);
		rel_date_format(last, d1);
		sqlite3_bind_text(st, 2, d0, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, d1, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 4, monday0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w = sqlite3_column_int(st, 0);
		if (w < 0 || w >= nw)
			continue;
		n[w] = (long)sqlite3_column_int64(st, 1);
		mean[w] = sqlite3_column_double(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading weeks", e);
}

/* temp.rel_scope: whose trend. */
static int
scope(struct rel_db *db, const struct rel_report *r, sqlite3_int64 sid,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_scope "
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.rel_scope", e)) != 0)
		return rc;
	if (sid != 0) {
		if ((rc = rel_db_stmt(db, "INSERT INTO temp.rel_scope (id) "
		    "VALUES (?1)", &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, sid);
	} else if (r->group != NULL) {
		if ((rc = rel_db_stmt(db, "INSERT INTO temp.rel_scope (id) "
		    "SELECT m.student FROM grp g JOIN member m ON m.grp = g.id "
		    "AND m.active = 1 AND m.student IS NOT NULL "
		    "JOIN student s ON s.id = m.student AND s.active = 1 "
		    "WHERE g.group_id = ?1 AND (?2 = 0 OR s.id IN "
		    "(SELECT id FROM temp.rel_set))", &st, e)) != 0)
			return rc;
		sqlite3_bind_text(st, 1, r->group, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, r->set != 0);
	} else {
		if ((rc = rel_db_stmt(db, "INSERT INTO temp.rel_scope (id) "
		    "SELECT id FROM student WHERE active = 1 AND (?1 = 0 OR id "
		    "IN (SELECT id FROM temp.rel_set))", &st, e)) != 0)
			return rc;
		sqlite3_bind_int(st, 1, r->set != 0);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "choosing students",
	    e);
}

/* The measures of a trend, checked: the scales, or indicator names on
 * record. Returns their count (0 with e set: 64). */
static size_t
measures(struct rel_db *db, const char *list, char ***out,
    struct rel_err *e)
{
	char **m = NULL, *copy, *p, *tok, known[512];
	size_t n = 0, k;
	sqlite3_stmt *st;
	int rc, found;

	copy = rel_xstrdup(list != NULL ? list : "mood,understanding,workload");
	for (p = copy; (tok = strsep(&p, ",")) != NULL;) {
		if (*tok == '\0')
			continue;
		found = is_scale(tok);
		if (!found && rel_db_stmt(db, "SELECT 1 FROM indicator "
		    "WHERE name = ?1 LIMIT 1", &st, e) == 0) {
			sqlite3_bind_text(st, 1, tok, -1, SQLITE_TRANSIENT);
			found = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
		}
		if (!found) {
			k = (size_t)snprintf(known, sizeof(known), "mood, "
			    "understanding, workload");
			if (rel_db_stmt(db, "SELECT DISTINCT name FROM indicator "
			    "ORDER BY name", &st, e) == 0) {
				while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
				    k < sizeof(known))
					k += (size_t)snprintf(known + k,
					    sizeof(known) - k, ", %s",
					    sqlite3_column_text(st, 0));
				sqlite3_reset(st);
			}
			rel_err_value(e, REL_EUSAGE, NULL, 0, "--measure", tok,
			    strlen(tok), "is not a check-in scale or an "
			    "indicator on record (%s)", known);
			goto fail;
		}
		m = rel_xrealloc(m, (n + 1) * sizeof(*m));
		m[n++] = rel_xstrdup(tok);
	}
	if (n == 0) {
		rel_err_set(e, REL_EUSAGE, "--measure: name one or more");
		goto fail;
	}
	free(copy);
	*out = m;
	return n;
fail:
	while (n > 0)
		free(m[--n]);
	free(m);
	free(copy);
	*out = NULL;
	return 0;
}

static const char *const trend_cols[] = { "week", "measure", "n", "mean" };

const char *const *
rel_report_trend_cols(size_t *n)
{
	*n = NELEM(trend_cols);
	return trend_cols;
}

/* The week labels: the Mondays, whole (data) and as MM-DD (ticks). */
static void
week_labels(int32_t monday0, int nw, char (*full)[REL_DATE_LEN],
    const char **tick)
{
	int w;

	for (w = 0; w < nw; w++) {
		rel_date_format(monday0 + 7 * w, full[w]);
		tick[w] = full[w] + 5;
	}
}

/* One chart: the scales together (1 to 5), or an indicator alone
 * (attendance as a percentage). */
static void
trend_chart(struct rel_doc *d, const char *title, char **names, double **v,
    size_t k, const char **ticks, int nw, int pctv)
{
	struct rel_series *s = rel_xcalloc(k, sizeof(*s));
	struct rel_chart c;
	size_t i;

	for (i = 0; i < k; i++) {
		s[i].name = names[i];
		s[i].v = v[i];
	}
	memset(&c, 0, sizeof(c));
	c.title = title;
	c.x_label = "week of (Monday)";
	c.cats = ticks;
	c.ncats = (size_t)nw;
	c.series = s;
	c.nseries = k;
	c.ref = NAN;
	if (pctv) {
		c.y_label = "% of days";
		c.lo = 0;
		c.hi = 100;
		c.decimals = 1;
		c.unit = "%";
	} else if (is_scale(names[0])) {
		c.y_label = "weekly mean, 1 to 5";
		c.lo = 1;
		c.hi = 5;
		c.decimals = 2;
	} else {
		c.y_label = "weekly mean";
		c.decimals = 2;
	}
	rel_doc_lines(d, &c);
	free(s);
}

int
rel_report_trend(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e)
{
	char (*full)[REL_DATE_LEN] = NULL, title[160], sub[200], cell[32];
	const char **ticks = NULL;
	char **names = NULL, **scl = NULL;
	double **mean = NULL;
	long **n = NULL;
	int32_t first, last = r->as_of, monday0, mondayn;
	sqlite3_int64 sid = 0;
	struct rel_out *o;
	size_t nm, i, ns = 0;
	int nw, w, rc, k;

	if (r->student != NULL && (rc = rel_id_rowid(db, REL_STUDENT,
	    "--student", r->student, &sid, e)) != 0)
		return rc;
	if (r->group != NULL && (rc = rel_id_known(db, REL_GROUP, "--group",
	    r->group, e)) != 0)
		return rc;
	mondayn = last - rel_weekday(last);
	first = r->since != 0 ? r->since : mondayn - 7 * (WEEKS - 1);
	monday0 = first - rel_weekday(first);
	nw = (int)((mondayn - monday0) / 7 + 1);
	if (nw > WEEKS_MAX)
		return rel_err_set(e, REL_EUSAGE, "--since: %d weeks is more "
		    "than a trend shows (%d)", nw, WEEKS_MAX);
	if ((nm = measures(db, r->measures, &names, e)) == 0)
		return REL_EUSAGE;
	if ((rc = scope(db, r, sid, e)) != 0)
		goto out;
	mean = rel_xcalloc(nm, sizeof(*mean));
	n = rel_xcalloc(nm, sizeof(*n));
	for (i = 0; i < nm; i++) {
		mean[i] = rel_xcalloc((size_t)nw, sizeof(**mean));
		n[i] = rel_xcalloc((size_t)nw, sizeof(**n));
		if ((rc = weeks(db, names[i], monday0, nw, first, last, mean[i],
		    n[i], e)) != 0)
			goto out;
	}
	full = rel_xcalloc((size_t)nw, sizeof(*full));
	ticks = rel_xcalloc((size_t)nw, sizeof(*ticks));
	week_labels(monday0, nw, full, ticks);

	if (sid != 0)
		snprintf(title, sizeof(title), "Trend: student %s", r->student);
	else if (r->group != NULL)
		snprintf(title, sizeof(title), "Trend: group %s", r->group);
	else
		snprintf(title, sizeof(title), "Trend: %s", r->set ?
		    "the students given" : "the whole school");
	rel_date_format(first, sub);
	rel_date_format(last, cell);
	snprintf(sub + strlen(sub), sizeof(sub) - strlen(sub), " to %s, "
	    "weekly means (weeks start on Monday)", cell);
	rel_doc_title(d, title, sub);
	if (rel_doc_human(d)) {
		/* The scales on one chart, each indicator on its own. */
		scl = rel_xcalloc(nm, sizeof(*scl));
		for (i = 0; i < nm; i++)
			if (is_scale(names[i]))
				scl[ns++] = names[i];
		if (ns > 0) {
			double **v = rel_xcalloc(ns, sizeof(*v));
			size_t j = 0;

			for (i = 0; i < nm; i++)
				if (is_scale(names[i]))
					v[j++] = mean[i];
			trend_chart(d, "Check-ins: weekly means", scl, v, ns,
			    ticks, nw, 0);
			free(v);
		}
		for (i = 0; i < nm; i++) {
			int att = strcmp(names[i], "attendance") == 0;

			if (is_scale(names[i]))
				continue;
			if (att)
				for (w = 0; w < nw; w++)
					mean[i][w] *= 100;
			snprintf(title, sizeof(title), "%s: weekly %s", names[i],
			    att ? "rate" : "means");
			trend_chart(d, title, &names[i], &mean[i], 1, ticks,
			    nw, att);
			if (att)
				for (w = 0; w < nw; w++)
					mean[i][w] /= 100;
		}
	}
	/* People have the charts (in Markdown, with their values); a
	 * script gets every week of every measure. */
	o = rel_doc_human(d) ? NULL : rel_doc_table(d, trend_cols,
	    NELEM(trend_cols), 1);
	for (i = 0; o != NULL && i < nm; i++)
		for (w = 0; w < nw; w++) {
			rel_out_cell(o, full[w], strlen(full[w]));
			rel_out_cell(o, names[i], strlen(names[i]));
			k = snprintf(cell, sizeof(cell), "%ld", n[i][w]);
			rel_out_cell(o, cell, (size_t)k);
			if (isnan(mean[i][w]))
				rel_out_cell(o, "", 0);
			else {
				k = snprintf(cell, sizeof(cell), "%.2f",
				    mean[i][w]);
				rel_out_cell(o, cell, (size_t)k);
			}
			rel_out_endrow(o);
		}
	rc = o != NULL ? rel_doc_table_end(d, o, e) : 0;
out:
	for (i = 0; i < nm; i++) {
		free(names[i]);
		if (mean != NULL)
			free(mean[i]);
		if (n != NULL)
			free(n[i]);
	}
	free(names);
	free(scl);
	free(mean);
	free(n);
	free(full);
	free(ticks);
	return rc;
}

/*
 * The student card.
 */

static const char *const student_cols[] = { "student_id", "section",
	"text" };

const char *const *
rel_report_student_cols(size_t *n)
{
	*n = NELEM(student_cols);
	return student_cols;
}

/* How they are doing: the weekly mean mood and understanding of the last
 * 12 weeks, and the attendance of the last 30 days. */
static int
card_trend(struct rel_db *db, const struct rel_report *r, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e)
{
	static char *names[] = { "mood", "understanding" };
	char full[WEEKS][REL_DATE_LEN], d0[REL_DATE_LEN], d1[REL_DATE_LEN];
	const char *ticks[WEEKS];
	double mean[2][WEEKS], *v[2] = { mean[0], mean[1] };
	long n[2][WEEKS];
	int32_t mondayn = r->as_of - rel_weekday(r->as_of),
	    monday0 = mondayn - 7 * (WEEKS - 1);
	sqlite3_stmt *st;
	int rc, i, w, any = 0;

	rel_card_heading(c, "How they are doing");
	if ((rc = scope(db, r, sid, e)) != 0)
		return rc;
	for (i = 0; i < 2; i++)
		if ((rc = weeks(db, names[i], monday0, WEEKS, monday0, r->as_of,
		    mean[i], n[i], e)) != 0)
			return rc;
	week_labels(monday0, WEEKS, full, ticks);
	for (i = 0; i < 2; i++)
		for (w = 0; w < WEEKS; w++)
			any |= !isnan(mean[i][w]);
	if (any && rel_doc_fmt(c->d) == REL_FMT_HTML)
		trend_chart(c->d, "Mood and understanding, weekly means", names,
		    v, 2, ticks, WEEKS, 0);
	for (i = 0; any && i < 2; i++) {
		int last = -1;

		for (w = 0; w < WEEKS; w++)
			if (!isnan(mean[i][w]))
				last = w;
		rel_card_bullet(c);
		fprintf(c->fp, "%s", names[i]);
		/* HTML has drawn the chart above. */
		if (rel_doc_fmt(c->d) != REL_FMT_HTML && last >= 0) {
			putc(' ', c->fp);
			rel_card_spark(c, names[i], mean[i], WEEKS, 1, 5);
		}
		if (last < 0)
			fprintf(c->fp, ": none in 12 weeks");
		else
			fprintf(c->fp, " %.2f in the week of %s (12 weeks from "
			    "%s)", mean[i][last], full[last], full[0]);
		rel_card_end(c);
	}
	/* Attendance is the team's to read, like every indicator. */
	rel_date_format(r->as_of - 29, d0);
	rel_date_format(r->as_of, d1);
	if ((rc = rel_db_stmt(db, "SELECT count(*), avg(i.value) "
	    "FROM indicator i WHERE i.student = ?1 AND i.name = 'attendance' "
	    "AND i.day BETWEEN ?2 AND ?3 AND " REL_TEAM("i.student"), &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, d0, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, d1, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_int(st, 0) > 0) {
		rel_card_bullet(c);
		fprintf(c->fp, "attendance %.1f%% over the last 30 days (%d "
		    "school day%s recorded)", 100 * sqlite3_column_double(st,
		    1), sqlite3_column_int(st, 0), sqlite3_column_int(st, 0) ==
		    1 ? "" : "s");
		rel_card_end(c);
		any = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading attendance", e);
	if (!any)
		rel_card_none(c);
	return 0;
}

/* The last r->checkins check-ins and notes, newest first, as the reader
 * may see them. A check-in's at is seconds; a note's is text. Of the same
 * minute, notes come first, then check-ins in the reverse of their key's
 * order (kind, adult), as rel-profile show has them. */
static const char sql_recent[] =
    "SELECT at, what, given, family, mood, und, work, text, src FROM ("
    " SELECT strftime('%Y-%m-%d', k.at, 'unixepoch') AS at, "
    " k.at AS t, k.kind AS k1, k.adult_key AS k2, 0 AS src, "
    " CASE k.kind WHEN 0 THEN 'check-in' WHEN 1 THEN 'exit ticket' "
    " WHEN 2 THEN 'greeting' ELSE 'conference' END AS what, "
    " a.given_name AS given, a.family_name AS family, k.mood AS mood, "
    " k.understanding AS und, k.workload AS work, k.note AS text "
    " FROM checkin k LEFT JOIN adult a ON a.id = k.adult "
    " WHERE k.student = ?1 AND k.at < ?3 AND " REL_SEES("k")
    " UNION ALL "
    " SELECT substr(n.at, 1, 10), CAST(round((julianday(n.at) - "
    " 2440587.5) * 86400) AS INTEGER), n.id, 0, 1, n.kind, a.given_name, "
    " a.family_name, NULL, NULL, NULL, n.text "
    " FROM note n LEFT JOIN adult a ON a.id = n.adult "
    " WHERE n.student = ?1 AND n.at < ?4 AND " REL_SEES("n")
    ") ORDER BY t DESC, src DESC, k1 DESC, k2 DESC LIMIT ?2";

static int
card_recent(struct rel_db *db, const struct rel_report *r, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e)
{
	static const char *const scores[] = { "mood", "understanding",
		"workload" };
	char next[REL_DATE_LEN];
	sqlite3_stmt *st;
	int rc, n, i, said;

	rel_card_heading(c, "Recent check-ins and notes");
	if ((rc = rel_db_stmt(db, sql_recent, &st, e)) != 0)
		return rc;
	rel_date_format(r->as_of + 1, next);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, r->checkins);
	sqlite3_bind_int64(st, 3, ((int64_t)r->as_of + 1) * 86400);
	sqlite3_bind_text(st, 4, next, -1, SQLITE_TRANSIENT);
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		rel_card_bullet(c);
		fprintf(c->fp, "%s %s", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			fputs(sqlite3_column_int(st, 8) ? " by " : " with ",
			    c->fp);
			rel_card_put(c, sqlite3_column_text(st, 2));
			putc(' ', c->fp);
			rel_card_put(c, sqlite3_column_text(st, 3));
		}
		for (i = 0, said = 0; i < 3; i++) {
			if (sqlite3_column_type(st, 4 + i) == SQLITE_NULL)
				continue;
			fprintf(c->fp, "%s%s %d", said++ ? ", " : ": ",
			    scores[i], sqlite3_column_int(st, 4 + i));
		}
		if (sqlite3_column_type(st, 7) != SQLITE_NULL &&
		    sqlite3_column_bytes(st, 7) > 0) {
			fputs(said ? "; " : ": ", c->fp);
			rel_card_put(c, sqlite3_column_text(st, 7));
		}
		rel_card_end(c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading check-ins and notes", e);
	if (n == 0)
		rel_card_none(c);
	return 0;
}

/* The student's flags as of the day, from what the reader may see. */
static int
card_flags(struct rel_db *db, const struct rel_report *r, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e)
{
	struct rel_flag_run fr;
	sqlite3_stmt *st;
	int rc, n;

	rel_card_heading(c, "Current flags");
	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_set "
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.rel_set", e)) != 0 ||
	    (rc = rel_db_stmt(db, "INSERT INTO temp.rel_set VALUES (?1)", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "choosing the student", e);
	memset(&fr, 0, sizeof(fr));
	fr.as_of = r->as_of;
	fr.set = 1;
	if ((rc = rel_flag_run(db, &fr, NULL, e)) != 0 ||
	    (rc = rel_db_stmt(db, "SELECT rule, detail, since, vis "
	    "FROM temp.rel_flag ORDER BY rule", &st, e)) != 0)
		return rc;
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		rel_card_bullet(c);
		rel_card_strong(c, (const char *)sqlite3_column_text(st, 0));
		fputs(": ", c->fp);
		rel_card_put(c, sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			fprintf(c->fp, " (since %s)", sqlite3_column_text(st,
			    2));
		rel_card_end(c);
		rel_access_touch(db, sid, (enum rel_vis)sqlite3_column_int(st,
		    3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading flags", e);
	if (n == 0) {
		rel_card_bullet(c);
		fputs("none: no rule fires on the records you may see", c->fp);
		rel_card_end(c);
	}
	return 0;
}

int
rel_report_student(struct rel_db *db, const struct rel_report *r,
    struct rel_doc *d, struct rel_err *e)
{
	struct rel_out *data = NULL;
	struct rel_card c;
	sqlite3_int64 sid = 0;
	int rc;

	/* Every card shown is audited, whatever it holds. */
	if ((rc = rel_id_rowid(db, REL_STUDENT, "student_id", r->student, &sid,
	    e)) != 0)
		return rc;
	rel_access_all(db);
	rel_access_touch(db, sid, REL_VIS_STAFF);
	if (!rel_doc_human(d))
		data = rel_doc_table(d, student_cols, NELEM(student_cols), 1);
	if ((rc = rel_card_open(&c, d, data, r->student, e)) != 0)
		goto out;
	if ((rc = rel_card_head(db, r->student, &c, &sid, e)) == 0 &&
	    (rc = rel_card_items(db, sid, 0, 1, &c, e)) == 0 &&
	    (rc = rel_card_adults(db, sid, &c, e)) == 0 &&
	    (rc = card_trend(db, r, sid, &c, e)) == 0 &&
	    (rc = card_recent(db, r, sid, &c, e)) == 0 &&
	    (rc = rel_family_card(db, sid, &c, e)) == 0 &&
	    (rc = rel_goal_card(db, sid, &c, e)) == 0 &&
	    (rc = rel_restore_card(db, sid, &c, e)) == 0)
		rc = card_flags(db, r, sid, &c, e);
	rel_card_close(&c);
	if (rc == 0)
		rc = rel_audit_flush(db, 1, NULL, "student card", e);
out:
	if (data != NULL) {
		if (rc == 0)
			rc = rel_doc_table_end(d, data, e);
		else
			rel_doc_table_end(d, data, NULL);
	}
	return rc;
}
