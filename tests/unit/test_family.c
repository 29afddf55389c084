/*
 * test_family.c: family contacts written as the importer writes them,
 * every rejection, duplicates, the list and its summary, the open
 * follow-ups, the quiet families, who sees what, the card's section, the
 * spans ahead of today, and the sample's contacts, on a real database
 * file.
 */
#include "unit.h"
#include "tmpdb.h"
#include "internal.h"
#include "card.h"

/* Students S1-S3, and S4 deactivated. A1 and A2 teachers, A3 deactivated,
 * A4 the counselor. A2 is connected to S2: S2's team rows are A2's to
 * see. Today is 2026-11-20. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_family", 1);
	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, grade, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', '9', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', '10', 'x'), "
	    " ('S3', 'Mei', 'King', '11', 'x'), ('S4', 'Old', 'Gone', '12', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x'), ('A2', 'Bo', 'Chen', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'x');"
	    "UPDATE adult SET active = 0 WHERE adult_id = 'A3';"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (2, 2, 2, '2026-09-01', 'x')", &e), 0);
}

static void
act(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
}

#define NCOLS 12

/* Write one contact as line 2 of family.csv would be written: the
 * columns in order, NULL for an absent one. */
static int
put(struct tmpdb *t, const char *const *v, enum rel_outcome *o,
    struct rel_err *e)
{
	size_t len[NCOLS], i;
	struct rel_rec r;

	for (i = 0; i < NCOLS; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = NCOLS;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "family.csv";
	r.line = 2;
	rel_err_clear(e);
	return rel_family_kind()->write(t->db, &r, o, e);
}

/* The common case: student, at, adult, channel, direction, tone,
 * summary, follow_up_on and visibility. */
static int
put9(struct tmpdb *t, const char *student, const char *at, const char *adult,
    const char *channel, const char *direction, const char *tone,
    const char *summary, const char *follow, const char *vis,
    enum rel_outcome *o, struct rel_err *e)
{
	const char *v[NCOLS] = { student, at, adult, channel, direction, tone,
		NULL, NULL, NULL, summary, follow, vis };

