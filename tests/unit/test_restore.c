/*
 * test_restore.c: restorative cases and parties written as the importers
 * write them, open, update and close with who may do each, the lists and
 * their audit rows, the follow-ups due, the card's section, follow-up
 * spans, and the sample's cases, on a real database file.
 */
#include "unit.h"
#include "tmpdb.h"
#include "internal.h"
#include "card.h"

/* Students S1-S3 and S4 (deactivated); X1, who is both a student and an
 * adult; adults A1, A2 and A3 (teachers) and A4 (a counselor). A2 leads
 * a class of S1 and S2. */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', 'x'), ('S3', 'Mei', 'King', 'x'), "
	    " ('S4', 'Old', 'Gone', 'x'), ('X1', 'Sam', 'Both', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S4';"
	    "INSERT INTO adult (adult_id, given_name, family_name, updated_at) "
	    " VALUES ('A1', 'Ana', 'Silva', 'x'), ('A2', 'Bo', 'Chen', 'x'), "
	    " ('A3', 'Cy', 'Diaz', 'x'), ('X1', 'Sam', 'Both', 'x');"
	    "INSERT INTO adult (adult_id, given_name, family_name, role, "
	    " updated_at) VALUES ('A4', 'Dee', 'Park', 'counselor', 'x');"
	    "INSERT INTO grp (group_id, name, lead_adult, updated_at) "
	    " VALUES ('BIO', 'Biology', 2, 'x');"
	    "INSERT INTO member (grp, student, updated_at) VALUES (1, 1, 'x'), "
	    " (1, 2, 'x')", &e), 0);
	unsetenv("REL_AS");
	setenv("USER", "nobody.test_restore", 1);
}

static void
act(struct rel_db *db, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(db, adult, &a, &e), 0);
}

/* A new handle on the same file: what a later command sees (the cases
 * it wrote itself are no longer new to it). */
static void
reopen(struct tmpdb *t)
{
	struct rel_err e;

	rel_db_close(t->db);
	assert_int_equal(rel_db_open(&t->db, t->path, 0, &e), 0);
}

