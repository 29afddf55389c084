/*
 * note.c: affirmations, feedback, observations, concerns and gratitude
 * entries: the write function of the importer, the list, and the balance
 * of positive notes to concerns.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col note_cols[] = {
	{ "student_id", 0 }, { "at", R | REL_COL_TIME }, { "adult_id", 0 }, { "kind", R },
	{ "text", R }, { "visibility", 0 }
};
enum { C_STUDENT, C_AT, C_ADULT, C_KIND, C_TEXT, C_VIS };

/* The order matters only for messages; "gratitude" is the one kind that
 * may have no student. */
static const char *const kinds[] = { "affirmation", "feedback",
	"observation", "concern", "gratitude" };
#define KINDS_EXPECTED \
	"is not affirmation, feedback, observation, concern or gratitude"

static int write_note(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind note_kind = {
	"notes", NULL, note_cols, NELEM(note_cols), write_note, "note"
};

const struct rel_import_kind *
rel_note_kind(void)
{
	return &note_kind;
}

const char *const *
rel_note_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "at", "adult_id",
		"kind", "text", "visibility" };

	*n = NELEM(names);
	return names;
}

/* The kind's name as stored (lower case), or NULL. */
static const char *
kind_of(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(kinds); i++)
		if (strlen(kinds[i]) == len && strncasecmp(s, kinds[i], len) == 0)
			return kinds[i];
	return NULL;
}

/* Is the text nothing but spaces, tabs and line breaks? */
static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(" \t\r\n", s[i]) == NULL)
			return 0;
	return 1;
}

