/*
 * connection.c: the relationship map: marks, primary adults, gaps,
 * caseloads, suggestions and coverage over time.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col conn_cols[] = {
	{ "student_id", R }, { "adult_id", R }, { "strength", R },
	{ "primary", 0 }, { "at", REL_COL_TIME }, { "note", 0 }
};
enum { C_STUDENT, C_ADULT, C_STRENGTH, C_PRIMARY, C_AT, C_NOTE };

static int write_conn(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind conn_kind = {
	"connections", "raised", conn_cols, NELEM(conn_cols), write_conn,
	"connection"
};

const struct rel_import_kind *
rel_conn_kind(void)
{
	return &conn_kind;
}

const char *const *
rel_conn_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "adult_id",
		"strength", "primary", "at", "note" };

	*n = NELEM(names);
	return names;
}

int
rel_conn_when(const char *opt, const char *s, char *buf, struct rel_err *e)
{
	int64_t secs;
	int32_t days;
	size_t len = strlen(s);

	if (rel_datetime_parse(s, len, &secs) == 0)
		rel_datetime_format(secs, buf);
	else if (rel_when_parse(s, len, &days) == 0 && rel_date_in_range(days))
		/* A span as far back as 200y reads as a filter, but is no
		 * date to store: before 1900 it could not be read back. */
		rel_datetime_format((int64_t)days * 86400, buf);
	else
		return rel_err_value(e, opt[0] == '-' ? REL_EUSAGE : REL_EDATA,
		    NULL, 0, opt, s, len, "is not a date (YYYY-MM-DD), a "
		    "date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, today)");
	return 0;
}

static int
strength_of(const char *s, size_t len, int *out)
{
	if (len != 1 || s[0] < '1' || s[0] > '3')
		return -1;
	*out = s[0] - '0';
	return 0;
}