	return put(t, v, o, e);
}

static void
ok(struct tmpdb *t, const char *student, const char *at, const char *adult,
    const char *channel, const char *direction, const char *tone,
    const char *summary, const char *follow, const char *vis)
{
	enum rel_outcome o;
	struct rel_err e;

	if (put9(t, student, at, adult, channel, direction, tone, summary,
	    follow, vis, &o, &e) != 0)
		fail_msg("%s: %s", e.column, e.msg);
	assert_int_equal(o, REL_ADDED);
}

static long long
count(struct tmpdb *t)
{
	return tmpdb_int(t, "SELECT count(*) FROM family_contact");
}

enum what { LIST, SUMMARY, DUE, QUIET };

/* What the verbs write, as CSV; the status in *rc. For DUE, whose and
 * adult; for QUIET, since. Free the result. */
struct ask {
	struct rel_family_filter ff;
	enum rel_family_whose whose;
	const char *adult;
	int32_t on;
	int64_t since;
};

static void
ask_init(struct ask *q)
{
	memset(q, 0, sizeof(*q));
	rel_family_filter_init(&q->ff);
	q->on = rel_today();
	q->whose = REL_FAMILY_ALL;
}

static char *
out(struct tmpdb *t, enum what w, const struct ask *q, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	cols = w == LIST ? rel_family_cols(&n) : w == SUMMARY ?
	    rel_family_summary_cols(&n) : w == DUE ? rel_family_due_cols(&n) :
	    rel_family_quiet_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rel_err_clear(&e);
	switch (w) {
	case LIST:
		*rc = rel_family_list(t->db, &q->ff, o, &e);
		break;
	case SUMMARY:
		*rc = rel_family_summary(t->db, &q->ff, o, &e);
		break;
	case DUE:
		*rc = rel_family_due(t->db, q->whose, q->adult, q->on,
		    q->ff.f.set, o, &e);
		break;
	default:
		*rc = rel_family_quiet(t->db, q->since, q->ff.f.set, o, &e);
	}
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
out_is(struct tmpdb *t, enum what w, const struct ask *q, const char *want)
{
	int rc;
	char *s = out(t, w, q, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(s, want);
	free(s);
}

static void
out_fails(struct tmpdb *t, enum what w, const struct ask *q, int want)
{
	int rc;
	char *s = out(t, w, q, &rc);

	assert_int_equal(rc, want);
	free(s);
}

static void
test_columns(void **state)
{
	const struct rel_import_kind *k = rel_family_kind();
	const char *const *names;
	size_t n, i;

	(void)state;
	names = rel_family_cols(&n);
	/* What list writes, import reads: the same names in the same order. */
	assert_int_equal(n, k->ncols);
	assert_int_equal(n, NCOLS);
	for (i = 0; i < n; i++)
		assert_string_equal(names[i], k->cols[i].name);
	assert_string_equal(k->name, "family contacts");
	assert_string_equal(k->one, "family contact");
	for (i = 0; i < n; i++)
		assert_int_equal(k->cols[i].flags & REL_COL_REQUIRED,
		    i == 0 || i == 1 || i == 3 || i == 4 ? REL_COL_REQUIRED : 0);
	names = rel_family_due_cols(&n);
	assert_string_equal(names[0], "student_id");
	names = rel_family_quiet_cols(&n);
	assert_string_equal(names[0], "student_id");
	assert_string_equal(names[n - 1], "reason");
	names = rel_family_summary_cols(&n);
	assert_string_equal(names[n - 1], "balance");
}

static void
test_defaults(void **state)
{
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	/* No acting adult and no adult_id: kept with no author. */
	ok(&t, "S1", "2026-11-02T09:15:42", NULL, "CALL", "To_Home", NULL,
	    NULL, NULL, NULL);
	act(&t, "A2");
	ok(&t, "S2", "2026-11-03", "", "text", "from_home", "", "", "", "");
	ok(&t, "S3", "2026-11-04T08:00", "A1", "home_visit", "to_home",
	    "Positive", "Met the family", "2026-11-04", "Team");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE student = 1 AND at = '2026-11-02T09:15:00' AND adult IS NULL "
	    "AND channel = 'call' AND direction = 'to_home' "
	    "AND tone = 'neutral' AND visibility = 2 AND contact_name IS NULL "
	    "AND summary IS NULL AND follow_up_on IS NULL"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE student = 2 AND at = '2026-11-03T00:00:00' AND adult = 2 "
	    "AND direction = 'from_home' AND tone = 'neutral' "
	    "AND visibility = 2 AND summary IS NULL"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE student = 3 AND adult = 1 AND tone = 'positive' "
	    "AND visibility = 1 AND follow_up_on = '2026-11-04'"), 1);
	/* An author who has since left keeps what they wrote. */
	assert_int_equal(put9(&t, "S1", "2026-10-01", "A3", "letter", "to_home",
	    NULL, NULL, NULL, NULL, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(count(&t), 4);
	tmpdb_close(&t);
}

/* One bad record: its status, column and message, and nothing written. */
static void
bad(struct tmpdb *t, const char *const *v, const char *col, const char *msg)
{
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put(t, v, &o, &e), REL_EDATA);
	assert_string_equal(e.file, "family.csv");
	assert_int_equal(e.line, 2);
	assert_string_equal(e.column, col);
	if (strcmp(e.msg, msg) != 0)
		fail_msg("%s: got '%s', expected '%s'", col, e.msg, msg);
	assert_int_equal(count(t), 0);
}

static void
test_bad_records_change_nothing(void **state)
{
	static const struct {
		const char *v[NCOLS];
		const char *col, *msg;
	} cases[] = {
		{ { "S9", "2026-11-02", "A1", "call", "to_home" }, "student_id",
		  "\"S9\" is not a known student" },
		{ { "S4", "2026-11-02", "A1", "call", "to_home" }, "student_id",
		  "\"S4\" is deactivated (rel-roster set student S4 --active 1 "
		  "brings them back)" },
		{ { "", "2026-11-02", "A1", "call", "to_home" }, "student_id",
		  "is empty; an id is required" },
		{ { "S1", "2026-11-02", "A9", "call", "to_home" }, "adult_id",
		  "\"A9\" is not a known adult" },
		{ { "S1", "2026-13-02", "A1", "call", "to_home" }, "at",
		  "\"2026-13-02\" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a "
		  "date (YYYY-MM-DD)" },
		{ { "S1", "", "A1", "call", "to_home" }, "at",
		  "is empty; expected a date-time (YYYY-MM-DDTHH:MM)" },
		{ { "S1", "2026-11-02", "A1", "fax", "to_home" }, "channel",
		  "\"fax\" is not one of call, text, email, letter, home_visit, "
		  "meeting, conference, workshop or event" },
		{ { "S1", "2026-11-02", "A1", "", "to_home" }, "channel",
		  "is empty; expected call, text, email, letter, home_visit, "
		  "meeting, conference, workshop or event" },
		{ { "S1", "2026-11-02", "A1", "call", "outbound" }, "direction",
		  "\"outbound\" is not one of to_home or from_home" },
		{ { "S1", "2026-11-02", "A1", "call", NULL }, "direction",
		  "is empty; expected to_home or from_home" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", "angry" }, "tone",
		  "\"angry\" is not one of positive, neutral or concern" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, "a\x01" },
		  "contact_name", "\"a\\x01\" has a control character (line "
		  "breaks and tabs are not allowed here)" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, NULL,
		  "mo\nther" }, "relationship", "\"mo\\nther\" has a control "
		  "character (line breaks and tabs are not allowed here)" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, NULL, NULL,
		  "\x1b[31m" }, "language", "\"\\x1B[31m\" has a control "
		  "character (line breaks and tabs are not allowed here)" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, NULL, NULL,
		  NULL, NULL, "2026-02-30" }, "follow_up_on",
		  "\"2026-02-30\" is not a date (YYYY-MM-DD)" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, NULL, NULL,
		  NULL, NULL, "7d" }, "follow_up_on",
		  "\"7d\" is not a date (YYYY-MM-DD)" },
		{ { "S1", "2026-11-10T09:00", "A1", "call", "to_home", NULL, NULL,
		  NULL, NULL, NULL, "2026-11-09" }, "follow_up_on",
		  "\"2026-11-09\" is before the contact's date, 2026-11-10; a "
		  "follow-up must be on or after it" },
		{ { "S1", "2026-11-02", "A1", "call", "to_home", NULL, NULL, NULL,
		  NULL, NULL, NULL, "secret" }, "visibility",
		  "\"secret\" is not staff, team or private" },
	};
	char *longsum;
	struct tmpdb t;
	size_t i;

	(void)state;
	school(&t);
	act(&t, "A1");
	for (i = 0; i < NELEM(cases); i++)
		bad(&t, cases[i].v, cases[i].col, cases[i].msg);
	longsum = malloc(4002);
	assert_non_null(longsum);
	memset(longsum, 'x', 4001);
	longsum[4001] = '\0';
	{
		const char *v[NCOLS] = { "S1", "2026-11-02", "A1", "call",
			"to_home", NULL, NULL, NULL, NULL, longsum };
		enum rel_outcome o;
		struct rel_err e;

		assert_int_equal(put(&t, v, &o, &e), REL_EDATA);
		assert_string_equal(e.column, "summary");
		assert_non_null(strstr(e.msg, "is longer than 4000 bytes"));
		longsum[4000] = '\0';
		assert_int_equal(put(&t, v, &o, &e), 0);
	}
	free(longsum);
	/* A follow-up on the contact's own day is fine. */
	ok(&t, "S1", "2026-11-10T23:59", "A1", "call", "to_home", NULL, NULL,
	    "2026-11-10", NULL);
	assert_int_equal(count(&t), 2);
	tmpdb_close(&t);
}