static void
has(const struct rel_err *e, const char *want)
{
	char buf[1400];

	rel_err_format(e, buf, sizeof(buf));
	if (strstr(buf, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", buf, want);
}

/* Write a record of kind k as line 2 of cases.csv (NULL: absent). */
static int
put(struct tmpdb *t, const struct rel_import_kind *k, const char *const *v,
    enum rel_outcome *o, struct rel_err *e)
{
	size_t len[10], i;
	struct rel_rec r;

	for (i = 0; i < k->ncols; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = k->ncols;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = "cases.csv";
	r.line = 2;
	rel_err_clear(e);
	return k->write(t->db, &r, o, e);
}

/* case_id opened_at adult_id kind summary agreement status follow_up_on
 * closed_at visibility */
static int
put_case(struct tmpdb *t, const char *id, const char *opened,
    const char *kind, const char *status, const char *follow,
    const char *closed, enum rel_outcome *o, struct rel_err *e)
{
	const char *v[10] = { id, opened, NULL, kind, "A summary", NULL,
		status, follow, closed, NULL };

	return put(t, rel_restore_kind(), v, o, e);
}

static int
put_party(struct tmpdb *t, const char *id, const char *student,
    const char *adult, const char *role, enum rel_outcome *o,
    struct rel_err *e)
{
	const char *v[4] = { id, student, adult, role };

	return put(t, rel_restore_party_kind(), v, o, e);
}

/* The expected 65 (or code) of a bad case, and nothing written. */
static void
bad_case(struct tmpdb *t, const char *id, const char *opened,
    const char *kind, const char *status, const char *follow,
    const char *closed, int code, const char *msg)
{
	long long n = tmpdb_int(t, "SELECT count(*) FROM restorative_case");
	enum rel_outcome o;
	struct rel_err e;

	assert_int_equal(put_case(t, id, opened, kind, status, follow, closed,
	    &o, &e), code);
	has(&e, msg);
	assert_int_equal(tmpdb_int(t, "SELECT count(*) FROM restorative_case"),
	    n);
}

static void
test_cases(void **state)
{
	enum rel_outcome o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	act(t.db, "A1");
	/* Defaults: the next R number, harm, open, private, the author. */
	assert_int_equal(put_case(&t, NULL, "2026-11-02T09:00", NULL, NULL,
	    NULL, NULL, &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE case_id = 'R1' AND kind = 'harm' AND status = 'open' AND "
	    "visibility = 2 AND adult = 1 AND opened_at = "
	    "'2026-11-02T09:00:00'"), 1);
	assert_int_equal(put_case(&t, "R7", "2026-11-02", "Circle",
	    "REPAIRED", "2026-11-02", NULL, &o, &e), 0);
	assert_int_equal(put_case(&t, "R0012", "2026-11-02", NULL, NULL, NULL,
	    NULL, &o, &e), 0);
	assert_int_equal(put_case(&t, "Rx9", "2026-11-02", NULL, NULL, NULL,
	    NULL, &o, &e), 0);
	assert_int_equal(put_case(&t, NULL, "2026-11-03", NULL, NULL, NULL,
	    NULL, &o, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE case_id = 'R13' AND opened_at = '2026-11-03T00:00:00'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE case_id = 'R7' AND kind = 'circle' AND status = 'repaired' "
	    "AND follow_up_on = '2026-11-02'"), 1);
	/* Closed: status and closed_at go together. */
	assert_int_equal(put_case(&t, "C1", "2026-11-02", NULL, NULL, NULL,
	    "2026-11-10T15:00", &o, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE case_id = 'C1' AND status = 'closed'"), 1);
	/* The same case again is a duplicate; other values are an error. */
	assert_int_equal(put_case(&t, "R7", "2026-11-02", "circle",
	    "repaired", "2026-11-02", NULL, &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	bad_case(&t, "R7", "2026-11-02", "circle", "agreement", "2026-11-02",
	    NULL, REL_EDATA, "cases.csv:2: case_id: \"R7\" is already a case, "
	    "with other values");
	/* The bad-input catalogue. */
	bad_case(&t, NULL, NULL, NULL, NULL, NULL, NULL, REL_EDATA,
	    "opened_at: is empty");
	bad_case(&t, NULL, "2026-13-01", NULL, NULL, NULL, NULL, REL_EDATA,
	    "opened_at: \"2026-13-01\" is not a date-time");
	bad_case(&t, NULL, "2026-11-02", "fight", NULL, NULL, NULL, REL_EDATA,
	    "kind: \"fight\" is not one of harm, conflict, circle or reentry");
	bad_case(&t, NULL, "2026-11-02", NULL, "done", NULL, NULL, REL_EDATA,
	    "status: \"done\" is not one of open, circle_held, agreement, "
	    "repaired or closed");
	bad_case(&t, NULL, "2026-11-02", NULL, NULL, "2026-11-01", NULL,
	    REL_EDATA, "follow_up_on: \"2026-11-01\" is before the case was "
	    "opened, 2026-11-02; a follow-up must be on or after it");
	bad_case(&t, NULL, "2026-11-02", NULL, NULL, "next week", NULL,
	    REL_EDATA, "follow_up_on: \"next week\" is not a date "
	    "(YYYY-MM-DD)");
	bad_case(&t, NULL, "2026-11-02", NULL, "closed", NULL, NULL, REL_EDATA,
	    "closed_at: is empty; a closed case needs the date-time it was "
	    "closed");
	bad_case(&t, NULL, "2026-11-02", NULL, "open", NULL, "2026-11-03",
	    REL_EDATA, "closed_at: \"2026-11-03\" is given, but the status is "
	    "open");
	bad_case(&t, NULL, "2026-11-02T10:00", NULL, NULL, NULL,
	    "2026-11-02T09:00", REL_EDATA, "closed_at: \"2026-11-02T09:00\" is "
	    "before the case was opened, 2026-11-02T10:00:00");
	bad_case(&t, " R9", "2026-11-02", NULL, NULL, NULL, NULL, REL_EDATA,
	    "case_id: \" R9\" has spaces around it");
	{
		const char *v[10] = { NULL, "2026-11-02", "A9", NULL, NULL,
			NULL, NULL, NULL, NULL, "secret" };

		assert_int_equal(put(&t, rel_restore_kind(), v, &o, &e),
		    REL_EDATA);
		has(&e, "visibility: \"secret\" is not staff, team or private");
		v[9] = NULL;
		assert_int_equal(put(&t, rel_restore_kind(), v, &o, &e),
		    REL_EDATA);
		has(&e, "adult_id: \"A9\" is not a known adult");
		v[2] = NULL;
		v[4] = "ring\a";
		assert_int_equal(put(&t, rel_restore_kind(), v, &o, &e),
		    REL_EDATA);
		has(&e, "summary: \"ring\\x07\" has a control character");
	}
	tmpdb_close(&t);
}

static void
test_parties(void **state)
{
	enum rel_outcome o;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	act(t.db, "A1");
	assert_int_equal(put_case(&t, "R1", "2026-11-02", NULL, NULL, NULL,
	    NULL, &o, &e), 0);
	assert_int_equal(put_party(&t, "R1", "S1", NULL, "harmed", &o, &e), 0);
	assert_int_equal(o, REL_ADDED);
	assert_int_equal(put_party(&t, "R1", NULL, "A2", "Supporter", &o, &e),
	    0);
	assert_int_equal(put_party(&t, "R1", "S1", NULL, "harmed", &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_int_equal(put_party(&t, "R1", "S1", NULL, "affected", &o, &e),
	    REL_EDATA);
	has(&e, "cases.csv:2: student_id: \"S1\" is already a party to R1, as "
	    "harmed; a person has one role in a case");
	assert_int_equal(put_party(&t, "R1", "S2", "A2", "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "adult_id: is given as well as student_id");
	assert_int_equal(put_party(&t, "R1", NULL, NULL, "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "student_id: is empty, and so is adult_id");
	assert_int_equal(put_party(&t, "R9", "S2", NULL, "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "case_id: \"R9\" is not a known case");
	assert_int_equal(put_party(&t, "R1", "S9", NULL, "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "student_id: \"S9\" is not a known student");
	assert_int_equal(put_party(&t, "R1", "S4", NULL, "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "student_id: \"S4\" is deactivated");
	assert_int_equal(put_party(&t, "R1", NULL, "A9", "harmed", &o, &e),
	    REL_EDATA);
	has(&e, "adult_id: \"A9\" is not a known adult");
	assert_int_equal(put_party(&t, "R1", "S2", NULL, "bystander", &o, &e),
	    REL_EDATA);
	has(&e, "role: \"bystander\" is not one of harmed, responsible, "
	    "affected, supporter or facilitator");
	assert_int_equal(put_party(&t, "R1", "S2", NULL, "", &o, &e),
	    REL_EDATA);
	has(&e, "role: is empty");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM party"), 2);

	/* A later run: a party to a case one did not just write is a change
	 * to it, for its author, facilitators, counselors and admins. */
	reopen(&t);
	act(t.db, "A3");
	assert_int_equal(put_party(&t, "R1", "S2", NULL, "responsible", &o,
	    &e), REL_EDATA);
	has(&e, "case_id: \"R1\" is not a known case");
	act(t.db, "A2");	/* a supporter: sees it, may not change it */
	assert_int_equal(put_party(&t, "R1", "S1", NULL, "harmed", &o, &e), 0);
	assert_int_equal(o, REL_DUPLICATE);
	assert_int_equal(put_party(&t, "R1", "S2", NULL, "responsible", &o,
	    &e), REL_EPERM);
	has(&e, "case_id: \"R1\" may be changed only by its author, its "
	    "facilitators, counselors and admins");
	act(t.db, "A1");
	assert_int_equal(put_party(&t, "R1", "S2", NULL, "responsible", &o,
	    &e), 0);
	assert_int_equal(put_party(&t, "R1", NULL, "A3", "facilitator", &o,
	    &e), 0);
	act(t.db, "A3");	/* now a facilitator */
	assert_int_equal(put_party(&t, "R1", "S3", NULL, "affected", &o, &e),
	    0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM party"), 5);
	tmpdb_close(&t);
}

static void
report(void *ctx, const struct rel_err *e)
{
	int *n = ctx;

	(void)e;
	(*n)++;
}

static void
test_open(void **state)
{
	const struct rel_restore_who who[] = {
		{ "--harmed", "harmed", "S1" },
		{ "--responsible", "responsible", "S2" },
		{ "--facilitator", "facilitator", "A4" },
		{ "--harmed", "harmed", "S1" },
	};
	struct rel_restore_open o;
	char id[65], path[PATH_MAX];
	struct rel_err e;
	struct tmpdb t;
	long n;
	int bad = 0;
	FILE *fp;

	(void)state;
	school(&t);
	act(t.db, "A1");
	memset(&o, 0, sizeof(o));
	o.opened_at = "2026-11-02T09:00:00";
	o.kind = "conflict";
	o.summary = "Words in the corridor";
	o.follow_up_on = "2026-11-09";
	o.who = who;
	o.nwho = NELEM(who);
	o.report = report;
	o.ctx = &bad;
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), 0);
	assert_string_equal(id, "R1");
	assert_int_equal(n, 3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM party p JOIN "
	    "restorative_case c ON c.id = p.rcase WHERE c.case_id = 'R1'"), 3);

	/* Options and a file together; the file's rows add to them. */
	snprintf(path, sizeof(path), "%s/parties.csv", t.dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("role,student_id,adult_id\naffected,S3,\nsupporter,,A2\n", fp);
	fclose(fp);
	o.nwho = 1;
	o.file = path;
	o.case_id = "R5";
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), 0);
	assert_string_equal(id, "R5");
	assert_int_equal(n, 3);
	/* An existing id is not opened again. */
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), REL_EDATA);
	has(&e, "case_id: \"R5\" is already a case");

	/* Every bad party is reported; nothing is written. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("student_id,adult_id,role\nS9,,harmed\nS3,A2,affected\n"
	    "S2,,friend\n", fp);
	fclose(fp);
	o.case_id = NULL;
	{
		const struct rel_restore_who bads[] = {
			{ "--harmed", "harmed", "X1" },
			{ "--supporter", "supporter", "Z9" },
			{ "--affected", "affected", "S4" },
		};

		o.who = bads;
		o.nwho = NELEM(bads);
		assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e),
		    REL_EDATA);
	}
	has(&e, "6 bad parties; the case was not opened");
	assert_int_equal(bad, 6);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case"),
	    2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM party"), 6);

	/* A file with no party, and no option: no case. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("student_id,adult_id,role\n", fp);
	fclose(fp);
	o.nwho = 0;
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), REL_EDATA);
	has(&e, "a case needs at least one party");
	/* A bad header, a missing file. */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("case_id,student_id,role\nR1,S1,harmed\n", fp);
	fclose(fp);
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), REL_EDATA);
	has(&e, "\"case_id\" is not a known column");
	o.file = "/nonexistent/parties.csv";
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), REL_ENOINPUT);
	/* A bad case value stops it at once. */
	o.file = NULL;
	o.who = who;
	o.nwho = 1;
	o.follow_up_on = "2026-11-01";
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), REL_EDATA);
	has(&e, "follow_up_on: \"2026-11-01\" is before the case was opened");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case"),
	    2);
	tmpdb_close(&t);
}

static void
test_change(void **state)
{
	const struct rel_restore_who who[] = {
		{ "--harmed", "harmed", "S1" },
		{ "--facilitator", "facilitator", "A3" },
		{ "--supporter", "supporter", "A2" },
	};
	struct rel_restore_change c;
	struct rel_restore_open o;
	struct rel_err e;
	struct tmpdb t;
	char id[65];
	long n;

	(void)state;
	school(&t);
	act(t.db, "A1");
	memset(&o, 0, sizeof(o));
	o.opened_at = "2026-11-02T09:00:00";
	o.summary = "Took a phone";
	o.who = who;
	o.nwho = NELEM(who);
	assert_int_equal(rel_restore_open(t.db, &o, id, &n, &e), 0);

	memset(&c, 0, sizeof(c));
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EUSAGE);
	c.status = "Circle_Held";
	c.agreement = "Will return it and apologise";
	c.follow_up_on = "2026-11-16";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE status = 'circle_held' AND agreement = 'Will return it and "
	    "apologise' AND follow_up_on = '2026-11-16'"), 1);
	/* Only what is given changes; "" clears. */
	memset(&c, 0, sizeof(c));
	c.follow_up_on = "";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE status = 'circle_held' AND agreement IS NOT NULL AND "
	    "follow_up_on IS NULL"), 1);
	c.follow_up_on = "2026-11-01";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EDATA);
	has(&e, "--follow-up: \"2026-11-01\" is before the case was opened, "
	    "2026-11-02");
	c.follow_up_on = NULL;
	c.status = "closed";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EUSAGE);
	has(&e, "a case is closed with rel-restore close");
	c.status = "mended";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EUSAGE);
	c.status = "agreement";
	assert_int_equal(rel_restore_update(t.db, "R9", &c, &e), REL_EDATA);
	has(&e, "case_id: \"R9\" is not a known case");

	/* Who may change it: not a stranger (who does not see it), not a
	 * supporter (who does); a facilitator and a counselor may. */
	act(t.db, "A1");
	reopen(&t);
	act(t.db, "X1");
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EDATA);
	has(&e, "is not a known case");
	act(t.db, "A2");
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EPERM);
	assert_int_equal(rel_restore_close(t.db, "R1", NULL, INT64_MIN, &e),
	    REL_EPERM);
	act(t.db, "A3");
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), 0);
	act(t.db, "A4");
	c.status = "repaired";
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), 0);

	/* Close: before it was opened is refused; the outcome ends the
	 * summary; a closed case is not changed. */
	assert_int_equal(rel_restore_close(t.db, "R1", "x", 0, &e), REL_EDATA);
	has(&e, "--at: \"1970-01-01T00:00:00\" is before the case was opened");
	assert_int_equal(rel_restore_close(t.db, "R1", "Phone back; they talk "
	    "again", INT64_MIN, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE status = 'closed' AND closed_at = '2026-11-20T10:00:00' AND "
	    "summary = 'Took a phone' || char(10) || "
	    "'Outcome: Phone back; they talk again'"), 1);
	assert_int_equal(rel_restore_close(t.db, "R1", NULL, INT64_MIN, &e),
	    REL_EDATA);
	has(&e, "case_id: \"R1\" is closed");
	assert_int_equal(rel_restore_update(t.db, "R1", &c, &e), REL_EDATA);
	tmpdb_close(&t);
}

