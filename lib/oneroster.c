/*
 * oneroster.c: a OneRoster 1.1 CSV export into the roster.
 *
 * Each file is read with rel's own CSV reader and bound by header name
 * (columns beyond the spec's, such as metadata.*, are ignored). Rows
 * become roster records through rel_roster_write, so they are checked
 * exactly as a roster import checks them; a message names the OneRoster
 * file, line and column. Columns OneRoster does not carry (pronouns,
 * preferred names, home language, an adult's rel role once set) are left
 * as they are: an update writes only what the export says.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "internal.h"
#include "rel/oneroster.h"

#define R REL_COL_REQUIRED
#define PATHSZ 4096
#define IDSZ 72

static const char *const kind_names[REL_OR_NKINDS] = { "students", "adults",
	"guardians", "groups", "memberships" };

const char *
rel_oneroster_kind_name(enum rel_or_kind k)
{
	return kind_names[k];
}

enum { F_ORGS, F_USERS, F_CLASSES, F_ENROLLMENTS, NFILES };
static const char *const file_names[NFILES] = { "orgs", "users", "classes",
	"enrollments" };
enum mode { M_ABSENT, M_BULK, M_DELTA };

/* The columns read, in the spec's order. */
static const struct rel_csv_col org_cols[] = {
	{ "sourcedId", R }, { "status", 0 }, { "dateLastModified", 0 },
	{ "name", R }, { "type", R }, { "identifier", 0 },
	{ "parentSourcedId", 0 }
};
enum { O_SID, O_STATUS, O_MOD, O_NAME, O_TYPE };

static const struct rel_csv_col user_cols[] = {
	{ "sourcedId", R }, { "status", 0 }, { "dateLastModified", 0 },
	{ "enabledUser", R }, { "orgSourcedIds", R }, { "role", R },
	{ "username", R }, { "userIds", 0 }, { "givenName", R },
	{ "familyName", R }, { "middleName", 0 }, { "identifier", 0 },
	{ "email", 0 }, { "sms", 0 }, { "phone", 0 }, { "agentSourcedIds", 0 },
	{ "grades", 0 }, { "password", 0 }
};
enum { U_SID, U_STATUS, U_MOD, U_ENABLED, U_ORGS, U_ROLE, U_USERNAME,
	U_USERIDS, U_GIVEN, U_FAMILY, U_MIDDLE, U_IDENT, U_EMAIL, U_SMS,
	U_PHONE, U_AGENTS, U_GRADES, U_PASSWORD };

static const struct rel_csv_col class_cols[] = {
	{ "sourcedId", R }, { "status", 0 }, { "dateLastModified", 0 },
	{ "title", R }, { "grades", 0 }, { "courseSourcedId", R },
	{ "classCode", 0 }, { "classType", R }, { "location", 0 },
	{ "schoolSourcedId", R }, { "termSourcedIds", R }, { "subjects", 0 },
	{ "subjectCodes", 0 }, { "periods", 0 }
};
enum { C_SID, C_STATUS, C_MOD, C_TITLE, C_GRADES, C_COURSE, C_CODE, C_TYPE,
	C_LOCATION, C_SCHOOL };

static const struct rel_csv_col enrol_cols[] = {
	{ "sourcedId", R }, { "status", 0 }, { "dateLastModified", 0 },
	{ "classSourcedId", R }, { "schoolSourcedId", R },
	{ "userSourcedId", R }, { "role", R }, { "primary", 0 },
	{ "beginDate", 0 }, { "endDate", 0 }
};
enum { E_SID, E_STATUS, E_MOD, E_CLASS, E_SCHOOL, E_USER, E_ROLE,
	E_PRIMARY, E_BEGIN, E_END };

static const struct {
	const struct rel_csv_col *cols;
	size_t n;
} file_cols[NFILES] = {
	{ org_cols, NELEM(org_cols) }, { user_cols, NELEM(user_cols) },
	{ class_cols, NELEM(class_cols) }, { enrol_cols, NELEM(enrol_cols) }
};

struct run {
	struct rel_db *db;
	const struct rel_oneroster_opts *o;
	struct rel_oneroster_count *c;
	const char *dir;
	const char *scope;	/* o->school or "" */
	enum mode mode[NFILES];
	long max;
	/* Each sourcedId of a file, and each rel record's keys, once in
	 * an import (as a roster import's are). */
	struct rel_keys *keys;
};

/* One open file: its reader, the current row, and where each column is. */
struct file {
	struct rel_csv *r;
	const struct rel_csv_row *row;
	const char *name;	/* "users.csv", for messages */
	const struct rel_csv_col *cols;	/* its columns, as idx names them */
	int idx[24];
	int again;		/* a second pass: its bad rows are reported */
	char path[PATHSZ];
};

static const char *
fv(const struct file *f, int col, size_t *len)
{
	int i = f->idx[col];

	if (i < 0 || (size_t)i >= f->row->n) {
		*len = 0;
		return "";
	}
	*len = f->row->len[i];
	return f->row->f[i];
}

/* A field as a NUL-terminated string in buf (cut to n - 1 bytes). */
static const char *
fs(const struct file *f, int col, char *buf, size_t n)
{
	size_t len;
	const char *v = fv(f, col, &len);

	if (len >= n)
		len = n - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}

static int
is(const struct file *f, int col, const char *s)
{
	size_t len;
	const char *v = fv(f, col, &len);

	return strlen(s) == len && strncasecmp(v, s, len) == 0;
}

/* Is the field s to the letter (an id, or one of the spec's words)? */
static int
field_is(const struct file *f, int col, const char *s)
{
	size_t len;
	const char *v = fv(f, col, &len);

	return strlen(s) == len && memcmp(v, s, len) == 0;
}

/* Is the field one of list (NULL-terminated), to the letter? */
static int
field_in(const struct file *f, int col, const char *const *list)
{
	size_t k;

	for (k = 0; list[k] != NULL; k++)
		if (field_is(f, col, list[k]))
			return 1;
	return 0;
}

static void
bad(struct run *u, struct rel_err *e)
{
	u->c->bad++;
	if (u->c->bad <= u->max && u->o->report != NULL)
		u->o->report(u->o->ctx, e);
}