static void
test_duplicates(void **state)
{
	struct tmpdb t;
	enum rel_outcome o;
	struct rel_err e;

	(void)state;
	school(&t);
	ok(&t, "S1", "2026-11-02T09:00", "A1", "call", "to_home", "positive",
	    "Good news", NULL, NULL);
	/* The same minute, written another way, with other details: the
	 * same contact. */
	assert_int_equal(put9(&t, "S1", "2026-11-02 09:00:59", "A1", "Call",
	    "TO_HOME", "concern", "Other words", "2026-11-30", "staff", &o,
	    &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	ok(&t, "S1", "2026-11-02T09:00", "A2", "call", "to_home", NULL, NULL,
	    NULL, NULL);
	ok(&t, "S1", "2026-11-02T09:01", "A1", "call", "to_home", NULL, NULL,
	    NULL, NULL);
	ok(&t, "S1", "2026-11-02T09:00", "A1", "text", "to_home", NULL, NULL,
	    NULL, NULL);
	ok(&t, "S1", "2026-11-02T09:00", "A1", "call", "from_home", NULL, NULL,
	    NULL, NULL);
	ok(&t, "S2", "2026-11-02T09:00", "A1", "call", "to_home", NULL, NULL,
	    NULL, NULL);
	/* With no author, a duplicate only of one with none. */
	ok(&t, "S1", "2026-11-02T09:00", NULL, "call", "to_home", NULL, NULL,
	    NULL, NULL);
	assert_int_equal(put9(&t, "S1", "2026-11-02T09:00", NULL, "call",
	    "to_home", NULL, NULL, NULL, NULL, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_int_equal(count(&t), 7);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE tone = 'concern'"), 0);
	tmpdb_close(&t);
}

/* The contacts most tests read:
 *   S1: A1 private positive call, A1 staff neutral email from home
 *   S2: A4 private concern call (follow-up 2026-11-05), A2 team positive
 *       text, A1 private concern meeting
 *   S3: A2 private concern call with an open follow-up
 *   S4 (deactivated): A1 staff positive letter */
static void
contacts(struct tmpdb *t)
{
	struct rel_err e;

	school(t);
	ok(t, "S1", "2026-11-02T09:00", "A1", "call", "to_home", "positive",
	    "Shared the science fair win", NULL, NULL);
	ok(t, "S1", "2026-11-12T16:30", "A1", "email", "from_home", NULL,
	    "Asked about the bus", NULL, "staff");
	ok(t, "S2", "2026-10-01T08:00", "A4", "call", "to_home", "concern",
	    "Talked about late arrivals", "2026-10-05", NULL);
	ok(t, "S2", "2026-11-03T12:00", "A2", "text", "to_home", "positive",
	    "On time all week", NULL, "team");
	ok(t, "S2", "2026-11-10T15:00", "A1", "meeting", "to_home", "concern",
	    "Missed two labs", "2026-11-13", NULL);
	ok(t, "S3", "2026-11-16T10:00", "A2", "call", "to_home", "concern",
	    "Worried about a friendship", "2026-11-18", NULL);
	/* S4 left after this. */
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 1 "
	    "WHERE student_id = 'S4'", &e), 0);
	ok(t, "S4", "2026-09-15T09:00", "A1", "letter", "to_home", "positive",
	    "Welcome letter", NULL, "staff");
	assert_int_equal(rel_db_exec(t->db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S4'", &e), 0);
}

#define HEAD "student_id,at,adult_id,channel,direction,tone,contact_name," \
    "relationship,language,summary,follow_up_on,visibility\n"
#define S1A "S1,2026-11-02T09:00:00,A1,call,to_home,positive,,,," \
    "Shared the science fair win,,private\n"
#define S1B "S1,2026-11-12T16:30:00,A1,email,from_home,neutral,,,," \
    "Asked about the bus,,staff\n"
#define S2A "S2,2026-10-01T08:00:00,A4,call,to_home,concern,,,," \
    "Talked about late arrivals,2026-10-05,private\n"
#define S2B "S2,2026-11-03T12:00:00,A2,text,to_home,positive,,,," \
    "On time all week,,team\n"
#define S2C "S2,2026-11-10T15:00:00,A1,meeting,to_home,concern,,,," \
    "Missed two labs,2026-11-13,private\n"
#define S3A "S3,2026-11-16T10:00:00,A2,call,to_home,concern,,,," \
    "Worried about a friendship,2026-11-18,private\n"
#define S4A "S4,2026-09-15T09:00:00,A1,letter,to_home,positive,,,," \
    "Welcome letter,,staff\n"

static void
test_list(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;

	(void)state;
	contacts(&t);
	ask_init(&q);
	/* No acting adult: staff rows only. */
	out_is(&t, LIST, &q, HEAD S1B);
	act(&t, "A4");
	out_is(&t, LIST, &q, HEAD S1A S1B S2A S2B S2C S3A);
	q.ff.f.inactive = 1;
	out_is(&t, LIST, &q, HEAD S1A S1B S2A S2B S2C S3A S4A);
	q.ff.f.inactive = 0;
	q.ff.f.student = "S4";
	out_is(&t, LIST, &q, HEAD S4A);
	/* A teacher: their own, the staff ones, the team ones of their
	 * students. */
	act(&t, "A2");
	q.ff.f.student = NULL;
	out_is(&t, LIST, &q, HEAD S1B S2B S3A);
	act(&t, "A1");
	out_is(&t, LIST, &q, HEAD S1A S1B S2C);

	act(&t, "A4");
	q.ff.channel = "Call";
	out_is(&t, LIST, &q, HEAD S1A S2A S3A);
	q.ff.channel = NULL;
	q.ff.direction = "from_home";
	out_is(&t, LIST, &q, HEAD S1B);
	q.ff.direction = NULL;
	q.ff.tone = "concern";
	out_is(&t, LIST, &q, HEAD S2A S2C S3A);
	q.ff.tone = NULL;
	q.ff.f.adult = "A2";
	out_is(&t, LIST, &q, HEAD S2B S3A);
	q.ff.f.adult = NULL;
	assert_int_equal(rel_filter_times(&q.ff.f, "2026-11-03", "2026-11-10",
	    &e), 0);
	out_is(&t, LIST, &q, HEAD S2B S2C);

	ask_init(&q);
	q.ff.channel = "fax";
	out_fails(&t, LIST, &q, REL_EUSAGE);
	ask_init(&q);
	q.ff.tone = "angry";
	out_fails(&t, SUMMARY, &q, REL_EUSAGE);
	ask_init(&q);
	q.ff.direction = "out";
	out_fails(&t, LIST, &q, REL_EUSAGE);
	ask_init(&q);
	q.ff.f.student = "S9";
	out_fails(&t, LIST, &q, REL_EDATA);
	ask_init(&q);
	q.ff.f.adult = "A9";
	out_fails(&t, LIST, &q, REL_EDATA);
	ask_init(&q);
	q.ff.f.kind = "call";
	out_fails(&t, LIST, &q, REL_EUSAGE);
	tmpdb_close(&t);
}

static void
test_list_audited(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;
	int rc;
	char *s;

	(void)state;
	contacts(&t);
	ask_init(&q);
	act(&t, "A1");
	s = out(&t, LIST, &q, &rc);
	free(s);
	assert_int_equal(rc, 0);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "detail = '2 private rows' AND students = 2"), 1);
	/* Staff rows alone leave no trace. */
	ask_init(&q);
	q.ff.direction = "from_home";
	s = out(&t, LIST, &q, &rc);
	free(s);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 1);
	tmpdb_close(&t);
}

static void
test_summary(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;

	(void)state;
	contacts(&t);
	ok(&t, "S2", "2026-11-11T08:00", "A2", "call", "from_home", "positive",
	    NULL, NULL, NULL);
	ok(&t, "S2", "2026-11-12T08:00", "A2", "call", "to_home", "positive",
	    NULL, NULL, NULL);
	ok(&t, "S2", "2026-11-13T08:00", "A2", "call", "to_home", "neutral",
	    NULL, NULL, NULL);
	ask_init(&q);
	act(&t, "A4");
	out_is(&t, SUMMARY, &q,
	    "student_id,given_name,family_name,contacts,positive,neutral,"
	    "concern,to_home,from_home,last_at,last_positive_at,balance\n"
	    "S1,Zoë,Ñuñez,2,1,1,0,1,1,2026-11-12T16:30:00,"
	    "2026-11-02T09:00:00,\n"
	    "S2,Liam,O'Connor,6,3,1,2,5,1,2026-11-13T08:00:00,"
	    "2026-11-12T08:00:00,1.5\n"
	    "S3,Mei,King,1,0,0,1,1,0,2026-11-16T10:00:00,,0.0\n");
	/* Only what the actor may see is counted. */
	act(&t, "A1");
	out_is(&t, SUMMARY, &q,
	    "student_id,given_name,family_name,contacts,positive,neutral,"
	    "concern,to_home,from_home,last_at,last_positive_at,balance\n"
	    "S1,Zoë,Ñuñez,2,1,1,0,1,1,2026-11-12T16:30:00,"
	    "2026-11-02T09:00:00,\n"
	    "S2,Liam,O'Connor,1,0,0,1,1,0,2026-11-10T15:00:00,,0.0\n");
	act(&t, "A4");
	assert_int_equal(rel_filter_times(&q.ff.f, "2026-11-11", NULL, &e),
	    0);
	out_is(&t, SUMMARY, &q,
	    "student_id,given_name,family_name,contacts,positive,neutral,"
	    "concern,to_home,from_home,last_at,last_positive_at,balance\n"
	    "S1,Zoë,Ñuñez,1,0,1,0,0,1,2026-11-12T16:30:00,,\n"
	    "S2,Liam,O'Connor,3,2,1,0,2,1,2026-11-13T08:00:00,"
	    "2026-11-12T08:00:00,\n"
	    "S3,Mei,King,1,0,0,1,1,0,2026-11-16T10:00:00,,0.0\n");
	tmpdb_close(&t);
}

#define DUEHEAD "student_id,given_name,family_name,follow_up_on," \
    "days_overdue,at,adult_id,channel,tone,contact_name,relationship," \
    "language,summary\n"
#define DUE_S2 "S2,Liam,O'Connor,2026-11-13,7,2026-11-10T15:00:00,A1," \
    "meeting,concern,,,,Missed two labs\n"
#define DUE_S3 "S3,Mei,King,2026-11-18,2,2026-11-16T10:00:00,A2,call," \
    "concern,,,,Worried about a friendship\n"

static void
test_due(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;

	(void)state;
	contacts(&t);
	ok(&t, "S1", "2026-11-19T10:00", "A1", "call", "to_home", "neutral",
	    "Left a message", "2026-11-27", NULL);
	ask_init(&q);
	/* Whose: with no acting adult, "mine" is a usage error. */
	q.whose = REL_FAMILY_MINE;
	out_fails(&t, DUE, &q, REL_EUSAGE);
	/* S2's October follow-up was done by the later contacts. */
	act(&t, "A4");
	q.whose = REL_FAMILY_ALL;
	out_is(&t, DUE, &q, DUEHEAD DUE_S2 DUE_S3);
	q.whose = REL_FAMILY_MINE;
	out_is(&t, DUE, &q, DUEHEAD);
	q.whose = REL_FAMILY_ADULT;
	q.adult = "A2";
	out_is(&t, DUE, &q, DUEHEAD DUE_S3);
	q.adult = "A9";
	out_fails(&t, DUE, &q, REL_EDATA);
	act(&t, "A1");
	q.whose = REL_FAMILY_MINE;
	out_is(&t, DUE, &q, DUEHEAD DUE_S2);
	/* Ahead: not yet due, in days to come. */
	q.on = rel_today() + 7;
	out_is(&t, DUE, &q, DUEHEAD DUE_S2
	    "S1,Zoë,Ñuñez,2026-11-27,-7,2026-11-19T10:00:00,A1,call,neutral,,,,"
	    "Left a message\n");
	/* A later contact only the counselor may see leaves the follow-up
	 * open for A1, who cannot know of it; it is done for the counselor. */
	ok(&t, "S2", "2026-11-14T09:00", "A4", "call", "from_home", "neutral",
	    "Family called back", NULL, NULL);
	q.on = rel_today();
	out_is(&t, DUE, &q, DUEHEAD DUE_S2);
	act(&t, "A4");
	q.whose = REL_FAMILY_ALL;
	out_is(&t, DUE, &q, DUEHEAD DUE_S3);
	/* A student set narrows it. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set (id) "
	    "VALUES (2)", &e), 0);
	q.ff.f.set = 1;
	out_is(&t, DUE, &q, DUEHEAD);
	tmpdb_close(&t);
}

#define QHEAD "student_id,given_name,family_name,grade,last_contact_at," \
    "last_positive_at,contacts_in_window,concerns_in_window,reason\n"

static void
test_quiet(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;
	int64_t now = rel_now();

	(void)state;
	contacts(&t);
	ask_init(&q);
	act(&t, "A4");
	q.since = now - 30 * 86400;
	/* S1 heard good news; S2's window holds a positive text; S3's only
	 * contact is a concern. */
	out_is(&t, QUIET, &q, QHEAD
	    "S3,Mei,King,11,2026-11-16T10:00:00,,1,1,concern_only\n");
	q.since = now - 12 * 86400;
	out_is(&t, QUIET, &q, QHEAD
	    "S2,Liam,O'Connor,10,2026-11-10T15:00:00,2026-11-03T12:00:00,1,1,"
	    "concern_only\n"
	    "S3,Mei,King,11,2026-11-16T10:00:00,,1,1,concern_only\n");
	q.since = now - 3 * 86400;
	out_is(&t, QUIET, &q, QHEAD
	    "S2,Liam,O'Connor,10,2026-11-10T15:00:00,2026-11-03T12:00:00,0,0,"
	    "none\n"
	    "S1,Zoë,Ñuñez,9,2026-11-12T16:30:00,2026-11-02T09:00:00,0,0,none\n"
	    "S3,Mei,King,11,2026-11-16T10:00:00,,0,0,none\n");
	/* A teacher counts only what they may see: for A1, S3's family has
	 * heard nothing at all. */
	act(&t, "A1");
	q.since = now - 30 * 86400;
	out_is(&t, QUIET, &q, QHEAD
	    "S3,Mei,King,11,,,0,0,none\n"
	    "S2,Liam,O'Connor,10,2026-11-10T15:00:00,,1,1,concern_only\n");
	/* A student set narrows it; a deactivated student is never quiet. */
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set (id) "
	    "VALUES (3), (4)", &e), 0);
	q.ff.f.set = 1;
	out_is(&t, QUIET, &q, QHEAD "S3,Mei,King,11,,,0,0,none\n");
	tmpdb_close(&t);
}

