/*
 * restore.c: restorative cases and their parties: the write functions of
 * the importers (which open, the sample and import all run), update and
 * close, the lists, the follow-ups due, and the student card's section.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col case_cols[] = {
	{ "case_id", 0 }, { "opened_at", R | REL_COL_TIME }, { "adult_id", 0 },
	{ "kind", 0 }, { "summary", 0 }, { "agreement", 0 }, { "status", 0 },
	{ "follow_up_on", REL_COL_DATE }, { "closed_at", REL_COL_TIME }, { "visibility", 0 }
};
enum { C_ID, C_OPENED, C_ADULT, C_KIND, C_SUMMARY, C_AGREEMENT, C_STATUS,
	C_FOLLOW, C_CLOSED, C_VIS, NCASE };

static const struct rel_csv_col party_cols[] = {
	{ "case_id", R }, { "student_id", 0 }, { "adult_id", 0 },
	{ "role", R }
};
enum { P_CASE, P_STUDENT, P_ADULT, P_ROLE, NPARTY };

/* The parties file of an open: the party columns without case_id. */
static const struct rel_csv_col open_cols[] = {
	{ "student_id", 0 }, { "adult_id", 0 }, { "role", R }
};

static const char *const kinds[] = { "harm", "conflict", "circle",
	"reentry", NULL };
static const char *const statuses[] = { "open", "circle_held",
	"agreement", "repaired", "closed", NULL };
static const char *const roles[] = { "harmed", "responsible", "affected",
	"supporter", "facilitator", NULL };
#define ROLES_EXPECTED \
	"harmed, responsible, affected, supporter or facilitator"

/* Who may change a case (update, close, add a party to it): its author,
 * its facilitators, counselors and admins. Seeing a case is not enough:
 * a teacher on a student's team, or a supporter, reads it but does not
 * run the process. */
#define MAY_CHANGE(c) \
    "(rel_sees_all() OR " c ".adult = rel_actor() " \
    "OR EXISTS (SELECT 1 FROM party fp WHERE fp.rcase = " c ".id " \
    "AND fp.adult = rel_actor() AND fp.role = 'facilitator'))"

static int write_case(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int write_party(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind case_kind = {
	"cases", NULL, case_cols, NELEM(case_cols), write_case, "case"
};
static const struct rel_import_kind party_kind = {
	"parties", NULL, party_cols, NELEM(party_cols), write_party, "party"
};

const struct rel_import_kind *
rel_restore_kind(void)
{
	return &case_kind;
}

const struct rel_import_kind *
rel_restore_party_kind(void)
{
	return &party_kind;
}

int
rel_restore_choose(void *ctx, const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	size_t i;

	(void)file;
	(void)e;
	*kind = *(const int *)ctx ? 1 : 0;
	for (i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], "role") == 0)
			*kind = 1;
	return 0;
}

const char *const *
rel_restore_cols(size_t *n)
{
	static const char *const names[] = { "case_id", "opened_at",
		"adult_id", "kind", "summary", "agreement", "status",
		"follow_up_on", "closed_at", "visibility" };

	*n = NELEM(names);
	return names;
}

const char *const *
rel_restore_party_cols(size_t *n)
{
	static const char *const names[] = { "case_id", "student_id",
		"adult_id", "role" };

	*n = NELEM(names);
	return names;
}

const char *const *
rel_restore_due_cols(size_t *n)
{
	static const char *const names[] = { "case_id", "follow_up_on",
		"days_overdue", "kind", "status", "student_id", "given_name",
		"family_name", "role" };

	*n = NELEM(names);
	return names;
}

/* Days in month m (1-12) of year y. */
static int32_t
month_len(int y, unsigned m)
{
	return rel_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1,
	    1) - rel_days_from_civil(y, m, 1);
}

int
rel_restore_when(const char *opt, const char *s, char *buf,
    struct rel_err *e)
{
	int32_t today = rel_today(), d;
	size_t len = strlen(s), i;
	unsigned m, dd;
	long n = 0, mon;
	int y;

	buf[0] = '\0';
	if (strcmp(s, "none") == 0)
		return 0;
	if (rel_date_parse(s, len, &d) == 0)
		goto ok;
	if (strcmp(s, "today") == 0 || strcmp(s, "tomorrow") == 0) {
		d = today + (s[2] == 'm');
		goto ok;
	}
	for (i = 0; len >= 2 && i < len - 1 && s[i] >= '0' && s[i] <= '9' &&
	    n <= 10000; i++)
		n = n * 10 + (s[i] - '0');
	if (len < 2 || i != len - 1 || n > 10000)
		goto bad;
	switch (s[len - 1]) {
	case 'd':
		d = today + (int32_t)n;
		break;
	case 'w':
		d = today + 7 * (int32_t)n;
		break;
	case 'm':
		/* A month from 31 January is the end of February. */
		rel_civil_from_days(today, &y, &m, &dd);
		mon = (long)y * 12 + (long)(m - 1) + n;
		y = (int)(mon / 12);
		m = (unsigned)(mon % 12) + 1;
		if ((int32_t)dd > month_len(y, m))
			dd = (unsigned)month_len(y, m);
		d = rel_days_from_civil(y, m, dd);
		break;
	default:
		goto bad;
	}
ok:
	rel_date_format(d, buf);
	return 0;
bad:
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, len, "is not a "
	    "date (YYYY-MM-DD) or a span ahead of today (today, tomorrow, 7d, "
	    "2w, 1m)");
}

