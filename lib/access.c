/*
 * access.c: the acting adult, what they may see, and the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const vis_names[] = { "staff", "team", "private" };

int
rel_vis_parse(const char *s, size_t len, enum rel_vis *v)
{
	size_t i;

	for (i = 0; i < NELEM(vis_names); i++)
		if (strlen(vis_names[i]) == len &&
		    strncasecmp(s, vis_names[i], len) == 0) {
			*v = (enum rel_vis)i;
			return 0;
		}
	return -1;
}

const char *
rel_vis_name(enum rel_vis v)
{
	return (unsigned)v < NELEM(vis_names) ? vis_names[v] : "";
}

int
rel_vis_opt(const char *s, enum rel_vis *v, struct rel_err *e)
{
	if (rel_vis_parse(s, strlen(s), v) != 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--visibility", s,
		    strlen(s), "is not staff, team or private");
	return 0;
}

int
rel_rec_vis(const struct rel_rec *r, size_t i, enum rel_vis dflt,
    enum rel_vis *v, struct rel_err *e)
{
	*v = dflt;
	if (!rel_rec_has(r, i))
		return 0;
	if (rel_vis_parse(r->v[i], r->len[i], v) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "visibility",
		    r->v[i], r->len[i], "is not staff, team or private");
	return 0;
}

/* The active adult with this id (by_login 0) or login (1); 0 if none. */
static int
adult_by(struct rel_db *db, int by_login, const char *s, struct rel_actor *a,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, by_login ?
	    "SELECT id, adult_id, role IN ('counselor', 'admin') FROM adult "
	    "WHERE login = ?1 AND active = 1" :
	    "SELECT id, adult_id, role IN ('counselor', 'admin') FROM adult "
	    "WHERE adult_id = ?1 AND active = 1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		rel_strlcpy(a->adult_id, (const char *)sqlite3_column_text(st, 1),
		    sizeof(a->adult_id));
		a->sees_all = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "finding the acting adult", e);
	return 0;
}

/* temp.rel_team: the students whose team rows adult may see. A student
 * is in an adult's team when the adult is connected to them at any
 * strength, is their primary adult, or is the lead or an adult member of
 * an active group the student is an active member of. */