static void
test_quiet_audited(void **state)
{
	struct tmpdb t;
	struct rel_err e;
	struct ask q;
	int rc;
	char *s;

	(void)state;
	contacts(&t);
	ask_init(&q);
	act(&t, "A4");
	q.since = rel_now() - 30 * 86400;
	s = out(&t, QUIET, &q, &rc);
	free(s);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	/* S3's row is made of a private concern. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit a "
	    "JOIN audit_student x ON x.audit = a.id WHERE x.student = 3"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_student"),
	    1);
	tmpdb_close(&t);
}

static void
test_ahead(void **state)
{
	static const struct {
		const char *s, *want;
	} cases[] = {
		{ "today", "2026-01-31" }, { "tomorrow", "2026-02-01" },
		{ "0d", "2026-01-31" }, { "7d", "2026-02-07" },
		{ "2w", "2026-02-14" }, { "1m", "2026-02-28" },
		{ "13m", "2027-02-28" }, { "11m", "2026-12-31" },
		{ "2026-03-01", "2026-03-01" }, { "2024-02-29", "2024-02-29" },
	};
	static const char *const bad[] = { "soon", "-1d", "7", "d", "7x",
		"2026-02-30", "2026-1-1", "", "Today", "1000000d",
		"99999m" /* past 9999: found by tests/fuzz/time.c */ };
	char buf[REL_DATE_LEN];
	struct rel_err e;
	int32_t d;
	size_t i;

	(void)state;
	setenv("REL_NOW", "2026-01-31T23:00:00", 1);
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(rel_family_ahead("--on", cases[i].s, &d, &e), 0);
		rel_date_format(d, buf);
		assert_string_equal(buf, cases[i].want);
	}
	for (i = 0; i < NELEM(bad); i++) {
		assert_int_equal(rel_family_ahead("--on", bad[i], &d, &e),
		    REL_EUSAGE);
		assert_string_equal(e.column, "--on");
		assert_non_null(strstr(e.msg, "is not a date (YYYY-MM-DD) or a "
		    "span ahead of today (7d, 2w, 1m, today, tomorrow)"));
	}
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
}

