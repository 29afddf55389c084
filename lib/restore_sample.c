/*
 * restore_sample.c: the sample school's restorative cases: four for each
 * hundred students (at least three), over the last hundred days, at
 * every stage from just opened to closed, each with its parties. The
 * harmed and the responsible student of a case often share a class, and
 * then its teacher may come as a supporter; a counselor or an admin
 * facilitates and writes the case. Every case and party is written
 * through the importers' write functions, as an import would write it.
 * The text is fictional and names no one.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

static const char *const harms[] = {
	"Shared a photo of a classmate in a group chat without asking",
	"Knocked a classmate's project off the table and laughed",
	"Name-calling in the corridor after lunch",
	"Took a classmate's calculator and would not give it back",
	"Posted an unkind comment under a classmate's video",
};
static const char *const conflicts[] = {
	"An argument over a group project turned into shouting",
	"A falling-out between friends spilled into class",
	"A pushing match at the end of a lunchtime game",
	"A disagreement over lab seats grew into a standoff",
};
static const char *const circles[] = {
	"Class circle after teasing in the group",
	"Circle to reset how the lab group works together",
	"Circle after a rumour spread through the class",
};
static const char *const reentries[] = {
	"Return after a three-day suspension",
	"Welcome back after a week at home",
	"Re-entry meeting after time away from school",
};
static const char *const agreements[] = {
	"Will apologise in person and help rebuild the project",
	"Will delete the post and check in with the counselor weekly",
	"Will sit apart in the lab for two weeks, then review together",
	"Agreed on a signal to ask for a break when things heat up",
	"Will replace the calculator and write a note of apology",
	"Will greet each other and work together on the next task",
	"Will meet the supporter every Monday morning for a month",
};
#define PICK(r, a) ((a)[rel_rng_below((r), (long)NELEM(a))])

struct sample {
	struct rel_db *db;
	struct rel_rng r;
	sqlite3_int64 *sid;	/* active students' rowids, by rowid */
	long n;
	char fac[8][65];	/* counselors and admins, the facilitators */
	long nfac;
	int np;			/* parties of the case being written */
	long ncases;
	int64_t prev;		/* when the case before was opened */
};

