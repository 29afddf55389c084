/*
 * family.c: contacts with students' families: writing one (the import
 * kind), the list and its per-student summary, the open follow-ups, the
 * families that have gone quiet, and the card's section.
 *
 * Every read goes through REL_SEES, and so does every judgement made from
 * other contacts: a follow-up is done, and a family quiet, on the contacts
 * the acting adult may see. Counselors and admins see them all; another
 * adult is never told, even by an absence, that a contact they may not
 * see exists.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col family_cols[] = {
	{ "student_id", R }, { "at", R | REL_COL_TIME }, { "adult_id", 0 }, { "channel", R },
	{ "direction", R }, { "tone", 0 }, { "contact_name", 0 },
	{ "relationship", 0 }, { "language", 0 }, { "summary", 0 },
	{ "follow_up_on", REL_COL_DATE }, { "visibility", 0 }
};
enum {
	C_STUDENT, C_AT, C_ADULT, C_CHANNEL, C_DIRECTION, C_TONE, C_NAME,
	C_RELATIONSHIP, C_LANGUAGE, C_SUMMARY, C_FOLLOW, C_VIS
};

/* The values of migration 8's CHECKs, NULL-terminated for rel_rec_enum. */
static const char *const channels[] = { "call", "text", "email", "letter",
	"home_visit", "meeting", "conference", "workshop", "event", NULL };
static const char *const directions[] = { "to_home", "from_home", NULL };
static const char *const tones[] = { "positive", "neutral", "concern",
	NULL };
#define CHANNELS_EXPECTED "call, text, email, letter, home_visit, meeting, " \
	"conference, workshop or event"
#define DIRECTIONS_EXPECTED "to_home or from_home"
#define TONES_EXPECTED "positive, neutral or concern"

#define NAME_MAX_BYTES 200
#define WORD_MAX_BYTES 100

static int write_family(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind family_kind = {
	"family contacts", NULL, family_cols, NELEM(family_cols), write_family,
	"family contact"
};

const struct rel_import_kind *
rel_family_kind(void)
{
	return &family_kind;
}

const char *const *
rel_family_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "at", "adult_id",
		"channel", "direction", "tone", "contact_name", "relationship",
		"language", "summary", "follow_up_on", "visibility" };

	*n = NELEM(names);
	return names;
}

void
rel_family_filter_init(struct rel_family_filter *ff)
{
	memset(ff, 0, sizeof(*ff));
	rel_filter_init(&ff->f);
}

/* The whole minute at or before secs (secs may be before 1970). */
static int64_t
to_minute(int64_t secs)
{
	return secs - ((secs % 60) + 60) % 60;
}

static int32_t
day_of(int64_t secs)
{
	return (int32_t)((secs - ((secs % 86400) + 86400) % 86400) / 86400);
}

/* A required value from a fixed list, stored lower case. */
static int
need_enum(const struct rel_rec *r, size_t i, const char *col,
    const char *const *allowed, const char *expected, char *buf, size_t n,
    struct rel_err *e)
{
	if (!rel_rec_has(r, i))
		return rel_err_at(e, REL_EDATA, r->file, r->line, col,
		    "is empty; expected %s", expected);
	return rel_rec_enum(r, i, col, allowed, buf, n, e);
}

/* The author may since have left: what they recorded stays theirs, and a
 * list imports back. So any known adult will do, active or not. */
static int
known_adult(struct rel_db *db, const struct rel_rec *r, sqlite3_int64 *rowid,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT id FROM adult WHERE adult_id = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, r->v[C_ADULT], (int)r->len[C_ADULT],
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking up an id", e);
	if (*rowid == 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "adult_id",
		    r->v[C_ADULT], r->len[C_ADULT], "is not a known adult");
	return 0;
}

/* ON CONFLICT DO NOTHING (not OR IGNORE, which would also swallow a
 * failed CHECK): the unique index of migration 8 is the duplicate rule. */
