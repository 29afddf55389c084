/*
 * roster.c: students, adults, groups and memberships.
 *
 * Students, adults and groups are "entities" written by one table-driven
 * routine: each column has a type that says how it is checked and bound.
 * Memberships have a two-part key and their own routine.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED
#define MAXCOLS 12
#define VALSZ 256

enum ctype { C_ID, C_NAME, C_TEXT, C_GRADE, C_ENUM, C_BOOL, C_EMAIL,
	C_LOGIN, C_REF_ADULT };

struct spec {
	enum ctype type;
	size_t max;
	const char *const *allowed;
	const char *dflt;
};

static const char *const roles[] = { "teacher", "counselor", "advisor",
	"coach", "admin", "staff", NULL };
static const char *const group_kinds[] = { "class", "advisory", "team",
	"club", "other", NULL };

static const struct rel_csv_col student_cols[] = {
	{ "student_id", R }, { "given_name", R }, { "family_name", R },
	{ "preferred_name", 0 }, { "pronouns", 0 }, { "grade", 0 },
	{ "home_language", 0 }, { "active", 0 }, { "email", 0 }, { "login", 0 }
};
static const struct spec student_spec[] = {
	{ C_ID, 64, NULL, NULL }, { C_NAME, 200, NULL, NULL },
	{ C_NAME, 200, NULL, NULL }, { C_NAME, 200, NULL, NULL },
	{ C_TEXT, 40, NULL, NULL }, { C_GRADE, 8, NULL, NULL },
	{ C_TEXT, 60, NULL, NULL }, { C_BOOL, 1, NULL, "1" },
	{ C_EMAIL, 254, NULL, NULL }, { C_LOGIN, 64, NULL, NULL }
};

static const struct rel_csv_col adult_cols[] = {
	{ "adult_id", R }, { "given_name", R }, { "family_name", R },
	{ "email", 0 }, { "role", 0 }, { "login", 0 }, { "active", 0 }
};
static const struct spec adult_spec[] = {
	{ C_ID, 64, NULL, NULL }, { C_NAME, 200, NULL, NULL },
	{ C_NAME, 200, NULL, NULL }, { C_EMAIL, 254, NULL, NULL },
	{ C_ENUM, 16, roles, "teacher" }, { C_LOGIN, 64, NULL, NULL },
	{ C_BOOL, 1, NULL, "1" }
};

static const struct rel_csv_col group_cols[] = {
	{ "group_id", R }, { "name", R }, { "kind", 0 },
	{ "lead_adult_id", 0 }, { "active", 0 }
};
static const struct spec group_spec[] = {
	{ C_ID, 64, NULL, NULL }, { C_NAME, 200, NULL, NULL },
	{ C_ENUM, 16, group_kinds, "class" }, { C_REF_ADULT, 64, NULL, NULL },
	{ C_BOOL, 1, NULL, "1" }
};

static const struct rel_csv_col member_cols[] = {
	{ "group_id", R }, { "student_id", 0 }, { "adult_id", 0 },
	{ "active", 0 }
};

/* An entity's SQL: sel returns the columns in order (references as
 * external ids) for key ?1; ins and upd take the columns as ?1..?n and the
 * time as ?n+1. */
struct entity {
	const char *noun;
	const struct rel_csv_col *cols;
	const struct spec *spec;
	size_t n;
	const char *sel, *ins, *upd, *deact;
	/* Another record of the kind holding a login (?1) or an email
	 * (?1; NULL: emails need not be unique), but for key ?2. */
	const char *login, *email;
};