/* A list into a string; the status in *rc. Free the result. */
static char *
out(struct tmpdb *t, int what, const struct rel_restore_filter *rf, int *rc)
{
	const char *const *cols;
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t n, len;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	cols = what == 0 ? rel_restore_cols(&n) : what == 1 ?
	    rel_restore_party_cols(&n) : rel_restore_due_cols(&n);
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, n, &e), 0);
	rel_err_clear(&e);
	*rc = what == 0 ? rel_restore_list(t->db, rf, o, &e) : what == 1 ?
	    rel_restore_party_list(t->db, rf, o, &e) :
	    rel_restore_due(t->db, rel_today(), NULL, rf->f.set, o, &e);
	if (*rc == 0)
		rel_out_close(o, &e);
	else
		rel_out_abort(o);
	fclose(fp);
	return buf;
}

static void
out_is(struct tmpdb *t, int what, const struct rel_restore_filter *rf,
    const char *want)
{
	int rc;
	char *s = out(t, what, rf, &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(s, want);
	free(s);
}

/* Two cases: R1 private (S1 harmed, S2 responsible, A2 supporter) by A1,
 * R2 team (S3 affected) by A1, closed. */
static void
two_cases(struct tmpdb *t)
{
	enum rel_outcome o;
	struct rel_err e;
	const char *r1[10] = { "R1", "2026-11-02T09:00", "A1", "harm",
		"Took a phone", NULL, "open", "2026-11-18", NULL, NULL };
	const char *r2[10] = { "R2", "2026-10-01T09:00", "A1", "circle",
		"Circle, lab group", "Take turns", "closed", NULL,
		"2026-10-20T15:00", "team" };

	assert_int_equal(put(t, rel_restore_kind(), r1, &o, &e), 0);
	assert_int_equal(put(t, rel_restore_kind(), r2, &o, &e), 0);
	assert_int_equal(put_party(t, "R1", "S1", NULL, "harmed", &o, &e), 0);
	assert_int_equal(put_party(t, "R1", "S2", NULL, "responsible", &o, &e),
	    0);
	assert_int_equal(put_party(t, "R1", NULL, "A2", "supporter", &o, &e),
	    0);
	assert_int_equal(put_party(t, "R2", "S3", NULL, "affected", &o, &e),
	    0);
}

static void
test_list(void **state)
{
	struct rel_restore_filter rf;
	struct rel_err e;
	struct tmpdb t;
	int rc;
	char *s;

	(void)state;
	school(&t);
	two_cases(&t);
	reopen(&t);
	act(t.db, "A4");
	rel_restore_filter_init(&rf);
	out_is(&t, 0, &rf,
	    "case_id,opened_at,adult_id,kind,summary,agreement,status,"
	    "follow_up_on,closed_at,visibility\n"
	    "R2,2026-10-01T09:00:00,A1,circle,\"Circle, lab group\",Take turns,"
	    "closed,,2026-10-20T15:00:00,team\n"
	    "R1,2026-11-02T09:00:00,A1,harm,Took a phone,,open,2026-11-18,,"
	    "private\n");
	/* The audit row names both students of the private case. */
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "students = 2 AND detail = '1 private row'"), 1);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) * 10 + sum(student) "
	    "FROM audit_student"), 23);

	out_is(&t, 1, &rf,
	    "case_id,student_id,adult_id,role\n"
	    "R2,S3,,affected\n"
	    "R1,S1,,harmed\nR1,S2,,responsible\nR1,,A2,supporter\n");
	rf.open = 1;
	rf.f.student = "S2";
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R1,S1,,harmed\nR1,S2,,responsible\nR1,,A2,supporter\n");
	rel_restore_filter_init(&rf);
	rf.status = "Closed";
	rf.f.kind = "circle";
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R2,S3,,affected\n");
	rel_restore_filter_init(&rf);
	rf.f.adult = "A2";
	rf.case_id = "R1";
	assert_int_equal(rel_filter_times(&rf.f, "2026-11-02", NULL, &e), 0);
	s = out(&t, 0, &rf, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "\nR1,"));
	assert_null(strstr(s, "\nR2,"));
	free(s);
	/* The set: cases with a student of it; --set-parties keeps only its
	 * students among the parties. */
	rel_restore_filter_init(&rf);
	assert_int_equal(rel_db_exec(t.db, "INSERT INTO temp.rel_set "
	    "VALUES (2)", &e), 0);
	rf.f.set = 1;
	rf.set_parties = 1;
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R1,S2,,responsible\nR1,,A2,supporter\n");
	/* Bad filters. */
	rel_restore_filter_init(&rf);
	rf.f.kind = "fight";
	free(out(&t, 0, &rf, &rc));
	assert_int_equal(rc, REL_EUSAGE);
	rf.f.kind = NULL;
	rf.status = "done";
	free(out(&t, 0, &rf, &rc));
	assert_int_equal(rc, REL_EUSAGE);
	rf.status = NULL;
	rf.case_id = "R9";
	free(out(&t, 0, &rf, &rc));
	assert_int_equal(rc, REL_EDATA);
	rf.case_id = NULL;
	rf.f.student = "S9";
	free(out(&t, 1, &rf, &rc));
	assert_int_equal(rc, REL_EDATA);

	/* Who sees what: A2, a party, sees R1; A3 neither; a team case is
	 * seen by the team of its students (A2 leads S1 and S2's class). */
	rel_restore_filter_init(&rf);
	act(t.db, "A3");
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n");
	act(t.db, "A2");
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R1,S1,,harmed\nR1,S2,,responsible\nR1,,A2,supporter\n");
	assert_int_equal(rel_db_exec(t.db, "UPDATE restorative_case SET "
	    "visibility = 1 WHERE case_id = 'R1'; DELETE FROM party WHERE "
	    "adult = 2", &e), 0);
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R1,S1,,harmed\nR1,S2,,responsible\n");
	act(t.db, "A3");
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n");
	/* Deactivated students' cases are left out unless asked for. */
	act(t.db, "A4");
	assert_int_equal(rel_db_exec(t.db, "UPDATE student SET active = 0 "
	    "WHERE student_id = 'S3'", &e), 0);
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R1,S1,,harmed\nR1,S2,,responsible\n");
	rf.f.inactive = 1;
	out_is(&t, 1, &rf, "case_id,student_id,adult_id,role\n"
	    "R2,S3,,affected\nR1,S1,,harmed\nR1,S2,,responsible\n");
	tmpdb_close(&t);
}

