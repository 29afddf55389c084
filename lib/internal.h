/*
 * internal.h: helpers shared inside librel, not part of its ABI.
 */
#ifndef REL_INTERNAL_H
#define REL_INTERNAL_H

#include <stddef.h>
#include <stdlib.h>
#include "rel/rel.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* malloc family that abort with a message on exhaustion: a half-done
 * operation is worse than a clear stop, and transactions roll back. */
void *rel_xmalloc(size_t n);
void *rel_xcalloc(size_t n, size_t size);
void *rel_xrealloc(void *p, size_t n);
char *rel_xstrdup(const char *s);

/* Bounded copy that always NUL-terminates (n > 0). */
void rel_strlcpy(char *dst, const char *src, size_t n);

/* 0 if id (NULL: no filter) names a record of kind k, else 65 naming the
 * option opt: for filters, where an unknown id is a mistake. */
int rel_id_known(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, struct rel_err *e);

/* Where the acting adult is kept on a database handle (access.c). */
struct rel_actor *rel_db_actor_slot(struct rel_db *db);

/* The rowid of an active student or adult by external id; 65 naming col
 * (at file:line) when unknown or deactivated. */
int rel_person(struct rel_db *db, int adult, const char *id, size_t len,
    const char *col, const char *file, long line, sqlite3_int64 *rowid,
    struct rel_err *e);

/* The rowid of a student or adult by external id for a filter option
 * (NULL: 0, no filter); 65 naming opt when unknown. */
int rel_id_rowid(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, sqlite3_int64 *rowid, struct rel_err *e);

/* The migrations, generated from lib/schema.sql. */
extern const char *const rel_schema_migrations[];
extern const int rel_schema_latest;

#endif