static const char sql_insert[] =
    "INSERT INTO family_contact (student, at, adult, channel, direction, "
    "tone, contact_name, relationship, language, summary, follow_up_on, "
    "visibility) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT DO NOTHING";

static int
write_family(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	char at[REL_DATETIME_LEN], date[REL_DATE_LEN], follow[REL_DATE_LEN];
	char channel[16], direction[16], tone[16], gname[520], grel[16];
	sqlite3_int64 student, adult;
	sqlite3_stmt *st;
	enum rel_vis vis;
	int32_t fday = 0;
	int64_t secs;
	int rc;

	/* Every field is checked before anything is looked up or written,
	 * so that a bad record changes nothing. */
	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = rel_rec_time(r, C_AT, "at", 1, &secs, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT) &&
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if ((rc = need_enum(r, C_CHANNEL, "channel", channels,
	    CHANNELS_EXPECTED, channel, sizeof(channel), e)) != 0 ||
	    (rc = need_enum(r, C_DIRECTION, "direction", directions,
	    DIRECTIONS_EXPECTED, direction, sizeof(direction), e)) != 0 ||
	    (rc = rel_rec_enum(r, C_TONE, "tone", tones, tone, sizeof(tone),
	    e)) != 0)
		return rc;
	if (tone[0] == '\0')
		rel_strlcpy(tone, "neutral", sizeof(tone));
	if ((rc = rel_rec_text(r, C_NAME, "contact_name", NAME_MAX_BYTES, 0,
	    e)) != 0 ||
	    (rc = rel_rec_text(r, C_RELATIONSHIP, "relationship",
	    WORD_MAX_BYTES, 0, e)) != 0 ||
	    (rc = rel_rec_text(r, C_LANGUAGE, "language", WORD_MAX_BYTES, 0,
	    e)) != 0 ||
	    (rc = rel_rec_text(r, C_SUMMARY, "summary", REL_TEXT_MAX, 1,
	    e)) != 0)
		return rc;
	secs = to_minute(secs);
	if (rel_rec_has(r, C_FOLLOW)) {
		if (rel_date_parse(r->v[C_FOLLOW], r->len[C_FOLLOW], &fday) != 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "follow_up_on", r->v[C_FOLLOW], r->len[C_FOLLOW],
			    "is not a date (YYYY-MM-DD)");
		if (fday < day_of(secs)) {
			rel_date_format(day_of(secs), date);
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "follow_up_on", r->v[C_FOLLOW], r->len[C_FOLLOW],
			    "is before the contact's date, %s; a follow-up must "
			    "be on or after it", date);
		}
		rel_date_format(fday, follow);
	}
	if ((rc = rel_rec_vis(r, C_VIS, REL_VIS_PRIVATE, &vis, e)) != 0)
		return rc;

	if ((rc = rel_person(db, 0, r->v[C_STUDENT], r->len[C_STUDENT],
	    "student_id", r->file, r->line, &student, e)) != 0)
		return rc;
	if (!rel_rec_has(r, C_ADULT))
		adult = rel_actor(db)->id;
	else if ((rc = known_adult(db, r, &adult, e)) != 0)
		return rc;
	rel_datetime_format(secs, at);
	/* The key of the table's unique index. */
	if ((rc = rel_rec_key(r, C_AT, "at", "family contact (student_id, "
	    "minute, channel, direction and adult_id)", e,
	    "%lld\037%s\037%s\037%s\037%lld", (long long)student, at, channel,
	    direction, (long long)adult)) != 0)
		return rc;
	/* With no name given, the student's one guardian (of the
	 * relationship given, if one is) is who the contact was with. */
	gname[0] = grel[0] = '\0';
	if (!rel_rec_has(r, C_NAME)) {
		int n = 0;

		if ((rc = rel_db_stmt(db, "SELECT name, relationship FROM "
		    "guardian WHERE student = ?1 AND active = 1 AND (?2 IS NULL "
		    "OR relationship = ?2 COLLATE NOCASE) LIMIT 2", &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, student);
		rel_rec_bind(st, 2, r, C_RELATIONSHIP);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ == 0) {
			rel_strlcpy(gname, (const char *)
			    sqlite3_column_text(st, 0), sizeof(gname));
			rel_strlcpy(grel, (const char *)
			    sqlite3_column_text(st, 1), sizeof(grel));
		}
		sqlite3_clear_bindings(st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rel_db_fail(db, rc, "reading guardians", e);
		if (n != 1)
			gname[0] = grel[0] = '\0';
	}

	if ((rc = rel_db_stmt(db, sql_insert, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	sqlite3_bind_text(st, 4, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, direction, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, tone, -1, SQLITE_STATIC);
	if (gname[0] != '\0')
		sqlite3_bind_text(st, 7, gname, -1, SQLITE_STATIC);
	else
		rel_rec_bind(st, 7, r, C_NAME);
	if (gname[0] != '\0' && !rel_rec_has(r, C_RELATIONSHIP))
		sqlite3_bind_text(st, 8, grel, -1, SQLITE_STATIC);
	else
		rel_rec_bind(st, 8, r, C_RELATIONSHIP);
	rel_rec_bind(st, 9, r, C_LANGUAGE);
	rel_rec_bind(st, 10, r, C_SUMMARY);
	if (rel_rec_has(r, C_FOLLOW))
		sqlite3_bind_text(st, 11, follow, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, (int)vis);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a family contact", e);
	*out = sqlite3_changes(rel_db_handle(db)) == 0 ? REL_DUPLICATE :
	    REL_ADDED;
	return 0;
}

/* The filters of a list or a summary, checked and bound: ?1 student
 * rowid, ?2 adult rowid, ?3 channel, ?4 direction, ?5 tone, ?6 since,
 * ?7 until (NULL: no filter), ?8 narrow to the set, ?9 deactivated
 * students too. */
static int
bind_filter(struct rel_db *db, sqlite3_stmt *st,
    const struct rel_family_filter *ff, struct rel_err *e)
{
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	const struct rel_filter *f = &ff->f;
	const char *channel, *direction, *tone;
	sqlite3_int64 student, adult;
	int rc;

	if (f->kind != NULL || f->source != NULL || f->last != 0)
		return rel_err_set(e, REL_EUSAGE, "--%s does not apply to family "
		    "contacts", f->kind != NULL ? "kind" : f->source != NULL ?
		    "source" : "last");
	if ((rc = rel_word_opt("--channel", ff->channel, channels,
	    CHANNELS_EXPECTED, &channel, e)) != 0 ||
	    (rc = rel_word_opt("--direction", ff->direction, directions,
	    DIRECTIONS_EXPECTED, &direction, e)) != 0 ||
	    (rc = rel_word_opt("--tone", ff->tone, tones, TONES_EXPECTED, &tone,
	    e)) != 0)
		return rc;
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (channel != NULL)
		sqlite3_bind_text(st, 3, channel, -1, SQLITE_STATIC);
	if (direction != NULL)
		sqlite3_bind_text(st, 4, direction, -1, SQLITE_STATIC);
	if (tone != NULL)
		sqlite3_bind_text(st, 5, tone, -1, SQLITE_STATIC);
	/* at is stored as YYYY-MM-DDTHH:MM:SS, which sorts as it reads. */
	if (f->since != INT64_MIN) {
		rel_datetime_format(f->since, since);
		sqlite3_bind_text(st, 6, since, -1, SQLITE_TRANSIENT);
	}
	if (f->until != INT64_MAX) {
		rel_datetime_format(f->until, until);
		sqlite3_bind_text(st, 7, until, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 8, f->set != 0);
	sqlite3_bind_int(st, 9, f->inactive != 0);
	return 0;
}

#define FILTER_WHERE(f) \
    REL_SEES(f) " AND (?1 IS NULL OR s.id = ?1) " \
    "AND (?2 IS NULL OR " f ".adult = ?2) " \
    "AND (?3 IS NULL OR " f ".channel = ?3) " \
    "AND (?4 IS NULL OR " f ".direction = ?4) " \
    "AND (?5 IS NULL OR " f ".tone = ?5) " \
    "AND (?6 IS NULL OR " f ".at >= ?6) AND (?7 IS NULL OR " f ".at < ?7) " \
    "AND (?8 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) " \
    "AND (s.active = 1 OR ?1 IS NOT NULL OR ?8 <> 0 OR ?9 <> 0) "

/* The student is the outer loop, in student_id order, so that each
 * student's contacts are one range of the (student, at, ...) index and
 * come out in order. As with check-ins, deactivated students are left
 * out unless named, in the set, or asked for (an export). */
static const char sql_list[] =
    "SELECT s.student_id, f.at, a.adult_id, f.channel, f.direction, "
    "f.tone, f.contact_name, f.relationship, f.language, f.summary, "
    "f.follow_up_on, CASE f.visibility WHEN 0 THEN 'staff' "
    " WHEN 1 THEN 'team' ELSE 'private' END, s.id, f.visibility "
    "FROM student s CROSS JOIN family_contact f ON f.student = s.id "
    "LEFT JOIN adult a ON a.id = f.adult "
    "WHERE " FILTER_WHERE("f")
    "ORDER BY s.student_id, f.at, f.channel, f.direction, "
    "ifnull(f.adult, 0)";

int
rel_family_list(struct rel_db *db, const struct rel_family_filter *ff,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_list, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, ff, e)) == 0)
		rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_family_summary_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "contacts", "positive", "neutral", "concern",
		"to_home", "from_home", "last_at", "last_positive_at",
		"balance" };

	*n = NELEM(names);
	return names;
}

/* The audit sees each row as private when any contact it counts is. */
static const char sql_summary[] =
    "SELECT s.student_id, s.given_name, s.family_name, count(*), "
    "sum(f.tone = 'positive') AS p, sum(f.tone = 'neutral'), "
    "sum(f.tone = 'concern') AS c, sum(f.direction = 'to_home'), "
    "sum(f.direction = 'from_home'), max(f.at), "
    "max(CASE WHEN f.tone = 'positive' THEN f.at END), "
    "CASE WHEN sum(f.tone = 'concern') > 0 THEN printf('%.1f', "
    " 1.0 * sum(f.tone = 'positive') / sum(f.tone = 'concern')) END, "
    "s.id, max(f.visibility) "
    "FROM student s CROSS JOIN family_contact f ON f.student = s.id "
    "WHERE " FILTER_WHERE("f")
    "GROUP BY s.id ORDER BY s.student_id";

int
rel_family_summary(struct rel_db *db, const struct rel_family_filter *ff,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_summary, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, ff, e)) == 0)
		rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_family_due_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "follow_up_on", "days_overdue", "at", "adult_id",
		"channel", "tone", "contact_name", "relationship", "language",
		"summary" };

	*n = NELEM(names);
	return names;
}

