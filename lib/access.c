/*
 * access.c: the acting adult and visibility names.
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
	    "SELECT id, adult_id FROM adult WHERE login = ?1 AND active = 1" :
	    "SELECT id, adult_id FROM adult WHERE adult_id = ?1 AND active = 1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		rel_strlcpy(a->adult_id, (const char *)sqlite3_column_text(st, 1),
		    sizeof(a->adult_id));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "finding the acting adult", e);
	return 0;
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
	return 0;
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