static int
team(struct rel_db *db, sqlite3_int64 adult, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_exec(db, "DELETE FROM temp.rel_team", e)) != 0 ||
	    adult == 0)
		return rc;
	/* The adult's groups first (by lead, by membership), then their
	 * students: each a range of an index, where testing every group
	 * read the whole member table on every command. */
	if ((rc = rel_db_stmt(db, "INSERT OR IGNORE INTO temp.rel_team (id) "
	    "SELECT student FROM connection WHERE adult = ?1 "
	    "UNION SELECT student FROM primary_adult WHERE adult = ?1 "
	    " AND end_at IS NULL "
	    "UNION SELECT m.student FROM member m WHERE m.grp IN ("
	    "  SELECT g.id FROM grp g WHERE g.lead_adult = ?1 AND g.active = 1 "
	    "  UNION SELECT ma.grp FROM member ma JOIN grp g ON g.id = ma.grp "
	    "  AND g.active = 1 WHERE ma.adult = ?1 AND ma.active = 1) "
	    " AND m.student IS NOT NULL AND m.active = 1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, adult);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "finding the "
	    "acting adult's students", e);
}

int
rel_actor_find(struct rel_db *db, const char *opt, struct rel_actor *a,
    struct rel_err *e)
{
	const char *env = getenv("REL_AS"), *user = getenv("USER");
	int rc;

	memset(a, 0, sizeof(*a));
	if (opt != NULL || (env != NULL && env[0] != '\0')) {
		const char *id = opt != NULL ? opt : env;

		if ((rc = adult_by(db, 0, id, a, e)) != 0)
			return rc;
		if (a->id == 0)
			return rel_err_value(e, opt != NULL ? REL_EUSAGE :
			    REL_ECONFIG, NULL, 0, opt != NULL ? "--as" :
			    "$REL_AS", id, strlen(id), "is not an active adult");
		a->from = opt != NULL ? "--as" : "$REL_AS";
	} else if (user != NULL && user[0] != '\0') {
		if ((rc = adult_by(db, 1, user, a, e)) != 0)
			return rc;
		a->from = a->id != 0 ? "login" : NULL;
	}
	*rel_db_actor_slot(db) = *a;
	return team(db, a->id, e);
}

int
rel_actor_need(struct rel_db *db, const char *opt, struct rel_actor *a,
    struct rel_err *e)
{
	int rc;

	if ((rc = rel_actor_find(db, opt, a, e)) != 0)
		return rc;
	if (a->id == 0)
		return rel_err_set(e, REL_EUSAGE, "who is writing this? Give "
		    "--as ADULT_ID, set $REL_AS, or set your login on your adult "
		    "record (rel-roster set adult ID --login %s)",
		    getenv("USER") != NULL && getenv("USER")[0] != '\0' ?
		    getenv("USER") : "NAME");
	return 0;
}

const struct rel_actor *
rel_actor(struct rel_db *db)
{
	return rel_db_actor_slot(db);
}

int
rel_actor_reader(struct rel_db *db, const char *opt, struct rel_actor *a,
    struct rel_err *e)
{
	struct rel_ledger *l = rel_db_ledger(db);
	const char *user = getenv("USER");
	int rc;

	if ((rc = rel_actor_find(db, opt, a, e)) != 0)
		return rc;
	if (a->id == 0 && !l->warned) {
		l->warned = 1;
		rel_warn("no acting adult, so only staff records are shown: "
		    "give --as ADULT_ID, set $REL_AS, or set your login on your "
		    "adult record (rel-roster set adult ID --login %s)",
		    user != NULL && user[0] != '\0' ? user : "NAME");
	}
	return 0;
}

/* The SQL functions of REL_SEES: the acting adult's rowid (NULL: none)
 * and whether they see every row. */
static void
fn_actor(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct rel_actor *a = rel_actor(sqlite3_user_data(cx));

	(void)argc;
	(void)argv;
	if (a->id != 0)
		sqlite3_result_int64(cx, a->id);
	else
		sqlite3_result_null(cx);
}

static void
fn_sees_all(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const struct rel_actor *a = rel_actor(sqlite3_user_data(cx));

	(void)argc;
	(void)argv;
	sqlite3_result_int(cx, a->id != 0 && a->sees_all);
}

int
rel_access_register(struct rel_db *db, struct rel_err *e)
{
	sqlite3 *h = rel_db_handle(db);
	/* Deterministic within a statement (the actor changes only
	 * between statements), so SQLite factors them out of the loop;
	 * direct-only, so no schema object can call them. */
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	int rc;

	if ((rc = sqlite3_create_function(h, "rel_actor", 0, flags, db,
	    fn_actor, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_create_function(h, "rel_sees_all", 0, flags, db,
	    fn_sees_all, NULL, NULL)) != SQLITE_OK ||
	    (rc = rel_chain_register(h)) != SQLITE_OK)
		return rel_db_fail(db, rc, "opening", e);
	return 0;
}

void
rel_access_touch(struct rel_db *db, sqlite3_int64 student, enum rel_vis v)
{
	struct rel_ledger *l = rel_db_ledger(db);

	l->rows++;
	if (v == REL_VIS_PRIVATE)
		l->private_rows++;
	if (student == 0 || !(l->all || v == REL_VIS_PRIVATE))
		return;
	/* Rows come in student order as a rule: skip the repeats cheaply;
	 * the rest are sorted out when the row is written. */
	if (l->n > 0 && l->ids[l->n - 1] == student)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->ids = rel_xrealloc(l->ids, l->cap * sizeof(*l->ids));
	}
	l->ids[l->n++] = student;
}

int
rel_access_hold(struct rel_db *db, struct rel_out *o, struct rel_err *e)
{
	const struct rel_ledger *l = rel_db_ledger(db);

	return l->all || l->private_rows > 0 ? rel_out_hold(o, e) : 0;
}

void
rel_access_all(struct rel_db *db)
{
	rel_db_ledger(db)->all = 1;
}

int
rel_access_out(struct rel_db *db, sqlite3_stmt *st, struct rel_out *o,
    rel_cell_fn cell, struct rel_err *e)
{
	const unsigned char *t;
	int rc, i, n = sqlite3_column_count(st) - 2;

	if (n < 1)
		return rel_err_set(e, REL_ESOFTWARE, "a list query without its "
		    "student and visibility columns");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rel_access_touch(db, sqlite3_column_int64(st, n),
		    (enum rel_vis)sqlite3_column_int(st, n + 1));
		if ((rc = rel_access_hold(db, o, e)) != 0)
			return rc;
		for (i = 0; i < n; i++) {
			if (cell != NULL) {
				cell(o, st, i);
				continue;
			}
			t = sqlite3_column_text(st, i);
			rel_out_cell(o, (const char *)t, t != NULL ?
			    (size_t)sqlite3_column_bytes(st, i) : 0);
		}
		rel_out_endrow(o);
	}
	if (rc == SQLITE_DONE)
		return 0;
	return rel_db_fail(db, rc, "listing", e);
}