/* The follow-ups come from their partial index; a later contact (one
 * the acting adult may see) marks one done. ?1 the last day due, ?2
 * today, ?3 the author (NULL: anyone's), ?4 narrow to the set. */
static const char sql_due[] =
    "SELECT s.student_id, s.given_name, s.family_name, f.follow_up_on, "
    "CAST(julianday(?2) - julianday(f.follow_up_on) AS INTEGER), f.at, "
    "a.adult_id, f.channel, f.tone, f.contact_name, f.relationship, "
    "f.language, f.summary, s.id, f.visibility "
    "FROM family_contact f JOIN student s ON s.id = f.student "
    "LEFT JOIN adult a ON a.id = f.adult "
    "WHERE f.follow_up_on IS NOT NULL AND f.follow_up_on <= ?1 "
    "AND s.active = 1 AND " REL_SEES("f")
    " AND (?3 IS NULL OR f.adult = ?3) "
    "AND (?4 = 0 OR f.student IN (SELECT id FROM temp.rel_set)) "
    "AND NOT EXISTS (SELECT 1 FROM family_contact d "
    " WHERE d.student = f.student AND d.at > f.at AND " REL_SEES("d") ") "
    "ORDER BY f.follow_up_on, s.student_id, f.at, ifnull(f.adult, 0)";