static const struct entity entities[] = {
	{ "student", student_cols, student_spec, NELEM(student_cols),
	  "SELECT student_id, given_name, family_name, preferred_name, "
	  "pronouns, grade, home_language, active, email, login FROM student "
	  "WHERE student_id = ?1",
	  "INSERT INTO student (student_id, given_name, family_name, "
	  "preferred_name, pronouns, grade, home_language, active, email, "
	  "login, updated_at) "
	  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	  "UPDATE student SET given_name = ?2, family_name = ?3, "
	  "preferred_name = ?4, pronouns = ?5, grade = ?6, home_language = ?7, "
	  "active = ?8, email = ?9, login = ?10, updated_at = ?11 "
	  "WHERE student_id = ?1",
	  "UPDATE student SET active = 0, updated_at = ?2 "
	  "WHERE student_id = ?1",
	  "SELECT student_id FROM student WHERE login = ?1 "
	  "AND student_id <> ?2",
	  "SELECT student_id FROM student WHERE email = ?1 COLLATE NOCASE "
	  "AND student_id <> ?2" },
	{ "adult", adult_cols, adult_spec, NELEM(adult_cols),
	  "SELECT adult_id, given_name, family_name, email, role, login, "
	  "active FROM adult WHERE adult_id = ?1",
	  "INSERT INTO adult (adult_id, given_name, family_name, email, role, "
	  "login, active, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	  "UPDATE adult SET given_name = ?2, family_name = ?3, email = ?4, "
	  "role = ?5, login = ?6, active = ?7, updated_at = ?8 "
	  "WHERE adult_id = ?1",
	  "UPDATE adult SET active = 0, updated_at = ?2 WHERE adult_id = ?1",
	  "SELECT adult_id FROM adult WHERE login = ?1 AND adult_id <> ?2",
	  NULL },
	{ "group", group_cols, group_spec, NELEM(group_cols),
	  "SELECT g.group_id, g.name, g.kind, a.adult_id, g.active FROM grp g "
	  "LEFT JOIN adult a ON a.id = g.lead_adult WHERE g.group_id = ?1",
	  "INSERT INTO grp (group_id, name, kind, lead_adult, active, "
	  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	  "UPDATE grp SET name = ?2, kind = ?3, lead_adult = ?4, active = ?5, "
	  "updated_at = ?6 WHERE group_id = ?1",
	  "UPDATE grp SET active = 0, updated_at = ?2 WHERE group_id = ?1",
	  NULL, NULL },
};

