/*
 * access.h: who is acting, and who may see a record.
 *
 * The acting adult is found from --as ADULT_ID, then $REL_AS, then the
 * active adult whose login is $USER. Records that adult writes carry
 * their adult id. Once found, the acting adult is kept on the database
 * handle, so that every write function can use it as the default author.
 *
 * Every record carries a visibility: staff (every adult), team (the
 * adults connected to the student, plus counselors and admins) or private
 * (the author, plus counselors and admins). It is stored as a small
 * integer code (0, 1, 2). Filtering what the acting adult may see comes
 * with the privacy work; until then the field is stored and listed.
 */
#ifndef REL_ACCESS_H
#define REL_ACCESS_H

#include <sqlite3.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/import.h"

enum rel_vis { REL_VIS_STAFF, REL_VIS_TEAM, REL_VIS_PRIVATE };

/* "staff", "team" or "private" (any case) into *v; -1 if none. */
REL_API int rel_vis_parse(const char *s, size_t len, enum rel_vis *v);
REL_API const char *rel_vis_name(enum rel_vis v);
/* The --visibility option: 64 naming it if not a visibility. */
REL_API int rel_vis_opt(const char *s, enum rel_vis *v, struct rel_err *e);
/* An optional visibility column of a record; empty gives dflt. */
REL_API int rel_rec_vis(const struct rel_rec *r, size_t i, enum rel_vis dflt,
    enum rel_vis *v, struct rel_err *e);

/* The acting adult. */
struct rel_actor {
	sqlite3_int64 id;	/* adult rowid; 0: none */
	char adult_id[65];
	const char *from;	/* "--as", "$REL_AS" or "login" */
};

/* Find the acting adult (opt is --as, or NULL) and keep it on db.
 * With none found, a->id is 0 and this returns 0. An --as naming no
 * active adult is 64; a $REL_AS naming none is 78. */
REL_API int rel_actor_find(struct rel_db *db, const char *opt,
    struct rel_actor *a, struct rel_err *e);
/* Like rel_actor_find, but none found is 64 with a message saying how to
 * name one. */
REL_API int rel_actor_need(struct rel_db *db, const char *opt,
    struct rel_actor *a, struct rel_err *e);
/* The acting adult kept on db (id 0: none). */
REL_API const struct rel_actor *rel_actor(struct rel_db *db);

#endif