int
rel_conn_strength(const char *opt, const char *s, int *out,
    struct rel_err *e)
{
	if (strength_of(s, strlen(s), out) != 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is not 1, 2 or 3");
	return 0;
}

/* Record or raise one connection, and keep the mark as an event. */
static int
mark(struct rel_db *db, sqlite3_int64 student, sqlite3_int64 adult,
    int strength, const char *at, const char *note, size_t notelen,
    enum rel_outcome *out, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, old;

	if ((rc = rel_db_stmt(db, "SELECT strength FROM connection "
	    "WHERE student = ?1 AND adult = ?2", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, adult);
	rc = sqlite3_step(st);
	old = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a connection", e);
	if (old >= strength) {
		*out = REL_UNCHANGED;
		if (note == NULL)
			return 0;
		/* A note given with an unchanged strength is still kept. */
		if ((rc = rel_db_stmt(db, "UPDATE connection SET note = ?3 "
		    "WHERE student = ?1 AND adult = ?2 AND note IS NOT ?3", &st,
		    e)) != 0)
			return rc;
	} else if (old == 0) {
		*out = REL_ADDED;
		if ((rc = rel_db_stmt(db, "INSERT INTO connection (student, "
		    "adult, note, strength, at, updated_at) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, e)) != 0)
			return rc;
	} else {
		*out = REL_UPDATED;
		if ((rc = rel_db_stmt(db, "UPDATE connection SET "
		    "note = coalesce(?3, note), strength = ?4, at = ?5, "
		    "updated_at = ?6 WHERE student = ?1 AND adult = ?2", &st,
		    e)) != 0)
			return rc;
	}
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, adult);
	if (note != NULL)
		sqlite3_bind_text(st, 3, note, (int)notelen, SQLITE_STATIC);
	rc = SQLITE_OK;
	if (*out != REL_UNCHANGED) {
		sqlite3_bind_int(st, 4, strength);
		sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
		rc = sqlite3_bind_text(st, 6, rel_now_text(), -1,
		    SQLITE_TRANSIENT);
	}
	rc = rc == SQLITE_OK ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a connection", e);
	if (*out == REL_UNCHANGED)
		return 0;
	if ((rc = rel_db_stmt(db, "INSERT INTO connection_event (student, "
	    "adult, strength, at, note, by_adult) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "nullif(?6, 0))", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 6, rel_actor(db)->id);
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, adult);
	sqlite3_bind_int(st, 3, strength);
	sqlite3_bind_text(st, 4, at, -1, SQLITE_STATIC);
	if (note != NULL)
		sqlite3_bind_text(st, 5, note, (int)notelen, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "writing a mark", e);
}

/* Make adult the student's primary adult (adult 0: end the current one). */
static int
assign(struct rel_db *db, sqlite3_int64 student, sqlite3_int64 adult,
    const char *at, enum rel_outcome *out, struct rel_err *e)
{
	sqlite3_stmt *st;
	sqlite3_int64 cur_id = 0, cur_adult = 0;
	enum rel_outcome ignore;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT id, adult FROM primary_adult "
	    "WHERE student = ?1 AND end_at IS NULL", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		cur_id = sqlite3_column_int64(st, 0);
		cur_adult = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a primary adult", e);
	if (cur_adult == adult) {
		*out = REL_UNCHANGED;
		return 0;
	}
	if (cur_id != 0) {
		/* The old one ends when the new one starts, never before it
		 * began. */
		if ((rc = rel_db_stmt(db, "UPDATE primary_adult SET end_at = "
		    "max(?2, start_at) WHERE id = ?1", &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, cur_id);
		sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return rel_db_fail(db, rc, "ending a primary adult", e);
	}
	*out = cur_id != 0 ? REL_UPDATED : REL_ADDED;
	if (adult == 0)
		return 0;
	if ((rc = rel_db_stmt(db, "INSERT INTO primary_adult (student, adult, "
	    "start_at, by_adult) VALUES (?1, ?2, ?3, nullif(?4, 0))", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 4, rel_actor(db)->id);
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, adult);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a primary adult", e);
	/* A primary adult at least knows the student's name and face. */
	return mark(db, student, adult, 1, at, NULL, 0, &ignore, e);
}

static int
write_conn(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	sqlite3_int64 student, adult;
	char at[REL_DATETIME_LEN];
	enum rel_outcome po;
	int rc, strength, primary;

	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if (strength_of(r->v[C_STRENGTH], r->len[C_STRENGTH], &strength) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "strength",
		    r->v[C_STRENGTH], r->len[C_STRENGTH], "is not 1, 2 or 3");
	if ((rc = rel_rec_bool(r, C_PRIMARY, "primary", 0, &primary, e)) != 0 ||
	    (rc = rel_rec_text(r, C_NOTE, "note", REL_TEXT_MAX, 1, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_AT)) {
		int64_t secs;

		if (rel_datetime_parse(r->v[C_AT], r->len[C_AT], &secs) != 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line, "at",
			    r->v[C_AT], r->len[C_AT], "is not a date "
			    "(YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)");
		rel_datetime_format(secs, at);
	} else
		rel_strlcpy(at, rel_now_text(), sizeof(at));
	if ((rc = rel_person(db, 0, r->v[C_STUDENT], r->len[C_STUDENT],
	    "student_id", r->file, r->line, &student, e)) != 0 ||
	    (rc = rel_person(db, 1, r->v[C_ADULT], r->len[C_ADULT], "adult_id",
	    r->file, r->line, &adult, e)) != 0)
		return rc;
	if ((rc = rel_rec_key(r, C_ADULT, "adult_id", "connection (student_id "
	    "and adult_id)", e, "%lld\037%lld", (long long)student,
	    (long long)adult)) != 0)
		return rc;
	if ((rc = mark(db, student, adult, strength, at,
	    rel_rec_has(r, C_NOTE) ? r->v[C_NOTE] : NULL,
	    rel_rec_has(r, C_NOTE) ? r->len[C_NOTE] : 0, out, e)) != 0)
		return rc;
	if (!primary)
		return 0;
	if ((rc = assign(db, student, adult, at, &po, e)) != 0)
		return rc;
	if (*out == REL_UNCHANGED && po != REL_UNCHANGED)
		*out = REL_UPDATED;
	return 0;
}

/* One student of rel_conn_apply. */
static int
apply_one(struct rel_db *db, enum rel_conn_verb verb, sqlite3_int64 student,
    sqlite3_int64 adult, int strength, const char *at,
    const struct rel_conn_opts *o, enum rel_outcome *out, struct rel_err *e)
{
	switch (verb) {
	case REL_CONN_MARK:
		return mark(db, student, adult, strength, at, o->note,
		    o->note ? strlen(o->note) : 0, out, e);
	case REL_CONN_ASSIGN:
		return assign(db, student, adult, at, out, e);
	case REL_CONN_UNASSIGN:
		return assign(db, student, 0, at, out, e);
	}
	return REL_ESOFTWARE;
}

int
rel_conn_apply(struct rel_db *db, enum rel_conn_verb verb,
    const struct rel_conn_opts *o, char *const *ids, size_t n,
    struct rel_import_count *c, struct rel_err *e)
{
	char at[REL_DATETIME_LEN];
	sqlite3_int64 adult = 0, student;
	enum rel_outcome out;
	struct rel_err bad;
	long nbad = 0;
	size_t i;
	int rc, strength = 0;

	memset(c, 0, sizeof(*c));
	if (verb == REL_CONN_MARK) {
		if (o->strength == NULL)
			return rel_err_set(e, REL_EUSAGE, "--strength is "
			    "required (1, 2 or 3)");
		if ((rc = rel_conn_strength("--strength", o->strength,
		    &strength, e)) != 0)
			return rc;
	}
	if (o->note != NULL) {
		const char *v[1] = { o->note };
		size_t len[1] = { strlen(o->note) };
		struct rel_rec r = { 1, v, len, NULL, 0, NULL };

		if (rel_rec_text(&r, 0, "--note", REL_TEXT_MAX, 1, e) != 0)
			return e->code = REL_EUSAGE;
	}
	if (o->at != NULL) {
		if ((rc = rel_conn_when("--at", o->at, at, e)) != 0)
			return rc;
	} else
		rel_strlcpy(at, rel_now_text(), sizeof(at));
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if (verb != REL_CONN_UNASSIGN) {
		if (o->adult == NULL) {
			rel_db_rollback(db);
			return rel_err_set(e, REL_EUSAGE, "--adult is required");
		}
		if ((rc = rel_person(db, 1, o->adult, strlen(o->adult), "--adult",
		    NULL, 0, &adult, e)) != 0)
			goto fail;
	}
	if (n > 0) {
		for (i = 0; i < n; i++) {
			c->rows++;
			rel_err_clear(&bad);
			rc = rel_person(db, 0, ids[i], strlen(ids[i]), "student_id",
			    NULL, 0, &student, &bad);
			if (rc == 0)
				rc = apply_one(db, verb, student, adult, strength,
				    at, o, &out, &bad);
			if (rc == REL_EDATA) {
				nbad++;
				c->rejected++;
				if (o->report != NULL)
					o->report(o->ctx, &bad);
				continue;
			}
			if (rc != 0) {
				*e = bad;
				goto fail;
			}
			c->n[out]++;
		}
	} else {
		sqlite3_stmt *st;
		sqlite3_int64 *rows = NULL;
		size_t nrows = 0, cap = 0;

		/* Read the set first: writing while stepping a query over
		 * the same tables is allowed, but needlessly subtle. */
		if ((rc = rel_db_stmt(db, "SELECT s.id, s.student_id, s.active "
		    "FROM temp.rel_set r JOIN student s ON s.id = r.id "
		    "ORDER BY s.student_id", &st, e)) != 0)
			goto fail;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (!sqlite3_column_int(st, 2)) {
				const char *id = (const char *)
				    sqlite3_column_text(st, 1);

				rel_err_value(&bad, REL_EDATA, NULL, 0,
				    "student_id", id, strlen(id), "is "
				    "deactivated (rel-roster set student %s "
				    "--active 1 brings them back)", id);
				nbad++;
				c->rows++;
				c->rejected++;
				if (o->report != NULL)
					o->report(o->ctx, &bad);
				continue;
			}
			if (nrows == cap) {
				cap = cap ? cap * 2 : 256;
				rows = rel_xrealloc(rows, cap * sizeof(*rows));
			}
			rows[nrows++] = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			free(rows);
			rc = rel_db_fail(db, rc, "reading the student set", e);
			goto fail;
		}
		for (i = 0; i < nrows; i++) {
			c->rows++;
			if ((rc = apply_one(db, verb, rows[i], adult, strength,
			    at, o, &out, e)) != 0) {
				free(rows);
				goto fail;
			}
			c->n[out]++;
		}
		free(rows);
	}
	if (nbad > 0) {
		rel_db_rollback(db);
		return rel_err_set(e, REL_EDATA, "%ld bad student%s; nothing was "
		    "changed", nbad, nbad == 1 ? "" : "s");
	}
	return rel_db_commit(db, e);
fail:
	rel_db_rollback(db);
	return rc;
}

/* The students in a gap go into temp.rel_gap, which suggest
 * reads. ?1 min strength, ?2 min adults, ?3 test (0 either, 1 connections,
 * 2 primary), ?4 narrow to the set. Only active adults count. */
static const char sql_fill_gaps[] =
    "INSERT INTO temp.rel_gap (id) "
    "SELECT s.id FROM student s "
    "WHERE s.active = 1 AND (?4 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    "AND ((?3 IN (0, 1) AND (SELECT count(*) FROM connection c "
    "  JOIN adult a ON a.id = c.adult AND a.active = 1 "
    "  WHERE c.student = s.id AND c.strength >= ?1) < ?2) "
    " OR (?3 IN (0, 2) AND NOT EXISTS (SELECT 1 FROM primary_adult pa "
    "  JOIN adult a ON a.id = pa.adult AND a.active = 1 "
    "  WHERE pa.student = s.id AND pa.end_at IS NULL)))";

static int
gap_opts_ok(const struct rel_gap_opts *g, struct rel_err *e)
{
	if (g->min_strength < 1 || g->min_strength > 3)
		return rel_err_set(e, REL_EUSAGE, "--min-strength: %d is not 1, "
		    "2 or 3", g->min_strength);
	if (g->min_adults < 1)
		return rel_err_set(e, REL_EUSAGE, "--min-adults: %d is not 1 or "
		    "more", g->min_adults);
	return 0;
}

static int
fill_gaps(struct rel_db *db, const struct rel_gap_opts *g, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = gap_opts_ok(g, e)) != 0)
		return rc;
	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_gap "
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.rel_gap", e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_fill_gaps, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, g->min_strength);
	sqlite3_bind_int(st, 2, g->min_adults);
	sqlite3_bind_int(st, 3, (int)g->test);
	sqlite3_bind_int(st, 4, g->set != 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "finding gaps", e);
}

const char *const *
rel_gap_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "grade", "connections", "best_strength",
		"primary_adult_id", "reason" };

	*n = NELEM(names);
	return names;
}

/* The reason is put together from fixed words and numbers only. One
 * pass in student_id order (its unique index, so no sort): each
 * student's connections and current primary adult are ranges of their
 * indexes, counted only for active adults, and HAVING keeps the gaps
 * (the test of temp.rel_gap, which suggest reads). Reading the gaps
 * into a table first and joining them back to their connections cost
 * 1.7 times a plain sqlite3 query of the same join. ?1 min strength, ?2
 * min adults, ?3 test (0 either, 1 connections, 2 primary), ?4 narrow
 * to the set. */
static const char sql_gaps[] =
    "SELECT student_id, given_name, family_name, grade, connections, best, "
    "primary_adult_id, "
    "coalesce(why_a, '') || CASE WHEN why_a IS NOT NULL AND why_b IS NOT NULL "
    "THEN '; ' ELSE '' END || coalesce(why_b, '') FROM ("
    " SELECT student_id, given_name, family_name, grade, connections, best, "
    " primary_adult_id, "
    " CASE WHEN ?3 IN (0, 1) AND strong < ?2 THEN "
    "  CASE WHEN strong = 0 THEN 'no adult at strength ' || ?1 || "
    "   CASE WHEN ?1 < 3 THEN ' or more' ELSE '' END "
    "  ELSE strong || ' adult' || CASE WHEN strong = 1 THEN '' ELSE 's' "
    "   END || ' at strength ' || ?1 || CASE WHEN ?1 < 3 THEN ' or more' "
    "   ELSE '' END || ', ' || ?2 || ' wanted' END END AS why_a, "
    " CASE WHEN ?3 IN (0, 2) AND primary_adult_id IS NULL "
    " THEN 'no primary adult' END AS why_b FROM ("
    "  SELECT s.student_id, s.given_name, s.family_name, s.grade, "
    "  count(a.id) AS connections, "
    "  ifnull(max(CASE WHEN a.id IS NOT NULL THEN c.strength END), 0) "
    "  AS best, count(CASE WHEN a.id IS NOT NULL AND c.strength >= ?1 "
    "  THEN 1 END) AS strong, pa.adult_id AS primary_adult_id "
    "  FROM student s LEFT JOIN connection c ON c.student = s.id "
    "  LEFT JOIN adult a ON a.id = c.adult AND a.active = 1 "
    "  LEFT JOIN primary_adult p ON p.student = s.id AND p.end_at IS NULL "
    "  LEFT JOIN adult pa ON pa.id = p.adult AND pa.active = 1 "
    "  WHERE s.active = 1 AND (?4 = 0 OR s.id IN temp.rel_set) "
    "  GROUP BY s.student_id "
    "  HAVING (?3 IN (0, 1) AND strong < ?2) "
    "  OR (?3 IN (0, 2) AND primary_adult_id IS NULL)"
    "  ORDER BY s.student_id))";

int
rel_conn_gaps(struct rel_db *db, const struct rel_gap_opts *g,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = gap_opts_ok(g, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_gaps, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, g->min_strength);
	sqlite3_bind_int(st, 2, g->min_adults);
	sqlite3_bind_int(st, 3, (int)g->test);
	sqlite3_bind_int(st, 4, g->set != 0);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_caseload_cols(size_t *n)
{
	static const char *const names[] = { "adult_id", "given_name",
		"family_name", "role", "primary", "strength_1", "strength_2",
		"strength_3", "not_seen" };

	*n = NELEM(names);
	return names;
}

int
rel_conn_caseload(struct rel_db *db, int set, int64_t since,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db,
	    "SELECT a.adult_id, a.given_name, a.family_name, a.role, "
	    "(SELECT count(*) FROM primary_adult p JOIN student s "
	    "  ON s.id = p.student AND s.active = 1 WHERE p.adult = a.id "
	    "  AND p.end_at IS NULL AND (?1 = 0 OR s.id IN "
	    "  (SELECT id FROM temp.rel_set))), "
	    "count(CASE WHEN c.strength = 1 THEN 1 END), "
	    "count(CASE WHEN c.strength = 2 THEN 1 END), "
	    "count(CASE WHEN c.strength = 3 THEN 1 END), "
	    /* Each primary student's latest check-in is one index seek. */
	    "(SELECT count(*) FROM primary_adult p JOIN student s "
	    "  ON s.id = p.student AND s.active = 1 WHERE p.adult = a.id "
	    "  AND p.end_at IS NULL AND (?1 = 0 OR s.id IN "
	    "  (SELECT id FROM temp.rel_set)) AND NOT EXISTS (SELECT 1 "
	    "  FROM checkin k WHERE k.student = s.id AND k.at >= ?2 "
	    "  AND " REL_SEES("k") ")) "
	    "FROM adult a LEFT JOIN connection c ON c.adult = a.id "
	    "AND c.student IN (SELECT id FROM student WHERE active = 1) "
	    "AND (?1 = 0 OR c.student IN (SELECT id FROM temp.rel_set)) "
	    "WHERE a.active = 1 GROUP BY a.id ORDER BY a.adult_id", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, set != 0);
	sqlite3_bind_int64(st, 2, since);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

int
rel_conn_list(struct rel_db *db, const struct rel_conn_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (f->strength != 0 && (f->strength < 1 || f->strength > 3))
		return rel_err_set(e, REL_EUSAGE, "--strength: %d is not 1, 2 or "
		    "3", f->strength);
	if (f->min_strength != 0 && (f->min_strength < 1 || f->min_strength > 3))
		return rel_err_set(e, REL_EUSAGE, "--min-strength: %d is not 1, "
		    "2 or 3", f->min_strength);
	if ((rc = rel_id_known(db, REL_ADULT, "--adult", f->adult, e)) != 0 ||
	    (rc = rel_id_known(db, REL_STUDENT, "--student", f->student, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db,
	    "SELECT s.student_id, a.adult_id, c.strength, "
	    "EXISTS (SELECT 1 FROM primary_adult p WHERE p.student = c.student "
	    "  AND p.adult = c.adult AND p.end_at IS NULL), c.at, "
	    "CASE WHEN " REL_TEAM("c.student") " OR c.adult = rel_actor() "
	    " THEN c.note END "
	    "FROM connection c JOIN student s ON s.id = c.student "
	    "JOIN adult a ON a.id = c.adult "
	    "WHERE (?1 IS NULL OR a.adult_id = ?1) "
	    "AND (?2 IS NULL OR s.student_id = ?2) "
	    "AND (?3 = 0 OR c.strength = ?3) AND c.strength >= ?4 "
	    "AND (?5 = 0 OR c.student IN (SELECT id FROM temp.rel_set)) "
	    "ORDER BY s.student_id, a.adult_id", &st, e)) != 0)
		return rc;
	if (f->adult != NULL)
		sqlite3_bind_text(st, 1, f->adult, -1, SQLITE_STATIC);
	if (f->student != NULL)
		sqlite3_bind_text(st, 2, f->student, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, f->strength);
	sqlite3_bind_int(st, 4, f->min_strength);
	sqlite3_bind_int(st, 5, f->set != 0);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_suggest_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "rank", "adult_id", "adult_given_name",
		"adult_family_name", "strength", "shared_groups", "caseload",
		"reason" };

	*n = NELEM(names);
	return names;
}

/* Candidates for each student in temp.rel_gap: adults who share a group
 * with the student, adults who already know the student, and the ?1
 * adults with the lightest caseloads, and one more in case one of them is
 * the student's current primary adult, who is left out (so that a student
 * in no group still gets ?1 suggestions). */
static const char sql_suggest[] =
    "WITH load AS (SELECT a.id, (SELECT count(*) FROM primary_adult p "
    "  JOIN student s ON s.id = p.student AND s.active = 1 "
    "  WHERE p.adult = a.id AND p.end_at IS NULL) AS n "
    "  FROM adult a WHERE a.active = 1), "
    "lightest AS (SELECT l.id FROM load l JOIN adult a ON a.id = l.id "
    "  ORDER BY l.n, a.adult_id LIMIT ?1 + 1), "
    "grp_adult AS (SELECT grp, adult FROM member "
    "  WHERE adult IS NOT NULL AND active = 1 "
    "  UNION SELECT id, lead_adult FROM grp "
    "  WHERE lead_adult IS NOT NULL AND active = 1), "
    "shared AS (SELECT m.student, ga.adult, g.name FROM temp.rel_gap gp "
    "  JOIN member m ON m.student = gp.id AND m.active = 1 "
    "  JOIN grp g ON g.id = m.grp AND g.active = 1 "
    "  JOIN grp_adult ga ON ga.grp = g.id), "
    "cand AS (SELECT student, adult FROM shared "
    "  UNION SELECT c.student, c.adult FROM connection c "
    "  WHERE c.student IN (SELECT id FROM temp.rel_gap) "
    "  UNION SELECT gp.id, l.id FROM temp.rel_gap gp, lightest l), "
    "scored AS (SELECT cd.student, cd.adult, "
    "  coalesce((SELECT strength FROM connection c WHERE c.student = "
    "   cd.student AND c.adult = cd.adult), 0) AS strength, "
    "  (SELECT count(DISTINCT name) FROM shared sh WHERE sh.student = "
    "   cd.student AND sh.adult = cd.adult) AS nshared, "
    "  (SELECT group_concat(name, ', ') FROM (SELECT DISTINCT sh.name "
    "   FROM shared sh WHERE sh.student = cd.student AND sh.adult = cd.adult "
    "   ORDER BY sh.name)) AS names, "
    "  l.n AS caseload, a.adult_id "
    "  FROM cand cd JOIN load l ON l.id = cd.adult "
    "  JOIN adult a ON a.id = cd.adult "
    "  WHERE NOT EXISTS (SELECT 1 FROM primary_adult p WHERE p.student = "
    "   cd.student AND p.adult = cd.adult AND p.end_at IS NULL)), "
    "ranked AS (SELECT *, row_number() OVER (PARTITION BY student "
    "  ORDER BY strength DESC, nshared DESC, caseload, adult_id) AS rank "
    "  FROM scored) "
    "SELECT s.student_id, s.given_name, s.family_name, r.rank, a.adult_id, "
    "a.given_name, a.family_name, r.strength, r.nshared, r.caseload, "
    "CASE WHEN r.strength > 0 THEN 'knows the student (strength ' || "
    " r.strength || '); ' ELSE '' END || "
    "CASE WHEN r.nshared > 0 THEN 'shares ' || r.nshared || ' group' || "
    " CASE WHEN r.nshared = 1 THEN '' ELSE 's' END || ': ' || r.names || "
    " '; ' ELSE '' END || "
    "'primary for ' || r.caseload || ' student' || "
    " CASE WHEN r.caseload = 1 THEN '' ELSE 's' END "
    "FROM ranked r JOIN student s ON s.id = r.student "
    "JOIN adult a ON a.id = r.adult WHERE r.rank <= ?1 "
    "ORDER BY s.student_id, r.rank";

int
rel_conn_suggest(struct rel_db *db, const struct rel_gap_opts *g, int top,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (top < 1 || top > 20)
		return rel_err_set(e, REL_EUSAGE, "--top: %d is not from 1 to 20",
		    top);
	if (g->set) {
		/* The set is the list of students to find adults for. */
		if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS "
		    "rel_gap (id INTEGER PRIMARY KEY); DELETE FROM temp.rel_gap; "
		    "INSERT INTO temp.rel_gap SELECT r.id FROM temp.rel_set r "
		    "JOIN student s ON s.id = r.id AND s.active = 1", e)) != 0)
			return rc;
	} else if ((rc = fill_gaps(db, g, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_suggest, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, top);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_history_cols(size_t *n)
{
	static const char *const names[] = { "date", "students", "connected",
		"connected_pct", "primary", "primary_pct" };

	*n = NELEM(names);
	return names;
}

int
rel_conn_history(struct rel_db *db, char *const *dates, size_t ndates,
    int min_strength, int set, struct rel_out *o, struct rel_err *e)
{
	char day[REL_DATE_LEN], end[REL_DATETIME_LEN + 8];
	sqlite3_stmt *st;
	int32_t days;
	size_t i;
	int rc;

	if (min_strength < 1 || min_strength > 3)
		return rel_err_set(e, REL_EUSAGE, "--min-strength: %d is not 1, "
		    "2 or 3", min_strength);
	if (ndates == 0)
		return rel_err_set(e, REL_EUSAGE, "history: give one or more "
		    "dates");
	for (i = 0; i < ndates; i++)
		if (rel_when_parse(dates[i], strlen(dates[i]), &days) != 0)
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "history",
			    dates[i], strlen(dates[i]), "is not a date "
			    "(YYYY-MM-DD) or a span (30d, 6w, 1y)");
	if ((rc = rel_db_stmt(db,
	    "SELECT ?1, n, c, CASE WHEN n = 0 THEN '0.0' "
	    " ELSE printf('%.1f', 100.0 * c / n) END, p, "
	    " CASE WHEN n = 0 THEN '0.0' ELSE printf('%.1f', 100.0 * p / n) END "
	    "FROM (SELECT count(*) AS n, "
	    " coalesce(sum(EXISTS (SELECT 1 FROM connection_event ev "
	    "  JOIN adult a ON a.id = ev.adult AND a.active = 1 "
	    "  WHERE ev.student = s.id AND ev.strength >= ?3 AND ev.at <= ?2)), "
	    "  0) AS c, "
	    " coalesce(sum(EXISTS (SELECT 1 FROM primary_adult p "
	    "  JOIN adult a ON a.id = p.adult AND a.active = 1 "
	    "  WHERE p.student = s.id AND p.start_at <= ?2 "
	    "  AND (p.end_at IS NULL OR p.end_at > ?2))), 0) AS p "
	    " FROM student s WHERE s.active = 1 "
	    " AND (?4 = 0 OR s.id IN (SELECT id FROM temp.rel_set)))", &st,
	    e)) != 0)
		return rc;
	for (i = 0; i < ndates; i++) {
		rel_when_parse(dates[i], strlen(dates[i]), &days);
		rel_date_format(days, day);
		snprintf(end, sizeof(end), "%sT23:59:59", day);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, min_strength);
		sqlite3_bind_int(st, 4, set != 0);
		if ((rc = rel_out_stmt(o, st, e)) != 0)
			break;
	}
	sqlite3_reset(st);
	return rc;
}
