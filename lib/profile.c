/*
 * profile.c: a profile of each student as a person: the items (what they
 * are good at, what they care about, what helps), listing and retiring
 * them, and the one-page profile card.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col item_cols[] = {
	{ "student_id", R }, { "kind", R }, { "value", R }, { "source", 0 },
	{ "at", REL_COL_TIME }, { "adult_id", 0 }, { "visibility", 0 },
	{ "retired_at", REL_COL_TIME }
};
enum { C_STUDENT, C_KIND, C_VALUE, C_SOURCE, C_AT, C_ADULT, C_VIS,
	C_RETIRED };

/* Card order: a card opens with what the student is good at and cares
 * about, not with worries. */
static const char *const kinds[] = { "strength", "interest", "motivation",
	"identity", "language", "learns_best", "worry", "support", NULL };
static const char *const headings[] = { "Strengths", "Interests",
	"Motivations", "Identity and culture", "Languages",
	"How they learn best", "Worries", "Supports that help" };
static const char kind_words[] = "strength, interest, motivation, identity, "
    "language, learns_best, worry or support";
static const char *const sources[] = { "student", "family", "adult",
	"assessment", NULL };
static const char source_words[] = "student, family, adult or assessment";

#define VALUE_MAX 500

static int write_item(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind item_kind = {
	"profile items", "updated", item_cols, NELEM(item_cols), write_item,
	"profile item"
};

const struct rel_import_kind *
rel_profile_kind(void)
{
	return &item_kind;
}

const char *const *
rel_profile_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "kind", "value",
		"source", "at", "adult_id", "visibility", "retired_at" };

	*n = NELEM(names);
	return names;
}

const char *const *
rel_profile_kinds(void)
{
	return kinds;
}

/* The index of a name in list (any case), or -1. */
static int
lookup(const char *const *list, const char *s, size_t len)
{
	int i;

	for (i = 0; s != NULL && list[i] != NULL; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], s, len) == 0)
			return i;
	return -1;
}

/* A value without the spaces around it: a survey export often pads its
 * cells, and " drawing" is the same interest as "drawing". */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (*s)[0] == ' ') {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ')
		(*len)--;
}

/* The kind and value of an item, checked; *value is trimmed. */
static int
item_key(const char *file, long line, const char *kind, size_t klen,
    const char **value, size_t *vlen, int *k, struct rel_err *e)
{
	if ((*k = lookup(kinds, kind, klen)) < 0)
		return rel_err_value(e, REL_EDATA, file, line, "kind",
		    kind != NULL ? kind : "", klen, "is not %s", kind_words);
	trim(value, vlen);
	if (*vlen == 0)
		return rel_err_at(e, REL_EDATA, file, line, "value",
		    "is empty; say what the %s is", kinds[*k]);
	return 0;
}

/* The source of an item, or "" when not given. */
static int
item_source(const struct rel_rec *r, char *buf, struct rel_err *e)
{
	int i;

	buf[0] = '\0';
	if (!rel_rec_has(r, C_SOURCE))
		return 0;
	if ((i = lookup(sources, r->v[C_SOURCE], r->len[C_SOURCE])) < 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "source",
		    r->v[C_SOURCE], r->len[C_SOURCE], "is not %s",
		    source_words);
	strcpy(buf, sources[i]);
	return 0;
}

