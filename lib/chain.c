/*
 * chain.c: the audit log's hash chain. Each audit row is sealed by an
 * audit_hash row: BLAKE2b-256 of the seal before it and of the row's own
 * columns and students (schema migration 14). rel-init check recomputes
 * every seal, so that a row rewritten, removed or put in by another
 * program is found, and compares the audit tables' schema with the one
 * this rel makes, so that a dropped or altered trigger is found too.
 *
 * The chain detects; the triggers refuse. Whoever holds the file can
 * still recompute every seal after the row they changed: a later release
 * is to anchor the chain outside the file.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"

#define SEAL_LEN crypto_generichash_BYTES	/* 32 */

/* The schema version that made audit_hash. */
#define CHAIN_SINCE 14

/* What is sealed of an audit row u, in this order, after the seal
 * before it: its columns, then its students' rowids ascending, joined
 * by commas (NULL when it has none). Every statement below and the
 * migration name the same values. */
#define SEALED \
    "u.id, u.at, u.adult, u.command, u.args, u.purpose, u.students, " \
    "u.detail, (SELECT group_concat(x.student) FROM (SELECT student " \
    "FROM audit_student WHERE audit = u.id ORDER BY student) AS x)"
#define SEAL_BEFORE(id) \
    "(SELECT hash FROM audit_hash WHERE audit < " id " " \
    "ORDER BY audit DESC LIMIT 1)"

/* One value, typed and length-prefixed, so that no two lists of values
 * hash the same bytes (a NULL is not an empty text, "ab","c" is not
 * "a","bc"). */
static void
feed(crypto_generichash_state *s, int type, const unsigned char *p,
    sqlite3_uint64 n)
{
	unsigned char b[9];
	int i;

	b[0] = (unsigned char)type;
	for (i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(n >> (56 - 8 * i));
	crypto_generichash_update(s, b, type == SQLITE_NULL ? 1 : 9);
	if (p != NULL && n > 0)
		crypto_generichash_update(s, p, n);
}

static void
feed_value(crypto_generichash_state *s, sqlite3_value *v)
{
	sqlite3_uint64 u;
	double d;

	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		feed(s, SQLITE_INTEGER, NULL,
		    (sqlite3_uint64)sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT:
		d = sqlite3_value_double(v);
		memcpy(&u, &d, sizeof(u));
		feed(s, SQLITE_FLOAT, NULL, u);
		break;
	case SQLITE_TEXT:
		feed(s, SQLITE_TEXT, sqlite3_value_text(v),
		    (sqlite3_uint64)sqlite3_value_bytes(v));
		break;
	case SQLITE_BLOB:
		feed(s, SQLITE_BLOB, sqlite3_value_blob(v),
		    (sqlite3_uint64)sqlite3_value_bytes(v));
		break;
	default:
		feed(s, SQLITE_NULL, NULL, 0);
	}
}

/* The seal of a row (n values) after the seal prev (NULL for the first
 * row). */
static void
link_seal(const unsigned char *prev, size_t prevlen, int n,
    sqlite3_value **v, unsigned char out[SEAL_LEN])
{
	static const char domain[] = "rel audit chain 1";
	crypto_generichash_state s;
	int i;

	crypto_generichash_init(&s, NULL, 0, SEAL_LEN);
	crypto_generichash_update(&s, (const unsigned char *)domain,
	    sizeof(domain));
	if (prev == NULL)
		feed(&s, SQLITE_NULL, NULL, 0);
	else
		feed(&s, SQLITE_BLOB, prev, prevlen);
	for (i = 0; i < n; i++)
		feed_value(&s, v[i]);
	crypto_generichash_final(&s, out, SEAL_LEN);
}

/* rel_audit_link(prev, columns...): the seal of one row. */
static void
fn_link(sqlite3_context *c, int n, sqlite3_value **v)
{
	unsigned char out[SEAL_LEN];
	const unsigned char *prev = NULL;

	if (n < 1) {
		sqlite3_result_error(c, "rel_audit_link: no arguments", -1);
		return;
	}
	if (sqlite3_value_type(v[0]) != SQLITE_NULL) {
		/* A seal is a blob; anything else stored there is
		 * hashed as the bytes it is, and will not match. */
		prev = sqlite3_value_blob(v[0]);
		if (prev == NULL)
			prev = (const unsigned char *)"";
	}
	link_seal(prev, (size_t)sqlite3_value_bytes(v[0]), n - 1, v + 1, out);
	sqlite3_result_blob(c, out, SEAL_LEN, SQLITE_TRANSIENT);
}

/* rel_audit_chain(columns...) OVER (ORDER BY id ROWS UNBOUNDED
 * PRECEDING): each row's seal, linked to the one before it. */
struct chain {
	int linked;
	unsigned char seal[SEAL_LEN];
};

static void
fn_chain_step(sqlite3_context *c, int n, sqlite3_value **v)
{
	struct chain *ch = sqlite3_aggregate_context(c, sizeof(*ch));
	unsigned char out[SEAL_LEN];

	if (ch == NULL) {
		sqlite3_result_error_nomem(c);
		return;
	}
	link_seal(ch->linked ? ch->seal : NULL, SEAL_LEN, n, v, out);
	memcpy(ch->seal, out, SEAL_LEN);
	ch->linked = 1;
}

static void
fn_chain_value(sqlite3_context *c)
{
	struct chain *ch = sqlite3_aggregate_context(c, 0);

	if (ch == NULL || !ch->linked)
		sqlite3_result_null(c);
	else
		sqlite3_result_blob(c, ch->seal, SEAL_LEN, SQLITE_TRANSIENT);
}

/* A chain only grows: a frame that drops rows cannot be undone. */
static void
fn_chain_inverse(sqlite3_context *c, int n, sqlite3_value **v)
{
	(void)n;
	(void)v;
	sqlite3_result_error(c, "rel_audit_chain: the frame must start at "
	    "UNBOUNDED PRECEDING", -1);
}

int
rel_chain_register(sqlite3 *h)
{
	/* Direct-only: a trigger or view cannot call them, so a database
	 * never depends on them to be written. */
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	int rc;

	if ((rc = sqlite3_create_function(h, "rel_audit_link", -1, flags,
	    NULL, fn_link, NULL, NULL)) != SQLITE_OK)
		return rc;
	return sqlite3_create_window_function(h, "rel_audit_chain", -1, flags,
	    NULL, fn_chain_step, fn_chain_value, fn_chain_value,
	    fn_chain_inverse, NULL);
}

int
rel_chain_seal(struct rel_db *db, sqlite3_int64 audit, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "INSERT INTO audit_hash (audit, hash) "
	    "SELECT u.id, rel_audit_link(" SEAL_BEFORE("u.id") ", " SEALED ") "
	    "FROM audit u WHERE u.id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, audit);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing the audit log", e);
	if (sqlite3_changes(rel_db_handle(db)) != 1)
		return rel_err_set(e, REL_ESOFTWARE, "writing the audit log: "
		    "audit row %lld is not there to seal", (long long)audit);
	return 0;
}