static int
write_note(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	char at[REL_DATETIME_LEN];
	sqlite3_int64 student = 0, adult = 0;
	sqlite3_stmt *st;
	const char *kind;
	enum rel_vis vis;
	int64_t secs;
	int rc, found;

	/* Everything is checked before anything is looked up or written,
	 * so that a bad record changes nothing. */
	if (rel_rec_has(r, C_STUDENT) &&
	    (rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0)
		return rc;
	if ((rc = rel_rec_time(r, C_AT, "at", 1, &secs, e)) != 0)
		return rc;
	if (!rel_rec_has(r, C_KIND))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "kind",
		    "is empty; expected affirmation, feedback, observation, "
		    "concern or gratitude");
	if ((kind = kind_of(r->v[C_KIND], r->len[C_KIND])) == NULL)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "kind",
		    r->v[C_KIND], r->len[C_KIND], KINDS_EXPECTED);
	if (!rel_rec_has(r, C_STUDENT) && strcmp(kind, "gratitude") != 0)
		return rel_err_at(e, REL_EDATA, r->file, r->line, "student_id",
		    "is empty; only a gratitude entry may have no student");
	if (!rel_rec_has(r, C_TEXT) || blank(r->v[C_TEXT], r->len[C_TEXT]))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "text",
		    "is empty; a note needs its text");
	if ((rc = rel_rec_text(r, C_TEXT, "text", REL_TEXT_MAX, 1, e)) != 0 ||
	    (rc = rel_rec_vis(r, C_VIS, strcmp(kind, "concern") == 0 ?
	    REL_VIS_PRIVATE : REL_VIS_TEAM, &vis, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT) &&
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if (rel_rec_has(r, C_STUDENT) && (rc = rel_person(db, 0,
	    r->v[C_STUDENT], r->len[C_STUDENT], "student_id", r->file, r->line,
	    &student, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT)) {
		if ((rc = rel_person(db, 1, r->v[C_ADULT], r->len[C_ADULT],
		    "adult_id", r->file, r->line, &adult, e)) != 0)
			return rc;
	} else
		adult = rel_actor(db)->id;
	if (student == 0 && adult == 0)
		return rel_err_at(e, REL_EDATA, r->file, r->line, "adult_id",
		    "is empty; a gratitude entry with no student needs an adult "
		    "(adult_id, or --as)");
	rel_datetime_format(secs, at);
	if ((rc = rel_rec_key(r, C_TEXT, "text", "note (student_id, at, "
	    "adult_id, kind and text)", e, "%lld\037%s\037%lld\037%s\037%.*s",
	    (long long)student, at, (long long)adult, kind,
	    (int)r->len[C_TEXT], r->v[C_TEXT])) != 0)
		return rc;

	/* The same note twice (an export imported again) is a duplicate.
	 * IS compares the NULL-able columns; note_student or note_adult
	 * serves the lookup. */
	if ((rc = rel_db_stmt(db, "SELECT 1 FROM note WHERE student IS ?1 "
	    "AND at = ?2 AND adult IS ?3 AND kind = ?4 AND text = ?5", &st,
	    e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->v[C_TEXT], (int)r->len[C_TEXT],
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a note", e);
	if (found) {
		*out = REL_DUPLICATE;
		return 0;
	}

	if ((rc = rel_db_stmt(db, "INSERT INTO note (student, at, adult, kind, "
	    "text, visibility) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->v[C_TEXT], (int)r->len[C_TEXT],
	    SQLITE_STATIC);
	sqlite3_bind_int(st, 6, (int)vis);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a note", e);
	*out = REL_ADDED;
	return 0;
}

/* The filter's student, adult, kind and window, checked and bound to the
 * first five parameters of a statement: ?1 student rowid, ?2 adult
 * rowid, ?3 kind, ?4 since, ?5 until (NULL: no filter). */
static int
bind_filter(struct rel_db *db, sqlite3_stmt *st, const struct rel_filter *f,
    const char *kind, struct rel_err *e)
{
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	sqlite3_int64 student, adult;
	int rc;

	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (kind != NULL)
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	/* at is stored as YYYY-MM-DDTHH:MM:SS, which sorts as it reads. */
	if (f->since != INT64_MIN) {
		rel_datetime_format(f->since, since);
		sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
	}
	if (f->until != INT64_MAX) {
		rel_datetime_format(f->until, until);
		sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
	}
	return 0;
}

/* --last N counts per student; the gratitude entries with no student
 * count per adult. */
static const char sql_list[] =
    "SELECT student_id, at, adult_id, kind, text, visibility, student, "
    "vis FROM ("
    " SELECT s.student_id, n.at, a.adult_id, n.kind, n.text, "
    " CASE n.visibility WHEN 0 THEN 'staff' WHEN 1 THEN 'team' "
    "  ELSE 'private' END AS visibility, n.visibility AS vis, n.id, "
    " n.student, "
    " row_number() OVER (PARTITION BY n.student, "
    "  CASE WHEN n.student IS NULL THEN n.adult END "
    "  ORDER BY n.at DESC, n.id DESC) AS newest "
    " FROM note n LEFT JOIN student s ON s.id = n.student "
    " LEFT JOIN adult a ON a.id = n.adult "
    " WHERE " REL_SEES("n")
    " AND (?1 IS NULL OR n.student = ?1) AND (?2 IS NULL OR n.adult = ?2) "
    " AND (?3 IS NULL OR n.kind = ?3) AND (?4 IS NULL OR n.at >= ?4) "
    " AND (?5 IS NULL OR n.at < ?5) "
    " AND (?6 = 0 OR n.student IN (SELECT id FROM temp.rel_set))) "
    "WHERE (?7 = 0 OR newest <= ?7) "
    "ORDER BY student IS NULL, student_id, at, adult_id, id";

/* A --kind option: NULL for none, else the stored name; 64 if unknown. */
static int
kind_opt(const char *s, const char **kind, struct rel_err *e)
{
	*kind = NULL;
	if (s == NULL)
		return 0;
	if ((*kind = kind_of(s, strlen(s))) == NULL)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--kind", s,
		    strlen(s), KINDS_EXPECTED);
	return 0;
}

int
rel_note_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	const char *kind;
	sqlite3_stmt *st;
	int rc;

	if (f->source != NULL)
		return rel_err_set(e, REL_EUSAGE, "--source does not apply to "
		    "notes");
	if (f->last < 0)
		return rel_err_set(e, REL_EUSAGE, "--last: %ld is not 1 or more",
		    f->last);
	if ((rc = kind_opt(f->kind, &kind, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_list, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, f, kind, e)) != 0) {
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_bind_int(st, 6, f->set != 0);
	sqlite3_bind_int64(st, 7, f->last);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_balance_cols(enum rel_balance_by by, size_t *n)
{
	static const char *const student[] = { "student_id", "given_name",
		"family_name", "positive", "concerns", "other", "ratio",
		"lean" };
	static const char *const adult[] = { "adult_id", "given_name",
		"family_name", "positive", "concerns", "other", "ratio",
		"lean" };

	*n = NELEM(student);
	return by == REL_BALANCE_ADULT ? adult : student;
}

/* The counts of the notes matching the filter (?3, the kind, is unused).
 * Gratitude is not counted, so every row has at least one note that is.
 * The ratio and the lean are worked out as rel_note_balance says. */
#define BALANCE_NOTES \
    " FROM note n WHERE n.kind <> 'gratitude' AND " REL_SEES("n") \
    " AND (?1 IS NULL OR n.student = ?1) AND (?2 IS NULL OR n.adult = ?2) " \
    " AND (?4 IS NULL OR n.at >= ?4) AND (?5 IS NULL OR n.at < ?5) " \
    " AND (?6 = 0 OR n.student IN (SELECT id FROM temp.rel_set)) "
#define BALANCE_COUNTS \
    " sum(n.kind IN ('affirmation', 'feedback')) AS p, " \
    " sum(n.kind = 'concern') AS c, sum(n.kind = 'observation') AS x "
#define BALANCE_OUT \
    "SELECT id, given_name, family_name, p, c, x, " \
    " CASE WHEN c > 0 THEN printf('%.1f', 1.0 * p / c) END, lean FROM (" \
    " SELECT *, CASE WHEN c > p THEN 'concerns' " \
    "  WHEN p > 0 AND p >= 3 * c THEN 'positive' ELSE 'mixed' END AS lean "

static const char sql_balance_student[] =
    BALANCE_OUT
    " FROM (SELECT s.student_id AS id, s.given_name, s.family_name, k.* "
    "  FROM (SELECT n.student AS who, " BALANCE_COUNTS BALANCE_NOTES
    "   AND n.student IS NOT NULL GROUP BY n.student) k "
    "  JOIN student s ON s.id = k.who AND s.active = 1)) "
    "ORDER BY CASE lean WHEN 'concerns' THEN 0 WHEN 'mixed' THEN 1 "
    " ELSE 2 END, id";

static const char sql_balance_adult[] =
    BALANCE_OUT
    " FROM (SELECT a.adult_id AS id, a.given_name, a.family_name, k.* "
    "  FROM (SELECT n.adult AS who, " BALANCE_COUNTS BALANCE_NOTES
    "   AND n.adult IS NOT NULL GROUP BY n.adult) k "
    "  JOIN adult a ON a.id = k.who AND a.active = 1)) "
    "ORDER BY CASE lean WHEN 'concerns' THEN 0 WHEN 'mixed' THEN 1 "
    " ELSE 2 END, id";

int
rel_note_balance(struct rel_db *db, enum rel_balance_by by,
    const struct rel_filter *f, struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (f->kind != NULL)
		return rel_err_set(e, REL_EUSAGE, "--kind does not apply to the "
		    "balance, which counts every kind");
	if (f->source != NULL || f->last != 0)
		return rel_err_set(e, REL_EUSAGE, "--%s does not apply to the "
		    "balance", f->source != NULL ? "source" : "last");
	if ((rc = rel_db_stmt(db, by == REL_BALANCE_ADULT ? sql_balance_adult :
	    sql_balance_student, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, f, NULL, e)) != 0) {
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_bind_int(st, 6, f->set != 0);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}