int
rel_family_due(struct rel_db *db, enum rel_family_whose whose,
    const char *adult, int32_t on, int set, struct rel_out *o,
    struct rel_err *e)
{
	char day[REL_DATE_LEN], today[REL_DATE_LEN];
	sqlite3_int64 who = 0;
	sqlite3_stmt *st;
	int rc;

	if (whose == REL_FAMILY_MINE && (who = rel_actor(db)->id) == 0)
		return rel_err_set(e, REL_EUSAGE, "due: whose follow-ups? With "
		    "no acting adult, give --as ADULT_ID, --adult ID, or --all "
		    "for everyone's");
	if (whose == REL_FAMILY_ADULT && (rc = rel_id_rowid(db, REL_ADULT,
	    "--adult", adult, &who, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_due, &st, e)) != 0)
		return rc;
	rel_date_format(on, day);
	rel_date_format(rel_today(), today);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	if (who != 0)
		sqlite3_bind_int64(st, 3, who);
	sqlite3_bind_int(st, 4, set != 0);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_family_quiet_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "grade", "last_contact_at", "last_positive_at",
		"contacts_in_window", "concerns_in_window", "reason" };

	*n = NELEM(names);
	return names;
}

/* The window's contacts are counted with one range of the (student, at)
 * index per student; only for the quiet ones are the latest contact and
 * the latest positive one looked up. The audit sees a row as private
 * when a private contact went into it: one counted, or one whose date is
 * shown. ?1 since, ?2 narrow to the set. */