/* The audit tables' schema as this rel makes it, from a new database in
 * memory: a copy kept here would drift from lib/schema.sql. */
struct schema_obj {
	char type[16];
	char name[64];
	char *sql;
	int seen;
};

static const char sql_audit_schema[] =
    "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN "
    "('audit', 'audit_student', 'audit_hash') ORDER BY name";

static int
check_schema(struct rel_db *db, void (*report)(void *, const char *),
    void *ctx, int *bad, struct rel_err *e)
{
	struct schema_obj ref[64];
	struct rel_db *mem;
	sqlite3_stmt *st;
	char buf[256];
	size_t n = 0, i;
	int rc;

	if ((rc = rel_db_open(&mem, ":memory:", REL_DB_MEMORY, e)) != 0)
		return rc;
	rc = sqlite3_prepare_v2(rel_db_handle(mem), sql_audit_schema, -1, &st,
	    NULL);
	while (st != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sql = (const char *)sqlite3_column_text(st, 2);

		if (n == NELEM(ref))
			continue;	/* never: the schema has about 20 */
		rel_strlcpy(ref[n].type, (const char *)sqlite3_column_text(st,
		    0), sizeof(ref[n].type));
		rel_strlcpy(ref[n].name, (const char *)sqlite3_column_text(st,
		    1), sizeof(ref[n].name));
		ref[n].sql = sql != NULL ? rel_xstrdup(sql) : NULL;
		ref[n].seen = 0;
		n++;
	}
	sqlite3_finalize(st);
	rel_db_close(mem);
	if (rc != SQLITE_DONE) {
		rc = rel_err_set(e, REL_ESOFTWARE, "checking the audit log: "
		    "%s", sqlite3_errstr(rc));
		goto done;
	}
	rc = sqlite3_prepare_v2(rel_db_handle(db), sql_audit_schema, -1, &st,
	    NULL);
	if (rc != SQLITE_OK) {
		rc = rel_db_fail(db, rc, "checking the audit log", e);
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *sql = (const char *)sqlite3_column_text(st, 2);

		for (i = 0; i < n; i++)
			if (strcmp(ref[i].name, name) == 0)
				break;
		if (i == n) {
			snprintf(buf, sizeof(buf), "the audit log has a %.16s "
			    "that rel did not make: %.64s", type, name);
			report(ctx, buf);
			*bad = 1;
			continue;
		}
		ref[i].seen = 1;
		if (strcmp(ref[i].type, type) != 0 || (sql == NULL) !=
		    (ref[i].sql == NULL) || (sql != NULL &&
		    strcmp(sql, ref[i].sql) != 0)) {
			snprintf(buf, sizeof(buf), "the audit log's %.15s %.64s is "
			    "not as rel made it", ref[i].type, name);
			report(ctx, buf);
			*bad = 1;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "checking the audit log", e);
		goto done;
	}
	rc = 0;
	for (i = 0; i < n; i++)
		if (!ref[i].seen) {
			snprintf(buf, sizeof(buf), "the audit log's %.15s %.64s is "
			    "missing", ref[i].type, ref[i].name);
			report(ctx, buf);
			*bad = 1;
		}
done:
	for (i = 0; i < n; i++)
		free(ref[i].sql);
	return rc;
}