static int
write_item(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	sqlite3_int64 student, adult, id = 0;
	char source[16], at[REL_DATETIME_LEN], retired[REL_DATETIME_LEN];
	const char *value = r->v[C_VALUE];
	size_t vlen = r->len[C_VALUE];
	int64_t secs, rsecs;
	enum rel_vis vis;
	sqlite3_stmt *st;
	int rc, k, same = 0;

	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = item_key(r->file, r->line, r->v[C_KIND], r->len[C_KIND],
	    &value, &vlen, &k, e)) != 0 ||
	    (rc = rel_rec_text(r, C_VALUE, "value", VALUE_MAX, 0, e)) != 0 ||
	    (rc = item_source(r, source, e)) != 0 ||
	    (rc = rel_rec_time(r, C_AT, "at", 0, &secs, e)) != 0)
		return rc;
	rel_datetime_format(secs, at);
	if (rel_rec_has(r, C_ADULT) &&
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if ((rc = rel_rec_vis(r, C_VIS, REL_VIS_TEAM, &vis, e)) != 0)
		return rc;
	retired[0] = '\0';
	if (rel_rec_has(r, C_RETIRED)) {
		if ((rc = rel_rec_time(r, C_RETIRED, "retired_at", 1, &rsecs,
		    e)) != 0)
			return rc;
		if (rsecs < secs)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "retired_at", r->v[C_RETIRED], r->len[C_RETIRED],
			    "is before the item's at (%s)", at);
		rel_datetime_format(rsecs, retired);
	}
	if ((rc = rel_person(db, 0, r->v[C_STUDENT], r->len[C_STUDENT],
	    "student_id", r->file, r->line, &student, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT)) {
		if ((rc = rel_person(db, 1, r->v[C_ADULT], r->len[C_ADULT],
		    "adult_id", r->file, r->line, &adult, e)) != 0)
			return rc;
	} else
		adult = rel_actor(db)->id;
	/* A current item is one per value; a retired one (list --history)
	 * one per value and date. */
	if ((rc = rel_rec_key(r, C_VALUE, "value", retired[0] != '\0' ?
	    "retired profile item (student_id, kind, value and at)" :
	    "profile item (student_id, kind and value)", e,
	    "%lld\037%s\037%.*s\037%s", (long long)student, kinds[k], (int)vlen,
	    value, retired[0] != '\0' ? at : "")) != 0)
		return rc;

	/* The same item again: a current one by its value; a retired one
	 * (a round trip of list --history) by its value and date, and a
	 * current one with that date is retired by it. */
	if ((rc = rel_db_stmt(db, "SELECT id, source, visibility, "
	    "retired_at IS NOT NULL FROM profile_item "
	    "WHERE student = ?1 AND kind = ?2 AND value = ?3 "
	    "AND (CASE WHEN ?4 IS NULL THEN retired_at IS NULL "
	    "ELSE at = ?5 END) "
	    "ORDER BY retired_at IS NULL LIMIT 1", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_text(st, 2, kinds[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, (int)vlen, SQLITE_STATIC);
	if (retired[0] != '\0')
		sqlite3_bind_text(st, 4, retired, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		/* An empty source or visibility keeps what the item has, so
		 * that adding an item again without them changes nothing. */
		if (retired[0] != '\0')
			same = sqlite3_column_int(st, 3);
		else
			same = (source[0] == '\0' || strcmp(source,
			    (const char *)sqlite3_column_text(st, 1)) == 0) &&
			    (!rel_rec_has(r, C_VIS) ||
			    (int)vis == sqlite3_column_int(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a profile item", e);
	if (id != 0 && same) {
		*out = REL_UNCHANGED;
		return 0;
	}
	if (id != 0) {
		*out = REL_UPDATED;
		/* Who retired an imported item is not known. */
		if ((rc = rel_db_stmt(db, "UPDATE profile_item SET "
		    "source = coalesce(?2, source), "
		    "visibility = coalesce(?3, visibility), "
		    "retired_at = ?4 WHERE id = ?1", &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		if (source[0] != '\0')
			sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
		if (rel_rec_has(r, C_VIS))
			sqlite3_bind_int(st, 3, (int)vis);
		if (retired[0] != '\0')
			sqlite3_bind_text(st, 4, retired, -1, SQLITE_STATIC);
	} else {
		*out = REL_ADDED;
		if ((rc = rel_db_stmt(db, "INSERT INTO profile_item (student, "
		    "kind, value, source, at, adult, visibility, retired_at) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &st, e)) != 0)
			return rc;
		sqlite3_bind_int64(st, 1, student);
		sqlite3_bind_text(st, 2, kinds[k], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, value, (int)vlen, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, source[0] != '\0' ? source : "adult",
		    -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, at, -1, SQLITE_STATIC);
		if (adult != 0)
			sqlite3_bind_int64(st, 6, adult);
		sqlite3_bind_int(st, 7, (int)vis);
		if (retired[0] != '\0')
			sqlite3_bind_text(st, 8, retired, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "writing a profile item", e);
}

/* A time bound of a filter as stored text, or NULL for none. */
static const char *
bound(int64_t secs, char *buf)
{
	if (secs == INT64_MIN || secs == INT64_MAX)
		return NULL;
	rel_datetime_format(secs, buf);
	return buf;
}

int
rel_profile_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	sqlite3_int64 student, adult;
	const char *s;
	sqlite3_stmt *st;
	int rc, k = -1, src = -1;

	if (f->kind != NULL &&
	    (k = lookup(kinds, f->kind, strlen(f->kind))) < 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--kind", f->kind,
		    strlen(f->kind), "is not %s", kind_words);
	if (f->source != NULL &&
	    (src = lookup(sources, f->source, strlen(f->source))) < 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--source",
		    f->source, strlen(f->source), "is not %s", source_words);
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db,
	    "SELECT s.student_id, p.kind, p.value, p.source, p.at, a.adult_id, "
	    "CASE p.visibility WHEN 0 THEN 'staff' WHEN 1 THEN 'team' "
	    " ELSE 'private' END, p.retired_at, p.student, p.visibility "
	    "FROM profile_item p JOIN student s ON s.id = p.student "
	    "LEFT JOIN adult a ON a.id = p.adult "
	    "WHERE " REL_SEES("p") " AND (?1 IS NULL OR p.student = ?1) "
	    "AND (?2 IS NULL OR p.adult = ?2) "
	    "AND (?3 IS NULL OR p.kind = ?3) "
	    "AND (?4 IS NULL OR p.source = ?4) "
	    "AND (?5 IS NULL OR p.at >= ?5) AND (?6 IS NULL OR p.at < ?6) "
	    "AND (?7 = 1 OR p.retired_at IS NULL) "
	    "AND (?8 = 0 OR p.student IN (SELECT id FROM temp.rel_set)) "
	    "ORDER BY s.student_id, CASE p.kind WHEN 'strength' THEN 0 "
	    " WHEN 'interest' THEN 1 WHEN 'motivation' THEN 2 "
	    " WHEN 'identity' THEN 3 WHEN 'language' THEN 4 "
	    " WHEN 'learns_best' THEN 5 WHEN 'worry' THEN 6 ELSE 7 END, "
	    "p.at, p.id", &st, e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (k >= 0)
		sqlite3_bind_text(st, 3, kinds[k], -1, SQLITE_STATIC);
	if (src >= 0)
		sqlite3_bind_text(st, 4, sources[src], -1, SQLITE_STATIC);
	if ((s = bound(f->since, since)) != NULL)
		sqlite3_bind_text(st, 5, s, -1, SQLITE_STATIC);
	if ((s = bound(f->until, until)) != NULL)
		sqlite3_bind_text(st, 6, s, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, f->history != 0);
	sqlite3_bind_int(st, 8, f->set != 0);
	rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
	return rc;
}

int
rel_profile_retire(struct rel_db *db, const char *student, const char *kind,
    const char *value, const char *at, struct rel_err *e)
{
	char when[REL_DATETIME_LEN];
	sqlite3_int64 sid, id = 0;
	const struct rel_actor *who = rel_actor(db);
	size_t vlen = strlen(value);
	sqlite3_stmt *st;
	int64_t secs = rel_now();
	int rc, k, late = 0;

	if ((rc = item_key(NULL, 0, kind, strlen(kind), &value, &vlen, &k,
	    e)) != 0)
		return rc;
	if (at != NULL && (rc = rel_time_opt("--at", at, 0, &secs, e)) != 0)
		return rc;
	rel_datetime_format(secs, when);
	if (who->id == 0)
		return rel_err_set(e, REL_EUSAGE, "who is retiring this item? "
		    "Give --as ADULT_ID or set $REL_AS");
	if ((rc = rel_person(db, 0, student, strlen(student), "student_id",
	    NULL, 0, &sid, e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, "SELECT id, at > ?4 FROM profile_item "
	    "WHERE student = ?1 AND kind = ?2 AND value = ?3 "
	    "AND retired_at IS NULL", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_text(st, 2, kinds[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, (int)vlen, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		late = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a profile item", e);
	if (id == 0)
		return rel_err_value(e, REL_EDATA, NULL, 0, "value", value,
		    vlen, "is not a current %s of student %s (rel-profile list "
		    "--student %s shows them)", kinds[k], student, student);
	if (late)
		return rel_err_value(e, REL_EDATA, NULL, 0, "--at", when,
		    strlen(when), "is before the item was recorded");
	if ((rc = rel_db_stmt(db, "UPDATE profile_item SET retired_at = ?2, "
	    "retired_by = ?3 WHERE id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, who->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "retiring a profile item", e);
}

/* The card. */

static const unsigned char *
col(sqlite3_stmt *st, int i)
{
	return sqlite3_column_text(st, i);
}

int
rel_card_head(struct rel_db *db, const char *student, struct rel_card *c,
    sqlite3_int64 *sid, struct rel_err *e)
{
	const unsigned char *given, *pref, *v;
	sqlite3_stmt *st;
	char *name;
	size_t sub;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT id, student_id, given_name, "
	    "family_name, preferred_name, pronouns, grade, home_language, "
	    "active FROM student WHERE student_id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, student, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return rel_db_fail(db, rc, "reading a student", e);
		return rel_err_value(e, REL_EDATA, NULL, 0, "student_id",
		    student, strlen(student), "is not a known student");
	}
	*sid = sqlite3_column_int64(st, 0);
	given = col(st, 2);
	pref = col(st, 4);
	if (pref == NULL || pref[0] == '\0' ||
	    strcmp((const char *)pref, (const char *)given) == 0)
		pref = NULL;
	rel_card_start(c);
	rel_card_put(c, pref != NULL ? pref : given);
	putc(' ', c->fp);
	rel_card_put(c, col(st, 3));
	if (pref != NULL) {
		fputs(" (given name ", c->fp);
		rel_card_put(c, given);
		putc(')', c->fp);
	}
	fflush(c->fp);
	name = rel_xstrdup(c->line);
	fputs("; ", c->fp);
	fflush(c->fp);
	sub = c->len;
	fputs("Student ", c->fp);
	rel_card_put(c, col(st, 1));
	if ((v = col(st, 6)) != NULL && v[0] != '\0') {
		fputs(", grade ", c->fp);
		rel_card_put(c, v);
	}
	if ((v = col(st, 5)) != NULL && v[0] != '\0') {
		fputs(", ", c->fp);
		rel_card_put(c, v);
	}
	if ((v = col(st, 7)) != NULL && v[0] != '\0') {
		fputs(", home language ", c->fp);
		rel_card_put(c, v);
	}
	if (sqlite3_column_int(st, 8) == 0)
		fputs(" (deactivated)", c->fp);
	fflush(c->fp);
	sqlite3_reset(st);
	/* The name is the title; the line under it says who. The data row
	 * holds both. */
	rel_doc_title(c->d, name, c->line + sub);
	c->sent = c->len;
	c->section = "student";
	rel_card_end(c);
	free(name);
	return 0;
}

int
rel_card_items(struct rel_db *db, sqlite3_int64 sid, int history,
    int compact, struct rel_card *c, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, k, n;

	if ((rc = rel_db_stmt(db, "SELECT p.value, p.source, "
	    "substr(p.at, 1, 10), substr(p.retired_at, 1, 10) "
	    "FROM profile_item p "
	    "WHERE p.student = ?1 AND p.kind = ?2 AND " REL_SEES("p")
	    " AND (?3 = 1 OR p.retired_at IS NULL) "
	    "ORDER BY p.retired_at IS NOT NULL, p.at, p.id", &st, e)) != 0)
		return rc;
	for (k = 0; kinds[k] != NULL; k++) {
		/* Strengths and interests always open the card. */
		if (!compact || k < 2)
			rel_card_heading(c, headings[k]);
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_text(st, 2, kinds[k], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, history != 0);
		for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
			if (compact && k >= 2 && n == 0)
				rel_card_heading(c, headings[k]);
			rel_card_bullet(c);
			rel_card_put(c, col(st, 0));
			fprintf(c->fp, " (%s, %s)", col(st, 1), col(st, 2));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL)
				fprintf(c->fp, " (retired %s)", col(st, 3));
			rel_card_end(c);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return rel_db_fail(db, rc, "reading profile items", e);
		if (n == 0 && (!compact || k < 2))
			rel_card_none(c);
	}
	return 0;
}

int
rel_card_adults(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    struct rel_err *e)
{
	static const char *const strength[] = { "", "knows name and face",
		"knows something personal", "trusted adult" };
	sqlite3_stmt *st;
	int rc, n, s;

	rel_card_heading(c, "Adults who know them");
	if ((rc = rel_db_stmt(db, "SELECT a.adult_id, a.given_name, "
	    "a.family_name, a.role, coalesce(c.strength, 0), "
	    "EXISTS (SELECT 1 FROM primary_adult p WHERE p.student = ?1 "
	    "  AND p.adult = a.id AND p.end_at IS NULL) AS pr "
	    "FROM (SELECT adult FROM connection WHERE student = ?1 "
	    "  UNION SELECT adult FROM primary_adult WHERE student = ?1 "
	    "  AND end_at IS NULL) k JOIN adult a ON a.id = k.adult "
	    "AND a.active = 1 "
	    "LEFT JOIN connection c ON c.student = ?1 AND c.adult = a.id "
	    "ORDER BY pr DESC, coalesce(c.strength, 0) DESC, a.adult_id", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		rel_card_bullet(c);
		rel_card_put(c, col(st, 1));
		putc(' ', c->fp);
		rel_card_put(c, col(st, 2));
		fprintf(c->fp, ", %s (", col(st, 3));
		rel_card_put(c, col(st, 0));
		fputs("):", c->fp);
		s = sqlite3_column_int(st, 4);
		if (s >= 1 && s <= 3)
			fprintf(c->fp, " %s", strength[s]);
		if (sqlite3_column_int(st, 5)) {
			fputs(s >= 1 && s <= 3 ? "; " : " ", c->fp);
			rel_card_strong(c, "primary adult");
		}
		rel_card_end(c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading connections", e);
	if (n == 0)
		rel_card_none(c);
	return 0;
}

static int
show_checkins(struct rel_db *db, sqlite3_int64 sid, int last,
    struct rel_card *c, struct rel_err *e)
{
	static const char *const scores[] = { "mood", "understanding",
		"workload" };
	char when[REL_DATETIME_LEN];
	sqlite3_stmt *st;
	int rc, n, i, said;

	rel_card_heading(c, "Last check-ins");
	/* The kind codes of migration 4, in words for a reader. */
	if ((rc = rel_db_stmt(db, "SELECT c.at, CASE c.kind "
	    " WHEN 0 THEN 'check-in' WHEN 1 THEN 'exit ticket' "
	    " WHEN 2 THEN 'greeting' ELSE 'conference' END, "
	    "c.mood, c.understanding, c.workload, a.given_name, a.family_name, "
	    "c.note FROM checkin c LEFT JOIN adult a ON a.id = c.adult "
	    "WHERE c.student = ?1 AND " REL_SEES("c")
	    " ORDER BY c.at DESC, c.kind DESC, c.adult_key DESC LIMIT ?2", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, last);
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		rel_datetime_format(sqlite3_column_int64(st, 0), when);
		when[10] = '\0';
		rel_card_bullet(c);
		fprintf(c->fp, "%s %s", when, col(st, 1));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			fputs(" with ", c->fp);
			rel_card_put(c, col(st, 5));
			putc(' ', c->fp);
			rel_card_put(c, col(st, 6));
		}
		for (i = 0, said = 0; i < 3; i++) {
			if (sqlite3_column_type(st, 2 + i) == SQLITE_NULL)
				continue;
			fprintf(c->fp, "%s%s %d", said++ ? ", " : ": ", scores[i],
			    sqlite3_column_int(st, 2 + i));
		}
		if (col(st, 7) != NULL && col(st, 7)[0] != '\0') {
			fputs(said ? "; " : ": ", c->fp);
			rel_card_put(c, col(st, 7));
		}
		rel_card_end(c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading check-ins", e);
	if (n == 0)
		rel_card_none(c);
	return 0;
}

int
rel_profile_show(struct rel_db *db, const char *student, int history,
    int checkins, int markdown, FILE *fp, struct rel_err *e)
{
	struct rel_card c;
	struct rel_doc *d;
	sqlite3_int64 sid = 0;
	int rc;

	if (checkins < 0)
		return rel_err_set(e, REL_EUSAGE, "--checkins: %d is not 0 or "
		    "more", checkins);
	/* Every show of a student is audited, and before anything is
	 * shown: what cannot be recorded is not shown. */
	if ((rc = rel_id_rowid(db, REL_STUDENT, "student_id", student, &sid,
	    e)) != 0)
		return rc;
	rel_access_all(db);
	rel_access_touch(db, sid, REL_VIS_STAFF);
	if ((rc = rel_audit_flush(db, 1, NULL, "profile card", e)) != 0)
		return rc;
	if ((rc = rel_doc_open(&d, fp, markdown ? REL_FMT_MD : REL_FMT_TABLE,
	    NULL, NULL, e)) != 0)
		return rc;
	if ((rc = rel_card_open(&c, d, NULL, student, e)) != 0) {
		rel_doc_abort(d);
		return rc;
	}
	if ((rc = rel_card_head(db, student, &c, &sid, e)) == 0 &&
	    (rc = rel_card_items(db, sid, history, 0, &c, e)) == 0 &&
	    (rc = rel_card_adults(db, sid, &c, e)) == 0 &&
	    (rc = rel_goal_card(db, sid, &c, e)) == 0 &&
	    (rc = rel_family_card(db, sid, &c, e)) == 0 &&
	    (rc = rel_restore_card(db, sid, &c, e)) == 0 && checkins > 0)
		rc = show_checkins(db, sid, checkins, &c, e);
	rel_card_close(&c);
	if (rc != 0) {
		rel_doc_abort(d);
		return rc;
	}
	return rel_doc_close(d, e);
}