static void
test_due_card(void **state)
{
	struct rel_restore_filter rf;
	struct test_card tc;
	struct rel_err e;
	struct tmpdb t;
	char *buf;

	(void)state;
	school(&t);
	two_cases(&t);
	reopen(&t);
	act(t.db, "A4");
	rel_restore_filter_init(&rf);
	out_is(&t, 2, &rf,
	    "case_id,follow_up_on,days_overdue,kind,status,student_id,"
	    "given_name,family_name,role\n"
	    "R1,2026-11-18,2,harm,open,S1,Zoë,Ñuñez,harmed\n"
	    "R1,2026-11-18,2,harm,open,S2,Liam,O'Connor,responsible\n");
	act(t.db, "A3");
	out_is(&t, 2, &rf,
	    "case_id,follow_up_on,days_overdue,kind,status,student_id,"
	    "given_name,family_name,role\n");

	/* The card: open cases only, as the reader may see them. */
	test_card_begin(&tc, 0);
	act(t.db, "A4");
	assert_int_equal(rel_db_exec(t.db, "UPDATE restorative_case SET "
	    "agreement = 'Return *it*', status = 'circle_held' "
	    "WHERE case_id = 'R1'", &e), 0);
	assert_int_equal(rel_restore_card(t.db, 2, &tc.c, &e), 0);
	assert_int_equal(rel_restore_card(t.db, 3, &tc.c, &e), 0);
	act(t.db, "A3");
	assert_int_equal(rel_restore_card(t.db, 2, &tc.c, &e), 0);
	test_card_switch(&tc, 1);
	act(t.db, "A4");
	assert_int_equal(rel_restore_card(t.db, 1, &tc.c, &e), 0);
	buf = test_card_end(&tc);
	assert_string_equal(buf,
	    "\nRestorative cases\n"
	    "  - R1: harm, opened 2026-11-02, as responsible; circle held; "
	    "follow-up 2026-11-18; agreement: Return *it*\n"
	    "\nRestorative cases\n  (none recorded yet)\n"
	    "\nRestorative cases\n  (none recorded yet)\n"
	    "\n## Restorative cases\n\n"
	    "- R1: harm, opened 2026-11-02, as harmed; circle held; "
	    "follow-up 2026-11-18; agreement: Return \\*it\\*\n");
	free(buf);
	tmpdb_close(&t);
}