/* Every seal against the row it seals and the seal before it. Each
 * problem is told on its own: a row rewritten fails its own seal, a seal
 * recomputed after it fails the next one, a row removed leaves a gap in
 * the ids (rel writes them without one) and fails the next seal. */
static int
check_chain(struct rel_db *db, void (*report)(void *, const char *),
    void *ctx, int *bad, struct rel_err *e)
{
	sqlite3_stmt *st;
	sqlite3_int64 id, next = 1;
	char buf[160];
	int rc;

	rc = sqlite3_prepare_v2(rel_db_handle(db), "SELECT u.id, h.hash, "
	    "rel_audit_link(" SEAL_BEFORE("u.id") ", " SEALED ") "
	    "FROM audit u LEFT JOIN audit_hash h ON h.audit = u.id "
	    "ORDER BY u.id", -1, &st, NULL);
	/* No audit_hash table (or a column gone): check_schema said so. */
	if (rc != SQLITE_OK && *bad)
		return 0;
	if (rc != SQLITE_OK)
		return rel_db_fail(db, rc, "checking the audit log", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const void *seal = sqlite3_column_blob(st, 1);
		int len = sqlite3_column_bytes(st, 1);

		id = sqlite3_column_int64(st, 0);
		if (id > next) {
			if (id - 1 == next)
				snprintf(buf, sizeof(buf), "audit row %lld "
				    "is missing", (long long)next);
			else
				snprintf(buf, sizeof(buf), "audit rows %lld "
				    "to %lld are missing", (long long)next,
				    (long long)(id - 1));
			report(ctx, buf);
			*bad = 1;
		}
		next = id + 1;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			snprintf(buf, sizeof(buf), "audit row %lld has no "
			    "hash: rel did not write it", (long long)id);
			report(ctx, buf);
			*bad = 1;
		} else if (len != SEAL_LEN || sqlite3_column_bytes(st, 2) !=
		    SEAL_LEN || memcmp(seal, sqlite3_column_blob(st, 2),
		    SEAL_LEN) != 0) {
			snprintf(buf, sizeof(buf), "audit row %lld does not "
			    "match its hash: it, or the audit row before it, "
			    "was changed or removed", (long long)id);
			report(ctx, buf);
			*bad = 1;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "checking the audit log", e);
}

int
rel_chain_check(struct rel_db *db, void (*report)(void *, const char *),
    void *ctx, int *bad, struct rel_err *e)
{
	int rc;

	/* An older database has no chain yet; migrating makes it. */
	if (rel_db_version(db) < CHAIN_SINCE)
		return 0;
	if ((rc = check_schema(db, report, ctx, bad, e)) != 0)
		return rc;
	return check_chain(db, report, ctx, bad, e);
}
