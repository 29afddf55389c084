/*
 * checkin.c: check-ins, exit tickets, greetings and conferences: writing
 * one (the import kind), listing them, and finding the students nobody
 * has checked in with.
 *
 * This is the table that grows to tens of millions of rows, so the write
 * path is one cached INSERT per record after the field checks, and the
 * reads are driven from the student so that they use the (student, at)
 * index.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col checkin_cols[] = {
	{ "student_id", R }, { "at", R | REL_COL_TIME }, { "adult_id", 0 }, { "kind", 0 },
	{ "mood", 0 }, { "understanding", 0 }, { "workload", 0 },
	{ "note", 0 }, { "visibility", 0 }
};
enum {
	C_STUDENT, C_AT, C_ADULT, C_KIND, C_MOOD, C_UNDERSTANDING,
	C_WORKLOAD, C_NOTE, C_VIS
};

static int write_checkin(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind checkin_kind = {
	"check-ins", NULL, checkin_cols, NELEM(checkin_cols), write_checkin,
	"check-in"
};

/* The codes stored in checkin.kind (schema migration 4). */
static const char *const kind_names[] = {
	"checkin", "exit_ticket", "greeting", "conference"
};

const struct rel_import_kind *
rel_checkin_kind(void)
{
	return &checkin_kind;
}

const char *const *
rel_checkin_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "at", "adult_id",
		"kind", "mood", "understanding", "workload", "note",
		"visibility" };

	*n = NELEM(names);
	return names;
}

int
rel_checkin_kind_code(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(kind_names); i++)
		if (strlen(kind_names[i]) == len &&
		    strncasecmp(s, kind_names[i], len) == 0)
			return (int)i;
	return -1;
}

const char *
rel_checkin_kind_name(int code)
{
	return code >= 0 && (size_t)code < NELEM(kind_names) ?
	    kind_names[code] : "";
}

/* The whole minute at or before secs (secs may be before 1970). */
static int64_t
to_minute(int64_t secs)
{
	return secs - ((secs % 60) + 60) % 60;
}

/* One statement writes the record. ON CONFLICT DO NOTHING (not OR
 * IGNORE, which would also swallow a failed CHECK) makes the same
 * student, adult, kind and minute a duplicate rather than an error. */
static const char sql_insert[] =
    "INSERT INTO checkin (student, at, adult, kind, mood, understanding, "
    "workload, note, visibility) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT DO NOTHING";

/*
 * The last student and the last adult looked up, since an import is
 * mostly grouped by student and by adult: the lookups cost a fifth of
 * each record's time. Students and adults are never deleted, so an id
 * keeps its rowid; what may change is whether a student is active. So the
 * memo holds only while nothing else can have written: the same handle,
 * inside a transaction (no other connection can write), no row changed
 * on this handle since our last write (total_changes) and no commit
 * since (each one bumps the file's data version). rel is one thread.
 */
static struct {
	struct rel_db *db;	/* NULL: the memo is stale */
	sqlite3_int64 changes;	/* total_changes64 after the last write */
	unsigned version;	/* SQLITE_FCNTL_DATA_VERSION then */
} stamp;
static struct {
	size_t len;		/* 0: empty */
	char id[65];
	sqlite3_int64 rowid;
} memo[2];			/* [0] student, [1] adult */

/* A check-in's author may since have left: what they wrote stays theirs,
 * and a list of check-ins imports back. So any known adult will do. */
static int
any_adult(struct rel_db *db, const struct rel_rec *r, size_t i,
    sqlite3_int64 *rowid, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT id FROM adult WHERE adult_id = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, r->v[i], (int)r->len[i], SQLITE_STATIC);
	rc = sqlite3_step(st);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking up an id", e);
	if (*rowid == 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "adult_id",
		    r->v[i], r->len[i], "is not a known adult");
	return 0;
}

/* The rowid of the active student (adult 0), or of the known adult, in
 * column i. */