static void
when_is(const char *s, const char *want)
{
	char buf[REL_DATE_LEN];
	struct rel_err e;

	assert_int_equal(rel_restore_when("--follow-up", s, buf, &e), 0);
	assert_string_equal(buf, want);
}

static void
test_when(void **state)
{
	char buf[REL_DATE_LEN];
	struct rel_err e;
	const char *bad[] = { "", "d", "7", "-7d", "7x", "2026-02-30", "soon",
		"100000d", "7 d" };
	size_t i;

	(void)state;
	when_is("2026-12-01", "2026-12-01");
	when_is("today", "2026-11-20");
	when_is("tomorrow", "2026-11-21");
	when_is("7d", "2026-11-27");
	when_is("2w", "2026-12-04");
	when_is("1m", "2026-12-20");
	when_is("3m", "2027-02-20");
	when_is("none", "");
	setenv("REL_NOW", "2026-01-31T10:00:00", 1);
	when_is("1m", "2026-02-28");
	when_is("13m", "2027-02-28");
	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	for (i = 0; i < NELEM(bad); i++) {
		assert_int_equal(rel_restore_when("--on", bad[i], buf, &e),
		    REL_EUSAGE);
		has(&e, "is not a date (YYYY-MM-DD) or a span ahead of today");
	}
}