/* The command line, for the audit log: the program and verb, and the
 * rest shell-quoted where needed. A fixed buffer; a very long command
 * line is cut with "...". */
static char audit_cmd[128];
static char audit_args[2048];

static void
append(char *buf, size_t n, size_t *len, const char *s, size_t slen)
{
	if (*len + slen + 4 >= n) {
		if (*len + 4 < n) {
			memcpy(buf + *len, "...", 4);
			*len += 3;
		}
		*len = n;	/* full from now on */
		return;
	}
	memcpy(buf + *len, s, slen);
	*len += slen;
	buf[*len] = '\0';
}

void
rel_audit_command(int argc, char **argv)
{
	const char *prog = rel_getprogname(), *s;
	size_t len = 0, i;
	int k = 1;

	snprintf(audit_cmd, sizeof(audit_cmd), "%s", prog);
	if (argc > 1 && argv[1][0] != '-') {
		snprintf(audit_cmd, sizeof(audit_cmd), "%s %s", prog, argv[1]);
		k = 2;
	}
	audit_args[0] = '\0';
	for (; k < argc && len < sizeof(audit_args); k++) {
		s = argv[k];
		if (len > 0)
			append(audit_args, sizeof(audit_args), &len, " ", 1);
		if (s[0] != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,/:@%+") ==
		    strlen(s)) {
			append(audit_args, sizeof(audit_args), &len, s,
			    strlen(s));
			continue;
		}
		append(audit_args, sizeof(audit_args), &len, "'", 1);
		for (i = 0; s[i] != '\0'; i++) {
			if (s[i] == '\'')
				append(audit_args, sizeof(audit_args), &len,
				    "'\\''", 4);
			else
				append(audit_args, sizeof(audit_args), &len,
				    s + i, 1);
		}
		append(audit_args, sizeof(audit_args), &len, "'", 1);
	}
}

static int
cmp_id(const void *a, const void *b)
{
	sqlite3_int64 x = *(const sqlite3_int64 *)a;
	sqlite3_int64 y = *(const sqlite3_int64 *)b;

	return (x > y) - (x < y);
}