static int
person(struct rel_db *db, int adult, const struct rel_rec *r, size_t i,
    sqlite3_int64 *rowid, struct rel_err *e)
{
	size_t len = r->len[i];
	int rc;

	if (memo[adult].len == len && memcmp(memo[adult].id, r->v[i], len) == 0) {
		*rowid = memo[adult].rowid;
		return 0;
	}
	if ((rc = adult ? any_adult(db, r, i, rowid, e) : rel_person(db, 0,
	    r->v[i], len, "student_id", r->file, r->line, rowid, e)) != 0)
		return rc;
	if (len < sizeof(memo[adult].id)) {
		memcpy(memo[adult].id, r->v[i], len);
		memo[adult].len = len;
		memo[adult].rowid = *rowid;
	}
	return 0;
}

/* Is r, whose student is not active (or not known), a check-in already
 * held? e keeps the caller's message. */
static int
left_duplicate(struct rel_db *db, const struct rel_rec *r, int64_t at,
    int kind, int *dup, struct rel_err *e)
{
	sqlite3_stmt *st;
	struct rel_err e2;
	int rc;

	*dup = 0;
	if ((rc = rel_db_stmt(db, "SELECT 1 FROM checkin WHERE student = "
	    "(SELECT id FROM student WHERE student_id = ?1 AND active = 0) "
	    "AND at = ?2 AND kind = ?3 AND ifnull(adult, 0) = ifnull((SELECT "
	    "id FROM adult WHERE adult_id = ?4), ?5)", &st, &e2)) != 0) {
		*e = e2;
		return rc;
	}
	sqlite3_bind_text(st, 1, r->v[C_STUDENT], (int)r->len[C_STUDENT],
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, to_minute(at));
	sqlite3_bind_int(st, 3, kind);
	rel_rec_bind(st, 4, r, C_ADULT);
	sqlite3_bind_int64(st, 5, rel_actor(db)->id);
	rc = sqlite3_step(st);
	*dup = rc == SQLITE_ROW;
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking for a check-in", e);
	return 0;
}