/* temp.rel_case_new: the cases this connection wrote, to which the same
 * run may add parties without the right to change a case (an import of
 * cases and their parties, an open). Made on first use: a read-only
 * handle never needs it. */
static int
new_cases(struct rel_db *db, struct rel_err *e)
{
	return rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_case_new "
	    "(id INTEGER PRIMARY KEY)", e);
}

/* A case's values, checked. */
struct kase {
	char opened[REL_DATETIME_LEN];
	char follow[REL_DATE_LEN];	/* "": none */
	char closed[REL_DATETIME_LEN];	/* "": not closed */
	char kind[16];
	char status[16];
	sqlite3_int64 adult;
	enum rel_vis vis;
};

/* Check every value of a case record before anything is looked up. */
static int
case_check(struct rel_db *db, const struct rel_rec *r, struct kase *k,
    struct rel_err *e)
{
	int64_t opened, closed;
	int32_t days;
	int rc;

	memset(k, 0, sizeof(*k));
	if (rel_rec_has(r, C_ID) &&
	    (rc = rel_rec_id(r, C_ID, "case_id", e)) != 0)
		return rc;
	if ((rc = rel_rec_time(r, C_OPENED, "opened_at", 1, &opened, e)) != 0 ||
	    (rc = rel_rec_enum(r, C_KIND, "kind", kinds, k->kind,
	    sizeof(k->kind), e)) != 0 ||
	    (rc = rel_rec_text(r, C_SUMMARY, "summary", REL_TEXT_MAX, 1, e)) != 0 ||
	    (rc = rel_rec_text(r, C_AGREEMENT, "agreement", REL_TEXT_MAX, 1,
	    e)) != 0 ||
	    (rc = rel_rec_enum(r, C_STATUS, "status", statuses, k->status,
	    sizeof(k->status), e)) != 0)
		return rc;
	rel_datetime_format(opened, k->opened);
	if (k->kind[0] == '\0')
		rel_strlcpy(k->kind, "harm", sizeof(k->kind));
	if (rel_rec_has(r, C_CLOSED)) {
		if ((rc = rel_rec_time(r, C_CLOSED, "closed_at", 1, &closed,
		    e)) != 0)
			return rc;
		if (closed < opened)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "closed_at", r->v[C_CLOSED], r->len[C_CLOSED],
			    "is before the case was opened, %s", k->opened);
		rel_datetime_format(closed, k->closed);
	}
	/* closed_at is what closing a case writes: the two go together. */
	if (k->status[0] == '\0')
		rel_strlcpy(k->status, k->closed[0] ? "closed" : "open",
		    sizeof(k->status));
	if (strcmp(k->status, "closed") == 0 && k->closed[0] == '\0')
		return rel_err_at(e, REL_EDATA, r->file, r->line,
		    "closed_at", "is empty; a closed case needs the date-time "
		    "it was closed");
	if (strcmp(k->status, "closed") != 0 && k->closed[0] != '\0')
		return rel_err_value(e, REL_EDATA, r->file, r->line,
		    "closed_at", r->v[C_CLOSED], r->len[C_CLOSED], "is given, "
		    "but the status is %s; only a closed case has closed_at",
		    k->status);
	if (rel_rec_has(r, C_FOLLOW)) {
		if (rel_date_parse(r->v[C_FOLLOW], r->len[C_FOLLOW],
		    &days) != 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "follow_up_on", r->v[C_FOLLOW], r->len[C_FOLLOW],
			    "is not a date (YYYY-MM-DD)");
		rel_date_format(days, k->follow);
		/* Both are ISO text: they compare as they read. */
		if (strncmp(k->follow, k->opened, 10) < 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "follow_up_on", r->v[C_FOLLOW], r->len[C_FOLLOW],
			    "is before the case was opened, %.10s; a follow-up "
			    "must be on or after it", k->opened);
	}
	if ((rc = rel_rec_vis(r, C_VIS, REL_VIS_PRIVATE, &k->vis, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT)) {
		if ((rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0 ||
		    (rc = rel_person(db, 1, r->v[C_ADULT], r->len[C_ADULT],
		    "adult_id", r->file, r->line, &k->adult, e)) != 0)
			return rc;
	} else
		k->adult = rel_actor(db)->id;
	return 0;
}

/* The next free case id: one more than the highest R number. */
static int
next_id(struct rel_db *db, char *id, size_t n, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT coalesce(max(CAST(substr(case_id, 2) "
	    "AS INTEGER)), 0) + 1 FROM restorative_case "
	    "WHERE case_id GLOB 'R[0-9]*' AND length(case_id) <= 16 "
	    "AND substr(case_id, 2) NOT GLOB '*[^0-9]*'", &st, e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(id, n, "R%lld",
		    (long long)sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rel_db_fail(db, rc, "numbering a case",
	    e);
}

/* Write a case record: as an import row (open 0: an existing case with
 * the same values is a duplicate) or as an open (an existing case_id is
 * an error). The case_id is copied into id (65 bytes). */
/* ?2-?10 of the statements that compare and write a case: opened_at,
 * adult, kind, summary, agreement, status, follow_up_on, closed_at and
 * visibility (?1 is the case_id). */
static void
bind_case(sqlite3_stmt *st, const struct rel_rec *r, const struct kase *k)
{
	sqlite3_bind_text(st, 2, k->opened, -1, SQLITE_STATIC);
	if (k->adult != 0)
		sqlite3_bind_int64(st, 3, k->adult);
	sqlite3_bind_text(st, 4, k->kind, -1, SQLITE_STATIC);
	rel_rec_bind(st, 5, r, C_SUMMARY);
	rel_rec_bind(st, 6, r, C_AGREEMENT);
	sqlite3_bind_text(st, 7, k->status, -1, SQLITE_STATIC);
	if (k->follow[0] != '\0')
		sqlite3_bind_text(st, 8, k->follow, -1, SQLITE_STATIC);
	if (k->closed[0] != '\0')
		sqlite3_bind_text(st, 9, k->closed, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, (int)k->vis);
}

static int
case_put(struct rel_db *db, const struct rel_rec *r, int open, char *id,
    enum rel_outcome *out, struct rel_err *e)
{
	struct kase k;
	sqlite3_stmt *st;
	int rc, found = 0, seen = 0, same = 0;

	if ((rc = case_check(db, r, &k, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ID) && (rc = rel_rec_key(r, C_ID, "case_id",
	    "restorative case", e, "%.*s", (int)r->len[C_ID], r->v[C_ID])) != 0)
		return rc;
	if (rel_rec_has(r, C_ID)) {
		if ((rc = rel_db_stmt(db, "SELECT " REL_SEES_CASE("c") ", "
		    "c.opened_at = ?2 AND c.adult IS ?3 AND c.kind = ?4 "
		    "AND c.summary IS ?5 AND c.agreement IS ?6 "
		    "AND c.status = ?7 AND c.follow_up_on IS ?8 "
		    "AND c.closed_at IS ?9 AND c.visibility = ?10 "
		    "FROM restorative_case c WHERE c.case_id = ?1", &st,
		    e)) != 0)
			return rc;
		rel_rec_bind(st, 1, r, C_ID);
		bind_case(st, r, &k);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			found = 1;
			seen = sqlite3_column_int(st, 0);
			same = sqlite3_column_int(st, 1);
		}
		sqlite3_clear_bindings(st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rel_db_fail(db, rc, "reading a case", e);
		/* Only a case one may see is compared: a case one may not
		 * see is not confirmed by its values. */
		if (found && (open || !seen || !same))
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "case_id", r->v[C_ID], r->len[C_ID], "is already a "
			    "case%s", open || !seen ? "" : ", with other "
			    "values (rel-restore update changes a case)");
		snprintf(id, 65, "%.*s", (int)r->len[C_ID], r->v[C_ID]);
		if (found) {
			*out = REL_DUPLICATE;
			return 0;
		}
	} else if ((rc = next_id(db, id, 65, e)) != 0)
		return rc;

	if ((rc = new_cases(db, e)) != 0 ||
	    (rc = rel_db_stmt(db, "INSERT INTO restorative_case (case_id, "
	    "opened_at, adult, kind, summary, agreement, status, follow_up_on, "
	    "closed_at, visibility) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bind_case(st, r, &k);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a case", e);
	if ((rc = rel_db_stmt(db, "INSERT INTO temp.rel_case_new (id) "
	    "VALUES (last_insert_rowid())", &st, e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a case", e);
	*out = REL_ADDED;
	return 0;
}

static int
write_case(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	char id[65];

	return case_put(db, r, 0, id, out, e);
}

/* One party, checked for its form: a case, a student or an adult, and a
 * role. */
struct party_in {
	const char *case_id;
	size_t case_len;
	int adult;		/* id names an adult */
	const char *id;
	size_t len;
	const char *role;	/* as stored */
	const char *col;	/* the id's name in messages */
	const char *file;
	long line;
};

/* A party record (import, or a row of an open's file) into p. */
static int
party_rec(const struct rel_rec *r, struct party_in *p, char *role,
    size_t n, struct rel_err *e)
{
	int s = rel_rec_has(r, P_STUDENT), a = rel_rec_has(r, P_ADULT), rc;

	memset(p, 0, sizeof(*p));
	if ((rc = rel_rec_id(r, P_CASE, "case_id", e)) != 0)
		return rc;
	if (s && a)
		return rel_err_at(e, REL_EDATA, r->file, r->line, "adult_id",
		    "is given as well as student_id; a party is a student or "
		    "an adult, one to a row");
	if (!s && !a)
		return rel_err_at(e, REL_EDATA, r->file, r->line, "student_id",
		    "is empty, and so is adult_id; a party is a student or an "
		    "adult");
	if ((rc = rel_rec_id(r, s ? P_STUDENT : P_ADULT, s ? "student_id" :
	    "adult_id", e)) != 0 ||
	    (rc = rel_rec_enum(r, P_ROLE, "role", roles, role, n, e)) != 0)
		return rc;
	if (role[0] == '\0')
		return rel_err_at(e, REL_EDATA, r->file, r->line, "role",
		    "is empty; expected " ROLES_EXPECTED);
	p->case_id = r->v[P_CASE];
	p->case_len = r->len[P_CASE];
	p->adult = !s;
	p->id = r->v[s ? P_STUDENT : P_ADULT];
	p->len = r->len[s ? P_STUDENT : P_ADULT];
	p->role = role;
	p->col = s ? "student_id" : "adult_id";
	p->file = r->file;
	p->line = r->line;
	return 0;
}

/* Add a party to a case. The case must be one the acting adult sees, or
 * one this run wrote; a party not already there is a change to the case,
 * which only those who may change it make (77). A closed case takes one
 * too: its cases and its parties may come in two imports, as two lists
 * wrote them. */
static int
party_put(struct rel_db *db, const struct party_in *p, enum rel_outcome *out,
    struct rel_err *e)
{
	sqlite3_int64 rcase = 0, who;
	sqlite3_stmt *st;
	char had[16] = "";
	int rc, seen = 0, isnew = 0, may = 0, there = 0;

	if ((rc = new_cases(db, e)) != 0 ||
	    (rc = rel_db_stmt(db, "SELECT c.id, " REL_SEES_CASE("c") ", "
	    "c.id IN temp.rel_case_new, " MAY_CHANGE("c") " "
	    "FROM restorative_case c WHERE c.case_id = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, p->case_id, (int)p->case_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rcase = sqlite3_column_int64(st, 0);
		seen = sqlite3_column_int(st, 1);
		isnew = sqlite3_column_int(st, 2);
		may = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a case", e);
	if (rcase == 0 || !(seen || isnew))
		return rel_err_value(e, REL_EDATA, p->file, p->line, "case_id",
		    p->case_id, p->case_len, "is not a known case");
	if ((rc = rel_person(db, p->adult, p->id, p->len, p->col, p->file,
	    p->line, &who, e)) != 0)
		return rc;

	if ((rc = rel_db_stmt(db, "SELECT role FROM party WHERE rcase = ?1 "
	    "AND (student = ?2 OR adult = ?3)", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, rcase);
	sqlite3_bind_int64(st, p->adult ? 3 : 2, who);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		there = 1;
		rel_strlcpy(had, (const char *)sqlite3_column_text(st, 0),
		    sizeof(had));
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a party", e);
	if (there && strcmp(had, p->role) == 0) {
		*out = REL_DUPLICATE;
		return 0;
	}
	if (there)
		return rel_err_value(e, REL_EDATA, p->file, p->line, p->col,
		    p->id, p->len, "is already a party to %.*s, as %s; a "
		    "person has one role in a case", (int)p->case_len,
		    p->case_id, had);
	if (!isnew && !may)
		return rel_err_value(e, REL_EPERM, p->file, p->line, "case_id",
		    p->case_id, p->case_len, "may be changed only by its "
		    "author, its facilitators, counselors and admins");

	if ((rc = rel_db_stmt(db, "INSERT INTO party (rcase, student, adult, "
	    "role) VALUES (?1, ?2, ?3, ?4)", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, rcase);
	sqlite3_bind_int64(st, p->adult ? 3 : 2, who);
	sqlite3_bind_text(st, 4, p->role, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a party", e);
	*out = REL_ADDED;
	return 0;
}

static int
write_party(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	struct party_in p;
	char role[16];
	int rc;

	if ((rc = party_rec(r, &p, role, sizeof(role), e)) != 0)
		return rc;
	/* One role a person in a case (the party's unique key). */
	if ((rc = rel_rec_key(r, p.adult ? P_ADULT : P_STUDENT, p.col,
	    "party (case_id with student_id or adult_id)", e,
	    "%.*s\037%c%.*s", (int)p.case_len, p.case_id, p.adult ? 'a' : 's',
	    (int)p.len, p.id)) != 0)
		return rc;
	return party_put(db, &p, out, e);
}

/* Is id (of an option such as --harmed) a student or an adult? Ids are
 * unique within each table, not across them. */
static int
who_is(struct rel_db *db, const struct rel_restore_who *w, int *adult,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, s = 0, a = 0;

	if ((rc = rel_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM student "
	    "WHERE student_id = ?1), EXISTS (SELECT 1 FROM adult "
	    "WHERE adult_id = ?1)", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, w->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s = sqlite3_column_int(st, 0);
		a = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rel_db_fail(db, rc, "looking up an id", e);
	if (s && a)
		return rel_err_value(e, REL_EDATA, NULL, 0, w->opt, w->id,
		    strlen(w->id), "is both a student and an adult; name them "
		    "in a --parties file, under student_id or adult_id");
	if (!s && !a)
		return rel_err_value(e, REL_EDATA, NULL, 0, w->opt, w->id,
		    strlen(w->id), "is not a known student or adult");
	*adult = a;
	return 0;
}

/* One bad party of an open: reported, counted, and the open goes on
 * checking the others. Any other failure stops it. */
static int
open_bad(const struct rel_restore_open *o, int rc, long *nbad,
    const struct rel_err *e)
{
	if (rc != REL_EDATA)
		return rc;
	(*nbad)++;
	if (o->report != NULL)
		o->report(o->ctx, e);
	return 0;
}

/* The parties file of an open, each row a party of case id. */
static int
open_file(struct rel_db *db, const struct rel_restore_open *o,
    const char *id, long *nadded, long *nbad, struct rel_err *e)
{
	const struct rel_csv_row *hdr, *row;
	const char *v[NPARTY];
	size_t len[NPARTY], i;
	struct rel_csv *r = NULL;
	enum rel_outcome out;
	struct party_in p;
	struct rel_rec rec;
	struct rel_err bad;
	char role[16];
	int idx[NELEM(open_cols)], rc;

	if ((rc = rel_csv_open(&r, o->file, NULL, e)) != 0)
		return rc;
	rc = rel_csv_header(r, &hdr, e);
	if (rc == REL_CSV_END) {
		rc = rel_err_at(e, REL_EDATA, rel_csv_name(r), 1, NULL,
		    "is empty; expected a header: student_id,adult_id,role");
		goto out;
	}
	if (rc != REL_CSV_ROW) {
		rc = e->code;
		goto out;
	}
	if ((rc = rel_csv_bind(hdr, rel_csv_name(r), open_cols,
	    NELEM(open_cols), NULL, 0, idx, e)) != 0)
		goto out;
	rec.n = NPARTY;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = rel_csv_name(r);
	v[P_CASE] = id;
	len[P_CASE] = strlen(id);
	while ((rc = rel_csv_next(r, &row, &bad)) != REL_CSV_END) {
		if (rc == REL_CSV_FATAL) {
			*e = bad;
			rc = e->code;
			goto out;
		}
		if (rc == REL_CSV_BAD) {
			if ((rc = open_bad(o, bad.code, nbad, &bad)) != 0) {
				*e = bad;
				goto out;
			}
			continue;
		}
		for (i = 0; i < NELEM(open_cols); i++) {
			v[i + 1] = idx[i] >= 0 ? row->f[idx[i]] : NULL;
			len[i + 1] = idx[i] >= 0 ? row->len[idx[i]] : 0;
		}
		rec.line = row->line;
		rel_err_clear(&bad);
		if ((rc = party_rec(&rec, &p, role, sizeof(role), &bad)) == 0 &&
		    (rc = party_put(db, &p, &out, &bad)) == 0) {
			*nadded += out == REL_ADDED;
			continue;
		}
		if ((rc = open_bad(o, rc, nbad, &bad)) != 0) {
			*e = bad;
			goto out;
		}
	}
	rc = 0;
out:
	rel_csv_close(r);
	return rc;
}

int
rel_restore_open(struct rel_db *db, const struct rel_restore_open *o,
    char *case_id, long *nparties, struct rel_err *e)
{
	const char *v[NCASE] = { NULL };
	size_t len[NCASE], i;
	enum rel_outcome out;
	struct party_in p;
	struct rel_rec rec;
	struct rel_err bad;
	long nbad = 0;
	int rc, adult = 0;

	*nparties = 0;
	case_id[0] = '\0';
	v[C_ID] = o->case_id;
	v[C_OPENED] = o->opened_at != NULL ? o->opened_at : rel_now_text();
	v[C_KIND] = o->kind;
	v[C_SUMMARY] = o->summary;
	v[C_FOLLOW] = o->follow_up_on;
	v[C_VIS] = o->visibility;
	for (i = 0; i < NCASE; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	rec.n = NCASE;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = NULL;
	rec.line = 0;
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = case_put(db, &rec, 1, case_id, &out, e)) != 0)
		goto fail;
	for (i = 0; i < o->nwho; i++) {
		rel_err_clear(&bad);
		memset(&p, 0, sizeof(p));
		p.case_id = case_id;
		p.case_len = strlen(case_id);
		p.id = o->who[i].id;
		p.len = strlen(p.id);
		p.role = o->who[i].role;
		p.col = o->who[i].opt;
		if ((rc = who_is(db, &o->who[i], &adult, &bad)) == 0) {
			p.adult = adult;
			if ((rc = party_put(db, &p, &out, &bad)) == 0) {
				*nparties += out == REL_ADDED;
				continue;
			}
		}
		if ((rc = open_bad(o, rc, &nbad, &bad)) != 0) {
			*e = bad;
			goto fail;
		}
	}
	if (o->file != NULL &&
	    (rc = open_file(db, o, case_id, nparties, &nbad, e)) != 0)
		goto fail;
	if (nbad > 0) {
		rc = rel_err_set(e, REL_EDATA, "%ld bad part%s; the case was "
		    "not opened", nbad, nbad == 1 ? "y" : "ies");
		goto fail;
	}
	if (*nparties == 0) {
		rc = rel_err_set(e, REL_EDATA, "a case needs at least one "
		    "party, and %s names none; the case was not opened",
		    o->file != NULL ? o->file : "the command");
		goto fail;
	}
	if ((rc = rel_db_commit(db, e)) != 0)
		goto fail;
	return 0;
fail:
	rel_db_rollback(db);
	return rc;
}

/* The case case_id for a change by the acting adult: its rowid, its
 * opening date (11 bytes) and whether it is closed; 65 if it is not one
 * the adult sees, 77 if not one they may change. */
static int
change_find(struct rel_db *db, const char *case_id, sqlite3_int64 *rcase,
    char *opened, int *closed, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, seen = 0, may = 0;

	*rcase = 0;
	if ((rc = rel_db_stmt(db, "SELECT c.id, " REL_SEES_CASE("c") ", "
	    MAY_CHANGE("c") ", c.status = 'closed', c.opened_at "
	    "FROM restorative_case c WHERE c.case_id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*rcase = sqlite3_column_int64(st, 0);
		seen = sqlite3_column_int(st, 1);
		may = sqlite3_column_int(st, 2);
		*closed = sqlite3_column_int(st, 3);
		rel_strlcpy(opened, (const char *)sqlite3_column_text(st, 4),
		    REL_DATETIME_LEN);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a case", e);
	/* A case one may not see is not confirmed to exist. */
	if (*rcase == 0 || !seen)
		return rel_err_value(e, REL_EDATA, NULL, 0, "case_id", case_id,
		    strlen(case_id), "is not a known case");
	if (!may)
		return rel_err_value(e, REL_EPERM, NULL, 0, "case_id", case_id,
		    strlen(case_id), "may be changed only by its author, its "
		    "facilitators, counselors and admins");
	if (*closed)
		return rel_err_value(e, REL_EDATA, NULL, 0, "case_id", case_id,
		    strlen(case_id), "is closed; a closed case is not changed");
	return 0;
}

/* A text option of update or close: at most REL_TEXT_MAX bytes, line
 * breaks and tabs allowed. */
static int
text_opt(const char *opt, const char *s, struct rel_err *e)
{
	const char *v[1] = { s };
	size_t len[1] = { strlen(s) };
	struct rel_rec r = { 1, v, len, NULL, 0, NULL };

	return rel_rec_text(&r, 0, opt, REL_TEXT_MAX, 1, e);
}

int
rel_restore_update(struct rel_db *db, const char *case_id,
    const struct rel_restore_change *c, struct rel_err *e)
{
	char opened[REL_DATETIME_LEN];
	const char *status = NULL;
	sqlite3_int64 rcase;
	sqlite3_stmt *st;
	int rc, closed;

	if (c->status == NULL && c->agreement == NULL &&
	    c->follow_up_on == NULL)
		return rel_err_set(e, REL_EUSAGE, "update: give --status, "
		    "--agreement or --follow-up");
	if (c->status != NULL &&
	    (status = rel_word(statuses, c->status)) == NULL)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--status",
		    c->status, strlen(c->status), "is not one of open, "
		    "circle_held, agreement or repaired");
	if (status != NULL && strcmp(status, "closed") == 0)
		return rel_err_set(e, REL_EUSAGE, "--status: a case is closed "
		    "with rel-restore close, not update");
	if (c->agreement != NULL && (rc = text_opt("--agreement", c->agreement,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = change_find(db, case_id, &rcase, opened, &closed, e)) != 0)
		goto fail;
	if (c->follow_up_on != NULL && c->follow_up_on[0] != '\0' &&
	    strncmp(c->follow_up_on, opened, 10) < 0) {
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "--follow-up",
		    c->follow_up_on, strlen(c->follow_up_on), "is before the "
		    "case was opened, %.10s; a follow-up must be on or after "
		    "it", opened);
		goto fail;
	}
	if ((rc = rel_db_stmt(db, "UPDATE restorative_case SET "
	    "status = coalesce(?2, status), "
	    "agreement = CASE WHEN ?3 THEN nullif(?4, '') ELSE agreement END, "
	    "follow_up_on = CASE WHEN ?5 THEN nullif(?6, '') "
	    " ELSE follow_up_on END WHERE id = ?1", &st, e)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, rcase);
	if (status != NULL)
		sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, c->agreement != NULL);
	if (c->agreement != NULL)
		sqlite3_bind_text(st, 4, c->agreement, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, c->follow_up_on != NULL);
	if (c->follow_up_on != NULL)
		sqlite3_bind_text(st, 6, c->follow_up_on, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "updating a case", e);
		goto fail;
	}
	if ((rc = rel_db_commit(db, e)) != 0)
		goto fail;
	return 0;
fail:
	rel_db_rollback(db);
	return rc;
}

int
rel_restore_close(struct rel_db *db, const char *case_id, const char *outcome,
    int64_t at, struct rel_err *e)
{
	char opened[REL_DATETIME_LEN], when[REL_DATETIME_LEN];
	sqlite3_int64 rcase;
	sqlite3_stmt *st;
	int rc, closed;

	if (outcome != NULL && (rc = text_opt("--outcome", outcome, e)) != 0)
		return rc;
	rel_datetime_format(at == INT64_MIN ? rel_now() : at, when);
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = change_find(db, case_id, &rcase, opened, &closed, e)) != 0)
		goto fail;
	if (strcmp(when, opened) < 0) {
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "--at", when,
		    strlen(when), "is before the case was opened, %s", opened);
		goto fail;
	}
	/* The outcome is the end of the story the summary tells: its last
	 * line, so that no column is added and list | import keeps it. */
	if ((rc = rel_db_stmt(db, "UPDATE restorative_case SET "
	    "status = 'closed', closed_at = ?2, summary = CASE "
	    " WHEN nullif(?3, '') IS NULL THEN summary "
	    " WHEN summary IS NULL THEN 'Outcome: ' || ?3 "
	    " ELSE summary || char(10) || 'Outcome: ' || ?3 END "
	    "WHERE id = ?1", &st, e)) != 0)
		goto fail;
	sqlite3_bind_int64(st, 1, rcase);
	sqlite3_bind_text(st, 2, when, -1, SQLITE_STATIC);
	if (outcome != NULL)
		sqlite3_bind_text(st, 3, outcome, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "closing a case", e);
		goto fail;
	}
	if ((rc = rel_db_commit(db, e)) != 0)
		goto fail;
	return 0;
fail:
	rel_db_rollback(db);
	return rc;
}

void
rel_restore_filter_init(struct rel_restore_filter *rf)
{
	memset(rf, 0, sizeof(*rf));
	rel_filter_init(&rf->f);
}

/* The case filter, over alias c: ?1 student rowid, ?2 adult rowid, ?3
 * kind, ?4 since, ?5 until, ?6 set, ?7 status, ?8 open only, ?9 case_id,
 * ?10 deactivated students' cases too. A case whose student parties are
 * all deactivated is left out unless asked for (a student, a set). */
#define CASE_FILTER \
    " " REL_SEES_CASE("c") \
    " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM party q " \
    "  WHERE q.rcase = c.id AND q.student = ?1)) " \
    " AND (?2 IS NULL OR c.adult = ?2 OR EXISTS (SELECT 1 FROM party q " \
    "  WHERE q.rcase = c.id AND q.adult = ?2)) " \
    " AND (?3 IS NULL OR c.kind = ?3) " \
    " AND (?4 IS NULL OR c.opened_at >= ?4) " \
    " AND (?5 IS NULL OR c.opened_at < ?5) " \
    " AND (?6 = 0 OR EXISTS (SELECT 1 FROM party q WHERE q.rcase = c.id " \
    "  AND q.student IN (SELECT id FROM temp.rel_set))) " \
    " AND (?7 IS NULL OR c.status = ?7) " \
    " AND (?8 = 0 OR c.status <> 'closed') " \
    " AND (?9 IS NULL OR c.case_id = ?9) " \
    " AND (?1 IS NOT NULL OR ?6 <> 0 OR ?10 <> 0 " \
    "  OR NOT EXISTS (SELECT 1 FROM party q WHERE q.rcase = c.id " \
    "   AND q.student IS NOT NULL) " \
    "  OR EXISTS (SELECT 1 FROM party q JOIN student qs " \
    "   ON qs.id = q.student WHERE q.rcase = c.id AND qs.active = 1)) "

/* Check the filter and bind it to ?1-?10. */
static int
bind_filter(struct rel_db *db, sqlite3_stmt *st,
    const struct rel_restore_filter *rf, struct rel_err *e)
{
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	const struct rel_filter *f = &rf->f;
	sqlite3_int64 student, adult;
	const char *kind = NULL, *status = NULL;
	sqlite3_stmt *q;
	int rc, known;

	if (f->source != NULL || f->last != 0 || f->history != 0)
		return rel_err_set(e, REL_EUSAGE, "--%s does not apply to "
		    "cases", f->source != NULL ? "source" : f->last != 0 ?
		    "last" : "history");
	if (f->kind != NULL && (kind = rel_word(kinds, f->kind)) == NULL)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--kind", f->kind,
		    strlen(f->kind), "is not one of harm, conflict, circle or "
		    "reentry");
	if (rf->status != NULL &&
	    (status = rel_word(statuses, rf->status)) == NULL)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--status",
		    rf->status, strlen(rf->status), "is not one of open, "
		    "circle_held, agreement, repaired or closed");
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if (rf->case_id != NULL) {
		if ((rc = rel_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM "
		    "restorative_case WHERE case_id = ?1)", &q, e)) != 0)
			return rc;
		sqlite3_bind_text(q, 1, rf->case_id, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		known = rc == SQLITE_ROW && sqlite3_column_int(q, 0);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			return rel_db_fail(db, rc, "reading a case", e);
		if (!known)
			return rel_err_value(e, REL_EDATA, NULL, 0, "--case",
			    rf->case_id, strlen(rf->case_id), "is not a known "
			    "case");
	}
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (kind != NULL)
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	/* opened_at is stored as YYYY-MM-DDTHH:MM:SS, which sorts as it
	 * reads. */
	if (f->since != INT64_MIN) {
		rel_datetime_format(f->since, since);
		sqlite3_bind_text(st, 4, since, -1, SQLITE_TRANSIENT);
	}
	if (f->until != INT64_MAX) {
		rel_datetime_format(f->until, until);
		sqlite3_bind_text(st, 5, until, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 6, f->set != 0);
	if (status != NULL)
		sqlite3_bind_text(st, 7, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, rf->open != 0);
	if (rf->case_id != NULL)
		sqlite3_bind_text(st, 9, rf->case_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 10, f->inactive != 0);
	return 0;
}

/* One row per case and student party (one row for a case with none), so
 * that the audit log can name every student a private case is about:
 * the row is written once, and each of its students is noted. */
static const char sql_list[] =
    "SELECT c.case_id, c.opened_at, a.adult_id, c.kind, c.summary, "
    "c.agreement, c.status, c.follow_up_on, c.closed_at, "
    "CASE c.visibility WHEN 0 THEN 'staff' WHEN 1 THEN 'team' "
    " ELSE 'private' END, c.id, p.student, c.visibility "
    "FROM restorative_case c LEFT JOIN adult a ON a.id = c.adult "
    "LEFT JOIN party p ON p.rcase = c.id AND p.student IS NOT NULL "
    "WHERE" CASE_FILTER
    "ORDER BY c.opened_at, c.case_id, p.student";

int
rel_restore_list(struct rel_db *db, const struct rel_restore_filter *rf,
    struct rel_out *o, struct rel_err *e)
{
	struct rel_ledger *l = rel_db_ledger(db);
	const unsigned char *t;
	sqlite3_int64 prev = 0, id;
	sqlite3_stmt *st;
	enum rel_vis v;
	int rc, i;

	if ((rc = rel_db_stmt(db, sql_list, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, rf, e)) != 0) {
		sqlite3_clear_bindings(st);
		sqlite3_reset(st);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, NCASE);
		v = (enum rel_vis)sqlite3_column_int(st, NCASE + 2);
		/* rel_access_touch counts a row each time: a case's second
		 * and later students are noted without counting it again. */
		if (id == prev) {
			rel_access_touch(db,
			    sqlite3_column_int64(st, NCASE + 1), v);
			l->rows--;
			if (v == REL_VIS_PRIVATE)
				l->private_rows--;
			continue;
		}
		prev = id;
		rel_access_touch(db, sqlite3_column_int64(st, NCASE + 1), v);
		if ((rc = rel_access_hold(db, o, e)) != 0)
			break;
		for (i = 0; i < NCASE; i++) {
			t = sqlite3_column_text(st, i);
			rel_out_cell(o, (const char *)t, t != NULL ?
			    (size_t)sqlite3_column_bytes(st, i) : 0);
		}
		rel_out_endrow(o);
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc == REL_ECANTCREAT)
		return rc;
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "listing cases", e);
}

/* ?11: only the students of the set, and the adults. */
static const char sql_parties[] =
    "SELECT c.case_id, s.student_id, a.adult_id, p.role, p.student, "
    "c.visibility "
    "FROM restorative_case c JOIN party p ON p.rcase = c.id "
    "LEFT JOIN student s ON s.id = p.student "
    "LEFT JOIN adult a ON a.id = p.adult "
    "WHERE" CASE_FILTER
    " AND (?11 = 0 OR p.student IS NULL "
    "  OR p.student IN (SELECT id FROM temp.rel_set)) "
    "ORDER BY c.opened_at, c.case_id, p.id";

int
rel_restore_party_list(struct rel_db *db, const struct rel_restore_filter *rf,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql_parties, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, rf, e)) == 0) {
		sqlite3_bind_int(st, 11, rf->f.set && rf->set_parties);
		rc = rel_access_out(db, st, o, NULL, e);
	}
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

/* Each active student party is a row, so that every row names a student
 * and the output reads back as a student set. */
static const char sql_due[] =
    "SELECT c.case_id, c.follow_up_on, "
    "CAST(julianday(?2) - julianday(c.follow_up_on) AS INTEGER), "
    "c.kind, c.status, s.student_id, s.given_name, s.family_name, p.role, "
    "p.student, c.visibility "
    "FROM restorative_case c JOIN party p ON p.rcase = c.id "
    "JOIN student s ON s.id = p.student AND s.active = 1 "
    "WHERE c.status <> 'closed' AND c.follow_up_on <= ?1 "
    "AND " REL_SEES_CASE("c")
    " AND (?3 IS NULL OR c.adult = ?3 OR EXISTS (SELECT 1 FROM party q "
    "  WHERE q.rcase = c.id AND q.adult = ?3)) "
    " AND (?4 = 0 OR p.student IN (SELECT id FROM temp.rel_set)) "
    "ORDER BY c.follow_up_on, c.case_id, p.id";

int
rel_restore_due(struct rel_db *db, int32_t on, const char *adult, int set,
    struct rel_out *o, struct rel_err *e)
{
	char day[REL_DATE_LEN], today[REL_DATE_LEN];
	sqlite3_int64 aid;
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_id_rowid(db, REL_ADULT, "--adult", adult, &aid, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_due, &st, e)) != 0)
		return rc;
	rel_date_format(on, day);
	rel_date_format(rel_today(), today);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_TRANSIENT);
	if (aid != 0)
		sqlite3_bind_int64(st, 3, aid);
	sqlite3_bind_int(st, 4, set != 0);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc;
}

/* The card's section: the student's cases not yet closed that the
 * reader may see, one line each. */
int
rel_restore_card(struct rel_db *db, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc, n;

	rel_card_heading(c, "Restorative cases");
	if ((rc = rel_db_stmt(db, "SELECT c.case_id, c.kind, "
	    "substr(c.opened_at, 1, 10), p.role, "
	    "replace(c.status, '_', ' '), c.follow_up_on, c.agreement "
	    "FROM party p JOIN restorative_case c ON c.id = p.rcase "
	    "WHERE p.student = ?1 AND c.status <> 'closed' "
	    "AND " REL_SEES_CASE("c")
	    " ORDER BY c.opened_at, c.id", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		rel_card_bullet(c);
		rel_card_put(c, sqlite3_column_text(st, 0));
		fprintf(c->fp, ": %s, opened %s, as %s; %s",
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4));
		if ((t = sqlite3_column_text(st, 5)) != NULL)
			fprintf(c->fp, "; follow-up %s", (const char *)t);
		if ((t = sqlite3_column_text(st, 6)) != NULL) {
			fputs("; agreement: ", c->fp);
			rel_card_put(c, t);
		}
		rel_card_end(c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading restorative cases", e);
	if (n == 0)
		rel_card_none(c);
	return 0;
}
