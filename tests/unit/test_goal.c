/*
 * test_goal.c: goals and support plans written as the importer writes
 * them (defaults, made ids, duplicates, every bad value), progress
 * checks, close, the lists and their visibility, what is due, the card's
 * section and the sample, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"
#include "internal.h"
#include "card.h"

/* The columns of rel_goal_kind() and rel_progress_kind(). */
enum {
	C_ID, C_STUDENT, C_KIND, C_AREA, C_TEXT, C_SETBY, C_CHAMP, C_TIER,
	C_STRAT, C_START, C_DUE, C_EVERY, C_STATUS, C_OUTCOME, C_CLOSED,
	C_AT, C_ADULT, C_VIS, NCOLS
};
enum { P_GOAL, P_AT, P_ADULT, P_RATING, P_NOTE, NPCOLS };

#define HEAD "goal_id,student_id,kind,area,text,set_by,champion_adult_id," \
	"tier,strategies,start,due,check_every,status,outcome,closed_at,at," \
	"adult_id,visibility\n"
#define PHEAD "goal_id,at,adult_id,rating,note\n"
#define DHEAD "student_id,given_name,family_name,goal_id,kind,reason," \
	"due_on,days_overdue,last_progress_on,champion_adult_id,text\n"

/* Three active students and one deactivated; A1 a teacher connected to
 * S1, A2 a teacher with no students, A3 a coach, A4 the counselor. Today
 * is 2026-11-20. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_goal", 1);
	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', 'x'), ('S3', 'Mei', 'King', 'x'), "
	    " ('S4', 'Old', 'Gone', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A1', 'Ana', 'Silva', 'teacher', 'x'), "
	    " ('A2', 'Bo', 'Chen', 'teacher', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'coach', 'x'), "
	    " ('A4', 'Dee', 'Park', 'counselor', 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (1, 1, 2, '2026-09-01', 'x')", &e), 0);
}

static void
act(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
}

static int
put(struct tmpdb *t, const struct rel_import_kind *k, const char *const *v,
    enum rel_outcome *o, struct rel_err *e)
{
	size_t len[NCOLS], i;
	struct rel_rec r;

	for (i = 0; i < k->ncols; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = k->ncols;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "goals.csv";
	r.line = 2;
	rel_err_clear(e);
	return k->write(t->db, &r, o, e);
}

static void
ok_goal(struct tmpdb *t, const char *const *v)
{
	enum rel_outcome o;
	struct rel_err e;

	if (put(t, rel_goal_kind(), v, &o, &e) != 0)
		fail_msg("%s: %s", e.column, e.msg);
	assert_int_equal(o, REL_ADDED);
}

static void
ok_progress(struct tmpdb *t, const char *gid, const char *at,
    const char *adult, const char *rating, const char *note)
{
	const char *v[NPCOLS] = { gid, at, adult, rating, note };
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, rel_progress_kind(), v, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
}

/* A bad goal: 65, the message, and no goal written. */
static void
bad_goal(struct tmpdb *t, const char *const *v, const char *col,
    const char *msg)
{
	long long before = tmpdb_int(t, "SELECT count(*) FROM goal");
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, rel_goal_kind(), v, &o, &e), REL_EDATA);
	assert_string_equal(e.column, col);
	assert_string_equal(e.msg, msg);
	assert_int_equal(e.line, 2);
	assert_int_equal(tmpdb_int(t, "SELECT count(*) FROM goal"), before);
}

static void
bad_progress(struct tmpdb *t, const char *const *v, const char *col,
    const char *msg)
{
	long long before = tmpdb_int(t, "SELECT count(*) FROM progress");
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, rel_progress_kind(), v, &o, &e), REL_EDATA);
	assert_string_equal(e.column, col);
	assert_string_equal(e.msg, msg);
	assert_int_equal(tmpdb_int(t, "SELECT count(*) FROM progress"),
	    before);
}

/* What a list (0 goals, 1 progress, 2 due on day) writes as CSV. */
static char *
out(struct tmpdb *t, int which, const struct rel_goal_filter *gf, int mine,
    int32_t on, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	cols = which == 0 ? rel_goal_cols(&n) : which == 1 ?
	    rel_progress_cols(&n) : rel_goal_due_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rel_err_clear(&e);
	*rc = which == 0 ? rel_goal_list(t->db, gf, o, &e) : which == 1 ?
	    rel_progress_list(t->db, gf, o, &e) :
	    rel_goal_due(t->db, gf, mine, on, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
out_is(struct tmpdb *t, int which, const struct rel_goal_filter *gf,
    const char *want)
{
	int rc;
	char *s = out(t, which, gf, 0, rel_today(), &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(s, want);
	free(s);
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(rel_date_parse(s, strlen(s), &d), 0);
	return d;
}

static void
test_columns(void **state)
{
	const struct rel_import_kind *k = rel_goal_kind();
	const char *const *names;
	size_t n, i;

	(void)state;
	/* What list writes, import reads: the same names in order. */
	names = rel_goal_cols(&n);
	assert_int_equal(n, k->ncols);
	assert_int_equal(n, NCOLS);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], k->cols[i].name);
	assert_string_equal(k->name, "goals");
	assert_string_equal(k->one, "goal");
	assert_int_equal(k->cols[C_ID].flags & REL_COL_REQUIRED, 0);
	assert_true(k->cols[C_STUDENT].flags & REL_COL_REQUIRED);
	assert_true(k->cols[C_TEXT].flags & REL_COL_REQUIRED);
	k = rel_progress_kind();
	names = rel_progress_cols(&n);
	assert_int_equal(n, k->ncols);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], k->cols[i].name);
	assert_true(k->cols[P_GOAL].flags & REL_COL_REQUIRED);
	assert_true(k->cols[P_AT].flags & REL_COL_REQUIRED);
	assert_string_equal(k->one, "progress check");
	names = rel_goal_due_cols(&n);
	assert_int_equal(n, 11);
	assert_string_equal(names[0], "student_id");
	assert_string_equal(names[5], "reason");
}