/* A row's error, at its file and line, naming the file's column. */
static int
row_err(struct run *u, const struct file *f, int col, const char *what,
    ...) __attribute__((format(printf, 4, 5)));

static int
row_err(struct run *u, const struct file *f, int col, const char *what, ...)
{
	struct rel_err e;
	char msg[512];
	const char *v;
	size_t len;
	va_list ap;

	va_start(ap, what);
	vsnprintf(msg, sizeof(msg), what, ap);
	va_end(ap);
	v = fv(f, col, &len);
	if (len > 0)
		rel_err_value(&e, REL_EDATA, f->name, f->row->line,
		    f->cols[col].name, v, len, "%s", msg);
	else
		rel_err_at(&e, REL_EDATA, f->name, f->row->line,
		    f->cols[col].name, "%s", msg);
	bad(u, &e);
	return REL_EDATA;
}

/* A roster write's error: its column is named as OneRoster names it. */
static void
write_err(struct run *u, const struct file *f, struct rel_err *e)
{
	static const struct {
		const char *rel, *or;
	} names[] = {
		{ "student_id", "sourcedId" }, { "adult_id", "sourcedId" },
		{ "given_name", "givenName" }, { "family_name", "familyName" },
		{ "grade", "grades" }, { "login", "username" },
		{ "group_id", "sourcedId" }, { "name", "title" },
	};
	size_t k;

	rel_strlcpy(e->file, f->name, sizeof(e->file));
	e->line = f->row->line;
	for (k = 0; k < NELEM(names); k++)
		if (strcmp(e->column, names[k].rel) == 0) {
			rel_strlcpy(e->column, names[k].or, sizeof(e->column));
			break;
		}
	bad(u, e);
}

/* Open dir/name.csv and bind its header; 66 if it is missing. */
static int
file_open(struct run *u, int which, struct file *f, struct rel_err *e)
{
	const struct rel_csv_row *hdr;
	int rc;

	memset(f, 0, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "%s/%s.csv", u->dir,
	    file_names[which]);
	if ((rc = rel_csv_open(&f->r, f->path, NULL, e)) != 0)
		return rc;
	f->name = strrchr(f->path, '/') + 1;
	f->cols = file_cols[which].cols;
	rc = rel_csv_header(f->r, &hdr, e);
	if (rc != REL_CSV_ROW) {
		rc = rc == REL_CSV_END ? rel_err_at(e, REL_EDATA, f->name, 1,
		    NULL, "is empty; expected a header of OneRoster 1.1 "
		    "columns") : e->code;
		rel_strlcpy(e->file, f->name, sizeof(e->file));
		goto fail;
	}
	/* Messages name the file alone, as the reader's do above: the
	 * directory is the operand. */
	if ((rc = rel_csv_bind(hdr, f->name, file_cols[which].cols,
	    file_cols[which].n, NULL, 1, f->idx, e)) != 0)
		goto fail;
	if (u->keys != NULL)
		rel_keys_file(u->keys, f->name);
	return 0;
fail:
	rel_csv_close(f->r);
	f->r = NULL;
	return rc;
}

/* Check the header of every file the manifest names, before the import
 * takes the write lock: a slow or huge header never holds up other
 * writers. Under the lock each is opened again, and its header read
 * again, by the pass that reads it. */
static int
headers_check(struct run *u, struct rel_err *e)
{
	struct rel_keys *keys = u->keys;
	struct file f;
	int k, rc = 0;

	u->keys = NULL;
	for (k = 0; k < NFILES && rc == 0; k++)
		if (u->mode[k] != M_ABSENT &&
		    (rc = file_open(u, k, &f, e)) == 0)
			rel_csv_close(f.r);
	u->keys = keys;
	return rc;
}

/* The next row: 1, 0 at the end, or -status. A row the reader finds bad
 * (a wrong field count) is reported and skipped; on a second pass over a
 * file it was reported on the first, and is only skipped. */
static int
file_next(struct run *u, struct file *f, struct rel_err *e)
{
	for (;;) {
		int rc = rel_csv_next(f->r, &f->row, e);

		if (rc == REL_CSV_ROW)
			return 1;
		if (rc == REL_CSV_END)
			return 0;
		if (rc == REL_CSV_FATAL) {
			rel_strlcpy(e->file, f->name, sizeof(e->file));
			return -e->code;
		}
		if (f->again)
			continue;
		rel_strlcpy(e->file, f->name, sizeof(e->file));
		bad(u, e);
	}
}

/* A sourcedId is one record of its file: a later row with it is bad
 * (not a second write over the first). */
static int
sourced_once(struct run *u, const struct file *f, const char *what)
{
	const char *v[1];
	size_t len[1];
	struct rel_rec rec;
	struct rel_err e;
	int rc;

	v[0] = fv(f, 0, &len[0]);
	if (len[0] == 0)
		return 0;
	rec.n = 1;
	rec.v = v;
	rec.len = len;
	rec.file = f->name;
	rec.line = f->row->line;
	rec.keys = u->keys;
	rc = rel_rec_key(&rec, 0, "sourcedId", what, &e, "%.*s", (int)len[0],
	    v[0]);
	/* Kept even if the row turns out bad: then nothing is imported. */
	rel_keys_commit(u->keys, rc == 0);
	if (rc != 0)
		bad(u, &e);
	return rc;
}

/* status: active (or empty, which bulk files may leave) or tobedeleted. */
static int
row_status(struct run *u, const struct file *f, int *deleted)
{
	size_t len;

	fv(f, 1, &len);
	*deleted = is(f, 1, "tobedeleted");
	if (len == 0 || *deleted || is(f, 1, "active"))
		return 0;
	return row_err(u, f, 1, "is not active or tobedeleted");
}

/* dateLastModified, when given: an ISO 8601 date-time. */
static int
row_modified(struct run *u, const struct file *f)
{
	int64_t secs;
	size_t len;
	const char *v = fv(f, 2, &len);

	if (len == 0 || rel_datetime_parse(v, len, &secs) == 0)
		return 0;
	return row_err(u, f, 2, "is not an ISO 8601 date-time "
	    "(2025-09-01T12:00:00.000Z)");
}

