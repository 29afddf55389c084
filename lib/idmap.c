/*
 * idmap.c: every student's (or adult's) external id in memory, for an
 * import that would otherwise look one up for every row.
 *
 * A district's check-in file names 100,000 students in no useful order,
 * so a per-row lookup is a seek into the UNIQUE index of student_id for
 * every row: a fifth of the import's time. Reading the ids once is one
 * pass over that index, and then each row is a hash probe.
 *
 * The map is only as good as the moment it was read. An import reads it
 * inside its write transaction, where no other connection can change a
 * student, and throws it away at the end; nothing in between writes
 * students or adults.
 */
#include <string.h>

#include "internal.h"

/* A slot holds a short id itself, so that a probe touches one cache
 * line; a longer one is in text, at the offset held in id. */
#define INLINE 18

struct slot {
	sqlite3_int64 rowid;	/* 0: empty */
	uint32_t hash;
	uint8_t len;		/* ids are at most 64 bytes */
	uint8_t active;
	char id[INLINE];
};

struct rel_idmap {
	struct slot *slot;
	size_t mask;		/* slots - 1, a power of two less one */
	char *text;
	size_t len, cap;
};

static const char *
slot_id(const struct rel_idmap *m, const struct slot *sl)
{
	size_t off;

	if (sl->len <= INLINE)
		return sl->id;
	memcpy(&off, sl->id, sizeof(off));
	return m->text + off;
}

/* The slots keep the low 32 bits of rel_hash, to tell ids apart
 * before comparing them. */
static uint32_t
hash(const char *s, size_t len)
{
	return (uint32_t)rel_hash(s, len);
}

static void
put(struct rel_idmap *m, const char *id, size_t len, sqlite3_int64 rowid,
    int active)
{
	uint32_t h = hash(id, len);
	size_t i = h & m->mask;

	while (m->slot[i].rowid != 0)
		i = (i + 1) & m->mask;
	if (len <= INLINE)
		memcpy(m->slot[i].id, id, len);
	else {
		if (m->len + len > m->cap) {
			m->cap = (m->cap + len) * 2;
			m->text = rel_xrealloc(m->text, m->cap);
		}
		memcpy(m->text + m->len, id, len);
		memcpy(m->slot[i].id, &m->len, sizeof(m->len));
		m->len += len;
	}
	m->slot[i].rowid = rowid;
	m->slot[i].hash = h;
	m->slot[i].len = (uint8_t)len;
	m->slot[i].active = (uint8_t)active;
}

int
rel_idmap_load(struct rel_db *db, int adult, struct rel_idmap **mp,
    struct rel_err *e)
{
	struct rel_idmap *m;
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;
	size_t slots = 16;
	int rc;

	*mp = NULL;
	if ((rc = rel_db_int64(db, adult ? "SELECT count(*) FROM adult" :
	    "SELECT count(*) FROM student", &n, "reading the ids", e)) != 0)
		return rc;
	/* At most three quarters full: a miss still ends soon, and the
	 * table stays small enough to stay in the cache longer. */
	while ((sqlite3_int64)slots < 4 * n / 3)
		slots *= 2;
	m = rel_xcalloc(1, sizeof(*m));
	m->slot = rel_xcalloc(slots, sizeof(*m->slot));
	m->mask = slots - 1;
	if ((rc = rel_db_stmt(db, adult ?
	    "SELECT adult_id, id, active FROM adult" :
	    "SELECT student_id, id, active FROM student", &st, e)) != 0) {
		rel_idmap_free(m);
		return rc;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Only this connection can write (the caller's
		 * transaction), and it does not, so n holds; a longer id
		 * than an import can name is never looked up. */
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		if (n-- <= 0)
			break;
		if (len <= 64 && sqlite3_column_int64(st, 1) > 0)
			put(m, (const char *)sqlite3_column_text(st, 0), len,
			    sqlite3_column_int64(st, 1),
			    sqlite3_column_int(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rel_idmap_free(m);
		return rel_db_fail(db, rc, "reading the ids", e);
	}
	*mp = m;
	return 0;
}

sqlite3_int64
rel_idmap_get(const struct rel_idmap *m, const char *id, size_t len,
    int *active)
{
	uint32_t h = hash(id, len);
	size_t i = h & m->mask;

	for (; m->slot[i].rowid != 0; i = (i + 1) & m->mask)
		if (m->slot[i].hash == h && m->slot[i].len == len &&
		    memcmp(slot_id(m, &m->slot[i]), id, len) == 0) {
			*active = m->slot[i].active;
			return m->slot[i].rowid;
		}
	*active = 0;
	return 0;
}

void
rel_idmap_prefetch(const struct rel_idmap *m, const char *id, size_t len)
{
	__builtin_prefetch(&m->slot[hash(id, len) & m->mask]);
}

void
rel_idmap_free(struct rel_idmap *m)
{
	if (m == NULL)
		return;
	free(m->slot);
	free(m->text);
	free(m);
}