static struct rel_goal_filter all(void);

static void
test_defaults(void **state)
{
	struct rel_goal_filter gf;
	struct tmpdb t;
	const char *g[NCOLS] = { [C_STUDENT] = "S1", [C_TEXT] = "Read daily" };
	const char *s[NCOLS] = { [C_STUDENT] = "S2", [C_KIND] = "Support",
		[C_TEXT] = "Check-in/check-out", [C_AREA] = "Behavior" };

	(void)state;
	school(&t);
	act(&t, "A1");
	ok_goal(&t, g);
	/* A support: tier 2, and its author is its champion. */
	ok_goal(&t, s);
	act(&t, "A4");
	gf = all();
	out_is(&t, 0, &gf, HEAD
	    "G1,S1,goal,other,Read daily,adult,,,,2026-11-20,,,open,,,"
	    "2026-11-20T10:00:00,A1,team\n"
	    "G2,S2,support,behaviour,Check-in/check-out,adult,A1,2,,"
	    "2026-11-20,,,open,,,2026-11-20T10:00:00,A1,team\n");
	tmpdb_close(&t);
}

static void
test_made_ids(void **state)
{
	struct tmpdb t;
	const char *v[NCOLS] = { [C_STUDENT] = "S1", [C_TEXT] = "one",
		[C_ADULT] = "A1" };
	char id[REL_GOAL_ID_LEN];
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	/* An id from elsewhere, then made ones: G2 is free, G3 taken, so
	 * one more than the highest G number. */
	v[C_ID] = "G3";
	ok_goal(&t, v);
	v[C_ID] = NULL;
	v[C_TEXT] = "two";
	ok_goal(&t, v);
	v[C_TEXT] = "three";
	ok_goal(&t, v);
	v[C_TEXT] = "four";
	assert_int_equal(rel_goal_add(t.db, v, id, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_string_equal(id, "G5");
	assert_int_equal(tmpdb_int(&t, "SELECT group_concat(goal_id, ' ') = "
	    "'G3 G2 G4 G5' FROM (SELECT goal_id FROM goal ORDER BY id)"), 1);
	/* The same student, kind, text and start: the goal recorded. */
	assert_int_equal(rel_goal_add(t.db, v, id, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_string_equal(id, "G5");
	v[C_START] = "2026-11-21";
	assert_int_equal(rel_goal_add(t.db, v, id, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_string_equal(id, "G6");
	/* A bad one adds nothing and names no id. */
	v[C_STUDENT] = "S9";
	assert_int_equal(rel_goal_add(t.db, v, id, &o, &e), REL_EDATA);
	assert_string_equal(id, "");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal"), 5);
	tmpdb_close(&t);
}

static void
test_duplicates(void **state)
{
	struct tmpdb t;
	const char *v[NCOLS] = { [C_ID] = "G7", [C_STUDENT] = "S1",
		[C_KIND] = "support", [C_TEXT] = "Tutoring", [C_TIER] = "3",
		[C_CHAMP] = "A3", [C_START] = "2026-11-02",
		[C_DUE] = "2026-12-14", [C_EVERY] = "1w",
		[C_AT] = "2026-11-02T09:00", [C_ADULT] = "A4" };
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	ok_goal(&t, v);
	assert_int_equal(tmpdb_int(&t, "SELECT check_every FROM goal"), 7);
	/* The same again, written another way, is a duplicate. */
	v[C_EVERY] = "7d";
	v[C_KIND] = "SUPPORT";
	assert_int_equal(put(&t, rel_goal_kind(), v, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	v[C_AT] = NULL;
	v[C_ADULT] = NULL;
	assert_int_equal(put(&t, rel_goal_kind(), v, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	/* Another goal under the same id is not. */
	v[C_DUE] = "2026-12-21";
	bad_goal(&t, v, "goal_id", "\"G7\" is already a goal, with another "
	    "due; a goal_id names one goal");
	v[C_DUE] = "2026-12-14";
	v[C_TIER] = "2";
	bad_goal(&t, v, "goal_id", "\"G7\" is already a goal, with another "
	    "tier; a goal_id names one goal");
	v[C_TIER] = "3";
	v[C_VIS] = "private";
	bad_goal(&t, v, "goal_id", "\"G7\" is already a goal, with another "
	    "visibility; a goal_id names one goal");
	tmpdb_close(&t);
}

static void
test_bad_goals(void **state)
{
	struct tmpdb t;
	const char *v[NCOLS] = { [C_STUDENT] = "S1", [C_TEXT] = "Read",
		[C_ADULT] = "A1" };

	(void)state;
	school(&t);
#define BAD(i, val, col, msg) do { \
		const char *old = v[i]; \
		v[i] = (val); \
		bad_goal(&t, v, col, msg); \
		v[i] = old; \
	} while (0)
	BAD(C_STUDENT, "S9", "student_id", "\"S9\" is not a known student");
	BAD(C_STUDENT, "S4", "student_id", "\"S4\" is deactivated (rel-roster "
	    "set student S4 --active 1 brings them back)");
	BAD(C_STUDENT, "", "student_id", "is empty; an id is required");
	BAD(C_ADULT, "A9", "adult_id", "\"A9\" is not a known adult");
	BAD(C_CHAMP, "A9", "champion_adult_id", "\"A9\" is not a known adult");
	BAD(C_ID, " G1", "goal_id", "\" G1\" has spaces around it; expected a "
	    "plain id");
	BAD(C_KIND, "plan", "kind", "\"plan\" is not one of goal or support");
	BAD(C_AREA, "maths", "area", "\"maths\" is not one of academic, "
	    "attendance, social, emotional, behaviour, family or other");
	BAD(C_SETBY, "parent", "set_by", "\"parent\" is not one of student, "
	    "family, adult or team");
	BAD(C_STATUS, "done", "status", "\"done\" is not one of open, met, "
	    "closed or dropped");
	BAD(C_TEXT, " \t", "text", "is empty; a goal needs its text");
	BAD(C_TIER, "2", "tier", "\"2\" is for a support; a goal has no tier "
	    "(kind support makes a support)");
	BAD(C_START, "2026-02-30", "start", "\"2026-02-30\" is not a date "
	    "(YYYY-MM-DD)");
	BAD(C_START, "2026-11-02T09:00", "start", "\"2026-11-02T09:00\" is not "
	    "a date (YYYY-MM-DD)");
	BAD(C_DUE, "soon", "due", "\"soon\" is not a date (YYYY-MM-DD)");
	BAD(C_DUE, "2026-11-19", "due", "\"2026-11-19\" is before the start "
	    "(2026-11-20)");
	BAD(C_EVERY, "0d", "check_every", "\"0d\" is not a span of days (7d, "
	    "2w, or a number of days) from 1 to 365 days");
	BAD(C_EVERY, "1m", "check_every", "\"1m\" is not a span of days (7d, "
	    "2w, or a number of days) from 1 to 365 days");
	BAD(C_EVERY, "53w", "check_every", "\"53w\" is not a span of days "
	    "(7d, 2w, or a number of days) from 1 to 365 days");
	BAD(C_OUTCOME, "Done", "outcome", "is given, but the status is open; "
	    "a goal has an outcome once it is met, closed or dropped");
	BAD(C_CLOSED, "2026-11-20", "closed_at", "\"2026-11-20\" is given, but "
	    "the status is open");
	BAD(C_STATUS, "met", "outcome", "is empty; a goal that is met needs "
	    "its outcome");
	BAD(C_AT, "2026-13-01", "at", "\"2026-13-01\" is not a date-time "
	    "(YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)");
	BAD(C_VIS, "secret", "visibility", "\"secret\" is not staff, team or "
	    "private");
	v[C_KIND] = "support";
	BAD(C_TIER, "4", "tier", "\"4\" is not a whole number from 1 to 3");
	BAD(C_TIER, "0", "tier", "\"0\" is not a whole number from 1 to 3");
	BAD(C_TEXT, "", "text", "is empty; a support's text is the kind of "
	    "support");
	v[C_STATUS] = "dropped";
	v[C_OUTCOME] = "Moved away";
	BAD(C_CLOSED, "2026-11-19T15:00", "closed_at", "\"2026-11-19T15:00:00\" "
	    "is before the start (2026-11-20)");
#undef BAD
	/* Every one of those changed nothing; a good one still goes in,
	 * closed now when closed_at is empty. */
	ok_goal(&t, v);
	assert_int_equal(tmpdb_int(&t, "SELECT closed_at = '2026-11-20T10:00:00' "
	    "AND tier = 2 FROM goal"), 1);
	tmpdb_close(&t);
}

static void
test_progress(void **state)
{
	struct tmpdb t;
	const char *g[NCOLS] = { [C_ID] = "G1", [C_STUDENT] = "S1",
		[C_TEXT] = "Read", [C_START] = "2026-11-02", [C_ADULT] = "A1" };
	const char *p[NPCOLS] = { "G1", "2026-11-09T08:30", "A1", "4", NULL };
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	ok_goal(&t, g);
	ok_progress(&t, "G1", "2026-11-09T08:30", "A1", "4", NULL);
	assert_int_equal(put(&t, rel_progress_kind(), p, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	/* The acting adult writes a check with no adult. */
	act(&t, "A2");
	ok_progress(&t, "G1", "2026-11-10", NULL, NULL, "Reading at lunch");
	assert_int_equal(tmpdb_int(&t, "SELECT adult FROM progress "
	    "WHERE rating IS NULL"), 2);
#define BADP(i, val, col, msg) do { \
		const char *old = p[i]; \
		p[i] = (val); \
		bad_progress(&t, p, col, msg); \
		p[i] = old; \
	} while (0)
	BADP(P_RATING, "6", "rating", "\"6\" is not a whole number from 1 to 5");
	BADP(P_RATING, "0", "rating", "\"0\" is not a whole number from 1 to 5");
	BADP(P_RATING, "good", "rating", "\"good\" is not a whole number from 1 "
	    "to 5");
	BADP(P_GOAL, "G9", "goal_id", "\"G9\" is not a known goal");
	BADP(P_GOAL, "", "goal_id", "is empty; an id is required");
	BADP(P_AT, "", "at", "is empty; expected a date-time "
	    "(YYYY-MM-DDTHH:MM)");
	BADP(P_AT, "2026-11-01T23:00", "at", "\"2026-11-01T23:00:00\" is "
	    "before the goal's start (2026-11-02)");
	BADP(P_ADULT, "A9", "adult_id", "\"A9\" is not a known adult");
	p[P_RATING] = NULL;
	BADP(P_NOTE, " ", "rating", "is empty, and so is note; a progress "
	    "check needs a rating (1 to 5), a note, or both");
	p[P_RATING] = "3";
	/* Once closed, no more checks, but those from before still
	 * belong (an export imported again). */
	assert_int_equal(rel_goal_close(t.db, "G1", "met", "Read every day",
	    rel_now(), &e), 0);
	p[P_AT] = "2026-11-20T10:00:01";
	bad_progress(&t, p, "goal_id", "\"G1\" is met since 2026-11-20; a "
	    "closed goal takes no more progress checks");
	ok_progress(&t, "G1", "2026-11-15", "A1", "5", NULL);
	/* A deactivated student's goal takes none. */
	assert_int_equal(rel_db_exec(t.db, "UPDATE goal SET status = 'open', "
	    "outcome = NULL, closed_at = NULL; UPDATE student SET active = 0 "
	    "WHERE id = 1", &e), 0);
	p[P_AT] = "2026-11-16";
	bad_progress(&t, p, "goal_id", "\"G1\" is a goal of S1, who is "
	    "deactivated (rel-roster set student S1 --active 1 brings them "
	    "back)");
#undef BADP
	tmpdb_close(&t);
}

static void
test_close(void **state)
{
	struct tmpdb t;
	const char *g[NCOLS] = { [C_ID] = "G1", [C_STUDENT] = "S1",
		[C_TEXT] = "Read", [C_START] = "2026-11-02", [C_ADULT] = "A1" };
	struct rel_err e;
	int64_t at;

	(void)state;
	school(&t);
	ok_goal(&t, g);
	ok_progress(&t, "G1", "2026-11-09T08:30", "A1", "4", NULL);
	assert_int_equal(rel_datetime_parse("2026-11-09T08:00", 16, &at), 0);
	/* Options: 64. */
	assert_int_equal(rel_goal_close(t.db, "G1", "met", NULL, at, &e),
	    REL_EUSAGE);
	assert_string_equal(e.msg, "--outcome is needed: say what came of the "
	    "goal");
	assert_int_equal(rel_goal_close(t.db, "G1", "met", " ", at, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_goal_close(t.db, "G1", "open", "x", at, &e),
	    REL_EUSAGE);
	assert_string_equal(e.column, "--status");
	assert_string_equal(e.msg, "\"open\" is not met, closed or dropped");
	assert_int_equal(rel_goal_close(t.db, "G1", "", "x", at, &e),
	    REL_EUSAGE);
	/* Data: 65. */
	assert_int_equal(rel_goal_close(t.db, "G1", "Met", "bell\a", at, &e),
	    REL_EDATA);
	assert_string_equal(e.column, "outcome");
	assert_int_equal(rel_goal_close(t.db, "G9", "met", "x", at, &e),
	    REL_EDATA);
	assert_string_equal(e.msg, "\"G9\" is not a known goal");
	assert_int_equal(rel_goal_close(t.db, "G1", "met", "x", at, &e),
	    REL_EDATA);
	assert_string_equal(e.msg, "\"2026-11-09T08:00:00\" is before the "
	    "goal's last progress check (2026-11-09T08:30:00)");
	assert_int_equal(rel_goal_close(t.db, "G1", "met", "x", at - 9 * 86400,
	    &e), REL_EDATA);
	assert_string_equal(e.msg, "\"2026-10-31T08:00:00\" is before the "
	    "goal's start (2026-11-02)");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal "
	    "WHERE status = 'open' AND outcome IS NULL"), 1);
	/* The default status is closed. */
	assert_int_equal(rel_goal_close(t.db, "G1", NULL, "Partly met", at +
	    3600, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT status = 'closed' AND "
	    "outcome = 'Partly met' AND closed_at = '2026-11-09T09:00:00' "
	    "FROM goal"), 1);
	assert_int_equal(rel_goal_close(t.db, "G1", "met", "x", at + 7200, &e),
	    REL_EDATA);
	assert_string_equal(e.msg, "\"G1\" is already closed (since "
	    "2026-11-09); a goal is closed once");
	ok_goal(&t, (const char *[NCOLS]){ [C_ID] = "G2", [C_STUDENT] = "S2",
	    [C_TEXT] = "Run", [C_START] = "2026-11-02", [C_ADULT] = "A1" });
	assert_int_equal(rel_goal_close(t.db, "G2", "DROPPED", "Moved", at,
	    &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT status = 'dropped' FROM goal "
	    "WHERE goal_id = 'G2'"), 1);
	tmpdb_close(&t);
}

/* S1: G1 (A1's goal), G2 (A4's private support for S1, champion A3);
 * S2: G3 (A2's support, closed); S3: G4 (A4's staff goal); S4 (now
 * deactivated): G5. */
static void
goals(struct tmpdb *t)
{
	struct rel_err e;

	school(t);
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 1",
	    &e), 0);
	ok_goal(t, (const char *[NCOLS]){ [C_ID] = "G1", [C_STUDENT] = "S1",
	    [C_AREA] = "academic", [C_TEXT] = "Turn in every assignment",
	    [C_SETBY] = "student", [C_START] = "2026-11-02",
	    [C_DUE] = "2026-12-18", [C_EVERY] = "14", [C_ADULT] = "A1",
	    [C_AT] = "2026-11-02T09:00" });
	ok_goal(t, (const char *[NCOLS]){ [C_ID] = "G2", [C_STUDENT] = "S1",
	    [C_KIND] = "support", [C_AREA] = "emotional",
	    [C_TEXT] = "Weekly counseling", [C_TIER] = "3",
	    [C_CHAMP] = "A3", [C_STRAT] = "Tuesdays; calm-down plan",
	    [C_START] = "2026-10-01", [C_DUE] = "2026-11-12",
	    [C_EVERY] = "7d", [C_ADULT] = "A4", [C_VIS] = "private",
	    [C_AT] = "2026-10-01T09:00" });
	ok_goal(t, (const char *[NCOLS]){ [C_ID] = "G3", [C_STUDENT] = "S2",
	    [C_KIND] = "support", [C_TEXT] = "Tutoring", [C_START] = "2026-09-01",
	    [C_DUE] = "2026-10-13", [C_STATUS] = "met",
	    [C_OUTCOME] = "Grades up", [C_CLOSED] = "2026-10-14T15:00",
	    [C_ADULT] = "A2", [C_AT] = "2026-09-01T09:00" });
	ok_goal(t, (const char *[NCOLS]){ [C_ID] = "G4", [C_STUDENT] = "S3",
	    [C_AREA] = "social", [C_TEXT] = "Join a club",
	    [C_START] = "2026-11-16", [C_EVERY] = "7d", [C_ADULT] = "A4",
	    [C_VIS] = "staff", [C_AT] = "2026-11-16T09:00" });
	ok_goal(t, (const char *[NCOLS]){ [C_ID] = "G5", [C_STUDENT] = "S4",
	    [C_TEXT] = "Gone", [C_START] = "2026-09-01", [C_DUE] = "2026-09-30",
	    [C_ADULT] = "A4", [C_AT] = "2026-09-01T09:00" });
	ok_progress(t, "G1", "2026-11-09T08:30", "A1", "3", "Most of them");
	ok_progress(t, "G2", "2026-10-08T10:00", "A3", "2", NULL);
	ok_progress(t, "G2", "2026-10-15T10:00", "A3", "3", "Better");
	ok_progress(t, "G3", "2026-09-15T10:00", "A2", "4", NULL);
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S4'", &e), 0);
}

static struct rel_goal_filter
all(void)
{
	struct rel_goal_filter gf;

	rel_goal_filter_init(&gf);
	return gf;
}

#define G1 "G1,S1,goal,academic,Turn in every assignment,student,,,," \
	"2026-11-02,2026-12-18,14d,open,,,2026-11-02T09:00:00,A1,team\n"
#define G2 "G2,S1,support,emotional,Weekly counseling,adult,A3,3," \
	"Tuesdays; calm-down plan,2026-10-01,2026-11-12,7d,open,,," \
	"2026-10-01T09:00:00,A4,private\n"
#define G3 "G3,S2,support,other,Tutoring,adult,A2,2,,2026-09-01,2026-10-13," \
	",met,Grades up,2026-10-14T15:00:00,2026-09-01T09:00:00,A2,team\n"
#define G4 "G4,S3,goal,social,Join a club,adult,,,,2026-11-16,,7d,open,,," \
	"2026-11-16T09:00:00,A4,staff\n"
#define G5 "G5,S4,goal,other,Gone,adult,,,,2026-09-01,2026-09-30,,open,,," \
	"2026-09-01T09:00:00,A4,team\n"

static void
test_list(void **state)
{
	struct tmpdb t;
	struct rel_goal_filter gf;
	struct rel_err e;
	char *s;
	int rc;

	(void)state;
	goals(&t);
	act(&t, "A4");
	gf = all();
	out_is(&t, 0, &gf, HEAD G2 G1 G3 G4);
	gf.f.inactive = 1;
	out_is(&t, 0, &gf, HEAD G2 G1 G3 G4 G5);
	gf = all();
	gf.f.student = "S4";
	out_is(&t, 0, &gf, HEAD G5);
	gf = all();
	gf.status = "open";
	out_is(&t, 0, &gf, HEAD G2 G1 G4);
	gf.status = "ALL";
	out_is(&t, 0, &gf, HEAD G2 G1 G3 G4);
	gf = all();
	gf.f.kind = "support";
	out_is(&t, 0, &gf, HEAD G2 G3);
	gf = all();
	gf.area = "social";
	out_is(&t, 0, &gf, HEAD G4);
	gf = all();
	gf.champion = "A3";
	out_is(&t, 0, &gf, HEAD G2);
	gf = all();
	gf.f.adult = "A4";
	out_is(&t, 0, &gf, HEAD G2 G4);
	gf = all();
	assert_int_equal(rel_filter_times(&gf.f, "2026-10-01", "2026-11-02",
	    &e), 0);
	out_is(&t, 0, &gf, HEAD G2 G1);
	assert_int_equal(rel_filter_times(&gf.f, "2026-10-02T00:00:01",
	    "2026-11-02", &e), 0);
	out_is(&t, 0, &gf, HEAD G1);
	gf = all();
	gf.f.set = 1;
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set (id) "
	    "VALUES (2), (4)", &e), 0);
	out_is(&t, 0, &gf, HEAD G3 G5);
	gf = all();
	out_is(&t, 1, &gf, PHEAD
	    "G2,2026-10-08T10:00:00,A3,2,\n"
	    "G2,2026-10-15T10:00:00,A3,3,Better\n"
	    "G1,2026-11-09T08:30:00,A1,3,Most of them\n"
	    "G3,2026-09-15T10:00:00,A2,4,\n");
	gf.f.kind = "goal";
	out_is(&t, 1, &gf, PHEAD "G1,2026-11-09T08:30:00,A1,3,Most of them\n");
	/* Bad filters. */
#define BADF(field, val, code) do { \
		gf = all(); \
		gf.field = (val); \
		s = out(&t, 0, &gf, 0, 0, &rc); \
		assert_int_equal(rc, code); \
		assert_string_equal(s, ""); \
		free(s); \
	} while (0)
	BADF(f.kind, "plan", REL_EUSAGE);
	BADF(area, "maths", REL_EUSAGE);
	BADF(status, "done", REL_EUSAGE);
	BADF(f.student, "S9", REL_EDATA);
	BADF(champion, "A9", REL_EDATA);
	BADF(f.last, 1, REL_EUSAGE);
#undef BADF
	gf = all();
	gf.area = "BEHAVIOR";
	out_is(&t, 0, &gf, HEAD);
	tmpdb_close(&t);
}

static void
test_visibility(void **state)
{
	struct tmpdb t;
	struct rel_goal_filter gf = all();

	(void)state;
	goals(&t);
	/* No acting adult: staff rows only. */
	out_is(&t, 0, &gf, HEAD G4);
	out_is(&t, 1, &gf, PHEAD);
	/* A1 is connected to S1: its team goal, not A4's private support. */
	act(&t, "A1");
	out_is(&t, 0, &gf, HEAD G1 G4);
	out_is(&t, 1, &gf, PHEAD "G1,2026-11-09T08:30:00,A1,3,Most of them\n");
	/* A2 wrote G3, and sees it, though not on S2's team. */
	act(&t, "A2");
	out_is(&t, 0, &gf, HEAD G3 G4);
	/* A3 champions G2 but did not write it, and it is private. */
	act(&t, "A3");
	out_is(&t, 0, &gf, HEAD G4);
	act(&t, "A4");
	out_is(&t, 0, &gf, HEAD G2 G1 G3 G4);
	/* Private rows are in the ledger, for the audit log. */
	assert_true(rel_db_ledger(t.db)->private_rows >= 1);
	tmpdb_close(&t);
}

static void
test_due(void **state)
{
	struct tmpdb t;
	struct rel_goal_filter gf = all();
	char *s;
	int rc;

	(void)state;
	goals(&t);
	act(&t, "A4");
	/* G2 is past its end (2026-11-12); G1's check (2026-11-09 + 14d)
	 * is due 2026-11-23; G4's first (2026-11-16 + 7d) 2026-11-23. */
	s = out(&t, 2, &gf, 0, day("2026-11-20"), &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s, DHEAD
	    "S1,Zoë,Ñuñez,G2,support,past_end,2026-11-12,8,2026-10-15,A3,"
	    "Weekly counseling\n");
	free(s);
	s = out(&t, 2, &gf, 0, day("2026-11-23"), &rc);
	assert_string_equal(s, DHEAD
	    "S1,Zoë,Ñuñez,G2,support,past_end,2026-11-12,8,2026-10-15,A3,"
	    "Weekly counseling\n"
	    "S1,Zoë,Ñuñez,G1,goal,check_due,2026-11-23,-3,2026-11-09,,"
	    "Turn in every assignment\n"
	    "S3,Mei,King,G4,goal,check_due,2026-11-23,-3,,,Join a club\n");
	free(s);
	/* A check moves the next one on. */
	ok_progress(&t, "G4", "2026-11-20T09:00", "A4", NULL, "Went to chess");
	s = out(&t, 2, &gf, 0, day("2026-11-23"), &rc);
	assert_null(strstr(s, "G4"));
	free(s);
	/* Past its due date a goal is due to be closed, whatever its
	 * checks. */
	s = out(&t, 2, &gf, 0, day("2026-12-18"), &rc);
	assert_non_null(strstr(s, "G1,goal,past_end,2026-12-18,-28,"));
	free(s);
	/* The champion's, and "mine": champion, or the author when there
	 * is none. */
	gf.champion = "A3";
	s = out(&t, 2, &gf, 0, day("2026-11-23"), &rc);
	assert_string_equal(s, DHEAD
	    "S1,Zoë,Ñuñez,G2,support,past_end,2026-11-12,8,2026-10-15,A3,"
	    "Weekly counseling\n");
	free(s);
	gf = all();
	act(&t, "A1");
	s = out(&t, 2, &gf, 1, day("2026-11-23"), &rc);
	assert_string_equal(s, DHEAD
	    "S1,Zoë,Ñuñez,G1,goal,check_due,2026-11-23,-3,2026-11-09,,"
	    "Turn in every assignment\n");
	free(s);
	/* The deactivated student's goal, named or in a set, is not due. */
	act(&t, "A4");
	gf.f.student = "S4";
	s = out(&t, 2, &gf, 0, day("2026-12-31"), &rc);
	assert_string_equal(s, DHEAD);
	free(s);
	gf = all();
	gf.status = "open";
	s = out(&t, 2, &gf, 0, day("2026-12-31"), &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	gf = all();
	gf.f.since = 0;
	s = out(&t, 2, &gf, 0, day("2026-12-31"), &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	/* --mine with no acting adult. */
	gf = all();
	act(&t, NULL);
	s = out(&t, 2, &gf, 1, day("2026-12-31"), &rc);
	assert_int_equal(rc, REL_EUSAGE);
	free(s);
	tmpdb_close(&t);
}

static char *
card(struct tmpdb *t, sqlite3_int64 sid, int md)
{
	struct test_card tc;
	struct rel_err e;

	test_card_begin(&tc, md);
	assert_int_equal(rel_goal_card(t->db, sid, &tc.c, &e), 0);
	return test_card_end(&tc);
}

static void
test_card(void **state)
{
	struct tmpdb t;
	char *s;

	(void)state;
	goals(&t);
	act(&t, "A4");
	s = card(&t, 1, 0);
	assert_string_equal(s, "\nGoals and supports\n"
	    "  - G1 goal, academic, set by student: Turn in every assignment; "
	    "due 2026-12-18; a check every 14 days; last progress 2026-11-09, "
	    "rated 3 of 5\n"
	    "  - G2 support, tier 3, emotional: Weekly counseling; champion Cy "
	    "Diaz; 2026-10-01 to 2026-11-12; a check every 7 days; last "
	    "progress 2026-10-15, rated 3 of 5\n");
	free(s);
	/* Closed goals are not on the card. */
	s = card(&t, 2, 1);
	assert_string_equal(s, "\n## Goals and supports\n\n"
	    "(none recorded yet)\n");
	free(s);
	/* A1 does not see the private support. */
	act(&t, "A1");
	s = card(&t, 1, 1);
	assert_string_equal(s, "\n## Goals and supports\n\n"
	    "- G1 goal, academic, set by student: Turn in every assignment; "
	    "due 2026-12-18; a check every 14 days; last progress 2026-11-09, "
	    "rated 3 of 5\n");
	free(s);
	act(&t, "A4");
	ok_goal(&t, (const char *[NCOLS]){ [C_STUDENT] = "S3",
	    [C_KIND] = "support", [C_TEXT] = "Lunch *bunch*",
	    [C_START] = "2026-11-18", [C_ADULT] = "A4" });
	ok_progress(&t, "G6", "2026-11-19", "A4", NULL, "Came twice");
	s = card(&t, 3, 1);
	assert_string_equal(s, "\n## Goals and supports\n\n"
	    "- G4 goal, social, set by adult: Join a club; a check every 7 "
	    "days; no progress check yet\n"
	    "- G6 support, tier 2, other: Lunch \\*bunch\\*; champion Dee "
	    "Park; since 2026-11-18; last progress 2026-11-19\n");
	free(s);
	tmpdb_close(&t);
}

static void
test_round_trip(void **state)
{
	struct tmpdb t, u;
	struct rel_goal_filter gf = all();
	char *a, *b, *pa, *pb, path[PATH_MAX];
	struct rel_import_count c[1];
	struct rel_import_opts o;
	struct rel_err e;
	FILE *fp;
	int rc;

	(void)state;
	goals(&t);
	act(&t, "A4");
	gf.f.inactive = 1;
	a = out(&t, 0, &gf, 0, 0, &rc);
	pa = out(&t, 1, &gf, 0, 0, &rc);
	/* Into a new database with the same roster: goals, then checks. */
	school(&u);
	assert_int_equal(rel_db_exec(u.db, "UPDATE student SET active = 1",
	    &e), 0);
	memset(&o, 0, sizeof(o));
	snprintf(path, sizeof(path), "%s/g.csv", u.dir);
	fp = fopen(path, "w");
	fputs(a, fp);
	fclose(fp);
	memset(c, 0, sizeof(c));
	assert_int_equal(rel_import(u.db, (const char *[]){ path }, 1,
	    rel_goal_kind(), 1, &o, c, &e), 0);
	assert_int_equal(c[0].n[REL_ADDED], 5);
	fp = fopen(path, "w");
	fputs(pa, fp);
	fclose(fp);
	memset(c, 0, sizeof(c));
	assert_int_equal(rel_import(u.db, (const char *[]){ path }, 1,
	    rel_progress_kind(), 1, &o, c, &e), 0);
	assert_int_equal(c[0].n[REL_ADDED], 4);
	assert_int_equal(rel_db_exec(u.db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S4'", &e), 0);
	act(&u, "A4");
	b = out(&u, 0, &gf, 0, 0, &rc);
	pb = out(&u, 1, &gf, 0, 0, &rc);
	assert_string_equal(a, b);
	assert_string_equal(pa, pb);
	/* Again: every row a duplicate. */
	memset(c, 0, sizeof(c));
	assert_int_equal(rel_import(u.db, (const char *[]){ path }, 1,
	    rel_progress_kind(), 1, &o, c, &e), 0);
	assert_int_equal(c[0].n[REL_DUPLICATE], 4);
	free(a);
	free(b);
	free(pa);
	free(pb);
	tmpdb_close(&u);
	tmpdb_close(&t);
}

static void
test_options(void **state)
{
	struct rel_err e;
	int32_t d;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	assert_int_equal(rel_goal_date_opt("--due", "2026-12-18", &d, &e), 0);
	assert_int_equal(d, day("2026-12-18"));
	assert_int_equal(rel_goal_date_opt("--due", "today", &d, &e), 0);
	assert_int_equal(d, day("2026-11-20"));
	assert_int_equal(rel_goal_date_opt("--due", "tomorrow", &d, &e), 0);
	assert_int_equal(d, day("2026-11-21"));
	assert_int_equal(rel_goal_date_opt("--due", "6w", &d, &e), 0);
	assert_int_equal(d, day("2027-01-01"));
	assert_int_equal(rel_goal_date_opt("--on", "3m", &d, &e), 0);
	assert_int_equal(d, day("2027-02-20"));
	assert_int_equal(rel_goal_date_opt("--on", "2026-02-30", &d, &e),
	    REL_EUSAGE);
	assert_string_equal(e.column, "--on");
	assert_int_equal(rel_goal_date_opt("--on", "yesterday", &d, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_goal_date_opt("--on", "-3d", &d, &e), REL_EUSAGE);
	assert_int_equal(rel_goal_span_add("--duration", "6w", day("2026-11-02"),
	    &d, &e), 0);
	assert_int_equal(d, day("2026-12-14"));
	assert_int_equal(rel_goal_span_add("--duration", "30d",
	    day("2026-11-02"), &d, &e), 0);
	assert_int_equal(d, day("2026-12-02"));
	assert_int_equal(rel_goal_span_add("--duration", "1m", day("2027-01-31"),
	    &d, &e), 0);
	assert_int_equal(d, day("2027-02-28"));
	assert_int_equal(rel_goal_span_add("--duration", "1m", day("2027-12-15"),
	    &d, &e), 0);
	assert_int_equal(d, day("2028-01-15"));
	assert_int_equal(rel_goal_span_add("--duration", "6", 0, &d, &e),
	    REL_EUSAGE);
	assert_string_equal(e.msg, "\"6\" is not a span (30d, 6w, 3m)");
	assert_int_equal(rel_goal_span_add("--duration", "w", 0, &d, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_goal_span_add("--duration", "1y", 0, &d, &e),
	    REL_EUSAGE);
	/* Past 9999 is no date (found by tests/fuzz/time.c): refused, not
	 * stored as 9999-12-31. */
	assert_int_equal(rel_goal_date_opt("--due", "100000m", &d, &e),
	    REL_EUSAGE);
	assert_int_equal(rel_goal_span_add("--duration", "96000m",
	    day("2026-11-02"), &d, &e), REL_EUSAGE);
	assert_int_equal(rel_goal_span_add("--duration", "96000m",
	    day("1990-11-02"), &d, &e), 0);
	assert_int_equal(d, day("9990-11-02"));
}

#define NO_GOALS "DELETE FROM progress; DELETE FROM goal"

static void
test_sample(void **state)
{
	struct tmpdb t, u;
	struct rel_goal_filter gf = all();
	struct rel_err e;
	char *a, *b;
	int rc;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_goal", 1);
	tmpdb_open(&t);
	tmpdb_open(&u);
	assert_int_equal(rel_sample_fill(t.db, 60, 1, &e), 0);
	/* rel_sample_fill makes them too: start from none. */
	assert_int_equal(rel_db_exec(t.db, NO_GOALS, &e), 0);
	assert_int_equal(rel_sample_fill(u.db, 60, 1, &e), 0);
	/* rel_sample_fill makes them too: start from none. */
	assert_int_equal(rel_db_exec(u.db, NO_GOALS, &e), 0);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_goal_sample(t.db, 1, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_int_equal(rel_db_begin(u.db, &e), 0);
	assert_int_equal(rel_goal_sample(u.db, 1, &e), 0);
	assert_int_equal(rel_db_commit(u.db, &e), 0);
	/* About three students in ten with a goal; supports at tier 2 for
	 * about one in ten and tier 3 for about three in a hundred. */
	assert_in_range(tmpdb_int(&t, "SELECT count(DISTINCT student) FROM goal "
	    "WHERE kind = 'goal'"), 10, 26);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal "
	    "WHERE tier = 3"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal "
	    "WHERE tier = 2"), 6);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal WHERE "
	    "kind = 'support' AND champion IS NULL"), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM goal "
	    "WHERE status IN ('met', 'closed')") >= 2);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM progress") >= 30);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM goal "
	    "WHERE goal_id <> 'G' || id"), 0);
	/* Ratings trend upwards more often than not. */
	assert_true(tmpdb_int(&t, "SELECT sum(last > first) - sum(last < "
	    "first) FROM (SELECT (SELECT rating FROM progress p WHERE p.goal "
	    "= g.id ORDER BY at LIMIT 1) AS first, (SELECT rating FROM "
	    "progress p WHERE p.goal = g.id ORDER BY at DESC LIMIT 1) AS last "
	    "FROM goal g)") > 0);
	/* The same seed, the same records. */
	act(&t, "A001");
	act(&u, "A001");
	a = out(&t, 0, &gf, 0, 0, &rc);
	b = out(&u, 0, &gf, 0, 0, &rc);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = out(&t, 1, &gf, 0, 0, &rc);
	b = out(&u, 1, &gf, 0, 0, &rc);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* Something is due: an overdue check, and a plan past its end. */
	a = out(&t, 2, &gf, 0, rel_today(), &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(a, ",check_due,"));
	assert_non_null(strstr(a, ",past_end,"));
	assert_non_null(strstr(a, ",support,"));
	free(a);
	tmpdb_close(&u);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_made_ids),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_bad_goals),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_close),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_card),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