static int write_student(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int write_adult(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int write_group(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int write_member(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind kinds[REL_ROSTER_NKINDS] = {
	{ "students", NULL, student_cols, NELEM(student_cols), write_student,
	  "student" },
	{ "adults", NULL, adult_cols, NELEM(adult_cols), write_adult, "adult" },
	{ "groups", NULL, group_cols, NELEM(group_cols), write_group, "group" },
	{ "memberships", NULL, member_cols, NELEM(member_cols), write_member,
	  "membership" },
};

const struct rel_import_kind *
rel_roster_kinds(void)
{
	return kinds;
}

int
rel_roster_kind_parse(const char *s, enum rel_roster_kind *k,
    struct rel_err *e)
{
	static const char *const names[] = { "student", "adult", "group",
		"member" };
	size_t i, n = strlen(s);

	for (i = 0; i < NELEM(names); i++) {
		size_t m = strlen(names[i]);

		if (strncmp(s, names[i], m) == 0 &&
		    (n == m || (n == m + 1 && s[m] == 's'))) {
			*k = (enum rel_roster_kind)i;
			return 0;
		}
	}
	return rel_err_value(e, REL_EUSAGE, NULL, 0, NULL, s, n,
	    "is not a kind of record (expected student, adult, group or "
	    "member)");
}

const char *const *
rel_roster_cols(enum rel_roster_kind k, size_t *n)
{
	static const char *names[REL_ROSTER_NKINDS][MAXCOLS];
	size_t i;

	*n = kinds[k].ncols;
	for (i = 0; i < kinds[k].ncols; i++)
		names[k][i] = kinds[k].cols[i].name;
	return names[k];
}

static int
hdr_has(const struct rel_csv_row *hdr, const char *name)
{
	size_t i;

	for (i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], name) == 0)
			return 1;
	return 0;
}

int
rel_roster_detect(const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	int sid = hdr_has(hdr, "student_id"), aid = hdr_has(hdr, "adult_id");

	if (hdr_has(hdr, "group_id"))
		*kind = hdr_has(hdr, "name") || (!sid && !aid) ? REL_GROUP :
		    REL_MEMBER;
	else if (sid)
		*kind = REL_STUDENT;
	else if (aid)
		*kind = REL_ADULT;
	else
		return rel_err_at(e, REL_EDATA, file, hdr->line, NULL, "cannot "
		    "tell which records these are: the header has none of "
		    "student_id, adult_id and group_id (use --map or --kind)");
	return 0;
}

int
rel_roster_grade(const char *s, size_t len, char *buf, size_t n)
{
	static const char *const codes[] = { "PK", "TK", "KG", "IT", "PR",
		"PS", "UG", "Other" };
	size_t i;

	for (i = 0; i < NELEM(codes); i++)
		if (strlen(codes[i]) == len && strncasecmp(codes[i], s, len) == 0) {
			rel_strlcpy(buf, codes[i], n);
			return 0;
		}
	if (len >= 1 && len <= 2 && isdigit((unsigned char)s[0]) &&
	    (len == 1 || isdigit((unsigned char)s[1]))) {
		int g = len == 1 ? s[0] - '0' : (s[0] - '0') * 10 + s[1] - '0';

		if (g >= 1 && g <= 13) {
			snprintf(buf, n, "%d", g);
			return 0;
		}
	}
	return REL_EDATA;
}

static int
lookup_id(struct rel_db *db, const char *sql, const char *id, size_t len,
    sqlite3_int64 *rowid, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking up an id", e);
	return 0;
}

static const char sql_student_rowid[] =
    "SELECT id FROM student WHERE student_id = ?1";
static const char sql_adult_rowid[] = "SELECT id FROM adult WHERE adult_id = ?1";
static const char sql_group_rowid[] = "SELECT id FROM grp WHERE group_id = ?1";

/* Check one present column and set its value (NULL for empty). */
static int
check_col(struct rel_db *db, const struct rel_rec *rec, size_t i,
    const char *col, const struct spec *sp, const char **val, size_t *vlen,
    char *buf, sqlite3_int64 *ref, struct rel_err *e)
{
	const char *v = rec->v[i];
	size_t len = rec->len[i];
	int rc, b;

	*val = len > 0 ? v : NULL;
	*vlen = len;
	switch (sp->type) {
	case C_ID:
		return rel_rec_id(rec, i, col, e);
	case C_NAME:
	case C_TEXT:
		if (len == 0 && sp->type == C_NAME && i <= 2)
			return rel_err_at(e, REL_EDATA, rec->file, rec->line, col,
			    "is empty; a name is required");
		return rel_rec_text(rec, i, col, sp->max, 0, e);
	case C_GRADE:
		if (len == 0)
			return 0;
		if (rel_roster_grade(v, len, buf, VALSZ) != 0)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    col, v, len, "is not a grade (PK, TK, KG, 1 to 13, "
			    "or IT, PR, PS, UG, Other)");
		*val = buf;
		*vlen = strlen(buf);
		return 0;
	case C_ENUM:
		if ((rc = rel_rec_enum(rec, i, col, sp->allowed, buf, VALSZ,
		    e)) != 0)
			return rc;
		*val = buf[0] ? buf : sp->dflt;
		*vlen = strlen(*val);
		return 0;
	case C_BOOL:
		if ((rc = rel_rec_bool(rec, i, col, 1, &b, e)) != 0)
			return rc;
		*val = b ? "1" : "0";
		*vlen = 1;
		return 0;
	case C_EMAIL: {
		const char *at;

		if ((rc = rel_rec_text(rec, i, col, sp->max, 0, e)) != 0 ||
		    len == 0)
			return rc;
		at = memchr(v, '@', len);
		if (at == NULL || at == v || at == v + len - 1 ||
		    memchr(at + 1, '@', len - (size_t)(at - v) - 1) != NULL ||
		    memchr(v, ' ', len) != NULL)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    col, v, len, "is not an email address (name@host)");
		return 0;
	}
	case C_LOGIN:
		if ((rc = rel_rec_text(rec, i, col, sp->max, 0, e)) != 0)
			return rc;
		if (len > 0 && memchr(v, ' ', len) != NULL)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    col, v, len, "has a space; expected a login name");
		return 0;
	case C_REF_ADULT:
		*ref = 0;
		if (len == 0)
			return 0;
		if ((rc = rel_rec_id(rec, i, col, e)) != 0)
			return rc;
		if ((rc = lookup_id(db, sql_adult_rowid, v, len, ref, e)) != 0)
			return rc;
		if (*ref == 0)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    col, v, len, "is not a known adult (import the "
			    "adults first)");
		return 0;
	}
	return 0;
}

static int
same(const char *a, size_t alen, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

static void
bind_col(sqlite3_stmt *st, int p, const struct spec *sp, const char *v,
    size_t len, sqlite3_int64 ref)
{
	if (sp->type == C_REF_ADULT) {
		if (ref > 0)
			sqlite3_bind_int64(st, p, ref);
		else
			sqlite3_bind_null(st, p);
	} else if (sp->type == C_BOOL)
		sqlite3_bind_int(st, p, v != NULL && v[0] == '1');
	else if (v == NULL)
		sqlite3_bind_null(st, p);
	else
		sqlite3_bind_text(st, p, v, (int)len, SQLITE_STATIC);
}

/* Is a login (or a student's email) another record's? */
static int
taken(struct rel_db *db, const struct entity *en, const char *sql,
    const struct rel_rec *rec, const char *col, const char *login,
    size_t len, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (login == NULL || sql == NULL)
		return 0;
	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, login, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rec->v[0], (int)rec->len[0], SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char other[VALSZ];

		rel_strlcpy(other, (const char *)sqlite3_column_text(st, 0),
		    sizeof(other));
		sqlite3_reset(st);
		return rel_err_value(e, REL_EDATA, rec->file, rec->line, col,
		    login, len, "is already the %s of %s %s", col, en->noun,
		    other);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "checking a login", e);
}