/* Is s one of the comma-separated values of list? */
static int
list_has(const char *list, size_t len, const char *s)
{
	size_t n = strlen(s), i = 0, j;

	while (i < len) {
		while (i < len && list[i] == ' ')
			i++;
		for (j = i; j < len && list[j] != ','; j++)
			;
		if (j - i >= n && strncmp(list + i, s, n) == 0) {
			size_t k = i + n;

			while (k < j && list[k] == ' ')
				k++;
			if (k == j)
				return 1;
		}
		i = j + 1;
	}
	return 0;
}

/* The k-th (0-based) value of a comma-separated list into buf; 0 if none. */
static int
list_item(const char *list, size_t len, size_t k, char *buf, size_t n)
{
	size_t i = 0, j, m;

	for (;;) {
		while (i < len && list[i] == ' ')
			i++;
		for (j = i; j < len && list[j] != ','; j++)
			;
		if (k == 0) {
			m = j;
			while (m > i && list[m - 1] == ' ')
				m--;
			if (m == i || m - i >= n)
				return 0;
			memcpy(buf, list + i, m - i);
			buf[m - i] = '\0';
			return 1;
		}
		if (j >= len)
			return 0;
		k--;
		i = j + 1;
	}
}

/* The same, of a field of the current row. */
static int
field_item(const struct file *f, int col, size_t k, char *buf, size_t n)
{
	size_t len;
	const char *v = fv(f, col, &len);

	return list_item(v, len, k, buf, n);
}

static int
field_has(const struct file *f, int col, const char *s)
{
	size_t len;
	const char *v = fv(f, col, &len);

	return list_has(v, len, s);
}