static const char sql_quiet[] =
    "WITH w AS MATERIALIZED (SELECT s.id, count(f.id) AS n, "
    " count(CASE WHEN f.tone = 'concern' THEN 1 END) AS c, "
    " ifnull(max(f.visibility), 0) AS vis "
    " FROM student s LEFT JOIN family_contact f ON f.student = s.id "
    "  AND f.at >= ?1 AND " REL_SEES("f")
    " WHERE s.active = 1 "
    " AND (?2 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    " GROUP BY s.id HAVING n = c), "
    "q AS MATERIALIZED (SELECT w.*, "
    " (SELECT f.at FROM family_contact f WHERE f.student = w.id "
    "  AND " REL_SEES("f") " ORDER BY f.at DESC LIMIT 1) AS last, "
    " (SELECT f.at FROM family_contact f WHERE f.student = w.id "
    "  AND f.tone = 'positive' AND " REL_SEES("f")
    "  ORDER BY f.at DESC LIMIT 1) AS lastp FROM w) "
    "SELECT s.student_id, s.given_name, s.family_name, s.grade, q.last, "
    "q.lastp, q.n, q.c, CASE WHEN q.n = 0 THEN 'none' "
    " ELSE 'concern_only' END, s.id, "
    "max(q.vis, ifnull((SELECT max(f.visibility) FROM family_contact f "
    " WHERE f.student = q.id AND f.at IN (q.last, q.lastp) "
    " AND " REL_SEES("f") "), 0)) "
    "FROM q JOIN student s ON s.id = q.id "
    "ORDER BY q.last IS NOT NULL, q.last, s.student_id";

int
rel_family_quiet(struct rel_db *db, int64_t since, int set, struct rel_out *o,
    struct rel_err *e)
{
	char from[REL_DATETIME_LEN];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_quiet, &st, e)) != 0)
		return rc;
	rel_datetime_format(since, from);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, set != 0);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_family_guardian_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "guardian_id",
		"name", "relationship", "email", "phone", "sms", "active" };

	*n = NELEM(names);
	return names;
}