static int
write_checkin(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	long scale[3] = { 0, 0, 0 };
	sqlite3_int64 student, adult;
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *st;
	enum rel_vis vis;
	unsigned version = 0;
	int64_t at;
	int rc, kind = 0, i, txn;

	/* Every field is checked before anything is looked up or written. */
	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = rel_rec_time(r, C_AT, "at", 1, &at, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT) &&
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if (rel_rec_has(r, C_KIND) &&
	    (kind = rel_checkin_kind_code(r->v[C_KIND], r->len[C_KIND])) < 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "kind",
		    r->v[C_KIND], r->len[C_KIND], "is not checkin, exit_ticket, "
		    "greeting or conference");
	for (i = 0; i < 3; i++)
		if ((rc = rel_rec_int(r, C_MOOD + (size_t)i,
		    checkin_cols[C_MOOD + i].name, 1, 5, &scale[i], e)) != 0)
			return rc;
	if ((rc = rel_rec_text(r, C_NOTE, "note", REL_TEXT_MAX, 1, e)) != 0 ||
	    (rc = rel_rec_vis(r, C_VIS, REL_VIS_TEAM, &vis, e)) != 0)
		return rc;

	if ((txn = !sqlite3_get_autocommit(h)))
		sqlite3_file_control(h, "main", SQLITE_FCNTL_DATA_VERSION,
		    &version);
	if (!txn || stamp.db != db || stamp.version != version ||
	    stamp.changes != sqlite3_total_changes64(h))
		memo[0].len = memo[1].len = 0;
	stamp.db = NULL;
	if ((rc = person(db, 0, r, C_STUDENT, &student, e)) != 0) {
		int dup = 0;

		/* An export imported again holds the check-ins of students
		 * who have left since: those already here are duplicates,
		 * as they would have been the night before. */
		if (rc == REL_EDATA && (rc = left_duplicate(db, r, at, kind,
		    &dup, e)) == 0 && dup) {
			*out = REL_DUPLICATE;
			return 0;
		}
		return rc != 0 ? rc : REL_EDATA;
	}
	if (!rel_rec_has(r, C_ADULT))
		adult = rel_actor(db)->id;
	else if ((rc = person(db, 1, r, C_ADULT, &adult, e)) != 0)
		return rc;

	if ((rc = rel_db_stmt(db, sql_insert, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, to_minute(at));
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	sqlite3_bind_int(st, 4, kind);
	for (i = 0; i < 3; i++)
		if (scale[i] != 0)
			sqlite3_bind_int(st, 5 + i, (int)scale[i]);
	rel_rec_bind(st, 8, r, C_NOTE);
	sqlite3_bind_int(st, 9, (int)vis);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a check-in", e);
	*out = sqlite3_changes(h) == 0 ? REL_DUPLICATE : REL_ADDED;
	if (txn) {
		stamp.db = db;
		stamp.changes = sqlite3_total_changes64(h);
		stamp.version = version;
	}
	return 0;
}

/* A kind filter into its code (-1: none); 64 if not a kind. */
static int
kind_filter(const char *s, int *code, struct rel_err *e)
{
	*code = -1;
	if (s == NULL)
		return 0;
	if ((*code = rel_checkin_kind_code(s, strlen(s))) < 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--kind", s,
		    strlen(s), "is not checkin, exit_ticket, greeting or "
		    "conference");
	return 0;
}

/* Cells come out as the statement gives them, but for at (seconds into
 * a date-time) and the two codes (into names). */
static void
checkin_cell(struct rel_out *o, sqlite3_stmt *st, int i)
{
	char at[REL_DATETIME_LEN];
	const unsigned char *t;
	const char *s;

	switch (i) {
	case C_AT:
		rel_datetime_format(sqlite3_column_int64(st, i), at);
		rel_out_cell(o, at, strlen(at));
		break;
	case C_KIND:
		s = rel_checkin_kind_name(sqlite3_column_int(st, i));
		rel_out_cell(o, s, strlen(s));
		break;
	case C_VIS:
		s = rel_vis_name((enum rel_vis)sqlite3_column_int(st, i));
		rel_out_cell(o, s, strlen(s));
		break;
	default:
		t = sqlite3_column_text(st, i);
		rel_out_cell(o, (const char *)t, t ? (size_t)
		    sqlite3_column_bytes(st, i) : 0);
	}
}

/* The student is the outer loop, in student_id order, so that each
 * student's check-ins are one range of the (student, at) index and come
 * out in order without a sort. ?1 student rowid, ?2 adult rowid, ?3 kind
 * code (NULL: any), ?4 since, ?5 until, ?6 narrow to the set. As with
 * the roster, deactivated students are left out unless named (by ?1 or
 * in the set) or ?8 asks for them (an export, which takes everything
 * held): a list is what imports back, and an import refuses them. */
static const char sql_list[] =
    "SELECT s.student_id, c.at, a.adult_id, c.kind, c.mood, "
    "c.understanding, c.workload, c.note, c.visibility, s.id, c.visibility "
    "FROM student s CROSS JOIN checkin c ON c.student = s.id "
    "LEFT JOIN adult a ON a.id = c.adult "
    "WHERE " REL_SEES("c") " AND (?1 IS NULL OR s.id = ?1) "
    "AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    "AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?8 <> 0) "
    "AND c.at >= ?4 AND c.at < ?5 "
    "AND (?2 IS NULL OR c.adult = ?2) AND (?3 IS NULL OR c.kind = ?3) "
    "ORDER BY s.student_id, c.at, c.kind, ifnull(c.adult, 0)";

/* The same, keeping only the newest ?7 of each student. */
static const char sql_list_last[] =
    "SELECT student_id, at, adult_id, kind, mood, understanding, workload, "
    "note, visibility, sid, visibility FROM ("
    " SELECT s.student_id, c.at, a.adult_id, c.kind, c.mood, "
    " c.understanding, c.workload, c.note, c.visibility, s.id AS sid, "
    " ifnull(c.adult, 0) AS adult, row_number() OVER (PARTITION BY s.id "
    "  ORDER BY c.at DESC, c.kind DESC, ifnull(c.adult, 0) DESC) AS n "
    " FROM student s CROSS JOIN checkin c ON c.student = s.id "
    " LEFT JOIN adult a ON a.id = c.adult "
    " WHERE " REL_SEES("c") " AND (?1 IS NULL OR s.id = ?1) "
    " AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    " AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?8 <> 0) "
    " AND c.at >= ?4 AND c.at < ?5 "
    " AND (?2 IS NULL OR c.adult = ?2) AND (?3 IS NULL OR c.kind = ?3)) "
    "WHERE n <= ?7 ORDER BY student_id, at, kind, adult";