/* A record's keys in one import: its id; its login and (where they are
 * unique) its email, as given in this row (an empty one is no key). An
 * email is compared in any case, as the schema's index does; the id and
 * login as they are. */
static int
entity_keys(const struct entity *en, const struct rel_rec *rec,
    const char **val, const size_t *vlen, struct rel_err *e)
{
	char what[64], low[VALSZ];
	size_t i, j;
	int rc;

	if ((rc = rel_rec_key(rec, 0, en->cols[0].name, en->noun, e, "%.*s",
	    (int)vlen[0], val[0])) != 0)
		return rc;
	for (i = 1; i < en->n && i < rec->n; i++) {
		if (!rel_rec_has(rec, i))
			continue;
		if (en->spec[i].type == C_LOGIN) {
			snprintf(what, sizeof(what), "%s's login", en->noun);
			if ((rc = rel_rec_key(rec, i, "login", what, e, "%.*s",
			    (int)rec->len[i], rec->v[i])) != 0)
				return rc;
		} else if (en->spec[i].type == C_EMAIL && en->email != NULL) {
			for (j = 0; j < rec->len[i] && j < sizeof(low) - 1; j++)
				low[j] = (char)tolower((unsigned char)
				    rec->v[i][j]);
			low[j] = '\0';
			snprintf(what, sizeof(what), "%s's email", en->noun);
			if ((rc = rel_rec_key(rec, i, "email", what, e, "%s",
			    low)) != 0)
				return rc;
		}
	}
	return 0;
}

static int
write_entity(struct rel_db *db, const struct entity *en,
    const struct rel_rec *rec, enum rel_roster_mode mode,
    enum rel_outcome *outcome, struct rel_err *e)
{
	const char *val[MAXCOLS];
	size_t vlen[MAXCOLS], i;
	char buf[MAXCOLS][VALSZ], old[MAXCOLS][VALSZ];
	int oldnull[MAXCOLS], exists, rc, changed = 0;
	sqlite3_int64 ref[MAXCOLS];
	sqlite3_stmt *st;

	if ((rc = rel_rec_id(rec, 0, en->cols[0].name, e)) != 0)
		return rc;
	val[0] = rec->v[0];
	vlen[0] = rec->len[0];
	for (i = 1; i < en->n; i++) {
		val[i] = NULL;
		vlen[i] = 0;
		ref[i] = 0;
		if (i < rec->n && rec->v[i] != NULL &&
		    (rc = check_col(db, rec, i, en->cols[i].name, &en->spec[i],
		    &val[i], &vlen[i], buf[i], &ref[i], e)) != 0)
			return rc;
	}