/* The card's section for student rowid sid, in text or Markdown. */
static char *
card(struct tmpdb *t, sqlite3_int64 sid, int md)
{
	struct test_card tc;
	struct rel_err e;

	test_card_begin(&tc, md);
	assert_int_equal(rel_family_card(t->db, sid, &tc.c, &e), 0);
	return test_card_end(&tc);
}

static void
card_is(struct tmpdb *t, sqlite3_int64 sid, int md, const char *want)
{
	char *s = card(t, sid, md);

	assert_string_equal(s, want);
	free(s);
}

static void
test_card(void **state)
{
	struct tmpdb t;
	int i;

	(void)state;
	contacts(&t);
	{
		const char *v[NCOLS] = { "S1", "2026-11-19T10:00", "A2", "call",
			"to_home", "positive", "Rosa Díaz", "mother", "Spanish",
			"Line one,\nline *two*", "2026-11-25", "staff" };
		enum rel_outcome o;
		struct rel_err e;

		assert_int_equal(put(&t, v, &o, &e), 0);
	}
	act(&t, "A4");
	card_is(&t, 1, 0, "\nFamily contacts\n"
	    "  - 2026-11-19 call to home, positive, with Rosa Díaz (mother), "
	    "in Spanish, by Bo Chen: Line one, line *two*\n"
	    "  - 2026-11-12 email from home, neutral, by Ana Silva: Asked about "
	    "the bus\n"
	    "  - 2026-11-02 call to home, positive, by Ana Silva: Shared the "
	    "science fair win\n"
	    "  - open follow-up: 2026-11-25 (in 5 days), after the call of "
	    "2026-11-19 by Bo Chen\n");
	card_is(&t, 1, 1, "\n## Family contacts\n\n"
	    "- 2026-11-19 call to home, positive, with Rosa Díaz (mother), "
	    "in Spanish, by Bo Chen: Line one, line \\*two\\*\n"
	    "- 2026-11-12 email from home, neutral, by Ana Silva: Asked about "
	    "the bus\n"
	    "- 2026-11-02 call to home, positive, by Ana Silva: Shared the "
	    "science fair win\n"
	    "- **open follow-up**: 2026-11-25 (in 5 days), after the call of "
	    "2026-11-19 by Bo Chen\n");
	card_is(&t, 3, 0, "\nFamily contacts\n"
	    "  - 2026-11-16 call to home, concern, by Bo Chen: Worried about a "
	    "friendship\n"
	    "  - open follow-up: 2026-11-18 (2 days overdue), after the call of "
	    "2026-11-16 by Bo Chen\n");
	/* A teacher sees only what they may: nothing of S3's. */
	act(&t, "A1");
	card_is(&t, 3, 0, "\nFamily contacts\n  (none recorded yet)\n");
	/* At most the five newest. */
	act(&t, "A4");
	for (i = 0; i < 6; i++) {
		char at[32];

		snprintf(at, sizeof(at), "2026-10-0%dT09:00", i + 1);
		ok(&t, "S3", at, "A1", "text", "to_home", "positive", NULL, NULL,
		    NULL);
	}
	{
		char *s = card(&t, 3, 0);
		int n = 0;
		const char *p;

		for (p = s; (p = strstr(p, "  - ")) != NULL; p++)
			n++;
		assert_int_equal(n, 6);	/* 5 contacts, 1 follow-up */
		assert_non_null(strstr(s, "2026-10-03 text to home, positive, "
		    "by Ana Silva\n"));
		assert_null(strstr(s, "2026-10-02"));
		free(s);
	}
	card_is(&t, 2, 0, "\nFamily contacts\n"
	    "  - 2026-11-10 meeting to home, concern, by Ana Silva: Missed two "
	    "labs\n"
	    "  - 2026-11-03 text to home, positive, by Bo Chen: On time all "
	    "week\n"
	    "  - 2026-10-01 call to home, concern, by Dee Park: Talked about "
	    "late arrivals\n"
	    "  - open follow-up: 2026-11-13 (7 days overdue), after the meeting "
	    "of 2026-11-10 by Ana Silva\n");
	tmpdb_close(&t);
}