int
rel_checkin_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_int64 student, adult;
	sqlite3_stmt *st;
	int rc, kind;

	if (f->last < 0)
		return rel_err_set(e, REL_EUSAGE, "--last: %ld is not 1 or more",
		    f->last);
	if ((rc = kind_filter(f->kind, &kind, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, f->last > 0 ? sql_list_last : sql_list, &st,
	    e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (kind >= 0)
		sqlite3_bind_int(st, 3, kind);
	sqlite3_bind_int64(st, 4, f->since);
	sqlite3_bind_int64(st, 5, f->until);
	sqlite3_bind_int(st, 6, f->set != 0);
	if (f->last > 0)
		sqlite3_bind_int64(st, 7, f->last);
	sqlite3_bind_int(st, 8, f->inactive != 0);
	rc = rel_access_out(db, st, o, checkin_cell, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_missing_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "grade", "last_checkin", "days_since" };

	*n = NELEM(names);
	return names;
}

/* The students with no check-in since ?2 are found with one seek each
 * into the (student, at) index; only for them is the latest check-in
 * looked up, one step back from the end of the student's range (with a
 * kind or adult filter, a short walk back to the first that matches).
 * They are materialized so that the lookup runs once per student, not
 * once for each place the result is used. ?1 narrow to the set, ?3 kind
 * code, ?4 adult rowid (NULL: any). The day is floored, since at may be
 * before 1970. */
static const char sql_missing[] =
    "WITH m AS MATERIALIZED (SELECT s.id, "
    " (SELECT c.at FROM checkin c WHERE c.student = s.id "
    "  AND (?3 IS NULL OR c.kind = ?3) AND (?4 IS NULL OR c.adult = ?4) "
    "  AND " REL_SEES("c")
    "  ORDER BY c.at DESC LIMIT 1) AS last "
    " FROM student s WHERE s.active = 1 "
    " AND (?1 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    " AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.student = s.id "
    "  AND c.at >= ?2 AND (?3 IS NULL OR c.kind = ?3) "
    "  AND (?4 IS NULL OR c.adult = ?4) AND " REL_SEES("c") ")) "
    "SELECT s.student_id, s.given_name, s.family_name, s.grade, m.last, "
    "(m.last - ((m.last % 86400) + 86400) % 86400) / 86400 AS day "
    "FROM m JOIN student s ON s.id = m.id "
    "ORDER BY m.last IS NOT NULL, day, s.student_id";

int
rel_checkin_missing(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	char date[REL_DATE_LEN], days[24];
	const unsigned char *t;
	sqlite3_int64 adult;
	sqlite3_stmt *st;
	int32_t today = rel_today();
	int rc, kind, i;

	if ((rc = kind_filter(f->kind, &kind, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_missing, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, f->set != 0);
	sqlite3_bind_int64(st, 2, f->since);
	if (kind >= 0)
		sqlite3_bind_int(st, 3, kind);
	if (adult != 0)
		sqlite3_bind_int64(st, 4, adult);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 4; i++) {
			t = sqlite3_column_text(st, i);
			rel_out_cell(o, (const char *)t, t ? (size_t)
			    sqlite3_column_bytes(st, i) : 0);
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
			rel_out_cell(o, NULL, 0);
			rel_out_cell(o, NULL, 0);
		} else {
			int32_t day = (int32_t)sqlite3_column_int64(st, 5);

			rel_date_format(day, date);
			snprintf(days, sizeof(days), "%ld",
			    (long)today - (long)day);
			rel_out_cell(o, date, strlen(date));
			rel_out_cell(o, days, strlen(days));
		}
		rel_out_endrow(o);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return rel_db_fail(db, rc, "finding students without a check-in",
	    e);
}