	if ((rc = rel_db_stmt(db, en->sel, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, val[0], (int)vlen[0], SQLITE_STATIC);
	rc = sqlite3_step(st);
	exists = rc == SQLITE_ROW;
	for (i = 0; exists && i < en->n; i++) {
		const unsigned char *t = sqlite3_column_text(st, (int)i);

		/* NULL for a value that is not NULL: its text could not be
		 * made (out of memory). */
		if (t == NULL && sqlite3_errcode(rel_db_handle(db)) ==
		    SQLITE_NOMEM)
			rc = SQLITE_NOMEM;
		oldnull[i] = t == NULL;
		rel_strlcpy(old[i], t ? (const char *)t : "", VALSZ);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a record", e);

	if (!exists && mode == REL_UPDATE)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    en->cols[0].name, val[0], vlen[0], "is not a known %s "
		    "(rel-roster add makes one)", en->noun);
	if (exists && mode == REL_INSERT)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    en->cols[0].name, val[0], vlen[0], "already exists "
		    "(rel-roster set changes it)");
	/* A repeat is named as one before a login or an email is found
	 * taken by the record the repeat's first row wrote. */
	if ((rc = entity_keys(en, rec, val, vlen, e)) != 0)
		return rc;
	for (i = 1; i < en->n; i++) {
		int given = i < rec->n && rec->v[i] != NULL;

		if (!given && exists) {
			/* Columns the input lacks keep their stored values. */
			val[i] = oldnull[i] ? NULL : old[i];
			vlen[i] = oldnull[i] ? 0 : strlen(old[i]);
			if (en->spec[i].type == C_REF_ADULT && val[i] != NULL &&
			    (rc = lookup_id(db, sql_adult_rowid, val[i], vlen[i],
			    &ref[i], e)) != 0)
				return rc;
		} else if (!given) {
			if (en->cols[i].flags & REL_COL_REQUIRED)
				return rel_err_at(e, REL_EDATA, rec->file,
				    rec->line, en->cols[i].name, "is required "
				    "for a new %s", en->noun);
			val[i] = en->spec[i].dflt;
			vlen[i] = val[i] ? strlen(val[i]) : 0;
		}
		if (exists && !same(val[i], vlen[i], oldnull[i] ? NULL : old[i]))
			changed = 1;
		if (en->spec[i].type == C_LOGIN && (rc = taken(db, en,
		    en->login, rec, "login", val[i], vlen[i], e)) != 0)
			return rc;
		if (en->spec[i].type == C_EMAIL && (rc = taken(db, en,
		    en->email, rec, "email", val[i], vlen[i], e)) != 0)
			return rc;
	}
	if (exists && !changed) {
		*outcome = REL_UNCHANGED;
		return 0;
	}
	if ((rc = rel_db_stmt(db, exists ? en->upd : en->ins, &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, val[0], (int)vlen[0], SQLITE_STATIC);
	for (i = 1; i < en->n; i++)
		bind_col(st, (int)i + 1, &en->spec[i], val[i], vlen[i], ref[i]);
	rc = sqlite3_bind_text(st, (int)en->n + 1, rel_now_text(), -1,
	    SQLITE_TRANSIENT);
	rc = rc == SQLITE_OK ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a record", e);
	*outcome = exists ? REL_UPDATED : REL_ADDED;
	return 0;
}

static int
write_member_mode(struct rel_db *db, const struct rel_rec *rec,
    enum rel_roster_mode mode, enum rel_outcome *outcome, struct rel_err *e)
{
	sqlite3_int64 g, who;
	sqlite3_stmt *st;
	int rc, active, is_student, exists, was;
	size_t w;

	if ((rc = rel_rec_id(rec, 0, "group_id", e)) != 0)
		return rc;
	if (rel_rec_has(rec, 1) == rel_rec_has(rec, 2))
		return rel_err_at(e, REL_EDATA, rec->file, rec->line, NULL,
		    "a membership needs exactly one of student_id and adult_id");
	is_student = rel_rec_has(rec, 1);
	w = is_student ? 1 : 2;
	if ((rc = rel_rec_id(rec, w, kinds[REL_MEMBER].cols[w].name, e)) != 0)
		return rc;
	if ((rc = rel_rec_bool(rec, 3, "active", 1, &active, e)) != 0)
		return rc;
	if ((rc = lookup_id(db, sql_group_rowid, rec->v[0], rec->len[0], &g,
	    e)) != 0)
		return rc;
	if (g == 0)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    "group_id", rec->v[0], rec->len[0], "is not a known group");
	if ((rc = lookup_id(db, is_student ? sql_student_rowid : sql_adult_rowid,
	    rec->v[w], rec->len[w], &who, e)) != 0)
		return rc;
	if (who == 0)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    kinds[REL_MEMBER].cols[w].name, rec->v[w], rec->len[w],
		    "is not a known %s", is_student ? "student" : "adult");
	if ((rc = rel_db_stmt(db, is_student ?
	    "SELECT active FROM member WHERE grp = ?1 AND student = ?2" :
	    "SELECT active FROM member WHERE grp = ?1 AND adult = ?2", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, who);
	rc = sqlite3_step(st);
	exists = rc == SQLITE_ROW;
	was = exists ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a membership", e);
	if (!exists && mode == REL_UPDATE)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    kinds[REL_MEMBER].cols[w].name, rec->v[w], rec->len[w],
		    "is not a member of group %s", rec->v[0]);
	if (exists && mode == REL_INSERT)
		return rel_err_value(e, REL_EDATA, rec->file, rec->line,
		    kinds[REL_MEMBER].cols[w].name, rec->v[w], rec->len[w],
		    "is already a member of group %s", rec->v[0]);
	if ((rc = rel_rec_key(rec, w, kinds[REL_MEMBER].cols[w].name,
	    "membership (group_id with student_id or adult_id)", e,
	    "%lld\037%c%lld", (long long)g, is_student ? 's' : 'a',
	    (long long)who)) != 0)
		return rc;
	if (exists && was == active) {
		*outcome = REL_UNCHANGED;
		return 0;
	}
	if (exists)
		rc = rel_db_stmt(db, is_student ?
		    "UPDATE member SET active = ?3, updated_at = ?4 "
		    "WHERE grp = ?1 AND student = ?2" :
		    "UPDATE member SET active = ?3, updated_at = ?4 "
		    "WHERE grp = ?1 AND adult = ?2", &st, e);
	else
		rc = rel_db_stmt(db, is_student ?
		    "INSERT INTO member (grp, student, active, updated_at) "
		    "VALUES (?1, ?2, ?3, ?4)" :
		    "INSERT INTO member (grp, adult, active, updated_at) "
		    "VALUES (?1, ?2, ?3, ?4)", &st, e);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(st, 1, g);
	sqlite3_bind_int64(st, 2, who);
	sqlite3_bind_int(st, 3, active);
	rc = sqlite3_bind_text(st, 4, rel_now_text(), -1, SQLITE_TRANSIENT);
	rc = rc == SQLITE_OK ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a membership", e);
	*outcome = exists ? REL_UPDATED : REL_ADDED;
	return 0;
}

static int
write_student(struct rel_db *db, const struct rel_rec *rec,
    enum rel_outcome *o, struct rel_err *e)
{
	return write_entity(db, &entities[REL_STUDENT], rec, REL_UPSERT, o, e);
}

static int
write_adult(struct rel_db *db, const struct rel_rec *rec,
    enum rel_outcome *o, struct rel_err *e)
{
	return write_entity(db, &entities[REL_ADULT], rec, REL_UPSERT, o, e);
}

static int
write_group(struct rel_db *db, const struct rel_rec *rec,
    enum rel_outcome *o, struct rel_err *e)
{
	return write_entity(db, &entities[REL_GROUP], rec, REL_UPSERT, o, e);
}

static int
write_member(struct rel_db *db, const struct rel_rec *rec,
    enum rel_outcome *o, struct rel_err *e)
{
	return write_member_mode(db, rec, REL_UPSERT, o, e);
}

int
rel_roster_write(struct rel_db *db, enum rel_roster_kind k,
    const struct rel_rec *rec, enum rel_roster_mode mode,
    enum rel_outcome *outcome, struct rel_err *e)
{
	if (k == REL_MEMBER)
		return write_member_mode(db, rec, mode, outcome, e);
	return write_entity(db, &entities[k], rec, mode, outcome, e);
}

int
rel_roster_deactivate(struct rel_db *db, enum rel_roster_kind k,
    const char *id, enum rel_roster_kind mk, const char *member,
    struct rel_err *e)
{
	const char *v[4] = { id, NULL, NULL, "0" };
	size_t len[4] = { strlen(id), 0, 0, 1 };
	struct rel_rec rec = { 4, v, len, NULL, 0, NULL };
	enum rel_outcome out;
	sqlite3_stmt *st;
	sqlite3_int64 who;
	size_t i;
	int rc;

	if (k != REL_MEMBER) {
		const char *col = kinds[k].cols[0].name;

		if ((rc = rel_rec_id(&rec, 0, col, e)) != 0)
			return rc;
		if ((rc = lookup_id(db, k == REL_STUDENT ? sql_student_rowid :
		    k == REL_ADULT ? sql_adult_rowid : sql_group_rowid, id,
		    len[0], &who, e)) != 0)
			return rc;
		if (who == 0)
			return rel_err_value(e, REL_EDATA, NULL, 0, col, id, len[0],
			    "is not a known %s", entities[k].noun);
		if ((rc = rel_db_stmt(db, entities[k].deact, &st, e)) != 0)
			return rc;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, rel_now_text(), -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "deactivating",
		    e);
	}
	if (member != NULL) {
		i = mk == REL_ADULT ? 2 : 1;
		v[i] = member;
		len[i] = strlen(member);
	}
	return write_member_mode(db, &rec, REL_UPDATE, &out, e);
}

/* List queries: one fixed statement per kind; a NULL parameter turns its
 * filter off. ?1 grade, ?2 group, ?3 adult, ?4 name pattern, ?5 inactive
 * mode, ?6 student set on. */
static const char *const list_sql[REL_ROSTER_NKINDS] = {
	"SELECT s.student_id, s.given_name, s.family_name, s.preferred_name, "
	"s.pronouns, s.grade, s.home_language, s.active, s.email, s.login "
	"FROM student s "
	"WHERE (?1 IS NULL OR s.grade = ?1) "
	"AND (?2 IS NULL OR s.id IN (SELECT m.student FROM member m "
	"  JOIN grp g ON g.id = m.grp WHERE g.group_id = ?2 AND m.active = 1)) "
	"AND (?3 IS NULL OR s.id IN (SELECT m.student FROM member m "
	"  WHERE m.active = 1 AND m.grp IN ("
	"    SELECT g.id FROM grp g JOIN adult a ON a.id = g.lead_adult "
	"    WHERE a.adult_id = ?3 "
	"    UNION SELECT m2.grp FROM member m2 JOIN adult a ON a.id = m2.adult "
	"    WHERE a.adult_id = ?3 AND m2.active = 1))) "
	"AND (?4 IS NULL OR s.given_name LIKE ?4 ESCAPE '\\' "
	"  OR s.family_name LIKE ?4 ESCAPE '\\' "
	"  OR s.preferred_name LIKE ?4 ESCAPE '\\') "
	"AND (?5 = 2 OR s.active = 1 - ?5) "
	"AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
	"ORDER BY s.student_id",

	"SELECT a.adult_id, a.given_name, a.family_name, a.email, a.role, "
	"a.login, a.active FROM adult a "
	"WHERE (?2 IS NULL OR a.id IN (SELECT m.adult FROM member m "
	"  JOIN grp g ON g.id = m.grp WHERE g.group_id = ?2 AND m.active = 1 "
	"  UNION SELECT g.lead_adult FROM grp g WHERE g.group_id = ?2)) "
	"AND (?4 IS NULL OR a.given_name LIKE ?4 ESCAPE '\\' "
	"  OR a.family_name LIKE ?4 ESCAPE '\\') "
	"AND (?5 = 2 OR a.active = 1 - ?5) "
	"ORDER BY a.adult_id",

	"SELECT g.group_id, g.name, g.kind, a.adult_id, g.active FROM grp g "
	"LEFT JOIN adult a ON a.id = g.lead_adult "
	"WHERE (?3 IS NULL OR a.adult_id = ?3 OR g.id IN (SELECT m.grp "
	"  FROM member m JOIN adult a2 ON a2.id = m.adult "
	"  WHERE a2.adult_id = ?3 AND m.active = 1)) "
	"AND (?4 IS NULL OR g.name LIKE ?4 ESCAPE '\\') "
	"AND (?5 = 2 OR g.active = 1 - ?5) "
	"ORDER BY g.group_id",

	"SELECT g.group_id, s.student_id, a.adult_id, m.active FROM member m "
	"JOIN grp g ON g.id = m.grp LEFT JOIN student s ON s.id = m.student "
	"LEFT JOIN adult a ON a.id = m.adult "
	"WHERE (?2 IS NULL OR g.group_id = ?2) "
	"AND (?5 = 2 OR m.active = 1 - ?5) "
	"AND (?6 = 0 OR m.student IN (SELECT id FROM temp.rel_set)) "
	"ORDER BY g.group_id, s.student_id IS NULL, s.student_id, a.adult_id",
};

/* A filter naming an id that does not exist is a mistake, not a wish for
 * an empty list. */
int
rel_id_rowid(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, sqlite3_int64 *rowid, struct rel_err *e)
{
	int rc;

	*rowid = 0;
	if (id == NULL)
		return 0;
	if ((rc = lookup_id(db, k == REL_STUDENT ? sql_student_rowid :
	    k == REL_ADULT ? sql_adult_rowid : sql_group_rowid, id, strlen(id),
	    rowid, e)) != 0)
		return rc;
	if (*rowid == 0)
		return rel_err_value(e, REL_EDATA, NULL, 0, opt, id, strlen(id),
		    "is not a known %s", entities[k].noun);
	return 0;
}

int
rel_id_known(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, struct rel_err *e)
{
	sqlite3_int64 rowid;

	return rel_id_rowid(db, k, opt, id, &rowid, e);
}

/* A student or adult by external id, which must exist and be active. */
int
rel_person(struct rel_db *db, int adult, const char *id, size_t len,
    const char *col, const char *file, long line, sqlite3_int64 *rowid,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, active;

	if ((rc = rel_db_stmt(db, adult ?
	    "SELECT id, active FROM adult WHERE adult_id = ?1" :
	    "SELECT id, active FROM student WHERE student_id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	active = rc == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking up an id", e);
	return rel_person_check(adult, *rowid, active, id, len, col, file,
	    line, e);
}

int
rel_person_check(int adult, sqlite3_int64 rowid, int active, const char *id,
    size_t len, const char *col, const char *file, long line,
    struct rel_err *e)
{
	if (rowid == 0)
		return rel_err_value(e, REL_EDATA, file, line, col, id, len,
		    "is not a known %s", adult ? "adult" : "student");
	if (!active)
		return rel_err_value(e, REL_EDATA, file, line, col, id, len,
		    "is deactivated (rel-roster set %s %.*s --active 1 brings "
		    "them back)", adult ? "adult" : "student", (int)len, id);
	return 0;
}

int
rel_roster_list(struct rel_db *db, enum rel_roster_kind k,
    const struct rel_roster_filter *f, struct rel_out *o, struct rel_err *e)
{
	char grade[16], pat[512];
	sqlite3_stmt *st;
	size_t i, n;
	int rc;

	if (f->grade != NULL && k != REL_STUDENT)
		return rel_err_set(e, REL_EUSAGE, "--grade applies to students");
	if (f->adult != NULL && k != REL_STUDENT && k != REL_GROUP)
		return rel_err_set(e, REL_EUSAGE, "--adult applies to students "
		    "and groups");
	if (f->group != NULL && k == REL_GROUP)
		return rel_err_set(e, REL_EUSAGE, "--group applies to students, "
		    "adults and members");
	if (f->name != NULL && k == REL_MEMBER)
		return rel_err_set(e, REL_EUSAGE, "--name does not apply to "
		    "members");
	if (f->grade != NULL && rel_roster_grade(f->grade, strlen(f->grade),
	    grade, sizeof(grade)) != 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--grade", f->grade,
		    strlen(f->grade), "is not a grade (PK, TK, KG, 1 to 13, or "
		    "IT, PR, PS, UG, Other)");
	if ((rc = rel_id_known(db, REL_GROUP, "--group", f->group, e)) != 0 ||
	    (rc = rel_id_known(db, REL_ADULT, "--adult", f->adult, e)) != 0)
		return rc;
	if (f->name != NULL) {
		/* A substring match: escape LIKE's own wildcards. */
		n = 0;
		pat[n++] = '%';
		for (i = 0; f->name[i] != '\0' && n < sizeof(pat) - 3; i++) {
			if (f->name[i] == '%' || f->name[i] == '_' ||
			    f->name[i] == '\\')
				pat[n++] = '\\';
			pat[n++] = f->name[i];
		}
		pat[n++] = '%';
		pat[n] = '\0';
	}
	if ((rc = rel_db_stmt(db, list_sql[k], &st, e)) != 0)
		return rc;
	if (f->grade != NULL)
		sqlite3_bind_text(st, 1, grade, -1, SQLITE_STATIC);
	if (f->group != NULL)
		sqlite3_bind_text(st, 2, f->group, -1, SQLITE_STATIC);
	if (f->adult != NULL)
		sqlite3_bind_text(st, 3, f->adult, -1, SQLITE_STATIC);
	if (f->name != NULL)
		sqlite3_bind_text(st, 4, pat, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f->inactive);
	if (k == REL_STUDENT || k == REL_MEMBER)
		sqlite3_bind_int(st, 6, f->set != 0);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

/*
 * Completion reads ids as the user types, so the query must stay a range
 * on the UNIQUE index whatever the school's size: every id that starts
 * with ?1 sorts at or after ?1 and before ?1 followed by the highest code
 * point. A LIKE or substr() match would scan the table.
 */
static const char *const ids_sql[] = {
	"SELECT student_id FROM student WHERE student_id >= ?1 AND "
	"student_id < ?1 || char(1114111) AND active ORDER BY student_id "
	"LIMIT ?2",
	"SELECT adult_id FROM adult WHERE adult_id >= ?1 AND "
	"adult_id < ?1 || char(1114111) AND active ORDER BY adult_id LIMIT ?2",
	"SELECT group_id FROM grp WHERE group_id >= ?1 AND "
	"group_id < ?1 || char(1114111) AND active ORDER BY group_id LIMIT ?2",
};

int
rel_roster_ids(struct rel_db *db, enum rel_roster_kind k, const char *prefix,
    FILE *fp, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (k >= NELEM(ids_sql))
		return rel_err_set(e, REL_EUSAGE, "ids: a kind is student, "
		    "adult or group");
	if ((rc = rel_db_stmt(db, ids_sql[k], &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, prefix != NULL ? prefix : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int(st, 2, REL_ROSTER_IDS_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(fp, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "ids", e);
	return 0;
}