/* ?1 narrow to the set, ?2 inactive ones too. The last two columns are
 * rel_access_out's: the student, and a visibility of staff (a guardian
 * is directory information, not a private record). */
static const char sql_guardians[] =
    "SELECT s.student_id, g.guardian_id, g.name, g.relationship, g.email, "
    "g.phone, g.sms, g.active, s.id, 0 FROM guardian g "
    "JOIN student s ON s.id = g.student "
    "WHERE " REL_TEAM("s.id") " AND s.active = 1 "
    "AND (?1 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    "AND (?2 = 1 OR g.active = 1) "
    "ORDER BY s.student_id, g.name, g.guardian_id";

int
rel_family_guardians(struct rel_db *db, int set, int all, struct rel_out *o,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_guardians, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, set != 0);
	sqlite3_bind_int(st, 2, all != 0);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
	return rc;
}

int
rel_family_ahead(const char *opt, const char *s, int32_t *days,
    struct rel_err *e)
{
	size_t len = strlen(s), i;
	int32_t today = rel_today();
	long n = 0;
	unsigned m, d, mdays;
	int y;

	if (len == 10 && s[4] == '-') {
		if (rel_date_parse(s, len, days) == 0)
			return 0;
		goto bad;
	}
	if (strcmp(s, "today") == 0 || strcmp(s, "tomorrow") == 0) {
		*days = today + (strcmp(s, "tomorrow") == 0);
		return 0;
	}
	if (len < 2 || len > 6)
		goto bad;
	for (i = 0; i < len - 1; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		n = n * 10 + (s[i] - '0');
	}
	switch (s[len - 1]) {
	case 'd':
		*days = today + (int32_t)n;
		return 0;
	case 'w':
		*days = today + 7 * (int32_t)n;
		return 0;
	case 'm':
		/* 99999m is 8333 years: past 9999 is no date. */
		rel_civil_from_days(today, &y, &m, &d);
		n += m - 1;
		y += (int)(n / 12);
		m = (unsigned)(n % 12) + 1;
		/* 31 January and a month is the end of February. */
		mdays = (unsigned)(rel_days_from_civil(m == 12 ? y + 1 : y,
		    m % 12 + 1, 1) - rel_days_from_civil(y, m, 1));
		*days = rel_days_from_civil(y, m, d < mdays ? d : mdays);
		if (!rel_date_in_range(*days))
			goto bad;
		return 0;
	default:
		break;
	}
bad:
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, len, "is not a "
	    "date (YYYY-MM-DD) or a span ahead of today (7d, 2w, 1m, today, "
	    "tomorrow)");
}

/* The card. */

static const unsigned char *
col(sqlite3_stmt *st, int i)
{
	return sqlite3_column_text(st, i);
}

static int
has(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) != SQLITE_NULL &&
	    sqlite3_column_bytes(st, i) > 0;
}

/* A channel as a reader says it. */
static const char *
channel_words(const unsigned char *s)
{
	return strcmp((const char *)s, "home_visit") == 0 ? "home visit" :
	    (const char *)s;
}

static void
card_adult(struct rel_card *c, const char *by, sqlite3_stmt *st, int i)
{
	if (!has(st, i))
		return;
	fputs(by, c->fp);
	rel_card_put(c, col(st, i));
	putc(' ', c->fp);
	rel_card_put(c, col(st, i + 1));
}

#define CARD_LAST 5