static int
remember(struct run *u, const char *type, const char *sid, const char *kind,
    const char *rel_id, const char *member, const char *member_kind,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(u->db, "INSERT INTO oneroster (type, "
	    "sourced_id, kind, rel_id, member_id, member_kind, scope) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (type, "
	    "sourced_id) DO UPDATE SET kind = ?3, rel_id = ?4, member_id = ?5, "
	    "member_kind = ?6, scope = ?7", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, rel_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, member, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, member_kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, u->scope, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(u->db, rc, "remembering a sourcedId", e);
	if ((rc = rel_db_stmt(u->db, "INSERT OR IGNORE INTO temp.rel_or_seen "
	    "VALUES (?1, ?2)", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(u->db, rc, "noting a row",
	    e);
}

/* What a sourcedId became: kind and rel id (and member), or 0 if none. */
static int
recall(struct run *u, const char *type, const char *sid, size_t len,
    char *kind, char *rel_id, char *member, char *member_kind, int *found,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	*found = 0;
	if ((rc = rel_db_stmt(u->db, "SELECT kind, rel_id, "
	    "ifnull(member_id, ''), ifnull(member_kind, '') FROM oneroster "
	    "WHERE type = ?1 AND sourced_id = ?2", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sid, (int)len, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*found = 1;
		rel_strlcpy(kind, (const char *)sqlite3_column_text(st, 0), 16);
		rel_strlcpy(rel_id, (const char *)sqlite3_column_text(st, 1),
		    IDSZ);
		if (member != NULL)
			rel_strlcpy(member, (const char *)
			    sqlite3_column_text(st, 2), IDSZ);
		if (member_kind != NULL)
			rel_strlcpy(member_kind, (const char *)
			    sqlite3_column_text(st, 3), 16);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(u->db, rc, "looking up a sourcedId", e);
	return 0;
}

/* Write a roster record of kind k from values v (in the kind's column
 * order, NULL: not given). The export's columns are written; the rest
 * are kept. A bad value is reported at the row. */
static int
put(struct run *u, const struct file *f, enum rel_roster_kind k,
    const char *const *v, enum rel_or_kind ck, struct rel_err *e)
{
	const struct rel_import_kind *kind = &rel_roster_kinds()[k];
	size_t len[16], i;
	struct rel_rec rec;
	enum rel_outcome out;
	int rc;

	for (i = 0; i < kind->ncols; i++)
		len[i] = v[i] ? strlen(v[i]) : 0;
	rec.n = kind->ncols;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = f->name;
	rec.line = f->row->line;
	/* A user is one rel student or adult. A class is written again by
	 * its primary teacher's enrollment, and two enrollments (each its
	 * own sourcedId) may make one membership. */
	rec.keys = k == REL_STUDENT || k == REL_ADULT ? u->keys : NULL;
	rel_err_clear(e);
	rc = rel_roster_write(u->db, k, &rec, REL_UPSERT, &out, e);
	if (rec.keys != NULL)
		rel_keys_commit(u->keys, rc == 0);
	if (rc == REL_EDATA) {
		write_err(u, f, e);
		return REL_EDATA;
	}
	if (rc != 0)
		return rc;
	u->c->n[ck][out]++;
	return 0;
}

/* Make a record inactive by its rel id; counted if it was active. */
static int
deactivate(struct run *u, enum rel_or_kind ck, const char *id,
    const char *member, const char *member_kind, struct rel_err *e)
{
	static const char *const sql[] = {
		"UPDATE student SET active = 0, updated_at = ?3 "
		"WHERE student_id = ?1 AND active = 1",
		"UPDATE adult SET active = 0, updated_at = ?3 "
		"WHERE adult_id = ?1 AND active = 1",
		"UPDATE guardian SET active = 0, updated_at = ?3 "
		"WHERE guardian_id = ?1 AND active = 1",
		"UPDATE grp SET active = 0, updated_at = ?3 "
		"WHERE group_id = ?1 AND active = 1",
		"UPDATE member SET active = 0, updated_at = ?3 "
		"WHERE active = 1 AND grp = (SELECT id FROM grp "
		"WHERE group_id = ?1) AND (student = (SELECT id FROM student "
		"WHERE student_id = ?2 AND ?4 = 'student') OR adult = (SELECT "
		"id FROM adult WHERE adult_id = ?2 AND ?4 = 'adult'))",
	};
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(u->db, sql[ck], &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, member, -1, SQLITE_STATIC);
	rc = sqlite3_bind_text(st, 3, rel_now_text(), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, member_kind, -1, SQLITE_STATIC);
	rc = rc == SQLITE_OK ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(u->db, rc, "deactivating", e);
	u->c->deactivated[ck] += sqlite3_changes(rel_db_handle(u->db));
	return 0;
}

static enum rel_or_kind
or_kind(const char *kind)
{
	static const char *const names[REL_OR_NKINDS] = { "student", "adult",
		"guardian", "group", "member" };
	size_t k;

	for (k = 0; k < REL_OR_NKINDS; k++)
		if (strcmp(kind, names[k]) == 0)
			return (enum rel_or_kind)k;
	return REL_OR_NKINDS;
}

/* manifest.csv: the version and the mode of each file. */
static int
read_manifest(struct run *u, struct rel_err *e)
{
	static const struct rel_csv_col cols[] = { { "propertyName", R },
		{ "value", R } };
	const struct rel_csv_row *hdr, *row;
	struct rel_csv *r = NULL;
	char path[PATHSZ];
	int idx[2], rc, version = 0;
	size_t k;

	snprintf(path, sizeof(path), "%s/manifest.csv", u->dir);
	if ((rc = rel_csv_open(&r, path, NULL, e)) != 0)
		return rc;
	if ((rc = rel_csv_header(r, &hdr, e)) != REL_CSV_ROW) {
		rc = rc == REL_CSV_END ? rel_err_at(e, REL_EDATA,
		    "manifest.csv", 1, NULL, "is empty; expected "
		    "propertyName,value") : e->code;
		goto out;
	}
	if ((rc = rel_csv_bind(hdr, "manifest.csv", cols, 2, NULL, 1, idx,
	    e)) != 0)
		goto out;
	while ((rc = rel_csv_next(r, &row, e)) != REL_CSV_END) {
		const char *p, *v;
		size_t plen, vlen;

		if (rc != REL_CSV_ROW) {
			rc = e->code;
			goto out;
		}
		p = row->f[idx[0]];
		plen = row->len[idx[0]];
		v = row->f[idx[1]];
		vlen = row->len[idx[1]];
		if (plen == 17 && memcmp(p, "oneroster.version", 17) == 0) {
			if (vlen != 3 || memcmp(v, "1.1", 3) != 0) {
				rc = rel_err_value(e, REL_EDATA, "manifest.csv",
				    row->line, "value", v, vlen, "is not a "
				    "OneRoster version rel reads (1.1)");
				goto out;
			}
			version = 1;
			continue;
		}
		if (plen < 6 || memcmp(p, "file.", 5) != 0)
			continue;
		for (k = 0; k < NFILES; k++)
			if (strlen(file_names[k]) == plen - 5 &&
			    memcmp(p + 5, file_names[k], plen - 5) == 0)
				break;
		if (vlen == 4 && strncasecmp(v, "bulk", 4) == 0) {
			if (k < NFILES)
				u->mode[k] = M_BULK;
		} else if (vlen == 5 && strncasecmp(v, "delta", 5) == 0) {
			if (k < NFILES)
				u->mode[k] = M_DELTA;
		} else if (vlen == 6 && strncasecmp(v, "absent", 6) == 0) {
			if (k < NFILES)
				u->mode[k] = M_ABSENT;
		} else {
			rc = rel_err_value(e, REL_EDATA, "manifest.csv",
			    row->line, "value", v, vlen, "is not bulk, delta "
			    "or absent");
			goto out;
		}
	}
	rc = 0;
	if (!version)
		rc = rel_err_at(e, REL_EDATA, "manifest.csv", 0, NULL, "has no "
		    "oneroster.version row; expected oneroster.version,1.1");
out:
	rel_csv_close(r);
	return rc;
}

/* orgs.csv: checked, and --school must be one of its schools. */
static int
read_orgs(struct run *u, struct rel_err *e)
{
	static const char *const types[] = { "district", "school",
		"department", "local", "state", "national", NULL };
	struct file f;
	int rc, found = 0, deleted;

	if (u->mode[F_ORGS] == M_ABSENT)
		return 0;
	if ((rc = file_open(u, F_ORGS, &f, e)) != 0)
		return rc;
	while ((rc = file_next(u, &f, e)) == 1) {
		if (sourced_once(u, &f, "org") != 0)
			continue;
		if (row_status(u, &f, &deleted) || row_modified(u, &f))
			continue;
		if (!field_in(&f, O_TYPE, types)) {
			row_err(u, &f, O_TYPE, "is not one of district, school, "
			    "department, local, state or national");
			continue;
		}
		if (u->o->school != NULL && field_is(&f, O_SID, u->o->school)) {
			if (!is(&f, O_TYPE, "school"))
				row_err(u, &f, O_TYPE, "is the type of "
				    "--school %s; expected school", u->o->school);
			found = 1;
		}
	}
	rel_csv_close(f.r);
	if (rc < 0)
		return -rc;
	if (u->o->school != NULL && !found)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--school",
		    u->o->school, strlen(u->o->school), "is not the sourcedId "
		    "of an org in orgs.csv");
	return 0;
}

static int
in_scope(struct run *u, const char *list, size_t len)
{
	return u->o->school == NULL || list_has(list, len, u->o->school);
}

/* A user's rel id: sourcedId, or identifier with --id-from identifier. */
static int
user_id(struct run *u, const struct file *f, char *id)
{
	size_t len;

	fv(f, u->o->id_from_identifier ? U_IDENT : U_SID, &len);
	if (len == 0)
		return row_err(u, f, U_IDENT, "is empty, and --id-from "
		    "identifier makes it the user's id");
	if (len >= IDSZ)
		return row_err(u, f, u->o->id_from_identifier ? U_IDENT : U_SID,
		    "is longer than 64 bytes");
	fs(f, u->o->id_from_identifier ? U_IDENT : U_SID, id, IDSZ);
	return 0;
}

static const char *const user_roles[] = { "administrator", "aide",
	"guardian", "parent", "proctor", "relative", "student", "teacher",
	NULL };

/* Is id an adult of rel's already? 0 and *found, or a status with e set. */
static int
adult_exists(struct run *u, const char *id, int *found, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(u->db, "SELECT 1 FROM adult WHERE adult_id = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	*found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(u->db, rc, "reading adults", e);
	return 0;
}

/* users.csv, first pass: students and adults. */
static int
read_people(struct run *u, struct rel_err *e)
{
	struct file f;
	int rc, deleted, enabled;
	size_t k, len;

	if ((rc = file_open(u, F_USERS, &f, e)) != 0)
		return rc;
	while ((rc = file_next(u, &f, e)) == 1) {
		char sid[IDSZ], id[IDSZ], given[256], family[256], grade[16],
		    email[256], login[128], agent[IDSZ], kind[16], old[IDSZ];
		const char *v[10], *orgs;
		int student, found;

		if (sourced_once(u, &f, "user") != 0)
			continue;

		if (row_status(u, &f, &deleted) || row_modified(u, &f))
			continue;
		if (!field_in(&f, U_ROLE, user_roles)) {
			row_err(u, &f, U_ROLE, "is not one of administrator, "
			    "aide, guardian, parent, proctor, relative, "
			    "student or teacher");
			continue;
		}
		if (is(&f, U_ROLE, "guardian") || is(&f, U_ROLE, "parent") ||
		    is(&f, U_ROLE, "relative"))
			continue;	/* the second pass */
		fv(&f, U_ENABLED, &len);
		enabled = !is(&f, U_ENABLED, "false");
		if (len > 0 && enabled && !is(&f, U_ENABLED, "true")) {
			row_err(u, &f, U_ENABLED, "is not true or false");
			continue;
		}
		orgs = fv(&f, U_ORGS, &len);
		if (len == 0) {
			row_err(u, &f, U_ORGS, "is empty; a user belongs to at "
			    "least one org");
			continue;
		}
		if (!in_scope(u, orgs, len)) {
			u->c->skipped++;
			continue;
		}
		fs(&f, U_SID, sid, sizeof(sid));
		student = is(&f, U_ROLE, "student");
		if (deleted) {
			/* Only what an earlier import brought can go. */
			if ((rc = recall(u, "user", sid, strlen(sid), kind, old,
			    NULL, NULL, &found, e)) != 0)
				goto out;
			if (found && (rc = deactivate(u, or_kind(kind), old, "",
			    "", e)) != 0)
				goto out;
			if (found && (rc = remember(u, "user", sid, kind, old,
			    NULL, NULL, e)) != 0)
				goto out;
			continue;
		}
		if (user_id(u, &f, id) != 0)
			continue;
		memset(v, 0, sizeof(v));
		v[0] = id;
		v[1] = fs(&f, U_GIVEN, given, sizeof(given));
		v[2] = fs(&f, U_FAMILY, family, sizeof(family));
		fs(&f, U_EMAIL, email, sizeof(email));
		fs(&f, U_USERNAME, login, sizeof(login));
		if (student) {
			/* A student's grade is the first they are listed in. */
			if (field_item(&f, U_GRADES, 0, grade,
			    sizeof(grade)))
				v[5] = grade;
			v[7] = enabled ? "1" : "0";
			v[8] = email[0] ? email : NULL;
			v[9] = login[0] ? login : NULL;
			rc = put(u, &f, REL_STUDENT, v, REL_OR_STUDENT, e);
		} else {
			v[3] = email[0] ? email : NULL;
			/* rel's role is set once: a counselor stays one when
			 * the export next calls them a teacher. */
			if ((rc = recall(u, "user", sid, strlen(sid), kind, old,
			    NULL, NULL, &found, e)) != 0)
				goto out;
			if (!found && (rc = adult_exists(u, id, &found,
			    e)) != 0)
				goto out;
			if (!found)
				v[4] = is(&f, U_ROLE, "administrator") ?
				    "admin" : is(&f, U_ROLE, "teacher") ?
				    "teacher" : "staff";
			v[5] = login[0] ? login : NULL;
			v[6] = enabled ? "1" : "0";
			rc = put(u, &f, REL_ADULT, v, REL_OR_ADULT, e);
		}
		if (rc == REL_EDATA)
			continue;
		if (rc != 0 || (rc = remember(u, "user", sid, student ?
		    "student" : "adult", id, NULL, NULL, e)) != 0)
			goto out;
		/* A student's guardians, for the second pass. */
		for (k = 0; student && field_item(&f, U_AGENTS, k,
		    agent, sizeof(agent)); k++) {
			sqlite3_stmt *st;

			if ((rc = rel_db_stmt(u->db, "INSERT OR IGNORE INTO "
			    "temp.rel_or_agent VALUES (?1, ?2)", &st, e)) != 0)
				goto out;
			sqlite3_bind_text(st, 1, sid, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, agent, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				rc = rel_db_fail(u->db, rc, "noting a guardian",
				    e);
				goto out;
			}
		}
	}
	rc = rc < 0 ? -rc : 0;
out:
	rel_csv_close(f.r);
	return rc;
}

/* One guardian link: the student (by sourcedId) and the person. */
static int
put_guardian(struct run *u, const struct file *f, const char *student_sid,
    const char *gid, int active, struct rel_err *e)
{
	char kind[16], sid[IDSZ], given[256], family[256], name[520],
	    email[256], phone[64], sms[64], rel[16];
	sqlite3_stmt *st;
	int rc, found, existed;

	if ((rc = recall(u, "user", student_sid, strlen(student_sid), kind,
	    sid, NULL, NULL, &found, e)) != 0)
		return rc;
	/* A student of another school, or one the export never listed. */
	if (!found || strcmp(kind, "student") != 0)
		return 0;
	snprintf(name, sizeof(name), "%s %s", fs(f, U_GIVEN, given,
	    sizeof(given)), fs(f, U_FAMILY, family, sizeof(family)));
	fs(f, U_ROLE, rel, sizeof(rel));
	if ((rc = rel_db_stmt(u->db, "SELECT 1 FROM guardian g JOIN student s "
	    "ON s.id = g.student WHERE s.student_id = ?1 AND g.guardian_id = "
	    "?2 AND g.name = ?3 AND g.relationship = ?4 AND g.email IS ?5 AND "
	    "g.phone IS ?6 AND g.sms IS ?7 AND g.active = ?8", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, sid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, gid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, rel, -1, SQLITE_STATIC);
	if (fs(f, U_EMAIL, email, sizeof(email))[0])
		sqlite3_bind_text(st, 5, email, -1, SQLITE_STATIC);
	if (fs(f, U_PHONE, phone, sizeof(phone))[0])
		sqlite3_bind_text(st, 6, phone, -1, SQLITE_STATIC);
	if (fs(f, U_SMS, sms, sizeof(sms))[0])
		sqlite3_bind_text(st, 7, sms, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, active);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		u->c->n[REL_OR_GUARDIAN][REL_UNCHANGED]++;
		return 0;
	}
	if ((rc = rel_db_stmt(u->db, "SELECT 1 FROM guardian g JOIN student s "
	    "ON s.id = g.student WHERE s.student_id = ?1 AND g.guardian_id = "
	    "?2", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, sid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, gid, -1, SQLITE_STATIC);
	existed = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if ((rc = rel_db_stmt(u->db, "INSERT INTO guardian (student, "
	    "guardian_id, name, relationship, email, phone, sms, active, "
	    "updated_at) SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM student "
	    "WHERE student_id = ?1 ON CONFLICT (student, guardian_id) DO "
	    "UPDATE SET name = ?3, relationship = ?4, email = ?5, phone = ?6, "
	    "sms = ?7, active = ?8, updated_at = ?9", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, sid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, gid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, rel, -1, SQLITE_STATIC);
	if (email[0])
		sqlite3_bind_text(st, 5, email, -1, SQLITE_STATIC);
	if (phone[0])
		sqlite3_bind_text(st, 6, phone, -1, SQLITE_STATIC);
	if (sms[0])
		sqlite3_bind_text(st, 7, sms, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, active);
	rc = sqlite3_bind_text(st, 9, rel_now_text(), -1, SQLITE_TRANSIENT);
	rc = rc == SQLITE_OK ? sqlite3_step(st) : rc;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(u->db, rc, "writing a guardian", e);
	u->c->n[REL_OR_GUARDIAN][existed ? REL_UPDATED : REL_ADDED]++;
	return 0;
}

/* users.csv, second pass: parents, guardians and relatives, linked to
 * students both ways (their agentSourcedIds, and the students'). Rows
 * the first pass found bad are passed over here. */
static int
read_guardians(struct run *u, struct rel_err *e)
{
	struct file f;
	int rc, enabled;
	size_t k, len, n, cap = 0;
	char (*links)[IDSZ] = NULL;

	if ((rc = file_open(u, F_USERS, &f, e)) != 0)
		return rc;
	f.again = 1;
	while ((rc = file_next(u, &f, e)) == 1) {
		char gid[IDSZ], agent[IDSZ];
		sqlite3_stmt *st;

		if (!(is(&f, U_ROLE, "guardian") || is(&f, U_ROLE, "parent") ||
		    is(&f, U_ROLE, "relative")))
			continue;
		fv(&f, U_STATUS, &len);
		if (len > 0 && !is(&f, U_STATUS, "active") &&
		    !is(&f, U_STATUS, "tobedeleted"))
			continue;
		fs(&f, U_SID, gid, sizeof(gid));
		if (is(&f, U_STATUS, "tobedeleted")) {
			if ((rc = deactivate(u, REL_OR_GUARDIAN, gid, "", "",
			    e)) != 0)
				goto out;
			continue;
		}
		fv(&f, U_GIVEN, &len);
		if (len == 0 || (fv(&f, U_FAMILY, &len), len == 0)) {
			fv(&f, U_GIVEN, &len);
			row_err(u, &f, len ? U_FAMILY : U_GIVEN, "is empty; a "
			    "name is required");
			continue;
		}
		enabled = !is(&f, U_ENABLED, "false");
		/* The students it names, and those that name it. */
		n = 0;
		for (k = 0;; k++) {
			if (!field_item(&f, U_AGENTS, k, agent,
			    sizeof(agent)))
				break;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				links = rel_xrealloc(links, cap * sizeof(*links));
			}
			rel_strlcpy(links[n++], agent, IDSZ);
		}
		if ((rc = rel_db_stmt(u->db, "SELECT student_sid FROM "
		    "temp.rel_or_agent WHERE guardian_sid = ?1 ORDER BY 1",
		    &st, e)) != 0)
			goto out;
		sqlite3_bind_text(st, 1, gid, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *s = (const char *)sqlite3_column_text(st, 0);

			if (field_has(&f, U_AGENTS, s))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				links = rel_xrealloc(links, cap * sizeof(*links));
			}
			rel_strlcpy(links[n++], s, IDSZ);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			rc = rel_db_fail(u->db, rc, "reading guardians", e);
			goto out;
		}
		for (k = 0; k < n; k++)
			if ((rc = put_guardian(u, &f, links[k], gid, enabled,
			    e)) != 0)
				goto out;
		if ((rc = remember(u, "user", gid, "guardian", gid, NULL, NULL,
		    e)) != 0)
			goto out;
	}
	rc = rc < 0 ? -rc : 0;
out:
	free(links);
	rel_csv_close(f.r);
	return rc;
}

/* classes.csv: homerooms become advisories, scheduled classes classes. */
static int
read_classes(struct run *u, struct rel_err *e)
{
	struct file f;
	int rc, deleted, found;
	size_t len;

	if ((rc = file_open(u, F_CLASSES, &f, e)) != 0)
		return rc;
	while ((rc = file_next(u, &f, e)) == 1) {
		char sid[IDSZ], title[256], kind[16], old[IDSZ];
		const char *v[5] = { NULL };

		if (sourced_once(u, &f, "class") != 0)
			continue;

		if (row_status(u, &f, &deleted) || row_modified(u, &f))
			continue;
		if (!is(&f, C_TYPE, "homeroom") && !is(&f, C_TYPE, "scheduled")) {
			row_err(u, &f, C_TYPE, "is not homeroom or scheduled");
			continue;
		}
		fv(&f, C_SCHOOL, &len);
		if (len == 0) {
			row_err(u, &f, C_SCHOOL, "is empty; a class belongs to "
			    "a school");
			continue;
		}
		if (u->o->school != NULL &&
		    !field_is(&f, C_SCHOOL, u->o->school)) {
			u->c->skipped++;
			continue;
		}
		fs(&f, C_SID, sid, sizeof(sid));
		if (deleted) {
			if ((rc = recall(u, "class", sid, strlen(sid), kind, old,
			    NULL, NULL, &found, e)) != 0)
				goto out;
			if (found && ((rc = deactivate(u, REL_OR_GROUP, old, "",
			    "", e)) != 0 || (rc = remember(u, "class", sid,
			    "group", old, NULL, NULL, e)) != 0))
				goto out;
			continue;
		}
		fv(&f, C_SID, &len);
		if (len >= IDSZ) {
			row_err(u, &f, C_SID, "is longer than 64 bytes");
			continue;
		}
		v[0] = sid;
		v[1] = fs(&f, C_TITLE, title, sizeof(title));
		v[2] = is(&f, C_TYPE, "homeroom") ? "advisory" : "class";
		v[4] = "1";
		rc = put(u, &f, REL_GROUP, v, REL_OR_GROUP, e);
		if (rc == REL_EDATA)
			continue;
		if (rc != 0 || (rc = remember(u, "class", sid, "group", sid,
		    NULL, NULL, e)) != 0)
			goto out;
	}
	rc = rc < 0 ? -rc : 0;
out:
	rel_csv_close(f.r);
	return rc;
}

static int
date_field(struct run *u, const struct file *f, int col, int32_t *day)
{
	int64_t secs;
	size_t len;
	const char *v = fv(f, col, &len);

	*day = -1;
	if (len == 0)
		return 0;
	if (rel_date_parse(v, len, day) == 0)
		return 0;
	if (rel_datetime_parse(v, len, &secs) == 0) {
		*day = (int32_t)(secs / 86400);
		return 0;
	}
	return row_err(u, f, col, "is not a date (YYYY-MM-DD)");
}

/* enrollments.csv: memberships; a primary teacher leads the class. */
static int
read_enrollments(struct run *u, struct rel_err *e)
{
	static const char *const roles[] = { "administrator", "aide",
		"proctor", "student", "teacher", NULL };
	struct file f;
	int rc, deleted, found;
	size_t len;

	if ((rc = file_open(u, F_ENROLLMENTS, &f, e)) != 0)
		return rc;
	while ((rc = file_next(u, &f, e)) == 1) {
		char sid[IDSZ], group[IDSZ], who[IDSZ], ukind[16], gkind[16],
		    mk[16];
		const char *v[5] = { NULL }, *s;
		int32_t begin, end;

		if (sourced_once(u, &f, "enrollment") != 0)
			continue;

		if (row_status(u, &f, &deleted) || row_modified(u, &f))
			continue;
		if (u->o->school != NULL &&
		    !field_is(&f, E_SCHOOL, u->o->school)) {
			u->c->skipped++;
			continue;
		}
		fs(&f, E_SID, sid, sizeof(sid));
		if (deleted) {
			if ((rc = recall(u, "enrollment", sid, strlen(sid),
			    ukind, group, who, mk, &found, e)) != 0)
				goto out;
			if (found && ((rc = deactivate(u, REL_OR_MEMBER, group,
			    who, mk, e)) != 0 || (rc = remember(u, "enrollment",
			    sid, "member", group, who, mk, e)) != 0))
				goto out;
			continue;
		}
		if (!field_in(&f, E_ROLE, roles)) {
			row_err(u, &f, E_ROLE, "is not one of administrator, "
			    "aide, proctor, student or teacher");
			continue;
		}
		fv(&f, E_PRIMARY, &len);
		if (len > 0 && !is(&f, E_PRIMARY, "true") &&
		    !is(&f, E_PRIMARY, "false")) {
			row_err(u, &f, E_PRIMARY, "is not true or false");
			continue;
		}
		if (date_field(u, &f, E_BEGIN, &begin) ||
		    date_field(u, &f, E_END, &end))
			continue;
		s = fv(&f, E_CLASS, &len);
		if ((rc = recall(u, "class", s, len, gkind, group, NULL, NULL,
		    &found, e)) != 0)
			goto out;
		if (!found) {
			row_err(u, &f, E_CLASS, "is not a class of classes.csv "
			    "or of an earlier import");
			continue;
		}
		s = fv(&f, E_USER, &len);
		if ((rc = recall(u, "user", s, len, ukind, who, NULL, NULL,
		    &found, e)) != 0)
			goto out;
		if (!found || (strcmp(ukind, "student") != 0 &&
		    strcmp(ukind, "adult") != 0)) {
			row_err(u, &f, E_USER, found ? "is a guardian, who is "
			    "not enrolled in classes" : "is not a user of "
			    "users.csv or of an earlier import");
			continue;
		}
		if (is(&f, E_ROLE, "student") != (strcmp(ukind, "student") == 0)) {
			row_err(u, &f, E_ROLE, "does not match the user's role "
			    "in users.csv");
			continue;
		}
		v[0] = group;
		v[strcmp(ukind, "student") == 0 ? 1 : 2] = who;
		v[3] = end >= 0 && end < rel_today() ? "0" : "1";
		if ((rc = put(u, &f, REL_MEMBER, v, REL_OR_MEMBER, e)) ==
		    REL_EDATA)
			continue;
		if (rc != 0 || (rc = remember(u, "enrollment", sid, "member",
		    group, who, ukind, e)) != 0)
			goto out;
		if (is(&f, E_ROLE, "teacher") && is(&f, E_PRIMARY, "true") &&
		    v[3][0] == '1') {
			const char *g[5] = { group, NULL, NULL, who, NULL };
			long n[REL_NOUTCOMES];

			/* The lead is a part of its class, which was counted
			 * (or not listed): this write is not counted again. */
			memcpy(n, u->c->n[REL_OR_GROUP], sizeof(n));
			if ((rc = put(u, &f, REL_GROUP, g, REL_OR_GROUP, e)) ==
			    REL_EDATA)
				continue;
			if (rc != 0)
				goto out;
			memcpy(u->c->n[REL_OR_GROUP], n, sizeof(n));
		}
	}
	rc = rc < 0 ? -rc : 0;
out:
	rel_csv_close(f.r);
	return rc;
}

/* A bulk file is the whole truth for its scope: what an earlier import
 * of the same scope brought, and this one did not list, is deactivated. */
static int
sweep(struct run *u, const char *type, struct rel_err *e)
{
	sqlite3_stmt *st;
	char (*rows)[4][IDSZ] = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	if ((rc = rel_db_stmt(u->db, "SELECT kind, rel_id, ifnull(member_id, "
	    "''), ifnull(member_kind, '') FROM oneroster o WHERE type = ?1 "
	    "AND scope = ?2 AND NOT EXISTS (SELECT 1 FROM temp.rel_or_seen s "
	    "WHERE s.type = o.type AND s.sourced_id = o.sourced_id)", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u->scope, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rows = rel_xrealloc(rows, cap * sizeof(*rows));
		}
		for (i = 0; i < 4; i++)
			rel_strlcpy(rows[n][i], (const char *)
			    sqlite3_column_text(st, (int)i), IDSZ);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		return rel_db_fail(u->db, rc, "reading earlier imports", e);
	}
	for (i = 0, rc = 0; i < n && rc == 0; i++)
		rc = deactivate(u, or_kind(rows[i][0]), rows[i][1], rows[i][2],
		    rows[i][3], e);
	free(rows);
	return rc;
}

static int
import_dir(struct rel_db *db, const char *dir,
    const struct rel_oneroster_opts *o, struct rel_oneroster_count *c,
    struct rel_keys *keys, struct rel_err *e)
{
	struct run u;
	struct stat sb;
	char path[PATHSZ];
	size_t k;
	int rc;

	memset(c, 0, sizeof(*c));
	memset(&u, 0, sizeof(u));
	u.db = db;
	u.o = o;
	u.keys = keys;
	u.c = c;
	u.dir = dir;
	u.scope = o->school ? o->school : "";
	u.max = o->max_messages > 0 ? o->max_messages : 50;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return rel_err_at(e, REL_ENOINPUT, dir, 0, NULL, "is not a "
		    "directory holding a OneRoster export (unzip the .zip "
		    "into one)");
	if ((rc = read_manifest(&u, e)) != 0)
		return rc;
	for (k = 0; k < NFILES; k++) {
		snprintf(path, sizeof(path), "%s/%s.csv", dir, file_names[k]);
		if (u.mode[k] != M_ABSENT && stat(path, &sb) != 0)
			return rel_err_at(e, REL_ENOINPUT, "manifest.csv", 0,
			    NULL, "says file.%s is %s, but %s.csv is missing",
			    file_names[k], u.mode[k] == M_BULK ? "bulk" :
			    "delta", file_names[k]);
	}
	if (u.mode[F_USERS] == M_ABSENT && u.mode[F_CLASSES] == M_ABSENT &&
	    u.mode[F_ENROLLMENTS] == M_ABSENT)
		return rel_err_at(e, REL_EDATA, "manifest.csv", 0, NULL, "lists "
		    "none of users, classes and enrollments as bulk or delta: "
		    "there is nothing to import");
	if ((rc = headers_check(&u, e)) != 0)
		return rc;
	/* As for any import (rel_cli_import): the index pages of a large
	 * export stay in memory rather than spill to the WAL. */
	if ((rc = rel_db_exec(db, "PRAGMA cache_size=-65536", e)) != 0 ||
	    (rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = rel_db_exec(db, "CREATE TEMP TABLE IF NOT EXISTS rel_or_seen "
	    "(type TEXT, sourced_id TEXT, PRIMARY KEY (type, sourced_id)) "
	    "WITHOUT ROWID; CREATE TEMP TABLE IF NOT EXISTS rel_or_agent "
	    "(student_sid TEXT, guardian_sid TEXT, PRIMARY KEY (student_sid, "
	    "guardian_sid)) WITHOUT ROWID; CREATE INDEX IF NOT EXISTS "
	    "temp.rel_or_agent_g ON rel_or_agent (guardian_sid); "
	    "DELETE FROM temp.rel_or_seen; DELETE FROM temp.rel_or_agent",
	    e)) != 0)
		goto fail;
	if ((rc = read_orgs(&u, e)) != 0)
		goto fail;
	if (u.mode[F_USERS] != M_ABSENT && ((rc = read_people(&u, e)) != 0 ||
	    (rc = read_guardians(&u, e)) != 0))
		goto fail;
	if (u.mode[F_CLASSES] != M_ABSENT && (rc = read_classes(&u, e)) != 0)
		goto fail;
	if (u.mode[F_ENROLLMENTS] != M_ABSENT &&
	    (rc = read_enrollments(&u, e)) != 0)
		goto fail;
	if (c->bad == 0) {
		/* Memberships first: a deactivated class's members go with
		 * it only if the bulk file dropped them too. */
		if ((u.mode[F_ENROLLMENTS] == M_BULK &&
		    (rc = sweep(&u, "enrollment", e)) != 0) ||
		    (u.mode[F_CLASSES] == M_BULK &&
		    (rc = sweep(&u, "class", e)) != 0) ||
		    (u.mode[F_USERS] == M_BULK &&
		    (rc = sweep(&u, "user", e)) != 0))
			goto fail;
	}
	if (c->bad > u.max && o->report != NULL) {
		struct rel_err more;

		rel_err_set(&more, REL_EDATA, "... and %ld more bad record%s",
		    c->bad - u.max, c->bad - u.max == 1 ? "" : "s");
		o->report(o->ctx, &more);
	}
	if (c->bad > 0 || o->dry_run) {
		rel_db_rollback(db);
		if (c->bad == 0)
			return 0;
		return rel_err_set(e, REL_EDATA, "%ld bad record%s; nothing was "
		    "imported", c->bad, c->bad == 1 ? "" : "s");
	}
	if ((rc = rel_db_commit(db, e)) != 0)
		return rc;
	c->committed = 1;
	return 0;
fail:
	rel_db_rollback(db);
	return rc;
}

int
rel_oneroster_import(struct rel_db *db, const char *dir,
    const struct rel_oneroster_opts *o, struct rel_oneroster_count *c,
    struct rel_err *e)
{
	struct rel_keys *keys = rel_keys_new();
	int rc = import_dir(db, dir, o, c, keys, e);

	rel_keys_free(keys);
	return rc;
}