static void
test_round_trip(void **state)
{
	static const char *files[1];
	struct rel_import_count c;
	struct rel_import_opts io;
	char path[PATH_MAX], *s;
	struct tmpdb t, u;
	struct rel_err e;
	struct ask q;
	FILE *fp;
	int rc;

	(void)state;
	contacts(&t);
	{
		const char *v[NCOLS] = { "S1", "2026-11-19T10:00", "A2", "call",
			"to_home", "positive", "Rosa \"Rosie\" Díaz", "mother",
			"Spanish", "Line one, \"quoted\"\nline two", "2026-11-25",
			"team" };
		enum rel_outcome o;

		assert_int_equal(put(&t, v, &o, &e), 0);
	}
	act(&t, "A4");
	ask_init(&q);
	q.ff.f.inactive = 1;
	s = out(&t, LIST, &q, &rc);
	assert_int_equal(rc, 0);
	snprintf(path, sizeof(path), "%s/family.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(s, fp);
	fclose(fp);
	files[0] = path;
	memset(&io, 0, sizeof(io));
	/* Into the same database: every contact a duplicate (but the
	 * deactivated student's, which an import refuses). */
	assert_int_equal(rel_import(t.db, files, 1, rel_family_kind(), 1, &io,
	    &c, &e), REL_EDATA);
	q.ff.f.inactive = 0;
	free(s);
	s = out(&t, LIST, &q, &rc);
	snprintf(path, sizeof(path), "%s/family.csv", t.dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(s, fp);
	fclose(fp);
	assert_int_equal(rel_import(t.db, files, 1, rel_family_kind(), 1, &io,
	    &c, &e), 0);
	assert_int_equal(c.rows, 7);
	assert_int_equal(c.n[REL_DUPLICATE], 7);
	/* Into a new database with the same roster: the same list. */
	school(&u);
	assert_int_equal(rel_import(u.db, files, 1, rel_family_kind(), 1, &io,
	    &c, &e), 0);
	assert_int_equal(c.n[REL_ADDED], 7);
	act(&u, "A4");
	out_is(&u, LIST, &q, s);
	free(s);
	tmpdb_close(&u);
	tmpdb_close(&t);
}

/* Every row of a query, fields separated by '|', rows by '\n'. */
static char *
dump(struct tmpdb *t, const char *sql)
{
	sqlite3_stmt *st;
	size_t len = 0, cap = 4096, m;
	char *buf = malloc(cap);
	int i, nc;

	assert_non_null(buf);
	buf[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t->db), sql, -1, &st,
	    NULL), SQLITE_OK);
	nc = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (i = 0; i < nc; i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			if (v == NULL)
				v = "\\N";
			m = strlen(v) + 1;
			while (len + m + 1 > cap) {
				cap *= 2;
				buf = realloc(buf, cap);
				assert_non_null(buf);
			}
			memcpy(buf + len, v, m - 1);
			len += m - 1;
			buf[len++] = i + 1 < nc ? '|' : '\n';
			buf[len] = '\0';
		}
	sqlite3_finalize(st);
	return buf;
}