static int
card_contacts(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    int *n, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT substr(f.at, 1, 10), f.channel, "
	    "f.direction, f.tone, f.contact_name, f.relationship, f.language, "
	    "a.given_name, a.family_name, f.summary "
	    "FROM family_contact f LEFT JOIN adult a ON a.id = f.adult "
	    "WHERE f.student = ?1 AND " REL_SEES("f")
	    " ORDER BY f.at DESC, f.id DESC LIMIT ?2", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, CARD_LAST);
	for (*n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; (*n)++) {
		rel_card_bullet(c);
		fprintf(c->fp, "%s %s %s, %s", col(st, 0),
		    channel_words(col(st, 1)),
		    strcmp((const char *)col(st, 2), "to_home") == 0 ?
		    "to home" : "from home", col(st, 3));
		if (has(st, 4)) {
			fputs(", with ", c->fp);
			rel_card_put(c, col(st, 4));
			if (has(st, 5)) {
				fputs(" (", c->fp);
				rel_card_put(c, col(st, 5));
				putc(')', c->fp);
			}
		} else if (has(st, 5)) {
			fputs(", with the ", c->fp);
			rel_card_put(c, col(st, 5));
		}
		if (has(st, 6)) {
			fputs(", in ", c->fp);
			rel_card_put(c, col(st, 6));
		}
		card_adult(c, ", by ", st, 7);
		if (has(st, 9)) {
			fputs(": ", c->fp);
			rel_card_put(c, col(st, 9));
		}
		rel_card_end(c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading family contacts", e);
}

/* The open follow-ups: as rel_family_due sees them, whenever due. */
static int
card_follow_ups(struct rel_db *db, sqlite3_int64 sid,
    struct rel_card *c, int *n, struct rel_err *e)
{
	char today[REL_DATE_LEN];
	sqlite3_stmt *st;
	long late;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT f.follow_up_on, "
	    "CAST(julianday(?2) - julianday(f.follow_up_on) AS INTEGER), "
	    "f.channel, substr(f.at, 1, 10), a.given_name, a.family_name "
	    "FROM family_contact f LEFT JOIN adult a ON a.id = f.adult "
	    "WHERE f.student = ?1 AND f.follow_up_on IS NOT NULL "
	    "AND " REL_SEES("f") " AND NOT EXISTS (SELECT 1 "
	    " FROM family_contact d WHERE d.student = f.student "
	    " AND d.at > f.at AND " REL_SEES("d") ") "
	    "ORDER BY f.follow_up_on, f.at", &st, e)) != 0)
		return rc;
	rel_date_format(rel_today(), today);
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*n)++;
		late = (long)sqlite3_column_int64(st, 1);
		rel_card_bullet(c);
		rel_card_strong(c, "open follow-up");
		fprintf(c->fp, ": %s ", col(st, 0));
		if (late > 0)
			fprintf(c->fp, "(%ld day%s overdue)", late,
			    late == 1 ? "" : "s");
		else if (late == 0)
			fputs("(due today)", c->fp);
		else
			fprintf(c->fp, "(in %ld day%s)", -late,
			    late == -1 ? "" : "s");
		fprintf(c->fp, ", after the %s of %s",
		    channel_words(col(st, 2)), col(st, 3));
		card_adult(c, " by ", st, 4);
		rel_card_end(c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading family follow-ups", e);
}

/* The card's line of who the family is. */
static int
card_guardians(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    int *n, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT name, relationship, "
	    "coalesce(phone, sms, email) FROM guardian WHERE student = ?1 "
	    "AND active = 1 ORDER BY name", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*n)++;
		rel_card_bullet(c);
		fputs("Family: ", c->fp);
		rel_card_put(c, col(st, 0));
		fprintf(c->fp, " (%s", col(st, 1));
		if (has(st, 2)) {
			fputs(", ", c->fp);
			rel_card_put(c, col(st, 2));
		}
		putc(')', c->fp);
		rel_card_end(c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "reading guardians",
	    e);
}

int
rel_family_card(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    struct rel_err *e)
{
	int rc, n = 0, ng = 0;

	rel_card_heading(c, "Family contacts");
	if ((rc = card_guardians(db, sid, c, &ng, e)) != 0 ||
	    (rc = card_contacts(db, sid, c, &n, e)) != 0 ||
	    (rc = card_follow_ups(db, sid, c, &n, e)) != 0)
		return rc;
	if (n + ng == 0)
		rel_card_none(c);
	return 0;
}