int
rel_audit_flush(struct rel_db *db, int force, const char *purpose,
    const char *detail, struct rel_err *e)
{
	struct rel_ledger *l = rel_db_ledger(db);
	const struct rel_actor *a = rel_actor(db);
	sqlite3 *h = rel_db_handle(db);
	sqlite3_int64 audit;
	sqlite3_stmt *st;
	char said[64];
	size_t i, n = 0;
	int rc, now, own = sqlite3_get_autocommit(h);

	if (!force && !l->all && l->private_rows == 0)
		goto done;
	if (l->n > 0) {
		qsort(l->ids, l->n, sizeof(*l->ids), cmp_id);
		for (i = 0; i < l->n; i++)
			if (n == 0 || l->ids[n - 1] != l->ids[i])
				l->ids[n++] = l->ids[i];
	}
	if (detail == NULL && l->private_rows > 0) {
		snprintf(said, sizeof(said), "%ld private row%s", l->private_rows,
		    l->private_rows == 1 ? "" : "s");
		detail = said;
	}
	if (own && (rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, "INSERT INTO audit (at, adult, command, "
	    "args, purpose, students, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7)", &st, e)) != 0)
		goto fail;
	/* A copy the bind makes: out of memory, it binds nothing. */
	now = sqlite3_bind_text(st, 1, rel_now_text(), -1, SQLITE_TRANSIENT);
	if (a->id != 0)
		sqlite3_bind_int64(st, 2, a->id);
	sqlite3_bind_text(st, 3, audit_cmd[0] != '\0' ? audit_cmd :
	    rel_getprogname(), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, audit_args, -1, SQLITE_STATIC);
	if (purpose != NULL)
		sqlite3_bind_text(st, 5, purpose, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)n);
	if (detail != NULL)
		sqlite3_bind_text(st, 7, detail, -1, SQLITE_STATIC);
	rc = now == SQLITE_OK ? sqlite3_step(st) : now;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "writing the audit log", e);
		goto fail;
	}
	audit = sqlite3_last_insert_rowid(h);
	if ((rc = rel_db_stmt(db, "INSERT INTO audit_student (audit, student) "
	    "VALUES (?1, ?2)", &st, e)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, audit);
		sqlite3_bind_int64(st, 2, l->ids[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			rc = rel_db_fail(db, rc, "writing the audit log", e);
			goto fail;
		}
	}
	/* Sealed last, over the row and its students (chain.c). */
	if ((rc = rel_chain_seal(db, audit, e)) != 0)
		goto fail;
	if (own && (rc = rel_db_commit(db, e)) != 0)
		goto fail;
done:
	/* Recorded: a later flush records only what is read after it. */
	l->n = 0;
	l->rows = 0;
	l->private_rows = 0;
	l->all = 0;
	return 0;
fail:
	if (own)
		rel_db_rollback(db);
	return rc;
}

const char *const *
rel_audit_cols(int by_student, size_t *n)
{
	static const char *const rows[] = { "at", "adult_id", "command",
		"args", "purpose", "students", "detail" };
	static const char *const pairs[] = { "at", "adult_id", "command",
		"purpose", "student_id" };

	*n = by_student ? NELEM(pairs) : NELEM(rows);
	return by_student ? pairs : rows;
}

/* ?1 student rowid, ?2 adult rowid, ?3 since, ?4 until (texts). An adult
 * who does not see every row sees their own. */
#define AUDIT_WHERE \
    "WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM audit_student x " \
    "  WHERE x.audit = u.id AND x.student = ?1)) " \
    "AND (?2 IS NULL OR u.adult = ?2) " \
    "AND (?3 IS NULL OR u.at >= ?3) AND (?4 IS NULL OR u.at < ?4) " \
    "AND (rel_sees_all() OR u.adult = rel_actor()) "

static const char sql_audit[] =
    "SELECT u.at, a.adult_id, u.command, u.args, u.purpose, u.students, "
    "u.detail FROM audit u LEFT JOIN adult a ON a.id = u.adult "
    AUDIT_WHERE "ORDER BY u.id";

/* With a student named, only that student's pairs: the log of a parent's
 * inspection names no other student. */
static const char sql_audit_pairs[] =
    "SELECT u.at, a.adult_id, u.command, u.purpose, s.student_id "
    "FROM audit u JOIN audit_student x ON x.audit = u.id "
    "JOIN student s ON s.id = x.student "
    "LEFT JOIN adult a ON a.id = u.adult "
    AUDIT_WHERE "AND (?1 IS NULL OR x.student = ?1) "
    "ORDER BY u.id, s.student_id";

int
rel_audit_list(struct rel_db *db, const struct rel_filter *f, int by_student,
    struct rel_out *o, struct rel_err *e)
{
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	sqlite3_int64 student, adult;
	sqlite3_stmt *st;
	int rc;

	if (f->kind != NULL || f->source != NULL || f->last != 0)
		return rel_err_set(e, REL_EUSAGE, "--%s does not apply to the "
		    "audit log", f->kind != NULL ? "kind" : f->source != NULL ?
		    "source" : "last");
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, by_student ? sql_audit_pairs : sql_audit,
	    &st, e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (f->since != INT64_MIN) {
		rel_datetime_format(f->since, since);
		sqlite3_bind_text(st, 3, since, -1, SQLITE_STATIC);
	}
	if (f->until != INT64_MAX) {
		rel_datetime_format(f->until, until);
		sqlite3_bind_text(st, 4, until, -1, SQLITE_STATIC);
	}
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}