static void
sample(struct tmpdb *t, long n, unsigned long seed)
{
	struct rel_err e;

	tmpdb_open(t);
	rel_err_clear(&e);
	if (rel_sample_fill(t->db, n, seed, &e) != 0)
		fail_msg("rel_sample_fill: %s", e.msg);
	/* As rel_sample_fill will call it: inside its transaction. */
	assert_int_equal(rel_db_begin(t->db, &e), 0);
	if (rel_family_sample(t->db, seed, &e) != 0)
		fail_msg("rel_family_sample: %s", e.msg);
	assert_int_equal(rel_db_commit(t->db, &e), 0);
}

#define DUMP_CONTACTS "SELECT s.student_id, f.at, a.adult_id, f.channel, " \
    "f.direction, f.tone, f.contact_name, f.relationship, f.language, " \
    "f.summary, f.follow_up_on, f.visibility FROM family_contact f " \
    "JOIN student s ON s.id = f.student LEFT JOIN adult a ON a.id = f.adult " \
    "ORDER BY f.id"

static void
test_sample(void **state)
{
	struct tmpdb t, u;
	long long n, students, with, pct;
	char *x, *y;

	(void)state;
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	sample(&t, 60, 1);
	n = tmpdb_int(&t, "SELECT count(*) FROM family_contact");
	students = tmpdb_int(&t, "SELECT count(*) FROM student");
	with = tmpdb_int(&t, "SELECT count(DISTINCT student) FROM "
	    "family_contact");
	/* Most families, not all, hear from school. */
	pct = 100 * with / students;
	if (pct < 45 || pct > 85)
		fail_msg("%lld%% of the families have contacts", pct);
	/* Mostly positive; some neutral; a minority of concerns. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE tone = 'positive'") * 2 > n);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE tone = 'neutral'") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE tone = 'concern'") * 4 < n);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE tone = 'concern'") > 0);
	/* Both directions, several channels, relationships and languages. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE direction = 'from_home'") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT channel) FROM "
	    "family_contact") >= 5);
	assert_true(tmpdb_int(&t, "SELECT count(DISTINCT relationship) FROM "
	    "family_contact") >= 4);
	/* A contact in another language is in the student's home language. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE language <> 'English'") > 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact f "
	    "JOIN student s ON s.id = f.student WHERE f.language <> 'English' "
	    "AND f.language IS NOT s.home_language"), 0);
	/* Every contact has an author who knows the student: their
	 * advisory lead, a teacher of theirs, or a counselor. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact f "
	    "JOIN adult a ON a.id = f.adult WHERE a.role <> 'counselor' "
	    "AND NOT EXISTS (SELECT 1 FROM member m JOIN grp g ON g.id = m.grp "
	    " WHERE m.student = f.student AND g.lead_adult = f.adult)"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE adult IS NULL OR contact_name IS NULL OR summary IS NULL"),
	    0);
	/* Nothing after now; every follow-up on or after its contact. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM family_contact "
	    "WHERE at > '2026-11-20T10:00:00' OR follow_up_on < "
	    "substr(at, 1, 10)"), 0);
	/* Some follow-ups done, some still open and overdue. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact f "
	    "WHERE follow_up_on IS NOT NULL AND EXISTS (SELECT 1 FROM "
	    "family_contact d WHERE d.student = f.student AND d.at > f.at)") > 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact f "
	    "WHERE follow_up_on < '2026-11-20' AND NOT EXISTS (SELECT 1 FROM "
	    "family_contact d WHERE d.student = f.student AND d.at > f.at)") > 0);
	/* The students with concern notes hear more of concerns. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM family_contact f "
	    "WHERE tone = 'concern' AND EXISTS (SELECT 1 FROM note n "
	    "WHERE n.student = f.student AND n.kind = 'concern')") > 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM "
	    "pragma_foreign_key_check"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);

	/* The same seed gives the same contacts; another seed others. */
	x = dump(&t, DUMP_CONTACTS);
	sample(&u, 60, 1);
	y = dump(&u, DUMP_CONTACTS);
	assert_string_equal(x, y);
	free(y);
	tmpdb_close(&u);
	sample(&u, 60, 2);
	y = dump(&u, DUMP_CONTACTS);
	assert_string_not_equal(x, y);
	free(y);
	free(x);
	tmpdb_close(&u);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bad_records_change_nothing),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_audited),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_quiet_audited),
		cmocka_unit_test(test_ahead),
		cmocka_unit_test(test_card),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