/* The sample's cases, as a text dump. Free it. */
static char *
dump(struct tmpdb *t)
{
	sqlite3_stmt *st;
	char *s = NULL, *p;
	size_t n = 0;

	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t->db),
	    "SELECT c.case_id || c.opened_at || ifnull(c.adult, '') || c.kind "
	    "|| c.status || ifnull(c.follow_up_on, '') || c.visibility || "
	    "(SELECT group_concat(ifnull(student, '') || '/' || "
	    "ifnull(adult, '') || p.role) FROM party p WHERE p.rcase = c.id) "
	    "FROM restorative_case c ORDER BY c.id", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);

		p = realloc(s, n + strlen(row) + 2);
		assert_non_null(p);
		s = p;
		memcpy(s + n, row, strlen(row));
		n += strlen(row);
		s[n++] = '\n';
		s[n] = '\0';
	}
	sqlite3_finalize(st);
	return s;
}

#define NO_CASES "DELETE FROM party; DELETE FROM restorative_case; " \
    "DELETE FROM temp.rel_case_new"

static void
test_sample(void **state)
{
	struct tmpdb t, u;
	struct rel_err e;
	char *a, *b;

	(void)state;
	tmpdb_open(&t);
	assert_int_equal(rel_sample_fill(t.db, 60, 1, &e), 0);
	/* rel_sample_fill makes them too: start from none. */
	if (rel_db_exec(t.db, NO_CASES, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_restore_sample(t.db, 1, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM restorative_case") >=
	    3);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE kind = 'reentry'") > 0, 1);
	/* Something is due today, and no closed case has a follow-up. */
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE status <> 'closed' AND follow_up_on <= '2026-11-20'") > 0);
	/* 2 to 4 parties each, one facilitator, a counselor or an admin. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM "
	    "restorative_case c "
	    "WHERE (SELECT count(*) FROM party p WHERE p.rcase = c.id) "
	    "NOT BETWEEN 2 AND 4"), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM "
	    "restorative_case c WHERE (SELECT count(*) FROM party p "
	    "JOIN adult a ON a.id = p.adult WHERE p.rcase = c.id "
	    "AND p.role = 'facilitator' "
	    "AND a.role IN ('counselor', 'admin')) <> 1"), 0);
	/* An agreement once there is one. */
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE (status IN ('open', 'circle_held')) <> (agreement IS NULL)"),
	    0);
	/* The same seed, the same cases. */
	tmpdb_open(&u);
	assert_int_equal(rel_sample_fill(u.db, 60, 1, &e), 0);
	/* rel_sample_fill makes them too: start from none. */
	assert_int_equal(rel_db_exec(u.db, NO_CASES, &e), 0);
	assert_int_equal(rel_db_begin(u.db, &e), 0);
	assert_int_equal(rel_restore_sample(u.db, 1, &e), 0);
	assert_int_equal(rel_db_commit(u.db, &e), 0);
	a = dump(&t);
	b = dump(&u);
	assert_string_equal(a, b);
	free(a);
	free(b);
	tmpdb_close(&u);
	/* A bigger school: four cases for each hundred students. */
	tmpdb_close(&t);
	tmpdb_open(&t);
	assert_int_equal(rel_sample_fill(t.db, 500, 7, &e), 0);
	/* rel_sample_fill makes them too: start from none. */
	if (rel_db_exec(t.db, NO_CASES, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(rel_db_begin(t.db, &e), 0);
	assert_int_equal(rel_restore_sample(t.db, 7, &e), 0);
	assert_int_equal(rel_db_commit(t.db, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM restorative_case"),
	    20);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT kind) FROM "
	    "restorative_case"), 4);
	assert_int_equal(tmpdb_int(&t, "SELECT count(DISTINCT status) FROM "
	    "restorative_case"), 5);
	assert_true(tmpdb_int(&t, "SELECT count(*) FROM restorative_case "
	    "WHERE visibility = 1") > 0);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_parties),
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_due_card),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_sample),
	};

	if (setenv("REL_NOW", "2026-11-20T10:00:00", 1) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