/* The external id of student or adult rowid into buf (65 bytes). */
static int
ext_id(struct sample *s, int adult, sqlite3_int64 rowid, char *buf,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(s->db, adult ?
	    "SELECT adult_id FROM adult WHERE id = ?1" :
	    "SELECT student_id FROM student WHERE id = ?1", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rel_strlcpy(buf, (const char *)sqlite3_column_text(st, 0), 65);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rel_db_fail(s->db, rc, "reading the "
	    "sample's roster", e);
}

/* A classmate of student a, drawn at random among the active students of
 * a's active classes, and that class's lead; 0 and 0 when a has none. */
static int
classmate(struct sample *s, sqlite3_int64 a, sqlite3_int64 *b,
    sqlite3_int64 *lead, struct rel_err *e)
{
	sqlite3_stmt *st;
	long n = 0;
	int rc;

	*b = *lead = 0;
#define CLASSMATES \
    "FROM member m1 JOIN grp g ON g.id = m1.grp AND g.kind = 'class' " \
    " AND g.active = 1 " \
    "JOIN member m2 ON m2.grp = g.id AND m2.active = 1 " \
    " AND m2.student IS NOT NULL AND m2.student <> m1.student " \
    "JOIN student s2 ON s2.id = m2.student AND s2.active = 1 " \
    "WHERE m1.student = ?1 AND m1.active = 1 "
	if ((rc = rel_db_stmt(s->db, "SELECT count(*) " CLASSMATES, &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, a);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rel_db_fail(s->db, rc, "reading the sample's classes",
		    e);
	if (n == 0)
		return 0;
	if ((rc = rel_db_stmt(s->db, "SELECT m2.student, "
	    "ifnull(g.lead_adult, 0) " CLASSMATES
	    "ORDER BY g.id, m2.student LIMIT 1 OFFSET ?2", &st, e)) != 0)
		return rc;
#undef CLASSMATES
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, rel_rng_below(&s->r, n));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*b = sqlite3_column_int64(st, 0);
		*lead = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : rel_db_fail(s->db, rc, "reading the "
	    "sample's classes", e);
}

/* Another student than the ones in not (n of them), at random. */
static sqlite3_int64
other(struct sample *s, const sqlite3_int64 *not, int n)
{
	sqlite3_int64 x;
	int i, tries;

	for (tries = 0; tries < 20; tries++) {
		x = s->sid[rel_rng_below(&s->r, s->n)];
		for (i = 0; i < n && not[i] != x; i++)
			;
		if (i == n)
			return x;
	}
	return 0;
}

/* Write one record of kind k from its values (NULL: empty). */
static int
put(struct sample *s, const struct rel_import_kind *k, const char *const *v,
    struct rel_err *e)
{
	size_t len[16], i;
	enum rel_outcome out;
	struct rel_rec r;

	for (i = 0; i < k->ncols; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	s->np += k == rel_restore_party_kind();
	r.n = k->ncols;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "sample";
	r.line = 0;
	return k->write(s->db, &r, &out, e);
}

/* A party of case id: a student (adult 0) or an adult, by rowid. */
static int
party(struct sample *s, const char *id, int adult, sqlite3_int64 rowid,
    const char *role, struct rel_err *e)
{
	const char *v[4] = { id, NULL, NULL, role };
	char ext[65];
	int rc;

	if (rowid == 0)
		return 0;
	if ((rc = ext_id(s, adult, rowid, ext, e)) != 0)
		return rc;
	v[adult ? 2 : 1] = ext;
	return put(s, rel_restore_party_kind(), v, e);
}

/* The school day d, or the one before it at a weekend. */
static int32_t
school_day(int32_t d)
{
	while (rel_weekday(d) >= 5)
		d--;
	return d;
}

static int
one_case(struct sample *s, long i, long num, struct rel_err *e)
{
	static const char *const stages[] = { "open", "circle_held",
		"agreement", "repaired", "closed" };
	const char *v[10] = { NULL };
	char id[32], opened[REL_DATETIME_LEN], follow[REL_DATE_LEN];
	char closed[REL_DATETIME_LEN];
	sqlite3_int64 a, b = 0, lead = 0, x[3];
	struct rel_rng *r = &s->r;
	int32_t today = rel_today(), od, fd;
	int64_t at;
	const char *kind, *summary, *fac;
	int rc, stage;
	long k, fi;

	/* The second case is a re-entry, so that even a small sample has
	 * one. */
	k = rel_rng_below(r, 100);
	kind = i == 1 || k >= 90 ? "reentry" : k < 45 ? "harm" :
	    k < 75 ? "conflict" : "circle";
	summary = kind[0] == 'h' ? PICK(r, harms) : kind[0] == 'c' &&
	    kind[1] == 'o' ? PICK(r, conflicts) : kind[0] == 'c' ?
	    PICK(r, circles) : PICK(r, reentries);
	/* Numbered in the order they were opened, over 100 days; the
	 * newest about three weeks ago. */
	od = today - 100 + (int32_t)(i * 80 / s->ncases) +
	    (int32_t)rel_rng_below(r, 5);
	if (i == s->ncases - 1)
		od = today - 22 + (int32_t)rel_rng_below(r, 3);
	od = school_day(od);
	at = (int64_t)od * 86400 + 8 * 3600 + 60 * rel_rng_below(r, 7 * 60);
	if (at <= s->prev)
		at = s->prev + 60 * (1 + rel_rng_below(r, 30));
	s->prev = at;
	od = (int32_t)(at / 86400);
	/* Older cases are further along: past the circle, most of them. */
	stage = (int)rel_rng_below(r, 5);
	if (today - od > 40 && stage < 2 && rel_rng_chance(r, 4, 5))
		stage += 2;
	/* A case is only closed once its follow-up has had time. */
	if (stage == 4 && today - od < 21)
		stage = 3;
	/* The newest has a follow-up overdue, so that rel-restore due has
	 * something to show on any sample. */
	if (i == s->ncases - 1)
		stage = (int)rel_rng_below(r, 2);
	rel_datetime_format(at, opened);
	snprintf(id, sizeof(id), "R%ld", num);
	fi = rel_rng_below(r, s->nfac);
	fac = s->fac[fi];
	v[0] = id;
	v[1] = opened;
	v[2] = fac;
	v[3] = kind;
	v[4] = summary;
	if (stage >= 2)
		v[5] = PICK(r, agreements);
	v[6] = stages[stage];
	if (stage < 4) {
		/* The next check on a case that has gone on for a while is
		 * near today: a few overdue, most ahead. */
		fd = od + 7 + (int32_t)rel_rng_below(r, 21);
		if (today - od > 30)
			fd = today - 7 + (int32_t)rel_rng_below(r, 28);
		if (i == s->ncases - 1)
			fd = today - 1 - (int32_t)rel_rng_below(r, 5);
		rel_date_format(fd, follow);
		v[7] = follow;
	} else {
		rel_datetime_format((int64_t)(od + 14 + rel_rng_below(r,
		    today - od - 14)) * 86400 + 15 * 3600, closed);
		v[8] = closed;
	}
	v[9] = rel_rng_chance(r, 1, 5) ? "team" : NULL;
	if ((rc = put(s, rel_restore_kind(), v, e)) != 0)
		return rc;
	s->np = 0;

	a = s->sid[rel_rng_below(r, s->n)];
	if (rel_rng_chance(r, 3, 4) && (rc = classmate(s, a, &b, &lead,
	    e)) != 0)
		return rc;
	x[0] = a;
	if (b == 0)
		b = other(s, x, 1);
	x[1] = b;
	if (kind[0] == 'c' && kind[1] == 'i') {
		/* A circle: the students the tension touched. */
		x[2] = rel_rng_chance(r, 1, 2) ? other(s, x, 2) : 0;
		if ((rc = party(s, id, 0, a, "affected", e)) != 0 ||
		    (rc = party(s, id, 0, b, "affected", e)) != 0 ||
		    (rc = party(s, id, 0, x[2], "affected", e)) != 0)
			return rc;
	} else if (kind[0] == 'r') {
		/* A re-entry: the student returning, and sometimes the one
		 * they harmed. */
		if ((rc = party(s, id, 0, a, "responsible", e)) != 0 ||
		    (rel_rng_chance(r, 1, 3) &&
		    (rc = party(s, id, 0, b, "harmed", e)) != 0))
			return rc;
		if (lead == 0)
			lead = -1;
	} else {
		if ((rc = party(s, id, 0, a, "harmed", e)) != 0 ||
		    (rc = party(s, id, 0, b, "responsible", e)) != 0)
			return rc;
		if (rel_rng_chance(r, 1, 4) &&
		    (rc = party(s, id, 0, other(s, x, 2), "affected", e)) != 0)
			return rc;
	}
	if ((rc = put(s, rel_restore_party_kind(), (const char *const [4]){
	    id, NULL, fac, "facilitator" }, e)) != 0)
		return rc;
	/* The class teacher supports some; a returning student always has
	 * a supporter, the teacher or a facilitator's colleague. Four
	 * parties at most. */
	if (s->np >= 4)
		return 0;
	if (lead > 0 && (kind[0] == 'r' || rel_rng_chance(r, 2, 5))) {
		char ext[65];

		/* A counselor who teaches the class already facilitates. */
		if ((rc = ext_id(s, 1, lead, ext, e)) != 0 ||
		    strcmp(ext, fac) == 0)
			return rc;
		return put(s, rel_restore_party_kind(),
		    (const char *const [4]){ id, NULL, ext, "supporter" }, e);
	}
	if (lead < 0 && s->nfac > 1)
		return put(s, rel_restore_party_kind(), (const char *const [4]){
		    id, NULL, s->fac[(fi + 1 + rel_rng_below(r, s->nfac - 1)) %
		    s->nfac], "supporter" }, e);
	return 0;
}

int
rel_restore_sample(struct rel_db *db, unsigned long seed, struct rel_err *e)
{
	struct sample s;
	sqlite3_stmt *st;
	size_t cap = 0;
	long i, ncases, base = 1;
	int rc;

	memset(&s, 0, sizeof(s));
	s.db = db;
	rel_rng_stream(&s.r, seed, 6);
	if ((rc = rel_db_stmt(db, "SELECT adult_id FROM adult WHERE active = 1 "
	    "AND role IN ('counselor', 'admin') ORDER BY id LIMIT 8", &st,
	    e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rel_strlcpy(s.fac[s.nfac++], (const char *)
		    sqlite3_column_text(st, 0), sizeof(s.fac[0]));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading the sample's adults", e);
	if ((rc = rel_db_stmt(db, "SELECT id FROM student WHERE active = 1 "
	    "ORDER BY id", &st, e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((size_t)s.n == cap) {
			cap = cap ? cap * 2 : 256;
			s.sid = rel_xrealloc(s.sid, cap * sizeof(*s.sid));
		}
		s.sid[s.n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(s.sid);
		return rel_db_fail(db, rc, "reading the sample's students", e);
	}
	/* Numbered after any case already there, as an open would be. */
	if ((rc = rel_db_stmt(db, "SELECT count(*) FROM restorative_case", &st,
	    e)) != 0) {
		free(s.sid);
		return rc;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		base += sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	ncases = s.n < 2 || s.nfac == 0 ? 0 : s.n * 4 / 100 < 3 ? 3 :
	    s.n * 4 / 100;
	s.ncases = ncases;
	for (i = 0, rc = rc == SQLITE_ROW ? 0 : rel_db_fail(db, rc, "counting "
	    "cases", e); i < ncases && rc == 0; i++)
		rc = one_case(&s, i, base + i, e);
	free(s.sid);
	return rc;
}
